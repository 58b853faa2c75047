"""The index format read by ``hs-search.js``: files loaded as scripts (so search works from
``file://`` and under a CSP without ``connect-src``), each setting one entry of
``self.HS_SEARCH_PARTS``:

- ``hs-index.js`` (``head``, ``Head``): the analysis rules, stop words, the list of term
  shards, the typo lexicon (the most used title words) and how documents are chunked. Loaded
  first, and small at any corpus size.
- ``hs-t<n>.js`` (``t<n>``, ``Shard``): the terms starting with one prefix, their postings, the
  titles/aliases filed under them and their other spellings (Bokmål/Nynorsk). A query loads the
  shards of its words only.
- ``hs-d<n>.js`` (``d<n>``, ``DocChunk``): ``chunk`` documents (URL, title, snippet, flags),
  loaded for the documents a query shows.
- ``hs-s<n>.js`` (``s<n>``, ``SectionChunk``): the sections of the same ``chunk`` documents
  (anchor, heading, terms, first sentence), loaded for the first results once they are shown,
  so a result can open at the section that answers the query.
- ``view`` (``View``, after the head in ``hs-index.js``, added by the site:
  ``helsesider/site/search_view.py``): the results view's texts and the HTML shown with
  results (the alarm guidance, the "nothing found" help), kept out of every page.

A term's shard is the one whose prefix is the longest prefix of the term among ``shards``.
"""

from __future__ import annotations

import json
import math
from bisect import bisect_right
from dataclasses import asdict, dataclass, field
from itertools import accumulate

from helsesider import locales
from helsesider.search.analysis import RULES, digraphs, fold_letters

FORMAT = 2
SHARD_TARGET = 40_000  # characters of postings per term shard before it is split by one more letter
SHARD_DEPTH = 4  # longest shard prefix (the head tells the browser)
DOC_CHUNK = 8  # documents per document chunk: each result shown loads at most one small file
LEXICON_SIZE = 2000  # title words in the head, the most used first


@dataclass
class Head:
    format: int
    lang: str
    fold: dict
    rules: list
    stop: list[str]
    shards: list[str]  # prefixes, file t<i> for shards[i]
    lexicon: str  # terms, one per line, sorted
    common: list[str]  # terms in so many documents that a query does not require them
    docs: int
    chunk: int
    compounds: bool = False  # whether queries split compounds (the language's search.compounds)
    depth: int = SHARD_DEPTH  # the longest shard prefix
    sectioned: int = 0  # document chunks 0 .. sectioned - 1 have a sections file (s<n>)
    local_from: int = -1  # documents from here on are local additions' pages (-1: none)
    alarms: list = field(default_factory=list)  # [[guidance, [phrase as terms, ...]], ...]
    lay: list = field(default_factory=list)  # [[[what people say, as terms], [what articles say]], ...]


@dataclass
class View:
    texts: dict[str, str]  # the results view's words (heading, "{n} results", ...)
    alarms: str  # HTML: the alarm panels, hidden, "{base}" where the site's root goes
    none: str  # HTML: the "nothing found" help, hidden, the same


@dataclass
class Shard:
    terms: str  # one per line, sorted as JavaScript compares strings
    postings: list[str]  # encoded, in the order of terms
    phrases: dict[str, list]  # first term -> [[phrase terms, document, 0 title | 1 alias]]
    variants: dict[str, list[str]]  # term -> the terms of its other spellings


@dataclass
class DocChunk:
    docs: list[list]  # [url, title, snippet, flags]


@dataclass
class SectionChunk:
    sections: list[list]  # per document: [[anchor, heading, terms, first sentence], ...]


def js_order(term: str) -> bytes:
    """JavaScript compares strings by UTF-16 code units; sort the same way."""
    return term.encode("utf-16-be")


def plan_shards(sizes: dict[str, int], ordered: list[str] | None = None) -> list[str]:
    """Prefixes for the term shards: all terms in one when they fit, else split by first letter,
    then by the next, while a shard is over SHARD_TARGET (to SHARD_DEPTH letters). `ordered`:
    the terms of `sizes` in JavaScript's order, when the caller has them. The terms with one
    prefix are neighbours in that order, so a group is a range and its size a difference of sums."""
    terms = ordered if ordered is not None else sorted(sizes, key=js_order)
    sums = [0, *accumulate(sizes[t] for t in terms)]

    def split(prefix: str, start: int, end: int) -> list[str]:
        if sums[end] - sums[start] <= SHARD_TARGET or len(prefix) >= SHARD_DEPTH:
            return [prefix]
        depth = len(prefix) + 1
        own = start < end and len(terms[start]) == len(prefix)  # the prefix itself comes first
        out = [prefix] if own else []
        first = start + own
        while first < end:
            child = terms[first][:depth]
            last = first + 1
            while last < end and terms[last][:depth] == child:
                last += 1
            out += split(child, first, last)
            first = last
        return out

    return split("", 0, len(terms))


def shard_of(term: str, prefixes: set[str]) -> str | None:
    for length in range(min(len(term), SHARD_DEPTH), -1, -1):
        if term[:length] in prefixes:
            return term[:length]
    return None


SCORE_LEVELS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
# level L stands for scores from 2^((L - 0.5) / 4) - 1: round(log2(1 + score) * 4), looked up
_THRESHOLDS = [2 ** ((level - 0.5) / 4) - 1 for level in range(1, len(SCORE_LEVELS))]
_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


def _quantise(score: float) -> str:
    """A score as one capital letter, on a log scale (A lowest, Z highest)."""
    return SCORE_LEVELS[bisect_right(_THRESHOLDS, score)]


def _base36(value: int) -> str:
    out = ""
    while True:
        value, rest = divmod(value, 36)
        out = _DIGITS[rest] + out
        if not value:
            return out


_GAPS = [_base36(gap) for gap in range(36 * 36)]  # most gaps between postings are small


def encode(items: list[tuple[int, float]], idf: float) -> str:
    """Postings (document numbers ascending) as 'gap in base 36' + 'score letter', e.g.
    '0K3B1Z' (docs 0, 3, 4); the score is log(1 + weight) × idf, quantised."""
    out: list[str] = []
    last = 0
    levels: dict[float, str] = {}
    small = len(_GAPS)
    for doc, weight in items:
        level = levels.get(weight)
        if level is None:
            level = levels[weight] = _quantise(math.log1p(weight) * idf)
        gap = doc - last
        out.append((_GAPS[gap] if gap < small else _base36(gap)) + level)
        last = doc
    return "".join(out)


def script(name: str, part: object) -> str:
    """One part as a script. The JSON goes through JSON.parse, which browsers parse faster than
    an object literal; '</' and the two JavaScript line separators are escaped."""
    payload = json.dumps(asdict(part), ensure_ascii=False, separators=(",", ":"))  # type: ignore[call-overload]
    literal = (
        json.dumps(payload, ensure_ascii=False)
        .replace("</", "<\\/")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )
    return f"(self.HS_SEARCH_PARTS=self.HS_SEARCH_PARTS||{{}})[{json.dumps(name)}]=JSON.parse({literal});\n"


def file_name(name: str) -> str:
    return "hs-index.js" if name == "head" else f"hs-{name}.js"


def _sizes(encoded: dict[str, str], phrases: dict[str, list], variants: dict[str, list[str]]) -> dict[str, int]:
    """About how many characters each term takes in its shard."""
    sizes = {t: len(t) + len(e) + 2 for t, e in encoded.items()}
    for t, entries in phrases.items():
        sizes[t] = sizes.get(t, len(t)) + sum(len(p[0]) + len(p[3]) + len(p[4]) + 14 for p in entries)
    for t, others in variants.items():
        sizes[t] = sizes.get(t, len(t)) + sum(len(o) + 3 for o in others)
    return sizes


def _group(sizes: dict[str, int], ordered: list[str]) -> tuple[list[str], dict[str, list[str]]]:
    """The shards' prefixes, and each shard's terms in JavaScript's order."""
    prefixes = plan_shards(sizes, ordered) if sizes else [""]
    known = set(prefixes)
    grouped: dict[str, list[str]] = {p: [] for p in prefixes}
    for t in ordered:
        grouped[shard_of(t, known)].append(t)  # type: ignore[index]
    return prefixes, grouped


def idf(n_docs: int, postings: int) -> float:
    """How much a term tells documents apart: log(1 + documents / documents with the term)."""
    return math.log(1 + n_docs / postings)


def _head(
    lang: str, n_docs: int, prefixes: list[str], stop: list[str], lexicon: list[str], common: list[str],
    alarms: list, lay: list, sectioned: int = 0, local_from: int = -1,
) -> Head:  # fmt: skip
    return Head(
        format=FORMAT,
        lang=lang,
        fold={"letters": fold_letters(lang), "digraphs": digraphs(lang)},
        rules=RULES[lang],
        stop=stop,
        shards=prefixes,
        lexicon="\n".join(sorted(lexicon[:LEXICON_SIZE], key=js_order)),
        common=common,
        docs=n_docs,
        chunk=DOC_CHUNK,
        compounds=locales.get(lang).compounds,
        alarms=alarms,
        lay=lay,
        sectioned=sectioned,
        local_from=local_from,
    )


def _ranges(docs: list[list], sections: list[list] | None) -> tuple[int, int]:
    """(the document chunks with a sections file, the first local addition's page or -1). The
    articles come first, then the services, then the local additions' pages (search/index.py
    documents()): the browser asks for a result's sections while it asks for its title."""
    articles = sum(1 for doc in docs if not doc[3] & 5)  # FLAG_SERVICE, FLAG_LOCAL
    sectioned = -(-articles // DOC_CHUNK) if any(sections or []) else 0
    return sectioned, next((i for i, doc in enumerate(docs) if doc[3] & 4), -1)


def assemble(
    lang: str,
    docs: list[list],
    encoded: dict[str, str],
    phrases: dict[str, list],
    stop: list[str],
    variants: dict[str, list[str]],
    lexicon: list[str],
    common: list[str],
    ordered: list[str] | None = None,
    sections: list[list] | None = None,
    alarms: list | None = None,
    lay: list | None = None,
) -> dict[str, object]:
    """All parts of one language's index: name -> Head | Shard | DocChunk. `encoded`: term ->
    its postings as ``encode`` writes them; `ordered`: the terms of `encoded`, `phrases` and
    `variants` in JavaScript's order, when the caller has them; `sections`: each document's
    sections; `alarms` and `lay`: the alarm signs and lay phrases as terms."""
    sizes = _sizes(encoded, phrases, variants)
    prefixes, grouped = _group(sizes, ordered if ordered is not None else sorted(sizes, key=js_order))
    sectioned, local_from = _ranges(docs, sections)
    head = _head(lang, len(docs), prefixes, stop, lexicon, common, alarms or [], lay or [], sectioned, local_from)
    parts: dict[str, object] = {"head": head}
    for i, prefix in enumerate(prefixes):
        mine = [t for t in grouped[prefix] if t in encoded]
        parts[f"t{i}"] = Shard(
            terms="\n".join(mine),
            postings=[encoded[t] for t in mine],
            phrases={t: [list(p) for p in phrases[t]] for t in grouped[prefix] if t in phrases},
            variants={t: variants[t] for t in grouped[prefix] if t in variants},
        )
    for start in range(0, len(docs), DOC_CHUNK):
        parts[f"d{start // DOC_CHUNK}"] = DocChunk(docs=docs[start : start + DOC_CHUNK])
        if start < sectioned * DOC_CHUNK:  # a chunk of services only has no sections file
            parts[f"s{start // DOC_CHUNK}"] = SectionChunk(sections=(sections or [])[start : start + DOC_CHUNK])
    return parts
