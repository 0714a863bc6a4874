"""The playbook's figures as data: each is one engine computation over a grid of one input.

The charts (:mod:`simulator.charts`) only draw these frames; nothing here knows about
Altair, languages or pages. A figure's slider positions are the values of its grid column,
all computed at build time, so the slider works on a static page with no server. Each
frame is computed once per process (the English and Persian pages draw the same one) and
must not be changed in place.

The inputs are teaching examples chosen to show a shape (a tipping point, a decay, an
S-curve), not forecasts; the pages that place a figure say so. Each figure's inputs name
their basis in :data:`FIGURE_BASIS`, as presets and worked examples do.
"""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd

from simulator.models.bass import adopted_fraction
from simulator.models.crisis import CrisisParams, story_reach_by_response_time
from simulator.models.referral import referral_loop
from simulator.models.segments import SegmentsParams, allocate_budget
from simulator.models.share_loop import final_reach, share_loop

VIRAL_FANOUTS = np.arange(20, 201, 20, dtype=float)
"""Fan-outs of the tipping-point figure (people per share), one curve each: public shares
seen by 30–100 people are typical (benchmark ``fanout-feed``)."""
VIRAL_RATES = np.linspace(0.0, 0.05, 51)
"""Share rates (fraction 0–1) along its x axis: from zero past the typical 0.05–0.6% to
5%, where even the smallest fan-out tips."""

STICKY_DECAYS = np.round(np.arange(0.0, 0.305, 0.02), 2)
"""Daily decay rates of the sticky-content figure (fraction 0–1 per day)."""
STICKY_INPUTS = {"audience": 200_000, "seed_reach": 500, "share_rate": 0.015, "fanout": 80.0, "steps": 90}
"""The sticky-content preset's post (R0 = 1.2 on day one, a viral case): decay matters only for posts that spread."""

REFERRAL_K = (0.5, 0.8, 1.0, 1.2, 1.5, 2.0, 3.0)
"""K-factors of the referral figure (new customers per customer per cycle)."""

BASS_P = 0.03
"""Innovation coefficient p of the Bass figure, per year (the meta-analysis average for durables)."""
BASS_Q = np.round(np.arange(0.1, 0.61, 0.05), 2)
"""Imitation coefficients q of the Bass figure, per year, over 30 years."""

CRISIS_INPUTS = {"share_rate": 0.03, "fanout": 50.0, "response_share_rate": 0.005, "response_fanout": 100.0}
"""The crisis preset's story and answer (the model's defaults for the rest): a complaint
shared by 3% of its viewers (a viral case), an answer shared at a typical post's rate."""
CRISIS_HOURS = np.arange(0.0, 49.0, 2.0)
"""Response times (hours) along the crisis figure's x axis."""
CRISIS_EFFECTIVENESS = np.round(np.arange(0.2, 1.01, 0.2), 1)
"""Response effectiveness levels (fraction 0–1), one curve each; the model's other defaults."""

SEGMENT_BUDGETS = (500, 1000, 2000, 3000, 5000)
"""Paid seeding budgets of the segment-allocation figure, over the default segments."""

FIGURE_BASIS: dict[str, dict[str, str]] = {
    "viral_tipping": {"share_rate": "share-rate-per-reach", "fanout": "fanout-feed"},
    "sticky_decay": {"share_rate": "viral case: share-rate-per-reach", "fanout": "fanout-feed"},
    "referral_growth": {"conversion_rate": "invite-acceptance"},
    "bass_adoption": {"p": "bass-p-durables", "q": "bass-q-durables"},
    "crisis_response": {
        "share_rate": "viral case: share-rate-per-reach",
        "fanout": "fanout-feed",
        "response_share_rate": "share-rate-per-reach",
        "response_fanout": "fanout-feed",
    },
}
"""Where each figure's inputs come from, as benchmark ids of ``playbook_data/benchmarks.yml``
("viral case: <id>" for a value deliberately above the typical range). A single value must
sit in the range of its basis; a grid (a slider's or an axis's values) must reach into the
typical range, so the figure shows typical values beside the rest. Bass rates are per year."""


@functools.cache
def viral_tipping() -> pd.DataFrame:
    """Final reach fraction for every (fan-out, share rate) of 100,000 people from 100 seeds:
    all 9 x 61 scenarios as one array computation. Columns: fanout, share_rate, reach_fraction."""
    audience = 100_000
    reach = final_reach(audience, 100, VIRAL_RATES[None, :], VIRAL_FANOUTS[:, None], 0.0, 400)
    return pd.DataFrame(
        {
            "fanout": np.repeat(VIRAL_FANOUTS, VIRAL_RATES.size),
            "share_rate": np.tile(VIRAL_RATES, VIRAL_FANOUTS.size),
            "reach_fraction": (reach / audience).ravel(),
        }
    )


@functools.cache
def sticky_decay() -> pd.DataFrame:
    """Cumulative reach per day for each decay rate. Columns: decay, day, reach (people)."""
    frames = [
        pd.DataFrame({"decay": d, "day": r.series["day"], "reach": r.series["reach"]})
        for d in STICKY_DECAYS
        for r in [share_loop(decay=float(d), **STICKY_INPUTS)]
    ]
    return pd.concat(frames, ignore_index=True)


@functools.cache
def referral_growth() -> pd.DataFrame:
    """Customers per day in a market of 100,000 for each K (10 invites, conversion K / 10,
    2-day cycles, 10 first customers). Columns: k, day, customers."""
    frames = []
    for k in REFERRAL_K:
        r = referral_loop(
            seed_customers=10, invites=10, conversion_rate=k / 10, cycle_days=2, days=120, audience=100_000
        )
        frames.append(pd.DataFrame({"k": k, "day": r.series["day"], "customers": r.series["customers"]}))
    return pd.concat(frames, ignore_index=True)


@functools.cache
def bass_adoption() -> pd.DataFrame:
    """New adopters per period in a market of 100,000 for each q (p = 0.03), all q in one
    call. Columns: q, period, new_adopters."""
    t = np.arange(0, 31)
    fraction = adopted_fraction(t[None, :], BASS_P, BASS_Q[:, None])
    new = np.diff(fraction, axis=1, prepend=0.0) * 100_000
    return pd.DataFrame(
        {"q": np.repeat(BASS_Q, t.size), "period": np.tile(t, BASS_Q.size), "new_adopters": new.ravel()}
    )


@functools.cache
def crisis_response() -> pd.DataFrame:
    """Story reach by response time for each response effectiveness; every response time of
    a curve is one vectorised run. Columns: effectiveness, hours, story_reach (people)."""
    frames = []
    for level in CRISIS_EFFECTIVENESS:
        params = CrisisParams(response_effectiveness=float(level), **CRISIS_INPUTS)
        curve = story_reach_by_response_time(params, CRISIS_HOURS)
        frames.append(pd.DataFrame({"effectiveness": level, "hours": CRISIS_HOURS, "story_reach": curve.story_reach}))
    return pd.concat(frames, ignore_index=True)


@functools.cache
def segment_allocation() -> pd.DataFrame:
    """The optimal split of each budget across the default segments. Columns: budget,
    segment, segment_fa, spend, conversions."""
    frames = []
    for budget in SEGMENT_BUDGETS:
        r = allocate_budget(SegmentsParams(budget=float(budget)))
        frames.append(
            pd.DataFrame(
                {
                    "budget": budget,
                    "segment": r.series["segment"],
                    "segment_fa": r.series["segment_fa"],
                    "spend": r.series["spend"],
                    "conversions": r.series["conversions"],
                }
            )
        )
    return pd.concat(frames, ignore_index=True)
