"""Build the real site once per test session (strict, both languages) for the site tests."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"


@dataclass(frozen=True)
class BuiltSite:
    path: Path
    log: str

    def html(self, lang: str, page: str) -> str:
        """HTML of a page given by its source name, e.g. ('fa', 'strategies/crm.md')."""
        stem = page.removesuffix(".md")
        folder = "" if stem == "index" else stem.removesuffix("/index") + "/"
        prefix = "" if lang == "en" else f"{lang}/"
        return (self.path / prefix / folder / "index.html").read_text(encoding="utf-8")


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


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    site = tmp_path_factory.mktemp("site")
    result = run_mkdocs(site)
    assert result.returncode == 0, result.stderr[-4000:]
    return BuiltSite(site, result.stderr)


def page_names(lang: str) -> list[str]:
    return sorted(p.relative_to(DOCS / lang).as_posix() for p in (DOCS / lang).rglob("*.md"))
