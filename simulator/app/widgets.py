"""Widgets built from parameter declarations: label, help, bounds, step and unit come
from the one declaration the CLI and the validation also read. Under every input that has
a benchmark range on its page, a badge says where its value sits."""

from __future__ import annotations

import math
from typing import Any

import streamlit as st

from simulator.app.benchmark_badge import badge_for, benchmarks_of, show_badge
from simulator.app.state import widget_key
from simulator.app.text import current_lang
from simulator.params import Param, Parameters

__all__ = ["declared_inputs", "declared_widget"]

# Ranges wider than this get a number box instead of a slider (audiences up to a billion).
_SLIDER_SPAN = 10_000


def _label(spec: Param) -> str:
    unit = spec.unit_text(current_lang())
    return (
        f"{spec.label(current_lang())} ({unit})"
        if unit and not spec.unit.startswith("fraction")
        else spec.label(current_lang())
    )


def _decimals(spec: Param) -> str | None:
    """Show as many decimals as the step has (fan-out 10, not 10.00)."""
    if spec.kind is int:
        return None
    decimals = max(0, -math.floor(math.log10(float(spec.step or 1)) + 1e-9))
    return f"%.{decimals}f"


def declared_widget(page: str, spec: Param, container: Any = st, disabled: bool = False) -> Any:
    """One input for ``spec``; its value lives in session state under the page's key."""
    lang = current_lang()
    key = widget_key(page, spec.name)
    common: dict[str, Any] = {"key": key, "help": spec.help(lang), "persist_state": "session", "disabled": disabled}
    if spec.kind is str:
        return container.selectbox(
            _label(spec), options=list(spec.choices), format_func=lambda c: spec.choice_label(c, lang), **common
        )
    low, high, step = spec.minimum, spec.maximum, spec.step
    if spec.kind is int:
        low, high, step = int(low), int(high), int(step or 1)  # type: ignore[arg-type]
    else:
        low, high, step = float(low), float(high), float(step or 0.01)  # type: ignore[arg-type]
    if spec.optional:
        return container.number_input(
            _label(spec), min_value=low, max_value=high, step=step, format="%d" if spec.kind is int else None, **common
        )
    if spec.unit.startswith("fraction"):
        return container.slider(_label(spec), min_value=low, max_value=high, step=step, format="percent", **common)
    if high - low <= _SLIDER_SPAN and not spec.log_scale:
        return container.slider(
            _label(spec), min_value=low, max_value=high, step=step, format=_decimals(spec), **common
        )
    return container.number_input(
        _label(spec), min_value=low, max_value=high, step=step, format="%d" if spec.kind is int else None, **common
    )


def declared_inputs(
    page: str, params: type[Parameters], disabled: set[str] | None = None, container: Any = st
) -> dict[str, Any]:
    """A widget for every declared parameter of ``params``, with their values; inputs named in
    ``disabled`` are shown but cannot be changed (the value the page solves for, which has no
    badge: the page shows where the solved value sits).

    Each benchmarked input gets a slot under it, filled once every value is known: a rate
    per period is placed by the page's ``period`` input, wherever that input is drawn.
    """
    lang = current_lang()
    values: dict[str, Any] = {}
    slots: dict[str, Any] = {}
    for name, spec in params.specs().items():
        values[name] = declared_widget(page, spec, container, name in (disabled or set()))
        if benchmarks_of(name, page) and name not in (disabled or set()) and values[name] is not None:
            slots[name] = container.empty()
    period = str(values.get("period") or "")
    for name, slot in slots.items():
        show_badge(badge_for(params.specs()[name], values[name], benchmarks_of(name, page), lang, period), slot)
    return values
