"""``smm serve``: build the playbook, run the simulator app beside it, serve both.

Starts Streamlit (the app) and a small static server for the built site, prints both
URLs and stops both cleanly on Ctrl-C. The static server sends the gzip copies the
build writes next to each text file when the browser accepts gzip, as any production
web server would, so pages transfer a fraction of their size.
"""

from __future__ import annotations

import contextlib
import functools
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import IO, Any

from simulator.params import Param, ParameterError, Parameters, declared

__all__ = [
    "APP_MAIN",
    "ROOT",
    "GzipStaticHandler",
    "ServeParams",
    "build_site",
    "free_port",
    "serve",
    "start_app",
    "start_site",
]

ROOT = Path(__file__).resolve().parent.parent
APP_MAIN = Path(__file__).resolve().parent / "app" / "main.py"

_PORT = {
    "kind": int,
    "minimum": 1024,
    "maximum": 65535,
    "step": 1,
    "unit": "port",
    "unit_fa": "درگاه",
}
SITE_PORT = Param(
    "site_port",
    default=8000,
    label_en="Playbook site port",
    label_fa="درگاه سایت راهنما",
    help_en="Local port of the static server for the built playbook.",
    help_fa="درگاه محلی سرور ایستا برای سایت ساخته‌شدهٔ راهنما.",
    **_PORT,  # type: ignore[arg-type]
)
APP_PORT = Param(
    "app_port",
    default=8501,
    label_en="Simulator app port",
    label_fa="درگاه برنامهٔ شبیه‌ساز",
    help_en="Local port of the Streamlit simulator; the playbook embeds the app from it.",
    help_fa="درگاه محلی شبیه‌ساز استریم‌لیت؛ راهنما برنامه را از همین درگاه در صفحه جای می‌دهد.",
    **_PORT,  # type: ignore[arg-type]
)


@dataclass(frozen=True)
class ServeParams(Parameters):
    """Ports for ``smm serve``."""

    model = "serve"

    site_port: int = declared(SITE_PORT)
    app_port: int = declared(APP_PORT)

    def check_together(self) -> None:
        if self.site_port == self.app_port:
            raise ParameterError(
                "app_port", self.app_port, "a port other than site_port", "is already used", related=("site_port",)
            )

    @property
    def app_url(self) -> str:
        return f"http://localhost:{self.app_port}"


class GzipStaticHandler(SimpleHTTPRequestHandler):
    """Static files; sends ``file.gz`` with ``Content-Encoding: gzip`` when accepted."""

    def send_head(self) -> Any:
        url_path = self.path.split("?", 1)[0].split("#", 1)[0]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not url_path.endswith("/"):
                return super().send_head()  # the base class redirects "dir" to "dir/"
            path = path / "index.html"
        packed = path.with_name(path.name + ".gz")
        if "gzip" in self.headers.get("Accept-Encoding", "") and path.is_file() and packed.is_file():
            handle = packed.open("rb")
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(packed.stat().st_size))
            self.send_header("Vary", "Accept-Encoding")
            self.end_headers()
            return handle
        return super().send_head()

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the terminal shows the URLs, not every request."""


def build_site(site_dir: Path, app_url: str) -> None:
    """``mkdocs build --strict`` with the app URL the simulator page should embed."""
    env = {**os.environ, "SMM_APP_URL": app_url, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=ROOT,
        env=env,
        check=True,
    )


def start_site(site_dir: Path, port: int, host: str = "127.0.0.1") -> ThreadingHTTPServer:
    """Serve ``site_dir`` on ``host:port`` from a background thread."""
    handler = functools.partial(GzipStaticHandler, directory=str(site_dir))
    server = ThreadingHTTPServer((host, port), handler)
    threading.Thread(target=server.serve_forever, name="playbook-site", daemon=True).start()
    return server


def start_app(
    port: int,
    extra_args: list[str] | None = None,
    script: Path = APP_MAIN,
    output: IO[bytes] | None = None,
    env: dict[str, str] | None = None,
) -> subprocess.Popen[bytes]:
    """Start the Streamlit app (or another ``script``, settings in ``.streamlit/config.toml``) on ``port``;
    its output goes to ``output`` (a log file) instead of the terminal when given; ``env`` adds
    environment variables."""
    command = [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port), *(extra_args or [])]
    return subprocess.Popen(
        command, cwd=ROOT, start_new_session=True, stdout=output, stderr=output, env={**os.environ, **(env or {})}
    )


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for_app(port: int, timeout: float = 60.0, path: str = "") -> bool:
    """True once Streamlit (under its base ``path``) answers its health check (polls; used at
    start-up only)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with (
            contextlib.suppress(OSError),
            urllib.request.urlopen(f"http://127.0.0.1:{port}{path}/_stcore/health", timeout=2) as response,
        ):
            if response.status == 200:
                return True
        time.sleep(0.25)
    return False


def stop_app(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def serve(params: ServeParams, build: bool = True) -> int:
    """Build the site, start the app and the site server, wait for Ctrl-C, stop both."""
    site_dir = ROOT / "site"
    if build:
        print(f"Building the playbook (embedding the simulator from {params.app_url}) …", flush=True)
        build_site(site_dir, params.app_url)
    # The site first: a port already taken fails here, before there is an app to stop.
    site = start_site(site_dir, params.site_port)
    app = start_app(params.app_port)
    # From here on every way out stops both: the app runs in a session of its own, so a Ctrl-C
    # while it starts (the wait below) reaches only this process and would leave it running.
    try:
        ready = wait_for_app(params.app_port)
        print(
            "\nSMM Playbook is running:\n"
            f"  playbook   http://localhost:{params.site_port}/      (Persian: http://localhost:{params.site_port}/fa/)\n"
            f"  simulator  {params.app_url}/" + ("" if ready else "   (still starting…)") + "\n"
            "Press Ctrl-C to stop both.\n",
            flush=True,
        )
        while app.poll() is None:
            time.sleep(0.5)
        print(f"The simulator exited with code {app.returncode}; stopping.", file=sys.stderr)
        return app.returncode or 1
    except KeyboardInterrupt:
        print("\nStopping …", flush=True)
        return 0
    finally:
        site.shutdown()
        stop_app(app)
