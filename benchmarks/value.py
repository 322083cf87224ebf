"""Benchmark: fitting the BG/NBD model to 10k, 100k and 1M customers, journeykit vs lifetimes
and vs the plain scipy way.

Customers are drawn from the BG/NBD story with known parameters (r = 0.8, alpha = 6, a = 0.6,
b = 2.5, everyone observed for 52 weeks; :func:`journeykit.value.simulate_bgnbd`, seeded), so
each fit's distance from the truth is shown next to its time. Recency is continuous, so no two
customers share a row and journeykit's compression of identical rows does not help here (real
day-level data compress a lot). Measured, each on the same table in the same process:

* ``journeykit``: :func:`journeykit.value.fit_bgnbd` (L-BFGS-B on log-parameters, analytic
  gradient, plus the degenerate-fit check);
* ``plain_scipy``: the textbook way, ``scipy.optimize.minimize(method="Nelder-Mead")`` on the
  same vectorised log-likelihood over log-parameters, no gradient;
* ``lifetimes``: ``lifetimes.BetaGeoFitter().fit`` (0.11.3, autograd gradient), when it
  imports (it is not a journeykit dependency: ``pip install lifetimes`` to include it).

Run: ``.venv/bin/python benchmarks/value.py [--sizes 10000 100000 1000000]``.
"""

from __future__ import annotations

import argparse
import os
import time
import warnings

import numpy as np
from scipy import optimize, special

from journeykit.value import fit_bgnbd, simulate_bgnbd

TRUTH = {"r": 0.8, "alpha": 6.0, "a": 0.6, "b": 2.5}


def plain_scipy(x: np.ndarray, tx: np.ndarray, T: np.ndarray) -> dict[str, float]:
    def nll(theta: np.ndarray) -> float:
        r, alpha, a, b = np.exp(theta)
        base = special.gammaln(r + x) - special.gammaln(r) + r * np.log(alpha)
        t1 = special.betaln(a, b + x) - special.betaln(a, b) - (r + x) * np.log(alpha + T)
        t2 = np.where(
            x > 0,
            special.betaln(a + 1, np.maximum(b + x - 1, 1e-12))
            - special.betaln(a, b)
            - (r + x) * np.log(alpha + tx),
            -np.inf,
        )
        return -float(np.sum(base + np.logaddexp(t1, t2)))

    res = optimize.minimize(
        nll,
        np.zeros(4),
        method="Nelder-Mead",
        options={"maxiter": 4000, "xatol": 1e-6, "fatol": 1e-6},
    )
    return dict(zip(("r", "alpha", "a", "b"), np.exp(res.x), strict=True))


def lifetimes_fit(x: np.ndarray, tx: np.ndarray, T: np.ndarray) -> dict[str, float] | None:
    try:
        from lifetimes import BetaGeoFitter
    except Exception:  # noqa: BLE001 - not installed, or does not import on this pandas
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fit = BetaGeoFitter().fit(x, tx, T)
    return {k: float(fit.params_[k]) for k in ("r", "alpha", "a", "b")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument(
        "--tools",
        nargs="+",
        default=["journeykit", "plain_scipy", "lifetimes"],
        choices=["journeykit", "plain_scipy", "lifetimes"],
        help="which fits to time (default: all three; journeykit is the ratios' base)",
    )
    args = parser.parse_args()
    print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"truth: {TRUTH}; T = 52 periods for everyone")
    head = f"{'customers':>10} {'tool':<12} {'seconds':>8} {'cpu_s':>7} {'cpu vs jk':>13}  max |rel. error| of r, alpha, a, b"
    print(head)
    print("-" * len(head))
    for n in args.sizes:
        rfm = simulate_bgnbd(n, T=52, **TRUTH, seed=1)
        x, tx, T = (rfm[c].to_numpy() for c in ("frequency", "recency", "T"))
        runs = {
            "journeykit": lambda rfm=rfm: fit_bgnbd(rfm).params,
            "plain_scipy": lambda x=x, tx=tx, T=T: plain_scipy(x, tx, T),
            "lifetimes": lambda x=x, tx=tx, T=T: lifetimes_fit(x, tx, T),
        }
        base = None
        for tool, run in runs.items():
            if tool not in args.tools:
                continue
            t0, c0 = time.perf_counter(), time.process_time()
            params = run()
            wall, cpu = time.perf_counter() - t0, time.process_time() - c0
            if params is None:
                print(f"{n:>10,} {tool:<12} {'(not importable: skipped)':>30}")
                continue
            base = base or cpu
            err = max(abs(params[k] / v - 1) for k, v in TRUTH.items())
            print(f"{n:>10,} {tool:<12} {wall:>8.2f} {cpu:>7.2f} {cpu / base:>12.1f}x  {err:.3f}")
    print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
