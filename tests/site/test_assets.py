"""Self-hosted assets agree with what the build compiles for."""

from __future__ import annotations

import re

import vl_convert

from tests.support import DOCS


def test_vendored_vega_matches_the_compiler() -> None:
    bundle = (DOCS / "assets/javascripts/vendor/vega.min.js").read_text(encoding="utf-8")
    found = re.search(r'version\s*[:=]\s*"(\d+\.\d+\.\d+)"', bundle) or re.search(r'"(6\.\d+\.\d+)"', bundle)
    assert found is not None
    assert found.group(1) == vl_convert.get_vega_version()


def test_persian_font_is_served_by_the_site() -> None:
    css = (DOCS / "assets/stylesheets/playbook.css").read_text(encoding="utf-8")
    sources = re.findall(r'url\("([^"]+\.woff2)"\)', css)
    assert sorted(sources) == ["../fonts/Vazirmatn-Bold.woff2", "../fonts/Vazirmatn-Regular.woff2"]
    for src in sources:
        assert (DOCS / "assets/stylesheets" / src).resolve().is_file()
    assert "Vazirmatn" in css


def test_app_serves_the_same_font_and_vega_files() -> None:
    # Streamlit refuses symlinks out of its static folder, so the app keeps copies.
    app_static = DOCS.parent / "simulator" / "app" / "static"
    for name in ("Vazirmatn-Regular.woff2", "Vazirmatn-Bold.woff2"):
        assert (app_static / name).read_bytes() == (DOCS / "assets" / "fonts" / name).read_bytes()
    for name in ("vega.min.js", "vega-LICENSE.txt"):
        assert (app_static / name).read_bytes() == (DOCS / "assets/javascripts/vendor" / name).read_bytes()
