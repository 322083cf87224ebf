# %% [markdown]
# # 06 · Time lag and path length: how long people take to buy
#
# **The question.** Article 000 warns that not every visitor buys straight away: many look around,
# leave, come back the next day or a few times more, and only then buy. "This is normal, customers
# need time to be sure about a product." How long is that, in days and in touches, and what should
# a business do with the answer?
#
# Google Analytics answers it with two reports of its multi-channel funnels: **time lag** (days from
# the first touch to the conversion) and **path length** (how many interactions the conversion
# path holds). In this lesson you build both from the event data, see how the **lookback window**
# changes them, and look at article 000's **mobile conversions**: on which device people buy.

# %% [markdown]
# ## Parameters
#
# `preset` and `n_users` choose the synthetic data set (`coffee`: a coffee shop, money in rupiah),
# `seed` makes it reproducible. `lookback_days` is the window before each conversion in which
# touches count (Google Analytics' default is 30 days).

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

from journeykit import paths, synth
from journeykit.plots import paths as path_plots

pd.set_option("display.width", 120)
tables = synth.generate(preset, n_users=n_users, seed=seed)

# %% [markdown]
# ## 1. From events to conversion paths
#
# The events table has one row per touch: an ad seen or clicked, a visit from a search result, an
# email opened, a purchase. Three decisions turn it into **conversion paths** (jalur konversi):
#
# * **What is a conversion?** Here a person's *first* purchase, the Convert step of the Customer
#   Value Journey (`conversions="all"` would count every purchase).
# * **What is one touch?** Like Google Analytics' sessions: events of one person on the *same
#   channel* less than 30 minutes apart are one **interaction**; a new channel or a longer pause
#   starts a new one. Ad impressions that were not clicked do not count.
# * **How far back?** Only interactions that started at most `lookback_days` before the purchase
#   belong to its path.
#
# People who never bought get a path too (their last `lookback_days` of touches): those are the
# *non-converting* journeys, needed later for attribution. People who only ever *saw* an ad or a
# post (impressions, no click, no visit) have no interaction at all, so no journey: that is why
# there are far fewer journeys below than people in the data.

# %% tags=["nbval-check-output"]
journeys = paths.conversion_paths(tables.events, tables.orders, lookback_days=lookback_days)
buyers = journeys.journeys[journeys.journeys["converted"]]
print(f"{len(buyers)} conversions, {len(journeys.journeys) - len(buyers)} journeys without one")
# -- expected output --
# 51 conversions, 661 journeys without one

# %% [markdown]
# One buyer's path, touch by touch (`days_before_end`: days before the purchase):

# %%
first_buyer = buyers["journey_id"].iloc[0]
journeys.touches[journeys.touches["journey_id"] == first_buyer].round({"days_before_end": 2})

# %% [markdown]
# ## 2. Time lag: days from first touch to purchase
#
# For each conversion, the **time lag** is the number of days from the first interaction on its
# path to the purchase. Google Analytics groups it into buckets: `0` (under a day), `1`, `2`, ...
# `11` days, then `12-30`, `31-60`, `61-90` and more.

# %% tags=["nbval-check-output"]
lag = paths.time_lag_distribution(journeys)
print(lag.round(1).to_string(index=False))
# -- expected output --
# bucket  conversions  share_pct  conversion_value
#      0         33.0       64.7         1617000.0
#      1          6.0       11.8          294000.0
#      2          2.0        3.9           98000.0
#      3          2.0        3.9           98000.0
#      4          4.0        7.8          196000.0
#      5          2.0        3.9           98000.0
#      6          0.0        0.0               0.0
#      7          0.0        0.0               0.0
#      8          0.0        0.0               0.0
#      9          2.0        3.9           98000.0
#     10          0.0        0.0               0.0
#     11          0.0        0.0               0.0
#  12-30          0.0        0.0               0.0
#  31-60          0.0        0.0               0.0
#  61-90          0.0        0.0               0.0
#    91+          0.0        0.0               0.0

# %%
path_plots.plot_time_lag(lag, lang=lang);

# %% [markdown]
# ### What to notice
#
# * Most buyers buy on the day of their first interaction (bucket `0`): a bag of coffee is a small,
#   familiar purchase, and real shops' time-lag reports look the same. A minority takes days: the
#   tail to the right is the *time lag* article 000 talks about.
# * With a 30-day lookback nothing can be older than 30 days: the `31-60` and later buckets stay
#   empty. A longer window could move some conversions to the right.
# * A follow-up message (an email, a WhatsApp reminder) is for that tail: the people who did not
#   buy on day 0 and are still deciding in the days after.

# %% [markdown]
# ## 3. Path length: how many touches
#
# The **path length** counts interactions on the path, the converting visit included.

# %% tags=["nbval-check-output"]
length = paths.path_length_distribution(journeys)
print(length.round(1).to_string(index=False))
# -- expected output --
# bucket  conversions  share_pct  conversion_value
#      1         14.0       27.5          686000.0
#      2         20.0       39.2          980000.0
#      3          9.0       17.6          441000.0
#      4          4.0        7.8          196000.0
#      5          2.0        3.9           98000.0
#      6          2.0        3.9           98000.0
#      7          0.0        0.0               0.0
#      8          0.0        0.0               0.0
#      9          0.0        0.0               0.0
#     10          0.0        0.0               0.0
#     11          0.0        0.0               0.0
#    12+          0.0        0.0               0.0

# %%
path_plots.plot_path_length(length, lang=lang);

# %% [markdown]
# The two reports in four numbers:

# %% tags=["nbval-check-output"]
summary = paths.path_summary(journeys)
print(
    f"median time lag {summary.median_time_lag_days:.1f} days, "
    f"mean {summary.mean_time_lag_days:.1f} days"
)
print(
    f"median path length {summary.median_path_length:.0f} interactions, "
    f"one-touch conversions {summary.single_touch_share:.1%}"
)
# -- expected output --
# median time lag 0.0 days, mean 1.4 days
# median path length 2 interactions, one-touch conversions 27.5%

# %% [markdown]
# ### What to notice
#
# * The mean time lag is above the median: a few slow buyers pull the mean up. For "typical
#   buyer" questions use the median.
# * About a quarter of the conversions took one interaction; the others took two or more, and a
#   few many more. For those, judging a channel only by the purchases it *closed* misses part of
#   what happened. Lesson 07 turns this into assisted conversions and attribution.

# %% [markdown]
# ## 4. The lookback window changes the answer
#
# The data do not change, but the window through which you look at them does. A shorter window
# cuts early touches off: paths look shorter and time lags smaller. The number of conversions
# stays the same.

# %% tags=["nbval-check-output"]
by_window = paths.summary_by_lookback(tables.events, tables.orders, lookbacks=(7, 30, 90, None))
print(by_window.round(2).to_string(index=False))
# -- expected output --
#  lookback_days  conversions  mean_time_lag_days  median_time_lag_days  mean_path_length  median_path_length  single_touch_share
#            7.0         51.0                 1.1                  0.02              2.29                 2.0                0.29
#           30.0         51.0                 1.4                  0.02              2.33                 2.0                0.27
#           90.0         51.0                 1.4                  0.02              2.33                 2.0                0.27
#            inf         51.0                 1.4                  0.02              2.33                 2.0                0.27

# %% [markdown]
# `inf` is no limit: the path goes back to the person's **first contact**. When you compare two
# reports (two tools, two years), check that they used the same window first.

# %% [markdown]
# ## 5. Mobile conversions
#
# Article 000 notes that many people shop on their phones, and some businesses found that most of
# their buyers used one kind of phone, so that was the screen to optimise for. Where do our buyers
# buy? The device of the purchase event decides; `cross_device_share` is the share of those buyers
# whose path used more than one device (an omnichannel view is needed to see them as one person).

# %% tags=["nbval-check-output"]
devices = paths.conversion_device_split(journeys)
print(devices.round(3).to_string(index=False))
# -- expected output --
#  device  conversions  share_pct  conversion_value  cross_device_share
#  mobile         31.0     60.784         1519000.0               0.065
# desktop         19.0     37.255          931000.0               0.105
#  tablet          1.0      1.961           49000.0               0.000

# %% [markdown]
# ### What to notice
#
# * Most purchases happen on mobile. A slow mobile checkout costs more sales than a slow desktop
#   one.
# * Some buyers switch device on the way (`cross_device_share`). A report that treats each device
#   as a different person would cut their paths in two and show more, shorter journeys than there
#   really are.

# %% [markdown]
# ## Try it yourself
#
# 1. Set `lookback_days = 7` and run again. Which buckets of the time-lag chart change, and why
#    can the path length only go down?
# 2. Call `paths.conversion_paths(tables.events, tables.orders, conversions="all")`. Repeat purchases
#    now count too. Are their paths longer or shorter than first purchases'? Why?
# 3. Add ad impressions as touches: `touch_types=("impression", *paths.DEFAULT_TOUCH_TYPES)`. What
#    happens to the path length, and is an ad *seen* worth as much as a click?
# 4. Run with `preset = "saas"`. Does a software subscription take more interactions, or more days,
#    to decide than a coffee? Compare the medians and the means.
# 5. From the command line: `journeykit paths datasets/coffee --out paths.csv` writes the
#    aggregated paths table that lesson 07 and `journeykit attribution` read.

# %% [markdown]
# ## Summary
#
# * A **conversion path** is the ordered list of channels of a buyer's interactions within the
#   **lookback window** before the purchase; an interaction groups a person's events on one channel
#   less than 30 minutes apart.
# * **Time lag**: days from the first touch on the path to the conversion, in GA's buckets
#   (0, 1, ..., 11, 12-30, ...). **Path length**: interactions on the path.
# * Most buyers decide within a day and in one or two interactions; a minority takes days and
#   several touches, and for them the last touch alone does not tell the whole story.
# * The lookback window changes both reports; compare reports only with the same window.
# * **Mobile conversions**: the device of the purchase, and how many buyers switched device.
#
# **Exercise:** [exercises/06_time_lag.ipynb](../exercises/06_time_lag.ipynb)
# (solutions in [exercises/solutions/06_time_lag.ipynb](../exercises/solutions/06_time_lag.ipynb)).
