"""The ``smm`` command: every model from the terminal.

Flags are generated from the parameter declarations (``share_rate`` -> ``--share-rate``,
with its unit, range and default in ``--help``), so the CLI cannot drift from the
engine. Bad input prints one line naming the flag, the value and the allowed range,
and exits with code 2.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, NoReturn

from simulator.cli_labs import add_segment_flags, crisis_notes, run_segments, segments_notes
from simulator.models.bass import BassParams, bass
from simulator.models.crisis import CrisisParams, crisis_payload
from simulator.models.goal import GoalParams, plan_goal
from simulator.models.metrics import RATIOS, MetricsInputs, compute_metrics
from simulator.models.network import NetworkParams, network_cascade
from simulator.models.referral import ReferralParams, referral_loop
from simulator.models.segments import SegmentsParams
from simulator.models.share_loop import ShareLoopParams, SweepParams, share_loop, share_sweep
from simulator.params import Lang, Param, ParameterError, Parameters, format_number
from simulator.report import to_csv, to_json, to_table
from simulator.serve import ServeParams, serve

__all__ = ["COMMANDS", "Command", "main"]

EXIT_USAGE = 2


def flag_name(name: str) -> str:
    """``share_rate -> --share-rate``: how a parameter is named on the command line."""
    if "[" in name:  # a field of a list input ("segments[2].share_rate") already says where it is
        return name
    return "--" + name.replace("_", "-")


@dataclass(frozen=True)
class Command:
    """One subcommand: its parameter class, the function that runs it, and how to show it."""

    name: str
    params: type[Parameters]
    run: Callable[[Any], Any]
    title: str
    summary: str
    columns: tuple[str, ...] | None = None
    notes: Callable[[dict[str, Any]], list[str]] = field(default=lambda payload: [])
    # For inputs beyond the declarations (e.g. the segment list of `smm segments`): extra
    # flags, and a runner that takes all parsed flags instead of `run(params)`.
    extra_flags: Callable[[argparse.ArgumentParser], None] | None = None
    execute: Callable[[dict[str, Any]], dict[str, Any]] | None = None


def _share_notes(payload: dict[str, Any]) -> list[str]:
    r0 = payload["totals"]["viral_coefficient"]
    if r0 < 1:
        return [f"Viral coefficient {format_number(r0)} < 1: every wave is smaller than the last, so reach levels off."]
    return [f"Viral coefficient {format_number(r0)} >= 1: past the tipping point, the post spreads until it saturates."]


def _referral_notes(payload: dict[str, Any]) -> list[str]:
    k = payload["totals"]["k_factor"]
    if k < 1:
        return [
            f"K = {format_number(k)} < 1: growth dies out; each seed customer brings {format_number(1 / (1 - k))} in all."
        ]
    return [
        f"K = {format_number(k)} >= 1: every cycle brings more new customers than the last (until the market fills)."
    ]


def _goal_notes(payload: dict[str, Any]) -> list[str]:
    t = payload["totals"]
    if t["reachable"]:
        return [f"Needs {t['lever']} >= {format_number(t['value'])}; the series below is that scenario."]
    return [
        f"Unreachable: even at the top of its range {t['lever']} gives {format_number(t['best_within_bounds'])} "
        f"{t['target_metric']}, short of {format_number(t['target'])}. Change another lever or the deadline."
    ]


def _metrics_payload(inputs: MetricsInputs) -> dict[str, Any]:
    totals: dict[str, Any] = {}
    for key, value in compute_metrics(inputs).items():
        if key == "goal_progress" and value is not None:
            totals.update({f"goal_{k}": v for k, v in value.as_dict().items()})  # type: ignore[union-attr]
        else:
            totals[key] = value
    return {"model": "metrics", "params": inputs.as_dict(), "totals": totals, "series": []}


def _metrics_notes(payload: dict[str, Any]) -> list[str]:
    missing = [r.id for r in RATIOS.values() if payload["totals"].get(r.id) is None]
    return [f"Not computed (inputs missing or zero): {', '.join(missing)}."] if missing else []


def _network_notes(payload: dict[str, Any]) -> list[str]:
    t = payload["totals"]
    lines = [
        f"Mean reach {format_number(round(t['reach_mean']))} people ({100 * t['reach_fraction']:.3g}% of the audience), "
        f"5–95% of runs {format_number(round(t['reach_p5']))} to {format_number(round(t['reach_p95']))}; "
        f"mean shares {format_number(round(t['shares_mean']))}; mean conversions "
        f"{format_number(t['conversions_mean'], 3)} (5–95% {format_number(t['conversions_p5'], 3)} to "
        f"{format_number(t['conversions_p95'], 3)}); {t['runs']} runs.",
    ]
    r = t["viral_coefficient"]
    lines.append(
        f"Network viral coefficient {format_number(r, 3)} "
        + ("< 1: cascades stay small." if r < 1 else ">= 1: past the tipping point, large cascades are possible.")
    )
    if t["still_spreading"]:
        lines.append(f"{t['still_spreading']:.0%} of runs were still spreading at the last step: raise --steps.")
    return lines


COMMANDS: dict[str, Command] = {
    c.name: c
    for c in [
        Command(
            "share",
            ShareLoopParams,
            share_loop,
            "Share loop (mean-field): reach, impressions, shares and conversions per step",
            "how far a post spreads when newly reached people share it",
            ("step", "day", "new_reach", "reach", "impressions", "shares", "conversions"),
            _share_notes,
        ),
        Command(
            "referral",
            ReferralParams,
            referral_loop,
            "Referral loop: customers invite people, some invitations convert",
            "customer growth from invitations (K-factor)",
            notes=_referral_notes,
        ),
        Command(
            "bass",
            BassParams,
            bass,
            "Bass diffusion: adoption from ads (p) and word of mouth (q)",
            "adoption over time",
        ),
        Command(
            "sweep",
            SweepParams,
            share_sweep,
            "Sweep: final reach and conversions over a share-rate x audience grid",
            "the share loop over a whole grid of share rates and audiences",
        ),
        Command(
            "goal",
            GoalParams,
            plan_goal,
            "Goal planner: the smallest lever value that meets a target by a deadline",
            "the share rate, seed reach or fan-out needed for a target",
            ("step", "day", "reach", "conversions", "cumulative_conversions"),
            _goal_notes,
        ),
        Command(
            "metrics",
            MetricsInputs,
            _metrics_payload,
            "Metrics: the playbook's KPIs from raw counts",
            "engagement, virality, share of voice, conversion and response metrics",
            notes=_metrics_notes,
        ),
        Command(
            "crisis",
            CrisisParams,
            crisis_payload,
            "Crisis response: a negative story spreads until you answer; its reach by response time",
            "how far a harmful story spreads, and how much a fast answer saves",
            ("step", "hour", "story_new_reach", "story_reach", "response_reach", "story_only_reach"),
            crisis_notes,
        ),
        Command(
            "segments",
            SegmentsParams,
            run_segments,
            "Segment targeting: split a paid seeding budget across segments for the most conversions",
            "the budget split across audience segments that converts most",
            ("segment", "spend", "seed_reach", "reach", "conversions", "next_unit_conversions"),
            segments_notes,
            extra_flags=add_segment_flags,
            execute=run_segments,
        ),
        Command(
            "network",
            NetworkParams,
            network_cascade,
            "Network cascade: Monte Carlo share cascades on a synthetic audience graph",
            "reach, shares and conversions on a follower network, with a 5-95% band over runs",
            ("step", "reach_mean", "reach_p5", "reach_p95", "shares_mean", "conversions_mean"),
            _network_notes,
        ),
    ]
}


class _Parser(argparse.ArgumentParser):
    """argparse with one-line errors (exit 2), like the range errors."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def _flag_help(spec: Param) -> str:
    allowed = "one of: " + ", ".join(spec.choices) if spec.kind is str else spec.allowed()
    default = "none" if spec.default is None else (spec.default if spec.kind is str else format_number(spec.default))  # type: ignore[arg-type]
    return f"{spec.help_en} [{allowed}; default {default}]".replace("%", "%%")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="smm",
        description="SMM Playbook simulator: viral-spread and marketing models from the terminal.",
        epilog="Run 'smm <command> --help' for each command's flags, units and ranges.",
    )
    commands = parser.add_subparsers(dest="command", metavar="command", required=True, parser_class=_Parser)
    for command in COMMANDS.values():
        sub = commands.add_parser(command.name, help=command.summary, description=command.title)
        if command.extra_flags is not None:
            command.extra_flags(sub)
        add_declared_flags(sub, command.params)
        sub.add_argument(
            "--format", choices=("table", "json", "csv"), default="table", help="output format (default table)"
        )
        sub.add_argument("--lang", choices=("en", "fa"), default="en", help="language of table labels (default en)")
    serve = commands.add_parser(
        "serve",
        help="build the playbook and run it with the simulator app (what `make run` does)",
        description="Build the playbook site, start the Streamlit simulator and a static server, print both URLs.",
    )
    add_declared_flags(serve, ServeParams)
    serve.add_argument("--no-build", action="store_true", help="serve the existing site/ folder without rebuilding")
    return parser


def add_declared_flags(parser: argparse.ArgumentParser, params: type[Parameters]) -> None:
    """One flag per declared parameter, with its help, unit, range and default."""
    for spec in params.specs().values():
        parser.add_argument(
            flag_name(spec.name),
            dest=spec.name,
            metavar=spec.name.upper() if spec.kind is not str else "{" + ",".join(spec.choices) + "}",
            help=_flag_help(spec),
        )


def run_command(command: Command, given: dict[str, str]) -> dict[str, Any]:
    """Validate text inputs against the declarations, run the model, return its payload."""
    if command.execute is not None:
        return command.execute(dict(given))
    params = command.params.from_text({k: v for k, v in given.items() if v is not None})
    result = command.run(params)
    return result if isinstance(result, dict) else result.to_dict()


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = vars(parser.parse_args(argv))
    name = args.pop("command")
    if name == "serve":
        build = not args.pop("no_build")
        try:
            params = ServeParams.from_text({k: v for k, v in args.items() if v is not None})
        except ParameterError as error:
            print(f"smm serve: error: {error.describe(flag_name)}", file=sys.stderr)
            return EXIT_USAGE
        return serve(params, build=build)
    command = COMMANDS[name]
    fmt, lang = args.pop("format"), args.pop("lang")
    try:
        payload = run_command(command, args)
    except ParameterError as error:
        print(f"smm {command.name}: error: {error.describe(flag_name)}", file=sys.stderr)
        return EXIT_USAGE
    if fmt == "json":
        sys.stdout.write(to_json(payload) + "\n")
    elif fmt == "csv":
        sys.stdout.write(to_csv(payload))
    else:
        lang_: Lang = lang
        title = f"{command.title}  (smm {command.name})"
        sys.stdout.write(
            to_table(payload, command.params.specs(), title, lang_, command.notes(payload), command.columns)
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
