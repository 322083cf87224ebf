# %% [markdown]
# # Exercise 01 · Stage models
#
# Four short tasks on the stage models of lesson 01. Write your answer where it says
# `# Write your code here`, replacing each `None`, then run the check cell below it: it tells you
# whether you are right and, if not, what the likely mistake is.

# %% [markdown] tags=["solution"]
# *This is the solution notebook: the cells tagged `solution` hold the answers. The exercise
# notebook `exercises/01_stage_models.ipynb` is generated from it by `tools/make_exercises.py`.*

# %% tags=["parameters"]
seed = 42
lang = "en"
stage_model = "five"
n_users = 200

# %%
import pandas as pd

from journeykit.checks.stage_models import (
    check_biggest_drop,
    check_journey_order,
    check_smartphone_stages,
    check_stage_of,
    check_stage_users,
    practice_events,
    practice_steps,
    smartphone_quotes,
)
from journeykit.params import check_parameters
from journeykit.plots.stages import plot_stage_users
from journeykit.stages import cvj_to_model, get_model, map_stage

check_parameters(seed=seed, lang=lang, stage_model=stage_model, n_users=n_users)

# %% [markdown]
# ## Task 1 · Put the eight steps in order
#
# Here are the eight Customer Value Journey steps, shuffled. Make `journey_order` a list of the
# same keys in journey order, from the first contact to the customer who brings you new customers.

# %%
shuffled = practice_steps(seed)
print(shuffled)

# %% tags=["solution"]
journey_order = [
    "aware",
    "engage",
    "subscribe",
    "convert",
    "excite",
    "ascend",
    "advocate",
    "promote",
]

# %% tags=["nbval-check-output"]
print(check_journey_order(journey_order, lang=lang))
# -- expected output --
# ✔ journey order: correct.

# %% [markdown]
# ## Task 2 · The smartphone buyer
#
# Article 001's buyer says five things. Make `moment_stages` a list with the five-stage model key
# (`"awareness"`, `"consideration"`, `"purchase"`, `"retention"` or `"advocacy"`) of each moment,
# in the order shown.

# %%
for i, quote in enumerate(smartphone_quotes(lang), start=1):
    print(i, quote)

# %% tags=["solution"]
moment_stages = ["awareness", "consideration", "purchase", "retention", "advocacy"]

# %% tags=["nbval-check-output"]
print(check_smartphone_stages(moment_stages, lang=lang))
# -- expected output --
# ✔ smartphone buyer stages: correct.

# %% [markdown]
# ## Task 3 · From eight steps to five stages
#
# In which stage of the five-stage model are the steps **subscribe** and **ascend**? Answer with
# stage keys. Think first; then you may confirm with `map_stage("subscribe", "cvj", "five")`.

# %% tags=["solution"]
subscribe_stage = map_stage("subscribe", "cvj", "five")[0]
ascend_stage = map_stage("ascend", "cvj", "five")[0]

# %% tags=["nbval-check-output"]
print(check_stage_of(subscribe_stage, "subscribe", lang=lang))
print(check_stage_of(ascend_stage, "ascend", lang=lang))
# -- expected output --
# ✔ 'subscribe' in the 'five' model: correct ('consideration').
# ✔ 'ascend' in the 'five' model: correct ('retention').

# %% [markdown]
# ## Task 4 · Count a stage funnel
#
# `events` has one row per Customer Value Journey step each of `n_users` shoppers reached.
# Make `stage_users` the number of **people** who reached each stage of `stage_model`, in journey
# order, with 0 for a stage nobody reached (a pandas Series indexed by stage key, a dict, or a
# list). Then draw it with `plot_stage_users`.

# %%
events = practice_events(seed=seed, n_users=n_users)
events.head()

# %% tags=["solution"]
in_model = events["stage"].map(cvj_to_model(stage_model))
stage_users = (
    events.groupby(in_model)["user_id"]
    .nunique()
    .reindex(list(get_model(stage_model).keys()), fill_value=0)
)
plot_stage_users(stage_users, stage_model, lang=lang);

# %% tags=["nbval-check-output"]
print(check_stage_users(stage_users, events, stage_model, lang=lang))
# -- expected output --
# ✔ users per stage: correct (200, 140, 63, 35, 8).

# %% [markdown]
# Which stage did the most people fail to reach from the stage before it? Answer with its key
# (a stage key, written like `"awareness"`).

# %% tags=["solution"]
biggest_drop = (stage_users.shift(1) - stage_users).iloc[1:].idxmax()

# %% tags=["nbval-check-output"]
print(check_biggest_drop(biggest_drop, events, stage_model, lang=lang))
# -- expected output --
# ✔ biggest drop: correct ('purchase').

# %% [markdown] tags=["solution"]
# The counting in task 4 is the idea behind `journeykit.funnels.stage_funnel`, which lesson 05
# uses on the course data set, with conversion and drop-off rates added.
