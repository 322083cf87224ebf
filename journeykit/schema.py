"""The tables every lesson measures, their columns, and the validator a learner's own data goes through.

Five related tables (see ``datasets/README.md`` for units and meaning):

``users``      one row per person: ``user_id``, ``persona``, ``first_seen``, ``acquisition_channel``,
               ``device`` (preferred), ``referred_by`` (inviter's ``user_id`` or missing)
``events``     one row per touch: ``event_id``, ``user_id``, ``timestamp``, ``channel``, ``device``,
               ``touchpoint``, ``event_type``, ``stage`` (Customer Value Journey step the event
               shows the user reached), ``campaign`` (missing when none), ``cost`` (money spent on
               the touch, 0 for unpaid channels)
``orders``     one row per order: ``order_id``, ``user_id``, ``timestamp``, ``offer_type``
               (``entry``/``core``/``ascension``), ``product``, ``price``, ``cost``
``referrals``  one row per invitation: ``referral_id``, ``inviter_id``, ``invitee_id`` (missing
               when the invite did not convert), ``invite_time``, ``signup_time``, ``reward``
``survey``     one row per answer: ``user_id``, ``timestamp``, ``nps`` (0–10), ``csat`` (1–5)

:func:`validate_tables` checks columns, types, allowed values, ranges, user ids that point
nowhere and time order, and returns the tables with canonical dtypes. Problems raise
:class:`~journeykit.errors.SchemaError` naming table, column and a few offending rows.
:func:`read_tables` reads a folder of ``<table>.csv.gz`` / ``.csv`` / ``.parquet`` files through
the same checks; :func:`write_tables` writes one (deterministic gzip CSV, or Parquet) and never
replaces files unless ``force=True``.

>>> import pandas as pd
>>> users = pd.DataFrame({"user_id": [1], "persona": ["student"],
...     "first_seen": pd.to_datetime(["2024-01-01"]), "acquisition_channel": ["tiktok"],
...     "device": ["mobile"], "referred_by": [None]})
>>> validate_table("users", users)
Traceback (most recent call last):
...
journeykit.errors.SchemaError: users.acquisition_channel: unknown value 'tiktok'; expected one of ... [rows 0]
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import json
import os
import zlib
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Final, Literal

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
    "Column",
    "Tables",
    "require_columns",
    "checked_columns",
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
"""Channel keys (labels: ``journeykit.i18n`` keys ``channel.<key>``)."""

PAID_CHANNELS: Final[tuple[str, ...]] = ("paid_search", "social_ads", "affiliate")
"""Channels whose touches carry a cost (cost per click, or commission for affiliates)."""

DEVICES: Final[tuple[str, ...]] = ("mobile", "desktop", "tablet")

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
"""Event types (labels: ``event.<key>``)."""

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
"""The Customer Value Journey steps an event of each type may show (``events.stage``)."""

OFFER_TYPES: Final[tuple[str, ...]] = ("entry", "core", "ascension")

Kind = Literal[
    "int", "nullable_int", "float", "str", "nullable_str", "datetime", "nullable_datetime"
]


@dataclass(frozen=True)
class Column:
    """One column of a table: its name, kind, allowed values and numeric range."""

    name: str
    kind: Kind
    allowed: tuple[str, ...] | None = None
    min: float | None = None
    max: float | None = None
    description: str = ""


TABLES: Final[dict[str, tuple[Column, ...]]] = {
    "users": (
        Column("user_id", "int", min=0, description="unique id of the person"),
        Column("persona", "str", description="persona key (see journeykit.personas)"),
        Column("first_seen", "datetime", description="time of the first touch"),
        Column("acquisition_channel", "str", CHANNELS, description="channel of the first touch"),
        Column("device", "str", DEVICES, description="device the person uses most"),
        Column("referred_by", "nullable_int", min=0, description="user_id of the inviter, if any"),
    ),
    "events": (
        Column("event_id", "int", min=0, description="unique id of the event"),
        Column("user_id", "int", min=0, description="who"),
        Column("timestamp", "datetime", description="when"),
        Column("channel", "str", CHANNELS, description="traffic source of the touch"),
        Column("device", "str", DEVICES, description="device used for the touch"),
        Column("touchpoint", "str", description="where the touch happened (ad, landing page ...)"),
        Column("event_type", "str", EVENT_TYPES, description="what happened"),
        Column("stage", "str", CVJ_STEPS, description="Customer Value Journey step reached"),
        Column("campaign", "nullable_str", description="campaign key, missing when none"),
        Column("cost", "float", min=0, description="money spent on this touch (currency units)"),
    ),
    "orders": (
        Column("order_id", "int", min=0, description="unique id of the order"),
        Column("user_id", "int", min=0, description="buyer"),
        Column("timestamp", "datetime", description="time of the order"),
        Column(
            "offer_type", "str", OFFER_TYPES, description="entry-point, core or ascension offer"
        ),
        Column("product", "str", description="product key"),
        Column("price", "float", min=0, description="price paid (currency units)"),
        Column("cost", "float", min=0, description="cost of goods sold (currency units)"),
    ),
    "referrals": (
        Column("referral_id", "int", min=0, description="unique id of the invitation"),
        Column("inviter_id", "int", min=0, description="user_id who sent the invite"),
        Column("invitee_id", "nullable_int", min=0, description="user_id who signed up, if any"),
        Column("invite_time", "datetime", description="when the invite was sent"),
        Column("signup_time", "nullable_datetime", description="when the invitee signed up"),
        Column("reward", "float", min=0, description="reward paid to the inviter (currency units)"),
    ),
    "survey": (
        Column("user_id", "int", min=0, description="who answered"),
        Column("timestamp", "datetime", description="when"),
        Column("nps", "nullable_int", min=0, max=10, description="likelihood to recommend, 0-10"),
        Column("csat", "nullable_int", min=1, max=5, description="satisfaction, 1-5"),
    ),
}


@dataclass(frozen=True)
class Tables:
    """The five related tables of one data set (see module docstring for the columns)."""

    users: pd.DataFrame
    events: pd.DataFrame
    orders: pd.DataFrame
    referrals: pd.DataFrame
    survey: pd.DataFrame

    def items(self) -> list[tuple[str, pd.DataFrame]]:
        """``(name, table)`` pairs in schema order."""
        return [(name, getattr(self, name)) for name in TABLES]


def _bad_rows(mask: pd.Series | np.ndarray, index: pd.Index) -> list[object]:
    return list(index[np.asarray(mask, dtype=bool)][:10])


def _coerce(table: str, col: Column, s: pd.Series) -> pd.Series:
    kind = col.kind
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
        num = pd.to_numeric(s, errors="coerce")
        bad = num.isna()
        if bad.any():
            raise SchemaError(table, col.name, "expected numbers", _bad_rows(bad, s.index))
        bad = ~np.isfinite(num.to_numpy(dtype="float64"))
        if bad.any():
            raise SchemaError(
                table, col.name, "expected finite numbers, got inf", _bad_rows(bad, s.index)
            )
        return num.astype("float64")
    if kind in ("str", "nullable_str"):
        if kind == "str" and s.isna().any():
            raise SchemaError(table, col.name, "missing values", _bad_rows(s.isna(), s.index))
        out = s.astype("string")
        if kind == "nullable_str":
            out = out.mask(out == "", pd.NA)
        return out
    # datetimes: ISO 8601 text (fast, unambiguous), else any format pandas recognises
    try:
        if pd.api.types.is_datetime64_any_dtype(s):
            out = s
        else:
            out = pd.to_datetime(s, errors="coerce", format="ISO8601")
            if (out.isna() & s.notna()).any():
                out = pd.to_datetime(s, errors="coerce", format="mixed")
    except (TypeError, ValueError) as err:  # mixed time zones and the like
        raise SchemaError(table, col.name, f"expected timestamps ({err})") from None
    bad = out.isna() & s.notna()
    if bad.any():
        raise SchemaError(
            table,
            col.name,
            f"expected timestamps like '2024-01-31 14:05:00', got {s[bad].iloc[0]!r}",
            _bad_rows(bad, s.index),
        )
    if kind == "datetime" and out.isna().any():
        raise SchemaError(table, col.name, "missing values", _bad_rows(out.isna(), s.index))
    if getattr(out.dt, "tz", None) is not None:
        out = out.dt.tz_convert("UTC").dt.tz_localize(None)
    try:
        return out.astype("datetime64[ns]")
    except (pd.errors.OutOfBoundsDatetime, OverflowError):
        bad = out.notna() & ((out < pd.Timestamp.min) | (out > pd.Timestamp.max))
        raise SchemaError(
            table,
            col.name,
            "expected timestamps between 1677-09-22 and 2262-04-11 (pandas' nanosecond range)",
            _bad_rows(bad, s.index),
        ) from None


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


def _check_column(table: str, col: Column, s: pd.Series) -> pd.Series:
    """One column: coerced to its kind, then allowed values and range; returns the typed column."""
    s = _coerce(table, col, s)
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


def checked_columns(table: str, df: object, columns: Iterable[str]) -> pd.DataFrame:
    """Check that ``df`` has ``columns`` of schema table ``table``; return just them, typed.

    Only the named columns are checked (kind, allowed values, range), so a function needs no
    more of a learner's data than it uses. A column the schema does not know passes through
    untouched. Errors are :class:`~journeykit.errors.SchemaError` naming ``table.column``.

    >>> checked_columns("events", pd.DataFrame({"user_id": [1]}), ["user_id", "stage"])
    Traceback (most recent call last):
    ...
    journeykit.errors.SchemaError: events.stage: missing column(s) stage; has user_id
    >>> checked_columns("events", pd.DataFrame({"channel": ["fax"]}), ["channel"])
    Traceback (most recent call last):
    ...
    journeykit.errors.SchemaError: events.channel: unknown value 'fax'; expected one of organic_search, paid_search, social_ads, social_organic, email, referral, affiliate, direct, whatsapp, store [rows 0]
    """
    if table not in TABLES:
        raise SchemaError(table, None, f"unknown table; expected one of {', '.join(TABLES)}")
    cols = list(columns)
    require_columns(df, table, cols)
    assert isinstance(df, pd.DataFrame)
    spec = {c.name: c for c in TABLES[table]}
    out = {
        name: _check_column(table, spec[name], df[name]) if name in spec else df[name]
        for name in cols
    }
    return pd.DataFrame(out, index=df.index)


def validate_table(name: str, df: pd.DataFrame) -> pd.DataFrame:
    """Check one table against :data:`TABLES` and return a copy with canonical dtypes.

    Extra columns are kept. Checks: it is a DataFrame, every column present, values of the right
    kind, allowed values, numeric ranges, unique id column.
    """
    if name not in TABLES:
        raise SchemaError(name, None, f"unknown table; expected one of {', '.join(TABLES)}")
    require_columns(df, name, [c.name for c in TABLES[name]])
    out = df.copy()
    for col in TABLES[name]:
        out[col.name] = _check_column(name, col, out[col.name])
    id_col = TABLES[name][0]
    if id_col.name.endswith("_id") and name != "survey":
        dup = out[id_col.name].duplicated(keep="first")
        if dup.any():
            raise SchemaError(name, id_col.name, "duplicate ids", _bad_rows(dup, out.index))
    return out


def _first_seen_of(ids: pd.Series, first_seen: pd.Series) -> pd.Series:
    """``first_seen`` of each id (NaT when unknown), aligned with ``ids`` (also when empty)."""
    out = pd.Series(pd.NaT, index=ids.index, dtype="datetime64[ns]")
    known = ids.notna().to_numpy()
    if known.any():
        keys = pd.Index(ids[known].astype("int64"))
        out[known] = first_seen.reindex(keys).to_numpy(dtype="datetime64[ns]")
    return out


def validate_tables(tables: Tables) -> Tables:
    """Validate all five tables and the links between them; return them with canonical dtypes.

    Beyond :func:`validate_table`: every ``user_id``, ``inviter_id``, ``invitee_id`` and
    ``referred_by`` must exist in ``users``; no event, order, invite or answer before the user's
    ``first_seen``; each event's ``stage`` is one its ``event_type`` can show
    (:data:`EVENT_STAGE`); no ``signup_time`` before its ``invite_time``; an invitee was first
    seen at or after the invite.
    """
    v = {name: validate_table(name, df) for name, df in tables.items()}
    users = v["users"]
    known = pd.Index(users["user_id"])
    first_seen = users.set_index("user_id")["first_seen"]
    checks = [
        ("users", "referred_by"),
        ("events", "user_id"),
        ("orders", "user_id"),
        ("referrals", "inviter_id"),
        ("referrals", "invitee_id"),
        ("survey", "user_id"),
    ]
    for table, column in checks:
        s = v[table][column]
        bad = s.notna() & ~s.isin(known)
        if bad.any():
            raise SchemaError(
                table, column, "user ids not in users.user_id", _bad_rows(bad, s.index)
            )
    for table, tcol in (("events", "timestamp"), ("orders", "timestamp"), ("survey", "timestamp")):
        df = v[table]
        start = _first_seen_of(df["user_id"], first_seen)
        bad = df[tcol] < start
        if bad.any():
            raise SchemaError(
                table,
                tcol,
                "timestamps before the user's first_seen (out of order)",
                _bad_rows(bad, df.index),
            )
    ev = v["events"]
    allowed = pd.Series(
        [f"{e}/{st}" for e, stages in EVENT_STAGE.items() for st in stages], dtype="string"
    )
    pair = ev["event_type"] + "/" + ev["stage"]
    bad = ~pair.isin(allowed)
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
    ref = v["referrals"]
    bad = ref["invite_time"] < _first_seen_of(ref["inviter_id"], first_seen)
    if bad.any():
        raise SchemaError(
            "referrals",
            "invite_time",
            "invites sent before the inviter's first_seen (out of order)",
            _bad_rows(bad, ref.index),
        )
    bad = ref["signup_time"].notna() & (ref["signup_time"] < ref["invite_time"])
    if bad.any():
        raise SchemaError(
            "referrals", "signup_time", "signup before its invite_time", _bad_rows(bad, ref.index)
        )
    inv_seen = _first_seen_of(ref["invitee_id"], first_seen)
    bad = ref["invitee_id"].notna() & (inv_seen < ref["invite_time"])
    if bad.any():
        raise SchemaError(
            "referrals",
            "invitee_id",
            "invitee first seen before the invite was sent",
            _bad_rows(bad, ref.index),
        )
    return Tables(**v)


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


def read_table(path: str | os.PathLike[str], name: str) -> pd.DataFrame:
    """Read table ``name`` from folder ``path`` and check it with :func:`validate_table`.

    When the folder holds a :data:`MANIFEST` (every folder :func:`write_tables` writes), the
    file's size, SHA-256 checksum and row count must match it, so a truncated table is an error
    that says so rather than a smaller data set.
    """
    file = table_path(path, name)
    manifest = _manifest(Path(path))
    entry = None
    if manifest is not None:
        entry = manifest.get(name)
        if not isinstance(entry, dict):
            raise SchemaError(name, None, f"{MANIFEST} in {str(path)!r} does not list this table")
        _check_against_manifest(file, entry)
    kinds = {c.name: c.kind for c in TABLES[name]}
    try:
        if file.suffix == ".parquet":
            df = pd.read_parquet(file)
        else:
            text_cols = {c: "string" for c, k in kinds.items() if k in ("str", "nullable_str")}
            df = pd.read_csv(file, dtype=text_cols, keep_default_na=False, na_values=[""])
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
    return validate_table(name, df)


def read_tables(path: str | os.PathLike[str]) -> Tables:
    """Read the five tables from folder ``path`` and validate them (:func:`validate_tables`).

    Each table is one file named after it: ``users.csv.gz`` (what :func:`write_tables` writes),
    ``users.csv`` or ``users.parquet``. A learner's own export goes through the same checks as the
    generated data; problems raise :class:`SchemaError` naming table, column and rows.
    """
    folder = Path(path)
    if not folder.is_dir():
        raise SchemaError("users", None, f"folder {str(folder)!r} does not exist")
    return validate_tables(Tables(**{name: read_table(folder, name) for name in TABLES}))


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
