"""ReferralSimulator driven through its public controls, checked against hand-worked closed forms
and against journeykit.referrals called directly with the same values."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pandas as pd
import pandas.testing as pdt
import pytest

from journeykit import referrals
from journeykit.widgets import ReferralSimulator


@pytest.fixture
def sim() -> ReferralSimulator:
    return ReferralSimulator(n0=100, invites_per_user=2.0, invite_conversion=0.25, runs=40)


def test_first_state_is_the_closed_form_worked_by_hand(sim):
    # K = 2 x 0.25 = 0.5; steady state 100 / (1 - 0.5) = 200
    assert sim.summary.loc["k", "closed_form"] == pytest.approx(0.5)
    assert sim.summary.loc["steady_state", "closed_form"] == pytest.approx(200.0)
    assert "0.50" in sim.k_text.value
    assert "200" in sim.table.value


def test_moving_sliders_updates_the_closed_form(sim):
    sim.cycles.value = 3
    # generations 100, 50, 25, 12.5 -> 187.5 users after 3 cycles
    assert sim.closed.total_users.tolist() == pytest.approx([100, 150, 175, 187.5])
    sim.invite_conversion.value = 0.4  # K = 0.8, steady state 100 / 0.2 = 500
    assert sim.summary.loc["k", "closed_form"] == pytest.approx(0.8)
    assert sim.summary.loc["steady_state", "closed_form"] == pytest.approx(500.0)
    assert "500" in sim.table.value
    assert sim.error == ""


def test_cycle_time_stretches_the_time_axis_of_the_curves(sim):
    sim.cycles.value = 4
    sim.cycle_time_days.value = 10.0
    closed_line = sim.figure.axes[0].lines[0]
    assert list(closed_line.get_xdata()) == [0, 10, 20, 30, 40]
    assert list(closed_line.get_ydata()) == pytest.approx([100, 150, 175, 187.5, 193.75])


def test_simulation_is_the_package_simulation_with_the_same_values(sim):
    sim.churn.value = 0.1
    sim.seed.value = 7
    direct = referrals.simulate_growth(
        n0=100,
        invites_per_user=2.0,
        invite_conversion=0.25,
        churn=0.1,
        cycle_time_days=7.0,
        cycles=10,
        runs=40,
        seed=7,
    )
    pdt.assert_frame_equal(sim.simulated, referrals.simulation_summary(direct))
    pdt.assert_frame_equal(
        sim.simulated_active, referrals.simulation_summary(direct, column="active_users")
    )
    mean_line = sim.figure.axes[0].lines[1]
    assert np.allclose(mean_line.get_ydata(), sim.simulated["mean"])
    # with churn, active users fall below everyone who ever joined (closed form)
    assert (sim.closed.active_users.iloc[1:] < sim.closed.total_users.iloc[1:]).all()


def test_k_of_one_or_more_has_no_steady_state(sim):
    sim.invite_conversion.value = 0.5  # K = 1
    assert np.isnan(sim.summary.loc["steady_state", "closed_form"])
    assert "without bound" in sim.table.value


def test_invalid_value_shows_a_message_and_keeps_the_last_good_state(sim):
    sim.cycles.value = 5
    before_summary, before_plot = sim.summary.copy(), sim.plot.value
    sim.seed.value = -3  # seeds are whole numbers >= 0
    assert "seed" in sim.error
    assert "jk-error" in sim.status.value and "Seed" in sim.status.value
    pdt.assert_frame_equal(sim.summary, before_summary)
    assert sim.plot.value == before_plot
    sim.seed.value = 3  # a good value clears the message
    assert sim.error == "" and sim.status.value == ""


def test_too_big_a_simulation_is_refused_in_the_widget(sim):
    sim.cycles.value = 3
    sim.invites_per_user.value = 10.0
    sim.invite_conversion.value = 1.0  # K = 10: 100, 1 000, 10 000, 100 000 new users
    assert sim.error == ""
    sim.cycles.value = 52  # 100 x 10**52 users in the last generation: refused
    assert "cycles" in sim.error
    assert len(sim.closed) == 4  # the last good state: 3 cycles
    assert sim.closed.total_users.iloc[-1] == pytest.approx(111_100)


def test_labels_follow_lang():
    w = ReferralSimulator(lang="id", runs=10, cycles=2)
    assert "Koefisien viral K" in w.table.value
    assert w.figure.axes[0].get_xlabel() == "Hari sejak kohort awal"
    assert w.n0.description == "Pengguna awal"


def test_starts_from_the_k_measured_on_data():
    events = pd.DataFrame(
        {
            "user_id": [1, 2, 3],
            "stage": ["promote", "advocate", "aware"],
            "timestamp": pd.to_datetime(["2024-01-01"] * 3),
        }
    )
    refs = pd.DataFrame(
        {
            "inviter_id": [1, 1, 1, 1],
            "invitee_id": [3, None, None, None],
            "invite_time": pd.to_datetime(["2024-01-02"] * 4),
        }
    )
    orders = pd.DataFrame({"user_id": [1], "timestamp": pd.to_datetime(["2024-01-01"])})
    # 1 customer (2 advocates), 4 invites, 1 joined: 4 invites per customer (the course's K,
    # per advocate it would be 2), conversion 1/4
    tables = SimpleNamespace(events=events, orders=orders, referrals=refs)
    w = ReferralSimulator(tables, runs=10)
    assert w.invites_per_user.value == pytest.approx(4.0)
    assert w.invite_conversion.value == pytest.approx(0.25)


def test_widget_is_a_container_holding_the_controls(sim):
    container = sim.widget
    assert container is sim.widget  # built once
    shown = _descendants(container)
    for control in sim.controls:
        assert control in shown
    assert sim.plot in shown and sim.status in shown


def _descendants(w):
    out = [w]
    for child in getattr(w, "children", ()):
        out.extend(_descendants(child))
    return out
