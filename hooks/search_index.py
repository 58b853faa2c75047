"""Search: write the language's index (``search/hs-index.js`` and its shards) before its pages in
``mkdocs build`` (after them in the preview), and give every page what the search form needs
(``page.meta.hs_search``). The engine and the index format
are in ``helsesider/search/`` and ``overrides/assets/javascripts/hs-search.js``.
"""

from __future__ import annotations

import functools
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

import _site
from helsesider import LANGUAGES
from helsesider.search import build as build_search_index
from helsesider.search.format import file_name as format_file_name
from helsesider.site.chrome import page_chrome
from helsesider.site.routes import A11Y_REL, AZ_REL
from helsesider.site.search_view import failed_text, search_texts, view_script
from helsesider.site.texts import TEXTS
from helsesider.site.urls import language_folder, page_url, relative_href

INDEX = "search/hs-index.js"


def on_page_context(
    context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
) -> TemplateContext | None:
    lang, rel = _site.lang_and_rel(page)
    if lang not in TEXTS:
        return context
    here = page_url(lang, rel, config.use_directory_urls)
    base = relative_href(here, "./") if here not in ("", "./") else ""
    page.meta["hs_search"] = {
        "index": relative_href(here, language_folder(lang) + INDEX),
        "base": base,
        "texts": search_texts(lang),
        "failed_json": failed_text(lang),
    }
    return context


def on_env(env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment | None:
    """The 404 page (overrides/404.html) has no page object and is served at any address:
    ``hs_not_found()`` gives it its texts, search form and A–Å link with paths from the root."""
    lang = _site.language(config)
    root = urlsplit(_site.root_site_url(config, lang)).path or "/"

    corpus = _site.corpus(config)
    kinds = {"kiosk"} if corpus.settings.kiosk else set()

    @functools.cache
    def not_found() -> dict:
        title = TEXTS[lang]["notfound_title"]
        return {
            "chrome": page_chrome(
                corpus, lang, "404.md", title, title, lambda url: root + url, kinds, config.use_directory_urls
            ),
            "home_label": TEXTS[lang]["notfound_home"],
            "title": TEXTS[lang]["notfound_title"],
            "text": TEXTS[lang]["notfound_text"],
            "search": {
                "index": root + language_folder(lang) + INDEX,
                "base": root,
                "texts": search_texts(lang),
                "failed_json": failed_text(lang),
            },
            "az_label": TEXTS[lang]["az_title"],
            "az_href": root + page_url(lang, AZ_REL[lang], config.use_directory_urls),
            "home_href": root + language_folder(lang),
            "a11y_href": root + page_url(lang, A11Y_REL[lang], config.use_directory_urls),
            "languages": [
                {
                    "lang": other,
                    "name": TEXTS[other]["language_name"],
                    "href": root + language_folder(other),
                    "current": other == lang,
                    "exists": True,
                    "missing_note": "",
                }
                for other in LANGUAGES
            ],
        }

    env.globals["hs_not_found"] = not_found
    return env


# The index of a `mkdocs build` is made and written before the pages (on_nav; the site folder was
# cleaned before on_nav): it reads only the corpus, and made while the pages' HTML is not yet in
# memory, its peak (documents, scores, postings: about 130 MB for 2,000 articles) does not come on
# top of theirs, and its files (about 6 MB a language at 2,000 articles) are not held to the end.
_written: tuple[object, str, bool] | None = None  # (corpus, lang, directory URLs) of the index written


def _index(config: MkDocsConfig) -> dict[str, str]:
    again = _site.STATE.serving or _site.STATE.incremental
    return build_search_index(_site.corpus(config), _site.language(config), config.use_directory_urls, again=again)


@event_priority(-1000)  # after the other hooks' navigation
def on_nav(nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation | None:
    global _written
    _written = None
    if not _site.STATE.serving:  # the preview builds it after its pages, in the background
        _write_index(config, _index(config))
        _written = (_site.corpus(config), _site.language(config), config.use_directory_urls)
    return nav


def on_post_build(*, config: MkDocsConfig) -> None:
    global _written
    written, _written = _written, None
    if written != (_site.corpus(config), _site.language(config), config.use_directory_urls):
        _write_index(config, _index(config))


def _write_index(config: MkDocsConfig, files: dict[str, str]) -> None:
    lang = _site.language(config)
    folder = Path(config.site_dir) / _site.output_folder(config, lang) / Path(INDEX).parent
    folder.mkdir(parents=True, exist_ok=True)
    written = _site.STATE.search_files  # the preview's: what it wrote last time, kept only there
    head = format_file_name("head")  # the results view's texts and HTML travel with the head
    files = {**files, head: files[head] + view_script(lang, config.use_directory_urls, _site.corpus(config).root)}
    for name, text in files.items():
        path = folder / name
        if written.get(str(path)) != text or not path.exists():  # the same script as last time: kept
            _site.write_output(config, path, text.encode("utf-8"))
            if _site.STATE.serving:
                written[str(path)] = text
