"""Drawing journey maps: a swimlane grid with the emotion curve (matplotlib) and an HTML page.

:func:`plot_map` draws one column per stage and one row per lane (texts wrapped to fit), with
the emotion curve (-2..+2) in a band underneath; the stage headers carry the artist id
``"stage-header"`` and the curve ``"emotion-curve"``, so tests and tools can find them.
:func:`map_html` writes a self-contained page (inline CSS and an inline SVG curve, no external
files, no scripts) in which every text a user typed is escaped.

>>> from journeykit.maps import example
>>> ax = plot_map(example("coffee"))
>>> [a.get_text() for a in ax.texts if a.get_gid() == "stage-header"]
['Awareness', 'Consideration', 'Decision', 'Experience', 'Loyalty']
>>> "<script" in map_html(example("coffee", lang="id"))
False
"""

from __future__ import annotations

import html
import os
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

import matplotlib.colors as mcolors
import matplotlib.pyplot as plt
from matplotlib.axes import Axes
from matplotlib.patches import Rectangle

from journeykit.errors import ParameterError
from journeykit.files import target_path, write_file, write_text
from journeykit.i18n import check_lang, t
from journeykit.plots.style import EMOTION_CMAP, PALETTE, new_axes

if TYPE_CHECKING:  # pragma: no cover
    from journeykit.maps import JourneyMap

__all__ = ["plot_map", "map_html", "emotion_svg", "render", "RENDER_FORMATS", "MAP_CSS"]

_WRAP = 27  # characters per line in a stage column
_LINE = 0.15  # height of one text line, in inches (= data units of the grid)
_HEADER = 0.5
_BAND = 1.7  # height of the emotion band
_COL_IN = 2.2  # width of a stage column, inches
_LABEL_COLS = 0.62  # width of the lane-label column, in stage columns


def _literal_text(ax: Axes, *args: object, **kwargs: object) -> object:
    """``ax.text`` drawing the string as typed: ``$5`` stays ``$5`` (no mathtext from a
    learner's words, so "Pays $5 now and $10 later" is not drawn as maths, and ``$\\frac{``
    cannot break the drawing)."""
    return ax.text(*args, parse_math=False, **kwargs)  # type: ignore[arg-type]


def _cell_lines(items: tuple[str, ...]) -> list[str]:
    lines: list[str] = []
    for item in items:
        wrapped = textwrap.wrap(item, width=_WRAP) or [""]
        lines.append("• " + wrapped[0])
        lines.extend("   " + rest for rest in wrapped[1:])
    return lines


def _lane_lines(journey_map: JourneyMap, lane: str) -> list[list[str]]:
    return [_cell_lines(getattr(s, lane)) for s in journey_map.stages]


def _emotion_colour(score: float) -> tuple[float, float, float, float]:
    cmap = plt.get_cmap(EMOTION_CMAP)
    return cmap(mcolors.Normalize(-2.6, 2.6)(score))  # not the palest ends: stay visible


def plot_map(
    journey_map: JourneyMap,
    *,
    lang: str | None = None,
    lanes: tuple[str, ...] | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Draw the map: a header of stage names, one row per lane, and the emotion curve below.

    ``lang`` (default: the map's) sets the stage names, lane names and title; the map's own
    texts are drawn as written. ``lanes`` picks and orders the lanes (default all of
    :data:`journeykit.maps.LANES`). Without ``ax`` a figure sized to the text is made.
    Returns the Axes (axis hidden: the grid is the chart; the emotion band has its own scale).
    """
    from journeykit.maps import LANES

    lang = check_lang(lang or journey_map.lang)
    lanes = LANES if lanes is None else tuple(lanes)
    unknown = [lane for lane in lanes if lane not in LANES]
    if unknown:
        from journeykit.errors import ParameterError

        raise ParameterError(f"lanes: expected some of {', '.join(LANES)}, got {unknown}")
    model = journey_map.model
    n = len(journey_map.stages)
    cells = {lane: _lane_lines(journey_map, lane) for lane in lanes}
    labels = {lane: textwrap.wrap(t(f"map.lane.{lane}", lang), width=14) for lane in lanes}
    heights = {
        lane: max(_LINE * max(1, *(len(c) for c in cells[lane])), 1.25 * _LINE * len(labels[lane]))
        + 0.16
        for lane in lanes
    }
    total = _HEADER + sum(heights.values()) + _BAND
    if ax is None:
        ax = new_axes(figsize=(_COL_IN * (n + _LABEL_COLS) + 0.3, total + 0.9))
    ax.set_xlim(-_LABEL_COLS, n)
    ax.set_ylim(total, 0)
    ax.axis("off")

    # header: one column per stage
    for i, s in enumerate(journey_map.stages):
        ax.add_patch(Rectangle((i, 0), 1, _HEADER, facecolor=PALETTE[0], edgecolor="white"))
        _literal_text(
            ax,
            i + 0.5,
            _HEADER / 2,
            model.stage(s.stage).label(lang),
            ha="center",
            va="center",
            color="white",
            fontsize=10,
            fontweight="bold",
            gid="stage-header",
        )
    # lanes
    y = _HEADER
    for row, lane in enumerate(lanes):
        h = heights[lane]
        shade = "#F2F2F2" if row % 2 == 0 else "white"
        if lane == "pain_points":
            shade = "#FBE9DF"
        elif lane == "opportunities":
            shade = "#E3F1EC"
        ax.add_patch(
            Rectangle((-_LABEL_COLS, y), _LABEL_COLS, h, facecolor="#DDDDDD", edgecolor="white")
        )
        _literal_text(
            ax,
            -_LABEL_COLS + 0.04,
            y + h / 2,
            "\n".join(labels[lane]),
            va="center",
            fontsize=8.5,
            fontweight="bold",
            gid="lane-label",
        )
        for i, lines in enumerate(cells[lane]):
            ax.add_patch(
                Rectangle((i, y), 1, h, facecolor=shade, edgecolor="#BBBBBB", linewidth=0.6)
            )
            if lines:
                _literal_text(
                    ax,
                    i + 0.04,
                    y + 0.08,
                    "\n".join(lines),
                    va="top",
                    fontsize=7.5,
                    linespacing=1.15,
                )
        y += h
    # emotion band and curve
    band_top = y
    ax.add_patch(
        Rectangle(
            (-_LABEL_COLS, band_top), _LABEL_COLS, _BAND, facecolor="#DDDDDD", edgecolor="white"
        )
    )
    _literal_text(
        ax,
        -_LABEL_COLS + 0.04,
        band_top + _BAND / 2,
        "\n".join(textwrap.wrap(t("map.emotion", lang), width=12)),
        va="center",
        fontsize=8.5,
        fontweight="bold",
        gid="lane-label",
    )
    mid = band_top + _BAND / 2
    scale = (_BAND / 2 - 0.2) / 2  # data units per emotion point

    def ypos(score: float) -> float:
        return mid - score * scale

    for level in (-2, -1, 0, 1, 2):
        ax.plot(
            [0, n],
            [ypos(level)] * 2,
            color="#999999" if level == 0 else "#DDDDDD",
            linewidth=0.9 if level == 0 else 0.6,
            linestyle="-" if level == 0 else ":",
            zorder=1,
        )
        _literal_text(
            ax,
            0.03,
            ypos(level),
            f"{level:+d}" if level else "0",
            ha="left",
            va="center",
            fontsize=7.5,
            color="#666666",
        )
    for i in range(n + 1):
        ax.plot([i, i], [band_top, total], color="#DDDDDD", linewidth=0.6, zorder=1)
    xs = [i + 0.5 for i in range(n)]
    scores = [float(s.emotion) for s in journey_map.stages]
    ax.plot(
        xs,
        [ypos(v) for v in scores],
        color=PALETTE[7],
        linewidth=1.8,
        zorder=3,
        gid="emotion-curve",
    )
    ax.scatter(
        xs,
        [ypos(v) for v in scores],
        c=[_emotion_colour(v) for v in scores],
        s=90,
        edgecolors=PALETTE[7],
        zorder=4,
    )
    for x, v in zip(xs, scores, strict=True):
        _literal_text(ax, x + 0.06, ypos(v) - 0.08, f"{v:+g}" if v else "0", fontsize=8, zorder=5)
    persona = journey_map.persona_obj()
    who = persona.name if persona is not None else str(journey_map.persona)
    # the whole goal, wrapped to the width of the grid (about 18 characters per column)
    subtitle = textwrap.fill(
        f"{t('persona', lang)}: {who}  ·  {t('map.goal', lang)}: {journey_map.goal}",
        width=int(18 * (n + _LABEL_COLS)),
    )
    ax.set_title(
        f"{t('map', lang)}: {journey_map.title}\n{subtitle}",
        fontsize=11,
        loc="left",
        parse_math=False,
    )
    return ax


def emotion_svg(journey_map: JourneyMap, *, lang: str | None = None) -> str:
    """The emotion curve as an inline ``<svg>`` (stage names and scores as escaped text)."""
    lang = check_lang(lang or journey_map.lang)
    model = journey_map.model
    n = len(journey_map.stages)
    col, left, top, height = 160, 40, 20, 160
    width = left + col * n + 10

    def y(score: float) -> float:
        return top + (2 - score) / 4 * (height - 2 * top)

    grid = "".join(
        f'<line x1="{left}" x2="{width - 10}" y1="{y(v):.1f}" y2="{y(v):.1f}" '
        f'stroke="{"#999" if v == 0 else "#ddd"}" stroke-dasharray="{"" if v == 0 else "3,3"}"/>'
        f'<text x="{left - 6}" y="{y(v) + 4:.1f}" text-anchor="end" font-size="11">'
        f"{f'{v:+d}' if v else '0'}</text>"
        for v in (-2, -1, 0, 1, 2)
    )
    pts = [(left + col * (i + 0.5), y(float(s.emotion))) for i, s in enumerate(journey_map.stages)]
    line = " ".join(f"{x:.1f},{yy:.1f}" for x, yy in pts)
    dots = "".join(
        f'<circle cx="{x:.1f}" cy="{yy:.1f}" r="7" fill="{mcolors.to_hex(_emotion_colour(float(s.emotion)))}" '
        f'stroke="#000"/><text x="{x + 10:.1f}" y="{yy - 8:.1f}" font-size="12">'
        f"{html.escape(f'{s.emotion:+g}' if s.emotion else '0')}</text>"
        f'<text x="{x:.1f}" y="{height + 14}" text-anchor="middle" font-size="12">'
        f"{html.escape(model.stage(s.stage).label(lang))}</text>"
        for (x, yy), s in zip(pts, journey_map.stages, strict=True)
    )
    title = html.escape(t("map.emotion_curve", lang))
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height + 24}" '
        f'role="img" aria-label="{title}"><title>{title}</title>{grid}'
        f'<polyline points="{line}" fill="none" stroke="#000" stroke-width="2"/>{dots}</svg>'
    )


MAP_CSS = """
body{font-family:system-ui,sans-serif;margin:24px;color:#222}
h1{margin:0 0 4px;color:#0072B2}.jk-goal{margin:0 0 12px}
table.jk-map{border-collapse:collapse;width:100%;table-layout:fixed;margin-top:12px}
.jk-map th,.jk-map td{border:1px solid #bbb;padding:6px 8px;vertical-align:top;font-size:13px}
.jk-map thead th{background:#0072B2;color:#fff}.jk-map tbody th{background:#ddd;text-align:left;width:11em}
.jk-map ul{margin:0;padding-left:16px}.jk-map tr.jk-pain_points td{background:#FBE9DF}
.jk-map tr.jk-opportunities td{background:#E3F1EC}.jk-map tr.jk-emotion td{text-align:center;font-weight:bold}
"""


def map_html(journey_map: JourneyMap, *, lang: str | None = None) -> str:
    """A self-contained HTML page of the map: title, goal, persona card, emotion curve (inline
    SVG) and the stages × lanes table. No scripts, no external files; every text a user typed
    (title, goal, persona, lane texts) is escaped with :func:`html.escape`.
    """
    from journeykit.maps import LANES
    from journeykit.plots.personas import PERSONA_CSS, persona_html

    lang = check_lang(lang or journey_map.lang)
    e = html.escape
    model = journey_map.model
    persona = journey_map.persona_obj()
    persona_part = (
        persona_html(persona, lang=lang, style=False)
        if persona is not None
        else f"<p>{e(str(journey_map.persona))}</p>"
    )
    head = "".join(f"<th>{e(model.stage(s.stage).label(lang))}</th>" for s in journey_map.stages)
    rows = []
    for lane in LANES:
        cells = "".join(
            "<td><ul>" + "".join(f"<li>{e(x)}</li>" for x in getattr(s, lane)) + "</ul></td>"
            for s in journey_map.stages
        )
        rows.append(f'<tr class="jk-{lane}"><th>{e(t(f"map.lane.{lane}", lang))}</th>{cells}</tr>')
    scores = "".join(
        f"<td>{e(f'{s.emotion:+g}' if s.emotion else '0')}</td>" for s in journey_map.stages
    )
    rows.append(f'<tr class="jk-emotion"><th>{e(t("map.emotion", lang))}</th>{scores}</tr>')
    title = e(journey_map.title)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{e(lang)}"><head><meta charset="utf-8">'
        f"<title>{e(t('map', lang))}: {title}</title>"
        f"<style>{MAP_CSS}{PERSONA_CSS}</style></head><body>"
        f"<h1>{e(t('map', lang))}: {title}</h1>"
        f'<p class="jk-goal"><b>{e(t("map.goal", lang))}:</b> {e(journey_map.goal)}</p>'
        f"<h2>{e(t('persona', lang))}</h2>{persona_part}"
        f"<h2>{e(t('map.emotion_curve', lang))}</h2>{emotion_svg(journey_map, lang=lang)}"
        f'<table class="jk-map"><thead><tr><th>{e(t("stage", lang))}</th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></body></html>\n"
    )


RENDER_FORMATS: tuple[str, ...] = (".png", ".svg", ".html")


def render(
    journey_map: JourneyMap,
    out: str | os.PathLike[str],
    *,
    lang: str | None = None,
    force: bool = False,
    dpi: int = 150,
) -> Path:
    """Write the map as a picture (``.png``, ``.svg``: swimlanes and emotion curve) or a
    self-contained ``.html`` page, chosen by the file extension. An existing file is replaced
    only with ``force=True``; the file is written atomically (:mod:`journeykit.files`). Returns
    the path written.

    >>> import tempfile, pathlib
    >>> from journeykit.maps import example
    >>> render(example("coffee"), pathlib.Path(tempfile.mkdtemp()) / "coffee.html").suffix
    '.html'
    """
    from journeykit.maps import JourneyMap

    if not isinstance(journey_map, JourneyMap):
        raise ParameterError(
            f"journey_map: expected a JourneyMap, got {type(journey_map).__name__}"
        )
    path = Path(out)
    suffix = path.suffix.lower()
    if suffix not in RENDER_FORMATS:
        raise ParameterError(
            f"out: expected a file ending in {', '.join(RENDER_FORMATS)}, got {str(path)!r}"
        )
    target_path(path, force=force)  # refuse before drawing
    if suffix == ".html":
        return write_text(path, map_html(journey_map, lang=lang), force=force)
    import matplotlib

    ax = plot_map(journey_map, lang=lang)
    fig = ax.figure
    try:
        # fixed ids and no date: the same map gives the same SVG, byte for byte
        with matplotlib.rc_context({"svg.hashsalt": "journeykit"}):
            path = write_file(
                path,
                lambda fh: fig.savefig(
                    fh,
                    format=suffix[1:],
                    dpi=dpi,
                    bbox_inches="tight",
                    metadata={"Date": None} if suffix == ".svg" else None,
                ),
                force=force,
            )
    finally:
        plt.close(fig)
    return path
