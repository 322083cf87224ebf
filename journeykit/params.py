"""Notebook parameters: names, types and allowed values, checked the same way everywhere.

Every lesson's first code cell is tagged ``parameters`` and holds plain assignments of literals
(``seed = 42``). The cell right after it calls :func:`check_parameters` on those names, so a
papermill run with a wrong value stops at once with a clear message; ``journeykit course run``
uses the same :data:`SPECS` to refuse bad values before any kernel starts.

>>> check_parameters(seed=7, lang="id", stage_model="cvj")
>>> check_parameters(seed="7")
Traceback (most recent call last):
...
journeykit.errors.ParameterError: parameter seed: expected an integer >= 0, got '7' (str)
>>> check_parameters(lang="fr")
Traceback (most recent call last):
...
journeykit.errors.ParameterError: parameter lang: expected one of 'en', 'id', got 'fr' (str)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from journeykit.errors import ParameterError

__all__ = ["ParamSpec", "SPECS", "check_parameters", "check_value"]


@dataclass(frozen=True)
class ParamSpec:
    """How to check one notebook parameter: ``ok(value)`` is true for good values."""

    name: str
    expected: str
    ok: Callable[[Any], bool]


def _int(lo: int | None = None, hi: int | None = None) -> Callable[[Any], bool]:
    def ok(v: Any) -> bool:
        return (
            isinstance(v, int)
            and not isinstance(v, bool)
            and (lo is None or v >= lo)
            and (hi is None or v <= hi)
        )

    return ok


def _num(lo: float | None = None, hi: float | None = None) -> Callable[[Any], bool]:
    def ok(v: Any) -> bool:
        return (
            isinstance(v, int | float)
            and not isinstance(v, bool)
            and v == v  # not NaN
            and (lo is None or v >= lo)
            and (hi is None or v <= hi)
        )

    return ok


def _one_of(*choices: str) -> Callable[[Any], bool]:
    return lambda v: isinstance(v, str) and v in choices


def _choices_text(*choices: str) -> str:
    return "one of " + ", ".join(map(repr, choices))


def _timezone(v: Any) -> bool:
    import zoneinfo

    if not isinstance(v, str) or not v.strip():
        return False
    try:
        zoneinfo.ZoneInfo(v)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return False
    return True


def _spec(name: str, expected: str, ok: Callable[[Any], bool]) -> tuple[str, ParamSpec]:
    return name, ParamSpec(name, expected, ok)


# journeykit.offers.PRESETS keys (kept here so this module stays light; tests/test_offers.py
# checks they match).
_OFFER_PRESETS = (
    "book",
    "teeth_whitening",
    "domain",
    "business_cards",
    "camera",
    "car_wash",
    "early_boarding",
)

# Add the parameters your lesson introduces here (same name, same meaning in every notebook).
SPECS: dict[str, ParamSpec] = dict(
    [
        _spec("seed", "an integer >= 0", _int(0)),
        _spec("lang", _choices_text("en", "id"), _one_of("en", "id")),
        _spec("stage_model", _choices_text("five", "map", "cvj"), _one_of("five", "map", "cvj")),
        _spec("n_users", "an integer between 100 and 2,000,000", _int(100, 2_000_000)),
        _spec("preset", _choices_text("coffee", "saas"), _one_of("coffee", "saas")),
        _spec("mobile_share", "a number between 0 and 1", _num(0, 1)),
        _spec("lookback_days", "an integer between 1 and 365", _int(1, 365)),
        _spec("conversion_window_days", "an integer between 1 and 365", _int(1, 365)),
        _spec("half_life_days", "a number > 0", _num(1e-9)),
        _spec("entry_price", "a number >= 0", _num(0)),
        _spec("monthly_churn", "a number between 0 and 1", _num(0, 1)),
        # lessons 08_offers and 09_onboarding (journeykit.offers, journeykit.onboarding)
        _spec(
            "offer_preset",
            _choices_text(*_OFFER_PRESETS),
            _one_of(*_OFFER_PRESETS),
        ),
        _spec("acquisition_cost", "a number >= 0", _num(0)),
        _spec("discount_rate", "a number between 0 and 1 (per month)", _num(0, 1)),
        _spec("months", "an integer between 1 and 240", _int(1, 240)),
        _spec("n_customers", "an integer between 10 and 1,000,000", _int(10, 1_000_000)),
        _spec("onboard_within_days", "a number > 0", _num(1e-9)),
        _spec("followup_days", "a number > 0", _num(1e-9)),
        _spec("confidence", "a number between 0.5 and 0.999", _num(0.5, 0.999)),
        _spec("invites_per_user", "a number >= 0", _num(0)),
        _spec("invite_conversion", "a number between 0 and 1", _num(0, 1)),
        _spec("cycles", "an integer between 1 and 200", _int(1, 200)),
        _spec("persona", "a persona key (string)", lambda v: isinstance(v, str) and v != ""),
        _spec("n_segments", "an integer between 1 and 10", _int(1, 10)),
        _spec("customer_name", "a string", lambda v: isinstance(v, str)),
        _spec("show_widgets", "True or False", lambda v: isinstance(v, bool)),
        # lessons 10_referrals, 11_campaigns, 12_follow_up (referrals, campaigns, messages)
        _spec("churn", "a number between 0 and 1 (per referral cycle)", _num(0, 1)),
        _spec("cycle_time_days", "a number > 0", _num(1e-9)),
        _spec("cost_per_gb", "a number >= 0", _num(0)),
        _spec("strangers", "an integer between 1 and 1,000,000,000", _int(1, 1_000_000_000)),
        _spec(
            "campaign_step",
            _choices_text(
                "aware", "engage", "subscribe", "convert", "excite", "ascend", "advocate", "promote"
            ),
            _one_of(
                "aware", "engage", "subscribe", "convert", "excite", "ascend", "advocate", "promote"
            ),
        ),
        _spec("step_lift", "a number >= 0 (0.5 = +50 %)", _num(0)),
        _spec(
            "template",
            _choices_text("whatsapp_follow_up", "review_request", "referral_invite"),
            _one_of("whatsapp_follow_up", "review_request", "referral_invite"),
        ),
        _spec("shop_name", "a non-empty string", lambda v: isinstance(v, str) and v.strip() != ""),
        _spec("recent_days", "an integer between 1 and 365", _int(1, 365)),
        # lessons 04_touchpoints and 05_measuring (touchpoints, funnels, metrics, score)
        _spec(
            "breakdown",
            _choices_text("persona", "channel", "device", "campaign", "cohort"),
            _one_of("persona", "channel", "device", "campaign", "cohort"),
        ),
        _spec(
            "funnel_order",
            _choices_text("ordered", "strict", "unordered"),
            _one_of("ordered", "strict", "unordered"),
        ),
        _spec(
            "score_weights",
            _choices_text("balanced", "sales", "retention", "advocacy"),
            _one_of("balanced", "sales", "retention", "advocacy"),
        ),
        _spec("score_normalise", _choices_text("minmax", "ratio"), _one_of("minmax", "ratio")),
        # lesson 13_your_own_data (journeykit.imports)
        _spec("timezone", "an IANA time zone name such as 'UTC' or 'Asia/Jakarta'", _timezone),
    ]
)


def check_value(name: str, value: Any) -> None:
    """Raise :class:`ParameterError` unless ``value`` suits parameter ``name`` (unknown names pass)."""
    spec = SPECS.get(name)
    if spec is not None and not spec.ok(value):
        raise ParameterError(
            f"parameter {name}: expected {spec.expected}, got {value!r} ({type(value).__name__})"
        )


def check_parameters(**values: Any) -> None:
    """Check every given parameter against :data:`SPECS`; the first bad one raises."""
    for name, value in values.items():
        check_value(name, value)
