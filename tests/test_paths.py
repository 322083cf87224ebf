"""Conversion paths and the multi-channel funnel reports, against values worked out by hand."""

from __future__ import annotations

import io
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journeykit.errors import OverwriteError, ParameterError, SchemaError
from journeykit.paths import (
    aggregate_paths,
    assisted_conversions,
    conversion_device_split,
    conversion_paths,
    path_arrays,
    path_length_distribution,
    path_summary,
    read_paths,
    summary_by_lookback,
    time_lag_distribution,
    top_paths,
    validate_paths,
    write_paths,
)

T0 = pd.Timestamp("2024-03-01 09:00")


def _ev(rows: list[tuple]) -> pd.DataFrame:
    """rows: (user, minutes after T0, channel, event_type, device)."""
    return pd.DataFrame(
        {
            "user_id": [r[0] for r in rows],
            "timestamp": [T0 + pd.Timedelta(minutes=r[1]) for r in rows],
            "channel": [r[2] for r in rows],
            "event_type": [r[3] for r in rows],
            "device": [r[4] for r in rows],
        }
    )


DAY = 24 * 60


@pytest.fixture
def events() -> pd.DataFrame:
    return _ev(
        [
            # user 1: ad click + visit 10 min later = one interaction; email 2 days later; a
            # direct visit and the purchase 5 minutes later in the same session
            (1, 0, "social_ads", "click", "mobile"),
            (1, 10, "social_ads", "visit", "mobile"),
            (1, 2 * DAY, "email", "visit", "desktop"),
            (1, 5 * DAY + 60, "direct", "visit", "mobile"),
            (1, 5 * DAY + 65, "direct", "purchase", "mobile"),
            (1, 5 * DAY + 70, "direct", "onboard", "mobile"),  # after: not a touch
            # user 2: two organic visits 2 h apart (two interactions), an ad impression, no purchase
            (2, 0, "organic_search", "visit", "desktop"),
            (2, 30, "social_ads", "impression", "desktop"),
            (2, 120, "organic_search", "visit", "desktop"),
            # user 3: email 40 days before buying via direct, then a repeat purchase via email
            (3, 0, "email", "visit", "desktop"),
            (3, 40 * DAY, "direct", "purchase", "desktop"),
            (3, 45 * DAY, "email", "purchase", "mobile"),
        ]
    )


@pytest.fixture
def orders() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "user_id": [1, 3, 3],
            "timestamp": [
                T0 + pd.Timedelta(minutes=5 * DAY + 65),
                T0 + pd.Timedelta(minutes=40 * DAY),
                T0 + pd.Timedelta(minutes=45 * DAY),
            ],
            "price": [25_000.0, 30_000.0, 50_000.0],
        }
    )


def test_first_purchase_paths_with_30_day_lookback(events, orders):
    j = conversion_paths(events, orders)
    got = j.journeys.set_index("user_id")
    assert got.loc[1, "path"] == "social_ads > email > direct"
    assert got.loc[1, "n_touches"] == 3
    # 09:00 on day 0 to 10:05 on day 5
    assert got.loc[1, "time_lag_days"] == pytest.approx(5 + 65 / DAY)
    assert got.loc[1, "conversion_value"] == 25_000
    assert got.loc[1, "device"] == "mobile"
    assert got.loc[1, "n_devices"] == 2
    # the email 40 days earlier is outside the 30-day window
    assert got.loc[3, "path"] == "direct"
    assert got.loc[3, "time_lag_days"] == 0
    assert got.loc[2, "path"] == "organic_search > organic_search"  # 2 h gap: two interactions
    assert not got.loc[2, "converted"]
    assert math.isnan(got.loc[2, "time_lag_days"])
    assert (
        len(j.journeys) == 3
    )  # user 3's repeat purchase is not a conversion with conversions="first"


def test_lookback_none_reaches_first_contact(events):
    j = conversion_paths(events, lookback_days=None).journeys.set_index("user_id")
    assert j.loc[3, "path"] == "email > direct"
    assert j.loc[3, "time_lag_days"] == pytest.approx(40.0)


def test_lookback_boundary_is_inclusive():
    ev = _ev(
        [
            (1, 0, "email", "visit", "mobile"),
            (1, 30 * DAY, "direct", "purchase", "mobile"),
            (2, 0, "email", "visit", "mobile"),
            (2, 30 * DAY + 1, "direct", "purchase", "mobile"),
        ]
    )
    j = conversion_paths(ev, lookback_days=30).journeys.set_index("user_id")
    assert j.loc[1, "path"] == "email > direct"
    assert j.loc[2, "path"] == "direct"


def test_session_gap_of_30_minutes_starts_a_new_interaction():
    ev = _ev(
        [
            (1, 0, "email", "visit", "mobile"),
            (1, 29, "email", "visit", "mobile"),
            (1, 59, "email", "purchase", "mobile"),  # 30 min after the last: new interaction
        ]
    )
    assert conversion_paths(ev).journeys.loc[0, "path"] == "email > email"
    assert conversion_paths(ev, session_minutes=31).journeys.loc[0, "path"] == "email"


def test_each_purchase_starts_a_new_path(events, orders):
    j = conversion_paths(events, orders, conversions="all").journeys
    u3 = j[j["user_id"] == 3]
    assert u3["path"].tolist() == ["direct", "email"]
    assert u3["conversion_value"].tolist() == [30_000, 50_000]
    assert u3["time_lag_days"].tolist() == [0, 0]


def test_impressions_only_when_asked(events):
    types = ("impression", "click", "visit", "engage", "subscribe", "purchase")
    j = conversion_paths(events, touch_types=types).journeys.set_index("user_id")
    assert j.loc[2, "path"] == "organic_search > social_ads > organic_search"


def test_aggregated_paths_table(events, orders):
    agg = aggregate_paths(conversion_paths(events, orders, conversions="all"))
    expected = pd.DataFrame(
        {
            "path": [
                "direct",
                "email",
                "social_ads > email > direct",
                "organic_search > organic_search",
            ],
            "total_conversions": [1, 1, 1, 0],
            "total_null": [0, 0, 0, 1],
            "total_conversion_value": [30_000.0, 50_000.0, 25_000.0, 0.0],
        }
    )
    pd.testing.assert_frame_equal(agg, expected, check_dtype=False)


def test_touches_table_positions_and_days(events):
    j = conversion_paths(events)
    t = j.touches[j.touches["journey_id"] == 0]
    assert t["channel"].tolist() == ["social_ads", "email", "direct"]
    assert t["position"].tolist() == [0, 1, 2]
    assert t["days_before_end"].to_numpy() == pytest.approx([5 + 65 / DAY, 3 + 65 / DAY, 5 / DAY])


def test_events_errors_name_the_column(events):
    with pytest.raises(SchemaError, match=r"events\.channel: missing column"):
        conversion_paths(events.drop(columns="channel"))
    bad = events.assign(timestamp=events["timestamp"].astype(object))
    bad.loc[3, "timestamp"] = "not a time"
    with pytest.raises(SchemaError, match=r"events\.timestamp.*\[rows 3\]"):
        conversion_paths(bad)
    with pytest.raises(ParameterError, match="lookback_days"):
        conversion_paths(events, lookback_days=0)
    with pytest.raises(ParameterError, match="conversions"):
        conversion_paths(events, conversions="each")
    with pytest.raises(ParameterError, match="touch_types: none of 'page_view' occurs"):
        conversion_paths(events, touch_types=("page_view",))
    with pytest.raises(ParameterError, match="conversion: expected an event name"):
        conversion_paths(events, conversion="")
    with pytest.raises(SchemaError, match=r"orders\.price"):
        conversion_paths(events, pd.DataFrame({"user_id": [1], "timestamp": [T0]}))


# ---------------------------------------------------------------------------------------------
# reports on a hand-made aggregated table

PATHS = pd.DataFrame(
    {
        "path": [
            "social_ads > email > direct",
            "email",
            "social_ads > direct",
            "email > direct > email",
        ],
        "total_conversions": [3, 2, 1, 4],
        "total_null": [5, 4, 9, 0],
        "total_conversion_value": [300.0, 150.0, 80.0, 200.0],
    }
)


def test_assisted_conversions_by_hand():
    r = assisted_conversions(PATHS).set_index("channel")
    # last click: direct 3 + 1; email 2 + 4; social_ads never last
    assert r["last_click_conversions"].to_dict() == {"direct": 4, "email": 6, "social_ads": 0}
    # assisted: social_ads on paths 1 and 3 (3 + 1); email on path 1 (3) and path 4 (4, once
    # although it appears twice); direct on path 4 (4)
    assert r["assisted_conversions"].to_dict() == {"direct": 4, "email": 7, "social_ads": 4}
    assert r.loc["email", "assisted_to_last_click_ratio"] == pytest.approx(7 / 6)
    assert r.loc["social_ads", "assisted_to_last_click_ratio"] == math.inf
    assert r["last_click_conversion_value"].to_dict() == {
        "direct": 380,
        "email": 350,
        "social_ads": 0,
    }
    assert r["assisted_conversion_value"].to_dict() == {
        "direct": 200,
        "email": 500,
        "social_ads": 380,
    }
    assert r.loc["direct", "assisted_to_last_click_value_ratio"] == pytest.approx(200 / 380)


def test_ratio_is_nan_when_a_channel_neither_assists_nor_closes():
    p = pd.DataFrame({"path": ["a > b", "c"], "total_conversions": [1, 0], "total_null": [0, 3]})
    r = assisted_conversions(p).set_index("channel")
    assert math.isnan(r.loc["c", "assisted_to_last_click_ratio"])
    assert r.loc["a", "assisted_to_last_click_ratio"] == math.inf
    assert r.loc["b", "assisted_to_last_click_ratio"] == 0


def test_top_paths_by_hand():
    top = top_paths(PATHS, n=2)
    assert top["path"].tolist() == ["email > direct > email", "social_ads > email > direct"]
    assert top["conversions"].tolist() == [4, 3]
    assert top["share_pct"].tolist() == pytest.approx([40.0, 30.0])
    assert top["n_touches"].tolist() == [3, 3]
    with pytest.raises(ParameterError, match="n:"):
        top_paths(PATHS, n=0)


def test_path_length_distribution_by_hand():
    d = path_length_distribution(PATHS, max_length=3)
    assert d["bucket"].tolist() == ["1", "2", "3+"]
    assert d["conversions"].tolist() == [2, 1, 7]
    assert d["conversion_value"].tolist() == [150, 80, 500]
    assert d["share_pct"].sum() == pytest.approx(100)
    full = path_length_distribution(PATHS)
    assert full["bucket"].iloc[-1] == "12+" and len(full) == 12


def test_time_lag_buckets_follow_ga():
    lags = [0.5, 1.0, 11.99, 12.0, 30.99, 31.0, 95.0]
    rows = []
    for u, lag in enumerate(lags):
        rows.append((u, 0, "email", "visit", "mobile"))
        rows.append((u, lag * DAY, "direct", "purchase", "mobile"))
    j = conversion_paths(_ev(rows), lookback_days=None)
    d = time_lag_distribution(j).set_index("bucket")["conversions"]
    assert list(d.index[:2]) == ["0", "1"] and list(d.index[-4:]) == [
        "12-30",
        "31-60",
        "61-90",
        "91+",
    ]
    assert d["0"] == 1 and d["1"] == 1 and d["11"] == 1
    assert d["12-30"] == 2 and d["31-60"] == 1 and d["91+"] == 1 and d.sum() == 7
    with pytest.raises(ParameterError, match="journeys"):
        time_lag_distribution(PATHS)
    with pytest.raises(ParameterError, match="edges"):
        time_lag_distribution(j, edges=(1, 2))


def test_device_split_and_summary(events, orders):
    j = conversion_paths(events, orders)
    split = conversion_device_split(j).set_index("device")
    assert split["conversions"].to_dict() == {"desktop": 1, "mobile": 1}
    assert split.loc["mobile", "cross_device_share"] == 1.0  # user 1 also used a desktop
    assert split.loc["desktop", "conversion_value"] == 30_000
    s = path_summary(j)
    assert s.conversions == 2
    assert s.mean_path_length == 2.0 and s.single_touch_share == 0.5
    assert s.median_time_lag_days == pytest.approx((5 + 65 / DAY) / 2)


# ---------------------------------------------------------------------------------------------
# validation of the aggregated table


def test_validate_normalises_spaces_and_fills_optional_columns():
    v = validate_paths(pd.DataFrame({"path": [" a>b ", "a >  b"], "total_conversions": ["2", 1]}))
    assert v["path"].tolist() == ["a > b", "a > b"]
    assert v["total_null"].tolist() == [0, 0]


@pytest.mark.parametrize(
    ("frame", "pattern"),
    [
        (
            {"path": ["a > b", ""], "total_conversions": [1, 1]},
            r"paths\.path: empty path \[rows 1\]",
        ),
        (
            {"path": ["a > b", None], "total_conversions": [1, 1]},
            r"paths\.path: empty path.*\[rows 1\]",
        ),
        ({"path": ["a >  > b"], "total_conversions": [1]}, r"paths\.path: empty channel"),
        (
            {"path": ["a > b", "a -> b"], "total_conversions": [1, 1]},
            r"paths\.path: channel 'a -' holds separator '->'.*\[rows 1\]",
        ),
        ({"path": ["a | b"], "total_conversions": [1]}, r"holds separator '\|'.*\[rows 0\]"),
        (
            {"path": ["a"], "total_conversions": [-1]},
            r"paths\.total_conversions: .*negative.*\[rows 0\]",
        ),
        (
            {"path": ["a"], "total_conversions": [1], "total_null": ["x"]},
            r"paths\.total_null: expected numbers",
        ),
        ({"path": ["a"], "total_null": [1]}, r"paths\.total_conversions: missing column"),
        ({"total_conversions": [1]}, r"paths\.path: missing column"),
    ],
)
def test_validate_errors_name_column_and_row(frame, pattern):
    with pytest.raises(SchemaError, match=pattern):
        validate_paths(pd.DataFrame(frame))


def test_other_separator_is_accepted_when_declared():
    v = validate_paths(pd.DataFrame({"path": ["a | b"], "total_conversions": [1]}), sep="|")
    assert v["path"].tolist() == ["a > b"]


def test_read_and_write_paths(tmp_path):
    csv = (
        "path,total_conversions,total_null,total_conversion_value\nemail > direct,3,1,90\n,1,0,5\n"
    )
    with pytest.raises(SchemaError, match=r"path: empty path.*\[rows 1\]"):
        read_paths(io.StringIO(csv))
    good = read_paths(io.StringIO(csv.replace("\n,1,0,5", "\ndirect,1,0,5")))
    assert good["total_conversion_value"].tolist() == [90, 5]
    out = tmp_path / "paths.csv"
    write_paths(good, out)
    pd.testing.assert_frame_equal(read_paths(out), good)
    with pytest.raises(OverwriteError, match="force"):
        write_paths(good, out)
    write_paths(good, out, force=True)
    with pytest.raises(SchemaError, match=r"total_conversion_value: missing column"):
        read_paths(io.StringIO("path,total_conversions\na,1\n"), require_value=True)
    with pytest.raises(SchemaError, match="file not found"):
        read_paths(tmp_path / "nope.csv")


# ---------------------------------------------------------------------------------------------
# invariants

channel = st.sampled_from(["a", "b", "c", "direct"])
row = st.tuples(
    st.lists(channel, min_size=1, max_size=6),
    st.integers(0, 5),
    st.integers(0, 5),
    st.floats(0, 100),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(row, min_size=1, max_size=12))
def test_assisted_invariants(rows):
    p = pd.DataFrame(
        {
            "path": [" > ".join(r[0]) for r in rows],
            "total_conversions": [r[1] for r in rows],
            "total_null": [r[2] for r in rows],
            "total_conversion_value": [r[3] * (r[1] > 0) for r in rows],
        }
    )
    r = assisted_conversions(p).set_index("channel")
    total = p["total_conversions"].sum()
    assert r["last_click_conversions"].sum() == pytest.approx(total)
    assert r["last_click_conversion_value"].sum() == pytest.approx(
        p["total_conversion_value"].sum()
    )
    for ch in r.index:
        # a channel assists at most the conversions of the paths it sits on (before the end)
        on = sum(x[1] for x in rows if ch in x[0][:-1])
        assert r.loc[ch, "assisted_conversions"] == pytest.approx(on)
    d = path_length_distribution(p)
    assert d["conversions"].sum() == pytest.approx(total)


@settings(max_examples=30, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(0, 4),
            st.integers(0, 60 * DAY),
            st.sampled_from(["a", "b", "c"]),
            st.booleans(),
        ),
        min_size=1,
        max_size=30,
    )
)
def test_journeys_are_consistent(rows):
    ev = _ev([(u, m, c, "purchase" if p else "visit", "mobile") for u, m, c, p in rows])
    j = conversion_paths(ev, lookback_days=30)
    jj = j.journeys
    buyers = {u for u, _, _, p in rows if p}
    assert set(jj.loc[jj["converted"], "user_id"]) == buyers
    assert (jj["n_touches"] >= 1).all()
    assert len(j.touches) == jj["n_touches"].sum()
    assert (j.touches["days_before_end"] >= 0).all()
    lag = jj.loc[jj["converted"], "time_lag_days"]
    assert ((lag >= 0) & (lag <= 30)).all()
    assert (jj["path"].str.count(" > ") + 1 == jj["n_touches"]).all()
    a = path_arrays(j)
    assert a.conversions.sum() == len(buyers)
    assert np.array_equal(a.lengths, jj["n_touches"].to_numpy())


# ---------------------------------------------------------------------------------------------
# pictures


def test_plots_draw_the_tables_in_both_languages():
    import matplotlib.pyplot as plt

    from journeykit.plots.paths import plot_path_length, plot_top_paths

    dist = path_length_distribution(PATHS, max_length=3)
    for lang, title in (("en", "Touches before purchase"), ("id", "Jumlah interaksi")):
        ax = plot_path_length(dist, lang=lang)
        assert ax.get_title().startswith(title)
        assert [p.get_height() for p in ax.patches] == pytest.approx([20.0, 10.0, 70.0])
        plt.close(ax.figure)
    ax = plot_top_paths(top_paths(PATHS, n=2), lang="id")
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == ["Email > Langsung > Email", "Iklan media sosial > Email > Langsung"]
    assert sorted(p.get_width() for p in ax.patches) == [3.0, 4.0]
    plt.close(ax.figure)
    with pytest.raises(SchemaError, match="^distribution.bucket: missing"):
        plot_path_length(PATHS)


def test_summary_by_lookback_by_hand(events, orders):
    s = summary_by_lookback(events, orders, lookbacks=(30, None)).set_index("lookback_days")
    # 30 days: paths of 3 and 1 touches; no limit: user 3's email 40 days earlier counts too
    assert s.loc[30.0, "mean_path_length"] == 2.0
    assert s.loc[np.inf, "mean_path_length"] == 2.5
    assert s.loc[np.inf, "median_time_lag_days"] == pytest.approx((5 + 65 / DAY + 40) / 2)
    assert s["conversions"].tolist() == [2, 2]


# ---------------------------------------------------------------------------------------------
# exercise checks (journeykit.checks.time_lag)


def test_time_lag_checks_accept_right_and_explain_wrong(events, orders):
    from journeykit.checks import time_lag as check

    j = conversion_paths(events, orders)
    median = (5 + 65 / DAY + 0) / 2  # user 1 and user 3 (0 days within the 30-day window)
    assert check.check_median_time_lag(median, j).ok
    assert check.check_median_time_lag(round(median, 1), j).ok
    assert "hours" in check.check_median_time_lag(median * 24, j).message
    assert not check.check_median_time_lag(None, j).ok
    # paths of 3 and 1 touches: half have 3 or more
    assert check.check_long_path_share(0.5, j, min_length=3).ok
    assert "percentage" in check.check_long_path_share(50, j, min_length=3).message
    assert "exactly 3" in check.check_long_path_share(0.0, j, min_length=3).message
    # purchases: user 1 on mobile, user 3 on desktop
    users = pd.DataFrame({"user_id": [1, 2, 3], "device": ["desktop", "desktop", "mobile"]})
    assert check.check_mobile_share(0.5, j, users=users).ok
    mostly_desktop = j.journeys.assign(device=["desktop", "desktop", pd.NA])
    j2 = type(j)(mostly_desktop, j.touches, j.lookback_days, j.conversions, j.session_minutes)
    assert "did NOT" in check.check_mobile_share(1.0, j2).message
    fb = check.check_median_path_length(2.0, events, orders, lookback_days=30)
    assert fb.ok
    fb = check.check_median_path_length(2.5, events, orders, lookback_days=None)
    assert fb.ok
    wrong = check.check_median_path_length(2.0, events, orders, lookback_days=None)
    assert not wrong.ok and "30-day window" in wrong.message
    # never raises, even on nonsense
    assert not check.check_median_time_lag(1.0, "not journeys").ok


# ---------------------------------------------------------------------------------------------
# on the generator's data


def test_on_generated_data_agrees_with_touchpoints_and_the_funnel():
    from journeykit.synth import generate
    from journeykit.touchpoints import device_split

    tables = generate("coffee", n_users=400, seed=3)
    j = conversion_paths(tables.events, tables.orders, lookback_days=None)
    ours = conversion_device_split(j).set_index("device")["conversions"]
    theirs = device_split(tables.events).set_index("device")["conversions"]
    assert ours.to_dict() == {d: n for d, n in theirs.items() if n > 0}
    # one conversion per person who reached the Convert step; value = the first order's price
    ev = tables.events
    converted = set(ev.loc[ev["stage"] == "convert", "user_id"])
    jj = j.journeys
    assert set(jj.loc[jj["converted"], "user_id"]) == converted
    first_orders = tables.orders.sort_values("timestamp").drop_duplicates("user_id")
    assert jj["conversion_value"].sum() == pytest.approx(first_orders["price"].sum())
    # the aggregated table keeps every journey
    agg = aggregate_paths(j)
    assert agg["total_conversions"].sum() == len(converted)
    assert agg["total_null"].sum() == (~jj["converted"]).sum()


def test_parameter_errors_name_the_parameter(events):
    with pytest.raises(ParameterError, match="session_minutes"):
        conversion_paths(events, session_minutes=-1)
    with pytest.raises(ParameterError, match="max_length"):
        path_length_distribution(PATHS, max_length=1)
    with pytest.raises(ParameterError, match="sep"):
        validate_paths(PATHS, sep="  ")
    with pytest.raises(ParameterError, match="journeys"):
        conversion_device_split(PATHS)
    with pytest.raises(ParameterError, match="journeys"):
        path_summary(PATHS)
    with pytest.raises(SchemaError, match="paths: expected a pandas DataFrame"):
        validate_paths([("a", 1)])


# channel names holding the separator (issue 14): escaped, never split


def _events_for(paths: list[list[str]]) -> pd.DataFrame:
    """One user per path: a touch an hour apart per channel (never merged), the last a purchase."""
    rows = []
    t0 = pd.Timestamp("2024-01-01")
    for user, chans in enumerate(paths):
        for k, c in enumerate(chans):
            rows.append(
                {
                    "user_id": user,
                    "timestamp": t0 + pd.Timedelta(hours=k),
                    "channel": c,
                    "event_type": "purchase" if k == len(chans) - 1 else "visit",
                }
            )
    return pd.DataFrame(rows)


def test_channel_holding_the_separator_is_escaped_not_split(tmp_path):
    j = conversion_paths(_events_for([["Brand > Search", "email"], ["a\\b", "x, y"]]))
    agg = aggregate_paths(j)
    # by hand: ">" and "," get a backslash, a backslash is doubled
    assert sorted(agg["path"]) == ["Brand \\> Search > email", "a\\\\b > x\\, y"]
    a = path_arrays(agg)
    assert list(a.channels) == ["Brand > Search", "a\\b", "email", "x, y"]  # four, not five
    assert a.lengths.tolist() == [2, 2]
    write_paths(agg, tmp_path / "p.csv")
    back = read_paths(tmp_path / "p.csv")
    assert back["path"].tolist() == agg["path"].tolist()
    from journeykit.attribution import attribute

    credit = attribute(back, models="first,last").set_index("channel")
    assert credit.loc["Brand > Search", "first"] == 1.0
    assert credit.loc["email", "last"] == 1.0
    assert top_paths(j)["n_touches"].tolist() == [2, 2]  # the escaped ">" is not a separator
    assisted = assisted_conversions(j).set_index("channel")["assisted_conversions"]
    assert assisted.to_dict() == {"Brand > Search": 1.0, "a\\b": 1.0, "email": 0.0, "x, y": 0.0}


def test_hand_written_escapes_and_plain_backslashes():
    v = validate_paths(
        pd.DataFrame(
            {
                "path": ["Brand \\> Search>email", "Ads\\Brand > a\\, b", "\\ pad\\  > c"],
                "total_conversions": [1, 1, 1],
            }
        )
    )
    a = path_arrays(v)
    # "\>" and "\," are escapes; "\B" is no escape, so that backslash stays; "\ " keeps a space
    assert list(a.channels) == [" pad ", "Ads\\Brand", "Brand > Search", "a, b", "c", "email"]
    # the canonical form escapes again (the plain backslash doubled)
    assert v["path"].tolist()[:2] == ["Brand \\> Search > email", "Ads\\\\Brand > a\\, b"]
    # an unescaped comma is still taken for a wrong separator
    with pytest.raises(SchemaError, match="holds separator ','"):
        validate_paths(pd.DataFrame({"path": ["a, b > c"], "total_conversions": [1]}))


def test_empty_channel_name_is_refused_at_path_building():
    j = conversion_paths(_events_for([["", "email"]]))
    with pytest.raises(SchemaError, match=r"events\.channel: empty channel name"):
        aggregate_paths(j)


def test_channel_name_with_nul_is_refused_at_path_building():
    # old pandas' C reader cuts a cell at NUL, so such a name could never round-trip
    j = conversion_paths(_events_for([["a\x00b", "email"]]))
    with pytest.raises(SchemaError, match=r"events\.channel: channel name 'a\\x00b' holds a NUL"):
        aggregate_paths(j)


_NAME = st.one_of(
    # any character a decoded file can hold: no NUL (refused, tested above), no lone surrogates
    # (no UTF-8 text decodes to one, and Arrow-backed strings cannot hold them)
    st.text(
        st.characters(exclude_characters="\x00", exclude_categories=["Cs"]),
        min_size=1,
        max_size=12,
    ),
    st.lists(
        st.sampled_from([">", " > ", "\\", '"', ",", "\n", "\r", " ", "-", "=", "->", "a", "é"]),
        min_size=1,
        max_size=6,
    ).map("".join),
)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.lists(_NAME, min_size=1, max_size=4), min_size=1, max_size=4))
def test_paths_csv_round_trips_any_channel_name(paths):
    import tempfile

    agg = aggregate_paths(conversion_paths(_events_for(paths)))
    with tempfile.TemporaryDirectory() as d:
        write_paths(agg, f"{d}/p.csv")
        back = read_paths(f"{d}/p.csv")
    assert back["path"].tolist() == agg["path"].tolist()
    a = path_arrays(back)
    got = sorted(
        tuple(a.channels[a.codes[s : s + n]])
        for s, n, c in zip(a.starts, a.lengths, a.conversions, strict=True)
        for _ in range(int(c))
    )
    # each user's purchase closes one converting path; interactions an hour apart never merge
    assert got == sorted(tuple(p) for p in paths)


def test_any_event_names_a_chosen_conversion_and_touch_types():
    """GA4-style names: touches are page_view/view_item, the conversion is sign_up; by hand."""
    t0 = pd.Timestamp("2024-03-01 08:00")
    events = pd.DataFrame(
        {
            "user_id": ["a", "a", "a", "a", "b"],
            "timestamp": [t0, t0 + pd.Timedelta(days=2), t0 + pd.Timedelta(days=2, minutes=5),
                          t0 + pd.Timedelta(days=3), t0],
            "channel": ["tiktok", "google / cpc", "google / cpc", "(direct)", "tiktok"],
            "event_type": ["page_view", "view_item", "sign_up", "scroll", "page_view"],
        }
    )  # fmt: skip
    j = conversion_paths(events, conversion="sign_up", touch_types=("page_view", "view_item"))
    rows = j.journeys.set_index("user_id")
    # a: tiktok (day 0), then google / cpc (view_item + sign_up 5 minutes later: one interaction)
    assert rows.loc["a", "path"] == "tiktok > google / cpc"
    assert rows.loc["a", "time_lag_days"] == pytest.approx(2 + 5 / 1440)
    assert not rows.loc["b", "converted"] and rows.loc["b", "path"] == "tiktok"
    every = conversion_paths(events, conversion="sign_up", touch_types="all").journeys
    # with every event a touch, a's scroll after the conversion starts no journey (first only)
    assert every.set_index("user_id").loc["a", "path"] == "tiktok > google / cpc"
