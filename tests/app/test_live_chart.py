"""The live chart's compiled spec: the data the browser swaps on a rerun is where it looks."""

from __future__ import annotations

import json

import pytest

from simulator.app.live_chart import DATASET, vega_spec
from simulator.charts import HOVER_HIT
from simulator.results import quantity


@pytest.mark.parametrize("lang", ["en", "fa"])
def test_spec_has_the_dataset_the_browser_swaps(lang: str) -> None:
    spec = json.loads(vega_spec(("reach", "impressions"), lang))
    (source,) = [d for d in spec["data"] if d["name"] == DATASET]
    assert source["values"] == []  # the rows arrive with each rerun, not in the spec
    assert spec["background"] == "transparent"
    assert any(s["name"] == "width" and "containerSize" in s["init"] for s in spec["signals"])


def test_persian_spec_shows_persian_digits() -> None:
    spec = json.loads(vega_spec(("reach",), "fa"))
    number = spec["config"]["locale"]["number"]
    assert number["numerals"] == ["۰", "۱", "۲", "۳", "۴", "۵", "۶", "۷", "۸", "۹"]
    assert (number["decimal"], number["thousands"], number["percent"]) == ("٫", "٬", "٪")
    # The day axis is titled in Persian ("روز" also appears in the tooltip, so the whole spec
    # would hold it even with an English axis).
    assert [axis["title"] for axis in spec["axes"] if axis.get("title")] == ["روز"]


@pytest.mark.parametrize("lang", ["en", "fa"])
def test_hover_rules_tile_the_plot_and_list_every_series(lang: str) -> None:
    columns = ("reach", "impressions", "shares")
    spec = json.loads(vega_spec(columns, lang))
    (hit,) = [m for m in spec["marks"] if m["name"] == f"{HOVER_HIT}_marks"]
    assert spec["marks"][-1]["name"] == hit["name"]  # drawn last: on top, it takes the pointer
    assert hit["encode"]["update"]["opacity"] == {"value": 0}
    width = hit["encode"]["update"]["strokeWidth"]["signal"]
    assert f"data('{hit['from']['data']}')" in width  # one rule per x, as wide as the plot allows
    tooltip = hit["encode"]["update"]["tooltip"]["signal"]
    for name in ("day", *columns):
        assert json.dumps(quantity(name).label(lang), ensure_ascii=False) in tooltip
