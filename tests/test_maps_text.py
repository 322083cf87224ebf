"""Learner text is drawn as typed (issue 11, item 9): no mathtext, no control characters."""

from __future__ import annotations

import dataclasses
import html
import re
import xml.dom.minidom

import matplotlib
import matplotlib.pyplot as plt
import pytest

from journeykit.errors import MapFileError, ValidationError
from journeykit.maps import MapStage, example
from journeykit.personas import Persona
from journeykit.plots.maps import plot_map, render

MONEY = "Pays $5 now and $10 later"
BROKEN_MATH = r"Costs $\frac{1$ a month"


def _with_action(text: str):
    m = example("coffee")
    first = dataclasses.replace(m.stages[0], actions=(text,))
    return dataclasses.replace(m, stages=(first, *m.stages[1:]))


def _svg(journey_map) -> str:
    import io

    ax = plot_map(journey_map)
    buf = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "none"}):
        ax.figure.savefig(buf, format="svg")
    plt.close(ax.figure)
    return buf.getvalue()


def test_dollar_signs_are_drawn_literally_in_the_svg():
    svg = re.sub(r"<!--.*?-->", "", _svg(_with_action(MONEY)), flags=re.S)
    assert f"• {MONEY}</text>" in svg  # one text element, as typed (mathtext would split it)
    assert "5*nowand*10" not in svg.replace(" ", "")


@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_unbalanced_mathtext_renders_instead_of_crashing(suffix, tmp_path):
    out = render(_with_action(BROKEN_MATH), tmp_path / f"m{suffix}")
    assert out.stat().st_size > 1000


def test_map_builder_draws_dollars_literally():
    from journeykit.widgets.map_builder import MapBuilder

    b = MapBuilder("coffee")
    b.stage.value = b.map.stage_keys()[0]
    b.lanes["actions"].value = BROKEN_MATH + "\n" + MONEY
    assert b.map.stages[0].actions == (BROKEN_MATH, MONEY)
    svg = re.sub(r"<!--.*?-->", "", html.unescape(b.plot.value), flags=re.S)
    assert f"• {MONEY}</text>" in svg and "• Costs $\\frac{1$ a month</text>" in svg


@pytest.mark.parametrize("bad", ["\x07bell", "tab\tok\x1b[31m", "nul\x00", "del\x7f", "c1\x85"])
def test_control_characters_are_refused_with_their_code(bad):
    with pytest.raises(
        ValidationError, match=r"actions\[0\]: expected text without control characters.*U\+00"
    ):
        MapStage(stage="awareness", emotion=0, actions=(bad,))


def test_tabs_and_line_breaks_are_fine_and_the_svg_parses(tmp_path):
    m = _with_action("first\tsecond\r\nthird")
    out = render(m, tmp_path / "m.svg")
    xml.dom.minidom.parse(str(out))  # a browser-valid XML document


def test_a_saved_map_with_a_control_character_is_a_file_error(tmp_path):
    text = example("coffee").to_json().replace('"Sees', '"\\u0007Sees', 1)
    assert "\\u0007" in text
    f = tmp_path / "m.json"
    f.write_text(text, encoding="utf-8")
    with pytest.raises(MapFileError, match="control characters"):
        type(example("coffee")).load(f)


def test_persona_text_is_checked_too():
    from journeykit.personas import example as persona_example

    data = {**persona_example().to_dict(), "name": "Sari\x08"}
    with pytest.raises(ValidationError, match="control characters"):
        Persona.from_dict(data)
