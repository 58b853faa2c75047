"""Building one language's search index from the corpus, in named steps:

1. ``documents``: the articles and the services of the language, as plain fields.
2. ``document_scores``: each document's terms, weighted by where they stand.
   Each article's sections (its headings' anchors, their words and first sentence) go with it,
   so a result can open at the section that answers the query. On a page of a language with
   ``search.names_from`` (Sámi), an article also has its names in those languages.
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
from dataclasses import dataclass, field

from markdown.extensions.toc import slugify, unique

from helsesider import locales
from helsesider.content.corpus import Corpus, articles_of
from helsesider.content.model import Addition, Article
from helsesider.content.registry import Service
from helsesider.search.analysis import LanguageData, fold, rules_fingerprint, term, terms, word_counts, words
from helsesider.site.local_view import addition_intro, addition_title
from helsesider.site.routes import addition_page_rel, service_page_rel
from helsesider.site.urls import page_url

# Field weights: how much a word counts where it stands.
WEIGHTS = {"title": 10.0, "alias": 8.0, "other": 5.0, "description": 3.0, "heading": 2.0, "body": 1.0}
PART_WEIGHT = 0.5  # a part of a compound word ("vaksine" in "influensavaksine")
SYNONYM_WEIGHT = 0.7  # a synonym of a word of the document
COMMON_SHARE = 0.4  # body words in more than this share of the documents are not indexed

FLAG_SERVICE = 1  # a logged-in service, not an article
FLAG_LOGIN = 2  # the service needs login
FLAG_LOCAL = 4  # a local addition's page (they come last)


@dataclass
class SearchDocument:
    url: str
    title: str
    snippet: str
    keys: list[str]  # title and aliases as terms ("exact title" and "title inside the query" matches)
    fields: dict[str, str]
    flags: int = 0
    names: list[str] = field(default_factory=list)  # the keys as written (suggestions while typing)
    sections: list[list[str]] = field(default_factory=list)  # [anchor, heading, its terms, its start]


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


SNIPPET = 130  # characters of a section's text shown under a result that opens at it
_SENTENCE_END = re.compile(r"(?<=[.!?])\s")


def _start(text: str) -> str:
    """The first sentence or so of a section's text, cut at a word."""
    if len(text) <= SNIPPET:
        return text
    cut = text[:SNIPPET]
    end = max((m.end() for m in _SENTENCE_END.finditer(cut)), default=0)
    return cut[:end].strip() if end > 60 else cut[: cut.rfind(" ")].rstrip(" ,;:") + " …"


_LIST_MARK = re.compile(r"^[ \t]*(?:[-*+]|\d+[.)])[ \t]+", re.M)


# word -> its term, or '' for a stop word, per language and stop list: a corpus has far fewer
# words than texts (and fold() per word was half of a build's search time)
_CONTENT_TERMS: dict[tuple[str, frozenset[str]], dict[str, str]] = {}


def _content_terms(text: str, lang: str, stop: frozenset[str]) -> Counter:
    """The terms of a text that are not stop words, with how often each occurs."""
    known = _CONTENT_TERMS.get((lang, stop))
    if known is None or len(known) > 500_000:
        if len(_CONTENT_TERMS) > 16:
            _CONTENT_TERMS.clear()
        known = _CONTENT_TERMS[(lang, stop)] = {}
    out: Counter = Counter()
    for word, count in word_counts(text).items():
        found = known.get(word)
        if found is None:
            found = known[word] = "" if fold(word, lang) in stop else term(word, lang)
        if found:
            out[found] += count
    return out


def forget_terms() -> None:
    """Let go of the words' terms worked out so far (word -> term, and ``term``'s and ``stem``'s
    caches: about 25 MB at 2,000 articles). An index made once does this after each document's
    terms are weighted, again after their compound parts, and once its parts are made
    (``IndexBuilder``): the later steps ask for few of them again, and the index's memory
    peaked while it held them."""
    from helsesider.search import analysis

    _CONTENT_TERMS.clear()
    analysis.term.cache_clear()
    analysis.stem.cache_clear()


SECTION_TERMS = 12  # the words of a section's text kept to find it by: the ones most its own


def sections(markdown: str, lang: str, stop: frozenset[str] = frozenset()) -> list[list[str]]:
    """An article's sections: [anchor, heading, its terms (the heading's, then ' | ' and the
    text's SECTION_TERMS most its own: used most in this section and in fewest of the article's
    others, without stop words), its first sentence]. The anchor is the one the page's heading
    gets (Python-Markdown's toc: slugify, made unique). A section is found by its heading or a
    word it is about; keeping every word of the text would make the section files as large as
    the articles (measured: 56 MB at 10,000 articles against 16 MB without sections)."""
    used: set[str] = set()
    found: list[tuple[str, str, list[str], Counter, str]] = []
    matches = list(_HEADING.finditer(markdown))
    for i, match in enumerate(matches):
        heading = _MARKUP.sub(" ", _LINK.sub(r"\1", match.group(1))).strip().lstrip("#").strip()
        if not heading:
            continue
        end = matches[i + 1].start() if i + 1 < len(matches) else len(markdown)
        _, text = plain_text(_LIST_MARK.sub("", markdown[match.end() : end]))
        own = list(_content_terms(heading, lang, stop))
        counts = _content_terms(text, lang, stop)
        for word in own:
            counts.pop(word, None)
        found.append((unique(slugify(heading, "-"), used), heading, own, counts, _start(text)))
    spread = Counter(t for *_, counts, _ in found for t in counts)  # in how many sections
    out = []
    for anchor, heading, own, counts, start in found:
        kept = sorted(counts, key=lambda t: (-counts[t] / spread[t], t))[:SECTION_TERMS]
        out.append([anchor, heading, " ".join(own) + " | " + " ".join(kept), start])
    return out


def documents(
    corpus: Corpus, lang: str, directory_urls: bool = True, stop: frozenset[str] = frozenset(), keep: bool = True
) -> list[SearchDocument]:
    """The language's articles (by path) and then its services (by id). `stop`: the language's
    stop words (folded), left out of the sections' terms. `keep`: the articles' documents are
    kept for a next build in this process or the next (``_documents``); a build that makes the
    index once lets them go with the index (about 50 MB for 2,000 articles)."""
    others = [articles_of(corpus, other) for other in locales.get(lang).names_from]
    return (
        [
            _cached_document(corpus.articles[lang][rel], lang, directory_urls, _other_names(rel, others), stop, keep)
            for rel in sorted(corpus.articles[lang])
        ]
        + [_service_document(corpus.services[sid], lang, directory_urls) for sid in sorted(corpus.services)]
        + [
            _addition_document(corpus, addition, directory_urls)
            for addition in sorted(corpus.local.additions, key=lambda a: a.path)
            if addition.lang == lang and addition.rel in corpus.articles[lang]
        ]
    )


def _other_names(rel: str, others: list[dict[str, Article]]) -> tuple[str, ...]:
    """The titles and aliases of the same article in the languages of ``search.names_from``."""
    names: list[str] = []
    for articles in others:
        other = articles.get(rel)
        if other is not None:
            names += [other.title, *other.aliases]
    return tuple(dict.fromkeys(names))


# The last document made of each article: the corpus keeps an unchanged file's Article (frozen),
# so a server that indexes again after a save makes documents of the changed articles only; an
# incremental build (hooks/incremental.py) keeps them between builds (an equal Article is the same).
_documents: dict[tuple[str, str, bool, str], tuple[Article, tuple, frozenset, SearchDocument]] = {}


def kept_documents(lang: str) -> dict:
    """The documents made of the language's articles, for the next build to reuse."""
    return {key: value for key, value in _documents.items() if key[0] == lang}


def reuse_documents(kept: dict) -> None:
    """Documents a previous build made (``kept_documents``): used where the article is equal."""
    _documents.update(kept)


def _cached_document(
    article: Article, lang: str, directory_urls: bool, other: tuple[str, ...], stop: frozenset[str], keep: bool = True
) -> SearchDocument:
    key = (lang, article.rel, directory_urls, rules_fingerprint(lang))
    found = _documents.get(key)
    if found is None or (found[0] is not article and found[0] != article) or found[1] != other or found[2] != stop:
        if not keep:
            return _article_document(article, lang, directory_urls, other, stop)
        if len(_documents) > 100_000:
            _documents.clear()
        found = _documents[key] = (article, other, stop, _article_document(article, lang, directory_urls, other, stop))
    return found[3]


def _article_document(
    article: Article, lang: str, directory_urls: bool, other: tuple[str, ...] = (), stop: frozenset[str] = frozenset()
) -> SearchDocument:
    headings, body = plain_text(article.body)
    own = [article.title, *article.aliases]
    others = [name for name in other if name not in own]
    return SearchDocument(
        url=page_url(lang, article.rel, directory_urls),
        title=article.title,
        snippet=article.description,
        keys=_keys(lang, *own, *others),
        fields={
            "title": article.title,
            "alias": " ".join(article.aliases),
            "other": " ".join(others),
            "description": article.description,
            "heading": " ".join(headings),
            "body": body,
        },
        names=own + others,
        sections=sections(article.body, lang, stop),
    )


def _addition_document(corpus: Corpus, addition: Addition, directory_urls: bool) -> SearchDocument:
    """A local addition's own page, in search for everyone: found by its text and its region's
    name, below the national article (its title is not a title match: "legevakt" finds the
    article first), and only when it has every word of the query (hs-search.js)."""
    lang = addition.lang
    headings, body = plain_text(addition.body)
    title, intro = addition_title(corpus, lang, addition), addition_intro(corpus, lang, addition)
    return SearchDocument(
        url=page_url(lang, addition_page_rel(lang, addition.rel, addition.region), directory_urls),
        title=title,
        snippet=intro,
        keys=[],
        fields={
            "title": "",
            "alias": "",
            "other": "",
            "description": intro,
            "heading": " ".join(headings),
            "body": body,
        },
        flags=FLAG_LOCAL,
    )


def _service_document(service: Service, lang: str, directory_urls: bool) -> SearchDocument:
    name = service.name[lang]
    others = [service.name[o] for o in locales.get(lang).names_from if o in service.name and service.name[o] != name]
    return SearchDocument(
        url=page_url(lang, service_page_rel(lang, service.id), directory_urls),
        title=name,
        snippet=service.description[lang],
        keys=_keys(lang, name, *others),
        fields={
            "title": name,
            "alias": "",
            "other": " ".join(others),
            "description": service.description[lang],
            "heading": "",
            "body": "",
        },  # fmt: skip
        flags=FLAG_SERVICE | (FLAG_LOGIN if service.login else 0),
        names=[name, *others],
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
    anywhere, a phrase in its title, aliases, description or headings) it gets the others. Only the
    document's own words count: a word one group gave does not bring in a second group's words
    ("family doctor" gives "family", which must not make a GP page one about next of kin)."""
    own = set(scores)
    for group in groups:
        present = [t for t in group if (t in own if " " not in t else f" {t} " in sequence)]
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


def phrases(docs: list[SearchDocument], stop: set[str]) -> dict[str, list[tuple]]:
    """Titles and aliases, filed under their first word that is not a stop word: first term ->
    [(the phrase as terms, document, 0 for a title or 1 for an alias, the name as written, the
    document's title for an alias ('' for a title), the document's flags)]. The last three are
    what the search field suggests while a citizen types."""
    out: dict[str, list[tuple]] = defaultdict(list)
    for number, doc in enumerate(docs):
        names = doc.names or [doc.title]
        for kind, key in enumerate(doc.keys):
            parts = key.split()
            first = next((p for p in parts if p not in stop), parts[0] if parts else None)
            if first:
                name = names[kind] if kind < len(names) else doc.title
                out[first].append((key, number, min(kind, 1), name, doc.title if kind else "", doc.flags))
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


def alarm_table(data: LanguageData, lang: str) -> list:
    """The alarm signs as the head carries them: [[guidance, [phrase as terms, ...]], ...]; every
    word counts ("ikke" in "puster ikke"), stop word or not."""
    return [[call, sorted({" ".join(terms(p, lang)) for p in found})] for call, found in data.alarms]


def lay_table(data: LanguageData, lang: str, stop: set[str]) -> list:
    """The lay phrases as the head carries them: [[[what people say, as terms], [what the articles
    say, as terms without stop words]], ...], with a third item false for a phrase that alone
    may not give the nearest hits (``nearest: false``: words, not what happened)."""
    out = []
    for says, means, nearest in data.lay:
        meant = [" ".join(t for t, w in zip(terms(m, lang), words(m)) if fold(w, lang) not in stop) for m in means]
        entry = [sorted({" ".join(terms(s, lang)) for s in says}), list(dict.fromkeys(m for m in meant if m))]
        out.append(entry if nearest else [*entry, False])
    return out


def stop_terms(data: LanguageData, lang: str) -> list[str]:
    """Stop words folded (not stemmed: a query word is a stop word as typed)."""
    return sorted({fold(w, lang) for w in data.stop_words})
