"""The Gamma-Gamma model of monetary value (Fader, Hardie & Lee 2005b "RFM and CLV: using
iso-value curves"; Fader & Hardie 2013, "The Gamma-Gamma model of monetary value").

**The story.** Each purchase of a customer is worth a Gamma(p, ν) amount (shape p, rate ν), so
their mean spend is p/ν; ν differs between customers, Gamma(q, γ) distributed. The mean
``m`` of a customer's ``x`` repeat purchases then has the density (in logs, what the code sums)::

    log f(m | x) = lnΓ(px+q) - lnΓ(px) - lnΓ(q) + q ln γ + (px-1) ln m + px ln x
                   - (px+q) ln(γ + m x)

and the expected value of their next purchase is a weighted average of the population mean
``pγ/(q-1)`` and their own mean ``m``, the weight on their own rising with ``x``::

    E[M | m, x] = (q-1)/(px+q-1) · pγ/(q-1) + px/(px+q-1) · m = p(γ + m x) / (px + q - 1)

The model assumes spend does not depend on how often a customer buys (check the correlation of
``frequency`` and ``monetary_value`` among repeat buyers). It is fitted to the repeat buyers
(``frequency > 0``); a customer with no repeat purchase gets the population mean.

>>> gg = GammaGammaFit(p=6.25, q=3.74, gamma=15.44)
>>> rfm = pd.DataFrame({"frequency": [2.0, 0.0], "monetary_value": [22.35, 0.0]})
>>> gg.expected_order_value(rfm).round(2).tolist()
[24.66, 35.22]
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import special

from journeykit.errors import SchemaError, ValidationError
from journeykit.value.mle import DegenerateFitWarning, maximize_log_parameters, positive
from journeykit.value.rfm import check_rfm

_FIXED_SPEND = 1e4
"""Above this p, one purchase's spend varies by less than 1 % around the customer's mean."""

__all__ = ["GammaGammaFit", "fit_gamma_gamma", "gamma_gamma_log_likelihood"]


def _spend(rfm: object, *, repeat_only: bool) -> tuple[pd.Index, np.ndarray, np.ndarray]:
    df = check_rfm(rfm, columns=("frequency", "monetary_value"))
    x = df["frequency"].to_numpy(dtype=float)
    m = df["monetary_value"].to_numpy(dtype=float)
    bad = (x > 0) & (m <= 0)
    if bad.any():
        raise SchemaError(
            "rfm",
            "monetary_value",
            "expected spend > 0 for customers with repeat purchases (the Gamma-Gamma model "
            "needs positive order values; drop refunds and free orders first)",
            list(df.index[bad][:10]),
        )
    if repeat_only:
        keep = x > 0
        return df.index[keep], x[keep], m[keep]
    return df.index, x, m


def _loglik(p: float, q: float, g: float, x: np.ndarray, m: np.ndarray) -> np.ndarray:
    px = p * x
    return (
        special.gammaln(px + q)
        - special.gammaln(px)
        - special.gammaln(q)
        + q * math.log(g)
        + (px - 1) * np.log(m)
        + px * np.log(x)
        - (px + q) * np.log(g + m * x)
    )


def _loglik_grad(theta: np.ndarray, x: np.ndarray, m: np.ndarray) -> tuple[float, np.ndarray]:
    p, q, g = np.exp(theta)
    px = p * x
    log_gmx = np.log(g + m * x)
    dig = special.digamma(px + q)
    d_p = x * (dig - special.digamma(px) + np.log(m) + np.log(x) - log_gmx)
    d_q = dig - special.digamma(q) + math.log(g) - log_gmx
    d_g = q / g - (px + q) / (g + m * x)
    grad = np.array([d_p.sum(), d_q.sum(), d_g.sum()]) * np.array([p, q, g])
    return float(_loglik(p, q, g, x, m).sum()), grad


def gamma_gamma_log_likelihood(rfm: pd.DataFrame, *, p: float, q: float, gamma: float) -> pd.Series:
    """Each repeat buyer's Gamma-Gamma log-likelihood (natural log; density of their mean
    repeat spend), by ``user_id``; customers with ``frequency == 0`` are left out.

    >>> rfm = pd.DataFrame({"frequency": [1.0], "monetary_value": [1.0]})
    >>> round(float(gamma_gamma_log_likelihood(rfm, p=1, q=1, gamma=1).iloc[0]), 6)  # 1/(1+m)^2
    -1.386294
    """
    idx, x, m = _spend(rfm, repeat_only=True)
    p, q, g = positive("p", p), positive("q", q), positive("gamma", gamma)
    return pd.Series(_loglik(p, q, g, x, m), index=idx, name="log_likelihood")


@dataclass(frozen=True, kw_only=True)
class GammaGammaFit:
    """A fitted (or given) Gamma-Gamma model, money in the data's currency.

    ``p``: shape of the spend per purchase; ``q``, ``gamma``: shape and rate of its
    across-customer rate parameter; ``log_likelihood`` at the optimum; ``n_customers``: repeat
    buyers fitted to; ``degenerate``: why the fit is degenerate (empty for a good fit).
    """

    p: float
    q: float
    gamma: float
    log_likelihood: float = math.nan
    n_customers: int = 0
    degenerate: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for name in ("p", "q", "gamma"):
            object.__setattr__(self, name, positive(name, getattr(self, name)))

    @property
    def params(self) -> dict[str, float]:
        """``{"p": ..., "q": ..., "gamma": ...}``."""
        return {"p": self.p, "q": self.q, "gamma": self.gamma}

    @property
    def mean_order_value(self) -> float:
        """Population mean spend per purchase ``p·gamma/(q-1)`` (infinite when ``q <= 1``)."""
        return self.p * self.gamma / (self.q - 1) if self.q > 1 else math.inf

    def expected_order_value(self, rfm: pd.DataFrame) -> pd.Series:
        """Expected value of each customer's next purchase, ``p(γ + m x)/(px + q - 1)``
        (currency units), by ``user_id``; the population mean for ``frequency == 0``."""
        idx, x, m = _spend(rfm, repeat_only=False)
        px = self.p * x
        denom = px + self.q - 1
        with np.errstate(divide="ignore", invalid="ignore"):
            ev = np.where(x > 0, self.p * (self.gamma + m * x) / denom, self.mean_order_value)
        return pd.Series(ev, index=idx, name="expected_order_value")


def fit_gamma_gamma(rfm: pd.DataFrame) -> GammaGammaFit:
    """Fit the Gamma-Gamma model by maximum likelihood to the repeat buyers of an RFM table
    (``frequency`` and ``monetary_value``; from :func:`~journeykit.value.rfm_summary`).

    Searches log-parameters with an analytic gradient from p = 1, q = 2 and γ matching the mean
    spend; a degenerate fit warns (:class:`~journeykit.value.mle.DegenerateFitWarning`). Refuses
    non-positive spend of a repeat buyer, naming the rows.

    >>> rng = np.random.default_rng(0)
    >>> nu = rng.gamma(4.0, 1 / 20.0, size=20000)          # q = 4, gamma = 20
    >>> x = rng.integers(1, 6, size=20000)
    >>> m = rng.gamma(3.0 * x, 1 / (nu * x))               # p = 3: mean of x Gamma(3, nu) spends
    >>> fit = fit_gamma_gamma(pd.DataFrame({"frequency": x, "monetary_value": m}))
    >>> round(fit.p), round(fit.q)
    (3, 4)
    """
    _, x, m = _spend(rfm, repeat_only=True)
    if x.size < 2:
        raise ValidationError("rfm.frequency", "at least two customers with repeat purchases")
    theta0 = np.log([1.0, 2.0, float(np.mean(m))])
    res = maximize_log_parameters(
        lambda th: _loglik_grad(th, x, m), theta0, ("p", "q", "gamma"), model="Gamma-Gamma"
    )
    p, q, g = (float(v) for v in np.exp(res.theta))
    reasons = res.degenerate
    if p > _FIXED_SPEND:
        fixed = (
            f"p runs off (p = {p:.3g}): a customer's spend hardly varies from one purchase to "
            "the next (fixed prices?), so each customer's own mean is all the model has"
        )
        warnings.warn(f"Gamma-Gamma fit is degenerate: {fixed}", DegenerateFitWarning, stacklevel=2)
        reasons = (*reasons, fixed)
    return GammaGammaFit(
        p=p,
        q=q,
        gamma=g,
        log_likelihood=res.log_likelihood,
        degenerate=reasons,
        n_customers=x.size,
    )
