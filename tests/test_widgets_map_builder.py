"""MapBuilder driven through its public controls: the map (a JourneyMap), its drawing, undo and files."""

from __future__ import annotations

import json

import numpy as np
import pytest

from journeykit.maps import JourneyMap, example
from journeykit.widgets import MapBuilder


@pytest.fixture
def builder(tmp_path, monkeypatch) -> MapBuilder:
    monkeypatch.chdir(tmp_path)
    return MapBuilder("coffee")


def _curve(b: MapBuilder) -> list[float]:
    """The emotion scores the drawn curve shows, read back through the band's 0 and +1 lines."""
    ax = b.figure.axes[0]
    (line,) = [ln for ln in ax.lines if ln.get_gid() == "emotion-curve"]
    levels = [
        ln for ln in ax.lines if len(ln.get_xdata()) == 2 and ln.get_ydata()[0] == ln.get_ydata()[1]
    ]
    y = {
        lvl: float(ln.get_ydata()[0]) for lvl, ln in zip((-2, -1, 0, 1, 2), levels[:5], strict=True)
    }
    unit = y[1] - y[0]
    return [round((v - y[0]) / unit, 6) for v in np.asarray(line.get_ydata(), dtype=float)]


def _headers(b: MapBuilder) -> list[str]:
    ax = b.figure.axes[0]
    return [x.get_text() for x in ax.texts if x.get_gid() == "stage-header"]


def test_starts_from_the_article_example_or_an_empty_map():
    assert MapBuilder("coffee").map == example("coffee")
    empty = MapBuilder(stage_model="five", persona="student", lang="id")
    assert empty.map.stage_keys() == (
        "awareness",
        "consideration",
        "purchase",
        "retention",
        "advocacy",
    )
    assert empty.map.persona == "student"
    assert _curve(empty) == [0.0] * 5
    assert _headers(empty)[0] == "Kesadaran"


def test_typing_in_a_lane_updates_the_map_and_the_drawing_escaped(builder):
    builder.stage.value = "experience"
    builder.lanes["actions"].value = "Scans the <QR> menu\n\n  Pays by QRIS  "
    assert builder.map.stage("experience").actions == ("Scans the <QR> menu", "Pays by QRIS")
    assert "Scans the &lt;QR&gt; menu" in builder.plot.value
    assert "<QR>" not in builder.plot.value
    assert "Scans the <QR> menu" in builder.map_text()
    # the other stages are untouched
    assert builder.map.stage("decision") == example("coffee").stage("decision")


def test_emotion_slider_moves_the_emotion_curve(builder):
    before = _curve(builder)
    builder.stage.value = "decision"
    builder.emotion.value = -2.0
    after = _curve(builder)
    i = builder.map.stage_keys().index("decision")
    assert after[i] == -2.0
    assert [a for k, a in enumerate(after) if k != i] == [b for k, b in enumerate(before) if k != i]
    assert float(builder.map.emotions()["decision"]) == -2.0


def test_choosing_a_stage_shows_its_lanes(builder):
    builder.stage.value = "decision"
    coffee = example("coffee").stage("decision")
    assert builder.lanes["pain_points"].value == "\n".join(coffee.pain_points)
    assert builder.emotion.value == coffee.emotion


def test_invalid_title_shows_a_message_and_keeps_the_map(builder):
    good_map, good_svg = builder.map, builder.plot.value
    builder.title.value = "   "
    assert "title" in builder.error
    assert "jk-error" in builder.status.value
    assert builder.map == good_map and builder.plot.value == good_svg
    builder.title.value = "Buying coffee online"
    assert builder.error == "" and builder.map.title == "Buying coffee online"


def test_undo_takes_back_a_whole_burst_of_typing_then_earlier_changes(builder):
    original = builder.map
    builder.stage.value = "decision"
    builder.emotion.value = 1.0
    after_emotion = builder.map
    for text in ("S", "Sl", "Slow", "Slow checkout"):  # typing letter by letter
        builder.lanes["pain_points"].value = text
    assert builder.map.stage("decision").pain_points == ("Slow checkout",)
    assert builder.undo()
    assert builder.map == after_emotion
    assert builder.lanes["pain_points"].value == "\n".join(original.stage("decision").pain_points)
    assert builder.undo()
    assert builder.map == original and builder.emotion.value == original.stage("decision").emotion
    assert not builder.undo()  # nothing left: a message, no error
    assert builder.error == "" and "nothing to undo" in builder.status.value


def test_switching_stage_model_keeps_the_lanes_of_shared_stages(builder):
    builder.stage_model.value = "five"
    assert builder.map.stage_keys() == (
        "awareness",
        "consideration",
        "purchase",
        "retention",
        "advocacy",
    )
    assert builder.map.stage("awareness") == example("coffee").stage("awareness")
    assert builder.map.stage("purchase").actions == ()
    assert _headers(builder) == [
        "Awareness",
        "Consideration",
        "Decision / Purchase",
        "Retention",
        "Advocacy",
    ]
    assert [label for label, _ in builder.stage.options][2] == "Decision / Purchase"
    builder.undo()
    assert builder.map == example("coffee") and builder.stage_model.value == "map"


def test_add_remove_and_reorder_stages_of_a_custom_model(builder):
    builder.stage.value = "decision"
    builder.new_stage_name.value = "Unboxing & first sip"
    assert builder.add_stage()
    keys = builder.map.stage_keys()
    assert keys == (
        "awareness",
        "consideration",
        "decision",
        "unboxing_first_sip",
        "experience",
        "loyalty",
    )
    assert builder.map.model.key == "custom"
    assert builder.stage.value == "unboxing_first_sip"
    assert "Unboxing &amp; first sip" in builder.plot.value
    assert builder.stage_model.value == "custom"
    # the new stage moves one place left; the others keep their Customer Value Journey steps
    assert builder.move_stage(-1)
    assert builder.map.stage_keys()[2] == "unboxing_first_sip"
    assert builder.map.model.stage("decision").cvj_steps == ("convert",)
    # moving Consideration before Awareness breaks the journey order: the steps are dropped
    builder.stage.value = "consideration"
    assert builder.move_stage(-1)
    assert builder.map.stage_keys()[:2] == ("consideration", "awareness")
    assert all(s.cvj_steps == () for s in builder.map.model)
    assert builder.remove_stage()
    assert "consideration" not in builder.map.stage_keys()
    assert _headers(builder)[0] == "Awareness"


def test_stage_edits_that_cannot_work_leave_the_map_alone(builder):
    good = builder.map
    builder.new_stage_name.value = "  "
    assert not builder.add_stage()
    assert "name" in builder.error
    builder.stage.value = "awareness"
    assert not builder.move_stage(-1)
    assert builder.map == good
    one = MapBuilder(stage_model="five")
    for _ in range(4):
        assert one.remove_stage()
    assert not one.remove_stage()  # a map keeps at least one stage
    assert "stages" in one.error and len(one.map.stages) == 1


def test_save_never_overwrites_without_the_tick(builder, tmp_path):
    builder.path.value = "coffee_map"
    saved = builder.save()
    assert saved == tmp_path / "coffee_map.json"
    assert JourneyMap.load(saved) == builder.map
    builder.title.value = "Changed"
    assert builder.save() is None
    assert "already exists" in builder.error
    assert json.loads(saved.read_text())["title"] == example("coffee").title  # untouched
    builder.overwrite.value = True
    assert builder.save() == saved
    assert json.loads(saved.read_text())["title"] == "Changed"
    assert builder.overwrite.value is False  # ask again next time


def test_load_replaces_the_map_and_undo_brings_it_back(builder, tmp_path):
    other = MapBuilder(stage_model="cvj", persona="student")
    other.path.value = str(tmp_path / "other.json")
    other.save()
    builder.path.value = str(tmp_path / "other.json")
    assert builder.load()
    assert builder.map == other.map
    assert builder.stage_model.value == "cvj" and builder.persona.value == "student"
    assert builder.undo()
    assert builder.map == example("coffee")


def test_a_broken_file_is_reported_and_the_map_kept(builder, tmp_path):
    bad = tmp_path / "<bad>.json"
    bad.write_text("{not json")
    builder.path.value = str(bad)
    assert not builder.load()
    assert "not valid JSON" in builder.error
    assert "&lt;bad&gt;" in builder.status.value and "<bad>" not in builder.status.value
    assert builder.map == example("coffee")
    builder.path.value = str(tmp_path / "missing.json")
    assert not builder.load()
    assert "no such file" in builder.error


def test_export_html_and_png(builder, tmp_path):
    builder.title.value = "Coffee <online>"
    builder.path.value = "exports/coffee.json"
    page = builder.export_html()
    png = builder.export_png()
    assert page == tmp_path / "exports" / "coffee.html"
    assert "Coffee &lt;online&gt;" in page.read_text()
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert builder.export_png() is None and "already exists" in builder.error


def test_persona_choice_and_labels_in_indonesian(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    b = MapBuilder(lang="id")
    assert b.lanes["actions"].description == "Tindakan pelanggan"
    assert b.undo_button.description == "Urungkan"
    assert [label for label, _ in b.persona.options] == [
        "Pekerja kantoran",
        "Barista rumahan",
        "Mahasiswa",
    ]
    b.persona.value = "home_barista"
    assert b.map.persona == "home_barista"
    b.path.value = ""
    assert b.save() is None and "path" in b.error


def test_rename_a_stage_keeps_its_lanes_and_undo_restores_the_name(builder):
    builder.stage.value = "experience"
    lanes = builder.map.stage("experience")
    builder.new_stage_name.value = "First cup at home"
    assert builder.rename_stage()
    assert builder.map.model.stage("experience").label("en") == "First cup at home"
    assert builder.map.stage("experience") == lanes  # same key, lanes and emotion
    assert "First cup at home" in _headers(builder)
    assert ("First cup at home", "experience") in builder.stage.options
    assert builder.map.model.stage("experience").cvj_steps  # still maps onto the data's steps
    assert not builder.rename_stage("   ")
    assert builder.undo()
    assert builder.map == example("coffee")


from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_EDITS = st.one_of(
    st.tuples(st.just("lane"), st.sampled_from(("actions", "pain_points")), st.text(max_size=12)),
    st.tuples(st.just("emotion"), st.sampled_from((-2.0, -0.5, 0.0, 1.5, 2.0)), st.none()),
    st.tuples(st.just("title"), st.text(max_size=10), st.none()),
    st.tuples(st.just("stage"), st.sampled_from(("awareness", "decision", "loyalty")), st.none()),
)


@settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(edits=st.lists(_EDITS, max_size=5))
def test_any_edits_never_raise_and_undo_gets_back_to_the_start(tmp_path, edits):
    b = MapBuilder("coffee")
    for kind, a, text in edits:
        if kind == "lane":
            b.lanes[a].value = text
        elif kind == "emotion":
            b.emotion.value = a
        elif kind == "title":
            b.title.value = a
        else:
            b.stage.value = a
        assert isinstance(b.map, JourneyMap)
    while b.undo():
        pass
    assert b.map == example("coffee")
