"""Bass diffusion: closed form against a fine-step solution of the ODE, and its peak."""

from __future__ import annotations

import math

import numpy as np
import pytest

from simulator.models.bass import BassParams, adopted_fraction, bass, peak_time


def rk4_bass(p: float, q: float, t_end: float, dt: float) -> tuple[np.ndarray, np.ndarray]:
    """Classical Runge–Kutta on dF/dt = (p + q F)(1 - F), F(0) = 0."""

    def rate(f: float) -> float:
        return (p + q * f) * (1 - f)

    steps = round(t_end / dt)
    f = np.zeros(steps + 1)
    for i in range(steps):
        k1 = rate(f[i])
        k2 = rate(f[i] + dt / 2 * k1)
        k3 = rate(f[i] + dt / 2 * k2)
        k4 = rate(f[i] + dt * k3)
        f[i + 1] = f[i] + dt / 6 * (k1 + 2 * k2 + 2 * k3 + k4)
    return np.linspace(0, t_end, steps + 1), f


@pytest.mark.parametrize(("p", "q"), [(0.03, 0.38), (0.01, 0.5), (0.2, 0.1)])
def test_closed_form_matches_numerical_solution(p: float, q: float) -> None:
    # RK4's global error is O(dt^4); with dt = 0.01 it is far below 1e-9.
    t, f = rk4_bass(p, q, 30, 0.01)
    np.testing.assert_allclose(adopted_fraction(t, p, q), f, atol=1e-9)


def test_peak_time_is_where_adoption_rate_peaks() -> None:
    p, q = 0.03, 0.38
    t, f = rk4_bass(p, q, 30, 0.001)
    rate = (p + q * f) * (1 - f)
    assert peak_time(p, q) == pytest.approx(math.log(q / p) / (p + q))
    assert t[np.argmax(rate)] == pytest.approx(peak_time(p, q), abs=0.002)


def test_no_peak_after_launch_when_q_not_above_p() -> None:
    assert peak_time(0.2, 0.1) == 0.0


def test_model_series_and_totals() -> None:
    r = bass(BassParams(market=100_000, p=0.03, q=0.38, steps=30))
    s = r.series
    np.testing.assert_allclose(np.cumsum(s["new_adopters"]), s["adopters"])
    assert s["adopters"][0] == 0
    assert np.all(np.diff(s["adopters"]) > 0)
    assert s["adopters"][-1] < 100_000
    # The step with most new adopters brackets the exact peak time t* ~ 6.3.
    assert r.totals["peak_step"] - 1 <= r.totals["peak_time"] <= r.totals["peak_step"]
    assert r.totals["adoption_fraction"] == pytest.approx(float(adopted_fraction(30, 0.03, 0.38)))


def test_finite_at_extreme_bounds() -> None:
    r = bass(market=10_000_000_000, p=0.0001, q=2.0, steps=1_000)
    assert all(np.all(np.isfinite(v)) for v in r.series.values())
    assert r.totals["adopters"] <= 10_000_000_000
