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

from journeykit.checks import Feedback, check_choice, check_number, msg, safely
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
    name = msg("measuring.name.step", lang, stage=stage)

    def compute() -> pd.Series:
        f = stage_funnel(events, model).set_index("stage")
        return f.loc[stage]

    row, fb = safely(name, compute, lang)
    if fb is not None:
        return fb
    expected = float(row["step_conversion"])
    wrong = {
        float(row["overall_conversion"]): (msg("measuring.step.overall", lang)),
        float(row["drop_off_rate"]): msg("measuring.step.drop_off", lang),
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
    name = msg("measuring.name.funnel", lang)

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
        "ordered": msg("measuring.funnel.ordered", lang),
        "strict": msg("measuring.funnel.strict", lang),
        "unordered": msg("measuring.funnel.unordered", lang),
        "no_window": msg("measuring.funnel.no_window", lang),
        "default_window": msg("measuring.funnel.default_window", lang),
    }
    if np.isclose(v["no_window"], v["default_window"]):
        # no window and the default window give one number: one hint names both mistakes
        texts["no_window"] = texts["default_window"] = msg(
            "measuring.funnel.no_or_default_window", lang
        )
    wrong = {v[k]: text for k, text in texts.items() if k in v}
    return check_number(
        answer, expected, name=name, hints=_hints(expected, wrong, share=False), lang=lang
    )


def _metric_wrong(key: str, tables: Tables, lang: str = "en") -> dict[float, str]:
    """Values a learner gets with the usual mistakes for metric ``key``."""
    f = user_facts(tables)
    s = f.sum()

    def ratio(a: float, b: float) -> float:
        return float(a) / float(b) if b else float("nan")

    if key == "click_through_rate":
        return {
            ratio(s["clicks"], s["visits"]): msg("measuring.ctr.visits", lang),
            ratio(s["impressions"], s["clicks"]): msg("measuring.ctr.upside_down", lang),
        }
    if key == "cost_per_click":
        return {ratio(s["cost"], s["clicks"]): (msg("measuring.cpc.all_clicks", lang))}
    if key == "conversion_rate":
        return {
            ratio(s["orders"], s["reached"]): msg("measuring.conv.orders", lang),
            ratio(s["customer"], s["lead"]): msg("measuring.conv.per_lead", lang),
        }
    if key == "cost_per_conversion":
        return {
            ratio(s["cost"], s["orders"]): msg("measuring.cpa.orders", lang),
            ratio(s["paid_click_cost"], s["customer"]): msg("measuring.cpa.clicks_only", lang),
        }
    if key == "repeat_purchase_rate":
        return {ratio(s["repeat"], s["reached"]): msg("measuring.cpa.everyone", lang)}
    if key == "nps":
        sv = tables.survey["nps"].dropna()
        return {
            float(sv.mean()): msg("measuring.nps.mean", lang),
            100 * float((sv >= 9).mean()): msg("measuring.nps.no_detractors", lang),
            float((sv >= 9).mean() - (sv <= 6).mean()): msg("measuring.nps.points", lang),
        }
    if key == "csat":
        sv = tables.survey["csat"].dropna()
        return {float(sv.mean()): msg("measuring.csat.mean", lang)}
    return {}


def check_metric(answer: object, tables: Tables, key: str, *, lang: str = "en") -> Feedback:
    """Any metric of :data:`journeykit.metrics.METRICS`, computed on ``tables``."""
    # the metric's own label in Indonesian; its key, spaced, in English
    name = METRICS[key].label(lang) if lang == "id" and key in METRICS else key.replace("_", " ")

    def compute() -> tuple[float, dict[float, str]]:
        if key not in METRICS:
            raise KeyError(msg("measuring.unknown_metric", lang, key=key))
        value = float(metric_table(tables, metrics=[key]).iloc[0][key])
        return value, _metric_wrong(key, tables, lang)

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
    name = msg("measuring.name.top", lang, by=by)

    def compute() -> tuple[str, dict[object, str]]:
        s = journey_score(tables, by=by, weights=weights, normalise=normalise)
        best = str(s.index[0])
        m = metric_table(tables, by=by, metrics=["reach", "conversion_rate"])
        hints: dict[object, str] = {}
        biggest = str(m["reach"].idxmax())
        if biggest != best:
            hints[biggest] = msg("measuring.top.biggest", lang)
        converts = str(m["conversion_rate"].idxmax())
        if converts not in (best, biggest):
            hints[converts] = msg("measuring.top.converts", lang)
        if len(s) > 1:
            hints.setdefault(str(s.index[-1]), msg("measuring.top.last", lang))
        return best, hints

    got, fb = safely(name, compute, lang)
    if fb is not None:
        return fb
    expected, hints = got
    return check_choice(answer, expected, name=name, hints=hints, lang=lang)
