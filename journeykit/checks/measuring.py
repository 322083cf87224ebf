"""Checks for exercise 05 (measuring the journey: funnels, metrics, journey score).

Each check computes the expected answer with :mod:`journeykit.funnels`,
:mod:`journeykit.metrics` or :mod:`journeykit.score` on the same data the learner used, returns a
:class:`~journeykit.checks.Feedback` (never raises) and recognises the usual mistakes: the
overall conversion where the step conversion is asked (or the drop-off rate), a strict or
unordered funnel instead of an ordered one, no conversion window, clicks over visits instead of
impressions, orders instead of customers, NPS as a mean score or without the detractors, a
percentage where a share is asked.

>>> import pandas as pd
>>> ev = pd.DataFrame({"event_id": [1, 2, 3], "user_id": [1, 1, 2],
...     "timestamp": pd.to_datetime(["2024-01-01", "2024-01-02", "2024-01-01"]),
...     "stage": ["aware", "engage", "aware"]})
>>> print(check_step_conversion(0.5, ev, stage="consideration"))
✔ step conversion into consideration: correct (0.5).
>>> print(check_step_conversion(50, ev, stage="consideration"))
✘ step conversion into consideration: not yet. That is the right value as a percentage; give it as a share between 0 and 1 (divide by 100).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from journeykit.checks import Feedback, check_choice, check_number, safely
from journeykit.funnels import ordered_funnel, stage_funnel
from journeykit.metrics import METRICS, metric_table, user_facts
from journeykit.schema import Tables
from journeykit.score import journey_score

__all__ = [
    "check_step_conversion",
    "check_funnel_users",
    "check_metric",
    "check_top_journey",
]


def _hints(expected: float, wrong: Mapping[float, str], *, share: bool) -> dict[float, str]:
    hints: dict[float, str] = {}
    for value, text in wrong.items():
        if value is not None and np.isfinite(value) and not np.isclose(value, expected):
            hints.setdefault(float(value), text)
    return hints


def check_step_conversion(
    answer: object, events: pd.DataFrame, *, stage: str, model: str = "five", lang: str = "en"
) -> Feedback:
    """Step conversion into ``stage``: people reaching it / people reaching the stage before."""
    name = f"step conversion into {stage}"

    def compute() -> pd.Series:
        f = stage_funnel(events, model).set_index("stage")
        return f.loc[stage]

    row, fb = safely(name, compute, lang)
    if fb is not None:
        return fb
    expected = float(row["step_conversion"])
    wrong = {
        float(row["overall_conversion"]): (
            "That is the overall conversion (share of the first stage); divide by the stage "
            "just before instead."
        ),
        float(row["drop_off_rate"]): "That is the drop-off rate: the share who did NOT go on.",
    }
    return check_number(
        answer, expected, name=name, hints=_hints(expected, wrong, share=True), lang=lang
    )


def check_funnel_users(
    answer: object,
    events: pd.DataFrame,
    steps: Sequence[Any],
    *,
    window: float | None = 14,
    order: str = "ordered",
    lang: str = "en",
) -> Feedback:
    """People who reached the last step of an :func:`~journeykit.funnels.ordered_funnel`."""
    name = "people who reached the last step"

    def compute() -> dict[str, float]:
        def last(**kw: Any) -> float:
            return float(ordered_funnel(events, steps, **kw)["users"].iloc[-1])

        modes = {"ordered", "strict", "unordered"} - {order}
        out = {"expected": last(window=window, order=order)}
        for mode in modes:
            out[mode] = last(window=window, order=mode)
        out["no_window"] = last(window=None, order=order)
        out["default_window"] = last(window=14, order=order)
        return out

    v, fb = safely(name, compute, lang)
    if fb is not None:
        return fb
    expected = v["expected"]
    texts = {
        "ordered": "That is the ordered funnel (other events may fall between the steps).",
        "strict": "That is the strict funnel: there any other event in between breaks the attempt.",
        "unordered": "That counts the steps in any order; keep the order of the steps.",
        "no_window": "That ignores the conversion window; every step must come within it.",
        "default_window": "That uses the default 14-day window; pass the window asked for.",
    }
    wrong = {v[k]: text for k, text in texts.items() if k in v}
    return check_number(
        answer, expected, name=name, hints=_hints(expected, wrong, share=False), lang=lang
    )


def _metric_wrong(key: str, tables: Tables) -> dict[float, str]:
    """Values a learner gets with the usual mistakes for metric ``key``."""
    f = user_facts(tables)
    s = f.sum()

    def ratio(a: float, b: float) -> float:
        return float(a) / float(b) if b else float("nan")

    if key == "click_through_rate":
        return {
            ratio(
                s["clicks"], s["visits"]
            ): "Divide the clicks by the impressions, not the visits.",
            ratio(s["impressions"], s["clicks"]): "Upside down: clicks / impressions.",
        }
    if key == "cost_per_click":
        return {
            ratio(s["cost"], s["clicks"]): (
                "That spreads all costs over all clicks; count only paid clicks (cost > 0) and "
                "their cost."
            )
        }
    if key == "conversion_rate":
        return {
            ratio(s["orders"], s["reached"]): "Count customers (people who bought), not orders.",
            ratio(s["customer"], s["lead"]): "That is per lead; divide by everyone reached.",
        }
    if key == "cost_per_conversion":
        return {
            ratio(s["cost"], s["orders"]): "Divide by the customers (first purchases), not orders.",
            ratio(
                s["paid_click_cost"], s["customer"]
            ): "Count the cost of all touches, not clicks only.",
        }
    if key == "repeat_purchase_rate":
        return {ratio(s["repeat"], s["reached"]): "Divide by customers, not everyone reached."}
    if key == "nps":
        sv = tables.survey["nps"].dropna()
        return {
            float(
                sv.mean()
            ): "That is the mean score; NPS = % promoters (9-10) - % detractors (0-6).",
            100 * float((sv >= 9).mean()): "Subtract the share of detractors (0-6).",
            float((sv >= 9).mean() - (sv <= 6).mean()): "Multiply by 100: NPS is in points.",
        }
    if key == "csat":
        sv = tables.survey["csat"].dropna()
        return {float(sv.mean()): "That is the mean score; CSAT is the share of answers 4 or 5."}
    return {}


def check_metric(answer: object, tables: Tables, key: str, *, lang: str = "en") -> Feedback:
    """Any metric of :data:`journeykit.metrics.METRICS`, computed on ``tables``."""
    name = key.replace("_", " ")

    def compute() -> tuple[float, dict[float, str]]:
        if key not in METRICS:
            raise KeyError(f"unknown metric {key!r}")
        value = float(metric_table(tables, metrics=[key]).iloc[0][key])
        return value, _metric_wrong(key, tables)

    got, fb = safely(name, compute, lang)
    if fb is not None:
        return fb
    expected, wrong = got
    share = METRICS[key].unit == "share"
    return check_number(
        answer,
        expected,
        name=name,
        rel_tol=1e-4,
        abs_tol=1e-6,
        hints=_hints(expected, wrong, share=share),
        lang=lang,
    )


def check_top_journey(
    answer: object,
    tables: Tables,
    *,
    by: str = "persona",
    weights: str | Mapping[str, float] = "balanced",
    normalise: str = "minmax",
    lang: str = "en",
) -> Feedback:
    """The group whose journey ranks first under :func:`~journeykit.score.journey_score`."""
    name = f"best {by} journey"

    def compute() -> tuple[str, dict[object, str]]:
        s = journey_score(tables, by=by, weights=weights, normalise=normalise)
        best = str(s.index[0])
        m = metric_table(tables, by=by, metrics=["reach", "conversion_rate"])
        hints: dict[object, str] = {}
        biggest = str(m["reach"].idxmax())
        if biggest != best:
            hints[biggest] = "That is the biggest group, not the best-scoring journey."
        converts = str(m["conversion_rate"].idxmax())
        if converts not in (best, biggest):
            hints[converts] = (
                "That group converts best, but the score mixes several metrics with their weights."
            )
        if len(s) > 1:
            hints.setdefault(str(s.index[-1]), "That one ranks last: rank 1 is the best.")
        return best, hints

    got, fb = safely(name, compute, lang)
    if fb is not None:
        return fb
    expected, hints = got
    return check_choice(answer, expected, name=name, hints=hints, lang=lang)
