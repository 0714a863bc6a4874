"""A malformed playbook data file is refused with a message naming the file, the entry and
the field, down to the list index, as a writer would look for it (written out here by hand)."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from simulator.data import DATA_DIR, DataError, Metric, Preset, Text, check_preset_values, load_entries, load_texts
from simulator.models.share_loop import ShareLoopParams

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


def _load(tmp_path: Path, text: str, cls: type = Metric, name: str = "metrics.yml") -> tuple[Any, ...]:
    file = tmp_path / name
    file.write_text(text, encoding="utf-8")
    return load_entries(file, cls)


def _message(tmp_path: Path, call: Callable[[], object]) -> str:
    with pytest.raises(DataError) as caught:
        call()
    return str(caught.value).removeprefix(f"{tmp_path}/")


def test_a_text_in_a_third_language_is_named(tmp_path: Path) -> None:
    entry = _with("name", {"en": "Reach", "fa": "دسترسی", "de": "Reichweite", "ar": "وصول"})
    text = yaml.safe_dump([entry], allow_unicode=True)
    assert _message(tmp_path, lambda: _load(tmp_path, text)) == (
        "metrics.yml: entry 'reach': field 'name': unknown language(s) ['ar', 'de']; use 'en' and 'fa'"
    )


def test_an_optional_text_may_be_left_empty_but_not_half_given(tmp_path: Path) -> None:
    (loaded,) = _load(tmp_path, yaml.safe_dump([_with("benchmarks/0/note", None)], allow_unicode=True))
    assert loaded.benchmarks[0].note is None
    (noted,) = _load(tmp_path, yaml.safe_dump([_with("benchmarks/0/note", {"en": "N", "fa": "ن"})], allow_unicode=True))
    assert noted.benchmarks[0].note == Text("N", "ن")
    bad = yaml.safe_dump([_with("benchmarks/0/note", "N")], allow_unicode=True)
    assert _message(tmp_path, lambda: _load(tmp_path, bad)) == (
        "metrics.yml: entry 'reach': field 'benchmarks[0].note': must have an 'en' and an 'fa' text"
    )


PRESET = {"id": "p", "page": "share", "name": {"en": "P", "fa": "پ"}, "description": {"en": "D", "fa": "د"}}


def test_preset_values_must_be_a_mapping(tmp_path: Path) -> None:
    text = yaml.safe_dump([{**PRESET, "chapter": "x.md", "values": [1, 2]}], allow_unicode=True)
    assert _message(tmp_path, lambda: _load(tmp_path, text, Preset, "presets.yml")) == (
        "presets.yml: entry 'p': field 'values': must be a mapping"
    )
    fine = yaml.safe_dump([{**PRESET, "chapter": "x.md", "values": {"share_rate": 0.1}}], allow_unicode=True)
    (preset,) = _load(tmp_path, fine, Preset, "presets.yml")
    assert preset.values == {"share_rate": 0.1}


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"share_rate": 0.1, "colour": 1, "bold": 2}, "field 'values.bold': is not a parameter of page 'share'"),
        ({"share_rate": 1.5}, "field 'values.share_rate': share_rate = 1.5 is outside the allowed range: 0 to 1"),
    ],
)
def test_preset_values_are_checked_against_the_page(tmp_path: Path, values: dict[str, Any], message: str) -> None:
    preset = Preset("p", "share", Text("P", "پ"), Text("D", "د"), "x.md", values)
    file = tmp_path / "presets.yml"
    assert _message(tmp_path, lambda: check_preset_values(preset, ShareLoopParams, file)) == (
        f"presets.yml: entry 'p': {message}"
    )
    with pytest.raises(DataError) as caught:  # by default, the real presets file is named
        check_preset_values(preset, ShareLoopParams)
    assert str(caught.value) == f"playbook_data/presets.yml: entry 'p': {message}"
    assert (caught.value.path, caught.value.entry, caught.value.field) == (
        DATA_DIR / "presets.yml",
        "p",
        message.split("'")[1],
    )


def test_valid_preset_values_give_the_pages_parameters() -> None:
    preset = Preset("p", "share", Text("P", "پ"), Text("D", "د"), "x.md", {"share_rate": 0.1, "fanout": 4})
    params = check_preset_values(preset, ShareLoopParams)
    assert (params.share_rate, params.fanout, params.audience) == (0.1, 4, ShareLoopParams().audience)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- id: [unclosed\n", "metrics.yml: is not valid YAML: "),
        ("id: reach\n", "metrics.yml: must be a list of entries"),
        ("- 5\n", "metrics.yml: entry '#1': must be a mapping of fields"),
        ("- {name: {en: R, fa: ر}}\n", "metrics.yml: entry '#1': field 'id': is missing"),
    ],
)
def test_a_file_that_is_not_a_list_of_entries_is_named(tmp_path: Path, text: str, message: str) -> None:
    assert _message(tmp_path, lambda: _load(tmp_path, text)).startswith(message)


def test_a_missing_file_is_named_with_the_reason(tmp_path: Path) -> None:
    missing = tmp_path / "metrics.yml"
    with pytest.raises(DataError) as caught:
        load_entries(missing, Metric)
    assert str(caught.value) == f"{missing}: cannot be read: No such file or directory"
    assert (caught.value.path, caught.value.entry, caught.value.field) == (missing, None, None)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- a\n- b\n", "ui.yml: must be a mapping of key: {en, fa}"),
        (
            "app.ok: {en: A, fa: آ}\napp.half: {en: B}\n",
            "ui.yml: entry 'app.half': field 'text.fa': is missing or empty: every text needs both languages",
        ),
        ("app.plain: Plain\n", "ui.yml: entry 'app.plain': field 'text': must have an 'en' and an 'fa' text"),
    ],
)
def test_a_bad_ui_text_is_named_by_its_key(tmp_path: Path, text: str, message: str) -> None:
    file = tmp_path / "ui.yml"
    file.write_text(text, encoding="utf-8")
    assert _message(tmp_path, lambda: load_texts(file)) == message


def test_ui_texts_are_read_by_key(tmp_path: Path) -> None:
    file = tmp_path / "ui.yml"
    file.write_text("app.a: {en: ' A ', fa: آ}\n7: {en: Seven, fa: هفت}\n", encoding="utf-8")
    assert load_texts(file) == {"app.a": Text("A", "آ"), "7": Text("Seven", "هفت")}


def test_a_scenario_giving_its_period_among_its_values_is_told_where_it_goes() -> None:
    """Bass's p and q are rates per period: the period is the scenario's own field, so that
    the basis check reads every rate against it, not one of the page's inputs."""
    from simulator.data import _check_scenarios

    preset = Preset(
        "p", "bass", Text("P", "پ"), Text("D", "د"), "x.md", {"market": 1000, "p": 0.03, "q": 0.38, "period": "week"}
    )
    with pytest.raises(DataError) as caught:
        _check_scenarios((preset,), "presets.yml")
    assert str(caught.value) == (
        "playbook_data/presets.yml: entry 'p': field 'values.period': is the scenario's `period` field: "
        "give the time unit there"
    )
