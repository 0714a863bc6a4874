"""Forecast the next post or the next periods of a campaign from a fit, with a 90% band.

A forecast runs the model many times ("draws"), each time with parameters drawn from
what the fit knows about them, and reports the median and the 5th–95th percentile band
of every quantity:

* :func:`forecast_post` – the next post. Each draw takes a mean share rate and a spread
  from the fit's uncertainty, then the next post's own share rate from that spread (posts
  differ by orders of magnitude, which usually dominates the band), a fan-out and a
  conversion rate, and runs the mean-field share loop (:func:`~simulator.models.share_loop.share_waves`)
  for all draws at once.
* :func:`forecast_bass` – the periods after the data. Each draw takes (ln p, ln q, ln m)
  from the fit's normal approximation and evaluates the Bass curve
  (:func:`~simulator.models.bass.adopted_fraction`); cumulative adopters continue from the
  observed total.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from simulator.declarations import AUDIENCE, BASS_STEPS, SEED_REACH, STEPS
from simulator.models.bass import adopted_fraction
from simulator.models.beta_binomial import RateFit
from simulator.models.estimates import Z95
from simulator.models.fit_bass import BassFit
from simulator.models.fit_share import ShareFit
from simulator.models.share_loop import share_waves
from simulator.params import Param, ParameterError, exact_number, require_at_most

__all__ = ["BAND", "DRAWS", "HORIZON", "MAX_DRAW_STEPS", "Forecast", "forecast_bass", "forecast_post"]

BAND = (5.0, 50.0, 95.0)
"""Percentiles reported: low end of the 90% band, median, high end."""

DRAWS = Param(
    "draws",
    int,
    default=2_000,
    minimum=100,
    maximum=20_000,
    step=100,
    unit="runs",
    unit_fa="اجرا",
    label_en="Forecast runs",
    label_fa="تعداد اجرای پیش‌بینی",
    help_en="Model runs behind the median and the 90% band; more runs give steadier percentiles.",
    help_fa="تعداد اجرای مدل برای میانه و بازهٔ ۹۰٪؛ اجرای بیشتر صدک‌های پایدارتری می‌دهد.",
)

HORIZON = BASS_STEPS.with_bounds(
    name="horizon",
    default=12,
    label_en="Forecast horizon",
    label_fa="افق پیش‌بینی",
    help_en="Periods after the data to forecast, in the data's period unit.",
    help_fa="تعداد دوره‌های پس از داده‌ها که پیش‌بینی می‌شود، با همان واحد دورهٔ داده‌ها.",
)

MAX_DRAW_STEPS = 2_000_000
"""Largest ``draws x steps`` (or ``draws x horizon``) one forecast may hold: every series is
kept for every draw, ~40 bytes a cell, so 80 MB and a fraction of a second at most."""


@dataclass(frozen=True)
class Forecast:
    """Median and 90% band (5th–95th percentile over ``draws`` runs) of each total, and per
    step or period ``series["<name>_median" | "<name>_low" | "<name>_high"]`` beside the
    time column (``step`` or ``period``)."""

    median: dict[str, float]
    low: dict[str, float]
    high: dict[str, float]
    series: dict[str, np.ndarray]
    draws: int


def _band(totals: dict[str, np.ndarray], series: dict[str, np.ndarray], time: tuple[str, np.ndarray]) -> Forecast:
    """Percentiles over the draws (the last axis) of every total and series."""
    low, median, high = ({} for _ in BAND)  # type: ignore[var-annotated]
    for name, values in totals.items():
        low[name], median[name], high[name] = (float(x) for x in np.percentile(values, BAND))
    out = {time[0]: time[1]}
    for name, values in series.items():
        for suffix, row in zip(("low", "median", "high"), np.percentile(values, BAND, axis=-1), strict=True):
            out[f"{name}_{suffix}"] = row
    draws = next(iter(totals.values())).size
    return Forecast(median, low, high, out, draws)


def _check_cells(draws: int, name: str, length: int) -> None:
    if draws * length > MAX_DRAW_STEPS:
        most = MAX_DRAW_STEPS // draws
        raise ParameterError(
            name,
            length,
            f"at most {exact_number(most)} for draws = {exact_number(draws)} "
            f"(draws × {name} at most {exact_number(MAX_DRAW_STEPS)})",
            "is too large",
            related=("draws",),
            allowed_fa=f"حداکثر {exact_number(most)} برای draws = {exact_number(draws)} "
            f"(حاصل draws × {name} حداکثر {exact_number(MAX_DRAW_STEPS)})",
        )


# --- The next post ---------------------------------------------------------------------------


def _rates(model: RateFit, draws: int, rng: np.random.Generator) -> np.ndarray:
    """The next post's rate per person, once per draw: mean and spread from their uncertainty,
    then the post's own rate from that spread.

    The logit mean follows a split normal whose quantiles are the ends of the fit's
    (asymmetric, profile-likelihood) interval; the log precision follows its normal
    approximation given the mean.
    """
    centre = math.log(model.mean) - math.log1p(-model.mean)
    low, high = (math.log(x) - math.log1p(-x) for x in (model.estimate.low, model.estimate.high))
    z = rng.standard_normal(draws)
    logit = centre + z * np.where(z < 0, centre - low, high - centre) / Z95
    mean = 1.0 / (1.0 + np.exp(-logit))
    if model.overdispersion == 0.0:
        return mean
    c = model.covariance
    slope = c[0, 1] / c[0, 0] if c[0, 0] > 0 else 0.0
    spread = math.sqrt(max(c[1, 1] - slope * c[0, 1], 0.0))
    log_precision = math.log(model.precision) + slope * (logit - centre) + spread * rng.standard_normal(draws)
    precision = np.exp(log_precision)
    return rng.beta(mean * precision, (1.0 - mean) * precision)


def forecast_post(
    fit: ShareFit,
    *,
    seed_reach: float,
    audience: float,
    steps: int,
    draws: int = int(DRAWS.default),  # type: ignore[arg-type]
    rng: np.random.Generator | int | None = None,
) -> Forecast:
    """The next post's reach, shares and conversions: median and 90% band.

    ``seed_reach``: people the post reaches itself (followers, paid); ``audience``: people
    it could ever reach; ``steps``: share cycles to run; ``draws``: runs. The fit must
    have a fan-out (posts with ``seed_reach``). Totals: ``reach``, ``earned_reach``,
    ``shares``, ``viral_coefficient`` and, when the fit has a conversion rate,
    ``conversions``; series per step: ``new_reach``, ``reach``, ``shares`` (and
    ``conversions``, ``cumulative_conversions``).
    """
    seed = SEED_REACH.check(seed_reach)
    people = AUDIENCE.check(audience)
    require_at_most("seed_reach", seed, "audience", people, "people")  # type: ignore[arg-type]
    steps = int(STEPS.check(steps))  # type: ignore[arg-type]
    draws = int(DRAWS.check(draws))  # type: ignore[arg-type]
    _check_cells(draws, "steps", steps + 1)
    if fit.fanout is None:
        raise ParameterError(
            "seed_reach",
            None,
            "posts with seed_reach (people reached who already follow) in the fit: without it the fan-out is unknown",
            "is required",
            allowed_fa="پست‌هایی با seed_reach (افراد دیده‌شده‌ای که از پیش دنبال‌کننده‌اند) در برازش؛ بدون آن گستردگی هر اشتراک معلوم نیست",
        )
    generator = np.random.default_rng(rng)
    share_rate = _rates(fit.share_model, draws, generator)
    if fit.fanout_log_se is None:  # no one reached beyond the seed in the history
        fanout = np.zeros(draws)
    else:
        fanout = fit.fanout.value * np.exp(fit.fanout_log_se * generator.standard_normal(draws))
    waves = np.array(list(share_waves(float(people), float(seed), share_rate, fanout, 0.0, steps)))  # type: ignore[arg-type]
    new_reach, reach, _, shares = waves.transpose(1, 0, 2)  # each (steps + 1, draws)
    totals = {
        "reach": reach[-1],
        "earned_reach": reach[-1] - float(seed),  # type: ignore[arg-type]
        "shares": shares.sum(axis=0),
        "viral_coefficient": share_rate * fanout,
    }
    series = {"new_reach": new_reach, "reach": reach, "shares": shares}
    if fit.conversion_rate is not None:
        model = fit.conversion_model
        conversion_rate = np.zeros(draws) if model is None else _rates(model, draws, generator)
        conversions = conversion_rate * new_reach
        series |= {"conversions": conversions, "cumulative_conversions": np.cumsum(conversions, axis=0)}
        totals["conversions"] = conversions.sum(axis=0)
    return _band(totals, series, ("step", np.arange(steps + 1)))


# --- The next periods of an adoption curve --------------------------------------------------------


def _normal_draws(mean: np.ndarray, covariance: np.ndarray, draws: int, rng: np.random.Generator) -> np.ndarray:
    """Draws (rows) from a multivariate normal, through the eigen-decomposition so that a
    covariance that is singular to rounding still works."""
    values, vectors = np.linalg.eigh(covariance)
    root = vectors * np.sqrt(np.clip(values, 0.0, None))
    return mean + rng.standard_normal((draws, mean.size)) @ root.T


def forecast_bass(
    fit: BassFit,
    *,
    horizon: int,
    draws: int = int(DRAWS.default),  # type: ignore[arg-type]
    rng: np.random.Generator | int | None = None,
) -> Forecast:
    """New and cumulative adopters in each of the ``horizon`` periods after the data.

    Totals: ``new_adopters`` (over the horizon) and ``adopters`` (cumulative at its end,
    the observed total plus the forecast); series per period (numbered on from the data):
    ``new_adopters`` and ``adopters``.
    """
    horizon = int(HORIZON.check(horizon))  # type: ignore[arg-type]
    draws = int(DRAWS.check(draws))  # type: ignore[arg-type]
    _check_cells(draws, "horizon", horizon)
    theta = np.log([fit.p.value, fit.q.value, fit.market.value])
    p, q, market = np.exp(_normal_draws(theta, fit.covariance, draws, np.random.default_rng(rng))).T
    edges = np.arange(fit.periods, fit.periods + horizon + 1, dtype=float)
    fraction = adopted_fraction(edges[:, None], p, q)  # (horizon + 1, draws)
    new = market * np.diff(fraction, axis=0)
    adopters = fit.adopters + np.cumsum(new, axis=0)
    totals = {"new_adopters": new.sum(axis=0), "adopters": adopters[-1]}
    return _band(totals, {"new_adopters": new, "adopters": adopters}, ("period", edges[1:].astype(int)))
