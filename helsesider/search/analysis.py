"""Text analysis for search, the same at build time (here) and in the browser (``hs-search.js``
reads the rules from the index head): words, folding, stemming, stop words, Bokmål/Nynorsk
variants and compound splitting.

Folding: lower case, then ``FOLD_LETTERS``, then (Norwegian only) "aa" -> "a" and "oe" -> "o",
so "pårørende", "paaroerende" and "parorende" are one word. Stemming: light suffix rules
(inflections, not derivations), in steps; in each step the first rule whose suffix matches is
applied when at least ``min`` letters remain (and, if ``after`` is set, the letter before the
suffix is one of them).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

FOLD_LETTERS = {
    "æ": "ae",
    "ø": "o",
    "å": "a",
    "ä": "ae",
    "ö": "o",
    "ü": "u",
    "é": "e",
    "è": "e",
    "ê": "e",
    "á": "a",
    "à": "a",
    "â": "a",
    "ó": "o",
    "ò": "o",
    "ô": "o",
    "í": "i",
    "ì": "i",
    "ú": "u",
    "ç": "c",
    "ñ": "n",
    "ß": "ss",
}
NORWEGIAN_DIGRAPHS = [["aa", "a"], ["oe", "o"]]

NORWEGIAN_RULES: list[list[dict]] = [
    [
        {"suffix": s, "min": 3}
        for s in (
            "hetenes",
            "hetene",
            "hetens",
            "heten",
            "heter",
            "endes",
            "ande",
            "ende",
            "edes",
            "enes",
            "ane",
            "ene",
            "ens",
            "ers",
            "ets",
            "het",
            "ast",
            "en",
            "ar",
            "er",
            "as",
            "es",
            "et",
            "a",
            "e",
        )
    ]
    + [
        {"suffix": "erte", "replace": "er", "min": 3},
        {"suffix": "ert", "replace": "er", "min": 3},
        {"suffix": "s", "min": 3, "after": "bcdfghjlmnoprtvyz"},
    ],
    [{"suffix": "dt", "replace": "d", "min": 2}, {"suffix": "vt", "replace": "v", "min": 2}],
]
ENGLISH_RULES: list[list[dict]] = [
    [
        {"suffix": "sses", "replace": "ss", "min": 2},
        {"suffix": "ies", "replace": "y", "min": 2},
        {"suffix": "s", "min": 3, "after": "bcdefghjklmnopqrtvwxyz"},
    ],
    [
        {"suffix": "ingly", "min": 3},
        {"suffix": "edly", "min": 3},
        {"suffix": "ing", "min": 3},
        {"suffix": "ed", "min": 3},
        {"suffix": "al", "min": 4},
    ],
]
RULES: dict[str, list[list[dict]]] = {"nb": NORWEGIAN_RULES, "nn": NORWEGIAN_RULES, "en": ENGLISH_RULES}

WORD = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*")
_FOLD_TABLE = str.maketrans(FOLD_LETTERS)


def digraphs(lang: str) -> list[list[str]]:
    return NORWEGIAN_DIGRAPHS if lang != "en" else []


def fold(word: str, lang: str) -> str:
    out = word.lower().translate(_FOLD_TABLE)
    if not out.isascii():
        out = "".join(ch for ch in unicodedata.normalize("NFD", out) if not unicodedata.combining(ch))
    for pair, single in digraphs(lang):
        out = out.replace(pair, single)
    return out


def _compile(rules: list[list[dict]]) -> list[tuple[tuple[str, ...], list[tuple[str, int, str, str | None]]]]:
    """Each step as (all its suffixes, for one quick test; its rules as tuples)."""
    return [
        (
            tuple(rule["suffix"] for rule in step),
            [(rule["suffix"], rule["min"], rule.get("replace", ""), rule.get("after")) for rule in step],
        )
        for step in rules
    ]


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
    """The index term of one word: folded and stemmed."""
    return stem(fold(word, lang), lang)


def terms(text: str, lang: str) -> list[str]:
    """Index terms of a text: folded, stemmed words."""
    return [term(w, lang) for w in words(text)]


def split_compound(word: str, known, lang: str, depth: int = 0) -> list[str]:
    """The parts of a Norwegian compound ('helsestasjon' -> ['helse', 'stasjon']); [] when it
    does not split. One side must be a word of the corpus (or its stem), the other at least
    four letters; the head may end in a joining 's' or 'e' ('hjelpetelefon')."""
    if lang == "en" or len(word) < 8 or depth > 3:
        return []

    def is_known(part: str) -> bool:
        return part in known or stem(part, lang) in known

    fallback: list[str] = []
    for cut in range(len(word) - 4, 3, -1):  # longest head first
        head, tail = word[:cut], word[cut:]
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


@dataclass
class LanguageData:
    """What search knows of one language beyond the rules above, from ``data/search/``: stop
    words (dropped from queries, kept for title and alias matches) and spelling variants
    (words typed in the other written standard: Bokmål on Nynorsk pages and back)."""

    stop_words: list[str] = field(default_factory=list)
    variants: list[list[str]] = field(default_factory=list)  # groups of words spelt differently


def load_language_data(root: Path, lang: str) -> LanguageData:
    """data/search/stopwords.yml ({lang: [word, ...]}) and data/search/variants.yml
    (groups of [Bokmål, Nynorsk] spellings, used on nb and nn pages)."""
    folder = root / "data" / "search"
    stop = _read(folder / "stopwords.yml").get(lang) or []
    variants = _read(folder / "variants.yml").get("groups") or [] if lang in ("nb", "nn") else []
    return LanguageData([str(w) for w in stop], [[str(w) for w in group["words"]] for group in variants])


def _read(path: Path) -> dict:
    if not path.exists():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data if isinstance(data, dict) else {}
