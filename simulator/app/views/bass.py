"""Bass adoption page: new and cumulative adopters per period, and the peak."""

from __future__ import annotations

from simulator.app.layout import download_csv, headline
from simulator.app.live_chart import live_line_chart
from simulator.app.runs import run
from simulator.app.text import current_lang
from simulator.models.bass import BassParams


def results(params: BassParams, _: object) -> None:
    result = run(params)
    headline([(k, result.totals[k]) for k in ("adopters", "adoption_fraction", "peak_step", "peak_time")])
    lang = current_lang()
    live_line_chart(result, ("new_adopters",), lang, x="step")
    live_line_chart(result, ("adopters",), lang, x="step")
    download_csv(result.to_dict(), "bass")
