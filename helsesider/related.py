"""Related articles: up to four at the foot of each article, in the page's language, chosen at
build time and the same from build to build.

Score of another article of the language: +3 for the same topic, +4 when this article links to
it, +2 when it links to this one, +1 for each significant word (six letters or more, folded)
that both have in their titles, aliases and descriptions. Ties go by title. A partner's
``related:`` pins articles first (in the order written) or excludes them.
"""

from __future__ import annotations

import re
import unicodedata

from .collation import sort_key
from .content_checks import body_scan, resolve_relative
from .model import Article

LIMIT = 4
_WORD = re.compile(r"[^\W\d_]{6,}")


def _terms(article: Article) -> frozenset[str]:
    text = " ".join((article.title, article.description, *article.aliases))
    return frozenset(unicodedata.normalize("NFC", word.casefold()) for word in _WORD.findall(text))


def resolve(article: Article, target: str) -> str | None:
    """The path (inside the article's language folder) a relative .md link or `related:` entry
    names, or None when it leads to another language or outside docs/."""
    found = resolve_relative(article.lang, article.rel, target.split("#", 1)[0])
    return found[1] if found and found[0] == article.lang else None


def _links(corpus, lang: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for article in corpus.articles[lang].values():
        targets = out.setdefault(article.rel, set())
        for link in body_scan(corpus, article).links:
            if ":" not in link.target and link.target.split("#", 1)[0].endswith(".md"):
                rel = resolve(article, link.target)
                if rel and rel != article.rel:
                    targets.add(rel)
    return out


def related(corpus, lang: str, rel: str, limit: int = LIMIT) -> list[Article]:
    """The related articles of the article at `rel` of `lang`, best first."""
    articles = corpus.articles[lang]
    article = articles[rel]
    links = corpus.memo(("links", lang), lambda: _links(corpus, lang))
    terms = corpus.memo(("terms", lang), lambda: {r: _terms(a) for r, a in articles.items()})
    pinned = [p for p in (resolve(article, t) for t in article.related_pin) if p in articles and p != rel]
    excluded = {resolve(article, t) for t in article.related_exclude} | set(pinned) | {rel}
    scored = []
    for other_rel, other in articles.items():
        if other_rel in excluded:
            continue
        score = (3 if other.topic and other.topic == article.topic else 0) \
            + (4 if other_rel in links.get(rel, ()) else 0) \
            + (2 if rel in links.get(other_rel, ()) else 0) \
            + len(terms[rel] & terms[other_rel])
        if score > 0:
            scored.append((-score, sort_key(other.title, lang), other_rel))
    chosen = [articles[p] for p in dict.fromkeys(pinned)] + [articles[r] for _, _, r in sorted(scored)]
    return chosen[:limit]
