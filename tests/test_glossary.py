"""The glossary ("Ord og uttrykk", issue 30): hard words explained where they stand."""

from __future__ import annotations

import pytest

from conftest import article
from helsesider.content.glossary import Term, load_glossary
from helsesider.site.glossary_view import mark_terms

EGENANDEL = Term("egenandel", ("egenandelen", "egenandel"), "Det du betaler selv.", "seed 002")
FRIKORT = Term("frikort", ("frikortet", "frikort"), "Et bevis på at du har betalt nok.", "seed 002")


def test_the_first_occurrence_is_marked_and_never_in_headings_links_code_or_cards():
    page = (
        "<h2>Egenandel</h2>"
        '<p><a href="x.md">egenandel</a> og <code>egenandel</code></p>'
        '<div class="hs-care"><p>egenandel</p></div>'
        "<p>Du betaler <strong>egenandelen</strong> selv. Egenandel igjen, og frikortet.</p>"
        "<p>Mer om frikort.</p>"
    )
    marked, used = mark_terms(page, [EGENANDEL, FRIKORT])
    assert [t.term for t in used] == ["egenandel", "frikort"]
    assert marked.count('class="hs-term"') == 2
    assert (
        '<strong><a class="hs-term" href="#hs-ord-egenandel" data-hs-term="hs-ord-egenandel">egenandelen</a></strong>'
        in marked
    )
    assert '<a class="hs-term" href="#hs-ord-frikort" data-hs-term="hs-ord-frikort">frikortet</a>' in marked
    assert marked.startswith("<h2>Egenandel</h2>") and "<code>egenandel</code>" in marked
    assert '<div class="hs-care"><p>egenandel</p></div>' in marked


def test_words_inside_other_words_and_terms_turned_off_are_left_alone():
    marked, used = mark_terms("<p>Egenandelsfritak og ikke-egenandel.</p>", [EGENANDEL])
    assert used == [] and "hs-term" not in marked
    marked, used = mark_terms("<p>Egenandel her.</p>", [EGENANDEL], frozenset({"egenandel"}))
    assert used == []


HØYT = Term("høyt blodtrykk", ("høyt blodtrykk", "høgt blodtrykk"), "Blodtrykk over det normale.", "seed 001")


@pytest.mark.parametrize(
    "text",
    [
        "<p>Egenandelsfritak, ikke-egenandel og til slutt EGENANDELEN.</p>",
        "<p>egenandelegenandel egenandel-x xegenandel egenandel.</p>",
        "<p>Høyt blodtrykket er ikke høyt blodtrykk-tall, men HØYT BLODTRYKK er.</p>",
        "<p>høgt blodtrykk</p><p>høyt blodtrykk</p>",
        "<p>Ingen av ordene her.</p>",
    ],
)
def test_a_term_is_marked_where_its_pattern_first_finds_a_whole_word(text):
    """The search that looks only where a form occurs (glossary_view._first) finds what the
    term's whole pattern finds, past forms that are parts of longer words (the texts have no
    tag inside a paragraph, so the pattern can run on the HTML itself)."""
    from helsesider.site.glossary_view import _pattern

    for term in (EGENANDEL, HØYT):
        expected = _pattern(term.forms).search(text)
        marked, used = mark_terms(text, [term])
        assert bool(used) == bool(expected)
        if expected:
            at = expected.start()
            assert marked[:at] == text[:at]
            assert marked[at:].startswith(f'<a class="hs-term" href="#{term.anchor}"')
            assert marked[at:].split(">", 1)[1].startswith(expected.group() + "</a>")


def test_the_articles_own_names_are_not_marked():
    marked, used = mark_terms("<p>Egenandel og frikort.</p>", [EGENANDEL, FRIKORT], own=frozenset({"frikort"}))
    assert [t.term for t in used] == ["egenandel"] and "hs-ord-frikort" not in marked


@pytest.mark.parametrize(
    "entry, message",
    [
        ("egenandel:\n  forms: [egenandelen]\n  source: x\n", "explanation is missing"),
        ("egenandel:\n  explanation: En. To. Tre.\n  source: x\n", "more than 2 sentences"),
        ("egenandel:\n  explanation: Se [her](https://x.example.org).\n  source: x\n", "must be plain text"),
        ("egenandel:\n  explanation: Se https://x.example.org nå.\n  source: x\n", "may not hold links or HTML"),
        ("egenandel:\n  explanation: Det du betaler.\n", "source is missing"),
        ("egenandel:\n  explanation: Det du betaler.\n  source: x\n  farge: rød\n", "unknown key 'farge'"),
        ("egenandel:\n  forms: [<b>x</b>]\n  explanation: Det du betaler.\n  source: x\n", "is not a word"),
        (
            "egenandel:\n  explanation: Det du betaler.\n  source: x\nandel:\n  forms: [egenandel]\n"
            "  explanation: Noe.\n  source: x\n",
            "'egenandel' is already a form of 'egenandel'",
        ),
    ],
)
def test_glossary_problems_are_findings_with_their_line(tmp_path, entry, message):
    (tmp_path / "data" / "glossary").mkdir(parents=True)
    (tmp_path / "data" / "glossary" / "nb.yml").write_text("# ord\n" + entry, encoding="utf-8")
    terms, findings = load_glossary(tmp_path, "nb")
    assert any(message in f.message and f.path == "data/glossary/nb.yml" and f.line >= 2 for f in findings), findings


def test_an_explanation_harder_than_the_articles_that_use_it_is_a_warning():
    from helsesider.content.glossary import harder_than_the_texts

    hard = Term(
        "henvisning", ("henvisning",), "Spesialisthelsetjenestens kompetansesentre koordinerer utredning.", "x", 4
    )
    easy_text = ["Du får en henvisning. Den er fin. Du går dit."]
    found = harder_than_the_texts([hard, EGENANDEL], easy_text, "nb", 50)
    assert [(f.path, f.line, f.severity) for f in found] == [("data/glossary/nb.yml", 4, "warning")]
    assert "the articles that use it" in found[0].message
    # a long-word language's article sets a higher bar than the site's limit
    assert (
        harder_than_the_texts([hard], ["Spesialisthelsetjenesten koordinerer utredning. henvisning."], "nb", 50) == []
    )


def test_the_sample_glossaries_are_valid_and_big_enough():
    from conftest import ROOT

    for lang in ("nb", "nn", "en", "se"):  # the Sámi one for a native speaker's review
        terms, findings = load_glossary(ROOT, lang)
        assert findings == [] and len(terms) >= 25, lang


def test_built_articles_mark_terms_and_list_them_but_not_their_own_subject(sample_site):
    page = (sample_site / "akutt-hjelp" / "legevakt" / "index.html").read_text(encoding="utf-8")
    body = page.split('class="hs-page__body"', 1)[1]
    assert 'data-hs-term="hs-ord-fastlege"' in body and '<dt id="hs-ord-fastlege">Fastlege</dt>' in body
    assert 'data-hs-term="hs-ord-legevakt"' not in body  # the article's own subject


def test_an_author_can_turn_a_term_off(fixture_site):
    fixture_site.write("data/glossary/nb.yml", "egenandel:\n  explanation: Det du betaler selv.\n  source: x\n")
    fixture_site.write("docs/nb/lege/a.md", article(body="Du betaler egenandel."))
    fixture_site.write(
        "docs/nb/lege/b.md", article(title="B", extra="glossary_off: [egenandel]", body="Du betaler egenandel.")
    )
    assert fixture_site.build().returncode == 0
    assert "hs-term" in str(fixture_site.html("lege/a/index.html").select_one(".hs-page__body"))
    assert "hs-term" not in str(fixture_site.html("lege/b/index.html").select_one(".hs-page__body"))


@pytest.mark.browser
@pytest.mark.parametrize("width", [375, 1280])
def test_a_term_opens_its_explanation_in_place_and_esc_closes_it(browser, sample_server, width):
    from axe_playwright_python.sync_playwright import Axe
    from test_accessibility import violations

    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(sample_server + "akutt-hjelp/legevakt/")
    button = page.locator("button.hs-term").first
    assert button.get_attribute("aria-expanded") == "false"
    assert not page.locator(".hs-glossary").is_visible()  # with script the list is for print
    button.focus()
    page.keyboard.press("Enter")
    box = page.locator("#" + button.get_attribute("aria-controls"))
    assert button.get_attribute("aria-expanded") == "true" and box.get_attribute("aria-live") == "polite"
    assert "Legen du har fast" in box.inner_text()
    assert violations(Axe(), page) == []
    page.keyboard.press("Escape")
    assert button.get_attribute("aria-expanded") == "false" and box.inner_text() == ""
    page.emulate_media(media="print")
    assert page.locator(".hs-glossary").is_visible()
    page.close()


@pytest.mark.browser
def test_without_script_the_words_link_to_the_list(browser, sample_server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(sample_server + "akutt-hjelp/legevakt/")
    link = page.locator("a.hs-term").first
    assert link.get_attribute("href") == "#hs-ord-fastlege"
    assert (
        page.locator("#hs-ord-fastlege").is_visible()
        and page.locator(".hs-glossary h2").inner_text() == "Ord og uttrykk"
    )
    context.close()


def test_the_report_lists_the_long_words_not_in_the_glossary(fixture_site):
    import datetime as dt

    from helsesider.content.report import write_report

    fixture_site.write("data/glossary/nb.yml", "egenandel:\n  explanation: Det du betaler selv.\n  source: x\n")
    body = "Du betaler egenandel. Egenandel igjen. Spesialisten sender henvisning. Spesialisten svarer."
    fixture_site.write("docs/nb/lege/a.md", article(title="Fastlege", body=body))
    _, md_path = write_report(fixture_site.path, fixture_site.path / "report", today=dt.date(2026, 12, 3))
    row = next(
        line
        for line in md_path.read_text(encoding="utf-8").splitlines()
        if "`docs/nb/lege/a.md`" in line and "(" in line
    )
    assert "spesialisten (2)" in row and "henvisning (1)" in row and "egenandel" not in row
