"""What a link in content may be: pages and anchors that exist (in any language), services of
the registry, phone numbers, and https:// addresses to allowed hosts (``html_policy``)."""

from __future__ import annotations

import difflib
import posixpath
import re

from helsesider.content.frontmatter import parse
from helsesider.content.links import resolve_relative, scheme_of
from helsesider.gate.html_policy import address_problem
from helsesider.gate.scan import body_scan, scan

TEL = re.compile(r"^\+?[0-9][0-9 ]*$")


class Targets:
    """What links may point at: the pages of every language and their anchors, reading files
    that are not part of the corpus (``make check FILES=…``, one-language builds) on demand."""

    def __init__(self, corpus, generated_rels):
        self.corpus = corpus
        self.generated = generated_rels
        self.docs = corpus.root / "docs"
        self._anchors: dict[tuple[str, str], set[str] | None] = {}
        self._rels: dict[str, set[str]] = {}

    def page_exists(self, lang: str, rel: str) -> bool:
        corpus = self.corpus
        if rel in corpus.articles[lang] or rel in corpus.pages[lang] or rel in self.generated(lang):
            return True
        if lang in corpus.listed:
            return rel in corpus.listed[lang]
        return (self.docs / lang / rel).is_file()

    def article_rels(self, lang: str) -> set[str]:
        """Every Markdown file of a language (for suggestions when a link is broken)."""
        if lang in self.corpus.listed:
            return set(self.corpus.listed[lang])
        if lang not in self._rels:
            folder = self.docs / lang
            found = {p.relative_to(folder).as_posix() for p in folder.rglob("*.md")} if folder.is_dir() else set()
            self._rels[lang] = found | set(self.corpus.articles[lang])
        return self._rels[lang]

    def file_exists(self, lang: str, rel: str) -> bool:
        return (self.docs / lang / rel).is_file()

    def anchors(self, lang: str, rel: str) -> set[str] | None:
        """The heading ids of a page (None when they cannot be known: generated pages)."""
        key = (lang, rel)
        if key not in self._anchors:
            article = self.corpus.articles[lang].get(rel)
            if article is not None:
                self._anchors[key] = body_scan(self.corpus, article).anchors
            elif rel in self.generated(lang):
                self._anchors[key] = None
            else:
                self._anchors[key] = self._read_anchors(lang, rel)
        return self._anchors[key]

    def _read_anchors(self, lang: str, rel: str) -> set[str] | None:
        path = self.docs / lang / rel
        try:
            document, _ = parse(str(path), path.read_bytes())
        except OSError:
            return None
        return scan(document.body, document.body_line).anchors if document else None


def link_problem(corpus, settings, targets: Targets, lang: str, rel: str, link, own_anchors) -> str | None:
    target = link.target.strip()
    scheme = scheme_of(target)
    if link.image and not link.text.strip():
        return "an image needs a text alternative: write what it shows between the brackets, ![like this](image.png)"
    problem = address_problem(target, image=link.image, host_allowed=settings.host_allowed)  # scheme, host, images
    if problem:
        return problem
    if scheme == "service":
        service_id = target.split(":", 1)[1].strip()
        if service_id not in corpus.services:
            close = difflib.get_close_matches(service_id, list(corpus.services), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            return f"unknown service '{service_id}'{hint}; services are listed in data/services.yml"
        return None
    if scheme == "tel":
        return tel_problem(target, link.text)
    if scheme is not None:  # mailto:, and https:// to an allowed host
        return None
    return _internal_problem(targets, lang, rel, target, link.image, own_anchors)


def tel_problem(target: str, text: str) -> str | None:
    """A tel: link dials digits, and a number shown as its text is the number it dials: a reader
    who sees 113 on the screen must reach 113 ("+47" in front may be left out of the text)."""
    number = target.split(":", 1)[1]
    if not TEL.match(number):
        return f"'{target}' is not a phone number; write tel: and digits, e.g. tel:113"
    dialled, shown = re.sub(r"\D", "", number), re.sub(r"\D", "", text)
    if len(shown) >= 3 and shown != dialled and not (number.startswith("+47") and dialled == "47" + shown):
        return f"the link shows the number {text.strip()} but dials {number}: write the same number in both"
    return None


def _internal_problem(targets: Targets, lang: str, rel: str, target: str, image: bool, own_anchors) -> str | None:
    path, _, anchor = target.partition("#")
    path = path.split("?", 1)[0]
    if not path:
        if anchor and anchor not in own_anchors:
            return f"no heading with the anchor '#{anchor}' in this article{did_you_mean(anchor, own_anchors, '#')}"
        return None
    if path.startswith("/"):
        return f"'{target}': use a relative link to the .md file (like ../lege/fastlege.md), not a site address"
    found = resolve_relative(lang, rel, path)
    if found is None:
        return f"'{target}' points outside the content folder docs/"
    target_lang, resolved = found
    if image or not resolved.endswith(".md"):
        if resolved.endswith("/") or not posixpath.splitext(resolved)[1]:
            return f"'{target}': link to the article's .md file (e.g. fastlege.md), not to a folder"
        if not targets.file_exists(target_lang, resolved):
            return f"'{target}': no such file docs/{target_lang}/{resolved}"
        return None
    if not targets.page_exists(target_lang, resolved):
        where = "" if target_lang == lang else f" in {target_lang}"
        hint = did_you_mean(
            resolved,
            targets.article_rels(target_lang),
            "",
            lambda close: (
                posixpath.relpath(close, posixpath.dirname(rel) or ".")
                if target_lang == lang
                else f"../{'../' * rel.count('/')}{target_lang}/{close}"
            ),
        )
        return f"'{target}': no article docs/{target_lang}/{resolved}{where}{hint}"
    if anchor:
        anchors = targets.anchors(target_lang, resolved)
        if anchors is not None and anchor not in anchors:
            hint = did_you_mean(anchor, anchors, f"{path}#")
            return f"'{target}': docs/{target_lang}/{resolved} has no heading with the anchor '#{anchor}'{hint}"
    return None


def did_you_mean(wrong: str, choices, prefix: str = "", show=None) -> str:
    """' (did you mean `x`?)' for the closest of `choices`, or ''."""
    close = difflib.get_close_matches(wrong, sorted(choices), n=1, cutoff=0.6)
    if not close:
        return ""
    return f" (did you mean '{prefix}{show(close[0]) if show else close[0]}'?)"
