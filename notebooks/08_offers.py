# %% [markdown]
# # 08 · Entry-point offers and ascension: buying a customer
#
# **The question.** GoDaddy sells a domain for \$2.95 and VistaPrint sells 500 business cards for
# \$9 (article 004). Neither covers what it costs to find the customer. Why would a business do that,
# and how can you tell whether it pays off?
#
# In the Customer Value Journey the **Convert** step is about getting a buyer, *not* about profit.
# An **entry-point offer** (penawaran entry-point) is a cheap first purchase, such as a \$8 book from a
# management consultant or a \$20 teeth whitening at a local dentist, that turns a subscriber into a
# customer. The first sale often loses money. The profit comes in the **Ascend** step, when
# the customer buys the core offer and the upsells: a \$2,495 camera plus a \$699 bundle of lenses, a
# bag and a tripod, a \$40/month unlimited car-wash plan, or \$15 for early boarding.
#
# This lesson puts numbers on that story:
#
# 1. the **first-order profit**: entry price − unit cost − acquisition cost;
# 2. the **lifetime value** (LTV): the margin a customer brings over their whole stay;
# 3. the **payback month**: when the cumulative margin first covers the acquisition cost;
# 4. the **break-even entry price**: how cheap the entry offer can be and still pay off;
# 5. retention that is **not constant** (the shifted-beta-geometric model);
# 6. the same quantities **measured from data**: observed ascension rate and LTV per channel.

# %% [markdown]
# ## Parameters
#
# `offer_preset` picks one of article 004's examples (`journeykit offer presets` lists them). The
# next three values *replace* the preset's own, so you can ask "what if the domain cost \$4.95?".
# Money is in US dollars; `monthly_churn` is the share of customers who leave each month;
# `discount_rate` is per month. `preset` and `n_users` choose the synthetic data set for the last
# section (its money is in rupiah for `coffee`, dollars for `saas`).

# %% tags=["parameters"]
seed = 42
lang = "en"
offer_preset = "domain"
entry_price = 2.95
acquisition_cost = 12.0
monthly_churn = 0.03
discount_rate = 0.01
months = 36
n_customers = 2000
preset = "coffee"
n_users = 2000

# %%
from journeykit.params import check_parameters

check_parameters(
    seed=seed,
    lang=lang,
    offer_preset=offer_preset,
    entry_price=entry_price,
    acquisition_cost=acquisition_cost,
    monthly_churn=monthly_churn,
    discount_rate=discount_rate,
    months=months,
    n_customers=n_customers,
    preset=preset,
    n_users=n_users,
)

# %%
import pandas as pd

from journeykit import offers, synth
from journeykit.plots import offers as offer_plots
from journeykit.widgets import OfferCalculator

pd.set_option("display.width", 120)

# %% [markdown]
# ## 1. The article's examples
#
# Each preset is an `OfferPlan`: the entry offer, the acquisition cost, the **ascension steps**
# (who buys what, when, at what margin) and the churn. Only the figures named in `from_article` come
# from article 004; unit costs, acquisition costs, shares, timing and churn are illustrative
# assumptions, chosen to be plausible and clearly marked as such.

# %% tags=["nbval-check-output"]
table = offers.presets_table(discount=discount_rate)
print(f"money discounted at {discount_rate:.1%} a month")
print(
    table[
        [
            "preset",
            "entry_price",
            "from_article",
            "first_order_profit",
            "lifetime_value",
            "payback_month",
        ]
    ]
    .round(2)
    .to_string(index=False)
)
# -- expected output --
# money discounted at 1.0% a month
#          preset  entry_price               from_article  first_order_profit  lifetime_value  payback_month
#            book         8.00                entry_price              -26.00           29.69           <NA>
# teeth_whitening        20.00                entry_price              -30.00          230.61              1
#          domain         2.95                entry_price              -18.05           65.16              7
#  business_cards         9.00                entry_price              -13.00           42.29              6
#          camera         9.00 camera.price, bundle.price              -12.00           39.98              1
#        car_wash        12.00       unlimited_plan.price              -18.00          110.46              3
#  early_boarding        59.00       early_boarding.price              -26.00           73.60              8

# %% [markdown]
# Every entry offer loses money on the first order (a negative `first_order_profit`), yet most
# plans pay back within a year or so. That is the article's point: *buy* the customer first and
# make the profit later. Not every plan manages it: a payback month `<NA>` means the discounted
# margins never cover the acquisition cost (the book plan at 1 % a month).
#
# **One rule for money in this lesson:** every value, payback month and break-even price is
# discounted at `discount_rate` per month (1 % by default; month 0 is not discounted), and every
# printed table says so. Set `discount_rate = 0` for the undiscounted figures.

# %% [markdown]
# ## 2. The first order: a planned loss
#
# Acquisition cost per customer is simply ad spend divided by the customers it brought:
# \$1,200 of ads that bring 100 domain buyers cost \$12 per customer (the default
# `acquisition_cost`; the cell below uses yours). The first-order profit is the
# entry margin (price − unit cost) minus that.

# %% tags=["nbval-check-output"]
plan = offers.get_preset(offer_preset).replace(
    entry_price=entry_price, acquisition_cost=acquisition_cost, monthly_churn=monthly_churn
)
spend, buyers = acquisition_cost * 100, 100
print(
    f"acquisition cost: {offers.acquisition_cost(spend=spend, customers=buyers):.2f} per customer "
    f"({spend:,.2f} of ads, {buyers} customers)"
)
print(f"first-order profit: {offers.first_order_profit(plan):.2f}")
# -- expected output --
# acquisition cost: 12.00 per customer (1,200.00 of ads, 100 customers)
# first-order profit: -18.05

# %% [markdown]
# ## 3. Lifetime value
#
# Suppose a customer pays a margin $m$ every month, starting now, and leaves at the end of any
# month with probability $c$ (the churn). The chance they are still there in month $t$ is
# $(1-c)^t$, so on average they stay $1/c$ months and are worth
#
# $$\text{LTV} = m + m(1-c) + m(1-c)^2 + \dots = \frac{m}{c}.$$
#
# Money later is worth less than money now. With a monthly discount rate $d$, month $t$ counts
# $1/(1+d)^t$ and the sum becomes $\text{LTV} = m\,(1+d)/(d+c)$. A \$40 car-wash plan with a \$18
# margin and 7 % churn is worth \$257 undiscounted and \$227 at 1 % a month.

# %% tags=["nbval-check-output"]
print(
    f"{offers.constant_churn_ltv(margin=18, churn=0.07):.2f}  "
    f"{offers.constant_churn_ltv(margin=18, churn=0.07, discount=0.01):.2f}"
)
# -- expected output --
# 257.14  227.25

# %% [markdown]
# A plan has more parts: the entry margin in month 0, ascension steps bought by a share of the
# customers still active in their month (a recurring step, like a hosting plan, is paid every month
# after that), and repeat purchases. `ltv_components` adds each part's expected, discounted margin;
# the waterfall shows where the value comes from.

# %% tags=["nbval-check-output"]
print(offers.ltv_components(plan, discount=discount_rate).round(2).to_string(index=False))
# -- expected output --
#   component        kind  value
# acquisition acquisition -12.00
#       entry       entry  -6.05
#     hosting   ascension  53.02
#      repeat      repeat  18.19

# %%
offer_plots.plot_ltv_waterfall(plan, discount=discount_rate, lang=lang);

# %% [markdown]
# ## 4. Payback: when has the customer paid for themselves?
#
# The cumulative profit of one acquired customer starts below zero (the acquisition cost and the
# loss on the entry offer) and climbs as they ascend and buy again. The **payback month** is the
# first month where it reaches zero. Month 0 is the month of the first purchase.
#
# The closed form gives the *expected* curve. A cohort simulation draws real-looking customers
# (each leaves at random, buys each step with its probability, repeats at random) and should
# agree with it on average.

# %%
sim = offers.simulate_cohort(plan, n_customers=n_customers, months=months, seed=seed)
offer_plots.plot_cumulative_profit(
    plan, months=months, discount=discount_rate, simulated=sim, lang=lang
);

# %% tags=["nbval-check-output"]
summary = offers.summarize(plan, discount=discount_rate)
print(f"money discounted at {discount_rate:.1%} a month")
print(summary.to_frame().round(3).to_string(index=False))
# -- expected output --
# money discounted at 1.0% a month
#                   metric   value
#       first_order_profit -18.050
#           lifetime_value  65.162
#                net_value  53.162
#               ltv_to_cac   5.430
#            payback_month   7.000
#   break_even_entry_price -50.212
# expected_lifetime_months  33.333
#           ascension_rate   0.300

# %%
closed = offers.lifetime_value(plan, horizon=months, discount=discount_rate)
simulated = (sim["margin_per_customer"] / (1 + discount_rate) ** sim["month"]).sum()
print(
    f"value over {months} months, discounted at {discount_rate:.1%} a month: "
    f"closed form {closed:.2f}, simulated {simulated:.2f}"
)

# %% [markdown]
# ### Explore on sliders
#
# The offer calculator puts the same plan on sliders. Move the entry price, the churn or the share
# who ascend and watch the payback month move. It calls the same functions as the cells above,
# closed form beside a simulated cohort.

# %%
OfferCalculator(
    plan, months=months, discount=discount_rate, n_customers=n_customers, seed=seed, lang=lang
)

# %% [markdown]
# ### What to notice
#
# * The first month is deep in the red: the entry offer is a *loss leader*.
# * A break-even entry price below zero means the business could give the entry offer away (and
#   even pay people to take it) and still earn back the acquisition cost later, *if* the churn
#   and ascension assumptions hold.
# * The simulated cohort wobbles around the closed form; with more customers it gets closer.

# %% [markdown]
# ## 5. Break-even entry price
#
# How cheap may the entry offer be? Set the net value (LTV − acquisition cost) to zero and solve for
# the entry price. If you count only the first order, the break-even price is acquisition cost plus
# unit cost: far above what any of the article's businesses charge. Counting what comes later
# lowers it.

# %% tags=["nbval-check-output"]
print(f"break-even entry price, discounted at {discount_rate:.1%} a month")
print(f"first order only: {offers.break_even_entry_price(plan, first_order_only=True):.2f}")
print(f"whole lifetime:   {offers.break_even_entry_price(plan, discount=discount_rate):.2f}")
print(
    f"first 12 months:  {offers.break_even_entry_price(plan, horizon=12, discount=discount_rate):.2f}"
)
# -- expected output --
# break-even entry price, discounted at 1.0% a month
# first order only: 21.00
# whole lifetime:   -50.21
# first 12 months:  -5.90

# %% [markdown]
# ## 6. When churn is not constant: the shifted-beta-geometric model
#
# Real cohorts lose many customers early and few later: retention *rises* over time. This isn't
# because anyone gets more loyal. The customers who were going to leave quickly are already gone. Fader & Hardie (2007)
# model this with a churn probability that differs between customers, drawn from a Beta($\alpha$,
# $\beta$) distribution: the **shifted-beta-geometric** (sBG) model. Its survival is
# $S(t) = B(\alpha, \beta + t) / B(\alpha, \beta)$.
#
# Their "regular" customers: of 1,000, 631 are left after year 1, 468 after year 2 ... We fit the
# first seven years by maximum likelihood and compare the forecast with years 8 to 12, which the fit
# never saw (hollow points). The dashed line is what a constant churn of 37 % (the first year's)
# would predict.

# %% tags=["nbval-check-output"]
cohort = offers.FADER_HARDIE_2007["regular"]
fit = offers.fit_sbg(cohort[:8])
print(f"alpha {fit.alpha:.3f}, beta {fit.beta:.3f}, mean churn {fit.mean_churn:.3f}")
print(
    f"discounted expected lifetime at 10 % a year: {fit.discounted_expected_lifetime(0.10):.3f} years"
)
# -- expected output --
# alpha 0.704, beta 1.182, mean churn 0.373
# discounted expected lifetime at 10 % a year: 3.695 years

# %%
offer_plots.plot_survival_fit(
    fit, periods=12, constant_churn=1 - cohort[1] / cohort[0], actual=cohort, lang=lang
);

# %% [markdown]
# The constant-churn model would say almost nobody is left after 12 years; the sBG forecast tracks
# the held-out years closely. The discounted expected lifetime (DEL) turns the curve into one number:
# multiply it by the yearly margin for the customer's value.

# %% [markdown]
# ## 7. Measured from data
#
# In a data set we do not know the churn or the shares; we observe orders. Two measures:
#
# * the **observed ascension rate**: the share of entry-offer buyers who later bought a core or
#   ascension offer;
# * the **observed LTV** per acquisition channel: the margin each customer actually brought within
#   the data window, next to what was spent on that channel per customer acquired.
#
# Observed LTV is **truncated**: customers who joined in the last weeks of the data have had little
# time to buy again, so it is a lower bound on the real lifetime value. Compare channels whose
# customers joined over the same period, and use the models above to look further ahead.

# %%
tables = synth.generate(preset, n_users=n_users, seed=seed)
currency = synth.config(preset).currency
print(f"observed ascension rate: {offers.ascension_rate(tables.orders):.3f}")

# %%
by_channel = offers.observed_ltv(tables.orders, users=tables.users, events=tables.events)
by_channel.round(2)

# %%
offer_plots.plot_observed_ltv(by_channel, currency=currency, lang=lang);

# %% [markdown]
# ### What to notice
#
# * Paid channels carry an acquisition cost; organic ones show none, which does not make them
#   free (content, time and a shop window cost money that is not in the `events.cost` column).
# * A channel whose customers ascend more is worth a higher acquisition cost: compare
#   `ascension_rate` with `acquisition_cost` per row.
# * `ltv_to_cac` below 1 means that channel's customers have not yet paid back what it cost to get them
#   within the data window.

# %% [markdown]
# ## Try it yourself
#
# 1. Run with `offer_preset = "book"`, `entry_price = 8`, `acquisition_cost = 30`,
#    `monthly_churn = 0.08`. At 1 % a month the book plan just fails to pay back (a net value a few cents
#    below zero, payback `<NA>`): which single number would you change first, and by how much, to
#    get a payback within a year?
# 2. Raise `monthly_churn` step by step. At what churn does the domain plan stop paying back?
# 3. Set `discount_rate = 0.05`. Which presets suffer most, and why those?
# 4. Fit the sBG model to the "high_end" cohort: `offers.fit_sbg(offers.FADER_HARDIE_2007["high_end"][:8])`.
#    How do $\alpha$ and $\beta$ differ from the regular customers', and what does that say?
# 5. From the command line: `journeykit offer ltv --preset car_wash --churn 0.1 --discount 0.01`.

# %% [markdown]
# ## Summary
#
# * An entry-point offer buys a customer: the first order usually **loses** money
#   (entry margin − acquisition cost < 0).
# * Lifetime value with constant churn $c$ is $m/c$, or $m(1+d)/(d+c)$ discounted; a plan adds up
#   its entry margin, ascension steps and repeat purchases.
# * The **payback month** is when cumulative margin first covers the acquisition cost; the
#   **break-even entry price** is the lowest price that still pays back over the horizon.
# * Real retention rises over time; the **sBG** model captures that with two parameters and
#   forecasts survival and discounted expected lifetime.
# * From data, the observed ascension rate and the truncated LTV per channel tell you where
#   customers worth buying come from.
#
# **Exercise:** [exercises/08_offers.ipynb](../exercises/08_offers.ipynb)
