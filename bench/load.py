"""Load: N concurrent readers moving a slider on the share and network pages, through nginx.

The published layout (:class:`simulator.publish.ProdLayout`, nginx in front of one or two
Streamlit replicas) with N readers at once. Each reader opens the page with a link of its
own (its own conversion rate, :data:`OWN`), so no two readers share a scenario, and moves
the share-rate slider (:data:`MOVED`) up one step MOVES times, back to back: every move is a
scenario no process has computed yet, so no move is answered from a cache. A move is timed
from sending it to the end of the rerun it starts, and counts as an error when no answer
came within TIMEOUT_S, the run failed or drew an exception, or the headline numbers it drew
are not the ones the engine computes for that scenario (checked after the round, so the check
takes no CPU from the server while it is timed).

Clients (``--client``):

* ``protocol`` (default): Streamlit's own websocket protocol (:mod:`bench.streamlit_session`),
  a few kB of Python per reader, so the numbers are the server's: send to ``script_finished``.
* ``browser``: one headless Chromium context per reader (its own cookies, so its own sticky
  replica), key press to the drawn result, as ``bench/browser_latency.py`` measures it.
  Chromium shares the cores with the server, so these are upper bounds.

The machine may be shared: each round waits (up to ``--settle`` seconds) for the 1-minute load
average to fall to LOAD_LIMIT, records it before and after, and runs again (up to RETRIES more
times) when it started above the limit; every attempt is recorded.

Targets (recorded, not asserted): 20 readers on the share page, p95 <= 500 ms on two
replicas; no errors at 40.

``python -m bench.load [--client protocol|browser] [--sessions 10 20 40] [--replicas 1 2] [--pages share network]``
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import os
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.browser_latency import _ARM, _percentile
from bench.machine import RESULTS, machine_markdown
from bench.streamlit_session import StreamlitSession
from simulator.app.state import widget_key
from simulator.commands import COMMANDS
from simulator.locale import number_text
from simulator.publish import APP_PATH, ProdLayout
from simulator.results import quantity
from simulator.serve import build_site
from tests.support import CHROMIUM, CHROMIUM_ARGS

RUN_BY_DEFAULT = False  # many minutes of load on every core: run it by name (python -m bench load)
COMMAND = ".venv/bin/python -m bench.load"
PAGES = ("share", "network")
MOVED = "share_rate"  # the slider every reader moves, on both pages (the network's graph stays cached)
OWN = "conversion_rate"  # each reader's own value of this: its scenarios are its own
MOVES = 5
TIMEOUT_S = 30.0
LOAD_LIMIT = 2.0  # 1-minute load average above which a round is run again
RETRIES = 2
TARGET = "20 readers on the share page: p95 <= 500 ms on two replicas; 40 readers: no errors"
FINDINGS = "## Findings"  # the hand-written part of the results file, kept when it is rewritten


@dataclass
class Move:
    """One slider move: the inputs it set, its time (None: lost), the headline it drew."""

    values: dict[str, float]
    ms: float | None
    headline: list[str] = field(default_factory=list)


@dataclass
class Reader:
    open_ms: float | None = None
    moves: list[Move] = field(default_factory=list)
    failure: str | None = None  # why the reader stopped early, if it did

    def stopped(self, error: Exception, moves: list[dict[str, float]]) -> None:
        """The move under way and the ones left count as errors."""
        self.failure = f"{type(error).__name__}: {error}".strip().rstrip(":")
        self.moves += [Move(values, None) for values in moves[len(self.moves) :]]


def _step(page: str, name: str) -> float:
    return float(COMMANDS[page].params.specs()[name].step or 0)


def plan(page: str, reader: int) -> tuple[dict[str, float], list[dict[str, float]]]:
    """Reader ``reader``'s link values and the values of its MOVES moves: its own conversion
    rate (one step per reader above the default), the share rate up one step per move."""
    specs = COMMANDS[page].params.specs()
    own = {OWN: round(float(specs[OWN].default) + (reader + 1) * _step(page, OWN), 6)}  # type: ignore[arg-type]
    start = float(specs[MOVED].default)  # type: ignore[arg-type]
    return own, [{**own, MOVED: round(start + (j + 1) * _step(page, MOVED), 6)} for j in range(MOVES)]


@functools.cache
def expected_headline(page: str, values: tuple[tuple[str, float], ...]) -> list[str]:
    """The headline numbers the page must draw for ``values`` (name, value pairs; the rest at
    their defaults), computed by the engine and formatted as ``simulator.app.layout.headline``."""
    command = COMMANDS[page]
    totals = command.run(command.params(**dict(values))).totals
    return [number_text(totals[name], quantity(name).unit, "en") for name in command.headline]


def _query(values: dict[str, float]) -> str:
    return "&".join(f"{name}={value!r}" for name, value in values.items())


async def protocol_reader(base: str, page: str, reader: int) -> Reader:
    """One reader speaking Streamlit's websocket protocol (:class:`StreamlitSession`)."""
    own, moves = plan(page, reader)
    result = Reader()
    session = StreamlitSession(base, page, _query(own), timeout=TIMEOUT_S)
    try:
        result.open_ms = (await session.open()).ms
        for values in moves:
            rerun = await session.move(widget_key(page, MOVED), values[MOVED])
            result.moves.append(Move(values, rerun.ms, rerun.headline()))
    except Exception as error:  # lost, refused or failed
        result.stopped(error, moves)
    finally:
        await session.close()
    return result


async def browser_reader(browser: Any, base: str, page: str, reader: int) -> Reader:
    """One reader in its own Chromium context: arrow-key presses on the slider."""
    own, moves = plan(page, reader)
    result = Reader()
    context = await browser.new_context()
    tab = await context.new_page()
    try:
        started = time.perf_counter()
        await tab.goto(f"{base}/{page}?{_query(own)}", wait_until="load", timeout=TIMEOUT_S * 1000)
        await tab.locator('[data-test-script-state="notRunning"] .smm-headline').first.wait_for(
            timeout=TIMEOUT_S * 1000
        )
        result.open_ms = (time.perf_counter() - started) * 1000
        # Streamlit's class for a keyed element: "st-key-" and the key with other characters as "-".
        key_class = "st-key-" + re.sub(r"[^a-zA-Z0-9_-]", "-", widget_key(page, MOVED))
        slider = tab.locator(f'.{key_class} [data-testid="stSlider"] input[type="range"]')
        for values in moves:
            await tab.evaluate(_ARM)
            await slider.focus()
            await slider.press("ArrowRight")
            elapsed = await tab.evaluate("window.__rerun")
            headline = await tab.locator(".smm-headline dd").all_inner_texts()
            if await tab.locator('[data-testid="stException"]').count():
                elapsed = None
            result.moves.append(Move(values, None if elapsed is None else float(elapsed), headline))
    except Exception as error:
        result.stopped(error, moves)
    finally:
        await context.close()
    return result


@dataclass
class Round:
    page: str
    replicas: int
    sessions: int
    client: str
    readers: list[Reader]
    wall_s: float
    load_before: float
    load_after: float

    def timed(self) -> list[float]:
        """Times of the moves that came back right (ms)."""
        return [m.ms for r in self.readers for m in r.moves if m.ms is not None and self._right(m)]

    def errors(self) -> int:
        return sum(1 for r in self.readers for m in r.moves if m.ms is None or not self._right(m))

    def _right(self, move: Move) -> bool:
        return move.headline == expected_headline(self.page, tuple(move.values.items()))

    def error_notes(self) -> list[str]:
        """What went wrong, counted: readers stopped (and why), moves with a wrong headline."""
        reasons = Counter(r.failure for r in self.readers if r.failure)
        wrong = sum(1 for r in self.readers for m in r.moves if m.ms is not None and not self._right(m))
        where = f"{self.page}, {self.replicas} replica(s), {self.sessions} readers"
        notes = [f"- {where}: {n} reader(s) stopped: {reason}" for reason, n in reasons.items()]
        return notes + ([f"- {where}: {wrong} move(s) drew a wrong headline"] if wrong else [])

    def row(self) -> str:
        times, opens = self.timed(), [r.open_ms for r in self.readers if r.open_ms is not None]

        def pct(values: list[float], q: float) -> str:
            return f"{_percentile(values, q):.0f}" if values else "–"

        return (
            f"| {self.page} | {self.replicas} | {self.sessions} | {self.client} | {len(times)} | {pct(times, 0.5)} "
            f"| {pct(times, 0.95)} | {pct(times, 1.0)} | {self.errors()} | {pct(opens, 0.5)} | {self.wall_s:.1f} "
            f"| {self.load_before:.2f} | {self.load_after:.2f} |"
        )


HEADER = [
    "| page | replicas | readers | client | moves right | p50 ms | p95 ms | max ms | errors | open p50 ms | wall s "
    "| load before | load after |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
]


async def _readers(client: str, base: str, page: str, sessions: int) -> list[Reader]:
    if client == "protocol":
        return list(await asyncio.gather(*(protocol_reader(base, page, i) for i in range(sessions))))
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        readers = await asyncio.gather(*(browser_reader(browser, base, page, i) for i in range(sessions)))
        await browser.close()
    return list(readers)


async def _warm_up(layout: ProdLayout, pages: list[str]) -> None:
    """Open every page once on every replica (directly, not through nginx), so no round pays
    for a replica's first run (its imports, the compiled chart specs)."""
    for replica in layout.started:
        for page in pages:
            session = StreamlitSession(f"http://{replica.address}{APP_PATH}", page, timeout=120)
            await session.open()
            await session.close()


def settle(limit_s: float) -> float:
    """Wait up to ``limit_s`` seconds for the 1-minute load average to fall to LOAD_LIMIT; return it."""
    deadline = time.monotonic() + limit_s
    while os.getloadavg()[0] > LOAD_LIMIT and time.monotonic() < deadline:
        time.sleep(5)
    return os.getloadavg()[0]


def run_round(client: str, layout: ProdLayout, page: str, sessions: int, settle_s: float) -> Round:
    load_before = settle(settle_s)
    started = time.perf_counter()
    readers = asyncio.run(_readers(client, f"{layout.url}{APP_PATH}", page, sessions))
    wall = time.perf_counter() - started
    return Round(page, len(layout.started), sessions, client, readers, wall, load_before, os.getloadavg()[0])


def _kept_findings(path: Path) -> str:
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    return text[text.index(FINDINGS) :] if FINDINGS in text else ""


def main(argv: list[str] | None = None) -> str:
    parser = argparse.ArgumentParser(prog="python -m bench.load")
    parser.add_argument("--client", choices=["protocol", "browser"], default="protocol")
    parser.add_argument("--sessions", type=int, nargs="+", default=[10, 20, 40])
    parser.add_argument("--replicas", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--pages", nargs="+", default=list(PAGES), choices=PAGES)
    parser.add_argument("--settle", type=float, default=180, help="seconds to wait for a quiet machine per round")
    parser.add_argument("--retries", type=int, default=RETRIES, help="runs again of a round that started loaded")
    args = parser.parse_args(argv)
    site = Path("/tmp") / "smm-load-site"
    build_site(site, APP_PATH)
    rows: list[str] = []
    notes: list[str] = []
    for replicas in args.replicas:
        with ProdLayout(site, replicas=replicas) as layout:
            asyncio.run(_warm_up(layout, args.pages))
            for page in args.pages:
                for sessions in args.sessions:
                    for _ in range(1 + args.retries):
                        result = run_round(args.client, layout, page, sessions, args.settle)
                        print(result.row(), flush=True)
                        rows.append(result.row())
                        for note in result.error_notes():
                            print(note, flush=True)
                            notes.append(note)
                        if result.load_before <= LOAD_LIMIT:
                            break
    command = (
        COMMAND
        + " "
        + " ".join(f"--{k} {' '.join(map(str, v)) if isinstance(v, list) else v}" for k, v in vars(args).items())
    )
    out = RESULTS / "load.md"
    text = "\n".join(
        [
            "# Load: concurrent readers through nginx (bench/load.py)",
            "",
            f"Command: `{command}`",
            "",
            f"Each reader opens its page with its own `{OWN}` in the link and moves the `{MOVED}` slider up",
            f"one step {MOVES} times, back to back, so no move is answered from a cache. Milliseconds",
            "from sending a move to the end of the rerun (`protocol`: Streamlit's websocket protocol,",
            "bench/streamlit_session.py; `browser`: a Chromium context per reader, key press to drawn",
            "result). A move is right when the headline it drew is the engine's for its scenario;",
            f"errors: moves lost ({TIMEOUT_S:.0f} s), failed, or wrong. Load: the 1-minute load average of",
            f"the machine (2 cores, shared) before and after the round; a round that started above {LOAD_LIMIT:g}",
            "was run again, and every attempt is listed. Before the first round each replica opens each page",
            "once (not timed), so no round pays for a replica's first run.",
            f"Targets (recorded, not asserted): {TARGET}.",
            "",
            *HEADER,
            *rows,
            "",
            *(["Errors:", "", *notes, ""] if notes else []),
            machine_markdown(),
            "",
        ]
    )
    findings = _kept_findings(out)
    out.write_text(text + ("\n" + findings if findings else ""), encoding="utf-8")
    return text


if __name__ == "__main__":
    main()
