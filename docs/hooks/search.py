"""MkDocs hook: one search index per language, then the gzip copies of every text file.

Runs after the i18n plugin has built every language and merged their search entries
(its ``on_post_build`` has priority -100; this one -200), so the index it splits and the
files it compresses are final. The gzip copies used to be written per language build,
before the merged index was rewritten, so the served ``search_index.json.gz`` held only
the last language built: the English search found nothing. The splitting itself lives
in ``simulator.site.search`` (pure, tested on its own).
"""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from simulator.site import search

GZIPPED = {".html", ".js", ".css", ".json", ".svg", ".xml"}


def _langs(config: MkDocsConfig) -> tuple[str, ...]:
    i18n = config.plugins.get("i18n")
    if i18n is None:
        return (search.DEFAULT_LANG,)
    return tuple(language.locale for language in i18n.config.languages if language.build)


def _building_languages(config: MkDocsConfig) -> bool:
    """True inside the i18n plugin's per-language builds, before the final merge."""
    i18n = config.plugins.get("i18n")
    return bool(getattr(i18n, "building", False))


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    lang = search.lang_of_location(page.url, _langs(config))
    return search.rebase_page(output, page.url, lang)


@event_priority(-200)
def on_post_build(config: MkDocsConfig) -> None:
    if _building_languages(config):
        return
    site = Path(config.site_dir)
    merged = site / search.INDEX_PATH
    if merged.is_file():
        index = json.loads(merged.read_text(encoding="utf-8"))
        for lang, part in search.split_index(index, _langs(config)).items():
            target = site / search.index_path(lang)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(json.dumps(part, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    if os.environ.get("SMM_GZIP", "1") == "1":
        _gzip_text_files(site)


def _gzip_text_files(site: Path) -> None:
    """A ``.gz`` beside each text file over 1 KiB, for servers that send them (smm serve does)."""
    for path in site.rglob("*"):
        if path.suffix in GZIPPED and path.is_file() and path.stat().st_size > 1024:
            packed = gzip.compress(path.read_bytes(), compresslevel=9, mtime=0)
            path.with_name(path.name + ".gz").write_bytes(packed)
