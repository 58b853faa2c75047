"""Give every article page its attribution block and its JSON-LD (``page.meta``, read by
``overrides/main.html``)."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

import _site
from helsesider.site.attribution import attribution, json_ld, script_json
from helsesider.site.routes import provider_page_rel
from helsesider.site.urls import page_url, relative_href


def on_page_context(
    context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
) -> TemplateContext | None:
    lang, rel = _site.lang_and_rel(page)
    corpus = _site.corpus(config)
    article = corpus.article(lang, rel) if lang in corpus.articles else None
    if article is None:
        return context
    provider = corpus.providers[article.provider]
    urls = config.use_directory_urls
    href = relative_href(page_url(lang, rel, urls), page_url(lang, provider_page_rel(provider.id), urls))
    page.meta["hs_attribution"] = attribution(article, provider, lang, href)
    page.meta["hs_jsonld"] = script_json(json_ld(article, provider, lang, page.canonical_url))
    return context
