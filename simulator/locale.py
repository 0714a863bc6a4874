"""Numbers as each language writes them.

Persian pages show Persian digits (۰–۹), the Arabic thousands separator (٬), decimal
separator (٫) and percent sign (٪). The engine's formatting (:mod:`simulator.report`)
is done once in English form and then localised, so both languages show the same value.
"""

from __future__ import annotations

from typing import Any

from simulator.params import Lang, localize_digits
from simulator.report import format_value

__all__ = ["citation", "isolated", "join_list", "localize_digits", "number_text"]


def number_text(value: Any, unit: str, lang: Lang) -> str:
    """A value formatted by its unit (people with separators, fractions as %) in ``lang``."""
    return localize_digits(format_value(value, unit, lang), lang)


def join_list(items: list[str], lang: Lang, strong: bool = False) -> str:
    """Items joined with the language's comma (Persian ،) or, ``strong``, semicolon (؛)."""
    if lang == "fa":
        return ("؛ " if strong else "، ").join(items)
    return ("; " if strong else ", ").join(items)


# Unicode's first-strong isolate and its closing mark: the plain-text <bdi>.
_ISOLATE, _POP_ISOLATE = "\u2068", "\u2069"


def isolated(text: str, lang: Lang) -> str:
    """``text`` as a unit of its own in a Persian line (an English name keeps its place
    among the Persian words around it); English text is returned as is."""
    return f"{_ISOLATE}{text}{_POP_ISOLATE}" if lang == "fa" else text


def citation(source: str, year: int, lang: Lang) -> str:
    """ "Source, year" as ``lang`` writes it.

    In Persian the (usually English) source is isolated and followed by the Persian comma,
    so a right-to-left line keeps the Persian order (source, then year) instead of reading
    the source and the year as one left-to-right run.
    """
    if lang == "fa":
        return f"{isolated(source, lang)}، {localize_digits(str(year), lang)}"
    return f"{source}, {year}"
