# %% [markdown]
# # Exercise 14 · Customer value when nobody says goodbye
#
# Work through the tasks; each check cell tells you whether your answer is right and, if not, what
# the likely mistake is. Money is in rupiah. Lesson:
# [notebooks/14_customer_value.ipynb](../../notebooks/14_customer_value.ipynb).

# %% tags=["parameters"]
seed = 42
lang = "en"
preset = "coffee"
n_users = 20000
calibration_end = "2024-09-30"

# %%
from journeykit.params import check_parameters

check_parameters(
    seed=seed, lang=lang, preset=preset, n_users=n_users, calibration_end=calibration_end
)

# %%
import warnings

from journeykit import synth, value
from journeykit.checks import customer_value as check

warnings.simplefilter("ignore", value.DegenerateFitWarning)

# %% [markdown]
# ## Task 1 · Dewi's three numbers, by hand
#
# Dewi bought a sampler pack and a bag of beans on Saturday 6 January 2024 (two orders, morning and
# afternoon), then a bag of beans on 3 February, 2 March and 30 March, and once more on 11 May.
# The calibration period ends on **13 April 2024**. In weeks, what are her `frequency`, `recency`
# and `T`, and what is her `monetary_value` (rupiah)? Work them out from the dates; the table is
# only there to look at.

# %%
dewi = check.dewi_orders()
dewi

# %% tags=["solution"]
frequency = 3
recency = (84) / 7  # 6 January to 30 March
T = (98) / 7  # 6 January to 13 April, the calibration end
monetary_value = (95_000 * 3) / 3

# %% tags=["nbval-check-output"]
print(check.check_frequency(frequency, dewi, calibration_end="2024-04-13", lang=lang))
print(check.check_recency(recency, dewi, calibration_end="2024-04-13", lang=lang))
print(check.check_age(T, dewi, calibration_end="2024-04-13", lang=lang))
print(check.check_monetary_value(monetary_value, dewi, calibration_end="2024-04-13", lang=lang))
# -- expected output --
# ✔ frequency: correct (3).
# ✔ recency: correct (12).
# ✔ T: correct (14).
# ✔ monetary value: correct (95000).

# %% [markdown]
# ## Task 2 · Is she still a customer?
#
# Use the CDNOW model of Fader, Hardie & Lee (2005) below. A customer made 4 repeat purchases, the
# last one 20 weeks after the first, and we have watched them for 39 weeks. What is their P(alive)?
# Store it in `p_alive`.

# %%
cdnow = value.BGNBDFit(r=0.243, alpha=4.414, a=0.793, b=2.426)

# %% tags=["solution"]
import pandas as pd

customer = pd.DataFrame({"frequency": [4.0], "recency": [20.0], "T": [39.0]})
p_alive = float(cdnow.p_alive(customer).iloc[0])

# %% tags=["nbval-check-output"]
print(check.check_p_alive(p_alive, cdnow, frequency=4, recency=20.0, T=39.0, lang=lang))
# -- expected output --
# ✔ P(alive): correct (0.373029).

# %% [markdown]
# ## Task 3 · How many purchases ahead?
#
# For the same customer and model, how many purchases do you expect in the next 26 weeks? Store it
# in `purchases`.

# %% tags=["solution"]
purchases = float(cdnow.expected_purchases(customer, 26).iloc[0])

# %% tags=["nbval-check-output"]
print(
    check.check_expected_purchases(
        purchases, cdnow, frequency=4, recency=20.0, T=39.0, horizon=26, lang=lang
    )
)
# -- expected output --
# ✔ expected purchases: correct (0.818118).

# %% [markdown]
# ## Task 4 · What is a customer of the coffee shop worth?
#
# Summarise the synthetic shop's orders up to `calibration_end`, fit BG/NBD and Gamma-Gamma, and
# compute every customer's CLV over the next 26 weeks with a margin share of 0.4 and a weekly
# discount of 0.002. Store the first customer's (the first row's) CLV in `clv`.

# %%
tables = synth.generate(preset, n_users=n_users, seed=seed)
rfm = value.rfm_summary(tables.orders, calibration_end=calibration_end)

# %% tags=["solution"]
bg = value.fit_bgnbd(rfm)
gg = value.fit_gamma_gamma(rfm)
values = value.clv_from_rfm(rfm, bgnbd=bg, gamma_gamma=gg, horizon=26, margin=0.4, discount=0.002)
clv = float(values["clv"].iloc[0])

# %%
# not compared by nbval: the BG/NBD fit on this data is degenerate, and the CLV's second decimal
# moves between numpy builds (tests/test_checks_mistakes.py holds that this answer is accepted)
print(
    check.check_clv(
        clv,
        rfm,
        bgnbd=value.fit_bgnbd(rfm),
        gamma_gamma=value.fit_gamma_gamma(rfm),
        horizon=26,
        margin=0.4,
        discount=0.002,
        lang=lang,
    )
)

# %% [markdown] tags=["solution"]
# **Why?** T counts the weeks we have watched a customer, *including* the quiet weeks since their
# last purchase: those quiet weeks are exactly the evidence that lowers P(alive). Measured only to
# the last purchase, every customer would look alive. And two orders on one day are one visit:
# counted twice, they would make a customer look like a faster buyer than they are.
