"""Sample size for an A/B test that compares two rates (clicks, sign-ups, purchases).

The normal approximation for two independent proportions with equal groups and a
two-sided test (Fleiss, Levin & Paik 2003, *Statistical Methods for Rates and
Proportions*, 3rd ed., ch. 4, without continuity correction; the same equation R's
``power.prop.test`` solves):

    n = (z_{1-α/2} √(2 p̄ (1 - p̄)) + z_{1-β} √(p1 (1 - p1) + p2 (1 - p2)))² / (p2 - p1)²

people per group, with p1 the baseline rate, p2 = p1 (1 + lift) the variant's rate,
p̄ = (p1 + p2) / 2, α the significance level and 1 - β the power. The answer is rounded
up: a group cannot hold a fraction of a person, and rounding down would fall short of
the power asked for.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist

import numpy as np
from numpy.typing import ArrayLike

from simulator.declarations import ALPHA, BASELINE_RATE, MIN_DETECTABLE_LIFT, POWER
from simulator.params import ParameterError, Parameters, declared, format_number
from simulator.results import ModelResult

__all__ = ["LIFT_LADDER", "SampleSizeParams", "per_group_exact", "sample_size"]

LIFT_LADDER = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0)
"""Multiples of the chosen lift shown in the series: what settling for a bigger (or
insisting on a smaller) lift does to the sample size."""


@dataclass(frozen=True)
class SampleSizeParams(Parameters):
    """Baseline rate (fraction), minimum detectable lift (relative fraction), α and power (fractions)."""

    model = "sample-size"

    baseline_rate: float = declared(BASELINE_RATE)
    min_detectable_lift: float = declared(MIN_DETECTABLE_LIFT)
    alpha: float = declared(ALPHA)
    power: float = declared(POWER)

    @property
    def target_rate(self) -> float:
        """The variant's rate p2 = p1 (1 + lift)."""
        return self.baseline_rate * (1.0 + self.min_detectable_lift)

    def check_together(self) -> None:
        """The variant's rate is a rate: it must stay below 1 (100%)."""
        if self.target_rate >= 1.0:
            shown = (
                f"{format_number(self.baseline_rate)} × {format_number(1.0 + self.min_detectable_lift)} "
                f"= {format_number(self.target_rate)}"
            )
            raise ParameterError(
                "min_detectable_lift",
                self.min_detectable_lift,
                f"baseline_rate × (1 + min_detectable_lift) must stay below 1 (100%), here {shown}",
                "is too large",
                related=("baseline_rate", "min_detectable_lift"),
                allowed_fa=f"حاصل baseline_rate × (1 + min_detectable_lift) باید کمتر از 1 (100%) بماند، اینجا {shown}",
            )


def per_group_exact(baseline: ArrayLike, target: ArrayLike, alpha: float, power: float) -> np.ndarray:
    """People per group before rounding up (the equation in the module docstring); broadcasts
    over ``baseline`` and ``target`` (fractions 0–1, not equal)."""
    p1, p2 = np.asarray(baseline, dtype=float), np.asarray(target, dtype=float)
    z_alpha = NormalDist().inv_cdf(1.0 - alpha / 2.0)
    z_power = NormalDist().inv_cdf(power)
    mean = (p1 + p2) / 2.0
    spread = z_alpha * np.sqrt(2.0 * mean * (1.0 - mean)) + z_power * np.sqrt(p1 * (1.0 - p1) + p2 * (1.0 - p2))
    return spread**2 / (p2 - p1) ** 2


def sample_size(params: SampleSizeParams | None = None, **values: object) -> ModelResult:
    """People needed per group, and in all, to detect the lift; the series repeats the
    calculation for :data:`LIFT_LADDER` multiples of the lift whose variant rate stays below 1.

    Series: ``min_detectable_lift, target_rate, per_group, total_sample``. Totals:
    ``per_group`` (people, rounded up), ``total_sample`` (both groups), ``per_group_exact``
    (before rounding), ``target_rate`` and ``absolute_difference`` (fractions).
    """
    p = params if params is not None else SampleSizeParams(**values)  # type: ignore[arg-type]
    lifts = np.array([p.min_detectable_lift * k for k in LIFT_LADDER])
    targets = p.baseline_rate * (1.0 + lifts)
    keep = targets < 1.0
    lifts, targets = lifts[keep], targets[keep]
    per_group = np.ceil(per_group_exact(p.baseline_rate, targets, p.alpha, p.power)).astype(np.int64)
    exact = float(per_group_exact(p.baseline_rate, p.target_rate, p.alpha, p.power))
    series = {
        "min_detectable_lift": lifts,
        "target_rate": targets,
        "per_group": per_group,
        "total_sample": 2 * per_group,
    }
    totals = {
        "per_group": math.ceil(exact),
        "total_sample": 2 * math.ceil(exact),
        "per_group_exact": exact,
        "target_rate": p.target_rate,
        "absolute_difference": p.target_rate - p.baseline_rate,
    }
    return ModelResult("sample-size", p, series, totals)
