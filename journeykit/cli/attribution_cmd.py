"""``journeykit paths``, ``journeykit attribution`` and ``journeykit assisted``.

``paths DIR`` turns a data set folder (the generator's tables, or your own that pass
:func:`journeykit.schema.validate_table`) into the aggregated paths table; ``attribution`` and
``assisted`` read such a table (``path``, ``total_conversions``, ``total_null``,
``total_conversion_value``) and print or write one row per channel. Results go to ``--out``
(never replacing a file without ``--force``) or, without it, to standard output as CSV.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

import pandas as pd

from journeykit.attribution import DEFAULT_MODELS, MODELS, attribute
from journeykit.cli import check_out
from journeykit.errors import ParameterError
from journeykit.files import csv_bytes, write_csv
from journeykit.paths import (
    DEFAULT_TOUCH_TYPES,
    aggregate_paths,
    assisted_conversions,
    conversion_paths,
    read_paths,
    write_paths,
)
from journeykit.schema import TIMESTAMP_UNITS, read_tables

__all__ = ["register"]


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``paths``, ``attribution`` and ``assisted``."""
    p = subparsers.add_parser(
        "paths",
        help="build the aggregated conversion-paths table from a data set folder",
        description=(
            "Read the data set in DIR (the five tables as written by 'journeykit synth', or your "
            "own passing the same checks) and write the aggregated paths table: path ('social_ads > email > direct'), total_conversions, "
            "total_null, total_conversion_value. A conversion is a first purchase unless "
            "--conversions all; touches are counted within --lookback-days before it."
        ),
    )
    p.add_argument(
        "dir", type=Path, metavar="DIR", help="data set folder (users, events, orders ...)"
    )
    p.add_argument("--out", type=Path, help="CSV file to write (default: standard output)")
    p.add_argument(
        "--lookback-days",
        type=float,
        default=30.0,
        help="touches up to this many days before a conversion count (default 30)",
    )
    p.add_argument(
        "--conversions",
        choices=("first", "all"),
        default="first",
        help="first conversion per person (default) or every one",
    )
    p.add_argument(
        "--conversion",
        default="purchase",
        metavar="EVENT",
        help="the event name that is a conversion (default purchase; e.g. sign_up, generate_lead)",
    )
    p.add_argument(
        "--touch-types",
        default=None,
        metavar="A,B,...",
        help=(
            "event names that count as touches, comma-separated, or 'all' (default: the synthetic "
            "data's visit, click, engage, subscribe ...; a GA4 export needs e.g. "
            "session_start,page_view or all)"
        ),
    )
    p.add_argument(
        "--timestamp-unit",
        choices=TIMESTAMP_UNITS,
        default=None,
        help="unit of epoch-number timestamps in the files (never guessed)",
    )
    p.add_argument("--force", action="store_true", help="replace an existing --out file")
    p.set_defaults(func=_run_paths)

    a = subparsers.add_parser(
        "attribution",
        help="credit conversions (or value) to channels under several attribution models",
        description=(
            "Read an aggregated paths CSV and print one row per channel: a channel column and "
            "one column per model, named as given, holding attributed conversions (attributed "
            f"value with --value). Models: {', '.join(MODELS)}. time_decay on an aggregated "
            "table decays by position (--half-life-touches); markov is the exact removal effect."
        ),
    )
    a.add_argument("paths", type=Path, metavar="PATHS.csv", help="aggregated paths table")
    a.add_argument(
        "--models",
        default=",".join(DEFAULT_MODELS),
        help=f"comma-separated models (default {','.join(DEFAULT_MODELS)})",
    )
    a.add_argument("--value", action="store_true", help="attribute conversion value, not counts")
    a.add_argument(
        "--half-life-touches",
        type=float,
        default=1.0,
        help="time_decay: a touch k steps before the last weighs 2**(-k/H) (default 1)",
    )
    a.add_argument(
        "--first-weight", type=float, default=0.4, help="position: first touch (default 0.4)"
    )
    a.add_argument(
        "--last-weight", type=float, default=0.4, help="position: last touch (default 0.4)"
    )
    a.add_argument(
        "--markov-order", type=int, default=1, help="order of the Markov chain, 1-4 (default 1)"
    )
    a.add_argument(
        "--markov-state-rule",
        choices=("windows", "collapsed"),
        default="windows",
        help="order >= 2: windows of touches over the raw path, as channelattribution (default), "
        "or the last channels after merging repeats (collapsed)",
    )
    a.add_argument("--out", type=Path, help="CSV file to write (default: standard output)")
    a.add_argument("--force", action="store_true", help="replace an existing --out file")
    a.set_defaults(func=_run_attribution)

    s = subparsers.add_parser(
        "assisted",
        help="last-click vs assisted conversions per channel (GA's multi-channel funnel rule)",
        description=(
            "Read an aggregated paths CSV and print per channel: last_click_conversions, "
            "assisted_conversions (on a converting path, but not last; once per conversion), "
            "assisted_to_last_click_ratio (inf: only assists; NaN: neither) and the matching "
            "value columns."
        ),
    )
    s.add_argument("paths", type=Path, metavar="PATHS.csv", help="aggregated paths table")
    s.add_argument("--out", type=Path, help="CSV file to write (default: standard output)")
    s.add_argument("--force", action="store_true", help="replace an existing --out file")
    s.set_defaults(func=_run_assisted)


def _check_out(out: Path | None, force: bool) -> None:
    check_out(out, force)


def _emit(df: pd.DataFrame, out: Path | None) -> None:
    if out is None:
        sys.stdout.write(csv_bytes(df, index=False).decode("utf-8"))
    else:
        write_csv(df, out, force=True, index=False)
        print(f"wrote {out} ({len(df)} rows)", file=sys.stderr)


def _run_paths(args: argparse.Namespace) -> int:
    _check_out(args.out, args.force)
    tables = read_tables(args.dir, timestamp_unit=args.timestamp_unit)
    if tables.events is None:
        raise ParameterError(f"DIR: {args.dir} holds no events table; paths need events")
    touches: tuple[str, ...] | str = DEFAULT_TOUCH_TYPES
    if args.touch_types is not None:
        names = [n.strip() for n in args.touch_types.split(",") if n.strip()]
        if not names:
            raise ParameterError("--touch-types: expected event names, comma-separated, or 'all'")
        touches = "all" if names == ["all"] else tuple(names)
    journeys = conversion_paths(
        tables.events,
        tables.orders,
        lookback_days=args.lookback_days,
        conversions=args.conversions,
        touch_types=touches,
        conversion=args.conversion,
    )
    table = aggregate_paths(journeys)
    if args.out is None:  # quoted as write_paths does: channel names may hold "\r", commas ...
        table.to_csv(sys.stdout, index=False, quoting=csv.QUOTE_NONNUMERIC)
    else:
        write_paths(table, args.out, force=args.force)
        print(f"wrote {args.out} ({len(table)} paths)", file=sys.stderr)
    return 0


def _run_attribution(args: argparse.Namespace) -> int:
    _check_out(args.out, args.force)
    paths = read_paths(args.paths, require_value=args.value)
    table = attribute(
        paths,
        models=args.models,
        value=args.value,
        half_life_touches=args.half_life_touches,
        first_weight=args.first_weight,
        last_weight=args.last_weight,
        markov_order=args.markov_order,
        markov_state_rule=args.markov_state_rule,
    )
    _emit(table, args.out)
    return 0


def _run_assisted(args: argparse.Namespace) -> int:
    _check_out(args.out, args.force)
    _emit(assisted_conversions(read_paths(args.paths)), args.out)
    return 0
