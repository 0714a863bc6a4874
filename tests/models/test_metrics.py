"""Metrics as functions of raw counts, and goal tracking."""

from __future__ import annotations

import pytest

from simulator.models.metrics import RATIOS, MetricsInputs, compute_metrics, goal_progress, ratio
from simulator.params import ParameterError


def test_every_ratio_divides_its_counts() -> None:
    values = {spec.name: 10 * (i + 1) for i, spec in enumerate(MetricsInputs.specs().values()) if spec.kind is int}
    values.update(
        brand_mentions=30, total_mentions=120, social_sessions=40, total_sessions=400, responses=50, messages=80
    )
    values.update(days_elapsed=10, period_days=90, target_lift=0.15)
    inputs = MetricsInputs(**values)
    out = compute_metrics(inputs)
    for r in RATIOS.values():
        assert out[r.id] == pytest.approx(values[r.numerator.name] / values[r.denominator.name])


def test_worked_numbers() -> None:
    out = compute_metrics(MetricsInputs(engagements=500, reach=20_000, impressions=50_000, shares=40, followers=8_000))
    assert out["engagement_rate_reach"] == pytest.approx(0.025)
    assert out["engagement_rate_impressions"] == pytest.approx(0.01)
    assert out["amplification_rate"] == pytest.approx(0.005)
    assert out["virality_rate"] == pytest.approx(0.0008)
    assert out["share_of_voice"] is None  # inputs not given
    assert "goal_progress" not in out


def test_formulas_read_as_written_in_each_language() -> None:
    """The formula the site and the app show: rates end in × 100% (× ۱۰۰٪ in Persian), the time average does not."""
    rate, minutes = RATIOS["engagement_rate_reach"], RATIOS["response_time"]
    assert rate.formula("en") == "Engagements ÷ Reach × 100%"
    assert rate.formula("fa") == "تعامل\u200cها ÷ دسترسی × ۱۰۰٪"
    assert minutes.formula("en") == "Total minutes to answer ÷ Messages answered"
    assert minutes.formula("fa") == "مجموع زمان پاسخ\u200cگویی ÷ پیام\u200cهای پاسخ\u200cداده\u200cشده"


def test_zero_denominator_is_undefined_not_zero() -> None:
    assert ratio(5, 0) is None
    assert compute_metrics(MetricsInputs(engagements=0, reach=0))["engagement_rate_reach"] is None


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"brand_mentions": 50, "total_mentions": 40}, "brand_mentions = 50 is too large: at most total_mentions = 40"),
        ({"responses": 9, "messages": 8}, "responses = 9 is too large: at most messages = 8"),
        ({"social_sessions": 2, "total_sessions": 1}, "social_sessions = 2 is too large: at most total_sessions = 1"),
        ({"days_elapsed": 91, "period_days": 90}, "days_elapsed = 91 is too large: at most period_days = 90 days"),
    ],
)
def test_part_cannot_exceed_whole(values: dict, message: str) -> None:
    with pytest.raises(ParameterError, match=message):
        MetricsInputs(**values)


def test_goal_of_plus_15_percent_in_three_months() -> None:
    g = goal_progress(baseline=400, target_lift=0.15, actual=230, days_elapsed=45, period_days=90)
    assert g.target == pytest.approx(460)
    assert g.expected == pytest.approx(230)
    assert g.projected == pytest.approx(460)
    assert g.on_track
    behind = goal_progress(baseline=400, target_lift=0.15, actual=200, days_elapsed=45, period_days=90)
    assert not behind.on_track
    assert behind.progress == pytest.approx(200 / 460)


def test_metrics_carry_the_goal_when_every_goal_input_is_given() -> None:
    """The same +15% goal, through compute_metrics: 400 x 1.15 = 460, half the period gone, 230 is on pace."""
    inputs = {"baseline": 400, "target_lift": 0.15, "actual": 230, "days_elapsed": 45, "period_days": 90}
    goal = compute_metrics(MetricsInputs(**inputs))["goal_progress"]
    assert (goal.target, goal.expected, goal.progress, goal.on_track) == pytest.approx((460, 230, 0.5, True))
    assert "goal_progress" not in compute_metrics(MetricsInputs(**{**inputs, "actual": None}))


def test_goal_on_day_zero_has_no_projection() -> None:
    g = goal_progress(baseline=100, target_lift=0.1, actual=0, days_elapsed=0, period_days=30)
    assert g.projected is None
    assert g.on_track
