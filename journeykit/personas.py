"""Personas: who walks the journey, written by hand or derived from behaviour in the data.

A :class:`Persona` is a fictional but typical customer (articles 002 and 003): a name, an age
band, an occupation, goals, motivations, needs, frustrations, the channels and devices they
prefer (keys of :data:`journeykit.schema.CHANNELS` and :data:`journeykit.schema.DEVICES`) and a
quote in their own words. It is validated on creation (every error names the field), saved to
and loaded from JSON without loss, drawn as a card (:func:`journeykit.plots.personas.plot_persona`)
and exported to HTML (:func:`journeykit.plots.personas.persona_html`).

The coffee business of article 002 ships three personas, in English and Bahasa Indonesia; their
keys are the ``users.persona`` values of the synthetic coffee data: ``office_worker``,
``home_barista`` and ``student``.

Personas can also be *derived* from behaviour: :func:`behaviour_features` turns the events and
orders tables into one row of numbers per user, :func:`segment_users` groups similar users with
k-means (seeded, deterministic), :func:`segment_profiles` describes each group, and
:func:`stage_reach` shows how far each persona or segment gets along the journey.

>>> rina = example("office_worker")
>>> rina.name, rina.age_band, rina.channels[:2]
('Rina Kusuma', '25-34', ('social_ads', 'social_organic'))
>>> example("student", lang="id").occupation
'Mahasiswi komunikasi di Yogyakarta'
>>> Persona.from_dict(rina.to_dict()) == rina
True
>>> Persona(key="x", name="X", age_band="25-34", occupation="clerk", goals=("coffee",),
...         channels=("tiktok",), devices=("mobile",))
Traceback (most recent call last):
...
journeykit.errors.ValidationError: channels[0]: expected one of organic_search, paid_search, ..., got 'tiktok'
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from functools import lru_cache
from typing import Any, ClassVar

import numpy as np
import pandas as pd

from journeykit.documents import (
    KEY_PATTERN,
    JsonDocument,
    check_text,
    check_text_list,
    raise_first,
    show_value,
    values_of,
)
from journeykit.errors import ParameterError, ValidationError
from journeykit.examples import PERSONA_EXAMPLES
from journeykit.i18n import LABELS, LANGS, check_lang, t
from journeykit.schema import CHANNELS, DEVICES, get_table
from journeykit.stages import StageModel, get_model

__all__ = [
    "Persona",
    "PERSONA_SCHEMA_VERSION",
    "EXAMPLE_KEYS",
    "persona_problems",
    "example",
    "examples",
    "display_name",
    "FEATURES",
    "behaviour_features",
    "segment_users",
    "segment_profiles",
    "stage_reach",
]

PERSONA_SCHEMA_VERSION = 1
"""Version of the persona JSON format written by :meth:`Persona.save` (field ``schema_version``)."""

EXAMPLE_KEYS: tuple[str, ...] = PERSONA_EXAMPLES
"""Keys of the built-in coffee personas (also the ``users.persona`` values of the coffee data)."""

_AGE_RANGE = re.compile(r"^(\d{1,3})\s*[-–]\s*(\d{1,3})$")
_AGE_OPEN = re.compile(r"^(\d{1,3})\+$")


# --- the Persona object -----------------------------------------------------------------------

_PERSONA_REQUIRED = ("key", "name", "age_band", "occupation", "goals", "channels", "devices")
_PERSONA_LISTS = ("goals", "motivations", "needs", "frustrations", "channels", "devices")


@dataclass(frozen=True)
class Persona(JsonDocument):
    """A typical customer, written down so a team designs for a person rather than an average.

    Fields: ``key`` (lower-case id, e.g. ``"office_worker"``), ``name``, ``age_band`` (``"25-34"``
    or ``"55+"``), ``occupation``, ``goals`` (at least one), ``motivations``, ``needs``,
    ``frustrations`` (lists of short sentences), ``channels`` (preferred channels, keys of
    :data:`journeykit.schema.CHANNELS`, at least one), ``devices`` (keys of
    :data:`journeykit.schema.DEVICES`, at least one), ``quote`` (their words) and ``lang``
    (``"en"``/``"id"``, the language the texts are written in; ``None`` if unsaid).
    Lists given as Python lists are stored as tuples. Invalid values raise
    :class:`~journeykit.errors.ValidationError` naming the field.

    >>> p = Persona(key="ibu_rumah", name="Sari", age_band="35-44", occupation="Shop owner",
    ...             goals=["Good coffee for guests"], channels=["whatsapp"], devices=["mobile"])
    >>> p.goals
    ('Good coffee for guests',)
    >>> Persona(**{**p.to_dict(), "age_band": "old"})
    Traceback (most recent call last):
    ...
    journeykit.errors.ValidationError: age_band: expected an age band like '25-34' or '55+', got 'old'
    """

    key: str
    name: str
    age_band: str
    occupation: str
    goals: tuple[str, ...]
    motivations: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()
    frustrations: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()
    devices: tuple[str, ...] = ()
    quote: str = ""
    lang: str | None = None

    _KIND: ClassVar[str] = "persona"
    _VERSION: ClassVar[int] = PERSONA_SCHEMA_VERSION
    _problems = staticmethod(lambda data: persona_problems(data))

    def __post_init__(self) -> None:
        for name in _PERSONA_LISTS:
            value = getattr(self, name)
            if isinstance(value, list):
                object.__setattr__(self, name, tuple(value))
        raise_first(persona_problems(self))

    # JSON -----------------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """The persona as a JSON-ready dict (lists for tuples); :meth:`from_dict` reads it back."""
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            out[f.name] = list(value) if isinstance(value, tuple) else value
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Persona:
        """Build a persona from a dict (as written by :meth:`to_dict` or read from JSON).

        The file header fields ``schema_version`` and ``kind`` are accepted and ignored. Every
        problem is found; the first is raised (its message counts the others).
        """
        problems = persona_problems(data)
        raise_first(problems)
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})


def persona_problems(
    data: Persona | Mapping[str, Any], *, where: str = ""
) -> list[ValidationError]:
    """Every problem with a persona (or its dict form), each naming its field; ``[]`` when valid.

    ``where`` prefixes field names (``"persona"`` gives ``persona.goals[0]`` inside a map).

    >>> [str(p) for p in persona_problems({"key": "Bad Key", "name": "A", "age_band": "20-29",
    ...     "occupation": "x", "goals": "coffee", "channels": ["email"], "devices": []})]
    ["key: expected lower-case letters, digits and '_' (starting with a letter), got 'Bad Key'", "goals: expected a list of strings, got 'coffee'", 'devices: expected at least 1 item(s), got an empty list']
    """
    problems: list[ValidationError] = []
    prefix = f"{where}." if where else ""
    values = values_of(data, Persona, where, problems, required=_PERSONA_REQUIRED)
    if values is None:
        return problems
    if "key" in values:
        key = values["key"]
        if not isinstance(key, str) or not KEY_PATTERN.match(key):
            problems.append(
                ValidationError(
                    f"{prefix}key",
                    "lower-case letters, digits and '_' (starting with a letter)",
                    show_value(key),
                )
            )
    for name in ("name", "occupation"):
        if name in values:
            check_text(values[name], f"{prefix}{name}", problems)
    if "age_band" in values:
        _check_age_band(values["age_band"], f"{prefix}age_band", problems)
    if "quote" in values:
        check_text(values["quote"], f"{prefix}quote", problems, required=False)
    for name in ("motivations", "needs", "frustrations"):
        if name in values:
            check_text_list(values[name], f"{prefix}{name}", problems)
    if "goals" in values:
        check_text_list(values["goals"], f"{prefix}goals", problems, min_items=1)
    if "channels" in values:
        check_text_list(
            values["channels"], f"{prefix}channels", problems, min_items=1, allowed=CHANNELS
        )
    if "devices" in values:
        check_text_list(
            values["devices"], f"{prefix}devices", problems, min_items=1, allowed=DEVICES
        )
    if values.get("lang") is not None and values["lang"] not in LANGS:
        problems.append(
            ValidationError(f"{prefix}lang", "'en', 'id' or null", show_value(values["lang"]))
        )
    return problems


def _check_age_band(value: object, field: str, problems: list[ValidationError]) -> None:
    expected = "an age band like '25-34' or '55+'"
    if not isinstance(value, str):
        problems.append(ValidationError(field, expected, show_value(value)))
        return
    text = value.strip()
    if m := _AGE_RANGE.match(text):
        low, high = int(m.group(1)), int(m.group(2))
        if low > high or high > 120:
            problems.append(
                ValidationError(
                    field, "a band from a lower to a higher age (<= 120)", show_value(value)
                )
            )
    elif not _AGE_OPEN.match(text):
        problems.append(ValidationError(field, expected, show_value(value)))


# --- built-in examples --------------------------------------------------------------------------


def example(key: str = "office_worker", lang: str = "en") -> Persona:
    """A built-in coffee persona (article 002's online coffee shop) in ``lang``.

    Keys: ``office_worker`` (Rina, orders on her phone from Instagram ads), ``home_barista``
    (Bayu, compares single-origin beans on his laptop), ``student`` (Dinda, follows friends'
    recommendations, price-sensitive).

    >>> example("home_barista", "id").name
    'Bayu Pratama'
    """
    return _example(key, lang)


@lru_cache(maxsize=32)
def _example(key: str, lang: str) -> Persona:
    from journeykit.examples import persona_file

    return Persona.load(persona_file(key, lang))


def examples(lang: str = "en") -> dict[str, Persona]:
    """All built-in coffee personas in ``lang``, by key.

    >>> list(examples())
    ['office_worker', 'home_barista', 'student']
    """
    return {key: example(key, lang) for key in EXAMPLE_KEYS}


def display_name(group: object, lang: str = "en") -> str:
    """A learner-facing name for a persona key or a segment number (for legends and tables).

    >>> display_name("home_barista", "id")
    'Barista rumahan'
    >>> display_name(2)
    'Segment 2'
    """
    check_lang(lang)
    if isinstance(group, str) and group in EXAMPLE_KEYS:
        return t(f"persona.type.{group}", lang)
    if isinstance(group, int | np.integer):
        return f"{t('persona.segment', lang)} {int(group)}"
    return str(group)


# --- personas from behaviour ---------------------------------------------------------------------

FEATURES: tuple[str, ...] = (
    "orders",
    "spend",
    "avg_order_value",
    "touches",
    "mobile_share",
    "social_share",
    "search_share",
    "messaging_share",
    "store_share",
)
"""Columns of :func:`behaviour_features`, the default inputs of :func:`segment_users`."""

_CHANNEL_GROUPS: dict[str, tuple[str, ...]] = {
    "social_share": ("social_ads", "social_organic"),
    "search_share": ("organic_search", "paid_search"),
    "messaging_share": ("email", "whatsapp"),
    "store_share": ("store",),
}
_SKEWED = ("orders", "spend", "avg_order_value", "touches")


_COLUMNS = {
    "users": ("user_id",),
    "events": ("user_id", "timestamp", "event_type", "channel", "device", "stage"),
    "orders": ("order_id", "user_id", "timestamp", "price"),
}


def _table(tables: Any, name: str) -> pd.DataFrame:
    """Table ``name`` through the door (:func:`journeykit.schema.get_table`), with the columns used."""
    return get_table(tables, name, _COLUMNS[name])


def behaviour_features(tables: Any) -> pd.DataFrame:
    """One row per user (index ``user_id``, every user of ``tables.users``) describing behaviour.

    Columns: ``orders`` (number of orders), ``spend`` (sum of order prices, currency units),
    ``avg_order_value`` (spend / orders; NaN for a user without orders, so that averages of it
    are over buyers), ``touches`` (number of events),
    ``mobile_share`` (share 0-1 of the user's events on a mobile device), ``social_share``
    (social ads + organic social), ``search_share`` (organic + paid search), ``messaging_share``
    (email + WhatsApp) and ``store_share`` (in-store): shares 0-1 of the user's events by
    channel. Shares are 0 for a user without events. Every column is a plain numpy ``int64`` or
    ``float64`` column (never Arrow-backed), so ``describe().round(2)`` rounds them all.
    """
    users = _table(tables, "users")
    events = _table(tables, "events")
    orders = _table(tables, "orders")
    index = pd.Index(users["user_id"], name="user_id")
    out = pd.DataFrame(index=index)
    by_user = orders.groupby("user_id")["price"]
    out["orders"] = by_user.size().reindex(index, fill_value=0).astype("int64")
    out["spend"] = by_user.sum().reindex(index, fill_value=0.0).astype("float64")
    out["avg_order_value"] = (out["spend"] / out["orders"].where(out["orders"] > 0)).astype(
        "float64"
    )
    touches = events.groupby("user_id").size().reindex(index, fill_value=0)
    out["touches"] = touches.astype("int64")
    denom = touches.where(touches > 0)
    mobile = (events["device"] == "mobile").groupby(events["user_id"]).sum()
    out["mobile_share"] = (
        (mobile.reindex(index, fill_value=0) / denom).fillna(0.0).astype("float64")
    )
    for column, channels in _CHANNEL_GROUPS.items():
        hits = events["channel"].isin(channels).groupby(events["user_id"]).sum()
        out[column] = (hits.reindex(index, fill_value=0) / denom).fillna(0.0).astype("float64")
    return out


def _standardise(features: pd.DataFrame, columns: Sequence[str]) -> np.ndarray:
    x = features[list(columns)].to_numpy(dtype="float64", copy=True, na_value=np.nan)
    # a user without orders has no order value: for the distance it counts as 0
    if "avg_order_value" in columns:
        j = list(columns).index("avg_order_value")
        x[:, j] = np.nan_to_num(x[:, j], nan=0.0)
    for j, col in enumerate(columns):
        if col in _SKEWED:
            x[:, j] = np.log1p(np.clip(x[:, j], 0, None))
    sd = x.std(axis=0)
    return (x - x.mean(axis=0)) / np.where(sd > 0, sd, 1.0)


def _sq_dist(x: np.ndarray, x2: np.ndarray, centres: np.ndarray) -> np.ndarray:
    """Squared distances (n × k) of the rows of ``x`` (squared norms ``x2``) to each centre:
    one matrix-vector product per centre, no n × k × d array, fast for a million users."""
    return np.stack([x2 - 2 * (x @ c) + c @ c for c in centres], axis=1)


def _kmeans(
    x: np.ndarray, k: int, rng: np.random.Generator, max_iter: int
) -> tuple[np.ndarray, float]:
    """One k-means run (k-means++ start, Lloyd iterations); returns labels and inertia."""
    n = len(x)
    centres = np.empty((k, x.shape[1]))
    centres[0] = x[rng.integers(n)]
    d2 = ((x - centres[0]) ** 2).sum(axis=1)
    for c in range(1, k):
        total = d2.sum()
        pick = rng.choice(n, p=d2 / total) if total > 0 else rng.integers(n)
        centres[c] = x[pick]
        d2 = np.minimum(d2, ((x - centres[c]) ** 2).sum(axis=1))
    labels = np.full(n, -1)
    x2 = (x**2).sum(axis=1)
    for _ in range(max_iter):
        dist = _sq_dist(x, x2, centres)
        new = dist.argmin(axis=1)
        if np.array_equal(new, labels):
            break
        labels = new
        counts = np.bincount(labels, minlength=k).astype("float64")
        sums = np.stack(
            [np.bincount(labels, weights=x[:, j], minlength=k) for j in range(x.shape[1])], axis=1
        )
        for c in np.flatnonzero(counts == 0):  # an empty cluster restarts at the farthest point
            far = dist[np.arange(n), labels].argmax()
            sums[c], counts[c] = x[far], 1.0
        moved = centres
        centres = sums / counts[:, None]
        if ((centres - moved) ** 2).sum() <= 1e-4:  # centres (in standard deviations) settled
            labels = _sq_dist(x, x2, centres).argmin(axis=1)
            break
    inertia = float(((x - centres[labels]) ** 2).sum())
    return labels, inertia


def segment_users(
    features: pd.DataFrame,
    *,
    k: int = 3,
    seed: int = 42,
    columns: Sequence[str] | None = None,
    n_init: int = 5,
    max_iter: int = 100,
) -> pd.Series:
    """Group users with similar behaviour into ``k`` segments by k-means; same seed, same groups.

    A missing ``avg_order_value`` (a user without orders) counts as 0. Counts and money
    (``orders``, ``spend``, ``avg_order_value``, ``touches``) are log-scaled
    (``log1p``) so a few big spenders do not dominate; then every column is standardised (mean
    0, standard deviation 1). k-means starts ``n_init`` times from k-means++ seeds drawn with
    ``numpy.random.default_rng(seed)`` and keeps the tightest grouping (each run stops when no
    user changes group, when the centres move less than 0.01 standard deviations in all, or after
    ``max_iter`` rounds). Segments are numbered 1..k from the largest to the smallest.

    Returns a Series ``segment`` (int, 1..k) indexed like ``features`` (by ``user_id``).

    >>> f = pd.DataFrame({"orders": [0, 0, 5, 6], "mobile_share": [1.0, 0.9, 0.1, 0.0]},
    ...                  index=pd.Index([1, 2, 3, 4], name="user_id"))
    >>> segment_users(f, k=2).tolist()
    [1, 1, 2, 2]
    """
    if not isinstance(features, pd.DataFrame) or features.empty:
        raise ParameterError("features: expected a non-empty DataFrame (see behaviour_features)")
    cols = list(columns) if columns is not None else [c for c in FEATURES if c in features]
    if not cols:
        raise ParameterError(f"columns: expected some of {', '.join(FEATURES)} in features")
    missing = [c for c in cols if c not in features.columns]
    if missing:
        raise ParameterError(f"columns: {', '.join(missing)} not in features")
    if not isinstance(k, int) or isinstance(k, bool) or not 1 <= k <= len(features):
        raise ParameterError(f"k: expected an integer from 1 to {len(features)} (users), got {k!r}")
    for name, value in (("n_init", n_init), ("max_iter", max_iter), ("seed", seed)):
        if (
            not isinstance(value, int)
            or isinstance(value, bool)
            or value < (0 if name == "seed" else 1)
        ):
            raise ParameterError(f"{name}: expected a positive integer, got {value!r}")
    x = _standardise(features, cols)
    if not np.isfinite(x).all():
        raise ParameterError("features: expected finite numbers (no missing values)")
    rng = np.random.default_rng(seed)
    best_labels, best_inertia = None, math.inf
    for _ in range(n_init):
        labels, inertia = _kmeans(x, k, rng, max_iter)
        if inertia < best_inertia - 1e-9:
            best_labels, best_inertia = labels, inertia
    assert best_labels is not None
    sizes = np.bincount(best_labels, minlength=k)
    first_seen = np.array(
        [np.flatnonzero(best_labels == c)[0] if sizes[c] else len(x) for c in range(k)]
    )
    order = sorted(range(k), key=lambda c: (-sizes[c], first_seen[c]))
    rank = np.empty(k, dtype="int64")
    rank[order] = np.arange(1, k + 1)
    return pd.Series(rank[best_labels], index=features.index, name="segment")


def segment_profiles(
    features: pd.DataFrame, segments: pd.Series, *, lang: str = "en"
) -> pd.DataFrame:
    """Describe each segment: one row per segment (index ``segment``).

    Columns: ``users`` (count), ``share`` (0-1 of all users), the mean of every feature column
    in the segment (same units as :func:`behaviour_features`), and ``summary``: the two features
    where the segment differs most from everyone (in standard deviations), as ``"↑ label"``
    (above average) or ``"↓ label"`` (below), labels in ``lang``.
    """
    check_lang(lang)
    if not segments.index.equals(features.index):
        segments = segments.reindex(features.index)
    if segments.isna().any():
        raise ParameterError("segments: expected one segment for every row of features")
    cols = [c for c in features.columns if pd.api.types.is_numeric_dtype(features[c])]
    grouped = features[cols].groupby(segments.rename("segment"))
    out = grouped.mean()
    out.insert(0, "users", grouped.size())
    out.insert(1, "share", out["users"] / len(features))
    sd = features[cols].std(ddof=0).replace(0, np.nan)
    z = ((out[cols] - features[cols].mean()) / sd).fillna(0.0)
    summaries = []
    for _, row in z.iterrows():  # one row per segment (k rows), not per user
        top = row.abs().sort_values(ascending=False, kind="stable").index[:2]
        parts = [
            f"{'↑' if row[c] > 0 else '↓'} {_feature_label(c, lang)}" for c in top if row[c] != 0
        ]
        summaries.append(", ".join(parts))
    out["summary"] = summaries
    return out


def _feature_label(column: str, lang: str) -> str:
    key = f"persona.feature.{column}"
    return t(key, lang) if key in LABELS else column


def stage_reach(
    tables: Any,
    *,
    by: str | pd.Series = "persona",
    stage_model: str | StageModel = "cvj",
) -> pd.DataFrame:
    """How far each group of users gets: the share of a group's users who reached each stage.

    ``by`` is a column of ``tables.users`` (default ``"persona"``) or a Series indexed by
    ``user_id`` (for example the result of :func:`segment_users`). A user reached a stage of
    ``stage_model`` when their furthest event (``events.stage``, a Customer Value Journey step) is
    at that stage or later — the definition of :func:`journeykit.funnels.stage_funnel`. Users
    without events count as reaching nothing.

    Returns one row per group (index named ``group``, sorted) and one column per stage key in
    journey order; values are shares 0-1 of the group's users.
    """
    from journeykit.funnels import stage_reached

    users = _table(tables, "users")
    events = _table(tables, "events")
    model = get_model(stage_model)
    if isinstance(by, str):
        if by not in users.columns:
            raise ParameterError(f"by: users has no column {by!r}; has {', '.join(users.columns)}")
        groups = users.set_index("user_id")[by]
    elif isinstance(by, pd.Series):
        groups = by.reindex(pd.Index(users["user_id"]))
        if groups.isna().any():
            raise ParameterError("by: expected a group for every users.user_id")
    else:
        raise ParameterError(f"by: expected a column name or a Series, got {type(by).__name__}")
    furthest = stage_reached(events, model).reindex(groups.index).to_numpy(dtype="float64")
    reached = furthest[:, None] >= np.arange(len(model))[None, :]  # NaN (no events) -> False
    out = pd.DataFrame(reached, index=groups.index, columns=list(model.keys()))
    out = out.groupby(groups.rename("group").to_numpy()).mean().sort_index()
    out.index.name = "group"
    out.columns.name = "stage"
    return out
