"""Read Google Analytics 4's BigQuery export into the events, users and orders tables.

GA4 exports one table per day (``events_YYYYMMDD``) with one row per event; BigQuery writes it
out as newline-delimited JSON (``.json`` / ``.jsonl``, often ``.gz``) or Parquet. The fields used
(GA4 BigQuery export schema, Google Analytics Help "[GA4] BigQuery Export schema"):

``event_timestamp``      INT64, **microseconds** since 1970-01-01 UTC (BigQuery's JSON writes
                         INT64 as quoted text: both forms are read)
``event_name``           STRING, the event (``page_view``, ``add_to_cart``, ``purchase`` ...)
``user_pseudo_id``       STRING, the browser/app-instance id (GA4's "user")
``event_params``         key/value list; ``value`` has ``string_value``, ``int_value``,
                         ``float_value``, ``double_value``. Used keys: ``ga_session_id`` (session
                         number, unique per user), ``source`` / ``medium`` / ``campaign`` (older
                         exports' campaign tags), ``value``, ``currency``, ``page_location``
``device.category``      ``mobile`` / ``desktop`` / ``tablet`` / ``smart tv``
``traffic_source``       ``source`` / ``medium`` / ``name``: the user's **first** acquisition,
                         the same on every row of that user; only ``users.acquisition_*``
``collected_traffic_source``  ``manual_source`` / ``manual_medium`` / ``manual_campaign_name`` /
                         ``gclid``: the campaign tags collected **on this event** (usually only
                         the session's first event carries them)
``session_traffic_source_last_click``  ``manual_campaign.source`` / ``.medium`` /
                         ``.campaign_name``: GA4's last-click source of the session (GA4 fills a
                         direct session with an earlier non-direct source)
``ecommerce``            ``transaction_id``, ``purchase_revenue`` (the property's currency)
``items``                the products of an ecommerce event (``item_name``, ``quantity``)
``batch_ordering_id`` / ``batch_event_index``  order of events that share a timestamp (newer
                         exports; file order otherwise)

**The channel of a touch is its session's.** A session is ``(user_pseudo_id, ga_session_id)``;
its source / medium / campaign is the first one collected in it, in time order
(``collected_traffic_source``, or the ``source``/``medium``/``campaign`` event parameters; a
``gclid`` without tags is ``google / cpc``); a session without one takes
``session_traffic_source_last_click``; a session with neither is ``(direct) / (none)``. That
source is given to **every** event of the session, and grouped by GA4's default channel rules
(:mod:`journeykit.imports.channels`). ``traffic_source`` is never used for paths: it is the
user's first touch and would collapse every path into one channel.

Files are read in slices (JSON: about ``chunk_bytes`` of lines at a time; Parquet: row
batches), and only the used fields are kept, so memory follows the size of the result, not of
the export. Rows may come in any order and from many files; events are sorted by time. A corrupt
file stops the import with :class:`~journeykit.imports.common.ImportFileError` naming the file
and line (JSON) or row (Parquet).

>>> import json, tempfile, pathlib
>>> rows = [
...   {"event_timestamp": "1704067200000000", "event_name": "page_view", "user_pseudo_id": "u1",
...    "event_params": [{"key": "ga_session_id", "value": {"int_value": "11"}}],
...    "collected_traffic_source": {"manual_source": "google", "manual_medium": "cpc"}},
...   {"event_timestamp": "1704067260000000", "event_name": "purchase", "user_pseudo_id": "u1",
...    "event_params": [{"key": "ga_session_id", "value": {"int_value": "11"}}],
...    "ecommerce": {"transaction_id": "T1", "purchase_revenue": 25.5}}]
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "events_20240101.json").write_text("\\n".join(map(json.dumps, rows)))
>>> data = read_ga4([folder / "events_20240101.json"])
>>> data.events[["user_id", "event_type", "channel", "source", "medium"]]
  user_id event_type      channel  source medium
0      u1  page_view  paid_search  google    cpc
1      u1   purchase  paid_search  google    cpc
>>> data.orders[["order_id", "user_id", "price"]]
  order_id user_id  price
0       T1      u1   25.5
"""

from __future__ import annotations

import gzip
import io
import json
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from journeykit.errors import ParameterError
from journeykit.i18n import check_lang, t
from journeykit.imports.channels import default_channel_group
from journeykit.imports.common import (
    ImportFileError,
    check_out,
    epoch_to_datetime,
    to_local,
    write_folder,
)
from journeykit.schema import check_timezone, get_table

__all__ = [
    "GA4_SUFFIXES",
    "EVENT_COLUMNS",
    "USER_COLUMNS",
    "ORDER_COLUMNS",
    "Ga4Data",
    "ga4_files",
    "read_ga4",
    "import_ga4",
    "trust_checklist",
    "first_touch_events",
]

GA4_SUFFIXES: Final[tuple[str, ...]] = (
    ".json",
    ".jsonl",
    ".ndjson",
    ".json.gz",
    ".jsonl.gz",
    ".ndjson.gz",
    ".parquet",
)
"""File endings read as a GA4 export (a folder is read as every such file in it)."""

EVENT_COLUMNS: Final[dict[str, str]] = {
    "event_id": "row number after sorting by time (0, 1, ...)",
    "user_id": "user_pseudo_id (text)",
    "session_id": "'<user_pseudo_id>:<ga_session_id>' (missing when the event has no ga_session_id)",
    "timestamp": "event_timestamp as a naive datetime: UTC, or the --timezone's wall clock",
    "event_type": "event_name, as GA4 wrote it",
    "channel": "the session's GA4 default channel group (journeykit key)",
    "source": "the session's source as collected ('(direct)' when none)",
    "medium": "the session's medium ('(none)' when none)",
    "campaign": "the session's campaign name (missing when none)",
    "device": "device.category (mobile, desktop, tablet, smart tv; '(not set)' when absent)",
    "transaction_id": "ecommerce.transaction_id (purchase events; missing otherwise)",
    "value": "the event's revenue: ecommerce.purchase_revenue, else the 'value' parameter (currency units; missing when none)",
    "page_location": "the 'page_location' parameter (URL; missing when none)",
}
"""Columns of the imported events table and what each means."""

USER_COLUMNS: Final[dict[str, str]] = {
    "user_id": "user_pseudo_id (text)",
    "first_seen": "time of the user's first event in the export",
    "acquisition_channel": "default channel group of traffic_source (the user's first acquisition; '(not set)' when absent)",
    "acquisition_source": "traffic_source.source",
    "acquisition_medium": "traffic_source.medium",
    "device": "the device category of most of the user's events",
    "n_sessions": "number of sessions in the export",
}
"""Columns of the imported users table."""

ORDER_COLUMNS: Final[dict[str, str]] = {
    "order_id": "ecommerce.transaction_id (text)",
    "user_id": "buyer's user_pseudo_id",
    "timestamp": "time of the (first) purchase event of that transaction",
    "price": "ecommerce.purchase_revenue, else the 'value' parameter (currency units)",
    "currency": "the 'currency' parameter (missing when none)",
    "product": "item_name of the first item ('(not set)' when no items)",
    "n_items": "sum of the items' quantity",
    "session_id": "session of the purchase",
    "channel": "channel of that session",
}
"""Columns of the imported orders table (one row per transaction)."""

_CHUNK_BYTES: Final = 4 * 2**20  # 4 MiB of JSON text per slice: peak memory vs speed
_MIN_US: Final = 946_684_800 * 10**6  # 2000-01-01 UTC
_MAX_US: Final = 4_102_444_800 * 10**6  # 2100-01-01 UTC
_PARAMS: Final = (
    "ga_session_id",
    "source",
    "medium",
    "campaign",
    "value",
    "currency",
    "page_location",
)


@dataclass(frozen=True)
class Ga4Data:
    """An imported GA4 export: the three tables and a report of what was found.

    ``report`` holds counts (files, events, users, sessions, orders), how many sessions took
    their source from which field, and warnings (duplicate transactions, purchases without a
    transaction id ...) — everything an analyst should know before trusting a number.
    """

    events: pd.DataFrame
    users: pd.DataFrame
    orders: pd.DataFrame
    report: dict[str, object] = field(default_factory=dict)


def ga4_files(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """The export files named by ``paths`` (files, or folders holding them), sorted by name.

    Sorting makes the result independent of the order the files were given in.
    """
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found = sorted(f for f in p.iterdir() if f.name.lower().endswith(GA4_SUFFIXES))
            if not found:
                raise ImportFileError(
                    p, None, f"folder holds no GA4 export files ({', '.join(GA4_SUFFIXES)})"
                )
            out.extend(found)
        elif p.is_file():
            if not p.name.lower().endswith(GA4_SUFFIXES):
                raise ImportFileError(
                    p, None, f"expected a GA4 export file ending in {', '.join(GA4_SUFFIXES)}"
                )
            out.append(p)
        else:
            raise ImportFileError(p, None, "no such file or folder")
    if not out:
        raise ParameterError("parameter files: expected at least one GA4 export file")
    return sorted(set(out), key=lambda f: (f.name, str(f)))


# ------------------------------------------------------------------------------------------
# reading slices


@dataclass
class _Slice:
    table: pa.Table
    file: Path
    first_line: int  # 1-based line (JSON) or 0-based row (Parquet) of the slice's first row
    raw: bytes | None  # the JSON text of the slice (to find a bad row's line), None for Parquet

    def where(self, row: int) -> str:
        if self.raw is None:
            return f"row {self.first_line + row}"
        seen = -1
        for k, line in enumerate(self.raw.split(b"\n")):
            if line.strip():
                seen += 1
                if seen == row:
                    return f"line {self.first_line + k}"
        return f"line {self.first_line}"


def _json_slices(file: Path, chunk_bytes: int) -> Iterator[_Slice]:
    import pyarrow.json as pj

    opener = gzip.open if file.name.lower().endswith(".gz") else open
    line = 1
    try:
        with opener(file, "rb") as fh:
            rest = b""
            while True:
                block = fh.read(chunk_bytes)
                data = rest + block
                if not block:
                    if data.strip():
                        yield _parse_json(file, data, line, pj)
                    return
                cut = data.rfind(b"\n")
                if cut < 0:
                    rest = data
                    continue
                part, rest = data[: cut + 1], data[cut + 1 :]
                if part.strip():
                    yield _parse_json(file, part, line, pj)
                line += part.count(b"\n")
    except (OSError, EOFError, gzip.BadGzipFile) as err:
        raise ImportFileError(file, None, f"cannot read ({err})") from None


def _parse_json(file: Path, data: bytes, first_line: int, pj) -> _Slice:  # noqa: ANN001
    try:
        table = pj.read_json(
            io.BytesIO(data), read_options=pj.ReadOptions(block_size=max(len(data) + 1, 1 << 20))
        )
    except pa.ArrowInvalid as err:
        raise _locate_json_error(file, data, first_line, str(err)) from None
    return _Slice(table, file, first_line, data)


def _locate_json_error(file: Path, data: bytes, first_line: int, message: str) -> ImportFileError:
    """The first line that is not one JSON object, or else the row pyarrow named (type change)."""
    rows = []
    for k, line in enumerate(data.split(b"\n")):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except ValueError as err:
            return ImportFileError(file, f"line {first_line + k}", f"not valid JSON ({err})")
        if not isinstance(obj, dict):
            return ImportFileError(
                file,
                f"line {first_line + k}",
                f"expected one JSON object per line, got {type(obj).__name__}",
            )
        rows.append(first_line + k)
    text = message.replace("JSON parse error: ", "")
    row = None
    if " in row " in text:
        text, _, tail = text.rpartition(" in row ")
        if tail.strip().isdigit():
            row = int(tail.strip())
    where = f"line {rows[row]}" if row is not None and row < len(rows) else None
    if "changed from" in text:
        col = text.split("Column(", 1)[-1].split(")", 1)[0].strip("/").replace("/", ".")
        text = f"{col}: mixed types ({text.split(')', 1)[-1].strip()}); every row must use one type"
    return ImportFileError(file, where, text)


def _parquet_slices(file: Path) -> Iterator[_Slice]:
    import pyarrow.parquet as pq

    try:
        pf = pq.ParquetFile(file)
        start = 0
        for batch in pf.iter_batches(batch_size=200_000):
            yield _Slice(pa.Table.from_batches([batch]), file, start, None)
            start += batch.num_rows
    except (OSError, pa.ArrowException) as err:
        raise ImportFileError(file, None, f"cannot read as Parquet ({err})") from None


# ------------------------------------------------------------------------------------------
# fields of a slice


def _get(sl: _Slice, path: str) -> pa.Array | None:
    """Field ``a.b.c`` of every row (None when the export has no such field)."""
    parts = path.split(".")
    if parts[0] not in sl.table.column_names:
        return None
    arr = sl.table.column(parts[0]).combine_chunks()
    for p in parts[1:]:
        if not pa.types.is_struct(arr.type) or arr.type.get_field_index(p) < 0:
            return None
        arr = pc.struct_field(arr, p)
    return arr


def _bad(sl: _Slice, name: str, mask: np.ndarray, problem: str) -> ImportFileError:
    i = int(np.flatnonzero(mask)[0])
    return ImportFileError(sl.file, sl.where(i), f"{name}: {problem}")


def _as_int(sl: _Slice, name: str, arr: pa.Array | None, n: int) -> pa.Array:
    if arr is None or pa.types.is_null(arr.type):
        return pa.nulls(n, pa.int64())
    if pa.types.is_integer(arr.type):
        return arr.cast(pa.int64())
    if pa.types.is_string(arr.type) or pa.types.is_large_string(arr.type):
        ok = pc.match_substring_regex(arr, r"^\s*-?\d+\s*$")
        bad = pc.and_(pc.is_valid(arr), pc.invert(ok)).to_numpy(zero_copy_only=False)
        if bad.any():
            i = int(np.flatnonzero(bad)[0])
            raise _bad(sl, name, bad, f"expected a whole number (INT64), got {arr[i].as_py()!r}")
        return pc.cast(pc.utf8_trim_whitespace(arr), pa.int64())
    if pa.types.is_floating(arr.type):
        v = arr.to_numpy(zero_copy_only=False)
        bad = ~np.isnan(v) & (v % 1 != 0)
        if bad.any():
            raise _bad(sl, name, bad, f"expected a whole number (INT64), got {v[bad][0]!r}")
        return arr.cast(pa.int64(), safe=False)
    raise _bad(sl, name, np.ones(n, bool), f"expected a whole number (INT64), got {arr.type}")


def _as_float(sl: _Slice, name: str, arr: pa.Array | None, n: int) -> pa.Array:
    if arr is None or pa.types.is_null(arr.type):
        return pa.nulls(n, pa.float64())
    if pa.types.is_integer(arr.type) or pa.types.is_floating(arr.type):
        return arr.cast(pa.float64())
    if pa.types.is_string(arr.type) or pa.types.is_large_string(arr.type):
        ok = pc.match_substring_regex(arr, r"^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$")
        bad = pc.and_(pc.is_valid(arr), pc.invert(ok)).to_numpy(zero_copy_only=False)
        if bad.any():
            i = int(np.flatnonzero(bad)[0])
            raise _bad(sl, name, bad, f"expected a number, got {arr[i].as_py()!r}")
        return pc.cast(pc.utf8_trim_whitespace(arr), pa.float64())
    raise _bad(sl, name, np.ones(n, bool), f"expected a number, got {arr.type}")


def _as_str(sl: _Slice, name: str, arr: pa.Array | None, n: int) -> pa.Array:
    if arr is None or pa.types.is_null(arr.type):
        return pa.nulls(n, pa.string())
    if pa.types.is_string(arr.type) or pa.types.is_large_string(arr.type):
        return arr.cast(pa.string())
    if pa.types.is_dictionary(arr.type):
        return arr.cast(pa.string())
    valid = pc.is_valid(arr).to_numpy(zero_copy_only=False)
    if not valid.any():
        return pa.nulls(n, pa.string())
    raise _bad(sl, name, valid, f"expected text (STRING), got {arr.type} values (quote them)")


def _params(sl: _Slice, n: int) -> dict[str, pa.Array]:
    """The used ``event_params`` keys: one value per row (the first when a key repeats)."""
    out: dict[str, pa.Array] = {}
    col = _get(sl, "event_params")
    if col is None or pa.types.is_null(col.type):
        return out
    if not pa.types.is_list(col.type) and not pa.types.is_large_list(col.type):
        valid = pc.is_valid(col).to_numpy(zero_copy_only=False)
        raise _bad(sl, "event_params", valid, "expected a list of {key, value} records")
    flat = pc.list_flatten(col)
    parent = pc.list_parent_indices(col).to_numpy(zero_copy_only=False)
    if len(flat) == 0 or not pa.types.is_struct(flat.type):
        return out
    if flat.type.get_field_index("key") < 0 or flat.type.get_field_index("value") < 0:
        raise _bad(sl, "event_params", np.ones(n, bool), "expected records with 'key' and 'value'")
    keys = pc.struct_field(flat, "key")
    value = pc.struct_field(flat, "value")
    for k in _PARAMS:
        sel = pc.equal(keys, k).to_numpy(zero_copy_only=False).astype(bool)
        if not sel.any():
            continue
        rows = parent[sel]
        first = np.r_[True, rows[1:] != rows[:-1]] if len(rows) else rows.astype(bool)
        vals = value.filter(pa.array(sel))
        sub = {}
        for f in ("string_value", "int_value", "float_value", "double_value"):
            if vals.type.get_field_index(f) >= 0:
                sub[f] = pc.struct_field(vals, f)
        fake = _Slice(sl.table, sl.file, sl.first_line, sl.raw)
        rows_f = rows[first]
        picked = {f: a.filter(pa.array(first)) for f, a in sub.items()}
        m = len(rows_f)
        if k in ("ga_session_id", "value"):
            num = [
                _as_float(fake, f"event_params.{k}.{f}", picked[f], m)
                for f in ("int_value", "double_value", "float_value", "string_value")
                if f in picked and (f != "string_value" or k == "ga_session_id")
            ]
            v = pc.coalesce(*num) if num else pa.nulls(m, pa.float64())
        else:
            texts = []
            if "string_value" in picked:
                texts.append(
                    _as_str(fake, f"event_params.{k}.string_value", picked["string_value"], m)
                )
            v = pc.coalesce(*texts) if texts else pa.nulls(m, pa.string())
        full = np.full(n, None, dtype=object)
        full[rows_f] = v.to_numpy(zero_copy_only=False)
        out[k] = pa.array(full, type=v.type)
    return out


def _narrow(sl: _Slice, file_no: int) -> pd.DataFrame:
    """The used fields of one slice as a small DataFrame, types checked."""
    n = sl.table.num_rows
    for req in ("event_timestamp", "event_name", "user_pseudo_id"):
        if req not in sl.table.column_names:
            raise ImportFileError(
                sl.file,
                sl.where(0),
                f"missing column {req} (a GA4 BigQuery export row has event_timestamp, event_name, user_pseudo_id)",
            )
    ts = _as_int(sl, "event_timestamp", _get(sl, "event_timestamp"), n)
    name = _as_str(sl, "event_name", _get(sl, "event_name"), n)
    user = _as_str(sl, "user_pseudo_id", _get(sl, "user_pseudo_id"), n)
    for label, arr in (("event_timestamp", ts), ("event_name", name)):
        miss = pc.is_null(arr).to_numpy(zero_copy_only=False)
        if miss.any():
            raise _bad(sl, label, miss, "missing value")
    us = ts.to_numpy(zero_copy_only=False)
    odd = (us < _MIN_US) | (us >= _MAX_US)
    if odd.any():
        i = int(np.flatnonzero(odd)[0])
        when = pd.Timestamp(int(us[i]), unit="us") if abs(int(us[i])) < 9 * 10**18 // 1000 else "?"
        raise _bad(
            sl,
            "event_timestamp",
            odd,
            f"{us[i]} read as microseconds (GA4's unit) is {when}, outside 2000-2100; "
            "is the unit right? (a GA4 export writes microseconds since 1970 UTC)",
        )
    p = _params(sl, n)
    s = lambda path: _as_str(sl, path, _get(sl, path), n)  # noqa: E731
    f = lambda path: _as_float(sl, path, _get(sl, path), n)  # noqa: E731
    sid = p.get("ga_session_id", pa.nulls(n, pa.float64()))
    sid_np = sid.to_numpy(zero_copy_only=False).astype(float)
    frac = ~np.isnan(sid_np) & (sid_np % 1 != 0)
    if frac.any():
        raise _bad(sl, "event_params.ga_session_id", frac, "expected a whole number")
    cols = {
        "user_id": user,
        "ts_us": ts,
        "event_type": name,
        "ga_session_id": pa.array(sid_np, mask=np.isnan(sid_np)).cast(pa.int64()),
        "c_source": pc.coalesce(
            s("collected_traffic_source.manual_source"), p.get("source", pa.nulls(n, pa.string()))
        ),
        "c_medium": pc.coalesce(
            s("collected_traffic_source.manual_medium"), p.get("medium", pa.nulls(n, pa.string()))
        ),
        "c_campaign": pc.coalesce(
            s("collected_traffic_source.manual_campaign_name"),
            p.get("campaign", pa.nulls(n, pa.string())),
        ),
        "gclid": s("collected_traffic_source.gclid"),
        "l_source": s("session_traffic_source_last_click.manual_campaign.source"),
        "l_medium": s("session_traffic_source_last_click.manual_campaign.medium"),
        "l_campaign": s("session_traffic_source_last_click.manual_campaign.campaign_name"),
        "t_source": s("traffic_source.source"),
        "t_medium": s("traffic_source.medium"),
        "t_campaign": s("traffic_source.name"),
        "device": s("device.category"),
        "transaction_id": s("ecommerce.transaction_id"),
        "revenue": pc.coalesce(
            f("ecommerce.purchase_revenue"), p.get("value", pa.nulls(n, pa.float64()))
        ),
        "currency": p.get("currency", pa.nulls(n, pa.string())),
        "page_location": p.get("page_location", pa.nulls(n, pa.string())),
        "batch_ordering_id": _as_int(sl, "batch_ordering_id", _get(sl, "batch_ordering_id"), n),
        "batch_event_index": _as_int(sl, "batch_event_index", _get(sl, "batch_event_index"), n),
    }
    items = _items(sl, n)
    cols.update(items)
    df = pa.table(cols).to_pandas(types_mapper={pa.string(): pd.StringDtype("pyarrow")}.get)
    df["file_no"] = np.int32(file_no)
    df["row_no"] = np.arange(n, dtype=np.int64) + sl.first_line
    return df


def _items(sl: _Slice, n: int) -> dict[str, pa.Array]:
    col = _get(sl, "items")
    empty = {"product": pa.nulls(n, pa.string()), "n_items": pa.nulls(n, pa.float64())}
    if col is None or pa.types.is_null(col.type) or not pa.types.is_list(col.type):
        return empty
    flat = pc.list_flatten(col)
    if len(flat) == 0 or not pa.types.is_struct(flat.type):
        return empty
    parent = pc.list_parent_indices(col).to_numpy(zero_copy_only=False)
    out = dict(empty)
    if flat.type.get_field_index("item_name") >= 0:
        names = _as_str(sl, "items.item_name", pc.struct_field(flat, "item_name"), len(flat))
        first = np.r_[True, parent[1:] != parent[:-1]]
        full = np.full(n, None, dtype=object)
        full[parent[first]] = names.filter(pa.array(first)).to_numpy(zero_copy_only=False)
        out["product"] = pa.array(full, type=pa.string())
    if flat.type.get_field_index("quantity") >= 0:
        q = _as_float(sl, "items.quantity", pc.struct_field(flat, "quantity"), len(flat))
        q = np.nan_to_num(q.to_numpy(zero_copy_only=False).astype(float), nan=1.0)
        tot = np.bincount(parent, weights=q, minlength=n).astype(float)
        has = np.bincount(parent, minlength=n) > 0
        out["n_items"] = pa.array(np.where(has, tot, np.nan), mask=~has)
    return out


# ------------------------------------------------------------------------------------------
# from rows to the three tables


def _missing_text(s: pd.Series) -> pd.Series:
    """Empty text and GA4's '(not set)' count as missing."""
    s = s.astype("string")
    return s.mask(s.str.strip().isin(["", "(not set)"]), pd.NA)


def read_ga4(
    files: Sequence[str | os.PathLike[str]] | str | os.PathLike[str],
    *,
    timezone: str | None = None,
    purchase_event: str = "purchase",
    extra_sites: Mapping[str, Iterable[str]] | None = None,
    chunk_bytes: int = _CHUNK_BYTES,
) -> Ga4Data:
    """Read GA4 BigQuery export files into :class:`Ga4Data` (events, users, orders, report).

    ``files``: files or folders (see :func:`ga4_files`). ``timezone``: ``None`` keeps times in
    UTC; an IANA name (``"Asia/Jakarta"``) stores that zone's wall-clock time instead (for
    hour-of-day views; the report records which). ``purchase_event``: the event whose
    ``transaction_id`` rows become orders. ``extra_sites``: more search/social/video/shopping
    sites for the channel rules. Columns: :data:`EVENT_COLUMNS`, :data:`USER_COLUMNS`,
    :data:`ORDER_COLUMNS`.
    """
    tz = check_timezone(timezone)
    if isinstance(files, str | os.PathLike):
        files = [files]
    if not (isinstance(chunk_bytes, int) and chunk_bytes >= 1024):
        raise ParameterError(
            f"parameter chunk_bytes: expected a whole number >= 1024, got {chunk_bytes!r}"
        )
    paths = ga4_files(files)
    frames = []
    for no, file in enumerate(paths):
        slices = (
            _parquet_slices(file)
            if file.name.lower().endswith(".parquet")
            else _json_slices(file, chunk_bytes)
        )
        for sl in slices:
            if sl.table.num_rows:
                frames.append(_narrow(sl, no))
    if not frames:
        raise ImportFileError(paths[0], None, "no events in the export")
    raw = pd.concat(frames, ignore_index=True)
    del frames
    # consent mode: events of visitors who declined cookies come without user_pseudo_id;
    # they cannot be joined into journeys, so they are counted and left out
    anonymous = raw["user_id"].isna() | (raw["user_id"].str.strip() == "")
    n_anonymous = int(anonymous.sum())
    if n_anonymous:
        raw = raw[~anonymous.to_numpy()].reset_index(drop=True)
    if raw.empty:
        raise ImportFileError(paths[0], None, "no events with a user_pseudo_id in the export")
    times = epoch_to_datetime(raw["ts_us"], unit="us", column="event_timestamp")
    odd = (times < pd.Timestamp("2000-01-01")).to_numpy()
    if odd.any():  # pragma: no cover - epoch_to_datetime refuses these already
        raise ImportFileError(paths[0], None, "event_timestamp outside 2000-2100")
    raw["timestamp"] = times
    # time order; ties: GA4's batch fields, then file and line (files sorted by name)
    raw = raw.sort_values(
        ["timestamp", "user_id", "batch_ordering_id", "batch_event_index", "file_no", "row_no"],
        kind="stable",
        na_position="last",
        ignore_index=True,
    )
    data = _tables(raw, paths, tz, purchase_event, extra_sites)
    data.report["events_without_user"] = n_anonymous
    if n_anonymous:
        data.report["warnings"].insert(  # type: ignore[union-attr]
            0,
            f"{n_anonymous} event(s) without user_pseudo_id (consent mode: cookies declined): left out",
        )
    return data


def _tables(
    raw: pd.DataFrame,
    paths: list[Path],
    tz: str | None,
    purchase_event: str,
    extra_sites: Mapping[str, Iterable[str]] | None,
) -> Ga4Data:
    n = len(raw)
    has_sid = raw["ga_session_id"].notna()
    session_id = (raw["user_id"] + ":" + raw["ga_session_id"].astype("string")).where(
        has_sid, pd.NA
    )
    raw["session_id"] = session_id.astype("string")
    for c in (
        "c_source",
        "c_medium",
        "c_campaign",
        "l_source",
        "l_medium",
        "l_campaign",
        "t_source",
        "t_medium",
        "t_campaign",
        "gclid",
        "transaction_id",
    ):
        raw[c] = _missing_text(raw[c])
    # a gclid without tags is Google Ads auto-tagging: google / cpc
    auto = raw["c_source"].isna() & raw["c_medium"].isna() & raw["gclid"].notna()
    raw["c_source"] = raw["c_source"].mask(auto, "google")
    raw["c_medium"] = raw["c_medium"].mask(auto, "cpc")
    has_c = raw["c_source"].notna() | raw["c_medium"].notna()
    has_l = raw["l_source"].notna() | raw["l_medium"].notna()
    # the key each event's session source is looked up by: its session, else the event itself
    key = raw["session_id"].fillna("#event:" + pd.Series(np.arange(n), dtype="string"))
    raw["_key"] = key
    first_c = raw[has_c].drop_duplicates("_key")[["_key", "c_source", "c_medium", "c_campaign"]]
    first_l = raw[has_l & ~raw["_key"].isin(first_c["_key"])].drop_duplicates("_key")[
        ["_key", "l_source", "l_medium", "l_campaign"]
    ]
    sess = pd.DataFrame({"_key": raw["_key"].drop_duplicates()})
    sess = sess.merge(first_c, on="_key", how="left").merge(first_l, on="_key", how="left")
    from_c = sess["c_source"].notna() | sess["c_medium"].notna()
    from_l = ~from_c & (sess["l_source"].notna() | sess["l_medium"].notna())
    sess["source"] = sess["c_source"].where(from_c, sess["l_source"]).fillna("(direct)")
    sess["medium"] = sess["c_medium"].where(from_c, sess["l_medium"]).fillna("(none)")
    sess["campaign"] = sess["c_campaign"].where(from_c, sess["l_campaign"]).astype("string")
    sess["channel"] = default_channel_group(
        sess["source"], sess["medium"], sess["campaign"], extra_sites=extra_sites
    ).to_numpy()
    raw = raw.merge(
        sess[["_key", "source", "medium", "campaign", "channel"]], on="_key", how="left"
    )

    is_purchase = (raw["event_type"] == purchase_event).to_numpy()
    events = pd.DataFrame(
        {
            "event_id": np.arange(n, dtype=np.int64),
            "user_id": raw["user_id"].astype("string"),
            "session_id": raw["session_id"],
            "timestamp": to_local(raw["timestamp"], tz),
            "event_type": raw["event_type"].astype("string"),
            "channel": raw["channel"].astype("string"),
            "source": raw["source"].astype("string"),
            "medium": raw["medium"].astype("string"),
            "campaign": raw["campaign"].astype("string"),
            "device": raw["device"]
            .astype("string")
            .str.strip()
            .str.lower()
            .mask(lambda d: d == "", pd.NA)
            .fillna("(not set)"),  # GA4's own word for a missing dimension
            "transaction_id": raw["transaction_id"],
            "value": raw["revenue"].astype("float64"),
            "page_location": raw["page_location"].astype("string"),
        }
    )
    # orders: one per transaction id (GA4 may send a purchase twice: the first one counts)
    buys = raw[is_purchase]
    with_id = buys[buys["transaction_id"].notna()]
    dup = int(with_id["transaction_id"].duplicated().sum())
    no_id = int(len(buys) - len(with_id))
    first_buy = with_id.drop_duplicates("transaction_id")
    no_value = int(first_buy["revenue"].isna().sum())
    orders = pd.DataFrame(
        {
            "order_id": first_buy["transaction_id"].astype("string").to_numpy(),
            "user_id": first_buy["user_id"].astype("string").to_numpy(),
            "timestamp": to_local(first_buy["timestamp"], tz).to_numpy(),
            "price": first_buy["revenue"].fillna(0.0).astype("float64").to_numpy(),
            "currency": first_buy["currency"].astype("string").to_numpy(),
            "product": first_buy["product"].astype("string").fillna("(not set)").to_numpy(),
            "n_items": first_buy["n_items"].astype("float64").to_numpy(),
            "session_id": first_buy["session_id"].to_numpy(),
            "channel": first_buy["channel"].astype("string").to_numpy(),
        }
    )
    orders = orders.astype(
        {
            c: "string"
            for c in ("order_id", "user_id", "currency", "product", "session_id", "channel")
        }
    )
    # users: first seen, first acquisition (traffic_source), main device, sessions
    g = raw.groupby("user_id", sort=True, observed=True)
    first = g["timestamp"].min()
    acq = raw.drop_duplicates("user_id").set_index("user_id")[
        ["t_source", "t_medium", "t_campaign"]
    ]
    acq = acq.reindex(first.index)
    acq_has = acq["t_source"].notna() | acq["t_medium"].notna()
    acq_channel = default_channel_group(
        acq["t_source"].fillna("(direct)"),
        acq["t_medium"].fillna("(none)"),
        acq["t_campaign"],
        extra_sites=extra_sites,
    ).where(acq_has.to_numpy(), pd.NA)
    dev = (
        raw.dropna(subset=["device"])
        .groupby(["user_id", "device"], observed=True)
        .size()
        .reset_index(name="k")
        .sort_values(["user_id", "k", "device"], ascending=[True, False, True], kind="stable")
        .drop_duplicates("user_id")
        .set_index("user_id")["device"]
    )
    users = pd.DataFrame(
        {
            "user_id": first.index.astype("string"),
            "first_seen": to_local(first.reset_index(drop=True), tz).to_numpy(),
            "acquisition_channel": pd.array(acq_channel.to_numpy(), dtype="string").fillna(
                "(not set)"  # no traffic_source: GA4's word for a missing dimension
            ),
            "acquisition_source": acq["t_source"].to_numpy(),
            "acquisition_medium": acq["t_medium"].to_numpy(),
            "device": pd.array(dev.reindex(first.index).to_numpy(), dtype="string").fillna(
                "(not set)"
            ),
            "n_sessions": g["session_id"].nunique().reindex(first.index).to_numpy(dtype=np.int64),
        }
    ).astype({"acquisition_source": "string", "acquisition_medium": "string"})
    n_sessions = int(raw["session_id"].nunique())
    # sessions whose channel is not the user's first acquisition channel (traffic_source)
    per_session = raw.dropna(subset=["session_id"]).drop_duplicates("session_id")
    acq_of = pd.Series(acq_channel.to_numpy(), index=first.index.astype("string"))
    mine = per_session["channel"].astype("string").reset_index(drop=True)
    theirs = pd.Series(acq_of.reindex(per_session["user_id"]).to_numpy(), dtype="string")
    differs = (mine != theirs).fillna(True).to_numpy(dtype=bool)  # no traffic_source: differs
    warnings = []
    if no_id:
        warnings.append(
            f"{no_id} {purchase_event} event(s) without ecommerce.transaction_id: not in orders"
        )
    if dup:
        warnings.append(
            f"{dup} repeated {purchase_event} event(s) of a transaction already seen: counted once"
        )
    if no_value:
        warnings.append(f"{no_value} order(s) without purchase_revenue or value: price 0")
    if int((~has_sid).sum()):
        warnings.append(
            f"{int((~has_sid).sum())} event(s) without ga_session_id: each is its own touch"
        )
    if first.index.size and int(acq_has.sum()) < first.index.size:
        warnings.append(
            f"{int((~acq_has).sum())} user(s) without traffic_source: acquisition missing"
        )
    report: dict[str, object] = {
        "importer": "ga4",
        "files": [str(p) for p in paths],
        "timezone": tz or "UTC",
        "events": n,
        "users": int(len(users)),
        "sessions": n_sessions,
        "orders": int(len(orders)),
        "revenue": float(orders["price"].sum()),
        "first_event": str(events["timestamp"].min()) if n else None,
        "last_event": str(events["timestamp"].max()) if n else None,
        "duplicate_purchases": dup,
        "purchases_without_transaction_id": no_id,
        "sessions_not_first_touch_channel": int(differs.sum()),
        "session_source": {
            "collected": int(from_c.sum()),
            "last_click": int(from_l.sum()),
            "none_direct": int((~from_c & ~from_l).sum()),
        },
        "channels": {
            str(k): int(v) for k, v in sess["channel"].value_counts().sort_index().items()
        },
        "warnings": warnings,
    }
    # through journeykit's one door: what the other commands will read is checked here
    events = get_table(events, "events", list(events.columns))
    users = get_table(users, "users", list(users.columns))
    orders = get_table(orders, "orders", list(orders.columns))
    return Ga4Data(events, users, orders, report)


def import_ga4(
    files: Sequence[str | os.PathLike[str]] | str | os.PathLike[str],
    out: str | os.PathLike[str],
    *,
    timezone: str | None = None,
    fmt: str = "csv",
    force: bool = False,
    purchase_event: str = "purchase",
    extra_sites: Mapping[str, Iterable[str]] | None = None,
    chunk_bytes: int = _CHUNK_BYTES,
) -> Ga4Data:
    """Read a GA4 export (:func:`read_ga4`) and write events, users, orders and ``import.json`` to ``out``.

    Nothing is written unless every file reads cleanly; an existing ``out`` is refused
    (:class:`~journeykit.errors.OverwriteError`) unless ``force=True``, and replaced whole only
    after the new folder is complete (:func:`~journeykit.imports.common.write_folder`).
    """
    check_out(out, force=force)
    data = read_ga4(
        files,
        timezone=timezone,
        purchase_event=purchase_event,
        extra_sites=extra_sites,
        chunk_bytes=chunk_bytes,
    )
    write_folder(
        {"events": data.events, "users": data.users, "orders": data.orders},
        out,
        manifest=data.report,
        fmt=fmt,
        force=force,
    )
    return data


def trust_checklist(data: Ga4Data, *, lang: str = "en") -> pd.DataFrame:
    """What to check before trusting a number from this export: one row per check, in ``lang``.

    Columns: ``check`` (what was counted), ``value`` (the count, or share of sessions, or the
    time zone / period as text), ``meaning`` (what it does to the numbers). Rows: events left out
    for lack of a ``user_pseudo_id`` (consent gaps), sessions without a source (direct),
    sessions whose channel is not the user's first acquisition (``traffic_source``), purchases
    sent twice, purchases without a transaction id, the time zone, the period covered.

    >>> import json, tempfile, pathlib
    >>> row = {"event_timestamp": "1704067200000000", "event_name": "page_view", "user_pseudo_id": "u1",
    ...        "event_params": [{"key": "ga_session_id", "value": {"int_value": "1"}}]}
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "events_20240101.json"
    >>> _ = f.write_text(json.dumps(row))
    >>> trust_checklist(read_ga4([f]))["value"].tolist()[:3]
    ['0', '1 of 1 (100.0 %)', '1 of 1 (100.0 %)']
    """
    check_lang(lang)
    r = data.report
    sessions = int(r["sessions"]) or 1  # type: ignore[call-overload]
    src = r["session_source"]  # type: ignore[index]

    def share(k: int) -> str:
        return f"{k:,} of {sessions:,} ({k / sessions:.1%})".replace("%", " %")

    rows = [
        ("own_data.events_without_user", f"{r.get('events_without_user', 0):,}"),
        ("own_data.direct_sessions", share(int(src["none_direct"]))),  # type: ignore[index]
        ("own_data.first_touch_differs", share(int(r["sessions_not_first_touch_channel"]))),  # type: ignore[call-overload]
        ("own_data.duplicate_purchases", f"{r['duplicate_purchases']:,}"),
        ("own_data.purchases_without_id", f"{r['purchases_without_transaction_id']:,}"),
        ("own_data.timezone", str(r["timezone"])),
        ("own_data.period", f"{str(r['first_event'])[:16]} .. {str(r['last_event'])[:16]}"),
    ]
    out = pd.DataFrame(
        {
            "check": [t(k, lang) for k, _ in rows],
            "value": [v for _, v in rows],
            "meaning": [t(f"{k}.note", lang) for k, _ in rows],
        }
    )
    if lang == "id":
        out["value"] = out["value"].str.replace(" of ", " dari ", regex=False)
    return out


def first_touch_events(events: pd.DataFrame, users: pd.DataFrame) -> pd.DataFrame:
    """``events`` with ``channel`` replaced by the user's first acquisition channel.

    What a report built on ``traffic_source`` sees: every touch of a user gets the same channel.
    For comparisons only (lesson 13 shows what it does to paths); never measure paths with it.

    >>> ev = pd.DataFrame({"user_id": ["a", "a"], "channel": ["email", "direct"]})
    >>> us = pd.DataFrame({"user_id": ["a"], "acquisition_channel": ["social_ads"]})
    >>> first_touch_events(ev, us)["channel"].tolist()
    ['social_ads', 'social_ads']
    """
    acq = users.set_index("user_id")["acquisition_channel"]
    return events.assign(channel=acq.reindex(events["user_id"]).to_numpy())
