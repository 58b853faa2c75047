"""The navigation of every page: the front page, the topics (sorted by title) and the A–Å
index, never the articles; it stays the same size whatever the number of articles. The front
page also lists the topics.

Priority -150: after mkdocs-static-i18n's ``on_nav`` (-100) has found the homepage.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

import _site
from helsesider.site.pages import AZ_REL, topic_cards
from helsesider.site.texts import text
from helsesider.site.urls import page_url, relative_href


@event_priority(-150)
def on_nav(nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation | None:
    lang = _site.language(config)
    corpus = _site.corpus(config)
    by_src = {page.file.src_uri: page for page in nav.pages}
    home = by_src.get(f"{lang}/index.md")
    topics = [
        by_src[f"{lang}/{card['rel']}"] for card in topic_cards(corpus, lang) if f"{lang}/{card['rel']}" in by_src
    ]
    az = by_src.get(f"{lang}/{AZ_REL[lang]}")
    items = [page for page in (home, *topics, az) if page is not None]
    for page in items:
        page.parent = None
    for before, page, after in zip([None, *items[:-1]], items, [*items[1:], None]):
        page.previous_page, page.next_page = before, after
    navigation = Navigation(items, items)
    navigation.homepage = home
    return navigation


def on_page_context(
    context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
) -> TemplateContext | None:
    """The front page lists the topics and links to the A–Å index (``page.meta.hs_topics``)."""
    lang, rel = _site.lang_and_rel(page)
    if rel != "index.md":
        return context
    corpus = _site.corpus(config)
    urls = config.use_directory_urls
    here = page_url(lang, rel, urls)
    cards = [
        dict(card, href=relative_href(here, page_url(lang, card["rel"], urls))) for card in topic_cards(corpus, lang)
    ]
    page.meta["hs_front"] = {
        "search_label": text(lang, "front_search_label"),
        "most_read": {
            "heading": text(lang, "most_read"),
            "articles": [
                {
                    "title": article.title,
                    "description": article.description,
                    "href": relative_href(here, page_url(lang, article.rel, urls)),
                }
                for article in (corpus.article(lang, rel) for rel in corpus.settings.front_articles)
                if article is not None
            ],
        },
    }
    page.meta["hs_topics"] = {
        "heading": text(lang, "topics_heading"),
        "cards": cards,
        "az_label": text(lang, "az_title"),
        "az_href": relative_href(here, page_url(lang, AZ_REL[lang], urls)),
    }
    return context
