"""Where an article's links lead: schemes, heading ids, relative paths inside and across the
language folders, and redirects followed to their end. The model the site and the gate both
read; what a link may be is the gate's (``helsesider/gate/links.py``)."""

from __future__ import annotations

import html
import posixpath
import re
import unicodedata
from urllib.parse import unquote

from helsesider import LANGUAGES

INLINE_LINK = re.compile(
    r"(!?)\[((?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]"  # [text] or ![alt]
    r"\(\s*(<[^>\n]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)"  # (destination
    r"(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^)\n]*\)))?\s*\)"
)  # "title")


LINK_TEXT = re.compile(r"!?\[([^\[\]\n]*)\]\([^()\n]*\)")  # a link or image, its text in group 1 (linear time)


def normalised_url(url: str) -> str:
    """A URL the way a browser would finally read its scheme: entities and %-escapes decoded
    (repeatedly), backslashes, white space and control characters removed, lower case."""
    text = url
    for _ in range(4):
        decoded = unquote(html.unescape(text))
        if decoded == text:
            break
        text = decoded
    text = text.replace("\\", "")
    return "".join(ch for ch in text if not ch.isspace() and unicodedata.category(ch)[0] != "C").lower()


def scheme_of(url: str) -> str | None:
    match = re.match(r"^([a-z][a-z0-9+.\-]*):", normalised_url(url))
    return match.group(1) if match else None


def slugify(text: str) -> str:
    """The id Python-Markdown's toc extension gives a heading (its default slugify)."""
    value = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    value = re.sub(r"[^\w\s-]", "", value).strip().lower()
    return re.sub(r"[-\s]+", "-", value)


def rewrite_link_targets(body: str, replace) -> str:
    """`body` with each inline link's destination passed through `replace(target)` (which returns
    the new destination, or None to keep it)."""
    if "](" not in body:
        return body

    def one(match: re.Match) -> str:
        target = match.group(3)
        new = replace(target.strip("<>"))
        if new is None:
            return match.group(0)
        start, end = match.start(3) - match.start(0), match.end(3) - match.start(0)
        return match.group(0)[:start] + new + match.group(0)[end:]

    return INLINE_LINK.sub(one, body)


def final_target(corpus, lang: str, old: str) -> str | None:
    """Where a redirect finally leads (following chains: a -> b, b -> c), None for a circle."""
    table = {r.old: r.new for r in corpus.redirects if r.lang == lang}
    seen, current = set(), old
    while current in table:
        if current in seen:
            return None
        seen.add(current)
        current = table[current]
    return current


def cross_language_target(lang: str, rel: str, target: str) -> tuple[str, str, str] | None:
    """(language, path, '#anchor' or '') when `target`, a link in the article at `rel` of `lang`,
    points at a .md file in another language's folder (``../../en/lege/fastlege.md``)."""
    path, hash_, anchor = target.partition("#")
    if scheme_of(target) is not None or not path:
        return None
    found = resolve_relative(lang, rel, path)
    if found is None or found[0] == lang or not found[1].endswith(".md"):
        return None
    return found[0], found[1], hash_ + anchor


def resolve_relative(lang: str, rel: str, path: str) -> tuple[str, str] | None:
    """Where a relative link in docs/<lang>/<rel> leads: (language, path inside that language's
    folder; ``../../en/lege/gp.md`` leads into en), or None when it leaves docs/."""
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(rel), path))
    if not resolved.startswith("../"):
        return lang, resolved
    parts = resolved.split("/")
    if len(parts) >= 3 and parts[1] in LANGUAGES and ".." not in parts[2:]:
        return parts[1], "/".join(parts[2:])
    return None
