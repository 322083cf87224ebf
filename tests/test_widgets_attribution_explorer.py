"""AttributionExplorer driven through its controls: credit worked out by hand on three people, and
the same numbers as journeykit.paths / journeykit.attribution called directly."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pandas.testing as pdt
import pytest

from journeykit.attribution import attribute
from journeykit.paths import assisted_conversions, conversion_paths
from journeykit.widgets import AttributionExplorer


def _tables() -> dict[str, pd.DataFrame]:
    """1: social ad (Jan 1) > email (Jan 3) > direct visit + purchase (Jan 5), 100.
    2: one organic visit, no purchase.
    3: email (Dec 11, 40 days before) > paid search click + purchase (Jan 20), 50."""
    ts = pd.to_datetime(
        [
            "2024-01-01 09:00",
            "2024-01-03 20:00",
            "2024-01-05 10:00",
            "2024-01-05 10:05",
            "2024-01-02 08:00",
            "2023-12-11 12:00",
            "2024-01-20 12:00",
            "2024-01-20 12:05",
        ]
    )
    events = pd.DataFrame(
        {
            "user_id": [1, 1, 1, 1, 2, 3, 3, 3],
            "timestamp": ts,
            "channel": [
                "social_ads",
                "email",
                "direct",
                "direct",
                "organic_search",
                "email",
                "paid_search",
                "paid_search",
            ],
            "event_type": [
                "click",
                "visit",
                "visit",
                "purchase",
                "visit",
                "visit",
                "click",
                "purchase",
            ],
            "device": ["mobile"] * 8,
        }
    )
    orders = pd.DataFrame(
        {
            "user_id": [1, 3],
            "timestamp": pd.to_datetime(["2024-01-05 10:05", "2024-01-20 12:05"]),
            "price": [100.0, 50.0],
        }
    )
    return {"events": events, "orders": orders}


@pytest.fixture
def explorer() -> AttributionExplorer:
    return AttributionExplorer(_tables(), models=("first", "last", "linear", "position"))


def _credit(ex: AttributionExplorer, model: str) -> dict[str, float]:
    return {k: round(v, 4) for k, v in ex.credit.set_index("channel")[model].items() if v}


def test_hand_worked_credit_with_a_30_day_lookback(explorer):
    # person 3's email touch is 40 days old: outside the window, the path is "paid_search"
    assert _credit(explorer, "first") == {"paid_search": 1.0, "social_ads": 1.0}
    assert _credit(explorer, "last") == {"direct": 1.0, "paid_search": 1.0}
    third = round(1 / 3, 4)
    assert _credit(explorer, "linear") == {
        "direct": third,
        "email": third,
        "paid_search": 1.0,
        "social_ads": third,
    }
    assert _credit(explorer, "position") == {
        "direct": 0.4,
        "email": 0.2,
        "paid_search": 1.0,
        "social_ads": 0.4,
    }
    assert ">2</b>" in explorer.summary.value  # two conversions


def test_lookback_slider_and_first_contact_change_the_paths(explorer):
    explorer.from_first_contact.value = True  # email now opens person 3's path
    assert explorer.lookback_days.disabled and explorer.lookback() is None
    assert _credit(explorer, "first") == {"email": 1.0, "social_ads": 1.0}
    assert _credit(explorer, "position") == {
        "direct": 0.4,
        "email": 0.7,  # 0.2 as the middle of path 1, 0.5 as the first of a two-touch path
        "paid_search": 0.5,
        "social_ads": 0.4,
    }
    explorer.from_first_contact.value = False
    assert not explorer.lookback_days.disabled
    explorer.lookback_days.value = 1  # only the converting visits are within a day
    assert _credit(explorer, "first") == {"direct": 1.0, "paid_search": 1.0}


def test_assisted_vs_last_click(explorer):
    explorer.from_first_contact.value = True
    report = explorer.assisted.set_index("channel")
    assert report.loc["email", "assisted_conversions"] == 2
    assert report.loc["social_ads", "assisted_conversions"] == 1
    assert report.loc["direct", "last_click_conversions"] == 1
    assert report.loc["paid_search", "last_click_conversions"] == 1
    assert np.isinf(report.loc["email", "assisted_to_last_click_ratio"])
    assert "<td class='num'>∞</td>" in explorer.table.value
    right = explorer.figure.axes[1]
    widths = [p.get_width() for p in right.patches]
    n = len(report)
    assert widths[:n] == report["last_click_conversions"].tolist()
    assert widths[n:] == report["assisted_conversions"].tolist()


def test_conversion_value_measure(explorer):
    explorer.measure.value = "value"
    assert _credit(explorer, "first") == {"paid_search": 50.0, "social_ads": 100.0}
    assert explorer.figure.axes[0].get_xlabel().startswith("Conversion value")


def test_models_control_sets_the_columns_and_the_bars(explorer):
    explorer.models.value = ("markov", "first")
    assert list(explorer.credit.columns) == ["channel", "markov", "first"]
    assert explorer.credit["markov"].sum() == pytest.approx(2.0)  # every model shares 2 conversions
    left = explorer.figure.axes[0]
    n = len(explorer.credit)
    assert [p.get_width() for p in left.patches][n:] == explorer.credit["first"].tolist()
    assert [t.get_text() for t in left.get_legend().get_texts()] == [
        "Markov removal effect",
        "First touch",
    ]


def test_no_model_chosen_shows_a_message_and_keeps_the_last_good_state(explorer):
    good = explorer.credit.copy()
    explorer.models.value = ()
    assert "models" in explorer.error and "jk-error" in explorer.status.value
    pdt.assert_frame_equal(explorer.credit, good)
    explorer.models.value = ("last",)
    assert explorer.error == "" and list(explorer.credit.columns) == ["channel", "last"]


def test_same_numbers_as_the_package(explorer):
    explorer.lookback_days.value = 10
    explorer.half_life_days.value = 2.0
    explorer.models.value = ("time_decay", "markov", "last_non_direct")
    tables = _tables()
    journeys = conversion_paths(tables["events"], tables["orders"], lookback_days=10)
    direct = attribute(
        journeys, models=("time_decay", "markov", "last_non_direct"), half_life_days=2.0
    )
    pdt.assert_frame_equal(explorer.credit, direct)
    pdt.assert_frame_equal(explorer.assisted, assisted_conversions(journeys))


def test_journeys_are_built_once_per_lookback(explorer):
    first = explorer.journeys
    explorer.models.value = ("last",)
    assert explorer.journeys is first
    explorer.lookback_days.value = 5
    assert explorer.journeys is not first
    explorer.lookback_days.value = 30
    assert explorer.journeys is first


def test_labels_follow_lang():
    ex = AttributionExplorer(_tables(), lang="id")
    assert ex.figure.axes[0].get_title() == "Kredit per saluran, menurut model"
    assert ("Sentuhan pertama", "first") in ex.models.options
    assert "Iklan media sosial" in ex.table.value
