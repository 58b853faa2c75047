"""One sitemap for the whole site, every language, with hreflang alternates: each page lists
its translations that exist and an x-default (the Bokmål page)."""

from __future__ import annotations

import gzip
from pathlib import Path

from helsesider import LANGUAGES, default_language
from helsesider.site.markup import render
from helsesider.site.pages import existing_rels, page_in_languages
from helsesider.site.routes import OFFLINE_REL
from helsesider.site.urls import page_url


def alternates(corpus, lang: str, rel: str, site_url: str, directory_urls: bool = True) -> list[tuple[str, str]]:
    """(hreflang, absolute URL) of every language the page exists in, then x-default."""
    found = [
        (other, site_url + page_url(other, target, directory_urls).removeprefix("./"))
        for other, target in page_in_languages(corpus, lang, rel).items()
    ]
    default = [url for code, url in found if code == default_language()]
    if len(found) > 1 or default:
        found.append(("x-default", default[0] if default else found[0][1]))
    return found


def sitemap(corpus, site_url: str, directory_urls: bool = True) -> str:
    site_url = site_url if site_url.endswith("/") else site_url + "/"
    pages = [
        {
            "loc": site_url + page_url(lang, rel, directory_urls).removeprefix("./"),
            "alternates": [
                {"hreflang": code, "href": url} for code, url in alternates(corpus, lang, rel, site_url, directory_urls)
            ],
        }
        for lang in LANGUAGES
        for rel in sorted(existing_rels(corpus, lang))
        if rel != OFFLINE_REL[lang]  # what a phone shows without network: not a page to find
    ]
    return render("partials/sitemap-xml.html", corpus.root, pages=pages) + "\n"


def write_sitemap(site_dir: Path, text: str) -> None:
    """Replace the per-language sitemaps MkDocs wrote with one for the whole site (`text`:
    ``sitemap``'s)."""
    for lang in LANGUAGES:
        folder = site_dir if lang == default_language() else site_dir / lang
        for name in ("sitemap.xml", "sitemap.xml.gz"):
            (folder / name).unlink(missing_ok=True)
    (site_dir / "sitemap.xml").write_text(text, encoding="utf-8")
    # no time in the gzip header: the same site gives the same bytes (reproducible builds)
    (site_dir / "sitemap.xml.gz").write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
