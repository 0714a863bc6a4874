"""Engine runs for the app, cached so a rerun with the same inputs costs nothing.

Deterministic models use ``st.cache_data`` (results are small). The network cascade
reports progress while it runs, which a cached function cannot show, so its results go
in a small shared LRU store instead, keyed by the (immutable, hashable) parameters.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

import streamlit as st

from simulator.models.bass import bass
from simulator.models.crisis import (
    CrisisParams,
    ResponseCurve,
    crisis,
    default_response_hours,
    story_reach_by_response_time,
)
from simulator.models.goal import plan_goal
from simulator.models.metrics import compute_metrics
from simulator.models.referral import referral_loop
from simulator.models.sample_size import sample_size
from simulator.models.segments import allocate_budget
from simulator.models.share_loop import share_loop, share_sweep
from simulator.params import Parameters

__all__ = ["crisis_curve", "remembered", "run"]


@st.cache_data(max_entries=512, show_spinner=False)
def run(params: Parameters, extra: Any = None) -> Any:
    """The model's result for validated ``params`` (``extra``: the segment list), cached."""
    if params.model == "segments":
        return allocate_budget(params, extra)  # type: ignore[arg-type]
    return RUNNERS[params.model](params)


@st.cache_data(max_entries=128, show_spinner=False)
def crisis_curve(params: CrisisParams) -> ResponseCurve:
    """Story reach for the default grid of response times (one vectorised run), cached."""
    return story_reach_by_response_time(params, default_response_hours(params))


RUNNERS: dict[str, Callable[[Any], Any]] = {
    "share": share_loop,
    "referral": referral_loop,
    "bass": bass,
    "sweep": share_sweep,
    "goal": plan_goal,
    "metrics": compute_metrics,
    "crisis": crisis,
    "sample-size": sample_size,
}


class _Store:
    """A thread-safe LRU of recent results (sessions run in threads)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.items: OrderedDict[Any, Any] = OrderedDict()
        self.lock = threading.Lock()

    def get_or_run(self, key: Any, run: Callable[[], Any]) -> Any:
        with self.lock:
            if key in self.items:
                self.items.move_to_end(key)
                return self.items[key]
        value = run()
        with self.lock:
            self.items[key] = value
            while len(self.items) > self.size:
                self.items.popitem(last=False)
        return value


@st.cache_resource
def _store() -> _Store:
    return _Store(size=32)


def remembered(key: Any, run: Callable[[], Any]) -> Any:
    """``run()`` once per ``key`` across sessions (for runs that show their own progress)."""
    return _store().get_or_run(key, run)
