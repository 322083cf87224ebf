"""The course runner without kernels: discovery, parameter checks, the output folder rule, CLI.

Tests that start a kernel live in tests/test_notebooks.py (marker ``notebooks``).
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import nbformat
import pytest
from hypothesis import given
from hypothesis import strategies as st

from journeykit import course
from journeykit.cli import main
from journeykit.errors import OverwriteError, ParameterError, ValidationError


def write_nb(path: Path, params: str, *cells: str, title: str = "A lesson") -> Path:
    nb = nbformat.v4.new_notebook()
    p = nbformat.v4.new_code_cell(params)
    p.metadata["tags"] = ["parameters"]
    nb.cells = [nbformat.v4.new_markdown_cell(f"# {title}\n\ntext"), p]
    nb.cells += [nbformat.v4.new_code_cell(c) for c in cells]
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(path))
    return path


@pytest.fixture
def tiny_course(tmp_path: Path) -> Path:
    write_nb(tmp_path / "notebooks/02_second.ipynb", "seed = 1\nshare = 0.5", "x = 1")
    write_nb(tmp_path / "notebooks/01_first.ipynb", "seed = 42\nlang = 'en'", title="First <b>")
    write_nb(tmp_path / "notebooks/scratch.ipynb", "seed = 1")  # not NN_slug: ignored
    write_nb(tmp_path / "exercises/01_first.ipynb", "seed = 42\nlang = 'en'")
    write_nb(tmp_path / "exercises/solutions/01_first.ipynb", "seed = 42\nlang = 'en'")
    return tmp_path


# --- parsing values and parameter cells -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("7", 7),
        ("-3", -3),
        ("0.25", 0.25),
        ("1e3", 1000.0),
        ("True", True),
        ("false", False),
        ("None", None),
        ("cvj", "cvj"),
        ('"42"', "42"),
        ("'id'", "id"),
        ("", ""),
    ],
)
def test_parse_value_reads_like_papermill(text, expected):
    got = course.parse_value(text)
    assert got == expected and type(got) is type(expected)


@given(st.integers())
def test_parse_value_integers_round_trip(n):
    assert course.parse_value(str(n)) == n and isinstance(course.parse_value(str(n)), int)


@given(st.floats(allow_nan=False, allow_infinity=False).filter(lambda x: not x.is_integer()))
def test_parse_value_floats_round_trip(x):
    assert course.parse_value(repr(x)) == x


@given(
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz_", min_size=1).filter(
        lambda s: s not in {"true", "false", "null", "nan", "inf", "infinity"}
    )
)
def test_parse_value_words_stay_text(word):
    assert course.parse_value(word) == word


def test_parameter_cell_literals_and_annotations():
    src = "# the knobs\nseed = 42\nn_users: int = 2_000\nlangs = ('en', 'id')\nshare = -0.5\n"
    assert course.read_parameter_source(src) == {
        "seed": 42,
        "n_users": 2000,
        "langs": ("en", "id"),
        "share": -0.5,
    }


@pytest.mark.parametrize(
    ("src", "line"),
    [
        ("seed = 42\nimport numpy as np", 2),
        ("seed = int('4')", 1),
        ("a = b = 1", 1),
        ("seed = 1\nprint(seed)", 2),
        ("x.y = 3", 1),
    ],
)
def test_parameter_cell_refuses_non_literals_naming_the_line(src, line):
    with pytest.raises(ValidationError, match=rf"parameters cell line {line}: expected only"):
        course.read_parameter_source(src)


def test_parameter_cell_syntax_error_names_the_line():
    with pytest.raises(ValidationError, match="line 2: expected valid Python"):
        course.read_parameter_source("seed = 1\nlang = ")


# --- discovery and selection ------------------------------------------------------------------


def test_discover_sorts_lessons_and_reads_titles_and_parameters(tiny_course):
    lessons = course.discover(tiny_course)
    assert [n.name for n in lessons] == ["01_first", "02_second"]
    assert lessons[0].title == "First <b>"
    assert dict(lessons[0].parameters) == {"seed": 42, "lang": "en"}
    assert dict(lessons[1].parameters) == {"seed": 1, "share": 0.5}


def test_discover_exercises_and_solutions(tiny_course):
    found = course.discover(tiny_course, kinds=("lesson", "exercise", "solution"))
    assert [(n.kind, n.name) for n in found] == [
        ("lesson", "01_first"),
        ("lesson", "02_second"),
        ("exercise", "01_first"),
        ("solution", "01_first"),
    ]
    assert found[2].out_path(Path("o")) == Path("o/exercises/01_first.ipynb")
    assert found[3].out_path(Path("o"), ".html") == Path("o/solutions/01_first.html")


@pytest.mark.parametrize("name", ["01_first", "01", "1", "first", "01_first.ipynb"])
def test_select_by_name_number_or_slug(tiny_course, name):
    found = course.discover(tiny_course, kinds=("lesson", "exercise"))
    assert [(n.kind, n.name) for n in course.select(found, [name])] == [
        ("lesson", "01_first"),
        ("exercise", "01_first"),
    ]


def test_select_unknown_lesson_lists_the_lessons(tiny_course):
    with pytest.raises(
        ParameterError, match=r"--only 03: no such lesson; lessons: 01_first, 02_second"
    ):
        course.select(course.discover(tiny_course), ["03"])


# --- parameter checks before any kernel -------------------------------------------------------


def test_each_notebook_gets_only_the_parameters_it_declares(tiny_course):
    lessons = course.discover(tiny_course)
    shares = course.check_run_parameters(lessons, {"seed": 7, "lang": "id", "share": 1})
    assert shares[lessons[0].path] == {"seed": 7, "lang": "id"}
    assert shares[lessons[1].path] == {"seed": 7, "share": 1.0}
    assert isinstance(shares[lessons[1].path]["share"], float)  # int accepted where float


def test_unknown_parameter_is_refused_naming_it(tiny_course):
    lessons = course.discover(tiny_course)
    with pytest.raises(
        ParameterError, match=r"parameter sede: not a parameter .* lang, seed, share"
    ):
        course.check_run_parameters(lessons, {"sede": 1})
    # 'share' exists in lesson 02 but not in the selection
    with pytest.raises(ParameterError, match="parameter share: not a parameter"):
        course.check_run_parameters(course.select(lessons, ["01"]), {"share": 0.1})


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        (
            "seed",
            "7",
            r"01_first, parameter seed: expected int \(like the default 42\), got '7' \(str\)",
        ),
        ("seed", 7.0, r"parameter seed: expected int .* got 7.0 \(float\)"),
        ("seed", True, r"parameter seed: expected int .* got True \(bool\)"),
        ("lang", 3, r"parameter lang: expected str .* quote it to pass text"),
        ("lang", "fr", r"01_first, parameter lang: expected one of 'en', 'id', got 'fr'"),
        ("seed", -1, r"01_first, parameter seed: expected an integer >= 0, got -1"),
        ("share", "half", r"02_second, parameter share: expected float"),
    ],
)
def test_wrong_values_are_refused_naming_lesson_parameter_and_expected(
    tiny_course, name, value, message
):
    with pytest.raises(ParameterError, match=message):
        course.check_run_parameters(course.discover(tiny_course), {name: value})


def test_run_course_refuses_bad_parameters_before_any_kernel(tiny_course, monkeypatch):
    import papermill

    def boom(*a, **k):  # pragma: no cover - reached only if the check came too late
        raise AssertionError("a kernel was started")

    monkeypatch.setattr(papermill, "execute_notebook", boom)
    out = tiny_course / "build"
    for params in ({"seed": "x"}, {"colour": "red"}, {"lang": "fr"}):
        start = time.perf_counter()
        with pytest.raises(ParameterError):
            course.run_course(tiny_course, out, parameters=params, progress=None)
        assert time.perf_counter() - start < 1.0
        assert not out.exists()


def test_run_course_without_lessons_says_where_it_looked(tmp_path):
    with pytest.raises(ParameterError, match=r"root: no lessons found in .*notebooks"):
        course.run_course(tmp_path, tmp_path / "out", progress=None)


# --- the output folder rule -------------------------------------------------------------------


def test_output_folder_missing_or_empty_is_fine(tmp_path):
    assert course.check_output_folder(tmp_path / "new") == []
    (tmp_path / "empty").mkdir()
    assert course.check_output_folder(tmp_path / "empty") == []


def test_output_folder_with_foreign_files_needs_force(tmp_path):
    (tmp_path / "notes.txt").write_text("keep me")
    with pytest.raises(OverwriteError, match=r"notes.txt\); pass --force"):
        course.check_output_folder(tmp_path)
    assert course.check_output_folder(tmp_path, force=True) == []
    assert (tmp_path / "notes.txt").read_text() == "keep me"


def test_output_folder_made_by_the_runner_is_reused(tmp_path):
    (tmp_path / "01_a.ipynb").write_text("{}")
    (tmp_path / "index.html").write_text("")
    (tmp_path / course.MANIFEST).write_text(json.dumps({"files": ["01_a.ipynb", "index.html"]}))
    assert course.check_output_folder(tmp_path) == sorted(
        [course.MANIFEST, "01_a.ipynb", "index.html"]
    )
    (tmp_path / "mine.txt").write_text("")
    with pytest.raises(OverwriteError, match="mine.txt"):
        course.check_output_folder(tmp_path)


def test_output_path_that_is_a_file_is_refused(tmp_path):
    (tmp_path / "f").write_text("")
    with pytest.raises(OverwriteError, match="is a file"):
        course.check_output_folder(tmp_path / "f", force=True)


# --- the index page ---------------------------------------------------------------------------


def _result(nb: course.Notebook, ok: bool = True) -> course.RunResult:
    failure = None if ok else course.CellFailure(3, "x = <b>", "KeyError", "'<i>'")
    return course.RunResult(nb, {}, 1.25, Path("x.ipynb"), Path("x.html"), failure)


def test_index_escapes_titles_and_errors_and_links_every_notebook(tmp_path):
    evil = course.Notebook(
        Path("notebooks/01_a.ipynb"), "lesson", "01", "a", '<script>alert("x")</script> & co'
    )
    ex = course.Notebook(Path("exercises/01_a.ipynb"), "exercise", "01", "a", "Exercise")
    page = course.write_index(
        [_result(evil, ok=False), _result(ex)], tmp_path, parameters={"lang": "id"}
    ).read_text()
    assert "<script>" not in page and "<b>" not in page and "<i>" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co" in page
    assert 'href="01_a.html"' in page and 'href="exercises/01_a.html"' in page
    assert "Pelajaran" in page and "Latihan" in page  # labels follow lang
    assert "cell 3" in page and "gagal" in page


def test_failure_message_names_cell_first_line_and_error():
    nb = course.Notebook(Path("notebooks/01_a.ipynb"), "lesson", "01", "a", "A")
    msg = _result(nb, ok=False).message()
    assert msg == "01_a failed in cell 3 ('x = <b>'): KeyError: '<i>' (1.2 s)"
    assert _result(nb).message() == "01_a ok (1.2 s)"


# --- the lesson index (notebooks/README.md) ----------------------------------------------------


def test_lessons_markdown_lists_lessons_params_and_existing_exercises(tiny_course):
    write_nb(tiny_course / "notebooks/03_pipes.ipynb", "k = 1", title="03 · A | B")
    text = course.lessons_markdown(tiny_course)
    rows = [line for line in text.splitlines() if line.startswith("| 0")]
    assert rows == [
        "| 01 | [First <b>](01_first.ipynb) | `seed = 42`, `lang = 'en'` | "
        "[exercise](../exercises/01_first.ipynb) · [solution](../exercises/solutions/01_first.ipynb) |",
        "| 02 | [A lesson](02_second.ipynb) | `seed = 1`, `share = 0.5` | — |",
        "| 03 | [A \\| B](03_pipes.ipynb) | `k = 1` | — |",
    ]


# --- command line -----------------------------------------------------------------------------


def test_cli_list_prints_lessons_and_defaults(tiny_course, capsys):
    assert main(["course", "list", "--root", str(tiny_course), "--exercises"]) == 0
    out = capsys.readouterr().out
    assert "01_first" in out and "seed=42, lang='en'" in out
    assert "exercise 01_first" in out and "02_second" in out and "scratch" not in out


def test_cli_run_refuses_a_mistyped_value_with_exit_2(tiny_course, capsys):
    code = main(
        [
            "course",
            "run",
            "--root",
            str(tiny_course),
            "--out",
            str(tiny_course / "o"),
            "-p",
            "seed",
            "seven",
        ]
    )
    err = capsys.readouterr().err
    assert code == 2
    assert "01_first, parameter seed: expected int (like the default 42), got 'seven'" in err
    assert not (tiny_course / "o").exists()


def test_cli_run_refuses_a_foreign_output_folder(tiny_course, capsys):
    out = tiny_course / "o"
    out.mkdir()
    (out / "report.docx").write_text("")
    code = main(["course", "run", "--root", str(tiny_course), "--out", str(out)])
    assert code == 2
    assert "report.docx" in capsys.readouterr().err


def test_cli_help_mentions_parameter_parsing(capsys):
    with pytest.raises(SystemExit):
        main(["course", "run", "--help"])
    assert "papermill's -p" in capsys.readouterr().out


def test_rendered_lessons_link_to_rendered_pages_or_else_to_the_source(tmp_path):
    root, out = tmp_path / "course", tmp_path / "course" / "build" / "site"
    (out / "exercises").mkdir(parents=True)
    (out / "02_b.html").write_text("")
    (out / "exercises" / "01_a.html").write_text("")
    page = (
        '<a href="02_b.ipynb">next</a> <a href="00_z.ipynb">before</a> '
        '<a href="../exercises/01_a.ipynb">ex</a> <a href="../exercises/02_b.ipynb">ex2</a> '
        '<a href="README.md">all</a> <a href="https://example.org/x.ipynb">keep</a>'
    )
    linked = course.link_pages(page, out, out, root)
    assert 'href="02_b.html"' in linked  # rendered in this run
    assert 'href="../../notebooks/00_z.ipynb"' in linked  # not rendered: the source notebook
    assert 'href="exercises/01_a.html"' in linked
    assert 'href="../../exercises/02_b.ipynb"' in linked
    assert 'href="index.html"' in linked
    assert 'href="https://example.org/x.ipynb"' in linked  # other links untouched


# --- pages that need no network (issue 13) ----------------------------------------------------


def _executed_widget_notebook(path: Path, lang: str) -> Path:
    """A notebook as papermill leaves it: a widget view output and the saved widget state."""
    nb = nbformat.v4.new_notebook()
    p = nbformat.v4.new_code_cell(f"lang = {lang!r}")
    p.metadata["tags"] = ["parameters"]
    view = {"model_id": "m1", "version_major": 2, "version_minor": 0}
    cell = nbformat.v4.new_code_cell("IntSlider()")
    cell.outputs = [
        nbformat.v4.new_output(
            "display_data",
            data={"application/vnd.jupyter.widget-view+json": view, "text/plain": "IntSlider()"},
        )
    ]
    nb.cells = [nbformat.v4.new_markdown_cell("# 09 · Sliding $x^2$ <b>"), p, cell]
    nb.metadata["papermill"] = {"parameters": {"lang": lang}}
    nb.metadata["widgets"] = {
        "application/vnd.jupyter.widget-state+json": {
            "state": {
                "m1": {
                    "model_module": "@jupyter-widgets/controls",
                    "model_module_version": "2.0.0",
                    "model_name": "IntSliderModel",
                    "state": {"value": 3},
                }
            },
            "version_major": 2,
            "version_minor": 0,
        }
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(path))
    return path


@pytest.mark.parametrize(
    ("lang", "word"), [("en", "running Python kernel"), ("id", "kernel Python")]
)
def test_rendered_page_loads_only_local_assets_and_notes_the_kernel(tmp_path, lang, word):
    out = tmp_path / "site"
    source = _executed_widget_notebook(out / "exercises" / "09_x.ipynb", lang)
    assets = out / "assets"
    page = course.render_html(source, source.with_suffix(".html"), assets=assets).read_text()
    for file in ("require.js", "embed-amd.js", "tex-svg-full.js"):
        assert (assets / file).exists()
        assert f"../assets/{file}" in page  # relative to the page in exercises/
    assert not re.findall(r'src="(?:https?:)?//', page)
    for host in ("unpkg.com", "cdnjs", "jsdelivr", "googleapis"):
        assert host not in page
    assert f'<html lang="{lang}">' in page
    assert "<title>09 · Sliding $x^2$ &lt;b&gt;</title>" in page
    note = re.search(r'<p class="jk-kernel-note">(.*?)</p>', page, re.S).group(1)
    assert word in note and "<code>make lab</code>" in note
    assert "application/vnd.jupyter.widget-state+json" in page  # the state the renderer draws


def test_kernel_note_and_index_labels_exist_in_both_languages():
    from journeykit.i18n import LABELS

    en, id_ = LABELS["course.kernel_note"]
    assert "{command}" in en and "{command}" in id_ and en != id_
    assert "make lab" in course.kernel_note_html("id")


def test_vendored_assets_are_the_recorded_npm_files_with_their_licences():
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "vendor_assets", Path(__file__).parents[1] / "tools" / "vendor_assets.py"
    )
    vendor = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(vendor)
    assert vendor.check() == []
    record = json.loads((course.ASSETS / "ASSETS.json").read_text())
    assert record["embed-amd.js"]["package"] == "@jupyter-widgets/html-manager@1.0.15"
    assert record["tex-svg-full.js"]["package"] == "mathjax@3.2.2"
    assert record["require.js"]["package"] == "requirejs@2.3.8"
    licences = {p.name for p in (course.ASSETS / "licenses").iterdir()}
    assert {"jupyter-widgets-LICENSE.txt", "mathjax-LICENSE.txt"} <= licences
    assert "RequireJS 2.3.8" in (course.ASSETS / "require.js").read_text()[:300]


def test_solutions_get_their_own_title_in_the_learners_language():
    nb = {"cells": [{"cell_type": "markdown", "source": "# Exercise 05 · Measuring\n\ntext"}]}
    assert course.page_title(nb, "exercise") == "Exercise 05 · Measuring"
    assert course.page_title(nb, "solution", "id") == "Exercise 05 · Measuring (solusi)"


def test_links_from_exercises_and_solutions_point_at_rendered_pages(tmp_path):
    root, out = tmp_path / "course", tmp_path / "course" / "build" / "site"
    for rel in ("01_a.html", "exercises/01_a.html", "solutions/01_a.html", "teaching.html"):
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_text("")
    lesson = '<a href="../exercises/solutions/01_a.ipynb#task-2">sol</a>'
    linked = course.link_pages(lesson, out, out, root)
    assert linked == '<a href="solutions/01_a.html#task-2">sol</a>'
    exercise = (
        '<a href="../notebooks/01_a.ipynb">lesson</a> <a href="../notebooks/README.md">all</a>'
    )
    linked = course.link_pages(
        exercise, out / "exercises", out, root, source_dir=root / "exercises"
    )
    assert linked == '<a href="../01_a.html">lesson</a> <a href="../index.html">all</a>'
    solution = '<a href="../../notebooks/01_a.ipynb">l</a> <a href="../01_a.ipynb">e</a>'
    linked = course.link_pages(
        solution, out / "solutions", out, root, source_dir=root / "exercises" / "solutions"
    )
    assert linked == '<a href="../01_a.html">l</a> <a href="../exercises/01_a.html">e</a>'
    guide = '<a href="../docs/TEACHING.md">guide</a> <a href="../docs/SOURCES.md">src</a>'
    linked = course.link_pages(guide, out, out, root)
    # the guide was rendered; the sources page was not: the source file in the course folder
    assert linked == '<a href="teaching.html">guide</a> <a href="../../docs/SOURCES.md">src</a>'


def test_index_introduces_the_course_and_links_exercises_solutions_and_guides(tmp_path):
    nbs = [
        course.Notebook(Path(f"{folder}/01_a.ipynb"), kind, "01", "a", title)
        for folder, kind, title in [
            ("notebooks", "lesson", "01 · First"),
            ("exercises", "exercise", "Exercise 01 · First"),
            ("exercises/solutions", "solution", "Exercise 01 · First"),
        ]
    ]
    (tmp_path / "teaching.html").write_text("")
    page = course.write_index([_result(n) for n in nbs], tmp_path).read_text()
    assert "make lab" in page and "customer journey" in page  # the introduction
    assert page.count("<tr><td>01</td>") == 1  # one row per lesson
    for href in ("01_a.html", "exercises/01_a.html", "solutions/01_a.html", "teaching.html"):
        assert f'href="{href}"' in page
    assert "sources.html" not in page  # not rendered: not linked
    assert "Trainer&#x27;s guide" in page


def test_guides_are_rendered_from_docs_with_links_to_the_pages(tmp_path):
    root, out = tmp_path / "c", tmp_path / "c" / "site"
    (root / "docs").mkdir(parents=True)
    out.mkdir()
    (out / "05_m.html").write_text("")
    (root / "docs" / "TEACHING.md").write_text(
        "# Teaching <it>\n\n| a | b |\n|---|---|\n| 1 | [lesson](../notebooks/05_m.ipynb) |\n"
    )
    written = course.write_guides(root, out)
    assert written == [out / "teaching.html"]
    page = (out / "teaching.html").read_text()
    assert "<title>Teaching &lt;it&gt;</title>" in page
    assert "<table>" in page and 'href="05_m.html"' in page and 'href="index.html"' in page


def test_cli_run_renders_exercises_by_default(tiny_course, monkeypatch):
    seen = {}

    def fake_run_course(root, out, **kw):
        seen.update(kw)
        return []

    monkeypatch.setattr(course, "run_course", fake_run_course)
    assert main(["course", "run", "--root", str(tiny_course), "--out", "o"]) == 0
    assert seen["exercises"] is True and seen["solutions"] is False
    main(["course", "run", "--root", str(tiny_course), "--out", "o", "--no-exercises"])
    assert seen["exercises"] is False
    main(["course", "run", "--root", str(tiny_course), "--out", "o", "--solutions"])
    assert seen["exercises"] is True and seen["solutions"] is True
