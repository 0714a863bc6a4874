"""Load: N concurrent readers moving a slider on the share and network pages, through nginx.

The published layout (:class:`simulator.publish.ProdLayout`, nginx in front of one or two
Streamlit replicas) with N readers at once, each moving the page's first slider MOVES times
and timing each move from the key press to the rerun's drawn result (the same clock as
``bench/browser_latency.py``). Errors: a move whose result never came (30 s), a page that
failed to load or showed an exception.

The client: one headless Chromium with a browser context (its own cookies, so its own sticky
replica) per reader, driven concurrently with Playwright's async API. Streamlit's websocket
protocol is protobuf messages of its own; a client lighter than a browser would have to speak
it (BackMsg rerun requests with widget states) and is not written yet, so Chromium shares the
2 cores with the server here and the numbers are upper bounds on the server's own latency.
Targets (recorded, not asserted): 20 readers on the share page, p95 <= 500 ms on two
replicas; no errors at 40.

``python -m bench.load [--sessions 10 20 40] [--replicas 1 2] [--pages share network]``
"""

from __future__ import annotations

import argparse
import asyncio
import time
from pathlib import Path

from bench.browser_latency import _ARM, _percentile
from bench.machine import RESULTS, machine_markdown
from simulator.publish import APP_PATH, ProdLayout
from simulator.serve import build_site
from tests.support import CHROMIUM, CHROMIUM_ARGS

RUN_BY_DEFAULT = False  # minutes of Chromium on every core: run it by name (python -m bench load)
COMMAND = ".venv/bin/python -m bench.load"
MOVES = 5
TIMEOUT_MS = 120_000
TARGET = "20 readers on the share page: p95 <= 500 ms on two replicas; 40 readers: no errors"


async def _reader(browser: object, url: str) -> tuple[list[float], int]:
    """One reader: open the page, move the first slider MOVES times; (times in ms, errors)."""
    context = await browser.new_context()  # type: ignore[attr-defined]
    page = await context.new_page()
    errors = 0
    times: list[float] = []
    try:
        await page.goto(url, wait_until="load", timeout=TIMEOUT_MS)
        await page.locator(".smm-headline").first.wait_for(timeout=TIMEOUT_MS)
        await page.locator('[data-test-script-state="notRunning"]').first.wait_for(timeout=TIMEOUT_MS)
        slider = page.locator('[data-testid="stSlider"] input[type="range"]').first
        for i in range(MOVES):
            await page.evaluate(_ARM)
            await slider.focus()
            await slider.press("ArrowRight" if i % 2 == 0 else "ArrowLeft")
            elapsed = await page.evaluate("window.__rerun")
            if elapsed is None:
                errors += 1
            else:
                times.append(float(elapsed))
        if await page.locator('[data-testid="stException"]').count():
            errors += 1
    except Exception:  # a reader that could not load or move counts as one error per move left
        errors += MOVES - len(times)
    finally:
        await context.close()
    return times, errors


async def _round(url: str, sessions: int) -> tuple[list[float], int, float]:
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        started = time.perf_counter()
        results = await asyncio.gather(*(_reader(browser, url) for _ in range(sessions)))
        wall = time.perf_counter() - started
        await browser.close()
    return [t for times, _ in results for t in times], sum(e for _, e in results), wall


def main(argv: list[str] | None = None) -> str:
    parser = argparse.ArgumentParser(prog="python -m bench.load")
    parser.add_argument("--sessions", type=int, nargs="+", default=[10, 20, 40])
    parser.add_argument("--replicas", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--pages", nargs="+", default=["share", "network"], choices=["share", "network"])
    args = parser.parse_args(argv)
    site = Path("/tmp") / "smm-load-site"
    build_site(site, APP_PATH)
    rows = []
    for replicas in args.replicas:
        with ProdLayout(site, replicas=replicas) as layout:
            for page in args.pages:
                for sessions in args.sessions:
                    times, errors, wall = asyncio.run(_round(f"{layout.url}{APP_PATH}/{page}", sessions))
                    p50 = _percentile(times, 0.5) if times else float("nan")
                    p95 = _percentile(times, 0.95) if times else float("nan")
                    row = f"| {page} | {replicas} | {sessions} | {len(times)} | {p50:.0f} | {p95:.0f} | {errors} | {wall:.0f} |"
                    print(row, flush=True)
                    rows.append(row)
    command = COMMAND + " " + " ".join(f"--{k} {' '.join(map(str, v))}" for k, v in vars(args).items())
    text = "\n".join(
        [
            "# Load: concurrent readers through nginx (bench/load.py)",
            "",
            f"Command: `{command}`",
            "",
            f"Each reader moves the page's first slider {MOVES} times; milliseconds from the key press",
            "to the drawn result. Client: one headless Chromium, one browser context per reader,",
            "on the same 2 cores as nginx and the replicas (no protobuf websocket client yet), so",
            "these are upper bounds on the server's latency.",
            f"Targets (recorded, not asserted): {TARGET}.",
            "",
            "| page | replicas | readers | moves timed | p50 ms | p95 ms | errors | wall s |",
            "| --- | --- | --- | --- | --- | --- | --- | --- |",
            *rows,
            "",
            machine_markdown(),
            "",
        ]
    )
    (RESULTS / "load.md").write_text(text, encoding="utf-8")
    return text


if __name__ == "__main__":
    main()
