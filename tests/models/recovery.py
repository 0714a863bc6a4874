"""Recovery checks shared by the calibration tests: fits of data simulated with known
parameters must cover the truth at the nominal rate and be unbiased (Done-when of issue #16)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

COVERAGE_RANGE = (0.90, 0.99)
"""Share of data sets whose 95% interval must hold the true value."""

BIAS_STANDARD_ERRORS = 3.0
"""The mean relative error must lie within this many of its standard errors of zero."""


@dataclass(frozen=True)
class Recovered:
    """One simulated data set: the parameters it was made with, and the fit to it."""

    truth: dict[str, float]
    fit: Any


def coverage(recovered: list[Recovered], name: str) -> float:
    """Share of data sets whose interval for ``name`` holds the true value."""
    return float(np.mean([getattr(r.fit, name).low <= r.truth[name] <= getattr(r.fit, name).high for r in recovered]))


def bias_in_standard_errors(recovered: list[Recovered], name: str) -> float:
    """Mean relative error of the estimate of ``name``, in standard errors of that mean."""
    relative = np.array([getattr(r.fit, name).value / r.truth[name] - 1 for r in recovered])
    return float(relative.mean() / (relative.std(ddof=1) / math.sqrt(relative.size)))


def assert_recovered(recovered: list[Recovered], name: str) -> None:
    low, high = COVERAGE_RANGE
    assert low <= coverage(recovered, name) <= high
    assert abs(bias_in_standard_errors(recovered, name)) <= BIAS_STANDARD_ERRORS
