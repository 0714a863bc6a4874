"""Hostile uploads: whatever bytes or text reach the Calibrate page's read function, it returns a
fit or a notice in both languages – never an exception – and a fit's link stays in bounds."""

from __future__ import annotations

import math

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from simulator.calibration import KINDS, read_upload, simulator_link
from simulator.declarations import PERIOD
from simulator.exports import POST_ALIASES, SERIES_ALIASES
from simulator.report import to_json
from tests.test_cli_fuzz import HOSTILE_NUMBERS, HOSTILE_WORDS

HEADERS = [*sorted({a.header for a in (*POST_ALIASES, *SERIES_ALIASES)}), "", "x", '"', "a,b", "\ufeffreach"]
CELLS = st.one_of(
    st.integers(0, 10_000).map(str),
    st.integers(-5, 10**12).map(lambda n: f"{n:,}"),
    st.sampled_from(HOSTILE_NUMBERS + HOSTILE_WORDS),
    st.text(max_size=8),
)


@st.composite
def csv_texts(draw: st.DrawFn) -> str:
    """A CSV-shaped text: known and unknown column names, rows of numbers and hostile cells,
    ragged rows, quotes, any of the three separators, sometimes cut off mid-row."""
    separator = draw(st.sampled_from([",", ";", "\t", "|"]))
    header = draw(st.lists(st.sampled_from(HEADERS), min_size=1, max_size=6))
    rows = draw(st.lists(st.lists(CELLS, min_size=0, max_size=len(header) + 2), max_size=12))
    text = "\n".join(separator.join(line) for line in [header, *rows])
    if draw(st.booleans()):
        text = text[: draw(st.integers(0, len(text)))]
    return text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.one_of(st.binary(max_size=600), csv_texts(), csv_texts().map(lambda s: s.encode("utf-8", "surrogatepass"))),
    kind=st.sampled_from(KINDS),
    period=st.sampled_from(PERIOD.choices),
    cumulative=st.booleans(),
)
@example(data=b"\xff\xfe\x00r", kind="posts", period="week", cumulative=False)
@example(data="reach,shares\n" + "1000,4\n" * 3, kind="posts", period="week", cumulative=False)
@example(data="week,signups\n1,5\n2,9\n3,20\n4,31\n5,30\n", kind="series", period="week", cumulative=True)
@example(data='reach,shares\n"1,000",4\n"2,000\n', kind="posts", period="week", cumulative=False)
@example(data="reach,shares\n1e10,1e10\n1e10,0\n", kind="posts", period="week", cumulative=False)
def test_any_upload_gives_a_fit_or_a_notice(data: str | bytes, kind: str, period: str, cumulative: bool) -> None:
    result = read_upload(data, kind, source="upload.csv", period=period, cumulative=cumulative)  # type: ignore[arg-type]
    assert (result.payload is None) != (result.error is None)
    if result.error is not None:
        english, persian = result.notice("en"), result.notice("fa")
        assert english.startswith("upload.csv") or english.startswith("file = 'upload.csv'"), english
        assert persian
        assert persian != english
        return
    payload = result.payload
    assert payload is not None
    for name, value in payload["totals"].items():
        if isinstance(value, float):
            assert math.isfinite(value), name
    to_json(payload)
    link = simulator_link(payload)
    for name, value in link.values.items():
        assert link.params.specs()[name].check(value) == value
