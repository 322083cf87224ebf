"""Stage-model pictures (journeykit.plots.stages) and the lesson-01 checks (journeykit.checks.stage_models)."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from journeykit.checks import stage_models as sm  # noqa: E402
from journeykit.errors import ParameterError, ValidationError  # noqa: E402
from journeykit.plots.stages import (  # noqa: E402
    plot_model_mapping,
    plot_stage_ladder,
    plot_stage_users,
)
from journeykit.stages import CVJ_STEPS, cvj_to_model, define_model, get_model  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _flat(text) -> str:
    return " ".join(text.get_text().split())


# --- plots ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("model", "lang", "labels"),
    [
        (
            "five",
            "en",
            ["Awareness", "Consideration", "Decision / Purchase", "Retention", "Advocacy"],
        ),
        ("map", "id", ["Kesadaran", "Pertimbangan", "Keputusan", "Pengalaman", "Loyalitas"]),
    ],
)
def test_ladder_has_one_arrow_and_label_per_stage_in_order(model, lang, labels):
    ax = plot_stage_ladder(model, lang=lang, detail="none")
    assert len(ax.patches) == len(labels)
    assert [_flat(t) for t in ax.texts] == labels
    xs = [p.get_xy()[:, 0].min() for p in ax.patches]
    assert xs == sorted(xs)  # left to right in journey order
    assert ax.get_title() == get_model(model).name(lang)


def test_ladder_details_follow_lang_and_show_disciplines():
    en = plot_stage_ladder("five", lang="en")
    texts = [_flat(t) for t in en.texts]
    assert any("thank-you" in t for t in texts)  # article 001's retention description
    id_ = plot_stage_ladder("five", lang="id")
    assert any("ucapan terima kasih" in _flat(t) for t in id_.texts)
    cvj = plot_stage_ladder("cvj", detail="disciplines")
    details = [_flat(t) for t in cvj.texts][8:]
    assert "Conversion Rate Optimization" in details[2]  # subscribe, article 004
    assert details[0].startswith("Digital Advertising")


def test_mapping_draws_one_line_per_pair_between_the_right_boxes():
    ax = plot_model_mapping("five", "cvj", lang="en")
    # five -> cvj pairs: awareness 1, consideration 2, purchase 1, retention 2, advocacy 2
    assert len(ax.lines) == 8
    texts = [_flat(t) for t in ax.texts]
    assert texts[:5] == [
        "Awareness",
        "Consideration",
        "Decision / Purchase",
        "Retention",
        "Advocacy",
    ]
    assert "Promote" in texts
    # consideration (2nd of 5) joins engage and subscribe (2nd and 3rd of 8): y centres
    ys = {tuple(np.round(line.get_ydata(), 4)) for line in ax.lines}
    five_y = {k: 1 - (i + 0.5) / 5 for i, k in enumerate(["aw", "co", "pu", "re", "ad"])}
    cvj_y = {k: 1 - (i + 0.5) / 8 for i, k in enumerate(CVJ_STEPS)}
    assert (round(five_y["co"], 4), round(cvj_y["engage"], 4)) in ys
    assert (round(five_y["co"], 4), round(cvj_y["subscribe"], 4)) in ys
    assert (round(five_y["re"], 4), round(cvj_y["ascend"], 4)) in ys


def test_mapping_title_follows_lang_and_custom_models_work():
    mine = define_model(
        "coffee",
        [
            {
                "key": "discover",
                "label_en": "Discover",
                "label_id": "Menemukan",
                "cvj_steps": ["aware", "engage"],
            },
            {
                "key": "buy",
                "label_en": "Buy",
                "label_id": "Membeli",
                "cvj_steps": ["subscribe", "convert"],
            },
        ],
    )
    ax = plot_model_mapping(mine, "five", lang="id")
    assert ax.get_title().startswith("Bagaimana")
    # discover -> awareness, consideration; buy -> consideration, purchase
    assert len(ax.lines) == 4


def test_stage_users_bars_labels_and_shares():
    users = pd.Series(
        {"awareness": 10, "consideration": 6, "purchase": 3, "retention": 2, "advocacy": 0}
    )
    ax = plot_stage_users(users, "five", lang="id")
    widths = [p.get_width() for p in ax.patches]
    assert widths == [10, 6, 3, 2, 0]
    ticks = {t.get_text(): t.get_position()[1] for t in ax.get_yticklabels()}
    assert sorted(ticks, key=ticks.get, reverse=True) == [  # first stage on top
        "Kesadaran",
        "Pertimbangan",
        "Keputusan / Pembelian",
        "Retensi",
        "Advokasi",
    ]
    assert [t.get_text() for t in ax.texts] == [
        "10 (100 %)",
        "6 (60 %)",
        "3 (30 %)",
        "2 (20 %)",
        "0 (0 %)",
    ]
    assert ax.get_xlabel() == "Pengguna" and ax.get_ylabel() == "Tahap"
    assert ax.get_title() == "Orang yang mencapai tiap tahap"


def test_stage_users_reorders_a_shuffled_series():
    users = pd.Series(
        {"retention": 2, "awareness": 10, "advocacy": 1, "purchase": 3, "consideration": 6}
    )
    widths = [p.get_width() for p in plot_stage_users(users).patches]
    assert widths == [10, 6, 3, 2, 1]


@pytest.mark.parametrize(
    ("users", "field"),
    [
        (
            {"awareness": 1, "hype": 2},
            r"users.index: expected stage keys of model 'five'.*got 'hype'",
        ),
        ({"awareness": 1}, r"users.index: expected a value for every stage.*no 'consideration'"),
        (
            {"awareness": 1, "consideration": -1, "purchase": 0, "retention": 0, "advocacy": 0},
            r"users\['consideration'\]: expected a finite number >= 0, got -1",
        ),
        (
            {"awareness": "many", "consideration": 1, "purchase": 0, "retention": 0, "advocacy": 0},
            r"users\['awareness'\]: expected a finite number >= 0, got 'many'",
        ),
        ([1, 2, 3], r"users: expected a pandas Series"),
    ],
)
def test_stage_users_bad_input_names_the_field(users, field):
    with pytest.raises(ValidationError, match=field):
        plot_stage_users(users)


def test_plots_refuse_unknown_model_detail_and_lang():
    with pytest.raises(ValidationError, match="stage_model: expected one of 'five', 'map', 'cvj'"):
        plot_stage_ladder("seven")
    with pytest.raises(ValidationError, match="detail: expected one of"):
        plot_stage_ladder("five", detail="metrics")
    with pytest.raises(ParameterError, match="lang: expected one of 'en', 'id'"):
        plot_model_mapping(lang="fr")


def test_plots_draw_on_a_given_axes():
    _, ax = plt.subplots()
    assert plot_stage_ladder(ax=ax) is ax


# --- checks for exercise 01 ---------------------------------------------------------------------


def test_practice_events_are_monotone_and_seeded():
    ev = sm.practice_events(seed=11, n_users=300)
    again = sm.practice_events(seed=11, n_users=300)
    pd.testing.assert_frame_equal(ev, again)
    assert not ev.equals(sm.practice_events(seed=12, n_users=300))
    pos = ev["stage"].map({s: i for i, s in enumerate(CVJ_STEPS)})
    # each user's steps are 0, 1, ..., furthest without gaps
    expected_pos = ev.groupby("user_id").cumcount()
    assert (pos == expected_pos).all()
    assert ev["user_id"].nunique() == 300 and ev["event_id"].is_unique
    # roughly 30 % stop at aware (p = 0.30): binomial sd for 300 users is about 8
    stops = ev.groupby("user_id").size().eq(1).sum()
    assert 60 <= stops <= 120


def test_practice_events_refuses_a_bad_size():
    with pytest.raises(ValueError, match="n_users: expected an integer >= 1"):
        sm.practice_events(n_users=0)


def test_expected_stage_users_by_hand():
    ev = pd.DataFrame(
        {
            "user_id": [1, 1, 1, 1, 2, 2, 3, 4, 4],
            "stage": [
                "aware",
                "engage",
                "subscribe",
                "convert",
                "aware",
                "engage",
                "aware",
                "excite",
                "promote",
            ],
        }
    )
    # furthest in five: u1 purchase, u2 consideration, u3 awareness, u4 advocacy (skipped steps count)
    assert sm.expected_stage_users(ev, "five").tolist() == [4, 3, 2, 1, 1]
    assert sm.expected_stage_users(ev, "cvj").tolist() == [4, 3, 2, 2, 1, 1, 1, 1]


@settings(max_examples=40, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    n=st.integers(1, 60),
    model=st.sampled_from(["five", "map", "cvj"]),
)
def test_expected_stage_users_never_increases_and_starts_with_everyone(seed, n, model):
    users = sm.expected_stage_users(sm.practice_events(seed=seed, n_users=n), model)
    assert users.iloc[0] == n
    assert (users.diff().dropna() <= 0).all()
    # on monotone data, people per stage = distinct users with an event in the stage
    ev = sm.practice_events(seed=seed, n_users=n)
    direct = ev.groupby(ev["stage"].map(cvj_to_model(model)))["user_id"].nunique()
    assert users.tolist() == direct.reindex(list(get_model(model).keys()), fill_value=0).tolist()


def test_check_journey_order_feedback():
    assert sm.check_journey_order(list(CVJ_STEPS)).ok
    assert sm.check_journey_order([s.upper() for s in CVJ_STEPS]).ok
    assert "backwards" in str(sm.check_journey_order(list(CVJ_STEPS)[::-1]))
    assert "another model" in str(sm.check_journey_order(["awareness", "consideration"]))
    swapped = list(CVJ_STEPS)
    swapped[2], swapped[3] = swapped[3], swapped[2]
    assert "wrong order" in str(sm.check_journey_order(swapped))
    assert "missing ['promote']" in str(sm.check_journey_order(list(CVJ_STEPS)[:-1]))
    assert "no answer yet" in str(sm.check_journey_order(None))
    assert not sm.check_journey_order("aware engage").ok


def test_practice_steps_are_a_shuffle_never_the_answer():
    for seed in range(50):
        steps = sm.practice_steps(seed)
        assert sorted(steps) == sorted(CVJ_STEPS) and steps != list(CVJ_STEPS)


def test_check_smartphone_stages_feedback():
    right = ["awareness", "consideration", "purchase", "retention", "advocacy"]
    assert sm.check_smartphone_stages(right).ok
    wrong = right.copy()
    wrong[3] = "purchase"
    fb = sm.check_smartphone_stages(wrong)
    assert not fb.ok and "Thank you for buying an iPhone" in str(fb) and "retention" in str(fb)
    assert "keys" in str(
        sm.check_smartphone_stages(
            ["awareness", "consideration", "decision / purchase", "retention", "advocacy"]
        )
    )
    assert "list of 5" in str(sm.check_smartphone_stages(right[:4]))
    assert "no answer yet" in str(sm.check_smartphone_stages(None))
    assert sm.smartphone_quotes("id")[0] == "Saya membutuhkan ponsel cerdas; mari Google"


@pytest.mark.parametrize(
    ("answer", "step", "ok", "hint"),
    [
        ("consideration", "subscribe", True, "correct"),
        ("purchase", "subscribe", False, "contact details, not money"),
        ("Consideration", "subscribe", True, "correct"),
        # a label is read as its key: right with a note naming the key, or that key's hint
        ("Pertimbangan", "subscribe", True, "'consideration'; 'Pertimbangan' is its label"),
        ("Keputusan / Pembelian", "subscribe", False, "contact details, not money"),
        ("retention", "ascend", True, "correct"),
        ("purchase", "ascend", False, "buying more after the first purchase"),
        ("engage", "engage", False, "is a stage of the 'cvj' model"),
        (None, "engage", False, "no answer yet"),
        ("advocacy", "nope", False, "not a stage of the 'cvj' model"),
    ],
)
def test_check_stage_of_feedback(answer, step, ok, hint):
    fb = sm.check_stage_of(answer, step)
    assert fb.ok is ok and hint in str(fb)


def test_check_stage_of_other_direction_accepts_any_overlapping_stage():
    assert sm.check_stage_of("excite", "retention", source="five", target="cvj").ok
    assert sm.check_stage_of("ascend", "retention", source="five", target="cvj").ok
    assert not sm.check_stage_of("convert", "retention", source="five", target="cvj").ok


def test_check_stage_users_feedback_for_common_mistakes():
    ev = pd.DataFrame(
        {
            "user_id": [1, 1, 1, 1, 2, 2, 3],
            "stage": ["aware", "engage", "subscribe", "convert", "aware", "engage", "aware"],
        }
    )
    right = pd.Series(
        {"awareness": 3, "consideration": 2, "purchase": 1, "retention": 0, "advocacy": 0}
    )
    assert sm.check_stage_users(right, ev).ok
    assert sm.check_stage_users([3, 2, 1, 0, 0], ev).ok
    assert sm.check_stage_users(dict(right), ev).ok
    # events per stage: awareness 3, consideration 3 (u1 engage+subscribe, u2 engage), purchase 1
    assert "counted events" in str(sm.check_stage_users([3, 3, 1, 0, 0], ev))
    # people at their furthest stage only: u3 awareness, u2 consideration, u1 purchase
    assert "furthest stage" in str(sm.check_stage_users([1, 1, 1, 0, 0], ev))
    assert "shares" in str(sm.check_stage_users([1, 2 / 3, 1 / 3, 0, 0], ev))
    assert "journey order" in str(sm.check_stage_users(right.iloc[::-1], ev))
    assert "needs a row with 0" in str(sm.check_stage_users(right.iloc[:3], ev))
    assert "'hype' is not a stage" in str(sm.check_stage_users(pd.Series({"hype": 1}), ev))
    assert "first stage that differs is 'purchase'" in str(
        sm.check_stage_users([3, 2, 2, 0, 0], ev)
    )
    assert "expected 5 numbers" in str(sm.check_stage_users([3, 2], ev))
    assert "expected numbers" in str(sm.check_stage_users(["a", "b", "c", "d", "e"], ev))
    assert "no answer yet" in str(sm.check_stage_users(None, ev))


def test_biggest_drop_by_hand_and_its_feedback():
    # users reaching: awareness 5, consideration 4, purchase 1, retention 1, advocacy 0
    ev = pd.DataFrame(
        {
            "user_id": [1, 1, 1, 1, 2, 2, 3, 3, 4, 4, 5],
            "stage": [
                "aware",
                "engage",
                "convert",
                "excite",
                "aware",
                "engage",
                "aware",
                "subscribe",
                "aware",
                "engage",
                "aware",
            ],
        }
    )
    assert sm.expected_stage_users(ev).tolist() == [5, 4, 1, 1, 0]
    assert sm.biggest_drop(ev) == "purchase"  # 4 -> 1
    assert sm.check_biggest_drop("purchase", ev).ok
    assert sm.check_biggest_drop(" Purchase ", ev).ok
    assert "after 'consideration'" in str(sm.check_biggest_drop("consideration", ev))
    assert "difference" in str(sm.check_biggest_drop("advocacy", ev))
    assert "no answer yet" in str(sm.check_biggest_drop(None, ev))
    assert sm.biggest_drop(ev, "cvj") == "subscribe"  # aware 5, engage 4, subscribe 2 (u1, u3)
