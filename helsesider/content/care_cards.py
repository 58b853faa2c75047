"""Care cards: "when to get care" boxes partners write in Markdown, in three levels.

    ::: legevakt
    - du trenger hjelp som ikke kan vente, og fastlegen ikke er tilgjengelig
    - du er usikker og trenger råd
    :::

Levels: ``ring-113`` (immediate: "Ring 113 hvis"), ``legevakt`` (urgent: "Kontakt legevakten på
116 117 hvis"), ``fastlege`` (non-urgent: "Kontakt fastlegen hvis"). An optional heading of the
partner's own follows the level in quotes (``::: ring-113 "Ring 113 straks hvis"``).

``CareCardExtension`` (``markdown_extensions: - helsesider.content.care_cards`` in mkdocs.yml,
and the check's renderer) is the one parser of cards: it turns every block that starts with
``:::`` into ``<div class="hs-care" data-hs-care="legevakt">`` around its rendered Markdown,
wherever the block stands (in a quote or a list item too), and marks what it could not read
(``data-hs-care-problem``: a bad opening line, a card never closed, a card opened inside
another). The gate's rules for cards (``helsesider/gate/cards.py``) read that HTML, so the check
and the build see exactly the cards a page would show; ``hooks/care_cards.py`` gives each card its
heading, number and colours in the page's language.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Extension
from markdown.blockprocessors import BlockProcessor

LEVELS = ("ring-113", "legevakt", "fastlege")
# Designsystemet colour per level (data-color on the card)
COLOURS = {"ring-113": "danger", "legevakt": "warning", "fastlege": "info"}
NUMBERS = {"ring-113": ("113", "113"), "legevakt": ("116 117", "116117"), "fastlege": None}
MARK = ":::"
OPEN = re.compile(r'^:::[ \t]*([A-Za-z0-9_-]*)(?:[ \t]+"([^"\n]*)")?[ \t]*$')
CLOSE = re.compile(r"^:::[ \t]*$")
# What data-hs-care-problem says
BAD_OPENING, NEVER_CLOSED, OPENED_INSIDE = "opening", "unclosed", "nested"


class _CareCards(BlockProcessor):
    def test(self, parent, block: str) -> bool:
        return block.startswith(MARK)

    def run(self, parent, blocks: list[str]) -> bool:
        header, _, text = blocks.pop(0).partition("\n")
        opened = OPEN.match(header)
        problem = BAD_OPENING if opened is None or CLOSE.match(header) else None
        content: list[str] = []
        while True:
            lines = text.split("\n")
            end = next((i for i, line in enumerate(lines) if line.startswith(MARK)), None)
            if end is not None:
                content.append("\n".join(lines[:end]))
                if not CLOSE.match(lines[end]) and problem is None:
                    problem = OPENED_INSIDE  # '::: level' before this card's ':::'
                rest = "\n".join(lines[end + 1 :])
                if rest.strip():
                    blocks.insert(0, rest)
                break
            content.append(text)
            if not blocks:
                problem = problem or NEVER_CLOSED
                break
            text = blocks.pop(0)
        level = opened.group(1) if opened else ""
        card = etree.SubElement(parent, "div", {"class": "hs-care", "data-hs-care": level})
        if opened and opened.group(2) is not None:
            card.set("data-hs-care-heading", opened.group(2))
        if problem:
            card.set("data-hs-care-problem", problem)
        self.parser.parseChunk(card, "\n\n".join(part for part in content if part.strip()))
        return True


class CareCardExtension(Extension):
    def extendMarkdown(self, md) -> None:
        md.parser.blockprocessors.register(_CareCards(md.parser), "hs_care_cards", 95)


def makeExtension(**kwargs) -> CareCardExtension:
    return CareCardExtension(**kwargs)
