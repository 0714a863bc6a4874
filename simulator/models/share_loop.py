"""Mean-field share loop: how a post spreads when each newly reached person may share it.

Step 0 reaches the seed (the post itself or paid promotion). At every step a fraction
``s (1-d)^t`` of the newly reached people share; each share is seen by ``f`` people,
drawn at random from the whole audience, so some land on people already reached:

    shares_t        = s (1-d)^t new_t
    exposures_{t+1} = f shares_t
    new_{t+1}       = (N - R_t) (1 - exp(-exposures_{t+1} / N))
    R_{t+1}         = R_t + new_{t+1}
    conversions_t   = c new_t

The viral coefficient for reach is ``R0 = s f``: below 1 every wave is smaller than the
last and total reach tends to ``S0 / (1 - s f)`` (geometric series, N >> S0); above 1
the post tips into spreading until saturation, where (d = 0) the reached fraction r
solves ``1 - r = (1 - S0/N) exp(-s f r)`` – the discrete recursion telescopes to it
exactly, because ``N - R_{t+1} = (N - R_t) exp(-s f new_t / N)``.

The recursion is written once (:func:`share_waves`): the same code runs a single
scenario on Python floats or a whole share-rate x audience grid (:func:`share_sweep`)
as one vectorised numpy computation.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from simulator.declarations import (
    AUDIENCE,
    AUDIENCE_MAX,
    AUDIENCE_MIN,
    AUDIENCE_POINTS,
    CONVERSION_RATE,
    CYCLE_DAYS,
    DECAY,
    FANOUT,
    SEED_REACH,
    SHARE_RATE,
    SHARE_RATE_MAX,
    SHARE_RATE_MIN,
    SHARE_RATE_POINTS,
    STEPS,
    SWEEP_FANOUT,
    SWEEP_MAX_CELL_STEPS,
)
from simulator.params import ParameterError, Parameters, declared, exact_number, require_at_most
from simulator.results import ModelResult

__all__ = [
    "ShareLoopParams",
    "SweepParams",
    "SweepResult",
    "final_reach",
    "share_loop",
    "share_sweep",
    "share_waves",
]

Wave = tuple[Any, Any, Any, Any]


@dataclass(frozen=True)
class ShareLoopParams(Parameters):
    """Inputs of the share loop. People are counts, rates are fractions 0–1, time in steps."""

    model = "share"

    audience: int = declared(AUDIENCE)
    seed_reach: int = declared(SEED_REACH)
    share_rate: float = declared(SHARE_RATE)
    fanout: float = declared(FANOUT)
    conversion_rate: float = declared(CONVERSION_RATE)
    decay: float = declared(DECAY)
    steps: int = declared(STEPS)
    cycle_days: float = declared(CYCLE_DAYS)

    def check_together(self) -> None:
        require_at_most("seed_reach", self.seed_reach, "audience", self.audience, "people")

    @property
    def viral_coefficient(self) -> float:
        """Reach R0 = s f: people reached, on average, through one newly reached person."""
        return self.share_rate * self.fanout


def _fraction_seen_scalar(x: float) -> float:
    """1 - exp(-x): the fraction of the unreached who see at least one of x N exposures."""
    return -math.expm1(-x)


# Below this, 1 - exp(-x) = x (1 - x/2 + x^2/6 - x^3/24) to better than 1e-18 relative,
# i.e. to the last bit of a double. numpy's float64 expm1 costs ~12 ns an element here
# (no SIMD path on this CPU) and dominates a grid sweep, while most cells of a grid sit
# in this small-x regime after the first steps; the series costs a few ns.
_SERIES_LIMIT = 1e-4


def _fraction_seen_array(x: np.ndarray) -> np.ndarray:
    """1 - exp(-x) elementwise, exact to double precision, cheap where x is small."""
    # Horner form x (1 - x (1/2 - x (1/6 - x/24))), in place to avoid temporaries.
    out = x * (1.0 / 24.0)
    np.subtract(1.0 / 6.0, out, out=out)
    out *= x
    np.subtract(0.5, out, out=out)
    out *= x
    np.subtract(1.0, out, out=out)
    out *= x
    large = np.flatnonzero(x >= _SERIES_LIMIT)
    if large.size:
        flat = out.reshape(-1)
        flat[large] = -np.expm1(-x.reshape(-1)[large])
    return out


def share_waves(
    audience: ArrayLike,
    seed_reach: ArrayLike,
    share_rate: ArrayLike,
    fanout: ArrayLike,
    decay: ArrayLike,
    steps: int,
    share_factor: Callable[[int], Any] | None = None,
) -> Iterator[Wave]:
    """Yield ``(new_reach, reach, impressions, shares)`` for steps 0..``steps`` (people).

    The one implementation of the recursion. Scalar inputs run on Python floats (a
    single scenario in microseconds); array inputs broadcast, so a whole grid of
    scenarios advances together. Inputs are assumed valid (callers validate through
    the parameter classes). Yielded values are never modified afterwards.

    ``share_factor(t)``, if given, multiplies the share propensity of the people newly
    reached at step ``t`` (``shares_t = s (1-d)^t m_t new_t``, ``m_t`` in 0–1, a number
    or an array broadcasting with the inputs). The crisis model uses it for a response
    that cuts sharing from some time on. Without it nothing extra is computed.
    """
    inputs = (audience, seed_reach, share_rate, fanout, decay)
    first_factor = None if share_factor is None else share_factor(0)
    if all(np.ndim(x) == 0 for x in inputs) and np.ndim(first_factor) == 0:
        n, s0, s, f, d = (float(x) for x in inputs)  # type: ignore[arg-type]
        fraction_seen: Callable[[Any], Any] = _fraction_seen_scalar
    else:
        # Materialised to full contiguous arrays once: elementwise ops on them run about
        # twice as fast as on broadcast (rates, 1) x (1, audiences) views, every step.
        shapes = [np.shape(x) for x in inputs] + ([] if first_factor is None else [np.shape(first_factor)])
        shape = np.broadcast_shapes(*shapes)
        n, s0, s, f, d = (np.ascontiguousarray(np.broadcast_to(np.asarray(x, dtype=float), shape)) for x in inputs)
        fraction_seen = _fraction_seen_array
    keep = 1.0 - d
    propensity = s  # s (1-d)^t: share propensity after content ageing
    new = reach = impressions = s0
    for t in range(steps + 1):
        shares = propensity * new
        if share_factor is not None:
            shares = shares * share_factor(t)
        yield new, reach, impressions, shares
        if t == steps:
            return
        impressions = f * shares
        new = (n - reach) * fraction_seen(impressions / n)
        reach = reach + new
        propensity = propensity * keep


def final_reach(
    audience: ArrayLike,
    seed_reach: ArrayLike,
    share_rate: ArrayLike,
    fanout: ArrayLike,
    decay: ArrayLike,
    steps: int,
    share_factor: Callable[[int], Any] | None = None,
) -> Any:
    """Cumulative reach (people) after ``steps``, broadcast over array inputs.

    Consumes :func:`share_waves` keeping only the latest wave: holding every wave of a
    100 x 100 grid over 365 steps would cost ~100 MB and double the run time.
    ``share_factor`` is passed on to :func:`share_waves`.
    """
    waves = share_waves(audience, seed_reach, share_rate, fanout, decay, steps, share_factor)
    ((_, reach, _, _),) = deque(waves, maxlen=1)
    return reach


def share_loop(params: ShareLoopParams | None = None, **values: object) -> ModelResult:
    """Run one share-loop scenario.

    Pass a :class:`ShareLoopParams` or keyword values (validated). Returns per-step
    ``step, day, new_reach, reach, impressions, shares, conversions,
    cumulative_conversions`` and totals ``reach, earned_reach`` (reach beyond the seed,
    i.e. through shares), ``impressions, shares, conversions, viral_coefficient,
    reach_fraction, days`` (people, except the last three).
    """
    p = params if params is not None else ShareLoopParams(**values)  # type: ignore[arg-type]
    waves = np.array(list(share_waves(p.audience, p.seed_reach, p.share_rate, p.fanout, p.decay, p.steps)))
    new_reach, reach_t, impressions, shares = waves.T
    step = np.arange(p.steps + 1)
    conversions = p.conversion_rate * new_reach
    series = {
        "step": step,
        "day": step * p.cycle_days,
        "new_reach": new_reach,
        "reach": reach_t,
        "impressions": impressions,
        "shares": shares,
        "conversions": conversions,
        "cumulative_conversions": np.cumsum(conversions),
    }
    reach = float(reach_t[-1])
    totals = {
        "reach": reach,
        "earned_reach": reach - p.seed_reach,
        "impressions": float(impressions.sum()),
        "shares": float(shares.sum()),
        "conversions": float(conversions.sum()),
        "viral_coefficient": p.viral_coefficient,
        "reach_fraction": reach / p.audience,
        "days": float(p.steps * p.cycle_days),
    }
    return ModelResult("share", p, series, totals)


# --- Sweep -------------------------------------------------------------------------------


@dataclass(frozen=True)
class SweepParams(Parameters):
    """A share-rate x audience grid around one share-loop scenario.

    Share rates are spaced evenly from ``share_rate_min`` to ``share_rate_max``; audiences
    evenly on a log scale from ``audience_min`` to ``audience_max``.
    """

    model = "sweep"

    share_rate_min: float = declared(SHARE_RATE_MIN)
    share_rate_max: float = declared(SHARE_RATE_MAX)
    share_rate_points: int = declared(SHARE_RATE_POINTS)
    audience_min: int = declared(AUDIENCE_MIN)
    audience_max: int = declared(AUDIENCE_MAX)
    audience_points: int = declared(AUDIENCE_POINTS)
    seed_reach: int = declared(SEED_REACH)
    fanout: float = declared(SWEEP_FANOUT)
    conversion_rate: float = declared(CONVERSION_RATE)
    decay: float = declared(DECAY)
    steps: int = declared(STEPS)

    def check_together(self) -> None:
        require_at_most("share_rate_min", self.share_rate_min, "share_rate_max", self.share_rate_max)
        require_at_most("audience_min", self.audience_min, "audience_max", self.audience_max, "people")
        require_at_most("seed_reach", self.seed_reach, "audience_min", self.audience_min, "people")
        cells = self.share_rate_points * self.audience_points
        if cells * self.steps > SWEEP_MAX_CELL_STEPS:
            most = SWEEP_MAX_CELL_STEPS // cells
            given = (
                f"share_rate_points = {exact_number(self.share_rate_points)} and "
                f"audience_points = {exact_number(self.audience_points)}"
            )
            formula = f"share_rate_points × audience_points × steps at most {exact_number(SWEEP_MAX_CELL_STEPS)}"
            raise ParameterError(
                "steps",
                self.steps,
                f"at most {exact_number(most)} for {given} ({formula})",
                "is too large",
                related=("share_rate_points", "audience_points", "steps"),
                allowed_fa=f"حداکثر {exact_number(most)} برای {given.replace(' and ', ' و ')} "
                f"(حاصل {formula.replace(' at most ', ' حداکثر ')})",
            )

    def share_rates(self) -> np.ndarray:
        return np.linspace(self.share_rate_min, self.share_rate_max, self.share_rate_points)

    def audiences(self) -> np.ndarray:
        return np.geomspace(self.audience_min, self.audience_max, self.audience_points).round()


@dataclass(frozen=True)
class SweepResult:
    """Final reach and conversions on the grid: arrays of shape (share rates, audiences)."""

    params: SweepParams
    share_rates: np.ndarray
    audiences: np.ndarray
    reach: np.ndarray
    conversions: np.ndarray

    def to_dict(self) -> dict[str, object]:
        rows = [
            {
                "share_rate": float(s),
                "audience": int(n),
                "reach": float(self.reach[i, j]),
                "conversions": float(self.conversions[i, j]),
            }
            for i, s in enumerate(self.share_rates)
            for j, n in enumerate(self.audiences)
        ]
        best = np.unravel_index(np.argmax(self.conversions), self.conversions.shape)
        totals = {
            "scenarios": int(self.reach.size),
            "max_conversions": float(self.conversions[best]),
            "max_reach": float(self.reach.max()),
            "best_share_rate": float(self.share_rates[best[0]]),
            "best_audience": int(self.audiences[best[1]]),
        }
        return {"model": "sweep", "params": self.params.as_dict(), "totals": totals, "series": rows}


def share_sweep(params: SweepParams | None = None, **values: object) -> SweepResult:
    """Run every (share rate, audience) scenario of the grid as one array computation.

    Only the current wave is kept, so memory is a few grid-sized arrays whatever the steps.
    """
    p = params if params is not None else SweepParams(**values)  # type: ignore[arg-type]
    s = p.share_rates()[:, None]
    n = p.audiences()[None, :]
    reach = final_reach(n, p.seed_reach, s, p.fanout, p.decay, p.steps)
    return SweepResult(p, s[:, 0], n[0], reach, p.conversion_rate * reach)
