"""Every command's worst accepted corner is accepted, one step further is refused, and the
caps' arithmetic holds (bench/worst_case.py runs the same corners and records their times
against simulator/limits.py; a test never times anything)."""

from __future__ import annotations

import pytest

from bench.worst_case import CASES, Case, _fill
from simulator.commands import COMMANDS, flag_name
from simulator.declarations import NETWORK_MAX_WORK, SWEEP_MAX_CELL_STEPS
from simulator.models.network import NetworkParams
from simulator.models.share_loop import SweepParams
from simulator.params import ParameterError, Parameters


def _params(argv: list[str]) -> Parameters:
    """The validated parameters of an ``smm`` argument list, without running the model."""
    command = next(c for c in COMMANDS.values() if argv[: len(c.words)] == list(c.words))
    rest = argv[len(command.words) :]
    flags = dict(zip(rest[::2], rest[1::2], strict=True))
    texts = {name: flags[flag_name(name)] for name in command.params.specs() if flag_name(name) in flags}
    return command.params.from_text(texts)


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.command}:{c.label[:40]}")
def test_worst_corner_is_accepted_and_one_step_further_is_refused(case: Case) -> None:
    accepted = _params(_fill(case.accepted, "unused"))
    flag, _ = case.further
    name = flag.removeprefix("--").replace("-", "_")
    if name in accepted.specs():
        with pytest.raises(ParameterError, match=rf"^{name} = "):
            _params(_fill(case.refused(), "unused"))


def test_network_corners_sit_at_the_work_cap() -> None:
    corners = [_params(_fill(c.accepted, "")) for c in CASES if c.command == "network"]
    assert len(corners) == 5
    for params in corners:
        assert isinstance(params, NetworkParams)
        assert params.work <= NETWORK_MAX_WORK < params.work_of(params.runs + 1)


def test_the_ring_corner_is_bounded_by_its_steps() -> None:
    """A ring spreads two people a step, so it runs all 2,000 steps: the per-step cost must be counted.
    Worked by hand for 131,073 people (18-bit ids, so a dense part holds 2**23 >> 18 = 32 runs): a run is
    131,073 people + 1 seed + 1 x 2 x 131,073 contacts = 393,220; 366 runs are two batches of 183, each a
    sparse start plus 6 dense parts, so 14 blocks x 2,000 steps x 2,000 units = 56,000,000; in all
    143,918,520 + 56,000,000 = 199,918,520 <= 200,000,000, and 367 runs cost 200,311,740."""
    ring = NetworkParams(
        graph="small-world", rewire=0, audience=131_073, avg_degree=2, seeds=1, share_rate=1, visibility=1,
        steps=2_000, runs=366,
    )  # fmt: skip
    assert ring.work == 199_918_520
    assert ring.work_of(367) == 200_311_740
    assert ring.most_runs() == 366


def test_sweep_corner_sits_at_its_cap() -> None:
    (sweep,) = [_params(_fill(c.accepted, "")) for c in CASES if c.command == "sweep"]
    assert isinstance(sweep, SweepParams)
    cells = sweep.share_rate_points * sweep.audience_points
    assert cells * sweep.steps <= SWEEP_MAX_CELL_STEPS < cells * (sweep.steps + 1)
    assert (cells, sweep.steps) == (160_000, 937)  # 160,000 x 937 = 149,920,000


def test_every_command_has_a_worst_corner() -> None:
    assert {c.command for c in CASES} == set(COMMANDS)
