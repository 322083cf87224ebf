# %% [markdown]
# # Exercise 08 · Entry-point offers and ascension
#
# Work through the tasks; each check cell tells you whether your answer is right and, if not, what
# the likely mistake is. Money is in US dollars for the presets. Lesson:
# [notebooks/08_offers.ipynb](../../notebooks/08_offers.ipynb).

# %% tags=["parameters"]
seed = 42
lang = "en"
preset = "coffee"
n_users = 2000

# %%
from journeykit.params import check_parameters

check_parameters(seed=seed, lang=lang, preset=preset, n_users=n_users)

# %%
from journeykit import offers, synth
from journeykit.checks import offers as check

# %% [markdown]
# ## Task 1 · The first order
#
# The dentist's \$20 teeth whitening (preset `teeth_whitening`) costs \$15 in materials and time, and
# each new patient costs \$35 in advertising. What is the profit (or loss) on the first order?
# Store it in `first_profit`.

# %%
plan = offers.get_preset("teeth_whitening")

# %% tags=["solution"]
first_profit = plan.entry_price - plan.entry_cost - plan.acquisition_cost

# %% tags=["nbval-check-output"]
print(check.check_first_order_profit(first_profit, plan, lang=lang))
# -- expected output --
# ✔ first-order profit: correct (-30).

# %% [markdown]
# ## Task 2 · A subscription's lifetime value
#
# A co-working space in Bandung rents a desk for \$60 a month; each desk costs \$35 a month to run
# (cleaning, power, coffee). 5 % of members cancel each month. What is a member worth over their
# lifetime, without discounting (`ltv`) and with a 1 % monthly discount rate (`ltv_discounted`)?
# The first month is paid now.

# %% tags=["solution"]
margin = 60 - 35
ltv = margin / 0.05
ltv_discounted = margin * (1 + 0.01) / (0.01 + 0.05)

# %% tags=["nbval-check-output"]
print(check.check_lifetime_value(ltv, margin=25, churn=0.05, price=60, lang=lang))
print(
    check.check_lifetime_value(
        ltv_discounted, margin=25, churn=0.05, discount=0.01, price=60, lang=lang
    )
)
# -- expected output --
# ✔ lifetime value: correct (500).
# ✔ lifetime value: correct (420.833).

# %% [markdown]
# ## Task 3 · Payback month
#
# A print shop sells 500 cards for \$9 (cost \$7) and spends \$15 to acquire each customer. Each month
# from month 1, an active customer places 0.3 reorders worth \$20 of margin each, and 10 % of
# customers leave each month. In which month (0 = the month of the first purchase) has the average
# customer paid back their acquisition cost? Write `-1` if never. Store it in `payback`.

# %%
cards = offers.OfferPlan(
    name="cards",
    entry_price=9,
    entry_cost=7,
    acquisition_cost=15,
    repeat_price=45,
    repeat_cost=25,
    repeat_rate=0.3,
    monthly_churn=0.10,
)

# %% tags=["solution"]
payback = offers.payback_month(cards)

# %% tags=["nbval-check-output"]
print(check.check_payback_month(payback, cards, lang=lang))
# -- expected output --
# ✔ payback month: correct (3).

# %% [markdown]
# ## Task 4 · Break-even entry price
#
# For the same print shop, what is the lowest entry price at which a customer still pays back the
# \$15 acquisition cost over their whole lifetime (no discounting)? Store it in `break_even`. The
# answer may be negative: then the shop could give the cards away, or even pay people to take them,
# and the reorders would still pay back the acquisition cost.

# %% tags=["solution"]
break_even = offers.break_even_entry_price(cards)

# %% tags=["nbval-check-output"]
print(check.check_break_even_price(break_even, cards, lang=lang))
# -- expected output --
# ✔ break-even entry price: correct (-32).

# %% [markdown]
# ## Task 5 · Observed ascension rate
#
# In the synthetic data, what share of entry-offer buyers went on to buy a core or ascension offer?
# Give a share between 0 and 1 in `rate`.

# %%
tables = synth.generate(preset, n_users=n_users, seed=seed)

# %% tags=["solution"]
rate = offers.ascension_rate(tables.orders)

# %% tags=["nbval-check-output"]
print(check.check_ascension_rate(rate, tables.orders, lang=lang))
# -- expected output --
# ✔ ascension rate: correct (0.431373).

# %% [markdown]
# ## Task 6 · Retention that rises
#
# Fit the shifted-beta-geometric model to the first eight years (periods 0 to 7) of Fader & Hardie's
# "high end" cohort, `offers.FADER_HARDIE_2007["high_end"]`, and store the fitted parameters in
# `alpha` and `beta`.

# %%
high_end = offers.FADER_HARDIE_2007["high_end"][:8]

# %% tags=["solution"]
fit = offers.fit_sbg(high_end)
alpha, beta = fit.alpha, fit.beta

# %% tags=["nbval-check-output"]
print(check.check_sbg_parameters(alpha, beta, high_end, lang=lang))
# -- expected output --
# ✔ sBG alpha and beta: correct (alpha 0.668, beta 3.806).

# %% [markdown] tags=["solution"]
# **Why?** Both cohorts start with a similar spread of churn probabilities ($\alpha \approx 0.7$), but
# the high-end customers have a much larger $\beta$: their average churn $\alpha/(\alpha+\beta)$ is
# about 15 % against 37 % for the regular ones.
