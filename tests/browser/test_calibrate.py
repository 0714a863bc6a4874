"""The Calibrate page in Chromium: a sample uploaded through the file input, the estimates shown,
and the link that opens the share loop on the fitted values."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from simulator.calibration import SAMPLES, read_upload
from simulator.cli_fit import shown_value
from simulator.declarations import FANOUT, SHARE_RATE
from simulator.locale import number_text
from simulator.results import quantity
from tests.browser.conftest import WAIT_MS, open_page, wait_for_app_idle

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("lang", ["en", "fa"])
def test_an_uploaded_export_opens_the_share_loop_on_its_fit(context: object, app_url: str, lang: str) -> None:
    from simulator import data

    ui = data.ui()
    sample = SAMPLES[0]  # Facebook and Instagram posts with reach among followers: the fan-out is estimable
    totals = read_upload(sample.path.read_bytes(), "posts", source=sample.file).payload["totals"]  # type: ignore[index]
    page, log = open_page(context, f"{app_url}/calibrate?lang={lang}")
    page.get_by_text(ui["app.calibrate.source.upload"](lang)).click()  # type: ignore[attr-defined]
    upload = page.locator('[data-testid="stFileUploader"] input[type="file"]')  # type: ignore[attr-defined]
    upload.set_input_files(str(sample.path))
    share_rate = shown_value(totals["share_rate"], "fraction", lang)
    table = page.locator('[data-testid="stTable"]', has_text=ui["app.calibrate.estimate"](lang))  # type: ignore[attr-defined]
    expect(table.locator("td", has_text=share_rate).first).to_be_visible(timeout=WAIT_MS)
    wait_for_app_idle(page)
    assert table.locator("td", has_text=shown_value(totals["fanout"], "people per share", lang)).count() == 1

    link = page.get_by_role("link", name=ui["app.calibrate.open.share"](lang))  # type: ignore[attr-defined]
    with context.expect_page(timeout=WAIT_MS) as opened:  # type: ignore[attr-defined]
        link.click()
    share = opened.value
    share.wait_for_load_state()
    assert re.search(rf"/share\?share_rate={totals['share_rate']!r}&fanout={totals['fanout']!r}", share.url)
    share.locator(".smm-headline dd").first.wait_for(timeout=WAIT_MS)
    wait_for_app_idle(share)
    # The fitted values are in the share page's widgets, as the link gave them: the sliders show
    # them at their own precision (a range input's value snaps to its step, its text does not) ...
    for spec, shown in ((SHARE_RATE, f"{totals['share_rate'] * 100:.2f}%"), (FANOUT, f"{totals['fanout']:.0f}")):
        slider = share.locator(f'input[type="range"][aria-label^="{spec.label(lang)}"]')
        expect(slider).to_have_attribute("aria-valuetext", shown, timeout=WAIT_MS)
    # ... and the results use them exactly: the viral coefficient is their product (0.0902 here,
    # where the sliders' steps, 0.5% and 21, would give 0.105).
    viral = quantity("viral_coefficient")
    coefficient = share.locator(".smm-headline__item", has_text=viral.label(lang)).locator("dd")
    assert coefficient.inner_text().strip() == number_text(totals["share_rate"] * totals["fanout"], viral.unit, lang)
    assert share.url.endswith(
        f"share_rate={totals['share_rate']!r}&fanout={totals['fanout']!r}"
        f"&conversion_rate={totals['conversion_rate']!r}" + ("&lang=fa" if lang == "fa" else "")
    )
    assert share.get_by_text("not allowed").count() == 0
    assert log.errors == []
    assert log.external == []
