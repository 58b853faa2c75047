"""Care cards: "when to get care" boxes partners write in Markdown, in three levels.

    ::: legevakt
    - du trenger hjelp som ikke kan vente, og fastlegen ikke er tilgjengelig
    - du er usikker og trenger råd
    :::

Levels: ``ring-113`` (immediate: "Ring 113 hvis"), ``legevakt`` (urgent: "Kontakt legevakten på
116 117 hvis"), ``fastlege`` (non-urgent: "Kontakt fastlegen hvis"). An optional heading of the
partner's own follows the level in quotes (``::: ring-113 "Ring 113 straks hvis"``); an
immediate card's heading must then say 113.

- ``CareCardExtension`` (``markdown_extensions: - helsesider.content.care_cards`` in mkdocs.yml, and the
  check's renderer) turns a card into ``<div class="hs-care" data-hs-care="legevakt">`` around
  its rendered Markdown; ``hooks/care_cards.py`` gives it its heading, number and colours in the
  page's language from ``overrides/partials/care-card.html``.
- ``card_problems`` is what ``make check`` says about cards, with line and column.
"""

from __future__ import annotations

import difflib
import re
import xml.etree.ElementTree as etree

from markdown import Extension
from markdown.blockprocessors import BlockProcessor

from helsesider.content.body import Problem

LEVELS = ("ring-113", "legevakt", "fastlege")
# Designsystemet colour per level (data-color on the card)
COLOURS = {"ring-113": "danger", "legevakt": "warning", "fastlege": "info"}
NUMBERS = {"ring-113": ("113", "113"), "legevakt": ("116 117", "116117"), "fastlege": None}
OPEN = re.compile(r'^:::[ \t]*([A-Za-z0-9_-]*)(?:[ \t]+"([^"\n]*)")?[ \t]*$')
CLOSE = re.compile(r"^:::[ \t]*$")
_ITEM = re.compile(r"^[ ]{0,3}(?:[-*+]|\d+[.)])[ \t]+\S")


def _opening_problems(level: str, heading: str | None, number: int) -> list[Problem]:
    """What is wrong with a card's opening line ('::: level heading')."""
    problems = []
    if level not in LEVELS:
        close = difflib.get_close_matches(level.lower(), LEVELS, n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        problems.append(Problem(number, 5, f"unknown care card level '{level}'{hint}; use {', '.join(LEVELS)}"))
    if heading is not None and level == "ring-113" and "113" not in heading:
        problems.append(Problem(number, 5, "an immediate care card (ring-113) must say 113 in its heading"))
    if heading is not None and not heading.strip():
        problems.append(Problem(number, 5, "the care card's heading is empty; leave it out to use the standard one"))
    return problems


def card_problems(body: str, first_line: int = 1) -> list[Problem]:
    """What is wrong with the care cards of an article body (line numbers in the file)."""
    problems: list[Problem] = []
    lines = body.split("\n")
    index = 0
    fence = None
    while index < len(lines):
        line = lines[index]
        if line.startswith("```") or line.startswith("~~~"):
            fence = None if fence and line.startswith(fence) else (fence or line[:3])
        if fence or not line.startswith(":::"):
            index += 1
            continue
        opened = OPEN.match(line)
        number = first_line + index
        if not opened or CLOSE.match(line):
            problems.append(
                Problem(
                    number,
                    1,
                    f"a care card starts with '::: ' and its level ({', '.join(LEVELS)}), e.g. '::: legevakt'",
                )
            )
            index += 1
            continue
        problems += _opening_problems(opened.group(1), opened.group(2), number)
        end = next((i for i in range(index + 1, len(lines)) if lines[i].startswith(":::")), None)
        if end is None:
            problems.append(Problem(number, 1, "the care card is never closed: end it with a line ':::'"))
            break
        if not CLOSE.match(lines[end]):
            problems.append(
                Problem(first_line + end, 1, "care cards cannot be nested; close this card with ':::' first")
            )
        problems += _content_problems(lines[index + 1 : end], number)
        index = end + 1
    return problems


def _content_problems(inside: list[str], number: int) -> list[Problem]:
    """A card must hold a list of situations."""
    if not any(text.strip() for text in inside):
        return [Problem(number, 1, "the care card is empty: list the situations, one '- ' line each")]
    if not any(_ITEM.match(text) for text in inside):
        return [Problem(number, 1, "a care card needs a list of situations, one '- ' line each")]
    return []


class _CareCards(BlockProcessor):
    def test(self, parent, block: str) -> bool:
        return bool(OPEN.match(block.split("\n", 1)[0])) and not CLOSE.match(block.split("\n", 1)[0])

    def run(self, parent, blocks: list[str]) -> bool:
        first = blocks.pop(0)
        header, _, text = first.partition("\n")
        opened = OPEN.match(header)
        if opened is None:  # test() said it opens a card
            return False
        content: list[str] = []
        while True:
            lines = text.split("\n")
            end = next((i for i, line in enumerate(lines) if line.startswith(":::")), None)
            if end is not None:
                content.append("\n".join(lines[:end]))
                rest = "\n".join(lines[end + 1 :])
                if rest.strip():
                    blocks.insert(0, rest)
                break
            content.append(text)
            if not blocks:
                break
            text = blocks.pop(0)
        card = etree.SubElement(parent, "div", {"class": "hs-care", "data-hs-care": opened.group(1)})
        if opened.group(2):
            card.set("data-hs-care-heading", opened.group(2))
        self.parser.parseChunk(card, "\n\n".join(part for part in content if part.strip()))
        return True


class CareCardExtension(Extension):
    def extendMarkdown(self, md) -> None:
        md.parser.blockprocessors.register(_CareCards(md.parser), "hs_care_cards", 95)


def makeExtension(**kwargs) -> CareCardExtension:
    return CareCardExtension(**kwargs)
