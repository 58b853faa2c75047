"""Debian's nginx serving a built site with the project's deploy/nginx.conf on 127.0.0.1, as the
tests and the benchmarks run it (headers, gzip and caching as in production)."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NGINX = "/usr/sbin/nginx"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def serve(site: Path, work: Path) -> Iterator[str]:
    """nginx with deploy/nginx.conf serving `site`, its files in `work`; yields the base URL."""
    if not Path(NGINX).exists():
        raise RuntimeError("Debian's nginx is missing (make test installs it)")
    port = free_port()
    config = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    config = config.replace("/srv/helsesider/site", str(site)).replace("listen 80;", f"listen 127.0.0.1:{port};")
    temp = " ".join(
        f"{name}_temp_path {work}/tmp/{name};" for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    config = config.replace("http {", "http {\n    " + temp, 1)
    if os.geteuid() == 0:  # the workers must read a private temporary folder
        config = "user root;\n" + config
    work.mkdir(parents=True, exist_ok=True)
    (work / "nginx.conf").write_text(config, encoding="utf-8")
    for folder in ("logs", "tmp"):
        (work / folder).mkdir(exist_ok=True)
    directives = f"daemon off; pid {work}/nginx.pid; error_log {work}/logs/error.log;"
    command = [NGINX, "-p", str(work), "-c", str(work / "nginx.conf"), "-g", directives]
    test = subprocess.run([*command[:1], "-t", *command[1:]], capture_output=True, text=True)
    if test.returncode != 0:
        raise RuntimeError(test.stderr)
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(base, timeout=1)
                break
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.05)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)
