"""Give every page its language menu (``page.meta.hs_languages``) and its hreflang alternates
(``page.meta.hs_hreflang``: the translations that exist, and x-default).

The menu links to the same page in each language where it exists, and to that language's
front page where it does not; ``overrides/partials/alternate.html`` renders it.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

import _site
from helsesider.site.languages import language_menu
from helsesider.site.sitemap import alternates


def on_page_context(
    context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
) -> TemplateContext | None:
    lang, rel = _site.lang_and_rel(page)
    corpus = _site.corpus(config)
    if lang in corpus.articles:
        page.meta["hs_languages"] = language_menu(corpus, lang, rel, config.use_directory_urls)
        if config.site_url and not corpus.settings.kiosk:
            page.meta["hs_hreflang"] = alternates(
                corpus, lang, rel, _site.root_site_url(config, lang), config.use_directory_urls
            )
    return context
