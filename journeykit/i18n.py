"""One bilingual catalogue of every label a learner sees (English ``en``, Bahasa Indonesia ``id``).

Plots and widgets never hard-code text: they call :func:`t` with a key and the ``lang``
parameter. Terms follow the glossary in ``CONTRIBUTING.md`` (from the source articles).
Stage names are not here: they live with their stage model in :mod:`journeykit.stages`.

>>> t("channel.organic_search")
'Organic search'
>>> t("channel.organic_search", lang="id")
'Pencarian organik'
>>> t("axis.users", "id")
'Pengguna'
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from journeykit.errors import ParameterError

__all__ = ["LANGS", "LABELS", "t", "check_lang", "label_map", "label_for"]

LANGS: Final = ("en", "id")

# key -> (English, Bahasa Indonesia). Keep one section per topic; add to your topic's section.
LABELS: dict[str, tuple[str, str]] = {
    # --- general ---------------------------------------------------------------------------
    "lang.en": ("English", "Bahasa Inggris"),
    "lang.id": ("Bahasa Indonesia", "Bahasa Indonesia"),
    "customer_journey": ("Customer journey", "Perjalanan pelanggan (customer journey)"),
    "stage": ("Stage", "Tahap"),
    "stage_model": ("Stage model", "Model tahapan"),
    "axis.users": ("Users", "Pengguna"),
    "axis.share_pct": ("Share (%)", "Pangsa (%)"),
    "axis.days": ("Days", "Hari"),
    "axis.count": ("Count", "Jumlah"),
    # --- channels (touchpoint sources) -------------------------------------------------------
    "channel": ("Channel", "Saluran"),
    "channel.organic_search": ("Organic search", "Pencarian organik"),
    "channel.paid_search": ("Paid search", "Iklan pencarian berbayar"),
    "channel.social_ads": ("Social ads", "Iklan media sosial"),
    "channel.social_organic": ("Social (organic)", "Media sosial (organik)"),
    "channel.email": ("Email", "Email"),
    "channel.referral": ("Referral", "Rujukan (referral)"),
    "channel.affiliate": ("Affiliate", "Afiliasi"),
    "channel.direct": ("Direct", "Langsung"),
    "channel.whatsapp": ("WhatsApp", "WhatsApp"),
    "channel.store": ("Store", "Toko fisik"),
    # --- issue 9 (import): GA4 default channel groups without an older key, own-data checks ----
    "channel.cross_network": ("Cross-network ads", "Iklan lintas jaringan"),
    "channel.paid_shopping": ("Paid shopping", "Iklan belanja berbayar"),
    "channel.paid_video": ("Paid video", "Iklan video berbayar"),
    "channel.display": ("Display ads", "Iklan display"),
    "channel.paid_other": ("Other paid", "Iklan berbayar lainnya"),
    "channel.organic_shopping": ("Shopping sites (organic)", "Situs belanja (organik)"),
    "channel.organic_video": ("Video (organic)", "Video (organik)"),
    "channel.audio": ("Audio ads", "Iklan audio"),
    "channel.sms": ("SMS", "SMS"),
    "channel.mobile_push": ("Push notifications", "Notifikasi push"),
    "channel.unassigned": ("Unassigned", "Tidak terklasifikasi"),
    "own_data.check": ("Check", "Pemeriksaan"),
    "own_data.value": ("Value", "Nilai"),
    "own_data.meaning": ("What it means", "Artinya"),
    "own_data.events_without_user": (
        "Events without user_pseudo_id (consent gaps)",
        "Peristiwa tanpa user_pseudo_id (celah persetujuan cookie)",
    ),
    "own_data.events_without_user.note": (
        "left out: they cannot be joined into journeys, so every count is a little low",
        "tidak dihitung: tidak bisa dirangkai menjadi perjalanan, jadi setiap jumlah sedikit lebih kecil",
    ),
    "own_data.direct_sessions": (
        "Sessions without a source (counted as direct)",
        "Sesi tanpa sumber (dihitung sebagai langsung/direct)",
    ),
    "own_data.direct_sessions.note": (
        "links from WhatsApp, apps or bookmarks arrive untagged: part of 'direct' is unknown",
        "tautan dari WhatsApp, aplikasi, atau bookmark datang tanpa tag: sebagian 'direct' sebenarnya tidak diketahui",
    ),
    "own_data.first_touch_differs": (
        "Sessions whose channel is not the user's first acquisition (traffic_source)",
        "Sesi yang salurannya bukan akuisisi pertama pengguna (traffic_source)",
    ),
    "own_data.first_touch_differs.note": (
        "traffic_source is first touch only; paths use each session's own source",
        "traffic_source hanya sentuhan pertama; jalur memakai sumber tiap sesi",
    ),
    "own_data.duplicate_purchases": (
        "Purchase events sent twice (same transaction_id)",
        "Peristiwa pembelian yang terkirim dua kali (transaction_id sama)",
    ),
    "own_data.duplicate_purchases.note": (
        "counted once in orders; counting purchase events would overstate sales",
        "dihitung sekali di tabel pesanan; menghitung peristiwa purchase akan membesar-besarkan penjualan",
    ),
    "own_data.purchases_without_id": (
        "Purchase events without transaction_id",
        "Peristiwa pembelian tanpa transaction_id",
    ),
    "own_data.purchases_without_id.note": (
        "not in orders: their revenue is missing from every value",
        "tidak masuk tabel pesanan: pendapatannya hilang dari setiap nilai",
    ),
    "own_data.timezone": ("Time zone of the times", "Zona waktu stempel waktu"),
    "own_data.timezone.note": (
        "GA4 exports UTC microseconds; hour-of-day views need the shop's own zone",
        "GA4 mengekspor mikrodetik UTC; tampilan per jam perlu zona waktu toko sendiri",
    ),
    "own_data.period": ("Period the export covers", "Rentang waktu ekspor"),
    "own_data.period.note": (
        "journeys that began before it or end after it are cut off",
        "perjalanan yang mulai sebelumnya atau berakhir sesudahnya terpotong",
    ),
    # --- devices -------------------------------------------------------------------------------
    "device": ("Device", "Perangkat"),
    "device.mobile": ("Mobile", "Ponsel"),
    "device.desktop": ("Desktop", "Desktop"),
    "device.tablet": ("Tablet", "Tablet"),
    # --- event types ---------------------------------------------------------------------------
    "event_type": ("Event type", "Jenis peristiwa"),
    "event.impression": ("Impression", "Tayangan"),
    "event.click": ("Click", "Klik"),
    "event.visit": ("Visit", "Kunjungan"),
    "event.engage": ("Social engagement", "Keterlibatan media sosial"),
    "event.subscribe": ("Subscribe", "Berlangganan"),
    "event.purchase": ("Purchase", "Pembelian"),
    "event.onboard": ("First value (onboarding)", "Nilai pertama (onboarding)"),
    "event.review": ("Review", "Ulasan"),
    "event.invite": ("Invite", "Undangan"),
    # --- GA4 recommended event names (issue 9: open vocabularies; others show as themselves) ---
    "event.page_view": ("Page view", "Tampilan halaman"),
    "event.session_start": ("Session start", "Awal sesi"),
    "event.first_visit": ("First visit", "Kunjungan pertama"),
    "event.view_item_list": ("View item list", "Melihat daftar produk"),
    "event.view_item": ("View item", "Melihat produk"),
    "event.select_item": ("Select item", "Memilih produk"),
    "event.search": ("Search", "Pencarian"),
    "event.add_to_cart": ("Add to cart", "Tambah ke keranjang"),
    "event.remove_from_cart": ("Remove from cart", "Hapus dari keranjang"),
    "event.view_cart": ("View cart", "Melihat keranjang"),
    "event.begin_checkout": ("Begin checkout", "Mulai checkout"),
    "event.add_shipping_info": ("Add shipping info", "Isi info pengiriman"),
    "event.add_payment_info": ("Add payment info", "Isi info pembayaran"),
    "event.sign_up": ("Sign up", "Daftar akun"),
    "event.login": ("Log in", "Masuk akun"),
    "event.generate_lead": ("Generate lead", "Menjadi prospek (lead)"),
    "event.refund": ("Refund", "Pengembalian dana"),
    "event.share": ("Share", "Berbagi"),
    # --- personas and journey maps (journeykit.personas, journeykit.maps) ---------------------
    "persona": ("Persona", "Persona"),
    "persona.card": ("Persona card", "Kartu persona"),
    "persona.age_band": ("Age", "Usia"),
    "persona.occupation": ("Occupation", "Pekerjaan"),
    "persona.goals": ("Goals", "Tujuan"),
    "persona.motivations": ("Motivations", "Motivasi"),
    "persona.needs": ("Needs", "Kebutuhan"),
    "persona.frustrations": ("Frustrations", "Frustrasi"),
    "persona.channels": ("Preferred channels", "Saluran yang disukai"),
    "persona.devices": ("Devices", "Perangkat"),
    "persona.quote": ("In their words", "Kata mereka"),
    "persona.segment": ("Segment", "Segmen"),
    "persona.type.office_worker": ("Office worker", "Pekerja kantoran"),
    "persona.type.home_barista": ("Home barista", "Barista rumahan"),
    "persona.type.student": ("Student", "Mahasiswa"),
    "persona.feature.orders": ("orders", "jumlah pesanan"),
    "persona.feature.spend": ("spend", "total belanja"),
    "persona.feature.avg_order_value": ("order value", "nilai pesanan"),
    "persona.feature.touches": ("touches", "jumlah interaksi"),
    "persona.feature.mobile_share": ("mobile use", "pemakaian ponsel"),
    "persona.feature.social_share": ("social media", "media sosial"),
    "persona.feature.search_share": ("search", "pencarian"),
    "persona.feature.messaging_share": ("email and WhatsApp", "email dan WhatsApp"),
    "persona.feature.store_share": ("store visits", "kunjungan toko"),
    "persona.reach_title": ("How far each group gets", "Seberapa jauh tiap kelompok melangkah"),
    "persona.reach_axis": ("Users who reached the stage (%)", "Pengguna yang mencapai tahap (%)"),
    "map": ("Customer journey map", "Peta perjalanan pelanggan"),
    "map.goal": ("Goal", "Tujuan"),
    "map.lane.actions": ("Customer actions", "Tindakan pelanggan"),
    "map.lane.thoughts": ("Customer thoughts", "Pikiran pelanggan"),
    "map.lane.feelings": ("Customer feelings", "Perasaan pelanggan"),
    "map.lane.touchpoints": ("Touchpoints", "Titik kontak (touchpoint)"),
    "map.lane.pain_points": ("Pain points", "Pain point (titik masalah)"),
    "map.lane.opportunities": ("Opportunities", "Peluang"),
    "map.emotion": ("Emotion score (−2 to +2)", "Skor emosi (−2 sampai +2)"),
    "map.emotion_curve": ("Emotion curve", "Kurva emosi"),
    # --- synthetic data (journeykit.synth, journeykit.schema) ---------------------------------
    "synth.preset.coffee": ("Online coffee roaster (IDR)", "Toko kopi online (IDR)"),
    "synth.preset.saas": ("Software subscription (USD)", "Langganan perangkat lunak (USD)"),
    "offer_type": ("Offer type", "Jenis penawaran"),
    # the generator presets' campaigns (events.campaign values); a learner's own campaign
    # keeps its key as its label
    "campaign.brewing_guide": ("Home-brewing guide", "Panduan seduh di rumah"),
    "campaign.sampler_reminder": ("Sampler reminder", "Pengingat paket sampler"),
    "campaign.gift_a_friend": ("Gift a friend", "Hadiah untuk teman"),
    "campaign.case_study": ("Case study", "Studi kasus"),
    "campaign.trial_extension": ("$1 first month", "Bulan pertama $1"),
    "campaign.invite_bonus": ("Invite bonus", "Bonus undangan"),
    "offer_type.entry": ("Entry-point offer", "Penawaran entry-point"),
    "offer_type.core": ("Core offer", "Penawaran inti"),
    "offer_type.ascension": ("Ascension offer", "Penawaran ascension"),
    "product.sampler_pack": ("Sampler pack (3 x 100 g)", "Paket sampler (3 x 100 g)"),
    "product.beans_250g": ("Coffee beans 250 g", "Biji kopi 250 g"),
    "product.monthly_subscription": ("Monthly coffee subscription", "Langganan kopi bulanan"),
    "product.trial_month": ("First month for $1", "Bulan pertama seharga $1"),
    "product.monthly_plan": ("Monthly plan", "Paket bulanan"),
    "product.annual_pro": ("Annual Pro plan", "Paket Pro tahunan"),
    "persona.type.freelancer": ("Freelancer", "Pekerja lepas"),
    "persona.type.small_team": ("Small team", "Tim kecil"),
    "persona.type.agency": ("Agency", "Agensi"),
    # --- funnels, metrics, journey score (journeykit.funnels, .metrics, .score) ---------------
    "funnel.title": (
        "Funnel: people reaching each step",
        "Funnel (corong): orang yang mencapai tiap langkah",
    ),
    "funnel.by_title": ("Funnel by {group}", "Funnel menurut {group}"),
    "funnel.people": ("People", "Orang"),
    "funnel.overall_pct": (
        "Share of the people at the first step (%)",
        "Pangsa dari orang di langkah pertama (%)",
    ),
    "funnel.of_previous": ("of previous", "dari sebelumnya"),
    "funnel.of_first": ("of first", "dari pertama"),
    "funnel.mean": ("mean", "rata-rata"),
    "funnel.step": ("Step", "Langkah"),
    "funnel.via": ("via", "melalui"),
    "funnel.any_k_of_n": ("Any {k} of {n} steps", "{k} dari {n} langkah (urutan bebas)"),
    "breakdown.persona": ("Persona", "Persona"),
    "breakdown.channel": ("First-touch channel", "Saluran sentuhan pertama"),
    "breakdown.device": ("First-touch device", "Perangkat sentuhan pertama"),
    "breakdown.campaign": ("First campaign", "Kampanye pertama"),
    "breakdown.cohort": ("Cohort (month first seen)", "Kohort (bulan pertama terlihat)"),
    "metric.reach": ("Reach (people)", "Jangkauan (orang)"),
    "metric.seo_rank": ("SEO rank", "Peringkat SEO"),
    "metric.impressions": ("Impressions", "Tayangan (impresi)"),
    "metric.visits": ("Website visits", "Kunjungan situs web"),
    "metric.subscriptions": ("Subscriptions", "Langganan"),
    "metric.social_engagement": ("Social media engagement", "Keterlibatan media sosial"),
    "metric.click_through_rate": ("Click-through rate (CTR)", "Rasio klik tayang (CTR)"),
    "metric.cost_per_click": ("Cost per click (CPC)", "Biaya per klik (CPC)"),
    "metric.engagement": ("Engagement", "Keterlibatan (engagement)"),
    "metric.sales": ("Sales (orders)", "Penjualan (pesanan)"),
    "metric.revenue": ("Revenue", "Pendapatan"),
    "metric.customers": ("Customers", "Pelanggan"),
    "metric.leads": ("Leads", "Prospek (leads)"),
    "metric.conversion_rate": ("Conversion rate", "Tingkat konversi"),
    "metric.cost_per_conversion": ("Cost per conversion", "Biaya per konversi"),
    "metric.repeat_purchase_rate": ("Repeat-purchase rate", "Tingkat pembelian ulang"),
    "metric.loyalty": ("Loyalty (orders per customer)", "Loyalitas (pesanan per pelanggan)"),
    "metric.ascension_rate": ("Ascension rate", "Tingkat ascension"),
    "metric.average_order_value": ("Average order value", "Nilai pesanan rata-rata"),
    "metric.time_to_first_value": ("Time to first value", "Waktu sampai nilai pertama"),
    "metric.csat": ("Customer satisfaction (CSAT)", "Kepuasan pelanggan (CSAT)"),
    "metric.feedback": ("User feedback (survey response)", "Umpan balik pengguna (respons survei)"),
    "metric.nps": ("Net Promoter Score (NPS)", "Net Promoter Score (NPS)"),
    "metric.reviews": ("Reviews per customer", "Ulasan per pelanggan"),
    "metric.referrals": ("Referrals per customer", "Referensi (rujukan) per pelanggan"),
    "metric.viral_coefficient": ("Viral coefficient K", "Koefisien viral K"),
    "unit.people": ("people", "orang"),
    "unit.events": ("events", "peristiwa"),
    "unit.orders": ("orders", "pesanan"),
    "unit.share": ("share (0-1)", "pangsa (0-1)"),
    "unit.currency": ("currency units", "satuan mata uang"),
    "unit.currency_per_click": ("currency per click", "mata uang per klik"),
    "unit.currency_per_customer": ("currency per customer", "mata uang per pelanggan"),
    "unit.currency_per_order": ("currency per order", "mata uang per pesanan"),
    "unit.orders_per_customer": ("orders per customer", "pesanan per pelanggan"),
    "unit.per_customer": ("per customer", "per pelanggan"),
    "unit.per_person": ("new people per person", "orang baru per orang"),
    "unit.days": ("days", "hari"),
    "unit.points": ("points (-100 to 100)", "poin (-100 sampai 100)"),
    "unit.rank": ("position (1 = top)", "posisi (1 = teratas)"),
    "metrics.heatmap_title": ("Stage metrics by {group}", "Metrik tahap menurut {group}"),
    "metrics.heatmap_scale": (
        "Colour: rank among the groups (0 = worst, 1 = best)",
        "Warna: peringkat di antara kelompok (0 = terburuk, 1 = terbaik)",
    ),
    "metrics.metric": ("Metric", "Metrik"),
    "metrics.retention_title": ("Retention by cohort", "Retensi per kohort"),
    "metrics.periods_after": ("Periods after the cohort started", "Periode setelah kohort dimulai"),
    "metrics.cohort": ("Cohort", "Kohort"),
    "metrics.retention_pct": ("People who ordered (%)", "Orang yang memesan (%)"),
    "score.title": ("Journey score by {group}", "Skor perjalanan menurut {group}"),
    "score.axis": (
        "Journey score (weighted mean of normalised metrics)",
        "Skor perjalanan (rata-rata tertimbang metrik ternormalisasi)",
    ),
    "touch.matrix_users_title": ("People per channel and stage", "Orang per saluran dan tahap"),
    "touch.matrix_touches_title": (
        "Touches per channel and stage",
        "Sentuhan per saluran dan tahap",
    ),
    "touch.matrix_share_title": (
        "Share of each stage's people per channel (%)",
        "Pangsa orang tiap tahap per saluran (%)",
    ),
    "touch.device_title": ("Conversions by device", "Konversi menurut perangkat"),
    "touch.conversions_pct": ("Share of conversions (%)", "Pangsa konversi (%)"),
    "touch.channel_count_title": (
        "Conversion rate by number of channels used",
        "Tingkat konversi menurut jumlah saluran yang dipakai",
    ),
    "touch.n_channels": (
        "Channels used on the way (count)",
        "Saluran yang dipakai di perjalanan (jumlah)",
    ),
    "touch.conversion_rate_pct": ("Conversion rate (%)", "Tingkat konversi (%)"),
    "touch.omni_title": (
        "Cross-channel and cross-device journeys",
        "Perjalanan lintas saluran dan lintas perangkat",
    ),
    "touch.people_pct": ("People (%)", "Orang (%)"),
    "touch.multichannel": ("Used 2+ channels", "Memakai 2+ saluran"),
    "touch.cross_device": ("Used 2+ devices", "Memakai 2+ perangkat"),
    "touch.segment.converted": ("Bought", "Membeli"),
    "touch.segment.not_converted": ("Did not buy", "Tidak membeli"),
    "touch.segment.all": ("Everyone", "Semua orang"),
    "metrics.value": ("Value", "Nilai"),
    "metrics.unit": ("Unit", "Satuan"),
    "funnel.time_title": ("Time to convert between steps", "Waktu konversi antar langkah"),
    "funnel.median_days": (
        "Median days from the previous step",
        "Median hari dari langkah sebelumnya",
    ),
    # --- paths, assisted conversions, attribution (journeykit.paths, .attribution) ------------
    "paths.time_lag_title": (
        "Days from first touch to purchase (time lag)",
        "Hari dari kontak pertama hingga pembelian (time lag)",
    ),
    "paths.time_lag_axis": (
        "Days from the first touch on the path to the conversion",
        "Hari dari kontak pertama di jalur hingga konversi",
    ),
    "paths.path_length_title": (
        "Touches before purchase (path length)",
        "Jumlah interaksi sebelum pembelian (panjang jalur)",
    ),
    "paths.path_length_axis": ("Interactions on the path", "Interaksi di jalur"),
    "paths.conversions_pct": ("Conversions (%)", "Konversi (%)"),
    "paths.conversions": ("Conversions", "Konversi"),
    "paths.top_title": ("Top conversion paths", "Jalur konversi teratas"),
    "paths.path": ("Conversion path", "Jalur konversi"),
    "attr.title": (
        "Conversions credited to each channel, by model",
        "Konversi yang dikreditkan ke tiap saluran, per model",
    ),
    "attr.value_title": (
        "Value credited to each channel, by model",
        "Nilai yang dikreditkan ke tiap saluran, per model",
    ),
    "attr.axis.conversions": ("Attributed conversions", "Konversi teratribusi"),
    "attr.axis.value": (
        "Attributed value (currency units)",
        "Nilai teratribusi (satuan mata uang)",
    ),
    "attr.model": ("Attribution model", "Model atribusi"),
    "attr.model.first": ("First touch", "Sentuhan pertama (first touch)"),
    "attr.model.last": ("Last touch", "Sentuhan terakhir (last touch)"),
    "attr.model.last_non_direct": ("Last non-direct touch", "Sentuhan terakhir non-langsung"),
    "attr.model.linear": ("Linear", "Linear"),
    "attr.model.time_decay": ("Time decay", "Peluruhan waktu (time decay)"),
    "attr.model.position": ("Position based", "Berbasis posisi"),
    "attr.model.markov": ("Markov removal effect", "Efek penghapusan Markov (removal effect)"),
    "attr.model.incremental": (
        "True incremental (channel switched off)",
        "Inkremental sebenarnya (saluran dimatikan)",
    ),
    "attr.assisted_title": (
        "Assisted vs last-click conversions",
        "Konversi terbantu (assisted) vs klik terakhir",
    ),
    "attr.last_click": ("Last-click conversions", "Konversi klik terakhir"),
    "attr.assisted": ("Assisted conversions", "Konversi terbantu (assisted)"),
    "attr.count": ("Conversions", "Konversi"),
    # --- offers, onboarding (journeykit.offers, .onboarding) -----------------------------------
    "offer.title.cumulative_profit": (
        "Cumulative profit per acquired customer",
        "Laba kumulatif per pelanggan yang diperoleh",
    ),
    "offer.axis.month": ("Months since the first purchase", "Bulan sejak pembelian pertama"),
    "offer.axis.profit": ("Profit per customer ({currency})", "Laba per pelanggan ({currency})"),
    "offer.expected": ("Expected (closed form)", "Harapan (rumus tertutup)"),
    "offer.simulated": ("Simulated cohort", "Kohort simulasi"),
    "offer.payback": ("Payback in month {month}", "Balik modal pada bulan ke-{month}"),
    "offer.no_payback": (
        "No payback within {months} months",
        "Belum balik modal dalam {months} bulan",
    ),
    "offer.break_even": ("Break-even", "Titik impas"),
    "offer.title.waterfall": (
        "Where an acquired customer's value comes from",
        "Asal nilai seorang pelanggan yang diperoleh",
    ),
    "offer.axis.value": ("Value per customer ({currency})", "Nilai per pelanggan ({currency})"),
    "offer.component.acquisition": ("Acquisition cost", "Biaya akuisisi"),
    "offer.component.entry": ("Entry-point offer", "Penawaran entry-point"),
    "offer.component.repeat": ("Repeat purchases", "Pembelian ulang"),
    "offer.component.net": ("Net value", "Nilai bersih"),
    "offer.step.workshop": ("Workshop", "Lokakarya"),
    "offer.step.consulting": ("Consulting", "Konsultasi"),
    "offer.step.check_up": ("Check-up and cleaning", "Pemeriksaan dan pembersihan"),
    "offer.step.hosting": ("Hosting plan", "Paket hosting"),
    "offer.step.camera": ("Camera ($2,495)", "Kamera ($2.495)"),
    "offer.step.bundle": ("Lens, bag and tripod bundle ($699)", "Paket lensa, tas, tripod ($699)"),
    "offer.step.unlimited_plan": ("Unlimited plan ($40/month)", "Paket tanpa batas ($40/bulan)"),
    "offer.step.early_boarding": ("Early boarding ($15)", "Naik pesawat lebih awal ($15)"),
    "offer.title.survival": (
        "Customers still active: observed and sBG model",
        "Pelanggan yang masih aktif: data dan model sBG",
    ),
    "offer.axis.period": ("Period since joining", "Periode sejak bergabung"),
    "offer.axis.still_active_pct": ("Still active (%)", "Masih aktif (%)"),
    "offer.observed": ("Observed", "Teramati"),
    "offer.sbg_fit": ("sBG fit", "Model sBG"),
    "offer.sbg_forecast": ("sBG forecast", "Proyeksi sBG"),
    "offer.constant_churn": ("Constant churn", "Churn konstan"),
    "offer.title.ltv_by.acquisition_channel": (
        "Observed value per customer by acquisition channel",
        "Nilai teramati per pelanggan menurut saluran akuisisi",
    ),
    "offer.title.ltv_by.entry_offer": (
        "Observed value per customer by entry-point offer",
        "Nilai teramati per pelanggan menurut penawaran entry-point",
    ),
    "offer.axis.margin": ("Margin per customer ({currency})", "Margin per pelanggan ({currency})"),
    "offer.margin_per_customer": ("Margin per customer", "Margin per pelanggan"),
    "offer.acquisition_cost": ("Acquisition cost per customer", "Biaya akuisisi per pelanggan"),
    "offer.ascension_rate": ("Ascension rate", "Tingkat ascend"),
    "offer.entry_offer": ("Entry-point offer", "Penawaran entry-point"),
    "onboarding.title.repeat": (
        "Repeat-purchase rate by onboarding",
        "Tingkat pembelian ulang menurut onboarding",
    ),
    "onboarding.axis.repeat_pct": ("Repeat-purchase rate (%)", "Tingkat pembelian ulang (%)"),
    "onboarding.onboarded": ("Reached first value", "Mendapat nilai pertama"),
    "onboarding.not_onboarded": ("No first value", "Belum mendapat nilai pertama"),
    "onboarding.ci": ("{pct}% confidence interval", "Selang kepercayaan {pct}%"),
    "onboarding.title.ttfv": ("Time to first value", "Waktu menuju nilai pertama"),
    "onboarding.axis.ttfv_days": (
        "Days from first order to first value",
        "Hari dari pesanan pertama sampai nilai pertama",
    ),
    "onboarding.axis.customers": ("Customers", "Pelanggan"),
    "onboarding.median": ("Median: {days:.1f} days", "Median: {days:.1f} hari"),
    # --- referral loops, campaigns, follow-up messages -----------------------------------------
    "referrals.yes": ("Yes", "Ya"),
    "referrals.no": ("No", "Tidak"),
    "referrals.total": ("Total", "Total"),
    "referrals.advocate": ("Advocate (positive when asked)", "Advokat (positif saat ditanya)"),
    "referrals.promoter": ("Promoter (actively invites)", "Promotor (aktif mengundang)"),
    "referrals.growth_title": (
        "Referral loop: users over cycles",
        "Loop rujukan: pengguna per siklus",
    ),
    "referrals.cycle": ("Referral cycle", "Siklus rujukan"),
    "referrals.day": ("Days since the seed cohort", "Hari sejak kohort awal"),
    "referrals.users": ("Users (who ever joined)", "Pengguna (yang pernah bergabung)"),
    "referrals.active": ("Active users", "Pengguna aktif"),
    "referrals.closed_form": ("Closed form", "Rumus tertutup"),
    "referrals.sim_mean": ("Simulation, mean of runs", "Simulasi, rata-rata"),
    "referrals.sim_band": ("Simulation, 5-95 % of runs", "Simulasi, 5-95 % percobaan"),
    "referrals.steady_state": ("Steady state n0 / (1 - K)", "Keadaan tunak n0 / (1 - K)"),
    "referrals.k_compare_title": ("Growth for different K", "Pertumbuhan untuk K berbeda"),
    "referrals.generations_title": (
        "Users by referral generation",
        "Pengguna per generasi rujukan",
    ),
    "referrals.generation": ("Generation (0 = not referred)", "Generasi (0 = bukan rujukan)"),
    "referrals.cycle_time_title": ("Referral cycle time", "Waktu siklus rujukan"),
    "referrals.invite_to_signup": ("Invite to sign-up", "Undangan sampai mendaftar"),
    "referrals.cycle_days": (
        "Inviter joined to invitee joined",
        "Pengundang bergabung sampai yang diundang bergabung",
    ),
    "referrals.cost_title": ("Cost of one new customer", "Biaya satu pelanggan baru"),
    "referrals.cost_axis": (
        "Cost per customer (currency units)",
        "Biaya per pelanggan (satuan mata uang)",
    ),
    "referrals.route.paid": ("Paid ads", "Iklan berbayar"),
    "referrals.route.storage_reward": (
        "Storage reward (Dropbox-style)",
        "Hadiah ruang penyimpanan (ala Dropbox)",
    ),
    "referrals.route.affiliate": ("Affiliate commission", "Komisi afiliasi"),
    "referrals.route.fixed_reward": ("Fixed reward (voucher)", "Hadiah tetap (voucher)"),
    "campaigns.lift_title": (
        "Campaign lift on its stage transition",
        "Kenaikan dari kampanye pada transisi tahapnya",
    ),
    "campaigns.lift_axis": (
        "Difference in transition rate (percentage points)",
        "Selisih tingkat transisi (poin persen)",
    ),
    "campaigns.campaign": ("Campaign", "Kampanye"),
    "campaigns.call_to_action": ("Call to action", "Ajakan bertindak"),
    "campaigns.traffic_source": ("Traffic source", "Sumber pengunjung"),
    "campaigns.transition": ("Stage transition", "Transisi tahap"),
    "campaigns.treated": ("Saw the campaign", "Melihat kampanye"),
    "campaigns.untreated": ("Did not see it", "Tidak melihat"),
    "campaigns.reach_title": (
        "Strangers reaching each step",
        "Orang asing yang mencapai tiap langkah",
    ),
    "campaigns.reach_axis": (
        "Share of strangers (%, log scale)",
        "Pangsa orang asing (%, skala log)",
    ),
    "campaigns.before": ("Without the campaign", "Tanpa kampanye"),
    "campaigns.after": ("With the campaign", "Dengan kampanye"),
    "campaigns.stranger": ("Stranger", "Orang asing"),
    "messages.preview_title": ("Follow-up messages", "Pesan tindak lanjut"),
    "messages.customer": ("Customer", "Pelanggan"),
    # --- course runner index page, stage-model charts (journeykit.course, .plots.stages) --------
    "course.index_title": ("journeykit course", "Kursus journeykit"),
    "course.parameters": ("Parameters", "Parameter"),
    "course.section.lesson": ("Lessons", "Pelajaran"),
    "course.section.exercise": ("Exercises", "Latihan"),
    "course.section.solution": ("Solutions", "Solusi"),
    "course.status.ok": ("ran without error", "berjalan tanpa galat"),
    "course.status.failed": ("failed", "gagal"),
    "stages.mapping_title": (
        "How the {source} maps onto the {target}",
        "Bagaimana {source} dipetakan ke {target}",
    ),
    "stages.users_title": ("People who reached each stage", "Orang yang mencapai tiap tahap"),
    # --- widgets ---------------------------------------------------------------------------------
    "widgets.kept_last_good": (
        "the last good state is kept",
        "keadaan valid terakhir tetap dipakai",
    ),
    "widgets.all": ("(all)", "(semua)"),
    "widgets.none": ("(none)", "(tidak ada)"),
    "widgets.no_campaign": ("(no campaign)", "(tanpa kampanye)"),
    "widgets.persona": ("Persona", "Persona"),
    "widgets.date_from": ("From", "Dari"),
    "widgets.date_to": ("To", "Sampai"),
    "widgets.date_range": ("date range", "rentang tanggal"),
    "widgets.stage_model": ("Stage model", "Model tahapan"),
    "widgets.users_selected": ("users in the selection", "pengguna dalam pilihan"),
    "widgets.empty_selection": (
        "no users match these filters",
        "tidak ada pengguna yang cocok dengan filter ini",
    ),
    "widgets.closed_form": ("Closed form", "Rumus tertutup (closed form)"),
    "widgets.simulation": ("Simulation", "Simulasi"),
    "widgets.n0": ("Seed users", "Pengguna awal"),
    "widgets.invites_per_user": ("Invites per user", "Undangan per pengguna"),
    "widgets.invite_conversion": ("Invite conversion", "Konversi undangan"),
    "widgets.cycles": ("Cycles", "Siklus"),
    "widgets.churn": ("Churn per cycle", "Churn per siklus"),
    "widgets.cycle_time_days": ("Cycle time (days)", "Waktu siklus (hari)"),
    "widgets.runs": ("Simulation runs", "Jumlah simulasi"),
    "widgets.seed": ("Seed", "Seed"),
    "widgets.viral_k": ("Viral coefficient K", "Koefisien viral K"),
    "widgets.steady_state": ("Steady state (users)", "Kondisi tunak (pengguna)"),
    "widgets.no_steady_state": (
        "none: K >= 1 grows without bound",
        "tidak ada: K >= 1 tumbuh tanpa batas",
    ),
    "widgets.total_after": ("Users after the last cycle", "Pengguna setelah siklus terakhir"),
    "widgets.active_after": (
        "Active users after the last cycle",
        "Pengguna aktif setelah siklus terakhir",
    ),
    "widgets.active_users": ("active users", "pengguna aktif"),
    "widgets.quantity": ("Quantity", "Besaran"),
    "widgets.value": ("Value", "Nilai"),
    "widgets.map_default_title": ("My customer journey map", "Peta perjalanan pelanggan saya"),
    "widgets.map_default_goal": (
        "Find where customers struggle and what to improve first",
        "Menemukan di mana pelanggan kesulitan dan apa yang diperbaiki lebih dulu",
    ),
    "widgets.map_title": ("Title", "Judul"),
    "widgets.map_drawing": ("map drawing", "gambar peta"),
    "widgets.one_per_line": ("one item per line", "satu butir per baris"),
    "widgets.emotion": ("Emotion score", "Skor emosi"),
    "widgets.new_stage_name": ("new stage name", "nama tahap baru"),
    "widgets.add_stage": ("Add stage", "Tambah tahap"),
    "widgets.rename_stage": ("Rename stage", "Ganti nama tahap"),
    "widgets.remove_stage": ("Remove stage", "Hapus tahap"),
    "widgets.move_left": ("Move left", "Geser ke kiri"),
    "widgets.move_right": ("Move right", "Geser ke kanan"),
    "widgets.undo": ("Undo", "Urungkan"),
    "widgets.file": ("File", "Berkas"),
    "widgets.overwrite": ("Replace an existing file", "Timpa berkas yang sudah ada"),
    "widgets.save_json": ("Save JSON", "Simpan JSON"),
    "widgets.load_json": ("Load JSON", "Muat JSON"),
    "widgets.export_html": ("Export HTML", "Ekspor HTML"),
    "widgets.export_png": ("Export PNG", "Ekspor PNG"),
    "widgets.custom_model": ("Custom stage model", "Model tahapan buatan sendiri"),
    "widgets.need_stage_name": (
        "type a name for the new stage first",
        "ketik dulu nama tahap baru",
    ),
    "widgets.cannot_move": (
        "the stage is already at that end of the map",
        "tahap sudah berada di ujung peta",
    ),
    "widgets.nothing_to_undo": ("nothing to undo", "tidak ada yang bisa diurungkan"),
    "widgets.file_exists": (
        "{path} already exists: tick 'Replace an existing file' to overwrite it",
        "{path} sudah ada: centang 'Timpa berkas yang sudah ada' untuk menimpanya",
    ),
    "widgets.written": ("written: {path}", "tersimpan: {path}"),
    "widgets.loaded": ("loaded: {path}", "dimuat: {path}"),
    "widgets.funnel_title": (
        "Stage funnel of the selected people",
        "Funnel tahapan orang yang dipilih",
    ),
    "widgets.step_conversion": ("Of previous stage", "Dari tahap sebelumnya"),
    "widgets.overall_conversion": ("Of first stage", "Dari tahap pertama"),
    "widgets.drop_off": ("Lost since previous", "Hilang sejak tahap sebelumnya"),
    "widgets.metric": ("Metric", "Metrik"),
    "widgets.unit": ("Unit", "Satuan"),
    "widgets.attr_models": ("Attribution models", "Model atribusi"),
    "widgets.attr_model.first": ("First touch", "Sentuhan pertama"),
    "widgets.attr_model.last": ("Last touch", "Sentuhan terakhir"),
    "widgets.attr_model.last_non_direct": (
        "Last non-direct touch",
        "Sentuhan terakhir non-langsung",
    ),
    "widgets.attr_model.linear": ("Linear", "Linear"),
    "widgets.attr_model.time_decay": ("Time decay", "Peluruhan waktu (time decay)"),
    "widgets.attr_model.position": ("Position based (40/20/40)", "Berbasis posisi (40/20/40)"),
    "widgets.attr_model.markov": ("Markov removal effect", "Efek penghapusan Markov"),
    "widgets.lookback_days": ("Lookback window (days)", "Jendela lookback (hari)"),
    "widgets.from_first_contact": (
        "No lookback limit (from first contact)",
        "Tanpa batas lookback (sejak kontak pertama)",
    ),
    "widgets.half_life_days": ("Time-decay half-life (days)", "Waktu paruh time decay (hari)"),
    "widgets.measure": ("Measure", "Ukuran"),
    "widgets.measure_conversions": ("Conversions", "Konversi"),
    "widgets.measure_value": ("Conversion value", "Nilai konversi"),
    "widgets.conversions_on_paths": ("conversions on the paths", "konversi pada jalur"),
    "widgets.axis_conversions": ("Conversions credited", "Konversi yang diberikan"),
    "widgets.axis_value": (
        "Conversion value credited (currency units)",
        "Nilai konversi yang diberikan (satuan mata uang)",
    ),
    "widgets.attribution_title": (
        "Credit per channel, by model",
        "Kredit per saluran, menurut model",
    ),
    "widgets.assisted_title": (
        "Assisted vs last-click conversions",
        "Konversi terbantu vs klik terakhir",
    ),
    "widgets.last_click": ("Last click", "Klik terakhir"),
    "widgets.assisted": ("Assisted", "Terbantu (assisted)"),
    "widgets.assisted_ratio": ("Assisted / last click", "Terbantu / klik terakhir"),
    "widgets.preset": ("Start from", "Mulai dari"),
    "widgets.preset.book": ("$8 management book", "Buku manajemen $8"),
    "widgets.preset.teeth_whitening": ("$20 teeth whitening", "Pemutihan gigi $20"),
    "widgets.preset.domain": ("$2.95 domain name", "Nama domain $2,95"),
    "widgets.preset.business_cards": ("500 business cards for $9", "500 kartu nama seharga $9"),
    "widgets.preset.camera": (
        "Photography e-book, then a $2,495 camera",
        "E-book fotografi, lalu kamera $2.495",
    ),
    "widgets.preset.car_wash": (
        "Car wash, then a $40/month plan",
        "Cuci mobil, lalu paket $40/bulan",
    ),
    "widgets.preset.early_boarding": (
        "Fare, then $15 early boarding",
        "Tiket, lalu naik lebih awal $15",
    ),
    "widgets.entry_price": ("Entry-point offer price", "Harga penawaran entry-point"),
    "widgets.entry_cost": ("Entry offer unit cost", "Biaya satuan penawaran entry"),
    "widgets.acquisition_cost": ("Acquisition cost per customer", "Biaya akuisisi per pelanggan"),
    "widgets.repeat_price": ("Repeat purchase price", "Harga pembelian ulang"),
    "widgets.repeat_cost": ("Repeat purchase unit cost", "Biaya satuan pembelian ulang"),
    "widgets.repeat_rate": ("Repeat purchases per month", "Pembelian ulang per bulan"),
    "widgets.monthly_churn": ("Monthly churn", "Churn bulanan"),
    "widgets.step": ("Ascension offer", "Penawaran ascension"),
    "widgets.step_price": ("Ascension price", "Harga ascension"),
    "widgets.step_cost": ("Ascension unit cost", "Biaya satuan ascension"),
    "widgets.step_share": ("Share who buy it", "Pangsa yang membeli"),
    "widgets.step_month": ("Month offered", "Bulan ditawarkan"),
    "widgets.discount": ("Discount rate per month", "Tingkat diskonto per bulan"),
    "widgets.months": ("Months shown and simulated", "Bulan yang ditampilkan dan disimulasikan"),
    "widgets.n_customers": ("Customers simulated", "Pelanggan yang disimulasikan"),
    "widgets.offer_row.first_order_profit": ("First-order profit", "Laba pesanan pertama"),
    "widgets.offer_row.profit_after_horizon": (
        "Profit per customer after {months} months (undiscounted)",
        "Laba per pelanggan setelah {months} bulan (tanpa diskonto)",
    ),
    "widgets.offer_row.payback_month_horizon": (
        "Payback month within {months} months (undiscounted)",
        "Bulan balik modal dalam {months} bulan (tanpa diskonto)",
    ),
    "widgets.offer_row.lifetime_value": ("Lifetime value (LTV)", "Nilai seumur hidup (LTV)"),
    "widgets.offer_row.net_value": (
        "Net value (LTV - acquisition cost)",
        "Nilai bersih (LTV - biaya akuisisi)",
    ),
    "widgets.offer_row.ltv_to_cac": ("LTV / acquisition cost", "LTV / biaya akuisisi"),
    "widgets.offer_row.payback_month": (
        "Payback month (discounted)",
        "Bulan balik modal (terdiskonto)",
    ),
    "widgets.offer_row.break_even_entry_price": (
        "Break-even entry price",
        "Harga entry titik impas",
    ),
    "widgets.offer_row.expected_lifetime_months": (
        "Expected lifetime (months)",
        "Harapan masa aktif (bulan)",
    ),
    "widgets.offer_row.ascension_rate": (
        "Ascension rate (first offer)",
        "Tingkat ascension (penawaran pertama)",
    ),
}


def check_lang(lang: object) -> str:
    """Return ``lang`` if it is a supported language code, else raise :class:`ParameterError`.

    >>> check_lang("id")
    'id'
    """
    if lang not in LANGS:
        raise ParameterError(f"lang: expected one of {', '.join(map(repr, LANGS))}, got {lang!r}")
    return lang  # type: ignore[return-value]


def t(key: str, lang: str = "en") -> str:
    """Translate catalogue ``key`` into ``lang`` (``"en"`` or ``"id"``).

    An unknown key is an error (a missing label is a bug, never shown as a raw key).
    """
    check_lang(lang)
    try:
        en, id_ = LABELS[key]
    except KeyError:
        raise ParameterError(f"label key: no entry {key!r} in journeykit.i18n.LABELS") from None
    return en if lang == "en" else id_


def label_map(prefix: str, lang: str = "en") -> dict[str, str]:
    """All labels under ``prefix.`` as ``{suffix: text}``, e.g. every channel's display name.

    >>> label_map("device", "id")["mobile"]
    'Ponsel'
    """
    check_lang(lang)
    start = prefix + "."
    return {k[len(start) :]: t(k, lang) for k in LABELS if k.startswith(start)}


def label_for(
    prefix: str,
    key: object,
    lang: str = "en",
    labels: Mapping[object, str | tuple[str, str]] | None = None,
) -> str:
    """The display name of a data value: a user's label, the catalogue's, or the value itself.

    For the open vocabularies (channels, devices, event names ...): ``labels`` (a user-given map
    ``{value: text}`` or ``{value: (english, indonesian)}``) wins, then the catalogue entry
    ``<prefix>.<key>``, then the value as written in the data (never an error).

    >>> label_for("channel", "email", "id"), label_for("channel", "tiktok", "id")
    ('Email', 'tiktok')
    >>> label_for("event", "$pageview", "en", {"$pageview": ("Page view", "Tampilan halaman")})
    'Page view'
    """
    check_lang(lang)
    if labels is not None and key in labels:
        text = labels[key]
        if isinstance(text, tuple):
            return text[0] if lang == "en" else text[1]
        return str(text)
    entry = LABELS.get(f"{prefix}.{key}")
    if entry is not None:
        return entry[0] if lang == "en" else entry[1]
    return str(key)
