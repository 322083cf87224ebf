"""Stage models: content from the articles, validation, and mapping between models."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from journeykit.errors import ValidationError
from journeykit.stages import (
    CVJ_STEPS,
    MODELS,
    cvj_to_model,
    define_model,
    get_model,
    map_stage,
    mapping,
    mapping_table,
)


def test_builtin_models_have_the_articles_stages():
    assert get_model("five").labels() == (
        "Awareness",
        "Consideration",
        "Decision / Purchase",
        "Retention",
        "Advocacy",
    )
    assert get_model("map").labels("id") == (
        "Kesadaran",
        "Pertimbangan",
        "Keputusan",
        "Pengalaman",
        "Loyalitas",
    )
    assert get_model("cvj").keys() == CVJ_STEPS
    assert len(get_model("cvj")) == 8


def test_every_stage_has_bilingual_labels_descriptions_and_metrics():
    for model in MODELS.values():
        for stage in model:
            assert stage.label("en") and stage.label("id")
            assert stage.description("en") and stage.description("id")
            assert stage.metrics, (model.key, stage.key)
    for step in get_model("cvj"):
        assert step.disciplines, step.key  # article 004 names the disciplines of each step


def test_article_001_metrics_per_stage():
    five = get_model("five")
    assert {"visits", "subscriptions", "social_engagement", "seo_rank"} <= set(
        five.stage("awareness").metrics
    )
    assert {"click_through_rate", "cost_per_click"} <= set(five.stage("consideration").metrics)
    assert {"sales", "conversion_rate", "leads", "cost_per_conversion"} <= set(
        five.stage("purchase").metrics
    )
    assert {"csat", "loyalty"} <= set(five.stage("retention").metrics)
    assert {"reviews", "referrals"} <= set(five.stage("advocacy").metrics)


@pytest.mark.parametrize("source", list(MODELS))
@pytest.mark.parametrize("target", list(MODELS))
def test_mapping_covers_every_stage(source, target):
    m = mapping(source, target)
    assert set(m) == set(get_model(source).keys())
    assert all(len(v) >= 1 for v in m.values())
    # every target stage is reached by some source stage
    assert {t for v in m.values() for t in v} == set(get_model(target).keys())


def test_mapping_by_hand():
    # 8 steps onto 5 stages, worked out from articles 001 and 004
    assert mapping("cvj", "five") == {
        "aware": ("awareness",),
        "engage": ("consideration",),
        "subscribe": ("consideration",),
        "convert": ("purchase",),
        "excite": ("retention",),
        "ascend": ("retention",),
        "advocate": ("advocacy",),
        "promote": ("advocacy",),
    }
    assert mapping("five", "map")["purchase"] == ("decision",)
    assert map_stage("excite", "cvj", "map") == ("experience",)
    assert cvj_to_model("map")["promote"] == "loyalty"


def test_mapping_preserves_order():
    # a later source stage never maps to an earlier target stage than an earlier source stage
    for s in MODELS:
        for t in MODELS:
            tgt = get_model(t)
            firsts = [tgt.index(v[0]) for v in mapping(s, t).values()]
            assert firsts == sorted(firsts)


def test_mapping_table_in_indonesian():
    table = mapping_table("cvj", "five", lang="id")
    assert list(table.columns) == ["source_key", "source_label", "target_key", "target_label"]
    assert len(table) == 8
    assert table.loc[table.source_key == "advocate", "target_label"].item() == "Advokasi"


def test_unknown_stage_and_model_name_the_field():
    with pytest.raises(ValidationError, match=r"^stage: expected one of 'awareness'.*'hype'"):
        get_model("five").stage("hype")
    with pytest.raises(ValidationError, match="stage_model"):
        get_model("seven")
    with pytest.raises(ValidationError, match="stage"):
        map_stage("hype", "five", "cvj")


@pytest.mark.parametrize(
    ("stages", "field"),
    [
        ([], "model.stages"),
        ([{"key": "A", "label_en": "a", "label_id": "a"}], r"model.stages\[0\].key"),
        (
            [
                {"key": "a", "label_en": "a", "label_id": "a"},
                {"key": "a", "label_en": "b", "label_id": "b"},
            ],
            r"model.stages\[1\].key",
        ),
        ([{"key": "a", "label_en": " ", "label_id": "a"}], r"model.stages\[0\].label_en"),
        ([{"key": "a", "label_en": "a"}], r"model.stages\[0\]"),
        ([{"key": "a", "label_en": "a", "label_id": "a", "colour": "red"}], r"model.stages\[0\]"),
        ([{"key": "a", "label_en": "a", "label_id": "a", "cvj_steps": ["buy"]}], "cvj_steps"),
        (
            [
                {"key": "a", "label_en": "a", "label_id": "a", "cvj_steps": ["convert"]},
                {"key": "b", "label_en": "b", "label_id": "b", "cvj_steps": ["aware"]},
            ],
            r"model.stages\[1\].cvj_steps",
        ),
    ],
)
def test_define_model_rejects_bad_input(stages, field):
    with pytest.raises(ValidationError, match=field):
        define_model("mine", stages)


@given(st.lists(st.integers(min_value=1, max_value=7), min_size=0, max_size=7, unique=True))
def test_any_contiguous_partition_of_cvj_maps_onto_five(cuts):
    """A custom model that splits the 8 steps anywhere maps each stage onto >= 1 five-stage stage."""
    bounds = [0, *sorted(cuts), 8]
    stages = [
        {
            "key": f"s{i}",
            "label_en": f"S{i}",
            "label_id": f"T{i}",
            "cvj_steps": list(CVJ_STEPS[a:b]),
        }
        for i, (a, b) in enumerate(zip(bounds, bounds[1:], strict=False))
    ]
    model = define_model("custom", stages)
    m = mapping(model, "five")
    assert len(m) == len(stages)
    assert all(m.values())
    back = mapping("five", model)
    assert {t for v in back.values() for t in v} == set(model.keys())


def test_to_dict_round_trip():
    model = get_model("cvj")
    again = define_model(**model.to_dict())
    assert again == model
