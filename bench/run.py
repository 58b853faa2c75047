"""``make bench``: build the synthetic corpus and print what it costs.

For N articles per language (default 2,000) it builds the corpus the way ``make build`` does
and, side by side in the same run, a reference build of the same corpus with the project's
hooks removed (articles kept out of the navigation with MkDocs' own ``not_in_nav``, and the
theme's stock search plugin in place of the project's search). It
prints wall time, peak memory of the process tree, total output size and article page size,
and the same article's page size at N and at a small corpus (default 200), to show that a
page does not grow with the corpus, and what an article's first load costs in bytes. Then
Lighthouse on the sample site (bench/lighthouse.py: front page, article, A–Å and a search link in
nb and se, beside the figures before the portal layout). Then search: quality on the sample site, and speed and
size at 2,000 and 10,000 nb articles beside Pagefind (bench/search_scale.py). Where one
language's time goes, hook by hook, beside its stock build: bench/hook_costs.py.

    python bench/run.py [--n 2000] [--small 200] [--repeats 1] [--search-sizes 2000 10000]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus as corpus_module  # noqa: E402
import hook_costs  # noqa: E402
import measure  # noqa: E402
import search_bench  # noqa: E402
import search_scale  # noqa: E402
import serve_bench  # noqa: E402

OUT = HERE / "out"
ROOT_DIR = HERE.parent
ARTICLE = "tema-01/artikkel-00000/index.html"


def reference_config(project: Path) -> Path:
    """mkdocs.yml without the hooks, with the articles kept out of the nav by MkDocs itself and
    the theme's stock search in place of the project's: the same site as stock MkDocs and
    Material build it, so the difference is the project's own work."""
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    text = re.sub(r"\nhooks:\n(?:  - .*\n)+", "\n", text)
    # the stock theme's own templates: the project's overrides need its hooks (hs_chrome, …)
    text = text.replace("  custom_dir: overrides\n", "").replace("  icon:\n    logo: hs/logo\n", "")
    text = re.sub(r"\nextra:\n(?:  .*\n)+", "\n", text)  # alternate: true is for the project's own menu
    text = text.replace("plugins:\n", "plugins:\n  - search\n", 1)
    text = text.replace("docs_dir: docs\n", "docs_dir: docs\nnot_in_nav: |\n  /*/*/**\n", 1)
    path = project / "mkdocs-reference.yml"
    path.write_text(text, encoding="utf-8")
    return path


def build(project: Path, site: Path, reference: bool, config: Path | None = None) -> measure.Run:
    if site.exists():
        shutil.rmtree(site)
    cmd = [sys.executable, "-m", "helsesider.publish.build", "--root", str(project), "--site-dir", str(site)]
    if reference:
        cmd += ["--plain", "-f", str(reference_config(project))]
    elif config is not None:
        cmd += ["-f", str(config)]
    result = measure.run(cmd, project)
    if result.returncode != 0:
        print(result.output[-3000:])
        raise SystemExit(f"build failed: {' '.join(cmd)}")
    return result


def article_pages(site: Path) -> list[Path]:
    return [p for p in site.rglob("artikkel-*/index.html")]


def figures(site: Path, run: measure.Run) -> dict:
    pages = article_pages(site)
    return {
        "wall_s": run.seconds,
        "peak_mb": run.peak_bytes / 1e6,
        "output_mb": measure.tree_size(site) / 1e6,
        "median_page_kb": statistics.median(p.stat().st_size for p in pages) / 1e3,
        "article_kb": (site / ARTICLE).stat().st_size / 1e3,
        "pages": len(pages),
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000, help="articles per language")
    parser.add_argument("--small", type=int, default=200, help="the small corpus, for page growth")
    parser.add_argument("--repeats", type=int, default=1, help="builds of each kind (medians are printed)")
    parser.add_argument("--search-runs", type=int, default=3, help="page loads per search measurement")
    parser.add_argument(
        "--search-sizes", type=int, nargs="+", default=[2000, 10000], help="nb articles for the search figures"
    )
    parser.add_argument("--local-additions", type=int, default=LOCAL_ADDITIONS, help="local additions (357 regions)")
    parser.add_argument(
        "--scale-sizes",
        type=int,
        nargs="*",
        default=[500, 8000],
        help="articles per language for the scale figures, beside --n",
    )
    parser.add_argument("--skip-build", action="store_true", help="only the search and Lighthouse figures")
    parser.add_argument("--skip-lighthouse", action="store_true", help="no Lighthouse runs")
    args = parser.parse_args(argv)
    if not args.skip_build:
        build_figures(args)
        style_figures(OUT / "site-ours")
    if not args.skip_lighthouse:
        lighthouse_figures()
    search_figures(args)
    return 0


def style_figures(site: Path) -> None:
    """What an article's first load costs, raw and gzipped: the page, and every stylesheet and
    script it loads (all of them the project's own, fingerprinted, from the one assets/)."""
    import gzip

    page = site / ARTICLE
    html = page.read_text(encoding="utf-8")
    print()
    print(f"first load of {ARTICLE.split('/')[1]} (bytes)              raw     gzip")
    files = [("the page", html.encode("utf-8"))]
    for href in re.findall(r'<(?:link rel="stylesheet" href|script src)="([^"]+)"', html):
        files.append((href.rsplit("/", 1)[-1], (page.parent / href).resolve().read_bytes()))
    total = [0, 0]
    for name, data in files:
        raw, packed = len(data), len(gzip.compress(data, 9))
        total[0] += raw
        total[1] += packed
        print(f"  {name:40}{raw:>8}{packed:>9}")
    print(f"  {'total (goal: at most 45 KB gzip)':40}{total[0]:>8}{total[1]:>9}")


def lighthouse_figures() -> None:
    """Lighthouse on the sample site (bench/lighthouse.py), beside the figures before the portal layout."""
    import lighthouse

    site = OUT / "sample-site"
    subprocess.run(
        [sys.executable, "-m", "helsesider.publish.build", "--root", str(ROOT_DIR), "--site-dir", str(site)],
        check=True,
        capture_output=True,
    )
    print()
    lighthouse.main(["--site", str(site)])


def search_figures(args) -> None:
    """Search quality on the sample site beside Pagefind and lunr (recall, answerable queries with
    nothing, the mean number of results, junk, alarm signs answered with their guidance, article
    and service pairs complete, sections hit), then speed and size at scale beside Pagefind."""
    sample = OUT / "site-sample"
    build(ROOT_DIR, sample, reference=False)
    for queries, label in (
        (ROOT_DIR / "tests" / "search_queries.yml", "the test set, tests/search_queries.yml"),
        (ROOT_DIR / "bench" / "search_holdout.yml", "the held-out set, bench/search_holdout.yml"),
    ):
        with search_bench.chromium() as browser:
            engines = {
                "helsesider": search_bench.quality(browser, sample, queries),
                "pagefind": search_bench.pagefind_quality(browser, sample, queries),
            }
        engines["lunr"] = search_bench.lunr_quality(ROOT_DIR, queries)
        print()
        print(f"search quality on the sample site, {label} (Helsesider and Pagefind in Chromium, lunr in node):")
        print(
            "  engine     lang queries  r@1  r@5  MRR  zero/answerable  mean results  junk/no-answer"
            "  alarms  pairs  sections"
        )
        for engine, quality in engines.items():
            for lang, row in quality.items():
                answerable = row["queries"] - row["no_answer"]
                print(
                    f"  {engine:10} {lang:4} {row['queries']:7} {row['recall@1']:4.2f} {row['recall@5']:4.2f} {row['mrr']:4.2f}"
                    f" {row['zero']:6}/{answerable:<3}      {row['mean_results']:12.1f} {row['junk']:8}/{row['no_answer']:<3}"
                    f"   {row['alarms_right']:3}/{row['alarms']:<3} {row['pairs_complete']:3}/{row['pairs']:<2}"
                    f" {row['sections_hit']:4}/{row['sections']}"
                )
    search_scale.main(["--sizes", *map(str, args.search_sizes), "--runs", str(args.search_runs)])


def build_figures(args) -> None:

    big = corpus_module.make(OUT / f"corpus-{args.n}", args.n)
    small = corpus_module.make(OUT / f"corpus-{args.small}", args.small)
    print(
        f"corpus: {args.n} articles per language (3 languages), lexicon "
        f"{ {lang: corpus_module.distinct_words(lang) for lang in corpus_module.LANGS} } distinct words"
    )

    ours, reference = [], []
    for _ in range(args.repeats):  # alternate, so both see the same machine
        ours.append(figures(OUT / "site-ours", build(big, OUT / "site-ours", reference=False)))
        reference.append(figures(OUT / "site-ref", build(big, OUT / "site-ref", reference=True)))
    small_run = figures(OUT / "site-small", build(small, OUT / "site-small", reference=False))

    def median(rows, key):
        return statistics.median(row[key] for row in rows)

    print()
    print(f"{'':28}{'helsesider':>14}{'reference':>14}{'ratio':>8}")
    for key, label in (
        ("wall_s", "build wall time (s)"),
        ("peak_mb", "peak memory (MB)"),
        ("output_mb", "total output (MB)"),
        ("median_page_kb", "median article page (KB)"),
        ("article_kb", f"{ARTICLE.split('/')[1]} page (KB)"),
    ):
        a, b = median(ours, key), median(reference, key)
        print(f"{label:28}{a:>14.1f}{b:>14.1f}{a / b:>8.2f}")
    print(f"{'article pages':28}{ours[0]['pages']:>14}{reference[0]['pages']:>14}")
    print()
    growth = median(ours, "article_kb") / small_run["article_kb"]
    median_growth = median(ours, "median_page_kb") / small_run["median_page_kb"]
    print(
        f"page growth: {ARTICLE.split('/')[1]} is {small_run['article_kb']:.1f} KB at {args.small} per language and "
        f"{median(ours, 'article_kb'):.1f} KB at {args.n} (x{growth:.3f}); median article page x{median_growth:.3f}"
    )
    print(f"builds of each kind: {args.repeats}; figures are medians")
    hook_costs.print_costs(big, "nb", reference_config(big).name)
    api_figures(OUT / "site-ours")
    offline_figures(OUT / "site-ours")
    incremental_figures(big, median(ours, "wall_s"))
    scale_figures(args, median(ours, "wall_s"), median(ours, "peak_mb"), median(ours, "output_mb"))
    local_figures(args, median(ours, "wall_s"), median(ours, "output_mb"))
    check_figures(big, args)


def api_figures(site: Path) -> None:
    """The content API's share of the output (issue 31): its JSON, its Markdown, the manifest and
    the code lookup, at every language's api/v2/."""
    sizes = {"json": 0, "markdown": 0, "manifest": 0, "codes": 0}
    for path in site.rglob("api/v2/**/*"):
        if not path.is_file():
            continue
        kind = ("manifest" if path.name == "manifest.json" else "codes" if "/codes/" in path.as_posix()
                else "markdown" if path.name.endswith((".md", ".tar.gz")) else "json")  # fmt: skip
        sizes[kind] += path.stat().st_size
    total = sum(sizes.values())
    print(
        f"content API: {total / 1e6:.1f} MB of the output (article JSON {sizes['json'] / 1e6:.1f} MB, Markdown "
        f"{sizes['markdown'] / 1e6:.1f} MB, manifest {sizes['manifest'] / 1e3:.0f} KB, code lookup {sizes['codes'] / 1e3:.0f} KB)"
    )


def incremental_figures(project: Path, clean_s: float) -> None:
    """Issue 33: make build with its cache (helsesider/publish/incremental.py) on the same corpus:
    the build that fills the cache, one with nothing changed, then the median of three builds each
    after an edit of one article (a sentence added, taken out, added again; then the same with its
    title: the pages that list it are built again too); the corpus is put back as it was
    afterwards."""
    cache, site = OUT / "cache-incremental", OUT / "site-incremental"
    shutil.rmtree(cache, ignore_errors=True)
    body = project / "docs" / "nb" / "tema-01" / "artikkel-00000.md"
    title = project / "docs" / "nn" / "tema-02" / "artikkel-00001.md"
    originals = {path: path.read_bytes() for path in (body, title)}

    def timed() -> float:
        cmd = [sys.executable, "-m", "helsesider.publish.build", "--root", str(project), "--site-dir", str(site),
               "--cache", str(cache)]  # fmt: skip
        # only the time, as a user sees it: no memory sampling (reading /proc every 50 ms costs CPU)
        start = time.monotonic()
        result = subprocess.run(cmd, cwd=project, capture_output=True, text=True)
        seconds = time.monotonic() - start
        if result.returncode != 0:
            print((result.stdout + result.stderr)[-3000:])
            raise SystemExit("incremental build failed")
        return seconds

    def edits(path: Path, changed: bytes) -> float:
        """The median of three builds, each after one edit: the change, taken back, made again."""
        times = []
        for data in (changed, originals[path], changed):
            path.write_bytes(data)
            times.append(timed())
        print(f"  {path.name}: builds after its edits {', '.join(f'{t:.1f}' for t in times)} s")
        return statistics.median(times)

    try:
        rows = [("clean build, filling the cache", timed()), ("nothing changed", timed())]
        sentence = (body.read_text(encoding="utf-8") + "\nEn setning lagt til.\n").encode("utf-8")
        rows.append(("one article: a sentence (median of 3)", edits(body, sentence)))
        text = title.read_text(encoding="utf-8")
        renamed = re.sub(r"(?m)^title: .*$", "title: Ny tittel på artikkelen", text, count=1).encode("utf-8")
        rows.append(("one article: its title (median of 3)", edits(title, renamed)))
    finally:
        for path, data in originals.items():
            path.write_bytes(data)
        shutil.rmtree(site, ignore_errors=True)
    print()
    print(f"{'make build with its cache':40}{'wall (s)':>10}{'x clean':>10}")
    for label, seconds in rows:
        print(f"{label:40}{seconds:>10.1f}{seconds / clean_s:>10.2f}")


def scale_figures(args, wall_s: float, peak_mb: float, output_mb: float) -> None:
    """Issue 33: the build at other sizes beside --n (3 x 500 and 3 x 8,000 by default), each
    built once the way make build builds it: time, peak memory of all processes together,
    output, and the cost per article."""
    rows = {args.n: (wall_s, peak_mb, output_mb)}
    for n in args.scale_sizes:
        site = OUT / f"site-scale-{n}"
        run = build(corpus_module.make(OUT / f"corpus-{n}", n), site, reference=False)
        rows[n] = (run.seconds, run.peak_bytes / 1e6, measure.tree_size(site) / 1e6)
        shutil.rmtree(site, ignore_errors=True)
    print()
    print(f"{'scale (articles)':28}{'build (s)':>12}{'peak (MB)':>12}{'output (MB)':>13}{'ms/article':>12}")
    for n in sorted(rows):
        seconds, peak, output = rows[n]
        print(
            f"{'3 x ' + format(n, ','):28}{seconds:>12.1f}{peak:>12.0f}{output:>13.1f}{1000 * seconds / (3 * n):>12.1f}"
        )


def offline_figures(site: Path) -> None:
    """Issue 32: what a citizen's phone stores on a first visit, per language (the worker's own
    list in sw.js: pages, the search index's head, the stylesheets, scripts and icons), against
    the goal of 1 MB, and its three largest files."""
    import json

    from helsesider.site.offline import stored_bytes

    text = (site / "sw.js").read_text(encoding="utf-8")
    start = text.index("var CONFIG = ") + len("var CONFIG = ")
    config = json.loads(text[start : text.index(";\n", start)])
    for lang, language in config["languages"].items():
        sizes = sorted(((stored_bytes(site, [a]), a) for a in language["store"]), reverse=True)
        total = sum(size for size, _ in sizes)
        largest = ", ".join(f"{a or './'} {size / 1e3:.0f} KB" for size, a in sizes[:3])
        print(
            f"offline, first visit ({lang}): {len(sizes)} files, {total / 1e3:.0f} KB stored (goal 1,000 KB); largest: {largest}"
        )


LOCAL_REGIONS, LOCAL_ADDITIONS = 357, 20_000


def local_figures(args, plain_s: float, plain_mb: float) -> None:
    """Issue 30 at scale: the corpus with 357 regions and 20,000 local additions (bench/corpus.py
    add_local), built the same way: its time and output beside the plain corpus's, and what an
    article page loads with no municipality chosen and with one (the page, its stylesheets and
    scripts, and the chosen region's and its trust's scripts)."""
    additions = args.local_additions
    project = corpus_module.add_local(corpus_module.make(OUT / f"corpus-{args.n}-local", args.n), args.n, additions)
    site = OUT / "site-local"
    run = build(project, site, reference=False)
    output = measure.tree_size(site) / 1e6
    pages = sum(1 for folder in ("lokalt", "local") for _ in site.rglob(f"{folder}/*/index.html"))
    print()
    print(
        f"local additions: {LOCAL_REGIONS} regions, {additions} additions ({pages} addition pages) on "
        f"{3 * args.n} articles: build {run.seconds:.1f} s (plain corpus {plain_s:.1f} s, x{run.seconds / plain_s:.2f}), "
        f"peak {run.peak_bytes / 1e6:.0f} MB, output {output:.1f} MB (plain {plain_mb:.1f} MB)"
    )
    most = site / ARTICLE  # article 0 has additions from every region (as a legevakt article would)
    quiet = next(
        p for p in sorted(site.glob("tema-*/artikkel-*/index.html")) if "hs-local-notice" not in p.read_text("utf-8")
    )
    for label, page in (("with additions from every region", most), ("with none", quiet)):
        base, chosen = first_load(page), chosen_load(site, page)
        plain = OUT / "site-ours" / page.relative_to(site)
        print(
            f"  {page.parent.name} ({label}): page {page.stat().st_size / 1e3:.1f} KB"
            f" (without local additions {plain.stat().st_size / 1e3:.1f} KB); first load {base[0] / 1e3:.1f} KB,"
            f" {base[1] / 1e3:.1f} KB gzip; with a municipality chosen {(base[0] + chosen[0]) / 1e3:.1f} KB,"
            f" {(base[1] + chosen[1]) / 1e3:.1f} KB gzip"
        )
    scripts = sorted((site / "search").glob("hs-local-*.js"), key=lambda p: p.stat().st_size)
    scripts = [p for p in scripts if p.name != "hs-local-regions.js"]
    print(
        f"  region scripts (nb): {len(scripts)}, median {statistics.median(p.stat().st_size for p in scripts) / 1e3:.1f} KB,"
        f" largest {scripts[-1].name} {scripts[-1].stat().st_size / 1e3:.1f} KB;"
        f" the list of municipalities {(site / 'search' / 'hs-local-regions.js').stat().st_size / 1e3:.1f} KB"
    )


def first_load(page: Path) -> tuple[int, int]:
    """(raw, gzip) bytes of a page and every stylesheet and script it loads."""
    import gzip

    html = page.read_text(encoding="utf-8")
    files = [html.encode("utf-8")]
    for href in re.findall(r'<(?:link rel="stylesheet" href|script src)="([^"]+)"', html):
        files.append((page.parent / href).resolve().read_bytes())
    return sum(len(f) for f in files), sum(len(gzip.compress(f, 9)) for f in files)


def chosen_load(site: Path, page: Path) -> tuple[int, int]:
    """(raw, gzip) bytes a page with additions loads once a municipality is chosen (hs-site.js):
    the list of municipalities and the scripts of the chosen one and its trusts; nothing for a
    page without additions."""
    import gzip
    import json

    if "hs-local-notice" not in page.read_text(encoding="utf-8"):
        return 0, 0
    folder = site / "search"
    regions = folder / "hs-local-regions.js"
    choices = json.loads(regions.read_text(encoding="utf-8").split("]=", 1)[1].rstrip(";\n"))["choices"]
    files = [regions] + [folder / f"hs-local-{r}.js" for r in choices[0]["load"]]
    data = [f.read_bytes() for f in files if f.exists()]
    return sum(len(d) for d in data), sum(len(gzip.compress(d, 9)) for d in data)


def check_figures(project: Path, args) -> None:
    """``make check`` on the whole corpus (3 × N articles): wall time, median of the repeats."""
    runs = [
        measure.run([sys.executable, "-m", "helsesider.gate.check", "--root", str(project), "--lang", "en"], project)
        for _ in range(max(args.repeats, 3))
    ]
    findings = runs[0].output.count(": warning: ") + runs[0].output.count(": error: ")
    print(
        f"make check on {3 * args.n} articles: {statistics.median(r.seconds for r in runs):.1f} s wall "
        f"(median of {len(runs)}), peak {max(r.peak_bytes for r in runs) / 1e6:.0f} MB, {findings} findings"
    )
    pull_request_figures(project, args)
    serve_figures(project, args)


def serve_figures(project: Path, args) -> None:
    """``make serve`` on the corpus: start-up, and saving an article to seeing it served."""
    found = serve_bench.measure(project, corpus_module.rel_path(24))
    print(
        f"make serve (the preview server) on {3 * args.n} articles, in Chromium: first page after "
        f"{found['start_s']:.1f} s; a saved article shows after {found['edit_s']:.1f} s and search finds it after "
        f"{found['search_s']:.1f} s (medians of 3 saves); a new article shows after {found['new_s']:.1f} s and "
        f"search finds it after {found['new_search_s']:.1f} s"
    )


def pull_request_figures(project: Path, args) -> None:
    """``make check CHANGED=1`` as a pull request runs it: the corpus committed as main, then one
    article edited (with a broken link) and one removed on a branch."""
    repo = OUT / f"pr-{args.n}"
    if repo.exists():
        shutil.rmtree(repo)
    shutil.copytree(project, repo)

    def git(*words: str) -> None:
        subprocess.run(
            ["git", "-C", str(repo), "-c", "user.email=b@example.org", "-c", "user.name=b", *words],
            check=True,
            capture_output=True,
        )

    git("init", "-q", "-b", "main")
    git("add", "-A")
    git("commit", "-qm", "corpus")
    git("checkout", "-q", "-b", "change")
    edited = repo / "docs" / "nb" / corpus_module.rel_path(24)
    edited.write_text(edited.read_text(encoding="utf-8") + "\n[Les mer](finnes-ikke.md)\n", encoding="utf-8")
    (repo / "docs" / "nb" / corpus_module.rel_path(1)).unlink()
    command = [
        sys.executable,
        "-m",
        "helsesider.gate.check",
        "--root",
        str(repo),
        "--changed",
        "--base",
        "main",
        "--lang",
        "en",
    ]
    os.sync()  # the copy and the commit above leave ~100 MB to write out: not the check's time
    runs = [measure.run(command, repo) for _ in range(max(args.repeats, 5))]
    errors = runs[0].output.count(": error: ")
    print(
        f"make check CHANGED=1 on a pull request (1 article edited, 1 removed) in {3 * args.n} articles: "
        f"{statistics.median(r.seconds for r in runs):.1f} s wall (median of {len(runs)}), {errors} errors found"
    )


if __name__ == "__main__":
    sys.exit(main())
