"""``journeykit offer ...``: entry-point offer economics from the command line.

* ``offer presets``  - article 004's examples and which figures are the article's
* ``offer ltv``      - first-order profit, lifetime value, payback month, break-even entry price
* ``offer simulate`` - a seeded cohort simulation month by month (optionally to CSV)
* ``offer sbg``      - fit a shifted-beta-geometric model to a cohort's survival counts
* ``offer measure``  - observed ascension rate, LTV per channel or entry offer, and the repeat
  rate of onboarded vs not-onboarded customers, from a data folder (``journeykit synth --out``)
* ``offer rfm``      - frequency, recency, T and monetary value per customer from an orders file
  or a data folder (only ``user_id``, ``timestamp``, ``price`` are needed)
* ``offer bgnbd``    - fit BG/NBD and Gamma-Gamma; with ``--calibration-end``, predicted vs actual
  holdout purchases
* ``offer clv``      - P(alive), expected purchases and discounted CLV per customer

Each is a thin wrapper over :mod:`journeykit.offers`. Bad values exit with code 2 and one line
naming the field (``journeykit: error: monthly_churn: expected a number between 0 and 1 ...``).
"""

from __future__ import annotations

import argparse
import math
from pathlib import Path

import pandas as pd

from journeykit import offers
from journeykit.errors import ValidationError
from journeykit.files import write_csv

__all__ = ["register"]


def _add_plan_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--preset",
        default="book",
        choices=sorted(offers.PRESETS),
        help="article 004 example to start from (default: book)",
    )
    p.add_argument("--entry-price", type=float, help="price of the entry-point offer")
    p.add_argument("--entry-cost", type=float, help="unit cost of the entry-point offer")
    p.add_argument("--acquisition-cost", type=float, help="money spent to acquire one customer")
    p.add_argument("--churn", type=float, help="monthly churn, between 0 and 1")
    p.add_argument("--repeat-rate", type=float, help="repeat purchases per active month")


def _plan(args: argparse.Namespace) -> offers.OfferPlan:
    changes = {
        "entry_price": args.entry_price,
        "entry_cost": args.entry_cost,
        "acquisition_cost": args.acquisition_cost,
        "monthly_churn": args.churn,
        "repeat_rate": args.repeat_rate,
    }
    plan = offers.get_preset(args.preset)
    changed = {k: v for k, v in changes.items() if v is not None}
    return plan.replace(**changed) if changed else plan


def _money(v: float) -> str:
    return "infinite" if math.isinf(v) else f"{v:,.2f}"


def _presets(args: argparse.Namespace) -> int:
    table = offers.presets_table()
    shown = pd.DataFrame(
        {
            "preset": table["preset"],
            "entry offer": table["entry_product"],
            "entry price": table["entry_price"].map("{:,.2f}".format),
            "article figures": table["from_article"],
            "first order": table["first_order_profit"].map(_money),
            "LTV": table["lifetime_value"].map(_money),
            "payback month": table["payback_month"].astype("string").fillna("-"),
        }
    )
    print(shown.to_string(index=False))
    print("\nMoney in US dollars. Only the 'article figures' come from article 004; costs, churn,")
    print("shares and timing are illustrative assumptions (see journeykit.offers.PRESETS).")
    return 0


def _ltv(args: argparse.Namespace) -> int:
    plan = _plan(args)
    s = offers.summarize(plan, discount=args.discount, horizon=args.horizon)
    horizon = "forever" if args.horizon is None else f"{args.horizon} months"
    print(f"plan: {plan.name} ({plan.entry_product}), {plan.currency}")
    print(f"discount per month: {args.discount:g}; horizon: {horizon}")
    print(f"first-order profit       {_money(s.first_order_profit):>12}")
    print(f"lifetime value (gross)   {_money(s.lifetime_value):>12}")
    print(f"net value (LTV - CAC)    {_money(s.net_value):>12}")
    print(f"LTV / CAC                {_money(s.ltv_to_cac):>12}")
    payback = "never" if s.payback_month is None else f"month {s.payback_month}"
    print(f"payback                  {payback:>12}")
    print(f"break-even entry price   {_money(s.break_even_entry_price):>12}")
    print(f"expected lifetime        {_money(s.expected_lifetime_months):>12} months")
    print(f"ascension rate           {s.ascension_rate:>12.1%}")
    return 0


def _simulate(args: argparse.Namespace) -> int:
    plan = _plan(args)
    sim = offers.simulate_cohort(
        plan, n_customers=args.customers, months=args.months, seed=args.seed
    )
    if args.out is not None:
        out: Path = args.out
        write_csv(sim, out, force=args.force, index=False)
        print(f"wrote {len(sim)} months to {out}")
        return 0
    print(sim.round(2).to_string(index=False))
    closed = offers.lifetime_value(plan, horizon=args.months)
    simulated = float(sim["margin_per_customer"].sum())
    print(f"\nvalue per customer over {args.months} months: simulated {simulated:,.2f}, ", end="")
    print(f"closed form {closed:,.2f}")
    return 0


def _sbg(args: argparse.Namespace) -> int:
    fit = offers.fit_sbg(args.survival)
    print(f"alpha {fit.alpha:.4f}  beta {fit.beta:.4f}  log-likelihood {fit.log_likelihood:.2f}")
    print(f"mean churn in period 1: {fit.mean_churn:.1%}")
    print(
        f"discounted expected lifetime at {args.discount:g} per period: "
        f"{fit.discounted_expected_lifetime(args.discount):.3f} periods"
    )
    fc = offers.sbg_forecast(fit, args.periods)
    print(fc.round(4).to_string(index=False))
    return 0


def _measure(args: argparse.Namespace) -> int:
    from journeykit import onboarding
    from journeykit.cli.growth_cmd import read_tables

    tables = read_tables(args.data, need=("users", "orders"))
    print(f"observed ascension rate: {offers.ascension_rate(tables.orders):.3f}")
    by = args.by
    table = offers.observed_ltv(
        tables.orders,
        users=tables.users,
        events=tables.events if by == "acquisition_channel" else None,
        by=by,
    )
    print(f"\nobserved (truncated) value per customer by {by}:")
    print(table.round(3).to_string(index=False))
    print(
        "\ntime to first value:",
        onboarding.summarize_time_to_first_value(tables.events, tables.orders),
    )
    result = onboarding.repeat_by_onboarding(
        tables.events,
        tables.orders,
        onboard_within_days=args.onboard_within_days,
        followup_days=args.followup_days,
    )
    print(result)
    return 0


def _read_orders(path: Path) -> pd.DataFrame:
    """An orders file (.csv, .csv.gz, .parquet) or a data folder's orders table, unvalidated
    beyond what :func:`journeykit.value.rfm_summary` checks (user_id, timestamp, price)."""
    from journeykit.errors import SchemaError
    from journeykit.schema import table_path

    file = table_path(path, "orders") if path.is_dir() else path
    if not file.is_file():
        raise SchemaError("orders", None, f"no file or folder {str(path)!r}")
    try:
        if file.suffix == ".parquet":
            return pd.read_parquet(file)
        return pd.read_csv(file, dtype={"user_id": "string"}, keep_default_na=False, na_values=[""])
    except (OSError, ValueError, pd.errors.ParserError) as err:
        raise SchemaError("orders", None, f"cannot read {str(file)!r}: {err}") from None


def _rfm_table(args: argparse.Namespace) -> pd.DataFrame:
    from journeykit import value

    return value.rfm_summary(
        _read_orders(args.orders), calibration_end=args.calibration_end, period=args.period
    )


def _rfm(args: argparse.Namespace) -> int:
    rfm = _rfm_table(args)
    unit = "weeks" if args.period == "W" else "days"
    print(f"{len(rfm)} customers; {int((rfm['frequency'] > 0).sum())} with repeat purchases")
    print(f"recency and T in {unit}; monetary value = mean repeat purchase (currency units)\n")
    print(rfm.describe().loc[["mean", "50%", "max"]].round(3).to_string())
    print(f"\nfirst {min(args.rows, len(rfm))} customers:")
    print(rfm.head(args.rows).round(3).to_string())
    return 0


def _fits(rfm: pd.DataFrame) -> tuple:
    """BG/NBD and (with two or more repeat buyers) Gamma-Gamma fits; their degenerate-fit
    reasons are printed as notes instead of Python warnings."""
    import warnings

    from journeykit import value

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", value.DegenerateFitWarning)
        bg = value.fit_bgnbd(rfm)
        gg = value.fit_gamma_gamma(rfm) if (rfm["frequency"] > 0).sum() >= 2 else None
    for name, fit in (("BG/NBD", bg), ("Gamma-Gamma", gg)):
        for reason in getattr(fit, "degenerate", ()):
            print(f"note: the {name} fit is degenerate: {reason}")
    return bg, gg


def _bgnbd(args: argparse.Namespace) -> int:
    from journeykit import value

    rfm = _rfm_table(args)
    bg, gg = _fits(rfm)
    print(
        f"BG/NBD on {bg.n_customers} customers (time in {'weeks' if args.period == 'W' else 'days'})"
    )
    print(
        f"r {bg.r:.4f}  alpha {bg.alpha:.4f}  a {bg.a:.4f}  b {bg.b:.4f}  "
        f"log-likelihood {bg.log_likelihood:.2f}"
    )
    print(f"expected repeat purchases of a new customer in {args.horizon:g} periods: ", end="")
    print(f"{bg.expected_purchases_new(args.horizon):.3f}")
    if gg is not None:
        print(
            f"Gamma-Gamma on {gg.n_customers} repeat buyers: p {gg.p:.4f}  q {gg.q:.4f}  "
            f"gamma {gg.gamma:.4f}  mean order value {gg.mean_order_value:,.2f}"
        )
    if args.calibration_end is not None:
        print("\nrepeat purchases in the holdout, by calibration frequency (mean per customer):")
        print(value.calibration_holdout(bg, rfm).round(3).to_string(index=False))
    return 0


def _clv(args: argparse.Namespace) -> int:
    from journeykit import value

    rfm = _rfm_table(args)
    bg, gg = _fits(rfm)
    if gg is None:
        raise ValidationError("orders", "at least two customers with repeat purchases")
    v = value.clv_from_rfm(
        rfm,
        bgnbd=bg,
        gamma_gamma=gg,
        horizon=args.horizon,
        margin=args.margin,
        discount=args.discount,
    )
    print(
        f"{len(v)} customers; horizon {args.horizon} periods, margin {args.margin:g}, "
        f"discount {args.discount:g} per period"
    )
    print(f"total CLV {v['clv'].sum():,.2f}; mean per customer {v['clv'].mean():,.2f}")
    cols = [
        "frequency",
        "recency",
        "T",
        "p_alive",
        "expected_purchases",
        "expected_order_value",
        "clv",
    ]
    print(f"\ntop {min(args.rows, len(v))} customers by CLV:")
    print(v.sort_values("clv", ascending=False)[cols].head(args.rows).round(3).to_string())
    if args.out is not None:
        out: Path = args.out
        write_csv(
            v, out, force=args.force
        )  # atomic; user ids are data: formula prefixes neutralised
        print(f"\nwrote {len(v)} customers to {out}")
    return 0


def _add_rfm_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "orders", type=Path, help="orders file (.csv, .csv.gz, .parquet) or a data folder"
    )
    p.add_argument("--calibration-end", help="last day of the calibration period, e.g. 1997-09-30")
    p.add_argument(
        "--period", default="W", choices=["W", "D"], help="time unit: weeks (default) or days"
    )
    p.add_argument("--rows", type=int, default=10, help="customers to list (default 10)")


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``offer presets``, ``ltv``, ``simulate``, ``sbg``, ``measure``, ``rfm``, ``bgnbd``, ``clv``."""
    parser = subparsers.add_parser(
        "offer",
        help="entry-point offer economics: lifetime value, payback, cohort simulation, sBG fit",
        description="Entry-point offers and ascension (article 004): closed forms and simulation.",
    )
    sub = parser.add_subparsers(dest="offer_command", metavar="ACTION", required=True)

    p = sub.add_parser(
        "presets",
        help="list article 004's examples as offer plans",
        description="List the preset offer plans, their article figures and headline numbers.",
    )
    p.set_defaults(func=_presets)

    p = sub.add_parser(
        "ltv",
        help="first-order profit, lifetime value, payback and break-even entry price",
        description="Closed-form economics of one offer plan (a preset, with changes).",
    )
    _add_plan_options(p)
    p.add_argument("--discount", type=float, default=0.0, help="discount rate per month")
    p.add_argument("--horizon", type=int, help="count only the first N months (default: forever)")
    p.set_defaults(func=_ltv)

    p = sub.add_parser(
        "simulate",
        help="simulate a cohort month by month (seeded)",
        description="Simulate a cohort of entry-offer buyers and compare with the closed form.",
    )
    _add_plan_options(p)
    p.add_argument("--customers", type=int, default=1000, help="cohort size (default 1000)")
    p.add_argument("--months", type=int, default=24, help="months to simulate (default 24)")
    p.add_argument("--seed", type=int, default=42, help="random seed (default 42)")
    p.add_argument("--out", type=Path, help="write the table to this CSV file")
    p.add_argument("--force", action="store_true", help="replace --out if it exists")
    p.set_defaults(func=_simulate)

    p = sub.add_parser(
        "sbg",
        help="fit a shifted-beta-geometric model to survival counts",
        description=(
            "Fit the sBG model (Fader & Hardie 2007) to customers still active at the start of "
            "each period, period 0 first, e.g. 1000 631 468 382 326 289 262 241."
        ),
    )
    p.add_argument("survival", type=float, nargs="+", help="customers active per period")
    p.add_argument("--periods", type=int, default=12, help="forecast up to this period")
    p.add_argument("--discount", type=float, default=0.1, help="discount rate per period")
    p.set_defaults(func=_sbg)

    p = sub.add_parser(
        "measure",
        help="ascension rate, observed LTV and onboarding from a data folder",
        description=(
            "Measure offers and onboarding on a data folder holding the five tables "
            "(users, events, orders, referrals, survey), e.g. one written by 'journeykit synth'. "
            "Observed LTV is truncated at the end of the data."
        ),
    )
    p.add_argument("data", type=Path, help="folder with users.csv.gz (or .csv/.parquet) etc.")
    p.add_argument(
        "--by",
        default="acquisition_channel",
        choices=["acquisition_channel", "entry_offer"],
        help="group the observed LTV by (default: acquisition_channel)",
    )
    p.add_argument("--onboard-within-days", type=float, default=14.0, help="default 14")
    p.add_argument("--followup-days", type=float, default=90.0, help="default 90")
    p.set_defaults(func=_measure)

    p = sub.add_parser(
        "rfm",
        help="frequency, recency, T and monetary value per customer",
        description=(
            "Summarise an orders table (user_id, timestamp, price) per customer: repeat "
            "purchase days, first-to-last purchase, first purchase to the calibration end."
        ),
    )
    _add_rfm_options(p)
    p.set_defaults(func=_rfm)

    p = sub.add_parser(
        "bgnbd",
        help="fit BG/NBD and Gamma-Gamma to an orders table",
        description=(
            "Fit the BG/NBD model (Fader, Hardie & Lee 2005) and the Gamma-Gamma spend model; "
            "with --calibration-end, compare predicted and actual holdout purchases."
        ),
    )
    _add_rfm_options(p)
    p.add_argument("--horizon", type=float, default=52, help="periods ahead (default 52)")
    p.set_defaults(func=_bgnbd)

    p = sub.add_parser(
        "clv",
        help="P(alive), expected purchases and discounted CLV per customer",
        description=(
            "Customer lifetime value of a non-contractual shop: BG/NBD purchases times "
            "Gamma-Gamma order value times margin, discounted at the end of each period."
        ),
    )
    _add_rfm_options(p)
    p.add_argument("--horizon", type=int, default=52, help="whole periods ahead (default 52)")
    p.add_argument("--margin", type=float, default=0.3, help="profit share of an order (0.3)")
    p.add_argument("--discount", type=float, default=0.0, help="discount rate per period (0)")
    p.add_argument("--out", type=Path, help="write the per-customer table to this CSV file")
    p.add_argument("--force", action="store_true", help="replace --out if it exists")
    p.set_defaults(func=_clv)
