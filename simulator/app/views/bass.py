"""Bass adoption page: new and cumulative adopters per period, and the peak."""

from __future__ import annotations

import streamlit as st

from simulator.app.layout import download_csv, headline
from simulator.app.runs import run
from simulator.app.text import current_lang
from simulator.charts import line_chart
from simulator.models.bass import BassParams


def results(params: BassParams, _: object) -> None:
    result = run(params)
    headline([(k, result.totals[k]) for k in ("adopters", "adoption_fraction", "peak_step", "peak_time")])
    lang = current_lang()
    st.vega_lite_chart(spec=line_chart(result, ["new_adopters"], lang, x="step"), width="stretch")
    st.vega_lite_chart(spec=line_chart(result, ["adopters"], lang, x="step"), width="stretch")
    download_csv(result.to_dict(), "bass")
