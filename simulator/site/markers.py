"""Playbook page markers: ``<!-- smm:name key=value ... -->``, replaced at build time.

Material's own ``shortcodes.py`` habit: one regex over HTML-comment markers, a dispatch
to small pure renderers, and anything unknown fails the build loudly, naming the page
and the marker. Markers stay invisible when a page is read raw (they are comments).
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Callable
from dataclasses import dataclass

from simulator.params import Lang

__all__ = ["MARKER", "MarkerError", "PageContext", "marker", "markers_in", "render_markers"]

MARKER = re.compile(r"<!--\s*smm:(?P<name>[a-z][a-z-]*)(?P<args>[^>]*?)\s*-->")
_LOOSE = re.compile(r"<!--\s*smm\s*:?")


class MarkerError(ValueError):
    """A marker the build cannot render; the message names the page and the marker."""


@dataclass(frozen=True)
class PageContext:
    """What a renderer knows about the page it renders into.

    ``src`` is the page's source path (``fa/metrics.md``). ``root`` leads from the page's
    source folder to its language's docs root, for Markdown links to ``.md`` files (MkDocs
    checks those); ``url_root`` leads from the page's URL to the language's site root, for
    raw HTML links. ``app_url`` is the simulator app's base URL.
    """

    lang: Lang
    src: str
    root: str
    url_root: str
    app_url: str


Renderer = Callable[[PageContext, dict[str, str]], str]
RENDERERS: dict[str, Renderer] = {}


def marker(name: str) -> Callable[[Renderer], Renderer]:
    """Register a renderer for ``<!-- smm:name ... -->``."""

    def register(fn: Renderer) -> Renderer:
        RENDERERS[name] = fn
        return fn

    return register


def parse_args(text: str) -> dict[str, str]:
    """``key=value key="two words"`` -> dict; anything else is an error."""
    args: dict[str, str] = {}
    for token in shlex.split(text):
        key, sep, value = token.partition("=")
        if not sep or not re.fullmatch(r"[a-z_]+", key):
            raise MarkerError(f"argument {token!r} is not key=value")
        if key in args:
            raise MarkerError(f"argument {key!r} is given twice")
        args[key] = value
    return args


def markers_in(markdown: str) -> list[tuple[str, dict[str, str]]]:
    """The markers of a page, in order (for parity checks between languages)."""
    return [(m["name"], parse_args(m["args"])) for m in MARKER.finditer(markdown)]


def render_markers(markdown: str, ctx: PageContext) -> str:
    """Replace every marker with its rendering; raise :class:`MarkerError` on any problem."""

    def replace(match: re.Match[str]) -> str:
        name = match["name"]
        where = f"{ctx.src}: {match.group(0)}"
        renderer = RENDERERS.get(name)
        if renderer is None:
            raise MarkerError(f"{where}: unknown marker 'smm:{name}' (known: {', '.join(sorted(RENDERERS))})")
        try:
            return renderer(ctx, parse_args(match["args"]))
        except MarkerError as error:
            raise MarkerError(f"{where}: {error}") from None
        except (ValueError, KeyError, TypeError) as error:
            raise MarkerError(f"{where}: {error}") from error

    rendered = MARKER.sub(replace, markdown)
    leftover = _LOOSE.search(rendered)
    if leftover:
        line = rendered[: leftover.start()].count("\n") + 1
        raise MarkerError(
            f"{ctx.src}: line {line}: malformed marker near {rendered[leftover.start() : leftover.start() + 60]!r}"
        )
    return rendered
