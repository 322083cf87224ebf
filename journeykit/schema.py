"""The tables journeykit measures, their columns, and the one door every table comes in through.

Five related tables (see ``datasets/README.md`` for units and meaning). Each has a few
**required** columns; every other column is optional (checked when present) and extra columns
are kept as they are:

============  ============================================  =====================================
table         required                                      optional (checked when present)
============  ============================================  =====================================
``users``     ``user_id``                                   ``persona``, ``first_seen``,
                                                            ``acquisition_channel``, ``device``,
                                                            ``referred_by``
``events``    ``user_id``, ``timestamp``, ``event_type``    ``event_id``, ``channel``, ``device``,
                                                            ``touchpoint``, ``stage``, ``campaign``,
                                                            ``cost``, ``session_id``
``orders``    ``order_id``, ``user_id``, ``timestamp``,     ``offer_type``, ``product``, ``cost``
              ``price``
``referrals`` ``referral_id``, ``inviter_id``,              ``reward``
              ``invitee_id``, ``invite_time``,
              ``signup_time``
``survey``    ``user_id``, ``timestamp``                    ``nps`` (0–10), ``csat`` (1–5)
============  ============================================  =====================================

**Open vocabularies.** Event types, channels, devices, touchpoints, products, personas and ids are
whatever the data holds: ids are whole numbers or text (GA4's ``user_pseudo_id`` is text), names
are any text. The built-in keys (:data:`CHANNELS`, :data:`DEVICES`, :data:`EVENT_TYPES`) only
give labels (``journeykit.i18n``); an unknown key is shown as itself. What stays checked: the
required columns, each column's kind (a column mixing numbers and text is refused), missing
values, ranges (prices and costs finite and >= 0, NPS 0–10, CSAT 1–5), unique ids, journeykit's
own keys where they are used (``stage`` is a Customer Value Journey step, ``offer_type`` one of
:data:`OFFER_TYPES`, a built-in event type's ``stage`` one it can show), time order and ids that
point nowhere (between tables that are both given).

**The door.** :func:`get_table` is how every function gets a table: from a DataFrame, a
:class:`Tables` or a dict of DataFrames, it returns the table validated and with canonical dtypes
(``*_id`` columns ``int64`` or ``string``; names ``string``; times ``datetime64[ns]``; money
``float64``), after checking that the columns the caller reads are there. A table is validated
**once**: the result is remembered for that DataFrame object, and a later call with the same,
unchanged object (or with a table :func:`get_table` returned) skips the work. "Unchanged" is
checked, not assumed: journeykit keeps a shallow copy of each validated frame, so under pandas'
copy-on-write any later write into the frame (``df.loc[...] = ...``, ``df["col"] = ...``, a new
index, dropped rows) gives it new data buffers, which the remembered fingerprint (column names,
dtypes, index object and each column's buffer) no longer matches, and the table is validated
again. Without copy-on-write (pandas 2.2 with ``mode.copy_on_write`` off) nothing is remembered
and every call validates. :func:`validate_table` / :func:`validate_tables` always run the checks;
:func:`is_validated` says whether a frame would be taken as it is.

**Timestamps.** Stored as ``datetime64[ns]`` without time zone. Text or datetimes without a zone
are kept as written (the synthetic data sets hold the shop's local time); tz-aware values and
text with offsets (``...+07:00``, ``...Z``) are converted to **UTC** and stored naive; mixing
times with and without an offset is refused. Numbers (integer or float epochs, also digits in a
CSV) are **never guessed**: they are refused with an error naming the column, unless the unit
is given (``timestamp_unit="s" | "ms" | "us" | "ns"``; GA4's ``event_timestamp`` is
microseconds, ``"us"``), and then read as UTC. Views by hour of day take a ``timezone`` (an IANA
name such as ``"Asia/Jakarta"``, UTC+7) and convert stored UTC times with :func:`local_time`.

Problems raise :class:`~journeykit.errors.SchemaError` naming table, column and a few offending
rows. :func:`read_tables` reads a folder of ``<table>.csv.gz`` / ``.csv`` / ``.parquet`` files (the
tables present) through the same door; :func:`write_tables` writes one (deterministic gzip CSV,
or Parquet) and never replaces files unless ``force=True``.

>>> import pandas as pd
>>> events = pd.DataFrame({"user_id": ["a1", "a1", "b2"],
...     "timestamp": ["2024-01-01 09:00", "2024-01-02 10:00", "2024-01-01 12:00"],
...     "event_type": ["page_view", "purchase", "page_view"], "channel": ["tiktok"] * 3})
>>> ev = get_table(events, "events", ["user_id", "timestamp", "event_type", "channel"])
>>> ev.dtypes.astype(str).tolist()
['string', 'datetime64[ns]', 'string', 'string']
>>> epochs = events.assign(timestamp=[1704099600000000, 1704189600000000, 1704110400000000])
>>> get_table(epochs, "events")
Traceback (most recent call last):
...
journeykit.errors.SchemaError: events.timestamp: holds numbers (e.g. 1704099600000000), not timestamps; journeykit never guesses an epoch's unit: pass timestamp_unit='s', 'ms', 'us' or 'ns' to validate_table / get_table / read_tables (GA4's event_timestamp: timestamp_unit='us')
>>> get_table(epochs, "events", timestamp_unit="us")["timestamp"].dt.day.tolist()
[1, 2, 1]
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import json
import os
import re
import weakref
import zlib
from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final, Literal

import numpy as np
import pandas as pd

from journeykit import files
from journeykit.errors import OverwriteError, ParameterError, SchemaError
from journeykit.stages import CVJ_STEPS

__all__ = [
    "CHANNELS",
    "PAID_CHANNELS",
    "DEVICES",
    "EVENT_TYPES",
    "EVENT_STAGE",
    "OFFER_TYPES",
    "TABLES",
    "OPTIONAL_COLUMNS",
    "TIMESTAMP_UNITS",
    "Column",
    "Tables",
    "get_table",
    "is_validated",
    "required_columns",
    "require_columns",
    "checked_columns",
    "check_timezone",
    "ordered_keys",
    "local_time",
    "validate_table",
    "validate_tables",
    "FORMATS",
    "MANIFEST",
    "table_path",
    "read_table",
    "read_tables",
    "write_tables",
]

CHANNELS: Final[tuple[str, ...]] = (
    "organic_search",
    "paid_search",
    "social_ads",
    "social_organic",
    "email",
    "referral",
    "affiliate",
    "direct",
    "whatsapp",
    "store",
)
"""Built-in channel keys (labels: ``journeykit.i18n`` keys ``channel.<key>``); data may hold others."""

PAID_CHANNELS: Final[tuple[str, ...]] = ("paid_search", "social_ads", "affiliate")
"""Channels whose touches carry a cost (cost per click, or commission for affiliates)."""

DEVICES: Final[tuple[str, ...]] = ("mobile", "desktop", "tablet")
"""Built-in device keys (labels ``device.<key>``); data may hold others."""

EVENT_TYPES: Final[tuple[str, ...]] = (
    "impression",
    "click",
    "visit",
    "engage",
    "subscribe",
    "purchase",
    "onboard",
    "review",
    "invite",
)
"""The synthetic data's event types (labels: ``event.<key>``); data may hold any others."""

EVENT_STAGE: Final[dict[str, tuple[str, ...]]] = {
    "impression": ("aware",),
    "click": ("engage",),
    "visit": ("aware", "engage"),
    "engage": ("engage",),
    "subscribe": ("subscribe",),
    "purchase": ("convert", "ascend"),
    "onboard": ("excite",),
    "review": ("advocate",),
    "invite": ("promote",),
}
"""The Customer Value Journey steps an event of each built-in type may show (``events.stage``)."""

OFFER_TYPES: Final[tuple[str, ...]] = ("entry", "core", "ascension")

TIMESTAMP_UNITS: Final[tuple[str, ...]] = ("s", "ms", "us", "ns")
"""Units an epoch column can be read with (``timestamp_unit=``): seconds ... nanoseconds."""

Kind = Literal[
    "id",
    "nullable_id",
    "int",
    "nullable_int",
    "float",
    "str",
    "nullable_str",
    "datetime",
    "nullable_datetime",
]


@dataclass(frozen=True)
class Column:
    """One column of a table: its name, kind, allowed values, numeric range, whether required.

    Kinds: ``id`` (whole numbers -> ``int64``, or text -> ``string``; never both), ``int``,
    ``float`` (finite), ``str`` (any text -> ``string``), ``datetime`` (``datetime64[ns]``);
    ``nullable_*`` allow missing values.
    """

    name: str
    kind: Kind
    allowed: tuple[str, ...] | None = None
    min: float | None = None
    max: float | None = None
    description: str = ""
    required: bool = True


TABLES: Final[dict[str, tuple[Column, ...]]] = {
    "users": (
        Column("user_id", "id", description="unique id of the person (number or text)"),
        Column("persona", "str", description="persona key", required=False),
        Column("first_seen", "datetime", description="time of the first touch", required=False),
        Column(
            "acquisition_channel", "str", description="channel of the first touch", required=False
        ),
        Column("device", "str", description="device the person uses most", required=False),
        Column("referred_by", "nullable_id", description="user_id of the inviter", required=False),
    ),
    "events": (
        Column("event_id", "id", description="unique id of the event", required=False),
        Column("user_id", "id", description="who"),
        Column("timestamp", "datetime", description="when"),
        Column("channel", "str", description="traffic source of the touch", required=False),
        Column("device", "str", description="device used for the touch", required=False),
        Column(
            "touchpoint",
            "str",
            description="where the touch happened (ad, page ...)",
            required=False,
        ),
        Column("event_type", "str", description="what happened (any event name)"),
        Column(
            "stage",
            "str",
            CVJ_STEPS,
            description="Customer Value Journey step reached",
            required=False,
        ),
        Column(
            "campaign",
            "nullable_str",
            description="campaign key, missing when none",
            required=False,
        ),
        Column(
            "cost",
            "float",
            min=0,
            description="money spent on this touch (currency units)",
            required=False,
        ),
    ),
    "orders": (
        Column("order_id", "id", description="unique id of the order"),
        Column("user_id", "id", description="buyer"),
        Column("timestamp", "datetime", description="time of the order"),
        Column(
            "offer_type",
            "str",
            OFFER_TYPES,
            description="entry-point, core or ascension offer",
            required=False,
        ),
        Column("product", "str", description="product key", required=False),
        Column("price", "float", min=0, description="price paid (currency units)"),
        Column(
            "cost",
            "float",
            min=0,
            description="cost of goods sold (currency units)",
            required=False,
        ),
    ),
    "referrals": (
        Column("referral_id", "id", description="unique id of the invitation"),
        Column("inviter_id", "id", description="user_id who sent the invite"),
        Column("invitee_id", "nullable_id", description="user_id who signed up, if any"),
        Column("invite_time", "datetime", description="when the invite was sent"),
        Column("signup_time", "nullable_datetime", description="when the invitee signed up"),
        Column(
            "reward",
            "float",
            min=0,
            description="reward paid to the inviter (currency units)",
            required=False,
        ),
    ),
    "survey": (
        Column("user_id", "id", description="who answered"),
        Column("timestamp", "datetime", description="when"),
        Column(
            "nps",
            "nullable_int",
            min=0,
            max=10,
            description="likelihood to recommend, 0-10",
            required=False,
        ),
        Column(
            "csat", "nullable_int", min=1, max=5, description="satisfaction, 1-5", required=False
        ),
    ),
}
"""The columns journeykit knows, per table, in the order the synthetic data sets hold them."""

OPTIONAL_COLUMNS: Final[dict[str, tuple[Column, ...]]] = {
    "events": (
        Column(
            "session_id",
            "nullable_id",
            description="visit (session) the event belongs to, e.g. GA4's ga_session_id",
            required=False,
        ),
    ),
}
"""Further known columns an import may add (checked when present; the synthetic data has none)."""


def _spec(name: str) -> tuple[Column, ...]:
    if name not in TABLES:
        raise SchemaError(name, None, f"unknown table; expected one of {', '.join(TABLES)}")
    return TABLES[name] + OPTIONAL_COLUMNS.get(name, ())


def required_columns(name: str) -> tuple[str, ...]:
    """The columns table ``name`` must have (the minimal table; see the module docstring).

    >>> required_columns("events")
    ('user_id', 'timestamp', 'event_type')
    """
    return tuple(c.name for c in _spec(name) if c.required)


@dataclass(frozen=True)
class Tables:
    """Up to five related tables of one data set (see module docstring for the columns).

    A table not given is ``None``; a function that needs it says so with a
    :class:`~journeykit.errors.SchemaError` naming the table.
    """

    users: pd.DataFrame | None = None
    events: pd.DataFrame | None = None
    orders: pd.DataFrame | None = None
    referrals: pd.DataFrame | None = None
    survey: pd.DataFrame | None = None

    def items(self) -> list[tuple[str, pd.DataFrame]]:
        """``(name, table)`` pairs in schema order, for the tables present."""
        return [(name, df) for name in TABLES if (df := getattr(self, name)) is not None]


# --- column checks --------------------------------------------------------------------------------


def _bad_rows(mask: pd.Series | np.ndarray, index: pd.Index) -> list[object]:
    return list(index[np.asarray(mask, dtype=bool)][:10])


def _mixed(table: str, col: str, s: pd.Series, kind: str) -> SchemaError:
    """The error for an object column that mixes numbers and text (rows of the rarer type)."""
    types = s[s.notna()].map(
        lambda v: (
            "number"
            if isinstance(v, int | float | np.number)
            else "text"
            if isinstance(v, str)
            else type(v).__name__
        )
    )
    counts = types.value_counts()
    rare = counts.index[-1]
    desc = ", ".join(f"{n} {k}" for k, n in counts.items())
    return SchemaError(
        table,
        col,
        f"mixed types ({desc}); expected {kind}, one type for the whole column",
        _bad_rows((types == rare).reindex(s.index, fill_value=False), s.index),
    )


def _as_id(table: str, col: Column, s: pd.Series) -> pd.Series:
    nullable = col.kind == "nullable_id"
    if not nullable and s.isna().any():
        raise SchemaError(table, col.name, "missing values", _bad_rows(s.isna(), s.index))
    target = "Int64" if nullable else "int64"
    if pd.api.types.is_bool_dtype(s.dtype):
        raise SchemaError(table, col.name, "expected ids (whole numbers or text), got true/false")
    if pd.api.types.is_integer_dtype(s.dtype):
        return s.astype(target)
    inferred = pd.api.types.infer_dtype(s, skipna=True)
    if inferred == "empty":
        return s.astype(target)
    if inferred in ("integer", "floating", "mixed-integer-float", "decimal"):
        num = pd.to_numeric(s, errors="coerce")
        frac = num.notna() & (num % 1 != 0)
        if frac.any():
            raise SchemaError(
                table,
                col.name,
                "expected ids (whole numbers or text), got fractions; ids read as floats lose "
                "digits: read the column as text (dtype=str)",
                _bad_rows(frac, s.index),
            )
        return num.astype(target)
    if inferred == "string":
        return s.astype("string")
    raise _mixed(table, col.name, s, "ids (all whole numbers or all text)")


def _as_str(table: str, col: Column, s: pd.Series) -> pd.Series:
    if col.kind == "str" and s.isna().any():
        raise SchemaError(table, col.name, "missing values", _bad_rows(s.isna(), s.index))
    if s.dtype == object:
        inferred = pd.api.types.infer_dtype(s, skipna=True)
        if inferred.startswith("mixed") and inferred != "mixed-integer-float":
            raise _mixed(table, col.name, s, "text")
    out = s.astype("string")
    if col.kind == "nullable_str":
        out = out.mask(out == "", pd.NA)
    return out


def _check_unit(timestamp_unit: object) -> str | None:
    if timestamp_unit is None or timestamp_unit in TIMESTAMP_UNITS:
        return timestamp_unit  # type: ignore[return-value]
    raise ParameterError(
        f"timestamp_unit: expected None or one of {', '.join(map(repr, TIMESTAMP_UNITS))}, "
        f"got {timestamp_unit!r}"
    )


_EPOCH_TEXT = r"\s*-?\d+(\.\d*)?\s*"
_OFFSET_TEXT = r".*(Z|z|[+-]\d\d(:?\d\d)?)\s*"
_PLAUSIBLE = (pd.Timestamp("1990-01-01"), pd.Timestamp("2100-01-01"))


def _epoch(table: str, col: Column, s: pd.Series, unit: str | None) -> pd.Series:
    """Numbers as times: refused without a unit, read as UTC with one (and checked for sense)."""
    num = pd.to_numeric(s, errors="coerce")
    bad = num.isna() & s.notna()
    if bad.any():
        raise SchemaError(table, col.name, "expected timestamps", _bad_rows(bad, s.index))
    if unit is None:
        known = num.dropna()
        example = known.iloc[0] if len(known) else None
        if example is not None and float(example).is_integer():
            example = int(example)
        raise SchemaError(
            table,
            col.name,
            f"holds numbers (e.g. {example!r}), not timestamps; journeykit never guesses an "
            "epoch's unit: pass timestamp_unit='s', 'ms', 'us' or 'ns' to validate_table / "
            "get_table / read_tables (GA4's event_timestamp: timestamp_unit='us')",
        )
    try:
        out = pd.to_datetime(num, unit=unit)
    except (OverflowError, ValueError, pd.errors.OutOfBoundsDatetime):
        raise SchemaError(
            table,
            col.name,
            f"numbers too large for timestamp_unit={unit!r}; is the unit right? (GA4 uses 'us')",
        ) from None
    odd = out.notna() & ((out < _PLAUSIBLE[0]) | (out >= _PLAUSIBLE[1]))
    if odd.any():
        first = out[odd].iloc[0]
        raise SchemaError(
            table,
            col.name,
            f"read with timestamp_unit={unit!r}, {num[odd].iloc[0]!r} is {first:%Y-%m-%d %H:%M}, "
            "outside 1990-2099; is the unit right? (s: 10 digits, ms: 13, us: 16, ns: 19)",
            _bad_rows(odd, s.index),
        )
    return out


def _as_datetime(table: str, col: Column, s: pd.Series, unit: str | None) -> pd.Series:
    if pd.api.types.is_datetime64_any_dtype(s.dtype):
        out = s
    elif s.isna().all():  # no value at all (an empty table, an empty CSV column): nothing to read
        out = pd.Series(pd.NaT, index=s.index, dtype="datetime64[ns]")
    elif pd.api.types.is_bool_dtype(s.dtype):
        raise SchemaError(table, col.name, "expected timestamps, got true/false")
    elif pd.api.types.is_numeric_dtype(s.dtype) or pd.api.types.infer_dtype(s, skipna=True) in (
        "integer",
        "floating",
        "mixed-integer-float",
        "decimal",
    ):
        out = _epoch(table, col, s, unit)
    else:
        text = s.astype("string")
        known = text.dropna()
        # digits only (epochs in a CSV): test one value first, the whole column only then
        if (
            len(known)
            and re.fullmatch(_EPOCH_TEXT, str(known.iloc[0]))
            and known.str.fullmatch(_EPOCH_TEXT).all()
        ):
            out = _epoch(table, col, text, unit)
        else:
            out = _parse_times(table, col, s, text)
    bad = out.isna() & s.notna()
    if bad.any():
        first = str(s[bad].iloc[0])
        year = re.match(r"\s*(\d{4})-\d\d-\d\d", first)
        if year and not 1677 < int(year.group(1)) < 2262:  # older pandas: out of range -> NaT
            raise SchemaError(
                table,
                col.name,
                "expected timestamps between 1677-09-22 and 2262-04-11 (pandas' nanosecond "
                f"range), got {first!r}",
                _bad_rows(bad, s.index),
            )
        raise SchemaError(
            table,
            col.name,
            f"expected timestamps like '2024-01-31 14:05:00', got {s[bad].iloc[0]!r}",
            _bad_rows(bad, s.index),
        )
    if col.kind == "datetime" and out.isna().any():
        raise SchemaError(table, col.name, "missing values", _bad_rows(out.isna(), s.index))
    if getattr(out.dt, "tz", None) is not None:
        out = out.dt.tz_convert("UTC").dt.tz_localize(None)
    try:
        return out.astype("datetime64[ns]")
    except (OverflowError, ValueError, pd.errors.OutOfBoundsDatetime):
        raise SchemaError(
            table,
            col.name,
            "expected timestamps between 1677-09-22 and 2262-04-11 (pandas' nanosecond range)",
        ) from None


def _parse_times(table: str, col: Column, s: pd.Series, text: pd.Series) -> pd.Series:
    """Text as times: ISO 8601 (fast, unambiguous), else any format pandas recognises.

    With an offset on the first value every value must have one (read as UTC); without, none may
    (pandas 2.2 would silently give naive times the first offset, pandas 3 refuses)."""
    known = text.dropna()
    mixed = SchemaError(
        table,
        col.name,
        "mixes times with and without a time-zone offset; give every time an offset "
        "(they are stored in UTC) or none",
    )
    aware = bool(len(known)) and re.fullmatch(_OFFSET_TEXT, str(known.iloc[0])) is not None
    if aware:
        has_offset = known.str.fullmatch(_OFFSET_TEXT)
        if not has_offset.all():
            bad = ~has_offset.reindex(s.index, fill_value=True)
            raise SchemaError(table, col.name, mixed.problem, _bad_rows(bad, s.index))
    try:
        try:
            out = pd.to_datetime(s, errors="coerce", format="ISO8601", utc=aware)
            if (out.isna() & s.notna()).any():
                out = pd.to_datetime(s, errors="coerce", format="mixed", utc=aware)
        except ValueError as err:
            if "imezone" in str(err) or "offset" in str(err):
                raise mixed from None
            raise
    except SchemaError:
        raise
    except (TypeError, ValueError) as err:
        raise SchemaError(table, col.name, f"expected timestamps ({err})") from None
    if not aware and not (
        pd.api.types.is_datetime64_dtype(out.dtype) and getattr(out.dt, "tz", None) is None
    ):
        raise mixed  # a later value has an offset (pandas 2.2 gives object or tz-aware times)
    return out


def _coerce(table: str, col: Column, s: pd.Series, unit: str | None = None) -> pd.Series:
    kind = col.kind
    if kind in ("id", "nullable_id"):
        return _as_id(table, col, s)
    if kind in ("int", "nullable_int"):
        num = pd.to_numeric(s, errors="coerce")
        bad = num.isna() & s.notna()
        if bad.any():
            raise SchemaError(table, col.name, "expected whole numbers", _bad_rows(bad, s.index))
        if kind == "int" and num.isna().any():
            raise SchemaError(table, col.name, "missing values", _bad_rows(num.isna(), s.index))
        frac = num.notna() & (num % 1 != 0)
        if frac.any():
            raise SchemaError(table, col.name, "expected whole numbers", _bad_rows(frac, s.index))
        huge = num.notna() & (num.abs() >= 2.0**63)
        if huge.any():
            raise SchemaError(
                table,
                col.name,
                "expected whole numbers of at most 19 digits (up to 9223372036854775807); "
                "store longer ids as text and map them to numbers",
                _bad_rows(huge, s.index),
            )
        return num.astype("int64" if kind == "int" else "Int64")
    if kind == "float":
        if pd.api.types.is_bool_dtype(s.dtype):
            raise SchemaError(table, col.name, "expected numbers, got true/false")
        num = pd.to_numeric(s, errors="coerce")
        bad = num.isna()
        if bad.any():
            raise SchemaError(table, col.name, "expected numbers", _bad_rows(bad, s.index))
        num = num.astype("float64")
        inf = ~np.isfinite(num.to_numpy())
        if inf.any():
            raise SchemaError(table, col.name, "values not finite (inf)", _bad_rows(inf, s.index))
        return num
    if kind in ("str", "nullable_str"):
        return _as_str(table, col, s)
    return _as_datetime(table, col, s, unit)


def require_columns(df: object, table: str, columns: Iterable[str]) -> pd.DataFrame:
    """Check that ``df`` is a DataFrame holding ``columns``; return it unchanged.

    The first check every function taking a table makes: the error names the table, the first
    missing column, every missing column and the columns the table does have.

    >>> require_columns(pd.DataFrame({"user_id": [1]}), "events", ["user_id", "stage"])
    Traceback (most recent call last):
    ...
    journeykit.errors.SchemaError: events.stage: missing column(s) stage; has user_id
    >>> require_columns([1, 2], "events", ["user_id"])
    Traceback (most recent call last):
    ...
    journeykit.errors.SchemaError: events: expected a pandas DataFrame, got list
    """
    if not isinstance(df, pd.DataFrame):
        raise SchemaError(table, None, f"expected a pandas DataFrame, got {type(df).__name__}")
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise SchemaError(
            table,
            missing[0],
            f"missing column(s) {', '.join(missing)}; has {', '.join(map(str, df.columns))}",
        )
    return df


def _check_column(table: str, col: Column, s: pd.Series, unit: str | None = None) -> pd.Series:
    """One column: coerced to its kind, then allowed values and range; returns the typed column."""
    s = _coerce(table, col, s, unit)
    if col.allowed is not None:
        bad = s.notna() & ~s.isin(col.allowed)
        if bad.any():
            first = s[bad].iloc[0]
            raise SchemaError(
                table,
                col.name,
                f"unknown value {first!r}; expected one of {', '.join(col.allowed)}",
                _bad_rows(bad, s.index),
            )
    if col.min is not None:
        bad = s.notna() & (s < col.min)
        if bad.any():
            raise SchemaError(table, col.name, f"values below {col.min:g}", _bad_rows(bad, s.index))
    if col.max is not None:
        bad = s.notna() & (s > col.max)
        if bad.any():
            raise SchemaError(table, col.name, f"values above {col.max:g}", _bad_rows(bad, s.index))
    return s


def _validate(name: str, df: pd.DataFrame, unit: str | None) -> pd.DataFrame:
    """Every known column present checked and typed; table-level rules; extra columns kept."""
    if df.columns.duplicated().any():
        dup = df.columns[df.columns.duplicated()][0]
        raise SchemaError(name, str(dup), "column appears more than once")
    out = df.copy(deep=False)
    for col in _spec(name):
        if col.name in out.columns:
            out[col.name] = _check_column(name, col, out[col.name], unit)
    id_col = TABLES[name][0].name
    if id_col.endswith("_id") and name != "survey" and id_col in out.columns:
        dup = out[id_col].duplicated(keep="first")
        if dup.any():
            raise SchemaError(name, id_col, "duplicate ids", _bad_rows(dup, out.index))
    return out


def _check_event_stage(ev: pd.DataFrame) -> None:
    """A built-in event type's ``stage`` must be one it can show; other event types pass."""
    allowed = pd.Series(
        [f"{e}/{st}" for e, stages in EVENT_STAGE.items() for st in stages], dtype="string"
    )
    builtin = ev["event_type"].isin(list(EVENT_STAGE))
    pair = ev["event_type"] + "/" + ev["stage"]
    bad = builtin & ~pair.isin(allowed)
    if bad.any():
        first = ev.loc[bad].iloc[0]
        ok = ", ".join(EVENT_STAGE[first["event_type"]])
        raise SchemaError(
            "events",
            "stage",
            f"stage {first['stage']!r} is not one an event of type {first['event_type']!r} can "
            f"show; expected {ok}",
            _bad_rows(bad, ev.index),
        )


# --- the door: validated once, remembered per frame -------------------------------------------------


def _cow() -> bool:
    """Copy-on-write is on (always from pandas 3; an option in pandas 2.2)."""
    if int(pd.__version__.split(".")[0]) >= 3:
        return True
    try:  # pragma: no cover - pandas 2.2 only
        return pd.get_option("mode.copy_on_write") is True
    except (KeyError, pd.errors.OptionError):  # pragma: no cover
        return False


def _fingerprint(df: pd.DataFrame) -> tuple[Any, ...]:
    """Names, dtypes, index object and data buffer of each column (O(columns), not O(rows))."""
    parts: list[Any] = [id(df.index), len(df), tuple(map(str, df.columns))]
    for i in range(df.shape[1]):
        s = df.iloc[:, i]
        if isinstance(s.dtype, np.dtype):
            a = s.to_numpy()
            buf: Any = (a.__array_interface__["data"][0], a.strides)
        elif isinstance(s.dtype, pd.DatetimeTZDtype):
            a = s.array.asi8
            buf = (a.__array_interface__["data"][0], a.strides)
        else:
            buf = id(s.array)
        parts.append((str(s.dtype), buf))
    return tuple(parts)


@dataclass
class _Entry:
    ref: weakref.ref[pd.DataFrame]
    fingerprint: tuple[Any, ...]
    held: pd.DataFrame  # a shallow copy: any write into the frame must copy its buffers first
    result: pd.DataFrame


_VALIDATED: dict[tuple[int, str, str | None], _Entry] = {}


def _remember(frame: pd.DataFrame, name: str, unit: str | None, result: pd.DataFrame) -> None:
    if not _cow():
        return
    key = (id(frame), name, unit)
    fresh = key not in _VALIDATED
    _VALIDATED[key] = _Entry(
        weakref.ref(frame), _fingerprint(frame), frame.copy(deep=False), result
    )
    if fresh:
        weakref.finalize(frame, _VALIDATED.pop, key, None)


def _recall(frame: pd.DataFrame, name: str, unit: str | None) -> pd.DataFrame | None:
    if not _cow():
        return None
    entry = _VALIDATED.get((id(frame), name, unit))
    if entry is None or entry.ref() is not frame or entry.fingerprint != _fingerprint(frame):
        return None
    return entry.result


def is_validated(df: object, name: str, *, timestamp_unit: str | None = None) -> bool:
    """Whether :func:`get_table` would take ``df`` as table ``name`` without checking it again.

    True for a frame :func:`get_table` / :func:`validate_table` returned or accepted, as long as
    it has not been written to since (see the module docstring).

    >>> ev = validate_table("events", pd.DataFrame({"user_id": [1],
    ...     "timestamp": pd.to_datetime(["2024-01-01"]), "event_type": ["visit"]}))
    >>> is_validated(ev, "events") == _cow()  # remembered (with copy-on-write)
    True
    >>> ev.loc[0, "user_id"] = -5
    >>> is_validated(ev, "events")
    False
    """
    return isinstance(df, pd.DataFrame) and _recall(df, name, timestamp_unit) is not None


def _table_from(source: object, name: str) -> pd.DataFrame:
    if isinstance(source, pd.DataFrame):
        return source
    if isinstance(source, Mapping):
        df = source.get(name)
    elif isinstance(source, Tables) or hasattr(source, name):
        df = getattr(source, name)
    else:
        raise SchemaError(
            name,
            None,
            "expected a pandas DataFrame, a journeykit.schema.Tables or a dict of DataFrames, "
            f"got {type(source).__name__}",
        )
    if df is None:
        raise SchemaError(name, None, f"table missing: this needs the {name} table")
    if not isinstance(df, pd.DataFrame):
        raise SchemaError(name, None, f"expected a pandas DataFrame, got {type(df).__name__}")
    return df


def get_table(
    source: object,
    name: str,
    columns: Iterable[str] | None = None,
    *,
    timestamp_unit: str | None = None,
) -> pd.DataFrame:
    """Table ``name`` of ``source``, validated, with canonical dtypes: the one door for tables.

    ``source``: the table itself (a DataFrame), a :class:`Tables` or a dict of DataFrames.
    ``columns``: the columns the caller reads; they must be present (default: the table's
    required columns, :func:`required_columns`). Every known column present is checked (kind,
    missing values, range, allowed keys) and typed; unknown columns are kept as they are.
    ``timestamp_unit``: the unit of epoch numbers in time columns (see the module docstring).

    Validated once per DataFrame object: an unchanged frame, or a frame this returned, is not
    checked again. The frame returned is a shallow copy; writing into it never changes the
    remembered table (copy-on-write) and makes it be checked again next time.

    >>> ev = pd.DataFrame({"user_id": [7, 7], "timestamp": ["2024-05-01", "2024-05-03"],
    ...     "event_type": ["sign up", "$pageview"]})
    >>> get_table(ev, "events")["event_type"].tolist()
    ['sign up', '$pageview']
    >>> get_table({"events": ev}, "events", ["user_id", "channel"])
    Traceback (most recent call last):
    ...
    journeykit.errors.SchemaError: events.channel: missing column(s) channel; has user_id, timestamp, event_type
    >>> get_table({"events": ev}, "orders")
    Traceback (most recent call last):
    ...
    journeykit.errors.SchemaError: orders: table missing: this needs the orders table
    """
    unit = _check_unit(timestamp_unit)
    _spec(name)
    df = _table_from(source, name)
    need = required_columns(name) if columns is None else tuple(columns)
    require_columns(df, name, need)
    result = _recall(df, name, unit)
    if result is None:
        result = _validate(name, df, unit)
        _remember(df, name, unit, result)
        _remember(result, name, unit, result)
    out = result.copy(deep=False)
    _remember(out, name, unit, result)
    return out


def checked_columns(table: str, df: object, columns: Iterable[str]) -> pd.DataFrame:
    """Just ``columns`` of table ``table``, through :func:`get_table` (validated, typed).

    >>> checked_columns("events", pd.DataFrame({"user_id": [1]}), ["user_id", "stage"])
    Traceback (most recent call last):
    ...
    journeykit.errors.SchemaError: events.stage: missing column(s) stage; has user_id
    >>> checked_columns("events", pd.DataFrame({"stage": ["fame"]}), ["stage"])
    Traceback (most recent call last):
    ...
    journeykit.errors.SchemaError: events.stage: unknown value 'fame'; expected one of aware, engage, subscribe, convert, excite, ascend, advocate, promote [rows 0]
    """
    cols = list(columns)
    return get_table(df, table, cols)[cols]


def validate_table(
    name: str, df: pd.DataFrame, *, timestamp_unit: str | None = None
) -> pd.DataFrame:
    """Check table ``name`` (its required and present columns) and return it with canonical dtypes.

    Always runs the checks (use :func:`get_table` to take an already validated frame as it is);
    the result is remembered as validated. Extra columns are kept.
    """
    unit = _check_unit(timestamp_unit)
    require_columns(df, name, required_columns(name))
    result = _validate(name, df, unit)
    _remember(df, name, unit, result)
    _remember(result, name, unit, result)
    return result


def _same_kind(a: pd.Series, b: pd.Series) -> bool:
    num = pd.api.types.is_integer_dtype
    return num(a.dtype) == num(b.dtype)


def _first_seen_of(ids: pd.Series, first_seen: pd.Series) -> pd.Series:
    """``first_seen`` of each id (NaT when unknown), aligned with ``ids`` (also when empty)."""
    out = pd.Series(pd.NaT, index=ids.index, dtype="datetime64[ns]")
    known = ids.notna().to_numpy()
    if known.any():
        keys = pd.Index(ids[known])
        out[known] = first_seen.reindex(keys).to_numpy(dtype="datetime64[ns]")
    return out


def _refuse(bad: pd.Series, table: str, column: str, problem: str, index: pd.Index) -> None:
    """Raise the SchemaError for the rows where ``bad`` holds, if any."""
    if bad.any():
        raise SchemaError(table, column, problem, _bad_rows(bad, index))


def validate_tables(tables: Tables, *, timestamp_unit: str | None = None) -> Tables:
    """Validate the tables present and the links between them; return them with canonical dtypes.

    Beyond :func:`validate_table`: a built-in event type's ``stage`` must be one it can show
    (:data:`EVENT_STAGE`; other event types pass). When ``users`` is given: every ``user_id``,
    ``inviter_id``, ``invitee_id`` and ``referred_by`` must exist in ``users`` (and be of the
    same kind, numbers or text); with ``users.first_seen``, no event, order, invite or answer before the user's
    ``first_seen`` and no invitee first seen before the invite. With ``referrals``: no
    ``signup_time`` before its ``invite_time``.
    """
    if not isinstance(tables, Tables):
        raise ParameterError(f"tables: expected a Tables, got {type(tables).__name__}")
    v = {name: get_table(df, name, timestamp_unit=timestamp_unit) for name, df in tables.items()}
    ev = v.get("events")
    if ev is not None and "stage" in ev.columns:
        _check_event_stage(ev)
    ref = v.get("referrals")
    if ref is not None:
        bad = ref["signup_time"].notna() & (ref["signup_time"] < ref["invite_time"])
        _refuse(bad, "referrals", "signup_time", "signup before its invite_time", ref.index)
    users = v.get("users")
    if users is None:
        return Tables(**v)
    known = pd.Index(users["user_id"])
    checks = [
        ("users", "referred_by"),
        ("events", "user_id"),
        ("orders", "user_id"),
        ("referrals", "inviter_id"),
        ("referrals", "invitee_id"),
        ("survey", "user_id"),
    ]
    for table, column in checks:
        if table not in v or column not in v[table].columns:
            continue
        s = v[table][column]
        if len(s.dropna()) and len(known) and not _same_kind(s, users["user_id"]):
            kinds = {True: "whole numbers", False: "text"}
            raise SchemaError(
                table,
                column,
                f"holds {kinds[pd.api.types.is_integer_dtype(s.dtype)]} but users.user_id holds "
                f"{kinds[pd.api.types.is_integer_dtype(users['user_id'].dtype)]}; give both the "
                "same kind of id",
            )
        bad = s.notna() & ~s.isin(known)
        _refuse(bad, table, column, "user ids not in users.user_id", s.index)
    if "first_seen" not in users.columns:
        return Tables(**v)
    first_seen = users.set_index("user_id")["first_seen"]
    for table in ("events", "orders", "survey"):
        if table not in v:
            continue
        df = v[table]
        bad = df["timestamp"] < _first_seen_of(df["user_id"], first_seen)
        _refuse(
            bad,
            table,
            "timestamp",
            "timestamps before the user's first_seen (out of order)",
            df.index,
        )
    if ref is not None:
        bad = ref["invite_time"] < _first_seen_of(ref["inviter_id"], first_seen)
        _refuse(
            bad,
            "referrals",
            "invite_time",
            "invites sent before the inviter's first_seen (out of order)",
            ref.index,
        )
        inv_seen = _first_seen_of(ref["invitee_id"], first_seen)
        bad = ref["invitee_id"].notna() & (inv_seen < ref["invite_time"])
        _refuse(
            bad,
            "referrals",
            "invitee_id",
            "invitee first seen before the invite was sent",
            ref.index,
        )
    return Tables(**v)


def ordered_keys(present: Iterable[object], catalogue: Iterable[str] = ()) -> list[str]:
    """Keys in display order: the built-in ones in ``catalogue`` order, then any other, sorted.

    >>> ordered_keys(["tiktok", "email", "google / cpc", "direct"], CHANNELS)
    ['email', 'direct', 'google / cpc', 'tiktok']
    """
    seen = list(dict.fromkeys(str(k) for k in present))
    known = [k for k in catalogue if k in seen]
    return known + sorted(k for k in seen if k not in set(known))


# --- time zones -------------------------------------------------------------------------------------


def check_timezone(timezone: object) -> str | None:
    """``timezone`` itself when ``None`` or a known IANA name; else a ParameterError.

    >>> check_timezone("Asia/Jakarta")
    'Asia/Jakarta'
    >>> check_timezone("Asia/Jakata")
    Traceback (most recent call last):
    ...
    journeykit.errors.ParameterError: timezone: unknown time zone 'Asia/Jakata'; expected an IANA name such as 'Asia/Jakarta' (UTC+7), 'Asia/Makassar', 'Asia/Jayapura' or 'UTC'
    """
    if timezone is None:
        return None
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        if not isinstance(timezone, str) or not timezone:
            raise ValueError
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        raise ParameterError(
            f"timezone: unknown time zone {timezone!r}; expected an IANA name such as "
            "'Asia/Jakarta' (UTC+7), 'Asia/Makassar', 'Asia/Jayapura' or 'UTC'"
        ) from None
    return timezone


def local_time(timestamps: pd.Series, timezone: str | None = None) -> pd.Series:
    """Stored times as wall-clock time in ``timezone`` (naive); ``None`` keeps them as stored.

    Stored times are taken as UTC (what the door makes of tz-aware data and epochs).

    >>> ts = pd.Series(pd.to_datetime(["2024-01-01 13:00"]))
    >>> local_time(ts, "Asia/Jakarta").dt.hour.tolist()  # 13:00 UTC is 20:00 in Jakarta
    [20]
    """
    tz = check_timezone(timezone)
    ts = pd.to_datetime(timestamps)
    if tz is None:
        return ts
    if getattr(ts.dt, "tz", None) is None:
        ts = ts.dt.tz_localize("UTC")
    return ts.dt.tz_convert(tz).dt.tz_localize(None)


# --- files ----------------------------------------------------------------------------------------

FORMATS: Final[dict[str, str]] = {"csv": ".csv.gz", "parquet": ".parquet"}
"""Writable formats and their file suffix. :func:`read_tables` also reads plain ``.csv``."""

MANIFEST: Final[str] = "manifest.json"
"""The file :func:`write_tables` writes last: per table its file, row count, size and SHA-256."""

_READ_SUFFIXES: Final[tuple[str, ...]] = (".csv.gz", ".csv", ".parquet")
_GZIP_LEVEL: Final[int] = 1
_CSV_SLICE_ROWS: Final[int] = 250_000


def table_path(path: str | os.PathLike[str], name: str) -> Path:
    """The one file holding table ``name`` in folder ``path`` (``.csv.gz``, ``.csv`` or ``.parquet``).

    Raises :class:`SchemaError` when there is none, or more than one.
    """
    folder = Path(path)
    found = [
        folder / f"{name}{suf}" for suf in _READ_SUFFIXES if (folder / f"{name}{suf}").is_file()
    ]
    if not found:
        raise SchemaError(
            name,
            None,
            f"no file {name}.csv.gz, {name}.csv or {name}.parquet in {str(folder)!r}",
        )
    if len(found) > 1:
        raise SchemaError(
            name,
            None,
            f"several files for one table ({', '.join(p.name for p in found)}); keep one",
        )
    return found[0]


def _manifest(folder: Path) -> dict[str, dict[str, object]] | None:
    """The per-table entries of ``folder``'s :data:`MANIFEST`, or None when it has none."""
    file = folder / MANIFEST
    if not file.is_file():
        return None
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
        tables = data["tables"]
        if not isinstance(tables, dict):
            raise TypeError
    except (OSError, ValueError, KeyError, TypeError):
        raise SchemaError(
            MANIFEST,
            None,
            f"{str(file)!r} is not a journeykit manifest; write the data set again or delete it",
        ) from None
    return tables


def _mismatch(file: Path, problem: str) -> SchemaError:
    name = file.name.split(".")[0]
    return SchemaError(
        name,
        None,
        f"{str(file)!r} {problem}: the file is truncated (an interrupted write?) or was changed "
        f"after it was written; write the data set again (journeykit synth --force), or delete "
        f"{MANIFEST} if you edited the table on purpose",
    )


def _check_against_manifest(file: Path, entry: dict[str, object]) -> None:
    """Size and SHA-256 of ``file`` against its manifest entry (before reading it)."""
    if entry.get("file") != file.name:
        raise _mismatch(file, f"is not the file the manifest lists ({entry.get('file')!r})")
    size = file.stat().st_size
    if size != entry.get("bytes"):
        raise _mismatch(file, f"has {size:,} bytes, the manifest {entry.get('bytes'):,}")
    digest = hashlib.sha256()
    with open(file, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    if digest.hexdigest() != entry.get("sha256"):
        raise _mismatch(file, "does not match the SHA-256 checksum in the manifest")


def _ids_from_text(df: pd.DataFrame, name: str) -> pd.DataFrame:
    """CSV id columns read as text become ``int64`` when every value is a plain whole number
    (no sign, no leading zero, ``"12.0"`` as a float export writes it is 12; ``"007"`` and
    GA4's ``"1197596843.1673515099"`` stay text), so ids keep every digit either way."""
    out = {}
    for col in _spec(name):
        if col.kind in ("id", "nullable_id") and col.name in df.columns:
            s = df[col.name]
            known = s.dropna()
            if known.str.fullmatch(r"(0|[1-9]\d{0,17})(\.0*)?").all():
                num = pd.to_numeric(s.str.replace(r"\.0*$", "", regex=True))
                out[col.name] = num.astype("Int64" if col.kind == "nullable_id" else "int64")
    return df.assign(**out) if out else df


def read_table(
    path: str | os.PathLike[str], name: str, *, timestamp_unit: str | None = None
) -> pd.DataFrame:
    """Read table ``name`` from folder ``path`` and check it with :func:`validate_table`.

    When the folder holds a :data:`MANIFEST` (every folder :func:`write_tables` writes), the
    file's size, SHA-256 checksum and row count must match it, so a truncated table is an error
    that says so rather than a smaller data set. ``timestamp_unit``: see the module docstring.
    """
    file = table_path(path, name)
    manifest = _manifest(Path(path))
    entry = None
    if manifest is not None:
        entry = manifest.get(name)
        if not isinstance(entry, dict):
            raise SchemaError(name, None, f"{MANIFEST} in {str(path)!r} does not list this table")
        _check_against_manifest(file, entry)
    kinds = {c.name: c.kind for c in _spec(name)}
    try:
        if file.suffix == ".parquet":
            df = pd.read_parquet(file)
        else:
            text = ("str", "nullable_str", "id", "nullable_id")
            text_cols = {c: "string" for c, k in kinds.items() if k in text}
            df = _ids_from_text(
                pd.read_csv(file, dtype=text_cols, keep_default_na=False, na_values=[""]), name
            )
    except UnicodeDecodeError:
        raise SchemaError(
            name, None, f"{str(file)!r} is not UTF-8 text; save it as 'CSV UTF-8' and try again"
        ) from None
    except (OSError, EOFError, zlib.error) as err:
        raise SchemaError(
            name, None, f"cannot read {str(file)!r} ({err}); is it cut short or not {file.suffix}?"
        ) from None
    except pd.errors.EmptyDataError:
        raise SchemaError(name, None, f"{str(file)!r} is empty; expected a header row") from None
    except (ValueError, pd.errors.ParserError) as err:
        raise SchemaError(name, None, f"cannot read {str(file)!r}: {err}") from None
    if entry is not None and len(df) != entry.get("rows"):
        raise _mismatch(file, f"has {len(df):,} rows, the manifest {entry.get('rows'):,}")
    return validate_table(name, df, timestamp_unit=timestamp_unit)


def read_tables(path: str | os.PathLike[str], *, timestamp_unit: str | None = None) -> Tables:
    """Read the tables in folder ``path`` and validate them (:func:`validate_tables`).

    Each table is one file named after it: ``users.csv.gz`` (what :func:`write_tables` writes),
    ``users.csv`` or ``users.parquet``. Only the tables present are read (an events table alone
    is enough for funnels and paths); a folder with none of the five is an error. A learner's own
    export goes through the same checks as the generated data; problems raise
    :class:`SchemaError` naming table, column and rows. ``timestamp_unit``: see the module docstring.
    """
    folder = Path(path)
    if not folder.is_dir():
        raise SchemaError("users", None, f"folder {str(folder)!r} does not exist")
    present = [n for n in TABLES if any((folder / f"{n}{s}").is_file() for s in _READ_SUFFIXES)]
    if not present:
        raise SchemaError(
            "events", None, f"no table file (events.csv, users.csv.gz ...) in {str(folder)!r}"
        )
    return validate_tables(
        Tables(**{n: read_table(folder, n, timestamp_unit=timestamp_unit) for n in present}),
        timestamp_unit=timestamp_unit,
    )


def write_tables(
    tables: Tables,
    path: str | os.PathLike[str],
    *,
    fmt: str = "csv",
    force: bool = False,
    validate: bool = True,
) -> list[Path]:
    """Write the five tables into folder ``path``; return the files written (manifest last).

    ``fmt="csv"`` writes gzip-compressed CSV (``<table>.csv.gz``: small, opens anywhere, same bytes
    for the same tables: the gzip header carries no time or file name); ``fmt="parquet"`` writes
    ``<table>.parquet`` (pyarrow; faster to read and write for big data, keeps dtypes).
    Timestamps are written as ``YYYY-MM-DD HH:MM:SS``; missing values as empty fields.
    A folder that already holds files is refused with :class:`OverwriteError` unless ``force=True``
    (then the five tables' files, in any format, are replaced; other files are left alone).
    The new folder is written under a temporary name and swapped in whole
    (:func:`journeykit.files.write_folder`): Ctrl-C or a full disk leaves the old data set or the
    complete new one, never a mix. :data:`MANIFEST` (row count, size and SHA-256 of each table)
    is written last; :func:`read_table` checks it.
    ``validate=False`` skips :func:`validate_tables` (for tables that are known to be valid).
    """
    if fmt not in FORMATS:
        raise ParameterError(
            f"parameter fmt: expected one of {', '.join(map(repr, FORMATS))}, got {fmt!r}"
        )
    if not isinstance(tables, Tables):
        raise ParameterError(f"parameter tables: expected a Tables, got {type(tables).__name__}")
    folder = Path(path)
    if folder.exists() and not folder.is_dir():
        raise OverwriteError(f"{str(folder)!r} is a file, not a folder")
    if folder.is_dir() and any(not p.name.startswith(".") for p in folder.iterdir()) and not force:
        raise OverwriteError(
            f"folder {str(folder)!r} already holds files; pass force=True (--force) to replace the tables"
        )
    if validate:
        tables = validate_tables(tables)
    names = {f"{name}{suf}" for name in TABLES for suf in _READ_SUFFIXES} | {MANIFEST}

    def fill(tmp: Path) -> None:
        entries = {}
        for name, df in tables.items():
            file = tmp / f"{name}{FORMATS[fmt]}"
            if fmt == "parquet":
                df.to_parquet(file, index=False, compression="zstd")
            else:
                _write_csv_gz(df, file)
            digest = hashlib.sha256()
            with open(file, "rb") as fh:
                for block in iter(lambda fh=fh: fh.read(1 << 20), b""):
                    digest.update(block)
            entries[name] = {
                "file": file.name,
                "rows": len(df),
                "bytes": file.stat().st_size,
                "sha256": digest.hexdigest(),
            }
        manifest = {"schema_version": 1, "kind": "journeykit-tables", "tables": entries}
        (tmp / MANIFEST).write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")

    files.write_folder(folder, fill, force=True, keep=lambda p: p.name not in names)
    return [folder / f"{name}{FORMATS[fmt]}" for name in TABLES] + [folder / MANIFEST]


def _write_csv_gz(df: pd.DataFrame, file: Path) -> None:
    """Deterministic gzip CSV: pyarrow formats slices of rows, zlib compresses them in threads.

    Each slice of :data:`_CSV_SLICE_ROWS` rows becomes one gzip member (header time 0, no file
    name); a file of several members is ordinary gzip that every reader (``gzip``, pandas, R)
    reads as one stream. Same table → same bytes, whatever the number of threads.
    """
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.csv as pacsv

    table = pa.Table.from_pandas(df, preserve_index=False)
    quoting = "none"  # plain fields unless some text needs quotes
    for i, field in enumerate(table.schema):
        if pa.types.is_timestamp(field.type):
            # whole seconds (always true of generated data) print without decimals
            with contextlib.suppress(pa.ArrowInvalid):
                col = table.column(i).cast(pa.timestamp("s"), safe=True)
                table = table.set_column(i, field.name, col)
        elif (pa.types.is_string(field.type) or pa.types.is_large_string(field.type)) and pc.any(
            pc.match_substring_regex(table.column(i), r'[,"\r\n]')
        ).as_py():
            quoting = "needed"
    header = (",".join(_csv_field(str(c)) for c in df.columns) + "\n").encode()
    options = pacsv.WriteOptions(include_header=False, batch_size=65536, quoting_style=quoting)

    def member(start: int) -> bytes:
        buf = pa.BufferOutputStream()
        if start == 0:
            buf.write(header)
        if table.num_rows:
            pacsv.write_csv(table.slice(start, _CSV_SLICE_ROWS), buf, options)
        return gzip.compress(buf.getvalue().to_pybytes(), compresslevel=_GZIP_LEVEL, mtime=0)

    starts = range(0, max(table.num_rows, 1), _CSV_SLICE_ROWS)
    with open(file, "wb") as out, ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        for blob in pool.map(member, starts):
            out.write(blob)


def _csv_field(text: str) -> str:
    if any(ch in text for ch in ',"\n\r'):
        return '"' + text.replace('"', '""') + '"'
    return text
