"""Render a model's payload ``{"model", "params", "totals", "series"}`` as a table, CSV or JSON.

Every result type has ``to_dict()`` giving that payload, so the CLI prints all models
with the same three functions, and the app's CSV download is :func:`to_csv`.
Values are formatted by the unit their quantity declares (people get thousands
separators, fractions are shown as percentages).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from typing import Any

from simulator.params import Lang, Param, format_number, localize_digits
from simulator.results import quantity

__all__ = ["MAX_TABLE_ROWS", "aligned_rows", "format_value", "sample_rows", "to_csv", "to_json", "to_table"]

_COUNT_UNITS = {"people", "views", "shares", "customers", "count", "sessions", "points", "scenarios"}
_ONE_DECIMAL_UNITS = {"minutes", "people per group"}
"""Units shown with one decimal: times, and a sample size before it is rounded up (76.7)."""
MAX_TABLE_ROWS = 25
"""Most series rows a text table shows (evenly spaced, first and last kept); the CSV has them all."""


def format_value(value: Any, unit: str, lang: Lang = "en") -> str:
    """A value as a person would write it, given its unit."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return ("بله" if value else "خیر") if lang == "fa" else ("yes" if value else "no")
    if isinstance(value, str):
        return value
    if unit.startswith("fraction"):
        return f"{value * 100:.3g}%"
    if unit in _COUNT_UNITS:
        return f"{value:,.0f}" if abs(value) >= 10 else f"{value:.2f}".rstrip("0").rstrip(".")
    if unit in _ONE_DECIMAL_UNITS:
        return f"{value:,.1f}"
    return format_number(value, digits=3)


def _with_unit(text: str, unit: str) -> str:
    """Append the unit; for fractions shown as % keep only the rest ("5% per step")."""
    for fraction in ("fraction", "کسر"):
        if unit.startswith(fraction):
            unit = unit.removeprefix(fraction).strip()
    return f"{text} {unit}" if unit else text


def to_json(payload: Mapping[str, Any]) -> str:
    return json.dumps(payload, indent=2, ensure_ascii=False, default=float)


def to_csv(payload: Mapping[str, Any]) -> str:
    """The series as CSV, one row per step, header from the column names."""
    rows: Sequence[Mapping[str, Any]] = payload["series"]
    out = io.StringIO()
    if rows:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return out.getvalue()


def sample_rows(rows: Sequence[Mapping[str, Any]], limit: int) -> tuple[list[Mapping[str, Any]], int]:
    """At most ``limit`` rows, evenly spaced, always keeping the first and the last."""
    if len(rows) <= limit:
        return list(rows), 1
    every = -(-(len(rows) - 1) // (limit - 1))
    picked = list(rows[::every])
    if picked[-1] is not rows[-1]:
        picked.append(rows[-1])
    return picked, every


def aligned_rows(lines: list[list[str]], right: bool = True) -> list[str]:
    """Rows of cells as indented text columns; ``right``: every column but the first right-aligned."""
    widths = [max(len(row[i]) for row in lines) for i in range(len(lines[0]))]
    out = []
    for row in lines:
        cells = [c.rjust(w) if right and i else c.ljust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True))]
        out.append("  " + "  ".join(cells).rstrip())
    return out


def to_table(
    payload: Mapping[str, Any],
    specs: Mapping[str, Param],
    title: str,
    lang: Lang = "en",
    notes: Sequence[str] = (),
    columns: Sequence[str] | None = None,
) -> str:
    """A readable text report: parameters, totals, then the series (sampled to ~25 rows).

    In Persian (``lang="fa"``) labels, units and numbers are Persian (digits, ٫ ٬ ٪)."""

    def number(value: Any, unit: str) -> str:
        return localize_digits(format_value(value, unit, lang), lang)

    lines = [title, ""]
    heading = {"en": ("Parameters", "Totals", "Series"), "fa": ("پارامترها", "جمع‌بندی", "سری زمانی")}[lang]
    given = [(name, value) for name, value in payload["params"].items() if value is not None]
    if given:
        lines.append(heading[0])
        rows = []
        for name, value in given:
            spec = specs.get(name)
            label = spec.label(lang) if spec else name
            unit = spec.unit_text(lang) if spec else ""
            shown = (
                spec.choice_label(value, lang)
                if spec and spec.kind is str
                else number(value, spec.unit if spec else "")
            )
            rows.append([label, _with_unit(shown, unit)])
        lines += aligned_rows(rows, right=False)
        lines.append("")
    lines.append(heading[1])
    rows = []
    for name, value in payload["totals"].items():
        q = quantity(name)
        shown = number(value, q.unit)
        rows.append([q.label(lang), _with_unit(shown, q.unit_text(lang))])
    lines += aligned_rows(rows, right=False)
    lines += [f"  {note}" for note in notes]
    series = payload["series"]
    if series:
        names = list(columns or series[0])
        picked, every = sample_rows(series, MAX_TABLE_ROWS)
        sampled = ""
        if every > 1:
            every_, total = localize_digits(f"{every:,}", lang), localize_digits(f"{len(series):,}", lang)
            sampled = (
                f" (هر {every_} ردیف از {total} ردیف؛ برای همه: --format csv)"
                if lang == "fa"
                else f" (every {every_} rows of {total}; --format csv for all)"
            )
        lines += ["", heading[2] + sampled]
        table = [[quantity(n).label(lang) for n in names]]
        table += [[number(row[n], quantity(n).unit) for n in names] for row in picked]
        lines += aligned_rows(table)
    return "\n".join(lines) + "\n"
