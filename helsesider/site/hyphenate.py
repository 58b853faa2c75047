"""Soft hyphens in long words, so a title like "Tilgjengelighetserklæring" breaks as
"Tilgjengelighets-erklæring" on a 320 px phone instead of overflowing or breaking mid-word.

CSS ``hyphens: auto`` needs the browser's own dictionary for the language, which many browsers
lack for Norwegian; a soft hyphen (U+00AD) works in every browser and is invisible unless the
line breaks there. The hyphenation patterns are pyphen's (LibreOffice's dictionaries).
"""

from __future__ import annotations

import functools
import re

import pyphen

from helsesider import locales

SOFT_HYPHEN = "\u00ad"
# Words shorter than this fit a phone's line at heading sizes
MIN_LENGTH = 12
_WORD = re.compile(r"[^\W\d_]{" + str(MIN_LENGTH) + ",}")


@functools.lru_cache(maxsize=16)
def _pyphen(code: str) -> pyphen.Pyphen | None:
    return pyphen.Pyphen(lang=code) if code in pyphen.LANGUAGES else None


def _dictionary(lang: str) -> pyphen.Pyphen | None:
    """The language's hyphenation dictionary (``hyphenation`` in its language.yml), if any."""
    code = locales.get(lang).hyphenation
    return _pyphen(code) if code else None


@locales.cached
def soft_hyphens(text: str, lang: str) -> str:
    """`text` with soft hyphens at the hyphenation points of its long words (plain text in,
    plain text out: escape it where it is written)."""
    dictionary = _dictionary(lang)
    if dictionary is None or len(text) < MIN_LENGTH:
        return text
    return _WORD.sub(lambda m: dictionary.inserted(m.group(0), hyphen=SOFT_HYPHEN), text)
