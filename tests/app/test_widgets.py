"""Number inputs show as many decimals as their step has, and no more."""

from __future__ import annotations

import pytest

from simulator.app.widgets import _decimals
from simulator.declarations import AUDIENCE, CYCLE_DAYS, DECAY, FANOUT, SHARE_RATE
from simulator.params import Param


@pytest.mark.parametrize(
    ("spec", "step", "shown"),
    [
        (FANOUT, 1.0, "%.0f"),  # fan-out 10, not 10.0
        (CYCLE_DAYS, 0.5, "%.1f"),
        (DECAY, 0.01, "%.2f"),
        (SHARE_RATE, 0.005, "%.3f"),
        (AUDIENCE, 1_000, None),  # whole numbers: Streamlit's integer input, no format
    ],
)
def test_decimals_follow_the_step(spec: Param, step: float, shown: str | None) -> None:
    assert spec.step == step  # the step this row was worked out for
    assert _decimals(spec) == shown
