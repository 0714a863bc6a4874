"""Goal planner: the answer meets the target and nothing smaller does."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simulator.models.goal import GoalParams, plan_goal
from simulator.models.share_loop import ShareLoopParams, share_loop
from simulator.params import ParameterError


def metric(p: GoalParams, **lever: float) -> float:
    """The target metric of the plain share loop with the lever set, computed independently."""
    scenario = ShareLoopParams.from_mapping({**p.as_dict(), **lever, "steps": p.steps})
    return share_loop(scenario).totals[p.target_metric]


@pytest.mark.parametrize("lever", ["share_rate", "seed_reach", "fanout"])
def test_answer_is_the_smallest_value_that_meets_the_target(lever: str) -> None:
    p = GoalParams(lever=lever, target=500, days=30, audience=1_000_000)
    g = plan_goal(p)
    assert g.reachable
    assert g.value is not None
    assert metric(p, **{lever: g.value}) >= 500
    below = g.value - 1 if lever == "seed_reach" else g.value * (1 - 1e-6)
    assert metric(p, **{lever: below}) < 500
    assert g.achieved == pytest.approx(metric(p, **{lever: g.value}))


def test_geometric_case_has_a_closed_form_answer() -> None:
    # Subcritical, huge audience: conversions = c S0 / (1 - s f) -> S0 = target (1 - s f) / c.
    p = GoalParams(
        lever="seed_reach",
        target=500,
        days=365,
        audience=1_000_000_000,
        share_rate=0.05,
        fanout=10,
        conversion_rate=0.02,
    )
    assert plan_goal(p).value == pytest.approx(500 * 0.5 / 0.02, abs=1)


def test_unreachable_is_an_answer() -> None:
    g = plan_goal(lever="share_rate", target=5_000_000, days=30, audience=1_000_000)
    assert not g.reachable
    assert g.value is None
    assert g.best < 5_000_000
    assert g.to_dict()["totals"]["reachable"] is False


def test_already_met_at_the_lower_bound() -> None:
    g = plan_goal(lever="fanout", target_metric="reach", target=1_000, seed_reach=1_000)
    assert g.value == 0.0


@pytest.mark.parametrize("lever", ["share_rate", "fanout"])
def test_seed_reach_above_the_audience_is_refused_unless_it_is_the_lever(lever: str) -> None:
    with pytest.raises(ParameterError, match=r"^seed_reach = 5,000 is too large: at most audience = 1,000 people$"):
        GoalParams(lever=lever, seed_reach=5_000, audience=1_000)
    assert (
        GoalParams(lever="seed_reach", seed_reach=5_000, audience=1_000).seed_reach == 5_000
    )  # the answer, not an input


def test_deadline_shorter_than_a_cycle_is_rejected() -> None:
    with pytest.raises(ParameterError, match=r"days = 1 is shorter than one share cycle: at least cycle_days = 2 days"):
        GoalParams(days=1, cycle_days=2)


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(["share_rate", "fanout"]), st.floats(10, 5_000), st.integers(5, 90))
def test_answer_meets_target_whenever_reachable(lever: str, target: float, days: int) -> None:
    p = GoalParams(lever=lever, target=target, days=days)
    g = plan_goal(p)
    if g.reachable:
        assert metric(p, **{lever: g.value}) >= target * (1 - 1e-9)
    else:
        assert g.best < target
