"""Benchmark of ``journeykit.imports.ga4.read_ga4`` against plain pandas on a synthetic GA4 export.

For each size N (events), a GA4-shaped BigQuery export of about N events is written once
(gzip JSON lines, one file per ~100k events, rows from ``journeykit.imports.ga4_sample``, INT64
as text) and read in a fresh Python process per tool, so each peak resident memory is its own:

``journeykit``  ``read_ga4(files)``: sliced pyarrow reads, session channels by GA4's default
                channel grouping, events + users + orders tables
``pandas``      the plain way: ``pandas.read_json(f, lines=True)`` per file, ``concat``, then
                ``pandas.json_normalize`` of the records (nested fields to columns), and the
                ``ga_session_id`` parameter pulled out of ``event_params`` with ``explode``. It stops
                there: no session sources, channels, users or orders, so the ratio understates
                the work journeykit does.

    python benchmarks/import_ga4.py                    # 100k and 1M events
    python benchmarks/import_ga4.py --sizes 100000     # one size

Columns: ``events`` (rows read), ``tool``, ``seconds`` (wall clock), ``cpu_s`` (CPU time of the
process), ``peak_mb`` (peak resident memory, MB), ``time_ratio`` / ``cpu_ratio`` / ``memory_ratio``
(pandas ÷ journeykit, wall clock / CPU time / peak memory: above 1, journeykit is faster /
smaller; on a busy machine trust the CPU ratio). The machine's load average is printed.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SIZES = (100_000, 1_000_000)
EVENTS_PER_USER = 7.1  # the sample's average (5,608 events / 790 users)
ROWS_PER_FILE = 100_000


def _write_export(folder: Path, n_events: int) -> int:
    from journeykit.imports.ga4_sample import iter_sample_rows

    n_users = max(1, round(n_events / EVENTS_PER_USER))
    files, buf, rows = 0, [], 0
    for row in iter_sample_rows(n_users, seed=1, days=30, consent_gap=0.0):
        buf.append(json.dumps(row, separators=(",", ":")))
        if len(buf) == ROWS_PER_FILE:
            files += 1
            (folder / f"events_{20240000 + files}.json.gz").write_bytes(
                gzip.compress(("\n".join(buf) + "\n").encode(), compresslevel=1, mtime=0)
            )
            rows += len(buf)
            buf = []
    if buf:
        files += 1
        (folder / f"events_{20240000 + files}.json.gz").write_bytes(
            gzip.compress(("\n".join(buf) + "\n").encode(), compresslevel=1, mtime=0)
        )
        rows += len(buf)
    return rows


def _journeykit(folder: str) -> dict[str, float]:
    from journeykit.imports.ga4 import read_ga4

    wall, cpu = time.perf_counter(), time.process_time()
    data = read_ga4([folder])
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return {"rows": len(data.events), "seconds": wall, "cpu_s": cpu}


def _pandas(folder: str) -> dict[str, float]:
    import pandas as pd

    wall, cpu = time.perf_counter(), time.process_time()
    files = sorted(Path(folder).glob("events_*.json.gz"))
    raw = pd.concat([pd.read_json(f, lines=True, dtype=False) for f in files], ignore_index=True)
    flat = pd.json_normalize(raw.to_dict("records"), max_level=2)
    params = raw[["event_params"]].explode("event_params").dropna()
    keys = params["event_params"].map(lambda p: p["key"])
    sid = params[keys == "ga_session_id"]["event_params"].map(
        lambda p: int(p["value"]["int_value"])
    )
    flat["ga_session_id"] = sid[~sid.index.duplicated()].reindex(flat.index)
    flat["timestamp"] = pd.to_datetime(flat["event_timestamp"].astype("int64"), unit="us")
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return {"rows": len(flat), "seconds": wall, "cpu_s": cpu}


def _child(tool: str, folder: str) -> None:
    result = {"journeykit": _journeykit, "pandas": _pandas}[tool](folder)
    result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))


def _run(tool: str, folder: str) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, __file__, "--child", tool, folder],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--sizes", default=",".join(map(str, SIZES)), help="comma-separated event counts"
    )
    parser.add_argument("--child", nargs=2, metavar=("TOOL", "FOLDER"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(*args.child)
        return
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    header = (
        f"{'events':>10} {'tool':<11} {'seconds':>8} {'cpu_s':>8} {'peak MB':>8} "
        f"{'time_ratio':>10} {'cpu_ratio':>9} {'memory_ratio':>12}"
    )
    lines = []
    for n in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            rows = _write_export(Path(tmp), n)
            size = sum(f.stat().st_size for f in Path(tmp).iterdir()) / 2**20
            jk, pdx = _run("journeykit", tmp), _run("pandas", tmp)
        if jk["rows"] != rows or pdx["rows"] != rows:
            raise SystemExit(
                f"row counts differ: export {rows}, journeykit {jk['rows']}, pandas {pdx['rows']}"
            )
        for tool, r in (("journeykit", jk), ("pandas", pdx)):
            tr = pdx["seconds"] / jk["seconds"] if tool == "journeykit" else 1.0
            mr = pdx["peak_mb"] / jk["peak_mb"] if tool == "journeykit" else 1.0
            cr = pdx["cpu_s"] / jk["cpu_s"] if tool == "journeykit" else 1.0
            lines.append(
                f"{rows:>10,} {tool:<11} {r['seconds']:>8.2f} {r['cpu_s']:>8.2f} {r['peak_mb']:>8.0f} {tr:>9.2f}x {cr:>8.2f}x {mr:>11.2f}x"
            )
        lines.append(f"{'':>10} (export: {size:.1f} MiB of gzip JSON lines)")
    print(header)
    print("-" * len(header))
    print("\n".join(lines))
    print("ratios: pandas / journeykit (above 1: journeykit faster or smaller); pandas row = 1.00x")


if __name__ == "__main__":
    main()
