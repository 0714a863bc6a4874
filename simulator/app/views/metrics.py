"""Metrics calculator page: KPIs from raw counts, against published benchmarks."""

from __future__ import annotations

import streamlit as st

from simulator import data
from simulator.app.layout import download_csv, headline
from simulator.app.runs import run
from simulator.app.text import current_lang, number, t
from simulator.locale import citation, join_list
from simulator.models.metrics import RATIOS, MetricsInputs


def _unit(metric_id: str) -> str:
    return "fraction" if RATIOS[metric_id].shown_as == "percent" else "minutes"


def _shown(value: float, metric_id: str) -> str:
    """A KPI as read: percentages as %, times with their unit (173.3 minutes)."""
    unit = _unit(metric_id)
    text = number(value, unit)
    if unit == "minutes":
        text += " " + RATIOS[metric_id].numerator.unit_text(current_lang())
    return text


def _versus(value: float, low: float, high: float) -> str:
    if value < low * 0.9:
        return t("app.metrics.below")
    if value > high * 1.1:
        return t("app.metrics.above")
    return t("app.metrics.within")


def results(params: MetricsInputs, _: object) -> None:
    values = run(params)
    lang = current_lang()
    rows = []
    for metric in data.metrics():
        ratio = RATIOS[metric.id]
        value = values[metric.id]
        if value is None:
            needs = join_list([ratio.numerator.label(lang), ratio.denominator.label(lang)], lang)
            shown = "— (" + t("app.metrics.needs", inputs=needs) + ")"
        else:
            shown = _shown(value, metric.id)
        bench = []
        for b in metric.benchmarks:
            ref = _shown((b.low + b.high) / 2, metric.id)
            verdict = f"{_versus(value, b.low, b.high)} " if value is not None else ""
            bench.append(f"{verdict}{b.platform(lang)} {ref} ({citation(b.source, b.year, lang)})")
        rows.append(
            {
                t("site.metric"): metric.name(lang),
                t("site.formula"): ratio.formula(lang),
                t("app.metrics.value"): shown,
                t("site.benchmark"): join_list(bench, lang, strong=True),
            }
        )
    st.table(rows, hide_index=True)
    goal = values.get("goal_progress")
    if goal is not None:
        st.markdown(f"**{t('app.metrics.goal')}**")
        headline(
            [
                ("goal_target", goal.target),
                ("goal_progress", goal.progress),
                ("goal_expected", goal.expected),
                ("goal_projected", goal.projected),
            ]
        )
        (st.success if goal.on_track else st.warning)(
            t("app.metrics.on-track" if goal.on_track else "app.metrics.behind")
        )
    payload = {
        "model": "metrics",
        "params": params.as_dict(),
        "totals": {},
        "series": [{"metric": m.id, "value": values[m.id]} for m in data.metrics()],
    }
    download_csv(payload, "metrics")
