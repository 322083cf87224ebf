"""Funnels: how many people reach each stage or step, and where they drop off.

Two kinds of funnel, both counting **people** (``user_id``), never events:

:func:`stage_funnel`
    Users reaching each stage of a stage model (``"five"``, ``"map"``, ``"cvj"`` or your own). An
    event's ``stage`` is the Customer Value Journey step it shows the user reached; it is put into
    the model with :func:`journeykit.stages.cvj_to_model`. A user *reached* stage *k* when their
    furthest event is at stage *k* or later (a customer who bought also passed through awareness,
    even when the first touch was not recorded), so a stage funnel never increases.

:func:`ordered_funnel`
    A product-analytics funnel over event filters (:class:`Step`), with the semantics PostHog
    documents for its funnels:

    * **attempts**: every event matching step 1 starts an attempt; an attempt reaches step *i*
      when the events of steps 1..i occur in the required order;
    * **conversion window**: every step of an attempt must happen at most ``window`` after the
      attempt's step-1 event; the boundary is **inclusive** (an event exactly ``window`` later
      counts); ``window=None`` means no limit;
    * **order** ``"ordered"`` (PostHog "sequential", the default): step *i* is the first step-*i*
      event after the step-*(i-1)* event; any other events may fall between;
      ``"strict"``: step *i* must be the user's very next event after step *i-1*, so any other
      event in between (of any type) ends the attempt; ``"unordered"`` (PostHog "any order"):
      row *k* counts users who did any *k* of the steps, in any order, within the window of the
      earliest of them;
    * **multiple attempts per user**: a user counts once, at the **furthest step reached by any
      attempt** (PostHog's rule). Times to convert come from one attempt per user; by default
      (``attempt="posthog"``, PostHog's funnel code) the attempt that reached the furthest step
      first, re-anchored at the **latest** step-1 event before the next step (visit, visit 5
      days later, subscribe a day after: 1 day); ``attempt="first"`` keeps the earliest attempt
      among those that reached the furthest step (6 days);
    * **time to convert**: days between consecutive steps of that attempt, for the users who
      reached the later step (mean and median), and days from step 1; with PostHog's rule a
      duration of 0 seconds (two steps at one instant) is left out of the mean and median;
    * **ties**: events are ordered by ``timestamp``; events at the same instant are taken in
      funnel-step order (then ``event_id``), so a step-2 event logged at the same second as step 1
      always counts, whatever the ids (PostHog tries every order of same-instant events and keeps
      the best). "After" means later in that order: two steps can share a timestamp, never an
      event;
    * **any event names**: steps are the data's own event names (``"sign up"``, ``"$pageview"``,
      ``"page_view"``) with optional property filters (``"page_view[page_type=cart]"``), see
      :func:`make_step`.

Both return one row per stage/step with ``users`` (people reaching it), ``step_conversion``
(share of the previous row's users; 1.0 on the first row), ``overall_conversion`` (share of the
first row's users), ``drop_off`` (people lost since the previous row) and ``drop_off_rate``
(``1 - step_conversion``). Shares are between 0 and 1, not percentages.

Breakdowns (``by=``) put each **user** in one group: ``"persona"`` and ``"cohort"`` (calendar
month of ``users.first_seen``, e.g. ``"2024-03"``) come from the users table; ``"channel"``,
``"device"`` and ``"campaign"`` are first-touch: the value on the user's first event that has one
(``"(none)"`` when no event has a campaign). See :func:`user_groups`. :func:`ordered_funnel` can
instead take the first **funnel-step** event (``touch="first_step"``, PostHog's first-touch
breakdown attribution).

Stages: an event's Customer Value Journey step is its ``stage`` column when the data has one;
otherwise (or with ``stage_map=``) it comes from its ``event_type`` through
:func:`journeykit.stages.event_stages` (a default for GA4's recommended events), so stage
funnels work on a real export too.

>>> import pandas as pd
>>> events = pd.DataFrame({
...     "event_id": [1, 2, 3, 4, 5, 6],
...     "user_id": [1, 1, 1, 2, 2, 3],
...     "timestamp": pd.to_datetime(["2024-01-01", "2024-01-02", "2024-01-05",
...                                  "2024-01-01", "2024-01-09", "2024-01-03"]),
...     "event_type": ["visit", "subscribe", "purchase", "visit", "subscribe", "visit"],
...     "stage": ["aware", "subscribe", "convert", "aware", "subscribe", "aware"]})
>>> stage_funnel(events)[["stage", "users", "step_conversion", "overall_conversion"]]
           stage  users  step_conversion  overall_conversion
0      awareness      3         1.000000            1.000000
1  consideration      2         0.666667            0.666667
2       purchase      1         0.500000            0.333333
3      retention      0         0.000000            0.000000
4       advocacy      0         0.000000            0.000000
>>> f = ordered_funnel(events, ["visit", "subscribe"], window=7)
>>> f[["name", "users", "overall_conversion", "median_days_from_previous"]]
        name  users  overall_conversion  median_days_from_previous
0      visit      3            1.000000                        NaN
1  subscribe      1            0.333333                        1.0
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import pandas as pd

from journeykit.errors import ParameterError, SchemaError, ValidationError
from journeykit.i18n import check_lang, label_for, t
from journeykit.schema import CHANNELS, DEVICES, checked_columns, get_table
from journeykit.stages import (
    CVJ_STEPS,
    StageModel,
    check_event_stages,
    cvj_to_model,
    event_stages,
    get_model,
)

__all__ = [
    "BREAKDOWNS",
    "ORDERS",
    "Step",
    "make_step",
    "checked_columns",
    "check_breakdown",
    "group_order",
    "user_groups",
    "event_cvj_steps",
    "stage_reached",
    "stage_funnel",
    "funnel_progress",
    "ordered_funnel",
    "ATTEMPTS",
    "TOUCHES",
]

BREAKDOWNS: tuple[str, ...] = ("persona", "channel", "device", "campaign", "cohort")
"""What a funnel, a metric table or a journey score can be broken down by (one group per user)."""

ORDERS: tuple[str, ...] = ("ordered", "strict", "unordered")
"""Step-order modes of :func:`ordered_funnel` (PostHog: sequential, strict, any order)."""

NO_GROUP = "(none)"
"""Group of a user with no value for a breakdown (e.g. no event with a campaign)."""

_NS_PER_DAY = 86_400 * 10**9


# --------------------------------------------------------------------------------------------
# input checks shared by the measurement modules
# --------------------------------------------------------------------------------------------


def check_breakdown(by: object) -> str | None:
    """``by`` itself when it is ``None`` or one of :data:`BREAKDOWNS`; otherwise a ParameterError.

    >>> check_breakdown("device")
    'device'
    >>> check_breakdown("colour")
    Traceback (most recent call last):
    ...
    journeykit.errors.ParameterError: by: expected None or one of 'persona', 'channel', 'device', 'campaign', 'cohort', got 'colour'
    """
    if by is None or by in BREAKDOWNS:
        return by  # type: ignore[return-value]
    raise ParameterError(
        f"by: expected None or one of {', '.join(map(repr, BREAKDOWNS))}, got {by!r}"
    )


def _first_touch(events: pd.DataFrame, column: str) -> pd.Series:
    """The value of ``column`` on each user's first event that has one (events sorted)."""
    ev = events[["user_id", "timestamp", "event_id", column]].dropna(subset=[column])
    ev = ev.sort_values(["user_id", "timestamp", "event_id"], kind="stable")
    first = ev.drop_duplicates("user_id", keep="first")
    return pd.Series(first[column].astype(str).to_numpy(), index=first["user_id"].to_numpy())


def user_groups(
    events: pd.DataFrame,
    by: str,
    *,
    users: pd.DataFrame | None = None,
) -> pd.Series:
    """The breakdown group of every user who has an event: a Series ``user_id -> group``.

    ``by="persona"`` uses ``users.persona``; ``by="cohort"`` the calendar month of
    ``users.first_seen`` (``"YYYY-MM"``); ``"channel"``, ``"device"`` and ``"campaign"`` the value
    on the user's first event that has one (first touch), else ``"(none)"``. Persona and cohort
    need ``users``.

    >>> ev = pd.DataFrame({"event_id": [1, 2, 3], "user_id": [7, 7, 8],
    ...     "timestamp": pd.to_datetime(["2024-01-02", "2024-01-01", "2024-01-01"]),
    ...     "channel": ["email", "direct", "store"]})
    >>> user_groups(ev, "channel").to_dict()
    {7: 'direct', 8: 'store'}
    """
    by = check_breakdown(by)
    if by is None:
        raise ParameterError("by: expected one of " + ", ".join(map(repr, BREAKDOWNS)))
    ev_cols = ["event_id", "user_id", "timestamp"]
    if by in ("channel", "device", "campaign"):
        ev = checked_columns("events", events, [*ev_cols, by])
        everyone = pd.Index(ev["user_id"].unique())
        first = _first_touch(ev, by)
        return first.reindex(everyone).fillna(NO_GROUP).astype(str).rename(by)
    if users is None:
        raise ParameterError(f"users: by={by!r} needs the users table (users=...)")
    ev = checked_columns("events", events, ["user_id"])
    column = "persona" if by == "persona" else "first_seen"
    us = checked_columns("users", users, ["user_id", column])
    everyone = pd.Index(ev["user_id"].unique())
    unknown = everyone.difference(pd.Index(us["user_id"]))
    if len(unknown):
        raise SchemaError(
            "events", "user_id", f"users not in users.user_id (e.g. {unknown[0]!r})", []
        )
    values = us.set_index("user_id")[column]
    if by == "cohort":
        values = values.dt.to_period("M").astype(str)
    return values.reindex(everyone).astype(str).rename(by)


def group_order(by: str | None, groups: pd.Series) -> list[str]:
    """The groups present, in the order tables and charts show them.

    Channels and devices in their schema order, anything else alphabetically, and
    :data:`NO_GROUP` last.

    >>> group_order("device", pd.Series(["(none)", "tablet", "mobile", "desktop"]))
    ['mobile', 'desktop', 'tablet', '(none)']
    """
    present = list(pd.unique(groups))
    if by == "channel":
        ref = list(CHANNELS)
    elif by == "device":
        ref = list(DEVICES)
    else:
        ref = sorted(g for g in present if g != NO_GROUP)
    ordered = [g for g in ref if g in present]
    ordered += sorted(g for g in present if g not in ordered and g != NO_GROUP)
    if NO_GROUP in present:
        ordered.append(NO_GROUP)
    return ordered


# --------------------------------------------------------------------------------------------
# stage funnel
# --------------------------------------------------------------------------------------------


def event_cvj_steps(
    events: object, stage_map: Mapping[str, str | None] | None = None
) -> pd.DataFrame:
    """``user_id`` and ``stage`` (Customer Value Journey step) of every event, through the door.

    The ``stage`` column when the data has one and no ``stage_map`` is given; else the step of
    each ``event_type`` by :func:`journeykit.stages.event_stages` (``stage_map`` extends the
    default mapping of GA4's recommended events); events with no step are dropped.

    >>> ev = pd.DataFrame({"user_id": ["a", "a"], "event_type": ["page_view", "sign_up"],
    ...     "timestamp": pd.to_datetime(["2024-01-01", "2024-01-02"])})
    >>> event_cvj_steps(ev)["stage"].tolist()
    ['aware', 'subscribe']
    """
    if stage_map is None and isinstance(events, pd.DataFrame) and "stage" in events.columns:
        return checked_columns("events", events, ["user_id", "stage"])
    check_event_stages(stage_map)
    ev = checked_columns("events", events, ["user_id", "event_type"])
    out = pd.DataFrame(
        {"user_id": ev["user_id"], "stage": event_stages(ev["event_type"], stage_map)}
    )
    return out[out["stage"].notna().to_numpy()]


def stage_reached(
    events: pd.DataFrame,
    model: str | StageModel = "five",
    *,
    stage_map: Mapping[str, str | None] | None = None,
) -> pd.Series:
    """Each user's furthest stage of ``model`` as a 0-based position: Series ``user_id -> int``.

    Events whose Customer Value Journey step the model does not cover are ignored; a user with
    no covered event is left out. Steps: see :func:`event_cvj_steps` (``stage_map``).

    >>> ev = pd.DataFrame({"user_id": [1, 1, 2], "stage": ["aware", "ascend", "engage"]})
    >>> stage_reached(ev, "five").to_dict()
    {1: 3, 2: 1}
    >>> ga4 = pd.DataFrame({"user_id": ["x", "x", "y"], "timestamp": pd.to_datetime(
    ...     ["2024-01-01", "2024-01-02", "2024-01-01"]),
    ...     "event_type": ["page_view", "purchase", "add_to_cart"]})
    >>> stage_reached(ga4, "five").to_dict()
    {'x': 2, 'y': 1}
    """
    m = get_model(model)
    ev = event_cvj_steps(events, stage_map)
    to_model = cvj_to_model(m)
    if not to_model:
        raise ValidationError(
            "stage_model",
            "stages that list their Customer Value Journey steps (cvj_steps), so that "
            "events.stage can be placed in them",
            repr(m.key),
        )
    position = {step: m.index(key) for step, key in to_model.items()}
    pos = ev["stage"].map(position)
    keep = pos.notna().to_numpy()
    out = pd.Series(pos.to_numpy()[keep].astype("int64"), index=ev["user_id"].to_numpy()[keep])
    return out.groupby(level=0).max().rename("stage_position")


def _stack(frames: list[pd.DataFrame], columns: list[str]) -> pd.DataFrame:
    """One funnel per group, stacked; a breakdown with no group at all (no events) is empty."""
    if frames:
        return pd.concat(frames, ignore_index=True)
    return pd.DataFrame(columns=columns)


_RATE_COLUMNS = ("step_conversion", "overall_conversion", "drop_off", "drop_off_rate")


def _rates(users: np.ndarray) -> dict[str, np.ndarray]:
    """Step/overall conversion and drop-off for one funnel's user counts (first row = entry)."""
    users = users.astype("float64")
    prev = np.concatenate([[users[0]], users[:-1]]) if len(users) else users
    with np.errstate(divide="ignore", invalid="ignore"):
        step = np.where(prev > 0, users / prev, 0.0)
        overall = np.where(users[0] > 0, users / users[0], 0.0) if len(users) else users
    if len(users):
        step[0] = 1.0 if users[0] > 0 else np.nan
        if users[0] == 0:
            overall[:] = np.nan
            step[:] = np.nan
    return {
        "step_conversion": step,
        "overall_conversion": overall,
        "drop_off": (prev - users).astype("int64"),
        "drop_off_rate": 1.0 - step,
    }


def stage_funnel(
    events: pd.DataFrame,
    model: str | StageModel = "five",
    by: str | None = None,
    *,
    users: pd.DataFrame | None = None,
    lang: str = "en",
    stage_map: Mapping[str, str | None] | None = None,
) -> pd.DataFrame:
    """Users reaching each stage of ``model``, with step and overall conversion and drop-off.

    Columns: ``[by]`` (the group, when ``by`` is given), ``stage`` (stage key), ``label`` (stage
    name in ``lang``), ``position`` (1 = first stage), ``users`` (people whose furthest stage is
    this one or later), ``step_conversion`` (users / users of the previous stage, a share; 1.0 for
    the first stage), ``overall_conversion`` (users / users of the first stage), ``drop_off``
    (people lost since the previous stage) and ``drop_off_rate`` (1 - step_conversion).

    ``by``: None, ``"persona"``, ``"channel"``, ``"device"``, ``"campaign"`` or ``"cohort"`` (see
    :func:`user_groups`; persona and cohort need ``users``).
    ``stage_map``: event name -> Customer Value Journey step, for data without a ``stage`` column
    (see :func:`event_cvj_steps`; GA4's recommended events are mapped by default).

    >>> ev = pd.DataFrame({"event_id": [1, 2, 3], "user_id": [1, 1, 2],
    ...     "timestamp": pd.to_datetime(["2024-01-01", "2024-01-03", "2024-02-01"]),
    ...     "stage": ["aware", "convert", "aware"], "device": ["mobile", "mobile", "desktop"]})
    >>> stage_funnel(ev, "five", by="device")[["device", "stage", "users"]].head(3)
        device          stage  users
    0   mobile      awareness      1
    1   mobile  consideration      1
    2   mobile       purchase      1
    """
    m = get_model(model)
    check_lang(lang)
    by = check_breakdown(by)
    reached = stage_reached(events, m, stage_map=stage_map)
    n = len(m)
    if by is None:
        groups = pd.Series("all", index=reached.index)
        order = ["all"]
    else:
        groups = user_groups(events, by, users=users).reindex(reached.index)
        order = group_order(by, groups)
    # users per (group, furthest stage), then "this stage or later" = reverse cumulative sum
    # (pd.crosstab falls back to a slow Python aggregation; groupby-size does not)
    table = (
        pd.DataFrame({"g": groups.to_numpy(), "s": reached.to_numpy()})
        .groupby(["g", "s"])
        .size()
        .unstack("s", fill_value=0)
        .reindex(index=order, columns=range(n), fill_value=0)
    )
    at_least = table.to_numpy()[:, ::-1].cumsum(axis=1)[:, ::-1]
    frames = []
    for g, counts in zip(order, at_least, strict=True):
        block = {
            "stage": list(m.keys()),
            "label": list(m.labels(lang)),
            "position": np.arange(1, n + 1),
            "users": counts.astype("int64"),
            **_rates(counts),
        }
        frame = pd.DataFrame(block)
        if by is not None:
            frame.insert(0, by, g)
        frames.append(frame)
    return _stack(frames, [by, "stage", "label", "position", "users", *_RATE_COLUMNS])


# --------------------------------------------------------------------------------------------
# ordered funnel (event steps, conversion window, order modes)
# --------------------------------------------------------------------------------------------


def _as_tuple(
    field: str, value: object, allowed: Sequence[str] | None = None
) -> tuple[str, ...] | None:
    if value is None:
        return None
    values = (value,) if isinstance(value, str) else tuple(value)  # type: ignore[arg-type]
    what = f"one or more of {', '.join(allowed)}" if allowed else "one or more names"
    if not values:
        raise ValidationError(f"step.{field}", what, "nothing")
    for v in values:
        if not isinstance(v, str) or not v:
            raise ValidationError(f"step.{field}", "names (text)", repr(v))
        if allowed is not None and v not in allowed:
            raise ValidationError(f"step.{field}", f"one of {', '.join(allowed)}", repr(v))
    return values


def _as_where(value: object) -> tuple[tuple[str, tuple[Any, ...]], ...]:
    if value is None:
        return ()
    if isinstance(value, tuple) and all(isinstance(p, tuple) and len(p) == 2 for p in value):
        items = list(value)
    elif isinstance(value, Mapping):
        items = list(value.items())
    else:
        raise ValidationError("step.where", "a dict {column: value or list of values}", repr(value))
    out = []
    for col, vals in items:
        if not isinstance(col, str) or not col:
            raise ValidationError("step.where", "column names (text)", repr(col))
        vs = tuple(vals) if isinstance(vals, list | tuple | set | frozenset) else (vals,)
        if not vs:
            raise ValidationError(f"step.where[{col!r}]", "one or more values", "nothing")
        out.append((col, vs))
    return tuple(out)


@dataclass(frozen=True)
class Step:
    """One funnel step: the events that count as doing it.

    An event matches when its ``event_type`` is one of ``event_type`` (if given; any event name of
    the data: ``"sign up"``, ``"$pageview"``, ``"page_view"``) **and** its ``stage`` (Customer
    Value Journey step) is one of ``stage`` (if given) **and** its ``channel`` is one of
    ``channel`` (if given) **and** every property filter in ``where`` holds (``{column: value or
    list of values}`` on any column of the events table, e.g. ``{"page_location": "/checkout"}``).
    ``name`` is the step's key in results; by default it is built from the filters
    (``"visit"``, ``"stage:convert"``, ``"purchase@email"``, ``"page_view[page_type=cart]"`` ...).

    >>> Step(event_type="purchase", stage="convert").name
    'purchase+stage:convert'
    >>> Step(stage="subscribe").label("id")
    'Subscribe (Berlangganan)'
    >>> Step(event_type="$pageview", where={"path": ["/cart", "/checkout"]}).name
    '$pageview[path=/cart|/checkout]'
    """

    event_type: str | tuple[str, ...] | None = None
    stage: str | tuple[str, ...] | None = None
    channel: str | tuple[str, ...] | None = None
    name: str = ""
    where: Any = None

    def __post_init__(self) -> None:
        et = _as_tuple("event_type", self.event_type)
        st = _as_tuple("stage", self.stage, CVJ_STEPS)
        ch = _as_tuple("channel", self.channel)
        wh = _as_where(self.where)
        if et is None and st is None and ch is None and not wh:
            raise ValidationError(
                "step", "at least one of event_type, stage, channel, where", "none"
            )
        object.__setattr__(self, "event_type", et)
        object.__setattr__(self, "stage", st)
        object.__setattr__(self, "channel", ch)
        object.__setattr__(self, "where", wh)
        if not self.name:
            parts = []
            if et:
                parts.append("|".join(et))
            if st:
                parts.append("stage:" + "|".join(st))
            name = "+".join(parts)
            if ch:
                name += "@" + "|".join(ch)
            if wh:
                name += "[" + ";".join(f"{c}=" + "|".join(map(str, v)) for c, v in wh) + "]"
            object.__setattr__(self, "name", name)

    @property
    def columns(self) -> tuple[str, ...]:
        """The events columns this step reads."""
        own = tuple(f for f in ("event_type", "stage", "channel") if getattr(self, f) is not None)
        return own + tuple(c for c, _ in self.where if c not in own)

    def label(self, lang: str = "en") -> str:
        """A readable name in ``lang`` built from the filters' labels (unknown names as written)."""
        parts = []
        if self.event_type:
            parts.append(" / ".join(label_for("event", e, lang) for e in self.event_type))
        if self.stage:
            cvj = get_model("cvj")
            text = " / ".join(cvj.stage(s).label(lang) for s in self.stage)
            parts.append(f"· {text}" if parts else text)
        if self.channel:
            parts.append(
                t("funnel.via", lang)
                + " "
                + " / ".join(label_for("channel", c, lang) for c in self.channel)
            )
        if self.where:
            parts.append(
                "(" + ", ".join(f"{c} = " + " / ".join(map(str, v)) for c, v in self.where) + ")"
            )
        return " ".join(parts)

    def matches(self, events: pd.DataFrame) -> np.ndarray:
        """Boolean array: which rows of ``events`` match this step."""
        mask = np.ones(len(events), dtype=bool)
        for field in ("event_type", "stage", "channel"):
            values = getattr(self, field)
            if values is not None:
                mask &= events[field].isin(values).to_numpy()
        for col, values in self.where:
            s = events[col]
            vals: list[Any] = list(values)
            if pd.api.types.is_numeric_dtype(s.dtype) and not pd.api.types.is_bool_dtype(s.dtype):
                num = pd.to_numeric(pd.Series(vals, dtype=object), errors="coerce")
                if num.isna().any():
                    raise ValidationError(
                        f"step.where[{col!r}]", f"numbers (events.{col} holds numbers)", repr(vals)
                    )
                vals = num.tolist()
            elif not pd.api.types.is_bool_dtype(s.dtype):
                s = s.astype("string")
                vals = [str(v) for v in vals]
            mask &= s.isin(vals).fillna(False).to_numpy(dtype=bool)
        return mask


_STEP_TEXT = re.compile(r"^(?P<head>[^\[]*)(?:\[(?P<where>[^\]]*)\])?$")


def _parse_where(text: str, step: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for part in text.split(";"):
        if not part.strip():
            continue
        col, eq, vals = part.partition("=")
        if not eq or not col.strip():
            raise ValidationError(
                "step", "property filters like name[column=value|value;column=value]", repr(step)
            )
        out[col.strip()] = [v.strip() for v in vals.split("|")]
    return out


def make_step(step: Step | str | Mapping[str, Any]) -> Step:
    """A :class:`Step` from a Step, a string or a dict.

    Strings: an event name as the data writes it (``"visit"``, ``"sign up"``, ``"$pageview"``,
    ``"page_view"``), ``"stage:<cvj step>"`` (``"stage:convert"``), either followed by property
    filters in brackets: ``"page_view[page_type=cart|checkout;country=ID]"``. Dicts: the fields
    of :class:`Step` (``{"event_type": "purchase", "where": {"currency": "IDR"}}``).

    >>> make_step("stage:convert").stage
    ('convert',)
    >>> make_step("sign up").event_type
    ('sign up',)
    >>> make_step("page_view[page_type=cart|checkout]").where
    (('page_type', ('cart', 'checkout')),)
    >>> make_step("buy[price]")
    Traceback (most recent call last):
    ...
    journeykit.errors.ValidationError: step: expected property filters like name[column=value|value;column=value], got 'buy[price]'
    """
    if isinstance(step, Step):
        return step
    if isinstance(step, str):
        m = _STEP_TEXT.match(step.strip())
        head = (m.group("head") if m else step).strip()
        if m is None or not head:
            raise ValidationError(
                "step", "an event name, 'stage:<step>', optionally with [column=value]", repr(step)
            )
        where = _parse_where(m.group("where"), step) if m.group("where") is not None else None
        if head.startswith("stage:"):
            return Step(stage=head[len("stage:") :], where=where)
        return Step(event_type=head, where=where)
    if isinstance(step, Mapping):
        unknown = set(step) - {"event_type", "stage", "channel", "name", "where"}
        if unknown:
            raise ValidationError(
                "step",
                "keys among event_type, stage, channel, where, name",
                ", ".join(sorted(unknown)),
            )
        return Step(**dict(step))
    raise ValidationError("step", "a Step, a string or a dict", type(step).__name__)


def _window_ns(window: object) -> int | None:
    if window is None:
        return None
    if isinstance(window, bool):
        raise ParameterError(
            f"window: expected days (a number), a Timedelta or None, got {window!r}"
        )
    if isinstance(window, int | float | np.integer | np.floating):
        if not np.isfinite(window) or window < 0:
            raise ParameterError(f"window: expected days >= 0, got {window!r}")
        return int(round(float(window) * _NS_PER_DAY))
    try:
        delta = pd.Timedelta(window)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise ParameterError(
            f"window: expected days (a number), a Timedelta or None, got {window!r}"
        ) from None
    if delta < pd.Timedelta(0):
        raise ParameterError(f"window: expected a duration >= 0, got {window!r}")
    return int(delta.value)


def _steps(steps: object) -> list[Step]:
    if isinstance(steps, str | Step | Mapping) or not isinstance(steps, Iterable):
        raise ParameterError("steps: expected a list of at least 2 steps")
    built = [make_step(s) for s in steps]
    if len(built) < 2:
        raise ParameterError(f"steps: expected at least 2 steps, got {len(built)}")
    return built


ATTEMPTS: tuple[str, ...] = ("posthog", "first")
"""Which attempt gives a user's times (``attempt=``): PostHog's re-anchoring, or the first one."""


def _step_events(
    events: object, built: list[Step], extra: Sequence[str] = ()
) -> tuple[pd.DataFrame, list[np.ndarray]]:
    """The events a funnel reads (through the door), sorted for it, and each step's mask.

    Sorted by user, time, then the first step an event matches (so events at one instant are
    taken in funnel order: a step-2 event at the same second as step 1 never loses the
    conversion, whatever its ``event_id``), then ``event_id`` (or row order).
    """
    need = ["user_id", "timestamp", *extra]
    for st in built:
        need += [c for c in st.columns if c not in need]
    ev = get_table(events, "events", need)
    cols = need + (["event_id"] if "event_id" in ev.columns and "event_id" not in need else [])
    ev = ev[cols]
    masks = [st.matches(ev) for st in built]
    first = np.full(len(ev), len(built), dtype="int64")
    for i in reversed(range(len(built))):
        first[masks[i]] = i
    tie = (
        pd.factorize(ev["event_id"], sort=True)[0]
        if "event_id" in ev.columns
        else np.arange(len(ev))
    )
    code = pd.factorize(ev["user_id"], sort=True)[0]  # ids may be text: sort on codes
    order = np.lexsort((tie, first, ev["timestamp"].to_numpy(), code))
    ev = ev.iloc[order].reset_index(drop=True).assign(_user=code[order])
    return ev, [m[order] for m in masks]


def _warn_unknown_names(ev: pd.DataFrame, built: list[Step]) -> None:
    """A step naming an event the data never holds counts 0: say so (a typo is the usual cause)."""
    if not len(ev) or "event_type" not in ev.columns:
        return
    present = set(ev["event_type"].dropna().unique())
    missing = [e for st in built for e in (st.event_type or ()) if e not in present]
    if missing:
        held = ", ".join(map(repr, sorted(map(str, present))[:8]))
        warnings.warn(
            f"steps: no event in events.event_type is named {', '.join(map(repr, missing))} "
            f"(the data holds {held} ...); that step counts 0 people",
            UserWarning,
            stacklevel=3,
        )


def funnel_progress(
    events: pd.DataFrame,
    steps: Sequence[Step | str | Mapping[str, Any]],
    *,
    window: float | str | pd.Timedelta | None = 14,
    order: Literal["ordered", "strict", "unordered"] = "ordered",
    attempt: Literal["posthog", "first"] = "posthog",
) -> pd.DataFrame:
    """Per user who did step 1 (any step when unordered): the furthest step and when each was done.

    ``window``: days (a number), a :class:`pandas.Timedelta`/string such as ``"36h"``, or
    ``None`` for no limit; PostHog's default is 14 days. See the module docstring for the
    semantics of attempts, order modes, ties and the inclusive window boundary.

    ``attempt``: which of a user's attempts gives the times. ``"posthog"`` (default, PostHog's
    funnel code): the attempt that reached the furthest step **first**, and among those the one
    with the **latest** step-1 event, i.e. the clock restarts at the last step-1 event before the
    next step (visit, visit 5 days later, subscribe a day after: 1 day). ``"first"``: the
    earliest attempt among those that reached the furthest step (the same example: 6 days).
    The furthest step, and so every count, is the same either way.

    Columns: ``user_id``, ``steps_reached`` (1..n), ``entered`` (timestamp of the chosen attempt's
    first step) and ``t1`` ... ``tn`` (timestamp of each step in that attempt, ``NaT`` when not
    reached; for ``"unordered"``, the k-th step done, in time order). One row per user, sorted
    by ``user_id``.

    >>> ev = pd.DataFrame({"event_id": [1, 2, 3], "user_id": [5, 5, 5],
    ...     "timestamp": pd.to_datetime(["2024-01-01", "2024-01-02", "2024-01-03"]),
    ...     "event_type": ["visit", "click", "subscribe"], "stage": ["aware", "engage", "subscribe"]})
    >>> funnel_progress(ev, ["visit", "subscribe"], order="strict")["steps_reached"].tolist()
    [1]
    >>> funnel_progress(ev, ["visit", "subscribe"], order="ordered")["steps_reached"].tolist()
    [2]
    >>> again = pd.DataFrame({"user_id": [1, 1, 1], "event_type": ["visit", "visit", "subscribe"],
    ...     "timestamp": pd.to_datetime(["2024-01-01", "2024-01-06", "2024-01-07"])})
    >>> [(funnel_progress(again, ["visit", "subscribe"], attempt=a)["t2"]
    ...   - funnel_progress(again, ["visit", "subscribe"], attempt=a)["t1"]).dt.days.item()
    ...  for a in ("posthog", "first")]
    [1, 6]
    """
    built = _steps(steps)
    if order not in ORDERS:
        raise ParameterError(
            f"order: expected one of {', '.join(map(repr, ORDERS))}, got {order!r}"
        )
    if attempt not in ATTEMPTS:
        raise ParameterError(
            f"attempt: expected one of {', '.join(map(repr, ATTEMPTS))}, got {attempt!r}"
        )
    win = _window_ns(window)
    ev, masks = _step_events(events, built)
    _warn_unknown_names(ev, built)
    user = ev["_user"].to_numpy()
    ids = ev["user_id"].to_numpy()
    ts = ev["timestamp"].to_numpy().astype("int64")
    n = len(built)
    if order == "unordered":
        for i in range(n):
            for j in range(i + 1, n):
                if (masks[i] & masks[j]).any():
                    raise ParameterError(
                        f"steps: {built[i].name!r} and {built[j].name!r} match the same events; "
                        "an unordered funnel needs steps that do not overlap"
                    )
        reached, times = _unordered(user, ts, masks, win)
        anchor = np.flatnonzero(np.logical_or.reduce(masks))
    else:
        anchor = np.flatnonzero(masks[0])
        step_fn = _strict if order == "strict" else _ordered
        reached, times = step_fn(user, ts, masks, anchor, win)
    a_user = user[anchor]
    if attempt == "posthog" and len(anchor):
        # furthest step, then the earliest time it was reached, then the latest entry
        stacked = np.stack(times, axis=1)
        t_last = stacked[np.arange(len(anchor)), reached - 1]
        pick = np.lexsort((-anchor, t_last, -reached, a_user))
    else:
        # furthest step, then the earliest attempt (anchor position ascending)
        pick = np.lexsort((anchor, -reached, a_user))
    first = np.ones(len(pick), dtype=bool)
    first[1:] = a_user[pick][1:] != a_user[pick][:-1]
    chosen = pick[first]
    out = pd.DataFrame(
        {
            "user_id": pd.array(ids[anchor][chosen], dtype=ev["user_id"].dtype),
            "steps_reached": reached[chosen],
        }
    )
    for i in range(n):
        out[f"t{i + 1}"] = pd.to_datetime(times[i][chosen]).astype("datetime64[ns]")
    out.insert(2, "entered", out["t1"])
    return out.reset_index(drop=True)


_NAT = np.iinfo("int64").min


def _ordered(user, ts, masks, anchor, win):  # noqa: ANN001, ANN202
    n = len(masks)
    cur = anchor.copy()
    t0 = ts[anchor]
    alive = np.ones(len(anchor), dtype=bool)
    reached = np.ones(len(anchor), dtype="int64")
    times = [np.where(alive, t0, _NAT)]
    for i in range(1, n):
        cand_pos = np.flatnonzero(masks[i])
        ok = alive.copy()
        if len(cand_pos) == 0:
            ok[:] = False
            cand = cur
        else:
            # the first step-i event strictly after the current step's event
            idx = np.searchsorted(cand_pos, cur, side="right")
            ok &= idx < len(cand_pos)
            cand = cand_pos[np.minimum(idx, len(cand_pos) - 1)]
            ok &= user[cand] == user[anchor]
            if win is not None:
                ok &= ts[cand] <= t0 + win
        cur = np.where(ok, cand, cur)
        reached += ok
        times.append(np.where(ok, ts[cand], _NAT))
        alive = ok
    return reached, times


def _strict(user, ts, masks, anchor, win):  # noqa: ANN001, ANN202
    n = len(masks)
    size = len(user)
    t0 = ts[anchor]
    alive = np.ones(len(anchor), dtype=bool)
    reached = np.ones(len(anchor), dtype="int64")
    times = [t0.copy()]
    for i in range(1, n):
        # the user's very next event must be step i
        pos = anchor + i
        safe = np.minimum(pos, size - 1)
        ok = alive & (pos < size) & (user[safe] == user[anchor]) & masks[i][safe]
        if win is not None:
            ok &= ts[safe] <= t0 + win
        reached += ok
        times.append(np.where(ok, ts[safe], _NAT))
        alive = ok
    return reached, times


def _unordered(user, ts, masks, win):  # noqa: ANN001, ANN202
    anchor = np.flatnonzero(np.logical_or.reduce(masks))
    t0 = ts[anchor]
    found = []
    for m in masks:
        cand_pos = np.flatnonzero(m)
        if len(cand_pos) == 0:
            found.append(np.full(len(anchor), _NAT))
            continue
        # first event of this step at or after the anchor (the anchor itself counts)
        idx = np.searchsorted(cand_pos, anchor, side="left")
        ok = idx < len(cand_pos)
        cand = cand_pos[np.minimum(idx, len(cand_pos) - 1)]
        ok &= user[cand] == user[anchor]
        if win is not None:
            ok &= ts[cand] <= t0 + win
        found.append(np.where(ok, ts[cand], _NAT))
    stacked = np.stack(found, axis=1)
    reached = (stacked != _NAT).sum(axis=1).astype("int64")
    # k-th step done, in time order (missing ones last)
    ordered = np.sort(np.where(stacked == _NAT, np.iinfo("int64").max, stacked), axis=1)
    ordered = np.where(ordered == np.iinfo("int64").max, _NAT, ordered)
    return reached, [ordered[:, i] for i in range(len(masks))]


TOUCHES: tuple[str, ...] = ("first", "first_step")
"""Which event gives a user's channel/device/campaign group in :func:`ordered_funnel` (``touch=``)."""


def ordered_funnel(
    events: pd.DataFrame,
    steps: Sequence[Step | str | Mapping[str, Any]],
    *,
    window: float | str | pd.Timedelta | None = 14,
    order: Literal["ordered", "strict", "unordered"] = "ordered",
    by: str | None = None,
    users: pd.DataFrame | None = None,
    touch: Literal["first", "first_step"] = "first",
    attempt: Literal["posthog", "first"] = "posthog",
    lang: str = "en",
) -> pd.DataFrame:
    """A funnel over event steps with a conversion window and an order mode (PostHog semantics).

    ``steps``: two or more :class:`Step`, strings or dicts (see :func:`make_step`; any event
    names of the data, with property filters); ``window``, ``order``: see
    :func:`funnel_progress` and the module docstring; ``by``: a breakdown as in
    :func:`stage_funnel` (every group with people appears, with zeros where nobody did step 1,
    so the groups add up to the whole funnel).

    ``touch`` (for ``by="channel"``, ``"device"``, ``"campaign"``): ``"first"`` (default) takes
    the value on the user's first event of **any** type (first touch of the journey, as
    :func:`user_groups`); ``"first_step"`` the value on the user's first event that matches a
    **funnel step** (PostHog's ``first_touch`` breakdown attribution, whose events are the
    funnel's). Only users with a step event get a group then.

    ``attempt``: ``"posthog"`` (default) gives PostHog's numbers: times come from the attempt that
    reached the furthest step first, re-anchored at the latest step-1 event, and step durations
    of 0 seconds (steps at the same instant) are left out of the mean and median, as PostHog's
    ``groupArrayIf(timings[i], timings[i] > 0)`` does; ``"first"``: the earliest attempt's
    times, every duration averaged. Counts are the same either way.

    Columns: ``[by]``, ``position`` (1..n), ``name`` (step key; ``"any 2 of 3"`` rows when
    unordered), ``label`` (in ``lang``), ``users``, ``step_conversion``, ``overall_conversion``,
    ``drop_off``, ``drop_off_rate`` (as in :func:`stage_funnel`), ``mean_days_from_previous`` /
    ``median_days_from_previous`` (time from the previous step to this one, in days, over the
    users who reached this step; NaN on row 1) and ``mean_days_from_first`` /
    ``median_days_from_first`` (time from step 1).

    >>> ev = pd.DataFrame({"event_id": [1, 2, 3, 4], "user_id": [1, 1, 2, 2],
    ...     "timestamp": pd.to_datetime(["2024-01-01", "2024-01-08", "2024-01-01", "2024-01-09"]),
    ...     "event_type": ["visit", "purchase", "visit", "purchase"]})
    >>> ordered_funnel(ev, ["visit", "purchase"], window=7)["users"].tolist()  # 7 days: inclusive
    [2, 1]
    >>> ph = pd.DataFrame({"user_id": ["p1"] * 3, "event_type": ["sign up", "play movie", "buy"],
    ...     "timestamp": pd.to_datetime(["2020-01-01 12:00", "2020-01-01 13:00", "2020-01-01 15:00"])})
    >>> f = ordered_funnel(ph, ["sign up", "play movie", "buy"], window=7)
    >>> (f["mean_days_from_previous"] * 86_400).round().tolist()  # seconds, as PostHog reports
    [nan, 3600.0, 7200.0]
    """
    check_lang(lang)
    by = check_breakdown(by)
    if touch not in TOUCHES:
        raise ParameterError(
            f"touch: expected one of {', '.join(map(repr, TOUCHES))}, got {touch!r}"
        )
    built = _steps(steps)
    progress = funnel_progress(events, built, window=window, order=order, attempt=attempt)
    n = len(built)
    if by is None:
        groups = pd.Series("all", index=progress.index)
        order_g = ["all"]
    else:
        if touch == "first_step" and by in ("channel", "device", "campaign"):
            g = _first_step_groups(events, built, by)
        else:
            g = user_groups(events, by, users=users)
        groups = pd.Series(g.reindex(progress["user_id"]).to_numpy(), index=progress.index)
        order_g = group_order(by, g)  # every group with people, even if none entered
    if order == "unordered":
        names = [f"any {k} of {n}" for k in range(1, n + 1)]
        labels = [t("funnel.any_k_of_n", lang).format(k=k, n=n) for k in range(1, n + 1)]
    else:
        names = [s.name for s in built]
        labels = [s.label(lang) for s in built]
    frames = []
    for g in order_g:
        p = progress[(groups == g).to_numpy()]
        reached = p["steps_reached"].to_numpy()
        counts = np.array([(reached >= k).sum() for k in range(1, n + 1)], dtype="int64")
        block: dict[str, Any] = {
            "position": np.arange(1, n + 1),
            "name": names,
            "label": labels,
            "users": counts,
            **_rates(counts),
        }
        stats: dict[str, list[float]] = {key: [np.nan] for key in ("mp", "md", "fp", "fd")}
        for i in range(1, n):
            done = p[f"t{i + 1}"].notna().to_numpy()
            prev = (p[f"t{i + 1}"] - p[f"t{i}"])[done].dt.total_seconds() / 86_400
            first = (p[f"t{i + 1}"] - p["t1"])[done].dt.total_seconds() / 86_400
            if attempt == "posthog":  # PostHog leaves zero-second durations out
                prev, first = prev[prev > 0], first[first > 0]
            stats["mp"].append(prev.mean() if len(prev) else np.nan)
            stats["md"].append(prev.median() if len(prev) else np.nan)
            stats["fp"].append(first.mean() if len(first) else np.nan)
            stats["fd"].append(first.median() if len(first) else np.nan)
        block["mean_days_from_previous"] = stats["mp"]
        block["median_days_from_previous"] = stats["md"]
        block["mean_days_from_first"] = stats["fp"]
        block["median_days_from_first"] = stats["fd"]
        frame = pd.DataFrame(block)
        if by is not None:
            frame.insert(0, by, g)
        frames.append(frame)
    times = [f"{s}_days_from_{r}" for r in ("previous", "first") for s in ("mean", "median")]
    return _stack(frames, [by, "position", "name", "label", "users", *_RATE_COLUMNS, *times])


def _first_step_groups(events: object, built: list[Step], by: str) -> pd.Series:
    """Each user's ``by`` value on their first event matching a funnel step (with a value)."""
    ev, masks = _step_events(events, built, extra=(by,))
    step_ev = ev[np.logical_or.reduce(masks)]
    everyone = pd.Index(step_ev["user_id"].unique())
    known = step_ev[step_ev[by].notna()].drop_duplicates("_user", keep="first")
    values = pd.Series(known[by].astype(str).to_numpy(), index=known["user_id"].to_numpy())
    return values.reindex(everyone).fillna(NO_GROUP).astype(str).rename(by)
