"""Conversion paths: the ordered channels a person touched before buying, and the reports built on them.

This is the multi-channel-funnel view of article 000 (assisted conversions, time lag, mobile
conversions): which channels a buyer came through, in which order, how many touches and how many
days it took, and which channels *helped* (assisted) rather than *closed* (last click).

Definitions (the conventions every report and :mod:`journeykit.attribution` share):

conversion
    By default a user's **first purchase** (``conversions="first"``: the entry-point purchase, the
    Customer Value Journey's *convert* step). With ``conversions="all"`` every purchase is a
    conversion, and the path of a repeat purchase starts after the previous one.
interaction (touch)
    Events of the ``touch_types`` are grouped into interactions the way Google Analytics groups
    hits into sessions: consecutive events of one user on the **same channel** less than
    ``session_minutes`` (30) apart are one interaction; a new channel or a longer gap starts a new
    one. The purchase event belongs to the interaction it happened in, so the channel of the
    converting visit is the last touch of the path.
lookback window
    Only interactions that started at most ``lookback_days`` (30, as GA's default) before the
    conversion are on its path (boundary inclusive). ``lookback_days=None`` keeps every earlier
    interaction ("from first contact").
non-converting journey
    The interactions of a user who has not converted (``conversions="first"``), or those after a
    user's last purchase (``conversions="all"``), ending at the user's last interaction, with the
    same lookback counted back from that last interaction.
path
    The channels of a journey's interactions in time order, joined with ``" > "``
    (``"social_ads > email > direct"``). Repeats are kept (``"direct > direct"``), as in GA's
    top conversion paths and as channelattribution counts them. A channel name holding the
    separator is **escaped**, never split: a backslash makes the next character part of the
    name (``"Brand > Search"`` is written ``Brand \\> Search``; a backslash ``\\\\``; a comma,
    semicolon, ``|``, tab or arrow, a trailing ``-``/``=`` and spaces at either end of a name are
    escaped the same way), so the aggregated paths CSV round-trips any channel name.
time lag
    Days (float) from the first interaction on the path to the conversion.
path length
    Number of interactions on the path (GA's "path length in interactions").
assisted conversion (GA's rule)
    A channel **assists** a conversion when it appears on the path anywhere except the last
    interaction; it counts **once per conversion** however often it appears. The last
    interaction's channel gets the **last-click** conversion. A channel that appears earlier and
    also last gets both (``"email > direct > email"`` gives email one assisted and one last-click
    conversion, direct one assisted).
assisted / last-click ratio
    ``assisted_conversions / last_click_conversions``: above 1 the channel mostly helps, below 1
    it mostly closes. With zero last-click conversions the ratio is ``inf`` when the channel
    assisted at least once (it only assists) and ``NaN`` when it did neither.

The aggregated **paths table** is the common exchange form (channelattribution, GA exports): one
row per distinct path with ``path``, ``total_conversions``, ``total_null`` (journeys on that path
that did not convert) and ``total_conversion_value``.

>>> import pandas as pd
>>> paths = pd.DataFrame({"path": ["social_ads > email > direct", "email", "social_ads > direct"],
...     "total_conversions": [3, 2, 1], "total_null": [5, 4, 9],
...     "total_conversion_value": [300.0, 150.0, 80.0]})
>>> assisted_conversions(paths)[["channel", "last_click_conversions", "assisted_conversions"]]
      channel  last_click_conversions  assisted_conversions
0      direct                     4.0                   0.0
1       email                     2.0                   3.0
2  social_ads                     0.0                   4.0
"""

from __future__ import annotations

import csv
import functools
import io
import os
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Final, Literal

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from journeykit.errors import ParameterError, SchemaError
from journeykit.files import target_path, write_csv
from journeykit.schema import get_table, require_columns

__all__ = [
    "SEP",
    "PATH_COLUMNS",
    "DEFAULT_TOUCH_TYPES",
    "TIME_LAG_EDGES",
    "Journeys",
    "PathArrays",
    "PathSummary",
    "conversion_paths",
    "aggregate_paths",
    "validate_paths",
    "read_paths",
    "write_paths",
    "path_arrays",
    "top_paths",
    "path_length_distribution",
    "time_lag_distribution",
    "conversion_device_split",
    "path_summary",
    "summary_by_lookback",
    "assisted_conversions",
]

SEP: Final = " > "
"""Separator between the channels of a path."""

PATH_COLUMNS: Final = ("path", "total_conversions", "total_null", "total_conversion_value")
"""Columns of the aggregated paths table (the common form)."""

DEFAULT_TOUCH_TYPES: Final[tuple[str, ...]] = ("click", "visit", "engage", "subscribe", "purchase")
"""Event types that count as touches. Impressions (an ad seen, not clicked) are left out, as in
GA's default multi-channel reports; add ``"impression"`` to count view-through touches."""

TIME_LAG_EDGES: Final[tuple[float, ...]] = (*range(0, 13), 31, 61, 91)
"""Lower edges (days) of the time-lag buckets, GA's: 0, 1, ..., 11, 12-30, 31-60, 61-90, 91+.
Bucket ``"0"`` is under 24 hours; ``"3"`` is from 3 up to (not including) 4 days."""

_OTHER_SEPARATORS: Final = ("->", "=>", ">", "→", "|", ",", ";", "\t")
_NS_PER_DAY: Final = 86_400 * 10**9


@dataclass(frozen=True)
class Journeys:
    """Converting and non-converting journeys built by :func:`conversion_paths`.

    ``journeys``: one row per journey --
    ``journey_id`` (int), ``user_id``, ``converted`` (bool), ``end_time`` (the conversion, or the
    last interaction of a non-converting journey), ``first_touch_time`` (start of the first
    interaction on the path), ``n_touches`` (path length, interactions), ``time_lag_days``
    (days from first touch to conversion; NaN when not converted), ``conversion_value``
    (money of the converting order(s), currency units; 0 when not converted), ``device``
    (device of the purchase event; missing when not converted), ``n_devices`` (distinct devices
    over the path's interactions), ``path`` (channels joined with ``" > "``).

    ``touches``: one row per interaction on a path, in path order -- ``journey_id``,
    ``position`` (0 = first), ``channel``, ``device``, ``timestamp`` (interaction start),
    ``days_before_end`` (days from this touch to the journey's end; >= 0).
    """

    journeys: pd.DataFrame
    touches: pd.DataFrame
    lookback_days: float | None
    conversions: str
    session_minutes: float


@dataclass(frozen=True)
class PathArrays:
    """Paths exploded into flat numpy arrays (what every model computes on).

    ``channels``: sorted channel names; ``codes``: channel index of every touch, paths laid end
    to end; ``starts``/``lengths``: where each path's touches are in ``codes``;
    ``conversions``/``nulls``/``values``: per path (float); ``days_before``: per touch, days to
    the conversion (only when built from :class:`Journeys`, else ``None``).
    """

    channels: np.ndarray
    codes: np.ndarray
    starts: np.ndarray
    lengths: np.ndarray
    conversions: np.ndarray
    nulls: np.ndarray
    values: np.ndarray
    days_before: np.ndarray | None = None

    @property
    def ends(self) -> np.ndarray:
        """Index in ``codes`` of each path's last touch."""
        return self.starts + self.lengths - 1

    @cached_property
    def path_of_touch(self) -> np.ndarray:
        """Path index of every touch."""
        return np.repeat(np.arange(len(self.starts)), self.lengths)


@dataclass(frozen=True)
class PathSummary:
    """Headline numbers of converting paths: ``conversions``, mean and median time lag (days),
    mean and median path length (interactions), ``single_touch_share`` (share of conversions
    with one interaction, 0-1)."""

    conversions: float
    mean_time_lag_days: float
    median_time_lag_days: float
    mean_path_length: float
    median_path_length: float
    single_touch_share: float


# --------------------------------------------------------------------------------------------
# from events to journeys


def _touch_events(
    events: pd.DataFrame, touch_types: tuple[str, ...] | str, conversion: str
) -> pd.DataFrame:
    """The events that count as touches (through the door), the conversion events among them."""
    if not isinstance(conversion, str) or not conversion:
        raise ParameterError(f"conversion: expected an event name, got {conversion!r}")
    ev = get_table(events, "events", ["user_id", "timestamp", "channel", "event_type"])
    if "device" not in ev.columns:
        ev = ev.assign(device=pd.Series(pd.NA, index=ev.index, dtype="string"))
    ev = ev[["user_id", "timestamp", "channel", "event_type", "device"]]
    if isinstance(touch_types, str):
        if touch_types != "all":
            raise ParameterError(
                f"touch_types: expected 'all' or a tuple of event names, got {touch_types!r}"
            )
        return ev
    names = set(touch_types) | {conversion}
    present = ev["event_type"].unique()
    others = [e for e in present if e != conversion]
    if others and not any(e in names for e in others):
        raise ParameterError(
            f"touch_types: none of {', '.join(map(repr, touch_types))} occurs in "
            f"events.event_type (it holds {', '.join(map(repr, sorted(others)[:6]))} ...); pass "
            "the event names that count as touches, or touch_types='all'"
        )
    return ev[ev["event_type"].isin(list(names))]


def _order_values(orders: pd.DataFrame | None, conv: pd.DataFrame) -> np.ndarray:
    """Money of each conversion: the price of the order(s) at the purchase event's time."""
    if orders is None:
        return np.zeros(len(conv))
    od = get_table(orders, "orders", ("user_id", "timestamp", "price"))
    o = pd.DataFrame(
        {
            "user_id": od["user_id"].to_numpy(),
            "timestamp": od["timestamp"].to_numpy(),
            "price": od["price"].to_numpy(dtype=float),
        }
    )
    o = o.groupby(["user_id", "timestamp"], as_index=False, sort=False)["price"].sum()
    key = pd.DataFrame(
        {"user_id": conv["user_id"].to_numpy(), "timestamp": conv["time"].to_numpy()}
    )
    merged = key.merge(o, on=["user_id", "timestamp"], how="left")
    return merged["price"].fillna(0.0).to_numpy(dtype=float)


def conversion_paths(
    events: pd.DataFrame,
    orders: pd.DataFrame | None = None,
    *,
    lookback_days: float | None = 30,
    conversions: Literal["first", "all"] = "first",
    touch_types: tuple[str, ...] | Literal["all"] = DEFAULT_TOUCH_TYPES,
    session_minutes: float = 30.0,
    conversion: str = "purchase",
) -> Journeys:
    """Build every converting and non-converting journey from the events table.

    ``events`` needs ``user_id``, ``timestamp``, ``channel``, ``event_type`` (and ``device`` for
    the device split); conversions are its events named ``conversion`` (default ``"purchase"``;
    any event name of the data, e.g. ``"sign_up"``, ``"generate_lead"``). ``touch_types``: the
    event names that count as touches (default :data:`DEFAULT_TOUCH_TYPES`, the synthetic data's;
    ``"all"``: every event); the conversion event always counts. When none of ``touch_types``
    occurs in the data (a GA4 export holds ``page_view``, ``session_start`` ...), that is an
    error, never a silent one-touch path. ``orders`` (optional; needs ``user_id``,
    ``timestamp``, ``price``) gives each conversion its value: the orders at the conversion
    event's time. See the module docstring for interaction, lookback and path.

    >>> import pandas as pd
    >>> ts = pd.to_datetime(["2024-01-01 09:00", "2024-01-03 20:00", "2024-01-05 10:00",
    ...                      "2024-01-05 10:05", "2024-01-02 08:00"])
    >>> events = pd.DataFrame({"user_id": [1, 1, 1, 1, 2], "timestamp": ts,
    ...     "channel": ["social_ads", "email", "direct", "direct", "organic_search"],
    ...     "event_type": ["click", "visit", "visit", "purchase", "visit"],
    ...     "device": ["mobile"] * 5})
    >>> j = conversion_paths(events)
    >>> j.journeys[["user_id", "converted", "path", "n_touches", "time_lag_days"]]
       user_id  converted                         path  n_touches  time_lag_days
    0        1       True  social_ads > email > direct          3       4.05...
    1        2      False               organic_search          1            NaN
    """
    if not isinstance(touch_types, str):
        touch_types = tuple(touch_types)
    if conversions not in ("first", "all"):
        raise ParameterError(f"conversions: expected 'first' or 'all', got {conversions!r}")
    if lookback_days is not None and not (
        isinstance(lookback_days, int | float) and lookback_days > 0
    ):
        raise ParameterError(f"lookback_days: expected a number > 0 or None, got {lookback_days!r}")
    if not (isinstance(session_minutes, int | float) and session_minutes >= 0):
        raise ParameterError(f"session_minutes: expected a number >= 0, got {session_minutes!r}")
    ev = _touch_events(events, touch_types, conversion)
    is_purchase = (ev["event_type"] == conversion).to_numpy(dtype=bool)
    ev = ev.assign(_p=is_purchase)
    ev = ev.sort_values(["user_id", "timestamp", "_p"], kind="stable", ignore_index=True)

    user = ev["user_id"].to_numpy()
    chan = ev["channel"].astype("string").to_numpy(dtype=object)
    t = ev["timestamp"].to_numpy().astype("datetime64[ns]").astype(np.int64)
    purchase = ev["_p"].to_numpy(dtype=bool)
    n = len(ev)

    # interactions: a new one at a new user, a new channel, or a gap of session_minutes or more
    new = np.ones(n, dtype=bool)
    if n > 1:
        gap = np.diff(t) >= session_minutes * 60 * 10**9
        new[1:] = (user[1:] != user[:-1]) | (chan[1:] != chan[:-1]) | gap
    inter = np.cumsum(new) - 1  # interaction id of every event
    first_ev = np.flatnonzero(new)
    i_user = user[first_ev]
    i_chan = chan[first_ev]
    i_time = t[first_ev]
    i_dev = ev["device"].to_numpy(dtype=object)[first_ev]
    m = len(first_ev)
    # user blocks over interactions
    u_new = np.ones(m, dtype=bool)
    if m > 1:
        u_new[1:] = i_user[1:] != i_user[:-1]
    u_block = np.cumsum(u_new) - 1
    u_first = np.flatnonzero(u_new)
    u_last = np.r_[u_first[1:], m] - 1

    # conversions: purchase events (first per user, or all)
    p_idx = np.flatnonzero(purchase)
    if conversions == "first" and len(p_idx):
        keep = np.ones(len(p_idx), dtype=bool)
        keep[1:] = user[p_idx[1:]] != user[p_idx[:-1]]
        p_idx = p_idx[keep]
    c_end = inter[p_idx]  # converting interaction
    c_block = u_block[c_end]
    if conversions == "all" and len(p_idx):
        prev_same = np.zeros(len(p_idx), dtype=bool)
        prev_same[1:] = c_block[1:] == c_block[:-1]
        prev_end = np.where(prev_same, np.r_[-1, c_end[:-1]], -1)
        c_begin = np.where(prev_same, np.minimum(prev_end + 1, c_end), u_first[c_block])
    else:
        c_begin = u_first[c_block]
    conv = pd.DataFrame(
        {
            "user_id": user[p_idx],
            "time": t[p_idx].astype("datetime64[ns]"),
            "device": ev["device"].to_numpy(dtype=object)[p_idx],
        }
    )
    c_value = _order_values(orders, conv)
    c_time = t[p_idx]

    # non-converting journeys: users without conversion, or the tail after the last one
    has_conv = np.zeros(len(u_first), dtype=bool)
    has_conv[c_block] = True
    if conversions == "first":
        n_blocks = np.flatnonzero(~has_conv)
        n_begin = u_first[n_blocks]
    else:
        last_conv_end = np.full(len(u_first), -1)
        last_conv_end[c_block] = c_end  # c_end increases within a block: the last one wins
        tail = last_conv_end < u_last
        n_blocks = np.flatnonzero(tail)
        n_begin = np.where(has_conv[n_blocks], last_conv_end[n_blocks] + 1, u_first[n_blocks])
    n_end = u_last[n_blocks]
    n_time = i_time[n_end]

    begin = np.r_[c_begin, n_begin].astype(np.int64)
    end = np.r_[c_end, n_end].astype(np.int64)
    end_time = np.r_[c_time, n_time].astype(np.int64)
    converted = np.r_[np.ones(len(c_end), bool), np.zeros(len(n_end), bool)]
    if lookback_days is not None:
        # first interaction of the same user starting at or after end_time - lookback
        bound = end_time - int(round(lookback_days * _NS_PER_DAY))
        # interactions are sorted by (user block, time): search within each block
        lo = _search_block_time(u_block, i_time, u_block[end], bound)
        begin = np.minimum(np.maximum(begin, lo), end)
    lengths = end - begin + 1
    order = np.lexsort((end_time, u_block[end]))
    begin, end, end_time, converted, lengths = (
        a[order] for a in (begin, end, end_time, converted, lengths)
    )
    value = np.r_[c_value, np.zeros(len(n_end))][order]
    device = np.r_[conv["device"].to_numpy(dtype=object), np.full(len(n_end), None, dtype=object)][
        order
    ]

    nj = len(begin)
    jid = np.repeat(np.arange(nj), lengths)
    offs = np.arange(lengths.sum()) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    tidx = np.repeat(begin, lengths) + offs
    t_time = i_time[tidx]
    days_before = (np.repeat(end_time, lengths) - t_time) / _NS_PER_DAY
    touches = pd.DataFrame(
        {
            "journey_id": jid,
            "position": offs,
            "channel": pd.array(i_chan[tidx], dtype="string"),
            "device": pd.array(i_dev[tidx], dtype="string"),
            "timestamp": t_time.astype("datetime64[ns]"),
            "days_before_end": days_before,
        }
    )
    path = _join_paths(i_chan[tidx], lengths)
    first_time = i_time[begin]
    n_dev = (
        touches.groupby("journey_id")["device"].nunique().reindex(range(nj), fill_value=0)
        if nj
        else pd.Series([], dtype="int64")
    )
    journeys = pd.DataFrame(
        {
            "journey_id": np.arange(nj),
            "user_id": i_user[end],
            "converted": converted,
            "end_time": end_time.astype("datetime64[ns]"),
            "first_touch_time": first_time.astype("datetime64[ns]"),
            "n_touches": lengths.astype(np.int64),
            "time_lag_days": np.where(converted, (end_time - first_time) / _NS_PER_DAY, np.nan),
            "conversion_value": value,
            "device": pd.array(device, dtype="string"),
            "n_devices": n_dev.to_numpy(dtype=np.int64),
            "path": pd.array(path, dtype="string"),
        }
    )
    return Journeys(journeys, touches, lookback_days, conversions, float(session_minutes))


def _search_block_time(
    block: np.ndarray, time: np.ndarray, q_block: np.ndarray, q_time: np.ndarray
) -> np.ndarray:
    """For each query, the first index whose (block, time) >= (q_block, q_time).

    ``block``/``time`` are sorted lexicographically; done as one searchsorted over a structured
    key so it stays exact for nanosecond times.
    """
    dt = np.dtype([("b", np.int64), ("t", np.int64)])
    keys = np.empty(len(block), dtype=dt)
    keys["b"] = block
    keys["t"] = time
    q = np.empty(len(q_block), dtype=dt)
    q["b"] = q_block
    q["t"] = q_time
    return np.searchsorted(keys, q, side="left")


_ESCAPE: Final = "\\"
_MASK: Final = "\ufffc"  # stands in for an escaped character when looking for stray separators


def _escapable(core: str) -> str:
    """Regex character class of the characters a backslash escapes in a path split on ``core``."""
    chars = sorted(set(_ESCAPE + core + "".join(_OTHER_SEPARATORS)))
    return "[" + "".join(re.escape(c) for c in chars) + r"\s]"


def _escape_channel(name: str, core: str) -> str:
    """``name`` as written in a path split on ``core``: a backslash before every character the
    reader would otherwise take for a separator or strip (see the module docstring)."""
    flag = [c == _ESCAPE for c in name]
    i = name.find(core)
    while i >= 0:
        flag[i] = True
        i = name.find(core, i + len(core))
    for s in _OTHER_SEPARATORS:
        if s == core or s in core:
            continue
        if core in s:  # "a-" before ">" reads as "->": escape the trailing "-"
            if name.endswith(s[: s.index(core)]):
                flag[-1] = True
            continue
        i = name.find(s)
        while i >= 0:
            flag[i] = True
            i = name.find(s, i + len(s))
    if name and name[0].isspace():
        flag[0] = True
    if name and name[-1].isspace():
        flag[-1] = True
    return "".join(_ESCAPE + c if f else c for c, f in zip(name, flag, strict=True))


def _join_paths(tokens: np.ndarray, lengths: np.ndarray, sep: str = SEP) -> np.ndarray:
    """Join consecutive runs of ``tokens`` (run sizes ``lengths``) with ``sep``, each channel
    name escaped (:func:`_escape_channel`; done once per distinct name)."""
    if len(lengths) == 0:
        return np.array([], dtype=object)
    codes, names = pd.factorize(np.asarray(tokens, dtype=object))
    core = sep.strip()
    escaped = np.array([_escape_channel(str(n), core) for n in names], dtype=object)
    arr = escaped[codes]
    ends = np.cumsum(lengths) - 1
    not_last = np.ones(len(arr), dtype=bool)
    not_last[ends] = False
    arr[not_last] = arr[not_last] + sep
    starts = ends - lengths + 1
    return np.add.reduceat(arr, starts)


def aggregate_paths(journeys: Journeys, *, sep: str = SEP) -> pd.DataFrame:
    """The aggregated paths table (the common form) of :func:`conversion_paths`' journeys.

    Columns: ``path`` (channels joined by ``sep``), ``total_conversions`` (converting journeys
    on this path), ``total_null`` (non-converting journeys on this path),
    ``total_conversion_value`` (money of those conversions, currency units). Sorted by
    conversions, then journeys, descending. Paths are built from the touches, channel names
    escaped (``Brand \\> Search > email``: one channel ``Brand > Search``, then ``email``); an
    empty channel name, or one holding a NUL character, cannot be written and is refused
    (:class:`~journeykit.errors.SchemaError`).

    >>> import pandas as pd
    >>> events = pd.DataFrame({"user_id": [1, 1, 2, 3],
    ...     "timestamp": pd.to_datetime(["2024-01-01", "2024-01-02", "2024-01-01", "2024-01-01"]),
    ...     "channel": ["email", "direct", "email", "email"],
    ...     "event_type": ["visit", "purchase", "visit", "visit"]})
    >>> aggregate_paths(conversion_paths(events))
                 path  total_conversions  total_null  total_conversion_value
    0  email > direct                  1           0                     0.0
    1           email                  0           2                     0.0
    """
    if not isinstance(sep, str) or sep.strip() == "":
        raise ParameterError(f"sep: expected a non-blank separator such as ' > ', got {sep!r}")
    j = journeys.journeys
    channel = journeys.touches["channel"]
    empty = (channel.astype("string") == "").to_numpy(dtype=bool)
    if empty.any():
        raise SchemaError(
            "events",
            "channel",
            "empty channel name: a path cannot hold it; give those touches a channel such as "
            "'(none)'",
        )
    nul = channel.astype("string").str.contains("\x00", regex=False).to_numpy(dtype=bool)
    if nul.any():
        first = channel[nul].astype("string").iloc[0]
        raise SchemaError(
            "events",
            "channel",
            f"channel name {first!r} holds a NUL character (\\x00), which a CSV cannot carry "
            "(most readers cut the text there); remove it from the export",
        )
    path = _join_paths(channel.to_numpy(dtype=object), j["n_touches"].to_numpy(dtype=np.int64), sep)
    df = pd.DataFrame(
        {
            "path": path,
            "total_conversions": j["converted"].astype(np.int64),
            "total_null": (~j["converted"]).astype(np.int64),
            "total_conversion_value": j["conversion_value"].astype(float),
        }
    )
    out = df.groupby("path", as_index=False, sort=True).sum()
    out = out.assign(_n=out["total_conversions"] + out["total_null"])
    out = out.sort_values(
        ["total_conversions", "_n", "path"], ascending=[False, False, True], kind="stable"
    )
    return out.drop(columns="_n").reset_index(drop=True)


# --------------------------------------------------------------------------------------------
# the aggregated paths table: validation, files, exploding


def validate_paths(
    paths: pd.DataFrame,
    *,
    sep: str = SEP,
    require_value: bool = False,
    table: str = "paths",
) -> pd.DataFrame:
    """Check an aggregated paths table and return it with canonical types.

    Needs ``path`` and ``total_conversions``; ``total_null`` (journeys that did not convert) and
    ``total_conversion_value`` are filled with 0 when absent, unless ``require_value`` (then a
    missing value column is an error). Paths are normalised to ``"a > b"`` (spaces around the
    separator trimmed). Raises :class:`~journeykit.errors.SchemaError` naming the column and
    rows for: a missing column; an empty path or an empty channel (``"a >  > b"``); a channel
    holding another separator (``"a, b"`` when ``sep`` is ``" > "``); counts or values that are
    missing, not numbers or negative. A backslash escapes the character after it (see the
    module docstring): ``Brand \\> Search > email`` is the channel ``Brand > Search``, then
    ``email``, and ``a\\, b`` one channel ``a, b``.

    >>> import pandas as pd
    >>> validate_paths(pd.DataFrame({"path": ["email>direct"], "total_conversions": [2]}))
                 path  total_conversions  total_null  total_conversion_value
    0  email > direct                2.0         0.0                     0.0
    >>> list(path_arrays(pd.DataFrame({"path": ["Brand \\\\> Search > email"],
    ...     "total_conversions": [1]})).channels)
    ['Brand > Search', 'email']
    >>> validate_paths(pd.DataFrame({"path": ["email, direct"], "total_conversions": [2]}))
    Traceback (most recent call last):
    ...
    journeykit.errors.SchemaError: paths.path: channel 'email, direct' holds separator ','; expected channels separated by ' > ' [rows 0]
    """
    numbers, uniques, codes, lengths, row_path = _parse_paths(
        paths, sep=sep, require_value=require_value, table=table
    )
    normal = _join_paths(uniques[codes], lengths, SEP)[row_path]
    return pd.DataFrame({"path": pd.array(normal, dtype="string"), **numbers}, index=paths.index)


def _parse_paths(
    paths: pd.DataFrame, *, sep: str, require_value: bool, table: str
) -> tuple[dict[str, np.ndarray], np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Validate and tokenise the distinct paths.

    Returns (numeric columns per row, sorted distinct channels, channel code of every token of
    the distinct paths laid end to end, length of each distinct path, distinct path of each row).
    """
    require_columns(paths, table, [])
    if not isinstance(sep, str) or sep.strip() == "":
        raise ParameterError(f"sep: expected a non-blank separator such as ' > ', got {sep!r}")
    need = ["path", "total_conversions"] + (["total_conversion_value"] if require_value else [])
    require_columns(paths, table, need)
    index = paths.index
    numbers: dict[str, np.ndarray] = {}
    for col in PATH_COLUMNS[1:]:
        if col not in paths.columns:
            numbers[col] = np.zeros(len(paths))
            continue
        raw = paths[col]
        num = pd.to_numeric(raw, errors="coerce")
        bad = num.isna().to_numpy()
        if bad.any():
            what = "missing values" if raw[bad].isna().all() else "expected numbers"
            raise SchemaError(table, col, what, list(index[bad][:10]))
        arr = num.to_numpy(dtype=float)
        bad = ~np.isfinite(arr) | (arr < 0)
        if bad.any():
            raise SchemaError(
                table,
                col,
                "expected finite numbers >= 0 (no negative counts)",
                list(index[bad][:10]),
            )
        numbers[col] = arr
    raw_path = paths["path"]
    bad = raw_path.isna().to_numpy()
    if bad.any():
        raise SchemaError(table, "path", "empty path (missing value)", list(index[bad][:10]))
    p = raw_path.astype("string")
    if len(p) == 0:
        empty = np.array([], dtype=np.int64)
        return numbers, np.array([], dtype=object), empty, empty, empty
    core = sep.strip()
    row_path, distinct = pd.factorize(p)
    uniques, codes, lengths, masked, masked_code = _tokenise(distinct, core)
    empty_tok = uniques == ""
    if empty_tok.any():
        rows = _rows_with_codes(codes, lengths, row_path, np.flatnonzero(empty_tok), index)
        blank = (p.str.strip() == "").to_numpy(dtype=bool)
        problem = (
            "empty path"
            if blank[index.get_indexer(rows)].all()
            else f"empty channel between separators {sep!r}"
        )
        raise SchemaError(table, "path", problem, rows)
    for s in (s for s in _OTHER_SEPARATORS if s != core and s not in core):
        # looked for in the raw text, escaped characters masked: "a\\, b" is one channel
        if core in s:  # "->" split on ">" leaves channels ending in "-"
            hit = masked.str.endswith(s[: s.index(core)]).to_numpy(dtype=bool)
        else:
            hit = masked.str.contains(s, regex=False).to_numpy(dtype=bool)
        holds = np.zeros(len(uniques), dtype=bool)
        holds[masked_code[hit]] = True
        if holds.any():
            first = str(uniques[holds][0])
            rows = _rows_with_codes(codes, lengths, row_path, np.flatnonzero(holds), index)
            shown = s if s.strip() else repr(s)
            raise SchemaError(
                table,
                "path",
                f"channel {first!r} holds separator {shown!r}; "
                f"expected channels separated by {sep!r}",
                rows,
            )
    return numbers, uniques, codes, lengths, row_path


@functools.lru_cache(maxsize=8)
def _escape_regexes(core: str) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """(one raw channel up to an unescaped ``core``, a channel's escaped edges, one escape)."""
    esc = _escapable(core)
    char = rf"\\{esc}|\\(?!{esc})"  # an escape, or a backslash before an ordinary character
    token = re.compile(rf"(?:{char}|(?!{re.escape(core)})[^\\])*", re.S)
    trim = re.compile(rf"\s*((?:{char}|[^\\])*?)\s*", re.S)
    return token, trim, re.compile(rf"\\({esc})", re.S)


def _split_escaped(path: str, core: str) -> list[tuple[str, str]]:
    """Channels of one path holding backslashes: (name, name with escaped characters masked)."""
    token, trim, unescape = _escape_regexes(core)
    out: list[tuple[str, str]] = []
    pos = 0
    while True:
        m = token.match(path, pos)
        pos = m.end() if m else pos
        inner = trim.fullmatch(m.group() if m else "")
        body = inner.group(1) if inner else ""
        out.append((unescape.sub(r"\1", body), unescape.sub(_MASK, body)))
        if pos >= len(path):
            return out
        pos += len(core)  # stopped at an unescaped separator
        if pos >= len(path):
            out.append(("", ""))
            return out


def _tokenise(
    values: pd.Index, core: str
) -> tuple[np.ndarray, np.ndarray, np.ndarray, pd.Series, np.ndarray]:
    """Split paths (distinct strings) on ``core``.

    Returns (sorted distinct channels, code of every token, number of tokens per path, the text
    the separator checks look at -- each distinct raw token, escaped characters masked -- and
    the channel code of each of those). Paths without a backslash are split and dictionary
    encoded in Arrow's C++ kernels, so no Python object is made per token: only the few distinct
    channel names come back to Python to be stripped. Paths holding a backslash (escaped
    characters, see the module docstring) are split one by one with a regular expression.
    """
    strs = pd.Series(values.astype("string").array)
    slow = strs.str.contains(_ESCAPE, regex=False).to_numpy(dtype=bool)
    lengths = np.zeros(len(strs), dtype=np.int64)
    fast_i = np.flatnonzero(~slow)
    f_codes = np.zeros(0, dtype=np.int64)
    f_names: list[str] = []
    if len(fast_i):
        arr = pa.array(strs.iloc[fast_i].array)
        if isinstance(arr, pa.ChunkedArray):  # one dictionary for all tokens needs one chunk
            arr = arr.combine_chunks()
        parts = pc.split_pattern(arr, core)
        lengths[fast_i] = pc.list_value_length(parts).to_numpy(zero_copy_only=False)
        encoded = pc.dictionary_encode(pc.list_flatten(parts))
        f_codes = encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64)
        raw = pd.Series(encoded.dictionary.to_pylist(), dtype="string")
        f_names = raw.str.strip().tolist()
    slow_i = np.flatnonzero(slow)
    s_names: list[str] = []
    s_masked: list[str] = []
    for k, path in zip(slow_i, strs.iloc[slow_i], strict=True):
        toks = _split_escaped(str(path), core)
        lengths[k] = len(toks)
        s_names += [n for n, _ in toks]
        s_masked += [m for _, m in toks]
    # distinct raw tokens may strip to the same channel ("a " and "a"): merge, sort by name
    names_code, uniques = pd.factorize(pd.Series(f_names + s_names, dtype="string"), sort=True)
    names_code = names_code.astype(np.int64)
    starts = np.cumsum(lengths) - lengths
    codes = np.empty(int(lengths.sum()), dtype=np.int64)
    for idx, tok_codes in ((fast_i, names_code[: len(f_names)][f_codes]), (slow_i, None)):
        n = lengths[idx]
        pos = np.repeat(starts[idx], n) + np.arange(int(n.sum())) - np.repeat(np.cumsum(n) - n, n)
        codes[pos] = names_code[len(f_names) :] if tok_codes is None else tok_codes
    masked = pd.Series(f_names + s_masked, dtype="string")
    return np.asarray(uniques, dtype=object), codes, lengths, masked, names_code


def _rows_with_codes(
    codes: np.ndarray,
    lengths: np.ndarray,
    row_path: np.ndarray,
    bad_codes: np.ndarray,
    index: pd.Index,
) -> list[object]:
    """Row labels (up to 10) whose path holds one of ``bad_codes``."""
    hit = np.isin(codes, bad_codes)
    bad_paths = np.unique(np.repeat(np.arange(len(lengths)), lengths)[hit])
    return list(index[np.isin(row_path, bad_paths)][:10])


def read_paths(
    file: str | os.PathLike[str] | io.TextIOBase,
    *,
    sep: str = SEP,
    require_value: bool = False,
    csv_sep: str = ",",
) -> pd.DataFrame:
    """Read an aggregated paths CSV and validate it (see :func:`validate_paths`).

    >>> import io
    >>> read_paths(io.StringIO("path,total_conversions,total_null\\nemail > direct,3,1\\n"))
                 path  total_conversions  total_null  total_conversion_value
    0  email > direct                3.0         1.0                     0.0
    """
    name = str(file) if isinstance(file, str | os.PathLike) else "paths"
    if isinstance(file, str | os.PathLike) and os.path.isdir(file):
        raise SchemaError(
            name,
            None,
            "is a folder; expected an aggregated paths CSV (build one from a data folder with "
            "`journeykit paths DIR --out paths.csv`, or paths.aggregate_paths)",
        )
    try:
        df = pd.read_csv(
            file,
            sep=csv_sep,
            dtype={"path": "string"},
            keep_default_na=False,
            na_values={c: [""] for c in PATH_COLUMNS[1:]},
        )
    except FileNotFoundError:
        raise SchemaError(name, None, "file not found") from None
    except pd.errors.EmptyDataError:
        raise SchemaError(name, None, "the file is empty; expected a header row") from None
    except UnicodeDecodeError:
        raise SchemaError(name, None, "not UTF-8 text; save it as 'CSV UTF-8'") from None
    except (pd.errors.ParserError, OSError, EOFError) as err:
        raise SchemaError(name, None, f"not a readable CSV file ({err})") from None
    if "path" in df.columns:
        df["path"] = df["path"].mask(df["path"].str.strip() == "", pd.NA)
    return validate_paths(df, sep=sep, require_value=require_value, table=name)


def write_paths(paths: pd.DataFrame, file: str | os.PathLike[str], *, force: bool = False) -> Path:
    """Write an aggregated paths table to CSV; refuses to replace a file unless ``force``.

    The file is written atomically (:func:`journeykit.files.write_csv`) and as it is (no
    formula neutralising: it is data :func:`read_paths` reads back)."""
    target_path(file, force=force)
    checked = validate_paths(paths)
    # every path in quotes: a channel name may hold a comma, a quote or a bare "\r", which
    # the csv module would otherwise leave unquoted and pandas would read as a line break
    return write_csv(
        checked, file, force=force, neutralise=False, index=False, quoting=csv.QUOTE_NONNUMERIC
    )


def path_arrays(paths: pd.DataFrame | Journeys, *, sep: str = SEP) -> PathArrays:
    """Explode an aggregated paths table, or :class:`Journeys`, into :class:`PathArrays`.

    Equal paths are merged (their conversions, nulls and values added): every model is
    additive over paths. From :class:`Journeys` the per-touch ``days_before`` is kept (one path per journey).

    >>> import pandas as pd
    >>> a = path_arrays(pd.DataFrame({"path": ["a > b > a"], "total_conversions": [1]}))
    >>> list(a.channels), a.codes.tolist(), a.lengths.tolist()
    (['a', 'b'], [0, 1, 0], [3])
    """
    if isinstance(paths, Journeys):
        j = paths.journeys
        tch = paths.touches
        codes, uniques = pd.factorize(tch["channel"], sort=True)
        lengths = j["n_touches"].to_numpy(dtype=np.int64)
        starts = np.cumsum(lengths) - lengths
        conv = j["converted"].to_numpy(dtype=float)
        return PathArrays(
            channels=np.asarray(uniques, dtype=object),
            codes=codes.astype(np.int64),
            starts=starts,
            lengths=lengths,
            conversions=conv,
            nulls=1.0 - conv,
            values=j["conversion_value"].to_numpy(dtype=float),
            days_before=tch["days_before_end"].to_numpy(dtype=float),
        )
    numbers, uniques, codes, lengths, row_path = _parse_paths(
        paths, sep=sep, require_value=False, table="paths"
    )
    k = len(lengths)

    def per_path(col: str) -> np.ndarray:
        return np.bincount(row_path, weights=numbers[col], minlength=k)

    return PathArrays(
        channels=uniques,
        codes=codes,
        starts=np.cumsum(lengths) - lengths,
        lengths=lengths,
        conversions=per_path("total_conversions"),
        nulls=per_path("total_null"),
        values=per_path("total_conversion_value"),
    )


# --------------------------------------------------------------------------------------------
# reports


def _as_paths(paths: pd.DataFrame | Journeys) -> pd.DataFrame:
    return aggregate_paths(paths) if isinstance(paths, Journeys) else validate_paths(paths)


def _share(x: np.ndarray) -> np.ndarray:
    total = x.sum()
    return np.zeros_like(x, dtype=float) if total == 0 else 100.0 * x / total


def top_paths(paths: pd.DataFrame | Journeys, *, n: int = 10) -> pd.DataFrame:
    """The ``n`` converting paths with most conversions (GA's "Top conversion paths").

    Columns: ``path``, ``conversions`` (count), ``share_pct`` (% of all conversions),
    ``conversion_value`` (currency units), ``n_touches`` (path length). Ties broken by path.

    >>> import pandas as pd
    >>> p = pd.DataFrame({"path": ["a > b", "b", "a"], "total_conversions": [1, 3, 0],
    ...                   "total_null": [0, 0, 5]})
    >>> top_paths(p)
        path  conversions  share_pct  conversion_value  n_touches
    0      b          3.0       75.0               0.0          1
    1  a > b          1.0       25.0               0.0          2
    """
    if not isinstance(n, int) or isinstance(n, bool) or n < 1:
        raise ParameterError(f"n: expected an integer >= 1, got {n!r}")
    p = _as_paths(paths)
    g = p.groupby("path", as_index=False, sort=True)[
        ["total_conversions", "total_conversion_value"]
    ].sum()
    total = g["total_conversions"].sum()
    g = g[g["total_conversions"] > 0]
    g = g.sort_values(["total_conversions", "path"], ascending=[False, True], kind="stable").head(n)
    conv = g["total_conversions"].to_numpy(dtype=float)
    return pd.DataFrame(
        {
            "path": g["path"].to_numpy(),
            "conversions": conv,
            "share_pct": 100.0 * conv / total if total else np.zeros(len(g)),
            "conversion_value": g["total_conversion_value"].to_numpy(dtype=float),
            "n_touches": g["path"].str.count(re.escape(SEP)).to_numpy(dtype=np.int64) + 1,
        }
    )


def _bucket_table(
    labels: list[str], bucket: np.ndarray, conv: np.ndarray, value: np.ndarray
) -> pd.DataFrame:
    k = len(labels)
    c = np.bincount(bucket, weights=conv, minlength=k)[:k]
    v = np.bincount(bucket, weights=value, minlength=k)[:k]
    return pd.DataFrame(
        {
            "bucket": pd.array(labels, dtype="string"),
            "conversions": c,
            "share_pct": _share(c),
            "conversion_value": v,
        }
    )


def path_length_distribution(
    paths: pd.DataFrame | Journeys, *, max_length: int = 12
) -> pd.DataFrame:
    """Conversions by path length in interactions, GA's buckets ``"1"``, ``"2"``, ...,
    ``"<max_length>+"`` (12+ by default).

    Columns: ``bucket`` (label), ``conversions`` (count), ``share_pct`` (% of conversions),
    ``conversion_value`` (currency units). Every bucket is listed, empty ones with 0.

    >>> import pandas as pd
    >>> p = pd.DataFrame({"path": ["a > b", "b", "a > a > b"], "total_conversions": [2, 1, 1]})
    >>> path_length_distribution(p, max_length=3)
      bucket  conversions  share_pct  conversion_value
    0      1          1.0       25.0               0.0
    1      2          2.0       50.0               0.0
    2     3+          1.0       25.0               0.0
    """
    if not isinstance(max_length, int) or isinstance(max_length, bool) or max_length < 2:
        raise ParameterError(f"max_length: expected an integer >= 2, got {max_length!r}")
    a = path_arrays(paths)
    labels = [str(i) for i in range(1, max_length)] + [f"{max_length}+"]
    bucket = np.minimum(a.lengths, max_length) - 1
    return _bucket_table(labels, bucket, a.conversions, a.values)


def time_lag_distribution(
    journeys: Journeys, *, edges: tuple[float, ...] = TIME_LAG_EDGES
) -> pd.DataFrame:
    """Conversions by days from the first touch on the path to the conversion.

    ``edges`` are bucket lower bounds in days (GA's by default: ``"0"`` = under a day, ``"1"``,
    ..., ``"11"``, ``"12-30"``, ``"31-60"``, ``"61-90"``, ``"91+"``); a bucket whose width is one
    day is labelled by its start. Columns: ``bucket``, ``conversions``, ``share_pct`` (% of
    conversions), ``conversion_value`` (currency units). Needs touch times, so
    :class:`Journeys` (from :func:`conversion_paths`), not an aggregated table.

    >>> import pandas as pd
    >>> events = pd.DataFrame({"user_id": [1, 1, 2],
    ...     "timestamp": pd.to_datetime(["2024-01-01 00:00", "2024-01-03 06:00", "2024-01-01 00:00"]),
    ...     "channel": ["email", "direct", "email"], "event_type": ["visit", "purchase", "purchase"]})
    >>> time_lag_distribution(conversion_paths(events), edges=(0, 1, 2, 7))
      bucket  conversions  share_pct  conversion_value
    0      0          1.0       50.0               0.0
    1      1          0.0        0.0               0.0
    2    2-6          1.0       50.0               0.0
    3     7+          0.0        0.0               0.0
    """
    if not isinstance(journeys, Journeys):
        raise ParameterError(
            "journeys: expected Journeys from journeykit.paths.conversion_paths (time lag needs "
            f"touch times, an aggregated paths table has none), got {type(journeys).__name__}"
        )
    e = np.asarray(edges, dtype=float)
    if len(e) < 2 or e[0] != 0 or np.any(np.diff(e) <= 0):
        raise ParameterError(
            f"edges: expected increasing day boundaries starting at 0, got {edges!r}"
        )
    labels = []
    for lo, hi in zip(e, [*e[1:], np.inf], strict=True):
        if np.isinf(hi):
            labels.append(f"{lo:g}+")
        elif hi - lo == 1:
            labels.append(f"{lo:g}")
        else:
            labels.append(f"{lo:g}-{hi - 1:g}")
    j = journeys.journeys[journeys.journeys["converted"]]
    lag = j["time_lag_days"].to_numpy(dtype=float)
    bucket = np.searchsorted(e, lag, side="right") - 1
    return _bucket_table(labels, bucket, np.ones(len(j)), j["conversion_value"].to_numpy(float))


def conversion_device_split(journeys: Journeys) -> pd.DataFrame:
    """Conversions by the device of the purchase (article 000's mobile conversions), with value.

    The counts agree with :func:`journeykit.touchpoints.device_split` on the same conversions
    (which works straight from events); this report adds the value and how many buyers switched
    device within the lookback window.

    Columns: ``device``, ``conversions``, ``share_pct`` (% of conversions), ``conversion_value``
    (currency units), ``cross_device_share`` (share 0-1 of these conversions whose path used more
    than one device). One row per device seen, by conversions descending.

    >>> import pandas as pd
    >>> events = pd.DataFrame({"user_id": [1, 1, 2],
    ...     "timestamp": pd.to_datetime(["2024-01-01", "2024-01-03", "2024-01-01"]),
    ...     "channel": ["email", "direct", "email"], "event_type": ["visit", "purchase", "purchase"],
    ...     "device": ["desktop", "mobile", "mobile"]})
    >>> conversion_device_split(conversion_paths(events))
       device  conversions  share_pct  conversion_value  cross_device_share
    0  mobile          2.0      100.0               0.0                 0.5
    """
    if not isinstance(journeys, Journeys):
        raise ParameterError(
            f"journeys: expected Journeys from conversion_paths, got {type(journeys).__name__}"
        )
    j = journeys.journeys[journeys.journeys["converted"]]
    dev = j["device"].fillna("unknown")
    g = (
        pd.DataFrame(
            {
                "device": dev,
                "conversions": 1.0,
                "conversion_value": j["conversion_value"].astype(float),
                "cross": (j["n_devices"] > 1).astype(float),
            }
        )
        .groupby("device", as_index=False, sort=True)
        .sum()
    )
    g = g.sort_values(["conversions", "device"], ascending=[False, True], kind="stable")
    conv = g["conversions"].to_numpy(dtype=float)
    return pd.DataFrame(
        {
            "device": g["device"].astype("string").to_numpy(),
            "conversions": conv,
            "share_pct": _share(conv),
            "conversion_value": g["conversion_value"].to_numpy(dtype=float),
            "cross_device_share": g["cross"].to_numpy(dtype=float) / np.maximum(conv, 1),
        }
    )


def path_summary(journeys: Journeys) -> PathSummary:
    """Headline numbers of the converting journeys (see :class:`PathSummary`).

    >>> import pandas as pd
    >>> events = pd.DataFrame({"user_id": [1, 1, 2],
    ...     "timestamp": pd.to_datetime(["2024-01-01", "2024-01-03", "2024-01-01"]),
    ...     "channel": ["email", "direct", "email"], "event_type": ["visit", "purchase", "purchase"]})
    >>> s = path_summary(conversion_paths(events))
    >>> s.conversions, s.mean_time_lag_days, s.mean_path_length, s.single_touch_share
    (2.0, 1.0, 1.5, 0.5)
    """
    if not isinstance(journeys, Journeys):
        raise ParameterError(
            f"journeys: expected Journeys from conversion_paths, got {type(journeys).__name__}"
        )
    j = journeys.journeys[journeys.journeys["converted"]]
    lag = j["time_lag_days"].to_numpy(dtype=float)
    n = j["n_touches"].to_numpy(dtype=float)
    if len(j) == 0:
        nan = float("nan")
        return PathSummary(0.0, nan, nan, nan, nan, nan)
    return PathSummary(
        conversions=float(len(j)),
        mean_time_lag_days=float(lag.mean()),
        median_time_lag_days=float(np.median(lag)),
        mean_path_length=float(n.mean()),
        median_path_length=float(np.median(n)),
        single_touch_share=float((n == 1).mean()),
    )


def summary_by_lookback(
    events: pd.DataFrame,
    orders: pd.DataFrame | None = None,
    *,
    lookbacks: tuple[float | None, ...] = (7, 30, 90, None),
    conversions: Literal["first", "all"] = "first",
) -> pd.DataFrame:
    """How the lookback window changes what the paths say: one row per window.

    Columns: ``lookback_days`` (``inf`` for no limit), ``conversions``, ``mean_time_lag_days``,
    ``median_time_lag_days``, ``mean_path_length``, ``median_path_length`` (interactions),
    ``single_touch_share`` (0-1). A shorter window cuts early touches off: paths get shorter and
    time lags smaller, while the number of conversions stays the same.

    >>> import pandas as pd
    >>> events = pd.DataFrame({"user_id": [1, 1, 1],
    ...     "timestamp": pd.to_datetime(["2024-01-01", "2024-01-20", "2024-01-25"]),
    ...     "channel": ["social_ads", "email", "direct"],
    ...     "event_type": ["click", "visit", "purchase"]})
    >>> summary_by_lookback(events, lookbacks=(7, None))[["lookback_days", "median_path_length"]]
       lookback_days  median_path_length
    0            7.0                 2.0
    1            inf                 3.0
    """
    rows = []
    for lb in lookbacks:
        s = path_summary(
            conversion_paths(events, orders, lookback_days=lb, conversions=conversions)
        )
        rows.append({"lookback_days": np.inf if lb is None else float(lb), **s.__dict__})
    return pd.DataFrame(rows)


def assisted_conversions(paths: pd.DataFrame | Journeys) -> pd.DataFrame:
    """Per channel: last-click and assisted conversions and values (GA's rule, see module doc).

    Columns: ``channel``; ``last_click_conversions`` (conversions whose last interaction is this
    channel); ``assisted_conversions`` (conversions with this channel anywhere but last, once
    per conversion); ``assisted_to_last_click_ratio`` (inf when only assisting, NaN when
    neither); ``last_click_conversion_value``, ``assisted_conversion_value`` (currency units,
    same rule) and ``assisted_to_last_click_value_ratio``. One row per channel seen on any path,
    sorted by channel.

    >>> import pandas as pd
    >>> p = pd.DataFrame({"path": ["email > direct > email"], "total_conversions": [2],
    ...                   "total_conversion_value": [50.0]})
    >>> report = assisted_conversions(p)
    >>> report.iloc[:, :3]
      channel  last_click_conversions  assisted_conversions
    0  direct                     0.0                   2.0
    1   email                     2.0                   2.0
    >>> report["assisted_to_last_click_ratio"].tolist()
    [inf, 1.0]
    """
    a = path_arrays(paths)
    k = len(a.channels)
    last = a.codes[a.ends] if len(a.starts) else np.array([], dtype=np.int64)
    lc = np.bincount(last, weights=a.conversions, minlength=k)
    lv = np.bincount(last, weights=a.values, minlength=k)
    # touches before the last one, each (path, channel) once
    pid = a.path_of_touch
    not_last = np.ones(len(a.codes), dtype=bool)
    not_last[a.ends] = False
    pair = np.unique(pid[not_last] * max(k, 1) + a.codes[not_last])
    p_ix, c_ix = np.divmod(pair, max(k, 1))
    ac = np.bincount(c_ix, weights=a.conversions[p_ix], minlength=k)
    av = np.bincount(c_ix, weights=a.values[p_ix], minlength=k)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        ratio = ac / lc
        vratio = av / lv
    return pd.DataFrame(
        {
            "channel": pd.array(a.channels, dtype="string"),
            "last_click_conversions": lc,
            "assisted_conversions": ac,
            "assisted_to_last_click_ratio": ratio,
            "last_click_conversion_value": lv,
            "assisted_conversion_value": av,
            "assisted_to_last_click_value_ratio": vratio,
        }
    )
