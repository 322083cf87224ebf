"""Benchmark: the table door (journeykit.schema.get_table) on 100k and 1M events.

A seeded events table as ``pandas.read_csv`` gives a learner's export (text user ids, any event
names and channel names in pandas' default text dtype, ISO timestamps as text) is checked in one
run:

* ``pandas_typing``: the plain pandas minimum (``astype("string")`` on the text columns,
  ``to_datetime(format="ISO8601")``), no checks, for scale;
* ``door_first``: ``get_table(df, "events", ...)`` on a fresh frame (every check runs);
* ``door_again``: the same call again on the same unchanged frame (remembered: O(columns));
* ``door_after_write``: after one cell of the frame was written (``df.loc[0, "channel"] = ...``):
  validated again, as it must be.

Run: ``.venv/bin/python benchmarks/door.py [--sizes 100000 1000000]``.
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import pandas as pd

from journeykit.schema import get_table

NAMES = ("page_view", "view_item", "add_to_cart", "begin_checkout", "purchase", "sign up")
CHANNELS = ("tiktok", "google / cpc", "(direct)", "email", "instagram / social")


def _events(n: int, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    users = rng.integers(0, max(n // 8, 1), n)
    start = np.datetime64("2024-01-01T00:00:00", "s").astype("int64")
    seconds = start + rng.integers(0, 90 * 86_400, n)
    return pd.DataFrame(
        {
            "user_id": [f"{u}.{u * 7919 % 100_000}" for u in users],
            "timestamp": pd.to_datetime(seconds, unit="s").strftime("%Y-%m-%d %H:%M:%S"),
            "event_type": np.array(NAMES)[rng.integers(0, len(NAMES), n)],
            "channel": np.array(CHANNELS)[rng.integers(0, len(CHANNELS), n)],
        }
    )


def _time(fn) -> float:  # noqa: ANN001
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    args = ap.parse_args()
    cols = ["user_id", "timestamp", "event_type", "channel"]
    print("| events | step | time (s) | vs pandas_typing |")
    print("|---:|---|---:|---:|")
    for n in args.sizes:
        df = _events(n)

        def plain(df: pd.DataFrame = df) -> pd.DataFrame:
            out = df.copy(deep=False)
            for c in ("user_id", "event_type", "channel"):
                out[c] = out[c].astype("string")
            out["timestamp"] = pd.to_datetime(out["timestamp"], format="ISO8601")
            return out

        base = _time(plain)
        rows = [("pandas_typing", base)]
        rows.append(("door_first", _time(lambda df=df: get_table(df, "events", cols))))
        rows.append(("door_again", _time(lambda df=df: get_table(df, "events", cols))))
        df.loc[0, "channel"] = "email"
        rows.append(("door_after_write", _time(lambda df=df: get_table(df, "events", cols))))
        for step, sec in rows:
            print(f"| {n:,} | {step} | {sec:.4f} | {sec / base:.2f}x |")


if __name__ == "__main__":
    main()
