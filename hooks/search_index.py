"""Search: write the language's index (``search/hs-index.js``) after its build, and give every
page what the search form needs (``page.meta.hs_search``). The engine and the index format
are in ``helsesider/search.py`` and ``overrides/assets/javascripts/hs-search.js``.
"""

from __future__ import annotations

import json
from pathlib import Path

import _site
from helsesider.search import build_index, documents, index_script
from helsesider.texts import TEXTS
from helsesider.urls import page_url, relative_href

INDEX = "search/hs-index.js"


def _language_folder(lang: str) -> str:
    """Where a language lives in the whole site: '' for Bokmål, 'nn/' for Nynorsk."""
    return "" if lang == "nb" else f"{lang}/"


def on_page_context(context, *, page, config, nav):
    lang, rel = _site.lang_and_rel(page)
    if lang not in TEXTS:
        return context
    here = page_url(lang, rel, config.use_directory_urls)
    texts = {key: TEXTS[lang][f"search_{key}"] for key in ("label", "placeholder", "button", "loading", "failed", "results", "none")}
    page.meta["hs_search"] = {
        "index": relative_href(here, _language_folder(lang) + INDEX),
        "base": relative_href(here, "./") if here not in ("", "./") else "",
        "texts": texts,
        "texts_json": json.dumps(texts, ensure_ascii=False),
    }
    return context


def on_post_build(config):
    lang = _site.language(config)
    corpus = _site.corpus(config)
    index = build_index(documents(corpus, lang, config.use_directory_urls), lang, corpus.synonyms.get(lang, []))
    i18n = config.plugins.get("i18n")
    at_root = i18n is None or lang == i18n.default_language
    target = Path(config.site_dir) / ("" if at_root else lang) / INDEX
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(index_script(index), encoding="utf-8")
