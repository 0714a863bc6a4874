"""The A/B sample-size page: the engine's answer in both languages, and a clash said, not thrown."""

from __future__ import annotations

import pytest

from simulator.models.sample_size import LIFT_LADDER
from tests.app.conftest import headline, live_charts, open_lab, widget


def test_defaults_show_the_worked_example_in_english() -> None:
    # 2% -> 2.4% at alpha 0.05 and power 0.8: 21,109 per group (tests/models/test_sample_size.py).
    at = open_lab("sample-size")
    assert not at.exception, [e.value for e in at.exception]
    assert headline(at) == {
        "People per group": "21,109",
        "People in both groups": "42,218",
        "Variant's rate to detect": "2.4%",
        "Difference in rate (points)": "0.4%",
    }
    (chart,) = live_charts(at)
    assert [row["min_detectable_lift"] for row in chart["values"]] == pytest.approx([0.2 * k for k in LIFT_LADDER])
    assert chart["values"][LIFT_LADDER.index(1.0)]["value"] == 21_109


def test_link_values_and_persian_digits() -> None:
    # R's documented example: p1 = 0.5, p2 = 0.75, power 0.9 -> 76.7, so 77 per group.
    at = open_lab("sample-size", {"lang": "fa", "baseline_rate": "0.5", "min_detectable_lift": "0.5", "power": "0.9"})
    assert not at.exception, [e.value for e in at.exception]
    assert not at.warning, [w.value for w in at.warning]
    shown = headline(at)
    assert shown["تعداد افراد هر گروه"] == "۷۷"
    assert shown["تعداد افراد هر دو گروه"] == "۱۵۴"
    assert shown["نرخ نسخهٔ جدید که باید تشخیص داده شود"] == "۷۵٪"


def test_a_rate_above_100_percent_is_a_notice_not_a_traceback() -> None:
    at = open_lab("sample-size")
    widget(at, "sample-size.baseline_rate").set_value(0.9).run()
    assert not at.exception, [e.value for e in at.exception]
    (notice,) = [w.value for w in at.warning]
    assert "Minimum detectable lift (relative) = 0.2 is too large" in notice
    assert "here 0.9 × 1.2 = 1.08" in notice
    assert headline(at) == {}
