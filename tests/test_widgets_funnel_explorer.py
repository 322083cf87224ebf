"""FunnelExplorer driven through its filters: numbers worked out by hand on four people, and the
same numbers as journeykit.funnels / journeykit.metrics called directly on the selected data."""

from __future__ import annotations

import datetime as dt
import re

import numpy as np
import pandas as pd
import pandas.testing as pdt
import pytest

from journeykit.funnels import stage_funnel
from journeykit.metrics import stage_metrics
from journeykit.schema import Tables
from journeykit.widgets import FunnelExplorer
from journeykit.widgets.funnel_explorer import ALL


def _tables() -> Tables:
    """Four people. 1 (student, social ad, mobile, Jan) buys; 2 (office worker, organic search,
    desktop, Jan) subscribes; 3 (student, social ad, mobile, Feb) only sees an ad; 4 (office
    worker, organic search, mobile, Feb) buys, onboards and reviews."""
    ts = pd.to_datetime
    events = pd.DataFrame(
        [
            # event_id, user, time, channel, device, event_type, stage, campaign, cost
            (
                1,
                1,
                "2024-01-05 09:00",
                "social_ads",
                "mobile",
                "impression",
                "aware",
                "spring",
                0.0,
            ),
            (2, 1, "2024-01-05 09:01", "social_ads", "mobile", "click", "engage", "spring", 500.0),
            (3, 1, "2024-01-06 10:00", "direct", "mobile", "purchase", "convert", None, 0.0),
            (4, 2, "2024-01-10 08:00", "organic_search", "desktop", "visit", "aware", None, 0.0),
            (5, 2, "2024-01-11 08:00", "email", "desktop", "subscribe", "subscribe", None, 0.0),
            (
                6,
                3,
                "2024-02-01 12:00",
                "social_ads",
                "mobile",
                "impression",
                "aware",
                "spring",
                0.0,
            ),
            (7, 4, "2024-02-15 07:00", "organic_search", "mobile", "visit", "aware", None, 0.0),
            (
                8,
                4,
                "2024-02-15 07:30",
                "organic_search",
                "mobile",
                "purchase",
                "convert",
                None,
                0.0,
            ),
            (9, 4, "2024-02-17 07:00", "email", "mobile", "onboard", "excite", None, 0.0),
            (10, 4, "2024-02-20 07:00", "email", "mobile", "review", "advocate", None, 0.0),
        ],
        columns=[
            "event_id",
            "user_id",
            "timestamp",
            "channel",
            "device",
            "event_type",
            "stage",
            "campaign",
            "cost",
        ],
    )
    events["timestamp"] = ts(events["timestamp"])
    events["touchpoint"] = "site"
    users = pd.DataFrame(
        {
            "user_id": [1, 2, 3, 4],
            "persona": ["student", "office_worker", "student", "office_worker"],
            "first_seen": ts(
                ["2024-01-05 09:00", "2024-01-10 08:00", "2024-02-01 12:00", "2024-02-15 07:00"]
            ),
            "acquisition_channel": ["social_ads", "organic_search", "social_ads", "organic_search"],
            "device": ["mobile", "desktop", "mobile", "mobile"],
            "referred_by": [None, None, None, None],
        }
    )
    orders = pd.DataFrame(
        {
            "order_id": [1, 2],
            "user_id": [1, 4],
            "timestamp": ts(["2024-01-06 10:00", "2024-02-15 07:30"]),
            "offer_type": ["entry", "entry"],
            "product": ["sampler", "sampler"],
            "price": [30_000.0, 30_000.0],
            "cost": [12_000.0, 12_000.0],
        }
    )
    survey = pd.DataFrame(
        {"user_id": [4], "timestamp": ts(["2024-02-21"]), "nps": [10.0], "csat": [5.0]}
    )
    referrals = pd.DataFrame(
        {
            "referral_id": pd.Series([], dtype="int64"),
            "inviter_id": pd.Series([], dtype="int64"),
            "invitee_id": pd.Series([], dtype="Int64"),
            "invite_time": pd.Series([], dtype="datetime64[ns]"),
            "signup_time": pd.Series([], dtype="datetime64[ns]"),
            "reward": pd.Series([], dtype="float64"),
        }
    )
    return Tables(users=users, events=events, orders=orders, referrals=referrals, survey=survey)


@pytest.fixture
def explorer() -> FunnelExplorer:
    return FunnelExplorer(_tables())


def _users(fe: FunnelExplorer) -> list[int]:
    return fe.funnel["users"].tolist()


def _metric(fe: FunnelExplorer, key: str) -> float:
    return float(fe.metrics.set_index("metric").loc[key, "value"])


def test_everyone_hand_worked_funnel(explorer):
    # awareness 4; consideration: 1 (engage), 2 (subscribe), 4 (bought, so passed it) = 3;
    # purchase: 1 and 4; retention: 4 (onboarded); advocacy: 4 (review)
    assert _users(explorer) == [4, 3, 2, 1, 1]
    assert list(explorer.selected) == [1, 2, 3, 4]
    assert ">4</b>" in explorer.summary.value
    assert _metric(explorer, "conversion_rate") == pytest.approx(2 / 4)
    assert _metric(explorer, "click_through_rate") == pytest.approx(1 / 2)


@pytest.mark.parametrize(
    ("control", "value", "people", "funnel"),
    [
        ("persona", "student", [1, 3], [2, 1, 1, 0, 0]),
        ("channel", "organic_search", [2, 4], [2, 2, 1, 1, 1]),  # first touch, not any touch
        ("device", "desktop", [2], [1, 1, 0, 0, 0]),
        ("campaign", "spring", [1, 3], [2, 1, 1, 0, 0]),
        ("campaign", "(none)", [2, 4], [2, 2, 1, 1, 1]),
    ],
)
def test_each_filter_selects_people_by_their_group(explorer, control, value, people, funnel):
    getattr(explorer, control).value = value
    assert explorer.error == ""
    assert list(explorer.selected) == people
    assert _users(explorer) == funnel


def test_filters_combine_and_update_the_rendered_table(explorer):
    explorer.persona.value = "student"
    assert _metric(explorer, "conversion_rate") == pytest.approx(1 / 2)
    assert _metric(explorer, "cost_per_click") == pytest.approx(500.0)
    rows = re.findall(r"class='jk-users'>([\d,]+)<", explorer.funnel_table.value)
    assert rows == ["2", "1", "1", "0", "0"]
    row = re.search(r"data-metric='conversion_rate'>(.*?)</tr>", explorer.metrics_table.value)
    assert "<td class='jk-value'>50.0</td><td>%</td>" in row.group(1)
    assert "50.0 %" in explorer.funnel_table.value  # 1 of 2 students went on to consider
    explorer.device.value = "mobile"
    explorer.date_from.value = dt.date(2024, 2, 1)
    assert list(explorer.selected) == [3]
    assert _users(explorer) == [1, 0, 0, 0, 0]
    bars = [p.get_width() for p in explorer.figure.axes[0].patches]
    assert bars == [1, 0, 0, 0, 0]


def test_date_range_is_inclusive_on_first_seen_days(explorer):
    explorer.date_from.value = dt.date(2024, 1, 10)
    explorer.date_to.value = dt.date(2024, 2, 1)
    assert list(explorer.selected) == [2, 3]


def test_stage_model_changes_the_funnel_rows(explorer):
    explorer.stage_model.value = "cvj"
    assert explorer.funnel["stage"].tolist()[:4] == ["aware", "engage", "subscribe", "convert"]
    # aware 4; engage 1, 2 (subscribed after), 4; subscribe: 2, and 1, 4 who bought later
    assert _users(explorer) == [4, 3, 3, 2, 1, 1, 1, 0]
    assert [t.get_text() for t in explorer.figure.axes[0].get_yticklabels()][0] == "Aware"


def test_bad_date_range_and_empty_selection_keep_the_last_good_state(explorer):
    explorer.persona.value = "student"
    good_funnel, good_plot = explorer.funnel.copy(), explorer.plot.value
    explorer.date_from.value = dt.date(2024, 3, 1)
    explorer.date_to.value = dt.date(2024, 2, 1)
    assert "2024-03-01" in explorer.error and "jk-error" in explorer.status.value
    pdt.assert_frame_equal(explorer.funnel, good_funnel)
    assert explorer.plot.value == good_plot
    explorer.date_from.value = dt.date(2024, 1, 1)
    explorer.device.value = "desktop"  # no student on a desktop
    assert "no users match" in explorer.error
    pdt.assert_frame_equal(explorer.funnel, good_funnel)
    explorer.device.value = ALL
    assert explorer.error == ""


def test_labels_follow_lang():
    fe = FunnelExplorer(_tables(), lang="id")
    assert fe.funnel["label"].tolist()[0] == "Kesadaran"
    assert fe.persona.options[0][0] == "(semua)"
    assert ("Mahasiswa", "student") in fe.persona.options
    assert fe.figure.axes[0].get_xlabel() == "Pengguna"
    assert "Tingkat konversi" in fe.metrics_table.value


def test_preparation_is_done_once_per_tables_object(monkeypatch):
    import journeykit.widgets.funnel_explorer as module

    tables = _tables()
    calls = []
    real = module.prepare_funnel_data
    monkeypatch.setattr(module, "prepare_funnel_data", lambda tb: calls.append(1) or real(tb))
    first, second = FunnelExplorer(tables), FunnelExplorer(tables)
    assert first.data is second.data and len(calls) == 1
    FunnelExplorer(_tables())
    assert len(calls) == 2


@pytest.fixture(scope="module")
def synthetic() -> Tables:
    synth = pytest.importorskip("journeykit.synth")
    return synth.generate(preset="coffee", n_users=800, seed=3)


@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"persona": "student"},
        {"channel": "social_ads", "device": "mobile"},
        {"date_from": "2024-03-01", "date_to": "2024-06-30", "stage_model": "cvj"},
        {"persona": "home_barista", "stage_model": "map"},
    ],
)
def test_same_numbers_as_the_package_on_the_selected_tables(synthetic, filters):
    fe = FunnelExplorer(synthetic)
    for name, value in filters.items():
        if name.startswith("date"):
            value = dt.date.fromisoformat(value)
        getattr(fe, name).value = value
    assert fe.error == ""
    sel = fe.selected_tables()
    model = fe.stage_model.value
    pdt.assert_frame_equal(fe.funnel, stage_funnel(sel.events, model))
    direct = stage_metrics(sel, model)
    pdt.assert_frame_equal(fe.metrics, direct, check_dtype=False)
    assert len(fe.selected) == sel.events["user_id"].nunique() < len(synthetic.users) or not filters
    # the rendered table shows the same users per stage
    shown = [
        int(x.replace(",", ""))
        for x in re.findall(r"class='jk-users'>([\d,]+)<", fe.funnel_table.value)
    ]
    assert shown == fe.funnel["users"].tolist()
    assert np.allclose([p.get_width() for p in fe.figure.axes[0].patches], shown)


@pytest.fixture(scope="module")
def synthetic_explorer(synthetic) -> FunnelExplorer:
    return FunnelExplorer(synthetic)


from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_any_filter_combination_matches_the_package_or_keeps_the_last_state(
    synthetic_explorer, data
):
    fe = synthetic_explorer
    for name in ("persona", "channel", "device", "campaign"):
        getattr(fe, name).value = data.draw(
            st.sampled_from([v for _, v in getattr(fe, name).options]), label=name
        )
    fe.stage_model.value = data.draw(st.sampled_from(["five", "map", "cvj"]), label="model")
    if fe.error:  # an empty selection: the message is shown and the last good state kept
        assert "no users match" in fe.error
        return
    sel = fe.selected_tables()
    pdt.assert_frame_equal(fe.funnel, stage_funnel(sel.events, fe.stage_model.value))
    users = fe.funnel["users"].to_numpy()
    assert (np.diff(users) <= 0).all() and users[0] == len(fe.selected)
