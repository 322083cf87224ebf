# %% [markdown]
# # Exercise 11 · Campaigns
#
# Six short tasks on campaigns, their lift and why one campaign is never enough. Write your answer where it says
# `# Write your code here`, replacing each `None`, then run the check cell below it: it tells you
# whether you are right and, if not, what the likely mistake is. The lesson is
# `notebooks/11_campaigns.ipynb`.

# %% [markdown] tags=["solution"]
# *This is the solution notebook: the cells tagged `solution` hold the answers. The exercise
# notebook `exercises/11_campaigns.ipynb` is generated from it by `tools/make_exercises.py`.*

# %% tags=["parameters"]
seed = 42
lang = "en"
n_users = 3000

# %%
import math

from journeykit import campaigns as cp
from journeykit import synth
from journeykit.checks.campaigns import (
    check_campaign_difference,
    check_interval,
    check_promoter_share,
    check_rate_difference,
    check_required_rate,
    check_transition,
    practice_rates,
)
from journeykit.params import check_parameters

check_parameters(seed=seed, lang=lang, n_users=n_users)

# %% [markdown]
# ## Task 1 · Which transition?
#
# The roaster sends a WhatsApp message to people on its mailing list who have not bought yet:
# *"Claim your sampler pack before Friday."* Make `transition` the pair `(from_step, to_step)` of
# Customer Value Journey steps the campaign targets (`"aware"`, `"engage"`, `"subscribe"`,
# `"convert"`, `"excite"`, `"ascend"`, `"advocate"`, `"promote"`).

# %% tags=["solution"]
transition = ("subscribe", "convert")

# %% tags=["nbval-check-output"]
print(check_transition(transition, expected=("subscribe", "convert"), lang=lang))
# -- expected output --
# ✔ transition: correct.

# %% [markdown]
# ## Task 2 · The lift by hand
#
# Of **400** subscribers who got the message, **120** bought; of **400** who (at random) did not
# get it, **90** bought. Make `difference` the treated rate minus the untreated rate, as a share.

# %% tags=["solution"]
difference = 120 / 400 - 90 / 400

# %% tags=["nbval-check-output"]
print(check_rate_difference(difference, treated=(400, 120), control=(400, 90), lang=lang))
# -- expected output --
# ✔ difference in rates: correct (0.075).

# %% [markdown]
# ## Task 3 · How sure?
#
# Make `interval` the 95 % confidence interval `(low, high)` of that difference with the normal
# approximation: the standard error is $\sqrt{p_1(1-p_1)/n_1 + p_0(1-p_0)/n_0}$, and the interval
# is the difference ± 1.96 standard errors.

# %% tags=["solution"]
p1, p0 = 120 / 400, 90 / 400
se = math.sqrt(p1 * (1 - p1) / 400 + p0 * (1 - p0) / 400)
interval = (difference - 1.96 * se, difference + 1.96 * se)

# %% tags=["nbval-check-output"]
print(check_interval(interval, treated=(400, 120), control=(400, 90), lang=lang))
# -- expected output --
# ✔ confidence interval: correct (0.0142 to 0.1358).

# %% [markdown]
# ## Task 4 · A campaign in the data
#
# The coffee data set ran the campaign `brewing_guide` (engage → subscribe), given to a random half
# of the people who reached *engage*. Make `guide_difference` its measured difference in the
# subscribe rate (treated minus untreated). `cp.from_generator("coffee")` lists the data set's
# campaigns; `cp.campaign_lift` measures one.

# %%
tables = synth.generate("coffee", n_users=n_users, seed=seed)
guide = cp.from_generator("coffee")[0]
print(guide)

# %% tags=["solution"]
guide_difference = cp.campaign_lift(tables.events, guide).difference

# %% tags=["nbval-check-output"]
print(check_campaign_difference(guide_difference, tables.events, guide, lang=lang))
# -- expected output --
# ✔ difference for brewing_guide: correct (0.0279456).

# %% [markdown]
# ## Task 5 · From strangers to promoters
#
# `rates` holds a small roaster's step rates: `rates["aware"]` is the share of strangers who become
# aware, `rates["engage"]` the share of aware people who engage, and so on to `"promote"`. Make
# `promoter_share` the share of strangers who end up promoting.

# %%
rates = practice_rates()
rates

# %% tags=["solution"]
promoter_share = math.prod(rates.values())

# %% tags=["nbval-check-output"]
print(check_promoter_share(promoter_share, rates, lang=lang))
# -- expected output --
# ✔ share of strangers who promote: correct (5.04e-05).

# %% [markdown]
# ## Task 6 · One campaign to do it all?
#
# A marketer wants **1 %** of strangers to become promoters, with one campaign on the **convert**
# step only. Make `needed_convert_rate` the convert rate that would take (all other rates
# unchanged).

# %% tags=["solution"]
needed_convert_rate = 0.01 / (promoter_share / rates["convert"])

# %% tags=["nbval-check-output"]
print(
    check_required_rate(needed_convert_rate, rates, to_step="convert", target_share=0.01, lang=lang)
)
# -- expected output --
# ✔ required convert rate: correct (59.5238). Above 1: no campaign on that one step can get there, the other steps cap it.

# %% [markdown] tags=["solution"]
# A rate above 1 is impossible: no campaign on one step can make up for the seven others. That is
# article 004's "number-one campaign mistake" in one number; the way forward is one campaign per
# transition.
