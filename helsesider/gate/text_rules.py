"""Rules for plain-text values (titles, descriptions, names, aliases, reviewers; also in data/):
text must be what it seems. No invisible direction controls (U+202E turns "gnirts" into
"string" on screen), no control characters, not only invisible characters, and always in
Unicode's composed form (NFC), so "Å" typed as A + ring sorts and is found like "Å"."""

from __future__ import annotations

import re
import unicodedata

# Characters that change the direction text is shown in: a title can show one thing and say another
BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
MARKUP = "<>`"
_BIDI = re.compile("[" + "".join(sorted(BIDI_CONTROLS)) + "]")
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")  # Unicode's category Cc, exactly
# Unicode's non-characters (U+FDD0–U+FDEF and the last two of every plane) and lone surrogates:
# not text, and not allowed in XML (a feed with one is no longer XML)
_NOT_TEXT = re.compile(
    "[\ufdd0-\ufdef\ud800-\udfff"
    + "".join(chr(plane * 0x10000 + 0xFFFE) + chr(plane * 0x10000 + 0xFFFF) for plane in range(17))
    + "]"
)
_VISIBLE_ASCII = re.compile("[!-~]")  # a visible ASCII letter, digit or sign: the common case, decided at once


def normalise(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def text_problem(text: str) -> str | None:
    """Why `text` is not plain visible text (None when it is)."""
    if _BIDI.search(text):
        return "must not contain invisible direction controls (such as U+202E); write the text as it reads"
    if _CONTROL.search(text):
        return "must not contain control characters"
    odd = _NOT_TEXT.search(text)
    if odd:
        return f"must not contain U+{ord(odd.group(0)):04X}, which is not a character"
    if not _VISIBLE_ASCII.search(text) and not any(unicodedata.category(ch)[0] not in "CZ" for ch in text):
        return "has no visible text (only invisible or space characters)"
    return None


def plain_text_problem(text: str) -> str | None:
    """As text_problem, and no HTML or Markdown (for names written into pages)."""
    if any(ch in text for ch in MARKUP) or "](" in text:
        return "must be plain text, without HTML or Markdown"
    return text_problem(text)
