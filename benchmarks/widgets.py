"""Benchmark: time from a filter change to refreshed numbers in the widgets, at 10k and 100k users.

For each size a seeded coffee data set is generated once (``journeykit.synth.generate``), then:

* **FunnelExplorer**: the one-off preparation (per-person facts, first-touch groups, furthest
  step; cached per tables object) with its peak traced memory, then for a series of filter
  changes (persona, first-touch channel, device, first-seen dates, stage model)
  - *recompute*: ``explorer.compute()`` — the selection, ``stage_funnel`` and the stage metrics,
    rendering excluded;
  - *refresh*: setting the control's value as a learner does — recompute, matplotlib figure,
    SVG and HTML tables, rendering included;
  - *plain*: the by-hand route without the widget's cache: filter the five tables to the
    selected people, then ``funnels.stage_funnel(sel.events, model)`` and
    ``metrics.stage_metrics(sel, model)`` (the same numbers; checked equal here).
* **AttributionExplorer**: changing the models (journeys cached) and changing the lookback
  window (``conversion_paths`` rebuilt once per new window), recompute and refresh.
* **OfferCalculator** and **ReferralSimulator** (size-independent): one slider move.

Times are medians over repeats, in milliseconds, as wall-clock and CPU time of this process
(``time.process_time``): on a shared machine the wall-clock time also counts waiting for a core,
so the load average is printed with the table. Target: recompute under 100 ms at 100k users.

Run: ``.venv/bin/python benchmarks/widgets.py [--sizes 10000 100000] [--repeats 5]``.
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import os
import resource
import statistics
import time
import tracemalloc
from collections.abc import Callable
from typing import Any

import matplotlib

matplotlib.use("Agg")

import pandas as pd  # noqa: E402
import pandas.testing as pdt  # noqa: E402

from journeykit import funnels, metrics  # noqa: E402
from journeykit.synth import generate  # noqa: E402
from journeykit.widgets import (  # noqa: E402
    AttributionExplorer,
    FunnelExplorer,
    OfferCalculator,
    ReferralSimulator,
)
from journeykit.widgets.funnel_explorer import ALL  # noqa: E402

FILTER_STEPS: tuple[tuple[str, str, Any], ...] = (
    ("persona = student", "persona", "student"),
    ("channel = social_ads", "channel", "social_ads"),
    ("device = mobile", "device", "mobile"),
    ("first seen from 2024-04-01", "date_from", dt.date(2024, 4, 1)),
    ("stage model = cvj", "stage_model", "cvj"),
    ("all filters off", None, None),
)


def _timed(
    fn: Callable[[], Any], repeats: int, *, setup: Callable[[], Any] | None = None
) -> tuple[float, float]:
    """Median wall-clock and CPU milliseconds of ``fn`` over ``repeats`` calls (``setup``, if
    given, runs untimed before each call)."""
    walls, cpus = [], []
    for _ in range(repeats):
        if setup is not None:
            setup()
        w, c = time.perf_counter(), time.process_time()
        fn()
        cpus.append(time.process_time() - c)
        walls.append(time.perf_counter() - w)
    return 1000 * statistics.median(walls), 1000 * statistics.median(cpus)


def _once(fn: Callable[[], Any]) -> tuple[float, float]:
    """Wall-clock and CPU milliseconds of one call (never traced: tracemalloc slows Python)."""
    w, c = time.perf_counter(), time.process_time()
    fn()
    cpu, wall = time.process_time() - c, time.perf_counter() - w
    return 1000 * wall, 1000 * cpu


def _peak_mb(fn: Callable[[], Any]) -> float:
    """Peak memory (MB) traced by tracemalloc during one call; its time is not reported."""
    tracemalloc.start()
    fn()
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return peak


def _fresh(tables: Any) -> Any:
    """An equal copy of ``tables`` that the widgets' per-object cache has not seen."""
    return copy.copy(tables)


OTHER: dict[str, Any] = {
    "persona": ALL,
    "channel": ALL,
    "device": ALL,
    "date_from": None,
    "stage_model": "five",
}


def _reset(fe: FunnelExplorer) -> None:
    with fe.persona.hold_trait_notifications():
        for name in ("persona", "channel", "device", "campaign"):
            getattr(fe, name).value = ALL
    first = fe.data.people["first_seen"].min().date()
    fe.date_from.value = first
    fe.stage_model.value = "five"
    fe.refresh()


def _plain(fe: FunnelExplorer) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The by-hand route on the selected people, without the widget's cache."""
    sel = fe.selected_tables()
    model = fe.stage_model.value
    return funnels.stage_funnel(sel.events, model), metrics.stage_metrics(sel, model)


def funnel_rows(n_users: int, tables: Any, repeats: int) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    holder: dict[str, FunnelExplorer] = {}
    peak = _peak_mb(lambda: FunnelExplorer(_fresh(tables)))
    wall, cpu = _once(lambda: holder.setdefault("fe", FunnelExplorer(tables)))
    fe = holder["fe"]
    rows.append(
        dict(
            widget="FunnelExplorer",
            users=n_users,
            change="first display (preparation)",
            recompute_ms=f"{wall:.0f} ({cpu:.0f})",
            refresh_ms="",
            plain_ms="",
            ratio="",
            peak_mb=f"{peak:.0f}",
        )
    )
    for label, name, value in FILTER_STEPS:
        if name is None:
            _reset(fe)
            change = undo = None
        else:
            control = getattr(fe, name)
            control.value = value
            change = lambda control=control, value=value: setattr(control, "value", value)  # noqa: E731
            undo = lambda control=control, name=name: setattr(control, "value", OTHER[name])  # noqa: E731
        assert fe.error == "", fe.error
        rc_wall, rc_cpu = _timed(fe.compute, repeats)
        # one change = one refresh (switching every filter off is several changes: not timed)
        rf_wall, rf_cpu = _timed(change, repeats, setup=undo) if name else (float("nan"),) * 2
        assert fe.error == "", fe.error
        funnel, table = _plain(fe)
        pdt.assert_frame_equal(fe.funnel, funnel)
        pdt.assert_frame_equal(fe.metrics, table, check_dtype=False)
        pl_wall, pl_cpu = _timed(lambda: _plain(fe), max(1, repeats // 2))
        rows.append(
            dict(
                widget="FunnelExplorer",
                users=n_users,
                change=label,
                recompute_ms=f"{rc_wall:.0f} ({rc_cpu:.0f})",
                refresh_ms=f"{rf_wall:.0f} ({rf_cpu:.0f})" if name else "",
                plain_ms=f"{pl_wall:.0f} ({pl_cpu:.0f})",
                ratio=f"{pl_cpu / rc_cpu:.0f}x" if rc_cpu > 0 else "",
                peak_mb="",
            )
        )
    return rows


def attribution_rows(n_users: int, tables: Any, repeats: int) -> list[dict[str, Any]]:
    holder: dict[str, AttributionExplorer] = {}
    peak = _peak_mb(lambda: AttributionExplorer(_fresh(tables)))
    wall, cpu = _once(lambda: holder.setdefault("ae", AttributionExplorer(tables)))
    ae = holder["ae"]
    rows = [
        dict(
            widget="AttributionExplorer",
            users=n_users,
            change="first display (30-day paths)",
            recompute_ms=f"{wall:.0f} ({cpu:.0f})",
            refresh_ms="",
            plain_ms="",
            ratio="",
            peak_mb=f"{peak:.0f}",
        )
    ]
    for label, models in (
        ("models = first, last, markov", ("first", "last", "markov")),
        (
            "models = all six defaults",
            ("first", "last", "linear", "time_decay", "position", "markov"),
        ),
    ):
        ae.models.value = models
        rc = _timed(ae.compute, repeats)
        rf = _timed(
            lambda models=models: setattr(ae.models, "value", models),
            repeats,
            setup=lambda: setattr(ae.models, "value", ("last",)),
        )
        rows.append(
            dict(
                widget="AttributionExplorer",
                users=n_users,
                change=label,
                recompute_ms=f"{rc[0]:.0f} ({rc[1]:.0f})",
                refresh_ms=f"{rf[0]:.0f} ({rf[1]:.0f})",
                plain_ms="",
                ratio="",
                peak_mb="",
            )
        )
    # a new lookback window: conversion_paths runs once, later visits hit the cache
    first = _once(lambda: setattr(ae.lookback_days, "value", 14))
    peak = _peak_mb(lambda: setattr(ae.lookback_days, "value", 7))  # another new window
    ae.lookback_days.value = 14
    rows.append(
        dict(
            widget="AttributionExplorer",
            users=n_users,
            change="lookback 30 -> 14 days (new paths)",
            recompute_ms="",
            refresh_ms=f"{first[0]:.0f} ({first[1]:.0f})",
            plain_ms="",
            ratio="",
            peak_mb=f"{peak:.0f}",
        )
    )
    back = _timed(
        lambda: setattr(ae.lookback_days, "value", 30),
        repeats,
        setup=lambda: setattr(ae.lookback_days, "value", 14),
    )
    rows.append(
        dict(
            widget="AttributionExplorer",
            users=n_users,
            change="lookback 14 -> 30 days (cached paths)",
            recompute_ms="",
            refresh_ms=f"{back[0]:.0f} ({back[1]:.0f})",
            plain_ms="",
            ratio="",
            peak_mb="",
        )
    )
    return rows


def small_widget_rows(repeats: int) -> list[dict[str, Any]]:
    calc = OfferCalculator("car_wash", n_customers=2000, months=36)
    sim = ReferralSimulator(runs=200, cycles=10)
    rows = []
    for widget, label, control, values, compute in (
        (
            "OfferCalculator",
            "entry price slider (2,000 customers, 36 months)",
            calc.entry_price,
            (5.0, 12.0),
            calc.compute,
        ),
        (
            "ReferralSimulator",
            "invite conversion slider (200 runs, 10 cycles)",
            sim.invite_conversion,
            (0.2, 0.3),
            sim.compute,
        ),
    ):
        rc = _timed(compute, repeats)
        rf = _timed(
            lambda control=control, values=values: setattr(control, "value", values[1]),
            repeats,
            setup=lambda control=control, values=values: setattr(control, "value", values[0]),
        )
        rows.append(
            dict(
                widget=widget,
                users="-",
                change=label,
                recompute_ms=f"{rc[0]:.0f} ({rc[1]:.0f})",
                refresh_ms=f"{rf[0]:.0f} ({rf[1]:.0f})",
                plain_ms="",
                ratio="",
                peak_mb="",
            )
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    rows: list[dict[str, Any]] = []
    for n in args.sizes:
        start = time.perf_counter()
        tables = generate(preset="coffee", n_users=n, seed=42)
        print(
            f"generated {n:,} users, {len(tables.events):,} events in {time.perf_counter() - start:.1f} s"
        )
        rows += funnel_rows(n, tables, args.repeats)
        rows += attribution_rows(n, tables, args.repeats)
        del tables
    rows += small_widget_rows(args.repeats)
    table = pd.DataFrame(rows)
    with pd.option_context("display.width", 200, "display.max_colwidth", 60):
        print()
        print("milliseconds: wall-clock (CPU); recompute = package calls only, refresh = control")
        print("change to redrawn SVG and tables; plain = filter the tables by hand and call the")
        print("package without the widget's cache; ratio = plain / recompute (CPU)")
        print(table.to_string(index=False))
    load = os.getloadavg()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"\nload average {load[0]:.1f} on {os.cpu_count()} cores; peak resident memory {rss:.0f} MB"
    )


if __name__ == "__main__":
    main()
