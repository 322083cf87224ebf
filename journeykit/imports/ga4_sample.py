"""A GA4-shaped export of a small online coffee shop, made from a seed (for lessons, tests, benchmarks).

:func:`sample_rows` builds the rows GA4's BigQuery export would hold for a Jakarta coffee shop
("Kopi Kita") over ``days`` days: users with one or more sessions, each session coming from one
source / medium (collected on the session's **first** event only, as GA4 does), the shop's
ecommerce events ``session_start → page_view → view_item → add_to_cart → begin_checkout →
purchase`` with falling probabilities, purchases with a transaction id, revenue in rupiah (IDR)
and items. It also holds what real exports hold: ``traffic_source`` fixed to the user's *first*
session, a few purchases sent twice (same transaction id), Google Ads clicks tagged only by a
``gclid``, events of visitors who declined cookies (no ``user_pseudo_id``), and events sharing one
timestamp (ordered by ``batch_event_index``). INT64 fields are written as text, as BigQuery's JSON
export does. Same arguments → same rows.

:data:`SOURCE_MIX` lists the sources and how often a session comes from each.
:func:`write_sample` writes daily ``events_YYYYMMDD.json.gz`` (or ``.parquet``) files, rows shuffled.

>>> rows = sample_rows(n_users=5, seed=1, days=2)
>>> {"session_start", "page_view"} <= {r["event_name"] for r in rows}
True
>>> int(rows[0]["event_timestamp"]) > 1_700_000_000_000_000  # microseconds
True
"""

from __future__ import annotations

import gzip
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Final

import numpy as np

from journeykit.errors import OverwriteError, ParameterError

__all__ = ["SOURCE_MIX", "PRODUCTS", "sample_rows", "iter_sample_rows", "write_sample"]

SOURCE_MIX: Final[tuple[tuple[str | None, str | None, str | None, float, float], ...]] = (
    # source, medium, campaign, share of first sessions, share of return sessions
    # (None source: a direct visit, nothing collected). People find the shop through social
    # media, search, display ads, blogs and marketplaces; they come back directly, by email or
    # by searching the shop's name.
    (None, None, None, 0.08, 0.36),
    ("google", "organic", None, 0.20, 0.18),
    ("google", "cpc", "brand_search", 0.05, 0.12),
    ("instagram", "social", None, 0.10, 0.05),
    ("l.instagram.com", "referral", None, 0.05, 0.02),
    ("facebook", "paid_social", "ramadan_promo", 0.12, 0.02),
    ("tiktok", "cpc", "tiktok_awareness", 0.10, 0.01),
    ("newsletter", "email", "weekly_news", 0.01, 0.16),
    ("shopee", "referral", None, 0.05, 0.02),
    ("kompas.com", "referral", None, 0.07, 0.01),
    ("kopiblog", "affiliate", "partner_reviews", 0.06, 0.02),
    ("youtube.com", "referral", None, 0.04, 0.01),
    ("google", "display", "remarketing_banner", 0.07, 0.02),
)
"""Sources of the sample's sessions: (source, medium, campaign, share of first sessions, share of
return sessions)."""

PRODUCTS: Final[tuple[tuple[str, int], ...]] = (
    ("Kopi Gayo 250 g", 95_000),
    ("Kopi Toraja 250 g", 110_000),
    ("Cold brew 1 L", 65_000),
    ("V60 dripper", 180_000),
    ("Paket langganan 1 bulan", 249_000),
)
"""Products (name, price in IDR)."""

_STEPS: Final = ("view_item", "add_to_cart", "begin_checkout", "purchase")
# probability of each next step given the previous, by session kind
_P_NEW: Final = (0.55, 0.30, 0.55, 0.55)
_P_RETURN: Final = (0.65, 0.45, 0.65, 0.75)
_TZ_OFFSET_H: Final = 7  # Asia/Jakarta, UTC+7 (no daylight saving)
_HOUR_WEIGHTS: Final = np.array(
    [
        1,
        0.5,
        0.3,
        0.2,
        0.3,
        0.6,
        1.2,
        2,
        2.5,
        2.2,
        2,
        2.2,
        2.8,
        2.4,
        2,
        2,
        2.2,
        2.6,
        3,
        3.6,
        4,
        3.8,
        3,
        2,
    ]
)


def _param(key: str, value: object) -> dict[str, object]:
    if isinstance(value, int):
        return {"key": key, "value": {"int_value": str(value)}}
    if isinstance(value, float):
        return {"key": key, "value": {"double_value": value}}
    return {"key": key, "value": {"string_value": value}}


def iter_sample_rows(
    n_users: int = 800,
    *,
    seed: int = 42,
    start: str = "2024-03-04",
    days: int = 14,
    consent_gap: float = 0.03,
) -> Iterator[dict[str, object]]:
    """The sample's export rows (dicts shaped like GA4's BigQuery JSON), user by user.

    ``n_users`` users, first visits spread over ``days`` days from ``start`` (Jakarta dates);
    ``consent_gap``: share of sessions whose events carry no ``user_pseudo_id``.
    """
    if not (isinstance(n_users, int) and n_users >= 1):
        raise ParameterError(f"parameter n_users: expected a whole number >= 1, got {n_users!r}")
    if not (isinstance(days, int) and days >= 1):
        raise ParameterError(f"parameter days: expected a whole number >= 1, got {days!r}")
    rng = np.random.default_rng(seed)
    first_p = np.array([m[3] for m in SOURCE_MIX])
    first_p = first_p / first_p.sum()
    return_p = np.array([m[4] for m in SOURCE_MIX])
    return_p = return_p / return_p.sum()
    hours = _HOUR_WEIGHTS / _HOUR_WEIGHTS.sum()
    t0 = int(np.datetime64(start, "s").astype(np.int64)) - _TZ_OFFSET_H * 3600  # local midnight
    end = t0 + days * 86_400
    order_no = 0
    for u in range(n_users):
        pseudo = f"{rng.integers(10**8, 10**9)}.{1_700_000_000 + u}"
        device = str(rng.choice(["mobile", "desktop", "tablet"], p=[0.7, 0.25, 0.05]))
        n_sessions = 1 + int(rng.poisson(1.1))
        day = int(rng.integers(0, days))
        t = t0 + day * 86_400 + int(rng.choice(24, p=hours)) * 3600 + int(rng.integers(0, 3600))
        kinds = np.r_[
            rng.choice(len(SOURCE_MIX), p=first_p),
            rng.choice(len(SOURCE_MIX), size=n_sessions - 1, p=return_p),
        ]
        first_src = SOURCE_MIX[int(kinds[0])]
        first_touch = t * 10**6
        for s_no in range(n_sessions):
            if t >= end:
                break
            src, med, camp, _, _ = SOURCE_MIX[int(kinds[s_no])]
            session_id = t
            anonymous = rng.random() < consent_gap
            gclid_only = src == "google" and med == "cpc" and rng.random() < 0.5
            probs = _P_NEW if s_no == 0 else _P_RETURN
            names = ["session_start", "page_view"]
            for _ in range(int(rng.integers(0, 3))):
                names.append("page_view")
            for step, p in zip(_STEPS, probs, strict=True):
                if rng.random() >= p:
                    break
                names.append(step)
            product, price = PRODUCTS[int(rng.integers(0, len(PRODUCTS)))]
            qty = 1 + int(rng.random() < 0.25)
            ts = t * 10**6 + int(rng.integers(0, 10**6))
            for k, name in enumerate(names):
                if k >= 2:  # session_start and the first page_view share one timestamp
                    ts += int(rng.integers(5, 240)) * 10**6 + int(rng.integers(0, 10**6))
                params = [
                    _param("ga_session_id", session_id),
                    _param("ga_session_number", s_no + 1),
                    _param(
                        "page_location",
                        "https://kopikita.id/"
                        + ("" if name == "session_start" else name.replace("_", "-")),
                    ),
                ]
                row: dict[str, object] = {
                    "event_date": str(
                        np.datetime64(ts // 10**6 + _TZ_OFFSET_H * 3600, "s").astype(
                            "datetime64[D]"
                        )
                    ).replace("-", ""),
                    "event_timestamp": str(ts),
                    "event_name": name,
                    "event_params": params,
                    "user_pseudo_id": None if anonymous else pseudo,
                    "user_first_touch_timestamp": str(first_touch),
                    "device": {"category": device},
                    "geo": {"country": "Indonesia"},
                    "traffic_source": {
                        "name": first_src[2]
                        or ("(direct)" if first_src[0] is None else "(not set)"),
                        "medium": first_src[1] or "(none)",
                        "source": first_src[0] or "(direct)",
                    },
                    "batch_event_index": str(k),
                    "batch_ordering_id": str(s_no + 1),
                }
                if k == 0 and (src is not None or gclid_only):
                    if gclid_only:
                        row["collected_traffic_source"] = {"gclid": f"Cj0K{rng.integers(10**9)}"}
                    else:
                        row["collected_traffic_source"] = {
                            "manual_source": src,
                            "manual_medium": med,
                            "manual_campaign_name": camp,
                        }
                if name in _STEPS:
                    row["items"] = [
                        {"item_name": product, "quantity": str(qty), "price": float(price)}
                    ]
                if name == "purchase":
                    order_no += 1
                    revenue = float(price * qty)
                    row["ecommerce"] = {
                        "transaction_id": f"KK-{order_no:05d}",
                        "purchase_revenue": revenue,
                        "total_item_quantity": str(qty),
                    }
                    params.extend([_param("value", revenue), _param("currency", "IDR")])
                    yield row
                    if rng.random() < 0.02:  # GA4 sometimes records a purchase twice
                        twin = dict(
                            row, event_timestamp=str(ts + 1_500_000), batch_event_index=str(k + 1)
                        )
                        yield twin
                    continue
                yield row
            # the next visit: some days later, at an hour drawn from the shop's daily rhythm
            later = session_id + int(rng.exponential(2.5) * 86_400) + 3600
            day_start = t0 + (later - t0) // 86_400 * 86_400
            t = day_start + int(rng.choice(24, p=hours)) * 3600 + int(rng.integers(0, 3600))
            if t <= ts // 10**6 + 1800:
                t += 86_400


def sample_rows(
    n_users: int = 800,
    *,
    seed: int = 42,
    start: str = "2024-03-04",
    days: int = 14,
    consent_gap: float = 0.03,
) -> list[dict[str, object]]:
    """:func:`iter_sample_rows` as a list."""
    return list(
        iter_sample_rows(n_users, seed=seed, start=start, days=days, consent_gap=consent_gap)
    )


def write_sample(
    out: str | os.PathLike[str],
    *,
    n_users: int = 800,
    seed: int = 42,
    start: str = "2024-03-04",
    days: int = 14,
    fmt: str = "json.gz",
    force: bool = False,
) -> list[Path]:
    """Write the sample as daily files ``events_YYYYMMDD.<fmt>`` in folder ``out`` (rows shuffled).

    ``fmt``: ``"json.gz"`` (gzip JSON lines, no time stamp in the header: same seed, same bytes),
    ``"json"`` or ``"parquet"``. A folder holding files is refused unless ``force=True``.
    """
    if fmt not in ("json.gz", "json", "parquet"):
        raise ParameterError(f"parameter fmt: expected 'json.gz', 'json' or 'parquet', got {fmt!r}")
    folder = Path(out)
    if folder.is_dir() and any(folder.glob("events_*")) and not force:
        raise OverwriteError(
            f"folder {str(folder)!r} already holds events_* files; pass force=True (--force)"
        )
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("events_*"):
        old.unlink()
    by_day: dict[str, list[dict[str, object]]] = {}
    for row in iter_sample_rows(n_users, seed=seed, start=start, days=days):
        by_day.setdefault(str(row["event_date"]), []).append(row)
    rng = np.random.default_rng(seed + 1)
    written = []
    for day in sorted(by_day):
        rows = by_day[day]
        rows = [rows[i] for i in rng.permutation(len(rows))]
        file = folder / f"events_{day}.{fmt}"
        if fmt == "parquet":
            import pyarrow as pa
            import pyarrow.parquet as pq

            keys = list(dict.fromkeys(k for r in rows for k in r))  # not only row 1's keys
            pq.write_table(pa.Table.from_pylist([{k: r.get(k) for k in keys} for r in rows]), file)
        else:
            text = "".join(json.dumps(r, separators=(",", ":")) + "\n" for r in rows).encode()
            file.write_bytes(
                gzip.compress(text, compresslevel=9, mtime=0) if fmt == "json.gz" else text
            )
        written.append(file)
    return written
