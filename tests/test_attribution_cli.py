"""``journeykit paths``, ``attribution`` and ``assisted`` on small files worked out by hand."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from journeykit.cli import main

PATHS_CSV = (
    "path,total_conversions,total_null,total_conversion_value\n"
    "social_ads > email > direct,3,5,300\n"
    "email,2,4,150\n"
    "social_ads > direct,1,9,80\n"
)


@pytest.fixture
def paths_csv(tmp_path):
    f = tmp_path / "paths.csv"
    f.write_text(PATHS_CSV)
    return f


@pytest.fixture
def data_dir(tmp_path):
    d = tmp_path / "data"
    d.mkdir()
    t = pd.Timestamp("2024-05-01 10:00")
    day = pd.Timedelta(days=1)
    pd.DataFrame(
        {
            "user_id": [1, 1, 1, 2, 3],
            "timestamp": [t, t + 2 * day, t + 3 * day, t, t + day],
            "channel": ["social_ads", "email", "direct", "email", "email"],
            "device": ["mobile"] * 5,
            "event_type": ["click", "visit", "purchase", "visit", "purchase"],
        }
    ).to_csv(d / "events.csv", index=False)
    pd.DataFrame(
        {"user_id": [1, 3], "timestamp": [t + 3 * day, t + day], "price": [40.0, 25.0]}
    ).to_csv(d / "orders.csv", index=False)
    return d


def test_paths_command_writes_the_aggregated_table(data_dir, tmp_path, capsys):
    out = tmp_path / "paths.csv"
    assert main(["paths", str(data_dir), "--out", str(out)]) == 0
    got = pd.read_csv(out)
    assert list(got.columns) == [
        "path",
        "total_conversions",
        "total_null",
        "total_conversion_value",
    ]
    assert got.to_dict("list") == {
        "path": ["email", "social_ads > email > direct"],
        "total_conversions": [1, 1],
        "total_null": [1, 0],
        "total_conversion_value": [25.0, 40.0],
    }
    # refuses to overwrite, says how
    assert main(["paths", str(data_dir), "--out", str(out)]) == 2
    assert "--force" in capsys.readouterr().err
    assert main(["paths", str(data_dir), "--out", str(out), "--force"]) == 0


def test_paths_lookback_option(data_dir, capsys):
    assert main(["paths", str(data_dir), "--lookback-days", "1"]) == 0
    got = pd.read_csv(io.StringIO(capsys.readouterr().out))
    # the ad click 3 days before the purchase is out; the email exactly 1 day before is in
    assert set(got["path"]) == {"email", "email > direct"}


def test_attribution_command_columns_named_as_given(paths_csv, capsys):
    assert main(["attribution", str(paths_csv), "--models", "last,first,linear"]) == 0
    got = pd.read_csv(io.StringIO(capsys.readouterr().out)).set_index("channel")
    assert list(got.columns) == ["last", "first", "linear"]
    assert got["first"].to_dict() == {"direct": 0, "email": 2, "social_ads": 4}
    assert got["last"].to_dict() == {"direct": 4, "email": 2, "social_ads": 0}
    assert got["linear"].to_dict() == pytest.approx({"direct": 1.5, "email": 3, "social_ads": 1.5})


def test_attribution_value_and_out(paths_csv, tmp_path):
    out = tmp_path / "credit.csv"
    args = ["attribution", str(paths_csv), "--models", "first,markov", "--value", "--out", str(out)]
    assert main(args) == 0
    got = pd.read_csv(out).set_index("channel")
    assert got["first"].to_dict() == {"direct": 0, "email": 150, "social_ads": 380}
    assert got["markov"].sum() == pytest.approx(530)
    assert main(args) == 2  # exists


def test_assisted_command(paths_csv, capsys):
    assert main(["assisted", str(paths_csv)]) == 0
    got = pd.read_csv(io.StringIO(capsys.readouterr().out)).set_index("channel")
    assert list(got.columns)[:3] == [
        "last_click_conversions",
        "assisted_conversions",
        "assisted_to_last_click_ratio",
    ]
    assert {"last_click_conversion_value", "assisted_conversion_value"} <= set(got.columns)
    assert got["assisted_conversions"].to_dict() == {"direct": 0, "email": 3, "social_ads": 4}
    assert got.loc["email", "assisted_to_last_click_ratio"] == pytest.approx(1.5)
    assert got.loc["social_ads", "assisted_to_last_click_ratio"] == float("inf")
    assert got.loc["social_ads", "assisted_conversion_value"] == 380


@pytest.mark.parametrize(
    ("csv", "args", "message"),
    [
        ("path,total_conversions\na,-1\n", [], "total_conversions"),
        ("path,total_conversions\n,1\n", [], "empty path"),
        ("path,total_conversions\na;b,1\n", [], "separator ';'"),
        ("path,total_null\na,1\n", [], "total_conversions: missing column"),
        ("path,total_conversions\na,1\n", ["--value"], "total_conversion_value"),
        ("path,total_conversions\na,1\n", ["--models", "first,shapley"], "models"),
    ],
)
def test_bad_input_is_one_clear_line(tmp_path, capsys, csv, args, message):
    f = tmp_path / "bad.csv"
    f.write_text(csv)
    assert main(["attribution", str(f), *args]) == 2
    err = capsys.readouterr().err
    assert err.startswith("journeykit: error:") and message in err
    assert "Traceback" not in err


def test_missing_events_table(tmp_path, capsys):
    assert main(["paths", str(tmp_path)]) == 2
    assert "events.parquet or events.csv" in capsys.readouterr().err
