"""Shared test support: the real site build and the local servers the tests start."""

from __future__ import annotations

import contextlib
import http.client
import io
import os
import re
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from simulator.serve import free_port  # noqa: F401  (the tests import it from here)

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"


@dataclass(frozen=True)
class BuiltSite:
    path: Path
    log: str
    app_url: str

    def html(self, lang: str, page: str) -> str:
        """HTML of a page given by its source name, e.g. ('fa', 'strategies/crm.md')."""
        return (self.path / url_of(lang, page).lstrip("/") / "index.html").read_text(encoding="utf-8")

    def article(self, lang: str, page: str) -> str:
        """Only the page's own content, the one ``<article>``: no navigation, table of contents,
        header or footer, where other pages' titles and the other language's names also appear.
        Checks that the page is in ``lang`` first, so a test cannot read the wrong language."""
        page_html = self.html(lang, page)
        assert re.search(rf'<html lang="{lang}"', page_html), f"{lang}/{page} is not a {lang} page"
        found = re.findall(r"<article\b[^>]*>(.*?)</article>", page_html, re.S)
        assert len(found) == 1, f"{lang}/{page}: {len(found)} <article> elements"
        return found[0]


def url_of(lang: str, page: str) -> str:
    """Site path of a page source name: ('fa', 'strategies/crm.md') -> '/fa/strategies/crm/'."""
    stem = page.removesuffix(".md")
    folder = "" if stem == "index" else stem.removesuffix("/index") + "/"
    prefix = "" if lang == "en" else f"{lang}/"
    return f"/{prefix}{folder}"


def run_mkdocs(site_dir: Path, extra_env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(extra_env or {})}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def page_names(lang: str) -> list[str]:
    return sorted(p.relative_to(DOCS / lang).as_posix() for p in (DOCS / lang).rglob("*.md"))


PERSIAN_LETTER = re.compile(r"[\u0600-\u06FF]")
"""A letter of the Arabic-script block, which Persian text is written in."""

CHROMIUM = Path("/usr/bin/chromium")
"""Debian's Chromium; Playwright's own browser download does not work on these machines."""

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
"""Without the background-networking flags Chromium keeps trying Google's hosts."""

STREAMLIT_PLACEHOLDER = '[data-testid="stSkeleton"]'
"""What Streamlit shows in place of a run's elements until it draws them, a moment after it
has already marked the run finished; pictures and timings wait until none is left."""


SAMPLES = ROOT / "playbook_data" / "samples"
"""The synthetic sample exports (scripts/make_samples.py)."""

_INPUTS = {
    "fit-share": ["--file", str(SAMPLES / "synthetic-meta-posts.csv")],
    "fit-bass": ["--file", str(SAMPLES / "synthetic-app-signups-weekly.csv"), "--period", "week"],
}


def command_argv(name: str) -> list[str]:
    """What runs registry command ``name`` with its defaults: the words a person types
    (``fit share`` for ``fit-share``) and, for a command that reads a file, a sample file."""
    from simulator.commands import COMMANDS

    return [*COMMANDS[name].words, *_INPUTS.get(name, [])]


def top_level_words() -> list[str]:
    """The words ``smm`` takes first, in its help's order: commands, groups (``fit``), ``serve``."""
    from simulator.commands import COMMANDS

    return [*dict.fromkeys(c.words[0] for c in COMMANDS.values()), "serve"]


# --- local servers and long-running commands ------------------------------------------------


def http_get(port: int, path: str, headers: dict[str, str] | None = None) -> tuple[int, http.client.HTTPMessage, bytes]:
    """One GET to ``127.0.0.1:port``: (status, headers (names in any case), body as sent).
    Redirects are not followed, nothing is decompressed, and without ``headers`` the request
    says ``Accept-Encoding: identity``."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


def port_is_open(port: int) -> bool:
    """True while something accepts connections on ``127.0.0.1:port``."""
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


class Terminal(io.StringIO):
    """What a command prints (through ``contextlib.redirect_stdout``); ``shown`` is set once the
    output holds ``line``, so another thread can act exactly then."""

    def __init__(self, line: str) -> None:
        super().__init__()
        self.line = line
        self.shown = threading.Event()

    def write(self, text: str) -> int:
        written = super().write(text)
        if self.line in self.getvalue():
            self.shown.set()
        return written


def run_until_signal(
    command: Callable[[], int],
    line: str,
    signum: int | None,
    while_running: Callable[[str], None] = lambda output: None,
    timeout: float = 120.0,
) -> tuple[int, str]:
    """Run ``command`` (a long-running command's function) in this process and thread with its
    output captured; once it has printed ``line`` (or after ``timeout`` seconds), another thread
    calls ``while_running(output so far)`` and sends ``signum`` to this process, as Ctrl-C
    (SIGINT) or a service manager's stop (SIGTERM) would (``None``: no signal; ``while_running``
    ends the command another way). Returns (exit code, output); an assertion of
    ``while_running`` fails the caller after the command has ended.

    For the run, SIGINT gets Python's own handler (KeyboardInterrupt), as in a terminal (a test
    runner may ignore it: mutmut's workers do), and SIGTERM one that fails the test: the command
    must set its own. A signal the command does not handle fails the test instead of stopping
    the test run."""
    terminal = Terminal(line)
    ended = threading.Event()
    sending = threading.Lock()  # held to send, and to mark the end: no signal comes after the end
    failures: list[BaseException] = []

    def press() -> None:
        terminal.shown.wait(timeout)
        if ended.is_set():
            return  # the command ended by itself; its caller sees the code and the output
        try:
            while_running(terminal.getvalue())
        except BaseException as failure:  # re-raised in the test's own thread
            failures.append(failure)
        with sending:
            if signum is not None and not ended.is_set():
                os.kill(os.getpid(), signum)

    def unhandled(received: int, frame: object) -> None:
        raise AssertionError(f"{signal.Signals(received).name} reached no handler of the command")

    handlers = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, unhandled)
    presser = threading.Thread(target=press, name="while-running", daemon=True)
    presser.start()
    try:
        try:
            with contextlib.redirect_stdout(terminal):
                code = command()
        finally:
            with sending:
                ended.set()
            terminal.shown.set()
    except KeyboardInterrupt as late:
        raise AssertionError("the stop signal reached the test, not the command's own handling") from late
    finally:
        presser.join()
        for stop, handler in handlers.items():
            if handler is not None:  # None: not set from Python, nothing to put back
                signal.signal(stop, handler)
    if failures:
        raise failures[0]
    return code, terminal.getvalue()


def processes_started_by(marker: str, folder: Path) -> dict[int, str]:
    """The running processes a test started, by id, with their command lines (from /proc): those
    whose environment holds ``marker`` (``NAME=value``, inherited from the test), those whose
    command line names ``folder`` (nginx rewrites its environment's memory for its process
    titles, but its title keeps its ``-p`` folder), and their children. Zombies (ended, not yet
    reaped) have neither and are not listed."""
    entry = b"\0" + marker.encode() + b"\0"
    running: dict[int, tuple[int, bytes, str]] = {}  # id -> (parent id, environment, command line)
    for proc in Path("/proc").glob("[0-9]*"):
        with contextlib.suppress(OSError, ValueError):  # ended meanwhile, or not ours to read
            parent = int((proc / "stat").read_text().rsplit(")", 1)[1].split()[1])
            command = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode().strip()
            running[int(proc.name)] = (parent, b"\0" + (proc / "environ").read_bytes(), command)
    found = {pid for pid, (_, environ, command) in running.items() if entry in environ or f"{folder}/" in command}
    while children := {pid for pid, (parent, _, _) in running.items() if parent in found} - found:
        found |= children
    return {pid: running[pid][2] for pid in sorted(found) if running[pid][2]}
