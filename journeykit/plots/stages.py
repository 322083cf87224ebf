"""Pictures of stage models: the stages in order, how two models map, people per stage.

* :func:`plot_stage_ladder` draws a model's stages left to right as arrow boxes, with each
  stage's description (or, for the Customer Value Journey, its marketing disciplines) below.
* :func:`plot_model_mapping` draws two models side by side and joins each stage to the stages
  of the other model it overlaps (:func:`journeykit.stages.mapping`).
* :func:`plot_stage_users` draws the number of people who reached each stage as bars.

Every text comes from the stage models or :func:`journeykit.i18n.t`, in ``lang``.

>>> ax = plot_stage_ladder("cvj", lang="id")
>>> [" ".join(t.get_text().split()) for t in ax.texts][:2]
['Aware (Kesadaran)', 'Engage (Keterlibatan)']
>>> ax = plot_model_mapping("cvj", "five")
>>> len(ax.lines)  # one line per (step, stage) pair: every step sits in one stage
8
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Mapping
from typing import Literal

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import FancyArrow, FancyBboxPatch

from journeykit.errors import ValidationError
from journeykit.i18n import check_lang, t
from journeykit.plots.style import PALETTE, color_for, fit_text, new_axes
from journeykit.stages import StageModel, get_model, mapping

__all__ = ["plot_stage_ladder", "plot_model_mapping", "plot_stage_users"]

Detail = Literal["description", "disciplines", "none"]


def _label_lines(label: str, width: int = 12) -> str:
    """A stage label on at most three lines: a translation in brackets on a line of its own.

    >>> print(_label_lines("Engage (Keterlibatan)"))
    Engage
    (Keterlibatan)
    """
    head, sep, tail = label.partition(" (")
    if sep:
        return textwrap.fill(head, width, break_long_words=False) + "\n(" + tail
    return textwrap.fill(label, width, break_long_words=False)


def plot_stage_ladder(
    stage_model: str | StageModel = "five",
    *,
    lang: str = "en",
    detail: Detail = "description",
    ax: Axes | None = None,
) -> Axes:
    """Draw a model's stages in journey order, one arrow box per stage, with ``detail`` below.

    ``detail``: ``"description"`` (the stage's one-line description in ``lang``),
    ``"disciplines"`` (the marketing disciplines behind a Customer Value Journey step) or
    ``"none"``. The stage labels are the axes' first texts, in journey order.
    """
    lang = check_lang(lang)
    model = get_model(stage_model)
    if detail not in ("description", "disciplines", "none"):
        raise ValidationError("detail", "one of 'description', 'disciplines', 'none'", repr(detail))
    n = len(model)
    fig_width = max(8.0, 1.45 * n)
    wrap = max(12, int(13 * fig_width / n))  # about 13 characters of 7.5 pt text per inch

    def fill(text: str, width: int = wrap) -> str:
        return textwrap.fill(text, width, break_long_words=False)

    if detail == "description":
        bodies = [fill(s.description(lang)) for s in model.stages]
    elif detail == "disciplines":
        bodies = [  # names of disciplines are shorter words: a little narrower text fits more
            "\n".join(fill(d, int(wrap * 1.1)) for d in s.disciplines) or "—" for s in model.stages
        ]
    else:
        bodies = []
    lines = max((b.count("\n") + 1 for b in bodies), default=0)
    # arrows take 1.1 in; each line of detail text about 0.14 in
    ax = new_axes(ax, figsize=(fig_width, 1.5 + 0.14 * lines + (0.3 if lines else 0)))
    ax.set_xlim(-0.1, n + 0.05)
    # y in units of the arrow height (1.0 = about 0.9 in): text lines below it
    ax.set_ylim(-0.6 - (0.2 * lines + 0.25 if lines else 0), 0.6)
    ax.set_title(model.name(lang))
    ax.set_axis_off()
    labels = []
    for i, stage in enumerate(model.stages):
        colour = color_for(i)
        ax.add_patch(
            FancyArrow(
                i,
                0.0,
                0.92,
                0,
                width=1.0,
                head_width=1.0,
                head_length=0.12,
                length_includes_head=True,
                color=colour,
                alpha=0.9,
            )
        )
        text_colour = "black" if colour in ("#F0E442", "#E69F00", "#56B4E9") else "white"
        labels.append(
            ax.text(
                i + 0.40,
                0.0,
                _label_lines(stage.label(lang)),
                ha="center",
                va="center",
                fontsize=9,
                fontweight="bold",
                color=text_colour,
            )
        )
    bodies_t = [
        ax.text(i + 0.42, -0.65, body, ha="center", va="top", fontsize=7, color=PALETTE[7])
        for i, body in enumerate(bodies)
    ]
    # Shrink what does not fit: a label inside its chevron's body (0.78 of the 0.92 before
    # the head, less a margin), a block of detail text inside its column (0.98 of 1).
    ax.figure.canvas.draw()  # the constrained layout settles the axes' size first
    to_px = ax.transData.transform
    unit_x = to_px((1.0, 0.0))[0] - to_px((0.0, 0.0))[0]
    unit_y = to_px((0.0, 1.0))[1] - to_px((0.0, 0.0))[1]
    for label in labels:
        fit_text(label, 0.74 * unit_x, 0.9 * unit_y)
    for body in bodies_t:
        fit_text(body, 0.98 * unit_x)
    return ax


def _column(ax: Axes, model: StageModel, x: float, lang: str, height: float) -> dict[str, float]:
    """Draw ``model``'s stages as a column of boxes at ``x``; return each key's box centre y."""
    n = len(model)
    step = height / n
    centres: dict[str, float] = {}
    for i, stage in enumerate(model.stages):
        y = height - (i + 0.5) * step
        centres[stage.key] = y
        ax.add_patch(
            FancyBboxPatch(
                (x - 0.16, y - step * 0.36),
                0.32,
                step * 0.72,
                boxstyle="round,pad=0.005,rounding_size=0.02",
                facecolor=color_for(i),
                edgecolor="none",
                alpha=0.25,
            )
        )
        ax.text(x, y, stage.label(lang), ha="center", va="center", fontsize=9)
    return centres


def plot_model_mapping(
    source: str | StageModel = "cvj",
    target: str | StageModel = "five",
    *,
    lang: str = "en",
    ax: Axes | None = None,
) -> Axes:
    """Draw ``source`` (left) and ``target`` (right) and a line for every stage they share.

    The lines are :func:`journeykit.stages.mapping` pairs, coloured by source stage; the axes
    hold exactly one line per pair (``len(ax.lines)``).
    """
    lang = check_lang(lang)
    src, tgt = get_model(source), get_model(target)
    pairs = mapping(src, tgt)
    ax = new_axes(ax, figsize=(7.5, max(3.5, 0.5 * max(len(src), len(tgt)) + 1.2)))
    height = 1.0
    left = _column(ax, src, 0.2, lang, height)
    right = _column(ax, tgt, 0.8, lang, height)
    for i, (key, targets) in enumerate(pairs.items()):
        for other in targets:
            ax.plot(
                [0.36, 0.64],
                [left[key], right[other]],
                color=color_for(i),
                linewidth=2,
                solid_capstyle="round",
            )
    ax.text(0.2, height + 0.03, src.name(lang), ha="center", va="bottom", fontweight="bold")
    ax.text(0.8, height + 0.03, tgt.name(lang), ha="center", va="bottom", fontweight="bold")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, height + 0.12)
    title = t("stages.mapping_title", lang).format(source=src.name(lang), target=tgt.name(lang))
    ax.set_title(textwrap.fill(title, 60, break_long_words=False))  # Indonesian runs longer
    ax.set_axis_off()
    return ax


def _users_series(users: pd.Series | Mapping[str, float], model: StageModel) -> pd.Series:
    series = pd.Series(users) if isinstance(users, Mapping) else users
    if not isinstance(series, pd.Series):
        raise ValidationError(
            "users", "a pandas Series (or dict) indexed by stage key", type(users).__name__
        )
    unknown = [k for k in series.index if k not in model]
    if unknown:
        raise ValidationError(
            "users.index",
            f"stage keys of model {model.key!r}: {', '.join(model.keys())}",
            repr(unknown[0]),
        )
    missing = [k for k in model.keys() if k not in series.index]  # noqa: SIM118 - tuple
    if missing:
        raise ValidationError(
            "users.index", "a value for every stage (0 when nobody)", f"no {missing[0]!r}"
        )
    values = pd.to_numeric(series, errors="coerce").reindex(list(model.keys()))
    bad = values[~values.apply(lambda v: math.isfinite(v) and v >= 0)]
    if len(bad):
        value = series[bad.index[0]]
        value = value.item() if hasattr(value, "item") else value  # numpy scalar -> Python
        raise ValidationError(f"users[{bad.index[0]!r}]", "a finite number >= 0", repr(value))
    return values.astype("float64")


def plot_stage_users(
    users: pd.Series | Mapping[str, float],
    stage_model: str | StageModel = "five",
    *,
    lang: str = "en",
    ax: Axes | None = None,
) -> Axes:
    """Bars of the people who reached each stage, first stage on top, labelled ``n (share %)``.

    ``users``: people per stage, indexed by the model's stage keys (every stage present; a
    Series like ``journeykit.checks.stage_models.expected_stage_users`` returns). The share is
    of the first stage's people, in percent.
    """
    lang = check_lang(lang)
    model = get_model(stage_model)
    values = _users_series(users, model)
    ax = new_axes(ax, figsize=(7.5, 0.45 * len(model) + 1.5))
    labels = list(model.labels(lang))
    ys = list(range(len(model)))[::-1]
    ax.barh(ys, values.to_numpy(), color=[color_for(i) for i in range(len(model))], height=0.7)
    first = values.iloc[0]
    top = values.max() if values.max() > 0 else 1.0
    for y, v in zip(ys, values.to_numpy(), strict=True):
        share = f" ({100 * v / first:.0f} %)" if first > 0 else ""
        ax.text(v + top * 0.01, y, f"{v:,.0f}{share}", va="center", fontsize=9)
    ax.set_yticks(ys, labels)
    ax.set_xlim(0, top * 1.22)
    ax.set_xlabel(t("axis.users", lang))
    ax.set_ylabel(t("stage", lang))
    ax.set_title(t("stages.users_title", lang))
    ax.spines[["top", "right"]].set_visible(False)
    return ax
