"""The simulator in a real browser: embedded in the playbook, deep links, every page, accessibility."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from simulator import data
from simulator.app.registry import PAGE_IDS
from tests.browser.conftest import WAIT_MS, open_page, serious_violations, wait_for_app_idle
from tests.support import free_port, url_of

pytestmark = pytest.mark.browser


def _first_metric(frame: object) -> object:
    return frame.locator(".smm-headline dd").first  # type: ignore[attr-defined]


def test_embedded_app_loads_and_a_slider_moves_a_headline_number(context: object, site_url: str, app_url: str) -> None:
    page, log = open_page(context, site_url + url_of("en", "simulator/index.md") + "?lab=share")
    page.locator('.smm-app[data-state="ready"]').wait_for(timeout=WAIT_MS)  # type: ignore[attr-defined]
    frame = page.frame_locator(".smm-app__frame")  # type: ignore[attr-defined]
    metric = _first_metric(frame)
    metric.wait_for(timeout=WAIT_MS)
    wait_for_app_idle(frame)
    before = metric.inner_text()
    thumb = frame.locator('[data-testid="stSlider"] input[type="range"]').first  # the share rate
    # The slider settles on its value after the first run; a key pressed before that is lost.
    expect(thumb).to_have_value("0.002", timeout=WAIT_MS)
    thumb.focus()
    thumb.press("ArrowRight")
    expect(thumb).to_have_value("0.0025", timeout=WAIT_MS)
    frame.locator(f'.smm-headline dd:text-is("{before}")').first.wait_for(state="detached", timeout=WAIT_MS)
    wait_for_app_idle(frame)
    assert metric.inner_text() != before
    # Worked out by hand: the new share rate 0.0025 x the default fan-out 10.
    coefficient = frame.locator(".smm-headline__item", has_text="Viral coefficient").locator("dd")
    assert coefficient.inner_text().strip() == "0.025"
    assert log.external == []
    assert log.errors == []


def test_embedded_app_follows_the_page_language_and_preset(context: object, site_url: str, app_url: str) -> None:
    page, _ = open_page(context, site_url + url_of("fa", "simulator/index.md") + "?lab=share&preset=viral-tipping")
    page.locator('.smm-app[data-state="ready"]').wait_for(timeout=WAIT_MS)  # type: ignore[attr-defined]
    frame = page.frame_locator(".smm-app__frame")  # type: ignore[attr-defined]
    _first_metric(frame).wait_for(timeout=WAIT_MS)
    wait_for_app_idle(frame)
    assert frame.locator("h1").first.inner_text().strip() == "حلقهٔ اشتراک‌گذاری"
    expect(frame.locator('[data-testid="stSlider"] input[type="range"]').first).to_have_value("0.015", timeout=WAIT_MS)


def _background(target: object, selector: str) -> str:
    return target.locator(selector).first.evaluate("el => getComputedStyle(el).backgroundColor")  # type: ignore[attr-defined]


@pytest.mark.parametrize(("scheme", "switched"), [("dark", "light"), ("light", "dark")])
def test_embedded_app_follows_the_colour_scheme_and_keeps_the_scenario(
    context: object, site_url: str, app_url: str, scheme: str, switched: str
) -> None:
    page, log = open_page(context, site_url + url_of("en", "simulator/index.md") + "?lab=share", color_scheme=scheme)
    page.locator('.smm-app[data-state="ready"]').wait_for(timeout=WAIT_MS)  # type: ignore[attr-defined]
    frame = page.frame_locator(".smm-app__frame")  # type: ignore[attr-defined]
    _first_metric(frame).wait_for(timeout=WAIT_MS)
    wait_for_app_idle(frame)
    page_background = _background(page, "body")
    expect(frame.locator(".stApp")).to_have_css("background-color", page_background, timeout=WAIT_MS)
    thumb = frame.locator('[data-testid="stSlider"] input[type="range"]').first  # the share rate
    expect(thumb).to_have_value("0.002", timeout=WAIT_MS)
    thumb.focus()
    thumb.press("ArrowRight")
    # The app reports where the reader is; the page's "open in a new tab" link follows it.
    opener = page.locator(".smm-app__open")  # type: ignore[attr-defined]
    expect(opener).to_have_attribute("href", re.compile(r"/share\?(.+&)?share_rate=0\.0025"), timeout=WAIT_MS)
    assert "embed" not in opener.get_attribute("href")

    page.locator('form[data-md-component="palette"] label:visible').first.click()  # type: ignore[attr-defined]
    page.wait_for_function(  # type: ignore[attr-defined]
        "old => getComputedStyle(document.body).backgroundColor !== old", arg=page_background, timeout=WAIT_MS
    )
    switched_background = _background(page, "body")
    expect(frame.locator(".stApp")).to_have_css("background-color", switched_background, timeout=WAIT_MS)
    assert switched_background != page_background
    assert f"embed_options={switched}_theme" in page.locator(".smm-app__frame").get_attribute("src")  # type: ignore[attr-defined]
    expect(frame.locator('[data-testid="stSlider"] input[type="range"]').first).to_have_value("0.0025", timeout=WAIT_MS)
    assert log.external == []
    assert log.errors == []


def test_fallback_shows_when_the_app_is_not_running(context: object, built_site: object) -> None:
    # The simulator page as built, pointed at a port where nothing listens.
    html = (built_site.path / "simulator" / "index.html").read_text(encoding="utf-8")  # type: ignore[attr-defined]
    page, _ = open_page(context, "about:blank")
    page.set_content(html.replace(built_site.app_url, f"http://localhost:{free_port()}"))  # type: ignore[attr-defined]
    page.add_script_tag(path=str(built_site.path / "assets/javascripts/embed.js"))  # type: ignore[attr-defined]
    page.locator('.smm-app[data-state="offline"]').wait_for(timeout=WAIT_MS)  # type: ignore[attr-defined]
    assert page.locator(".smm-app__fallback").is_visible()  # type: ignore[attr-defined]
    assert page.locator(".smm-app__frame").is_hidden()  # type: ignore[attr-defined]


def test_deep_link_opens_the_app_with_its_values(context: object, app_url: str) -> None:
    page, log = open_page(context, f"{app_url}/share?share_rate=0.12&fanout=10&audience=200000&seed_reach=500")
    _first_metric(page).wait_for(timeout=WAIT_MS)
    wait_for_app_idle(page)
    # share rate 0.12 x fan-out 10: the headline viral coefficient is 1.2
    coefficient = page.locator(".smm-headline__item", has_text="Viral coefficient")  # type: ignore[attr-defined]
    assert coefficient.locator("dd").inner_text().strip() == "1.2"
    assert page.get_by_text("This link sets a value that is not allowed").count() == 0  # type: ignore[attr-defined]
    assert log.external == []
    assert log.errors == []


def test_a_slider_move_rewrites_the_link_and_the_link_reopens_the_scenario(context: object, app_url: str) -> None:
    # Inputs and results rerun as a fragment; the link must still follow every move.
    page, log = open_page(context, f"{app_url}/share")
    metric = _first_metric(page)
    metric.wait_for(timeout=WAIT_MS)
    wait_for_app_idle(page)
    thumb = page.locator('[data-testid="stSlider"] input[type="range"]').first  # type: ignore[attr-defined]
    expect(thumb).to_have_value("0.002", timeout=WAIT_MS)
    thumb.focus()
    thumb.press("ArrowRight")
    page.wait_for_function(  # type: ignore[attr-defined]
        "new URLSearchParams(location.search).get('share_rate') === '0.0025'", timeout=WAIT_MS
    )
    wait_for_app_idle(page)
    moved = metric.inner_text()
    shared, _ = open_page(context, page.url)  # type: ignore[attr-defined]
    _first_metric(shared).wait_for(timeout=WAIT_MS)
    wait_for_app_idle(shared)
    assert _first_metric(shared).inner_text() == moved
    expect(shared.locator('[data-testid="stSlider"] input[type="range"]').first).to_have_value(  # type: ignore[attr-defined]
        "0.0025", timeout=WAIT_MS
    )
    assert log.errors == []


@pytest.mark.parametrize(("lang", "digit"), [("en", "10"), ("fa", "۱۰")])
def test_a_slider_move_redraws_the_chart_in_place(context: object, app_url: str, lang: str, digit: str) -> None:
    # The live chart keeps its Vega view between reruns and swaps only the data.
    page, log = open_page(context, f"{app_url}/share?lang={lang}")
    lines = page.locator('.smm-chart svg [aria-roledescription="line mark"]')  # type: ignore[attr-defined]
    expect(lines).to_have_count(2, timeout=WAIT_MS)
    wait_for_app_idle(page)
    # Every number on the chart is written in the page's digits: the day tick 10 as a label of
    # its own, and no label in the other script's digits (on either axis).
    texts = page.locator(".smm-chart svg text").evaluate_all("els => els.map(e => e.textContent)")  # type: ignore[attr-defined]
    assert digit in texts
    numbers = [t for t in texts if re.search("[0-9۰-۹]", t)]
    own, other = ("[۰-۹]", "[0-9]") if lang == "fa" else ("[0-9]", "[۰-۹]")
    assert [t for t in numbers if not re.search(own, t) or re.search(other, t)] == []
    before = lines.first.get_attribute("d")
    page.evaluate("document.querySelector('.smm-chart svg').dataset.drawnBefore = 'yes'")  # type: ignore[attr-defined]
    thumb = page.locator('[data-testid="stSlider"] input[type="range"]').first  # type: ignore[attr-defined]
    expect(thumb).to_have_value("0.002", timeout=WAIT_MS)
    thumb.focus()
    thumb.press("ArrowRight")
    expect(lines.first).not_to_have_attribute("d", before or "", timeout=WAIT_MS)
    assert page.locator('.smm-chart svg[data-drawn-before="yes"]').count() == 1  # type: ignore[attr-defined]
    assert log.errors == []


@pytest.mark.parametrize("lang", ["en", "fa"])
def test_hovering_the_chart_lists_every_series_on_the_nearest_day(context: object, app_url: str, lang: str) -> None:
    from simulator.locale import localize_digits
    from simulator.models.share_loop import ShareLoopParams, share_loop
    from simulator.results import quantity

    page, log = open_page(context, f"{app_url}/share?lang={lang}&share_rate=0.12")
    line = page.locator('.smm-chart svg [aria-roledescription="line mark"]').first  # type: ignore[attr-defined]
    line.wait_for(timeout=WAIT_MS)
    wait_for_app_idle(page)
    series = share_loop(ShareLoopParams(share_rate=0.12)).series
    line.scroll_into_view_if_needed()
    box = line.bounding_box()
    chart = page.locator(".smm-chart").first  # type: ignore[attr-defined]  # Vega puts the tooltip in its title
    days = []
    for fraction in (0.3, 0.7):  # anywhere over the plot, not only on a line
        before = chart.get_attribute("title") or ""
        page.mouse.move(box["x"] + box["width"] * fraction, box["y"] + box["height"] / 2)  # type: ignore[attr-defined]
        page.wait_for_function(  # type: ignore[attr-defined]
            "([el, old]) => el.title && el.title !== old", arg=[chart.element_handle(), before], timeout=WAIT_MS
        )
        rows = dict(row.split(": ", 1) for row in chart.get_attribute("title").splitlines())
        day = int(rows.pop(quantity("day").label(lang)).translate(str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789")))
        at = list(series["day"]).index(day)
        assert rows == {
            quantity(name).label(lang): localize_digits(f"{series[name][at]:,.0f}", lang)
            for name in ("reach", "impressions")
        }
        days.append(day)
    assert 0 < days[0] < days[1] < series["day"][-1]
    assert log.errors == []


def test_bad_deep_link_shows_the_notice(context: object, app_url: str) -> None:
    page, _ = open_page(context, f"{app_url}/share?share_rate=1.5")
    _first_metric(page).wait_for(timeout=WAIT_MS)
    wait_for_app_idle(page)
    notice = page.locator('[data-testid="stAlert"]', has_text="not allowed").first  # type: ignore[attr-defined]
    assert "Share rate" in notice.inner_text()
    assert "1.5" in notice.inner_text()
    expect(page.locator('[data-testid="stSlider"] input[type="range"]').first).to_have_value(  # type: ignore[attr-defined]
        "0.002", timeout=WAIT_MS
    )


@pytest.mark.parametrize(("lang", "direction", "align"), [("en", "ltr", "left"), ("fa", "rtl", "right")])
def test_metrics_table_reads_in_the_language_direction(
    context: object, app_url: str, lang: str, direction: str, align: str
) -> None:
    # st.table aligns its cells left inline; a Persian table must start on the right.
    page, log = open_page(context, f"{app_url}/metrics?lang={lang}&preset=monthly-report")
    cells = page.locator('[data-testid="stTable"] td')  # type: ignore[attr-defined]
    cells.first.wait_for(timeout=WAIT_MS)
    wait_for_app_idle(page)
    styles = cells.evaluate_all("els => els.map(e => [getComputedStyle(e).direction, getComputedStyle(e).textAlign])")
    assert styles
    assert {tuple(s) for s in styles} == {(direction, align)}
    assert log.errors == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang", ["en", "fa"])
@pytest.mark.parametrize("lab", PAGE_IDS)
def test_app_page_accessibility(context: object, app_url: str, lab: str, lang: str, scheme: str) -> None:
    page, log = open_page(context, f"{app_url}/{lab}?lang={lang}", color_scheme=scheme)
    # Streamlit scrolls its content inside a box; axe cannot judge the contrast of what that
    # box clips, so the window is made tall enough to lay out the whole page on screen.
    page.set_viewport_size({"width": 1280, "height": 3200})  # type: ignore[attr-defined]
    heading = page.locator('[data-testid="stMainBlockContainer"] h1').first  # type: ignore[attr-defined]
    heading.wait_for(timeout=WAIT_MS)
    wait_for_app_idle(page)
    # The page audited is the one asked for, in the language asked for.
    assert heading.inner_text().strip() == data.ui()[f"app.page.{lab}.title"](lang)
    page.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')", timeout=WAIT_MS)  # type: ignore[attr-defined]
    assert serious_violations(page) == []
    assert log.external == []
