"""``smm serve``'s parts, run for real in this process: the gzip-aware static server on a
folder of known files, the port and health-check helpers, stopping a process, and the
command itself with the real Streamlit app until Ctrl-C (or until the app exits)."""

from __future__ import annotations

import gzip
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest

from simulator.cli import main
from simulator.serve import ServeParams, free_port, serve, start_site, stop_app, wait_for_app
from tests.support import http_get, port_is_open, run_until_signal

HOME = b"<!doctype html><title>Home</title><p>Playbook</p>"
DOCS = b"<!doctype html><title>Docs</title><p>Chapters</p>"
STYLE = b"body { color: #222; }"
GZIP = {"Accept-Encoding": "gzip, deflate"}


def _packed(data: bytes) -> bytes:
    """A gzip copy as the build writes one; ``mtime=0`` keeps its bytes the same on every run."""
    return gzip.compress(data, mtime=0)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A built-looking site: pages with gzip copies beside them, a stylesheet without one, and a
    gzip copy whose page is missing."""
    folder = tmp_path_factory.mktemp("site")
    (folder / "docs").mkdir()
    (folder / "index.html").write_bytes(HOME)
    (folder / "index.html.gz").write_bytes(_packed(HOME))
    (folder / "docs" / "index.html").write_bytes(DOCS)
    (folder / "docs" / "index.html.gz").write_bytes(_packed(DOCS))
    (folder / "style.css").write_bytes(STYLE)
    (folder / "orphan.js.gz").write_bytes(_packed(b"var orphan = 1;"))
    return folder


@pytest.fixture(scope="module")
def server(site: Path) -> Iterator[ThreadingHTTPServer]:
    """One server for the module: stopping one waits up to half a second (its poll interval)."""
    server = start_site(site, free_port())
    yield server
    server.shutdown()
    server.server_close()


def _port(server: ThreadingHTTPServer) -> int:
    return int(server.server_address[1])


# --- the static server --------------------------------------------------------------------------


def test_the_site_is_served_from_a_daemon_thread_on_the_local_address(site: Path) -> None:
    before = set(threading.enumerate())
    port = free_port()
    server = start_site(site, port)
    try:
        assert server.server_address == ("127.0.0.1", port)
        [thread] = set(threading.enumerate()) - before
        assert thread.name == "playbook-site"
        assert thread.daemon  # never keeps the command alive after Ctrl-C
        assert http_get(port, "/index.html")[2] == HOME  # it serves the folder given
    finally:
        server.shutdown()
        server.server_close()


def test_a_browser_that_accepts_gzip_gets_the_gzip_copy(server: ThreadingHTTPServer) -> None:
    status, headers, body = http_get(_port(server), "/index.html", GZIP)
    assert status == 200
    assert body == _packed(HOME)
    assert headers["Content-Encoding"] == "gzip"
    assert headers["Content-Type"] == "text/html"
    assert headers["Content-Length"] == str(len(_packed(HOME)))
    assert headers["Vary"] == "Accept-Encoding"  # caches keep the two forms apart


def test_a_client_without_gzip_gets_the_plain_file(server: ThreadingHTTPServer) -> None:
    status, headers, body = http_get(_port(server), "/index.html")
    assert status == 200
    assert body == HOME
    assert "Content-Encoding" not in headers
    assert headers["Content-Length"] == str(len(HOME))


@pytest.mark.parametrize("path", ["/", "/?lang=fa", "/docs/", "/docs/?q=share", "/docs/#chapters", "/docs/?q=a#b"])
def test_a_folder_is_its_index_page_gzipped_whatever_query_or_fragment_follows(
    server: ThreadingHTTPServer, path: str
) -> None:
    expected = _packed(DOCS if path.startswith("/docs/") else HOME)
    status, headers, body = http_get(_port(server), path, GZIP)
    assert (status, body) == (200, expected)
    assert headers["Content-Encoding"] == "gzip"
    assert headers["Content-Type"] == "text/html"


def test_a_folder_without_its_slash_is_redirected_to_it(server: ThreadingHTTPServer) -> None:
    status, headers, _ = http_get(_port(server), "/docs?q=1", GZIP)
    assert status == 301
    assert headers["Location"] == "/docs/?q=1"


def test_a_file_without_a_gzip_copy_is_sent_plain_to_a_gzip_browser(server: ThreadingHTTPServer) -> None:
    status, headers, body = http_get(_port(server), "/style.css", GZIP)
    assert (status, body) == (200, STYLE)
    assert headers["Content-Type"] == "text/css"
    assert "Content-Encoding" not in headers


@pytest.mark.parametrize("path", ["/missing.html", "/orphan.js", "/docs/missing/"])
def test_a_missing_file_is_404_even_beside_a_gzip_copy(server: ThreadingHTTPServer, path: str) -> None:
    status, headers, _ = http_get(_port(server), path, GZIP)
    assert status == 404
    assert "Content-Encoding" not in headers


def test_requests_are_not_logged_to_the_terminal(
    server: ThreadingHTTPServer, capsys: pytest.CaptureFixture[str]
) -> None:
    for path in ("/", "/style.css", "/missing.html"):
        http_get(_port(server), path, GZIP)
    assert capsys.readouterr() == ("", "")


# --- ports, health checks, stopping ---------------------------------------------------------------


def test_a_free_port_is_unprivileged_and_nothing_listens_on_it() -> None:
    port = free_port()
    assert 1024 <= port <= 65535
    assert not port_is_open(port)


def test_waiting_for_the_app_is_true_once_its_health_check_answers(tmp_path: Path) -> None:
    health = tmp_path / "simulator" / "app" / "_stcore" / "health"
    health.parent.mkdir(parents=True)
    health.write_text("ok", encoding="utf-8")
    server = start_site(tmp_path, free_port())
    try:
        assert wait_for_app(_port(server), timeout=10, path="/simulator/app") is True
        # The same server under no base path answers 404 there: not the app, so False.
        assert wait_for_app(_port(server), timeout=0.3) is False
    finally:
        server.shutdown()
        server.server_close()


def test_waiting_for_the_app_is_false_when_nothing_listens() -> None:
    assert wait_for_app(free_port(), timeout=0.3) is False


@pytest.mark.usefixtures("nothing_left_running")
def test_stopping_a_running_process_ends_it() -> None:
    process = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"], start_new_session=True)
    stop_app(process)
    assert process.returncode == -signal.SIGTERM


def test_stopping_a_process_that_already_ended_changes_nothing() -> None:
    process = subprocess.Popen([sys.executable, "-c", "raise SystemExit(3)"], start_new_session=True)
    process.wait()
    stop_app(process)
    assert process.returncode == 3


# --- the command ------------------------------------------------------------------------------


@pytest.mark.usefixtures("nothing_left_running")
def test_smm_serve_without_a_build_serves_until_ctrl_c_then_stops_both() -> None:
    """``smm serve --no-build``: no build, the site and the real app answer, Ctrl-C stops both."""
    site_port, app_port = free_port(), free_port()
    seen: dict[str, int] = {}

    def check(_: str) -> None:
        seen["site"] = http_get(site_port, "/no-such-page/")[0]  # the static server answers
        seen["app"] = http_get(app_port, "/_stcore/health")[0]

    argv = ["serve", "--no-build", "--site-port", str(site_port), "--app-port", str(app_port)]
    code, output = run_until_signal(lambda: main(argv), "Press Ctrl-C", signal.SIGINT, check)
    assert code == 0
    assert output == (
        "\nSMM Playbook is running:\n"
        f"  playbook   http://localhost:{site_port}/      (Persian: http://localhost:{site_port}/fa/)\n"
        f"  simulator  http://localhost:{app_port}/\n"
        "Press Ctrl-C to stop both.\n\n"
        "\nStopping …\n"
    )
    assert seen == {"site": 404, "app": 200}
    assert not port_is_open(site_port)
    assert not port_is_open(app_port)


@pytest.mark.usefixtures("nothing_left_running")
def test_smm_serve_ends_with_the_app_when_the_app_exits(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Another server already holds the app's port (and answers its health check): Streamlit
    cannot listen and exits with 1; ``smm serve`` says so, stops the site and returns that code."""
    (tmp_path / "_stcore").mkdir()
    (tmp_path / "_stcore" / "health").write_text("ok", encoding="utf-8")
    holder = start_site(tmp_path, free_port())
    params = ServeParams(site_port=free_port(), app_port=_port(holder))
    try:
        assert serve(params, build=False) == 1
    finally:
        holder.shutdown()
        holder.server_close()
    captured = capsys.readouterr()
    assert captured.out.endswith(f"  simulator  http://localhost:{params.app_port}/\nPress Ctrl-C to stop both.\n\n")
    assert captured.err.endswith("The simulator exited with code 1; stopping.\n")
    assert not port_is_open(params.site_port)


def test_one_port_for_both_site_and_app_is_refused_naming_both_flags(capsys: pytest.CaptureFixture[str]) -> None:
    """Nothing is started: the message names the flag refused and the one it clashes with."""
    assert main(["serve", "--no-build", "--site-port", "8123", "--app-port", "8123"]) == 2
    assert capsys.readouterr().err == (
        "smm serve: error: --app-port = 8123 is already used: a port other than --site-port\n"
    )
