"""Lessons run at the sizes their parameter check accepts (issue 11, items 8 and 10).

Lessons 10, 11 and 12 crashed on values the check accepted (lesson 10 below ~1,000 users,
lesson 11 at 100 and at >= 100,000 users, lesson 12 at <= 200 users). The check now narrows
their range (journeykit.params.RULES, each with its reason), and these tests run each lesson's
own code cells — the same code a learner runs, executed here without a kernel — at the smallest
accepted ``n_users`` (fast tier) and at the largest (the slower ``notebooks`` tier).
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from journeykit.cli import main
from journeykit.errors import ParameterError
from journeykit.params import RULES, SPECS, check_parameters

ROOT = Path(__file__).resolve().parents[1]
LESSONS = {
    "10_referrals": "invites_per_user",
    "11_campaigns": "strangers",
    "12_follow_up": "recent_days",
}


def _defaults(lesson: str) -> dict[str, object]:
    nb = json.loads((ROOT / "notebooks" / f"{lesson}.ipynb").read_text(encoding="utf-8"))
    cell = next(c for c in nb["cells"] if "parameters" in c["metadata"].get("tags", []))
    values: dict[str, object] = {}
    exec("".join(cell["source"]), {}, values)
    return values


def _bounds(lesson: str) -> tuple[int, int]:
    """The smallest and largest n_users the check accepts for the lesson, found by asking it."""
    values = _defaults(lesson)
    ok = []
    for n in (100, 999, 1_000, 19_999, 20_000, 40_000, 40_001, 200_000, 200_001, 2_000_000):
        try:
            check_parameters(**{**values, "n_users": n})
            ok.append(n)
        except ParameterError:
            pass
    return min(ok), max(ok)


def run_lesson(lesson: str, monkeypatch, **params) -> dict[str, object]:
    """Execute the lesson's code cells in order, the parameters cell overridden by ``params``."""
    import matplotlib
    import matplotlib.pyplot as plt

    matplotlib.use("Agg")
    monkeypatch.chdir(ROOT / "notebooks")
    nb = json.loads((ROOT / "notebooks" / f"{lesson}.ipynb").read_text(encoding="utf-8"))
    ns: dict[str, object] = {}
    for i, cell in enumerate(nb["cells"]):
        if cell["cell_type"] != "code":
            continue
        exec(compile("".join(cell["source"]), f"{lesson} cell {i}", "exec"), ns)
        if "parameters" in cell["metadata"].get("tags", []):
            ns.update(params)
        plt.close("all")
    return ns


def test_the_bounds_are_what_the_rules_say():
    assert _bounds("10_referrals") == (20_000, 200_000)
    assert _bounds("11_campaigns") == (1_000, 40_000)
    assert _bounds("12_follow_up") == (1_000, 200_000)


@pytest.mark.parametrize("lesson", list(LESSONS))
def test_each_lesson_runs_at_its_smallest_accepted_size(lesson, monkeypatch):
    low, _ = _bounds(lesson)
    ns = run_lesson(lesson, monkeypatch, n_users=low)
    assert ns["tables"].users["user_id"].size >= low  # type: ignore[attr-defined]


@pytest.mark.notebooks
@pytest.mark.parametrize("lesson", list(LESSONS))
def test_each_lesson_runs_at_its_largest_accepted_size(lesson, monkeypatch):
    _, high = _bounds(lesson)
    ns = run_lesson(lesson, monkeypatch, n_users=high)
    assert ns["tables"].users["user_id"].size >= high  # type: ignore[attr-defined]


@pytest.mark.parametrize("lesson", list(LESSONS))
def test_just_outside_the_bounds_the_check_says_why(lesson):
    low, high = _bounds(lesson)
    values = _defaults(lesson)
    for n in (low - 1, high + 1):
        with pytest.raises(
            ParameterError, match=rf"n_users: expected {low:,} to [\d,]+ in lesson {lesson[:2]} \("
        ):
            check_parameters(**{**values, "n_users": n})


def test_lesson_11_market_must_be_larger_than_the_data():
    with pytest.raises(ParameterError, match="strangers: expected at least 2 x n_users"):
        check_parameters(n_users=20_000, strangers=30_000)
    check_parameters(n_users=20_000, strangers=40_000)


def test_every_rule_names_parameters_that_exist():
    for rule in RULES:
        assert set(rule.when) <= set(SPECS), rule


@pytest.mark.parametrize(
    "name", ["entry_price", "acquisition_cost", "invites_per_user", "step_lift"]
)
@pytest.mark.parametrize("value", [math.inf, -math.inf, math.nan])
def test_infinite_and_nan_numbers_are_refused(name, value):
    with pytest.raises(ParameterError, match=f"parameter {name}: expected"):
        check_parameters(**{name: value})


def test_personas_are_the_example_persona_files():
    keys = {p.name.split(".")[0] for p in (ROOT / "journeykit/data/personas").glob("*.json")}
    for key in keys:
        check_parameters(persona=key)
    with pytest.raises(ParameterError, match="parameter persona: expected one of 'home_barista'"):
        check_parameters(persona="nobody")


@pytest.mark.parametrize(("name", "value"), [("persona", "nobody"), ("entry_price", "inf")])
def test_the_pre_kernel_check_refuses_them(name, value, tmp_path, capsys):
    code = main(
        ["course", "run", "--root", str(ROOT), "--out", str(tmp_path / "o"), "-p", name, value]
    )
    err = capsys.readouterr().err
    assert code == 2 and f"parameter {name}" in err and err.count("\n") == 1, err
    assert not (tmp_path / "o").exists()


def test_the_pre_kernel_check_applies_the_lesson_rules(tmp_path, capsys):
    out = tmp_path / "o"
    code = main(
        [
            "course",
            "run",
            "--root",
            str(ROOT),
            "--out",
            str(out),
            "--only",
            "12",
            "-p",
            "n_users",
            "999",
        ]
    )
    err = capsys.readouterr().err
    assert code == 2 and "12_follow_up, parameter n_users: expected 1,000 to 200,000" in err, err
    assert not out.exists()
