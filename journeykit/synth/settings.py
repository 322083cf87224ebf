"""The knobs of the synthetic data: :class:`SynthConfig`, :class:`Campaign` and checked overrides.

A :class:`SynthConfig` is a frozen dataclass: every number the generator uses is a field, with a
unit in its name or its docstring. Presets (:mod:`journeykit.synth.presets`) fill the fields for
one business; :func:`make_config` applies a learner's overrides and checks every value, raising
:class:`~journeykit.errors.ParameterError` that names the parameter and what was expected.

Mixes (``persona_mix``, ``channel_mix``, ``invite_channels`` ...) are *weights*: they are
normalised to sum to 1, so ``channel_mix={"social_ads": 2}`` doubles the weight of social ads
relative to the others. A dict override of a dict field changes only the keys it names.

>>> from journeykit.synth import get_preset
>>> cfg = make_config(get_preset("coffee"), n_users=500, mobile_share=0.8)
>>> cfg.n_users, cfg.mobile_share["student"]
(500, 0.8)
>>> make_config(get_preset("coffee"), n_users=-5)
Traceback (most recent call last):
...
journeykit.errors.ParameterError: parameter n_users: expected a whole number between 1 and 20,000,000, got -5 (int)
"""

from __future__ import annotations

import dataclasses
import math
import numbers
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from journeykit.errors import ParameterError
from journeykit.schema import CHANNELS
from journeykit.stages import CVJ_STEPS

__all__ = [
    "TRANSITIONS",
    "ACQUISITION_CHANNELS",
    "TOUCH_CHANNELS",
    "Campaign",
    "SynthConfig",
    "make_config",
]

TRANSITIONS: tuple[tuple[str, str], ...] = tuple(zip(CVJ_STEPS[:-1], CVJ_STEPS[1:], strict=True))
"""The 7 stage-to-stage transitions of the Customer Value Journey, ``("aware", "engage")`` first."""

ACQUISITION_CHANNELS: tuple[str, ...] = tuple(c for c in CHANNELS if c != "referral")
"""Channels a non-referred user can be first seen on (referred users arrive on ``referral``)."""

TOUCH_CHANNELS: tuple[str, ...] = tuple(c for c in CHANNELS if c != "referral")
"""Channels that send marketing touches between steps."""

MAX_TOUCHES = 40
"""Cap on touches per channel per transition (the Poisson tail beyond it is negligible)."""


@dataclass(frozen=True)
class Campaign:
    """A randomised campaign: a call to action on one traffic source that lifts one transition.

    Users who reach ``from_step`` are eligible; a random ``share`` of them (decided per user,
    independently of everything else) is treated: they get one touch on ``channel`` tagged with
    ``key`` while they decide, and their probability of moving on to the next step is multiplied
    by ``1 + lift``. The untreated eligible users are the control group, so the true lift is
    known: ``rate(treated) / rate(control) - 1 == lift`` (before the cap at probability 1).
    """

    key: str
    channel: str
    call_to_action: str
    from_step: str
    to_step: str
    lift: float
    share: float = 0.5
    start_day: float = 0.0
    """First day (since the data set's start) a user can enter the campaign by reaching ``from_step``."""
    end_day: float | None = None
    """Day after the last day of the campaign (``None``: until the end of the data)."""

    @property
    def transition(self) -> int:
        """Index into :data:`TRANSITIONS` of the transition the campaign lifts."""
        return CVJ_STEPS.index(self.from_step)


def _f(**kw: Any) -> Any:
    return field(**kw)


@dataclass(frozen=True)
class SynthConfig:
    """Every parameter of the synthetic customer-journey data (see ``datasets/README.md``).

    Money is in ``currency`` units; durations are days (float); probabilities in [0, 1].
    Per-transition tuples have 7 entries, one per :data:`TRANSITIONS` item (aware→engage first).
    """

    preset: str
    """Name of the preset the values came from."""
    currency: str
    """ISO code of the money columns (``IDR`` for coffee, ``USD`` for saas)."""
    n_users: int = 2000
    """People first seen through a non-referral channel. Referred users come on top (see generator)."""
    seed: int = 42
    """Root of every random draw; same config → identical tables."""
    start: str = "2024-01-01"
    """First day of the data (``YYYY-MM-DD``); non-referred users are first seen uniformly over ``days``."""
    days: int = 365
    """Length of the observation window in days."""
    censor: bool = True
    """Drop everything at or after ``start + days`` (real data stops at a date). False: journeys run to completion."""

    persona_mix: Mapping[str, float] = _f(default_factory=dict)
    """Weight of each persona among non-referred users."""
    stage_rates: Mapping[str, tuple[float, ...]] = _f(default_factory=dict)
    """Per persona: probability of each of the 7 transitions given the previous step (at default spend)."""
    lag_days: tuple[float, ...] = (1.0, 3.0, 5.0, 4.0, 14.0, 10.0, 7.0)
    """Mean days (exponential) from reaching a step to reaching the next one, per transition,
    for decisions not taken in the same visit (see ``same_visit_share``)."""
    same_visit_share: tuple[float, ...] = (0.0,) * 7
    """Per transition: probability that the user decides during the visit that reached the step
    (minutes later, on the same channel, with no marketing touches in between), as most online
    buyers do. The other decisions take ``lag_days`` and receive ``touch_rates`` touches."""
    visit_minutes: float = 3.0
    """Mean minutes (exponential) between two steps taken in the same visit."""
    persona_lag_scale: Mapping[str, float] = _f(default_factory=dict)
    """Per persona: multiplier of ``lag_days`` (1 = as configured)."""

    channel_mix: Mapping[str, Mapping[str, float]] = _f(default_factory=dict)
    """Per persona: weight of each acquisition channel (first touch). A flat dict sets every persona."""
    touch_rates: Mapping[str, tuple[float, ...]] = _f(default_factory=dict)
    """Per channel: mean touches per user while deciding each transition (Poisson), at spend
    scale 1, for an average user (``touch_intensity`` 1) whose decision takes days."""
    touch_intensity: tuple[float, ...] = (1.0,)
    """Multipliers of ``touch_rates`` for classes of users (each user belongs to one class for
    the whole journey): a few heavy researchers see many touches, most people few."""
    touch_intensity_mix: tuple[float, ...] = (1.0,)
    """Weights of the ``touch_intensity`` classes (normalised)."""
    engage_factor: Mapping[str, float] = _f(default_factory=dict)
    """Per acquisition channel: multiplier (0-1) of the aware→engage probability. People first
    reached by an ad or a post have only *seen* it; most never click (missing: 1)."""
    touch_lift: Mapping[str, float] = _f(default_factory=dict)
    """Per channel: probability that one touch on it, on its own, moves the user to the next step."""
    ctr: Mapping[str, float] = _f(default_factory=dict)
    """Per ad or social channel: share of its touches after the aware step that are clicks
    (``click``; ``engage`` for social posts); the rest are impressions. Missing: 1."""
    cpc: Mapping[str, float] = _f(default_factory=dict)
    """Cost per click (currency units) of ``paid_search`` and ``social_ads`` clicks."""
    affiliate_commission: float = 0.20
    """Share of the order price paid to the affiliate when a purchase comes through ``affiliate``."""
    fallback_share: float = 0.3
    """Share of users acquired by a switched-off channel who would have found the business anyway."""
    fallback_mix: Mapping[str, float] = _f(
        default_factory=lambda: {"organic_search": 0.5, "direct": 0.3, "social_organic": 0.2}
    )
    """Channels those users would have arrived on instead (never a switched-off one)."""
    fallback_delay_days: float = 14.0
    """Mean extra days before those users would have been first seen."""
    channels_off: tuple[str, ...] = ()
    """Channels switched off (counterfactual world): no acquisition, touches or campaigns on them."""
    channel_scale: Mapping[str, float] = _f(default_factory=dict)
    """Spend scale per channel (1 = as configured; 0 = off). Scales touches; above 1 never adds first-seen users."""

    mobile_share: Mapping[str, float] = _f(default_factory=dict)
    """Per persona: share of people whose preferred device is mobile. A number sets every persona."""
    tablet_share: float = 0.05
    """Share of people whose preferred device is a tablet (the rest use a desktop)."""
    device_loyalty: float = 0.8
    """Probability that a touch uses the preferred device (else a draw from the device mix)."""

    entry_product: str = "entry"
    entry_price: float = 1.0
    """Price of the entry-point offer (currency units); changes the subscribe→convert rate."""
    entry_reference_price: float = 1.0
    """Entry price at which ``stage_rates`` give the subscribe→convert rate."""
    price_elasticity: float = 0.8
    """Constant elasticity ε: each user's subscribe→convert probability is multiplied by
    ``(entry_price / entry_reference_price) ** -ε`` (capped at 1)."""
    entry_cost: float = 0.0
    """Cost of goods of the entry-point offer (currency units)."""
    core_product: str = "core"
    core_price: float = 1.0
    core_cost: float = 0.0
    ascension_product: str = "ascension"
    ascension_rate: float = 0.3
    """Probability that an ascended customer also buys the ascension offer."""
    ascension_price: float = 1.0
    ascension_cost: float = 0.0
    ascension_lag_days: float = 30.0
    """Mean days from the first core order to the ascension order."""
    repeat_orders: float = 0.5
    """Mean extra orders (Poisson) of a customer who never reached first value (excite)."""
    onboarding_effect: float = 2.0
    """Multiplier of ``repeat_orders`` for customers who reached first value (onboarded)."""
    repeat_gap_days: float = 30.0
    """Mean days between repeat orders."""
    retention_channels: Mapping[str, float] = _f(
        default_factory=lambda: {"email": 0.4, "whatsapp": 0.3, "direct": 0.3}
    )
    """Traffic sources of repeat and ascension orders."""

    invites_per_promoter: float = 3.0
    """Mean invites sent by a user who reached promote (at least 1: the promote step is the first invite)."""
    invite_conversion: float = 0.3
    """Probability that an invite brings a new user (who signs up through ``referral``)."""
    invite_gap_days: float = 10.0
    """Mean days between a promoter's successive invites."""
    signup_lag_days: float = 3.0
    """Mean days from an invite to the invitee's sign-up."""
    referral_reward: float = 0.0
    """Reward paid to the inviter per invitee who signed up (currency units)."""
    referral_homophily: float = 0.5
    """Probability that an invitee has the inviter's persona (else a draw from ``persona_mix``)."""
    invite_channels: Mapping[str, float] = _f(
        default_factory=lambda: {"whatsapp": 0.6, "social_organic": 0.25, "email": 0.15}
    )
    """Where promoters send invites from (the ``invite`` events' channel)."""
    max_generations: int = 30
    """Safety cap on referral generations (matters only with ``censor=False`` and K near 1)."""

    survey_rate: float = 0.35
    """Probability that a customer answers the survey (NPS and CSAT) after the first order."""
    hourly_activity: tuple[float, ...] = (1.0,) * 24
    """Relative activity in each hour of the day (24 positive weights, hour 0 first): times of
    day are warped so that events fall into hours in these proportions, keeping every order
    (all ones: uniform over the day)."""
    campaigns: tuple[Campaign, ...] = ()
    touchpoints: Mapping[str, str] = _f(default_factory=dict)
    """Per channel: the touchpoint name of a marketing touch on it (``instagram_ad`` ...)."""

    def replace(self, **overrides: Any) -> SynthConfig:
        """A checked copy with ``overrides`` applied (see :func:`make_config`).

        >>> from journeykit.synth import get_preset
        >>> get_preset("saas").replace(n_users=50, channels_off=("email",)).channels_off
        ('email',)
        """
        return make_config(self, **overrides)

    def personas(self) -> tuple[str, ...]:
        """Persona keys in configured order."""
        return tuple(self.persona_mix)

    def scale(self, channel: str) -> float:
        """Spend scale of ``channel`` after ``channels_off`` (0 when switched off)."""
        if channel in self.channels_off:
            return 0.0
        return float(self.channel_scale.get(channel, 1.0))

    def start_timestamp(self) -> pd.Timestamp:
        """``start`` as a timestamp (midnight, no time zone)."""
        return pd.Timestamp(self.start)


# --- checking -----------------------------------------------------------------------------------


def _err(name: str, expected: str, value: object) -> ParameterError:
    text = repr(value)
    if len(text) > 80:
        text = text[:77] + "..."
    return ParameterError(
        f"parameter {name}: expected {expected}, got {text} ({type(value).__name__})"
    )


def _is_num(v: object) -> bool:
    return (
        isinstance(v, numbers.Real) and not isinstance(v, bool) and math.isfinite(float(v))  # type: ignore[arg-type]
    )


def _num(
    name: str, v: object, lo: float | None = None, hi: float | None = None, *, lo_open: bool = False
) -> float:
    if not _is_num(v):
        raise _err(name, "a number" + _range_text(lo, hi, lo_open), v)
    x = float(v)  # type: ignore[arg-type]
    if (lo is not None and (x < lo or (lo_open and x == lo))) or (hi is not None and x > hi):
        raise _err(name, "a number" + _range_text(lo, hi, lo_open), v)
    return x


def _range_text(lo: float | None, hi: float | None, lo_open: bool) -> str:
    if lo is not None and hi is not None:
        return f" between {lo:g} and {hi:g}"
    if lo is not None:
        return f" {'>' if lo_open else '>='} {lo:g}"
    return ""


def _int(name: str, v: object, lo: int, hi: int | None = None) -> int:
    ok = isinstance(v, numbers.Integral) and not isinstance(v, bool)
    if ok and (int(v) < lo or (hi is not None and int(v) > hi)):  # type: ignore[call-overload]
        ok = False
    if not ok:
        rng = f" >= {lo}" if hi is None else f" between {lo} and {hi:,}"
        raise _err(name, f"a whole number{rng}", v)
    return int(v)  # type: ignore[call-overload]


def _mix(name: str, v: object, allowed: tuple[str, ...]) -> dict[str, float]:
    if not isinstance(v, Mapping) or not v:
        raise _err(name, f"a dict of weights keyed by {', '.join(allowed)}", v)
    out: dict[str, float] = {}
    for k, w in v.items():
        if k not in allowed:
            raise _err(f"{name}[{k!r}]", f"a key among {', '.join(allowed)}", k)
        out[k] = _num(f"{name}[{k!r}]", w, 0)
    total = sum(out.values())
    if total <= 0:
        raise _err(name, "weights with a positive sum", dict(v))
    return {k: w / total for k, w in out.items()}


def _merge(old: Mapping[str, Any], new: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(old)
    out.update(new)
    return out


def _is_flat_mix(v: object) -> bool:
    return isinstance(v, Mapping) and all(not isinstance(x, Mapping) for x in v.values())


def make_config(base: SynthConfig, **overrides: Any) -> SynthConfig:
    """``base`` with ``overrides`` applied, every field checked; raises :class:`ParameterError`.

    Dict fields merge (an override changes only the keys it names); mixes are normalised.
    ``mobile_share`` (a number) and ``channel_mix`` (a flat dict of channel weights) may be given
    for all personas at once.
    """
    names = [f.name for f in dataclasses.fields(SynthConfig)]
    for k in overrides:
        if k not in names:
            raise ParameterError(f"parameter {k}: unknown; expected one of {', '.join(names)}")
    values = {name: getattr(base, name) for name in names}
    personas = tuple(values["persona_mix"])
    for k, v in overrides.items():
        old = values[k]
        if k == "mobile_share" and not isinstance(v, Mapping):
            v = {p: v for p in personas}
        elif k == "channel_mix" and _is_flat_mix(v) and v:
            values[k] = {p: dict(v) for p in personas}
            continue
        if isinstance(old, Mapping) and isinstance(v, Mapping) and k != "channel_scale":
            v = _merge(old, v)
        values[k] = v
    return _check(values)


def _check(v: dict[str, Any]) -> SynthConfig:
    out = dict(v)
    out["n_users"] = _int("n_users", v["n_users"], 1, 20_000_000)
    out["seed"] = _int("seed", v["seed"], 0)
    try:
        ts = pd.Timestamp(v["start"])
        if not isinstance(v["start"], str) or pd.isna(ts) or ts != ts.normalize() or ts.tz:
            raise ValueError
    except (ValueError, TypeError):
        raise _err("start", "a date as text 'YYYY-MM-DD'", v["start"]) from None
    out["days"] = _int("days", v["days"], 1, 3660)
    # timestamps are datetime64[ns] (1677-09-22 .. 2262-04-11); journeys run on after the
    # window (uncensored lags, repeat orders), so keep three years of room at the end
    latest = pd.Timestamp.max.normalize() - pd.Timedelta(days=3 * 365 + out["days"])
    if not pd.Timestamp("1678-01-01") <= ts <= latest:
        raise _err(
            "start",
            f"a date from 1678-01-01 to {latest:%Y-%m-%d} with days={out['days']} (timestamps "
            "end in 2262, and journeys need room after the window)",
            v["start"],
        )
    if not isinstance(v["censor"], bool):
        raise _err("censor", "True or False", v["censor"])

    personas = _mix(
        "persona_mix",
        v["persona_mix"],
        tuple(v["persona_mix"]) if isinstance(v["persona_mix"], Mapping) else (),
    )
    out["persona_mix"] = personas
    pkeys = tuple(personas)
    rates = v["stage_rates"]
    if not isinstance(rates, Mapping):
        raise _err("stage_rates", "a dict of 7 probabilities per persona", rates)
    out["stage_rates"] = {}
    for p in pkeys:
        r = rates.get(p)
        name = f"stage_rates[{p!r}]"
        if not isinstance(r, tuple | list) or len(r) != len(TRANSITIONS):
            raise _err(
                name, f"{len(TRANSITIONS)} probabilities (aware→engage ... advocate→promote)", r
            )
        out["stage_rates"][p] = tuple(_num(f"{name}[{i}]", x, 0, 1) for i, x in enumerate(r))
    lag = v["lag_days"]
    if not isinstance(lag, tuple | list) or len(lag) != len(TRANSITIONS):
        raise _err("lag_days", f"{len(TRANSITIONS)} mean lags in days", lag)
    out["lag_days"] = tuple(_num(f"lag_days[{i}]", x, 0, lo_open=True) for i, x in enumerate(lag))
    sv = v["same_visit_share"]
    if not isinstance(sv, tuple | list) or len(sv) != len(TRANSITIONS):
        raise _err("same_visit_share", f"{len(TRANSITIONS)} probabilities, one per transition", sv)
    out["same_visit_share"] = tuple(
        _num(f"same_visit_share[{i}]", x, 0, 1) for i, x in enumerate(sv)
    )
    out["visit_minutes"] = _num("visit_minutes", v["visit_minutes"], 0, 29, lo_open=True)
    levels, lmix = v["touch_intensity"], v["touch_intensity_mix"]
    if not isinstance(levels, tuple | list) or not levels:
        raise _err("touch_intensity", "a tuple of touch-rate multipliers, one per class", levels)
    if not isinstance(lmix, tuple | list) or len(lmix) != len(levels):
        raise _err("touch_intensity_mix", f"{len(levels)} weights (one per touch_intensity)", lmix)
    out["touch_intensity"] = tuple(
        _num(f"touch_intensity[{i}]", x, 0, 20) for i, x in enumerate(levels)
    )
    w = [_num(f"touch_intensity_mix[{i}]", x, 0) for i, x in enumerate(lmix)]
    if sum(w) <= 0:
        raise _err("touch_intensity_mix", "weights with a positive sum", lmix)
    out["touch_intensity_mix"] = tuple(x / sum(w) for x in w)
    out["persona_lag_scale"] = {
        p: _num(f"persona_lag_scale[{p!r}]", v["persona_lag_scale"].get(p, 1.0), 0, lo_open=True)
        for p in pkeys
    }

    cm = v["channel_mix"]
    if not isinstance(cm, Mapping):
        raise _err("channel_mix", "a dict of channel weights (or one per persona)", cm)
    if cm and not all(isinstance(x, Mapping) for x in cm.values()):
        cm = {p: cm for p in pkeys}
    out["channel_mix"] = {}
    for p in pkeys:
        if p not in cm:
            raise _err(f"channel_mix[{p!r}]", "channel weights for every persona", None)
        out["channel_mix"][p] = _mix(f"channel_mix[{p!r}]", cm[p], ACQUISITION_CHANNELS)

    tr = v["touch_rates"]
    if not isinstance(tr, Mapping):
        raise _err("touch_rates", "a dict of 7 touch rates per channel", tr)
    out["touch_rates"] = {}
    for c, r in tr.items():
        name = f"touch_rates[{c!r}]"
        if c not in TOUCH_CHANNELS:
            raise _err(name, f"a key among {', '.join(TOUCH_CHANNELS)}", c)
        if not isinstance(r, tuple | list) or len(r) != len(TRANSITIONS):
            raise _err(name, f"{len(TRANSITIONS)} mean touch counts", r)
        out["touch_rates"][c] = tuple(_num(f"{name}[{i}]", x, 0, 10) for i, x in enumerate(r))
    tl = v["touch_lift"]
    out["touch_lift"] = {}
    for c in out["touch_rates"]:
        out["touch_lift"][c] = _num(f"touch_lift[{c!r}]", tl.get(c, 0.0), 0, 0.99)
    for c in tl:
        if c not in TOUCH_CHANNELS:
            raise _err(f"touch_lift[{c!r}]", f"a key among {', '.join(TOUCH_CHANNELS)}", c)
    ef = v["engage_factor"]
    if not isinstance(ef, Mapping):
        raise _err("engage_factor", "a dict acquisition channel → multiplier (0-1)", ef)
    for c in ef:
        if c not in CHANNELS:
            raise _err(f"engage_factor[{c!r}]", f"a key among {', '.join(CHANNELS)}", c)
    out["engage_factor"] = {c: _num(f"engage_factor[{c!r}]", x, 0, 1) for c, x in ef.items()}
    ctr = v["ctr"]
    if not isinstance(ctr, Mapping):
        raise _err("ctr", "a dict channel → click-through rate", ctr)
    clickable = ("paid_search", "social_ads", "affiliate", "social_organic")
    for c in ctr:
        if c not in clickable:
            raise _err(f"ctr[{c!r}]", f"a key among {', '.join(clickable)}", c)
    out["ctr"] = {c: _num(f"ctr[{c!r}]", x, 0, 1) for c, x in ctr.items()}
    out["cpc"] = {}
    for c in ("paid_search", "social_ads"):
        out["cpc"][c] = _num(f"cpc[{c!r}]", v["cpc"].get(c, 0.0), 0)
    for c in v["cpc"]:
        if c not in ("paid_search", "social_ads"):
            raise _err(
                f"cpc[{c!r}]",
                "a key among 'paid_search', 'social_ads' (affiliates are paid by commission)",
                c,
            )
    out["affiliate_commission"] = _num("affiliate_commission", v["affiliate_commission"], 0, 1)
    out["fallback_share"] = _num("fallback_share", v["fallback_share"], 0, 1)
    out["fallback_mix"] = _mix("fallback_mix", v["fallback_mix"], ACQUISITION_CHANNELS)
    out["fallback_delay_days"] = _num("fallback_delay_days", v["fallback_delay_days"], 0)
    off = v["channels_off"]
    if isinstance(off, str):
        off = (off,)
    if not isinstance(off, tuple | list | set | frozenset):
        raise _err("channels_off", "a tuple of channel keys", off)
    for c in off:
        if c not in CHANNELS:
            raise _err("channels_off", f"channel keys among {', '.join(CHANNELS)}", c)
    if "direct" in off:
        raise _err(
            "channels_off",
            "channels other than 'direct' (direct is the label of visits with no known source)",
            "direct",
        )
    out["channels_off"] = tuple(c for c in CHANNELS if c in set(off))
    sc = v["channel_scale"]
    if not isinstance(sc, Mapping):
        raise _err("channel_scale", "a dict channel → spend scale", sc)
    out["channel_scale"] = {}
    for c, x in sc.items():
        if c not in CHANNELS:
            raise _err(f"channel_scale[{c!r}]", f"a key among {', '.join(CHANNELS)}", c)
        out["channel_scale"][c] = _num(f"channel_scale[{c!r}]", x, 0, 10)

    ms = v["mobile_share"]
    if not isinstance(ms, Mapping):
        ms = {p: ms for p in pkeys}
    out["mobile_share"] = {p: _num(f"mobile_share[{p!r}]", ms.get(p), 0, 1) for p in pkeys}
    out["tablet_share"] = _num("tablet_share", v["tablet_share"], 0, 1)
    for p, m in out["mobile_share"].items():
        if m + out["tablet_share"] > 1 + 1e-12:
            raise _err(
                f"mobile_share[{p!r}]", f"at most 1 - tablet_share = {1 - out['tablet_share']:g}", m
            )
    out["device_loyalty"] = _num("device_loyalty", v["device_loyalty"], 0, 1)

    for name in ("entry_product", "core_product", "ascension_product"):
        if not isinstance(v[name], str) or not v[name]:
            raise _err(name, "a non-empty product key", v[name])
    out["entry_price"] = _num("entry_price", v["entry_price"], 0, lo_open=True)
    out["entry_reference_price"] = _num(
        "entry_reference_price", v["entry_reference_price"], 0, lo_open=True
    )
    out["price_elasticity"] = _num("price_elasticity", v["price_elasticity"], 0, 10)
    for name in (
        "entry_cost",
        "core_price",
        "core_cost",
        "ascension_price",
        "ascension_cost",
        "referral_reward",
    ):
        out[name] = _num(name, v[name], 0)
    for name in ("ascension_rate", "invite_conversion", "survey_rate", "referral_homophily"):
        out[name] = _num(name, v[name], 0, 1)
    for name in ("ascension_lag_days", "repeat_gap_days", "invite_gap_days", "signup_lag_days"):
        out[name] = _num(name, v[name], 0, lo_open=True)
    out["repeat_orders"] = _num("repeat_orders", v["repeat_orders"], 0, 20)
    out["onboarding_effect"] = _num("onboarding_effect", v["onboarding_effect"], 0, 20)
    out["invites_per_promoter"] = _num("invites_per_promoter", v["invites_per_promoter"], 1, 20)
    out["retention_channels"] = _mix("retention_channels", v["retention_channels"], CHANNELS)
    out["invite_channels"] = _mix("invite_channels", v["invite_channels"], CHANNELS)
    out["max_generations"] = _int("max_generations", v["max_generations"], 0, 1000)
    hours = v["hourly_activity"]
    if not isinstance(hours, tuple | list) or len(hours) != 24:
        raise _err("hourly_activity", "24 positive weights, one per hour of the day", hours)
    out["hourly_activity"] = tuple(
        _num(f"hourly_activity[{i}]", w, 0, lo_open=True) for i, w in enumerate(hours)
    )

    camps = v["campaigns"]
    if isinstance(camps, Campaign):
        camps = (camps,)
    if not isinstance(camps, tuple | list):
        raise _err("campaigns", "a tuple of Campaign objects", camps)
    seen: set[str] = set()
    for i, c in enumerate(camps):
        name = f"campaigns[{i}]"
        if not isinstance(c, Campaign):
            raise _err(name, "a journeykit.synth.Campaign", c)
        if not isinstance(c.key, str) or not c.key or c.key in seen:
            raise _err(f"{name}.key", "a non-empty key not used by another campaign", c.key)
        seen.add(c.key)
        if c.channel not in TOUCH_CHANNELS:
            raise _err(f"{name}.channel", f"one of {', '.join(TOUCH_CHANNELS)}", c.channel)
        if c.from_step not in CVJ_STEPS[:-1]:
            raise _err(f"{name}.from_step", f"one of {', '.join(CVJ_STEPS[:-1])}", c.from_step)
        nxt = CVJ_STEPS[CVJ_STEPS.index(c.from_step) + 1]
        if c.to_step != nxt:
            raise _err(
                f"{name}.to_step",
                f"the step after {c.from_step!r}, {nxt!r} (a campaign moves people one step)",
                c.to_step,
            )
        _num(f"{name}.lift", c.lift, -1, 10)
        _num(f"{name}.share", c.share, 0, 1)
        _num(f"{name}.start_day", c.start_day, 0)
        if c.end_day is not None:
            _num(f"{name}.end_day", c.end_day, float(c.start_day), lo_open=True)
    out["campaigns"] = tuple(camps)
    tp = v["touchpoints"]
    out["touchpoints"] = {c: str(tp.get(c, c)) for c in CHANNELS}
    cfg = SynthConfig(**out)
    _check_rates_reachable(cfg)
    return cfg


def touch_hazard(cfg: SynthConfig, *, spend: bool = False) -> Any:
    """``H_s = Σ_c λ_sc × l_c`` per transition (7 floats); with ``spend=True`` λ is scaled by spend."""
    import numpy as np

    h = np.zeros(len(TRANSITIONS))
    for c in TOUCH_CHANNELS:
        rates = cfg.touch_rates.get(c)
        if rates is None:
            continue
        scale = cfg.scale(c) if spend else 1.0
        h += np.asarray(rates, dtype=float) * scale * float(cfg.touch_lift.get(c, 0.0))
    return h


def stay_factor(cfg: SynthConfig, *, spend: bool = False) -> Any:
    """``A_s = E[Π_c (1 - l_c) ** N_c]`` per transition (7 floats): the chance that touches alone
    do not move a user. ``σ_s`` of decisions are taken in the visit (no touches); the others get
    Poisson touches at ``g × λ`` for a user of intensity class ``g`` (weights ``w_g``), so
    ``A_s = σ_s + (1 - σ_s) × Σ_g w_g exp(-g H_s)``. With ``spend=True`` λ is scaled by spend.
    """
    import numpy as np

    h = touch_hazard(cfg, spend=spend)
    g = np.asarray(cfg.touch_intensity, dtype=float)[:, None]
    w = np.asarray(cfg.touch_intensity_mix, dtype=float)[:, None]
    sigma = np.asarray(cfg.same_visit_share, dtype=float)
    return sigma + (1.0 - sigma) * (w * np.exp(-g * h[None, :])).sum(axis=0)


def _check_rates_reachable(cfg: SynthConfig) -> None:
    """Channel touches alone must not exceed a configured rate (else the baseline would be negative)."""
    stay = stay_factor(cfg)
    for p, rates in cfg.stage_rates.items():
        for s, q in enumerate(rates):
            if q < 1 and 1.0 - q > stay[s] * (1 + 1e-12):
                raise ParameterError(
                    f"parameter stage_rates[{p!r}][{s}]: expected at least "
                    f"{1.0 - stay[s]:.3f} (what the configured touches alone achieve in "
                    f"{TRANSITIONS[s][0]}→{TRANSITIONS[s][1]}), got {q:g}; lower touch_rates or touch_lift"
                )
