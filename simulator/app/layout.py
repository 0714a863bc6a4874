"""The parts every simulator page shares: header, presets, notices, results, downloads.

Right-to-left layout and the Persian font are applied here, as is the small script that
tells an embedding playbook page how tall the app is.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from html import escape
from typing import Any

import streamlit as st

from simulator import data
from simulator.app.state import PRESET_KEY, Scenario, apply_preset, widget_key
from simulator.app.text import LANG_KEY, current_lang, number, t
from simulator.report import to_csv, to_json
from simulator.results import quantity

__all__ = [
    "PLAYBOOK_URL",
    "download_csv",
    "download_json",
    "headline",
    "page_header",
    "preset_picker",
    "show_notices",
    "style",
]

LAST_LANG = "_last_lang"
PLAYBOOK_URL = os.environ.get("SMM_SITE_URL", "http://localhost:8000").rstrip("/")

_RTL_CSS = """
<style>
.stMain, .stMainBlockContainer { direction: rtl; text-align: right; }
/* Sliders and charts keep their left-to-right axes. */
[data-testid="stSlider"] [data-baseweb="slider"], [data-testid="stVegaLiteChart"] { direction: ltr; }
/* st.table aligns its cells left inline; Persian cells start on the right. */
[data-testid="stTable"] :is(th, td) { text-align: right !important; }
</style>
"""

# Reports the page height and address to a parent page that embeds the app (the playbook),
# so the iframe can fit its content, and the page's "open in a new tab" link and a colour
# scheme switch keep the reader's current scenario; harmless when the app runs on its own.
EMBED_REPORT_SCRIPT = """
<script>
(function () {
  if (window.parent === window || window.smmEmbedReporter) return;
  window.smmEmbedReporter = true;
  var last = 0, lastUrl = "";
  function content() {
    // The content block, not the page: the page is at least as tall as the iframe, so
    // measuring it would feed the iframe's own height back into the report.
    var block = document.querySelector('[data-testid="stMainBlockContainer"]');
    return block ? Math.ceil(block.getBoundingClientRect().height) + 48 : 0;
  }
  // The app scrolls inside a fixed-height shell, so nothing outside the content block
  // resizes; a light poll catches every rerun without observing Streamlit's internals.
  setInterval(function () {
    var h = content(), grown = h > 0 && Math.abs(h - last) > 16;
    if (!grown && location.href === lastUrl) return;
    if (grown) last = h;
    lastUrl = location.href;
    window.parent.postMessage({ smmAppHeight: last, smmAppUrl: lastUrl }, "*");
  }, 300);
})();
</script>
"""


# Streamlit draws captions in a faded text colour (3.9:1 on white). The text colour itself at
# 80% opacity meets WCAG AA (4.5:1) for small text in both the light and the dark theme,
# which a fixed grey cannot.
_LEGIBLE_TEXT_CSS = (
    "<style>[data-testid='stCaptionContainer'] { color: inherit !important; opacity: 0.8 !important; }"
    " [data-testid='stCaptionContainer'] p { color: inherit !important; }"
    # A disabled input's label (the goal planner's solved-for lever) is faded to 2.3:1;
    # 75% of the text colour still reads as inactive and stays legible.
    " label[data-testid='stWidgetLabel'][disabled] { color: inherit !important; opacity: 0.75; }</style>"
)

# The headline numbers (see :func:`headline`), sized like Streamlit's own metrics.
_HEADLINE_CSS = """
<style>
.smm-headline { display: grid; gap: 0.75rem 1.5rem; margin: 0 0 1rem; padding: 0; }
/* Label on top, value at the bottom: values in a row line up when a label wraps. */
.smm-headline__item { display: flex; flex-direction: column; justify-content: space-between; }
.smm-headline dt { font-size: 0.875rem; margin: 0 0 0.25rem; }
.smm-headline dd { font-size: 2.25rem; line-height: 1.2; margin: 0; overflow-wrap: anywhere; }
@media (max-width: 640px) { .smm-headline { grid-template-columns: repeat(2, minmax(0, 1fr)) !important; } }
</style>
"""


def style() -> None:
    """Language direction and font, readable captions; the report to an embedding page."""
    st.html(_LEGIBLE_TEXT_CSS + _HEADLINE_CSS)
    if current_lang() == "fa":
        st.html(_RTL_CSS)
    st.html(EMBED_REPORT_SCRIPT, unsafe_allow_javascript=True)


def language_switch() -> None:
    """The en/fa switch (kept in the URL as ``lang``)."""
    st.segmented_control(
        t("app.language"),
        options=["en", "fa"],
        format_func={"en": "English", "fa": "فارسی"}.get,
        key=LANG_KEY,
        persist_state="session",
        label_visibility="collapsed",
    )
    if st.session_state.get(LANG_KEY) is None:  # a deselected segmented control keeps the language
        st.session_state[LANG_KEY] = st.session_state.get(LAST_LANG, "en")
    st.session_state[LAST_LANG] = st.session_state[LANG_KEY]


def page_header(page: str, chapter: str) -> None:
    """Title, two or three sentences on what the page shows, and the playbook chapter."""
    title, switch = st.columns([5, 1], vertical_alignment="center")
    title.title(t(f"app.page.{page}.title"))
    with switch:
        language_switch()
    prefix = "fa/" if current_lang() == "fa" else ""
    st.markdown(f"{t(f'app.page.{page}.intro')} [{t('app.read-more')} →]({PLAYBOOK_URL}/{prefix}{chapter})")


def show_notices(scenario: Scenario, extra: Sequence[str] = ()) -> None:
    for notice in [*extra, *scenario.notices]:
        st.warning(notice, icon="⚠️")


def preset_picker(scenario: Scenario, container: Any = st) -> None:
    """A select box of the page's presets; choosing one loads its values."""
    lang = current_lang()
    presets = [p for p in data.presets() if p.page == scenario.page]
    if not presets:
        return
    options = ["", *(p.id for p in presets)]
    names = {p.id: p.name(lang) for p in presets}
    key = widget_key(scenario.page, PRESET_KEY)
    chosen = container.selectbox(
        t("app.preset"),
        options=options,
        format_func=lambda pid: names.get(pid) or t("app.preset.none"),
        key=key,
        on_change=lambda: apply_preset(scenario.page, scenario.params, st.session_state[key]),
        persist_state="session",
    )
    if chosen:
        preset = next(p for p in presets if p.id == chosen)
        container.caption(preset.description(lang))


def headline(items: Sequence[tuple[str, Any]], columns: int = 4) -> None:
    """Headline numbers, labelled and formatted by their declared quantity.

    One HTML block (a description list), not one ``st.metric`` each: every element is a
    separate message the browser renders on each rerun, so one block instead of seven
    metrics takes several milliseconds off every slider move on the share page.
    """
    lang = current_lang()
    cells = "".join(
        f'<div class="smm-headline__item"><dt>{escape(q.label(lang))}</dt><dd>{escape(number(value, q.unit))}</dd></div>'
        for q, value in ((quantity(name), value) for name, value in items)
    )
    count = min(columns, len(items))
    st.html(f'<dl class="smm-headline" style="grid-template-columns: repeat({count}, minmax(0, 1fr))">{cells}</dl>')


def _download(label: str, make: Callable[[], str], file_name: str, mime: str) -> None:
    """A download button; the file is made only when the button is clicked."""
    st.download_button(
        label, data=lambda: make().encode("utf-8"), file_name=file_name, mime=mime, icon=":material/download:"
    )


def download_csv(payload: dict[str, Any], page: str) -> None:
    """The series as CSV."""
    _download(t("app.download"), lambda: to_csv(payload), f"smm-{page}.csv", "text/csv")


def download_json(payload: dict[str, Any], name: str, label: str) -> None:
    """The whole payload as JSON, as ``smm ... --format json`` prints it."""
    _download(label, lambda: to_json(payload), f"smm-{name}.json", "application/json")
