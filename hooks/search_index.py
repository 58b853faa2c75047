"""Search: write the language's index (``search/hs-index.js``) after its build, and give every
page what the search form needs (``page.meta.hs_search``). The engine and the index format
are in ``helsesider/search.py`` and ``overrides/assets/javascripts/hs-search.js``.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from urllib.parse import urlsplit

import _site
from helsesider import LANGUAGES
from helsesider.pages import A11Y_REL, AZ_REL
from helsesider.search import build_index, documents, index_script
from helsesider.texts import TEXTS
from helsesider.urls import language_folder, page_url, relative_href

INDEX = "search/hs-index.js"


@functools.lru_cache(maxsize=None)
def _texts(lang: str) -> tuple[dict, str]:
    """The search form's texts in `lang`, and the same as JSON (once per language, not per page)."""
    texts = {key: TEXTS[lang][f"search_{key}"] for key in ("label", "placeholder", "button", "loading", "failed", "results", "none")}
    return texts, json.dumps(texts, ensure_ascii=False)


def on_page_context(context, *, page, config, nav):
    lang, rel = _site.lang_and_rel(page)
    if lang not in TEXTS:
        return context
    here = page_url(lang, rel, config.use_directory_urls)
    texts, texts_json = _texts(lang)
    page.meta["hs_search"] = {
        "index": relative_href(here, language_folder(lang) + INDEX),
        "base": relative_href(here, "./") if here not in ("", "./") else "",
        "texts": texts,
        "texts_json": texts_json,
    }
    return context


def on_env(env, *, config, files):
    """The 404 page (overrides/404.html) has no page object and is served at any address:
    ``hs_not_found()`` gives it its texts, search form and A–Å link with paths from the root."""
    lang = _site.language(config)
    root = urlsplit(_site.root_site_url(config, lang)).path or "/"

    def not_found() -> dict:
        texts, texts_json = _texts(lang)
        return {"title": TEXTS[lang]["notfound_title"], "text": TEXTS[lang]["notfound_text"],
                "search": {"index": root + language_folder(lang) + INDEX, "base": root, "texts": texts, "texts_json": texts_json},
                "az_label": TEXTS[lang]["az_title"], "az_href": root + page_url(lang, AZ_REL[lang], config.use_directory_urls),
                "home_href": root + language_folder(lang),
                "a11y_href": root + page_url(lang, A11Y_REL[lang], config.use_directory_urls),
                "languages": [{"lang": other, "name": TEXTS[other]["language_name"], "href": root + language_folder(other),
                               "current": other == lang, "exists": True, "missing_note": ""} for other in LANGUAGES]}

    env.globals["hs_not_found"] = not_found
    return env


def on_post_build(config):
    lang = _site.language(config)
    corpus = _site.corpus(config)
    index = build_index(documents(corpus, lang, config.use_directory_urls), lang, corpus.synonyms.get(lang, []))
    target = Path(config.site_dir) / _site.output_folder(config, lang) / INDEX
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(index_script(index), encoding="utf-8")
