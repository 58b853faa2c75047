"""Search in real Chromium on the built sample site: quality, language, deep links, keyboard."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import block_outside
from helsesider.search_quality import judge, load_queries, summary

pytestmark = pytest.mark.browser

QUERIES = load_queries(Path(__file__).with_name("search_queries.yml"))
PREFIX = {"nb": "", "nn": "nn/", "en": "en/"}


def engine_results(page, texts: list[str]) -> list[list[str]]:
    """Load the page's own index through its search form, then ask the engine."""
    page.locator("#hs-search-input").focus()
    page.wait_for_function("window.HS_SEARCH_INDEX !== undefined")
    return page.evaluate("(qs) => { const e = new HsSearch.Engine(window.HS_SEARCH_INDEX);"
                         " return qs.map(q => e.search(q, 5).map(r => r.url)); }", texts)


@pytest.fixture(scope="module")
def outcomes(browser, sample_server):
    results = []
    for lang in ("nb", "nn", "en"):
        page = browser.new_page()
        page.goto(sample_server + PREFIX[lang])
        queries = [q for q in QUERIES if q.lang == lang]
        for query, urls in zip(queries, engine_results(page, [q.text for q in queries])):
            results.append(judge(query, urls))
        page.close()
    return results


def test_there_are_forty_queries_per_language():
    for lang in ("nb", "nn", "en"):
        assert len([q for q in QUERIES if q.lang == lang]) >= 40


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_recall_at_5_is_at_least_95_percent_and_exact_titles_come_first(outcomes, lang):
    figures = summary(outcomes)[lang]
    misses = [(o.query.text, o.query.kind, o.urls) for o in outcomes if o.query.lang == lang and not (o.rank and o.rank <= 5)]
    assert figures["recall@5"] >= 0.95, misses
    wrong_first = [(o.query.text, o.urls[:1]) for o in outcomes if o.query.lang == lang and o.query.kind == "exact" and o.rank != 1]
    assert wrong_first == []


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_results_are_in_the_page_language_only(browser, sample_server, lang):
    page = browser.new_page()
    page.goto(sample_server + PREFIX[lang])
    urls = [u for row in engine_results(page, ["fastlege", "legevakt", "frikort", "lege", "helse"]) for u in row]
    assert urls
    for url in urls:
        assert url.startswith(PREFIX[lang]) if lang != "nb" else not url.startswith(("nn/", "en/"))
    page.close()


def test_deep_link_opens_results_in_the_page_language(browser, sample_server):
    page = browser.new_page()
    page.goto(sample_server + "nn/lege/fastlege/?q=fastlegar")
    first = page.locator(".hs-search__results li a").first
    first.wait_for()
    assert first.inner_text() == "Fastlege"
    assert page.locator(".hs-search__status").inner_text().endswith("treff")
    snippet = page.locator(".hs-search__results li .hs-search__snippet").first.inner_text()
    assert snippet.startswith("Kven som har rett til fastlege")
    first.click()
    page.wait_for_url("**/nn/lege/fastlege/")
    page.close()


def test_typing_and_keyboard(browser, sample_server):
    page = browser.new_page()
    page.goto(sample_server + "en/")
    page.keyboard.press("Tab")  # skip link
    page.locator("#hs-search-input").focus()
    page.keyboard.type("exemption card")
    # results follow the typing; wait for those of the whole query
    page.wait_for_function("document.querySelector('.hs-search__results li a')?.textContent === 'User fees and the exemption card'")
    page.wait_for_timeout(100)
    page.keyboard.press("ArrowDown")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "User fees and the exemption card"
    page.keyboard.press("Enter")
    page.wait_for_url("**/en/betaling/egenandel-og-frikort/")
    page.close()


def test_no_results_says_so(browser, sample_server):
    page = browser.new_page()
    page.goto(sample_server + "?q=xyzzyqwerty")
    page.wait_for_function("document.querySelector('.hs-search__status').textContent.startsWith('Ingen treff')")
    assert page.locator(".hs-search__results").is_hidden()
    page.close()


def test_search_works_from_file_urls_with_no_network(browser, sample_site):
    """Kiosks open the site from a folder: no server, and every other request refused."""
    context = browser.new_context()
    outside = block_outside(context, "file://")
    page = context.new_page()
    page.goto((sample_site / "nn" / "index.html").as_uri() + "?q=eigendelen")
    first = page.locator(".hs-search__results li a").first
    first.wait_for()
    assert first.inner_text() == "Eigendel og frikort"
    assert first.evaluate("a => a.href") == (sample_site / "nn/betaling/egenandel-og-frikort").as_uri() + "/"
    assert outside == []
    context.close()
