"""Guard: where a benchmark range is summarised as one number, the number is its midpoint.

Every benchmark in playbook_data/metrics.yml is a single published value today (low ==
high), so the real data cannot tell a midpoint from an upper bound; these tests give a
metric a range whose midpoint, low and high all print differently (issue #15).
"""

from __future__ import annotations

import dataclasses

import pytest

from simulator import charts, data
from simulator.site.markers import PageContext
from simulator.site.renderers import metric_card, metric_summary

# A range of 2%–6% (midpoint (0.02 + 0.06) / 2 = 0.04, shown as 4%) and one of 60–180
# minutes (midpoint 120, shown as 120.0 minutes like every time in minutes).
RATE_RANGE = data.Benchmark(platform=data.Text("Testgram", "تست‌گرام"), low=0.02, high=0.06, source="S", year=2020)
TIME_RANGE = data.Benchmark(platform=data.Text("Inbox", "صندوق"), low=60.0, high=180.0, source="S", year=2020)


@pytest.fixture
def ranged_metrics(monkeypatch: pytest.MonkeyPatch) -> tuple[data.Metric, ...]:
    """The real metrics, with a range on the followers' engagement rate and the response time."""
    ranges = {"engagement_rate_followers": (RATE_RANGE,), "response_time": (TIME_RANGE,)}
    found = tuple(dataclasses.replace(m, benchmarks=ranges[m.id]) if m.id in ranges else m for m in data.metrics())
    monkeypatch.setattr(data, "metrics", lambda: found)
    monkeypatch.setattr(charts, "metrics", lambda: found)
    return found


def _row(table: str, anchor: str) -> list[str]:
    line = next(line for line in table.splitlines() if f"](#{anchor})" in line)
    return [cell.strip() for cell in line.strip("|").split("|")]


@pytest.mark.parametrize(
    ("lang", "rate", "time"),
    [("en", "Testgram 4%", "Inbox 120.0 minutes"), ("fa", "تست‌گرام ۴٪", "صندوق ۱۲۰٫۰ دقیقه")],
    ids=["en", "fa"],
)
def test_metric_summary_shows_the_midpoint_of_a_range(
    ranged_metrics: tuple[data.Metric, ...], lang: str, rate: str, time: str
) -> None:
    table = metric_summary(PageContext(lang, f"{lang}/metrics.md", "", "", "http://localhost:8501"), {})  # type: ignore[arg-type]
    assert _row(table, "engagement-rate-followers")[2] == rate
    assert _row(table, "response-time")[2] == time


def test_metric_summary_real_benchmarks_are_the_published_values() -> None:
    """The real single-value benchmarks, as the summary must show them."""
    table = metric_summary(PageContext("en", "en/metrics.md", "", "", "http://localhost:8501"), {})
    assert _row(table, "engagement-rate-followers")[2] == (
        "TikTok 2.63%, Instagram 0.47%, Facebook 0.063%, X (Twitter) 0.035%"
    )
    assert _row(table, "click-through-rate")[2] == "Facebook ads 0.9%"
    assert _row(table, "conversion-rate")[2] == "Facebook ads 9.21%"
    # "7 in 8 unanswered within 72 hours" counted all messages; it is no response-rate benchmark.
    assert _row(table, "response-rate")[2] == "no published benchmark we trust"
    assert _row(table, "response-time")[2] == "What customers expect 240.0 minutes"


@pytest.mark.parametrize(
    ("lang", "span"), [("en", "60.0 – 180.0 minutes"), ("fa", "۶۰٫۰ – ۱۸۰٫۰ دقیقه")], ids=["en", "fa"]
)
def test_metric_card_shows_a_time_range_with_its_unit(
    ranged_metrics: tuple[data.Metric, ...], lang: str, span: str
) -> None:
    card = metric_card(next(m for m in ranged_metrics if m.id == "response_time"), lang)  # type: ignore[arg-type]
    (row,) = [line for line in card.splitlines() if line.startswith(("| Inbox |", "| صندوق |"))]
    assert row.split("|")[2].strip() == span


def test_engagement_benchmark_chart_plots_the_midpoint(ranged_metrics: tuple[data.Metric, ...]) -> None:
    rows = charts.engagement_benchmarks("en").to_dict()["datasets"]
    (values,) = rows.values()
    assert [(v["platform"], v["rate"]) for v in values] == [("Testgram", pytest.approx(0.04, rel=1e-12))]


@pytest.mark.parametrize(
    ("query", "cell"),
    [
        (None, "Testgram 4% (S, 2020)"),
        # Engagements 3,400 / followers 48,000 = 7.08%, above 6% x 1.1: the verdict is read
        # from the range, the number shown is still its midpoint.
        ({"preset": "monthly-report"}, "above Testgram 4% (S, 2020)"),
        ({"lang": "fa"}, "تست‌گرام ۴٪ (\u2068S\u2069، ۲۰۲۰)"),
    ],
    ids=["en", "en-above", "fa"],
)
def test_app_metrics_page_shows_the_midpoint_of_a_range(
    ranged_metrics: tuple[data.Metric, ...], query: dict[str, str] | None, cell: str
) -> None:
    from tests.app.conftest import open_lab

    at = open_lab("metrics", query)
    assert not at.exception, [e.value for e in at.exception]
    table = at.table[0].value
    row = [m.id for m in ranged_metrics].index("engagement_rate_followers")
    assert table.iloc[row, -1] == cell
