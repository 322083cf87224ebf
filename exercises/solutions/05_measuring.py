# %% [markdown]
# # Exercise 05 · Measuring the journey
#
# Work through the tasks; each check cell tells you whether your answer is right and, if not, what
# the likely mistake is. Lesson: [notebooks/05_measuring.ipynb](../../notebooks/05_measuring.ipynb).

# %% tags=["parameters"]
seed = 42
lang = "en"
preset = "coffee"
n_users = 2000
stage_model = "five"

# %%
from journeykit.params import check_parameters

check_parameters(seed=seed, lang=lang, preset=preset, n_users=n_users, stage_model=stage_model)

# %% tags=["nbval-check-output"]
from journeykit import funnels, metrics, score, synth
from journeykit.checks import measuring as check

tables = synth.generate(preset, n_users=n_users, seed=seed)
events, survey = tables.events, tables.survey
third_stage = funnels.stage_funnel(events, stage_model)["stage"].iloc[2]
print(f"{len(events):,} events, {len(tables.orders):,} orders, {len(survey):,} survey answers")
# -- expected output --
# 3,668 events, 109 orders, 24 survey answers

# %% [markdown]
# ## Task 1 · Step conversion
#
# In the stage funnel of `stage_model`, what share of the people at the second stage went on to the
# third stage (`third_stage`)? Store it in `step_conversion`.

# %% tags=["solution"]
funnel = funnels.stage_funnel(events, stage_model).set_index("stage")
step_conversion = funnel.loc[third_stage, "step_conversion"]

# %% tags=["nbval-check-output"]
print(
    check.check_step_conversion(
        step_conversion, events, stage=third_stage, model=stage_model, lang=lang
    )
)
# -- expected output --
# ✔ step conversion into purchase: correct (0.123487).

# %% [markdown]
# ## Task 2 · A funnel with a 1-day window
#
# Visit → subscribe → first purchase (`purchase` at stage `convert`), in that order, other events
# allowed in between, every step within **1 day** (24 hours) of the visit. How many people reach the
# purchase? Store it in `buyers_1d`.

# %% tags=["solution"]
steps = ["visit", "subscribe", {"event_type": "purchase", "stage": "convert"}]
buyers_1d = funnels.ordered_funnel(events, steps, window=1)["users"].iloc[-1]

# %% tags=["nbval-check-output"]
first_buy = {"event_type": "purchase", "stage": "convert"}
print(
    check.check_funnel_users(
        buyers_1d, events, ["visit", "subscribe", first_buy], window=1, lang=lang
    )
)
# -- expected output --
# ✔ people who reached the last step: correct (30).

# %% [markdown]
# ## Task 3 · Click-through rate by hand
#
# Compute the click-through rate from `events` yourself: clicks divided by impressions. Store the
# share in `ctr`.

# %% tags=["solution"]
counts = events["event_type"].value_counts()
ctr = counts["click"] / counts["impression"]

# %% tags=["nbval-check-output"]
print(check.check_metric(ctr, tables, "click_through_rate", lang=lang))
# -- expected output --
# ✔ click through rate: correct (0.0400395).

# %% [markdown]
# ## Task 4 · Cost per conversion
#
# What did one new customer cost? Divide the cost of all touches (`events.cost`) by the number of
# customers (people with at least one order). Store it in `cost_per_conversion`.

# %% tags=["solution"]
cost_per_conversion = events["cost"].sum() / tables.orders["user_id"].nunique()

# %% tags=["nbval-check-output"]
print(check.check_metric(cost_per_conversion, tables, "cost_per_conversion", lang=lang))
# -- expected output --
# ✔ cost per conversion: correct (1897.91).

# %% [markdown]
# ## Task 5 · Net Promoter Score
#
# From `survey.nps` (0-10), compute the NPS: the percentage of promoters (9-10) minus the
# percentage of detractors (0-6), over all NPS answers. Store it in `nps`.

# %% tags=["solution"]
answers = survey["nps"].dropna()
nps = 100 * ((answers >= 9).mean() - (answers <= 6).mean())

# %% tags=["nbval-check-output"]
print(check.check_metric(nps, tables, "nps", lang=lang))
# -- expected output --
# ✔ nps: correct (4.16667).

# %% [markdown]
# ## Task 6 · Score the journeys
#
# You want more recommendations. Score the persona journeys with the `"advocacy"` weights and
# store the key of the best persona (e.g. `"student"`) in `best_persona`.

# %% tags=["solution"]
scores = score.journey_score(tables, by="persona", weights="advocacy")
best_persona = scores.index[0]

# %% tags=["nbval-check-output"]
print(check.check_top_journey(best_persona, tables, by="persona", weights="advocacy", lang=lang))
# -- expected output --
# ✔ best persona journey: correct ('student').

# %% [markdown] tags=["solution"]
# **Why?** The advocacy mix weighs NPS and referrals per customer twice as much as reviews and
# CSAT. The winning persona is the one whose customers recommend the shop, not necessarily the
# one with the most customers.
