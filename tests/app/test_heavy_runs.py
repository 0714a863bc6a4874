"""Heavy runs share one per-process limit; a reader in line sees "queued" in their language."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from streamlit.testing.v1 import AppTest

from simulator.app.runs import HEAVY, HeavySlots, run
from tests.app.conftest import TIMEOUT, open_lab


@pytest.fixture
def slot_taken() -> Iterator[threading.Event]:
    """Another reader's heavy run holds this process's only slot until the event it yields is
    set (at the latest when the test ends)."""
    holding, release = threading.Event(), threading.Event()
    holder = threading.Thread(target=HEAVY.run, args=(lambda: (holding.set(), release.wait()),))
    holder.start()
    holding.wait()
    yield release
    release.set()
    holder.join()


def test_a_second_heavy_run_waits_for_the_first_and_then_runs() -> None:
    slots = HeavySlots(1)
    order: list[str] = []
    first_started, first_may_end = threading.Event(), threading.Event()

    def first() -> None:
        order.append("first started")
        first_started.set()
        first_may_end.wait()
        order.append("first ended")

    one = threading.Thread(target=slots.run, args=(first,))
    one.start()
    first_started.wait()
    assert slots.busy()
    two = threading.Thread(target=slots.run, args=(lambda: order.append("second ran"),))
    two.start()
    assert slots.wait_until(1, timeout=TIMEOUT)  # the second is in line, not running
    assert order == ["first started"]
    first_may_end.set()
    one.join()
    two.join()
    assert order == ["first started", "first ended", "second ran"]
    assert not slots.busy()
    assert slots.waiting == 0


def test_a_failed_heavy_run_frees_its_slot() -> None:
    slots = HeavySlots(1)
    with pytest.raises(ZeroDivisionError):
        slots.run(lambda: 1 / 0)
    assert not slots.busy()


def _queued_page(lang: str) -> None:
    import streamlit as st

    from simulator.app.runs import queued_notice

    st.session_state["lang"] = lang
    queued_notice(st)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Queued: another reader's large simulation is running on this server."),
        ("fa", "در صف: شبیه‌سازی بزرگ خوانندهٔ دیگری روی این سرور در حال اجراست."),
    ],
)
def test_a_reader_in_line_is_told_queued_in_their_language(slot_taken: threading.Event, lang: str, text: str) -> None:
    at = AppTest.from_function(_queued_page, args=(lang,), default_timeout=TIMEOUT).run()
    assert not at.exception
    assert len(at.info) == 1
    assert at.info[0].value.startswith(text)


def test_no_notice_when_a_slot_is_free() -> None:
    at = AppTest.from_function(_queued_page, args=("en",), default_timeout=TIMEOUT).run()
    assert not at.exception
    assert len(at.info) == 0


def test_the_sensitivity_page_waits_in_line_and_then_shows_its_grid(slot_taken: threading.Event) -> None:
    pages: list[AppTest] = []
    # A grid no other test asks for, and an empty cache: mutmut runs the suite twice in one
    # process (its stats pass, then the clean pass), and the first left this grid cached.
    run.clear()
    reader = threading.Thread(target=lambda: pages.append(open_lab("sweep", {"share_rate_points": "7", "steps": "17"})))
    reader.start()
    assert HEAVY.wait_until(1, timeout=TIMEOUT)  # the page's grid is in line behind the held slot
    assert not pages
    slot_taken.set()  # the other reader's run ends
    reader.join()
    (page,) = pages
    assert not page.exception
    assert len(page.info) == 0  # the notice is gone once the grid is in
    assert HEAVY.waiting == 0


def test_waiting_for_a_line_that_never_forms_gives_up_after_the_timeout() -> None:
    slots = HeavySlots(1)
    answers: list[bool] = []
    # In a thread, so that a wait_until which ignored its timeout fails this test instead of
    # hanging the suite.
    waiter = threading.Thread(target=lambda: answers.append(slots.wait_until(3, timeout=0.05)), daemon=True)
    waiter.start()
    waiter.join(TIMEOUT)
    gave_up = not waiter.is_alive()
    if not gave_up:  # let the stuck waiter end: the line it waits for forms
        with slots._changed:
            slots.waiting = 3
            slots._changed.notify_all()
        waiter.join()
    assert gave_up
    assert answers == [False]
    assert slots.waiting == 0
