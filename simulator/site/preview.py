"""The simulator without its server: what a static host shows in place of the live app.

A site on a static host (no simulator process) still works: the simulator page and the
chapters' "Try it" boxes say that the live simulator is not connected and show the
preset's headline numbers and chart, computed by the engine when the site was built (the
same totals and time chart the app's page shows first, :class:`simulator.commands.Command`).
``embed.js`` asks the app at page load and shows these only when it does not answer.
"""

from __future__ import annotations

import functools
import html
import re
from pathlib import Path
from typing import Any

from simulator import data
from simulator.commands import COMMANDS, run_command
from simulator.locale import number_text
from simulator.models.metrics import RATIOS
from simulator.params import Lang
from simulator.results import quantity

__all__ = ["OFFLINE_PROBE", "preset_preview", "total_text", "unit_of", "write_offline_probe"]

OFFLINE_PROBE = "offline\n"
"""The body of the static stand-in for Streamlit's health check (Streamlit answers ``ok``)."""

CHART_WIDTH = 640  # px, like the chapters' static charts


def write_offline_probe(site_dir: Path, app_url: str) -> None:
    """For an app on the site's own origin (``app_url`` a path such as ``/simulator/app``), a
    static ``<app_url>/_stcore/health`` that answers ``offline``. Behind nginx the app's path is
    proxied and Streamlit answers ``ok``; on a static host this file answers, so the page learns
    that no simulator runs without a failed request (a 404 is a console error in browsers)."""
    if not app_url.startswith("/") or app_url.startswith("//"):
        return
    probe = site_dir / app_url.strip("/") / "_stcore" / "health"
    probe.parent.mkdir(parents=True, exist_ok=True)
    probe.write_text(OFFLINE_PROBE, encoding="utf-8")
    # GitHub Pages' Jekyll skips folders that start with "_" (such as "_stcore") without this.
    (site_dir / ".nojekyll").write_text("", encoding="utf-8")


def unit_of(total: str) -> str:
    """The unit of a model's total: a rate of the metrics calculator is a fraction (shown as %)
    or minutes; anything else is a declared quantity."""
    ratio = RATIOS.get(total)
    if ratio is not None:
        return "fraction" if ratio.shown_as == "percent" else "minutes"
    return quantity(total).unit


def total_text(model: str, totals: dict[str, Any], total: str, lang: Lang) -> str:
    """A model's total as a reader sees it, in its unit and the language's digits; the goal
    planner's answer is in the unit of the lever it solves for."""
    unit = unit_of(total)
    if model == "goal" and total == "value":
        unit = COMMANDS["goal"].params.specs()[totals["lever"]].unit
    return number_text(totals[total], unit, lang)


@functools.cache
def _payload(preset_id: str) -> dict[str, Any]:
    """The preset's run (both languages share it)."""
    preset = next(p for p in data.presets() if p.id == preset_id)
    return run_command(COMMANDS[preset.page], {k: str(v) for k, v in preset.values.items()})


def _chart_svg(page: str, rows: list[dict[str, Any]], label: str, lang: Lang) -> str:
    """The page's time chart of the run as static SVG (no script, nothing to load)."""
    import vl_convert

    from simulator.charts import line_chart_data, line_chart_spec

    command = COMMANDS[page]
    columns = tuple(c for c in command.chart if rows and c in rows[0])
    if not columns:
        return ""
    series = {name: [row[name] for row in rows] for name in (command.chart_x, *columns)}
    spec = dict(line_chart_spec(columns, lang, command.chart_x))
    spec.update(data={"values": line_chart_data(series, columns, lang, command.chart_x)}, width=CHART_WIDTH)
    svg = vl_convert.vegalite_to_svg(spec)
    svg = re.sub(r"^<svg ", f'<svg role="img" aria-label="{html.escape(label)}" ', svg)
    return f'<div class="smm-preview__chart">{svg.replace(chr(10), " ")}</div>'


@functools.lru_cache(maxsize=64)
def preset_preview(preset_id: str, lang: Lang) -> str:
    """One line of HTML, hidden: the preset's headline numbers and time chart as built."""
    preset = next(p for p in data.presets() if p.id == preset_id)
    payload = _payload(preset_id)
    totals = payload["totals"]
    items = "".join(
        f"<div class='smm-headline__item'><dt>{html.escape(quantity(k).label(lang))}</dt>"
        f"<dd>{html.escape(total_text(preset.page, totals, k, lang))}</dd></div>"
        for k in COMMANDS[preset.page].headline
        if totals.get(k) is not None
    )
    note = html.escape(data.ui()["site.preview-note"](lang))
    chart = _chart_svg(preset.page, payload["series"], preset.name(lang), lang)
    return (
        f'<div class="smm-preview" data-preset="{preset.id}" hidden>'
        f'<p class="smm-preview__note"><strong>{html.escape(preset.name(lang))}</strong> · {note}</p>'
        f'<dl class="smm-headline">{items}</dl>{chart}</div>'
    )
