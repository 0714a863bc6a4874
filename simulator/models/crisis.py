"""Crisis response: a negative story spreads as a share loop until the business answers.

The story is the share loop of :mod:`simulator.models.share_loop` (audience N, seed reach
S0, share rate s, fan-out f, decay d, steps T of ``cycle_days`` each). The business
answers ``response_hours`` = h hours after the story starts. One share cycle lasts
H = 24 ``cycle_days`` hours, so the answer comes at

    tau = h / H  cycles                       (used as given, never rounded to a step)

From then on the story's share rate falls by the response effectiveness e (0–1). The
people newly reached at step t share during cycle t, between t and t+1 cycles; with their
shares spread evenly over the cycle, the part after the answer is cut by 1 - e:

    m_t             = 1 - e clip(t + 1 - tau, 0, 1)        (no response: m_t = 1)
    shares_t        = s (1-d)^t m_t new_t
    exposures_{t+1} = f shares_t
    new_{t+1}       = (N - R_t) (1 - exp(-exposures_{t+1} / N)),   R_{t+1} = R_t + new_{t+1}

An answer at hour 3 of a 6-hour cycle therefore cuts the second half of that cycle's
shares; an answer at 6 h with 6-hour cycles cuts everything shared from step 1 on.

The answer (counter-message) is its own share loop over the same audience: seed reach A0
(``response_reach``), share rate s_a, fan-out f_a, the same decay d, with wave j landing
at tau + j cycles. The series at step t counts the waves landed by then:

    answer_t     = A_{floor(t - tau)}  for t >= tau, else 0     (A_j: answer reach after j waves)
    story_only_t = R_t (1 - answer_t / N)

``story_only`` (saw the story but not yet the answer) assumes the two reach people
independently, as the mean-field loop does within each message. ``floor`` allows 1e-9
cycles of floating-point slack, so 6 h / 6-hour cycles lands exactly on step 1; it decides
only which step *reports* the answer's waves, the story's factor m_t uses tau exactly.

Exact checks (tests/models/test_crisis.py):

* answer at 0 h with e = 1: m_t = 0 for every t, nobody shares, story reach = S0 exactly;
* no response (or an answer after the horizon): m_t = 1, the story is the share loop,
  step for step, bit for bit;
* story reach never falls when the answer comes later or works less. Write
  U_t = N - R_t and w_t = s f (1-d)^t m_t / N. The recursion telescopes to
  U_t = (N - S0) exp(-E_t) with, by summation by parts (U_{-1} = N, new_j = U_{j-1} - U_j),

      E_t = sum_{j<t} w_j new_j = w_0 N - w_{t-1} U_{t-1} - sum_{j<t-1} (w_j - w_{j+1}) U_j.

  When w is non-increasing in t, E_t falls as any earlier U_j rises and rises with every
  w_j, so by induction a pointwise larger, non-increasing w gives a smaller U_t at every
  step. A later answer or a smaller e raises every m_t and keeps m non-increasing in t,
  hence more story reach. (For arbitrary factors this fails: boosting a late cycle
  can lower reach, because early spread "uses up" people who would have shared later.)

:func:`story_reach_by_response_time` runs many response times as one vectorised share
loop (the factor m_t becomes an array over response times), for the "cost of waiting"
curve.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from simulator.declarations import (
    CRISIS_AUDIENCE,
    CRISIS_CYCLE_DAYS,
    CRISIS_DECAY,
    CRISIS_FANOUT,
    CRISIS_SEED_REACH,
    CRISIS_SHARE_RATE,
    CRISIS_STEPS,
    RESPOND,
    RESPONSE_EFFECTIVENESS,
    RESPONSE_FANOUT,
    RESPONSE_HOURS,
    RESPONSE_REACH,
    RESPONSE_SHARE_RATE,
)
from simulator.models.share_loop import ShareLoopParams, final_reach, share_waves
from simulator.params import ParameterError, Parameters, declared, exact_number, require_at_most
from simulator.results import ModelResult

__all__ = [
    "CURVE_HOURS",
    "MAX_CURVE_POINTS",
    "CrisisParams",
    "ResponseCurve",
    "crisis",
    "crisis_payload",
    "default_response_hours",
    "story_reach_by_response_time",
]

HOURS_PER_DAY = 24.0
# Response times (hours) a crisis manager compares: the first hours one by one, then days.
CURVE_HOURS = (0, 1, 2, 3, 4, 6, 8, 12, 18, 24, 36, 48, 72, 96, 120, 168, 240, 336, 504, 720)
# One curve is one array run; this keeps a request's memory and time bounded.
MAX_CURVE_POINTS = 1_000
# Slack when deciding which step first reports the answer: hours / (24 cycle_days) can land a
# hair above a whole number (2.4 h / 2.4000000000000004 h), which must not delay it a step.
_LANDING_SLACK = 1e-9


@dataclass(frozen=True)
class CrisisParams(Parameters):
    """A negative story (share-loop inputs) and the business's answer to it.

    People are counts, rates are fractions 0–1, ``cycle_days`` in days, ``response_hours``
    in hours. With ``respond = "no"`` the ``response_*`` inputs are ignored.
    """

    model = "crisis"

    audience: int = declared(CRISIS_AUDIENCE)
    seed_reach: int = declared(CRISIS_SEED_REACH)
    share_rate: float = declared(CRISIS_SHARE_RATE)
    fanout: float = declared(CRISIS_FANOUT)
    decay: float = declared(CRISIS_DECAY)
    steps: int = declared(CRISIS_STEPS)
    cycle_days: float = declared(CRISIS_CYCLE_DAYS)
    respond: str = declared(RESPOND)
    response_hours: float = declared(RESPONSE_HOURS)
    response_effectiveness: float = declared(RESPONSE_EFFECTIVENESS)
    response_reach: int = declared(RESPONSE_REACH)
    response_share_rate: float = declared(RESPONSE_SHARE_RATE)
    response_fanout: float = declared(RESPONSE_FANOUT)

    def check_together(self) -> None:
        require_at_most("seed_reach", self.seed_reach, "audience", self.audience, "people")
        require_at_most("response_reach", self.response_reach, "audience", self.audience, "people")

    @property
    def cycle_hours(self) -> float:
        """Hours one share cycle (one step) lasts: 24 ``cycle_days``."""
        return HOURS_PER_DAY * self.cycle_days

    @property
    def horizon_hours(self) -> float:
        """Hours simulated: ``steps`` cycles."""
        return self.steps * self.cycle_hours

    @property
    def response_cycle(self) -> float:
        """tau: cycles from the story's start to the answer (``inf`` with no response)."""
        return self.response_hours / self.cycle_hours if self.respond == "yes" else math.inf

    def story_as_share_loop(self) -> ShareLoopParams:
        """The story with no response, as plain share-loop inputs (the exact-check baseline)."""
        return ShareLoopParams.from_mapping(self.as_dict())


def _story_factor(tau: Any, effectiveness: float) -> Callable[[int], Any]:
    """m_t = 1 - e clip(t + 1 - tau, 0, 1), for one tau (Python floats) or an array of them."""
    e = float(effectiveness)
    if np.ndim(tau) == 0:
        tau_ = float(tau)
        return lambda t: 1.0 - e * min(max(t + 1.0 - tau_, 0.0), 1.0)
    taus = np.asarray(tau, dtype=float)
    return lambda t: 1.0 - e * np.clip(t + 1.0 - taus, 0.0, 1.0)


def _answer_waves(p: CrisisParams) -> np.ndarray:
    """A_0..A_T: the answer's cumulative reach (people) after each of its own waves."""
    waves = share_waves(p.audience, p.response_reach, p.response_share_rate, p.response_fanout, p.decay, p.steps)
    return np.array([reach for _, reach, _, _ in waves], dtype=float)


def _answer_reach_at(step: ArrayLike, tau: ArrayLike, answer_waves: np.ndarray) -> np.ndarray:
    """People reached by the answer at ``step``: the waves landed at tau, tau+1, ... by then."""
    landed = np.floor(np.asarray(step, dtype=float) - np.asarray(tau, dtype=float) + _LANDING_SLACK)
    wave = np.where(landed >= 0, landed, -1).astype(int)  # inf (no response) -> -1
    return np.where(wave >= 0, answer_waves[np.clip(wave, 0, None)], 0.0)


def crisis(params: CrisisParams | None = None, **values: object) -> ModelResult:
    """Run one crisis scenario: the story and, if answered, the answer, step by step.

    Pass a :class:`CrisisParams` or keyword values (validated). Series (people, except
    time): ``step, day, hour, story_new_reach, story_reach, story_impressions,
    story_shares, response_reach, story_only_reach``. Totals: ``story_reach``,
    ``story_reach_no_response``, ``reach_prevented``, ``response_reach``,
    ``story_only_reach`` (people, at the last step), ``viral_coefficient`` (s f),
    ``viral_coefficient_after_response`` (s f (1 - e)), ``response_step`` (tau in
    cycles, ``None`` with no response) and ``days``.
    """
    p = params if params is not None else CrisisParams(**values)  # type: ignore[arg-type]
    responding = p.respond == "yes"
    tau = p.response_cycle
    factor = _story_factor(tau, p.response_effectiveness) if responding else None
    waves = np.array(list(share_waves(p.audience, p.seed_reach, p.share_rate, p.fanout, p.decay, p.steps, factor)))
    new_reach, reach, impressions, shares = waves.T
    step = np.arange(p.steps + 1)
    if responding:
        answer = _answer_reach_at(step, tau, _answer_waves(p))
        baseline = float(final_reach(p.audience, p.seed_reach, p.share_rate, p.fanout, p.decay, p.steps))
    else:
        answer = np.zeros(p.steps + 1)
        baseline = float(reach[-1])
    story_only = reach * (1.0 - answer / p.audience)
    series = {
        "step": step,
        "day": step * p.cycle_days,
        "hour": step * p.cycle_hours,
        "story_new_reach": new_reach,
        "story_reach": reach,
        "story_impressions": impressions,
        "story_shares": shares,
        "response_reach": answer,
        "story_only_reach": story_only,
    }
    r0 = p.share_rate * p.fanout
    totals = {
        "story_reach": float(reach[-1]),
        "story_reach_no_response": baseline,
        # max(): the proof above gives >= 0; this hides last-bit rounding, never a real gain.
        "reach_prevented": max(baseline - float(reach[-1]), 0.0),
        "response_reach": float(answer[-1]),
        "story_only_reach": float(story_only[-1]),
        "viral_coefficient": r0,
        "viral_coefficient_after_response": r0 * (1.0 - p.response_effectiveness) if responding else r0,
        "response_step": tau if responding else None,
        "days": float(p.steps * p.cycle_days),
    }
    return ModelResult("crisis", p, series, totals)


@dataclass(frozen=True)
class ResponseCurve:
    """Final reach (people, at the last step) for each response time (hours, ``inf`` = none).

    Arrays of equal length, in the order the response times were given. The answer's
    settings come from the parameters; their ``respond`` choice is ignored here.
    """

    params: CrisisParams
    response_hours: np.ndarray
    story_reach: np.ndarray
    response_reach: np.ndarray
    story_only_reach: np.ndarray

    def rows(self) -> list[dict[str, float | None]]:
        """Rows for JSON/CSV; a response time of ``inf`` (no response) is shown as ``None``."""
        return [
            {
                "response_hours": float(h) if math.isfinite(h) else None,
                "story_reach": float(s),
                "response_reach": float(a),
                "story_only_reach": float(o),
            }
            for h, s, a, o in zip(
                self.response_hours, self.story_reach, self.response_reach, self.story_only_reach, strict=True
            )
        ]


def _checked_hours(response_hours: ArrayLike) -> np.ndarray:
    try:
        hours = np.atleast_1d(np.asarray(response_hours, dtype=float))
    except (TypeError, ValueError):
        raise ParameterError("response_hours", response_hours, RESPONSE_HOURS.allowed(), "is not a number") from None
    if hours.ndim != 1 or not 1 <= hours.size <= MAX_CURVE_POINTS:
        raise ParameterError(
            "response_hours",
            int(hours.size),
            f"a list of 1 to {exact_number(MAX_CURVE_POINTS)} response times",
            "is not a valid number of response times",
        )
    for value in hours.tolist():
        if value != math.inf:  # inf = never answer; anything else must be a declared response time
            RESPONSE_HOURS.check(value)
    return hours


def story_reach_by_response_time(params: CrisisParams, response_hours: ArrayLike) -> ResponseCurve:
    """The story's final reach if the answer came after each of ``response_hours`` (hours).

    One vectorised run of the story over all response times (``inf`` means no response;
    finite values must lie in the declared 0–720 h range, at most
    :data:`MAX_CURVE_POINTS` of them). Matches :func:`crisis` run at each time.
    """
    hours = _checked_hours(response_hours)
    p = params
    tau = hours / p.cycle_hours
    factor = _story_factor(tau, p.response_effectiveness)
    story = np.asarray(final_reach(p.audience, p.seed_reach, p.share_rate, p.fanout, p.decay, p.steps, factor))
    story = np.broadcast_to(story, hours.shape).astype(float)
    answer = _answer_reach_at(p.steps, tau, _answer_waves(p))
    return ResponseCurve(p, hours, story, answer, story * (1.0 - answer / p.audience))


def default_response_hours(params: CrisisParams) -> np.ndarray:
    """Response times (hours) for the curve: :data:`CURVE_HOURS` within the horizon, plus the
    scenario's own response time."""
    hours = [h for h in CURVE_HOURS if h <= params.horizon_hours]
    if params.respond == "yes":
        hours.append(params.response_hours)
    return np.unique(np.asarray(hours, dtype=float))


def crisis_payload(params: CrisisParams | None = None, **values: object) -> dict[str, Any]:
    """The CLI/JSON payload: :func:`crisis` as ``{"model", "params", "totals", "series"}`` plus
    ``"curve"``, one row per response time of :func:`default_response_hours` with the story's
    final reach (``response_hours, story_reach, response_reach, story_only_reach``)."""
    p = params if params is not None else CrisisParams(**values)  # type: ignore[arg-type]
    payload = crisis(p).to_dict()
    payload["curve"] = story_reach_by_response_time(p, default_response_hours(p)).rows()
    return payload
