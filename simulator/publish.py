"""``make publish`` and ``make serve-prod``: the playbook and the simulator on one public address.

The published layout (the one the tests run): nginx serves the built site (both languages)
and proxies :data:`APP_PATH` on the same origin, websockets included, to two or more
Streamlit processes ("replicas") with sticky sessions. ``publish`` writes a deployable
folder::

    publish/site/                  the static site, its simulator links and frame at APP_PATH
    publish/nginx/smm-playbook.conf  the http-level nginx config (upstream, headers, proxy)
    publish/streamlit.env          the replicas' production settings as environment variables

``serve-prod`` starts that layout on this machine without root: nginx runs as the current
user with its own prefix, pid file, logs and temp folders under a temp folder, and the
replicas run on free local ports. :class:`ProdLayout` is that layout as a context manager,
shared by the command, the browser tests and the load bench.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import hashlib
import os
import pwd
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from simulator.limits import UPLOAD_MB
from simulator.serve import ROOT, build_site, free_port, start_app, stop_app, wait_for_app

__all__ = [
    "APP_PATH",
    "NGINX",
    "ProdLayout",
    "Replica",
    "nginx_http_config",
    "publish",
    "serve_site",
    "streamlit_settings",
]

APP_PATH = "/simulator/app"
"""Where the simulator lives on the site's origin. Not ``/simulator/``: that is the playbook's
own simulator page (``docs/*/simulator/index.md``), which embeds the app from here."""

NGINX = Path("/usr/sbin/nginx")
NGINX_INSTALL = "apt-get install -y --no-install-recommends nginx"
MIME_TYPES = Path("/etc/nginx/mime.types")
STICKY_COOKIE = "smm_route"
PUBLISH_DIR = ROOT / "publish"


def streamlit_settings() -> dict[str, str]:
    """A replica's production settings beyond ``.streamlit/config.toml`` (theme, fonts): its base
    path, XSRF protection on, and nothing it does not need (no usage statistics, no file
    watcher, no browser to open)."""
    return {
        "server.baseUrlPath": APP_PATH.strip("/"),
        "server.enableXsrfProtection": "true",
        "server.enableCORS": "true",  # Streamlit turns XSRF protection off when CORS is off
        "server.headless": "true",
        "server.fileWatcherType": "none",
        "server.runOnSave": "false",
        "server.maxUploadSize": str(UPLOAD_MB),
        "browser.gatherUsageStats": "false",
        "global.developmentMode": "false",
    }


def replica_env() -> dict[str, str]:
    """The app's own setting: its links back to the chapters go to this origin (``/strategies/…``)
    unless ``SMM_SITE_URL`` names the playbook's address elsewhere."""
    return {"SMM_SITE_URL": os.environ.get("SMM_SITE_URL", "")}


def streamlit_flags() -> list[str]:
    return [f"--{name}={value}" for name, value in streamlit_settings().items()]


def streamlit_env() -> str:
    """The settings as ``STREAMLIT_*`` variables (a systemd ``EnvironmentFile`` or ``docker --env-file``)."""

    def variable(name: str) -> str:
        section, key = name.split(".")
        return f"STREAMLIT_{section}_{re.sub(r'(?<=[a-z])(?=[A-Z])', '_', key)}".upper()

    settings = {variable(name): value for name, value in streamlit_settings().items()}
    return "".join(f"{name}={value}\n" for name, value in {**settings, **replica_env()}.items())


# --- security headers ------------------------------------------------------------------------

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\b(?:src|type)=)[^>]*>(.*?)</script>", re.S)


def inline_script_hashes(pages: Sequence[str]) -> list[str]:
    """CSP sources (``'sha256-…'``) for every distinct inline script of ``pages`` (HTML text), so
    the policy allows the theme's own small scripts and nothing injected."""
    found = {m.group(1) for text in pages for m in INLINE_SCRIPT.finditer(text)}
    digests = (base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode() for s in found)
    return sorted(f"'sha256-{d}'" for d in digests)


def _streamlit_index() -> str:
    import streamlit

    return (Path(streamlit.__file__).parent / "static" / "index.html").read_text(encoding="utf-8")


def _app_scripts() -> str:
    """The app's own inline script (it reports its height and address to an embedding page)."""
    from simulator.app.layout import EMBED_REPORT_SCRIPT

    return EMBED_REPORT_SCRIPT


def content_security_policy(script_sources: Sequence[str]) -> str:
    """Only this origin: scripts from it (plus the hashed inline ones), styles from it and
    inline (the theme's attributes, Streamlit's CSS-in-JS), websockets to it. Vega compiles its
    chart expressions with ``Function``, hence ``'unsafe-eval'``; frames only from this origin,
    and only this origin may frame the pages (``frame-ancestors``). ``script_sources``: the
    hashes of allowed inline scripts, and any other source a part needs."""
    return "; ".join(
        [
            "default-src 'self'",
            "script-src " + " ".join(["'self'", "'unsafe-eval'", *script_sources]),
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "frame-src 'self'",
            "worker-src 'self' blob:",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'self'",
        ]
    )


def _headers(policy: str) -> list[str]:
    return [
        f'add_header Content-Security-Policy "{policy}" always;',
        'add_header X-Content-Type-Options "nosniff" always;',
        'add_header Referrer-Policy "same-origin" always;',
        'add_header X-Frame-Options "SAMEORIGIN" always;',
    ]


# --- nginx -----------------------------------------------------------------------------------


def nginx_http_config(site_root: Path, listen: str, replicas: Sequence[str], site_csp: str, app_csp: str) -> str:
    """The http-level config of the layout: the replicas' upstream with sticky sessions, the
    static site, and the proxied app. ``replicas`` are ``host:port`` addresses.

    Sticky sessions: a Streamlit session lives in one process, so every request of a reader
    must reach the same replica. ``ip_hash`` would send everyone behind one proxy or NAT to
    one replica; instead the first response sets a random ``smm_route`` cookie and the
    upstream hashes on it. When that replica dies, the hash moves the reader to another,
    where the page rebuilds the scenario from its address."""
    upstream = "\n".join(f"    server {address} max_fails=1 fail_timeout=5s;" for address in replicas)
    site_headers = "\n".join(f"        {h}" for h in _headers(site_csp))
    app_headers = "\n".join(f"        {h}" for h in _headers(app_csp))
    cookie = f"{STICKY_COOKIE}=$request_id; Path={APP_PATH}/; HttpOnly; SameSite=Strict"
    return f"""\
# Generated by `make publish` (simulator/publish.py); edit that file, not this one.
upstream smm_simulator {{
    hash $smm_route consistent;
{upstream}
}}

map $cookie_{STICKY_COOKIE} $smm_route {{
    ""      $request_id;
    default $cookie_{STICKY_COOKIE};
}}

map $cookie_{STICKY_COOKIE} $smm_set_route {{
    ""      "{cookie}";
    default "";
}}

map $http_upgrade $connection_upgrade {{
    default upgrade;
    ""      close;
}}

server {{
    listen {listen};
    server_name _;
    server_tokens off;
    charset utf-8;
    root {site_root};
    index index.html;
    autoindex off;
    gzip_static on;
    client_max_body_size {UPLOAD_MB}m;

    location / {{
{site_headers}
        try_files $uri $uri/ =404;
    }}

    location {APP_PATH}/ {{
{app_headers}
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
    }}
}}
"""


def nginx_main_config(prefix: Path, http_config: Path) -> str:
    """A whole nginx.conf for an unprivileged nginx: pid, logs and temp folders under ``prefix``,
    in the foreground; the access log names the replica of each request."""
    temp = "\n".join(
        f"    {kind}_temp_path {prefix / 'temp' / kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    # Started by root (a container, CI), nginx would run its workers as "nobody", who cannot
    # read a private temp folder; the workers run as the user who started it, as otherwise.
    user = f"user {pwd.getpwuid(os.geteuid()).pw_name};\n" if os.geteuid() == 0 else ""
    return f"""\
{user}daemon off;
worker_processes 1;
pid {prefix / "nginx.pid"};
error_log {prefix / "error.log"} warn;
events {{ worker_connections 1024; }}
http {{
    include {MIME_TYPES};
    default_type application/octet-stream;
    log_format upstream '$request_method $uri $status $upstream_addr';
    access_log {prefix / "access.log"} upstream;
{temp}
    include {http_config};
}}
"""


def security_policies(site_dir: Path) -> tuple[str, str]:
    """(site CSP, app CSP), with the hashes of the site's and Streamlit's inline scripts."""
    pages = [p.read_text(encoding="utf-8") for p in site_dir.rglob("*.html")]
    return (
        content_security_policy(inline_script_hashes(pages)),
        # Streamlit loads a custom component's script (the live chart) from a blob: URL, which
        # only a script already running on this origin can create.
        content_security_policy(["blob:", *inline_script_hashes([_streamlit_index(), _app_scripts()])]),
    )


# --- publish ----------------------------------------------------------------------------------


def publish(
    out: Path = PUBLISH_DIR,
    listen: str = "80",
    replicas: Sequence[str] = ("127.0.0.1:8501", "127.0.0.1:8502"),
    site: Path | None = None,
) -> Path:
    """Build the deployable folder ``out``: the site with the app at :data:`APP_PATH` (or at
    ``$SMM_APP_URL``, an app hosted elsewhere), the nginx config and the replicas' settings.
    ``site``: a site already built (``mkdocs build``) for that address, copied instead of
    building it again (a build takes ten seconds or more; a test passes a small folder)."""
    site_dir = out / "site"
    if site_dir.exists():
        shutil.rmtree(site_dir)
    out.mkdir(parents=True, exist_ok=True)
    if site is None:
        build_site(site_dir, os.environ.get("SMM_APP_URL", APP_PATH))
    else:
        shutil.copytree(site, site_dir)
    site_csp, app_csp = security_policies(site_dir)
    (out / "nginx").mkdir(exist_ok=True)
    config = nginx_http_config(site_dir.resolve(), listen, replicas, site_csp, app_csp)
    (out / "nginx" / "smm-playbook.conf").write_text(config, encoding="utf-8")
    (out / "streamlit.env").write_text(streamlit_env(), encoding="utf-8")
    return out


# --- the layout on this machine ------------------------------------------------------------


@dataclass
class Replica:
    """One Streamlit process behind nginx."""

    port: int
    process: subprocess.Popen[bytes]

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    def kill(self) -> None:
        """Stop it the hard way, as a crashed or lost machine would (no goodbye to the browser)."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)


@dataclass
class ProdLayout:
    """nginx on ``port`` serving ``site_dir`` and proxying :data:`APP_PATH` to ``replicas``
    Streamlit processes, all unprivileged, under a temp folder removed on exit."""

    site_dir: Path
    replicas: int = 2
    port: int = 0
    quiet: bool = True
    prefix: Path = field(init=False)
    started: list[Replica] = field(init=False, default_factory=list)
    nginx: subprocess.Popen[bytes] | None = field(init=False, default=None)

    @property
    def url(self) -> str:
        return f"http://localhost:{self.port}"

    @property
    def access_log(self) -> Path:
        return self.prefix / "access.log"

    def replica_of(self, path: str) -> Replica:
        """The replica that answered the latest request for ``path`` (from the access log)."""
        for line in reversed(self.access_log.read_text(encoding="utf-8").splitlines()):
            _, uri, _, upstream = line.split(" ", 3)
            if uri == path and upstream != "-":
                address = upstream.split(",")[-1].strip()
                return next(r for r in self.started if r.address == address)
        raise LookupError(f"no proxied request for {path} in {self.access_log}")

    def _start_replica(self, port: int) -> Replica:
        # Quiet: each replica's output goes to a log beside nginx's, not the terminal.
        log = (self.prefix / f"replica-{port}.log").open("ab") if self.quiet else None
        return Replica(port, start_app(port, streamlit_flags(), output=log, env=replica_env()))

    def restart(self, replica: Replica) -> Replica:
        """Start a replica again on its port (after :meth:`Replica.kill`), once it answers."""
        fresh = self._start_replica(replica.port)
        self.started[self.started.index(replica)] = fresh
        if not wait_for_app(fresh.port, timeout=90, path=APP_PATH):
            raise RuntimeError(f"the simulator replica on port {fresh.port} did not start again")
        return fresh

    def __enter__(self) -> ProdLayout:
        require_nginx()
        self.prefix = Path(tempfile.mkdtemp(prefix="smm-nginx-"))
        self.port = self.port or free_port()
        try:
            self.started = [self._start_replica(free_port()) for _ in range(self.replicas)]
            for replica in self.started:
                if not wait_for_app(replica.port, timeout=90, path=APP_PATH):
                    raise RuntimeError(f"the simulator replica on port {replica.port} did not start")
            self._start_nginx()
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def _start_nginx(self) -> None:
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (self.prefix / "temp" / kind).mkdir(parents=True)
        site_csp, app_csp = security_policies(self.site_dir)
        http = self.prefix / "smm-playbook.conf"
        http.write_text(
            nginx_http_config(
                self.site_dir.resolve(), f"127.0.0.1:{self.port}", [r.address for r in self.started], site_csp, app_csp
            ),
            encoding="utf-8",
        )
        main = self.prefix / "nginx.conf"
        main.write_text(nginx_main_config(self.prefix, http), encoding="utf-8")
        command = [str(NGINX), "-p", str(self.prefix), "-c", str(main), "-e", str(self.prefix / "error.log")]
        check = subprocess.run([*command, "-t", "-q"], capture_output=True, text=True, check=False)
        if check.returncode != 0:
            raise RuntimeError(f"nginx rejected its config {main}:\n{check.stderr}")
        self.nginx = subprocess.Popen(command, start_new_session=True)
        if not wait_for_app(self.port, timeout=30, path=APP_PATH):
            raise RuntimeError(f"nginx did not answer on port {self.port}; see {self.prefix / 'error.log'}")

    def __exit__(self, *_: object) -> None:
        if self.nginx is not None:
            stop_app(self.nginx)
        for replica in self.started:
            stop_app(replica.process)
        shutil.rmtree(self.prefix, ignore_errors=True)


def require_nginx() -> None:
    if not NGINX.exists():
        raise SystemExit(
            f"nginx is not installed at {NGINX}. Install Debian's package:\n"
            f"    sudo {NGINX_INSTALL}\n"
            "(make serve-prod runs it as you, with its own config and temp folders; nothing under /etc changes.)"
        )


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def serve_site(site_dir: Path, replicas: int, port: int) -> int:
    """Start nginx and the replicas for ``site_dir``, print the address, wait for Ctrl-C or
    SIGTERM (a service manager's stop, ``kill``). Both stop the layout the same way: nginx and
    the replicas run in sessions of their own, so a signal to this process alone would leave
    them running if it did not end here through :class:`ProdLayout`'s cleanup."""
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        with ProdLayout(site_dir, replicas=replicas, port=port, quiet=False) as layout:
            print(
                "\nSMM Playbook (published layout) is running:\n"
                f"  playbook   {layout.url}/      (Persian: {layout.url}/fa/)\n"
                f"  simulator  {layout.url}{APP_PATH}/   ({replicas} replicas: "
                + ", ".join(r.address for r in layout.started)
                + f")\n  nginx      config and logs in {layout.prefix}\n"
                "Press Ctrl-C to stop.\n",
                flush=True,
            )
            while layout.nginx is not None and layout.nginx.poll() is None:
                time.sleep(0.5)
            print(f"nginx exited; see {layout.prefix / 'error.log'}", file=sys.stderr)
            return 1
    except KeyboardInterrupt:
        print("\nStopped.", flush=True)
        return 0


def serve_prod(replicas: int, port: int) -> int:
    """``make serve-prod``: publish, then serve the published site (:func:`serve_site`)."""
    require_nginx()
    return serve_site(publish() / "site", replicas, port)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m simulator.publish", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("build", help="write publish/: the site, the nginx config, the replicas' settings")
    serve = commands.add_parser("serve", help="make serve-prod: nginx and the replicas on this machine")
    serve.add_argument("--replicas", type=int, default=2, choices=range(1, 9), metavar="1-8")
    serve.add_argument("--port", type=int, default=8080, help="nginx's local port (default 8080)")
    args = parser.parse_args(argv)
    if args.command == "build":
        out = publish()
        print(f"Published to {out}/ (site/, nginx/smm-playbook.conf, streamlit.env)")
        return 0
    return serve_prod(args.replicas, args.port)


if __name__ == "__main__":
    raise SystemExit(main())
