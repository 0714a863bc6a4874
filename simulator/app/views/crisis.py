"""Crisis response page: the story and the answer over time, and the cost of waiting."""

from __future__ import annotations

import math

import streamlit as st

from simulator.app.layout import download_csv, headline
from simulator.app.live_chart import live_line_chart
from simulator.app.runs import crisis_curve, run
from simulator.app.text import current_lang, t
from simulator.charts import chart_config, curve_chart
from simulator.commands import COMMANDS
from simulator.models.crisis import CrisisParams


def results(params: CrisisParams, _: object) -> None:
    lang = current_lang()
    result = run(params)
    totals = result.totals
    headline([(k, totals[k]) for k in COMMANDS["crisis"].headline])
    columns = tuple(c for c in COMMANDS["crisis"].chart if c in result.series)
    live_line_chart(result, columns, lang)
    curve = crisis_curve(params)
    finite = [i for i, h in enumerate(curve.response_hours) if math.isfinite(h)]
    chart = curve_chart(
        curve.response_hours[finite],
        curve.story_reach[finite],
        t("app.crisis.hours-axis"),
        t("app.crisis.curve"),
        mark_x=params.response_hours if params.respond == "yes" else None,
        lang=lang,
    )
    st.markdown(f"**{t('app.crisis.curve')}**")
    st.altair_chart(chart_config(chart, lang), width="stretch")
    payload = result.to_dict()
    payload["curve"] = curve.rows()
    download_csv(payload, "crisis")
