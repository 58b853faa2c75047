"""``make screenshots``: PNGs of every page type in every language at 320, 375 and 1280 px from the
built site (``site/``), and of the kiosk bundle's front pages (``dist/kiosk/``) at the kiosk's
screens (1080 × 1920, 1920 × 1080, 1280 × 800), with an ``index.html`` gallery.

    python tools/screenshots.py [--site site] [--kiosk dist/kiosk] [--out report/screenshots]
                                [--only nb/article ...] [--widths 320 375 1280]
    python tools/screenshots.py --articles docs/nb/lege/fastlege.md ...   (changed articles only)

Uses Debian's Chromium through Playwright, as the tests do. Nothing leaves the machine: the
site is served from a local static server and every other request is refused.
"""

from __future__ import annotations

import argparse
import functools
import html
import http.server
import sys
import threading
from pathlib import Path

from tools.browser import CHROMIUM
from tools.browser import CHROMIUM_FLAGS as FLAGS
from tools.pages import KIOSK_FRONT, PAGE_TYPES

ROOT = Path(__file__).resolve().parent.parent


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(folder: Path) -> tuple[str, http.server.ThreadingHTTPServer]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_port}/", server


def article_path(md: str) -> tuple[str, str] | None:
    """docs/nn/lege/fastlege.md -> ('nn', 'nn/lege/fastlege/')."""
    parts = Path(md).as_posix().split("/")
    if len(parts) < 3 or parts[0] != "docs" or not parts[-1].endswith(".md"):
        return None
    lang, rel = parts[1], "/".join(parts[2:])[:-3]
    prefix = "" if lang == "nb" else f"{lang}/"
    if rel == "index" or rel.endswith("/index"):
        return lang, prefix + rel[: -len("index")]
    return lang, f"{prefix}{rel}/"


# The kiosk's screens: portrait 1080 × 1920 and landscape 1920 × 1080 and 1280 × 800
KIOSK_SCREENS = [(1080, 1920), (1920, 1080), (1280, 800)]


def shoot(
    targets: list[tuple[str, str, str]], out: Path, screens: list[tuple[int, int]]
) -> list[tuple[str, str, int, str]]:
    """targets: (name, language, URL); screens: (width, height). Writes <name>-<width>.png;
    returns what was written."""
    from playwright.sync_api import sync_playwright

    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        for width, height in screens:
            context = browser.new_context(viewport={"width": width, "height": height})
            page = context.new_page()
            for name, lang, url in targets:
                page.goto(url)
                if "?q=" in url:
                    page.wait_for_selector(".hs-search__result", timeout=10000)
                page.wait_for_timeout(150)
                file = out / f"{name}-{width}.png"
                page.screenshot(path=str(file), full_page=True)
                written.append((name, lang, width, file.name))
            context.close()
        browser.close()
    return written


def gallery(written: list[tuple[str, str, int, str]], out: Path) -> Path:
    rows = []
    for name in dict.fromkeys(w[0] for w in written):
        shots = [w for w in written if w[0] == name]
        cells = "".join(
            f'<figure><a href="{html.escape(f)}"><img src="{html.escape(f)}" width="{min(w, 640) // 2}" '
            f'alt="{html.escape(name)} at {w} px" loading="lazy"></a><figcaption>{w} px</figcaption></figure>'
            for _, _, w, f in shots
        )
        rows.append(f"<section><h2>{html.escape(name)}</h2><div class=row>{cells}</div></section>")
    page = (
        "<!doctype html><html lang=en><meta charset=utf-8><title>Helsesider screenshots</title>"
        "<style>body{font-family:system-ui,sans-serif;margin:1rem}.row{display:flex;gap:1rem;align-items:flex-start;"
        "flex-wrap:wrap}figure{margin:0}img{border:1px solid #ccc;display:block}</style>"
        "<h1>Helsesider screenshots</h1>" + "".join(rows)
    )
    target = out / "index.html"
    target.write_text(page, encoding="utf-8")
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", default=str(ROOT / "site"))
    parser.add_argument("--kiosk", default=str(ROOT / "dist" / "kiosk"))
    parser.add_argument("--out", default=str(ROOT / "report" / "screenshots"))
    parser.add_argument("--only", nargs="*", help="lang/type, e.g. nb/article")
    parser.add_argument("--articles", nargs="*", help="Markdown files: photograph these articles only")
    parser.add_argument(
        "--articles-file", help="a file of NUL-separated Markdown paths (git diff -z): photograph these only"
    )
    parser.add_argument("--widths", nargs="*", type=int, default=[320, 375, 1280])
    args = parser.parse_args(argv)
    site, out = Path(args.site), Path(args.out)
    if not (site / "index.html").is_file():
        print(f"{site}: no built site; run `make build` first", file=sys.stderr)
        return 1
    out.mkdir(parents=True, exist_ok=True)
    base, server = serve(site)
    targets = []
    if args.articles_file:
        names = Path(args.articles_file).read_bytes().split(b"\0")
        args.articles = [n.decode("utf-8", "replace") for n in names if n]
    if args.articles is not None:
        for md in args.articles:
            found = article_path(md)
            if found and (site / found[1] / "index.html").is_file():
                targets.append((md.replace("/", "_").removesuffix(".md"), found[0], base + found[1]))
    else:
        for lang, types in PAGE_TYPES.items():
            for kind, path in types.items():
                if not args.only or f"{lang}/{kind}" in args.only:
                    targets.append((f"{lang}-{kind}", lang, base + path))
    kiosk, kiosk_targets = Path(args.kiosk), []
    for lang, path in KIOSK_FRONT.items() if args.articles is None else ():
        if (kiosk / path).is_file() and (not args.only or f"{lang}/kiosk" in args.only):
            kiosk_targets.append((f"{lang}-kiosk", lang, (kiosk / path).resolve().as_uri()))
    try:
        written = shoot(targets, out, [(width, 800) for width in args.widths])
        written += shoot(kiosk_targets, out, KIOSK_SCREENS) if kiosk_targets else []
    finally:
        server.shutdown()
    print(f"{len(written)} screenshots; gallery: {gallery(written, out)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
