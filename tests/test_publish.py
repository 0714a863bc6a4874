"""``make publish`` and ``make serve-prod``, run in this process: the replicas' settings, the
exact nginx configs and security policies, the published folder, the command line, and the
layout itself with the real nginx in front of one real Streamlit replica (killed, restarted,
stopped by a signal). The browser tests (tests/browser/test_publish.py) drive a reader through
the same layout with two replicas."""

from __future__ import annotations

import base64
import hashlib
import os
import re
import signal
from html.parser import HTMLParser
from pathlib import Path

import pytest
import streamlit

from simulator import publish as publishing
from simulator.app.layout import EMBED_REPORT_SCRIPT
from simulator.publish import (
    APP_PATH,
    ProdLayout,
    content_security_policy,
    inline_script_hashes,
    main,
    nginx_http_config,
    nginx_main_config,
    publish,
    security_policies,
    serve_site,
    streamlit_env,
)
from simulator.site.preview import OFFLINE_PROBE, write_offline_probe
from tests.support import free_port, http_get, port_is_open, run_until_signal

REPLICA_ENV = """\
STREAMLIT_SERVER_BASE_URL_PATH=simulator/app
STREAMLIT_SERVER_ENABLE_XSRF_PROTECTION=true
STREAMLIT_SERVER_ENABLE_CORS=true
STREAMLIT_SERVER_HEADLESS=true
STREAMLIT_SERVER_FILE_WATCHER_TYPE=none
STREAMLIT_SERVER_RUN_ON_SAVE=false
STREAMLIT_SERVER_MAX_UPLOAD_SIZE=1
STREAMLIT_BROWSER_GATHER_USAGE_STATS=false
STREAMLIT_GLOBAL_DEVELOPMENT_MODE=false
"""
"""The replicas' settings as ``publish`` writes them (simulator/limits.py: a 1 MB upload cap)."""

HOME = '<!doctype html><html lang="en"><script>var a=1</script><script src="x.js"></script><p>Home</p></html>'
HOME_FA = (
    '<!doctype html><html lang="fa"><script>var b=2</script><script>var a=1</script>'
    '<script type="application/json">{"c": 3}</script><p>خانه</p></html>'
)


def _built_site(folder: Path) -> Path:
    """A built-looking site: two pages, three inline scripts (two distinct), a script file, a
    JSON island, and a text file that is not a page."""
    (folder / "fa").mkdir(parents=True)
    (folder / "index.html").write_text(HOME, encoding="utf-8")
    (folder / "fa" / "index.html").write_text(HOME_FA, encoding="utf-8")
    (folder / "notes.txt").write_text("<script>var c=3</script>", encoding="utf-8")
    return folder


def _sha(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


class _InlineScripts(HTMLParser):
    """The inline JavaScript of a page as a browser sees it: ``<script>`` elements with neither
    ``src`` nor ``type`` (a second reading, independent of publish.py's pattern)."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.bodies: list[str] = []
        self._inside = False
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._inside = tag == "script" and not {name for name, _ in attrs} & {"src", "type"}
        if self._inside:
            self.bodies.append("")

    def handle_data(self, data: str) -> None:
        if self._inside:
            self.bodies[-1] += data

    def handle_endtag(self, tag: str) -> None:
        self._inside = False


def _policy(script_sources: str) -> str:
    """The whole policy for this origin, with ``script_sources`` after the fixed script sources."""
    return (
        "default-src 'self'; "
        f"script-src 'self' 'unsafe-eval'{script_sources}; "
        "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; "
        "connect-src 'self'; frame-src 'self'; worker-src 'self' blob:; object-src 'none'; "
        "base-uri 'self'; form-action 'self'; frame-ancestors 'self'"
    )


SITE_POLICY = _policy(" " + " ".join(sorted([_sha("var a=1"), _sha("var b=2")])))
"""The policy of :func:`_built_site`'s pages: its two distinct inline scripts allowed."""


def _app_policy() -> str:
    """The app's policy: ``blob:`` (the live chart's component) and the inline scripts of
    Streamlit's own page and of the app's embed reporter."""
    streamlit_page = (Path(streamlit.__file__).parent / "static" / "index.html").read_text(encoding="utf-8")
    scripts = _InlineScripts(streamlit_page).bodies + _InlineScripts(EMBED_REPORT_SCRIPT).bodies
    assert len(scripts) >= 2  # Streamlit's page has one (1.67: prerenderReady), the reporter one
    return _policy(" blob: " + " ".join(sorted({_sha(s) for s in scripts})))


# --- settings, configs, policies ------------------------------------------------------------------


def test_the_replica_settings_are_streamlit_environment_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SMM_SITE_URL", "https://playbook.example.org")  # the chapters live elsewhere
    assert streamlit_env() == REPLICA_ENV + "SMM_SITE_URL=https://playbook.example.org\n"
    monkeypatch.delenv("SMM_SITE_URL")
    assert streamlit_env() == REPLICA_ENV + "SMM_SITE_URL=\n"  # the app's chapter links stay on this origin


def test_only_inline_scripts_are_hashed_once_each() -> None:
    pages = [
        "<script>var a=1</script><script src='x.js'></script>",
        '<script type="application/json">{}</script><script>var a=1</script>',
    ]
    digest = base64.b64encode(hashlib.sha256(b"var a=1").digest()).decode()
    assert inline_script_hashes(pages) == [f"'sha256-{digest}'"]


def test_the_policy_allows_this_origin_only() -> None:
    assert content_security_policy(["'sha256-abc'", "blob:"]) == _policy(" 'sha256-abc' blob:")


def test_the_policies_hash_every_inline_script_of_the_site_and_of_the_app(tmp_path: Path) -> None:
    assert security_policies(_built_site(tmp_path)) == (SITE_POLICY, _app_policy())


def test_the_nginx_config_of_the_layout_in_full() -> None:
    config = nginx_http_config(
        Path("/srv/smm/site"), "127.0.0.1:8080", ["127.0.0.1:8501", "10.0.0.2:8501"], "SITE-POLICY", "APP-POLICY"
    )
    assert (
        config
        == """\
# Generated by `make publish` (simulator/publish.py); edit that file, not this one.
upstream smm_simulator {
    hash $smm_route consistent;
    server 127.0.0.1:8501 max_fails=1 fail_timeout=5s;
    server 10.0.0.2:8501 max_fails=1 fail_timeout=5s;
}

map $cookie_smm_route $smm_route {
    ""      $request_id;
    default $cookie_smm_route;
}

map $cookie_smm_route $smm_set_route {
    ""      "smm_route=$request_id; Path=/simulator/app/; HttpOnly; SameSite=Strict";
    default "";
}

map $http_upgrade $connection_upgrade {
    default upgrade;
    ""      close;
}

server {
    listen 127.0.0.1:8080;
    server_name _;
    server_tokens off;
    charset utf-8;
    root /srv/smm/site;
    index index.html;
    autoindex off;
    gzip_static on;
    client_max_body_size 1m;

    location / {
        add_header Content-Security-Policy "SITE-POLICY" always;
        add_header X-Content-Type-Options "nosniff" always;
        add_header Referrer-Policy "same-origin" always;
        add_header X-Frame-Options "SAMEORIGIN" always;
        try_files $uri $uri/ =404;
    }

    location /simulator/app/ {
        add_header Content-Security-Policy "APP-POLICY" always;
        add_header X-Content-Type-Options "nosniff" always;
        add_header Referrer-Policy "same-origin" always;
        add_header X-Frame-Options "SAMEORIGIN" always;
        add_header Set-Cookie $smm_set_route always;
        proxy_pass http://smm_simulator;
        proxy_http_version 1.1;
        proxy_set_header Upgrade $http_upgrade;
        proxy_set_header Connection $connection_upgrade;
        proxy_set_header Host $host;
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        proxy_set_header X-Forwarded-Proto $scheme;
        proxy_buffering off;
        proxy_read_timeout 1h;
        proxy_connect_timeout 2s;
        proxy_next_upstream error timeout http_502 http_503;
    }
}
"""
    )


def test_the_unprivileged_nginx_main_config_in_full() -> None:
    # Started by root (containers, CI), nginx must be told to keep its workers as root.
    user = "user root;\n" if os.geteuid() == 0 else ""
    assert (
        nginx_main_config(Path("/run/smm"), Path("/run/smm/smm-playbook.conf"))
        == user
        + """\
daemon off;
worker_processes 1;
pid /run/smm/nginx.pid;
error_log /run/smm/error.log warn;
events { worker_connections 1024; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    log_format upstream '$request_method $uri $status $upstream_addr';
    access_log /run/smm/access.log upstream;
    client_body_temp_path /run/smm/temp/client_body;
    proxy_temp_path /run/smm/temp/proxy;
    fastcgi_temp_path /run/smm/temp/fastcgi;
    uwsgi_temp_path /run/smm/temp/uwsgi;
    scgi_temp_path /run/smm/temp/scgi;
    include /run/smm/smm-playbook.conf;
}
"""
    )


def test_the_offline_probe_is_written_for_an_app_on_the_same_origin_only(tmp_path: Path) -> None:
    write_offline_probe(tmp_path, "/simulator/app")
    assert (tmp_path / "simulator/app/_stcore/health").read_text(encoding="utf-8") == OFFLINE_PROBE
    assert (tmp_path / ".nojekyll").is_file()
    for elsewhere in ("https://app.example.org", "//app.example.org", "http://localhost:8501"):
        other = tmp_path / "other"
        write_offline_probe(other, elsewhere)
        assert not other.exists()


# --- make publish ---------------------------------------------------------------------------------


def test_publish_writes_the_site_its_nginx_config_and_the_replica_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Into a folder published before: the old site goes, the built one, its config and the
    replicas' settings come. (The build itself runs in the browser tests' ``published_site``.)"""
    monkeypatch.delenv("SMM_SITE_URL", raising=False)
    built = _built_site(tmp_path / "built")
    out = tmp_path / "publish"
    (out / "site").mkdir(parents=True)
    (out / "site" / "old.html").write_text("<script>var old=1</script>", encoding="utf-8")

    assert publish(out, "127.0.0.1:8080", ["127.0.0.1:9001"], site=built) == out

    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert files == [
        "nginx/smm-playbook.conf",
        "site/fa/index.html",
        "site/index.html",
        "site/notes.txt",
        "streamlit.env",
    ]
    assert (out / "site" / "fa" / "index.html").read_text(encoding="utf-8") == HOME_FA
    assert (out / "streamlit.env").read_bytes() == (REPLICA_ENV + "SMM_SITE_URL=\n").encode()
    config = (out / "nginx" / "smm-playbook.conf").read_text(encoding="utf-8")
    site_root = (out / "site").resolve()
    assert config == nginx_http_config(site_root, "127.0.0.1:8080", ["127.0.0.1:9001"], SITE_POLICY, _app_policy())
    assert f"    root {site_root};\n" in config
    assert "    listen 127.0.0.1:8080;\n" in config
    assert "    server 127.0.0.1:9001 max_fails=1 fail_timeout=5s;\n}" in config


# --- the command line -----------------------------------------------------------------------------


def _missing_nginx(path: Path) -> str:
    return (
        f"nginx is not installed at {path}. Install Debian's package:\n"
        "    sudo apt-get install -y --no-install-recommends nginx\n"
        "(make serve-prod runs it as you, with its own config and temp folders; nothing under /etc changes.)"
    )


@pytest.mark.usefixtures("nothing_left_running")
@pytest.mark.parametrize(
    ("argv", "error"),
    [
        ([], "python -m simulator.publish: error: the following arguments are required: command"),
        (
            ["serve", "--replicas", "9"],
            "python -m simulator.publish serve: error: argument --replicas: invalid choice: 9 "
            "(choose from 1, 2, 3, 4, 5, 6, 7, 8)",
        ),
    ],
)
def test_the_command_line_refuses_a_missing_command_and_too_many_replicas(
    argv: list[str], error: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Were the arguments wrongly taken, serve-prod would stop at once for want of nginx
    # instead of building and serving for good.
    monkeypatch.setattr(publishing, "NGINX", tmp_path / "sbin" / "nginx")
    with pytest.raises(SystemExit) as stopped:
        main(argv)
    assert stopped.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == error


@pytest.mark.usefixtures("nothing_left_running")
def test_serve_prod_without_nginx_says_how_to_install_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    missing = tmp_path / "sbin" / "nginx"
    monkeypatch.setattr(publishing, "NGINX", missing)
    with pytest.raises(SystemExit) as stopped:
        main(["serve", "--replicas", "1", "--port", str(free_port())])
    assert stopped.value.code == _missing_nginx(missing)
    with pytest.raises(SystemExit) as stopped:
        ProdLayout(tmp_path, replicas=1).__enter__()  # nothing started before the check
    assert stopped.value.code == _missing_nginx(missing)


# --- the layout on this machine -------------------------------------------------------------------


@pytest.mark.usefixtures("nothing_left_running")
def test_the_layout_refuses_to_start_when_nginx_rejects_its_config(tmp_path: Path) -> None:
    """No replica: the upstream is empty and nginx says so; nothing is left behind."""
    layout = ProdLayout(_built_site(tmp_path / "site"), replicas=0)
    with pytest.raises(
        RuntimeError, match=r"nginx rejected its config .*nginx\.conf:\n.*no servers are inside upstream"
    ):
        layout.__enter__()
    assert layout.port > 0
    assert not layout.prefix.exists()


@pytest.mark.usefixtures("nothing_left_running")
def _environment(pid: int) -> list[bytes]:
    """The variables a running process was started with (Linux's /proc)."""
    return Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")


def test_nginx_serves_the_site_and_proxies_a_replica_that_is_killed_and_restarted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The real layout with one replica: nginx sends the pages and the app with their headers,
    the access log names the replica, a killed replica is a 502 until it is restarted."""
    # Unset here, the replicas get it empty: the app's chapter links stay on this origin
    # instead of the address `smm serve` gives the site (http://localhost:8000).
    monkeypatch.delenv("SMM_SITE_URL", raising=False)
    site = _built_site(tmp_path / "site")
    health = f"{APP_PATH}/_stcore/health"
    with ProdLayout(site, replicas=1) as layout:
        assert layout.url == f"http://localhost:{layout.port}"
        assert layout.access_log == layout.prefix / "access.log"
        assert layout.nginx is not None
        assert os.getsid(layout.nginx.pid) == layout.nginx.pid  # its own session: stopped as a group
        [replica] = layout.started
        assert replica.address == f"127.0.0.1:{replica.port}"
        assert b"SMM_SITE_URL=" in _environment(replica.process.pid)
        assert f"/{APP_PATH.strip('/')}" in (layout.prefix / f"replica-{replica.port}.log").read_text(encoding="utf-8")

        status, headers, body = http_get(layout.port, "/fa/index.html")
        assert (status, body.decode("utf-8")) == (200, HOME_FA)
        assert headers["Content-Security-Policy"] == SITE_POLICY
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "same-origin"
        assert headers["X-Frame-Options"] == "SAMEORIGIN"
        assert "Set-Cookie" not in headers
        with pytest.raises(LookupError) as unproxied:
            layout.replica_of("/fa/index.html")  # in the log, but served by nginx itself
        assert str(unproxied.value) == f"no proxied request for /fa/index.html in {layout.access_log}"

        status, headers, body = http_get(layout.port, health)
        assert (status, body) == (200, b"ok")
        assert headers["Content-Security-Policy"] == _app_policy()
        # nginx's sticky-session cookie beside Streamlit's own XSRF cookie.
        [route] = [c for c in headers.get_all("Set-Cookie") if not c.startswith("_streamlit_xsrf=")]
        assert re.fullmatch(r"smm_route=[0-9a-f]{32}; Path=/simulator/app/; HttpOnly; SameSite=Strict", route)
        assert layout.replica_of(health) is replica

        replica.kill()
        assert replica.process.returncode == -signal.SIGKILL
        assert http_get(layout.port, health)[0] == 502

        fresh = layout.restart(replica)
        assert (fresh.port, layout.started) == (replica.port, [fresh])
        assert fresh is not replica
        assert b"SMM_SITE_URL=" in _environment(fresh.process.pid)
        status, _, body = http_get(layout.port, health)
        assert (status, body) == (200, b"ok")
        assert layout.replica_of(health) is fresh
        nginx, prefix = layout.nginx, layout.prefix
    assert nginx.returncode is not None
    assert fresh.process.returncode is not None
    assert not port_is_open(layout.port)
    assert not port_is_open(fresh.port)
    assert not prefix.exists()


def _announced(output: str) -> tuple[str, int, Path]:
    """(nginx's address, the replica's port, the layout's folder) from serve_site's message."""
    found = re.search(
        r"playbook   (http://localhost:\d+)/.*\(1 replicas: 127\.0\.0\.1:(\d+)\).*logs in (\S+)\n", output, re.S
    )
    assert found, output
    return found[1], int(found[2]), Path(found[3])


@pytest.mark.usefixtures("nothing_left_running")
def test_serve_prod_runs_until_a_stop_signal_then_stops_nginx_and_the_replica(tmp_path: Path) -> None:
    """``make serve-prod`` stopped by a service manager (SIGTERM): nginx and the replica run in
    sessions of their own, so the command must stop them itself."""
    port = free_port()
    seen: dict[str, int] = {}

    def check(output: str) -> None:
        seen["site"] = http_get(port, "/")[0]
        seen["app"] = http_get(port, f"{APP_PATH}/_stcore/health")[0]

    site = _built_site(tmp_path / "site")
    code, output = run_until_signal(lambda: serve_site(site, 1, port), "Press Ctrl-C", signal.SIGTERM, check)
    url, replica_port, prefix = _announced(output)
    assert code == 0
    assert output == (
        "\nSMM Playbook (published layout) is running:\n"
        f"  playbook   http://localhost:{port}/      (Persian: http://localhost:{port}/fa/)\n"
        f"  simulator  http://localhost:{port}/simulator/app/   (1 replicas: 127.0.0.1:{replica_port})\n"
        f"  nginx      config and logs in {prefix}\n"
        "Press Ctrl-C to stop.\n\n"
        "\nStopped.\n"
    )
    assert url == f"http://localhost:{port}"
    assert seen == {"site": 200, "app": 200}
    assert not port_is_open(port)
    assert not port_is_open(replica_port)
    assert not prefix.exists()


@pytest.mark.usefixtures("nothing_left_running")
def test_serve_prod_ends_when_nginx_exits(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def stop_nginx(output: str) -> None:
        prefix = _announced(output)[2]
        os.kill(int((prefix / "nginx.pid").read_text(encoding="utf-8")), signal.SIGTERM)

    port = free_port()
    code, output = run_until_signal(
        lambda: serve_site(_built_site(tmp_path / "site"), 1, port), "Press Ctrl-C", None, stop_nginx
    )
    _, replica_port, prefix = _announced(output)
    assert code == 1
    assert output.endswith("Press Ctrl-C to stop.\n\n")
    assert capsys.readouterr().err == f"nginx exited; see {prefix / 'error.log'}\n"
    assert not port_is_open(replica_port)
    assert not prefix.exists()
