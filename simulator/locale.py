"""Numbers as each language writes them.

Persian pages show Persian digits (۰–۹), the Arabic thousands separator (٬), decimal
separator (٫) and percent sign (٪). The engine's formatting (:mod:`simulator.report`)
is done once in English form and then localised, so both languages show the same value.
"""

from __future__ import annotations

from typing import Any

from simulator.params import Lang, localize_digits
from simulator.report import format_value

__all__ = ["join_list", "localize_digits", "number_text"]


def number_text(value: Any, unit: str, lang: Lang) -> str:
    """A value formatted by its unit (people with separators, fractions as %) in ``lang``."""
    return localize_digits(format_value(value, unit, lang), lang)


def join_list(items: list[str], lang: Lang, strong: bool = False) -> str:
    """Items joined with the language's comma (Persian ،) or, ``strong``, semicolon (؛)."""
    if lang == "fa":
        return ("؛ " if strong else "، ").join(items)
    return ("; " if strong else ", ").join(items)
