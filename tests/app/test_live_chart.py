"""The live chart's compiled spec: the data the browser swaps on a rerun is where it looks."""

from __future__ import annotations

import json
import re

import pytest
import vl_convert

from simulator.app.live_chart import DATASET, _tile_hit_rules, vega_spec
from simulator.charts import HOVER_HIT, line_chart_spec
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


def test_five_days_of_hover_rules_tile_a_300_px_plot() -> None:
    """Compiled and widened here, not through :func:`vega_spec`: its cache would keep a spec
    widened by an earlier test."""
    compiled = vl_convert.vegalite_to_vega(dict(line_chart_spec(("reach",), "en")))
    _tile_hit_rules(compiled)
    (hit,) = [m for m in compiled["marks"] if m["name"] == f"{HOVER_HIT}_marks"]
    rules = hit["from"]["data"]
    assert hit["encode"]["update"]["strokeWidth"] == {"signal": f"max(1, width / max(1, length(data('{rules}')) - 1))"}
    (source,) = [d for d in compiled["data"] if d["name"] == DATASET]
    source["values"] = [{"day": day, "series": "Reach (cumulative)", "value": 10 * day} for day in range(5)]
    svg = vl_convert.vega_to_svg(compiled)
    drawn = re.search(rf'<g class="mark-rule role-mark {HOVER_HIT}_marks".*?</g>', svg)
    assert drawn is not None
    # Without a container the plot is 300 px wide: five x values 75 px apart, each rule 75 px
    # wide, so the rules meet and cover the plot from edge to edge.
    lines = re.findall(r'<line transform="translate\(([0-9.]+),0\)"[^>]*stroke-width="([0-9.]+)"', drawn.group(0))
    assert lines == [(str(x), "75") for x in (0, 75, 150, 225, 300)]
