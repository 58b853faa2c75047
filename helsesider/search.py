"""The search index of one language, built at build time and read by ``hs-search.js``.

Everything the browser needs to match a query the way the index was built travels in the
index file itself: the folding table and the stemming rules (so Python and JavaScript cannot
drift apart), the vocabulary with its postings, and the documents (URL, title, snippet).

Matching, in order of weight: exact title or alias; title, alias, description and heading
words; body words. A query word also matches its stem (word forms), Norwegian compound parts
(the parts of a title word that are words of the corpus), synonyms (``data/synonyms.yml``),
prefixes, and, for words of five letters or more, words one typo away. æ/ø/å typed as
ae/o/aa or a match (nb, nn).
"""

from __future__ import annotations

import functools
import json
import math
import re
import unicodedata
from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass

from .corpus import Corpus
from .model import Article
from .urls import page_url

FORMAT = 1

# Folding: lower case, then these letters, then (Norwegian only) "aa" -> "a" and "oe" -> "o",
# so "pårørende", "paaroerende" and "parorende" are one word.
FOLD_LETTERS = {"æ": "ae", "ø": "o", "å": "a", "ä": "ae", "ö": "o", "ü": "u", "é": "e", "è": "e", "ê": "e",
                "á": "a", "à": "a", "â": "a", "ó": "o", "ò": "o", "ô": "o", "í": "i", "ì": "i", "ú": "u",
                "ç": "c", "ñ": "n", "ß": "ss"}
NORWEGIAN_DIGRAPHS = [["aa", "a"], ["oe", "o"]]

# Stemming rules: steps; in each step the first rule whose suffix matches is applied, when at
# least `min` letters remain (and, if `after` is set, the letter before the suffix is one of
# them). Light stemmers for search: they conflate inflections, not derivations.
NORWEGIAN_RULES = [
    [{"suffix": s, "min": 3} for s in ("hetenes", "hetene", "hetens", "heten", "heter", "endes", "ande", "ende",
                                        "edes", "enes", "ane", "ene", "ens", "ers", "ets", "het", "ast",
                                        "en", "ar", "er", "as", "es", "et", "a", "e")]
    + [{"suffix": "erte", "replace": "er", "min": 3}, {"suffix": "ert", "replace": "er", "min": 3},
       {"suffix": "s", "min": 3, "after": "bcdfghjlmnoprtvyz"}],
    [{"suffix": "dt", "replace": "d", "min": 2}, {"suffix": "vt", "replace": "v", "min": 2}],
]
ENGLISH_RULES = [
    [{"suffix": "sses", "replace": "ss", "min": 2}, {"suffix": "ies", "replace": "y", "min": 2},
     {"suffix": "s", "min": 3, "after": "bcdefghjklmnopqrtvwxyz"}],
    [{"suffix": "ingly", "min": 3}, {"suffix": "edly", "min": 3}, {"suffix": "ing", "min": 3},
     {"suffix": "ed", "min": 3}, {"suffix": "al", "min": 4}],
]
RULES = {"nb": NORWEGIAN_RULES, "nn": NORWEGIAN_RULES, "en": ENGLISH_RULES}

# Field weights: how much a word counts where it stands.
WEIGHTS = {"title": 10.0, "alias": 8.0, "description": 3.0, "heading": 2.0, "body": 1.0}
PART_WEIGHT = 0.5       # a part of a compound word ("vaksine" in "influensavaksine")
SYNONYM_WEIGHT = 0.7    # a synonym of a word of the document
COMMON_SHARE = 0.4      # body words in more than this share of the documents are not indexed
WORD = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*")


_FOLD_TABLE = str.maketrans(FOLD_LETTERS)


def fold(word: str, lang: str) -> str:
    out = word.lower().translate(_FOLD_TABLE)
    if not out.isascii():
        out = "".join(ch for ch in unicodedata.normalize("NFD", out) if not unicodedata.combining(ch))
    if lang != "en":
        for pair, single in NORWEGIAN_DIGRAPHS:
            out = out.replace(pair, single)
    return out


def _compile(rules: list[list[dict]]) -> list[tuple[tuple[str, ...], list[tuple[str, int, str, str | None]]]]:
    """Each step as (all its suffixes, for one quick test; its rules as tuples)."""
    return [(tuple(rule["suffix"] for rule in step),
             [(rule["suffix"], rule["min"], rule.get("replace", ""), rule.get("after")) for rule in step])
            for step in rules]


_COMPILED = {lang: _compile(rules) for lang, rules in RULES.items()}


@functools.lru_cache(maxsize=200_000)
def stem(word: str, lang: str) -> str:
    for suffixes, step in _COMPILED[lang]:
        if not word.endswith(suffixes):
            continue
        for suffix, least, replace, after in step:
            if word.endswith(suffix) and len(word) - len(suffix) >= least:
                if after is not None and (word[-len(suffix) - 1] if len(word) > len(suffix) else "") not in after:
                    continue
                word = word[: -len(suffix)] + replace
                break
    return word


def words(text: str) -> list[str]:
    """The words of a text; a hyphenated word is one word and also its parts ("e-resept")."""
    out = []
    for token in WORD.findall(text):
        if "-" in token or "'" in token:
            parts = re.split(r"[-']", token)
            out.append("".join(parts))
            out.extend(p for p in parts if p)
        else:
            out.append(token)
    return out


def word_counts(text: str) -> Counter:
    """How often each of ``words(text)`` occurs (counted in C; only hyphenated words looked at)."""
    counts = Counter(WORD.findall(text))
    for token in [token for token in counts if "-" in token or "'" in token]:
        times = counts.pop(token)
        parts = re.split(r"[-']", token)
        counts["".join(parts)] += times
        for part in parts:
            if part:
                counts[part] += times
    return counts


@functools.lru_cache(maxsize=200_000)
def term(word: str, lang: str) -> str:
    """The index term of one word: folded and stemmed (a corpus has far fewer distinct words
    than words, so each is worked out once)."""
    return stem(fold(word, lang), lang)


def terms(text: str, lang: str) -> list[str]:
    """Index terms of a text: folded, stemmed words."""
    return [term(w, lang) for w in words(text)]


# --- the index -------------------------------------------------------------------------

@dataclass
class Document:
    url: str
    title: str
    snippet: str
    keys: list[str]  # folded title and aliases, for "exact title" matches
    fields: dict[str, str]


_HEADING = re.compile(r"^[ \t]*#+(.*)$", re.M)
_LINK = re.compile(r"!?\[([^\[\]\n]*)\]\([^()\n]*\)")
_TAG = re.compile(r"<[^<>\n]+>")
_MARKUP = re.compile(r"[*_`>{}|]")


def plain_text(markdown: str) -> tuple[list[str], str]:
    """Headings and body text of an article's Markdown, without markup."""
    headings = [text.strip().lstrip("#").strip() for text in _HEADING.findall(markdown)]
    body = _HEADING.sub("", markdown)
    body = _LINK.sub(r"\1", body)        # links and images: their text
    body = _TAG.sub(" ", body)            # raw HTML tags
    body = _MARKUP.sub(" ", body)
    return headings, " ".join(line.strip() for line in body.splitlines() if line.strip())


def documents(corpus: Corpus, lang: str, directory_urls: bool = True) -> list[Document]:
    docs = []
    for rel in sorted(corpus.articles[lang]):
        article: Article = corpus.articles[lang][rel]
        headings, body = plain_text(article.body)
        docs.append(Document(
            url=page_url(lang, rel, directory_urls),
            title=article.title,
            snippet=article.description,
            keys=[" ".join(terms(t, lang)) for t in (article.title, *article.aliases)],
            fields={"title": article.title, "alias": " ".join(article.aliases), "description": article.description,
                    "heading": " ".join(headings), "body": body},
        ))
    return docs


def split_compound(term: str, known: set[str], lang: str, depth: int = 0) -> list[str]:
    """The parts of a Norwegian compound ('helsestasjon' -> ['helse', 'stasjon']); [] when it
    does not split. One side must be a word of the corpus (or its stem), the other at least
    four letters; the head may end in a joining 's' or 'e' ('hjelpetelefon')."""
    if lang == "en" or len(term) < 8 or depth > 3:
        return []

    def is_known(word: str) -> bool:
        return word in known or stem(word, lang) in known

    fallback: list[str] = []
    for cut in range(len(term) - 4, 3, -1):  # longest head first
        head, tail = term[:cut], term[cut:]
        heads = [head] + ([head[:-1]] if head[-1] in "se" and len(head) > 4 else [])
        for candidate in heads:
            if is_known(candidate):
                if is_known(tail):
                    return [stem(candidate, lang), stem(tail, lang)]
                rest = split_compound(tail, known, lang, depth + 1)
                if rest:
                    return [stem(candidate, lang), *rest]
                fallback = fallback or [stem(candidate, lang), stem(tail, lang)]
            elif is_known(tail) and not fallback:
                fallback = [stem(candidate, lang), stem(tail, lang)]
    return fallback


def build_index(docs: list[Document], lang: str, synonyms: list[list[str]]) -> dict:
    """The index as a JSON-serialisable dict (see hs-search.js for the reader)."""
    per_doc: list[dict[str, float]] = []
    body_df: dict[str, int] = defaultdict(int)
    known_words: set[str] = set()
    all_terms: list[str] = []  # each document's terms in order (body left out), for synonyms
    term_of: dict[str, str] = {}  # word -> term: a corpus has far fewer distinct words than words

    for doc in docs:
        scores: dict[str, float] = defaultdict(float)
        sequence: list[str] = []
        for field, text in doc.fields.items():
            weight = WEIGHTS[field]
            for word, count in word_counts(text).items():
                found = term_of.get(word)
                if found is None:
                    found = term_of[word] = term(word, lang)
                scores[found] += weight * count
            if field != "body":
                sequence += [term_of.get(word) or term(word, lang) for word in words(text)]
                sequence.append("")  # no phrase across fields
        known_words.update(scores)
        per_doc.append(scores)
        all_terms.append(" " + " ".join(sequence) + " ")
        for word in scores:
            body_df[word] += 1
    # compound parts of the words in titles, aliases and descriptions (worked out once per word)
    parts_of: dict[str, list[str]] = {}
    for doc, scores in zip(docs, per_doc):
        for field in ("title", "alias", "description", "heading"):
            for word in terms(doc.fields[field], lang):
                parts = parts_of.get(word)
                if parts is None:
                    parts = parts_of[word] = split_compound(word, known_words, lang)
                for part in parts:
                    if part != word:
                        scores[part] = max(scores.get(part, 0.0), WEIGHTS[field] * PART_WEIGHT)
    # synonyms: a document with one term of a group also gets the others
    groups = [[" ".join(terms(t, lang)) for t in group] for group in synonyms]
    for scores, text_terms in zip(per_doc, all_terms):
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
    n = max(len(docs), 1)
    common = {word for word, df in body_df.items() if df > COMMON_SHARE * n} if n > 20 else set()
    weak = WEIGHTS["body"] * 3
    postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for number, scores in enumerate(per_doc):  # documents in order: each list comes out sorted
        for word, weight in scores.items():
            if weight <= weak and word in common:
                continue  # a common body word: it tells documents apart no better than chance
            postings[word].append((number, weight))
    order = sorted(postings, key=_js_order)
    return {
        "format": FORMAT,
        "lang": lang,
        "fold": {"letters": FOLD_LETTERS, "digraphs": NORWEGIAN_DIGRAPHS if lang != "en" else []},
        "rules": RULES[lang],
        "docs": [[d.url, d.title, d.snippet, d.keys] for d in docs],
        # the vocabulary sorted, one term per line, and the postings in the same order: the
        # engine binary-searches it, with no object of 50,000 keys to build
        "vocab": "\n".join(order),
        "postings": [_encode(postings[word], math.log(1 + n / len(postings[word]))) for word in order],
    }


def _js_order(term: str) -> bytes:
    """JavaScript compares strings by UTF-16 code units; sort the same way."""
    return term.encode("utf-16-be")


SCORE_LEVELS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


# level L stands for scores from 2^((L - 0.5) / 4) - 1: round(log2(1 + score) * 4), looked up
_THRESHOLDS = [2 ** ((level - 0.5) / 4) - 1 for level in range(1, len(SCORE_LEVELS))]


def _quantise(score: float) -> str:
    """A score as one capital letter, on a log scale (A lowest, Z highest)."""
    return SCORE_LEVELS[bisect_right(_THRESHOLDS, score)]


_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


def _base36(value: int) -> str:
    out = ""
    while True:
        value, rest = divmod(value, 36)
        out = _DIGITS[rest] + out
        if not value:
            return out


_GAPS = [_base36(gap) for gap in range(36 * 36)]  # most gaps between postings are small


def _encode(items: list[tuple[int, float]], idf: float) -> str:
    """Postings (document numbers ascending) as 'gap in base 36' + 'score letter', e.g.
    '0K3B1Z' (docs 0, 3, 4); the score is log(1 + weight) × idf, quantised."""
    out, last, levels = [], 0, {}
    small = len(_GAPS)
    for doc, weight in items:
        level = levels.get(weight)
        if level is None:
            level = levels[weight] = _quantise(math.log1p(weight) * idf)
        gap = doc - last
        out.append((_GAPS[gap] if gap < small else _base36(gap)) + level)
        last = doc
    return "".join(out)


def index_script(index: dict) -> str:
    """The index as a script (works from file://, where fetch() of a JSON file does not).
    The JSON goes through JSON.parse, which browsers parse faster than an object literal."""
    payload = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
    literal = json.dumps(payload, ensure_ascii=False).replace("</", "<\\/").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"window.HS_SEARCH_INDEX=JSON.parse({literal});\n"
