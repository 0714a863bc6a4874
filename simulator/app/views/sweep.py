"""Sensitivity page: conversions over a share-rate x audience grid, with a scenario marked."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from simulator.app.layout import download_csv, headline
from simulator.app.runs import queued_notice, run
from simulator.app.text import current_lang
from simulator.charts import chart_config, heatmap
from simulator.commands import COMMANDS
from simulator.declarations import AUDIENCE, SHARE_RATE
from simulator.models.share_loop import SweepParams
from simulator.params import Parameters, declared


@dataclass(frozen=True)
class MarkedScenario(Parameters):
    """The scenario marked on the map (the share loop's own share rate and audience)."""

    model = "sweep-mark"

    share_rate: float = declared(SHARE_RATE)
    audience: int = declared(AUDIENCE)


def results(params: SweepParams, mark: MarkedScenario) -> None:
    queued = queued_notice(st)
    grid = run(params)
    if queued is not None:
        queued.empty()
    payload = grid.to_dict()
    headline([(k, payload["totals"][k]) for k in COMMANDS["sweep"].headline])
    lang = current_lang()
    chart = heatmap(
        grid.share_rates, grid.audiences, grid.conversions, "conversions", lang, mark=(mark.share_rate, mark.audience)
    )
    st.altair_chart(chart_config(chart.properties(height=420), lang), width="stretch")
    download_csv(payload, "sweep")
