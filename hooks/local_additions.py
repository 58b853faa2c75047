"""Local additions (``helsesider/site/local_view.py``): an article with additions says so under
its lead (``page.meta.hs_local``, partials/local.html); an addition's own page gets its lead, its
attribution ("Lokal informasjon for …, levert av …") and a link back to the national article;
after the language's build, each region's additions are written as a script for hs-site.js to
put in place, from the addition pages' content as rendered and checked here.

Priority of on_page_content -50: after content_safety (100), care cards (50) and services (0)
have made the addition page's HTML what the page shows.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

import _site
from helsesider import locales
from helsesider.site.local_view import (
    DATA_FOLDER,
    addition_attribution,
    addition_intro,
    addition_of_page,
    notice,
    region_scripts,
)
from helsesider.site.offsite import offsite_links
from helsesider.site.routes import provider_page_rel
from helsesider.site.texts import text
from helsesider.site.urls import language_folder, page_url, relative_href


def on_page_context(
    context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
) -> TemplateContext | None:
    lang, rel = _site.lang_and_rel(page)
    corpus = _site.corpus(config)
    if lang not in corpus.articles:
        return context
    urls = config.use_directory_urls
    here = page_url(lang, rel, urls)
    if corpus.article(lang, rel) is not None:
        found = notice(corpus, lang, rel, relative_href(here, language_folder(lang) + DATA_FOLDER + "/"), urls)
        if found is not None:
            page.meta["hs_local"] = found
        return context
    addition = addition_of_page(corpus, lang, rel)
    if addition is not None:
        provider_href = relative_href(here, page_url(lang, provider_page_rel(addition.provider), urls))
        page.meta["hs_lead"] = addition_intro(corpus, lang, addition)
        page.meta["hs_attribution"] = addition_attribution(corpus, lang, addition, provider_href)
        article = corpus.articles[lang][addition.rel]
        page.meta["hs_local_page"] = {
            "national": text(lang, "local_national", title=article.title),
            "href": relative_href(here, page_url(lang, addition.rel, urls)),
        }
    return context


@event_priority(-50)
def on_page_content(html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    lang, rel = _site.lang_and_rel(page)
    corpus = _site.corpus(config)
    addition = addition_of_page(corpus, lang, rel) if lang in corpus.articles else None
    if addition is not None:
        shown = offsite_links(html, locales.known(lang)) if corpus.settings.kiosk else html
        _site.STATE.local_html.setdefault(lang, {})[(addition.rel, addition.region)] = shown
    return html


def on_post_build(*, config: MkDocsConfig) -> None:
    lang = _site.language(config)
    corpus = _site.corpus(config)
    if not corpus.local.placed(lang):
        return
    folder = Path(config.site_dir) / _site.output_folder(config, lang) / DATA_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    rendered = _site.STATE.local_html.get(lang, {})
    for name, script in region_scripts(corpus, lang, rendered, config.use_directory_urls).items():
        (folder / name).write_text(script, encoding="utf-8")
