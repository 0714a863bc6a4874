"""Referral loop: Skok's worked example, the K < 1 limit, the cap and churn."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simulator.models.referral import ReferralParams, referral_loop
from simulator.params import ParameterError


def closed_form(u0: float, k: float, cycles: int) -> float:
    """U0 (K^(n+1) - 1) / (K - 1), with the K = 1 limit U0 (n + 1)."""
    return u0 * (cycles + 1) if k == 1 else u0 * (k ** (cycles + 1) - 1) / (k - 1)


@pytest.mark.parametrize(("cycle_days", "expected"), [(2, 20_470), (1, 20_971_510)])
def test_skok_example(cycle_days: float, expected: int) -> None:
    r = referral_loop(seed_customers=10, invites=10, conversion_rate=0.2, cycle_days=cycle_days, days=20)
    assert r.totals["customers"] == expected
    assert r.totals["k_factor"] == pytest.approx(2.0)


@settings(max_examples=100, deadline=None)
@given(
    st.integers(1, 1_000),
    st.floats(0, 30),
    st.floats(0, 1),
    st.sampled_from([0.5, 1, 2, 3.5, 7]),
    st.integers(1, 60),
)
def test_uncapped_matches_geometric_sum(u0: int, invites: float, conv: float, cycle: float, days: int) -> None:
    try:
        p = ReferralParams(seed_customers=u0, invites=invites, conversion_rate=conv, cycle_days=cycle, days=days)
    except ParameterError:
        return  # uncapped growth past the limit is refused; tested separately
    r = referral_loop(p)
    expected = closed_form(u0, p.k_factor, p.cycles)
    assert r.totals["customers"] == pytest.approx(expected, rel=1e-9)


@pytest.mark.parametrize("k", [0.1, 0.5, 0.8])
def test_subcritical_total_per_seed(k: float) -> None:
    r = referral_loop(seed_customers=1, invites=10, conversion_rate=k / 10, cycle_days=1, days=1_000)
    assert r.totals["customers"] == pytest.approx(1 / (1 - k), rel=1e-9)


def test_cap_bounds_customers_and_saturates() -> None:
    r = referral_loop(seed_customers=10, invites=10, conversion_rate=0.2, cycle_days=1, days=200, audience=50_000)
    assert r.totals["total_acquired"] <= 50_000
    assert r.totals["total_acquired"] > 0.75 * 50_000
    assert np.all(np.diff(r.series["total_acquired"]) >= 0)


def test_churn_lowers_active_customers_only() -> None:
    base = {"seed_customers": 10, "invites": 5, "conversion_rate": 0.2, "cycle_days": 2, "days": 30}
    kept = referral_loop(**base)
    churned = referral_loop(**base, churn=0.1)
    assert churned.totals["customers"] < kept.totals["customers"]
    assert churned.totals["total_acquired"] == kept.totals["total_acquired"]


def test_partial_cycle_does_not_count() -> None:
    r = referral_loop(seed_customers=10, invites=10, conversion_rate=0.2, cycle_days=2, days=21)
    assert r.totals["cycles"] == 10
    assert r.totals["customers"] == 20_470


def test_uncapped_explosion_is_refused_with_advice() -> None:
    with pytest.raises(ParameterError, match=r"days = 3,650 is too long for uncapped growth: .*set audience"):
        ReferralParams(invites=1_000, conversion_rate=1, cycle_days=0.1, days=3_650)
    capped = referral_loop(invites=1_000, conversion_rate=1, cycle_days=0.1, days=3_650, audience=1_000_000)
    assert capped.totals["total_acquired"] == pytest.approx(1_000_000)


def test_seed_cannot_exceed_cap() -> None:
    with pytest.raises(ParameterError, match=r"seed_customers = 500 is too large: at most audience = 100 people"):
        ReferralParams(seed_customers=500, audience=100)
