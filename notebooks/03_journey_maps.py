# %% [markdown]
# # 03 · Journey maps: walking in the customer's shoes
#
# **The question.** A customer saw your Instagram ad, visited the shop, bought, and told a friend.
# At which moment did she feel worst — and is that the moment you would fix first?
#
# A **customer journey map** (peta perjalanan pelanggan) answers with one picture: the stages of
# the journey as columns, and for each stage what the customer **does**, **thinks** and **feels**,
# where she meets the business (**touchpoints**), what goes wrong (**pain points**) and what the
# business could do better (**opportunities**). A line through the feelings — the **emotion
# curve** — shows at a glance where the journey hurts. Article 002 lists these elements; article
# 003 gives the recipe: set a goal, pick a persona, list the touchpoints, record emotions and pain
# points, decide on solutions, then test and review the map regularly.
#
# By the end you can
#
# * read a journey map and its emotion curve, starting with the coffee-shop map of article 002;
# * build a map lane by lane for a persona, with emotion scores on a fixed scale;
# * save it, load it back, check it, and export it as a picture or a web page.

# %% [markdown]
# ## Parameters
#
# * `lang` — `"en"` or `"id"`: stage and lane labels, and the language of the coffee example;
# * `stage_model` — the stages of the empty map in section 5: `"map"`, `"five"` or `"cvj"`.
#
# Run with other values: `journeykit course run --out build/course --only 03 -p lang id -p stage_model cvj`.

# %% tags=["parameters"]
lang = "en"
stage_model = "map"

# %%
import json
import tempfile
from pathlib import Path

from journeykit.errors import OverwriteError
from journeykit.maps import JourneyMap, example, map_problems, new_map
from journeykit.params import check_parameters
from journeykit.personas import example as example_persona
from journeykit.plots.maps import plot_map, render
from journeykit.stages import define_model

check_parameters(lang=lang, stage_model=stage_model)

# %% [markdown]
# ## 1. The coffee-shop map of article 002
#
# Article 002 maps a customer buying coffee online, from an Instagram ad to recommending the coffee
# to a friend, over the five journey-map stages (Awareness, Consideration, Decision, Experience,
# Loyalty). It ships with the package in English and Bahasa Indonesia. As a table, one row per stage:

# %%
coffee = example("coffee", lang=lang)
coffee.to_frame()[["label", "emotion", "actions", "feelings", "pain_points"]]

# %% [markdown]
# The **emotion score** turns the feeling into a number on one scale, so feelings can be drawn and
# compared:
#
# | score | feeling |
# |---|---|
# | +2 | very positive: delighted, satisfied, proud to recommend |
# | +1 | positive: interested, pleased, confident |
# | 0 | neutral, or mixed feelings that cancel out (excited *and* anxious) |
# | −1 | negative: worried, confused, a little frustrated |
# | −2 | very negative: angry, let down, ready to give up |
#
# The article's feelings become: *interested* +1, *curious* (but the information is thin) 0,
# *a little worried* about paying −1, *excited/anxious* 0, *satisfied* +2. The map drawn as a grid,
# with the curve underneath:

# %%
plot_map(coffee, lang=lang);

# %% [markdown]
# ### What to notice
#
# * The curve **dips at the decision**: "Is the payment process secure?" The pain point and the
#   opportunities (payment-security logos, several payment options) sit in the same column, so the
#   map reads as a to-do list.
# * The curve does not fall at consideration although two pain points sit there: the customer is
#   curious, not yet worried. A pain point is not automatically a low feeling — the score records
#   what the customer feels, the pain points what the business sees.
# * **Loyalty is the high point but has no support**: a satisfied customer recommends the coffee,
#   yet nothing rewards it. That opportunity — a referral programme — is what lesson 10 measures.

# %% [markdown]
# ## 2. Building a map lane by lane
#
# Now a map of our own, for Bayu, the home barista persona of lesson 02: he discovers a shop
# through a brewing article and ends up on a monthly subscription. Start from an empty map — one
# column per stage, every lane empty, every score 0 — and fill it **one lane at a time**, the way a
# team fills a whiteboard. (The map's texts are what you type; only the labels follow `lang`.)

# %%
bayu = example_persona("home_barista", lang=lang)
m = new_map(
    "Choosing single-origin beans", "Turn curious home brewers into subscribers", bayu, lang=lang
)
m.stage_keys()

# %%
m = m.with_lane(
    "actions",
    {
        "awareness": "Reads a blog post on brewing Gayo beans, found on Google",
        "consideration": "Compares roast dates and tasting notes of three shops",
        "decision": "Orders a 250 g bag of Toraja, whole beans",
        "experience": "Brews it with his V60 the morning it arrives",
        "loyalty": ["Subscribes to a monthly bag", "Writes a review"],
    },
)
m = m.with_lane(
    "touchpoints",
    {
        "awareness": ["Google search", "Blog"],
        "consideration": "Product pages",
        "decision": "Checkout",
        "experience": ["Package", "Brewing card"],
        "loyalty": ["Newsletter", "Review page"],
    },
)

# %% [markdown]
# Then the customer's inside: thoughts, feelings, and the score of each feeling.

# %%
m = m.with_lane(
    "thoughts",
    {
        "awareness": "“Who sells these beans?”",
        "consideration": "“When was this roasted?”",
        "decision": "“Will they grind it right?”",
        "experience": "“Blueberry notes, really!”",
        "loyalty": "“I never want to run out.”",
    },
)
m = m.with_lane(
    "feelings",
    {
        "awareness": "Curious",
        "consideration": "Frustrated",
        "decision": "Hopeful",
        "experience": "Delighted",
        "loyalty": "Loyal",
    },
)
m = m.with_emotions(
    {"awareness": 1, "consideration": -1, "decision": 0.5, "experience": 2, "loyalty": 1.5}
)

# %% [markdown]
# Last, the business's side: what goes wrong, and what could be better.

# %%
m = m.with_lane(
    "pain_points",
    {
        "awareness": "The article does not say where to buy",
        "consideration": ["No roast date on the product page", "Vague tasting notes"],
        "decision": "Grind options unclear",
        "loyalty": "The subscription cannot be paused",
    },
)
m = m.with_lane(
    "opportunities",
    {
        "awareness": "Partner with brewing blogs, link to the beans",
        "consideration": "Show roast date, origin, altitude and process",
        "decision": "Grind picker by brewer (V60, French press, espresso)",
        "experience": "A brewing card in every package",
        "loyalty": "Pause and skip in one tap",
    },
)
plot_map(m, lang=lang);

# %% [markdown]
# ### What to notice
#
# * The lowest point is **consideration**, and its pain points are exactly Bayu's frustrations on
#   his persona card (vague descriptions, no roast date). A persona tells you where to look; the map
#   tells you at which stage it hurts.
# * A score may be a decimal (0.5, 1.5): the scale is fixed (−2 to +2), the steps are yours.
# * Each `with_…` call returns a **new** map and checks what you typed: an unknown stage, a score
#   of 3 or an empty text is refused with a message naming the field. The finished map is a value
#   you can compare, save and share.

# %% [markdown]
# ## 3. Save, reload, check
#
# A map is saved as a JSON file with a `schema_version`, so a file from this course stays readable
# when the package changes. Reading it back gives an identical map:

# %% tags=["nbval-check-output"]
out_dir = Path(tempfile.mkdtemp())
path = m.save(out_dir / "bayu_map.json")
print(JourneyMap.load(path) == m)
# -- expected output --
# True

# %% [markdown]
# Saving again to the same file is refused, so a second run never destroys a map you edited by
# hand (`force=True` replaces it on purpose):

# %% tags=["nbval-check-output"]
try:
    m.save(path)
except OverwriteError:
    print("refused: the file exists (use force=True to replace it)")
# -- expected output --
# refused: the file exists (use force=True to replace it)

# %% [markdown]
# A file is plain JSON that anybody can edit, so mistakes creep in. `map_problems` lists **every**
# problem at once, each naming its field — the command `journeykit map validate bayu_map.json` does
# the same on the command line. Break a copy on purpose:

# %% tags=["nbval-check-output"]
broken = json.loads(path.read_text(encoding="utf-8"))
broken["stages"][1]["emotion"], broken["stages"][3]["stage"], broken["stages"][4]["pain_points"] = (
    -3,
    "delivery",
    "slow",
)
for problem in map_problems(broken):
    print(problem)
# -- expected output --
# stages[1].emotion: expected a number from -2 to +2 (the emotion scale), got -3 (int)
# stages[3].stage: expected one of 'awareness', 'consideration', 'decision', 'experience', 'loyalty' (stage model 'map'), got 'delivery'
# stages[4].pain_points: expected a list of strings, got 'slow'

# %% [markdown]
# ## 4. Share it: a picture or a web page
#
# `render` writes the map as PNG or SVG (the grid with the curve) or as a self-contained HTML page
# (the table, the persona card and the curve, no other files needed), chosen by the file name.
# Every text you typed is escaped in the page, so a stray `<` or a pasted `<script>` shows as text
# and never runs. From a terminal: `journeykit map render bayu_map.json --out bayu_map.html`.

# %% tags=["nbval-check-output"]
for name in ("bayu_map.png", "bayu_map.html"):
    print(render(m, out_dir / name, lang=lang).name)
# -- expected output --
# bayu_map.png
# bayu_map.html

# %% [markdown]
# To start from the coffee example in a terminal: `journeykit map example coffee --lang id --out
# peta_kopi.json`, edit the file, then `journeykit map validate peta_kopi.json`. Prefer clicking?
# The map builder widget (`journeykit.widgets.MapBuilder`) edits the same object stage by stage.
#
# ## 5. Other stage models
#
# A map can use any stage model: one column per stage, whatever the model. Here is an empty map in
# the model chosen by the `stage_model` parameter, with two lanes:

# %%
empty = new_map(
    "Coffee subscription",
    "Fewer cancellations",
    "office_worker",
    stage_model=stage_model,
    lang=lang,
)
plot_map(
    empty.with_emotions({empty.stage_keys()[0]: 1}), lang=lang, lanes=("actions", "pain_points")
);

# %% [markdown]
# Or a model of your own (`journeykit.stages.define_model`): it is saved inside the map file, so
# the file stays self-contained.

# %% tags=["nbval-check-output"]
warung = define_model(
    "warung",
    [
        {"key": "lihat", "label_en": "Notice", "label_id": "Melihat"},
        {"key": "coba", "label_en": "Try", "label_id": "Mencoba"},
        {"key": "langganan", "label_en": "Come back", "label_id": "Langganan"},
    ],
)
print(
    new_map("Neighbourhood warung", "More regulars", "student", stage_model=warung, lang=lang)
    .to_frame()["label"]
    .tolist()
)
# -- expected output --
# ['Notice', 'Try', 'Come back']

# %% [markdown]
# ## Move it and see: the map builder
#
# The same map, edited by clicking instead of typing code. Pick a stage, type into a lane (one item
# per line), move the emotion slider: the drawing and the curve follow as you type. Add, rename,
# move or remove stages, undo the last change, save to JSON (it asks before replacing a file) and
# export HTML or PNG. A bad value shows a message under the controls and the map keeps its last good
# state.

# %%
from journeykit.widgets import MapBuilder

MapBuilder(example("coffee", lang=lang), lang=lang)

# %% [markdown]
# ## Try it yourself
#
# 1. Run the lesson with `lang = "id"`: the coffee map comes in Bahasa Indonesia, in the article's
#    own words.
# 2. With `stage_model = "cvj"`, the empty map has eight columns. Which of the coffee map's five
#    columns would split into two?
# 3. Bayu's consideration score is −1. Suppose the shop shows roast dates and his frustration
#    goes: change the score with `m.with_emotions({"consideration": 1})` and redraw. Which stage is
#    now the lowest?
# 4. Map a journey of your own: a persona from lesson 02, `new_map(...)`, five `with_lane` calls and
#    one `with_emotions`. Save it and export it to HTML.
#
# ## Summary
#
# * A **journey map** (`journeykit.maps.JourneyMap`) follows one persona towards one goal through the
#   stages of a model. Per stage: **actions, thoughts, feelings, touchpoints, pain points,
#   opportunities**, and an **emotion score** from −2 to +2.
# * The **emotion curve** (`plot_map`) shows where the journey hurts; the pain points and
#   opportunities in the same column say what to do about it.
# * Build a map lane by lane (`new_map`, `with_lane`, `with_emotions`); **save and reload** it as
#   JSON without loss (`save`, `load`); check it (`map_problems`, `journeykit map validate`); share it
#   as PNG, SVG or HTML (`render`).
# * The coffee-shop map of article 002 ships as `journeykit.maps.example("coffee", lang)`.
#
# **Next:** the exercise [`exercises/03_journey_maps.ipynb`](../exercises/03_journey_maps.ipynb) —
# read the coffee map, then build Dinda's map from her story and save it.
