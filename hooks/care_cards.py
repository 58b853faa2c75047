"""Care cards in the page's language: the Markdown extension (helsesider/content/care_cards.py) marks
each card; here it gets its heading, number and colours from overrides/partials/care-card.html
(helsesider/site/care_card_view.py). Priority 50: after the content gate (100) has checked the
partner's HTML, before the project's own markup is added."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

import _site
from helsesider import locales
from helsesider.site.care_card_view import render_cards


@event_priority(50)
def on_page_content(html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    lang, _ = _site.lang_and_rel(page)
    return render_cards(html, locales.known(lang), Path(config.docs_dir).parent)
