"""The live chart's compiled spec: the data the browser swaps on a rerun is where it looks."""

from __future__ import annotations

import json

import pytest

from simulator.app.live_chart import DATASET, vega_spec


@pytest.mark.parametrize("lang", ["en", "fa"])
def test_spec_has_the_dataset_the_browser_swaps(lang: str) -> None:
    spec = json.loads(vega_spec(("reach", "impressions"), lang))
    (source,) = [d for d in spec["data"] if d["name"] == DATASET]
    assert source["values"] == []  # the rows arrive with each rerun, not in the spec
    assert spec["background"] == "transparent"
    assert any(s["name"] == "width" and "containerSize" in s["init"] for s in spec["signals"])


def test_persian_spec_shows_persian_digits() -> None:
    spec = json.loads(vega_spec(("reach",), "fa"))
    assert spec["config"]["locale"]["number"]["numerals"][0] == "۰"
    assert "روز" in json.dumps(spec, ensure_ascii=False)
