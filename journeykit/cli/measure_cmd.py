"""``journeykit funnel | metrics | score DIR``: measure the journey in a folder of the five tables.

Each command reads the tables with :func:`journeykit.schema.read_tables` (validated at the door)
and writes one table as CSV, to standard output or to ``--out`` (an existing file is replaced
only with ``--force``):

* ``journeykit funnel DIR [--model five] [--by persona]`` - the stage funnel
  (:func:`journeykit.funnels.stage_funnel`); with ``--steps visit,subscribe,purchase`` (the
  data's own event names, ``"sign up,play movie,buy"``, with ``[column=value]`` property
  filters) an event funnel instead (:func:`journeykit.funnels.ordered_funnel`, ``--window``
  days, ``--order``, ``--touch``, ``--attempt``). ``--timestamp-unit us`` reads epoch numbers.
* ``journeykit metrics DIR [--model five] [--by channel]`` - per-stage metrics
  (:func:`journeykit.metrics.stage_metrics`).
* ``journeykit score DIR --by persona [--weights sales | conversion_rate=2,csat=1]`` - the
  journey score (:func:`journeykit.score.journey_score`).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

import pandas as pd

from journeykit.cli import check_out
from journeykit.errors import ParameterError
from journeykit.files import csv_bytes, write_csv
from journeykit.funnels import (
    ATTEMPTS,
    BREAKDOWNS,
    ORDERS,
    TOUCHES,
    ordered_funnel,
    stage_funnel,
)
from journeykit.metrics import stage_metrics
from journeykit.schema import TIMESTAMP_UNITS, read_tables
from journeykit.score import NORMALISATIONS, WEIGHT_PRESETS, journey_score
from journeykit.stages import MODELS

__all__ = ["register", "parse_weights", "parse_window", "split_steps"]


def _common(p: argparse.ArgumentParser, *, by_required: bool = False, lang: bool = True) -> None:
    p.add_argument("dir", type=Path, metavar="DIR", help="folder with the five tables")
    p.add_argument(
        "--by",
        choices=BREAKDOWNS,
        required=by_required,
        help="one group per person: persona, cohort (month first seen), or first-touch "
        "channel, device, campaign",
    )
    if lang:
        p.add_argument("--lang", choices=("en", "id"), default="en", help="labels (default en)")
    p.add_argument("--out", type=Path, metavar="FILE.csv", help="write here instead of stdout")
    p.add_argument("--force", action="store_true", help="replace an existing --out file")
    p.add_argument(
        "--no-neutralise",
        dest="neutralise",
        action="store_false",
        help="write text cells starting with = + - @ as they are (by default they get a "
        "leading ' so a spreadsheet does not run them as formulas)",
    )


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``funnel``, ``metrics`` and ``score``."""
    f = subparsers.add_parser(
        "funnel",
        help="people reaching each stage (or event step), with conversion and drop-off",
        description=(
            "Stage funnel of a data folder: users reaching each stage of --model, step and "
            "overall conversion, drop-off. With --steps, an event funnel with a conversion "
            "window (inclusive), order mode and time to convert (PostHog semantics)."
        ),
    )
    _common(f)
    f.add_argument("--model", choices=tuple(MODELS), default="five", help="stage model")
    f.add_argument(
        "--steps",
        metavar="A,B,...",
        help="event steps: the data's own event names, comma-separated, e.g. "
        "visit,subscribe,purchase or 'sign up,play movie,buy' or visit,stage:convert; property "
        "filters in brackets: 'page_view,page_view[page_type=cart|checkout],purchase'",
    )
    f.add_argument(
        "--touch",
        choices=TOUCHES,
        default="first",
        help="with --steps and --by channel/device/campaign: the user's first event of any type "
        "(default) or first funnel-step event (first_step, PostHog's first-touch breakdown)",
    )
    f.add_argument(
        "--attempt",
        choices=ATTEMPTS,
        default="posthog",
        help="with --steps: times of the attempt PostHog reports (default) or of the first one",
    )
    f.add_argument(
        "--timestamp-unit",
        choices=TIMESTAMP_UNITS,
        help="unit of epoch-number timestamps in the files (GA4's event_timestamp: us)",
    )
    f.add_argument(
        "--window",
        default="14",
        metavar="DAYS",
        help="conversion window in days for --steps ('none' for no limit; default 14)",
    )
    f.add_argument("--order", choices=ORDERS, default="ordered", help="step order for --steps")
    f.set_defaults(func=_run_funnel)

    m = subparsers.add_parser(
        "metrics",
        help="per-stage metrics (visits, CTR, conversion rate, CSAT, NPS, referrals ...)",
        description="The metrics each stage of --model lists, one row per (stage, metric).",
    )
    _common(m)
    m.add_argument("--model", choices=tuple(MODELS), default="five", help="stage model")
    m.add_argument("--seo-rank", type=float, metavar="R", help="SEO rank, an input metric")
    m.set_defaults(func=_run_metrics)

    s = subparsers.add_parser(
        "score",
        help="rank journeys (persona, channel, campaign ...) by a weighted mix of stage metrics",
        description=(
            "Journey score per group: metrics normalised (minmax: 0 worst .. 1 best among the "
            "groups; ratio: relative to everyone) and averaged with --weights."
        ),
    )
    _common(s, by_required=True, lang=False)
    s.add_argument(
        "--weights",
        default="balanced",
        metavar="PRESET|K=W,...",
        help=f"a preset ({', '.join(WEIGHT_PRESETS)}) or metric=weight pairs",
    )
    s.add_argument("--normalise", choices=NORMALISATIONS, default="minmax")
    s.set_defaults(func=_run_score)


def parse_weights(text: str) -> str | dict[str, float]:
    """``"sales"`` stays a preset name; ``"conversion_rate=2,csat=1"`` becomes a dict.

    >>> parse_weights("conversion_rate=2, csat=0.5")
    {'conversion_rate': 2.0, 'csat': 0.5}
    """
    if "=" not in text:
        return text.strip()
    out: dict[str, float] = {}
    for part in text.split(","):
        key, sep, value = part.partition("=")
        try:
            out[key.strip()] = float(value)
        except ValueError:
            raise ParameterError(
                f"parameter --weights: expected metric=number pairs, got {part.strip()!r}"
            ) from None
        if not sep:
            raise ParameterError(f"parameter --weights: expected metric=number, got {part!r}")
    return out


def parse_window(text: str) -> float | None:
    """Days as a number, or ``none`` for no limit.

    >>> parse_window("7.5"), parse_window("none")
    (7.5, None)
    """
    if text.strip().lower() == "none":
        return None
    try:
        return float(text)
    except ValueError:
        raise ParameterError(
            f"parameter --window: expected days (a number) or 'none', got {text!r}"
        ) from None


def _check_out(out: Path | None, force: bool) -> None:
    check_out(out, force)
    if out is not None and not out.parent.is_dir():
        raise ParameterError(f"parameter --out: folder {str(out.parent)!r} does not exist")


def _emit(
    df: pd.DataFrame, out: Path | None, *, index: bool = False, neutralise: bool = True
) -> int:
    if out is None:
        text = csv_bytes(df, neutralise=neutralise, index=index).decode("utf-8")
        try:
            sys.stdout.write(text)
            sys.stdout.flush()
        except BrokenPipeError:  # the reader (e.g. `head`) stopped early: not an error
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    else:
        write_csv(df, out, force=True, neutralise=neutralise, index=index)
        print(f"wrote {out} ({len(df)} rows)", file=sys.stderr)
    return 0


def split_steps(text: str) -> list[str]:
    """``--steps`` text as step strings: split at commas outside brackets, spaces kept inside.

    >>> split_steps("sign up, play movie,buy")
    ['sign up', 'play movie', 'buy']
    >>> split_steps("page_view,page_view[page_type=cart|checkout],purchase")
    ['page_view', 'page_view[page_type=cart|checkout]', 'purchase']
    """
    parts = [p.strip() for p in re.split(r",(?![^\[]*\])", text)]
    return [p for p in parts if p]


def _run_funnel(args: argparse.Namespace) -> int:
    _check_out(args.out, args.force)
    window = parse_window(args.window)
    tables = read_tables(args.dir, timestamp_unit=args.timestamp_unit)
    if args.steps:
        table = ordered_funnel(
            tables.events,
            split_steps(args.steps),
            window=window,
            order=args.order,
            by=args.by,
            users=tables.users,
            touch=args.touch,
            attempt=args.attempt,
            lang=args.lang,
        )
    else:
        table = stage_funnel(tables.events, args.model, args.by, users=tables.users, lang=args.lang)
    return _emit(table, args.out, neutralise=args.neutralise)


def _run_metrics(args: argparse.Namespace) -> int:
    _check_out(args.out, args.force)
    inputs = {"seo_rank": args.seo_rank} if args.seo_rank is not None else None
    tables = read_tables(args.dir)
    table = stage_metrics(tables, args.model, by=args.by, inputs=inputs, lang=args.lang)
    return _emit(table, args.out, neutralise=args.neutralise)


def _run_score(args: argparse.Namespace) -> int:
    _check_out(args.out, args.force)
    weights = parse_weights(args.weights)
    tables = read_tables(args.dir)
    table = journey_score(tables, by=args.by, weights=weights, normalise=args.normalise)
    return _emit(table, args.out, index=True, neutralise=args.neutralise)
