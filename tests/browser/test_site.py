"""The playbook in a real browser: every page, both languages, charts, accessibility (search: test_search.py)."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import WAIT_MS, open_page, serious_violations
from tests.support import page_names, url_of

pytestmark = pytest.mark.browser

PAGES = [(lang, page) for lang in ("en", "fa") for page in page_names(lang)]


def _id(item: tuple[str, str]) -> str:
    return f"{item[0]}:{item[1]}"


@pytest.mark.parametrize("item", PAGES, ids=_id)
def test_page_loads_cleanly(context: object, site_url: str, item: tuple[str, str]) -> None:
    lang, page_name = item
    page, log = open_page(context, site_url + url_of(lang, page_name))
    assert page.locator("h1").first.is_visible()  # type: ignore[attr-defined]
    assert log.errors == []
    assert log.external == []
    direction = page.evaluate("document.body.getAttribute('dir')")  # type: ignore[attr-defined]
    assert direction == ("rtl" if lang == "fa" else "ltr")
    assert page.evaluate("document.documentElement.lang") == lang  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("page_name", "to"),
    [("metrics.md", "fa"), ("strategies/viral-marketing.md", "fa"), ("risks/crisis-response.md", "en")],
)
def test_language_switch_lands_on_the_same_page(context: object, site_url: str, page_name: str, to: str) -> None:
    start = "en" if to == "fa" else "fa"
    page, _ = open_page(context, site_url + url_of(start, page_name))
    page.locator(".md-header__option .md-select").first.hover()  # type: ignore[attr-defined]
    page.locator(f'.md-select__link[hreflang="{to}"]').first.click()  # type: ignore[attr-defined]
    page.wait_for_url(re.compile(re.escape(url_of(to, page_name)) + "$"), timeout=WAIT_MS)  # type: ignore[attr-defined]
    assert page.evaluate("document.documentElement.lang") == to  # type: ignore[attr-defined]


@pytest.mark.parametrize("lang", ["en", "fa"])
@pytest.mark.parametrize("page_name", ["strategies/viral-marketing.md", "strategies/sticky-content.md"])
def test_chart_renders_marks_and_its_slider_changes_it(
    context: object, site_url: str, lang: str, page_name: str
) -> None:
    page, log = open_page(context, site_url + url_of(lang, page_name))
    page.locator("figure.smm-chart").first.scroll_into_view_if_needed()  # type: ignore[attr-defined]
    figure = page.locator('figure.smm-chart[data-state="live"]').first  # type: ignore[attr-defined]
    figure.wait_for(timeout=WAIT_MS)
    marks = figure.locator(".smm-chart__live svg path")
    assert marks.count() > 0
    before = figure.locator(".smm-chart__live svg").inner_html()
    slider = figure.locator('.vega-bindings input[type="range"]')
    slider.evaluate("el => { el.value = el.max; el.dispatchEvent(new Event('input', {bubbles: true})); }")
    page.wait_for_function(  # type: ignore[attr-defined]
        "([el, old]) => el.innerHTML !== old",
        arg=[figure.locator(".smm-chart__live svg").element_handle(), before],
        timeout=WAIT_MS,
    )
    assert figure.locator(".smm-chart__live svg").inner_html() != before
    assert log.errors == []


AXE_PAGES = [(lang, page) for lang, page in PAGES]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("item", AXE_PAGES, ids=_id)
def test_accessibility_no_serious_violations(
    context: object, site_url: str, item: tuple[str, str], scheme: str
) -> None:
    lang, page_name = item
    page, _ = open_page(context, site_url + url_of(lang, page_name), color_scheme=scheme)
    page.wait_for_load_state("load")  # type: ignore[attr-defined]
    assert serious_violations(page) == []
