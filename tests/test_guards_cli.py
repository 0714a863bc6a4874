"""Guards for `smm` output that a hand-made bug once slipped past (issue #15).

Each test pins an exact, independently known value: the literal CSV header of a command,
the row count from the step count, the last step of a sampled table, the percentage a
known fraction must print as.
"""

from __future__ import annotations

import csv
import io

import pytest

from simulator.cli import main

# Every column of each command's CSV, in order, written out by hand: a column lost at the
# end (or anywhere) changes the header. The row count follows from the inputs.
CSV_HEADERS = {
    "share": "step,day,new_reach,reach,impressions,shares,conversions,cumulative_conversions",
    "referral": "step,day,new_customers,customers,total_acquired",
    "bass": "step,new_adopters,adopters,adoption_fraction",
    "sweep": "share_rate,audience,reach,conversions",
    "goal": "step,day,new_reach,reach,impressions,shares,conversions,cumulative_conversions",
    "crisis": "step,day,hour,story_new_reach,story_reach,story_impressions,story_shares,response_reach,story_only_reach",
    "segments": "segment,segment_fa,size,share_rate,fanout,conversion_rate,cost_per_reach,spend,seed_reach,reach,"
    "conversions,next_unit_conversions",
    "network": "step,reach_mean,reach_p5,reach_p95,shares_mean,shares_p5,shares_p95,conversions_mean,conversions_p5,"
    "conversions_p95",
}

# (command, flags, data rows): steps 0..T give T + 1 rows; 20 days of 2-day cycles are
# 10 cycles, 11 rows; the sweep's default grid is 20 x 20; three default segments; the
# network series runs to the last step while some run is still spreading.
CSV_CASES = [
    ("share", ["--steps", "7"], 8),
    ("share", [], 61),
    ("referral", ["--days", "20", "--cycle-days", "2"], 11),
    ("bass", ["--steps", "12"], 13),
    ("sweep", [], 400),
    ("goal", ["--days", "30", "--cycle-days", "1"], 31),
    ("crisis", ["--steps", "9"], 10),
    ("segments", [], 3),
    # Everyone shares and every contact sees it, so the cascade is still spreading at step 3.
    ("network", ["--audience", "500", "--share-rate", "1", "--visibility", "1", "--runs", "4", "--steps", "3"], 4),
]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    code = main(list(args))
    out = capsys.readouterr().out
    assert code == 0, out
    return out


@pytest.mark.parametrize(("command", "flags", "rows"), CSV_CASES, ids=[f"{c[0]}-{c[2]}" for c in CSV_CASES])
def test_csv_has_every_declared_column_and_every_row(
    capsys: pytest.CaptureFixture[str], command: str, flags: list[str], rows: int
) -> None:
    out = run(capsys, command, *flags, "--format", "csv")
    lines = out.splitlines()
    assert lines[0] == CSV_HEADERS[command]
    assert len(lines) == rows + 1
    width = len(CSV_HEADERS[command].split(","))
    parsed = list(csv.reader(io.StringIO(out)))
    assert all(len(row) == width for row in parsed), [len(row) for row in parsed]
    assert all(cell != "" for row in parsed[1:] for cell in row)


def test_share_csv_last_column_holds_the_running_total(capsys: pytest.CaptureFixture[str]) -> None:
    """The last column is cumulative conversions: the running sum of the conversions column."""
    rows = list(csv.DictReader(io.StringIO(run(capsys, "share", "--steps", "5", "--format", "csv"))))
    total = 0.0
    for row in rows:
        total += float(row["conversions"])
        assert float(row["cumulative_conversions"]) == pytest.approx(total, rel=1e-12)
    # Step 0 by hand: seed reach 1,000 (default) x conversion rate 0.1% (default) = 1 person.
    assert rows[0]["cumulative_conversions"] == "1.0"


def _series_lines(table: str) -> list[list[str]]:
    """The rows of a table's Series section, split into cells (header row first)."""
    lines = table.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Series"))
    return [line.split() for line in lines[start + 1 :] if line.strip()]


@pytest.mark.parametrize(
    ("steps", "shown_steps"),
    [
        # 50 rows, at most 25 shown: every ceil(49 / 24) = 3rd row, 0, 3, ..., 48; step 49
        # is not on that grid and must still close the table.
        (49, [*range(0, 49, 3), 49]),
        # 61 rows: every ceil(60 / 24) = 3rd, 0..60, the last on the grid.
        (60, list(range(0, 61, 3))),
        # 25 rows fit: every row, none dropped.
        (24, list(range(25))),
        (5, list(range(6))),
    ],
)
def test_sampled_table_keeps_the_last_step(
    capsys: pytest.CaptureFixture[str], steps: int, shown_steps: list[int]
) -> None:
    table = run(capsys, "share", "--steps", str(steps), "--cycle-days", "1")
    body = _series_lines(table)[1:]  # after the column labels
    assert [int(cells[0]) for cells in body] == shown_steps
    assert body[-1][:2] == [str(steps), str(steps)]  # step and day (one-day cycles)
    every = shown_steps[1] - shown_steps[0]
    heading = next(line for line in table.splitlines() if line.startswith("Series"))
    assert heading == ("Series" if every == 1 else f"Series (every {every} rows of {steps + 1}; --format csv for all)")


def test_sampled_table_last_row_matches_the_csv_last_row(capsys: pytest.CaptureFixture[str]) -> None:
    flags = ["share", "--steps", "49", "--fanout", "30", "--share-rate", "0.1"]
    last = list(csv.DictReader(io.StringIO(run(capsys, *flags, "--format", "csv"))))[-1]
    cells = _series_lines(run(capsys, *flags))[-1]
    assert cells[0] == last["step"] == "49"
    assert cells[3] == f"{float(last['reach']):,.0f}"


# Ten people on a ring, each with two contacts; nobody sees a share (visibility 0), so
# exactly the 4 seeds are reached in every run: 4 / 10 = 40% of the audience.
NETWORK_40 = [
    "network",
    "--graph",
    "regular",
    "--audience",
    "10",
    "--avg-degree",
    "2",
    "--seeds",
    "4",
    "--visibility",
    "0",
    "--runs",
    "3",
    "--steps",
    "2",
]


def test_network_table_shows_a_reached_fraction_as_its_percentage(capsys: pytest.CaptureFixture[str]) -> None:
    table = run(capsys, *NETWORK_40)
    lines = [line.strip() for line in table.splitlines()]
    assert "Share of audience reached              40%" in lines
    assert "Mean reach                             4 people" in lines
    assert any(line.startswith("Mean reach 4 people (40% of the audience)") for line in lines), table
    assert "Feed visibility          0%" in lines
    assert "Share rate               0.2%" in lines  # the default share rate, 0.002
    assert "0.4%" not in table


def test_network_table_in_persian_shows_the_percentage_in_persian(capsys: pytest.CaptureFixture[str]) -> None:
    table = run(capsys, *NETWORK_40, "--lang", "fa")
    reached = next(line for line in table.splitlines() if "سهم مخاطبان دیده‌شده" in line)
    assert reached.split()[-1] == "۴۰٪"


def test_network_json_reach_fraction_is_a_fraction(capsys: pytest.CaptureFixture[str]) -> None:
    import json

    totals = json.loads(run(capsys, *NETWORK_40, "--format", "json"))["totals"]
    assert totals["reach_fraction"] == 0.4
    assert totals["reach_mean"] == 4
