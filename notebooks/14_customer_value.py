# %% [markdown]
# # 14 · Customer value when nobody says goodbye: RFM, BG/NBD and Gamma-Gamma
#
# **The question.** A coffee shop sells a sampler pack, then beans now and then. Nobody cancels a
# plan: a regular just stops coming. How many more purchases will each customer make, is a quiet
# customer gone or only slow, and what is a customer from each channel worth, after paying for them?
#
# Lesson 08 valued **contractual** customers: a car-wash plan or a monthly coffee subscription ends
# on a known day, so we can count who is still paying and fit churn (the shifted-beta-geometric
# model). Most shops are **non-contractual**: the book seller of article 004, who sells an \$8 book
# and hopes for the \$500 workshop, the coffee shop, a car wash without a plan. There, churn is never
# observed. Fader, Hardie & Lee (2005) showed that three numbers per customer are enough to answer
# the question: how often they bought, how recently, and for how long we have watched them.

# %% [markdown]
# ## Parameters
#
# `preset` and `n_users` choose the synthetic shop (money in rupiah for `coffee`). Orders up to
# `calibration_end` fit the models; the weeks after it (the **holdout**) check them.
# `horizon_weeks` is how far ahead we value a customer, `margin_share` the share of an order's value
# that is profit, `weekly_discount` the discount rate per week (0.0018 a week is about 10 % a year).

# %% tags=["parameters"]
seed = 42
lang = "en"
preset = "coffee"
n_users = 20000
calibration_end = "2024-09-30"
horizon_weeks = 52
margin_share = 0.4
weekly_discount = 0.0018

# %%
from journeykit.params import check_parameters

check_parameters(
    seed=seed,
    lang=lang,
    preset=preset,
    n_users=n_users,
    calibration_end=calibration_end,
    horizon_weeks=horizon_weeks,
    margin_share=margin_share,
    weekly_discount=weekly_discount,
)

# %%
import warnings

import pandas as pd

from journeykit import offers, synth, value
from journeykit.plots import value as value_plots
from journeykit.widgets import CustomerValueExplorer

warnings.simplefilter("ignore", value.DegenerateFitWarning)  # the cells print the reasons
pd.set_option("display.width", 120)

# %% [markdown]
# ## 1. Three numbers per customer
#
# For every customer who had bought by the calibration end, `rfm_summary` counts
#
# * **frequency** $x$: repeat purchases (purchase *days* after the first; two orders on one day are
#   one purchase),
# * **recency** $t_x$: weeks from the first to the last purchase,
# * **T**: weeks from the first purchase to the calibration end,
# * **monetary value**: the mean value of the repeat purchases,
#
# and, after the calibration end, the holdout purchases. It needs only `user_id`, `timestamp` and
# `price`, so a real shop's export works as well as the generator's.

# %% tags=["nbval-check-output"]
tables = synth.generate(preset, n_users=n_users, seed=seed)
rfm = value.rfm_summary(tables.orders, calibration_end=calibration_end)
print(
    f"{len(rfm)} customers had bought by {calibration_end}; "
    f"{int((rfm['frequency'] > 0).sum())} of them bought again"
)
print(f"holdout: {rfm['duration_holdout'].iloc[0]:.1f} weeks")
print(rfm.head(4).round(2).to_string())
# -- expected output --
# 382 customers had bought by 2024-09-30; 272 of them bought again
# holdout: 13.0 weeks
#          frequency  recency      T  monetary_value  frequency_holdout  monetary_value_holdout  duration_holdout
# user_id                                                                                                        
# 63             1.0     2.71  21.00         49000.0                0.0                     0.0              13.0
# 68             0.0     0.00  21.29             0.0                0.0                     0.0              13.0
# 75             1.0     0.14  31.14         49000.0                0.0                     0.0              13.0
# 87             2.0     3.00  37.71        207500.0                0.0                     0.0              13.0

# %% [markdown]
# ## 2. BG/NBD: buy while alive, drop out after a purchase
#
# The **BG/NBD** model tells a simple story. While a customer is "alive" they buy at random, at their
# own rate $\lambda$ a week; rates differ between customers (a Gamma distribution with parameters
# $r$, $\alpha$: the average rate is $r/\alpha$). Right after each repeat purchase they may leave for
# good, with their own probability $p$ (a Beta distribution with parameters $a$, $b$: the average is
# $a/(a+b)$). Leaving is never seen. From $x$, $t_x$ and $T$ the model gives each customer's chance
# of still being alive, **P(alive)**, and their expected purchases ahead.
#
# `fit_bgnbd` finds the four parameters by maximum likelihood. On Fader, Hardie & Lee's CDNOW music
# buyers it gives their published $r = 0.243$, $\alpha = 4.414$, $a = 0.793$, $b = 2.426$ (the
# package's tests check this to the last digit). Here is the coffee shop:

# %% tags=["nbval-check-output"]
bg = value.fit_bgnbd(rfm)
# a degenerate fit pins r and alpha to two decimals only: the third moves between numpy builds
print(f"r {bg.r:.2f}, alpha {bg.alpha:.2f}: purchase rate while alive {bg.r / bg.alpha:.3f} a week")
spread = "more than a million" if bg.a + bg.b > 1e6 else f"{bg.a + bg.b:.2f}"
print(f"drop-out after a purchase: mean {bg.a / (bg.a + bg.b):.3f}, a + b = {spread}")
print("degenerate fit:", "yes" if bg.degenerate else "no")
# -- expected output --
# r 0.95, alpha 4.26: purchase rate while alive 0.224 a week
# drop-out after a purchase: mean 0.379, a + b = more than a million
# degenerate fit: yes

# %% [markdown]
# $a$ and $b$ ran off together: the data say that every customer has the *same* drop-out probability
# (about 0.4 after each purchase), with no spread at all. The model warns that the fit is
# degenerate (`bg.degenerate` holds the reasons): a sign that the shop's customers do not behave the
# way the model's story says. A model is a claim about behaviour, so check it.
#
# ## 3. Does it predict the holdout?
#
# Fit on the calibration weeks, then predict each customer's purchases in the holdout weeks and
# compare with what they did, grouped by how often they had bought before.

# %% tags=["nbval-check-output"]
check = value.calibration_holdout(bg, rfm)
print(check.round(3).to_string(index=False))
# -- expected output --
#  frequency  customers  actual  predicted
#          0        110   0.536      0.638
#          1        106   0.226      0.290
#          2         79   0.253      0.217
#          3         55   0.236      0.276
#          4         23   0.087      0.255
#          5          5   0.000      0.265
#          6          4   0.000      0.579

# %%
value_plots.plot_calibration_holdout(check, lang=lang);

# %% [markdown]
# ### What to notice
#
# * For customers who bought 3, 4 or 5 times, the data show *fewer* holdout purchases than the
#   model predicts (compare `actual` with `predicted`): the model expects frequent buyers to keep
#   buying.
# * Customers with no repeat purchase yet buy less in the holdout than predicted, too.
#
# BG/NBD says "a frequent buyer is a fast buyer who is probably still here". In this synthetic
# shop, a customer makes a fixed number of repeat purchases (on average 0.6, or 1.5 after a good
# onboarding), a month apart, and then stops: the more they have bought, the fewer are left. That is
# the opposite story, so the model cannot recover it (see *The generator* below). On CDNOW's real
# buyers the same check tracks the holdout closely.
#
# ## 4. P(alive): frequent buyers who went quiet
#
# For a customer of age $T$, P(alive) falls as the last purchase lies further back, and it falls
# *faster* for frequent buyers: if you usually buy every two weeks, ten silent weeks say a lot.
# A customer who never bought again has P(alive) = 1 in this model (they have had no chance to
# drop out yet).

# %%
value_plots.plot_p_alive_matrix(bg, T=float(rfm["T"].max()), max_frequency=8, lang=lang);

# %% [markdown]
# ## 5. How much will they spend? Gamma-Gamma
#
# The **Gamma-Gamma** model treats each purchase's value as random around the customer's own mean,
# and the means as spread across customers. A customer's expected order value is then a weighted
# average of everyone's mean and their own, with more weight on their own the more often they have
# bought. It assumes that *how much* someone spends does not depend on *how often* they buy.

# %% tags=["nbval-check-output"]
gg = value.fit_gamma_gamma(rfm)
repeat = rfm[rfm["frequency"] > 0]
print(f"repeat buyers: {gg.n_customers}; degenerate fit: {'yes' if gg.degenerate else 'no'}")
print(f"mean order value: {round(gg.mean_order_value, -3):,.0f} IDR")
print(
    f"correlation of frequency and spend: {repeat['frequency'].corr(repeat['monetary_value']):.2f}"
)
# -- expected output --
# repeat buyers: 272; degenerate fit: yes
# mean order value: 87,000 IDR
# correlation of frequency and spend: 0.39

# %% [markdown]
# Also degenerate: in this shop every product has one fixed price (a sampler pack 49,000 IDR, a bag
# of beans 95,000 IDR, the monthly subscription 320,000 IDR), so most repeat buyers pay the same for
# every repeat purchase and there is little variation within a customer to model. And spend
# correlates with frequency (customers who moved up to the beans and the subscription buy more often
# *and* more expensively), against the model's assumption.
#
# ## 6. Customer value and the offer's economics
#
# Value each customer's next `horizon_weeks` weeks: in week $k$ they make $E(k) - E(k-1)$ expected
# purchases, each worth the expected order value times `margin_share`, and that money is discounted
# by $(1 + d)^k$:
#
# $$\text{CLV} = m \cdot E[\text{order value}] \cdot \sum_{k=1}^{H} \frac{E(k) - E(k-1)}{(1+d)^k}.$$

# %% tags=["nbval-check-output"]
values = value.clv_from_rfm(
    rfm,
    bgnbd=bg,
    gamma_gamma=gg,
    horizon=horizon_weeks,
    margin=margin_share,
    discount=weekly_discount,
)
print(
    f"mean expected purchases in {horizon_weeks} weeks: {values['expected_purchases'].mean():.2f}"
)
print(
    f"mean CLV: {round(values['clv'].mean(), -2):,.0f} IDR; "
    f"total: {values['clv'].sum() / 1e6:,.1f} million IDR"
)
# -- expected output --
# mean expected purchases in 52 weeks: 0.72
# mean CLV: 24,400 IDR; total: 9.3 million IDR

# %% [markdown]
# The entry offer (the sampler pack) earns a small first-order margin; the acquisition cost per
# customer comes from the ad spend on each channel (`events.cost`, lesson 08). Net value per
# acquired customer = first-order margin + CLV − acquisition cost:

# %% tags=["nbval-check-output"]
spend = offers.observed_ltv(tables.orders, users=tables.users, events=tables.events)
cac = spend.set_index("acquisition_channel")["acquisition_cost"]
channel = tables.users.set_index("user_id")["acquisition_channel"]
by_channel = value.value_by_group(
    values, channel, name="acquisition_channel", orders=tables.orders, acquisition_cost=cac
)
cols = [
    "acquisition_channel",
    "customers",
    "first_order_margin",
    "clv",
    "acquisition_cost",
    "net_value",
]
money = dict.fromkeys(["first_order_margin", "clv", "acquisition_cost", "net_value"], -2)
print(by_channel[cols].round(money).to_string(index=False))  # money to the nearest 100 IDR
# -- expected output --
# acquisition_channel  customers  first_order_margin     clv  acquisition_cost  net_value
#      organic_search        206              7000.0 24900.0               0.0    31900.0
#              direct         53              7000.0 28200.0               0.0    35200.0
#            whatsapp         37              7000.0 23600.0               0.0    30600.0
#               store         33              7000.0 23400.0               0.0    30400.0
#           affiliate         12              7000.0 27600.0            2400.0    32100.0
#      social_organic         13              7000.0 20300.0               0.0    27300.0
#         paid_search         14              7000.0 16600.0           21600.0     2000.0
#          social_ads         13              7000.0 17500.0           34100.0    -9600.0
#            referral          1              7000.0  5000.0               0.0    12000.0

# %% tags=["nbval-check-output"]
entry = tables.orders.sort_values("timestamp").groupby("user_id")["product"].first()
by_offer = value.value_by_group(values, entry, name="entry_offer", orders=tables.orders)
print(
    by_offer[["entry_offer", "customers", "first_order_margin", "clv"]]
    .round(money)
    .to_string(index=False)
)
# -- expected output --
#  entry_offer  customers  first_order_margin     clv
# sampler_pack        382              7000.0 24400.0

# %% [markdown]
# ### What to notice
#
# * Social ads cost the most per customer, more than the sampler pack's margin plus the customer's
#   expected future value: their `net_value` is negative. Paid search costs less per customer and
#   keeps a positive `net_value`, but well below what an unpaid channel's customer is worth.
# * The unpaid channels with ten or more customers (organic search, direct, WhatsApp, the store,
#   social organic) are worth around 30,000 IDR per customer (between 25,000 and 40,000): the
#   first-order margin plus the CLV. Affiliates cost only a small commission, so they are worth
#   about as much. Referral brought too few customers to say.
# * Fewer than one customer in ten came through each paid channel, so their rows rest on few
#   customers and move from one seed to the next.
# * Every customer of this shop entered through the same entry offer (one row). With several entry
#   offers (your own data), the same table shows which entry offer brings customers worth more later,
#   which is what decides how cheap the entry offer may be (lesson 08's break-even entry price).
# * These values rest on two degenerate fits: treat them as a first estimate, and check the holdout
#   before you stop buying social ads.
#
# ## 7. Move one customer
#
# Change a customer's repeat purchases, the time of their last purchase and their age, and see
# P(alive) and their expected purchases move. The model is the one fitted above.

# %%
CustomerValueExplorer(bg, T=float(rfm["T"].max()), horizon=horizon_weeks, lang=lang)

# %% [markdown]
# ## The generator: why BG/NBD cannot recover this shop
#
# The synthetic coffee shop gives each customer a Poisson number of repeat purchases (mean 0.6, or
# 1.5 after onboarding), spaced by exponential gaps of 30 days on average, cut at the end of the data.
# The BG/NBD fit gives a purchase rate of about one a month (close to the truth) but a drop-out
# probability that is the same for everyone, and it over-predicts the holdout of frequent buyers:
# a Poisson count has a *rising* chance of stopping after each purchase, while BG/NBD's chance is
# constant per customer. A BG/NBD-shaped shop would draw, for each customer, a rate
# $\lambda \sim \text{Gamma}(r, \alpha)$ and a drop-out probability $p \sim \text{Beta}(a, b)$, and
# after each repeat purchase end their life with probability $p$; `value.simulate_bgnbd` does exactly
# that, and the fit recovers its parameters (the package's tests check 100,000 simulated customers).
#
# ## Try it yourself
#
# 1. Set `calibration_end = "2024-06-30"`: a longer holdout. Do the frequent buyers still buy less
#    than predicted?
# 2. Set `margin_share = 0.2`. Which channels still have a positive `net_value`? Does paid search,
#    and how sure can you be with so few customers?
# 3. Set `weekly_discount = 0.01` (about 68 % a year). How much does the mean CLV fall? Compare it
#    with the average discount factor over 52 weeks, and explain the difference (when, within the
#    horizon, do the expected purchases happen?).
# 4. In the explorer, give a customer 10 repeat purchases and move the last purchase from week 35 to
#    week 10 of 39. Where does P(alive) drop fastest?
#
# ## Summary
#
# * **Contractual** customers tell you when they leave (fit churn, lesson 08); **non-contractual**
#   customers do not, so value rests on recency, frequency and age.
# * **BG/NBD**: buy at a personal rate while alive, drop out after a purchase with a personal
#   probability; gives P(alive) and expected purchases. **Gamma-Gamma**: expected order value.
# * CLV = margin × expected order value × discounted expected purchases, per customer; grouped by
#   channel and entry offer it says what a customer is worth after paying to acquire them.
# * Always check a fit on a **holdout**, and read a degenerate-fit warning as "the story does not
#   match this shop".
#
# Practise with the [exercise](../exercises/14_customer_value.ipynb).
