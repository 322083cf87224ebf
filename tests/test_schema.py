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
    get_table,
    is_validated,
    local_time,
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
    err = _error(_with("events", _tables().events.drop(columns=["event_type"])))
    assert (err.table, err.column) == ("events", "event_type")
    assert str(err).startswith("events.event_type: missing column(s) event_type; has event_id")
    # optional columns may be left out: the minimal tables are valid
    minimal = Tables(
        events=_tables().events[["user_id", "timestamp", "event_type"]],
        orders=_tables().orders[["order_id", "user_id", "timestamp", "price"]],
    )
    out = validate_tables(minimal)
    assert out.users is None and list(out.orders.columns) == [
        "order_id",
        "user_id",
        "timestamp",
        "price",
    ]


def test_mixed_types_name_the_rows_of_the_rarer_type():
    users = _tables().users.astype({"user_id": object})
    users.loc[1, "user_id"] = "B-1"
    err = _error(_with("users", users))
    assert str(err) == (
        "users.user_id: mixed types (1 number, 1 text); expected ids (all whole numbers or all "
        "text), one type for the whole column [rows 1]"
    )


def test_open_vocabularies_unknown_keys_pass_journeykits_own_keys_are_checked():
    ev = _tables().events
    ev.loc[[1, 3], "channel"] = "tiktok"
    ev.loc[4, "device"] = "smart_tv"
    ev.loc[4, "event_type"] = "$pageview"  # not a built-in type: any stage passes the pairing rule
    out = validate_tables(_with("events", ev)).events
    assert out["channel"].tolist()[1::2] == ["tiktok", "tiktok"]
    assert out.loc[4, "device"] == "smart_tv"
    ev = _tables().events
    ev.loc[0, "stage"] = "loyal"
    assert "events.stage: unknown value 'loyal'" in str(_error(_with("events", ev)))


def test_text_ids_everywhere_and_links_of_the_same_kind():
    t = _tables()
    ids = {0: "ani@x", 1: "budi@x"}
    users = t.users.assign(user_id=t.users["user_id"].map(ids), referred_by=[None, "ani@x"])
    tables = Tables(
        users=users,
        events=t.events.assign(user_id=t.events["user_id"].map(ids)),
        orders=t.orders.assign(user_id="ani@x"),
    )
    out = validate_tables(tables)
    assert str(out.events["user_id"].dtype) == "string"
    assert out.users["referred_by"].tolist()[1] == "ani@x"
    bad = dataclasses.replace(tables, orders=t.orders)  # orders still use the numbers
    with pytest.raises(
        SchemaError, match="orders.user_id: holds whole numbers but users.user_id holds text"
    ):
        validate_tables(bad)


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
    back = read_tables(tmp_path)
    assert len(back.events) == 5
    assert back.users["referred_by"].tolist()[1] == 0  # pandas wrote 0.0: still the id 0
    ev = _tables().events
    ev.loc[2, "stage"] = "Convert"
    ev.to_csv(tmp_path / "events.csv", index=False)
    with pytest.raises(SchemaError, match=r"events.stage: unknown value 'Convert'.*\[rows 2\]"):
        read_tables(tmp_path)
    _tables().events.to_csv(tmp_path / "events.csv", index=False)
    (tmp_path / "survey.csv").unlink()
    assert read_tables(tmp_path).survey is None  # only the tables present are read
    _tables().survey.to_parquet(tmp_path / "survey.parquet")
    _tables().survey.to_csv(tmp_path / "survey.csv", index=False)
    with pytest.raises(SchemaError, match="several files for one table"):
        read_tables(tmp_path)
    with pytest.raises(SchemaError, match="does not exist"):
        read_tables(tmp_path / "nowhere")
    (tmp_path / "empty").mkdir()
    with pytest.raises(SchemaError, match="no table file"):
        read_tables(tmp_path / "empty")


def test_csv_ids_keep_their_digits(tmp_path):
    ev = pd.DataFrame(
        {
            "user_id": ["1197596843.1673515099", "007", "1197596843.1673515099"],
            "timestamp": ["2024-01-01 10:00", "2024-01-01 11:00", "2024-01-02 10:00"],
            "event_type": ["page_view"] * 3,
        }
    )
    ev.to_csv(tmp_path / "events.csv", index=False)
    back = read_tables(tmp_path).events
    assert back["user_id"].tolist() == ["1197596843.1673515099", "007", "1197596843.1673515099"]


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


# --- the door: timestamps, validated once ------------------------------------------------------

_EIGHT_DAYS_US = 8 * 86_400 * 10**6  # 691 200 000 000 microseconds


def _epoch_events(timestamps: list[object]) -> pd.DataFrame:
    return pd.DataFrame(
        {"user_id": ["u1", "u1"], "timestamp": timestamps, "event_type": ["visit", "purchase"]}
    )


def test_an_eight_day_gap_in_microseconds_is_eight_days_or_a_clear_error():
    start = 1_704_067_200 * 10**6  # 2024-01-01 00:00:00 UTC in microseconds
    ev = _epoch_events([start, start + _EIGHT_DAYS_US])
    with pytest.raises(SchemaError) as info:
        get_table(ev, "events")
    message = str(info.value)
    assert message.startswith("events.timestamp: holds numbers (e.g. 1704067200000000)")
    assert "timestamp_unit='us'" in message and "\n" not in message
    out = get_table(ev, "events", timestamp_unit="us")
    assert out["timestamp"].tolist() == [pd.Timestamp("2024-01-01"), pd.Timestamp("2024-01-09")]
    assert (out["timestamp"].iloc[1] - out["timestamp"].iloc[0]) == pd.Timedelta(days=8)
    # digits in a CSV (text) follow the same rule; float seconds work with unit "s"
    with pytest.raises(SchemaError, match="never guesses"):
        get_table(_epoch_events([str(start), str(start + _EIGHT_DAYS_US)]), "events")
    secs = get_table(
        _epoch_events([1_704_067_200.5, 1_704_758_400.5]), "events", timestamp_unit="s"
    )
    assert secs["timestamp"].iloc[1] - secs["timestamp"].iloc[0] == pd.Timedelta(days=8)


def test_a_wrong_unit_is_refused_not_read_as_1970():
    start = 1_704_067_200 * 10**6
    ev = _epoch_events([start, start + _EIGHT_DAYS_US])
    with pytest.raises(SchemaError, match=r"timestamp_unit='ns'.*1970-01-20.*is the unit right"):
        get_table(ev, "events", timestamp_unit="ns")
    with pytest.raises(SchemaError, match="too large for timestamp_unit='s'"):
        get_table(ev, "events", timestamp_unit="s")
    with pytest.raises(ParameterError, match="timestamp_unit: expected None or one of 's'"):
        get_table(ev, "events", timestamp_unit="seconds")


def test_time_zones_are_stored_in_utc_and_mixed_offsets_refused():
    aware = _epoch_events(["2024-01-01T20:00:00+07:00", "2024-01-01T13:30:00Z"])
    out = get_table(aware, "events")
    assert out["timestamp"].tolist() == [
        pd.Timestamp("2024-01-01 13:00"),
        pd.Timestamp("2024-01-01 13:30"),
    ]
    mixed = _epoch_events(["2024-01-01T20:00:00+07:00", "2024-01-01 13:30"])
    with pytest.raises(
        SchemaError, match=r"mixes times with and without a time-zone offset; .* \[rows 1\]"
    ):
        get_table(mixed, "events")
    assert local_time(out["timestamp"], "Asia/Jakarta").dt.hour.tolist() == [20, 20]
    with pytest.raises(ParameterError, match="timezone: unknown time zone 'Jakarta'"):
        local_time(out["timestamp"], "Jakarta")


def test_bad_values_are_one_line_errors_naming_table_column_rows():
    ev = _tables().events.assign(cost=[0.0, float("inf"), 0.0, 0.0, 0.0])
    assert str(_error(_with("events", ev))) == "events.cost: values not finite (inf) [rows 1]"
    orders = _tables().orders.assign(price=[-1.0])
    assert str(_error(_with("orders", orders))) == "orders.price: values below 0 [rows 0]"
    with pytest.raises(SchemaError, match="events: table missing: this needs the events table"):
        get_table(Tables(orders=_tables().orders), "events")


def test_a_table_is_validated_once_and_again_after_any_write(monkeypatch):
    import journeykit.schema as schema

    calls = []
    real = schema._validate
    monkeypatch.setattr(schema, "_validate", lambda *a: calls.append(a[0]) or real(*a))
    ev = _tables().events
    first = get_table(ev, "events")
    get_table(ev, "events")
    again = get_table(first, "events")
    if not schema._cow():  # pandas 2.2 without copy-on-write: nothing is remembered
        assert calls == ["events"] * 3 and not is_validated(first, "events")
        return
    assert calls == ["events"]  # the same frame and the frame returned: checked once
    assert is_validated(first, "events") and is_validated(again, "events")
    ev.loc[0, "cost"] = -3.0  # a write into the user's frame ...
    assert not is_validated(ev, "events")
    with pytest.raises(SchemaError, match=r"events.cost: values below 0 \[rows 0\]"):
        get_table(ev, "events")  # ... is seen: checked again
    first.loc[1, "user_id"] = 99  # a write into a returned frame leaves the remembered one alone
    assert not is_validated(first, "events")
    assert get_table(again, "events")["user_id"].tolist()[1] == 0
    calls.clear()
    ev2 = _tables().events
    get_table(ev2, "events")
    ev2["timestamp"] = ev2["timestamp"] + pd.Timedelta(hours=1)  # a column replaced
    get_table(ev2, "events")
    ev2.index = ev2.index + 10  # a new index
    get_table(ev2, "events")
    assert calls == ["events"] * 3


def test_the_generated_tables_pass_the_door_unchanged():
    from journeykit.synth import generate

    tables = generate("coffee", n_users=200, seed=3)
    checked = validate_tables(tables)
    for (name, x), (_, y) in zip(tables.items(), checked.items(), strict=True):
        pd.testing.assert_frame_equal(x, y, obj=name)
