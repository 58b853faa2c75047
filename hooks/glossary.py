"""Glossary terms in articles (data/glossary/<lang>.yml): the first occurrence of each term is
marked and the list "Ord og uttrykk" is added at the article's end
(helsesider/site/glossary_view.py, overrides/partials/glossary.html). Priority 40: after the
content gate (100) and the care cards (50), whose text is never marked."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

import _site
from helsesider.content.glossary import cached_glossary
from helsesider.site.glossary_view import explanation_items, mark_terms
from helsesider.site.markup import render
from helsesider.site.texts import text


@event_priority(40)
def on_page_content(html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    lang, rel = _site.lang_and_rel(page)
    corpus = _site.corpus(config)
    article = corpus.articles.get(lang, {}).get(rel)
    if article is None:
        return html
    root = Path(config.docs_dir).parent
    # the article's own names are its subject, not hard words in it
    own = frozenset(name.lower() for name in (article.title, *article.aliases))
    marked, used = mark_terms(html, cached_glossary(root, lang), frozenset(article.glossary_off), own)
    if not used:
        return html
    section = render(
        "partials/glossary.html",
        root,
        heading=text(lang, "glossary_heading"),
        show=text(lang, "glossary_show"),
        items=explanation_items(used),
    )
    return marked + section
