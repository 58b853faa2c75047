"""Text analysis for search, the same at build time (here) and in the browser (``hs-search.js``
reads the rules from the index head): words, folding, stemming, stop words, Bokmål/Nynorsk
variants and compound splitting.

Every rule is the language's data (``helsesider.locales``: data/languages/<code>/language.yml).
Folding: lower case, then the language's letters (data/search/folding.yml and its own), then its
digraphs (Norwegian: "aa" -> "a" and "oe" -> "o"), so "pårørende", "paaroerende" and "parorende"
are one word; Sámi "čálit" and "calit" too. Stemming: light suffix rules of the language's rule
set (data/search/stemming/; inflections, not derivations), in steps; in each step the first rule whose suffix matches is
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

from helsesider import locales, yamlfile
from helsesider.locales import PerLanguage

RULES = PerLanguage(lambda language: language.stemming)  # data/search/stemming/<name>.yml

WORD = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*")


def fold_letters(lang: str) -> dict[str, str]:
    """The letters folded in `lang` (data/search/folding.yml and the language's search.fold)."""
    return locales.get(lang).fold


def digraphs(lang: str) -> list[list[str]]:
    return [list(pair) for pair in locales.get(lang).digraphs]


@locales.cached
def _fold_table(lang: str) -> dict[int, str]:
    return str.maketrans(fold_letters(lang))


def fold(word: str, lang: str) -> str:
    out = word.lower().translate(_fold_table(lang))
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


@locales.cached
def _compiled(lang: str) -> list[tuple[tuple[str, ...], list[tuple[str, int, str, str | None]]]]:
    return _compile(locales.get(lang).stemming)


@locales.cached
def stem(word: str, lang: str) -> str:
    for suffixes, step in _compiled(lang):
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


@locales.cached
def rules_fingerprint(lang: str) -> str:
    """What a word's term depends on (folding, stemming, compounds) as text: what was worked
    out with other rules (``data/`` changed while serving) is not used again."""
    language = locales.get(lang)
    return repr((fold_letters(lang), digraphs(lang), language.stemming, language.compounds))


@locales.cached
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
    if not locales.get(lang).compounds or len(word) < 8 or depth > 3:
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
    variant_languages: tuple[str, ...] = ()  # the two written standards the variants are of
    # alarm signs (data/search/alarms.yml): (the guidance to show, its phrases)
    alarms: list[tuple[str, list[str]]] = field(default_factory=list)
    # lay phrases (data/search/lay.yml): (what people say, the words the articles use, whether
    # the phrase alone may give the nearest hits)
    lay: list[tuple[list[str], list[str], bool]] = field(default_factory=list)


def load_language_data(root: Path, lang: str) -> LanguageData:
    """data/search/stopwords.yml ({lang: [word, ...]}), data/search/variants.yml (groups of
    [Bokmål, Nynorsk] spellings, used on the pages of its ``languages``), data/search/forms.yml
    (word forms the stemmer cannot join, per language), and the alarm signs and lay phrases of
    the language and of its ``search.names_from`` (data/search/alarms.yml, lay.yml)."""
    folder = root / "data" / "search"
    stop = _read(folder / "stopwords.yml").get(lang) or []
    table = _read(folder / "variants.yml")
    listed = table.get("languages")
    languages: list = listed if isinstance(listed, list) else []
    found = table.get("groups")
    variants: list = found if lang in languages and isinstance(found, list) else []
    # malformed entries are findings of make check (helsesider/gate/search_data.py); left out here
    groups = [
        [str(w) for w in g["words"]] for g in variants if isinstance(g, dict) and isinstance(g.get("words"), list)
    ]
    words = [str(w) for w in stop] if isinstance(stop, list) else []
    forms = _read(folder / "forms.yml").get(lang)
    groups += [
        [str(w) for w in g["words"]]
        for g in (forms if isinstance(forms, list) else [])
        if isinstance(g, dict) and isinstance(g.get("words"), list)
    ]
    also = (lang, *locales.get(lang).names_from) if lang in locales.active().languages else (lang,)
    return LanguageData(words, groups, tuple(languages) if variants else (), _alarms(folder, also), _lay(folder, also))


def _phrases(value: object) -> list[str]:
    return [str(p) for p in value if str(p).strip()] if isinstance(value, list) else []


def _alarms(folder: Path, languages: tuple[str, ...]) -> list[tuple[str, list[str]]]:
    """data/search/alarms.yml's signs for these languages (the page's and its names_from)."""
    signs = _read(folder / "alarms.yml").get("signs")
    out = []
    for sign in signs if isinstance(signs, list) else []:
        if isinstance(sign, dict) and sign.get("call") in CALLS:
            found = [p for code in languages for p in _phrases(sign.get(code))]
            if found:
                out.append((str(sign["call"]), found))
    return out


def _lay(folder: Path, languages: tuple[str, ...]) -> list[tuple[list[str], list[str], bool]]:
    """data/search/lay.yml's entries for these languages."""
    table = _read(folder / "lay.yml")
    out = []
    for code in languages:
        entries = table.get(code)
        for entry in entries if isinstance(entries, list) else []:
            if isinstance(entry, dict) and _phrases(entry.get("says")) and _phrases(entry.get("means")):
                out.append((_phrases(entry["says"]), _phrases(entry["means"]), entry.get("nearest") is not False))
    return out


CALLS = ("113", "116117", "helpline")  # the emergency guidance an alarm sign may show


def _read(path: Path) -> dict:
    try:
        st = path.stat()
    except OSError:
        return {}
    return _parsed(str(path), st.st_mtime_ns, st.st_size)  # read only: load_language_data copies


@functools.lru_cache(maxsize=16)
def _parsed(path: str, mtime_ns: int, size: int) -> dict:
    """A YAML file of data/search/, read again only when it changed (a server indexes often)."""
    data = yamlfile.load(Path(path).read_text(encoding="utf-8"))
    return data if isinstance(data, dict) else {}
