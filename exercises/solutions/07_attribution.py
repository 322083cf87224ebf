# %% [markdown]
# # Exercise 07 · Assisted conversions and attribution
#
# Work through the tasks; each check cell tells you whether your answer is right and, if not, what
# the likely mistake is. Tasks 1 to 4 use a small paths table you can work out by hand (do it on
# paper first, then with code); task 5 uses the course data. Lesson:
# [notebooks/07_attribution.ipynb](../../notebooks/07_attribution.ipynb).

# %% tags=["parameters"]
seed = 42
lang = "en"
preset = "coffee"
n_users = 2000
lookback_days = 30

# %%
from journeykit.params import check_parameters

check_parameters(seed=seed, lang=lang, preset=preset, n_users=n_users, lookback_days=lookback_days)

# %%
import pandas as pd

from journeykit import attribution, paths, synth
from journeykit.checks import attribution as check

small = pd.DataFrame(
    {
        "path": [
            "social_ads > direct",
            "social_ads > email > social_ads > whatsapp > email > direct",
            "email",
            "email > social_ads",
        ],
        "total_conversions": [3, 2, 1, 1],
        "total_null": [1, 0, 2, 4],
    }
)
small

# %% [markdown]
# ## Task 1 · Assisted conversions
#
# Using Google Analytics' rule, how many conversions did `social_ads` **assist**? Store the number
# in `assisted_social`.

# %% tags=["solution"]
assisted_social = (
    3 + 2
)  # once per conversion on the first two paths; on the last it is the last touch

# %% tags=["nbval-check-output"]
print(check.check_assisted(assisted_social, small, "social_ads", lang=lang))
# -- expected output --
# ✔ assisted conversions of social_ads: correct (5).

# %% [markdown]
# ## Task 2 · Linear credit
#
# Under the **linear** model (one equal share per touch), how many conversions does `social_ads`
# get? Store it in `linear_social`.

# %% tags=["solution"]
linear_social = 3 * 1 / 2 + 2 * 2 / 6 + 1 * 1 / 2

# %% tags=["nbval-check-output"]
print(check.check_linear_credit(linear_social, small, "social_ads", lang=lang))
# -- expected output --
# ✔ linear credit of social_ads: correct (2.66667).

# %% [markdown]
# ## Task 3 · Position based
#
# Under the **position-based** model (40 % first, 40 % last, 20 % shared by the touches between),
# how many conversions does `social_ads` get? Store it in `position_social`.

# %% tags=["solution"]
position_social = 3 * 0.5 + 2 * (0.4 + 0.2 / 4) + 1 * 0.5

# %% tags=["nbval-check-output"]
print(check.check_position_credit(position_social, small, "social_ads", lang=lang))
# -- expected output --
# ✔ position-based credit of social_ads: correct (2.9).

# %% [markdown]
# ## Task 4 · A removal effect by hand
#
# A smaller table: three journeys go `social_ads > direct` and one of them converts; two journeys
# are just `direct` and one of them converts.
#
# * Draw the chain: from `(start)` to `social_ads` or `direct`, from `social_ads` to `direct`, from
#   `direct` to `(conversion)` or `(null)`.
# * What is P(conversion)? What is it if `social_ads` is removed (journeys reaching it end in
#   `(null)`)?
#
# Store the **removal effect** of `social_ads`, 1 − P(without) / P(with), in `effect_social`.

# %%
tiny = pd.DataFrame(
    {"path": ["social_ads > direct", "direct"], "total_conversions": [1, 1], "total_null": [2, 1]}
)
tiny

# %% tags=["solution"]
p_direct = 2 / 5  # all 5 journeys reach direct and 2 of them convert
p_with = (
    3 / 5 * 1 * p_direct + 2 / 5 * p_direct
)  # start -> social_ads -> direct, or start -> direct
p_without = 2 / 5 * p_direct  # only the journeys that start at direct can still convert
effect_social = 1 - p_without / p_with

# %% tags=["nbval-check-output"]
print(check.check_removal_effect(effect_social, tiny, "social_ads", lang=lang))
# -- expected output --
# ✔ removal effect of social_ads: correct (0.6).

# %% [markdown]
# ## Task 5 · Which channel does the model choice change most?
#
# On the course data, compute first-touch and last-touch credit per channel. Which channel
# **gains** the most conversions when you switch from last touch to first touch? Store its name
# (a channel key such as `"email"`) in `biggest_gain`.

# %%
tables = synth.generate(preset, n_users=n_users, seed=seed)
journeys = paths.conversion_paths(tables.events, tables.orders, lookback_days=lookback_days)
credit = attribution.attribute(journeys, models="first,last")

# %% tags=["solution"]
gain = credit.assign(gain=credit["first"] - credit["last"]).sort_values("gain", ascending=False)
biggest_gain = gain["channel"].iloc[0]

# %% tags=["nbval-check-output"]
print(check.check_biggest_gain(biggest_gain, credit, lang=lang))
# -- expected output --
# ✔ channel gaining most from last to first: correct ('organic_search').

# %% [markdown] tags=["solution"]
# The channel that gains most is the one that **opens** many journeys but rarely closes them: a
# last-click report would make it look almost worthless.
