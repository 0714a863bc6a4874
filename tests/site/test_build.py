"""The real MkDocs build: strict, both languages, right-to-left Persian, offline, data rendered."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from simulator import data
from simulator.locale import localize_digits
from tests.support import DOCS, ROOT, BuiltSite, page_names, run_mkdocs


def test_strict_build_has_no_warnings(built_site: BuiltSite) -> None:
    assert "WARNING" not in built_site.log
    assert (built_site.path / "index.html").is_file()
    assert (built_site.path / "fa" / "index.html").is_file()


def test_same_pages_in_both_languages() -> None:
    assert page_names("en") == page_names("fa")
    assert len(page_names("en")) >= 15


@pytest.mark.parametrize("page", page_names("fa"))
def test_persian_pages_are_right_to_left(built_site: BuiltSite, page: str) -> None:
    html = built_site.html("fa", page)
    assert re.search(r'<html lang="fa"', html)
    assert re.search(r'<body dir="rtl"', html)


@pytest.mark.parametrize("page", page_names("en"))
def test_english_pages_are_left_to_right(built_site: BuiltSite, page: str) -> None:
    html = built_site.html("en", page)
    assert re.search(r'<html lang="en"', html)
    assert re.search(r'<body dir="ltr"', html)


@pytest.mark.parametrize("lang", ["en", "fa"])
def test_every_data_entry_appears_in_its_language(built_site: BuiltSite, lang: str) -> None:
    text = {
        page: re.sub(r"\s+", " ", built_site.html(lang, page))
        for page in ("metrics.md", "glossary.md", "faq.md", "strategies/index.md")
    }

    def shown(page: str, value: str) -> bool:
        return re.sub(r"\s+", " ", value) in text[page] or _escaped(value) in text[page]

    for m in data.metrics():
        assert shown("metrics.md", m.name(lang)), m.id
    for g in data.glossary():
        assert shown("glossary.md", g.term(lang)), g.id
    for f in data.faq():
        assert shown("faq.md", f.question(lang)), f.id
    for s in data.strategies():
        assert shown("strategies/index.md", s.name(lang)), s.id


@pytest.mark.parametrize(("lang", "comma"), [("en", ", "), ("fa", "، ")])
def test_benchmark_sources_are_cited_in_each_language(built_site: BuiltSite, lang: str, comma: str) -> None:
    # Persian isolates the (English) source and follows it with the Persian comma, so a
    # right-to-left line reads source, then year, not one left-to-right run.
    text = built_site.html(lang, "metrics.md")
    isolate, pop = ("\u2068", "\u2069") if lang == "fa" else ("", "")
    for m in data.metrics():
        for b in m.benchmarks:
            year = localize_digits(str(b.year), lang)
            cited = rf"{isolate}(?:<a [^>]*>)?{re.escape(_escaped(b.source))}(?:</a>)?{pop}{comma}{year}"
            assert re.search(cited, text), (m.id, b.source)


def _escaped(value: str) -> str:
    import html

    return re.sub(r"\s+", " ", html.escape(value, quote=False))


EXTERNAL = re.compile(r"""(?:src|href|content)\s*=\s*["'](?:https?:)?//(?!localhost|127\.0\.0\.1)[^"']+["']""")
CSS_URL = re.compile(r"""url\(\s*["']?(?:https?:)?//""")


def test_no_asset_from_another_host(built_site: BuiltSite) -> None:
    offenders = []
    for path in built_site.path.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        for tag in re.findall(r"<(?:script|link|img|source|iframe|video|audio)\b[^>]*>", html):
            if EXTERNAL.search(tag):
                offenders.append(f"{path.relative_to(built_site.path)}: {tag[:120]}")
    for path in built_site.path.rglob("*.css"):
        if CSS_URL.search(path.read_text(encoding="utf-8")):
            offenders.append(str(path.relative_to(built_site.path)))
    assert offenders == []


def test_search_index_holds_both_languages(built_site: BuiltSite) -> None:
    index = json.loads((built_site.path / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = " ".join(doc["text"] + " " + doc["title"] for doc in index["docs"])
    locations = {doc["location"].split("/")[0] for doc in index["docs"]}
    assert "fa" in locations
    assert "engagement" in text.lower()
    assert "شبکه‌های اجتماعی" in text
    # ZWNJ splits words for search, so «شبکه‌ها» is also found as «شبکه».
    assert "\\u200c" in index["config"]["separator"]


def test_engine_numbers_are_rendered(built_site: BuiltSite) -> None:
    html = built_site.html("fa", "metrics.md")
    assert "smm:" not in html  # every marker was replaced
    assert re.search(r"[۰-۹]", html)


def _broken_data(tmp_path: Path, file: str, edit) -> Path:  # type: ignore[no-untyped-def]
    copy = tmp_path / "playbook_data"
    shutil.copytree(ROOT / "playbook_data", copy)
    target = copy / file
    target.write_text(edit(target.read_text(encoding="utf-8")), encoding="utf-8")
    return copy


def test_malformed_entry_fails_the_build_naming_file_entry_and_field(tmp_path: Path) -> None:
    # Drop the Persian name of the first metric.
    first = data.metrics()[0]
    broken = _broken_data(tmp_path, "metrics.yml", lambda s: s.replace(f"    fa: {first.name.fa}\n", "", 1))
    result = run_mkdocs(tmp_path / "site", {"SMM_DATA_DIR": str(broken)})
    assert result.returncode != 0
    assert f"metrics.yml: entry '{first.id}': field 'name.fa'" in result.stderr
    assert "Traceback" not in result.stderr


def test_invalid_preset_value_fails_the_build(tmp_path: Path) -> None:
    broken = _broken_data(tmp_path, "presets.yml", lambda s: s.replace("share_rate: 0.12,", "share_rate: 1.5,", 1))
    result = run_mkdocs(tmp_path / "site", {"SMM_DATA_DIR": str(broken)})
    assert result.returncode != 0
    assert "presets.yml: entry 'viral-tipping': field 'values.share_rate'" in result.stderr
    assert "share_rate = 1.5 is outside the allowed range: 0 to 1" in result.stderr


def test_unknown_marker_fails_the_build(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    shutil.copytree(DOCS, docs)
    page = docs / "en" / "faq.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n<!-- smm:nonsense -->\n", encoding="utf-8")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("docs_dir: docs", f"docs_dir: {docs}")
    config = config.replace("docs/hooks/playbook.py", str(ROOT / "docs/hooks/playbook.py"))
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    import os
    import subprocess
    import sys

    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-f",
            str(tmp_path / "mkdocs.yml"),
            "-d",
            str(tmp_path / "site"),
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=False,
    )
    assert result.returncode != 0
    assert "docs/en/faq.md: <!-- smm:nonsense -->: unknown marker 'smm:nonsense'" in result.stderr
