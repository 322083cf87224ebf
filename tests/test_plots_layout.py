"""Figures without layout defects, measured on the rendered figure (renderer window extents).

* no text overflows the figure, in English and in Bahasa Indonesia (longer words);
* a stage label stays inside its chevron, a block of detail text inside its column;
* a legend never covers a bar or a line;
* one colour per channel;
* tick labels of the time-lag chart do not touch;
* heatmaps give the size of each group and grey the groups too small to compare.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.colors as mcolors  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.patches import Rectangle  # noqa: E402

from journeykit import attribution, funnels, metrics, paths, score, synth, touchpoints  # noqa: E402
from journeykit.plots import attribution as attribution_plots  # noqa: E402
from journeykit.plots import funnels as funnel_plots  # noqa: E402
from journeykit.plots import paths as path_plots  # noqa: E402
from journeykit.plots import touchpoints as touch_plots  # noqa: E402
from journeykit.plots.stages import plot_model_mapping, plot_stage_ladder  # noqa: E402
from journeykit.plots.style import PALETTE, SMALL_GROUP_GREY  # noqa: E402
from journeykit.schema import CHANNELS  # noqa: E402
from journeykit.stages import get_model  # noqa: E402

LANGS = ("en", "id")


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def data():
    tables = synth.generate("coffee", n_users=1500, seed=7)
    journeys = paths.conversion_paths(tables.events, tables.orders, lookback_days=30)
    return tables, journeys


def _drawn_texts(fig):
    """(what, window extent) of every text ``fig`` draws: titles, axis labels, the tick labels
    actually drawn (as each axis' tight box), texts placed on the axes, legends, figure texts."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    out = []
    for ax in fig.axes:
        if ax.axison:
            for axis in (ax.xaxis, ax.yaxis):
                box = axis.get_tightbbox(renderer)
                if box is not None and box.width > 0:
                    out.append((f"{axis.axis_name} axis of {ax.get_title()!r}", box))
        for text in [ax.title, ax._left_title, ax._right_title, *ax.texts]:
            if text.get_visible() and text.get_text().strip():
                out.append((text.get_text(), text.get_window_extent(renderer)))
        legend = ax.get_legend()
        if legend is not None:
            out.append(("legend", legend.get_window_extent(renderer)))
    for text in fig.texts:
        if text.get_text().strip():
            out.append((text.get_text(), text.get_window_extent(renderer)))
    return out


def _inside(inner, outer, tol=1.0) -> bool:
    return (
        inner.x0 >= outer.x0 - tol
        and inner.x1 <= outer.x1 + tol
        and inner.y0 >= outer.y0 - tol
        and inner.y1 <= outer.y1 + tol
    )


def _no_text_outside_the_figure(fig):
    out = [what for what, ext in _drawn_texts(fig) if not _inside(ext, fig.bbox)]
    assert not out, f"text outside the figure: {out}"


# --- the stage ladder -------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("model", ["five", "map", "cvj"])
@pytest.mark.parametrize("detail", ["description", "disciplines", "none"])
def test_stage_labels_fit_their_chevrons_and_detail_its_column(model, detail, lang):
    if detail == "disciplines" and model != "cvj":
        pytest.skip("disciplines belong to the Customer Value Journey steps")
    ax = plot_stage_ladder(model, lang=lang, detail=detail)
    fig = ax.figure
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    n = len(get_model(model))
    labels, bodies = ax.texts[:n], ax.texts[n:]
    to_px = ax.transData.transform
    for i, label in enumerate(labels):
        ext = label.get_window_extent(renderer)
        # the chevron's body: from its tail (x = i) to where its head starts (i + 0.80)
        (x0, y0), (x1, y1) = to_px((i, -0.5)), to_px((i + 0.80, 0.5))
        assert x0 <= ext.x0 and ext.x1 <= x1 and y0 <= ext.y0 and ext.y1 <= y1, (
            f"{label.get_text()!r} overflows its chevron ({ext.x0:.0f}-{ext.x1:.0f} px in "
            f"{x0:.0f}-{x1:.0f})"
        )
    for i, body in enumerate(bodies):
        ext = body.get_window_extent(renderer)
        left, right = to_px((i - 0.08, 0))[0], to_px((i + 0.92, 0))[0]
        assert left <= ext.x0 and ext.x1 <= right, f"detail of stage {i} leaves its column"
    # neighbouring labels and detail blocks never overlap
    for group in (labels, bodies):
        exts = [g.get_window_extent(renderer) for g in group]
        assert all(a.x1 < b.x0 for a, b in zip(exts, exts[1:], strict=False))
    _no_text_outside_the_figure(fig)


def test_the_indonesian_cvj_labels_would_overflow_at_the_old_size():
    """The fit is needed: at 9 pt bold "(Berlangganan)" is wider than the chevron body."""
    ax = plot_stage_ladder("cvj", lang="id", detail="none")
    subscribe = ax.texts[2]
    assert "Berlangganan" in subscribe.get_text()
    assert subscribe.get_fontsize() < 9


@pytest.mark.parametrize("lang", LANGS)
def test_model_mapping_text_stays_in_the_figure(lang):
    _no_text_outside_the_figure(plot_model_mapping("cvj", "five", lang=lang).figure)


# --- legends, colours, ticks, heatmaps ------------------------------------------------------


def _charts(data, lang):
    tables, journeys = data
    events = tables.events
    group_metrics = metrics.metric_table(tables, by="channel")
    shown = ["conversion_rate", "cost_per_conversion", "repeat_purchase_rate", "nps"]
    return {
        "omnichannel": touch_plots.plot_omnichannel(
            touchpoints.omnichannel_summary(events), lang=lang
        ),
        "assisted": attribution_plots.plot_assisted(
            paths.assisted_conversions(journeys), lang=lang
        ),
        "attribution": attribution_plots.plot_attribution(
            attribution.attribute(journeys, models="first,last,linear,position"), lang=lang
        ),
        "funnel_by_channel": funnel_plots.plot_funnel_by(
            funnels.stage_funnel(events, "five", "channel", users=tables.users, lang=lang),
            lang=lang,
        ),
        "journey_score": funnel_plots.plot_journey_score(
            score.journey_score(tables, by="persona"), lang=lang
        ),
        "heatmap": funnel_plots.plot_metric_heatmap(
            group_metrics, metrics=shown, currency="IDR", lang=lang
        ),
        "time_lag": path_plots.plot_time_lag(paths.time_lag_distribution(journeys), lang=lang),
    }


@pytest.mark.parametrize("lang", LANGS)
def test_no_text_leaves_any_chart(data, lang):
    for name, ax in _charts(data, lang).items():
        try:
            _no_text_outside_the_figure(ax.figure)
        except AssertionError as err:
            raise AssertionError(f"{name}: {err}") from None


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    "chart", ["omnichannel", "assisted", "attribution", "funnel_by_channel", "journey_score"]
)
def test_legends_cover_no_data(data, chart, lang):
    ax = _charts(data, lang)[chart]
    fig = ax.figure
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    legend = ax.get_legend().get_window_extent(renderer)
    bars = [p for p in ax.patches if isinstance(p, Rectangle) and p.get_width() != 0]
    for bar in bars:
        assert not legend.overlaps(bar.get_window_extent(renderer)), f"{chart}: legend on a bar"
    for line in ax.get_lines():
        xy = ax.transData.transform(np.column_stack(line.get_data()))
        inside = (
            (xy[:, 0] >= legend.x0)
            & (xy[:, 0] <= legend.x1)
            & (xy[:, 1] >= legend.y0)
            & (xy[:, 1] <= legend.y1)
        )
        assert not inside.any(), f"{chart}: legend on a line's point"
    # and it is the data area the legend keeps off, not only this data: it is outside the axes
    assert legend.x0 >= ax.get_window_extent(renderer).x1


def test_one_colour_per_channel(data):
    assert len(set(PALETTE)) == len(PALETTE) >= len(CHANNELS)
    ax = _charts(data, "en")["funnel_by_channel"]
    colours = [mcolors.to_hex(line.get_color()) for line in ax.get_lines()]
    assert len(colours) >= 9
    assert len(set(colours)) == len(colours)


@pytest.mark.parametrize("lang", LANGS)
def test_time_lag_ticks_do_not_touch(data, lang):
    ax = _charts(data, lang)["time_lag"]
    fig = ax.figure
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    exts = sorted(
        (t.get_window_extent(renderer) for t in ax.get_xticklabels() if t.get_text()),
        key=lambda b: b.x0,
    )
    assert len(exts) >= 10
    assert not any(a.overlaps(b) for a, b in zip(exts, exts[1:], strict=False))


def test_heatmap_gives_n_and_greys_small_groups(data):
    tables, _ = data
    group_metrics = metrics.metric_table(tables, by="channel")
    ax = _charts(data, "id")["heatmap"]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    # n per row: people per first-touch channel, counted here from the events
    first = tables.events.sort_values(["user_id", "timestamp", "event_id"]).drop_duplicates(
        "user_id"
    )
    people = first["channel"].value_counts()
    for label, channel in zip(labels, group_metrics.index, strict=True):
        assert label.endswith(f"(n={people.get(channel, 0):,})"), (label, channel)
    small = [i for i, ch in enumerate(group_metrics.index) if people.get(ch, 0) < 30]
    greys = [
        round(p.get_y() + 0.5)
        for p in ax.patches
        if isinstance(p, Rectangle)
        and mcolors.to_hex(p.get_facecolor()) == SMALL_GROUP_GREY.lower()
    ]
    assert sorted(greys) == small
    money = [t.get_text() for t in ax.get_xticklabels() if "IDR" in t.get_text()]
    assert len(money) == 1  # cost per conversion is the only money metric shown


def test_heatmap_small_group_left_out_of_the_colour_scale():
    """By hand: the 12-person group's 50 % conversion would otherwise be the best (colour 1)."""
    table = pd.DataFrame(
        {"reach": [500, 400, 12], "conversion_rate": [0.1, 0.2, 0.5]},
        index=pd.Index(["social_ads", "email", "store"], name="channel"),
    )
    ax = funnel_plots.plot_metric_heatmap(table, metrics=["conversion_rate"])
    image = ax.get_images()[0].get_array()
    assert image[0, 0] == pytest.approx(0.0) and image[1, 0] == pytest.approx(1.0)
    assert np.ma.is_masked(image[2, 0]) or not np.isfinite(image[2, 0])


def test_retention_heatmap_greys_small_cohorts():
    table = pd.DataFrame(
        {"cohort_size": [120, 8], 0: [1.0, 1.0], 1: [0.4, 0.5]},
        index=pd.Index(["2024-01", "2024-02"], name="cohort"),
    )
    ax = funnel_plots.plot_retention(table)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["2024-01 (n=120)", "2024-02 (n=8)"]
    greys = [
        round(p.get_y() + 0.5)
        for p in ax.patches
        if mcolors.to_hex(p.get_facecolor()) == SMALL_GROUP_GREY.lower()
    ]
    assert greys == [1]
    assert "30" in ax.get_title()
