"""Three businesses to generate data for: an online coffee roaster (IDR), a software subscription
(USD) and an Indonesian online shop selling through social media, WhatsApp and marketplaces (IDR).

``coffee`` is the small online coffee business of the journey-map article (002): people see an
Instagram ad or a friend's post, read the product pages, sign up for the WhatsApp/e-mail list,
try a sampler pack (the entry-point offer, priced near cost), get their beans, buy full bags and a
monthly subscription, review and invite friends. Personas ``office_worker`` (Rina: phone,
Instagram ads), ``home_barista`` (Bayu: laptop, compares beans on search) and ``student``
(Dinda: phone, friends' posts, price-sensitive) match :mod:`journeykit.personas`.

``saas`` is a small team-productivity app sold by subscription (article 004's ascension ladder):
a $1 first month (entry point), the $29 monthly plan (core), a $290 annual Pro plan (ascension),
paid search and partner reviews (affiliates on 20 % commission), and a Dropbox-style invite bonus.

``tokoonline`` is a small Indonesian skincare shop selling through TikTok and Instagram,
WhatsApp chat and a marketplace storefront: almost everyone is on a phone, most people only see an
ad or a post, a travel-size serum is the entry point and WhatsApp closes the sale. It uses the
schema's channel keys: ``social_ads`` are TikTok/Instagram ads, ``social_organic`` their posts and
lives, ``affiliate`` creators' affiliate links, ``store`` the marketplace storefront
(Shopee/Tokopedia); the ``touchpoints`` say so.

All three are calibrated to published shapes of real journeys (most conversions in one or two
interactions, a few percent of visitors buying, about 1-4 % of ad impressions clicked): see the
table in ``datasets/README.md``.

>>> sorted(PRESETS)
['coffee', 'saas', 'tokoonline']
>>> get_preset("coffee").currency
'IDR'
>>> get_preset("tea")
Traceback (most recent call last):
...
journeykit.errors.ParameterError: parameter preset: expected one of 'coffee', 'saas', 'tokoonline', got 'tea' (str)
"""

from __future__ import annotations

from journeykit.errors import ParameterError
from journeykit.synth.settings import Campaign, SynthConfig

__all__ = ["PRESETS", "get_preset"]


# Relative activity per hour of the day (hour 0 first).
# Coffee, Jakarta time: quiet at night, a morning and a lunch bump, the peak after work.
_COFFEE_HOURS = (1.0, 0.6, 0.4, 0.3, 0.3, 0.6, 1.5, 3.0, 4.0, 4.5, 5.0, 5.5, 6.0, 5.5, 5.0, 4.5, 4.5, 5.0, 6.0, 7.0, 7.5, 7.0, 5.0, 2.5)  # fmt: skip
# Software: office hours with a dip at lunch.
_SAAS_HOURS = (0.5, 0.3, 0.2, 0.2, 0.2, 0.4, 1.0, 2.5, 5.0, 7.0, 7.5, 7.0, 5.0, 6.5, 7.0, 6.5, 6.0, 4.5, 3.0, 2.5, 2.5, 2.0, 1.5, 1.0)  # fmt: skip


def _coffee() -> SynthConfig:
    return SynthConfig(
        preset="coffee",
        currency="IDR",
        persona_mix={"office_worker": 0.45, "home_barista": 0.25, "student": 0.30},
        # aware→engage, engage→subscribe, subscribe→convert, convert→excite, excite→ascend,
        # ascend→advocate, advocate→promote
        stage_rates={
            "office_worker": (0.50, 0.22, 0.40, 0.70, 0.50, 0.40, 0.45),
            "home_barista": (0.60, 0.28, 0.50, 0.80, 0.65, 0.50, 0.55),
            "student": (0.45, 0.18, 0.25, 0.60, 0.30, 0.35, 0.50),
        },
        lag_days=(0.5, 2.0, 4.0, 3.0, 12.0, 10.0, 6.0),
        same_visit_share=(0.90, 0.85, 0.85, 0.0, 0.0, 0.0, 0.0),
        visit_minutes=3.0,
        persona_lag_scale={"office_worker": 1.0, "home_barista": 1.5, "student": 0.8},
        touch_intensity=(0.25, 1.0, 4.0),
        touch_intensity_mix=(0.60, 0.30, 0.10),
        engage_factor={
            "social_ads": 0.04,
            "paid_search": 0.12,
            "social_organic": 0.10,
            "affiliate": 0.25,
        },
        channel_mix={
            "office_worker": {
                "social_ads": 0.35,
                "paid_search": 0.15,
                "organic_search": 0.15,
                "social_organic": 0.15,
                "affiliate": 0.05,
                "direct": 0.05,
                "whatsapp": 0.05,
                "store": 0.05,
            },
            "home_barista": {
                "organic_search": 0.35,
                "paid_search": 0.20,
                "social_ads": 0.10,
                "social_organic": 0.15,
                "affiliate": 0.10,
                "direct": 0.05,
                "store": 0.05,
            },
            "student": {
                "social_organic": 0.40,
                "social_ads": 0.25,
                "organic_search": 0.10,
                "paid_search": 0.05,
                "whatsapp": 0.10,
                "affiliate": 0.05,
                "direct": 0.05,
            },
        },
        touch_rates={
            "paid_search": (0.05, 0.15, 0.10, 0.0, 0.0, 0.0, 0.0),
            "social_ads": (2.00, 0.60, 0.60, 0.0, 0.3, 0.0, 0.0),
            "social_organic": (0.10, 0.20, 0.10, 0.0, 0.0, 0.2, 0.0),
            "organic_search": (0.05, 0.15, 0.10, 0.0, 0.0, 0.0, 0.0),
            "affiliate": (0.02, 0.05, 0.05, 0.0, 0.0, 0.0, 0.0),
            "email": (0.0, 0.0, 0.30, 1.0, 1.0, 0.8, 0.5),
            "whatsapp": (0.0, 0.0, 0.20, 0.5, 0.6, 0.4, 0.3),
            "direct": (0.02, 0.10, 0.15, 0.3, 0.3, 0.2, 0.1),
            "store": (0.0, 0.01, 0.01, 0.0, 0.05, 0.0, 0.0),
        },
        touch_lift={
            "paid_search": 0.12,
            "social_ads": 0.05,
            "social_organic": 0.05,
            "organic_search": 0.08,
            "affiliate": 0.15,
            "email": 0.06,
            "whatsapp": 0.08,
            "direct": 0.03,
            "store": 0.20,
        },
        ctr={"paid_search": 0.05, "social_ads": 0.015, "affiliate": 0.05, "social_organic": 0.03},
        cpc={"paid_search": 2500.0, "social_ads": 1200.0},
        affiliate_commission=0.20,
        mobile_share={"office_worker": 0.75, "home_barista": 0.45, "student": 0.85},
        tablet_share=0.05,
        entry_product="sampler_pack",
        entry_price=49_000.0,
        entry_reference_price=49_000.0,
        price_elasticity=0.8,
        entry_cost=42_000.0,
        core_product="beans_250g",
        core_price=95_000.0,
        core_cost=45_000.0,
        ascension_product="monthly_subscription",
        ascension_rate=0.30,
        ascension_price=320_000.0,
        ascension_cost=170_000.0,
        repeat_orders=0.6,
        onboarding_effect=2.5,
        repeat_gap_days=30.0,
        retention_channels={"whatsapp": 0.45, "email": 0.25, "direct": 0.30},
        invites_per_promoter=3.0,
        invite_conversion=0.30,
        referral_reward=25_000.0,
        invite_channels={"whatsapp": 0.65, "social_organic": 0.25, "email": 0.10},
        survey_rate=0.35,
        hourly_activity=_COFFEE_HOURS,
        campaigns=(
            Campaign(
                key="brewing_guide",
                channel="social_ads",
                call_to_action="Download the free home-brewing guide",
                from_step="engage",
                to_step="subscribe",
                lift=0.30,
                share=0.5,
            ),
            Campaign(
                key="sampler_reminder",
                channel="whatsapp",
                call_to_action="Claim your sampler pack before Friday",
                from_step="subscribe",
                to_step="convert",
                lift=0.25,
                share=0.5,
            ),
            Campaign(
                key="gift_a_friend",
                channel="email",
                call_to_action="Give a friend Rp25.000 off their first bag",
                from_step="advocate",
                to_step="promote",
                lift=0.40,
                share=0.5,
            ),
        ),
        touchpoints={
            "paid_search": "google_ad",
            "social_ads": "instagram_ad",
            "social_organic": "instagram_post",
            "organic_search": "search_result",
            "email": "newsletter",
            "whatsapp": "whatsapp_broadcast",
            "affiliate": "food_blog_link",
            "direct": "website",
            "store": "roastery_store",
            "referral": "referral_link",
        },
    )


def _saas() -> SynthConfig:
    return SynthConfig(
        preset="saas",
        currency="USD",
        persona_mix={"freelancer": 0.40, "small_team": 0.40, "agency": 0.20},
        stage_rates={
            "freelancer": (0.45, 0.18, 0.35, 0.60, 0.35, 0.30, 0.40),
            "small_team": (0.50, 0.22, 0.45, 0.70, 0.50, 0.40, 0.45),
            "agency": (0.55, 0.26, 0.50, 0.75, 0.60, 0.45, 0.55),
        },
        lag_days=(1.0, 3.0, 14.0, 2.0, 30.0, 20.0, 10.0),
        same_visit_share=(0.90, 0.88, 0.85, 0.0, 0.0, 0.0, 0.0),
        visit_minutes=4.0,
        persona_lag_scale={"freelancer": 0.8, "small_team": 1.0, "agency": 1.4},
        touch_intensity=(0.3, 1.5, 5.0),
        touch_intensity_mix=(0.50, 0.35, 0.15),
        engage_factor={
            "social_ads": 0.04,
            "paid_search": 0.12,
            "social_organic": 0.08,
            "affiliate": 0.30,
        },
        channel_mix={
            "paid_search": 0.30,
            "organic_search": 0.25,
            "social_ads": 0.15,
            "social_organic": 0.10,
            "affiliate": 0.10,
            "direct": 0.10,
        },
        touch_rates={
            "paid_search": (0.5, 0.3, 0.2, 0.0, 0.0, 0.0, 0.0),
            "social_ads": (1.5, 0.4, 0.4, 0.0, 0.2, 0.0, 0.0),
            "social_organic": (0.2, 0.2, 0.1, 0.0, 0.0, 0.2, 0.0),
            "organic_search": (0.1, 0.3, 0.2, 0.0, 0.0, 0.0, 0.0),
            "affiliate": (0.05, 0.1, 0.1, 0.0, 0.0, 0.0, 0.0),
            "email": (0.0, 0.0, 0.4, 1.2, 1.0, 0.8, 0.5),
            "whatsapp": (0.0, 0.0, 0.05, 0.1, 0.1, 0.0, 0.0),
            "direct": (0.05, 0.2, 0.2, 0.5, 0.4, 0.3, 0.1),
        },
        touch_lift={
            "paid_search": 0.10,
            "social_ads": 0.04,
            "social_organic": 0.04,
            "organic_search": 0.08,
            "affiliate": 0.12,
            "email": 0.07,
            "whatsapp": 0.05,
            "direct": 0.03,
        },
        ctr={"paid_search": 0.04, "social_ads": 0.008, "affiliate": 0.05, "social_organic": 0.02},
        cpc={"paid_search": 3.20, "social_ads": 1.80},
        affiliate_commission=0.20,
        mobile_share={"freelancer": 0.35, "small_team": 0.25, "agency": 0.20},
        tablet_share=0.05,
        entry_product="trial_month",
        entry_price=1.0,
        entry_reference_price=1.0,
        price_elasticity=0.5,
        entry_cost=2.0,
        core_product="monthly_plan",
        core_price=29.0,
        core_cost=4.0,
        ascension_product="annual_pro",
        ascension_rate=0.25,
        ascension_price=290.0,
        ascension_cost=40.0,
        ascension_lag_days=60.0,
        repeat_orders=2.0,
        onboarding_effect=2.0,
        repeat_gap_days=30.0,
        retention_channels={"email": 0.5, "direct": 0.5},
        invites_per_promoter=2.5,
        invite_conversion=0.20,
        referral_reward=20.0,
        invite_channels={"email": 0.6, "social_organic": 0.2, "whatsapp": 0.2},
        survey_rate=0.25,
        hourly_activity=_SAAS_HOURS,
        campaigns=(
            Campaign(
                key="case_study",
                channel="social_ads",
                call_to_action="Read how a 5-person agency saves 6 hours a week",
                from_step="engage",
                to_step="subscribe",
                lift=0.25,
                share=0.5,
            ),
            Campaign(
                key="trial_extension",
                channel="email",
                call_to_action="Start your $1 first month today",
                from_step="subscribe",
                to_step="convert",
                lift=0.20,
                share=0.5,
            ),
            Campaign(
                key="invite_bonus",
                channel="email",
                call_to_action="Invite a colleague, both get a free month",
                from_step="advocate",
                to_step="promote",
                lift=0.50,
                share=0.5,
            ),
        ),
        touchpoints={
            "paid_search": "google_ad",
            "social_ads": "linkedin_ad",
            "social_organic": "linkedin_post",
            "organic_search": "blog_article",
            "email": "newsletter",
            "whatsapp": "whatsapp_message",
            "affiliate": "partner_review",
            "direct": "app",
            "store": "app_marketplace",
            "referral": "invite_link",
        },
    )


# An Indonesian online shop: evenings and late nights on the phone, a lunch-break bump.
_TOKO_HOURS = (2.0, 1.0, 0.5, 0.3, 0.4, 0.8, 1.5, 2.5, 3.0, 3.5, 4.0, 4.5, 5.5, 5.0, 4.0, 4.0, 4.5, 5.0, 5.5, 7.0, 8.5, 9.0, 8.0, 4.5)  # fmt: skip


def _tokoonline() -> SynthConfig:
    return SynthConfig(
        preset="tokoonline",
        currency="IDR",
        persona_mix={"student": 0.40, "office_worker": 0.35, "homemaker": 0.25},
        stage_rates={
            "student": (0.45, 0.16, 0.35, 0.55, 0.30, 0.40, 0.55),
            "office_worker": (0.50, 0.20, 0.45, 0.65, 0.45, 0.40, 0.45),
            "homemaker": (0.55, 0.24, 0.50, 0.70, 0.55, 0.50, 0.60),
        },
        lag_days=(0.3, 1.0, 2.0, 3.0, 14.0, 10.0, 5.0),
        same_visit_share=(0.92, 0.88, 0.85, 0.0, 0.0, 0.0, 0.0),
        visit_minutes=3.0,
        persona_lag_scale={"student": 0.8, "office_worker": 1.0, "homemaker": 1.2},
        touch_intensity=(0.25, 1.0, 4.0),
        touch_intensity_mix=(0.65, 0.27, 0.08),
        engage_factor={
            "social_ads": 0.04,
            "paid_search": 0.12,
            "social_organic": 0.06,
            "affiliate": 0.20,
        },
        channel_mix={
            "student": {
                "social_organic": 0.40,
                "social_ads": 0.30,
                "affiliate": 0.10,
                "store": 0.10,
                "whatsapp": 0.05,
                "organic_search": 0.05,
            },
            "office_worker": {
                "social_ads": 0.35,
                "social_organic": 0.20,
                "store": 0.20,
                "organic_search": 0.10,
                "paid_search": 0.05,
                "whatsapp": 0.05,
                "direct": 0.05,
            },
            "homemaker": {
                "social_organic": 0.30,
                "whatsapp": 0.25,
                "store": 0.20,
                "social_ads": 0.15,
                "affiliate": 0.10,
            },
        },
        touch_rates={
            "paid_search": (0.02, 0.05, 0.05, 0.0, 0.0, 0.0, 0.0),
            "social_ads": (2.0, 0.8, 0.6, 0.0, 0.3, 0.0, 0.0),
            "social_organic": (0.2, 0.3, 0.2, 0.0, 0.0, 0.3, 0.0),
            "organic_search": (0.02, 0.05, 0.05, 0.0, 0.0, 0.0, 0.0),
            "affiliate": (0.05, 0.1, 0.1, 0.0, 0.0, 0.0, 0.0),
            "email": (0.0, 0.0, 0.05, 0.2, 0.2, 0.1, 0.0),
            "whatsapp": (0.0, 0.0, 0.40, 0.8, 0.8, 0.5, 0.4),
            "direct": (0.02, 0.05, 0.05, 0.1, 0.1, 0.1, 0.0),
            "store": (0.02, 0.10, 0.15, 0.1, 0.2, 0.1, 0.0),
        },
        touch_lift={
            "paid_search": 0.10,
            "social_ads": 0.04,
            "social_organic": 0.05,
            "organic_search": 0.08,
            "affiliate": 0.12,
            "email": 0.04,
            "whatsapp": 0.10,
            "direct": 0.03,
            "store": 0.10,
        },
        ctr={"paid_search": 0.04, "social_ads": 0.01, "affiliate": 0.04, "social_organic": 0.02},
        cpc={"paid_search": 1800.0, "social_ads": 900.0},
        affiliate_commission=0.10,
        mobile_share={"student": 0.95, "office_worker": 0.85, "homemaker": 0.92},
        tablet_share=0.03,
        entry_product="travel_size_serum",
        entry_price=29_000.0,
        entry_reference_price=29_000.0,
        price_elasticity=1.0,
        entry_cost=18_000.0,
        core_product="serum_30ml",
        core_price=129_000.0,
        core_cost=55_000.0,
        ascension_product="skincare_bundle",
        ascension_rate=0.20,
        ascension_price=349_000.0,
        ascension_cost=160_000.0,
        ascension_lag_days=45.0,
        repeat_orders=0.8,
        onboarding_effect=2.0,
        repeat_gap_days=35.0,
        retention_channels={"whatsapp": 0.5, "store": 0.35, "social_organic": 0.15},
        invites_per_promoter=3.0,
        invite_conversion=0.25,
        referral_reward=15_000.0,
        invite_channels={"whatsapp": 0.75, "social_organic": 0.25},
        survey_rate=0.30,
        hourly_activity=_TOKO_HOURS,
        campaigns=(
            Campaign(
                key="live_shopping",
                channel="social_organic",
                call_to_action="Join tonight's TikTok live: 20% off the serum",
                from_step="engage",
                to_step="subscribe",
                lift=0.30,
                share=0.5,
            ),
            Campaign(
                key="chat_reminder",
                channel="whatsapp",
                call_to_action="Your cart is waiting: free shipping until midnight",
                from_step="subscribe",
                to_step="convert",
                lift=0.25,
                share=0.5,
            ),
            Campaign(
                key="share_with_friends",
                channel="whatsapp",
                call_to_action="Share your code: you and a friend both get Rp15.000",
                from_step="advocate",
                to_step="promote",
                lift=0.40,
                share=0.5,
            ),
        ),
        touchpoints={
            "paid_search": "google_ad",
            "social_ads": "tiktok_instagram_ad",
            "social_organic": "tiktok_instagram_post",
            "organic_search": "search_result",
            "email": "newsletter",
            "whatsapp": "whatsapp_chat",
            "affiliate": "creator_affiliate_link",
            "direct": "website",
            "store": "marketplace_store",
            "referral": "referral_code",
        },
    )


PRESETS = {"coffee": _coffee, "saas": _saas, "tokoonline": _tokoonline}
"""Preset name → a function building its :class:`SynthConfig`."""


def get_preset(name: str = "coffee") -> SynthConfig:
    """The checked :class:`SynthConfig` of preset ``name`` (``"coffee"``, ``"saas"`` or ``"tokoonline"``)."""
    from journeykit.synth.settings import make_config

    if not isinstance(name, str) or name not in PRESETS:
        raise ParameterError(
            f"parameter preset: expected one of {', '.join(map(repr, PRESETS))}, "
            f"got {name!r} ({type(name).__name__})"
        )
    return make_config(PRESETS[name]())
