"""Entry-point offers, ascension and customer lifetime value: closed forms, a cohort simulation,
a shifted-beta-geometric retention model, and the same quantities measured from data.

Article 004 says the first sale is about *buying a customer*, not profit: a $8 book, a $20 teeth
whitening, a $2.95 domain or 500 business cards for $9 may lose money, and the profit comes later
when the customer ascends (a $2,495 camera plus a $699 bundle, a $40/month car-wash plan, $15
early boarding). This module puts numbers on that story.

**The model** (one acquired customer, time in months, month 0 = the month of the entry purchase):

* the customer pays the entry price in month 0; acquiring them cost ``acquisition_cost``;
* they stay active from month to month with constant probability ``1 - monthly_churn``, so
  ``S(t) = (1 - monthly_churn) ** t`` is the chance they are still active in month ``t``
  (churn happens at the end of a month; every customer is active in month 0);
* an :class:`AscensionStep` is bought in its ``month`` by a ``share`` of the customers still
  active then (and, with ``requires``, only by those who bought the named earlier step); a
  ``recurring`` step is a subscription paid every month from ``month`` while the customer stays
  active;
* from month 1 on, an active customer makes ``repeat_rate`` repeat purchases a month on average.

Margins are price minus unit cost. With a monthly discount rate ``d`` money in month ``t`` is
worth ``1 / (1 + d) ** t`` today. For a constant margin ``m`` paid every month from month 0 with
churn ``c`` this gives the two closed forms tested in ``tests/test_offers.py``::

    LTV = m / c                      (no discount)
    LTV = m * (1 + d) / (d + c)      (discounted; payments at the start of each month)

**Money** is in US dollars for the article presets (:data:`PRESETS`); in the data set's currency
(rupiah for the coffee preset) for the measures from data.

>>> plan = OfferPlan(name="demo", entry_price=8, entry_cost=3, acquisition_cost=20,
...                  repeat_price=30, repeat_cost=20, repeat_rate=0.5, monthly_churn=0.1)
>>> first_order_profit(plan)
-15.0
>>> round(lifetime_value(plan), 2)    # 5 + 0.5 * 10 * 0.9 / 0.1
50.0
>>> payback_month(plan)
4
>>> constant_churn_ltv(margin=10, churn=0.05)
200.0
"""

from __future__ import annotations

import dataclasses
import math
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from scipy import optimize, special

from journeykit.errors import FitWarning, SchemaError, ValidationError
from journeykit.schema import OFFER_TYPES, validate_table

__all__ = [
    "AscensionStep",
    "OfferPlan",
    "OfferSummary",
    "PRESETS",
    "get_preset",
    "presets_table",
    "acquisition_cost",
    "constant_churn_ltv",
    "expected_lifetime",
    "first_order_profit",
    "expected_ascension_rate",
    "expected_monthly_margin",
    "ltv_components",
    "lifetime_value",
    "payback_month",
    "break_even_entry_price",
    "summarize",
    "simulate_cohort",
    "SBGFit",
    "sbg_survival",
    "sbg_retention_rates",
    "sbg_discounted_expected_lifetime",
    "simulate_sbg_survival",
    "fit_sbg",
    "sbg_forecast",
    "FADER_HARDIE_2007",
    "ascension_rate",
    "observed_ltv",
]

# --------------------------------------------------------------------------------------------
# validation helpers
# --------------------------------------------------------------------------------------------


def _number(
    field_name: str,
    value: Any,
    *,
    lo: float | None = None,
    hi: float | None = None,
    lo_open: bool = False,
    allow_inf: bool = False,
) -> float:
    """Return ``value`` as float or raise ValidationError naming ``field_name``."""
    if lo is not None and hi is not None:
        expected = f"a number between {lo:g} and {hi:g}"
    elif lo is not None:
        expected = f"a number {'>' if lo_open else '>='} {lo:g}"
    elif hi is not None:
        expected = f"a number <= {hi:g}"
    else:
        expected = "a number"
    if isinstance(value, bool) or not isinstance(value, int | float | np.integer | np.floating):
        raise ValidationError(field_name, expected, got=f"{value!r} ({type(value).__name__})")
    v = float(value)
    if math.isnan(v) or (math.isinf(v) and not allow_inf):
        raise ValidationError(field_name, expected, got=repr(value))
    if lo is not None and (v < lo or (lo_open and v == lo)):
        raise ValidationError(field_name, expected, got=repr(value))
    if hi is not None and v > hi:
        raise ValidationError(field_name, expected, got=repr(value))
    return v


def _whole(field_name: str, value: Any, *, lo: int = 0, hi: int | None = None) -> int:
    expected = f"a whole number >= {lo}" if hi is None else f"a whole number between {lo} and {hi}"
    if isinstance(value, bool) or not isinstance(value, int | np.integer):
        raise ValidationError(field_name, expected, got=f"{value!r} ({type(value).__name__})")
    if value < lo or (hi is not None and value > hi):
        raise ValidationError(field_name, expected, got=repr(value))
    return int(value)


def _horizon(horizon: int | None) -> int | None:
    return None if horizon is None else _whole("horizon", horizon, lo=1)


# --------------------------------------------------------------------------------------------
# the offer plan
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class AscensionStep:
    """One offer a customer can ascend to after the entry-point offer.

    ``price`` and ``unit_cost`` are per purchase (per month for a ``recurring`` step), in the
    plan's currency. ``share`` is the share (0-1) of customers *still active in ``month``* who
    buy it (of those who bought ``requires``, when given). ``month`` counts from the entry
    purchase (0 = same month).

    >>> AscensionStep(name="bundle", price=699, unit_cost=420, share=0.4, month=0).margin
    279.0
    >>> AscensionStep(name="x", price=-1)
    Traceback (most recent call last):
    ...
    journeykit.errors.ValidationError: step.price: expected a number >= 0, got -1
    """

    name: str
    price: float
    unit_cost: float = 0.0
    share: float = 1.0
    month: int = 1
    recurring: bool = False
    requires: str | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name:
            raise ValidationError("step.name", "a non-empty string", got=repr(self.name))
        where = f"step {self.name!r}" if self.name else "step"
        _number("step.price", self.price, lo=0)
        _number("step.unit_cost", self.unit_cost, lo=0)
        _number("step.share", self.share, lo=0, hi=1)
        _whole("step.month", self.month, lo=0)
        if not isinstance(self.recurring, bool):
            raise ValidationError(f"{where}.recurring", "True or False", got=repr(self.recurring))
        if self.requires is not None and not isinstance(self.requires, str):
            raise ValidationError(
                f"{where}.requires", "the name of an earlier step or None", got=repr(self.requires)
            )

    @property
    def margin(self) -> float:
        """Price minus unit cost of one purchase (currency units)."""
        return float(self.price) - float(self.unit_cost)


@dataclass(frozen=True, kw_only=True)
class OfferPlan:
    """An entry-point offer, the ascension that follows it, and the customer's retention.

    Fields (money in ``currency``; a month is the period):

    ``entry_price``, ``entry_cost``  price and unit cost of the entry-point offer (month 0)
    ``acquisition_cost``             money spent to acquire one customer (:func:`acquisition_cost`)
    ``steps``                        :class:`AscensionStep` objects (core offer, upsells, plans)
    ``repeat_price``, ``repeat_cost`` price and unit cost of one repeat purchase
    ``repeat_rate``                  repeat purchases per active month, from month 1 on (>= 0)
    ``monthly_churn``                chance (0-1) an active customer leaves at the end of a month
    ``from_article``                 which figures are article 004's (field names, or
                                     ``"<step name>.price"``); every other number is an
                                     illustrative assumption
    ``note``                         where the figures come from, in words

    >>> OfferPlan(entry_price=8, monthly_churn=1.5)
    Traceback (most recent call last):
    ...
    journeykit.errors.ValidationError: monthly_churn: expected a number between 0 and 1, got 1.5
    """

    name: str = "plan"
    entry_product: str = "entry offer"
    entry_price: float
    entry_cost: float = 0.0
    acquisition_cost: float = 0.0
    steps: tuple[AscensionStep, ...] = ()
    repeat_price: float = 0.0
    repeat_cost: float = 0.0
    repeat_rate: float = 0.0
    monthly_churn: float = 0.05
    currency: str = "USD"
    from_article: tuple[str, ...] = ()
    note: str = ""

    def __post_init__(self) -> None:
        _number("entry_price", self.entry_price, lo=0)
        _number("entry_cost", self.entry_cost, lo=0)
        _number("acquisition_cost", self.acquisition_cost, lo=0)
        _number("repeat_price", self.repeat_price, lo=0)
        _number("repeat_cost", self.repeat_cost, lo=0)
        _number("repeat_rate", self.repeat_rate, lo=0)
        _number("monthly_churn", self.monthly_churn, lo=0, hi=1)
        if isinstance(self.steps, AscensionStep) or not isinstance(self.steps, Iterable):
            raise ValidationError("steps", "a list of AscensionStep", got=repr(self.steps))
        steps = tuple(self.steps)
        object.__setattr__(self, "steps", steps)
        object.__setattr__(self, "from_article", tuple(self.from_article))
        seen: dict[str, AscensionStep] = {}
        for i, step in enumerate(steps):
            if not isinstance(step, AscensionStep):
                raise ValidationError(f"steps[{i}]", "an AscensionStep", got=type(step).__name__)
            if step.name in seen:
                raise ValidationError(
                    f"steps[{i}].name", "a name not used by another step", got=repr(step.name)
                )
            if step.requires is not None:
                parent = seen.get(step.requires)
                if parent is None:
                    raise ValidationError(
                        f"steps[{i}].requires",
                        f"the name of an earlier step (one of {sorted(seen)})",
                        got=repr(step.requires),
                    )
                if parent.month > step.month:
                    raise ValidationError(
                        f"steps[{i}].month",
                        f"a month >= {parent.month} (the month of required step {parent.name!r})",
                        got=step.month,
                    )
            seen[step.name] = step
        known = {f.name for f in dataclasses.fields(self)} | {
            f"{s.name}.{a}" for s in steps for a in ("price", "unit_cost", "share", "month")
        }
        for i, name in enumerate(self.from_article):
            if name not in known:
                raise ValidationError(
                    f"from_article[{i}]", "a field name or '<step name>.price'", got=repr(name)
                )

    @property
    def entry_margin(self) -> float:
        """Entry price minus its unit cost (currency units)."""
        return float(self.entry_price) - float(self.entry_cost)

    @property
    def repeat_margin(self) -> float:
        """Repeat price minus its unit cost (currency units)."""
        return float(self.repeat_price) - float(self.repeat_cost)

    def replace(self, **changes: Any) -> OfferPlan:
        """A copy with some fields changed (validated again).

        >>> get_preset("book").replace(entry_price=10).entry_price
        10
        """
        return dataclasses.replace(self, **changes)

    def step_reach(self) -> dict[str, float]:
        """For each step, the product of the shares along its ``requires`` chain.

        The chance that a customer *still active in the step's month* buys it.
        """
        out: dict[str, float] = {}
        for step in self.steps:
            parent = 1.0 if step.requires is None else out[step.requires]
            out[step.name] = float(step.share) * parent
        return out


def acquisition_cost(spend: float, customers: float) -> float:
    """Money spent per customer acquired: ``spend / customers`` (currency units per customer).

    >>> acquisition_cost(spend=1200, customers=48)
    25.0
    >>> acquisition_cost(spend=100, customers=0)
    Traceback (most recent call last):
    ...
    journeykit.errors.ValidationError: customers: expected a number > 0, got 0
    """
    s = _number("spend", spend, lo=0)
    c = _number("customers", customers, lo=0, lo_open=True)
    return s / c


def constant_churn_ltv(margin: float, churn: float, discount: float = 0.0) -> float:
    """Lifetime value of a margin paid every period (from period 0) while a customer stays.

    ``margin * (1 + discount) / (discount + churn)``; with ``discount = 0`` this is
    ``margin / churn``. ``churn`` and ``discount`` are per period (0-1 and >= 0). Infinite when
    both are 0.

    >>> constant_churn_ltv(margin=40, churn=0.1)
    400.0
    >>> round(constant_churn_ltv(margin=40, churn=0.1, discount=0.01), 2)
    367.27
    """
    m = _number("margin", margin)
    c = _number("churn", churn, lo=0, hi=1)
    d = _number("discount", discount, lo=0)
    if c + d == 0:
        return math.inf if m > 0 else (-math.inf if m < 0 else 0.0)
    return m * (1 + d) / (d + c)


def expected_lifetime(churn: float) -> float:
    """Expected number of active periods (counting the first) with constant churn: ``1 / churn``.

    >>> expected_lifetime(0.25)
    4.0
    """
    c = _number("churn", churn, lo=0, hi=1)
    return math.inf if c == 0 else 1.0 / c


def first_order_profit(plan: OfferPlan) -> float:
    """Entry margin minus acquisition cost: the profit (negative: loss) on the first sale alone.

    >>> first_order_profit(OfferPlan(entry_price=2.95, entry_cost=8.0, acquisition_cost=10))
    -15.05
    """
    plan = _check_plan(plan)
    return round(plan.entry_margin - float(plan.acquisition_cost), 10)


def _check_plan(plan: object) -> OfferPlan:
    if not isinstance(plan, OfferPlan):
        raise ValidationError("plan", "an OfferPlan", got=type(plan).__name__)
    return plan


def _discount(discount: float) -> float:
    return _number("discount", discount, lo=0)


def _geom_sum(q: float, start: int, stop: int | None) -> float:
    """sum_{t=start}^{stop-1} q**t (stop=None: to infinity)."""
    if stop is not None and stop <= start:
        return 0.0
    if q == 1.0:
        return math.inf if stop is None else float(stop - start)
    tail = 0.0 if stop is None else q**stop
    return (q**start - tail) / (1.0 - q)


def ltv_components(
    plan: OfferPlan, *, discount: float = 0.0, horizon: int | None = None
) -> pd.DataFrame:
    """Expected (discounted) margin per acquired customer, split by where it comes from.

    Columns: ``component`` (``acquisition``, ``entry``, a step name, ``repeat``), ``kind``
    (``acquisition``/``entry``/``ascension``/``repeat``), ``value`` (currency units per acquired
    customer; the acquisition row is minus the acquisition cost). ``horizon`` counts months
    0 .. horizon-1 (``None``: forever). Closed form with ``q = (1 - churn) / (1 + discount)``:
    a one-off step in month k is worth ``reach * margin * q**k``, a recurring one
    ``reach * margin * q**k / (1 - q)``, repeat purchases ``rate * margin * q / (1 - q)``.

    >>> plan = get_preset("camera")
    >>> ltv_components(plan)["component"].tolist()
    ['acquisition', 'entry', 'camera', 'bundle', 'repeat']
    """
    plan = _check_plan(plan)
    d = _discount(discount)
    h = _horizon(horizon)
    q = (1.0 - float(plan.monthly_churn)) / (1.0 + d)
    reach = plan.step_reach()
    rows: list[tuple[str, str, float]] = [
        ("acquisition", "acquisition", -float(plan.acquisition_cost)),
        ("entry", "entry", plan.entry_margin),
    ]

    def worth(amount: float, start: int, stop: int | None) -> float:
        if amount == 0:
            return 0.0
        return amount * _geom_sum(q, start, stop)

    for step in plan.steps:
        amount = reach[step.name] * step.margin
        if step.recurring:
            value = worth(amount, step.month, h)
        else:
            value = worth(
                amount, step.month, step.month + 1 if h is None else min(h, step.month + 1)
            )
        rows.append((step.name, "ascension", value))
    rows.append(("repeat", "repeat", worth(float(plan.repeat_rate) * plan.repeat_margin, 1, h)))
    return pd.DataFrame(rows, columns=["component", "kind", "value"])


def lifetime_value(plan: OfferPlan, *, discount: float = 0.0, horizon: int | None = None) -> float:
    """Expected (discounted) margin an acquired customer brings over their life (currency units).

    Gross of acquisition cost (subtract ``plan.acquisition_cost`` for the net value). ``discount``
    is per month; ``horizon`` counts months 0 .. horizon-1 (``None``: forever; infinite when churn
    and discount are both 0 and something recurs).

    >>> plan = OfferPlan(entry_price=40, repeat_price=40, repeat_rate=1, monthly_churn=0.1)
    >>> lifetime_value(plan)   # a $40 plan paid from month 0: 40 / 0.1
    400.0
    """
    comp = ltv_components(plan, discount=discount, horizon=horizon)
    return float(comp.loc[comp["kind"] != "acquisition", "value"].sum())


def expected_ascension_rate(plan: OfferPlan, step: str | None = None) -> float:
    """Expected share of entry buyers who ever buy ``step`` (default: the first step).

    ``reach * (1 - churn) ** month``.

    >>> expected_ascension_rate(OfferPlan(entry_price=5, monthly_churn=0.2,
    ...     steps=[AscensionStep(name="core", price=50, share=0.5, month=2)]))
    0.32
    """
    plan = _check_plan(plan)
    if not plan.steps:
        return 0.0
    names = [s.name for s in plan.steps]
    name = names[0] if step is None else step
    if name not in names:
        raise ValidationError("step", f"one of {names}", got=repr(step))
    st = plan.steps[names.index(name)]
    return round(plan.step_reach()[name] * (1 - float(plan.monthly_churn)) ** st.month, 12)


def expected_monthly_margin(
    plan: OfferPlan, *, months: int = 36, discount: float = 0.0
) -> pd.DataFrame:
    """Month-by-month expected margin of one acquired customer (the closed form, not simulated).

    Columns: ``month`` (0 = month of the entry purchase), ``survival`` (share still active at
    the start of the month), ``entry_margin``, ``ascension_margin``, ``repeat_margin`` and
    ``margin`` (their sum; expected currency units per acquired customer in that month),
    ``discount_factor`` (``1 / (1 + discount) ** month``), ``cumulative_margin`` (discounted,
    months 0..month), ``cumulative_profit`` (``cumulative_margin - acquisition_cost``).

    >>> df = expected_monthly_margin(OfferPlan(entry_price=10, acquisition_cost=25,
    ...     repeat_price=10, repeat_rate=1, monthly_churn=0.5), months=3)
    >>> print(df[["month", "survival", "margin", "cumulative_profit"]].to_string(index=False))
     month  survival  margin  cumulative_profit
         0      1.00    10.0              -15.0
         1      0.50     5.0              -10.0
         2      0.25     2.5               -7.5
    """
    plan = _check_plan(plan)
    n = _whole("months", months, lo=1, hi=100_000)
    d = _discount(discount)
    t = np.arange(n)
    surv = (1.0 - float(plan.monthly_churn)) ** t
    entry = np.where(t == 0, plan.entry_margin, 0.0)
    asc = np.zeros(n)
    reach = plan.step_reach()
    for step in plan.steps:
        active = (t >= step.month) if step.recurring else (t == step.month)
        asc = asc + np.where(active, reach[step.name] * step.margin * surv, 0.0)
    rep = np.where(t >= 1, float(plan.repeat_rate) * plan.repeat_margin * surv, 0.0)
    margin = entry + asc + rep
    factor = (1.0 + d) ** -t.astype(float)
    cum = np.cumsum(margin * factor)
    return pd.DataFrame(
        {
            "month": t,
            "survival": surv,
            "entry_margin": entry,
            "ascension_margin": asc,
            "repeat_margin": rep,
            "margin": margin,
            "discount_factor": factor,
            "cumulative_margin": cum,
            "cumulative_profit": cum - float(plan.acquisition_cost),
        }
    )


def payback_month(plan: OfferPlan, *, discount: float = 0.0, max_months: int = 240) -> int | None:
    """First month whose cumulative expected (discounted) margin covers the acquisition cost.

    Month 0 is the month of the entry purchase, so ``0`` means the entry sale alone pays back.
    ``None`` when it does not happen within ``max_months``.

    >>> payback_month(OfferPlan(entry_price=8, entry_cost=3, acquisition_cost=20,
    ...     repeat_price=10, repeat_rate=1, monthly_churn=0.0))   # 5, 15, 25 >= 20
    2
    """
    df = expected_monthly_margin(plan, months=max_months, discount=discount)
    hit = np.flatnonzero(df["cumulative_margin"].to_numpy() >= float(plan.acquisition_cost) - 1e-9)
    return int(hit[0]) if hit.size else None


def break_even_entry_price(
    plan: OfferPlan,
    *,
    discount: float = 0.0,
    horizon: int | None = None,
    first_order_only: bool = False,
) -> float:
    """The entry price at which the customer's (discounted) value just covers acquiring them.

    ``acquisition_cost + entry_cost - (later value)``, where the later value is the lifetime value
    without the entry margin (over ``horizon`` months, or forever). With ``first_order_only``
    the later value is ignored: ``acquisition_cost + entry_cost``. A negative result means the
    entry offer could be given away (and more) and still pay off.

    >>> plan = OfferPlan(entry_price=8, entry_cost=3, acquisition_cost=20,
    ...                  repeat_price=10, repeat_rate=1, monthly_churn=0.5)
    >>> break_even_entry_price(plan, first_order_only=True)
    23.0
    >>> break_even_entry_price(plan)     # later value 10 * 0.5 / 0.5 = 10
    13.0
    """
    plan = _check_plan(plan)
    base = float(plan.acquisition_cost) + float(plan.entry_cost)
    if first_order_only:
        return base
    later = lifetime_value(plan, discount=discount, horizon=horizon) - plan.entry_margin
    return base - later


@dataclass(frozen=True)
class OfferSummary:
    """The headline numbers of an :class:`OfferPlan` (currency units per acquired customer)."""

    plan: str
    first_order_profit: float
    lifetime_value: float
    net_value: float
    ltv_to_cac: float
    payback_month: int | None
    break_even_entry_price: float
    expected_lifetime_months: float
    ascension_rate: float

    def to_frame(self) -> pd.DataFrame:
        """One row per number: ``metric``, ``value``."""
        d = dataclasses.asdict(self)
        d.pop("plan")
        return pd.DataFrame({"metric": list(d), "value": list(d.values())})


def summarize(
    plan: OfferPlan, *, discount: float = 0.0, horizon: int | None = None, max_months: int = 240
) -> OfferSummary:
    """First-order profit, LTV, net value, LTV/CAC, payback month, break-even entry price.

    >>> s = summarize(get_preset("domain"))
    >>> s.first_order_profit < 0 < s.net_value
    True
    """
    plan = _check_plan(plan)
    ltv = lifetime_value(plan, discount=discount, horizon=horizon)
    cac = float(plan.acquisition_cost)
    return OfferSummary(
        plan=plan.name,
        first_order_profit=first_order_profit(plan),
        lifetime_value=ltv,
        net_value=ltv - cac,
        ltv_to_cac=(ltv / cac) if cac > 0 else math.inf,
        payback_month=payback_month(plan, discount=discount, max_months=max_months),
        break_even_entry_price=break_even_entry_price(plan, discount=discount, horizon=horizon),
        expected_lifetime_months=expected_lifetime(plan.monthly_churn),
        ascension_rate=expected_ascension_rate(plan),
    )


# --------------------------------------------------------------------------------------------
# presets: article 004's figures, with illustrative costs and churn
# --------------------------------------------------------------------------------------------

_ASSUMED = "Costs, acquisition cost, shares, timing and churn are illustrative assumptions."

PRESETS: dict[str, OfferPlan] = {
    p.name: p
    for p in (
        OfferPlan(
            name="book",
            entry_product="management book",
            entry_price=8.0,
            entry_cost=4.0,
            acquisition_cost=30.0,
            steps=(
                AscensionStep(name="workshop", price=500.0, unit_cost=150.0, share=0.06, month=2),
                AscensionStep(
                    name="consulting",
                    price=2000.0,
                    unit_cost=1200.0,
                    share=0.25,
                    month=4,
                    requires="workshop",
                ),
            ),
            monthly_churn=0.08,
            from_article=("entry_price",),
            note="Article 004: a consultant sells a management book for $8. " + _ASSUMED,
        ),
        OfferPlan(
            name="teeth_whitening",
            entry_product="teeth whitening",
            entry_price=20.0,
            entry_cost=15.0,
            acquisition_cost=35.0,
            steps=(
                AscensionStep(name="check_up", price=120.0, unit_cost=50.0, share=0.35, month=1),
            ),
            repeat_price=90.0,
            repeat_cost=40.0,
            repeat_rate=1 / 6,
            monthly_churn=0.03,
            from_article=("entry_price",),
            note="Article 004: a local dentist offers teeth whitening for $20. " + _ASSUMED,
        ),
        OfferPlan(
            name="domain",
            entry_product="domain name (first year)",
            entry_price=2.95,
            entry_cost=9.0,
            acquisition_cost=12.0,
            steps=(
                AscensionStep(
                    name="hosting", price=10.0, unit_cost=3.0, share=0.3, month=0, recurring=True
                ),
            ),
            repeat_price=18.0,
            repeat_cost=9.0,
            repeat_rate=1 / 12,
            monthly_churn=0.03,
            from_article=("entry_price",),
            note="Article 004: GoDaddy offers domains at $2.95. " + _ASSUMED,
        ),
        OfferPlan(
            name="business_cards",
            entry_product="500 business cards",
            entry_price=9.0,
            entry_cost=7.0,
            acquisition_cost=15.0,
            repeat_price=45.0,
            repeat_cost=25.0,
            repeat_rate=0.15,
            monthly_churn=0.06,
            from_article=("entry_price",),
            note="Article 004: VistaPrint sells 500 business cards for $9. " + _ASSUMED,
        ),
        OfferPlan(
            name="camera",
            entry_product="photography e-book",
            entry_price=9.0,
            entry_cost=1.0,
            acquisition_cost=20.0,
            steps=(
                AscensionStep(name="camera", price=2495.0, unit_cost=2100.0, share=0.04, month=1),
                AscensionStep(
                    name="bundle",
                    price=699.0,
                    unit_cost=420.0,
                    share=0.5,
                    month=1,
                    requires="camera",
                ),
            ),
            repeat_price=40.0,
            repeat_cost=25.0,
            repeat_rate=0.05,
            monthly_churn=0.05,
            from_article=("camera.price", "bundle.price"),
            note=(
                "Article 004: a father buys a $2,495 digital camera and adds lenses, a bag and "
                "a tripod as a $699 bundle. The $9 e-book entry offer is illustrative. " + _ASSUMED
            ),
        ),
        OfferPlan(
            name="car_wash",
            entry_product="single car wash",
            entry_price=12.0,
            entry_cost=5.0,
            acquisition_cost=25.0,
            steps=(
                AscensionStep(
                    name="unlimited_plan",
                    price=40.0,
                    unit_cost=22.0,
                    share=0.3,
                    month=1,
                    recurring=True,
                ),
            ),
            repeat_price=12.0,
            repeat_cost=5.0,
            repeat_rate=0.5,
            monthly_churn=0.07,
            from_article=("unlimited_plan.price",),
            note=(
                "Article 004: a customer buys an unlimited car-wash plan for $40 a month instead "
                "of paying per wash. The $12 single wash is illustrative. " + _ASSUMED
            ),
        ),
        OfferPlan(
            name="early_boarding",
            entry_product="introductory fare",
            entry_price=59.0,
            entry_cost=65.0,
            acquisition_cost=20.0,
            steps=(
                AscensionStep(name="early_boarding", price=15.0, unit_cost=1.0, share=0.2, month=0),
            ),
            repeat_price=140.0,
            repeat_cost=120.0,
            repeat_rate=0.2,
            monthly_churn=0.04,
            from_article=("early_boarding.price",),
            note=(
                "Article 004: airline passengers gladly pay $15 extra to board early. The fare "
                "and flight frequency are illustrative. " + _ASSUMED
            ),
        ),
    )
}
"""Article 004's examples as offer plans, in US dollars. ``from_article`` names the figures that
come from the article; everything else (unit costs, acquisition costs, shares, months, churn,
and the entry offers of the ascension examples) is an illustrative assumption for teaching."""


def get_preset(name: str) -> OfferPlan:
    """The preset offer plan ``name`` (see :data:`PRESETS`).

    >>> get_preset("car_wash").steps[0].price
    40.0
    """
    if name not in PRESETS:
        raise ValidationError("preset", f"one of {', '.join(PRESETS)}", got=repr(name))
    return PRESETS[name]


def presets_table(*, discount: float = 0.0) -> pd.DataFrame:
    """The presets side by side, one row each (US dollars per acquired customer).

    Columns: ``preset``, ``entry_product``, ``entry_price``, ``from_article`` (the article's
    figures in the plan, comma-separated), ``first_order_profit``, ``lifetime_value``,
    ``net_value``, ``payback_month`` (missing when never within 240 months).

    >>> presets_table().set_index("preset").loc["domain", "entry_price"]
    np.float64(2.95)
    """
    rows = []
    for name, plan in PRESETS.items():
        s = summarize(plan, discount=discount)
        rows.append(
            (
                name,
                plan.entry_product,
                float(plan.entry_price),
                ", ".join(plan.from_article),
                s.first_order_profit,
                s.lifetime_value,
                s.net_value,
                s.payback_month,
            )
        )
    out = pd.DataFrame(
        rows,
        columns=[
            "preset",
            "entry_product",
            "entry_price",
            "from_article",
            "first_order_profit",
            "lifetime_value",
            "net_value",
            "payback_month",
        ],
    )
    out["payback_month"] = out["payback_month"].astype("Int64")
    return out


# --------------------------------------------------------------------------------------------
# cohort simulation
# --------------------------------------------------------------------------------------------


def simulate_cohort(
    plan: OfferPlan, *, n_customers: int = 1000, months: int = 36, seed: int = 42
) -> pd.DataFrame:
    """Simulate a cohort of customers who bought the entry offer in month 0, month by month.

    Each customer's life is geometric (they leave at the end of a month with probability
    ``monthly_churn``); each step is bought with its ``share`` by customers active in its month
    (who bought ``requires``); repeat purchases in a month are Poisson with mean ``repeat_rate``
    per active customer. Seeded: same arguments, same table. Undiscounted.

    Columns: ``month``; ``active`` (customers active in the month); ``churned`` (leaving at its
    end); ``ascension_orders`` (step purchases and plan payments); ``repeat_orders``; ``margin``
    (total margin earned in the month, currency units); ``margin_per_customer`` (``margin`` /
    ``n_customers``); ``cumulative_profit`` (cumulative margin per customer minus the acquisition
    cost).

    >>> sim = simulate_cohort(get_preset("car_wash"), n_customers=500, months=12, seed=1)
    >>> int(sim.loc[0, "active"])
    500
    """
    plan = _check_plan(plan)
    n = _whole("n_customers", n_customers, lo=1, hi=10_000_000)
    h = _whole("months", months, lo=1, hi=10_000)
    sd = _whole("seed", seed, lo=0)
    rng = np.random.default_rng(sd)
    c = float(plan.monthly_churn)
    # active in months 0 .. life-1
    life = np.minimum(rng.geometric(c, size=n), h + 1) if c > 0 else np.full(n, h + 1)
    # active[t] = #customers with life > t; life is capped at h + 1 (still active at the end)
    ends = np.bincount(life, minlength=h + 2)
    active = n - np.cumsum(ends)[:h]
    churned = ends[1 : h + 1]
    t = np.arange(h)
    asc_orders = np.zeros(h, dtype=np.int64)
    asc_margin = np.zeros(h)
    bought: dict[str, np.ndarray] = {}
    for step in plan.steps:
        eligible = bought[step.requires] if step.requires is not None else np.ones(n, bool)
        draw = rng.random(n) < float(step.share)
        has = draw & eligible & (life > step.month)
        bought[step.name] = has
        if step.recurring:
            alive = has.sum() - np.cumsum(np.bincount(life[has], minlength=h + 2))[:h]
            paying = np.where(t >= step.month, alive, 0)
        else:
            paying = np.where(t == step.month, has.sum(), 0)
        asc_orders += paying
        asc_margin += paying * step.margin
    rep_orders = np.where(t >= 1, rng.poisson(float(plan.repeat_rate) * active), 0)
    margin = (
        np.where(t == 0, n * plan.entry_margin, 0.0) + asc_margin + rep_orders * plan.repeat_margin
    )
    per = margin / n
    return pd.DataFrame(
        {
            "month": t,
            "active": active,
            "churned": churned,
            "ascension_orders": asc_orders,
            "repeat_orders": rep_orders,
            "margin": margin,
            "margin_per_customer": per,
            "cumulative_profit": np.cumsum(per) - float(plan.acquisition_cost),
        }
    )


# --------------------------------------------------------------------------------------------
# shifted-beta-geometric retention (Fader & Hardie 2007)
# --------------------------------------------------------------------------------------------

FADER_HARDIE_2007: dict[str, tuple[int, ...]] = {
    "regular": (1000, 631, 468, 382, 326, 289, 262, 241, 223, 207, 194, 183, 173),
    "high_end": (1000, 869, 743, 653, 593, 551, 517, 491, 468, 445, 427, 409, 394),
}
"""Customers still active at the start of years 0-12 out of 1,000 (Fader & Hardie 2007, "How
to project customer retention", Journal of Interactive Marketing 21(1), Table 1). Fitting
years 0-7 gives alpha = 0.704, beta = 1.182 (regular) and alpha = 0.668, beta = 3.806
(high end), as published."""


def _ab(alpha: float, beta: float) -> tuple[float, float]:
    return (
        _number("alpha", alpha, lo=0, lo_open=True),
        _number("beta", beta, lo=0, lo_open=True),
    )


def sbg_survival(alpha: float, beta: float, periods: int) -> np.ndarray:
    """sBG survival ``S(t) = B(alpha, beta + t) / B(alpha, beta)`` for ``t = 0 .. periods``.

    Each customer has a churn probability drawn from Beta(alpha, beta) and keeps it; ``S(t)``
    is the share of a cohort still active at the start of period ``t``.

    >>> sbg_survival(1.0, 1.0, 3).round(4).tolist()   # S(t) = 1 / (t + 1)
    [1.0, 0.5, 0.3333, 0.25]
    """
    a, b = _ab(alpha, beta)
    n = _whole("periods", periods, lo=0)
    t = np.arange(n + 1)
    return np.exp(special.betaln(a, b + t) - special.betaln(a, b))


def sbg_retention_rates(alpha: float, beta: float, periods: int) -> np.ndarray:
    """Retention rate ``r(t) = S(t) / S(t-1) = (beta + t - 1) / (alpha + beta + t - 1)``.

    For ``t = 1 .. periods``.

    It rises with ``t``: the customers who churn easily leave first.

    >>> sbg_retention_rates(1.0, 1.0, 3).round(4).tolist()
    [0.5, 0.6667, 0.75]
    """
    a, b = _ab(alpha, beta)
    t = np.arange(1, _whole("periods", periods, lo=1) + 1)
    return (b + t - 1) / (a + b + t - 1)


def sbg_discounted_expected_lifetime(alpha: float, beta: float, discount: float) -> float:
    """Discounted expected lifetime ``DEL = sum_t S(t) / (1 + d)**t`` (periods, t from 0).

    Closed form ``2F1(1, beta; alpha + beta; 1 / (1 + d))`` (Fader & Hardie 2010); with ``d = 0``
    it is the expected lifetime ``(alpha + beta - 1) / (alpha - 1)``, infinite when alpha <= 1.
    Multiply by the margin per period for the customer's expected value.

    >>> round(sbg_discounted_expected_lifetime(0.704, 1.182, 0.10), 3)
    3.695
    >>> sbg_discounted_expected_lifetime(3.0, 2.0, 0.0)
    2.0
    """
    a, b = _ab(alpha, beta)
    d = _number("discount", discount, lo=0)
    if d == 0:
        return math.inf if a <= 1 else (a + b - 1) / (a - 1)
    value = float(special.hyp2f1(1.0, b, a + b, 1.0 / (1.0 + d)))
    if math.isfinite(value):
        return value
    # scipy's hyp2f1 gives up for very large alpha, beta: sum the series until terms vanish
    n = min(int(math.ceil(40.0 / math.log1p(d))), 20_000_000)
    t = np.arange(n + 1)
    return float((sbg_survival(a, b, n) * np.exp(-t * math.log1p(d))).sum())


def simulate_sbg_survival(
    alpha: float, beta: float, *, n_customers: int = 1000, periods: int = 8, seed: int = 42
) -> np.ndarray:
    """Customers still active at the start of periods 0 .. periods in a simulated sBG cohort.

    >>> int(simulate_sbg_survival(0.7, 1.2, n_customers=100, periods=3, seed=0)[0])
    100
    """
    a, b = _ab(alpha, beta)
    n = _whole("n_customers", n_customers, lo=1)
    h = _whole("periods", periods, lo=1)
    rng = np.random.default_rng(_whole("seed", seed, lo=0))
    theta = np.clip(rng.beta(a, b, size=n), 1e-12, 1.0)
    life = rng.geometric(theta)  # active periods 0 .. life-1
    ends = np.bincount(np.minimum(life, h + 1), minlength=h + 2)
    return (n - np.cumsum(ends)[: h + 1]).astype(np.int64)


@dataclass(frozen=True)
class SBGFit:
    """A shifted-beta-geometric model fitted to one cohort's survival.

    ``alpha``, ``beta``: parameters of the Beta distribution of churn probabilities;
    ``log_likelihood`` at the optimum; ``observed`` the survival counts it was fitted to.
    """

    alpha: float
    beta: float
    log_likelihood: float
    observed: tuple[float, ...] = field(repr=False)

    @property
    def mean_churn(self) -> float:
        """Average churn probability in the cohort at the start, ``alpha / (alpha + beta)``."""
        return self.alpha / (self.alpha + self.beta)

    def survival(self, periods: int) -> np.ndarray:
        """Fitted share still active at the start of periods 0 .. periods."""
        return sbg_survival(self.alpha, self.beta, periods)

    def discounted_expected_lifetime(self, discount: float) -> float:
        """See :func:`sbg_discounted_expected_lifetime` (periods)."""
        return sbg_discounted_expected_lifetime(self.alpha, self.beta, discount)

    def lifetime_value(self, margin: float, discount: float) -> float:
        """``margin * DEL``: expected discounted margin of a new customer paying each period."""
        return _number("margin", margin) * self.discounted_expected_lifetime(discount)


def _survival_counts(survival: Sequence[float] | np.ndarray | pd.Series) -> np.ndarray:
    try:
        s = np.asarray(survival, dtype=float)
    except (TypeError, ValueError):
        raise ValidationError(
            "survival", "a sequence of numbers (customers active per period)"
        ) from None
    if s.ndim != 1 or s.size < 2:
        raise ValidationError("survival", "at least two periods (a 1-D sequence)", got=s.shape)
    if not np.isfinite(s).all() or (s < 0).any():
        raise ValidationError("survival", "finite numbers >= 0", got=s.tolist())
    if s[0] <= 0:
        raise ValidationError("survival[0]", "the cohort size, > 0", got=s[0])
    if (np.diff(s) > 0).any():
        i = int(np.flatnonzero(np.diff(s) > 0)[0]) + 1
        raise ValidationError(
            f"survival[{i}]", f"at most survival[{i - 1}] = {s[i - 1]:g} (non-increasing)", got=s[i]
        )
    if s[-1] == s[0]:
        raise ValidationError("survival", "at least one customer to churn", got=s.tolist())
    return s


def _sbg_loglik(a: float, b: float, s: np.ndarray) -> float:
    n = s.size - 1
    t = np.arange(1, n + 1)
    base = special.betaln(a, b)
    log_p = special.betaln(a + 1, b + t - 1) - base  # P(churn in period t)
    log_s = special.betaln(a, b + n) - base
    lost = s[:-1] - s[1:]
    return float((lost * log_p).sum() + (s[-1] * log_s if s[-1] > 0 else 0.0))


def fit_sbg(survival: Sequence[float] | np.ndarray | pd.Series) -> SBGFit:
    """Fit the sBG model to a cohort's survival by maximum likelihood (Fader & Hardie 2007).

    ``survival``: customers still active at the start of each period, period 0 first (the cohort
    size). Customers lost in period t contribute ``log P(T = t)``; those still active at the end
    contribute ``log S(n)``. Optimised over ``log alpha, log beta`` with scipy's L-BFGS-B.

    Issues a :class:`~journeykit.errors.FitWarning` naming the parameter when the data do not
    pin the fit down: when ``alpha`` or ``beta`` ends on the search bound (``exp(±12)``; e.g.
    churn the same every period, which the sBG can only reach as ``alpha, beta -> inf``), or when
    the likelihood is flat (the 95 % likelihood interval along its flattest direction spans
    more than a factor 10 in ``alpha``/``beta`` either way: too few periods or customers).

    >>> fit = fit_sbg(FADER_HARDIE_2007["regular"][:8])
    >>> round(fit.alpha, 3), round(fit.beta, 3)
    (0.704, 1.182)
    """
    s = _survival_counts(survival)

    def nll(x: np.ndarray) -> float:
        return -_sbg_loglik(math.exp(x[0]), math.exp(x[1]), s)

    # start from a moment-style guess: mean churn from the first period, moderate spread
    c1 = min(max(1.0 - s[1] / s[0], 1e-3), 1 - 1e-3)
    x0 = np.log([c1, 1.0 - c1])
    res = optimize.minimize(
        nll,
        x0,
        method="L-BFGS-B",
        bounds=[(-12.0, 12.0), (-12.0, 12.0)],
        options={"ftol": 1e-13, "gtol": 1e-9, "maxiter": 2000},
    )
    res2 = optimize.minimize(
        nll, res.x, method="Nelder-Mead", options={"xatol": 1e-9, "fatol": 1e-11, "maxiter": 4000}
    )
    best = res2 if res2.fun <= res.fun else res
    _warn_if_poorly_determined(nll, np.asarray(best.x, float), bound=12.0)
    a, b = np.exp(best.x)
    return SBGFit(float(a), float(b), float(-best.fun), tuple(float(v) for v in s))


_SBG_NAMES = ("alpha", "beta")


def _warn_if_poorly_determined(nll: Any, x: np.ndarray, *, bound: float) -> None:
    """FitWarning when ``x`` (log alpha, log beta) is on the search bound or the likelihood is flat.

    Flat: the smallest curvature ``lam`` of the negative log-likelihood (central differences)
    gives a 95 % likelihood interval of ``±sqrt(3.84 / lam)`` in log space along its direction;
    wider than ``ln 10`` (a factor 10 either way) counts as flat.
    """
    at_bound = [n for n, v in zip(_SBG_NAMES, x, strict=True) if abs(v) >= bound - 1e-6]
    if at_bound:
        which = " and ".join(at_bound)
        where = ", ".join(f"log {n} = {v:.1f}" for n, v in zip(_SBG_NAMES, x, strict=True))
        warnings.warn(
            f"fit_sbg: {which} ended on the search bound ({where}; the bound is ±{bound:g}): the "
            "data do not pin it down (churn that never falls drives alpha and beta to infinity, "
            "a cohort lost in one period drives beta to 0); trust alpha / (alpha + beta), the "
            "mean churn, rather than the parameters themselves",
            FitWarning,
            stacklevel=3,
        )
        return
    h = 1e-3
    hess = np.empty((2, 2))
    eye = np.eye(2) * h
    for i in range(2):
        for j in range(2):
            hess[i, j] = (
                nll(x + eye[i] + eye[j])
                - nll(x + eye[i] - eye[j])
                - nll(x - eye[i] + eye[j])
                + nll(x - eye[i] - eye[j])
            ) / (4 * h * h)
    lam, vec = np.linalg.eigh((hess + hess.T) / 2)
    if lam[0] <= 0 or math.sqrt(3.84 / lam[0]) > math.log(10):
        which = " and ".join(n for n, v in zip(_SBG_NAMES, vec[:, 0], strict=True) if abs(v) > 0.3)
        warnings.warn(
            f"fit_sbg: the likelihood is flat in {which}: values 10 times larger or smaller fit "
            "the survival almost as well (too few periods or customers); add periods before "
            "trusting the forecast",
            FitWarning,
            stacklevel=3,
        )


def sbg_forecast(fit: SBGFit, periods: int) -> pd.DataFrame:
    """Observed vs fitted survival, and the forecast beyond the data.

    Columns: ``period`` (0 ..), ``observed`` (share of the cohort active, missing after the data),
    ``fitted`` (sBG survival share), ``retention_rate`` (fitted ``S(t) / S(t-1)``, missing at
    period 0), ``in_sample`` (True where the period was used to fit).

    >>> fc = sbg_forecast(fit_sbg([100, 60, 45, 38]), periods=6)
    >>> fc["in_sample"].sum(), len(fc)
    (np.int64(4), 7)
    """
    if not isinstance(fit, SBGFit):
        raise ValidationError("fit", "an SBGFit (from fit_sbg)", got=type(fit).__name__)
    h = _whole("periods", periods, lo=1)
    obs = np.asarray(fit.observed, float)
    n = max(h, obs.size - 1)
    fitted = fit.survival(n)
    observed = np.full(n + 1, np.nan)
    observed[: obs.size] = obs / obs[0]
    ret = np.concatenate([[np.nan], fitted[1:] / fitted[:-1]])
    return pd.DataFrame(
        {
            "period": np.arange(n + 1),
            "observed": observed,
            "fitted": fitted,
            "retention_rate": ret,
            "in_sample": np.arange(n + 1) < obs.size,
        }
    )


# --------------------------------------------------------------------------------------------
# measured from data (journeykit.synth tables or a learner's own)
# --------------------------------------------------------------------------------------------

_ASCENDED = ("core", "ascension")
_BY = ("acquisition_channel", "entry_offer")


def _offer_types(name: str, value: object) -> tuple[str, ...]:
    items = (value,) if isinstance(value, str) else value
    try:
        items = tuple(items)  # type: ignore[arg-type]
    except TypeError:
        items = ()
    if not items or any(v not in OFFER_TYPES for v in items):
        raise ValidationError(name, f"offer types among {', '.join(OFFER_TYPES)}", got=repr(value))
    return items  # type: ignore[return-value]


def _customers(
    orders: pd.DataFrame, from_offer: str = "entry", to_offers: tuple[str, ...] = _ASCENDED
) -> pd.DataFrame:
    """One row per user with a ``from_offer`` order: its first time/product, ascended flag
    (a ``to_offers`` order at or after it), order totals."""
    o = validate_table("orders", orders)
    entry = o[o["offer_type"] == from_offer].sort_values(["timestamp", "order_id"])
    first = entry.drop_duplicates("user_id").set_index("user_id")
    cust = pd.DataFrame(
        {"entry_time": first["timestamp"], "entry_offer": first["product"].astype("string")}
    )
    up = o[o["offer_type"].isin(to_offers)]
    up = up.join(cust["entry_time"], on="user_id", how="inner")
    later = up[up["timestamp"] >= up["entry_time"]]
    cust["ascended"] = cust.index.isin(later["user_id"])
    o = o.assign(margin=o["price"] - o["cost"])
    totals = (
        o[o["user_id"].isin(cust.index)]
        .groupby("user_id")
        .agg(orders=("order_id", "size"), revenue=("price", "sum"), margin=("margin", "sum"))
    )
    cust = cust.join(totals)
    cust.index.name = "user_id"
    return cust


def _with_group(cust: pd.DataFrame, by: str | None, users: pd.DataFrame | None) -> pd.DataFrame:
    if by is None:
        return cust.assign(group="all")
    if by not in _BY:
        raise ValidationError("by", f"None or one of {', '.join(_BY)}", got=repr(by))
    if by == "entry_offer":
        return cust.assign(group=cust["entry_offer"])
    if users is None:
        raise ValidationError("users", "the users table when by='acquisition_channel'")
    u = validate_table("users", users).set_index("user_id")
    missing = ~cust.index.isin(u.index)
    if missing.any():
        raise SchemaError(
            "orders", "user_id", "user ids not in users.user_id", list(cust.index[missing][:10])
        )
    return cust.assign(group=u["acquisition_channel"].reindex(cust.index).astype("string"))


def ascension_rate(
    orders: pd.DataFrame,
    *,
    users: pd.DataFrame | None = None,
    by: str | None = None,
    from_offer: str = "entry",
    to_offers: str | Sequence[str] = _ASCENDED,
) -> float | pd.DataFrame:
    """Observed ascension rate: share of entry-offer buyers who buy a core or ascension offer
    at or after their first entry order.

    ``from_offer`` and ``to_offers`` move up the ladder: ``from_offer="core",
    to_offers="ascension"`` gives the share of core buyers who go on to the ascension offer.

    ``by=None`` returns one share (0-1). ``by="acquisition_channel"`` (needs ``users``) or
    ``by="entry_offer"`` (the product of the first entry order) returns a table with columns
    ``<by>``, ``customers`` (entry buyers), ``ascended`` (of them, who ascended) and
    ``ascension_rate`` (``ascended / customers``). Observed within the data window: customers
    who joined late had less time to ascend.

    >>> import pandas as pd
    >>> orders = pd.DataFrame({"order_id": [1, 2, 3, 4], "user_id": [1, 1, 2, 3],
    ...     "timestamp": pd.to_datetime(["2024-01-01", "2024-02-01", "2024-01-05", "2024-01-09"]),
    ...     "offer_type": ["entry", "core", "entry", "entry"], "product": ["book"] * 4,
    ...     "price": [8.0, 500.0, 8.0, 8.0], "cost": [4.0, 150.0, 4.0, 4.0]})
    >>> round(ascension_rate(orders), 4)
    0.3333
    """
    src = _offer_types("from_offer", from_offer)
    if len(src) != 1:
        raise ValidationError("from_offer", "one offer type", got=repr(from_offer))
    dst = _offer_types("to_offers", to_offers)
    cust = _with_group(_customers(orders, src[0], dst), by, users)
    if by is None:
        return float(cust["ascended"].mean()) if len(cust) else math.nan
    out = (
        cust.groupby("group", observed=True)
        .agg(customers=("ascended", "size"), ascended=("ascended", "sum"))
        .reset_index()
        .rename(columns={"group": by})
    )
    out["ascension_rate"] = out["ascended"] / out["customers"]
    return out.sort_values("customers", ascending=False, kind="stable").reset_index(drop=True)


def observed_ltv(
    orders: pd.DataFrame,
    *,
    users: pd.DataFrame | None = None,
    events: pd.DataFrame | None = None,
    by: str | None = "acquisition_channel",
) -> pd.DataFrame:
    """Observed (truncated) lifetime value of entry-offer customers, per group.

    It sums what each customer actually bought within the data window, so it is a *lower bound*
    on lifetime value: customers who joined late are cut off early (right-censored). Compare
    groups that joined over the same period, and use :func:`fit_sbg` or the closed forms to
    project beyond the window.

    Columns: ``<by>`` (or ``group`` = ``"all"`` when ``by=None``), ``customers`` (entry buyers),
    ``orders_per_customer``, ``revenue_per_customer``, ``margin_per_customer`` (price minus cost
    summed per customer, averaged: the observed LTV, currency units), ``ascension_rate``. With
    ``events`` and ``by="acquisition_channel"`` also ``spend`` (total ``events.cost`` on that
    channel), ``acquisition_cost`` (``spend / customers``) and ``ltv_to_cac``
    (``margin_per_customer / acquisition_cost``; missing when nothing was spent).
    """
    cust = _with_group(_customers(orders), by, users)
    key = by or "group"
    out = (
        cust.groupby("group", observed=True)
        .agg(
            customers=("ascended", "size"),
            orders_per_customer=("orders", "mean"),
            revenue_per_customer=("revenue", "mean"),
            margin_per_customer=("margin", "mean"),
            ascension_rate=("ascended", "mean"),
        )
        .reset_index()
        .rename(columns={"group": key})
    )
    if events is not None and by == "acquisition_channel":
        ev = validate_table("events", events)
        spend = ev.groupby(ev["channel"].astype("string"))["cost"].sum()
        out["spend"] = out[key].map(spend).fillna(0.0).astype(float)
        out["acquisition_cost"] = out["spend"] / out["customers"]
        cac = out["acquisition_cost"].where(out["acquisition_cost"] > 0)
        out["ltv_to_cac"] = out["margin_per_customer"] / cac
    return out.sort_values("customers", ascending=False, kind="stable").reset_index(drop=True)
