"""One language's search index, built by running the steps of ``index`` once per document and
once per term, and built again after a change doing only the work the change reaches: a partner
who saves one article in a corpus of thousands sees it in search within a second (``make serve``).

What a builder keeps from its last build, and when it is used again:

- each document's weighted terms (step 2), while the document is the same;
- each word's compound parts (step 3), with the words ``split_compound`` asked the corpus'
  terms about: kept while none of those came or went;
- each document's final scores (steps 3 and 4), while its words' parts and the synonym groups
  are the same;
- each term's postings (step 5), patched where a document's scores changed (while the documents
  are the same, in the same order), and their encoding, while the postings, the number of
  documents and whether the term is common are the same;
- the terms in JavaScript's order, while the terms are the same; each file's script, while its
  part is the same.

Whatever it keeps, the result is the one a new builder makes: ``tests/test_search_builder.py``
compares the two after random edits. ``make build`` uses a new builder for each language; its
incremental build (``hooks/incremental.py``) keeps the builder between builds with ``state`` and
``restored``, without the postings (as large as the scores they come from, and slower to read
than to make): a restored builder makes the postings of the terms it needs from the documents'
scores.
"""

from __future__ import annotations

import hashlib
from array import array
from bisect import bisect_left, insort
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from operator import itemgetter

from helsesider.search import format as index_format
from helsesider.search.analysis import LanguageData, split_compound
from helsesider.search.index import (
    SearchDocument,
    alarm_table,
    common_terms,
    compound_scores,
    document_scores,
    forget_terms,
    indexed,
    lay_table,
    lexicon,
    phrases,
    stop_terms,
    synonym_groups,
    synonym_scores,
    variant_table,
)

_FIRST = itemgetter(0)
Groups = tuple[tuple[str, ...], ...]


@dataclass
class _Document:
    base: dict[str, float]  # step 2: terms weighted by where they stand
    sequence: str  # the terms of its short fields, for phrase synonyms
    final: dict[str, float] | None = None  # with compound parts and synonyms (never changed once made)
    asked: frozenset[str] = frozenset()  # the words whose compound parts it used
    groups: Groups = ()  # the synonym groups `final` was made with


class _Asking:
    """The corpus' terms, noting what ``split_compound`` asks about."""

    def __init__(self, known: dict[str, int]) -> None:
        self.known: dict[str, int] = known
        self.asked: set[object] = set()

    def __contains__(self, word: object) -> bool:
        self.asked.add(word)
        return word in self.known


@dataclass
class IndexBuilder:
    """`keep=False` (a build that makes the index once, like ``make build``): nothing is kept for a
    next build, and what only a next build would use is not made (the index is the same)."""

    lang: str
    keep: bool = True
    _documents: dict[bytes, _Document] = field(default_factory=dict)
    _parts: dict[str, list[str]] = field(default_factory=dict)  # word -> its compound parts
    _asked: dict[str, frozenset] = field(default_factory=dict)  # word -> the terms its split asked about
    _term_of: dict[str, str] = field(default_factory=dict)  # word -> term
    _known: set[str] = field(default_factory=set)  # the terms of the last build
    _df: Counter = field(default_factory=Counter)  # term -> documents with it, in the last build
    _counted: Counter = field(default_factory=Counter)  # the documents counted in _df (by id) ...
    _by_id: dict[int, _Document] = field(default_factory=dict)  # ... and the documents themselves
    _urls: list[str] = field(default_factory=list)  # the documents of the last build, in order
    _finals: list[dict[str, float]] = field(default_factory=list)
    _postings: dict[str, list[tuple[int, float]]] = field(default_factory=dict)  # every posting, common or not
    _common: set[str] = field(default_factory=set)
    _n_docs: int = -1
    _encoded: dict[str, str] = field(default_factory=dict)
    _ordered: tuple[frozenset, list[str]] = (frozenset(), [])
    _scripts: dict[str, tuple[object, str]] = field(default_factory=dict)
    _partial: bool = False  # restored: _postings has only the terms made since (from _finals)

    def parts(
        self, docs: list[SearchDocument], synonyms: list[list[str]], data: LanguageData | None = None
    ) -> dict[str, object]:
        """The index parts (name -> Head | Shard | DocChunk) of the language's documents."""
        data = data or LanguageData()
        common = self._scored(docs, synonym_groups(synonyms, self.lang))
        stop = stop_terms(data, self.lang)
        found_phrases, variants = phrases(docs, set(stop)), variant_table(data, self.lang)
        alarms, lay = alarm_table(data, self.lang), lay_table(data, self.lang, set(stop))
        made = index_format.assemble(
            self.lang,
            [[d.url, d.title, d.snippet, d.flags] for d in docs],
            self._encoded,
            found_phrases,
            stop,
            variants,
            lexicon(docs, self.lang),
            sorted(common),
            self._order(self._encoded.keys() | found_phrases.keys() | variants.keys()),
            [d.sections for d in docs],
            alarms,
            lay,
        )
        if not self.keep:
            forget_terms()  # and the terms the head's tables asked for
        return made

    def _scored(self, docs: list[SearchDocument], groups: Groups) -> set[str]:
        """Steps 2 to 5: each document's scores (again where what they were made of changed) and
        every term's encoded postings; the common terms."""
        entries = self._analysed(docs) if self.keep else self._analysed_once(docs)
        if not self.keep:
            forget_terms()
        df = self._frequencies(entries)
        changed_words = self._forget_parts(df)
        once = None if self.keep else _Postings()
        for number, (doc, entry) in enumerate(zip(docs, entries)):
            if entry.final is None or entry.groups != groups or not entry.asked.isdisjoint(changed_words):
                self._finish(doc, entry, df, groups)
            if once is not None:  # its scores kept as postings only
                once.add(number, entry.final)  # type: ignore[arg-type]
                entry.base, entry.final = {}, None
        common = common_terms(df, len(docs))
        if once is not None:
            forget_terms()
            self._encoded = once.encoded(len(docs), common)
            self._forget_all()
        else:
            changed_terms = self._update_postings([doc.url for doc in docs], [entry.final for entry in entries])  # type: ignore[misc]
            self._encode(len(docs), common, changed_terms)
        return common

    def _forget_all(self) -> None:
        """Let go of what only a next build would use (a build that makes the index once)."""
        self._documents, self._parts, self._term_of, self._by_id = {}, {}, {}, {}
        self._postings, self._finals = {}, []

    def files(self, parts: dict[str, object]) -> dict[str, str]:
        """file name -> script text; a part equal to the last build's keeps its script."""
        scripts = {}
        for name, part in parts.items():
            kept = self._scripts.get(name)
            scripts[name] = kept if kept is not None and kept[0] == part else (part, index_format.script(name, part))
        if self.keep:
            self._scripts = scripts
        return {index_format.file_name(name): script for name, (_, script) in scripts.items()}

    def state(self) -> dict[str, object]:
        """What a next build in another process needs to do only what a change reaches (pickled
        by the incremental build); `keep` builders only."""
        names = ("_documents", "_parts", "_asked", "_term_of", "_known", "_df", "_urls", "_finals", "_common",
                 "_n_docs", "_encoded", "_ordered", "_scripts")  # fmt: skip
        return {"lang": self.lang, **{name: getattr(self, name) for name in names}}

    @classmethod
    def restored(cls, state: dict[str, object]) -> IndexBuilder:
        """A builder from a `state` (its postings made again as they are needed)."""
        builder = cls(str(state["lang"]))
        for name, value in state.items():
            if name != "lang":
                setattr(builder, name, value)
        entries = list(builder._documents.values())
        builder._counted = Counter(id(entry) for entry in entries)
        builder._by_id = {id(entry): entry for entry in entries}
        builder._partial = True
        return builder

    def _analysed(self, docs: list[SearchDocument]) -> list[_Document]:
        """Step 2 for the documents not seen in the last build (the others keep theirs), known by
        a digest of everything step 2 reads."""
        keys = [_digest((d.url, d.title, d.snippet, tuple(d.keys), tuple(d.fields.items()), d.flags)) for d in docs]
        entries = []
        for key, doc in zip(keys, docs):
            entry = self._documents.get(key)
            if entry is None:
                entry = _Document(*document_scores(doc, self.lang, self._term_of))
            entries.append(entry)
        self._documents = dict(zip(keys, entries))  # documents no longer in the corpus are forgotten
        return entries

    def _analysed_once(self, docs: list[SearchDocument]) -> list[_Document]:
        """Step 2 for a build that makes the index once; each document in `docs` is replaced by
        one without its body text once its terms are weighted (only step 2 reads it: 14 MB at
        2,000 articles, held until the index was made)."""
        entries = []
        for number, doc in enumerate(docs):
            entries.append(_Document(*document_scores(doc, self.lang, self._term_of)))
            docs[number] = replace(doc, fields={**doc.fields, "body": ""})
        return entries

    def _frequencies(self, entries: list[_Document]) -> Counter:
        """How many documents have each term: the last build's counts, less the documents that
        went and plus those that came (an edited document is one of each)."""
        counted = Counter(id(entry) for entry in entries)
        by_id = {id(entry): entry for entry in entries}
        for key, times in (self._counted - counted).items():
            for _ in range(times):
                self._df.subtract(self._by_id[key].base.keys())
        for key, times in (counted - self._counted).items():
            for _ in range(times):
                self._df.update(by_id[key].base.keys())
        self._df = +self._df  # terms no document has any more are gone
        self._counted, self._by_id = counted, by_id
        return self._df

    def _forget_parts(self, df: dict[str, int]) -> set[str]:
        """Forget the compound parts that asked about a term that came or went; those words."""
        # a new set: symmetric_difference's result keeps the table of the large set it came from
        gone_or_new = set(self._known.symmetric_difference(df))
        self._known = set(df)
        if not gone_or_new:
            return set()
        changed = {word for word, asked in self._asked.items() if not asked.isdisjoint(gone_or_new)}
        for word in changed:
            del self._parts[word], self._asked[word]
        return changed

    def _finish(self, doc: SearchDocument, entry: _Document, df: dict[str, int], groups: Groups) -> None:
        """Steps 3 and 4 for one document."""

        def split(word: str) -> list[str]:
            asking = _Asking(df) if self.keep else df
            parts = self._parts[word] = split_compound(word, asking, self.lang)
            if self.keep:
                self._asked[word] = frozenset(asking.asked)  # type: ignore[union-attr]
            return parts

        scores = dict(entry.base) if self.keep else entry.base  # kept: the next build starts from base
        asked = compound_scores(doc, scores, self.lang, self._parts, split)
        entry.asked = frozenset(asked) if self.keep else frozenset()
        synonym_scores(scores, entry.sequence, groups)
        entry.final, entry.groups = scores, groups

    def _update_postings(self, urls: list[str], finals: list[dict[str, float]]) -> set[str] | None:
        """Every term's postings: patched for the documents whose scores changed, when the
        documents are those of the last build; else made anew (None: every term changed)."""
        if urls != self._urls:
            postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
            for number, scores in enumerate(finals):
                for term, weight in scores.items():
                    postings[term].append((number, weight))
            self._urls, self._finals, self._postings, self._partial = urls, finals, postings, False
            return None
        changed: set[str] = set()
        for number, (old, new) in enumerate(zip(self._finals, finals)):
            if old is not new:
                changed |= self._patch(number, old, new)
        self._finals = finals
        return changed

    def _patch(self, number: int, old: dict[str, float], new: dict[str, float]) -> set[str]:
        changed = {term for term in old.keys() | new.keys() if old.get(term) != new.get(term)}
        if self._partial:  # made again from the new scores when they are needed
            for term in changed:
                self._postings.pop(term, None)
            return changed
        for term in changed:
            items = self._postings.setdefault(term, [])
            if term in old:
                del items[bisect_left(items, number, key=_FIRST)]
            if term in new:
                insort(items, (number, new[term]), key=_FIRST)
            if not items:
                del self._postings[term]
        return changed

    def _encode(self, n_docs: int, common: set[str], changed: set[str] | None) -> None:
        """Each term's postings as the index writes them: again for the terms whose postings,
        document count or commonness changed."""
        if changed is None or n_docs != self._n_docs:
            self._encoded, todo = {}, set(self._postings)
        else:
            todo = changed | (common ^ self._common)
        self._n_docs, self._common = n_docs, common
        for term in todo:
            encoded = _encoding(self._postings_of(term), term in common, n_docs)
            if encoded is not None:
                self._encoded[term] = encoded
            else:
                self._encoded.pop(term, None)

    def _postings_of(self, term: str) -> list[tuple[int, float]]:
        found = self._postings.get(term)
        if found is None and self._partial:
            found = self._postings[term] = [
                (n, scores[term]) for n, scores in enumerate(self._finals) if term in scores
            ]
        return found or []

    def _order(self, terms: set[str]) -> list[str]:
        """The terms in JavaScript's order (sorted again only when they are not the last build's)."""
        if self._ordered[0] != terms:
            self._ordered = (frozenset(terms), sorted(terms, key=index_format.js_order))
        return self._ordered[1]


class _Postings:
    """Every term's postings in a build that makes the index once, as two arrays per term (a
    document's number, its score): 12 bytes a posting against about 100 as a tuple in a list, and
    each document's scores let go as soon as they are in (3 x 2,000 articles: 1.2 million
    postings a language, which made the search index the largest part of a build's memory)."""

    def __init__(self) -> None:
        self.numbers: dict[str, array] = {}
        self.scores: dict[str, array] = {}

    def add(self, number: int, scores: dict[str, float]) -> None:
        numbers, scores_of = self.numbers, self.scores  # 1.2 million times: no attribute look-ups
        for term, score in scores.items():
            found = numbers.get(term)
            if found is None:
                numbers[term], scores_of[term] = array("l", (number,)), array("d", (score,))
            else:
                found.append(number)
                scores_of[term].append(score)

    def encoded(self, n_docs: int, common: set[str]) -> dict[str, str]:
        """Each term's postings as the index writes them."""
        encoded = {}
        for term, numbers in self.numbers.items():
            found = _encoding(list(zip(numbers, self.scores[term])), term in common, n_docs)
            if found is not None:
                encoded[term] = found
        return encoded


def _encoding(postings: list[tuple[int, float]], common: bool, n_docs: int) -> str | None:
    """One term's postings as the index writes them (None: none are indexed)."""
    items = indexed(postings, common)
    return index_format.encode(items, index_format.idf(n_docs, len(items))) if items else None


def _digest(key: tuple) -> bytes:
    """A document's step-2 inputs as 16 bytes (the builder's key for them: a state that keeps the
    documents' texts would be several times larger)."""
    return hashlib.blake2b(repr(key).encode("utf-8", "surrogatepass"), digest_size=16).digest()
