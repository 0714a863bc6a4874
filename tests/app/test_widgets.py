"""The inputs as a user meets them: label, range, step and format, declared here by hand."""

from __future__ import annotations

import pytest

from simulator.app.widgets import _decimals
from simulator.declarations import AUDIENCE, CYCLE_DAYS, DECAY, FANOUT, SHARE_RATE
from simulator.params import Param
from tests.app.conftest import open_lab

# The share page's inputs: label, minimum, maximum, step, format (Streamlit's "percent" shows 0.05 as 5%).
SHARE_INPUTS = {
    "share.audience": ("Audience size (people)", 1, 1_000_000_000, 1_000, "%d"),
    "share.seed_reach": ("Seed reach (people)", 1, 1_000_000_000, 100, "%d"),
    "share.share_rate": ("Share rate", 0, 1, 0.0005, "percent"),
    "share.fanout": ("Fan-out (people per share)", 0, 5_000, 1, "%.0f"),
    "share.conversion_rate": ("Conversion rate", 0, 1, 0.001, "percent"),
    "share.decay": ("Content decay", 0, 1, 0.01, "percent"),
    "share.steps": ("Steps (steps)", 1, 3_650, 1, "%d"),
    "share.cycle_days": ("Days per cycle (days)", 0.1, 365, 0.5, "%.1f"),
}


@pytest.mark.parametrize(
    ("spec", "step", "shown"),
    [
        (FANOUT, 1.0, "%.0f"),  # fan-out 10, not 10.0
        (CYCLE_DAYS, 0.5, "%.1f"),
        (DECAY, 0.01, "%.2f"),
        (SHARE_RATE, 0.0005, "%.4f"),
        (AUDIENCE, 1_000, None),  # whole numbers: Streamlit's integer input, no format
    ],
)
def test_decimals_follow_the_step(spec: Param, step: float, shown: str | None) -> None:
    assert spec.step == step  # the step this row was worked out for
    assert _decimals(spec) == shown


def test_share_page_inputs_have_their_declared_range_step_and_format() -> None:
    at = open_lab("share")
    widgets = {w.key: w for w in [*at.number_input, *at.slider]}
    assert sorted(widgets) == sorted(SHARE_INPUTS)
    for key, (label, low, high, step, shown_as) in SHARE_INPUTS.items():
        w = widgets[key]
        assert (w.label, w.proto.format) == (label, shown_as), key
        assert (w.proto.min, w.proto.max, w.proto.step) == pytest.approx((low, high, step)), key


def test_persian_input_labels_carry_the_persian_unit() -> None:
    at = open_lab("share", {"lang": "fa"})
    labels = {w.key: w.label for w in at.number_input}
    assert labels == {"share.audience": "اندازهٔ مخاطبان (نفر)", "share.seed_reach": "دسترسی اولیه (نفر)"}
