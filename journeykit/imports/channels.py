"""GA4's default channel grouping: a session's source / medium / campaign → one channel key.

Google Analytics 4 groups every session into one *default channel group* by rules on its
source, medium and campaign name (Google Analytics Help, "[GA4] Default channel group",
support.google.com/analytics/answer/9756891). The rules are tried **in this order** and the
first that matches wins; matching ignores case:

=====================  =======================  ================================================
GA4 channel            journeykit key           rule
=====================  =======================  ================================================
Direct                 ``direct``               source is ``(direct)`` and medium is ``(none)``
                                                or ``(not set)`` (or there is no source at all)
Cross-network          ``cross_network``        campaign contains ``cross-network``
Paid Shopping          ``paid_shopping``        (source is a shopping site or campaign matches
                                                ``^(.*(([^a-df-z]|^)shop|shopping).*)$``) and
                                                medium is paid (``^(.*cp.*|ppc|retargeting|paid.*)$``)
Paid Search            ``paid_search``          source is a search site and medium is paid
Paid Social            ``social_ads``           source is a social site and medium is paid
Paid Video             ``paid_video``           source is a video site and medium is paid
Display                ``display``              medium is ``display``, ``banner``, ``expandable``,
                                                ``interstitial`` or ``cpm``
Paid Other             ``paid_other``           medium is paid
Organic Shopping       ``organic_shopping``     source is a shopping site or campaign matches
                                                the shopping pattern
Organic Social         ``social_organic``       source is a social site or medium is ``social``,
                                                ``social-network``, ``social-media``, ``sm``,
                                                ``social network`` or ``social media``
Organic Video          ``organic_video``        source is a video site or medium contains ``video``
Organic Search         ``organic_search``       source is a search site or medium is ``organic``
Referral               ``referral``             medium is ``referral``, ``app`` or ``link``
Email                  ``email``                source or medium is ``email``, ``e-mail``,
                                                ``e_mail`` or ``e mail``
Affiliates             ``affiliate``            medium is ``affiliate``
Audio                  ``audio``                medium is ``audio``
SMS                    ``sms``                  source or medium is ``sms``
Mobile Push            ``mobile_push``          medium ends with ``push`` or contains ``mobile``
Notifications                                   or ``notification``, or source is ``firebase``
Unassigned             ``unassigned``           nothing above matched
=====================  =======================  ================================================

Where journeykit already had a key for the idea (``paid_search``, ``social_ads`` for paid social,
``social_organic``, ``email``, ``referral``, ``affiliate``, ``direct``, ``organic_search``) that key
is used, so the course's labels and colours apply. Google keeps the site lists (which sources
are search, social, video and shopping sites) in a spreadsheet that changes over time;
:data:`SOURCE_CATEGORIES` holds the big ones, including the marketplaces and apps common in
Indonesia (Shopee, Tokopedia, Lazada, TikTok, Vidio ...); pass ``extra_sites`` to add yours.
A site matches as its bare name (``google``), as a domain (``google.co.id``, ``m.facebook.com``,
``l.instagram.com``) or as a name followed by a dot. GA4's Google Ads auto-tagging (a ``gclid``)
counts as ``google / cpc`` — the GA4 importer fills that in before grouping.

>>> channel_group("google", "cpc")
'paid_search'
>>> channel_group("l.facebook.com", "referral")
'social_organic'
>>> channel_group("newsletter", "email")
'email'
>>> channel_group("(direct)", "(none)")
'direct'
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Final

import numpy as np
import pandas as pd

from journeykit.errors import ParameterError

__all__ = [
    "GA4_CHANNELS",
    "GA4_NAMES",
    "SOURCE_CATEGORIES",
    "PAID_MEDIUM",
    "SHOPPING_CAMPAIGN",
    "default_channel_group",
    "channel_group",
    "source_category",
]

GA4_CHANNELS: Final[tuple[str, ...]] = (
    "direct",
    "cross_network",
    "paid_shopping",
    "paid_search",
    "social_ads",
    "paid_video",
    "display",
    "paid_other",
    "organic_shopping",
    "social_organic",
    "organic_video",
    "organic_search",
    "referral",
    "email",
    "affiliate",
    "audio",
    "sms",
    "mobile_push",
    "unassigned",
)
"""The channel keys :func:`default_channel_group` returns, in the order the rules are tried."""

GA4_NAMES: Final[dict[str, str]] = {
    "direct": "Direct",
    "cross_network": "Cross-network",
    "paid_shopping": "Paid Shopping",
    "paid_search": "Paid Search",
    "social_ads": "Paid Social",
    "paid_video": "Paid Video",
    "display": "Display",
    "paid_other": "Paid Other",
    "organic_shopping": "Organic Shopping",
    "social_organic": "Organic Social",
    "organic_video": "Organic Video",
    "organic_search": "Organic Search",
    "referral": "Referral",
    "email": "Email",
    "affiliate": "Affiliates",
    "audio": "Audio",
    "sms": "SMS",
    "mobile_push": "Mobile Push Notifications",
    "unassigned": "Unassigned",
}
"""journeykit key → the name GA4's reports show for the same channel group."""

SOURCE_CATEGORIES: Final[dict[str, tuple[str, ...]]] = {
    "search": (
        "google",
        "bing",
        "yahoo",
        "baidu",
        "duckduckgo",
        "yandex",
        "ecosia",
        "naver",
        "ask",
        "aol",
        "msn",
        "sogou",
        "seznam",
        "qwant",
        "startpage",
        "search.brave.com",
        "chatgpt.com",
        "perplexity",
    ),
    "social": (
        "facebook",
        "fb",
        "instagram",
        "ig",
        "tiktok",
        "twitter",
        "t.co",
        "x.com",
        "linkedin",
        "lnkd.in",
        "pinterest",
        "reddit",
        "snapchat",
        "threads",
        "threads.net",
        "line",
        "whatsapp",
        "telegram",
        "discord",
        "quora",
        "tumblr",
        "weibo",
    ),
    "video": (
        "youtube",
        "youtu.be",
        "vimeo",
        "dailymotion",
        "twitch",
        "vidio",
        "wistia",
        "netflix",
    ),
    "shopping": (
        "shopee",
        "tokopedia",
        "lazada",
        "bukalapak",
        "blibli",
        "zalora",
        "amazon",
        "ebay",
        "etsy",
        "alibaba",
        "aliexpress",
        "walmart",
        "shopify",
        "shop.app",
        "igshopping",
        "shopping.google.com",
    ),
}
"""Sites GA4 counts as search, social, video and shopping sources (the big ones of Google's list)."""

PAID_MEDIUM: Final = re.compile(r"^(.*cp.*|ppc|retargeting|paid.*)$")
"""GA4's "medium is paid" pattern."""

SHOPPING_CAMPAIGN: Final = re.compile(r"^(.*(([^a-df-z]|^)shop|shopping).*)$")
"""GA4's "campaign is a shopping campaign" pattern."""

_DISPLAY: Final = ("display", "banner", "expandable", "interstitial", "cpm")
_SOCIAL_MEDIUM: Final = (
    "social",
    "social-network",
    "social-media",
    "sm",
    "social network",
    "social media",
)
_EMAIL: Final = ("email", "e-mail", "e_mail", "e mail")
_REFERRAL: Final = ("referral", "app", "link")
_PREFIXES: Final = re.compile(r"^(?:www|m|l|lm|mobile|mbasic|web|out)\.")


def _host(source: str) -> str:
    """``https://m.facebook.com/x`` → ``facebook.com``: scheme, path and mobile prefixes dropped."""
    s = source.split("://", 1)[-1].split("/", 1)[0]
    while True:
        t = _PREFIXES.sub("", s)
        if t == s:
            return s
        s = t


def source_category(
    source: str, *, extra_sites: Mapping[str, Iterable[str]] | None = None
) -> str | None:
    """``"search"``, ``"social"``, ``"video"``, ``"shopping"`` or ``None`` for one source (any case).

    >>> source_category("google.co.id"), source_category("M.Facebook.com"), source_category("shopee")
    ('search', 'social', 'shopping')
    >>> source_category("news.example.com") is None
    True
    """
    sites = _sites(extra_sites)
    host = _host(source.strip().lower())
    for cat, names in sites.items():
        for name in names:
            if host == name or host.startswith(name + "."):
                return cat
    return None


def _sites(extra: Mapping[str, Iterable[str]] | None) -> dict[str, tuple[str, ...]]:
    sites = dict(SOURCE_CATEGORIES)
    for cat, names in (extra or {}).items():
        if cat not in SOURCE_CATEGORIES:
            raise ParameterError(
                f"parameter extra_sites: expected categories among {', '.join(SOURCE_CATEGORIES)}, "
                f"got {cat!r}"
            )
        if isinstance(names, str):
            raise ParameterError(
                f"parameter extra_sites[{cat!r}]: expected a list of site names, got a string"
            )
        sites[cat] = (*sites[cat], *(str(n).strip().lower() for n in names))
    return sites


def _as_text(values: object, name: str, n: int | None) -> pd.Series:
    if values is None:
        if n is None:
            raise ParameterError(f"parameter {name}: expected a sequence of strings, got None")
        return pd.Series([""] * n, dtype="string")
    s = pd.Series(values, dtype="string") if not isinstance(values, pd.Series) else values
    return s.astype("string").fillna("").str.strip().str.lower().reset_index(drop=True)


def default_channel_group(
    source: Iterable[str | None] | pd.Series,
    medium: Iterable[str | None] | pd.Series,
    campaign: Iterable[str | None] | pd.Series | None = None,
    *,
    extra_sites: Mapping[str, Iterable[str]] | None = None,
) -> pd.Series:
    """GA4's default channel group of each (source, medium, campaign), as journeykit keys.

    ``source``, ``medium`` and ``campaign`` are equally long sequences of text (missing values
    count as empty text; case is ignored). A row with neither source nor medium is ``"direct"``
    (GA4: a session without a traffic source is direct). Returns a string Series of keys from
    :data:`GA4_CHANNELS` (rules and order in the module docstring; :data:`GA4_NAMES` gives GA4's
    own names). Vectorised over the distinct combinations, so millions of rows cost little.

    >>> default_channel_group(["google", "google", "facebook", "youtube.com", None],
    ...                       ["cpc", "organic", "paid_social", "referral", None]).tolist()
    ['paid_search', 'organic_search', 'social_ads', 'organic_video', 'direct']
    """
    src = _as_text(source, "source", None)
    med = _as_text(medium, "medium", None)
    if len(src) != len(med):
        raise ParameterError(
            f"parameters source and medium: expected equal lengths, got {len(src)} and {len(med)}"
        )
    camp = _as_text(campaign, "campaign", len(src))
    if len(camp) != len(src):
        raise ParameterError(
            f"parameter campaign: expected {len(src)} values like source, got {len(camp)}"
        )
    sites = _sites(extra_sites)
    combo = pd.DataFrame({"s": src, "m": med, "c": camp})
    codes = combo.groupby(["s", "m", "c"], sort=False).ngroup().to_numpy()
    u = combo.drop_duplicates(ignore_index=True)  # same first-appearance order as the codes
    s = u["s"].to_numpy(dtype=object)
    m = u["m"].to_numpy(dtype=object)
    c = u["c"].to_numpy(dtype=object)
    hosts = np.array([_host(x) for x in s], dtype=object)
    cat = {
        k: np.array([any(h == n or h.startswith(n + ".") for n in names) for h in hosts], bool)
        for k, names in sites.items()
    }

    def isin(a: np.ndarray, values: tuple[str, ...]) -> np.ndarray:
        return np.isin(a, np.array(values, dtype=object))

    def match(a: np.ndarray, pattern: re.Pattern[str]) -> np.ndarray:
        return np.array([pattern.match(x) is not None for x in a], dtype=bool)

    paid = match(m, PAID_MEDIUM)
    shop_campaign = match(c, SHOPPING_CAMPAIGN)
    shopping = cat["shopping"] | shop_campaign
    rules = [
        (
            "direct",
            ((s == "(direct)") & isin(m, ("(none)", "(not set)", ""))) | ((s == "") & (m == "")),
        ),
        ("cross_network", np.array(["cross-network" in x for x in c], dtype=bool)),
        ("paid_shopping", shopping & paid),
        ("paid_search", cat["search"] & paid),
        ("social_ads", cat["social"] & paid),
        ("paid_video", cat["video"] & paid),
        ("display", isin(m, _DISPLAY)),
        ("paid_other", paid),
        ("organic_shopping", shopping),
        ("social_organic", cat["social"] | isin(m, _SOCIAL_MEDIUM)),
        ("organic_video", cat["video"] | np.array(["video" in x for x in m], dtype=bool)),
        ("organic_search", cat["search"] | (m == "organic")),
        ("referral", isin(m, _REFERRAL)),
        ("email", isin(s, _EMAIL) | isin(m, _EMAIL)),
        ("affiliate", m == "affiliate"),
        ("audio", m == "audio"),
        ("sms", (s == "sms") | (m == "sms")),
        (
            "mobile_push",
            np.array([x.endswith("push") or "mobile" in x or "notification" in x for x in m], bool)
            | (s == "firebase"),
        ),
    ]
    out = np.select([r for _, r in rules], [k for k, _ in rules], default="unassigned")
    return pd.Series(out.astype(object)[codes], dtype="string")


def channel_group(
    source: str | None,
    medium: str | None,
    campaign: str | None = None,
    *,
    extra_sites: Mapping[str, Iterable[str]] | None = None,
) -> str:
    """GA4's default channel group (a journeykit key) of one source / medium / campaign.

    >>> channel_group("shopee", "cpc"), channel_group("google", "cpm"), channel_group("partner", "cpa")
    ('paid_shopping', 'paid_search', 'paid_other')
    """
    return str(
        default_channel_group([source], [medium], [campaign], extra_sites=extra_sites).iloc[0]
    )
