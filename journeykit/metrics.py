"""Per-stage metrics of the customer journey (article 001), computed from the five tables.

Article 001 lists what to watch at each stage: Awareness - SEO rank, website visits,
subscriptions, social-media engagement; Consideration - click-through rate, cost per click,
engagement; Decision / Purchase - sales, conversion rate, leads, cost per conversion; Retention -
loyalty, feedback, customer satisfaction; Advocacy - reviews, referrals. The stage models in
:mod:`journeykit.stages` name these metrics by key; this module defines every key once, and the
same definition is used by the journey score (:mod:`journeykit.score`), the plots and the lessons.

Definitions (``reached`` = people with at least one event; ``customers`` = people with at least
one order; shares are between 0 and 1; money in the data set's currency):

======================  ==========================================================  ===================
key                     definition                                                  unit
======================  ==========================================================  ===================
reach                   people with at least one event                              people
seo_rank                an **input** (position in search results, 1 = top); pass    rank
                        ``inputs={"seo_rank": 3}``; NaN when not given
impressions             ``impression`` events                                       events
visits                  ``visit`` events                                            events
subscriptions           ``subscribe`` events (sign-ups)                             events
social_engagement       ``engage`` events (likes, comments, shares)                 events
click_through_rate      ``click`` events / ``impression`` events                    share
cost_per_click          cost of paid clicks / paid clicks (a paid click is a        currency per click
                        ``click`` event with ``cost > 0``)
engagement              people who reached the Engage step or later / reached       share
sales                   orders                                                      orders
revenue                 sum of ``orders.price``                                     currency
customers               people with at least one order                              people
leads                   people with at least one ``subscribe`` event (they gave     people
                        their contact details)
conversion_rate         customers / reached                                         share
cost_per_conversion     sum of ``events.cost`` (all touches) / customers: what one  currency per customer
                        new customer cost
repeat_purchase_rate    customers with 2 or more orders / customers                 share
loyalty                 orders / customers (purchase frequency)                     orders per customer
ascension_rate          entry-offer customers with a core or ascension order at or  share
                        after their first entry order / entry-offer customers (as
                        :func:`journeykit.offers.ascension_rate`)
average_order_value     revenue / orders                                            currency per order
time_to_first_value     median days from a customer's first order to their first    days
                        ``onboard`` event at or after it (customers with one)
csat                    survey CSAT answers of 4 or 5 / CSAT answers (1-5 scale)    share
feedback                customers who answered the survey / customers               share
nps                     100 x (NPS answers 9-10 minus answers 0-6) / NPS answers    points (-100..100)
reviews                 ``review`` events / customers                               per customer
referrals               invitees who signed up / customers                          per customer
viral_coefficient       invitees of customers who signed up / customers: the        per customer
                        course's K (invites per customer x invite conversion), as
                        :func:`journeykit.referrals.observed_k` (its default
                        ``base="customers"``) when every customer has an event
viral_coefficient_      invitees who signed up / people reached: K per person       new people per person
reached                 reached (``observed_k(base="users")`` when everyone has an
                        event)
======================  ==========================================================  ===================

Breakdowns (``by="persona" | "channel" | "device" | "campaign" | "cohort"``) put each person in
one group (:func:`journeykit.funnels.user_groups`: channel, device and campaign are first touch)
and compute every metric on that group's people: "the journey of people who came through email".

>>> import pandas as pd
>>> from journeykit.schema import Tables
>>> ev = pd.DataFrame({"event_id": [1, 2, 3, 4], "user_id": [1, 1, 1, 2],
...     "timestamp": pd.to_datetime(["2024-01-01", "2024-01-01", "2024-01-02", "2024-01-01"]),
...     "channel": ["social_ads", "social_ads", "direct", "email"],
...     "device": ["mobile"] * 4, "event_type": ["impression", "click", "purchase", "impression"],
...     "stage": ["aware", "engage", "convert", "aware"], "cost": [0.0, 500.0, 0.0, 0.0]})
>>> orders = pd.DataFrame({"order_id": [1], "user_id": [1],
...     "timestamp": pd.to_datetime(["2024-01-02"]), "offer_type": ["entry"],
...     "product": ["latte"], "price": [30000.0], "cost": [9000.0]})
>>> tables = Tables(users=pd.DataFrame(), events=ev, orders=orders,
...     referrals=pd.DataFrame(), survey=pd.DataFrame())
>>> m = metric_table(tables, metrics=["click_through_rate", "conversion_rate", "cost_per_conversion"])
>>> m.round(2).to_dict("records")
[{'click_through_rate': 0.5, 'conversion_rate': 0.5, 'cost_per_conversion': 500.0}]
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from journeykit.errors import ParameterError, SchemaError
from journeykit.funnels import check_breakdown, group_order, stage_reached, user_groups
from journeykit.i18n import LABELS, check_lang, t
from journeykit.schema import Tables, checked_columns, get_table
from journeykit.stages import StageModel, get_model

__all__ = [
    "Metric",
    "METRICS",
    "UNITS",
    "metric_info",
    "user_facts",
    "metric_table",
    "metrics_from_facts",
    "stage_metrics",
    "cohort_retention",
    "format_metric",
    "readable_stage_metrics",
]

UNITS: tuple[str, ...] = (
    "people",
    "events",
    "orders",
    "share",
    "currency",
    "currency_per_click",
    "currency_per_customer",
    "currency_per_order",
    "orders_per_customer",
    "per_customer",
    "per_person",
    "days",
    "points",
    "rank",
)
"""Unit keys of the metrics (labels: ``journeykit.i18n`` keys ``unit.<key>``)."""


@dataclass(frozen=True)
class Metric:
    """How one metric is computed from per-person facts (see :func:`user_facts`).

    ``how``: ``"sum"`` (sum of ``numerator`` over the group's people), ``"ratio"`` (sum of
    ``numerator`` / sum of ``denominator``, times ``scale``), ``"median"`` (median of
    ``numerator`` over people who have a value) or ``"input"`` (given by the caller).
    ``higher_is_better`` is what the journey score uses to orient the metric.
    """

    key: str
    how: Literal["sum", "ratio", "median", "input"]
    unit: str
    numerator: str = ""
    denominator: str = ""
    scale: float = 1.0
    higher_is_better: bool = True
    definition: str = ""

    def label(self, lang: str = "en") -> str:
        """The metric's name in ``lang``."""
        return t(f"metric.{self.key}", lang)


def _m(key, how, unit, num="", den="", definition="", scale=1.0, higher=True) -> Metric:  # noqa: ANN001
    return Metric(key, how, unit, num, den, scale, higher, definition)


METRICS: dict[str, Metric] = {
    m.key: m
    for m in (
        _m("reach", "sum", "people", "reached", definition="people with at least one event"),
        _m("seo_rank", "input", "rank", higher=False, definition="input: search position, 1 = top"),
        _m("impressions", "sum", "events", "impressions", definition="impression events"),
        _m("visits", "sum", "events", "visits", definition="visit events"),
        _m("subscriptions", "sum", "events", "subscribe_events", definition="subscribe events"),
        _m("social_engagement", "sum", "events", "engage_events", definition="engage events"),
        _m(
            "click_through_rate",
            "ratio",
            "share",
            "clicks",
            "impressions",
            "click events / impression events",
        ),
        _m(
            "cost_per_click",
            "ratio",
            "currency_per_click",
            "paid_click_cost",
            "paid_clicks",
            "cost of click events with cost > 0 / number of such clicks",
            higher=False,
        ),
        _m(
            "engagement",
            "ratio",
            "share",
            "engaged",
            "reached",
            "people who reached the Engage step or later / people reached",
        ),
        _m("sales", "sum", "orders", "orders", definition="orders"),
        _m("revenue", "sum", "currency", "revenue", definition="sum of order prices"),
        _m("customers", "sum", "people", "customer", definition="people with at least one order"),
        _m("leads", "sum", "people", "lead", definition="people with a subscribe event"),
        _m("conversion_rate", "ratio", "share", "customer", "reached", "customers / reached"),
        _m(
            "cost_per_conversion",
            "ratio",
            "currency_per_customer",
            "cost",
            "customer",
            "cost of all touches / customers",
            higher=False,
        ),
        _m(
            "repeat_purchase_rate",
            "ratio",
            "share",
            "repeat",
            "customer",
            "customers with 2+ orders / customers",
        ),
        _m("loyalty", "ratio", "orders_per_customer", "orders", "customer", "orders / customers"),
        _m(
            "ascension_rate",
            "ratio",
            "share",
            "ascended",
            "entry_customer",
            "entry-offer customers with a core/ascension order at or after their first entry "
            "order / entry-offer customers",
        ),
        _m(
            "average_order_value",
            "ratio",
            "currency_per_order",
            "revenue",
            "orders",
            "revenue / orders",
        ),
        _m(
            "time_to_first_value",
            "median",
            "days",
            "ttfv_days",
            definition="median days from first order to first onboard event",
            higher=False,
        ),
        _m("csat", "ratio", "share", "csat_satisfied", "csat_answers", "CSAT 4-5 / CSAT answers"),
        _m(
            "feedback",
            "ratio",
            "share",
            "customer_responded",
            "customer",
            "customers who answered the survey / customers",
        ),
        _m(
            "nps",
            "ratio",
            "points",
            "nps_net",
            "nps_answers",
            "100 x (promoters - detractors) / NPS answers",
            scale=100.0,
        ),
        _m("reviews", "ratio", "per_customer", "reviews", "customer", "review events / customers"),
        _m(
            "referrals",
            "ratio",
            "per_customer",
            "referral_signups",
            "customer",
            "invitees who signed up / customers",
        ),
        _m(
            "viral_coefficient",
            "ratio",
            "per_customer",
            "customer_referral_signups",
            "customer",
            "invitees of customers who signed up / customers (the course's K)",
        ),
        _m(
            "viral_coefficient_reached",
            "ratio",
            "per_person",
            "referral_signups",
            "reached",
            "invitees who signed up / people reached (K per person reached)",
        ),
    )
}
"""Every metric, by key (the keys the stage models in :mod:`journeykit.stages` use)."""


def metric_info(lang: str = "en") -> pd.DataFrame:
    """One row per metric: ``metric`` (key), ``label`` (in ``lang``), ``unit`` (unit label in
    ``lang``), ``higher_is_better`` and ``definition`` (English, as in the module docstring).

    >>> metric_info("id").set_index("metric").loc["click_through_rate", "label"]
    'Rasio klik tayang (CTR)'
    """
    check_lang(lang)
    return pd.DataFrame(
        {
            "metric": list(METRICS),
            "label": [m.label(lang) for m in METRICS.values()],
            "unit": [t(f"unit.{m.unit}", lang) for m in METRICS.values()],
            "higher_is_better": [m.higher_is_better for m in METRICS.values()],
            "definition": [m.definition for m in METRICS.values()],
        }
    )


_EVENT_COLS = ("user_id", "timestamp", "event_type")
"""Events columns the facts need; ``stage`` (else mapped from ``event_type``, see
:func:`journeykit.funnels.event_cvj_steps`) and ``cost`` (else 0) are optional."""


def _needs(metrics: Iterable[Metric]) -> set[str]:
    facts = set()
    for m in metrics:
        facts |= {m.numerator, m.denominator} - {""}
    return facts


_ORDER_FACTS = {
    "orders",
    "revenue",
    "customer",
    "repeat",
    "entry_customer",
    "ascended",
    "ttfv_days",
    "customer_referral_signups",
}
_SURVEY_FACTS = {"csat_satisfied", "csat_answers", "nps_net", "nps_answers", "customer_responded"}
_REFERRAL_FACTS = {"referral_signups", "customer_referral_signups"}


def user_facts(
    tables: Tables | Mapping[str, pd.DataFrame], *, facts: Iterable[str] | None = None
) -> pd.DataFrame:
    """Per-person counts the metrics are built from: one row per person with an event.

    Index ``user_id``; columns (all per person): ``reached`` (1), ``impressions``, ``clicks``,
    ``visits``, ``engage_events``, ``subscribe_events``, ``reviews`` (event counts),
    ``paid_clicks`` and ``paid_click_cost`` (clicks with ``cost > 0`` and their cost), ``cost``
    (cost of all touches), ``engaged`` (1 if the Engage step or later was reached), ``lead``
    (1 if a ``subscribe`` event), ``orders``, ``revenue``, ``customer`` (1 if an order),
    ``repeat`` (1 if 2+ orders), ``entry_customer`` (1 if an entry-offer order), ``ascended``
    (1 if a core/ascension order at or after the first entry order), ``ttfv_days`` (days from first order to first onboard event at or after it; NaN
    if none), ``csat_answers``, ``csat_satisfied`` (answers 4-5), ``nps_answers``, ``nps_net``
    (answers 9-10 minus answers 0-6), ``customer_responded`` (1 if a customer answered the
    survey), ``referral_signups`` (invitees of this person who signed up),
    ``customer_referral_signups`` (the same, 0 when the person is not a customer).

    ``facts`` limits the work to the named columns' tables (orders, survey, referrals are only
    read when needed). Events need ``user_id``, ``timestamp``, ``event_type``; without a
    ``stage`` column the Engage step comes from the event names (GA4's by default), without a
    ``cost`` column every touch costs 0. The counts by event type use the synthetic data's
    names (``impression``, ``click``, ``visit`` ...); other names count 0 there.
    """
    wanted = set(facts) if facts is not None else None

    def need(group: set[str]) -> bool:
        return wanted is None or bool(wanted & group)

    ev = get_table(tables, "events", _EVENT_COLS)
    if "cost" not in ev.columns:  # a real export without spend: no touch cost anything
        ev = ev.assign(cost=0.0)
    people = pd.Index(np.sort(ev["user_id"].unique()), name="user_id")
    out = pd.DataFrame(index=people)
    out["reached"] = 1
    counts = ev.groupby(["user_id", "event_type"]).size().unstack("event_type", fill_value=0)
    for col, et in (
        ("impressions", "impression"),
        ("clicks", "click"),
        ("visits", "visit"),
        ("engage_events", "engage"),
        ("subscribe_events", "subscribe"),
        ("reviews", "review"),
    ):
        out[col] = (counts[et] if et in counts else pd.Series(dtype="int64")).reindex(
            people, fill_value=0
        )
    paid = ev[(ev["event_type"] == "click") & (ev["cost"] > 0)]
    out["paid_clicks"] = paid.groupby("user_id").size().reindex(people, fill_value=0)
    out["paid_click_cost"] = paid.groupby("user_id")["cost"].sum().reindex(people, fill_value=0.0)
    out["cost"] = ev.groupby("user_id")["cost"].sum().reindex(people, fill_value=0.0)
    out["engaged"] = (stage_reached(ev, "cvj").reindex(people, fill_value=0) >= 1).astype("int64")
    out["lead"] = (out["subscribe_events"] > 0).astype("int64")

    if need(_ORDER_FACTS | _SURVEY_FACTS | {"customer"}):
        od = get_table(tables, "orders", ["order_id", "user_id", "timestamp", "price"])
        od = od.sort_values(["user_id", "timestamp", "order_id"], kind="stable")
        stray = ~od["user_id"].isin(people)
        if stray.any():
            raise SchemaError(
                "orders", "user_id", "buyers with no event in events", list(od.index[stray][:10])
            )
        grouped = od.groupby("user_id")
        out["orders"] = grouped.size().reindex(people, fill_value=0)
        out["revenue"] = grouped["price"].sum().reindex(people, fill_value=0.0)
        out["customer"] = (out["orders"] > 0).astype("int64")
        out["repeat"] = (out["orders"] >= 2).astype("int64")
        if "offer_type" in od.columns:
            entry_time = od[od["offer_type"] == "entry"].groupby("user_id")["timestamp"].min()
            out["entry_customer"] = people.isin(entry_time.index).astype("int64")
            up = od[od["offer_type"].isin(["core", "ascension"])]
            # (Series.reindex, not .map: .map with an empty datetime Series fails in pandas)
            since = entry_time.reindex(up["user_id"]).to_numpy()
            up = up[(up["timestamp"] >= since).to_numpy()]  # NaT (no entry order) drops out
            out["ascended"] = people.isin(up["user_id"]).astype("int64")
        else:  # no offer types in the data: entry and ascension cannot be told, so unknown
            out["entry_customer"] = np.nan
            out["ascended"] = np.nan
        first_order = grouped["timestamp"].min()
        onboard = ev.loc[ev["event_type"] == "onboard", ["user_id", "timestamp"]]
        onboard = onboard.assign(first=first_order.reindex(onboard["user_id"]).to_numpy())
        onboard = onboard[onboard["timestamp"] >= onboard["first"]]
        first_value = onboard.groupby("user_id")["timestamp"].min()
        ttfv = (first_value - first_order.reindex(first_value.index)).dt.total_seconds() / 86_400
        out["ttfv_days"] = ttfv.reindex(people)

    if need(_SURVEY_FACTS):
        sv = checked_columns("survey", tables, ["user_id", "nps", "csat"])
        g = sv.groupby("user_id")
        out["csat_answers"] = g["csat"].count().reindex(people, fill_value=0)
        out["csat_satisfied"] = (
            (sv["csat"] >= 4)
            .fillna(False)
            .groupby(sv["user_id"])
            .sum()
            .reindex(people, fill_value=0)
        )
        out["nps_answers"] = g["nps"].count().reindex(people, fill_value=0)
        net = (sv["nps"] >= 9).fillna(False).astype("int64") - (sv["nps"] <= 6).fillna(
            False
        ).astype("int64")
        out["nps_net"] = net.groupby(sv["user_id"]).sum().reindex(people, fill_value=0)
        answered = pd.Series(1, index=pd.Index(sv["user_id"].unique())).reindex(
            people, fill_value=0
        )
        out["customer_responded"] = (answered.astype(bool) & out["customer"].astype(bool)).astype(
            "int64"
        )

    if need(_REFERRAL_FACTS):
        rf = checked_columns("referrals", tables, ["inviter_id", "invitee_id"])
        signed = rf[rf["invitee_id"].notna()]
        out["referral_signups"] = signed.groupby("inviter_id").size().reindex(people, fill_value=0)
        if "customer" in out:
            out["customer_referral_signups"] = out["referral_signups"] * out["customer"]
    return out


def _metric_keys(metrics: Iterable[str] | None) -> list[str]:
    if metrics is None:
        return list(METRICS)
    if isinstance(metrics, str):
        metrics = [metrics]
    keys = list(metrics)
    for k in keys:
        if k not in METRICS:
            raise ParameterError(
                f"metrics: unknown metric {k!r}; expected keys of journeykit.metrics.METRICS"
            )
    return keys


def _check_inputs(inputs: Mapping[str, float] | None) -> dict[str, float]:
    inputs = dict(inputs or {})
    for k, v in inputs.items():
        if k not in METRICS or METRICS[k].how != "input":
            allowed = [m.key for m in METRICS.values() if m.how == "input"]
            raise ParameterError(f"inputs: {k!r} is not an input metric; expected one of {allowed}")
        if isinstance(v, bool) or not isinstance(v, int | float) or not np.isfinite(v):
            raise ParameterError(f"inputs: {k} expected a number, got {v!r}")
    return inputs


def metrics_from_facts(
    facts: pd.DataFrame,
    groups: pd.Series,
    metrics: Iterable[str] | None = None,
    inputs: Mapping[str, float] | None = None,
) -> pd.DataFrame:
    """Metrics per group from :func:`user_facts` (one row per group, one column per metric).

    :func:`metric_table` is ``user_facts`` then this; call the two yourself when the same
    people are regrouped many times (a widget's filters): the facts are computed once and each
    regrouping costs one ``groupby``. ``groups`` is aligned with ``facts``' index; a person
    whose group is missing is left out.

    >>> facts = pd.DataFrame({"visits": [3, 1, 0], "customer": [1, 0, 0], "reached": [1, 1, 1]})
    >>> metrics_from_facts(facts, pd.Series(["a", "a", "b"]), ["visits", "conversion_rate"])
       visits  conversion_rate
    a     4.0              0.5
    b     0.0              0.0
    """
    keys = _metric_keys(metrics)
    inputs = _check_inputs(inputs)
    sums = facts.groupby(groups, observed=True).sum(min_count=0)
    out = pd.DataFrame(index=sums.index)
    for k in keys:
        m = METRICS[k]
        if m.how == "input":
            out[k] = float(inputs[k]) if k in inputs else np.nan
        elif m.how == "sum":
            out[k] = sums[m.numerator].astype("float64")
        elif m.how == "median":
            out[k] = facts[m.numerator].groupby(groups, observed=True).median()
        else:
            num = sums[m.numerator].astype("float64")
            den = sums[m.denominator].astype("float64")
            out[k] = (num / den.where(den > 0)) * m.scale
    return out


def metric_table(
    tables: Tables | Mapping[str, pd.DataFrame],
    *,
    by: str | None = None,
    metrics: Iterable[str] | None = None,
    inputs: Mapping[str, float] | None = None,
) -> pd.DataFrame:
    """Metrics as a wide table: one row per group (one row ``"all"`` without ``by``), one column
    per metric key (definitions and units: module docstring). A ratio whose denominator is 0 is
    NaN (e.g. cost per click with no paid clicks).

    The index is named ``by`` (or ``"group"``). ``inputs`` gives input metrics (``seo_rank``).
    """
    by = check_breakdown(by)
    keys = _metric_keys(metrics)
    inputs = _check_inputs(inputs)
    facts = user_facts(tables, facts=_needs(METRICS[k] for k in keys))
    if by is None:
        groups = pd.Series("all", index=facts.index)
        order = ["all"]
    else:
        users = get_table(tables, "users") if by in ("persona", "cohort") else None
        groups = user_groups(get_table(tables, "events"), by, users=users).reindex(facts.index)
        order = group_order(by, groups)
    out = metrics_from_facts(facts, groups.rename(by or "group"), keys, inputs).reindex(order)
    counts = [k for k in keys if METRICS[k].how == "sum"]
    out[counts] = out[counts].fillna(0.0)  # a group with nobody in it (no events at all)
    return out.rename_axis(by or "group")


def _absent(tables: object, name: str) -> bool:
    if isinstance(tables, Mapping):
        return tables.get(name) is None
    return getattr(tables, name, None) is None


def _tables_of(metric: Metric) -> set[str]:
    """The tables besides events that a metric's facts come from."""
    facts = _needs([metric])
    out = set()
    if facts & (_ORDER_FACTS | {"customer"}):
        out.add("orders")
    if facts & _SURVEY_FACTS:
        out |= {"orders", "survey"}
    if facts & _REFERRAL_FACTS:
        out.add("referrals")
    return out


def stage_metrics(
    tables: Tables | Mapping[str, pd.DataFrame],
    model: str | StageModel = "five",
    *,
    by: str | None = None,
    inputs: Mapping[str, float] | None = None,
    lang: str = "en",
) -> pd.DataFrame:
    """The metrics of each stage of ``model`` (the keys its stages list), one row per (stage, metric).

    Columns: ``[by]``, ``stage`` (key), ``stage_label``, ``metric`` (key), ``metric_label``,
    ``value`` and ``unit`` (unit key; label with ``t("unit." + unit, lang)``). Without ``by``
    there is one block; with ``by`` one block per group. A custom model may list metric keys
    this module does not define; those are left out (see :data:`METRICS` for the keys). A
    metric whose table is not given (a real export without survey or referrals) is NaN.

    >>> from journeykit.synth import generate
    >>> sm = stage_metrics(generate("coffee", n_users=300, seed=1), "five")
    >>> sm[sm["stage"] == "consideration"]["metric"].tolist()
    ['click_through_rate', 'cost_per_click', 'engagement']
    """
    m = get_model(model)
    check_lang(lang)
    pairs = [(s, k) for s in m.stages for k in s.metrics if k in METRICS]
    keys = sorted({k for _, k in pairs})
    # a real data set may lack a table (no survey, no referrals): its metrics are NaN, not an error
    absent = {name for name in ("orders", "survey", "referrals") if _absent(tables, name)}
    measurable = [k for k in keys if not (_tables_of(METRICS[k]) & absent)]
    wide = metric_table(tables, by=by, metrics=measurable, inputs=inputs).reindex(columns=keys)
    rows = []
    for group, values in wide.iterrows():  # one iteration per group, not per person
        for s, k in pairs:
            row = {
                "stage": s.key,
                "stage_label": s.label(lang),
                "metric": k,
                "metric_label": METRICS[k].label(lang),
                "value": values[k],
                "unit": METRICS[k].unit,
            }
            if by is not None:
                row = {by: group, **row}
            rows.append(row)
    return pd.DataFrame(rows)


def format_metric(value: float, unit: str) -> str:
    """A metric value as text for a table: shares as percentages, money and counts with
    thousands separators, NPS with its sign; NaN as an en dash.

    >>> format_metric(0.1234, "share"), format_metric(15000, "currency_per_customer")
    ('12.3 %', '15,000')
    >>> format_metric(20, "points"), format_metric(float("nan"), "days")
    ('+20', '–')
    """
    if unit not in UNITS:
        raise ParameterError(f"unit: expected one of {', '.join(UNITS)}, got {unit!r}")
    if value is None or not np.isfinite(value):
        return "–"
    if unit == "share":
        return f"{100 * value:.1f} %"
    if unit == "points":
        return f"{value:+.0f}"
    if unit in ("days",):
        return f"{value:.1f}"
    if unit in ("orders_per_customer", "per_customer", "per_person"):
        return f"{value:.2f}"
    if unit == "rank":
        return f"{value:.0f}"
    return f"{value:,.0f}"  # people, events, orders, money


def readable_stage_metrics(table: pd.DataFrame, *, lang: str = "en") -> pd.DataFrame:
    """The output of :func:`stage_metrics` as a table to read: stage, metric, value and unit,
    with labels and column names in ``lang`` and values formatted by :func:`format_metric`.
    A breakdown column, if any, is kept first.
    """
    check_lang(lang)
    need = {"stage_label", "metric_label", "value", "unit"}
    if not isinstance(table, pd.DataFrame) or not need <= set(table.columns):
        raise ParameterError("table: expected the output of journeykit.metrics.stage_metrics")
    out = pd.DataFrame(
        {
            t("stage", lang): table["stage_label"],
            t("metrics.metric", lang): table["metric_label"],
            t("metrics.value", lang): [
                format_metric(v, u) for v, u in zip(table["value"], table["unit"], strict=True)
            ],
            t("metrics.unit", lang): [t(f"unit.{u}", lang) for u in table["unit"]],
        }
    )
    extra = [c for c in table.columns if c not in need | {"stage", "metric"}]
    for c in reversed(extra):
        out.insert(0, t(f"breakdown.{c}", lang) if f"breakdown.{c}" in LABELS else c, table[c])
    return out


def cohort_retention(
    orders: pd.DataFrame,
    users: pd.DataFrame | None = None,
    period: str = "M",
    *,
    cohort_by: Literal["first_seen", "first_order"] = "first_seen",
) -> pd.DataFrame:
    """Retention by cohort: of the people in each cohort, the share who ordered k periods later.

    ``period``: ``"D"``, ``"W"``, ``"M"`` (default) or ``"Q"``. ``cohort_by="first_seen"``: a
    cohort is everyone first seen in a period, and column ``k`` is the share of them who placed an
    order in the period k after it (column 0: in the same period). ``cohort_by="first_order"``: a
    cohort is the customers whose first order fell in a period (column 0 is then 1.0), the classic
    repeat-purchase view, which needs the orders table alone (``users`` may be ``None``). Periods
    after the last one in the data are NaN (not yet observed), not 0.

    Returns a table indexed by ``cohort`` (period as text, e.g. ``"2024-01"``) with
    ``cohort_size`` (people) and one column per offset ``0, 1, 2, ...`` (shares 0-1).

    >>> users = pd.DataFrame({"user_id": [1, 2, 3],
    ...     "first_seen": pd.to_datetime(["2024-01-05", "2024-01-20", "2024-02-03"])})
    >>> orders = pd.DataFrame({"order_id": [1, 2, 3], "user_id": [1, 1, 3],
    ...     "timestamp": pd.to_datetime(["2024-01-06", "2024-02-10", "2024-02-04"])})
    >>> cohort_retention(orders, users)
             cohort_size    0    1
    cohort
    2024-01            2  0.5  0.5
    2024-02            1  1.0  NaN
    """
    if period not in ("D", "W", "M", "Q"):
        raise ParameterError(f"period: expected one of 'D', 'W', 'M', 'Q', got {period!r}")
    if cohort_by not in ("first_seen", "first_order"):
        raise ParameterError(
            f"cohort_by: expected 'first_seen' or 'first_order', got {cohort_by!r}"
        )
    od = checked_columns("orders", orders, ["order_id", "user_id", "timestamp"])
    if users is None:
        if cohort_by == "first_seen":
            raise ParameterError(
                "users: cohort_by='first_seen' needs the users table; pass users=... or "
                "cohort_by='first_order' (orders alone)"
            )
        us = pd.DataFrame(
            {"user_id": od["user_id"].iloc[:0], "first_seen": od["timestamp"].iloc[:0]}
        )
    else:
        us = checked_columns("users", users, ["user_id", "first_seen"])
        stray = ~od["user_id"].isin(us["user_id"])
        if stray.any():
            raise SchemaError(
                "orders", "user_id", "user ids not in users.user_id", list(od.index[stray][:10])
            )

    def ordinal(ts: pd.Series) -> np.ndarray:
        return pd.PeriodIndex(ts, freq=period).asi8

    order_p = pd.Series(ordinal(od["timestamp"]), index=od["user_id"].to_numpy())
    if cohort_by == "first_seen":
        start = pd.Series(ordinal(us["first_seen"]), index=us["user_id"].to_numpy())
    else:
        start = order_p.groupby(level=0).min()
    ends = [int(order_p.max())] if len(order_p) else []
    ends += [int(ordinal(us["first_seen"]).max())] if len(us) else []
    last = max(ends, default=0)
    sizes = start.value_counts().sort_index()
    offset = order_p.to_numpy() - start.reindex(order_p.index).to_numpy()
    active = pd.DataFrame(
        {"user": order_p.index, "cohort": start.reindex(order_p.index).to_numpy(), "k": offset}
    )
    active = active[active["k"] >= 0].drop_duplicates()
    counts = active.groupby(["cohort", "k"]).size().unstack("k", fill_value=0)
    width = int(last - sizes.index.min()) + 1 if len(sizes) else 0
    counts = counts.reindex(index=sizes.index, columns=range(width), fill_value=0)
    share = counts.div(sizes, axis=0).astype("float64")
    observed = (sizes.index.to_numpy()[:, None] + np.arange(width)[None, :]) <= last
    share = share.where(observed)
    labels = [str(p) for p in pd.PeriodIndex.from_ordinals(sizes.index, freq=period)]
    share.index = pd.Index(labels, name="cohort")
    share.columns = list(range(width))
    share.insert(0, "cohort_size", sizes.to_numpy())
    return share
