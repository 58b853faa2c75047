"""The search results view's words and the HTML it shows with results (the alarm guidance, the
"nothing found" help): the same for every page of a language, so they travel once, in the
language's search head (``view`` in ``search/hs-index.js``), which the page loads before its
first search, instead of in each page (about 3 KB a page). A page keeps the form, the view's
frame and the one text shown if the head cannot be loaded.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

from helsesider.search.format import View, script
from helsesider.site.markup import render
from helsesider.site.routes import AZ_REL, LOCAL_DIR
from helsesider.site.texts import TEXTS, alarm_texts, help_texts
from helsesider.site.urls import language_folder, page_url

BASE = "{base}"  # where hs-search.js puts the page's way to the site's root (data-base)
_VIEW_KEYS = (
    "results",
    "none",
    "title",
    "heading",
    "heading_none",
    "searching",
    "heading_near",
    "suggestions",
)  # fmt: skip  (what hs-search.js says once the head has loaded)
_FORM_KEYS = ("label", "placeholder", "button", "loading", "failed", "close", "near", "suggestions_label")
_HTML_KEYS = ("none_az", "none_topics")  # in the view's HTML


@functools.cache
def search_texts(lang: str) -> dict[str, str]:
    """The search's texts in `lang`: the form's (in every page) and the view's (in the head)."""
    texts = {key: TEXTS[lang][f"search_{key}"] for key in (*_VIEW_KEYS, *_FORM_KEYS, *_HTML_KEYS)}
    texts["offline"] = TEXTS[lang]["search_offline"]  # without network: over the stored pages only
    texts["offline_none"] = TEXTS[lang]["search_offline_none"]
    texts["login"] = TEXTS[lang]["login_badge"]
    texts["site"] = "Helsesider"
    texts["local_dir"] = LOCAL_DIR[lang]  # a local addition's page: <article>/<local_dir>/<region>
    return texts


def nothing_found(lang: str, root_href: str, directory_urls: bool) -> dict:
    """Where the "no results" help leads: A–Å, the topics of the front page, the emergency numbers."""
    # the front page's topics: its folder, or its file where pages are files (the kiosk, from a
    # folder on disk, where a folder's address shows the folder's listing)
    front = language_folder(lang) if directory_urls else page_url(lang, "index.md", directory_urls)
    return {
        "az": root_href + page_url(lang, AZ_REL[lang], directory_urls),
        "topics": root_href + (front or ("./" if not root_href else "")) + "#hs-topics-heading",
        "help": help_texts(lang),
        "alarm": alarm_texts(lang),
    }


def view(lang: str, directory_urls: bool, root: Path | None = None) -> View:
    """The view's texts and HTML in `lang`; links start with BASE."""
    texts = search_texts(lang)
    inputs = {"texts": texts, "nothing": nothing_found(lang, BASE, directory_urls)}
    return View(
        texts={key: texts[key] for key in (*_VIEW_KEYS, "offline", "offline_none", "login", "site", "local_dir")},
        alarms=render("partials/search-view.html", root, part="alarms", **inputs).strip(),
        none=render("partials/search-view.html", root, part="none", **inputs).strip(),
    )


def view_script(lang: str, directory_urls: bool, root: Path | None = None) -> str:
    """``view`` as the script that follows the head in ``hs-index.js``. Made again for each
    index written (a millisecond): the preview shows a changed partial at once."""
    return script("view", view(lang, directory_urls, root))


@functools.cache  # asked for by every page
def failed_text(lang: str) -> str:
    """The one view text a page holds itself: what it says when the head cannot be loaded."""
    return json.dumps({"failed": search_texts(lang)["failed"]}, ensure_ascii=False)
