"""BG/NBD: P(alive) and expectations against the paper's closed forms worked independently here
(plain floats and a direct series for the hypergeometric function, not the module's route through
Euler's transformation and scipy), parameter recovery from simulated customers, invariants."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journeykit.errors import SchemaError, ValidationError
from journeykit.value import (
    BGNBDFit,
    DegenerateFitWarning,
    bgnbd_log_likelihood,
    fit_bgnbd,
    simulate_bgnbd,
)

CDNOW = {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}  # Fader, Hardie & Lee 2005


def hyp2f1_series(a: float, b: float, c: float, z: float, terms: int = 20000) -> float:
    """Gauss's series sum_k (a)_k (b)_k / (c)_k z^k / k!, for 0 <= z < 1."""
    total, term = 1.0, 1.0
    for k in range(terms):
        term *= (a + k) * (b + k) / ((c + k) * (k + 1)) * z
        total += term
        if abs(term) < 1e-17 * abs(total):
            break
    return total


def p_alive_by_hand(r, alpha, a, b, x, tx, T):
    if x == 0:
        return 1.0
    return 1.0 / (1.0 + a / (b + x - 1) * ((alpha + T) / (alpha + tx)) ** (r + x))


def conditional_by_hand(r, alpha, a, b, x, tx, T, t):
    """Equation 10 of Fader, Hardie & Lee (2005), term by term."""
    z = t / (alpha + T + t)
    f = hyp2f1_series(r + x, b + x, a + b + x - 1, z)
    num = (a + b + x - 1) / (a - 1) * (1 - ((alpha + T) / (alpha + T + t)) ** (r + x) * f)
    return num * p_alive_by_hand(r, alpha, a, b, x, tx, T)


def unconditional_by_hand(r, alpha, a, b, t):
    """Equation 9."""
    f = hyp2f1_series(r, b, a + b - 1, t / (alpha + t))
    return (a + b - 1) / (a - 1) * (1 - (alpha / (alpha + t)) ** r * f)


def loglik_by_hand(r, alpha, a, b, x, tx, T):
    """Equation 6, with the Beta and Gamma functions of the math module."""

    def beta(p, q):
        return math.exp(math.lgamma(p) + math.lgamma(q) - math.lgamma(p + q))

    common = math.exp(math.lgamma(r + x) - math.lgamma(r)) * alpha**r
    alive = beta(a, b + x) / beta(a, b) * common / (alpha + T) ** (r + x)
    dead = beta(a + 1, b + x - 1) / beta(a, b) * common / (alpha + tx) ** (r + x) if x else 0.0
    return math.log(alive + dead)


HISTORIES = [(0, 0.0, 38.86), (1, 1.71, 38.86), (2, 30.43, 38.86), (7, 35.0, 38.0), (25, 37.5, 39)]


@pytest.mark.parametrize(("x", "tx", "T"), HISTORIES)
def test_closed_forms_match_the_paper_at_the_cdnow_parameters(x, tx, T):
    fit = BGNBDFit(**CDNOW)
    rfm = pd.DataFrame({"frequency": [float(x)], "recency": [tx], "T": [T]})
    assert fit.p_alive(rfm).iloc[0] == pytest.approx(p_alive_by_hand(**CDNOW, x=x, tx=tx, T=T))
    for t in (1.0, 39.0, 104.0):
        assert fit.expected_purchases(rfm, t).iloc[0] == pytest.approx(
            conditional_by_hand(**CDNOW, x=x, tx=tx, T=T, t=t), rel=1e-9
        )
    assert bgnbd_log_likelihood(rfm, **CDNOW).iloc[0] == pytest.approx(
        loglik_by_hand(**CDNOW, x=x, tx=tx, T=T), rel=1e-12
    )


def test_the_papers_worked_example():
    # FHL 2005, section 4: a customer with x = 2, t_x = 30.43, T = 38.86 is expected to make
    # 1.226 purchases in the next 39 weeks
    rfm = pd.DataFrame({"frequency": [2.0], "recency": [30.43], "T": [38.86]})
    assert round(float(BGNBDFit(**CDNOW).expected_purchases(rfm, 39).iloc[0]), 3) == 1.226


@pytest.mark.parametrize("t", [0.5, 39.0, 78.0, 500.0])
def test_unconditional_expectation_equation_9(t):
    fit = BGNBDFit(**CDNOW)
    assert fit.expected_purchases_new(t) == pytest.approx(unconditional_by_hand(**CDNOW, t=t))


def test_large_frequencies_stay_finite_and_match_the_series():
    params = {"r": 2.0, "alpha": 3.0, "a": 1.7, "b": 5.0}
    x, tx, T = 400, 51.0, 52.0
    rfm = pd.DataFrame({"frequency": [float(x)], "recency": [tx], "T": [T]})
    fit = BGNBDFit(**params)
    got = float(fit.expected_purchases(rfm, 10).iloc[0])
    assert math.isfinite(got)
    assert got == pytest.approx(conditional_by_hand(**params, x=x, tx=tx, T=T, t=10), rel=1e-7)
    big = pd.DataFrame({"frequency": [5000.0], "recency": [51.0], "T": [52.0]})
    assert np.isfinite(bgnbd_log_likelihood(big, **params)).all()
    assert np.isfinite(fit.expected_purchases(big, 10)).all()


def test_simulation_mean_frequency_is_equation_9():
    truth = {"r": 0.8, "alpha": 6.0, "a": 0.6, "b": 2.5}
    sim = simulate_bgnbd(200_000, T=52, **truth, seed=3)
    expected = unconditional_by_hand(**truth, t=52)
    assert sim["frequency"].mean() == pytest.approx(expected, rel=0.02)


def test_fit_recovers_the_parameters_of_100k_simulated_customers():
    truth = {"r": 0.8, "alpha": 6.0, "a": 0.6, "b": 2.5}
    fit = fit_bgnbd(simulate_bgnbd(100_000, T=52, **truth, seed=11))
    for name, value in truth.items():
        assert getattr(fit, name) == pytest.approx(value, rel=0.1), name


def test_fit_is_a_maximum_of_the_by_hand_likelihood():
    sim = simulate_bgnbd(2000, T=30, r=1.2, alpha=4.0, a=0.9, b=3.0, seed=5)
    fit = fit_bgnbd(sim)
    rows = list(sim.itertuples(index=False))

    def total(**p):
        return sum(loglik_by_hand(**p, x=int(r.frequency), tx=r.recency, T=r.T) for r in rows)

    best = total(**fit.params)
    assert best == pytest.approx(fit.log_likelihood, rel=1e-9)
    for name in fit.params:
        for factor in (0.97, 1.03):
            moved = dict(fit.params, **{name: fit.params[name] * factor})
            assert total(**moved) < best


def test_degenerate_fit_warns():
    # identical customers: no heterogeneity to estimate, the Gamma shape runs off
    rfm = pd.DataFrame(
        {
            "frequency": [3.0] * 50 + [0.0] * 50,
            "recency": [20.0] * 50 + [0.0] * 50,
            "T": [30.0] * 100,
        }
    )
    with pytest.warns(DegenerateFitWarning, match="BG/NBD fit is degenerate"):
        fit_bgnbd(rfm)


def test_a_well_posed_fit_does_not_warn():
    sim = simulate_bgnbd(20_000, T=52, r=0.8, alpha=6.0, a=0.6, b=2.5, seed=2)
    with warnings.catch_warnings():
        warnings.simplefilter("error", DegenerateFitWarning)
        fit_bgnbd(sim)


@pytest.mark.parametrize(
    ("frame", "column", "row"),
    [
        ({"frequency": [1, -2], "recency": [3.0, 0.0], "T": [5.0, 5.0]}, "frequency", 1),
        ({"frequency": [1, 2], "recency": [3.0, 6.0], "T": [5.0, 5.0]}, "recency", 1),
        ({"frequency": [1, 0], "recency": [3.0, 2.0], "T": [5.0, 5.0]}, "recency", 1),
        ({"frequency": [1.5, 0], "recency": [3.0, 0.0], "T": [5.0, 5.0]}, "frequency", 0),
        ({"frequency": [1, 0], "recency": [3.0, None], "T": [5.0, 5.0]}, "recency", 1),
    ],
)
def test_bad_rfm_tables_are_refused_naming_column_and_rows(frame, column, row):
    with pytest.raises(SchemaError, match=rf"rfm\.{column}: .*\[rows {row}\]"):
        BGNBDFit(**CDNOW).p_alive(pd.DataFrame(frame))


def test_bad_parameters_and_horizons():
    with pytest.raises(ValidationError, match="alpha: expected a number > 0"):
        BGNBDFit(r=1, alpha=-1, a=1, b=1)
    rfm = pd.DataFrame({"frequency": [1.0], "recency": [1.0], "T": [2.0]})
    with pytest.raises(ValidationError, match="horizon"):
        BGNBDFit(**CDNOW).expected_purchases(rfm, -3)
    with pytest.raises(ValidationError, match="every frequency is 0"):
        fit_bgnbd(pd.DataFrame({"frequency": [0.0], "recency": [0.0], "T": [2.0]}))


params = st.fixed_dictionaries(
    {
        "r": st.floats(0.05, 5),
        "alpha": st.floats(0.1, 50),
        "a": st.floats(0.05, 5).filter(lambda v: abs(v - 1) > 1e-3),
        "b": st.floats(0.05, 10),
    }
)


@settings(max_examples=60, deadline=None)
@given(p=params, x=st.integers(0, 60), T=st.floats(0.5, 200), u=st.floats(0, 1))
def test_invariants(p, x, T, u):
    fit = BGNBDFit(**p)
    tx = 0.0 if x == 0 else u * T
    rfm = pd.DataFrame(
        {"frequency": [float(x)] * 2, "recency": [tx, 0.0 if x == 0 else T], "T": [T, T]}
    )
    alive = fit.p_alive(rfm).to_numpy()
    assert ((alive >= 0) & (alive <= 1)).all()
    assert alive[1] >= alive[0] - 1e-12  # a more recent last purchase: more likely alive
    e = np.array([fit.expected_purchases(rfm, h).iloc[0] for h in (0.0, 1.0, 10.0, 100.0)])
    assert e[0] == 0 and (e >= -1e-9).all()
    assert (np.diff(e) >= -1e-9 * (1 + e[1:])).all()


def test_spike_limit_continues_the_general_formula():
    # a + b just above the switch uses the limit; just below, the hypergeometric formula:
    # both describe (almost) the same model, so they agree to about 1/(a + b)
    rfm = pd.DataFrame({"frequency": [0.0, 3.0], "recency": [0.0, 20.0], "T": [30.0, 30.0]})
    below = BGNBDFit(r=0.8, alpha=3.3, a=0.4 * 1.95e3, b=0.6 * 1.95e3)
    above = BGNBDFit(r=0.8, alpha=3.3, a=0.4 * 2.05e3, b=0.6 * 2.05e3)
    np.testing.assert_allclose(
        below.expected_purchases(rfm, 26), above.expected_purchases(rfm, 26), rtol=5e-3
    )
    assert below.expected_purchases_new(26) == pytest.approx(
        above.expected_purchases_new(26), rel=5e-3
    )
    # and the limit by hand: p = 0.4, a Gamma(0.8, 3.3) rate, a new customer over 26 periods
    assert above.expected_purchases_new(26) == pytest.approx(
        (1 - (3.3 / (3.3 + 0.4 * 26)) ** 0.8) / 0.4
    )


def test_expected_purchases_curve_rows_are_the_expectations():
    fit = BGNBDFit(**CDNOW)
    rfm = pd.DataFrame({"frequency": [0.0, 2.0], "recency": [0.0, 30.43], "T": [38.86, 38.86]})
    curve = fit.expected_purchases_curve(rfm, 3)
    assert curve.shape == (4, 2)
    for k in range(4):
        np.testing.assert_allclose(curve[k], fit.expected_purchases(rfm, k))
