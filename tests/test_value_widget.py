"""CustomerValueExplorer driven through its sliders, the value plots, and both languages."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from labels import english_only_labels
from test_widgets_lang import visible_texts

from journeykit.plots.value import plot_calibration_holdout, plot_p_alive_matrix
from journeykit.value import BGNBDFit
from journeykit.widgets import CustomerValueExplorer

FIT = BGNBDFit(r=0.243, alpha=4.414, a=0.793, b=2.426)


def by_hand_p_alive(x, tx, T):
    p = FIT.params
    if x == 0:
        return 1.0
    return 1 / (
        1 + p["a"] / (p["b"] + x - 1) * ((p["alpha"] + T) / (p["alpha"] + tx)) ** (p["r"] + x)
    )


def test_sliders_move_p_alive_as_the_closed_form():
    w = CustomerValueExplorer(FIT, T=38.86, horizon=39)
    w.frequency.value = 5
    w.recency.value = 10.0
    assert w.result["p_alive"] == pytest.approx(by_hand_p_alive(5, 10.0, 38.86))
    quiet = w.result["expected_purchases"]
    w.recency.value = 38.0  # the same customer, but the last purchase was recent
    assert w.result["p_alive"] == pytest.approx(by_hand_p_alive(5, 38.0, 38.86))
    assert w.result["expected_purchases"] > quiet
    assert f"{100 * w.result['p_alive']:.1f} %" in w.table.value
    assert w.result["expected_purchases_new"] == pytest.approx(FIT.expected_purchases_new(39))


def test_impossible_customers_keep_the_last_good_state():
    w = CustomerValueExplorer(FIT, T=20.0)
    good = dict(w.result)
    w.recency.value = 30.0  # last purchase after the end of the observation
    assert "recency beyond T" in w.error and "recency beyond T" in w.status.value
    assert w.result == good
    w.recency.value = 5.0
    assert w.error == ""


def test_indonesian_widget_shows_no_english_label():
    english = english_only_labels()
    texts = visible_texts(CustomerValueExplorer(FIT, lang="id").widget)
    assert not {s for s in texts if s in english}
    texts_en = visible_texts(CustomerValueExplorer(FIT, lang="en").widget)
    assert {s for s in texts_en if s in english}  # the walk does see the labels


def test_plots_label_in_both_languages():
    ax = plot_p_alive_matrix(FIT, T=38.86, max_frequency=10, lang="id")
    assert ax.get_ylabel() == "Frekuensi: pembelian ulang"
    # the heatmap's corner values are the closed form: top-left (x = 10, t_x = 0), x = 0 row
    values = ax.collections[0].get_array().reshape(11, -1)
    assert values[10, 0] == pytest.approx(by_hand_p_alive(10, 0.0, 38.86))
    assert (values[0] == 1).all()
    plt.close("all")
    table = pd.DataFrame(
        {"frequency": [0, 1, 2], "actual": [0.2, 0.7, 1.4], "predicted": [0.2, 0.5, 1.0]}
    )
    ax = plot_calibration_holdout(table, lang="en")
    assert [tick.get_text() for tick in ax.get_xticklabels()] == ["0", "1", "2 or more"]
    assert list(ax.lines[0].get_ydata()) == [0.2, 0.7, 1.4]
    plt.close("all")
