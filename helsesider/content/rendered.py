"""What an article becomes once Markdown has rendered it: the one place where the gate decides
which links, images and markup a page will hold.

``make check`` renders each body with Python-Markdown configured as MkDocs configures it
(``markdown_html``), and the build checks MkDocs' own rendering in ``hooks/content_safety.py``;
both read the result with the same HTML parser (``read``) and the same rules
(``safety_problems``), so the check and the build cannot disagree. A finding in the rendered HTML
is traced back to its line in the Markdown (``Locator``): attribute lists, reference definitions
inside lists or block quotes, nested brackets and entity-encoded addresses all end up as
attributes of the HTML, whatever Markdown syntax produced them.

Hosts are read as browsers read them (WHATWG URL rules, with the ``ada-url`` parser): a
backslash ends the host, ``user@`` is not the host, tabs and newlines are dropped.
"""

from __future__ import annotations

import functools
import hashlib
import html as html_module
import json
import os
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import ada_url
import markdown

from helsesider.content.body import (
    DANGEROUS_TAGS,
    RENDERED_ATTRIBUTES,
    RENDERED_TAGS,
    Positions,
    normalised_url,
    scheme_of,
    unsafe_url,
)

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


_CACHE_VERSION = f"{markdown.__version__}|{'|'.join(EXTENSIONS)}|{EXTENSION_CONFIGS}|1"


def rendered_page(body: str, cache_dir: Path | None = None) -> Rendered:
    """`body` rendered and read (elements, links and their text), from the cache when it has it."""
    if cache_dir is None:
        return read(markdown_html(body))
    key = hashlib.sha256(f"{_CACHE_VERSION}\0{body}".encode("utf-8", "surrogatepass")).hexdigest()
    path = cache_dir / key[:2] / f"{key}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Rendered([Element(e[0], [tuple(a) for a in e[1]], e[2]) for e in data["elements"]], data["declarations"])
    except (OSError, ValueError, KeyError, IndexError, TypeError):
        pass
    page = read(markdown_html(body))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(
            json.dumps(
                {"elements": [[e.tag, e.attrs, e.text] for e in page.elements], "declarations": page.declarations}
            ),
            encoding="utf-8",
        )
        temporary.replace(path)
    except OSError:
        pass  # a read-only checkout: no cache, same result
    return page


@dataclass
class Element:
    tag: str
    attrs: list[tuple[str, str | None]]
    text: str = ""  # the text inside a link


@dataclass
class Rendered:
    elements: list[Element] = field(default_factory=list)
    declarations: list[str] = field(default_factory=list)

    @property
    def links(self) -> list[tuple[Element, str, str]]:
        """(element, attribute, address) of every link and image."""
        found = []
        for element in self.elements:
            for key, value in element.attrs:
                if key in ("href", "src") and value is not None:
                    found.append((element, key, value))
        return found


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.result = Rendered()
        self._open_links: list[Element] = []

    def handle_starttag(self, tag, attrs):
        element = Element(tag, [(key.lower(), value) for key, value in attrs])
        self.result.elements.append(element)
        if tag == "a":
            self._open_links.append(element)

    def handle_endtag(self, tag):
        if tag == "a" and self._open_links:
            self._open_links.pop()

    def handle_data(self, data):
        for link in self._open_links:
            link.text += data

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


def host_of(url: str) -> str | None:
    """The host a browser would go to for an http(s) address ('' when it has none); None for
    other addresses."""
    if scheme_of(url) not in ("http", "https"):
        return None
    try:
        return (ada_url.URL(url.strip()).hostname or "").lower().rstrip(".")
    except ValueError:
        return ""


@dataclass(frozen=True)
class Problem:
    needle: str  # what to look for in the Markdown to find the line
    message: str


# Markdown writes tidy HTML: <name attr="value" ...>. When every tag of a page is written that
# way, its tags, attributes and addresses are read with two regular expressions (a tenth of
# the HTML parser's time on thousands of pages); anything else goes to the parser.
_TAG_OPENING = re.compile(r"<[A-Za-z!?]")
_TIDY_TAG = re.compile(r'<([a-zA-Z][a-zA-Z0-9]*)((?:\s+[a-zA-Z_:][\w:.-]*="[^"<>]*")*)\s*/?>')
_TIDY_ATTRIBUTE = re.compile(r'([a-zA-Z_:][\w:.-]*)="([^"]*)"')


def page_problems(rendered_html: str, host_allowed) -> list[Problem]:
    """safety_problems of a rendered page, by the fast path when the page is tidy."""
    tags = _TIDY_TAG.findall(rendered_html)
    if len(tags) == len(_TAG_OPENING.findall(rendered_html)):
        clean = True
        for name, attributes in tags:
            name = name.lower()
            if name not in RENDERED_TAGS:
                clean = False
                break
            for key, value in _TIDY_ATTRIBUTE.findall(attributes) if attributes else ():
                key = key.lower()
                if key not in RENDERED_ATTRIBUTES or (
                    key in ("href", "src")
                    and address_problem(html_module.unescape(value), image=name == "img", host_allowed=host_allowed)
                ):
                    clean = False
                    break
            if not clean:
                break
        if clean:
            return []
    return safety_problems(read(rendered_html), host_allowed)  # the parser names every problem


def unsafe_html(rendered_html: str) -> list[str]:
    """What a rendered body holds that content may not produce, whatever the hosts (empty when safe)."""
    return [problem.message for problem in page_problems(rendered_html, lambda host: True)]


def safety_problems(rendered: Rendered, host_allowed) -> list[Problem]:
    """What the rendered page may not hold: markup outside the allowlist, script addresses,
    links to hosts not on the allowlist, images from other hosts. `host_allowed(host)` says
    whether articles may link to a host."""
    problems: list[Problem] = []
    for declaration in rendered.declarations:
        problems.append(Problem(declaration[:3], "markup declarations (<!…>, <?…>) are not allowed"))
    for element in rendered.elements:
        if element.tag not in RENDERED_TAGS:
            problems.append(Problem(f"<{element.tag}", f"<{element.tag}> is not allowed in content"))
            continue
        for key, _value in element.attrs:
            if key not in RENDERED_ATTRIBUTES:
                reason = "content may not run scripts" if key.startswith("on") else "content may not set it"
                problems.append(Problem(key, f"the attribute '{key}' is not allowed on <{element.tag}>: {reason}"))
    for element, _key, value in rendered.links:
        message = address_problem(value, image=element.tag == "img", host_allowed=host_allowed)
        if message:
            problems.append(Problem(value, message))
    return problems


def address_problem(value: str, image: bool, host_allowed) -> str | None:
    """Why a link or image address may not be on a page (None when it may)."""
    reason = unsafe_url(value)
    if reason:
        return reason
    scheme = scheme_of(value)
    if scheme is not None and image:
        return "images must be files of the site (docs/<language>/…); the site loads nothing from other hosts"
    if scheme == "service" and not value.strip().startswith("service:"):
        return f"'{value}': write 'service:' in lower case"
    if scheme == "http":
        return f"'{value}': use https:// (links that leave the site must be encrypted)"
    if scheme == "https":
        host = host_of(value)
        if not host:
            return f"'{value}' has no host name"
        if not host_allowed(host):
            return f"'{host}' is not on the list of sites articles may link to (external_hosts in data/site.yml)"
    if scheme is None and normalised_url(value).startswith("//"):
        return f"'{value}': write the full address with https://"
    return None


class Locator(Positions):
    """Finds where in the Markdown body a value of the rendered page came from."""

    def __init__(self, body: str, first_line: int):
        super().__init__(body, first_line)
        self.body = body

    def position(self, offset: int) -> tuple[int, int]:
        return self.at(offset)

    def find(self, needle: str) -> tuple[int, int]:
        """Line and column of `needle` (as written, or HTML-escaped, or case-insensitively);
        the body's first line when it cannot be found (e.g. an address written with entities)."""
        for candidate in (needle, html_module.escape(needle, quote=False), needle.strip()):
            if candidate:
                offset = self.body.find(candidate)
                if offset >= 0:
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


# Markup the build itself writes on generated pages (topic, A–Å, provider and service pages)
# may be richer than content's, but never script: these are refused there too.
# (the build's own pages carry an SVG lock icon, so only SVG and MathML are left out)
SCRIPT_TAGS = frozenset(DANGEROUS_TAGS) - {"svg", "math"}


def generated_problems(rendered: Rendered, host_allowed) -> list[Problem]:
    """What a page the build generated (from data/ and file names) may not hold."""
    problems = [Problem(d[:3], "markup declarations are not allowed") for d in rendered.declarations]
    for element in rendered.elements:
        if element.tag in SCRIPT_TAGS:
            problems.append(Problem(f"<{element.tag}", f"<{element.tag}> on a generated page"))
        for key, _ in element.attrs:
            if key.startswith("on") or key in ("style", "srcdoc", "formaction"):
                problems.append(Problem(key, f"the attribute '{key}' on a generated page"))
    for _element, _key, value in rendered.links:
        reason = unsafe_url(value)
        if reason is None and scheme_of(value) in ("http", "https"):
            host = host_of(value)
            if not host or not host_allowed(host):
                reason = f"a link to '{host or value}', which is not on the list of allowed hosts"
        if reason:
            problems.append(Problem(value, reason))
    return problems
