"""Parameter declarations: one per model argument, every bound enforced with its message."""

from __future__ import annotations

import dataclasses
import importlib
import pkgutil
import re

import numpy as np
import pytest

import simulator.models
from simulator.params import Param, ParameterError, Parameters, format_number


def all_parameter_classes() -> list[type[Parameters]]:
    importlib.import_module("simulator.serve")  # ServeParams lives with its shell
    for module in pkgutil.iter_modules(simulator.models.__path__):
        importlib.import_module(f"simulator.models.{module.name}")
    found, todo = [], list(Parameters.__subclasses__())
    while todo:
        cls = todo.pop()
        found.append(cls)
        todo += cls.__subclasses__()
    return sorted(found, key=lambda c: c.__name__)


CLASSES = all_parameter_classes()
SPECS = [(cls, spec) for cls in CLASSES for spec in cls.specs().values()]


def _id(item: tuple[type[Parameters], Param]) -> str:
    return f"{item[0].__name__}.{item[1].name}"


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_every_field_is_declared_under_its_own_name(cls: type[Parameters]) -> None:
    for f in dataclasses.fields(cls):
        spec = f.metadata.get("param")
        assert isinstance(spec, Param), f"{cls.__name__}.{f.name} has no declaration"
        assert spec.name == f.name
        assert f.default == spec.default
    cls()  # the declared defaults form a valid scenario


@pytest.mark.parametrize("item", SPECS, ids=_id)
def test_labels_exist_in_both_languages(item: tuple[type[Parameters], Param]) -> None:
    _, spec = item
    for text in (spec.label_en, spec.label_fa, spec.help_en, spec.help_fa):
        assert text.strip()
    assert re.search(r"[\u0600-\u06ff]", spec.label_fa + spec.help_fa)
    if spec.unit:
        assert spec.unit_fa


def _just_outside(spec: Param) -> list[float]:
    if spec.kind is int:
        return [spec.minimum - 1, spec.maximum + 1]  # type: ignore[operator]
    return [float(np.nextafter(spec.minimum, -np.inf)), float(np.nextafter(spec.maximum, np.inf))]


NUMERIC = [item for item in SPECS if item[1].kind is not str]


@pytest.mark.parametrize("item", NUMERIC, ids=_id)
def test_bounds_accepted_and_rejected_just_outside(item: tuple[type[Parameters], Param]) -> None:
    cls, spec = item
    assert spec.check(spec.minimum) == spec.minimum
    assert spec.check(spec.maximum) == spec.maximum
    for value in _just_outside(spec):
        allowed = re.escape(f"{format_number(spec.minimum)} to {format_number(spec.maximum)}")
        with pytest.raises(ParameterError, match=rf"^{spec.name} = .* is outside the allowed range: .*{allowed}"):
            cls(**{spec.name: value})


@pytest.mark.parametrize("item", NUMERIC, ids=_id)
@pytest.mark.parametrize("bad", [float("nan"), float("inf"), "ten", True])
def test_non_numbers_rejected(item: tuple[type[Parameters], Param], bad: object) -> None:
    cls, spec = item
    with pytest.raises(ParameterError, match=rf"^{spec.name} = "):
        cls(**{spec.name: bad})


@pytest.mark.parametrize("item", [i for i in SPECS if i[1].kind is int], ids=_id)
def test_whole_numbers_required(item: tuple[type[Parameters], Param]) -> None:
    cls, spec = item
    with pytest.raises(ParameterError, match=rf"^{spec.name} = .* is not a whole number"):
        cls(**{spec.name: spec.minimum + 0.5})


@pytest.mark.parametrize("item", [i for i in SPECS if i[1].kind is str], ids=_id)
def test_choices_enforced(item: tuple[type[Parameters], Param]) -> None:
    cls, spec = item
    with pytest.raises(ParameterError, match=rf"^{spec.name} = 'nope' is not a valid choice: one of"):
        cls(**{spec.name: "nope"})


def test_parse_reads_human_numbers() -> None:
    from simulator.declarations import AUDIENCE

    assert AUDIENCE.parse("1,000,000") == 1_000_000
    assert AUDIENCE.parse("1e6") == 1_000_000
    with pytest.raises(ParameterError, match="audience = 'lots' is not a number"):
        AUDIENCE.parse("lots")


def test_format_number() -> None:
    assert format_number(1_000_000) == "1,000,000"
    assert format_number(0.05) == "0.05"
    assert format_number(2.5) == "2.5"
    assert format_number(1.0) == "1"
