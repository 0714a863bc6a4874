"""The published site on a static host with no simulator server (GitHub Pages, a bucket).

The simulator page and the chapters' "Try it" boxes say the live simulator is not connected
and show the preset as the engine computed it at build time: no empty frame, no failed
request, no console error.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from simulator import data
from simulator.locale import number_text
from simulator.models.share_loop import ShareLoopParams, share_loop
from simulator.serve import start_site
from tests.browser.conftest import WAIT_MS, open_page
from tests.support import BuiltSite, free_port, url_of

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def static_host(published_site: BuiltSite) -> Iterator[str]:
    """The published site behind a plain static server: nothing answers at the app's path."""
    server = start_site(published_site.path, free_port())
    yield f"http://localhost:{server.server_address[1]}"
    server.shutdown()


def _viral_tipping() -> dict[str, str]:
    """The preset's reach and viral coefficient, by the engine, in both languages' digits."""
    preset = next(p for p in data.presets() if p.id == "viral-tipping")
    totals = share_loop(ShareLoopParams(**preset.values)).totals
    return {lang: number_text(totals["reach"], "people", lang) for lang in ("en", "fa")}


def _headline(preview: object, label: str) -> str:
    """The number under the headline label that reads exactly ``label``."""
    item = preview.locator(".smm-headline__item", has=preview.page.locator(f'dt:text-is("{label}")'))  # type: ignore[attr-defined]
    return item.locator("dd").inner_text().strip()


def test_the_simulator_page_says_it_is_not_connected_and_shows_the_preset_as_built(
    context: object, static_host: str
) -> None:
    page, log = open_page(context, static_host + url_of("fa", "simulator/index.md") + "?lab=share&preset=viral-tipping")
    page.locator('.smm-app[data-state="offline"]').wait_for(timeout=WAIT_MS)  # type: ignore[attr-defined]
    fallback = page.locator(".smm-app__fallback")  # type: ignore[attr-defined]
    assert fallback.is_visible()
    assert fallback.locator(".admonition-title").inner_text().strip() == "شبیه‌ساز زنده به این سایت وصل نیست"
    assert page.locator(".smm-app__frame").is_hidden()  # type: ignore[attr-defined]
    assert page.locator(".smm-app__open").is_hidden()  # type: ignore[attr-defined]
    shown = page.locator(".smm-preview:visible")  # type: ignore[attr-defined]
    assert shown.count() == 1
    assert shown.get_attribute("data-preset") == "viral-tipping"
    assert _headline(shown, "ضریب ویروسی") == "۱٫۲"  # 0.12 x 10, by hand
    assert _headline(shown, "دسترسی تجمعی") == _viral_tipping()["fa"]
    assert shown.locator("svg[role=img]").is_visible()
    assert log.errors == []
    assert log.external == []


def test_a_chapter_try_box_says_it_is_not_connected_and_shows_its_preset(context: object, static_host: str) -> None:
    page, log = open_page(context, static_host + url_of("en", "strategies/viral-marketing.md"))
    box = page.locator('.admonition[data-state="offline"]')  # type: ignore[attr-defined]
    box.wait_for(timeout=WAIT_MS)
    assert box.locator(".smm-try__offline").inner_text().startswith("The live simulator is not connected")
    preview = box.locator(".smm-preview")
    assert preview.is_visible()
    assert _headline(preview, "Viral coefficient") == "1.2"
    assert _headline(preview, "Reach (cumulative)") == _viral_tipping()["en"]
    assert log.errors == []
    assert log.external == []
