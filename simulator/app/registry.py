"""Every simulator page, in menu order: the labs, with their model, chapter and result view, then
the tool pages that are not labs (the Calibrate page)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from simulator.app import calibrate
from simulator.app.labs import Lab
from simulator.app.views import bass, crisis, goal, metrics, network, referral, sample_size, segments, share, sweep
from simulator.models.bass import BassParams
from simulator.models.crisis import CrisisParams
from simulator.models.goal import GoalParams
from simulator.models.metrics import MetricsInputs
from simulator.models.network import NetworkParams
from simulator.models.referral import ReferralParams
from simulator.models.sample_size import SampleSizeParams
from simulator.models.segments import SegmentsParams
from simulator.models.share_loop import ShareLoopParams, SweepParams

__all__ = ["LABS", "PAGE_IDS", "TOOLS", "ToolPage"]

LABS: tuple[Lab, ...] = (
    Lab("share", ShareLoopParams, "strategies/viral-marketing/", ":material/share:", share.results),
    Lab("network", NetworkParams, "strategies/tactics/#influencers", ":material/hub:", network.results),
    Lab(
        "sweep",
        SweepParams,
        "strategies/segmentation/",
        ":material/grid_on:",
        sweep.results,
        more=sweep.MarkedScenario,
        heading="app.sweep.current",
    ),
    Lab("goal", GoalParams, "metrics/#worked-example", ":material/flag:", goal.results, solved=goal.solved_lever),
    Lab("metrics", MetricsInputs, "metrics/#metric-reference", ":material/calculate:", metrics.results),
    Lab("bass", BassParams, "fundamentals/", ":material/trending_up:", bass.results),
    Lab("referral", ReferralParams, "strategies/crm/", ":material/group_add:", referral.results),
    Lab(
        "sample-size",
        SampleSizeParams,
        "craft/experiments/#sample-size",
        ":material/science:",
        sample_size.results,
    ),
    Lab("crisis", CrisisParams, "risks/crisis-response/#response-time", ":material/campaign:", crisis.results),
    Lab(
        "segments",
        SegmentsParams,
        "strategies/segmentation/#budget-allocation",
        ":material/pie_chart:",
        segments.results,
        extra_inputs=segments.segment_inputs,
    ),
)


@dataclass(frozen=True)
class ToolPage:
    """A page with no declared parameters of its own: its URL path, menu icon and page function."""

    id: str
    icon: str
    run: Callable[[], None]


TOOLS: tuple[ToolPage, ...] = (ToolPage(calibrate.PAGE, calibrate.ICON, calibrate.page),)

PAGE_IDS: tuple[str, ...] = tuple(page.id for page in (*LABS, *TOOLS))
"""Every page's id (its URL path and its ``app.page.<id>`` texts), in menu order."""
