"""Vectorised generation of the five tables from a :class:`~journeykit.synth.settings.SynthConfig`.

Work is done per *cohort* (the non-referred users, then each generation of referred users) and
per transition and channel: numpy operations over all users of a cohort at once, never a Python
loop over users or events. Every random number comes from :class:`~journeykit.synth.rng.Keyed`
(a hash of seed, purpose and the user's key), so switching a channel off changes only the draws
that channel's touches, acquisitions and campaigns decide (see :mod:`journeykit.synth`).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from journeykit.errors import ParameterError
from journeykit.schema import CHANNELS, DEVICES, EVENT_TYPES, OFFER_TYPES, TABLES, Tables
from journeykit.stages import CVJ_STEPS
from journeykit.synth.model import (
    CONVERT_TRANSITION,
    baseline_probability,
    poisson_cdf_table,
    price_factor,
)
from journeykit.synth.rng import Keyed, child_key
from journeykit.synth.settings import MAX_TOUCHES, TOUCH_CHANNELS, TRANSITIONS, SynthConfig

__all__ = ["simulate"]

CH = {c: i for i, c in enumerate(CHANNELS)}
ET = {e: i for i, e in enumerate(EVENT_TYPES)}
OT = {o: i for i, o in enumerate(OFFER_TYPES)}
N_STEPS = len(CVJ_STEPS)
AD_CHANNELS = np.array([c in ("paid_search", "social_ads", "affiliate") for c in CHANNELS])
CPC_CHANNELS = ("paid_search", "social_ads")
# Touchpoint names of step events; marketing touches use the channel's touchpoint (config).
STEP_TOUCHPOINT = (
    "",
    "",  # engage: the channel's touchpoint
    "signup_form",
    "checkout",
    "first_use",
    "checkout",
    "review_page",
    "referral_link",
)
EXTRA_TOUCHPOINTS = ("signup_form", "checkout", "first_use", "review_page", "referral_link")


@dataclass
class _Sink:
    """Column chunks of events (and orders) collected while simulating."""

    ev: dict[str, list[np.ndarray]] = field(
        default_factory=lambda: {
            k: [] for k in ("u", "t", "ch", "dev", "tp", "et", "st", "camp", "cost")
        }
    )
    od: dict[str, list[np.ndarray]] = field(
        default_factory=lambda: {k: [] for k in ("u", "t", "ot", "price", "cost")}
    )
    sv: dict[str, list[np.ndarray]] = field(
        default_factory=lambda: {k: [] for k in ("u", "t", "nps", "csat")}
    )
    rf: dict[str, list[np.ndarray]] = field(
        default_factory=lambda: {k: [] for k in ("inviter", "t", "invitee", "signup", "reward")}
    )

    def event(self, **cols: np.ndarray) -> None:
        n = len(cols["u"])
        for k, lst in self.ev.items():
            v = cols.get(k)
            if v is None:
                v = np.full(n, -1 if k == "camp" else 0, dtype=np.int16 if k != "cost" else float)
            lst.append(np.broadcast_to(v, (n,)).copy() if np.ndim(v) == 0 else v)

    def order(self, **cols: np.ndarray) -> None:
        n = len(cols["u"])
        for k, lst in self.od.items():
            v = cols[k]
            lst.append(np.full(n, v) if np.ndim(v) == 0 else v)


class _Sim:
    """One simulation run: cohorts, journeys, orders, referrals and survey answers."""

    def __init__(self, cfg: SynthConfig) -> None:
        self.cfg = cfg
        self.r = Keyed(cfg.seed)
        self.personas = cfg.personas()
        self.base_p = baseline_probability(cfg)  # (personas, 7)
        self.price_factor = price_factor(cfg)
        self.sink = _Sink()
        self.tp_names = [cfg.touchpoints[c] for c in CHANNELS] + list(EXTRA_TOUCHPOINTS)
        self.end = float(cfg.days) if cfg.censor else np.inf
        self.mix_p = np.array([cfg.persona_mix[p] for p in self.personas])
        self.mobile = np.array([cfg.mobile_share[p] for p in self.personas])
        self.lag_scale = np.array([cfg.persona_lag_scale[p] for p in self.personas])
        self.cpc = np.zeros(len(CHANNELS))
        for ch, v in cfg.cpc.items():
            self.cpc[CH[ch]] = v
        self.users: dict[str, list[np.ndarray]] = {
            k: [] for k in ("key", "persona", "t0", "acq", "dev", "inviter")
        }
        self.n_total = 0

    # --- small helpers ----------------------------------------------------------------------

    @staticmethod
    def pick(weights: dict[str, float], u: np.ndarray) -> np.ndarray:
        """Inverse-CDF draw of a channel code from ``weights`` (a normalised mix over CHANNELS)."""
        keys = list(weights)
        cdf = np.cumsum([weights[k] for k in keys])
        codes = np.array([CH[k] for k in keys], dtype=np.int16)
        return codes[np.minimum(np.searchsorted(cdf[:-1], u, side="right"), len(keys) - 1)]

    def pick_on(
        self, weights: dict[str, float], u1: np.ndarray, u2: np.ndarray, default: str
    ) -> np.ndarray:
        """Like :meth:`pick`; a switched-off result is redrawn (with ``u2``) among channels still on.

        Draws that land on a channel that is on never change, so only affected users differ.
        """
        out = self.pick(weights, u1)
        off = [CH[k] for k in weights if self.cfg.scale(k) == 0]
        if not off:
            return out
        bad = np.isin(out, off)
        if bad.any():
            on = {k: w for k, w in weights.items() if self.cfg.scale(k) > 0 and w > 0}
            if on:
                total = sum(on.values())
                out[bad] = self.pick({k: w / total for k, w in on.items()}, u2[bad])
            else:
                out[bad] = CH[default]
        return out

    def device_draw(self, u: np.ndarray, persona: np.ndarray) -> np.ndarray:
        """Device code (0 mobile, 1 desktop, 2 tablet) from the persona's device mix."""
        mob = self.mobile[persona]
        t = self.cfg.tablet_share
        return np.where(u < mob, 0, np.where(u < mob + t, 2, 1)).astype(np.int16)

    def touch_device(
        self, pref: np.ndarray, persona: np.ndarray, purpose: str, *keys: np.ndarray | int
    ) -> np.ndarray:
        """The preferred device with probability ``device_loyalty``, else a draw from the mix."""
        loyal_p = self.cfg.device_loyalty
        u = self.r.uniform(purpose, *keys)
        loyal = u < loyal_p
        v = np.clip((u - loyal_p) / max(1e-12, 1.0 - loyal_p), 0.0, 1.0 - 1e-16)
        return np.where(loyal, pref, self.device_draw(v, persona)).astype(np.int16)

    @staticmethod
    def poisson(lam: float | np.ndarray, u: np.ndarray) -> np.ndarray:
        """Inverse-CDF Poisson draws: for a fixed ``u`` the count never falls as ``lam`` grows."""
        lam_arr = np.broadcast_to(np.asarray(lam, dtype=float), u.shape)
        out = np.zeros(u.shape, dtype=np.int64)
        for value in np.unique(lam_arr):
            sel = lam_arr == value
            cdf = poisson_cdf_table(float(value), MAX_TOUCHES)
            out[sel] = np.searchsorted(cdf, u[sel], side="right")
        return np.minimum(out, MAX_TOUCHES)

    @staticmethod
    def expand(counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """For counts per row: (row index repeated, 0-based number within the row)."""
        idx = np.repeat(np.arange(len(counts)), counts)
        starts = np.cumsum(counts) - counts
        k = np.arange(len(idx)) - np.repeat(starts, counts)
        return idx, k

    # --- cohorts ------------------------------------------------------------------------------

    def base_cohort(self) -> dict[str, np.ndarray]:
        """The non-referred users (keys 0 .. n_users-1), after counterfactual acquisition losses."""
        cfg, r = self.cfg, self.r
        n = cfg.n_users
        key = np.arange(n, dtype=np.uint64)
        cum = np.cumsum(self.mix_p)[:-1]
        persona = np.searchsorted(cum, r.uniform("persona", key), side="right").astype(np.int16)
        t0 = r.uniform("first_seen", key) * cfg.days
        acq = np.empty(n, dtype=np.int16)
        u_acq = r.uniform("acquisition", key)
        for pi, p in enumerate(self.personas):
            sel = persona == pi
            acq[sel] = self.pick(cfg.channel_mix[p], u_acq[sel])
        present = np.ones(n, dtype=bool)
        # the chance to engage is set by the channel that first reached the person; someone who
        # would have come anyway through another channel keeps the lower of the two (so a
        # switched-off channel never creates a conversion)
        factor = np.array([cfg.engage_factor.get(c, 1.0) for c in CHANNELS])
        engage = factor[acq]
        keep = np.array([min(cfg.scale(c), 1.0) for c in CHANNELS])
        lost = r.uniform("acquisition_keep", key) >= keep[acq]
        if lost.any():
            fb_mix = {k: w for k, w in cfg.fallback_mix.items() if cfg.scale(k) > 0}
            fb = lost & (r.uniform("fallback", key) < cfg.fallback_share) & bool(fb_mix)
            if fb.any():
                total = sum(fb_mix.values())
                mix = {k: w / total for k, w in fb_mix.items()}
                acq[fb] = self.pick(mix, r.uniform("fallback_channel", key[fb]))
                engage[fb] = np.minimum(engage[fb], factor[acq[fb]])
                t0[fb] += r.exponential("fallback_delay", cfg.fallback_delay_days, key[fb])
            present = ~lost | fb
        present &= t0 < self.end  # a later arrival (fallback) may fall after the data ends
        dev = self.device_draw(r.uniform("device", key), persona)
        cohort = dict(key=key, persona=persona, t0=t0, acq=acq, dev=dev, engage=engage)
        cohort = {k: v[present] for k, v in cohort.items()}
        cohort["inviter"] = np.full(int(present.sum()), -1, dtype=np.int64)
        return cohort

    def add_users(self, c: dict[str, np.ndarray]) -> np.ndarray:
        """Append a cohort to the user list; return the global row numbers of its users."""
        gidx = np.arange(self.n_total, self.n_total + len(c["key"]), dtype=np.int64)
        self.n_total += len(c["key"])
        for k in self.users:
            self.users[k].append(c[k])
        return gidx

    # --- events ---------------------------------------------------------------------------------

    def touch_events(
        self,
        u: np.ndarray,
        tt: np.ndarray,
        code: int,
        pref: np.ndarray,
        persona: np.ndarray,
        s: int,
        tk: np.ndarray,
        k: np.ndarray | int,
        camp: int,
    ) -> np.ndarray:
        """Marketing touches on channel ``code`` of users deciding transition ``s``.

        While the user is only aware, ads and social posts are impressions and other channels
        visits. Later, an ad or social post is clicked (``click``/``engage``) with probability
        ``ctr`` and otherwise only seen (``impression``). Returns which touches were clicks or
        visits: only those can be the source of the step event (a last *click*).
        """
        n = len(u)
        social_or_ad = bool(AD_CHANNELS[code] or code == CH["social_organic"])
        if s == 0:
            et = np.full(n, ET["impression"] if social_or_ad else ET["visit"], np.int16)
            st = np.zeros(n, np.int16)
            clicked = np.ones(n, dtype=bool)
        elif social_or_ad:
            ctr = self.cfg.ctr.get(CHANNELS[code], 1.0)
            clicked = self.r.uniform("click", tk, s, code, k) < ctr
            hit = ET["engage"] if code == CH["social_organic"] else ET["click"]
            et = np.where(clicked, hit, ET["impression"]).astype(np.int16)
            st = clicked.astype(np.int16)
        else:
            et = np.full(n, ET["visit"], np.int16)
            st = np.ones(n, np.int16)
            clicked = np.ones(n, dtype=bool)
        dev = self.touch_device(pref, persona, "device_touch", tk, s, code, k)
        cost = np.zeros(n)
        if self.cpc[code] > 0:
            paid = et == ET["click"]
            cost = np.where(
                paid, self.cpc[code] * (0.5 + self.r.uniform("cpc", tk, s, code, k)), 0.0
            )
        self.sink.event(
            u=u,
            t=tt,
            ch=np.int16(code),
            dev=dev,
            tp=np.int16(code),
            et=et,
            st=st,
            camp=np.int16(camp),
            cost=cost,
        )
        return clicked

    def step_event(
        self,
        u: np.ndarray,
        t: np.ndarray,
        ch: np.ndarray,
        pref: np.ndarray,
        persona: np.ndarray,
        step: int,
        key: np.ndarray,
        camp: np.ndarray,
    ) -> None:
        """The event that shows a user reached ``step`` (1 engage ... 6 advocate)."""
        n = len(u)
        dev = self.touch_device(pref, persona, "device_step", key, step)
        cost = np.zeros(n)
        if step == 1:
            et = np.where(
                AD_CHANNELS[ch],
                ET["click"],
                np.where(ch == CH["social_organic"], ET["engage"], ET["visit"]),
            ).astype(np.int16)
            tp = ch.astype(np.int16)
            paid = self.cpc[ch] > 0
            if paid.any():
                cost = np.where(paid, self.cpc[ch] * (0.5 + self.r.uniform("cpc_step", key)), 0.0)
        else:
            name = {2: "subscribe", 3: "purchase", 4: "onboard", 5: "purchase", 6: "review"}[step]
            et = np.full(n, ET[name], dtype=np.int16)
            tp = np.full(
                n, len(CHANNELS) + EXTRA_TOUCHPOINTS.index(STEP_TOUCHPOINT[step]), np.int16
            )
            if step in (3, 5):
                price = self.cfg.entry_price if step == 3 else self.cfg.core_price
                cost = np.where(ch == CH["affiliate"], self.cfg.affiliate_commission * price, 0.0)
        self.sink.event(
            u=u, t=t, ch=ch, dev=dev, tp=tp, et=et, st=np.int16(step), camp=camp, cost=cost
        )

    # --- the journey of one cohort --------------------------------------------------------------

    def journey(self, c: dict[str, np.ndarray], gidx: np.ndarray) -> np.ndarray:
        """Simulate the 7 transitions of a cohort; return the time each step was reached (NaN: not)."""
        cfg, r = self.cfg, self.r
        key, persona, pref, acq = c["key"], c["persona"], c["dev"], c["acq"]
        m = len(key)
        reach = np.full((m, N_STEPS), np.nan)
        reach[:, 0] = c["t0"]
        social_or_ad = AD_CHANNELS[acq] | (acq == CH["social_organic"])
        self.sink.event(
            u=gidx,
            t=c["t0"],
            ch=acq,
            dev=self.touch_device(pref, persona, "device_aware", key),
            tp=acq,
            et=np.where(social_or_ad, ET["impression"], ET["visit"]).astype(np.int16),
            st=np.int16(0),
            cost=np.zeros(m),
        )
        active = np.flatnonzero(c["t0"] < self.end)
        # the channel of each user's latest step: a decision taken in the same visit stays on it
        current = acq.astype(np.int16)
        intensity_cdf = np.cumsum(cfg.touch_intensity_mix)[:-1]
        intensity = np.asarray(cfg.touch_intensity, dtype=float)[
            np.searchsorted(intensity_cdf, r.uniform("touch_intensity", key), side="right")
        ]
        for s in range(len(TRANSITIONS)):
            if len(active) == 0:
                break
            a_key, a_p, a_pref = key[active], persona[active], pref[active]
            a_u = gidx[active]
            t_s = reach[active, s]
            window = r.exponential("lag", cfg.lag_days[s] * self.lag_scale[a_p], a_key, s)
            in_visit = r.uniform("same_visit", a_key, s) < cfg.same_visit_share[s]
            if in_visit.any():
                minutes = r.exponential("visit_lag", cfg.visit_minutes / 1440.0, a_key[in_visit], s)
                window[in_visit] = minutes
            a_intensity = np.where(in_visit, 0.0, intensity[active])
            log_stay = np.zeros(len(active))
            last_t = np.full(len(active), -np.inf)
            last_ch = np.full(len(active), -1, dtype=np.int16)
            last_camp = np.full(len(active), -1, dtype=np.int16)
            for ch in TOUCH_CHANNELS:
                lam = cfg.touch_rates.get(ch, (0.0,) * len(TRANSITIONS))[s] * cfg.scale(ch)
                if lam <= 0:
                    continue
                code = CH[ch]
                n_t = self.poisson(lam * a_intensity, r.uniform("touch_count", a_key, s, code))
                lift = cfg.touch_lift.get(ch, 0.0)
                if lift > 0:
                    log_stay += n_t * np.log1p(-lift)
                if not n_t.any():
                    continue
                row, k = self.expand(n_t)
                tk = a_key[row]
                tt = t_s[row] + window[row] * r.uniform("touch_time", tk, s, code, k)
                hit = self.touch_events(a_u[row], tt, code, a_pref[row], a_p[row], s, tk, k, -1)
                _latest(row[hit], tt[hit], code, -1, last_t, last_ch, last_camp)
            mult = np.ones(len(active))
            for ci, camp in enumerate(cfg.campaigns):
                if camp.transition != s or cfg.scale(camp.channel) == 0:
                    continue
                end_day = np.inf if camp.end_day is None else camp.end_day
                elig = (t_s >= camp.start_day) & (t_s < end_day)
                treated = elig & (r.uniform("campaign", a_key, ci) < camp.share)
                row = np.flatnonzero(treated)
                if len(row) == 0:
                    continue
                tk = a_key[row]
                tt = t_s[row] + window[row] * r.uniform("campaign_time", tk, ci)
                code = CH[camp.channel]
                hit = self.touch_events(
                    a_u[row], tt, code, a_pref[row], a_p[row], s, tk, 1000 + ci, ci
                )
                _latest(row[hit], tt[hit], code, ci, last_t, last_ch, last_camp)
                mult[row] *= 1.0 + camp.lift
            p_move = 1.0 - (1.0 - self.base_p[a_p, s]) * np.exp(log_stay)
            if s == CONVERT_TRANSITION:
                p_move *= self.price_factor
            elif s == 0:
                p_move *= c["engage"][active]
            p_move = np.clip(p_move * mult, 0.0, 1.0)
            t_next = t_s + window
            moved = (r.uniform("advance", a_key, s) < p_move) & (t_next < self.end)
            rows = np.flatnonzero(moved)
            reach[active[rows], s + 1] = t_next[rows]
            if s + 1 < N_STEPS - 1:  # promote's event is the first invite (see referrals)
                # no click in the window: the same visit goes on, the first return comes
                # through the acquisition channel, a later one with no known source is direct
                default = np.where(
                    in_visit[rows] | (s == 0), current[active[rows]], CH["direct"]
                ).astype(np.int16)
                ch_step = np.where(last_ch[rows] >= 0, last_ch[rows], default).astype(np.int16)
                current[active[rows]] = ch_step
                self.step_event(
                    a_u[rows],
                    t_next[rows],
                    ch_step,
                    a_pref[rows],
                    a_p[rows],
                    s + 1,
                    a_key[rows],
                    last_camp[rows],
                )
            active = active[rows]
        return reach

    # --- orders and survey ------------------------------------------------------------------------

    def orders(self, c: dict[str, np.ndarray], gidx: np.ndarray, reach: np.ndarray) -> None:
        """Entry, core, ascension and repeat orders (each mirrored by a ``purchase`` event)."""
        cfg, r, sink = self.cfg, self.r, self.sink
        conv, asc = ~np.isnan(reach[:, 3]), ~np.isnan(reach[:, 5])
        excited = ~np.isnan(reach[:, 4])
        # entry (convert) and first core (ascend) orders: their events came with the steps
        for step, ot, price, cost, sel in (
            (3, "entry", cfg.entry_price, cfg.entry_cost, conv),
            (5, "core", cfg.core_price, cfg.core_cost, asc),
        ):
            n = int(sel.sum())
            sink.order(
                u=gidx[sel],
                t=reach[sel, step],
                ot=np.full(n, OT[ot], np.int16),
                price=np.full(n, price),
                cost=np.full(n, cost),
            )
        key, persona, pref = c["key"], c["persona"], c["dev"]
        # ascension offer
        rows = np.flatnonzero(asc & (r.uniform("ascension", key) < cfg.ascension_rate))
        t = reach[rows, 5] + r.exponential("ascension_lag", cfg.ascension_lag_days, key[rows])
        self._extra_purchase(
            gidx, key, persona, pref, rows, t, "ascension", 5, np.zeros(len(rows), np.int64)
        )
        # repeat orders: onboarded customers (reached excite) buy more; after ascend they buy core
        rows = np.flatnonzero(conv)
        lam = np.where(excited[rows], cfg.repeat_orders * cfg.onboarding_effect, cfg.repeat_orders)
        n_rep = self.poisson(lam, r.uniform("repeat_count", key[rows]))
        row, k = self.expand(n_rep)
        if len(row):
            users = rows[row]
            gaps = r.exponential("repeat_gap", cfg.repeat_gap_days, key[users], k)
            csum = np.cumsum(gaps)
            first = np.cumsum(n_rep) - n_rep
            csum -= np.repeat(csum[first[n_rep > 0]] - gaps[first[n_rep > 0]], n_rep[n_rep > 0])
            anchor = np.where(asc[users], reach[users, 5], reach[users, 3])
            t = anchor + csum
            core = asc[users]
            self._extra_purchase(gidx, key, persona, pref, users[core], t[core], "core", 5, k[core])
            self._extra_purchase(
                gidx, key, persona, pref, users[~core], t[~core], "entry", 3, k[~core]
            )

    def _extra_purchase(
        self,
        gidx: np.ndarray,
        key: np.ndarray,
        persona: np.ndarray,
        pref: np.ndarray,
        rows: np.ndarray,
        t: np.ndarray,
        offer: str,
        step: int,
        k: np.ndarray,
    ) -> None:
        """Orders beyond the step orders (ascension, repeats) with their ``purchase`` events."""
        cfg, r = self.cfg, self.r
        keep = t < self.end
        rows, t, k = rows[keep], t[keep], k[keep]
        n = len(rows)
        if n == 0:
            return
        price, cost = {
            "entry": (cfg.entry_price, cfg.entry_cost),
            "core": (cfg.core_price, cfg.core_cost),
            "ascension": (cfg.ascension_price, cfg.ascension_cost),
        }[offer]
        tag = OT[offer]
        ch = self.pick_on(
            cfg.retention_channels,
            r.uniform("retention_channel", key[rows], tag, k),
            r.uniform("retention_channel_2", key[rows], tag, k),
            "direct",
        )
        u = gidx[rows]
        self.sink.order(
            u=u, t=t, ot=np.full(n, tag, np.int16), price=np.full(n, price), cost=np.full(n, cost)
        )
        self.sink.event(
            u=u,
            t=t,
            ch=ch,
            dev=self.touch_device(pref[rows], persona[rows], "device_order", key[rows], tag, k),
            tp=np.int16(len(CHANNELS) + EXTRA_TOUCHPOINTS.index("checkout")),
            et=np.int16(ET["purchase"]),
            st=np.int16(step),
            cost=np.where(ch == CH["affiliate"], cfg.affiliate_commission * price, 0.0),
        )

    def survey(self, c: dict[str, np.ndarray], gidx: np.ndarray, reach: np.ndarray) -> None:
        """NPS and CSAT answers of a share of customers, a few days after their first order."""
        cfg, r = self.cfg, self.r
        key = c["key"]
        rows = np.flatnonzero(~np.isnan(reach[:, 3]) & (r.uniform("survey", key) < cfg.survey_rate))
        t = reach[rows, 3] + r.exponential("survey_lag", SURVEY_LAG_DAYS, key[rows])
        keep = t < self.end
        rows, t = rows[keep], t[keep]
        group = np.where(~np.isnan(reach[rows, 6]), 2, np.where(~np.isnan(reach[rows, 4]), 1, 0))
        nps = np.empty(len(rows), np.int64)
        csat = np.empty(len(rows), np.int64)
        u1, u2 = r.uniform("nps", key[rows]), r.uniform("csat", key[rows])
        for g in range(3):
            sel = group == g
            nps[sel] = np.searchsorted(np.cumsum(NPS_DIST[g])[:-1], u1[sel], side="right")
            csat[sel] = 1 + np.searchsorted(np.cumsum(CSAT_DIST[g])[:-1], u2[sel], side="right")
        self.sink.sv["u"].append(gidx[rows])
        self.sink.sv["t"].append(t)
        self.sink.sv["nps"].append(nps)
        self.sink.sv["csat"].append(csat)

    # --- referrals ------------------------------------------------------------------------------

    def invites(
        self, c: dict[str, np.ndarray], gidx: np.ndarray, reach: np.ndarray
    ) -> dict[str, np.ndarray]:
        """Invites of the cohort's promoters; returns the next cohort (the invitees who signed up)."""
        cfg, r = self.cfg, self.r
        key, persona, pref = c["key"], c["persona"], c["dev"]
        rows = np.flatnonzero(~np.isnan(reach[:, 7]))
        n_inv = 1 + self.poisson(
            cfg.invites_per_promoter - 1.0, r.uniform("invite_count", key[rows])
        )
        row, k = self.expand(n_inv)
        users = rows[row]
        ukey = key[users]
        gaps = np.where(k == 0, 0.0, r.exponential("invite_gap", cfg.invite_gap_days, ukey, k))
        csum = np.cumsum(gaps)
        first = np.cumsum(n_inv) - n_inv
        csum -= np.repeat(csum[first], n_inv) - np.repeat(gaps[first], n_inv)
        t_inv = reach[users, 7] + csum
        keep = t_inv < self.end
        users, ukey, k, t_inv = users[keep], ukey[keep], k[keep], t_inv[keep]
        ch = self.pick_on(
            cfg.invite_channels,
            r.uniform("invite_channel", ukey, k),
            r.uniform("invite_channel_2", ukey, k),
            "direct",
        )
        self.sink.event(
            u=gidx[users],
            t=t_inv,
            ch=ch,
            dev=self.touch_device(pref[users], persona[users], "device_invite", ukey, k),
            tp=np.int16(len(CHANNELS) + EXTRA_TOUCHPOINTS.index("referral_link")),
            et=np.int16(ET["invite"]),
            st=np.int16(7),
            cost=np.zeros(len(users)),
        )
        conv_p = cfg.invite_conversion if cfg.scale("referral") > 0 else 0.0
        converted = r.uniform("invite_conversion", ukey, k) < conv_p
        signup = t_inv + r.exponential("signup_lag", cfg.signup_lag_days, ukey, k)
        converted &= signup < self.end
        child = child_key(ukey, k)
        rf = self.sink.rf
        rf["inviter"].append(gidx[users])
        rf["t"].append(t_inv)
        rf["invitee"].append(np.where(converted, child.view(np.int64), -1))
        rf["signup"].append(np.where(converted, signup, np.nan))
        rf["reward"].append(np.where(converted, cfg.referral_reward, 0.0))
        sel = np.flatnonzero(converted)
        ckey = child[sel]
        same = r.uniform("homophily", ckey) < cfg.referral_homophily
        drawn = np.searchsorted(
            np.cumsum(self.mix_p)[:-1], r.uniform("persona", ckey), side="right"
        )
        new_persona = np.where(same, persona[users[sel]], drawn).astype(np.int16)
        return dict(
            key=ckey,
            persona=new_persona,
            t0=signup[sel],
            acq=np.full(len(sel), CH["referral"], np.int16),
            engage=np.full(len(sel), cfg.engage_factor.get("referral", 1.0)),
            dev=self.device_draw(r.uniform("device", ckey), new_persona),
            inviter=gidx[users[sel]],
        )

    def run(self) -> Tables:
        cohort = self.base_cohort()
        generation = 0
        while generation == 0 or len(cohort["key"]):  # the first cohort even when empty
            gidx = self.add_users(cohort)
            reach = self.journey(cohort, gidx)
            self.orders(cohort, gidx, reach)
            self.survey(cohort, gidx, reach)
            if generation >= self.cfg.max_generations:
                break
            cohort = self.invites(cohort, gidx, reach)
            generation += 1
            if self.n_total + len(cohort["key"]) > MAX_GROWTH * self.cfg.n_users + 10_000:
                raise ParameterError(
                    f"parameter invites_per_promoter: the referral loop grows without bound "
                    f"(more than {MAX_GROWTH} referred users per user after {generation} "
                    "generations); lower invites_per_promoter, invite_conversion or the late "
                    "stage_rates, or keep censor=True"
                )
        return self.tables()

    # --- assembly -------------------------------------------------------------------------------

    def tables(self) -> Tables:
        cfg = self.cfg
        U = {k: np.concatenate(v) for k, v in self.users.items()}
        n_base = cfg.n_users
        # ids: non-referred users keep their index; referred users are numbered after them in
        # order of sign-up time (ties broken by their key)
        referred = U["inviter"] >= 0
        uid = np.empty(self.n_total, np.int64)
        uid[~referred] = U["key"][~referred].astype(np.int64)
        ref_rows = np.flatnonzero(referred)
        order = np.lexsort((U["key"][ref_rows], U["t0"][ref_rows]))
        uid[ref_rows[order]] = n_base + np.arange(len(ref_rows))
        start_ns = cfg.start_timestamp().value

        warp = _day_warp(cfg.hourly_activity)

        def ts(t: np.ndarray) -> np.ndarray:
            sec = np.floor(warp(t) * 86400.0).astype(np.int64)
            return (start_ns + sec * 1_000_000_000).astype("datetime64[ns]")

        cat = _strings

        u_order = np.argsort(uid, kind="stable")
        inviter = U["inviter"][u_order]
        users = pd.DataFrame(
            {
                "user_id": uid[u_order],
                "persona": cat(U["persona"][u_order], self.personas),
                "first_seen": ts(U["t0"][u_order]),
                "acquisition_channel": cat(U["acq"][u_order], CHANNELS),
                "device": cat(U["dev"][u_order], DEVICES),
                "referred_by": pd.array(
                    np.where(inviter >= 0, uid[np.maximum(inviter, 0)], 0), dtype="Int64"
                ),
            }
        )
        users.loc[inviter < 0, "referred_by"] = pd.NA

        keep_all = np.concatenate(self.sink.ev["t"]) < self.end

        def column(k: str) -> np.ndarray:
            return np.concatenate(self.sink.ev[k])[keep_all]

        t_ev = column("t")
        e_uid = uid[column("u")]
        e_ts = ts(t_ev)
        # ties within a second are ordered by the exact (warped, as shown) time of day
        order = _time_order(e_ts.view(np.int64) // 1_000_000_000, e_uid, warp(t_ev))
        camp = column("camp")[order]
        text_cols = {
            "channel": ("ch", CHANNELS),
            "device": ("dev", DEVICES),
            "touchpoint": ("tp", self.tp_names),
            "event_type": ("et", EVENT_TYPES),
            "stage": ("st", CVJ_STEPS),
        }
        # the text columns are independent: convert them in threads (numpy and Arrow release
        # the GIL), codes taken in log order
        with ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1)) as pool:
            jobs = {
                name: pool.submit(lambda k, names: cat(column(k)[order], names), k, names)
                for name, (k, names) in text_cols.items()
            }
            jobs["campaign"] = pool.submit(
                cat, np.maximum(camp, 0), [c.key for c in cfg.campaigns] or ["none"], camp < 0
            )
            text = {name: job.result() for name, job in jobs.items()}
        events = pd.DataFrame(
            {
                "event_id": np.arange(len(order), dtype=np.int64),
                "user_id": e_uid[order],
                "timestamp": e_ts[order],
                **{name: text[name] for name in text_cols},
                "campaign": text["campaign"],
                "cost": np.round(column("cost")[order], 2),
            }
        )

        od = {k: np.concatenate(v) for k, v in self.sink.od.items()}
        keep = od["t"] < self.end
        od = {k: v[keep] for k, v in od.items()}
        o_uid = uid[od["u"]]
        o_ts = ts(od["t"])
        order = _time_order(o_ts.view(np.int64) // 1_000_000_000, o_uid, warp(od["t"]))
        products = [cfg.entry_product, cfg.core_product, cfg.ascension_product]
        orders = pd.DataFrame(
            {
                "order_id": np.arange(len(order), dtype=np.int64),
                "user_id": o_uid[order],
                "timestamp": o_ts[order],
                "offer_type": cat(od["ot"][order], OFFER_TYPES),
                "product": cat(od["ot"][order], products),
                "price": od["price"][order].astype(float),
                "cost": od["cost"][order].astype(float),
            }
        )

        R = {k: np.concatenate(v) if v else np.array([]) for k, v in self.sink.rf.items()}
        r_inviter = uid[R["inviter"].astype(np.int64)]
        inv_key = R["invitee"].astype(np.int64)
        # invitee ids: look the child keys up among the users' keys
        key_to_row = pd.Series(np.arange(self.n_total), index=U["key"].view(np.int64))
        inv_row = key_to_row.reindex(inv_key).to_numpy()
        has = (inv_key != -1) & ~np.isnan(inv_row)
        invitee = np.where(has, uid[np.where(has, inv_row, 0).astype(np.int64)], 0)
        r_ts = ts(R["t"])
        order = np.lexsort((invitee, R["t"], r_inviter, r_ts.view(np.int64)))
        signup = np.where(has, R["signup"], np.nan)
        sign_ts = pd.Series(ts(np.nan_to_num(signup))).mask(~has)
        referrals = pd.DataFrame(
            {
                "referral_id": np.arange(len(order), dtype=np.int64),
                "inviter_id": r_inviter[order],
                "invitee_id": pd.array(invitee[order], dtype="Int64"),
                "invite_time": r_ts[order],
                "signup_time": sign_ts.to_numpy()[order].astype("datetime64[ns]"),
                "reward": R["reward"][order].astype(float),
            }
        )
        referrals.loc[~has[order], "invitee_id"] = pd.NA

        S = {k: np.concatenate(v) if v else np.array([]) for k, v in self.sink.sv.items()}
        s_uid = uid[S["u"].astype(np.int64)]
        s_ts = ts(S["t"])
        order = np.lexsort((s_uid, s_ts.view(np.int64)))
        survey = pd.DataFrame(
            {
                "user_id": s_uid[order],
                "timestamp": s_ts[order],
                "nps": pd.array(S["nps"][order].astype(np.int64), dtype="Int64"),
                "csat": pd.array(S["csat"][order].astype(np.int64), dtype="Int64"),
            }
        )
        out = Tables(users=users, events=events, orders=orders, referrals=referrals, survey=survey)
        for name, df in out.items():
            assert list(df.columns) == [col.name for col in TABLES[name]], name
        return out


def _latest(
    row: np.ndarray,
    tt: np.ndarray,
    code: int,
    camp: int,
    last_t: np.ndarray,
    last_ch: np.ndarray,
    last_camp: np.ndarray,
) -> None:
    """Keep, per active user, the latest touch so far (its channel labels the step event).

    ``row`` is sorted (touches are laid out user by user), so each user's latest touch of this
    channel is a segment maximum.
    """
    if len(row) == 0:
        return
    starts = np.flatnonzero(np.r_[True, row[1:] != row[:-1]])
    rr = row[starts]
    tl = np.maximum.reduceat(tt, starts)
    newer = tl > last_t[rr]
    last_t[rr[newer]] = tl[newer]
    last_ch[rr[newer]] = code
    last_camp[rr[newer]] = camp


def _day_warp(weights: tuple[float, ...]) -> Callable[[np.ndarray], np.ndarray]:
    """A strictly increasing map of days onto days that keeps whole days and spreads each day's
    fraction over the hours in proportion to ``weights`` (inverse CDF, piecewise linear)."""
    w = np.asarray(weights, dtype=float)
    w = w / w.sum()
    cum = np.r_[0.0, np.cumsum(w)]
    cum[-1] = 1.0
    if np.allclose(w, 1 / 24):
        return lambda t: t

    def warp(t: np.ndarray) -> np.ndarray:
        day = np.floor(t)
        frac = t - day
        h = np.minimum(np.searchsorted(cum, frac, side="right") - 1, 23)
        return day + (h + (frac - cum[h]) / w[h]) / 24.0

    return warp


def _strings(
    codes: np.ndarray, names: list[str] | tuple[str, ...], missing: np.ndarray | None = None
) -> pd.Series:
    """A pandas ``string`` column from integer codes into ``names`` (``missing``: NA rows)."""
    uniq, inverse = np.unique(np.asarray(names, dtype=object), return_inverse=True)
    idx = inverse[codes].astype(np.int32)
    if pd.StringDtype().storage == "pyarrow":  # fast path: dictionary → string inside Arrow
        import pyarrow as pa

        arr = pa.DictionaryArray.from_arrays(
            pa.array(idx, mask=missing), pa.array(list(uniq), pa.large_string())
        ).cast(pa.large_string())
        return pd.Series(pd.arrays.ArrowStringArray(arr))
    out = pd.Series(pd.Categorical.from_codes(idx, categories=list(uniq))).astype("string")
    return out if missing is None else out.mask(missing)


def _time_order(sec: np.ndarray, uid: np.ndarray, t: np.ndarray) -> np.ndarray:
    """Row order by (whole-second timestamp, user id, exact time): the order of an event log.

    One stable sort of a packed int64 key: seconds, then user id, then as many bits of the
    fraction of the second as still fit (remaining ties keep generation order).
    """
    if len(sec) == 0:
        return np.arange(0)
    sec = sec - sec.min()
    span = int(uid.max()) + 1
    top = (int(sec.max()) + 1) * span
    frac_bits = max(0, min(20, 62 - top.bit_length()))
    key = sec * span + uid
    if frac_bits:
        frac = t * 86400.0 - np.floor(t * 86400.0)
        key = (key << frac_bits) | (frac * (1 << frac_bits)).astype(np.int64)
    return np.argsort(key, kind="stable")


MAX_GROWTH = 50
"""Refuse worlds in which referrals bring more than this many users per non-referred user."""

SURVEY_LAG_DAYS = 5.0
"""Mean days from the first order to the survey answer."""
# Answer distributions by how far the customer went: 0 bought only, 1 reached first value
# (excite), 2 reached advocate. NPS 0..10, CSAT 1..5.
NPS_DIST = (
    np.array([3, 3, 4, 5, 7, 10, 12, 15, 18, 13, 10], float) / 100,
    np.array([1, 1, 1, 2, 3, 5, 8, 14, 25, 22, 18], float) / 100,
    np.array([0, 0, 0, 0, 1, 1, 2, 6, 15, 30, 45], float) / 100,
)
CSAT_DIST = (
    np.array([8, 15, 32, 30, 15], float) / 100,
    np.array([2, 5, 18, 42, 33], float) / 100,
    np.array([0, 1, 6, 33, 60], float) / 100,
)


def simulate(cfg: SynthConfig) -> Tables:
    """Generate the five tables for a checked config (see :func:`journeykit.synth.generate`)."""
    return _Sim(cfg).run()
