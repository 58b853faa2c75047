"""Where a page sits in the site: its breadcrumb trail (front page › topic › article) and the
section of the navigation to mark (an article's topic)."""

from __future__ import annotations

from helsesider.content.corpus import Corpus
from helsesider.site.routes import (
    A11Y_REL,
    AZ_REL,
    PROVIDERS_DIR,
    PROVIDERS_INDEX,
    SERVICES_DIR,
    all_services_rel,
    topic_page_rel,
)
from helsesider.site.texts import text
from helsesider.site.urls import page_url, relative_href

HOME = "index.md"


def trail(corpus: Corpus, lang: str, rel: str, title: str) -> list[tuple[str, str]]:
    """(title, rel) from the front page to the page at `rel`; empty for the front page."""
    if rel == HOME:
        return []
    crumbs = [(text(lang, "home"), HOME)]
    folder = rel.split("/", 1)[0] if "/" in rel else ""
    if folder == SERVICES_DIR[lang]:
        parent = (text(lang, "services_title"), all_services_rel(lang))
    elif folder == PROVIDERS_DIR:
        parent = (text(lang, "providers_title"), PROVIDERS_INDEX)
    elif folder and folder in corpus.topic_ids(lang):
        parent = (corpus.topic_title(folder, lang), topic_page_rel(folder))
    else:
        parent = None
    if parent is not None and parent[1] != rel:
        crumbs.append(parent)
    # a page under an article (its local additions: lege/fastlege/lokalt/x.md) has the article above it
    parts = rel.split("/")
    for depth in range(2, len(parts)):
        above = corpus.article(lang, "/".join(parts[:depth]) + ".md")
        if above is not None:
            crumbs.append((above.title, above.rel))
    crumbs.append((title, rel))
    return crumbs


def section(corpus: Corpus, lang: str, rel: str) -> str | None:
    """The page of the navigation that holds `rel` (its topic's page), or None."""
    folder = rel.split("/", 1)[0] if "/" in rel else ""
    if folder and folder in corpus.topic_ids(lang):
        return topic_page_rel(folder)
    if rel in (AZ_REL[lang], A11Y_REL[lang]):
        return rel
    return None


def breadcrumbs(corpus: Corpus, lang: str, rel: str, title: str, directory_urls: bool = True) -> dict | None:
    """What partials/breadcrumbs.html needs: label, back (the parent, for phones) and items
    ({title, href, current}, as "trail"), hrefs relative to the page."""
    crumbs = trail(corpus, lang, rel, title)
    if not crumbs:
        return None
    here = page_url(lang, rel, directory_urls)
    items = [
        {"title": name, "href": relative_href(here, page_url(lang, target, directory_urls)), "current": target == rel}
        for name, target in crumbs
    ]
    return {
        "label": text(lang, "breadcrumbs_label"),
        "back_prefix": text(lang, "breadcrumbs_back"),
        "back": items[-2],
        "trail": items,
    }
