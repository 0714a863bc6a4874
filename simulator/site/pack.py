"""The printable pack: every page of one language, in reading order, on one page.

How it is built (see ``docs/hooks/playbook.py``): the print page holds
``<!-- smm:print-pack -->``, which renders an empty placeholder. While MkDocs renders the
pages, the hook keeps each page's finished HTML (markers, Markdown extensions and glossary
tooltips already applied) and the navigation's order. After the language's build, the hook
calls :func:`assemble` and writes the result into the print page's placeholder.

Working from the rendered HTML keeps the pack identical to the pages, with no second
Markdown pipeline, and doing it after the build keeps MkDocs' link and anchor checks (and
the search index) out of a page that repeats every other page. :func:`assemble` makes the
HTML fit its new place:

- every ``id`` gets the chapter's prefix (``pack-metrics--summary``), and so does every
  reference to it (``href="#…"``, ``for``, ``aria-*``, ``url(#…)``, radio group names),
  so ids never collide across chapters;
- links to another page of the pack become links within the pack; other relative links
  are rebased from the chapter's URL to the print page's URL; external links stay;
- headings move down one level under the pack's title; collapsed blocks print open;
- charts keep their static SVG and drop the live Vega view and its spec.
"""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from simulator.site.markers import MarkerError, PageContext, marker

__all__ = ["PLACEHOLDER", "PackPage", "assemble", "chapter_id", "fill"]

PLACEHOLDER = '<div class="smm-pack" data-pack="{lang}"></div>'
_PLACEHOLDER = re.compile(r'<div class="smm-pack" data-pack="[a-z]+"></div>')


@dataclass(frozen=True)
class PackPage:
    """One page of the pack: ``src`` is its id (``strategies/crm.md``), ``url`` its site path
    without a leading slash (``fa/strategies/crm/``), ``html`` its rendered content."""

    src: str
    url: str
    title: str
    html: str


def chapter_id(src: str) -> str:
    """``strategies/crm.md`` -> ``pack-strategies-crm``; ``index.md`` -> ``pack-home``."""
    stem = src.removesuffix(".md").removesuffix("index").strip("/") or "home"
    return "pack-" + re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")


@marker("print-pack")
def print_pack(ctx: PageContext, args: dict[str, str]) -> str:
    if args:
        raise MarkerError(f"unknown argument(s): {', '.join(sorted(args))}")
    return "\n\n" + PLACEHOLDER.format(lang=ctx.lang) + "\n\n"


_ID_ATTR = re.compile(r'(\s(?:id|for|aria-labelledby|aria-describedby|aria-controls))="([^"]*)"')
_NAME_ATTR = re.compile(r'(<input\b[^>]*\sname)="([^"]*)"')
_URL_REF = re.compile(r"url\(#([^)\s]+)\)")
_LINK_ATTR = re.compile(r'(\s(?:href|src|xlink:href))="([^"]*)"')
_HEADING = re.compile(r"<(/?)h([1-6])(?=[\s>])")
_DETAILS = re.compile(r"<details(?![^>]*\sopen)")
_CHART_LIVE = re.compile(r'<div class="smm-chart__live" hidden></div>\s*')
_CHART_SPEC = re.compile(r'<script type="application/json" class="smm-chart__spec">.*?</script>\s*', re.S)


def _rebase(href: str, page: PackPage, pack_url: str, chapters: dict[str, str], prefix: str) -> str:
    """A link of ``page`` as seen from the pack page."""
    if not href or href.startswith(("mailto:", "tel:", "data:", "javascript:", "//")) or urlsplit(href).scheme:
        return href
    if href.startswith("#"):
        return f"#{prefix}--{href[1:]}" if len(href) > 1 else href
    target = urlsplit(urljoin("http://site/" + page.url, href))
    path = target.path.lstrip("/")
    if path in chapters and not target.query:
        return f"#{chapters[path]}--{target.fragment}" if target.fragment else f"#{chapters[path]}"
    base = (pack_url if pack_url.endswith("/") else posixpath.dirname(pack_url)).rstrip("/") or "."
    relative = posixpath.relpath(path.rstrip("/") or ".", base)
    if path.endswith("/") or not path:
        relative += "/"
    return relative + (f"?{target.query}" if target.query else "") + (f"#{target.fragment}" if target.fragment else "")


def _adapt(page: PackPage, pack_url: str, chapters: dict[str, str]) -> str:
    prefix = chapters[page.url]
    text = _CHART_SPEC.sub("", _CHART_LIVE.sub("", page.html))

    def ids(match: re.Match[str]) -> str:
        values = " ".join(f"{prefix}--{v}" for v in match.group(2).split())
        return f'{match.group(1)}="{values}"'

    def link(match: re.Match[str]) -> str:
        raw = html.unescape(match.group(2))
        return f'{match.group(1)}="{html.escape(_rebase(raw, page, pack_url, chapters, prefix), quote=True)}"'

    text = _ID_ATTR.sub(ids, text)
    text = _NAME_ATTR.sub(lambda m: f'{m.group(1)}="{prefix}--{m.group(2)}"', text)
    text = _URL_REF.sub(lambda m: f"url(#{prefix}--{m.group(1)})", text)
    text = _LINK_ATTR.sub(link, text)
    text = _HEADING.sub(lambda m: f"<{m.group(1)}h{min(int(m.group(2)) + 1, 6)}", text)
    return _DETAILS.sub("<details open", text)


def assemble(pages: list[PackPage], pack_url: str, contents_title: str) -> str:
    """The pack's HTML: a table of contents, then one ``<section>`` per page, in order."""
    chapters = {p.url: chapter_id(p.src) for p in pages}
    contents = "".join(f'<li><a href="#{chapters[p.url]}">{html.escape(p.title)}</a></li>' for p in pages)
    sections = "".join(
        f'<section class="smm-pack__chapter" id="{chapters[p.url]}" data-page="{html.escape(p.src)}">\n'
        f"{_adapt(p, pack_url, chapters)}\n</section>\n"
        for p in pages
    )
    return (
        f'<div class="smm-pack">\n<nav class="smm-pack__contents" aria-label="{html.escape(contents_title)}">'
        f"<h2>{html.escape(contents_title)}</h2><ol>{contents}</ol></nav>\n{sections}</div>"
    )


def fill(output: str, pack: str) -> str:
    """Put the assembled pack into the print page's HTML, in place of the placeholder."""
    if not _PLACEHOLDER.search(output):
        raise ValueError("the print page has no pack placeholder")
    return _PLACEHOLDER.sub(lambda _: pack, output, count=1)
