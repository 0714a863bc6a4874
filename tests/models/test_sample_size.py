"""A/B sample size: held out against the normal-approximation formula worked here by hand,
against the values R's documentation prints for power.prop.test, and its refusals."""

from __future__ import annotations

import math
from statistics import NormalDist

import pytest

from simulator.models.sample_size import LIFT_LADDER, SampleSizeParams, per_group_exact, sample_size
from simulator.params import ParameterError


def by_hand(p1: float, lift: float, alpha: float, power: float) -> float:
    """n per group, written out from the textbook formula (not the engine's code):
    (z_{1-a/2} sqrt(2 pbar qbar) + z_{1-b} sqrt(p1 q1 + p2 q2))^2 / (p2 - p1)^2."""
    p2 = p1 * (1 + lift)
    pbar = (p1 + p2) / 2
    z_a = NormalDist().inv_cdf(1 - alpha / 2)
    z_b = NormalDist().inv_cdf(power)
    top = z_a * math.sqrt(2 * pbar * (1 - pbar)) + z_b * math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))
    return top * top / (p2 - p1) ** 2


def test_two_percent_baseline_twenty_percent_lift() -> None:
    # 2% -> 2.4%, alpha 0.05, power 0.8: z = 1.959964 and 0.841621, pbar = 0.022;
    # (1.959964 x sqrt(0.043032) + 0.841621 x sqrt(0.043024))^2 / 0.004^2 = 21,108.38 -> 21,109.
    result = sample_size(SampleSizeParams(baseline_rate=0.02, min_detectable_lift=0.2, alpha=0.05, power=0.8))
    assert result.totals["per_group_exact"] == pytest.approx(by_hand(0.02, 0.2, 0.05, 0.8), rel=1e-12)
    assert result.totals["per_group_exact"] == pytest.approx(21_108.383, abs=1e-3)
    assert result.totals["per_group"] == 21_109
    assert result.totals["total_sample"] == 42_218
    assert result.totals["target_rate"] == pytest.approx(0.024)
    assert result.totals["absolute_difference"] == pytest.approx(0.004)


@pytest.mark.parametrize(
    ("p1", "lift", "alpha", "power", "printed", "tolerance", "rounded_up"),
    [
        # R, stats/man/power.prop.test.Rd: power.prop.test(p1 = .50, p2 = .75, power = .90) => n = 76.7
        (0.5, 0.5, 0.05, 0.9, 76.7, 0.05, 77),
        # power.prop.test(p1 = .5, p2 = 0.501, sig.level = .001, power = 0.90) => n = 10451937
        (0.5, 0.002, 0.001, 0.9, 10_451_937, 1, 10_451_937),
    ],
)
def test_values_r_documents_for_power_prop_test(
    p1: float, lift: float, alpha: float, power: float, printed: float, tolerance: float, rounded_up: int
) -> None:
    totals = sample_size(baseline_rate=p1, min_detectable_lift=lift, alpha=alpha, power=power).totals
    assert totals["per_group_exact"] == pytest.approx(printed, abs=tolerance)
    assert totals["per_group"] == rounded_up


@pytest.mark.parametrize(
    ("p1", "lift", "alpha", "power"),
    [(0.0001, 0.001, 0.001, 0.99), (0.3, 1.5, 0.1, 0.5), (0.9, 0.1, 0.2, 0.95), (0.05, 0.1, 0.05, 0.8)],
)
def test_engine_matches_the_formula_across_the_range(p1: float, lift: float, alpha: float, power: float) -> None:
    exact = by_hand(p1, lift, alpha, power)
    totals = sample_size(baseline_rate=p1, min_detectable_lift=lift, alpha=alpha, power=power).totals
    assert totals["per_group_exact"] == pytest.approx(exact, rel=1e-12)
    assert totals["per_group"] == math.ceil(exact)


def test_series_repeats_the_calculation_for_each_multiple_of_the_lift() -> None:
    result = sample_size(baseline_rate=0.02, min_detectable_lift=0.2)
    rows = list(result.rows())
    assert [r["min_detectable_lift"] for r in rows] == pytest.approx([0.2 * k for k in LIFT_LADDER])
    assert [r["per_group"] for r in rows] == [math.ceil(by_hand(0.02, 0.2 * k, 0.05, 0.8)) for k in LIFT_LADDER]
    assert all(r["total_sample"] == 2 * r["per_group"] for r in rows)
    assert rows[LIFT_LADDER.index(1.0)]["per_group"] == result.totals["per_group"]
    # Halving the lift roughly quadruples the sample: n grows as 1 / (p2 - p1)^2.
    assert 3.5 < rows[0]["per_group"] / rows[2]["per_group"] < 4.5


def test_series_drops_lifts_whose_rate_would_pass_100_percent() -> None:
    # 60% x (1 + 0.5 x k) stays below 1 for k < 4/3: the ladder stops after 1.25.
    rows = list(sample_size(baseline_rate=0.6, min_detectable_lift=0.5).rows())
    assert [r["min_detectable_lift"] for r in rows] == pytest.approx([0.25, 0.375, 0.5, 0.625])


def test_more_power_or_a_stricter_alpha_needs_more_people() -> None:
    n = [per_group_exact(0.02, 0.024, 0.05, power) for power in (0.5, 0.8, 0.9, 0.99)]
    assert n == sorted(n)
    assert len(set(n)) == 4
    m = [per_group_exact(0.02, 0.024, alpha, 0.8) for alpha in (0.2, 0.1, 0.05, 0.01)]
    assert m == sorted(m)
    assert len(set(m)) == 4


@pytest.mark.parametrize(
    ("field", "value", "english", "persian"),
    [
        ("baseline_rate", 0.0, "baseline_rate = 0 is outside the allowed range: 0.0001 to 0.99", "از ۰٫۰۰۰۱ تا ۰٫۹۹"),
        ("baseline_rate", 1.0, "baseline_rate = 1 is outside the allowed range: 0.0001 to 0.99", "از ۰٫۰۰۰۱ تا ۰٫۹۹"),
        (
            "min_detectable_lift",
            0.0,
            "min_detectable_lift = 0 is outside the allowed range: 0.001 to 10",
            "از ۰٫۰۰۱ تا ۱۰",
        ),
        ("alpha", 0.5, "alpha = 0.5 is outside the allowed range: 0.001 to 0.2", "از ۰٫۰۰۱ تا ۰٫۲"),
        ("power", 1.0, "power = 1 is outside the allowed range: 0.5 to 0.99", "از ۰٫۵ تا ۰٫۹۹"),
        ("power", 0.4, "power = 0.4 is outside the allowed range: 0.5 to 0.99", "از ۰٫۵ تا ۰٫۹۹"),
    ],
)
def test_out_of_range_is_refused_in_both_languages(field: str, value: float, english: str, persian: str) -> None:
    with pytest.raises(ParameterError, match=f"^{english}$") as refused:
        SampleSizeParams(**{field: value})
    fa = refused.value.describe(lang="fa")
    assert fa.startswith(f"{field} = ")
    assert "خارج از بازهٔ مجاز است؛ مجاز: " + persian in fa


def test_a_variant_rate_of_100_percent_or_more_is_refused() -> None:
    with pytest.raises(ParameterError) as refused:
        SampleSizeParams(baseline_rate=0.9, min_detectable_lift=0.2)
    error = refused.value
    assert str(error) == (
        "min_detectable_lift = 0.2 is too large: baseline_rate × (1 + min_detectable_lift) must stay below 1 (100%), "
        "here 0.9 × 1.2 = 1.08"
    )
    assert error.describe(lang="fa") == (
        "min_detectable_lift = ۰٫۲ بیش از حد بزرگ است؛ مجاز: حاصل baseline_rate × (۱ + min_detectable_lift) "
        "باید کمتر از ۱ (۱۰۰٪) بماند، اینجا ۰٫۹ × ۱٫۲ = ۱٫۰۸"
    )
    # The edge itself is refused (a rate of exactly 100%: 0.5 x 2 = 1), just below it is accepted.
    with pytest.raises(ParameterError, match=r"here 0\.5 × 2 = 1$"):
        SampleSizeParams(baseline_rate=0.5, min_detectable_lift=1.0)
    assert sample_size(baseline_rate=0.5, min_detectable_lift=0.99).totals["target_rate"] == pytest.approx(0.995)
