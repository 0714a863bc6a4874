"""Shared test support: the real site build and the local servers the tests start."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from simulator.serve import free_port  # noqa: F401  (the tests import it from here)

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"


@dataclass(frozen=True)
class BuiltSite:
    path: Path
    log: str
    app_url: str

    def html(self, lang: str, page: str) -> str:
        """HTML of a page given by its source name, e.g. ('fa', 'strategies/crm.md')."""
        return (self.path / url_of(lang, page).lstrip("/") / "index.html").read_text(encoding="utf-8")

    def article(self, lang: str, page: str) -> str:
        """Only the page's own content, the one ``<article>``: no navigation, table of contents,
        header or footer, where other pages' titles and the other language's names also appear.
        Checks that the page is in ``lang`` first, so a test cannot read the wrong language."""
        page_html = self.html(lang, page)
        assert re.search(rf'<html lang="{lang}"', page_html), f"{lang}/{page} is not a {lang} page"
        found = re.findall(r"<article\b[^>]*>(.*?)</article>", page_html, re.S)
        assert len(found) == 1, f"{lang}/{page}: {len(found)} <article> elements"
        return found[0]


def url_of(lang: str, page: str) -> str:
    """Site path of a page source name: ('fa', 'strategies/crm.md') -> '/fa/strategies/crm/'."""
    stem = page.removesuffix(".md")
    folder = "" if stem == "index" else stem.removesuffix("/index") + "/"
    prefix = "" if lang == "en" else f"{lang}/"
    return f"/{prefix}{folder}"


def run_mkdocs(site_dir: Path, extra_env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(extra_env or {})}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def page_names(lang: str) -> list[str]:
    return sorted(p.relative_to(DOCS / lang).as_posix() for p in (DOCS / lang).rglob("*.md"))


PERSIAN_LETTER = re.compile(r"[\u0600-\u06FF]")
"""A letter of the Arabic-script block, which Persian text is written in."""

CHROMIUM = Path("/usr/bin/chromium")
"""Debian's Chromium; Playwright's own browser download does not work on these machines."""

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
"""Without the background-networking flags Chromium keeps trying Google's hosts."""

STREAMLIT_PLACEHOLDER = '[data-testid="stSkeleton"]'
"""What Streamlit shows in place of a run's elements until it draws them, a moment after it
has already marked the run finished; pictures and timings wait until none is left."""


SAMPLES = ROOT / "playbook_data" / "samples"
"""The synthetic sample exports (scripts/make_samples.py)."""

_INPUTS = {
    "fit-share": ["--file", str(SAMPLES / "synthetic-meta-posts.csv")],
    "fit-bass": ["--file", str(SAMPLES / "synthetic-app-signups-weekly.csv"), "--period", "week"],
}


def command_argv(name: str) -> list[str]:
    """What runs registry command ``name`` with its defaults: the words a person types
    (``fit share`` for ``fit-share``) and, for a command that reads a file, a sample file."""
    from simulator.commands import COMMANDS

    return [*COMMANDS[name].words, *_INPUTS.get(name, [])]


def top_level_words() -> list[str]:
    """The words ``smm`` takes first, in its help's order: commands, groups (``fit``), ``serve``."""
    from simulator.commands import COMMANDS

    return [*dict.fromkeys(c.words[0] for c in COMMANDS.values()), "serve"]
