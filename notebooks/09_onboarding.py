# %% [markdown]
# # 09 · Excite: time to first value and onboarding
#
# **The question.** A customer has just bought the entry-point offer. How quickly do they get
# something out of it, and do the customers who get value early come back to buy again?
#
# Article 004 calls this step **Excite**. The sale is done; now the customer must *get value* from
# it, or they will not move on to the next, bigger purchase. Its examples: a Keurig coffee maker
# sold with free coffee and a quick-start guide so the first cup is great straight out of the box;
# Spotify's guide to building a first playlist; three blog posts a new life coach sends before the
# first session; Evernote's onboarding emails with tips. All of them shorten the road to the first
# moment of value.
#
# In our data an `onboard` event (stage `excite`) marks that moment: the **first value**. This
# lesson measures
#
# 1. **time to first value**: days from a customer's first order to their first `onboard` event,
#    as a distribution;
# 2. **repeat rate by onboarding**: the share of customers who buy again, for those who reached
#    first value and those who did not, with confidence intervals;
#
# and asks what that comparison can and cannot tell us.

# %% [markdown]
# ## Parameters
#
# `onboard_within_days`: a customer counts as onboarded if they reached first value within this many
# days of their first order. `followup_days`: how long after the first order we look for a repeat
# purchase (customers who joined too late to be followed that long are left out). `confidence` is
# the confidence level of the intervals.

# %% tags=["parameters"]
seed = 42
lang = "en"
preset = "coffee"
n_users = 20000
onboard_within_days = 14.0
followup_days = 60.0
confidence = 0.95

# %%
from journeykit.params import check_parameters

check_parameters(
    seed=seed,
    lang=lang,
    preset=preset,
    n_users=n_users,
    onboard_within_days=onboard_within_days,
    followup_days=followup_days,
    confidence=confidence,
)

# %%
from journeykit import onboarding, synth
from journeykit.plots import offers as offer_plots

tables = synth.generate(preset, n_users=n_users, seed=seed)

# %% [markdown]
# ## 1. Time to first value
#
# For every customer: the time of their first order, the first `onboard` event at or after it, and
# the days in between. Customers who never reached first value have no `first_value`.

# %%
first_value = onboarding.first_value_table(tables.events, tables.orders)
first_value.head()

# %% tags=["nbval-check-output"]
ttfv = onboarding.summarize_time_to_first_value(tables.events, tables.orders)
print(ttfv)
# -- expected output --
# customers 507, reached first value 358 (70.6%); days to first value: median 2.6, mean 3.7, p25 1.0, p75 4.9, p90 8.3

# %%
offer_plots.plot_time_to_first_value(first_value, lang=lang);

# %% [markdown]
# ### What to notice
#
# * The distribution has a long right tail: most customers get value within a few days, a few take
#   well over a week.
#   That is why the **median** is a better summary than the mean.
# * Not every customer gets there. The share who never reach first value is the first number an
#   onboarding campaign (a quick-start email, a WhatsApp tip) tries to lower.

# %% [markdown]
# ## 2. Do onboarded customers buy again?
#
# Split the customers into those who reached first value within `onboard_within_days` of their
# first order and those who did not, and compare the **repeat-purchase rate**: the share with a
# second order within `followup_days`. Each rate gets a **Wilson interval**, which stays inside
# 0–100 % and behaves well for small groups. The difference gets **Newcombe's interval**, built from the
# two Wilson intervals.
#
# The windows matter. Without a follow-up window, customers who joined last week would count as
# "did not repeat" only because they have not had time yet. Without an onboarding window, a customer
# could "onboard" months after buying again, and we would be crediting onboarding with a purchase
# that came before it.

# %% tags=["nbval-check-output"]
result = onboarding.repeat_by_onboarding(
    tables.events,
    tables.orders,
    onboard_within_days=onboard_within_days,
    followup_days=followup_days,
    confidence=confidence,
)
print(result)
# -- expected output --
# repeat rate onboarded 84.8% (n=296), not onboarded 43.9% (n=132); difference +40.9 points, 95% CI [+31.2, +49.8]

# %%
result.table.round(3)

# %%
offer_plots.plot_repeat_by_onboarding(result, lang=lang);

# %% [markdown]
# ## 3. Is it the onboarding, or the customers?
#
# In **this** data set onboarding *causes* more repeat purchases: the generator multiplies a
# customer's repeat orders by `onboarding_effect` when they reach first value, and only onboarded
# customers can ascend to the core offer. So the difference estimates a real effect, and the
# interval tells us how sure we can be.
#
# In **real** data the same comparison is **observational**. Customers choose whether to watch the
# tutorial or open the tips email, and the keen ones, who would have bought again anyway, are more
# likely to. The gap then mixes the effect of onboarding with *who* onboards. To learn the effect
# itself, onboard a random half of new customers (an A/B test) and compare the halves; lesson 11
# (campaigns) measures lift that way.
#
# The generator lets us see the mechanism: switch the direct effect off (`onboarding_effect=1`)
# and the gap shrinks. It does not vanish, because onboarding still opens the way to ascension.

# %%
print(f"onboarding_effect in the preset: {synth.config(preset).onboarding_effect}")
no_effect = synth.generate(preset, n_users=n_users, seed=seed, onboarding_effect=1.0)
print(
    onboarding.repeat_by_onboarding(
        no_effect.events,
        no_effect.orders,
        onboard_within_days=onboard_within_days,
        followup_days=followup_days,
        confidence=confidence,
    )
)

# %% [markdown]
# ### What to notice
#
# * The intervals are wide when a group is small: with a few hundred customers, a 10-point gap
#   can be noise. Look at the interval before you celebrate.
# * Shortening `onboard_within_days` moves slow onboarders into the "not onboarded" group. Does
#   the gap grow or shrink? Faster first value is the point of the Excite step.

# %% [markdown]
# ## Try it yourself
#
# 1. Set `preset = "saas"`. Software customers get to first value faster. Do they also repeat more,
#    and is the onboarding gap larger or smaller than for coffee?
# 2. Set `onboard_within_days = 3`. What happens to the onboarded share and to the gap?
# 3. Set `followup_days = 30` and then `120`. Why do both repeat rates rise with the window, and
#    does the difference?
# 4. Compare `method="wald"` with the default Newcombe interval:
#    `onboarding.repeat_by_onboarding(tables.events, tables.orders, method="wald")`. Where do they
#    differ most?

# %% [markdown]
# ## Summary
#
# * **Time to first value** = days from the first order to the first `onboard` event; summarise it
#   by its median and quantiles, and watch the share who never get there.
# * Compare the **repeat-purchase rate** of onboarded and not-onboarded customers with fixed
#   windows (onboarding within N days, repeat within M days), each rate with a Wilson interval
#   and the difference with Newcombe's.
# * In the generator that difference is causal by design; in real data it is **observational**:
#   only a randomised test separates the effect of onboarding from who chooses to onboard.
#
# **Exercise:** [exercises/09_onboarding.ipynb](../exercises/09_onboarding.ipynb)
