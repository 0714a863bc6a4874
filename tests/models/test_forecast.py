"""Forecasts from a fit: with no uncertainty they are the engine's own run; with it, the band
holds the spread the fit measured."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest
from scipy import stats

from simulator.models.beta_binomial import RateFit
from simulator.models.estimates import Estimate
from simulator.models.fit_bass import fit_bass
from simulator.models.fit_share import ShareFit, fit_share, simulate_posts
from simulator.models.forecast import forecast_bass, forecast_post
from simulator.models.share_loop import share_loop
from simulator.params import ParameterError


def certain(value: float) -> Estimate:
    return Estimate(value, value, value)


def certain_rate(value: float) -> RateFit:
    """A rate known exactly, the same for every post."""
    return RateFit(value, 0.0, math.inf, np.zeros((2, 2)), certain(value))


def certain_fit(share_rate: float, fanout: float, conversion_rate: float) -> ShareFit:
    return ShareFit(
        posts=100,
        share_rate=certain(share_rate),
        share_rate_quantiles=dict.fromkeys((0.1, 0.5, 0.9), share_rate),
        overdispersion=0.0,
        fanout=certain(fanout),
        viral_coefficient=certain(share_rate * fanout),
        conversion_rate=certain(conversion_rate),
        fitted_shares=np.zeros(100),
        share_model=certain_rate(share_rate),
        conversion_model=certain_rate(conversion_rate),
        fanout_log_se=0.0,
        fanout_dispersion=1.0,
    )


def test_without_uncertainty_every_run_is_the_share_loop() -> None:
    fit = certain_fit(0.01, 40.0, 0.02)
    forecast = forecast_post(fit, seed_reach=5_000, audience=10**9, steps=30, draws=200, rng=1)
    run = share_loop(audience=10**9, seed_reach=5_000, share_rate=0.01, fanout=40.0, conversion_rate=0.02, steps=30)
    for name in ("reach", "shares", "conversions", "earned_reach", "viral_coefficient"):
        assert forecast.low[name] == pytest.approx(run.totals[name], rel=1e-12)
        assert forecast.high[name] == pytest.approx(run.totals[name], rel=1e-12)
    for name in ("new_reach", "reach", "shares", "conversions", "cumulative_conversions"):
        np.testing.assert_allclose(forecast.series[f"{name}_median"], run.series[name], rtol=1e-12)
    np.testing.assert_array_equal(forecast.series["step"], np.arange(31))
    # Below the tipping point (R0 = 0.4) and far from saturation: reach -> S0 / (1 - s f).
    assert forecast.median["reach"] == pytest.approx(5_000 / (1 - 0.4), rel=1e-3)
    assert forecast.draws == 200


def test_without_uncertainty_the_bass_forecast_continues_the_curve() -> None:
    p, q, market, periods = 0.01, 0.2, 1e9, 12
    t = np.arange(periods + 1.0)
    e = np.exp(-(p + q) * t)
    history = np.round(market * np.diff((1 - e) / (1 + (q / p) * e)))
    fit = dataclasses.replace(fit_bass(history), covariance=np.zeros((3, 3)))
    forecast = forecast_bass(fit, horizon=8, draws=100, rng=1)
    future = np.arange(periods, periods + 9.0)
    e = np.exp(-(fit.p.value + fit.q.value) * future)
    expected_new = fit.market.value * np.diff((1 - e) / (1 + (fit.q.value / fit.p.value) * e))
    np.testing.assert_allclose(forecast.series["new_adopters_low"], expected_new, rtol=1e-12)
    np.testing.assert_allclose(forecast.series["new_adopters_high"], expected_new, rtol=1e-12)
    np.testing.assert_allclose(forecast.series["adopters_median"], history.sum() + np.cumsum(expected_new), rtol=1e-12)
    np.testing.assert_array_equal(forecast.series["period"], np.arange(13, 21))
    assert forecast.median["new_adopters"] == pytest.approx(expected_new.sum(), rel=1e-12)
    # The peak (t* = ln 20 / 0.21 = 14.3) falls in period 15: new adopters rise, then fall.
    assert np.argmax(expected_new) == 2


@pytest.fixture(scope="module")
def spread_fit() -> ShareFit:
    """2,000 posts whose share rates differ widely (overdispersion 0.005) around 0.4%."""
    seeds = np.exp(np.random.default_rng(11).uniform(math.log(1_000), math.log(50_000), 2_000)).round()
    data = simulate_posts(posts=2_000, share_rate=0.004, fanout=40.0, overdispersion=0.005, seed_reach=seeds, rng=12)
    return fit_share(data["reach"], data["shares"], seed_reach=data["seed_reach"])


def test_band_of_the_next_post_is_the_spread_between_posts(spread_fit: ShareFit) -> None:
    """With 2,000 posts the parameters are known to a few percent, so the band of R0 = s f for
    the next post is the fitted Beta's 5th–95th percentile times the fan-out."""
    forecast = forecast_post(spread_fit, seed_reach=5_000, audience=10**9, steps=60, draws=20_000, rng=3)
    assert spread_fit.fanout is not None
    rho, mean, f = spread_fit.overdispersion, spread_fit.share_rate.value, spread_fit.fanout.value
    a, b = mean * (1 / rho - 1), (1 - mean) * (1 / rho - 1)
    for band, level in ((forecast.low, 0.05), (forecast.median, 0.5), (forecast.high, 0.95)):
        assert band["viral_coefficient"] == pytest.approx(f * stats.beta.ppf(level, a, b), rel=0.06)
    assert forecast.high["shares"] > 10 * forecast.low["shares"]  # posts differ by over tenfold
    assert "conversions" not in forecast.median  # the fit had no conversions


def test_forecasts_are_reproducible_and_ordered(spread_fit: ShareFit) -> None:
    first = forecast_post(spread_fit, seed_reach=5_000, audience=10**6, steps=40, draws=500, rng=9)
    again = forecast_post(spread_fit, seed_reach=5_000, audience=10**6, steps=40, draws=500, rng=9)
    assert first.median == again.median
    for name in first.median:
        assert first.low[name] <= first.median[name] <= first.high[name]
    assert np.all(first.series["reach_low"] <= first.series["reach_high"])
    assert np.all(np.diff(first.series["reach_median"]) >= 0)


@pytest.mark.parametrize(
    ("call", "english", "persian"),
    [
        (
            lambda fit: forecast_post(fit, seed_reach=5_000, audience=1_000, steps=10, draws=100, rng=1),
            "seed_reach = 5,000 is too large: at most audience = 1,000 people",
            "seed_reach = ۵٬۰۰۰ بیش از حد بزرگ است؛ مجاز: حداکثر audience = ۱٬۰۰۰ نفر",
        ),
        (
            lambda fit: forecast_post(fit, seed_reach=5_000, audience=10**6, steps=200, draws=20_000, rng=1),
            "steps = 201 is too large: at most 100 for draws = 20,000 (draws × steps at most 2,000,000)",
            "steps = ۲۰۱ بیش از حد بزرگ است؛ مجاز: حداکثر ۱۰۰ برای draws = ۲۰٬۰۰۰ (حاصل draws × steps حداکثر ۲٬۰۰۰٬۰۰۰)",
        ),
        (
            lambda fit: forecast_post(fit, seed_reach=5_000, audience=10**6, steps=20, draws=50, rng=1),
            "draws = 50 is outside the allowed range: whole number 100 to 20,000 runs",
            "draws = ۵۰ خارج از بازهٔ مجاز است؛ مجاز: عدد صحیح از ۱۰۰ تا ۲۰٬۰۰۰ اجرا",
        ),
    ],
    ids=["seed-over-audience", "too-many-cells", "too-few-draws"],
)
def test_bad_forecast_requests_are_named_in_both_languages(
    spread_fit: ShareFit, call, english: str, persian: str
) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ParameterError) as caught:
        call(spread_fit)
    assert str(caught.value) == english
    assert caught.value.describe(lang="fa") == persian


def test_fit_without_seed_reach_cannot_forecast_reach() -> None:
    fit = fit_share([1_000, 2_000, 3_000], [10, 20, 30])
    with pytest.raises(ParameterError, match=r"^seed_reach = None is required: posts with seed_reach"):
        forecast_post(fit, seed_reach=100, audience=10_000, steps=10, draws=100, rng=1)


def test_bass_horizon_is_bounded() -> None:
    fit = fit_bass(simulate_bass_like())
    with pytest.raises(
        ParameterError, match=r"^horizon = 0 is outside the allowed range: whole number 1 to 1,000 steps"
    ):
        forecast_bass(fit, horizon=0, draws=100, rng=1)


def simulate_bass_like() -> np.ndarray:
    t = np.arange(31.0)
    e = np.exp(-0.21 * t)
    return np.round(1e5 * np.diff((1 - e) / (1 + 20 * e)))
