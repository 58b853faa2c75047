"""How long a partner waits with `make serve` on the benchmark corpus: from starting the server
to the first page, and from saving an article to the served page showing the change (median of
a few saves). The server is MkDocs' own (`mkdocs serve`, as `make serve` runs it)."""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path


def _get(url: str) -> str:
    try:
        return urllib.request.urlopen(url, timeout=5).read().decode("utf-8", "replace")
    except OSError:
        return ""


def _wait(url: str, marker: str, limit: float) -> float:
    started = time.monotonic()
    while marker not in _get(url):
        if time.monotonic() - started > limit:
            return float("nan")
        time.sleep(0.1)
    return time.monotonic() - started


def measure(project: Path, article_rel: str, saves: int = 3, limit: float = 600) -> dict[str, float]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    article = project / "docs" / "nb" / article_rel
    original = article.read_text(encoding="utf-8")
    url = f"http://127.0.0.1:{port}/{article_rel.removesuffix('.md')}/"
    mkdocs = str(Path(sys.executable).with_name("mkdocs"))
    started = time.monotonic()
    server = subprocess.Popen(
        [mkdocs, "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        served = _wait(url, "<html", limit)
        start_s = time.monotonic() - started if served == served else float("nan")  # nan: never served
        edits = []
        for number in range(saves):
            marker = f"Lagret-{number}-{time.time_ns()}"
            article.write_text(original.replace("\n---\n\n", f"\n---\n\n{marker}\n\n", 1), encoding="utf-8")
            edits.append(_wait(url, marker, limit))
        return {"start_s": start_s, "edit_s": statistics.median(edits)}
    finally:
        article.write_text(original, encoding="utf-8")
        server.terminate()
        server.wait(timeout=60)
