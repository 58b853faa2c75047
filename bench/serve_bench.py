"""How long a partner waits with `make serve` on the benchmark corpus (the preview server,
helsesider/publish/preview.py): from starting it to the first page, and from saving an article to
the open page in Chromium showing the change, and to the page's search finding it (medians of a
few saves, made once every language is ready, as a partner at work meets it)."""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tools.browser import start_search


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


def _text(page) -> str:
    """The page's text, or '' while it is reloading."""
    try:
        return page.inner_text("body", timeout=2000)
    except Exception:  # the page reloaded itself between two looks
        return ""


def _found(page, word: str, url: str) -> bool:
    """Whether the page's own search (as a partner types it) finds the article at `url`."""
    try:
        start_search(page, timeout=5000)
        urls = page.evaluate("async (q) => (await (await HsSearch.pageEngine()).search(q, 10)).map(r => r.url)", word)
    except Exception:
        return False
    return any(url.endswith(found.lstrip("./")) for found in urls)


def measure(project: Path, article_rel: str, saves: int = 3, limit: float = 300) -> dict[str, float]:
    """In Chromium, as a partner works: the article open while the server starts; then each save,
    until the page (which reloads itself) shows it, and until the page's search finds the
    article by the new word (the page is loaded again between tries, as a partner would)."""
    from search_bench import chromium

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
        stderr=open(os.environ["SERVE_LOG"], "w") if os.environ.get("SERVE_LOG") else subprocess.DEVNULL,
    )
    try:
        start_s = _wait(lambda: "<html" in _get(url), limit)
        start_s = time.monotonic() - started if start_s == start_s else float("nan")
        for lang in ("nn", "en"):  # every language ready, its search index written
            _wait(lambda lang=lang: "HS_SEARCH" in _get(f"{base}{lang}/search/hs-index.js"), limit)
        _wait(lambda: "HS_SEARCH" in _get(base + "search/hs-index.js"), limit)
        with chromium() as browser:
            page = browser.new_page()
            page.goto(url)
            edits, searches = [], []
            for number in range(saves):
                word = f"lagret{number}x{time.time_ns() % 10**6}"
                saved = time.monotonic()
                article.write_text(original.replace("\n---\n\n", f"\n---\n\n{word}\n\n", 1), encoding="utf-8")
                _wait(lambda word=word: word in _text(page), limit)
                edits.append(time.monotonic() - saved)
                _wait(lambda word=word: _found(page, word, url) or bool(page.reload()), limit)
                searches.append(time.monotonic() - saved)
                time.sleep(1)
            new = _new_article(page, article, original, url, limit)
        return {
            "start_s": start_s,
            "edit_s": statistics.median(edits),
            "search_s": statistics.median(searches),
            "new_s": new[0],
            "new_search_s": new[1],
        }
    finally:
        article.write_text(original, encoding="utf-8")
        article.with_name("ny-" + article.name).unlink(missing_ok=True)
        server.terminate()
        server.wait(timeout=60)


def _new_article(page, article: Path, original: str, url: str, limit: float) -> tuple[float, float]:
    """A new article saved beside the edited one (a copy with a new word): until its address
    shows it, and until search finds it."""
    word = f"nyartikkel{time.time_ns() % 10**6}"
    created = article.with_name("ny-" + article.name)
    new_url = url.rstrip("/").rsplit("/", 1)[0] + "/" + created.stem + "/"
    saved = time.monotonic()
    created.write_text(original.replace("\n---\n\n", f"\n---\n\n{word}\n\n", 1), encoding="utf-8")
    shown = _wait(lambda: word in _get(new_url), limit)
    page.goto(new_url)
    found = _wait(lambda: _found(page, word, new_url) or bool(page.reload()), limit)
    return shown, time.monotonic() - saved if found == found else float("nan")
