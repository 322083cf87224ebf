"""The published CDNOW results, reproduced from the raw purchase log.

Fader, Hardie & Lee (2005), "Counting your customers the easy way: an alternative to the
Pareto/NBD model", Marketing Science 24(2): BG/NBD on the 2,357-customer CDNOW sample with a
39-week calibration period (1 Jan - 30 Sep 1997): r = 0.243, alpha = 4.414, a = 0.793,
b = 2.426, LL = -9582.4. Fader & Hardie (2013), "The Gamma-Gamma model of monetary value" (and
Fader, Hardie & Lee 2005b, "RFM and CLV"): on the 946 repeat buyers p = 6.25, q = 3.74,
gamma = 15.44. (The same digits are the reference values of the CLVTools R package's tests,
``test_correctness_bgnbd.R`` and ``test_correctness_gg.R``, which also give LL = -4055.9177 for
the Gamma-Gamma.) The data come from the ``lifetimes`` wheel, see ``tests/cdnow.py``.
"""

from __future__ import annotations

import numpy as np
import pytest
from cdnow import cdnow_orders

from journeykit.value import calibration_holdout, fit_bgnbd, fit_gamma_gamma, rfm_summary

ORDERS, WHY = cdnow_orders()
pytestmark = pytest.mark.skipif(ORDERS is None, reason=f"CDNOW data unavailable: {WHY}")


@pytest.fixture(scope="module")
def rfm():
    return rfm_summary(ORDERS, calibration_end="1997-09-30", period="W")


def test_the_sample_has_the_papers_customers_and_repeat_buyers(rfm):
    assert len(rfm) == 2357
    assert int((rfm["frequency"] > 0).sum()) == 946
    # everyone joined in the first quarter of 1997: T between 26 and 39 weeks
    assert rfm["T"].max() == pytest.approx(272 / 7) and rfm["T"].min() > 26
    assert rfm["duration_holdout"].iloc[0] == pytest.approx(273 / 7)  # to 30 Jun 1998


def test_bgnbd_parameters_and_log_likelihood_to_the_published_digits(rfm):
    fit = fit_bgnbd(rfm)
    assert round(fit.r, 3) == 0.243
    assert round(fit.alpha, 3) == 4.414
    assert round(fit.a, 3) == 0.793
    assert round(fit.b, 3) == 2.426
    assert round(fit.log_likelihood, 1) == -9582.4
    assert fit.n_customers == 2357


def test_gamma_gamma_parameters_to_the_published_digits(rfm):
    fit = fit_gamma_gamma(rfm)
    assert (round(fit.p, 2), round(fit.q, 2), round(fit.gamma, 2)) == (6.25, 3.74, 15.44)
    assert fit.log_likelihood == pytest.approx(-4055.9177, abs=1e-3)
    assert fit.n_customers == 946


def test_holdout_purchases_counted_from_the_raw_log(rfm):
    # purchase days after 30 Sep 1997, counted straight from the log (one per customer and day)
    later = ORDERS[ORDERS["timestamp"] > "1997-09-30"]
    days = later.drop_duplicates(["user_id", "timestamp"])
    assert rfm["frequency_holdout"].sum() == len(days)
    table = calibration_holdout(fit_bgnbd(rfm), rfm)
    assert table["customers"].sum() == 2357
    weighted = (table["actual"] * table["customers"]).sum()
    assert weighted == pytest.approx(len(days))
    # the model's total holdout forecast is close to what happened (paper: within a few %)
    predicted = (table["predicted"] * table["customers"]).sum()
    assert abs(predicted / weighted - 1) < 0.15
    assert np.all(np.diff(table["predicted"]) > 0)  # more past purchases, more future ones
    assert np.all(np.diff(table["actual"]) > 0)  # and so it is in the data
