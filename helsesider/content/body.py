"""What an article's Markdown body contains that the gate must look at: links, images, raw
HTML, attribute lists and headings, each with its line and column in the file.

The scan is deliberately suspicious: it looks at the whole body, code included, so nothing a
partner writes can reach the page as markup without being looked at. What the renderer makes of
the body is checked by ``rendered.py``.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field
from urllib.parse import unquote

# Raw HTML a partner may use: inline tags that only change how text looks or reads, and the
# attributes that only describe text.
ALLOWED_TAGS = frozenset(
    {
        "abbr",
        "b",
        "br",
        "cite",
        "code",
        "del",
        "dfn",
        "em",
        "i",
        "ins",
        "kbd",
        "mark",
        "q",
        "s",
        "samp",
        "small",
        "span",
        "strong",
        "sub",
        "sup",
        "u",
        "var",
        "wbr",
    }
)
ALLOWED_ATTRIBUTES = frozenset({"title", "lang", "dir"})
# Tags that run, embed or submit something: named in the error, whatever the context.
DANGEROUS_TAGS = (
    "script",
    "iframe",
    "frame",
    "frameset",
    "style",
    "object",
    "embed",
    "applet",
    "form",
    "input",
    "button",
    "textarea",
    "select",
    "svg",
    "math",
    "meta",
    "link",
    "base",
    "template",
    "noscript",
)
SCRIPT_SCHEMES = ("javascript", "vbscript", "data", "livescript", "mocha")
# Schemes a link may use; anything else is refused.
LINK_SCHEMES = ("https", "http", "mailto", "tel", "service")

_TAG = re.compile(
    r"""<(/?)([A-Za-z][A-Za-z0-9:-]*)((?:\s+[^\s"'<>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'<>`]+))?)*)\s*(/?)>"""
)
_TAG_START = re.compile(r"<[A-Za-z][^<]*")
_DANGER = re.compile(r"<\s*/?\s*(" + "|".join(DANGEROUS_TAGS) + r")(?![A-Za-z0-9-])", re.I)
_OTHER_MARKUP = re.compile(r"<[!?](?!--)", re.I)  # <!DOCTYPE, <![CDATA[, <?php ...
_ATTRIBUTE = re.compile(r"""([^\s"'=<>`/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
_EVENT_WORD = re.compile(r"(?<![A-Za-z0-9-])on[a-z]+\s*=", re.I)
_INLINE_LINK = re.compile(
    r"(!?)\[((?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]"  # [text] or ![alt]
    r"\(\s*(<[^>\n]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)"  # (destination
    r"(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^)\n]*\)))?\s*\)"
)  # "title")
_REFERENCE = re.compile(r"^[ ]{0,3}\[([^\]\n]+)\]:[ \t]*(<[^>\n]*>|\S+)", re.M)
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*)>")
_ATTR_LIST = re.compile(r"\{:?([^{}\n]*)\}")  # inner text stripped in code: no backtracking
_ATX = re.compile(r"^[ ]{0,3}(#{1,6})[ \t]+([^\n]*)$", re.M)  # closing #s stripped in code: linear time
_ATX_CLOSING = re.compile(r"(?:[ \t]+#+)?[ \t]*\Z")
_UNDERLINE = re.compile(r"^[ ]{0,3}(=+|-+)[ \t]*$", re.M)
_NOT_SETEXT_TEXT = re.compile(r"^(?:[ ]{0,3}[-*+>#]|\s*$|[ ]{4})")
LINK_TEXT = re.compile(r"!?\[([^\[\]\n]*)\]\([^()\n]*\)")  # a link or image, its text in group 1 (linear time)
_HEADING_ID = re.compile(r"\s*\{:?[ \t]*#([\w-]+)[^}]*\}\s*$")


@dataclass(frozen=True)
class Link:
    target: str
    text: str
    line: int
    col: int
    image: bool = False


@dataclass(frozen=True)
class Problem:
    line: int
    col: int
    message: str


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    anchor: str
    line: int


@dataclass
class Scan:
    links: list[Link] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # unsafe or not allowed, whatever the links point at
    over_limits: bool = False  # the body is too costly to render (limit_problems); nothing else was read

    @property
    def anchors(self) -> set[str]:
        return {h.anchor for h in self.headings}


class Positions:
    """Offsets in the body to line and column in the file."""

    def __init__(self, body: str, first_line: int):
        self.starts = [0] + [m.end() for m in re.finditer("\n", body)]
        self.first_line = first_line

    def at(self, offset: int) -> tuple[int, int]:
        lo, hi = 0, len(self.starts)
        while lo + 1 < hi:
            mid = (lo + hi) // 2
            if self.starts[mid] <= offset:
                lo = mid
            else:
                hi = mid
        return self.first_line + lo, offset - self.starts[lo] + 1


def normalised_url(url: str) -> str:
    """A URL the way a browser would finally read its scheme: entities and %-escapes decoded
    (repeatedly), backslashes, white space and control characters removed, lower case."""
    text = url
    for _ in range(4):
        decoded = unquote(html.unescape(text))
        if decoded == text:
            break
        text = decoded
    text = text.replace("\\", "")
    return "".join(ch for ch in text if not ch.isspace() and unicodedata.category(ch)[0] != "C").lower()


def scheme_of(url: str) -> str | None:
    match = re.match(r"^([a-z][a-z0-9+.\-]*):", normalised_url(url))
    return match.group(1) if match else None


def unsafe_url(url: str) -> str | None:
    """Why a link or image address is not allowed at all (None when it may be checked further)."""
    scheme = scheme_of(url)
    if scheme in SCRIPT_SCHEMES:
        return f"'{scheme}:' addresses are not allowed: content may not run scripts or embed data"
    if scheme is not None and scheme not in LINK_SCHEMES:
        return f"'{scheme}:' addresses are not allowed; use https://, a relative link, tel:, mailto: or service:"
    return None


def slugify(text: str) -> str:
    """The id Python-Markdown's toc extension gives a heading (its default slugify)."""
    value = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    value = re.sub(r"[^\w\s-]", "", value).strip().lower()
    return re.sub(r"[-\s]+", "-", value)


def _heading_text(raw: str) -> tuple[str, str | None]:
    explicit = _HEADING_ID.search(raw)
    if explicit:
        raw = raw[: explicit.start()]
    text = LINK_TEXT.sub(r"\1", raw) if "](" in raw else raw
    text = re.sub(r"<[^<>]+>", "", text) if "<" in text else text
    text = re.sub(r"[*_`]", "", text).strip()
    return text, explicit.group(1) if explicit else None


# Bounds on what one article may ask of the renderer: Python-Markdown's time grows with the
# square of the brackets in a paragraph (4,000 '[' take 5 s, 50,000 take minutes) and its
# nesting is recursive. Articles never come near these.
MAX_LINE = 10_000
MAX_BRACKETS_PER_BLOCK = 300
MAX_BRACKETS = 2_000
MAX_DEPTH = 20
_BLOCK_SPLIT = re.compile(r"\n[ \t]*\n")
_QUOTES = re.compile(r"[ \t]*(?:>[ \t]?)+")


def _depth(line: str) -> int:
    """How deep a line is nested: its quote markers, or its indent in list levels."""
    quotes = _QUOTES.match(line)
    depth = quotes.group(0).count(">") if quotes else 0
    stripped = line.lstrip(" \t")
    indent = len(line) - len(stripped)
    return max(depth, indent // 4 + (1 if stripped[:1] in "-*+" or stripped[:1].isdigit() else 0))


def limit_problems(body: str, first_line: int = 1) -> list[Problem]:
    """What makes an article too costly to render: over-long lines, too many brackets, too
    deep nesting. Each is an error at its line; the article is not rendered while one is left."""
    where = Positions(body, first_line)
    problems: list[Problem] = []
    offset = 0
    for line in body.split("\n"):
        if len(line) > MAX_LINE:
            problems.append(
                Problem(
                    *where.at(offset),
                    f"this line is {len(line)} characters long; at most {MAX_LINE}: "
                    "break it into shorter lines or paragraphs",
                )
            )
        elif line[:1] in (" ", "\t", ">"):
            depth = _depth(line)
            if depth > MAX_DEPTH:
                problems.append(
                    Problem(*where.at(offset), f"quotes or lists nested {depth} levels deep; at most {MAX_DEPTH}")
                )
        offset += len(line) + 1
        if len(problems) >= 20:
            break
    return problems + _bracket_problems(body, where)


def _bracket_problems(body: str, where: Positions) -> list[Problem]:
    """Too many '[' in the article, or in one paragraph (the first such paragraph)."""
    if body.count("[") > MAX_BRACKETS:
        return [
            Problem(
                *where.at(body.index("[")), f"too many '[' in one article ({body.count('[')}; at most {MAX_BRACKETS})"
            )
        ]
    if body.count("[") > MAX_BRACKETS_PER_BLOCK:
        start = 0
        for block in _BLOCK_SPLIT.split(body):
            count = block.count("[")
            if count > MAX_BRACKETS_PER_BLOCK:
                return [
                    Problem(
                        *where.at(body.index(block, start) + block.index("[")),
                        f"too many '[' in one paragraph ({count}; at most {MAX_BRACKETS_PER_BLOCK})",
                    )
                ]
            start += len(block)
    return []


class _Reporter:
    """Problems at offsets of the body, one per offset (the first found wins)."""

    def __init__(self, where: Positions, result: Scan):
        self.where = where
        self.result = result
        self.reported: set[int] = set()

    def __call__(self, offset: int, message: str) -> None:
        if offset not in self.reported:
            self.reported.add(offset)
            self.result.problems.append(Problem(*self.where.at(offset), message))


def scan(body: str, first_line: int = 1) -> Scan:
    """Everything in `body` (an article's Markdown after its front-matter, starting at line
    `first_line` of the file) that the gate checks: raw HTML, attribute lists, links, headings
    and unsafe addresses, in that order of steps."""
    where = Positions(body, first_line)
    result = Scan()
    limits = limit_problems(body, first_line)
    if limits:  # too costly to read further; these are what the partner must fix first
        result.problems.extend(limits)
        result.over_limits = True
        return result
    problem = _Reporter(where, result)
    if "<" in body:
        _scan_html(body, problem)
    if "{" in body:
        _scan_attribute_lists(body, problem)
    _scan_links(body, where, result)
    _scan_headings(body, where, result)
    for link in result.links:
        reason = unsafe_url(link.target)
        if reason:
            result.problems.append(Problem(link.line, link.col, reason))
    result.problems.sort(key=lambda p: (p.line, p.col))
    return result


def _scan_html(body: str, problem: _Reporter) -> None:
    """Dangerous tags, markup declarations, tags and attributes outside the allowlists, and
    event handlers anywhere after the start of something tag-like (broken tags too)."""
    for match in _DANGER.finditer(body):
        if "/" in match.group(0):
            continue  # a closing tag: its opening one is reported
        problem(
            match.start(),
            f"<{match.group(1).lower()}> is not allowed: content may not run scripts, embed other pages or add forms",
        )
    for match in _OTHER_MARKUP.finditer(body):
        problem(match.start(), "markup declarations (<!…>, <?…>) are not allowed")
    for match in _TAG.finditer(body):
        name = match.group(2).lower()
        if name in DANGEROUS_TAGS or match.group(1):
            continue  # reported above, or a closing tag (its opening one is reported)
        if name not in ALLOWED_TAGS:
            problem(
                match.start(),
                f"raw HTML <{name}> is not allowed; use Markdown (allowed tags: {', '.join(sorted(ALLOWED_TAGS))})",
            )
            continue
        for attribute in _ATTRIBUTE.finditer(match.group(3) or ""):
            key = attribute.group(1).lower()
            offset = match.start(3) + attribute.start()
            if key.startswith("on"):
                problem(offset, f"the attribute '{key}' is not allowed: content may not run scripts")
            elif key not in ALLOWED_ATTRIBUTES:
                problem(
                    offset,
                    f"the attribute '{key}' is not allowed on <{name}> (allowed: {', '.join(sorted(ALLOWED_ATTRIBUTES))})",
                )
    for start in _TAG_START.finditer(body):
        for match in _EVENT_WORD.finditer(start.group(0)):
            problem(
                start.start() + match.start(),
                f"the attribute '{match.group(0).rstrip('= ').lower()}' is not allowed: content may not run scripts",
            )


def _scan_attribute_lists(body: str, problem: _Reporter) -> None:
    """Attribute lists ({: #id .class key=value }): only ids, classes and allowed keys."""
    for match in _ATTR_LIST.finditer(body):
        inner = match.group(1).strip(" \t")
        if not inner or not re.match(r"[#.]|[A-Za-z_:][\w:.-]*\s*=", inner):
            continue  # braces in text, not an attribute list
        for token in _ATTRIBUTE.finditer(inner):
            key = token.group(1)
            if key.startswith(("#", ".")):
                continue
            key = key.lower()
            offset = match.start(1) + (len(match.group(1)) - len(match.group(1).lstrip(" \t"))) + token.start()
            if key.startswith("on"):
                problem(offset, f"the attribute '{key}' is not allowed: content may not run scripts")
            elif key not in ALLOWED_ATTRIBUTES:
                problem(
                    offset,
                    f"the attribute '{key}' is not allowed in an attribute list (allowed: #id, .class, {', '.join(sorted(ALLOWED_ATTRIBUTES))})",
                )


def _scan_links(body: str, where: Positions, result: Scan) -> None:
    """Inline links and images, reference definitions and autolinks, with their positions."""
    for match in _INLINE_LINK.finditer(body) if "](" in body else ():
        target = match.group(3).strip("<>")
        result.links.append(Link(target, match.group(2), *where.at(match.start(3)), image=bool(match.group(1))))
    for match in _REFERENCE.finditer(body) if "]:" in body else ():
        result.links.append(Link(match.group(2).strip("<>"), match.group(1), *where.at(match.start(2))))
    for match in _AUTOLINK.finditer(body) if "<" in body else ():
        result.links.append(Link(match.group(1), match.group(1), *where.at(match.start(1))))


def _scan_headings(body: str, where: Positions, result: Scan) -> None:
    found = []
    for match in _ATX.finditer(body):
        text = match.group(2).rstrip(" \t")
        closing = _ATX_CLOSING.search(text)
        found.append((match.start(), len(match.group(1)), text[: closing.start()] if closing else text))
    for match in _UNDERLINE.finditer(body):  # setext headings: a line of text underlined with === or ---
        start = body.rfind("\n", 0, max(match.start() - 1, 0)) + 1
        above = body[start : max(match.start() - 1, start)]
        if match.start() > 0 and above.strip() and not _NOT_SETEXT_TEXT.match(above):
            found.append((start, 1 if match.group(1).startswith("=") else 2, above.strip()))
    used: dict[str, int] = {}
    for offset, level, raw in sorted(found):
        text, explicit = _heading_text(raw)
        anchor = explicit or slugify(text)
        if anchor in used:  # the toc extension numbers repeated ids: x, x_1, x_2
            used[anchor] += 1
            anchor = f"{anchor}_{used[anchor]}"
        else:
            used[anchor] = 0
        result.headings.append(Heading(level, text, anchor, where.at(offset)[0]))


def rewrite_link_targets(body: str, replace) -> str:
    """`body` with each inline link's destination passed through `replace(target)` (which returns
    the new destination, or None to keep it)."""
    if "](" not in body:
        return body

    def one(match: re.Match) -> str:
        target = match.group(3)
        new = replace(target.strip("<>"))
        if new is None:
            return match.group(0)
        start, end = match.start(3) - match.start(0), match.end(3) - match.start(0)
        return match.group(0)[:start] + new + match.group(0)[end:]

    return _INLINE_LINK.sub(one, body)


# What Python-Markdown (with attr_list and toc) produces, plus what partners may write:
# rendered.py checks rendered pages against these.
RENDERED_TAGS = ALLOWED_TAGS | {
    "p",
    "a",
    "img",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "blockquote",
    "pre",
    "hr",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "div",
    "dl",
    "dt",
    "dd",
}
RENDERED_ATTRIBUTES = ALLOWED_ATTRIBUTES | {
    "href",
    "src",
    "alt",
    "id",
    "class",
    "start",
    "align",
    "data-hs-care",
    "data-hs-care-heading",
}  # care cards (care_cards.py)
