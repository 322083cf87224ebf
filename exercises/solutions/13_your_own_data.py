# %% [markdown]
# # Exercise 13 · Your own data
#
# Work through the tasks; each check cell tells you whether your answer is right and, if not, what
# the likely mistake is. Lesson: [notebooks/13_your_own_data.ipynb](../../notebooks/13_your_own_data.ipynb).
#
# The data is the GA4-shaped export of the Kopi Kita coffee shop (`datasets/ga4_sample/`), imported
# the way the lesson does it: `events`, `users` and `orders`, times in the shop's `timezone`.

# %% tags=["parameters"]
seed = 42
lang = "en"
timezone = "Asia/Jakarta"
lookback_days = 30

# %%
from journeykit.params import check_parameters

check_parameters(seed=seed, lang=lang, timezone=timezone, lookback_days=lookback_days)

# %%
import tempfile
from pathlib import Path

from journeykit import funnels, paths
from journeykit.checks import your_own_data as check
from journeykit.imports import ga4
from journeykit.imports.ga4_sample import write_sample

# the committed sample, found from exercises/ or exercises/solutions/
export = next(
    p / "datasets" / "ga4_sample" for p in Path.cwd().parents if (p / "datasets").is_dir()
)
if seed != 42:
    export = Path(tempfile.mkdtemp()) / "ga4_export"
    write_sample(export, seed=seed)
data = ga4.read_ga4([export], timezone=timezone)
events, users, orders = data.events, data.users, data.orders
events.head()

# %% [markdown]
# ## Task 1 · Untagged sessions
#
# A session without any collected source counts as `direct`. How many **sessions** of the export
# are direct? (`session_id` names the session of every event.) Store the number in
# `direct_sessions`.

# %% tags=["solution"]
direct_sessions = events.loc[events["channel"] == "direct", "session_id"].nunique()

# %% tags=["nbval-check-output"]
print(check.check_direct_sessions(direct_sessions, events, lang=lang))
# -- expected output --
# ✔ sessions without a source (direct): correct (305).

# %% [markdown]
# ## Task 2 · Revenue
#
# What is the shop's total revenue in this export, in rupiah? Store it in `revenue`.

# %% tags=["solution"]
revenue = orders["price"].sum()

# %% tags=["nbval-check-output"]
print(check.check_revenue(revenue, orders, events, lang=lang))
# -- expected output --
# ✔ revenue: correct (2.0704e+07).

# %% [markdown]
# ## Task 3 · When do people buy?
#
# At which hour of the day (0–23, the shop's own clock) were the most orders placed? Store the hour
# (a whole number) in `busiest_hour`.

# %% tags=["solution"]
busiest_hour = int(orders["timestamp"].dt.hour.value_counts().sort_index().idxmax())

# %% tags=["nbval-check-output"]
utc_orders = ga4.read_ga4([export]).orders
print(check.check_busiest_hour(busiest_hour, orders, utc_orders=utc_orders, lang=lang))
# -- expected output --
# ✔ busiest purchase hour: correct (19:00).

# %% [markdown]
# ## Task 4 · From looking to the cart
#
# Of the people who viewed a product (`view_item`), what share (0 to 1) added one to the cart
# (`add_to_cart`) afterwards, within `lookback_days` days? Use an ordered funnel over the shop's own
# event names. Store the share in `cart_rate`.

# %% tags=["solution"]
funnel = funnels.ordered_funnel(events, ["view_item", "add_to_cart"], window=lookback_days)
cart_rate = funnel["step_conversion"].iloc[1]

# %% tags=["nbval-check-output"]
print(check.check_cart_rate(cart_rate, events, window=lookback_days, lang=lang))
# -- expected output --
# ✔ view_item → add_to_cart rate: correct (0.465636).

# %% [markdown]
# ## Task 5 · What email really does
#
# Build the conversion paths (every event counts as a touch, `touch_types="all"`, `lookback_days` as the window)
# and find how many conversions **email assisted**. Store the number in `email_assisted`.

# %% tags=["solution"]
journeys = paths.conversion_paths(events, orders, lookback_days=lookback_days, touch_types="all")
report = paths.assisted_conversions(journeys).set_index("channel")
email_assisted = report.loc["email", "assisted_conversions"]

# %% tags=["nbval-check-output"]
first_touch = paths.conversion_paths(
    ga4.first_touch_events(events, users), orders, lookback_days=lookback_days, touch_types="all"
)
print(
    check.check_email_assisted(
        email_assisted, journeys, first_touch_journeys=first_touch, lang=lang
    )
)
# -- expected output --
# ✔ assisted conversions of email: correct (7).

# %% [markdown] tags=["solution"]
# Email mostly brings people *back*: it assists and closes journeys that social media and search
# started. Built from `traffic_source` the paths would show email only for the few people whose
# very first visit came from the newsletter.
