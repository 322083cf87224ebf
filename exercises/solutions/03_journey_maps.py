# %% [markdown]
# # Exercise 03 · Journey maps
#
# Four short tasks on lesson 03. Write your answer where it says `# Write your code here`,
# replacing each `None`, then run the check cell below it: it tells you whether you are right and,
# if not, what the likely mistake is.

# %% [markdown] tags=["solution"]
# *This is the solution notebook: the cells tagged `solution` hold the answers. The exercise
# notebook `exercises/03_journey_maps.ipynb` is generated from it by `tools/make_exercises.py`.*

# %% tags=["parameters"]
lang = "en"

# %%
import tempfile
from pathlib import Path

from journeykit.checks.journey_maps import (
    check_lowest_stage,
    check_pain_point_count,
    check_reloaded,
    check_student_map,
    student_brief,
)
from journeykit.maps import JourneyMap, example, new_map
from journeykit.params import check_parameters
from journeykit.plots.maps import plot_map

check_parameters(lang=lang)
coffee = example("coffee", lang=lang)

# %% [markdown]
# ## Task 1 · Where does it hurt?
#
# `coffee` is the coffee-shop map of article 002. At which stage is the customer's emotion score
# the **lowest**? Make `lowest` the stage key (for example `"awareness"`). Hint:
# `coffee.emotions()` or `coffee.to_frame()`.

# %% tags=["solution"]
lowest = coffee.emotions().idxmin()

# %% tags=["nbval-check-output"]
print(check_lowest_stage(lowest, coffee, lang=lang))
# -- expected output --
# ✔ lowest stage: correct ('decision').

# %% [markdown]
# ## Task 2 · Count the pain points
#
# How many pain points does the coffee map list, over all its stages? Make `n_pain_points` a whole
# number.

# %% tags=["solution"]
n_pain_points = sum(len(stage.pain_points) for stage in coffee.stages)

# %% tags=["nbval-check-output"]
print(check_pain_point_count(n_pain_points, coffee, lang=lang))
# -- expected output --
# ✔ pain points: correct (7).

# %% [markdown]
# ## Task 3 · Build Dinda's map
#
# Read Dinda's story. Make `dinda` a journey map for the persona `"student"` with the journey-map
# stages (`new_map(title, goal, "student", lang=lang)`), her emotion score at every stage, and the
# pain point of the decision stage. Add other lanes if you like, then draw it with `plot_map`.

# %%
print(student_brief(lang))

# %% tags=["solution"]
dinda = new_map("Dinda's first order", "Fewer abandoned carts", "student", lang=lang)
dinda = dinda.with_emotions(
    {"awareness": 2, "consideration": 1, "decision": -2, "experience": 1, "loyalty": 0}
)
dinda = dinda.with_lane(
    "pain_points", {"decision": "Shipping nearly doubles the price of a small order"}
)
dinda = dinda.with_lane(
    "opportunities",
    {"decision": "Free shipping on the first sampler", "loyalty": "A reward for inviting friends"},
)
plot_map(dinda, lang=lang);

# %% tags=["nbval-check-output"]
print(check_student_map(dinda, lang=lang))
# -- expected output --
# ✔ Dinda's map: correct - the curve dips at the decision stage.

# %% [markdown]
# ## Task 4 · Save and reload
#
# Save `dinda` as `dinda.json` in `out_dir`, then read the file back into `reloaded` (a
# `JourneyMap`, not the raw JSON).

# %%
out_dir = Path(tempfile.mkdtemp())

# %% tags=["solution"]
path = dinda.save(out_dir / "dinda.json")
reloaded = JourneyMap.load(path)

# %% tags=["nbval-check-output"]
print(check_reloaded(dinda, reloaded, lang=lang))
# -- expected output --
# ✔ reloaded map: correct - identical to the map you saved.

# %% [markdown] tags=["solution"]
# `JourneyMap.load` checks the file as it reads it: a wrong `schema_version`, a missing field or a
# score of 5 is reported with the field's name. From a terminal, `journeykit map validate
# dinda.json` lists every problem, and `journeykit map render dinda.json --out dinda.html` makes a
# page to share.
