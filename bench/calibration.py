"""Calibration speed (issue #16): fits of a team's history and forecasts from them.

Targets on the 2-core reference machine: a 2,000-post share fit (with seed reach and
conversions) and a 2,000-draw forecast of the next post each well under a second
(<= 250 ms); a 3-year weekly Bass fit and its 2,000-draw forecast <= 50 ms.
Run: ``make bench`` or ``.venv/bin/python -m bench.calibration``.
"""

from __future__ import annotations

import math

import numpy as np

from bench.machine import times_ms, write_timings
from simulator.models.fit_bass import fit_bass, simulate_bass
from simulator.models.fit_share import fit_share, simulate_posts
from simulator.models.forecast import forecast_bass, forecast_post

COMMAND = ".venv/bin/python -m bench.calibration"


def main() -> str:
    rng = np.random.default_rng(16)
    seeds = np.exp(rng.uniform(math.log(1_000), math.log(50_000), 2_000)).round()
    posts = simulate_posts(
        posts=2_000,
        share_rate=0.004,
        fanout=40.0,
        overdispersion=0.003,
        seed_reach=seeds,
        conversion_rate=0.01,
        rng=rng,
    )
    share = fit_share(posts["reach"], posts["shares"], seed_reach=posts["seed_reach"], conversions=posts["conversions"])
    series = simulate_bass(p=0.01, q=0.2, market=500_000, periods=156, rng=rng)
    bass = fit_bass(series)
    rows = [
        (
            "share fit, 2,000 posts (reach, shares, seed reach, conversions)",
            times_ms(
                lambda: fit_share(
                    posts["reach"], posts["shares"], seed_reach=posts["seed_reach"], conversions=posts["conversions"]
                ),
                repeat=7,
                number=3,
            ),
            250.0,
        ),
        (
            "next-post forecast, 2,000 draws x 60 steps",
            times_ms(
                lambda: forecast_post(share, seed_reach=5_000, audience=1_000_000, steps=60, draws=2_000, rng=1),
                repeat=7,
                number=3,
            ),
            250.0,
        ),
        ("Bass fit, 156 weekly periods", times_ms(lambda: fit_bass(series), repeat=7, number=10), 50.0),
        (
            "Bass forecast, 2,000 draws x 52 periods",
            times_ms(lambda: forecast_bass(bass, horizon=52, draws=2_000, rng=1), repeat=7, number=10),
            50.0,
        ),
    ]
    return write_timings("calibration", "Calibration benchmark", COMMAND, rows, digits=1)


if __name__ == "__main__":
    main()
