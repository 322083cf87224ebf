"""Touchpoints and channels: channel x stage matrix, cross-channel/device journeys, device split."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journeykit.errors import ParameterError, SchemaError
from journeykit.schema import CHANNELS, DEVICES
from journeykit.touchpoints import (
    channel_stage_matrix,
    conversion_by_channel_count,
    device_split,
    hour_of_day,
    journey_breadth,
    omnichannel_summary,
)

D0 = pd.Timestamp("2024-06-01")


def _events(rows):
    return pd.DataFrame(
        [
            {
                "event_id": i + 1,
                "user_id": u,
                "timestamp": D0 + pd.Timedelta(days=d),
                "channel": ch,
                "device": dev,
                "event_type": et,
                "stage": stage,
            }
            for i, (u, d, ch, dev, et, stage) in enumerate(rows)
        ],
        columns=["event_id", "user_id", "timestamp", "channel", "device", "event_type", "stage"],
    )


EVENTS = _events(
    [
        # u1: phone ad click, then buys on a laptop; later buys again by email on the phone
        (1, 0, "social_ads", "mobile", "click", "engage"),
        (1, 1, "direct", "desktop", "visit", "engage"),
        (1, 2, "direct", "desktop", "purchase", "convert"),
        (1, 5, "email", "mobile", "visit", "engage"),
        (1, 6, "email", "mobile", "purchase", "ascend"),
        # u2: one channel, one device
        (2, 0, "email", "mobile", "visit", "aware"),
        (2, 1, "email", "mobile", "purchase", "convert"),
        # u3: never buys; two channels, two devices
        (3, 0, "social_ads", "tablet", "impression", "aware"),
        (3, 1, "organic_search", "tablet", "visit", "aware"),
        (3, 2, "organic_search", "desktop", "visit", "aware"),
        # u4: walks into the store and buys
        (4, 0, "store", "desktop", "purchase", "convert"),
    ]
)


def test_channel_stage_matrix_by_hand():
    m = channel_stage_matrix(EVENTS, "five")
    assert m.index.tolist() == ["organic_search", "social_ads", "email", "direct", "store"]
    assert m.columns.tolist() == ["awareness", "consideration", "purchase", "retention", "advocacy"]
    assert m.loc["email"].tolist() == [1, 1, 1, 1, 0]
    assert m.loc["direct"].tolist() == [0, 1, 1, 0, 0]
    assert m.loc["organic_search"].tolist() == [1, 0, 0, 0, 0]  # one person, two touches
    touches = channel_stage_matrix(EVENTS, "five", value="touches")
    assert touches.loc["organic_search", "awareness"] == 2
    assert touches.to_numpy().sum() == len(EVENTS)
    share = channel_stage_matrix(EVENTS, "five", normalize="stage")
    assert share["awareness"].tolist() == pytest.approx([0.5, 0.5, 0.5, 0, 0])
    assert share["purchase"].tolist() == pytest.approx([0, 0, 1 / 3, 1 / 3, 1 / 3])
    assert share["advocacy"].isna().all()
    cvj = channel_stage_matrix(EVENTS, "cvj")
    assert cvj.loc["email", "ascend"] == 1 and cvj.loc["email", "convert"] == 1


def test_journey_breadth_until_conversion():
    b = journey_breadth(EVENTS).set_index("user_id")
    assert b.loc[1].tolist() == [3, 2, 2, True]  # the email visit after buying does not count
    assert b.loc[2].tolist() == [2, 1, 1, True]
    assert b.loc[3].tolist() == [3, 2, 2, False]
    assert b.loc[4].tolist() == [1, 1, 1, True]
    everything = journey_breadth(EVENTS, until="all").set_index("user_id")
    assert everything.loc[1, "touches"] == 5 and everything.loc[1, "channels"] == 3


def test_omnichannel_summary_by_hand():
    s = omnichannel_summary(EVENTS)
    assert s.loc["converted", "people"] == 3
    assert s.loc["converted", "multichannel_share"] == pytest.approx(1 / 3)
    assert s.loc["converted", "cross_device_share"] == pytest.approx(1 / 3)
    assert s.loc["converted", "mean_channels"] == pytest.approx(4 / 3)
    assert s.loc["converted", "mean_touches"] == pytest.approx(2.0)
    assert s.loc["not_converted"].tolist()[:3] == [1, 1.0, 1.0]
    assert s.loc["all", "multichannel_share"] == 0.5


def test_conversion_by_channel_count_by_hand():
    c = conversion_by_channel_count(EVENTS)
    assert c["channels"].tolist() == ["1", "2", "3", "4+"]
    assert c["people"].tolist() == [2, 2, 0, 0]
    assert c["converted"].tolist() == [2, 1, 0, 0]
    assert c["conversion_rate"].tolist()[:2] == [1.0, 0.5]
    assert np.isnan(c["conversion_rate"][2])


def test_device_split_by_hand():
    first = device_split(EVENTS)
    assert first["device"].tolist() == list(DEVICES)
    assert first["conversions"].tolist() == [1, 2, 0]  # mobile u2; desktop u1, u4
    assert first["share"].tolist() == pytest.approx([1 / 3, 2 / 3, 0])
    every = device_split(EVENTS, conversions="all")
    assert every["conversions"].tolist() == [2, 2, 0]
    none = device_split(EVENTS[EVENTS["event_type"] != "purchase"])
    assert none["conversions"].sum() == 0 and none["share"].isna().all()


def test_bad_input():
    with pytest.raises(SchemaError, match=r"events\.device: missing column"):
        device_split(EVENTS.drop(columns="device"))
    with pytest.raises(SchemaError, match=r"events\.device: missing values \[rows 0\]"):
        device_split(EVENTS.assign(device=[None, *EVENTS["device"].iloc[1:]]))
    # open vocabularies: a device or channel journeykit does not know is counted as itself
    split = device_split(EVENTS.assign(device="watch")).set_index("device")["conversions"]
    assert split[split > 0].index.tolist() == ["watch"]
    assert channel_stage_matrix(EVENTS.assign(channel="tv")).index.tolist() == ["tv"]
    with pytest.raises(ParameterError, match="^conversions:"):
        device_split(EVENTS, conversions="last")
    with pytest.raises(ParameterError, match="^value:"):
        channel_stage_matrix(EVENTS, value="clicks")
    with pytest.raises(ParameterError, match="^normalize:"):
        channel_stage_matrix(EVENTS, normalize="channel")
    with pytest.raises(ParameterError, match="^until:"):
        journey_breadth(EVENTS, until="purchase")
    with pytest.raises(ParameterError, match="^max_channels:"):
        conversion_by_channel_count(EVENTS, max_channels=1)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(1, 5),
            st.integers(0, 30),
            st.sampled_from(CHANNELS),
            st.sampled_from(DEVICES),
            st.sampled_from(["visit", "click", "purchase"]),
        ),
        max_size=30,
    )
)
def test_invariants(rows):
    stage = {"visit": "aware", "click": "engage", "purchase": "convert"}
    ev = _events([(u, d, ch, dev, et, stage[et]) for u, d, ch, dev, et in rows])
    split = device_split(ev)
    buyers = ev.loc[ev["event_type"] == "purchase", "user_id"].nunique()
    assert split["conversions"].sum() == buyers
    assert (
        device_split(ev, conversions="all")["conversions"].sum()
        == (ev["event_type"] == "purchase").sum()
    )
    b = journey_breadth(ev)
    assert (b["channels"] <= b["touches"]).all() and (b["devices"] <= b["touches"]).all()
    assert (journey_breadth(ev, until="all")["touches"] >= b["touches"]).all()
    c = conversion_by_channel_count(ev)
    assert c["people"].sum() == ev["user_id"].nunique()
    assert c["converted"].sum() == buyers


def test_touchpoint_plots():
    import matplotlib.pyplot as plt

    from journeykit.errors import ValidationError
    from journeykit.plots.touchpoints import (
        plot_channel_count,
        plot_channel_stage,
        plot_device_split,
        plot_omnichannel,
    )

    ax = plot_channel_stage(channel_stage_matrix(EVENTS), lang="id")
    assert ax.get_title() == "Orang per saluran dan tahap"
    assert ax.get_yticklabels()[0].get_text() == "Pencarian organik"
    assert ax.get_xticklabels()[0].get_text() == "Kesadaran"
    share = channel_stage_matrix(EVENTS, normalize="stage")
    ax = plot_channel_stage(share, value="share")
    assert "33 %" in [t.get_text() for t in ax.texts]
    ax = plot_device_split(device_split(EVENTS), lang="en")
    assert [round(p.get_height(), 3) for p in ax.patches] == [33.333, 66.667, 0.0]
    assert ax.get_xticklabels()[0].get_text() == "Mobile"
    ax = plot_omnichannel(omnichannel_summary(EVENTS), lang="id")
    assert ax.get_title() == "Perjalanan lintas saluran dan lintas perangkat"
    assert len(ax.patches) == 6
    ax = plot_channel_count(conversion_by_channel_count(EVENTS))
    assert [round(p.get_height()) for p in ax.patches] == [100, 50, 0, 0]
    with pytest.raises(ValidationError, match="^matrix"):
        plot_channel_stage(channel_stage_matrix(EVENTS), "cvj")
    with pytest.raises(SchemaError, match="^split.conversions: missing"):
        plot_device_split(pd.DataFrame({"device": ["mobile"]}))
    with pytest.raises(ValidationError, match="^value"):
        plot_channel_stage(channel_stage_matrix(EVENTS), value="clicks")
    plt.close("all")


# --- exercise checks ------------------------------------------------------------------------


def test_exercise_checks_accept_the_answer_and_explain_mistakes():
    from journeykit.checks import touchpoints as check

    # email at awareness/consideration: 1 person; organic search at awareness: 1 person, 2 touches
    assert check.check_channel_stage_people(
        1, EVENTS, channel="organic_search", stage="awareness"
    ).ok
    fb = check.check_channel_stage_people(2, EVENTS, channel="organic_search", stage="awareness")
    assert not fb.ok and "touches" in fb.message
    # buyers u1 (2 devices), u2, u4 (1 each): 1/3; everyone: 2/4
    assert check.check_cross_device_share(1 / 3, EVENTS).ok
    assert "everyone" in check.check_cross_device_share(0.5, EVENTS).message
    assert "percentage" in check.check_cross_device_share(100 / 3, EVENTS).message
    # first purchases: 1 of 3 on mobile; all purchases 2 of 4; all touches 5 of 11 on mobile
    assert check.check_mobile_conversion_share(1 / 3, EVENTS).ok
    assert "every purchase" in check.check_mobile_conversion_share(0.5, EVENTS).message
    assert "all touches" in check.check_mobile_conversion_share(5 / 11, EVENTS).message
    # one channel: u2 and u4, both bought; everyone: 3 of 4
    assert check.check_single_channel_conversion(1.0, EVENTS).ok
    assert "everyone" in check.check_single_channel_conversion(0.75, EVENTS).message


def test_exercise_checks_never_raise():
    from journeykit.checks import touchpoints as check

    assert "no answer yet" in check.check_mobile_conversion_share(None, EVENTS).message
    assert not check.check_mobile_conversion_share("lots", EVENTS).ok
    broken = EVENTS.drop(columns="device")
    assert "cannot check" in check.check_mobile_conversion_share(0.5, broken).message
    fb = check.check_channel_stage_people(1, EVENTS, channel="tv", stage="awareness")
    assert not fb.ok and "cannot check" in fb.message


def test_empty_events():
    empty = EVENTS.iloc[:0]
    assert channel_stage_matrix(empty).empty
    assert omnichannel_summary(empty)["people"].tolist() == [0, 0, 0]
    assert conversion_by_channel_count(empty)["people"].sum() == 0
    assert device_split(empty)["conversions"].sum() == 0


def test_any_names_no_event_id_and_a_chosen_conversion_event():
    """A GA4-like export: text ids, no event_id, sign_up as the conversion (worked by hand)."""
    ev = pd.DataFrame(
        {
            "user_id": ["a", "a", "a", "b"],
            "timestamp": pd.to_datetime(
                ["2024-01-01 10:00", "2024-01-02 10:00", "2024-01-03 10:00", "2024-01-01 09:00"]
            ),
            "channel": ["tiktok", "google / cpc", "email", "tiktok"],
            "device": ["mobile", "desktop", "mobile", "smart_tv"],
            "event_type": ["page_view", "sign_up", "page_view", "page_view"],
        }
    )
    b = journey_breadth(ev, conversion="sign_up").set_index("user_id")
    # a: up to the sign up, 2 channels on 2 devices; b: never converts, 1 channel
    assert b.loc["a", "channels"] == 2 and b.loc["a", "devices"] == 2 and b.loc["a", "converted"]
    assert b.loc["b", "channels"] == 1 and not b.loc["b", "converted"]
    split = device_split(ev, conversion="sign_up").set_index("device")["conversions"]
    assert split[split > 0].to_dict() == {"desktop": 1}
    with pytest.raises(ParameterError, match="^conversion:"):
        device_split(ev, conversion="")


def test_hour_of_day_in_the_shops_time_zone():
    # 13:00 and 16:59 UTC are 20:00 and 23:59 in Jakarta (UTC+7, no daylight saving)
    ev = pd.DataFrame(
        {
            "user_id": [1, 1, 2],
            "event_type": ["page_view", "purchase", "purchase"],
            "timestamp": pd.to_datetime(
                ["2024-01-01 13:00", "2024-01-01 16:59", "2024-07-01 17:00"]
            ),
        }
    )
    jkt = hour_of_day(ev, timezone="Asia/Jakarta").set_index("hour")["events"]
    assert jkt[jkt > 0].to_dict() == {0: 1, 20: 1, 23: 1}  # 17:00 UTC is 00:00 the next day
    utc = hour_of_day(ev, event_type="purchase").set_index("hour")["events"]
    assert utc[utc > 0].to_dict() == {16: 1, 17: 1}
    with pytest.raises(ParameterError, match="^timezone: unknown time zone 'WIB'"):
        hour_of_day(ev, timezone="WIB")
