"""Plots for every idea in the course, one module per idea; they only draw what they are given.

Shared look: :mod:`journeykit.plots.style` (Okabe-Ito colour-blind-safe palette, titles and
axis labels from :mod:`journeykit.i18n`). Every plot function takes ``lang`` and an optional
``ax`` and returns the matplotlib ``Axes`` (or ``Figure``) it drew on.
"""
