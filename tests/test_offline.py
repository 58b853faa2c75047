"""Offline on a citizen's phone (issue 32): the web app and the service worker, in Chromium,
behind the project's nginx configuration (deploy/nginx.conf, its headers included).

A citizen visits once, the network goes (``context.set_offline(True)``), and the front page, an
emergency article, the article read before and search still work in the page's language; a
page never read shows the offline page with 113 and 116 117; a new deploy replaces what was
stored; ``offline: false`` removes the worker; the kiosk has none.
"""

from __future__ import annotations

import json
import shutil
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import CHROMIUM, CHROMIUM_FLAGS, ROOT
from helsesider import LANGUAGES
from helsesider.content.corpus import load_corpus
from helsesider.settings import load as load_settings
from helsesider.site.offline import write_offline_files
from helsesider.site.pages import existing_rels
from helsesider.site.routes import OFFLINE_REL
from helsesider.site.urls import page_url
from tools.nginx import serve

pytestmark = pytest.mark.browser

FOLDER = {"nb": "", "nn": "nn/", "en": "en/", "se": "se/"}
# per language: a page read before going offline, a page never read, and a word of the page read
READ = {
    "nb": ("lege/fastlege/", "rettigheter/tolk/", "fastlege"),
    "nn": ("lege/fastlege/", "familie/abort/", "fastlegen"),
    "en": ("lege/fastlege/", "rettigheter/tolk/", "GP"),
    "se": ("lege/fastlege/", "rettigheter/tolk/", "fástadoavttir"),
}
OFFLINE_TITLE = {"nb": "Du er uten nett", "nn": "Du er utan nett", "en": "You are offline", "se": "Dus ii leat neahtta"}


def offline_rel(lang: str) -> str:
    return page_url(lang, OFFLINE_REL[lang])


@pytest.fixture(scope="module")
def deployed(sample_site, tmp_path_factory):
    """A copy of the sample site (a test may deploy again into it) behind nginx."""
    site = tmp_path_factory.mktemp("deployed") / "site"
    shutil.copytree(sample_site, site)
    with serve(site, tmp_path_factory.mktemp("nginx-offline")) as base:
        yield site, base


def until(page, expression: str, seconds: float = 30) -> None:
    """Wait until `expression` (it may give a promise) is true in the page."""
    end = time.monotonic() + seconds
    while not page.evaluate(expression):
        assert time.monotonic() < end, f"still false after {seconds} s: {expression}"
        time.sleep(0.2)


def visit_once(context, base: str, lang: str):
    """A citizen's first visit: the language's front page, until the worker has stored what a
    first visit stores, then one article."""
    page = context.new_page()
    page.goto(base + FOLDER[lang])
    page.wait_for_selector(f"html[data-hs-stored={lang}]", state="attached", timeout=30000)
    page.goto(base + FOLDER[lang] + READ[lang][0])
    until(page, "navigator.serviceWorker.controller !== null")
    until(page, "caches.match(location.href).then(r => !!r)")  # stored as it was read
    return page


def heading(page) -> str:
    return page.locator("h1:not(.hs-results__heading)").first.inner_text()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_after_one_visit_the_site_works_offline_in_the_readers_language(browser, deployed, lang):
    site, base = deployed
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = visit_once(context, base, lang)
    read_title = heading(page)
    context.set_offline(True)
    # the front page
    page.goto(base + FOLDER[lang])
    assert page.evaluate("document.documentElement.lang") == lang and page.locator(".hs-offline-copy").count() == 1
    # an emergency article, never opened: stored on the first visit
    page.goto(base + FOLDER[lang] + "akutt-hjelp/ring-113/")
    assert page.locator('a[href="tel:113"]').count() >= 1 and page.locator(".hs-offline-copy").is_visible()
    # the article read before, with its attribution and last-reviewed date
    page.goto(base + FOLDER[lang] + READ[lang][0])
    assert heading(page) == read_title and page.locator(".hs-attribution time, .hs-attribution").count() >= 1
    # search: over the stored pages only, and it says so
    page.goto(base + FOLDER[lang] + "?q=" + READ[lang][2])
    results = page.locator("#hs-results")
    page.wait_for_selector("[data-offline]", state="attached")
    links = results.locator(".hs-search__results a").evaluate_all("(as) => as.map(a => a.href)")
    assert links and all(link.startswith(base + FOLDER[lang]) for link in links), links
    assert base + FOLDER[lang] + READ[lang][0] in links
    said = results.locator(".hs-results__heading").inner_text()
    assert said.split(":")[0] in ("Uten nett", "Utan nett", "Offline", "Neahtta haga"), said
    # a page never read: the offline page of this language, with the emergency numbers and the stored pages
    page.goto(base + FOLDER[lang] + READ[lang][1])
    assert page.url == base + FOLDER[lang] + READ[lang][1]
    assert page.evaluate("document.documentElement.lang") == lang
    assert page.title().startswith(OFFLINE_TITLE[lang])
    assert (
        page.locator('.hs-offline a[href="tel:113"]').count() == 1
        and page.locator('.hs-offline a[href="tel:116117"]').count() == 1
    )
    page.wait_for_selector(".hs-offline__list li", timeout=10000)
    stored = page.locator(".hs-offline__list a").evaluate_all("(as) => as.map(a => a.href)")
    assert base + FOLDER[lang] + READ[lang][0] in stored and base + FOLDER[lang] + "akutt-hjelp/ring-113/" in stored
    others = [FOLDER[o] for o in LANGUAGES if o != lang and FOLDER[o]]
    assert not any(link[len(base) :].startswith(tuple(others)) for link in stored), stored  # never another language's
    context.close()


def test_the_offline_page_passes_axe_and_says_what_is_stored(browser, deployed):
    from axe_playwright_python.sync_playwright import Axe
    from test_accessibility import violations

    site, base = deployed
    context = browser.new_context(viewport={"width": 320, "height": 800})
    page = visit_once(context, base, "nb")
    context.set_offline(True)
    page.goto(base + "rettigheter/klage-og-erstatning/")
    page.wait_for_selector(".hs-offline__list li")
    assert page.locator(".hs-offline__empty").is_hidden()
    assert violations(Axe(), page) == []
    context.close()


def test_the_web_app_is_installable_in_every_language(browser, deployed, tmp_path):
    site, base = deployed
    # installability needs a profile (an incognito context is never installable)
    context = browser.browser_type.launch_persistent_context(
        str(tmp_path / "profile"), executable_path=CHROMIUM, args=CHROMIUM_FLAGS
    )
    page = context.new_page()
    for lang in LANGUAGES:
        page.goto(base + FOLDER[lang])
        page.wait_for_selector(f"html[data-hs-stored={lang}]", state="attached", timeout=30000)
        errors = context.new_cdp_session(page).send("Page.getInstallabilityErrors")["installabilityErrors"]
        assert errors == [], (lang, errors)
        manifest = json.loads((site / FOLDER[lang] / "manifest.webmanifest").read_text(encoding="utf-8"))
        assert manifest["lang"] == lang and manifest["start_url"] == "./" and manifest["dir"] == "ltr"
        assert {i["sizes"] for i in manifest["icons"]} == {"192x192", "512x512"}
        assert any(i["purpose"] == "maskable" for i in manifest["icons"])
    context.close()


def _get(url: str):
    with urllib.request.urlopen(url) as response:
        return response.headers, response.read()


def test_nginx_serves_the_worker_and_manifest_as_a_deploy_needs(deployed):
    site, base = deployed
    headers, body = _get(base + "sw.js")
    assert headers["Cache-Control"] == "no-cache" and b'"enabled":true' in body
    assert (
        "worker-src 'self'" in headers["Content-Security-Policy"]
        and "manifest-src 'self'" in headers["Content-Security-Policy"]
    )
    assert headers["Service-Worker-Allowed"] is None  # at the root, its scope is the whole site without it
    headers, _ = _get(base + "nn/manifest.webmanifest")
    assert headers["Content-Type"].startswith("application/manifest+json") and headers["Content-Security-Policy"]


def redeploy(site: Path, enabled: bool = True) -> None:
    """What the end of `make build` writes, again, for the site as it now is."""
    corpus = load_corpus(ROOT, load_settings(ROOT), languages=())
    rels = {lang: existing_rels(corpus, lang) for lang in LANGUAGES}
    write_offline_files(site, rels, enabled, corpus.settings.acute_topic)


def test_a_new_deploy_replaces_the_stored_article(browser, deployed):
    site, base = deployed
    context = browser.new_context()
    page = visit_once(context, base, "nn")
    article = site / "nn/lege/fastlege/index.html"
    before = article.read_text(encoding="utf-8")
    old_worker = (site / "sw.js").read_text(encoding="utf-8")
    try:
        changed = before.replace(">Fastlege</h1>", ">Fastlege (ny versjon)</h1>", 1)
        assert changed != before
        article.write_text(changed, encoding="utf-8")
        redeploy(site)
        assert (site / "sw.js").read_text(encoding="utf-8") != old_worker  # the changed page changes the worker
        page.goto(base + "nn/")  # a visit online: the browser finds the new worker
        page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.update())")
        new = json.loads(_config(site))["version"]
        until(page, f"caches.keys().then(k => k.length > 0 && k.every(n => n.indexOf('{new}') >= 0))")
        context.set_offline(True)
        page.goto(base + "nn/lege/fastlege/")
        assert heading(page).endswith("(ny versjon)")
    finally:
        article.write_text(before, encoding="utf-8")
        redeploy(site)
        context.close()


def _config(site: Path) -> str:
    text = (site / "sw.js").read_text(encoding="utf-8")
    start = text.index("var CONFIG = ") + len("var CONFIG = ")
    return text[start : text.index(";\n", start)]


GONE = "Promise.all([navigator.serviceWorker.getRegistrations(), caches.keys()]).then(([r, k]) => r.length === 0 && k.length === 0)"


def test_offline_false_removes_the_worker_and_what_it_stored(browser, deployed):
    """Both ways a phone learns of it: the worker a build with offline: false writes removes
    itself when the browser checks for a new one, and a page of that build removes any worker."""
    site, base = deployed
    context = browser.new_context()
    page = visit_once(context, base, "en")
    assert page.evaluate("caches.keys()")
    kept = {p: p.read_text(encoding="utf-8") for p in site.rglob("*.html")}
    try:
        redeploy(site, enabled=False)  # the worker alone (the pages as they were)
        page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.update())")
        until(page, GONE)
        redeploy(site)
        page = visit_once(context, base, "en")  # registered and stored again
        for path, text in kept.items():  # the pages alone (the worker still on)
            off = text.replace('<meta name="hs-offline" content="on"', '<meta name="hs-offline" content="off"')
            path.write_text(off, encoding="utf-8")
        page.goto(base + "en/")
        until(page, "navigator.serviceWorker.getRegistrations().then(r => r.length === 0)")
        page.goto(base + "en/")  # the next page no worker serves: what the old one stored goes too
        until(page, GONE)
    finally:
        for path, text in kept.items():
            path.write_text(text, encoding="utf-8")
        redeploy(site)
        context.close()


def test_the_kiosk_has_no_worker_and_no_manifest(kiosk):
    bundle = kiosk / "kiosk"
    assert not (bundle / "sw.js").exists() and not list(bundle.rglob("manifest.webmanifest"))
    front = (bundle / "index.html").read_text(encoding="utf-8")
    assert 'rel="manifest"' not in front and 'name="hs-offline"' not in front
