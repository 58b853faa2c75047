"""The hand-off to the logged-in services (logic in ``helsesider/site/services.py``):
``service:`` links in articles become hand-off links, front pages get the "Hva vil du gjøre?"
tiles (``page.meta.hs_services``), every page the link to its language's accessibility
statement (``page.meta.hs_a11y_href``), and every template can call ``hs_help(lang)`` for the
emergency numbers and the guidance line."""

from __future__ import annotations

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

import _site
from helsesider import locales
from helsesider.site.routes import A11Y_REL
from helsesider.site.services import front_tiles, rewrite_links
from helsesider.site.texts import TEXTS, help_texts
from helsesider.site.urls import page_url, relative_href


def on_env(env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment | None:
    env.globals["hs_help"] = lambda lang: help_texts(locales.known(lang))
    return env


def on_page_content(html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    lang, rel = _site.lang_and_rel(page)
    corpus = _site.corpus(config)
    if corpus.partner_content(lang, rel) is None:
        return html
    return rewrite_links(html, corpus, lang)


def on_page_context(
    context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
) -> TemplateContext | None:
    lang, rel = _site.lang_and_rel(page)
    if lang not in TEXTS:
        return context
    here = page_url(lang, rel, config.use_directory_urls)
    page.meta["hs_a11y_href"] = relative_href(here, page_url(lang, A11Y_REL[lang], config.use_directory_urls))
    if rel == "index.md":
        corpus = _site.corpus(config)
        page.meta["hs_services"] = front_tiles(
            corpus, lang, page_url(lang, rel, config.use_directory_urls), config.use_directory_urls
        )
    return context
