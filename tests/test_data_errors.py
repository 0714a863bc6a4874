"""A malformed playbook data file is refused with a message naming the file, the entry and
the field, down to the list index, as a writer would look for it (written out here by hand)."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from simulator.data import DataError, Metric, load_entries

GOOD: dict[str, Any] = {
    "id": "reach",
    "name": {"en": "Reach", "fa": "دسترسی"},
    "definition": {"en": "D", "fa": "د"},
    "measure": {"en": "M", "fa": "م"},
    "pitfalls": [{"en": "P", "fa": "پ"}],
    "goal_example": {"en": "G", "fa": "گ"},
    "benchmarks": [{"platform": {"en": "X", "fa": "ایکس"}, "low": 0.01, "high": 0.02, "source": "S", "year": 2024}],
}


def _with(path: str, value: object) -> dict[str, Any]:
    entry = copy.deepcopy(GOOD)
    *parents, last = path.split("/")
    node: Any = entry
    for key in parents:
        node = node[int(key)] if isinstance(node, list) else node[key]
    node[int(last) if isinstance(node, list) else last] = value
    return entry


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        ("benchmarks/0/year", "soon", "entry 'reach': field 'benchmarks[0].year': must be a whole number, got 'soon'"),
        ("benchmarks/0/low", "lots", "entry 'reach': field 'benchmarks[0].low': must be a number, got 'lots'"),
        ("benchmarks/0/source", "", "entry 'reach': field 'benchmarks[0].source': must be a non-empty text, got ''"),
        ("benchmarks/0", 5, "entry 'reach': field 'benchmarks[0]': must be a mapping of fields"),
        (
            "benchmarks/0/colour",
            "red",
            "entry 'reach': field 'benchmarks[0].colour': is not a known field "
            "(known: high, low, note, platform, source, url, year)",
        ),
        ("pitfalls", "one", "entry 'reach': field 'pitfalls': must be a list"),
        ("name", "Reach", "entry 'reach': field 'name': must have an 'en' and an 'fa' text"),
        ("pitfalls/0", {"en": "P"}, "entry 'reach': field 'pitfalls[0].fa': is missing or empty"),
    ],
)
def test_bad_field_is_named_with_its_entry_and_place(tmp_path: Path, path: str, value: object, message: str) -> None:
    file = tmp_path / "metrics.yml"
    file.write_text(yaml.safe_dump([_with(path, value)], allow_unicode=True), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_entries(file, Metric)
    assert f"metrics.yml: {message}" in str(caught.value)


def test_an_id_used_twice_is_named(tmp_path: Path) -> None:
    file = tmp_path / "metrics.yml"
    file.write_text(yaml.safe_dump([GOOD, GOOD], allow_unicode=True), encoding="utf-8")
    with pytest.raises(DataError, match=r"metrics\.yml: entry 'reach': field 'id': is used twice$"):
        load_entries(file, Metric)
