"""``journeykit synth``: generate a synthetic data set and write its five tables to a folder.

``journeykit synth --preset coffee --users 2000 --seed 42 --out datasets/coffee`` regenerates the
committed coffee data set (the defaults are exactly those). ``--format parquet`` writes Parquet
instead of gzip CSV; a folder that already holds files needs ``--force``. ``--set NAME=VALUE``
overrides any :class:`~journeykit.synth.SynthConfig` field (``--set entry_price=39000``).
"""

from __future__ import annotations

import argparse
import ast
import sys
import time
from pathlib import Path

from journeykit.errors import ParameterError
from journeykit.schema import FORMATS, write_tables
from journeykit.synth import PRESETS, generate

__all__ = ["register"]


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``synth``."""
    p = subparsers.add_parser(
        "synth",
        help="generate a synthetic customer-journey data set (users, events, orders, referrals, survey)",
        description=(
            "Generate the five tables with journeykit.synth.generate and write them to --out as "
            "<table>.csv.gz (default; byte-for-byte reproducible) or <table>.parquet. "
            "Same preset, users and seed give the same files."
        ),
    )
    p.add_argument(
        "--preset", default="coffee", help=f"one of {', '.join(PRESETS)} (default coffee)"
    )
    p.add_argument("--users", default="2000", metavar="N", help="non-referred users (default 2000)")
    p.add_argument(
        "--seed", default="42", metavar="S", help="random seed, an integer >= 0 (default 42)"
    )
    p.add_argument("--out", type=Path, required=True, metavar="DIR", help="folder to write")
    p.add_argument(
        "--format",
        choices=tuple(FORMATS),
        default="csv",
        help="csv: gzip CSV (default); parquet: faster for large data",
    )
    p.add_argument(
        "--channels-off",
        default="",
        metavar="A,B",
        help="comma-separated channels to switch off (the counterfactual world)",
    )
    p.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="override one SynthConfig field, e.g. --set entry_price=39000 --set censor=False "
        "(Python literals: numbers, True/False, tuples, dicts); repeatable",
    )
    p.add_argument(
        "--force", action="store_true", help="write into a folder that already holds files"
    )
    p.set_defaults(func=_run)


def _whole(text: str, flag: str, lo: int) -> int:
    try:
        value = int(text)
    except ValueError:
        raise ParameterError(
            f"parameter {flag}: expected a whole number >= {lo}, got {text!r}"
        ) from None
    if value < lo:
        raise ParameterError(f"parameter {flag}: expected a whole number >= {lo}, got {text!r}")
    return value


def _overrides(items: list[str]) -> dict[str, object]:
    """``NAME=VALUE`` pairs; VALUE is a Python literal, or else taken as text."""
    out: dict[str, object] = {}
    for item in items:
        name, sep, text = item.partition("=")
        if not sep or not name.strip():
            raise ParameterError(f"parameter --set: expected NAME=VALUE, got {item!r}")
        try:
            value: object = ast.literal_eval(text.strip())
        except (ValueError, SyntaxError):
            value = text.strip()
        flag = {"seed": "--seed", "n_users": "--users", "channels_off": "--channels-off"}
        if name.strip() in flag:
            raise ParameterError(
                f"parameter --set {name.strip()}: set it with {flag[name.strip()]} instead"
            )
        out[name.strip()] = value
    return out


def _run(args: argparse.Namespace) -> int:
    users = _whole(args.users, "--users", 1)
    seed = _whole(args.seed, "--seed", 0)
    overrides = _overrides(args.set)
    off = tuple(c.strip() for c in args.channels_off.split(",") if c.strip())
    if off:
        overrides["channels_off"] = off
    start = time.perf_counter()
    tables = generate(args.preset, n_users=users, seed=seed, **overrides)
    files = write_tables(tables, args.out, fmt=args.format, force=args.force, validate=False)
    seconds = time.perf_counter() - start
    for (name, df), file in zip(tables.items(), files[: len(tables.items())], strict=True):
        print(f"{name:<10} {len(df):>10,} rows  {file}")
    print(f"preset {args.preset}, {users:,} users, seed {seed}: {seconds:.1f} s", file=sys.stderr)
    return 0
