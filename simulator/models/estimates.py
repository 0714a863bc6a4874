"""A point estimate with its 95% interval, and the Wald intervals the fits build it from.

Every fitted quantity (a share rate, a fan-out, Bass p, q and market) is reported as an
:class:`Estimate`: the value and a 95% interval in the same unit. The intervals are Wald
intervals on the scale where the estimate is closest to normal – log for positive
quantities, logit for fractions – so they never leave the parameter's range.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

__all__ = ["Z95", "Estimate"]

Z95 = 1.959963984540054
"""Standard normal 97.5% quantile: a two-sided 95% interval is estimate ± Z95 standard errors."""


@dataclass(frozen=True)
class Estimate:
    """A point estimate with its 95% interval (same unit as the value)."""

    value: float
    low: float
    high: float

    @classmethod
    def from_log(cls, value: float, log_se: float) -> Estimate:
        """Positive ``value`` whose log has standard error ``log_se``: value × exp(±1.96 se)."""
        spread = math.exp(Z95 * log_se)
        return cls(value, value / spread, value * spread)

    @classmethod
    def from_logit(cls, value: float, logit_se: float) -> Estimate:
        """Fraction ``value`` (0–1) whose logit has standard error ``logit_se``."""
        centre = math.log(value) - math.log1p(-value)
        low, high = (_expit(centre + sign * Z95 * logit_se) for sign in (-1.0, 1.0))
        return cls(value, low, high)

    def totals(self, name: str) -> dict[str, float]:
        """``{name: value, name_low: low, name_high: high}``: the shape every totals table uses."""
        return {name: self.value, f"{name}_low": self.low, f"{name}_high": self.high}


def _expit(x: float) -> float:
    """Inverse logit, without overflow for large |x|."""
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)
