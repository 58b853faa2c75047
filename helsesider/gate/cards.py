"""The rules for care cards, applied to the cards the renderer made (``content/care_cards.py``
is the one parser; ``rendered.Card`` is what it made of each): a card is a block of the page
itself, never inside a quote, a list or another card; its level is known; an immediate card
says 113 and an urgent card 116 117 when it has a heading of its own (the number a stressed
reader calls is the number on the card); it holds a list of situations.

``card_problems`` names the problem of each card; ``CardLocator`` finds the line of the n-th
card in the Markdown (cards are rendered in the order they are written, and fenced code is
never a card).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from markdown.extensions.fenced_code import FencedBlockPreprocessor

from helsesider.content.care_cards import BAD_OPENING, LEVELS, NEVER_CLOSED, NUMBERS, OPENED_INSIDE
from helsesider.gate.rendered import Card

INSIDE = {"blockquote": "a quote ('>')", "li": "a list item", "care card": "another care card"}


@dataclass(frozen=True)
class CardProblem:
    index: int  # the card's place in the page (0: the first card)
    message: str
    at_close: bool = False  # the problem is at the line that ends the card, not its opening


def card_problems(cards: list[Card]) -> list[CardProblem]:
    problems: list[CardProblem] = []
    for index, card in enumerate(cards):
        message, at_close = _problem(card)
        if message:
            problems.append(CardProblem(index, message, at_close))
    return problems


def _problem(card: Card) -> tuple[str | None, bool]:
    if card.problem == BAD_OPENING:
        return f"a care card starts with '::: ' and its level ({', '.join(LEVELS)}), e.g. '::: legevakt'", False
    if card.inside is not None:
        where = INSIDE.get(card.inside, f"<{card.inside}>")
        return f"a care card cannot stand inside {where}: put it on lines of its own, starting with ':::'", False
    if card.level not in LEVELS:
        close = difflib.get_close_matches(card.level.lower(), LEVELS, n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        return f"unknown care card level '{card.level}'{hint}; use {', '.join(LEVELS)}", False
    if card.problem == NEVER_CLOSED:
        return "the care card is never closed: end it with a line ':::'", False
    if card.problem == OPENED_INSIDE:
        return "care cards cannot be nested; close this card with ':::' first", True
    heading = card.heading
    if heading is not None and not heading.strip():
        return "the care card's heading is empty; leave it out to use the standard one", False
    number = NUMBERS.get(card.level)
    if heading is not None and number and number[0] not in heading and number[1] not in heading:
        kind = "an immediate care card (ring-113)" if card.level == "ring-113" else "an urgent care card (legevakt)"
        return f"{kind} must say {number[0]} in its heading", False
    if not card.has_text:
        return "the care card is empty: list the situations, one '- ' line each", False
    if not card.has_list:
        return "a care card needs a list of situations, one '- ' line each", False
    return None, False


# A line where the renderer may find a card: ':::' at the start of a block (after a blank line,
# or after quote markers, list markers or indent)
_MARK_LINE = re.compile(r"^(?:[ \t]*(?:>[ \t]?|[-*+][ \t]+|\d+[.)][ \t]+))*[ \t]*:::")
_AFTER_ITEM = re.compile(r"^(?:[ \t]*(?:>[ \t]?))*[ \t]*(?:[-*+]|\d+[.)])[ \t]+:::")
_BLANK = re.compile(r"^[ \t>]*$")


def fenced_code(body: str) -> list[tuple[int, int]]:
    """Where the fenced code blocks of `body` are (offsets), found as the renderer finds them."""
    if "```" not in body and "~~~" not in body:
        return []
    return [match.span() for match in FencedBlockPreprocessor.FENCED_BLOCK_RE.finditer(body)]


class CardLocator:
    """The lines of a body where the renderer may open or close a card, in order (fenced code
    left out, as the renderer leaves it out): the n-th card's opening and closing line."""

    def __init__(self, body: str, first_line: int):
        code = fenced_code(body)
        self.marks: list[int] = []
        offset, previous, open_card = 0, "", False
        for number, line in enumerate(body.split("\n")):
            if _MARK_LINE.match(line) and not any(start <= offset < end for start, end in code):
                if open_card:  # any ':::' line ends the open card, as the renderer reads it
                    self.marks.append(first_line + number)
                    open_card = False
                elif number == 0 or _BLANK.match(previous) or _AFTER_ITEM.match(line):  # a block starts here
                    self.marks.append(first_line + number)
                    open_card = True
            offset += len(line) + 1
            previous = line
        self.first_line = first_line

    def lines(self, cards: list[Card]) -> list[tuple[int, int]]:
        """(opening line, closing line) of each card, in the order of `cards`: each card takes
        one mark to open and, unless it is never closed, the next to close."""
        found, position = [], 0
        for card in cards:
            opening = self.marks[position] if position < len(self.marks) else self.first_line
            position += 1
            closing = opening
            if card.problem != NEVER_CLOSED:
                closing = self.marks[position] if position < len(self.marks) else opening
                position += 1
            found.append((opening, closing))
        return found
