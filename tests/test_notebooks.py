"""The course notebooks: structure (fast) and execution through journeykit.course (marker ``notebooks``).

Structure, for every notebook in notebooks/, exercises/ and exercises/solutions/: one
``parameters`` cell, first among code cells, literals only, followed by a ``check_parameters``
call; no papermill leftovers; outputs only in ``nbval-check-output`` cells, plain text only;
execution counts only on those cells (their position among code cells: nbval skips the
comparison for a cell without a count); normalised; exercises generated from their solutions
and up to date.

Execution: every lesson and solution with its defaults and two other parameter sets, every
generated exercise with its defaults (its checks must answer "no answer yet"), the runner's
failure message on a broken notebook, and ``pytest --nbval-lax`` over lessons and solutions.
"""

from __future__ import annotations

import ast
import hashlib
import json
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

from journeykit import course
from journeykit.cli import main
from journeykit.errors import ParameterError

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import make_exercises  # noqa: E402
import normalize_notebooks  # noqa: E402
from labels import english_only_labels  # noqa: E402

CHECK_TAG = normalize_notebooks.CHECK_TAG
NOTEBOOKS = normalize_notebooks.notebook_paths(ROOT)
LESSONS = course.discover(ROOT)

# Lessons allowed (for now) to have no exercise: lesson name -> why. Not a silent skip: the
# test below fails when an entry is stale (the exercise exists, or the lesson does not).
EXERCISE_PENDING: dict[str, str] = {}

# Alternative parameter sets; each notebook receives the names it declares.
PARAMETER_SETS: dict[str, dict[str, object]] = {
    "defaults": {},
    "lang_id": {"lang": "id"},
    "alt": {"stage_model": "cvj", "seed": 7},
}


def _rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def _read(path: Path):
    return nbformat.read(str(path), as_version=4)


def _tags(cell) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def _course_notebook_ids() -> list:
    return [pytest.param(p, id=_rel(p)) for p in NOTEBOOKS]


def test_the_course_has_its_first_lesson():
    assert [n.name for n in LESSONS][:1] == ["01_stage_models"]


# --- structure ----------------------------------------------------------------------------------


@pytest.mark.parametrize("path", _course_notebook_ids())
def test_parameters_cell_first_literal_and_checked(path):
    nb = _read(path)
    code = [c for c in nb.cells if c.cell_type == "code"]
    tagged = [i for i, c in enumerate(code) if "parameters" in _tags(c)]
    assert tagged == [0], f"{_rel(path)}: exactly one 'parameters' cell, the first code cell"
    declared = course.read_parameter_source(code[0].source)  # raises on anything but literals
    assert declared, f"{_rel(path)}: the parameters cell declares nothing"
    calls = [
        node
        for node in ast.walk(ast.parse(code[1].source))
        if isinstance(node, ast.Call)
        and getattr(node.func, "attr", getattr(node.func, "id", None)) == "check_parameters"
    ]
    assert calls, f"{_rel(path)}: the cell after the parameters must call check_parameters(...)"
    passed = {kw.arg: kw.value.id for kw in calls[0].keywords if isinstance(kw.value, ast.Name)}
    assert passed == {name: name for name in declared}, (
        f"{_rel(path)}: check_parameters must receive every parameter as name=name"
    )


@pytest.mark.parametrize("path", _course_notebook_ids())
def test_no_execution_counts_or_papermill_leftovers(path):
    raw = json.loads(path.read_text(encoding="utf-8"))
    assert "papermill" not in raw["metadata"], f"{_rel(path)}: metadata.papermill"
    assert raw["metadata"]["kernelspec"]["name"] == "python3"
    ordinal = 0
    for i, cell in enumerate(raw["cells"]):
        where = f"{_rel(path)} cell {i}"
        assert "papermill" not in cell.get("metadata", {}), where
        assert not {"injected-parameters", "papermill-error-cell-tag"} & set(_tags(cell)), where
        if cell["cell_type"] != "code":
            continue
        ordinal += 1
        # nbval compares only cells that have a count; checked cells carry their position
        want = ordinal if CHECK_TAG in _tags(cell) else None
        assert cell["execution_count"] == want, f"{where}: execution count"
        for out in cell["outputs"]:
            assert out.get("execution_count", want) == want, f"{where}: output execution count"


@pytest.mark.parametrize("path", _course_notebook_ids())
def test_outputs_only_in_check_cells_and_plain_text(path):
    nb = _read(path)
    checked = 0
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        where = f"{_rel(path)} cell {i}"
        if CHECK_TAG not in _tags(cell):
            assert cell.outputs == [], f"{where}: stored output in a cell not tagged {CHECK_TAG}"
            continue
        checked += 1
        assert cell.outputs, f"{where}: tagged {CHECK_TAG} but no stored output (run --refresh)"
        for out in cell.outputs:
            if out.output_type == "stream":
                assert out.name == "stdout", f"{where}: stderr stored"
                text = out.text
            else:
                assert out.output_type in ("execute_result", "display_data"), where
                assert set(out.data) == {"text/plain"}, f"{where}: non-text output {set(out.data)}"
                text = out.data["text/plain"]
            assert " at 0x" not in text, f"{where}: a memory address cannot be reproduced"
    if path.parent.name == "notebooks" or path.parent.name == "solutions":
        assert checked, f"{_rel(path)}: no {CHECK_TAG} cell, so nbval would compare nothing"
    else:
        assert checked == 0, f"{_rel(path)}: exercises store no outputs"


@pytest.mark.parametrize("path", _course_notebook_ids())
def test_notebook_is_normalised(path):
    assert normalize_notebooks.normalized_text(path) == path.read_text(encoding="utf-8"), (
        f"{_rel(path)} is not normalised: run python tools/normalize_notebooks.py"
    )


def test_lesson_index_is_up_to_date():
    readme = ROOT / "notebooks" / "README.md"
    assert readme.exists() and readme.read_text(encoding="utf-8") == course.lessons_markdown(
        ROOT
    ), "notebooks/README.md is stale: run python tools/normalize_notebooks.py"


def test_every_lesson_ends_with_a_navigation_bar_whose_links_exist():
    import re

    lessons = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    for i, path in enumerate(lessons):
        last = _read(path).cells[-1]
        assert last.cell_type == "markdown" and "navigation" in _tags(last), path.name
        links = re.findall(r"\]\(([^)]+)\)", last.source)
        for link in links:
            assert (path.parent / link).exists(), f"{path.name}: broken link {link}"
        neighbours = {lessons[j].name for j in (i - 1, i + 1) if 0 <= j < len(lessons)}
        assert neighbours <= set(links), f"{path.name}: links {links}, expected {neighbours}"
        assert f"../exercises/{path.name}" in links


def test_exercises_and_solutions_end_with_a_link_back_and_every_relative_link_exists():
    import re

    for path in NOTEBOOKS:
        nb = _read(path)
        if path.parent.name != "notebooks":
            last = nb.cells[-1]
            assert "navigation" in _tags(last), f"{_rel(path)}: no navigation bar"
            assert f"notebooks/{path.name})" in last.source, f"{_rel(path)}: no link to its lesson"
        for cell in nb.cells:
            if cell.cell_type != "markdown":
                continue
            for link in re.findall(r"\]\(([^)#\s]+)", cell.source):
                if ":" in link:
                    continue  # another site
                assert (path.parent / link).exists(), f"{_rel(path)}: broken link {link}"


def test_exercises_are_generated_from_solutions_and_up_to_date(capsys):
    code = make_exercises.run(ROOT, check=True)
    assert code == 0, capsys.readouterr().out


def test_every_lesson_has_a_solution_and_an_exercise():
    missing = []
    for lesson in LESSONS:
        files = [
            ROOT / "exercises/solutions" / lesson.path.name,
            ROOT / "exercises" / lesson.path.name,
        ]
        absent = [_rel(f) for f in files if not f.exists()]
        if lesson.name in EXERCISE_PENDING:
            assert absent, f"{lesson.name} has its exercise now: remove it from EXERCISE_PENDING"
        elif absent:
            missing += absent
    assert not missing, f"lessons without exercise notebooks: {missing}"
    stale = set(EXERCISE_PENDING) - {n.name for n in LESSONS}
    assert not stale, f"EXERCISE_PENDING names lessons that do not exist: {stale}"


# --- the tools on small notebooks -------------------------------------------------------------


def _messy_notebook():
    nb = nbformat.v4.new_notebook()
    nb.metadata["papermill"] = {"duration": 1.2}
    nb.metadata["widgets"] = {"state": {}}
    nb.metadata["language_info"] = {"name": "python", "version": "3.11.7"}
    params = nbformat.v4.new_code_cell("seed = 1\n\n")
    params.metadata["tags"] = ["parameters"]
    injected = nbformat.v4.new_code_cell("# Parameters\nseed = 3")
    injected.metadata["tags"] = ["injected-parameters"]
    plot = nbformat.v4.new_code_cell("plot()", execution_count=4)
    plot.outputs = [nbformat.v4.new_output("display_data", data={"image/png": "AAA"})]
    plot.metadata["papermill"] = {"duration": 0.1}
    plot.metadata["scrolled"] = True
    shown = nbformat.v4.new_code_cell("print(2)", execution_count=5)
    shown.metadata["tags"] = [CHECK_TAG]
    shown.outputs = [
        nbformat.v4.new_output("execute_result", data={"text/plain": "2"}, execution_count=5)
    ]
    nb.cells = [nbformat.v4.new_markdown_cell("# T"), params, injected, plot, shown]
    return nb


def test_normalize_strips_counts_outputs_papermill_and_fixes_ids():
    clean = normalize_notebooks.normalize(_messy_notebook())
    nbformat.validate(clean)
    expected_ids = [
        hashlib.sha1(f"{kind}\n{src}".encode()).hexdigest()[:10]
        for kind, src in [
            ("markdown", "# T"),
            ("code", "seed = 1"),
            ("code", "plot()"),
            ("code", "print(2)"),
        ]
    ]
    assert [c.id for c in clean.cells] == expected_ids
    assert [c.source for c in clean.cells] == ["# T", "seed = 1", "plot()", "print(2)"]
    assert set(clean.metadata) == {"kernelspec", "language_info"}
    assert "version" not in clean.metadata["language_info"]
    assert clean.cells[2].outputs == [] and clean.cells[2].metadata == {}
    assert clean.cells[2].execution_count is None and clean.cells[1].execution_count is None
    kept = clean.cells[3].outputs
    assert [o.data for o in kept] == [{"text/plain": "2"}]
    assert kept[0].execution_count == 3 == clean.cells[3].execution_count  # 3rd code cell
    assert normalize_notebooks.normalize(clean) == clean  # idempotent


def test_cell_ids_survive_inserting_a_cell_and_repeat_sources_stay_unique():
    nb = _messy_notebook()
    before = [c.id for c in normalize_notebooks.normalize(nb).cells]
    nb.cells.insert(1, nbformat.v4.new_markdown_cell("A new paragraph."))
    nb.cells.append(nbformat.v4.new_code_cell("plot()"))
    after = [c.id for c in normalize_notebooks.normalize(nb).cells]
    assert after[:1] + after[2:5] == before
    assert after[5] == before[2] + "-2"


def test_normalize_merges_consecutive_stream_outputs_as_nbval_compares_them():
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("print(check())")
    cell.metadata["tags"] = [CHECK_TAG]
    cell.outputs = [
        nbformat.v4.new_output("stream", name="stdout", text="✔ a: correct."),
        nbformat.v4.new_output("stream", name="stdout", text="\n"),
    ]
    nb.cells = [cell]
    outs = normalize_notebooks.normalize(nb).cells[0].outputs
    assert [(o.name, o.text) for o in outs] == [("stdout", "✔ a: correct.\n")]


def test_normalize_check_mode_reports_and_leaves_files(tmp_path, capsys):
    path = tmp_path / "01_x.ipynb"
    nbformat.write(_messy_notebook(), str(path))
    before = path.read_text()
    assert normalize_notebooks.run([path], check=True) == 1
    assert "not normalised" in capsys.readouterr().out and path.read_text() == before
    assert normalize_notebooks.run([path]) == 0
    assert normalize_notebooks.run([path], check=True) == 0


def _solution_notebook():
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell("seed = 1")
    params.metadata["tags"] = ["parameters"]
    answer = nbformat.v4.new_code_cell(
        "import math\nfirst, (second, third) = 1, (2, 3)\ntotal = math.fsum([first])"
    )
    answer.metadata["tags"] = ["solution"]
    why = nbformat.v4.new_markdown_cell("Because 1 + 2 = 3.")
    why.metadata["tags"] = ["solution"]
    check = nbformat.v4.new_code_cell("print(check(total))")
    check.metadata["tags"] = [CHECK_TAG]
    check.outputs = [nbformat.v4.new_output("stream", name="stdout", text="ok\n")]
    nb.cells = [params, answer, why, check]
    return nb


def test_make_exercise_replaces_answers_with_none_placeholders():
    ex = make_exercises.make_exercise(_solution_notebook())
    assert [c.source for c in ex.cells] == [
        "seed = 1",
        "# Write your code here\nfirst = None\nsecond = None\nthird = None\ntotal = None",
        "print(check(total))",
    ]
    assert ex.cells[1].metadata == {} and ex.cells[2].metadata == {}
    assert ex.cells[2].outputs == []


def test_make_exercises_check_finds_missing_stale_and_orphans(tmp_path, capsys):
    (tmp_path / "exercises/solutions").mkdir(parents=True)
    nbformat.write(_solution_notebook(), str(tmp_path / "exercises/solutions/01_a.ipynb"))
    assert make_exercises.run(tmp_path, check=True) == 1
    assert "missing: exercises/01_a.ipynb" in capsys.readouterr().out
    assert make_exercises.run(tmp_path) == 0
    assert make_exercises.run(tmp_path, check=True) == 0
    generated = tmp_path / "exercises/01_a.ipynb"
    generated.write_text(generated.read_text().replace("total = None", "total = 3"))
    (tmp_path / "exercises/02_b.ipynb").write_text(generated.read_text())
    assert make_exercises.run(tmp_path, check=True) == 1
    out = capsys.readouterr().out
    assert "out of date: exercises/01_a.ipynb" in out
    assert "no solution for: exercises/02_b.ipynb" in out


# --- execution (kernels) ----------------------------------------------------------------------


def _write_tiny(path: Path, *cells: str) -> None:
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell("seed = 1")
    params.metadata["tags"] = ["parameters"]
    nb.cells = [nbformat.v4.new_markdown_cell("# Tiny"), params]
    nb.cells += [nbformat.v4.new_code_cell(c) for c in cells]
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(path))


@pytest.mark.notebooks
def test_runner_names_the_lesson_and_cell_that_failed(tmp_path, capsys):
    _write_tiny(tmp_path / "notebooks/01_fine.ipynb", "print(seed)")
    _write_tiny(
        tmp_path / "notebooks/02_broken.ipynb",
        "x = 1",
        "total = x + 1\nshare = total / 0",
        "never = 'reached'",
    )
    _write_tiny(tmp_path / "notebooks/03_after.ipynb", "y = 2")
    out = tmp_path / "out"
    code = main(["course", "run", "--root", str(tmp_path), "--out", str(out), "-p", "seed", "5"])
    captured = capsys.readouterr()
    assert code == 1
    # cell 3 of the saved notebook (markdown, parameters, x = 1, the failing cell)
    assert (
        "02_broken failed in cell 3 ('total = x + 1'): ZeroDivisionError: division by zero"
        in captured.err
    )
    assert "[1/3] 01_fine ok (" in captured.out
    assert "03_after" not in captured.out  # stopped at the first failure
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [
            ".journeykit-course.json",
            "assets",  # what the pages load (widget renderer, require.js, MathJax)
            "01_fine.html",
            "01_fine.ipynb",
            "02_broken.html",
            "02_broken.ipynb",
            "index.html",
        ]
    )
    executed = _read(out / "01_fine.ipynb")
    printed = [o.text for c in executed.cells if c.cell_type == "code" for o in c.outputs]
    assert printed == ["5\n"]  # the parameter reached the kernel
    index = (out / "index.html").read_text()
    assert 'href="01_fine.html"' in index and "division by zero" in index

    # a second run into the folder it made needs no --force, and --keep-going runs the rest
    results = course.run_course(tmp_path, out, keep_going=True, progress=None)
    assert [(r.notebook.name, r.ok) for r in results] == [
        ("01_fine", True),
        ("02_broken", False),
        ("03_after", True),
    ]
    assert results[1].failure.cell_index == 3  # no injected cell without parameters


@pytest.mark.notebooks
def test_runner_refuses_before_starting_a_kernel(tmp_path):
    _write_tiny(tmp_path / "notebooks/01_fine.ipynb", "print(seed)")
    for params, message in [
        ({"sede": 3}, "parameter sede: not a parameter"),
        ({"seed": "3"}, "01_fine, parameter seed: expected int"),
        ({"seed": 2.5}, "01_fine, parameter seed: expected int"),
    ]:
        start = time.perf_counter()
        with pytest.raises(ParameterError, match=message):
            course.run_course(tmp_path, tmp_path / "out", parameters=params, progress=None)
        assert time.perf_counter() - start < 0.5  # a kernel takes > 0.5 s to start
        assert not (tmp_path / "out").exists()


def _declared(notebooks, params: dict[str, object]) -> dict[str, object]:
    names = {n for nb in notebooks for n in nb.parameters}
    return {k: v for k, v in params.items() if k in names}


def _figures_as_svg_text(folder: Path, monkeypatch) -> None:
    """Make the kernels draw figures as SVG with real ``<text>`` (not glyph paths)."""
    profile = folder / "ipython" / "profile_default"
    profile.mkdir(parents=True)
    (profile / "ipython_kernel_config.py").write_text('c.InlineBackend.figure_formats = {"svg"}\n')
    (folder / "matplotlibrc").write_text("svg.fonttype: none\n")
    monkeypatch.setenv("IPYTHONDIR", str(folder / "ipython"))
    monkeypatch.setenv("MATPLOTLIBRC", str(folder))


def _svg_texts(nb) -> set[str]:
    """Every text drawn in the notebook's SVG figures, a wrapped label joined back into one line."""
    import xml.etree.ElementTree as ET

    texts: set[str] = set()
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            svg = out.get("data", {}).get("image/svg+xml")
            if not svg:
                continue
            tree = ET.fromstring("".join(svg) if isinstance(svg, list) else svg)
            for group in tree.iter("{http://www.w3.org/2000/svg}g"):
                if not group.get("id", "").startswith("text_"):
                    continue
                lines = [
                    "".join(el.itertext()) for el in group.iter("{http://www.w3.org/2000/svg}text")
                ]
                texts.add(" ".join(" ".join(lines).split()))
    return texts


# Text a lesson's code types in English as the learner's own content (not a label), which happens
# to equal a catalogue label once wrapped onto its own line: lesson -> {text: why}.
TYPED_CONTENT: dict[str, dict[str, str]] = {
    "02_personas": {"events": "Ibu Sari's goal '... office events', typed in the lesson"},
}


@pytest.mark.notebooks
@pytest.mark.parametrize("set_name", list(PARAMETER_SETS))
def test_lessons_and_solutions_run(set_name, tmp_path, monkeypatch):
    """Every lesson and solution with each parameter set; with the defaults, every generated
    exercise too, whose checks must answer "no answer yet" (and never raise). With
    ``lang="id"`` the figures are drawn as SVG text, and no English label may appear in them."""
    with_exercises = set_name == "defaults"
    if set_name == "lang_id":
        _figures_as_svg_text(tmp_path / "config", monkeypatch)
    kinds = ("lesson", "solution") + (("exercise",) if with_exercises else ())
    chosen = course.discover(ROOT, kinds=kinds)
    params = _declared(chosen, PARAMETER_SETS[set_name])
    if set_name != "defaults" and not params:
        pytest.skip(f"no notebook declares any of {sorted(PARAMETER_SETS[set_name])}")
    results = course.run_course(
        ROOT,
        tmp_path / "out",
        parameters=params,
        exercises=with_exercises,
        solutions=True,
        keep_going=True,
        jobs=2,
        progress=None,
    )
    assert {r.notebook.path for r in results} >= {n.path for n in chosen}
    failed = [r.message() for r in results if not r.ok]
    assert not failed, "\n".join(failed)
    if set_name == "lang_id":
        english = english_only_labels()
        drawn = {r.notebook.label: _svg_texts(_read(r.ipynb)) for r in results}
        assert sum(map(len, drawn.values())) > 500, "the lessons drew (almost) no text"
        leaks = {
            label: sorted(
                f"{text!r} ({english[text]})"
                for text in texts
                if text in english and text not in TYPED_CONTENT.get(label, {})
            )
            for label, texts in drawn.items()
        }
        leaks = {k: v for k, v in leaks.items() if v}
        assert not leaks, f"English labels in figures drawn with lang='id': {leaks}"
    for r in results:
        if r.notebook.kind != "exercise":
            continue
        nb = _read(r.ipynb)
        texts = [
            o.get("text", "") + o.get("data", {}).get("text/plain", "")
            for c in nb.cells
            if c.cell_type == "code"
            for o in c.outputs
        ]
        assert any("no answer yet" in t for t in texts), f"{r.notebook.label}: no check feedback"


@pytest.mark.notebooks
def test_nbval_lax_on_lessons_and_solutions():
    """Stored outputs of nbval-check-output cells must be reproduced exactly."""
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "--nbval-lax",
            "-q",
            "-p",
            "no:cacheprovider",
            "notebooks",
            "exercises/solutions",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]


@pytest.mark.notebooks
def test_refresh_stores_only_the_checked_outputs(tmp_path):
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell("seed = 4")
    params.metadata["tags"] = ["parameters"]
    shown = nbformat.v4.new_code_cell("print(f'{seed * 2.5:.2f}')")
    shown.metadata["tags"] = [CHECK_TAG]
    hidden = nbformat.v4.new_code_cell("print('not stored')\nseed")
    nb.cells = [params, hidden, shown]
    path = tmp_path / "01_x.ipynb"
    nbformat.write(nb, str(path))
    refreshed = normalize_notebooks.refresh(path)
    assert refreshed.cells[1].outputs == [] and refreshed.cells[1].execution_count is None
    assert [o.text for o in refreshed.cells[2].outputs] == ["10.00\n"]
    assert refreshed.cells[2].execution_count == 3
    assert "papermill" not in refreshed.metadata
