"""Notebook parameters under plain papermill: a misspelled name stops the lesson in one line.

papermill passes a name the notebook does not declare straight through (one warning line) and
the lesson would run to the end with its defaults; ``check_parameters`` refuses it instead, and a
journeykit error shows as its message, not as a page of traceback.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from journeykit.errors import ParameterError
from journeykit.params import check_parameters, injected_names

ROOT = Path(__file__).resolve().parent.parent
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def test_injected_names_reads_only_the_last_injected_cell():
    history = ["# Parameters\nold = 1\n", "a = 2", "# Parameters\nseed = 7\nn_user = 200\n"]
    assert injected_names(history) == ["seed", "n_user"]
    assert injected_names(["seed = 42", "print('# Parameters')"]) == []


def test_outside_a_kernel_nothing_is_injected():
    # pytest has no IPython shell: the declared names are all there is to check
    check_parameters(seed=1, n_users=500)


def _refused(monkeypatch, sources, **values):
    monkeypatch.setattr("journeykit.params._kernel_history", lambda: sources)
    with pytest.raises(ParameterError) as err:
        check_parameters(**values)
    return str(err.value)


def test_a_misspelled_name_is_refused_with_the_closest_declared_one(monkeypatch):
    msg = _refused(monkeypatch, ["# Parameters\nn_user = 200\n"], seed=42, lang="en", n_users=2000)
    assert msg == (
        "parameter n_user: this notebook has no such parameter; did you mean n_users? "
        "(its parameters: seed, lang, n_users)"
    )


def test_the_refusal_speaks_the_notebooks_language(monkeypatch):
    msg = _refused(monkeypatch, ["# Parameters\nbahasa = 'id'\n"], seed=42, lang="id")
    assert msg.startswith("parameter bahasa: notebook ini tidak punya parameter itu")
    assert "did you mean" not in msg and "mungkin" not in msg  # nothing close to 'bahasa'


def test_declared_names_pass_through_papermill(monkeypatch):
    monkeypatch.setattr("journeykit.params._kernel_history", lambda: ["# Parameters\nseed = 7\n"])
    check_parameters(seed=7, lang="en")


def test_a_journeykit_error_renders_as_one_line(monkeypatch):
    err = ParameterError("parameter seed: expected an integer >= 0, got -1 (int)")
    assert err._render_traceback_() == [
        "ParameterError: parameter seed: expected an integer >= 0, got -1 (int)"
    ]
    monkeypatch.setenv("JOURNEYKIT_TRACEBACK", "1")
    assert not hasattr(err, "_render_traceback_")  # IPython then shows the full traceback


@pytest.mark.notebooks
def test_plain_papermill_with_a_typo_stops_with_one_line(tmp_path):
    papermill = pytest.importorskip("papermill")
    with pytest.raises(papermill.PapermillExecutionError) as err:
        papermill.execute_notebook(
            str(ROOT / "notebooks" / "01_stage_models.ipynb"),
            str(tmp_path / "out.ipynb"),
            parameters={"n_user": 200},
            cwd=str(ROOT / "notebooks"),
            kernel_name="python3",
            progress_bar=False,
        )
    assert err.value.ename == "ParameterError"
    assert "parameter n_user" in err.value.evalue and "did you mean n_users?" in err.value.evalue
    lines = [ANSI.sub("", line) for line in err.value.traceback]
    assert lines == [f"ParameterError: {err.value.evalue}"]
