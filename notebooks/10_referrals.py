# %% [markdown]
# # 10 · Referral loops: when customers bring customers
#
# **The question.** A small coffee roaster's happiest customers tell their friends. How many new
# customers does each of them bring, how fast, does it snowball or fizzle out — and is a reward
# for inviting cheaper than an ad?
#
# Article 004 ends the Customer Value Journey with two steps after the sale: **advocate** and
# **promote**. This lesson turns them into numbers: the *viral coefficient* K, the *cycle time*,
# growth over referral cycles (closed form and simulation), K measured on data, and the cost of a
# referral reward next to the cost of paid acquisition.

# %% [markdown]
# ## Parameters
#
# Change them here, or run the lesson with other values without editing it:
# `journeykit course run --out build/course --only 10 -p lang id -p invite_conversion 0.5`.
#
# * `seed`, `n_users` — the synthetic coffee data set (lesson 05 introduced it);
# * `lang` — `"en"` or `"id"`: the language of every chart label;
# * `invites_per_user`, `invite_conversion`, `cycles`, `churn` — the referral loop of sections 2–4;
# * `cost_per_gb` — what one GB of storage costs the company over a reward's life, in US dollars
#   (section 6; an assumption, not a fact from the article).

# %% tags=["parameters"]
seed = 42
lang = "en"
n_users = 50000
invites_per_user = 2.0
invite_conversion = 0.25
cycles = 10
churn = 0.0
cost_per_gb = 0.5

# %%
import pandas as pd

from journeykit import metrics, synth
from journeykit import referrals as rf
from journeykit.params import check_parameters
from journeykit.plots import referrals as plots
from journeykit.widgets import ReferralSimulator

check_parameters(
    seed=seed,
    lang=lang,
    n_users=n_users,
    invites_per_user=invites_per_user,
    invite_conversion=invite_conversion,
    cycles=cycles,
    churn=churn,
    cost_per_gb=cost_per_gb,
)
tables = synth.generate("coffee", n_users=n_users, seed=seed)

# %% [markdown]
# ## 1. Advocates and promoters are not the same people
#
# Article 004 draws a sharp line between the last two steps:
#
# * an **advocate** speaks well of you *when asked* — a "passive promoter": they write the review
#   you asked for, or answer 9 or 10 to "how likely are you to recommend us?";
# * a **promoter** spreads the word *without being asked*: shares a link, brings five colleagues
#   to an event, earns a 20 % affiliate commission on the fishing gear their podcast listeners buy.
#
# In the data, an advocate wrote a review (a `review` event) or gave an NPS answer of 9–10; a
# promoter sent at least one invitation (a row in `referrals`). Careful with names: the NPS survey
# calls its 9–10 answers "promoters", but in the Customer Value Journey they are advocates until
# they act.

# %% tags=["nbval-check-output"]
people = rf.advocates_and_promoters(tables)
print(rf.advocate_promoter_crosstab(people, lang=lang).to_string())
# -- expected output --
# Promoter (actively invites)        No  Yes  Total
# Advocate (positive when asked)                   
# No                              49764    0  49764
# Yes                               218  154    372
# Total                           49982  154  50136

# %% [markdown]
# ### What to notice
#
# * Every promoter is also an advocate here: in this business, people invite only after they
#   have reached the advocate step. The reverse is not true — most advocates never invite.
# * Those **silent advocates** are the cheapest audience a referral campaign can have: they
#   already like you. Moving them from *advocate* to *promote* is one step (lesson 11).

# %% [markdown]
# ## 2. The viral coefficient K
#
# How many new customers does one customer bring? Two numbers decide it:
#
# $$K = \text{invites per user} \times \text{invite conversion}$$
#
# With 2 invitations per user and 1 in 4 accepted, K = 0.5: every new user brings half a new user.
#
# **The model** (the same in the formulas and in the simulation below). A seed cohort of $n_0$
# users joins at cycle 0. In their first cycle each new user sends their invitations; the friends
# who accept join one cycle later and invite in their turn. So generation $g$ has $n_0 K^g$ users,
# and after $n$ cycles the users who ever joined are
#
# $$n_0 (1 + K + K^2 + \dots + K^n) = n_0 \frac{1 - K^{n+1}}{1 - K} \quad (K \ne 1), \qquad n_0 (n + 1) \quad (K = 1).$$
#
# For $K < 1$ the sum levels off at the **steady state** $n_0 / (1 - K)$: with K = 0.5, a seed
# of 100 ends at 200. For $K > 1$ it grows without bound.

# %% tags=["nbval-check-output"]
k = rf.viral_coefficient(invites_per_user, invite_conversion)
closed = rf.growth_table(
    n0=100,
    invites_per_user=invites_per_user,
    invite_conversion=invite_conversion,
    cycles=cycles,
    churn=churn,
)
print(f"K = {invites_per_user:g} x {invite_conversion:g} = {k:.3f}")
print(closed.round(1).to_string(index=False))
# -- expected output --
# K = 2 x 0.25 = 0.500
#  cycle  day  new_users  total_users  active_users
#      0  0.0      100.0        100.0         100.0
#      1  7.0       50.0        150.0         150.0
#      2 14.0       25.0        175.0         175.0
#      3 21.0       12.5        187.5         187.5
#      4 28.0        6.2        193.8         193.8
#      5 35.0        3.1        196.9         196.9
#      6 42.0        1.6        198.4         198.4
#      7 49.0        0.8        199.2         199.2
#      8 56.0        0.4        199.6         199.6
#      9 63.0        0.2        199.8         199.8
#     10 70.0        0.1        199.9         199.9

# %%
plots.plot_growth_by_k(rf.growth_by_k([0.5, 0.9, 1.0, 1.1], n0=100, cycles=cycles), lang=lang);

# %% [markdown]
# ### What to notice
#
# * Below 1 the curves bend and flatten; at exactly 1 the growth is a straight line (each cycle
#   adds the seed cohort again); above 1 it curves upwards — the snowball.
# * K = 0.9 and K = 1.1 look alike for a few cycles and then part ways for good. Small changes in
#   invite conversion matter most near K = 1.
# * Even K < 1 is worth having: with K = 0.5 every ad-acquired customer comes with a free extra
#   customer in the long run ($1/(1-K) = 2$).

# %% [markdown]
# ## 3. Closed form and simulation
#
# The formula is an average. Real referral loops are lumpy: one user invites five friends, another
# none. The simulation draws each user's invitations at random (Poisson, mean `invites_per_user`)
# and each acceptance (a coin with probability `invite_conversion`), 200 times with a fixed seed.

# %%
sim = rf.simulate_growth(
    n0=100,
    invites_per_user=invites_per_user,
    invite_conversion=invite_conversion,
    cycles=cycles,
    churn=churn,
    runs=200,
    seed=seed,
)
summary = rf.simulation_summary(sim)
steady = rf.steady_state(n0=100, k=k) if k < 1 else None
plots.plot_growth(closed, summary, steady_state=steady, lang=lang);

# %% tags=["nbval-check-output"]
last = summary.iloc[-1]
print(
    f"after {cycles} cycles: closed form {closed['total_users'].iloc[-1]:.1f}, "
    f"simulation mean {last['mean']:.1f} (5-95 %: {last['p05']:.0f} to {last['p95']:.0f})"
)
# -- expected output --
# after 10 cycles: closed form 199.9, simulation mean 200.3 (5-95 %: 170 to 236)

# %% [markdown]
# ### What to notice
#
# * The simulation's mean sits on the closed form: the formula is the expectation of the random
#   process (a test in `tests/test_referrals.py` checks this within sampling error).
# * The band is wide. Two businesses with the same K can end up far apart by luck alone — and
#   with K a little above 1, some loops still die out early when the first few users invite nobody.

# %% [markdown]
# ### Move the sliders
#
# The simulator below calls the same two functions — `growth_table` and `simulate_growth` — each
# time a slider moves. Find the invite conversion at which the curve stops levelling off, and watch
# how the band of simulated runs widens as K approaches 1.

# %%
ReferralSimulator(
    n0=100,
    invites_per_user=invites_per_user,
    invite_conversion=invite_conversion,
    churn=churn,
    cycles=min(cycles, 52),
    lang=lang,
)

# %% [markdown]
# ## 4. Churn and calendar time
#
# Two refinements. **Churn**: at the end of every cycle, a share of the active users leaves
# (after sending their invitations). **Cycle time**: how long one turn of the loop takes. A loop
# with a 7-day cycle grows twice as fast in calendar time as the same K with a 14-day cycle.
# The picture uses the `churn` parameter, or 20 % per cycle when it is 0, and a 7-day cycle.

# %%
with_churn = rf.growth_table(
    n0=100,
    invites_per_user=invites_per_user,
    invite_conversion=invite_conversion,
    cycles=cycles,
    churn=max(churn, 0.2),
    cycle_time_days=7,
)
plots.plot_growth(with_churn, column="active_users", x="day", lang=lang);

# %% tags=["nbval-check-output"]
for days_per_cycle in (7, 14):
    print(
        f"{days_per_cycle:>2} days per cycle: {rf.users_after_days(30, n0=100, k=k, cycle_time_days=days_per_cycle):.1f} users after 30 days"
    )
# -- expected output --
#  7 days per cycle: 193.8 users after 30 days
# 14 days per cycle: 175.0 users after 30 days

# %% [markdown]
# ## 5. K measured on the coffee data
#
# The generator's referral program works like this: a customer who reaches *promote* sends on
# average `invites_per_promoter` invitations, each accepted with probability `invite_conversion`.
# So the configured K is **per promoter**. Measured on the data, K depends on who you divide by.
# The course's K is **per customer** — `observed_k`'s default, `metric_table`'s
# `viral_coefficient` and the ground truth in `datasets/README.md`; the other denominators are
# named options (`base=`), each labelled in the table:

# %% tags=["nbval-check-output"]
cfg = synth.config("coffee", n_users=n_users, seed=seed)
measured = pd.concat(
    [rf.observed_k(tables, base=b, follow_up_days=60).to_frame(lang) for b in rf.BASES]
)
print(measured.round(3).to_string(index=False))
print(
    f"configured: per promoter {cfg.invites_per_promoter * cfg.invite_conversion:.3f}, "
    f"per customer {synth.expected_k(cfg):.3f}"
)
# -- expected output --
#      base                           label  n_base  invites  joined  invites_per_user  invite_conversion     k
# customers K per customer (the course's K)    1066      457     134             0.429              0.293 0.126
# advocates                  K per advocate     204      427     122             2.093              0.286 0.598
#  inviters        K per inviter (promoter)     129      420     120             3.256              0.286 0.930
#     users                      K per user   41981      457     134             0.011              0.293 0.003
# configured: per promoter 0.900, per customer 0.112

# %% [markdown]
# `follow_up_days=60` leaves out people who entered the group in the last 60 days of the data:
# they have not sent all their invitations yet, and their friends have not signed up yet (the data
# was "pulled" on a date — right censoring).
#
# The invitations form a tree: who invited whom. Generation 0 came through ads, search and the
# shop; generation 1 was invited by generation 0, and so on. The **cycle time** has two clocks: from
# invitation to sign-up (how long friends hesitate), and from the inviter's own first visit to the
# invitee's sign-up (one full turn of the loop — what the model's cycle time means).

# %% tags=["nbval-check-output"]
tree = rf.referral_tree(tables.referrals, tables.users)
generations = rf.generation_counts(tree)
times = rf.cycle_times(tables.referrals, tables.users)
print(generations.round(4).to_string(index=False))
print(
    f"median days: invite -> sign-up {times['invite_to_signup_days'].median():.1f}, "
    f"inviter joined -> invitee joined {times['cycle_days'].median():.1f}"
)
# -- expected output --
#  generation  users  share  ratio_to_previous
#           0  50000 0.9973                NaN
#           1    134 0.0027             0.0027
#           2      2 0.0000             0.0149
# median days: invite -> sign-up 2.0, inviter joined -> invitee joined 59.1

# %%
plots.plot_cycle_times(times, lang=lang);

# %% [markdown]
# ### What to notice
#
# * **Per promoter**, K lands near the configured 3 × 0.3 = 0.9: a promoter roughly replaces
#   themself. The estimate rests on the promoters alone (`n_base` of the `inviters` row: about a
#   hundred here), so it is noisy; raise `n_users` and watch it settle.
# * **Per customer** K — the course's K — is several times smaller, and per user smaller still: only a few
#   customers ever become promoters. The loop is only as strong as the journey that makes
#   promoters. That is why campaigns aimed at the later steps (lesson 11) matter for growth.
# * A friend accepts within days, but one full turn of the loop takes about two months: the
#   invitee must first travel the whole journey before they invite in turn. Cycle time, not just
#   K, sets the pace.
# * The generation ratio (users in generation 1 / generation 0) is the K per *user* — small here,
#   so the referral tree is shallow.

# %% [markdown]
# ## 6. What does a referral cost?
#
# **Dropbox** (article 004) paid in storage: invite friends and your free space grows from 2 GB up
# to 16 GB. Suppose each friend who joins earns 0.5 GB for both sides (an assumption for the
# example), and a GB costs the company `cost_per_gb` dollars over the reward's life. A fishing
# podcast's **affiliate** link earns 20 % of each order. Against those, a paid ad that costs, say,
# $30 per customer won:

# %% tags=["nbval-check-output"]
storage = rf.StorageReward(gb_per_referral=0.5, cost_per_gb=cost_per_gb, base_gb=2, max_gb=16)
affiliate = rf.AffiliateCommission(rate=0.20, order_value=60.0)
dollars = rf.acquisition_cost_comparison(paid_cac=30.0, storage=storage, affiliate=affiliate)
print(f"a storage reward stops after {storage.max_rewarded_referrals} friends per inviter")
print(dollars.round(2).to_string())
# -- expected output --
# a storage reward stops after 28 friends per inviter
#                 cost_per_customer  saving_vs_paid  share_of_paid
# route                                                           
# paid                         30.0             0.0           1.00
# storage_reward                0.5            29.5           0.02
# affiliate                    12.0            18.0           0.40

# %%
plots.plot_acquisition_costs(dollars, lang=lang);

# %% [markdown]
# The coffee roaster pays a Rp25,000 voucher per friend who signs up. Not every sign-up buys, so
# the cost per referred **customer** is higher than the voucher. Compare it with what the
# roaster spends on marketing per customer (`cost_per_conversion`, lesson 05):

# %% tags=["nbval-check-output"]
voucher = rf.reward_cost_from_data(tables)
paid = metrics.metric_table(tables, metrics=["cost_per_conversion"]).iloc[0, 0]
print(voucher.round(0).to_string(index=False))
print(
    rf.acquisition_cost_comparison(
        paid_cac=paid, fixed_reward=voucher["cost_per_referred_customer"].iloc[0]
    )
    .round(2)
    .to_string()
)
# -- expected output --
#  rewards_paid  referred_users  referred_customers  cost_per_referred_user  cost_per_referred_customer
#     3400000.0           136.0                 6.0                 25000.0                    566667.0
#               cost_per_customer  saving_vs_paid  share_of_paid
# route                                                         
# paid                    1842.21            0.00            1.0
# fixed_reward          566666.67      -564824.46          307.6

# %% [markdown]
# ### What to notice
#
# * Storage is cheap to give and valuable to receive: that is why the Dropbox program worked.
#   The 16 GB ceiling also caps what one enthusiastic inviter can cost.
# * A commission is paid only when a sale happens, so it can never cost more than 20 % of revenue.
# * The coffee voucher is paid per **sign-up**, and a referred friend still has to travel the
#   whole journey before buying: only a few do within the year. Divided by the sign-ups who
#   actually buy, the voucher costs far more per customer than the marketing average (few
#   referred customers, so a noisy number — but the direction is clear). A referral reward is
#   not automatically cheaper: pay it on the first order, like an affiliate commission.

# %% [markdown]
# ## Try it yourself
#
# 1. Set `invite_conversion = 0.5` (K = 1). Before running: what shape will the growth curve have,
#    and how many users after 10 cycles? (A straight line: 100 × 11 = 1,100.)
# 2. Set `churn = 0.3`. The total who ever joined does not change — why? What happens to the
#    active users?
# 3. Raise `n_users` to 200000: does the measured K per promoter get closer to 0.9?
# 4. In section 6, at what `cost_per_gb` would the storage reward cost as much as the $30 ad?

# %% [markdown]
# ## Summary
#
# * **Advocates** are positive when asked (reviews, NPS 9–10); **promoters** invite unasked. Most
#   advocates never promote — a ready audience for a referral campaign.
# * **K = invites per user × invite conversion.** After $n$ cycles a seed of $n_0$ has grown to
#   $n_0 (1 - K^{n+1}) / (1 - K)$ (linear, $n_0(n+1)$, at K = 1); below 1 it levels off at
#   $n_0 / (1 - K)$.
# * The **cycle time** sets the pace in calendar time; **churn** thins the active users.
# * Measured K depends on the **denominator**: per promoter, per customer, per user. Say which;
#   the course's K (journeykit's default) is per customer.
# * A referral reward (storage, commission, voucher) is worth comparing with the **paid cost per
#   customer** — per customer who buys, not per sign-up.
#
# **Exercise:** `exercises/10_referrals.ipynb`.
