"""Text-first notebooks (tools/notebook_sources.py): every lesson and solution is built from a
jupytext percent script, checked outputs included; the build is checked the nbdev way."""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import normalize_notebooks  # noqa: E402
import notebook_sources  # noqa: E402

BUILT = notebook_sources.built_notebooks(ROOT)


def test_lessons_and_solutions_have_text_sources():
    lessons = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    solutions = sorted((ROOT / "exercises" / "solutions").glob("[0-9][0-9]_*.ipynb"))
    assert lessons and solutions
    assert set(lessons + solutions) == set(BUILT)
    missing = [p.name for p in BUILT if not notebook_sources.source_of(p).exists()]
    assert not missing


@pytest.mark.parametrize("ipynb", BUILT, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_notebook_is_the_build_of_its_source(ipynb):
    assert ipynb.read_text(encoding="utf-8") == notebook_sources.build_text(ipynb), (
        f"{ipynb.relative_to(ROOT)} differs from its source; edit the .py and run "
        "`python tools/notebook_sources.py build` (or `export` to adopt an edited .ipynb)"
    )


def _notebook():
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell("seed = 1")
    params.metadata["tags"] = ["parameters"]
    shown = nbformat.v4.new_code_cell('print("2,027 people")\nprint()\nprint("  indented")')
    shown.metadata["tags"] = [normalize_notebooks.CHECK_TAG]
    shown.outputs = [
        nbformat.v4.new_output("stream", name="stdout", text="2,027 people\n\n  indented\n")
    ]
    plain = nbformat.v4.new_code_cell("x = 1")
    nb.cells = [nbformat.v4.new_markdown_cell("# Title\n\nSome *text*."), params, shown, plain]
    return normalize_notebooks.normalize(nb)


def test_source_text_is_a_percent_script_with_the_expected_output_as_comments():
    text = notebook_sources.to_text(_notebook())
    assert text.startswith("# %% [markdown]\n# # Title\n")
    assert '# %% tags=["parameters"]\nseed = 1\n' in text
    assert (
        '# %% tags=["nbval-check-output"]\nprint("2,027 people")\nprint()\nprint("  indented")\n'
        "# -- expected output --\n# 2,027 people\n#\n#   indented\n"
    ) in text


def test_round_trip_keeps_sources_tags_and_outputs(tmp_path):
    nb = _notebook()
    back = notebook_sources.from_text(notebook_sources.to_text(nb), tmp_path / "x.ipynb")
    assert back == nb


def test_output_without_a_final_newline_round_trips(tmp_path):
    nb = _notebook()
    nb.cells[2].outputs[0]["text"] = "no newline"
    back = notebook_sources.from_text(notebook_sources.to_text(nb), tmp_path / "x.ipynb")
    assert back.cells[2].outputs[0]["text"] == "no newline"


def test_check_finds_a_stale_notebook_and_a_missing_source(tmp_path, capsys):
    root = tmp_path
    (root / "notebooks").mkdir()
    (root / "exercises" / "solutions").mkdir(parents=True)
    ipynb = root / "notebooks" / "01_demo.ipynb"
    nbformat.write(_notebook(), str(ipynb))
    assert notebook_sources.run("build", root, check=True) == 1
    assert "no text source" in capsys.readouterr().err
    assert notebook_sources.run("export", root) == 0
    assert notebook_sources.run("build", root, check=True) == 1  # the build adds the nav bar
    assert notebook_sources.run("build", root) == 0
    assert notebook_sources.run("build", root, check=True) == 0
    src = notebook_sources.source_of(ipynb)
    src.write_text(src.read_text().replace("seed = 1", "seed = 2"))
    assert notebook_sources.run("build", root, check=True) == 1
    assert "out of date" in capsys.readouterr().err
    assert notebook_sources.run("build", root) == 0
    assert "seed = 2" in ipynb.read_text()
