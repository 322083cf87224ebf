"""Drawing personas: a card (matplotlib or HTML) and how far each persona gets along the journey.

>>> from journeykit.personas import example
>>> ax = plot_persona(example("student"), lang="id")
>>> ax.get_title()
'Kartu persona: Dinda Lestari'
>>> "&lt;b&gt;" in persona_html(example("student").__class__(**{**example("student").to_dict(),
...     "quote": "<b>hi</b>"}))
True
"""

from __future__ import annotations

import html
import textwrap
from typing import TYPE_CHECKING

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import FancyBboxPatch

from journeykit.i18n import check_lang, t
from journeykit.plots.style import PALETTE, color_for, new_axes
from journeykit.stages import StageModel, get_model

if TYPE_CHECKING:  # pragma: no cover
    from journeykit.personas import Persona

__all__ = ["plot_persona", "persona_html", "plot_stage_reach", "PERSONA_CSS"]

_SECTIONS = ("goals", "motivations", "needs", "frustrations")


def _lang(persona: Persona, lang: str | None) -> str:
    return check_lang(lang or persona.lang or "en")


def _bullets(items: tuple[str, ...], width: int) -> list[str]:
    lines: list[str] = []
    for item in items:
        wrapped = textwrap.wrap(item, width=width) or [""]
        lines.append("• " + wrapped[0])
        lines.extend("  " + rest for rest in wrapped[1:])
    return lines or ["–"]


def plot_persona(persona: Persona, *, lang: str | None = None, ax: Axes | None = None) -> Axes:
    """Draw ``persona`` as a card: name, age band and occupation, quote, goals, motivations,
    needs and frustrations (two columns), then preferred channels and devices.

    Headings follow ``lang`` (default: the persona's own ``lang``, else English); the persona's
    texts are drawn as written. Returns the Axes (axis hidden; title "Persona card: <name>").
    """
    lang = _lang(persona, lang)
    wrap = 44
    columns = [
        _SECTIONS[:2],
        _SECTIONS[2:],
    ]
    blocks = {s: [t(f"persona.{s}", lang)] + _bullets(getattr(persona, s), wrap) for s in _SECTIONS}
    body_lines = max(sum(len(blocks[s]) + 1 for s in col) for col in columns)
    quote = textwrap.wrap(f"“{persona.quote}”", width=2 * wrap + 6) if persona.quote else []
    channels = ", ".join(t(f"channel.{c}", lang) for c in persona.channels)
    devices = ", ".join(t(f"device.{d}", lang) for d in persona.devices)
    footer = textwrap.wrap(f"{t('persona.channels', lang)}: {channels}", width=2 * wrap + 6)
    footer += textwrap.wrap(f"{t('persona.devices', lang)}: {devices}", width=2 * wrap + 6)
    total = 3 + len(quote) + 1 + body_lines + len(footer) + 1
    ax = new_axes(ax, figsize=(9, 0.22 * total + 0.8))
    ax.set_xlim(0, 1)
    ax.set_ylim(total, 0)
    ax.axis("off")
    ax.add_patch(
        FancyBboxPatch(
            (0.005, 0.2),
            0.99,
            total - 0.4,
            boxstyle="round,pad=0.005,rounding_size=0.02",
            facecolor="#F7F7F7",
            edgecolor=PALETTE[0],
            linewidth=1.5,
            mutation_aspect=total,
        )
    )
    ax.text(0.03, 1.0, persona.name, fontsize=15, fontweight="bold", va="center", color=PALETTE[0])
    ax.text(
        0.03,
        2.1,
        f"{t('persona.age_band', lang)}: {persona.age_band}  ·  "
        f"{t('persona.occupation', lang)}: {persona.occupation}",
        fontsize=9.5,
        va="center",
    )
    y = 3.2
    for line in quote:
        ax.text(0.03, y, line, fontsize=9.5, style="italic", va="center", color="#444444")
        y += 1
    y += 0.5
    for col, sections in enumerate(columns):
        yy = y
        for s in sections:
            for j, line in enumerate(blocks[s]):
                ax.text(
                    0.03 + 0.49 * col,
                    yy,
                    line,
                    fontsize=9.5 if j == 0 else 8.5,
                    fontweight="bold" if j == 0 else "normal",
                    color=PALETTE[5] if (j == 0 and s == "frustrations") else "black",
                    va="center",
                )
                yy += 1
            yy += 1
    y += body_lines
    for line in footer:
        ax.text(0.03, y, line, fontsize=9, va="center", color=PALETTE[0])
        y += 1
    ax.set_title(f"{t('persona.card', lang)}: {persona.name}", fontsize=11)
    return ax


PERSONA_CSS = """
.jk-persona{font-family:system-ui,sans-serif;border:2px solid #0072B2;border-radius:10px;
 padding:12px 16px;background:#F7F7F7;max-width:760px;color:#222}
.jk-persona h3{margin:0;color:#0072B2}.jk-persona .jk-meta{margin:2px 0 8px;color:#444}
.jk-persona blockquote{margin:6px 0 10px;font-style:italic;color:#444}
.jk-persona .jk-grid{display:grid;grid-template-columns:1fr 1fr;gap:4px 20px}
.jk-persona h4{margin:6px 0 2px}.jk-persona ul{margin:0;padding-left:18px}
.jk-persona .jk-frustrations h4{color:#D55E00}.jk-persona .jk-foot{margin-top:8px;color:#0072B2}
"""


def persona_html(persona: Persona, *, lang: str | None = None, style: bool = True) -> str:
    """The persona card as an HTML fragment (a ``<div class="jk-persona">``).

    Every text typed by a user is escaped with :func:`html.escape`, so a persona cannot inject
    markup or scripts. With ``style=True`` a small ``<style>`` block is included.
    """
    lang = _lang(persona, lang)
    e = html.escape

    def section(name: str) -> str:
        items = "".join(f"<li>{e(x)}</li>" for x in getattr(persona, name)) or "<li>–</li>"
        return (
            f'<div class="jk-{name}"><h4>{e(t(f"persona.{name}", lang))}</h4><ul>{items}</ul></div>'
        )

    channels = ", ".join(e(t(f"channel.{c}", lang)) for c in persona.channels)
    devices = ", ".join(e(t(f"device.{d}", lang)) for d in persona.devices)
    quote = f"<blockquote>“{e(persona.quote)}”</blockquote>" if persona.quote else ""
    css = f"<style>{PERSONA_CSS}</style>" if style else ""
    return (
        f'{css}<div class="jk-persona" lang="{e(persona.lang or lang)}">'
        f"<h3>{e(persona.name)}</h3>"
        f'<p class="jk-meta">{e(t("persona.age_band", lang))}: {e(persona.age_band)} · '
        f"{e(t('persona.occupation', lang))}: {e(persona.occupation)}</p>"
        f"{quote}"
        f'<div class="jk-grid">{"".join(section(s) for s in _SECTIONS)}</div>'
        f'<p class="jk-foot"><b>{e(t("persona.channels", lang))}:</b> {channels}<br>'
        f"<b>{e(t('persona.devices', lang))}:</b> {devices}</p></div>"
    )


def plot_stage_reach(
    reach: pd.DataFrame,
    *,
    stage_model: str | StageModel = "cvj",
    lang: str = "en",
    ax: Axes | None = None,
) -> Axes:
    """One line per persona or segment: the share (%) of its users who reached each stage.

    ``reach`` is the table of :func:`journeykit.personas.stage_reach` (groups × stage keys,
    shares 0-1). Stage names on the x axis follow ``lang``; group names come from
    :func:`journeykit.personas.display_name`.
    """
    from journeykit.personas import display_name

    check_lang(lang)
    model = get_model(stage_model)
    keys = [k for k in model.keys() if k in reach.columns]  # noqa: SIM118
    ax = new_axes(ax, figsize=(max(7.0, 1.1 * len(keys) + 2), 4.5))
    x = range(len(keys))
    markers = "osD^vPX*"
    for i, (group, row) in enumerate(reach[keys].iterrows()):  # one line per group, not per user
        ax.plot(
            x,
            row.to_numpy() * 100,
            marker=markers[i % len(markers)],
            color=color_for(i),
            label=display_name(group, lang),
        )
    ax.set_xticks(list(x), [model.stage(k).label(lang) for k in keys], rotation=20, ha="right")
    ax.set_ylim(0, 105)
    ax.set_xlabel(t("stage", lang))
    ax.set_ylabel(t("persona.reach_axis", lang))
    ax.set_title(t("persona.reach_title", lang))
    ax.grid(axis="y", alpha=0.3)
    ax.legend(title=t("persona", lang), frameon=False)
    return ax
