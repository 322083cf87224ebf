"""What every journeykit widget shares: language, a status line, guarded updates, figure and table rendering.

A widget holds state in ipywidgets controls and, on every change, calls the same package
functions a learner could call by hand (``journeykit.funnels``, ``journeykit.attribution`` ...);
it never computes a number on its own. Three rules keep a notebook safe while a learner types:

* every update runs through :meth:`WidgetBase._attempt`: an error (a half-typed number, an
  empty stage name) is shown, escaped, in the widget's status line and the last good state
  stays on screen; nothing is raised into the notebook;
* every label comes from :func:`journeykit.i18n.t` (keys ``widgets.*``) in the widget's ``lang``;
* figures are drawn on a fresh :class:`matplotlib.figure.Figure` (no pyplot state) and shown as
  inline SVG with text kept as text, so a browser (and a test) can read the titles and labels.

>>> from journeykit.widgets._base import WidgetBase
>>> w = WidgetBase(lang="id")
>>> w._attempt(lambda: int("dua"), field="widgets.cycles")
False
>>> "invalid literal" in w.error, "Siklus" in w.status.value
(True, True)
>>> w._attempt(lambda: None)
True
>>> w.error
''
"""

from __future__ import annotations

import html
import io
import warnings
import weakref
from collections.abc import Callable, Mapping
from typing import Any

import ipywidgets as widgets
import matplotlib
import pandas as pd
from matplotlib.figure import Figure

from journeykit.errors import ParameterError, SchemaError
from journeykit.i18n import check_lang, t
from journeykit.plots.style import PALETTE

__all__ = [
    "WidgetBase",
    "figure_svg",
    "new_figure",
    "table_html",
    "number_text",
    "prepared",
    "TABLE_CSS",
    "table_of",
]

_ERROR_COLOUR = PALETTE[5]  # vermillion
DESCRIPTION_WIDTH = "17em"  # room for the longest control label in either language
_OK_COLOUR = PALETTE[2]  # bluish green


def new_figure(
    figsize: tuple[float, float] = (7.0, 3.6), *, nrows: int = 1, ncols: int = 1
) -> tuple[Figure, Any]:
    """A pyplot-free figure and its axes (one ``Axes``, or an array for several)."""
    fig = Figure(figsize=figsize, layout="constrained")
    axes = fig.subplots(nrows=nrows, ncols=ncols)
    return fig, axes


def figure_svg(fig: Figure) -> str:
    """The figure as an inline ``<svg>`` element, text kept as ``<text>`` (readable and searchable).

    >>> fig, ax = new_figure()
    >>> _ = ax.set_title("Funnel & <friends>")
    >>> svg = figure_svg(fig)
    >>> svg.startswith("<svg") and "Funnel &amp; &lt;friends&gt;" in svg
    True
    >>> svg == figure_svg(fig)           # no time stamp: same figure, same text
    True
    """
    buf = io.StringIO()
    with (
        matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "journeykit"}),
        warnings.catch_warnings(),
    ):
        # text is kept as text: the browser draws characters the plotting font lacks (emoji...)
        warnings.filterwarnings("ignore", message="Glyph .* missing from")
        # no creation date: the same figure gives the same SVG, byte for byte
        fig.savefig(buf, format="svg", metadata={"Date": None})
    text = buf.getvalue()
    start = text.find("<svg")
    return text[start:] if start >= 0 else text


TABLE_CSS = (
    "<style>.jk-table{border-collapse:collapse;margin:4px 0;font-size:13px}"
    ".jk-table th,.jk-table td{padding:2px 10px;border-bottom:1px solid #e3e3e3;text-align:left}"
    ".jk-table td.num,.jk-table td.jk-users,.jk-table td.jk-value{text-align:right;"
    "font-variant-numeric:tabular-nums}</style>"
)
"""Shared look of the widgets' HTML tables (a ``<style>`` scoped to the ``jk-table`` class)."""


def table_html(frame: pd.DataFrame, *, css_class: str = "jk-table", index: bool = False) -> str:
    """A DataFrame as an escaped HTML table (cell text is never interpreted as markup).

    >>> html_text = table_html(pd.DataFrame({"stage": ["<b>"], "users": [3]}))
    >>> "<td>&lt;b&gt;</td>" in html_text and "<b>" not in html_text
    True
    """
    return frame.to_html(escape=True, index=index, border=0, classes=css_class, na_rep="–")


def number_text(value: float, *, digits: int = 0) -> str:
    """A number with thousands separators and ``digits`` decimals; missing values as ``–``.

    >>> number_text(1234567.891, digits=2)
    '1,234,567.89'
    >>> number_text(float("nan"))
    '–'
    """
    if value is None or pd.isna(value):
        return "–"
    return f"{value:,.{digits}f}"


class WidgetBase:
    """Base of every journeykit widget: ``lang``, a ``status`` line, guarded updates, display.

    Subclasses build their controls in ``__init__``, put them in :attr:`widget` (an ipywidgets
    container) and route every change through :meth:`_attempt`. ``error`` holds the text of the
    last failed update (``""`` after a good one); the same text is in ``status.value``, escaped.
    """

    def __init__(self, *, lang: str = "en") -> None:
        self.lang: str = check_lang(lang)
        self.status = widgets.HTML(value="", layout=widgets.Layout(min_height="1.6em"))
        self.status.add_class("jk-status")
        self.error: str = ""
        self._widget: widgets.Widget | None = None

    # --- labels -------------------------------------------------------------------------------
    def label(self, key: str) -> str:
        """The ``widgets.<key>`` label in this widget's language."""
        return t(f"widgets.{key}", self.lang)

    # --- display ------------------------------------------------------------------------------
    @property
    def widget(self) -> widgets.Widget:
        """The ipywidgets container to display (built once)."""
        if self._widget is None:
            self._widget = self._build()
            self._widget.add_class("jk-widget")
            self._widget.add_class(f"jk-{type(self).__name__.lower()}")  # e.g. jk-mapbuilder
        return self._widget

    def _build(self) -> widgets.Widget:
        return widgets.VBox([self.status])

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)

    # --- controls -----------------------------------------------------------------------------
    def slider(
        self,
        name: str,
        value: float,
        lo: float,
        hi: float,
        step: float,
        *,
        integer: bool = False,
        readout_format: str | None = None,
    ) -> widgets.ValueWidget:
        """A slider labelled ``widgets.<name>`` that reports only when released (no flood of
        recomputes while dragging)."""
        kind = widgets.IntSlider if integer else widgets.FloatSlider
        extra = {"readout_format": readout_format} if readout_format else {}
        return kind(
            value=value,
            min=lo,
            max=hi,
            step=step,
            description=self.label(name),
            continuous_update=False,
            style={"description_width": DESCRIPTION_WIDTH},
            layout=widgets.Layout(width="40em"),
            **extra,
        )

    # --- controls that trigger a recompute -------------------------------------------------------
    def _watch(
        self,
        controls: Mapping[str, widgets.ValueWidget],
        *,
        field: Callable[[str], str] | None = None,
    ) -> None:
        """Recompute (:meth:`refresh`) whenever one of ``controls`` (name -> widget) changes.

        Each control gets the CSS class ``jk-<name>``.
        ``field(name)`` gives the i18n key shown before an error (default ``widgets.<name>``).
        """
        self._controls = dict(controls)
        key = field or (lambda name: f"widgets.{name}")
        for name, control in self._controls.items():
            control.add_class(f"jk-{name}")  # a stable hook for CSS and browser tests
            control.observe(lambda _change, name=name: self.refresh(field=key(name)), names="value")

    @property
    def controls(self) -> tuple[widgets.ValueWidget, ...]:
        """The input controls, in display order."""
        return tuple(getattr(self, "_controls", {}).values())

    def refresh(self, *, field: str = "") -> bool:
        """Recompute from the current control values; on an error keep the last good result."""
        return self._attempt(self._recompute, field=field)

    def _recompute(self) -> None:
        """Compute with the package functions, then replace the shown state (subclasses)."""

    # --- guarded updates ------------------------------------------------------------------------
    def _attempt(self, action: Callable[[], Any], *, field: str = "") -> bool:
        """Run ``action``; on any error show it in the status line and return ``False``.

        ``field`` is an i18n key naming the control that caused the update, shown before the
        message. The caller keeps its last good state when this returns ``False``.
        """
        try:
            action()
        except Exception as err:  # noqa: BLE001 - a widget must never raise into the notebook
            self.show_error(str(err) or type(err).__name__, field=field)
            return False
        self.error = ""
        self.status.value = ""
        return True

    def show_error(self, message: str, *, field: str = "") -> None:
        """Show ``message`` (escaped) in the status line and remember it in :attr:`error`."""
        self.error = message
        try:
            name = t(field, self.lang) if field else ""
        except ParameterError:  # a missing label must not hide the message itself
            name = field
        where = f"{html.escape(name)}: " if name else ""
        self.status.value = (
            f'<span class="jk-error" style="color:{_ERROR_COLOUR}">&#9888; {where}'
            f"{html.escape(message)} — {html.escape(self.label('kept_last_good'))}</span>"
        )

    def show_info(self, message: str) -> None:
        """Show a neutral message (escaped) in the status line, e.g. "saved to map.json"."""
        self.error = ""
        self.status.value = (
            f'<span class="jk-info" style="color:{_OK_COLOUR}">{html.escape(message)}</span>'
        )


# --- preparation cached once per tables object --------------------------------------------------
_CACHE_SIZE = 16
_cache: list[tuple[Any, str, Any]] = []  # (weak or strong reference to tables, key, prepared)


def prepared(tables: Any, key: str, build: Callable[[Any], Any]) -> Any:
    """``build(tables)``, computed once per ``tables`` object and ``key`` and then reused.

    Explorers keep the expensive work that no filter changes (per-person facts, first-touch
    groups) here, so moving a filter only re-runs the cheap part. The cache holds the last few
    table sets; a :class:`~journeykit.schema.Tables` is held weakly (dropped with the tables).

    >>> calls = []
    >>> class T: pass
    >>> tables = T()
    >>> build = lambda tb: calls.append(1) or len(calls)
    >>> prepared(tables, "demo", build), prepared(tables, "demo", build), len(calls)
    (1, 1, 1)
    """
    for ref, k, value in _cache:
        held = ref() if isinstance(ref, weakref.ref) else ref
        if held is tables and k == key:
            return value
    value = build(tables)
    try:
        ref: Any = weakref.ref(tables)
    except TypeError:  # a plain dict of tables cannot be referenced weakly
        ref = tables
    _cache.append((ref, key, value))
    del _cache[:-_CACHE_SIZE]
    return value


def table_of(tables: Any, name: str) -> Any:
    """Table ``name`` of a :class:`~journeykit.schema.Tables` or of a dict of DataFrames.

    >>> table_of({"users": 1}, "users")
    1
    """
    if isinstance(tables, Mapping):
        if name not in tables:
            raise SchemaError(name, None, "table missing from tables")
        return tables[name]
    if not hasattr(tables, name):
        raise ParameterError(
            f"tables: expected journeykit.schema.Tables or a dict of DataFrames, "
            f"got {type(tables).__name__}"
        )
    return getattr(tables, name)
