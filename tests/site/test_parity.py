"""Each page pair says the same things in both languages (FastAPI's translation check).

Same heading ids in the same order, the same markers (so the same numbers and charts),
the same links between pages; and the Persian follows Persian typography.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
import yaml

from simulator import data
from simulator.persian import check_persian
from simulator.site.markers import markers_in
from tests.support import DOCS, page_names

HEADING_ID = re.compile(r"^#{2,3} .*\{#([a-z0-9-]+)\}\s*$", re.M)
HEADING = re.compile(r"^#{2,3} ", re.M)
LINK = re.compile(r"\]\(((?!https?:|mailto:)[^)\s]+)\)")


def read(lang: str, page: str) -> str:
    text = (DOCS / lang / page).read_text(encoding="utf-8")
    return re.sub(r"```.*?```", "", text, flags=re.S)


@pytest.mark.parametrize("page", page_names("en"))
def test_every_section_heading_has_an_id(page: str) -> None:
    for lang in ("en", "fa"):
        text = read(lang, page)
        assert len(HEADING.findall(text)) == len(HEADING_ID.findall(text)), (
            f"{lang}/{page}: a ##/### heading lacks {{#id}}"
        )


@pytest.mark.parametrize("page", page_names("en"))
def test_heading_ids_match(page: str) -> None:
    assert HEADING_ID.findall(read("en", page)) == HEADING_ID.findall(read("fa", page))


@pytest.mark.parametrize("page", page_names("en"))
def test_markers_match(page: str) -> None:
    assert markers_in(read("en", page)) == markers_in(read("fa", page))


@pytest.mark.parametrize("page", page_names("en"))
def test_links_match(page: str) -> None:
    assert sorted(LINK.findall(read("en", page))) == sorted(LINK.findall(read("fa", page)))


@pytest.mark.parametrize("page", page_names("fa"))
def test_persian_page_typography(page: str) -> None:
    findings = check_persian((DOCS / "fa" / page).read_text(encoding="utf-8"))
    assert not findings, "\n".join(map(str, findings[:15]))


def persian_texts() -> Iterator[tuple[str, str]]:
    def walk(node: object, where: str) -> Iterator[tuple[str, str]]:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "fa" and isinstance(value, str):
                    yield where, value
                else:
                    yield from walk(value, f"{where}.{key}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                yield from walk(value, f"{where}[{i}]")

    for path in sorted(data.DATA_DIR.glob("*.yml")):
        yield from walk(yaml.safe_load(path.read_text(encoding="utf-8")), path.name)


def test_persian_data_typography() -> None:
    problems = [f"{where}: {finding}" for where, text in persian_texts() for finding in check_persian(text)]
    assert not problems, "\n".join(problems[:20])


def test_persian_declaration_typography() -> None:
    import simulator.declarations as declarations
    from simulator.params import Param
    from simulator.results import QUANTITIES

    texts = [
        (n, t)
        for n, p in vars(declarations).items()
        if isinstance(p, Param)
        for t in (p.label_fa, p.help_fa, p.unit_fa)
    ]
    texts += [(q.name, q.label_fa) for q in QUANTITIES.values()]
    problems = [f"{name}: {finding}" for name, text in texts for finding in check_persian(text)]
    assert not problems, "\n".join(problems[:20])
