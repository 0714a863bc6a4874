"""Site search in Chromium: each language's search finds its own pages, and only them.

Every term names the page that explains it and how high that page must rank among the
distinct pages in the results (1 = first, 3 = among the first three). Every result of
every query must be a page of the language searched: an English query on the English
site lands on English pages, a Persian one on Persian pages. The terms were chosen by
reading the chapters, not by running the search: each is the subject of its page.
"""

from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest

from tests.browser.conftest import WAIT_MS, open_page
from tests.support import PERSIAN_LETTER, url_of

pytestmark = pytest.mark.browser

EN_TERMS = [
    ("sticky", "strategies/sticky-content.md", 1),
    ("engagement", "metrics.md", 1),
    ("crisis", "risks/crisis-response.md", 1),
    ("funnel", "metrics.md", 1),
    ("share of voice", "metrics.md", 1),
    ("segmentation", "strategies/segmentation.md", 1),
    ("CRM", "strategies/crm.md", 1),
    ("earned media", "strategies/earned-media.md", 1),
    ("viral coefficient", "strategies/viral-marketing.md", 1),
    ("tipping point", "strategies/viral-marketing.md", 1),
    ("Bass", "simulator/models.md", 3),
    ("independent cascade", "simulator/models.md", 1),
    ("holding statement", "risks/crisis-response.md", 1),
    ("exercises", "onboarding/exercises.md", 1),
    ("pros and cons", "risks/index.md", 1),
    ("tactics", "strategies/tactics.md", 1),
    ("hashtag", "strategies/tactics.md", 3),
    ("audit", "action-plan.md", 1),
    ("customer lifetime value", "strategies/crm.md", 1),
    # "first 30 days" names a section of every platform page too; the plan is the 30/60/90 one
    ("30/60/90", "onboarding/plan-30-60-90.md", 1),
]

FA_TERMS = [
    ("ماندگار", "strategies/sticky-content.md", 1),
    ("نرخ تعامل", "metrics.md", 1),
    ("بحران", "risks/crisis-response.md", 1),
    # The plural with its zero-width non-joiner finds the chapter on the singular.
    ("بحران‌ها", "risks/crisis-response.md", 1),
    ("قیف", "metrics.md", 1),
    ("سهم صدا", "metrics.md", 1),
    ("بخش‌بندی", "strategies/segmentation.md", 1),
    ("رسانهٔ کسب‌شده", "strategies/earned-media.md", 1),
    ("ضریب ویروسی", "strategies/viral-marketing.md", 1),
    ("نقطهٔ اوج", "strategies/viral-marketing.md", 3),
    ("باس", "simulator/models.md", 3),
    ("آبشار", "simulator/models.md", 3),
    ("بیانیهٔ اولیه", "risks/crisis-response.md", 1),
    ("تمرین", "onboarding/exercises.md", 1),
    ("مزایا و معایب", "risks/index.md", 1),
    ("تاکتیک", "strategies/tactics.md", 1),
    # The plural joined without the non-joiner finds the glossary's «کاربر» (user-generated content).
    ("کاربرها", "glossary.md", 1),
    # Typed with the Arabic kaf (ك), as an Arabic keyboard layout writes it.
    ("تاكتیك", "strategies/tactics.md", 1),
    ("ممیزی", "action-plan.md", 1),
    ("ارزش طول عمر", "strategies/crm.md", 1),
    # A Latin term on the Persian site still lands on the Persian chapter.
    ("CRM", "strategies/crm.md", 1),
]

# Material's answer has come: a result is listed, or its line says nothing was found (it
# reads "Initializing search", then its placeholder, until then).
ANSWERED = """() => {
  const none = JSON.parse(document.getElementById("__config").textContent)
    .translations["search.result.none"];
  return document.querySelector(".md-search-result__item") !== null
    || document.querySelector(".md-search-result__meta").textContent === none;
}"""

CASES = [("en", *case) for case in EN_TERMS] + [("fa", *case) for case in FA_TERMS]


def _query(context: object, site_url: str, lang: str, term: str) -> tuple[object, object]:
    """The home page of ``lang`` with ``term`` typed into its search box, as a reader types it.

    Material reads the box on ``keyup`` (and once when its index is ready), not on ``input``:
    Playwright's ``fill`` alone is seen only when it wins the race with the index, so a key
    is released after it, as typing would."""
    page, log = open_page(context, site_url + url_of(lang, "index.md"))
    page.locator("label.md-search__icon, .md-search__input").first.click()  # type: ignore[attr-defined]
    box = page.locator(".md-search__input")  # type: ignore[attr-defined]
    box.fill(term)
    box.press("End")
    return page, log


def _search(context: object, site_url: str, lang: str, term: str) -> tuple[list[str], list[str], object]:
    """The distinct result pages (site paths, in rank order) and every result title."""
    page, log = _query(context, site_url, lang, term)
    # Wait for Material's answer, found or not, so that "nothing found" fails at once.
    page.wait_for_function(ANSWERED, timeout=WAIT_MS)  # type: ignore[attr-defined]
    links = page.locator(".md-search-result__item > a")  # type: ignore[attr-defined]
    hrefs = links.evaluate_all("links => links.map(a => a.href)")
    # Two index tokens at one position once made Material's highlighting nest broken marks
    # and show a stray ">" before the highlighted word
    # («<mark><mark< mark="">&gt;بحران</mark<></mark>»).
    marked = page.locator(".md-search-result__list mark").all_text_contents()  # type: ignore[attr-defined]
    assert [word for word in marked if "<" in word or ">" in word] == []
    assert page.locator(".md-search-result__list mark mark").count() == 0  # type: ignore[attr-defined]
    # textContent: the sections folded under "more on this page" are hidden, not absent.
    titles = page.locator(".md-search-result__item h1, .md-search-result__item h2").evaluate_all(  # type: ignore[attr-defined]
        "heads => heads.map(h => h.textContent.trim())"
    )
    pages: list[str] = []
    for href in hrefs:
        path = urlparse(href).path
        if path not in pages:
            pages.append(path)
    return pages, titles, log


def test_there_are_at_least_fifteen_terms_per_language() -> None:
    assert len(EN_TERMS) >= 15
    assert len(FA_TERMS) >= 15


@pytest.mark.parametrize(("lang", "term", "page_name", "rank"), CASES, ids=[f"{c[0]}:{c[1]}" for c in CASES])
def test_search_finds_its_page_in_its_language(
    context: object, site_url: str, lang: str, term: str, page_name: str, rank: int
) -> None:
    pages, titles, log = _search(context, site_url, lang, term)
    assert pages, f"{term!r} found nothing"
    assert titles, term
    assert all(titles), titles
    expected = url_of(lang, page_name)
    assert expected in pages[:rank], f"{term!r}: {expected} not among the first {rank} of {pages[:5]}"
    if lang == "fa":
        assert all(p.startswith("/fa/") for p in pages), pages
        assert all(PERSIAN_LETTER.search(t) for t in titles), titles
    else:
        assert not any(p.startswith("/fa/") for p in pages), pages
        assert not any(PERSIAN_LETTER.search(t) for t in titles), titles
    assert log.errors == []  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("lang", "term", "page_name"), [("en", "share of voice", "metrics.md"), ("fa", "سهم صدا", "metrics.md")]
)
def test_a_result_opens_its_page_with_the_term_on_it(
    context: object, site_url: str, lang: str, term: str, page_name: str
) -> None:
    page, log = _query(context, site_url, lang, term)
    first = page.locator(".md-search-result__item > a").first  # type: ignore[attr-defined]
    first.wait_for(timeout=WAIT_MS)
    first.click()
    page.wait_for_url(re.compile(re.escape(url_of(lang, page_name))), timeout=WAIT_MS)  # type: ignore[attr-defined]
    assert urlparse(page.url).path == url_of(lang, page_name)  # type: ignore[attr-defined]
    assert page.evaluate("document.documentElement.lang") == lang  # type: ignore[attr-defined]
    assert term.lower() in page.locator("article").inner_text().lower()  # type: ignore[attr-defined]
    assert log.errors == []  # type: ignore[attr-defined]
