"""Customer value for non-contractual shops: RFM summary, BG/NBD, Gamma-Gamma and discounted CLV.

* :mod:`journeykit.value.rfm`: :func:`rfm_summary` (frequency, recency, T, monetary value, and
  the holdout after a calibration end) and :func:`check_rfm`;
* :mod:`journeykit.value.bgnbd`: :func:`fit_bgnbd` and :class:`BGNBDFit` (P(alive), expected
  purchases), :func:`simulate_bgnbd`;
* :mod:`journeykit.value.gamma_gamma`: :func:`fit_gamma_gamma` and :class:`GammaGammaFit`
  (expected order value);
* :mod:`journeykit.value.clv`: :func:`customer_value` (both models and discounted CLV per
  customer), :func:`calibration_holdout`, :func:`value_by_group`;
* :mod:`journeykit.value.mle`: the shared maximum-likelihood search and
  :class:`DegenerateFitWarning`.
"""

from journeykit.value.bgnbd import BGNBDFit, bgnbd_log_likelihood, fit_bgnbd, simulate_bgnbd
from journeykit.value.clv import calibration_holdout, clv_from_rfm, customer_value, value_by_group
from journeykit.value.gamma_gamma import GammaGammaFit, fit_gamma_gamma, gamma_gamma_log_likelihood
from journeykit.value.mle import DegenerateFitWarning
from journeykit.value.rfm import PERIODS, check_rfm, rfm_summary

__all__ = [
    "PERIODS",
    "rfm_summary",
    "check_rfm",
    "BGNBDFit",
    "fit_bgnbd",
    "bgnbd_log_likelihood",
    "simulate_bgnbd",
    "GammaGammaFit",
    "fit_gamma_gamma",
    "gamma_gamma_log_likelihood",
    "customer_value",
    "clv_from_rfm",
    "calibration_holdout",
    "value_by_group",
    "DegenerateFitWarning",
]
