"""``make screenshots``: PNGs of the main playbook pages (en and fa, light and dark) and of
every simulator page, written to ``screenshots/`` (git-ignored) for review by eye.

Builds the site, starts the app and a static server on free ports, and drives Debian's
Chromium. Each picture waits for its page to be ready (charts live, app idle), not a timer.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from simulator.app.registry import LABS
from simulator.serve import ROOT, build_site, start_app, start_site, stop_app, wait_for_app
from tests.support import CHROMIUM, CHROMIUM_ARGS, STREAMLIT_PLACEHOLDER, free_port

OUT = ROOT / "screenshots"
PAGES = [
    "",
    "fundamentals/",
    "action-plan/",
    "strategies/viral-marketing/",
    "metrics/",
    "risks/crisis-response/",
    "simulator/",
]


def main() -> int:
    from playwright.sync_api import expect, sync_playwright

    if not CHROMIUM.exists():
        print(f"{CHROMIUM} is missing: apt-get install -y chromium", file=sys.stderr)
        return 1
    OUT.mkdir(exist_ok=True)
    app_port, site_port = free_port(), free_port()
    site_dir = Path(tempfile.mkdtemp(prefix="smm-shots-"))
    build_site(site_dir, f"http://localhost:{app_port}")
    app = start_app(app_port, ["--server.headless", "true"])
    site = start_site(site_dir, site_port)
    count = 0
    try:
        if not wait_for_app(app_port, timeout=120):
            print("the app did not start", file=sys.stderr)
            return 1
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            for scheme in ("light", "dark"):
                page = browser.new_page(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
                for lang in ("en", "fa"):
                    for path in PAGES:
                        page.goto(
                            f"http://localhost:{site_port}/{'fa/' if lang == 'fa' else ''}{path}", wait_until="load"
                        )
                        for figure in page.locator("figure.smm-chart").all():
                            figure.scroll_into_view_if_needed()  # charts go live when near the screen
                            expect(figure).to_have_attribute("data-state", "live", timeout=60_000)
                        if page.locator(".smm-app").count():
                            # The frame loads when it nears the screen; a picture taken before
                            # that shows it blank.
                            page.locator(".smm-app").scroll_into_view_if_needed()
                            page.locator('.smm-app[data-state="ready"]').wait_for(timeout=120_000)
                            frame = page.frame_locator(".smm-app__frame")
                            frame.locator('[data-testid="stMainBlockContainer"] h1').first.wait_for(timeout=120_000)
                            frame.locator('[data-test-script-state="notRunning"]').first.wait_for(timeout=120_000)
                            expect(frame.locator(STREAMLIT_PLACEHOLDER)).to_have_count(0, timeout=60_000)
                        page.evaluate("window.scrollTo(0, 0)")  # the sticky header back at the top
                        name = (path.strip("/").replace("/", "-") or "home") + f"-{lang}-{scheme}.png"
                        # A viewport as tall as the page: Chromium paints an embedded app's
                        # frame only while it is on screen, even in a full-page capture.
                        height = page.evaluate("document.documentElement.scrollHeight")
                        page.set_viewport_size({"width": 1280, "height": height})
                        page.screenshot(path=str(OUT / name))
                        page.set_viewport_size({"width": 1280, "height": 900})
                        count += 1
                page.close()
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            for lang in ("en", "fa"):
                for lab in LABS:
                    page.goto(f"http://localhost:{app_port}/{lab.id}?lang={lang}")
                    page.locator('[data-testid="stMainBlockContainer"] h1').first.wait_for(timeout=120_000)
                    page.locator('[data-test-script-state="notRunning"]').first.wait_for(timeout=120_000)
                    expect(page.locator(STREAMLIT_PLACEHOLDER)).to_have_count(0, timeout=60_000)
                    for chart in page.locator(".smm-chart").all():  # live charts draw once Vega has loaded
                        chart.locator("svg").wait_for(timeout=60_000)
                    page.screenshot(path=str(OUT / f"app-{lab.id}-{lang}.png"), full_page=True)
                    count += 1
            browser.close()
    finally:
        site.shutdown()
        stop_app(app)
    print(f"{count} screenshots in {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
