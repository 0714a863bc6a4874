"""Time charts that a slider move updates in place, instead of being drawn anew.

Streamlit's chart element rebuilds its whole Vega view whenever the spec changes, and an
app chart's spec carries its data, so every slider move paid for parsing, compiling and
drawing the chart again: about 15 ms in the browser plus the data's trip through pandas
and Arrow on the server. Here the Vega-Lite spec from :func:`simulator.charts.line_chart_spec`
is compiled to Vega once per (columns, language) and sent with the rows as JSON; the
browser keeps one Vega view per chart and swaps only its data (``live_chart.js``).
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

import streamlit as st
import vl_convert

from simulator.app.text import t
from simulator.charts import HOVER_HIT, line_chart_data, line_chart_spec
from simulator.locale import join_list
from simulator.params import Lang
from simulator.results import ModelResult, quantity

__all__ = ["live_line_chart", "vega_spec"]

# The name Vega-Lite gives the data of a spec whose data is inline values.
DATASET = "source_0"
HEIGHT = 300  # px, like Streamlit's own charts

_draw = st.components.v2.component(
    "smm_live_chart",
    js=(Path(__file__).with_name("live_chart.js")).read_text(encoding="utf-8"),
    css=".smm-chart { direction: ltr; width: 100%; min-height: 300px; }",
    isolate_styles=False,  # the axes take the page's text colour (light and dark themes)
)


@functools.lru_cache(maxsize=64)
def vega_spec(columns: tuple[str, ...], lang: Lang, x: str = "day") -> str:
    """The Vega spec (JSON) of the line chart of ``columns``, as wide as its container."""
    spec: dict[str, Any] = dict(line_chart_spec(columns, lang, x))
    spec.update(width="container", height=HEIGHT, autosize={"type": "fit-x", "contains": "padding"})
    compiled = vl_convert.vegalite_to_vega(spec)
    compiled["background"] = "transparent"
    _tile_hit_rules(compiled)
    return json.dumps(compiled, ensure_ascii=False)


def _tile_hit_rules(compiled: dict[str, Any]) -> None:
    """Widen the invisible hover rules (one per x) so that together they cover the plot:
    a pointer anywhere over it then lands on the nearest x. The width depends on how many
    x values a run has, which only the browser knows, so it is a signal on the data."""
    (mark,) = (m for m in compiled["marks"] if m.get("name") == f"{HOVER_HIT}_marks")
    rows = f"length(data('{mark['from']['data']}'))"
    mark["encode"]["update"]["strokeWidth"] = {"signal": f"max(1, width / max(1, {rows} - 1))"}


def live_line_chart(result: ModelResult, columns: tuple[str, ...], lang: Lang, x: str = "day") -> None:
    """Lines of ``columns`` of a model's series against ``x``, updated in place on reruns."""
    series = join_list([quantity(name).label(lang) for name in columns], lang)
    _draw(
        data={
            "id": f"{'+'.join(columns)}|{x}|{lang}",
            "spec": vega_spec(columns, lang, x),
            "dataset": DATASET,
            "values": line_chart_data(result.series, columns, lang, x),
            "description": t("app.chart.label", series=series, x=quantity(x).label(lang)),
        },
        key=f"chart.{'+'.join(columns)}",
    )
