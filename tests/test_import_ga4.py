"""journeykit.imports.ga4 / channels and ``journeykit import ga4``.

The fixture is a GA4 BigQuery export written here by hand in plain Python: several sessions per
user, each session's source only on its first event (or only in session_traffic_source_last_click),
traffic_source fixed to one *other* source (a reader that used it would collapse every path),
rows shuffled over a JSON, a gzip JSON and a Parquet file. Every expectation (the channel of
each event, funnel counts, paths, conversion values) is computed from the fixture's own plan
in plain Python, never from the importer's output.
"""

from __future__ import annotations

import gzip
import json
import random
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journeykit.cli import main
from journeykit.errors import OverwriteError, ParameterError
from journeykit.imports.channels import channel_group, default_channel_group
from journeykit.imports.common import ImportFileError
from journeykit.imports.ga4 import import_ga4, read_ga4

# (source, medium, campaign, the default channel group by Google's rules, worked out by hand)
SOURCES = [
    ("google", "organic", None, "organic_search"),
    ("google", "cpc", "brand", "paid_search"),
    ("facebook", "paid_social", "promo", "social_ads"),
    ("instagram", "social", None, "social_organic"),
    ("newsletter", "email", "weekly", "email"),
    ("kompas.com", "referral", None, "referral"),
    (None, None, None, "direct"),
    ("shopee", "referral", None, "organic_shopping"),
    ("partner", "affiliate", None, "affiliate"),
    ("youtube.com", "referral", None, "organic_video"),
]
FUNNEL = ["page_view", "view_item", "add_to_cart", "begin_checkout", "purchase"]
T0 = 1_709_251_200  # 2024-03-01 00:00:00 UTC, seconds


def plan(seed: int = 7, n_users: int = 40) -> list[dict]:
    """Users → sessions → events, with what each event's channel must be."""
    rng = random.Random(seed)
    users = []
    for u in range(n_users):
        t = T0 + rng.randrange(0, 86_400)
        sessions = []
        for _ in range(rng.randint(1, 4)):
            src = SOURCES[rng.randrange(len(SOURCES))]
            how = rng.choice(["collected", "params", "last_click"])
            depth = rng.randint(1, 5)
            names = FUNNEL[:depth]
            if rng.random() < 0.3:
                names = names[:1] + ["scroll"] + names[1:]
            times = [t + 60 * k + rng.randrange(0, 50) for k in range(len(names))]
            sessions.append(
                {
                    "sid": t,
                    "source": src,
                    "how": how,
                    "names": names,
                    "times": times,
                    "revenue": float(rng.randrange(50, 500) * 1000),
                }
            )
            t += 86_400 + rng.randrange(0, 2 * 86_400)
        users.append({"user": f"{rng.randrange(10**8, 10**9)}.{u}", "sessions": sessions})
    return users


def rows_of(users: list[dict], *, int_as_text: bool = True) -> list[dict]:
    """The export rows, as BigQuery writes them (INT64 as text in JSON)."""
    conv = str if int_as_text else int
    rows = []
    for u in users:
        for s_no, s in enumerate(u["sessions"]):
            src, med, camp, _ = s["source"]
            for k, (name, t) in enumerate(zip(s["names"], s["times"], strict=True)):
                params = [{"key": "ga_session_id", "value": {"int_value": conv(s["sid"])}}]
                row = {
                    "event_timestamp": conv(t * 10**6 + 123),
                    "event_name": name,
                    "user_pseudo_id": u["user"],
                    "event_params": params,
                    "device": {"category": "mobile"},
                    "traffic_source": {"source": "bing", "medium": "organic", "name": "(organic)"},
                }
                if src is not None and s["how"] == "last_click":
                    row["session_traffic_source_last_click"] = {
                        "manual_campaign": {"source": src, "medium": med, "campaign_name": camp}
                    }
                if src is not None and k == 0 and s["how"] == "collected":
                    row["collected_traffic_source"] = {
                        "manual_source": src,
                        "manual_medium": med,
                        "manual_campaign_name": camp,
                    }
                if src is not None and k == 0 and s["how"] == "params":
                    params.append({"key": "source", "value": {"string_value": src}})
                    params.append({"key": "medium", "value": {"string_value": med}})
                    if camp:
                        params.append({"key": "campaign", "value": {"string_value": camp}})
                if name == "purchase":
                    row["ecommerce"] = {
                        "transaction_id": f"T-{u['user']}-{s_no}",
                        "purchase_revenue": s["revenue"],
                    }
                    params.append({"key": "currency", "value": {"string_value": "IDR"}})
                rows.append(row)
    return rows


def write_export(folder: Path, rows: list[dict], seed: int = 1) -> list[Path]:
    """Shuffle the rows and split them over a .json, a .json.gz and a .parquet file."""
    rng = random.Random(seed)
    rows = rows[:]
    rng.shuffle(rows)
    a, b = len(rows) // 3, 2 * len(rows) // 3
    folder.mkdir(parents=True, exist_ok=True)
    f1, f2, f3 = (
        folder / n
        for n in ("events_20240301.json", "events_20240302.json.gz", "events_20240303.parquet")
    )
    f1.write_text("".join(json.dumps(r) + "\n" for r in rows[:a]))
    f2.write_bytes(gzip.compress("".join(json.dumps(r) + "\n" for r in rows[a:b]).encode()))
    part = [json.loads(json.dumps(r)) for r in rows[b:]]
    for r in part:  # Parquet keeps BigQuery's real types: INT64 as numbers
        r["event_timestamp"] = int(r["event_timestamp"])
        for p in r["event_params"]:
            if "int_value" in p["value"]:
                p["value"]["int_value"] = int(p["value"]["int_value"])
    keys = list(dict.fromkeys(k for r in part for k in r))  # from_pylist reads row 1's keys only
    pq.write_table(pa.Table.from_pylist([{k: r.get(k) for k in keys} for r in part]), f3)
    return [f1, f2, f3]


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[dict], list[Path]]:
    users = plan()
    return users, write_export(tmp_path_factory.mktemp("ga4"), rows_of(users))


def expected_events(users: list[dict]) -> list[tuple]:
    out = []
    for u in users:
        for s in u["sessions"]:
            src, med, camp, channel = s["source"]
            for name, t in zip(s["names"], s["times"], strict=True):
                ts = pd.Timestamp(t * 10**9 + 123_000, unit="ns")
                out.append((u["user"], ts, name, channel, src or "(direct)", med or "(none)"))
    return sorted(out)


def test_every_event_gets_its_sessions_channel(export):
    users, files = export
    data = read_ga4(files)
    ev = data.events
    got = sorted(
        zip(
            ev["user_id"],
            ev["timestamp"],
            ev["event_type"],
            ev["channel"],
            ev["source"],
            ev["medium"],
            strict=True,
        )
    )
    assert got == expected_events(users)
    assert ev["timestamp"].is_monotonic_increasing
    assert ev["event_id"].tolist() == list(range(len(ev)))
    # traffic_source (bing / organic, the first acquisition) is only the users' acquisition
    assert set(data.users["acquisition_channel"]) == {"organic_search"}
    assert "organic_search" not in set(ev["channel"]) or any(
        s["source"][3] == "organic_search" for u in users for s in u["sessions"]
    )


def test_file_order_and_row_order_do_not_matter(export, tmp_path):
    users, files = export
    a = read_ga4(files).events
    b = read_ga4(list(reversed(files))).events
    pd.testing.assert_frame_equal(a, b)


@settings(max_examples=8, deadline=None)
@given(st.integers(0, 10**6))
def test_any_shuffle_and_split_gives_the_same_events(tmp_path_factory, shuffle_seed):
    users = plan(seed=3, n_users=8)
    rows = rows_of(users)
    ref = read_ga4(write_export(tmp_path_factory.mktemp("a"), rows, seed=0)).events
    got = read_ga4(write_export(tmp_path_factory.mktemp("b"), rows, seed=shuffle_seed)).events
    pd.testing.assert_frame_equal(ref, got)


def test_orders_one_per_transaction_with_revenue_as_price(export):
    users, files = export
    want = {
        f"T-{u['user']}-{k}": (u["user"], s["revenue"])
        for u in users
        for k, s in enumerate(u["sessions"])
        if "purchase" in s["names"]
    }
    orders = read_ga4(files).orders
    assert (
        dict(
            zip(
                orders["order_id"],
                zip(orders["user_id"], orders["price"], strict=True),
                strict=True,
            )
        )
        == want
    )
    assert set(orders["currency"]) == {"IDR"}


def test_a_purchase_sent_twice_is_one_order(tmp_path):
    users = plan(seed=5, n_users=6)
    rows = rows_of(users)
    buys = [r for r in rows if r["event_name"] == "purchase"]
    twin = json.loads(json.dumps(buys[0]))
    twin["event_timestamp"] = str(int(twin["event_timestamp"]) + 2_000_000)
    data = read_ga4(write_export(tmp_path, rows + [twin]))
    assert len(data.orders) == len(buys)
    assert any("repeated purchase" in w for w in data.report["warnings"])


def independent_paths(users: list[dict]) -> dict[str, list[float]]:
    """path → [conversions, non-converting journeys, value]: sessions up to the first purchase."""
    out: dict[str, list[float]] = {}
    for u in users:
        channels, value, converted = [], 0.0, False
        for s in u["sessions"]:
            channels.append(s["source"][3])
            if "purchase" in s["names"]:
                converted, value = True, s["revenue"]
                break
        row = out.setdefault(" > ".join(channels), [0, 0, 0.0])
        row[0 if converted else 1] += 1
        row[2] += value
    return out


def test_paths_and_conversion_values_match_an_independent_count(export):
    from journeykit.paths import aggregate_paths, conversion_paths

    users, files = export
    data = read_ga4(files)
    names = tuple(sorted(set(data.events["event_type"])))
    journeys = conversion_paths(data.events, data.orders, lookback_days=None, touch_types=names)
    got = {
        r.path: [r.total_conversions, r.total_null, r.total_conversion_value]
        for r in aggregate_paths(journeys).itertuples()
    }
    assert got == independent_paths(users)


def independent_funnel(users: list[dict], steps: list[str]) -> list[int]:
    """Users reaching each step in order (other events in between allowed, no time limit)."""
    reached = [0] * len(steps)
    for u in users:
        evs = sorted(
            (t, n) for s in u["sessions"] for n, t in zip(s["names"], s["times"], strict=True)
        )
        k = 0
        for _, name in evs:
            if k < len(steps) and name == steps[k]:
                k += 1
        for i in range(k):
            reached[i] += 1
    return reached


def test_a_funnel_over_the_shops_own_event_names(export):
    from journeykit.funnels import ordered_funnel

    users, files = export
    data = read_ga4(files)
    got = ordered_funnel(data.events, FUNNEL, window=None)["users"].tolist()
    assert got == independent_funnel(users, FUNNEL)


def test_timezone_shows_the_wall_clock_of_that_zone(export):
    _, files = export
    utc = read_ga4(files).events["timestamp"]
    jakarta = read_ga4(files, timezone="Asia/Jakarta").events["timestamp"]
    assert ((jakarta - utc) == pd.Timedelta(hours=7)).all()
    assert read_ga4(files, timezone="Asia/Jakarta").report["timezone"] == "Asia/Jakarta"


def test_events_without_user_pseudo_id_are_counted_not_guessed(tmp_path):
    rows = rows_of(plan(seed=2, n_users=3))
    anon = json.loads(json.dumps(rows[0]))
    anon["user_pseudo_id"] = None
    f = tmp_path / "events_20240301.json"
    f.write_text("".join(json.dumps(r) + "\n" for r in rows + [anon, anon]))
    data = read_ga4([f])
    assert len(data.events) == len(rows)
    assert data.report["events_without_user"] == 2


def test_a_gclid_alone_is_google_cpc(tmp_path):
    row = {
        "event_timestamp": str(T0 * 10**6),
        "event_name": "page_view",
        "user_pseudo_id": "u",
        "event_params": [{"key": "ga_session_id", "value": {"int_value": "1"}}],
        "collected_traffic_source": {"gclid": "Cj0KCQ"},
    }
    f = tmp_path / "events_20240301.jsonl"
    f.write_text(json.dumps(row) + "\n")
    ev = read_ga4([f]).events
    assert ev[["source", "medium", "channel"]].iloc[0].tolist() == ["google", "cpc", "paid_search"]


# --- bad input: one line naming file / line / column, nothing written -----------------------


def good_row(t: int = T0) -> dict:
    return {
        "event_timestamp": str(t * 10**6),
        "event_name": "page_view",
        "user_pseudo_id": "u1",
        "event_params": [{"key": "ga_session_id", "value": {"int_value": "1"}}],
    }


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(argv)
    err = capsys.readouterr().err
    return code, err


@pytest.mark.parametrize(
    ("lines", "expect"),
    [
        # a truncated last line (a download cut short)
        ([json.dumps(good_row()), json.dumps(good_row())[:40]], ["line 2", "not valid JSON"]),
        # not JSON at all on line 2
        ([json.dumps(good_row()), "hello", json.dumps(good_row())], ["line 2", "not valid JSON"]),
        # a missing column
        (
            [json.dumps({k: v for k, v in good_row().items() if k != "event_name"})],
            ["event_name", "missing column"],
        ),
        # mixed types in one column: a number, then text
        (
            [json.dumps(good_row()), json.dumps(dict(good_row(), event_timestamp=T0 * 10**6))],
            ["event_timestamp", "mixed types", "line 2"],
        ),
        # a wrong type: user ids written as numbers
        (
            [json.dumps(dict(good_row(), user_pseudo_id=123.5))],
            ["user_pseudo_id", "expected text", "line 1"],
        ),
        # not an INT64
        (
            [json.dumps(good_row()), json.dumps(dict(good_row(), event_timestamp="soon"))],
            ["event_timestamp", "whole number", "line 2"],
        ),
        # milliseconds where GA4 writes microseconds: 1970, refused
        (
            [json.dumps(dict(good_row(), event_timestamp=str(T0 * 1000)))],
            ["event_timestamp", "is the unit right"],
        ),
    ],
)
def test_a_bad_file_is_one_line_and_leaves_out_untouched(tmp_path, capsys, lines, expect):
    bad = tmp_path / "events_20240301.json"
    bad.write_text("\n".join(lines) + "\n")
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("mine")
    code, err = run(["import", "ga4", str(bad), "--out", str(out), "--force"], capsys)
    assert code == 2
    assert "Traceback" not in err and err.count("\n") == 1
    assert "events_20240301.json" in err
    for piece in expect:
        assert piece in err
    assert sorted(p.name for p in out.iterdir()) == ["keep.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "events_20240301.json",
        "out",
    ]  # no temp left


def test_unknown_timezone_is_refused_before_reading(tmp_path, capsys):
    f = tmp_path / "events_20240301.json"
    f.write_text(json.dumps(good_row()) + "\n")
    code, err = run(
        ["import", "ga4", str(f), "--out", str(tmp_path / "o"), "--timezone", "Asia/Jakrta"], capsys
    )
    assert code == 2 and "unknown time zone 'Asia/Jakrta'" in err
    assert not (tmp_path / "o").exists()


def test_an_existing_folder_needs_force_and_is_then_replaced_whole(export, tmp_path, capsys):
    _, files = export
    out = tmp_path / "shop"
    out.mkdir()
    (out / "keep.txt").write_text("mine")
    code, err = run(["import", "ga4", *map(str, files), "--out", str(out)], capsys)
    assert code == 2 and "--force" in err
    assert (out / "keep.txt").read_text() == "mine"
    with pytest.raises(OverwriteError):
        import_ga4(files, out)
    assert main(["import", "ga4", *map(str, files), "--out", str(out), "--force"]) == 0
    assert sorted(p.name for p in out.iterdir()) == [
        "events.csv.gz",
        "import.json",
        "orders.csv.gz",
        "users.csv.gz",
    ]
    back = pd.read_csv(out / "events.csv.gz", dtype={"user_id": "string"})
    assert len(back) == len(read_ga4(files).events)


def test_parquet_output_keeps_types(export, tmp_path):
    _, files = export
    import_ga4(files, tmp_path / "p", fmt="parquet")
    ev = pd.read_parquet(tmp_path / "p" / "events.parquet")
    assert str(ev["timestamp"].dtype).startswith("datetime64")
    assert ev["user_id"].map(type).eq(str).all()


def test_not_a_ga4_file(tmp_path):
    f = tmp_path / "notes.txt"
    f.write_text("x")
    with pytest.raises(ImportFileError, match="expected a GA4 export file"):
        read_ga4([f])
    with pytest.raises(ImportFileError, match="no such file"):
        read_ga4([tmp_path / "missing.json"])


# --- GA4's default channel grouping, rule by rule (Google Analytics Help 9756891) ----------

GOOGLE_CASES = [
    # Direct: source "(direct)" and medium "(none)" / "(not set)"
    ("(direct)", "(none)", None, "direct"),
    ("(direct)", "(not set)", None, "direct"),
    (None, None, None, "direct"),
    # Cross-network: campaign name contains "cross-network"
    ("google", "cpc", "pmax cross-network spring", "cross_network"),
    # Paid Shopping: shopping site (or shopping campaign) and a paid medium
    ("shopee", "cpc", None, "paid_shopping"),
    ("google", "cpc", "shopping_ramadan", "paid_shopping"),
    # Paid Search: search site and paid medium (before Display: google / cpm is paid search)
    ("google", "cpc", None, "paid_search"),
    ("bing", "ppc", None, "paid_search"),
    ("google", "cpm", None, "paid_search"),
    # Paid Social: social site and paid medium
    ("facebook", "paid_social", None, "social_ads"),
    ("tiktok", "cpc", None, "social_ads"),
    ("instagram", "retargeting", None, "social_ads"),
    # Paid Video
    ("youtube", "cpv", None, "paid_video"),
    # Display: display / banner / expandable / interstitial / cpm
    ("gdn", "banner", None, "display"),
    ("dv360", "cpm", None, "display"),  # cpm is also "paid", but Display comes first
    ("google", "display", None, "display"),
    # Paid Other: a paid medium from an unlisted source
    ("partner", "cpa", None, "paid_other"),
    ("adnet", "paid", None, "paid_other"),
    # Organic Shopping: shopping site, or a campaign name with "shop"
    ("tokopedia", "referral", None, "organic_shopping"),
    ("newsletter", "referral", "summer-shop", "organic_shopping"),
    # Organic Social: social site, or a social medium
    ("l.facebook.com", "referral", None, "social_organic"),
    ("t.co", "referral", None, "social_organic"),
    ("mysite", "social-network", None, "social_organic"),
    ("whatsapp", "(none)", None, "social_organic"),
    # Organic Video: video site or a medium containing "video"
    ("youtube.com", "referral", None, "organic_video"),
    ("vendor", "video", None, "organic_video"),
    # Organic Search: search site or medium "organic"
    ("google", "organic", None, "organic_search"),
    ("google.co.id", "referral", None, "organic_search"),
    ("duckduckgo", "(none)", None, "organic_search"),
    ("sitesearch", "organic", None, "organic_search"),
    # Referral: medium referral / app / link
    ("kompas.com", "referral", None, "referral"),
    ("partner-app", "app", None, "referral"),
    # Email: source or medium email / e-mail / e_mail / e mail
    ("newsletter", "email", None, "email"),
    ("e-mail", "blast", None, "email"),
    ("crm", "E_Mail", None, "email"),  # case is ignored
    # Affiliates, Audio, SMS, Mobile Push Notifications
    ("kopiblog", "affiliate", None, "affiliate"),
    ("spotify", "audio", None, "audio"),
    ("twilio", "sms", None, "sms"),
    ("sms", "blast", None, "sms"),
    ("app", "web_push", None, "mobile_push"),
    ("app", "mobile-banner", None, "mobile_push"),
    ("firebase", "inapp", None, "mobile_push"),
    # Unassigned: nothing matches (also "(not set)" sources)
    ("(not set)", "(not set)", None, "unassigned"),
    ("printed-flyer", "qr", None, "unassigned"),
]


@pytest.mark.parametrize(("source", "medium", "campaign", "want"), GOOGLE_CASES)
def test_default_channel_group_follows_googles_rules(source, medium, campaign, want):
    assert channel_group(source, medium, campaign) == want


def test_vectorised_grouping_equals_the_case_by_case_rules():
    src, med, camp, want = zip(*GOOGLE_CASES, strict=True)
    assert default_channel_group(list(src), list(med), list(camp)).tolist() == list(want)


def test_extra_sites_extend_googles_lists():
    assert channel_group("kopikita-marketplace", "cpc") == "paid_other"
    assert (
        channel_group(
            "kopikita-marketplace", "cpc", extra_sites={"shopping": ["kopikita-marketplace"]}
        )
        == "paid_shopping"
    )
    with pytest.raises(ParameterError, match="extra_sites"):
        channel_group("x", "y", extra_sites={"news": ["x"]})


def test_the_committed_sample_is_what_the_script_writes():
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[1]
    done = subprocess.run(
        [sys.executable, str(root / "tools" / "make_ga4_sample.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_sample_reads_as_its_datasheet_says():
    root = Path(__file__).resolve().parents[1]
    data = read_ga4([root / "datasets" / "ga4_sample"])
    r = data.report
    assert (r["events"], r["users"], r["sessions"], r["orders"]) == (5593, 787, 1393, 120)
    assert r["events_without_user"] == 172
    # every session has exactly one channel, whatever event carried its source
    assert data.events.groupby("session_id")["channel"].nunique().max() == 1


def test_every_ga4_channel_group_has_labels_in_both_languages():
    from journeykit.i18n import t
    from journeykit.imports.channels import GA4_CHANNELS

    for key in GA4_CHANNELS:
        en, id_ = t(f"channel.{key}", "en"), t(f"channel.{key}", "id")
        assert en.strip() and id_.strip(), key


# --- exercise 13's checks recognise the mistakes real exports invite ------------------------


@pytest.fixture(scope="module")
def sample():
    root = Path(__file__).resolve().parents[1]
    files = [root / "datasets" / "ga4_sample"]
    return read_ga4(files, timezone="Asia/Jakarta"), read_ga4(files)


def test_checks_explain_the_usual_mistakes(sample):
    from journeykit.checks import your_own_data as check
    from journeykit.paths import conversion_paths

    data, utc = sample
    ev, orders = data.events, data.orders
    direct = ev[ev["channel"] == "direct"]
    assert check.check_direct_sessions(direct["session_id"].nunique(), ev).ok
    fb = check.check_direct_sessions(len(direct), ev)
    assert not fb.ok and "counted events" in fb.message
    # revenue: the orders, not the purchase events (three were sent twice)
    assert check.check_revenue(orders["price"].sum(), orders, ev).ok
    summed = ev.loc[ev["event_type"] == "purchase", "value"].sum()
    assert summed > orders["price"].sum()
    fb = check.check_revenue(summed, orders, ev)
    assert not fb.ok and "sends a purchase twice" in fb.message
    # the busiest hour: the shop's clock, not UTC
    local = int(orders["timestamp"].dt.hour.value_counts().sort_index().idxmax())
    in_utc = int(utc.orders["timestamp"].dt.hour.value_counts().sort_index().idxmax())
    assert (local - in_utc) % 24 == 7
    assert check.check_busiest_hour(local, orders, utc_orders=utc.orders).ok
    fb = check.check_busiest_hour(in_utc, orders, utc_orders=utc.orders)
    assert not fb.ok and "UTC" in fb.message
    # email's assists: session channels, not traffic_source
    right = conversion_paths(ev, orders, touch_types="all")
    wrong = conversion_paths(ga4_first_touch(ev, data.users), orders, touch_types="all")
    from journeykit.paths import assisted_conversions

    good = assisted_conversions(right).set_index("channel").loc["email", "assisted_conversions"]
    bad = assisted_conversions(wrong).set_index("channel").loc["email", "assisted_conversions"]
    assert bad < good  # one channel per user: email only assists its own repeat visits
    assert check.check_email_assisted(good, right, first_touch_journeys=wrong).ok
    fb = check.check_email_assisted(bad, right, first_touch_journeys=wrong)
    assert not fb.ok and "traffic_source" in fb.message


def ga4_first_touch(events, users):
    from journeykit.imports.ga4 import first_touch_events

    return first_touch_events(events, users)


def test_small_slices_give_the_same_result_and_the_right_line(tmp_path):
    users = plan(seed=4, n_users=10)
    rows = rows_of(users)
    f = tmp_path / "events_20240301.json"
    f.write_text("".join(json.dumps(r) + "\n" for r in rows))
    whole = read_ga4([f]).events
    sliced = read_ga4([f], chunk_bytes=1024).events  # a few rows per slice
    pd.testing.assert_frame_equal(whole, sliced)
    lines = [json.dumps(r) for r in rows]
    lines[len(lines) - 3] = lines[len(lines) - 3][:25]  # cut short, deep in a later slice
    f.write_text("\n".join(lines) + "\n")
    with pytest.raises(ImportFileError, match=rf"line {len(lines) - 2}: not valid JSON"):
        read_ga4([f], chunk_bytes=1024)
