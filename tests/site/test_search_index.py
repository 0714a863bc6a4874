"""The per-language search indexes: split, rebased, gzipped in step (simulator/site/search.py)."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest

from simulator.site import search
from tests.support import PERSIAN_LETTER, BuiltSite, page_names, url_of


def _index(built_site: BuiltSite, lang: str) -> dict:  # type: ignore[type-arg]
    return json.loads((built_site.path / search.index_path(lang)).read_text(encoding="utf-8"))


def test_index_paths() -> None:
    assert search.index_path("en") == "search/search_index.json"
    assert search.index_path("fa") == "fa/search/search_index.json"


def test_split_keeps_each_language_apart_and_strips_its_prefix() -> None:
    fields = {"title": {"boost": 1000.0}, "text": {"boost": 1.0}}
    merged = {
        "config": {"lang": ["en"], "separator": "x", "pipeline": [], "fields": fields},
        "docs": [
            {"location": "", "title": "Home", "text": ""},
            {"location": "metrics/#reach", "title": "Reach", "text": ""},
            {"location": "fa/", "title": "خانه", "text": ""},
            {"location": "fa/metrics/#reach", "title": "دسترسی", "text": ""},
            {"location": "faq/", "title": "FAQ", "text": ""},  # "faq" is not "fa"
        ],
    }
    parts = search.split_index(merged, ("en", "fa"))
    assert [d["location"] for d in parts["en"]["docs"]] == ["", "metrics/#reach", "faq/"]
    assert [d["location"] for d in parts["fa"]["docs"]] == ["", "metrics/#reach"]
    assert [d["title"] for d in parts["fa"]["docs"]] == ["خانه", "دسترسی"]
    assert parts["en"]["config"]["lang"] == ["en"]
    assert parts["fa"]["config"]["lang"] == ["fa"]
    assert parts["fa"]["config"]["fields"] == fields
    # Persian keeps all three steps of its own lunr language, English has no stemmer.
    assert parts["fa"]["config"]["pipeline"] == ["trimmer", "stopWordFilter", "stemmer"]
    assert "stemmer" not in parts["en"]["config"]["pipeline"]


@pytest.mark.parametrize(
    ("lang", "text", "words"),
    [
        (
            "en",
            "reach (organic), engagement: 0.2% share-rate",
            ["reach", "organic", "engagement", "0.2%", "share", "rate"],
        ),
        ("fa", "شبکه‌های اجتماعی، «تعامل»؛ چرا؟", ["شبکه", "های", "اجتماعی", "تعامل", "چرا"]),
    ],
)
def test_word_breaks_of_each_language(lang: str, text: str, words: list[str]) -> None:
    separator = re.compile(search.SEARCH_SETTINGS[lang].separator)
    assert [w for w in separator.split(text) if w] == words


@pytest.mark.parametrize(
    ("page_url", "base"),
    [("fa/", "./"), ("fa/metrics/", "../"), ("fa/strategies/crm/", "../../"), ("fa/404.html", "./")],
)
def test_a_persian_page_takes_the_persian_root_as_its_base(page_url: str, base: str) -> None:
    html = '<p>x</p><script id="__config" type="application/json">{"base": "../..", "x": "<b>"}</script>'
    rebased = search.rebase_page(html, page_url, "fa")
    config = json.loads(re.search(r'json">(.*?)</script>', rebased).group(1))  # type: ignore[union-attr]
    assert config == {"base": base, "x": "<b>"}
    assert "<b>" not in rebased  # escaped as Jinja's tojson does
    assert rebased.startswith("<p>x</p>")


def test_an_english_page_keeps_its_base() -> None:
    html = '<script id="__config" type="application/json">{"base": ".."}</script>'
    assert search.rebase_page(html, "metrics/", "en") == html


# --- the built site ---------------------------------------------------------------------------


def test_each_index_holds_exactly_its_languages_pages(built_site: BuiltSite) -> None:
    for lang in ("en", "fa"):
        index = _index(built_site, lang)
        pages = {doc["location"] for doc in index["docs"] if "#" not in doc["location"]}
        # Every page of the language, addressed from the language's root, minus the print pack.
        prefix = len(url_of(lang, "index.md"))
        expected = {url_of(lang, name)[prefix:] for name in page_names(lang) if name != "onboarding/print.md"}
        assert expected <= pages, expected - pages
        assert pages <= expected | {"onboarding/print/"}
        assert index["config"]["lang"] == [lang]


def test_titles_are_in_their_language(built_site: BuiltSite) -> None:
    english = [doc["title"] for doc in _index(built_site, "en")["docs"]]
    persian = [doc["title"] for doc in _index(built_site, "fa")["docs"]]
    assert len(english) > 100
    assert len(persian) > 100
    assert not [t for t in english if PERSIAN_LETTER.search(t)]
    assert not [t for t in persian if not PERSIAN_LETTER.search(t)]
    assert _index(built_site, "fa")["docs"][0]["title"] == "راهنمای بازاریابی شبکه‌های اجتماعی"
    assert "engagement rate" in " ".join(d["text"] for d in _index(built_site, "en")["docs"]).lower()


@pytest.mark.parametrize("lang", ["en", "fa"])
def test_the_gzip_copy_is_the_index_itself(built_site: BuiltSite, lang: str) -> None:
    # The served copy of the English index once held the Persian pages only.
    path = built_site.path / search.index_path(lang)
    packed = Path(str(path) + ".gz")
    assert gzip.decompress(packed.read_bytes()) == path.read_bytes()


@pytest.mark.parametrize(("lang", "base"), [("en", ".."), ("fa", "../")])
def test_built_pages_fetch_their_own_index(built_site: BuiltSite, lang: str, base: str) -> None:
    html = built_site.html(lang, "metrics.md")
    config = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>', html, re.S).group(1))  # type: ignore[union-attr]
    assert config["base"] == base


def test_every_gzip_copy_matches_its_file(built_site: BuiltSite) -> None:
    copies = list(built_site.path.rglob("*.gz"))
    assert len(copies) > 50
    stale = [p for p in copies if gzip.decompress(p.read_bytes()) != p.with_suffix("").read_bytes()]
    assert stale == []


def test_the_persian_lunr_language_is_shipped(built_site: BuiltSite) -> None:
    # Material's worker imports it from here when an index says lang: ["fa"].
    script = (built_site.path / "assets/javascripts/lunr/min/lunr.fa.min.js").read_text(encoding="utf-8")
    assert "lunr.fa = function" in script
    assert (built_site.path / "assets/javascripts/lunr/min/lunr.stemmer.support.min.js").is_file()
