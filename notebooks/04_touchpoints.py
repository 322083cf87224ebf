# %% [markdown]
# # 04 · Touchpoints and channels: where people meet you
#
# **The question.** Rina sees an Instagram ad for a coffee sampler on her phone during the commute.
# That evening she searches for a brewing guide on her laptop, signs up for the shop's WhatsApp
# updates, and three days later buys the sampler in the shop's app. Which channels did the shop
# reach her through at each stage, and how many customers like Rina *cross* channels and devices
# on the way to buying?
#
# A **touchpoint** (titik kontak) is any place where a customer meets the business: an ad, a search
# result, a landing page, a WhatsApp chat, the counter in the shop. Articles 002 and 003 ask you to
# list the touchpoints of every stage of the journey map. The **channel** (saluran) is the traffic
# source that carried the touch: paid search, social ads, email, WhatsApp, the store ...
#
# This lesson measures three things from event data:
#
# 1. the **channel × stage matrix**: which channels work at which stage;
# 2. **multichannel vs omnichannel**: how many customers use more than one channel and more than
#    one device before they buy (article 003);
# 3. **mobile conversions**: on which device people actually buy (article 000).

# %% [markdown]
# ## Parameters
#
# `preset` and `n_users` choose the synthetic data set, `seed` makes it reproducible, `lang` sets
# the language of every label and `stage_model` the stages the matrix is built on (`"five"`,
# `"map"` or `"cvj"`).

# %% tags=["parameters"]
seed = 42
lang = "en"
preset = "coffee"
n_users = 2000
stage_model = "five"

# %%
from journeykit.params import check_parameters

check_parameters(seed=seed, lang=lang, preset=preset, n_users=n_users, stage_model=stage_model)

# %%
import pandas as pd

from journeykit import synth, touchpoints
from journeykit.plots import touchpoints as touch_plots

pd.set_option("display.width", 120)
tables = synth.generate(preset, n_users=n_users, seed=seed)
events = tables.events

# %% [markdown]
# ## 1. Touches in the data
#
# Every row of `events` is one touch: who, when, through which **channel**, on which **device**, at
# which **touchpoint**, what happened (`event_type`) and which Customer Value Journey step it shows
# the person reached (`stage`).

# %%
events[["user_id", "timestamp", "channel", "device", "touchpoint", "event_type", "stage"]].head(8)

# %% [markdown]
# ## 2. Which channels work at which stage?
#
# The **channel × stage matrix** counts, for every channel and stage, the *people* who had at
# least one touch there. A person who saw three Instagram ads counts once in the Instagram row.

# %% tags=["nbval-check-output"]
matrix = touchpoints.channel_stage_matrix(events, stage_model)
print(matrix.to_string())
# -- expected output --
#                 awareness  consideration  purchase  retention  advocacy
# channel                                                                
# organic_search        367            188         8          0         0
# paid_search           282             17         0          0         0
# social_ads            792             46         1          0         0
# social_organic        488             21         1          0         2
# email                   0             37         2         19         7
# referral                4              2         0          0         0
# affiliate             133             18         0          0         0
# direct                108             76        11         24         3
# whatsapp               94            101        31         19         5
# store                  73             39         1          0         0

# %%
touch_plots.plot_channel_stage(matrix, stage_model, lang=lang);

# %% [markdown]
# Raw counts favour big channels. Dividing each column by the number of people at that stage
# gives the share of the stage's people each channel reached. A person can use several channels at
# one stage, so a column can add up to more than 100 %.

# %%
share = touchpoints.channel_stage_matrix(events, stage_model, normalize="stage")
touch_plots.plot_channel_stage(share, stage_model, value="share", lang=lang);

# %% [markdown]
# ### What to notice
#
# * Ads, social posts and search (paid and organic) fill the top of the funnel. Email never appears
#   at Awareness, because you need someone's contact details before you can write to them (they
#   subscribed first); WhatsApp appears there only for the people who first heard of the shop in a
#   chat with a friend.
# * After the first purchase, owned channels take over: email, WhatsApp and direct visits carry
#   Retention and Advocacy. That is where the journey map's "thank-you message" and "personal
#   recommendation" touchpoints (article 001) live.
# * The store appears mostly at Awareness and Consideration: some people first meet the shop at
#   the roastery, then buy online.

# %% [markdown]
# ## 3. Multichannel or omnichannel?
#
# Article 003 contrasts two ways of running channels:
#
# * **multichannel**: the business is present on many channels, but each works on its own; the
#   WhatsApp team does not know what the customer did on Instagram;
# * **omnichannel**: the channels share one view of the customer, so the person who clicked the ad
#   on a phone and opens the email on a laptop is recognised as *the same customer*, and the
#   journey feels seamless.
#
# Whether omnichannel is worth the effort depends on how many customers actually cross channels
# and devices. `journey_breadth` counts, per person, the channels and devices used **up to and
# including the first purchase** (for people who never bought: all their touches).

# %%
breadth = touchpoints.journey_breadth(events)
breadth.head()

# %% tags=["nbval-check-output"]
summary = touchpoints.omnichannel_summary(events)
print(summary.round(3).to_string())
# -- expected output --
#                people  multichannel_share  cross_device_share  mean_channels  mean_devices  mean_touches
# segment                                                                                                 
# converted          51               0.824               0.412          2.588         1.431         6.275
# not_converted    1953               0.147               0.058          1.172         1.060         1.533
# all              2004               0.164               0.067          1.208         1.069         1.654

# %%
touch_plots.plot_omnichannel(summary, lang=lang);

# %% [markdown]
# ### What to notice
#
# * Most buyers (more than 8 in 10) used more than one channel before the first purchase, and
#   about 4 in 10 switched devices. A shop that sees each channel in isolation sees fragments of
#   one journey.
# * Most people who did not buy were seen on **one** channel only (the `not_converted` row's
#   `multichannel_share` is below 0.2): they saw an ad or a post and never came. Only about one
#   person in three even visited; people with nothing but impressions have no journey in the path
#   reports of lessons 06 and 07.
# * Buyers cross devices far more often than people who did not buy: a longer journey has more
#   touches, so more chances to switch.

# %% [markdown]
# ## 4. More channels, more conversions?
#
# Group people by how many channels they used and compare conversion rates.

# %% tags=["nbval-check-output"]
by_count = touchpoints.conversion_by_channel_count(events)
print(by_count.round(3).to_string(index=False))
# -- expected output --
# channels  people  converted  conversion_rate
#        1    1675          9            0.005
#        2     263         17            0.065
#        3      51         16            0.314
#       4+      15          9            0.600

# %%
touch_plots.plot_channel_count(by_count, lang=lang);

# %% [markdown]
# The rate climbs steeply with the number of channels. Careful: this is an **association**, not a
# recipe. People who are on their way to buying come back more often, so they pick up more
# channels; pushing a one-channel visitor onto a fourth channel does not make them a buyer.
# Lesson 07 on attribution returns to the question of what each channel contributes.

# %% [markdown]
# ## 5. Mobile conversions
#
# Article 000 notes that many people shop on a smartphone, often alongside other devices, and that
# some shops discovered most of their buyers use one kind of phone, so the shop had better work
# well on it. The **device split of conversions** counts conversions by the device of the
# converting touch: the `purchase` event. By default a conversion is each person's *first*
# purchase (a new customer).

# %% tags=["nbval-check-output"]
split = touchpoints.device_split(events)
print(split.round(3).to_string(index=False))
touch_share = events["device"].value_counts(normalize=True)
print(f"mobile share of all touches: {touch_share['mobile']:.3f}")
# -- expected output --
#  device  conversions  share
#  mobile           31  0.608
# desktop           19  0.373
#  tablet            1  0.020
# mobile share of all touches: 0.697

# %%
touch_plots.plot_device_split(split, lang=lang);

# %% [markdown]
# ### What to notice
#
# * Most conversions happen on mobile, so the checkout must work well on a phone.
# * Compare the mobile share of conversions with the mobile share of all touches. If people browse
#   on phones but finish on desktops, the phone checkout may be the pain point to fix.
# * `device_split(events, conversions="all")` counts repeat purchases too; loyal customers may buy
#   again on a different device than the one they first bought on.

# %% [markdown]
# ## Try it yourself
#
# 1. Set `stage_model = "cvj"`. At which of the eight steps do email and WhatsApp first appear, and
#    why there?
# 2. Make the customers more mobile: `tables = synth.generate(preset, n_users=n_users, seed=seed,
#    mobile_share=0.9)` and rerun sections 3 and 5. Does the cross-device share go up or down?
# 3. Use `value="touches"` in `channel_stage_matrix`: which channel has many touches but few people?
#    What does that say about how often it reaches the same person?
# 4. Compare `device_split(events)` with `device_split(events, conversions="all")`.

# %% [markdown]
# ## Summary
#
# * A **touchpoint** is where a customer meets the business; a **channel** is the source that
#   carried the touch. The channel × stage matrix shows which channels do the work at each stage.
# * **Multichannel** means being on many channels; **omnichannel** means recognising the same
#   customer across them. Count how many customers cross channels and devices before choosing.
# * The **device split of conversions** (mobile conversions) uses the device of the converting
#   touch; compare it with the device mix of all touches.
#
# **Exercise:** [exercises/04_touchpoints.ipynb](../exercises/04_touchpoints.ipynb).
