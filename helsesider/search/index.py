"""Building one language's search index from the corpus, in named steps:

1. ``documents``: the articles and the services of the language, as plain fields.
2. ``document_scores``: each document's terms, weighted by where they stand.
3. ``compound_scores``: the parts of compound words in titles, aliases, descriptions and
   headings ("vaksine" in "influensavaksine").
4. ``synonym_scores``: a document with one term of a ``data/synonyms.yml`` group gets the others.
5. ``indexed``: per term, the documents and their scores (common body words left out).
6. ``format.assemble`` splits the result into a head, term shards and document chunks.

``helsesider/search/builder.py`` runs the steps, each document's and each term's once, and
again after a change only where the change reaches.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from helsesider import locales
from helsesider.content.corpus import Corpus
from helsesider.content.model import Article
from helsesider.content.registry import Service
from helsesider.search.analysis import LanguageData, fold, rules_fingerprint, term, terms, word_counts, words
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
        _cached_document(corpus.articles[lang][rel], lang, directory_urls) for rel in sorted(corpus.articles[lang])
    ] + [_service_document(corpus.services[sid], lang, directory_urls) for sid in sorted(corpus.services)]


# The last document made of each article: the corpus keeps an unchanged file's Article (frozen),
# so a server that indexes again after a save makes documents of the changed articles only.
_documents: dict[tuple[str, str, bool, str], tuple[Article, SearchDocument]] = {}


def _cached_document(article: Article, lang: str, directory_urls: bool) -> SearchDocument:
    key = (lang, article.rel, directory_urls, rules_fingerprint(lang))
    found = _documents.get(key)
    if found is None or found[0] is not article:
        if len(_documents) > 100_000:
            _documents.clear()
        found = _documents[key] = (article, _article_document(article, lang, directory_urls))
    return found[1]


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


def document_scores(doc: SearchDocument, lang: str, term_of: dict[str, str]) -> tuple[dict[str, float], str]:
    """Step 2 for one document: its terms weighted by where they stand, and the terms of its short
    fields in order (for phrase synonyms), as ' a b  c ' (an empty term between fields).
    `term_of`: word -> term, filled as words come (a corpus has far fewer words than texts)."""
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
    return dict(scores), " " + " ".join(sequence) + " "


def compound_scores(
    doc: SearchDocument, scores: dict[str, float], lang: str, known: dict[str, list[str]], split
) -> set[str]:
    """Step 3 for one document (`scores` is changed): title, alias, description and heading words
    give their parts at half their weight; body words at the body's weight ("brukerombudet" ->
    "ombud"). A word's parts are `known[word]`, else `split(word)` (``split_compound`` against the
    corpus' terms, which fills `known`). Returns the words whose parts were asked for."""
    asked: set[str] = set()
    if not locales.get(lang).compounds:
        return asked
    strong = set()
    for name in ("title", "alias", "description", "heading"):
        for word in terms(doc.fields[name], lang):
            strong.add(word)
            asked.add(word)
            parts = known.get(word)
            for part in parts if parts is not None else split(word):
                if part != word:
                    scores[part] = max(scores.get(part, 0.0), WEIGHTS[name] * PART_WEIGHT)
    for word in [w for w in scores if len(w) >= 8 and w not in strong]:
        asked.add(word)
        parts = known.get(word)
        for part in parts if parts is not None else split(word):
            if part != word and part not in scores:
                scores[part] = WEIGHTS["body"]
    return asked


def synonym_groups(synonyms: list[list[str]], lang: str) -> tuple[tuple[str, ...], ...]:
    """data/synonyms.yml's groups of `lang` as terms (a phrase as its terms joined by spaces)."""
    return tuple(tuple(" ".join(terms(t, lang)) for t in group) for group in synonyms)


def synonym_scores(scores: dict[str, float], sequence: str, groups: tuple[tuple[str, ...], ...]) -> None:
    """Step 4 for one document (`scores` is changed): with one term of a group (a one-word term
    anywhere, a phrase in its title, aliases, description or headings) it gets the others."""
    for group in groups:
        present = [t for t in group if (t in scores if " " not in t else f" {t} " in sequence)]
        if not present:
            continue
        strength = max(scores.get(t.split()[0], 1.0) for t in present) * SYNONYM_WEIGHT
        for other in group:
            for word in other.split():
                if word not in scores:
                    scores[word] = strength


def common_terms(df: dict[str, int], n: int) -> set[str]:
    """Terms in more than COMMON_SHARE of the `n` documents (of a corpus of more than 20)."""
    return {word for word, count in df.items() if count > COMMON_SHARE * n} if n > 20 else set()


WEAK = WEIGHTS["body"] * 3  # a common term is not indexed where it weighs this little


def indexed(items: list[tuple[int, float]], is_common: bool) -> list[tuple[int, float]]:
    """Step 5 for one term: its postings (document number, weight), without the documents where a
    common term is only a body word: they tell documents apart no better than chance (the head
    lists common terms, so a query does not require them)."""
    return [item for item in items if item[1] > WEAK] if is_common else items


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
