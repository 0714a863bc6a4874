"""Turning calendar days into whole model cycles."""

from __future__ import annotations

import math

__all__ = ["whole_cycles"]


def whole_cycles(days: float, cycle_days: float) -> int:
    """Whole cycles of ``cycle_days`` that fit in ``days`` (a partial last cycle does not count).

    The small epsilon keeps 20 / 2 = 10 cycles, not 9, when the division rounds down a hair.
    """
    return math.floor(days / cycle_days + 1e-9)
