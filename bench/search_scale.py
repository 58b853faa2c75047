"""Search at scale, side by side with Pagefind: for N nb articles (2,000 and 10,000 by default)
from the synthetic corpus, Helsesider's sharded index and Pagefind's index of the same text, each
behind a minimal page, measured in headless Chromium on a throttled slow-4G profile (150 ms
latency, 1.6 Mbit/s down, 0.75 up):

- bytes before the first results, for a one-word and a three-word query: the files' size and
  what crosses the network, gzipped as deploy/nginx.conf serves them (the bench's server does
  the same);
- time from navigation start to the first result on the page (median of RUNS fresh contexts);
- a warm query: the engine's time for a query whose index parts are already loaded, with the
  titles of its ten results;
- the index on disk (files, MB).

The pages differ only in the engine: both load their script, then search once the page has
loaded. Pagefind (npm ``pagefind`` 1.6.0, pinned in bench/package.json) is installed by the
benchmark into bench/out/pagefind/, not by `make setup`.

    python bench/search_scale.py [--sizes 2000 10000] [--runs 3]
"""

from __future__ import annotations

import argparse
import functools
import gzip
import html
import http.server
import io
import shutil
import statistics
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))  # the benchmark's own modules

import corpus as corpus_module  # noqa: E402
import search_bench  # noqa: E402

from helsesider.content.corpus import load_corpus  # noqa: E402
from helsesider.search import build as build_search_index  # noqa: E402
from helsesider.settings import load as load_settings  # noqa: E402
from helsesider.site.search_view import view_script  # noqa: E402

OUT = ROOT / "bench" / "out"
PAGEFIND = OUT / "pagefind"
SLOW_4G = {"offline": False, "latency": 150, "downloadThroughput": 1.6e6 / 8, "uploadThroughput": 0.75e6 / 8}

# the site's page in small: the same head start for ?q= links as overrides/main.html, the same
# search box markup and script
OURS_PAGE = """<!doctype html><html lang="nb"><head><meta charset="utf-8"><title>search</title>
<script data-index="search/hs-index.js">if(/[?&]q=/.test(location.search)){var s=document.createElement("script");s.id="hs-search-index";s.async=true;s.src=document.currentScript.getAttribute("data-index");document.head.appendChild(s)}</script>
</head><body>
<div class="hs-search" data-hs-search data-index="search/hs-index.js" data-base="" data-texts='{"failed": "failed"}'>
<form><input type="text" name="q" id="q"><ul class="hs-suggest" hidden></ul><p id="hs-suggest-status"></p></form></div>
<div id="hs-results" hidden><button class="hs-results__close-button" type="button">x</button><h1 class="hs-results__heading"></h1>
<p class="hs-search__status"></p>
<p class="hs-search__near" hidden></p><ol class="hs-search__results" hidden></ol></div>
<script src="hs-search.js" defer></script></body></html>"""
PAGEFIND_PAGE = """<!doctype html><html lang="nb"><head><meta charset="utf-8"><title>search</title></head><body>
<form><input type="search" id="q"></form><ol id="results"></ol>
<script type="module">
const pagefind = await import("./pagefind/pagefind.js");
await pagefind.init();
async function run(q) {
  const search = await pagefind.search(q);
  const data = await Promise.all(search.results.slice(0, 10).map(r => r.data()));
  const list = document.getElementById("results");
  list.textContent = "";
  for (const d of data) { const li = document.createElement("li"); li.textContent = d.meta.title || d.url; list.appendChild(li); }
}
const input = document.getElementById("q");
input.addEventListener("input", () => run(input.value));
const q = new URLSearchParams(location.search).get("q");
if (q) { input.value = q; run(q); }
</script></body></html>"""
# A warm query: the engine's own time for a query whose index parts are loaded (the query is
# run once to load them, then timed), ten results with their titles
WARM_OURS = """async (q) => { const e = document.querySelector('[data-hs-search]').engine; await e.search(q, 10);
  const t0 = performance.now(); await e.search(q, 10); return performance.now() - t0; }"""
WARM_PAGEFIND = """async (q) => { const pf = await import('./pagefind/pagefind.js');
  const run = async () => { const s = await pf.search(q); await Promise.all(s.results.slice(0, 10).map(r => r.data())); };
  await run(); const t0 = performance.now(); await run(); return performance.now() - t0; }"""


def ours(project: Path, target: Path) -> float:
    """Write the index and the page; returns the seconds the index took (the corpus, read and
    validated once for the whole build, is not counted)."""
    corpus = load_corpus(project, load_settings(project))
    if target.exists():
        shutil.rmtree(target)
    (target / "search").mkdir(parents=True)
    started = time.perf_counter()
    for name, text in build_search_index(corpus, "nb").items():
        (target / "search" / name).write_text(text, encoding="utf-8")
    seconds = time.perf_counter() - started
    with (target / "search" / "hs-index.js").open("a", encoding="utf-8") as head:
        head.write(view_script("nb", True, project))  # as the site's head (hooks/search_index.py)
    shutil.copy(ROOT / "overrides/assets/javascripts/hs-search.js", target / "hs-search.js")
    (target / "index.html").write_text(OURS_PAGE, encoding="utf-8")
    return seconds


def pagefind_binary() -> Path:
    binary = PAGEFIND / "node_modules" / ".bin" / "pagefind"
    if not binary.exists() or not (PAGEFIND / "node_modules" / "lunr-languages").exists():
        PAGEFIND.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / "bench" / "package.json", PAGEFIND / "package.json")
        if (ROOT / "bench" / "package-lock.json").exists():
            shutil.copy(ROOT / "bench" / "package-lock.json", PAGEFIND / "package-lock.json")
        # `npm install` with the lock, not `npm ci`: the registry this project uses has Pagefind's
        # Linux binaries only, so the lock lists no others and `npm ci` refuses it as incomplete
        subprocess.run(["npm", "install", "--no-audit", "--no-fund"], cwd=PAGEFIND, check=True, capture_output=True)
    return binary


def pagefind(project: Path, target: Path) -> None:
    """The same nb articles as plain HTML pages (title and text), indexed by Pagefind."""
    corpus = load_corpus(project, load_settings(project))
    if target.exists():
        shutil.rmtree(target)
    for rel, article in corpus.articles["nb"].items():
        page = target / rel.removesuffix(".md") / "index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        body = "".join(f"<p>{html.escape(line)}</p>" for line in article.body.splitlines() if line.strip())
        page.write_text(
            f'<!doctype html><html lang="nb"><head><meta charset="utf-8"><title>{html.escape(article.title)}</title></head>'
            f"<body><main><h1>{html.escape(article.title)}</h1><p>{html.escape(article.description)}</p>{body}</main></body></html>",
            encoding="utf-8",
        )
    subprocess.run([str(pagefind_binary()), "--site", str(target), "--quiet"], check=True, capture_output=True)
    (target / "index.html").write_text(PAGEFIND_PAGE, encoding="utf-8")


@contextmanager
def serve_gzip(directory: Path):
    """A static server that compresses text responses as deploy/nginx.conf does (gzip level 6,
    from 1 KB), so transfer sizes and times are those a citizen's phone would see."""

    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def send_head(self):
            path = Path(self.translate_path(self.path))
            if path.is_dir():
                path = path / "index.html"
            if (
                not path.is_file()
                or path.suffix not in (".js", ".html", ".css", ".json")
                or "gzip" not in self.headers.get("Accept-Encoding", "")
                or path.stat().st_size < 1024
            ):
                return super().send_head()
            data = gzip.compress(path.read_bytes(), 6)
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            return io.BytesIO(data)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()


def on_disk(folder: Path) -> tuple[int, float]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files) / 1e6


def measure(browser, url: str, folder: Path, result: str, query: str, second: str) -> dict:
    context = browser.new_context()
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", SLOW_4G)
    loaded: list[str] = []
    page.on("requestfinished", lambda request: loaded.append(request.url))
    page.add_init_script(search_bench.WATCH % result)
    page.goto(f"{url}?q={query}")
    page.wait_for_function("window.__firstResult !== null", timeout=120_000)
    first = page.evaluate("window.__firstResult")
    searched = [u for u in loaded if "/search/" in u or "/pagefind/" in u or u.endswith("hs-search.js")]
    raw = packed = 0
    for address in searched:
        data = (folder / address.split("/", 3)[3].split("?")[0]).read_bytes()
        raw += len(data)
        packed += len(gzip.compress(data, 6))
    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1},
    )
    warm = page.evaluate(WARM_PAGEFIND if "pagefind" in str(folder) else WARM_OURS, second)
    context.close()
    return {"first_ms": first, "warm_ms": warm, "kb": raw / 1e3, "kb_gz": packed / 1e3, "files": len(searched)}


def words_of(project: Path, number: int, count: int) -> str:
    """`count` words one article certainly has (its title's words, then its description's), so
    both engines, which require every word, have an answer."""
    found: list[str] = []
    for line in (project / "docs/nb" / corpus_module.rel_path(number)).read_text(encoding="utf-8").splitlines():
        if line.startswith(("title: ", "description: ")):
            found += [w.strip(".,").lower() for w in line.split()[1:] if not w.strip(".,").isdigit()]
    return " ".join(found[:count])


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 10000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    rows = []
    with search_bench.chromium() as browser:
        for n in args.sizes:
            project = corpus_module.make(OUT / f"corpus-{n}", n)
            ours_s = ours(project, OUT / f"search-ours-{n}")
            try:
                started = time.perf_counter()
                pagefind(project, OUT / f"search-pagefind-{n}")
                pf_s = time.perf_counter() - started
            except (subprocess.CalledProcessError, OSError) as exc:
                print(f"Pagefind could not run: {exc}", file=sys.stderr)
                pf_s = None
            one, three, second = words_of(project, 1, 1), words_of(project, 2, 3), words_of(project, 5, 1)
            for engine, folder, result in (
                ("helsesider", OUT / f"search-ours-{n}", ".hs-search__results li"),
                ("pagefind", OUT / f"search-pagefind-{n}", "#results li"),
            ):
                if engine == "pagefind" and pf_s is None:
                    continue
                files, mb = on_disk(folder / ("search" if engine == "helsesider" else "pagefind"))
                with serve_gzip(folder) as url:
                    for label, query in (("1 word", one), ("3 words", three)):
                        runs = [measure(browser, url, folder, result, query, second) for _ in range(args.runs)]
                        rows.append(
                            {
                                "n": n,
                                "engine": engine,
                                "query": label,
                                "disk_files": files,
                                "mb": mb,
                                "index_s": ours_s if engine == "helsesider" else pf_s,
                                **{k: statistics.median(r[k] for r in runs) for k in runs[0]},
                            }
                        )
    print()
    print(f"search at scale, nb articles, slow 4G (150 ms, 1.6 Mbit/s); medians of {args.runs} fresh page loads")
    print(
        f"{'articles':>8} {'engine':11}{'query':9}{'first (ms)':>11}{'KB loaded':>10}{'KB gzip':>9}{'files':>6}"
        f"{'warm (ms)':>10}{'index files':>12}{'index MB':>9}{'index s':>8}"
    )
    for r in rows:
        print(
            f"{r['n']:>8} {r['engine']:11}{r['query']:9}{r['first_ms']:>11.0f}{r['kb']:>10.0f}{r['kb_gz']:>9.0f}"
            f"{r['files']:>6.0f}{r['warm_ms']:>10.1f}{r['disk_files']:>12}"
            f"{r['mb']:>9.1f}{r['index_s']:>8.1f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
