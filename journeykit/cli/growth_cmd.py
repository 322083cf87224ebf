"""``journeykit referral|campaign|message ...``: referral loops, campaigns and follow-up messages.

* ``referral simulate``  - closed form beside a seeded simulation, cycle by cycle
* ``referral measure DIR`` - observed K (per customer, the course's K; ``--base`` for the
  other denominators, ``--base all`` for every one), referral generations, cycle time,
  advocates x promoters
* ``referral cost``      - a referral reward's cost per customer against paid acquisition
* ``campaign lift DIR``  - each campaign's lift on its transition, with a confidence interval
* ``campaign journey``   - why one campaign cannot take strangers to promoters (the product of
  step rates before and after lifting one step)
* ``message list``       - the built-in message templates
* ``message render TEMPLATE CUSTOMERS.csv --out FILE`` - one message per customer

Thin wrappers over :mod:`journeykit.referrals`, :mod:`journeykit.campaigns` and
:mod:`journeykit.messages`. ``DIR`` holds the five tables as ``.csv`` or ``.parquet`` (``.csv.gz``, ``.csv`` or
``.parquet``, as ``journeykit synth --out DIR`` writes them). Nothing is overwritten without ``--force``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from journeykit import campaigns, messages, referrals, schema
from journeykit.cli import check_out
from journeykit.errors import ParameterError, SchemaError
from journeykit.files import write_csv
from journeykit.i18n import t
from journeykit.schema import Tables

__all__ = ["register", "read_tables"]


def read_tables(folder: Path, *, need: tuple[str, ...] = ()) -> Tables:
    """The five tables of data folder ``folder``, validated (:func:`journeykit.schema.read_tables`).

    Each table named in ``need`` must hold at least one row (a measurement of nothing is an
    error that says which table is empty, not a traceback or a table of NaN).
    """
    tables = schema.read_tables(folder)
    for name in need:
        if len(getattr(tables, name)) == 0:
            raise SchemaError(
                name, None, f"the data set in {str(folder)!r} has no {name}; nothing to measure"
            )
    return tables


def _check_out(out: Path | None, force: bool) -> None:
    check_out(out, force)


def _emit(df: pd.DataFrame, out: Path | None, force: bool) -> None:
    _check_out(out, force)
    if out is None:
        print(df.to_string(index=False))
    else:
        write_csv(df, out, force=True, index=False)
        print(f"wrote {out} ({len(df)} rows)", file=sys.stderr)


def _pairs(items: list[str] | None, flag: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in items or []:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise ParameterError(f"{flag}: expected NAME=VALUE, got {item!r}")
        out[key.strip()] = value
    return out


# ------------------------------------------------------------------ referral


def _referral_simulate(args: argparse.Namespace) -> int:
    if args.k is not None:
        if args.invites_per_user is not None or args.conversion is not None:
            raise ParameterError("--k: give either --k or --invites-per-user/--conversion")
        ipu, conv = args.k, 1.0
    else:
        ipu = 2.0 if args.invites_per_user is None else args.invites_per_user
        conv = 0.25 if args.conversion is None else args.conversion
    common = dict(
        n0=args.n0,
        invites_per_user=ipu,
        invite_conversion=conv,
        cycles=args.cycles,
        churn=args.churn,
        cycle_time_days=args.cycle_days,
    )
    closed = referrals.growth_table(**common)
    sim = referrals.simulate_growth(**common, runs=args.runs, seed=args.seed)
    total = referrals.simulation_summary(sim, column="total_users")
    active = referrals.simulation_summary(sim, column="active_users")
    table = pd.DataFrame(
        {
            "cycle": closed["cycle"],
            "day": closed["day"],
            "total_closed_form": closed["total_users"].round(1),
            "total_sim_mean": total["mean"].round(1),
            "total_sim_p05": total["p05"],
            "total_sim_p95": total["p95"],
            "active_closed_form": closed["active_users"].round(1),
            "active_sim_mean": active["mean"].round(1),
        }
    )
    k = referrals.viral_coefficient(ipu, conv)
    note = (
        f"steady state n0/(1-K) = {referrals.steady_state(n0=args.n0, k=k):,.1f}"
        if k < 1
        else "no steady state (K >= 1 grows without bound)"
    )
    print(f"K = {ipu:g} x {conv:g} = {k:.3f}; {note}; {args.runs} runs, seed {args.seed}")
    _emit(table, args.out, args.force)
    return 0


def _referral_measure(args: argparse.Namespace) -> int:
    tables = read_tables(args.dir, need=("users",))
    bases = referrals.BASES if args.base == "all" else (args.base,)
    rows = [
        referrals.observed_k(tables, base=b, follow_up_days=args.follow_up_days).to_frame(args.lang)
        for b in bases
    ]
    print(t("referrals.k_measured", args.lang) + ":")
    print(pd.concat(rows, ignore_index=True).round(4).to_string(index=False))
    tree = referrals.referral_tree(tables.referrals, tables.users)
    print("\nReferral generations (0 = not referred):")
    print(referrals.generation_counts(tree).round(4).to_string(index=False))
    ct = referrals.cycle_times(tables.referrals, tables.users)
    if len(ct):
        print(
            f"\nCycle time (median days): invite -> sign-up {ct['invite_to_signup_days'].median():.1f}; "
            f"inviter joined -> invitee joined {ct['cycle_days'].median():.1f}"
        )
    people = referrals.advocates_and_promoters(tables)
    print("\nAdvocates x promoters (users):")
    print(referrals.advocate_promoter_crosstab(people, lang=args.lang).to_string())
    return 0


def _referral_cost(args: argparse.Namespace) -> int:
    storage = referrals.StorageReward(
        gb_per_referral=args.gb_per_referral,
        cost_per_gb=args.cost_per_gb,
        base_gb=args.base_gb,
        max_gb=args.max_gb,
        both_sides=not args.inviter_only,
    )
    affiliate = (
        referrals.AffiliateCommission(rate=args.commission, order_value=args.order_value)
        if args.order_value is not None
        else None
    )
    table = referrals.acquisition_cost_comparison(
        paid_cac=args.paid_cac, storage=storage, affiliate=affiliate
    )
    print(table.round(4).to_string())
    return 0


# ------------------------------------------------------------------ campaign


def _campaign_list(args: argparse.Namespace) -> list[campaigns.Campaign]:
    found: list[campaigns.Campaign] = []
    if args.preset:
        found.extend(campaigns.from_generator(args.preset))
    for item in args.campaign or []:
        key, sep, rest = item.partition("=")
        frm, sep2, to = rest.partition(":")
        if not sep or not sep2:
            raise ParameterError(f"--campaign: expected KEY=FROM_STEP:TO_STEP, got {item!r}")
        found.append(
            campaigns.Campaign(key, args.call_to_action or key, args.source or "unknown", frm, to)
        )
    if not found:
        raise ParameterError(
            "--campaign: expected at least one --campaign KEY=FROM:TO or --preset coffee|saas"
        )
    return found


def _campaign_lift(args: argparse.Namespace) -> int:
    tables = read_tables(args.dir, need=("users", "events"))
    table = campaigns.compare_campaigns(
        tables.events,
        _campaign_list(args),
        confidence=args.confidence,
        method=args.method,
        seed=args.seed,
    )
    cols = [
        "campaign",
        "transition",
        "traffic_source",
        "n_treated",
        "rate_treated",
        "n_control",
        "rate_control",
        "difference",
        "ci_low",
        "ci_high",
        "relative_lift",
        "rel_ci_low",
        "rel_ci_high",
    ]
    _emit(table[cols].round(4), args.out, args.force)
    return 0


def _campaign_journey(args: argparse.Namespace) -> int:
    if args.rates:
        raw = _pairs(args.rates.split(","), "--rates")
        try:
            rates = {k: float(v) for k, v in raw.items()}
        except ValueError:
            raise ParameterError(
                f"--rates: expected STEP=NUMBER pairs, got {args.rates!r}"
            ) from None
    elif args.dir is not None:
        if args.strangers is None:
            raise ParameterError("--strangers: expected the market size when rates come from DIR")
        rates = campaigns.step_rates_from_events(
            read_tables(args.dir).events, strangers=args.strangers
        ).to_dict()
    else:
        raise ParameterError("--rates: expected --rates STEP=RATE,... or a DIR with --strangers")
    eff = campaigns.campaign_effect(rates, to_step=args.step, relative_lift=args.lift)
    eff.insert(1, "step_rate", [rates[s] for s in eff["step"]])
    print(eff.round(6).to_string(index=False))
    last = eff.iloc[-1]
    print(
        f"\nPromoters per stranger: {last['before']:.6f} -> {last['after']:.6f} "
        f"(one in {1 / last['before']:,.0f} -> one in {1 / last['after']:,.0f})"
        if last["before"] > 0 and last["after"] > 0
        else "\nNo stranger reaches promote with these rates."
    )
    return 0


# ------------------------------------------------------------------ message


def _message_list(args: argparse.Namespace) -> int:
    rows = []
    for key in messages.list_templates():
        tpl = messages.load_template(key, args.lang)
        rows.append(
            {
                "template": key,
                "channel": tpl.channel,
                "transition": f"{tpl.from_step} → {tpl.to_step}",
                "placeholders": ", ".join(tpl.placeholders),
            }
        )
    print(pd.DataFrame(rows).to_string(index=False))
    return 0


def _message_render(args: argparse.Namespace) -> int:
    _check_out(args.out, args.force)
    tpl = messages.load_template(args.template, args.lang)
    customers = messages.read_customers(args.customers)
    out = messages.render_messages(
        tpl,
        customers,
        values=_pairs(args.set, "--set"),
        columns=_pairs(args.column, "--column"),
    )
    messages.write_messages(out, args.out, force=args.force, lang=args.lang)
    print(f"wrote {args.out} ({len(out)} messages)", file=sys.stderr)
    return 0


# ------------------------------------------------------------------ register


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``referral``, ``campaign`` and ``message`` with their sub-commands."""
    ref = subparsers.add_parser(
        "referral", help="referral loops: viral coefficient K, growth, cost"
    )
    rsub = ref.add_subparsers(dest="referral_command", metavar="COMMAND", required=True)

    s = rsub.add_parser(
        "simulate",
        help="closed form beside a seeded simulation",
        description=(
            "Users over referral cycles from a seed cohort: each new user sends invitations in "
            "their first cycle, each converts with the given probability (K = invites x "
            "conversion); churn removes active users. Prints the closed form next to the mean "
            "and 5-95 % range of the simulation."
        ),
    )
    s.add_argument("--n0", type=int, default=100, help="seed cohort size (default 100)")
    s.add_argument("--k", type=float, help="viral coefficient K (instead of the two below)")
    s.add_argument("--invites-per-user", type=float, help="mean invitations per new user (2)")
    s.add_argument("--conversion", type=float, help="share of invitations that convert (0.25)")
    s.add_argument("--cycles", type=int, default=10, help="referral cycles (default 10)")
    s.add_argument("--churn", type=float, default=0.0, help="churn per cycle, 0-1 (default 0)")
    s.add_argument("--cycle-days", type=float, default=7.0, help="days per cycle (default 7)")
    s.add_argument("--runs", type=int, default=200, help="simulation runs (default 200)")
    s.add_argument("--seed", type=int, default=42, help="random seed (default 42)")
    s.add_argument("--out", type=Path, help="write the table to this CSV file")
    s.add_argument("--force", action="store_true", help="replace an existing --out file")
    s.set_defaults(func=_referral_simulate)

    m = rsub.add_parser(
        "measure",
        help="observed K, generations, cycle time, advocates x promoters in a data folder",
    )
    m.add_argument("dir", type=Path, metavar="DIR", help="folder with the five tables")
    m.add_argument(
        "--follow-up-days",
        type=float,
        help="count only base users who entered at least this many days before the data ends",
    )
    m.add_argument(
        "--base",
        default=referrals.K_BASE,
        choices=(*referrals.BASES, "all"),
        help="denominator of K: customers (default, the course's K), advocates, inviters, "
        "users, or all of them",
    )
    m.add_argument("--lang", default="en", choices=("en", "id"), help="labels of the tables")
    m.set_defaults(func=_referral_measure)

    c = rsub.add_parser("cost", help="referral reward cost per customer vs paid acquisition")
    c.add_argument("--paid-cac", type=float, required=True, help="paid cost per customer")
    c.add_argument("--gb-per-referral", type=float, default=0.5, help="storage reward (GB)")
    c.add_argument("--cost-per-gb", type=float, default=0.5, help="cost of 1 GB over its life")
    c.add_argument("--base-gb", type=float, default=2.0, help="free storage (Dropbox: 2 GB)")
    c.add_argument("--max-gb", type=float, default=16.0, help="storage ceiling (Dropbox: 16 GB)")
    c.add_argument("--inviter-only", action="store_true", help="only the inviter is rewarded")
    c.add_argument("--commission", type=float, default=0.20, help="affiliate commission (0.20)")
    c.add_argument("--order-value", type=float, help="referred customer's order value")
    c.set_defaults(func=_referral_cost)

    camp = subparsers.add_parser("campaign", help="campaigns: lift on a stage transition")
    csub = camp.add_subparsers(dest="campaign_command", metavar="COMMAND", required=True)
    lf = csub.add_parser(
        "lift",
        help="each campaign's lift on its transition, treated vs untreated",
        description=(
            "Campaigns come from --preset (the generator's randomised campaigns) and/or "
            "--campaign KEY=FROM_STEP:TO_STEP (KEY is the events.campaign value)."
        ),
    )
    lf.add_argument("dir", type=Path, metavar="DIR", help="folder with the five tables")
    lf.add_argument("--preset", choices=("coffee", "saas"), help="the generator preset's campaigns")
    lf.add_argument("--campaign", action="append", metavar="KEY=FROM:TO", help="repeatable")
    lf.add_argument("--call-to-action", help="call to action of --campaign entries")
    lf.add_argument("--source", help="traffic source of --campaign entries")
    lf.add_argument("--confidence", type=float, default=0.95, help="interval level (0.95)")
    lf.add_argument("--method", choices=("normal", "bootstrap"), default="normal")
    lf.add_argument("--seed", type=int, default=42, help="bootstrap seed (default 42)")
    lf.add_argument("--out", type=Path, help="write the table to this CSV file")
    lf.add_argument("--force", action="store_true", help="replace an existing --out file")
    lf.set_defaults(func=_campaign_lift)

    j = csub.add_parser("journey", help="share of strangers reaching each step, before/after")
    j.add_argument("dir", type=Path, nargs="?", metavar="DIR", help="measure the rates here")
    j.add_argument("--rates", help="aware=0.2,engage=0.5,... (all eight steps)")
    j.add_argument("--strangers", type=int, help="market size (with DIR)")
    j.add_argument("--step", default="convert", help="the step the campaign lifts (convert)")
    j.add_argument("--lift", type=float, default=0.5, help="relative lift (0.5 = +50 %%)")
    j.set_defaults(func=_campaign_journey)

    msg = subparsers.add_parser("message", help="personalised follow-up messages")
    msub = msg.add_subparsers(dest="message_command", metavar="COMMAND", required=True)
    ls = msub.add_parser("list", help="the built-in templates")
    ls.add_argument("--lang", default="en", choices=("en", "id"))
    ls.set_defaults(func=_message_list)
    r = msub.add_parser(
        "render",
        help="one message per customer row; all placeholders filled or nothing written",
    )
    r.add_argument("template", help="built-in template key or a .json/.txt template file")
    r.add_argument("customers", type=Path, metavar="CUSTOMERS.csv", help="one row per customer")
    r.add_argument("--out", type=Path, required=True, help=".csv, .html or .txt file to write")
    r.add_argument("--set", action="append", metavar="NAME=VALUE", help="value for every message")
    r.add_argument(
        "--column", action="append", metavar="NAME=COLUMN", help="placeholder from this column"
    )
    r.add_argument("--lang", default="en", choices=("en", "id"))
    r.add_argument("--force", action="store_true", help="replace an existing --out file")
    r.set_defaults(func=_message_render)
