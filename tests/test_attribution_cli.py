"""``journeykit paths``, ``attribution`` and ``assisted`` on small files worked out by hand."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from journeykit.cli import main
from journeykit.schema import Tables, write_tables

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
    """Three people: 1 buys after an ad click and an email, 2 never buys, 3 buys at once."""
    d = tmp_path / "data"
    t0 = pd.Timestamp("2024-05-01 10:00")
    day = pd.Timedelta(days=1)
    users = pd.DataFrame(
        {
            "user_id": [1, 2, 3],
            "persona": ["student"] * 3,
            "first_seen": [t0, t0, t0],
            "acquisition_channel": ["social_ads", "email", "email"],
            "device": ["mobile"] * 3,
            "referred_by": [pd.NA] * 3,
        }
    )
    events = pd.DataFrame(
        {
            "event_id": range(5),
            "user_id": [1, 1, 1, 2, 3],
            "timestamp": [t0, t0 + 2 * day, t0 + 3 * day, t0, t0 + day],
            "channel": ["social_ads", "email", "direct", "email", "email"],
            "device": ["mobile"] * 5,
            "touchpoint": ["instagram_ad", "newsletter", "website", "newsletter", "checkout"],
            "event_type": ["click", "visit", "purchase", "visit", "purchase"],
            "stage": ["engage", "aware", "convert", "aware", "convert"],
            "campaign": [pd.NA] * 5,
            "cost": [1000.0, 0, 0, 0, 0],
        }
    )
    orders = pd.DataFrame(
        {
            "order_id": [0, 1],
            "user_id": [1, 3],
            "timestamp": [t0 + 3 * day, t0 + day],
            "offer_type": ["entry", "entry"],
            "product": ["sampler", "sampler"],
            "price": [40.0, 25.0],
            "cost": [10.0, 10.0],
        }
    )
    referrals = pd.DataFrame(
        {
            c: []
            for c in (
                "referral_id",
                "inviter_id",
                "invitee_id",
                "invite_time",
                "signup_time",
                "reward",
            )
        }
    )
    survey = pd.DataFrame({c: [] for c in ("user_id", "timestamp", "nps", "csat")})
    write_tables(Tables(users, events, orders, referrals, survey), d)
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


def test_missing_data_folder(tmp_path, capsys):
    assert main(["paths", str(tmp_path / "nowhere")]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_paths_on_own_event_names_need_the_touch_types_said(tmp_path, capsys):
    """A GA4-named export: the synthetic touch names are absent, so the default is refused in one
    line; with --touch-types the paths are the sessions' channels (worked by hand below)."""
    import pandas as pd

    from journeykit.cli import main

    folder = tmp_path / "shop"
    folder.mkdir()
    rows = [
        ("u1", "2024-03-01 10:00", "session_start", "social_ads"),
        ("u1", "2024-03-02 09:00", "session_start", "email"),
        ("u1", "2024-03-02 09:05", "purchase", "email"),
        ("u2", "2024-03-01 11:00", "session_start", "organic_search"),
        ("u3", "2024-03-03 12:00", "page_view", "direct"),
        ("u3", "2024-03-03 12:01", "sign_up", "direct"),
    ]
    pd.DataFrame(rows, columns=["user_id", "timestamp", "event_type", "channel"]).to_csv(
        folder / "events.csv", index=False
    )
    assert main(["paths", str(folder)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "touch_types" in err and "session_start" in err
    out = tmp_path / "p.csv"
    assert main(["paths", str(folder), "--touch-types", "session_start", "--out", str(out)]) == 0
    got = pd.read_csv(out).set_index("path")
    # u1: social_ads then email (the purchase's session) -> one conversion; u2: a null path
    assert got.loc["social_ads > email", "total_conversions"] == 1
    assert got.loc["organic_search", "total_null"] == 1
    assert "direct" not in got.index  # u3's page_view is not a touch here
    out2 = tmp_path / "s.csv"
    args = ["paths", str(folder), "--touch-types", "all", "--conversion", "sign_up"]
    assert main([*args, "--out", str(out2)]) == 0
    assert pd.read_csv(out2).set_index("path").loc["direct", "total_conversions"] == 1
