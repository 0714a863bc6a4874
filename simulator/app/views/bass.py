"""Bass adoption page: new and cumulative adopters per period, and the peak."""

from __future__ import annotations

from simulator.app.layout import download_csv, headline
from simulator.app.live_chart import live_line_chart
from simulator.app.runs import run
from simulator.app.text import current_lang
from simulator.commands import COMMANDS
from simulator.models.bass import BassParams


def results(params: BassParams, _: object) -> None:
    result = run(params)
    command = COMMANDS["bass"]
    headline([(k, result.totals[k]) for k in command.headline])
    lang = current_lang()
    live_line_chart(result, command.chart, lang, x=command.chart_x)
    live_line_chart(result, ("adopters",), lang, x="step")
    download_csv(result.to_dict(), "bass")
