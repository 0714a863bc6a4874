"""A/B test sample size page: people per group, and how the number moves with the lift."""

from __future__ import annotations

from simulator.app.layout import download_csv, headline
from simulator.app.live_chart import live_line_chart
from simulator.app.runs import run
from simulator.app.text import current_lang
from simulator.commands import COMMANDS
from simulator.models.sample_size import SampleSizeParams


def results(params: SampleSizeParams, _: object) -> None:
    result = run(params)
    headline([(k, result.totals[k]) for k in COMMANDS["sample-size"].headline])
    live_line_chart(result, ("per_group",), current_lang(), x="min_detectable_lift")
    download_csv(result.to_dict(), "sample-size")
