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
