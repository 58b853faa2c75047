"""Client-side search: text analysis mirrored in ``overrides/assets/javascripts/hs-search.js``
(``analysis``), index building in named steps (``index``) and the sharded index format the
browser reads (``format``). ``build`` is the whole pipeline for one language.
"""

from __future__ import annotations

import difflib

from helsesider.content.corpus import Corpus
from helsesider.search import format as index_format
from helsesider.search.analysis import LanguageData, fold, load_language_data, stem, term, terms, words
from helsesider.search.index import (
    SearchDocument,
    add_compound_parts,
    add_synonyms,
    common_terms,
    documents,
    field_scores,
    lexicon,
    phrases,
    postings,
    stop_terms,
    variant_table,
)

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
    data = data or LanguageData()
    weighted = field_scores(docs, lang)
    add_compound_parts(docs, weighted, lang)
    add_synonyms(weighted, lang, synonyms)
    stop = stop_terms(data, lang)
    common = common_terms(weighted)
    return index_format.assemble(
        lang,
        len(docs),
        [[d.url, d.title, d.snippet, d.flags] for d in docs],
        postings(weighted, common),
        phrases(docs, set(stop)),
        stop,
        variant_table(data, lang),
        lexicon(docs, lang),
        sorted(common),
    )


def corpus_variants(corpus: Corpus, first: str, second: str) -> list[list[str]]:
    """Bokmål/Nynorsk spellings read off the corpus: where the same article's title or alias has
    as many words in nb as in nn, the words that differ are the same word spelt two ways
    ("Henvisning og valg av behandlingssted" / "Tilvising og val av behandlingsstad")."""
    found: set[tuple[str, str]] = set()
    pairs: list[tuple[str, str]] = []
    for rel, article in corpus.articles.get(first, {}).items():
        other = corpus.articles.get(second, {}).get(rel)
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


def build(corpus: Corpus, lang: str, directory_urls: bool = True) -> dict[str, str]:
    """file name -> script text of the language's whole index."""
    data = load_language_data(corpus.root, lang)
    if data.variants and len(data.variant_languages) == 2:  # Bokmål and Nynorsk (data/search/variants.yml)
        data.variants = data.variants + corpus_variants(corpus, *data.variant_languages)
    parts = build_parts(documents(corpus, lang, directory_urls), lang, corpus.synonyms.get(lang, []), data)
    return {index_format.file_name(name): index_format.script(name, part) for name, part in parts.items()}
