"""Share-loop calibration: exact estimates on small data, recovery on simulated posts, bad input.

Expected values come from closed forms (pooled binomial MLE, the ratio estimator of the
fan-out, the binomial likelihood-ratio cut), from an independent implementation
(scipy.stats.betabinom maximised by scipy.optimize) or from the branching process's own
expectation, never from the function under test.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy import optimize, special, stats

from simulator.models.estimates import Z95
from simulator.models.fit_share import fit_share, simulate_posts
from simulator.params import ParameterError
from tests.models.recovery import Recovered, assert_recovered

# --- Exact checks -------------------------------------------------------------------------------

# Shares exactly proportional to reach: less spread than binomial, so the fit is the pooled
# binomial one. Earned reach exactly 10 per share: fan-out residuals are zero.
REACH = [1_000, 2_000, 3_000]
SHARES = [10, 20, 30]
SEED = [900, 1_800, 2_700]
CONVERSIONS = [5, 10, 15]


def binomial_log_likelihood(rate: float, events: int, people: int) -> float:
    return events * math.log(rate) + (people - events) * math.log1p(-rate)


def profile_drop(rate: float, shares: list[int] | np.ndarray, reach: list[int] | np.ndarray, top: float) -> float:
    """How far the beta-binomial log-likelihood, maximised over the spread (scipy's betabinom,
    or the binomial limit of no spread), falls below ``top`` at ``rate``. Both exclude the
    binomial coefficients, which do not depend on the parameters."""
    k, n = np.asarray(shares), np.asarray(reach)
    constant = float(np.sum(special.gammaln(n + 1) - special.gammaln(k + 1) - special.gammaln(n - k + 1)))

    def spread(log_phi: float) -> float:
        phi = math.exp(log_phi)
        return -float(np.sum(stats.betabinom.logpmf(k, n, rate * phi, (1 - rate) * phi))) + constant

    best = optimize.minimize_scalar(spread, bounds=(-7.0, 35.0), method="bounded", options={"xatol": 1e-9})
    binomial = float(np.sum(k * math.log(rate) + (n - k) * math.log1p(-rate)))
    return top - max(-best.fun, binomial)


def test_pooled_binomial_estimates_by_hand() -> None:
    fit = fit_share(REACH, SHARES, seed_reach=SEED, conversions=CONVERSIONS)
    assert fit.posts == 3
    assert fit.overdispersion == 0.0
    assert fit.share_rate.value == 60 / 6_000  # sum shares / sum reach
    assert fit.share_rate_quantiles == {0.1: 0.01, 0.5: 0.01, 0.9: 0.01}  # every post alike
    np.testing.assert_allclose(fit.fitted_shares, [10.0, 20.0, 30.0], rtol=1e-15)
    assert fit.conversion_rate is not None
    assert fit.conversion_rate.value == 30 / 6_000
    # The interval is the profile-likelihood one: the spread between posts is maximised out at
    # each rate, so it is at least as wide as the binomial likelihood-ratio interval.
    top = binomial_log_likelihood(0.01, 60, 6_000)
    for end in (fit.share_rate.low, fit.share_rate.high):
        assert 2 * (top - binomial_log_likelihood(end, 60, 6_000)) >= Z95**2
        assert profile_drop(end, SHARES, REACH, top) == pytest.approx(Z95**2 / 2, abs=1e-5)
    assert 0.0075 < fit.share_rate.low < 0.01 < fit.share_rate.high < 0.013


def test_fanout_ratio_estimate_and_poisson_interval_by_hand() -> None:
    fit = fit_share(REACH, SHARES, seed_reach=SEED)
    assert fit.fanout is not None
    assert fit.viral_coefficient is not None
    assert fit.fanout.value == 600 / 60  # sum(reach - seed) / sum(shares)
    assert fit.fanout_dispersion == 1.0  # residuals are zero: the Poisson floor
    # Poisson: var(ln f) = 1 / sum(earned reach) = 1/600.
    assert fit.fanout.low == pytest.approx(10 * math.exp(-Z95 / math.sqrt(600)), rel=1e-12)
    assert fit.fanout.high == pytest.approx(10 * math.exp(Z95 / math.sqrt(600)), rel=1e-12)
    assert fit.viral_coefficient.value == pytest.approx(0.1, rel=1e-12)
    # Each side of the share rate's interval (log scale) combined with the fan-out's.
    below = math.log(0.01 / fit.share_rate.low) / Z95
    above = math.log(fit.share_rate.high / 0.01) / Z95
    assert fit.viral_coefficient.low == pytest.approx(0.1 * math.exp(-Z95 * math.hypot(below, 1 / math.sqrt(600))))
    assert fit.viral_coefficient.high == pytest.approx(0.1 * math.exp(Z95 * math.hypot(above, 1 / math.sqrt(600))))


@pytest.mark.parametrize(
    ("earned", "larger"),
    [([300, 200, 300], "pearson"), ([100, 400, 300], "sandwich")],
    ids=["small-post-off", "large-post-off"],
)
def test_fanout_dispersion_is_the_larger_of_pearson_and_sandwich(earned: list[int], larger: str) -> None:
    """Earned reach that varies more than Poisson widens the interval by the larger of
    Pearson's statistic over posts - 1 degrees of freedom (weights small posts more) and
    the robust sandwich form (weights large posts more)."""
    seed = [r - e for r, e in zip(REACH, earned, strict=True)]
    fit = fit_share(REACH, SHARES, seed_reach=seed)
    f = sum(earned) / 60
    residual = np.array(earned) - f * np.array(SHARES)
    pearson = float(np.sum(residual**2 / (f * np.array(SHARES)))) / 2
    sandwich = float(np.sum(residual**2)) / (f * 60) * 3 / 2
    expected = {"pearson": pearson, "sandwich": sandwich}
    assert expected[larger] == max(pearson, sandwich) > 1
    assert fit.fanout is not None
    assert fit.fanout.value == pytest.approx(f, rel=1e-15)
    assert fit.fanout_dispersion == pytest.approx(expected[larger], rel=1e-12)
    assert fit.fanout.high == pytest.approx(f * math.exp(Z95 * math.sqrt(expected[larger] / sum(earned))), rel=1e-12)


def test_without_seed_or_conversions_those_are_none() -> None:
    fit = fit_share(REACH, SHARES)
    assert (fit.fanout, fit.viral_coefficient, fit.conversion_rate) == (None, None, None)
    totals = fit.totals()
    assert totals["fanout"] is None
    assert totals["viral_coefficient_high"] is None
    assert totals["conversion_rate_low"] is None
    assert totals["share_rate"] == 0.01
    assert totals["posts"] == 3


def test_totals_hold_every_estimate_with_its_interval() -> None:
    fit = fit_share(REACH, SHARES, seed_reach=SEED, conversions=CONVERSIONS)
    totals = fit.totals()
    for name in ("share_rate", "fanout", "viral_coefficient", "conversion_rate"):
        estimate = getattr(fit, name)
        assert (totals[name], totals[f"{name}_low"], totals[f"{name}_high"]) == (
            estimate.value,
            estimate.low,
            estimate.high,
        )
    assert totals["share_rate_p10"] == totals["share_rate_p90"] == 0.01


def test_no_conversions_gives_zero_and_the_exact_upper_bound() -> None:
    fit = fit_share(REACH, SHARES, conversions=[0, 0, 0])
    assert fit.conversion_rate is not None
    assert (fit.conversion_rate.value, fit.conversion_rate.low) == (0.0, 0.0)
    # Clopper–Pearson: (1 - high)^6000 = 0.025.
    assert (1 - fit.conversion_rate.high) ** 6_000 == pytest.approx(0.025, rel=1e-9)


# Overdispersed posts: the beta-binomial fit against scipy's own beta-binomial.
SPREAD_REACH = np.array([1_200, 5_400, 2_300, 18_000, 800, 9_100, 3_300, 40_000, 650, 7_700])
SPREAD_SHARES = np.array([3, 41, 2, 160, 0, 12, 30, 95, 4, 15])


def exact_log_likelihood(mu: float, phi: float) -> float:
    """sum ln (a)_k + ln (b)_(n-k) - ln (phi)_n, every factor of the rising factorials summed
    exactly (math.fsum): slow, but free of rounding and of any series."""
    a, b = mu * phi, (1 - mu) * phi
    terms = []
    for k, n in zip(SPREAD_SHARES, SPREAD_REACH, strict=True):
        terms += [np.log(a + np.arange(k)), np.log(b + np.arange(n - k)), -np.log(phi + np.arange(n))]
    return math.fsum(np.concatenate(terms))


def test_beta_binomial_mle_matches_scipy_betabinom() -> None:
    def negative_log_likelihood(x: np.ndarray) -> float:
        """Beta-binomial by the textbook formula B(k + a, n - k + b) / B(a, b), without C(n, k)."""
        a, b = special.expit(x[0]) * math.exp(x[1]), special.expit(-x[0]) * math.exp(x[1])
        kernel = special.betaln(SPREAD_SHARES + a, SPREAD_REACH - SPREAD_SHARES + b) - special.betaln(a, b)
        return -float(np.sum(kernel))

    options = {"xatol": 1e-10, "fatol": 1e-12, "maxiter": 5_000}
    best = optimize.minimize(negative_log_likelihood, [-5.0, 3.0], method="Nelder-Mead", options=options)
    mu, phi = float(special.expit(best.x[0])), math.exp(best.x[1])
    fit = fit_share(SPREAD_REACH, SPREAD_SHARES)
    # betaln differences lose ~1e-6 to cancellation at these sizes, hence the tolerance; the
    # log-likelihood summed term by term (exactly) is at least as high at the fit's estimate.
    assert fit.share_rate.value == pytest.approx(mu, rel=1e-5)
    assert fit.overdispersion == pytest.approx(1 / (1 + phi), rel=1e-5)
    fit_phi = 1 / fit.overdispersion - 1
    assert exact_log_likelihood(fit.share_rate.value, fit_phi) >= exact_log_likelihood(mu, phi) - 1e-9
    # The per-post quantiles are those of the fitted Beta distribution.
    a, b = (
        fit.share_rate.value * (1 / fit.overdispersion - 1),
        (1 - fit.share_rate.value) * (1 / fit.overdispersion - 1),
    )
    for level, rate in fit.share_rate_quantiles.items():
        assert rate == pytest.approx(stats.beta.ppf(level, a, b), rel=1e-8)
    # Posts this different: the top 10% share at over five times the rate of the bottom 10%.
    assert fit.share_rate_quantiles[0.9] > 5 * fit.share_rate_quantiles[0.1]
    # The profile interval, with the t cut for 10 posts (8 degrees of freedom), is asymmetric,
    # wider above (a skewed spread), and holds the estimate.
    low, high = fit.share_rate.low, fit.share_rate.high
    top = -best.fun
    for end in (low, high):
        assert profile_drop(end, SPREAD_SHARES, SPREAD_REACH, top) == pytest.approx(
            stats.t.ppf(0.975, 8) ** 2 / 2, abs=1e-5
        )
    assert low < mu < high
    assert math.log(high / mu) > math.log(mu / low)


# --- Simulation --------------------------------------------------------------------------------


def test_simulated_reach_has_the_branching_mean() -> None:
    """Each reached person brings s f new people on average: E[reach] = seed / (1 - s f)."""
    data = simulate_posts(posts=20_000, share_rate=0.01, fanout=50.0, overdispersion=0.0, seed_reach=1_000, rng=3)
    assert data["reach"].mean() == pytest.approx(1_000 / (1 - 0.5), rel=0.01)
    assert data["shares"].mean() == pytest.approx(0.01 * 2_000, rel=0.01)
    assert set(data) == {"reach", "shares", "seed_reach"}
    assert np.all(data["seed_reach"] == 1_000)


def test_simulated_posts_are_reproducible_and_consistent() -> None:
    kwargs = {"posts": 50, "share_rate": 0.005, "fanout": 30.0, "overdispersion": 0.001, "seed_reach": 2_000}
    first = simulate_posts(**kwargs, conversion_rate=0.02, rng=7)
    second = simulate_posts(**kwargs, conversion_rate=0.02, rng=7)
    for key in first:
        np.testing.assert_array_equal(first[key], second[key])
    assert np.all(first["shares"] <= first["reach"])
    assert np.all(first["conversions"] <= first["reach"])
    assert np.all(first["reach"] >= first["seed_reach"])
    other = simulate_posts(**kwargs, rng=8)
    assert not np.array_equal(first["shares"], other["shares"])


def test_no_sharing_reaches_only_the_seed() -> None:
    data = simulate_posts(
        posts=5, share_rate=0.0, fanout=40.0, overdispersion=0.0, seed_reach=[10, 20, 30, 40, 50], rng=1
    )
    np.testing.assert_array_equal(data["reach"], [10, 20, 30, 40, 50])
    np.testing.assert_array_equal(data["shares"], 0)


def test_simulation_rejects_bad_parameters() -> None:
    with pytest.raises(ParameterError, match=r"^overdispersion = 1 is outside the allowed range: 0 to 0\.999"):
        simulate_posts(posts=5, share_rate=0.01, fanout=10.0, overdispersion=1, seed_reach=100, rng=1)
    with pytest.raises(ParameterError, match=r"^share_rate = 1\.5 "):
        simulate_posts(posts=5, share_rate=1.5, fanout=10.0, overdispersion=0.0, seed_reach=100, rng=1)
    with pytest.raises(ParameterError, match=r"^posts = 0 "):
        simulate_posts(posts=0, share_rate=0.01, fanout=10.0, overdispersion=0.0, seed_reach=100, rng=1)


# --- Recovery ------------------------------------------------------------------------------------

RECOVERY_SETS = 240


def _spread_is_subcritical(share_rate: float, fanout: float, overdispersion: float) -> bool:
    """No post's own share rate may tip its cascade (s_i f >= 0.9) but with odds below 1e-5:
    a tipping post fills its whole audience, which the branching model (and the fit) leaves out."""
    if overdispersion == 0:
        return share_rate * fanout < 0.9
    precision = 1 / overdispersion - 1
    return float(special.betaincc(share_rate * precision, (1 - share_rate) * precision, 0.9 / fanout)) < 1e-5


@pytest.fixture(scope="module")
def recovered() -> list[Recovered]:
    """Simulated histories with known parameters over realistic ranges: share rate 0.2–1%
    (log-uniform), fan-out 20–80, conversion rate 0.2–3%, 30–200 posts each with a seed
    reach of 1,000–50,000 (log-uniform), and a spread between posts that is nil (one set
    in five) or an overdispersion of 1e-4 to 1e-2 (log-uniform) short of tipping posts."""
    rng = np.random.default_rng(20_240_516)
    out: list[Recovered] = []
    while len(out) < RECOVERY_SETS:
        share_rate = float(np.exp(rng.uniform(math.log(0.002), math.log(0.01))))
        fanout = float(rng.uniform(20, 80))
        conversion_rate = float(np.exp(rng.uniform(math.log(0.002), math.log(0.03))))
        overdispersion = 0.0 if rng.random() < 0.2 else float(np.exp(rng.uniform(math.log(1e-4), math.log(1e-2))))
        if not _spread_is_subcritical(share_rate, fanout, overdispersion):
            continue
        posts = int(rng.integers(30, 201))
        seeds = np.exp(rng.uniform(math.log(1_000), math.log(50_000), posts)).round()
        data = simulate_posts(
            posts=posts,
            share_rate=share_rate,
            fanout=fanout,
            overdispersion=overdispersion,
            seed_reach=seeds,
            conversion_rate=conversion_rate,
            rng=rng,
        )
        fit = fit_share(data["reach"], data["shares"], seed_reach=data["seed_reach"], conversions=data["conversions"])
        truth = {
            "share_rate": share_rate,
            "fanout": fanout,
            "viral_coefficient": share_rate * fanout,
            "conversion_rate": conversion_rate,
            "overdispersion": overdispersion,
        }
        out.append(Recovered(truth, fit))
    return out


ESTIMATES = ("share_rate", "fanout", "viral_coefficient", "conversion_rate")


@pytest.mark.parametrize("name", ESTIMATES)
def test_recovery_covers_the_truth_at_the_nominal_rate_without_bias(recovered: list[Recovered], name: str) -> None:
    assert_recovered(recovered, name)


def test_recovery_measures_the_spread_between_posts(recovered: list[Recovered]) -> None:
    """Where posts differ (true overdispersion of 0.001 or more) the fit finds a spread of the
    right size; where every post is alike it finds little or none."""
    spread = [r.fit.overdispersion / r.truth["overdispersion"] for r in recovered if r.truth["overdispersion"] >= 1e-3]
    assert len(spread) > 20
    assert min(spread) > 0
    assert 0.8 < float(np.median(spread)) < 1.25
    alike = [r.fit.overdispersion for r in recovered if r.truth["overdispersion"] == 0]
    assert len(alike) > 20
    assert float(np.median(alike)) < 1e-5


# --- Bad input -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "english", "persian"),
    [
        (
            {"reach": [100, 200], "shares": [0, 0]},
            "shares = 0 is too small: at least 1 in total; with none the shares per person cannot be estimated (total over 2 posts)",
            "shares = ۰ بیش از حد کوچک است؛ مجاز: دست‌کم ۱ در جمع همهٔ پست‌ها؛ بدون هیچ موردی نرخ آن برای هر نفر برآوردشدنی نیست (جمع ۲ پست)",
        ),
        (
            {"reach": [100], "shares": [3]},
            "reach = 1 has too few values: at least 2 posts (one value per post); one post says nothing about how posts differ",
            "reach = ۱ مقدارهای کافی ندارد؛ مجاز: دست‌کم ۲ پست (یک مقدار برای هر پست)؛ از یک پست نمی‌توان فهمید پست‌ها چقدر با هم فرق دارند",
        ),
        (
            {"reach": [100, 200, 300], "shares": [3, 201, 5]},
            "shares = 201 is too large: at most reach = 200 people (at post 2)",
            "shares = ۲۰۱ بیش از حد بزرگ است؛ مجاز: حداکثر reach = ۲۰۰ نفر (در پست ۲)",
        ),
        (
            {"reach": [100, 200], "shares": [3, -1]},
            "shares = -1 is outside the allowed range: whole numbers from 0 to 10,000,000,000 people, one per post (at post 2)",
            "shares = −۱ خارج از بازهٔ مجاز است؛ مجاز: عدد صحیح از ۰ تا ۱۰٬۰۰۰٬۰۰۰٬۰۰۰ نفر، یکی برای هر پست (در پست ۲)",
        ),
        (
            {"reach": [100, float("nan")], "shares": [3, 4]},
            "reach = nan is not a finite number: whole numbers from 1 to 10,000,000,000 people, one per post (at post 2)",
            "reach = nan عدد متناهی نیست؛ مجاز: عدد صحیح از ۱ تا ۱۰٬۰۰۰٬۰۰۰٬۰۰۰ نفر، یکی برای هر پست (در پست ۲)",
        ),
        (
            {"reach": [100, 200], "shares": [3, 4], "seed_reach": [50, 250]},
            "seed_reach = 250 is too large: at most reach = 200 people (at post 2)",
            "seed_reach = ۲۵۰ بیش از حد بزرگ است؛ مجاز: حداکثر reach = ۲۰۰ نفر (در پست ۲)",
        ),
        (
            {"reach": [100, 200, 300], "shares": [3, 4]},
            "shares = 2 has the wrong number of values: as many values as reach (3 posts)",
            "shares = ۲ تعداد مقدارهایش درست نیست؛ مجاز: به همان تعداد مقدارهای reach (۳ پست)",
        ),
        (
            {"reach": [100, 200], "shares": [3, 4.5]},
            "shares = 4.5 is not a whole number: whole numbers from 0 to 10,000,000,000 people, one per post (at post 2)",
            "shares = ۴٫۵ عدد صحیح نیست؛ مجاز: عدد صحیح از ۰ تا ۱۰٬۰۰۰٬۰۰۰٬۰۰۰ نفر، یکی برای هر پست (در پست ۲)",
        ),
        (
            {"reach": [100, 200], "shares": [100, 200]},
            "shares = 300 is too large: fewer than reach = 300 people in total; if every reached person counted, the rate per person is not a rate (total over 2 posts)",
            "shares = ۳۰۰ بیش از حد بزرگ است؛ مجاز: کمتر از جمع reach = ۳۰۰ نفر؛ اگر همهٔ افراد دیده‌شده شمرده شوند، نرخی برای برآورد باقی نمی‌ماند (جمع ۲ پست)",
        ),
        (
            {"reach": [100, 200], "shares": [3, 4], "conversions": [0, 201]},
            "conversions = 201 is too large: at most reach = 200 people (at post 2)",
            "conversions = ۲۰۱ بیش از حد بزرگ است؛ مجاز: حداکثر reach = ۲۰۰ نفر (در پست ۲)",
        ),
    ],
    ids=[
        "no-shares",
        "one-post",
        "shares-over-reach",
        "negative",
        "nan",
        "seed-over-reach",
        "lengths",
        "fraction",
        "everyone-shared",
        "conversions-over-reach",
    ],
)
def test_degenerate_input_is_named_in_both_languages(kwargs: dict, english: str, persian: str) -> None:
    with pytest.raises(ParameterError) as caught:
        fit_share(**kwargs)
    assert str(caught.value) == english
    assert caught.value.describe(lang="fa") == persian
    assert caught.value.describe(lang="en") != persian


def test_error_about_one_post_carries_its_position() -> None:
    with pytest.raises(ParameterError) as caught:
        fit_share([100, 200, 300], [3, 4, 301])
    assert caught.value.index == 2  # type: ignore[attr-defined]


hostile_numbers = st.one_of(
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0, 1, 2, 10**10, 10**10 + 1, 2**63, -1]),
)
hostile_arrays = st.lists(hostile_numbers, min_size=0, max_size=12)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    reach=hostile_arrays, shares=hostile_arrays, seed=st.none() | hostile_arrays, conversions=st.none() | hostile_arrays
)
def test_hostile_arrays_fit_or_raise_parameter_error(
    reach: list[float], shares: list[float], seed: list[float] | None, conversions: list[float] | None
) -> None:
    try:
        fit = fit_share(reach, shares, seed_reach=seed, conversions=conversions)
    except ParameterError:
        return
    estimates = [fit.share_rate, fit.fanout, fit.viral_coefficient, fit.conversion_rate]
    for estimate in filter(None, estimates):
        assert 0 <= estimate.low <= estimate.value <= estimate.high < math.inf
    assert fit.share_rate.high <= 1


@settings(max_examples=100, deadline=None)
@given(
    reach=st.lists(st.integers(min_value=1, max_value=10**10), min_size=2, max_size=12),
    data=st.data(),
)
def test_valid_histories_always_fit(reach: list[int], data: st.DataObject) -> None:
    """Any whole-number history with some shares and not everyone sharing gives a fit whose
    interval holds its estimate."""
    shares = [data.draw(st.integers(min_value=0, max_value=r)) for r in reach]
    if sum(shares) in (0, sum(reach)):
        return
    fit = fit_share(reach, shares)
    assert 0 <= fit.share_rate.low <= fit.share_rate.value <= fit.share_rate.high <= 1
    assert 0 <= fit.overdispersion < 1
