"""Readability: the LIX index of an article (a warning for partners, in `make check` and the report)."""

from __future__ import annotations

import re
from bisect import bisect_right

from helsesider.content.links import LINK_TEXT

_SENTENCE_END = re.compile(r"[.!?:](?=\s|$)")


_LIX_WORD = re.compile(r"\w+")


_NOT_TEXT = re.compile(r"<[^<>]+>|\{[^{}\n]*\}")  # bounded by the next '<' or '{': linear time


_BLOCK_MARK = re.compile(r"^\s*(?:#{1,6}\s+|[-*+]\s+|\d+[.)]\s+|>\s*)")


def lix(markdown: str) -> tuple[float, int]:
    """The LIX readability index of a Markdown text (words per sentence + the percentage of
    words longer than six letters), and its number of words. A heading, list item or
    paragraph ends a sentence even without a full stop."""
    text = LINK_TEXT.sub(r"\1", markdown) if "](" in markdown else markdown
    text = _NOT_TEXT.sub(" ", text) if "<" in text or "{" in text else text
    lengths = sorted(map(len, _LIX_WORD.findall(text)))  # counted and sorted in C: thousands of articles
    words = len(lengths)
    if not words:
        return 0.0, 0
    long_words = words - bisect_right(lengths, 6)
    sentences = len(_SENTENCE_END.findall(text))
    lines = text.splitlines()
    for line, after in zip(lines, lines[1:] + [""]):
        line = line.rstrip()
        if not line or line[-1] in ".!?:":
            continue
        if line.lstrip().startswith("#") or not after.strip() or _BLOCK_MARK.match(after):
            sentences += 1  # a block that ends without a full stop
    return words / max(sentences, 1) + 100 * long_words / words, words


def long_words(markdown: str, known: set[str], count: int = 5) -> list[tuple[str, int]]:
    """The words longer than six letters that raise the text's LIX most (the most frequent
    first), leaving out those in `known` (lower case: the glossary's forms, the title's words)."""
    text = LINK_TEXT.sub(r"\1", markdown) if "](" in markdown else markdown
    text = _NOT_TEXT.sub(" ", text) if "<" in text or "{" in text else text
    found: dict[str, int] = {}
    for word in _LIX_WORD.findall(text):
        key = word.lower()
        if len(word) > 6 and not word.isdigit() and key not in known:
            found[key] = found.get(key, 0) + 1
    return sorted(found.items(), key=lambda pair: (-pair[1], pair[0]))[:count]


LONG_SENTENCE = 35  # words: a sentence longer than this is a warning with its line
TOO_LONG = (
    "a sentence of {words} words (from '{start} …'); sentences of more than {limit} words are hard "
    "to follow, especially for someone who is ill or worried: split it"
)
_SENTENCE_BREAK = re.compile(r"(?<=[.!?:])\s+")


def long_sentences(markdown: str, first_line: int, limit: int = LONG_SENTENCE) -> list[tuple[int, int, str]]:
    """(line, words, first words) of each sentence of more than `limit` words, at the line it
    starts on. A sentence ends with . ! ? or :, or where its paragraph, heading or list item
    does; the LIX index is an article's average, so one long sentence hides in it."""
    out = []
    block: list[tuple[int, str]] = []

    def flush() -> None:
        text = " ".join(part for _, part in block)
        offsets, at = [], 0
        for number, part in block:
            offsets.append((at, number))
            at += len(part) + 1
        start = 0
        for sentence in [*_SENTENCE_BREAK.split(text)]:
            found = text.find(sentence, start)
            start = max(found, 0) + len(sentence)
            words = _LIX_WORD.findall(sentence)
            if len(words) > limit:
                where = next(number for offset, number in reversed(offsets) if offset <= max(found, 0))
                out.append((where, len(words), " ".join(sentence.split()[:5])))
        block.clear()

    for index, raw in enumerate(markdown.split("\n")):
        line = raw.strip()
        if not line or line.startswith(("#", ":::", "```", "~~~", "|")) or _BLOCK_MARK.match(raw):
            if block:
                flush()
            if line and _BLOCK_MARK.match(raw) and not line.startswith("#"):
                block.append((first_line + index, _BLOCK_MARK.sub("", raw, count=1).strip()))  # a list item
                flush()
            continue
        text = LINK_TEXT.sub(r"\1", line) if "](" in line else line
        block.append((first_line + index, _NOT_TEXT.sub(" ", text)))
    if block:
        flush()
    return out


HARD_TO_READ = "readability: LIX {score:.0f} is above {limit}; use shorter sentences and shorter words where you can"
