"""Attribution models: how much of each conversion a channel gets credit for.

All models share a budget: every conversion (and its value) is split among the channels on its
path, so each model's credits add up to the total conversions (and total value). They differ in
*how* they split it:

``first``
    All credit to the first touch.
``last``
    All credit to the last touch (the converting visit; GA's "last interaction").
``last_non_direct``
    All credit to the last touch that is not ``direct``; a path of only direct touches credits
    direct (GA's "last non-direct click").
``linear``
    Equal credit to every touch: ``1/n`` each on a path of ``n`` touches. A channel seen twice
    gets ``2/n`` -- one share per touch, the convention of the ``channelattribution`` package.
``time_decay``
    Touches nearer the conversion get more: a touch ``d`` days before it weighs ``2**(-d/h)``
    with half-life ``h = half_life_days`` (7, as in Google Analytics), weights normalised per
    path. This needs touch times, i.e. :class:`~journeykit.paths.Journeys` input. On an
    aggregated paths table (no times) the decay runs by position instead: the touch ``k``
    steps before the last weighs ``2**(-k/half_life_touches)`` (``half_life_touches=1``: each
    touch counts half as much as the one after it).
``position``
    Position based ("U-shaped"): 40 % to the first touch, 40 % to the last, the remaining 20 %
    shared equally by the touches between (``first_weight``/``last_weight`` configurable). A
    one-touch path gives that touch everything; a two-touch path splits in proportion
    ``first_weight : last_weight`` (50/50 by default, as GA).
``markov``
    Data-driven: the removal effect of a Markov chain fitted to all paths, converting and not
    (see :func:`markov_removal_effects`). Computed **exactly** by solving the absorbing chain
    (no simulation), so the result is deterministic. ``markov_order`` 2-4 uses
    channelattribution's states (windows of that many touches over the raw path), or with
    ``markov_state_rule="collapsed"`` the last channels after merging repeats.

A single-channel path credits that channel fully under every model.

>>> import pandas as pd
>>> paths = pd.DataFrame({"path": ["social_ads > email > direct", "email", "social_ads > direct"],
...     "total_conversions": [3, 2, 1], "total_null": [5, 4, 9]})
>>> attribute(paths, models=("first", "last", "linear")).round(2)
      channel  first  last  linear
0      direct    0.0   4.0    1.50
1       email    2.0   2.0    3.00
2  social_ads    4.0   0.0    1.50
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy.sparse.linalg import splu

from journeykit.errors import ParameterError
from journeykit.paths import SEP, Journeys, PathArrays, path_arrays

__all__ = [
    "MODELS",
    "DEFAULT_MODELS",
    "attribute",
    "credit_range",
    "heuristic_credit",
    "markov_removal_effects",
    "STATE_RULES",
    "transition_matrix",
    "MarkovResult",
]

MODELS: Final[tuple[str, ...]] = (
    "first",
    "last",
    "last_non_direct",
    "linear",
    "time_decay",
    "position",
    "markov",
)
"""Model names accepted by :func:`attribute` (and ``journeykit attribution --models``)."""

DEFAULT_MODELS: Final[tuple[str, ...]] = (
    "first",
    "last",
    "linear",
    "time_decay",
    "position",
    "markov",
)

PathsLike = pd.DataFrame | Journeys | PathArrays


def _arrays(paths: PathsLike, sep: str = SEP) -> PathArrays:
    return paths if isinstance(paths, PathArrays) else path_arrays(paths, sep=sep)


def _check_models(models: Sequence[str] | str) -> tuple[str, ...]:
    if isinstance(models, str):
        models = tuple(m.strip() for m in models.split(",") if m.strip())
    models = tuple(models)
    bad = [m for m in models if m not in MODELS]
    if bad or not models:
        raise ParameterError(
            f"models: expected a non-empty list of {', '.join(MODELS)}, got {list(models)!r}"
        )
    if len(set(models)) != len(models):
        raise ParameterError(f"models: each model once, got {list(models)!r}")
    return models


def _credit(
    a: PathArrays,
    model: str,
    per_path: np.ndarray,
    *,
    half_life_days: float,
    half_life_touches: float,
    first_weight: float,
    last_weight: float,
    direct: str,
) -> np.ndarray:
    """Credit per channel: ``per_path`` (conversions or value of each path) split by ``model``."""
    k = len(a.channels)
    if len(a.starts) == 0:
        return np.zeros(k)
    if model in ("first", "last", "last_non_direct"):
        # one touch per path takes everything
        if model == "first":
            touch = a.starts
        elif model == "last":
            touch = a.ends
        else:
            d_code = np.flatnonzero(a.channels == direct)
            n_t = len(a.codes)
            non_direct = a.codes != d_code[0] if len(d_code) else np.ones(n_t, dtype=bool)
            marked = np.where(non_direct, np.arange(n_t), -1)
            last_nd = np.maximum.reduceat(marked, a.starts)
            touch = np.where(last_nd >= 0, last_nd, a.ends)
        return np.bincount(a.codes[touch], weights=per_path, minlength=k)
    if model == "linear":
        w = np.repeat(per_path / a.lengths, a.lengths)
        return np.bincount(a.codes, weights=w, minlength=k)
    pid = a.path_of_touch
    length = a.lengths[pid]
    pos = np.arange(len(a.codes)) - a.starts[pid]
    if model == "position":
        middle = length - 2
        two = first_weight / (first_weight + last_weight)
        is_first = pos == 0
        is_last = pos == length - 1
        with np.errstate(divide="ignore", invalid="ignore"):
            mid_w = (1.0 - first_weight - last_weight) / middle
        w = np.select(
            [length == 1, (length == 2) & is_first, length == 2, is_first, is_last],
            [1.0, two, 1.0 - two, first_weight, last_weight],
            default=mid_w,
        )
    elif model == "time_decay":
        if a.days_before is not None:
            raw = np.exp2(-a.days_before / half_life_days)
        else:
            raw = np.exp2(-(length - 1 - pos) / half_life_touches)
        w = raw / np.add.reduceat(raw, a.starts)[pid]
    else:  # pragma: no cover - guarded by _check_models
        raise ParameterError(f"model: unknown {model!r}")
    return np.bincount(a.codes, weights=w * per_path[pid], minlength=k)


def heuristic_credit(
    paths: PathsLike,
    model: str,
    *,
    value: bool = False,
    half_life_days: float = 7.0,
    half_life_touches: float = 1.0,
    first_weight: float = 0.4,
    last_weight: float = 0.4,
    direct: str = "direct",
    sep: str = SEP,
) -> pd.Series:
    """Conversions (or value, with ``value=True``) one rule-based model credits to each channel.

    ``model`` is any of :data:`MODELS` but ``markov``. Returns a float Series indexed by
    channel (sorted), summing to the total conversions (value) of the paths.

    >>> import pandas as pd
    >>> p = pd.DataFrame({"path": ["a > b > c > d"], "total_conversions": [10]})
    >>> heuristic_credit(p, "position").tolist()
    [4.0, 1.0, 1.0, 4.0]
    >>> heuristic_credit(p, "time_decay").round(3).tolist()
    [0.667, 1.333, 2.667, 5.333]
    """
    if model == "markov" or model not in MODELS:
        raise ParameterError(
            f"model: expected one of {', '.join(m for m in MODELS if m != 'markov')}, got {model!r}"
        )
    _check_weights(half_life_days, half_life_touches, first_weight, last_weight)
    a = _arrays(paths, sep)
    credit = _credit(
        a,
        model,
        a.values if value else a.conversions,
        half_life_days=half_life_days,
        half_life_touches=half_life_touches,
        first_weight=first_weight,
        last_weight=last_weight,
        direct=direct,
    )
    return pd.Series(credit, index=pd.Index(a.channels, dtype="string", name="channel"), name=model)


def _check_weights(
    half_life_days: float, half_life_touches: float, first_weight: float, last_weight: float
) -> None:
    for name, v in (("half_life_days", half_life_days), ("half_life_touches", half_life_touches)):
        if not (
            isinstance(v, int | float) and not isinstance(v, bool) and v > 0 and np.isfinite(v)
        ):
            raise ParameterError(f"{name}: expected a number > 0, got {v!r}")
    for name, v in (("first_weight", first_weight), ("last_weight", last_weight)):
        if not (isinstance(v, int | float) and not isinstance(v, bool) and 0 <= v <= 1):
            raise ParameterError(f"{name}: expected a number between 0 and 1, got {v!r}")
    if first_weight + last_weight > 1 or first_weight + last_weight == 0:
        raise ParameterError(
            "first_weight + last_weight: expected more than 0 and at most 1 (the rest goes to the "
            f"middle touches), got {first_weight} + {last_weight}"
        )


# --------------------------------------------------------------------------------------------
# Markov removal effect, solved exactly


@dataclass(frozen=True)
class MarkovResult:
    """The fitted chain and its removal effects.

    ``removal`` has one row per channel: ``channel``; ``removal_effect`` (0-1: the share of the
    conversion probability lost when the channel is removed); ``share`` (removal effect over the
    sum of all removal effects, 0-1); ``conversions`` (share x total conversions);
    ``removal_effect_value``, ``value_share`` and ``value`` (the same for conversion value).
    ``conversion_probability``: probability that a journey starting at ``(start)`` ends in a
    conversion; ``order``: the chain's order; ``n_states``: transient states (tuples of up to
    ``order`` channels); ``state_rule``: how paths became states (see
    :func:`markov_removal_effects`).
    """

    removal: pd.DataFrame
    conversion_probability: float
    order: int
    n_states: int
    state_rule: str = "windows"


STATE_RULES: Final[tuple[str, ...]] = ("windows", "collapsed")
"""How :func:`markov_removal_effects` turns a path into states for order 2 and above."""


def _collapse_repeats(a: PathArrays) -> PathArrays:
    """Drop a touch that repeats the channel just before it (``a > a > b`` -> ``a > b``).

    Self-loops do not change where a first-order chain ends up, so for order 1 this changes
    nothing; for higher orders it is the ``state_rule="collapsed"`` convention.
    """
    keep = np.ones(len(a.codes), dtype=bool)
    if len(a.codes) > 1:
        keep[1:] = a.codes[1:] != a.codes[:-1]
    keep[a.starts] = True
    lengths = np.add.reduceat(keep.astype(np.int64), a.starts) if len(a.starts) else a.lengths
    return PathArrays(
        channels=a.channels,
        codes=a.codes[keep],
        starts=np.cumsum(lengths) - lengths,
        lengths=lengths,
        conversions=a.conversions,
        nulls=a.nulls,
        values=a.values,
    )


def _holds(digits: np.ndarray, k: int) -> np.ndarray:
    """(n_states, k) boolean: which channels each state holds (digits are channel code + 1, 0 = none)."""
    holds = np.zeros((len(digits), k), dtype=bool)
    rows, cols = np.nonzero(digits)
    holds[rows, digits[rows, cols] - 1] = True
    return holds


def _factorize_rows(digits: np.ndarray, base: int) -> tuple[np.ndarray, np.ndarray]:
    """(row code of every row, distinct rows sorted): rows of digits ``0 .. base - 1``.

    Each row is read as one integer in ``base`` (hash factorising, far faster than sorting
    rows); when that could overflow, rows are compared as they are (``np.unique`` on rows).
    """
    order = digits.shape[1]
    if float(base) ** order < 2.0**62:
        key = digits @ (np.int64(base) ** np.arange(order - 1, -1, -1, dtype=np.int64))
        code, uniq = pd.factorize(key, sort=True)
        uniq = np.asarray(uniq, dtype=np.int64)
        rows = (uniq[:, None] // np.int64(base) ** np.arange(order - 1, -1, -1)) % base
        return code.astype(np.int64), rows
    rows, code = np.unique(digits, axis=0, return_inverse=True)
    return code.reshape(-1).astype(np.int64), rows


def _history_states(a: PathArrays, order: int) -> tuple[np.ndarray, np.ndarray]:
    """State code of every touch (the last ``order`` channels up to it) and each state's channels."""
    k = len(a.channels)
    if order == 1:  # the state is the channel itself
        return a.codes, np.eye(k, dtype=bool)
    pid = a.path_of_touch
    pos = np.arange(len(a.codes)) - a.starts[pid]
    lag = np.arange(order)[::-1]  # oldest first
    src = np.arange(len(a.codes))[:, None] - lag[None, :]
    digits = np.where(pos[:, None] >= lag[None, :], a.codes[np.maximum(src, 0)] + 1, 0)
    state, uniq = _factorize_rows(digits, k + 1)
    return state, _holds(uniq, k)


def _window_states(
    a: PathArrays, order: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """channelattribution's states: windows of ``order`` touches over the raw path.

    A path of ``L >= order`` touches gives the ``L - order + 1`` windows of ``order`` consecutive
    touches; a shorter path gives one state, the whole path. Identical consecutive windows are
    then merged (``a > a > a > b`` at order 2: ``(a, a), (a, b)``). Returns (state of every
    window laid end to end, start and length of each path's run of states, channels per state).
    """
    k = len(a.channels)
    n_win = np.maximum(a.lengths - order + 1, 1)
    w_path = np.repeat(np.arange(len(a.lengths)), n_win)
    offset = np.arange(int(n_win.sum())) - np.repeat(np.cumsum(n_win) - n_win, n_win)
    first = a.starts[w_path] + offset
    lag = np.arange(order)
    inside = lag[None, :] < np.minimum(a.lengths, order)[w_path][:, None]
    src = np.minimum(first[:, None] + lag[None, :], len(a.codes) - 1)
    digits = np.where(inside, a.codes[src] + 1, 0)
    state, uniq = _factorize_rows(digits, k + 1)
    keep = np.ones(len(state), dtype=bool)
    keep[1:] = (state[1:] != state[:-1]) | (w_path[1:] != w_path[:-1])
    lengths = np.bincount(w_path[keep], minlength=len(a.lengths)).astype(np.int64)
    return state[keep], np.cumsum(lengths) - lengths, lengths, _holds(uniq, k)


def _state_runs(
    a: PathArrays, order: int, state_rule: str
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(state sequence of all paths, start and length of each path's run, channels per state)."""
    if len(a.codes) == 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, a.starts, a.lengths, np.zeros((0, len(a.channels)), dtype=bool)
    if state_rule == "windows" and order > 1:
        return _window_states(a, order)
    c = _collapse_repeats(a)
    state, holds = _history_states(c, order)
    return state, c.starts, c.lengths, holds


def markov_removal_effects(
    paths: PathsLike,
    *,
    order: int = 1,
    state_rule: str = "windows",
    sep: str = SEP,
) -> MarkovResult:
    """Fit a Markov chain of ``order`` to all paths and compute each channel's removal effect exactly.

    The chain: from ``(start)`` to the first state, from state to state along each path, and
    from the last state to ``(conversion)`` or ``(null)``; transition probabilities are the
    observed transitions weighted by journeys (``total_conversions + total_null``). The
    absorption probabilities ``x`` solve ``(I - Q) x = r`` (``Q``: transitions among states,
    ``r``: one-step conversion probabilities); the conversion probability is ``x`` seen from
    ``(start)``.

    **States.** For order 1 a state is a channel, and a repeat (``a > a``) only delays where a
    journey ends, so repeats are merged (``a > a > b`` is ``a > b``), as channelattribution
    does. For order 2 and above ``state_rule`` chooses:

    ``"windows"`` (default, channelattribution's ``markov_model``)
        A state is a window of ``order`` consecutive touches of the **raw** path (a path with
        fewer touches than ``order`` is one state, the whole path); identical consecutive
        windows are merged. ``a > a > b > c`` at order 2: ``(a, a) > (a, b) > (b, c)``;
        ``a > b`` at order 3: ``(a, b)``.
    ``"collapsed"``
        Repeats are merged first, then a state is the last ``order`` channels up to each touch,
        the first touches of a path holding fewer (``a > a > b > c``: ``(a) > (a, b) > (b, c)``).
        A channel logged twice in a row (a tracker firing two events for one visit) then
        changes nothing, which the windows rule cannot promise: use it when repeats in your
        export are duplicates rather than real visits.

    **Removal effect** of channel ``c``: ``1 - P(conversion without c) / P(conversion)``, where
    removing ``c`` sends every journey that reaches a state holding ``c`` to ``(null)``.
    Effects are normalised to one global share per channel (``effect / sum of effects``) and
    the total conversions are split by that share (the usual rule, as channelattribution).
    For value, each conversion ending at state ``s`` is worth the mean value of the observed
    conversions ending at ``s``; the value removal effect is the lost share of the expected
    value, normalised the same way. channelattribution estimates the same quantities by
    simulating journeys; this solve is exact and deterministic.

    >>> import pandas as pd
    >>> p = pd.DataFrame({"path": ["a > b", "b"], "total_conversions": [1, 1], "total_null": [1, 1]})
    >>> r = markov_removal_effects(p)
    >>> r.conversion_probability
    0.5
    >>> r.removal[["channel", "removal_effect", "conversions"]]
      channel  removal_effect  conversions
    0       a             0.5     0.666667
    1       b             1.0     1.333333
    >>> q = pd.DataFrame({"path": ["a > b > c"], "total_conversions": [1]})
    >>> markov_removal_effects(q, order=2).n_states  # (a, b), (b, c)
    2
    >>> markov_removal_effects(q, order=2, state_rule="collapsed").n_states  # (a), (a, b), (b, c)
    3
    """
    if not isinstance(order, int) or isinstance(order, bool) or not 1 <= order <= 4:
        raise ParameterError(f"order: expected an integer from 1 to 4, got {order!r}")
    if state_rule not in STATE_RULES:
        raise ParameterError(
            f"state_rule: expected one of {', '.join(map(repr, STATE_RULES))}, got {state_rule!r}"
        )
    a = _arrays(paths, sep)
    k = len(a.channels)
    weight = a.conversions + a.nulls
    keep_path = weight > 0
    state, starts, lengths, holds = _state_runs(a, order, state_rule)
    n = len(holds)
    pid = np.repeat(np.arange(len(lengths)), lengths)
    w_touch = weight[pid]
    ends = starts + lengths - 1
    # transitions between consecutive states of a path
    nxt = np.ones(len(state), dtype=bool)
    nxt[ends] = False
    src = state[nxt]
    dst = state[np.flatnonzero(nxt) + 1]
    if n * n <= 4_000_000:  # few states: count pairs straight into a dense matrix
        dense = np.bincount(src * n + dst, weights=w_touch[nxt], minlength=n * n)
        q_counts = sp.csr_matrix(dense.reshape(n, n))
    else:
        q_counts = sp.coo_matrix((w_touch[nxt], (src, dst)), shape=(n, n)).tocsr()
    last_state = state[ends]
    conv_out = np.bincount(last_state, weights=a.conversions, minlength=n)
    null_out = np.bincount(last_state, weights=a.nulls, minlength=n)
    value_out = np.bincount(last_state, weights=a.values, minlength=n)
    start = np.bincount(state[starts[keep_path]], weights=weight[keep_path], minlength=n)
    out_total = np.asarray(q_counts.sum(axis=1)).ravel() + conv_out + null_out
    with np.errstate(divide="ignore", invalid="ignore"):
        inv = np.where(out_total > 0, 1.0 / out_total, 0.0)
        mean_value = np.where(conv_out > 0, value_out / conv_out, 0.0)
    q = sp.diags(inv) @ q_counts
    r = conv_out * inv
    rhs = np.column_stack([r, r * mean_value])
    p_start = start / start.sum() if start.sum() > 0 else start

    def absorb(mask: np.ndarray) -> np.ndarray:
        """(conversion probability, expected value) from (start), states outside mask removed."""
        idx = np.flatnonzero(mask)
        if len(idx) == 0:
            return np.zeros(2)
        sub = q[idx][:, idx]
        system = (sp.identity(len(idx), format="csc") - sub).tocsc()
        x = splu(system).solve(np.ascontiguousarray(rhs[idx]))
        return p_start[idx] @ x

    total_conv = float(a.conversions.sum())
    total_value = float(a.values.sum())
    base = absorb(np.ones(n, dtype=bool)) if n else np.zeros(2)
    effects = np.zeros((k, 2))
    for c in range(k):
        removed = absorb(~holds[:, c])
        with np.errstate(divide="ignore", invalid="ignore"):
            effects[c] = np.where(base > 0, 1.0 - removed / base, 0.0)
    effects = np.clip(effects, 0.0, 1.0)
    sums = effects.sum(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        shares = np.where(sums > 0, effects / sums, 0.0)
    removal = pd.DataFrame(
        {
            "channel": pd.array(a.channels, dtype="string"),
            "removal_effect": effects[:, 0],
            "share": shares[:, 0],
            "conversions": shares[:, 0] * total_conv,
            "removal_effect_value": effects[:, 1],
            "value_share": shares[:, 1],
            "value": shares[:, 1] * total_value,
        }
    )
    return MarkovResult(removal, float(base[0]), order, n, state_rule)


def transition_matrix(paths: PathsLike, *, sep: str = SEP) -> pd.DataFrame:
    """First-order transition probabilities between ``(start)``, channels, ``(conversion)`` and
    ``(null)`` (repeats in a row merged, as :func:`markov_removal_effects` does).

    A square DataFrame: rows ``from`` (``(start)`` and the channels), columns ``to`` (the
    channels, ``(conversion)``, ``(null)``); each row sums to 1.

    >>> import pandas as pd
    >>> p = pd.DataFrame({"path": ["a > b", "b"], "total_conversions": [1, 1], "total_null": [1, 1]})
    >>> transition_matrix(p)
    to         a    b  (conversion)  (null)
    from
    (start)  0.5  0.5           0.0     0.0
    a        0.0  1.0           0.0     0.0
    b        0.0  0.0           0.5     0.5
    """
    a = _collapse_repeats(_arrays(paths, sep))
    k = len(a.channels)
    weight = a.conversions + a.nulls
    pid = a.path_of_touch
    nxt = np.ones(len(a.codes), dtype=bool)
    nxt[a.ends] = False
    counts = np.zeros((k + 1, k + 2))
    np.add.at(counts, (a.codes[nxt] + 1, a.codes[np.flatnonzero(nxt) + 1]), weight[pid][nxt])
    np.add.at(counts, (np.zeros(len(a.starts), dtype=np.int64), a.codes[a.starts]), weight)
    last = a.codes[a.ends] + 1
    np.add.at(counts, (last, np.full(len(last), k)), a.conversions)
    np.add.at(counts, (last, np.full(len(last), k + 1)), a.nulls)
    totals = counts.sum(axis=1, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        probs = np.where(totals > 0, counts / totals, 0.0)
    names = [str(c) for c in a.channels]
    return pd.DataFrame(
        probs,
        index=pd.Index(["(start)", *names], name="from"),
        columns=pd.Index([*names, "(conversion)", "(null)"], name="to"),
    )


# --------------------------------------------------------------------------------------------


def attribute(
    paths: PathsLike,
    *,
    models: Sequence[str] | str = DEFAULT_MODELS,
    value: bool = False,
    half_life_days: float = 7.0,
    half_life_touches: float = 1.0,
    first_weight: float = 0.4,
    last_weight: float = 0.4,
    direct: str = "direct",
    markov_order: int = 1,
    markov_state_rule: str = "windows",
    sep: str = SEP,
) -> pd.DataFrame:
    """Credit per channel under each of ``models`` (see the module docstring for each rule).

    ``paths``: an aggregated paths table (``path``, ``total_conversions``, ``total_null``,
    ``total_conversion_value``), or :class:`~journeykit.paths.Journeys` (then ``time_decay``
    uses touch times in days). Returns one row per channel (sorted): a ``channel`` column and
    one float column per model, named as given, holding attributed conversions -- or
    attributed conversion value (currency units) with ``value=True``. Every model column sums
    to the total conversions (value).

    >>> import pandas as pd
    >>> p = pd.DataFrame({"path": ["a > b", "b"], "total_conversions": [1, 1], "total_null": [1, 1]})
    >>> attribute(p, models="first,position,markov").round(3)
      channel  first  position  markov
    0       a    1.0       0.5   0.667
    1       b    1.0       1.5   1.333
    """
    models = _check_models(models)
    _check_weights(half_life_days, half_life_touches, first_weight, last_weight)
    if not isinstance(value, bool):
        raise ParameterError(f"value: expected True or False, got {value!r}")
    a = _arrays(paths, sep)
    out = pd.DataFrame({"channel": pd.array(a.channels, dtype="string")})
    for m in models:
        if m == "markov":
            res = markov_removal_effects(a, order=markov_order, state_rule=markov_state_rule)
            col = res.removal["value" if value else "conversions"].to_numpy()
        else:
            col = heuristic_credit(
                a,
                m,
                value=value,
                half_life_days=half_life_days,
                half_life_touches=half_life_touches,
                first_weight=first_weight,
                last_weight=last_weight,
                direct=direct,
            ).to_numpy()
        out[m] = col
    return out


def credit_range(credit: pd.DataFrame) -> pd.DataFrame:
    """How much a channel's worth depends on the model: lowest and highest credit per channel.

    ``credit`` is :func:`attribute`'s table. Columns: ``channel``; ``lowest_model``,
    ``lowest`` (its credit); ``highest_model``, ``highest``; ``spread`` (highest - lowest, same
    unit as the credit); ``ratio`` (highest / lowest; ``inf`` when the lowest is 0). Sorted by
    ``ratio``, largest first: the channels at the top are the ones whose worth is most a matter
    of the model chosen.

    >>> import pandas as pd
    >>> credit = pd.DataFrame({"channel": ["ads", "email"], "first": [4.0, 1.0], "last": [1.0, 4.0],
    ...                        "linear": [2.0, 3.0]})
    >>> credit_range(credit)
      channel lowest_model  lowest highest_model  highest  spread  ratio
    0     ads         last     1.0         first      4.0     3.0    4.0
    1   email        first     1.0          last      4.0     3.0    4.0
    """
    if not isinstance(credit, pd.DataFrame) or "channel" not in credit.columns:
        raise ParameterError("credit: expected attribute()'s table with a channel column")
    models = [c for c in credit.columns if c != "channel"]
    if not models:
        raise ParameterError("credit: expected at least one model column besides channel")
    values = credit[models].to_numpy(dtype=float)
    lo = values.argmin(axis=1)
    hi = values.argmax(axis=1)
    rows = np.arange(len(credit))
    low, high = values[rows, lo], values[rows, hi]
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(high == 0, 1.0, high / low)
    out = pd.DataFrame(
        {
            "channel": credit["channel"].to_numpy(),
            "lowest_model": np.asarray(models, dtype=object)[lo],
            "lowest": low,
            "highest_model": np.asarray(models, dtype=object)[hi],
            "highest": high,
            "spread": high - low,
            "ratio": ratio,
        }
    )
    return out.sort_values(
        ["ratio", "channel"], ascending=[False, True], kind="stable"
    ).reset_index(drop=True)
