"""What the importers share: their error type, time zones, epoch units and the safe folder write.

Every importer refuses bad input with :class:`ImportFileError`, one line that names the file,
the line (or row) and the field, and never writes a partial result: :func:`write_folder` writes
into a temporary folder next to ``out`` and renames it into place only when everything is
written, so an existing folder is either left untouched (the default: it is refused) or replaced
whole (``force=True``).

>>> check_timezone("Asia/Jakrta")
Traceback (most recent call last):
...
journeykit.errors.ParameterError: timezone: unknown time zone 'Asia/Jakrta'; expected an IANA name such as 'Asia/Jakarta' (UTC+7), 'Asia/Makassar', 'Asia/Jayapura' or 'UTC'
>>> epoch_to_datetime(pd.Series([1_700_000_000_000_000]), unit="us", column="event_timestamp").iloc[0]
Timestamp('2023-11-14 22:13:20')
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Final

import numpy as np
import pandas as pd

from journeykit.errors import JourneykitError, OverwriteError, ParameterError
from journeykit.schema import TIMESTAMP_UNITS, check_timezone, local_time

__all__ = [
    "ImportFileError",
    "EPOCH_UNITS",
    "OUT_FORMATS",
    "MANIFEST",
    "check_out",
    "epoch_to_datetime",
    "to_local",
    "write_folder",
]

EPOCH_UNITS: Final[tuple[str, ...]] = TIMESTAMP_UNITS
"""Units an integer epoch timestamp may be given in (seconds ... nanoseconds since 1970-01-01 UTC)."""

OUT_FORMATS: Final[dict[str, str]] = {"csv": ".csv.gz", "parquet": ".parquet"}
"""Table file formats an import writes, and their file endings (what ``read_tables`` reads)."""

MANIFEST: Final = "import.json"
"""The file an import writes next to its tables: source files, counts, time zone, warnings."""

# plausible event times: 2000-01-01 .. 2100-01-01 (outside: the unit is almost surely wrong)
_LO: Final = np.datetime64("2000-01-01", "ns")
_HI: Final = np.datetime64("2100-01-01", "ns")


class ImportFileError(JourneykitError):
    """A file to import cannot be read as promised: ``where`` names file and line, ``problem`` what.

    >>> str(ImportFileError("events_20240101.json", "line 7", "not JSON (Expecting value)"))
    'events_20240101.json line 7: not JSON (Expecting value)'
    """

    def __init__(self, file: str | os.PathLike[str], where: str | None, problem: str) -> None:
        self.file = str(file)
        self.where = where
        self.problem = problem
        place = " ".join(p for p in (self.file, where or "") if p)
        super().__init__(f"{place}: {problem}" if place else problem)


def to_local(utc: pd.Series, timezone: str | None) -> pd.Series:
    """UTC wall-clock times (naive ``datetime64[ns]``) → wall-clock times in ``timezone`` (naive).

    ``None`` or ``"UTC"`` returns the times unchanged; :func:`journeykit.schema.local_time` does
    the conversion (and refuses unknown zones).

    >>> to_local(pd.Series(pd.to_datetime(["2024-01-01 17:30"])), "Asia/Jakarta").iloc[0]
    Timestamp('2024-01-02 00:30:00')
    """
    tz = check_timezone(timezone)
    if tz is None or tz == "UTC":
        return utc
    return local_time(utc, tz).astype("datetime64[ns]")


def epoch_to_datetime(values: pd.Series, *, unit: str, column: str, file: str = "") -> pd.Series:
    """Whole-number epochs in ``unit`` (``s``/``ms``/``us``/``ns`` since 1970 UTC) → naive UTC times.

    Refuses (with the column, the first offending row and the unit) values that are not whole
    numbers and times outside 2000–2100, the sign of a wrong unit (microseconds read as seconds,
    or milliseconds read as microseconds, land centuries away or in 1970).

    >>> epoch_to_datetime(pd.Series([1_700_000_000_000]), unit="us", column="t")
    Traceback (most recent call last):
    ...
    journeykit.imports.common.ImportFileError: t: 1700000000000 us is 1970-01-20 16:13:20, outside 2000-2100; is the unit right? (expected one of s, ms, us, ns; BigQuery's GA4 export writes microseconds) [row 0]
    """
    if unit not in EPOCH_UNITS:
        raise ParameterError(
            f"parameter timestamp_unit: expected one of {', '.join(EPOCH_UNITS)}, got {unit!r}"
        )
    num = pd.to_numeric(values, errors="coerce")
    bad = num.isna().to_numpy() | (np.asarray(num.fillna(0)) % 1 != 0)
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise ImportFileError(
            file,
            None,
            f"{column}: expected whole-number epoch {unit}, got {values.iloc[i]!r} [row {i}]",
        )
    ints = num.astype("int64")
    per = {"s": 10**9, "ms": 10**6, "us": 10**3, "ns": 1}[unit]
    limit = np.iinfo(np.int64).max // per
    arr = ints.to_numpy()
    over = np.abs(arr) > limit
    ns = np.where(over, 0, arr) * per
    out = ns.astype("datetime64[ns]")
    odd = over | (out < _LO) | (out >= _HI)
    if odd.any():
        i = int(np.flatnonzero(odd)[0])
        shown = "beyond year 2262" if over[i] else str(pd.Timestamp(out[i]))
        raise ImportFileError(
            file,
            None,
            f"{column}: {arr[i]} {unit} is {shown}, outside 2000-2100; is the unit right? "
            f"(expected one of {', '.join(EPOCH_UNITS)}; BigQuery's GA4 export writes "
            f"microseconds) [row {i}]",
        )
    return pd.Series(out, index=values.index, name=values.name)


def check_out(out: str | os.PathLike[str], *, force: bool = False) -> Path:
    """Refuse an output folder that holds files (unless ``force``) or is a file; return its path.

    Importers call it before reading, so a long import does not end in a refusal.
    """
    target = Path(out)
    if target.exists() and not target.is_dir():
        raise OverwriteError(f"{str(target)!r} is a file, not a folder")
    if target.is_dir() and any(target.iterdir()) and not force:
        raise OverwriteError(
            f"folder {str(target)!r} already holds files; pass --force (force=True) to replace it"
        )
    return target


def write_folder(
    tables: Mapping[str, pd.DataFrame],
    out: str | os.PathLike[str],
    *,
    manifest: Mapping[str, object],
    fmt: str = "csv",
    force: bool = False,
) -> list[Path]:
    """Write ``tables`` (name → DataFrame) and :data:`MANIFEST` into folder ``out``, all or nothing.

    The files go into a temporary folder in ``out``'s parent, which is renamed to ``out`` at the
    end; a failure leaves nothing behind. An existing ``out`` that holds files is refused with
    :class:`~journeykit.errors.OverwriteError` unless ``force=True``, which replaces the whole
    folder (its old files are removed only after the new folder is complete). CSV is gzip
    (``<table>.csv.gz``, no time in the header, so the same tables give the same bytes); Parquet
    keeps the column types exactly. Returns the table files' final paths.
    """
    if fmt not in OUT_FORMATS:
        raise ParameterError(
            f"parameter format: expected one of {', '.join(OUT_FORMATS)}, got {fmt!r}"
        )
    target = check_out(out, force=force)
    parent = target.parent if str(target.parent) else Path(".")
    parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.importing-", dir=parent))
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o777 & ~umask)  # mkdtemp makes it private; the result is an ordinary folder
    try:
        names = []
        for name, df in tables.items():
            file = tmp / f"{name}{OUT_FORMATS[fmt]}"
            if fmt == "parquet":
                df.to_parquet(file, index=False)
            else:
                df.to_csv(
                    file,
                    index=False,
                    compression={"method": "gzip", "mtime": 0},
                    lineterminator="\n",
                )
            names.append(file.name)
        (tmp / MANIFEST).write_text(
            json.dumps(manifest, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8"
        )
        if target.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=parent))
            os.replace(target, old / target.name)
            try:
                os.replace(tmp, target)
            except OSError:
                os.replace(old / target.name, target)
                raise
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return [target / n for n in names]
