"""Northern Sámi (se), the fourth language: its pages, A–Å, search and six sample articles."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT
from helsesider import locales
from helsesider.content.corpus import load_corpus
from helsesider.search.analysis import fold, term
from helsesider.settings import load as load_settings
from helsesider.site.collation import initial, sort_key

SAMI_LETTERS = "A Á B C Č D Đ E F G H I J K L M N Ŋ O P R S Š T Ŧ U V Z Ž Æ Ø Å".split()
# The six urgent topics of issue 16, as paths inside docs/se/
ARTICLES = {
    "akutt-hjelp/ring-113.md": "113",
    "akutt-hjelp/legevakt.md": "116 117",
    "lege/fastlege.md": "fástadoavttir",
    "rettigheter/pasientrettigheter.md": "vuoigatvuođat",
    "rettigheter/tolk.md": "dulk",
    "psykisk-helse/hjelp-og-hjelpetelefoner.md": "116 123",
}


def soup(path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_six_sami_sample_articles_marked_as_examples():
    corpus = load_corpus(ROOT, load_settings(ROOT))
    articles = corpus.articles["se"]
    assert set(ARTICLES) <= set(articles)
    for rel, word in ARTICLES.items():
        article = articles[rel]
        assert "Ovdamearka" in article.reviewer_name  # "example": no real person
        assert "(ovdamearkkabuvttadeaddji)" in corpus.providers[article.provider].name["se"]
        assert word in (ROOT / "docs/se" / rel).read_text(encoding="utf-8").lower()


def test_sami_sorts_and_groups_in_its_own_alphabet():
    assert locales.get("se").alphabet.upper() == "".join(SAMI_LETTERS)
    words = ["Ža", "Åa", "Ca", "Ča", "Ab", "Áa", "Đa", "Da", "Ŋa", "Na", "Ŧa", "Ta", "Æa", "Øa", "Za"]
    ordered = sorted(words, key=lambda w: sort_key(w, "se"))
    assert ordered == ["Ab", "Áa", "Ca", "Ča", "Da", "Đa", "Na", "Ŋa", "Ta", "Ŧa", "Za", "Ža", "Æa", "Øa", "Åa"]
    assert [initial(w, "se") for w in ("čáhci", "đuolla", "ŋ", "šaddu", "ŧ", "žurnála")] == list("ČĐŊŠŦŽ")
    assert initial("Quiz", "se") == "K"  # a loanword letter sorts as the Sámi letter


def test_sami_letters_typed_without_their_marks_are_the_same_word():
    for plain, sami in (("calit", "čálit"), ("dearvvasvuohta", "dearvvašvuohta"), ("fastadoavttir", "Fástadoavttir")):
        assert fold(plain, "se") == fold(sami, "se")
    assert fold("đŋŧšžá", "se") == "dntsza"
    assert term("dulka", "se") == term("dulkka", "se") == term("dulkii", "se")


def sami_pages(site):
    return [p for p in (site / "se").rglob("*.html") if 'http-equiv="refresh"' not in p.read_text(encoding="utf-8")]


def test_every_sami_page_has_its_language_emergency_numbers_and_menu(sample_site):
    pages = sami_pages(sample_site)
    assert len(pages) > 20
    for path in pages:
        page = soup(path)
        assert page.html["lang"] == "se", path
        banner = page.select_one(".hs-emergency")
        words = "Akuhtta buohcan dahje roasmmohuvvan: riŋge" if "hs-emergency--full" in banner["class"] else "Akuhtta:"
        assert words in banner.get_text(" ", strip=True), path
        assert banner.select_one('a[href="tel:113"]') and banner.select_one('a[href="tel:116117"]'), path
        assert "Riŋge bagadantelefovdnii" in page.text and page.select_one('a[href="tel:+4723327000"]'), path
        menu = {a["hreflang"] for a in page.select("a.hs-language")}
        assert menu == {"nb", "nn", "en", "se"}, path


def test_the_theme_speaks_sami(sample_site):
    page = soup(sample_site / "se/psykisk-helse/hjelp-og-hjelpetelefoner/index.html")
    assert page.select_one("a.hs-skip").get_text(strip=True) == "Njuike sisdollui"
    labels = {el.get("aria-label") for el in page.select("[aria-label]")}
    # breadcrumbs, emergency numbers, menu, the search field's suggestions
    assert labels == {"Don leat dás", "Akuhtta veahkki", "Váldofállu", "Evttohusat"}
    assert page.select_one(".hs-toc__heading").get_text(strip=True) == "Dán siiddus"  # the theme's "toc", in Sámi


def test_the_language_menu_is_honest_about_missing_sami(sample_site):
    page = soup(sample_site / "betaling/pasientreiser/index.html")  # no Sámi version
    link = page.select_one('a.hs-language[hreflang="se"]')
    assert link["href"] == "../../se/" and "hs-language--missing" in link["class"]
    assert "Dát siidu ii gávdno davvisámegillii" in link.get_text()
    page = soup(sample_site / "lege/fastlege/index.html")
    link = page.select_one('a.hs-language[hreflang="se"]')
    assert link["href"] == "../../se/lege/fastlege/" and "hs-language--missing" not in link["class"]


def test_sami_az_page(sample_site):
    page = soup(sample_site / "se/a-a/index.html")
    assert [item.get_text(" ", strip=True).split(" ")[0] for item in page.select(".hs-az-bar__item")] == SAMI_LETTERS
    titles = [a.get_text(" ", strip=True) for a in page.select(".hs-az__entries a")]
    assert titles.index("Fastlege – geahča Fástadoavttir") < titles.index("Fástadoavttir")  # a before á


@pytest.mark.browser
@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("fastadoavttir", "Fástadoavttir"),
        ("vuoigatvuohta dulkii", "Vuoigatvuohta dulkii"),
        ("psyhkalas dearvvasvuohta", "Psyhkalaš dearvvašvuohta – veahkki ja veahkketelefovnnat"),
        ("legevakt", "Legevákta"),
    ],
)
def test_sami_search_without_sami_letters_stays_in_sami(browser, sample_server, query, first):
    page = browser.new_page(viewport={"width": 375, "height": 800})
    page.goto(f"{sample_server}se/?q={query}")
    page.wait_for_selector(".hs-search__result", timeout=10000)
    links = page.locator(".hs-search__result a")
    assert links.first.inner_text().strip().replace("\u00ad", "") == first
    for href in links.evaluate_all("(els) => els.map(e => e.href)"):
        assert "/se/" in href
    page.close()
