"""Crisis response: exact checks, the response-time mapping, monotonicity, bad input."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simulator.declarations import RESPONSE_HOURS
from simulator.models.crisis import (
    MAX_CURVE_POINTS,
    CrisisParams,
    crisis,
    crisis_payload,
    default_response_hours,
    story_reach_by_response_time,
)
from simulator.models.share_loop import share_loop
from simulator.params import ParameterError

STORY_COLUMNS = {
    "story_new_reach": "new_reach",
    "story_reach": "reach",
    "story_impressions": "impressions",
    "story_shares": "shares",
}

scenarios = st.fixed_dictionaries(
    {
        "audience": st.integers(1, 1_000_000_000),
        "seed_fraction": st.floats(0, 1),
        "share_rate": st.floats(0, 1),
        "fanout": st.floats(0, 5_000),
        "decay": st.floats(0, 1),
        "steps": st.integers(1, 120),
        "cycle_days": st.floats(0.1, 2),
        "response_hours": st.floats(0, 720),
        "response_effectiveness": st.floats(0, 1),
        "response_fraction": st.floats(0, 1),
        "response_share_rate": st.floats(0, 1),
        "response_fanout": st.floats(0, 100),
    }
)


def _params(values: dict) -> CrisisParams:
    v = dict(values)
    v["seed_reach"] = max(1, int(v.pop("seed_fraction") * v["audience"]))
    v["response_reach"] = int(v.pop("response_fraction") * v["audience"])
    return CrisisParams(**v)


def _story_by_hand(p: CrisisParams) -> np.ndarray:
    """The documented recursion, written out independently in plain Python: reach per step."""
    tau = p.response_hours / (24 * p.cycle_days) if p.respond == "yes" else math.inf
    new, reach, out = float(p.seed_reach), float(p.seed_reach), [float(p.seed_reach)]
    for t in range(p.steps):
        cut = p.response_effectiveness * min(max(t + 1 - tau, 0.0), 1.0)
        shares = p.share_rate * (1 - p.decay) ** t * (1 - cut) * new
        new = (p.audience - reach) * (1 - math.exp(-p.fanout * shares / p.audience))
        reach += new
        out.append(reach)
    return np.array(out)


# --- exact checks -------------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(scenarios)
def test_instant_full_response_stops_the_story_at_its_seeds(values: dict) -> None:
    p = _params(values).replace(response_hours=0.0, response_effectiveness=1.0)
    r = crisis(p)
    assert np.all(r.series["story_reach"] == p.seed_reach)  # exactly, not approximately
    assert np.all(r.series["story_shares"] == 0)
    assert np.all(r.series["story_new_reach"][1:] == 0)
    assert r.totals["story_reach"] == p.seed_reach


@settings(max_examples=60, deadline=None)
@given(scenarios)
def test_no_response_is_the_share_loop_bit_for_bit(values: dict) -> None:
    p = _params(values).replace(respond="no")
    r, plain = crisis(p), share_loop(p.story_as_share_loop())
    for ours, theirs in STORY_COLUMNS.items():
        np.testing.assert_array_equal(r.series[ours], plain.series[theirs])
    assert np.all(r.series["response_reach"] == 0)
    assert r.totals["story_reach_no_response"] == plain.totals["reach"]
    assert r.totals["reach_prevented"] == 0
    assert r.totals["response_step"] is None


def test_answer_after_the_horizon_is_the_share_loop() -> None:
    # Horizon 60 h. The people reached at the last step share during 60-66 h, so an answer
    # at 61 h cuts only those shares (reach is untouched); from 66 h on nothing differs.
    p = CrisisParams(steps=10, cycle_days=0.25, response_hours=61)
    plain = share_loop(p.story_as_share_loop())
    r = crisis(p)
    np.testing.assert_array_equal(r.series["story_reach"], plain.series["reach"])
    assert r.series["story_shares"][-1] == pytest.approx(plain.series["shares"][-1] * (1 - 0.6 * 5 / 6), rel=1e-15)
    assert r.totals["response_reach"] == 0
    r = crisis(p.replace(response_hours=66))
    for ours, theirs in STORY_COLUMNS.items():
        np.testing.assert_array_equal(r.series[ours], plain.series[theirs])


def test_series_follow_the_documented_recursion() -> None:
    p = CrisisParams(audience=200_000, seed_reach=500, share_rate=0.3, fanout=7, decay=0.1, steps=30, response_hours=14)
    np.testing.assert_allclose(crisis(p).series["story_reach"], _story_by_hand(p), rtol=1e-12)


# --- response time in hours -> cycles ----------------------------------------------------


def test_response_time_is_used_as_given_not_rounded() -> None:
    # 6-hour cycles; an answer at hour 3 cuts the second half of cycle 0's shares.
    p = CrisisParams(cycle_days=0.25, seed_reach=2_000, share_rate=0.15, response_effectiveness=0.6, decay=0.05)
    half = crisis(p.replace(response_hours=3)).series["story_shares"]
    assert half[0] == pytest.approx(0.15 * 2_000 * (1 - 0.6 * 0.5), rel=1e-15)
    whole = crisis(p.replace(response_hours=6)).series
    assert whole["story_shares"][0] == pytest.approx(0.15 * 2_000, rel=1e-15)
    assert whole["story_shares"][1] == pytest.approx(0.15 * 0.95 * 0.4 * whole["story_new_reach"][1], rel=1e-15)
    # Every hour counts: 1 h and 2 h differ although both fall inside the first 6-hour cycle.
    reach = [crisis(p.replace(response_hours=h)).totals["story_reach"] for h in (1, 2, 3)]
    assert reach[0] < reach[1] < reach[2]


@pytest.mark.parametrize(
    ("cycle_days", "hours", "first_step"),
    [(0.25, 6, 1), (0.25, 5.5, 1), (0.25, 6.5, 2), (0.1, 2.4, 1), (0.1, 7.2, 3), (1, 0, 0), (0.3, 21.6, 3)],
)
def test_answer_is_reported_from_the_first_step_at_or_after_it(
    cycle_days: float, hours: float, first_step: int
) -> None:
    # 2.4 h / (24 x 0.1 d) is 0.9999999999999998 in floating point: the answer still lands at step 1.
    p = CrisisParams(cycle_days=cycle_days, response_hours=hours, steps=12, response_reach=7_000)
    answer = crisis(p).series["response_reach"]
    assert np.all(answer[:first_step] == 0)
    assert answer[first_step] == 7_000
    assert crisis(p).totals["response_step"] == pytest.approx(hours / (24 * cycle_days), rel=1e-15)


def test_answer_spreads_as_its_own_share_loop() -> None:
    p = CrisisParams(cycle_days=0.5, response_hours=24, steps=20)  # lands at step 2
    answer = crisis(p).series["response_reach"]
    own = share_loop(
        audience=p.audience,
        seed_reach=p.response_reach,
        share_rate=p.response_share_rate,
        fanout=p.response_fanout,
        decay=p.decay,
        steps=18,
    ).series["reach"]
    np.testing.assert_array_equal(answer[2:], own)
    story, only = crisis(p).series["story_reach"], crisis(p).series["story_only_reach"]
    np.testing.assert_allclose(only, story * (1 - answer / p.audience), rtol=1e-15)


# --- properties -----------------------------------------------------------------------------


@settings(max_examples=80, deadline=None)
@given(scenarios, st.floats(0, 720), st.floats(0, 720))
def test_later_response_never_lowers_the_story_reach(values: dict, h1: float, h2: float) -> None:
    p = _params(values)
    early, late = (crisis(p.replace(response_hours=h)).series["story_reach"] for h in sorted((h1, h2)))
    # At every step, not only at the end (see the proof in the module docstring).
    assert np.all(late >= early * (1 - 1e-12))


@settings(max_examples=60, deadline=None)
@given(scenarios, st.floats(0, 1), st.floats(0, 1))
def test_stronger_response_never_raises_the_story_reach(values: dict, e1: float, e2: float) -> None:
    p = _params(values)
    weak, strong = (crisis(p.replace(response_effectiveness=e)).totals["story_reach"] for e in sorted((e1, e2)))
    assert strong <= weak * (1 + 1e-12)


@settings(max_examples=80, deadline=None)
@given(scenarios)
def test_reach_bounded_and_finite(values: dict) -> None:
    p = _params(values)
    r = crisis(p)
    for name, column in r.series.items():
        assert np.all(np.isfinite(column)), name
    assert np.all(r.series["story_reach"] <= p.audience * (1 + 1e-12))
    assert np.all(r.series["response_reach"] <= p.audience * (1 + 1e-12))
    assert np.all(r.series["story_only_reach"] <= r.series["story_reach"])
    assert np.all(np.diff(r.series["story_reach"]) >= 0)
    assert r.totals["story_reach"] <= r.totals["story_reach_no_response"] * (1 + 1e-12)


# --- the response-time curve ----------------------------------------------------------------


@settings(max_examples=40, deadline=None)
@given(scenarios, st.lists(st.floats(0, 720), min_size=1, max_size=8))
def test_curve_matches_single_runs_and_never_falls(values: dict, hours: list[float]) -> None:
    p = _params(values)
    curve = story_reach_by_response_time(p, sorted(hours))
    singles = [crisis(p.replace(response_hours=h)) for h in sorted(hours)]
    np.testing.assert_allclose(curve.story_reach, [s.totals["story_reach"] for s in singles], rtol=1e-12)
    np.testing.assert_allclose(curve.response_reach, [s.totals["response_reach"] for s in singles], rtol=1e-12)
    assert np.all(np.diff(curve.story_reach) >= -1e-12 * curve.story_reach[1:])


def test_curve_never_responding_is_the_share_loop() -> None:
    p = CrisisParams()
    curve = story_reach_by_response_time(p, [0, math.inf])
    assert curve.story_reach[1] == pytest.approx(share_loop(p.story_as_share_loop()).totals["reach"], rel=1e-12)
    assert curve.response_reach[1] == 0
    assert curve.rows()[1]["response_hours"] is None
    assert curve.story_reach[0] < curve.story_reach[1]


def test_default_curve_hours_stay_within_the_horizon_and_include_the_scenario() -> None:
    p = CrisisParams(steps=8, cycle_days=0.25, response_hours=5)  # horizon 48 h
    hours = default_response_hours(p)
    assert hours[0] == 0
    assert hours.max() <= 48
    assert 5 in hours
    assert np.all(np.diff(hours) > 0)


def test_payload_shape() -> None:
    d = crisis_payload(CrisisParams(steps=12))
    assert set(d) == {"model", "params", "totals", "series", "curve"}
    assert d["model"] == "crisis"
    assert len(d["series"]) == 13
    assert set(d["curve"][0]) == {"response_hours", "story_reach", "response_reach", "story_only_reach"}


# --- bad input ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "needle"),
    [
        ({"audience": 1_000, "seed_reach": 2_000}, r"^seed_reach = 2,000 is too large: at most audience = 1,000"),
        ({"audience": 5_000}, r"^response_reach = 10,000 is too large: at most audience = 5,000 people"),
        ({"response_hours": -0.5}, r"^response_hours = -0.5 is outside the allowed range: 0 to 720 hours"),
        ({"response_hours": 720.5}, r"^response_hours = 720.5 is outside the allowed range: 0 to 720 hours"),
        ({"response_effectiveness": 1.01}, r"^response_effectiveness = 1.01 is outside the allowed range: 0 to 1"),
        ({"respond": "maybe"}, r"^respond = 'maybe' is not a valid choice: one of yes, no"),
        ({"cycle_days": 0.05}, r"^cycle_days = 0.05 is outside the allowed range: 0.1 to 365 days"),
    ],
)
def test_bad_parameters_are_named(changes: dict, needle: str) -> None:
    with pytest.raises(ParameterError, match=needle):
        CrisisParams(**changes)


@pytest.mark.parametrize(
    ("hours", "needle"),
    [
        ([1, -1], r"^response_hours = -1 is outside the allowed range: 0 to 720 hours"),
        ([721], r"^response_hours = 721 is outside the allowed range"),
        ([float("nan")], r"^response_hours = nan is not a finite number"),
        ([-math.inf], r"^response_hours = -inf is not a finite number"),
        (["soon"], r"^response_hours = \['soon'\] is not a number"),
        ([], r"^response_hours = 0 is not a valid number of response times: a list of 1 to 1,000"),
        ([[1, 2], [3, 4]], r"^response_hours = 4 is not a valid number of response times"),
        (np.zeros(MAX_CURVE_POINTS + 1), r"^response_hours = 1,001 is not a valid number of response times"),
    ],
)
def test_curve_rejects_bad_response_times(hours: object, needle: str) -> None:
    with pytest.raises(ParameterError, match=needle):
        story_reach_by_response_time(CrisisParams(), hours)  # type: ignore[arg-type]


def test_curve_accepts_the_declared_extremes() -> None:
    curve = story_reach_by_response_time(CrisisParams(), [RESPONSE_HOURS.minimum, RESPONSE_HOURS.maximum])
    assert curve.story_reach.shape == (2,)
