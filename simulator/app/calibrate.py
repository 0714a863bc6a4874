"""The Calibrate page: a team's own data in, the fitted share loop or Bass model out.

The reader picks a bundled synthetic sample, uploads a CSV or pastes its text, and says what
it holds (posts, or adopters per period in a stated unit). The bytes stay in this session's
memory – Streamlit keeps uploads in memory, and nothing here writes a file – and the fit is
:func:`simulator.calibration.read_upload`, the same reading and fitting as ``smm fit``. The
last fit is kept in the session, so switching the language or opening a table does not fit
again. The results are drawn by :mod:`simulator.app.views.calibrate`.
"""

from __future__ import annotations

import hashlib
from typing import Any

import streamlit as st

from simulator.app.layout import page_header, show_notices, style
from simulator.app.state import Scenario, language_notices, write_url
from simulator.app.text import current_lang, literal, plain_number, t
from simulator.app.views import calibrate as view
from simulator.calibration import KINDS, SAMPLES, Kind, Sample, UploadFit, read_upload
from simulator.declarations import PERIOD
from simulator.limits import MAX_FILE_BYTES, UPLOAD_MB
from simulator.params import Parameters

__all__ = ["CHAPTER", "ICON", "PAGE", "page"]

PAGE = "calibrate"
ICON = ":material/tune:"
CHAPTER = "metrics/"
SOURCES = ("sample", "upload", "paste")
_FIT = f"{PAGE}._fit"
"""Session key of the last fit: (what was fitted, its result)."""


def _key(name: str) -> str:
    return f"{PAGE}.{name}"


def _sample_label(sample: Sample) -> str:
    return t(f"app.calibrate.sample.{sample.file.removesuffix('.csv')}")


def _kind_and_unit() -> tuple[Kind, str, bool]:
    """What the uploaded or pasted file holds: the kind, and for a series its period unit and flag."""
    lang = current_lang()
    kind: Kind = st.radio(
        t("app.calibrate.kind"),
        KINDS,
        # Labels worked out now: AppTest calls format_func outside the session, in no language.
        format_func={k: t(f"app.calibrate.kind.{k}") for k in KINDS}.__getitem__,
        key=_key("kind"),
        persist_state="session",
    )
    if kind == "posts":
        return kind, PERIOD.default, False  # type: ignore[return-value]
    period = st.selectbox(
        PERIOD.label(lang),
        PERIOD.choices,
        format_func=lambda c: PERIOD.choice_label(c, lang),
        help=PERIOD.help(lang),
        key=_key("period"),
        persist_state="session",
    )
    cumulative = st.checkbox(
        t("app.calibrate.cumulative"), help=t("app.calibrate.cumulative.help"), key=_key("cumulative")
    )
    return kind, period, cumulative


def _describe_sample(sample: Sample) -> None:
    lang = current_lang()
    read_as = t(f"app.calibrate.kind.{sample.kind}")
    if sample.kind == "series":
        read_as += f"{'، ' if lang == 'fa' else ', '}{PERIOD.label(lang)}: {PERIOD.choice_label(sample.period, lang)}"
        if sample.cumulative:
            read_as += f"{'، ' if lang == 'fa' else ', '}{t('app.calibrate.cumulative')}"
    st.caption(t("app.calibrate.sample.read-as", kind=read_as))
    st.caption(t("app.calibrate.sample.note"))


def data_inputs() -> dict[str, Any] | None:
    """The data widgets; returns what to fit (``data``, ``kind``, ``source``, ``period``,
    ``cumulative``), or None while there is nothing to fit yet."""
    source = st.radio(
        t("app.calibrate.source"),
        SOURCES,
        format_func={s: t(f"app.calibrate.source.{s}") for s in SOURCES}.__getitem__,
        key=_key("source"),
        persist_state="session",
    )
    if source == "sample":
        samples = {s.file: s for s in SAMPLES}
        chosen = st.selectbox(
            t("app.calibrate.sample"),
            list(samples),
            format_func={name: _sample_label(sample) for name, sample in samples.items()}.__getitem__,
            key=_key("sample"),
            persist_state="session",
        )
        sample = samples[chosen]
        _describe_sample(sample)
        data = sample.path.read_bytes()
        return {
            "data": data,
            "kind": sample.kind,
            "source": sample.file,
            "period": sample.period,
            "cumulative": sample.cumulative,
        }
    if source == "upload":
        upload = st.file_uploader(
            t("app.calibrate.upload"),
            type=["csv", "tsv", "txt"],
            max_upload_size=UPLOAD_MB,
            help=t("app.calibrate.upload.help", limit=plain_number(MAX_FILE_BYTES)),
            key=_key("upload"),
        )
        given: tuple[bytes | str, str] | None = None if upload is None else (upload.getvalue(), upload.name)
    else:
        text = st.text_area(t("app.calibrate.paste"), height=200, key=_key("paste"))
        given = (text, t("app.calibrate.pasted")) if text.strip() else None
    kind, period, cumulative = _kind_and_unit()
    if given is None:
        return None
    return {"data": given[0], "kind": kind, "source": given[1], "period": period, "cumulative": cumulative}


def fitted(request: dict[str, Any]) -> UploadFit:
    """The fit of ``request``, computed once per distinct input in this session."""
    data = request["data"]
    digest = hashlib.sha256(data if isinstance(data, bytes) else data.encode("utf-8", "surrogatepass")).hexdigest()
    key = (digest, type(data).__name__, *(request[k] for k in ("kind", "source", "period", "cumulative")))
    last = st.session_state.get(_FIT)
    if last is not None and last[0] == key:
        return last[1]
    result = read_upload(**request)
    st.session_state[_FIT] = (key, result)
    return result


def page() -> None:
    style()
    page_header(PAGE, CHAPTER)
    show_notices(Scenario(PAGE, Parameters), language_notices())
    write_url(PAGE, [])
    inputs, results = st.columns([1, 2], gap="large")
    with inputs, st.container(border=True):
        st.subheader(t("app.calibrate.data"))
        request = data_inputs()
    with results:
        st.subheader(t("app.results"))
        if request is None:
            st.info(t("app.calibrate.waiting"), icon="📄")
            return
        fit = fitted(request)
        if fit.payload is None:
            message = fit.notice(current_lang(), lambda name: t("app.calibrate.file") if name == "file" else name)
            st.warning(literal(t("app.calibrate.refused", message=message)), icon="⚠️")
            return
        view.results(fit)
