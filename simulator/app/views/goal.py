"""Goal planner page: the smallest lever value that meets the target by the deadline."""

from __future__ import annotations

import streamlit as st

from simulator.app.benchmark_badge import badge_for, benchmarks_of, show_badge
from simulator.app.layout import download_csv, headline
from simulator.app.runs import run
from simulator.app.state import widget_key
from simulator.app.text import current_lang, number, t
from simulator.charts import chart_config, target_chart
from simulator.models.goal import GoalParams


def solved_lever(page: str) -> str:
    """The input the planner solves for (shown disabled): the chosen lever."""
    return str(st.session_state.get(widget_key(page, "lever"), GoalParams.specs()["lever"].default))


def results(params: GoalParams, _: object) -> None:
    answer = run(params)
    lang = current_lang()
    spec = GoalParams.specs()[params.lever]
    lever = spec.label(lang)
    unit = spec.unit
    if answer.reachable:
        st.success(t("app.goal.answer", lever=lever, value=number(answer.value, unit)), icon="🎯")
        # The solved lever's input has no badge (its value is not used): the answer gets it.
        if benchmarks_of(params.lever, "goal"):
            show_badge(badge_for(spec, answer.value, benchmarks_of(params.lever, "goal"), lang))
    else:
        st.error(
            t(
                "app.goal.unreachable",
                lever=lever,
                best=number(answer.best, "people"),
                target=number(params.target, "people"),
            ),
            icon="🚫",
        )
    headline(
        [
            ("value", number(answer.value, unit) if answer.reachable else None),
            ("achieved", answer.achieved),
            ("best_within_bounds", answer.best),
            ("steps", params.steps),
        ]
    )
    column = "cumulative_conversions" if params.target_metric == "conversions" else "reach"
    chart = target_chart(answer.scenario.series, column, params.target, lang, t("app.goal.target-line"))
    st.altair_chart(chart_config(chart, lang), width="stretch")
    download_csv(answer.to_dict(), "goal")
