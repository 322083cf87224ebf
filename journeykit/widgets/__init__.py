"""Interactive widgets: a journey-map builder and explorers for funnels, attribution, offers and referral loops.

Each is one line in a notebook (``MapBuilder(lang="id")``, ``FunnelExplorer(tables)`` ...), shows
itself when it is the last expression of a cell (or via ``.widget``, an ipywidgets container), and
calls the same package functions a learner could call by hand: it holds state, it does not compute.
Invalid input shows a message inside the widget and keeps the last good state.
"""

from journeykit.widgets.attribution_explorer import AttributionExplorer
from journeykit.widgets.funnel_explorer import FunnelExplorer
from journeykit.widgets.map_builder import MapBuilder
from journeykit.widgets.offer_calculator import OfferCalculator
from journeykit.widgets.referral_simulator import ReferralSimulator

__all__ = [
    "AttributionExplorer",
    "FunnelExplorer",
    "MapBuilder",
    "OfferCalculator",
    "ReferralSimulator",
]
