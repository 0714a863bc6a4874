"""Pages that send a chart template with new rows send what ``st.altair_chart`` sent before."""

from __future__ import annotations

import json
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from simulator import charts
from tests.app.conftest import TIMEOUT, open_lab

NETWORK = {"audience": "2000", "runs": "20"}


def altair_network_charts(lang: str) -> None:
    """The network page's four charts drawn as the page drew them before templates: Altair
    charts over the same runs, through ``st.altair_chart``."""
    import streamlit as st

    from simulator.charts import band_chart, band_frame, chart_config, histogram, histogram_frame
    from simulator.data import ui
    from simulator.models.network import NetworkParams, network_cascade
    from simulator.results import quantity

    params = NetworkParams(audience=2000, runs=20)
    result = network_cascade(params)
    contrast = network_cascade(params.replace(seeding="influencers" if params.seeding == "random" else "random"))
    band = ui()["app.network.band"](lang)
    st.altair_chart(
        chart_config(band_chart(band_frame(result.series, "reach"), "reach", lang, band), lang), width="stretch"
    )
    for run_ in (result, contrast):
        chart = band_chart(band_frame(run_.series, "reach"), "reach", lang, band).properties(height=220)
        st.altair_chart(chart_config(chart, lang), width="stretch")
    runs_axis = ui()["app.network.runs-axis"](lang)
    chart = histogram(histogram_frame(result.final_reach), lang, quantity("reach").label(lang), runs_axis)
    st.altair_chart(chart_config(chart.properties(height=200), lang), width="stretch")


def altair_segments_charts(lang: str) -> None:
    """The segment page's two charts for the default segments, as drawn before templates."""
    import streamlit as st

    from simulator.charts import bar_chart, bar_frame, chart_config
    from simulator.data import ui
    from simulator.models.segments import DEFAULT_SEGMENTS, SegmentsParams, allocate_budget
    from simulator.results import quantity

    series = allocate_budget(SegmentsParams(), DEFAULT_SEGMENTS).series
    names = list(series["segment_fa" if lang == "fa" else "segment"])
    for name in ("spend", "conversions"):
        frame = bar_frame(names, series[name])
        chart = bar_chart(frame, quantity(name).label(lang), ui()["app.segments.name"](lang), lang=lang)
        st.altair_chart(chart_config(chart, lang), width="stretch")


PAGES = {"network": (NETWORK, altair_network_charts, 4), "segments": ({}, altair_segments_charts, 2)}
"""Page id: its query, the script that draws its charts the old way, how many charts it has."""


def sent(at: AppTest) -> list[tuple[dict[str, Any], list[bytes], str, bool]]:
    """Each chart as the browser gets it: its spec with each dataset's name replaced by its
    place (Altair names a dataset by a hash of its rows, a template by its role), the
    datasets' Arrow bytes, the theme and whether it fills its container."""
    shown = []
    for chart in at.get("vega_lite_chart"):
        proto = chart.proto
        spec = proto.spec
        for place, dataset in enumerate(proto.datasets):
            spec = spec.replace(json.dumps(dataset.name), json.dumps(f"dataset {place}"))
        datasets = [dataset.data.data for dataset in proto.datasets]
        shown.append((json.loads(spec), datasets, proto.theme, proto.use_container_width))
    return shown


@pytest.fixture(scope="module")
def altair_sent() -> dict[tuple[str, str], list[tuple[dict[str, Any], list[bytes], str, bool]]]:
    return {
        (page, lang): sent(AppTest.from_function(draw, args=(lang,), default_timeout=TIMEOUT).run())
        for page, (_, draw, _) in PAGES.items()
        for lang in ("en", "fa")
    }


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("lang", ["en", "fa"])
def test_page_sends_the_charts_altair_made(page: str, lang: str, altair_sent) -> None:  # type: ignore[no-untyped-def]
    query, _, count = PAGES[page]
    shown = sent(open_lab(page, {**query, "lang": lang}))
    assert len(shown) == count
    assert shown == altair_sent[page, lang]
    assert shown != altair_sent[page, "en" if lang == "fa" else "fa"]


def test_network_templates_are_built_once_and_rows_change() -> None:
    at = open_lab("network", NETWORK)
    before = [chart.proto for chart in at.get("vega_lite_chart")]
    builds = (charts._band_template.cache_info().misses, charts._histogram_template.cache_info().misses)
    at.slider(key="network.share_rate").set_value(0.2).run()
    after = [chart.proto for chart in at.get("vega_lite_chart")]
    assert (charts._band_template.cache_info().misses, charts._histogram_template.cache_info().misses) == builds
    # The same spec text, so the browser keeps each chart and swaps its rows.
    assert [proto.spec for proto in after] == [proto.spec for proto in before]
    assert [proto.datasets[0].data.data for proto in after] != [proto.datasets[0].data.data for proto in before]
