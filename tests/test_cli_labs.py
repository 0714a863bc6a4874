"""`smm crisis` and `smm segments`: exit codes, one-line errors, JSON shape, segment input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from simulator.cli import main
from simulator.cli_labs import crisis_notes
from simulator.models.crisis import CrisisParams, crisis, story_reach_by_response_time
from simulator.models.segments import DEFAULT_SEGMENTS, SegmentsParams

LOYAL = "name=Loyal,size=20000,share_rate=0.08,fanout=12,conversion_rate=0.05,cost_per_reach=0.02"
BROAD = "name=Broad,size=2,000,000,share_rate=0.01,fanout=8,conversion_rate=0.002,cost_per_reach=0.004"


def smm(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the real command in a subprocess, as a user would."""
    return subprocess.run([sys.executable, "-m", "simulator", *args], capture_output=True, text=True, check=False)


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict:
    assert main([*args, "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


def one_line_error(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(list(args)) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, captured.err
    return lines[0]


# --- crisis -----------------------------------------------------------------------------------


def test_crisis_json_has_series_totals_and_curve(capsys: pytest.CaptureFixture[str]) -> None:
    payload = run_json(capsys, "crisis", "--steps", "20", "--response-hours", "3")
    assert set(payload) == {"model", "params", "totals", "series", "curve"}
    assert payload["params"] == CrisisParams(steps=20, response_hours=3).as_dict()
    assert len(payload["series"]) == 21
    assert payload["series"][0]["story_reach"] == 2_000
    reach = [row["story_reach"] for row in payload["curve"]]
    assert reach == sorted(reach)
    assert 3.0 in [row["response_hours"] for row in payload["curve"]]
    assert payload["totals"]["story_reach"] < payload["totals"]["story_reach_no_response"]


def test_crisis_instant_full_response_in_the_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    payload = run_json(capsys, "crisis", "--response-hours", "0", "--response-effectiveness", "1")
    assert payload["totals"]["story_reach"] == payload["params"]["seed_reach"]


def test_crisis_without_response(capsys: pytest.CaptureFixture[str]) -> None:
    payload = run_json(capsys, "crisis", "--respond", "no")
    assert payload["totals"]["reach_prevented"] == 0
    assert payload["totals"]["response_step"] is None
    assert payload["totals"]["response_reach"] == 0


def test_crisis_table_shows_the_curve(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["crisis", "--response-hours", "12"]) == 0
    out = capsys.readouterr().out
    assert "Answering after 12 h keeps the story to" in out
    assert "Final story reach by response time" in out
    assert "Reached by your answer" in out


def test_a_curve_row_without_an_answer_reads_never_in_both_languages() -> None:
    """The curve's rows write "no answer" (``inf`` hours) as ``None``. No command's grid holds it
    today (every response time is finite), but the table reads such a row as never / هرگز,
    with the story's reach when nobody answers."""
    params = CrisisParams(steps=20, response_hours=3)
    payload = crisis(params).to_dict()
    payload["curve"] = story_reach_by_response_time(params, np.array([3.0, np.inf])).rows()
    answered = f"{round(payload['totals']['story_reach']):,}"
    unanswered = f"{round(payload['totals']['story_reach_no_response']):,}"
    assert crisis_notes(payload, "en")[-2:] == [
        f"       3 h  {answered:>12} people",
        f"     never  {unanswered:>12} people",
    ]
    persian = str.maketrans("0123456789,", "۰۱۲۳۴۵۶۷۸۹٬")
    assert crisis_notes(payload, "fa")[-2:] == [
        f"    ۳ ساعت  {answered.translate(persian):>12} نفر",
        f"      هرگز  {unanswered.translate(persian):>12} نفر",
    ]


def test_crisis_table_in_persian(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["crisis", "--lang", "fa"]) == 0
    out = capsys.readouterr().out
    assert "زمان پاسخ‌گویی" in out
    assert "افرادی که خبر منفی را دیده‌اند" in out


def test_crisis_csv_has_a_row_per_step(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["crisis", "--steps", "8", "--format", "csv"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0].startswith("step,day,hour,story_new_reach,story_reach")
    assert len(lines) == 1 + 9


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--response-hours", "721"], "--response-hours = 721 is outside the allowed range: 0 to 720 hours"),
        (["--response-hours", "soon"], "--response-hours = 'soon' is not a number"),
        (["--response-effectiveness", "1.5"], "--response-effectiveness = 1.5 is outside the allowed range: 0 to 1"),
        (["--respond", "maybe"], "--respond = 'maybe' is not a valid choice: one of yes, no"),
        (["--audience", "5000"], "--response-reach = 10,000 is too large: at most --audience = 5,000 people"),
    ],
)
def test_crisis_bad_input(capsys: pytest.CaptureFixture[str], args: list[str], needle: str) -> None:
    assert needle in one_line_error(capsys, "crisis", *args)


def test_crisis_exit_code_in_a_real_process() -> None:
    out = smm("crisis", "--response-hours", "-1")
    assert out.returncode == 2
    assert out.stderr.strip() == (
        "smm crisis: error: --response-hours = -1 is outside the allowed range: 0 to 720 hours"
    )


# --- segments ---------------------------------------------------------------------------------


def test_segments_default_json(capsys: pytest.CaptureFixture[str]) -> None:
    payload = run_json(capsys, "segments")
    assert set(payload) == {"model", "params", "totals", "series"}
    assert payload["params"] == SegmentsParams().as_dict() == {"budget": 1_000.0, "budget_units": 100}
    assert [row["segment"] for row in payload["series"]] == [s.name for s in DEFAULT_SEGMENTS]
    assert sum(row["spend"] for row in payload["series"]) == pytest.approx(payload["totals"]["spent"])
    assert payload["totals"]["conversions"] == pytest.approx(sum(row["conversions"] for row in payload["series"]))


def test_segments_from_flags(capsys: pytest.CaptureFixture[str]) -> None:
    payload = run_json(capsys, "segments", "--budget", "2,000", "--segment", LOYAL, "--segment", BROAD)
    rows = payload["series"]
    assert [row["segment"] for row in rows] == ["Loyal", "Broad"]
    assert rows[1]["size"] == 2_000_000
    assert payload["totals"]["budget"] == 2_000
    assert payload["totals"]["spent"] + payload["totals"]["unspent"] == pytest.approx(2_000)


@pytest.mark.parametrize("suffix", [".yml", ".json"])
def test_segments_from_a_file(capsys: pytest.CaptureFixture[str], tmp_path: Path, suffix: str) -> None:
    data = {
        "segments": [
            {"name": "Loyal", "name_fa": "وفادار", "size": 20_000, "share_rate": 0.08, "cost_per_reach": 0.02},
            {"name": "Cold", "size": "500,000", "conversion_rate": 0.002},
        ]
    }
    path = tmp_path / f"segments{suffix}"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")  # JSON is valid YAML too
    payload = run_json(capsys, "segments", "--segments-file", str(path), "--segment", "name=Extra,size=1000")
    assert [row["segment"] for row in payload["series"]] == ["Loyal", "Cold", "Extra"]
    assert payload["series"][0]["segment_fa"] == "وفادار"
    assert payload["series"][1]["size"] == 500_000


def test_segments_table_and_csv(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["segments"]) == 0
    out = capsys.readouterr().out
    assert "Existing customers" in out
    assert "greedy split is the best possible one" in out
    assert main(["segments", "--format", "csv"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0].startswith("segment,segment_fa,size,share_rate")
    assert len(lines) == 1 + len(DEFAULT_SEGMENTS)


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("en", "  Each of 20 slices of 30 went to the segment where it added the most conversions;"),
        ("fa", "  هر یک از ۲۰ برشِ ۳۰ واحدی به بخشی رسید که بیشترین تبدیل را به آن می‌افزود؛"),
    ],
    ids=["en", "fa"],
)
def test_segments_note_names_the_slices_and_their_size(
    capsys: pytest.CaptureFixture[str], lang: str, line: str
) -> None:
    """A budget of 600 in 20 slices: slices of 600 / 20 = 30, by hand."""
    assert main(["segments", "--budget", "600", "--budget-units", "20", "--lang", lang]) == 0
    assert line in capsys.readouterr().out.splitlines()


def test_segments_help_lists_the_segment_flags(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["segments", "--help"])
    assert exit_.value.code == 0
    text = " ".join(capsys.readouterr().out.split())
    for flag in ("--segment FIELDS", "--segments-file PATH", "--budget", "--budget-units", "cost_per_reach"):
        assert flag in text


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (
            ["--segment", LOYAL, "--segment", "name=Lookalikes,share_rate=1.4"],
            'segments[2].share_rate = 1.4 is outside the allowed range: 0 to 1 (segment "Lookalikes")',
        ),
        (["--segment", "name=A,colour=red"], "segments[1].colour = 'red' is not a field: use name, name_fa, size"),
        (["--segment", "name=A,size=-5"], "segments[1].size = -5 is outside the allowed range: whole number 1 to"),
        (["--segment", "loyal"], "segments[1] = 'loyal' is not a key=value pair"),
        (["--budget", "-1"], "--budget = -1 is outside the allowed range: 0 to 1,000,000,000 currency units"),
        (["--budget-units", "1001"], "--budget-units = 1001 is outside the allowed range: whole number 1 to 1,000"),
        (["--segments-file", "/no/such/file.yml"], "--segments-file = '/no/such/file.yml' could not be read"),
    ],
)
def test_segments_bad_input(capsys: pytest.CaptureFixture[str], args: list[str], needle: str) -> None:
    assert needle in one_line_error(capsys, "segments", *args)


def test_segments_too_many(capsys: pytest.CaptureFixture[str]) -> None:
    args = [x for i in range(21) for x in ("--segment", f"name=S{i}")]
    assert "segments = 21 is outside the allowed range: whole number 1 to 20 segments" in one_line_error(
        capsys, "segments", *args
    )


@pytest.mark.parametrize(
    ("content", "needle"),
    [("name: A\nsize: 10\n", "does not hold a list of segments"), ("[unclosed", "is not valid YAML or JSON")],
)
def test_segments_bad_file(capsys: pytest.CaptureFixture[str], tmp_path: Path, content: str, needle: str) -> None:
    path = tmp_path / "bad.yml"
    path.write_text(content, encoding="utf-8")
    assert needle in one_line_error(capsys, "segments", "--segments-file", str(path))


def test_segments_exit_code_in_a_real_process() -> None:
    out = smm("segments", "--segment", "name=X,conversion_rate=2")
    assert out.returncode == 2
    assert out.stderr.strip() == (
        'smm segments: error: segments[1].conversion_rate = 2 is outside the allowed range: 0 to 1 (segment "X")'
    )
