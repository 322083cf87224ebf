# %% [markdown]
# # 11 · Campaigns: one step at a time
#
# **The question.** The roaster's Instagram campaign offered a free home-brewing guide, and more
# people subscribed. How many more, and how sure are we? And why can't one brilliant campaign take
# strangers all the way to promoters?
#
# Article 004 defines a **campaign** by two parts — a **call to action** (ajakan bertindak: the
# one thing you ask people to do) and a **traffic source** (sumber pengunjung: where they see the
# ask: an ad, an e-mail, a search result, a WhatsApp message, a radio spot) — and by its purpose:
# to move people **from one step of the journey to the next**, on purpose.

# %% [markdown]
# ## Parameters
#
# * `seed`, `n_users`, `preset` — the synthetic data set (`"coffee"` or `"saas"`);
# * `lang` — `"en"` or `"id"`;
# * `confidence` — the level of the confidence intervals (0.95 = 95 %);
# * `strangers` — the market: people who could become aware of the business at all;
# * `campaign_step`, `step_lift` — the step a what-if campaign lifts and by how much (0.5 = +50 %).

# %% tags=["parameters"]
seed = 42
lang = "en"
n_users = 30000
preset = "coffee"
confidence = 0.95
strangers = 100000
campaign_step = "convert"
step_lift = 0.5

# %%
import pandas as pd

from journeykit import campaigns as cp
from journeykit import synth
from journeykit.params import check_parameters
from journeykit.plots import campaigns as plots

check_parameters(
    seed=seed,
    lang=lang,
    n_users=n_users,
    preset=preset,
    confidence=confidence,
    strangers=strangers,
    campaign_step=campaign_step,
    step_lift=step_lift,
)
tables = synth.generate(preset, n_users=n_users, seed=seed)

# %% [markdown]
# ## 1. A campaign: call to action + traffic source + transition
#
# The article's examples: a campaign that gets people onto the e-mail list moves them from
# *engage* to *subscribe*; another makes new buyers happy with their purchase, from *convert* to
# *excite*. In `journeykit` a campaign carries exactly those parts. These are the campaigns the
# synthetic business ran:

# %%
campaigns = cp.from_generator(synth.config(preset, n_users=n_users, seed=seed))
pd.DataFrame(
    [
        {
            "campaign": c.key,
            "call to action": c.call_to_action,
            "traffic source": c.traffic_source,
            "transition": c.transition,
        }
        for c in campaigns
    ]
)

# %% tags=["nbval-check-output"]
mine = cp.Campaign(
    "free_tasting", "Book a free tasting at the roastery", "whatsapp", "subscribe", "convert"
)
print(mine.transition, "| steps moved:", mine.steps_moved)
# -- expected output --
# subscribe → convert | steps moved: 1

# %% [markdown]
# A campaign that asks for *two* things at once ("subscribe and buy now") still has one call to
# action that comes first; `Campaign` allows `to_step` two or three steps ahead (the article says
# a campaign sometimes moves people two or three steps), but never backwards.
#
# ## 2. Did it work? Lift on one transition
#
# Take the first campaign. The people it could move are those who reached its **from** step.
# Some saw it (*treated*), the rest did not (*untreated*). Compare the share who moved on:

# %%
guide = campaigns[0]
outcomes = cp.transition_outcomes(tables.events, guide)
pd.crosstab(outcomes["treated"], outcomes["moved_on"], margins=True)

# %% tags=["nbval-check-output"]
lift = cp.campaign_lift(tables.events, guide, confidence=confidence)
print(f"{guide.key}: {guide.transition}")
print(f"treated   {lift.converted_treated:>4} / {lift.n_treated:<4} = {lift.rate_treated:.3f}")
print(f"untreated {lift.converted_control:>4} / {lift.n_control:<4} = {lift.rate_control:.3f}")
print(
    f"difference {lift.difference:+.3f} ({confidence:.0%} CI {lift.ci_low:+.3f} to {lift.ci_high:+.3f}); "
    f"relative lift {lift.relative_lift:+.1%}"
)
# -- expected output --
# brewing_guide: engage → subscribe
# treated    883 / 3125 = 0.283
# untreated  692 / 2979 = 0.232
# difference +0.050 (95% CI +0.028 to +0.072); relative lift +21.6%

# %% [markdown]
# **The interval, by hand.** With rates $p_1$ (treated, $n_1$ people) and $p_0$ (untreated,
# $n_0$), the difference $p_1 - p_0$ has standard error
# $\sqrt{p_1(1-p_1)/n_1 + p_0(1-p_0)/n_0}$, and the 95 % interval is the difference ± 1.96
# standard errors. The relative lift $p_1/p_0 - 1$ gets its interval from the logarithm of the
# ratio. `method="bootstrap"` resamples instead and gives nearly the same answer on data this size.
#
# **Why the comparison is fair here.** The generator gave each campaign to a random half of the
# people who reached its from-step, so the two groups differ only by the campaign. In real data,
# campaigns go to the people most likely to act anyway; then part of the "lift" is selection. Keep
# a random holdout group (people you deliberately do not message) to measure a campaign honestly.

# %% [markdown]
# ## 3. Comparing campaigns by the transition they lift

# %% tags=["nbval-check-output"]
table = cp.compare_campaigns(tables.events, campaigns, confidence=confidence)
print(
    table[
        [
            "campaign",
            "transition",
            "n_treated",
            "rate_treated",
            "rate_control",
            "difference",
            "ci_low",
            "ci_high",
            "relative_lift",
        ]
    ]
    .round(3)
    .to_string(index=False)
)
# -- expected output --
#         campaign          transition  n_treated  rate_treated  rate_control  difference  ci_low  ci_high  relative_lift
#    brewing_guide  engage → subscribe       3125         0.283         0.232       0.050   0.028    0.072          0.216
# sampler_reminder subscribe → convert        791         0.541         0.417       0.124   0.075    0.173          0.297
#    gift_a_friend  advocate → promote         67         0.791         0.575       0.216   0.066    0.365          0.375

# %%
plots.plot_lift(table, lang=lang);

# %% [markdown]
# ### What to notice
#
# * The generator knows the true relative lifts (coffee preset: +30 %, +25 % and +40 %). The
#   estimates land near them; the intervals say how near we can claim.
# * The referral campaign (advocate → promote) has the widest interval: few people ever reach
#   the advocate step, so few can be treated. Late-journey campaigns need patience or a bigger
#   audience to be measured.
# * Compare campaigns **within a transition**. Ten extra points on aware → engage and ten on
#   advocate → promote are very different numbers of people — and very different money.

# %% [markdown]
# ## 4. Why one campaign cannot make promoters of strangers
#
# Article 004 calls it the number-one campaign mistake: trying to move strangers all the way to
# promoters in one campaign. The arithmetic shows why. Of all `strangers` in the market, the share
# who reach a step is the **product** of the step rates up to it. The rates measured on the data:

# %% tags=["nbval-check-output"]
rates = cp.step_rates_from_events(tables.events, strangers=strangers)
reach = cp.journey_reach(rates)
print(reach.round(5).to_string(index=False))
# -- expected output --
#      step  step_rate  share_of_strangers     one_in
#     aware    0.30070             0.30070    3.32557
#    engage    0.20299             0.06104   16.38270
# subscribe    0.25803             0.01575   63.49206
#   convert    0.47937             0.00755  132.45033
#    excite    0.72583             0.00548  182.48175
#    ascend    0.56387             0.00309  323.62460
#  advocate    0.45307             0.00140  714.28571
#   promote    0.67857             0.00095 1052.63158

# %% [markdown]
# Now a strong campaign lifts one step — `campaign_step` — by `step_lift`. Every later step moves
# by the same factor, and nothing else changes:

# %%
effect = cp.campaign_effect(rates, to_step=campaign_step, relative_lift=step_lift)
plots.plot_journey_reach(effect, lang=lang);

# %% tags=["nbval-check-output"]
print(
    f"promoters per stranger: one in {1 / effect['before'].iloc[-1]:,.0f} -> one in {1 / effect['after'].iloc[-1]:,.0f}"
)
need = cp.required_step_rate(rates, to_step=campaign_step, target_share=0.01)
print(f"for 1 % of strangers to promote, the {campaign_step} rate would have to be {need:.2f}")
# -- expected output --
# promoters per stranger: one in 1,053 -> one in 702
# for 1 % of strangers to promote, the convert rate would have to be 5.05

# %% [markdown]
# The same in a random walk: 100,000 strangers, each step a coin toss with its rate, 50 runs.
# The promoters at the end match the product of the rates, and stay a handful:

# %% tags=["nbval-check-output"]
walk = cp.simulate_journey(rates, strangers=100_000, runs=50, seed=seed)
print(walk.groupby("step", sort=False)["users"].mean().round(1).to_string())
# -- expected output --
# step
# aware        30049.4
# engage        6083.1
# subscribe     1568.7
# convert        749.9
# excite         543.2
# ascend         304.5
# advocate       136.6
# promote         92.7

# %% [markdown]
# ### What to notice
#
# * Each step keeps a fraction of the people before it, so the fractions **multiply**. A +50 %
#   campaign on one step gives +50 % promoters — from a tiny share to a tiny share.
# * The required rate above 1 is the article's point in one number: no single step, however well
#   a campaign does there, can make up for seven other steps. The people must still be moved
#   through every step, each by its own call to action.
# * The fix is a **chain** of campaigns, one per transition. Lifts on different steps multiply
#   too — that is where the growth comes from.

# %% tags=["nbval-check-output"]
every_step = cp.journey_reach({s: min(1.0, r * (1 + step_lift)) for s, r in rates.items()})
print(
    f"every step +{step_lift:.0%}: one in {1 / every_step['share_of_strangers'].iloc[-1]:,.0f} strangers promotes"
)
# -- expected output --
# every step +50%: one in 46 strangers promotes

# %% [markdown]
# ## Try it yourself
#
# 1. Set `campaign_step = "aware"` and then `"promote"`. Does it matter *where* the one campaign
#    lifts, for the share of promoters? (No: the product is the same. It matters for cost and for
#    how many people you need to reach.)
# 2. Set `confidence = 0.99`. Which intervals cross zero now? Would you stop the referral
#    campaign because its interval crosses zero, or run it longer?
# 3. Set `preset = "saas"`: a software business with a Dropbox-style invite bonus. Compare its
#    campaigns with the coffee roaster's.
# 4. Design a campaign for the *excite → ascend* step of the roaster: call to action, traffic
#    source, and how you would measure it (lesson 12 writes its message).

# %% [markdown]
# ## Summary
#
# * A **campaign** = a call to action + a traffic source, aimed at one transition of the journey.
# * Its effect is the **lift** on that transition: treated rate minus untreated rate, with a
#   confidence interval ($\pm 1.96$ standard errors of the difference), and the relative lift.
#   Measure it against a random holdout, and compare campaigns within a transition.
# * The share of strangers who become promoters is the **product** of the step rates. One
#   campaign multiplies it by one factor; it cannot take strangers to promoter. A chain of
#   campaigns, one per step, can.
#
# **Exercise:** `exercises/11_campaigns.ipynb`.
