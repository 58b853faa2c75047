"""What overrides/partials/care-card.html needs for each care card of a rendered page, in the
page's language (the cards themselves come from helsesider/content/care_cards.py)."""

from __future__ import annotations

import html
import re
from pathlib import Path

from helsesider.content.care_cards import COLOURS, LEVELS, NUMBERS
from helsesider.site.markup import Markup, render
from helsesider.site.texts import text

PARTIAL = "partials/care-card.html"
# What the Markdown extension writes (attributes in this order); the content is the partner's
# Markdown, checked by the content gate, and holds no <div> of its own
_CARD = re.compile(
    r'<div class="hs-care" data-hs-care="([a-z0-9-]+)"(?: data-hs-care-heading="([^"]*)")?>(.*?)</div>', re.S
)


def card(lang: str, level: str, heading: str | None, content: str) -> dict:
    """The partial's data for one card: the standard heading of the level in `lang` (or the
    partner's own), split around the number so the number can be a tel: link."""
    number = NUMBERS.get(level)  # (as written, as dialled), or None for the GP
    title = html.unescape(heading) if heading else text(lang, f"care_{level}", number=number[0] if number else "")
    before, after, link = title, "", None
    if number and number[0] in title:
        before, _, after = title.partition(number[0])
        link = {"shown": number[0], "href": f"tel:{number[1]}"}
    return {
        "level": level,
        "colour": COLOURS[level],
        "prefix": text(lang, f"care_prefix_{level}"),
        "before": before,
        "number": link,
        "after": after,
        "content": Markup(content),
    }


# Cards that tell the reader to call 113 come first, right under the lead: a reader who must call
# 113 sees it before anything else. Other cards stay where the author put them (README, "Care cards").
FIRST = ("ring-113",)


def render_cards(page_html: str, lang: str, root: Path) -> str:
    """`page_html` with every care card rendered in `lang`, immediate cards first."""
    if 'class="hs-care"' not in page_html:
        return page_html
    first: list[str] = []

    def replace(match: re.Match) -> str:
        level = match.group(1)
        if level not in LEVELS:
            return match.group(0)  # the check refuses unknown levels before a build gets here
        rendered = render(PARTIAL, root, card=card(lang, level, match.group(2), match.group(3).strip()))
        if level in FIRST:
            first.append(rendered)
            return ""
        return rendered

    rest = _CARD.sub(replace, page_html)
    return "\n".join(first) + ("\n" if first else "") + rest
