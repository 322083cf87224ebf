"""Personas: validation, JSON round trip, card and HTML, and personas derived from behaviour."""

from __future__ import annotations

import json
import math
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journeykit.errors import (
    MapFileError,
    OverwriteError,
    ParameterError,
    SchemaError,
    ValidationError,
)
from journeykit.personas import (
    EXAMPLE_KEYS,
    FEATURES,
    Persona,
    behaviour_features,
    display_name,
    example,
    examples,
    persona_problems,
    segment_profiles,
    segment_users,
    stage_reach,
)
from journeykit.plots.personas import persona_html, plot_persona, plot_stage_reach
from journeykit.schema import CHANNELS, DEVICES, Tables

# --- strategies -----------------------------------------------------------------------------------

NASTY = [
    "<script>alert('x')</script>",
    '" onmouseover="alert(1)',
    "Tom & Jerry's <b>café</b>",
    "Kopi ☕ enak sekali — “mantap”",
    "</div><img src=x onerror=alert(1)>",
]
texts = st.one_of(
    st.sampled_from(NASTY),
    # control characters are refused at validation (documents.CONTROL_CHARACTERS)
    st.text(alphabet=st.characters(exclude_categories=("Cs", "Cc")), min_size=1, max_size=25)
    .filter(str.strip)
    .filter(lambda s: "\ufffe" not in s and "\uffff" not in s),
)
age_bands = st.one_of(
    st.tuples(st.integers(0, 60), st.integers(0, 60)).map(
        lambda p: f"{min(p)}-{min(p) + abs(p[0] - p[1])}"
    ),
    st.integers(0, 99).map(lambda a: f"{a}+"),
)
personas = st.builds(
    Persona,
    key=st.from_regex(r"[a-z][a-z0-9_]{0,12}", fullmatch=True),
    name=texts,
    age_band=age_bands,
    occupation=texts,
    goals=st.lists(texts, min_size=1, max_size=3),
    motivations=st.lists(texts, max_size=3),
    needs=st.lists(texts, max_size=3),
    frustrations=st.lists(texts, max_size=3),
    channels=st.lists(st.sampled_from(CHANNELS), min_size=1, max_size=4, unique=True),
    devices=st.lists(st.sampled_from(DEVICES), min_size=1, unique=True),
    quote=st.one_of(st.just(""), texts),
    lang=st.sampled_from([None, "en", "id"]),
)


def _valid() -> dict:
    return {
        "key": "ibu_warung",
        "name": "Sari",
        "age_band": "35-44",
        "occupation": "Runs a small shop",
        "goals": ["Serve good coffee to guests"],
        "motivations": [],
        "needs": ["Cheap refills"],
        "frustrations": [],
        "channels": ["whatsapp", "store"],
        "devices": ["mobile"],
        "quote": "Murah tapi enak.",
        "lang": "en",
    }


# --- the persona object -----------------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(personas)
def test_json_round_trip_is_lossless(p):
    assert Persona.from_dict(p.to_dict()) == p
    assert Persona.from_dict(json.loads(json.dumps(p.to_dict()))) == p
    assert Persona.from_json(p.to_json()) == p
    with tempfile.TemporaryDirectory() as tmp:
        path = p.save(Path(tmp) / "p.json")
        assert Persona.load(path) == p


@settings(max_examples=40, deadline=None)
@given(personas)
def test_html_card_never_contains_markup_from_user_text(p):
    tags = _Tags()
    tags.feed(persona_html(p))
    assert "script" not in tags.names
    assert not [a for a in tags.attributes if a.startswith("on")]
    assert tags.names <= {"style", "div", "h3", "h4", "p", "blockquote", "ul", "li", "b", "br"}


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.names: set[str] = set()
        self.attributes: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.names.add(tag)
        self.attributes.extend(name for name, _ in attrs)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_data(self, data):
        self.text.append(data)


def test_html_card_shows_nasty_text_literally():
    p = Persona(**{**_valid(), "name": NASTY[0], "goals": [NASTY[2]], "quote": NASTY[1]})
    tags = _Tags()
    tags.feed(persona_html(p))
    shown = "".join(tags.text)
    assert NASTY[0] in shown and NASTY[2] in shown and NASTY[1] in shown
    assert "script" not in tags.names and "b" in tags.names  # only our own <b> labels


def test_lists_become_tuples_and_fields_are_kept():
    p = Persona(**_valid())
    assert p.channels == ("whatsapp", "store")
    assert p.motivations == ()
    assert p.to_dict() == _valid()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"key": "Ibu Warung"}, "key"),
        ({"key": 7}, "key"),
        ({"name": "   "}, "name"),
        ({"name": None}, "name"),
        ({"age_band": "old"}, "age_band"),
        ({"age_band": "45-30"}, "age_band"),
        ({"age_band": 30}, "age_band"),
        ({"occupation": ""}, "occupation"),
        ({"goals": []}, "goals"),
        ({"goals": "coffee"}, "goals"),
        ({"goals": ["ok", 3]}, "goals[1]"),
        ({"needs": ["fine", ""]}, "needs[1]"),
        ({"frustrations": {"a": 1}}, "frustrations"),
        ({"channels": ["whatsapp", "tiktok"]}, "channels[1]"),
        ({"channels": ["email", "email"]}, "channels[1]"),
        ({"channels": []}, "channels"),
        ({"devices": ["phone"]}, "devices[0]"),
        ({"quote": 5}, "quote"),
        ({"lang": "fr"}, "lang"),
    ],
)
def test_each_bad_value_raises_an_error_naming_the_field(change, field):
    with pytest.raises(ValidationError) as err:
        Persona(**{**_valid(), **change})
    assert err.value.field == field
    assert str(err.value).startswith(f"{field}: expected")
    with pytest.raises(ValidationError) as err2:
        Persona.from_dict({**_valid(), **change})
    assert err2.value.field == field


def test_missing_and_unknown_fields_are_named():
    data = _valid()
    del data["occupation"]
    data["hobby"] = "kopi"
    problems = persona_problems(data)
    assert sorted(p.field for p in problems) == ["hobby", "occupation"]
    with pytest.raises(ValidationError, match="more problem"):
        Persona.from_dict(data)


def test_problems_are_all_collected_with_a_prefix():
    data = {**_valid(), "goals": [], "devices": ["fax"], "lang": "jv"}
    fields = [p.field for p in persona_problems(data, where="persona")]
    assert fields == ["persona.goals", "persona.devices[0]", "persona.lang"]
    assert persona_problems(_valid()) == []
    assert [p.field for p in persona_problems([1, 2])] == ["document"]


def test_save_refuses_to_overwrite_without_force(tmp_path):
    p = Persona(**_valid())
    target = p.save(tmp_path / "sari.json")
    with pytest.raises(OverwriteError, match="force"):
        p.save(target)
    changed = Persona(**{**_valid(), "name": "Sari W."})
    changed.save(target, force=True)
    assert Persona.load(target).name == "Sari W."


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        ("{not json", "not valid JSON"),
        ("[1, 2]", "JSON object"),
        ('{"kind": "persona", "key": "x"}', "schema_version"),
        ('{"schema_version": 99, "kind": "persona"}', "schema_version: expected 1, got 99"),
        ('{"schema_version": 1, "kind": "journey_map"}', "kind"),
        ('{"schema_version": 1, "kind": "persona", "key": "x"}', "name: expected a value"),
    ],
)
def test_corrupt_files_raise_map_file_error_naming_the_problem(tmp_path, content, needle):
    path = tmp_path / "p.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(MapFileError, match=needle):
        Persona.load(path)


def test_missing_file_is_named(tmp_path):
    with pytest.raises(MapFileError, match="no such file"):
        Persona.load(tmp_path / "nope.json")


# --- built-in personas --------------------------------------------------------------------------


def test_builtin_personas_exist_in_both_languages_with_the_generator_keys():
    assert EXAMPLE_KEYS == ("office_worker", "home_barista", "student")
    for key in EXAMPLE_KEYS:
        en, id_ = example(key, "en"), example(key, "id")
        assert en.key == id_.key == key
        assert (en.lang, id_.lang) == ("en", "id")
        # the same person: name, age, channels and devices agree; the texts are translated
        assert (en.name, en.age_band, en.channels, en.devices) == (
            id_.name,
            id_.age_band,
            id_.channels,
            id_.devices,
        )
        assert en.goals != id_.goals and len(en.goals) == len(id_.goals)
        for lane in ("motivations", "needs", "frustrations"):
            assert len(getattr(en, lane)) == len(getattr(id_, lane)) >= 2
    assert list(examples("id")) == list(EXAMPLE_KEYS)
    assert "mobile" in example("office_worker").devices
    assert "desktop" in example("home_barista").devices
    with pytest.raises(ValidationError, match="persona"):
        example("barista")


def test_display_names_follow_lang():
    assert display_name("student", "id") == "Mahasiswa"
    assert display_name(np.int64(3), "id") == "Segmen 3"
    assert display_name("custom_key") == "custom_key"


def test_persona_card_is_drawn_with_labels_in_lang():
    import matplotlib.pyplot as plt

    ax = plot_persona(example("office_worker"), lang="id")
    texts = [t.get_text() for t in ax.texts]
    assert ax.get_title() == "Kartu persona: Rina Kusuma"
    assert "Frustrasi" in texts and "Tujuan" in texts
    assert any(t.startswith("Saluran yang disukai: Iklan media sosial") for t in texts)
    plt.close(ax.figure)


# --- personas from behaviour ----------------------------------------------------------------------


@pytest.fixture()
def tables() -> Tables:
    """Five users worked out by hand (see the expected values in each test)."""
    t0 = pd.Timestamp("2024-03-01 08:00")
    users = pd.DataFrame(
        {
            "user_id": [1, 2, 3, 4, 5],
            "persona": ["office_worker", "office_worker", "student", "home_barista", "student"],
            "first_seen": [t0] * 5,
            "acquisition_channel": [
                "social_ads",
                "social_ads",
                "social_organic",
                "organic_search",
                "referral",
            ],
            "device": ["mobile", "desktop", "mobile", "desktop", "mobile"],
            "referred_by": [None, None, None, None, 3],
        }
    )
    rows = [
        # user, channel, device, event_type, stage
        (1, "social_ads", "mobile", "impression", "aware"),
        (1, "social_ads", "mobile", "click", "engage"),
        (1, "email", "mobile", "subscribe", "subscribe"),
        (1, "whatsapp", "mobile", "purchase", "convert"),
        (2, "social_ads", "desktop", "impression", "aware"),
        (3, "social_organic", "mobile", "visit", "aware"),
        (3, "referral", "mobile", "click", "engage"),
        (4, "organic_search", "desktop", "visit", "aware"),
        (4, "organic_search", "desktop", "click", "engage"),
        (4, "email", "desktop", "subscribe", "subscribe"),
        (4, "direct", "desktop", "purchase", "convert"),
        (4, "email", "desktop", "onboard", "excite"),
        (4, "direct", "desktop", "purchase", "ascend"),
    ]
    events = pd.DataFrame(rows, columns=["user_id", "channel", "device", "event_type", "stage"])
    events.insert(0, "event_id", range(len(events)))
    events["timestamp"] = t0 + pd.to_timedelta(range(len(events)), unit="h")
    events["touchpoint"] = "site"
    events["campaign"] = None
    events["cost"] = 0.0
    orders = pd.DataFrame(
        {
            "order_id": [1, 2, 3],
            "user_id": [1, 4, 4],
            "timestamp": [t0 + pd.Timedelta(hours=h) for h in (3, 10, 12)],  # = purchase events
            "offer_type": ["entry", "entry", "core"],
            "product": ["sachet", "beans_250g", "beans_1kg"],
            "price": [35_000.0, 120_000.0, 180_000.0],
            "cost": [20_000.0, 60_000.0, 90_000.0],
        }
    )
    referrals = pd.DataFrame(
        {
            "referral_id": [1],
            "inviter_id": [3],
            "invitee_id": [5],
            "invite_time": [t0],
            "signup_time": [t0],
            "reward": [0.0],
        }
    )
    survey = pd.DataFrame(
        {"user_id": [4], "timestamp": [t0 + pd.Timedelta(days=2)], "nps": [9], "csat": [5]}
    )
    return Tables(users, events, orders, referrals, survey)


def test_behaviour_features_match_a_hand_count(tables):
    f = behaviour_features(tables)
    assert list(f.columns) == list(FEATURES)
    assert list(f.index) == [1, 2, 3, 4, 5]
    assert f["orders"].tolist() == [1, 0, 0, 2, 0]
    assert f["spend"].tolist() == [35_000, 0, 0, 300_000, 0]
    # the average order value exists only for buyers (averages of it are over buyers)
    assert f["avg_order_value"].tolist()[::3] == [35_000, 150_000]
    assert f["avg_order_value"].isna().tolist() == [False, True, True, False, True]
    # plain numpy columns: describe().round(2) rounds every one of them
    assert {str(d) for d in f.dtypes} <= {"int64", "float64"}
    assert f["touches"].tolist() == [4, 1, 2, 6, 0]
    assert f["mobile_share"].tolist() == [1.0, 0.0, 1.0, 0.0, 0.0]
    assert f["social_share"].tolist() == [0.5, 1.0, 0.5, 0.0, 0.0]
    assert f["search_share"].tolist() == pytest.approx([0, 0, 0, 2 / 6, 0])
    assert f["messaging_share"].tolist() == pytest.approx([0.5, 0, 0, 2 / 6, 0])
    assert f["store_share"].tolist() == [0, 0, 0, 0, 0]


def test_stage_reach_by_persona_counts_users_without_events(tables):
    reach = stage_reach(tables, by="persona", stage_model="five")
    assert list(reach.columns) == [
        "awareness",
        "consideration",
        "purchase",
        "retention",
        "advocacy",
    ]
    assert list(reach.index) == ["home_barista", "office_worker", "student"]
    assert reach.loc["home_barista"].tolist() == [1, 1, 1, 1, 0]
    assert reach.loc["office_worker"].tolist() == [1, 0.5, 0.5, 0, 0]
    assert reach.loc["student"].tolist() == [0.5, 0.5, 0, 0, 0]  # user 5 has no events


def test_stage_reach_by_segments_and_cvj(tables):
    seg = pd.Series([1, 1, 2, 2, 2], index=[1, 2, 3, 4, 5])
    reach = stage_reach(tables, by=seg)
    assert len(reach.columns) == 8
    assert reach.loc[1, "engage"] == 0.5 and reach.loc[2, "engage"] == pytest.approx(2 / 3)
    assert reach.loc[2, "ascend"] == pytest.approx(1 / 3)
    with pytest.raises(ParameterError, match="by"):
        stage_reach(tables, by="colour")
    with pytest.raises(ParameterError, match="by"):
        stage_reach(tables, by=seg.iloc[:3])


def test_features_validate_their_tables(tables):
    broken = Tables(
        tables.users, tables.events.drop(columns="device"), tables.orders, tables.referrals,
        tables.survey,
    )  # fmt: skip
    with pytest.raises(Exception, match=r"events\.device"):
        behaviour_features(broken)
    with pytest.raises(SchemaError, match="events: table missing"):
        behaviour_features({"users": tables.users})


def _blobs(seed: int = 0):
    rng = np.random.default_rng(seed)
    centres = np.array([[0, 0, 0], [8, 8, 0], [0, 8, 8]])
    sizes = [30, 20, 10]
    x = np.vstack([c + rng.normal(0, 0.5, (n, 3)) for c, n in zip(centres, sizes, strict=True)])
    truth = np.repeat([0, 1, 2], sizes)
    return pd.DataFrame(x, columns=["a", "b", "c"]), truth


def _same_partition(a, b) -> bool:
    return len(set(zip(a, b, strict=True))) == len(set(a)) == len(set(b))


def test_segments_recover_obvious_groups_like_scipy_kmeans():
    from scipy.cluster.vq import kmeans2

    f, truth = _blobs()
    seg = segment_users(f, k=3, seed=1, columns=["a", "b", "c"])
    assert _same_partition(seg.to_numpy(), truth)
    # numbered from the largest group: 30 users -> 1, 20 -> 2, 10 -> 3
    assert seg.value_counts().to_dict() == {1: 30, 2: 20, 3: 10}
    z = (f - f.mean()) / f.std(ddof=0)
    _, scipy_labels = kmeans2(z.to_numpy(), 3, seed=1, minit="++")
    assert _same_partition(seg.to_numpy(), scipy_labels)


def test_segments_are_deterministic_and_checked(tables):
    f = behaviour_features(tables)
    a = segment_users(f, k=2, seed=7)
    b = segment_users(f, k=2, seed=7)
    assert a.equals(b)
    assert a.name == "segment" and a.index.name == "user_id"
    assert set(a) == {1, 2}
    with pytest.raises(ParameterError, match="k"):
        segment_users(f, k=9)
    with pytest.raises(ParameterError, match="columns"):
        segment_users(f, columns=["height"])
    with pytest.raises(ParameterError, match="features"):
        segment_users(pd.DataFrame())


def test_segment_profiles_describe_each_group():
    f = pd.DataFrame(
        {"orders": [0, 0, 0, 4], "mobile_share": [1.0, 1.0, 0.8, 0.0]},
        index=pd.Index([1, 2, 3, 4], name="user_id"),
    )
    seg = pd.Series([1, 1, 1, 2], index=f.index)
    prof = segment_profiles(f, seg, lang="en")
    assert prof["users"].tolist() == [3, 1]
    assert prof["share"].tolist() == [0.75, 0.25]
    assert prof.loc[2, "orders"] == 4 and prof.loc[1, "mobile_share"] == pytest.approx(2.8 / 3)
    # segment 2: orders 4 vs mean 1 (sd sqrt(3)) -> z = 1.73; mobile 0 vs 0.7 (sd 0.412) -> -1.70
    assert prof.loc[2, "summary"] == "↑ orders, ↓ mobile use"
    assert segment_profiles(f, seg, lang="id").loc[2, "summary"].startswith("↑ jumlah pesanan")
    assert math.isclose(prof["share"].sum(), 1.0)


def test_stage_reach_plot_has_one_line_per_group(tables):
    import matplotlib.pyplot as plt

    reach = stage_reach(tables, stage_model="five")
    ax = plot_stage_reach(reach, stage_model="five", lang="id")
    assert len(ax.get_lines()) == 3
    assert [t.get_text() for t in ax.get_xticklabels()][0] == "Kesadaran"
    assert ax.get_ylabel() == "Pengguna yang mencapai tahap (%)"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "Barista rumahan",
        "Pekerja kantoran",
        "Mahasiswa",
    ]
    assert list(ax.get_lines()[1].get_ydata()) == [100, 50, 50, 0, 0]
    plt.close(ax.figure)


# --- exercise checks (journeykit.checks.personas) -----------------------------------------------


def _tables_from(spec: dict[int, tuple[str, list[str]]]) -> Tables:
    """Minimal valid tables: user -> (persona, CVJ steps reached, one event each)."""
    t0 = pd.Timestamp("2024-05-01")
    users = pd.DataFrame(
        {
            "user_id": list(spec),
            "persona": [p for p, _ in spec.values()],
            "first_seen": t0,
            "acquisition_channel": "direct",
            "device": "mobile",
            "referred_by": None,
        }
    )
    rows = [(u, step) for u, (_, steps) in spec.items() for step in steps]
    events = pd.DataFrame(rows, columns=["user_id", "stage"])
    events.insert(0, "event_id", range(len(events)))
    events["timestamp"], events["channel"], events["device"] = t0, "direct", "mobile"
    events["touchpoint"], events["event_type"], events["campaign"], events["cost"] = (
        "site", "visit", None, 0.0,
    )  # fmt: skip
    empty = {
        "orders": ["order_id", "user_id", "timestamp", "offer_type", "product", "price", "cost"],
        "referrals": ["referral_id", "inviter_id", "invitee_id", "invite_time", "signup_time",
                      "reward"],
        "survey": ["user_id", "timestamp", "nps", "csat"],
    }  # fmt: skip
    return Tables(users, events, **{k: pd.DataFrame(columns=v) for k, v in empty.items()})


FUNNEL = ["aware", "engage", "subscribe", "convert"]


@pytest.fixture()
def uneven() -> Tables:
    # office workers: 2 of 5 convert (more people, 40 %); home barista: 1 of 1 (100 %)
    return _tables_from(
        {
            1: ("office_worker", FUNNEL),
            2: ("office_worker", FUNNEL),
            3: ("office_worker", FUNNEL[:2]),
            4: ("office_worker", FUNNEL[:1]),
            5: ("office_worker", []),
            6: ("home_barista", FUNNEL),
            7: ("student", FUNNEL[:3]),
            8: ("student", FUNNEL[:1]),
        }
    )


def test_check_persona_accepts_the_brief_and_names_what_is_missing():
    from journeykit.checks.personas import check_persona, persona_brief

    assert "WhatsApp" in persona_brief() and "45-54" in persona_brief("id")
    good = Persona(
        key="warung_owner",
        name="Pak Hendra",
        age_band="45-54",
        occupation="Runs a warung kopi in Surabaya",
        goals=["A steady supply of robusta at a fair price"],
        needs=["Beans that taste the same every time"],
        frustrations=["Late deliveries"],
        channels=["whatsapp"],
        devices=["mobile"],
        quote="My regulars notice every change in taste.",
    )
    assert check_persona(good).ok
    assert check_persona(Persona(**{**good.to_dict(), "age_band": "45–54"})).ok
    fb = check_persona(Persona(**{**good.to_dict(), "channels": ["email"], "frustrations": []}))
    assert not fb.ok and "WhatsApp" in fb.message and "frustrations" in fb.message
    assert not check_persona(Persona(**{**good.to_dict(), "age_band": "35-44"})).ok
    assert "dict" in check_persona(good.to_dict()).message
    assert "no answer" in check_persona(None).message
    assert not check_persona("Pak Hendra").ok


def test_check_top_persona_compares_shares_not_counts(uneven):
    from journeykit.checks.personas import check_top_persona

    assert check_top_persona("home_barista", uneven).ok
    counted = check_top_persona("office_worker", uneven)
    assert not counted.ok and "Compare shares" in counted.message
    assert "key" in check_top_persona("Barista rumahan", uneven).message
    assert not check_top_persona("student", uneven).ok


def test_check_reach_share_recognises_common_mistakes(uneven):
    from journeykit.checks.personas import check_reach_share

    # office workers reaching engage: users 1, 2, 3 of 5 -> 0.6
    assert check_reach_share(0.6, uneven, persona="office_worker", stage="engage").ok
    assert (
        "percentage"
        in check_reach_share(60, uneven, persona="office_worker", stage="engage").message
    )
    assert (
        "number of people"
        in check_reach_share(3, uneven, persona="office_worker", stage="engage").message
    )
    assert (
        "all users"
        in check_reach_share(3 / 8, uneven, persona="office_worker", stage="engage").message
    )
    # students reaching subscribe: user 7 of 2 -> 0.5
    assert check_reach_share(0.5, uneven).ok
    assert not check_reach_share(0.25, uneven).ok


def test_check_largest_segment_share(tables):
    from journeykit.checks.personas import check_largest_segment_share

    seg = segment_users(behaviour_features(tables), k=2, seed=3)
    n1 = int((seg == 1).sum())
    assert n1 >= 3  # segments are numbered from the largest: 5 users in 2 groups
    assert check_largest_segment_share(n1 / 5, tables, k=2, seed=3).ok
    assert "number of users" in check_largest_segment_share(n1, tables, k=2, seed=3).message
    assert "smallest" in check_largest_segment_share(1 - n1 / 5, tables, k=2, seed=3).message


def test_stage_reach_counts_earlier_stages_as_passed():
    # like journeykit.funnels.stage_funnel: a buyer whose first touch was not recorded still
    # passed awareness and consideration
    t = _tables_from({1: ("student", ["convert"]), 2: ("student", []), 3: ("home_barista", FUNNEL)})
    reach = stage_reach(t, stage_model="five")
    assert reach.loc["student"].tolist() == [0.5, 0.5, 0.5, 0, 0]
    assert reach.loc["home_barista"].tolist() == [1, 1, 1, 0, 0]
