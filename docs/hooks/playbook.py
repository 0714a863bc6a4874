"""MkDocs hook: the playbook's markers, glossary tooltips and self-hosted Vega.

Thin on purpose: the rendering lives in ``simulator.site`` (pure, tested on its own);
this file only connects it to MkDocs events. A bad data file or marker stops the build
with the file, the entry or marker, and the field named.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from simulator.data import DataError
from simulator.locale import localize_digits
from simulator.site import pack, preview, renderers
from simulator.site.build import check_playbook_data
from simulator.site.markers import MarkerError, PageContext, render_markers

CHART_SCRIPTS = ("assets/javascripts/charts.js",)
VEGA = "assets/javascripts/vendor/vega.min.js"  # loaded by charts.js when a chart is near the screen
EMBED_SCRIPTS = ("assets/javascripts/embed.js",)
# progress.js keeps "done" marks and scores in localStorage; quiz.js (after it) runs the self-checks.
PROGRESS_SCRIPTS = ("assets/javascripts/progress.js",)
QUIZ_SCRIPTS = ("assets/javascripts/quiz.js",)


@dataclass
class _Pack:
    """The printable pack (see simulator/site/pack.py) of the language being built: each page's
    rendered content, the navigation's order, and the print page waiting to be filled."""

    pages: dict[str, tuple[Page, str]] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)
    target: Page | None = None


_PACK = _Pack()


def on_pre_build(config: MkDocsConfig) -> None:
    global _PACK
    _PACK = _Pack()  # i18n builds each language in turn with the same hook module


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    try:
        check_playbook_data()
    except DataError as error:
        raise PluginError(f"playbook data: {error}") from None
    return config


def _context(page: Page, config: MkDocsConfig) -> PageContext:
    src = PurePosixPath(page.file.src_uri)
    lang = getattr(page.file, "locale", None) or src.parts[0]
    inside = src.relative_to(lang) if src.parts[0] == lang else src
    url_depth = len([p for p in page.url.split("/") if p]) - (1 if lang != "en" else 0)
    return PageContext(
        lang=lang,
        src=f"docs/{src}",
        root="../" * (len(inside.parts) - 1),
        url_root="../" * url_depth,
        app_url=_app_url(config),
    )


def _app_url(config: MkDocsConfig) -> str:
    return str(config.extra.get("simulator_url", "http://localhost:8501")).rstrip("/")


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    ctx = _context(page, config)
    try:
        rendered = render_markers(markdown, ctx)
    except (MarkerError, DataError) as error:
        raise PluginError(str(error)) from None
    return rendered


# Material fetches "sitemap.xml" next to every <link rel="alternate" hreflang> in the head to
# speed up its language switcher; the i18n plugin points those links at the same page in
# the other language, so each page logged two 404s. The switcher's own links (in the
# header) are already contextual, so the head links are dropped.
HEAD_ALTERNATE = re.compile(r'<link rel="alternate" href="[^"]*" hreflang="[a-z]+">\s*')


# Accessibility repairs of the theme's markup (axe-core, serious): a task-list checkbox
# sits in a label with no text, and the search dialog has no name.
TASK_ITEM = re.compile(
    r'(<label class="task-list-control"><input type="checkbox")([^>]*/?>)(.*?)(?=</li>|<ul|<ol)', re.S
)
SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
SEARCH_NAME = {"en": "Search", "fa": "جست‌وجو"}


def _label_task(match: re.Match[str]) -> str:
    text = re.sub(r"<[^>]+>", "", match.group(3))
    text = re.sub(r"\s+", " ", text).strip()[:120].replace('"', "&quot;")
    return f'{match.group(1)} aria-label="{text}"{match.group(2)}{match.group(3)}'


FOOTNOTE_NUMBER = re.compile(r'(<a [^>]*class="footnote-ref"[^>]*>)(\d+)(</a>)')


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Glossary tooltips on every page but the glossary; Persian footnote numbers; checkbox labels."""
    lang = _context(page, config).lang
    html = TASK_ITEM.sub(_label_task, html)
    if not page.file.src_uri.endswith("glossary.md"):
        html = renderers.glossary_tooltips(html, lang)
    if lang == "fa":
        html = FOOTNOTE_NUMBER.sub(lambda m: m.group(1) + localize_digits(m.group(2), "fa") + m.group(3), html)
    if 'class="smm-pack"' in html:
        _PACK.target = page
    else:
        _PACK.pages[page.file.src_uri] = (page, html)
    return html


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    """Remember the reading order of this language's pages, for the printable pack."""
    if not _PACK.order:
        _PACK.order = [p.file.src_uri for p in nav.pages]
    return context


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Drop head alternates (see above); load Vega and the embedder only where they are used."""
    output = HEAD_ALTERNATE.sub("", output)
    lang = _context(page, config).lang
    output = output.replace(SEARCH_DIALOG, SEARCH_DIALOG[:-1] + f' aria-label="{SEARCH_NAME[lang]}">', 1)
    needed = [
        *(CHART_SCRIPTS if 'class="smm-chart"' in output else ()),
        *(EMBED_SCRIPTS if 'class="smm-app"' in output or "smm-try" in output else ()),
        *(PROGRESS_SCRIPTS if any(f'class="{c}"' in output for c in ("smm-quiz", "smm-path", "smm-done")) else ()),
        *(QUIZ_SCRIPTS if 'class="smm-quiz"' in output else ()),
    ]
    if not needed:
        return output
    root = "../" * len([p for p in page.url.split("/") if p])
    # charts.js fetches Vega itself, from this address, once a chart comes near the screen.
    extra = {CHART_SCRIPTS[0]: f' data-vega="{root}{VEGA}"'}
    scripts = "".join(f'<script src="{root}{path}"{extra.get(path, "")} defer></script>' for path in needed)
    return output.replace("</body>", scripts + "</body>", 1)


def _write_pack() -> None:
    """Fill the print page with every other page of this language, in reading order."""
    target = _PACK.target
    if target is None:
        return
    lang = _lang_of(target)
    pages = []
    for src in _PACK.order:
        if src not in _PACK.pages:
            continue
        page, html = _PACK.pages[src]
        inside = PurePosixPath(src).relative_to(lang).as_posix() if src.startswith(f"{lang}/") else src
        pages.append(pack.PackPage(src=inside, url=page.url, title=page.title or inside, html=html))
    path = Path(target.file.abs_dest_path)
    contents = renderers.t("onboarding.contents", lang)
    output = pack.fill(path.read_text(encoding="utf-8"), pack.assemble(pages, target.url, contents))
    path.write_text(output, encoding="utf-8")


def _lang_of(page: Page) -> str:
    return getattr(page.file, "locale", None) or PurePosixPath(page.file.src_uri).parts[0]


def on_post_build(config: MkDocsConfig) -> None:
    """Write the printable pack (the gzip copies come last, in docs/hooks/search.py), and the
    offline probe of a same-origin app (see :func:`simulator.site.preview.write_offline_probe`)."""
    _write_pack()
    if not getattr(config.plugins.get("i18n"), "building", False):
        preview.write_offline_probe(Path(config.site_dir), _app_url(config))
