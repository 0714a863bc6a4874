"""The largest accepted request of every ``smm`` command, against the declared limits.

Each command's caps (declared once: ``simulator/limits.py`` for time, memory and files;
``simulator/declarations.py`` for each model's work caps) must keep every accepted
request within ``REQUEST_SECONDS`` and ``REQUEST_BYTES`` on the reference machine. For
every command this runs its worst corner, the largest values the checks accept, through
the real ``smm`` entry point in a fresh interpreter, and records the wall time of the
request (imports excluded), the peak resident memory of that interpreter, and that one
step further is refused with exit code 2. The network model has several corners, since
its work has several terms (people, seeds' contacts, sharers' contacts, steps).

Tests assert the cap arithmetic (tests/test_request_caps.py); this records the times.
Run: ``.venv/bin/python -m bench.worst_case`` (or ``make bench``).
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench.machine import RESULTS, machine_markdown
from simulator.limits import MAX_FIT_GROUPS, MAX_POST_ROWS, MAX_SERIES_PERIODS, REQUEST_BYTES, REQUEST_SECONDS

__all__ = ["CASES", "main"]

COMMAND = ".venv/bin/python -m bench.worst_case"


@dataclass(frozen=True)
class Case:
    """One worst corner: the accepted request, and the flag that one step further must be refused."""

    command: str
    label: str
    accepted: tuple[str, ...]
    further: tuple[str, str]  # (flag, value): ``accepted`` with this flag set is one step too far

    def refused(self) -> tuple[str, ...]:
        flag, value = self.further
        argv = list(self.accepted)
        if flag in argv:
            argv[argv.index(flag) + 1] = value
        else:
            argv += [flag, value]
        return tuple(argv)


_TWENTY_SEGMENTS = [
    {"name": f"Segment {i}", "size": 1_000_000_000, "share_rate": 1.0, "fanout": 5000, "conversion_rate": 1.0}
    for i in range(1, 21)
]
_RING = "network --graph small-world --rewire 0 --avg-degree 2 --seeds 1 --share-rate 1 --visibility 1 --steps 2000"
_MORE_RUNS = "--runs {most+1}"


def _posts_csv(posts: int) -> str:
    """An export of ``posts`` posts with every count column and the most groups the reader accepts
    (MAX_FIT_GROUPS platforms and as many formats): one fit of them all, and one per group."""
    rows = ["platform,format,reach,reach_followers,shares,conversions"]
    for i in range(posts):
        reach = 1_000 + (i * 7_919) % 90_000
        platform, kind = i % MAX_FIT_GROUPS, (i // MAX_FIT_GROUPS) % MAX_FIT_GROUPS
        rows.append(f"p{platform},f{kind},{reach},{reach - (i * 31) % 500},{(i * 13) % 60},{(i * 17) % 40}")
    return "\n".join(rows) + "\n"


def _series_csv(periods: int) -> str:
    """An adoption series of ``periods`` weeks of a large, slow market."""
    from simulator.models.fit_bass import simulate_bass

    new = simulate_bass(p=0.0005, q=0.01, market=1_000_000_000, periods=min(periods, MAX_SERIES_PERIODS), rng=1)
    counts = [*new.tolist(), *[int(new[-1])] * (periods - len(new))]
    return "period,adopters\n" + "".join(f"{i},{n}\n" for i, n in enumerate(counts, start=1))


_INPUT_FILES: dict[str, Callable[[], str]] = {
    "segments.json": lambda: json.dumps(_TWENTY_SEGMENTS),
    "posts.csv": lambda: _posts_csv(MAX_POST_ROWS),
    "posts-one-more.csv": lambda: _posts_csv(MAX_POST_ROWS + 1),
    "series.csv": lambda: _series_csv(MAX_SERIES_PERIODS),
    "series-one-more.csv": lambda: _series_csv(MAX_SERIES_PERIODS + 1),
}
"""The input files the corners read, written to a temporary folder (``{folder}`` in a request)."""


def _case(command: str, label: str, accepted: str, further: str) -> Case:
    flag, value = further.split()
    return Case(command, label, tuple(accepted.split()), (flag, value))


CASES: list[Case] = [
    _case(
        "share",
        "largest audience, everyone shares to 5,000, 3,650 steps",
        "share --audience 1000000000 --seed-reach 1 --share-rate 1 --fanout 5000 --steps 3650",
        "--steps 3651",
    ),
    _case(
        "referral",
        "capped market, 36,500 cycles (3,650 days of 0.1), churn",
        "referral --seed-customers 1 --invites 1000 --conversion-rate 1 --audience 1000000000 --churn 0.5 "
        "--days 3650 --cycle-days 0.1",
        "--days 3651",
    ),
    _case("bass", "largest market, 1,000 periods", "bass --market 10000000000 --steps 1000", "--steps 1001"),
    _case(
        "sweep",
        "400 x 400 grid at the most steps it allows",
        "sweep --share-rate-points 400 --audience-points 400 --steps 937 --share-rate-min 0 --share-rate-max 1 "
        "--audience-min 1 --audience-max 1000000000 --seed-reach 1 --fanout 5000",
        "--steps 938",
    ),
    _case(
        "goal",
        "fan-out for an unreachable reach target over 3,650 daily steps",
        "goal --lever fanout --target-metric reach --target 1000000000 --audience 1000000000 --seed-reach 1 "
        "--share-rate 0.0001 --days 3650 --cycle-days 1",
        "--days 3651",
    ),
    _case(
        "metrics",
        "every count at its largest",
        "metrics --engagements 1000000000000 --reach 1000000000000 --impressions 1000000000000 "
        "--shares 1000000000000 --conversions 1000000000000",
        "--reach -1",
    ),
    _case(
        "sample-size",
        "the largest answer: 0.01% baseline, 0.1% lift, alpha 0.001, power 0.99 (closed form, no loop)",
        "sample-size --baseline-rate 0.0001 --min-detectable-lift 0.001 --alpha 0.001 --power 0.99",
        "--power 0.991",
    ),
    _case(
        "crisis",
        "3,650 steps of 0.1 day, the response-time curve included",
        "crisis --audience 1000000000 --seed-reach 1 --share-rate 1 --fanout 5000 --steps 3650 --cycle-days 0.1 "
        "--response-hours 720",
        "--steps 3651",
    ),
    _case(
        "segments",
        "20 segments (the most), 1,000 budget slices",
        "segments --segments-file {folder}/segments.json --budget 1000000000 --budget-units 1000",
        "--budget-units 1001",
    ),
    _case(
        "fit-share",
        "20,000 posts (the most), every count column, 20 platforms x 20 formats: 41 fits",
        "fit share --file {folder}/posts.csv",
        "--file {folder}/posts-one-more.csv",
    ),
    _case(
        "fit-bass",
        "1,000 periods (the most)",
        "fit bass --file {folder}/series.csv --period week",
        "--file {folder}/series-one-more.csv",
    ),
    _case(
        "network",
        "the hostile run of issue #14: 100,000 random seeds of 200,000 people, 100 contacts each, v = 1",
        "network --graph random --audience 200000 --avg-degree 100 --seeds 100000 --share-rate 0 --visibility 1 "
        "--runs {most}",
        _MORE_RUNS,
    ),
    _case(
        "network",
        "everyone reached and sharing: 1,000,000 people, 20 contacts, s = v = 1",
        "network --graph random --audience 1000000 --avg-degree 20 --seeds 1 --share-rate 1 --visibility 1 "
        "--runs {most}",
        _MORE_RUNS,
    ),
    _case(
        "network",
        "100,000 influencers of a 1,000,000-person scale-free network, v = 1",
        "network --graph scale-free --audience 1000000 --avg-degree 20 --seeds 100000 --seeding influencers "
        "--share-rate 0 --visibility 1 --runs {most}",
        _MORE_RUNS,
    ),
    _case(
        "network",
        "a ring that spreads two people a step for all 2,000 steps: 1,000,000 people",
        f"{_RING} --audience 1000000 --runs {{most}}",
        _MORE_RUNS,
    ),
    _case(
        "network",
        "the same ring with 131,073 people: more runs per batch, more batches",
        f"{_RING} --audience 131073 --runs {{most}}",
        _MORE_RUNS,
    ),
]


def _fill(argv: tuple[str, ...], folder: str) -> list[str]:
    """``argv`` with ``{folder}`` (where the input files are) and ``{most}`` (the most runs) filled in."""
    most = _largest_for(argv) if any("{most" in a for a in argv) else 0
    return [a.replace("{folder}", folder).replace("{most+1}", str(most + 1)).replace("{most}", str(most)) for a in argv]


def _largest_for(argv: tuple[str, ...]) -> int:
    """The most runs the network checks accept for the other flags in ``argv`` (the cap's own answer)."""
    from simulator.commands import flag_name
    from simulator.models.network import NetworkParams

    values = {
        name: spec.parse(argv[argv.index(flag_name(name)) + 1])
        for name, spec in NetworkParams.specs().items()
        if flag_name(name) in argv and name != "runs"
    }
    return NetworkParams(**{**values, "runs": 1}).most_runs()  # type: ignore[arg-type]


def _measure(argv: list[str]) -> None:
    """In a fresh interpreter: import, then time ``smm`` on ``argv``; print one JSON line."""
    import contextlib
    import io

    from simulator.cli import main as smm

    out, err = io.StringIO(), io.StringIO()
    start = time.perf_counter()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = smm([*argv, "--format", "json"])
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(json.dumps({"exit": code, "seconds": seconds, "peak_bytes": peak, "stderr": err.getvalue()[:300]}))


def _run(argv: list[str]) -> dict[str, object]:
    code = f"from bench.worst_case import _measure; _measure({argv!r})"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    if done.returncode:
        return {"exit": done.returncode, "seconds": float("nan"), "peak_bytes": 0, "stderr": done.stderr[-300:]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for name, make in _INPUT_FILES.items():
            (Path(folder) / name).write_text(make(), encoding="utf-8")
        for case in CASES:
            accepted = _fill(case.accepted, folder)
            refused = _fill(case.refused(), folder)
            result = _run(accepted)
            refusal = _run(refused)
            within = (
                result["exit"] == 0
                and float(result["seconds"]) <= REQUEST_SECONDS  # type: ignore[arg-type]
                and int(result["peak_bytes"]) <= REQUEST_BYTES  # type: ignore[call-overload]
            )
            rows.append((case, accepted, refused, result, refusal, within))
            print(
                f"{case.command:9} {float(result['seconds']):7.2f} s {int(result['peak_bytes']) / 2**20:7.0f} MB "  # type: ignore[arg-type, call-overload]
                f"exit {result['exit']}  next exit {refusal['exit']}  {'ok' if within else 'OVER'}  {case.label}",
                flush=True,
            )
        _write(rows, folder)


def _write(
    rows: list[tuple[Case, list[str], list[str], dict[str, object], dict[str, object], bool]], folder: str
) -> None:
    limit_mb = REQUEST_BYTES / 2**20
    lines = [
        "# Largest accepted request of every command",
        "",
        f"Command: `{COMMAND}` (also `make bench`). Limits declared in `simulator/limits.py`: "
        f"{REQUEST_SECONDS:g} s and {limit_mb:,.0f} MB per request. Time is the request alone (the "
        "`smm` entry point after imports, graph building included); memory is the peak resident size of the "
        "interpreter that ran it. 'Next refused' runs the same request one step further and expects exit 2.",
        "",
        machine_markdown(),
        "",
        "| command | worst corner | seconds | peak MB | within limits | next refused |",
        "|---|---|---:|---:|---|---|",
    ]
    for case, _, _, result, refusal, within in rows:
        lines.append(
            f"| {case.command} | {case.label} | {float(result['seconds']):.2f} | "  # type: ignore[arg-type]
            f"{int(result['peak_bytes']) / 2**20:,.0f} | {'yes' if within else '**NO**'} | "  # type: ignore[call-overload]
            f"{'yes' if refusal['exit'] == 2 else '**NO** (exit ' + str(refusal['exit']) + ')'} |"
        )
    lines += [
        "",
        "The requests, exactly (FOLDER is the temporary folder where the bench writes its inputs: 20 segments, "
        "the largest posts export and adoption series the reader accepts, and each of those with one row more):",
        "",
    ]
    for case, accepted, refused, _, _, _ in rows:
        shown, next_shown = (" ".join(argv).replace(folder, "FOLDER") for argv in (accepted, refused))
        lines.append(f"- {case.command}: `smm {shown}`; refused: `smm {next_shown}`")
    (RESULTS / "worst_case.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
