"""Referral loop page: customers over days and the K-factor."""

from __future__ import annotations

from simulator.app.layout import download_csv, headline
from simulator.app.live_chart import live_line_chart
from simulator.app.runs import run
from simulator.app.text import current_lang
from simulator.commands import COMMANDS
from simulator.models.referral import ReferralParams


def results(params: ReferralParams, _: object) -> None:
    result = run(params)
    headline([(k, result.totals[k]) for k in COMMANDS["referral"].headline])
    lang = current_lang()
    live_line_chart(result, COMMANDS["referral"].chart, lang)
    live_line_chart(result, ("new_customers",), lang)
    download_csv(result.to_dict(), "referral")
