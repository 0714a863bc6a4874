"""Share loop page: reach, impressions, shares and conversions over days."""

from __future__ import annotations

import streamlit as st

from simulator.app.layout import download_csv, headline
from simulator.app.live_chart import live_line_chart
from simulator.app.runs import run
from simulator.app.text import current_lang, t
from simulator.commands import COMMANDS
from simulator.models.share_loop import ShareLoopParams


def results(params: ShareLoopParams, _: object) -> None:
    result = run(params)
    totals = result.totals
    headline(
        [(k, totals[k]) for k in COMMANDS["share"].headline],
        columns=4,
    )
    st.info(t("app.share.tipping.below" if totals["viral_coefficient"] < 1 else "app.share.tipping.above"), icon="💡")
    lang = current_lang()
    live_line_chart(result, COMMANDS["share"].chart, lang)
    # The per-day waves on request: a second chart costs every slider move a few ms more.
    if st.toggle(t("app.share.waves"), key="share.waves"):
        live_line_chart(result, ("new_reach", "shares", "conversions"), lang)
    download_csv(result.to_dict(), "share")
