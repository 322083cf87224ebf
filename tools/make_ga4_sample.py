"""Write the GA4-shaped sample export that lesson 13 imports: ``datasets/ga4_sample/``.

The rows come from :func:`journeykit.imports.ga4_sample.iter_sample_rows` (a Jakarta coffee
shop, "Kopi Kita": 800 users over 14 days, seed 42; sources only on each session's first event,
``traffic_source`` fixed to the user's first session, a few purchases sent twice, Google Ads
clicks tagged only by a gclid, consent-mode events without user_pseudo_id). They are written
the way BigQuery exports a GA4 property: one gzip JSON-lines file per day,
``events_YYYYMMDD.json.gz``, rows in no particular order, INT64 fields as text. Same arguments →
same bytes (no time stamp in the gzip header), so ``--check`` can tell whether the committed
files are what this script makes.

Usage (from the repository root)::

    python tools/make_ga4_sample.py                  # rewrite datasets/ga4_sample/
    python tools/make_ga4_sample.py --check          # exit 1 if the committed files differ
    python tools/make_ga4_sample.py --out /tmp/big --users 50000 --days 30 --format parquet
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from journeykit.imports.ga4_sample import write_sample

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = ROOT / "datasets" / "ga4_sample"


def _digest(folder: Path) -> dict[str, str]:
    return {
        f.name: hashlib.sha256(f.read_bytes()).hexdigest() for f in sorted(folder.glob("events_*"))
    }


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument(
        "--out", type=Path, default=DEFAULT_OUT, help="folder (default datasets/ga4_sample)"
    )
    p.add_argument("--users", type=int, default=800, help="users (default 800)")
    p.add_argument("--seed", type=int, default=42, help="random seed (default 42)")
    p.add_argument(
        "--start", default="2024-03-04", help="first day, Jakarta date (default 2024-03-04)"
    )
    p.add_argument("--days", type=int, default=14, help="days of first visits (default 14)")
    p.add_argument("--format", choices=("json.gz", "json", "parquet"), default="json.gz")
    p.add_argument("--check", action="store_true", help="compare with --out instead of writing")
    args = p.parse_args(argv)
    kwargs = dict(
        n_users=args.users, seed=args.seed, start=args.start, days=args.days, fmt=args.format
    )
    if args.check:
        with tempfile.TemporaryDirectory() as tmp:
            write_sample(tmp, **kwargs)
            same = _digest(Path(tmp)) == _digest(args.out)
        print("up to date" if same else f"{args.out} differs from what this script writes")
        return 0 if same else 1
    files = write_sample(args.out, force=True, **kwargs)
    size = sum(f.stat().st_size for f in files)
    print(f"{len(files)} files, {size / 1024:.0f} KiB in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
