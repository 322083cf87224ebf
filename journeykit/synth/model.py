"""The causal model's closed forms: baseline probabilities, expected rates and the known K.

A user deciding transition *s* (say subscribe→convert) either decides in the same visit (with
probability ``σ_s``, ``same_visit_share``: no touches) or receives ``N_c ~ Poisson(g × λ_sc ×
scale_c)`` touches on each channel *c* during the decision window, ``g`` being the user's
``touch_intensity`` class (weights ``w_g``), and possibly one campaign touch. Each
touch on *c*, on its own, would move them with probability ``l_c`` (``touch_lift``); a baseline
(word of mouth, the product itself, coming back unprompted) moves them with probability ``b_ps``.
They move on when any of these succeeds::

    P(move | touches) = [1 - (1 - b_ps) × Π_c (1 - l_c) ** N_c] × (1 + campaign lift if treated)

Because ``E[(1 - l) ** N] = exp(-λ l)`` for Poisson ``N``, the average over users at default spend
is ``1 - (1 - b_ps) × A_s`` with ``A_s = σ_s + (1 - σ_s) Σ_g w_g exp(-g H_s)`` (:func:`stay_factor`)
and touch hazard ``H_s = Σ_c λ_sc l_c``. On aware→engage, people first reached by an ad or a
post are also multiplied by ``engage_factor`` (:func:`engage_factor` averages it per persona). The generator picks
``b_ps`` so that this average equals the configured ``stage_rates`` (with the entry-price
elasticity applied to subscribe→convert): the data honours the rates, and every channel's touches
carry a known part of them.

>>> from journeykit.synth import get_preset
>>> cfg = get_preset("coffee")
>>> rates = expected_rates(cfg)
>>> round(float(rates.loc["student", "convert→excite"]), 9) == cfg.stage_rates["student"][3]
True
>>> 0 < expected_k(cfg) < 1
True
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from journeykit.synth.settings import TRANSITIONS, SynthConfig, stay_factor, touch_hazard

__all__ = [
    "CONVERT_TRANSITION",
    "touch_hazard",
    "stay_factor",
    "engage_factor",
    "expected_lag_days",
    "price_factor",
    "baseline_probability",
    "expected_rates",
    "expected_reach",
    "expected_k",
]

CONVERT_TRANSITION = 2
"""Index of subscribe→convert in :data:`~journeykit.synth.settings.TRANSITIONS`."""


def _labels() -> list[str]:
    return [f"{a}→{b}" for a, b in TRANSITIONS]


def engage_factor(cfg: SynthConfig) -> np.ndarray:
    """Per persona: the acquisition-mix average of ``engage_factor`` (multiplier of aware→engage)."""
    return np.array(
        [
            sum(w * cfg.engage_factor.get(c, 1.0) for c, w in cfg.channel_mix[p].items())
            for p in cfg.personas()
        ]
    )


def price_factor(cfg: SynthConfig) -> float:
    """Multiplier of the subscribe→convert probability: ``(entry_price / entry_reference_price) ** -ε``."""
    return float((cfg.entry_price / cfg.entry_reference_price) ** (-cfg.price_elasticity))


def baseline_probability(cfg: SynthConfig) -> np.ndarray:
    """``b_ps``, shape (personas, 7): default-spend average of P(move) equals ``stage_rates``."""
    q = np.array([cfg.stage_rates[p] for p in cfg.personas()], dtype=float)
    return np.clip(1.0 - (1.0 - q) / stay_factor(cfg)[None, :], 0.0, 1.0)


def expected_rates(cfg: SynthConfig) -> pd.DataFrame:
    """Expected stage-to-stage rates per persona under ``cfg``, without censoring.

    Rows: persona keys; columns: ``"aware→engage"`` ... ``"advocate→promote"``. Includes spend
    scales and switched-off channels, the entry-price factor on subscribe→convert and campaigns
    (``× (1 + share × lift)``), and on aware→engage the persona's acquisition-mix average of
    ``engage_factor`` (for non-referred users acquired as configured). The cap of each user's
    probability at 1, campaign windows and fallback acquisitions are ignored, so this is exact
    for the presets' defaults and an approximation beyond.
    """
    b = baseline_probability(cfg)
    rates = 1.0 - (1.0 - b) * stay_factor(cfg, spend=True)[None, :]
    rates[:, CONVERT_TRANSITION] *= price_factor(cfg)
    rates[:, 0] *= engage_factor(cfg)
    for camp in cfg.campaigns:
        if cfg.scale(camp.channel) > 0:
            rates[:, camp.transition] *= 1.0 + camp.share * camp.lift
    return pd.DataFrame(np.clip(rates, 0, 1), index=list(cfg.personas()), columns=_labels())


def expected_lag_days(cfg: SynthConfig) -> pd.DataFrame:
    """Expected days between reaching a step and the next, among users who moved on.

    A share ``σ_s`` of decisions is taken in the visit (mean ``visit_minutes``) with only the
    baseline chance ``b``; the others wait ``lag_days[s] × persona_lag_scale`` with the chance
    ``1 - (1 - b) × Σ_g w_g exp(-g H_s)``. The mean over movers weights the two by those chances
    (multipliers common to both, such as campaigns and price, cancel). Rows: personas; columns as
    :func:`expected_rates`; at default spend, without censoring.
    """
    b = baseline_probability(cfg)
    sigma = np.asarray(cfg.same_visit_share, dtype=float)[None, :]
    a_days = (stay_factor(cfg) - sigma[0]) / np.where(sigma[0] < 1, 1 - sigma[0], 1.0)
    p_visit, p_days = b, 1.0 - (1.0 - b) * a_days[None, :]
    lag = np.outer([cfg.persona_lag_scale[p] for p in cfg.personas()], cfg.lag_days)
    minutes = cfg.visit_minutes / 1440.0
    num = sigma * p_visit * minutes + (1 - sigma) * p_days * lag
    den = sigma * p_visit + (1 - sigma) * p_days
    out = np.where(den > 0, num / np.where(den > 0, den, 1.0), np.nan)
    return pd.DataFrame(out, index=list(cfg.personas()), columns=_labels())


def expected_reach(cfg: SynthConfig) -> pd.Series:
    """Expected share of non-referred users reaching each step (index: the 8 steps), without censoring."""
    from journeykit.stages import CVJ_STEPS

    mix = np.array([cfg.persona_mix[p] for p in cfg.personas()])
    reach = np.cumprod(np.hstack([np.ones((len(mix), 1)), expected_rates(cfg).to_numpy()]), axis=1)
    return pd.Series(mix @ reach, index=list(CVJ_STEPS), name="reach")


def expected_k(cfg: SynthConfig) -> float:
    """The viral coefficient K the configuration implies, per *customer* (without censoring).

    ``K = (invites sent per customer) × invite_conversion``, where a customer is a non-referred
    user who reached convert, and invites per customer = P(promote | convert) × invites per
    promoter. Each customer thus brings K new (referred) users on average.
    """
    reach = expected_reach(cfg)
    if reach["convert"] == 0:
        return 0.0
    promoters_per_customer = reach["promote"] / reach["convert"]
    conversion = cfg.invite_conversion if cfg.scale("referral") > 0 else 0.0
    return float(promoters_per_customer * cfg.invites_per_promoter * conversion)


def poisson_cdf_table(lam: float, cap: int) -> np.ndarray:
    """CDF of Poisson(lam) at 0 .. cap-1 (for inverse-CDF draws that grow with lam)."""
    k = np.arange(cap)
    if lam <= 0:
        return np.ones(cap)
    logp = -lam + k * math.log(lam) - np.array([math.lgamma(i + 1) for i in k])
    return np.cumsum(np.exp(logp))
