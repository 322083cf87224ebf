"""Journey maps: validation naming fields, lossless JSON, safe HTML, the drawing, the coffee example."""

from __future__ import annotations

import copy
import json
import math
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import matplotlib.image as mpimg
import matplotlib.pyplot as plt
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_personas import NASTY, personas, texts

from journeykit.errors import MapFileError, OverwriteError, ParameterError, ValidationError
from journeykit.maps import (
    LANES,
    JourneyMap,
    MapStage,
    check_file,
    example,
    map_problems,
    new_map,
)
from journeykit.plots.maps import map_html, plot_map, render
from journeykit.stages import define_model, get_model

CUSTOM = define_model(
    "warung",
    [
        {"key": "lihat", "label_en": "See", "label_id": "Lihat", "cvj_steps": ["aware"]},
        {"key": "coba", "label_en": "Try <it>", "label_id": "Coba & rasakan"},
        {"key": "balik", "label_en": "Come back", "label_id": "Balik lagi"},
    ],
    name_en="Warung",
)


@st.composite
def journey_maps(draw):
    model = draw(st.sampled_from(["map", "five", "cvj", CUSTOM]))
    keys = get_model(model).keys()
    chosen = sorted(draw(st.sets(st.integers(0, len(keys) - 1), min_size=1)))
    scores = st.one_of(st.integers(-2, 2), st.floats(-2, 2, allow_nan=False, allow_infinity=False))
    stages = [
        MapStage(
            keys[i],
            draw(scores),
            **{lane: draw(st.lists(texts, max_size=2)) for lane in LANES},
        )
        for i in chosen
    ]
    persona = draw(st.one_of(personas, st.sampled_from(["student", "some_key"])))
    return JourneyMap(
        title=draw(texts),
        goal=draw(texts),
        persona=persona,
        stages=stages,
        stage_model=model,
        lang=draw(st.sampled_from(["en", "id"])),
    )


@settings(max_examples=50, deadline=None)
@given(journey_maps())
def test_json_round_trip_is_lossless(m):
    assert JourneyMap.from_dict(m.to_dict()) == m
    assert JourneyMap.from_dict(json.loads(json.dumps(m.to_dict()))) == m
    again = JourneyMap.from_json(m.to_json())
    assert again == m
    assert [type(s.emotion) for s in again.stages] == [type(s.emotion) for s in m.stages]
    with tempfile.TemporaryDirectory() as tmp:
        assert JourneyMap.load(m.save(Path(tmp) / "m.json")) == m


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes.extend(attrs)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_data(self, data):
        self.text.append(data)


_OUR_TAGS = {
    "html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "h4", "p", "b", "br",
    "div", "blockquote", "ul", "li", "svg", "line", "text", "polyline", "circle", "table",
    "thead", "tbody", "tr", "th", "td",
}  # fmt: skip


def _assert_inert(page: str) -> _Page:
    parsed = _Page()
    parsed.feed(page)
    assert "script" not in parsed.tags
    assert set(parsed.tags) <= _OUR_TAGS
    assert not [name for name, _ in parsed.attributes if name.startswith("on")]
    assert not [v for _, v in parsed.attributes if v and "javascript:" in v.lower()]
    return parsed


def test_script_quotes_and_ampersands_are_not_executable_in_html(tmp_path):
    base = example("coffee")
    evil = JourneyMap(
        title=NASTY[0],
        goal='Goal with "quotes" & <b>tags</b>',
        persona=base.persona.__class__(**{**base.persona.to_dict(), "name": NASTY[4]}),
        stages=[
            MapStage(
                s.stage,
                s.emotion,
                **{lane: [NASTY[i % len(NASTY)], "A & B"] for i, lane in enumerate(LANES)},
            )
            for s in base.stages
        ],
        lang="en",
    )
    out = render(evil, tmp_path / "evil.html")
    page = out.read_text(encoding="utf-8")
    parsed = _assert_inert(page)
    shown = "".join(parsed.text)
    for text in (*NASTY, 'Goal with "quotes" & <b>tags</b>', "A & B"):
        assert text in shown  # displayed literally, as text
    assert page.count("<script") == 0 and "&lt;script&gt;" in page
    assert "http" not in page.replace("http://www.w3.org/2000/svg", "")  # self-contained


@settings(max_examples=25, deadline=None)
@given(journey_maps())
def test_html_of_any_map_has_only_our_own_markup(m):
    _assert_inert(map_html(m))


def _coffee_dict() -> dict:
    return example("coffee").to_dict()


def _set(path: str, value):
    def change(d):
        target = d
        parts = path.split(".")
        for part in parts[:-1]:
            target = target[int(part)] if part.isdigit() else target[part]
        last = parts[-1]
        if value is _DELETE:
            del target[last]
        else:
            target[int(last) if last.isdigit() else last] = value
        return d

    return change


_DELETE = object()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (_set("stages.1.stage", "hype"), "stages[1].stage"),
        (_set("stages.3.emotion", 5), "stages[3].emotion"),
        (_set("stages.0.emotion", -2.01), "stages[0].emotion"),
        (_set("stages.2.emotion", "worried"), "stages[2].emotion"),
        (_set("stages.2.emotion", True), "stages[2].emotion"),
        (_set("stages.2.emotion", None), "stages[2].emotion"),
        (_set("stages.4.emotion", _DELETE), "stages[4].emotion"),
        (_set("stages", []), "stages"),
        (_set("stages", "awareness"), "stages"),
        (_set("stages.1", "consideration"), "stages[1]"),
        (_set("stages.0.actions", "Sees an ad"), "stages[0].actions"),
        (_set("stages.0.pain_points", ["fine", 42]), "stages[0].pain_points[1]"),
        (_set("stages.0.mood", "happy"), "stages[0].mood"),
        (_set("stages.2.stage", "awareness"), "stages[2].stage"),  # used twice
        (_set("title", 3), "title"),
        (_set("goal", ""), "goal"),
        (_set("goal", _DELETE), "goal"),
        (_set("persona", 42), "persona"),
        (_set("persona", "Rina K"), "persona"),
        (_set("persona.channels", ["instagram"]), "persona.channels[0]"),
        (_set("persona.age_band", "young"), "persona.age_band"),
        (_set("stage_model", "seven"), "stage_model"),
        (_set("stage_model", {"key": "x", "stages": []}), "stage_model.stages"),
        (_set("lang", "fr"), "lang"),
        (_set("colour", "blue"), "colour"),
    ],
)
def test_each_bad_input_raises_an_error_naming_the_field(change, field):
    data = change(_coffee_dict())
    with pytest.raises(ValidationError) as err:
        JourneyMap.from_dict(data)
    assert err.value.field == field, str(err.value)
    assert str(err.value).startswith(f"{field}: expected")


def test_stages_out_of_journey_order_are_named():
    data = _coffee_dict()
    data["stages"] = [data["stages"][0], data["stages"][3], data["stages"][2]]
    problems = map_problems(data)
    assert [p.field for p in problems] == ["stages[2].stage"]
    assert "journey order" in str(problems[0]) and "'decision' after 'experience'" in str(
        problems[0]
    )


def test_problems_are_all_collected():
    data = _coffee_dict()
    data["stages"][0]["emotion"] = 3
    data["stages"][1]["stage"] = "hype"
    data["title"] = ""
    data["persona"]["devices"] = []
    fields = sorted(p.field for p in map_problems(data))
    assert fields == ["persona.devices", "stages[0].emotion", "stages[1].stage", "title"]
    with pytest.raises(ValidationError, match=r"and 3 more problem"):
        JourneyMap.from_dict(data)


def test_objects_validate_on_creation():
    with pytest.raises(ValidationError, match=r"^stages: expected at least one stage"):
        JourneyMap(title="T", goal="G", persona="student", stages=[])
    with pytest.raises(ValidationError, match=r"^stages\[0\]\.stage: expected one of"):
        JourneyMap(title="T", goal="G", persona="student", stages=[MapStage("retention", 0)])
    # 'retention' is a stage of the five-stage model
    ok = JourneyMap("T", "G", "student", [MapStage("retention", 0)], stage_model="five")
    assert ok.model.key == "five"
    with pytest.raises(ValidationError, match=r"^emotion: expected a number from -2 to \+2"):
        MapStage("decision", math.nan)


def test_emotion_scale_edges_are_allowed():
    m = JourneyMap("T", "G", "student", [MapStage("awareness", -2), MapStage("loyalty", 2.0)])
    assert m.emotions().tolist() == [-2, 2]


def test_builtin_model_object_is_stored_as_its_key():
    m = JourneyMap("T", "G", "student", [MapStage("awareness", 1)], stage_model=get_model("map"))
    assert m.stage_model == "map"
    assert m.to_dict()["stage_model"] == "map"


def test_custom_model_is_saved_inside_the_map(tmp_path):
    m = new_map("Warung", "Regulars", "student", stage_model=CUSTOM, lang="id")
    path = m.save(tmp_path / "w.json")
    raw = json.loads(path.read_text(encoding="utf-8"))
    assert raw["stage_model"]["key"] == "warung"
    assert raw["stage_model"]["stages"][1]["label_id"] == "Coba & rasakan"
    again = JourneyMap.load(path)
    assert again == m and again.model == CUSTOM
    assert again.to_frame()["label"].tolist() == ["Lihat", "Coba & rasakan", "Balik lagi"]


# --- files ----------------------------------------------------------------------------------------


def test_save_never_overwrites_without_force(tmp_path):
    m = example("coffee")
    path = m.save(tmp_path / "coffee.json")
    before = path.read_text(encoding="utf-8")
    with pytest.raises(OverwriteError, match="force"):
        m.with_emotions({"decision": -2}).save(path)
    assert path.read_text(encoding="utf-8") == before
    m.with_emotions({"decision": -2}).save(path, force=True)
    assert JourneyMap.load(path).stage("decision").emotion == -2


def test_saved_file_has_schema_version_and_readable_unicode(tmp_path):
    path = example("coffee", "id").save(tmp_path / "kopi.json")
    raw = path.read_text(encoding="utf-8")
    assert json.loads(raw)["schema_version"] == 1
    assert "“Kopi ini terlihat menarik.”" in raw  # not \u201c escapes


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        ("", "not valid JSON"),
        ("{'title': 'single quotes'}", "not valid JSON"),
        ('"just a string"', "JSON object"),
        ('{"kind": "journey_map", "title": "x"}', "schema_version: missing"),
        ('{"schema_version": 2, "kind": "journey_map"}', "schema_version: expected 1, got 2"),
        ('{"schema_version": "1", "kind": "journey_map"}', "schema_version: expected 1"),
        ('{"schema_version": 1, "kind": "persona"}', "kind: expected 'journey_map'"),
        ('{"schema_version": 1, "kind": "journey_map", "title": "x"}', "goal: expected a value"),
    ],
)
def test_corrupt_files_raise_map_file_error_naming_the_problem(tmp_path, content, needle):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(MapFileError, match=needle) as err:
        JourneyMap.load(path)
    assert str(err.value).startswith(str(path))


def test_invalid_values_in_a_file_are_all_listed(tmp_path):
    data = json.loads(example("coffee").to_json())
    data["stages"][3]["emotion"] = 9
    data["stages"][0]["touchpoints"] = "Instagram"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(MapFileError) as err:
        JourneyMap.load(path)
    assert sorted(p.field for p in err.value.problems) == [
        "stages[0].touchpoints",
        "stages[3].emotion",
    ]
    lines = check_file(path)
    assert len(lines) == 2 and all(line.startswith(f"{path}: stages[") for line in lines)
    assert check_file(tmp_path / "missing.json") == [f"{tmp_path / 'missing.json'}: no such file"]


def test_a_file_that_is_not_utf8_is_named(tmp_path):
    path = tmp_path / "binary.json"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\xff\xfe")
    with pytest.raises(MapFileError, match="not a text file"):
        JourneyMap.load(path)


# --- the coffee example -------------------------------------------------------------------------


def test_coffee_map_follows_article_002_in_both_languages():
    en, id_ = example("coffee", "en"), example("coffee", "id")
    assert en.stage_keys() == id_.stage_keys() == get_model("map").keys()
    assert en.emotions().tolist() == id_.emotions().tolist()
    for a, b in zip(en.stages, id_.stages, strict=True):
        for lane in LANES:
            assert len(getattr(a, lane)) == len(getattr(b, lane)) >= 1, (a.stage, lane)
    # the article's table, Indonesian original
    assert id_.stage("awareness").touchpoints == ("Iklan Instagram",)
    assert id_.stage("decision").pain_points == ("Kekhawatiran tentang keamanan pembayaran",)
    assert id_.stage("loyalty").feelings == ("Puas",)
    assert id_.stage("experience").feelings == ("Antusias", "Cemas")
    assert en.stage("consideration").pain_points == (
        "Product information lacks detail",
        "Navigation is difficult",
    )
    # the feelings on the scale: worried at the decision, satisfied at loyalty
    assert en.emotions().idxmin() == "decision" and en.emotions().idxmax() == "loyalty"
    assert en.persona.key == "office_worker" and en.persona.lang == "en"
    assert id_.persona.lang == "id"
    with pytest.raises(ValidationError, match="example"):
        example("tea")


def test_to_frame_has_one_row_per_stage_with_labels_in_lang():
    df = example("coffee", "id").to_frame()
    assert list(df.columns) == ["stage", "label", "emotion", *LANES]
    assert len(df) == 5
    assert df["label"].tolist() == [
        "Kesadaran",
        "Pertimbangan",
        "Keputusan",
        "Pengalaman",
        "Loyalitas",
    ]
    assert df.loc[1, "pain_points"] == "Informasi produk kurang detail; Navigasi sulit"
    assert example("coffee").to_frame(lang="id")["label"][0] == "Kesadaran"


def test_building_a_map_lane_by_lane():
    m = new_map("Coffee", "Sell more", "office_worker")
    assert m.emotions().tolist() == [0, 0, 0, 0, 0]
    m = m.with_lane("actions", {"awareness": "Sees an ad", "decision": ["Adds to cart", "Pays"]})
    m = m.with_emotions({"decision": -1.5})
    assert m.stage("awareness").actions == ("Sees an ad",)
    assert m.stage("decision").actions == ("Adds to cart", "Pays")
    assert m.stage("consideration").actions == ()
    assert m.stage("decision").emotion == -1.5
    with pytest.raises(ValidationError, match="lane"):
        m.with_lane("smells", {"awareness": "x"})
    with pytest.raises(ValidationError, match="stage"):
        m.with_lane("actions", {"purchase": "x"})
    with pytest.raises(ValidationError, match=r"emotion\.decision\.emotion"):
        m.with_emotions({"decision": 4})
    with pytest.raises(ValidationError, match=r"actions\.awareness\[0\]"):
        m.with_lane("actions", {"awareness": [""]})
    assert m.persona_obj().name == "Rina Kusuma"


# --- drawing --------------------------------------------------------------------------------------


def _headers(ax):
    return [t for t in ax.texts if t.get_gid() == "stage-header"]


@pytest.mark.parametrize("lang", ["en", "id"])
def test_coffee_map_renders_to_png_with_one_column_per_stage(tmp_path, lang):
    m = example("coffee", lang)
    ax = plot_map(m)
    headers = _headers(ax)
    assert [h.get_text() for h in headers] == list(get_model("map").labels(lang))
    # one column per stage: header centres at 0.5, 1.5, ... and the curve through them
    assert [h.get_position()[0] for h in headers] == [0.5, 1.5, 2.5, 3.5, 4.5]
    (curve,) = [line for line in ax.get_lines() if line.get_gid() == "emotion-curve"]
    assert list(curve.get_xdata()) == [0.5, 1.5, 2.5, 3.5, 4.5]
    y = list(curve.get_ydata())  # y grows downwards: the lowest point is the lowest emotion
    assert y.index(max(y)) == 2 and y.index(min(y)) == 4
    assert len([t for t in ax.texts if t.get_gid() == "lane-label"]) == len(LANES) + 1
    plt.close(ax.figure)
    out = render(m, tmp_path / "coffee.png")
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    height, width, _ = mpimg.imread(out).shape
    assert width > height > 300


def test_eight_step_map_draws_eight_columns_and_svg(tmp_path):
    m = new_map("CVJ", "All steps", "student", stage_model="cvj", lang="id")
    ax = plot_map(m, lanes=("actions", "pain_points"))
    assert len(_headers(ax)) == 8
    assert _headers(ax)[-1].get_text() == "Promote (Promosi)"
    assert len([t for t in ax.texts if t.get_gid() == "lane-label"]) == 3
    plt.close(ax.figure)
    out = render(m, tmp_path / "cvj.svg")
    assert out.read_text(encoding="utf-8").lstrip().startswith("<?xml")
    with pytest.raises(ParameterError, match="lanes"):
        plot_map(m, lanes=("smells",))


def test_render_refuses_unknown_formats_and_existing_files(tmp_path):
    m = example("coffee")
    with pytest.raises(ParameterError, match="out"):
        render(m, tmp_path / "coffee.pdf")
    target = tmp_path / "coffee.html"
    target.write_text("keep me", encoding="utf-8")
    with pytest.raises(OverwriteError):
        render(m, target)
    assert target.read_text(encoding="utf-8") == "keep me"
    render(m, target, force=True, lang="id")
    page = target.read_text(encoding="utf-8")
    assert '<html lang="id">' in page and "Peta perjalanan pelanggan" in page
    _assert_inert(page)


def test_html_shows_every_stage_lane_and_score():
    m = example("coffee")
    parsed = _assert_inert(map_html(m))
    assert parsed.tags.count("svg") == 1 and parsed.tags.count("circle") == 5
    assert parsed.tags.count("tr") == 1 + len(LANES) + 1
    assert parsed.tags.count("td") == 5 * (len(LANES) + 1)
    shown = "".join(parsed.text)
    for s in m.stages:
        for lane in LANES:
            for text in getattr(s, lane):
                assert text in shown


def test_dicts_given_to_the_constructor_become_objects():
    d = copy.deepcopy(_coffee_dict())
    m = JourneyMap(title="T", goal="G", persona=d["persona"], stages=d["stages"], stage_model="map")
    assert isinstance(m.stages[0], MapStage) and m.persona == example("coffee").persona


# --- exercise checks (journeykit.checks.journey_maps) -------------------------------------------


def _dinda(scores=None, pain=True):
    from journeykit.checks.journey_maps import STUDENT_SCORES

    m = new_map("Dinda's first order", "Fewer abandoned carts", "student")
    m = m.with_emotions(scores or STUDENT_SCORES)
    if pain:
        m = m.with_lane("pain_points", {"decision": "Shipping nearly doubles the price"})
    return m


def test_check_student_map():
    from journeykit.checks.journey_maps import STUDENT_SCORES, check_student_map, student_brief

    assert "(-2)" in student_brief() and "Dinda" in student_brief("id")
    assert check_student_map(_dinda()).ok
    assert "sign" in check_student_map(_dinda({k: -v for k, v in STUDENT_SCORES.items()})).message
    off = check_student_map(_dinda({**STUDENT_SCORES, "loyalty": 1}))
    assert not off.ok and "loyalty +1 (brief: +0)" in off.message
    assert "pain point" in check_student_map(_dinda(pain=False)).message
    assert "student" in check_student_map(example("coffee")).message
    assert not check_student_map(_dinda().to_dict()).ok


def test_check_lowest_stage_and_pain_points():
    from journeykit.checks.journey_maps import check_lowest_stage, check_pain_point_count

    coffee = example("coffee", "id")
    assert check_lowest_stage("decision", coffee).ok
    assert "key" in check_lowest_stage("Keputusan", coffee).message
    assert "highest" in check_lowest_stage("loyalty", coffee).message
    # pain points by hand from article 002's table: 1 + 2 + 1 + 2 + 1
    assert check_pain_point_count(7, coffee).ok
    assert "stages with pain points" in check_pain_point_count(5, coffee).message
    assert not check_pain_point_count(6, coffee).ok


def test_check_reloaded(tmp_path):
    from journeykit.checks.journey_maps import check_reloaded

    m = _dinda()
    path = m.save(tmp_path / "dinda.json")
    assert check_reloaded(m, JourneyMap.load(path)).ok
    assert "file name" in check_reloaded(m, path).message
    assert "raw JSON" in check_reloaded(m, json.loads(path.read_text(encoding="utf-8"))).message
    assert (
        "differs" in check_reloaded(m.with_emotions({"loyalty": 1}), JourneyMap.load(path)).message
    )
