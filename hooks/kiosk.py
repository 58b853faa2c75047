"""The kiosk bundle (``make kiosk``, ``HELSESIDER_KIOSK``): on a shared screen, links that
leave the site become their address and a QR code (``helsesider.publish.kiosk.offsite_links``), and
each page knows the front page an idle kiosk returns to (``kiosk_language``) and the idle time (``page.meta.hs_kiosk``, read by
``overrides/main.html`` and ``assets/javascripts/hs-kiosk.js``). Nothing happens outside kiosk mode.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

import _site
from helsesider import locales
from helsesider.site.chrome import kiosk_language
from helsesider.site.offsite import offsite_links
from helsesider.site.texts import TEXTS
from helsesider.site.urls import page_url, relative_href


def on_page_context(
    context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
) -> TemplateContext | None:
    current = _site.corpus(config).settings
    lang, rel = _site.lang_and_rel(page)
    if current.kiosk and lang in TEXTS:
        here = page_url(lang, rel, config.use_directory_urls)
        home = page_url(kiosk_language(_site.corpus(config)), "index.md", config.use_directory_urls)
        page.meta["hs_kiosk"] = {"home": relative_href(here, home), "idle": current.kiosk_idle_seconds}
    return context


def on_post_page(output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
    if not _site.corpus(config).settings.kiosk:
        return output
    lang, _ = _site.lang_and_rel(page)
    return offsite_links(output, locales.known(lang))
