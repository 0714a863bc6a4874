"""Engine runs for the app, cached so a rerun with the same inputs costs nothing.

Deterministic models use ``st.cache_data`` (results are small). The network cascade
reports progress while it runs, which a cached function cannot show, so its results go
in a small shared LRU store instead, keyed by the (immutable, hashable) parameters.

Heavy runs (the network cascade and the sensitivity grid, :data:`HEAVY_MODELS`) pass through
one per-process limit (:data:`simulator.limits.HEAVY_RUNS_PER_PROCESS`): a result already
computed comes back at once, a new one waits for a free slot, and the page says "queued"
meanwhile (:func:`queued_notice`) instead of freezing.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

import streamlit as st

from simulator.app.text import t
from simulator.limits import HEAVY_RUNS_PER_PROCESS
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

__all__ = ["HEAVY", "HEAVY_MODELS", "HeavySlots", "crisis_curve", "queued_notice", "remembered", "run"]


HEAVY_MODELS = frozenset({"sweep", "network"})


class HeavySlots:
    """At most ``slots`` heavy runs at once in this process; later ones wait in line.
    ``waiting`` counts the runs in line (a page shows "queued" while it is above zero for it)."""

    def __init__(self, slots: int) -> None:
        self._slots = threading.BoundedSemaphore(slots)
        self._changed = threading.Condition()
        self.waiting = 0

    def busy(self) -> bool:
        """True when a new heavy run would have to wait."""
        if self._slots.acquire(blocking=False):
            self._slots.release()
            return False
        return True

    def run(self, work: Callable[[], Any]) -> Any:
        """``work()`` once a slot is free; the slot is freed however ``work`` ends."""
        if not self._slots.acquire(blocking=False):
            with self._changed:
                self.waiting += 1
                self._changed.notify_all()
            try:
                self._slots.acquire()
            finally:
                with self._changed:
                    self.waiting -= 1
                    self._changed.notify_all()
        try:
            return work()
        finally:
            self._slots.release()

    def wait_until(self, waiting: int, timeout: float | None = None) -> bool:
        """Block until exactly ``waiting`` runs are in line (for tests); False if ``timeout``
        (seconds) passed first."""
        with self._changed:
            return self._changed.wait_for(lambda: self.waiting == waiting, timeout)


HEAVY = HeavySlots(HEAVY_RUNS_PER_PROCESS)
"""The process-wide limit: Streamlit runs every session of a process in its own thread."""


def queued_notice(container: Any) -> Any:
    """Say "queued" in ``container`` when a heavy run would wait now; returns the notice (or
    None) so the page can clear it once its result is in."""
    return container.info(t("app.queued"), icon="⏳") if HEAVY.busy() else None


@st.cache_data(max_entries=512, show_spinner=False)
def run(params: Parameters, extra: Any = None) -> Any:
    """The model's result for validated ``params`` (``extra``: the segment list), cached; a heavy
    model waits for a slot (a cached result does not)."""
    if params.model == "segments":
        return allocate_budget(params, extra)  # type: ignore[arg-type]
    if params.model in HEAVY_MODELS:
        return HEAVY.run(lambda: RUNNERS[params.model](params))
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
