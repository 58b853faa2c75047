"""Give every page its language menu (``page.meta.hs_languages``).

The menu links to the same page in each language where it exists, and to that language's
front page where it does not; ``overrides/partials/alternate.html`` renders it.
"""

from __future__ import annotations

from pathlib import Path

from helsesider.corpus import load_corpus
from helsesider.languages import language_menu
from helsesider.settings import Settings


def on_page_context(context, *, page, config, nav):
    lang, _, rel = page.file.src_uri.partition("/")
    corpus = load_corpus(Path(config.docs_dir).parent, Settings.from_extra(config.extra))
    if lang in corpus.articles:
        page.meta["hs_languages"] = language_menu(corpus, lang, rel, config.use_directory_urls)
    return context
