"""Links from an article to an article of another language (``../../en/lege/fastlege.md``).

In a one-language build the other language's files are not part of the build, so MkDocs cannot
resolve such a link; the check has already made sure the target exists. Before Markdown runs,
the link gets the address the target has in the whole site.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

import _site
from helsesider.content.links import cross_language_target, rewrite_link_targets
from helsesider.site.urls import page_url, relative_href


def on_page_markdown(markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    lang, rel = _site.lang_and_rel(page)
    if "../" not in markdown:
        return markdown
    here = page_url(lang, rel, config.use_directory_urls)

    def replace(target: str):
        found = cross_language_target(lang, rel, target)
        if found is None:
            return None
        other, path, anchor = found
        return relative_href(here, page_url(other, path, config.use_directory_urls)) + anchor

    return rewrite_link_targets(markdown, replace)
