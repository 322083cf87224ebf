# %% [markdown]
# # Exercise 10 · Referral loops
#
# Five short tasks on the viral coefficient K, referral growth and advocates vs promoters. Write your answer where it says
# `# Write your code here`, replacing each `None`, then run the check cell below it: it tells you
# whether you are right and, if not, what the likely mistake is. The lesson is
# `notebooks/10_referrals.ipynb`.

# %% [markdown] tags=["solution"]
# *This is the solution notebook: the cells tagged `solution` hold the answers. The exercise
# notebook `exercises/10_referrals.ipynb` is generated from it by `tools/make_exercises.py`.*

# %% tags=["parameters"]
seed = 42
lang = "en"
n_users = 3000

# %%
from journeykit import synth
from journeykit.checks.referrals import (
    check_observed_k,
    check_silent_advocates,
    check_steady_state,
    check_total_users,
    check_viral_coefficient,
)
from journeykit.params import check_parameters

check_parameters(seed=seed, lang=lang, n_users=n_users)

# %% [markdown]
# ## Task 1 · The viral coefficient
#
# A coffee-subscription app asks every new customer to invite friends. On average a new customer
# sends **4** invitations, and **15 %** of invitations turn into new customers. Make `k` the viral
# coefficient K (new customers each new customer brings).

# %% tags=["solution"]
k = 4 * 0.15

# %% tags=["nbval-check-output"]
print(check_viral_coefficient(k, invites_per_user=4, invite_conversion=0.15, lang=lang))
# -- expected output --
# ✔ viral coefficient K: correct (0.6).

# %% [markdown]
# ## Task 2 · Growth after five cycles
#
# An ad campaign brings a seed cohort of **500** customers, and the loop has the K of task 1. Each
# new customer invites in their first cycle; the friends who accept join one cycle later and invite
# in turn. Make `total_after_5` the number of customers who have **ever joined** after **5** referral
# cycles (the seed cohort included). Use the closed form, not a loop.

# %% tags=["solution"]
total_after_5 = 500 * (1 - k ** (5 + 1)) / (1 - k)

# %% tags=["nbval-check-output"]
print(check_total_users(total_after_5, n0=500, k=0.6, cycles=5, lang=lang))
# -- expected output --
# ✔ users after the last cycle: correct (1191.68).

# %% [markdown]
# ## Task 3 · Where does it level off?
#
# K is below 1, so the total stops growing. Make `steady` the number of customers it levels off at.

# %% tags=["solution"]
steady = 500 / (1 - k)

# %% tags=["nbval-check-output"]
print(check_steady_state(steady, n0=500, k=0.6, lang=lang))
# -- expected output --
# ✔ steady state: correct (1250).

# %% [markdown]
# ## Task 4 · K measured on data
#
# The coffee data set's `referrals` table has one row per invitation: `inviter_id`, and
# `invitee_id` when the friend signed up (missing otherwise). Make `k_promoter` the K **per
# promoter**: friends who signed up divided by the number of distinct users who sent at least one
# invitation. Use pandas on `tables.referrals`.

# %%
tables = synth.generate("coffee", n_users=n_users, seed=seed)
tables.referrals.head()

# %% tags=["solution"]
refs = tables.referrals
k_promoter = refs["invitee_id"].notna().sum() / refs["inviter_id"].nunique()

# %% tags=["nbval-check-output"]
print(check_observed_k(k_promoter, tables, base="inviters", lang=lang))
# -- expected output --
# ✔ observed K per inviter: correct (0.666667).

# %% [markdown]
# ## Task 5 · Silent advocates
#
# An **advocate** is positive when asked: they wrote a review (an event with `event_type ==
# "review"`) or answered the NPS question with 9 or 10 (`tables.survey["nps"]`). A **promoter**
# sent at least one invitation. Make `silent_advocates` the **number of users** who are advocates
# but never sent an invitation — the audience of the next referral campaign.

# %% tags=["solution"]
reviewed = set(tables.events.loc[tables.events["event_type"] == "review", "user_id"])
fans = set(tables.survey.loc[tables.survey["nps"].fillna(0) >= 9, "user_id"])
inviters = set(tables.referrals["inviter_id"])
silent_advocates = len((reviewed | fans) - inviters)

# %% tags=["nbval-check-output"]
print(check_silent_advocates(silent_advocates, tables, lang=lang))
# -- expected output --
# ✔ advocates who do not promote: correct (15).

# %% [markdown] tags=["solution"]
# `journeykit.referrals` does tasks 2–5 in one call each: `total_users`, `steady_state`,
# `observed_k(tables, base="inviters")` and `advocates_and_promoters` with
# `advocate_promoter_crosstab`.
