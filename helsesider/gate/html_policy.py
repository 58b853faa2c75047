"""One HTML policy for every source of HTML: what a page may hold once Markdown has rendered it.

Every source of HTML is judged by an allowlist of elements and attributes, the same in ``make
check`` and in the build (``hooks/content_safety.py``):

- ``CONTENT``: articles and front pages (``docs/``), and a language's additions to them;
- ``STATEMENT``: the accessibility statement (``data/languages/<code>/accessibility.md``), the
  same rules as articles but no care cards;
- ``GENERATED``: pages the build writes from ``data/`` and file names (topics, A–Å, providers,
  services), whose markup is the project's own partials: richer (inline SVG icons, ARIA), never
  script.

An attribute that makes a browser fetch or go somewhere (``URL_ATTRIBUTES``: ``href``, ``src``,
``srcset``, ``ping``, ``xlink:href``, ``formaction``, ``poster``, ``background``, …) is allowed
only where a policy names it, and its address is checked against the host allowlist of
``data/site.yml``; ``style`` only as the ``text-align`` Markdown writes in table cells; classes
only those the renderer and the partials write (partners cannot borrow the site's own styles, for
instance to hide text or to dress a paragraph as an emergency card).

The source scan of Markdown (``scan.py``) names the raw HTML a partner may write
(``WRITABLE_TAGS``); this module decides what the rendered page may contain.
"""

from __future__ import annotations

import html as html_module
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import ada_url

from helsesider.content.links import normalised_url, scheme_of
from helsesider.gate.cards import card_problems
from helsesider.gate.rendered import Rendered, read

# Raw HTML a partner may write in Markdown: inline tags that only change how text looks or reads,
# and the attributes that only describe text.
WRITABLE_TAGS = frozenset(
    "abbr b br cite code del dfn em i ins kbd mark q s samp small span strong sub sup u var wbr".split()
)
WRITABLE_ATTRIBUTES = frozenset({"title", "lang", "dir"})
# Tags that run, embed or submit something: named in the source scan's error, whatever the context.
DANGEROUS_TAGS = (
    "script", "iframe", "frame", "frameset", "style", "object", "embed", "applet", "form", "input", "button",
    "textarea", "select", "svg", "math", "meta", "link", "base", "template", "noscript",
)  # fmt: skip
SCRIPT_SCHEMES = ("javascript", "vbscript", "data", "livescript", "mocha")
# Schemes a link may use; anything else is refused.
LINK_SCHEMES = ("https", "http", "mailto", "tel", "service")
# Every attribute that makes a browser load an address or send one (HTML, SVG and old HTML)
URL_ATTRIBUTES = frozenset(
    "href src srcset ping action formaction poster background cite data codebase longdesc manifest usemap icon "
    "profile archive classid lowsrc dynsrc imagesrcset xlink:href xml:base attributionsrc itemtype itemid".split()
)
# What Python-Markdown writes (toc, tables, fenced_code, attr_list and the care cards)
MARKDOWN_TAGS = WRITABLE_TAGS | frozenset(
    "p a img h1 h2 h3 h4 h5 h6 ul ol li blockquote pre hr table thead tbody tr th td div dl dt dd".split()
)
_ALIGN = re.compile(r"^text-align:\s*(?:left|right|center);?$")
_CODE_CLASS = re.compile(r"^language-[A-Za-z0-9_+#.-]{1,40}$")


def unsafe_url(url: str) -> str | None:
    """Why a link or image address is not allowed at all (None when it may be checked further)."""
    scheme = scheme_of(url)
    if scheme in SCRIPT_SCHEMES:
        return f"'{scheme}:' addresses are not allowed: content may not run scripts or embed data"
    if scheme is not None and scheme not in LINK_SCHEMES:
        return f"'{scheme}:' addresses are not allowed; use https://, a relative link, tel:, mailto: or service:"
    return None


def host_of(url: str) -> str | None:
    """The host a browser would go to for an http(s) address ('' when it has none); None for
    other addresses. Read by WHATWG URL rules (ada-url): a backslash ends the host, ``user@`` is
    not the host, tabs and newlines are dropped."""
    if scheme_of(url) not in ("http", "https"):
        return None
    try:
        return (ada_url.URL(url.strip()).hostname or "").lower().rstrip(".")
    except ValueError:
        return ""


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


@dataclass(frozen=True)
class Problem:
    needle: str  # what to look for in the Markdown to find the line
    message: str
    card: int | None = None  # the care card it is about (its place in the page)
    at_close: bool = False  # the card's closing line rather than its opening


@dataclass(frozen=True)
class Policy:
    """An allowlist: the elements, the attributes on every element and per element, the URL
    attributes (checked against the hosts), the class values, and whether care cards may stand."""

    name: str
    tags: frozenset[str]
    attributes: frozenset[str]
    per_tag: Mapping[str, frozenset[str]] = field(default_factory=dict)
    classes: Callable[[str, str], bool] = lambda tag, value: False
    cards: bool = False

    def allows_attribute(self, tag: str, key: str, value: str | None) -> bool:
        if key not in self.attributes and key not in self.per_tag.get(tag, ()):
            return False
        if key == "class":
            return all(self.classes(tag, name) for name in (value or "").split())
        if key == "style":
            return bool(_ALIGN.match((value or "").strip()))
        return True

    def problems(self, page_html: str, host_allowed) -> list[Problem]:
        """What `page_html` may not hold under this policy (the fast path for the tidy HTML
        Markdown writes; the parser for anything else, which names every problem)."""
        if _tidy_and_clean(self, page_html, host_allowed):
            return []
        return self.check(read(page_html), host_allowed)

    def check(self, rendered: Rendered, host_allowed) -> list[Problem]:
        problems = [Problem(d[:3], "markup declarations (<!…>, <?…>) are not allowed") for d in rendered.declarations]
        for element in rendered.elements:
            if element.tag not in self.tags:
                problems.append(Problem(f"<{element.tag}", f"<{element.tag}> is not allowed in {self.name}"))
                continue
            for key, value in element.attrs:
                if not self.allows_attribute(element.tag, key, value):
                    problems.append(Problem(key, _attribute_message(self, element.tag, key, value)))
                elif key in URL_ATTRIBUTES and value is not None:
                    message = address_problem(value, image=element.tag == "img", host_allowed=host_allowed)
                    if message:
                        problems.append(Problem(value, message))
        if rendered.cards:
            if self.cards:
                problems += [Problem(":::", p.message, p.index, p.at_close) for p in card_problems(rendered.cards)]
            else:
                problems.append(Problem(":::", f"care cards are for articles; {self.name} cannot hold one"))
        return problems


def _attribute_message(policy: Policy, tag: str, key: str, value: str | None) -> str:
    if key.startswith("on"):
        return f"the attribute '{key}' is not allowed on <{tag}>: content may not run scripts"
    if key in URL_ATTRIBUTES:
        return f"the attribute '{key}' is not allowed on <{tag}>: it makes the browser load or send an address"
    if key == "class":
        return f"the class '{value}' is not allowed on <{tag}>: the look comes from the site's components"
    return f"the attribute '{key}' is not allowed on <{tag}>: content may not set it"


# Markdown writes tidy HTML: <name attr="value" ...>. When every tag of a page is written that
# way, its tags, attributes and addresses are read with two regular expressions (a tenth of
# the HTML parser's time on thousands of pages); anything else goes to the parser.
_TAG_OPENING = re.compile(r"<[A-Za-z!?]")
_TIDY_TAG = re.compile(r'<([a-zA-Z][a-zA-Z0-9]*)((?:\s+[a-zA-Z_:][\w:.-]*="[^"<>]*")*)\s*/?>')
_TIDY_ATTRIBUTE = re.compile(r'([a-zA-Z_:][\w:.-]*)="([^"]*)"')


def _tidy_and_clean(policy: Policy, page_html: str, host_allowed) -> bool:
    """Whether `page_html` is tidy and every tag, attribute and address in it is allowed (no
    care card: cards always go to the parser, which reads where they stand)."""
    if "data-hs-care" in page_html:
        return False
    tags = _TIDY_TAG.findall(page_html)
    if len(tags) != len(_TAG_OPENING.findall(page_html)):
        return False
    for name, attributes in tags:
        name = name.lower()
        if name not in policy.tags:
            return False
        for key, value in _TIDY_ATTRIBUTE.findall(attributes) if attributes else ():
            key, value = key.lower(), html_module.unescape(value)
            if not policy.allows_attribute(name, key, value):
                return False
            if key in URL_ATTRIBUTES and address_problem(value, image=name == "img", host_allowed=host_allowed):
                return False
    return True


def _content_class(tag: str, value: str) -> bool:
    return (tag == "code" and bool(_CODE_CLASS.match(value))) or (tag == "div" and value == "hs-care")


_MARKDOWN_PER_TAG = {
    "a": frozenset({"href"}),
    "img": frozenset({"src", "alt"}),
    "ol": frozenset({"start"}),
    "th": frozenset({"style", "align"}),
    "td": frozenset({"style", "align"}),
    "code": frozenset({"class"}),
}
CONTENT = Policy(
    name="an article",
    tags=MARKDOWN_TAGS,
    attributes=WRITABLE_ATTRIBUTES | {"id"},
    per_tag={
        **_MARKDOWN_PER_TAG,
        "div": frozenset({"class", "data-hs-care", "data-hs-care-heading", "data-hs-care-problem"}),
    },
    classes=_content_class,
    cards=True,
)
STATEMENT = Policy(
    name="the accessibility statement",
    tags=MARKDOWN_TAGS,
    attributes=WRITABLE_ATTRIBUTES | {"id"},
    per_tag=_MARKDOWN_PER_TAG,
    classes=_content_class,
)
# The project's partials (overrides/partials/): article and link lists, the A–Å bar, hand-off
# buttons and tiles with their lock icon, service pages; all text in them comes escaped from data/.
_SVG = frozenset({"svg", "path", "g", "title"})
GENERATED = Policy(
    name="a generated page",
    tags=MARKDOWN_TAGS | _SVG | {"nav", "section", "article", "header", "footer", "figure", "figcaption"},
    attributes=WRITABLE_ATTRIBUTES | {"id", "class", "aria-label", "aria-hidden", "aria-current", "role", "hidden"},
    per_tag={
        **_MARKDOWN_PER_TAG,
        "a": frozenset({"href", "data-variant", "data-hs-service", "data-hs-leaves-site", "data-color", "rel"}),
        "span": frozenset({"data-color", "data-size", "data-variant"}),
        "svg": frozenset({"viewbox", "width", "height", "focusable", "fill", "xmlns"}),
        "path": frozenset({"d", "fill", "fill-rule", "clip-rule"}),
    },
    classes=lambda tag, value: True,  # the partials' own classes (text inside them is escaped)
)
