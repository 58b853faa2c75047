"""Related articles: up to four at the foot of each article, in the page's language, chosen at
build time and the same from build to build.

Score of another article of the language: +3 for the same topic, +4 when this article links to
it, +2 when it links to this one, +1 for each significant word (six letters or more, folded,
and in at most COMMON articles: a word most articles share says nothing) that both have in
their titles, aliases and descriptions. Ties go by title. A partner's ``related:`` pins
articles first (in the order written) or excludes them. Only articles that share something are
scored (found through indexes by topic, link and word), so thousands of articles cost little.
"""

from __future__ import annotations

import functools
import heapq
import re
import unicodedata

from helsesider.content.links import resolve_relative
from helsesider.content.model import Article
from helsesider.gate.scan import body_scan
from helsesider.site.collation import sort_key

LIMIT = 4
COMMON = 50
_WORD = re.compile(r"[^\W\d_]{6,}")


def _terms(article: Article) -> frozenset[str]:
    return _significant_words(" ".join((article.title, article.description, *article.aliases)))


@functools.lru_cache(maxsize=50_000)  # a server choosing again after a save: only the saved articles' words
def _significant_words(text: str) -> frozenset[str]:
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


def _indexes(corpus, lang: str) -> dict:
    articles = corpus.articles[lang]
    links = _links(corpus, lang)
    linked_from: dict[str, set[str]] = {}
    for source, targets in links.items():
        for target in targets:
            linked_from.setdefault(target, set()).add(source)
    terms = {rel: _terms(article) for rel, article in articles.items()}
    by_term: dict[str, set[str]] = {}
    for rel, words in terms.items():
        for word in words:
            by_term.setdefault(word, set()).add(rel)
    by_topic: dict[str | None, set[str]] = {}
    for rel, article in articles.items():
        if article.topic:
            by_topic.setdefault(article.topic, set()).add(rel)
    return {
        "links": links,
        "linked_from": linked_from,
        "terms": terms,
        "by_topic": by_topic,
        "by_term": {word: rels for word, rels in by_term.items() if len(rels) <= COMMON},
    }


def related(corpus, lang: str, rel: str, limit: int = LIMIT) -> list[Article]:
    """The related articles of the article at `rel` of `lang`, best first."""
    articles = corpus.articles[lang]
    article = articles[rel]
    index = corpus.memo(("related", lang), lambda: _indexes(corpus, lang))
    pinned = [p for p in (resolve(article, t) for t in article.related_pin) if p in articles and p != rel]
    excluded = {resolve(article, t) for t in article.related_exclude} | set(pinned) | {rel}
    scores: dict[str, int] = {}
    for other in index["by_topic"].get(article.topic, ()) if article.topic else ():
        scores[other] = scores.get(other, 0) + 3
    for other in index["links"].get(rel, ()):
        scores[other] = scores.get(other, 0) + 4
    for other in index["linked_from"].get(rel, ()):
        scores[other] = scores.get(other, 0) + 2
    for word in index["terms"][rel]:
        for other in index["by_term"].get(word, ()):
            scores[other] = scores.get(other, 0) + 1
    candidates = [(score, other) for other, score in scores.items() if other not in excluded and other in articles]
    # only the candidates that can be among the first `limit` are put in the titles' order (the
    # collation key of every candidate was a third of the related articles' time)
    room = limit - len(dict.fromkeys(pinned))
    if 0 < room < len(candidates):
        lowest = heapq.nlargest(room, (score for score, _ in candidates))[-1]
        candidates = [c for c in candidates if c[0] >= lowest]
    ranked = (
        sorted((-score, sort_key(articles[other].title, lang), other) for score, other in candidates)
        if room > 0
        else []
    )
    chosen = [articles[p] for p in dict.fromkeys(pinned)] + [articles[r] for _, _, r in ranked]
    return chosen[:limit]
