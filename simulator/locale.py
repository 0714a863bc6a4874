"""Numbers as each language writes them.

Persian pages show Persian digits (۰–۹), the Arabic thousands separator (٬), decimal
separator (٫) and percent sign (٪). The engine's formatting (:mod:`simulator.report`)
is done once in English form and then localised, so both languages show the same value.
"""

from __future__ import annotations

from typing import Any

from simulator.params import Lang, localize_digits
from simulator.report import format_value

__all__ = ["localize_digits", "number_text"]


def number_text(value: Any, unit: str, lang: Lang) -> str:
    """A value formatted by its unit (people with separators, fractions as %) in ``lang``."""
    return localize_digits(format_value(value, unit, lang), lang)
