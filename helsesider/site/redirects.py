"""Old addresses that keep working: a small page at each old address that sends the reader on
(any static host, file:// included), and the same redirects as nginx 301s (deploy/nginx.conf
includes ``_deploy/redirects.conf`` from the built site)."""

from __future__ import annotations

from urllib.parse import urlsplit

from helsesider.content.links import final_target
from helsesider.site.markup import render
from helsesider.site.texts import text
from helsesider.site.urls import page_url, relative_href


def redirect_page(lang: str, href: str, absolute: str) -> str:
    """The page at an old address: meta refresh to `href`, canonical `absolute`, and a link."""
    return (
        render(
            "partials/redirect.html",
            lang=lang,
            title=text(lang, "redirect_title"),
            text=text(lang, "redirect_text"),
            href=href,
            canonical=absolute,
        )
        + "\n"
    )


def redirect_pages(corpus, lang: str, site_url: str, directory_urls: bool = True) -> dict[str, str]:
    """Site-relative URL of each old address of `lang` -> its redirect page."""
    pages = {}
    for redirect in corpus.redirects:
        if redirect.lang != lang:
            continue
        final = final_target(corpus, lang, redirect.old)
        if final is None:
            continue
        old_url, new_url = page_url(lang, redirect.old, directory_urls), page_url(lang, final, directory_urls)
        pages[old_url] = redirect_page(lang, relative_href(old_url, new_url), site_url + new_url)
    return pages


def nginx_redirects(corpus, site_url: str, header_lines: list[str] | tuple[str, ...] = ()) -> str:
    """``location`` blocks answering every old address with a 301 to the new one (a path: with
    ``absolute_redirect off`` in deploy/nginx.conf the Location header stays relative), each
    with the site's security headers. The paths are checked slugs (registry.REDIRECT_PATH)."""
    headers = " ".join(header_lines)
    root = urlsplit(site_url).path or "/"
    root = root if root.endswith("/") else root + "/"
    lines = ["# Written by `make build` from data/redirects.yml; included by deploy/nginx.conf."]
    for redirect in sorted(corpus.redirects, key=lambda r: (r.lang, r.old)):
        final = final_target(corpus, redirect.lang, redirect.old)
        if final is None:
            continue
        old, new = root + page_url(redirect.lang, redirect.old), root + page_url(redirect.lang, final)
        lines.append(f"location = {old} {{ {headers} return 301 {new}; }}")
        lines.append(f"location = {old.rstrip('/')} {{ {headers} return 301 {new}; }}")
    return "\n".join(lines) + "\n"
