"""The shared widget base: guarded updates, escaped messages, SVG text, the preparation cache."""

from __future__ import annotations

import gc

import ipywidgets as widgets
import pandas as pd
import pytest

from journeykit.errors import ParameterError
from journeykit.schema import Tables
from journeykit.widgets import (
    AttributionExplorer,
    FunnelExplorer,
    MapBuilder,
    OfferCalculator,
    ReferralSimulator,
)
from journeykit.widgets._base import WidgetBase, figure_svg, new_figure, prepared, table_html


def test_any_error_is_shown_escaped_and_never_raised():
    w = WidgetBase(lang="en")
    assert not w._attempt(lambda: 1 / 0, field="widgets.cycles")
    assert "division by zero" in w.error
    assert not w._attempt(lambda: (_ for _ in ()).throw(ValueError("<script>alert(1)</script>")))
    assert "<script>" not in w.status.value
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in w.status.value
    assert "the last good state is kept" in w.status.value


def test_a_missing_label_does_not_hide_the_message():
    w = WidgetBase()
    w.show_error("price: expected a number", field="widgets.no_such_key")
    assert "price: expected a number" in w.status.value


def test_language_is_checked_at_the_door():
    with pytest.raises(ParameterError, match="lang"):
        WidgetBase(lang="fr")
    with pytest.raises(ParameterError, match="lang"):
        ReferralSimulator(lang="EN")


def test_svg_keeps_text_as_escaped_text():
    fig, ax = new_figure()
    ax.set_title("Kopi & <Senja>")
    ax.set_xlabel("Hari")
    svg = figure_svg(fig)
    assert svg.startswith("<svg") and "<?xml" not in svg
    assert "Kopi &amp; &lt;Senja&gt;" in svg and ">Hari<" in svg


def test_tables_escape_cell_text():
    out = table_html(pd.DataFrame({"campaign": ["<img src=x onerror=alert(1)>"]}))
    assert "<img" not in out and "&lt;img" in out


def test_prepared_is_cached_per_object_and_dropped_with_it():
    class Holder:
        pass

    calls: list[int] = []

    def build(tb: object) -> int:
        calls.append(1)
        return len(calls)

    a, b = Holder(), Holder()
    assert prepared(a, "k", build) == prepared(a, "k", build) == 1
    assert prepared(b, "k", build) == 2
    assert prepared(a, "other key", build) == 3
    del a
    gc.collect()
    c = Holder()  # may reuse a's address: must not get a's result
    assert prepared(c, "k", build) == 4


def _small_tables() -> Tables:
    synth = pytest.importorskip("journeykit.synth")
    return synth.generate(preset="coffee", n_users=300, seed=11)


@pytest.mark.parametrize(
    "make",
    [
        lambda tb: MapBuilder("coffee"),
        lambda tb: FunnelExplorer(tb),
        lambda tb: AttributionExplorer(tb),
        lambda tb: OfferCalculator("camera", n_customers=100),
        lambda tb: ReferralSimulator(runs=20),
    ],
    ids=["map", "funnel", "attribution", "offer", "referral"],
)
def test_every_widget_is_one_line_and_displays_as_a_container(make):
    w = make(_small_tables())
    assert isinstance(w.widget, widgets.Box)
    assert w.error == ""
    assert w.status in _descendants(w.widget)
    assert "jk-widget" in w.widget._dom_classes
    for control in w.controls:
        assert control in _descendants(w.widget)


def _descendants(w):
    out = [w]
    for child in getattr(w, "children", ()):
        out.extend(_descendants(child))
    return out


def test_every_literal_widget_label_exists():
    """``self.label("key")`` in the widgets package reads ``widgets.key``: each must be there."""
    import ast
    import pathlib

    from journeykit.i18n import LABELS

    package = pathlib.Path(__file__).resolve().parents[1] / "journeykit" / "widgets"
    missing = []
    for path in package.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "label"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
                and f"widgets.{node.args[0].value}" not in LABELS
            ):
                missing.append((path.name, node.args[0].value))
    assert missing == []
