"""The playbook's metrics as functions of raw counts.

Every tracking metric in the playbook is a ratio of two counts, declared once in
:data:`RATIOS` (numerator, denominator, how to show it); the playbook's formulas, the
CLI and the app's calculator all read that declaration. Goal tracking (e.g. "+15%
conversions in three months") is :func:`goal_progress`.

A ratio whose inputs are missing, or whose denominator is zero, is reported as ``None``
(undefined), not as 0 or an error: a new account with no impressions has no rate yet.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from simulator.declarations import (
    ACTUAL,
    BASELINE,
    BRAND_MENTIONS,
    CLICKS,
    CONVERSIONS,
    DAYS_ELAPSED,
    ENGAGEMENTS,
    FOLLOWERS,
    IMPRESSIONS,
    MESSAGES,
    PERIOD_DAYS,
    REACH,
    RESPONSE_MINUTES,
    RESPONSES,
    SHARES,
    SOCIAL_SESSIONS,
    TARGET_LIFT,
    TOTAL_MENTIONS,
    TOTAL_SESSIONS,
)
from simulator.params import Param, Parameters, declared, localize_digits, require_at_most

__all__ = [
    "RATIOS",
    "GoalProgress",
    "MetricsInputs",
    "Ratio",
    "compute_metrics",
    "goal_progress",
    "ratio",
]


@dataclass(frozen=True)
class Ratio:
    """A metric defined as numerator / denominator.

    ``shown_as`` is ``"percent"`` for rates (stored as fractions 0–1, shown as %) or
    ``"minutes"`` for averages of time. ``part_of_whole`` marks ratios whose numerator is
    a subset of the denominator, so a numerator above the denominator is a data error.
    """

    id: str
    numerator: Param
    denominator: Param
    shown_as: Literal["percent", "minutes"] = "percent"
    part_of_whole: bool = False

    def formula(self, lang: Literal["en", "fa"] = "en") -> str:
        scale = " × " + localize_digits("100%", lang) if self.shown_as == "percent" else ""
        return f"{self.numerator.label(lang)} ÷ {self.denominator.label(lang)}{scale}"


RATIOS: dict[str, Ratio] = {
    r.id: r
    for r in [
        Ratio("engagement_rate_reach", ENGAGEMENTS, REACH),
        Ratio("engagement_rate_impressions", ENGAGEMENTS, IMPRESSIONS),
        Ratio("engagement_rate_followers", ENGAGEMENTS, FOLLOWERS),
        Ratio("amplification_rate", SHARES, FOLLOWERS),
        Ratio("virality_rate", SHARES, IMPRESSIONS),
        Ratio("click_through_rate", CLICKS, IMPRESSIONS),
        Ratio("share_of_voice", BRAND_MENTIONS, TOTAL_MENTIONS, part_of_whole=True),
        Ratio("referral_share", SOCIAL_SESSIONS, TOTAL_SESSIONS, part_of_whole=True),
        Ratio("conversion_rate", CONVERSIONS, CLICKS),
        Ratio("response_rate", RESPONSES, MESSAGES, part_of_whole=True),
        Ratio("response_time", RESPONSE_MINUTES, RESPONSES, shown_as="minutes"),
    ]
}


@dataclass(frozen=True)
class MetricsInputs(Parameters):
    """Raw counts for one period; any may be left out (``None``)."""

    model = "metrics"

    engagements: int | None = declared(ENGAGEMENTS)
    reach: int | None = declared(REACH)
    impressions: int | None = declared(IMPRESSIONS)
    shares: int | None = declared(SHARES)
    followers: int | None = declared(FOLLOWERS)
    clicks: int | None = declared(CLICKS)
    brand_mentions: int | None = declared(BRAND_MENTIONS)
    total_mentions: int | None = declared(TOTAL_MENTIONS)
    social_sessions: int | None = declared(SOCIAL_SESSIONS)
    total_sessions: int | None = declared(TOTAL_SESSIONS)
    conversions: int | None = declared(CONVERSIONS)
    messages: int | None = declared(MESSAGES)
    responses: int | None = declared(RESPONSES)
    response_minutes: int | None = declared(RESPONSE_MINUTES)
    baseline: int | None = declared(BASELINE)
    target_lift: float | None = declared(TARGET_LIFT)
    actual: int | None = declared(ACTUAL)
    days_elapsed: int | None = declared(DAYS_ELAPSED)
    period_days: int | None = declared(PERIOD_DAYS)

    def check_together(self) -> None:
        for r in RATIOS.values():
            top, bottom = getattr(self, r.numerator.name), getattr(self, r.denominator.name)
            if r.part_of_whole and top is not None and bottom is not None:
                require_at_most(r.numerator.name, top, r.denominator.name, bottom)
        if self.days_elapsed is not None and self.period_days is not None:
            require_at_most("days_elapsed", self.days_elapsed, "period_days", self.period_days, "days")


def ratio(numerator: float | None, denominator: float | None) -> float | None:
    """numerator / denominator, or ``None`` when an input is missing or the denominator is 0."""
    if numerator is None or denominator is None or denominator == 0:
        return None
    return numerator / denominator


@dataclass(frozen=True)
class GoalProgress:
    """Where a goal stands part-way through its period.

    ``target`` is ``baseline x (1 + lift)`` (same unit as the counts); ``progress`` the
    fraction of the target reached (0–1+); ``expected`` the count a straight-line pace
    would have by now; ``projected`` the end-of-period count at the current pace.
    """

    target: float
    progress: float | None
    expected: float
    projected: float | None
    on_track: bool

    def as_dict(self) -> dict[str, float | bool | None]:
        return dict(self.__dict__)


def goal_progress(
    baseline: float, target_lift: float, actual: float, days_elapsed: int, period_days: int
) -> GoalProgress:
    """Progress toward "change the baseline by ``target_lift`` within ``period_days``".

    Example: 400 conversions last quarter, goal +15% (0.15) in 90 days, 230 so far on
    day 45: target 460, expected 230 by now, projected 460, on track.
    """
    target = baseline * (1.0 + target_lift)
    expected = target * days_elapsed / period_days
    projected = actual * period_days / days_elapsed if days_elapsed else None
    return GoalProgress(
        target=target,
        progress=ratio(actual, target),
        expected=expected,
        projected=projected,
        on_track=actual >= expected,
    )


def compute_metrics(inputs: MetricsInputs) -> dict[str, float | GoalProgress | None]:
    """Every metric the inputs allow: ratio ids map to a number or ``None``; ``goal_progress``
    is present only when baseline, lift, actual, days elapsed and period are all given."""
    out: dict[str, float | GoalProgress | None] = {
        r.id: ratio(getattr(inputs, r.numerator.name), getattr(inputs, r.denominator.name)) for r in RATIOS.values()
    }
    goal = (inputs.baseline, inputs.target_lift, inputs.actual, inputs.days_elapsed, inputs.period_days)
    if all(v is not None for v in goal):
        out["goal_progress"] = goal_progress(*goal)  # type: ignore[arg-type]
    return out
