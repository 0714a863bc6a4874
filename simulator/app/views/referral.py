"""Referral loop page: customers over days and the K-factor."""

from __future__ import annotations

import streamlit as st

from simulator.app.layout import download_csv, headline
from simulator.app.runs import run
from simulator.app.text import current_lang
from simulator.charts import line_chart
from simulator.models.referral import ReferralParams


def results(params: ReferralParams, _: object) -> None:
    result = run(params)
    headline([(k, result.totals[k]) for k in ("customers", "total_acquired", "k_factor", "cycles")])
    lang = current_lang()
    st.vega_lite_chart(spec=line_chart(result, ["customers", "total_acquired"], lang), width="stretch")
    st.vega_lite_chart(spec=line_chart(result, ["new_customers"], lang), width="stretch")
    download_csv(result.to_dict(), "referral")
