"""Answer checks for the exercise notebooks: one module per lesson, named like the lesson.

A check never raises into the notebook: it returns a :class:`Feedback` that prints
"Correct" or explains the likely mistake, so a learner can try again.

>>> fb = check_number(0.25, 0.25, name="conversion rate")
>>> fb.ok
True
>>> print(check_number(25, 0.25, name="conversion rate",
...       hints={25.0: "You gave a percentage; give a share between 0 and 1."}))
✘ conversion rate: not yet. You gave a percentage; give a share between 0 and 1.
>>> print(check_number(None, 3, name="stages"))
✘ stages: no answer yet - replace None with your answer.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from journeykit.errors import JourneykitError

__all__ = [
    "Feedback",
    "check_number",
    "check_choice",
    "check_sequence",
    "no_answer",
    "safely",
]


@dataclass(frozen=True)
class Feedback:
    """The result of a check: ``ok`` and a message for the learner."""

    ok: bool
    message: str

    def __str__(self) -> str:
        return self.message

    def _repr_html_(self) -> str:
        import html

        colour = "#009E73" if self.ok else "#D55E00"
        return f'<p style="color:{colour};font-weight:bold">{html.escape(self.message)}</p>'

    def __repr__(self) -> str:
        return self.message


def no_answer(answer: object, name: str) -> Feedback | None:
    """The "no answer yet" feedback while ``answer`` is still the exercise's ``None``, else ``None``.

    >>> print(no_answer(None, "payback month"))
    ✘ payback month: no answer yet - replace None with your answer.
    >>> no_answer(3, "payback month") is None
    True
    """
    if answer is None or answer is Ellipsis:
        return Feedback(False, f"✘ {name}: no answer yet - replace None with your answer.")
    return None


def safely(name: str, compute: Callable[[], Any]) -> tuple[Any, Feedback | None]:
    """Run ``compute`` (which works out the expected answer); a failure becomes feedback.

    A check must never raise into the notebook: when the learner's inputs make the expected
    answer impossible to compute, they see why instead of a traceback.

    >>> safely("rate", lambda: 1 / 2)
    (0.5, None)
    >>> value, feedback = safely("rate", lambda: {}["users"])
    >>> value is None and str(feedback) == "✘ rate: cannot check this one ('users')."
    True
    """
    try:
        return compute(), None
    except (JourneykitError, TypeError, ValueError, KeyError, AttributeError, IndexError) as err:
        return None, Feedback(False, f"✘ {name}: cannot check this one ({err}).")


def check_number(
    answer: object,
    expected: float,
    *,
    name: str = "answer",
    rel_tol: float = 1e-6,
    abs_tol: float = 1e-9,
    hints: Mapping[float, str] | None = None,
) -> Feedback:
    """Compare a numeric answer with ``expected``; ``hints`` maps known wrong answers to explanations."""
    if (fb := no_answer(answer, name)) is not None:
        return fb
    try:
        value = float(answer)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return Feedback(False, f"✘ {name}: expected a number, got {type(answer).__name__}.")
    if math.isclose(value, expected, rel_tol=rel_tol, abs_tol=abs_tol):
        return Feedback(True, f"✔ {name}: correct ({value:g}).")
    for wrong, hint in (hints or {}).items():
        if math.isclose(value, wrong, rel_tol=rel_tol, abs_tol=abs_tol):
            return Feedback(False, f"✘ {name}: not yet. {hint}")
    direction = "too high" if value > expected else "too low"
    return Feedback(False, f"✘ {name}: not yet - {value:g} is {direction}.")


def check_choice(
    answer: object,
    expected: object,
    *,
    name: str = "answer",
    hints: Mapping[object, str] | None = None,
) -> Feedback:
    """Compare a categorical answer (a key, a label ...) with ``expected``."""
    if (fb := no_answer(answer, name)) is not None:
        return fb
    if answer == expected:
        return Feedback(True, f"✔ {name}: correct ({answer!r}).")
    hint = (hints or {}).get(answer)
    return Feedback(
        False,
        f"✘ {name}: not yet. {hint}" if hint else f"✘ {name}: {answer!r} is not it; try again.",
    )


def check_sequence(
    answer: object, expected: Sequence[object], *, name: str = "answer", ordered: bool = True
) -> Feedback:
    """Compare a list answer with ``expected`` (in order unless ``ordered=False``)."""
    if (fb := no_answer(answer, name)) is not None:
        return fb
    if isinstance(answer, str) or not isinstance(answer, Sequence | set | tuple):
        return Feedback(False, f"✘ {name}: expected a list, got {type(answer).__name__}.")
    got = list(answer)
    want = list(expected)
    if (got == want) if ordered else (sorted(map(str, got)) == sorted(map(str, want))):
        return Feedback(True, f"✔ {name}: correct.")
    missing = [x for x in want if x not in got]
    extra = [x for x in got if x not in want]
    parts = []
    if missing:
        parts.append(f"missing {missing}")
    if extra:
        parts.append(f"not expected {extra}")
    if not parts and ordered:
        parts.append("right items, wrong order")
    return Feedback(False, f"✘ {name}: not yet - {'; '.join(parts)}.")
