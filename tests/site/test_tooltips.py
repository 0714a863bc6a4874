"""Glossary tooltips on the built pages (issue #15): the hook wraps the first mention of each
glossary word on every content page in ``<abbr title>``, in the page's language, and leaves the
glossary page itself alone. ``tests/site/test_renderers.py`` checks the wrapping rules on
small texts; these check that the build applies them."""

from __future__ import annotations

import html
import re

import pytest

from simulator import data
from tests.support import BuiltSite, page_names

ABBR = re.compile(r'<abbr title="([^"]*)">([^<]*)</abbr>')

# The first two tooltips of the CRM chapter, written out from the glossary by hand.
CRM_FIRST = {
    "en": [
        (
            "customer relationship management",
            "The system, and the habit, of recording every customer, their purchases and conversations in one "
            "place. Linked to social profiles and referrals, it values a customer by the sales they bring, not "
            "only what they buy.",
        ),
        (
            "lifetime value",
            "The total profit you expect from a customer over the whole relationship, not just the first order. "
            "Use it to decide how much you can spend to win a customer, through ads or referral rewards.",
        ),
    ],
    "fa": [
        (
            "مدیریت ارتباط با مشتری",
            "سامانه‌ای (و عادتی) برای ثبت هر مشتری، خریدها و گفت‌وگوهایش در یک جا. اگر حساب‌های اجتماعی و "
            "معرفی‌ها را به پروندهٔ مشتری در CRM وصل کنید، ارزش هر مشتری را با فروشی که برایتان می‌آورد هم "
            "می‌سنجید، نه فقط با خرید خودش.",
        ),
        (
            "ارزش طول عمر مشتری",
            "کل سودی که انتظار دارید در تمام دوران رابطه از یک مشتری بگیرید، نه فقط از سفارش اول. با آن تصمیم "
            "بگیرید برای جذب هر مشتری، با تبلیغ یا پاداش معرفی، حداکثر چقدر می‌توانید خرج کنید.",
        ),
    ],
}


def tooltips(site: BuiltSite, lang: str, page: str) -> list[tuple[str, str]]:
    """(word shown, tooltip text) for each tooltip of the page's article, in reading order."""
    return [(html.unescape(word), html.unescape(title)) for title, word in ABBR.findall(site.article(lang, page))]


@pytest.mark.parametrize("lang", ["en", "fa"])
def test_the_crm_chapter_explains_its_first_terms_in_its_language(built_site: BuiltSite, lang: str) -> None:
    assert tooltips(built_site, lang, "strategies/crm.md")[:2] == CRM_FIRST[lang]


@pytest.mark.parametrize("lang", ["en", "fa"])
def test_content_pages_have_tooltips_from_their_languages_glossary(built_site: BuiltSite, lang: str) -> None:
    """Every tooltip is a definition in the page's language; the glossary page has none (it is
    the definitions), and nearly every other page has some (a page may use no glossary word)."""
    definitions = {term.definition(lang) for term in data.glossary()}
    with_tips = 0
    for page in page_names(lang):
        found = tooltips(built_site, lang, page)
        if page == "glossary.md":
            assert found == []
            continue
        assert {title for _, title in found} <= definitions, page
        with_tips += bool(found)
    assert with_tips >= 0.9 * (len(page_names(lang)) - 1)
