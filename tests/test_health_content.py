"""Health content that helps people decide: care cards, "also called", related articles and
the content feed (JSON API with a schema, Atom), in every language."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as etree
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from test_hostile_input import ARTICLE, SETTINGS, expect, findings, make_project

from conftest import ROOT, article
from helsesider.content import corpus as corpus_module
from helsesider.content.corpus import load_corpus
from helsesider.content.related import related

HEADINGS = {
    "nb": {
        "ring-113": "Ring 113 hvis",
        "legevakt": "Kontakt legevakten på 116 117 hvis",
        "fastlege": "Kontakt fastlegen hvis",
    },
    "nn": {
        "ring-113": "Ring 113 dersom",
        "legevakt": "Kontakt legevakta på 116 117 dersom",
        "fastlege": "Kontakt fastlegen dersom",
    },
    "en": {
        "ring-113": "Call 113 if",
        "legevakt": "Call the out-of-hours service (legevakt) on 116 117 if",
        "fastlege": "Contact your GP if",
    },
    "se": {
        "ring-113": "Riŋge 113 jus",
        "legevakt": "Riŋge legeváktii 116 117 jus",
        "fastlege": "Váldde oktavuođa fástadoaktáriin jus",
    },
}
PREFIX = {
    "nb": {"ring-113": "Akutt:", "legevakt": "Haster:", "fastlege": "Ikke akutt:"},
    "nn": {"ring-113": "Akutt:", "legevakt": "Hastar:", "fastlege": "Ikkje akutt:"},
    "en": {"ring-113": "Immediate action required:", "legevakt": "Urgent advice:", "fastlege": "Non-urgent advice:"},
    "se": {"ring-113": "Akuhtta:", "legevakt": "Hoahppu:", "fastlege": "Ii akuhtta:"},
}
FOLDER = {"nb": "", "nn": "nn/", "en": "en/", "se": "se/"}
LANGS = list(FOLDER)
# articles with care cards in the sample: the Sámi sample has six articles, four with cards
MIN_WITH_CARDS = {"nb": 8, "nn": 8, "en": 8, "se": 4}


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


# --- care cards -------------------------------------------------------------------------------
CARDS = [
    ("unknown-level", "::: legvakt\n- x\n:::", 9, "unknown care card level 'legvakt' (did you mean 'legevakt'?)"),
    ("empty", "::: fastlege\n:::", 9, "the care card is empty"),
    ("no-list", "::: fastlege\nRing fastlegen.\n:::", 9, "needs a list of situations"),
    ("immediate-without-113", '::: ring-113 "Ring nødnummeret hvis"\n- noen er bevisstløs\n:::', 9, "must say 113"),
    ("unclosed", "::: legevakt\n- x", 9, "never closed"),
    ("nested", "::: legevakt\n- x\n::: fastlege\n- y\n:::\n:::", 11, "cannot be nested"),
    ("no-level", ":::\n- x\n:::", 9, "starts with '::: ' and its level"),
]


@pytest.mark.parametrize("name, text, line, message", CARDS, ids=[c[0] for c in CARDS])
def test_care_card_mistakes_are_named_with_their_line(tmp_path, name, text, line, message):
    expect(findings(make_project(tmp_path, {ARTICLE: article(body=text)})), ARTICLE, line, message)


def test_a_good_care_card_passes(tmp_path):
    body = (
        'Tekst.\n\n::: ring-113 "Ring 113 straks hvis"\n- noen er bevisstløs\n:::\n\n::: fastlege\n- det kan vente\n:::'
    )
    assert [f for f in findings(make_project(tmp_path, {ARTICLE: article(body=body)})) if ": error: " in f] == []


@pytest.mark.parametrize("lang", LANGS)
def test_care_cards_in_every_language(sample_site, lang):
    pages = [
        p
        for p in (sample_site / FOLDER[lang].rstrip("/")).rglob("index.html")
        if "hs-care" in p.read_text(encoding="utf-8")
    ]
    with_cards = [p for p in pages if soup(p).select("section.hs-care")]
    assert len(with_cards) >= MIN_WITH_CARDS[lang], [str(p) for p in with_cards]
    page = soup(sample_site / FOLDER[lang] / "akutt-hjelp/legevakt/index.html")
    cards = page.select("section.hs-care")
    levels = [c["class"][1].removeprefix("hs-care--") for c in cards]
    assert levels == ["ring-113", "legevakt"]  # the 113 card first, wherever the author wrote it
    colours = {c["class"][1]: c["data-color"] for c in cards}
    assert colours == {"hs-care--legevakt": "warning", "hs-care--ring-113": "danger"}
    for card, level in zip(cards, levels):
        heading = card.select_one(".hs-care__heading")
        hidden = heading.select_one(".hs-visually-hidden").get_text(strip=True)
        assert hidden == PREFIX[lang][level]
        shown = " ".join(heading.get_text(" ", strip=True).replace(hidden, "", 1).split())
        assert shown == HEADINGS[lang][level]
        number = heading.select_one("a.hs-care__number")
        assert number["href"] == {"ring-113": "tel:113", "legevakt": "tel:116117"}[level]
        assert card.select("ul li")


def test_care_cards_show_their_numbers_as_text_in_the_kiosk(kiosk):
    """A kiosk cannot call (issue 29): the cards' numbers are there, large, as text."""
    page = soup(kiosk / "kiosk" / "akutt-hjelp" / "ring-113.html")
    assert [n.get_text() for n in page.select(".hs-care span.hs-tel.hs-care__number")] == ["113", "116 117"]
    assert page.select(".hs-care a") == [] and not page.select("a[href^='tel:']")


@pytest.mark.browser
def test_care_cards_print_in_colour_and_whole(browser, sample_server):
    page = browser.new_page()
    page.goto(sample_server + "akutt-hjelp/legevakt/")
    page.emulate_media(media="print")
    card = page.locator(".hs-care--ring-113")
    assert card.is_visible()
    styles = card.evaluate(
        "c => [getComputedStyle(c).breakInside, getComputedStyle(c.querySelector('h2')).backgroundColor]"
    )
    assert styles[0] == "avoid" and styles[1] not in ("rgba(0, 0, 0, 0)", "transparent")
    page.close()


# --- also called, related ---------------------------------------------------------------------
@pytest.mark.parametrize("lang, label", [("nb", "Også kalt:"), ("nn", "Også kalla:"), ("en", "Also called:")])
def test_also_called_under_the_title(sample_site, lang, label):
    page = soup(sample_site / FOLDER[lang] / "lege/fastlege/index.html")
    also = page.select_one("h1 + .hs-also-called")
    assert also is not None and also.get_text(" ", strip=True).startswith(label)
    corpus_module._cache.clear()
    corpus = load_corpus(ROOT, SETTINGS)
    assert all(alias in also.get_text() for alias in corpus.articles[lang]["lege/fastlege.md"].aliases)


@pytest.mark.parametrize("lang", LANGS)
def test_related_articles_are_few_in_the_language_and_stable(sample_site, lang):
    corpus_module._cache.clear()
    corpus = load_corpus(ROOT, SETTINGS)
    for rel in corpus.articles[lang]:
        first = [a.rel for a in related(corpus, lang, rel)]
        assert len(first) <= 4 and rel not in first and first == [a.rel for a in related(corpus, lang, rel)]
        page = soup(sample_site / FOLDER[lang] / rel.removesuffix(".md") / "index.html")
        links = page.select(".hs-related a")
        assert [a.select_one(".hs-list__title").get_text() for a in links] == [
            corpus.articles[lang][r].title for r in first
        ]
        for link in links:  # relative links that stay in the language's folder
            assert (
                not link["href"].startswith(("http", "/")) and "/nn/" not in link["href"] and "/en/" not in link["href"]
            )
        section = page.select_one(".hs-related")
        if section is not None:  # before the attribution
            assert section.find_next(class_="hs-attribution") is not None


def test_related_pins_and_excludes(tmp_path):
    files = {
        "docs/nb/lege/a.md": article(title="Alfa", extra="related:\n  pin: [../akutt-hjelp/c.md]\n  exclude: [b.md]"),
        "docs/nb/lege/b.md": article(title="Beta"),
        "docs/nb/akutt-hjelp/c.md": article(title="Gamma"),
    }
    root = make_project(tmp_path, files)
    corpus_module._cache.clear()
    corpus = load_corpus(root, SETTINGS)
    chosen = [a.rel for a in related(corpus, "nb", "lege/a.md")]
    assert chosen[0] == "akutt-hjelp/c.md" and "lege/b.md" not in chosen and "lege/fastlege.md" in chosen


def test_related_paths_are_checked(tmp_path):
    root = make_project(tmp_path, {ARTICLE: article(extra="related:\n  - finnes-ikke.md")})
    expect(findings(root), ARTICLE, 7, "related: 'finnes-ikke.md' is not an article in docs/nb/")
    root = make_project(tmp_path / "2", {ARTICLE: article(extra="related: fastlege.md")})
    expect(findings(root), ARTICLE, 7, "related: write a list of articles")


# --- the content feed -------------------------------------------------------------------------
def _schemas():
    from jsonschema import Draft202012Validator

    one = json.loads((ROOT / "data/schema/api-v2-article.schema.json").read_text())
    index = json.loads((ROOT / "data/schema/api-v2-articles.schema.json").read_text())
    Draft202012Validator.check_schema(one)
    Draft202012Validator.check_schema(index)
    return Draft202012Validator(one), Draft202012Validator(index)


@pytest.mark.parametrize("lang", LANGS)
def test_every_feed_file_matches_its_schema(sample_site, lang):
    one, index = _schemas()
    folder = sample_site / FOLDER[lang]
    listing = json.loads((folder / "api/v2/articles.json").read_text(encoding="utf-8"))
    assert list(index.iter_errors(listing)) == []
    assert listing["language"] == lang and len(listing["articles"]) >= MIN_WITH_CARDS[lang] + 2
    files = sorted((folder / "api/v2/articles").rglob("*.json"))
    assert len(files) == len(listing["articles"])
    for path in files:
        record = json.loads(path.read_text(encoding="utf-8"))
        errors = [e.message for e in one.iter_errors(record)]
        assert errors == [], (path, errors)


def _page_for(sample_site: Path, url: str) -> BeautifulSoup:
    path = url.removeprefix("https://helsesider.example.org/")
    return soup(sample_site / path / "index.html")


@pytest.mark.parametrize("lang", LANGS)
def test_pages_and_feed_agree(sample_site, lang):
    folder = sample_site / FOLDER[lang]
    listing = json.loads((folder / "api/v2/articles.json").read_text(encoding="utf-8"))
    for entry in listing["articles"]:
        rel = entry["href"].split("/api/v2/articles/", 1)[1]
        record = json.loads((folder / "api/v2/articles" / rel).read_text(encoding="utf-8"))
        page = _page_for(sample_site, record["url"])
        assert page.select_one(".hs-page__body h1").get_text(strip=True).replace("\u00ad", "") == record["title"]
        assert page.select_one(".hs-lead").get_text(strip=True) == record["description"]
        attribution = page.select_one(".hs-attribution")
        assert attribution.select_one(".hs-attribution__provider a").get_text(strip=True) == record["provider"]["name"]
        assert (
            attribution.select_one(".hs-attribution__reviewer").get_text(strip=True)
            == f"{record['reviewer']['name']}, {record['reviewer']['role']}"
        )
        assert [t["datetime"] for t in attribution.select("time")] == [record["reviewed"], record["next_review"]]
        alternates = {
            a["hreflang"]: a["href"]
            for a in page.select('link[rel="alternate"][hreflang]')
            if a["hreflang"] != "x-default"
        }
        assert {k: v for k, v in alternates.items() if k != lang} == record["translations"]
        # v2 refers to the page and the Markdown instead of repeating the HTML: every part's heading
        # is the page's, in its order
        headings = [h.get_text(" ", strip=True) for h in page.select(".hs-page__body .hs-prose h2")]
        named = [p["heading"] for p in record["sections"] if p["heading"]]
        assert "body_html" not in record and named == [h for h in headings if h in named]
        assert [p["id"] for p in record["sections"] if p["kind"] == "section"] == [
            h["id"] for h in page.select(".hs-page__body .hs-prose h2[id]") if h.find_parent(class_="hs-care") is None
        ]
        assert entry == {k: v for k, v in record.items() if k not in ("format", "sections", "markdown")} | {
            "href": entry["href"]
        }


@pytest.mark.parametrize("lang", LANGS)
def test_the_atom_feed_lists_the_recently_reviewed(sample_site, lang):
    ns = {"a": "http://www.w3.org/2005/Atom"}
    feed = etree.parse(sample_site / FOLDER[lang] / "feed.xml").getroot()
    entries = feed.findall("a:entry", ns)
    listing = json.loads((sample_site / FOLDER[lang] / "api/v2/articles.json").read_text(encoding="utf-8"))
    recent = sorted(a["url"] for a in listing["articles"] if a["reviewed"] >= listing["generated"][:4] + "-08-25")
    assert entries and sorted(e.find("a:id", ns).text for e in entries) == recent
    updated = [e.find("a:updated", ns).text for e in entries]
    assert updated == sorted(updated, reverse=True) and all(re.match(r"\d{4}-\d\d-\d\dT00:00:00Z", u) for u in updated)
