"""Referral loop page: customers over days and the K-factor."""

from __future__ import annotations

from simulator.app.layout import download_csv, headline
from simulator.app.live_chart import live_line_chart
from simulator.app.runs import run
from simulator.app.text import current_lang
from simulator.models.referral import ReferralParams


def results(params: ReferralParams, _: object) -> None:
    result = run(params)
    headline([(k, result.totals[k]) for k in ("customers", "total_acquired", "k_factor", "cycles")])
    lang = current_lang()
    live_line_chart(result, ("customers", "total_acquired"), lang)
    live_line_chart(result, ("new_customers",), lang)
    download_csv(result.to_dict(), "referral")
