"""journeykit: a Jupyter course and toolkit on the customer journey.

``import journeykit as jk`` gives the few things a lesson starts with, named as the course
names them, plus every idea module (``jk.funnels``, ``jk.attribution`` …). Nothing heavy is
imported until it is used (PEP 562 lazy attributes), so ``import journeykit`` and
``journeykit --version`` stay fast.

>>> import journeykit as jk
>>> jk.get_model("five").keys()[:2]
('awareness', 'consideration')
>>> sorted(set(jk.__all__) - set(dir(jk)))
[]
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

# Idea modules, in course order (lesson 01 → 14), loaded on first use.
_MODULES: tuple[str, ...] = (
    "stages",
    "personas",
    "maps",
    "touchpoints",
    "funnels",
    "metrics",
    "score",
    "paths",
    "attribution",
    "offers",
    "onboarding",
    "referrals",
    "campaigns",
    "messages",
    "synth",
    "schema",
    "i18n",
    "errors",
    "params",
    "plots",
    "widgets",
    "checks",
    "course",
    "workshop",
)

# The names a lesson starts with: name -> (module, attribute).
_NAMES: dict[str, tuple[str, str]] = {
    # data: make it, or read a folder of tables (the generator's or your own)
    "generate": ("synth", "generate"),
    "read_tables": ("schema", "read_tables"),
    "write_tables": ("schema", "write_tables"),
    "validate_tables": ("schema", "validate_tables"),
    # 01 stage models
    "get_model": ("stages", "get_model"),
    "map_stage": ("stages", "map_stage"),
    # 02–03 personas and journey maps
    "Persona": ("personas", "Persona"),
    "JourneyMap": ("maps", "JourneyMap"),
    # 04–05 touchpoints and measuring
    "channel_stage_matrix": ("touchpoints", "channel_stage_matrix"),
    "stage_funnel": ("funnels", "stage_funnel"),
    "ordered_funnel": ("funnels", "ordered_funnel"),
    "stage_metrics": ("metrics", "stage_metrics"),
    "journey_score": ("score", "journey_score"),
    # 06–07 paths and attribution
    "conversion_paths": ("paths", "conversion_paths"),
    "assisted_conversions": ("paths", "assisted_conversions"),
    "attribute": ("attribution", "attribute"),
    # 08–12 offers, onboarding, referral loops, campaigns, follow-up
    "OfferPlan": ("offers", "OfferPlan"),
    "lifetime_value": ("offers", "lifetime_value"),
    "viral_coefficient": ("referrals", "viral_coefficient"),
    "observed_k": ("referrals", "observed_k"),
    "campaign_lift": ("campaigns", "campaign_lift"),
    "render_messages": ("messages", "render_messages"),
    # labels
    "t": ("i18n", "t"),
}

__all__ = ["__version__", *_MODULES, *_NAMES]


def __getattr__(name: str) -> Any:
    if name in _MODULES:
        module = importlib.import_module(f"journeykit.{name}")
    elif name in _NAMES:
        module_name, attribute = _NAMES[name]
        module = getattr(importlib.import_module(f"journeykit.{module_name}"), attribute)
    else:
        raise AttributeError(f"module 'journeykit' has no attribute {name!r}")
    globals()[name] = module  # later look-ups skip __getattr__
    return module


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
