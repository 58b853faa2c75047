"""The page's chrome around the content: the theme's head and header values escaped, the breadcrumb trail and the navigation section
(``page.meta.hs_breadcrumbs``, ``page.meta.hs_section``: ``helsesider/site/breadcrumbs.py``), an
article's lead, "also called" names and related articles (``helsesider/content/related.py``), no empty
contents column, the theme's texts in the page's language (the Jinja global ``hs_theme_text``,
read by ``overrides/partials/language.html``) and soft hyphens in titles (the filter
``hs_soft_hyphens``, ``helsesider/site/hyphenate.py``)."""

from __future__ import annotations

from jinja2 import Environment
from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

import _site
from helsesider.content.related import related
from helsesider.site.breadcrumbs import breadcrumbs, section
from helsesider.site.hyphenate import soft_hyphens
from helsesider.site.texts import TEXTS, text, theme_file, theme_text
from helsesider.site.urls import page_url, relative_href


def on_env(env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment | None:
    env.globals["hs_theme_text"] = theme_text
    env.globals["hs_theme_file"] = theme_file
    env.filters["hs_soft_hyphens"] = soft_hyphens
    return env


def on_page_context(
    context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
) -> TemplateContext | None:
    # The theme writes these into <head> and the header without escaping them (base.html,
    # header.html): a description with '" http-equiv="refresh' would become an attribute
    for key in ("title", "description", "author"):
        value = page.meta.get(key)
        if isinstance(value, str) and not isinstance(value, Markup):
            page.meta[key] = escape(value)
    lang, rel = _site.lang_and_rel(page)
    if lang not in TEXTS:
        return context
    corpus = _site.corpus(config)
    crumbs = breadcrumbs(corpus, lang, rel, page.title or "", config.use_directory_urls)
    if crumbs:
        page.meta["hs_breadcrumbs"] = crumbs
    article = corpus.article(lang, rel) if lang in corpus.articles else None
    if article is not None:
        page.meta["hs_lead"] = article.description
        if article.aliases:
            page.meta["hs_also_called"] = {"label": text(lang, "also_called"), "names": list(article.aliases)}
        here = page_url(lang, rel, config.use_directory_urls)
        items = [
            {
                "title": other.title,
                "description": other.description,
                "href": relative_href(here, page_url(lang, other.rel, config.use_directory_urls)),
            }
            for other in related(corpus, lang, rel)
        ]
        if items:
            page.meta["hs_related"] = {"heading": text(lang, "related_heading"), "articles": items}
    found = section(corpus, lang, rel)
    if found:
        page.meta["hs_section"] = f"{lang}/{found}"
    entries = sum(1 + len(item.children) for item in page.toc.items)
    if rel == "index.md" or entries < 2:
        # no contents column beside a page without sections (the front page has its own blocks)
        hide = list(page.meta.get("hide") or [])
        page.meta["hide"] = [*hide, "toc"] if "toc" not in hide else hide
    return context
