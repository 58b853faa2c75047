"""What an article's Markdown body contains that the gate must look at: links, images, raw
HTML, attribute lists and headings, each with its line and column in the file.

The scan is deliberately suspicious: it reads every line but the insides of fenced code blocks
(found as the renderer finds them, with ``fenced_code``'s own pattern: what is there is shown as
text), so nothing a partner writes can reach the page as markup without being looked at. What
the renderer makes of the body is judged by ``html_policy.py``; this scan gives the partner the
line and column of each problem in the Markdown.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from helsesider.content.links import INLINE_LINK, LINK_TEXT, slugify
from helsesider.gate.cards import fenced_code
from helsesider.gate.findings import Positions
from helsesider.gate.html_policy import DANGEROUS_TAGS, WRITABLE_ATTRIBUTES, WRITABLE_TAGS, unsafe_url

_TAG = re.compile(
    r"""<(/?)([A-Za-z][A-Za-z0-9:-]*)((?:\s+[^\s"'<>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'<>`]+))?)*)\s*(/?)>"""
)
_TAG_START = re.compile(r"<[A-Za-z][^<]*")
_DANGER = re.compile(r"<\s*/?\s*(" + "|".join(DANGEROUS_TAGS) + r")(?![A-Za-z0-9-])", re.I)
_OTHER_MARKUP = re.compile(r"<[!?](?!--)", re.I)  # <!DOCTYPE, <![CDATA[, <?php ...
_ATTRIBUTE = re.compile(r"""([^\s"'=<>`/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
_EVENT_WORD = re.compile(r"(?<![A-Za-z0-9-])on[a-z]+\s*=", re.I)
_REFERENCE = re.compile(r"^[ ]{0,3}\[([^\]\n]+)\]:[ \t]*(<[^>\n]*>|\S+)", re.M)
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*)>")
_ATTR_LIST = re.compile(r"\{:?([^{}\n]*)\}")  # inner text stripped in code: no backtracking
_ATX = re.compile(r"^[ ]{0,3}(#{1,6})[ \t]+([^\n]*)$", re.M)  # closing #s stripped in code: linear time
_ATX_CLOSING = re.compile(r"(?:[ \t]+#+)?[ \t]*\Z")
_UNDERLINE = re.compile(r"^[ ]{0,3}(=+|-+)[ \t]*$", re.M)
_NOT_SETEXT_TEXT = re.compile(r"^(?:[ ]{0,3}[-*+>#]|\s*$|[ ]{4})")
# Office's HTML, as pasting from Word (or Outlook) leaves it: one problem, the paste, per line
_WORD = re.compile(
    r"""class=["']?Mso|mso-[a-z]|<o:p\b|<w:[a-z]|<v:[a-z]|<!\[(?:end)?if|urn:schemas-microsoft-com""", re.I
)
WORD_PASTE = (
    "this text was pasted with Word's formatting (Office HTML); delete it and paste it again as plain text "
    "(Lim inn som ren tekst: Ctrl+Shift+V, on a Mac Cmd+Shift+Alt+V), then write headings, lists and bold in Markdown"
)
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
# Python-Markdown's fenced_code pattern looks, for every opening fence, to the end of the text for
# its closing one: 8,000 fences that never close take 6 s, 20,000 minutes. Articles use a few.
MAX_FENCES = 100
_FENCE_LINE = re.compile(r"^[ ]{0,3}(?:`{3,}|~{3,})", re.M)
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
    return problems + _bracket_problems(body, where) + _fence_problems(body, where)


def _fence_problems(body: str, where: Positions) -> list[Problem]:
    if "``" not in body and "~~" not in body:
        return []
    fences = list(_FENCE_LINE.finditer(body))
    if len(fences) <= MAX_FENCES:
        return []
    return [
        Problem(
            *where.at(fences[MAX_FENCES].start()),
            f"too many lines starting with ``` or ~~~ ({len(fences)}; at most {MAX_FENCES} in one article)",
        )
    ]


def without_fenced_code(body: str) -> str:
    """`body` with the insides of its fenced code blocks blanked (line breaks kept, so offsets
    and lines stay): what is there is shown as text, never read as Markdown or HTML."""
    spans = fenced_code(body)
    if not spans:
        return body
    parts, last = [], 0
    for start, end in spans:
        inside = body.index("\n", start) + 1  # after the opening fence line (it may hold attributes)
        close = body.rindex("\n", start, end - 1) + 1 if "\n" in body[inside:end] else inside
        parts += [body[last:inside], "".join(ch if ch == "\n" else " " for ch in body[inside:close])]
        last = close
    return "".join(parts) + body[last:]


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
    text = without_fenced_code(body)
    if "<" in text:
        _scan_html(text, problem)
    if "{" in text:
        _scan_attribute_lists(text, problem)
    _scan_links(text, where, result)
    _scan_headings(text, where, result)
    for link in result.links:
        reason = unsafe_url(link.target)
        if reason:
            result.problems.append(Problem(link.line, link.col, reason))
    result.problems.sort(key=lambda p: (p.line, p.col))
    return result


def _word_lines(body: str, problem: _Reporter) -> list[tuple[int, int]]:
    """The lines holding Office HTML, each reported once (where it starts), as (start, end) offsets."""
    spans: list[tuple[int, int]] = []
    for match in _WORD.finditer(body):
        start = body.rfind("\n", 0, match.start()) + 1
        if spans and spans[-1][0] == start:
            continue
        end = body.find("\n", match.start())
        spans.append((start, len(body) if end < 0 else end))
        problem(start, WORD_PASTE)
    return spans


def _scan_tags(body: str, problem, report: _Reporter) -> None:
    """Tags and attributes outside the allowlists (`problem`: not on a line pasted from Word;
    `report`: everywhere, for what runs scripts)."""
    for match in _TAG.finditer(body):
        name = match.group(2).lower()
        if name in DANGEROUS_TAGS or match.group(1):
            continue  # reported above, or a closing tag (its opening one is reported)
        if name not in WRITABLE_TAGS:
            problem(
                match.start(),
                f"raw HTML <{name}> is not allowed; use Markdown (allowed tags: {', '.join(sorted(WRITABLE_TAGS))})",
            )
            continue
        for attribute in _ATTRIBUTE.finditer(match.group(3) or ""):
            key = attribute.group(1).lower()
            offset = match.start(3) + attribute.start()
            if key.startswith("on"):
                report(offset, f"the attribute '{key}' is not allowed: content may not run scripts")
            elif key not in WRITABLE_ATTRIBUTES:
                problem(
                    offset,
                    f"the attribute '{key}' is not allowed on <{name}> (allowed: {', '.join(sorted(WRITABLE_ATTRIBUTES))})",
                )


def _scan_html(body: str, report: _Reporter) -> None:
    """Dangerous tags, markup declarations, tags and attributes outside the allowlists, and
    event handlers anywhere after the start of something tag-like (broken tags too). On a line
    pasted from Word the paste is the problem, said once (what is dangerous is still named)."""
    pasted = _word_lines(body, report) if _WORD.search(body) else []

    def problem(offset: int, message: str) -> None:
        if not any(start <= offset < end for start, end in pasted):
            report(offset, message)

    for match in _DANGER.finditer(body):
        if "/" in match.group(0):
            continue  # a closing tag: its opening one is reported
        report(
            match.start(),
            f"<{match.group(1).lower()}> is not allowed: content may not run scripts, embed other pages or add forms",
        )
    for match in _OTHER_MARKUP.finditer(body):
        problem(match.start(), "markup declarations (<!…>, <?…>) are not allowed")
    _scan_tags(body, problem, report)
    for start in _TAG_START.finditer(body):
        for match in _EVENT_WORD.finditer(start.group(0)):
            report(
                start.start() + match.start(),
                f"the attribute '{match.group(0).rstrip('= ').lower()}' is not allowed: content may not run scripts",
            )


def _scan_attribute_lists(body: str, problem: _Reporter) -> None:
    """Attribute lists ({: #id key=value }): only ids and allowed keys (no classes: the look
    comes from the site's components)."""
    for match in _ATTR_LIST.finditer(body):
        inner = match.group(1).strip(" \t")
        if not inner or not re.match(r"[#.]|[A-Za-z_:][\w:.-]*\s*=", inner):
            continue  # braces in text, not an attribute list
        for token in _ATTRIBUTE.finditer(inner):
            key = token.group(1)
            if key.startswith("#"):
                continue
            offset = match.start(1) + (len(match.group(1)) - len(match.group(1).lstrip(" \t"))) + token.start()
            if key.startswith("."):
                problem(offset, f"the class '{key[1:]}' is not allowed: the look comes from the site's components")
                continue
            key = key.lower()
            if key.startswith("on"):
                problem(offset, f"the attribute '{key}' is not allowed: content may not run scripts")
            elif key not in WRITABLE_ATTRIBUTES:
                problem(
                    offset,
                    f"the attribute '{key}' is not allowed in an attribute list (allowed: #id, {', '.join(sorted(WRITABLE_ATTRIBUTES))})",
                )


def _scan_links(body: str, where: Positions, result: Scan) -> None:
    """Inline links and images, reference definitions and autolinks, with their positions."""
    for match in INLINE_LINK.finditer(body) if "](" in body else ():
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


# ``scan`` kept by body and first line: a scan depends on nothing else, and a server that reads
# the corpus again after a save scans only the bodies that changed. Scans are not changed by
# their users.
cached_scan = functools.lru_cache(maxsize=50_000)(scan)


def body_scan(corpus, article) -> Scan:
    """The scan of an article of the corpus (kept for the corpus's life)."""
    return corpus.memo(("scan", article.lang, article.rel), lambda: cached_scan(article.body, article.body_line))
