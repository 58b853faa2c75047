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

SOFT_HYPHEN = "\u00ad"
# Words shorter than this fit a phone's line at heading sizes
MIN_LENGTH = 12
PATTERNS = {"nb": "nb_NO", "nn": "nn_NO", "en": "en_GB"}
_WORD = re.compile(r"[^\W\d_]{" + str(MIN_LENGTH) + ",}")


@functools.lru_cache(maxsize=8)
def _dictionary(lang: str) -> pyphen.Pyphen | None:
    code = PATTERNS.get(lang)
    return pyphen.Pyphen(lang=code) if code else None


@functools.lru_cache(maxsize=4096)
def soft_hyphens(text: str, lang: str) -> str:
    """`text` with soft hyphens at the hyphenation points of its long words (plain text in,
    plain text out: escape it where it is written)."""
    dictionary = _dictionary(lang)
    if dictionary is None or len(text) < MIN_LENGTH:
        return text
    return _WORD.sub(lambda m: dictionary.inserted(m.group(0), hyphen=SOFT_HYPHEN), text)
