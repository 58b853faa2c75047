"""A kiosk's links that leave the site (a waiting-room screen has no other browser and cannot
call): each becomes its text, its address and a QR code to scan with one's own phone, and each
phone link its number as text. Used by the kiosk's pages (``hooks/kiosk.py``) and its local
additions (``hooks/local_additions.py``); a module of its own, so a language's build does not
load the kiosk bundle's signing library (``helsesider/publish/kiosk_signing.py``: minisign and
cryptography, about 8 MB of every build process's memory)."""

from __future__ import annotations

import functools
import html
import re

import segno

from helsesider.site.markup import Markup, render
from helsesider.site.texts import text

# An anchor whose address leaves the site (Markdown, the hand-off partial and the theme all
# write href in double quotes; anchors do not nest)
_OFFSITE = re.compile(r'<a\b([^>]*?)\shref="(https?://[^"]+)"([^>]*)>(.*?)</a>', re.S | re.I)


# A phone link (a kiosk cannot call): its number stays, large, as text
_PHONE = re.compile(r'<a\b([^>]*?)\shref="tel:[^"]*"([^>]*)>(.*?)</a>', re.S | re.I)
_CLASS = re.compile(r'\sclass="([^"]*)"', re.I)


def _phone_text(match: re.Match) -> str:
    classes = _CLASS.search(match.group(1) + match.group(2))
    return f'<span class="hs-tel{" " + classes.group(1) if classes else ""}">{match.group(3)}</span>'


@functools.lru_cache(maxsize=4096)
def qr_svg(url: str) -> str:
    """A QR code of `url` as inline SVG (made at build time: nothing to fetch)."""
    return segno.make(url, error="m").svg_inline(dark="#000", light="#fff", omitsize=True)


def offsite_links(page_html: str, lang: str) -> str:
    """`page_html` with every link to another site replaced by its text, its address and a QR code,
    and every phone link by its number as text."""
    page_html = _PHONE.sub(_phone_text, page_html) if "tel:" in page_html.lower() else page_html
    if "://" not in page_html:  # any case: HTTPS:// leaves the site too
        return page_html

    def replace(match: re.Match) -> str:
        attributes, url, rest, inner = match.group(1), html.unescape(match.group(2)), match.group(3), match.group(4)
        login = "hs-handoff--login" in attributes + rest or "hs-handoff__lock" in inner
        scan = text(lang, "kiosk_scan" if login else "kiosk_scan_open")
        return render(
            "partials/offsite-link.html",
            url=url,
            inner=Markup(inner),
            qr=Markup(qr_svg(url)),
            qr_label=text(lang, "kiosk_qr_label", url=url),
            scan=scan,
        )

    return _OFFSITE.sub(replace, page_html)
