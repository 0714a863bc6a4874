"""The simulator pages and the parameter class each one takes, declared once.

A simulator page is one model as a person runs it: an ``smm`` subcommand, a page of the app,
and what a preset, worked example, benchmark or default in ``playbook_data`` names
(``page: share``). The command registry (:mod:`simulator.commands`) gives each page of
:data:`PAGE_PARAMS` its runner and texts, and refuses a command this map does not have or a
page without a command; the data loader (:mod:`simulator.data`) checks scenarios, benchmarks
and defaults against these classes. Both read the map, so the loader stays below the shells:
this module imports the engine only.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from simulator.models.bass import BassParams
from simulator.models.crisis import CrisisParams
from simulator.models.fit_inputs import FileInputs
from simulator.models.goal import GoalParams
from simulator.models.metrics import MetricsInputs
from simulator.models.network import NetworkParams
from simulator.models.referral import ReferralParams
from simulator.models.sample_size import SampleSizeParams
from simulator.models.segments import SegmentsParams
from simulator.models.share_loop import ShareLoopParams, SweepParams
from simulator.params import Parameters

__all__ = ["PAGE_PARAMS"]

PAGE_PARAMS: Mapping[str, type[Parameters]] = MappingProxyType(
    {
        "share": ShareLoopParams,
        "referral": ReferralParams,
        "bass": BassParams,
        "sweep": SweepParams,
        "goal": GoalParams,
        "metrics": MetricsInputs,
        "crisis": CrisisParams,
        "segments": SegmentsParams,
        "fit-share": FileInputs,
        "fit-bass": FileInputs,
        "sample-size": SampleSizeParams,
        "network": NetworkParams,
    }
)
"""Each simulator page's name and its parameter class, in the order pages are listed (the
``smm`` subcommands, the pages a data error offers)."""
