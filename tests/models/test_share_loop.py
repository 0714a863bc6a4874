"""Share loop: exact checks from DESIGN.md and invariants (hypothesis)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simulator.declarations import AUDIENCE, DECAY, FANOUT, SHARE_RATE
from simulator.models.share_loop import ShareLoopParams, SweepParams, share_loop, share_sweep


def test_subcritical_reach_tends_to_geometric_limit() -> None:
    # N >> S0 and s f < 1, d = 0: reach -> S0 / (1 - s f). Overlap with already-reached
    # people costs about S0^2 / N, so N = 1e9 keeps the gap below 1e-5 relative.
    r = share_loop(audience=1_000_000_000, seed_reach=1_000, share_rate=0.05, fanout=10, decay=0, steps=200)
    assert r.totals["reach"] == pytest.approx(1_000 / (1 - 0.5), rel=1e-5)
    assert r.totals["viral_coefficient"] == pytest.approx(0.5)


@pytest.mark.parametrize(("share_rate", "fanout"), [(0.2, 10), (0.5, 3), (0.05, 10), (1.0, 1.5)])
def test_final_size_relation_holds(share_rate: float, fanout: float) -> None:
    # The recursion telescopes to 1 - r = (1 - S0/N) exp(-s f r) once new reach has died out.
    n, s0 = 1_000_000, 100
    r = share_loop(audience=n, seed_reach=s0, share_rate=share_rate, fanout=fanout, decay=0, steps=3_000)
    frac = r.totals["reach"] / n
    assert 1 - frac == pytest.approx((1 - s0 / n) * math.exp(-share_rate * fanout * frac), abs=1e-9)


def test_tipping_point_separates_small_and_large_outbreaks() -> None:
    below = share_loop(audience=1_000_000, seed_reach=100, share_rate=0.09, fanout=10, steps=2_000)
    above = share_loop(audience=1_000_000, seed_reach=100, share_rate=0.2, fanout=10, steps=2_000)
    assert below.totals["reach_fraction"] < 0.01
    assert above.totals["reach_fraction"] > 0.75


def test_series_are_consistent() -> None:
    r = share_loop(
        audience=50_000, seed_reach=500, share_rate=0.15, fanout=8, conversion_rate=0.03, decay=0.1, steps=40
    )
    s = r.series
    assert s["step"][0] == 0
    assert s["new_reach"][0] == 500
    np.testing.assert_allclose(np.cumsum(s["new_reach"]), s["reach"])
    np.testing.assert_allclose(s["conversions"], 0.03 * s["new_reach"])
    # Every impression after step 0 comes from a share of the step before.
    np.testing.assert_allclose(s["impressions"][1:], 8 * s["shares"][:-1])
    # Share propensity ages: shares_t = s (1-d)^t new_t.
    np.testing.assert_allclose(s["shares"], 0.15 * 0.9 ** s["step"] * s["new_reach"])
    assert r.totals["conversions"] == pytest.approx(0.03 * r.totals["reach"])


def test_cycle_days_turns_steps_into_days() -> None:
    r = share_loop(steps=10, cycle_days=2.5)
    assert r.series["day"][-1] == 25.0
    assert r.totals["days"] == 25.0


def test_decay_slows_spread() -> None:
    fresh = share_loop(share_rate=0.2, fanout=10, decay=0)
    ageing = share_loop(share_rate=0.2, fanout=10, decay=0.3)
    assert ageing.totals["reach"] < fresh.totals["reach"]


def test_sweep_matches_single_scenarios() -> None:
    p = SweepParams(share_rate_points=5, audience_points=4, audience_min=5_000, steps=90, decay=0.05)
    grid = share_sweep(p)
    assert grid.reach.shape == (5, 4)
    for i, s in enumerate(grid.share_rates):
        for j, n in enumerate(grid.audiences):
            single = share_loop(
                audience=int(n), seed_reach=p.seed_reach, share_rate=float(s), fanout=p.fanout, decay=p.decay, steps=90
            )
            assert grid.reach[i, j] == pytest.approx(single.totals["reach"], rel=1e-12)
    np.testing.assert_allclose(grid.conversions, p.conversion_rate * grid.reach)


def test_sweep_payload_shape() -> None:
    d = share_sweep(SweepParams(share_rate_points=3, audience_points=2)).to_dict()
    assert set(d) == {"model", "params", "totals", "series"}
    assert len(d["series"]) == 6
    assert set(d["series"][0]) == {"share_rate", "audience", "reach", "conversions"}


def test_params_are_immutable() -> None:
    p = ShareLoopParams()
    with pytest.raises(AttributeError):
        p.share_rate = 0.5  # type: ignore[misc]


# --- invariants -------------------------------------------------------------------------

scenarios = st.fixed_dictionaries(
    {
        "audience": st.integers(1, int(AUDIENCE.maximum)),
        "share_rate": st.floats(SHARE_RATE.minimum, SHARE_RATE.maximum),
        "fanout": st.floats(FANOUT.minimum, FANOUT.maximum),
        "decay": st.floats(DECAY.minimum, DECAY.maximum),
        "conversion_rate": st.floats(0, 1),
        "steps": st.integers(1, 200),
        "seed_fraction": st.floats(0, 1),
    }
)


def _run(values: dict) -> ShareLoopParams:
    v = dict(values)
    v["seed_reach"] = max(1, int(v.pop("seed_fraction") * v["audience"]))
    return ShareLoopParams(**v)


@settings(max_examples=150, deadline=None)
@given(scenarios)
def test_reach_bounded_and_finite(values: dict) -> None:
    p = _run(values)
    r = share_loop(p)
    for column in r.series.values():
        assert np.all(np.isfinite(column))
    assert r.totals["reach"] <= p.audience * (1 + 1e-12)
    assert r.totals["conversions"] <= r.totals["reach"] * (1 + 1e-12)
    assert np.all(r.series["new_reach"] >= 0)


@settings(max_examples=100, deadline=None)
@given(scenarios, st.floats(0, 1))
def test_reach_monotone_in_share_rate(values: dict, more: float) -> None:
    p = _run(values)
    higher = p.replace(share_rate=p.share_rate + (1 - p.share_rate) * more)
    assert share_loop(higher).totals["reach"] >= share_loop(p).totals["reach"] * (1 - 1e-12)


@settings(max_examples=100, deadline=None)
@given(scenarios, st.floats(1, 100))
def test_reach_monotone_in_audience(values: dict, factor: float) -> None:
    p = _run(values)
    bigger = p.replace(audience=min(int(AUDIENCE.maximum), int(p.audience * factor)))
    assert share_loop(bigger).totals["reach"] >= share_loop(p).totals["reach"] * (1 - 1e-12)


def test_extreme_bounds_stay_finite() -> None:
    top = ShareLoopParams(
        audience=int(AUDIENCE.maximum), seed_reach=1, share_rate=1, fanout=FANOUT.maximum, decay=0, steps=3_650
    )
    r = share_loop(top)
    assert math.isfinite(r.totals["reach"])
    assert r.totals["reach"] <= top.audience
    bottom = ShareLoopParams(audience=1, seed_reach=1, share_rate=0, fanout=0, steps=1)
    assert share_loop(bottom).totals["reach"] == 1
