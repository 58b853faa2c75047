"""What an article becomes once Markdown has rendered it, read back as the gate needs it.

``make check`` renders each body with Python-Markdown configured as MkDocs configures it
(``markdown_html``), and the build checks MkDocs' own rendering in ``hooks/content_safety.py``;
both read the result with the same HTML parser (``read``) and judge it by the same policy
(``html_policy.py``), so the check and the build cannot disagree. A finding in the rendered HTML
is traced back to its line in the Markdown (``Locator``): attribute lists, reference definitions
inside lists or block quotes, nested brackets and entity-encoded addresses all end up as
attributes of the HTML, whatever Markdown syntax produced them. Care cards are read with where
they stand (``Card``), as the renderer found them.
"""

from __future__ import annotations

import functools
import hashlib
import html as html_module
import json
import os
from dataclasses import asdict, dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import markdown

from helsesider.gate.findings import Positions

# MkDocs always loads toc, tables and fenced_code; mkdocs.yml adds attr_list (toc without
# permalinks) and the care cards
EXTENSIONS = ("toc", "tables", "fenced_code", "attr_list", "helsesider.content.care_cards")
EXTENSION_CONFIGS = {"toc": {"permalink": False}}


def markdown_html(body: str) -> str:
    """`body` rendered the way the build renders it (before MkDocs rewrites .md links)."""
    return _render(body)


@functools.lru_cache(maxsize=256)
def _render(body: str) -> str:
    md = _markdown()
    md.reset()
    return md.convert(body)


@functools.lru_cache(maxsize=1)
def _markdown() -> markdown.Markdown:
    return markdown.Markdown(extensions=list(EXTENSIONS), extension_configs=EXTENSION_CONFIGS)


# Rendering is most of what `make check` costs (about 4 ms an article). What a body renders to
# depends only on the body and the renderer, so it is kept on disk by the body's hash: an
# unchanged article is not rendered again. The cache is the user's (~/.cache/helsesider/), never
# the repository's: a pull request cannot bring its own "safe" rendering of its article.


def cache_folder() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "helsesider" / "rendered"


_CACHE_VERSION = f"{markdown.__version__}|{'|'.join(EXTENSIONS)}|{EXTENSION_CONFIGS}|2"


def rendered_page(body: str, cache_dir: Path | None = None) -> Rendered:
    """`body` rendered and read (elements, links and their text, cards), from the cache when it has it."""
    if cache_dir is None:
        return read(markdown_html(body))
    key = hashlib.sha256(f"{_CACHE_VERSION}\0{body}".encode("utf-8", "surrogatepass")).hexdigest()
    path = cache_dir / key[:2] / f"{key}.json"
    try:
        return Rendered.from_json(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, IndexError, TypeError):
        pass
    page = read(markdown_html(body))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(json.dumps(page.to_json()), encoding="utf-8")
        temporary.replace(path)
    except OSError:
        pass  # a read-only checkout: no cache, same result
    return page


@dataclass
class Element:
    tag: str
    attrs: list[tuple[str, str | None]]
    text: str = ""  # the text inside a link

    def get(self, key: str) -> str | None:
        return next((value for name, value in self.attrs if name == key), None)


@dataclass
class Card:
    """A care card as the renderer made it (``data-hs-care`` on a ``div``)."""

    level: str
    heading: str | None  # the partner's own heading, when there is one
    problem: str | None  # what the renderer could not read (data-hs-care-problem)
    inside: str | None = None  # the element it stands in when that is not the page: blockquote, li, …
    has_list: bool = False
    has_text: bool = False


@dataclass
class Rendered:
    elements: list[Element] = field(default_factory=list)
    declarations: list[str] = field(default_factory=list)
    cards: list[Card] = field(default_factory=list)

    @property
    def links(self) -> list[tuple[Element, str, str]]:
        """(element, attribute, address) of every link and image."""
        found = []
        for element in self.elements:
            for key, value in element.attrs:
                if key in ("href", "src") and value is not None:
                    found.append((element, key, value))
        return found

    def to_json(self) -> dict:
        return {
            "elements": [[e.tag, e.attrs, e.text] for e in self.elements],
            "declarations": self.declarations,
            "cards": [asdict(card) for card in self.cards],
        }

    @classmethod
    def from_json(cls, data: dict) -> Rendered:
        return cls(
            [Element(e[0], [tuple(a) for a in e[1]], e[2]) for e in data["elements"]],
            data["declarations"],
            [Card(**card) for card in data["cards"]],
        )


VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
# A card standing in one of these is not a card of the page
CONTAINERS = frozenset({"blockquote", "li", "ul", "ol", "table", "td", "th", "dd", "dt", "pre", "code", "a"})


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.result = Rendered()
        self._open_links: list[Element] = []
        self._stack: list[tuple[str, Card | None]] = []  # open elements, and the card each opens

    def handle_starttag(self, tag, attrs):
        element = Element(tag, [(key.lower(), value) for key, value in attrs])
        self.result.elements.append(element)
        if tag == "a":
            self._open_links.append(element)
        card = None
        level = element.get("data-hs-care")
        if tag == "div" and level is not None:
            card = Card(level, element.get("data-hs-care-heading"), element.get("data-hs-care-problem"))
            card.inside = self._container()
            self.result.cards.append(card)
        elif tag in ("ul", "ol"):
            for _, open_card in self._stack:
                if open_card is not None:
                    open_card.has_list = True
        if tag not in VOID:
            self._stack.append((tag, card))

    def _container(self) -> str | None:
        for tag, card in reversed(self._stack):
            if card is not None:
                return "care card"
            if tag in CONTAINERS:
                return tag
        return None

    def handle_endtag(self, tag):
        if tag == "a" and self._open_links:
            self._open_links.pop()
        for index in range(len(self._stack) - 1, -1, -1):
            if self._stack[index][0] == tag:
                del self._stack[index:]
                break

    def handle_data(self, data):
        for link in self._open_links:
            link.text += data
        if data.strip():
            for _, card in self._stack:
                if card is not None:
                    card.has_text = True

    def handle_decl(self, decl):
        self.result.declarations.append(f"<!{decl[:20]}>")

    def handle_pi(self, data):
        self.result.declarations.append(f"<?{data[:20]}>")

    def unknown_decl(self, data):
        self.result.declarations.append(f"<![{data[:20]}>")


def read(rendered_html: str) -> Rendered:
    reader = _Reader()
    reader.feed(rendered_html)
    reader.close()
    return reader.result


class Locator(Positions):
    """Finds where in the Markdown body a value of the rendered page came from."""

    def __init__(self, body: str, first_line: int):
        super().__init__(body, first_line)
        self.body = body
        self._after: dict[str, int] = {}  # needle -> where its next occurrence is looked for

    def position(self, offset: int) -> tuple[int, int]:
        return self.at(offset)

    def find(self, needle: str) -> tuple[int, int]:
        """Line and column of `needle` (as written, or HTML-escaped, or case-insensitively);
        the body's first line when it cannot be found (e.g. an address written with entities).
        Asked again for the same needle, the next occurrence (the rendered page names values in
        the order the Markdown has them): the same missing image on two lines is two findings."""
        for candidate in (needle, html_module.escape(needle, quote=False), needle.strip()):
            if candidate:
                offset = self.body.find(candidate, self._after.get(candidate, 0))
                if offset < 0:
                    offset = self.body.find(candidate)
                if offset >= 0:
                    self._after[candidate] = offset + len(candidate)
                    return self.position(offset)
        offset = self.body.lower().find(needle.lower()) if needle else -1
        if offset >= 0:
            return self.position(offset)
        tail = needle.split()[-1] if needle.split() else ""  # Markdown turned a tab into spaces, say
        if len(tail) >= 4 and tail != needle:
            offset = self.body.find(tail)
            if offset >= 0:
                return self.position(offset)
        return self.first_line, 1
