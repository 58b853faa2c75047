"""The language menu of a page: the same page in each language, or that language's front page."""

from __future__ import annotations

from . import LANGUAGES
from .corpus import Corpus
from .pages import generated_rels
from .texts import TEXTS
from .urls import page_url


def exists(corpus: Corpus, lang: str, rel: str) -> bool:
    return rel in corpus.articles[lang] or rel in corpus.pages[lang] or rel in generated_rels(corpus)


def language_menu(corpus: Corpus, current: str, rel: str, directory_urls: bool = True) -> list[dict]:
    """One entry per language: name, lang, site-relative url, whether it is the current
    language, and whether this page exists in it (if not, the url is its front page)."""
    menu = []
    for lang in LANGUAGES:
        found = exists(corpus, lang, rel)
        menu.append({
            "lang": lang,
            "name": TEXTS[lang]["language_name"],
            "url": page_url(lang, rel if found else "index.md", directory_urls),
            "current": lang == current,
            "exists": found,
            "missing_note": "" if found else TEXTS[lang]["translation_missing"],
        })
    return menu
