"""Sorting and initial letters the way each language's dictionaries do it.

Each language's alphabet and the letters that sort as another are data (``collation`` in
data/languages/<code>/language.yml). Norwegian (nb, nn): A–Z, then Æ, Ø, Å; é sorts as e, ü as
y, ä as æ, ö as ø. English: A–Z with every diacritic folded. Northern Sámi: A Á B C Č D Đ … Ž,
then Æ Ø Å. Other accented letters sort as their base letter. Titles that start with a digit or
a sign belong to one group, "#", before A.
"""

from __future__ import annotations

import unicodedata

from helsesider import locales
from helsesider.locales import PerLanguage

ALPHABETS = PerLanguage(lambda language: language.alphabet)
OTHER_GROUP = "#"


def sort_fold(value: str, lang: str) -> str:
    """Lower-case `value` and map every letter onto the language's alphabet."""
    language = locales.get(lang)
    alphabet, special = language.alphabet, language.sort_letters
    out = []
    for ch in value.casefold():
        if ch in alphabet:
            out.append(ch)
        elif ch in special:
            out.append(special[ch])
        else:
            base = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
            out.append(base if base else ch)
    return "".join(out)


@locales.cached
def sort_key(value: str, lang: str) -> tuple:
    """A key that orders strings as the language's dictionaries do; ties broken by the text."""
    alphabet = locales.get(lang).alphabet
    ranks = []
    for ch in sort_fold(value, lang):
        if ch in alphabet:
            ranks.append(100 + alphabet.index(ch))
        elif ch.isdigit():
            ranks.append(10 + int(ch) if ch in "0123456789" else 20)
        elif ch.isspace():
            ranks.append(1)
        # hyphens, apostrophes and other signs do not affect the order
    return (tuple(ranks), value.casefold(), value)


def initial(value: str, lang: str) -> str:
    """The group an index entry belongs to: an upper-case letter of the alphabet, or '#'."""
    folded = sort_fold(value.strip(), lang)
    first = folded[:1]
    if first and first in locales.get(lang).alphabet:
        return first.upper()
    return OTHER_GROUP


def sorter(lang: str):
    """A one-argument sort key for `lang`."""
    return lambda value: sort_key(value, lang)
