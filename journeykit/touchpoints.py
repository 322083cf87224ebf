"""Touchpoints and channels: where people meet the brand at each stage, on which devices.

A *touchpoint* is a place where a customer meets the business (an ad, a landing page, a
WhatsApp chat, the shop counter); a *channel* is the traffic source that carried the touch
(``events.channel``). Articles 002 and 003 ask you to list the touchpoints of every stage;
article 003 contrasts **multichannel** (the business is present on many channels, each run on
its own) with **omnichannel** (the channels share one view of the customer, so a person who
starts on Instagram on a phone and buys on a laptop is recognised as the same person); article
000 adds **mobile conversions** - look at which devices people buy on.

What this module measures:

* :func:`channel_stage_matrix` - people (or touches) per channel and stage.
* :func:`journey_breadth` - per person: how many channels and devices they used on the way to
  their first purchase (or in their whole history if they never bought).
* :func:`omnichannel_summary` - how common cross-channel and cross-device journeys are, for
  buyers and non-buyers: the data behind "do we need an omnichannel view?".
* :func:`conversion_by_channel_count` - conversion rate by number of channels used.
* :func:`device_split` - conversions by the device of the converting touch.

A **conversion** is a ``purchase`` event (``conversion=`` names another event of the data, e.g.
``"sign_up"``); by default only each person's first purchase counts
(the Convert step of the Customer Value Journey), ``conversions="all"`` counts every purchase.

>>> import pandas as pd
>>> ev = pd.DataFrame({"event_id": [1, 2, 3, 4], "user_id": [1, 1, 2, 2],
...     "timestamp": pd.to_datetime(["2024-01-01", "2024-01-03", "2024-01-01", "2024-01-02"]),
...     "channel": ["social_ads", "direct", "email", "email"],
...     "device": ["mobile", "desktop", "mobile", "mobile"],
...     "event_type": ["click", "purchase", "visit", "purchase"],
...     "stage": ["engage", "convert", "aware", "convert"]})
>>> device_split(ev)
    device  conversions  share
0   mobile            1    0.5
1  desktop            1    0.5
2   tablet            0    0.0
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd

from journeykit.errors import ParameterError
from journeykit.schema import (
    CHANNELS,
    DEVICES,
    check_timezone,
    checked_columns,
    get_table,
    local_time,
    ordered_keys,
)
from journeykit.stages import StageModel, cvj_to_model, get_model

__all__ = [
    "channel_stage_matrix",
    "journey_breadth",
    "omnichannel_summary",
    "conversion_by_channel_count",
    "device_split",
    "hour_of_day",
]

_KEYS = ["user_id", "timestamp"]


def _conversions_arg(conversions: object) -> str:
    if conversions not in ("first", "all"):
        raise ParameterError(f"conversions: expected 'first' or 'all', got {conversions!r}")
    return conversions  # type: ignore[return-value]


def _check_conversion(conversion: object) -> str:
    if not isinstance(conversion, str) or not conversion:
        raise ParameterError(f"conversion: expected an event name, got {conversion!r}")
    return conversion


def _purchases(ev: pd.DataFrame, conversions: str, conversion: str = "purchase") -> pd.DataFrame:
    """Conversion events (``conversion``, default purchase), sorted; only each person's first one
    when ``conversions="first"``."""
    keys = ["user_id", "timestamp"] + (["event_id"] if "event_id" in ev.columns else [])
    p = ev[ev["event_type"] == _check_conversion(conversion)].sort_values(keys, kind="stable")
    return p.drop_duplicates("user_id", keep="first") if conversions == "first" else p


def channel_stage_matrix(
    events: pd.DataFrame,
    model: str | StageModel = "five",
    *,
    value: Literal["users", "touches"] = "users",
    normalize: Literal["stage"] | None = None,
) -> pd.DataFrame:
    """People (or touches) per channel and stage of ``model``.

    Rows: channels present in the data, the built-in ones in :data:`journeykit.schema.CHANNELS`
    order, then any other channel name alphabetically (index
    ``channel``); columns: the model's stage keys in journey order. ``value="users"``: distinct
    people with at least one touch on that channel at that stage; ``"touches"``: events.
    ``normalize="stage"`` divides each column by the stage's distinct people (or touches): the
    share of the stage's people who used the channel - a person can use several channels, so a
    column of people shares can add up to more than 1.

    >>> ev = pd.DataFrame({"user_id": [1, 1, 2], "channel": ["email", "email", "store"],
    ...     "stage": ["aware", "engage", "convert"]})
    >>> channel_stage_matrix(ev, "five")
                    awareness  consideration  purchase  retention  advocacy
    channel
    email                   1              1         0          0         0
    store                   0              0         1          0         0
    """
    m = get_model(model)
    if value not in ("users", "touches"):
        raise ParameterError(f"value: expected 'users' or 'touches', got {value!r}")
    if normalize not in (None, "stage"):
        raise ParameterError(f"normalize: expected None or 'stage', got {normalize!r}")
    ev = checked_columns("events", events, ["user_id", "channel", "stage"])
    stage = ev["stage"].map(cvj_to_model(m))
    ev = ev.assign(model_stage=stage)[stage.notna().to_numpy()]
    if value == "users":
        cells = ev.drop_duplicates(["user_id", "channel", "model_stage"])
        totals = ev.drop_duplicates(["user_id", "model_stage"]).groupby("model_stage").size()
    else:
        cells = ev
        totals = ev.groupby("model_stage").size()
    table = cells.groupby(["channel", "model_stage"]).size().unstack("model_stage", fill_value=0)
    rows = ordered_keys(table.index, CHANNELS)
    table = table.reindex(index=rows, columns=list(m.keys()), fill_value=0)
    table.index.name = "channel"
    table.columns.name = None
    if normalize == "stage":
        totals = totals.reindex(list(m.keys())).astype("float64")
        return table.div(totals.where(totals > 0), axis=1)
    return table.astype("int64")


def journey_breadth(
    events: pd.DataFrame,
    *,
    until: Literal["conversion", "all"] = "conversion",
    conversion: str = "purchase",
) -> pd.DataFrame:
    """Per person: touches, channels and devices used on the way to the first purchase.

    ``until="conversion"``: for people who bought, only touches up to and including their first
    purchase event count (the way *to* the purchase); people who never bought contribute every
    touch. ``until="all"``: every touch of everyone.

    Columns: ``user_id``, ``touches`` (events), ``channels`` and ``devices`` (distinct ones
    used), ``converted`` (True if the person has a purchase event). One row per person with an
    event, sorted by ``user_id``.

    >>> ev = pd.DataFrame({"event_id": [1, 2, 3], "user_id": [1, 1, 1],
    ...     "timestamp": pd.to_datetime(["2024-01-01", "2024-01-02", "2024-01-05"]),
    ...     "channel": ["social_ads", "direct", "email"], "device": ["mobile", "desktop", "mobile"],
    ...     "event_type": ["click", "purchase", "visit"]})
    >>> journey_breadth(ev).to_dict("records")
    [{'user_id': 1, 'touches': 2, 'channels': 2, 'devices': 2, 'converted': True}]
    """
    if until not in ("conversion", "all"):
        raise ParameterError(f"until: expected 'conversion' or 'all', got {until!r}")
    ev = get_table(events, "events", [*_KEYS, "channel", "device", "event_type"])
    first = _purchases(ev, "first", conversion).set_index("user_id")
    if until == "conversion" and len(first):
        cut_ts = pd.Series(first["timestamp"].reindex(ev["user_id"]).to_numpy(), index=ev.index)
        before = cut_ts.isna() | (ev["timestamp"] < cut_ts)
        if "event_id" in ev.columns:  # at the conversion's instant: up to its event id
            cut_id = pd.Series(first["event_id"].reindex(ev["user_id"]).to_numpy(), index=ev.index)
            before |= (ev["timestamp"] == cut_ts) & (ev["event_id"] <= cut_id)
        else:  # without ids: every event of that instant
            before |= ev["timestamp"] == cut_ts
        ev = ev[before.to_numpy()]
    g = ev.groupby("user_id")
    out = pd.DataFrame(
        {
            "touches": g.size(),
            "channels": g["channel"].nunique(),
            "devices": g["device"].nunique(),
        }
    )
    out["converted"] = out.index.isin(first.index)
    out = out.reset_index()
    for col in ("touches", "channels", "devices"):
        out[col] = out[col].astype("int64")
    return out


def omnichannel_summary(
    events: pd.DataFrame,
    *,
    until: Literal["conversion", "all"] = "conversion",
    conversion: str = "purchase",
) -> pd.DataFrame:
    """How many people cross channels and devices, for buyers, non-buyers and everyone.

    Rows (index ``segment``): ``"converted"``, ``"not_converted"``, ``"all"``. Columns:
    ``people``; ``multichannel_share`` (share who used 2 or more channels); ``cross_device_share``
    (share who used 2 or more devices - the same customer on more than one device);
    ``mean_channels`` and ``mean_devices`` (per person); ``mean_touches``. Counted as in
    :func:`journey_breadth` (by default up to the first purchase).

    >>> ev = pd.DataFrame({"event_id": [1, 2, 3], "user_id": [1, 1, 2],
    ...     "timestamp": pd.to_datetime(["2024-01-01", "2024-01-02", "2024-01-01"]),
    ...     "channel": ["social_ads", "direct", "email"], "device": ["mobile", "desktop", "mobile"],
    ...     "event_type": ["click", "purchase", "visit"]})
    >>> omnichannel_summary(ev)[["people", "multichannel_share", "cross_device_share"]]
                   people  multichannel_share  cross_device_share
    segment
    converted           1                 1.0                 1.0
    not_converted       1                 0.0                 0.0
    all                 2                 0.5                 0.5
    """
    b = journey_breadth(events, until=until, conversion=conversion)
    parts = {
        "converted": b[b["converted"]],
        "not_converted": b[~b["converted"]],
        "all": b,
    }
    rows = []
    for name, part in parts.items():
        n = len(part)
        rows.append(
            {
                "segment": name,
                "people": n,
                "multichannel_share": (part["channels"] >= 2).mean() if n else np.nan,
                "cross_device_share": (part["devices"] >= 2).mean() if n else np.nan,
                "mean_channels": part["channels"].mean() if n else np.nan,
                "mean_devices": part["devices"].mean() if n else np.nan,
                "mean_touches": part["touches"].mean() if n else np.nan,
            }
        )
    return pd.DataFrame(rows).set_index("segment")


def conversion_by_channel_count(
    events: pd.DataFrame, *, max_channels: int = 4, conversion: str = "purchase"
) -> pd.DataFrame:
    """Conversion rate by the number of channels a person used (up to the first purchase).

    Rows: ``channels`` (``"1"``, ``"2"``, ... , ``"4+"`` with ``max_channels=4``), ``people``,
    ``converted`` (of them, people who bought) and ``conversion_rate`` (converted / people).
    Read it with care: people who buy have had more time and touches, so the rate rising with
    the channel count shows association, not that adding channels causes purchases.

    >>> ev = pd.DataFrame({"event_id": [1, 2, 3], "user_id": [1, 1, 2],
    ...     "timestamp": pd.to_datetime(["2024-01-01", "2024-01-02", "2024-01-01"]),
    ...     "channel": ["social_ads", "direct", "email"], "device": ["mobile"] * 3,
    ...     "event_type": ["click", "purchase", "visit"]})
    >>> conversion_by_channel_count(ev, max_channels=2)
      channels  people  converted  conversion_rate
    0        1       1          0              0.0
    1       2+       1          1              1.0
    """
    if isinstance(max_channels, bool) or not isinstance(max_channels, int) or max_channels < 2:
        raise ParameterError(f"max_channels: expected an integer >= 2, got {max_channels!r}")
    b = journey_breadth(events, until="conversion", conversion=conversion)
    bucket = b["channels"].clip(upper=max_channels)
    g = b.groupby(bucket)
    out = pd.DataFrame({"people": g.size(), "converted": g["converted"].sum()})
    out = out.reindex(range(1, max_channels + 1), fill_value=0)
    out["conversion_rate"] = out["converted"] / out["people"].where(out["people"] > 0)
    labels = [str(k) for k in range(1, max_channels)] + [f"{max_channels}+"]
    out.insert(0, "channels", labels)
    out["people"] = out["people"].astype("int64")
    out["converted"] = out["converted"].astype("int64")
    return out.reset_index(drop=True)


def device_split(
    events: pd.DataFrame,
    *,
    conversions: Literal["first", "all"] = "first",
    conversion: str = "purchase",
) -> pd.DataFrame:
    """Conversions by device: the device of the converting touch (the ``purchase`` event).

    ``conversions="first"`` counts each person's first purchase (a new customer);
    ``"all"`` counts every purchase event. Columns: ``device`` (every device of
    :data:`journeykit.schema.DEVICES`, in that order, then any other), ``conversions`` (count)
    and ``share`` (of all conversions, 0-1; NaN when there are none).
    """
    conversions = _conversions_arg(conversions)
    ev = checked_columns("events", events, [*_KEYS, "device", "event_type"])
    p = _purchases(ev, conversions, conversion)
    counts = p["device"].value_counts()
    order = list(DEVICES) + sorted(d for d in counts.index if d not in DEVICES)
    counts = counts.reindex(order, fill_value=0).astype("int64")
    total = int(counts.sum())
    share = counts / total if total else counts * np.nan
    return pd.DataFrame(
        {"device": order, "conversions": counts.to_numpy(), "share": share.to_numpy()}
    )


def hour_of_day(
    events: pd.DataFrame, *, timezone: str | None = None, event_type: str | None = None
) -> pd.DataFrame:
    """Events by hour of the day (0-23) in ``timezone``: when people touch the shop.

    Stored times are UTC for imported data (see :mod:`journeykit.schema`); ``timezone`` (an IANA
    name, e.g. ``"Asia/Jakarta"``, UTC+7) shows them as the shop's wall-clock time; ``None``
    keeps them as stored (the synthetic data holds local time already). ``event_type``: count
    only events of that name (e.g. ``"purchase"``). Columns: ``hour`` (0-23), ``events``
    (count), ``share`` (of all counted events, 0-1; NaN when there are none).

    >>> ev = pd.DataFrame({"user_id": [1, 1], "event_type": ["page_view", "purchase"],
    ...     "timestamp": pd.to_datetime(["2024-01-01 13:00", "2024-01-01 14:30"])})
    >>> h = hour_of_day(ev, timezone="Asia/Jakarta")  # 13:00 UTC is 20:00 in Jakarta
    >>> h.loc[h["events"] > 0, "hour"].tolist()
    [20, 21]
    """
    check_timezone(timezone)
    ev = get_table(events, "events")
    if event_type is not None:
        ev = ev[(ev["event_type"] == event_type).to_numpy()]
    hours = local_time(ev["timestamp"], timezone).dt.hour
    counts = hours.value_counts().reindex(range(24), fill_value=0).astype("int64")
    total = int(counts.sum())
    share = counts / total if total else counts * np.nan
    return pd.DataFrame(
        {"hour": np.arange(24), "events": counts.to_numpy(), "share": share.to_numpy()}
    )
