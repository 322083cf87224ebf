# %% [markdown]
# # 13 · Your own data: from a GA4 export to paths and attribution
#
# **The question.** Twelve lessons measured a world made by journeykit's generator, where every
# event type, channel and id was known in advance. A shop owner who has finished the course opens
# Google Analytics 4 and asks: *which channels bring my buyers, and which ones only help?* To
# answer on real data, the numbers have to survive the trip from GA4's export into the tables the
# lessons measure.
#
# This lesson makes that trip once, end to end, on **Kopi Kita**, a small online coffee shop in
# Jakarta: **export → import → validate → funnel → paths → assisted conversions → attribution**.
# The export is GA4-shaped (the rows BigQuery writes, nested records and all) but synthetic, made
# by `tools/make_ga4_sample.py` (see `datasets/README.md`). Along the way you will see what differs
# from the synthetic world, and what to check before you trust a number.

# %% [markdown]
# ## Parameters
#
# `seed = 42` reads the committed sample `datasets/ga4_sample/`; any other seed first writes a fresh
# export of the same shop (same script, other random draws) to a temporary folder. `timezone` is
# the shop's time zone, used for hours of the day (GA4 exports UTC). `lookback_days` is the window
# before each conversion in which touches count (GA4's default: 30 days).

# %% tags=["parameters"]
seed = 42
lang = "en"
timezone = "Asia/Jakarta"
lookback_days = 30

# %%
from journeykit.params import check_parameters

check_parameters(seed=seed, lang=lang, timezone=timezone, lookback_days=lookback_days)

# %%
import gzip
import json
import tempfile
from pathlib import Path

import pandas as pd

from journeykit import attribution, funnels, paths
from journeykit.imports import ga4
from journeykit.imports.ga4_sample import write_sample
from journeykit.plots import attribution as attribution_plots
from journeykit.plots import funnels as funnel_plots

pd.set_option("display.width", 120)
export = Path("../datasets/ga4_sample")
if seed != 42:
    export = Path(tempfile.mkdtemp()) / "ga4_export"
    write_sample(export, seed=seed)
files = sorted(export.glob("events_*.json.gz"))


# %% [markdown]
# ## 1. The export: what BigQuery writes
#
# GA4 can send every event to Google BigQuery (Admin → BigQuery links). Each day becomes one table,
# `events_YYYYMMDD`, with **one row per event**; exported to files it is *newline-delimited JSON*
# (one event per line, usually gzip-compressed) or Parquet. A row is nested: the event's details
# sit in `event_params`, a list of `key` / `value` pairs, and the value is one of `string_value`,
# `int_value`, `double_value`. Here is one purchase, with the fields this lesson uses:

# %% tags=["nbval-check-output"]
def rows_of(file):
    with gzip.open(file, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


purchase = next(r for f in files for r in rows_of(f) if r["event_name"] == "purchase")
shown = [
    "event_timestamp",
    "event_name",
    "user_pseudo_id",
    "event_params",
    "traffic_source",
    "ecommerce",
]
print(f"{len(files)} daily files, e.g. {files[0].name}")
print(json.dumps({k: purchase[k] for k in shown}, indent=1))
# -- expected output --
# 14 daily files, e.g. events_20240304.json.gz
# {
#  "event_timestamp": "1709552645387537",
#  "event_name": "purchase",
#  "user_pseudo_id": "160016789.1700000215",
#  "event_params": [
#   {
#    "key": "ga_session_id",
#    "value": {
#     "int_value": "1709552212"
#    }
#   },
#   {
#    "key": "ga_session_number",
#    "value": {
#     "int_value": "2"
#    }
#   },
#   {
#    "key": "page_location",
#    "value": {
#     "string_value": "https://kopikita.id/purchase"
#    }
#   },
#   {
#    "key": "value",
#    "value": {
#     "double_value": 190000.0
#    }
#   },
#   {
#    "key": "currency",
#    "value": {
#     "string_value": "IDR"
#    }
#   }
#  ],
#  "traffic_source": {
#   "name": "brand_search",
#   "medium": "cpc",
#   "source": "google"
#  },
#  "ecommerce": {
#   "transaction_id": "KK-00030",
#   "purchase_revenue": 190000.0,
#   "total_item_quantity": "2"
#  }
# }

# %% [markdown]
# ### What to notice
#
# * `event_timestamp` is text holding a whole number: **microseconds** since 1 January 1970, UTC
#   (BigQuery writes 64-bit integers as text in JSON). Read as nanoseconds, the default of many
#   tools, an 8-day journey shrinks to 11 minutes; read as seconds it lands thousands of years in
#   the future. journeykit never guesses the unit.
# * The session is only an event parameter, `ga_session_id`; the user is `user_pseudo_id`, a text id
#   of one browser (not a person: the same buyer on a phone and a laptop is two users).
# * The purchase has **no campaign source of its own**. GA4 collects a session's source once, on
#   its first event (`collected_traffic_source`); every later event of the session has to be given
#   it. `traffic_source` *is* there, on every row, but it is the user's **first ever** source, not
#   this session's.

# %% [markdown]
# ## 2. Import: one command
#
# From a terminal (any number of files or folders, `.json`, `.jsonl`, `.json.gz` or `.parquet`):
#
# ```
# journeykit import ga4 datasets/ga4_sample --out build/kopi --timezone Asia/Jakarta
# ```
#
# writes `events`, `users` and `orders` into `build/kopi/` (plus `import.json`, what was found), in
# the form every other command reads. It refuses a folder that already holds files unless you add
# `--force`, and a broken file stops it with one line naming the file and line, before anything
# is written. In Python the same reader returns the tables directly:

# %% tags=["nbval-check-output"]
data = ga4.read_ga4(files, timezone=timezone)
events, users, orders = data.events, data.users, data.orders
for key in ("events", "users", "sessions", "orders"):
    print(f"{key:<9}{data.report[key]:>8,}")
print(f"revenue  {data.report['revenue']:>14,.0f} IDR")
# -- expected output --
# events      5,593
# users         787
# sessions    1,393
# orders        120
# revenue      20,704,000 IDR

# %%
events[["user_id", "session_id", "timestamp", "event_type", "channel", "source", "medium"]].head(8)

# %% [markdown]
# What the importer did, row by row (the columns are described in `journeykit.imports.ga4`):
#
# * **One row per event**, sorted by time (the files hold them in no order), the timestamp
#   converted from microseconds and stored as the wall-clock time in `timezone` (the
#   import records it; a view by hour must not convert it a second time).
# * **The session's source on every event.** A session is `user_pseudo_id` + `ga_session_id`; its
#   source / medium is the first one collected in it; a session without any is `(direct) / (none)`.
# * **GA4's default channel grouping**, the rules Google documents (Organic Search, Paid Search,
#   Paid Social, Organic Social, Email, Referral, Display, Organic Shopping ...), named with
#   journeykit's channel keys; `source` and `medium` stay next to it.
# * **One order per `transaction_id`**, with `purchase_revenue` as its price.

# %% [markdown]
# ## 3. Validate: what to check before trusting a number
#
# A synthetic world is complete by construction. An export is not: some visitors declined cookies,
# some links carried no tags, some purchases were sent twice, and the clock is UTC. The import
# counted each of these:

# %% tags=["nbval-check-output"]
checks = ga4.trust_checklist(data, lang=lang)
for row in checks.itertuples():
    print(f"{row.check}\n    {row.value}  ->  {row.meaning}")
# -- expected output --
# Events without user_pseudo_id (consent gaps)
#     172  ->  left out: they cannot be joined into journeys, so every count is a little low
# Sessions without a source (counted as direct)
#     305 of 1,393 (21.9 %)  ->  links from WhatsApp, apps or bookmarks arrive untagged: part of 'direct' is unknown
# Sessions whose channel is not the user's first acquisition (traffic_source)
#     563 of 1,393 (40.4 %)  ->  traffic_source is first touch only; paths use each session's own source
# Purchase events sent twice (same transaction_id)
#     3  ->  counted once in orders; counting purchase events would overstate sales
# Purchase events without transaction_id
#     0  ->  not in orders: their revenue is missing from every value
# Time zone of the times
#     Asia/Jakarta  ->  GA4 exports UTC microseconds; hour-of-day views need the shop's own zone
# Period the export covers
#     2024-03-04 04:27 .. 2024-03-17 23:55  ->  journeys that began before it or end after it are cut off

# %% [markdown]
# ### What to notice
#
# * **Consent gaps.** Events of visitors who declined cookies arrive without a `user_pseudo_id`. They
#   cannot be joined into journeys, so the import leaves them out and says how many: every count
#   below is a little lower than what really happened.
# * **Untagged is "direct".** About a fifth of the sessions came without any source and count as
#   direct, as in GA4. Part of that "direct" is really WhatsApp links, apps and e-mails without
#   tags: tag your links (`utm_source`, `utm_medium`) and this share falls.
# * **First touch is not every touch.** For a large share of sessions the session's channel is not
#   the user's first acquisition (`traffic_source`). A report built on `traffic_source` would give
#   each user one channel for ever.
# * **Duplicates.** Counting `purchase` events instead of orders would count the repeated ones
#   twice.

# %% [markdown]
# The clock matters as soon as you ask *when* people buy. The same orders, read in UTC and in the
# shop's own time zone:

# %% tags=["nbval-check-output"]
utc_orders = ga4.read_ga4(files).orders
for name, table in (("UTC", utc_orders), (timezone, orders)):
    evening = (table["timestamp"].dt.hour >= 18).mean()
    print(f"{name:<13} purchases between 18:00 and 24:00: {evening:.0%}")
# -- expected output --
# UTC           purchases between 18:00 and 24:00: 2%
# Asia/Jakarta  purchases between 18:00 and 24:00: 42%

# %% [markdown]
# In UTC the Jakarta evening (18:00 to midnight, UTC+7) falls between 11:00 and 17:00, so an
# analysis in UTC would tell this shop that hardly anyone buys in the evening, when the evening is
# its busiest time. Always say which clock a chart uses.

# %% [markdown]
# ## 4. A funnel over the shop's own events
#
# The shop's events are GA4's recommended ecommerce events, not the synthetic world's. A funnel
# takes them by name, in order: of the people who viewed a page, how many viewed a product, added
# it to the cart, began the checkout and bought, within `lookback_days`?

# %% tags=["nbval-check-output"]
steps = ["page_view", "view_item", "add_to_cart", "begin_checkout", "purchase"]
funnel = funnels.ordered_funnel(events, steps, window=lookback_days, lang=lang)
print(
    funnel[["name", "users", "step_conversion", "overall_conversion"]]
    .round(3)
    .to_string(index=False)
)
# -- expected output --
#           name  users  step_conversion  overall_conversion
#      page_view    787            1.000               1.000
#      view_item    582            0.740               0.740
#    add_to_cart    271            0.466               0.344
# begin_checkout    160            0.590               0.203
#       purchase    109            0.681               0.139

# %%
funnel_plots.plot_funnel(funnel, lang=lang);

# %% [markdown]
# ### What to notice
#
# * The funnel counts **people**, not events: a product viewed five times is one person who did the
#   step.
# * The biggest drop is from viewing a product to adding it to the cart: fewer than half of the
#   people who looked at a product put one in the cart. That is where this shop should look first
#   (price, photos, shipping costs shown too late).

# %% [markdown]
# ## 5. Conversion paths with session channels
#
# Lesson 06 built paths from events. Here every event counts as a touch (`touch_types="all"`: the
# shop's event names are not the synthetic `click` and `visit`), the conversion is the first `purchase`, and each interaction carries its
# **session's** channel:

# %% tags=["nbval-check-output"]
journeys = paths.conversion_paths(events, orders, lookback_days=lookback_days, touch_types="all")
print(paths.top_paths(journeys, n=8).round(1).to_string(index=False))
# -- expected output --
#                            path  conversions  share_pct  conversion_value  n_touches
#                      social_ads         12.0       11.0         2445000.0          1
#                  social_organic          9.0        8.3         1263000.0          1
#                        referral          6.0        5.5         1004000.0          1
#         organic_search > direct          5.0        4.6          972000.0          2
#                          direct          3.0        2.8          454000.0          1
#                  organic_search          3.0        2.8          435000.0          1
# organic_search > organic_search          3.0        2.8          350000.0          2
#             social_ads > direct          3.0        2.8          719000.0          2

# %% [markdown]
# What if the paths had used `traffic_source`, the first acquisition, instead? Every touch of a user
# would get the same channel:

# %% tags=["nbval-check-output"]
first_touch = ga4.first_touch_events(events, users)
wrong = paths.conversion_paths(first_touch, orders, lookback_days=lookback_days, touch_types="all")


def multi_channel_share(j):
    bought = j.journeys[j.journeys["converted"]]
    return (bought["path"].str.split(paths.SEP).map(set).str.len() > 1).mean()


print(
    f"conversions whose path holds 2+ channels, session channels: {multi_channel_share(journeys):.0%}"
)
print(
    f"conversions whose path holds 2+ channels, traffic_source:   {multi_channel_share(wrong):.0%}"
)
# -- expected output --
# conversions whose path holds 2+ channels, session channels: 56%
# conversions whose path holds 2+ channels, traffic_source:   0%

# %% [markdown]
# ### What to notice
#
# * With session channels more than half of the buyers came through two or more channels.
# * With `traffic_source` **none** did: every path collapses into one channel, and assisted
#   conversions and attribution have nothing left to share out. This is the most common mistake
#   with GA4 exports.

# %% [markdown]
# ## 6. Assisted conversions
#
# As in lesson 07: a channel **assists** a conversion when it is on the path but not last, and gets
# the **last-click** conversion when it is last.

# %% tags=["nbval-check-output"]
assisted = paths.assisted_conversions(journeys)
cols = ["channel", "last_click_conversions", "assisted_conversions", "assisted_to_last_click_ratio"]
print(assisted[cols].round(2).to_string(index=False))
# -- expected output --
#          channel  last_click_conversions  assisted_conversions  assisted_to_last_click_ratio
#        affiliate                     2.0                   0.0                          0.00
#           direct                    28.0                   9.0                          0.32
#          display                     2.0                   5.0                          2.50
#            email                    10.0                   7.0                          0.70
#   organic_search                    20.0                  15.0                          0.75
# organic_shopping                     3.0                   4.0                          1.33
#    organic_video                     3.0                   6.0                          2.00
#      paid_search                     7.0                   8.0                          1.14
#         referral                     6.0                   3.0                          0.50
#       social_ads                    13.0                  15.0                          1.15
#   social_organic                    15.0                  12.0                          0.80

# %%
attribution_plots.plot_assisted(assisted, lang=lang);

# %% [markdown]
# ### What to notice
#
# * `direct` closes far more conversions than it assists (its ratio is well below 1): people come
#   back by typing the address or from a bookmark when they are ready to buy. A last-click report
#   hands it the credit for journeys that other channels started.
# * Channels with a ratio above 1 help more than they close; judged by last click alone they would
#   look weaker than they are.

# %% [markdown]
# ## 7. Attribution
#
# Five ways to share each conversion among the channels on its path (lesson 07 explains each):

# %% tags=["nbval-check-output"]
credit = attribution.attribute(journeys, models="last,first,linear,position,markov")
print(credit.round(1).to_string(index=False))
# -- expected output --
#          channel  last  first  linear  position  markov
#        affiliate   2.0    0.0     1.0       1.0     3.4
#           direct  28.0    7.0    17.8      17.7    21.6
#          display   2.0    7.0     4.5       4.5     3.7
#            email  10.0    4.0     7.7       7.4     8.4
#   organic_search  20.0   16.0    17.7      17.8    20.1
# organic_shopping   3.0    5.0     4.3       4.2     3.9
#    organic_video   3.0    8.0     5.2       5.3     3.8
#      paid_search   7.0    7.0     7.7       7.3     8.0
#         referral   6.0    9.0     7.3       7.4     5.9
#       social_ads  13.0   26.0    18.9      19.2    16.0
#   social_organic  15.0   20.0    16.9      17.2    14.2

# %%
attribution_plots.plot_attribution(credit, lang=lang);

# %% [markdown]
# ### What to notice
#
# * Paid social (`social_ads`) gets far more credit under **first** click than under **last** click:
#   it is how people *find* the shop. `direct` is the opposite: it ends journeys and starts few.
# * Every column adds up to the same number of conversions; the models only disagree on who gets
#   them. When two channels swap places between models, the decision (which budget to cut) should
#   not rest on one model.

# %% [markdown]
# ## What differs from the synthetic world
#
# | | synthetic data (lessons 01–12) | a GA4 export |
# |---|---|---|
# | event names | journeykit's nine types (`visit`, `purchase` ...) | the shop's own (`page_view`, `add_to_cart` ...) |
# | user id | a number | text (`user_pseudo_id`), one per browser |
# | channel | on every event | collected once per session; untagged sessions are direct |
# | first acquisition | `users.acquisition_channel` | `traffic_source`, on every row: never use it for paths |
# | time | the shop's local time | UTC microseconds; choose the time zone |
# | completeness | every touch | consent gaps, ad blockers, duplicate events |
# | period | a whole year | the days you exported: journeys are cut at both ends |
#
# ## Before you trust a number
#
# 1. Read the import's report (`import.json`, or `trust_checklist`): consent gaps, untagged
#    sessions, duplicates, the time zone, the period.
# 2. Check a total against GA4's own interface (orders and revenue for one day) before going on.
# 3. Compare like with like: the same lookback window, the same conversion event, the same time
#    zone as the report you compare with.
# 4. Treat "direct" as partly unknown, and look at paths and several attribution models before
#    moving money between channels.

# %% [markdown]
# ## Try it yourself
#
# 1. Set `timezone = "UTC"` and run again. What happens to the share of evening purchases, and
#    which chart of this lesson would mislead the shop?
# 2. Set `lookback_days = 7`. Which paths get shorter, and does the number of conversions change?
# 3. Set `seed = 7`: a new export of the same shop. Which of the "what to notice" statements still
#    hold, and which numbers moved?
# 4. Import the sample from a terminal: `journeykit import ga4 datasets/ga4_sample --out build/kopi
#    --timezone Asia/Jakarta`, then run it again. Why does the second run refuse, and what does
#    `--force` do?
# 5. Your own shop: export a few days of your GA4 property from BigQuery as newline-delimited JSON
#    (or Parquet) and import it. `docs/OWN_DATA.md` walks through the steps, and `journeykit import
#    csv` reads other event and order exports (Segment, Snowplow, Shopify).

# %% [markdown]
# ## Summary
#
# * `journeykit import ga4` reads GA4's BigQuery export as BigQuery writes it (JSON lines, gzip,
#   Parquet, many daily files) into events, users and orders; `journeykit import csv` maps any other
#   CSV. A broken file stops the import with one line, and nothing is overwritten without `--force`.
# * A touch's channel is its **session's** source, grouped by GA4's default channel rules; a session
#   without one is direct. `traffic_source` is the first acquisition and must not be used for paths.
# * Timestamps are microseconds in UTC: read them with the unit, and view hours in the shop's time
#   zone.
# * Before trusting a number, check the consent gaps, untagged sessions, duplicates, clock and
#   period; then funnels, paths, assisted conversions and attribution work on the shop's own
#   events exactly as on the synthetic ones.
#
# [Exercise: your own data](../exercises/13_your_own_data.ipynb)
