"""The content feed (``helsesider/site/feed.py``): each article's Markdown and parts are made from
its HTML as its page shows it (priority -100: after the care cards and service links are in), and
the language's ``api/v2/`` files and ``feed.xml`` are written after its build, and with the
default language the code lookup (``api/v2/codes/``, every language) and the manifest. Not in the
kiosk (no one reuses content from a waiting-room screen)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

import _site
from helsesider import default_language
from helsesider.site.code_api import write_code_api
from helsesider.site.feed import SpooledParts, api_parts, record, write_feeds
from helsesider.site.manifest import write_manifest


def on_pre_build(*, config: MkDocsConfig) -> None:
    _site.STATE.feed_parts[_site.language(config)] = SpooledParts()


@event_priority(-100)
def on_page_content(html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    lang, rel = _site.lang_and_rel(page)
    corpus = _site.corpus(config)
    if corpus.settings.kiosk or lang not in corpus.articles:
        return html
    article = corpus.article(lang, rel)
    if article:
        entry = record(corpus, article, _site.root_site_url(config, lang), config.use_directory_urls)
        _site.STATE.feed_parts.setdefault(lang, {})[rel] = api_parts(entry, html, _site.STATE.memos.get("feed"))
    return html


def on_post_build(*, config: MkDocsConfig) -> None:
    corpus = _site.corpus(config)
    lang = _site.language(config)
    if corpus.settings.kiosk or lang not in corpus.articles:
        return
    out = Path(config.site_dir) / _site.output_folder(config, lang)
    write_feeds(
        corpus,
        lang,
        out,
        _site.root_site_url(config, lang),
        _site.STATE.feed_parts.get(lang, {}),
        config.use_directory_urls,
        lambda path, data: _site.write_output(config, path, data),
    )
    if lang == default_language():  # the code lookup and the manifest list every language, once, at the root
        write_code_api(corpus, out, _site.root_site_url(config, lang), config.use_directory_urls)
        write_manifest(corpus, out, _site.root_site_url(config, lang), config.use_directory_urls)
