"""Mutation score of the test suite, per area, with mutmut (issue #15).

Run: ``make mutation`` (every area) or ``make mutation AREAS=engine,cli``; that installs
the ``mutation`` extra and runs ``.venv/bin/python -m bench.mutation --areas ...``.
``--report`` only rewrites bench/results/mutation.md from the results in mutants/;
``--resume`` runs only the mutants of an area not yet checked (after a stopped run;
a sample always resumes, and with ``--resume`` its minutes add up over the runs);
``--minutes N`` stops each area after N minutes (the area is then marked partial);
``--sample N`` runs N mutants per area drawn at random (seeded) and scores each area
on its sample, with a 95% interval; ``--survivors`` runs the sample's survivors again
(after new tests).

mutmut is configured in pyproject.toml (``[tool.mutmut]``): it copies the code into
mutants/, runs the suite once (browser tests excluded) to learn which tests reach which
function, then runs each mutant against only those tests. Each area here is a set of
mutant names given to one ``mutmut run``; one worker (``--max-children 1``) under
``nice -n 19``, because the reference machine has two cores shared with other work.

This is not part of ``make test`` and, because a full run takes far longer than the other
benchmarks, ``make bench`` runs it only when named (``python -m bench mutation``).
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import json
import math
import os
import random
import re
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from bench.machine import RESULTS, machine_markdown

# bench/__main__.py runs this module only when it is named.
RUN_BY_DEFAULT = False

ROOT = Path(__file__).resolve().parent.parent
MUTANTS = ROOT / "mutants"
TIMINGS = MUTANTS / "smm-area-timings.json"
SAMPLE = MUTANTS / "smm-sample.json"
SAMPLE_RUN = "sample"  # the timing record of a sample's one mutmut run, beside the areas' own
MUTMUT = Path(sys.executable).with_name("mutmut")
OUT = RESULTS / "mutation.md"
EXPLAINED = RESULTS / "mutation-survivors.md"

# Each area: the source files it mutates (paths from the repository root).
AREAS: dict[str, tuple[str, ...]] = {
    "engine": ("simulator/models/*.py", "simulator/params.py"),
    "cli": (
        "simulator/cli.py",
        "simulator/cli_fit.py",
        "simulator/cli_labs.py",
        "simulator/commands.py",
        "simulator/exports.py",  # the analytics exports `smm fit` reads
        "simulator/input_files.py",
        "simulator/limits.py",
        "simulator/locale.py",
        "simulator/publish.py",  # `make publish` and `make serve-prod`
        "simulator/report.py",
        "simulator/results.py",
        "simulator/serve.py",
    ),
    # build.py checks that the data's links to pages (presets, learning path) resolve.
    "data": ("simulator/data.py", "simulator/site/build.py"),
    "app": (
        "simulator/app/state.py",
        "simulator/app/layout.py",
        "simulator/app/widgets.py",
        "simulator/app/runs.py",
        "simulator/app/labs.py",
        "simulator/app/benchmark_badge.py",
        "simulator/app/calibrate.py",
        "simulator/calibration.py",  # the Calibrate page's work, without Streamlit
        "simulator/app/text.py",
        "simulator/app/live_chart.py",
        "simulator/app/views/*.py",
        "simulator/charts.py",  # the app's charts (the site's figures reuse them)
    ),
    "site": (
        "simulator/figures.py",
        "simulator/site/markers.py",
        "simulator/site/pack.py",
        "simulator/site/preview.py",
        "simulator/site/quiz.py",
        "simulator/site/renderers.py",
        "simulator/site/search.py",
    ),
}

# mutmut's exit codes (mutmut.stats.status_by_exit_code), grouped as the report counts them.
KILLED = {1, 3}
SURVIVED = {0}
TIMEOUT = {36, 24, -24, 152, 255}
NO_TESTS = {5, 33}


def area_files(area: str) -> list[Path]:
    return sorted({p.relative_to(ROOT) for pattern in AREAS[area] for p in ROOT.glob(pattern)})


def mutant_globs(area: str) -> list[str]:
    """mutmut's mutant names start with the dotted module: ``simulator.models.bass.x_bass__mutmut_1``."""
    return [".".join(path.with_suffix("").parts) + ".*" for path in area_files(area)]


def load_results(area: str) -> dict[str, tuple[Path, int | None]]:
    """Mutant name -> (source file, mutmut exit code or None if not yet run)."""
    found: dict[str, tuple[Path, int | None]] = {}
    for path in area_files(area):
        meta = MUTANTS / (str(path) + ".meta")
        if meta.exists():
            for name, code in json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"].items():
                found[name] = (path, code)
    return found


@dataclass
class Score:
    killed: int = 0
    survived: int = 0
    timeout: int = 0
    no_tests: int = 0
    other: int = 0
    unchecked: int = 0

    @property
    def checked(self) -> int:
        return self.killed + self.survived + self.timeout + self.no_tests + self.other

    @property
    def percent(self) -> float:
        """Killed and timed-out mutants over every checked one (a mutant no test reaches counts as a survivor)."""
        return 100.0 * (self.killed + self.timeout) / self.checked if self.checked else 0.0

    @property
    def killed_percent(self) -> float:
        """Killed mutants alone over every checked one: a timeout may be a mutant that merely
        outlasted its CPU budget (a slow test first), so this is the score's lower bound."""
        return 100.0 * self.killed / self.checked if self.checked else 0.0

    def add(self, code: int | None) -> None:
        if code is None:
            self.unchecked += 1
        elif code in KILLED:
            self.killed += 1
        elif code in SURVIVED:
            self.survived += 1
        elif code in TIMEOUT:
            self.timeout += 1
        elif code in NO_TESTS:
            self.no_tests += 1
        else:
            self.other += 1


def run_area(area: str, minutes: float | None, resume: bool, jobs: int) -> dict[str, object]:
    """One ``mutmut run`` for the area; returns its timing record."""
    names = mutant_globs(area)
    if resume:
        unchecked = [name for name, (_, code) in load_results(area).items() if code is None]
        if unchecked:
            names = unchecked
    return run_mutmut(area, names, minutes, jobs)


# The first steps of mutmut 3.8.1's `mutmut run` (mutmut/__main__.py `_run`), without the
# stats and clean-test passes that a run then makes: a sample is drawn from the written
# mutants before its one run. The version is pinned in pyproject.toml's `mutation` extra.
_GENERATE = """
import os
from mutmut.__main__ import (copy_also_copy_files, copy_src_dir, create_mutants, set_mutant_under_test,
                             setup_source_paths, store_lines_covered_by_tests)
set_mutant_under_test("mutant_generation")
os.makedirs("mutants", exist_ok=True)
copy_src_dir(); copy_also_copy_files(); setup_source_paths(); store_lines_covered_by_tests()
print(create_mutants(2))
"""


def generate_mutants() -> None:
    """Write every source file's mutants into mutants/ (a few minutes), running no test."""
    print("=== mutation: writing the mutants", flush=True)
    subprocess.run(["nice", "-n", "19", sys.executable, "-c", _GENERATE], cwd=ROOT, check=True)


def draw_sample(areas: list[str], size: int, seed: int) -> dict[str, list[str]]:
    """``size`` mutant names per area, drawn with ``seed``; kept in mutants/ so a report reads the same sample."""
    if not load_results(areas[0]):
        generate_mutants()
    sample = json.loads(SAMPLE.read_text(encoding="utf-8")) if SAMPLE.exists() else {}
    for area in areas:
        names = sorted(load_results(area))
        if len(sample.get(area, ())) != min(size, len(names)):  # else keep it: a rerun resumes the same draw
            sample[area] = sorted(random.Random(f"{seed}:{area}").sample(names, min(size, len(names))))
    SAMPLE.write_text(json.dumps(sample, indent=1), encoding="utf-8")
    return sample


def run_mutmut(label: str, names: list[str], minutes: float | None, jobs: int = 1) -> dict[str, object]:
    log = MUTANTS / f"smm-{label}.log"
    MUTANTS.mkdir(exist_ok=True)
    command = ["nice", "-n", "19", str(MUTMUT), "run", "--max-children", str(jobs), *names]
    first = not (MUTANTS / "mutmut-stats.json").exists()
    print(f"=== mutation {label}: {len(names)} name pattern(s), log {log.relative_to(ROOT)}", flush=True)
    start = time.monotonic()
    with log.open("w", encoding="utf-8") as out:
        process = subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        stopped = False
        try:
            process.wait(timeout=minutes * 60 if minutes else None)
        except subprocess.TimeoutExpired:
            # mutmut records each result as it comes, so stopping loses only the running mutant;
            # its worker is in the same new session.
            stopped = True
            os.killpg(process.pid, signal.SIGTERM)
            process.wait()
    seconds = time.monotonic() - start
    print(f"=== mutation {label}: exit {process.returncode} after {seconds / 60:.1f} min", flush=True)
    return {
        "seconds": round(seconds),
        "exit": process.returncode,
        "stopped_at_time_limit": stopped,
        "included_stats_run": first,
        "jobs": jobs,
        "mutants": len(names),
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    }


def _interval(score: Score) -> str:
    """Wilson 95% interval of the kill rate over the checked mutants of a sample."""
    n, k, z = score.checked, score.killed + score.timeout, 1.96
    if not n:
        return "–"
    centre = (k + z * z / 2) / (n + z * z)
    half = z * math.sqrt(k * (n - k) / n + z * z / 4) / (n + z * z)
    return f"{100 * (centre - half):.0f}–{100 * (centre + half):.0f}%"


def _mutant_seconds(area: str, names: set[str]) -> float:
    total = 0.0
    for path in area_files(area):
        meta = MUTANTS / (str(path) + ".meta")
        if meta.exists():
            durations = json.loads(meta.read_text(encoding="utf-8"))["durations_by_key"]
            total += sum(v for k, v in durations.items() if not names or k in names)
    return total


def _survivor_line(name: str, path: Path) -> str:
    """``file:line`` and the mutation as one line: ``old`` → ``new``."""
    from mutmut.mutation.diff_apply import get_diff_for_mutant

    with contextlib.chdir(ROOT):
        try:
            diff = get_diff_for_mutant(name, path=path)
        except Exception as error:  # a report must not die on one odd mutant
            return f"- `{path}` `{name}`: (no diff: {error})"
    removed = [line[1:].strip() for line in diff.splitlines() if line.startswith("-") and not line.startswith("---")]
    added = [line[1:].strip() for line in diff.splitlines() if line.startswith("+") and not line.startswith("+++")]
    line = _source_line(path, name, removed[0] if removed else "", _removed_offset(diff))
    change = f"`{' '.join(removed)}` → `{' '.join(added)}`".replace("|", "\\|")
    return f"- `{path}:{line}` {change}"


def _removed_offset(diff: str) -> int | None:
    """Where the first removed line sits in the mutated function (1 = the ``def`` line), read
    from the diff's hunk header: mutmut diffs the function alone."""
    hunk = re.search(r"^@@ -(\d+)", diff, re.M)
    if hunk is None:
        return None
    at = int(hunk.group(1))
    for line in diff[hunk.end() :].splitlines()[1:]:
        if line.startswith("-"):
            return at
        if not line.startswith("+"):
            at += 1
    return None


def _source_line(path: Path, name: str, removed: str, offset: int | None = None) -> int | str:
    """The line of ``removed`` inside the mutated function: at ``offset`` from its ``def`` when
    that line holds the text (a line written twice in one function, such as ``source,``, is
    told apart), else the first line in the function with that text."""
    key = name.partition("__mutmut_")[0].rpartition(".")[2]
    parts = key.split("ǁ")
    function = parts[-1] if len(parts) > 1 else key.removeprefix("x_")
    klass = parts[1] if len(parts) > 1 else None
    source = (ROOT / path).read_text(encoding="utf-8")
    tree = ast.parse(source)
    scope = tree.body
    if klass:
        scope = next((n.body for n in tree.body if isinstance(n, ast.ClassDef) and n.name == klass), [])
    node = next(
        (n for n in scope if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef) and n.name == function), None
    )
    if node is None:
        return "?"
    lines = source.splitlines()
    if offset is not None and removed and lines[node.lineno + offset - 2].strip() == removed:
        return node.lineno + offset - 1
    for number in range(node.lineno, (node.end_lineno or node.lineno) + 1):
        if removed and lines[number - 1].strip() == removed:
            return number
    return node.lineno


def _earlier(text: str, area: str) -> tuple[str, Score, list[str]] | None:
    """An area's row, counts and survivor lines in an earlier results file, if it has them."""
    row = re.search(rf"^\| {area} \| (.*)$", text, re.M)
    if row is None or "not run" in row.group(1):
        return None
    cells = [c.strip() for c in row.group(0).strip("|").split(" | ")]
    score = Score(*(int(c) for c in cells[2:7]))
    section = re.search(rf"^### {area} \(\d+\)\n\n(.*?)(?=^##|\Z)", text, re.M | re.S)
    lines = [line for line in (section.group(1) if section else "").splitlines() if line.strip()]
    return row.group(0), score, lines


def _sample_run_lines(record: dict[str, object] | None, whole: list[tuple[str, int, float]]) -> list[str]:
    """The sample's one run (wall time, workers) and what a run of every mutant would take at
    the sample's mean seconds per mutant: the reason ``make mutation`` samples."""
    if not record:
        return []
    lines = [
        f"The sample ran in {record.get('runs', 1)} `mutmut run`(s) of {record.get('mutants', '?')} mutants in all"
        f" (the first of every drawn mutant, any later one of the survivors after new tests), the last with"
        f" {record.get('jobs', 1)} worker(s): {int(record['seconds']) / 60:.1f} minutes wall time in all"
        f" (last {record['date']}), each run's clean-test pass"
        + (" and the one-off test-to-function stats pass" if record.get("included_stats_run") else "")
        + " included.",
        "",
    ]
    if whole:
        hours = sum(count * mean for _, count, mean in whole) / 3600
        each = ", ".join(f"{area} {count:,} × {mean:.1f} s" for area, count, mean in whole)
        lines += [
            f"A run of every mutant of these areas would take about **{hours:.1f} hours** of mutant time"
            f" ({each}, at each sample's mean seconds per mutant), {hours / 2:.1f} hours on both cores:"
            " far past an hour on this machine, so the score is the sample's, with its interval.",
            "",
        ]
    return lines


def write_report(areas: list[str], command: str, note: str = "") -> str:
    """Rewrite the results file from mutants/. An area with no result there (its mutants
    were not run in this copy) keeps its row and survivors from the file being replaced,
    marked as such, so a run of some areas does not drop the others' scores."""
    timings = json.loads(TIMINGS.read_text(encoding="utf-8")) if TIMINGS.exists() else {}
    sample = json.loads(SAMPLE.read_text(encoding="utf-8")) if SAMPLE.exists() else {}
    previous = OUT.read_text(encoding="utf-8") if OUT.exists() else ""
    total = Score()
    rows, survivors = [], []
    whole: list[tuple[str, int, float]] = []  # sampled area, its mutants, mean seconds per mutant
    for area in areas:
        score = Score()
        results = load_results(area)
        kept = None if any(code is not None for _, code in results.values()) else _earlier(previous, area)
        if kept is not None:
            row, score, lines = kept
            rows.append(row if "(earlier run)" in row else row.replace(f"| {area} | ", f"| {area} | (earlier run) ", 1))
            survivors += [(area, line) for line in lines]
            for field in ("killed", "survived", "timeout", "no_tests", "other"):
                setattr(total, field, getattr(total, field) + getattr(score, field))
            continue
        drawn = set(sample.get(area, ()))
        for name, (path, code) in sorted(results.items()):
            if not drawn or name in drawn:
                score.add(code)
            if code in SURVIVED or code in NO_TESTS:
                tag = "" if code in SURVIVED else " (no test reaches it)"
                tag += " (outside the sample)" if drawn and name not in drawn else ""
                survivors.append((area, _survivor_line(name, path) + tag))
        for field in ("killed", "survived", "timeout", "no_tests", "other", "unchecked"):
            setattr(total, field, getattr(total, field) + getattr(score, field))
        timing = timings.get(area, {})
        checked_all = sum(code is not None for _, code in results.values())
        if not checked_all:
            run = "not run"
        elif drawn:
            run = f"**sample** of {len(drawn)} (of {len(results)}), {score.checked} run; 95% {_interval(score)}"
        elif score.unchecked:
            run = f"**partial** ({score.unchecked} of {len(results)} not run)"
        else:
            run = "fully"
        minutes = f"{timing['seconds'] / 60:.1f}" if "seconds" in timing else "–"
        if drawn and checked_all:  # the mutants' own run times, from mutmut's records
            spent = _mutant_seconds(area, drawn)
            minutes += f" ({spent / 60:.1f} in mutmut's per-mutant times)"
            if score.checked:
                whole.append((area, len(results), spent / score.checked))
        if timing.get("included_stats_run"):
            minutes += " (incl. the one-off test-to-function stats run)"
        files = ", ".join(f"`{p}`" for p in area_files(area))
        rows.append(
            f"| {area} | {run} | {score.killed} | {score.survived} | {score.timeout} | {score.no_tests} | "
            f"{score.other} | **{score.percent:.1f}%** | {score.killed_percent:.1f}% | {minutes} | {files} |"
        )
    lines = [
        "# Mutation score (mutmut)",
        "",
        f"Command: `{command}` (a seeded sample of 80 mutants per area, 2 workers; `FULL=1` runs every",
        "mutant, `AREAS=engine,cli` some areas; `python -m bench.mutation --resume` after a stopped run,",
        "`--survivors --resume` to run a sample's survivors again after new tests, `--report` to rewrite",
        "this file from mutants/). Not part of `make test`; `make bench` runs it only when named:",
        "`python -m bench mutation`.",
        "",
        f"- mutmut: {version('mutmut')}",
        "- settings: `[tool.mutmut]` in pyproject.toml; `--max-children` = `--jobs` (the run's jobs are"
        " in its minutes line) under `nice -n 19`;"
        " browser tests excluded; each mutant runs only the tests that reached its function",
        machine_markdown(),
        "",
        "Score = (killed + timeout) / checked, mutmut's convention; a mutant that no test reaches counts",
        "against it. *Killed alone* counts timeouts against it too: its lower bound, since a timeout",
        "may be a mutant that only outlasted its CPU budget behind slow tests.",
        "",
        *([note, ""] if note else []),
        "| area | run | killed | survived | timeout | no tests | other | score | killed alone | minutes | files |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
        *rows,
        f"| **overall** | | {total.killed} | {total.survived} | {total.timeout} | {total.no_tests} | "
        f"{total.other} | **{total.percent:.1f}%** | {total.killed_percent:.1f}% | | |",
        "",
        *_sample_run_lines(timings.get(SAMPLE_RUN), whole),
        "## What the numbers do and do not cover",
        "",
        "- mutmut mutates code inside functions only: the declarations' module-level values (a",
        "  bound, a default in `simulator/declarations.py`, the data files) are not mutated here.",
        "- A test is credited with what its `python -m simulator` subprocesses ran",
        "  (`bench/mutation_hits.py`), but not with the MkDocs build: a renderer reached only",
        '  through the site build counts as "no tests" although the site tests do check its',
        "  output. Those are the tool's blind spot, not proof of an unchecked function.",
        "- A row marked **(earlier run)** is copied from the results file this one replaced: its",
        "  area's mutants were not run in this copy of mutants/ (mutants/ is not in git).",
        "- A **sample** row scores a seeded random draw of the area's mutants; a **partial** row",
        "  stopped at its time limit, so its checked mutants lean to the cheapest (mutmut runs",
        "  those first). Minutes are wall time under `nice -n 19` (workers as the run line says);",
        "  a sample row's are the sum of mutmut's per-mutant times, and its one run's wall time",
        "  (writing the mutants, the clean tests, the stats on a first run) is given under the table.",
        "",
        "## Survivors",
        "",
        "Every survivor of any run recorded in mutants/, the sampled ones and those an earlier run found",
        "outside the sample. Each: file:line and the mutation (`original` → `mutant`). Read one in full with",
        "`.venv/bin/mutmut show <name>`; the names are in `.venv/bin/mutmut results`.",
        "",
    ]
    for area in areas:
        these = [line for a, line in survivors if a == area]
        lines += [f"### {area} ({len(these)})", "", *these, ""]
    if EXPLAINED.exists():  # written by hand after a run: why each survivor is left
        lines += [EXPLAINED.read_text(encoding="utf-8").rstrip(), ""]
    text = "\n".join(lines).rstrip() + "\n"
    OUT.write_text(text, encoding="utf-8")
    return text


def main(argv: list[str] | None = None) -> str:
    parser = argparse.ArgumentParser(prog="python -m bench.mutation", description=__doc__.split("\n\n")[0])
    parser.add_argument("--areas", default=os.environ.get("AREAS") or ",".join(AREAS))
    parser.add_argument("--minutes", type=float, default=None, help="stop each area after this many minutes")
    parser.add_argument(
        "--resume", action="store_true", help="run only the mutants not yet checked; with --sample, add up the minutes"
    )
    parser.add_argument("--report", action="store_true", help="only rewrite the results file")
    parser.add_argument("--sample", type=int, default=None, help="run this many random mutants per area")
    parser.add_argument("--seed", type=int, default=15, help="seed of --sample")
    parser.add_argument(
        "--survivors", action="store_true", help="with --sample: run its survivors again (and any not yet checked)"
    )
    parser.add_argument(
        "--timeouts",
        action="store_true",
        help="with --sample: run its timeouts again (a new test may catch them sooner)",
    )
    parser.add_argument("--note", default="", help="a paragraph for the results file: how this run went")
    parser.add_argument(
        "--jobs", type=int, default=int(os.environ.get("JOBS") or 1), help="mutants run at once (mutmut's workers)"
    )
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    areas = [a.strip() for a in args.areas.split(",") if a.strip()]
    unknown = sorted(set(areas) - set(AREAS))
    if unknown:
        parser.error(f"unknown area(s): {', '.join(unknown)}; known: {', '.join(AREAS)}")
    sample = draw_sample(areas, args.sample, args.seed) if args.sample and not args.report else None
    timings = json.loads(TIMINGS.read_text(encoding="utf-8")) if TIMINGS.exists() else {}
    if sample is not None:
        # One mutmut run for every area's draw: each run lists and runs the clean tests first
        # (minutes), so one run per area would pay that once per area.
        wanted = {None} | (SURVIVED | NO_TESTS if args.survivors else set())  # unchecked ones always
        wanted |= TIMEOUT if args.timeouts else set()
        names = [n for area in areas for n in sample[area] if load_results(area)[n][1] in wanted]
        if names:
            record = run_mutmut("sample", names, args.minutes, args.jobs)
            # a sample finished over several runs: its minutes are theirs added up
            earlier = timings.get(SAMPLE_RUN, {}) if args.resume else {}
            record["seconds"] += earlier.get("seconds", 0)
            record["mutants"] += earlier.get("mutants", 0)  # a mutant run again counts again
            record["runs"] = earlier.get("runs", 1) + 1 if earlier else 1
            record["included_stats_run"] = record["included_stats_run"] or earlier.get("included_stats_run", False)
            timings[SAMPLE_RUN] = record
            TIMINGS.write_text(json.dumps(timings, indent=1), encoding="utf-8")
    for area in [] if args.report or sample is not None else areas:
        timings[area] = run_area(area, args.minutes, args.resume, args.jobs)
        TIMINGS.write_text(json.dumps(timings, indent=1), encoding="utf-8")
    shown = [a for a in AREAS if a in areas or load_results(a)]
    command = "make mutation" + (f" AREAS={','.join(areas)}" if set(areas) != set(AREAS) else "")
    command += (f" SAMPLE={args.sample}" if args.sample != 80 else "") if args.sample else " FULL=1"
    command += f" JOBS={args.jobs}" if args.jobs != 2 else ""
    if args.seed != 15 and args.sample:
        command += f"` (seed {args.seed}: `.venv/bin/python -m bench.mutation --sample {args.sample} --seed {args.seed}"
    text = write_report(shown, command, args.note)
    print(text.split("## Survivors")[0])
    return text


if __name__ == "__main__":
    main()
