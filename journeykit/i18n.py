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
    # notebook parameters (journeykit.params): a name papermill passed that the lesson lacks
    "params.unknown": (
        "parameter {name}: this notebook has no such parameter{hint} (its parameters: {declared})",
        "parameter {name}: notebook ini tidak punya parameter itu{hint} (parameternya: {declared})",
    ),
    "params.did_you_mean": ("; did you mean {name}?", "; mungkin maksud Anda {name}?"),
    # navigation bars of the lessons and exercises (journeykit.editions rewrites them)
    "nav.all_lessons": ("All lessons", "Semua pelajaran"),
    "nav.exercise": ("Exercise", "Latihan"),
    "nav.lesson": ("Lesson", "Pelajaran"),
    # workshop kit (journeykit.workshop): the class progress page
    "workshop.progress_title": ("Class progress", "Kemajuan kelas"),
    "workshop.learner": ("Learner", "Peserta"),
    "workshop.exercise": ("Exercise", "Latihan"),
    "workshop.task": ("Task", "Tugas"),
    "workshop.hint": ("Feedback", "Umpan balik"),
    "workshop.learners": ("Learners", "Peserta"),
    "workshop.common_hints": (
        "Most common feedback on wrong answers",
        "Umpan balik yang paling sering muncul untuk jawaban yang belum tepat",
    ),
    # --- general ---------------------------------------------------------------------------
    "lang.en": ("English", "Bahasa Inggris"),
    "lang.id": ("Bahasa Indonesia", "Bahasa Indonesia"),
    "customer_journey": ("Customer journey", "Perjalanan pelanggan (customer journey)"),
    "stage": ("Stage", "Tahap"),
    "stage_model": ("Stage model", "Model tahapan"),
    "axis.users": ("Users", "Pengguna"),
    "axis.share_pct": ("Share (%)", "Porsi (%)"),
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
    # issue 10 (world): the tokoonline preset's persona, products and name
    "persona.type.homemaker": ("Homemaker", "Ibu rumah tangga"),
    "product.travel_size_serum": ("Travel-size serum (10 ml)", "Serum ukuran travel (10 ml)"),
    "product.serum_30ml": ("Serum 30 ml", "Serum 30 ml"),
    "product.skincare_bundle": ("Skincare bundle", "Paket perawatan kulit"),
    "synth.preset.tokoonline": (
        "Indonesian online shop: social media, WhatsApp, marketplace (IDR)",
        "Toko online Indonesia: media sosial, WhatsApp, marketplace (IDR)",
    ),
    # --- funnels, metrics, journey score (journeykit.funnels, .metrics, .score) ---------------
    "funnel.title": (
        "Funnel: people reaching each step",
        "Funnel (corong): orang yang mencapai tiap langkah",
    ),
    "funnel.by_title": ("Funnel by {group}", "Funnel menurut {group}"),
    "funnel.people": ("People", "Orang"),
    "funnel.overall_pct": (
        "Share of the people at the first step (%)",
        "Porsi dari orang di langkah pertama (%)",
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
    # issue 14 (one K for the course, per customer; the other denominators labelled)
    "metric.viral_coefficient_reached": (
        "Viral coefficient K per person reached",
        "Koefisien viral K per orang yang terjangkau",
    ),
    "referrals.k_base.customers": (
        "K per customer (the course's K)",
        "K per pelanggan (K kursus ini)",
    ),
    "referrals.k_base.advocates": ("K per advocate", "K per advokat"),
    "referrals.k_base.inviters": ("K per inviter (promoter)", "K per pengundang (promotor)"),
    "referrals.k_base.users": ("K per user", "K per pengguna"),
    "referrals.k_measured": (
        "Viral coefficient K measured on the data (k = joined / n_base)",
        "Koefisien viral K terukur pada data (k = bergabung / n_base)",
    ),
    "unit.people": ("people", "orang"),
    "unit.events": ("events", "peristiwa"),
    "unit.orders": ("orders", "pesanan"),
    "unit.share": ("share (0-1)", "porsi (0-1)"),
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
        "Porsi orang tiap tahap per saluran (%)",
    ),
    "touch.device_title": ("Conversions by device", "Konversi menurut perangkat"),
    "touch.conversions_pct": ("Share of conversions (%)", "Porsi konversi (%)"),
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
        "Hari dari sentuhan pertama hingga pembelian (time lag)",
    ),
    "paths.time_lag_axis": (
        "Days from the first touch on the path to the conversion",
        "Hari dari sentuhan pertama di jalur hingga konversi",
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
    # --- customer value, non-contractual (journeykit.value, plots.value, CustomerValueExplorer;
    # issue 15) ---------------------------------------------------------------------------------
    "value.title.p_alive": (
        "Chance the customer is still active, P(alive), at age T = {T:g} {unit}",
        "Peluang pelanggan masih aktif, P(alive), pada umur T = {T:g} {unit}",
    ),
    "value.axis.recency": (
        "Recency: first to last purchase ({unit})",
        "Recency: pembelian pertama sampai terakhir ({unit})",
    ),
    "value.axis.frequency": ("Frequency: repeat purchases", "Frekuensi: pembelian ulang"),
    "value.axis.p_alive": ("P(alive)", "P(alive), peluang masih aktif"),
    "value.title.holdout": (
        "Repeat purchases in the holdout period: BG/NBD against the data",
        "Pembelian ulang di periode holdout: BG/NBD dibanding data",
    ),
    "value.axis.calibration_frequency": (
        "Repeat purchases in the calibration period",
        "Pembelian ulang di periode kalibrasi",
    ),
    "value.axis.holdout_purchases": (
        "Mean purchases per customer in the holdout",
        "Rata-rata pembelian per pelanggan di periode holdout",
    ),
    "value.actual": ("Actual", "Data aktual"),
    "value.predicted": ("BG/NBD prediction", "Prediksi BG/NBD"),
    "value.or_more": ("{n} or more", "{n} atau lebih"),
    "value.unit.w": ("weeks", "minggu"),
    "value.unit.d": ("days", "hari"),
    "value.this_customer": ("This customer", "Pelanggan ini"),
    "widgets.value_frequency": ("Repeat purchases (frequency)", "Pembelian ulang (frekuensi)"),
    "widgets.value_recency": (
        "Last purchase (periods after the first)",
        "Pembelian terakhir (periode setelah pertama)",
    ),
    "widgets.value_age": ("Age T (periods since the first)", "Umur T (periode sejak pertama)"),
    "widgets.value_horizon": ("Horizon (periods ahead)", "Horizon (periode ke depan)"),
    "widgets.value_row.p_alive": (
        "P(alive): still an active customer",
        "P(alive): masih pelanggan aktif",
    ),
    "widgets.value_row.expected_purchases": (
        "Expected purchases in the next {h:g} periods",
        "Harapan jumlah pembelian dalam {h:g} periode ke depan",
    ),
    "widgets.value_row.expected_purchases_new": (
        "The same for a brand-new customer",
        "Hal yang sama untuk pelanggan baru",
    ),
    "onboarding.title.repeat": (
        "Repeat-purchase rate by onboarding",
        "Tingkat pembelian ulang menurut onboarding",
    ),
    "onboarding.axis.repeat_pct": ("Repeat-purchase rate (%)", "Tingkat pembelian ulang (%)"),
    "onboarding.onboarded": ("Reached first value", "Mendapat nilai pertama"),
    "onboarding.not_onboarded": ("No first value", "Belum mendapat nilai pertama"),
    "onboarding.ci": ("{pct}% confidence interval", "Selang kepercayaan {pct}%"),
    "onboarding.title.ttfv": ("Time to first value", "Waktu sampai nilai pertama"),
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
        "Porsi orang asing (%, skala log)",
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
    # course site: offline pages, kernel note, index (issue 13 items 1-2, branch course)
    "course.solution_mark": ("solution", "solusi"),
    "course.kernel_note": (
        "The widget as it was saved: you can look at it here, but moving it changes nothing "
        "without a running Python kernel. To use it, run {command} in the course folder and "
        "open this lesson in JupyterLab.",
        "Widget ini tampil seperti saat disimpan: bisa dilihat di sini, tetapi menggerakkannya "
        "tidak mengubah apa pun tanpa kernel Python yang berjalan. Untuk memakainya, jalankan "
        "{command} di folder kursus lalu buka pelajaran ini di JupyterLab.",
    ),
    "course.intro": (
        "A course on the customer journey: stage models, personas, journey maps, touchpoints, "
        "measurement, attribution, entry-point offers, onboarding, referral loops, campaigns and "
        "follow-up. Each lesson runs on seeded synthetic data and has an exercise whose checks "
        "say whether your answer is right and, if not, what the likely mistake is. These pages "
        "were rendered in advance: read them here, and to change a parameter, move a widget or "
        "answer an exercise, run {command} in the course folder.",
        "Kursus tentang perjalanan pelanggan (customer journey): model tahapan, persona, peta "
        "perjalanan pelanggan, titik kontak, pengukuran, atribusi, penawaran entry-point, "
        "onboarding, loop referral, kampanye dan tindak lanjut. Setiap pelajaran memakai data "
        "sintetis dengan seed tetap dan punya latihan yang pemeriksaannya memberi tahu apakah "
        "jawaban Anda benar dan, bila belum, kemungkinan kesalahannya. Halaman ini sudah "
        "dirender sebelumnya: bacalah di sini; untuk mengubah parameter, menggerakkan widget "
        "atau mengerjakan latihan, jalankan {command} di folder kursus.",
    ),
    "course.column.lesson": ("Lesson", "Pelajaran"),
    "course.column.exercise": ("Exercise", "Latihan"),
    "course.column.solution": ("Solution", "Solusi"),
    "course.column.run": ("Run", "Hasil jalan"),
    "course.notebook": ("notebook", "notebook"),
    "course.guides": ("Trainer's guide and sources", "Panduan pengajar dan sumber"),
    "course.guide.teaching": ("Trainer's guide", "Panduan pengajar"),
    "course.guide.teaching_text": (
        "workshop plans, what to show live in each lesson, the mistakes the exercise checks "
        "catch, troubleshooting",
        "rencana lokakarya, apa yang diperagakan langsung di tiap pelajaran, kesalahan yang "
        "ditangkap pemeriksaan latihan, pemecahan masalah",
    ),
    "course.guide.sources": ("Sources", "Sumber"),
    "course.guide.sources_text": (
        "the five Indonesian articles the course is built on",
        "lima artikel berbahasa Indonesia yang menjadi dasar kursus ini",
    ),
    "stages.mapping_title": (
        "How the {source} maps onto the {target}",
        "Bagaimana {source} dipetakan ke {target}",
    ),
    "stages.users_title": ("People who reached each stage", "Orang yang mencapai tiap tahap"),
    # --- figure annotations (journeykit.plots; issue 13 item 6) -------------------------------
    "plots.group_n": ("{group} (n={n})", "{group} (n={n})"),
    "plots.small_groups_note": (
        "grey rows: fewer than {n} people, too few to compare",
        "baris abu-abu: kurang dari {n} orang, terlalu sedikit untuk dibandingkan",
    ),
    "plots.in_currency": ("{label} ({currency})", "{label} ({currency})"),
    # --- exercise feedback (journeykit.checks; issue 13 items 5 and 7) -----------------------
    "check.correct": ("✔ {name}: correct ({value}).", "✔ {name}: benar ({value})."),
    "check.correct_plain": ("✔ {name}: correct.", "✔ {name}: benar."),
    "check.correct_label": (
        "✔ {name}: correct ({key}; {label} is its label - code needs the key).",
        "✔ {name}: benar ({key}; {label} adalah labelnya - kode memerlukan key-nya).",
    ),
    "check.not_yet": ("✘ {name}: not yet. {hint}", "✘ {name}: belum tepat. {hint}"),
    "check.no_answer": (
        "✘ {name}: no answer yet - replace None with your answer.",
        "✘ {name}: belum ada jawaban - ganti None dengan jawaban Anda.",
    ),
    "check.cannot_check": (
        "✘ {name}: cannot check this one ({error}).",
        "✘ {name}: jawaban ini tidak bisa diperiksa ({error}).",
    ),
    "check.not_number": (
        "✘ {name}: expected a number, got {got}.",
        "✘ {name}: seharusnya sebuah angka, bukan {got}.",
    ),
    "check.not_list": (
        "✘ {name}: expected a list, got {got}.",
        "✘ {name}: seharusnya sebuah list, bukan {got}.",
    ),
    "check.too_high": (
        "✘ {name}: not yet - {value} is too high.",
        "✘ {name}: belum tepat - {value} terlalu tinggi.",
    ),
    "check.too_low": (
        "✘ {name}: not yet - {value} is too low.",
        "✘ {name}: belum tepat - {value} terlalu rendah.",
    ),
    "check.not_it": (
        "✘ {name}: {answer} is not it; try again.",
        "✘ {name}: {answer} belum tepat; coba lagi.",
    ),
    "check.not_yet_list": ("✘ {name}: not yet - {what}.", "✘ {name}: belum tepat - {what}."),
    "check.missing": ("missing {items}", "kurang {items}"),
    "check.extra": ("not expected {items}", "tidak diharapkan {items}"),
    "check.wrong_order": ("right items, wrong order", "isinya benar, urutannya salah"),
    "check.percent_for_share": (
        "That is the right value as a percentage; give it as a share between 0 and 1 "
        "(divide by 100).",
        "Itu nilai yang benar dalam persen; tuliskan sebagai porsi antara 0 dan 1 "
        "(bagi dengan 100).",
    ),
    "check.or_join": (" Or: ", " Atau: "),
    "check.share_for_percent": (
        "That is the right value as a share; give it as a percentage (multiply by 100).",
        "Itu nilai yang benar sebagai porsi; tuliskan dalam persen (kalikan dengan 100).",
    ),
    # exercise feedback: journeykit.checks.offers
    "check.offers.name.first_profit": ("first-order profit", "laba pesanan pertama"),
    "check.offers.first.margin": (
        "That is the entry margin (price minus unit cost); the first order also has to pay for acquiring the customer.",
        "Itu margin entry (harga dikurangi biaya per unit); pesanan pertama juga harus menanggung biaya mendapatkan pelanggan.",
    ),
    "check.offers.first.no_unit_cost": (
        "Subtract the unit cost of the entry offer too: the margin, not the price, pays back.",
        "Kurangi juga biaya per unit penawaran entry-point: yang mengembalikan modal adalah margin, bukan harga.",
    ),
    "check.offers.first.sign": (
        "Right size, wrong sign: a loss is a negative profit.",
        "Besarnya benar, tandanya salah: kerugian adalah laba yang negatif.",
    ),
    "check.offers.name.ltv": ("lifetime value", "nilai seumur hidup pelanggan (lifetime value)"),
    "check.offers.ltv.times_churn": (
        "Multiply by the expected lifetime 1 / churn, not by the churn.",
        "Kalikan dengan perkiraan masa hidup 1 / churn, bukan dengan churn.",
    ),
    "check.offers.ltv.retention": (
        "Divide by the churn (the share who leave each month), not by the retention.",
        "Bagi dengan churn (porsi yang pergi tiap bulan), bukan dengan retensi.",
    ),
    "check.offers.ltv.price": (
        "Use the margin (price minus unit cost), not the price: costs are paid every month too.",
        "Gunakan margin (harga dikurangi biaya per unit), bukan harga: biaya juga dibayar setiap bulan.",
    ),
    "check.offers.ltv.undiscounted": (
        "That is the value without discounting; discount later months.",
        "Itu nilai tanpa diskonto; diskontokan bulan-bulan berikutnya.",
    ),
    "check.offers.ltv.first_month": (
        "Close: the first month is paid now and is not discounted, so multiply by (1 + d).",
        "Hampir: bulan pertama dibayar sekarang dan tidak didiskontokan, jadi kalikan dengan (1 + d).",
    ),
    "check.offers.name.payback": ("payback month", "bulan balik modal"),
    "check.offers.payback.never": (
        "This plan never pays back: write -1.",
        "Rencana ini tidak pernah balik modal: tulis -1.",
    ),
    "check.offers.payback.from_one": (
        "Count months from 0 (the month of the entry purchase), not from 1.",
        "Hitung bulan dari 0 (bulan pembelian entry-point), bukan dari 1.",
    ),
    "check.offers.payback.no_churn": (
        "Customers churn: weight each month's margin by the share still active.",
        "Pelanggan bisa pergi (churn): bobot margin tiap bulan dengan porsi yang masih aktif.",
    ),
    "check.offers.name.break_even": ("break-even entry price", "harga entry impas"),
    "check.offers.break_even.first_only": (
        "That price makes the first order break even on its own; count what the customer buys later too (ascension and repeat purchases).",
        "Harga itu membuat pesanan pertama impas sendirian; hitung juga yang dibeli pelanggan kemudian (ascension dan pembelian ulang).",
    ),
    "check.offers.break_even.sign": (
        "Check the signs: later value lowers the price you need.",
        "Periksa tandanya: nilai yang datang kemudian menurunkan harga yang Anda perlukan.",
    ),
    "check.offers.name.ascension": ("ascension rate", "tingkat ascension"),
    "check.offers.ascension.all_buyers": (
        "Count customers with a core or ascension order at or after their first entry-offer order, out of the entry-offer buyers.",
        "Hitung pelanggan yang punya pesanan core atau ascension pada atau setelah pesanan entry-point pertamanya, dari seluruh pembeli penawaran entry-point.",
    ),
    "check.offers.ascension.orders": (
        "Count customers who ascended, not core/ascension orders.",
        "Hitung pelanggan yang naik (ascend), bukan jumlah pesanan core/ascension.",
    ),
    "check.offers.name.sbg": ("sBG alpha and beta", "alpha dan beta sBG"),
    "check.offers.sbg.two_numbers": (
        "✘ {name}: expected two numbers.",
        "✘ {name}: seharusnya dua angka.",
    ),
    "check.offers.sbg.correct": (
        "✔ {name}: correct (alpha {alpha:.3f}, beta {beta:.3f}).",
        "✔ {name}: benar (alpha {alpha:.3f}, beta {beta:.3f}).",
    ),
    "check.offers.sbg.swapped": ("Alpha and beta are swapped.", "Alpha dan beta tertukar."),
    "check.offers.sbg.other_slice": (
        "That is fit_sbg on {slice}; fit the survival counts the task gives ({n} periods, {first} to {last}).",
        "Itu fit_sbg pada {slice}; cocokkan jumlah yang bertahan yang diberikan tugas ini ({n} periode, {first} sampai {last}).",
    ),
    "check.offers.sbg.mean_only": (
        "The mean churn alpha / (alpha + beta) is right, but not the spread: maximise the likelihood of the whole survival curve.",
        "Rata-rata churn alpha / (alpha + beta) sudah benar, tetapi sebarannya belum: maksimalkan likelihood seluruh kurva bertahan.",
    ),
    "check.offers.sbg.not_ml": (
        "Those are not the maximum-likelihood alpha and beta of these {n} survival counts.",
        "Itu bukan alpha dan beta dengan likelihood maksimum untuk {n} jumlah bertahan ini.",
    ),
    # exercise feedback: journeykit.checks.time_lag
    "check.time_lag.name.median_lag": ("median time lag", "median time lag"),
    "check.time_lag.lag.hours": (
        "That looks like hours; give the time lag in days.",
        "Itu tampaknya dalam jam; tuliskan time lag dalam hari.",
    ),
    "check.time_lag.lag.mean": (
        "That is the mean. The median is the middle buyer: half took less, half took longer.",
        "Itu rata-rata. Median adalah pembeli di tengah: separuh lebih cepat, separuh lebih lama.",
    ),
    "check.time_lag.lag.path_length": (
        "That is the median path length (touches), not days.",
        "Itu median panjang jalur (sentuhan), bukan hari.",
    ),
    "check.time_lag.long.all_journeys": (
        "That share counts every journey, also those without a purchase; count conversions.",
        "Porsi itu menghitung semua perjalanan, termasuk yang tanpa pembelian; hitung konversi saja.",
    ),
    "check.time_lag.long.count": (
        "That is the number of conversions; divide by all conversions for the share.",
        "Itu jumlah konversi; bagi dengan semua konversi untuk mendapatkan porsinya.",
    ),
    "check.time_lag.name.mobile": ("mobile share", "porsi ponsel"),
    "check.time_lag.mobile.not_mobile": (
        "That is the share of conversions that did NOT happen on mobile.",
        "Itu porsi konversi yang TIDAK terjadi di ponsel.",
    ),
    "check.time_lag.mobile.preferred": (
        "That uses the buyer's preferred device (users.device); use the device of the purchase itself.",
        "Itu memakai perangkat favorit pembeli (users.device); gunakan perangkat saat pembelian itu sendiri.",
    ),
    "check.time_lag.length.mean": (
        "That is the mean; the median is the middle path.",
        "Itu rata-rata; median adalah jalur yang di tengah.",
    ),
    "check.time_lag.name.long": (
        "share of conversions with {min_length}+ touches",
        "porsi konversi dengan {min_length}+ sentuhan",
    ),
    "check.time_lag.long.strictly": (
        "Include paths of exactly {min_length} touches (>=, not >).",
        "Sertakan jalur dengan tepat {min_length} sentuhan (>=, bukan >).",
    ),
    "check.time_lag.name.length": (
        "median path length with a {lookback_days}-day lookback",
        "median panjang jalur dengan lookback {lookback_days} hari",
    ),
    # fixex: exercise 06 task 4 asks the mean path length with a 1-day lookback
    "check.time_lag.name.mean_length": (
        "mean path length with a {lookback_days}-day lookback",
        "rata-rata panjang jalur dengan lookback {lookback_days} hari",
    ),
    "check.time_lag.length.median": (
        "That is the median; the mean is all interactions on the paths divided by the conversions.",
        "Itu median; rata-rata adalah semua interaksi di jalur dibagi jumlah konversi.",
    ),
    "check.time_lag.length.usual": (
        "That is the value with the {usual_lookback}-day window: pass lookback_days={lookback_days} to conversion_paths.",
        "Itu nilai dengan jendela {usual_lookback} hari: berikan lookback_days={lookback_days} ke conversion_paths.",
    ),
    # exercise feedback: journeykit.checks.your_own_data (task idchecks)
    "check.own_data.name.direct": (
        "sessions without a source (direct)",
        "sesi tanpa sumber (direct)",
    ),
    "check.own_data.direct.events": (
        "You counted events; count sessions (one per session_id).",
        "Anda menghitung peristiwa; hitung sesi (satu per session_id).",
    ),
    "check.own_data.direct.users": (
        "You counted users; a user can have direct and tagged sessions. Count sessions.",
        "Anda menghitung pengguna; satu pengguna bisa punya sesi direct dan sesi bertag. Hitung sesi.",
    ),
    "check.own_data.direct.share": (
        "That is the share; give the number of sessions.",
        "Itu porsinya; tuliskan jumlah sesi.",
    ),
    "check.own_data.direct.percent": (
        "That is a percentage; give the number of sessions.",
        "Itu persentase; tuliskan jumlah sesi.",
    ),
    "check.own_data.name.revenue": ("revenue", "pendapatan"),
    "check.own_data.revenue.events": (
        "You summed the purchase events. GA4 sometimes sends a purchase twice (same "
        "transaction_id); the orders table counts each transaction once.",
        "Anda menjumlahkan peristiwa purchase. GA4 kadang mengirim satu pembelian dua kali "
        "(transaction_id yang sama); tabel pesanan menghitung setiap transaksi sekali saja.",
    ),
    "check.own_data.revenue.mean": (
        "That is the average order value; give the total.",
        "Itu nilai rata-rata per pesanan; tuliskan totalnya.",
    ),
    "check.own_data.revenue.count": (
        "That is the number of orders; give the money.",
        "Itu jumlah pesanan; tuliskan nilai uangnya.",
    ),
    "check.own_data.name.hour": ("busiest purchase hour", "jam pembelian tersibuk"),
    "check.own_data.hour.not_whole": (
        "✘ {name}: expected a whole hour 0-23, got {answer!r}.",
        "✘ {name}: yang diminta jam bulat 0-23, jawaban Anda {answer!r}.",
    ),
    "check.own_data.hour.correct": (
        "✔ {name}: correct ({local}:00).",
        "✔ {name}: benar ({local}:00).",
    ),
    "check.own_data.hour.utc": (
        "✘ {name}: not yet. {answer}:00 is the busiest hour in UTC, the clock GA4 exports; "
        "the shop's customers live in its own time zone (import with timezone=...).",
        "✘ {name}: belum tepat. {answer}:00 adalah jam tersibuk menurut UTC, jam yang dipakai "
        "ekspor GA4; pelanggan toko hidup di zona waktu toko itu sendiri (impor dengan timezone=...).",
    ),
    "check.own_data.hour.range": (
        "✘ {name}: not yet - an hour of the day is 0 to 23.",
        "✘ {name}: belum tepat - jam dalam sehari adalah 0 sampai 23.",
    ),
    "check.own_data.hour.count": (
        "✘ {name}: not yet - count the orders in each hour of the timestamp.",
        "✘ {name}: belum tepat - hitung pesanan di setiap jam pada timestamp.",
    ),
    "check.own_data.name.cart": ("view_item → add_to_cart rate", "tingkat view_item → add_to_cart"),
    "check.own_data.cart.percent": (
        "You gave a percentage; give a share between 0 and 1.",
        "Anda menuliskan persentase; tuliskan porsi antara 0 dan 1.",
    ),
    "check.own_data.cart.events": (
        "You divided event counts. A funnel counts people: one person may view ten "
        "products and add one to the cart.",
        "Anda membagi jumlah peristiwa. Funnel menghitung orang: satu orang bisa melihat "
        "sepuluh produk lalu memasukkan satu ke keranjang.",
    ),
    "check.own_data.cart.visitors": (
        "That divides by everyone who viewed a page; the step starts from the people "
        "who viewed a product.",
        "Itu membagi dengan semua orang yang melihat halaman; langkah ini dimulai dari orang "
        "yang melihat produk.",
    ),
    "check.own_data.name.assisted": (
        "assisted conversions of {channel}",
        "konversi terbantu oleh {channel}",
    ),
    "check.own_data.assisted.last_click": (
        "That is the last-click number; an assist is a place on the path before the last one.",
        "Itu angka klik terakhir; bantuan (assist) adalah posisi di jalur sebelum posisi terakhir.",
    ),
    "check.own_data.assisted.money": (
        "That is money; count conversions.",
        "Itu nilai uang; hitung jumlah konversi.",
    ),
    "check.own_data.assisted.first_touch": (
        "Those paths use traffic_source, the user's first acquisition: every touch gets "
        "the same channel. Build the paths from the events' session channels.",
        "Jalur itu memakai traffic_source, akuisisi pertama pengguna: setiap sentuhan mendapat "
        "saluran yang sama. Bangun jalur dari saluran sesi pada tiap peristiwa.",
    ),
    # exercise feedback: journeykit.checks.customer_value (task idchecks)
    "check.value.name.frequency": ("frequency", "frekuensi"),
    "check.value.frequency.orders": (
        "That counts every order. Frequency counts repeat purchase *days*: the two orders on "
        "6 January are one purchase, and the first purchase is not a repeat.",
        "Itu menghitung setiap pesanan. Frekuensi menghitung *hari* pembelian ulang: dua pesanan "
        "pada 6 Januari adalah satu pembelian, dan pembelian pertama bukan pembelian ulang.",
    ),
    "check.value.frequency.same_day": (
        "Two orders on the same day count once: 6 January is one purchase day.",
        "Dua pesanan di hari yang sama dihitung sekali: 6 Januari adalah satu hari pembelian.",
    ),
    "check.value.frequency.both": (
        "Either the two orders on 6 January were counted as two purchases (they are one "
        "purchase day), or the first purchase was counted (it is not a repeat).",
        "Bisa jadi dua pesanan pada 6 Januari dihitung sebagai dua pembelian (keduanya satu hari "
        "pembelian), atau pembelian pertama ikut dihitung (itu bukan pembelian ulang).",
    ),
    "check.value.frequency.first": (
        "That counts the first purchase too; frequency counts only repeat purchases.",
        "Itu ikut menghitung pembelian pertama; frekuensi hanya menghitung pembelian ulang.",
    ),
    "check.value.name.recency": ("recency", "recency"),
    "check.value.weeks": (
        "That is in days; give weeks (days / 7).",
        "Itu dalam hari; tuliskan dalam minggu (hari / 7).",
    ),
    "check.value.recency.since": (
        "That is the time *since* the last purchase. In BG/NBD, recency runs from the first "
        "purchase to the last one.",
        "Itu waktu *sejak* pembelian terakhir. Dalam BG/NBD, recency dihitung dari pembelian "
        "pertama sampai pembelian terakhir.",
    ),
    "check.value.name.age": ("T", "T"),
    "check.value.age.recency": (
        "That is the recency (first to last purchase). T runs from the first purchase to the "
        "end of the calibration period, whether or not the customer bought then.",
        "Itu recency (pembelian pertama sampai terakhir). T dihitung dari pembelian pertama "
        "sampai akhir periode kalibrasi, entah pelanggan membeli saat itu atau tidak.",
    ),
    "check.value.age.holdout": (
        "T stops at the calibration end: the orders after it are the holdout, kept aside to "
        "check the model.",
        "T berhenti di akhir periode kalibrasi: pesanan sesudahnya adalah data holdout, "
        "disisihkan untuk menguji model.",
    ),
    "check.value.name.monetary": ("monetary value", "nilai moneter"),
    "check.value.monetary.all": (
        "That is the mean of every order. Use the repeat purchases only, one value per day.",
        "Itu rata-rata semua pesanan. Pakai pembelian ulang saja, satu nilai per hari.",
    ),
    "check.value.monetary.first_day": (
        "That includes the first purchase day; the Gamma-Gamma model uses the repeat "
        "purchases only (the first one is often an entry offer at a special price).",
        "Itu ikut memasukkan hari pembelian pertama; model Gamma-Gamma hanya memakai pembelian "
        "ulang (pembelian pertama sering berupa penawaran pembuka dengan harga khusus).",
    ),
    "check.value.name.p_alive": ("P(alive)", "P(alive), peluang masih aktif"),
    "check.value.p_alive.gone": (
        "That is the chance the customer is *gone*; P(alive) is 1 minus it.",
        "Itu peluang pelanggan sudah *pergi*; P(alive) adalah 1 dikurangi angka itu.",
    ),
    "check.value.p_alive.percent": (
        "Give a probability between 0 and 1, not a percentage.",
        "Tuliskan peluang antara 0 dan 1, bukan persentase.",
    ),
    "check.value.p_alive.recency": (
        "Recency is the time from the first to the last purchase, not the time since the "
        "last purchase.",
        "Recency adalah waktu dari pembelian pertama sampai terakhir, bukan waktu sejak "
        "pembelian terakhir.",
    ),
    "check.value.name.expected": ("expected purchases", "perkiraan jumlah pembelian"),
    "check.value.expected.new": (
        "That is what a brand-new customer would buy. Use this customer's history: "
        "fit.expected_purchases(rfm, horizon).",
        "Itu perkiraan untuk pelanggan yang benar-benar baru. Pakai riwayat pelanggan ini: "
        "fit.expected_purchases(rfm, horizon).",
    ),
    "check.value.expected.days": (
        "The horizon is in weeks, like the RFM table; you used days.",
        "Horizon dihitung dalam minggu, sama seperti tabel RFM; Anda memakai hari.",
    ),
    "check.value.name.clv": ("CLV", "CLV"),
    "check.value.clv.discount": (
        "Discount each week's expected margin by (1 + discount) ** week.",
        "Diskontokan margin yang diharapkan tiap minggu dengan (1 + discount) ** week.",
    ),
    "check.value.clv.margin": (
        "Multiply by the margin: CLV counts profit, not revenue.",
        "Kalikan dengan margin: CLV menghitung laba, bukan pendapatan.",
    ),
    # exercise feedback: journeykit.checks.measuring
    "check.measuring.step.overall": (
        "That is the overall conversion (share of the first stage); divide by the stage just before instead.",
        "Itu konversi keseluruhan (porsi dari tahap pertama); bagi dengan tahap tepat sebelumnya.",
    ),
    "check.measuring.step.drop_off": (
        "That is the drop-off rate: the share who did NOT go on.",
        "Itu tingkat drop-off: porsi yang TIDAK lanjut.",
    ),
    "check.measuring.name.funnel": (
        "people who reached the last step",
        "orang yang mencapai langkah terakhir",
    ),
    "check.measuring.funnel.ordered": (
        "That is the ordered funnel (other events may fall between the steps).",
        "Itu funnel berurutan (peristiwa lain boleh ada di antara langkah).",
    ),
    "check.measuring.funnel.strict": (
        "That is the strict funnel: there any other event in between breaks the attempt.",
        "Itu funnel ketat: di sana peristiwa lain di antara langkah membatalkan percobaan.",
    ),
    "check.measuring.funnel.unordered": (
        "That counts the steps in any order; keep the order of the steps.",
        "Itu menghitung langkah dalam urutan apa pun; pertahankan urutan langkahnya.",
    ),
    "check.measuring.funnel.no_window": (
        "That ignores the conversion window; every step must come within it.",
        "Itu mengabaikan jendela konversi; setiap langkah harus terjadi di dalamnya.",
    ),
    # fixex: on short journeys no window and the default 14 days count the same people
    "check.measuring.funnel.no_or_default_window": (
        "That ignores the conversion window (or keeps the default 14 days, which counts the same people here); pass the window asked for, every step must come within it.",
        "Itu mengabaikan jendela konversi (atau memakai bawaan 14 hari, yang di sini menghitung orang yang sama); berikan jendela yang diminta, setiap langkah harus terjadi di dalamnya.",
    ),
    "check.measuring.funnel.default_window": (
        "That uses the default 14-day window; pass the window asked for.",
        "Itu memakai jendela bawaan 14 hari; berikan jendela yang diminta.",
    ),
    "check.measuring.ctr.visits": (
        "Divide the clicks by the impressions, not the visits.",
        "Bagi klik dengan tayangan, bukan dengan kunjungan.",
    ),
    "check.measuring.ctr.upside_down": (
        "Upside down: clicks / impressions.",
        "Terbalik: klik / tayangan.",
    ),
    "check.measuring.cpc.all_clicks": (
        "That spreads all costs over all clicks; count only paid clicks (cost > 0) and their cost.",
        "Itu membagi semua biaya ke semua klik; hitung hanya klik berbayar (cost > 0) dan biayanya.",
    ),
    "check.measuring.conv.orders": (
        "Count customers (people who bought), not orders.",
        "Hitung pelanggan (orang yang membeli), bukan pesanan.",
    ),
    "check.measuring.conv.per_lead": (
        "That is per lead; divide by everyone reached.",
        "Itu per lead; bagi dengan semua orang yang terjangkau.",
    ),
    "check.measuring.cpa.orders": (
        "Divide by the customers (first purchases), not orders.",
        "Bagi dengan pelanggan (pembelian pertama), bukan pesanan.",
    ),
    "check.measuring.cpa.clicks_only": (
        "Count the cost of all touches, not clicks only.",
        "Hitung biaya semua sentuhan, bukan hanya klik.",
    ),
    "check.measuring.cpa.everyone": (
        "Divide by customers, not everyone reached.",
        "Bagi dengan pelanggan, bukan semua orang yang terjangkau.",
    ),
    "check.measuring.nps.mean": (
        "That is the mean score; NPS = % promoters (9-10) - % detractors (0-6).",
        "Itu skor rata-rata; NPS = % promotor (9-10) - % detraktor (0-6).",
    ),
    "check.measuring.nps.no_detractors": (
        "Subtract the share of detractors (0-6).",
        "Kurangi dengan porsi detraktor (0-6).",
    ),
    "check.measuring.nps.points": (
        "Multiply by 100: NPS is in points.",
        "Kalikan dengan 100: NPS dinyatakan dalam poin.",
    ),
    "check.measuring.csat.mean": (
        "That is the mean score; CSAT is the share of answers 4 or 5.",
        "Itu skor rata-rata; CSAT adalah porsi jawaban 4 atau 5.",
    ),
    "check.measuring.top.biggest": (
        "That is the biggest group, not the best-scoring journey.",
        "Itu kelompok terbesar, bukan perjalanan dengan skor terbaik.",
    ),
    "check.measuring.top.converts": (
        "That group converts best, but the score mixes several metrics with their weights.",
        "Kelompok itu konversinya terbaik, tetapi skor menggabungkan beberapa metrik dengan bobotnya.",
    ),
    "check.measuring.top.last": (
        "That one ranks last: rank 1 is the best.",
        "Itu justru peringkat terakhir: peringkat 1 adalah yang terbaik.",
    ),
    "check.measuring.name.step": ("step conversion into {stage}", "konversi langkah ke {stage}"),
    "check.measuring.name.top": ("best {by} journey", "perjalanan {by} terbaik"),
    "check.measuring.unknown_metric": ("unknown metric {key!r}", "metrik {key!r} tidak dikenal"),
    # exercise feedback: journeykit.checks.touchpoints
    "check.touch.people.touches": (
        "That counts touches (events); count each person once - use value='users' or drop duplicate user_ids.",
        "Itu menghitung sentuhan (peristiwa); hitung setiap orang sekali saja - gunakan value='users' atau buang user_id yang ganda.",
    ),
    "check.touch.name.cross_device": (
        "cross-device share of buyers",
        "porsi pembeli lintas perangkat",
    ),
    "check.touch.cross.everyone": (
        "That is the share of everyone; keep only the people who bought.",
        "Itu porsi dari semua orang; ambil hanya orang yang membeli.",
    ),
    "check.touch.cross.after": (
        "You counted devices used after the first purchase too; stop at the first purchase.",
        "Anda ikut menghitung perangkat yang dipakai setelah pembelian pertama; berhenti di pembelian pertama.",
    ),
    "check.touch.name.mobile": ("mobile share of conversions", "porsi konversi di ponsel"),
    "check.touch.mobile.every_purchase": (
        "That counts every purchase; a conversion here is each person's first purchase.",
        "Itu menghitung setiap pembelian; konversi di sini adalah pembelian pertama tiap orang.",
    ),
    "check.touch.mobile.all_touches": (
        "That is the mobile share of all touches; take only the converting touches (purchase events).",
        "Itu porsi ponsel dari semua sentuhan; ambil hanya sentuhan yang berkonversi (peristiwa pembelian).",
    ),
    "check.touch.name.single": (
        "conversion rate with one channel",
        "tingkat konversi dengan satu saluran",
    ),
    "check.touch.single.everyone": (
        "That is everyone's conversion rate; keep people with one channel.",
        "Itu tingkat konversi semua orang; ambil orang dengan satu saluran saja.",
    ),
    "check.touch.name.people": (
        "people on {channel} at {stage}",
        "orang di {channel} pada tahap {stage}",
    ),
    # exercise feedback: journeykit.checks.referrals
    "check.referrals.name.k": ("viral coefficient K", "koefisien viral K"),
    "check.referrals.k.added": (
        "K multiplies the two: invites per user x the share that converts.",
        "K mengalikan keduanya: undangan per pengguna x porsi yang berkonversi.",
    ),
    "check.referrals.k.percent": (
        "You gave a percentage-style number; K is new users per user (0.6, not 60).",
        "Anda memberi angka bergaya persen; K adalah pengguna baru per pengguna (0,6, bukan 60).",
    ),
    "check.referrals.k.divided": (
        "Multiply by the conversion rate, do not divide by it.",
        "Kalikan dengan tingkat konversi, jangan dibagi.",
    ),
    "check.referrals.k.invites_only": (
        "That is only the invitations; only a share of them convert.",
        "Itu hanya undangannya; hanya porsi tertentu dari undangan itu yang berkonversi.",
    ),
    "check.referrals.name.total": (
        "users after the last cycle",
        "pengguna setelah siklus terakhir",
    ),
    "check.referrals.total.newest": (
        "That is only the newest generation; add every generation from the seed cohort on (n0 + n0 K + n0 K^2 + ...).",
        "Itu hanya generasi terbaru; jumlahkan setiap generasi sejak kohort awal (n0 + n0 K + n0 K^2 + ...).",
    ),
    "check.referrals.total.one_short": (
        "One generation short: after n cycles there are n + 1 generations, the seed cohort included.",
        "Kurang satu generasi: setelah n siklus ada n + 1 generasi, termasuk kohort awal.",
    ),
    "check.referrals.total.linear": (
        "Growth is not linear (unless K = 1): each generation is K times the one before it.",
        "Pertumbuhannya tidak linear (kecuali K = 1): setiap generasi K kali generasi sebelumnya.",
    ),
    "check.referrals.total.steady": (
        "That is the steady state after infinitely many cycles, not after {cycles}.",
        "Itu keadaan tunak setelah siklus tak terhingga, bukan setelah {cycles}.",
    ),
    "check.referrals.name.steady": ("steady state", "keadaan tunak"),
    "check.referrals.steady.by_k": (
        "Divide by 1 - K, not by K: n0 / (1 - K).",
        "Bagi dengan 1 - K, bukan dengan K: n0 / (1 - K).",
    ),
    "check.referrals.steady.one_generation": (
        "That counts the seed cohort and one generation; the invited invite too: n0 (1 + K + K^2 + ...) = n0 / (1 - K).",
        "Itu menghitung kohort awal dan satu generasi; yang diundang juga mengundang: n0 (1 + K + K^2 + ...) = n0 / (1 - K).",
    ),
    "check.referrals.steady.referred_only": (
        "That is the referred users only; the total includes the seed cohort.",
        "Itu hanya pengguna rujukan; totalnya termasuk kohort awal.",
    ),
    "check.referrals.observed.conversion": (
        "That is the invite conversion (joined / invites); K also multiplies by invites per user.",
        "Itu konversi undangan (bergabung / undangan); K juga dikalikan dengan undangan per pengguna.",
    ),
    "check.referrals.observed.invites": (
        "That is invites per user; only the invites that converted count in K.",
        "Itu undangan per pengguna; hanya undangan yang berkonversi yang dihitung dalam K.",
    ),
    "check.referrals.name.silent": (
        "advocates who do not promote",
        "advokat yang tidak mempromosikan",
    ),
    "check.referrals.silent.every": (
        "That is every advocate; leave out those who also sent an invitation.",
        "Itu semua advokat; keluarkan yang juga mengirim undangan.",
    ),
    "check.referrals.silent.promoters": (
        "That is the promoters (who invite); the question asks for advocates who do not.",
        "Itu para promotor (yang mengundang); pertanyaannya meminta advokat yang tidak mengundang.",
    ),
    "check.referrals.name.observed": ("observed K per {base}", "K teramati per {base}"),
    "check.referrals.observed.base": (
        "That divides by the {other} ({n_other}); divide the friends who joined by the {base} ({n_base}).",
        "Itu dibagi dengan {other} ({n_other}); bagi teman yang bergabung dengan {base} ({n_base}).",
    ),
    # exercise feedback: journeykit.checks.onboarding
    "check.onboarding.name.median": (
        "median days to first value",
        "median hari sampai nilai pertama",
    ),
    "check.onboarding.median.hours": (
        "That looks like hours: divide by 24 to get days.",
        "Itu tampaknya dalam jam: bagi dengan 24 untuk mendapatkan hari.",
    ),
    "check.onboarding.median.mean": (
        "That is the mean; the median is less pulled by the few slow customers.",
        "Itu rata-rata; median tidak banyak tertarik oleh segelintir pelanggan yang lambat.",
    ),
    "check.onboarding.name.share": (
        "share of customers who reached first value",
        "porsi pelanggan yang mencapai nilai pertama",
    ),
    "check.onboarding.share.every_user": (
        "Divide by customers (people with an order), not by every user.",
        "Bagi dengan pelanggan (orang yang punya pesanan), bukan dengan semua pengguna.",
    ),
    "check.onboarding.share.window": (
        "Count only first values within {within_days} days of the first order.",
        "Hitung hanya nilai pertama dalam {within_days} hari sejak pesanan pertama.",
    ),
    "check.onboarding.name.difference": (
        "difference in repeat rate",
        "selisih tingkat pembelian ulang",
    ),
    "check.onboarding.difference.points": (
        "Give the difference as a share (e.g. 0.25), not in percentage points.",
        "Tuliskan selisihnya sebagai porsi (mis. 0,25), bukan dalam poin persentase.",
    ),
    "check.onboarding.difference.sign": (
        "The other way round: onboarded minus not onboarded.",
        "Kebalikannya: yang di-onboard dikurangi yang tidak di-onboard.",
    ),
    "check.onboarding.difference.ratio": (
        "That is the ratio of the two rates; the question asks for the difference.",
        "Itu rasio kedua tingkat; pertanyaannya meminta selisihnya.",
    ),
    "check.onboarding.name.reading": ("how to read the difference", "cara membaca selisihnya"),
    "check.onboarding.reading.causal": (
        "In real data customers choose to onboard; keen customers may onboard and come back anyway. Only the generator (or a randomised test) makes it causal.",
        "Di data nyata pelanggan memilih sendiri untuk onboarding; pelanggan yang antusias mungkin onboarding dan tetap kembali. Hanya generator (atau uji acak) yang membuatnya kausal.",
    ),
    # exercise feedback: journeykit.checks.stage_models
    "check.stages.wrong_model": (
        "those are stage keys of another model; use the 8 Customer Value Journey steps",
        "itu key tahap dari model lain; gunakan 8 langkah Customer Value Journey",
    ),
    "check.stages.subscribe.purchase": (
        "Subscribing gives contact details, not money: the customer is still considering (article 004, step 3).",
        "Berlangganan berarti memberi data kontak, bukan uang: pelanggan masih mempertimbangkan (artikel 004, langkah 3).",
    ),
    "check.stages.convert.consideration": (
        "Converting means buying (or investing time): that is the purchase.",
        "Konversi berarti membeli (atau menginvestasikan waktu): itulah pembelian.",
    ),
    "check.stages.excite.purchase": (
        "Excite comes after the purchase: the new customer gets value from it, which keeps them (retention).",
        "Excite datang setelah pembelian: pelanggan baru mendapat manfaatnya, dan itu membuatnya bertahan (retensi).",
    ),
    "check.stages.ascend.purchase": (
        "Ascend is buying more after the first purchase, so it belongs to keeping the customer (retention).",
        "Ascend adalah membeli lebih banyak setelah pembelian pertama, jadi termasuk mempertahankan pelanggan (retensi).",
    ),
    "check.stages.advocate.retention": (
        "Speaking well of you to others is advocacy, not only staying.",
        "Membicarakan hal baik tentang Anda kepada orang lain adalah advokasi, bukan sekadar bertahan.",
    ),
    "check.stages.engage.awareness": (
        "Engaging goes beyond knowing you exist: the prospect starts comparing and talking to you.",
        "Keterlibatan lebih dari sekadar tahu Anda ada: calon pelanggan mulai membandingkan dan berbicara dengan Anda.",
    ),
    "check.stages.name.order": ("journey order", "urutan perjalanan"),
    "check.stages.order.backwards": (
        "You listed the steps backwards: start at 'aware'.",
        "Anda menulis langkahnya terbalik: mulai dari 'aware'.",
    ),
    "check.stages.name.smartphone": ("smartphone buyer stages", "tahap pembeli ponsel"),
    "check.stages.why.retention": (
        "The thank-you message comes after the sale: keeping the customer is retention.",
        "Ucapan terima kasih datang setelah penjualan: mempertahankan pelanggan adalah retensi.",
    ),
    "check.stages.why.purchase": (
        "Choosing a brand and buying is the decision / purchase stage.",
        "Memilih merek lalu membeli adalah tahap keputusan / pembelian.",
    ),
    "check.stages.why.consideration": (
        "Comparing Samsung with Apple is consideration.",
        "Membandingkan Samsung dengan Apple adalah pertimbangan.",
    ),
    "check.stages.why.advocacy": (
        "Recommending to friends is advocacy.",
        "Merekomendasikan kepada teman adalah advokasi.",
    ),
    "check.stages.why.awareness": (
        "Searching because of a need is where awareness starts.",
        "Mencari karena ada kebutuhan adalah awal kesadaran.",
    ),
    "check.stages.name.users": ("users per stage", "pengguna per tahap"),
    "check.stages.users.events": (
        "You counted events; count people: .nunique() on user_id per stage.",
        "Anda menghitung peristiwa; hitung orang: .nunique() pada user_id per tahap.",
    ),
    "check.stages.users.furthest": (
        "You counted people only at their furthest stage; someone who bought also passed every earlier stage.",
        "Anda menghitung orang hanya di tahap terjauhnya; orang yang membeli juga sudah melewati setiap tahap sebelumnya.",
    ),
    "check.stages.users.shares": (
        "Those are shares; give the number of people.",
        "Itu porsi; tuliskan jumlah orangnya.",
    ),
    "check.stages.drop.last": (
        "The last stage has the fewest people, but the drop is the difference between one stage and the next.",
        "Tahap terakhir memang paling sedikit orangnya, tetapi penurunan adalah selisih antara satu tahap dan tahap berikutnya.",
    ),
    "check.stages.name.drop": ("biggest drop", "penurunan terbesar"),
    # exercise feedback: journeykit.checks.personas
    "check.personas.dict": (
        "That is a dict; build the object with Persona(...) (or Persona(**your_dict)) so it is validated.",
        "Itu sebuah dict; buat objeknya dengan Persona(...) (atau Persona(**dict_anda)) agar divalidasi.",
    ),
    "check.personas.whatsapp": (
        "he orders by WhatsApp: put 'whatsapp' in 'channels'",
        "ia memesan lewat WhatsApp: masukkan 'whatsapp' ke 'channels'",
    ),
    "check.personas.mobile": (
        "he orders on his phone: put 'mobile' in 'devices'",
        "ia memesan dari ponselnya: masukkan 'mobile' ke 'devices'",
    ),
    "check.personas.quote": (
        "give him his quote, in his own words",
        "beri kutipannya, dengan kata-katanya sendiri",
    ),
    "check.personas.top.biggest": (
        "That persona has the most people who got there, but it is also the biggest group. Compare shares (people who reached the stage / people in the persona).",
        "Persona itu memang paling banyak orangnya yang sampai ke sana, tetapi juga kelompok terbesar. Bandingkan porsi (orang yang mencapai tahap / orang dalam persona).",
    ),
    # fixex: exercise 02 task 2 compares device groups (share vs count differ there)
    "check.personas.top.biggest_group": (
        "That group has the most people who got there, but it is also the biggest group. Compare shares (people who reached the stage / people in the group).",
        "Kelompok itu memang paling banyak orangnya yang sampai ke sana, tetapi juga kelompok terbesar. Bandingkan porsi (orang yang mencapai tahap / orang dalam kelompok).",
    ),
    "check.personas.name.top_group": (
        "group (users.{by}) with the highest {stage} share",
        "kelompok (users.{by}) dengan porsi {stage} tertinggi",
    ),
    "check.personas.reach.count": (
        "That is the number of people; divide by the persona's users.",
        "Itu jumlah orang; bagi dengan pengguna persona itu.",
    ),
    "check.personas.segment.count": (
        "That is the number of users; divide by all users.",
        "Itu jumlah pengguna; bagi dengan semua pengguna.",
    ),
    "check.personas.segment.smallest": (
        "That is the smallest segment; segments are numbered from the largest.",
        "Itu segmen terkecil; segmen diberi nomor mulai dari yang terbesar.",
    ),
    "check.personas.name.segment": ("largest segment share", "porsi segmen terbesar"),
    # exercise feedback: journeykit.checks.journey_maps
    "check.maps.stages": (
        "use the journey-map stages: new_map(..., stage_model='map').",
        "gunakan tahap peta perjalanan: new_map(..., stage_model='map').",
    ),
    "check.maps.sign": (
        "every score has the wrong sign: + is a good feeling, - a bad one.",
        "setiap skor tandanya terbalik: + perasaan baik, - perasaan buruk.",
    ),
    "check.maps.pain_point": (
        "add the shipping-cost pain point to the decision stage.",
        "tambahkan pain point ongkos kirim ke tahap keputusan.",
    ),
    "check.maps.highest": (
        "That is the highest point of the curve; look for the lowest.",
        "Itu titik tertinggi kurva; cari yang terendah.",
    ),
    "check.maps.name.lowest": ("lowest stage", "tahap terendah"),
    "check.maps.pain.stages": (
        "That is the number of stages with pain points; count every pain point.",
        "Itu jumlah tahap yang punya pain point; hitung setiap pain point.",
    ),
    "check.maps.name.reloaded": ("reloaded map", "peta yang dimuat ulang"),
    "check.maps.reloaded.path": (
        "that is the file name; read it with JourneyMap.load(path).",
        "itu nama berkasnya; baca dengan JourneyMap.load(path).",
    ),
    "check.maps.reloaded.json": (
        "that is the raw JSON; JourneyMap.load(path) validates and builds the map.",
        "itu JSON mentah; JourneyMap.load(path) memvalidasi dan membangun petanya.",
    ),
    "check.maps.reloaded.differs": (
        "it differs from your map; did you save before your last change?",
        "isinya berbeda dari peta Anda; apakah Anda menyimpan sebelum perubahan terakhir?",
    ),
    # exercise feedback: journeykit.checks.campaigns
    "check.campaigns.transition.who": (
        "Who sees it (from) and what does it ask (to)?",
        "Siapa yang melihatnya (from) dan apa yang dimintanya (to)?",
    ),
    "check.campaigns.name.difference": ("difference in rates", "selisih tingkat"),
    "check.campaigns.difference.points": (
        "That is in percentage points; give a share (0.2, not 20).",
        "Itu dalam poin persentase; tuliskan sebagai porsi (0,2, bukan 20).",
    ),
    "check.campaigns.difference.sign": (
        "The sign is turned round: treated minus untreated.",
        "Tandanya terbalik: yang diberi kampanye dikurangi yang tidak.",
    ),
    "check.campaigns.difference.counts": (
        "That compares counts of people; compare rates (moved on / users in each group), the groups need not be the same size.",
        "Itu membandingkan jumlah orang; bandingkan tingkatnya (yang lanjut / pengguna di tiap kelompok), karena ukuran kelompok tidak harus sama.",
    ),
    "check.campaigns.name.interval": ("confidence interval", "selang kepercayaan"),
    "check.campaigns.interval.sqrt": (
        "Take the square root of the variance sum.",
        "Ambil akar kuadrat dari jumlah variansnya.",
    ),
    "check.campaigns.interval.z": (
        "Multiply the standard error by z = 1.96.",
        "Kalikan galat baku dengan z = 1,96.",
    ),
    "check.campaigns.campaign.relative": (
        "That is the relative lift; give treated rate minus untreated rate.",
        "Itu kenaikan relatif; tuliskan tingkat kelompok kampanye dikurangi tingkat kelompok tanpa kampanye.",
    ),
    "check.campaigns.campaign.points": (
        "That is in percentage points; give a share.",
        "Itu dalam poin persentase; tuliskan sebagai porsi.",
    ),
    "check.campaigns.campaign.treated": (
        "That is the treated users' rate alone; subtract the untreated rate.",
        "Itu hanya tingkat kelompok kampanye; kurangi dengan tingkat kelompok tanpa kampanye.",
    ),
    "check.campaigns.name.promoter": (
        "share of strangers who promote",
        "porsi orang asing yang menjadi promotor",
    ),
    "check.campaigns.promoter.weakest": (
        "The weakest step is a ceiling, but everyone must pass every step: multiply all eight rates.",
        "Langkah terlemah memang batas atas, tetapi semua orang harus melewati setiap langkah: kalikan kedelapan tingkatnya.",
    ),
    "check.campaigns.promoter.average": (
        "Averaging the steps hides the losses; people must pass every step: multiply.",
        "Merata-ratakan langkah menyembunyikan kehilangannya; orang harus melewati setiap langkah: kalikan.",
    ),
    "check.campaigns.promoter.advocate": (
        "That stops at 'advocate'; include the last step to 'promote'.",
        "Itu berhenti di 'advocate'; sertakan langkah terakhir ke 'promote'.",
    ),
    # exercise feedback: journeykit.checks.follow_up
    "check.follow_up.once": (
        "List each placeholder once.",
        "Tulis setiap placeholder sekali saja.",
    ),
    "check.follow_up.name.blocking": (
        "rows that block the broadcast",
        "baris yang menghalangi pengiriman",
    ),
    "check.follow_up.positions": (
        "Those are positions; give the index labels (customers.index), e.g. user ids.",
        "Itu posisi; tuliskan label indeksnya (customers.index), misalnya user id.",
    ),
    "check.follow_up.name.own": ("your template", "templat Anda"),
    "check.stages.smartphone.five": (
        "✘ {name}: give a list of 5 stage keys, one per moment.",
        "✘ {name}: tuliskan list berisi 5 key tahap, satu untuk tiap momen.",
    ),
    "check.stages.smartphone.labels": (
        "✔ {name}: correct ({keys}; those were labels - code needs the keys).",
        "✔ {name}: benar ({keys}; itu tadi label - kode memerlukan key-nya).",
    ),
    "check.stages.smartphone.wrong": (
        "✘ {name}: not yet - {quote} is not {got}.",
        "✘ {name}: belum tepat - {quote} bukan {got}.",
    ),
    "check.stages.smartphone.n_wrong": ("({n} wrong)", "({n} salah)"),
    "check.stages.name.stage_of": ("{step} in the {model} model", "{step} dalam model {model}"),
    "check.stages.not_a_stage": (
        "✘ {name}: {key} is not a stage of the {model} model.",
        "✘ {name}: {key} bukan tahap dalam model {model}.",
    ),
    "check.stages.other_model": (
        "✘ {name}: {key} is a stage of the {model} model; answer with a stage of {target}.",
        "✘ {name}: {key} adalah tahap dalam model {model}; jawab dengan tahap dari {target}.",
    ),
    "check.stages.users.order": (
        "✘ {name}: put the stages in journey order: .reindex({keys}).",
        "✘ {name}: urutkan tahapnya sesuai perjalanan: .reindex({keys}).",
    ),
    "check.stages.users.zero_row": (
        "✘ {name}: a stage nobody reached still needs a row with 0 "
        "(try .reindex(..., fill_value=0)).",
        "✘ {name}: tahap yang tidak dicapai siapa pun tetap perlu baris berisi 0 "
        "(coba .reindex(..., fill_value=0)).",
    ),
    "check.stages.users.numbers": (
        "✘ {name}: expected numbers per stage (a Series, dict or list).",
        "✘ {name}: seharusnya angka per tahap (Series, dict, atau list).",
    ),
    "check.stages.users.count": (
        "✘ {name}: expected {n} numbers, one per stage, got {got}.",
        "✘ {name}: seharusnya {n} angka, satu per tahap, bukan {got}.",
    ),
    "check.stages.users.first_differs": (
        "the first stage that differs is {key}.",
        "tahap pertama yang berbeda adalah {key}.",
    ),
    "check.stages.drop.before": (
        "People were lost after {key}: answer with the stage they did not reach.",
        "Orang hilang setelah {key}: jawab dengan tahap yang tidak mereka capai.",
    ),
    # exercise feedback with fields (personas, journey maps, campaigns, follow-up)
    "check.personas.not_persona": (
        "expected a Persona, got {got}.",
        "seharusnya sebuah Persona, bukan {got}.",
    ),
    "check.personas.key": (
        "the key should be {want} (got {got})",
        "key-nya seharusnya {want} (bukan {got})",
    ),
    "check.personas.age": (
        "the brief says he is 45-54 (age_band {got})",
        "menurut brief ia berusia 45-54 (age_band {got})",
    ),
    "check.personas.lane": (
        "add at least one of his {lane}",
        "tambahkan setidaknya satu {lane} miliknya",
    ),
    "check.personas.ready": (
        "✔ {name}: correct - {persona} is ready to design for.",
        "✔ {name}: benar - {persona} siap dipakai untuk merancang.",
    ),
    "check.personas.name.answer": ("answer", "jawaban"),
    "check.personas.name.top": (
        "persona with the highest {stage} share",
        "persona dengan porsi {stage} tertinggi",
    ),
    "check.personas.reach.all_users": (
        "You divided by all users; divide by the {persona} persona's users only.",
        "Anda membagi dengan semua pengguna; bagi hanya dengan pengguna persona {persona}.",
    ),
    "check.personas.name.reach": (
        "{persona} share reaching {stage}",
        "porsi {persona} yang mencapai {stage}",
    ),
    "check.maps.not_map_new": (
        "expected a JourneyMap (from new_map), got {got}.",
        "seharusnya sebuah JourneyMap (dari new_map), bukan {got}.",
    ),
    "check.maps.persona": (
        "the map is for the 'student' persona, not {got}.",
        "peta ini untuk persona 'student', bukan {got}.",
    ),
    "check.maps.scores": ("check the emotion scores: {shown}.", "periksa skor emosinya: {shown}."),
    "check.maps.score_vs_brief": ("{stage} {got} (brief: {want})", "{stage} {got} (brief: {want})"),
    "check.maps.dips": (
        "✔ {name}: correct - the curve dips at the decision stage.",
        "✔ {name}: benar - kurvanya turun di tahap keputusan.",
    ),
    "check.maps.not_map": (
        "expected a JourneyMap, got {got}.",
        "seharusnya sebuah JourneyMap, bukan {got}.",
    ),
    "check.maps.identical": (
        "✔ {name}: correct - identical to the map you saved.",
        "✔ {name}: benar - sama persis dengan peta yang Anda simpan.",
    ),
    "check.campaigns.pair": (
        "✘ {name}: expected a pair (from_step, to_step).",
        "✘ {name}: seharusnya sepasang (from_step, to_step).",
    ),
    "check.campaigns.step_keys": (
        "✘ {name}: use step keys: {keys}.",
        "✘ {name}: gunakan key langkah: {keys}.",
    ),
    "check.campaigns.forward": (
        "✘ {name}: a campaign moves people forward: to_step comes later.",
        "✘ {name}: kampanye menggerakkan orang maju: to_step datang belakangan.",
    ),
    "check.campaigns.skips": (
        "{start} → {end} skips steps; what is the one thing the call to action asks for, and which step does doing it put people in?",
        "{start} → {end} melompati langkah; apa satu hal yang diminta ajakan bertindak itu, dan di langkah mana orang berada setelah melakukannya?",
    ),
    "check.campaigns.already_at": (
        "The people it speaks to are already at {step}; which step does it move them to?",
        "Orang yang disasarnya sudah berada di {step}; ke langkah mana kampanye memindahkan mereka?",
    ),
    "check.campaigns.relative": (
        "That is the relative lift ({p1} / {p0} - 1); the question asks for the difference {p1} - {p0}.",
        "Itu kenaikan relatif ({p1} / {p0} - 1); pertanyaannya meminta selisih {p1} - {p0}.",
    ),
    "check.campaigns.interval_pair": (
        "✘ {name}: expected a pair (low, high) of numbers.",
        "✘ {name}: seharusnya sepasang angka (bawah, atas).",
    ),
    "check.campaigns.interval_ok": (
        "✔ {name}: correct ({low} to {high}).",
        "✔ {name}: benar ({low} sampai {high}).",
    ),
    "check.campaigns.width": (
        "✘ {name}: centred right, but the width is off: se = sqrt(p1(1-p1)/n1 + p0(1-p0)/n0).",
        "✘ {name}: titik tengahnya benar, tetapi lebarnya belum: se = sqrt(p1(1-p1)/n1 + p0(1-p0)/n0).",
    ),
    "check.campaigns.centre": (
        "✘ {name}: not yet - centre it on the difference, ± 1.96 x se.",
        "✘ {name}: belum tepat - pusatkan pada selisihnya, ± 1,96 x se.",
    ),
    "check.campaigns.name.campaign": ("difference for {key}", "selisih untuk {key}"),
    "check.campaigns.name.required": ("required {step} rate", "tingkat {step} yang diperlukan"),
    "check.follow_up.names": (
        "✘ {name}: expected a list of names.",
        "✘ {name}: seharusnya list berisi nama.",
    ),
    "check.follow_up.braces": (
        "Give the names without braces: '{key}', not '{braced}'.",
        "Tuliskan namanya tanpa kurung kurawal: '{key}', bukan '{braced}'.",
    ),
    "check.follow_up.first_use": (
        "✘ {name}: right names, but list them in order of first use.",
        "✘ {name}: namanya benar, tetapi urutkan sesuai kemunculan pertamanya.",
    ),
    "check.follow_up.missing": (
        "✘ {name}: not yet - missing {lost}",
        "✘ {name}: belum tepat - kurang {lost}",
    ),
    "check.follow_up.extra": ("; not in the template {extra}", "; tidak ada di templat {extra}"),
    "check.follow_up.frame": (
        "✘ {name}: expected the DataFrame render_messages returns.",
        "✘ {name}: seharusnya DataFrame hasil render_messages.",
    ),
    "check.follow_up.count": (
        "✘ {name}: not yet - {got} messages for {want} customers.",
        "✘ {name}: belum tepat - {got} pesan untuk {want} pelanggan.",
    ),
    "check.follow_up.unfilled": (
        "✘ {name}: not yet - some messages still hold a {{placeholder}}.",
        "✘ {name}: belum tepat - beberapa pesan masih berisi {{placeholder}}.",
    ),
    "check.follow_up.ok_messages": (
        "✔ {name}: correct ({n} messages).",
        "✔ {name}: benar ({n} pesan).",
    ),
    "check.follow_up.differs": (
        "✘ {name}: not yet - message {row} differs. Expected:\n{want}",
        "✘ {name}: belum tepat - pesan {row} berbeda. Seharusnya:\n{want}",
    ),
    "check.follow_up.labels": (
        "✘ {name}: expected a list of row labels (the index).",
        "✘ {name}: seharusnya list berisi label baris (indeks).",
    ),
    "check.follow_up.ok_rows": ("✔ {name}: correct ({n} rows).", "✔ {name}: benar ({n} baris)."),
    "check.follow_up.blank": (
        "✘ {name}: not yet - {n} rows block it. Empty text (' ') blocks a message just like a missing value.",
        "✘ {name}: belum tepat - {n} baris menghalanginya. Teks kosong (' ') menghalangi pesan sama seperti nilai yang hilang.",
    ),
    "check.follow_up.n_rows": (
        "✘ {name}: not yet - {got} given, {want} expected.",
        "✘ {name}: belum tepat - {got} diberikan, seharusnya {want}.",
    ),
    "check.follow_up.text": (
        "✘ {name}: expected the template text (a string).",
        "✘ {name}: seharusnya teks templat (sebuah string).",
    ),
    "check.follow_up.invalid": ("✘ {name}: not yet - {error}.", "✘ {name}: belum tepat - {error}."),
    "check.follow_up.add": (
        "✘ {name}: not yet - add {fields}.",
        "✘ {name}: belum tepat - tambahkan {fields}.",
    ),
    "check.follow_up.short": (
        "✘ {name}: a real follow-up says a little more (40+ characters).",
        "✘ {name}: pesan tindak lanjut yang sungguhan berisi sedikit lebih banyak (40+ karakter).",
    ),
    "check.follow_up.valid": (
        "✔ {name}: valid, with placeholders {fields}.",
        "✔ {name}: valid, dengan placeholder {fields}.",
    ),
    "check.campaigns.required.growth": (
        "That is how many times the promoters must grow; the step's rate is its current rate "
        "({rate}) times that.",
        "Itu berapa kali jumlah promotor harus bertambah; tingkat langkahnya adalah tingkat "
        "saat ini ({rate}) dikali angka itu.",
    ),
    "check.campaigns.required.above_one": (
        "Above 1: no campaign on that one step can get there, the other steps cap it.",
        "Di atas 1: tidak ada kampanye pada satu langkah itu yang bisa mencapainya, langkah lain "
        "membatasinya.",
    ),
    "check.campaigns.name.transition": ("transition", "transisi"),
    "check.follow_up.name.placeholders": ("placeholders", "placeholder"),
    "check.follow_up.name.messages": ("messages", "pesan"),
    "check.maps.name.dinda": ("Dinda's map", "peta Dinda"),
    "check.maps.name.pain_points": ("pain points", "pain point"),
    "check.personas.name.persona": ("persona", "persona"),
    # exercise 07 (journeykit.checks.attribution)
    "check.attr.name.assisted": (
        "assisted conversions of {channel}",
        "konversi terbantu {channel}",
    ),
    "check.attr.name.linear": ("linear credit of {channel}", "kredit linear {channel}"),
    "check.attr.name.position": (
        "position-based credit of {channel}",
        "kredit berbasis posisi {channel}",
    ),
    "check.attr.name.removal": (
        "removal effect of {channel}",
        "efek penghapusan (removal effect) {channel}",
    ),
    "check.attr.name.gain": (
        "channel gaining most from {from_model} to {to_model}",
        "saluran yang paling untung dari {from_model} ke {to_model}",
    ),
    "check.attr.assisted.every": (
        "You counted every appearance; a channel assists a conversion once, however often it "
        "appears on the path.",
        "Anda menghitung setiap kemunculan; sebuah saluran membantu satu konversi sekali saja, "
        "berapa kali pun ia muncul di jalur.",
    ),
    "check.attr.assisted.anywhere": (
        "You counted conversions where the channel is last too; the last touch is a last-click "
        "conversion, not an assist.",
        "Anda ikut menghitung konversi saat saluran itu berada di urutan terakhir; sentuhan "
        "terakhir adalah konversi klik terakhir, bukan konversi terbantu.",
    ),
    "check.attr.assisted.paths": (
        "You counted paths; count their conversions (total_conversions) instead.",
        "Anda menghitung jalur; hitung konversinya (total_conversions).",
    ),
    "check.attr.linear.once_repeat": (
        "Linear gives one share per touch: {channel} appears twice on a {n}-touch path, so it "
        "gets 2/{n} of those conversions.",
        "Linear memberi satu bagian per sentuhan: {channel} muncul dua kali di jalur dengan "
        "{n} sentuhan, jadi mendapat 2/{n} dari konversi itu.",
    ),
    "check.attr.linear.once": (
        "Linear gives one share per touch, counting repeated channels each time.",
        "Linear memberi satu bagian per sentuhan; saluran yang muncul berulang dihitung setiap "
        "kali.",
    ),
    "check.attr.linear.first": (
        "That is the first-touch credit; linear shares every conversion equally.",
        "Itu kredit sentuhan pertama; linear membagi setiap konversi sama rata.",
    ),
    "check.attr.linear.last": (
        "That is the last-touch credit; linear shares every conversion equally.",
        "Itu kredit sentuhan terakhir; linear membagi setiap konversi sama rata.",
    ),
    "check.attr.position.no_two_rule": (
        "On a two-touch path there is no middle: first and last share everything (50/50 with "
        "40/40 weights).",
        "Di jalur dengan dua sentuhan tidak ada bagian tengah: sentuhan pertama dan terakhir "
        "berbagi semuanya (50/50 dengan bobot 40/40).",
    ),
    "check.attr.position.middle_each": (
        "The 20 % is shared by all the touches between first and last, not given to each of them.",
        "Yang 20 % dibagi oleh semua sentuhan di antara yang pertama dan terakhir, bukan "
        "diberikan ke masing-masing.",
    ),
    "check.attr.position.first_only": (
        "{channel} also appears in the middle of a path: every touch gets its share, not only "
        "its first appearance.",
        "{channel} juga muncul di tengah jalur: setiap sentuhan mendapat bagiannya, bukan hanya "
        "kemunculan pertamanya.",
    ),
    "check.attr.position.linear": (
        "That is the linear credit; position based gives 40 % to the first and 40 % to the "
        "last touch and shares 20 % among the touches between.",
        "Itu kredit linear; model berbasis posisi memberi 40 % ke sentuhan pertama, 40 % ke "
        "sentuhan terakhir, dan membagi 20 % ke sentuhan di antaranya.",
    ),
    "check.attr.removal.share": (
        "That is the channel's share (effect / sum of all effects); the removal effect is "
        "1 - P(conversion without it) / P(conversion).",
        "Itu porsi saluran (efek / jumlah semua efek); efek penghapusan adalah "
        "1 - P(konversi tanpa saluran itu) / P(konversi).",
    ),
    "check.attr.removal.conversions": (
        "That is the attributed conversions; the question asks for the removal effect.",
        "Itu konversi teratribusi; pertanyaannya meminta efek penghapusan.",
    ),
    "check.attr.removal.no_null": (
        "Count the journeys that did not convert (total_null) too: they lead to (null).",
        "Hitung juga perjalanan yang tidak berkonversi (total_null): perjalanan itu menuju (null).",
    ),
    "check.attr.removal.ratio": (
        "That is P(without) / P(with), what is left; the removal effect is what is lost: "
        "1 - P(without) / P(with).",
        "Itu P(tanpa) / P(dengan), yang tersisa; efek penghapusan adalah yang hilang: "
        "1 - P(tanpa) / P(dengan).",
    ),
    "check.attr.removal.without": (
        "That is 1 - P(without); divide P(without) by P(with) first: 1 - P(without) / P(with).",
        "Itu 1 - P(tanpa); bagi dulu P(tanpa) dengan P(dengan): 1 - P(tanpa) / P(dengan).",
    ),
    "check.attr.gain.loses": (
        "That channel loses the most; compute {to_model} minus {from_model} and take the largest.",
        "Saluran itu paling banyak kehilangan kredit; hitung {to_model} dikurangi {from_model} "
        "lalu ambil yang terbesar.",
    ),
    "check.attr.gain.most": (
        "That channel has the most {to_model} credit, but the question is about the change "
        "between the models.",
        "Saluran itu punya kredit {to_model} terbanyak, tetapi pertanyaannya tentang perubahan "
        "antar model.",
    ),
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
    "widgets.step_share": ("Share who buy it", "Porsi yang membeli"),
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
