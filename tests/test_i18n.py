"""The bilingual label catalogue."""

from __future__ import annotations

import ast
import pathlib
import re

import pytest

from journeykit.errors import ParameterError
from journeykit.i18n import LABELS, LANGS, check_lang, label_map, t
from journeykit.schema import CHANNELS, DEVICES, EVENT_TYPES

PACKAGE = pathlib.Path(__file__).resolve().parents[1] / "journeykit"


def test_every_label_has_both_languages():
    for key, pair in LABELS.items():
        assert len(pair) == len(LANGS), key
        assert all(isinstance(text, str) and text.strip() for text in pair), key


def test_channels_devices_and_event_types_all_have_labels():
    assert set(CHANNELS) <= set(label_map("channel"))  # plus GA4 groups (test_import_ga4)
    assert set(label_map("device")) == set(DEVICES)
    assert set(EVENT_TYPES) <= set(label_map("event"))
    # GA4's recommended events that the default stage mapping places have labels too
    from journeykit.stages import GA4_EVENT_STAGES

    ga4 = {"page_view", "view_item", "add_to_cart", "begin_checkout", "sign_up", "purchase"}
    assert ga4 <= set(label_map("event")) and ga4 <= set(GA4_EVENT_STAGES)


def test_unknown_data_values_are_shown_as_themselves_or_through_a_users_map():
    from journeykit.i18n import label_for

    assert label_for("event", "page_view", "id") == "Tampilan halaman"
    assert label_for("event", "$pageview", "id") == "$pageview"
    assert (
        label_for("channel", "google / cpc", "en", {"google / cpc": "Google Ads"}) == "Google Ads"
    )
    assert label_for("device", 3, "en") == "3"


def test_glossary_terms_from_the_articles():
    assert t("channel.referral", "id").startswith("Rujukan")
    assert t("stage", "id") == "Tahap"


def test_unknown_key_and_language_are_errors():
    with pytest.raises(ParameterError, match="label key"):
        t("no.such.key")
    with pytest.raises(ParameterError, match="lang"):
        check_lang("fr")
    with pytest.raises(ParameterError, match="lang"):
        t("stage", "EN")


def _literal_t_keys():
    """Every t("literal", ...) call in the package."""
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "t"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                yield path.relative_to(PACKAGE.parent), node.args[0].value


def test_every_literal_label_key_used_in_the_package_exists():
    missing = [(str(p), k) for p, k in _literal_t_keys() if k not in LABELS]
    assert missing == []


def test_keys_are_dotted_lower_case():
    bad = [k for k in LABELS if not re.fullmatch(r"[a-z0-9_]+(\.[a-z0-9_]+)*", k)]
    assert bad == []


# One English term, one Indonesian rendering (CONTRIBUTING.md's glossary and the catalogue's
# own choices): English pattern (word start, case-insensitive) -> the Indonesian every label
# containing it must use. Code is not words of the label: placeholders such as {channel},
# quoted keys ('advocate') and calls (JourneyMap.load(path)).
GLOSSARY: dict[str, str] = {
    r"stage model": "model tahapan",
    r"stages?\b": "tahap",
    r"touchpoint": "titik kontak",
    r"channels?\b": "saluran",
    r"paths?\b": "jalur",
    r"conversions?\b": "konversi",
    r"conversion rate": "tingkat konversi",
    r"assisted conversion": "konversi terbantu",
    r"journey map": "peta perjalanan",
    r"opportunit": "peluang",
    r"campaign": "kampanye",
    r"call to action": "ajakan bertindak",
    r"traffic source": "sumber pengunjung",
    r"last[- ]click": "klik terakhir",
    r"advocate": "advokat",
    r"promoters?\b(?! score)": "promotor",
    r"first[- ]touch": "sentuhan pertama",
    r"last[- ]touch": "sentuhan terakhir",
    r"share of\b": "porsi",
    r"share between": "porsi antara",
    r"removal effect": "efek penghapusan",
    r"time to first value": "waktu sampai nilai pertama",
    r"repeat[- ]purchase": "pembelian ulang",
    r"retention": "retensi",
    r"acquisition cost": "biaya akuisisi",
    r"cohort": "kohort",
    r"impression": "tayangan",
    r"clicks?\b": "klik",
    r"visits?\b": "kunjungan",
    r"viral coefficient": "koefisien viral",
    r"emotion": "emosi",
    r"devices?\b": "perangkat",
}


def _glossary_breaks(labels):
    """(term, key, English, Indonesian) for every label that renders a glossary term otherwise."""
    out = []
    for pattern, rendering in GLOSSARY.items():
        for key, (en, id_) in labels.items():
            words = re.sub(r"\{[^}]*\}|'[^']*'|`[^`]*`|\b[\w.]+\([^)]*\)", "", en)
            if re.search(r"\b" + pattern, words, re.IGNORECASE) and rendering not in id_.lower():
                out.append((pattern, key, en, id_))
    return out


def test_each_english_term_has_one_indonesian_rendering():
    breaks = _glossary_breaks(LABELS)
    assert not breaks, "\n".join(f"{p!r} in {k}: {en!r} -> {i!r}" for p, k, en, i in breaks)


def test_the_glossary_test_finds_a_second_rendering():
    """The test above can fail: a label with another word for 'first touch' is caught."""
    sample = {
        "a": ("Days from first touch to purchase", "Hari dari kontak pertama hingga pembelian"),
        "b": ("First touch", "Sentuhan pertama"),
        "c": ("credit of {channel}", "kredit {channel}"),  # a placeholder is not a word
    }
    assert [(k, p) for p, k, _, _ in _glossary_breaks(sample)] == [("a", r"first[- ]touch")]
