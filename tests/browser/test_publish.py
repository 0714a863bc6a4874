"""The published layout (``make serve-prod``): nginx in front of two Streamlit replicas, one origin.

A reader goes from a chapter to the embedded simulator and on to a deep link without
leaving the site's origin; a replica dies under a reader and the page carries on from
the other with the same scenario; nginx sends the security headers and limits.
"""

from __future__ import annotations

import re
import signal
import socket
import subprocess
import sys
import urllib.error
import urllib.request

import pytest
from playwright.sync_api import expect
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from simulator.locale import number_text
from simulator.models.share_loop import ShareLoopParams, share_loop
from simulator.publish import APP_PATH, UPLOAD_MB, ProdLayout
from simulator.serve import ROOT, free_port
from tests.browser.conftest import WAIT_MS, open_page, wait_for_app_idle
from tests.support import BuiltSite, url_of

pytestmark = pytest.mark.browser

SLIDER = '[data-testid="stSlider"] input[type="range"]'


def _coefficient(target: object) -> str:
    item = target.locator(".smm-headline__item", has_text="Viral coefficient").locator("dd")  # type: ignore[attr-defined]
    return item.inner_text().strip()


def test_a_chapter_opens_the_embedded_simulator_and_a_deep_link_on_one_origin(
    context: object, prod: ProdLayout
) -> None:
    page, log = open_page(context, prod.url + url_of("en", "strategies/viral-marketing.md"))
    page.locator("a.smm-try").click()  # type: ignore[attr-defined]
    page.wait_for_url(re.compile(r"/simulator/\?lab=share&preset=viral-tipping$"))  # type: ignore[attr-defined]
    page.locator('.smm-app[data-state="ready"]').wait_for(timeout=WAIT_MS)  # type: ignore[attr-defined]
    src = page.locator(".smm-app__frame").get_attribute("src")  # type: ignore[attr-defined]
    assert src.startswith(f"{prod.url}{APP_PATH}/share?")
    frame = page.frame_locator(".smm-app__frame")  # type: ignore[attr-defined]
    thumb = frame.locator(SLIDER).first  # the share rate, 0.015 in the preset
    expect(thumb).to_have_value("0.015", timeout=WAIT_MS)
    wait_for_app_idle(frame)
    thumb.focus()
    thumb.press("ArrowRight")
    expect(thumb).to_have_value("0.0155", timeout=WAIT_MS)
    opener = page.locator(".smm-app__open")  # type: ignore[attr-defined]
    expect(opener).to_have_attribute("href", re.compile(r"share_rate=0\.0155(&|$)"), timeout=WAIT_MS)
    deep_link = opener.get_attribute("href")
    assert deep_link.startswith(f"{prod.url}{APP_PATH}/share?")

    page.goto(deep_link)  # type: ignore[attr-defined]
    expect(page.locator(SLIDER).first).to_have_value("0.0155", timeout=WAIT_MS)  # type: ignore[attr-defined]
    wait_for_app_idle(page)
    # 0.0155 x the preset's fan-out 80, by hand.
    assert _coefficient(page) == "1.24"
    assert log.external == []
    assert log.errors == []


def _reach_text(**values: float) -> str:
    """The headline reach of a share-loop scenario, computed here by the engine."""
    return number_text(share_loop(ShareLoopParams(**values)).totals["reach"], "people", "en")


def _finishes_a_full_run(payload: str | bytes) -> bool:
    """True for the server's message that a whole run of the page (not one fragment) ended well."""
    if isinstance(payload, str):
        return False
    message = ForwardMsg.FromString(payload)
    return (
        message.WhichOneof("type") == "script_finished" and message.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY
    )


def _watch_full_runs(page: object) -> dict[object, int]:
    """Count, per websocket the page opens from now on, the whole runs the server finished on it.

    The counter is hooked up while the socket's opening is dispatched, before any of its frames,
    so none is missed however fast the server answers.
    """
    finished: dict[object, int] = {}

    def on_socket(socket: object) -> None:
        finished[socket] = 0

        def on_frame(payload: str | bytes) -> None:
            if _finishes_a_full_run(payload):
                finished[socket] += 1

        socket.on("framereceived", on_frame)  # type: ignore[attr-defined]

    page.on("websocket", on_socket)  # type: ignore[attr-defined]
    return finished


# The preset's realistic start (1.5% share, fan-out 80: viral coefficient 1.2 → 1.28) and a
# steeper one (12%, fan-out 10); one slider step (0.0005) a move.
FAILOVER_STEPS = [
    pytest.param(("0.015", "0.0155", "0.016"), 80, "1.28", id="realistic-share-rate"),
    pytest.param(("0.12", "0.1205", "0.121"), 10, "1.21", id="steep-share-rate"),
]


@pytest.mark.parametrize(("rates", "fanout", "coefficient"), FAILOVER_STEPS)
def test_a_reader_keeps_the_scenario_when_their_replica_dies(
    context: object, prod: ProdLayout, rates: tuple[str, str, str], fanout: int, coefficient: str
) -> None:
    start, first_move, second_move = rates
    path = f"{APP_PATH}/share"
    page, log = open_page(
        context, f"{prod.url}{path}?share_rate={start}&fanout={fanout}&audience=200000&seed_reach=500"
    )
    finished_runs = _watch_full_runs(page)
    thumb = page.locator(SLIDER).first  # type: ignore[attr-defined]
    expect(thumb).to_have_value(start, timeout=WAIT_MS)
    wait_for_app_idle(page)
    thumb.focus()
    thumb.press("ArrowRight")  # a change that only the rewritten address holds, not the first one
    page.wait_for_url(re.compile(rf"share_rate={re.escape(first_move)}(&|$)"), timeout=WAIT_MS)  # type: ignore[attr-defined]
    wait_for_app_idle(page)
    scenario = {"fanout": fanout, "audience": 200_000, "seed_reach": 500}
    headline = page.locator(".smm-headline dd").first  # type: ignore[attr-defined]
    expect(headline).to_have_text(_reach_text(share_rate=float(first_move), **scenario), timeout=WAIT_MS)
    serving = prod.replica_of(path)
    try:
        # The dead process says no goodbye; the page notices, opens a new connection through
        # nginx, which reaches the other replica, and its new session starts from the address.
        with page.expect_websocket(timeout=WAIT_MS) as reconnected:  # type: ignore[attr-defined]
            serving.kill()
        socket = reconnected.value
        # Until the new session's first whole run ends, the page still shows the dead replica's
        # inputs and results, and the new session does not hold the inputs' fragment yet:
        # Streamlit drops a move made then (the thumb moves, the results stay). So the
        # checks below wait for that run, and then see the other replica's own answer.
        if not finished_runs[socket]:
            socket.wait_for_event("framereceived", _finishes_a_full_run, timeout=WAIT_MS)
        page.locator('.stApp[data-test-connection-state="CONNECTED"]').wait_for(timeout=WAIT_MS)  # type: ignore[attr-defined]
        assert prod.replica_of(f"{APP_PATH}/_stcore/host-config") is not serving
        expect(thumb).to_have_value(first_move, timeout=WAIT_MS)
        expect(headline).to_have_text(_reach_text(share_rate=float(first_move), **scenario), timeout=WAIT_MS)
        thumb.focus()
        thumb.press("ArrowRight")  # the other replica computes the next step of the same scenario
        expect(thumb).to_have_value(second_move, timeout=WAIT_MS)
        expect(headline).to_have_text(_reach_text(share_rate=float(second_move), **scenario), timeout=WAIT_MS)
        assert _coefficient(page) == coefficient
        page.wait_for_url(re.compile(rf"share_rate={re.escape(second_move)}(&|$)"), timeout=WAIT_MS)  # type: ignore[attr-defined]
        assert "audience=200000" in page.url  # type: ignore[attr-defined]
        assert "seed_reach=500" in page.url  # type: ignore[attr-defined]
        assert log.external == []
    finally:
        prod.restart(serving)


def _get(url: str, data: bytes | None = None) -> tuple[int, dict[str, str]]:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, data=data, method="POST" if data else "GET")) as r:
            return r.status, dict(r.headers)
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers)


@pytest.mark.parametrize("path", ["/", "/fa/simulator/", f"{APP_PATH}/", f"{APP_PATH}/_stcore/health"])
def test_every_answer_carries_the_security_headers(prod: ProdLayout, path: str) -> None:
    status, headers = _get(prod.url + path)
    assert status == 200
    policy = headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'self'" in policy
    assert "connect-src 'self'" in policy
    assert headers["X-Content-Type-Options"] == "nosniff"


def test_no_folder_is_listed(prod: ProdLayout) -> None:
    status, _ = _get(prod.url + "/assets/javascripts/")
    assert status == 403


def test_a_request_body_over_the_upload_limit_is_refused(prod: ProdLayout) -> None:
    status, _ = _get(f"{prod.url}{APP_PATH}/_stcore/upload_file", b"x" * (UPLOAD_MB * 1024 * 1024 + 1))
    assert status == 413


def _answers(address: str) -> bool:
    host, port = address.rsplit(":", 1)
    with socket.socket() as probe:
        return probe.connect_ex((host, int(port))) == 0


def test_a_stop_signal_stops_nginx_and_every_replica(published_site: BuiltSite) -> None:
    """``make serve-prod`` stopped by a service manager (SIGTERM), not Ctrl-C: nginx and the
    replicas run in their own sessions, so they must be stopped by the command, not left behind."""
    port = free_port()
    code = f"import sys; from pathlib import Path; from simulator.publish import serve_site; sys.exit(serve_site(Path({str(published_site.path)!r}), 2, {port}))"
    serving = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        lines = iter(serving.stdout.readline, "")  # type: ignore[union-attr]
        listed = next(line for line in lines if "replicas:" in line)
        replicas = re.findall(r"127\.0\.0\.1:\d+", listed)
        addresses = [f"127.0.0.1:{port}", *replicas]
        assert len(replicas) == 2
        assert all(_answers(address) for address in addresses)
        serving.send_signal(signal.SIGTERM)
        assert serving.wait(timeout=60) == 0
        assert [address for address in addresses if _answers(address)] == []
    finally:
        if serving.poll() is None:
            serving.kill()
