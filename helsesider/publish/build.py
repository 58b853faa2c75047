"""``python -m helsesider.publish.build``: build every language in its own process (in parallel, all
at once unless --jobs says otherwise), put them together in a temporary folder, then swap it in
as ``site/``.

Each language's build validates that language's content first and stops with every finding;
all languages run to the end, so one run reports every problem. ``site/`` is replaced only
when every language's build succeeded; a failure leaves the previous site exactly as it was.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from helsesider import LANGUAGES, default_language, locales
from helsesider.content.corpus import load_corpus
from helsesider.publish import incremental
from helsesider.publish.deploy import write_deploy_files
from helsesider.publish.progress import ENV as PROGRESS_ENV
from helsesider.publish.progress import Display, Reporter
from helsesider.settings import SITE_FILE, load_with_problems, read_mkdocs_yml
from helsesider.settings import load as load_settings
from helsesider.site.offline import write_offline_files
from helsesider.site.pages import existing_rels
from helsesider.site.redirects import nginx_redirects
from helsesider.site.sitemap import sitemap, write_sitemap

# A finding as the hooks log it: "ERROR    -  helsesider: docs/nb/a.md:6:1: feil: ..." (the
# severity in the partner's language: error, feil, …)
FINDING = re.compile(r"helsesider: (\S+:\d+:\d+: [^\s:]+: .*)$")


def build_language(
    root: Path, lang: str, out: Path, mkdocs: str, extra_args: list[str], env_extra: dict | None = None
) -> tuple[str, int, str, float]:
    """Build one language into `out` in its own process. With an incremental build's settings
    in `env_extra` (helsesider/publish/incremental.py) MkDocs runs in its dirty mode, in which
    hooks/incremental.py has the unchanged pages skipped."""
    env = dict(os.environ, **(env_extra or {}), HELSESIDER_LANGUAGE=lang, NO_MKDOCS_2_WARNING="1")
    mode = "--dirty" if incremental.CACHE_OUT_ENV in env else "--clean"
    start = time.monotonic()
    result = subprocess.run(
        [mkdocs, "build", mode, "--site-dir", str(out), *extra_args], cwd=root, env=env, capture_output=True, text=True
    )
    return lang, result.returncode, result.stdout + result.stderr, time.monotonic() - start


def _report(results: list[tuple[str, int, str, float]]) -> int:
    """Print the language builds' findings (once each) and outcomes; the number that failed."""
    failed, shown = 0, set()
    for lang, code, log, seconds in results:
        lines = [line for line in log.splitlines() if "WARNING" in line or "ERROR" in line or "Error" in line]
        for line in lines:
            finding = FINDING.search(line)
            text = finding.group(1) if finding else line
            if text not in shown:  # registry findings are reported by every language
                shown.add(text)
                print(text, file=sys.stdout if finding else sys.stderr)
        print(f"build: {lang} {'built' if code == 0 else f'FAILED (exit {code})'} in {seconds:.1f} s", file=sys.stderr)
        if code != 0:
            failed += 1
            if not lines:
                print(log, file=sys.stderr)
    return failed


def build_all(
    root: Path,
    staging: Path,
    mkdocs: str,
    extra_args: list[str],
    jobs: int,
    env: dict | None = None,
    directory_urls: bool = True,
    site_files: bool = True,
    cache: Path | None = None,
    clean: bool = False,
) -> int:
    """Build every language into staging/ (the default at its root, the others under <lang>/).
    `cache`: the incremental build's folder (helsesider/publish/incremental.py; read unless
    `clean`, replaced when every language succeeded)."""
    locales.use(root)
    parts = {lang: staging.parent / f"{staging.name}-{lang}" for lang in LANGUAGES}
    progress = staging.parent / "progress"
    progress.mkdir(parents=True, exist_ok=True)
    env = {**(env or {}), PROGRESS_ENV: str(progress)}
    plans = _cache_plans(root, cache, staging.parent, mkdocs, env, clean) if cache is not None else {}
    emptying = incremental.empty_trash(cache) if cache is not None else None
    try:
        results = _with_progress(progress, lambda: _build_languages(root, parts, mkdocs, extra_args, jobs, env, plans))
        if _report(results):
            return 1
        if cache is not None:
            _keep_cache(cache, parts, plans)
        _assemble(staging, parts)
        if site_files:
            _site_wide_files(root, staging, directory_urls, cache, clean)
        return 0
    finally:
        _finish(parts, emptying)


def _finish(parts: dict[str, Path], emptying: threading.Thread | None) -> None:
    """Remove what is left of the languages' folders; wait for the old cache to be emptied."""
    for part in parts.values():
        if part.exists():
            shutil.rmtree(part, ignore_errors=True)
    if emptying is not None:
        emptying.join()


def _assemble(staging: Path, parts: dict[str, Path]) -> None:
    """The default language at the site's root, the others in their folders."""
    parts[default_language()].rename(staging)
    for lang in LANGUAGES:
        if lang != default_language():
            parts[lang].rename(staging / lang)


def _build_languages(
    root: Path, parts: dict[str, Path], mkdocs: str, extra_args: list[str], jobs: int, env: dict, plans: dict
) -> list:
    def one(lang: str) -> tuple[str, int, str, float]:
        plan = plans.get(lang)
        if plan is None:
            return build_language(root, lang, parts[lang], mkdocs, extra_args, env)
        if plan.whole:  # nothing it depends on changed: the cached output, as hard links
            start = time.monotonic()
            incremental.link_tree(plan.folder / incremental.SITE, parts[lang])
            reporter = Reporter(Path(env[PROGRESS_ENV]), lang)
            reporter.step("unchanged: taken from the cache")
            reporter.step("done")
            return lang, 0, "", time.monotonic() - start
        return build_language(root, lang, parts[lang], mkdocs, extra_args, {**env, **plan.env})

    with ThreadPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(one, LANGUAGES))


@dataclass
class _Plan:
    """An incremental build of one language: its cache folder, whether it is taken whole, and
    the settings its build gets (helsesider/publish/incremental.py)."""

    folder: Path
    whole: bool
    env: dict[str, str]


def _cache_plans(root: Path, cache: Path, work: Path, mkdocs: str, env: dict, clean: bool) -> dict[str, _Plan]:
    inputs = incremental.inputs_key(root, {**os.environ, **env}, mkdocs)
    keys = incremental.language_keys(root, inputs)
    plans = {}
    for lang in LANGUAGES:
        folder = cache / lang
        key = keys[lang]
        whole = not clean and incremental.language_unchanged(folder, key)
        settings = {incremental.CACHE_OUT_ENV: str(work / f"cache-{lang}"), incremental.KEYS_ENV: f"{inputs}:{key}"}
        if not clean and folder.is_dir():
            settings[incremental.CACHE_ENV] = str(folder)
        plans[lang] = _Plan(folder, whole, settings)
    return plans


def _keep_cache(cache: Path, parts: dict[str, Path], plans: dict[str, _Plan]) -> None:
    """After a successful build: each language built becomes its cache (its state, and its
    output as hard links: the previous cache's links, moved over and brought up to date); a
    language taken whole keeps its cache. Should this stop half way, the previous cache is
    left without its output, which only makes the next build of the language a full one."""
    for lang, plan in plans.items():
        if plan.whole:
            continue
        fresh = Path(plan.env[incremental.CACHE_OUT_ENV])
        fresh.mkdir(parents=True, exist_ok=True)
        if (plan.folder / incremental.SITE).is_dir():
            (plan.folder / incremental.SITE).rename(fresh / incremental.SITE)
        incremental.sync_links(parts[lang], fresh / incremental.SITE)
        old = fresh.with_name(fresh.name + "-old")
        plan.folder.parent.mkdir(parents=True, exist_ok=True)
        if plan.folder.exists():
            plan.folder.rename(old)
        fresh.rename(plan.folder)
        incremental.discard(old, cache)


def _with_progress(folder: Path, work):
    """Run `work` (the language builds) while showing their progress (helsesider/publish/progress.py)."""
    display = Display(folder, tuple(LANGUAGES))
    with ThreadPoolExecutor(max_workers=1) as runner:
        future = runner.submit(work)
        while not future.done():
            display.update()
            time.sleep(0.2)
        display.update()
        display.close()
        return future.result()


def _site_wide_files(root: Path, staging: Path, directory_urls: bool, cache: Path | None, clean: bool) -> None:
    """What only the whole site knows: one sitemap with every language's pages and alternates,
    the web app's manifests and its worker (helsesider/site/offline.py: the worker's version is a
    hash of every built file, those the cache knows not read again), and for web servers the
    security headers and redirects (site/_deploy/). Made after the languages' builds from the
    corpus only listed (which pages exist is all it needs): 0.3 s at 3 x 2,000 articles, and
    made while they built, the build's own process held 14 MB more at the whole build's peak."""
    known = incremental.known_hashes(cache, clean) if cache is not None else None
    corpus = load_corpus(root, load_settings(root), languages=())
    site_url = str(read_mkdocs_yml(root).get("site_url") or "/")
    write_sitemap(staging, sitemap(corpus, site_url, directory_urls))
    settings = corpus.settings
    rels = {lang: existing_rels(corpus, lang) for lang in LANGUAGES}
    write_offline_files(staging, rels, settings.offline, settings.acute_topic, directory_urls, known)
    others = tuple(lang for lang in LANGUAGES if lang != default_language())
    write_deploy_files(staging, lambda headers: nginx_redirects(corpus, site_url, headers), others)
    if cache is not None and known is not None:
        incremental.keep_hashes(cache, known)


def refused_settings(root: Path) -> bool:
    """Print what is wrong with data/site.yml (once, with its line: every language would refuse
    it); True when the build must not start."""
    problems = [finding for finding in load_with_problems(root)[1] if finding.is_error and finding.path == SITE_FILE]
    for finding in problems:
        print(finding, file=sys.stdout)
    return bool(problems)


def build(root: Path, site_dir: Path, mkdocs: str, extra_args: list[str], jobs: int, **options: Any) -> int:
    """Build every language into site_dir, replacing it only on success. `options` are
    build_all's: `env` is passed to the language builds (the kiosk sets HELSESIDER_KIOSK and
    HELSESIDER_DIRECTORY_URLS), `directory_urls`, `site_files`."""
    site_dir = site_dir.resolve()
    if refused_settings(root):
        print(f"build: stopped before building anything; {site_dir.name}/ was left as it was", file=sys.stderr)
        return 1
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-build-", dir=site_dir.parent))
    staging = work / "site"
    try:
        code = build_all(root, staging, mkdocs, extra_args, jobs, **options)
        if code != 0:
            print(f"build: {site_dir.name}/ was left as it was", file=sys.stderr)
            return code
        old = work / "old"
        if site_dir.exists():
            site_dir.rename(old)
        staging.rename(site_dir)
        print(f"build: wrote {site_dir}", file=sys.stderr)
        return 0
    finally:
        incremental.discard(work, options.get("cache"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make build", description=__doc__.splitlines()[0])
    parser.add_argument("--root", default=".", help="project folder (default: the current folder)")
    parser.add_argument("--site-dir", default=None, help="output folder (default: ROOT/site)")
    # All languages at once by default: they are about the same size, so on 2 cores three
    # builds sharing them finish sooner than two then one (measured with make bench).
    parser.add_argument("--jobs", type=int, default=0, help="languages built at once (default: all)")
    parser.add_argument("--mkdocs", default=str(Path(sys.executable).with_name("mkdocs")))
    parser.add_argument(
        "--cache",
        default=None,
        help="build incrementally, keeping what was built in this folder (make build: .cache/build)",
    )
    parser.add_argument("--clean", action="store_true", help="ignore the cache: build everything (make build CLEAN=1)")
    parser.add_argument(
        "--plain",
        action="store_true",
        help="only what MkDocs writes: no site-wide sitemap and no _deploy/ (make bench's reference build)",
    )
    args, extra = parser.parse_known_args(argv)
    root = Path(args.root).resolve()
    locales.use(root)
    site_dir = Path(args.site_dir) if args.site_dir else root / "site"
    cache = Path(args.cache).resolve() if args.cache else None
    jobs = args.jobs or len(LANGUAGES)
    return build(root, site_dir, args.mkdocs, extra, jobs, site_files=not args.plain, cache=cache, clean=args.clean)


if __name__ == "__main__":
    sys.exit(main())
