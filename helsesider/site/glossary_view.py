"""Glossary terms marked in an article's HTML (``hooks/glossary.py``): the first occurrence of each
term becomes a link to its explanation in the "Ord og uttrykk" list at the article's end
(``overrides/partials/glossary.html``), which works without script and in print; ``hs-site.js``
turns each marked word into a button that opens the explanation in place.

Words inside headings, links, buttons, code, care cards, the contents list and QR blocks are
never marked. The HTML is read with the standard library's parser and changed only at the
offsets of the words marked, so everything else stays byte for byte as the renderer wrote it.
"""

from __future__ import annotations

import bisect
import functools
import re
from html.parser import HTMLParser

from helsesider.content.glossary import Term

# Elements whose text is never marked; and classes of elements whose text is never marked
SKIP_TAGS = frozenset(
    {"a", "h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "button", "script", "style", "abbr", "dfn"}
)
SKIP_CLASSES = ("hs-care", "hs-toc", "hs-offsite")
VOID = frozenset({"br", "img", "hr", "wbr", "input", "meta", "link", "source", "col", "area", "base", "embed", "track"})


class _Text(HTMLParser):
    """The text nodes that may hold a term, as (offset in the HTML, raw text)."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.stack: list[bool] = []  # per open element: whether its text is skipped
        self.texts: list[tuple[int, str]] = []

    def handle_starttag(self, tag, attrs) -> None:
        if tag in VOID:
            return
        classes = dict(attrs).get("class") or ""
        skip = tag in SKIP_TAGS or any(name in classes for name in SKIP_CLASSES)
        self.stack.append(skip or (bool(self.stack) and self.stack[-1]))

    def handle_endtag(self, tag) -> None:
        if tag not in VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data) -> None:
        if self.stack and self.stack[-1]:
            return
        line, col = self.getpos()
        self.texts.append((self.starts[line - 1] + col, data))


@functools.lru_cache(maxsize=4096)
def _pattern(forms: tuple[str, ...]) -> re.Pattern:
    alternatives = "|".join(re.escape(form) for form in forms)
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.I)


@functools.lru_cache(maxsize=4096)
def _lowered(forms: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(form.lower() for form in forms)


_RUN = re.compile(r"[\w-]+")  # what the pattern's (?<![\w-]) and (?![\w-]) take as a word


@functools.lru_cache(maxsize=4096)
def _first_words(forms: tuple[str, ...]) -> tuple[str, ...] | None:
    """The word each form (lower case) starts with; None when a form starts with no word. A form
    can only occur as a whole word where its first word is a whole word of the text."""
    found = [_RUN.match(form) for form in _lowered(forms)]
    return tuple(match.group() for match in found if match) if all(found) else None


def mark_terms(
    page_html: str, terms: list[Term], off: frozenset[str] = frozenset(), own: frozenset[str] = frozenset()
) -> tuple[str, list[Term]]:
    """`page_html` with the first occurrence of each term (not in `off`, lower case) marked, and
    the terms marked, in the order they first appear. A term one of whose forms (lower case) is
    in `own` is not marked: the article's own names are its subject, not hard words in it."""
    wanted = [t for t in terms if t.term.lower() not in off and own.isdisjoint(_lowered(t.forms))]
    if not wanted or not page_html:
        return page_html, []
    reader = _Text(page_html)
    reader.feed(page_html)
    reader.close()
    joined, where = _joined(reader.texts)
    folded = joined.lower()
    same_length = len(folded) == len(joined)  # else (a rare letter such as "İ") positions differ
    text_words = set(_RUN.findall(folded))
    marks: list[tuple[int, int, Term]] = []
    for term in wanted:
        first_words = _first_words(term.forms)
        if same_length and first_words is not None and text_words.isdisjoint(first_words):
            continue
        found = _first(term, joined, folded) if same_length else _pattern(term.forms).search(joined)
        if found:
            node = bisect.bisect_right(where, found.start()) - 1
            shift = reader.texts[node][0] - where[node]
            marks.append((shift + found.start(), shift + found.end(), term))
    marks = _without_overlaps(sorted(marks, key=lambda m: m[0]))
    out, last = [], 0
    for start, end, term in marks:
        word = page_html[start:end]
        out += [
            page_html[last:start],
            f'<a class="hs-term" href="#{term.anchor}" data-hs-term="{term.anchor}">{word}</a>',
        ]
        last = end
    out.append(page_html[last:])
    return "".join(out), [m[2] for m in marks]


def _first(term: Term, joined: str, folded: str) -> re.Match | None:
    """The term's first occurrence as a word, as ``_pattern(forms).search(joined)`` finds it: the
    pattern is tried only where a form occurs in the lower-cased text (no match can start
    anywhere else), so a form that is part of a longer word costs a look, not a scan of the rest
    of the text with a case-insensitive pattern (measured: half of the marking's time)."""
    pattern, forms, at = _pattern(term.forms), _lowered(term.forms), 0
    while True:
        starts = [found for found in (folded.find(form, at) for form in forms) if found >= 0]
        if not starts:
            return None
        start = min(starts)
        match = pattern.match(joined, start)
        if match:
            return match
        at = start + 1


def _joined(texts: list[tuple[int, str]]) -> tuple[str, list[int]]:
    """The text nodes joined by a character no form holds and no word goes on through, and where
    each node starts in it: one search per term finds its first occurrence in the first node that
    has one, as a search node by node would, at a ninth of the calls."""
    where, at = [], 0
    for _, text in texts:
        where.append(at)
        at += len(text) + 1
    return "\x00".join(text for _, text in texts), where


def _without_overlaps(marks: list[tuple[int, int, Term]]) -> list[tuple[int, int, Term]]:
    kept: list[tuple[int, int, Term]] = []
    for mark in marks:
        if not kept or mark[0] >= kept[-1][1]:
            kept.append(mark)
    return kept


def explanation_items(terms: list[Term]) -> list[dict]:
    """The list under "Ord og uttrykk": each term with its anchor and explanation (escaped by the
    partial)."""
    return [{"anchor": t.anchor, "term": t.term[:1].upper() + t.term[1:], "explanation": t.explanation} for t in terms]


__all__ = ["explanation_items", "mark_terms"]
