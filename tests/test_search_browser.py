"""Search in real Chromium on the built sample site: quality, language, deep links, keyboard."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import block_outside
from helsesider.search.quality import ANSWERS_JS, judge, load_queries, summary
from tools.browser import start_search

pytestmark = pytest.mark.browser

QUERIES = load_queries(Path(__file__).with_name("search_queries.yml"))
PREFIX = {"nb": "", "nn": "nn/", "en": "en/", "se": "se/"}


def engine_results(page, texts: list[str]) -> list[list[str]]:
    """Ask the engine of the page's own search form (its index head and shards, as scripts)."""
    start_search(page)
    return page.evaluate(
        "async (qs) => { const e = await HsSearch.pageEngine(); const out = [];"
        " for (const q of qs) { out.push((await e.search(q, 5)).map(r => r.url)); } return out; }",
        texts,
    )


def engine_answers(page, texts: list[str]) -> list[dict]:
    """What the page shows for each query: results (with sections), alarm guidance, relaxed."""
    start_search(page)
    return page.evaluate(ANSWERS_JS, texts)


@pytest.fixture(scope="module")
def outcomes(browser, sample_server):
    results = []
    for lang in PREFIX:
        page = browser.new_page()
        page.goto(sample_server + PREFIX[lang])
        queries = [q for q in QUERIES if q.lang == lang]
        for query, answer in zip(queries, engine_answers(page, [q.text for q in queries])):
            results.append(judge(query, answer))
        page.close()
    return results


def test_the_query_set_has_the_shapes_citizens_type():
    """At least 60 queries per language (50 in Sámi, whose sample has six articles); a third
    several words; ten with no answer; typos of two letters; Bokmål typed on Nynorsk pages; Sámi
    typed without its letters."""
    for lang in PREFIX:
        mine = [q for q in QUERIES if q.lang == lang]
        assert len(mine) >= (50 if lang == "se" else 60)
        assert sum(1 for q in mine if len(q.text.split()) > 1) >= len(mine) / 3
        assert sum(1 for q in mine if not q.expect) >= 10
        assert sum(1 for q in mine if q.kind == "typo2") >= 3
    assert sum(1 for q in QUERIES if q.lang == "nn" and q.kind == "variant") >= 5
    assert sum(1 for q in QUERIES if q.lang == "se" and q.kind == "keyboard") >= 5
    # issue 28: alarm signs, plain words for what happened, sections, pairs in every language
    for lang in PREFIX:
        mine = [q for q in QUERIES if q.lang == lang]
        assert sum(1 for q in mine if q.alarm) >= 3
        assert sum(1 for q in mine if any("#" in e for e in q.expect)) >= 1
        assert sum(1 for q in mine if q.all) >= 1
        assert sum(1 for q in mine if q.kind == "symptom") >= (0 if lang == "se" else 3)
    assert sum(1 for q in QUERIES if q.lang == "se" and q.kind == "cross") >= 5


# The goals of the search (issue 14): recall@5 >= 0.97 and recall@1 >= 0.90 in every language,
# junk (anything shown for a no-answer query) on at most 1 of 10. Reached 2026-11-23: recall@5
# nb 0.98, nn 0.98, en 1.00; recall@1 nb 0.94, nn 0.95, en 0.95; junk 0/0/1. Northern Sámi
# (issue 16; its query set written before the Sámi search was run, 52 queries): before the Sámi
# stemming rules, stop words and synonyms recall@5 0.90 and recall@1 0.81; after, 1.00 and 0.88
# (0.89 with four queries of several words added after).
# Its recall@1 goal is lower: in five of its queries a service (Čujuhusat, Molsso fástadoaktára …)
# comes before the article the query set names, which is a fair answer the set did not list.
GOALS = {"recall@5": 0.97, "recall@1": 0.90}
RECALL_AT_1 = {"se": 0.85}


@pytest.mark.parametrize("lang", list(PREFIX))
def test_recall_no_junk_and_exact_titles_first(outcomes, lang):
    figures = summary(outcomes)[lang]
    misses = [
        (o.query.text, o.query.kind, o.urls)
        for o in outcomes
        if o.query.lang == lang and o.query.expect and not (o.rank and o.rank <= 5)
    ]
    assert figures["recall@5"] >= GOALS["recall@5"], misses
    firsts = [(o.query.text, o.urls[:1]) for o in outcomes if o.query.lang == lang and o.query.expect and o.rank != 1]
    assert figures["recall@1"] >= RECALL_AT_1.get(lang, GOALS["recall@1"]), firsts
    junk = [(o.query.text, o.urls) for o in outcomes if o.query.lang == lang and not o.query.expect and o.urls]
    assert len(junk) <= 1, junk
    wrong_first = [
        (o.query.text, o.urls[:1]) for o in outcomes if o.query.lang == lang and o.query.kind == "exact" and o.rank != 1
    ]
    assert wrong_first == []


@pytest.mark.parametrize("lang", list(PREFIX))
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


def test_suggestions_while_typing_are_an_aria_combobox(browser, sample_server):
    """The ARIA 1.2 combobox pattern: the field owns a listbox of titles, aliases and services;
    arrows move an active option (aria-activedescendant, aria-selected) without leaving the
    field; Enter opens the page; Esc closes the list and keeps the text; the count is announced.
    Typing asks nothing of the network once the first three letters' shard is in."""
    page = browser.new_page()
    requests = []
    page.on("request", lambda r: requests.append(r.url) if "/search/hs-" in r.url else None)
    page.goto(sample_server + "en/")
    field = page.locator("#hs-search-input")
    assert field.get_attribute("role") == "combobox" and field.get_attribute("aria-expanded") == "false"
    assert field.get_attribute("aria-controls") == "hs-suggest"
    field.focus()
    page.keyboard.type("exe")
    page.wait_for_function("document.querySelector('#hs-suggest li')")
    loaded = len(requests)
    page.keyboard.type("mption c", delay=40)
    page.wait_for_timeout(200)
    assert len(requests) == loaded  # no request per keystroke
    options = page.locator("#hs-suggest [role=option]")
    names = options.evaluate_all("os => os.map(o => o.querySelector('.hs-suggest__name').textContent)")
    assert names and all(n.lower().startswith("exemption c") for n in names), names
    assert field.get_attribute("aria-expanded") == "true"
    assert page.locator("#hs-suggest-status").inner_text().startswith(str(len(names)))
    page.keyboard.press("ArrowDown")
    assert field.get_attribute("aria-activedescendant") == "hs-suggest-0"
    assert options.first.get_attribute("aria-selected") == "true"
    assert page.evaluate("document.activeElement.id") == "hs-search-input"  # the focus stays in the field
    page.keyboard.press("Escape")  # closes the list, keeps the text
    assert page.locator("#hs-suggest").is_hidden() and field.get_attribute("aria-expanded") == "false"
    assert field.input_value() == "exemption c"
    page.keyboard.press("ArrowDown")  # opens it again on the first option
    page.wait_for_function(
        "document.getElementById('hs-search-input').getAttribute('aria-activedescendant') === 'hs-suggest-0'"
    )
    first = options.first.locator(".hs-suggest__name").inner_text()
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    page.wait_for_function("!location.pathname.endsWith('/en/')")
    assert page.locator(".hs-page__body h1").first.inner_text().replace("\u00ad", "") == first
    page.close()


def test_the_alarm_guidance_stands_above_the_results_in_the_page_language(browser, sample_server):
    page = browser.new_page(viewport={"width": 375, "height": 800})
    for path, call, number in [
        ("?q=vondt i brystet", "113", "tel:113"),
        ("nn/?q=får ikkje puste", "113", "tel:113"),
        ("en/?q=I want to end my life", "helpline", "tel:116123"),
        ("se/?q=iešsorbmenjurdagat", "helpline", "tel:113"),
    ]:
        page.goto(sample_server + path)
        panel = page.locator(f"[data-hs-alarm='{call}']")
        panel.wait_for(state="visible")
        assert number in panel.locator("a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
        others = page.locator("[data-hs-alarm]:not([hidden])")
        assert others.count() == 1
        # above the first result, and said by the status line
        box = panel.bounding_box()
        first = page.locator(".hs-search__results li").first.bounding_box()
        assert box["y"] + box["height"] <= first["y"]
        assert panel.locator("h2").inner_text() in page.locator("#hs-search-status").text_content()
    page.goto(sample_server + "?q=fastlege")
    page.locator(".hs-search__results li").first.wait_for()
    assert page.locator("[data-hs-alarm]:not([hidden])").count() == 0
    page.close()


def test_nearest_hits_come_under_their_own_label_and_junk_stays_out(browser, sample_server):
    page = browser.new_page()
    page.goto(sample_server + "?q=brent meg på komfyren")
    page.locator(".hs-search__results li").first.wait_for()
    assert page.locator(".hs-results__heading").inner_text().startswith("Ingen treff på alle ordene")
    assert page.locator(".hs-search__near").is_visible()
    assert page.locator(".hs-search__results a").first.inner_text() == "Legevakt"
    page.goto(sample_server + "?q=hvordan bytter jeg vinterdekk")
    page.wait_for_function("document.querySelector('.hs-search__status').textContent.startsWith('Ingen treff')")
    assert page.locator(".hs-search__near").is_hidden() and page.locator(".hs-search__results").is_hidden()
    page.close()


def test_a_result_opens_at_its_section_and_marks_the_words(browser, sample_server):
    page = browser.new_page(viewport={"width": 375, "height": 800})
    page.goto(sample_server + "?q=legevakt pris")
    link = page.locator(".hs-search__results a").first
    link.wait_for()
    page.wait_for_function("document.querySelector('.hs-search__results a').textContent.includes(' – ')")
    assert link.inner_text() == "Legevakt – Hva koster det?"
    assert link.get_attribute("href") == "akutt-hjelp/legevakt/?hs-mark=legevakt%20pris#hva-koster-det"
    assert page.locator(".hs-search__snippet").first.inner_text().startswith("Voksne betaler egenandel")
    link.click()
    page.wait_for_url("**/akutt-hjelp/legevakt/#hva-koster-det")  # the words leave the address
    marks = page.locator(".hs-page__body mark.hs-mark")
    assert marks.count() >= 3 and {m.lower() for m in marks.all_inner_texts()} >= {"legevakten"}
    heading = page.locator("#hva-koster-det").bounding_box()
    assert -1 < heading["y"] < 400  # the section is on the screen (at its top, to a rounding of the scroll)
    page.close()


def test_goals_of_the_citizens_queries(outcomes):
    """Issue 28's goals on the query set: no answerable query without a result, every alarm sign
    with its guidance and none on a no-answer query, every pair complete, every section hit."""
    figures = summary(outcomes)
    for lang, row in figures.items():
        assert row["zero"] == 0, (
            lang,
            [o.query.text for o in outcomes if o.query.lang == lang and o.query.expect and not o.urls],
        )
        assert row["alarms_right"] == row["alarms"], (
            lang,
            [
                (o.query.text, o.alarm)
                for o in outcomes
                if o.query.lang == lang and o.query.alarm and o.alarm != o.query.alarm
            ],
        )
        assert row["false_alarms"] == 0, lang
        assert row["pairs_complete"] == row["pairs"], lang
        assert row["sections_hit"] == row["sections"], lang


def test_no_results_says_so_and_offers_other_ways_in(browser, sample_server):
    page = browser.new_page()
    page.goto(sample_server + "lege/fastlege/?q=oppskrift på pannekaker")
    page.wait_for_function("document.querySelector('.hs-search__status').textContent.startsWith('Ingen treff')")
    assert page.locator(".hs-search__results").is_hidden()
    help_block = page.locator(".hs-search__none")
    assert help_block.is_visible()
    links = help_block.locator("a")
    assert links.evaluate_all("as => as.map(a => [a.textContent, a.getAttribute('href')])") == [
        ["Innhold A–Å", "../../a-a/"],
        ["Alle temaer", "../../#hs-topics-heading"],
        ["113", "tel:113"],
        ["116 117", "tel:116117"],
    ]
    page.locator("#hs-search-input").fill("fastlege")
    page.locator("#hs-search-input").press("Enter")
    page.wait_for_function("document.querySelector('.hs-search__results li')")
    assert help_block.is_hidden()
    # the help's links lead to the same places from a language's front page and from deeper down
    for path, folder in [("", ""), ("nn/", "nn/"), ("nn/lege/fastlege/", "nn/"), ("se/", "se/")]:
        page.goto(sample_server + path + "?q=oppskrift på pannekaker")
        page.locator(".hs-search__none").wait_for(state="visible")
        hrefs = page.locator(".hs-search__none a").evaluate_all("as => as.map(a => a.href)")
        az = page.locator(".hs-header__nav a").nth(1).evaluate("a => a.href")  # the header's A–Å
        assert hrefs[:2] == [az, sample_server + folder + "#hs-topics-heading"], path
        assert page.locator(".hs-search__none").count() == 1 and page.locator("[data-hs-alarm]").count() == 2
    page.close()


def test_services_are_found_with_their_login_badge(browser, sample_server):
    page = browser.new_page()
    page.goto(sample_server + "en/?q=inbox")
    first = page.locator(".hs-search__results li").first
    first.wait_for()
    assert first.locator("a").inner_text() == "Inbox"
    assert first.locator("a").get_attribute("href").split("?")[0].endswith("services/innboks/")
    assert first.locator(".hs-search__badge").inner_text() == "Requires login"
    page.close()


def test_a_query_loads_the_head_and_only_a_few_shards(browser, sample_server):
    page = browser.new_page()
    loaded = []
    page.on(
        "request",
        lambda request: loaded.append(request.url.rsplit("/", 1)[-1]) if "/search/hs-" in request.url else None,
    )
    page.goto(sample_server + "?q=legevakt")
    page.locator(".hs-search__results li").first.wait_for()
    assert loaded[0] == "hs-index.js"
    # the head, the query's term shard, the document chunks of the results shown and the
    # sections of the first three
    shown = page.locator(".hs-search__results li").count()
    assert all(name.startswith(("hs-t", "hs-d", "hs-s", "hs-index")) for name in loaded)
    assert sum(1 for name in loaded if name.startswith("hs-t")) == 1
    assert sum(1 for name in loaded if name.startswith("hs-d")) <= shown
    assert sum(1 for name in loaded if name.startswith("hs-s")) <= 3
    page.close()


def test_search_works_from_file_urls_with_no_network(browser, sample_site):
    """Kiosks open the site from a folder: no server, and every other request refused."""
    context = browser.new_context()
    outside = block_outside(context, "file://")
    page = context.new_page()
    page.goto((sample_site / "nn" / "index.html").as_uri() + "?q=eigendelen")
    first = page.locator(".hs-search__results li a").first
    first.wait_for()
    page.wait_for_function("document.querySelector('.hs-search__results a').textContent.includes(' – ')")
    # the page, opened at the section on who pays (the alias "Eigendel" is that section's heading)
    assert first.inner_text() == "Eigendel og frikort – Kven betaler eigendel?"
    assert first.evaluate("a => a.href") == (sample_site / "nn/betaling/egenandel-og-frikort").as_uri() + (
        "/?hs-mark=eigendelen#kven-betaler-eigendel"
    )
    assert outside == []
    context.close()
