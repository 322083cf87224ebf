# %% [markdown]
# # Exercise 06 · Time lag and path length
#
# Work through the tasks; each check cell tells you whether your answer is right and, if not, what
# the likely mistake is. Lesson: [notebooks/06_time_lag.ipynb](../../notebooks/06_time_lag.ipynb).

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
from journeykit import paths, synth
from journeykit.checks import time_lag as check

tables = synth.generate(preset, n_users=n_users, seed=seed)
journeys = paths.conversion_paths(tables.events, tables.orders, lookback_days=lookback_days)
buyers = journeys.journeys[journeys.journeys["converted"]]
buyers.head()

# %% [markdown]
# ## Task 1 · The typical time lag
#
# `buyers` holds one row per conversion; `time_lag_days` is the number of days from the first touch
# on its path to the purchase. How many days does the *typical* buyer take? Store the median in
# `median_lag` (in days).

# %% tags=["solution"]
median_lag = buyers["time_lag_days"].median()

# %% tags=["nbval-check-output"]
print(check.check_median_time_lag(median_lag, journeys, lang=lang))
# -- expected output --
# ✔ median time lag: correct (0.0167593).

# %% [markdown]
# ## Task 2 · Long paths
#
# What share of conversions (a number between 0 and 1) needed **3 or more** interactions
# (`n_touches`)? Store it in `long_share`.

# %% tags=["solution"]
long_share = (buyers["n_touches"] >= 3).mean()

# %% tags=["nbval-check-output"]
print(check.check_long_path_share(long_share, journeys, min_length=3, lang=lang))
# -- expected output --
# ✔ share of conversions with 3+ touches: correct (0.333333).

# %% [markdown]
# ## Task 3 · Mobile conversions
#
# Article 000 asks on which devices people buy. What share of conversions (0 to 1) happened on a
# **mobile** device? The device of a conversion is the device of its purchase (column `device` of
# `buyers`). Store it in `mobile_share`.

# %% tags=["solution"]
mobile_share = (buyers["device"] == "mobile").mean()

# %% tags=["nbval-check-output"]
print(check.check_mobile_share(mobile_share, journeys, users=tables.users, lang=lang))
# -- expected output --
# ✔ mobile share: correct (0.607843).

# %% [markdown]
# ## Task 4 · A shorter lookback window
#
# Build the paths again with a **1-day** lookback window (only the touches of the 24 hours before
# each purchase count). What is the **mean** path length (interactions per conversion) now? Store it
# in `mean_length_1`.

# %% tags=["solution"]
short = paths.conversion_paths(tables.events, tables.orders, lookback_days=1)
mean_length_1 = paths.path_summary(short).mean_path_length

# %% tags=["nbval-check-output"]
print(
    check.check_mean_path_length(
        mean_length_1,
        tables.events,
        tables.orders,
        lookback_days=1,
        usual_lookback=lookback_days,
        lang=lang,
    )
)
# -- expected output --
# ✔ mean path length with a 1-day lookback: correct (1.7451).

# %% [markdown] tags=["solution"]
# The window cut the early touches off: the same buyers, the same purchases, but shorter paths.
# When two reports disagree on path length, compare their lookback windows first.
