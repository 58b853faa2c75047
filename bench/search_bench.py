"""Search speed in headless Chromium, Helsesider's search against the theme's stock search on
the same corpus, and search quality on the sample site.

Speed: the page is opened with ?q=<query> (a deep link) from a local static server in a fresh
browser context (nothing cached); "first results" is the time from navigation start until the
first result is in the page; "warm query" is the time from typing a further query until its
results replace the first ones; "bytes" is what the browser downloaded for search (scripts,
index, workers) before the first result.
"""

from __future__ import annotations

import functools
import http.server
import statistics
import sys
import threading
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from conftest import CHROMIUM, CHROMIUM_FLAGS  # noqa: E402

from helsesider.search_quality import judge, load_queries, summary  # noqa: E402

WATCH = """
window.__firstResult = null;
new MutationObserver(() => {
  const hit = document.querySelector('%s');
  if (hit && window.__firstResult === null) { window.__firstResult = performance.now(); }
}).observe(document, {subtree: true, childList: true});
"""
WARM = """([inputSelector, resultSelector, text, before]) => new Promise(resolve => {
  const input = document.querySelector(inputSelector);
  const t0 = performance.now();
  const check = () => {
    const hit = document.querySelector(resultSelector);
    if (hit && hit.innerText !== before) { observer.disconnect(); resolve(performance.now() - t0); }
  };
  const observer = new MutationObserver(check);
  observer.observe(document.body, {subtree: true, childList: true, characterData: true});
  input.value = text;
  input.dispatchEvent(new Event('input', {bubbles: true}));
  input.dispatchEvent(new KeyboardEvent('keyup', {bubbles: true, key: 'a'}));
})"""
KINDS = {
    "helsesider": {"result": ".hs-search__results li", "input": "#hs-search-input",
                   "assets": ("hs-search.js", "hs-index.js")},
    "stock": {"result": ".md-search-result__item", "input": ".md-search__input",
              "assets": ("search_index.json", "/workers/search", "/lunr/")},
}


@contextmanager
def serve(directory: Path):
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()


def measure_once(browser, url: str, kind: str, query: str, second: str) -> dict:
    spec = KINDS[kind]
    context = browser.new_context()
    page = context.new_page()
    sizes: list[int] = []

    def finished(request):
        if any(marker in request.url for marker in spec["assets"]):
            try:
                sizes.append(request.sizes()["responseBodySize"])
            except Exception:  # a request that never completed
                pass

    page.on("requestfinished", finished)
    page.add_init_script(WATCH % spec["result"])
    page.goto(f"{url}?q={query}")
    page.wait_for_function("window.__firstResult !== null", timeout=60_000)
    first = page.evaluate("window.__firstResult")
    downloaded = sum(sizes)
    before = page.locator(spec["result"]).first.inner_text()
    page.locator(spec["input"]).click()
    warm = page.evaluate(WARM, [spec["input"], spec["result"], second, before])
    context.close()
    return {"first_ms": first, "warm_ms": warm, "bytes": downloaded}


def speed(browser, sites: dict[str, Path], query: str, second: str, runs: int) -> dict[str, dict]:
    figures = {}
    for kind, site in sites.items():
        with serve(site) as url:
            rows = [measure_once(browser, url, kind, query, second) for _ in range(runs)]
        figures[kind] = {key: statistics.median(row[key] for row in rows) for key in rows[0]}
    return figures


def quality(browser, sample_site: Path) -> dict:
    queries = load_queries(ROOT / "tests" / "search_queries.yml")
    outcomes = []
    with serve(sample_site) as url:
        for lang, prefix in (("nb", ""), ("nn", "nn/"), ("en", "en/")):
            page = browser.new_page()
            page.goto(url + prefix)
            page.locator("#hs-search-input").focus()
            page.wait_for_function("window.HS_SEARCH_INDEX !== undefined")
            mine = [q for q in queries if q.lang == lang]
            results = page.evaluate("(qs) => { const e = new HsSearch.Engine(window.HS_SEARCH_INDEX);"
                                    " return qs.map(q => e.search(q, 10).map(r => r.url)); }", [q.text for q in mine])
            outcomes += [judge(q, urls) for q, urls in zip(mine, results)]
            page.close()
    return summary(outcomes)


@contextmanager
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            yield browser
        finally:
            browser.close()
