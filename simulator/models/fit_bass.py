"""Calibrate the Bass model from an adoption series: p, q, market size and the peak.

Srinivasan & Mason (1986), "Nonlinear Least Squares Estimation of New Product Diffusion
Models", Marketing Science 5(2): fit the adopters of each period directly,

    new_t = m (F(t) - F(t - 1)),  t = 1..T,  F(t) = (1 - e^{-(p+q)t}) / (1 + (q/p) e^{-(p+q)t}),

so p, q and m come with standard errors (Bass's original regression on cumulative
adopters gives neither intervals nor, often, valid values). Period t covers the time from
t - 1 to t after launch; p and q are rates per period of the data's unit.

Counts of adopters are Poisson-like: a week with 10,000 adopters varies by more people
than a week with 100. Plain least squares still gives consistent estimates, but its
intervals then go wrong, so the fit is weighted – each period by 1 / (fitted adopters),
reweighted until the weights settle (iteratively reweighted NLS, the quasi-Poisson
estimator; McCullagh & Nelder 1989, ch. 9). The covariance is the multinomial one (every
one of the m people adopts in some period, so the counts share a total; Schmittlein &
Mahajan 1982) times a scale estimated from the residuals (Pearson's statistic over T - 3
degrees of freedom, never below 1); 95% Wald intervals on the log scale with Student's t
over T - 3 degrees of freedom (the normal quantile where the floor of 1 holds). Measured
by recovery on multinomial Bass series (:func:`simulate_bass`): 96–97% coverage.

The peak of new adopters is ``t* = ln(q/p) / (p + q)`` (delta-method interval). It is
stated only when the data identify it: fitted peak within the data, its interval and the
market's not reaching far beyond them; otherwise ``peak_period`` is None and a note in
English and Persian says why.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike
from scipy import special

from simulator.declarations import BASS_STEPS, IMITATION, INNOVATION, MARKET
from simulator.models.bass import adopted_fraction
from simulator.models.estimates import Z95, Estimate
from simulator.models.fit_inputs import PERIOD, count_array
from simulator.params import ParameterError, exact_number, format_number, localize_digits

__all__ = ["MIN_PERIODS", "BassFit", "fit_bass", "simulate_bass"]

MIN_PERIODS = 4
"""Fewest periods a fit accepts: three parameters need at least one period more."""

MAX_PERIODS = 3_650
"""Most periods a fit accepts: ten years of days."""

PEAK_REACH = 1.5
"""A peak is stated only if its 95% interval ends before 1.5 x the periods observed."""

MARKET_REACH = 4.0
"""... and the market's 95% interval ends below 4 x its estimate: beyond these the data
do not pin the curve down, and a stated peak would be an extrapolation."""

_GRID_P = np.geomspace(1e-5, 1.0, 26)
_GRID_Q = np.geomspace(1e-4, 3.0, 26)
"""Starting grid (per period): spans weekly to annual rates for durables and digital products."""

_LOG_BOUNDS = (math.log(1e-8), math.log(10.0))
"""Bounds of ln p and ln q in the search: rates per period from 1e-8 to 10."""

_MARKET_LIMIT = 1e3 * MARKET.maximum  # type: ignore[operator]
"""Largest market the search considers (people): far above any market the model accepts."""

_MAX_ITERATIONS = 300
"""Scoring steps at most; a fit from the grid start converges in ten to thirty."""

_SE_LIMIT = 30.0
"""A log-scale standard error above this (an interval spanning e^118) means the parameter
is not determined at all: the series is refused rather than given a meaningless interval."""


@dataclass(frozen=True)
class BassFit:
    """Bass parameters fitted to ``periods`` periods: p and q per period, market in people.

    ``peak_period`` is the time of peak new adoptions (periods after launch; period k covers
    k - 1 to k), or None with ``peak_note``/``peak_note_fa`` saying why. ``covariance`` is
    the covariance of ``(ln p, ln q, ln m)`` and ``adopters`` the observed total, for
    forecasts; ``dispersion`` is how many times the Poisson variance the residuals showed.
    """

    periods: int
    p: Estimate
    q: Estimate
    market: Estimate
    peak_period: Estimate | None
    peak_note: str | None
    peak_note_fa: str | None
    fitted: np.ndarray
    covariance: np.ndarray
    adopters: float
    dispersion: float

    def totals(self) -> dict[str, float | int | None]:
        """p, q, market and peak_period with ``_low``/``_high`` (95%), and ``periods``."""
        out: dict[str, float | int | None] = {}
        out |= self.p.totals("p") | self.q.totals("q") | self.market.totals("market")
        out["periods"] = self.periods
        if self.peak_period is None:
            out |= dict.fromkeys(("peak_period", "peak_period_low", "peak_period_high"))
        else:
            out |= self.peak_period.totals("peak_period")
        return out


# --- The model and its derivatives --------------------------------------------------------


def _new_fraction(t: np.ndarray, p: float, q: float) -> np.ndarray:
    """F(t) - F(t - 1) for t = 1..T: the fraction of the market adopting in each period."""
    return np.diff(adopted_fraction(np.concatenate(([0.0], t)), p, q))


def _fraction_slopes(t: np.ndarray, p: float, q: float) -> tuple[np.ndarray, np.ndarray]:
    """dF/dp and dF/dq at times t (F as in :mod:`simulator.models.bass`), in closed form."""
    a, b = q / p, p + q
    e = np.exp(-b * t)
    denominator = (1.0 + a * e) ** 2
    by_b = (1.0 + a) * t * e / denominator  # dF/d(p+q)
    by_a = -(1.0 - e) * e / denominator  # dF/d(q/p)
    return by_b - (q / (p * p)) * by_a, by_b + by_a / p


def _mean_and_jacobian(theta: np.ndarray, t: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Expected new adopters per period and their derivatives in ``(ln p, ln q, ln m)``."""
    p, q, m = np.exp(theta)
    mean = m * _new_fraction(t, p, q)
    edges = np.concatenate(([0.0], t))
    by_p, by_q = (np.diff(s) for s in _fraction_slopes(edges, p, q))
    return mean, np.column_stack((m * p * by_p, m * q * by_q, mean))


# --- Fitting -----------------------------------------------------------------------------------


def _start(t: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Best (p, q) on a log grid with m profiled out (least squares is linear in m)."""
    p, q = _GRID_P[:, None, None], _GRID_Q[None, :, None]
    shape = np.diff(adopted_fraction(np.concatenate(([0.0], t)), p, q), axis=-1)  # (p, q, T)
    cross, square = shape @ y, np.sum(shape * shape, axis=-1)
    market = np.where(square > 0, cross / np.where(square > 0, square, 1.0), 0.0)
    loss = np.where(market > 0, -cross * market, np.inf)  # RSS minus sum(y^2)
    i, j = np.unravel_index(np.argmin(loss), loss.shape)
    return np.log([_GRID_P[i], _GRID_Q[j], max(market[i, j], float(y.max()))])


def _variance(mean: np.ndarray) -> np.ndarray:
    """Variance function of the quasi-Poisson fit: the mean, floored at 1 person so that a
    period the model expects nearly no one in cannot outweigh all the others."""
    return np.maximum(mean, 1.0)


def _quasi_log_likelihood(y: np.ndarray, mean: np.ndarray) -> float:
    """``sum_t integral^mean (y - u) / max(u, 1) du``: what the weighted fit maximises; its
    gradient in the parameters is ``J^T W (y - mean)`` with ``W = 1 / max(mean, 1)``."""
    above = y * np.log(np.maximum(mean, 1.0)) - mean + y + 0.5
    below = y * mean - mean * mean / 2.0
    return float(np.sum(np.where(mean >= 1.0, above, below)))


def _fit(theta: np.ndarray, t: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Iteratively reweighted least squares by Levenberg–Marquardt-damped Fisher scoring,
    ``(J^T W J + lambda diag) step = J^T W (y - mean)`` with the weights renewed every step;
    ln p and ln q kept within :data:`_LOG_BOUNDS`, ln m above ln(max adopters)."""
    lower = np.array([_LOG_BOUNDS[0], _LOG_BOUNDS[0], math.log(max(float(y.max()), 1.0))])
    upper = np.array([_LOG_BOUNDS[1], _LOG_BOUNDS[1], math.log(_MARKET_LIMIT)])
    theta = np.clip(theta, lower, upper)
    mean, jacobian = _mean_and_jacobian(theta, t)
    value = _quasi_log_likelihood(y, mean)
    damping = 1e-3
    for _ in range(_MAX_ITERATIONS):
        weights = 1.0 / _variance(mean)
        information = jacobian.T @ (weights[:, None] * jacobian)
        score = jacobian.T @ (weights * (y - mean))
        try:
            step = np.linalg.solve(information + damping * np.diag(np.diag(information)), score)
        except np.linalg.LinAlgError:
            break
        trial = np.clip(theta + step, lower, upper)
        trial_mean, trial_jacobian = _mean_and_jacobian(trial, t)
        trial_value = _quasi_log_likelihood(y, trial_mean)
        if trial_value >= value:
            moved = float(np.max(np.abs(trial - theta)))
            theta, mean, jacobian, value = trial, trial_mean, trial_jacobian, trial_value
            damping = max(damping / 10.0, 1e-12)
            if moved < 1e-12:
                break
        else:
            damping *= 10.0
            if damping > 1e12:
                break
    return theta


def _undetermined(periods: int, detail: str, detail_fa: str) -> ParameterError:
    return ParameterError(
        "adopters",
        periods,
        f"a series from which p, q and market can be told apart ({detail})",
        "cannot be fitted",
        allowed_fa=f"سری‌ای که p و q و اندازهٔ بازار را بتوان از آن جدا کرد ({detail_fa})",
        reason_fa="برازش‌پذیر نیست",
    )


def _new_adopters(adopters: ArrayLike, cumulative: bool) -> np.ndarray:
    """The series as new adopters per period, checked (see :func:`fit_bass`)."""
    y = count_array("adopters", adopters, PERIOD)
    if cumulative:
        drops = np.flatnonzero(np.diff(y) < 0)
        if drops.size:
            i = int(drops[0]) + 1
            error = ParameterError(
                "adopters",
                int(y[i]),
                f"cumulative adopters never fall: at least {exact_number(int(y[i - 1]))}, the period before "
                f"(at period {exact_number(i + 1)})",
                "is too small",
                allowed_fa=f"شمار تجمعی پذیرندگان کم نمی‌شود: دست‌کم {exact_number(int(y[i - 1]))}، مقدار دورهٔ پیش "
                f"(در دورهٔ {exact_number(i + 1)})",
            )
            error.index = i  # type: ignore[attr-defined]
            raise error
        y = np.diff(y, prepend=0.0)
    if not MIN_PERIODS <= y.size <= MAX_PERIODS:
        raise ParameterError(
            "adopters",
            y.size,
            f"{MIN_PERIODS} to {exact_number(MAX_PERIODS)} periods (one value per period); "
            "three parameters need at least one period more",
            "has too few values" if y.size < MIN_PERIODS else "has too many values",
            allowed_fa=f"از {MIN_PERIODS} تا {exact_number(MAX_PERIODS)} دوره (یک مقدار برای هر دوره)؛ "
            "سه پارامتر دست‌کم یک دورهٔ بیشتر می‌خواهند",
            reason_fa="مقدارهای کافی ندارد" if y.size < MIN_PERIODS else "مقدارهای بیش از حد دارد",
        )
    if np.all(y == y[0]):
        raise ParameterError(
            "adopters",
            _whole(y[0]),
            "a series that changes from period to period; the same count every period "
            "(or none at all) says nothing about p and q",
            "in every period is constant",
            allowed_fa="سری‌ای که از دوره‌ای به دورهٔ دیگر تغییر کند؛ شمار یکسان در همهٔ دوره‌ها "
            "(یا صفر) چیزی دربارهٔ p و q نمی‌گوید",
            reason_fa="در همهٔ دوره‌ها ثابت است",
        )
    return y


def _whole(x: float) -> int:
    return int(x)


def fit_bass(adopters: ArrayLike, *, cumulative: bool = False) -> BassFit:
    """Fit p, q and market size to an adoption series, one value per period from launch.

    ``adopters``: new adopters per period (people, whole numbers), or cumulative adopters
    with ``cumulative=True``. Raises :class:`~simulator.params.ParameterError` (field
    ``adopters``) for negative, non-finite or fractional counts, a falling cumulative
    series, fewer than :data:`MIN_PERIODS` periods, a constant series, or one from which
    the three parameters cannot be told apart.
    """
    y = _new_adopters(adopters, cumulative)
    periods = y.size
    t = np.arange(1.0, periods + 1.0)
    theta = _fit(_start(t, y), t, y)
    mean, jacobian = _mean_and_jacobian(theta, t)
    weights = 1.0 / _variance(mean)
    dof = periods - 3
    pearson = float(np.sum(weights * (y - mean) ** 2))
    dispersion = max(1.0, pearson / dof)
    # Multinomial counts: the periods share one market, so their covariance is
    # diag(mean) - mean mean^T / m, whose inverse adds to the Poisson information the rank-one
    # term of the total, sum(mean) = m F(T) (Sherman–Morrison); the estimates already solve the
    # extra equation (the quasi-Poisson fit matches the observed total).
    market_size = float(np.exp(theta[2]))
    not_yet = max(market_size - float(mean.sum()), 1.0)  # people expected to adopt after period T
    total_slope = jacobian.sum(axis=0)
    information = jacobian.T @ (weights[:, None] * jacobian) + np.outer(total_slope, total_slope) / not_yet
    try:
        covariance = dispersion * np.linalg.inv(information)
    except np.linalg.LinAlgError:
        raise _undetermined(periods, "the fit is singular", "برازش منفرد است") from None
    variance = np.diag(covariance)
    if not (np.all(np.isfinite(variance)) and np.all(variance > 0)) or variance.max() > _SE_LIMIT**2:
        raise _undetermined(periods, "the fit leaves them unbounded", "برازش آن‌ها را بی‌کران می‌گذارد")
    # Student's t where the scale was estimated from the residuals; the normal quantile where
    # the Poisson floor holds it (a known scale).
    cut = float(special.stdtrit(dof, 0.975)) if dispersion > 1.0 else Z95
    p, q, market = (_log_interval(float(np.exp(x)), math.sqrt(v), cut) for x, v in zip(theta, variance, strict=True))
    peak, note, note_fa = _peak(theta, covariance, cut, periods, market)
    return BassFit(periods, p, q, market, peak, note, note_fa, mean, covariance, float(y.sum()), dispersion)


def _log_interval(value: float, log_se: float, cut: float) -> Estimate:
    spread = math.exp(cut * log_se)
    return Estimate(value, value / spread, value * spread)


def _peak(
    theta: np.ndarray, covariance: np.ndarray, cut: float, periods: int, market: Estimate
) -> tuple[Estimate | None, str | None, str | None]:
    """The peak time with its interval, or None and why (en, fa)."""
    p, q = float(np.exp(theta[0])), float(np.exp(theta[1]))
    end, end_fa = exact_number(periods), localize_digits(exact_number(periods), "fa")
    if q <= p:
        return (
            None,
            f"New adopters fall from the first period on (fitted q = {format_number(q)} is not above "
            f"p = {format_number(p)}): the peak was at launch, and there is none ahead to state.",
            f"شمار پذیرندگان تازه از همان دورهٔ نخست رو به کاهش است (q برازش‌شده = {_fa(q)} از p = {_fa(p)} "
            "بیشتر نیست)؛ اوج همان زمان عرضه بوده و اوجی در پیش نیست که بتوان اعلام کرد.",
        )
    log_ratio, total = math.log(q / p), p + q
    peak = log_ratio / total
    if peak > periods:
        return (
            None,
            f"The data end at period {end}, before new adopters turn down: the peak cannot be placed "
            "from them. Add the periods after the peak, or treat the peak and the market size as unknown.",
            f"داده‌ها در دورهٔ {end_fa} تمام می‌شوند، پیش از آنکه شمار پذیرندگان تازه رو به کاهش بگذارد؛ "
            "پس زمان اوج را نمی‌توان از آن‌ها تعیین کرد. داده‌های دوره‌های پس از اوج را بیفزایید، "
            "یا زمان اوج و اندازهٔ بازار را نامعلوم بدانید.",
        )
    # t* = ln(q/p) / (p + q); derivatives in ln p and ln q for the delta method.
    gradient = np.array([-1.0 / total - p * log_ratio / total**2, 1.0 / total - q * log_ratio / total**2, 0.0])
    log_se = math.sqrt(float(gradient @ covariance @ gradient)) / peak
    if log_se > _SE_LIMIT:
        # E.g. a peak near launch (q barely above p): its relative error is so large that the
        # interval has no bounds to state (e^(cut x log_se) overflows a float), so no numbers.
        return (
            None,
            f"The data do not pin the peak down: its 95% interval is unbounded, with no limits the {end} "
            "periods observed can set.",
            f"داده‌ها زمان اوج را مشخص نمی‌کنند: بازهٔ اطمینان ۹۵٪ آن بی‌کران است و {end_fa} دورهٔ "
            "مشاهده‌شده هیچ حدی برایش تعیین نمی‌کند.",
        )
    estimate = _log_interval(peak, log_se, cut)
    if estimate.high > PEAK_REACH * periods or market.high > MARKET_REACH * market.value:
        return (
            None,
            f"The data do not pin the peak down: its 95% interval (periods {format_number(estimate.low)} to "
            f"{format_number(estimate.high)}) or the market size's ({format_number(market.low)} to "
            f"{format_number(market.high)} people) reaches far beyond the {end} periods observed.",
            f"داده‌ها زمان اوج را مشخص نمی‌کنند: بازهٔ اطمینان ۹۵٪ آن (دورهٔ {_fa(estimate.low)} تا "
            f"{_fa(estimate.high)}) یا بازهٔ اندازهٔ بازار ({_fa(market.low)} تا {_fa(market.high)} نفر) "
            f"بسیار فراتر از {end_fa} دورهٔ مشاهده‌شده می‌رود.",
        )
    return estimate, None, None


def _fa(x: float) -> str:
    return localize_digits(format_number(x), "fa")


# --- Simulation ----------------------------------------------------------------------------------


def simulate_bass(
    *, p: float, q: float, market: int, periods: int, rng: np.random.Generator | int | None = None
) -> np.ndarray:
    """New adopters per period from the stochastic Bass process that :func:`fit_bass` inverts.

    Each of the ``market`` people adopts at a time drawn from the Bass distribution F
    (p, q per period); the counts per period 1..``periods`` are therefore multinomial with
    probabilities F(t) - F(t - 1), the rest adopting after the last period.
    """
    p = float(INNOVATION.check(p))  # type: ignore[arg-type]
    q = float(IMITATION.check(q))  # type: ignore[arg-type]
    market = int(MARKET.check(market))  # type: ignore[arg-type]
    periods = int(BASS_STEPS.check(periods))  # type: ignore[arg-type]
    shares = _new_fraction(np.arange(1.0, periods + 1.0), p, q)
    later = max(0.0, 1.0 - float(shares.sum()))
    return np.random.default_rng(rng).multinomial(market, np.append(shares, later))[:-1]
