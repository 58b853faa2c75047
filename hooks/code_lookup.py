"""The code lookup page (``helsesider/site/code_api.py``): what its form and hs-lookup.js need
(``page.meta.hs_lookup``, partials/lookup.html), and after the language's build its codes as
scripts beside the search index (``search/hs-code-<system>-<letter>.js``), so a record system's
link, or a QR code in a waiting room, finds the article from a server or from ``file://``.
"""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

import _site
from helsesider import LANGUAGES
from helsesider.content.codes import SYSTEM, SYSTEMS
from helsesider.site.code_api import lookup_scripts
from helsesider.site.routes import AZ_REL, LOOKUP_REL
from helsesider.site.texts import TEXTS, alarm_texts, text
from helsesider.site.urls import language_folder, page_url, relative_href

LOOKUP_TEXTS = ("system", "code", "button", "none", "found", "search", "going", "no_script")


def on_page_context(
    context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
) -> TemplateContext | None:
    lang, rel = _site.lang_and_rel(page)
    if lang not in LANGUAGES or rel != LOOKUP_REL[lang]:
        return context
    urls = config.use_directory_urls
    here = page_url(lang, rel, urls)
    texts = {key: TEXTS[lang][f"lookup_{key}"] for key in LOOKUP_TEXTS}  # {code} is filled in by hs-lookup.js
    systems = [{"id": s, "name": SYSTEM[s].name, "oids": list(SYSTEM[s].oids)} for s in SYSTEMS]
    # the same page in every language: a link that asks for another language goes there
    pages = {other: relative_href(here, page_url(other, LOOKUP_REL[other], urls)) for other in LANGUAGES}
    page.meta["hs_lookup"] = {
        "data": relative_href(here, language_folder(lang) + "search/"),
        "root": relative_href(here, language_folder(lang) or "./"),
        "lang": lang,
        "texts": texts,
        "texts_json": json.dumps(texts, ensure_ascii=False),
        "systems": systems,
        "systems_json": json.dumps(systems),
        "pages_json": json.dumps(pages),
        "az": relative_href(here, page_url(lang, AZ_REL[lang], urls)),
        "az_label": text(lang, "az_title"),
        "alarm": alarm_texts(lang)["113"],
    }
    return context


def on_post_build(*, config: MkDocsConfig) -> None:
    lang = _site.language(config)
    corpus = _site.corpus(config)
    if lang not in corpus.articles:
        return
    folder = Path(config.site_dir) / _site.output_folder(config, lang) / "search"
    folder.mkdir(parents=True, exist_ok=True)
    for name, script in lookup_scripts(corpus, lang, config.use_directory_urls).items():
        (folder / name).write_text(script, encoding="utf-8")
