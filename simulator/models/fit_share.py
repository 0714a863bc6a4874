"""Calibrate the share loop from a team's own posts: share rate, fan-out, viral coefficient.

The model is the stochastic share loop, a branching process: a post reaches its seed
(``seed_reach`` people who already follow); each reached person shares with probability
``s_i`` – the post's own share rate, drawn from a Beta distribution around the mean share
rate ``s`` (posts differ by orders of magnitude) – and each share reaches Poisson(f) new
people. Whatever the order of events and whenever a cascade stops, the likelihood of a
post's history is proportional to

    s_i^shares (1 - s_i)^(reach - shares) × f^(reach - seed_reach) exp(-f shares),

so it factorises: ``shares | reach`` is beta-binomial in (s, overdispersion) and the earned
reach ``reach - seed_reach`` is Poisson with mean ``f × shares``, whatever the spread of s.

* Share rate: beta-binomial MLE (:mod:`simulator.models.beta_binomial`) with a profile-
  likelihood interval; the per-post spread as quantiles of the fitted Beta.
* Fan-out: MLE ``f = sum(reach - seed_reach) / sum(shares)``. Its variance is the Poisson
  one times a dispersion factor: fan-out differs between sharers (some have 50 followers,
  some 5,000), which multiplies the variance of earned reach by ``1 + f/k`` under a
  negative-binomial fan-out; the factor is estimated by Pearson's statistic and by the
  robust (sandwich) form, whichever is larger, and never below 1 (quasi-Poisson; McCullagh
  & Nelder 1989, ch. 9). Wald interval on the log scale.
* Viral coefficient ``R0 = s f``: delta method on the log scale (the two likelihood
  factors share no parameter, so the two estimates are independent), each side of the
  share rate's (asymmetric) interval combined with the fan-out's.
* Conversion rate per reached person: beta-binomial like the share rate.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from simulator.declarations import CONVERSION_RATE, FANOUT, SHARE_RATE
from simulator.models.beta_binomial import RateFit, fit_rate
from simulator.models.estimates import Z95, Estimate
from simulator.models.fit_inputs import (
    COUNT_MAX,
    POST,
    count_array,
    require_at_most_each,
    require_same_length,
)
from simulator.params import ParameterError, exact_number

__all__ = ["QUANTILE_LEVELS", "ShareFit", "fit_share", "simulate_posts"]

QUANTILE_LEVELS = (0.1, 0.5, 0.9)
"""Per-post share-rate quantiles reported: the 10th percentile post, the median post, the top 10%."""

MIN_POSTS = 2
"""Fewest posts a fit accepts: one post says nothing about the spread between posts."""

_ZERO_EVENTS_UPPER = -math.log(0.025)
"""Upper 95% bound of a Poisson mean after 0 events (two-sided, exact): about 3.69."""


@dataclass(frozen=True)
class ShareFit:
    """Share-loop parameters fitted to ``posts`` posts (rates are fractions 0–1 per reached person).

    ``share_model``, ``conversion_model`` and ``fanout_log_se`` carry what a forecast needs
    to draw from the uncertainty; ``fanout_dispersion`` is the factor (>= 1) by which the
    earned reach varied more than Poisson.
    """

    posts: int
    share_rate: Estimate
    share_rate_quantiles: dict[float, float]
    overdispersion: float
    fanout: Estimate | None
    viral_coefficient: Estimate | None
    conversion_rate: Estimate | None
    fitted_shares: np.ndarray
    share_model: RateFit
    conversion_model: RateFit | None = None
    fanout_log_se: float | None = None
    fanout_dispersion: float | None = None

    def totals(self) -> dict[str, float | int | None]:
        """Each estimate with ``_low``/``_high`` (95%), and ``posts``; None where not estimable."""
        out: dict[str, float | int | None] = {}
        for name in ("share_rate", "fanout", "viral_coefficient", "conversion_rate"):
            estimate: Estimate | None = getattr(self, name)
            out |= estimate.totals(name) if estimate else dict.fromkeys((name, f"{name}_low", f"{name}_high"))
        out["overdispersion"] = self.overdispersion
        for level, rate in self.share_rate_quantiles.items():
            out[f"share_rate_p{round(level * 100)}"] = rate
        out["posts"] = self.posts
        return out


def _total_error(name: str, total: float, posts: int, allowed: str, allowed_fa: str, reason: str) -> ParameterError:
    """An error about a column's total over all posts (no shares at all, everyone converted)."""
    return ParameterError(
        name,
        total,
        f"{allowed} (total over {exact_number(posts)} posts)",
        reason,
        allowed_fa=f"{allowed_fa} (جمع {exact_number(posts)} پست)",
    )


def _check_rate_total(name: str, events: np.ndarray, reach: np.ndarray, *, none_allowed: bool) -> None:
    """The events of a rate must not cover every reached person, nor (unless allowed) be none."""
    total, people = float(events.sum()), float(reach.sum())
    if total == 0 and not none_allowed:
        raise _total_error(
            name,
            0,
            events.size,
            f"at least 1 in total; with none the {name.replace('_', ' ')} per person cannot be estimated",
            "دست‌کم ۱ در جمع همهٔ پست‌ها؛ بدون هیچ موردی نرخ آن برای هر نفر برآوردشدنی نیست",
            "is too small",
        )
    if total == people:
        raise _total_error(
            name,
            _integer(total),
            events.size,
            f"fewer than reach = {exact_number(_integer(people))} people in total; if every reached person "
            f"counted, the rate per person is not a rate",
            f"کمتر از جمع reach = {exact_number(_integer(people))} نفر؛ اگر همهٔ افراد دیده‌شده شمرده شوند، "
            "نرخی برای برآورد باقی نمی‌ماند",
            "is too large",
        )


def _integer(x: float) -> int:
    return int(x)


def _fanout(earned: np.ndarray, shares: np.ndarray) -> tuple[Estimate, float | None, float | None]:
    """Fan-out estimate, the standard error of its log and the dispersion factor."""
    total_shares, total_earned = float(shares.sum()), float(earned.sum())
    if total_earned == 0:  # no one beyond the seed: f = 0, bounded above by the zero-event bound
        return Estimate(0.0, 0.0, _ZERO_EVENTS_UPPER / total_shares), None, None
    f = total_earned / total_shares
    residual = earned - f * shares
    posts = shares.size
    shared = shares > 0
    pearson = float(np.sum(residual[shared] ** 2 / (f * shares[shared]))) / max(int(shared.sum()) - 1, 1)
    sandwich = float(np.sum(residual**2)) / (f * total_shares) * posts / (posts - 1)
    dispersion = max(1.0, pearson, sandwich)
    log_se = math.sqrt(dispersion / total_earned)  # var(ln f) = dispersion f / sum(shares) / f^2
    return Estimate.from_log(f, log_se), log_se, dispersion


def _viral(share: RateFit, fanout: Estimate, fanout_log_se: float | None) -> Estimate:
    """R0 = s f with its delta-method interval on the log scale."""
    if fanout_log_se is None:  # f = 0: R0 = 0, at most the product of the upper bounds
        return Estimate(0.0, 0.0, share.estimate.high * fanout.high)
    value = share.mean * fanout.value
    below, above = (math.hypot(side, fanout_log_se) for side in share.log_spread())
    return Estimate(value, value * math.exp(-Z95 * below), value * math.exp(Z95 * above))


def _conversions(conversions: np.ndarray, reach: np.ndarray) -> tuple[Estimate, RateFit | None]:
    _check_rate_total("conversions", conversions, reach, none_allowed=True)
    if conversions.sum() == 0:  # exact (Clopper–Pearson) upper bound for 0 of sum(reach)
        return Estimate(0.0, 0.0, -math.expm1(math.log(0.025) / float(reach.sum()))), None
    model = fit_rate(conversions, reach)
    return model.estimate, model


def fit_share(
    reach: ArrayLike,
    shares: ArrayLike,
    *,
    seed_reach: ArrayLike | None = None,
    conversions: ArrayLike | None = None,
) -> ShareFit:
    """Fit the share loop to posts: one element per post in every array.

    ``reach``: people reached per post (whole, >= 1); ``shares``: shares per post (0 to
    reach); ``seed_reach``: people reached who already follow (the seed, 0 to reach) –
    without it fan-out and viral coefficient are None; ``conversions``: per post (0 to
    reach), optional. Raises :class:`~simulator.params.ParameterError` on invalid or
    degenerate input (fewer than 2 posts, no shares at all, shares > reach, ...).
    """
    reach_ = count_array("reach", reach, POST, minimum=1)
    posts = reach_.size
    if posts < MIN_POSTS:
        raise ParameterError(
            "reach",
            posts,
            f"at least {MIN_POSTS} posts (one value per post); one post says nothing about how posts differ",
            "has too few values",
            allowed_fa=f"دست‌کم {MIN_POSTS} پست (یک مقدار برای هر پست)؛ از یک پست نمی‌توان فهمید پست‌ها چقدر با هم فرق دارند",
            reason_fa="مقدارهای کافی ندارد",
        )
    shares_ = _column("shares", shares, reach_)
    _check_rate_total("shares", shares_, reach_, none_allowed=False)
    share_model = fit_rate(shares_, reach_)
    fanout = viral = None
    fanout_log_se = dispersion = None
    if seed_reach is not None:
        seed = _column("seed_reach", seed_reach, reach_)
        fanout, fanout_log_se, dispersion = _fanout(reach_ - seed, shares_)
        viral = _viral(share_model, fanout, fanout_log_se)
    conversion_rate = conversion_model = None
    if conversions is not None:
        conversion_rate, conversion_model = _conversions(_column("conversions", conversions, reach_), reach_)
    return ShareFit(
        posts=posts,
        share_rate=share_model.estimate,
        share_rate_quantiles=share_model.quantiles(QUANTILE_LEVELS),
        overdispersion=share_model.overdispersion,
        fanout=fanout,
        viral_coefficient=viral,
        conversion_rate=conversion_rate,
        fitted_shares=share_model.mean * reach_,
        share_model=share_model,
        conversion_model=conversion_model,
        fanout_log_se=fanout_log_se,
        fanout_dispersion=dispersion,
    )


def _column(name: str, values: ArrayLike, reach: np.ndarray) -> np.ndarray:
    """A per-post count column beside ``reach``: same length, each value at most that post's reach."""
    column = count_array(name, values, POST)
    require_same_length("reach", reach.size, name, column, POST)
    require_at_most_each(name, column, "reach", reach, POST)
    return column


# --- Simulation ------------------------------------------------------------------------------

OVERDISPERSION_MAX = 0.999
"""Largest between-post spread simulated (1 would make every post all-or-nothing)."""


def _post_rates(rng: np.random.Generator, mean: float, overdispersion: float, posts: int) -> np.ndarray:
    """Each post's own rate: Beta with the given mean and overdispersion 1 / (1 + a + b)."""
    if overdispersion == 0 or mean in (0.0, 1.0):
        return np.full(posts, mean)
    precision = 1.0 / overdispersion - 1.0
    return rng.beta(mean * precision, (1.0 - mean) * precision, size=posts)


def _check_overdispersion(value: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= OVERDISPERSION_MAX:
        raise ParameterError(
            "overdispersion",
            value,
            f"0 to {exact_number(OVERDISPERSION_MAX)} (0 = every post alike)",
            allowed_fa=f"از ۰ تا {exact_number(OVERDISPERSION_MAX)} (صفر یعنی همهٔ پست‌ها یکسان‌اند)",
        )
    return float(value)


def simulate_posts(
    *,
    posts: int,
    share_rate: float,
    fanout: float,
    overdispersion: float,
    seed_reach: ArrayLike,
    conversion_rate: float | None = None,
    rng: np.random.Generator | int | None = None,
    max_reach: int = COUNT_MAX // 10,
) -> dict[str, np.ndarray]:
    """Posts made by the stochastic share loop that :func:`fit_share` inverts.

    Per post: a share rate drawn from a Beta with mean ``share_rate`` and
    ``overdispersion`` (0–1; 0 = every post alike); the ``seed_reach`` people (a number,
    or one per post) each share with that probability; each share reaches Poisson(``fanout``)
    new people, who may share in turn, until no one new is reached. A cascade that would
    pass ``max_reach`` people stops there (the audience runs out; the branching likelihood
    no longer holds exactly for such a post). With ``conversion_rate``, each reached person
    converts with a per-post probability drawn the same way. Returns whole-number arrays
    ``reach``, ``shares``, ``seed_reach`` and (with a conversion rate) ``conversions``.
    """
    share_rate = float(SHARE_RATE.check(share_rate))  # type: ignore[arg-type]
    fanout = float(FANOUT.check(fanout))  # type: ignore[arg-type]
    overdispersion = _check_overdispersion(overdispersion)
    if isinstance(posts, bool) or not isinstance(posts, int | np.integer) or posts < 1:
        raise ParameterError("posts", posts, "a whole number of at least 1", allowed_fa="عدد صحیح دست‌کم ۱")
    seeds = count_array("seed_reach", np.broadcast_to(np.asarray(seed_reach), (posts,)), POST, minimum=1)
    generator = np.random.default_rng(rng)
    rates = _post_rates(generator, share_rate, overdispersion, posts)
    seed = np.minimum(seeds.astype(np.int64), max_reach)
    reach, new, shares = seed.copy(), seed.copy(), np.zeros(posts, dtype=np.int64)
    live = np.flatnonzero(new)
    while live.size:
        shared = generator.binomial(new[live], rates[live])
        shares[live] += shared
        reached = np.minimum(generator.poisson(fanout * shared), max_reach - reach[live])
        reach[live] += reached
        new[live] = reached
        live = live[reached > 0]
    out = {"reach": reach, "shares": shares, "seed_reach": seed}
    if conversion_rate is not None:
        rate = float(CONVERSION_RATE.check(conversion_rate))  # type: ignore[arg-type]
        out["conversions"] = generator.binomial(reach, _post_rates(generator, rate, overdispersion, posts))
    return out
