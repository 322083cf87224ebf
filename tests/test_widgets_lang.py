"""Every text a learner sees in a widget follows ``lang``: with ``lang="id"`` no English label.

The walk collects what the browser shows: descriptions, placeholders, tooltips, option labels,
tab titles, button text, and the text inside HTML and SVG (the widgets draw their charts as SVG
with real text). Each text is compared with the English side of every catalogue label and stage
label whose Indonesian differs. The same walk in English must find those English labels, so
the check cannot pass by seeing nothing.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

import ipywidgets as widgets
import pytest
from labels import english_only_labels

from journeykit import synth
from journeykit.widgets import (
    AttributionExplorer,
    FunnelExplorer,
    MapBuilder,
    OfferCalculator,
    ReferralSimulator,
)

TABLES = synth.generate("coffee", n_users=300, seed=3)

BUILDERS = {
    "MapBuilder": lambda lang: MapBuilder(lang=lang),
    "FunnelExplorer": lambda lang: FunnelExplorer(TABLES, lang=lang),
    "AttributionExplorer": lambda lang: AttributionExplorer(TABLES, lang=lang),
    "OfferCalculator": lambda lang: OfferCalculator("domain", n_customers=100, lang=lang),
    "ReferralSimulator": lambda lang: ReferralSimulator(runs=10, cycles=3, lang=lang),
}

_TAG = re.compile(r"<[^>]+>")
_BLOCK = re.compile(r"<(?:br|/?p|/?div|/?li|/?tr|/?td|/?th|/?h\d|/?text|/?tspan|/?title)\b[^>]*>")


def _html_texts(markup: str) -> Iterator[str]:
    """The visible text pieces of an HTML (or inline SVG) string, one per block or cell."""
    markup = re.sub(r"<style\b.*?</style>", "", markup, flags=re.S)
    for piece in _BLOCK.split(markup):
        text = " ".join(html.unescape(_TAG.sub("", piece)).split())
        if text:
            yield text


def visible_texts(root: widgets.Widget) -> set[str]:
    """Every text a browser would show for ``root`` and its children."""
    found: set[str] = set()
    todo = [root]
    while todo:
        w = todo.pop()
        for name in ("description", "placeholder", "tooltip", "button_style_label"):
            value = getattr(w, name, None)
            if isinstance(value, str) and value.strip():
                found.add(" ".join(value.split()))
        if isinstance(w, widgets.Button | widgets.ToggleButton):
            found.add(w.description)
        labels = getattr(w, "_options_labels", None)
        if labels:
            found.update(" ".join(str(x).split()) for x in labels)
        for title in getattr(w, "titles", ()) or ():
            if title:
                found.add(title)
        if isinstance(w, widgets.HTML | widgets.HTMLMath | widgets.Label):
            found.update(_html_texts(w.value))
        if isinstance(w, widgets.Output):
            for out in w.outputs:
                data = out.get("data", {})
                for mime in ("text/html", "image/svg+xml"):
                    if mime in data:
                        found.update(_html_texts(data[mime]))
                if "text" in out:
                    found.update(line.strip() for line in out["text"].splitlines() if line.strip())
        todo.extend(getattr(w, "children", ()))
    return found


ENGLISH = english_only_labels()


@pytest.mark.parametrize("name", list(BUILDERS))
def test_no_english_label_in_the_indonesian_widget(name):
    texts = visible_texts(BUILDERS[name]("id").widget)
    leaks = sorted(f"{text!r} ({ENGLISH[text]})" for text in texts if text in ENGLISH)
    assert not leaks, f"{name}(lang='id') shows English labels: {leaks}"


@pytest.mark.parametrize("name", list(BUILDERS))
def test_the_walk_sees_the_english_labels_in_the_english_widget(name):
    """The same walk on the English widget finds catalogue labels: the check above is not blind."""
    texts = visible_texts(BUILDERS[name]("en").widget)
    assert len([t for t in texts if t in ENGLISH]) >= 5


def test_html_texts_splits_blocks_and_unescapes():
    markup = "<style>p{}</style><p>Tingkat &amp; biaya</p><svg><text>Hari</text></svg>"
    assert list(_html_texts(markup)) == ["Tingkat & biaya", "Hari"]
