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


HARD_TO_READ = "readability: LIX {score:.0f} is above {limit}; use shorter sentences and shorter words where you can"
