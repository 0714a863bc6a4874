"""The playbook charts' specs, read in this process: which column each axis and tooltip shows,
how its numbers are written, what it is called in each language and what the slider offers.

The site build draws these charts too, but only tests in this process count for mutation
testing, so each builder is called here and its spec compared with values written out by hand.
"""

from __future__ import annotations

from typing import Any

import pytest

from simulator import charts

WHOLE = ",.0f"  # counts: thousands separated, no decimals


def encoding(chart_id: str, lang: str) -> dict[str, Any]:
    """The encoding of the chart's data layer (the one with the tooltips)."""
    spec = charts.PLAYBOOK_CHARTS[chart_id](lang).to_dict()
    (data_layer,) = [unit for unit in spec.get("layer", [spec]) if "tooltip" in unit.get("encoding", {})]
    return data_layer["encoding"]


def axis(channel: dict[str, Any]) -> tuple[str, str, str]:
    return channel["field"], channel["type"], channel["title"]


def tooltips(encoding_: dict[str, Any]) -> list[tuple[str, str | None, str | None]]:
    return [(tip["field"], tip.get("format"), tip.get("title")) for tip in encoding_["tooltip"]]


# Each chart's titles, written out: (English, Persian).
DAY = ("Day", "روز")
YEAR = ("Year", "سال")
REACH = ("Reach (cumulative)", "دسترسی تجمعی")
CUSTOMERS = ("Customers", "مشتریان")
NEW_ADOPTERS = ("New adopters", "پذیرندگان تازه")
SHARE_RATE = ("Share rate", "نرخ اشتراک\u200cگذاری")
REACHED = ("Share of audience reached", "سهم مخاطبان دیده\u200cشده")
HOURS = ("Hours until you answer", "ساعت تا پاسخ شما")
STORY_REACH = ("Reached by the story", "افرادی که خبر منفی را دیده\u200cاند")
SEGMENT = ("Segment", "بخش مخاطب")
SPEND = ("Spend", "بودجهٔ تخصیص\u200cیافته")
CONVERSIONS = ("Conversions", "تبدیل\u200cها")
PLATFORM = ("Platform", "پلتفرم")
ENGAGEMENT_RATE = ("Engagement rate per follower", "نرخ تعامل به ازای هر دنبال\u200cکننده")
UNTITLED = (None, None)
LANGS = {"en": 0, "fa": 1}

Titled = tuple[str, str | None, tuple[str | None, str | None]]
"""A field, its type or number format, and its title in (English, Persian)."""

EXPECTED: dict[str, tuple[Titled, Titled, list[Titled], dict[str, Any]]] = {
    # chart: x (field, type, titles), y (same), tooltips (field, format, titles), slider
    "bass-adoption": (
        ("period", "ordinal", YEAR),
        ("new_adopters", "quantitative", NEW_ADOPTERS),
        [("period", None, YEAR), ("new_adopters", WHOLE, NEW_ADOPTERS)],
        {"input": "range", "min": 0.1, "max": 0.6, "step": 0.05},
    ),
    "referral-growth": (
        ("day", "quantitative", DAY),
        ("customers", "quantitative", CUSTOMERS),
        [("day", None, DAY), ("customers", WHOLE, CUSTOMERS)],
        {"input": "select", "options": [0.5, 0.8, 1.0, 1.2, 1.5, 2.0, 3.0]},
    ),
    "sticky-decay": (
        ("day", "quantitative", DAY),
        ("reach", "quantitative", REACH),
        [("day", None, DAY), ("reach", WHOLE, REACH)],
        {"input": "range", "min": 0, "max": 0.3, "step": 0.02},
    ),
    # Fan-outs 20, 40, ..., 200 people per share: one curve each, so the slider steps by 20.
    "viral-tipping": (
        ("share_rate", "quantitative", SHARE_RATE),
        ("reach_fraction", "quantitative", REACHED),
        [("share_rate", ".1%", SHARE_RATE), ("reach_fraction", ".1%", REACHED)],
        {"input": "range", "min": 20, "max": 200, "step": 20},
    ),
    "crisis-response": (
        ("hours", "quantitative", HOURS),
        ("story_reach", "quantitative", STORY_REACH),
        [("hours", None, HOURS), ("story_reach", WHOLE, STORY_REACH)],
        {"input": "range", "min": 0.2, "max": 1.0, "step": 0.2},
    ),
    "segment-allocation": (
        ("spend", "quantitative", SPEND),
        ("segment", "nominal", SEGMENT),
        [("segment", None, SEGMENT), ("spend", WHOLE, SPEND), ("conversions", WHOLE, CONVERSIONS)],
        {"input": "select", "options": [500, 1000, 2000, 3000, 5000]},
    ),
    "engagement-benchmarks": (
        ("rate", "quantitative", ENGAGEMENT_RATE),
        ("platform", "nominal", PLATFORM),
        [("platform", None, UNTITLED), ("rate", ".2%", UNTITLED), ("source", None, UNTITLED)],
        {},
    ),
}


def test_every_playbook_chart_is_checked() -> None:
    assert set(EXPECTED) == set(charts.PLAYBOOK_CHARTS)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("chart_id", EXPECTED)
def test_chart_shows_its_fields_formats_titles_and_slider(chart_id: str, lang: str) -> None:
    x, y, tips, bind = EXPECTED[chart_id]
    i = LANGS[lang]
    enc = encoding(chart_id, lang)
    assert axis(enc["x"]) == (x[0], x[1], x[2][i])
    assert axis(enc["y"]) == (y[0], y[1], y[2][i])
    assert tooltips(enc) == [(field, number, titles[i]) for field, number, titles in tips]
    params = charts.PLAYBOOK_CHARTS[chart_id](lang).to_dict().get("params", [])
    assert [{key: param["bind"][key] for key in bind} for param in params] == ([bind] if bind else [])


@pytest.mark.parametrize("lang", LANGS)
def test_bass_adoption_labels_every_fifth_year(lang: str) -> None:
    assert encoding("bass-adoption", lang)["x"]["axis"]["values"] == [0, 5, 10, 15, 20, 25, 30]


@pytest.mark.parametrize("lang", LANGS)
def test_engagement_rates_read_as_percentages(lang: str) -> None:
    assert encoding("engagement-benchmarks", lang)["x"]["axis"]["format"] == "%"
