"""The app's chart builders, read in this process: fields, number formats and titles in each
language, compared with values written out by hand."""

from __future__ import annotations

from typing import Any

import numpy as np

from simulator import charts

WHOLE = ",.0f"  # counts: thousands separated, no decimals


def tips(encoding: dict[str, Any]) -> list[tuple[str, str | None, str | None]]:
    return [(tip["field"], tip.get("format"), tip.get("title")) for tip in encoding["tooltip"]]


def test_heatmap_titles_in_persian_and_marks_the_cell_nearest_on_a_log_audience_scale() -> None:
    spec = charts.heatmap(
        np.array([0.01, 0.02, 0.03]),
        np.array([100.0, 1000.0]),
        np.arange(6.0).reshape(3, 2),
        "reach",
        "fa",
        (0.021, 400),
    ).to_dict()
    cells, marked = spec["layer"]
    enc = cells["encoding"]
    assert (enc["x"]["field"], enc["x"]["type"], enc["x"]["title"]) == ("audience", "ordinal", "اندازهٔ مخاطبان")
    assert (enc["y"]["field"], enc["y"]["title"], enc["y"]["axis"]["format"]) == (
        "share_rate",
        "نرخ اشتراک\u200cگذاری",
        ".1%",
    )
    assert enc["color"]["title"] == "دسترسی تجمعی"
    assert tips(enc) == [
        ("share_rate", ".2%", "نرخ اشتراک\u200cگذاری"),
        ("audience", WHOLE, "اندازهٔ مخاطبان"),
        ("value", WHOLE, "دسترسی تجمعی"),
    ]
    # 400 people is nearer 100 than 1000 in people, but nearer 1000 on the log scale the grid uses.
    assert spec["datasets"][marked["data"]["name"]] == [{"share_rate": 0.02, "audience": 1000.0}]
    assert spec["datasets"][cells["data"]["name"]][1] == {"share_rate": 0.01, "audience": 1000.0, "value": 1.0}


def test_target_chart_draws_the_series_and_its_target() -> None:
    line, rule = charts.target_chart({"day": [0, 1], "reach": [0, 5]}, "reach", 10, "en", "Goal").to_dict()["layer"]
    assert (line["encoding"]["y"]["field"], line["encoding"]["y"]["title"]) == ("value", "Reach (cumulative)")
    assert tips(line["encoding"]) == [("day", None, "Day"), ("value", WHOLE, "Reach (cumulative)")]
    assert tips(rule["encoding"]) == [("label", None, None), ("target", WHOLE, None)]


def test_curve_chart_writes_x_to_one_decimal_and_y_whole() -> None:
    line, rule = charts.curve_chart(np.array([1.0, 2.0]), np.array([3.0, 4.0]), "H", "R", 1.5, lang="en").to_dict()[
        "layer"
    ]
    assert tips(line["encoding"]) == [("x", ",.1f", "H"), ("y", WHOLE, "R")]
    assert rule["encoding"]["x"]["field"] == "x"


def test_observed_and_fitted_are_named_in_persian() -> None:
    points, line = charts.observed_fitted_chart(
        np.array([1.0]), np.array([3.0]), np.array([3.5]), x_title="X", y_title="Y", lang="fa"
    ).to_dict()["layer"]
    assert points["encoding"]["color"]["scale"]["domain"] == ["مشاهده\u200cشده", "برازش\u200cشده"]
    assert tips(points["encoding"]) == [("x", WHOLE, "X"), ("value", ",.1f", "Y")]
    assert line["encoding"]["order"]["field"] == "x"


def test_line_chart_rows_name_each_series_in_the_language() -> None:
    rows = charts.line_chart_data({"day": [0, 1], "reach": [5, 6], "shares": [1, 2]}, ("reach", "shares"), "fa")
    assert rows == [
        {"day": 0, "series": "دسترسی تجمعی", "value": 5},
        {"day": 1, "series": "دسترسی تجمعی", "value": 6},
        {"day": 0, "series": "بازنشرها", "value": 1},
        {"day": 1, "series": "بازنشرها", "value": 2},
    ]
