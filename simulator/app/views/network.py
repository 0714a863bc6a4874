"""Network spread page: mean reach with its band, influencer against random seeding."""

from __future__ import annotations

import streamlit as st

from simulator.app.layout import download_csv, headline
from simulator.app.runs import HEAVY, queued_notice, remembered
from simulator.app.text import current_lang, number, t
from simulator.charts import band_chart_spec, histogram_spec
from simulator.commands import COMMANDS
from simulator.models.graphs import AudienceGraph
from simulator.models.network import NetworkParams, NetworkResult, build_graph, network_cascade
from simulator.results import quantity


def _graph(params: NetworkParams) -> AudienceGraph:
    key = ("graph", params.graph, params.audience, params.avg_degree, params.rewire, params.rng_seed)
    return remembered(key, lambda: build_graph(params))


def _cascade(
    params: NetworkParams, bar: st.delta_generator.DeltaGenerator, start: float, share: float
) -> NetworkResult:
    """Run (or recall) the cascade, moving the progress bar from ``start`` by ``share``."""
    graph = _graph(params)

    def progress(done: float) -> None:
        bar.progress(min(1.0, start + share * done), text=t("app.running"))

    return remembered(
        ("cascade", params), lambda: HEAVY.run(lambda: network_cascade(params, graph=graph, progress=progress))
    )


def results(params: NetworkParams, _: object) -> None:
    lang = current_lang()
    other = params.replace(seeding="random" if params.seeding == "influencers" else "influencers")
    queued = queued_notice(st)
    bar = st.progress(0.0, text=t("app.running"))
    result = _cascade(params, bar, 0.0, 0.5)
    contrast = _cascade(other, bar, 0.5, 0.5)
    bar.empty()
    if queued is not None:
        queued.empty()
    totals = result.totals
    headline(
        [(k, totals[k]) for k in COMMANDS["network"].headline],
        columns=3,
    )
    band = t("app.network.band")
    # Specs built once per language (simulator.charts); a rerun sends only its rows.
    st.vega_lite_chart(spec=band_chart_spec(result.series, "reach", lang, band), width="stretch")
    st.markdown(f"**{t('app.network.compare')}**")
    left, right = st.columns(2)
    for column, run_ in ((left, result), (right, contrast)):
        with column:
            seeding = NetworkParams.specs()["seeding"].choice_label(run_.params.seeding, lang)  # type: ignore[attr-defined]
            st.metric(f"{seeding} · {quantity('reach_mean').label(lang)}", number(run_.totals["reach_mean"], "people"))
            st.vega_lite_chart(spec=band_chart_spec(run_.series, "reach", lang, band, height=220), width="stretch")
    st.markdown(f"**{t('app.network.distribution')}**")
    spec = histogram_spec(
        result.final_reach, lang, quantity("reach").label(lang), t("app.network.runs-axis"), height=200
    )
    st.vega_lite_chart(spec=spec, width="stretch")
    download_csv(result.to_dict(), "network")
