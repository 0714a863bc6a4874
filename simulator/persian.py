"""Typography checks for Persian text: the mistakes a Persian reader notices at once.

Used by the tests over ``docs/fa`` and every Persian text in ``playbook_data``. Each rule
has a short name and a regex; a finding gives the rule, the line and the text around it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Finding", "check_persian", "prose_only", "sort_key", "term_pattern", "variants_in"]

_FA = "\u0600-\u06ff"
RULES: dict[str, re.Pattern[str]] = {
    # The verbal prefix is joined with a zero-width non-joiner: می‌شود, not «می شود».
    "zwnj-after-mi": re.compile(rf"(?<![{_FA}\u200c])(?:ن?می) (?=[{_FA}])"),
    # Plural and comparative suffixes are joined with a ZWNJ (or directly), never a space.
    "zwnj-before-suffix": re.compile(rf"(?<=[{_FA}]) (?:ها|های|هایی|هایم|هایش|ترین|تری)(?![{_FA}\u200c])"),
    # Persian punctuation after Persian words.
    "latin-comma": re.compile(rf"(?<=[{_FA}]),"),
    "latin-question-mark": re.compile(rf"(?<=[{_FA}])\?"),
    "latin-semicolon": re.compile(rf"(?<=[{_FA}]);"),
    # Digits in Persian prose are Persian (code, markers and links are removed first).
    "latin-digits": re.compile(r"(?<![A-Za-z_\-])[0-9]+(?:[.,][0-9]+)?%?(?![A-Za-z_])"),
    # Arabic letters that have Persian forms.
    "arabic-yeh-or-kaf": re.compile(r"[يك]"),
}

_STRIP = [
    re.compile(r"```.*?```", re.S),  # fenced code
    re.compile(r"`[^`\n]*`"),  # inline code
    re.compile(r"<!--.*?-->", re.S),  # markers and comments
    re.compile(r"\]\([^)]*\)"),  # link targets
    re.compile(r"\{[#.][^}]*\}"),  # attribute lists {#id}
    re.compile(r"\[\^[^\]]*\]"),  # footnote labels [^nielsen-2015]
    re.compile(r"^\s*\d+\.(?= )", re.M),  # ordered-list markers (rendered as Persian digits by CSS)
    re.compile(r"<[^>]+>"),  # HTML tags
    re.compile(r"https?://\S+"),
]


def prose_only(text: str) -> str:
    """The text with code, markers, link targets, ids and tags blanked (line numbers kept)."""
    for pattern in _STRIP:
        text = pattern.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)
    return text


@dataclass(frozen=True)
class Finding:
    rule: str
    line: int
    context: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.rule}: …{self.context}…"


def check_persian(text: str, allow_latin_words: bool = True) -> list[Finding]:
    """Typography findings in Persian ``text`` (Markdown or plain)."""
    prose = prose_only(text)
    findings = []
    for rule, pattern in RULES.items():
        for match in pattern.finditer(prose):
            line_start = prose.rfind("\n", 0, match.start()) + 1
            line_no = prose.count("\n", 0, match.start()) + 1
            if rule == "latin-digits" and not re.search(
                rf"[{_FA}]", prose[line_start : prose.find("\n", match.end()) % (len(prose) + 1)]
            ):
                continue  # a line with no Persian at all (e.g. a formula or a table of codes)
            lo, hi = max(match.start() - 20, 0), min(match.end() + 20, len(prose))
            findings.append(Finding(rule, line_no, prose[lo:hi].replace("\n", " ")))
    return findings


_ALPHABET = "آاءأإبپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیئ"
_ORDER = {letter: i for i, letter in enumerate(_ALPHABET)}


def sort_key(text: str) -> tuple[int, ...]:
    """Dictionary order for Persian (پ after ب, گ after ک, ی last); Latin after Persian,
    case-insensitive. Unicode code points alone put پ چ ژ ک گ ی after و."""
    key = []
    for ch in text.replace("\u200c", "").casefold():
        if ch in _ORDER:
            key.append(_ORDER[ch])
        elif ch.isalnum():
            key.append(100 + ord(ch))
    return tuple(key)


# A term is a whole word or phrase: not glued to a letter on either side (punctuation such as
# the Persian comma, digits and spaces end a word; a letter is anything str.isalpha() accepts). A
# following zero-width non-joiner counts as a word end only before the plural suffix ها (a
# variant's plural is still a hit), so a variant that is the first part of a longer accepted
# compound (the short form of "share rate" inside the full one) is not.
_LETTER = r"[^\W\d_]"
_TERM_START = rf"(?<!{_LETTER})"
_TERM_END = rf"(?!{_LETTER}|\u200c(?!ها))"


def term_pattern(term: str) -> re.Pattern[str]:
    """A regex that finds ``term`` as a whole word or phrase in Persian text."""
    return re.compile(_TERM_START + re.escape(term) + _TERM_END)


def variants_in(text: str, variants: dict[str, str]) -> list[tuple[int, str, str]]:
    """Each use of a rejected variant in ``text``: (line number from 1, variant, the term to use
    instead), in reading order. ``variants`` maps each rejected variant to its accepted term."""
    found = []
    for variant, accepted in variants.items():
        for match in term_pattern(variant).finditer(text):
            found.append((text.count("\n", 0, match.start()) + 1, variant, accepted))
    return sorted(found)
