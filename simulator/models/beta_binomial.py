"""Maximum-likelihood fit of a rate per person that differs from post to post.

Post i reaches ``n_i`` people and ``k_i`` of them act (share, convert). Each post has its
own rate, drawn from a Beta distribution with mean ``mu`` and overdispersion
``rho = 1 / (1 + phi)`` (``phi = a + b``, the Beta's precision): ``k_i`` is then
beta-binomial, whose log-likelihood, up to terms free of the parameters, is

    l(mu, phi) = sum_i [ln (a)_{k_i} + ln (b)_{n_i - k_i} - ln (phi)_{n_i}],
    a = mu phi, b = (1 - mu) phi,  (x)_k = Gamma(x + k) / Gamma(x)

(Skellam 1948; Griffiths 1973). As ``rho -> 0`` every post has the same rate and the
likelihood becomes binomial, with MLE ``sum k / sum n``; where the data show no spread
beyond the binomial the fit is the binomial one.

The fit maximises ``l`` over ``(logit mu, ln phi)`` by Newton's method with the exact
gradient and Hessian. The 95% interval of ``mu`` is the profile-likelihood interval (``phi``
maximised out at every ``mu``): with a few dozen posts and a skewed spread the estimate's
distribution is skewed too, which a symmetric Wald interval misses on the high side. Its
cut is Student's t with ``posts - 2`` degrees of freedom where the spread is estimated
(1.92 = chi2(1, 0.95) / 2 for the binomial), measured to cover at 93–96% with 30 posts.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy import special

from simulator.models.estimates import Z95, Estimate

__all__ = ["RateFit", "fit_rate"]

_SERIES_FROM = 1e4
"""Above this the log rising factorial and its derivatives use the leading terms of Stirling's
series (truncation error below 1e-18), which keep full precision where the difference of two
gamma-function values would lose it to cancellation; below it that difference is exact to
about 1e-11 relative, and scipy's functions are used."""

_BINOMIAL_INFLATION = 1e-4
"""Spread below which posts count as alike: a precision phi above max(n) / 1e-4 changes the
variance of any post's count by less than 0.01%, so the fit is the binomial one."""

_PRECISION_MIN = 1e-3
"""Smallest Beta precision phi searched (overdispersion 0.999: nearly every post all-or-nothing)."""

_PRECISION_CAP = 1e12
"""Largest Beta precision searched, whatever the reach: beyond it the likelihood is flat
to double precision."""


@dataclass(frozen=True)
class RateFit:
    """A fitted rate per person (fraction 0–1) and its spread between posts.

    ``covariance`` is the 2 x 2 covariance of ``(logit mean, ln precision)``; when the posts
    show no spread (``overdispersion == 0``) only its first entry is used.
    """

    mean: float
    overdispersion: float
    precision: float
    covariance: np.ndarray
    estimate: Estimate

    def log_spread(self) -> tuple[float, float]:
        """The interval's distance below and above the estimate on the log scale, in
        standard errors of ``ln mean`` (the profile interval need not be symmetric)."""
        centre = math.log(self.mean)
        return (centre - math.log(self.estimate.low)) / Z95, (math.log(self.estimate.high) - centre) / Z95

    def quantiles(self, levels: tuple[float, ...]) -> dict[float, float]:
        """Rates (fraction) below which the given fractions of posts fall, under the fit."""
        if self.overdispersion == 0.0:
            return dict.fromkeys(levels, self.mean)
        a, b = self.mean * self.precision, (1.0 - self.mean) * self.precision
        return {level: float(special.betaincinv(a, b, level)) for level in levels}


def _rising_sums(x: float, k: np.ndarray) -> tuple[float, float, float]:
    """Sums over posts of ``ln (x)_k = ln Gamma(x + k) - ln Gamma(x)`` and of its first and
    second derivatives in x (``digamma(x + k) - digamma(x)``, ``trigamma(x + k) - trigamma(x)``),
    for x > 0 and k >= 0; accurate for large x too."""
    z = x + k
    if x < _SERIES_FROM:
        value = special.gammaln(z).sum() - k.size * math.lgamma(x)
        slope = special.digamma(z).sum() - k.size * float(special.digamma(x))
        curvature = _trigamma(z).sum() - k.size * _trigamma(x)
        return float(value), float(slope), float(curvature)
    ratio = k / x
    inverse_gap = -ratio / z  # 1/z - 1/x without cancellation
    square_gap = inverse_gap * (1.0 / x + 1.0 / z)  # 1/z^2 - 1/x^2
    log_ratio = np.log1p(ratio)
    value = k * np.log(z) + (x - 0.5) * log_ratio - k + inverse_gap / 12.0
    slope = log_ratio - 0.5 * inverse_gap - square_gap / 12.0
    curvature = inverse_gap + 0.5 * square_gap + (z**-3 - x**-3) / 6.0
    return float(value.sum()), float(slope.sum()), float(curvature.sum())


def _trigamma(z: np.ndarray | float) -> np.ndarray | float:
    """``polygamma(1, z)`` for z > 0, to about 1e-11 relative: the asymptotic series
    ``1/z + 1/(2z^2) + 1/(6z^3) - 1/(30z^5) + 1/(42z^7) - 1/(30z^9)`` where z >= 10, and
    scipy's Hurwitz zeta ``zeta(2, z)`` below, which costs ~170 ns an element: most elements
    are large here, and the fit evaluates these short arrays hundreds of times."""
    if np.ndim(z) == 0:
        return float(special.zeta(2.0, z))
    w = 1.0 / np.maximum(z, _TRIGAMMA_SERIES_FROM)
    w2 = w * w
    out = w * (1.0 + w * (0.5 + w * (1.0 / 6.0 - w2 * (1.0 / 30.0 - w2 * (1.0 / 42.0 - w2 / 30.0)))))
    small = np.flatnonzero(z < _TRIGAMMA_SERIES_FROM)
    if small.size:
        out[small] = special.zeta(2.0, z[small])
    return out


_TRIGAMMA_SERIES_FROM = 10.0


def _log_likelihood(theta: np.ndarray, k: np.ndarray, n: np.ndarray) -> tuple[float, np.ndarray, np.ndarray]:
    """Beta-binomial log-likelihood, gradient and Hessian in ``theta = (logit mu, ln phi)``."""
    mu, nu = float(special.expit(theta[0])), float(special.expit(-theta[0]))  # nu = 1 - mu, kept exact
    phi = math.exp(theta[1])
    a, b = mu * phi, nu * phi
    value_a, slope_a, curve_a = _rising_sums(a, k)
    value_b, slope_b, curve_b = _rising_sums(b, n - k)
    value_phi, slope_phi, curve_phi = _rising_sums(phi, n)
    w = phi * mu * nu  # d a / d logit mu = -d b / d logit mu
    gap = slope_a - slope_b
    by_phi = a * slope_a + b * slope_b - phi * slope_phi
    h_mu = w * (nu - mu) * gap + w * w * (curve_a + curve_b)
    h_phi = by_phi + a * a * curve_a + b * b * curve_b - phi * phi * curve_phi
    h_cross = w * gap + w * (a * curve_a - b * curve_b)
    value = value_a + value_b - value_phi
    return value, np.array([w * gap, by_phi]), np.array([[h_mu, h_cross], [h_cross, h_phi]])


def _binomial_log_likelihood(mu: float, k: np.ndarray, n: np.ndarray) -> float:
    """The ``phi -> infinity`` limit of :func:`_log_likelihood` (same constant terms)."""
    return float(np.sum(k) * math.log(mu) + np.sum(n - k) * math.log1p(-mu))


_LOGIT_LIMIT = 40.0
"""The search keeps |logit mean| below this (rates 4e-18 to 1 - 4e-18): beyond it the rate
rounds to 0 or 1 and the log-likelihood is undefined; any data's estimate lies well inside."""

_TRUSTED_STEP = 0.05
"""Newton steps shorter than this (in logit or log units) are taken without a line search."""

_MAX_ITERATIONS = 100
"""Newton steps at most; from the moment estimate a fit takes five to ten."""

_MAX_HALVINGS = 12
"""Step halvings tried before a point counts as the optimum (the step cut to 1/4096)."""

_MAX_STEP = 2.0
"""Largest Newton step in either coordinate (logit or log units): keeps a far-off start from
jumping to rates that underflow."""


def _maximise(
    start: np.ndarray, k: np.ndarray, n: np.ndarray, log_phi_bounds: tuple[float, float], free: list[int]
) -> tuple[np.ndarray, float, float]:
    """Maximise the log-likelihood over the coordinates ``free`` (the others held), by Newton's
    method with backtracking, ``ln phi`` kept within its bounds. Returns the point, the value
    and the slope in logit mean there.

    Where the Hessian is not negative definite (far from the optimum) the step is a gradient
    step scaled by the Hessian's diagonal.
    """
    theta = start.copy()
    value, gradient, hessian = _log_likelihood(theta, k, n)
    for _ in range(_MAX_ITERATIONS):
        g, h = gradient[free], hessian[np.ix_(free, free)]
        step, newton = _newton_step(g, h)
        step = np.clip(step, -_MAX_STEP, _MAX_STEP)
        if float(np.max(np.abs(step))) < 1e-10 or abs(float(g @ step)) < _noise(value):
            break  # at the optimum, or the step would gain less than the value's rounding noise
        # Near the optimum a Newton step is taken as it is: the exact gradient steers it, while
        # the log-likelihood's own rounding noise would make a comparison of values stall.
        trusted = newton and float(np.max(np.abs(step))) < _TRUSTED_STEP
        for halving in range(_MAX_HALVINGS):
            trial = theta.copy()
            trial[free] += step / 2**halving
            trial[0] = min(max(trial[0], -_LOGIT_LIMIT), _LOGIT_LIMIT)
            trial[1] = min(max(trial[1], log_phi_bounds[0]), log_phi_bounds[1])
            trial_value, trial_gradient, trial_hessian = _log_likelihood(trial, k, n)
            if trusted or trial_value >= value:
                break
        else:
            break  # no step improves: at the optimum to rounding, or on a flat edge
        moved = float(np.max(np.abs(trial - theta)))
        theta, value, gradient, hessian = trial, trial_value, trial_gradient, trial_hessian
        if moved < 1e-10:
            break
    return theta, value, float(gradient[0])


def _noise(value: float) -> float:
    """Rounding noise of a log-likelihood sum of this size (its terms, each up to ~1e5, carry
    errors of ~1e-11; measured ~1e-9 on a sum of -4e4 over 100 posts)."""
    return 1e-11 + 1e-13 * abs(value)


def _newton_step(g: np.ndarray, h: np.ndarray) -> tuple[np.ndarray, bool]:
    """The Newton step ``-h^-1 g`` where the Hessian is negative definite (and True), else a
    gradient step scaled by the Hessian's diagonal (and False)."""
    if g.size == 1:  # the profile's one free coordinate: no linear algebra needed
        if h[0, 0] < 0:
            return g / -h[0, 0], True
    else:
        try:
            np.linalg.cholesky(-h)
            return np.linalg.solve(-h, g), True
        except np.linalg.LinAlgError:
            pass
    return g / np.maximum(np.abs(np.diag(h)), 1e-12), False


def _profile_bound(
    theta: np.ndarray,
    drop: float,
    top: float,
    k: np.ndarray,
    n: np.ndarray,
    bounds: tuple[float, float],
    direction: float,
) -> float:
    """The logit mean where the profile log-likelihood falls ``drop`` below its top, on one
    side of the estimate: one end of the profile-likelihood interval.

    Newton's method on the profile, whose slope is the partial derivative in logit mean at
    the profiled spread (envelope theorem): outwards by at least 5% a step until the profile
    falls below the cut, then kept inside the bracket found so far.
    """
    level = top - drop
    tolerance = 10.0 * _noise(top)
    held = theta.copy()
    edge = direction * _LOGIT_LIMIT  # the interval may run to a rate of 0 or 1 to double precision
    inside, outside = theta[0], math.nan  # excess > 0 at inside, < 0 at outside
    eta = theta[0] + direction * max(Z95 * _wald_se(theta, k, n), 1e-6)  # the Wald end: usually close
    for _ in range(100):
        eta = min(max(eta, -_LOGIT_LIMIT), _LOGIT_LIMIT)
        held[0] = eta
        held, value, slope = _maximise(held, k, n, bounds, [1])
        excess = value - level
        if abs(excess) < tolerance or (excess > 0 and eta == edge):
            return eta
        if excess > 0:
            inside = eta
        else:
            outside = eta
        step = -excess / slope if slope * direction < 0 else math.inf
        guess = eta + step
        if math.isnan(outside):  # no bracket yet: follow Newton outwards, at least doubling the distance
            current = abs(eta - theta[0])
            distance = max(direction * (guess - theta[0]), 1.05 * current)
            eta = theta[0] + direction * (distance if math.isfinite(distance) else 2.0 * current)
        elif min(inside, outside) < guess < max(inside, outside):
            eta = guess
        else:
            eta = (inside + outside) / 2.0
        if abs(eta - held[0]) < 1e-12:
            return eta
    return eta


def _wald_se(theta: np.ndarray, k: np.ndarray, n: np.ndarray) -> float:
    """Standard error of logit mean from the observed information: the first search step."""
    _, _, hessian = _log_likelihood(theta, k, n)
    return math.sqrt(abs(_inverse(-hessian)[0, 0]))


def fit_rate(k: np.ndarray, n: np.ndarray) -> RateFit:
    """Beta-binomial MLE of the mean rate of ``k`` events among ``n`` people per post.

    Needs ``0 < sum k < sum n`` (the caller checks, with a message in the user's terms).
    """
    pooled = float(np.sum(k) / np.sum(n))
    log_cap = math.log(min(_PRECISION_CAP, float(np.max(n)) / _BINOMIAL_INFLATION))
    # Start at the method-of-moments spread: Pearson's X^2 = sum (1 + (n_i - 1) rho) on average.
    pearson = float(np.sum((k - n * pooled) ** 2 / (n * pooled * (1.0 - pooled))))
    rho = (pearson - k.size) / max(float(np.sum(n - 1.0)), 1.0)
    start_log_phi = math.log(1.0 / min(max(rho, 1e-9), 0.5) - 1.0)
    start = np.array([math.log(pooled) - math.log1p(-pooled), min(start_log_phi, log_cap)])
    bounds = (math.log(_PRECISION_MIN), log_cap)
    theta, top, _ = _maximise(start, k, n, bounds, [0, 1])
    binomial = theta[1] >= log_cap - 1e-6 or top <= _binomial_log_likelihood(pooled, k, n)
    if binomial:
        theta, top = np.array([start[0], log_cap]), _binomial_log_likelihood(pooled, k, n)
    # The 95% cut: chi2(1) / 2 = 1.92 when every post is alike; with the spread estimated from
    # the same posts, Student's t with posts - 2 degrees of freedom, as in quasi-likelihood.
    # (Two posts leave no degree of freedom: they get the one-degree cut, 12.7.)
    cut = Z95 if binomial else float(special.stdtrit(max(k.size - 2, 1), 0.975))
    low, high = (
        float(special.expit(_profile_bound(theta, cut**2 / 2.0, top, k, n, bounds, sign))) for sign in (-1.0, 1.0)
    )
    mu = pooled if binomial else float(special.expit(theta[0]))
    if binomial:
        return RateFit(mu, 0.0, math.inf, np.array([[1.0 / (mu * (1.0 - mu) * float(np.sum(n))), 0.0], [0.0, 0.0]]),
                       Estimate(mu, low, high))  # fmt: skip
    phi = math.exp(theta[1])
    _, _, hessian = _log_likelihood(theta, k, n)
    covariance = _inverse(-hessian)
    return RateFit(mu, 1.0 / (1.0 + phi), phi, covariance, Estimate(mu, low, high))


def _inverse(information: np.ndarray) -> np.ndarray:
    """Covariance from the observed information; where the spread is not pinned down (flat in
    ln phi) the rate's own information still is, and the spread is held at its estimate."""
    try:
        covariance = np.linalg.inv(information)
    except np.linalg.LinAlgError:
        covariance = np.full((2, 2), np.nan)
    if np.all(np.isfinite(covariance)) and covariance[0, 0] > 0 and covariance[1, 1] > 0:
        return covariance
    return np.array([[1.0 / information[0, 0], 0.0], [0.0, 0.0]])
