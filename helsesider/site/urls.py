"""Where a page of a language ends up, the way MkDocs with mkdocs-static-i18n writes it.

The default language is at the site root, the others under /<lang>/. With directory URLs,
``lege/fastlege.md`` is ``lege/fastlege/``; without (the kiosk), ``lege/fastlege.html``.
"""

from __future__ import annotations

import posixpath

from helsesider import default_language


def language_folder(lang: str) -> str:
    """Where a language lives in the whole site: '' for the default language, else 'nn/'."""
    return "" if lang == default_language() else f"{lang}/"


def page_url(lang: str, rel: str, directory_urls: bool = True) -> str:
    """The site-relative URL of the page at `rel` (a .md path inside the language folder)."""
    parent, name = posixpath.split(rel)
    stem = name[:-3] if name.endswith(".md") else name
    if stem in ("index", "README"):
        path = posixpath.join(parent, "index.html")
        url = (parent + "/" if parent else "") if directory_urls else path
    else:
        url = posixpath.join(parent, stem) + "/" if directory_urls else posixpath.join(parent, stem + ".html")
    return (language_folder(lang) + url) or "./"


def relative_href(from_url: str, to_url: str) -> str:
    """A link from the page at `from_url` to `to_url`; both are site-relative URLs
    ('lege/fastlege/', 'nn/', '' or './' for the root, 'lege/fastlege.html' without directory URLs)."""
    from_dir = from_url if from_url.endswith("/") else from_url.rpartition("/")[0]
    from_parts = [part for part in from_dir.split("/") if part and part != "."]
    to_parts = [part for part in to_url.split("/") if part and part != "."]
    common = 0
    while common < len(from_parts) and common < len(to_parts) and from_parts[common] == to_parts[common]:
        common += 1
    href = "/".join([".."] * (len(from_parts) - common) + to_parts[common:])
    if not href:
        return "./"
    return href + "/" if (to_url.endswith("/") or to_url in ("", "./")) and not href.endswith("/") else href
