"""The Calibrate page in AppTest: every sample in both languages against ``smm fit``'s own JSON,
the link to the share loop or Bass page, uploads and pastes, bad files and the size limit."""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from streamlit.testing.v1 import AppTest

from simulator import data
from simulator.calibration import FORECAST_RNG, SAMPLES, Sample, read_upload, simulator_link
from simulator.cli_fit import shown_value
from simulator.limits import MAX_FILE_BYTES, UPLOAD_MB
from simulator.publish import streamlit_settings
from tests.app.conftest import open_calibrate, unescaped
from tests.test_cli_fuzz import run_smm

UI = data.ui()
PERSIAN_DIGIT, LATIN_DIGIT = re.compile("[۰-۹]"), re.compile("[0-9]")
SHARE_UNITS = {
    "share_rate": "fraction",
    "fanout": "people per share",
    "viral_coefficient": "",
    "conversion_rate": "fraction",
}
BASS_UNITS = {"p": "", "q": "", "market": "people"}


def _cli_payload(sample: Sample) -> dict[str, Any]:
    """What ``smm fit ... --format json`` prints for the sample file (the CLI reads it from disk)."""
    argv = ["fit", "share" if sample.kind == "posts" else "bass", "--file", str(sample.path), "--format", "json"]
    if sample.kind == "series":
        argv += ["--period", sample.period] + ["--cumulative"] * sample.cumulative
    code, out, err = run_smm(argv)
    assert code == 0, err
    return json.loads(out)


def _open_sample(sample: Sample, lang: str) -> AppTest:
    at = open_calibrate({"lang": lang} if lang == "fa" else None)
    at.selectbox(key="calibrate.sample").set_value(sample.file).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _estimates(at: AppTest, lang: str) -> list[list[str]]:
    """The estimates table (the one headed Estimate / Value / 95% interval) as rows of cells."""
    header = [UI[f"app.calibrate.{k}"](lang) for k in ("estimate", "value", "interval")]
    (table,) = [t.value for t in at.table if list(t.value.columns) == header]
    return table.values.tolist()


def _link_query(at: AppTest) -> tuple[str, dict[str, str]]:
    (button,) = at.get("link_button")
    url = urlsplit(button.proto.url)
    return url.path, {k: v[0] for k, v in parse_qs(url.query).items()}


@pytest.mark.parametrize("lang", ["en", "fa"])
@pytest.mark.parametrize("sample", SAMPLES, ids=lambda s: s.file.removesuffix(".csv"))
def test_every_sample_shows_the_cli_estimates_and_links_them(sample: Sample, lang: str) -> None:
    at = _open_sample(sample, lang)
    assert not at.warning, [w.value for w in at.warning]
    payload = _cli_payload(sample)
    totals = payload["totals"]
    units = SHARE_UNITS if sample.kind == "posts" else BASS_UNITS
    rows = _estimates(at, lang)
    assert len(rows) == len(units) + 1  # the estimates, then the count of posts or periods
    for (name, unit), (_, value, interval) in zip(units.items(), rows, strict=False):
        if totals[name] is None:
            assert value == "—"
            assert interval.startswith(UI["app.calibrate.not-estimated"](lang).split("{")[0])
            continue
        assert value == shown_value(totals[name], unit, lang), name
        low, high = (shown_value(totals[f"{name}{end}"], unit, lang) for end in ("_low", "_high"))
        assert interval == UI["app.calibrate.range"](lang).format(low=low, high=high), name
    count = totals["posts" if sample.kind == "posts" else "periods"]
    assert rows[-1][1] == (
        str(count) if lang == "en" else str(count).translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    )
    # Every number in the language's own digits, none in the other's.
    cells = " ".join(" ".join(row) for row in rows)
    assert PERSIAN_DIGIT.search(cells) if lang == "fa" else LATIN_DIGIT.search(cells)
    assert not (LATIN_DIGIT if lang == "fa" else PERSIAN_DIGIT).search(cells), cells
    # The link opens the share loop (or Bass) page on the fitted values, exactly.
    page, query = _link_query(at)
    assert page == ("share" if sample.kind == "posts" else "bass")
    assert query.get("lang") == ("fa" if lang == "fa" else None)
    names = ("share_rate", "fanout", "conversion_rate") if sample.kind == "posts" else ("p", "q")
    for name in names:
        if totals[name] is None:
            assert name not in query
        else:
            assert float(query[name]) == totals[name], name
    if sample.kind == "series":
        assert int(query["market"]) == round(totals["market"])
        assert query["period"] == sample.period  # the Bass page reads p and q per the data's period


def test_the_meta_sample_in_english_and_persian_by_hand() -> None:
    # The fit of synthetic-meta-posts.csv (share rate 0.4358%, fan-out 20.70; smm fit share gives the same).
    sample = SAMPLES[0]
    assert sample.file == "synthetic-meta-posts.csv"
    english = _estimates(_open_sample(sample, "en"), "en")
    assert english[0] == ["Share rate", "0.436%", "0.362% to 0.53%"]
    assert english[1] == ["Fan-out", "20.7", "19.3 to 22.2"]
    persian = _estimates(_open_sample(sample, "fa"), "fa")
    assert persian[0] == ["نرخ اشتراک‌گذاری", "۰٫۴۳۶٪", "از ۰٫۳۶۲٪ تا ۰٫۵۳٪"]
    assert persian[1] == ["گستردگی هر اشتراک", "۲۰٫۷", "از ۱۹٫۳ تا ۲۲٫۲"]
    assert persian[4] == ["پست‌ها", "۱۸۰", ""]


def test_groups_spread_and_columns_read_are_shown() -> None:
    at = _open_sample(SAMPLES[0], "en")
    tables = {tuple(t.value.columns): t.value for t in at.table}
    read = tables[("Column in the file", "Read as")]
    columns = {
        unescaped(column): field for column, field in zip(read["Column in the file"], read["Read as"], strict=True)
    }
    assert columns["reach_followers"] == "Reach among followers (the seed)"
    assert columns["conversions"] == "Conversions"
    spread = tables[("Which posts", "Share of the people reached")]
    assert spread["Share of the people reached"].tolist() == ["0.0147%", "0.236%", "1.12%"]
    platforms = tables[("Platform", "Posts", "Share rate", "Viral coefficient")]
    assert platforms["Platform"].tolist() == ["instagram", "facebook"]
    assert platforms["Posts"].tolist() == ["80", "100"]
    formats = tables[("Format", "Posts", "Share rate", "Viral coefficient")]
    assert formats["Format"].tolist() == ["photo", "reel", "link"]
    captions = [c.value for c in at.caption]
    assert UI["app.calibrate.tipping.below"]("en") in captions
    assert any(c.startswith("The top 10% are shared 4.8 times") for c in captions)
    (chart,) = at.get("vega_lite_chart")
    spec = json.loads(chart.proto.spec)
    layers = [layer["encoding"] for layer in spec["layer"]]
    assert [(e["x"]["title"], e["y"]["title"]) for e in layers] == [("Reach", "Shares")] * 2
    assert layers[0]["color"]["scale"]["domain"] == ["Observed", "Fitted"]


def test_the_bass_peak_or_why_not() -> None:
    weekly = _open_sample(SAMPLES[3], "en")
    assert any(m.value.startswith("**Peak of new adopters:** 19.2 weeks after the start") for m in weekly.markdown)
    monthly = _open_sample(SAMPLES[4], "fa")
    note = _cli_payload(SAMPLES[4])["totals"]["peak_note_fa"]
    assert f"**{UI['app.calibrate.peak']('fa')}:** {note}" in [m.value for m in monthly.markdown]
    assert "۱۰" in note


def _upload(at: AppTest, content: bytes, name: str = "posts.csv") -> AppTest:
    at.radio(key="calibrate.source").set_value("upload").run()
    at.file_uploader(key="calibrate.upload").set_value((name, content, "text/csv")).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_an_upload_is_fitted_like_the_same_sample() -> None:
    sample = SAMPLES[0]
    at = _upload(open_calibrate(), sample.path.read_bytes(), sample.file)
    assert _estimates(at, "en") == _estimates(_open_sample(sample, "en"), "en")
    # The uploader says the same limit as Streamlit's server setting and nginx (limits.UPLOAD_MB).
    assert at.file_uploader(key="calibrate.upload").proto.max_upload_size_mb == UPLOAD_MB
    assert streamlit_settings()["server.maxUploadSize"] == str(UPLOAD_MB)


def test_a_series_upload_takes_its_period_unit_and_flag() -> None:
    sample = SAMPLES[4]
    at = open_calibrate()
    at.radio(key="calibrate.source").set_value("upload").run()
    at.radio(key="calibrate.kind").set_value("series").run()
    at.selectbox(key="calibrate.period").set_value("month").run()
    at.checkbox(key="calibrate.cumulative").check().run()
    _upload(at, sample.path.read_bytes(), sample.file)
    assert _estimates(at, "en") == _estimates(_open_sample(sample, "en"), "en")
    assert _estimates(at, "en")[0][0] == "Innovation coefficient p (per month)"


def test_pasted_text_is_fitted() -> None:
    at = open_calibrate()
    at.radio(key="calibrate.source").set_value("paste").run()
    assert [i.value for i in at.info] == [UI["app.calibrate.waiting"]("en")]
    at.text_area(key="calibrate.paste").input("reach,shares\n1000,4\n2000,10\n1500,3\n").run()
    assert not at.exception
    rows = _estimates(at, "en")
    assert rows[-1] == ["Posts", "3", ""]
    # 17 shares from 4,500 people reached, by hand: the estimate's centre is near 0.378%.
    assert rows[0][1].endswith("%")


BAD_FILES = [
    # (content, row, column as written in the file)
    (b"Reach,Shares\n1000,4\n2000,-3\n", 3, "Shares"),
    (b"reach;shares\n1000;4\n2000;10\n0;1\n", 4, "reach"),
    (b"reach,shares\n1000,4\n2000,3000\n", 3, "shares"),
    (b"reach,shares\n1000,4\n2000,lots\n", 3, "shares"),
]


@pytest.mark.parametrize(("content", "row", "column"), BAD_FILES)
def test_a_bad_file_gets_a_notice_naming_row_and_column(content: bytes, row: int, column: str) -> None:
    english = _upload(open_calibrate(), content)
    (notice,) = [unescaped(w.value) for w in english.warning]
    assert notice.startswith("These data could not be fitted. posts.csv, row ")
    assert f"posts.csv, row {row}, column '{column}'" in notice
    persian = _upload(open_calibrate({"lang": "fa"}), content)
    (notice_fa,) = [unescaped(w.value) for w in persian.warning]
    digit = str(row).translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    assert f"posts.csv، ردیف {digit}، ستون «{column}»" in notice_fa
    assert notice_fa.startswith("این داده‌ها برازش نشدند.")
    assert not english.get("link_button")
    assert not persian.get("link_button")


def test_a_file_the_model_cannot_fit_names_the_column() -> None:
    at = _upload(open_calibrate(), b"reach,shares\n1000,0\n2000,0\n")
    (notice,) = [unescaped(w.value) for w in at.warning]
    assert "posts.csv, column 'shares'" in notice


def test_an_oversize_upload_is_refused_with_the_limit_named() -> None:
    # Rows long enough (a note column) that the byte limit comes before the row limit.
    header, row = b"reach,shares,note\n", b"1000,4," + b"x" * 53 + b"\n"
    rows = (MAX_FILE_BYTES + 1 - len(header)) // len(row) - 1
    last = b"1000,4," + b"x" * (MAX_FILE_BYTES + 1 - len(header) - (rows + 1) * len(row) + 53) + b"\n"
    content = header + row * rows + last
    assert len(content) == MAX_FILE_BYTES + 1
    at = _upload(open_calibrate(), content)
    (notice,) = [unescaped(w.value) for w in at.warning]
    assert "is 1,000,001 bytes, more than the 1,000,000-byte limit" in notice
    persian = _upload(open_calibrate({"lang": "fa"}), content)
    (notice_fa,) = [unescaped(w.value) for w in persian.warning]
    assert "۱٬۰۰۰٬۰۰۱ بایت است، بیش از سقف ۱٬۰۰۰٬۰۰۰ بایت" in notice_fa
    # One byte less is read (and fitted).
    assert read_upload(content[:-2] + b"\n", "posts", source="posts.csv").error is None


def test_file_text_is_shown_as_written_not_as_markdown() -> None:
    at = _upload(open_calibrate(), b"reach,shares,[click](http://example.com)\n1000,4,x\n2000,10,y\n")
    (ignored,) = [c.value for c in at.caption if c.value.startswith("Columns not used")]
    assert ignored == r"Columns not used: \[click\]\(http\:\/\/example\.com\)"


def test_a_fitted_value_outside_the_share_page_is_named_not_clamped() -> None:
    # Each share reaches about 100,000 new people: beyond the fan-out's declared maximum of 5,000.
    content = b"reach,reach_followers,shares\n1000100,100,10\n2000100,100,20\n1500100,100,15\n"
    link = simulator_link(read_upload(content, "posts", source="posts.csv").payload)  # type: ignore[arg-type]
    assert "fanout" not in link.values
    (error,) = link.outside
    assert error.name == "fanout"
    at = _upload(open_calibrate(), content)
    _, query = _link_query(at)
    assert "fanout" not in query
    assert "share_rate" in query
    (notice,) = [w.value for w in at.warning]
    assert notice.startswith("The page cannot take this fitted value, so the link leaves it at the page's own value: ")
    assert "Fan-out = 100,000 is outside the allowed range" in notice


def _forecast_table(at: AppTest, lang: str) -> list[list[str]]:
    header = [UI[f"app.calibrate.forecast.{k}"](lang) for k in ("quantity", "median", "band")]
    (table,) = [t.value for t in at.table if list(t.value.columns) == header]
    return table.values.tolist()


@pytest.mark.parametrize("lang", ["en", "fa"])
def test_the_next_post_is_forecast_from_the_fit_and_the_seed_reach_given(lang: str) -> None:
    from simulator.declarations import STEPS
    from simulator.models.forecast import forecast_post
    from simulator.results import quantity

    sample = SAMPLES[0]
    upload = read_upload(sample.path.read_bytes(), "posts", source=sample.file)
    at = _open_sample(sample, lang)
    seed = at.number_input(key="calibrate.seed_reach")
    # The seed starts at the median post's reach among followers in the file.
    followers = sorted(row["reach_followers"] for row in upload.payload["series"])  # type: ignore[index]
    assert seed.value == round((followers[89] + followers[90]) / 2)
    seed.set_value(10_000).run()
    at.number_input(key="calibrate.audience").set_value(2_000_000).run()
    forecast = forecast_post(upload.fit, seed_reach=10_000, audience=2_000_000, steps=STEPS.default, rng=FORECAST_RNG)  # type: ignore[arg-type]
    rows = _forecast_table(at, lang)
    assert [row[0] for row in rows] == [
        quantity(n).label(lang) for n in ("reach", "earned_reach", "shares", "conversions")
    ]
    for row, name in zip(rows, ("reach", "earned_reach", "shares", "conversions"), strict=True):
        unit = quantity(name).unit
        assert row[1] == shown_value(forecast.median[name], unit, lang)
        low, high = shown_value(forecast.low[name], unit, lang), shown_value(forecast.high[name], unit, lang)
        assert row[2] == UI["app.calibrate.range"](lang).format(low=low, high=high)
    # Reach of the next post is at least its seed: 10,000 people in every run.
    assert forecast.low["reach"] >= 10_000


def test_no_next_post_forecast_without_a_fan_out() -> None:
    at = _open_sample(SAMPLES[2], "en")  # Telegram: views and forwards, no reach among followers
    assert UI["app.calibrate.forecast.needs-fanout"]("en") in [c.value for c in at.caption]
    assert not at.number_input


def test_a_seed_above_the_audience_gets_a_notice_not_a_forecast() -> None:
    at = _open_sample(SAMPLES[0], "en")
    at.number_input(key="calibrate.audience").set_value(1_000).run()
    (notice,) = [w.value for w in at.warning]
    assert notice.startswith("No forecast for these inputs: Seed reach = ")
    assert "Audience size" in notice


def test_the_next_periods_of_an_adoption_series() -> None:
    from simulator.models.forecast import forecast_bass

    sample = SAMPLES[3]
    at = _open_sample(sample, "en")
    at.slider(key="calibrate.horizon").set_value(26).run()
    fit = read_upload(sample.path.read_bytes(), "series", source=sample.file).fit
    forecast = forecast_bass(fit, horizon=26, rng=FORECAST_RNG)  # type: ignore[arg-type]
    rows = _forecast_table(at, "en")
    assert rows[1] == [
        "Adopters (cumulative)",
        shown_value(forecast.median["adopters"], "people", "en"),
        f"{shown_value(forecast.low['adopters'], 'people', 'en')} to {shown_value(forecast.high['adopters'], 'people', 'en')}",
    ]
    assert "**Forecast: the 26 periods after your data (week)**" in [m.value for m in at.markdown]
