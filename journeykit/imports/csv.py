"""Import any events or orders CSV by naming which column is which (Segment, Snowplow, a shop's orders).

A mapping says, for one table, which of the file's columns holds each journeykit column:

``events``  required ``user_id``, ``timestamp``, ``event_type``; optional ``event_id``,
            ``session_id``, ``channel``, ``source``, ``medium``, ``campaign``, ``device``,
            ``value``, ``transaction_id``
``orders``  required ``order_id``, ``user_id``, ``timestamp``, ``price``; optional ``product``,
            ``currency``, ``channel``

Given on the command line (``--map user_id=anonymous_id,timestamp=timestamp,event_type=event``)
or in a small TOML file (one ``[events]`` / ``[orders]`` table each, with an optional ``file``
relative to the TOML file; top-level ``timestamp_unit`` and ``timezone``)::

    timestamp_unit = "ms"
    [events]
    file = "tracks.csv"
    user_id = "anonymous_id"
    timestamp = "sent_at"
    event_type = "event"
    source = "context_campaign_source"
    medium = "context_campaign_medium"

Every cell is read as text first, so nothing is guessed: ``user_id`` stays text (``"007"`` keeps
its zeros); ``timestamp`` is ISO-8601-like text (``2024-03-05 10:22:01``, ``...T03:22:01Z``,
``... +0700``; with an offset it is converted to UTC, without one it is kept as written) or whole
numbers, which are refused unless ``timestamp_unit`` says what they count (``s``, ``ms``, ``us``,
``ns``); ``price`` and ``value`` are plain numbers (``95000`` or ``95000.00``; no currency signs or
thousands separators). Given ``source``/``medium`` but no ``channel``, the channel is GA4's default
channel group (:mod:`journeykit.imports.channels`). An orders file with several rows per order
(Shopify writes one row per line item, the total on the first) gives one order per id: the
first row's time and the first non-empty price. Problems raise
:class:`~journeykit.imports.common.ImportFileError` naming file, line and column.

>>> import pathlib, tempfile
>>> f = pathlib.Path(tempfile.mkdtemp()) / "tracks.csv"
>>> _ = f.write_text("anonymous_id,event,ts\\nab1,Product Viewed,1709600000000\\nab1,Order Completed,1709600090000\\n")
>>> read_csv_table(f, "events", parse_map("user_id=anonymous_id,event_type=event,timestamp=ts"))
Traceback (most recent call last):
...
journeykit.imports.common.ImportFileError: ...tracks.csv column ts: holds whole numbers (epoch timestamps); say what they count with timestamp_unit (--timestamp-unit): one of s, ms, us, ns
>>> ev = read_csv_table(f, "events", parse_map("user_id=anonymous_id,event_type=event,timestamp=ts"),
...                     timestamp_unit="ms")
>>> ev[["user_id", "timestamp", "event_type"]]
  user_id           timestamp       event_type
0     ab1 2024-03-05 00:53:20   Product Viewed
1     ab1 2024-03-05 00:54:50  Order Completed
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Final

import numpy as np
import pandas as pd

from journeykit.errors import ParameterError
from journeykit.imports.channels import default_channel_group
from journeykit.imports.common import (
    EPOCH_UNITS,
    ImportFileError,
    check_out,
    epoch_to_datetime,
    to_local,
    write_folder,
)
from journeykit.schema import check_timezone, get_table

__all__ = [
    "FIELDS",
    "REQUIRED",
    "parse_map",
    "read_mapping",
    "read_csv_table",
    "users_from",
    "import_csv",
]

REQUIRED: Final[dict[str, tuple[str, ...]]] = {
    "events": ("user_id", "timestamp", "event_type"),
    "orders": ("order_id", "user_id", "timestamp", "price"),
}
"""Columns a mapping must give, per table."""

FIELDS: Final[dict[str, tuple[str, ...]]] = {
    "events": (
        *REQUIRED["events"],
        "event_id",
        "session_id",
        "channel",
        "source",
        "medium",
        "campaign",
        "device",
        "value",
        "transaction_id",
    ),
    "orders": (*REQUIRED["orders"], "product", "currency", "channel"),
}
"""Every column a mapping may give, per table."""

_NUMBER: Final = r"^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$"
_WHOLE: Final = r"^\s*-?\d+\s*$"


def parse_map(text: str) -> dict[str, str]:
    """``"user_id=anonymousId,timestamp=sent_at"`` → ``{"user_id": "anonymousId", ...}``.

    >>> parse_map("user_id=anonymousId, event_type=event")
    {'user_id': 'anonymousId', 'event_type': 'event'}
    >>> parse_map("user_id")
    Traceback (most recent call last):
    ...
    journeykit.errors.ParameterError: parameter --map: expected NAME=COLUMN pairs separated by commas, got 'user_id'
    """
    out: dict[str, str] = {}
    for part in (p.strip() for p in str(text).split(",")):
        if not part:
            continue
        name, sep, column = part.partition("=")
        if not sep or not name.strip() or not column.strip():
            raise ParameterError(
                f"parameter --map: expected NAME=COLUMN pairs separated by commas, got {part!r}"
            )
        out[name.strip()] = column.strip()
    return out


def read_mapping(file: str | os.PathLike[str]) -> dict[str, object]:
    """Read a TOML mapping file: ``{"events": {...}, "orders": {...}, "timestamp_unit": ..., ...}``.

    A table's ``file`` is made relative to the TOML file's folder.
    """
    path = Path(file)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise ImportFileError(path, None, f"cannot read ({err.strerror or err})") from None
    except tomllib.TOMLDecodeError as err:
        raise ImportFileError(path, None, f"not valid TOML ({err})") from None
    allowed = {"events", "orders", "timestamp_unit", "timezone"}
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise ImportFileError(
            path,
            None,
            f"unknown key(s) {', '.join(unknown)}; expected {', '.join(sorted(allowed))}",
        )
    for table in ("events", "orders"):
        spec = data.get(table)
        if spec is None:
            continue
        if not isinstance(spec, dict) or not all(isinstance(v, str) for v in spec.values()):
            raise ImportFileError(path, f"[{table}]", 'expected NAME = "column" text entries')
        if "file" in spec:
            spec["file"] = str(path.parent / spec["file"])
    return data


def _check_mapping(table: str, mapping: Mapping[str, str]) -> dict[str, str]:
    if table not in FIELDS:
        raise ParameterError(f"parameter table: expected one of {', '.join(FIELDS)}, got {table!r}")
    mapping = {k: v for k, v in mapping.items() if k != "file"}
    unknown = [k for k in mapping if k not in FIELDS[table]]
    if unknown:
        raise ParameterError(
            f"mapping for {table}: unknown name {unknown[0]!r}; expected some of {', '.join(FIELDS[table])}"
        )
    missing = [k for k in REQUIRED[table] if k not in mapping]
    if missing:
        raise ParameterError(
            f"mapping for {table}: say which column holds {', '.join(missing)} "
            f"(e.g. --map {missing[0]}=<column>)"
        )
    return dict(mapping)


def _line(i: int) -> str:
    return f"line {i + 2}"  # row 0 is the line after the header


def _text(file: Path, col: str, s: pd.Series, *, required: bool) -> pd.Series:
    out = s.astype("string").str.strip()
    out = out.mask(out == "", pd.NA)
    if required and out.isna().any():
        i = int(np.flatnonzero(out.isna().to_numpy())[0])
        raise ImportFileError(file, _line(i), f"column {col}: missing value")
    return out


def _number(
    file: Path, col: str, s: pd.Series, *, required: bool, min_value: float | None
) -> pd.Series:
    t = _text(file, col, s, required=required)
    bad = t.notna() & ~t.str.match(_NUMBER).fillna(False)
    if bad.any():
        i = int(np.flatnonzero(bad.to_numpy())[0])
        raise ImportFileError(
            file,
            _line(i),
            f"column {col}: expected a plain number like 95000 or 95000.00, got {t.iloc[i]!r}",
        )
    num = pd.to_numeric(t, errors="coerce").astype("float64")
    if min_value is not None and (num < min_value).any():
        i = int(np.flatnonzero((num < min_value).to_numpy())[0])
        raise ImportFileError(
            file, _line(i), f"column {col}: expected numbers >= {min_value:g}, got {t.iloc[i]!r}"
        )
    return num


def _timestamps(
    file: Path, col: str, s: pd.Series, *, unit: str | None, timezone: str | None
) -> tuple[pd.Series, str]:
    """Times (naive) and how they were read: 'epoch', 'offset' (→ UTC/timezone) or 'as written'."""
    t = _text(file, col, s, required=True)
    whole = t.str.match(_WHOLE).fillna(False)
    if whole.all():
        if unit is None:
            raise ImportFileError(
                file,
                f"column {col}",
                "holds whole numbers (epoch timestamps); say what they count with timestamp_unit "
                f"(--timestamp-unit): one of {', '.join(EPOCH_UNITS)}",
            )
        try:
            utc = epoch_to_datetime(t, unit=unit, column=col)
        except ImportFileError as err:
            raise ImportFileError(file, None, f"column {err.problem}") from None
        return to_local(utc, timezone), "epoch"
    if whole.any():
        i = int(np.flatnonzero(whole.to_numpy())[0])
        raise ImportFileError(
            file,
            _line(i),
            f"column {col}: mixes epoch numbers ({t.iloc[i]!r}) with dates; use one form",
        )
    if unit is not None:
        raise ParameterError(
            f"parameter timestamp_unit: column {col} holds dates, not epoch numbers; leave the unit out"
        )
    has_offset = t.str.contains(r"(?:Z|[+-]\d{2}:?\d{2})$", regex=True)
    if has_offset.any() and not has_offset.all():
        i = int(np.flatnonzero((~has_offset).to_numpy())[0])
        raise ImportFileError(
            file,
            _line(i),
            f"column {col}: some times have a UTC offset and this one has none ({t.iloc[i]!r}); use one form",
        )
    try:
        parsed = pd.to_datetime(t, errors="coerce", format="ISO8601", utc=bool(has_offset.all()))
        if parsed.isna().any():
            parsed = pd.to_datetime(t, errors="coerce", format="mixed", utc=bool(has_offset.all()))
    except (TypeError, ValueError) as err:
        raise ImportFileError(file, None, f"column {col}: expected timestamps ({err})") from None
    if parsed.isna().any():
        i = int(np.flatnonzero(parsed.isna().to_numpy())[0])
        raise ImportFileError(
            file,
            _line(i),
            f"column {col}: expected a time like '2024-03-05 10:22:01' or '2024-03-05T03:22:01Z', got {t.iloc[i]!r}",
        )
    if has_offset.all():
        utc = parsed.dt.tz_localize(None).astype("datetime64[ns]")
        return to_local(utc, timezone), "offset"
    return parsed.astype("datetime64[ns]"), "as written"


def read_csv_table(
    file: str | os.PathLike[str],
    table: str,
    mapping: Mapping[str, str],
    *,
    timestamp_unit: str | None = None,
    timezone: str | None = None,
    sep: str = ",",
) -> pd.DataFrame:
    """Read one CSV into journeykit's ``table`` (``"events"`` or ``"orders"``) through ``mapping``.

    Returns the mapped columns under journeykit's names (text columns as pandas strings,
    ``timestamp`` naive ``datetime64[ns]``, ``price``/``value`` float currency units), sorted by
    time; events get ``event_id`` 0, 1, ... when not mapped and a ``channel`` from
    ``source``/``medium`` when given. ``timezone``: times given as epochs or with an offset are
    stored as that zone's wall clock (default UTC). See the module docstring for the rules.
    """
    path = Path(file)
    spec = _check_mapping(table, mapping)
    tz = check_timezone(timezone)
    if timestamp_unit is not None and timestamp_unit not in EPOCH_UNITS:
        raise ParameterError(
            f"parameter timestamp_unit: expected one of {', '.join(EPOCH_UNITS)}, got {timestamp_unit!r}"
        )
    try:
        raw = pd.read_csv(
            path, dtype=str, keep_default_na=False, na_values=[""], sep=sep, encoding="utf-8-sig"
        )
    except FileNotFoundError:
        raise ImportFileError(path, None, "no such file") from None
    except (OSError, UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as err:
        raise ImportFileError(path, None, f"cannot read as CSV ({str(err).strip()})") from None
    raw.columns = [str(c).strip() for c in raw.columns]
    absent = [f"{src!r} (for {name})" for name, src in spec.items() if src not in raw.columns]
    if absent:
        raise ImportFileError(
            path,
            None,
            f"column {absent[0]} not found; the file has {', '.join(map(repr, raw.columns))}",
        )
    out: dict[str, pd.Series] = {}
    how = ""
    for name, src in spec.items():
        s = raw[src]
        if name == "timestamp":
            out[name], how = _timestamps(path, src, s, unit=timestamp_unit, timezone=tz)
        elif name == "price":  # may be empty on an order's later line-item rows
            out[name] = _number(path, src, s, required=False, min_value=0)
        elif name == "value":
            out[name] = _number(path, src, s, required=False, min_value=None)
        elif name == "event_id":
            n = _number(path, src, s, required=True, min_value=0)
            if (n % 1 != 0).any():
                raise ImportFileError(path, None, f"column {src}: expected whole-number event ids")
            out[name] = n.astype("int64")
        else:
            out[name] = _text(path, src, s, required=name in REQUIRED[table])
    df = pd.DataFrame(out)
    df["_line"] = np.arange(len(df)) + 2
    if table == "events" and "channel" not in df and ("source" in df or "medium" in df):
        src = df["source"] if "source" in df else pd.Series(pd.NA, index=df.index, dtype="string")
        med = df["medium"] if "medium" in df else pd.Series(pd.NA, index=df.index, dtype="string")
        df["channel"] = default_channel_group(src, med, df.get("campaign", None)).to_numpy()
        df["channel"] = df["channel"].astype("string")
    if table == "orders":
        df = _one_per_order(df)
        if df["price"].isna().any():
            i = int(np.flatnonzero(df["price"].isna().to_numpy())[0])
            raise ImportFileError(
                path,
                f"line {df['_line'].iloc[i]}",
                f"column {spec['price']}: order {df['order_id'].iloc[i]!r} has no price on any row",
            )
    df = df.sort_values(["timestamp", "user_id"], kind="stable", ignore_index=True)
    if table == "events" and "event_id" not in df:
        df.insert(0, "event_id", np.arange(len(df), dtype=np.int64))
    if table == "events" and df["event_id"].duplicated().any():
        raise ImportFileError(path, None, f"column {spec['event_id']}: duplicate event ids")
    df = df.drop(columns="_line")
    for col in ("device", "product"):  # known text columns: a missing value is GA4's "(not set)"
        if col in df:
            df[col] = df[col].fillna("(not set)")
    df = get_table(df, table, list(df.columns))  # journeykit's one door checks the result
    df.attrs["timestamps"] = how
    return df


def _one_per_order(df: pd.DataFrame) -> pd.DataFrame:
    """One row per order_id: the first row's time/customer, the first non-empty price and product."""
    if not df["order_id"].duplicated().any():
        return df.reset_index(drop=True)
    g = df.groupby("order_id", sort=False)
    first = g.first()  # first non-missing value of each column
    first["timestamp"] = g["timestamp"].min()
    first["_line"] = g["_line"].min()
    first["user_id"] = df.drop_duplicates("order_id").set_index("order_id")["user_id"]
    return first.reset_index()


def users_from(events: pd.DataFrame | None, orders: pd.DataFrame | None) -> pd.DataFrame:
    """One row per user id seen in events or orders: ``user_id``, ``first_seen``, ``n_events``, ``n_orders``."""
    parts = [d[["user_id", "timestamp"]] for d in (events, orders) if d is not None]
    both = pd.concat(parts, ignore_index=True)
    first = both.groupby("user_id", sort=True)["timestamp"].min()
    ne = events.groupby("user_id").size() if events is not None else pd.Series(dtype="int64")
    no = orders.groupby("user_id").size() if orders is not None else pd.Series(dtype="int64")
    return pd.DataFrame(
        {
            "user_id": first.index.astype("string"),
            "first_seen": first.to_numpy(),
            "n_events": ne.reindex(first.index, fill_value=0).to_numpy(dtype=np.int64),
            "n_orders": no.reindex(first.index, fill_value=0).to_numpy(dtype=np.int64),
        }
    )


def import_csv(
    out: str | os.PathLike[str],
    *,
    events: str | os.PathLike[str] | None = None,
    events_map: Mapping[str, str] | None = None,
    orders: str | os.PathLike[str] | None = None,
    orders_map: Mapping[str, str] | None = None,
    timestamp_unit: str | None = None,
    timezone: str | None = None,
    fmt: str = "csv",
    force: bool = False,
) -> dict[str, object]:
    """Read an events CSV and/or an orders CSV and write them (plus ``users`` and ``import.json``) to ``out``.

    All or nothing: a bad file leaves ``out`` as it was; an existing ``out`` holding files is
    refused unless ``force=True``. Returns the report written to ``import.json``.
    """
    if events is None and orders is None:
        raise ParameterError("expected an events file, an orders file, or both")
    check_out(out, force=force)
    tables: dict[str, pd.DataFrame] = {}
    report: dict[str, object] = {"importer": "csv", "timezone": check_timezone(timezone) or "UTC"}
    for name, file, mapping in (("events", events, events_map), ("orders", orders, orders_map)):
        if file is None:
            continue
        if not mapping:
            raise ParameterError(f"expected a mapping for the {name} file (--map or a TOML file)")
        df = read_csv_table(file, name, mapping, timestamp_unit=timestamp_unit, timezone=timezone)
        tables[name] = df
        report[name] = {
            "file": str(file),
            "rows": int(len(df)),
            "mapping": dict(mapping),
            "timestamps": df.attrs.get("timestamps", ""),
        }
    users = users_from(tables.get("events"), tables.get("orders"))
    ordered = {k: tables[k] for k in ("events",) if k in tables}
    ordered["users"] = users
    if "orders" in tables:
        ordered["orders"] = tables["orders"]
    report["users"] = int(len(users))
    write_folder(ordered, out, manifest=report, fmt=fmt, force=force)
    return report
