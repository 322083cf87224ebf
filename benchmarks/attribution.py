"""Benchmark: attribution on 10k, 100k and 1M aggregated paths, journeykit vs channelattribution.

For each size a seeded synthetic paths table is written once: 9 channels, geometric path
lengths (mean ~6.6 touches, capped at 30, so about half of the 1M paths are distinct, as in the
issue's data), Poisson conversions and nulls. Each measurement then runs in a fresh Python process that reads the table, resets the peak-memory mark
(``/proc/self/clear_refs``) and times one call; peak memory is the rise of the resident set's
high-water mark over the set size before the call, so C++ allocations (channelattribution)
count as much as numpy ones. Measured:

* journeykit ``attribute(models="first,last,linear")`` and ``models="markov"`` (exact order-1
  removal effects), both from the DataFrame (parsing included);
* channelattribution 2.2.5 ``heuristic_models`` and ``markov_model`` (order 1, its defaults:
  simulated, ``max_step`` = longest observed path);
* the same two Markov models at order 2 (``journeykit_markov2``, ``ca_markov2``: both build
  channelattribution's states, windows of two touches over the raw path);
* plain pandas first/last/linear (``str.split`` + ``explode`` + ``groupby``).

Run: ``.venv/bin/python benchmarks/attribution.py [--sizes 10000 100000 1000000]``.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

CHANNELS = (
    "organic_search",
    "paid_search",
    "social_ads",
    "social_organic",
    "email",
    "referral",
    "affiliate",
    "direct",
    "whatsapp",
)
TOOLS = (
    "journeykit_heuristics",
    "ca_heuristics",
    "pandas_heuristics",
    "journeykit_markov",
    "ca_markov",
    "journeykit_markov2",
    "ca_markov2",
)


def make_paths(n: int, seed: int = 0) -> pd.DataFrame:
    """A seeded aggregated paths table of ``n`` rows (paths repeat, as in real exports)."""
    rng = np.random.default_rng(seed)
    lengths = np.minimum(rng.geometric(0.15, n), 30)
    weights = np.array([0.18, 0.12, 0.14, 0.1, 0.12, 0.06, 0.05, 0.16, 0.07])
    codes = rng.choice(len(CHANNELS), size=int(lengths.sum()), p=weights / weights.sum())
    tokens = np.asarray(CHANNELS, dtype=object)[codes]
    ends = np.cumsum(lengths) - 1
    tokens[np.setdiff1d(np.arange(len(tokens)), ends)] += " > "
    paths = np.add.reduceat(tokens, np.cumsum(lengths) - lengths)
    conv = rng.poisson(0.6, n)
    return pd.DataFrame(
        {
            "path": pd.array(paths, dtype="string"),
            "total_conversions": conv,
            "total_null": rng.poisson(2.0, n) + (conv == 0),
            "total_conversion_value": (conv * rng.uniform(20_000, 120_000, n)).round(0),
        }
    )


def _rss_kib() -> int:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def _reset_peak() -> bool:
    try:
        with open("/proc/self/clear_refs", "w") as fh:
            fh.write("5")
        return True
    except OSError:
        return False


def _peak_kib() -> int:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _measure(tool: str, file: str) -> dict[str, float]:
    """Run one tool once on the table in ``file`` (inside a fresh process)."""
    os.environ.setdefault("MPLBACKEND", "Agg")
    df = pd.read_parquet(file)
    df["path"] = df["path"].astype("string")
    if tool.startswith("ca_"):
        with contextlib.redirect_stdout(io.StringIO()):  # it prints a banner on import
            import ChannelAttribution as ca
    if tool.startswith("journeykit"):
        from journeykit.attribution import attribute
    fn = {
        "journeykit_heuristics": lambda: attribute(df, models="first,last,linear"),
        "journeykit_markov": lambda: attribute(df, models="markov"),
        "journeykit_markov2": lambda: attribute(df, models="markov", markov_order=2),
        "ca_heuristics": lambda: ca.heuristic_models(
            df,
            "path",
            "total_conversions",
            var_value="total_conversion_value",
            sep=">",
            flg_pro=False,
        ),
        "ca_markov": lambda: ca.markov_model(
            df,
            "path",
            "total_conversions",
            var_value="total_conversion_value",
            var_null="total_null",
            sep=">",
            verbose=False,
            flg_pro=False,
        ),
        "ca_markov2": lambda: ca.markov_model(
            df,
            "path",
            "total_conversions",
            var_value="total_conversion_value",
            var_null="total_null",
            sep=">",
            order=2,
            verbose=False,
            flg_pro=False,
        ),
        "pandas_heuristics": lambda: _pandas_heuristics(df),
    }[tool]
    before = _rss_kib()
    reset = _reset_peak()
    t0 = time.perf_counter()
    if tool.startswith("ca_"):
        with contextlib.redirect_stdout(io.StringIO()):
            fn()
    else:
        fn()
    seconds = time.perf_counter() - t0
    peak = _peak_kib()
    return {"seconds": seconds, "peak_mib": max(peak - before, 0) / 1024 if reset else float("nan")}


def _pandas_heuristics(df: pd.DataFrame) -> pd.DataFrame:
    """First, last and linear the plain-pandas way (a per-row list column, explode, groupby)."""
    ch = df["path"].str.split(" > ")
    conv = df["total_conversions"]
    first = conv.groupby(ch.str[0]).sum()
    last = conv.groupby(ch.str[-1]).sum()
    long = pd.DataFrame({"ch": ch, "w": conv / ch.str.len()}).explode("ch")
    linear = long.groupby("ch")["w"].sum()
    return pd.DataFrame({"first": first, "last": last, "linear": linear}).fillna(0.0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--tools", nargs="+", default=list(TOOLS), choices=TOOLS)
    parser.add_argument("--measure", nargs=2, metavar=("TOOL", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(_measure(*args.measure)))
        return
    root = Path(__file__).resolve().parents[1]
    env = {**os.environ, "PYTHONPATH": str(root), "MPLBACKEND": "Agg"}
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            df = make_paths(n)
            file = Path(tmp) / f"paths_{n}.parquet"
            df.to_parquet(file)
            distinct = df["path"].nunique()
            for tool in args.tools:
                done = subprocess.run(
                    [sys.executable, __file__, "--measure", tool, str(file)],
                    capture_output=True,
                    text=True,
                    env=env,
                )
                if done.returncode != 0:
                    reason = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "?"
                    print(f"{tool} at {n}: failed ({reason})", file=sys.stderr)
                    res = {"seconds": float("nan"), "peak_mib": float("nan")}
                else:
                    res = json.loads(done.stdout.strip().splitlines()[-1])
                rows.append({"paths": n, "distinct": distinct, "tool": tool, **res})
                print(f"  {n:>9,} {tool:<22} {res['seconds']:8.3f} s", file=sys.stderr)
    table = pd.DataFrame(rows)
    pivot_t = table.pivot(index="paths", columns="tool", values="seconds")
    pivot_m = table.pivot(index="paths", columns="tool", values="peak_mib")
    distinct = table.groupby("paths")["distinct"].first()
    lines = [
        "| paths | distinct | tool | time (s) | peak memory (MiB) | time vs channelattribution |",
        "|---:|---:|---|---:|---:|---:|",
    ]
    peer = {
        "journeykit_heuristics": "ca_heuristics",
        "pandas_heuristics": "ca_heuristics",
        "ca_heuristics": "ca_heuristics",
        "journeykit_markov": "ca_markov",
        "ca_markov": "ca_markov",
        "journeykit_markov2": "ca_markov2",
        "ca_markov2": "ca_markov2",
    }
    for n in pivot_t.index:
        for tool in args.tools:
            ref = peer[tool]
            ratio = (
                pivot_t.loc[n, tool] / pivot_t.loc[n, ref]
                if ref in pivot_t.columns
                else float("nan")
            )
            lines.append(
                f"| {n:,} | {distinct[n]:,} | {tool} | {pivot_t.loc[n, tool]:.3f} | "
                f"{pivot_m.loc[n, tool]:.0f} | {ratio:.2f}x |"
            )
    print("\n".join(lines))
    print(
        "\nratio < 1: faster than channelattribution (heuristic_models for first/last/linear, "
        "markov_model of the same order for the Markov rows; journeykit's is exact, theirs "
        "simulated)."
    )


if __name__ == "__main__":
    main()
