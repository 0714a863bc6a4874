"""Numbers as each language writes them.

Persian pages show Persian digits (۰–۹), the Arabic thousands separator (٬), decimal
separator (٫) and percent sign (٪). The engine's formatting (:mod:`simulator.report`)
is done once in English form and then localised, so both languages show the same value.
"""

from __future__ import annotations

from typing import Any

from simulator.params import Lang
from simulator.report import format_value

__all__ = ["localize_digits", "number_text"]

_PERSIAN = str.maketrans("0123456789.,%-", "۰۱۲۳۴۵۶۷۸۹٫٬٪−")


def localize_digits(text: str, lang: Lang) -> str:
    """Rewrite the digits and separators of an English-formatted number for ``lang``."""
    return text.translate(_PERSIAN) if lang == "fa" else text


def number_text(value: Any, unit: str, lang: Lang) -> str:
    """A value formatted by its unit (people with separators, fractions as %) in ``lang``."""
    return localize_digits(format_value(value, unit, lang), lang)
