"""Interactive widgets: a journey-map builder and explorers for funnels, attribution, offers and referral loops.

Each is one line in a notebook and shows itself when it is the last expression of a cell (or
display ``.widget``, an ipywidgets container)::

    MapBuilder("coffee", lang="id")     # JourneyMap lanes, emotion slider, stages, undo, files
    FunnelExplorer(tables)              # funnels.stage_funnel + metrics per stage, filtered
    AttributionExplorer(tables)         # attribution.attribute + paths.assisted_conversions
    OfferCalculator("camera")           # offers.summarize beside offers.simulate_cohort
    ReferralSimulator(tables)           # referrals.growth_table beside simulate_growth
    CustomerValueExplorer(fit)          # value.BGNBDFit: P(alive), expected purchases

A widget holds state and calls the same package functions a learner could call by hand (the
map builder edits its ``map`` through ``JourneyMap`` methods; the others' ``compute()`` makes the
package calls without drawing); it never computes numbers of its own.
Invalid input shows an escaped message in the widget's status line and keeps the last good
state; nothing is raised into the notebook. Every label follows ``lang`` (``"en"``/``"id"``).
"""

from journeykit.widgets.attribution_explorer import AttributionExplorer
from journeykit.widgets.customer_value import CustomerValueExplorer
from journeykit.widgets.funnel_explorer import FunnelExplorer
from journeykit.widgets.map_builder import MapBuilder
from journeykit.widgets.offer_calculator import OfferCalculator
from journeykit.widgets.referral_simulator import ReferralSimulator

__all__ = [
    "AttributionExplorer",
    "CustomerValueExplorer",
    "FunnelExplorer",
    "MapBuilder",
    "OfferCalculator",
    "ReferralSimulator",
]
