"""AppTest helpers: open one simulator page with a link's query parameters."""

from __future__ import annotations

import html
import json
import re
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

TIMEOUT = 120


def lab_page(lab_id: str) -> None:
    """The script AppTest runs: one lab, as the navigation would run it."""
    from simulator.app.labs import run_lab
    from simulator.app.registry import LABS
    from simulator.app.state import seed_language

    seed_language()
    run_lab(next(lab for lab in LABS if lab.id == lab_id))


def open_lab(lab_id: str, query: dict[str, Any] | None = None) -> AppTest:
    at = AppTest.from_function(lab_page, args=(lab_id,), default_timeout=TIMEOUT)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    return at.run()


def calibrate_page() -> None:
    """The script AppTest runs for the Calibrate page, as the navigation would run it."""
    from simulator.app.calibrate import page
    from simulator.app.state import seed_language

    seed_language()
    page()


def open_calibrate(query: dict[str, Any] | None = None) -> AppTest:
    at = AppTest.from_function(calibrate_page, default_timeout=TIMEOUT)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    return at.run()


def unescaped(text: str) -> str:
    """Text as the reader sees it, from Markdown whose signs were escaped (``simulator.app.text.literal``)."""
    return re.sub(r"\\(.)", r"\1", text)


def widget(at: AppTest, key: str) -> Any:
    """The widget with ``key``, whatever its kind."""
    for kind in ("slider", "number_input", "selectbox", "segmented_control"):
        found = [w for w in getattr(at, kind) if w.key == key]
        if found:
            return found[0]
    raise KeyError(key)


def headline(at: AppTest) -> dict[str, str]:
    """The headline numbers shown, label -> value, read from the page's headline block."""
    shown: dict[str, str] = {}
    for block in at.get("html"):
        for label, value in re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", block.proto.body):
            shown[html.unescape(label)] = html.unescape(value)
    return shown


def live_charts(at: AppTest) -> list[dict[str, Any]]:
    """The data sent to each live chart (``simulator.app.live_chart``), in page order."""
    return [json.loads(element.proto.json) for element in at.get("bidi_component")]


@pytest.fixture
def assert_clean():  # type: ignore[no-untyped-def]
    def check(at: AppTest) -> None:
        assert not at.exception, [e.value for e in at.exception]

    return check
