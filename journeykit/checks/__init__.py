"""Answer checks for the exercise notebooks: one module per lesson, named like the lesson.

A check never raises into the notebook: it returns a :class:`Feedback` that prints
"correct" or explains the likely mistake, so a learner can try again. Every check takes
``lang`` (``"en"`` or ``"id"``); its ✔/✘ lines and hints come from :mod:`journeykit.i18n`.

How a number is compared (:func:`check_number`):

* **Printed precision.** An answer typed from a printed value passes: within 0.5 % of the
  expected value, or equal to it rounded to the digits typed (``0.39`` for ``0.3949``) when
  the answer has at least two significant digits. A check may widen this with ``rel_tol`` /
  ``abs_tol`` but never narrows it.
* **Percentages and shares.** A percentage where a share is asked (61.1 for 0.611), or a share
  where a percentage is asked, is *not* accepted: the package and the later cells work with
  shares, so the learner gets the specific hint "give it as a share between 0 and 1" (or the
  reverse) instead of "too high". This runs in every check, before the check's own hints.

A key compared by :func:`check_choice` may be typed as its label in either language
("Home barista" for ``home_barista``): the label of the right key is accepted with a note
naming the key; the label of a wrong key is read as that key, so its hint still applies.

>>> fb = check_number(0.25, 0.25, name="conversion rate")
>>> fb.ok
True
>>> print(check_number(0.527, 0.52693, name="share"))
✔ share: correct (0.527).
>>> print(check_number(61.1, 0.6107, name="share"))
✘ share: not yet. That is the right value as a percentage; give it as a share between 0 and 1 (divide by 100).
>>> print(check_number(61.1, 0.6107, name="porsi", lang="id"))
✘ porsi: belum tepat. Itu nilai yang benar dalam persen; tuliskan sebagai porsi antara 0 dan 1 (bagi dengan 100).
>>> print(check_number(None, 3, name="stages"))
✘ stages: no answer yet - replace None with your answer.
>>> print(check_choice("Home barista", "home_barista", name="persona"))
✔ persona: correct ('home_barista'; 'Home barista' is its label - code needs the key).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from journeykit.errors import JourneykitError
from journeykit.i18n import LABELS, check_lang, t

__all__ = [
    "Feedback",
    "msg",
    "check_number",
    "check_choice",
    "check_sequence",
    "no_answer",
    "safely",
    "within_precision",
    "PRINTED_REL_TOL",
]

#: The relative tolerance of "the precision a lesson prints" (0.5 %).
PRINTED_REL_TOL = 0.005


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


def msg(key: str, lang: str = "en", /, **fields: object) -> str:
    """The catalogue text ``check.<key>`` in ``lang`` with ``fields`` filled in.

    >>> msg("no_answer", "id", name="bulan balik modal")
    '✘ bulan balik modal: belum ada jawaban - ganti None dengan jawaban Anda.'
    """
    return t(f"check.{key}", check_lang(lang)).format(**fields)


def not_yet(name: str, hint: str, lang: str = "en") -> Feedback:
    """A ✘ feedback "``name``: not yet. ``hint``" in ``lang``.

    >>> print(not_yet("K", "Multiply the two.", "en"))
    ✘ K: not yet. Multiply the two.
    """
    return Feedback(False, msg("not_yet", lang, name=name, hint=hint))


def no_answer(answer: object, name: str, lang: str = "en") -> Feedback | None:
    """The "no answer yet" feedback while ``answer`` is still the exercise's ``None``, else ``None``.

    >>> print(no_answer(None, "payback month"))
    ✘ payback month: no answer yet - replace None with your answer.
    >>> no_answer(3, "payback month") is None
    True
    """
    if answer is None or answer is Ellipsis:
        return Feedback(False, msg("no_answer", lang, name=name))
    return None


def safely(name: str, compute: Callable[[], Any], lang: str = "en") -> tuple[Any, Feedback | None]:
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
        return None, Feedback(False, msg("cannot_check", lang, name=name, error=err))


def _typed_decimals(value: float) -> int:
    """Decimals in the shortest repr of ``value`` (what the learner typed): 0.527 -> 3."""
    text = repr(float(value))
    if "e" in text or "inf" in text or "nan" in text:
        return -1
    whole, _, frac = text.partition(".")
    return 0 if frac in ("", "0") else len(frac)


def within_precision(
    value: float, expected: float, *, rel_tol: float = 0.0, abs_tol: float = 0.0
) -> bool:
    """Does ``value`` equal ``expected`` at the precision a lesson prints?

    True within ``max(rel_tol, 0.5 %)`` of ``expected`` (or ``abs_tol``), or when ``expected``
    rounds to ``value`` at the decimals typed and ``value`` has two or more significant
    digits (so ``2.4`` passes for ``2.43`` but ``2`` does not; ``0.39`` for ``0.3949``).

    >>> within_precision(15.15, 15.1486), within_precision(227.3, 227.26)
    (True, True)
    >>> within_precision(0.39, 0.3949), within_precision(2, 2.43), within_precision(0, 0.004)
    (True, False, False)
    """
    if not (math.isfinite(value) and math.isfinite(expected)):
        return value == expected
    if math.isclose(value, expected, rel_tol=max(rel_tol, PRINTED_REL_TOL), abs_tol=abs_tol):
        return True
    decimals = _typed_decimals(value)
    if decimals < 0 or value == 0:
        return False
    significant = decimals + math.floor(math.log10(abs(value))) + 1
    if significant < 2:
        return False
    return abs(value - expected) <= 0.5 * 10.0**-decimals * (1 + 1e-9)


def _fmt(value: float) -> str:
    return f"{value:.6g}"


def check_number(
    answer: object,
    expected: float,
    *,
    name: str = "answer",
    rel_tol: float = 0.0,
    abs_tol: float = 0.0,
    hints: Mapping[float, str] | None = None,
    lang: str = "en",
) -> Feedback:
    """Compare a numeric answer with ``expected``; ``hints`` maps known wrong answers to explanations.

    The answer passes at the printed precision (:func:`within_precision`); ``rel_tol`` and
    ``abs_tol`` can only widen it. A hint's value is matched with the same rule. A percentage
    for a share (``100 * expected``) or a share for a percentage (``expected / 100``) gets its
    own hint, never "too high" (unless the check's ``hints`` explain that value). When several hints match (two mistakes that give the same
    number on these data) all of them are given, so the feedback never names the wrong one.

    >>> print(check_number(2.43, 2.4327, name="K"))
    ✔ K: correct (2.43).
    >>> print(check_number(0.024, 2.43, name="uplift (%)"))
    ✘ uplift (%): not yet. That is the right value as a share; give it as a percentage (multiply by 100).
    >>> print(check_number(3.2, 2.43, name="K", lang="id"))
    ✘ K: belum tepat - 3.2 terlalu tinggi.
    """
    if (fb := no_answer(answer, name, lang)) is not None:
        return fb
    if isinstance(answer, bool):
        return Feedback(False, msg("not_number", lang, name=name, got=type(answer).__name__))
    try:
        value = float(answer)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return Feedback(False, msg("not_number", lang, name=name, got=type(answer).__name__))
    expected = float(expected)

    def close(wanted: float) -> bool:
        return within_precision(value, float(wanted), rel_tol=rel_tol, abs_tol=abs_tol)

    if close(expected):
        return Feedback(True, msg("correct", lang, name=name, value=_fmt(value)))
    hints = dict(hints or {})
    if expected != 0 and not math.isclose(abs(expected), 1.0):
        # the core's own hints, unless the check already explains that value itself
        for factor, key in ((100.0, "percent_for_share"), (0.01, "share_for_percent")):
            if not any(math.isclose(float(w), factor * expected, rel_tol=1e-9) for w in hints):
                hints[factor * expected] = msg(key, lang)
    matched = [hint for wrong, hint in hints.items() if close(float(wrong))]
    if matched:
        # two mistakes that give the same number on these data: name both, never guess one
        return not_yet(name, msg("or_join", lang).join(dict.fromkeys(matched)), lang)
    key = "too_high" if value > expected else "too_low"
    return Feedback(False, msg(key, lang, name=name, value=_fmt(value)))


@cache
def _label_keys() -> dict[str, frozenset[str]]:
    """Every catalogue label (both languages, lower case) -> the key suffixes it labels."""
    out: dict[str, set[str]] = {}
    for key, pair in LABELS.items():
        suffix = key.rsplit(".", 1)[-1]
        for text in pair:
            out.setdefault(text.strip().lower(), set()).add(suffix)
    return {k: frozenset(v) for k, v in out.items()}


def _as_key(
    answer: str, candidates: Sequence[object], labels: Mapping[object, Sequence[str]] | None
) -> object | None:
    """The candidate key whose label (``labels`` or the catalogue) ``answer`` is, if any."""
    text = answer.strip().lower()
    for key in candidates:
        if labels and key in labels and text in {s.strip().lower() for s in labels[key]}:
            return key
    suffixes = _label_keys().get(text, frozenset())
    for key in candidates:
        if isinstance(key, str) and key in suffixes:
            return key
    return None


def check_choice(
    answer: object,
    expected: object,
    *,
    name: str = "answer",
    hints: Mapping[object, str] | None = None,
    labels: Mapping[object, Sequence[str]] | None = None,
    lang: str = "en",
) -> Feedback:
    """Compare a categorical answer (a key, a label ...) with ``expected``.

    A string answer is compared without case and surrounding spaces. The label of a key
    (from ``labels`` — key -> its labels — or the catalogue, either language) is read as
    that key: the right key's label passes with a note naming the key.

    >>> print(check_choice(" Email ", "email", name="channel"))
    ✔ channel: correct ('email').
    >>> print(check_choice("Iklan media sosial", "email", name="saluran", lang="id",
    ...                    hints={"social_ads": "Itu saluran dengan tayangan terbanyak."}))
    ✘ saluran: belum tepat. Itu saluran dengan tayangan terbanyak.
    """
    if (fb := no_answer(answer, name, lang)) is not None:
        return fb
    hints = dict(hints or {})
    if answer == expected:
        return Feedback(True, msg("correct", lang, name=name, value=repr(answer)))
    if isinstance(answer, str):
        candidates = [expected, *hints]
        if isinstance(expected, str) and answer.strip().lower() == expected.lower():
            return Feedback(True, msg("correct", lang, name=name, value=repr(expected)))
        for key in candidates:
            if isinstance(key, str) and answer.strip().lower() == key.lower():
                return not_yet(name, hints[key], lang)
        key = _as_key(answer, candidates, labels)
        if key == expected:
            return Feedback(
                True, msg("correct_label", lang, name=name, key=repr(expected), label=repr(answer))
            )
        if key is not None and key in hints:
            return not_yet(name, hints[key], lang)
    hint = hints.get(answer)
    if hint:
        return not_yet(name, hint, lang)
    return Feedback(False, msg("not_it", lang, name=name, answer=repr(answer)))


def check_sequence(
    answer: object,
    expected: Sequence[object],
    *,
    name: str = "answer",
    ordered: bool = True,
    lang: str = "en",
) -> Feedback:
    """Compare a list answer with ``expected`` (in order unless ``ordered=False``).

    >>> print(check_sequence(["b", "a"], ["a", "b"], name="order"))
    ✘ order: not yet - right items, wrong order.
    >>> print(check_sequence(["a"], ["a", "b"], name="urutan", lang="id"))
    ✘ urutan: belum tepat - kurang ['b'].
    """
    if (fb := no_answer(answer, name, lang)) is not None:
        return fb
    if isinstance(answer, str) or not isinstance(answer, Sequence | set | tuple):
        return Feedback(False, msg("not_list", lang, name=name, got=type(answer).__name__))
    got = list(answer)
    want = list(expected)
    if (got == want) if ordered else (sorted(map(str, got)) == sorted(map(str, want))):
        return Feedback(True, msg("correct_plain", lang, name=name))
    missing = [x for x in want if x not in got]
    extra = [x for x in got if x not in want]
    parts = []
    if missing:
        parts.append(msg("missing", lang, items=missing))
    if extra:
        parts.append(msg("extra", lang, items=extra))
    if not parts and ordered:
        parts.append(msg("wrong_order", lang))
    return Feedback(False, msg("not_yet_list", lang, name=name, what="; ".join(parts)))
