"""How long a partner waits with `make serve` on the benchmark corpus (the preview server,
helsesider/publish/preview.py): from starting it to the first page, and from saving an article to
the served page showing the change, and to the search index holding it (medians of a few
saves, made once every language is ready, as a partner at work meets it)."""

from __future__ import annotations

import os
import re
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path


def _get(url: str) -> str:
    try:
        return urllib.request.urlopen(url, timeout=120).read().decode("utf-8", "replace")
    except OSError:
        return ""


def _wait(check, limit: float) -> float:
    started = time.monotonic()
    while not check():
        if time.monotonic() - started > limit:
            return float("nan")
        time.sleep(0.05)
    return time.monotonic() - started


def _index_holds(base: str, word: str) -> bool:
    """Whether the language's search index has `word`: the shard for its prefix (the head lists
    the shards' prefixes) holds it."""
    head = _get(base + "search/hs-index.js").replace('\\"', '"')
    found = re.search(r'"shards":\s*\[([^\]]*)\]', head)
    prefixes = re.findall(r'"([^"]*)"', found.group(1)) if found else []
    chosen = [i for i, prefix in enumerate(prefixes) if word.startswith(prefix)]
    return bool(chosen) and word in _get(f"{base}search/hs-t{max(chosen, key=lambda i: len(prefixes[i]))}.js")


def measure(project: Path, article_rel: str, saves: int = 3, limit: float = 300) -> dict[str, float]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    base = f"http://127.0.0.1:{port}/"
    article = project / "docs" / "nb" / article_rel
    original = article.read_text(encoding="utf-8")
    url = base + article_rel.removesuffix(".md") + "/"
    started = time.monotonic()
    server = subprocess.Popen(
        [sys.executable, "-m", "helsesider.publish.preview", "--port", str(port)],
        cwd=project,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        start_s = _wait(lambda: "<html" in _get(url), limit)
        start_s = time.monotonic() - started if start_s == start_s else float("nan")
        for lang in ("nn", "en"):  # every language ready, its search index written
            _wait(lambda lang=lang: "HS_SEARCH" in _get(f"{base}{lang}/search/hs-index.js"), limit)
        _wait(lambda: "HS_SEARCH" in _get(base + "search/hs-index.js"), limit)
        edits, searches = [], []
        for number in range(saves):
            marker = f"lagret{number}x{time.time_ns() % 10**6}"
            saved = time.monotonic()
            article.write_text(original.replace("\n---\n\n", f"\n---\n\n{marker}\n\n", 1), encoding="utf-8")
            _wait(lambda marker=marker: marker in _get(url), limit)
            edits.append(time.monotonic() - saved)
            _wait(lambda marker=marker: _index_holds(base, marker), limit)
            searches.append(time.monotonic() - saved)
        return {"start_s": start_s, "edit_s": statistics.median(edits), "search_s": statistics.median(searches)}
    finally:
        article.write_text(original, encoding="utf-8")
        server.terminate()
        server.wait(timeout=60)
