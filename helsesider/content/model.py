"""The article model: the front-matter contract with content partners, and its validation.

Every article is ``docs/<lang>/<path>.md``; the same ``<path>`` in two languages is the same
article in two languages. A language's ``index.md`` is its front page, not an article.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass
from pathlib import Path

from helsesider.content.codes import SYSTEM, SYSTEMS, normalised, problem
from helsesider.content.dates import add_years, parse_iso_date
from helsesider.content.frontmatter import Document, Value, parse
from helsesider.content.registry import Provider
from helsesider.gate.findings import Finding, error, warning
from helsesider.gate.text_rules import normalise, plain_text_problem, text_problem
from helsesider.settings import Settings

REQUIRED = ("title", "description", "provider", "reviewer", "reviewed")
OPTIONAL = ("next_review", "aliases", "related", "glossary_off", "codes")
ARTICLE_KEYS = REQUIRED + OPTIONAL
PAGE_KEYS = ("title", "description")
MAX_DESCRIPTION = 200
MAX_TITLE = 120


# The comma between a reviewer's name and role: the Latin one, or the Arabic-script one (U+060C)
REVIEWER_COMMA = re.compile("[,\u060c]")


def split_reviewer(text: str) -> tuple[str, str]:
    """'Kari Eksempel, lege' -> ('Kari Eksempel', 'lege'); ('…', '') when there is no comma."""
    parts = REVIEWER_COMMA.split(text, maxsplit=1)
    return parts[0].strip(), (parts[1].strip() if len(parts) > 1 else "")


def file_bytes(path: Path, shown: str) -> tuple[bytes | None, list[Finding]]:
    """A partner's file as bytes, or why it cannot be read (a finding at its first line)."""
    try:
        return path.read_bytes(), []
    except OSError as exc:
        return None, [error(shown, 1, f"cannot read the file: {exc.strerror}")]


@dataclass(frozen=True)
class Article:
    path: str  # as shown to partners, e.g. docs/nb/fastlege.md
    lang: str
    rel: str  # path inside the language folder, e.g. fastlege.md; the article's identity
    title: str
    description: str
    provider: str
    reviewer: str
    reviewed: dt.date
    next_review: dt.date
    aliases: tuple[str, ...]
    body: str
    body_line: int
    reviewed_line: int = 1  # where `reviewed` is written, for findings about it
    # related: articles to show first / never, as written (links like fastlege.md, ../x/y.md)
    related_pin: tuple[str, ...] = ()
    related_exclude: tuple[str, ...] = ()
    related_line: int = 1
    # glossary terms (data/glossary/<lang>.yml) not marked in this article, lower case
    glossary_off: tuple[str, ...] = ()
    # diagnosis codes (content/codes.py): (system, code), as filed: ("icpc2", "R96"), ("icd10", "J45.9")
    codes: tuple[tuple[str, str], ...] = ()
    codes_line: int = 1

    @property
    def topic(self) -> str | None:
        """The article's topic: its first-level folder (None for an article at the top)."""
        return self.rel.split("/", 1)[0] if "/" in self.rel else None

    @property
    def reviewer_name(self) -> str:
        return split_reviewer(self.reviewer)[0]

    @property
    def reviewer_role(self) -> str:
        return split_reviewer(self.reviewer)[1]


@dataclass(frozen=True)
class Page:
    """A page that is not an article (a language's front page): title and description only."""

    path: str
    lang: str
    rel: str
    title: str
    description: str
    body: str
    body_line: int


def is_front_page(rel: str) -> bool:
    return rel == "index.md"


def read_article(
    path: str, data: bytes, lang: str, rel: str, providers: dict[str, Provider], settings: Settings
) -> tuple[Article | Page | None, list[Finding]]:
    """Validate one Markdown file; return the article (or None when it has errors) and findings."""
    document, findings = parse(path, data)
    if document is None:
        return None, findings
    if is_front_page(rel):
        page, more = _read_page(path, document, lang, rel)
        return page, findings + more
    checker = _Checker(path, document, providers, settings)
    article = checker.article(lang, rel)
    return article, findings + checker.findings


ADDITION_REQUIRED = ("provider", "reviewer", "reviewed")
ADDITION_KEYS = (*ADDITION_REQUIRED, "next_review")


@dataclass(frozen=True)
class Addition:
    """A region's local addition to a national article (local/<region>/<lang>/<article path>):
    who supplied and reviewed it, and its Markdown."""

    path: str  # local/eksempel-kommune/nb/akutt-hjelp/legevakt.md
    region: str
    lang: str
    rel: str  # the national article's path inside the language folder
    provider: str
    reviewer: str
    reviewed: dt.date
    next_review: dt.date
    body: str
    body_line: int


def read_addition(
    path: str, data: bytes, region: str, lang: str, rel: str, providers: dict[str, Provider], settings: Settings
) -> tuple[Addition | None, list[Finding]]:
    """Validate one local addition's front-matter; the addition (None when it has errors) and findings."""
    document, findings = parse(path, data)
    if document is None:
        return None, findings
    checker = _Checker(path, document, providers, settings)
    checker.check_keys(ADDITION_KEYS, ADDITION_REQUIRED)
    provider, reviewer = checker.provider(), checker.reviewer()
    reviewed, next_review = checker.review_dates(settings)
    if any(f.is_error for f in checker.findings) or None in (provider, reviewer, reviewed):
        return None, findings + checker.findings
    assert provider is not None and reviewer is not None and reviewed is not None
    if next_review is None:
        next_review = add_years(reviewed, settings.review_years)
    checker.warn_if_due(next_review, settings)
    addition = Addition(
        path, region, lang, rel, provider, reviewer, reviewed, next_review, document.body, document.body_line
    )
    return addition, findings + checker.findings


def _read_page(path: str, document: Document, lang: str, rel: str):
    checker = _Checker(path, document, {}, None)
    checker.check_keys(PAGE_KEYS, PAGE_KEYS)
    title = checker.text("title", MAX_TITLE)
    description = checker.text("description", MAX_DESCRIPTION)
    if any(f.is_error for f in checker.findings) or title is None or description is None:
        return None, checker.findings
    return Page(path, lang, rel, title, description, document.body, document.body_line), checker.findings


class _Checker:
    """Collects every finding of one file's front-matter, rather than stopping at the first."""

    def __init__(self, path: str, document: Document, providers: dict[str, Provider], settings: Settings | None):
        self.path = path
        self.document = document
        self.fields = document.fields
        self.providers = providers
        self.settings = settings
        self.findings: list[Finding] = []

    def fail(self, field: str | None, message: str, at: Value | None = None) -> None:
        value = at if at is not None else (self.fields.get(field) if field else None)
        line, col = (value.line, value.col) if value else (1, 1)
        self.findings.append(error(self.path, line, message, col))

    def check_keys(self, allowed, required) -> None:
        """Unknown keys (with the key meant) and missing required ones; a misspelt required key
        is one finding, at its line, not also a missing field at line 1."""
        meant = set()
        for key in self.fields:
            if key not in allowed:
                close = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.6)
                if close and close[0] in required and close[0] not in self.fields:
                    meant.add(close[0])
                    self.fail(key, f"unknown key '{key}': did you mean '{close[0]}'? ('{close[0]}' is required)")
                    continue
                hint = f" (did you mean '{close[0]}'?)" if close else f"; allowed keys: {', '.join(allowed)}"
                self.fail(key, f"unknown key '{key}'{hint}")
        for key in required:
            if key not in self.fields and key not in meant:
                self.fail(None, f"{key}: required field is missing")

    def text(self, field: str, limit: int) -> str | None:
        value = self.fields.get(field)
        if value is None:
            return None
        if not isinstance(value.value, str):
            self.fail(field, f"{field}: must be text, got {_describe(value.value)} (put the text in quotes)")
            return None
        text = normalise(value.value.strip())
        if not text:
            self.fail(field, f"{field}: must not be empty")
            return None
        if "\n" in text:
            self.fail(field, f"{field}: must be on one line")
            return None
        if len(text) > limit:
            self.fail(field, f"{field}: {len(text)} characters; at most {limit}")
            return None
        problem = plain_text_problem(text)
        if problem:
            self.fail(field, f"{field}: {problem}")
            return None
        return text

    def date(self, field: str) -> dt.date | None:
        value = self.fields.get(field)
        if value is None:
            return None
        if not isinstance(value.value, str):
            self.fail(field, f"{field}: must be a date written as YYYY-MM-DD, got {_describe(value.value)}")
            return None
        try:
            return parse_iso_date(value.value.strip())
        except ValueError as exc:
            self.fail(field, f"{field}: {exc}")
            return None

    def article(self, lang: str, rel: str) -> Article | None:  # long: one line per field of the Article
        assert self.settings is not None, "articles are read with the site's settings"  # only pages are read without
        settings = self.settings
        self.check_keys(ARTICLE_KEYS, REQUIRED)
        title = self.text("title", MAX_TITLE)
        description = self.text("description", MAX_DESCRIPTION)
        provider = self.provider()
        reviewer = self.reviewer()
        reviewed, next_review = self.review_dates(settings)
        aliases = self.aliases()
        pins, excludes = self.related()
        glossary_off = self.glossary_off()
        codes = self.codes()
        if any(f.is_error for f in self.findings) or None in (title, description, provider, reviewer, reviewed):
            return None
        assert title is not None and description is not None and provider is not None and reviewer is not None
        assert reviewed is not None  # the line above: for the type checker
        if "next_review" not in self.fields or next_review is None:
            next_review = add_years(reviewed, settings.review_years)
        self.warn_if_due(next_review, settings)
        related_at = self.fields.get("related")
        return Article(
            self.path,
            lang,
            rel,
            title,
            description,
            provider,
            reviewer,
            reviewed,
            next_review,
            aliases,
            self.document.body,
            self.document.body_line,
            self.fields["reviewed"].line,
            pins,
            excludes,
            related_at.line if related_at else 1,
            glossary_off,
            codes,
            self.fields["codes"].line if "codes" in self.fields else 1,
        )

    def review_dates(self, settings: Settings) -> tuple[dt.date | None, dt.date | None]:
        """`reviewed` (not in the future) and `next_review` (after it), None where wrong."""
        reviewed = self.date("reviewed")
        if reviewed and reviewed > settings.today:
            self.fail("reviewed", f"reviewed: {reviewed.isoformat()} is in the future")
            reviewed = None
        next_review = self.date("next_review")
        if next_review and reviewed and next_review <= reviewed:
            self.fail(
                "next_review", f"next_review: {next_review.isoformat()} must be after reviewed ({reviewed.isoformat()})"
            )
            next_review = None
        return reviewed, next_review

    def warn_if_due(self, next_review: dt.date, settings: Settings) -> None:
        if next_review < settings.today:
            at = self.fields.get("next_review") or self.fields["reviewed"]
            self.findings.append(
                warning(
                    self.path,
                    at.line,
                    f"next_review: the review was due {next_review.isoformat()}; "
                    "the article needs a new professional review",
                    at.col,
                )
            )

    def related(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """`related:` as a list of articles to show first, or {pin: [...], exclude: [...]}."""
        value = self.fields.get("related")
        if value is None:
            return (), ()
        data = value.value
        if isinstance(data, list):
            data = {"pin": data}
        if not isinstance(data, dict) or set(data) - {"pin", "exclude"}:
            self.fail(
                "related",
                "related: write a list of articles (like ../akutt-hjelp/legevakt.md), or 'pin:' and 'exclude:' lists",
            )
            return (), ()
        found: dict[str, tuple[str, ...]] = {}
        for key in ("pin", "exclude"):
            items = data.get(key) or []
            if not isinstance(items, list) or not all(isinstance(i, str) and i.strip().endswith(".md") for i in items):
                self.fail("related", f"related: {key}: must be a list of .md files, like fastlege.md")
                return (), ()
            found[key] = tuple(i.strip() for i in items)
        return found["pin"], found["exclude"]

    def provider(self) -> str | None:
        value = self.fields.get("provider")
        if value is None:
            return None
        if not isinstance(value.value, str) or not value.value.strip():
            self.fail(
                "provider", f"provider: must be a provider id from data/providers.yml, got {_describe(value.value)}"
            )
            return None
        pid = value.value.strip()
        broken = getattr(self.providers, "broken", {})
        if pid in broken:
            line, problem = broken[pid]
            self.fail(
                "provider",
                f"provider: the entry '{pid}' in data/providers.yml (line {line}) is not valid yet: {problem}",
            )
            return None
        if pid not in self.providers:
            # a typing slip of an id ("eksempel-komune"), never another organisation's id
            close = difflib.get_close_matches(pid, list(self.providers), n=1, cutoff=0.85)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            self.fail(
                "provider",
                f"provider: unknown provider '{pid}'{hint}; add it to data/providers.yml "
                "(CONTRIBUTING.md, 'Ny samarbeidspartner')",
            )
            return None
        return pid

    def reviewer(self) -> str | None:
        text = self.text("reviewer", MAX_TITLE)
        if text is None:
            return None
        name, role = split_reviewer(text)
        if not name or not role:
            self.fail(
                "reviewer", "reviewer: write the name and the role, separated by a comma, e.g. 'Ola Eksempel, lege'"
            )
            return None
        for part in (name, role):
            problem = text_problem(part)
            if problem:
                self.fail("reviewer", f"reviewer: the name and the role each {problem}")
                return None
        return f"{name.strip()}, {role.strip()}"

    def glossary_off(self) -> tuple[str, ...]:
        """The glossary terms the author does not want marked in this article."""
        value = self.fields.get("glossary_off")
        if value is None:
            return ()
        items = value.value
        if not isinstance(items, list) or not all(isinstance(i, str) and i.strip() for i in items):
            self.fail("glossary_off", "glossary_off: a list of glossary terms, like [egenandel, frikort]")
            return ()
        return tuple(i.strip().lower() for i in items)

    def codes(self) -> tuple[tuple[str, str], ...]:
        """`codes:` as (system, code) pairs, each checked by its classification (content/codes.py)."""
        value = self.fields.get("codes")
        if value is None:
            return ()
        if not isinstance(value.value, dict) or not value.value:
            self.fail("codes", "codes: one line per system, like 'icpc2: [R96]' and 'icd10: [J45]' under 'codes:'")
            return ()
        found: list[tuple[str, str]] = []
        for system, items in value.value.items():
            at = Value(items, *value.key_position(str(system)))
            if system not in SYSTEMS:
                self.fail("codes", f"codes: '{system}' is not a code system here; use {', '.join(SYSTEMS)}", at)
                continue
            for item in items if isinstance(items, list) else [items]:
                wrong = (
                    problem(system, str(item)) if isinstance(item, (str, int)) and not isinstance(item, bool) else None
                )
                if not isinstance(item, (str, int)) or isinstance(item, bool):
                    self.fail("codes", f"codes: {system}: write each code as text, like {SYSTEM[system].example}", at)
                elif wrong:
                    self.fail("codes", f"codes: {system}: {wrong}", at)
                else:
                    found.append((system, normalised(system, str(item))))
        return tuple(dict.fromkeys(found))

    def aliases(self) -> tuple[str, ...]:
        value = self.fields.get("aliases")
        if value is None:
            return ()
        items = value.value
        if isinstance(items, str):
            self.fail("aliases", "aliases: must be a list, one name per line starting with '- '")
            return ()
        if not isinstance(items, list):
            self.fail("aliases", f"aliases: must be a list of names, got {_describe(items)}")
            return ()
        result: list[str] = []
        for position, item in enumerate(items):
            at = Value(item, *value.item_position(position))
            if not isinstance(item, str) or not item.strip():
                self.fail(
                    "aliases", f"aliases: item {position + 1} must be a non-empty name, got {_describe(item)}", at
                )
            elif any(ch in item for ch in "<>`"):
                self.fail("aliases", f"aliases: item {position + 1} must be plain text", at)
            elif text_problem(item):
                self.fail("aliases", f"aliases: item {position + 1} {text_problem(item)}", at)
            elif item.strip().casefold() in (r.casefold() for r in result):
                self.fail("aliases", f"aliases: '{item.strip()}' is listed twice", at)
            else:
                result.append(normalise(item.strip()))
        return tuple(result)


def _describe(value) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "a yes/no value"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, str):
        return f"'{value}'"
    return type(value).__name__
