"""Guards for model bugs that once slipped through the suite (issue #15).

Expected values are worked out here from the documented equations, step by step, or
from the definition of the statistic, never by calling the function under test twice.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from simulator.models.crisis import CrisisParams
from simulator.models.estimates import Estimate
from simulator.models.fit_bass import fit_bass
from simulator.models.fit_share import fit_share
from simulator.models.network import NetworkParams, network_cascade
from simulator.models.referral import ReferralParams, referral_loop
from simulator.models.segments import Segment, SegmentsParams, allocate_budget, make_segments
from simulator.params import ParameterError
from tests.models.test_fit_bass import noise_free

# --- referral loop: market cap and churn together --------------------------------------


def test_referral_cap_and_churn_worked_by_hand() -> None:
    """U0 = 10, K = 10 x 0.5 = 5, market M = 100, churn 20% a cycle, three one-day cycles.

    From the module's equations: new_{k+1} = (M - A_k)(1 - exp(-K new_k / M)) with A the
    customers ever acquired (churned people stay acquired: they are not invited again),
    and active_{k+1} = active_k (1 - churn) + new_{k+1} (churn hits the customers of the
    cycle before, not the cycle's newcomers).
    """
    m, k, churn = 100.0, 5.0, 0.2
    # cycle 0: the seeds
    new0, acq0, act0 = 10.0, 10.0, 10.0
    # cycle 1: 90 not yet acquired, each missed by all 50 invitations with prob exp(-0.5)
    new1 = 90.0 * (1.0 - math.exp(-0.5))  # 35.412
    acq1 = acq0 + new1  # 45.412
    act1 = act0 * 0.8 + new1  # 8 + 35.412 = 43.412
    # cycle 2: 100 - 45.412 = 54.588 left; invitations 5 x 35.412 = 177.06 over 100 people
    new2 = (m - acq1) * (1.0 - math.exp(-k * new1 / m))  # 45.295
    acq2 = acq1 + new2  # 90.708
    act2 = act1 * 0.8 + new2  # 34.730 + 45.295 = 80.025
    # cycle 3: 9.292 left
    new3 = (m - acq2) * (1.0 - math.exp(-k * new2 / m))  # 8.327
    acq3 = acq2 + new3  # 99.035
    act3 = act2 * 0.8 + new3  # 64.020 + 8.327 = 72.347

    # The same numbers to four decimals, by hand, so a slip in the lines above shows too.
    assert [round(x, 4) for x in (new1, new2, new3)] == [35.4122, 45.2954, 8.3274]
    assert [round(x, 4) for x in (acq1, acq2, acq3)] == [45.4122, 90.7076, 99.0349]
    assert [round(x, 4) for x in (act1, act2, act3)] == [43.4122, 80.0251, 72.3475]

    r = referral_loop(
        seed_customers=10, invites=10, conversion_rate=0.5, cycle_days=1, days=3, audience=100, churn=churn
    )
    np.testing.assert_allclose(r.series["new_customers"], [new0, new1, new2, new3], rtol=1e-12)
    np.testing.assert_allclose(r.series["total_acquired"], [acq0, acq1, acq2, acq3], rtol=1e-12)
    np.testing.assert_allclose(r.series["customers"], [act0, act1, act2, act3], rtol=1e-12)
    assert r.totals["customers"] == pytest.approx(act3, rel=1e-12)
    assert r.totals["total_acquired"] == pytest.approx(acq3, rel=1e-12)


def test_referral_churn_keeps_this_cycles_newcomers() -> None:
    """No cap, K = 2, churn 50%: active = half of last cycle's customers + every newcomer."""
    r = referral_loop(seed_customers=10, invites=4, conversion_rate=0.5, cycle_days=1, days=3, churn=0.5)
    # new: 10, 20, 40, 80; active: 10, 5 + 20 = 25, 12.5 + 40 = 52.5, 26.25 + 80 = 106.25
    np.testing.assert_allclose(r.series["new_customers"], [10, 20, 40, 80], rtol=1e-12)
    np.testing.assert_allclose(r.series["customers"], [10, 25, 52.5, 106.25], rtol=1e-12)
    np.testing.assert_allclose(r.series["total_acquired"], [10, 30, 70, 150], rtol=1e-12)


@pytest.mark.parametrize("churn", [0.1, 0.5, 0.9, 1.0])
def test_referral_with_churn_never_acquires_past_the_cap(churn: float) -> None:
    """Churned customers leave the active count but stay acquired: the market fills once.

    Invitations come only from each cycle's newcomers and land on people not yet acquired,
    so churn changes who is active, never who is acquired: the acquisition series equals
    the churn-free run's, and stays within the market.
    """
    base = {"seed_customers": 50, "invites": 20, "conversion_rate": 0.5, "cycle_days": 1, "days": 300}
    r = referral_loop(**base, audience=1_000, churn=churn)
    kept = referral_loop(**base, audience=1_000)
    acquired = r.series["total_acquired"]
    assert acquired.max() <= 1_000
    np.testing.assert_array_equal(acquired, kept.series["total_acquired"])
    np.testing.assert_array_equal(r.series["new_customers"], kept.series["new_customers"])
    assert np.all(r.series["customers"] <= acquired)


# --- network cascade: the 5–95% band ---------------------------------------------------


def _linear_percentile(values: np.ndarray, q: float) -> float:
    """The q-th percentile by its definition (linear interpolation between order statistics)."""
    ordered = np.sort(values).astype(float)
    position = q / 100 * (len(ordered) - 1)
    below = math.floor(position)
    above = min(below + 1, len(ordered) - 1)
    return float(ordered[below] + (position - below) * (ordered[above] - ordered[below]))


def test_network_band_is_the_5th_to_95th_percentile_of_final_reach() -> None:
    # One random seed on a sparse random graph near its tipping point: most runs die out,
    # a few take off, so the 90th and 95th percentiles are far apart.
    p = NetworkParams(
        graph="random",
        audience=1_000,
        avg_degree=4,
        seeds=1,
        seeding="random",
        share_rate=0.5,
        visibility=0.5,
        runs=200,
        steps=40,
    )
    r = network_cascade(p)
    final = r.final_reach
    assert final.shape == (200,)
    assert r.totals["still_spreading"] == 0  # so the last step's reach is each run's final reach
    p90, p95, p5 = (_linear_percentile(final, q) for q in (90, 95, 5))
    assert p95 > p90 + 10, (p90, p95)  # the case separates the two
    assert r.totals["reach_p95"] == pytest.approx(p95, rel=1e-12)
    assert r.series["reach_p95"][-1] == pytest.approx(p95, rel=1e-12)
    assert r.totals["reach_p5"] == pytest.approx(p5, rel=1e-12)
    assert r.totals["reach_p95"] == pytest.approx(float(np.percentile(final, 95)), rel=1e-12)


# --- segment allocator: the tie rule ---------------------------------------------------


def _identical(n: int) -> list[Segment]:
    return [Segment(name=f"Twin {i + 1}") for i in range(n)]


@pytest.mark.parametrize(
    ("slices", "expected_spend"),
    [
        # One slice of 10 and three identical segments: the first segment wins the tie.
        (1, [10.0, 0.0, 0.0]),
        # Two slices: the first goes to segment 1; its next slice adds less (concave), so
        # the second ties between segments 2 and 3 and goes to segment 2.
        (2, [10.0, 10.0, 0.0]),
        (4, [20.0, 10.0, 10.0]),
    ],
)
def test_segment_ties_go_to_the_first_segment(slices: int, expected_spend: list[float]) -> None:
    """The documented rule (``_greedy``: "ties: first segment"), with exact ties."""
    params = SegmentsParams(budget=10.0 * slices, budget_units=slices)
    r = allocate_budget(params, segments=_identical(3))
    assert r.series["spend"].tolist() == expected_spend
    assert r.series["segment"].tolist() == ["Twin 1", "Twin 2", "Twin 3"]


# --- what mutmut's engine sample found unpinned (issue #15) --------------------------------------


def test_a_cumulative_series_may_stay_flat_for_a_period() -> None:
    """A period with no new adopters leaves the cumulative count flat, which is not a fall:
    the cumulative form fits exactly as the per-period form does."""
    new = noise_free(1e5, 0.01, 0.2, 30)
    new[24] = 0.0
    per_period, cumulative = fit_bass(new), fit_bass(np.cumsum(new), cumulative=True)
    assert (cumulative.p, cumulative.q, cumulative.market) == (per_period.p, per_period.q, per_period.market)


def test_too_long_a_bass_series_is_refused_in_persian_too() -> None:
    with pytest.raises(ParameterError) as caught:
        fit_bass([1] * 3_651)
    assert caught.value.describe(lang="fa") == (
        "adopters = ۳٬۶۵۱ مقدارهای بیش از حد دارد؛ مجاز: از ۴ تا ۳٬۶۵۰ دوره (یک مقدار برای هر دوره)؛ "
        "سه پارامتر دست‌کم یک دورهٔ بیشتر می‌خواهند"
    )


def test_no_earned_reach_gives_a_viral_coefficient_of_zero_from_zero() -> None:
    """Every person reached already follows: fan-out 0, so R0 = 0 with the interval 0 to the
    product of the upper bounds of share rate and fan-out."""
    fit = fit_share([1000, 2000, 1500], [5, 8, 6], seed_reach=[1000, 2000, 1500])
    assert fit.viral_coefficient == Estimate(0.0, 0.0, fit.share_rate.high * fit.fanout.high)


def test_referral_too_fast_for_even_one_day_says_what_to_change_in_persian() -> None:
    with pytest.raises(ParameterError) as caught:
        ReferralParams(seed_customers=1000, invites=1000, conversion_rate=1.0, cycle_days=0.1, days=1)
    assert caught.value.describe(lang="fa") == (
        "days = ۱ برای رشد بدون سقف بیش از حد طولانی است؛ مجاز: با K = ۱٬۰۰۰ و دورهای ۰٫۱ روزه و بدون سقف "
        "بازار، حتی ۱ روز هم زیاد است (مشتریان از ۱٬۰۰۰٬۰۰۰٬۰۰۰٬۰۰۰٬۰۰۰ می‌گذرند)؛ audience را برای سقف بازار "
        "تعیین کنید، invites یا conversion_rate را کم کنید یا cycle_days را بلندتر کنید"
    )


def test_a_bad_segment_is_named_in_the_messages_language() -> None:
    with pytest.raises(ParameterError) as caught:
        make_segments(
            [
                {
                    "name": "Loyal",
                    "size": -5,
                    "share_rate": 0.1,
                    "fanout": 2,
                    "conversion_rate": 0.1,
                    "cost_per_reach": 0.1,
                }
            ]
        )
    assert caught.value.describe().endswith(' (segment "Loyal")')
    assert caught.value.describe(lang="fa").endswith(" نفر (بخش «Loyal»)")


def test_a_crisis_seed_above_its_audience_is_refused_in_people() -> None:
    with pytest.raises(ParameterError) as caught:
        CrisisParams(seed_reach=2000, audience=1000)
    assert (caught.value.describe(), caught.value.describe(lang="fa")) == (
        "seed_reach = 2,000 is too large: at most audience = 1,000 people",
        "seed_reach = ۲٬۰۰۰ بیش از حد بزرگ است؛ مجاز: حداکثر audience = ۱٬۰۰۰ نفر",
    )
