"""Client-side search: text analysis mirrored in ``overrides/assets/javascripts/hs-search.js``
(``analysis``), index building in named steps (``index``), run once per document and per term
and again after a change only where it reaches (``builder``), and the sharded index format the
browser reads (``format``). ``build`` is the whole pipeline for one language.
"""

from __future__ import annotations

import difflib
from pathlib import Path

from helsesider import locales
from helsesider.content.corpus import Corpus, articles_of
from helsesider.search.analysis import (
    LanguageData,
    fold,
    load_language_data,
    rules_fingerprint,
    stem,
    term,
    terms,
    words,
)
from helsesider.search.builder import IndexBuilder
from helsesider.search.index import SearchDocument, documents, stop_terms

__all__ = [
    "SearchDocument",
    "build",
    "build_parts",
    "documents",
    "fold",
    "stem",
    "term",
    "terms",
    "words",
    "corpus_variants",
]


def build_parts(
    docs: list[SearchDocument], lang: str, synonyms: list[list[str]], data: LanguageData | None = None
) -> dict[str, object]:
    """The index parts (name -> Head | Shard | DocChunk) of one language's documents."""
    return IndexBuilder(lang, keep=False).parts(docs, synonyms, data)


def names_read(root: Path, lang: str) -> frozenset[str]:
    """The other languages whose articles' names (titles, aliases) the language's index holds:
    the other written standard whose spellings ``corpus_variants`` pairs, and the language's
    ``search.names_from`` (``documents``)."""
    data = load_language_data(root, lang)
    paired = set(data.variant_languages) if data.variants and len(data.variant_languages) == 2 else set()
    return frozenset((paired | set(locales.get(lang).names_from)) - {lang})


def corpus_variants(corpus: Corpus, first: str, second: str) -> list[list[str]]:
    """Bokmål/Nynorsk spellings read off the corpus: where the same article's title or alias has
    as many words in nb as in nn, the words that differ are the same word spelt two ways
    ("Henvisning og valg av behandlingssted" / "Tilvising og val av behandlingsstad")."""
    found: set[tuple[str, str]] = set()
    pairs: list[tuple[str, str]] = []
    others = articles_of(corpus, second)  # a build of one language has only listed the other
    for rel, article in articles_of(corpus, first).items():
        other = others.get(rel)
        if other is None:
            continue
        pairs.append((article.title, other.title))
        if len(article.aliases) == len(other.aliases):  # aliases in the same order: the same names
            pairs += list(zip(article.aliases, other.aliases))
    for service in corpus.services.values():
        if first in service.name and second in service.name:
            pairs.append((service.name[first], service.name[second]))
    for nb_text, nn_text in pairs:
        nb_words, nn_words = words(nb_text), words(nn_text)
        if len(nb_words) != len(nn_words):
            continue
        for a, b in zip(nb_words, nn_words):
            # spelt alike: "behandlingssted"/"behandlingsstad", not two different words
            a, b = a.lower(), b.lower()
            if a != b and len(a) > 2 and len(b) > 2 and difflib.SequenceMatcher(None, a, b).ratio() >= 0.5:
                found.add((a, b))
    return [list(pair) for pair in sorted(found)]


# The builders of the last builds, by project, language, kind of URLs and analysis rules: a process
# that builds a language's index again (the preview server, after a save) does only what the
# change reaches.
_builders: dict[tuple[str, str, bool, str], IndexBuilder] = {}


def _builder_key(corpus: Corpus, lang: str, directory_urls: bool) -> tuple[str, str, bool, str]:
    return (str(corpus.root), lang, directory_urls, rules_fingerprint(lang))


def kept_builder(corpus: Corpus, lang: str, directory_urls: bool) -> dict | None:
    """The state of the language's builder after ``build(..., again=True)``, for an incremental
    build to keep (``hooks/incremental.py``); None when there is none."""
    key = _builder_key(corpus, lang, directory_urls)
    return {"key": key, "state": _builders[key].state()} if key in _builders else None


def reuse_builder(corpus: Corpus, kept: dict | None) -> None:
    """A builder ``kept_builder`` gave in a previous build, used when it was made for the same
    language, kind of URLs and analysis rules (the cache is the project's own)."""
    if not kept:
        return
    _, lang, directory_urls, rules = kept["key"]
    key = _builder_key(corpus, lang, directory_urls)
    if key[3] == rules:
        _builders[key] = IndexBuilder.restored(kept["state"])


def build(corpus: Corpus, lang: str, directory_urls: bool = True, again: bool = False) -> dict[str, str]:
    """file name -> script text of the language's whole index. `again`: the index will be built
    again in this process (the preview server): keep what makes the next build fast."""
    data = load_language_data(corpus.root, lang)
    if data.variants and len(data.variant_languages) == 2:  # Bokmål and Nynorsk (data/search/variants.yml)
        data.variants = data.variants + corpus_variants(corpus, *data.variant_languages)
    docs = documents(corpus, lang, directory_urls, frozenset(stop_terms(data, lang)), keep=again)
    if not again:
        once = IndexBuilder(lang, keep=False)
        return once.files(once.parts(docs, corpus.synonyms.get(lang, []), data))
    key = _builder_key(corpus, lang, directory_urls)
    if key not in _builders:
        if len(_builders) >= 8:
            _builders.clear()
        _builders[key] = IndexBuilder(lang)
    builder = _builders[key]
    return builder.files(builder.parts(docs, corpus.synonyms.get(lang, []), data))
