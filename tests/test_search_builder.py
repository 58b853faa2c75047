"""The search index built again after a change (helsesider/search/builder.py, used by the preview
server) is the index a new builder makes, whatever the change: random sequences of edits, new
and removed documents, checked after every step."""

from __future__ import annotations

import dataclasses
import pickle
import shutil
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import helsesider.content.corpus as corpus_module
import helsesider.search as search
from helsesider.content.corpus import articles_of, load_corpus
from helsesider.search import SearchDocument
from helsesider.search.analysis import LanguageData
from helsesider.search.builder import IndexBuilder
from helsesider.settings import load as load_settings

ROOT = Path(__file__).resolve().parent.parent

# Words that make compounds of each other ("helsestasjon" = "helse" + "stasjon"), synonyms, a
# spelling variant, stop words; documents of a few words each, so that a part of a compound is
# often missing from the corpus until an edit brings it (and the compound splits anew).
WORDS = (
    "helse stasjon helsestasjon vaksine influensavaksine influensa blodtrykk måler blodtrykksmåler "
    "fastlege allmennlege lege legevakt vakt egenandel eigendel og i på sykehus sjukehus "
    "time timebestilling bestilling resept eresept e-resept tannlege tann hjelp hjelpetelefon telefon "
    "brystkreft bryst kreft kreftbehandling behandling hjertesykdom hjerte sykdom barnevaksine barn "
    "svangerskapskontroll svangerskap kontroll øyelege øye pasientreiser pasient reiser"
).split()
SYNONYMS = [["fastlege", "allmennlege"], ["blodtrykk", "høyt blodtrykk"], ["e-resept", "resept"]]
DATA = LanguageData(stop_words=["og", "i", "på"], variants=[["egenandel", "eigendel"]], variant_languages=("nb", "nn"))

text = st.lists(st.sampled_from(WORDS), min_size=0, max_size=4).map(" ".join)


def document(number: int, title: str, alias: str, body: str) -> SearchDocument:
    return SearchDocument(
        url=f"a{number:03d}/",
        title=title or f"Artikkel {number}",
        snippet=title,
        keys=[title, alias] if alias else [title],
        fields={"title": title, "alias": alias, "description": "", "heading": "", "body": body},
    )


start = st.lists(st.tuples(text, text, text), min_size=22, max_size=30)
edit = st.one_of(
    st.tuples(st.just("body"), st.integers(0, 100), text),
    st.tuples(st.just("title"), st.integers(0, 100), text),
    st.tuples(st.just("alias"), st.integers(0, 100), text),
    st.tuples(st.just("add"), st.integers(0, 1000), text),
    st.tuples(st.just("remove"), st.integers(0, 100), st.just("")),
)


def apply(docs: dict[int, tuple[str, str, str]], change: tuple[str, int, str]) -> None:
    kind, which, words = change
    numbers = sorted(docs)
    if kind == "add":
        docs[1000 + which] = (words, "", words)
        return
    if not numbers:
        return
    number = numbers[which % len(numbers)]
    title, alias, body = docs[number]
    if kind == "remove":
        del docs[number]
    else:
        docs[number] = {"body": (title, alias, words), "title": (words, alias, body), "alias": (title, words, body)}[
            kind
        ]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(start, st.lists(edit, min_size=1, max_size=8), st.sampled_from(["nb", "en"]))
def test_an_index_built_again_is_the_index_built_anew(first, changes, lang):
    docs = {number: fields for number, fields in enumerate(first)}
    kept = IndexBuilder(lang)
    for change in [None, *changes]:
        if change is not None:
            apply(docs, change)
        listed = [document(number, *docs[number]) for number in sorted(docs)]
        again = kept.parts(listed, SYNONYMS, DATA)
        assert again == IndexBuilder(lang, keep=False).parts(listed, SYNONYMS, DATA), change
        assert kept.files(again) == IndexBuilder(lang, keep=False).files(again)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(start, st.lists(edit, min_size=1, max_size=8), st.sampled_from(["nb", "en"]))
def test_a_builder_kept_between_builds_gives_the_index_built_anew(first, changes, lang):
    """make build's cache (hooks/incremental.py): the builder's state pickled after each build and
    restored in the next (another process), without its postings."""
    docs = {number: fields for number, fields in enumerate(first)}
    state = None
    for change in [None, *changes]:
        if change is not None:
            apply(docs, change)
        kept = IndexBuilder.restored(pickle.loads(state)) if state else IndexBuilder(lang)
        listed = [document(number, *docs[number]) for number in sorted(docs)]
        again = kept.parts(listed, SYNONYMS, DATA)
        assert again == IndexBuilder(lang, keep=False).parts(listed, SYNONYMS, DATA), change
        assert kept.files(again) == IndexBuilder(lang, keep=False).files(again)
        state = pickle.dumps(kept.state())


def test_a_kept_builder_is_used_only_with_the_same_analysis_rules(tmp_path, monkeypatch):
    root = tmp_path / "site"
    for name in ("docs", "data"):
        shutil.copytree(ROOT / name, root / name)
    corpus = load_corpus(root, load_settings(root), languages=("nb",), readability=False, rendered=False)
    search.build(corpus, "nb", again=True)
    kept = pickle.loads(pickle.dumps(search.kept_builder(corpus, "nb", True)))
    search._builders.clear()
    search.reuse_builder(corpus, kept)
    assert list(search._builders) == [search._builder_key(corpus, "nb", True)]
    search._builders.clear()
    monkeypatch.setattr(search, "rules_fingerprint", lambda lang: "other rules")
    search.reuse_builder(corpus, kept)
    assert not search._builders


def test_a_compound_in_an_unchanged_document_splits_when_its_part_comes_and_goes():
    """The edit is in another document: "stasjon" comes into the corpus, so "helsestasjon" in
    the first document now has parts, and loses them when "stasjon" goes again."""
    base = [document(n, "Tekst", "", "lege") for n in range(1, 25)]
    states = ["annet", "stasjon", "annet"]
    kept = IndexBuilder("nb")
    for word in states:
        listed = [document(0, "Helsestasjon", "", ""), document(1, "Tekst", "", word), *base[1:]]
        assert kept.parts(listed, [], DATA) == IndexBuilder("nb", keep=False).parts(listed, [], DATA)
        assert ("stasjon" in kept._finals[0]) == (word == "stasjon")


def test_the_sample_sites_index_after_a_save(tmp_path):
    """Through the corpus, as the preview server does it: an article saved with a new word and a
    new compound; the index is the one a build from scratch writes, and holds the new words."""
    root = tmp_path / "site"
    for name in ("docs", "data"):
        shutil.copytree(ROOT / name, root / name)
    article = root / "docs" / "nb" / "lege" / "fastlege.md"
    before = load_corpus(root, load_settings(root), languages=("nb",), readability=False, rendered=False)
    search.build(before, "nb", again=True)
    article.write_text(article.read_text(encoding="utf-8") + "\nLagringsordet blodtrykksmålerbrett.\n", "utf-8")
    after = load_corpus(root, load_settings(root), languages=("nb",), readability=False, rendered=False)
    again = search.build(after, "nb", again=True)
    assert again == search.build(after, "nb")  # as make build writes it
    assert any("lagringsord" in script for script in again.values())


def test_a_language_only_listed_is_read_for_its_front_matter_and_again_after_a_change(tmp_path):
    """What a build of Bokmål reads of Nynorsk (for search's spellings, the manifest, the code
    lookup): every article as Nynorsk's own build reads it, but without its body."""
    root = tmp_path / "site"
    for name in ("docs", "data"):
        shutil.copytree(ROOT / name, root / name)

    def nb_build():
        return load_corpus(root, load_settings(root), languages=("nb",), readability=False, rendered=False)

    own = load_corpus(root, load_settings(root), languages=("nn",), readability=False, rendered=False).articles["nn"]
    listed = articles_of(nb_build(), "nn")
    assert sorted(listed) == sorted(own) and own["akutt-hjelp/legevakt.md"].body
    assert listed == {rel: dataclasses.replace(article, body="") for rel, article in own.items()}
    path = root / "docs" / "nn" / "akutt-hjelp" / "legevakt.md"
    path.write_text(path.read_text(encoding="utf-8").replace("title: Legevakt", "title: Legevakta"), encoding="utf-8")
    corpus_module._cache.clear()  # a new corpus (load_corpus keys its own by the language's files)
    assert articles_of(nb_build(), "nn")["akutt-hjelp/legevakt.md"].title == "Legevakta"
