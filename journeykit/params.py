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

import ast
import difflib
import math
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from journeykit.errors import ParameterError
from journeykit.i18n import LANGS, t

__all__ = ["ParamSpec", "SPECS", "RULES", "check_parameters", "check_value", "injected_names"]


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
            and math.isfinite(v)  # not NaN, not inf
            and (lo is None or v >= lo)
            and (hi is None or v <= hi)
        )

    return ok


def _one_of(*choices: str) -> Callable[[Any], bool]:
    return lambda v: isinstance(v, str) and v in choices


def _choices_text(*choices: str) -> str:
    return "one of " + ", ".join(map(repr, choices))


def _iso_date(v: Any) -> bool:
    """A text date ``YYYY-MM-DD`` (a real calendar day)."""
    import datetime

    if not isinstance(v, str) or len(v) != 10:
        return False
    try:
        datetime.date.fromisoformat(v)
    except ValueError:
        return False
    return True


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

# journeykit/data/personas/<key>.<lang>.json (tests/test_params_bounds.py checks they match).
_PERSONAS = ("home_barista", "office_worker", "student")

# Add the parameters your lesson introduces here (same name, same meaning in every notebook).
SPECS: dict[str, ParamSpec] = dict(
    [
        _spec("seed", "an integer >= 0", _int(0)),
        _spec("lang", _choices_text("en", "id"), _one_of("en", "id")),
        _spec("stage_model", _choices_text("five", "map", "cvj"), _one_of("five", "map", "cvj")),
        _spec("n_users", "an integer between 100 and 2,000,000", _int(100, 2_000_000)),
        _spec(
            "preset",
            _choices_text("coffee", "saas", "tokoonline"),
            _one_of("coffee", "saas", "tokoonline"),
        ),
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
        _spec("persona", _choices_text(*_PERSONAS), _one_of(*_PERSONAS)),
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
        # lesson 14_customer_value (journeykit.value)
        _spec(
            "calibration_end",
            "a date 'YYYY-MM-DD' (the coffee preset's data run through 2024)",
            _iso_date,
        ),
        _spec("horizon_weeks", "an integer between 1 and 520", _int(1, 520)),
        _spec("margin_share", "a number between 0 and 1 (profit share of an order)", _num(0, 1)),
        _spec("weekly_discount", "a number between 0 and 0.1 (per week)", _num(0, 0.1)),
        # lesson 13_your_own_data (journeykit.imports)
        _spec("timezone", "an IANA time zone name such as 'UTC' or 'Asia/Jakarta'", _timezone),
    ]
)


@dataclass(frozen=True)
class Rule:
    """A limit on a combination of parameters: applies when every name in ``when`` is given."""

    when: tuple[str, ...]
    ok: Callable[[dict[str, Any]], bool]
    message: str


# Limits that hold only in some lessons (each has its own parameter in ``when``), with the reason.
RULES: tuple[Rule, ...] = (
    Rule(
        ("n_users", "invites_per_user"),
        lambda v: 20_000 <= v["n_users"] <= 200_000,
        "parameter n_users: expected 20,000 to 200,000 in lesson 10 (in the calibrated world only "
        "a few percent of visitors buy and few of them invite, so with fewer users some seeds have "
        "no referred customer and a reward's cost per customer cannot be measured; more take minutes "
        "in a notebook - use `journeykit synth --users` for big data)",
    ),
    Rule(
        ("n_users", "strangers"),
        lambda v: 1_000 <= v["n_users"] <= 40_000,
        "parameter n_users: expected 1,000 to 40,000 in lesson 11 (with fewer users a campaign "
        "may have no untreated group to compare with; with more, the default market of "
        "strangers=100,000 is no longer larger than the data set)",
    ),
    Rule(
        ("n_users", "strangers"),
        lambda v: v["strangers"] >= 2 * v["n_users"],
        "parameter strangers: expected at least 2 x n_users (the market a campaign reaches must be "
        "larger than the data set, whose users include the referred ones); raise strangers",
    ),
    Rule(
        ("n_users", "recent_days"),
        lambda v: 1_000 <= v["n_users"] <= 200_000,
        "parameter n_users: expected 1,000 to 200,000 in lesson 12 (with fewer users there are "
        "too few recent buyers for the examples; more take minutes in a notebook)",
    ),
)


def check_value(name: str, value: Any) -> None:
    """Raise :class:`ParameterError` unless ``value`` suits parameter ``name`` (unknown names pass)."""
    spec = SPECS.get(name)
    if spec is not None and not spec.ok(value):
        raise ParameterError(
            f"parameter {name}: expected {spec.expected}, got {value!r} ({type(value).__name__})"
        )


# papermill's Python translator starts the cell it injects with this comment.
_INJECTED_HEADER = "# Parameters"


def injected_names(sources: Iterable[str] | None = None) -> list[str]:
    r"""Names assigned in the last cell papermill injected into this kernel (``[]`` if none).

    ``sources`` are the cell sources run so far, oldest first; by default IPython's input
    history (``In``) when running in a kernel. papermill adds its values as a cell that starts
    with ``# Parameters`` and passes names the notebook does not declare straight through, so
    a misspelled ``-p n_user 200`` would otherwise run the whole lesson with the defaults.

    >>> injected_names(["seed = 42", "# Parameters\nseed = 7\nn_user = 200\n", "x = 1"])
    ['seed', 'n_user']
    >>> injected_names(["seed = 42"])
    []
    """
    if sources is None:
        sources = _kernel_history()
    last = None
    for source in sources:
        if isinstance(source, str) and source.lstrip().startswith(_INJECTED_HEADER):
            last = source
    if last is None:
        return []
    try:
        tree = ast.parse(last)
    except SyntaxError:
        return []
    names: list[str] = []
    for node in tree.body:
        if isinstance(node, ast.Assign):
            names += [tgt.id for tgt in node.targets if isinstance(tgt, ast.Name)]
    return names


def _kernel_history() -> list[str]:
    ipython = sys.modules.get("IPython")  # never import IPython just to look
    shell = ipython.get_ipython() if ipython is not None else None
    history = getattr(shell, "user_ns", {}).get("In", []) if shell is not None else []
    return list(history)


def _refuse_unknown(unknown: list[str], declared: list[str], lang: str) -> None:
    name = unknown[0]
    close = difflib.get_close_matches(name, declared, n=1)
    hint = t("params.did_you_mean", lang).format(name=close[0]) if close else ""
    raise ParameterError(
        t("params.unknown", lang).format(name=name, hint=hint, declared=", ".join(declared))
    )


def check_parameters(**values: Any) -> None:
    """Check every given parameter against :data:`SPECS`, then the :data:`RULES` whose
    parameters are all given; the first bad one raises.

    The keyword names are the notebook's declared parameters. Under papermill, a value passed
    for a name the notebook does not declare (see :func:`injected_names`) is refused too, with
    the closest declared name as a hint, in the notebook's ``lang``.

    >>> check_parameters(seed=7, lang="en")
    >>> check_parameters(n_users=10)
    Traceback (most recent call last):
    ...
    journeykit.errors.ParameterError: parameter n_users: expected an integer between 100 and 2,000,000, got 10 (int)
    >>> check_parameters(n_users=20_000, strangers=30_000)
    Traceback (most recent call last):
    ...
    journeykit.errors.ParameterError: parameter strangers: expected at least 2 x n_users ...
    """
    lang = values.get("lang", "en")
    lang = lang if lang in LANGS else "en"
    unknown = [n for n in injected_names() if n not in values]
    if unknown:
        _refuse_unknown(unknown, list(values), lang)
    for name, value in values.items():
        check_value(name, value)
    for rule in RULES:
        if all(name in values for name in rule.when) and not rule.ok(values):
            shown = ", ".join(f"{name}={values[name]!r}" for name in rule.when)
            raise ParameterError(f"{rule.message}; got {shown}")
