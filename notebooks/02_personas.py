# %% [markdown]
# # 02 · Personas: who is on the journey?
#
# **The question.** An online coffee shop sells to a few thousand people. Its marketing team
# argues about "the customer": one pictures a student on a budget, another a coffee nerd with a
# grinder. Who is right, and does it matter for the journey?
#
# It matters. A journey is always *somebody's* journey: the same shop is found, compared, bought
# from and recommended in different ways by different people. A **persona** is the somebody: a
# fictional but typical customer, written down so that a team designs for a person rather than for
# an average nobody is. Articles 002 and 003 put the persona first in every journey map ("Pelanggan
# (Persona)": demographics, motivations, goals and needs; "Buat Buyer Persona – pahami siapa target
# utama, kebutuhannya, dan kebiasaannya").
#
# By the end you can
#
# * write a persona — age band, occupation, goals, motivations, needs, frustrations, preferred
#   channels and devices, a quote — and save it as a file;
# * derive groups of customers from **behaviour** in data, and describe them;
# * see **how journeys differ by persona**: how far each group gets along the stages.

# %% [markdown]
# ## Parameters
#
# Change them here, or run the lesson without editing it:
# `journeykit course run --out build/course --only 02 -p lang id -p n_segments 4`.
#
# * `seed`, `n_users` — the synthetic coffee data set (same seed, same data);
# * `lang` — `"en"` or `"id"`: every label on the cards and charts;
# * `stage_model` — the stages the journeys are compared in: `"five"`, `"map"` or `"cvj"`;
# * `persona` — the built-in persona shown first: `"office_worker"`, `"home_barista"` or `"student"`;
# * `n_segments` — how many behaviour groups to look for in section 4.

# %% tags=["parameters"]
seed = 42
lang = "en"
n_users = 2000
stage_model = "five"
persona = "office_worker"
n_segments = 3

# %%
import tempfile
from pathlib import Path

import pandas as pd
from IPython.display import HTML

from journeykit.errors import ValidationError
from journeykit.params import check_parameters
from journeykit.personas import (
    Persona,
    behaviour_features,
    example,
    examples,
    segment_profiles,
    segment_users,
    stage_reach,
)
from journeykit.plots.personas import persona_html, plot_persona, plot_stage_reach
from journeykit.synth import generate

check_parameters(
    seed=seed,
    lang=lang,
    n_users=n_users,
    stage_model=stage_model,
    persona=persona,
    n_segments=n_segments,
)

# %% [markdown]
# ## 1. A persona on one page
#
# The course's coffee business (article 002: a shop that sells coffee online and meets its
# customers on Instagram, its website and WhatsApp) has three personas. Here is one of them as a
# **persona card**: who she is, what she wants, what gets in her way, and where to find her.

# %%
card = example(persona, lang=lang)
plot_persona(card, lang=lang);

# %% [markdown]
# Each part of the card answers a design question:
#
# | part | answers | example use |
# |---|---|---|
# | **goals** | what is she trying to get done? | the promise of an ad, the first screen of the shop |
# | **motivations** | why does she act? | which offer moves her (cashback, quality, friends) |
# | **needs** | what must be true for her to buy? | delivery time, payment options, information |
# | **frustrations** | what makes her give up? | the pain points of the journey map (lesson 03) |
# | **channels, devices** | where and on what does she meet you? | where to spend the budget; mobile-first pages |
# | **quote** | how does she talk? | the words of your copy |
#
# A persona is a Python object (`journeykit.personas.Persona`). In a notebook it also shows itself
# as an HTML card; the same card can be pasted into a web page (`persona_html(card)`).

# %%
HTML(persona_html(card, lang=lang))

# %% [markdown]
# ## 2. Writing your own persona
#
# Writing a persona is filling in those fields. The object checks what you write: an age band
# must look like `"25-34"` or `"55+"`, channels and devices must be keys the data knows
# (`journeykit.schema.CHANNELS`, `DEVICES`), and there must be at least one goal. A mistake stops
# you at once with a message that names the field:

# %% tags=["nbval-check-output"]
try:
    Persona(
        key="ibu_sari",
        name="Ibu Sari",
        age_band="35-44",
        occupation="Runs a catering business",
        goals=["Serve good coffee at events"],
        channels=["instagram"],
        devices=["mobile"],
    )
except ValidationError as err:
    print(err)
# -- expected output --
# channels[0]: expected one of organic_search, paid_search, social_ads, social_organic, email, referral, affiliate, direct, whatsapp, store, got 'instagram'

# %% [markdown]
# Instagram is a channel *family*: the data separates paid ads (`social_ads`) from organic posts
# (`social_organic`). Fixed, and with the rest of her story:

# %%
sari = Persona(
    key="ibu_sari",
    name="Ibu Sari",
    age_band="35-44",
    occupation="Runs a catering business in Medan",
    goals=[
        "Serve good coffee at weddings and office events",
        "Order in bulk without a trip to the market",
    ],
    motivations=["Compliments from her clients", "A fair wholesale price"],
    needs=["1 kg packs", "Invoices for her clients", "Delivery on a fixed day"],
    frustrations=["Prices that change every month", "Shops that do not answer on WhatsApp"],
    channels=["whatsapp", "social_organic"],
    devices=["mobile"],
    quote="If the coffee is late, the whole event is late.",
)
plot_persona(sari, lang=lang);

# %% [markdown]
# A persona is worth sharing: save it as a JSON file, send it to the team, load it back. Nothing is
# lost on the way, and saving never overwrites a file unless you ask for it with `force=True`.

# %% tags=["nbval-check-output"]
out_dir = Path(tempfile.mkdtemp())
path = sari.save(out_dir / "ibu_sari.json")
print(Persona.load(path) == sari)
# -- expected output --
# True

# %% [markdown]
# ### What to notice
#
# * Every field is about the **customer's** world — her events, her clients, her phone — not about
#   the product. The product appears only through her needs and frustrations.
# * The frustrations are specific ("prices that change every month"), so a team can check whether
#   a change removes them. "Bad service" could not be checked.
# * Channels and devices use the same keys as the data. That is what lets us, next, look for her
#   in the data.

# %% [markdown]
# ## 3. Personas in the data: how far does each get?
#
# The synthetic coffee data (`journeykit.synth.generate`) tags every user with one of the three
# personas. Their events say which step of the Customer Value Journey each user reached; counting,
# per persona, the share of users who reached each stage shows **how journeys differ by persona**.

# %%
tables = generate(preset="coffee", n_users=n_users, seed=seed)
pd.DataFrame([p.to_dict() for p in examples(lang).values()]).set_index("key")[
    ["name", "age_band", "channels", "devices"]
]

# %% tags=["nbval-check-output"]
reach = stage_reach(tables, by="persona", stage_model=stage_model)
print(tables.users["persona"].value_counts().sort_index().to_string())
print((reach * 100).round(1).to_string())
# -- expected output --
# persona
# home_barista     483
# office_worker    939
# student          582
# stage          awareness  consideration  purchase  retention  advocacy
# group                                                                 
# home_barista       100.0           31.3       5.2        4.1       1.0
# office_worker      100.0           19.4       2.3        1.6       0.3
# student            100.0           13.7       0.7        0.3       0.2

# %%
plot_stage_reach(reach, stage_model=stage_model, lang=lang);

# %% [markdown]
# The first table counts users per persona; the second gives, for each persona, the percentage of
# its users who reached each stage. Everybody starts aware (100 %); the lines part from the second
# stage on.
#
# ### What to notice
#
# * **Shares, not counts.** Office workers are by far the biggest group. Multiply out the
#   purchase column and they supply about as many buyers as the much smaller group of home
#   baristas — although a far smaller *share* of them buys. To compare journeys, compare shares.
# * **The gap opens early.** Home baristas, who come looking for specific beans, keep a higher
#   share at every stage; students fall away soonest. Where the lines drift apart is where a
#   persona-specific fix pays: detailed product pages for the barista, free shipping for the
#   student.
# * The last stages are small for everyone. Advocacy is rare, so a few percentage points there are
#   a lot of people relative to the group that got that far.

# %% [markdown]
# ## 4. Personas from behaviour
#
# The personas above were *written*. Data can also suggest groups nobody wrote down: people who
# **behave** alike. `behaviour_features` turns the events and orders into one row per user —
# number of orders, spend and average order value (rupiah), touches, and the share of touches on a
# phone or through social media, search, messaging (e-mail, WhatsApp) or the store. The average
# order value exists only for people who bought (the `count` column): its mean is the average order
# of a *buyer*, not a number diluted by everyone who never ordered.

# %%
features = behaviour_features(tables)
features.describe().T[["count", "mean", "50%", "max"]].round(2)

# %% [markdown]
# `segment_users` groups similar users with **k-means**: counts and money are put on a log scale,
# every column is standardised, and each user joins the group whose average profile is closest.
# The seed fixes where the search starts, so the same seed gives the same groups. Segment 1 is the
# largest. `segment_profiles` says what sets each segment apart (↑ above average, ↓ below).

# %% tags=["nbval-check-output"]
segments = segment_users(features, k=n_segments, seed=seed)
profiles = segment_profiles(features, segments, lang=lang)
print(
    profiles[["users", "share", "orders", "mobile_share", "social_share", "summary"]]
    .round(2)
    .to_string()
)
# -- expected output --
#          users  share  orders  mobile_share  social_share                   summary
# segment                                                                            
# 1         1036   0.52    0.00          0.72          0.97  ↑ social media, ↓ search
# 2          917   0.46    0.00          0.70          0.06  ↓ social media, ↑ search
# 3           51   0.03    2.14          0.62          0.13         ↑ orders, ↑ spend

# %% [markdown]
# Do the behaviour groups match the written personas? Cross the two: each row is a segment, each
# column the share of that segment's users with each written persona.

# %% tags=["nbval-check-output"]
print(
    (pd.crosstab(segments, tables.users.set_index("user_id")["persona"], normalize="index") * 100)
    .round(1)
    .to_string()
)
# -- expected output --
# persona  home_barista  office_worker  student
# segment                                      
# 1                15.3           47.9     36.9
# 2                32.7           45.9     21.4
# 3                49.0           43.1      7.8

# %%
plot_stage_reach(
    stage_reach(tables, by=segments, stage_model=stage_model), stage_model=stage_model, lang=lang
);

# %% [markdown]
# ### What to notice
#
# * The strongest split in behaviour is **buyers vs browsers**: a segment with orders, spend and
#   many touches reaches the later stages; the others stop before buying. Behaviour groups are
#   partly defined *by* the journey, so of course they differ along it — read their reach as a
#   description, not as a cause.
# * Every segment mixes all three written personas: behaviour groups do not line up one to one with
#   the written ones (run with another `seed` and the buyers' mix changes). The written personas explain *why* people act (goals,
#   frustrations); behaviour segments say *how many* act alike and how. Keep both: write personas,
#   then check in data that they exist and how big they are.
# * Change `n_segments` and the groups change. There is no single "true" number of personas; pick
#   the number the team can act on.
#
# ## Try it yourself
#
# 1. Set `persona = "home_barista"` (or `"student"`) and `lang = "id"`: a different card, in Bahasa
#    Indonesia. Which of Bayu's needs would you fix first on the product page?
# 2. Run with `stage_model = "cvj"`. At which of the eight steps do students fall behind the others
#    most?
# 3. Set `n_segments = 4`. Which segment splits, and does the `summary` column explain why?
# 4. Segment on channel mix only:
#    `segment_users(features, k=3, seed=seed, columns=["social_share", "search_share", "messaging_share"])`.
#    Do these groups line up better with the written personas?
# 5. Write a persona for someone you know who buys coffee online, save it, and load it back.
#
# ## Summary
#
# * A **persona** is a typical customer on one page: age band, occupation, goals, motivations,
#   needs, frustrations, preferred channels and devices, and a quote (`journeykit.personas.Persona`).
#   It is validated, saved and loaded as JSON (`save`, `load`), drawn as a card (`plot_persona`) or
#   HTML (`persona_html`).
# * **Journeys differ by persona**: compare the *share* of each persona's users reaching each stage
#   (`stage_reach`), not the counts.
# * **Behaviour segments** (`behaviour_features`, `segment_users`, `segment_profiles`) find groups
#   that act alike; they complement written personas rather than replace them.
#
# **Next:** the exercise [`exercises/02_personas.ipynb`](../exercises/02_personas.ipynb) — write
# Pak Hendra's persona and read the journeys of the coffee personas. Then lesson 03 puts a persona
# on a journey map.
