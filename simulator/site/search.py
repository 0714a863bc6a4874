"""One search index per language, so each edition's search finds its own pages.

Material's search plugin writes one ``search/search_index.json``; the i18n plugin fills it
with the pages of both languages and one language's settings, and every page, English or
Persian, fetches it from the site root. An English reader then searched an index whose
settings were made for Persian text, among Persian pages. This module splits that index:
the English pages stay at ``search/search_index.json``, the Persian ones move to
``fa/search/search_index.json`` with locations relative to ``fa/``, each with its own
tokenizing and matching (``SEARCH_SETTINGS``), and a Persian page's ``__config`` names
``fa/`` as its base so Material's front end fetches that index and resolves its links
from there. Pure functions: the MkDocs hook (``docs/hooks/search.py``) does the file work.
"""

from __future__ import annotations

import json
import posixpath
import re
from dataclasses import dataclass
from typing import Any

DEFAULT_LANG = "en"
INDEX_PATH = "search/search_index.json"


@dataclass(frozen=True)
class SearchSettings:
    """How one language's text is cut into words and matched (Material's ``config`` keys).

    ``lang`` names the lunr language Material's worker loads: ``en`` is lunr's own; ``fa``
    is the project's (``docs/assets/javascripts/lunr/min/lunr.fa.min.js``): Persian letter
    normalisation, stop words and a light suffix stemmer. ``pipeline`` keeps those steps
    (Material's worker removes any step not listed). Both languages also match by prefix:
    Material's worker adds a trailing wildcard to every query word.
    """

    lang: tuple[str, ...]
    separator: str
    pipeline: tuple[str, ...]

    def as_config(self, fields: dict[str, Any]) -> dict[str, Any]:
        return {
            "lang": list(self.lang),
            "separator": self.separator,
            "pipeline": list(self.pipeline),
            "fields": fields,
        }


# Word breaks: white space, hyphens, brackets, quotes, slashes and sentence punctuation;
# a full stop only when no digit follows, so "0.2%" stays one word. Persian adds its own
# comma, semicolon, question mark and guillemets, and the zero-width non-joiner, so that
# «شبکه‌های» is also found as «شبکه».
_COMMON_BREAKS = r"\s\-,:;!?=\[\]()\"/"
SEARCH_SETTINGS: dict[str, SearchSettings] = {
    # No stemmer for English: Material marks a result's query word as "missing" when the
    # indexed (stemmed) word does not start with it, so prefix matching serves better.
    "en": SearchSettings(("en",), rf"[{_COMMON_BREAKS}]+|\.(?!\d)", ("trimmer", "stopWordFilter")),
    "fa": SearchSettings(
        ("fa",), rf"[{_COMMON_BREAKS}\u200c،؛؟«»]+|\.(?!\d)", ("trimmer", "stopWordFilter", "stemmer")
    ),
}


def lang_of_location(location: str, langs: tuple[str, ...]) -> str:
    """The language of an index entry from its location (``fa/metrics/#x`` -> ``fa``)."""
    first = location.split("/", 1)[0]
    return first if first in langs and first != DEFAULT_LANG else DEFAULT_LANG


def split_index(index: dict[str, Any], langs: tuple[str, ...]) -> dict[str, dict[str, Any]]:
    """Material's merged index -> one index per language, locations relative to its root.

    Every language in ``langs`` gets an index, even an empty one, so no page fetches a
    file that is not there.
    """
    fields = index["config"]["fields"]
    docs: dict[str, list[dict[str, Any]]] = {lang: [] for lang in langs}
    for doc in index["docs"]:
        lang = lang_of_location(doc["location"], langs)
        if lang not in docs:
            continue
        prefix = "" if lang == DEFAULT_LANG else f"{lang}/"
        docs[lang].append({**doc, "location": doc["location"].removeprefix(prefix)})
    return {
        lang: {"config": SEARCH_SETTINGS[lang].as_config(fields), "docs": entries} for lang, entries in docs.items()
    }


def index_path(lang: str) -> str:
    """Where a language's index lives in the built site."""
    return INDEX_PATH if lang == DEFAULT_LANG else f"{lang}/{INDEX_PATH}"


_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)


def rebase_page(html: str, page_url: str, lang: str) -> str:
    """Point a page's Material ``__config`` base at its language's root.

    Material fetches ``search/search_index.json`` relative to that base and resolves result
    links from it; nothing else this site uses reads it (no versions, no instant loading).
    ``page_url`` is the page's site path without a leading slash (``fa/metrics/``).
    """
    if lang == DEFAULT_LANG:
        return html
    found = _CONFIG.search(html)
    if found is None:
        return html
    config = json.loads(found.group(2))
    folder = posixpath.dirname(page_url) if not page_url.endswith("/") else page_url.rstrip("/")
    config["base"] = posixpath.relpath(lang, folder or ".") + "/"
    # As Jinja's tojson does: no "<", ">" or "&" can end the script element early.
    text = json.dumps(config).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return html[: found.start(2)] + text + html[found.end(2) :]
