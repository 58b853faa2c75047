"""Where a page of a language ends up, the way MkDocs with mkdocs-static-i18n writes it.

The default language is at the site root, the others under /<lang>/. With directory URLs,
``lege/fastlege.md`` is ``lege/fastlege/``; without (the kiosk), ``lege/fastlege.html``.
"""

from __future__ import annotations

import posixpath

from . import DEFAULT_LANGUAGE


def page_url(lang: str, rel: str, directory_urls: bool = True) -> str:
    """The site-relative URL of the page at `rel` (a .md path inside the language folder)."""
    parent, name = posixpath.split(rel)
    stem = name[:-3] if name.endswith(".md") else name
    if stem in ("index", "README"):
        path = posixpath.join(parent, "index.html")
        url = (parent + "/" if parent else "") if directory_urls else path
    else:
        url = posixpath.join(parent, stem) + "/" if directory_urls else posixpath.join(parent, stem + ".html")
    prefix = "" if lang == DEFAULT_LANGUAGE else f"{lang}/"
    return (prefix + url) or "./"
