"""WCAG 2.1 AA in real Chromium: axe-core (through axe-playwright-python) on every page type in
every language at phone and desktop widths, keyboard use, narrow screens, and print."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

WCAG = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
    "resultTypes": ["violations"],
}
PAGE_TYPES = {
    "nb": [
        "",
        "lege/fastlege/",
        "akutt-hjelp/legevakt/lokalt/eksempel-kommune/",
        "akutt-hjelp/legevakt/lokalt/",
        "lege/",
        "a-a/",
        "tjenester/",
        "tjenester/innboks/",
        "samarbeidspartnere/eksempel-helseetat/",
        "tilgjengelighet/",
        "404.html",
    ],
    "nn": [
        "nn/",
        "nn/lege/fastlege/",
        "nn/akutt-hjelp/legevakt/lokalt/eksempel-kommune/",
        "nn/lege/",
        "nn/a-a/",
        "nn/tenester/",
        "nn/tenester/innboks/",
        "nn/samarbeidspartnere/eksempel-helseetat/",
        "nn/tilgjenge/",
        "nn/404.html",
    ],
    "en": [
        "en/",
        "en/lege/fastlege/",
        "en/akutt-hjelp/legevakt/local/eksempel-kommune/",
        "en/lege/",
        "en/a-z/",
        "en/services/",
        "en/services/innboks/",
        "en/samarbeidspartnere/eksempel-helseetat/",
        "en/accessibility/",
        "en/404.html",
    ],
    "se": [
        "se/",
        "se/lege/fastlege/",
        "se/lege/",
        "se/a-a/",
        "se/balvalusat/",
        "se/balvalusat/innboks/",
        "se/samarbeidspartnere/eksempel-helseetat/",
        "se/olahahttivuohta/",
        "se/404.html",
    ],
}
SEARCH = {"nb": "?q=fastlegen", "nn": "nn/?q=fastlegar", "en": "en/?q=referrals", "se": "se/?q=dulka"}


@pytest.fixture(scope="module")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


def violations(axe, page) -> list[str]:
    result = axe.run(page, options=WCAG)
    return [f"{v['id']}: {[n['target'] for n in v['nodes']][:3]}" for v in result.response["violations"]]


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("lang", list(PAGE_TYPES))
def test_axe_finds_no_wcag_violations(browser, sample_server, axe, lang, width):
    page = browser.new_page(viewport={"width": width, "height": 800})
    found = {}
    for path in PAGE_TYPES[lang]:
        page.goto(sample_server + path)
        found[path] = violations(axe, page)
    page.goto(sample_server + SEARCH[lang])
    page.wait_for_selector(".hs-search__results li")
    found[SEARCH[lang]] = violations(axe, page)
    page.close()
    assert {path: v for path, v in found.items() if v} == {}


def test_keyboard_skip_link_az_bar_and_search(browser, sample_server):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(sample_server + "a-a/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert "hs-skip" in focused and page.locator(".hs-skip").is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "hs-main"
    # the letter bar: tab to the first letter with entries, follow it
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('hs-az-bar__link')"):
            break
    letter = page.evaluate("document.activeElement.getAttribute('href')")
    assert letter.startswith("#bokstav-")
    page.keyboard.press("Enter")
    page.wait_for_url("**/a-a/" + letter, timeout=5000)  # following a link to an anchor is not instant
    # search without a mouse: focus the field, type, send, Tab from the results' heading into the
    # results, open one
    page.locator("#hs-search-input").focus()
    page.keyboard.type("fastlege")
    page.keyboard.press("Enter")
    page.wait_for_selector(".hs-search__results li")
    page.wait_for_function("document.activeElement.id === 'hs-results-heading'")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('.hs-search__results') !== null")
    page.keyboard.press("Enter")
    page.wait_for_url("**/lege/fastlege/**")
    page.close()


@pytest.mark.parametrize("path", ["", "lege/fastlege/", "nn/a-a/", "en/services/"])
def test_no_horizontal_scrolling_at_320_px_and_text_zooms(browser, sample_server, path):
    page = browser.new_page(viewport={"width": 320, "height": 640})
    page.goto(sample_server + path)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    zoomed = browser.new_page(viewport={"width": 640, "height": 800}, device_scale_factor=2)
    zoomed.goto(sample_server + path)
    zoomed.evaluate("document.documentElement.style.fontSize = '200%'")
    assert zoomed.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    page.close()
    zoomed.close()


def test_article_prints_with_attribution_and_address_without_navigation(browser, sample_server):
    page = browser.new_page()
    page.goto(sample_server + "lege/fastlege/")
    page.emulate_media(media="print")
    assert page.locator(".hs-attribution").is_visible()
    assert "Neste faglige gjennomgang" in page.locator(".hs-attribution").inner_text()
    assert page.locator(".hs-print-url").is_visible()
    assert page.locator(".hs-print-url").inner_text().endswith("/lege/fastlege/")
    for hidden in (".hs-emergency", ".hs-header", ".hs-footer", ".hs-search", ".hs-breadcrumbs"):
        assert not page.locator(hidden).first.is_visible(), hidden
    page.close()


def test_axe_finds_no_violations_in_the_search_suggestions_alarm_and_sections(browser, sample_server, axe):
    """The states search adds to a page: the suggestions open with an active option, the
    emergency guidance above the results, results that open at a section, nearest hits."""
    page = browser.new_page(viewport={"width": 375, "height": 800})
    page.goto(sample_server + "lege/fastlege/")
    page.locator("[data-hs-toggle=hs-search-panel]").click()
    page.locator("#hs-search-input").focus()
    page.keyboard.type("legev")
    page.wait_for_selector("#hs-suggest li")
    page.keyboard.press("ArrowDown")
    found = {"suggestions": violations(axe, page)}
    for query in ("vondt i brystet", "vil ikke leve lenger", "legevakt pris", "brent meg på komfyren"):
        page.goto(sample_server + "?q=" + query)
        page.wait_for_selector(".hs-search__results li")
        found[query] = violations(axe, page)
    page.close()
    assert found == {key: [] for key in found}
