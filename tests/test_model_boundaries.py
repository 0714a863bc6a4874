"""The models never see the UI or the data files (Mesa's habit), checked in a clean interpreter."""

from __future__ import annotations

import subprocess
import sys

FORBIDDEN = ("streamlit", "altair", "yaml", "mkdocs", "pandas")


def test_models_import_no_ui_or_data_libraries() -> None:
    code = (
        "import importlib, pkgutil, sys, simulator.models as m\n"
        "[importlib.import_module('simulator.models.' + x.name) for x in pkgutil.iter_modules(m.__path__)]\n"
        f"print(sorted(k for k in sys.modules if k.split('.')[0] in {FORBIDDEN!r}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stdout
