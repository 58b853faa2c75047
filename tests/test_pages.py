"""Build-only pages (topics, A–Å, providers) from a corpus, without MkDocs."""

import datetime as dt
import re
from pathlib import Path

import pytest

from conftest import article
from helsesider.content.corpus import load_corpus
from helsesider.settings import Settings
from helsesider.site.pages import anchor, az_entries, az_page, generated_rels, topic_page
from helsesider.site.urls import page_url, relative_href

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def corpus(tmp_path):
    (tmp_path / "data").mkdir()
    for name in ("providers.yml", "topics.yml"):
        (tmp_path / "data" / name).write_text((ROOT / "data" / name).read_text())
    files = {
        "nb/lege/zinksalve.md": article(title="Zinksalve"),
        "nb/lege/dypt/oyne.md": article(title="Øyne", extra="aliases:\n  - Syn"),
        "nb/lege/al.md": article(title="Ål"),
        "nb/annet/emile.md": article(title="Émile-metoden"),
        "nb/lege/113.md": article(title="113 – nødnummer"),
        "nb/lege/fastlege.md": article(title="Fastlege", extra="aliases:\n  - Allmennlege"),
        "en/lege/fastlege.md": article(title="General practitioner", extra="aliases:\n  - GP"),
    }
    for rel, text in files.items():
        (tmp_path / "docs" / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "docs" / rel).write_text(text)
    return load_corpus(tmp_path, Settings(today=dt.date(2026, 11, 22)))


def test_az_order_groups_and_aliases(corpus):
    assert [(group, label) for group, label, _ in az_entries(corpus, "nb")] == [
        ("#", "113 – nødnummer"),
        ("A", "Allmennlege – se Fastlege"),
        ("E", "Émile-metoden"),
        ("F", "Fastlege"),
        ("S", "Syn – se Øyne"),
        ("Z", "Zinksalve"),
        ("Ø", "Øyne"),
        ("Å", "Ål"),
    ]
    assert [label for _, label, _ in az_entries(corpus, "en")] == [
        "General practitioner",
        "GP – see General practitioner",
    ]
    assert az_entries(corpus, "nn") == []


def test_az_page_letter_bar_has_every_letter_and_links_only_filled_ones(corpus):
    page = az_page(corpus, "nb")
    bar = page.split("</nav>")[0]
    assert bar.count('class="hs-az-bar__item"') == 29 + 1  # A–Å and the 0–9 group
    assert re.findall(r'href="#([^"]+)"', bar) == [
        "bokstav-0-9",
        "bokstav-a",
        "bokstav-e",
        "bokstav-f",
        "bokstav-s",
        "bokstav-z",
        "bokstav-oe",
        "bokstav-aa",
    ]
    assert '<span class="hs-az-bar__empty">B<span class="hs-visually-hidden"> – ingen artikler</span></span>' in bar
    assert "## Ø {#bokstav-oe .hs-az__letter}" in page
    assert '<li><a href="../lege/dypt/oyne/">Syn – se Øyne</a></li>' in page
    assert "hide: [toc]" in page and "search: {exclude: true}" in page


def test_english_az_has_26_letters_and_no_norwegian_ones(corpus):
    bar = az_page(corpus, "en").split("</nav>")[0]
    assert bar.count('class="hs-az-bar__item"') == 26
    assert "Æ" not in bar and "Å" not in bar


def test_topic_page_lists_articles_at_any_depth(corpus):
    page = topic_page(corpus, "nb", "lege")
    assert page.startswith('---\ntitle: "Fastlege og resepter"')
    assert re.findall(r'href="([^"]+)"', page) == ["113/", "fastlege/", "zinksalve/", "dypt/oyne/", "al/"]
    assert re.findall(r'href="([^"]+)"', topic_page(corpus, "nb", "lege", directory_urls=False)) == [
        "113.html",
        "fastlege.html",
        "zinksalve.html",
        "dypt/oyne.html",
        "al.html",
    ]


def test_topic_without_registry_entry_gets_a_title_and_a_warning(corpus):
    assert corpus.topic_title("annet", "nb") == "Annet"
    assert [str(f) for f in corpus.warnings] == [
        "docs/nb/annet/emile.md:1:1: warning: topic folder 'annet' has no entry in data/topics.yml; its title will be 'Annet'"
    ]


def test_only_existing_languages_get_topic_pages(corpus):
    assert "lege/index.md" in generated_rels(corpus, "en")
    assert "annet/index.md" not in generated_rels(corpus, "en")
    assert "lege/index.md" not in generated_rels(corpus, "nn")
    assert "a-z.md" in generated_rels(corpus, "en") and "a-a.md" in generated_rels(corpus, "nn")


def test_anchor_names():
    assert [anchor(g) for g in ["A", "Æ", "Ø", "Å", "#"]] == [
        "bokstav-a",
        "bokstav-ae",
        "bokstav-oe",
        "bokstav-aa",
        "bokstav-0-9",
    ]


@pytest.mark.parametrize(
    "lang, rel, directory_urls, expected",
    [
        ("nb", "index.md", True, "./"),
        ("nn", "index.md", True, "nn/"),
        ("en", "a-z.md", True, "en/a-z/"),
        ("nb", "lege/index.md", True, "lege/"),
        ("nn", "lege/fastlege.md", False, "nn/lege/fastlege.html"),
        ("nb", "index.md", False, "index.html"),
    ],
)
def test_page_urls(lang, rel, directory_urls, expected):
    assert page_url(lang, rel, directory_urls) == expected


@pytest.mark.parametrize(
    "origin, target, expected",
    [
        ("lege/fastlege/", "nn/lege/fastlege/", "../../nn/lege/fastlege/"),
        ("nn/lege/fastlege/", "nn/lege/fastlege/", "./"),
        ("", "a-a/", "a-a/"),
        ("en/", "", "../"),
        ("nn/a-a/", "nn/", "../"),
        ("nn/lege/fastlege.html", "nn/a-a.html", "../a-a.html"),
    ],
)
def test_relative_href(origin, target, expected):
    assert relative_href(origin, target) == expected
