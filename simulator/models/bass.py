"""Bass diffusion: adoption driven by outside influence (p) and word of mouth (q).

Bass (1969), "A New Product Growth Model for Consumer Durables", Management Science 15(5).
The adopted fraction F(t) solves ``dF/dt = (p + q F)(1 - F)``, F(0) = 0, in closed form

    F(t) = (1 - exp(-(p+q) t)) / (1 + (q/p) exp(-(p+q) t))

and new adoptions peak at ``t* = ln(q/p) / (p + q)`` when q > p (otherwise at t = 0).
Typical values: p ~ 0.03, q ~ 0.38 (Sultan, Farley & Lehmann 1990, "A Meta-Analysis of
Applications of Diffusion Models", Journal of Marketing Research 27(1)).
Time is in the unit of p and q; the model is evaluated in closed form, not stepped.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from simulator.declarations import BASS_PERIOD, BASS_STEPS, IMITATION, INNOVATION, MARKET
from simulator.params import Parameters, declared
from simulator.results import ModelResult

__all__ = ["BassParams", "adopted_fraction", "bass", "peak_time"]


@dataclass(frozen=True)
class BassParams(Parameters):
    """Market (people), coefficients p and q (per step), horizon (steps), and the time one
    step stands for (``period``: p and q are rates per period; the model itself does not
    depend on it, but a rate means nothing without its unit)."""

    model = "bass"

    market: int = declared(MARKET)
    p: float = declared(INNOVATION)
    q: float = declared(IMITATION)
    steps: int = declared(BASS_STEPS)
    period: str = declared(BASS_PERIOD)


def adopted_fraction(t: ArrayLike, p: ArrayLike, q: ArrayLike) -> np.ndarray:
    """F(t), the fraction of the market that has adopted by time t (closed form); broadcasts."""
    t, p, q = (np.asarray(x, dtype=float) for x in (t, p, q))
    decay = np.exp(-(p + q) * t)
    return (1.0 - decay) / (1.0 + (q / p) * decay)


def peak_time(p: float, q: float) -> float:
    """Time of peak new adoptions, ``ln(q/p)/(p+q)`` if q > p, else 0."""
    return math.log(q / p) / (p + q) if q > p else 0.0


def bass(params: BassParams | None = None, **values: object) -> ModelResult:
    """Adoption per step: ``step, new_adopters, adopters, adoption_fraction``.

    Totals: ``adopters`` (people by the last step), ``adoption_fraction``,
    ``peak_step`` (the step with most new adopters) and ``peak_time`` (exact t*).
    """
    p = params if params is not None else BassParams(**values)  # type: ignore[arg-type]
    step = np.arange(p.steps + 1)
    fraction = adopted_fraction(step, p.p, p.q)
    adopters = p.market * fraction
    new = np.diff(adopters, prepend=0.0)
    series = {"step": step, "new_adopters": new, "adopters": adopters, "adoption_fraction": fraction}
    totals = {
        "adopters": float(adopters[-1]),
        "adoption_fraction": float(fraction[-1]),
        "peak_step": int(np.argmax(new[1:]) + 1) if p.steps else 0,
        "peak_time": peak_time(p.p, p.q),
    }
    return ModelResult("bass", p, series, totals)
