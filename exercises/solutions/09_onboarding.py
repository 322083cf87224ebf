# %% [markdown]
# # Exercise 09 · Excite: time to first value and onboarding
#
# Each check cell tells you whether your answer is right and, if not, what the likely mistake is.
# Lesson: [notebooks/09_onboarding.ipynb](../../notebooks/09_onboarding.ipynb).

# %% tags=["parameters"]
seed = 42
lang = "en"
preset = "coffee"
n_users = 2000

# %%
from journeykit.params import check_parameters

check_parameters(seed=seed, lang=lang, preset=preset, n_users=n_users)

# %%
from journeykit import onboarding, synth
from journeykit.checks import onboarding as check

tables = synth.generate(preset, n_users=n_users, seed=seed)

# %% [markdown]
# ## Task 1 · How fast do customers get value?
#
# What is the **median** number of days from a customer's first order to their first value (the
# first `onboard` event at or after it)? Store it in `median_days`.

# %% tags=["solution"]
median_days = onboarding.summarize_time_to_first_value(tables.events, tables.orders).median_days

# %% tags=["nbval-check-output"]
print(check.check_median_days_to_first_value(median_days, tables.events, tables.orders, lang=lang))
# -- expected output --
# ✔ median days to first value: correct (3.09035).

# %% [markdown]
# ## Task 2 · How many get there in the first two weeks?
#
# What share of customers (people with an order) reached first value within 14 days of their first
# order? Give a share between 0 and 1 in `share_14`.

# %% tags=["solution"]
share_14 = onboarding.summarize_time_to_first_value(
    tables.events, tables.orders, within_days=14
).onboarded_share

# %% tags=["nbval-check-output"]
print(
    check.check_onboarded_share(share_14, tables.events, tables.orders, within_days=14, lang=lang)
)
# -- expected output --
# ✔ share of customers who reached first value: correct (0.686275).

# %% [markdown]
# ## Task 3 · The repeat-rate gap
#
# Count a customer as onboarded if they reached first value within 14 days of their first order,
# and as a repeater if they ordered again within 60 days (leave out customers who joined less than
# 60 days before the end of the data). By how much does the repeat rate of onboarded customers
# exceed that of the others? Give the difference of the two shares in `gap` (e.g. 0.25).

# %% tags=["solution"]
result = onboarding.repeat_by_onboarding(
    tables.events, tables.orders, onboard_within_days=14, followup_days=60
)
gap = result.difference

# %% tags=["nbval-check-output"]
print(
    check.check_repeat_difference(
        gap, tables.events, tables.orders, onboard_within_days=14, followup_days=60, lang=lang
    )
)
# -- expected output --
# ✔ difference in repeat rate: correct (0.5).

# %% [markdown]
# ## Task 4 · How to read it
#
# A shop finds the same gap in its **real** customer data (not the generator's). Is it the causal
# effect of onboarding, or an observational comparison that may also reflect who chooses to
# onboard? Answer `"causal"` or `"observational"` in `reading`.

# %% tags=["solution"]
reading = "observational"

# %% tags=["nbval-check-output"]
print(check.check_causal_reading(reading, lang=lang))
# -- expected output --
# ✔ how to read the difference: correct ('observational').

# %% [markdown] tags=["solution"]
# **Why?** Customers pick themselves into onboarding. The keen ones both onboard and come back, so
# part of the gap would be there even if onboarding did nothing. A randomised test (onboard a
# random half) isolates the effect.
