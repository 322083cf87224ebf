"""Seeded synthetic customer-journey data with a known causal truth.

:func:`generate` returns the five related tables of :mod:`journeykit.schema` (users, events,
orders, referrals, survey) for a population moving through the 8-step Customer Value Journey
(aware → engage → subscribe → convert → excite → ascend → advocate → promote). Three presets:
``"coffee"`` (a small online coffee roaster, rupiah; article 002), ``"saas"`` (a software
subscription, US dollars) and ``"tokoonline"`` (an Indonesian shop on social media, WhatsApp
and a marketplace, rupiah). Every number is a :class:`SynthConfig` field you can override:
``generate("coffee", n_users=5000, seed=7, entry_price=39_000, channels_off=("social_ads",))``.

How the data is made (the causal model)
---------------------------------------
* **People.** ``n_users`` non-referred people get a persona (``persona_mix``), a preferred device
  (``mobile_share`` per persona, ``tablet_share``), a first-seen time uniform over ``days`` and an
  acquisition channel (``channel_mix`` per persona). Their first event (stage ``aware``) is on
  that channel: an ``impression`` for ads and social posts, a ``visit`` otherwise.
* **Steps.** A user who reached step *s* decides about step *s + 1* during a window of
  ``lag_days[s]`` days on average (exponential; ``persona_lag_scale``). During the window they get
  ``Poisson(touch_rates[c][s] × spend scale)`` touches on each channel *c* (impressions while only
  aware; clicks, visits or social engagements afterwards, of which only a share ``ctr`` are
  clicks when ``ctr`` is set) and, if randomly treated, one campaign touch. At the end of the window they move on with probability
  ``[1 - (1 - b) × Π_c (1 - touch_lift[c]) ** N_c] × (1 + campaign lift)``, where the baseline
  ``b`` (per persona and step) is set so that the average equals ``stage_rates`` at default spend;
  subscribe→convert is also multiplied by ``(entry_price / entry_reference_price) ** -price_elasticity``.
  The step's event (``click``/``visit``/``engage``, ``subscribe``, ``purchase``, ``onboard``,
  ``purchase``, ``review``, ``invite``) is at the window's end; its channel is the channel of the
  latest click or visit in the window (``direct`` when there was none; the acquisition channel
  for engage).
  **Same-visit decisions.** A share ``same_visit_share[s]`` of decisions is taken in the visit
  that reached step *s* (``visit_minutes`` later, no marketing touches, the same channel), as
  most online buyers do; the baseline ``b`` is set so the average still equals ``stage_rates``.
  Users belong to one ``touch_intensity`` class for the whole journey (a few heavy researchers,
  most people few touches), and people first reached by an ad or a post engage with
  probability ``× engage_factor[channel]`` (most people who see an ad never click; those who
  only saw impressions have no visit, so no journey in the path reports).
  So **a touch causes** progress by raising the chance to move on; removing it removes the touch
  and its share of the chance, and nothing else.
* **Orders.** convert = the entry-point order (``entry_price``), ascend = the first core order;
  ascended customers buy the ascension offer with probability ``ascension_rate``; every customer
  makes ``Poisson(repeat_orders)`` repeat orders, ``× onboarding_effect`` if they reached first
  value (excite). Each order has a ``purchase`` event at the same time. Affiliate purchases cost
  ``affiliate_commission × price``; ``paid_search``/``social_ads`` clicks cost about ``cpc``.
* **Referrals.** A user who reaches promote sends ``1 + Poisson(invites_per_promoter - 1)``
  invites (``invite`` events, one ``referrals`` row each). Each converts with probability
  ``invite_conversion``; the invitee is a **new user on top of** ``n_users``, acquisition channel
  ``referral``, ``referred_by`` = the inviter, first seen ``signup_lag_days`` (on average) after the
  invite, who then goes through the same journey (and may invite in turn). The viral coefficient
  per customer, ``K = invites per customer × invite conversion``, is :func:`expected_k`.
* **Survey.** A ``survey_rate`` share of customers answers NPS (0–10) and CSAT (1–5) a few days
  after the first order; answers are better the further the customer went.
* **Times of day.** Times are spread over the hours of the day by ``hourly_activity`` through a
  strictly increasing warp of each day, which keeps every order and every whole-day count.
* **Censoring.** With ``censor=True`` (default) nothing at or after ``start + days`` is kept, like
  real data pulled on a date. ``censor=False`` lets every journey run to completion.

Counterfactuals with common random numbers
------------------------------------------
Every random number is a hash of (seed, purpose, user key, transition, channel, touch number):
see :mod:`journeykit.synth.rng`. ``generate(..., channels_off=("social_ads",))`` or
``channel_scale={"social_ads": 0.5}`` therefore reuses every draw that social ads do not decide.
Touch counts are inverse-CDF Poisson draws, so a lower spend keeps a subset of the same touches;
acquisitions by a channel below scale 1 are lost (a ``fallback_share`` of those people would have
come anyway through ``fallback_mix``, ``fallback_delay_days`` later). Users who never touched the
channel, and whose inviters did not either, get identical rows; because every touch only helps,
no conversion appears when a channel is removed. :func:`true_incremental_conversions` compares
the worlds. Referred users' ``user_id`` values are numbered after the non-referred users in
order of sign-up, so they can shift between worlds; their rows are otherwise identical.

>>> tables = generate("coffee", n_users=300, seed=1)
>>> sorted(tables.users.columns)
['acquisition_channel', 'device', 'first_seen', 'persona', 'referred_by', 'user_id']
>>> bool((tables.users["user_id"] < 300).sum() == 300)
True
>>> generate("coffee", n_users="many")
Traceback (most recent call last):
...
journeykit.errors.ParameterError: parameter n_users: expected a whole number between 1 and 20,000,000, got 'many' (str)
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from journeykit.errors import ParameterError
from journeykit.schema import Tables
from journeykit.synth.generator import simulate
from journeykit.synth.model import expected_k, expected_lag_days, expected_rates, expected_reach
from journeykit.synth.presets import PRESETS, get_preset
from journeykit.synth.settings import TRANSITIONS, Campaign, SynthConfig, make_config

__all__ = [
    "TRANSITIONS",
    "PRESETS",
    "Campaign",
    "SynthConfig",
    "get_preset",
    "make_config",
    "config",
    "generate",
    "generate_from",
    "expected_rates",
    "expected_reach",
    "expected_k",
    "expected_lag_days",
    "true_incremental_conversions",
]


def config(
    preset: str = "coffee", n_users: int = 2000, seed: int = 42, **overrides: Any
) -> SynthConfig:
    """The checked :class:`SynthConfig` that :func:`generate` would use for these arguments."""
    return make_config(get_preset(preset), n_users=n_users, seed=seed, **overrides)


def generate(
    preset: str = "coffee", n_users: int = 2000, seed: int = 42, **overrides: Any
) -> Tables:
    """Generate users, events, orders, referrals and survey tables (see the module docstring).

    ``preset``: ``"coffee"`` or ``"saas"``; ``n_users``: non-referred people (referred users come
    on top); ``seed``: an integer >= 0; ``overrides``: any :class:`SynthConfig` field. Same
    arguments → identical tables. Bad arguments raise :class:`~journeykit.errors.ParameterError`
    naming the parameter. Columns and units: :mod:`journeykit.schema` and ``datasets/README.md``.
    """
    return simulate(config(preset, n_users, seed, **overrides))


def generate_from(cfg: SynthConfig, **overrides: Any) -> Tables:
    """Generate the tables of a :class:`SynthConfig` (with optional further overrides)."""
    if not isinstance(cfg, SynthConfig):
        raise ParameterError(f"parameter cfg: expected a SynthConfig, got {type(cfg).__name__}")
    return simulate(make_config(cfg, **overrides) if overrides else cfg)


def true_incremental_conversions(
    cfg: SynthConfig, channels: tuple[str, ...] | None = None, *, step: str = "convert"
) -> pd.DataFrame:
    """Each channel's true incremental conversions: the world with it minus the world without it.

    For each channel (default: every channel that has touches or acquisitions in ``cfg``, except
    ``direct``), generates the same seed with that channel switched off and compares.
    Columns: ``channel``; ``users_reached`` (users reaching ``step`` with everything on);
    ``users_reached_without`` (with the channel off); ``incremental`` (the difference, users);
    ``incremental_share`` (difference / users_reached); ``revenue`` and ``revenue_without``
    (sum of order prices in the two worlds, currency units); ``incremental_revenue`` (their
    difference). Runs one generation per channel.

    >>> cfg = config("coffee", n_users=300, seed=3, channel_mix={"social_ads": 1}, fallback_share=0)
    >>> row = true_incremental_conversions(cfg, ("social_ads",)).iloc[0]
    >>> bool(row["incremental"] == row["users_reached"])  # nobody comes without social ads
    True
    """
    from journeykit.stages import CVJ_STEPS
    from journeykit.synth.settings import ACQUISITION_CHANNELS

    if not isinstance(cfg, SynthConfig):
        raise ParameterError(f"parameter cfg: expected a SynthConfig, got {type(cfg).__name__}")
    if step not in CVJ_STEPS:
        raise ParameterError(
            f"parameter step: expected one of {', '.join(map(repr, CVJ_STEPS))}, got {step!r}"
        )
    if channels is None:
        used = {c for mix in cfg.channel_mix.values() for c, w in mix.items() if w > 0}
        used |= {c for c, r in cfg.touch_rates.items() if any(r)}
        used |= {c.channel for c in cfg.campaigns}
        used.add("referral")
        channels = tuple(
            c for c in (*ACQUISITION_CHANNELS, "referral") if c in used and c != "direct"
        )
    base = simulate(cfg)
    reached, revenue = _reached(base, step), float(base.orders["price"].sum())
    rows = []
    for ch in channels:
        off = tuple(sorted(set(cfg.channels_off) | {ch}))
        world = simulate(make_config(cfg, channels_off=off))
        without, revenue_without = _reached(world, step), float(world.orders["price"].sum())
        rows.append(
            {
                "channel": ch,
                "users_reached": reached,
                "users_reached_without": without,
                "incremental": reached - without,
                "incremental_share": (reached - without) / reached if reached else 0.0,
                "revenue": revenue,
                "revenue_without": revenue_without,
                "incremental_revenue": revenue - revenue_without,
            }
        )
    return pd.DataFrame(rows)


def _reached(tables: Tables, step: str) -> int:
    ev = tables.events
    return int(ev.loc[ev["stage"] == step, "user_id"].nunique())
