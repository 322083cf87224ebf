"""The presets' journeys have the shapes published analytics show (targets: datasets/README.md).

Each shape is measured twice: with journeykit's own reports (paths, touchpoints) and again from
the raw events in plain pandas (sessions rebuilt by hand: same user, same channel, less than 30
minutes apart), so a bug in a report cannot make the world look right.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from journeykit.paths import assisted_conversions, conversion_paths, path_summary, top_paths
from journeykit.synth import generate
from journeykit.touchpoints import journey_breadth

N_USERS = 20_000
TOUCH_TYPES = ("click", "visit", "engage", "subscribe", "purchase")
AD_CHANNELS = ("paid_search", "social_ads")


@pytest.fixture(scope="module", params=["coffee", "saas", "tokoonline"])
def world(request):
    return request.param, generate(request.param, n_users=N_USERS, seed=42)


def _paths_by_hand(events: pd.DataFrame, lookback_days: float = 30) -> pd.DataFrame:
    """One row per buyer: the channels of the interactions before the first purchase."""
    ev = events[events["event_type"].isin(TOUCH_TYPES)]
    ev = ev.sort_values(["user_id", "timestamp", "event_id"]).reset_index(drop=True)
    same_user = ev["user_id"].eq(ev["user_id"].shift()).to_numpy(dtype=bool, na_value=False)
    same_channel = ev["channel"].eq(ev["channel"].shift()).to_numpy(dtype=bool, na_value=False)
    close = (ev["timestamp"].diff() < pd.Timedelta(minutes=30)).to_numpy(dtype=bool)
    ev["interaction"] = np.cumsum(~(same_user & same_channel & close))
    inter = ev.groupby("interaction").agg(
        user_id=("user_id", "first"), channel=("channel", "first"), start=("timestamp", "first")
    )
    buy = ev[ev["event_type"] == "purchase"].groupby("user_id").first()
    inter = inter.join(buy[["interaction", "timestamp"]].add_prefix("conv_"), on="user_id")
    on_path = (inter.index <= inter["conv_interaction"]) & (
        inter["start"] >= inter["conv_timestamp"] - pd.Timedelta(days=lookback_days)
    )
    chosen = inter[on_path.to_numpy()]
    path = chosen["channel"].astype(object).groupby(chosen["user_id"]).agg(tuple)
    return pd.DataFrame({"channels": path, "length": path.map(len).astype(int)})


def _shares_by_hand(paths: pd.DataFrame) -> dict[str, float]:
    text = paths["channels"].map(" > ".join)
    return {
        "single": float((paths["length"] == 1).mean()),
        "median": float(paths["length"].median()),
        "top10": float(text.value_counts().head(10).sum() / len(text)),
    }


def _ratios_by_hand(paths: pd.DataFrame) -> pd.Series:
    last = paths["channels"].map(lambda ch: ch[-1]).value_counts()
    assisted = paths["channels"].map(lambda ch: sorted(set(ch[:-1]))).explode().value_counts()
    return (assisted.reindex(last.index.union(assisted.index), fill_value=0) / last).dropna()


def test_conversion_paths_are_short_and_concentrated(world):
    preset, t = world
    journeys = conversion_paths(t.events, t.orders, lookback_days=30)
    summary = path_summary(journeys)
    top = top_paths(journeys, n=10)
    # targets: GA path-length reports (a quarter or more in one interaction, median <= 3)
    assert summary.single_touch_share >= 0.25, preset
    assert summary.median_path_length <= 3, preset
    assert top["share_pct"].sum() / 100 >= 0.35, preset
    hand = _shares_by_hand(_paths_by_hand(t.events))
    assert hand["single"] == pytest.approx(summary.single_touch_share, abs=1e-9)
    assert hand["median"] == summary.median_path_length
    assert hand["top10"] == pytest.approx(top["share_pct"].sum() / 100, abs=1e-9)


def test_a_minority_has_long_heavy_tailed_journeys(world):
    preset, t = world
    length = _paths_by_hand(t.events)["length"]
    long_share = (length >= 5).mean()
    assert 0.02 <= long_share <= 0.30, (preset, long_share)
    assert length.max() >= 3 * length.median(), preset
    assert length.skew() > 1, preset  # a long right tail


def test_saas_journeys_are_longer_than_coffee_journeys():
    length, lag = {}, {}
    for p in ("coffee", "saas"):
        t = generate(p, n_users=N_USERS, seed=42)
        length[p] = _paths_by_hand(t.events)["length"].mean()
        journeys = conversion_paths(t.events, t.orders, lookback_days=30)
        lag[p] = path_summary(journeys).mean_time_lag_days
    assert length["saas"] > length["coffee"]  # more interactions
    assert lag["saas"] > lag["coffee"]  # and more days


def test_a_few_percent_of_visitors_buy_and_ads_are_rarely_clicked(world):
    preset, t = world
    ev = t.events
    visitors = ev.loc[ev["event_type"] != "impression", "user_id"].nunique()
    buyers = t.orders["user_id"].nunique()
    assert 0.01 <= buyers / visitors <= 0.10, (preset, buyers / visitors)
    ads = ev[ev["channel"].isin(AD_CHANNELS)]
    clicks = int((ads["event_type"] == "click").sum())
    served = clicks + int((ads["event_type"] == "impression").sum())  # a click was served too
    assert 0.003 <= clicks / served <= 0.05, (preset, clicks / served)


def test_most_non_buyers_are_seen_on_one_channel(world):
    preset, t = world
    breadth = journey_breadth(t.events)
    share = (breadth.loc[~breadth["converted"], "channels"] == 1).mean()
    assert share > 0.5, (preset, share)
    ev = t.events
    buyers = set(ev.loc[ev["event_type"] == "purchase", "user_id"])
    channels = ev[~ev["user_id"].isin(buyers)].groupby("user_id")["channel"].nunique()
    assert (channels == 1).mean() == pytest.approx(share, abs=1e-9)


def test_some_channels_close_and_others_open(world):
    preset, t = world
    report = assisted_conversions(conversion_paths(t.events, t.orders, lookback_days=30))
    ratio = report.set_index("channel")["assisted_to_last_click_ratio"]
    ratio = ratio[report.set_index("channel")["last_click_conversions"] >= 10]
    assert (ratio < 1).any() and (ratio > 1).any(), (preset, ratio.to_dict())
    hand = _ratios_by_hand(_paths_by_hand(t.events))
    np.testing.assert_allclose(hand.reindex(ratio.index).to_numpy(), ratio.to_numpy())
