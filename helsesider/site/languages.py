"""The language menu of a page: the same page in each language, or that language's front page."""

from __future__ import annotations

from helsesider import LANGUAGES
from helsesider.content.corpus import Corpus
from helsesider.site.pages import page_in_languages
from helsesider.site.texts import TEXTS
from helsesider.site.urls import page_url, relative_href


def language_menu(corpus: Corpus, current: str, rel: str, directory_urls: bool = True) -> list[dict]:
    """One entry per language: name, lang, href (relative to the current page), whether it is
    the current language, and whether this page exists in it (if not, href is its front page)."""
    here = page_url(current, rel, directory_urls)
    exists = page_in_languages(corpus, current, rel)
    menu = []
    for lang in LANGUAGES:
        target = exists.get(lang)
        found = target is not None
        menu.append(
            {
                "lang": lang,
                "name": TEXTS[lang]["language_name"],
                "href": relative_href(
                    here, page_url(lang, target if target is not None else "index.md", directory_urls)
                ),
                "current": lang == current,
                "exists": found,
                "missing_note": "" if found else TEXTS[lang]["translation_missing"],
            }
        )
    return menu
