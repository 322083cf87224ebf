"""Every file and folder journeykit writes goes through here, so nothing a learner saved is lost.

:func:`write_file` writes a temporary file next to the target, flushes it to disk (``fsync``)
and renames it over the target in one step: a full disk, a read-only folder or Ctrl-C leaves
the previous file exactly as it was (or no file), never a truncated one.
:func:`write_text` is its text form. :func:`write_folder` builds a whole folder under a temporary
name and then swaps it in, so a folder of tables is either the old one or the complete new one,
never a mix. All three refuse to replace what exists unless ``force=True``
(:class:`~journeykit.errors.OverwriteError`), refuse a symlink that points nowhere, and turn
operating-system failures into one :class:`~journeykit.errors.WriteError` line naming the path.

>>> import tempfile
>>> from pathlib import Path
>>> d = Path(tempfile.mkdtemp())
>>> write_text(d / "note.txt", "first\\n").read_text()
'first\\n'
>>> write_text(d / "note.txt", "second\\n")
Traceback (most recent call last):
...
journeykit.errors.OverwriteError: ...note.txt: file exists; pass force=True (--force) to replace it
>>> _ = write_text(d / "note.txt", "second\\n", force=True)
>>> sorted(p.name for p in d.iterdir())  # no temporary file left behind
['note.txt']
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from journeykit.errors import OverwriteError, ParameterError, WriteError

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "TEMP_PREFIX",
    "FORMULA_PREFIXES",
    "target_path",
    "write_file",
    "write_text",
    "write_folder",
    "write_error",
    "neutralise_formulas",
    "csv_bytes",
    "write_csv",
]

TEMP_PREFIX = ".jk-tmp-"
"""Name prefix of the temporary files and folders (hidden; removed when a write fails)."""


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_FILE_MODE = 0o666 & ~_umask()
_DIR_MODE = 0o777 & ~_umask()


def write_error(path: Path, err: OSError) -> WriteError:
    """One line for an operating-system failure while writing ``path``."""
    reason = err.strerror or str(err)
    if err.errno == errno.ENOSPC:
        reason = "no space left on the disk"
    elif err.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        reason = "not allowed to write there (read-only disk or folder?)"
    return WriteError(f"{path}: cannot write ({reason}); nothing there was changed")


def target_path(path: str | os.PathLike[str], *, force: bool = False, folder: bool = False) -> Path:
    """The path a write to ``path`` goes to, after the checks every writer makes.

    A symlink to an existing file is followed (the file it points to is replaced, the link
    kept); a symlink that points nowhere is refused. An existing target is refused without
    ``force``; a file where a folder is wanted (or the reverse) is refused always.
    """
    out = Path(path)
    if out.is_symlink():
        if not out.exists():
            raise ParameterError(
                f"{out}: is a symlink to {os.readlink(out)!s}, which does not exist; "
                "remove the link or choose another name"
            )
        out = out.resolve()
    if out.exists():
        if folder and not out.is_dir():
            raise ParameterError(f"{out}: is a file; expected a folder")
        if not folder and out.is_dir():
            raise ParameterError(f"{out}: is a folder; expected a file name")
        if not force:
            kind = "folder" if folder else "file"
            raise OverwriteError(f"{out}: {kind} exists; pass force=True (--force) to replace it")
    parent = out.parent
    for above in (parent, *parent.parents):
        if above.exists():
            if not above.is_dir():
                raise ParameterError(f"{out}: {above} is a file, not a folder")
            break
    return out


def _make_parent(out: Path) -> None:
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise write_error(out, err) from None


def _open_temp(folder: Path, name: str) -> tuple[BinaryIO, Path]:
    """A new hidden temporary file in ``folder`` (patched in tests to simulate a full disk)."""
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f"{TEMP_PREFIX}{name}.")
    return os.fdopen(fd, "wb"), Path(tmp)


def _fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (best effort: not every system allows it)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_file(
    path: str | os.PathLike[str],
    content: bytes | Callable[[BinaryIO], object],
    *,
    force: bool = False,
) -> Path:
    """Write ``content`` (bytes, or a function writing to a binary file) to ``path`` atomically.

    The bytes go to a hidden temporary file in the target's folder, are flushed to disk, and the
    file is renamed over ``path`` only when complete. Missing parent folders are created.
    On any failure — an ``OSError`` (full or read-only disk, raised as
    :class:`~journeykit.errors.WriteError`), an exception from ``content``, Ctrl-C — the
    temporary file is removed and ``path`` is what it was before. Returns the path written.
    """
    out = target_path(path, force=force)
    _make_parent(out)
    mode = _FILE_MODE
    if out.exists():
        with contextlib.suppress(OSError):
            mode = out.stat().st_mode & 0o7777
    tmp: Path | None = None
    try:
        fh, tmp = _open_temp(out.parent, out.name)
        with fh:
            if isinstance(content, bytes | bytearray | memoryview):
                fh.write(content)
            else:
                content(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, out)
        tmp = None
    except OSError as err:
        if isinstance(err, OverwriteError | WriteError):
            raise
        raise write_error(out, err) from None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                tmp.unlink()
    _fsync_dir(out.parent)
    return out


def write_text(path: str | os.PathLike[str], text: str, *, force: bool = False) -> Path:
    """Write ``text`` as UTF-8 to ``path`` atomically (:func:`write_file`)."""
    return write_file(path, text.encode("utf-8"), force=force)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux ``renameat2(RENAME_EXCHANGE)``); False if unsupported."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p]
    renameat2.argtypes += [ctypes.c_uint]
    done = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    return done == 0


def _carry_over(old: Path, new: Path, keep: Callable[[Path], bool]) -> None:
    """Hard-link (or copy) the entries of ``old`` that ``keep`` accepts into ``new``."""
    for entry in sorted(old.iterdir()):
        if entry.name.startswith(TEMP_PREFIX) or not keep(entry) or (new / entry.name).exists():
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.copytree(entry, new / entry.name, symlinks=True, copy_function=_link_or_copy)
        else:
            _link_or_copy(entry, new / entry.name)


def _link_or_copy(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
    try:
        os.link(src, dst, follow_symlinks=False)
    except OSError:
        shutil.copy2(src, dst, follow_symlinks=False)


@contextlib.contextmanager
def _temp_folder(out: Path) -> Iterator[Path]:
    tmp = Path(tempfile.mkdtemp(dir=out.parent, prefix=f"{TEMP_PREFIX}{out.name}."))
    try:
        yield tmp
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


def write_folder(
    path: str | os.PathLike[str],
    fill: Callable[[Path], object],
    *,
    force: bool = False,
    keep: Callable[[Path], bool] | None = None,
) -> Path:
    """Build a folder with ``fill(tmp)`` under a temporary name, then swap it in for ``path``.

    ``fill`` writes every file into the empty folder it is given. An existing folder is
    replaced only with ``force=True``; entries of it that ``keep`` accepts (a learner's own
    notes in a data folder, say) are carried into the new folder (hard links, so no copy of the
    data is made). The swap is one atomic exchange where the system offers it (Linux), otherwise
    two renames a moment apart. Until the swap the old folder is untouched, so a failure or
    Ctrl-C anywhere in ``fill`` leaves it exactly as it was, and removes the temporary folder.
    """
    out = Path(os.path.abspath(target_path(path, force=force, folder=True)))
    here = Path.cwd().resolve()
    if out.exists() and (here == out.resolve() or out.resolve() in here.parents):
        raise ParameterError(
            f"{path}: is the current folder (or holds it), which cannot be swapped for a new "
            "one; run the command from the folder above"
        )
    _make_parent(out)
    try:
        with _temp_folder(out) as tmp:
            os.chmod(tmp, _DIR_MODE)
            fill(tmp)
            if out.is_dir() and keep is not None:
                _carry_over(out, tmp, keep)
            for entry in tmp.iterdir():
                if entry.is_file():
                    _fsync_file(entry)
            _fsync_dir(tmp)
            if not out.exists():
                os.rename(tmp, out)
            elif _exchange(tmp, out):
                shutil.rmtree(tmp)  # now holds the old folder
            else:
                old = out.with_name(f"{TEMP_PREFIX}{out.name}.old")
                if old.exists():
                    shutil.rmtree(old)
                os.rename(out, old)
                os.rename(tmp, out)
                shutil.rmtree(old)
    except OSError as err:
        if isinstance(err, OverwriteError | WriteError):
            raise
        raise write_error(out, err) from None
    _fsync_dir(out.parent)
    return out


def _fsync_file(file: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(file, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


# --- CSV -----------------------------------------------------------------------------------------

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet read a cell as a formula (OWASP's list)."""


def neutralise_formulas(df: pd.DataFrame, *, index: bool = False) -> pd.DataFrame:
    """A copy of ``df`` whose text cells starting with ``= + - @``, tab or CR get a leading ``'``.

    OWASP's rule against CSV (formula) injection: a cell such as ``=HYPERLINK(...)`` typed by a
    customer opens in Excel, LibreOffice or Google Sheets as text, not as a formula that runs.
    Only text columns change (numbers such as ``-5`` stay numbers); with ``index=True`` a text
    index too. Pass ``neutralise=False`` to :func:`csv_bytes` (``--no-neutralise`` on the
    command line) for a file another program reads back rather than a person in a spreadsheet.

    >>> import pandas as pd
    >>> neutralise_formulas(pd.DataFrame({"name": ["=1+1", "Sari", "-x"], "n": [-5, 1, 2]}))
         name  n
    0    '=1+1 -5
    1    Sari  1
    2     '-x  2
    """
    import pandas as pd

    def fix(s: pd.Series | pd.Index) -> pd.Series | pd.Index:
        if not (s.dtype == object or isinstance(s.dtype, pd.StringDtype)):
            return s
        text = s.astype("string")
        risky = text.str.startswith(FORMULA_PREFIXES).fillna(False).to_numpy(dtype=bool)
        if not risky.any():
            return s
        out = text.where(~risky, "'" + text)
        return out if isinstance(s, pd.Index) else pd.Series(out, index=s.index, name=s.name)

    out = df.copy()
    for col in out.columns:
        out[col] = fix(out[col])
    if index:
        out.index = pd.Index(fix(out.index), name=df.index.name)
    return out


def csv_bytes(df: pd.DataFrame, *, neutralise: bool = True, **to_csv: object) -> bytes:
    """``df`` as UTF-8 CSV bytes (``to_csv`` keywords passed on), formulas neutralised
    (:func:`neutralise_formulas`) unless ``neutralise=False``."""
    if neutralise:
        df = neutralise_formulas(df, index=bool(to_csv.get("index", True)))
    return df.to_csv(**to_csv).encode("utf-8")  # type: ignore[call-overload]


def write_csv(
    df: pd.DataFrame,
    path: str | os.PathLike[str],
    *,
    force: bool = False,
    neutralise: bool = True,
    **to_csv: object,
) -> Path:
    """Write ``df`` as CSV to ``path`` atomically (:func:`write_file`), formulas neutralised."""
    return write_file(path, csv_bytes(df, neutralise=neutralise, **to_csv), force=force)
