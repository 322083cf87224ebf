"""Tests of journeykit.schema: the validator's messages and reading/writing data set folders."""

from __future__ import annotations

import dataclasses
import gzip

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journeykit.errors import OverwriteError, ParameterError, SchemaError
from journeykit.schema import (
    TABLES,
    Tables,
    read_tables,
    validate_table,
    validate_tables,
    write_tables,
)


def _tables() -> Tables:
    """Two users by hand: Ani (0) buys and invites Budi (1), who signs up two days later."""
    ts = pd.to_datetime
    users = pd.DataFrame(
        {
            "user_id": [0, 1],
            "persona": ["student", "office_worker"],
            "first_seen": ts(["2024-01-01 09:00", "2024-01-10 12:00"]),
            "acquisition_channel": ["social_ads", "referral"],
            "device": ["mobile", "desktop"],
            "referred_by": [None, 0],
        }
    )
    events = pd.DataFrame(
        {
            "event_id": [0, 1, 2, 3, 4],
            "user_id": [0, 0, 0, 0, 1],
            "timestamp": ts(
                [
                    "2024-01-01 09:00",
                    "2024-01-01 09:05",
                    "2024-01-02 20:00",
                    "2024-01-08 08:00",
                    "2024-01-10 12:00",
                ]
            ),
            "channel": ["social_ads", "social_ads", "direct", "whatsapp", "referral"],
            "device": ["mobile", "mobile", "mobile", "mobile", "desktop"],
            "touchpoint": ["instagram_ad", "instagram_ad", "checkout", "referral_link", "web"],
            "event_type": ["impression", "click", "purchase", "invite", "visit"],
            "stage": ["aware", "engage", "convert", "promote", "aware"],
            "campaign": [None, "brewing_guide", None, None, None],
            "cost": [0.0, 1200.0, 0.0, 0.0, 0.0],
        }
    )
    orders = pd.DataFrame(
        {
            "order_id": [0],
            "user_id": [0],
            "timestamp": ts(["2024-01-02 20:00"]),
            "offer_type": ["entry"],
            "product": ["sampler_pack"],
            "price": [49000.0],
            "cost": [42000.0],
        }
    )
    referrals = pd.DataFrame(
        {
            "referral_id": [0],
            "inviter_id": [0],
            "invitee_id": [1],
            "invite_time": ts(["2024-01-08 08:00"]),
            "signup_time": ts(["2024-01-10 12:00"]),
            "reward": [25000.0],
        }
    )
    survey = pd.DataFrame(
        {"user_id": [0], "timestamp": ts(["2024-01-05 10:00"]), "nps": [9], "csat": [5]}
    )
    return Tables(users, events, orders, referrals, survey)


def _with(table: str, df: pd.DataFrame) -> Tables:
    return dataclasses.replace(_tables(), **{table: df})


def _error(tables: Tables) -> SchemaError:
    with pytest.raises(SchemaError) as info:
        validate_tables(tables)
    return info.value


def test_hand_made_tables_are_valid_and_get_canonical_dtypes():
    out = validate_tables(_tables())
    assert str(out.users["referred_by"].dtype) == "Int64"
    assert out.users["referred_by"].isna().tolist() == [True, False]
    assert out.events["campaign"].isna().tolist() == [True, False, True, True, True]
    assert str(out.events["timestamp"].dtype) == "datetime64[ns]"
    assert out.survey["nps"].tolist() == [9]


def test_missing_column_names_table_and_column():
    err = _error(_with("events", _tables().events.drop(columns=["stage"])))
    assert (err.table, err.column) == ("events", "stage")
    assert str(err).startswith("events.stage: missing column(s) stage; has event_id")


def test_wrong_type_names_the_rows():
    users = _tables().users.astype({"user_id": object})
    users.loc[1, "user_id"] = "B-1"
    err = _error(_with("users", users))
    assert str(err) == "users.user_id: expected whole numbers [rows 1]"


def test_unknown_channel_and_unknown_stage():
    ev = _tables().events
    ev.loc[[1, 3], "channel"] = "tiktok"
    err = _error(_with("events", ev))
    assert err.column == "channel" and err.rows == [1, 3]
    assert "unknown value 'tiktok'; expected one of organic_search, paid_search" in str(err)
    ev = _tables().events
    ev.loc[0, "stage"] = "loyal"
    assert "events.stage: unknown value 'loyal'" in str(_error(_with("events", ev)))


def test_stage_must_fit_the_event_type():
    ev = _tables().events
    ev.loc[2, "stage"] = "advocate"  # a purchase shows convert or ascend
    err = _error(_with("events", ev))
    assert err.rows == [2]
    assert "stage 'advocate' is not one an event of type 'purchase' can show" in str(err)
    assert "expected convert, ascend" in str(err)


def test_timestamps_out_of_order():
    ev = _tables().events
    ev.loc[4, "timestamp"] = pd.Timestamp("2024-01-09")  # Budi before his first visit
    err = _error(_with("events", ev))
    assert str(err) == (
        "events.timestamp: timestamps before the user's first_seen (out of order) [rows 4]"
    )
    ref = _tables().referrals
    ref.loc[0, "signup_time"] = pd.Timestamp("2024-01-07")
    assert "signup before its invite_time" in str(_error(_with("referrals", ref)))
    ref = _tables().referrals
    ref.loc[0, "invite_time"] = pd.Timestamp("2023-12-31")
    assert "before the inviter's first_seen" in str(_error(_with("referrals", ref)))


def test_dangling_user_ids():
    orders = _tables().orders
    orders.loc[0, "user_id"] = 7
    err = _error(_with("orders", orders))
    assert str(err) == "orders.user_id: user ids not in users.user_id [rows 0]"
    users = _tables().users
    users.loc[1, "referred_by"] = 5
    assert str(_error(_with("users", users))).startswith("users.referred_by: user ids not in")


def test_invitee_first_seen_before_invite_is_refused():
    users = _tables().users
    users.loc[1, "first_seen"] = pd.Timestamp("2024-01-05")
    events = _tables().events
    events.loc[4, "timestamp"] = pd.Timestamp("2024-01-05")
    ref = _tables().referrals
    ref.loc[0, "signup_time"] = pd.Timestamp("2024-01-09")
    tables = dataclasses.replace(_tables(), users=users, events=events, referrals=ref)
    assert "invitee first seen before the invite was sent" in str(_error(tables))


@pytest.mark.parametrize(
    ("table", "column", "value", "problem"),
    [
        ("survey", "nps", 11, "values above 10"),
        ("survey", "csat", 0, "values below 1"),
        ("orders", "price", -1.0, "values below 0"),
        ("events", "cost", "cheap", "expected numbers"),
        ("users", "first_seen", "soon", "expected timestamps like '2024-01-31 14:05:00'"),
    ],
)
def test_values_out_of_range_or_of_the_wrong_kind(table, column, value, problem):
    df = getattr(_tables(), table).astype({column: object})
    df.loc[0, column] = value
    err = _error(_with(table, df))
    assert (err.table, err.column) == (table, column)
    assert problem in str(err)


def test_duplicate_ids_and_non_frames():
    ev = _tables().events
    ev.loc[3, "event_id"] = 0
    assert str(_error(_with("events", ev))) == "events.event_id: duplicate ids [rows 3]"
    with pytest.raises(SchemaError, match="users: expected a pandas DataFrame, got dict"):
        validate_table("users", {"user_id": [1]})


# --- files -------------------------------------------------------------------------------------


def test_write_then_read_gives_the_same_frames_and_deterministic_bytes(tmp_path):
    tables = validate_tables(_tables())
    write_tables(tables, tmp_path / "a")
    write_tables(tables, tmp_path / "b")
    for name in TABLES:
        a = (tmp_path / "a" / f"{name}.csv.gz").read_bytes()
        assert a == (tmp_path / "b" / f"{name}.csv.gz").read_bytes()
        assert a[4:8] == b"\0\0\0\0"  # gzip header time is zero
    text = gzip.decompress((tmp_path / "a" / "events.csv.gz").read_bytes()).decode()
    assert text.splitlines()[:2] == [
        "event_id,user_id,timestamp,channel,device,touchpoint,event_type,stage,campaign,cost",
        "0,0,2024-01-01 09:00:00,social_ads,mobile,instagram_ad,impression,aware,,0",
    ]
    back = read_tables(tmp_path / "a")
    for (name, x), (_, y) in zip(tables.items(), back.items(), strict=True):
        pd.testing.assert_frame_equal(x, y, obj=name)


def test_parquet_round_trip_and_force_replaces_other_formats(tmp_path):
    tables = validate_tables(_tables())
    write_tables(tables, tmp_path, fmt="csv")
    with pytest.raises(OverwriteError, match="already holds files; pass force=True"):
        write_tables(tables, tmp_path, fmt="parquet")
    files = write_tables(tables, tmp_path, fmt="parquet", force=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in files)
    back = read_tables(tmp_path)
    for (name, x), (_, y) in zip(tables.items(), back.items(), strict=True):
        pd.testing.assert_frame_equal(x, y, obj=name)
    with pytest.raises(ParameterError, match="parameter fmt: expected one of 'csv', 'parquet'"):
        write_tables(tables, tmp_path / "x", fmt="xlsx")


def test_a_learners_plain_csv_goes_through_the_same_checks(tmp_path):
    for name, df in _tables().items():
        df.to_csv(tmp_path / f"{name}.csv", index=False)
    assert len(read_tables(tmp_path).events) == 5
    ev = _tables().events
    ev.loc[2, "channel"] = "Instagram"
    ev.to_csv(tmp_path / "events.csv", index=False)
    with pytest.raises(SchemaError, match=r"events.channel: unknown value 'Instagram'.*\[rows 2\]"):
        read_tables(tmp_path)
    _tables().events.to_csv(tmp_path / "events.csv", index=False)
    (tmp_path / "survey.csv").unlink()
    with pytest.raises(SchemaError, match="survey: no file survey.csv.gz, survey.csv or survey"):
        read_tables(tmp_path)
    _tables().survey.to_parquet(tmp_path / "survey.parquet")
    _tables().survey.to_csv(tmp_path / "survey.csv", index=False)
    with pytest.raises(SchemaError, match="several files for one table"):
        read_tables(tmp_path)
    with pytest.raises(SchemaError, match="does not exist"):
        read_tables(tmp_path / "nowhere")


_text = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")) | st.sampled_from(',"'),
    min_size=1,
    max_size=12,
).filter(lambda s: s.strip() == s and s.strip() != "")


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(touchpoint=_text, campaign=_text, cost=st.floats(0, 1e9, allow_nan=False))
def test_any_text_and_cost_survive_the_csv_round_trip(tmp_path_factory, touchpoint, campaign, cost):
    ev = _tables().events
    ev.loc[1, "touchpoint"] = touchpoint
    ev.loc[1, "campaign"] = campaign
    ev.loc[1, "cost"] = cost
    tables = validate_tables(_with("events", ev))
    folder = tmp_path_factory.mktemp("rt")
    write_tables(tables, folder, force=True)
    back = read_tables(folder)
    pd.testing.assert_frame_equal(tables.events, back.events)


def test_empty_tables_are_valid_and_round_trip(tmp_path):
    empty = Tables(**{name: df.iloc[0:0] for name, df in _tables().items()})
    checked = validate_tables(empty)
    assert all(len(df) == 0 for _, df in checked.items())
    assert str(checked.events["timestamp"].dtype) == "datetime64[ns]"
    write_tables(checked, tmp_path)
    back = read_tables(tmp_path)
    for (name, x), (_, y) in zip(checked.items(), back.items(), strict=True):
        pd.testing.assert_frame_equal(x, y, obj=name)
