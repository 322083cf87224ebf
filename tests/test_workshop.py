"""The workshop kit: learner copies, resets, and the class progress table."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest

from journeykit.checks import check_number, no_answer
from journeykit.cli import main
from journeykit.errors import OverwriteError, ParameterError
from journeykit.workshop import (
    KEPT,
    ORIGINALS,
    class_progress,
    learner_copy,
    parse_checks,
    progress_html,
    reset_notebook,
)

ROOT = Path(__file__).resolve().parent.parent


# --- learner copy -------------------------------------------------------------------------------


def test_learner_copy_has_lessons_exercises_data_and_no_solutions(tmp_path):
    out = tmp_path / "class"
    files = learner_copy(out, root=ROOT)
    rel = {p.relative_to(out).as_posix() for p in files}
    lessons = {f"notebooks/{p.name}" for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")}
    exercises = {f"exercises/{p.name}" for p in (ROOT / "exercises").glob("[0-9][0-9]_*.ipynb")}
    assert lessons and exercises
    assert lessons | exercises <= rel
    assert {f"{ORIGINALS}/{r}" for r in lessons | exercises} <= rel
    assert not any("solutions" in r for r in rel)
    assert "datasets/coffee/events.csv.gz" in rel
    # byte-identical copies
    src = ROOT / "exercises" / sorted(exercises)[0].split("/")[1]
    assert (out / "exercises" / src.name).read_bytes() == src.read_bytes()


def test_learner_copy_never_replaces_without_force(tmp_path):
    out = tmp_path / "class"
    out.mkdir()
    (out / "mine.txt").write_text("my notes")
    with pytest.raises(OverwriteError, match="--force"):
        learner_copy(out, root=ROOT)
    assert (out / "mine.txt").read_text() == "my notes"
    learner_copy(out, root=ROOT, force=True)
    assert not (out / "mine.txt").exists() and (out / "notebooks").is_dir()
    assert [p.name for p in tmp_path.iterdir()] == ["class"]  # no temporary folders left


def test_learner_copy_of_a_folder_without_a_course_is_refused(tmp_path):
    with pytest.raises(ParameterError, match="no course notebooks"):
        learner_copy(tmp_path / "out", root=tmp_path)
    assert not (tmp_path / "out").exists()


# --- reset --------------------------------------------------------------------------------------


def _tiny_course(tmp_path: Path) -> Path:
    root = tmp_path / "course"
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = None")])
    for folder in ("notebooks", "exercises", "exercises/solutions"):
        (root / folder).mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, str(root / folder / "01_demo.ipynb"))
    return root


def test_reset_restores_the_shipped_notebook_and_keeps_the_learners(tmp_path):
    copy = tmp_path / "copy"
    learner_copy(copy, root=_tiny_course(tmp_path))
    mine = copy / "exercises" / "01_demo.ipynb"
    shipped = mine.read_bytes()
    mine.write_text('{"my": "work"}')
    kept = reset_notebook(mine)
    assert mine.read_bytes() == shipped
    assert kept is not None and kept.parent == mine.parent / KEPT
    assert json.loads(kept.read_text()) == {"my": "work"}
    kept2 = reset_notebook(mine)  # a second reset keeps a second copy, never overwrites
    assert kept2 != kept and kept.exists() and kept2.exists()


def test_reset_outside_a_learner_copy_says_how(tmp_path):
    nb = tmp_path / "05_x.ipynb"
    nb.write_text("{}")
    with pytest.raises(ParameterError, match="workshop copy"):
        reset_notebook(nb)
    assert nb.read_text() == "{}"


def test_reset_from_an_explicit_shipped_file(tmp_path):
    shipped, mine = tmp_path / "a.ipynb", tmp_path / "b.ipynb"
    shipped.write_text("shipped")
    mine.write_text("mine")
    kept = reset_notebook(mine, shipped=shipped)
    assert mine.read_text() == "shipped" and kept.read_text() == "mine"


# --- progress -----------------------------------------------------------------------------------


def _submission(path: Path, answers: dict[str, object], expected: dict[str, float]) -> None:
    """An executed exercise notebook whose check cells printed what the real checks print."""
    cells = [nbformat.v4.new_code_cell("seed = 42")]
    for task, answer in answers.items():
        cell = nbformat.v4.new_code_cell(f"print(check({task!r}))")
        text = str(check_number(answer, expected[task], name=task))
        cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=text + "\n")]
        cells.append(cell)
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nbformat.v4.new_notebook(cells=cells), str(path))


EXPECTED = {"conversion rate": 0.25, "payback month": 7.0}


@pytest.fixture
def submissions(tmp_path):
    base = tmp_path / "submissions"
    # known outcomes: ani right/right, budi wrong/none, citra right/wrong
    _submission(
        base / "ani" / "05_measuring.ipynb", {"conversion rate": 0.25, "payback month": 7}, EXPECTED
    )
    _submission(
        base / "budi" / "05_measuring.ipynb",
        {"conversion rate": 0.5, "payback month": None},
        EXPECTED,
    )
    _submission(
        base / "citra" / "05_measuring.ipynb",
        {"conversion rate": 0.25, "payback month": 9},
        EXPECTED,
    )
    return base


def test_progress_table_marks_each_learner_and_task(submissions):
    table = class_progress([submissions]).table()
    assert table.to_dict(orient="index") == {
        "ani": {"05_measuring: conversion rate": "✔", "05_measuring: payback month": "✔"},
        "budi": {"05_measuring: conversion rate": "✘", "05_measuring: payback month": "-"},
        "citra": {"05_measuring: conversion rate": "✔", "05_measuring: payback month": "✘"},
    }


def test_a_task_missing_from_a_notebook_is_not_tried(tmp_path):
    _submission(tmp_path / "s" / "dewi_05_measuring.ipynb", {"conversion rate": 0.25}, EXPECTED)
    _submission(tmp_path / "s" / "eko_05_measuring.ipynb", {"payback month": 3}, EXPECTED)
    table = class_progress([tmp_path / "s"]).table()  # one folder: learner from the file name
    assert table.loc["dewi", "05_measuring: payback month"] == "-"
    assert table.loc["eko", "05_measuring: conversion rate"] == "-"
    assert table.loc["eko", "05_measuring: payback month"] == "✘"


def test_common_hints_count_learners(tmp_path):
    for name in ("a", "b", "c"):
        _submission(tmp_path / name / "08_offers.ipynb", {"payback month": 9}, EXPECTED)
    _submission(tmp_path / "d" / "08_offers.ipynb", {"payback month": 3}, EXPECTED)
    hints = class_progress([tmp_path]).common_hints()
    assert hints.iloc[0]["learners"] == 3 and "9 is too high" in hints.iloc[0]["hint"]
    assert hints.iloc[1]["learners"] == 1 and "3 is too low" in hints.iloc[1]["hint"]


def test_parse_checks_knows_no_answer_from_a_wrong_one():
    text = "\n".join([str(no_answer(None, "CTR")), "✘ CTR: not yet - 4 is too high.", "other"])
    assert [(c.task, c.status) for c in parse_checks(text)] == [
        ("CTR", "not_tried"),
        ("CTR", "wrong"),
    ]


def test_progress_html_escapes_learner_names(tmp_path):
    name = "<img src=x onerror=alert(1)>"
    _submission(tmp_path / name / "05_measuring.ipynb", {"conversion rate": 0.25}, EXPECTED)
    _submission(tmp_path / "ani" / "05_measuring.ipynb", {"conversion rate": 0.25}, EXPECTED)
    page = progress_html(class_progress([tmp_path]), lang="id")
    assert name not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "Kemajuan kelas" in page


def test_cli_progress_writes_csv_and_html_and_never_overwrites(submissions, tmp_path, capsys):
    csv, page = tmp_path / "class.csv", tmp_path / "class.html"
    assert (
        main(["workshop", "progress", str(submissions), "--csv", str(csv), "--html", str(page)])
        == 0
    )
    out = capsys.readouterr().out
    assert "ani" in out and "✘" in out
    assert csv.read_text().splitlines()[1].startswith("ani,")
    page.write_text("mine")
    assert main(["workshop", "progress", str(submissions), "--html", str(page)]) == 2
    assert page.read_text() == "mine"
    assert "--force" in capsys.readouterr().err


def test_cli_progress_on_a_missing_folder_is_one_line(tmp_path, capsys):
    assert main(["workshop", "progress", str(tmp_path / "nope")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no such file or folder" in err


@pytest.mark.notebooks
def test_rerun_of_an_unanswered_exercise_is_all_not_tried(tmp_path):
    copy = tmp_path / "copy"
    learner_copy(copy, root=ROOT)
    exercise = copy / "exercises" / "01_stage_models.ipynb"
    result = class_progress([exercise], rerun=True)
    assert not result.checks.empty
    assert set(result.checks["status"]) == {"not_tried"}


def test_progress_csv_neutralises_a_formula_in_a_learner_name(tmp_path):
    evil = '=HYPERLINK("x.example","ani")'
    _submission(tmp_path / "s" / evil / "05_measuring.ipynb", {"conversion rate": 0.25}, EXPECTED)
    _submission(tmp_path / "s" / "budi" / "05_measuring.ipynb", {"conversion rate": 0.5}, EXPECTED)
    csv = tmp_path / "class.csv"
    assert main(["workshop", "progress", str(tmp_path / "s"), "--csv", str(csv)]) == 0
    rows = csv.read_text().splitlines()
    assert any(row.startswith("\"'=HYPERLINK") or row.startswith("'=HYPERLINK") for row in rows)
    assert not any(row.startswith("=") or row.startswith('"=') for row in rows)


def test_parse_checks_reads_indonesian_feedback_too():
    lines = [
        str(no_answer(None, "CTR", lang="id")),
        str(check_number(5, 0.25, name="CTR", lang="id")),
        str(check_number(0.25, 0.25, name="CTR", lang="id")),
    ]
    assert [c.status for c in parse_checks("\n".join(lines))] == ["not_tried", "wrong", "correct"]
