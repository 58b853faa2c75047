"""Give every article page its attribution block and its JSON-LD.

``on_page_markdown`` is the first page event that sees ``files`` (to find the provider page's
URL); the data goes into ``page.meta`` where ``overrides/main.html`` reads it.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import get_plugin_logger

from helsesider.attribution import attribution, json_ld, script_json
from helsesider.corpus import load_corpus
from helsesider.pages import provider_page_rel
from helsesider.settings import Settings

log = get_plugin_logger("helsesider")


def on_page_markdown(markdown, *, page, config, files):
    lang, _, rel = page.file.src_uri.partition("/")
    corpus = load_corpus(Path(config.docs_dir).parent, Settings.from_extra(config.extra))
    article = corpus.article(lang, rel) if lang in corpus.articles else None
    if article is None:
        return markdown
    provider = corpus.providers[article.provider]
    provider_file = files.get_file_from_path(f"{lang}/{provider_page_rel(provider.id)}")
    page.meta["hs_attribution"] = attribution(article, provider, lang, provider_file.url if provider_file else "")
    page.meta["hs_jsonld"] = script_json(json_ld(article, provider, lang, page.canonical_url))
    return markdown
