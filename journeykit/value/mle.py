"""Maximum likelihood on log-parameters, shared by the BG/NBD and Gamma-Gamma fits.

Every parameter of these models is positive, so the search runs over their logarithms
(no constraint to violate, better-shaped surface) with scipy's L-BFGS-B and an analytic
gradient. After the search three things make a fit **degenerate**, and each raises a
:class:`DegenerateFitWarning` naming the parameter:

* the optimum sits on the search box (a log-parameter within 0.01 of ``±LOG_BOUND``): the data
  push a parameter towards 0 or infinity, e.g. no heterogeneity at all;
* the likelihood is flat in some direction: the observed information (the Hessian of the
  negative log-likelihood in log-parameters, by central differences of the gradient) is not
  positive definite, or a log-parameter's standard error exceeds ``FLAT_SE``;
* the optimiser did not converge (it stopped with a gradient that is not ~0).

>>> import numpy as np
>>> def f(theta):   # a normal log-likelihood of log(mu) = 1, its gradient
...     return -0.5 * (theta[0] - 1.0) ** 2 * 100, np.array([-(theta[0] - 1.0) * 100])
>>> res = maximize_log_parameters(f, [0.0], ("mu",))
>>> round(float(res.theta[0]), 6), res.degenerate
(1.0, ())
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import optimize

from journeykit.errors import ValidationError

__all__ = [
    "positive",
    "DegenerateFitWarning",
    "MLEResult",
    "maximize_log_parameters",
    "LOG_BOUND",
    "FLAT_SE",
]

LOG_BOUND = 15.0
"""Log-parameters are searched in [-LOG_BOUND, LOG_BOUND] (parameters from 3e-7 to 3.3e6)."""

FLAT_SE = 5.0
"""A log-parameter whose standard error exceeds this is called poorly identified (a factor e^5)."""


def positive(name: str, value: object) -> float:
    """``value`` as a float if it is a finite number > 0, else a :class:`ValidationError`
    naming ``name`` (model parameters, lengths of time).

    >>> positive("alpha", "2")
    2.0
    >>> positive("alpha", 0)
    Traceback (most recent call last):
    ...
    journeykit.errors.ValidationError: alpha: expected a number > 0, got 0
    """
    try:
        v = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise ValidationError(name, "a number > 0", got=repr(value)) from None
    if not (math.isfinite(v) and v > 0):
        raise ValidationError(name, "a number > 0", got=repr(value))
    return v


class DegenerateFitWarning(UserWarning):
    """A maximum-likelihood fit whose optimum is on a bound, flat, or not converged."""


@dataclass(frozen=True)
class MLEResult:
    """Where the search ended: ``theta`` (log-parameters), the log-likelihood there, whether the
    optimiser converged, the log-parameters' standard errors (``nan`` when the information is
    singular) and the reasons the fit is degenerate (empty when it is not)."""

    theta: np.ndarray
    log_likelihood: float
    converged: bool
    std_errors: np.ndarray
    degenerate: tuple[str, ...]


def _hessian(
    grad: Callable[[np.ndarray], np.ndarray], theta: np.ndarray, g0: np.ndarray
) -> np.ndarray:
    """Forward differences of the gradient ``grad`` (``g0`` = its value at ``theta``)."""
    k = theta.size
    h = 1e-5
    out = np.empty((k, k))
    for i in range(k):
        step = np.zeros(k)
        step[i] = h
        out[i] = (grad(theta + step) - g0) / h
    return 0.5 * (out + out.T)


def maximize_log_parameters(
    loglik: Callable[[np.ndarray], tuple[float, np.ndarray]],
    theta0: Sequence[float],
    names: Sequence[str],
    *,
    model: str = "model",
) -> MLEResult:
    """Maximise ``loglik(theta) -> (log-likelihood, gradient)`` over log-parameters ``theta``.

    ``names`` are the parameters' names (for the warnings). Warns with
    :class:`DegenerateFitWarning` (see the module text) and returns an :class:`MLEResult`.
    """
    theta0 = np.asarray(theta0, dtype=float)
    scale = max(abs(loglik(theta0)[0]), 1.0)

    def fun(theta: np.ndarray) -> tuple[float, np.ndarray]:
        ll, g = loglik(theta)
        if not np.isfinite(ll):
            return 1e10, np.zeros_like(theta)
        return -ll / scale, -np.asarray(g, dtype=float) / scale

    res = optimize.minimize(
        fun,
        np.clip(theta0, -LOG_BOUND + 1, LOG_BOUND - 1),
        jac=True,
        method="L-BFGS-B",
        bounds=[(-LOG_BOUND, LOG_BOUND)] * theta0.size,
        options={"maxiter": 2000, "ftol": 1e-12, "gtol": 1e-8},
    )
    theta = np.asarray(res.x, dtype=float)
    ll, g0 = loglik(theta)
    ll, g0 = float(ll), np.asarray(g0, dtype=float)
    # L-BFGS-B can stop "abnormally" in the line search when the optimum is already found to
    # machine precision: converged if the gradient (per customer, away from the bounds) is ~0
    free = np.abs(theta) < LOG_BOUND - 0.01
    converged = bool(res.success) or bool(np.all(np.abs(g0[free]) / scale < 1e-6))
    reasons: list[str] = []
    on_bound = [n for n, v in zip(names, theta, strict=True) if abs(v) > LOG_BOUND - 0.01]
    if on_bound:
        reasons.append(
            f"optimum on the search bound for {', '.join(on_bound)} (a parameter runs to 0 or "
            "infinity: the data do not support this model's heterogeneity)"
        )
    info = -_hessian(lambda th: np.asarray(loglik(th)[1], dtype=float), theta, g0)
    try:
        eig = np.linalg.eigvalsh(info)
        cov = np.linalg.inv(info) if eig.min() > 0 else None
    except np.linalg.LinAlgError:
        cov = None
    se = np.sqrt(np.clip(np.diag(cov), 0, None)) if cov is not None else np.full(theta.size, np.nan)
    if not on_bound:
        flat = [n for n, s in zip(names, se, strict=True) if not np.isfinite(s) or s > FLAT_SE]
        if flat:
            reasons.append(f"flat likelihood: {', '.join(flat)} poorly identified by the data")
    if not converged:
        reasons.append(f"the optimiser did not converge ({res.message})")
    for reason in reasons:
        warnings.warn(f"{model} fit is degenerate: {reason}", DegenerateFitWarning, stacklevel=3)
    return MLEResult(theta, ll, converged, se, tuple(reasons))
