"""Referral loops: the viral coefficient K, growth over referral cycles, reward costs, and the same
quantities measured on data (article 004: advocates, promoters, Dropbox, affiliate commission).

**The model** (one rule, used by the closed form and by the simulation alike):

* A seed cohort of ``n0`` users joins at cycle 0 (generation 0).
* During its first cycle every new user sends on average ``invites_per_user`` invitations
  (the "invite your friends" moment right after joining); each invitation turns into a new user
  with probability ``invite_conversion``. Those invitees join at the start of the next cycle,
  one ``cycle_time_days`` later, and they in turn invite during *their* first cycle. Users invite
  only once, so the viral coefficient ``K = invites_per_user * invite_conversion`` is the number of
  new users each new user brings.
* Generation ``g`` therefore has ``n0 * K**g`` users in expectation, and the users who ever joined
  after ``n`` cycles (generations ``0..n``) number

  ``total(n) = n0 * (1 - K**(n + 1)) / (1 - K)`` for ``K != 1`` (geometric) and
  ``total(n) = n0 * (n + 1)`` for ``K == 1`` (linear).

  For ``K < 1`` the total levels off at the **steady state** ``n0 / (1 - K)``; for ``K > 1`` it
  grows without bound.
* **Churn**: at the end of every cycle each active user leaves with probability ``churn``
  (after sending their invitations, so churn does not change K). With ``r = 1 - churn`` the
  active users at cycle ``n`` are ``sum_g n0 K**g r**(n - g)``, which is
  ``n0 * (K**(n + 1) - r**(n + 1)) / (K - r)`` for ``K != r`` and ``n0 * (n + 1) * r**n`` for
  ``K == r``.

>>> round(viral_coefficient(4, 0.25), 6)
1.0
>>> growth_table(n0=100, invites_per_user=2, invite_conversion=0.25, cycles=3)[
...     ["cycle", "new_users", "total_users"]].to_string(index=False)
' cycle  new_users  total_users\\n     0      100.0        100.0\\n     1       50.0        150.0\\n     2       25.0        175.0\\n     3       12.5        187.5'
>>> steady_state(n0=100, k=0.5)
200.0

**Measured on data** (the ``referrals``, ``users``, ``events`` and ``survey`` tables of
:mod:`journeykit.schema`): :func:`observed_k`, :func:`cycle_times`, :func:`referral_tree`,
:func:`advocates_and_promoters` and :func:`advocate_promoter_crosstab`.

**The course's K** measured on data is **per customer** (:data:`K_BASE`): friends of customers
who joined / customers, as lesson 10 and ``datasets/README.md`` teach and as
:func:`journeykit.metrics.metric_table`'s ``viral_coefficient`` computes. Dividing by advocates,
by inviters (promoters) or by all users gives other numbers; they are named options
(``base=``), labelled in every table (:meth:`ReferralRates.label`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final, Literal

import numpy as np
import pandas as pd

from journeykit.errors import ParameterError, SchemaError
from journeykit.schema import require_columns

__all__ = [
    "viral_coefficient",
    "total_users",
    "active_users",
    "steady_state",
    "growth_table",
    "users_after_days",
    "growth_by_k",
    "simulate_growth",
    "simulation_summary",
    "StorageReward",
    "AffiliateCommission",
    "acquisition_cost_comparison",
    "storage_reward_cost_from_data",
    "reward_cost_from_data",
    "BASES",
    "K_BASE",
    "ReferralRates",
    "observed_k",
    "base_entry",
    "cycle_times",
    "referral_tree",
    "generation_counts",
    "advocates_and_promoters",
    "advocate_promoter_crosstab",
]

# --------------------------------------------------------------------------------------------
# parameter checks
# --------------------------------------------------------------------------------------------


def _number(name: str, value: object, *, lo: float | None = None, hi: float | None = None) -> float:
    """Return ``value`` as a float or raise :class:`ParameterError` naming ``name``."""
    bounds = []
    if lo is not None:
        bounds.append(f">= {lo:g}")
    if hi is not None:
        bounds.append(f"<= {hi:g}")
    expected = "a number" + (" " + " and ".join(bounds) if bounds else "")
    if isinstance(value, bool) or not isinstance(value, int | float | np.integer | np.floating):
        raise ParameterError(f"{name}: expected {expected}, got {value!r}")
    v = float(value)
    if not math.isfinite(v) or (lo is not None and v < lo) or (hi is not None and v > hi):
        raise ParameterError(f"{name}: expected {expected}, got {value!r}")
    return v


def _count(name: str, value: object, *, lo: int = 0, hi: int | None = None) -> int:
    """Return ``value`` as an int or raise :class:`ParameterError` naming ``name``."""
    expected = f"a whole number >= {lo}" + (f" and <= {hi}" if hi is not None else "")
    if isinstance(value, bool) or not isinstance(value, int | np.integer):
        raise ParameterError(f"{name}: expected {expected}, got {value!r}")
    if value < lo or (hi is not None and value > hi):
        raise ParameterError(f"{name}: expected {expected}, got {value!r}")
    return int(value)


def _share(name: str, value: object) -> float:
    return _number(name, value, lo=0.0, hi=1.0)


# --------------------------------------------------------------------------------------------
# closed form
# --------------------------------------------------------------------------------------------


def viral_coefficient(invites_per_user: float, invite_conversion: float) -> float:
    """K = invites per user x invite conversion: new users each new user brings (users per user).

    >>> viral_coefficient(5, 0.1)
    0.5
    """
    i = _number("invites_per_user", invites_per_user, lo=0)
    c = _share("invite_conversion", invite_conversion)
    return i * c


def _cycles_array(cycles: int | Iterable[int]) -> np.ndarray:
    if isinstance(cycles, int | np.integer) and not isinstance(cycles, bool):
        return np.array([_count("cycles", cycles)], dtype=float)
    arr = np.asarray(list(cycles))  # type: ignore[arg-type]
    if arr.size == 0 or arr.dtype.kind not in "iu" or (arr < 0).any():
        raise ParameterError(f"cycles: expected whole numbers >= 0, got {arr.tolist()!r}")
    return arr.astype(float)


def total_users(
    *, n0: float = 100, k: float = 0.5, cycles: int | Iterable[int] = 10
) -> float | np.ndarray:
    """Users who ever joined after ``cycles`` referral cycles (seed cohort included), expected.

    ``n0 * (1 - k**(n + 1)) / (1 - k)`` for ``k != 1``, ``n0 * (n + 1)`` for ``k == 1``.
    A single ``cycles`` gives a float, a sequence gives an array.

    >>> total_users(n0=10, k=2, cycles=3)      # 10 + 20 + 40 + 80
    150.0
    >>> total_users(n0=10, k=1, cycles=[0, 4]).tolist()
    [10.0, 50.0]
    """
    n0 = _number("n0", n0, lo=0)
    k = _number("k", k, lo=0)
    n = _cycles_array(cycles)
    if math.isclose(k, 1.0, rel_tol=0, abs_tol=1e-12):
        out = n0 * (n + 1)
    else:
        with np.errstate(over="ignore"):
            out = n0 * (1 - k ** (n + 1)) / (1 - k)
    return float(out[0]) if np.ndim(cycles) == 0 else out


def active_users(
    *, n0: float = 100, k: float = 0.5, churn: float = 0.0, cycles: int | Iterable[int] = 10
) -> float | np.ndarray:
    """Users still active at cycle ``n``, expected: ``sum_g n0 k**g (1 - churn)**(n - g)``.

    Closed form with ``r = 1 - churn``: ``n0 (k**(n+1) - r**(n+1)) / (k - r)`` for ``k != r`` and
    ``n0 (n + 1) r**n`` for ``k == r``. With ``churn = 0`` this equals :func:`total_users`.

    >>> active_users(n0=100, k=0.5, churn=0.5, cycles=2)   # 100*0.25 + 50*0.5 + 25
    75.0
    """
    n0 = _number("n0", n0, lo=0)
    k = _number("k", k, lo=0)
    r = 1.0 - _share("churn", churn)
    n = _cycles_array(cycles)
    if math.isclose(k, r, rel_tol=0, abs_tol=1e-12):
        out = n0 * (n + 1) * r**n
    else:
        with np.errstate(over="ignore"):
            out = n0 * (k ** (n + 1) - r ** (n + 1)) / (k - r)
    return float(out[0]) if np.ndim(cycles) == 0 else out


def steady_state(*, n0: float = 100, k: float = 0.5) -> float:
    """The total users a loop with ``k < 1`` levels off at: ``n0 / (1 - k)``.

    For ``k >= 1`` there is no steady state (the total grows without bound): ParameterError.

    >>> steady_state(n0=1000, k=0.2)
    1250.0
    """
    n0 = _number("n0", n0, lo=0)
    k = _number("k", k, lo=0)
    if k >= 1:
        raise ParameterError(
            f"k: expected a number below 1 for a steady state, got {k:g} "
            "(with k >= 1 the total grows without bound)"
        )
    return n0 / (1 - k)


def growth_table(
    *,
    n0: float = 100,
    invites_per_user: float = 2.0,
    invite_conversion: float = 0.25,
    cycles: int = 10,
    churn: float = 0.0,
    cycle_time_days: float = 7.0,
) -> pd.DataFrame:
    """Expected growth per cycle from the closed form (see the module docstring for the model).

    Columns: ``cycle`` (0 = the seed cohort), ``day`` (days since the seed cohort joined,
    ``cycle * cycle_time_days``), ``new_users`` (generation size, users), ``total_users`` (users
    who ever joined, users), ``active_users`` (joined and not churned, users).

    >>> g = growth_table(n0=100, invites_per_user=3, invite_conversion=0.5, cycles=2, cycle_time_days=10)
    >>> g[["day", "new_users", "total_users"]].values.tolist()
    [[0.0, 100.0, 100.0], [10.0, 150.0, 250.0], [20.0, 225.0, 475.0]]
    """
    k = viral_coefficient(invites_per_user, invite_conversion)
    n = _count("cycles", cycles, lo=0, hi=10_000)
    ct = _number("cycle_time_days", cycle_time_days, lo=0)
    if ct == 0:
        raise ParameterError(f"cycle_time_days: expected a number > 0, got {cycle_time_days!r}")
    steps = np.arange(n + 1)
    n0f = _number("n0", n0, lo=0)
    with np.errstate(over="ignore"):
        new = n0f * k ** steps.astype(float)
    return pd.DataFrame(
        {
            "cycle": steps,
            "day": steps * ct,
            "new_users": new,
            "total_users": total_users(n0=n0f, k=k, cycles=steps),
            "active_users": active_users(n0=n0f, k=k, churn=churn, cycles=steps),
        }
    )


def users_after_days(
    days: float,
    *,
    n0: float = 100,
    k: float = 0.5,
    cycle_time_days: float = 7.0,
) -> float:
    """Users who ever joined ``days`` after the seed cohort, in calendar time.

    Only whole cycles have finished: ``total_users(cycles=floor(days / cycle_time_days))``.
    A shorter cycle time makes the same K grow faster in calendar time.

    >>> users_after_days(30, n0=100, k=1.0, cycle_time_days=7)   # 4 whole cycles
    500.0
    >>> users_after_days(30, n0=100, k=1.0, cycle_time_days=3)   # 10 whole cycles
    1100.0
    """
    d = _number("days", days, lo=0)
    ct = _number("cycle_time_days", cycle_time_days, lo=0)
    if ct == 0:
        raise ParameterError(f"cycle_time_days: expected a number > 0, got {cycle_time_days!r}")
    return float(total_users(n0=n0, k=k, cycles=int(math.floor(d / ct + 1e-9))))


def growth_by_k(
    ks: Iterable[float], *, n0: float = 100, cycles: int = 10, cycle_time_days: float = 7.0
) -> pd.DataFrame:
    """:func:`growth_table` for several viral coefficients, stacked (one block per K).

    Columns: ``k`` then those of :func:`growth_table` (without churn).

    >>> g = growth_by_k([0.5, 1.0, 1.5], n0=10, cycles=2)
    >>> g.pivot(index="cycle", columns="k", values="total_users").iloc[-1].tolist()
    [17.5, 30.0, 47.5]
    """
    ks = list(ks)
    if not ks:
        raise ParameterError("ks: expected at least one viral coefficient")
    frames = [
        growth_table(
            n0=n0,
            invites_per_user=_number("ks", k, lo=0),
            invite_conversion=1.0,
            cycles=cycles,
            cycle_time_days=cycle_time_days,
        ).assign(k=float(k))
        for k in ks
    ]
    out = pd.concat(frames, ignore_index=True)
    return out[["k", *[c for c in out.columns if c != "k"]]]


# --------------------------------------------------------------------------------------------
# stochastic simulation
# --------------------------------------------------------------------------------------------


def simulate_growth(
    *,
    n0: int = 100,
    invites_per_user: float = 2.0,
    invite_conversion: float = 0.25,
    cycles: int = 10,
    churn: float = 0.0,
    cycle_time_days: float = 7.0,
    runs: int = 200,
    invites: Literal["poisson", "fixed"] = "poisson",
    seed: int = 42,
) -> pd.DataFrame:
    """Simulate the referral loop of the module docstring ``runs`` times, user counts drawn at random.

    Each cycle, the generation that just joined sends invitations: ``invites="poisson"`` draws
    each user's count from a Poisson distribution with mean ``invites_per_user``; ``"fixed"``
    gives every user exactly ``invites_per_user`` (a whole number). Each invitation converts
    with probability ``invite_conversion`` (binomial draw), and each active user churns with
    probability ``churn`` at the end of each cycle (binomial draw). Runs are independent and
    vectorised; the mean over runs approaches :func:`growth_table`.

    Columns: ``run``, ``cycle``, ``day``, ``invites`` (invitations sent by that cycle's new users),
    ``new_users``, ``total_users``, ``active_users`` (all counts of users, whole numbers).

    >>> sim = simulate_growth(n0=50, cycles=2, runs=3, seed=1)
    >>> sim.shape, sorted(sim.columns)
    ((9, 7), ['active_users', 'cycle', 'day', 'invites', 'new_users', 'run', 'total_users'])
    >>> bool((sim[sim.cycle == 0].new_users == 50).all())
    True
    """
    n0i = _count("n0", n0, lo=0)
    k = viral_coefficient(invites_per_user, invite_conversion)
    n = _count("cycles", cycles, lo=0, hi=10_000)
    r = 1.0 - _share("churn", churn)
    ct = _number("cycle_time_days", cycle_time_days, lo=0)
    if ct == 0:
        raise ParameterError(f"cycle_time_days: expected a number > 0, got {cycle_time_days!r}")
    n_runs = _count("runs", runs, lo=1, hi=1_000_000)
    seed = _count("seed", seed, lo=0)
    if invites not in ("poisson", "fixed"):
        raise ParameterError(f"invites: expected 'poisson' or 'fixed', got {invites!r}")
    per_user = float(invites_per_user)
    if invites == "fixed" and per_user != int(per_user):
        raise ParameterError(
            f"invites_per_user: expected a whole number with invites='fixed', got {invites_per_user!r}"
        )
    expected_last = n0i * k**n if k > 0 else 0.0
    if expected_last * max(per_user, 1) > 1e12:
        raise ParameterError(
            f"cycles: expected fewer cycles: {n} cycles with K = {k:g} would need about "
            f"{expected_last:.3g} users in the last generation"
        )
    rng = np.random.default_rng(seed)
    new = np.full(n_runs, n0i, dtype=np.int64)
    total = new.copy()
    active = new.copy()
    rows_inv, rows_new, rows_tot, rows_act = [], [], [], []
    for _ in range(n + 1):
        sent = rng.poisson(per_user * new) if invites == "poisson" else new * int(per_user)
        rows_inv.append(sent)
        rows_new.append(new)
        rows_tot.append(total)
        rows_act.append(active)
        joined = rng.binomial(sent, invite_conversion)
        active = rng.binomial(active, r) + joined
        total = total + joined
        new = joined
    cyc = np.repeat(np.arange(n + 1), n_runs)
    out = pd.DataFrame(
        {
            "run": np.tile(np.arange(n_runs), n + 1),
            "cycle": cyc,
            "day": cyc * ct,
            "invites": np.concatenate(rows_inv),
            "new_users": np.concatenate(rows_new),
            "total_users": np.concatenate(rows_tot),
            "active_users": np.concatenate(rows_act),
        }
    )
    return out.sort_values(["run", "cycle"], kind="stable").reset_index(drop=True)


def simulation_summary(sim: pd.DataFrame, *, column: str = "total_users") -> pd.DataFrame:
    """Mean and 5th/95th percentiles of ``column`` over runs, per cycle.

    Columns: ``cycle``, ``day``, ``mean``, ``p05``, ``p95`` (users), ``runs``.

    >>> s = simulation_summary(simulate_growth(n0=10, cycles=1, runs=4, seed=0))
    >>> s.columns.tolist()
    ['cycle', 'day', 'mean', 'p05', 'p95', 'runs']
    """
    need = {"run", "cycle", "day", column}
    if not isinstance(sim, pd.DataFrame) or not need <= set(sim.columns):
        have = list(sim.columns) if isinstance(sim, pd.DataFrame) else type(sim).__name__
        raise SchemaError(
            "simulation",
            None,
            f"expected the output of simulate_growth with columns {sorted(need)}; has {have}",
        )
    g = sim.groupby("cycle", sort=True)[column]
    out = pd.DataFrame(
        {
            "day": sim.groupby("cycle", sort=True)["day"].first(),
            "mean": g.mean(),
            "p05": g.quantile(0.05),
            "p95": g.quantile(0.95),
            "runs": g.size(),
        }
    )
    return out.reset_index()


# --------------------------------------------------------------------------------------------
# reward cost vs paid acquisition
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class StorageReward:
    """A Dropbox-style reward: extra storage for each friend who joins.

    Article 004: inviting friends grew a Dropbox account from 2 GB up to 16 GB. ``gb_per_referral``
    is the storage given per friend who joins (to the inviter, and to the friend too when
    ``both_sides``), ``cost_per_gb`` what one GB costs the company over the reward's life
    (currency units per GB — an assumption you choose), ``base_gb`` and ``max_gb`` the free
    allowance and the ceiling: an inviter is rewarded for at most
    ``(max_gb - base_gb) / gb_per_referral`` friends.

    >>> reward = StorageReward(gb_per_referral=0.5, cost_per_gb=0.6)
    >>> reward.max_rewarded_referrals, reward.cost_per_referred_customer()
    (28, 0.6)
    """

    gb_per_referral: float = 0.5
    cost_per_gb: float = 0.5
    base_gb: float = 2.0
    max_gb: float = 16.0
    both_sides: bool = True

    def __post_init__(self) -> None:
        gb = _number("gb_per_referral", self.gb_per_referral, lo=0)
        if gb == 0:
            raise ParameterError(f"gb_per_referral: expected a number > 0, got {gb!r}")
        _number("cost_per_gb", self.cost_per_gb, lo=0)
        base = _number("base_gb", self.base_gb, lo=0)
        top = _number("max_gb", self.max_gb, lo=0)
        if top < base:
            raise ParameterError(f"max_gb: expected a number >= base_gb ({base:g}), got {top:g}")

    @property
    def max_rewarded_referrals(self) -> int:
        """Friends an inviter can be rewarded for before reaching ``max_gb``."""
        return int(math.floor((self.max_gb - self.base_gb) / self.gb_per_referral + 1e-9))

    def cost_per_referred_customer(self) -> float:
        """Reward cost of one friend who joins (currency units), while the inviter is below the cap."""
        sides = 2 if self.both_sides else 1
        return self.gb_per_referral * self.cost_per_gb * sides


@dataclass(frozen=True)
class AffiliateCommission:
    """A commission on each order a promoter brings (article 004: 20 % to a fishing podcaster).

    ``rate`` is the share of the order value paid (0.20 = 20 %), ``order_value`` the referred
    customer's order value (currency units), ``orders_per_customer`` how many of their orders
    earn a commission (1 = first order only).

    >>> AffiliateCommission(rate=0.2, order_value=150_000).cost_per_referred_customer()
    30000.0
    """

    rate: float = 0.20
    order_value: float = 100.0
    orders_per_customer: float = 1.0

    def __post_init__(self) -> None:
        _share("rate", self.rate)
        _number("order_value", self.order_value, lo=0)
        _number("orders_per_customer", self.orders_per_customer, lo=0)

    def cost_per_referred_customer(self) -> float:
        """Commission paid per referred customer (currency units)."""
        return self.rate * self.order_value * self.orders_per_customer


def acquisition_cost_comparison(
    *,
    paid_cac: float,
    storage: StorageReward | None = None,
    affiliate: AffiliateCommission | None = None,
    fixed_reward: float | None = None,
) -> pd.DataFrame:
    """Cost of one new customer through paid ads vs through a referral reward.

    ``paid_cac`` is the paid acquisition cost per customer (ad spend / customers won, currency
    units); ``fixed_reward`` a fixed reward per referred customer (a voucher, currency units).
    One row per route (``paid``, ``storage_reward``, ``affiliate``, ``fixed_reward``; routes not
    given are left out). Columns: ``cost_per_customer`` (currency units), ``saving_vs_paid`` (paid minus
    this route, currency units per customer), ``share_of_paid`` (this route / paid; below 1 is
    cheaper).

    >>> acquisition_cost_comparison(paid_cac=40, affiliate=AffiliateCommission(0.2, 50))
                    cost_per_customer  saving_vs_paid  share_of_paid
    route
    paid                         40.0             0.0           1.00
    affiliate                    10.0            30.0           0.25
    """
    paid = _number("paid_cac", paid_cac, lo=0)
    if paid == 0:
        raise ParameterError(f"paid_cac: expected a number > 0, got {paid_cac!r}")
    costs = {"paid": paid}
    if storage is not None:
        costs["storage_reward"] = storage.cost_per_referred_customer()
    if affiliate is not None:
        costs["affiliate"] = affiliate.cost_per_referred_customer()
    if fixed_reward is not None:
        costs["fixed_reward"] = _number("fixed_reward", fixed_reward, lo=0)
    s = pd.Series(costs, name="cost_per_customer", dtype=float)
    out = pd.DataFrame(
        {"cost_per_customer": s, "saving_vs_paid": paid - s, "share_of_paid": s / paid}
    )
    out.index.name = "route"
    return out


def storage_reward_cost_from_data(referrals: pd.DataFrame, reward: StorageReward) -> pd.DataFrame:
    """What a storage reward would have cost on the observed referrals, with its per-inviter cap.

    Each inviter is rewarded for at most ``reward.max_rewarded_referrals`` friends who joined.
    Returns one row with ``referred_customers``, ``rewarded_referrals``, ``total_cost`` (currency
    units) and ``cost_per_referred_customer`` (currency units; below the uncapped cost when some
    inviters passed the cap).

    >>> refs = pd.DataFrame({"inviter_id": [1, 1, 1, 2], "invitee_id": [5, 6, None, 7]})
    >>> r = storage_reward_cost_from_data(refs, StorageReward(gb_per_referral=7, cost_per_gb=1,
    ...     both_sides=False))   # cap: (16 - 2) / 7 = 2 friends per inviter
    >>> r.iloc[0].tolist()
    [3.0, 3.0, 21.0, 7.0]
    """
    refs = require_columns(referrals, "referrals", ("inviter_id", "invitee_id"))
    joined = refs[refs["invitee_id"].notna()]
    per_inviter = joined.groupby("inviter_id").size()
    rewarded = np.minimum(per_inviter.to_numpy(), reward.max_rewarded_referrals).sum()
    referred = float(len(joined))
    sides = 2 if reward.both_sides else 1
    rewarded_cost = rewarded * reward.gb_per_referral * reward.cost_per_gb
    # the friend's own bonus (both_sides) is paid for every friend who joins, capped or not
    friend_cost = referred * reward.gb_per_referral * reward.cost_per_gb * (sides - 1)
    total = float(rewarded_cost + friend_cost)
    return pd.DataFrame(
        {
            "referred_customers": [referred],
            "rewarded_referrals": [float(rewarded)],
            "total_cost": [total],
            "cost_per_referred_customer": [total / referred if referred else float("nan")],
        }
    )


def reward_cost_from_data(tables: object) -> pd.DataFrame:
    """What the referral rewards in the data cost per referred user and per referred customer.

    ``referrals.reward`` is paid per invitee who signed up; not every sign-up buys. Returns one
    row: ``rewards_paid`` (sum, currency units), ``referred_users`` (invitees who signed up),
    ``referred_customers`` (of those, users with at least one order), ``cost_per_referred_user``
    and ``cost_per_referred_customer`` (currency units; compare the second with a paid cost per
    customer).

    >>> from types import SimpleNamespace
    >>> t = SimpleNamespace(referrals=pd.DataFrame({"invitee_id": [5, 6, None],
    ...     "reward": [10.0, 10.0, 0.0]}), orders=pd.DataFrame({"user_id": [5, 1]}))
    >>> reward_cost_from_data(t).iloc[0].tolist()
    [20.0, 2.0, 1.0, 10.0, 20.0]
    """
    refs = _tables_part(tables, "referrals", ("invitee_id", "reward"))
    orders = _tables_part(tables, "orders", ("user_id",))
    joined = refs["invitee_id"].dropna()
    paid = float(pd.to_numeric(refs["reward"]).sum())
    n_users = int(joined.nunique())
    n_customers = int(joined[joined.isin(orders["user_id"])].nunique())
    return pd.DataFrame(
        {
            "rewards_paid": [paid],
            "referred_users": [float(n_users)],
            "referred_customers": [float(n_customers)],
            "cost_per_referred_user": [paid / n_users if n_users else float("nan")],
            "cost_per_referred_customer": [paid / n_customers if n_customers else float("nan")],
        }
    )


# --------------------------------------------------------------------------------------------
# measured on data
# --------------------------------------------------------------------------------------------


def _tables_part(tables: object, name: str, columns: Iterable[str]) -> pd.DataFrame:
    df = getattr(tables, name, None)
    if df is None:
        raise SchemaError(
            name,
            None,
            f"expected a journeykit.schema.Tables with a {name} table, got {type(tables).__name__}",
        )
    return require_columns(df, name, columns)


BASES: tuple[str, ...] = ("customers", "advocates", "inviters", "users")
"""Who counts in the denominator of an observed K (see :func:`base_entry`); the first,
``"customers"``, is the course's K (:data:`K_BASE`)."""

K_BASE: Final = "customers"
"""The denominator of the course's viral coefficient: K per customer."""

Base = Literal["customers", "advocates", "inviters", "users"]


def base_entry(tables: object, base: Base = K_BASE) -> pd.Series:
    """The users a measured K is averaged over, with the time each entered that group.

    * ``"customers"`` (the default, the course's K): users with at least one order; entered at
      their first order;
    * ``"advocates"``: users whose events reached the Customer Value Journey step *advocate* or
      later (``events.stage`` is ``advocate`` or ``promote``); entered at their first such event;
    * ``"users"``: everyone in ``users``; entered at ``first_seen``;
    * ``"inviters"``: users who sent at least one invitation (the promoters themselves);
      entered at their first invitation.

    Returns a Series ``user_id -> entry time`` (sorted by user id).

    >>> from types import SimpleNamespace
    >>> ev = pd.DataFrame({"user_id": [1, 1, 2], "stage": ["promote", "advocate", "aware"],
    ...     "timestamp": pd.to_datetime(["2024-01-05", "2024-01-03", "2024-01-01"])})
    >>> base_entry(SimpleNamespace(events=ev), "advocates").to_dict()
    {1: Timestamp('2024-01-03 00:00:00')}
    """
    if base == "advocates":
        ev = _tables_part(tables, "events", ("user_id", "stage", "timestamp"))
        ev = ev[ev["stage"].isin(("advocate", "promote"))]
        ids, times = ev["user_id"], ev["timestamp"]
    elif base == "customers":
        orders = _tables_part(tables, "orders", ("user_id", "timestamp"))
        ids, times = orders["user_id"], orders["timestamp"]
    elif base == "users":
        users = _tables_part(tables, "users", ("user_id", "first_seen"))
        ids, times = users["user_id"], users["first_seen"]
    elif base == "inviters":
        refs = _tables_part(tables, "referrals", ("inviter_id", "invite_time"))
        ids, times = refs["inviter_id"], refs["invite_time"]
    else:
        raise ParameterError(f"base: expected one of {', '.join(map(repr, BASES))}, got {base!r}")
    out = pd.Series(times.to_numpy(), index=ids.to_numpy()).groupby(level=0).min()
    out.index.name = "user_id"
    return out.rename("entered")


def _data_end(tables: object) -> pd.Timestamp:
    """The last moment the data covers: the latest event, order, invitation or sign-up."""
    ends = []
    for name, col in (
        ("events", "timestamp"),
        ("orders", "timestamp"),
        ("referrals", "invite_time"),
        ("referrals", "signup_time"),
    ):
        df = getattr(tables, name, None)
        if isinstance(df, pd.DataFrame) and col in df.columns and df[col].notna().any():
            ends.append(df[col].max())
    if not ends:
        raise SchemaError("events", "timestamp", "no timestamps to tell where the data ends")
    return max(ends)


@dataclass(frozen=True)
class ReferralRates:
    """A viral coefficient measured on data (see :func:`observed_k`).

    ``n_base`` users in the denominator (``base``), who sent ``invites`` invitations of which
    ``joined`` turned into new users. ``invites_per_user = invites / n_base``,
    ``invite_conversion = joined / invites``, ``k = invites_per_user * invite_conversion =
    joined / n_base`` (new users per base user). ``invites_outside_base`` counts invitations sent
    by users outside the base (left out of every rate). :meth:`label` names the denominator.
    """

    base: str
    n_base: int
    invites: int
    joined: int
    invites_outside_base: int

    @property
    def invites_per_user(self) -> float:
        return self.invites / self.n_base if self.n_base else float("nan")

    @property
    def invite_conversion(self) -> float:
        return self.joined / self.invites if self.invites else float("nan")

    @property
    def k(self) -> float:
        return self.joined / self.n_base if self.n_base else float("nan")

    def label(self, lang: str = "en") -> str:
        """What this K is, in ``lang``: ``"K per customer (the course's K)"``, ``"K per advocate"`` ..."""
        from journeykit.i18n import t

        return t(f"referrals.k_base.{self.base}", lang)

    def to_frame(self, lang: str = "en") -> pd.DataFrame:
        """One row: ``base``, ``label`` (:meth:`label` in ``lang``), the counts and the three rates."""
        return pd.DataFrame(
            [
                {
                    "base": self.base,
                    "label": self.label(lang),
                    "n_base": self.n_base,
                    "invites": self.invites,
                    "joined": self.joined,
                    "invites_per_user": self.invites_per_user,
                    "invite_conversion": self.invite_conversion,
                    "k": self.k,
                }
            ]
        )


def observed_k(
    tables: object,
    *,
    base: Base = K_BASE,
    follow_up_days: float | None = None,
) -> ReferralRates:
    """Measure K = invites per base user x invite conversion from the ``referrals`` table.

    ``base`` chooses the denominator (:func:`base_entry`). The default, ``"customers"``, is the
    course's K: new users per customer (``datasets/README.md``'s ground truth, ``metric_table``'s
    ``viral_coefficient``). The named options: per *inviter* (promoter) it is "each promoter
    brings K friends" — the generator's ``invites_per_promoter x invite_conversion`` —; per
    advocate it lies between, because not all advocates invite; per user (everyone in
    ``users``) it is the smallest. An invitation *converted* when its ``invitee_id`` is present.

    ``follow_up_days`` handles right censoring: the data stops at some moment, so people who
    joined the base just before it have not sent all their invitations yet, and their friends
    have not signed up yet. With it, only base users who entered at least ``follow_up_days``
    before the end of the data count (with all their invitations).

    >>> from types import SimpleNamespace
    >>> orders = pd.DataFrame({"user_id": [1, 2, 4, 5], "timestamp": pd.to_datetime(["2024-01-01"] * 4)})
    >>> refs = pd.DataFrame({"inviter_id": [1, 1, 1, 1], "invitee_id": [3, None, None, None],
    ...     "invite_time": pd.to_datetime(["2024-01-02"] * 4)})
    >>> r = observed_k(SimpleNamespace(orders=orders, referrals=refs))
    >>> r.label(), r.n_base, r.invites, r.joined, r.invites_per_user, r.invite_conversion, r.k
    ("K per customer (the course's K)", 4, 4, 1, 1.0, 0.25, 0.25)
    """
    refs = _tables_part(tables, "referrals", ("inviter_id", "invitee_id", "invite_time"))
    entered = base_entry(tables, base)
    if follow_up_days is not None:
        days = _number("follow_up_days", follow_up_days, lo=0)
        cutoff = _data_end(tables) - pd.Timedelta(days=days)
        entered = entered[entered <= cutoff]
    inside = refs["inviter_id"].isin(entered.index)
    return ReferralRates(
        base=base,
        n_base=len(entered),
        invites=int(inside.sum()),
        joined=int((inside & refs["invitee_id"].notna()).sum()),
        invites_outside_base=int((~inside).sum()),
    )


def cycle_times(referrals: pd.DataFrame, users: pd.DataFrame) -> pd.DataFrame:
    """How long one turn of the referral loop takes, per invitation that converted.

    Two clocks (both in days, float):

    * ``invite_to_signup_days``: invitation sent → invitee signed up (how long friends hesitate);
    * ``cycle_days``: inviter first seen → invitee signed up. This is the model's cycle time —
      from one generation joining to the next generation joining — and it is never shorter
      than the first clock.

    Columns: ``referral_id``, ``inviter_id``, ``invitee_id``, ``invite_to_signup_days``,
    ``cycle_days``. Use ``.median()`` for a typical cycle time (the distribution is skewed).

    >>> refs = pd.DataFrame({"referral_id": [1, 2], "inviter_id": [7, 7], "invitee_id": [8, None],
    ...     "invite_time": pd.to_datetime(["2024-01-03", "2024-01-04"]),
    ...     "signup_time": pd.to_datetime(["2024-01-05", None])})
    >>> users = pd.DataFrame({"user_id": [7, 8], "first_seen": pd.to_datetime(["2024-01-01", "2024-01-05"])})
    >>> cycle_times(refs, users)[["invite_to_signup_days", "cycle_days"]].values.tolist()
    [[2.0, 4.0]]
    """
    refs = require_columns(
        referrals,
        "referrals",
        ("referral_id", "inviter_id", "invitee_id", "invite_time", "signup_time"),
    )
    users = require_columns(users, "users", ("user_id", "first_seen"))
    done = refs[refs["invitee_id"].notna() & refs["signup_time"].notna()]
    first_seen = users.drop_duplicates("user_id").set_index("user_id")["first_seen"]
    inviter_seen = done["inviter_id"].map(first_seen)
    lost = inviter_seen.isna()
    if lost.any():
        raise SchemaError(
            "referrals", "inviter_id", "user ids not in users.user_id", list(done.index[lost][:10])
        )
    day = pd.Timedelta(days=1)
    return pd.DataFrame(
        {
            "referral_id": done["referral_id"].to_numpy(),
            "inviter_id": done["inviter_id"].to_numpy(),
            "invitee_id": done["invitee_id"].to_numpy(),
            "invite_to_signup_days": ((done["signup_time"] - done["invite_time"]) / day).to_numpy(
                dtype=float
            ),
            "cycle_days": ((done["signup_time"] - inviter_seen) / day).to_numpy(dtype=float),
        }
    )


def referral_tree(referrals: pd.DataFrame, users: pd.DataFrame | None = None) -> pd.DataFrame:
    """Place every user in the referral forest: who invited them, their generation and their root.

    Generation 0 is a user nobody invited (a root: came through ads, search ...); a user invited
    by a generation-g user is generation g + 1. Computed generation by generation with vectorised
    look-ups (one pass per level of depth, never a recursion per user). With ``users`` every user
    appears (non-referred users as roots); without it only users named in converted referrals.

    Columns: ``user_id``, ``inviter_id`` (missing for roots), ``generation`` (0, 1, 2 ...),
    ``root_id`` (the generation-0 user at the top of this user's chain).

    >>> refs = pd.DataFrame({"inviter_id": [1, 2, 2, 4], "invitee_id": [2, 3, 4, 5]})
    >>> referral_tree(refs)[["user_id", "generation", "root_id"]].values.tolist()
    [[1, 0, 1], [2, 1, 1], [3, 2, 1], [4, 2, 1], [5, 3, 1]]
    """
    refs = require_columns(referrals, "referrals", ("inviter_id", "invitee_id"))
    joined = refs[refs["invitee_id"].notna()]
    child = joined["invitee_id"].astype("int64")
    parent_of = pd.Series(joined["inviter_id"].astype("int64").to_numpy(), index=child.to_numpy())
    dup = parent_of.index.duplicated()
    if dup.any():
        raise SchemaError(
            "referrals",
            "invitee_id",
            "an invitee joined through more than one invitation",
            list(joined.index[dup][:10]),
        )
    if users is not None:
        nodes = pd.Index(require_columns(users, "users", ("user_id",))["user_id"].astype("int64"))
        unknown = ~parent_of.index.isin(nodes) | ~parent_of.isin(nodes)
        if unknown.any():
            raise SchemaError(
                "referrals",
                "invitee_id",
                "user ids not in users.user_id",
                list(joined.index[np.asarray(unknown)][:10]),
            )
    else:
        nodes = pd.Index(np.union1d(parent_of.index.to_numpy(), parent_of.to_numpy()))
    nodes = nodes.sort_values()
    inviter = parent_of.reindex(nodes)
    generation = np.zeros(len(nodes), dtype=np.int64)
    root = nodes.to_numpy().copy()
    ancestor = inviter.to_numpy(dtype="float64")  # NaN = reached the top
    for _ in range(len(nodes) + 1):
        up = ~np.isnan(ancestor)
        if not up.any():
            break
        generation[up] += 1
        root[up] = ancestor[up].astype(np.int64)
        ancestor = np.where(
            up,
            parent_of.reindex(np.nan_to_num(ancestor, nan=-1).astype(np.int64)).to_numpy(
                dtype="float64"
            ),
            np.nan,
        )
    else:
        raise SchemaError(
            "referrals", "invitee_id", "the invitations form a loop (a user invited an ancestor)"
        )
    return pd.DataFrame(
        {
            "user_id": nodes.to_numpy(),
            "inviter_id": inviter.astype("Int64").to_numpy(),
            "generation": generation,
            "root_id": root,
        }
    )


def generation_counts(tree: pd.DataFrame) -> pd.DataFrame:
    """Users per referral generation (from :func:`referral_tree`).

    Columns: ``generation``, ``users`` (count), ``share`` (of all users in the tree, 0-1),
    ``ratio_to_previous`` (users in this generation / users in the previous one: a per-generation
    K over the whole population; missing for generation 0).

    >>> tree = pd.DataFrame({"generation": [0, 0, 0, 0, 1, 1, 2]})
    >>> generation_counts(tree)["ratio_to_previous"].tolist()
    [nan, 0.5, 0.5]
    """
    require_columns(tree, "tree", ("generation",))
    counts = tree["generation"].value_counts().sort_index()
    counts = counts.reindex(range(int(counts.index.max()) + 1), fill_value=0)
    out = pd.DataFrame(
        {
            "generation": counts.index.to_numpy(),
            "users": counts.to_numpy(),
            "share": counts.to_numpy() / counts.sum(),
        }
    )
    prev = out["users"].shift(1).to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        out["ratio_to_previous"] = out["users"].to_numpy() / prev
    return out


def advocates_and_promoters(tables: object, *, nps_threshold: int = 9) -> pd.DataFrame:
    """Tell advocates (positive when asked) from promoters (actively invite), per user.

    Article 004: an *advocate* speaks well of you when asked — here, wrote a review (a
    ``review`` event) or answered the NPS question with ``nps_threshold`` or more (9-10: the
    survey's "promoters", who are *passive* promoters in the Customer Value Journey). A *promoter*
    actively spreads the word — here, sent at least one invitation (``referrals.inviter_id``).

    Columns: ``user_id``, ``reviewed``, ``nps_positive`` (any answer >= threshold), ``advocate``,
    ``promoter`` (all booleans), ``invites`` (invitations sent, count).

    >>> from types import SimpleNamespace
    >>> t = SimpleNamespace(users=pd.DataFrame({"user_id": [1, 2, 3]}),
    ...     events=pd.DataFrame({"user_id": [1], "event_type": ["review"]}),
    ...     survey=pd.DataFrame({"user_id": [2, 3], "nps": [10, 6]}),
    ...     referrals=pd.DataFrame({"inviter_id": [1, 3, 3]}))
    >>> advocates_and_promoters(t)[["advocate", "promoter", "invites"]].values.tolist()
    [[True, True, 1], [True, False, 0], [False, True, 2]]
    """
    threshold = _count("nps_threshold", nps_threshold, lo=0, hi=10)
    users = _tables_part(tables, "users", ("user_id",))
    events = _tables_part(tables, "events", ("user_id", "event_type"))
    survey = _tables_part(tables, "survey", ("user_id", "nps"))
    refs = _tables_part(tables, "referrals", ("inviter_id",))
    ids = users["user_id"]
    reviewed = ids.isin(events.loc[events["event_type"] == "review", "user_id"])
    nps = pd.to_numeric(survey["nps"], errors="coerce")
    positive = ids.isin(survey.loc[(nps >= threshold).fillna(False).astype(bool), "user_id"])
    invites = ids.map(refs["inviter_id"].value_counts()).fillna(0).astype("int64")
    return pd.DataFrame(
        {
            "user_id": ids.to_numpy(),
            "reviewed": reviewed.to_numpy(dtype=bool),
            "nps_positive": positive.to_numpy(dtype=bool),
            "advocate": (reviewed | positive).to_numpy(dtype=bool),
            "promoter": (invites > 0).to_numpy(dtype=bool),
            "invites": invites.to_numpy(),
        }
    )


def advocate_promoter_crosstab(people: pd.DataFrame, *, lang: str = "en") -> pd.DataFrame:
    """Users by advocate (rows) x promoter (columns), with totals, labelled in ``lang``.

    ``people`` is the output of :func:`advocates_and_promoters`. The off-diagonal cells are the
    lesson: advocates who never invite (ask them!) and promoters who never said anything
    positive when asked (often reward-driven).

    >>> people = pd.DataFrame({"advocate": [True, True, False, False, False],
    ...                        "promoter": [True, False, True, False, False]})
    >>> advocate_promoter_crosstab(people).values.tolist()
    [[2, 1, 3], [1, 1, 2], [3, 2, 5]]
    """
    from journeykit.i18n import t

    require_columns(people, "people", ("advocate", "promoter"))
    yes, no, total = t("referrals.yes", lang), t("referrals.no", lang), t("referrals.total", lang)
    adv = people["advocate"].astype(bool).map({True: yes, False: no})
    pro = people["promoter"].astype(bool).map({True: yes, False: no})
    tab = pd.crosstab(adv, pro, margins=True, margins_name=total)
    order = [no, yes, total]
    tab = tab.reindex(index=order, columns=order, fill_value=0)
    tab.index.name = t("referrals.advocate", lang)
    tab.columns.name = t("referrals.promoter", lang)
    return tab
