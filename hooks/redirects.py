"""Write a redirect page at every old address of the language being built
(``helsesider/site/redirects.py``; the redirects are validated with the content)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

import _site
from helsesider.site.redirects import redirect_pages
from helsesider.site.urls import language_folder


def on_post_build(*, config: MkDocsConfig) -> None:
    lang = _site.language(config)
    corpus = _site.corpus(config)
    out = Path(config.site_dir) / _site.output_folder(config, lang)
    for url, page in redirect_pages(corpus, lang, _site.root_site_url(config, lang), config.use_directory_urls).items():
        local = url.removeprefix(language_folder(lang))
        target = out / local / "index.html" if local.endswith("/") else out / local
        if target.exists():
            continue  # a page of the site is there (the check refuses this; never overwrite one)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page, encoding="utf-8")
