"""Customer lifetime value for a non-contractual shop: BG/NBD purchases × Gamma-Gamma spend,
discounted; the calibration/holdout check; value per group (acquisition channel, entry offer).

**How the discounting is done.** With the fitted BG/NBD model, ``E(k)`` is a customer's expected
purchases in the first ``k`` periods after the calibration end (conditional on their history).
Period ``k`` (k = 1 .. horizon) holds ``E(k) - E(k-1)`` expected purchases, each worth the
Gamma-Gamma expected order value times ``margin`` (the share of an order's value that is
profit), and its money arrives at the **end** of the period, discounted by ``(1 + discount)^k``::

    CLV = margin · E[order value] · Σ_{k=1}^{horizon} (E(k) - E(k-1)) / (1 + discount)^k

``discount`` is per period (weekly with the default ``period="W"``: 10 % a year is about
0.0018 a week). With ``discount = 0`` the sum is ``margin · E[order value] · E(horizon)``. The
CLV is the value of the customer's *future* purchases; the purchases already made are not in it.
Multiplying expected purchases by expected spend assumes spend and frequency are independent,
as the Gamma-Gamma model does.

>>> bg = BGNBDFit(r=0.243, alpha=4.414, a=0.793, b=2.426)
>>> gg = GammaGammaFit(p=6.25, q=3.74, gamma=15.44)
>>> rfm = pd.DataFrame({"frequency": [2.0], "recency": [30.43], "T": [38.86],
...                     "monetary_value": [22.35]})
>>> v = clv_from_rfm(rfm, bgnbd=bg, gamma_gamma=gg, horizon=39, margin=1.0, discount=0.0)
>>> round(float(v["clv"].iloc[0]), 2)                # 1.226 purchases x 24.66 dollars
30.24
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from journeykit.errors import SchemaError, ValidationError
from journeykit.schema import require_columns
from journeykit.value.bgnbd import BGNBDFit, fit_bgnbd
from journeykit.value.gamma_gamma import GammaGammaFit, fit_gamma_gamma
from journeykit.value.rfm import check_rfm, rfm_summary

__all__ = ["customer_value", "clv_from_rfm", "calibration_holdout", "value_by_group"]


def _periods(horizon: object) -> int:
    if (
        isinstance(horizon, bool)
        or not isinstance(horizon, int | np.integer | float)
        or not float(horizon).is_integer()
        or not 1 <= horizon <= 100_000
    ):
        raise ValidationError("horizon", "a whole number of periods >= 1", got=repr(horizon))
    return int(horizon)


def _share(name: str, value: object, hi: float) -> float:
    try:
        v = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise ValidationError(name, f"a number between 0 and {hi:g}", got=repr(value)) from None
    if not (math.isfinite(v) and 0 <= v <= hi):
        raise ValidationError(name, f"a number between 0 and {hi:g}", got=repr(value))
    return v


def clv_from_rfm(
    rfm: pd.DataFrame,
    *,
    bgnbd: BGNBDFit,
    gamma_gamma: GammaGammaFit,
    horizon: int,
    margin: float,
    discount: float,
) -> pd.DataFrame:
    """The value table of :func:`customer_value` from an RFM table and two fitted models.

    Columns: the RFM table's, then ``p_alive`` (0-1), ``expected_purchases`` (in the next
    ``horizon`` periods), ``expected_order_value`` (currency units) and ``clv`` (discounted
    future margin, currency units; see the module text for the sum).
    """
    if not isinstance(bgnbd, BGNBDFit):
        raise ValidationError("bgnbd", "a BGNBDFit (from fit_bgnbd)", got=type(bgnbd).__name__)
    if not isinstance(gamma_gamma, GammaGammaFit):
        raise ValidationError(
            "gamma_gamma", "a GammaGammaFit (from fit_gamma_gamma)", got=type(gamma_gamma).__name__
        )
    h = _periods(horizon)
    m = _share("margin", margin, 1.0)
    d = _share("discount", discount, 1.0)
    df = check_rfm(rfm, columns=("frequency", "recency", "T", "monetary_value"))
    out = df.copy()
    out["p_alive"] = bgnbd.p_alive(df)
    cum = bgnbd.expected_purchases_curve(df, h)
    per_period = np.diff(cum, axis=0)
    factors = (1.0 + d) ** -np.arange(1, h + 1)
    out["expected_purchases"] = cum[-1]
    out["expected_order_value"] = gamma_gamma.expected_order_value(df)
    out["clv"] = m * out["expected_order_value"].to_numpy() * (factors @ per_period)
    return out


def customer_value(
    orders: pd.DataFrame,
    *,
    horizon: int,
    margin: float,
    discount: float,
    calibration_end: object = None,
    period: str = "W",
    bgnbd: BGNBDFit | None = None,
    gamma_gamma: GammaGammaFit | None = None,
) -> pd.DataFrame:
    """Per customer: P(alive), expected purchases, expected order value and discounted CLV.

    ``orders`` needs ``user_id``, ``timestamp`` and ``price`` (see
    :func:`~journeykit.value.rfm_summary`, which also explains ``calibration_end`` and
    ``period``). ``horizon``: whole periods ahead; ``margin``: share (0-1) of an order's value
    that is profit; ``discount``: rate per period. The BG/NBD and Gamma-Gamma models are fitted
    to the table unless given (``bgnbd=``, ``gamma_gamma=``). The value is counted from the end
    of the calibration period (the last order day by default).

    Returns the RFM columns and ``p_alive``, ``expected_purchases``, ``expected_order_value``,
    ``clv`` (see :func:`clv_from_rfm`), indexed by ``user_id``.

    >>> import pandas as pd
    >>> orders = pd.DataFrame({"user_id": [1, 1, 2, 2, 2, 3],
    ...     "timestamp": pd.to_datetime(["2024-01-01", "2024-02-01", "2024-01-03", "2024-01-20",
    ...                                  "2024-03-01", "2024-01-10"]),
    ...     "price": [10.0, 12.0, 8.0, 9.0, 11.0, 5.0]})
    >>> bg = BGNBDFit(r=1.0, alpha=5.0, a=0.5, b=3.0)
    >>> gg = GammaGammaFit(p=5.0, q=4.0, gamma=30.0)
    >>> v = customer_value(orders, horizon=4, margin=0.3, discount=0.0, bgnbd=bg, gamma_gamma=gg)
    >>> v.columns[-4:].tolist()
    ['p_alive', 'expected_purchases', 'expected_order_value', 'clv']
    """
    rfm = rfm_summary(orders, calibration_end=calibration_end, period=period)
    bg = bgnbd if bgnbd is not None else fit_bgnbd(rfm)
    gg = gamma_gamma if gamma_gamma is not None else fit_gamma_gamma(rfm)
    return clv_from_rfm(
        rfm, bgnbd=bg, gamma_gamma=gg, horizon=horizon, margin=margin, discount=discount
    )


def calibration_holdout(
    fit: BGNBDFit, rfm: pd.DataFrame, *, max_frequency: int = 7
) -> pd.DataFrame:
    """Predicted against actual holdout purchases, by calibration-period frequency.

    ``rfm`` needs the holdout columns of :func:`~journeykit.value.rfm_summary` (called with
    ``calibration_end``). Customers with ``max_frequency`` or more repeat purchases share the
    last row. Columns: ``frequency`` (repeat purchases in calibration; the last row means "at
    least"), ``customers``, ``actual`` (mean purchases in the holdout) and ``predicted`` (mean
    BG/NBD conditional expectation over the holdout's length).

    >>> rfm = pd.DataFrame({"frequency": [0.0, 1.0, 1.0], "recency": [0.0, 5.0, 9.0],
    ...     "T": [10.0, 10.0, 10.0], "frequency_holdout": [0.0, 1.0, 2.0],
    ...     "duration_holdout": [10.0, 10.0, 10.0]})
    >>> fit = BGNBDFit(r=1.0, alpha=5.0, a=0.5, b=3.0)
    >>> calibration_holdout(fit, rfm)[["frequency", "customers", "actual"]].to_dict("list")
    {'frequency': [0, 1], 'customers': [1, 2], 'actual': [0.0, 1.5]}
    """
    if not isinstance(fit, BGNBDFit):
        raise ValidationError("fit", "a BGNBDFit (from fit_bgnbd)", got=type(fit).__name__)
    if not isinstance(max_frequency, int) or max_frequency < 1:
        raise ValidationError("max_frequency", "a whole number >= 1", got=repr(max_frequency))
    df = require_columns(rfm, "rfm", ("frequency_holdout", "duration_holdout"))
    check_rfm(df)
    durations = df["duration_holdout"].unique()
    if len(durations) != 1:
        raise SchemaError("rfm", "duration_holdout", "expected one holdout length for everyone")
    predicted = fit.expected_purchases(df, float(durations[0]))
    group = np.minimum(df["frequency"].to_numpy(dtype=int), max_frequency)
    out = (
        pd.DataFrame(
            {
                "frequency": group,
                "actual": df["frequency_holdout"].to_numpy(dtype=float),
                "predicted": predicted.to_numpy(),
            }
        )
        .groupby("frequency")
        .agg(
            customers=("actual", "size"), actual=("actual", "mean"), predicted=("predicted", "mean")
        )
        .reset_index()
    )
    out["frequency"] = out["frequency"].astype(int)
    out["customers"] = out["customers"].astype(int)
    return out[["frequency", "customers", "actual", "predicted"]]


def value_by_group(
    values: pd.DataFrame,
    groups: pd.Series,
    *,
    name: str = "group",
    orders: pd.DataFrame | None = None,
    acquisition_cost: pd.Series | None = None,
) -> pd.DataFrame:
    """Customer value summed up per group (acquisition channel, entry offer, ...).

    ``values``: a :func:`customer_value` table; ``groups``: each customer's group, indexed by
    ``user_id`` (every customer of ``values`` must have one). Columns: ``<name>``,
    ``customers``, ``p_alive`` (mean), ``expected_purchases`` (mean per customer),
    ``expected_order_value`` (mean), ``clv`` (mean per customer, currency units) and
    ``total_clv``; the largest ``total_clv`` first.

    The offer's economics per group, optionally: with ``orders`` (``user_id``, ``timestamp``,
    ``price``, ``cost``) a column ``first_order_margin`` (mean price minus cost of each customer's
    first order: the entry offer's margin); with ``acquisition_cost`` (money spent per acquired
    customer, indexed by group; a group missing from it counts 0) the columns
    ``acquisition_cost`` and ``net_value`` = ``first_order_margin`` (0 without ``orders``) +
    ``clv`` - ``acquisition_cost``: what an acquired customer is worth after paying for them.

    >>> values = pd.DataFrame({"p_alive": [1.0, 0.5, 0.8], "expected_purchases": [2.0, 1.0, 0.0],
    ...     "expected_order_value": [10.0, 10.0, 20.0], "clv": [6.0, 3.0, 0.0]},
    ...     index=pd.Index([1, 2, 3], name="user_id"))
    >>> groups = pd.Series(["email", "email", "store"], index=[1, 2, 3])
    >>> value_by_group(values, groups, name="channel")[["channel", "customers", "clv"]]
      channel  customers  clv
    0   email          2  4.5
    1   store          1  0.0
    """
    cols = ("p_alive", "expected_purchases", "expected_order_value", "clv")
    df = require_columns(values, "values", cols)
    if not isinstance(groups, pd.Series):
        raise ValidationError(
            "groups", "a pandas Series indexed by user_id", got=type(groups).__name__
        )
    g = groups.reindex(df.index)
    if g.isna().any():
        raise SchemaError(
            "groups", None, "no group for these customers", list(df.index[g.isna()][:10])
        )
    out = (
        df.assign(_group=g.astype("string").to_numpy())
        .groupby("_group", observed=True)
        .agg(
            customers=("clv", "size"),
            p_alive=("p_alive", "mean"),
            expected_purchases=("expected_purchases", "mean"),
            expected_order_value=("expected_order_value", "mean"),
            clv=("clv", "mean"),
            total_clv=("clv", "sum"),
        )
        .reset_index()
        .rename(columns={"_group": name})
    )
    out[name] = out[name].astype(str)
    first_margin = pd.Series(0.0, index=out.index)
    if orders is not None:
        o = require_columns(orders, "orders", ("user_id", "timestamp", "price", "cost"))
        first = o.sort_values("timestamp", kind="stable").drop_duplicates("user_id")
        margin = (first["price"] - first["cost"]).set_axis(first["user_id"].to_numpy())
        per_group = (
            pd.DataFrame({"g": g.astype("string").to_numpy(), "m": margin.reindex(df.index)})
            .groupby("g")["m"]
            .mean()
        )
        first_margin = out[name].map(per_group).astype(float)
        out["first_order_margin"] = first_margin
    if acquisition_cost is not None:
        if not isinstance(acquisition_cost, pd.Series):
            raise ValidationError(
                "acquisition_cost",
                "a pandas Series indexed by group",
                got=type(acquisition_cost).__name__,
            )
        cac = acquisition_cost.set_axis(acquisition_cost.index.astype(str))
        out["acquisition_cost"] = out[name].map(cac).fillna(0.0).astype(float)
        out["net_value"] = first_margin + out["clv"] - out["acquisition_cost"]
    return out.sort_values("total_clv", ascending=False, kind="stable").reset_index(drop=True)
