"""A page written by a build that renders each page once lets go of what only its rendering needed:
its Markdown, its HTML body and what the hooks put in its ``page.meta`` for the templates (the
``hs_`` keys: chrome, search, related articles …). MkDocs keeps every page until the build ends,
so at 3 × 2,000 articles a language's process held about 35 MB of Markdown and HTML and about
20 MB of template inputs (their pickled size) while it wrote its feed, index and code lookup
(issue 33): it ended at 239-251 MB, and with this hook at 200-215 MB. What the
later steps need was kept by the hooks when the page was made (``_site.STATE.feed_parts``, the
incremental build's records). Its Markdown goes sooner, once the page is rendered (after every
other hook's ``on_page_content``): MkDocs renders every page before it writes the first, and the
Markdown of them all (about 14 MB at 3 × 2,000) was held through that turn, where a language's
memory now peaks with its search index. Not while serving: the preview renders a page again
when it is asked for, from what it kept."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

import _site


@event_priority(-1100)  # after every other hook's on_page_content (feed: -100)
def on_page_content(html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    if not _site.STATE.serving:
        # MkDocs renders every page before it writes the first: until then each held its
        # Markdown as well. "", not None: a page without Markdown has no title.
        page.markdown = ""
    return html


@event_priority(-1100)  # after every other hook's on_post_page (progress: -1000)
def on_post_page(output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
    if not _site.STATE.serving:
        page.markdown = page.content = None
        if page.meta:
            for key in [key for key in page.meta if key.startswith("hs_")]:
                del page.meta[key]
    return output
