"""The app's overview page, run through the real entry point (main.py and its navigation)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from simulator import data
from simulator.app.registry import PAGE_IDS
from tests.app.conftest import TIMEOUT

MAIN = Path(__file__).resolve().parents[2] / "simulator" / "app" / "main.py"


@pytest.mark.parametrize("lang", ["en", "fa"])
def test_overview_lists_every_page_in_its_language(lang: str) -> None:
    at = AppTest.from_file(str(MAIN), default_timeout=TIMEOUT)
    at.query_params["lang"] = lang
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    ui = data.ui()
    assert at.title[0].value == ui["app.title"](lang)
    captions = [c.value for c in at.caption]
    assert "calibrate" in PAGE_IDS
    for page in PAGE_IDS:
        assert ui[f"app.page.{page}.intro"](lang) in captions, page
    other = "en" if lang == "fa" else "fa"
    assert ui["app.page.share.intro"](other) not in captions
