"""One reader's Streamlit session over Streamlit's own websocket protocol, without a browser.

What the browser does, and only that (Streamlit 1.67's ``WebsocketConnection`` and
``App.sendRerunBackMsg``; the server side is ``web/server/starlette/starlette_websocket.py``):

1. ``GET <base>/_stcore/health``. Its answer sets the XSRF cookie (``_streamlit_xsrf``) and,
   through nginx, the sticky-route cookie (``smm_route``) that keeps this reader on one replica.
2. A websocket to ``<base>/_stcore/stream`` with those cookies, an ``Origin`` header, and the
   subprotocols ``["streamlit", <the XSRF cookie's value>]`` (the browser passes the token as
   the second subprotocol because it cannot set headers on a websocket).
3. A ``BackMsg`` ``rerun_script`` with the page's query string and ``page_name`` (the first run
   of a page opened by its address), then ``ForwardMsg``s until ``script_finished``.
4. A slider move: a ``rerun_script`` with the slider's new value in ``widget_states`` (its
   widget id read from the slider's delta), the fragment the slider lives in, the page's
   script hash (from ``new_session``) and the query string the app last wrote
   (``page_info_changed``), as the browser sends it; then ``ForwardMsg``s until
   ``script_finished``.

No cached-message hashes are sent, so the server sends every element in full (the browser
may get a few large ones as references): the server does at least the work it does for a
browser.
"""

from __future__ import annotations

import asyncio
import html
import re
import time
import urllib.request
from dataclasses import dataclass, field
from typing import Any

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

__all__ = ["Rerun", "RerunError", "StreamlitSession"]

XSRF_COOKIE = "_streamlit_xsrf"
# What the browser sends as the token when it has no XSRF cookie (an empty entry is invalid).
NO_TOKEN = "PLACEHOLDER_AUTH_TOKEN"
SUCCESS = frozenset({ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY})
_DD = re.compile(r"<dd>(.*?)</dd>", re.S)


class RerunError(Exception):
    """A run that did not end well: the script failed, or the page drew an exception."""


@dataclass
class Rerun:
    """What one script run sent back: its elements (kind, element) in order, and how long it took."""

    ms: float
    elements: list[tuple[str, Any]] = field(default_factory=list)

    def count(self, kind: str) -> int:
        return sum(1 for k, _ in self.elements if k == kind)

    def headline(self) -> list[str]:
        """The texts of the page's headline numbers (``simulator.app.layout.headline``)."""
        for kind, element in self.elements:
            if kind == "html" and 'class="smm-headline"' in element.html.body:
                return [html.unescape(value) for value in _DD.findall(element.html.body)]
        return []


def _cookies(set_cookie_headers: list[str]) -> dict[str, str]:
    return dict(header.split(";", 1)[0].strip().split("=", 1) for header in set_cookie_headers)


class StreamlitSession:
    """A session on the app at ``base`` (``http://host:port/simulator/app``), opened on ``page``."""

    def __init__(self, base: str, page: str, query: str = "", timeout: float = 30.0) -> None:
        self.base = base.rstrip("/")
        self.page = page
        self.query = query
        self.timeout = timeout  # seconds a run may take before it counts as lost
        self.page_script_hash = ""
        self.sliders: dict[str, tuple[str, str]] = {}  # widget key -> (widget id, fragment id)
        self._socket: Any = None

    async def open(self) -> Rerun:
        """Connect as a browser does and run the page once; the first run."""
        cookies = await asyncio.to_thread(self._health)
        origin = re.match(r"https?://[^/]+", self.base).group(0)  # type: ignore[union-attr]
        self._socket = await websockets.connect(
            re.sub(r"^http", "ws", self.base) + "/_stcore/stream",
            subprotocols=["streamlit", cookies.get(XSRF_COOKIE, NO_TOKEN)],  # type: ignore[list-item]
            additional_headers={"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items()), "Origin": origin},
            max_size=None,
            open_timeout=self.timeout,
        )
        message = BackMsg()
        message.rerun_script.query_string = self.query
        message.rerun_script.page_name = self.page
        return await self._run(message)

    def _health(self) -> dict[str, str]:
        with urllib.request.urlopen(self.base + "/_stcore/health", timeout=self.timeout) as answer:
            if answer.status != 200:
                raise RerunError(f"health check answered {answer.status}")
            return _cookies(answer.headers.get_all("Set-Cookie") or [])

    async def move(self, key: str, value: float) -> Rerun:
        """Set the slider whose widget key is ``key`` to ``value`` and wait for the rerun."""
        widget, fragment = self.sliders[key]
        message = BackMsg()
        rerun = message.rerun_script
        rerun.query_string = self.query
        rerun.page_script_hash = self.page_script_hash
        rerun.fragment_id = fragment
        state = rerun.widget_states.widgets.add()
        state.id = widget
        state.double_array_value.data.append(value)
        return await self._run(message)

    async def _run(self, message: BackMsg) -> Rerun:
        started = time.perf_counter()
        await self._socket.send(message.SerializeToString())
        run = Rerun(0.0)
        async with asyncio.timeout(self.timeout):
            while True:
                reply = ForwardMsg()
                reply.ParseFromString(await self._socket.recv())
                kind = reply.WhichOneof("type")
                if kind == "new_session":
                    self.page_script_hash = reply.new_session.page_script_hash
                elif kind == "page_info_changed":
                    self.query = reply.page_info_changed.query_string
                elif kind == "delta" and reply.delta.WhichOneof("type") == "new_element":
                    self._element(run, reply.delta)
                elif kind == "script_finished":
                    run.ms = (time.perf_counter() - started) * 1000
                    if reply.script_finished not in SUCCESS:
                        raise RerunError(f"the script finished with status {reply.script_finished}")
                    if run.count("exception"):
                        raise RerunError("the page shows an exception")
                    return run

    def _element(self, run: Rerun, delta: Any) -> None:
        element = delta.new_element
        kind = element.WhichOneof("type")
        run.elements.append((kind, element))
        if kind == "slider":
            key = element.slider.id.split("-", 2)[-1]  # "$$ID-<hash>-<key>"
            self.sliders[key] = (element.slider.id, delta.fragment_id)

    async def close(self) -> None:
        if self._socket is not None:
            await self._socket.close()
