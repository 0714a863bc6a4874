"""Latency as a reader feels it, measured in Debian's Chromium.

* Every app page: slider key press (the metrics calculator: Enter in a number box) to
  finished rerun (median and p95 of 20 tries). The
  time is taken inside the page: from the ``keydown`` event to the first frame at which
  Streamlit's ``data-test-script-state`` is ``notRunning`` and the results have changed.
* Streamlit's floor on the same machine: a one-slider, one-metric app, measured the same way.
* Three playbook pages per language: DOMContentLoaded and load (Navigation Timing), and
  bytes transferred, served like ``smm serve`` serves them (gzip), not counting the
  search index (loaded by the search box only when used).

Targets: share-loop rerun <= 150 ms median, default network scenario <= 1 s, a site page
loads in <= 1 s locally with <= 500 KB transferred. Run: ``make bench`` or
``.venv/bin/python -m bench.browser_latency``.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
from pathlib import Path

from bench.machine import RESULTS, machine_markdown
from simulator.app.registry import LABS
from simulator.serve import build_site, start_app, start_site, stop_app, wait_for_app
from tests.support import CHROMIUM, CHROMIUM_ARGS, STREAMLIT_PLACEHOLDER, free_port

COMMAND = ".venv/bin/python -m bench.browser_latency"
FLOOR_APP = Path(__file__).resolve().parent / "streamlit_floor.py"
TRIES = 20
SITE_PAGES = ["", "strategies/viral-marketing/", "metrics/"]
TARGET_MS = {"share": 150, "network": 1000}
# Pages open on their defaults, except the metrics calculator, whose counts start empty.
QUERY = {"metrics": "?preset=monthly-report"}

# Installed before a key press: resolves with the milliseconds from the next key press (or
# click) to the end of the rerun it starts: the first animation frame at which Streamlit is
# idle again and the page outside the input itself has changed (new numbers, new chart).
# Watching for the output, not only for the "running" state, also catches reruns too quick
# for that state to be drawn.
_ARM = """
() => {
  const root = document.querySelector('[data-test-script-state]');
  window.__rerun = new Promise((resolve) => {
    let pressed = null, changed = false;
    const start = () => { if (pressed === null) pressed = performance.now(); };
    document.addEventListener('keydown', start, { once: true, capture: true });
    document.addEventListener('pointerdown', start, { once: true, capture: true });
    const observer = new MutationObserver((changes) => {
      if (pressed === null) return;
      for (const change of changes) {
        const node = change.target.nodeType === 1 ? change.target : change.target.parentElement;
        if (node && !node.closest('[data-testid="stSlider"], [data-testid="stNumberInput"]')) { changed = true; break; }
      }
    });
    observer.observe(document.querySelector('[data-testid="stMain"]'), { childList: true, characterData: true, subtree: true });
    const deadline = performance.now() + 30000;
    function poll() {
      const idle = root.getAttribute('data-test-script-state') === 'notRunning';
      if (pressed !== null && changed && idle) { observer.disconnect(); resolve(performance.now() - pressed); }
      else if (performance.now() > deadline) { observer.disconnect(); resolve(null); }
      else requestAnimationFrame(poll);
    }
    requestAnimationFrame(poll);
  });
}
"""


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def rerun_times(page: object) -> list[float]:
    """Key presses on the page's first slider, alternating right/left so values stay put;
    on a page with no slider (the metrics calculator), Enter in its first number box after
    typing a value that alternates between the preset's and double it (a step of one
    often changes no rounded rate on the page, and a rerun that changes nothing shown
    cannot be told apart from no rerun)."""
    page.locator('[data-test-script-state="notRunning"]').first.wait_for(timeout=120_000)  # type: ignore[attr-defined]
    shown = '.smm-headline, [data-testid="stTable"], [data-testid="stMetricValue"]'  # floor: one st.metric
    page.locator(shown).first.wait_for(timeout=120_000)  # type: ignore[attr-defined]
    # Count the sliders only once Streamlit has drawn them all (no placeholder left).
    page.wait_for_function("sel => !document.querySelector(sel)", arg=STREAMLIT_PLACEHOLDER, timeout=120_000)  # type: ignore[attr-defined]
    sliders = page.locator('[data-testid="stSlider"] input[type="range"]')  # type: ignore[attr-defined]
    box = page.locator('[data-testid="stNumberInput"] input').first  # type: ignore[attr-defined]
    typed = None
    if not sliders.count():
        # The box shows 0 until the first run's value arrives; start from the preset's value.
        page.wait_for_function(  # type: ignore[attr-defined]
            "() => { const box = document.querySelector('[data-testid=\"stNumberInput\"] input');"
            " return box !== null && !['', '0'].includes(box.value); }"
        )
        typed = float(box.input_value())  # a whole-number box reads "1000", a decimal one "1000.00"
    times = []
    for i in range(TRIES):
        page.evaluate(_ARM)  # type: ignore[attr-defined]
        if typed is None:
            sliders.first.focus()
            sliders.first.press("ArrowRight" if i % 2 == 0 else "ArrowLeft")
        else:
            box.fill(f"{typed * 2 if i % 2 == 0 else typed:g}")  # input events only: the clock starts at Enter
            box.press("Enter")
        elapsed = page.evaluate("window.__rerun")  # type: ignore[attr-defined]
        if elapsed is not None:  # a press that changed nothing on the page is not a rerun
            times.append(float(elapsed))
    return times


def page_load(page: object, url: str) -> dict[str, float]:
    page.goto(url, wait_until="load")  # type: ignore[attr-defined]
    return page.evaluate(  # type: ignore[attr-defined]
        """() => {
          const nav = performance.getEntriesByType('navigation')[0];
          const resources = performance.getEntriesByType('resource').filter(r => !r.name.includes('search_index'));
          const bytes = nav.transferSize + resources.reduce((sum, r) => sum + r.transferSize, 0);
          return { dcl: nav.domContentLoadedEventEnd, load: nav.loadEventEnd, bytes: bytes };
        }"""
    )


def main() -> str:
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists():
        print(f"{CHROMIUM} is missing (apt-get install -y chromium)", file=sys.stderr)
        raise SystemExit(1)
    app_port, site_port = free_port(), free_port()
    site_dir = Path(tempfile.mkdtemp(prefix="smm-bench-site-"))
    os.environ["SMM_GZIP"] = "1"
    build_site(site_dir, f"http://localhost:{app_port}")
    app = start_app(app_port, ["--server.headless", "true"])
    floor_port = free_port()
    floor = start_app(floor_port, ["--server.headless", "true"], script=FLOOR_APP)
    site = start_site(site_dir, site_port)
    rows, loads = [], []
    try:
        assert wait_for_app(app_port, timeout=120)
        assert wait_for_app(floor_port, timeout=120)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(f"http://localhost:{floor_port}/")
            times = rerun_times(page)
            rows.append(
                ("(Streamlit floor: one slider, one metric)", statistics.median(times), _percentile(times, 0.95))
            )
            page.close()
            for lab in LABS:
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                page.goto(f"http://localhost:{app_port}/{lab.id}{QUERY.get(lab.id, '')}")
                times = rerun_times(page)
                rows.append((lab.id, statistics.median(times), _percentile(times, 0.95)))
                print(f"{lab.id}: median {rows[-1][1]:.0f} ms over {len(times)} reruns", file=sys.stderr, flush=True)
                page.close()
            for lang in ("en", "fa"):
                for path in SITE_PAGES:
                    page = browser.new_page()
                    page_load(page, f"http://localhost:{site_port}/")  # warm the server's disk cache
                    page.close()
                    page = browser.new_page()
                    result = page_load(page, f"http://localhost:{site_port}/{'fa/' if lang == 'fa' else ''}{path}")
                    loads.append((lang, path or "(home)", result))
                    page.close()
            browser.close()
    finally:
        site.shutdown()
        stop_app(app)
        stop_app(floor)
    lines = [
        "# Browser latency (Chromium)",
        "",
        f"Command: `{COMMAND}` (also run by `make bench`).",
        "",
        machine_markdown(),
        "",
        f"## Slider key press (metrics: Enter in a number box) to finished rerun ({TRIES} tries per page)",
        "",
        "| page | median ms | p95 ms | target ms | met |",
        "| --- | ---: | ---: | ---: | --- |",
    ]
    for lab, median, p95 in rows:
        target = TARGET_MS.get(lab)
        met = "" if target is None else ("yes" if median <= target else "NO")
        lines.append(f"| {lab} | {median:.0f} | {p95:.0f} | {target or ''} | {met} |")
    lines += [
        "",
        "## Playbook page loads (served with gzip, search index excluded)",
        "",
        "| language | page | DOMContentLoaded ms | load ms | transferred KB | met (<= 1000 ms, <= 500 KB) |",
        "| --- | --- | ---: | ---: | ---: | --- |",
    ]
    for lang, path, r in loads:
        met = "yes" if r["load"] <= 1000 and r["bytes"] <= 500_000 else "NO"
        lines.append(f"| {lang} | {path} | {r['dcl']:.0f} | {r['load']:.0f} | {r['bytes'] / 1000:.0f} | {met} |")
    text = "\n".join(lines) + "\n"
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "browser_latency.md").write_text(text)
    print(text)
    return text


if __name__ == "__main__":
    main()
