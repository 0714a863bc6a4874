"""The data loader stays below the shells: loading and checking ``playbook_data`` imports the
engine (:mod:`simulator.pages`, the models), never the command registry, the CLI, the app or
the site hooks. Checked in a clean interpreter, where nothing else has imported them first."""

from __future__ import annotations

import json
import re
import subprocess
import sys

from tests.support import ROOT

SHELL = re.compile(r"simulator\.(commands|cli\w*|app|site|serve|publish|calibration)(\.|$)")
"""The shells: the ``smm`` registry and CLI modules, the Streamlit app and its Calibrate logic,
the site hooks, ``smm serve`` and ``smm publish``."""

# Imports simulator.data, then runs every loader that checks pages and parameter classes,
# printing the simulator modules loaded after each stage.
_SCRIPT = """
import json, sys
def loaded():
    return sorted(m for m in sys.modules if m.startswith("simulator"))
import simulator.data as data
stages = {"import": loaded()}
scenarios = (*data.presets(), *data.examples())
data.benchmarks()
defaults = data.page_defaults()
bass = next(s for s in scenarios if s.page == "bass" and s.period)
data.scenario_values(bass)
from simulator.pages import PAGE_PARAMS
data.check_defaults("share", {k: spec.default for k, spec in PAGE_PARAMS["share"].specs().items()})
stages["load"] = loaded()
stages["counts"] = [len(scenarios), len(data.benchmarks()), len(defaults)]
print(json.dumps(stages))
"""


def _stages() -> dict[str, list]:
    out = subprocess.run([sys.executable, "-c", _SCRIPT], capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(out.stdout)


def test_loading_the_data_imports_no_shell() -> None:
    stages = _stages()
    assert [m for m in stages["import"] if SHELL.match(m)] == []
    assert [m for m in stages["load"] if SHELL.match(m)] == []
    # The load really checked pages against the engine's map, on real data.
    assert "simulator.pages" in stages["load"]
    assert all(n > 0 for n in stages["counts"]), stages["counts"]


def test_the_shell_pattern_names_every_shell_and_no_engine_module() -> None:
    shells = ["simulator.commands", "simulator.cli", "simulator.cli_fit", "simulator.cli_labs", "simulator.app",
              "simulator.app.views.share", "simulator.site", "simulator.site.renderers", "simulator.serve",
              "simulator.publish", "simulator.calibration"]  # fmt: skip
    engine = ["simulator", "simulator.data", "simulator.pages", "simulator.params", "simulator.models.share_loop",
              "simulator.charts", "simulator.exports", "simulator.declarations"]  # fmt: skip
    assert [m for m in shells if not SHELL.match(m)] == []
    assert [m for m in engine if SHELL.match(m)] == []
