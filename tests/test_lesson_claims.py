"""The lessons' claims about the data hold for the data the lesson makes (defaults and try-its).

Each test calls the same ``generate(...)`` as the lesson's code cell and checks the sentence in
its "What to notice" (the lesson is quoted next to each test).
"""

from __future__ import annotations

import pandas as pd
import pytest

from journeykit import paths, synth, touchpoints

# lesson defaults (seed 42) and the notebook tests' alternative seed (7)
SEEDS = (42, 7)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize(("preset", "closer"), [("coffee", "whatsapp"), ("saas", "email")])
def test_lesson_07_the_named_closer_is_the_only_channel_below_one(preset, closer, seed):
    # "Among those [5+ last-click conversions], one channel has a ratio far below 1 ... (WhatsApp
    # in the coffee data, e-mail in the saas data). Every other such channel has a ratio above 1"
    tables = synth.generate_from(synth.config(preset, 2000, seed))
    journeys = paths.conversion_paths(tables.events, tables.orders, lookback_days=30)
    report = paths.assisted_conversions(journeys).set_index("channel")
    ratio = report.loc[report["last_click_conversions"] >= 5, "assisted_to_last_click_ratio"]
    assert ratio.idxmin() == closer
    assert ratio[closer] < 0.5
    assert (ratio.drop(closer) > 1).all(), ratio.to_dict()


@pytest.mark.parametrize("seed", SEEDS)
def test_lesson_04_buyers_cross_channels_and_most_non_buyers_do_not(seed):
    # "Most buyers (more than 8 in 10) used more than one channel ... about 4 in 10 switched
    # devices"; "the not_converted row's multichannel_share is below 0.2"; "Only about one person
    # in three even visited"
    events = synth.generate("coffee", n_users=2000, seed=seed).events
    summary = touchpoints.omnichannel_summary(events)
    assert summary.loc["converted", "multichannel_share"] > 0.8
    assert 0.3 <= summary.loc["converted", "cross_device_share"] <= 0.5
    assert summary.loc["not_converted", "multichannel_share"] < 0.2
    visited = events.loc[events["event_type"] != "impression", "user_id"].nunique()
    assert 0.25 <= visited / events["user_id"].nunique() <= 0.42
    # by hand: a buyer's channels up to the first purchase, everyone else's channels
    buyers = set(events.loc[events["event_type"] == "purchase", "user_id"])
    others = events[~events["user_id"].isin(buyers)].groupby("user_id")["channel"].nunique()
    assert (others >= 2).mean() == pytest.approx(
        summary.loc["not_converted", "multichannel_share"], abs=1e-9
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_lesson_04_most_conversions_happen_on_mobile(seed):
    # "Most conversions happen on mobile"
    events = synth.generate("coffee", n_users=2000, seed=seed).events
    split = touchpoints.device_split(events).set_index("device")["share"]
    assert split.idxmax() == "mobile" and split["mobile"] > 0.5


@pytest.mark.parametrize("seed", SEEDS)
def test_lesson_06_most_buyers_decide_on_day_0_and_a_quarter_in_one_interaction(seed):
    # "Most buyers buy on the day of their first interaction (bucket 0)"; "The mean time lag is
    # above the median"; "About a quarter of the conversions took one interaction"; "Most
    # purchases happen on mobile"
    tables = synth.generate("coffee", n_users=2000, seed=seed)
    journeys = paths.conversion_paths(tables.events, tables.orders, lookback_days=30)
    lag = paths.time_lag_distribution(journeys).set_index("bucket")["share_pct"]
    assert lag["0"] > 50
    summary = paths.path_summary(journeys)
    assert summary.mean_time_lag_days > summary.median_time_lag_days
    assert 0.2 <= summary.single_touch_share <= 0.33
    devices = paths.conversion_device_split(journeys).set_index("device")["share_pct"]
    assert devices.idxmax() == "mobile" and devices["mobile"] > 50
    # by hand: days from the first interaction on the path to the purchase
    buyers = journeys.journeys[journeys.journeys["converted"]]
    same_day = (buyers["end_time"] - buyers["first_touch_time"]) < pd.Timedelta(days=1)
    assert same_day.mean() * 100 == pytest.approx(lag["0"], abs=1e-9)


@pytest.mark.parametrize("seed", SEEDS)
def test_lesson_07_paths_repeat_and_models_rank_like_the_text_says(seed):
    # "the few most common paths hold about half of the conversions"; "First touch favours ...
    # organic search; last touch and last non-direct favour ... WhatsApp"; incremental
    # conversions "add up to fewer"; "first touch and the whole-path models rank the channels
    # closest to the truth; last touch ... ranks them worst"
    from journeykit import attribution

    cfg = synth.config("coffee", 2000, seed)
    tables = synth.generate_from(cfg)
    journeys = paths.conversion_paths(tables.events, tables.orders, lookback_days=30)
    top = paths.top_paths(paths.aggregate_paths(journeys), n=8)
    assert 35 <= top["share_pct"].sum() <= 70
    credit = attribution.attribute(journeys, models=attribution.MODELS, half_life_days=7.0)
    by_channel = credit.set_index("channel")
    assert by_channel["first"].idxmax() == "organic_search"
    assert by_channel["last"].idxmax() == "whatsapp"
    assert by_channel["last_non_direct"].idxmax() == "whatsapp"
    truth = synth.true_incremental_conversions(cfg)
    assert truth["incremental"].sum() < journeys.journeys["converted"].sum()
    compared = credit.merge(truth[["channel", "incremental"]], on="channel")
    rho = compared.drop(columns="channel").corr(method="spearman")["incremental"]
    rho = rho.drop("incremental")
    assert rho["last"] == rho.min()
    assert rho["first"] >= rho.drop("first").max() - 1e-9
    for model in ("linear", "time_decay", "position"):
        assert rho[model] > rho["last"] and rho[model] > rho["markov"] - 0.15


@pytest.mark.parametrize("seed", SEEDS)
def test_lesson_05_funnel_rules_score_ranks_and_ctr(seed):
    # "The strict funnel keeps far fewer people than the ordered one"; "A longer window never
    # converts fewer people, and the unordered count is the highest"; "the home baristas'
    # journey leads under the balanced, sales and retention goals"; "No channel is first under
    # every goal"; the click-through rate "is in the range of real ads (about 1-5 %)"
    from journeykit import funnels, metrics, score

    tables = synth.generate("coffee", n_users=2000, seed=seed)
    steps = ["visit", "subscribe", {"event_type": "purchase", "stage": "convert"}]
    last = {
        (order, days): funnels.ordered_funnel(tables.events, steps, window=days, order=order)[
            "users"
        ].iloc[-1]
        for order in funnels.ORDERS
        for days in (7, 14, 30)
    }
    for days in (7, 14, 30):
        assert last[("strict", days)] < 0.5 * last[("ordered", days)]
        assert last[("unordered", days)] >= last[("ordered", days)]
    for order in funnels.ORDERS:
        assert last[(order, 7)] <= last[(order, 14)] <= last[(order, 30)]
    for goal in ("balanced", "sales", "retention"):
        ranks = score.journey_score(tables, by="persona", weights=goal)["rank"]
        assert ranks.idxmin() == "home_barista", goal
    firsts = {
        goal: score.journey_score(tables, by="channel", weights=goal)["rank"].idxmin()
        for goal in score.WEIGHT_PRESETS
    }
    assert len(set(firsts.values())) > 1, firsts
    ctr = metrics.metric_table(tables, metrics=["click_through_rate"]).iloc[0, 0]
    assert 0.01 <= ctr <= 0.05


@pytest.mark.parametrize("seed", SEEDS)
def test_lesson_02_personas_reach_and_average_order_value(seed):
    # "Home baristas ... keep a higher share at every stage; students fall away soonest"; office
    # workers "supply about as many buyers as the much smaller group of home baristas"; the
    # average order value is over buyers only
    from journeykit.personas import behaviour_features, stage_reach

    tables = synth.generate("coffee", n_users=2000, seed=seed)
    reach = stage_reach(tables, by="persona", stage_model="five")
    for stage in ("consideration", "purchase", "retention"):
        assert reach[stage].idxmax() == "home_barista", stage
    assert reach["purchase"].idxmin() == "student"
    sizes = tables.users["persona"].value_counts()
    buyers = reach["purchase"] * sizes
    assert sizes.idxmax() == "office_worker"
    assert 0.6 <= buyers["office_worker"] / buyers["home_barista"] <= 1.5
    features = behaviour_features(tables)
    spend = tables.orders.groupby("user_id")["price"].agg(["sum", "size"])
    assert features["avg_order_value"].mean() == pytest.approx(
        (spend["sum"] / spend["size"]).mean()
    )
    assert features["avg_order_value"].count() == tables.orders["user_id"].nunique()


@pytest.mark.parametrize("seed", SEEDS)
def test_lesson_11_estimated_lifts_land_near_the_true_ones(seed):
    # "The generator knows the true relative lifts (+30 %, +25 % and +40 %). The estimates land
    # near them"; "The referral campaign (advocate -> promote) has the widest interval"
    from journeykit import campaigns as cp

    cfg = synth.config("coffee", n_users=30_000, seed=seed)
    table = cp.compare_campaigns(synth.generate_from(cfg).events, cp.from_generator(cfg))
    table = table.set_index("campaign")
    for camp in cfg.campaigns[:2]:
        assert abs(table.loc[camp.key, "relative_lift"] - camp.lift) < 0.15, camp.key
        assert table.loc[camp.key, "ci_low"] > 0, camp.key
    width = table["ci_high"] - table["ci_low"]
    assert width.idxmax() == "gift_a_friend"


@pytest.mark.parametrize("seed", SEEDS)
def test_lesson_09_onboarded_customers_repeat_more_and_the_gap_shrinks_without_the_effect(seed):
    # section 3: "switch the direct effect off (onboarding_effect=1) and the gap shrinks. It does
    # not vanish"; section 2's interval excludes zero with the lesson's 20,000 users
    from journeykit import onboarding

    def gap(**overrides):
        t = synth.generate("coffee", n_users=20_000, seed=seed, **overrides)
        result = onboarding.repeat_by_onboarding(
            t.events, t.orders, onboard_within_days=14.0, followup_days=60.0
        )
        row = result.table.set_index("onboarded")["repeat_rate"]
        return row[True] - row[False], result

    with_effect, result = gap()
    without, _ = gap(onboarding_effect=1.0)
    assert result.table["customers"].sum() > 300  # "a few hundred customers"
    assert 0 < without < with_effect


@pytest.mark.parametrize("seed", SEEDS)
def test_lesson_02_behaviour_segments_split_buyers_from_browsers(seed):
    # "The strongest split in behaviour is buyers vs browsers"; "Every segment mixes all three
    # written personas"
    from journeykit.personas import behaviour_features, segment_users

    tables = synth.generate("coffee", n_users=2000, seed=seed)
    features = behaviour_features(tables)
    segments = segment_users(features, k=3, seed=seed)
    orders = features["orders"].groupby(segments).mean()
    buyers_segment = orders.idxmax()
    assert orders[buyers_segment] >= 1 and (orders.drop(buyers_segment) < 0.1).all()
    persona = tables.users.set_index("user_id")["persona"]
    mix = pd.crosstab(segments, persona, normalize="index")
    assert (mix > 0.05).all().all()


@pytest.mark.parametrize("seed", SEEDS)
def test_lesson_09_try_it_software_customers_reach_first_value_faster(seed):
    # try-it 1: "Set preset = "saas". Software customers get to first value faster."
    from journeykit import onboarding

    median = {}
    for preset in ("coffee", "saas"):
        t = synth.generate(preset, n_users=20_000, seed=seed)
        table = onboarding.first_value_table(t.events, t.orders)
        median[preset] = table["days_to_first_value"].median()
    assert median["saas"] < median["coffee"]


def test_lesson_08_one_discount_rule_makes_the_tables_agree():
    # "most plans pay back within a year or so ... a payback month <NA> means the discounted
    # margins never cover the acquisition cost (the book plan at 1 % a month)"; every figure is
    # discounted at discount_rate, so the presets table, the summary and the break-evens agree
    from journeykit import offers

    discount = 0.01  # the lesson's default discount_rate
    table = offers.presets_table(discount=discount).set_index("preset")
    never = table.index[table["payback_month"].isna()].tolist()
    assert never == ["book"]
    assert (table["payback_month"].dropna() <= 12).all()
    plan = offers.get_preset("domain")  # the lesson's default offer_preset
    summary = offers.summarize(plan, discount=discount)
    assert summary.payback_month == table.loc["domain", "payback_month"]
    # over 12 months the customer has less time to pay back: a higher break-even price
    twelve = offers.break_even_entry_price(plan, horizon=12, discount=discount)
    lifetime = offers.break_even_entry_price(plan, discount=discount)
    assert twelve > lifetime
    # the try-it's book plan just fails to pay back at 1 % a month
    book = offers.get_preset("book").replace(entry_price=8, acquisition_cost=30, monthly_churn=0.08)
    result = offers.summarize(book, discount=discount)
    assert result.payback_month is None and -1 < result.net_value < 0
