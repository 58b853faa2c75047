"""The portal's chrome around every page, as data for the templates: the header's links (the
front page, the services, A–Å), the phone menu (the topics too), the emergency numbers (in full
on the front page and the acute-help topic, on one line elsewhere), the footer, the document's
title, and the stylesheets and scripts the page loads (only those it uses, from the site root's
``assets/``: helsesider/site/design.py).

``page_chrome`` takes a function that turns a site-relative URL ('lege/', 'nn/a-a/',
'assets/…') into the page's link to it: relative for pages, from the root for the 404 page, which
is served at any address. Knows no MkDocs (``hooks/chrome.py`` calls it).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable

from helsesider import LANGUAGES, default_language, locales
from helsesider.content.corpus import Corpus
from helsesider.site.collation import sort_key
from helsesider.site.design import assets
from helsesider.site.routes import A11Y_REL, AZ_REL, PROVIDERS_INDEX, SERVICES_DIR, all_services_rel, topic_page_rel
from helsesider.site.texts import help_texts, text
from helsesider.site.urls import language_folder, page_url

SITE_NAME = "Helsesider"
LABELS = (
    "nav_label", "nav_services", "menu_open", "menu_close", "search_open", "language_button", "home",
    "topics_heading", "az_title", "footer_owner", "footer_about", "footer_about_text", "footer_contact",
    "footer_privacy", "footer_privacy_text", "footer_privacy_offline", "footer_languages", "a11y_title", "skip_to_content",
    "emergency_short", "out_of_hours_short", "emergency_label",
)  # fmt: skip


_TITLE_HEADING = re.compile(r"\A\s*<h1\b[^>]*>.*?</h1>\s*", re.S)


def without_title_heading(article_html: str) -> str:
    """An article's HTML without the '# Title' its body may start with (the page's template shows
    the title, "also called" and the lead; the gate allows a body h1 only there)."""
    return _TITLE_HEADING.sub("", article_html, count=1) if article_html.lstrip().startswith("<h1") else article_html


def section_of(corpus: Corpus, lang: str, rel: str) -> str | None:
    """What the header marks as the reader's place: 'services', 'az', or the page's topic."""
    folder = rel.split("/", 1)[0] if "/" in rel else ""
    if folder == SERVICES_DIR[lang]:
        return "services"
    if rel == AZ_REL[lang]:
        return "az"
    return folder if folder in corpus.topic_ids(lang) else None


def kiosk_language(corpus: Corpus) -> str:
    """The language whose front page the kiosk's Home button and idle return open."""
    chosen = corpus.settings.kiosk_language
    return chosen if chosen is not None and chosen in LANGUAGES else default_language()


def stylesheets(kinds: set[str]) -> list[str]:
    """The stylesheets of a page that has `kinds` of components ('cards', 'care', 'az', 'kiosk')."""
    return ["hs-site.css", *(f"hs-{kind}.css" for kind in ("cards", "care", "az", "kiosk") if kind in kinds)]


def scripts(kinds: set[str]) -> list[str]:
    """The scripts of a page that has `kinds` of components (the kiosk's, the code lookup's)."""
    return ["hs-site.js", *(f"hs-{kind}.js" for kind in ("kiosk", "lookup") if kind in kinds)]


def page_chrome(  # long: every part of the chrome is one line of a dict
    corpus: Corpus,
    lang: str,
    rel: str,
    title: str,
    description: str,
    link: Callable[[str], str],
    kinds: set[str] = frozenset(),  # type: ignore[assignment]
    directory_urls: bool = True,
) -> dict:
    """Everything the header, the menu, the footer and <head> show on the page at `rel` of `lang`."""
    page = lambda target: link(page_url(lang, target, directory_urls))  # noqa: E731
    files = assets()
    section = section_of(corpus, lang, rel)
    topic = rel.split("/", 1)[0] if "/" in rel else ""
    help = help_texts(lang)
    topics = corpus.memo(("chrome-topics", lang, directory_urls), lambda: _topics(corpus, lang, directory_urls))
    front = rel == "index.md"
    return {
        "lang": lang,
        "site_name": SITE_NAME,
        "document_title": SITE_NAME if front else f"{title} – {SITE_NAME}",
        "description": description,
        "home": page("index.md"),
        "services": page(all_services_rel(lang)),
        "az": page(AZ_REL[lang]),
        "a11y": page(A11Y_REL[lang]),
        "about": page(PROVIDERS_INDEX),
        "section": section,
        "front": front,
        "search_in_header": not front and rel != "404.md",
        # the kiosk: a Home button to the front page an idle kiosk returns to, and no menu
        "kiosk": "kiosk" in kinds,
        "kiosk_home": link(page_url(kiosk_language(corpus), "index.md", directory_urls)),
        "search_index": link(language_folder(lang) + "search/hs-index.js"),
        "topics": [{"title": title, "href": link(url), "current": section == t} for t, title, url in topics],
        "emergency": {**help, "full": front or (topic != "" and topic == corpus.settings.acute_topic)},
        "texts": {key: text(lang, key) for key in LABELS} | {"skip": help["skip"]},
        "assets": {name: link(asset.path) for name, asset in files.items()},
        "stylesheets": [link(files[name].path) for name in stylesheets(set(kinds))],
        "scripts": [link(files[name].path) for name in scripts(set(kinds))],
        "search_script": link(files["hs-search.js"].path),
        "local": local_choice(corpus, lang, link),
        "offline": offline_links(corpus, lang, link),
    }


def _topics(corpus: Corpus, lang: str, directory_urls: bool) -> list[tuple[str, str, str]]:
    """The menu's topics in the order of their titles: (id, title, URL from the site's root)."""
    ids = sorted(corpus.topic_ids(lang), key=lambda t: sort_key(corpus.topic_title(t, lang), lang))
    return [(t, corpus.topic_title(t, lang), page_url(lang, topic_page_rel(t), directory_urls)) for t in ids]


def offline_links(corpus: Corpus, lang: str, link: Callable[[str], str]) -> dict | None:
    """The web app's manifest and the worker (helsesider/site/offline.py) for hs-site.js to
    register, or to unregister with ``offline: false``; none in the kiosk (``file://``)."""
    if corpus.settings.kiosk:
        return None
    return {
        "on": corpus.settings.offline,
        "manifest": link(language_folder(lang) + "manifest.webmanifest"),
        "icon": link(assets()["hs-icon-192.png"].path),
        "worker": link("sw.js"),
        "scope": link("./"),
        "root": link(language_folder(lang) or "./"),
        # the other languages' folders inside this one (the default language's is the site root)
        "others": " ".join(language_folder(other) for other in LANGUAGES if other != lang and language_folder(other)),
        "lang": lang,
        "stored_copy": text(lang, "offline_copy"),
    }


# what every page's "your municipality" needs; the dialog's own texts come with its list
# (helsesider/site/local_view.py regions_script), so a page carries only these
LOCAL_TEXTS = ("local_yours", "local_none_chosen", "local_choose", "local_change", "local_failed")


def local_choice(corpus: Corpus, lang: str, link: Callable[[str], str]) -> dict | None:
    """The footer's "your municipality" and its texts for hs-site.js's chooser, when `lang` has
    local additions (none in the kiosk: its municipality is a setting)."""
    if corpus.settings.kiosk or not corpus.local.placed(lang):
        return None
    return {"data": link(language_folder(lang) + "search/"), **_local_texts(lang)}


@locales.cached
def _local_texts(lang: str) -> dict:
    """The chooser's texts, and the same as JSON (once per language, not per page)."""
    texts = {key.removeprefix("local_"): text(lang, key) for key in LOCAL_TEXTS}
    return {"texts": texts, "json": json.dumps(texts, ensure_ascii=False)}
