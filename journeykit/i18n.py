"""One bilingual catalogue of every label a learner sees (English ``en``, Bahasa Indonesia ``id``).

Plots and widgets never hard-code text: they call :func:`t` with a key and the ``lang``
parameter. Terms follow the glossary in ``CONTRIBUTING.md`` (from the source articles).
Stage names are not here: they live with their stage model in :mod:`journeykit.stages`.

>>> t("channel.organic_search")
'Organic search'
>>> t("channel.organic_search", lang="id")
'Pencarian organik'
>>> t("axis.users", "id")
'Pengguna'
"""

from __future__ import annotations

from typing import Final

from journeykit.errors import ParameterError

__all__ = ["LANGS", "LABELS", "t", "check_lang", "label_map"]

LANGS: Final = ("en", "id")

# key -> (English, Bahasa Indonesia). Keep one section per topic; add to your topic's section.
LABELS: dict[str, tuple[str, str]] = {
    # --- general ---------------------------------------------------------------------------
    "lang.en": ("English", "Bahasa Inggris"),
    "lang.id": ("Bahasa Indonesia", "Bahasa Indonesia"),
    "customer_journey": ("Customer journey", "Perjalanan pelanggan (customer journey)"),
    "stage": ("Stage", "Tahap"),
    "stage_model": ("Stage model", "Model tahapan"),
    "axis.users": ("Users", "Pengguna"),
    "axis.share_pct": ("Share (%)", "Pangsa (%)"),
    "axis.days": ("Days", "Hari"),
    "axis.count": ("Count", "Jumlah"),
    # --- channels (touchpoint sources) -------------------------------------------------------
    "channel": ("Channel", "Saluran"),
    "channel.organic_search": ("Organic search", "Pencarian organik"),
    "channel.paid_search": ("Paid search", "Iklan pencarian berbayar"),
    "channel.social_ads": ("Social ads", "Iklan media sosial"),
    "channel.social_organic": ("Social (organic)", "Media sosial (organik)"),
    "channel.email": ("Email", "Email"),
    "channel.referral": ("Referral", "Rujukan (referral)"),
    "channel.affiliate": ("Affiliate", "Afiliasi"),
    "channel.direct": ("Direct", "Langsung"),
    "channel.whatsapp": ("WhatsApp", "WhatsApp"),
    "channel.store": ("Store", "Toko fisik"),
    # --- devices -------------------------------------------------------------------------------
    "device": ("Device", "Perangkat"),
    "device.mobile": ("Mobile", "Ponsel"),
    "device.desktop": ("Desktop", "Desktop"),
    "device.tablet": ("Tablet", "Tablet"),
    # --- event types ---------------------------------------------------------------------------
    "event_type": ("Event type", "Jenis peristiwa"),
    "event.impression": ("Impression", "Tayangan"),
    "event.click": ("Click", "Klik"),
    "event.visit": ("Visit", "Kunjungan"),
    "event.engage": ("Social engagement", "Keterlibatan media sosial"),
    "event.subscribe": ("Subscribe", "Berlangganan"),
    "event.purchase": ("Purchase", "Pembelian"),
    "event.onboard": ("First value (onboarding)", "Nilai pertama (onboarding)"),
    "event.review": ("Review", "Ulasan"),
    "event.invite": ("Invite", "Undangan"),
    # --- personas and journey maps (journeykit.personas, journeykit.maps) ---------------------
    # --- synthetic data (journeykit.synth, journeykit.schema) ---------------------------------
    # --- funnels, metrics, journey score (journeykit.funnels, .metrics, .score) ---------------
    # --- paths, assisted conversions, attribution (journeykit.paths, .attribution) ------------
    # --- offers, onboarding (journeykit.offers, .onboarding) -----------------------------------
    # --- referral loops, campaigns, follow-up messages -----------------------------------------
    # --- course runner index page, stage-model charts (journeykit.course, .plots.stages) --------
    "course.index_title": ("journeykit course", "Kursus journeykit"),
    "course.parameters": ("Parameters", "Parameter"),
    "course.section.lesson": ("Lessons", "Pelajaran"),
    "course.section.exercise": ("Exercises", "Latihan"),
    "course.section.solution": ("Solutions", "Solusi"),
    "course.status.ok": ("ran without error", "berjalan tanpa galat"),
    "course.status.failed": ("failed", "gagal"),
    # --- widgets ---------------------------------------------------------------------------------
}


def check_lang(lang: object) -> str:
    """Return ``lang`` if it is a supported language code, else raise :class:`ParameterError`.

    >>> check_lang("id")
    'id'
    """
    if lang not in LANGS:
        raise ParameterError(f"lang: expected one of {', '.join(map(repr, LANGS))}, got {lang!r}")
    return lang  # type: ignore[return-value]


def t(key: str, lang: str = "en") -> str:
    """Translate catalogue ``key`` into ``lang`` (``"en"`` or ``"id"``).

    An unknown key is an error (a missing label is a bug, never shown as a raw key).
    """
    check_lang(lang)
    try:
        en, id_ = LABELS[key]
    except KeyError:
        raise ParameterError(f"label key: no entry {key!r} in journeykit.i18n.LABELS") from None
    return en if lang == "en" else id_


def label_map(prefix: str, lang: str = "en") -> dict[str, str]:
    """All labels under ``prefix.`` as ``{suffix: text}``, e.g. every channel's display name.

    >>> label_map("device", "id")["mobile"]
    'Ponsel'
    """
    check_lang(lang)
    start = prefix + "."
    return {k[len(start) :]: t(k, lang) for k in LABELS if k.startswith(start)}
