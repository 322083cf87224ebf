# %% [markdown]
# # Exercise 04 · Touchpoints and channels
#
# Work through the tasks; each check cell tells you whether your answer is right and, if not, what
# the likely mistake is. Lesson: [notebooks/04_touchpoints.ipynb](../../notebooks/04_touchpoints.ipynb).

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
from journeykit import synth, touchpoints
from journeykit.checks import touchpoints as check

tables = synth.generate(preset, n_users=n_users, seed=seed)
events = tables.events
last_stage = {"five": "advocacy", "map": "loyalty", "cvj": "promote"}[stage_model]
print(f"{len(events):,} events of {events['user_id'].nunique():,} people")
# -- expected output --
# 3,668 events of 2,004 people

# %% [markdown]
# ## Task 1 · People on a channel at a stage
#
# How many **people** had at least one WhatsApp touch at the last stage of the model (`last_stage`:
# Advocacy in the five-stage model)? Store the number in `whatsapp_people`.

# %% tags=["solution"]
matrix = touchpoints.channel_stage_matrix(events, stage_model)
whatsapp_people = int(matrix.loc["whatsapp", last_stage])

# %% tags=["nbval-check-output"]
print(
    check.check_channel_stage_people(
        whatsapp_people, events, channel="whatsapp", stage=last_stage, model=stage_model, lang=lang
    )
)
# -- expected output --
# ✔ people on whatsapp at advocacy: correct (5).

# %% [markdown]
# ## Task 2 · The same customer on several devices
#
# Of the people who bought, what share used **two or more devices** up to and including their
# first purchase? Give a share between 0 and 1 in `cross_device`.

# %% tags=["solution"]
breadth = touchpoints.journey_breadth(events)
buyers = breadth[breadth["converted"]]
cross_device = (buyers["devices"] >= 2).mean()

# %% tags=["nbval-check-output"]
print(check.check_cross_device_share(cross_device, events, lang=lang))
# -- expected output --
# ✔ cross-device share of buyers: correct (0.411765).

# %% [markdown]
# ## Task 3 · Mobile conversions
#
# What share of conversions (each person's **first** purchase) happened on a mobile device? Store
# the share in `mobile_share`.

# %% tags=["solution"]
first_purchase = (
    events[events["event_type"] == "purchase"]
    .sort_values(["user_id", "timestamp", "event_id"])
    .drop_duplicates("user_id")
)
mobile_share = (first_purchase["device"] == "mobile").mean()

# %% tags=["nbval-check-output"]
print(check.check_mobile_conversion_share(mobile_share, events, lang=lang))
# -- expected output --
# ✔ mobile share of conversions: correct (0.607843).

# %% [markdown]
# ## Task 4 · One channel only
#
# What is the conversion rate of the people who used **exactly one** channel on the way (up to
# their first purchase, or all their touches if they never bought)? Store it in `one_channel_rate`.

# %% tags=["solution"]
one = breadth[breadth["channels"] == 1]
one_channel_rate = one["converted"].mean()

# %% tags=["nbval-check-output"]
print(check.check_single_channel_conversion(one_channel_rate, events, lang=lang))
# -- expected output --
# ✔ conversion rate with one channel: correct (0.00537313).

# %% [markdown] tags=["solution"]
# **Why so low?** Most people seen on only one channel saw one ad or made one visit and never came back, while most buyers cross two or more channels on the way (lesson 04). So single-channel journeys rarely end in a purchase. This is an association, not proof that adding channels causes purchases: people who already mean to buy look around more.
