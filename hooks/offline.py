"""The offline page (helsesider/site/offline.py, hs-sw.js): what its partial needs
(``page.meta.hs_offline_page``, partials/offline.html): the emergency numbers and where
hs-site.js lists the pages the citizen's device has stored."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

import _site
from helsesider import LANGUAGES
from helsesider.site.routes import OFFLINE_REL
from helsesider.site.texts import alarm_texts, text


def on_page_context(
    context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
) -> TemplateContext | None:
    lang, rel = _site.lang_and_rel(page)
    if lang in LANGUAGES and rel == OFFLINE_REL[lang]:
        page.meta["hs_offline_page"] = {
            "alarm": alarm_texts(lang)["113"],
            "stored": text(lang, "offline_stored"),
            "empty": text(lang, "offline_empty"),
        }
    return context
