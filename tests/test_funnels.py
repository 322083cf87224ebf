"""Funnels: stage funnels and PostHog-style ordered/strict/unordered funnels, checked by hand."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from journeykit.errors import ParameterError, SchemaError, ValidationError
from journeykit.funnels import (
    Step,
    funnel_progress,
    make_step,
    ordered_funnel,
    stage_funnel,
    user_groups,
)
from journeykit.schema import CVJ_STEPS

D0 = pd.Timestamp("2024-03-01")


def _ev(rows):
    """rows: (user, days after D0, event_type, stage[, channel, device, campaign])."""
    out = []
    for i, r in enumerate(rows):
        user, days, et, stage, *rest = r
        channel, device, campaign = [*rest, None, None, None][:3]
        out.append(
            {
                "event_id": i + 1,
                "user_id": user,
                "timestamp": D0 + pd.Timedelta(days=days),
                "channel": channel or "direct",
                "device": device or "mobile",
                "touchpoint": "x",
                "event_type": et,
                "stage": stage,
                "campaign": campaign,
                "cost": 0.0,
            }
        )
    return pd.DataFrame(out)


# Ordered-funnel fixture (steps visit -> subscribe -> purchase), worked by hand in the comments.
SEVEN_DAYS_AND_A_SECOND = 7 + 1 / 86_400
STEP_EVENTS = _ev(
    [
        # u1: visit d0, click d1, subscribe d2, purchase d5 -> 3 steps (2 and 3 days); strict: 1
        (1, 0, "visit", "aware"),
        (1, 1, "click", "engage"),
        (1, 2, "subscribe", "subscribe"),
        (1, 5, "purchase", "convert"),
        # u2: visit d0, subscribe d1, purchase exactly 7 days after the visit -> 3 (inclusive)
        (2, 0, "visit", "aware"),
        (2, 1, "subscribe", "subscribe"),
        (2, 7, "purchase", "convert"),
        # u3: visit d0, purchase 7 days + 1 s later, never subscribes -> 1
        (3, 0, "visit", "aware"),
        (3, SEVEN_DAYS_AND_A_SECOND, "purchase", "convert"),
        # u4: subscribe before the visit -> ordered 1; unordered 3
        (4, 0, "subscribe", "subscribe"),
        (4, 1, "visit", "aware"),
        (4, 2, "purchase", "convert"),
        # u5: attempt A (visit d0) stalls in a 7-day window; attempt B (visit d20) reaches 3
        (5, 0, "visit", "aware"),
        (5, 20, "visit", "aware"),
        (5, 21, "subscribe", "subscribe"),
        (5, 22, "purchase", "convert"),
    ]
)
STEPS = ["visit", "subscribe", "purchase"]


def test_ordered_funnel_counts_and_times_by_hand():
    f = ordered_funnel(STEP_EVENTS, STEPS, window=7)
    assert f["users"].tolist() == [5, 3, 3]
    assert f["step_conversion"].tolist() == pytest.approx([1.0, 0.6, 1.0])
    assert f["overall_conversion"].tolist() == pytest.approx([1.0, 0.6, 0.6])
    assert f["drop_off"].tolist() == [0, 2, 0]
    assert f["drop_off_rate"].tolist() == pytest.approx([0.0, 0.4, 0.0])
    # visit -> subscribe: u1 2 d, u2 1 d, u5 1 d (attempt B); subscribe -> purchase: 3, 6, 1
    assert np.isnan(f["mean_days_from_previous"][0])
    assert f["mean_days_from_previous"][1] == pytest.approx(4 / 3)
    assert f["median_days_from_previous"][1] == pytest.approx(1.0)
    assert f["mean_days_from_previous"][2] == pytest.approx(10 / 3)
    assert f["median_days_from_previous"][2] == pytest.approx(3.0)
    # from the visit to the purchase: 5, 7, 2 days
    assert f["mean_days_from_first"][2] == pytest.approx(14 / 3)
    assert f["median_days_from_first"][2] == pytest.approx(5.0)
    assert f["name"].tolist() == STEPS


def test_window_boundary_is_inclusive():
    assert ordered_funnel(STEP_EVENTS, STEPS, window=7)["users"].tolist()[2] == 3
    # a hair shorter and u2's purchase (exactly 7 days later) falls out
    assert ordered_funnel(STEP_EVENTS, STEPS, window="6D23h59min")["users"].tolist()[2] == 2
    assert ordered_funnel(STEP_EVENTS, STEPS, window=pd.Timedelta(days=7))["users"][2] == 3
    # visit -> purchase: u3 bought 7 days + 1 s later: outside a 7-day window, inside 8 days
    two = ["visit", "purchase"]
    assert ordered_funnel(STEP_EVENTS, two, window=7)["users"].tolist() == [5, 4]
    assert ordered_funnel(STEP_EVENTS, two, window=8)["users"].tolist() == [5, 5]


def test_strict_order_breaks_on_any_event_in_between():
    f = ordered_funnel(STEP_EVENTS, STEPS, window=7, order="strict")
    # u1's click sits between visit and subscribe; u5's attempt A is followed by another visit
    assert f["users"].tolist() == [5, 2, 2]
    p = funnel_progress(STEP_EVENTS, STEPS, window=7, order="strict").set_index("user_id")
    assert p["steps_reached"].to_dict() == {1: 1, 2: 3, 3: 1, 4: 1, 5: 3}
    assert p.loc[5, "t1"] == D0 + pd.Timedelta(days=20)


def test_unordered_counts_any_k_of_the_steps():
    f = ordered_funnel(STEP_EVENTS, STEPS, window=7, order="unordered")
    # u4 did all three in another order; u3's purchase is outside the window
    assert f["users"].tolist() == [5, 4, 4]
    assert f["name"].tolist() == ["any 1 of 3", "any 2 of 3", "any 3 of 3"]
    assert f["label"].tolist()[1] == "Any 2 of 3 steps"
    with pytest.raises(ParameterError, match="overlap"):
        ordered_funnel(STEP_EVENTS, ["visit", "stage:aware"], order="unordered")


def test_no_window_and_the_attempt_rule():
    p = funnel_progress(STEP_EVENTS, STEPS, window=None, attempt="first").set_index("user_id")
    # without a window both of u5's attempts reach step 3: attempt="first" keeps the earliest (d0)
    assert p.loc[5, "steps_reached"] == 3
    assert p.loc[5, "t1"] == D0
    assert p.loc[5, "t2"] == D0 + pd.Timedelta(days=21)
    f = ordered_funnel(STEP_EVENTS, STEPS, window=None, attempt="first")
    assert f["users"].tolist() == [5, 3, 3]
    assert f["mean_days_from_previous"][1] == pytest.approx((2 + 1 + 21) / 3)
    # PostHog's rule (the default) restarts the clock at the last visit before the subscribe
    p = funnel_progress(STEP_EVENTS, STEPS, window=None).set_index("user_id")
    assert p.loc[5, "t1"] == D0 + pd.Timedelta(days=20)
    f = ordered_funnel(STEP_EVENTS, STEPS, window=None)
    assert f["users"].tolist() == [5, 3, 3]
    assert f["mean_days_from_previous"][1] == pytest.approx((2 + 1 + 1) / 3)
    # with a 7-day window u5's furthest attempt is B
    p7 = funnel_progress(STEP_EVENTS, STEPS, window=7).set_index("user_id")
    assert p7.loc[5, "t1"] == D0 + pd.Timedelta(days=20)
    assert p7.loc[3, "steps_reached"] == 1
    assert pd.isna(p7.loc[3, "t2"])


def test_same_timestamp_steps_never_lose_a_conversion_whatever_the_event_ids():
    ev = _ev([(1, 0, "visit", "aware"), (1, 0, "subscribe", "subscribe")])
    assert ordered_funnel(ev, ["visit", "subscribe"])["users"].tolist() == [1, 1]
    # the subscribe carries the higher id, yet at the same instant it may come first (PostHog [1, 1])
    assert ordered_funnel(ev, ["subscribe", "visit"])["users"].tolist() == [1, 1]
    rev = ev.assign(event_id=[2, 1])
    assert ordered_funnel(rev, ["visit", "subscribe"])["users"].tolist() == [1, 1]
    assert ordered_funnel(rev, ["visit", "subscribe"], order="strict")["users"].tolist() == [1, 1]
    # a repeated step needs a second event
    one = _ev([(1, 0, "visit", "aware")])
    assert ordered_funnel(one, ["visit", "visit"])["users"].tolist() == [1, 0]
    two = _ev([(1, 0, "visit", "aware"), (1, 0, "visit", "aware")])
    assert ordered_funnel(two, ["visit", "visit"])["users"].tolist() == [1, 1]


def test_zero_second_durations_are_left_out_as_posthog_does():
    # u1: visit and subscribe at one instant (0 s); u2: subscribe 2 days after the visit
    ev = _ev([(1, 0, "visit", "aware"), (1, 0, "subscribe", "subscribe"),
              (2, 0, "visit", "aware"), (2, 2, "subscribe", "subscribe")])  # fmt: skip
    ph = ordered_funnel(ev, ["visit", "subscribe"])
    assert ph["users"].tolist() == [2, 2]
    assert ph["mean_days_from_previous"][1] == pytest.approx(2.0)  # only u2's 2 days
    old = ordered_funnel(ev, ["visit", "subscribe"], attempt="first")
    assert old["mean_days_from_previous"][1] == pytest.approx(1.0)  # (0 + 2) / 2


def test_time_to_convert_restarts_at_the_latest_step_one_event():
    """Issue 14's example: visit, visit 5 days later, subscribe a day after."""
    ev = _ev([(1, 0, "visit", "aware"), (1, 5, "visit", "aware"), (1, 6, "subscribe", "subscribe")])
    ph = ordered_funnel(ev, ["visit", "subscribe"])
    assert ph["mean_days_from_previous"][1] == pytest.approx(1.0)
    first = ordered_funnel(ev, ["visit", "subscribe"], attempt="first")
    assert first["mean_days_from_previous"][1] == pytest.approx(6.0)
    with pytest.raises(ParameterError, match="^attempt: expected one of 'posthog', 'first'"):
        ordered_funnel(ev, ["visit", "subscribe"], attempt="last")


def _journeys(people: dict[str, list[tuple[str, str]]]) -> pd.DataFrame:
    """PostHog's ``journeys_for`` fixtures: person -> [(event name, ISO time)]."""
    rows = [
        {"user_id": person, "event_type": name, "timestamp": pd.Timestamp(when)}
        for person, events in people.items()
        for name, when in events
    ]
    return pd.DataFrame(rows)


def test_posthog_funnel_step_conversion_times():
    """PostHog's test_funnel_step_conversion_times (conversion_time_cases.py), its names and window."""
    ev = _journeys(
        {
            "person1": [("sign up", "2020-01-01 12:00"), ("play movie", "2020-01-01 13:00"),
                        ("buy", "2020-01-01 15:00")],
            "person2": [("sign up", "2020-01-02 14:00"), ("play movie", "2020-01-02 16:00")],
            "person3": [("sign up", "2020-01-02 14:00"), ("play movie", "2020-01-02 16:00"),
                        ("buy", "2020-01-02 17:00")],
        }
    )  # fmt: skip
    f = ordered_funnel(ev, ["sign up", "play movie", "buy"], window=7)
    seconds = 86_400
    assert f["users"].tolist() == [3, 3, 2]
    assert np.isnan(f["mean_days_from_previous"][0])
    # PostHog: average 6000 s and median 7200 s, then 5400 s and 5400 s
    assert f["mean_days_from_previous"][1] * seconds == pytest.approx(6000)
    assert f["median_days_from_previous"][1] * seconds == pytest.approx(7200)
    assert f["mean_days_from_previous"][2] * seconds == pytest.approx(5400)
    assert f["median_days_from_previous"][2] * seconds == pytest.approx(5400)


def test_posthog_funnel_with_multiple_incomplete_tries():
    """PostHog's test: a 1-day window; the complete try (1 h per step) gives the times."""
    ev = _journeys(
        {
            "person1": [
                ("user signed up", "2021-05-01 01:00"), ("$pageview", "2021-05-01 02:00"),
                ("something else", "2021-05-01 03:00"),
                ("user signed up", "2021-05-03 04:00"), ("$pageview", "2021-05-03 05:00"),
                ("user signed up", "2021-05-04 07:00"), ("$pageview", "2021-05-04 10:00"),
            ]
        }
    )  # fmt: skip
    f = ordered_funnel(ev, ["user signed up", "$pageview", "something else"], window=1)
    assert f["users"].tolist() == [1, 1, 1]
    assert f["mean_days_from_previous"][1] * 86_400 == pytest.approx(3600)
    assert f["median_days_from_previous"][1] * 86_400 == pytest.approx(3600)


def test_posthog_funnel_times_with_different_conversion_windows():
    ev = _journeys(
        {
            "stopped_after_signup1": [("user signed up", "2020-01-02 14:00"),
                                      ("pageview", "2020-01-02 14:05")],
            "stopped_after_signup2": [("user signed up", "2020-01-02 14:03")],
            "stopped_after_signup3": [("user signed up", "2020-01-02 12:00"),
                                      ("pageview", "2020-01-02 12:15")],
        }
    )  # fmt: skip
    steps = ["user signed up", "pageview"]
    f = ordered_funnel(ev, steps, window=14)
    assert f["users"].tolist() == [3, 2]
    assert f["mean_days_from_previous"][1] * 86_400 == pytest.approx(600)
    f5 = ordered_funnel(ev, steps, window="5min")  # boundary inclusive: 14:00 -> 14:05 counts
    assert f5["users"].tolist() == [3, 1]
    assert f5["mean_days_from_previous"][1] * 86_400 == pytest.approx(300)


def test_breakdown_by_the_first_funnel_step_event():
    # u1 first touched via an ad impression (social_ads), then visited via email and subscribed;
    # u2 visited via store only
    ev = _ev(
        [
            (1, 0, "impression", "aware", "social_ads"),
            (1, 1, "visit", "aware", "email"),
            (1, 2, "subscribe", "subscribe", "email"),
            (2, 0, "visit", "aware", "store"),
        ]
    )
    steps = ["visit", "subscribe"]
    first = ordered_funnel(ev, steps, by="channel").set_index(["channel", "position"])["users"]
    assert first.to_dict() == {("social_ads", 1): 1, ("social_ads", 2): 1, ("store", 1): 1,
                               ("store", 2): 0}  # fmt: skip
    step = ordered_funnel(ev, steps, by="channel", touch="first_step")
    assert step.set_index(["channel", "position"])["users"].to_dict() == {
        ("email", 1): 1, ("email", 2): 1, ("store", 1): 1, ("store", 2): 0}  # fmt: skip
    with pytest.raises(ParameterError, match="^touch:"):
        ordered_funnel(ev, steps, by="channel", touch="last")


def test_any_event_names_property_filters_and_ga4_stages():
    ev = pd.DataFrame(
        {
            "user_id": ["a", "a", "a", "b", "b"],
            "timestamp": pd.to_datetime(["2024-01-01 10:00", "2024-01-01 10:05",
                                         "2024-01-01 10:20", "2024-01-02 09:00",
                                         "2024-01-02 09:01"]),
            "event_type": ["page_view", "page_view", "purchase", "page_view", "page_view"],
            "page_type": ["home", "cart", "thanks", "home", "product"],
            "value": [0.0, 0.0, 120.0, 0.0, 0.0],
        }
    )  # fmt: skip
    f = ordered_funnel(ev, ["page_view", "page_view[page_type=cart|checkout]", "purchase"])
    assert f["users"].tolist() == [2, 1, 1]
    assert f["name"].tolist()[1] == "page_view[page_type=cart|checkout]"
    big = Step(event_type="purchase", where={"value": "120"})  # text 120 matches the number 120.0
    assert ordered_funnel(ev, ["page_view", big])["users"].tolist() == [2, 1]
    # no stage column: GA4's names are placed on the stages (page_view aware, purchase convert)
    sf = stage_funnel(ev, "five")
    assert sf["users"].tolist() == [2, 1, 1, 0, 0]  # b only viewed; a bought
    # a user mapping extends the default
    sf = stage_funnel(ev.assign(event_type="sign up"), "cvj", stage_map={"sign up": "subscribe"})
    assert sf.set_index("stage")["users"]["subscribe"] == 2
    with pytest.raises(SchemaError, match=r"events\.page_type: missing column"):
        ordered_funnel(ev.drop(columns="page_type"), ["page_view", "page_view[page_type=cart]"])


def test_step_filters_combine_event_type_stage_and_channel():
    ev = _ev(
        [
            (1, 0, "visit", "aware", "email"),
            (1, 1, "purchase", "convert", "store"),
            (1, 9, "purchase", "ascend", "email"),
            (2, 0, "visit", "aware", "social_ads"),
            (2, 1, "purchase", "convert", "email"),
        ]
    )
    first_buy = Step(event_type="purchase", stage="convert")
    assert ordered_funnel(ev, ["visit", first_buy])["users"].tolist() == [2, 2]
    email_buy = {"event_type": "purchase", "channel": "email"}
    assert ordered_funnel(ev, ["visit", email_buy], window=7)["users"].tolist() == [2, 1]
    assert ordered_funnel(ev, ["visit", email_buy], window=9)["users"].tolist() == [2, 2]
    assert make_step(email_buy).name == "purchase@email"
    assert Step(event_type="visit", channel="email").label("id") == "Kunjungan melalui Email"


def test_breakdown_of_an_ordered_funnel():
    users = pd.DataFrame(
        {
            "user_id": [1, 2, 3, 4, 5],
            "persona": ["a", "a", "b", "b", "b"],
            "first_seen": [D0] * 5,
        }
    )
    f = ordered_funnel(STEP_EVENTS, STEPS, window=7, by="persona", users=users)
    assert f.loc[f["persona"] == "a", "users"].tolist() == [2, 2, 2]
    assert f.loc[f["persona"] == "b", "users"].tolist() == [3, 1, 1]


# Stage-funnel fixture: furthest stages by hand.
STAGE_EVENTS = _ev(
    [
        (1, 0, "visit", "aware", "social_ads", "mobile"),  # A: awareness only
        (2, 0, "visit", "aware", "email", "desktop"),  # B: consideration
        (2, 1, "click", "engage", "social_ads", "mobile", "spring"),
        (3, 0, "visit", "aware", "email", "mobile", "spring"),  # C: retention (excite)
        (3, 1, "click", "engage", "email", "mobile"),
        (3, 2, "purchase", "convert", "store", "mobile"),
        (3, 3, "onboard", "excite", "email", "mobile"),
        (4, 0, "visit", "aware", "whatsapp", "tablet"),  # D: advocacy, with a gap
        (4, 5, "invite", "promote", "whatsapp", "tablet"),
        (5, 1, "click", "engage", "paid_search", "desktop", "summer"),  # E: consideration
    ]
)
STAGE_USERS = pd.DataFrame(
    {
        "user_id": [1, 2, 3, 4, 5],
        "persona": ["x", "x", "x", "y", "y"],
        "first_seen": pd.to_datetime(
            ["2024-01-15", "2024-01-31", "2024-02-01", "2024-02-10", "2024-02-29"]
        ),
        "acquisition_channel": ["social_ads", "email", "email", "whatsapp", "paid_search"],
        "device": ["mobile", "desktop", "mobile", "tablet", "desktop"],
        "referred_by": [None] * 5,
    }
)


def test_stage_funnel_five_by_hand():
    f = stage_funnel(STAGE_EVENTS, "five")
    assert f["stage"].tolist() == [
        "awareness",
        "consideration",
        "purchase",
        "retention",
        "advocacy",
    ]
    assert f["users"].tolist() == [5, 4, 2, 2, 1]
    assert f["step_conversion"].tolist() == pytest.approx([1.0, 0.8, 0.5, 1.0, 0.5])
    assert f["overall_conversion"].tolist() == pytest.approx([1.0, 0.8, 0.4, 0.4, 0.2])
    assert f["drop_off"].tolist() == [0, 1, 2, 0, 1]
    assert f["drop_off_rate"].tolist() == pytest.approx([0.0, 0.2, 0.5, 0.0, 0.5])
    assert f["label"].tolist()[2] == "Decision / Purchase"
    assert stage_funnel(STAGE_EVENTS, lang="id")["label"].tolist()[0] == "Kesadaran"


def test_stage_funnel_other_models():
    from journeykit.stages import define_model

    assert stage_funnel(STAGE_EVENTS, "cvj")["users"].tolist() == [5, 4, 2, 2, 2, 1, 1, 1]
    assert stage_funnel(STAGE_EVENTS, "map")["users"].tolist() == [5, 4, 2, 2, 1]
    # a learner's own model: "buy" covers convert and later steps only
    own = define_model(
        "coffee",
        [
            {
                "key": "discover",
                "label_en": "Discover",
                "label_id": "Menemukan",
                "cvj_steps": ["aware", "engage", "subscribe"],
            },
            {
                "key": "buy",
                "label_en": "Buy",
                "label_id": "Membeli",
                "cvj_steps": ["convert", "excite", "ascend", "advocate", "promote"],
            },
        ],
    )
    assert stage_funnel(STAGE_EVENTS, own)["users"].tolist() == [5, 2]
    unplaced = define_model("bare", [{"key": "a", "label_en": "A", "label_id": "A"}])
    with pytest.raises(ValidationError, match="^stage_model: expected stages that list"):
        stage_funnel(STAGE_EVENTS, unplaced)


def test_stage_funnel_breakdowns_by_hand():
    f = stage_funnel(STAGE_EVENTS, by="persona", users=STAGE_USERS)
    assert f.loc[f["persona"] == "x", "users"].tolist() == [3, 2, 1, 1, 0]
    assert f.loc[f["persona"] == "y", "users"].tolist() == [2, 2, 1, 1, 1]
    c = stage_funnel(STAGE_EVENTS, by="cohort", users=STAGE_USERS)
    assert c["cohort"].unique().tolist() == ["2024-01", "2024-02"]
    assert c.loc[c["cohort"] == "2024-02", "users"].tolist() == [3, 3, 2, 2, 1]
    # first touch: user 2's first event is on email, user 5's only event on paid search
    ch = stage_funnel(STAGE_EVENTS, by="channel")
    assert ch["channel"].unique().tolist() == [
        "paid_search",
        "social_ads",
        "email",
        "whatsapp",
    ]  # journeykit.schema.CHANNELS order
    assert ch.loc[ch["channel"] == "email", "users"].tolist() == [2, 2, 1, 1, 0]
    dv = stage_funnel(STAGE_EVENTS, by="device")
    assert dv.loc[dv["device"] == "mobile", "users"].tolist() == [2, 1, 1, 1, 0]
    # campaign: first event that has one; users 1 and 4 never saw a campaign
    cp = user_groups(STAGE_EVENTS, "campaign")
    assert cp.to_dict() == {1: "(none)", 2: "spring", 3: "spring", 4: "(none)", 5: "summer"}
    camp = stage_funnel(STAGE_EVENTS, by="campaign")
    assert camp["campaign"].unique().tolist() == ["spring", "summer", "(none)"]


def test_empty_events_give_an_empty_funnel():
    f = stage_funnel(STAGE_EVENTS.iloc[:0])
    assert f["users"].tolist() == [0] * 5
    assert f["step_conversion"].isna().all()


# --- bad input ------------------------------------------------------------------------------


def test_unknown_stage_missing_column_wrong_types():
    bad = STAGE_EVENTS.assign(stage=["aware"] * 9 + ["hype"])
    with pytest.raises(SchemaError, match=r"events\.stage: unknown value 'hype'"):
        stage_funnel(bad)
    # without a stage column the stage comes from the event name, which must then be there
    no_names = STAGE_EVENTS.drop(columns=[c for c in ("stage", "event_type") if c in STAGE_EVENTS])
    with pytest.raises(SchemaError, match=r"events\.event_type: missing column"):
        stage_funnel(no_names)
    with pytest.raises(SchemaError, match=r"events\.timestamp: expected timestamps"):
        ordered_funnel(STEP_EVENTS.assign(timestamp="yesterday"), STEPS)
    mixed = STAGE_EVENTS.assign(user_id=[*STAGE_EVENTS["user_id"].iloc[:-1], "anna"])
    with pytest.raises(SchemaError, match=r"events\.user_id: mixed types \(9 number, 1 text\)"):
        stage_funnel(mixed)
    with pytest.raises(SchemaError, match="expected a pandas DataFrame"):
        stage_funnel([1, 2, 3])
    with pytest.raises(ValidationError, match="stage_model"):
        stage_funnel(STAGE_EVENTS, "seven")


def test_bad_parameters_name_the_parameter():
    with pytest.raises(ParameterError, match="^by:"):
        stage_funnel(STAGE_EVENTS, by="gender")
    with pytest.raises(ParameterError, match="^users:"):
        stage_funnel(STAGE_EVENTS, by="persona")
    with pytest.raises(ParameterError, match="^window:"):
        ordered_funnel(STEP_EVENTS, STEPS, window=-1)
    with pytest.raises(ParameterError, match="^window:"):
        ordered_funnel(STEP_EVENTS, STEPS, window="soon")
    with pytest.raises(ParameterError, match="^order:"):
        ordered_funnel(STEP_EVENTS, STEPS, order="sequential")
    with pytest.raises(ParameterError, match="^steps:"):
        ordered_funnel(STEP_EVENTS, ["visit"])
    with pytest.raises(ParameterError, match="^steps:"):
        ordered_funnel(STEP_EVENTS, "visit")
    with pytest.raises(ValidationError, match=r"^step\.stage"):
        make_step({"stage": "checkout"})
    with pytest.raises(ValidationError, match="^step:"):
        make_step({"event": "visit"})
    with pytest.raises(ValidationError, match="^step:"):
        Step()
    with pytest.raises(SchemaError, match=r"events\.user_id"):
        stage_funnel(STAGE_EVENTS, by="persona", users=STAGE_USERS.iloc[:2])


# --- properties -----------------------------------------------------------------------------

TYPES = ["visit", "click", "subscribe", "purchase"]
STAGE_OF = {"visit": "aware", "click": "engage", "subscribe": "subscribe", "purchase": "convert"}


@st.composite
def event_tables(draw):
    n = draw(st.integers(0, 40))
    users = draw(st.lists(st.integers(1, 6), min_size=n, max_size=n))
    hours = draw(st.lists(st.integers(0, 24 * 20), min_size=n, max_size=n))
    types = draw(st.lists(st.sampled_from(TYPES), min_size=n, max_size=n))
    stages = draw(st.lists(st.sampled_from(CVJ_STEPS), min_size=n, max_size=n))
    return pd.DataFrame(
        {
            "event_id": np.arange(1, n + 1),
            "user_id": users,
            "timestamp": D0 + pd.to_timedelta(hours, unit="h"),
            "event_type": types,
            "stage": stages,
            "channel": ["direct"] * n,
        }
    )


def _funnel_cases(test):
    """Random event tables, three of the four event types as steps, and a window."""
    test = given(
        ev=event_tables(),
        steps=st.permutations(TYPES).map(lambda p: p[:3]),
        window=st.sampled_from([None, 0.5, 2, 7]),
    )(test)
    test = settings(max_examples=60, deadline=None)(test)
    return pytest.mark.filterwarnings("ignore:steps. no event:UserWarning")(test)


def _reference_reached(ev, steps, window_days, order):
    """A plain per-user loop over the same rules, written independently of the vectorised code.

    Events at one instant are taken in funnel-step order (the documented tie rule)."""
    rank = {name: i for i, name in reversed(list(enumerate(steps)))}
    ev = ev.assign(_rank=ev["event_type"].map(rank).fillna(len(steps)))
    ev = ev.sort_values(["user_id", "timestamp", "_rank", "event_id"])
    best = {}
    limit = None if window_days is None else pd.Timedelta(days=window_days)
    for user, rows in ev.groupby("user_id"):
        types = rows["event_type"].tolist()
        times = rows["timestamp"].tolist()
        top = 0
        for a in range(len(types)):
            if order == "unordered":
                if types[a] not in steps:
                    continue
                seen = {
                    types[j]
                    for j in range(a, len(types))
                    if types[j] in steps and (limit is None or times[j] - times[a] <= limit)
                }
                top = max(top, len(seen))
                continue
            if types[a] != steps[0]:
                continue
            k, j = 1, a
            while k < len(steps):
                if order == "strict":
                    nxt = j + 1 if j + 1 < len(types) and types[j + 1] == steps[k] else None
                else:
                    nxt = next((i for i in range(j + 1, len(types)) if types[i] == steps[k]), None)
                if nxt is None or (limit is not None and times[nxt] - times[a] > limit):
                    break
                k, j = k + 1, nxt
            top = max(top, k)
        if top:
            best[user] = top
    return best


@_funnel_cases
def test_funnels_never_increase_and_match_a_plain_loop(ev, steps, window):
    counts = {}
    for order in ("strict", "ordered", "unordered"):
        f = ordered_funnel(ev, list(steps), window=window, order=order)
        users = f["users"].to_numpy()
        assert (np.diff(users) <= 0).all()
        assert ((f["step_conversion"].dropna() >= 0) & (f["step_conversion"].dropna() <= 1)).all()
        got = funnel_progress(ev, list(steps), window=window, order=order)
        want = _reference_reached(ev, list(steps), window, order)
        assert dict(zip(got["user_id"], got["steps_reached"], strict=True)) == want
        counts[order] = users
    # a strict attempt is also an ordered one, and an ordered one also an unordered one
    assert (counts["strict"] <= counts["ordered"]).all()
    assert (counts["ordered"] <= counts["unordered"]).all()
    sf = stage_funnel(ev, "cvj")["users"].to_numpy()
    assert (np.diff(sf) <= 0).all()
    assert sf[0] == ev["user_id"].nunique()


@pytest.mark.filterwarnings("ignore:steps. no event:UserWarning")
@settings(max_examples=30, deadline=None)
@given(ev=event_tables(), small=st.floats(0, 5), extra=st.floats(0, 10))
def test_a_longer_window_never_converts_fewer(ev, small, extra):
    a = ordered_funnel(ev, ["visit", "click", "purchase"], window=small)["users"].to_numpy()
    b = ordered_funnel(ev, ["visit", "click", "purchase"], window=small + extra)["users"]
    assert (a <= b.to_numpy()).all()


# --- plots ----------------------------------------------------------------------------------


def test_funnel_plots_follow_lang_and_reject_wrong_input():
    import matplotlib.pyplot as plt

    from journeykit.plots.funnels import plot_funnel, plot_funnel_by, plot_time_to_convert

    ax = plot_funnel(stage_funnel(STAGE_EVENTS, lang="id"), lang="id")
    assert ax.get_title() == "Funnel (corong): orang yang mencapai tiap langkah"
    assert [tick.get_text() for tick in ax.get_yticklabels()][0] == "Kesadaran"
    assert [round(p.get_width()) for p in ax.patches] == [5, 4, 2, 2, 1]
    ax = plot_funnel_by(stage_funnel(STAGE_EVENTS, by="channel"), lang="en")
    assert ax.get_title() == "Funnel by First-touch channel"
    assert [t.get_text() for t in ax.get_legend().get_texts()][0] == "Paid search"
    assert len(ax.lines) == 4
    ax = plot_time_to_convert(ordered_funnel(STEP_EVENTS, STEPS, window=7), lang="en")
    assert [round(p.get_width(), 6) for p in ax.patches] == [1.0, 3.0]  # medians by hand
    assert ax.get_xlabel() == "Median days from the previous step"
    with pytest.raises(ValidationError, match="^funnel"):
        plot_funnel(stage_funnel(STAGE_EVENTS, by="device"))
    with pytest.raises(ValidationError, match="^funnel"):
        plot_funnel_by(stage_funnel(STAGE_EVENTS))
    with pytest.raises(SchemaError, match="^funnel.label: missing column"):
        plot_funnel(pd.DataFrame({"users": [1]}))
    plt.close("all")


# --- exercise checks (lesson 05) ------------------------------------------------------------


def test_funnel_checks_explain_the_usual_mistakes():
    from journeykit.checks import measuring as check

    # five-stage funnel 5, 4, 2, 2, 1: into purchase 2/4 = 0.5; overall 0.4
    assert check.check_step_conversion(0.5, STAGE_EVENTS, stage="purchase").ok
    assert "overall" in check.check_step_conversion(0.4, STAGE_EVENTS, stage="purchase").message
    fb = check.check_step_conversion(0.2, STAGE_EVENTS, stage="consideration")
    assert "drop-off" in fb.message
    # visit -> subscribe -> purchase, 7 days: ordered 3, strict 2, no window 3, unordered 4
    assert check.check_funnel_users(3, STEP_EVENTS, STEPS, window=7).ok
    assert "strict" in check.check_funnel_users(2, STEP_EVENTS, STEPS, window=7).message
    assert "any order" in check.check_funnel_users(4, STEP_EVENTS, STEPS, window=7).message
    fb = check.check_funnel_users(3, STEP_EVENTS, STEPS, window="6D23h59min")
    assert not fb.ok and "window" in fb.message
    assert "cannot check" in check.check_step_conversion(0.5, STAGE_EVENTS, stage="hype").message


@pytest.mark.filterwarnings("ignore:steps. no event:UserWarning")
@settings(max_examples=20, deadline=None)
@given(
    ev=event_tables(), personas=st.lists(st.sampled_from(["a", "b", "c"]), min_size=6, max_size=6)
)
def test_breakdown_groups_add_up_to_the_whole_funnel(ev, personas):
    users = pd.DataFrame({"user_id": range(1, 7), "persona": personas, "first_seen": [D0] * 6})
    whole = stage_funnel(ev, "cvj")["users"].to_numpy()
    parts = stage_funnel(ev, "cvj", "persona", users=users)
    steps = ["visit", "click", "purchase"]
    whole_o = ordered_funnel(ev, steps, window=3)["users"].to_numpy()
    parts_o = ordered_funnel(ev, steps, window=3, by="persona", users=users)
    if ev.empty:  # no people, so no groups: an empty breakdown (and a funnel of zeros)
        assert parts.empty and parts_o.empty and whole.sum() == 0 and whole_o.sum() == 0
        return
    assert (parts.groupby("position")["users"].sum().to_numpy() == whole).all()
    assert (parts_o.groupby("position")["users"].sum().to_numpy() == whole_o).all()


def _posthog_reference(ev, steps, window_days):
    """PostHog's ordered-funnel rule (its aggregate_funnel UDF) as a plain per-user loop.

    One state per step level: (entry time, step times). An event of step k takes level k-1's
    state (if within the window of its entry, and if level k does not hold that entry already)
    and the first time a level deeper than any before is reached, that state is the user's
    result. Events at one instant are tried in every order; each level then keeps the state with
    the latest entry. Returns {user: (steps reached, [seconds between consecutive steps])}.
    PostHog's times at a tie depend on the order its array holds same-instant events in (the
    first order tried that goes deepest wins); here they are held in funnel-step order, the order
    journeykit documents.
    """
    from itertools import groupby, permutations

    limit = np.inf if window_days is None else window_days * 86_400
    n = len(steps)
    out = {}
    rank = {name: i for i, name in reversed(list(enumerate(steps)))}
    ev = ev.assign(_rank=ev["event_type"].map(rank).fillna(n))
    for user, rows in ev.sort_values(["user_id", "timestamp", "_rank", "event_id"]).groupby(
        "user_id"
    ):
        seq = list(
            zip((rows["timestamp"] - D0).dt.total_seconds(), rows["event_type"], strict=True)
        )
        level = [None] * (n + 1)
        best = [0, None]
        for when, same in groupby(seq, key=lambda e: e[0]):
            tried = []
            for perm in permutations(list(same)):
                state = list(level)
                state[0] = (when, [])
                for _, name in perm:
                    for k in range(n, 0, -1):
                        prev = state[k - 1]
                        if steps[k - 1] != name or prev is None or when - prev[0] > limit:
                            continue
                        if state[k] is not None and state[k][0] == prev[0]:
                            continue
                        state[k] = (prev[0], [*prev[1], when])
                        if k > best[0]:
                            best[:] = [k, state[k]]
                tried.append(state)
            level = [
                max((t[i] for t in tried if t[i] is not None), key=lambda x: x[0], default=None)
                for i in range(n + 1)
            ]
            if level[n] is not None:
                break
        if best[0]:
            times = best[1][1]
            out[user] = (best[0], [b - a for a, b in zip(times, times[1:], strict=False)])
    return out


@_funnel_cases
def test_ordered_funnel_counts_and_times_match_posthogs_rule(ev, steps, window):
    # the reference tries every order of same-instant events: keep those groups small
    relevant = ev[ev["event_type"].isin(list(steps))]
    assume(relevant.groupby(["user_id", "timestamp"]).size().max() <= 5 if len(relevant) else True)
    ev = relevant
    want = _posthog_reference(ev, list(steps), window)
    got = funnel_progress(ev, list(steps), window=window).set_index("user_id")
    assert {u: int(r) for u, r in got["steps_reached"].items()} == {
        u: w[0] for u, w in want.items()
    }
    for user, (reached, gaps) in want.items():
        t = [got.loc[user, f"t{i + 1}"] for i in range(reached)]
        assert [(b - a).total_seconds() for a, b in zip(t, t[1:], strict=False)] == gaps


def test_coffee_data_matches_the_posthog_audit_of_issue_14():
    """The audit (issue 14) ran PostHog's rules on datasets/coffee as it was then (kept as
    tests/data/issue14_coffee/, the events of the data set before the world was recalibrated):
    visit -> purchase took 5.57 days on average with the earliest attempt and 1.31 with
    PostHog's re-anchoring; paid search holds 200 people by first touch of any type and 13 by
    first funnel-step event."""
    from pathlib import Path

    from journeykit.schema import read_tables

    ev = read_tables(Path(__file__).resolve().parent / "data" / "issue14_coffee").events
    mean = {
        a: ordered_funnel(ev, ["visit", "purchase"], attempt=a)["mean_days_from_previous"][1]
        for a in ("first", "posthog")
    }
    assert mean["first"] == pytest.approx(5.57, abs=0.005)
    assert mean["posthog"] == pytest.approx(1.31, abs=0.005)
    steps = ["visit", "subscribe", "purchase"]
    entered = {
        touch: ordered_funnel(ev, steps, by="channel", touch=touch)
        .query("position == 1")
        .set_index("channel")["users"]["paid_search"]
        for touch in ("first", "first_step")
    }
    assert entered == {"first": 200, "first_step": 13}
