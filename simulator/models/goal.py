"""Goal planner: the smallest share rate, seed reach or fan-out that meets a target.

Inverse question on the share loop: "what share rate do we need for 500 conversions in
30 days?". Reach after T steps increases monotonically with each lever (more sharing,
a bigger seed or a wider fan-out never reaches fewer people), so the answer is the
left edge of a monotone set and is found by bracketing. Each bracketing round evaluates
a whole grid of candidate values as one vectorised share-loop run, narrowing the bracket
128-fold per round.

"Unreachable within bounds" is an answer, not an error: the result says so and gives
the best the lever can do at its upper bound.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from simulator.declarations import (
    AUDIENCE,
    CONVERSION_RATE,
    CYCLE_DAYS,
    DECAY,
    FANOUT,
    GOAL_DAYS,
    LEVER,
    SEED_REACH,
    SHARE_RATE,
    STEPS,
    TARGET,
    TARGET_METRIC,
)
from simulator.models.calendar import whole_cycles
from simulator.models.share_loop import ShareLoopParams, final_reach, share_loop
from simulator.params import ParameterError, Parameters, declared, exact_number, require_at_most
from simulator.results import ModelResult

__all__ = ["GoalParams", "GoalResult", "plan_goal"]

_CANDIDATES = 128
_RELATIVE_TOLERANCE = 1e-9


@dataclass(frozen=True)
class GoalParams(Parameters):
    """A target (people or conversions) by a deadline (days), and the share-loop scenario.

    The value given for the lever itself is ignored: that is what the planner finds.
    """

    model = "goal"

    lever: str = declared(LEVER)
    target_metric: str = declared(TARGET_METRIC)
    target: float = declared(TARGET)
    days: int = declared(GOAL_DAYS)
    audience: int = declared(AUDIENCE)
    seed_reach: int = declared(SEED_REACH)
    share_rate: float = declared(SHARE_RATE)
    fanout: float = declared(FANOUT)
    conversion_rate: float = declared(CONVERSION_RATE)
    decay: float = declared(DECAY)
    cycle_days: float = declared(CYCLE_DAYS)

    def check_together(self) -> None:
        if self.lever != "seed_reach":
            require_at_most("seed_reach", self.seed_reach, "audience", self.audience, "people")
        if self.steps < 1:
            raise ParameterError(
                "days",
                self.days,
                f"at least cycle_days = {exact_number(self.cycle_days)} days",
                "is shorter than one share cycle",
                related=("cycle_days",),
                allowed_fa=f"دست‌کم cycle_days = {exact_number(self.cycle_days)} روز",
                reason_fa="از یک چرخهٔ بازنشر کوتاه‌تر است",
            )
        if self.steps > STEPS.maximum:  # type: ignore[operator]
            raise ParameterError(
                "days",
                self.days,
                f"at most {exact_number(STEPS.maximum * self.cycle_days)} days with cycle_days = "  # type: ignore[operator]
                f"{exact_number(self.cycle_days)} (the share loop runs at most {exact_number(STEPS.maximum)} steps)",  # type: ignore[arg-type]
                "is too many share cycles",
                related=("cycle_days",),
                allowed_fa=f"حداکثر {exact_number(STEPS.maximum * self.cycle_days)} روز با cycle_days = "  # type: ignore[operator]
                f"{exact_number(self.cycle_days)} (حلقهٔ اشتراک‌گذاری حداکثر {exact_number(STEPS.maximum)} گام اجرا می‌شود)",  # type: ignore[arg-type]
                reason_fa="چرخه‌های بازنشر بیش از حد زیادی می‌سازد",
            )

    @property
    def steps(self) -> int:
        """Whole share cycles before the deadline."""
        return whole_cycles(self.days, self.cycle_days)

    def lever_bounds(self) -> tuple[float, float]:
        spec = {"share_rate": SHARE_RATE, "seed_reach": SEED_REACH, "fanout": FANOUT}[self.lever]
        upper = min(float(spec.maximum), float(self.audience)) if self.lever == "seed_reach" else float(spec.maximum)
        return float(spec.minimum), upper  # type: ignore[arg-type]


@dataclass(frozen=True)
class GoalResult:
    """The planner's answer.

    ``value`` is the smallest lever value meeting the target (``None`` if unreachable);
    ``best`` is the metric reached at the lever's upper bound; ``scenario`` the share loop
    run at ``value`` (or at the upper bound when unreachable), for charts and tables.
    """

    params: GoalParams
    reachable: bool
    value: float | None
    achieved: float
    best: float
    scenario: ModelResult

    def to_dict(self) -> dict[str, Any]:
        totals = {
            "lever": self.params.lever,
            "reachable": self.reachable,
            "value": self.value,
            "target": self.params.target,
            "target_metric": self.params.target_metric,
            "achieved": self.achieved,
            "best_within_bounds": self.best,
            "steps": self.params.steps,
        }
        return {
            "model": "goal",
            "params": self.params.as_dict(),
            "totals": totals,
            "series": list(self.scenario.rows()),
        }


def _metric_at(p: GoalParams, lever_values: np.ndarray) -> np.ndarray:
    """Target metric at the deadline for each candidate lever value (one array run)."""
    inputs: dict[str, Any] = {
        "audience": p.audience,
        "seed_reach": p.seed_reach,
        "share_rate": p.share_rate,
        "fanout": p.fanout,
        "decay": p.decay,
    }
    inputs[p.lever] = lever_values
    reach = np.asarray(final_reach(steps=p.steps, **inputs), dtype=float)
    return reach * p.conversion_rate if p.target_metric == "conversions" else reach


def plan_goal(params: GoalParams | None = None, **values: object) -> GoalResult:
    """Find the smallest lever value whose share loop meets the target by the deadline."""
    p = params if params is not None else GoalParams(**values)  # type: ignore[arg-type]
    lo, hi = p.lever_bounds()
    whole = p.lever == "seed_reach"  # people come in whole numbers
    edge = _metric_at(p, np.array([lo, hi]))
    best = float(edge[1])
    if best < p.target:
        value = None
    elif edge[0] >= p.target:
        value = lo
    else:
        # Invariant: metric(lo) < target <= metric(hi).
        while hi - lo > (1.0 if whole else _RELATIVE_TOLERANCE * max(hi, 1e-12)):
            grid = np.linspace(lo, hi, _CANDIDATES)
            if whole:
                grid = np.unique(np.round(grid))
            met = _metric_at(p, grid) >= p.target
            first = int(np.argmax(met))
            lo, hi = float(grid[first - 1]), float(grid[first])
        value = hi
    chosen: float = value if value is not None else p.lever_bounds()[1]
    scenario = share_loop(
        ShareLoopParams.from_mapping({**p.as_dict(), p.lever: int(chosen) if whole else chosen, "steps": p.steps})
    )
    return GoalResult(p, value is not None, value, scenario.totals[p.target_metric], best, scenario)
