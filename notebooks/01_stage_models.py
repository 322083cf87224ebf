# %% [markdown]
# # 01 · Stage models: from stranger to fan
#
# **The question.** Someone needs a new phone. Weeks later they are telling a friend which one to
# buy. What happened in between, and which of those moments can a business see, count and
# improve?
#
# Marketers describe that path — the *customer journey* (perjalanan pelanggan) — as a sequence of
# **stages**. This lesson gives you the three stage models the course uses, shows that they describe
# the same path at different levels of detail, and ends with a first count of how many people reach
# each stage.
#
# By the end you can
#
# * name the five stages, the journey-map variant and the eight steps of the Customer Value Journey;
# * say which stage of one model a stage of another model belongs to;
# * turn an event table into people per stage: a first **stage funnel**.

# %% [markdown]
# ## Parameters
#
# The next cell holds the lesson's parameters. Change them here, or run the lesson with other
# values without editing it: `journeykit course run --out build/course --only 01 -p lang id -p
# stage_model cvj`.
#
# * `lang` — `"en"` or `"id"`: the language of every chart label (Bahasa Indonesia: `"id"`);
# * `stage_model` — the model the funnels of sections 5 and 6 are counted in: `"five"`, `"map"`
#   or `"cvj"`;
# * `seed`, `n_users` — the random seed and the number of people of the synthetic café data in
#   section 6 (same values, same data).

# %% tags=["parameters"]
lang = "en"
stage_model = "five"
seed = 42
n_users = 2000

# %%
import pandas as pd

from journeykit.checks.stage_models import smartphone_quotes
from journeykit.params import check_parameters
from journeykit.plots.stages import plot_model_mapping, plot_stage_ladder, plot_stage_users
from journeykit.stages import CVJ_STEPS, cvj_to_model, get_model, mapping_table
from journeykit.synth import generate

check_parameters(lang=lang, stage_model=stage_model, seed=seed, n_users=n_users)

# %% [markdown]
# ## 1. Five stages: a smartphone buyer
#
# The most common model has five stages. Follow one buyer through them (the example is from
# article 001 of the course sources):
#
# | the buyer says | stage | what the business does there |
# |---|---|---|
# | *"I need a smartphone; let's Google."* | **Awareness** | be found: articles, videos, search results |
# | *"I'm confused! Samsung or Apple?"* | **Consideration** | answer questions, compare honestly |
# | *"I choose Apple."* | **Decision / Purchase** | make buying smooth |
# | *"Thank you for buying an iPhone."* (the shop's e-mail) | **Retention** | thank, reward, recommend, invite back |
# | *"Apple products are great; you should try them."* | **Advocacy** | make recommending easy |
#
# Two of the five stages come **after** the sale. A business that stops at "we got paid, job done"
# leaves the cheapest growth — repeat buyers and recommendations — to chance.
#
# In the package each model is data: an ordered list of stages with a key, a label in both
# languages, a description and the metrics that measure the stage.

# %%
five = get_model("five")
pd.DataFrame({"moment": smartphone_quotes(lang), "stage": five.labels(lang)})

# %%
plot_stage_ladder("five", lang=lang);

# %% [markdown]
# Each stage has its own measures (article 001): awareness is seen in visits and social
# engagement, consideration in click-through rate and cost per click, the decision in sales and
# conversion rate, retention in repeat purchases and satisfaction, advocacy in reviews and
# referrals. Lesson 05 computes them from data; here is the list.

# %%
five.to_frame(lang)[["label", "metrics"]]

# %% [markdown]
# ### What to notice
#
# * The stages are named from the **customer's** side ("I'm confused!"), not the company's org
#   chart. A stage is a state of mind, and a business only sees traces of it: a search, a click, a
#   purchase, a review.
# * The same person can be in different stages for different products at once.

# %% [markdown]
# ## 2. The journey-map variant
#
# Customer journey maps (lesson 03) often use a slightly different five: **Awareness,
# Consideration, Decision, Experience, Loyalty** (article 002). The first three match. The last two
# look at the same period after the sale from the customer's side: *experience* is using the
# product, *loyalty* is staying and perhaps recommending. The five-stage model names what the
# business does there (*retention*) and what the customer then does for the business
# (*advocacy*).

# %%
plot_stage_ladder("map", lang=lang);

# %% [markdown]
# ## 3. Eight steps: the Customer Value Journey
#
# Article 004 splits the path more finely, into eight steps that a business can move people
# through **one at a time**:
#
# 1. **Aware** — they learn you exist (a Facebook ad, a Google search, a friend's video).
# 2. **Engage** — they start a relationship with you through content or a community.
# 3. **Subscribe** — they give contact details in exchange for something valuable, so you can
#    reach them again.
# 4. **Convert** — they commit time or money for the first time, often a small *entry-point offer*
#    (lesson 08).
# 5. **Excite** — they get real value from that first purchase, quickly (onboarding, lesson 09).
# 6. **Ascend** — they buy more and more often: upsells, bundles, subscriptions.
# 7. **Advocate** — they speak well of you **when asked**: reviews, testimonials.
# 8. **Promote** — they **actively** bring you customers: referrals, affiliates (lesson 10).
#
# Each step is moved by particular marketing disciplines; the chart lists them under each step.

# %%
plot_stage_ladder("cvj", lang=lang, detail="disciplines");

# %% [markdown]
# ### What to notice
#
# * **Subscribe comes before convert.** Permission to keep talking is a step of its own: without
#   it, most people who read one blog post never come back.
# * **Excite sits between the first purchase and the second.** A customer who never gets value
#   from the first purchase does not ascend.
# * **Advocate and promote differ**: one answers when asked, the other acts unasked. Lesson 10
#   counts them separately.

# %% [markdown]
# ## 4. How the models map onto each other
#
# The eight steps are the finest grid, so every model in the package says which steps each of its
# stages covers. That is enough to translate any model into any other: two stages correspond when
# they share a step.

# %% tags=["nbval-check-output"]
print("Customer Value Journey step -> five-stage model")
for step, stage in cvj_to_model("five").items():
    print(f"  {step:<10} -> {stage}")
# -- expected output --
# Customer Value Journey step -> five-stage model
#   aware      -> awareness
#   engage     -> consideration
#   subscribe  -> consideration
#   convert    -> purchase
#   excite     -> retention
#   ascend     -> retention
#   advocate   -> advocacy
#   promote    -> advocacy

# %%
plot_model_mapping("cvj", "five", lang=lang);

# %% [markdown]
# The same table for the journey-map model. `mapping_table` gives every pair of stages that
# overlap, with labels in your language:

# %%
mapping_table("map", "five", lang=lang)

# %% [markdown]
# ### What to notice
#
# * **Consideration** of the five-stage model holds two steps: *engage* and *subscribe*.
#   **Retention** holds *excite* and *ascend*; **Advocacy** holds *advocate* and *promote*.
# * Only **Decision / Purchase** is one step, *convert*, in every model: the sale is the moment
#   all models agree on.
# * Going from five stages to eight steps, a stage may map to several steps; going back, every
#   step maps to exactly one stage. That is why data are recorded at the finest level (the
#   8 steps) and summarised into whichever model a reader wants.

# %% [markdown]
# ## 5. A first stage funnel
#
# Now count. Ten shoppers of a phone shop each got as far as some step; the table below has one
# row per step a shopper reached (a shopper who bought also went through awareness and
# consideration). This is the shape of the event data in the rest of the course: every event says
# which Customer Value Journey step it shows the person reached.

# %%
furthest = {
    "Ayu": "promote",
    "Budi": "convert",
    "Citra": "engage",
    "Dewi": "ascend",
    "Eko": "aware",
    "Fajar": "subscribe",
    "Gita": "aware",
    "Hendra": "excite",
    "Indah": "advocate",
    "Joko": "engage",
}
events = pd.DataFrame(
    [
        (name, step)
        for name, last in furthest.items()
        for step in CVJ_STEPS[: CVJ_STEPS.index(last) + 1]
    ],
    columns=["user_id", "stage"],
)
events.head(10)

# %% [markdown]
# To count in the model chosen by the `stage_model` parameter, translate each step into that
# model's stage, then count **distinct people** per stage (not rows: Ayu has eight rows but is one
# person):

# %% tags=["nbval-check-output"]
in_model = events["stage"].map(cvj_to_model(stage_model))
users = (
    events.groupby(in_model)["user_id"]
    .nunique()
    .reindex(list(get_model(stage_model).keys()), fill_value=0)
)
print(users.to_string())
# -- expected output --
# stage
# awareness        10
# consideration     8
# purchase          5
# retention         4
# advocacy          2

# %%
plot_stage_users(users, stage_model, lang=lang);

# %% [markdown]
# ### What to notice
#
# * The numbers **never go up** from one stage to the next: nobody reaches a stage without passing
#   the earlier ones. A table where they do go up is counting something else (rows, or visits).
# * With the five-stage model, 8 of 10 shoppers considered, 5 bought, 4 stayed and 2 recommended.
#   The biggest loss is between consideration and purchase: three people compared and left.
#   Article 001's advice for that case: answer their questions early and make buying easier.
# * The same events give a different-looking funnel in each model. Run the lesson with
#   `stage_model = "cvj"` and the consideration stage splits into *engage* (8) and *subscribe* (6).

# %% [markdown]
# ## 6. The same count on a café's data
#
# From lesson 04 on, the course works with synthetic data: `journeykit.synth.generate` simulates
# the customers of a coffee shop (`preset="coffee"`) — their visits, sign-ups, orders, reviews
# and invitations — for `n_users` people, drawn with `seed`. Its event table has the same `stage`
# column as the ten phone shoppers, so the same two lines count it.

# %%
cafe = generate(preset="coffee", n_users=n_users, seed=seed)
cafe.events[["user_id", "timestamp", "channel", "event_type", "stage"]].head()

# %% [markdown]
# Three things about this table surprise most people the first time:
#
# * **More people than `n_users`.** Customers who reach *promote* invite friends; every friend who
#   signs up is a new person *on top of* the `n_users` the shop reached itself (their
#   `acquisition_channel` is `referral` and `referred_by` names the inviter).
# * **`stage` is the step the event type stands for**, not how far the person got: an
#   `impression` (an ad or a post seen) is *aware*, a click or visit after that is *engage*, a
#   sign-up *subscribe*, the first purchase *convert*. That is why a row for *aware* can come after
#   a row for *engage*: the person saw another ad.
# * **Most people only saw an ad or a post.** They have `impression` events and nothing else: no
#   visit, so no journey in the reports of lessons 06 and 07.

# %% tags=["nbval-check-output"]
people, invited = len(cafe.users), int(cafe.users["referred_by"].notna().sum())
visited = cafe.events.loc[cafe.events["event_type"] != "impression", "user_id"].nunique()
print(f"people: {people:,} = {n_users:,} reached by the shop + {invited} invited by a customer")
print(f"people who ever clicked or visited: {visited:,} ({visited / people:.0%})")
# -- expected output --
# people: 2,004 = 2,000 reached by the shop + 4 invited by a customer
# people who ever clicked or visited: 712 (36%)

# %%
cafe_stage = cafe.events["stage"].map(cvj_to_model(stage_model))
cafe_users = (
    cafe.events.groupby(cafe_stage)["user_id"]
    .nunique()
    .reindex(list(get_model(stage_model).keys()), fill_value=0)
)
plot_stage_users(cafe_users, stage_model, lang=lang);

# %% [markdown]
# ### What to notice
#
# * Thousands of people instead of ten, and the picture has the same shape: it only narrows. It
#   narrows much faster: most people never get past awareness, as in a real shop, where a few
#   percent of visitors buy.
# * Compare the percentages with the phone shop: which step loses the largest **share** of the
#   people who reached the step before it? That step is where a business would look first.
#   Lesson 05 turns these counts into conversion and drop-off rates, per channel and per persona.

# %% [markdown]
# ## Try it yourself
#
# 1. Set `stage_model = "cvj"` (or `"map"`) in the parameters cell and run the lesson again. Which
#    bars appear, and which step loses the most people now?
# 2. Set `lang = "id"`: every chart label switches to Bahasa Indonesia.
# 3. In the `furthest` table, move Eko from `"aware"` to `"advocate"`. Before running, predict
#    which stages gain a person. (Every stage up to advocacy: he passed them all.)
# 4. Change `seed` (or `n_users`) and run section 6 again: the counts move a little, the shape
#    stays. Which numbers would you trust to two digits?
# 5. Look at `get_model("cvj").to_frame(lang)`: which disciplines appear at the most steps?

# %% [markdown]
# ## Summary
#
# * The **five-stage model**: Awareness → Consideration → Decision / Purchase → Retention →
#   Advocacy. Two stages come after the sale.
# * The **journey-map variant** names the last two from the customer's side: Experience, Loyalty.
# * The **Customer Value Journey** has eight steps — Aware, Engage, Subscribe, Convert, Excite,
#   Ascend, Advocate, Promote — each moved by particular marketing disciplines.
# * Every model says which of the eight steps its stages cover, so any model maps onto any other
#   (`journeykit.stages.mapping`, `mapping_table`).
# * A **stage funnel** counts distinct people per stage; it never increases.
#
# **Next:** the exercise [`exercises/01_stage_models.ipynb`](../exercises/01_stage_models.ipynb),
# then lesson 02, personas: *who* walks this path.
