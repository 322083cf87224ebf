"""The CDNOW sample (Fader, Hardie & Lee 2005) as shipped in the ``lifetimes`` wheel, for tests.

Test-only: journeykit never depends on lifetimes. The file is read without importing lifetimes
(which may not import on new pandas): from an installed distribution through
``importlib.metadata`` if there is one, else from the wheel that ``pip download`` fetches into
a cache folder. ``None`` when neither works (no network), with the reason.
"""

from __future__ import annotations

import importlib.metadata
import io
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import pandas as pd

WHEEL = "lifetimes==0.11.3"
MEMBER = "lifetimes/datasets/CDNOW_sample.txt"
_CACHE = Path(tempfile.gettempdir()) / "journeykit-test-lifetimes-wheel"


def _from_installed() -> str | None:
    try:
        dist = importlib.metadata.distribution("lifetimes")
    except importlib.metadata.PackageNotFoundError:
        return None
    path = Path(str(dist.locate_file(MEMBER)))
    return path.read_text() if path.is_file() else None


def _from_wheel() -> tuple[str | None, str]:
    _CACHE.mkdir(parents=True, exist_ok=True)
    wheels = sorted(_CACHE.glob("[Ll]ifetimes-0.11.3-*.whl"))
    if not wheels:
        try:
            done = subprocess.run(
                [sys.executable, "-m", "pip", "download", "--no-deps", "-q", WHEEL, "-d", _CACHE],
                capture_output=True,
                text=True,
                timeout=180,
            )
        except (OSError, subprocess.TimeoutExpired) as err:
            return None, f"pip download {WHEEL} failed: {err}"
        wheels = sorted(_CACHE.glob("[Ll]ifetimes-0.11.3-*.whl"))
        if not wheels:
            return None, f"pip download {WHEEL} failed: {done.stderr.strip()[-300:]}"
    with zipfile.ZipFile(wheels[0]) as zf:
        return zf.read(MEMBER).decode(), ""


def cdnow_orders() -> tuple[pd.DataFrame | None, str]:
    """The 6,919 purchase records of the 2,357 sampled customers as an orders table
    (``user_id``, ``timestamp``, ``price`` in US dollars, ``cds``), or ``None`` and why not."""
    text = _from_installed()
    reason = ""
    if text is None:
        text, reason = _from_wheel()
    if text is None:
        return None, reason
    raw = pd.read_csv(
        io.StringIO(text),
        sep=r"\s+",
        header=None,
        names=["master_id", "user_id", "date", "cds", "price"],
    )
    raw["timestamp"] = pd.to_datetime(raw["date"].astype(str), format="%Y%m%d")
    return raw[["user_id", "timestamp", "price", "cds"]], ""
