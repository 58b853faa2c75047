"""Building one language's search index from the corpus, in named steps:

1. ``documents``: the articles and the services of the language, as plain fields.
2. ``field_scores``: each document's terms, weighted by where they stand.
3. ``add_compound_parts``: the parts of compound words in titles, aliases, descriptions and
   headings ("vaksine" in "influensavaksine").
4. ``add_synonyms``: a document with one term of a ``data/synonyms.yml`` group gets the others.
5. ``postings``: per term, the documents and their scores (common body words left out).
6. ``format.write_index`` splits the result into a head, term shards and document chunks.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from helsesider import locales
from helsesider.content.corpus import Corpus
from helsesider.content.model import Article
from helsesider.content.registry import Service
from helsesider.search.analysis import LanguageData, fold, split_compound, term, terms, word_counts, words
from helsesider.site.routes import service_page_rel
from helsesider.site.urls import page_url

# Field weights: how much a word counts where it stands.
WEIGHTS = {"title": 10.0, "alias": 8.0, "description": 3.0, "heading": 2.0, "body": 1.0}
PART_WEIGHT = 0.5  # a part of a compound word ("vaksine" in "influensavaksine")
SYNONYM_WEIGHT = 0.7  # a synonym of a word of the document
COMMON_SHARE = 0.4  # body words in more than this share of the documents are not indexed

FLAG_SERVICE = 1  # a logged-in service, not an article
FLAG_LOGIN = 2  # the service needs login


@dataclass
class SearchDocument:
    url: str
    title: str
    snippet: str
    keys: list[str]  # title and aliases as terms ("exact title" and "title inside the query" matches)
    fields: dict[str, str]
    flags: int = 0


@dataclass
class Weighted:
    """Step 2's result: per document, term -> score, and the terms of its short fields in order
    (for phrase synonyms); how many documents have each term."""

    scores: list[dict[str, float]] = field(default_factory=list)
    sequences: list[str] = field(default_factory=list)
    df: dict[str, int] = field(default_factory=lambda: defaultdict(int))


_HEADING = re.compile(r"^[ \t]*#+(.*)$", re.M)
_LINK = re.compile(r"!?\[([^\[\]\n]*)\]\([^()\n]*\)")
_TAG = re.compile(r"<[^<>\n]+>")
_MARKUP = re.compile(r"[*_`>{}|]")
_CARD = re.compile(r"^:::.*$", re.M)


def plain_text(markdown: str) -> tuple[list[str], str]:
    """Headings and body text of an article's Markdown, without markup."""
    headings = [text.strip().lstrip("#").strip() for text in _HEADING.findall(markdown)]
    body = _HEADING.sub("", markdown)
    body = _CARD.sub(" ", body)
    body = _LINK.sub(r"\1", body)  # links and images: their text
    body = _TAG.sub(" ", body)  # raw HTML tags
    body = _MARKUP.sub(" ", body)
    return headings, " ".join(line.strip() for line in body.splitlines() if line.strip())


def _keys(lang: str, *texts: str) -> list[str]:
    return [" ".join(terms(t, lang)) for t in texts]


def documents(corpus: Corpus, lang: str, directory_urls: bool = True) -> list[SearchDocument]:
    """The language's articles (by path) and then its services (by id)."""
    return [
        _article_document(corpus.articles[lang][rel], lang, directory_urls) for rel in sorted(corpus.articles[lang])
    ] + [_service_document(corpus.services[sid], lang, directory_urls) for sid in sorted(corpus.services)]


def _article_document(article: Article, lang: str, directory_urls: bool) -> SearchDocument:
    headings, body = plain_text(article.body)
    return SearchDocument(
        url=page_url(lang, article.rel, directory_urls),
        title=article.title,
        snippet=article.description,
        keys=_keys(lang, article.title, *article.aliases),
        fields={
            "title": article.title,
            "alias": " ".join(article.aliases),
            "description": article.description,
            "heading": " ".join(headings),
            "body": body,
        },
    )


def _service_document(service: Service, lang: str, directory_urls: bool) -> SearchDocument:
    name = service.name[lang]
    return SearchDocument(
        url=page_url(lang, service_page_rel(lang, service.id), directory_urls),
        title=name,
        snippet=service.description[lang],
        keys=_keys(lang, name),
        fields={"title": name, "alias": "", "description": service.description[lang], "heading": "", "body": ""},
        flags=FLAG_SERVICE | (FLAG_LOGIN if service.login else 0),
    )


def field_scores(docs: list[SearchDocument], lang: str) -> Weighted:
    out = Weighted()
    term_of: dict[str, str] = {}  # word -> term: a corpus has far fewer distinct words than words
    for doc in docs:
        scores: dict[str, float] = defaultdict(float)
        sequence: list[str] = []
        for name, text in doc.fields.items():
            weight = WEIGHTS[name]
            for word, count in word_counts(text).items():
                found = term_of.get(word)
                if found is None:
                    found = term_of[word] = term(word, lang)
                scores[found] += weight * count
            if name != "body":
                sequence += [term_of.get(word) or term(word, lang) for word in words(text)]
                sequence.append("")  # no phrase across fields
        out.scores.append(scores)
        out.sequences.append(" " + " ".join(sequence) + " ")
        for word in scores:
            out.df[word] += 1
    return out


def add_compound_parts(docs: list[SearchDocument], weighted: Weighted, lang: str) -> None:
    """Title, alias, description and heading words give their parts at half their weight; body
    words at the body's weight ("brukerombudet" -> "ombud")."""
    if not locales.get(lang).compounds:
        return
    known = weighted.df
    parts_of: dict[str, list[str]] = {}  # worked out once per word
    for doc, scores in zip(docs, weighted.scores):
        strong = set()
        for name in ("title", "alias", "description", "heading"):
            for word in terms(doc.fields[name], lang):
                strong.add(word)
                parts = parts_of.get(word)
                if parts is None:
                    parts = parts_of[word] = split_compound(word, known, lang)
                for part in parts:
                    if part != word:
                        scores[part] = max(scores.get(part, 0.0), WEIGHTS[name] * PART_WEIGHT)
        for word in [w for w in scores if len(w) >= 8 and w not in strong]:
            parts = parts_of.get(word)
            if parts is None:
                parts = parts_of[word] = split_compound(word, known, lang)
            for part in parts:
                if part != word and part not in scores:
                    scores[part] = WEIGHTS["body"]


def add_synonyms(weighted: Weighted, lang: str, synonyms: list[list[str]]) -> None:
    groups = [[" ".join(terms(t, lang)) for t in group] for group in synonyms]
    for scores, text_terms in zip(weighted.scores, weighted.sequences):
        for group in groups:
            # one-word terms anywhere in the document; phrases in its title, aliases, description, headings
            present = [t for t in group if (t in scores if " " not in t else f" {t} " in text_terms)]
            if not present:
                continue
            strength = max(scores.get(t.split()[0], 1.0) for t in present) * SYNONYM_WEIGHT
            for other in group:
                for word in other.split():
                    if word not in scores:
                        scores[word] = strength


def common_terms(weighted: Weighted) -> set[str]:
    """Terms in more than COMMON_SHARE of the documents (of a corpus of more than 20)."""
    n = len(weighted.scores)
    return {word for word, df in weighted.df.items() if df > COMMON_SHARE * n} if n > 20 else set()


def postings(weighted: Weighted, common: set[str]) -> dict[str, list[tuple[int, float]]]:
    """term -> [(document number, weight)], document numbers ascending. Common terms are left
    out where they are only body words: they tell documents apart no better than chance (the
    head lists them, so a query does not require them)."""
    weak = WEIGHTS["body"] * 3
    out: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for number, scores in enumerate(weighted.scores):
        for word, weight in scores.items():
            if weight <= weak and word in common:
                continue
            out[word].append((number, weight))
    return out


def phrases(docs: list[SearchDocument], stop: set[str]) -> dict[str, list[tuple[str, int, int]]]:
    """Titles and aliases, filed under their first word that is not a stop word: first term ->
    [(the phrase as terms, document, 0 for a title or 1 for an alias)]."""
    out: dict[str, list[tuple[str, int, int]]] = defaultdict(list)
    for number, doc in enumerate(docs):
        for kind, key in enumerate(doc.keys):
            parts = key.split()
            first = next((p for p in parts if p not in stop), parts[0] if parts else None)
            if first:
                out[first].append((key, number, min(kind, 1)))
    return out


def lexicon(docs: list[SearchDocument], lang: str) -> list[str]:
    """The words of titles and aliases, as terms, the most used first: what a typo in a word's
    first letters is matched against (the term shards are found by a word's first letters)."""
    found: Counter = Counter()
    for doc in docs:
        for key in doc.keys:
            found.update(part for part in set(key.split()) if len(part) >= 4)
    return sorted(found, key=lambda t: (-found[t], t))


def variant_table(data: LanguageData, lang: str) -> dict[str, list[str]]:
    """term -> the terms of its other spellings (Bokmål <-> Nynorsk)."""
    table: dict[str, list[str]] = defaultdict(list)
    for group in data.variants:
        group_terms = sorted({term(w, lang) for w in group})
        for one in group_terms:
            table[one] += [other for other in group_terms if other != one and other not in table[one]]
    return dict(table)


def stop_terms(data: LanguageData, lang: str) -> list[str]:
    """Stop words folded (not stemmed: a query word is a stop word as typed)."""
    return sorted({fold(w, lang) for w in data.stop_words})
