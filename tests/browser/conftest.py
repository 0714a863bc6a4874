"""Real-browser fixtures: Debian's Chromium driven by Playwright, the built site and the app.

The tests start their own servers: the built site behind the same gzip-aware static
server ``smm serve`` uses, and the Streamlit app on the port the site was built to embed.
The published layout's tests run nginx in front of two app replicas (:class:`ProdLayout`).
Chromium (or nginx, for those) missing: the browser tests skip with the reason printed, except under
``CI=true``, where that is a failure.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import urlparse

import pytest

from simulator.publish import APP_PATH, NGINX, NGINX_INSTALL, ProdLayout, publish
from simulator.serve import start_app, start_site, stop_app, wait_for_app
from tests.support import CHROMIUM, CHROMIUM_ARGS, BuiltSite, free_port

LOCAL_HOSTS = {"localhost", "127.0.0.1"}
# Streamlit's front end first looks for its server under the page's own path
# ("/share/_stcore/health") before falling back to the root; those two 404s are its
# base-path probe, not an error of the app.
STREAMLIT_PROBE = re.compile(r"/_stcore/(health|host-config)$")
WAIT_MS = 60_000


def _require_chromium() -> None:
    if CHROMIUM.exists() and shutil.which(str(CHROMIUM)):
        return
    _missing(f"Debian's Chromium is not installed at {CHROMIUM} (apt-get install -y chromium)")


def _require_nginx() -> None:
    if not NGINX.exists():
        _missing(f"Debian's nginx is not installed at {NGINX} ({NGINX_INSTALL})")


def _missing(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"browser tests are required under CI=true: {reason}")
    print(f"\nSKIPPING browser tests: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    _require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def site_url(built_site: BuiltSite) -> Iterator[str]:
    server = start_site(built_site.path, free_port())
    yield f"http://localhost:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="session")
def app_url(app_port: int, built_site: BuiltSite) -> Iterator[str]:
    """The Streamlit app on the port the site embeds (started once per session)."""
    _require_chromium()
    process = start_app(app_port, ["--server.headless", "true", "--browser.gatherUsageStats", "false"])
    try:
        assert wait_for_app(app_port, timeout=90), "the Streamlit app did not start"
        yield built_site.app_url
    finally:
        stop_app(process)


@pytest.fixture(scope="session")
def published_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The site as ``make publish`` builds it (:func:`publish`, its build included): the
    simulator on the same origin at APP_PATH. The build's log went to the captured output."""
    with pytest.MonkeyPatch.context() as env:
        env.delenv("SMM_APP_URL", raising=False)  # make publish's default: the app at APP_PATH
        out = publish(tmp_path_factory.mktemp("publish"))
    return BuiltSite(out / "site", "", APP_PATH)


@pytest.fixture(scope="session")
def prod(published_site: BuiltSite) -> Iterator[ProdLayout]:
    """``make serve-prod``'s layout, started once for every test of it: nginx in front of two
    Streamlit replicas. A test that kills a replica restarts it before it ends (see
    :func:`restart_killed`), so the next test finds both."""
    _require_chromium()
    _require_nginx()
    with ProdLayout(published_site.path, replicas=2) as layout:
        yield layout


@dataclass
class PageLog:
    """What a page did that a test may assert on: console errors and requests off this machine."""

    errors: list[str] = field(default_factory=list)
    external: list[str] = field(default_factory=list)

    def clean(self) -> bool:
        return not self.errors and not self.external


@pytest.fixture
def context(browser: object) -> Iterator[object]:
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    yield ctx
    ctx.close()


def open_page(context: object, url: str, color_scheme: str = "light") -> tuple[object, PageLog]:
    """A new tab on ``url``: records console errors and blocks (and records) any request
    that would leave this machine."""
    log = PageLog()
    page = context.new_page()  # type: ignore[attr-defined]
    page.emulate_media(color_scheme=color_scheme)

    def on_console(message: object) -> None:
        if message.type == "error":  # type: ignore[attr-defined]
            location = message.location.get("url", "")  # type: ignore[attr-defined]
            if not STREAMLIT_PROBE.search(urlparse(location).path):
                log.errors.append(f"{message.text} ({location})")  # type: ignore[attr-defined]

    def on_route(route: object) -> None:
        request_url = route.request.url  # type: ignore[attr-defined]
        host = urlparse(request_url).hostname
        if request_url.startswith(("data:", "blob:", "about:")) or host in LOCAL_HOSTS:
            route.continue_()  # type: ignore[attr-defined]
        else:
            log.external.append(request_url)
            route.abort()  # type: ignore[attr-defined]

    page.on("console", on_console)
    page.on("pageerror", lambda error: log.errors.append(f"page error: {error}"))
    page.route("**/*", on_route)
    page.goto(url, wait_until="load")
    return page, log


def wait_for_app_idle(frame: object) -> None:
    """Wait until Streamlit has finished the current run (its own attribute, no sleeps)."""
    frame.locator('[data-test-script-state="notRunning"]').first.wait_for(timeout=WAIT_MS)  # type: ignore[attr-defined]


def serious_violations(page: object) -> list[str]:
    """axe-core's critical and serious findings on the page (bundled axe, no network)."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("critical", "serious")
    ]
