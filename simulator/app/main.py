"""Entry point: ``streamlit run simulator/app/main.py`` (``smm serve`` does it for you)."""

from __future__ import annotations

import functools
import sys
from pathlib import Path

# Streamlit runs this file as a script; make the project importable without installing it.
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import streamlit as st

from simulator.app.labs import home, run_lab
from simulator.app.registry import LABS, TOOLS
from simulator.app.state import seed_language
from simulator.app.text import t

ICON = Path(__file__).resolve().parent / "static" / "favicon.png"


def main() -> None:
    # A local icon: a Material-symbol icon would be fetched from fonts.gstatic.com.
    st.set_page_config(page_title="SMM Playbook simulator", page_icon=str(ICON), layout="wide")
    seed_language()
    labs = {
        lab.id: st.Page(
            functools.partial(run_lab, lab), title=t(f"app.page.{lab.id}.title"), icon=lab.icon, url_path=lab.id
        )
        for lab in LABS
    }
    tools = {
        tool.id: st.Page(tool.run, title=t(f"app.page.{tool.id}.title"), icon=tool.icon, url_path=tool.id)
        for tool in TOOLS
    }
    pages = labs | tools
    overview = st.Page(
        functools.partial(home, [*LABS, *TOOLS], pages),
        title=t("app.page.home.title"),
        icon=":material/home:",
        default=True,
    )
    st.navigation([overview, *pages.values()], position="top").run()


main()
