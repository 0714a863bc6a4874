"""``make publish``'s pieces that need no server: the replicas' settings, the nginx config, the CSP."""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

from simulator.publish import (
    APP_PATH,
    content_security_policy,
    inline_script_hashes,
    nginx_http_config,
    streamlit_env,
)
from simulator.site.preview import OFFLINE_PROBE, write_offline_probe


def test_the_replica_settings_are_streamlit_environment_variables() -> None:
    lines = streamlit_env().splitlines()
    assert "STREAMLIT_SERVER_BASE_URL_PATH=simulator/app" in lines
    assert "STREAMLIT_SERVER_ENABLE_XSRF_PROTECTION=true" in lines
    assert "STREAMLIT_SERVER_ENABLE_CORS=true" in lines
    assert "STREAMLIT_SERVER_FILE_WATCHER_TYPE=none" in lines
    assert "STREAMLIT_BROWSER_GATHER_USAGE_STATS=false" in lines
    assert "STREAMLIT_SERVER_MAX_UPLOAD_SIZE=1" in lines  # simulator/limits.py: MAX_FILE_BYTES = 1,000,000
    assert "SMM_SITE_URL=" in lines  # the app's chapter links stay on the site's origin


def test_only_inline_scripts_are_hashed_once_each() -> None:
    pages = [
        "<script>var a=1</script><script src='x.js'></script>",
        '<script type="application/json">{}</script><script>var a=1</script>',
    ]
    digest = base64.b64encode(hashlib.sha256(b"var a=1").digest()).decode()
    assert inline_script_hashes(pages) == [f"'sha256-{digest}'"]


def test_the_policy_allows_this_origin_only() -> None:
    policy = content_security_policy(["'sha256-abc'"])
    assert "default-src 'self'" in policy
    assert "script-src 'self' 'unsafe-eval' 'sha256-abc'" in policy
    assert "frame-ancestors 'self'" in policy
    assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]


def test_the_nginx_config_proxies_the_app_to_every_replica_with_websockets() -> None:
    config = nginx_http_config(Path("/srv/site"), "80", ["127.0.0.1:8501", "10.0.0.2:8501"], "SITE", "APP")
    assert "    server 127.0.0.1:8501 max_fails=1 fail_timeout=5s;\n    server 10.0.0.2:8501" in config
    assert f"location {APP_PATH}/ {{" in config
    assert "proxy_set_header Upgrade $http_upgrade;" in config
    assert "hash $smm_route consistent;" in config
    assert "autoindex off;" in config
    assert "client_max_body_size 1m;" in config
    assert config.count('Content-Security-Policy "SITE"') == 1
    assert config.count('Content-Security-Policy "APP"') == 1


def test_the_offline_probe_is_written_for_an_app_on_the_same_origin_only(tmp_path: Path) -> None:
    write_offline_probe(tmp_path, "/simulator/app")
    assert (tmp_path / "simulator/app/_stcore/health").read_text(encoding="utf-8") == OFFLINE_PROBE
    assert (tmp_path / ".nojekyll").is_file()
    for elsewhere in ("https://app.example.org", "//app.example.org", "http://localhost:8501"):
        other = tmp_path / "other"
        write_offline_probe(other, elsewhere)
        assert not other.exists()
