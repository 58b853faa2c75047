"""Helpers for the search benchmarks in headless Chromium: a static server, the scripts that
time the first results of a deep link (?q=) and a further query, and search quality on the
sample site. bench/search_scale.py measures speed and size beside Pagefind.
"""

from __future__ import annotations

import functools
import http.server
import threading
from contextlib import contextmanager
from pathlib import Path

from helsesider import LANGUAGES, default_language
from helsesider.search.quality import ANSWERS_JS, judge, load_queries, summary
from tools.browser import CHROMIUM, CHROMIUM_FLAGS, start_search

ROOT = Path(__file__).resolve().parent.parent

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


def _results(browser, url: str, lang: str, queries: list) -> list[dict]:
    """Each query's answer (results, alarm guidance, relaxed pass), searched on the language's
    front page."""
    page = browser.new_page()
    page.goto(url + ("" if lang == default_language() else f"{lang}/"))
    start_search(page)
    results = page.evaluate(ANSWERS_JS, [q.text for q in queries])
    page.close()
    return results


def quality(browser, sample_site: Path, queries_file: Path = ROOT / "tests" / "search_queries.yml") -> dict:
    queries = load_queries(queries_file)
    outcomes = []
    with serve(sample_site) as url:
        for lang in sorted({q.lang for q in queries}, key=list(LANGUAGES).index):
            mine = [q for q in queries if q.lang == lang]
            outcomes += [judge(q, urls) for q, urls in zip(mine, _results(browser, url, lang, mine))]
    return summary(outcomes)


def outcomes(browser, sample_site: Path, lang: str, queries_file: Path = ROOT / "tests" / "search_queries.yml") -> list:
    """Every query of `lang` with what the engine answered."""
    queries = [q for q in load_queries(queries_file) if q.lang == lang]
    with serve(sample_site) as url:
        return [judge(q, answer) for q, answer in zip(queries, _results(browser, url, lang, queries))]


def misses(browser, sample_site: Path, lang: str, queries_file: Path = ROOT / "tests" / "search_queries.yml") -> list:
    """The queries of `lang` whose page did not come first (or junk), with what was shown."""
    found = outcomes(browser, sample_site, lang, queries_file)
    return [(o.query.text, o.query.kind, o.rank, o.urls[:3]) for o in found if (o.rank or 0) != 1]


@contextmanager
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            yield browser
        finally:
            browser.close()


# --- the same queries by lunr and Pagefind (make bench) -----------------------------------------


def lunr_quality(project: Path, queries_file: Path = ROOT / "tests" / "search_queries.yml") -> dict:
    """lunr (bench/lunr_quality.js) on the same documents our index is made of."""
    import json
    import subprocess

    from search_scale import pagefind_binary

    from helsesider import locales
    from helsesider.content.corpus import load_corpus
    from helsesider.search.index import documents
    from helsesider.settings import load as load_settings

    locales.use(project)
    corpus = load_corpus(project, load_settings(project))
    node_modules = pagefind_binary().parent.parent  # bench/out/pagefind/node_modules (installed with Pagefind)
    queries = load_queries(queries_file)
    outcomes = []
    for lang in sorted({q.lang for q in queries}, key=list(LANGUAGES).index):
        mine = [q for q in queries if q.lang == lang]
        docs = [
            {"url": d.url, **{k: d.fields.get(k, "") for k in ("title", "alias", "description", "heading", "body")}}
            for d in documents(corpus, lang)
        ]
        result = subprocess.run(
            ["node", str(ROOT / "bench" / "lunr_quality.js")],
            input=json.dumps({"lang": lang, "docs": docs, "queries": [q.text for q in mine]}),
            capture_output=True, text=True, check=True, env={"NODE_PATH": str(node_modules), "PATH": __import__("os").environ["PATH"]},
        )  # fmt: skip
        outcomes += [judge(q, urls) for q, urls in zip(mine, json.loads(result.stdout))]
    return summary(outcomes)


PAGEFIND_QUERY = """async (qs) => {
  const pf = await import('/pagefind/pagefind.js');
  await pf.init();
  const out = [];
  for (const q of qs) {
    const search = await pf.search(q);
    const data = await Promise.all(search.results.slice(0, 20).map(r => r.data()));
    out.push(data.map(d => {
      const sub = (d.sub_results || [])[0];
      const url = (sub && sub.url.includes('#') ? sub.url : d.url).replace(/^\\//, '');
      return url;
    }));
  }
  return out;
}"""


def pagefind_quality(browser, sample_site: Path, queries_file: Path = ROOT / "tests" / "search_queries.yml") -> dict:
    """Pagefind 1.6 on a copy of the built sample site, configured as its documentation
    recommends: the reading column of the articles and service pages marked data-pagefind-body
    (the pages our index holds; header, menus, footer and listings left out), one index per
    language from each page's lang; searched in
    Chromium on each language's front page. A result's address is its best sub-result (the
    section Pagefind opens at) when that has an anchor."""
    import shutil
    import subprocess

    from search_scale import OUT, pagefind_binary

    from helsesider import locales

    copy = OUT / "site-sample-pagefind"
    if copy.exists():
        shutil.rmtree(copy)
    shutil.copytree(sample_site, copy)
    services = {f"{locales.get(lang).paths.get('services', 'services')}" for lang in LANGUAGES}
    for page in copy.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        rel = page.relative_to(copy).parts
        content = 'class="hs-attribution' in text or bool(set(rel[:2]) & services and len(rel) > 2)
        if content and '<div class="hs-page__body">' in text:  # articles and services, as our index
            page.write_text(
                text.replace('<div class="hs-page__body">', '<div class="hs-page__body" data-pagefind-body>', 1),
                encoding="utf-8",
            )
    subprocess.run([str(pagefind_binary()), "--site", str(copy), "--quiet"], check=True, capture_output=True)
    queries = load_queries(queries_file)
    outcomes = []
    with serve(copy) as url:
        for lang in sorted({q.lang for q in queries}, key=list(LANGUAGES).index):
            mine = [q for q in queries if q.lang == lang]
            page = browser.new_page()
            page.goto(url + ("" if lang == default_language() else f"{lang}/"))
            found = page.evaluate(PAGEFIND_QUERY, [q.text for q in mine])
            page.close()
            outcomes += [judge(q, urls) for q, urls in zip(mine, found)]
    return summary(outcomes)
