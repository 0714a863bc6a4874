"""smm network: the done-when command, JSON shape, caps in --help, one-line errors (exit 2)."""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys

import pytest

from simulator.cli import main
from simulator.models.network import NetworkParams

DONE_WHEN = shlex.split(
    "network --graph scale-free --audience 100000 --avg-degree 10 --seeds 20 --seeding influencers "
    "--share-rate 0.3 --visibility 0.2 --conversion-rate 0.02 --runs 50 --rng-seed 1"
)


def smm(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the real command in a subprocess, as a user would."""
    return subprocess.run([sys.executable, "-m", "simulator", *args], capture_output=True, text=True, check=False)


def test_done_when_table_shows_mean_reach_with_band_shares_and_conversions() -> None:
    out = smm(*DONE_WHEN)
    assert out.returncode == 0, out.stderr
    text = out.stdout
    summary = re.search(r"Mean reach ([\d,]+) people .*5–95% of runs ([\d,]+) to ([\d,]+)", text)
    assert summary, text
    mean, low, high = (int(x.replace(",", "")) for x in summary.groups())
    assert low <= mean <= high
    assert 0 < mean < 100_000
    for label in ("Mean reach", "Reach, 5th percentile", "Reach, 95th percentile", "Mean shares", "Mean conversions"):
        assert label in text
    assert "Scale-free" in text


def test_json_shape_and_values(capsys: pytest.CaptureFixture[str]) -> None:
    args = [*DONE_WHEN, "--audience", "5000", "--runs", "12", "--format", "json"]
    assert main(args) == 0
    payload = json.loads(capsys.readouterr().out)
    assert set(payload) == {"model", "params", "totals", "series"}
    assert payload["model"] == "network"
    assert (
        payload["params"]
        == NetworkParams(
            graph="scale-free",
            audience=5_000,
            avg_degree=10,
            seeds=20,
            seeding="influencers",
            share_rate=0.3,
            visibility=0.2,
            conversion_rate=0.02,
            runs=12,
            rng_seed=1,
        ).as_dict()
    )
    assert payload["totals"]["runs"] == 12
    first = payload["series"][0]
    assert list(first)[:4] == ["step", "reach_mean", "reach_p5", "reach_p95"]
    assert first["reach_mean"] == 20
    totals = payload["totals"]
    assert totals["reach_p5"] <= totals["reach_mean"] <= totals["reach_p95"] <= 5_000
    assert totals["conversions_mean"] <= totals["reach_mean"]


def test_same_seed_same_output(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["network", "--audience", "3000", "--runs", "8", "--format", "json"]
    main(args)
    first = capsys.readouterr().out
    main(args)
    assert capsys.readouterr().out == first
    main([*args, "--rng-seed", "2"])
    assert capsys.readouterr().out != first


def test_csv_has_a_row_per_step(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["network", "--audience", "2000", "--runs", "5", "--format", "csv"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0].startswith("step,reach_mean,reach_p5,reach_p95,shares_mean")
    assert [int(line.split(",")[0]) for line in lines[1:]] == list(range(len(lines) - 1))


def test_help_states_the_caps(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["network", "--help"])
    assert exit_.value.code == 0
    text = " ".join(capsys.readouterr().out.split())
    assert "--audience" in text
    assert "whole number 10 to 1,000,000 people" in text
    assert "whole number 1 to 1,000 runs" in text
    assert "is capped at 200,000,000 so that it stays within seconds" in text  # NetworkParams.work
    assert "{random,scale-free,small-world,regular}" in text


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (
            ["--audience", "2000000"],
            "--audience = 2000000 is outside the allowed range: whole number 10 to 1,000,000",
        ),
        (["--runs", "1001"], "--runs = 1001 is outside the allowed range: whole number 1 to 1,000 runs"),
        (["--runs", "0"], "--runs = 0 is outside the allowed range"),
        (["--visibility", "1.5"], "--visibility = 1.5 is outside the allowed range: 0 to 1"),
        (
            ["--graph", "tree"],
            "--graph = 'tree' is not a valid choice: one of random, scale-free, small-world, regular",
        ),
        (["--seeding", "famous"], "--seeding = 'famous' is not a valid choice"),
        (["--seeds", "200", "--audience", "100"], "--seeds = 200 is too large: at most --audience = 100 people"),
        (
            ["--avg-degree", "100", "--audience", "50", "--seeds", "1"],
            "--avg-degree = 100 is too large: below --audience",
        ),
        (
            ["--graph", "regular", "--audience", "1001", "--avg-degree", "5"],
            "--avg-degree = 5 gives an odd number of link ends: an even number when --audience = 1,001 is odd",
        ),
        (
            # --share-rate 0.05: the case worked by hand in tests/models/test_network.py.
            ["--audience", "1000000", "--share-rate", "0.05", "--runs", "1000"],
            "--runs = 1000 is too large: at most 173 for --audience = 1,000,000, --avg-degree = 10, --seeds = 20, "
            "--seeding = random, --share-rate = 0.05, --visibility = 0.2 and --steps = 200",
        ),
        (["--audience", "1000000", "--avg-degree", "50"], "--avg-degree = 50 is too large: at most 20 for --audience"),
        (["--rng-seed", "-1"], "--rng-seed = -1 is outside the allowed range"),
    ],
)
def test_bad_input_exits_2_with_one_line_naming_the_flag(
    args: list[str], needle: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["network", *args]) == 2
    out = capsys.readouterr()
    lines = out.err.strip().splitlines()
    assert len(lines) == 1, out.err
    assert lines[0].startswith("smm network: error: ")
    assert needle in lines[0]
    assert out.out == ""


def test_real_command_exits_2_without_a_traceback() -> None:
    out = smm("network", "--audience", "1000000", "--share-rate", "0.05", "--runs", "1000")
    assert out.returncode == 2
    assert out.stderr.count("\n") == 1
    assert "--runs = 1000 is too large: at most 173 for" in out.stderr
    assert "Traceback" not in out.stderr
    assert out.stdout == ""


def test_persian_table_labels(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["network", "--audience", "2000", "--runs", "5", "--lang", "fa"]) == 0
    out = capsys.readouterr().out
    assert "میانگین دسترسی" in out
    assert "شبکهٔ مخاطبان" in out
