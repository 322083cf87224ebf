"""``journeykit import``: turn a real export into a folder the other commands read.

``journeykit import ga4 events_2024*.json.gz --out data/shop`` reads GA4's BigQuery export
(JSON lines, optionally gzip, or Parquet; one or many daily files or folders) and writes
``events``, ``users`` and ``orders`` plus ``import.json`` (counts, time zone, warnings).
``journeykit import csv tracks.csv --map user_id=anonymous_id,timestamp=sent_at,event_type=event
--out data/shop`` does the same for any events or orders CSV (``--table orders`` for an order
export; ``--mapping FILE.toml`` for both at once). An existing ``--out`` folder is never touched
without ``--force``, and a bad file leaves nothing behind.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from journeykit.errors import ParameterError
from journeykit.imports.common import EPOCH_UNITS, OUT_FORMATS

__all__ = ["register"]


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", type=Path, required=True, metavar="DIR", help="folder to write")
    p.add_argument(
        "--timezone",
        default=None,
        metavar="TZ",
        help="store times as this zone's wall clock, e.g. Asia/Jakarta (default: UTC); "
        "recorded in import.json; do not convert them again (timezone= of hour-of-day views)",
    )
    p.add_argument(
        "--format",
        choices=tuple(OUT_FORMATS),
        default="csv",
        help="csv: gzip CSV (default); parquet: keeps column types, faster for big data",
    )
    p.add_argument("--force", action="store_true", help="replace an --out folder that holds files")


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``import ga4`` and ``import csv``."""
    p = subparsers.add_parser(
        "import",
        help="import a GA4 BigQuery export or any events/orders CSV into journeykit's tables",
        description="Read a real export and write events, users and orders tables to --out.",
    )
    sub = p.add_subparsers(dest="import_kind", metavar="KIND", required=True)
    g = sub.add_parser(
        "ga4",
        help="GA4's BigQuery export (events_YYYYMMDD .json/.jsonl[.gz] or .parquet)",
        description=(
            "Read GA4 BigQuery export files (newline-delimited JSON, optionally gzip, or Parquet). "
            "Each touch gets its session's source/medium, grouped by GA4's default channel rules; "
            "traffic_source (first acquisition) goes to users.acquisition_channel only."
        ),
    )
    g.add_argument("files", nargs="+", type=Path, metavar="FILE", help="export files or folders")
    g.add_argument(
        "--purchase-event",
        default="purchase",
        metavar="NAME",
        help="event whose transaction_id rows become orders (default purchase)",
    )
    _common(g)
    g.set_defaults(func=_run_ga4)
    c = sub.add_parser(
        "csv",
        help="any events or orders CSV, with a column mapping (Segment, Snowplow, shop orders)",
        description=(
            "Read a CSV through a mapping NAME=COLUMN (events: user_id, timestamp, event_type "
            "required; orders: order_id, user_id, timestamp, price required). Integer epoch "
            "timestamps need --timestamp-unit."
        ),
    )
    c.add_argument(
        "file", nargs="?", type=Path, metavar="FILE", help="the CSV (or name it in --mapping)"
    )
    c.add_argument(
        "--table",
        choices=("events", "orders"),
        default="events",
        help="what FILE holds (default events)",
    )
    c.add_argument(
        "--map",
        default="",
        metavar="NAME=COL,...",
        help="which column is which, e.g. user_id=anonymous_id,timestamp=sent_at,event_type=event",
    )
    c.add_argument(
        "--mapping",
        type=Path,
        default=None,
        metavar="FILE.toml",
        help="a TOML mapping with [events] and/or [orders] tables",
    )
    c.add_argument(
        "--timestamp-unit",
        choices=EPOCH_UNITS,
        default=None,
        help="what integer timestamps count: s, ms, us or ns since 1970 UTC",
    )
    _common(c)
    c.set_defaults(func=_run_csv)


def _print_report(report: dict[str, object], out: Path) -> None:
    for key in ("events", "users", "sessions", "orders"):
        value = report.get(key)
        if isinstance(value, dict):
            value = value.get("rows")
        if isinstance(value, int):
            print(f"{key:<9} {value:>10,}")
    print(f"written to {out}  (times: {report.get('timezone')}; details in {out / 'import.json'})")
    for w in report.get("warnings", []) or []:  # type: ignore[union-attr]
        print(f"note: {w}", file=sys.stderr)


def _run_ga4(args: argparse.Namespace) -> int:
    from journeykit.imports.ga4 import import_ga4

    data = import_ga4(
        args.files,
        args.out,
        timezone=args.timezone,
        fmt=args.format,
        force=args.force,
        purchase_event=args.purchase_event,
    )
    _print_report(data.report, args.out)
    return 0


def _run_csv(args: argparse.Namespace) -> int:
    from journeykit.imports.csv import import_csv, parse_map, read_mapping

    spec: dict[str, object] = read_mapping(args.mapping) if args.mapping else {}
    unit = args.timestamp_unit or spec.get("timestamp_unit")
    tz = args.timezone or spec.get("timezone")
    files: dict[str, object] = {}
    maps: dict[str, dict[str, str]] = {}
    for table in ("events", "orders"):
        t = spec.get(table)
        if isinstance(t, dict):
            maps[table] = {k: v for k, v in t.items() if k != "file"}
            if "file" in t:
                files[table] = Path(t["file"])
    if args.file is not None:
        files[args.table] = args.file
    if args.map:
        maps[args.table] = {**maps.get(args.table, {}), **parse_map(args.map)}
    if not files:
        raise ParameterError(
            "journeykit import csv: name a CSV file (or give file = ... in --mapping)"
        )
    report = import_csv(
        args.out,
        events=files.get("events"),  # type: ignore[arg-type]
        events_map=maps.get("events"),
        orders=files.get("orders"),  # type: ignore[arg-type]
        orders_map=maps.get("orders"),
        timestamp_unit=unit,  # type: ignore[arg-type]
        timezone=tz,  # type: ignore[arg-type]
        fmt=args.format,
        force=args.force,
    )
    _print_report(report, args.out)
    return 0
