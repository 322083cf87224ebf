# %% [markdown]
# # Exercise 02 · Personas
#
# Four short tasks on lesson 02. Write your answer where it says `# Write your code here`,
# replacing each `None`, then run the check cell below it: it tells you whether you are right and,
# if not, what the likely mistake is.

# %% [markdown] tags=["solution"]
# *This is the solution notebook: the cells tagged `solution` hold the answers. The exercise
# notebook `exercises/02_personas.ipynb` is generated from it by `tools/make_exercises.py`.*

# %% tags=["parameters"]
seed = 42
lang = "en"
n_users = 2000
n_segments = 3

# %%
from journeykit.checks.personas import (
    check_largest_segment_share,
    check_persona,
    check_reach_share,
    check_top_persona,
    persona_brief,
)
from journeykit.params import check_parameters
from journeykit.personas import Persona, behaviour_features, segment_users, stage_reach
from journeykit.plots.personas import plot_persona
from journeykit.synth import generate

check_parameters(seed=seed, lang=lang, n_users=n_users, n_segments=n_segments)

# %% [markdown]
# ## Task 1 · Write a persona from a brief
#
# A coffee roaster wants to sell to small coffee stalls. Read the brief, then make `hendra` a
# `Persona` with his key, name, age band and occupation, at least one goal, need and frustration,
# his preferred channel(s) and device(s) (keys such as `"whatsapp"` and `"mobile"`), and his
# quote. Draw his card with `plot_persona` to see it.

# %%
print(persona_brief(lang))

# %% tags=["solution"]
hendra = Persona(
    key="warung_owner",
    name="Pak Hendra",
    age_band="45-54",
    occupation="Owner of a warung kopi in Surabaya",
    goals=["A steady supply of robusta at a fair price", "Keep his regulars coming back"],
    motivations=["Regulars who stay for a second cup"],
    needs=["Beans that taste the same every time", "Ordering by WhatsApp"],
    frustrations=["Late deliveries", "Beans that taste different from last time"],
    channels=["whatsapp"],
    devices=["mobile"],
    quote="My regulars notice every change in taste.",
)
plot_persona(hendra, lang=lang);

# %% tags=["nbval-check-output"]
print(check_persona(hendra, lang=lang))
# -- expected output --
# ✔ persona: correct - Pak Hendra is ready to design for.

# %% [markdown]
# ## Task 2 · Which device gets furthest?
#
# `tables` is the synthetic coffee data of lesson 02. A persona card names devices; `users.device`
# holds each user's device. Which device group has the **largest share** of its users reaching the
# Customer Value Journey step `"convert"` (a first purchase)? Make `top_device` its key (for example
# `"tablet"`). Hint: `stage_reach(tables, by="device", stage_model="cvj")`.

# %%
tables = generate(preset="coffee", n_users=n_users, seed=seed)

# %% tags=["solution"]
reach_by_device = stage_reach(tables, by="device", stage_model="cvj")
top_device = reach_by_device["convert"].idxmax()

# %% tags=["nbval-check-output"]
print(check_top_persona(top_device, tables, stage="convert", by="device", lang=lang))
# -- expected output --
# ✔ group (users.device) with the highest convert share: correct ('desktop').

# %% [markdown]
# ## Task 3 · One number from the journey
#
# What share of the **student** persona's users reached the step `"subscribe"` (gave their contact
# details)? Make `student_subscribe` a number between 0 and 1.

# %% tags=["solution"]
reach = stage_reach(tables, stage_model="cvj")
student_subscribe = reach.loc["student", "subscribe"]

# %% tags=["nbval-check-output"]
print(check_reach_share(student_subscribe, tables, persona="student", stage="subscribe", lang=lang))
# -- expected output --
# ✔ student share reaching subscribe: correct (0.0292096).

# %% [markdown]
# ## Task 4 · Personas from behaviour
#
# Group the users into `n_segments` segments by behaviour:
# `segment_users(behaviour_features(tables), k=n_segments, seed=seed)`. What share of all users is
# in the largest segment? Make `largest_share` a number between 0 and 1.

# %% tags=["solution"]
segments = segment_users(behaviour_features(tables), k=n_segments, seed=seed)
largest_share = (segments == 1).mean()

# %% tags=["nbval-check-output"]
print(check_largest_segment_share(largest_share, tables, k=n_segments, seed=seed, lang=lang))
# -- expected output --
# ✔ largest segment share: correct (0.516966).

# %% [markdown] tags=["solution"]
# Segments are numbered from the largest, so segment 1 is the biggest; `segments.value_counts(normalize=True)`
# gives every segment's share at once. `segment_profiles(features, segments)` tells what sets the
# largest segment apart.
