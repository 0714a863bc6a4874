"""Every built Persian page reads as Persian (issue #15): its text, markers' output included
(engine numbers, parameter tables, metric cards, quizzes, the learning path, footnotes),
follows the Persian typography rules (Persian digits, ، ؛ ؟, Persian yeh and kaf, the
zero-width non-joiner), its headings are Persian, and it is written in Persian script;
an English page is written in Latin script. Read from the one shared site build."""

from __future__ import annotations

import html
import re

import pytest

from simulator.persian import check_persian
from tests.support import BuiltSite, page_names
from tests.test_guards_data import persian_problems

# Code, scripts, styles and charts' SVG (their labels are checked in test_chart_labels.py).
_NOT_PROSE = re.compile(r"<(code|pre|script|style|svg|kbd)\b.*?</\1>", re.S)
_LINE_END = re.compile(r"<(?:/p|/li|/h[1-6]|br|/tr|/summary|/legend|/dt|/dd|/div|/figcaption)\b[^>]*>")
# An English source a Persian citation names, isolated with U+2068…U+2069 (locale.citation).
_ISOLATED = re.compile("\u2068[^\u2069]*\u2069")
_HEADING = re.compile(r"<h([1-6])\b[^>]*>(.*?)</h\1>", re.S)


def visible_text(article: str) -> str:
    """The text a reader sees: one line per paragraph, list item, heading or table row
    (a row's cells stay on one line, so a number in a cell is read beside its Persian label)."""
    text = _NOT_PROSE.sub(" ", article)
    text = re.sub(r"</t[dh]>", " | ", text)
    text = _LINE_END.sub("\n", text)
    text = re.sub(r"<[^>]+>", " ", text)
    return _ISOLATED.sub(" ", html.unescape(text))


def headings(article: str) -> list[str]:
    found = [re.sub(r"<[^>]+>", "", inner) for _, inner in _HEADING.findall(_NOT_PROSE.sub(" ", article))]
    return [html.unescape(h).replace("¶", "").strip() for h in found]


def persian_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    return sum("\u0600" <= c <= "\u06ff" for c in letters) / len(letters)


@pytest.mark.parametrize("page", page_names("fa"))
def test_persian_page_follows_persian_typography(built_site: BuiltSite, page: str) -> None:
    article = built_site.article("fa", page)
    findings = check_persian(visible_text(article))
    assert not findings, "\n".join(map(str, findings[:15]))
    assert {h: why for h in headings(article) if (why := persian_problems(h))} == {}
    assert persian_share(visible_text(article)) >= 0.9


@pytest.mark.parametrize("page", page_names("en"))
def test_english_page_is_english(built_site: BuiltSite, page: str) -> None:
    # Under 5% of the letters: the Persian-market and craft pages quote Persian words (a
    # brand voice's examples, a customer's message) as examples, in Persian script.
    assert persian_share(visible_text(built_site.article("en", page))) < 0.05


@pytest.mark.parametrize(
    ("html_text", "rules"),
    [
        # the bugs issue #15 found: an engine number, a footnote number and a parameter
        # table's range left in Latin digits on a Persian page; English punctuation
        ("<p>دسترسی تا 20,470 نفر می‌رسد.</p>", ["latin-digits"]),
        ('<p>پیام<sup id="fnref:a"><a class="footnote-ref" href="#fn:a">1</a></sup> روشن است.</p>', ["latin-digits"]),
        ("<table><tr><td>ظرفیت بازار</td><td>1 – 10,000</td></tr></table>", ["latin-digits"] * 2),
        ("<p>چرا پست پخش شد?</p>", ["latin-question-mark"]),
        ("<p>نرخ, دسترسی</p>", ["latin-comma"]),
    ],
)
def test_the_typography_check_sees_what_the_markers_render(html_text: str, rules: list[str]) -> None:
    assert [f.rule for f in check_persian(visible_text(html_text))] == rules


def test_an_english_heading_on_a_persian_page_is_caught() -> None:
    article = "<h2 id='x'>Pitfalls<a class='headerlink' href='#x'>¶</a></h2><h3>دام‌های رایج (Pitfalls)</h3>"
    assert headings(article) == ["Pitfalls", "دام‌های رایج (Pitfalls)"]
    assert [bool(persian_problems(h)) for h in headings(article)] == [True, False]
