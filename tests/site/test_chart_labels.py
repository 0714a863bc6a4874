"""Chart labels in the page's language: digits, and thousands written as a reader writes them."""

from __future__ import annotations

import re

import altair as alt
import pandas as pd
import pytest
import vl_convert

from simulator.charts import chart_config, count_axis
from tests.support import BuiltSite, page_names

TICKS = [0, 500, 1500, 2_000_000, 3_000_000_000]
# Written out by hand: what a reader of each language expects at those ticks.
EXPECTED = {
    "en": ["0", "500", "1.5k", "2M", "3B"],
    "fa": ["۰", "۵۰۰", "۱٫۵ هزار", "۲ میلیون", "۳ میلیارد"],
}


def _labels(svg: str) -> list[str]:
    return re.findall(r"<text[^>]*>([^<]*)</text>", svg)


@pytest.mark.parametrize("lang", ["en", "fa"])
def test_count_axis_writes_thousands_millions_and_billions(lang: str) -> None:
    frame = pd.DataFrame({"x": [1, 2], "y": [0, 3_000_000_000]})
    chart = (
        alt.Chart(frame).mark_line().encode(x="x:Q", y=alt.Y("y:Q", title=None, axis=count_axis(lang, values=TICKS)))
    )
    svg = vl_convert.vegalite_to_svg(chart_config(chart, lang).to_dict())  # type: ignore[arg-type]
    labels = _labels(svg)
    assert [label for label in labels if label in EXPECTED[lang]] == EXPECTED[lang]


@pytest.mark.parametrize("lang", ["en", "fa"])
def test_every_static_chart_label_is_in_the_pages_digits(built_site: BuiltSite, lang: str) -> None:
    other = "[0-9]" if lang == "fa" else "[۰-۹]"
    charts = 0
    wrong: list[tuple[str, str]] = []
    for name in page_names(lang):
        if name == "onboarding/print.md":
            continue  # repeats the chapters' charts
        for svg in re.findall(r'<svg role="img".*?</svg>', built_site.html(lang, name), re.S):
            charts += 1
            wrong += [
                (name, label) for label in _labels(svg) if re.search(other, label) or re.fullmatch(r"0[kMB]", label)
            ]
    assert charts >= 6
    assert wrong == []


def test_the_sticky_content_reach_axis_reads_in_each_language(built_site: BuiltSite) -> None:
    def axis(lang: str) -> list[str]:
        svg = re.search(r'<svg role="img".*?</svg>', built_site.html(lang, "strategies/sticky-content.md"), re.S)
        assert svg is not None
        return _labels(svg.group(0))

    assert "10k" in axis("en")
    assert "۱۰ هزار" in axis("fa")
    assert not [label for label in axis("fa") if "k" in label]


@pytest.mark.parametrize("lang", ["en", "fa"])
def test_the_shared_look_survives_the_persian_number_locale(lang: str) -> None:
    """A second ``.configure()`` for the Persian locale once replaced the whole config: Persian
    charts lost their font, transparent background and theme-following text colours."""
    chart = alt.Chart(pd.DataFrame({"x": [1]})).mark_point().encode(x="x")
    config = chart_config(chart, lang).to_dict()["config"]
    assert config["font"].split(",")[0] == ("Vazirmatn" if lang == "fa" else "system-ui")
    assert config["background"] == "transparent"
    assert config["axis"]["labelColor"] == "currentColor"
    assert config["axis"]["gridOpacity"] == 0.25
    assert config["view"]["stroke"] is None
    # The title follows the page's text colour too (dark scheme), at the start of the line
    # (right in Persian, once the page flips it), a step above the 12 px axis labels.
    assert config["title"] == {"color": "currentColor", "anchor": "start", "fontSize": 15}
    assert ("locale" in config) == (lang == "fa")
    if lang == "fa":
        assert config["locale"]["number"]["decimal"] == "٫"
