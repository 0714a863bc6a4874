"""Every text a Persian page of the app shows is Persian: script, digits and punctuation
(issue #15). Read from what AppTest draws: titles, prose, captions, notices, every input's
label, help and options, headline numbers, table headings and cells, the segment table's
column labels and help. English proper names a text cites (a benchmark's source, isolated
with U+2068…U+2069) and link targets are left out; the rule is ``persian_problems``."""

from __future__ import annotations

import html
import json
import re
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from simulator.app.registry import LABS
from simulator.persian import prose_only
from tests.app.conftest import open_lab
from tests.test_guards_data import persian_problems

# The language switch names each language in its own script.
OWN_NAMES = {"English"}
_ISOLATED = re.compile("\u2068[^\u2069]*\u2069")
# A badge (st.badge) is Markdown with Streamlit's directive around its words: read the words.
_BADGE = re.compile(r"^:\w+-badge\[(?::material/\w+: )?(.*)\]$")
_LINK_TEXT = re.compile(r"\[([^\]]+)\]\(")


def shown_texts(at: AppTest) -> list[tuple[str, str]]:
    """(where, text) for every text the page draws."""
    found: list[tuple[str, str]] = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "warning", "info", "error", "success"):
        for e in getattr(at, kind):
            badge = _BADGE.match(e.value) if kind == "markdown" else None
            found.append(("badge", badge[1]) if badge else (kind, e.value))
            if kind == "markdown" and e.proto.help:  # a badge's tooltip
                found.append(("markdown help", e.proto.help))
        # A link's text on its own: a short English link inside a long Persian paragraph
        # would pass as part of the paragraph (the "read the chapter" link did).
        found += [(f"{kind} link", text) for e in getattr(at, kind) for text in _LINK_TEXT.findall(e.value)]
    for kind in ("slider", "number_input", "selectbox", "checkbox", "radio", "multiselect", "segmented_control"):
        for w in getattr(at, kind):
            found.append((f"{w.key} label", w.label))
            if w.help:
                found.append((f"{w.key} help", w.help))
            found += [(f"{w.key} option", o) for o in getattr(w, "options", [])]
    for block in at.get("html"):
        for label, value in re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", block.proto.body):
            found += [("headline label", html.unescape(label)), ("headline value", html.unescape(value))]
    for table in at.table:
        found += [("table heading", str(c)) for c in table.value.columns]
        found += [("table cell", str(v)) for v in table.value.to_numpy().ravel() if isinstance(v, str)]
    for frame in at.dataframe:
        columns: dict[str, Any] = json.loads(frame.proto.columns or "{}")
        for name, config in columns.items():
            found += [(f"column {name} {field}", config[field]) for field in ("label", "help") if config.get(field)]
    return [(where, text) for where, text in found if text not in OWN_NAMES]


def problems(texts: list[tuple[str, str]]) -> dict[str, list[str]]:
    found = {}
    for where, text in texts:
        prose = _ISOLATED.sub(" ", prose_only(text))
        if prose.strip() and (why := persian_problems(prose)):
            found[f"{where}: {text[:80]}"] = why
    return found


@pytest.mark.parametrize("lab_id", [lab.id for lab in LABS])
def test_every_text_of_a_persian_page_is_persian(lab_id: str) -> None:
    at = open_lab(lab_id, {"lang": "fa"})
    assert not at.exception, [e.value for e in at.exception]
    texts = shown_texts(at)
    assert len(texts) >= 10  # the reader sees at least a title, an intro and some inputs
    assert problems(texts) == {}


def test_the_rule_catches_an_english_text_on_a_persian_page() -> None:
    at = open_lab("share")  # the English page, read as if it were the Persian one
    found = problems(shown_texts(at))
    assert any(where.startswith("title") for where in found)
    assert any(where.startswith("share.share_rate label") for where in found)
