"""The simulator without its server: what a static host shows in place of the live app.

A site on a static host (no simulator process) still works: the simulator page and the
chapters' "Try it" boxes say that the live simulator is not connected and show each
preset's headline numbers and chart, computed by the engine when the site was built.
``embed.js`` decides at page load which of the two (live frame or this preview) to show.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["OFFLINE_PROBE", "write_offline_probe"]

OFFLINE_PROBE = "offline\n"
"""The body of the static stand-in for Streamlit's health check (Streamlit answers ``ok``)."""


def write_offline_probe(site_dir: Path, app_url: str) -> None:
    """For an app on the site's own origin (``app_url`` a path such as ``/simulator/app``), a
    static ``<app_url>/_stcore/health`` that answers ``offline``. Behind nginx the app's path is
    proxied and Streamlit answers ``ok``; on a static host this file answers, so the page learns
    that no simulator runs without a failed request (a 404 is a console error in browsers)."""
    if not app_url.startswith("/") or app_url.startswith("//"):
        return
    probe = site_dir / app_url.strip("/") / "_stcore" / "health"
    probe.parent.mkdir(parents=True, exist_ok=True)
    probe.write_text(OFFLINE_PROBE, encoding="utf-8")
