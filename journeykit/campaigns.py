"""Campaigns: a call to action plus a traffic source that moves people one stage transition on.

Article 004: a campaign has two parts — a **call to action** (the one thing you ask people to
do: download a checklist, buy a starter pack, invite a friend) and a **traffic source** (where
people see it: ads, email, search, social, WhatsApp ...) — and its job is to move people from one
step of the Customer Value Journey to the next. The classic mistake is one campaign meant to take
strangers all the way to promoters.

This module holds

* :class:`Campaign` — the two parts plus the transition it targets (``from_step`` → ``to_step``);
* lift measured on data — :func:`transition_outcomes`, :func:`lift_from_counts` (difference of
  two proportions with a normal-approximation or bootstrap confidence interval),
  :func:`campaign_lift` and :func:`compare_campaigns`;
* the arithmetic of why one campaign cannot make promoters of strangers —
  :func:`journey_reach`, :func:`campaign_effect`, :func:`required_step_rate` and the seeded
  :func:`simulate_journey`.

The share of strangers who become promoters is the *product* of the eight step rates, so a
campaign that doubles one step doubles the product — from a tiny number to twice a tiny number:

>>> rates = {"aware": 0.2, "engage": 0.5, "subscribe": 0.3, "convert": 0.2,
...          "excite": 0.8, "ascend": 0.4, "advocate": 0.3, "promote": 0.25}
>>> reach = journey_reach(rates)
>>> round(float(reach["share_of_strangers"].iloc[-1]) * 100, 4)     # percent of strangers
0.0144
>>> eff = campaign_effect(rates, to_step="subscribe", new_rate=0.6)
>>> round(float(eff["after"].iloc[-1]) * 100, 4)
0.0288
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd
from scipy import stats

from journeykit.errors import ParameterError, SchemaError, ValidationError
from journeykit.schema import get_table
from journeykit.stages import CVJ_STEPS

__all__ = [
    "STEPS",
    "Campaign",
    "Lift",
    "from_generator",
    "lift_from_counts",
    "transition_outcomes",
    "campaign_lift",
    "compare_campaigns",
    "step_rates_from_events",
    "journey_reach",
    "campaign_effect",
    "required_step_rate",
    "simulate_journey",
]

STEPS: tuple[str, ...] = ("stranger", *CVJ_STEPS)
"""A stranger (not yet aware) followed by the eight Customer Value Journey steps."""

_KEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_\-]*$")


# --------------------------------------------------------------------------------------------
# the campaign object
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Campaign:
    """A campaign: ``call_to_action`` + ``traffic_source`` + the transition it targets.

    ``key`` is the value of ``events.campaign`` on the campaign's touches; ``traffic_source`` a
    channel key of :data:`journeykit.schema.CHANNELS` (or an offline source such as ``"radio"``);
    ``from_step`` is ``"stranger"`` or a Customer Value Journey step and ``to_step`` a later step.
    Usually ``to_step`` is the next step; article 004 allows a campaign to move people two or
    three steps at once.

    >>> c = Campaign("free_guide", "Download the brewing guide", "social_ads", "engage", "subscribe")
    >>> c.transition, c.steps_moved
    ('engage → subscribe', 1)
    >>> Campaign("x", "Buy", "email", "subscribe", "engage")
    Traceback (most recent call last):
    ...
    journeykit.errors.ValidationError: campaign.to_step: expected a step after 'subscribe' (one of 'convert', ...), got 'engage'
    """

    key: str
    call_to_action: str
    traffic_source: str
    from_step: str
    to_step: str

    def __post_init__(self) -> None:
        if not isinstance(self.key, str) or not _KEY.match(self.key):
            raise ValidationError(
                "campaign.key",
                "letters, digits, '_' or '-' (the events.campaign value)",
                repr(self.key),
            )
        for name in ("call_to_action", "traffic_source"):
            value = getattr(self, name)
            if not isinstance(value, str) or not value.strip():
                raise ValidationError(f"campaign.{name}", "a non-empty string", repr(value))
        if self.from_step not in STEPS[:-1]:
            raise ValidationError(
                "campaign.from_step",
                f"one of {', '.join(map(repr, STEPS[:-1]))}",
                repr(self.from_step),
            )
        later = STEPS[STEPS.index(self.from_step) + 1 :]
        if self.to_step not in later:
            shown = ", ".join(map(repr, later[:1])) + (", ..." if len(later) > 1 else "")
            raise ValidationError(
                "campaign.to_step",
                f"a step after {self.from_step!r} (one of {shown})",
                repr(self.to_step),
            )

    @property
    def transition(self) -> str:
        """``"from_step → to_step"``."""
        return f"{self.from_step} → {self.to_step}"

    @property
    def steps_moved(self) -> int:
        """How many steps the campaign asks people to move (1 = the next step)."""
        return STEPS.index(self.to_step) - STEPS.index(self.from_step)


def from_generator(config: object = "coffee") -> tuple[Campaign, ...]:
    """The campaigns a :mod:`journeykit.synth` preset (name) or ``SynthConfig`` runs, as Campaigns.

    The generator randomises each campaign among the users who reach its ``from_step`` and knows
    its true lift (``config.campaigns[i].lift``), which :func:`campaign_lift` should recover.

    >>> [c.transition for c in from_generator("coffee")]
    ['engage → subscribe', 'subscribe → convert', 'advocate → promote']
    """
    from journeykit import synth

    cfg = synth.config(config) if isinstance(config, str) else config
    camps = getattr(cfg, "campaigns", None)
    if camps is None:
        raise ParameterError(
            f"config: expected a preset name or a journeykit.synth.SynthConfig, got {config!r}"
        )
    return tuple(
        Campaign(c.key, c.call_to_action, c.channel, c.from_step, c.to_step) for c in camps
    )


# --------------------------------------------------------------------------------------------
# lift with a confidence interval
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Lift:
    """Transition rates of treated vs untreated users and the campaign's lift.

    ``rate_treated = converted_treated / n_treated`` and the same for the untreated (shares,
    0-1). ``difference = rate_treated - rate_control`` (a share; x100 = percentage points) with
    its confidence interval ``ci_low``-``ci_high``; ``relative_lift = rate_treated / rate_control
    - 1`` (0.25 = 25 % more) with ``rel_ci_low``-``rel_ci_high``. ``method`` is ``"normal"`` or
    ``"bootstrap"``; ``confidence`` e.g. 0.95.
    """

    n_treated: int
    converted_treated: int
    n_control: int
    converted_control: int
    difference: float
    ci_low: float
    ci_high: float
    relative_lift: float
    rel_ci_low: float
    rel_ci_high: float
    confidence: float
    method: str

    @property
    def rate_treated(self) -> float:
        return self.converted_treated / self.n_treated

    @property
    def rate_control(self) -> float:
        return self.converted_control / self.n_control

    @property
    def significant(self) -> bool:
        """True when the interval of the difference excludes 0."""
        return self.ci_low > 0 or self.ci_high < 0

    def to_dict(self) -> dict[str, float | int | str | bool]:
        """All fields and rates as a flat dict (one row of :func:`compare_campaigns`)."""
        return {
            "n_treated": self.n_treated,
            "converted_treated": self.converted_treated,
            "rate_treated": self.rate_treated,
            "n_control": self.n_control,
            "converted_control": self.converted_control,
            "rate_control": self.rate_control,
            "difference": self.difference,
            "ci_low": self.ci_low,
            "ci_high": self.ci_high,
            "relative_lift": self.relative_lift,
            "rel_ci_low": self.rel_ci_low,
            "rel_ci_high": self.rel_ci_high,
            "significant": self.significant,
        }


def _int_count(name: str, value: object, lo: int = 0) -> int:
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < lo:
        raise ParameterError(f"{name}: expected a whole number >= {lo}, got {value!r}")
    return int(value)


def lift_from_counts(
    n_treated: int,
    converted_treated: int,
    n_control: int,
    converted_control: int,
    *,
    confidence: float = 0.95,
    method: Literal["normal", "bootstrap"] = "normal",
    n_boot: int = 4000,
    seed: int = 42,
) -> Lift:
    """Lift of a 2x2 table: treated/untreated x moved on/did not.

    ``method="normal"``: the difference of two proportions ``p1 - p0`` with standard error
    ``sqrt(p1 (1 - p1) / n1 + p0 (1 - p0) / n0)`` and interval ``diff ± z se`` (z = 1.96 for
    95 %); the relative lift's interval comes from the log of the rate ratio,
    ``se_log = sqrt((1 - p1) / (n1 p1) + (1 - p0) / (n0 p0))``, transformed back
    (``exp(log(p1 / p0) ± z se_log) - 1``). ``method="bootstrap"``: resample each group with
    replacement ``n_boot`` times (seeded; for yes/no outcomes a resample's count is a binomial
    draw) and take percentile intervals.

    >>> lift = lift_from_counts(200, 60, 200, 40)
    >>> round(lift.difference, 3), round(lift.ci_low, 4), round(lift.ci_high, 4)
    (0.1, 0.0157, 0.1843)
    >>> round(lift.relative_lift, 2)
    0.5
    """
    n1 = _int_count("n_treated", n_treated, lo=1)
    x1 = _int_count("converted_treated", converted_treated)
    n0 = _int_count("n_control", n_control, lo=1)
    x0 = _int_count("converted_control", converted_control)
    if x1 > n1:
        raise ParameterError(
            f"converted_treated: expected at most n_treated ({n1}), got {converted_treated!r}"
        )
    if x0 > n0:
        raise ParameterError(
            f"converted_control: expected at most n_control ({n0}), got {converted_control!r}"
        )
    if (
        isinstance(confidence, bool)
        or not isinstance(confidence, int | float)
        or not 0 < confidence < 1
    ):
        raise ParameterError(f"confidence: expected a number between 0 and 1, got {confidence!r}")
    if method not in ("normal", "bootstrap"):
        raise ParameterError(f"method: expected 'normal' or 'bootstrap', got {method!r}")
    p1, p0 = x1 / n1, x0 / n0
    diff = p1 - p0
    rel = p1 / p0 - 1 if p0 > 0 else math.inf if p1 > 0 else math.nan
    alpha = 1 - confidence
    if method == "normal":
        z = float(stats.norm.ppf(1 - alpha / 2))
        se = math.sqrt(p1 * (1 - p1) / n1 + p0 * (1 - p0) / n0)
        lo, hi = diff - z * se, diff + z * se
        if x1 > 0 and x0 > 0:
            se_log = math.sqrt((1 - p1) / (n1 * p1) + (1 - p0) / (n0 * p0))
            log_rr = math.log(p1 / p0)
            rel_lo = math.exp(log_rr - z * se_log) - 1
            rel_hi = math.exp(log_rr + z * se_log) - 1
        else:
            rel_lo = rel_hi = math.nan
    else:
        boots = _int_count("n_boot", n_boot, lo=100)
        rng = np.random.default_rng(_int_count("seed", seed))
        b1 = rng.binomial(n1, p1, size=boots) / n1
        b0 = rng.binomial(n0, p0, size=boots) / n0
        q = [alpha / 2, 1 - alpha / 2]
        lo, hi = (float(v) for v in np.quantile(b1 - b0, q))
        ok = b0 > 0
        if ok.mean() > 0.99:
            rel_lo, rel_hi = (float(v) for v in np.quantile(b1[ok] / b0[ok] - 1, q))
        else:
            rel_lo = rel_hi = math.nan
    return Lift(
        n_treated=n1,
        converted_treated=x1,
        n_control=n0,
        converted_control=x0,
        difference=diff,
        ci_low=lo,
        ci_high=hi,
        relative_lift=rel,
        rel_ci_low=rel_lo,
        rel_ci_high=rel_hi,
        confidence=float(confidence),
        method=method,
    )


# --------------------------------------------------------------------------------------------
# measured on data
# --------------------------------------------------------------------------------------------


def _events(events: object, columns: Sequence[str]) -> pd.DataFrame:
    """The events table through the door (:func:`journeykit.schema.get_table`)."""
    return get_table(events, "events", columns)


def transition_outcomes(events: pd.DataFrame, campaign: Campaign) -> pd.DataFrame:
    """Who was at the campaign's starting step, who saw the campaign, and who moved on.

    *At risk*: users whose events reached ``campaign.from_step`` (everyone in the data for
    ``"stranger"``). *Moved on*: reached ``campaign.to_step``. *Treated*: had a touch with
    ``events.campaign == campaign.key`` no later than the moment they reached ``to_step``
    (touches after it cannot have caused it); users who never moved on count as treated for a
    touch at any time.

    Columns: ``user_id``, ``treated``, ``moved_on`` (booleans), ``reached_at`` (time the user
    first reached ``to_step``, missing if never).

    This is an observational comparison: it measures the campaign's effect only when exposure
    is as good as random among the at-risk users (a holdout group, or the seeded generator).
    When the campaign was shown to the keenest users, part of the "lift" is selection.

    >>> ev = pd.DataFrame({"user_id": [1, 1, 1, 2, 2, 3], "stage": ["engage", "engage",
    ...     "subscribe", "engage", "engage", "aware"], "campaign": [None, "guide", None, "guide",
    ...     None, None], "timestamp": pd.to_datetime(["2024-01-01", "2024-01-02", "2024-01-03",
    ...     "2024-01-01", "2024-01-05", "2024-01-01"])})
    >>> c = Campaign("guide", "Download the guide", "email", "engage", "subscribe")
    >>> transition_outcomes(ev, c)[["user_id", "treated", "moved_on"]].values.tolist()
    [[1, True, True], [2, True, False]]
    """
    ev = _events(events, ("user_id", "stage", "campaign", "timestamp"))
    position = ev["stage"].map({s: i for i, s in enumerate(CVJ_STEPS)})
    furthest = position.groupby(ev["user_id"]).max()
    start = STEPS.index(campaign.from_step) - 1  # -1 for strangers: everyone
    goal = STEPS.index(campaign.to_step) - 1
    at_risk = furthest.index[furthest.to_numpy() >= start]
    reached = ev.loc[position.to_numpy() >= goal].groupby("user_id")["timestamp"].min()
    reached_at = reached.reindex(at_risk)
    touches = ev.loc[(ev["campaign"] == campaign.key).fillna(False).to_numpy(dtype=bool)]
    touches = touches[touches["user_id"].isin(at_risk)]
    limit = touches["user_id"].map(reached)
    in_time = limit.isna() | (touches["timestamp"] <= limit)
    treated_ids = pd.unique(touches.loc[in_time.to_numpy(dtype=bool), "user_id"])
    return pd.DataFrame(
        {
            "user_id": at_risk.to_numpy(),
            "treated": at_risk.isin(treated_ids),
            "moved_on": reached_at.notna().to_numpy(),
            "reached_at": reached_at.to_numpy(),
        }
    )


def campaign_lift(
    events: pd.DataFrame,
    campaign: Campaign,
    *,
    confidence: float = 0.95,
    method: Literal["normal", "bootstrap"] = "normal",
    n_boot: int = 4000,
    seed: int = 42,
) -> Lift:
    """The campaign's lift on its own transition: treated vs untreated users at ``from_step``.

    Counts come from :func:`transition_outcomes`; the interval from :func:`lift_from_counts`.
    An error names the campaign when either group is empty (nothing to compare).
    """
    out = transition_outcomes(events, campaign)
    treated = out["treated"].to_numpy(dtype=bool)
    moved = out["moved_on"].to_numpy(dtype=bool)
    n1, n0 = int(treated.sum()), int((~treated).sum())
    if n1 == 0 or n0 == 0:
        group = "treated" if n1 == 0 else "untreated"
        raise SchemaError(
            "events",
            "campaign",
            f"campaign {campaign.key!r}: no {group} users at step {campaign.from_step!r}; "
            "a lift needs both groups",
        )
    return lift_from_counts(
        n1,
        int((treated & moved).sum()),
        n0,
        int((~treated & moved).sum()),
        confidence=confidence,
        method=method,
        n_boot=n_boot,
        seed=seed,
    )


def compare_campaigns(
    events: pd.DataFrame,
    campaigns: Iterable[Campaign],
    *,
    confidence: float = 0.95,
    method: Literal["normal", "bootstrap"] = "normal",
    seed: int = 42,
) -> pd.DataFrame:
    """One row per campaign: what it is, the transition it targets and the lift it brought.

    Columns: ``campaign`` (key), ``call_to_action``, ``traffic_source``, ``from_step``,
    ``to_step``, ``transition``, then the fields of :class:`Lift` (counts, rates as shares,
    ``difference`` and its interval as shares — x100 for percentage points —, ``relative_lift``
    and its interval, ``significant``). Rows in journey order of ``from_step``, then by
    ``difference``, largest first. Campaigns compare fairly only within one transition: a
    +5-point lift on aware → engage and on convert → excite are different amounts of people.
    """
    rows = []
    for c in campaigns:
        if not isinstance(c, Campaign):
            raise ParameterError(f"campaigns: expected Campaign objects, got {type(c).__name__}")
        lift = campaign_lift(events, c, confidence=confidence, method=method, seed=seed)
        rows.append(
            {
                "campaign": c.key,
                "call_to_action": c.call_to_action,
                "traffic_source": c.traffic_source,
                "from_step": c.from_step,
                "to_step": c.to_step,
                "transition": c.transition,
                **lift.to_dict(),
            }
        )
    if not rows:
        raise ParameterError("campaigns: expected at least one Campaign")
    out = pd.DataFrame(rows)
    out["_order"] = out["from_step"].map(STEPS.index)
    out = out.sort_values(["_order", "difference"], ascending=[True, False], kind="stable")
    return out.drop(columns="_order").reset_index(drop=True)


# --------------------------------------------------------------------------------------------
# why one campaign cannot take a stranger to promoter
# --------------------------------------------------------------------------------------------


def _rates(step_rates: Mapping[str, float] | pd.Series) -> pd.Series:
    if isinstance(step_rates, pd.Series):
        step_rates = step_rates.to_dict()
    if not isinstance(step_rates, Mapping):
        raise ParameterError(
            f"step_rates: expected a mapping step -> rate, got {type(step_rates).__name__}"
        )
    missing = [s for s in CVJ_STEPS if s not in step_rates]
    extra = [s for s in step_rates if s not in CVJ_STEPS]
    if missing or extra:
        raise ParameterError(
            "step_rates: expected one rate for each of "
            + ", ".join(CVJ_STEPS)
            + (f"; missing {missing}" if missing else "")
            + (f"; unknown {extra}" if extra else "")
        )
    out = {}
    for s in CVJ_STEPS:
        v = step_rates[s]
        if (
            isinstance(v, bool)
            or not isinstance(v, int | float | np.integer | np.floating)
            or not 0 <= float(v) <= 1
        ):
            raise ParameterError(f"step_rates[{s!r}]: expected a share between 0 and 1, got {v!r}")
        out[s] = float(v)
    return pd.Series(out, name="step_rate")


def step_rates_from_events(events: pd.DataFrame, *, strangers: int) -> pd.Series:
    """Step rates of the Customer Value Journey measured on data, starting from ``strangers``.

    ``rate[step] = users who reached step / users who reached the step before``; for ``"aware"``
    the step before is the ``strangers`` — the market a campaign could reach, which the data
    cannot know (you choose it, >= users in the data). Returns a Series ``step -> share``.

    >>> ev = pd.DataFrame({"user_id": [1, 2, 2, 3, 3, 3], "stage": ["aware", "aware", "engage",
    ...     "aware", "engage", "subscribe"]})
    >>> step_rates_from_events(ev, strangers=6).head(4).tolist()
    [0.5, 0.6666666666666666, 0.5, 0.0]
    """
    ev = _events(events, ("user_id", "stage"))
    furthest = ev["stage"].map({s: i for i, s in enumerate(CVJ_STEPS)}).groupby(ev["user_id"]).max()
    counts = np.bincount(furthest.to_numpy(dtype=np.int64), minlength=len(CVJ_STEPS))
    reached = counts[::-1].cumsum()[::-1].astype(float)
    n = _int_count("strangers", strangers, lo=1)
    if n < reached[0]:
        raise ParameterError(
            f"strangers: expected at least the {int(reached[0])} users in the data, got {strangers!r}"
        )
    before = np.concatenate([[n], reached[:-1]])
    with np.errstate(divide="ignore", invalid="ignore"):
        rates = np.where(before > 0, reached / before, 0.0)
    return pd.Series(rates, index=list(CVJ_STEPS), name="step_rate")


def journey_reach(step_rates: Mapping[str, float] | pd.Series) -> pd.DataFrame:
    """Share of strangers who reach each step: the running product of the step rates.

    ``step_rates[step]`` is the share of people at the previous step who move on to ``step``
    (``"aware"``: strangers who become aware). Columns: ``step``, ``step_rate`` (share),
    ``share_of_strangers`` (product of the rates up to this step, share), ``one_in`` (1 / share:
    "one stranger in N gets here").

    >>> journey_reach({s: 0.5 for s in CVJ_STEPS})["one_in"].tolist()
    [2.0, 4.0, 8.0, 16.0, 32.0, 64.0, 128.0, 256.0]
    """
    rates = _rates(step_rates)
    share = rates.cumprod()
    with np.errstate(divide="ignore"):
        one_in = 1 / share.to_numpy()
    return pd.DataFrame(
        {
            "step": list(CVJ_STEPS),
            "step_rate": rates.to_numpy(),
            "share_of_strangers": share.to_numpy(),
            "one_in": one_in,
        }
    )


def campaign_effect(
    step_rates: Mapping[str, float] | pd.Series,
    *,
    to_step: str,
    new_rate: float | None = None,
    relative_lift: float | None = None,
) -> pd.DataFrame:
    """What a campaign that lifts only the step into ``to_step`` does to every later step.

    Give the step's rate with the campaign (``new_rate``) or its relative lift
    (``relative_lift=1.0`` doubles it, capped at a rate of 1). Every step from ``to_step`` on
    moves by the same factor ``new_rate / old_rate``; earlier steps do not move at all. Columns:
    ``step``, ``before`` and ``after`` (share of strangers reaching the step), ``ratio``
    (after / before).

    >>> eff = campaign_effect({s: 0.5 for s in CVJ_STEPS}, to_step="convert", relative_lift=0.5)
    >>> eff["ratio"].tolist()
    [1.0, 1.0, 1.0, 1.5, 1.5, 1.5, 1.5, 1.5]
    """
    rates = _rates(step_rates)
    if to_step not in CVJ_STEPS:
        raise ParameterError(
            f"to_step: expected one of {', '.join(map(repr, CVJ_STEPS))}, got {to_step!r}"
        )
    if (new_rate is None) == (relative_lift is None):
        raise ParameterError("new_rate / relative_lift: expected exactly one of the two")
    if new_rate is not None:
        if (
            isinstance(new_rate, bool)
            or not isinstance(new_rate, int | float)
            or not 0 <= new_rate <= 1
        ):
            raise ParameterError(f"new_rate: expected a share between 0 and 1, got {new_rate!r}")
        value = float(new_rate)
    else:
        if (
            isinstance(relative_lift, bool)
            or not isinstance(relative_lift, int | float)
            or relative_lift < -1
        ):
            raise ParameterError(f"relative_lift: expected a number >= -1, got {relative_lift!r}")
        value = min(1.0, rates[to_step] * (1 + float(relative_lift)))
    after_rates = rates.copy()
    after_rates[to_step] = value
    before = rates.cumprod().to_numpy()
    after = after_rates.cumprod().to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(before > 0, after / before, np.nan)
    return pd.DataFrame({"step": list(CVJ_STEPS), "before": before, "after": after, "ratio": ratio})


def required_step_rate(
    step_rates: Mapping[str, float] | pd.Series, *, to_step: str, target_share: float
) -> float:
    """The rate the step into ``to_step`` would need for ``target_share`` of strangers to promote.

    ``target_share / (product of all the other step rates)``. A result above 1 means no
    campaign on that single step can get there, however good: the other steps cap it.

    >>> round(required_step_rate({s: 0.5 for s in CVJ_STEPS}, to_step="convert", target_share=0.01), 2)
    1.28
    """
    rates = _rates(step_rates)
    if to_step not in CVJ_STEPS:
        raise ParameterError(
            f"to_step: expected one of {', '.join(map(repr, CVJ_STEPS))}, got {to_step!r}"
        )
    if (
        isinstance(target_share, bool)
        or not isinstance(target_share, int | float)
        or not 0 < target_share <= 1
    ):
        raise ParameterError(
            f"target_share: expected a share above 0 and at most 1, got {target_share!r}"
        )
    others = float(rates.drop(to_step).prod())
    return math.inf if others == 0 else target_share / others


def simulate_journey(
    step_rates: Mapping[str, float] | pd.Series,
    *,
    strangers: int = 100_000,
    runs: int = 100,
    seed: int = 42,
) -> pd.DataFrame:
    """Walk ``strangers`` people through the eight steps at random, ``runs`` times (seeded).

    At each step every person still on the path moves on with that step's rate (a binomial
    draw), else stops. The mean over runs approaches ``strangers x`` :func:`journey_reach`.
    Columns: ``run``, ``step``, ``users`` (people who reached the step, a count).

    >>> sim = simulate_journey({s: 0.5 for s in CVJ_STEPS}, strangers=1000, runs=2, seed=0)
    >>> sim.shape
    (16, 3)
    """
    rates = _rates(step_rates).to_numpy()
    n = _int_count("strangers", strangers, lo=1)
    n_runs = _int_count("runs", runs, lo=1)
    rng = np.random.default_rng(_int_count("seed", seed))
    counts = np.empty((n_runs, len(CVJ_STEPS)), dtype=np.int64)
    alive = np.full(n_runs, n, dtype=np.int64)
    for j, p in enumerate(rates):
        alive = rng.binomial(alive, p)
        counts[:, j] = alive
    return pd.DataFrame(
        {
            "run": np.repeat(np.arange(n_runs), len(CVJ_STEPS)),
            "step": np.tile(np.array(CVJ_STEPS, dtype=object), n_runs),
            "users": counts.ravel(),
        }
    )
