# %% [markdown]
# # 05 · Measuring the journey: funnels, stage metrics and a journey score
#
# **The question.** A journey map is a drawing until you measure it (article 001). Where do people
# drop out? Which numbers tell you how each stage is doing? And of the journeys your customers take
# (students, office workers and home baristas; people who came from Instagram or from Google),
# which works best?
#
# Article 001 measures a journey in four steps:
#
# 1. **Choose the journey** you want to measure, by its goal: more sales? more recommendations?
#    fewer complaints?
# 2. **Decide what data you need** to see it.
# 3. **Define the steps** of that journey, so you can count who gets through each one.
# 4. **Score the journey**: not every journey should be judged the same way, so build a *mix* of
#    metrics that fits it, and compare journeys on that score.
#
# This lesson follows the four steps on the coffee shop's data: funnels for step 3, the per-stage
# metrics of article 001 for steps 2 and 4, and a journey score that ranks the journeys.

# %% [markdown]
# ## Parameters
#
# `stage_model` is the stage model of the funnel and the metrics; `breakdown` the groups to
# compare (`"persona"`, `"channel"`, `"device"`, `"campaign"` or `"cohort"`); the event funnel uses
# a conversion window of `conversion_window_days` and the step order `funnel_order`; the journey
# score uses the weight preset `score_weights` and the normalisation `score_normalise`.

# %% tags=["parameters"]
seed = 42
lang = "en"
preset = "coffee"
n_users = 2000
stage_model = "five"
breakdown = "persona"
conversion_window_days = 14
funnel_order = "ordered"
score_weights = "balanced"
score_normalise = "minmax"

# %%
from journeykit.params import check_parameters

check_parameters(
    seed=seed,
    lang=lang,
    preset=preset,
    n_users=n_users,
    stage_model=stage_model,
    breakdown=breakdown,
    conversion_window_days=conversion_window_days,
    funnel_order=funnel_order,
    score_weights=score_weights,
    score_normalise=score_normalise,
)

# %%
import pandas as pd

from journeykit import funnels, metrics, score, synth
from journeykit.plots import funnels as funnel_plots

pd.set_option("display.width", 120)
tables = synth.generate(preset, n_users=n_users, seed=seed)

# %% [markdown]
# ## Step 1 · Choose the journey by its goal
#
# The goal decides which numbers matter. journeykit keeps four weight sets for the journey score
# (section 6), one per goal in article 001: a **balanced** view with one metric per stage, **sales**,
# **retention** (keep customers, listen to complaints) and **advocacy** (more recommendations).

# %% tags=["nbval-check-output"]
for name, weights in score.WEIGHT_PRESETS.items():
    print(f"{name:10s} {weights}")
# -- expected output --
# balanced   {'engagement': 1.0, 'click_through_rate': 1.0, 'conversion_rate': 1.0, 'repeat_purchase_rate': 1.0, 'referrals': 1.0}
# sales      {'conversion_rate': 3.0, 'cost_per_conversion': 2.0, 'average_order_value': 1.0, 'click_through_rate': 1.0}
# retention  {'repeat_purchase_rate': 2.0, 'loyalty': 1.0, 'csat': 1.0, 'feedback': 1.0}
# advocacy   {'nps': 2.0, 'reviews': 1.0, 'referrals': 2.0, 'csat': 1.0}

# %% [markdown]
# ## Step 2 · The data you need
#
# Each metric needs some of the five tables: visits and clicks come from `events`, sales from
# `orders`, satisfaction from `survey`, referrals from `referrals`. `metric_info` lists every
# metric with its exact definition and unit. Each one is defined once in `journeykit.metrics`,
# and the funnel explorer, the score and the command line all use that definition.

# %%
with pd.option_context("display.max_colwidth", None):  # show each definition in full
    display(metrics.metric_info(lang)[["metric", "label", "unit", "definition"]])

# %% [markdown]
# ## Step 3 · Define the steps: the stage funnel
#
# A **funnel** counts the people who reach each stage. Someone *reached* a stage when their
# furthest event is at that stage or later. A customer who bought also passed through Awareness,
# even if that first touch was not recorded, so a funnel can only go down. Three numbers per stage:
#
# * **step conversion**: people at this stage ÷ people at the stage before;
# * **overall conversion**: people at this stage ÷ people at the first stage;
# * **drop-off**: people lost since the stage before.

# %% tags=["nbval-check-output"]
funnel = funnels.stage_funnel(tables.events, stage_model, lang=lang)
print(
    funnel[["stage", "users", "step_conversion", "overall_conversion", "drop_off"]]
    .round(3)
    .to_string(index=False)
)
# -- expected output --
#         stage  users  step_conversion  overall_conversion  drop_off
#     awareness   2004            1.000               1.000         0
# consideration    413            0.206               0.206      1591
#      purchase     51            0.123               0.025       362
#     retention     37            0.725               0.018        14
#      advocacy      9            0.243               0.004        28

# %%
funnel_plots.plot_funnel(funnel, lang=lang);

# %% [markdown]
# Article 001 says that if people leave during the sale, you simplify the sale; if they leave during
# Consideration, you work on their questions and doubts. The biggest drop-off tells you where to look
# first. Do all groups drop at the same place?

# %%
by_group = funnels.stage_funnel(
    tables.events, stage_model, breakdown, users=tables.users, lang=lang
)
funnel_plots.plot_funnel_by(by_group, lang=lang);

# %% [markdown]
# ## 4. An event funnel with a conversion window
#
# Product-analytics tools such as PostHog define funnels over *events* rather than stages:
# "visited, then subscribed, then bought". Three rules make the numbers precise:
#
# * **Conversion window**: every step must happen within the window, counted from the first
#   step. The boundary counts: with a 14-day window, a purchase exactly 14 days after the visit
#   converts; one a second later does not.
# * **Step order**: *ordered* (the default) lets other events happen between the steps; *strict*
#   means the next step must be the person's very next event, so anything in between breaks the
#   attempt; *unordered* counts people who did any *k* of the steps, in any order.
# * **Attempts**: every visit starts a new attempt. A person counts once, at the furthest step any
#   attempt reached (PostHog's rule).
#
# The **time to convert** between two steps is measured for the people who made it; the median is
# the better summary, because a few slow people pull the mean up.

# %% tags=["nbval-check-output"]
steps = ["visit", "subscribe", {"event_type": "purchase", "stage": "convert"}]
event_funnel = funnels.ordered_funnel(
    tables.events, steps, window=conversion_window_days, order=funnel_order, lang=lang
)
print(
    event_funnel[["name", "users", "step_conversion", "median_days_from_previous"]]
    .round(3)
    .to_string(index=False)
)
# -- expected output --
#                   name  users  step_conversion  median_days_from_previous
#                  visit    654            1.000                        NaN
#              subscribe     95            0.145                      0.002
# purchase+stage:convert     44            0.463                      0.001

# %%
funnel_plots.plot_time_to_convert(event_funnel, lang=lang);

# %% [markdown]
# How much do the rules matter? The same three steps, counted with each order mode and three
# windows:

# %% tags=["nbval-check-output"]
compare = {
    (order, days): funnels.ordered_funnel(tables.events, steps, window=days, order=order)[
        "users"
    ].iloc[-1]
    for order in funnels.ORDERS
    for days in (7, 14, 30)
}
print(pd.Series(compare).unstack().to_string())
# -- expected output --
#            7   14  30
# ordered    42  44  44
# strict     10  11  11
# unordered  49  51  51

# %% [markdown]
# ### What to notice
#
# * The strict funnel keeps far fewer people than the ordered one: on the way to a purchase many
#   people do something else in between (see another ad, come back through another channel), so
#   "strictly next" is the wrong question for most of a customer journey. It fits tight flows
#   such as a checkout.
# * A longer window never converts fewer people, and the unordered count is the highest (it asks
#   least): reporting a funnel without its window and order mode makes the number meaningless.

# %% [markdown]
# ## 5. Per-stage metrics (article 001)
#
# Article 001 lists what to watch at each stage: Awareness: SEO rank, visits, subscriptions, social
# engagement; Consideration: click-through rate, cost per click, engagement; Decision: sales,
# conversion rate, leads, cost per conversion; Retention: loyalty, feedback, satisfaction;
# Advocacy: reviews, referrals. `stage_metrics` computes the metrics each stage of the model lists.
# SEO rank is not in event data; you pass it in from your SEO tool (`inputs={"seo_rank": 3}`).

# %% tags=["nbval-check-output"]
stage_table = metrics.stage_metrics(tables, stage_model, lang=lang)
print(metrics.readable_stage_metrics(stage_table, lang=lang).to_string(index=False))
# -- expected output --
#               Stage                          Metric  Value                  Unit
#           Awareness                        SEO rank      –    position (1 = top)
#           Awareness                  Website visits  1,262                events
#           Awareness                   Subscriptions    111                events
#           Awareness         Social media engagement     21                events
#       Consideration        Click-through rate (CTR)  4.0 %           share (0-1)
#       Consideration            Cost per click (CPC)  1,536    currency per click
#       Consideration                      Engagement 20.6 %           share (0-1)
# Decision / Purchase                  Sales (orders)    109                orders
# Decision / Purchase                 Conversion rate  2.5 %           share (0-1)
# Decision / Purchase                           Leads    111                people
# Decision / Purchase             Cost per conversion  1,898 currency per customer
#           Retention            Repeat-purchase rate 60.8 %           share (0-1)
#           Retention   Loyalty (orders per customer)   2.14   orders per customer
#           Retention    Customer satisfaction (CSAT) 66.7 %           share (0-1)
#           Retention User feedback (survey response) 47.1 %           share (0-1)
#            Advocacy            Reviews per customer   0.18          per customer
#            Advocacy          Referrals per customer   0.08          per customer

# %% [markdown]
# A word on the click-through rate above: it is in the range of real ads (about 1–5 %), because
# most people who see an ad or a post never click it, and the presets' `ctr` setting makes only a
# few of the later ad touches clicks. Generate data with
# `synth.generate(preset, n_users=..., seed=..., ctr={"social_ads": 0.5})` and the CTR jumps while
# the journeys and orders stay the same: a click-through rate says as much about what was counted
# as impressions as about the ads. Always ask what a metric's denominator counts.
#
# One table for everyone hides the differences between journeys. The heatmap compares groups:
# each cell shows the value, and the colour shows how the group ranks on that metric (bright =
# best). Costs and time to first value are better when *lower*, so they are coloured the other way
# round.

# %%
group_metrics = metrics.metric_table(tables, by=breakdown)
shown = [
    "conversion_rate",
    "cost_per_conversion",
    "repeat_purchase_rate",
    "csat",
    "nps",
    "referrals",
]
currency = synth.config(preset, n_users, seed).currency  # the data set's money: IDR for coffee
funnel_plots.plot_metric_heatmap(group_metrics, metrics=shown, currency=currency, lang=lang);

# %% [markdown]
# **Retention by cohort.** Group people by the month they were first seen; for each later month,
# the share of the cohort who ordered. Recent cohorts have fewer months behind them: those cells
# are blank, not zero.

# %%
funnel_plots.plot_retention(metrics.cohort_retention(tables.orders, tables.users), lang=lang);

# %% [markdown]
# ## Step 4 · Score the journey
#
# The **journey score** turns the metric mix from step 1 into one number per journey:
#
# 1. each weighted metric is **normalised** so that higher is better: with `"minmax"` the best group
#    gets 1 and the worst 0 (costs are flipped); with `"ratio"` each value is divided by the value
#    for everyone together, so 1.2 means 20 % better than average;
# 2. the score is the **weighted mean** of the normalised metrics.
#
# The stacked bars show how much each metric contributes to each group's score.

# %% tags=["nbval-check-output"]
scores = score.journey_score(tables, by=breakdown, weights=score_weights, normalise=score_normalise)
print(scores[["reach", "score", "rank"]].round(3).to_string())
# -- expected output --
#                reach  score  rank
# persona                          
# home_barista     483  0.800     1
# office_worker    939  0.413     2
# student          582  0.200     3

# %%
funnel_plots.plot_journey_score(scores, lang=lang);

# %% [markdown]
# Different goals can crown different journeys. With the default data the home baristas'
# journey leads under the balanced, sales and retention goals; the advocacy score rests on a
# handful of advocates, so it is noisy. The first-touch channels move far more. Here is each channel's rank under each goal, with the group size:

# %% tags=["nbval-check-output"]
ranks = pd.DataFrame(
    {
        name: score.journey_score(tables, by="channel", weights=name)["rank"]
        for name in score.WEIGHT_PRESETS
    }
)
print(ranks.join(score.journey_score(tables, by="channel")["reach"]).to_string())
# -- expected output --
#                 balanced  sales  retention  advocacy  reach
# channel                                                    
# affiliate              7      5          6         6    130
# direct                 4      1          7         3    104
# organic_search         2      2          5         4    359
# paid_search            3      7          1         1    269
# referral               6      9       <NA>      <NA>      4
# social_ads             9      8       <NA>      <NA>    502
# social_organic         8      6          2         7    469
# store                  5      3          3         5     73
# whatsapp               1      4          4         2     94

# %% [markdown]
# ### What to notice
#
# * The biggest group is not necessarily the best journey: the score compares rates and costs,
#   not head counts. But small groups (a channel that brought a few dozen people) give noisy rates:
#   check `reach` before you act on a rank.
# * No channel is first under every goal, and a channel can rank near the top under one goal and
#   near the bottom under another. That is article 001's point that not every journey should be
#   treated the same. Decide the goal (step 1) *before*
#   you look at the ranking.
# * Min-max scores only rank the groups against each other (the worst gets 0 even if it is good);
#   ratio scores say how far each group is from the average.

# %% [markdown]
# ## Move it and see: the funnel explorer
#
# Everything above, for any group you choose: filter by persona, first-touch channel, device,
# campaign and first-seen dates, or switch the stage model, and the funnel and the stage metrics
# recompute for the selected people. Which group loses the most people between Consideration and
# Decision?

# %%
from journeykit.widgets import FunnelExplorer

FunnelExplorer(tables, stage_model=stage_model, lang=lang)

# %% [markdown]
# ## Try it yourself
#
# 1. Set `breakdown = "channel"`. Which first-touch channel brings the best journey under
#    `"balanced"`, and does it change under `"sales"`?
# 2. Set `funnel_order = "unordered"` and `conversion_window_days = 3`. How many people reach the
#    last step now, and why?
# 3. Build your own weights: `score.journey_score(tables, by=breakdown, weights={"conversion_rate": 3,
#    "nps": 1})`. Does the ranking change?
# 4. Set `stage_model = "cvj"`: which metrics appear for the Excite and Promote steps?
# 5. From the command line: `journeykit synth --out data`, then `journeykit funnel data --by persona`,
#    `journeykit metrics data` and `journeykit score data --by channel --weights sales`.

# %% [markdown]
# ## Summary
#
# * Measure a journey in four steps (article 001): choose it by its goal, pick the data, define
#   its steps, score it.
# * A **stage funnel** counts people reaching each stage; step conversion, overall conversion and
#   drop-off show where people leave.
# * An **event funnel** needs a **conversion window** (inclusive) and an **order mode** (ordered,
#   strict, unordered); a person counts at the furthest step any attempt reached; time to convert
#   is best summarised by its median.
# * Each **per-stage metric** has one definition (numerator, denominator, unit) in
#   `journeykit.metrics`; compare them by group, and read retention by cohort.
# * The **journey score** is a weighted mean of normalised metrics; its weights encode the goal.
#
# **Exercise:** [exercises/05_measuring.ipynb](../exercises/05_measuring.ipynb).
