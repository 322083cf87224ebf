"""The course runner: find the lessons, check parameters, execute with papermill, render HTML.

A *lesson* is ``notebooks/NN_slug.ipynb``; its exercise is ``exercises/NN_slug.ipynb`` (generated)
and the solution ``exercises/solutions/NN_slug.ipynb``. Every notebook's first code cell is tagged
``parameters`` and holds literal assignments; :func:`read_parameters` reads them with :mod:`ast`
(no kernel), so :func:`check_run_parameters` can refuse an unknown name or a wrongly typed value
before any kernel starts.

:func:`run_course` executes the selected notebooks with papermill's Python API (kernel ``python3``,
working directory = the notebook's folder, matplotlib's headless inline backend (not ``Agg``,
which would drop the figures from the executed notebook), ``TQDM_DISABLE=1``), prints one
progress line per notebook, and writes into the output folder:

* ``NN_slug.ipynb`` and ``NN_slug.html`` per lesson (``exercises/`` and ``solutions/`` sub-folders
  for exercise and solution notebooks when asked for);
* ``index.html``: an introduction, the lessons with their exercises (and solutions) and the
  guides; ``teaching.html`` and ``sources.html``, the trainer's guide and the sources page
  (``docs/TEACHING.md``, ``docs/SOURCES.md``);
* ``assets/``: the JavaScript the pages load (widget renderer, require.js, MathJax 3) with its
  licences, so that the pages show the saved widgets and the maths with no network
  (:func:`render_html`);
* ``.journeykit-course.json``, the list of files the runner wrote.

**The output folder rule.** The runner writes into a folder that is missing, empty, or that it made
itself (every file in it is listed in its ``.journeykit-course.json``); the files of the earlier
run are replaced. A folder holding anything else is refused with
:class:`~journeykit.errors.OverwriteError` unless ``force=True`` (``--force``), which writes into
it and leaves the foreign files alone — and never replaces one of them (a learner's own
``index.html`` stays; the run is refused). The course's source folders (``notebooks/``,
``exercises/``) are never an output folder. Notebooks run into a temporary folder next to
``out``; only when every one succeeded do their pages replace the previous run's. When a re-run
fails, the previous pages and index stay, and this run's notebooks go to
``out/last-failed-run/`` for inspection. A lock file (``.journeykit-course.lock``, holding the
process id) refuses a second run into the same folder while one is running.

**Parameter values typed on the command line** (``-p NAME VALUE``) are read like papermill's ``-p``:
``True``/``False`` (also ``true``/``false``) are booleans, ``None``/``null`` is None, text that
``int()`` accepts is an integer, then text that ``float()`` accepts is a float, anything else is a
string. Quote a value to keep it a string: ``-p customer_name '"42"'``. See :func:`parse_value`.

>>> parse_value("7"), parse_value("0.5"), parse_value("id"), parse_value("False"), parse_value('"42"')
(7, 0.5, 'id', False, '42')
>>> read_parameter_source("seed = 42\\nlang = 'en'  # or 'id'\\n")
{'seed': 42, 'lang': 'en'}
"""

from __future__ import annotations

import ast
import contextlib
import dataclasses
import html
import json
import os
import re
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path
from typing import Any, Literal

from journeykit.editions import edition_of
from journeykit.errors import OverwriteError, ParameterError, ValidationError
from journeykit.params import SPECS, check_parameters

__all__ = [
    "Notebook",
    "CellFailure",
    "RunResult",
    "MANIFEST",
    "LOCK",
    "FAILED_RUN",
    "parse_value",
    "read_parameter_source",
    "read_parameters",
    "read_title",
    "discover",
    "select",
    "check_run_parameters",
    "check_output_folder",
    "execute",
    "run_notebook",
    "run_course",
    "ASSETS",
    "copy_assets",
    "page_title",
    "kernel_note_html",
    "render_html",
    "link_pages",
    "write_guides",
    "write_index",
    "lessons_markdown",
]

Kind = Literal["lesson", "exercise", "solution"]
KINDS: tuple[Kind, ...] = ("lesson", "exercise", "solution")
MANIFEST = ".journeykit-course.json"
LOCK = ".journeykit-course.lock"
FAILED_RUN = "last-failed-run"
_NAME = re.compile(r"^(\d{2})_([a-z0-9_]+)\.ipynb$")
_FOLDERS: dict[Kind, str] = {
    "lesson": "notebooks",
    "exercise": "exercises",
    "solution": "exercises/solutions",
}
_OUT_SUBDIR: dict[Kind, str] = {"lesson": "", "exercise": "exercises", "solution": "solutions"}
_RUN_ENV = {
    # the inline backend is headless and, unlike Agg, shows figures in the executed notebook
    "MPLBACKEND": "module://matplotlib_inline.backend_inline",
    "TQDM_DISABLE": "1",
    "PYDEVD_DISABLE_FILE_VALIDATION": "1",
}


# --------------------------------------------------------------------------------------------
# Reading notebooks without a kernel
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Notebook:
    """One course notebook: where it is, what it is called and which parameters it declares.

    ``parameters`` maps each name assigned in the ``parameters`` cell to its default value, in
    cell order.
    """

    path: Path
    kind: Kind
    number: str
    slug: str
    title: str
    parameters: Mapping[str, Any] = field(default_factory=dict)

    @property
    def name(self) -> str:
        """``NN_slug``, e.g. ``01_stage_models``."""
        return f"{self.number}_{self.slug}"

    @property
    def label(self) -> str:
        """The name with its kind for messages: ``01_stage_models`` or ``exercise 01_stage_models``."""
        return self.name if self.kind == "lesson" else f"{self.kind} {self.name}"

    def out_path(self, out: Path, suffix: str = ".ipynb") -> Path:
        """Where the executed copy goes under ``out`` (``.ipynb`` or ``.html``)."""
        return out / _OUT_SUBDIR[self.kind] / f"{self.name}{suffix}"


def parse_value(text: str) -> Any:
    """Read a command-line parameter value the way papermill's ``-p`` does (see the module doc).

    >>> [parse_value(s) for s in ["42", "-3", "1e-3", "true", "None", "cvj", "'007'"]]
    [42, -3, 0.001, True, None, 'cvj', '007']
    """
    if not isinstance(text, str):
        return text
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
        return text[1:-1]
    if text in ("True", "true"):
        return True
    if text in ("False", "false"):
        return False
    if text in ("None", "null"):
        return None
    for convert in (int, float):
        try:
            return convert(text)
        except ValueError:
            pass
    return text


def read_parameter_source(source: str, *, where: str = "parameters cell") -> dict[str, Any]:
    """Parse a ``parameters`` cell: only ``name = <literal>`` lines (comments allowed).

    Anything else (an import, a call, an expression) raises :class:`ValidationError` naming the
    line, because papermill could not override it and the runner could not read its default.

    >>> read_parameter_source("n_users: int = 2_000\\nshare = -0.5")
    {'n_users': 2000, 'share': -0.5}
    >>> read_parameter_source("import numpy")
    Traceback (most recent call last):
    ...
    journeykit.errors.ValidationError: parameters cell line 1: expected only assignments of literals (name = 42), got 'import numpy'
    """
    try:
        tree = ast.parse(source)
    except SyntaxError as err:
        raise ValidationError(f"{where} line {err.lineno}", "valid Python", repr(err.msg)) from None
    values: dict[str, Any] = {}
    lines = source.splitlines()
    for stmt in tree.body:
        target: ast.expr | None = None
        value: ast.expr | None = None
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
            target, value = stmt.targets[0], stmt.value
        elif isinstance(stmt, ast.AnnAssign) and stmt.value is not None:
            target, value = stmt.target, stmt.value
        literal: Any = None
        ok = isinstance(target, ast.Name) and value is not None
        if ok:
            try:
                literal = ast.literal_eval(value)  # type: ignore[arg-type]
            except ValueError:
                ok = False
        if not ok:
            raise ValidationError(
                f"{where} line {stmt.lineno}",
                "only assignments of literals (name = 42)",
                repr(lines[stmt.lineno - 1].strip()),
            )
        values[target.id] = literal  # type: ignore[union-attr]
    return values


def _tags(cell: Mapping[str, Any]) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def _read_json(path: Path) -> dict[str, Any]:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise ValidationError(str(path), "a readable .ipynb (JSON) file", str(err)) from None


def read_parameters(notebook: Path | Mapping[str, Any]) -> dict[str, Any]:
    """The names and default values of a notebook's ``parameters`` cell (``{}`` if it has none)."""
    nb = _read_json(Path(notebook)) if not isinstance(notebook, Mapping) else notebook
    where = (
        f"{notebook} parameters cell" if not isinstance(notebook, Mapping) else "parameters cell"
    )
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "code" and "parameters" in _tags(cell):
            source = cell.get("source", "")
            return read_parameter_source(
                "".join(source) if isinstance(source, list) else source, where=where
            )
    return {}


def read_title(notebook: Mapping[str, Any], default: str = "") -> str:
    """The text of the first Markdown heading of a notebook (``default`` if there is none)."""
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") != "markdown":
            continue
        source = cell.get("source", "")
        for line in ("".join(source) if isinstance(source, list) else source).splitlines():
            if line.startswith("#"):
                return line.lstrip("#").strip()
    return default


def discover(root: str | Path = ".", *, kinds: Sequence[Kind] = ("lesson",)) -> list[Notebook]:
    """The course's notebooks under ``root``, lessons first, each kind sorted by number.

    Files not named ``NN_slug.ipynb`` (two digits, lower-case slug) are not course notebooks
    and are ignored.
    """
    root = Path(root)
    found: list[Notebook] = []
    for kind in kinds:
        if kind not in KINDS:
            raise ParameterError(f"kind: expected one of {', '.join(KINDS)}, got {kind!r}")
        folder = root / _FOLDERS[kind]
        paths = sorted(folder.glob("[0-9][0-9]_*.ipynb")) if folder.is_dir() else []
        for path in paths:
            m = _NAME.match(path.name)
            if not m:
                continue
            nb = _read_json(path)
            found.append(
                Notebook(
                    path=path,
                    kind=kind,
                    number=m.group(1),
                    slug=m.group(2),
                    title=read_title(nb, default=path.stem),
                    parameters=read_parameters(path),
                )
            )
    return found


def select(notebooks: Sequence[Notebook], only: Sequence[str] = ()) -> list[Notebook]:
    """The notebooks whose lesson matches one of ``only`` (all when ``only`` is empty).

    A name matches by full name (``01_stage_models``), number (``01`` or ``1``) or slug
    (``stage_models``); it selects the lesson and its exercise/solution. A name that matches
    nothing raises :class:`ParameterError` listing the lessons.
    """
    if not only:
        return list(notebooks)
    wanted: set[str] = set()
    for name in only:
        key = name.removesuffix(".ipynb")
        hits = {
            n.number
            for n in notebooks
            if key in (n.name, n.slug, n.number) or (key.isdigit() and int(key) == int(n.number))
        }
        if not hits:
            names = sorted({n.name for n in notebooks}) or ["(none found)"]
            raise ParameterError(f"--only {name}: no such lesson; lessons: {', '.join(names)}")
        wanted |= hits
    return [n for n in notebooks if n.number in wanted]


def _type_name(value: Any) -> str:
    return type(value).__name__


def _check_type(nb: Notebook, name: str, value: Any) -> Any:
    """``value`` converted to the type of the default (int -> float allowed), or ParameterError."""
    default = nb.parameters[name]
    where = f"{nb.label}, parameter {name}"
    if default is None:  # no type to compare with: SPECS still apply
        return value
    if isinstance(default, bool) or isinstance(value, bool):
        ok = isinstance(default, bool) and isinstance(value, bool)
    elif isinstance(default, float) and isinstance(value, int):
        return float(value)
    else:
        ok = type(value) is type(default)
    if not ok:
        hint = ""
        if isinstance(default, str):
            hint = f"; quote it to pass text: -p {name} '\"{value}\"'"
        raise ParameterError(
            f"{where}: expected {_type_name(default)} (like the default {default!r}), "
            f"got {value!r} ({_type_name(value)}){hint}"
        )
    return value


def check_run_parameters(
    notebooks: Sequence[Notebook], parameters: Mapping[str, Any]
) -> dict[Path, dict[str, Any]]:
    """Check ``parameters`` against the notebooks' declarations; return each notebook's share.

    A name that no given notebook declares, a value whose type differs from the default (an int
    is accepted where the default is a float) or a value :data:`journeykit.params.SPECS` refuses
    raises :class:`ParameterError` naming the notebook, the parameter and what was expected, and
    so does a combination :data:`journeykit.params.RULES` refuses (with the notebook's defaults
    for the parameters not given). Each notebook receives only the parameters it declares.
    """
    declared = {name for nb in notebooks for name in nb.parameters}
    per_notebook: dict[Path, dict[str, Any]] = {nb.path: {} for nb in notebooks}
    for name, value in parameters.items():
        if name not in declared:
            known = ", ".join(sorted(declared)) or "(none)"
            raise ParameterError(
                f"parameter {name}: not a parameter of the selected notebooks; they declare: {known}"
            )
        for nb in notebooks:
            if name not in nb.parameters:
                continue
            typed = _check_type(nb, name, value)
            spec = SPECS.get(name)
            if spec is not None and not spec.ok(typed):
                raise ParameterError(
                    f"{nb.label}, parameter {name}: expected {spec.expected}, "
                    f"got {typed!r} ({_type_name(typed)})"
                )
            per_notebook[nb.path][name] = typed
    for nb in notebooks:  # the limits on combinations (params.RULES), with the defaults
        if per_notebook[nb.path]:
            try:
                check_parameters(**{**dict(nb.parameters), **per_notebook[nb.path]})
            except ParameterError as err:
                raise ParameterError(f"{nb.label}, {err}") from None
    return per_notebook


# --------------------------------------------------------------------------------------------
# The output folder
# --------------------------------------------------------------------------------------------


def _files_under(folder: Path) -> list[str]:
    return sorted(
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if not p.is_dir() and p.relative_to(folder).as_posix() != LOCK
    )


def _manifest_files(out: Path) -> list[str]:
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
        return [str(f) for f in data["files"]]
    except (OSError, ValueError, KeyError, TypeError):
        return []


def check_output_folder(out: str | Path, *, force: bool = False) -> list[str]:
    """Apply the output folder rule (module doc); return files of an earlier run to replace.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "notes.txt").write_text("mine")
    >>> check_output_folder(d)
    Traceback (most recent call last):
    ...
    journeykit.errors.OverwriteError: out: ... holds files the course runner did not write (notes.txt); pass --force (force=True) to write into it anyway
    """
    out = Path(out)
    if out.is_symlink() and not out.exists():
        raise ParameterError(f"out: {out} is a symlink to a folder that does not exist")
    if out.exists() and not out.is_dir():
        raise OverwriteError(f"out: {out} is a file, expected a folder")
    if not out.exists():
        return []
    present = _files_under(out)
    ours = set(_manifest_files(out)) | ({MANIFEST} if (out / MANIFEST).exists() else set())
    foreign = [f for f in present if f not in ours]
    if foreign and not force:
        shown = ", ".join(foreign[:3]) + (
            f" and {len(foreign) - 3} more" if len(foreign) > 3 else ""
        )
        raise OverwriteError(
            f"out: {out} holds files the course runner did not write ({shown}); "
            "pass --force (force=True) to write into it anyway"
        )
    return sorted(f for f in ours if f in present)


def _refuse_source_folders(out: Path, root: Path) -> None:
    """``out`` (or its exercises/solutions sub-folders) may not be a course source folder."""
    sources = [(root / "notebooks").resolve(), (root / "exercises").resolve()]
    for sub in {"", *_OUT_SUBDIR.values()}:
        place = (out / sub).resolve()
        for src in sources:
            if place == src or src in place.parents:
                raise ParameterError(
                    f"out: {out} would write into the course's source folder {src}; "
                    "choose another folder, e.g. build/course"
                )


def _lock_holder(lock: Path) -> int | None:
    """The process id in a lock file, if that process is still running."""
    try:
        pid = int(json.loads(lock.read_text(encoding="utf-8"))["pid"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:
        return pid
    return pid


@contextlib.contextmanager
def _locked(out: Path) -> Iterator[None]:
    """Hold ``out/LOCK`` for the duration: a second run into ``out`` is refused meanwhile."""
    lock = out / LOCK
    for _attempt in range(2):
        try:
            fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            break
        except FileExistsError:
            holder = _lock_holder(lock)
            if holder is not None or _attempt:
                raise OverwriteError(
                    f"out: another course run (process {holder}) is writing into {out}; wait "
                    f"for it to finish (or delete {lock} if that run is gone)"
                ) from None
            lock.unlink(missing_ok=True)  # left by a run that died: take it over
    try:
        os.write(fd, json.dumps({"pid": os.getpid(), "started": time.time()}).encode())
        os.close(fd)
        yield
    finally:
        lock.unlink(missing_ok=True)


def _move_into(stage: Path, dest: Path) -> list[str]:
    """Move every file of ``stage`` to the same place under ``dest``; return them (relative)."""
    moved = _files_under(stage)
    for rel in moved:
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(stage / rel, target)
    return moved


def _remove_recorded(out: Path, recorded: Sequence[str]) -> None:
    """Delete the files an earlier run recorded (never anything else), then the folders they
    leave empty (``exercises/``, ``assets/``, the failed run's folder ...)."""
    folders: set[Path] = set()
    for rel in recorded:
        if rel != MANIFEST:
            (out / rel).unlink(missing_ok=True)
            folders.update(p for p in (out / rel).parents if p != out and out in p.parents)
    for folder in sorted(folders, key=lambda p: len(p.parts), reverse=True):
        with contextlib.suppress(OSError):
            folder.rmdir()  # only when empty


# --------------------------------------------------------------------------------------------
# Running one notebook
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CellFailure:
    """Where and how a notebook failed.

    ``cell_index`` counts the notebook's cells from 0 as saved (the cell papermill injects for
    parameters is not counted); ``first_line`` is the first line of the cell's source.
    """

    cell_index: int
    first_line: str
    ename: str
    evalue: str

    def __str__(self) -> str:
        where = f"cell {self.cell_index}" if self.cell_index >= 0 else "kernel"
        src = f" ({self.first_line!r})" if self.first_line else ""
        return f"{where}{src}: {self.ename}: {self.evalue}".rstrip(": ")


@dataclass(frozen=True)
class RunResult:
    """The outcome of one notebook: ``seconds`` is wall-clock time including kernel start."""

    notebook: Notebook
    parameters: Mapping[str, Any]
    seconds: float
    ipynb: Path | None
    html: Path | None
    failure: CellFailure | None = None

    @property
    def ok(self) -> bool:
        return self.failure is None

    def message(self) -> str:
        """One line: ``<label> ok (2.1 s)`` or ``<label> failed in cell 7 ('x = f()'): KeyError: 'a'``."""
        if self.failure is None:
            return f"{self.notebook.label} ok ({self.seconds:.1f} s)"
        return f"{self.notebook.label} failed in {self.failure} ({self.seconds:.1f} s)"


@contextlib.contextmanager
def _environment(values: Mapping[str, str]) -> Iterator[None]:
    old = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


@contextlib.contextmanager
def _kernel_stderr_to(path: Path) -> Iterator[None]:
    """Send file descriptor 2 (inherited by the kernel process) to ``path`` while running.

    The kernel writes start-up warnings and shutdown noise to its stderr; keeping it out of the
    terminal leaves the runner's one line per notebook readable.
    """
    try:
        sys.stderr.flush()
        saved = os.dup(2)
    except (OSError, ValueError):  # pragma: no cover - no real fd 2
        yield
        return
    with open(path, "wb") as sink:
        os.dup2(sink.fileno(), 2)
        try:
            yield
        finally:
            os.dup2(saved, 2)
            os.close(saved)


def _source_first_line(source: Any) -> str:
    text = "".join(source) if isinstance(source, list) else str(source or "")
    for line in text.splitlines():
        if line.strip():
            return line.strip()
    return ""


def _parameters_cell_index(path: Path) -> int | None:
    nb = _read_json(path)
    for i, cell in enumerate(nb.get("cells", [])):
        if "parameters" in _tags(cell):
            return i
    return None


def execute(
    path: str | Path | Any,
    output_path: str | Path | None = None,
    *,
    parameters: Mapping[str, Any] | None = None,
    kernel_name: str = "python3",
    timeout: float | None = 600,
    cwd: str | Path | None = None,
) -> Any:
    """Execute one notebook with papermill the course's way and return the executed notebook.

    ``path`` is a notebook file or an ``nbformat.NotebookNode`` (then pass ``cwd``).
    Kernel ``kernel_name``, working directory ``cwd`` (default: the notebook's folder), the
    headless inline matplotlib backend and ``TQDM_DISABLE=1`` in the kernel's environment, no
    progress bar; the kernel's own stderr
    (start-up warnings) is kept out of the terminal. A failing cell raises papermill's
    ``PapermillExecutionError`` (the executed notebook is written to ``output_path`` first, when
    given); any other failure (the kernel died) carries the kernel's last stderr lines as a note.
    """
    import papermill
    from papermill.exceptions import PapermillExecutionError

    if isinstance(path, str | Path):
        path = Path(path)
        cwd = path.parent if cwd is None else cwd
        path = str(path)
    with tempfile.TemporaryDirectory() as tmp:
        log = Path(tmp) / "kernel.log"
        try:
            with _environment(_RUN_ENV), _kernel_stderr_to(log):
                return papermill.execute_notebook(
                    path,
                    None if output_path is None else str(output_path),
                    parameters=dict(parameters or {}),
                    kernel_name=kernel_name,
                    language="python",
                    progress_bar=False,
                    request_save_on_cell_execute=False,
                    cwd=None if cwd is None else str(cwd),
                    execution_timeout=timeout,
                )
        except PapermillExecutionError:
            raise
        except Exception as err:
            tail = log.read_text(errors="replace").strip().splitlines()[-3:] if log.exists() else []
            if tail:
                err.add_note("kernel stderr: " + " / ".join(tail))
            raise


def run_notebook(
    notebook: Notebook,
    out: str | Path,
    *,
    parameters: Mapping[str, Any] | None = None,
    kernel_name: str = "python3",
    timeout: float | None = 600,
    html: bool = True,
) -> RunResult:
    """Execute one notebook (:func:`execute`); write the executed ``.ipynb`` (and ``.html``) under ``out``.

    Never raises for a failing notebook: the result's ``failure`` says which cell and why (the
    executed notebook, with papermill's error banner, is still written for inspection).
    """
    from papermill.exceptions import PapermillExecutionError

    parameters = dict(parameters or {})
    target = notebook.out_path(Path(out))
    target.parent.mkdir(parents=True, exist_ok=True)
    failure: CellFailure | None = None
    start = time.perf_counter()
    # with lang="id" the lesson's Indonesian edition runs (journeykit.editions), when it has one
    source = edition_of(notebook.path, str(parameters.get("lang", ""))) or notebook.path
    try:
        execute(
            source,
            target,
            parameters=parameters,
            kernel_name=kernel_name,
            timeout=timeout,
            cwd=notebook.path.parent,
        )
    except PapermillExecutionError as err:
        index = err.cell_index
        injected_after = _parameters_cell_index(notebook.path) if parameters else None
        if parameters and (injected_after is None or index > injected_after):
            index -= 1  # the cell papermill inserted for the parameters
        failure = CellFailure(index, _source_first_line(err.source), err.ename, str(err.evalue))
    except Exception as err:  # the kernel died or would not start: no cell to blame
        detail = " | ".join([str(err), *getattr(err, "__notes__", [])])
        failure = CellFailure(-1, "", type(err).__name__, detail)
    seconds = time.perf_counter() - start
    written = target if target.exists() else None
    page = (
        render_html(
            written, written.with_suffix(".html"), kind=notebook.kind, assets=Path(out) / "assets"
        )
        if html and written
        else None
    )
    return RunResult(notebook, parameters, seconds, written, page, failure)


ASSETS = Path(__file__).with_name("course_assets")
"""The vendored files the pages load (``tools/vendor_assets.py``; licences in ``licenses/``)."""
_TEMPLATE = Path(__file__).with_name("course_template")
_ASSET_URLS = {
    "require_js_url": "require.js",
    "mathjax_url": "tex-svg-full.js",
    "widget_renderer_url": "embed-amd.js",
}


def copy_assets(dest: str | Path) -> list[Path]:
    """Copy the pages' JavaScript, fonts and licences (:data:`ASSETS`) into ``dest``.

    Returns every file now in ``dest`` that came from :data:`ASSETS` (files already equal are
    not rewritten). A rendered page loads them by relative path, so the course folder can be
    opened from disk, copied to a USB stick or served, with no network.
    """
    dest = Path(dest)
    copied = []
    for src in sorted(p for p in ASSETS.rglob("*") if p.is_file()):
        target = dest / src.relative_to(ASSETS)
        data = src.read_bytes()
        if not target.exists() or target.read_bytes() != data:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        copied.append(target)
    return copied


def page_title(notebook: Mapping[str, Any], kind: Kind = "lesson", lang: str = "en") -> str:
    """The page title of a rendered notebook: its first heading; a solution says so.

    >>> nb = {"cells": [{"cell_type": "markdown", "source": "# Exercise 01 · Stages"}]}
    >>> page_title(nb), page_title(nb, "solution"), page_title(nb, "solution", "id")
    ('Exercise 01 · Stages', 'Exercise 01 · Stages (solution)', 'Exercise 01 · Stages (solusi)')
    """
    from journeykit.i18n import t

    title = read_title(notebook, default="journeykit")
    if kind == "solution":
        title = f"{title} ({t('course.solution_mark', lang)})"
    return title


def _page_lang(nb: Mapping[str, Any]) -> str:
    """The ``lang`` the notebook ran with (papermill's record, else its default), or ``en``."""
    ran = nb.get("metadata", {}).get("papermill", {}).get("parameters", {})
    lang = ran.get("lang", read_parameters(nb).get("lang", "en"))
    return lang if lang in ("en", "id") else "en"


def kernel_note_html(lang: str = "en") -> str:
    """The note under every widget of a rendered page (HTML): moving it needs a kernel.

    >>> print(kernel_note_html())  # doctest: +ELLIPSIS
    The widget as it was saved: ... <code>make lab</code> ...
    """
    from journeykit.i18n import t

    text = html.escape(t("course.kernel_note", lang))
    return text.replace("{command}", "<code>make lab</code>")


def render_html(
    ipynb: str | Path,
    target: str | Path,
    *,
    kind: Kind = "lesson",
    assets: str | Path | None = None,
) -> Path:
    """Render an executed notebook to an HTML page that needs no network.

    Figures are embedded; the saved widget state is drawn by the vendored widget renderer, maths
    by the vendored MathJax 3 and every widget gets a note (in the notebook's ``lang``) saying that
    moving it needs a running kernel (``make lab``). The page loads those files by a relative
    path from ``assets`` (default: an ``assets`` folder next to ``target``, filled with
    :func:`copy_assets` when missing). Its ``<title>`` is :func:`page_title`.
    """
    import nbformat
    from nbconvert import HTMLExporter

    target = Path(target)
    assets = Path(assets) if assets is not None else target.parent / "assets"
    if not (assets / _ASSET_URLS["widget_renderer_url"]).exists():
        copy_assets(assets)
    rel = Path(os.path.relpath(assets, target.parent)).as_posix()
    nb = nbformat.read(str(ipynb), as_version=4)
    lang = _page_lang(nb)
    exporter = HTMLExporter(
        template_name="lab",
        extra_template_paths=[str(_TEMPLATE)],
        template_file="page.html.j2",
        language_code=lang,
        **{name: f"{rel}/{file}" for name, file in _ASSET_URLS.items()},
    )
    resources = {
        "metadata": {"name": page_title(nb, kind, lang)},
        "jk_assets_url": rel,
        "jk_kernel_note": kernel_note_html(lang),
    }
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    target.write_text(body, encoding="utf-8")
    return target


_HREF = re.compile(r'href="([^"#:?]+\.(?:ipynb|md))(#[^"]*)?"')


def _page_for(source: Path, out: Path, root: Path) -> Path | None:
    """The page of ``out`` that stands for the repository file ``source``, if there is one."""
    special = {root / "notebooks" / "README.md": out / "index.html"}
    special |= {root / source: out / page for page, (source, _key) in _GUIDES.items()}
    if source in special:
        return special[source]
    if source.suffix != ".ipynb":
        return None
    for kind, folder in _FOLDERS.items():
        if source.parent == root / folder:
            return out / _OUT_SUBDIR[kind] / f"{source.stem}.html"
    return None


def link_pages(
    page: str, page_dir: Path, out: Path, root: Path, *, source_dir: Path | None = None
) -> str:
    """Point a rendered page's links to course files at the pages of this run.

    A notebook links other notebooks and Markdown files by relative paths from its own folder
    ``source_dir`` (default ``root/notebooks``): a lesson ``NN_name.ipynb``, an exercise
    ``../exercises/NN_name.ipynb``, a solution ``../exercises/solutions/NN_name.ipynb``, the
    lesson index ``README.md`` and the trainer's guide ``../docs/TEACHING.md``. In the rendered
    course these become the pages (``NN_name.html``, ``exercises/NN_name.html``,
    ``solutions/NN_name.html``, ``index.html``, ``teaching.html``) relative to ``page_dir`` when
    those pages exist, otherwise the source file in the course folder. Links elsewhere (other
    sites, anchors, images) are left alone.

    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp()); _ = (out / "02_b.html").write_text("")
    >>> link_pages('<a href="02_b.ipynb">next</a> <a href="README.md">all</a>', out, out, out)
    '<a href="02_b.html">next</a> <a href="index.html">all</a>'
    """
    root = Path(root).resolve()
    out = Path(out).resolve()
    page_dir = Path(page_dir).resolve()
    source_dir = (Path(source_dir) if source_dir is not None else root / "notebooks").resolve()

    def target(m: re.Match[str]) -> str:
        source = Path(os.path.normpath(source_dir / m.group(1)))
        rendered = _page_for(source, out, root)
        written = rendered is not None and (rendered.exists() or rendered == out / "index.html")
        chosen = rendered if written else source  # the index is written after the pages
        rel = Path(os.path.relpath(chosen, page_dir)).as_posix()
        return f'href="{html.escape(rel)}{m.group(2) or ""}"'

    return _HREF.sub(target, page)


# --------------------------------------------------------------------------------------------
# Running the course
# --------------------------------------------------------------------------------------------


_PAGE_CSS = (
    "body{font-family:sans-serif;max-width:60em;margin:2em auto;padding:0 1em;line-height:1.45}"
    "td,th{padding:.3em .8em;text-align:left;vertical-align:top}"
    "table{border-collapse:collapse}tr+tr td{border-top:1px solid #ddd}"
    ".ok{color:#007a5a}.failed{color:#D55E00}code{background:#f2f2f2;padding:0 .2em}"
    "pre{background:#f6f6f6;padding:.6em;overflow-x:auto}"
)
_GUIDES: dict[str, tuple[str, str]] = {  # page: (source under the course folder, label key)
    "teaching.html": ("docs/TEACHING.md", "course.guide.teaching"),
    "sources.html": ("docs/SOURCES.md", "course.guide.sources"),
}


def _lang_of(parameters: Mapping[str, Any]) -> str:
    lang = parameters.get("lang", "en")
    return lang if lang in ("en", "id") else "en"


def _index_html(
    results: Sequence[RunResult],
    parameters: Mapping[str, Any],
    guides: Sequence[str] = (),
) -> str:
    from journeykit.i18n import t

    lang = _lang_of(parameters)
    esc = html.escape
    title = t("course.index_title", lang)
    intro = esc(t("course.intro", lang)).replace("{command}", "<code>make lab</code>")
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{esc(lang)}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1.0">',
        f"<title>{esc(title)}</title>",
        f"<style>{_PAGE_CSS}</style>",
        f"</head><body><h1>{esc(title)}</h1>",
        f'<p class="jk-intro">{intro}</p>',
    ]
    if parameters:
        shown = ", ".join(f"{k} = {v!r}" for k, v in parameters.items())
        parts.append(f"<p>{esc(t('course.parameters', lang))}: <code>{esc(shown)}</code></p>")

    def link(r: RunResult | None) -> str:
        if r is None:
            return "&mdash;"
        rel = _OUT_SUBDIR[r.notebook.kind] + "/" if _OUT_SUBDIR[r.notebook.kind] else ""
        shown = (
            r.notebook.title
            if r.notebook.kind == "lesson"
            else t(f"course.column.{r.notebook.kind}", lang)
        )
        text = (
            f'<a href="{esc(rel + r.notebook.name)}.html">{esc(shown)}</a>'
            if r.html
            else esc(shown)
        )
        if r.ipynb:
            text += (
                f' <small>(<a href="{esc(rel + r.notebook.name)}.ipynb">'
                f"{esc(t('course.notebook', lang))}</a>)</small>"
            )
        return text

    numbers = list(dict.fromkeys(r.notebook.number for r in results))
    kinds = [k for k in KINDS if any(r.notebook.kind == k for r in results)]
    if numbers:
        head = "".join(f"<th>{esc(t('course.column.' + k, lang))}</th>" for k in kinds)
        parts.append(f"<h2>{esc(t('course.section.lesson', lang))}</h2><table>")
        parts.append(f"<tr><th>#</th>{head}<th>{esc(t('course.column.run', lang))}</th></tr>")
    for number in numbers:
        row = {r.notebook.kind: r for r in results if r.notebook.number == number}
        failed = [r for r in row.values() if not r.ok]
        if failed:
            status = "failed"
            detail = "; ".join(f"{r.notebook.label}: {r.failure}" for r in failed)
            state = f"{esc(t('course.status.failed', lang))} &mdash; {esc(detail)}"
        else:
            status, state = "ok", esc(t("course.status.ok", lang))
        seconds = sum(r.seconds for r in row.values())
        cells = "".join(f"<td>{link(row.get(k))}</td>" for k in kinds)
        parts.append(
            f"<tr><td>{esc(number)}</td>{cells}"
            f'<td class="{status}">{state} ({seconds:.1f} s)</td></tr>'
        )
    if numbers:
        parts.append("</table>")
    if guides:
        parts.append(f"<h2>{esc(t('course.guides', lang))}</h2><ul>")
        for page in guides:
            key = _GUIDES[page][1]
            parts.append(
                f'<li><a href="{esc(page)}">{esc(t(key, lang))}</a>: '
                f"{esc(t(key + '_text', lang))}</li>"
            )
        parts.append("</ul>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def write_guides(root: str | Path, out: str | Path) -> list[Path]:
    """Render the trainer's guide and the sources page (``docs/*.md``) into ``out`` as HTML.

    ``docs/TEACHING.md`` becomes ``teaching.html`` and ``docs/SOURCES.md`` ``sources.html``
    (a missing file is skipped); their links to notebooks point at the rendered pages as in
    :func:`link_pages`. Returns the pages written.
    """
    import mistune

    root, out = Path(root), Path(out)
    render = mistune.create_markdown(plugins=["table", "strikethrough"])
    written = []
    for page, (source, _key) in _GUIDES.items():
        path = root / source
        if not path.exists():
            continue
        text = path.read_text(encoding="utf-8")
        body = str(render(text))
        title = read_title({"cells": [{"cell_type": "markdown", "source": text}]}, "journeykit")
        target = out / page
        target.write_text(
            "\n".join(
                [
                    "<!DOCTYPE html>",
                    '<html lang="en"><head><meta charset="utf-8">',
                    '<meta name="viewport" content="width=device-width, initial-scale=1.0">',
                    f"<title>{html.escape(title)}</title>",
                    f"<style>{_PAGE_CSS}</style></head><body>",
                    '<p><a href="index.html">&larr; journeykit</a></p>',
                    link_pages(body, out, out, root, source_dir=path.parent),
                    "</body></html>",
                ]
            )
            + "\n",
            encoding="utf-8",
        )
        written.append(target)
    return written


def write_index(
    results: Sequence[RunResult], out: str | Path, *, parameters: Mapping[str, Any] | None = None
) -> Path:
    """Write ``out/index.html``: an introduction, a row per lesson linking its page, exercise and
    solution (those that ran), how each ran, and the guides of ``out`` (:func:`write_guides`).
    Titles and error messages are HTML-escaped; the labels follow the ``lang`` parameter. The
    page is written atomically (:mod:`journeykit.files`)."""
    from journeykit.files import write_text as write_atomically

    out = Path(out)
    guides = [page for page in _GUIDES if (out / page).exists()]
    target = out / "index.html"
    return write_atomically(
        target, _index_html(results, dict(parameters or {}), guides), force=True
    )


def lessons_markdown(root: str | Path = ".") -> str:
    """The lesson index as Markdown (``notebooks/README.md``): title, parameters, exercise links.

    ``tools/normalize_notebooks.py`` writes it and its ``--check`` fails when it is stale, so the
    index always lists the lessons that exist.
    """
    root = Path(root)

    def cell(text: str) -> str:
        return text.replace("|", "\\|").replace("\n", " ")

    rows = [
        "| # | lesson | parameters (defaults) | exercise |",
        "|---|---|---|---|",
    ]
    for nb in discover(root):
        params = ", ".join(f"`{k} = {v!r}`" for k, v in nb.parameters.items())
        links = []
        for kind, folder in (("exercise", "exercises"), ("solution", "exercises/solutions")):
            if (root / folder / nb.path.name).exists():
                links.append(f"[{kind}](../{folder}/{nb.path.name})")
        title = re.sub(rf"^{nb.number}\s*[·:.\-–—]?\s*", "", nb.title) or nb.title
        rows.append(
            f"| {nb.number} | [{cell(title)}]({nb.path.name}) | {cell(params)} | "
            f"{' · '.join(links) or '—'} |"
        )
    return (
        "# Lessons\n\n"
        "Each lesson is a notebook that reads like a textbook chapter; its first code cell holds\n"
        "the parameters you can change. Open them with `make lab` (JupyterLab on the repository\n"
        "root, so the exercises open too), or run them all headless and render them, with their\n"
        "exercises, to an offline HTML site with `journeykit course run --out build/course`\n"
        "(`-p NAME VALUE` to change a parameter, `--only 01` for one lesson).\n\n"
        + "\n".join(rows)
        + "\n\n*This file is written by `python tools/normalize_notebooks.py` (`make notebooks`).*\n"
    )


def _run_in_worker(args: tuple[Notebook, str, dict[str, Any], str, float | None]) -> RunResult:
    notebook, out, params, kernel_name, timeout = args
    return run_notebook(notebook, out, parameters=params, kernel_name=kernel_name, timeout=timeout)


def run_course(
    root: str | Path = ".",
    out: str | Path = "build/course",
    *,
    only: Sequence[str] = (),
    parameters: Mapping[str, Any] | None = None,
    exercises: bool = False,
    solutions: bool = False,
    force: bool = False,
    keep_going: bool = False,
    jobs: int = 1,
    kernel_name: str = "python3",
    timeout: float | None = 600,
    progress: Callable[[str], None] | None = print,
) -> list[RunResult]:
    """Execute the course's notebooks and render them; return one :class:`RunResult` each.

    Everything that can be checked without a kernel is checked first: the lessons exist,
    ``only`` names lessons, ``parameters`` suit the selected notebooks (see
    :func:`check_run_parameters`) and ``out`` may be written (the output folder rule, module doc).
    Then the notebooks run (``jobs`` at a time, in separate processes), each reported by
    ``progress`` as one line with its elapsed seconds. Unless ``keep_going``, the first failure
    stops the run (notebooks not yet started are not run). The results list the notebooks that
    ran, in course order; a failed one has ``failure`` set.
    """
    root = Path(root)
    kinds: list[Kind] = (
        ["lesson"] + (["exercise"] if exercises else []) + (["solution"] if solutions else [])
    )
    found = discover(root, kinds=kinds)
    if not any(n.kind == "lesson" for n in found):
        raise ParameterError(
            f"root: no lessons found in {root / 'notebooks'} (expected NN_slug.ipynb files); "
            "run from the course folder or pass --root"
        )
    chosen = select(found, only)
    params = dict(parameters or {})
    shares = check_run_parameters(chosen, params)
    if not isinstance(jobs, int) or isinstance(jobs, bool) or jobs < 1:
        raise ParameterError(f"jobs: expected an integer >= 1, got {jobs!r}")
    out = Path(out)
    _refuse_source_folders(out, root)
    check_output_folder(out, force=force)  # refuse before making anything
    made = not out.exists()
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise ParameterError(f"out: cannot make the folder {out} ({err.strerror})") from None
    try:
        with _locked(out):
            return _run_locked(
                root,
                out,
                chosen,
                shares,
                params,
                force,
                keep_going,
                jobs,
                kernel_name,
                timeout,
                progress,
            )
    finally:
        if made:
            with contextlib.suppress(OSError):
                out.rmdir()  # only when nothing was written


def _run_locked(
    root: Path,
    out: Path,
    chosen: list[Notebook],
    shares: Mapping[Path, dict[str, Any]],
    params: dict[str, Any],
    force: bool,
    keep_going: bool,
    jobs: int,
    kernel_name: str,
    timeout: float | None,
    progress: Callable[[str], None] | None,
) -> list[RunResult]:
    """:func:`run_course` once ``out`` exists and is locked: run into a stage, then install."""
    from journeykit.files import TEMP_PREFIX
    from journeykit.files import write_text as write_atomically

    previous = check_output_folder(out, force=force)  # again, now that no one else writes
    had_run = (out / MANIFEST).exists()
    wanted = ["index.html"] + [
        nb.out_path(Path(), suffix).as_posix() for nb in chosen for suffix in (".ipynb", ".html")
    ]
    theirs = [rel for rel in wanted if (out / rel).exists() and rel not in previous]
    if theirs:
        raise OverwriteError(
            f"out: {out / theirs[0]} was not written by the course runner; move it away "
            "(even --force never replaces a file the runner did not write)"
        )
    stage = Path(tempfile.mkdtemp(dir=out.parent, prefix=f"{TEMP_PREFIX}{out.name}."))
    try:
        return _run_and_install(
            root,
            out,
            stage,
            chosen,
            shares,
            params,
            keep_going,
            jobs,
            kernel_name,
            timeout,
            progress,
            previous,
            had_run,
            write_atomically,
        )
    finally:
        import shutil

        shutil.rmtree(stage, ignore_errors=True)


def _run_and_install(
    root: Path,
    out: Path,
    stage: Path,
    chosen: list[Notebook],
    shares: Mapping[Path, dict[str, Any]],
    params: dict[str, Any],
    keep_going: bool,
    jobs: int,
    kernel_name: str,
    timeout: float | None,
    progress: Callable[[str], None] | None,
    previous: list[str],
    had_run: bool,
    write_atomically: Callable[..., Path],
) -> list[RunResult]:
    say = progress or (lambda _line: None)
    total = len(chosen)
    results: dict[Path, RunResult] = {}

    def report(result: RunResult) -> None:
        results[result.notebook.path] = result
        say(f"[{len(results)}/{total}] {result.message()}")

    tasks = [(nb, str(stage), shares[nb.path], kernel_name, timeout) for nb in chosen]
    if jobs == 1 or total <= 1:
        for task in tasks:
            result = _run_in_worker(task)
            report(result)
            if not result.ok and not keep_going:
                break
    else:
        with ProcessPoolExecutor(
            max_workers=min(jobs, total), mp_context=get_context("spawn")
        ) as pool:
            pending: set[Future[RunResult]] = {pool.submit(_run_in_worker, t) for t in tasks}
            stop = False
            while pending:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for fut in done:
                    if fut.cancelled():
                        continue
                    result = fut.result()
                    report(result)
                    if not result.ok and not keep_going and not stop:
                        stop = True
                        for other in pending:
                            other.cancel()

    ordered = [results[nb.path] for nb in chosen if nb.path in results]
    copy_assets(stage / "assets")  # what the pages load, so they need no network
    write_guides(root, stage)
    failed = any(not r.ok for r in ordered)
    if failed and had_run:  # keep the previous pages; this run goes aside for inspection
        dest = out / FAILED_RUN
        old_failed = [rel for rel in previous if rel.startswith(f"{FAILED_RUN}/")]
        _remove_recorded(out, old_failed)
        record = [rel for rel in previous if rel not in old_failed]
        say(
            f"a notebook failed: the previous pages in {out} are kept; this run's notebooks are "
            f"in {dest}"
        )
    else:
        dest = out
        _remove_recorded(out, previous)
        record = []

    def moved(path: Path | None) -> Path | None:
        return None if path is None else dest / path.relative_to(stage)

    ordered = [dataclasses.replace(r, ipynb=moved(r.ipynb), html=moved(r.html)) for r in ordered]
    prefix = "" if dest == out else f"{FAILED_RUN}/"
    record += [prefix + rel for rel in _move_into(stage, dest)]
    for r in ordered:  # links between the rendered pages
        if r.html is not None:
            page = r.html.read_text(encoding="utf-8")
            linked = link_pages(page, r.html.parent, dest, root, source_dir=r.notebook.path.parent)
            write_atomically(r.html, linked, force=True)
    index = write_index(ordered, dest, parameters=params)
    record.append(index.relative_to(out).as_posix())
    manifest = {"generator": "journeykit course run", "files": sorted(set(record))}
    write_atomically(out / MANIFEST, json.dumps(manifest, indent=1) + "\n", force=True)
    return ordered
