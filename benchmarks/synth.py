"""Benchmark of journeykit.synth: users per second and peak memory, generate + write.

Each size runs in a fresh Python process (so its peak resident memory is its own): generate the
coffee preset with ``n_users`` non-referred users and write the five tables in the default format
(gzip CSV) and, for comparison, as Parquet. A plain per-user Python loop that simulates the same
journeys (touches, moves, events as a list of dicts, then a sorted DataFrame; no orders,
referrals, survey or file) runs at 100k users (or the smallest size asked for) beside the
vectorised ``generate`` alone: the ratio understates the gain.

    python benchmarks/synth.py                 # 10k, 100k, 1M
    python benchmarks/synth.py --sizes 10000   # just one size

Columns: ``users`` (non-referred users asked for), ``format``, ``events`` (rows written),
``seconds`` (wall-clock, generate + write), ``cpu_s`` (CPU time of the process; below seconds ×
cores on a busy machine), ``users_per_s`` (users / seconds), ``peak_mb`` (peak resident memory of
the process, MB). The machine's load average is printed: on a shared machine wall-clock times
grow with it, CPU times do not.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time

SIZES = (10_000, 100_000, 1_000_000)


def _one(n: int, fmt: str) -> dict[str, float]:
    from journeykit.schema import write_tables
    from journeykit.synth import generate

    with tempfile.TemporaryDirectory() as tmp:
        wall, cpu = time.perf_counter(), time.process_time()
        tables = generate("coffee", n_users=n, seed=1)
        write_tables(tables, tmp, fmt=fmt, force=True, validate=False)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    return {
        "users": n,
        "format": fmt,
        "events": len(tables.events),
        "seconds": wall,
        "cpu_s": cpu,
        "users_per_s": n / wall,
        "peak_mb": peak,
    }


def _generate_only(n: int) -> dict[str, float]:
    from journeykit.synth import generate

    wall, cpu = time.perf_counter(), time.process_time()
    tables = generate("coffee", n_users=n, seed=1)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return {
        "users": n,
        "format": "vectorised, all tables, not written",
        "events": len(tables.events),
        "seconds": wall,
        "cpu_s": cpu,
        "users_per_s": n / wall,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def _loop_baseline(n: int) -> dict[str, float]:
    """The same journeys with a per-user Python loop and ``random`` (what vectorising replaces):
    persona, acquisition, touch-intensity class, same-visit decisions, Poisson touches and moves."""
    import math
    import random

    import pandas as pd

    from journeykit.synth import config
    from journeykit.synth.model import baseline_probability

    cfg = config("coffee", n_users=n, seed=1)
    personas = cfg.personas()
    weights = [cfg.persona_mix[p] for p in personas]
    base = baseline_probability(cfg)
    rng = random.Random(1)
    wall, cpu = time.perf_counter(), time.process_time()
    rows = []
    for uid in range(n):
        pi = rng.choices(range(len(personas)), weights)[0]
        p = personas[pi]
        channels = list(cfg.channel_mix[p])
        acq = rng.choices(channels, [cfg.channel_mix[p][c] for c in channels])[0]
        t = rng.random() * cfg.days
        intensity = rng.choices(cfg.touch_intensity, cfg.touch_intensity_mix)[0]
        rows.append({"user_id": uid, "t": t, "channel": acq, "stage": 0})
        for s in range(7):
            in_visit = rng.random() < cfg.same_visit_share[s]
            if in_visit:
                window = rng.expovariate(1440 / cfg.visit_minutes)
            else:
                window = rng.expovariate(1 / (cfg.lag_days[s] * cfg.persona_lag_scale[p]))
            stay = 1.0 - base[pi, s]
            last = None
            for ch, rates in cfg.touch_rates.items():
                lam = 0.0 if in_visit else rates[s] * intensity
                # Poisson by inversion
                k, prob, u = 0, math.exp(-lam), rng.random()
                cum = prob
                while u > cum and k < 40:
                    k += 1
                    prob *= lam / k
                    cum += prob
                for _ in range(k):
                    tt = t + window * rng.random()
                    rows.append({"user_id": uid, "t": tt, "channel": ch, "stage": min(s, 1)})
                    last = ch if last is None or tt > t else last
                stay *= (1.0 - cfg.touch_lift.get(ch, 0.0)) ** k
            move = 1.0 - stay
            if s == 0:
                move *= cfg.engage_factor.get(acq, 1.0)
            if rng.random() >= move:
                break
            t += window
            rows.append({"user_id": uid, "t": t, "channel": last or "direct", "stage": s + 1})
    events = pd.DataFrame(rows).sort_values(["t", "user_id"], ignore_index=True)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return {
        "users": n,
        "format": "per-user loop, events only",
        "events": len(events),
        "seconds": wall,
        "cpu_s": cpu,
        "users_per_s": n / wall,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def _run_child(args: list[str]) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, *args], check=True, capture_output=True, text=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)))
    parser.add_argument("--child", nargs=2, metavar=("N", "FORMAT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        n, fmt = int(args.child[0]), args.child[1]
        if fmt == "loop":
            result = _loop_baseline(n)
        elif fmt == "memory":
            result = _generate_only(n)
        else:
            result = _one(n, fmt)
        print(json.dumps(result))
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    rows = []
    for n in sizes:
        rows.append(_run_child(["--child", str(n), "csv"]))
        rows.append(_run_child(["--child", str(n), "parquet"]))
    small = 100_000 if 100_000 in sizes else min(sizes)
    vec = _run_child(["--child", str(small), "memory"])
    loop = _run_child(["--child", str(small), "loop"])
    rows += [vec, loop]
    head = f"{'users':>10} {'format':<32} {'events':>10} {'seconds':>8} {'cpu_s':>7} {'users/s':>10} {'peak MB':>8}"
    print(head)
    print("-" * len(head))
    for r in rows:
        print(
            f"{r['users']:>10,} {r['format']:<32} {r['events']:>10,} {r['seconds']:>8.2f} "
            f"{r['cpu_s']:>7.2f} {r['users_per_s']:>10,.0f} {r['peak_mb']:>8,.0f}"
        )
    print(
        f"\nat {small:,} users the vectorised generator (all five tables) makes "
        f"{loop['cpu_s'] / vec['cpu_s']:.1f}x the users per CPU second of a per-user loop "
        f"that makes only the events ({loop['seconds'] / vec['seconds']:.1f}x wall-clock)"
    )
    print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
