"""deploy/nginx.conf with a real nginx (Debian's, installed by `make test`) serving the built
sample site on 127.0.0.1, and Chromium reading it: security headers on every response, no
Content-Security-Policy violation or console error in any language, redirects that land on the
article, the 404 page in the reader's language."""

from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tools.nginx import NGINX, serve

pytestmark = pytest.mark.browser

HEADERS = (
    "content-security-policy",
    "x-content-type-options",
    "referrer-policy",
    "permissions-policy",
    "strict-transport-security",
)
PAGES = [
    "",
    "lege/fastlege/",
    "a-a/",
    "tjenester/innboks/",
    "samarbeidspartnere/eksempel-helseetat/",
    "?q=fastlegen",
    "?q=vondt i brystet",  # the alarm guidance
    "?q=brent meg på komfyren",  # the nearest hits
    "akutt-hjelp/legevakt/?hs-mark=legevakt%20pris#hva-koster-det",  # a result's section, marked
    "nn/",
    "nn/lege/fastlege/",
    "nn/a-a/",
    "nn/tenester/",
    "nn/?q=sjukehus",
    "en/",
    "en/lege/fastlege/",
    "en/a-z/",
    "en/services/",
    "en/?q=referrals",
]


@pytest.fixture(scope="module")
def nginx(sample_site, tmp_path_factory):
    assert Path(NGINX).exists(), "make test installs Debian's nginx"
    with serve(sample_site, tmp_path_factory.mktemp("nginx")) as base:
        yield base


def fetch(url: str):
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    try:
        return urllib.request.build_opener(NoRedirect).open(url, timeout=5)
    except urllib.error.HTTPError as response:
        return response


@pytest.mark.parametrize(
    "path", ["", "lege/fastlege/", "{stylesheet}", "search/hs-index.js", "nn/finst-ikkje/", "sitemap.xml"]
)
def test_security_headers_on_every_response(nginx, sample_site, path):
    response = fetch(nginx + path.format(stylesheet=stylesheet(sample_site)))
    assert response.status in (200, 404)
    for header in HEADERS:
        assert response.headers.get(header), f"{header} missing on /{path}"
    policy = response.headers["content-security-policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy and "unsafe-inline" not in policy


def stylesheet(site: Path) -> str:
    """The site's own stylesheet, by its fingerprinted name (hs-site.<8 hex>.css)."""
    return next(site.glob("assets/stylesheets/hs-site.*.css")).relative_to(site).as_posix()


def test_caching_and_compression(nginx, sample_site):
    fingerprinted = fetch(nginx + stylesheet(sample_site))
    assert "immutable" in fingerprinted.headers["cache-control"]
    assert "immutable" not in fetch(nginx + "search/hs-index.js").headers["cache-control"]
    assert fetch(nginx + "lege/fastlege/").headers["cache-control"] == "no-cache"
    request = urllib.request.Request(nginx + "lege/fastlege/", headers={"Accept-Encoding": "gzip"})
    assert urllib.request.urlopen(request, timeout=5).headers.get("content-encoding") == "gzip"
    assert fetch(nginx + "_deploy/headers.conf").status == 404


@pytest.mark.parametrize(
    "old, new",
    [
        ("lege/allmennlege/", "lege/fastlege/"),
        ("lege/allmennlege", "lege/fastlege/"),
        ("nn/lege/allmennlege/", "nn/lege/fastlege/"),
        ("en/lege/general-practitioner/", "en/lege/fastlege/"),
    ],
)
def test_redirects_land_on_the_article(nginx, browser, old, new):
    response = fetch(nginx + old)
    assert response.status == 301 and response.headers["location"] == "/" + new  # a path, not http://host:port/
    for header in HEADERS:
        assert response.headers.get(header), f"{header} missing on the 301 from /{old}"
    page = browser.new_page()
    page.goto(nginx + old)
    assert page.url == nginx + new
    assert page.locator(".hs-attribution").count() == 1
    page.close()


@pytest.mark.parametrize(
    "path, lang, title",
    [
        ("finnes-ikke/", "nb", "Fant ikke siden"),
        ("nn/finst-ikkje/", "nn", "Fann ikkje sida"),
        ("en/not/here/", "en", "Page not found"),
        ("se/ii-gavdno/", "se", "Siidu ii gávdnon"),
    ],
)
def test_not_found_page_in_the_language_with_search(nginx, browser, path, lang, title):
    page = browser.new_page()
    errors: list[str] = []
    page.on(
        "console",
        lambda message: errors.append(message.text) if message.type == "error" and "404" not in message.text else None,
    )
    response = page.goto(nginx + path)
    assert response.status == 404
    assert page.locator("html").get_attribute("lang") == lang
    assert page.locator(".hs-page__body h1").inner_text().replace("\u00ad", "") == title
    page.locator("#hs-search-input").fill("fastlege")
    page.locator("#hs-search-input").press("Enter")
    page.wait_for_selector(".hs-search__results li")
    page.locator(".hs-search__results a").first.click()
    page.wait_for_url("**/lege/fastlege/**")
    assert errors == []
    page.close()


def test_pages_in_every_language_have_no_csp_violation_or_console_error(nginx, browser):
    page = browser.new_page()
    problems: list[str] = []
    page.on(
        "console",
        lambda message: (
            problems.append(f"{page.url}: {message.text}") if message.type in ("error", "warning") else None
        ),
    )
    page.on("pageerror", lambda error: problems.append(f"{page.url}: {error}"))
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => console.error('CSP ' + e.violatedDirective + ' ' + e.blockedURI))"
    )
    for path in PAGES:
        response = page.goto(nginx + path)
        assert response.status == 200, path
        for header in HEADERS:
            assert response.headers.get(header), f"{header} missing on /{path}"
        if "?q=" in path:
            page.wait_for_selector(".hs-search__results li")
        if "hs-mark=" in path:
            page.wait_for_selector("mark.hs-mark")
        page.wait_for_timeout(100)
    page.close()
    assert problems == []
