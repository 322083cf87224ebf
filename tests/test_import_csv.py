"""journeykit.imports.csv and ``journeykit import csv``: Segment / Snowplow events, a shop's orders.

Expected values are worked out by hand in the comments (epoch arithmetic, UTC offsets, GA4's
channel rules), not taken from the importer.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from journeykit.cli import main
from journeykit.errors import OverwriteError, ParameterError
from journeykit.imports.common import ImportFileError
from journeykit.imports.csv import import_csv, parse_map, read_csv_table, read_mapping

SEGMENT = """anonymous_id,event,timestamp,context_campaign_source,context_campaign_medium
007,Product Viewed,2024-03-05T03:22:01Z,google,cpc
007,Order Completed,2024-03-05T03:30:00Z,,
abc,Product Viewed,2024-03-04T23:59:59Z,newsletter,email
"""

SHOPIFY = """Name,Email,Created at,Total,Lineitem name
#1001,ani@example.com,2024-03-05 10:22:01 +0700,95000.00,Kopi Gayo
#1001,ani@example.com,2024-03-05 10:22:01 +0700,,V60 dripper
#1002,budi@example.com,2024-03-06 08:00:00 +0700,65000,Cold brew
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    f = tmp_path / name
    f.write_text(text)
    return f


SEG_MAP = "user_id=anonymous_id,event_type=event,timestamp=timestamp,source=context_campaign_source,medium=context_campaign_medium"


def test_segment_events_keep_text_ids_utc_times_and_get_ga4_channels(tmp_path):
    ev = read_csv_table(write(tmp_path, "tracks.csv", SEGMENT), "events", parse_map(SEG_MAP))
    # sorted by time: abc (23:59:59 on the 4th) first
    assert ev["user_id"].tolist() == ["abc", "007", "007"]  # "007" keeps its zeros
    assert ev["timestamp"].tolist() == [
        pd.Timestamp("2024-03-04 23:59:59"),
        pd.Timestamp("2024-03-05 03:22:01"),
        pd.Timestamp("2024-03-05 03:30:00"),
    ]
    # newsletter / email → Email; google / cpc → Paid Search; no source → Direct
    assert ev["channel"].tolist() == ["email", "paid_search", "direct"]
    assert ev["event_id"].tolist() == [0, 1, 2]


def test_timezone_gives_the_local_wall_clock(tmp_path):
    ev = read_csv_table(
        write(tmp_path, "tracks.csv", SEGMENT),
        "events",
        parse_map(SEG_MAP),
        timezone="Asia/Jakarta",
    )
    # 23:59:59 UTC on the 4th is 06:59:59 on the 5th in Jakarta (UTC+7)
    assert ev["timestamp"].iloc[0] == pd.Timestamp("2024-03-05 06:59:59")


def test_shopify_orders_one_per_order_in_utc(tmp_path):
    orders = read_csv_table(
        write(tmp_path, "orders.csv", SHOPIFY),
        "orders",
        parse_map(
            "order_id=Name,user_id=Email,timestamp=Created at,price=Total,product=Lineitem name"
        ),
    )
    assert orders["order_id"].tolist() == ["#1001", "#1002"]
    assert orders["price"].tolist() == [95000.0, 65000.0]  # the total is on the first line only
    # 10:22:01 +0700 is 03:22:01 UTC; 08:00 +0700 is 01:00 UTC
    assert orders["timestamp"].tolist() == [
        pd.Timestamp("2024-03-05 03:22:01"),
        pd.Timestamp("2024-03-06 01:00:00"),
    ]
    assert orders["product"].iloc[0] == "Kopi Gayo"


EPOCHS = """uid,ev,ts
u1,visit,1709600000000000
u1,purchase,1710291200000000
"""


def test_epoch_numbers_need_a_unit_and_then_mean_it(tmp_path):
    f = write(tmp_path, "e.csv", EPOCHS)
    m = parse_map("user_id=uid,event_type=ev,timestamp=ts")
    with pytest.raises(ImportFileError, match=r"column ts: holds whole numbers .* timestamp_unit"):
        read_csv_table(f, "events", m)
    ev = read_csv_table(f, "events", m, timestamp_unit="us")
    # 1709600000 s = 2024-03-05 00:53:20 UTC; the second is 691200 s = exactly 8 days later
    assert ev["timestamp"].iloc[0] == pd.Timestamp("2024-03-05 00:53:20")
    assert ev["timestamp"].iloc[1] - ev["timestamp"].iloc[0] == pd.Timedelta(days=8)
    # the same numbers read as milliseconds land in 56,000 AD: refused, never a wrong date
    with pytest.raises(ImportFileError, match="is the unit right"):
        read_csv_table(f, "events", m, timestamp_unit="ms")
    # as nanoseconds: January 1970, refused too
    with pytest.raises(ImportFileError, match="1970-01-20"):
        read_csv_table(f, "events", m, timestamp_unit="ns")


@pytest.mark.parametrize(
    ("text", "mapping", "pieces"),
    [
        (
            SEGMENT,
            "user_id=anonymousId,event_type=event,timestamp=timestamp",
            ["column 'anonymousId' (for user_id) not found", "'anonymous_id'"],
        ),
        (
            "uid,ev,ts\nu1,visit,2024-03-05 10:00\n,visit,2024-03-05 11:00\n",
            "user_id=uid,event_type=ev,timestamp=ts",
            ["line 3", "column uid: missing value"],
        ),
        (
            "uid,ev,ts\nu1,visit,2024-03-05 10:00\nu1,visit,next tuesday\n",
            "user_id=uid,event_type=ev,timestamp=ts",
            ["line 3", "column ts", "'next tuesday'"],
        ),
        (
            "uid,ev,ts\nu1,visit,2024-03-05 10:00+07:00\nu1,visit,2024-03-05 11:00\n",
            "user_id=uid,event_type=ev,timestamp=ts",
            ["line 3", "UTC offset"],
        ),
        (
            "uid,ev,ts\nu1,visit,1709600000\nu1,visit,2024-03-05 11:00\n",
            "user_id=uid,event_type=ev,timestamp=ts",
            ["line 2", "mixes epoch numbers"],
        ),
    ],
)
def test_bad_events_files_name_file_line_and_column(tmp_path, text, mapping, pieces):
    with pytest.raises(ImportFileError) as err:
        read_csv_table(write(tmp_path, "bad.csv", text), "events", parse_map(mapping))
    msg = str(err.value)
    assert "bad.csv" in msg and "\n" not in msg
    for p in pieces:
        assert p in msg


def test_prices_must_be_plain_non_negative_numbers(tmp_path):
    m = parse_map("order_id=id,user_id=c,timestamp=t,price=total")
    f = write(
        tmp_path,
        "o.csv",
        "id,c,t,total\n1,a,2024-03-05 10:00,95000\n2,b,2024-03-05 11:00,Rp 95.000\n",
    )
    with pytest.raises(
        ImportFileError, match=r"o.csv line 3: column total: expected a plain number.*'Rp 95.000'"
    ):
        read_csv_table(f, "orders", m)
    f = write(
        tmp_path, "o3.csv", "id,c,t,total\n1,a,2024-03-05 10:00,95000\n2,b,2024-03-05 11:00,\n"
    )
    with pytest.raises(
        ImportFileError, match="o3.csv line 3: column total: order '2' has no price"
    ):
        read_csv_table(f, "orders", m)
    f = write(tmp_path, "o2.csv", "id,c,t,total\n1,a,2024-03-05 10:00,-5\n")
    with pytest.raises(ImportFileError, match="line 2: column total: expected numbers >= 0"):
        read_csv_table(f, "orders", m)


def test_mapping_names_are_checked():
    with pytest.raises(ParameterError, match="unknown name 'persona'"):
        read_csv_table(
            "x.csv", "events", {"user_id": "a", "timestamp": "b", "event_type": "c", "persona": "d"}
        )
    with pytest.raises(ParameterError, match="say which column holds event_type"):
        read_csv_table("x.csv", "events", {"user_id": "a", "timestamp": "b"})


def test_toml_mapping_imports_events_and_orders_together(tmp_path, capsys):
    write(tmp_path, "tracks.csv", SEGMENT)
    write(tmp_path, "orders.csv", SHOPIFY)
    toml = write(
        tmp_path,
        "shop.toml",
        """timezone = "Asia/Jakarta"
[events]
file = "tracks.csv"
user_id = "anonymous_id"
event_type = "event"
timestamp = "timestamp"
source = "context_campaign_source"
medium = "context_campaign_medium"
[orders]
file = "orders.csv"
order_id = "Name"
user_id = "Email"
timestamp = "Created at"
price = "Total"
""",
    )
    out = tmp_path / "shop"
    assert main(["import", "csv", "--mapping", str(toml), "--out", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == [
        "events.csv.gz",
        "import.json",
        "orders.csv.gz",
        "users.csv.gz",
    ]
    orders = pd.read_csv(out / "orders.csv.gz")
    assert orders["timestamp"].tolist() == ["2024-03-05 10:22:01", "2024-03-06 08:00:00"]  # Jakarta
    users = pd.read_csv(out / "users.csv.gz", dtype={"user_id": str})
    assert sorted(users["user_id"]) == ["007", "abc", "ani@example.com", "budi@example.com"]


def test_a_bad_toml_is_one_line(tmp_path):
    with pytest.raises(ImportFileError, match="not valid TOML"):
        read_mapping(write(tmp_path, "m.toml", "[events\nuser_id = 'a'\n"))
    with pytest.raises(ImportFileError, match="unknown key"):
        read_mapping(write(tmp_path, "m2.toml", "[sessions]\nuser_id = 'a'\n"))


def test_never_overwrites_and_a_bad_file_leaves_out_untouched(tmp_path, capsys):
    good = write(tmp_path, "tracks.csv", SEGMENT)
    bad = write(tmp_path, "bad.csv", "anonymous_id,event,timestamp\n,x,2024-01-01\n")
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("mine")
    argv = [
        "import",
        "csv",
        str(good),
        "--map",
        "user_id=anonymous_id,event_type=event,timestamp=timestamp",
        "--out",
        str(out),
    ]
    assert main(argv) == 2
    assert "--force" in capsys.readouterr().err
    with pytest.raises(OverwriteError):
        import_csv(
            out,
            events=good,
            events_map=parse_map("user_id=anonymous_id,event_type=event,timestamp=timestamp"),
        )
    assert (
        main(
            [
                "import",
                "csv",
                str(bad),
                "--map",
                "user_id=anonymous_id,event_type=event,timestamp=timestamp",
                "--out",
                str(out),
                "--force",
            ]
        )
        == 2
    )
    err = capsys.readouterr().err
    assert "bad.csv line 2: column anonymous_id: missing value" in err and "Traceback" not in err
    assert sorted(p.name for p in out.iterdir()) == ["keep.txt"]
    assert main([*argv, "--force"]) == 0
    assert not (out / "keep.txt").exists() and (out / "events.csv.gz").exists()


def test_cli_epoch_unit_and_unknown_timezone(tmp_path, capsys):
    f = write(tmp_path, "e.csv", EPOCHS)
    base = ["import", "csv", str(f), "--map", "user_id=uid,event_type=ev,timestamp=ts"]
    assert main([*base, "--out", str(tmp_path / "a")]) == 2
    assert "--timestamp-unit" in capsys.readouterr().err
    assert main([*base, "--out", str(tmp_path / "b"), "--timezone", "Mars/Base"]) == 2
    assert "unknown time zone 'Mars/Base'" in capsys.readouterr().err
    assert main([*base, "--out", str(tmp_path / "c"), "--timestamp-unit", "us"]) == 0
    ev = pd.read_csv(tmp_path / "c" / "events.csv.gz", parse_dates=["timestamp"])
    assert (ev["timestamp"].iloc[1] - ev["timestamp"].iloc[0]) == pd.Timedelta(days=8)
