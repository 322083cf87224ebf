"""The BG/NBD model (Fader, Hardie & Lee 2005, "Counting your customers the easy way"):
how many purchases a customer will still make, and the chance they are still a customer.

**The story.** While a customer is *alive* they buy at random with rate λ per period (a Poisson
process); λ differs between customers, Gamma(r, α) distributed (shape r, rate α). After every
purchase they may drop out for good, with probability p; p differs between customers,
Beta(a, b) distributed. Nobody sees the drop-out: a quiet customer may be gone or just slow.

**The likelihood** of one customer with ``frequency`` x, ``recency`` t_x and age ``T``
(the paper's equation 6), computed in logs::

    L = B(a, b+x)/B(a, b) · Γ(r+x) α^r / (Γ(r) (α+T)^(r+x))
        + [x > 0] · B(a+1, b+x-1)/B(a, b) · Γ(r+x) α^r / (Γ(r) (α+t_x)^(r+x))

**P(alive)** (Fader, Hardie & Lee 2008, "Computing P(alive) using the BG/NBD model")::

    P(alive | x, t_x, T) = 1 / (1 + [x > 0] · a/(b+x-1) · ((α+T)/(α+t_x))^(r+x))

**Expected purchases** of a new customer in (0, t] (equation 9) and of a customer with history
(x, t_x, T) in the next t periods (equation 10), with ₂F₁ the Gaussian hypergeometric function::

    E[X(t)] = (a+b-1)/(a-1) · [1 - (α/(α+t))^r ₂F₁(r, b; a+b-1; t/(α+t))]
    E[Y(t) | x, t_x, T] = (a+b+x-1)/(a-1)
        · [1 - ((α+T)/(α+T+t))^(r+x) ₂F₁(r+x, b+x; a+b+x-1; t/(α+T+t))] / (1 + [x>0] ...)

The code evaluates the bracket through Euler's transformation
``(1-z)^A ₂F₁(A, B; C; z) = (1-z)^(C-B) ₂F₁(C-A, B'...)``, precisely
``(1-z)^(r+x) ₂F₁(r+x, b+x; c; z) = (1-z)^(a-1) ₂F₁(c-r-x, a-1; c; z)`` with c = a+b+x-1,
whose parameters stay small when x is large (the series converges fast and nothing overflows).
The formulas divide by a-1: at a = 1 exactly the code uses a = 1 + 1e-9. When a + b exceeds
2,000 (or scipy's ₂F₁ gives no finite number) (a fit where everyone has the same drop-out probability p = a/(a+b), so a and b run off
together) the limits are used: ``E[Y(t)] = P(alive) · (1 - ((α+T)/(α+T+pt))^(r+x)) / p`` and
``E[X(t)] = (1 - (α/(α+pt))^r) / p``.

Time is in the RFM table's periods (weeks from :func:`~journeykit.value.rfm_summary` by default).

>>> fit = BGNBDFit(r=0.243, alpha=4.414, a=0.793, b=2.426)
>>> rfm = pd.DataFrame({"frequency": [2.0, 0.0], "recency": [30.43, 0.0], "T": [38.86, 38.86]})
>>> fit.p_alive(rfm).round(3).tolist()
[0.727, 1.0]
>>> fit.expected_purchases(rfm, 39).round(3).tolist()
[1.226, 0.195]
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import special

from journeykit.errors import ValidationError
from journeykit.value.mle import DegenerateFitWarning, maximize_log_parameters, positive
from journeykit.value.rfm import check_rfm

_SPIKE = 2e3
"""Above this a + b, the Beta(a, b) drop-out distribution is treated as a spike at a / (a + b)."""

__all__ = [
    "BGNBDFit",
    "fit_bgnbd",
    "bgnbd_log_likelihood",
    "simulate_bgnbd",
]


def _horizon(horizon: object) -> float:
    try:
        h = float(horizon)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise ValidationError("horizon", "a number of periods >= 0", got=repr(horizon)) from None
    if not (math.isfinite(h) and h >= 0):
        raise ValidationError("horizon", "a number of periods >= 0", got=repr(horizon))
    return h


def _arrays(rfm: object) -> tuple[pd.Index, np.ndarray, np.ndarray, np.ndarray]:
    df = check_rfm(rfm)
    return (
        df.index,
        df["frequency"].to_numpy(dtype=float),
        df["recency"].to_numpy(dtype=float),
        df["T"].to_numpy(dtype=float),
    )


def _terms(
    r: float, alpha: float, a: float, b: float, x: np.ndarray, tx: np.ndarray, T: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """log of the common factor, of the 'still alive' and the 'dropped after t_x' terms."""
    rep = x > 0
    base = special.gammaln(r + x) - special.gammaln(r) + r * math.log(alpha)
    beta_ab = special.betaln(a, b)
    t1 = special.betaln(a, b + x) - beta_ab - (r + x) * np.log(alpha + T)
    t2 = np.full_like(x, -np.inf)
    xr = x[rep]
    t2[rep] = special.betaln(a + 1, b + xr - 1) - beta_ab - (r + xr) * np.log(alpha + tx[rep])
    return base, t1, t2, rep


def _loglik_grad(
    theta: np.ndarray,
    tx: np.ndarray,
    T: np.ndarray,
    w: np.ndarray,
    xs: np.ndarray,
    inv: np.ndarray,
) -> tuple[float, np.ndarray]:
    """Total log-likelihood and its gradient in log-parameters; frequencies given as their
    distinct values ``xs`` and ``inv`` (x = xs[inv]), so the special functions run once per
    distinct frequency, not once per customer."""
    r, alpha, a, b = np.exp(theta)
    rep_s = xs > 0
    bx1 = np.where(rep_s, b + xs - 1, 1.0)
    gl_abx = special.gammaln(a + b + xs)
    beta_ab = special.betaln(a, b)
    # per distinct frequency: the x-only parts of the three log terms and of their derivatives
    base_s = special.gammaln(r + xs) - special.gammaln(r) + r * math.log(alpha)
    k1_s = special.gammaln(a) + special.gammaln(b + xs) - gl_abx - beta_ab
    k2_s = np.where(
        rep_s, special.gammaln(a + 1) + special.gammaln(bx1) - gl_abx - beta_ab, -np.inf
    )
    dig_ab, dig_b = special.digamma(a + b), special.digamma(b)
    dig_abx = special.digamma(a + b + xs)
    dr_s = special.digamma(r + xs) - special.digamma(r) + math.log(alpha)
    da1_s = dig_ab - dig_abx
    da2_s = special.digamma(a + 1) - special.digamma(a) + da1_s
    db1_s = special.digamma(b + xs) - dig_abx - dig_b + dig_ab
    db2_s = special.digamma(bx1) - dig_abx - dig_b + dig_ab
    x = xs[inv]
    rx = r + x
    log_at, log_atx = np.log(alpha + T), np.log(alpha + tx)
    t1 = k1_s[inv] - rx * log_at
    t2 = k2_s[inv] - rx * log_atx
    mix = np.logaddexp(t1, t2)
    ll = float(np.dot(w, base_s[inv] + mix))
    w1 = w * np.exp(t1 - mix)
    w2 = w * np.exp(t2 - mix)  # 0 where x == 0
    d_r = np.dot(w, dr_s[inv]) - np.dot(w1, log_at) - np.dot(w2, log_atx)
    d_alpha = r / alpha * w.sum() - np.dot(w1, rx / (alpha + T)) - np.dot(w2, rx / (alpha + tx))
    d_a = np.dot(w1, da1_s[inv]) + np.dot(w2, da2_s[inv])
    d_b = np.dot(w1, db1_s[inv]) + np.dot(w2, db2_s[inv])
    return ll, np.array([d_r, d_alpha, d_a, d_b]) * np.array([r, alpha, a, b])


def bgnbd_log_likelihood(
    rfm: pd.DataFrame, *, r: float, alpha: float, a: float, b: float
) -> pd.Series:
    """Each customer's BG/NBD log-likelihood (equation 6 of the paper, natural log), by ``user_id``.

    >>> rfm = pd.DataFrame({"frequency": [0.0], "recency": [0.0], "T": [10.0]})
    >>> round(float(bgnbd_log_likelihood(rfm, r=1, alpha=1, a=1, b=1).iloc[0]), 6)  # 1/(1+T)
    -2.397895
    """
    idx, x, tx, T = _arrays(rfm)
    r, alpha, a, b = (
        positive(n, v) for n, v in zip(("r", "alpha", "a", "b"), (r, alpha, a, b), strict=True)
    )
    base, t1, t2, _ = _terms(r, alpha, a, b, x, tx, T)
    return pd.Series(base + np.logaddexp(t1, t2), index=idx, name="log_likelihood")


@dataclass(frozen=True, kw_only=True)
class BGNBDFit:
    """A fitted (or given) BG/NBD model; time in the periods of the RFM table it was fitted to.

    ``r``, ``alpha``: shape and rate of the Gamma distribution of purchase rates (mean rate
    ``r / alpha`` purchases per period while alive); ``a``, ``b``: the Beta distribution of the
    drop-out probability after each purchase (mean ``a / (a + b)``); ``log_likelihood`` at the
    optimum (``nan`` for a model given by hand); ``n_customers`` fitted to; ``degenerate``: why
    the fit is degenerate (the texts of its warnings; empty for a good fit).
    """

    r: float
    alpha: float
    a: float
    b: float
    log_likelihood: float = math.nan
    n_customers: int = 0
    degenerate: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for name in ("r", "alpha", "a", "b"):
            object.__setattr__(self, name, positive(name, getattr(self, name)))

    @property
    def params(self) -> dict[str, float]:
        """``{"r": ..., "alpha": ..., "a": ..., "b": ...}``."""
        return {"r": self.r, "alpha": self.alpha, "a": self.a, "b": self.b}

    @property
    def _a(self) -> float:
        return self.a if abs(self.a - 1.0) > 1e-9 else 1.0 + 1e-9

    def _log_odds_dead(self, x: np.ndarray, tx: np.ndarray, T: np.ndarray) -> np.ndarray:
        """log of a/(b+x-1) · ((α+T)/(α+t_x))^(r+x); -inf where x == 0."""
        out = np.full_like(x, -np.inf)
        rep = x > 0
        xr = x[rep]
        out[rep] = (
            math.log(self.a)
            - np.log(self.b + xr - 1)
            + (self.r + xr) * (np.log(self.alpha + T[rep]) - np.log(self.alpha + tx[rep]))
        )
        return out

    def p_alive(self, rfm: pd.DataFrame) -> pd.Series:
        """Probability (0-1) that each customer is still alive at ``T``, by ``user_id``."""
        idx, x, tx, T = _arrays(rfm)
        return pd.Series(special.expit(-self._log_odds_dead(x, tx, T)), index=idx, name="p_alive")

    def expected_purchases(self, rfm: pd.DataFrame, horizon: float) -> pd.Series:
        """Expected purchases of each customer in the next ``horizon`` periods after ``T``,
        given their history (equation 10), by ``user_id``."""
        idx, x, tx, T = _arrays(rfm)
        return pd.Series(
            self._conditional(x, tx, T, _horizon(horizon)), index=idx, name="expected_purchases"
        )

    def expected_purchases_curve(self, rfm: pd.DataFrame, periods: int) -> np.ndarray:
        """Cumulative expected purchases after ``T`` at 0, 1, ..., ``periods`` periods: an array
        of shape (periods + 1, customers), row ``k`` = :meth:`expected_purchases` at ``k``
        (the table is checked once)."""
        if isinstance(periods, bool) or not isinstance(periods, int | np.integer) or periods < 0:
            raise ValidationError("periods", "a whole number >= 0", got=repr(periods))
        _, x, tx, T = _arrays(rfm)
        return np.stack([self._conditional(x, tx, T, float(k)) for k in range(int(periods) + 1)])

    @property
    def _limit(self) -> bool:
        """True when a + b is so large that the drop-out probability is the same for everyone
        (the Beta distribution is a spike at a / (a + b)); the limit formulas are used then."""
        return self.a + self.b > _SPIKE

    def _conditional(self, x: np.ndarray, tx: np.ndarray, T: np.ndarray, t: float) -> np.ndarray:
        if t == 0:
            return np.zeros_like(x)
        r, alpha, a, b = self.r, self.alpha, self._a, self.b
        alive = special.expit(-self._log_odds_dead(x, tx, T))
        # every customer drops out with the same p after each purchase: given rate lam,
        # E[purchases in t] = (1 - exp(-lam p t)) / p; averaged over lam ~ Gamma(r+x, alpha+T)
        p = a / (a + b)
        spike = alive * (1 - ((alpha + T) / (alpha + T + p * t)) ** (r + x)) / p
        if self._limit:
            return spike
        c = a + b + x - 1
        z = t / (alpha + T + t)
        with np.errstate(invalid="ignore", over="ignore"):
            bracket = 1 - (1 - z) ** (a - 1) * special.hyp2f1(c - r - x, a - 1, c, z)
        out = (c / (a - 1)) * bracket * alive
        return np.where(np.isfinite(out), out, spike)

    def expected_purchases_new(self, horizon: float) -> float:
        """Expected purchases of a new customer in their first ``horizon`` periods (equation 9;
        repeat purchases after the first one, like ``frequency``)."""
        t = _horizon(horizon)
        r, alpha, a, b = self.r, self.alpha, self._a, self.b
        if self._limit:
            p = a / (a + b)
            return float((1 - (alpha / (alpha + p * t)) ** r) / p)
        z = t / (alpha + t)
        f = special.hyp2f1(r, b, a + b - 1, z)
        return float((a + b - 1) / (a - 1) * (1 - (alpha / (alpha + t)) ** r * f))


def fit_bgnbd(rfm: pd.DataFrame) -> BGNBDFit:
    """Fit the BG/NBD model by maximum likelihood to an RFM table (``frequency``, ``recency``,
    ``T``; from :func:`~journeykit.value.rfm_summary` or your own).

    Customers with the same (frequency, recency, T) are counted once with a weight, so a table
    of day-level data with many identical rows fits fast. The search runs over the parameters'
    logarithms with an analytic gradient (:mod:`journeykit.value.mle`), starting from r = 1,
    a = b = 1 and α matching the average purchase rate; a degenerate fit warns
    (:class:`~journeykit.value.mle.DegenerateFitWarning`).

    >>> rng = np.random.default_rng(1)
    >>> sim = simulate_bgnbd(5000, T=52, r=0.8, alpha=6.0, a=0.6, b=2.5, seed=1)
    >>> fit = fit_bgnbd(sim)
    >>> round(fit.r, 1), round(fit.a, 1)
    (0.8, 0.6)
    """
    _, x, tx, T = _arrays(rfm)
    if x.size == 0:
        raise ValidationError("rfm", "at least one customer", got="an empty table")
    if not (x > 0).any():
        raise ValidationError(
            "rfm.frequency", "some repeat purchases to fit (every frequency is 0)"
        )
    w = np.ones_like(x)
    # identical rows (day-level data) are fitted once with a weight; continuous recencies
    # (mostly distinct) are not worth the sort
    if pd.unique(tx).size < 0.7 * x.size:
        uniq, counts = np.unique(np.column_stack([x, tx, T]), axis=0, return_counts=True)
        if uniq.shape[0] < 0.7 * x.size:
            x, tx, T = uniq[:, 0], uniq[:, 1], uniq[:, 2]
            w = counts.astype(float)
    rate = float(np.dot(w, x) / max(np.dot(w, T), 1e-9))
    theta0 = np.log([1.0, 1.0 / max(rate, 1e-6), 1.0, 1.0])
    xs, inv = np.unique(x, return_inverse=True)
    res = maximize_log_parameters(
        lambda th: _loglik_grad(th, tx, T, w, xs, inv),
        theta0,
        ("r", "alpha", "a", "b"),
        model="BG/NBD",
    )
    r, alpha, a, b = (float(v) for v in np.exp(res.theta))
    reasons = res.degenerate
    if a + b > _SPIKE:
        # a ridge: a and b grow together at a fixed a/(a+b), the likelihood hardly changes
        spike = (
            f"a and b run off together (a + b = {a + b:.3g}): every customer has the same "
            f"drop-out probability {a / (a + b):.3f}, there is no spread to estimate"
        )
        warnings.warn(f"BG/NBD fit is degenerate: {spike}", DegenerateFitWarning, stacklevel=2)
        reasons = (*reasons, spike)
    return BGNBDFit(
        r=r,
        alpha=alpha,
        a=a,
        b=b,
        log_likelihood=res.log_likelihood,
        degenerate=reasons,
        n_customers=int(w.sum()),
    )


def simulate_bgnbd(
    n: int,
    *,
    T: float,
    r: float,
    alpha: float,
    a: float,
    b: float,
    horizon: float = 0.0,
    seed: int = 42,
) -> pd.DataFrame:
    """Draw ``n`` customers from the BG/NBD story, each observed for ``T`` periods after their
    first purchase (plus ``horizon`` holdout periods); returns an RFM table (``frequency``,
    ``recency``, ``T``, and with ``horizon > 0`` ``frequency_holdout``), index ``user_id`` 0..n-1.

    Vectorised (no per-customer loop): purchase rates and drop-out probabilities are drawn from
    their Gamma and Beta distributions, a Poisson number of event times uniform on the window,
    and each customer keeps the first (geometric) number of them they live for.

    >>> sim = simulate_bgnbd(3, T=10, r=1, alpha=1, a=1, b=1, seed=0)
    >>> list(sim.columns), bool((sim["recency"] <= sim["T"]).all())
    (['frequency', 'recency', 'T'], True)
    """
    if not isinstance(n, int | np.integer) or n < 1:
        raise ValidationError("n", "a whole number of customers >= 1", got=repr(n))
    T = positive("T", T)
    r, alpha, a, b = (
        positive(k, v) for k, v in zip(("r", "alpha", "a", "b"), (r, alpha, a, b), strict=True)
    )
    h = _horizon(horizon)
    rng = np.random.default_rng(seed)
    lam = rng.gamma(r, 1.0 / alpha, size=n)
    p = np.clip(rng.beta(a, b, size=n), 1e-12, 1.0)
    # repeat purchases the customer makes at most: right after each repeat purchase (not the
    # first purchase at time 0) they drop out with probability p -> geometric 1, 2, 3, ...
    life = rng.geometric(p)
    # alive or not, a Poisson process of rate lam on [0, T + h]: N events at sorted uniform
    # times; the customer makes the first min(N, life) of them
    end = T + h
    n_events = rng.poisson(lam * end)
    rows = np.repeat(np.arange(n), n_events)
    times = rng.uniform(0.0, end, size=rows.size)
    order = np.lexsort((times, rows))
    rows, times = rows[order], times[order]
    rank = np.arange(rows.size) - np.repeat(np.cumsum(n_events) - n_events, n_events)
    keep = rank < life[rows]
    rows, times = rows[keep], times[keep]
    in_cal = times <= T
    freq = np.bincount(rows[in_cal], minlength=n).astype(float)
    rec = np.zeros(n)
    np.maximum.at(rec, rows[in_cal], times[in_cal])
    out = pd.DataFrame({"frequency": freq, "recency": rec, "T": np.full(n, T)})
    if h > 0:
        out["frequency_holdout"] = np.bincount(rows[~in_cal], minlength=n).astype(float)
    out.index.name = "user_id"
    return out
