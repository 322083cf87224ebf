"""Bring your own data: importers that turn real exports into the tables journeykit measures.

- :mod:`journeykit.imports.ga4` — Google Analytics 4's BigQuery export (JSON lines or Parquet)
- :mod:`journeykit.imports.csv` — any event or order CSV, with a column mapping (Segment,
  Snowplow, a shop's order export ...)
- :mod:`journeykit.imports.channels` — GA4's default channel grouping rules
- :mod:`journeykit.imports.common` — the error type, time zones, epoch units, the safe write

Each writes a folder (``events``, ``users`` and/or ``orders`` tables, plus ``import.json``)
that the other commands read; see ``docs/OWN_DATA.md``.
"""
