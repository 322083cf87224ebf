"""Stage models as data: the 5-stage model, the journey-map variant and the 8-step Customer Value Journey.

A :class:`StageModel` is an ordered tuple of :class:`Stage` objects. Each stage carries its key,
English and Bahasa Indonesia labels, a one-line description in both languages, the keys of the
metrics that measure it (article 001; definitions in :mod:`journeykit.metrics`), the marketing
disciplines behind it (article 004, for the 8 steps) and the Customer Value Journey steps it
covers. The 8-step Customer Value Journey (``"cvj"``) is the finest model: every other model says
which of its steps each stage covers, and that is how any model maps onto any other.

Built-in models, by key:

============  =================================================================================
``"five"``    Awareness, Consideration, Decision / Purchase, Retention, Advocacy (article 001)
``"map"``     Awareness, Consideration, Decision, Experience, Loyalty (journey map, article 002)
``"cvj"``     Aware, Engage, Subscribe, Convert, Excite, Ascend, Advocate, Promote (article 004)
============  =================================================================================

>>> model = get_model("five")
>>> model.keys()
('awareness', 'consideration', 'purchase', 'retention', 'advocacy')
>>> model.labels("id")
('Kesadaran', 'Pertimbangan', 'Keputusan / Pembelian', 'Retensi', 'Advokasi')
>>> mapping("cvj", "five")["subscribe"]
('consideration',)
>>> mapping("five", "cvj")["retention"]
('excite', 'ascend')
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from journeykit.errors import ValidationError
from journeykit.i18n import check_lang

__all__ = [
    "Stage",
    "StageModel",
    "CVJ_STEPS",
    "FIVE_STAGE",
    "MAP_STAGES",
    "CUSTOMER_VALUE_JOURNEY",
    "MODELS",
    "get_model",
    "define_model",
    "mapping",
    "map_stage",
    "cvj_to_model",
    "mapping_table",
    "SYNTH_EVENT_STAGES",
    "GA4_EVENT_STAGES",
    "DEFAULT_EVENT_STAGES",
    "check_event_stages",
    "event_stages",
]

_KEY = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class Stage:
    """One stage of a stage model.

    ``metrics`` are keys of :data:`journeykit.metrics.METRICS`-style metric names (``visits``,
    ``click_through_rate`` ...); ``disciplines`` are the marketing disciplines that move people
    into the stage (article 004); ``cvj_steps`` are the Customer Value Journey steps it covers.
    """

    key: str
    label_en: str
    label_id: str
    description_en: str = ""
    description_id: str = ""
    metrics: tuple[str, ...] = ()
    disciplines: tuple[str, ...] = ()
    cvj_steps: tuple[str, ...] = ()

    def label(self, lang: str = "en") -> str:
        """The stage's name in ``lang``."""
        return self.label_en if check_lang(lang) == "en" else self.label_id

    def description(self, lang: str = "en") -> str:
        """The stage's one-line description in ``lang``."""
        return self.description_en if check_lang(lang) == "en" else self.description_id


@dataclass(frozen=True)
class StageModel:
    """An ordered, named sequence of stages (validated on creation: see :func:`define_model`)."""

    key: str
    name_en: str
    name_id: str
    stages: tuple[Stage, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        _validate_model(self)

    def __len__(self) -> int:
        return len(self.stages)

    def __iter__(self) -> Iterator[Stage]:
        return iter(self.stages)

    def __contains__(self, key: object) -> bool:
        return key in self.keys()

    def name(self, lang: str = "en") -> str:
        """The model's name in ``lang``."""
        return self.name_en if check_lang(lang) == "en" else self.name_id

    def keys(self) -> tuple[str, ...]:
        """Stage keys in journey order."""
        return tuple(s.key for s in self.stages)

    def labels(self, lang: str = "en") -> tuple[str, ...]:
        """Stage labels in journey order, in ``lang``."""
        return tuple(s.label(lang) for s in self.stages)

    def stage(self, key: str) -> Stage:
        """The stage with ``key``; an unknown key raises :class:`ValidationError` naming the choices."""
        for s in self.stages:
            if s.key == key:
                return s
        raise ValidationError(
            "stage", f"one of {', '.join(map(repr, self.keys()))} (model {self.key!r})", repr(key)
        )

    def index(self, key: str) -> int:
        """Position of stage ``key`` (0-based) in journey order."""
        return self.keys().index(self.stage(key).key)

    def to_frame(self, lang: str = "en") -> pd.DataFrame:
        """One row per stage: ``key``, ``label``, ``description``, ``metrics``, ``disciplines``, ``cvj_steps``."""
        return pd.DataFrame(
            {
                "key": list(self.keys()),
                "label": list(self.labels(lang)),
                "description": [s.description(lang) for s in self.stages],
                "metrics": [", ".join(s.metrics) for s in self.stages],
                "disciplines": [", ".join(s.disciplines) for s in self.stages],
                "cvj_steps": [", ".join(s.cvj_steps) for s in self.stages],
            }
        )

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict; :func:`define_model` (``**d``) reads it back."""
        return {
            "key": self.key,
            "name_en": self.name_en,
            "name_id": self.name_id,
            "stages": [
                {
                    "key": s.key,
                    "label_en": s.label_en,
                    "label_id": s.label_id,
                    "description_en": s.description_en,
                    "description_id": s.description_id,
                    "metrics": list(s.metrics),
                    "disciplines": list(s.disciplines),
                    "cvj_steps": list(s.cvj_steps),
                }
                for s in self.stages
            ],
        }


CVJ_STEPS: tuple[str, ...] = (
    "aware",
    "engage",
    "subscribe",
    "convert",
    "excite",
    "ascend",
    "advocate",
    "promote",
)


def _validate_model(model: StageModel) -> None:
    if not isinstance(model.key, str) or not _KEY.match(model.key):
        raise ValidationError("model.key", "lower-case letters, digits and '_'", repr(model.key))
    for attr in ("name_en", "name_id"):
        if not isinstance(getattr(model, attr), str) or not getattr(model, attr).strip():
            raise ValidationError(f"model.{attr}", "a non-empty string", repr(getattr(model, attr)))
    if len(model.stages) == 0:
        raise ValidationError("model.stages", "at least one stage", "an empty list")
    seen: set[str] = set()
    last_cvj = -1
    for i, s in enumerate(model.stages):
        where = f"model.stages[{i}]"
        if not isinstance(s, Stage):
            raise ValidationError(where, "a Stage", type(s).__name__)
        if not isinstance(s.key, str) or not _KEY.match(s.key):
            raise ValidationError(f"{where}.key", "lower-case letters, digits and '_'", repr(s.key))
        if s.key in seen:
            raise ValidationError(f"{where}.key", "a key not used by an earlier stage", repr(s.key))
        seen.add(s.key)
        for attr in ("label_en", "label_id"):
            value = getattr(s, attr)
            if not isinstance(value, str) or not value.strip():
                raise ValidationError(f"{where}.{attr}", "a non-empty string", repr(value))
        for step in s.cvj_steps:
            if step not in CVJ_STEPS:
                raise ValidationError(
                    f"{where}.cvj_steps", f"steps of {', '.join(CVJ_STEPS)}", repr(step)
                )
            pos = CVJ_STEPS.index(step)
            if pos <= last_cvj:
                raise ValidationError(
                    f"{where}.cvj_steps",
                    "Customer Value Journey steps in journey order, each used by one stage",
                    repr(step),
                )
            last_cvj = pos


def _stage(key, en, id_, d_en, d_id, metrics, cvj, disciplines=()) -> Stage:  # noqa: ANN001
    return Stage(key, en, id_, d_en, d_id, tuple(metrics), tuple(disciplines), tuple(cvj))


FIVE_STAGE = StageModel(
    "five",
    "Five-stage customer journey",
    "Lima tahap perjalanan pelanggan",
    (
        _stage(
            "awareness",
            "Awareness",
            "Kesadaran",
            "A need appears and the customer searches, reads and watches until they learn your brand exists.",
            "Muncul kebutuhan; pelanggan mencari, membaca dan menonton hingga tahu merek Anda ada.",
            ("seo_rank", "visits", "subscriptions", "social_engagement"),
            ("aware",),
        ),
        _stage(
            "consideration",
            "Consideration",
            "Pertimbangan",
            "The customer compares your offer with competitors' and asks questions.",
            "Pelanggan membandingkan penawaran Anda dengan pesaing dan mengajukan pertanyaan.",
            ("click_through_rate", "cost_per_click", "engagement"),
            ("engage", "subscribe"),
        ),
        _stage(
            "purchase",
            "Decision / Purchase",
            "Keputusan / Pembelian",
            "The customer chooses you and buys; a smooth sale starts the relationship.",
            "Pelanggan memilih Anda dan membeli; penjualan yang lancar memulai hubungan.",
            ("sales", "conversion_rate", "leads", "cost_per_conversion"),
            ("convert",),
        ),
        _stage(
            "retention",
            "Retention",
            "Retensi",
            "After the sale you keep the customer: thank-you messages, credits, personal recommendations.",
            "Setelah penjualan Anda mempertahankan pelanggan: ucapan terima kasih, poin, rekomendasi personal.",
            ("repeat_purchase_rate", "loyalty", "csat", "feedback"),
            ("excite", "ascend"),
        ),
        _stage(
            "advocacy",
            "Advocacy",
            "Advokasi",
            "A delighted customer recommends you to friends and family: word of mouth.",
            "Pelanggan yang puas merekomendasikan Anda kepada teman dan keluarga: dari mulut ke mulut.",
            ("reviews", "referrals"),
            ("advocate", "promote"),
        ),
    ),
)

MAP_STAGES = StageModel(
    "map",
    "Journey-map stages",
    "Tahapan peta perjalanan pelanggan",
    (
        _stage(
            "awareness",
            "Awareness",
            "Kesadaran",
            "The customer becomes aware that your product or service exists.",
            "Pelanggan menyadari keberadaan produk atau layanan Anda.",
            ("visits", "social_engagement"),
            ("aware",),
        ),
        _stage(
            "consideration",
            "Consideration",
            "Pertimbangan",
            "The customer looks for information and compares options.",
            "Pelanggan mencari informasi dan membandingkan pilihan.",
            ("click_through_rate", "engagement", "subscriptions"),
            ("engage", "subscribe"),
        ),
        _stage(
            "decision",
            "Decision",
            "Keputusan",
            "The customer chooses to buy or use your service.",
            "Pelanggan memutuskan untuk membeli atau memakai layanan Anda.",
            ("sales", "conversion_rate", "cost_per_conversion"),
            ("convert",),
        ),
        _stage(
            "experience",
            "Experience",
            "Pengalaman",
            "The customer uses the product or service directly.",
            "Pelanggan berinteraksi langsung dengan produk atau layanan Anda.",
            ("csat", "time_to_first_value", "repeat_purchase_rate"),
            ("excite", "ascend"),
        ),
        _stage(
            "loyalty",
            "Loyalty",
            "Loyalitas",
            "The customer stays loyal and may recommend your business.",
            "Pelanggan menjadi setia dan mungkin merekomendasikan bisnis Anda.",
            ("nps", "reviews", "referrals"),
            ("advocate", "promote"),
        ),
    ),
)

CUSTOMER_VALUE_JOURNEY = StageModel(
    "cvj",
    "Customer Value Journey (8 steps)",
    "Customer Value Journey (8 langkah)",
    (
        _stage(
            "aware",
            "Aware",
            "Aware (Kesadaran)",
            "People learn that you exist: an ad, a search result, a friend's video.",
            "Orang mulai tahu bahwa Anda ada: iklan, hasil pencarian, video teman.",
            ("impressions", "visits", "seo_rank"),
            ("aware",),
            (
                "Digital Advertising",
                "Search Marketing",
                "Content Marketing",
                "Social Media Marketing",
                "Community Management",
                "Copywriting",
            ),
        ),
        _stage(
            "engage",
            "Engage",
            "Engage (Keterlibatan)",
            "You start a conversation with content that entertains or informs.",
            "Anda mulai berbicara dengan prospek lewat konten yang menghibur atau memberi informasi.",
            ("click_through_rate", "social_engagement", "cost_per_click"),
            ("engage",),
            (
                "Content Marketing",
                "Social Media Marketing",
                "Email Marketing",
                "Community Management",
            ),
        ),
        _stage(
            "subscribe",
            "Subscribe",
            "Subscribe (Berlangganan)",
            "The prospect gives contact details in exchange for something valuable.",
            "Prospek memberikan kontaknya sebagai ganti sesuatu yang berharga.",
            ("subscriptions", "leads"),
            ("subscribe",),
            (
                "Content Marketing",
                "Email Marketing",
                "Digital Advertising",
                "Community Management",
                "Conversion Rate Optimization",
                "Copywriting",
            ),
        ),
        _stage(
            "convert",
            "Convert",
            "Convert (Konversi)",
            "A low-priced entry-point offer turns the subscriber into a buyer; profit comes later.",
            "Penawaran entry-point yang murah mengubah pelanggan menjadi pembeli; laba datang kemudian.",
            ("sales", "conversion_rate", "cost_per_conversion"),
            ("convert",),
            (
                "Digital Advertising",
                "Content Marketing",
                "Email Marketing",
                "Copywriting",
                "Search Marketing",
            ),
        ),
        _stage(
            "excite",
            "Excite",
            "Excite (Antusias)",
            "The new customer gets real value from the first purchase, quickly (onboarding).",
            "Pelanggan baru cepat mendapat nilai nyata dari pembelian pertama (onboarding).",
            ("time_to_first_value", "csat"),
            ("excite",),
            ("Email Marketing", "Content Marketing", "Copywriting"),
        ),
        _stage(
            "ascend",
            "Ascend",
            "Ascend (Naik kelas)",
            "Satisfied customers buy more, and more often: upsells, bundles, subscriptions.",
            "Pelanggan yang puas membeli lebih banyak dan lebih sering: upsell, bundel, langganan.",
            ("ascension_rate", "repeat_purchase_rate", "average_order_value"),
            ("ascend",),
            ("Email Marketing", "Copywriting", "Digital Advertising", "Content Marketing"),
        ),
        _stage(
            "advocate",
            "Advocate",
            "Advocate (Advokasi)",
            "Loyal customers speak well of you when asked: reviews, testimonials, high NPS.",
            "Pelanggan setia memuji Anda ketika ditanya: ulasan, testimoni, NPS tinggi.",
            ("reviews", "nps"),
            ("advocate",),
            ("Social Media Marketing", "Email Marketing", "Search Engine Marketing"),
        ),
        _stage(
            "promote",
            "Promote",
            "Promote (Promosi)",
            "Promoters actively bring new customers: referral and affiliate programs.",
            "Promotor aktif membawa pelanggan baru: program rujukan dan afiliasi.",
            ("referrals", "viral_coefficient"),
            ("promote",),
            ("Email Marketing", "Copywriting"),
        ),
    ),
)

MODELS: dict[str, StageModel] = {m.key: m for m in (FIVE_STAGE, MAP_STAGES, CUSTOMER_VALUE_JOURNEY)}


def get_model(model: str | StageModel) -> StageModel:
    """A built-in model by key (``"five"``, ``"map"``, ``"cvj"``), or ``model`` itself if already one.

    >>> get_model("cvj").labels()[:3]
    ('Aware', 'Engage', 'Subscribe')
    """
    if isinstance(model, StageModel):
        return model
    try:
        return MODELS[model]
    except (KeyError, TypeError):
        raise ValidationError(
            "stage_model", f"one of {', '.join(map(repr, MODELS))} or a StageModel", repr(model)
        ) from None


def define_model(
    key: str,
    stages: Iterable[Stage | Mapping[str, Any]],
    *,
    name_en: str | None = None,
    name_id: str | None = None,
) -> StageModel:
    """Define your own stage model; each stage is a :class:`Stage` or a dict of its fields.

    Validation: at least one stage; keys unique, lower-case ``[a-z][a-z0-9_]*``; labels in both
    languages non-empty; ``cvj_steps`` (optional) are Customer Value Journey steps in order, each
    used by at most one stage. Stages that list ``cvj_steps`` can be mapped to the built-in models.

    >>> m = define_model("coffee", [
    ...     {"key": "discover", "label_en": "Discover", "label_id": "Menemukan", "cvj_steps": ["aware", "engage"]},
    ...     {"key": "buy", "label_en": "Buy", "label_id": "Membeli", "cvj_steps": ["subscribe", "convert"]},
    ... ])
    >>> mapping(m, "five")
    {'discover': ('awareness', 'consideration'), 'buy': ('consideration', 'purchase')}
    >>> define_model("bad", [])
    Traceback (most recent call last):
    ...
    journeykit.errors.ValidationError: model.stages: expected at least one stage, got an empty list
    """
    built: list[Stage] = []
    for i, s in enumerate(stages):
        if isinstance(s, Stage):
            built.append(s)
            continue
        if not isinstance(s, Mapping):
            raise ValidationError(f"model.stages[{i}]", "a Stage or a dict", type(s).__name__)
        unknown = set(s) - set(Stage.__dataclass_fields__)
        if unknown:
            raise ValidationError(
                f"model.stages[{i}]",
                f"fields among {', '.join(Stage.__dataclass_fields__)}",
                ", ".join(sorted(unknown)),
            )
        missing = {"key", "label_en", "label_id"} - set(s)
        if missing:
            raise ValidationError(
                f"model.stages[{i}]",
                "fields key, label_en, label_id",
                f"no {', '.join(sorted(missing))}",
            )
        data = dict(s)
        for tup in ("metrics", "disciplines", "cvj_steps"):
            if tup in data:
                if isinstance(data[tup], str):
                    raise ValidationError(
                        f"model.stages[{i}].{tup}", "a list of strings", repr(data[tup])
                    )
                data[tup] = tuple(data[tup])
        built.append(Stage(**data))
    return StageModel(key, name_en or key, name_id or name_en or key, tuple(built))


def mapping(source: str | StageModel, target: str | StageModel) -> dict[str, tuple[str, ...]]:
    """For each stage of ``source``, the ``target`` stages it overlaps (via Customer Value Journey steps).

    Every source stage with ``cvj_steps`` maps to at least one target stage when the target covers
    the whole journey (all built-in models do).

    >>> mapping("map", "five")["experience"]
    ('retention',)
    """
    src, tgt = get_model(source), get_model(target)
    out: dict[str, tuple[str, ...]] = {}
    for s in src.stages:
        steps = set(s.cvj_steps)
        out[s.key] = tuple(t.key for t in tgt.stages if steps & set(t.cvj_steps))
    return out


def map_stage(key: str, source: str | StageModel, target: str | StageModel) -> tuple[str, ...]:
    """The ``target`` stages that stage ``key`` of ``source`` maps onto.

    >>> map_stage("promote", "cvj", "map")
    ('loyalty',)
    """
    src = get_model(source)
    src.stage(key)  # raises on an unknown stage
    return mapping(src, target)[key]


def cvj_to_model(model: str | StageModel) -> dict[str, str]:
    """For each Customer Value Journey step, the key of the ``model`` stage that covers it.

    Steps a custom model does not cover are left out. Used to put CVJ-labelled events into any model.

    >>> cvj_to_model("five")["ascend"]
    'retention'
    """
    m = get_model(model)
    return {step: s.key for s in m.stages for step in s.cvj_steps}


def mapping_table(
    source: str | StageModel = "cvj", target: str | StageModel = "five", lang: str = "en"
) -> pd.DataFrame:
    """The mapping as a table: one row per (source stage, target stage) pair, with labels in ``lang``."""
    src, tgt = get_model(source), get_model(target)
    rows = [
        {
            "source_key": s,
            "source_label": src.stage(s).label(lang),
            "target_key": t,
            "target_label": tgt.stage(t).label(lang),
        }
        for s, targets in mapping(src, tgt).items()
        for t in targets
    ]
    return pd.DataFrame(rows, columns=["source_key", "source_label", "target_key", "target_label"])


# --- event names -> Customer Value Journey steps (for data without a ``stage`` column) ----------

SYNTH_EVENT_STAGES: dict[str, str | None] = {
    "impression": "aware",
    "click": "engage",
    "visit": "aware",
    "engage": "engage",
    "subscribe": "subscribe",
    "purchase": "convert",
    "onboard": "excite",
    "review": "advocate",
    "invite": "promote",
}
"""The synthetic data's event types, each at its earliest Customer Value Journey step."""

GA4_EVENT_STAGES: dict[str, str | None] = {
    # aware: the first contacts
    "first_visit": "aware",
    "session_start": "aware",
    "page_view": "aware",
    "screen_view": "aware",
    "view_promotion": "aware",
    # engage: looking closer, choosing
    "user_engagement": "engage",
    "scroll": "engage",
    "search": "engage",
    "view_search_results": "engage",
    "view_item_list": "engage",
    "select_item": "engage",
    "select_promotion": "engage",
    "select_content": "engage",
    "view_item": "engage",
    "add_to_wishlist": "engage",
    "add_to_cart": "engage",
    "remove_from_cart": "engage",
    "view_cart": "engage",
    "begin_checkout": "engage",
    "add_shipping_info": "engage",
    "add_payment_info": "engage",
    # subscribe: contact details given
    "sign_up": "subscribe",
    "generate_lead": "subscribe",
    "login": "subscribe",
    "join_group": "subscribe",
    # convert: the purchase
    "purchase": "convert",
    "in_app_purchase": "convert",
    # excite: first value
    "tutorial_begin": "excite",
    "tutorial_complete": "excite",
    # promote: passing it on
    "share": "promote",
    # no step: a refund is not progress on the journey
    "refund": None,
}
"""GA4's recommended events (ecommerce, lead generation, all properties) on Customer Value
Journey steps. ``refund`` reaches no step. A first purchase is *convert*; with a mapping alone a
repeat purchase cannot be told apart (the synthetic data's ``stage`` column marks it *ascend*)."""

DEFAULT_EVENT_STAGES: dict[str, str | None] = {**SYNTH_EVENT_STAGES, **GA4_EVENT_STAGES}
"""What :func:`event_stages` uses when no mapping is given: the synthetic and the GA4 names."""


def check_event_stages(mapping: object) -> dict[str, str | None]:
    """The default mapping updated with ``mapping`` (``{event name: CVJ step or None}``), checked.

    >>> check_event_stages({"sign up": "subscribe"})["sign up"]
    'subscribe'
    >>> check_event_stages({"buy": "checkout"})
    Traceback (most recent call last):
    ...
    journeykit.errors.ValidationError: stage_map['buy']: expected a Customer Value Journey step (aware, engage, subscribe, convert, excite, ascend, advocate, promote) or None, got 'checkout'
    """
    if mapping is None:
        return dict(DEFAULT_EVENT_STAGES)
    if not isinstance(mapping, Mapping):
        raise ValidationError(
            "stage_map",
            "a dict of event name -> Customer Value Journey step",
            type(mapping).__name__,
        )
    for name, step in mapping.items():
        if step is not None and step not in CVJ_STEPS:
            raise ValidationError(
                f"stage_map[{name!r}]",
                f"a Customer Value Journey step ({', '.join(CVJ_STEPS)}) or None",
                repr(step),
            )
    return {**DEFAULT_EVENT_STAGES, **{str(k): v for k, v in mapping.items()}}


def event_stages(
    event_types: pd.Series, mapping: Mapping[str, str | None] | None = None
) -> pd.Series:
    """The Customer Value Journey step each event name shows (missing when the mapping has none).

    ``mapping`` extends and overrides :data:`DEFAULT_EVENT_STAGES` (GA4's recommended events and
    the synthetic data's names); an event it does not name gets no step.

    >>> names = pd.Series(["page_view", "add_to_cart", "sign up", "purchase", "refund"])
    >>> event_stages(names, {"sign up": "subscribe"}).tolist()
    ['aware', 'engage', 'subscribe', 'convert', <NA>]
    """
    table = {k: v for k, v in check_event_stages(mapping).items() if v is not None}
    return event_types.astype("string").map(table).astype("string")
