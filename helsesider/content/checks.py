"""Checks of what articles say, beyond their front-matter: links (between articles, to anchors,
across languages, to services, to other sites), images, raw HTML, headings, readability and
whether translations are as fresh as the Bokmål source.

``check_bodies(corpus, settings)`` adds the findings to the corpus; the build and
``make check`` both run it through ``load_corpus``.
"""

from __future__ import annotations

import difflib
import functools
import posixpath
import re
from bisect import bisect_right

from helsesider import LANGUAGES, default_language
from helsesider.content.body import LINK_TEXT, Link, Scan, scan, scheme_of
from helsesider.content.care_cards import card_problems
from helsesider.content.findings import Finding, error, warning
from helsesider.content.frontmatter import parse
from helsesider.content.model import Article
from helsesider.content.rendered import Locator, address_problem, cache_folder, rendered_page, safety_problems

TEL = re.compile(r"^\+?[0-9][0-9 ]*$")
_SENTENCE_END = re.compile(r"[.!?:](?=\s|$)")
_LIX_WORD = re.compile(r"\w+")
_NOT_TEXT = re.compile(r"<[^<>]+>|\{[^{}\n]*\}")  # bounded by the next '<' or '{': linear time
_BLOCK_MARK = re.compile(r"^\s*(?:#{1,6}\s+|[-*+]\s+|\d+[.)]\s+|>\s*)")


def lix(markdown: str) -> tuple[float, int]:
    """The LIX readability index of a Markdown text (words per sentence + the percentage of
    words longer than six letters), and its number of words. A heading, list item or
    paragraph ends a sentence even without a full stop."""
    text = LINK_TEXT.sub(r"\1", markdown) if "](" in markdown else markdown
    text = _NOT_TEXT.sub(" ", text) if "<" in text or "{" in text else text
    lengths = sorted(map(len, _LIX_WORD.findall(text)))  # counted and sorted in C: thousands of articles
    words = len(lengths)
    if not words:
        return 0.0, 0
    long_words = words - bisect_right(lengths, 6)
    sentences = len(_SENTENCE_END.findall(text))
    lines = text.splitlines()
    for line, after in zip(lines, lines[1:] + [""]):
        line = line.rstrip()
        if not line or line[-1] in ".!?:":
            continue
        if line.lstrip().startswith("#") or not after.strip() or _BLOCK_MARK.match(after):
            sentences += 1  # a block that ends without a full stop
    return words / max(sentences, 1) + 100 * long_words / words, words


class _Targets:
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


# ``body.scan`` kept by body and first line: a scan depends on nothing else, and a server that
# reads the corpus again after a save scans only the bodies that changed. Scans are not changed
# by their users.
cached_scan = functools.lru_cache(maxsize=50_000)(scan)


def body_scan(corpus, article: Article) -> Scan:
    return corpus.memo(("scan", article.lang, article.rel), lambda: cached_scan(article.body, article.body_line))


def check_bodies(
    corpus,
    settings,
    generated_rels,
    readability: bool = True,
    rendered: bool = True,
    only: frozenset[str] | None = None,
) -> list[Finding]:
    """Findings about the bodies of every article in the corpus (and the front pages' links).

    With `rendered` (``make check``), each body is also rendered as the build renders it and
    every link, image and attribute of the result is checked (``helsesider/content/rendered.py``); a
    build does the same with MkDocs' own rendering in ``hooks/content_safety.py``. With `only`,
    just the bodies of those files (shown paths) are checked."""
    targets = _Targets(corpus, generated_rels)
    findings: list[Finding] = []
    for lang in LANGUAGES:
        for article in corpus.articles[lang].values():
            if only is None or article.path in only:
                findings += _check_article(corpus, settings, targets, article, readability, rendered)
        for page in [*corpus.pages[lang].values(), *corpus.drafts[lang].values()]:
            if only is not None and page.path not in only:
                continue
            found = cached_scan(page.body, page.body_line)
            findings += _check_scan(
                corpus,
                settings,
                targets,
                page.path,
                lang,
                page.rel,
                found,
                set(found.anchors),
                (page.body, page.body_line) if rendered else None,
            )
    findings += _check_translations(corpus)
    findings += _check_redirects(corpus, targets)
    findings += _check_aliases(corpus)
    return findings


def _check_aliases(corpus) -> list[Finding]:
    """An alias that is another article's title or alias in the same language: A–Å would list
    one name for two articles, and search could not tell which is meant."""
    findings = []
    for lang in LANGUAGES:
        owners: dict[str, list] = {}
        for article in sorted(corpus.articles[lang].values(), key=lambda a: a.path):
            for name in {article.title.casefold(), *(alias.casefold() for alias in article.aliases)}:
                owners.setdefault(name, []).append(article)
        for article in sorted(corpus.articles[lang].values(), key=lambda a: a.path):
            for alias in article.aliases:
                others = [a.path for a in owners.get(alias.casefold(), []) if a is not article]
                if others:
                    line = _line_of(corpus.root / article.path, alias)
                    findings.append(
                        warning(
                            article.path,
                            line,
                            f"aliases: '{alias}' is also a title or alias of "
                            f"{', '.join(others)}; A–Å and search need one article per name",
                        )
                    )
    return findings


def _line_of(path, text: str) -> int:
    """The first line of the file that holds `text` (1 when none does)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return 1
    return next((number for number, line in enumerate(lines, start=1) if text in line), 1)


def _check_redirects(corpus, targets: _Targets) -> list[Finding]:
    """Every redirect leads to a page that exists and does not hide one."""
    findings = []
    shown = "data/redirects.yml"
    for redirect in corpus.redirects:
        if targets.page_exists(redirect.lang, redirect.old):
            findings.append(
                error(
                    shown,
                    redirect.line,
                    f"{redirect.lang}: docs/{redirect.lang}/{redirect.old} exists; "
                    "a redirect may only replace an article that is gone",
                )
            )
        final = final_target(corpus, redirect.lang, redirect.old)
        if final is None:
            findings.append(
                error(
                    shown, redirect.line, f"{redirect.lang}: the redirects from '{redirect.old}' go round in a circle"
                )
            )
        elif not targets.page_exists(redirect.lang, final):
            findings.append(
                error(
                    shown,
                    redirect.line,
                    f"{redirect.lang}: '{redirect.old}' redirects to "
                    f"docs/{redirect.lang}/{final}, which does not exist",
                )
            )
    return findings


def final_target(corpus, lang: str, old: str) -> str | None:
    """Where a redirect finally leads (following chains: a -> b, b -> c), None for a circle."""
    table = {r.old: r.new for r in corpus.redirects if r.lang == lang}
    seen, current = set(), old
    while current in table:
        if current in seen:
            return None
        seen.add(current)
        current = table[current]
    return current


SECOND_H1 = (
    "a second level-1 heading ('{text}'); an article has one title (the `title` field, or a single '# ' "
    "heading): use '## ' for sections"
)
HARD_TO_READ = "readability: LIX {score:.0f} is above {limit}; use shorter sentences and shorter words where you can"


def _check_article(
    corpus, settings, targets: _Targets, article: Article, readability: bool, rendered: bool
) -> list[Finding]:
    found = body_scan(corpus, article)
    findings = _check_scan(
        corpus,
        settings,
        targets,
        article.path,
        article.lang,
        article.rel,
        found,
        found.anchors,
        (article.body, article.body_line) if rendered else None,
    )
    findings += _related_problems(corpus, targets, article)
    if ":::" in article.body:
        findings += [
            error(article.path, p.line, p.message, p.col) for p in card_problems(article.body, article.body_line)
        ]
    first_h1 = [h for h in found.headings if h.level == 1]
    findings += [error(article.path, extra.line, SECOND_H1.format(text=extra.text)) for extra in first_h1[1:]]
    score, words = lix(article.body) if readability else (0.0, 0)
    if words >= 30 and score > settings.lix_warning:
        findings.append(
            warning(article.path, article.body_line, HARD_TO_READ.format(score=score, limit=settings.lix_warning))
        )
    return findings


def _related_problems(corpus, targets: _Targets, article: Article) -> list[Finding]:
    """`related:` may name only other articles of the same language."""
    findings = []
    for target in (*article.related_pin, *article.related_exclude):
        resolved = resolve_relative(article.lang, article.rel, target.split("#", 1)[0])
        if (
            resolved is None
            or resolved[0] != article.lang
            or resolved[1] not in corpus.articles[article.lang]
            and not (article.lang in corpus.listed or targets.file_exists(*resolved))
        ):
            findings.append(
                error(
                    article.path, article.related_line, f"related: '{target}' is not an article in docs/{article.lang}/"
                )
            )
        elif resolved[1] == article.rel:
            findings.append(error(article.path, article.related_line, f"related: '{target}' is this article itself"))
    return findings


def _check_scan(
    corpus,
    settings,
    targets,
    path: str,
    lang: str,
    rel: str,
    found: Scan,
    own_anchors,
    source: tuple[str, int] | None = None,
) -> list[Finding]:
    findings = [error(path, p.line, p.message, p.col) for p in found.problems]
    if found.over_limits:
        return findings  # not rendered: the limits protect the renderer
    flagged = {p.line for p in found.problems}
    links = found.links
    if source is not None:  # what the renderer makes of the body: every link it will produce
        links = _rendered_links(settings, path, source, flagged, findings)
    for link in links:
        if link.line in flagged:
            continue
        message = _link_problem(corpus, settings, targets, lang, rel, link, own_anchors)
        if message:
            findings.append(error(path, link.line, message, link.col))
    return findings


def _rendered_links(
    settings, path: str, source: tuple[str, int], flagged: set[int], findings: list[Finding]
) -> list[Link]:
    """Render the body: add what the rendered HTML must not hold to `findings` (one per line,
    lines in `flagged` skipped and then flagged), and return every link the HTML has."""
    body, first_line = source
    page = rendered_page(body, cache_folder())
    locator = Locator(body, first_line)
    for problem in safety_problems(page, settings.host_allowed):
        line, col = locator.find(problem.needle)
        if line not in flagged:
            flagged.add(line)
            findings.append(error(path, line, problem.message, col))
    return [
        Link(
            value,
            element.text if element.tag == "a" else dict(element.attrs).get("alt") or "",
            *locator.find(value),
            image=element.tag == "img",
        )
        for element, _, value in page.links
    ]


def _link_problem(corpus, settings, targets: _Targets, lang: str, rel: str, link, own_anchors) -> str | None:
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
        number = target.split(":", 1)[1]
        return None if TEL.match(number) else f"'{target}' is not a phone number; write tel: and digits, e.g. tel:113"
    if scheme is not None:  # mailto:, and https:// to an allowed host
        return None
    return _internal_problem(targets, lang, rel, target, link.image, own_anchors)


def _internal_problem(targets: _Targets, lang: str, rel: str, target: str, image: bool, own_anchors) -> str | None:
    path, _, anchor = target.partition("#")
    path = path.split("?", 1)[0]
    if not path:
        if anchor and anchor not in own_anchors:
            return f"no heading with the anchor '#{anchor}' in this article{_did_you_mean(anchor, own_anchors, '#')}"
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
        hint = _did_you_mean(
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
            hint = _did_you_mean(anchor, anchors, f"{path}#")
            return f"'{target}': docs/{target_lang}/{resolved} has no heading with the anchor '#{anchor}'{hint}"
    return None


def _did_you_mean(wrong: str, choices, prefix: str = "", show=None) -> str:
    """' (did you mean `x`?)' for the closest of `choices`, or ''."""
    close = difflib.get_close_matches(wrong, sorted(choices), n=1, cutoff=0.6)
    if not close:
        return ""
    return f" (did you mean '{prefix}{show(close[0]) if show else close[0]}'?)"


def _check_translations(corpus) -> list[Finding]:
    findings = []
    for lang in LANGUAGES:
        if lang == default_language():
            continue
        for rel, article in corpus.articles[lang].items():
            source = corpus.articles[default_language()].get(rel)
            if source is not None and article.reviewed < source.reviewed:
                findings.append(
                    warning(
                        article.path,
                        article.reviewed_line,
                        f"reviewed: {article.reviewed.isoformat()} is older than the Bokmål article's "
                        f"({source.reviewed.isoformat()}); check the translation against {source.path}",
                    )
                )
    return findings


def cross_language_target(lang: str, rel: str, target: str) -> tuple[str, str, str] | None:
    """(language, path, '#anchor' or '') when `target`, a link in the article at `rel` of `lang`,
    points at a .md file in another language's folder (``../../en/lege/fastlege.md``)."""
    path, hash_, anchor = target.partition("#")
    if scheme_of(target) is not None or not path:
        return None
    found = resolve_relative(lang, rel, path)
    if found is None or found[0] == lang or not found[1].endswith(".md"):
        return None
    return found[0], found[1], hash_ + anchor


def resolve_relative(lang: str, rel: str, path: str) -> tuple[str, str] | None:
    """Where a relative link in docs/<lang>/<rel> leads: (language, path inside that language's
    folder; ``../../en/lege/gp.md`` leads into en), or None when it leaves docs/."""
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(rel), path))
    if not resolved.startswith("../"):
        return lang, resolved
    parts = resolved.split("/")
    if len(parts) >= 3 and parts[1] in LANGUAGES and ".." not in parts[2:]:
        return parts[1], "/".join(parts[2:])
    return None
