"""The playbook figures' data (simulator/figures.py), against values known without the engine,
and the rule that the chart builders draw it rather than running models themselves."""

from __future__ import annotations

import ast
import math
from pathlib import Path

import numpy as np
import pytest

from simulator import figures

ROOT = Path(__file__).resolve().parents[1]


def test_nobody_shares_so_reach_is_the_seeds() -> None:
    # 100 seeds of 100,000 people at share rate 0: reach fraction 100 / 100,000, for every fan-out.
    frame = figures.viral_tipping()
    at_zero = frame[frame["share_rate"] == 0.0]
    assert len(at_zero) == len(figures.VIRAL_FANOUTS) == 10  # fan-outs 20, 40, ..., 200
    assert np.allclose(at_zero["reach_fraction"], 0.001)


def test_reach_grows_with_the_share_rate_on_every_curve() -> None:
    frame = figures.viral_tipping()
    for _, curve in frame.groupby("fanout"):
        assert np.all(np.diff(curve.sort_values("share_rate")["reach_fraction"].to_numpy()) >= 0)
    assert len(frame) == 10 * 51  # share rates 0, 0.1%, ..., 5%


@pytest.mark.parametrize(("q", "period"), [(0.1, 1), (0.4, 6), (0.6, 30)])
def test_bass_new_adopters_follow_the_closed_form(q: float, period: int) -> None:
    # F(t) = (1 - e^-(p+q)t) / (1 + (q/p) e^-(p+q)t), p = 0.03; new adopters = 100,000 (F(t) - F(t-1)).
    def adopted(t: int) -> float:
        decay = math.exp(-(0.03 + q) * t)
        return (1 - decay) / (1 + q / 0.03 * decay)

    frame = figures.bass_adoption()
    row = frame[(np.isclose(frame["q"], q)) & (frame["period"] == period)]
    assert len(row) == 1
    assert row["new_adopters"].iloc[0] == pytest.approx(100_000 * (adopted(period) - adopted(period - 1)), rel=1e-9)
    assert frame[frame["period"] == 0]["new_adopters"].eq(0).all()


@pytest.mark.parametrize("budget", [500, 1000, 2000, 3000, 5000])
def test_each_budget_is_spent_in_full(budget: int) -> None:
    frame = figures.segment_allocation()
    rows = frame[frame["budget"] == budget]
    assert len(rows) >= 2
    assert rows["spend"].sum() == pytest.approx(budget)
    assert rows["segment_fa"].str.contains(r"[\u0600-\u06FF]").all()


def test_referral_and_crisis_curves_have_every_slider_position() -> None:
    assert sorted(figures.referral_growth()["k"].unique()) == list(figures.REFERRAL_K)
    assert np.allclose(sorted(figures.crisis_response()["effectiveness"].unique()), [0.2, 0.4, 0.6, 0.8, 1.0])
    assert np.allclose(sorted(figures.sticky_decay()["decay"].unique()), np.arange(0, 0.31, 0.02))


def test_a_figure_is_computed_once() -> None:
    assert figures.sticky_decay() is figures.sticky_decay()


def test_the_chart_builders_run_no_model() -> None:
    # Charts draw what the engine computed: simulator/charts.py imports no model module.
    tree = ast.parse((ROOT / "simulator" / "charts.py").read_text(encoding="utf-8"))
    imported = [
        node.module if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    ]
    assert "simulator" in imported or "simulator.figures" in imported
    assert [name for name in imported if name and name.startswith("simulator.models")] == []
