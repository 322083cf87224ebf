"""The course runner's output folder is safe (issue 11, item 4), tested without kernels.

``course._run_in_worker`` is replaced by a fake that writes the executed notebook and its page
(or fails, for notebooks named in ``FAIL``), so the folder rules are tested in milliseconds.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from test_course import write_nb

from journeykit import course
from journeykit.cli import main
from journeykit.errors import OverwriteError, ParameterError

FAIL: set[str] = set()


def fake_worker(task):
    notebook, out, params, _kernel, _timeout = task
    target = notebook.out_path(Path(out))
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps({"ran": notebook.name, "params": params}))
    page = target.with_suffix(".html")
    page.write_text(f"<html>{notebook.name} <a href='README.md'>index</a></html>")
    failure = None
    if notebook.name in FAIL:
        failure = course.CellFailure(2, "x = 1/0", "ZeroDivisionError", "division by zero")
    return course.RunResult(notebook, params, 0.01, target, page, failure)


@pytest.fixture
def root(tmp_path, monkeypatch):
    monkeypatch.setattr(course, "_run_in_worker", fake_worker)
    FAIL.clear()
    write_nb(tmp_path / "notebooks/01_first.ipynb", "seed = 42")
    write_nb(tmp_path / "notebooks/02_second.ipynb", "seed = 1")
    write_nb(tmp_path / "exercises/01_first.ipynb", "seed = 42")
    return tmp_path


def _run(root, out, **kw):
    return course.run_course(root, out, progress=None, **kw)


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.mark.parametrize("out", ["notebooks", "exercises", "notebooks/sub", "."])
def test_never_writes_into_a_source_folder_even_with_force(root, out):
    sources = _tree(root / "notebooks") | {
        "x/" + k: v for k, v in _tree(root / "exercises").items()
    }
    with pytest.raises(ParameterError, match="source folder"):
        _run(root, root / out, force=True, exercises=True)
    assert (
        _tree(root / "notebooks") | {"x/" + k: v for k, v in _tree(root / "exercises").items()}
        == sources
    )


def test_cli_out_notebooks_force_is_refused(root, capsys):
    code = main(["course", "run", "--root", str(root), "--out", str(root / "notebooks"), "--force"])
    err = capsys.readouterr().err
    assert code == 2 and "source folder" in err and err.count("\n") == 1, err


def test_force_never_replaces_a_learners_own_file(root):
    out = root / "site"
    out.mkdir()
    (out / "index.html").write_text("my own page")
    with pytest.raises(OverwriteError, match="holds files the course runner did not write"):
        _run(root, out)
    with pytest.raises(OverwriteError, match="index.html was not written by the course runner"):
        _run(root, out, force=True)
    assert (out / "index.html").read_text() == "my own page"
    (out / "notes.txt").write_text("notes")
    (out / "index.html").unlink()
    _run(root, out, force=True)  # foreign files that are not in the way are left alone
    assert (out / "notes.txt").read_text() == "notes"
    assert "notes.txt" not in json.loads((out / course.MANIFEST).read_text())["files"]


def test_a_failed_rerun_keeps_the_previous_pages(root):
    out = root / "site"
    _run(root, out)
    before = _tree(out)
    assert {"01_first.html", "02_second.html", "index.html"} <= set(before)
    FAIL.add("02_second")
    results = _run(root, out)
    assert [r.ok for r in results] == [True, False]
    after = _tree(out)
    for page in ("01_first.html", "02_second.html", "01_first.ipynb", "index.html"):
        assert after[page] == before[page], page
    assert results[1].ipynb == out / course.FAILED_RUN / "02_second.ipynb"
    assert results[1].ipynb.is_file()
    # the next good run replaces everything, the failed run's folder included
    FAIL.clear()
    _run(root, out, only=["01"])
    pages = sorted(rel for rel in _tree(out) if not rel.startswith("assets/"))
    assert pages == sorted([course.MANIFEST, "01_first.html", "01_first.ipynb", "index.html"])
    assert (out / "assets" / "require.js").is_file()  # the pages still load offline
    assert not (out / course.FAILED_RUN).exists()
    assert [p.name for p in root.iterdir() if p.name.startswith(".jk-tmp")] == []


def test_the_record_lists_exactly_the_files_written(root):
    out = root / "site"
    _run(root, out, exercises=True)
    record = json.loads((out / course.MANIFEST).read_text())["files"]
    on_disk = sorted(rel for rel in _tree(out) if rel != course.MANIFEST)
    assert sorted(record) == on_disk
    assert "exercises/01_first.html" in record
    assert not (out / course.LOCK).exists()


def test_a_second_run_into_the_same_folder_is_refused_while_one_runs(root):
    out = root / "site"
    out.mkdir()
    holder = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        (out / course.LOCK).write_text(json.dumps({"pid": holder.pid, "started": 0}))
        with pytest.raises(OverwriteError, match=f"another course run \\(process {holder.pid}\\)"):
            _run(root, out)
        assert not (out / "index.html").exists()
    finally:
        holder.kill()
        holder.wait()
    # the holder is gone: its stale lock is taken over
    _run(root, out)
    assert (out / "index.html").is_file() and not (out / course.LOCK).exists()


def test_concurrent_runs_one_wins_the_other_is_refused(root, monkeypatch):
    """Two runs at once: the second, started while the first holds the lock, is refused."""
    out = root / "site"
    seen = []

    def slow_worker(task):
        if not seen:
            seen.append(True)
            with pytest.raises(OverwriteError, match="another course run"):
                _run(root, out)
        return fake_worker(task)

    monkeypatch.setattr(course, "_run_in_worker", slow_worker)
    results = _run(root, out)
    assert all(r.ok for r in results)
    assert seen == [True]
    record = json.loads((out / course.MANIFEST).read_text())["files"]
    assert sorted(record) == sorted(rel for rel in _tree(out) if rel != course.MANIFEST)


def test_refused_run_into_a_new_folder_leaves_nothing(root):
    out = root / "new" / "site"
    with pytest.raises(ParameterError):
        _run(root, out, only=["99"])
    assert not out.exists()
