"""UI text and number formatting in the session's language."""

from __future__ import annotations

import re
from typing import Any

import streamlit as st

from simulator.data import ui
from simulator.locale import localize_digits, number_text
from simulator.params import Lang, format_number

__all__ = ["LANG_KEY", "current_lang", "literal", "number", "plain_number", "t"]

LANG_KEY = "lang"


def current_lang() -> Lang:
    """The language chosen in this session (``en`` until set)."""
    return st.session_state.get(LANG_KEY, "en")


def t(key: str, **values: Any) -> str:
    """A UI string from ``playbook_data/ui.yml`` in the current language, with ``{values}`` filled."""
    text = ui()[key](current_lang())
    return text.format(**values) if values else text


def number(value: Any, unit: str) -> str:
    """A number formatted by its unit (people, %, days …) in the current language."""
    return number_text(value, unit, current_lang())


def plain_number(value: float | int) -> str:
    """A parameter value as typed (``0.05``, ``1,000``) in the current language's digits."""
    return localize_digits(format_number(value), current_lang())


_MARKDOWN_SIGNS = re.compile(r"([!-/:-@\[-`{-~])")


def literal(text: str) -> str:
    """``text`` shown as written where Streamlit reads Markdown (notices, table cells): every ASCII
    sign escaped, so a column named ``[x](http://…)``, ``**`` or ``:red[…]`` in an upload reads as
    those characters, not as a link, bold text or colour; line breaks become spaces."""
    return _MARKDOWN_SIGNS.sub(r"\\\1", " ".join(text.splitlines()))
