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
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

import _site
from helsesider.content.related import related
from helsesider.site.breadcrumbs import breadcrumbs, section
from helsesider.site.chrome import page_chrome, without_title_heading
from helsesider.site.hyphenate import soft_hyphens
from helsesider.site.markup import Dedent, template_cache
from helsesider.site.routes import AZ_REL, LOOKUP_REL
from helsesider.site.texts import TEXTS, text, theme_file, theme_text
from helsesider.site.theme_frame import without_theme_frame
from helsesider.site.urls import page_url, relative_href


def on_env(env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment | None:
    env.globals["hs_theme_text"] = theme_text
    env.globals["hs_theme_file"] = theme_file
    env.filters["hs_soft_hyphens"] = soft_hyphens
    # A block tag's line leaves no blank line with its indentation in the page (about 2 KB of
    # 30 in an article page); the newline before the tag stays, so words never run together.
    env.trim_blocks = env.lstrip_blocks = True
    env.add_extension(Dedent)  # and no line's indentation (helsesider/site/markup.py)
    env.bytecode_cache = template_cache(env)  # before the first template is compiled

    def chrome_of(page: Page | None) -> dict:
        """The page's chrome (page.meta.hs_chrome), or on the 404 page (no page) its own
        (hs_not_found, hooks/search_index.py)."""
        if page is not None and page.meta and "hs_chrome" in page.meta:
            return page.meta["hs_chrome"]
        not_found = env.globals["hs_not_found"]
        assert callable(not_found)
        return not_found()["chrome"]

    def languages_of(page: Page | None) -> list | None:
        """The language list of the header and the footer: the page's (hooks/languages.py), or
        on the 404 page its own."""
        if page is not None:
            return page.meta.get("hs_languages") if page.meta else None
        not_found = env.globals.get("hs_not_found")
        return not_found()["languages"] if callable(not_found) else None

    env.globals["hs_chrome"] = chrome_of
    env.globals["hs_languages"] = languages_of
    return env


@event_priority(-50)  # after the care cards (50) are rendered
def on_page_content(html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    if 'class="hs-care' in html:
        page.meta.setdefault("hs_kinds", set()).add("care")
    lang, rel = _site.lang_and_rel(page)
    if lang in TEXTS and _site.corpus(config).article(lang, rel) is not None:
        return without_title_heading(html)  # the page shows its title with the lead and "also called"
    return html


def on_page_context(
    context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
) -> TemplateContext | None:
    # Our templates escape what they write: they get the values as written
    raw_title, raw_description = str(page.title or ""), page.meta.get("description")
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
    crumbs = breadcrumbs(corpus, lang, rel, raw_title, config.use_directory_urls)
    if crumbs:
        page.meta["hs_breadcrumbs"] = crumbs
    article = corpus.article(lang, rel) if lang in corpus.articles else None
    here = page_url(lang, rel, config.use_directory_urls)
    if article is not None:
        page.meta["hs_lead"] = article.description
        page.meta["hs_toc"] = contents(page.toc.items)
        if article.aliases:
            page.meta["hs_also_called"] = {"label": text(lang, "also_called"), "names": list(article.aliases)}
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
    kinds = set(page.meta.get("hs_kinds") or ())
    kinds |= {"cards"} if rel == "index.md" else set()
    kinds |= {"az"} if rel == AZ_REL[lang] else set()
    kinds |= {"lookup"} if rel == LOOKUP_REL[lang] else set()
    kinds |= {"kiosk"} if corpus.settings.kiosk else set()
    description = str(raw_description or config.site_description or "")
    page.meta["hs_chrome"] = page_chrome(
        corpus, lang, rel, raw_title, description, lambda url: relative_href(here, url), kinds,
        config.use_directory_urls,
    )  # fmt: skip
    return context


# A long article lists its sections under its lead ("På denne siden")
TOC_FROM = 4


def contents(items) -> list[dict]:
    """The article's sections (its level-2 headings) when it has TOC_FROM or more."""
    sections = [child for item in items for child in (item.children if item.level == 1 else [item])]
    sections = [item for item in sections if item.level == 2]
    return [{"title": item.title, "href": item.url} for item in sections] if len(sections) >= TOC_FROM else []


@event_priority(1000)  # first: every later hook (kiosk, incremental, memory) sees the finished page
def on_post_page(output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
    return without_theme_frame(output)  # Material's unused drawer, skip link, banner, dialog


def on_post_template(output: str, /, *, template_name: str, config: MkDocsConfig) -> str | None:
    return without_theme_frame(output) if template_name == "404.html" else output
