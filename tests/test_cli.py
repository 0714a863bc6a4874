"""The smm command: exit codes, one-line errors, JSON shape, readable tables."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from simulator.cli import main
from simulator.commands import COMMANDS, flag_name
from tests.support import command_argv


def smm(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the real command in a subprocess, as a user would."""
    return subprocess.run([sys.executable, "-m", "simulator", *args], capture_output=True, text=True, check=False)


def test_referral_done_when() -> None:
    out = smm(
        *[
            "referral",
            "--seed-customers",
            "10",
            "--invites",
            "10",
            "--conversion-rate",
            "0.2",
            "--cycle-days",
            "2",
            "--days",
            "20",
            "--format",
            "json",
        ]
    )
    assert out.returncode == 0, out.stderr
    payload = json.loads(out.stdout)
    assert payload["totals"]["customers"] == 20470
    assert payload["totals"]["k_factor"] == 2


def test_share_table_done_when() -> None:
    args = "share --audience 1000000 --seed-reach 1000 --share-rate 0.05 --fanout 10 --conversion-rate 0.02 --steps 60"
    out = smm(*args.split())
    assert out.returncode == 0, out.stderr
    assert re.search(r"Viral coefficient +0\.5 per person", out.stdout)
    assert re.search(r"Audience size +1,000,000 people", out.stdout)
    assert "Reach (cumulative)" in out.stdout
    assert "Conversions" in out.stdout
    # The three paragraphs, each under its own heading line.
    headings = [line for line in out.stdout.splitlines() if line and not line.startswith(" ")]
    assert [h.split(" (")[0] for h in headings[1:]] == ["Parameters", "Totals", "Series"]


def test_out_of_range_exits_2_with_one_line() -> None:
    out = smm("share", "--share-rate", "1.5")
    assert out.returncode == 2
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "--share-rate = 1.5" in lines[0]
    assert "0 to 1" in lines[0]
    assert "Traceback" not in out.stderr
    assert out.stdout == ""


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["share", "--audience", "abc"], "--audience = 'abc' is not a number"),
        (["share", "--steps", "2.5"], "--steps = 2.5 is not a whole number"),
        (
            ["share", "--seed-reach", "5000", "--audience", "1000"],
            "--seed-reach = 5000 is too large: at most --audience",
        ),
        (["goal", "--lever", "budget"], "--lever = 'budget' is not a valid choice"),
        (["share", "--no-such-flag", "1"], "unrecognized arguments: --no-such-flag"),
        # a prefix of a flag is not that flag (`--fa` is not `--fanout`)
        (["share", "--fan", "5"], "unrecognized arguments: --fan 5"),
        (["share", "--fa"], "unrecognized arguments: --fa"),
        (["referral", "--churn", "-0.1"], "--churn = -0.1 is outside the allowed range"),
    ],
)
def test_bad_input_messages(args: list[str], needle: str) -> None:
    out = smm(*args)
    assert out.returncode == 2
    assert needle in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_gives_the_json_shape(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*command_argv(name), "--format", "json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert {"model", "params", "totals", "series"} <= set(payload)
    if COMMANDS[name].group is None:  # a fit's params say how its file was read (tests/test_cli_fit.py)
        assert payload["params"] == COMMANDS[name].params().as_dict()


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_help_lists_every_flag_with_range(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main([*COMMANDS[name].words, "--help"])
    assert exit_.value.code == 0
    text = " ".join(capsys.readouterr().out.split())
    for spec in COMMANDS[name].params.specs().values():
        assert flag_name(spec.name) in text
        assert (spec.allowed() if spec.kind is not str else ", ".join(spec.choices)) in text


def test_csv_has_a_row_per_step(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["share", "--steps", "12", "--format", "csv"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0].startswith("step,day,new_reach,reach")
    assert len(lines) == 1 + 13


def test_persian_table_labels(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["share", "--lang", "fa"]) == 0
    out = capsys.readouterr().out
    assert "نرخ اشتراک‌گذاری" in out
    assert "ضریب ویروسی" in out


def test_sample_size_json_csv_and_its_refusal() -> None:
    """2% -> 2.4% at alpha 0.05 and power 0.8 needs 21,109 per group (worked in tests/models/test_sample_size.py)."""
    out = smm("sample-size", "--baseline-rate", "0.02", "--min-detectable-lift", "0.2", "--format", "json")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["totals"]["per_group"] == 21_109
    out = smm("sample-size", "--format", "csv")
    assert out.stdout.splitlines()[0] == "min_detectable_lift,target_rate,per_group,total_sample"
    assert out.stdout.splitlines()[3].endswith(",21109,42218")
    out = smm("sample-size", "--baseline-rate", "0.9")
    assert out.returncode == 2
    assert out.stderr == (
        "smm sample-size: error: --min-detectable-lift = 0.2 is too large: --baseline-rate × (1 + "
        "--min-detectable-lift) must stay below 1 (100%), here 0.9 × 1.2 = 1.08\n"
    )


@pytest.mark.parametrize("lang", ["en", "fa"])
@pytest.mark.parametrize("argv", [["fit", "share"], ["fit", "bass"], ["share"]])
def test_help_shows_a_percent_sign_once(argv: list[str], lang: str, capsys: pytest.CaptureFixture[str]) -> None:
    """argparse %-formats help strings but not descriptions: a title escaped like help text
    printed "95%% intervals"."""
    with pytest.raises(SystemExit):
        main(["--lang", lang, *argv, "--help"])
    out = capsys.readouterr().out
    assert "%%" not in out
    if argv[0] == "fit" and argv[1] == "share":
        assert ("۹۵٪" if lang == "fa" else "95% intervals") in " ".join(out.split())
