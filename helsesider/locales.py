"""The site's languages, as data: what differs between languages lives in ``data/``, not here.

- ``data/site.yml`` ``languages:`` lists the codes in the order of the language menu; the first
  is the default language (built at the site's root).
- ``data/languages/<code>/language.yml``: name, writing direction, the theme's language file,
  folder names of the build-only pages, the alphabet and sorting of A–Å, the date format, the
  hyphenation dictionary and the search rules (folding, stemming rule set, compounds).
- ``data/languages/<code>/texts.yml``: the interface texts (and, under ``theme:``, the theme's).
- ``data/languages/<code>/accessibility.md``: the accessibility statement.
- ``data/search/stemming/<name>.yml``, ``data/search/folding.yml``, ``data/search/stopwords.yml``.

A site that lacks one of these files uses the one in this repository (so a test site needs only
its articles and registries); a site without ``languages:`` has this repository's languages.

One process serves one site: ``use(root)`` (called by ``settings.load``) makes that site's
languages the active ones; until then they are those of the repository this package is in. The
tables other modules import (``LANGUAGES``, ``texts.TEXTS``, ``routes.AZ_REL`` …) are views
that read the active languages.
"""

from __future__ import annotations

import difflib
import functools
import os
import re
import string
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from helsesider import yamlfile
from helsesider.gate.findings import Finding, error

PACKAGE_ROOT = Path(__file__).resolve().parent.parent
FOLDER = "data/languages"
CODE_CHARS = set("abcdefghijklmnopqrstuvwxyz")
CODE_NAMES: set[str] = set()  # the codes of the languages being read (a page path may not be one)


class LanguageError(Exception):
    """The language data cannot be used; ``findings`` name the files and lines."""

    def __init__(self, findings: list[Finding]) -> None:
        super().__init__("\n".join(str(f) for f in findings))
        self.findings = findings


@dataclass(frozen=True)
class Language:
    """One language of the site (see the module docstring for where each part comes from)."""

    code: str
    name: str
    dir: str = "ltr"
    theme: str = "en"  # the theme's language file for the texts texts.yml does not give
    report_name: str = ""  # how the editors' report (written in Norwegian) names the language
    hyphenation: str | None = None
    paths: dict[str, str] = field(default_factory=dict)  # az, accessibility, services
    alphabet: str = "abcdefghijklmnopqrstuvwxyz"
    sort_letters: dict[str, str] = field(default_factory=dict)  # letters outside the alphabet
    date_format: str = "{day} {month} {year}"
    months: tuple[str, ...] = ()
    fold: dict[str, str] = field(default_factory=dict)
    digraphs: tuple[tuple[str, str], ...] = ()
    stemming: list[list[dict]] = field(default_factory=list)
    compounds: bool = False
    # languages whose names of the same article (title, aliases), and whose alarm signs and lay
    # phrases, search also knows on this language's pages (Sámi readers type Norwegian words)
    names_from: tuple[str, ...] = ()
    texts: dict[str, str] = field(default_factory=dict)
    theme_texts: dict[str, str] = field(default_factory=dict)
    accessibility: str = ""


@dataclass(frozen=True)
class Registry:
    root: Path
    languages: dict[str, Language]  # in menu order; the first is the default

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(self.languages)

    @property
    def default(self) -> str:
        return next(iter(self.languages))


_LANGUAGE_KEYS = {
    "name": str, "dir": str, "theme": str, "report_name": str, "hyphenation": str, "paths": dict,
    "collation": dict, "dates": dict, "search": dict,
}  # fmt: skip
_REQUIRED = ("name", "paths", "collation", "dates", "search")
_PATHS = ("az", "accessibility", "services", "local", "lookup", "offline")
# What a language's page paths may be: a page (az, accessibility) is a clean name with .md, the
# services' folder a clean name; none of them may take an address the build or the theme owns.
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_OPTIONAL_PATHS = {
    "local": "local",
    "lookup": "lookup.md",
    "offline": "offline.md",
}  # a language without its own name for these gets this one
_DEFAULT_PATHS = {"az": "a-z.md", "accessibility": "accessibility.md", "services": "services", "local": "local"}
_TAKEN = {"index", "assets", "search", "samarbeidspartnere", "api", "404", "sitemap", "stylesheets", "javascripts"}
# The placeholders each interface text may hold (what the code fills in); any other {name} in a
# text would end the build in an error, and a text that must say a number gets it from here,
# never typed in: the emergency numbers are PHONE_NUMBERS in helsesider/site/texts.py.
PLACEHOLDERS: dict[str, frozenset[str]] = {
    "care_ring-113": frozenset({"number"}),
    "care_legevakt": frozenset({"number"}),
    "handoff_login": frozenset({"name"}),
    "handoff_open": frozenset({"name"}),
    "kiosk_qr_label": frozenset({"url"}),
    "provider_articles": frozenset({"name"}),
    "provider_no_articles": frozenset({"name"}),
    "provider_page_intro": frozenset({"name"}),
    "provider_website": frozenset({"name"}),
    "search_results": frozenset({"n"}),
    "search_title": frozenset({"query"}),
    "search_heading": frozenset({"n", "query"}),
    "search_heading_none": frozenset({"query"}),
    "search_searching": frozenset({"query"}),
    "search_heading_near": frozenset({"query"}),
    "search_suggestions": frozenset({"n"}),
    "alarm_113_title": frozenset({"number"}),
    "topic_articles": frozenset({"topic"}),
    "local_page_title": frozenset({"title", "region"}),
    "local_page_intro": frozenset({"title", "region"}),
    "local_national": frozenset({"title"}),
    "local_list_title": frozenset({"title"}),
    "local_list_intro": frozenset({"title"}),
    "local_notice_many": frozenset({"n"}),
    "local_heading": frozenset({"region"}),
    "local_supplied": frozenset({"region"}),
    "lookup_none": frozenset({"code"}),
    "lookup_found": frozenset({"code"}),
    "search_offline": frozenset({"n", "query"}),
    "search_offline_none": frozenset({"query"}),
}
REQUIRED_PLACEHOLDERS = {"care_ring-113": "number", "care_legevakt": "number", "alarm_113_title": "number"}
DATE_PLACEHOLDERS = frozenset({"day", "month", "month_number", "year"})
_NUMBER = re.compile(r"\d(?:[ \u00a0.-]?\d){2,}")  # three digits or more: a phone number, perhaps


def _source(root: Path, rel: str) -> Path:
    """`rel` in the site at `root`, or in this repository when the site does not have it."""
    own = root / rel
    return own if own.exists() or root == PACKAGE_ROOT else PACKAGE_ROOT / rel


def _yaml(path: Path, shown: str, findings: list[Finding]) -> dict:
    try:
        data = yamlfile.load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        findings.append(error(shown, 1, "is missing (every language needs it; see the README, 'Adding a language')"))
        return {}
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        findings.append(error(shown, (mark.line + 1) if mark else 1, f"not valid YAML: {exc.problem}"))
        return {}
    except (yaml.YAMLError, UnicodeDecodeError, OSError) as exc:
        findings.append(error(shown, 1, f"cannot be read: {exc}"))
        return {}
    if not isinstance(data, dict):
        findings.append(error(shown, 1, "must be a mapping (key: value)"))
        return {}
    return data


def _line(path: Path, key: str) -> int:
    """The line where `key:` is written in `path` (1 when it is not found)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return 1
    stripped = [text.strip() for text in lines]
    return next((n for n, text in enumerate(stripped, start=1) if text.startswith(f"{key}:")), 1)


def _check_keys(data: dict, path: Path, shown: str, findings: list[Finding]) -> None:
    for key, value in data.items():
        if key not in _LANGUAGE_KEYS:
            close = difflib.get_close_matches(str(key), _LANGUAGE_KEYS, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            findings.append(error(shown, _line(path, str(key)), f"unknown key '{key}'{hint}"))
        elif not isinstance(value, _LANGUAGE_KEYS[key]):
            findings.append(error(shown, _line(path, key), f"{key} must be a {_LANGUAGE_KEYS[key].__name__}"))
    for key in _REQUIRED:
        if key not in data:
            findings.append(error(shown, 1, f"'{key}' is missing"))
    if data.get("dir", "ltr") not in ("ltr", "rtl"):
        findings.append(error(shown, _line(path, "dir"), "dir must be ltr or rtl"))
    findings += [error(shown, _line(path, "paths"), problem) for problem in _path_problems(_section(data, "paths"))]


def _path_problems(paths: dict) -> list[str]:
    """What is wrong with a language's page paths (each must be a clean name the build can own)."""
    problems = []
    for key in _PATHS:
        value = paths.get(key, _OPTIONAL_PATHS.get(key))
        page = key in ("az", "accessibility", "lookup", "offline")  # pages; services and local are folders
        stem = value[:-3] if page and isinstance(value, str) and value.endswith(".md") else value
        if not isinstance(value, str) or (page and not value.endswith(".md")) or not _SLUG.match(str(stem)):
            example = "a-z.md" if page else _DEFAULT_PATHS[key]
            problems.append(
                f"paths.{key} must be a name of a–z, 0–9 and '-'{' ending in .md' if page else ''}, like {example}"
            )
        elif stem in _TAKEN or stem in CODE_NAMES:
            problems.append(f"paths.{key}: '{value}' is an address the site already uses; choose another name")
    stems = [str(paths.get(key, _OPTIONAL_PATHS.get(key, ""))).removesuffix(".md") for key in _PATHS]
    if len(set(stems)) < len(stems):
        problems.append("paths: az, accessibility, services, local, lookup and offline must be different names")
    return problems


def _valid_paths(paths: dict) -> dict[str, str]:
    """The page paths to build with: the language's own where they are valid (their problems are
    findings), the English defaults where not, so that nothing else acts on a bad value."""
    valid = {}
    for key in _PATHS:
        value = str(paths.get(key, _OPTIONAL_PATHS.get(key, ""))).strip("/")
        valid[key] = value if not _path_problems({**_DEFAULT_PATHS, key: value}) else _DEFAULT_PATHS[key]
    return valid


def _section(data: dict, key: str) -> dict:
    """data[key] when it is a mapping, else {} (its problem is reported by _check_keys)."""
    value = data.get(key)
    return value if isinstance(value, dict) else {}


def _read_statement(folder: Path, shown: str, findings: list[Finding]) -> str:
    try:
        return (folder / "accessibility.md").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        findings.append(error(f"{shown}/accessibility.md", 1, "is missing or cannot be read"))
        return ""


def _stemming(root: Path, name: object, shown: str, findings: list[Finding]) -> list[list[dict]]:
    if not name:
        return []
    rel = f"data/search/stemming/{name}.yml"
    steps = _yaml(_source(root, rel), rel, findings).get("steps") if isinstance(name, str) else None
    if not isinstance(steps, list) or not all(
        isinstance(step, list) and all(isinstance(r, dict) and isinstance(r.get("suffix"), str) for r in step)
        for step in steps
    ):
        findings.append(error(shown, 1, f"search.stemming: {rel} must have steps: a list of lists of rules"))
        return []
    return [[{"min": 1, **rule} for rule in step] for step in steps]


def _texts(folder: Path, shown: str, findings: list[Finding]) -> tuple[dict[str, str], dict[str, str]]:
    data = _yaml(folder / "texts.yml", f"{shown}/texts.yml", findings)
    theme = data.pop("theme", {}) or {}
    texts = {}
    for key, value in data.items():
        line = _line(folder / "texts.yml", str(key))
        problem = _text_problem(str(key), value) if isinstance(value, (str, int)) else f"{key} must be a text"
        if problem:
            findings.append(error(f"{shown}/texts.yml", line, problem))
        else:
            texts[str(key)] = str(value)
    return texts, {str(k): str(v) for k, v in theme.items()} if isinstance(theme, dict) else {}


def placeholders(text: str) -> set[str] | None:
    """The {names} in a text (None when its braces do not pair: write {{ for a brace)."""
    try:
        return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}
    except ValueError:
        return None


def _text_problem(key: str, value: object) -> str | None:
    """What is wrong with one interface text: placeholders the code does not fill in, a
    number the text must take from its placeholder, or a phone number typed into the text."""
    text = str(value)
    found = placeholders(text)
    if found is None:
        return f"{key}: a '{{' or '}}' without its pair; write {{{{ or }}}} for a brace"
    allowed = PLACEHOLDERS.get(key, frozenset())
    unknown = sorted(found - allowed)
    if unknown:
        known = ", ".join("{" + name + "}" for name in sorted(allowed)) or "none"
        return f"{key}: '{{{unknown[0]}}}' is not a placeholder of this text (it may use: {known})"
    needed = REQUIRED_PLACEHOLDERS.get(key)
    if needed and needed not in found:
        return f"{key}: the text must say {{{needed}}}: the number comes from the site, not from the text"
    if _NUMBER.search(text.replace("{number}", "")):
        return f"{key}: a number of three digits or more in an interface text; phone numbers come from the site's list"
    return None


def _language(root: Path, code: str, base_fold: dict[str, str], findings: list[Finding]) -> Language:
    folder, shown = _source(root, f"{FOLDER}/{code}"), f"{FOLDER}/{code}"
    path = folder / "language.yml"
    data = _yaml(path, f"{shown}/language.yml", findings)
    _check_keys(data, path, f"{shown}/language.yml", findings)
    collation, dates, search = (_section(data, key) for key in ("collation", "dates", "search"))
    texts, theme_texts = _texts(folder, shown, findings)
    months = tuple(str(m) for m in dates.get("months") or ())
    if len(months) != 12:
        findings.append(error(f"{shown}/language.yml", _line(path, "months"), "dates.months must name 12 months"))
    problems = _format_problems(dates) + _dictionary_problems(data)
    findings += [error(f"{shown}/language.yml", _line(path, key), message) for key, message in problems]
    return Language(
        code=code, name=str(data.get("name", code)), dir=str(data.get("dir", "ltr")), theme=str(data.get("theme", "en")),
        report_name=str(data.get("report_name", code)), hyphenation=_known_dictionary(data.get("hyphenation")),
        paths=_valid_paths(_section(data, "paths")),
        alphabet=str(collation.get("alphabet", "")).casefold(), sort_letters=dict(collation.get("letters") or {}),
        date_format=str(dates.get("format", "{day} {month} {year}")), months=months,
        fold={**base_fold, **(search.get("fold") or {})},
        digraphs=tuple(tuple(pair) for pair in search.get("digraphs") or ()),
        stemming=_stemming(root, search.get("stemming"), f"{shown}/language.yml", findings),
        compounds=bool(search.get("compounds", False)),
        names_from=tuple(str(c) for c in search.get("names_from") or () if str(c) != code),
        texts=texts, theme_texts=theme_texts,
        accessibility=_read_statement(folder, shown, findings),
    )  # fmt: skip


def _format_problems(dates: dict) -> list[tuple[str, str]]:
    """dates.format: {day}, {year} and {month} (the month's name) or {month_number}, nothing else."""
    found = placeholders(str(dates.get("format", "{day} {month} {year}")))
    use = 'use {day}, {month} (or {month_number}) and {year}, like "{day}. {month} {year}"'
    if found is None:
        return [("format", f"dates.format: a '{{' or '}}' without its pair; {use}")]
    unknown = sorted(found - DATE_PLACEHOLDERS)
    if unknown:
        return [("format", f"dates.format: '{{{unknown[0]}}}' is not a placeholder of a date; {use}")]
    if not {"day", "year"} <= found or not found & {"month", "month_number"}:
        return [("format", f"dates.format must say the day, the month and the year; {use}")]
    return []


def _dictionary_problems(data: dict) -> list[tuple[str, str]]:
    """The hyphenation dictionary must be one pyphen has; the theme's file one Material has."""
    import pyphen

    problems = []
    name = data.get("hyphenation")
    if name is not None and name not in pyphen.LANGUAGES:
        close = difflib.get_close_matches(str(name), sorted(pyphen.LANGUAGES), n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        problems.append(
            ("hyphenation", f"hyphenation: '{name}' is not a dictionary pyphen has{hint}; leave it out for none")
        )
    theme = data.get("theme")
    if theme is not None and not _theme_has(str(theme)):
        problems.append(("theme", f"theme: the theme has no language file '{theme}' (partials/languages/{theme}.html)"))
    return problems


def _known_dictionary(name: object) -> str | None:
    import pyphen

    return str(name) if name is not None and name in pyphen.LANGUAGES else None


def _theme_has(name: str) -> bool:
    import importlib.util

    spec = importlib.util.find_spec("material")
    if spec is None or not spec.submodule_search_locations:
        return True  # no theme installed here: nothing to check against
    folder = Path(next(iter(spec.submodule_search_locations))) / "templates" / "partials" / "languages"
    return re.fullmatch(r"[a-z]{2,3}(?:[-_][A-Za-z]{2,4})?", name) is not None and (folder / f"{name}.html").is_file()


def _codes(root: Path, findings: list[Finding]) -> list[str]:
    site = _yaml(root / "data/site.yml", "data/site.yml", findings) if (root / "data/site.yml").exists() else {}
    if "languages" not in site and root != PACKAGE_ROOT:
        return _codes(PACKAGE_ROOT, [])
    codes = site.get("languages")
    if not isinstance(codes, list) or not codes or len(set(map(str, codes))) != len(codes):
        codes = []
    if not codes or not all(isinstance(c, str) and set(c) <= CODE_CHARS and len(c) in (2, 3) for c in codes):
        line = _line(root / "data/site.yml", "languages")
        findings.append(error("data/site.yml", line, "languages must list distinct language codes such as nb, nn, en"))
        return ["nb"]
    found = []
    for code in map(str, codes):
        if _source(root, f"{FOLDER}/{code}").is_dir():
            found.append(code)
        else:
            findings.append(
                error(
                    "data/site.yml",
                    _line(root / "data/site.yml", "languages"),
                    f"languages: '{code}' has no folder {FOLDER}/{code}/ (README: 'Adding a language'); "
                    "it is left out until it has one",
                )
            )
    CODE_NAMES.clear()
    CODE_NAMES.update(codes)
    return found or ["nb"]


def _same_keys(registry: Registry, findings: list[Finding]) -> None:
    """Every language has every interface text of the default language, and no other."""
    default = registry.languages[registry.default]
    for lang in registry.languages.values():
        if lang is default:
            continue
        shown = f"{FOLDER}/{lang.code}/texts.yml"
        for key in sorted(set(default.texts) - set(lang.texts)):
            findings.append(
                error(shown, 1, f"the text '{key}' is missing (data/languages/{default.code}/texts.yml has it)")
            )
        for key in sorted(set(lang.texts) - set(default.texts)):
            findings.append(error(shown, _line(_source(registry.root, shown), key), f"unknown text '{key}'"))


def load(root: Path) -> tuple[Registry, list[Finding]]:
    """The languages of the site at `root`, and what is wrong with their data."""
    root = Path(root)
    findings: list[Finding] = []
    base_fold = (
        _yaml(_source(root, "data/search/folding.yml"), "data/search/folding.yml", findings).get("letters") or {}
    )
    languages = {code: _language(root, code, base_fold, findings) for code in _codes(root, findings)}
    registry = Registry(root, languages)
    _same_keys(registry, findings)
    return registry, findings


def _stamp(root: Path) -> tuple:
    """What the language data's state is: names, sizes and times of its files."""
    paths = [root / "data/site.yml", root / "data/search/folding.yml"]
    for folder in (root / FOLDER, root / "data/search/stemming"):
        if folder.is_dir():
            paths += sorted(p for p in folder.rglob("*") if p.is_file())
    out: list[tuple] = []
    for path in paths:
        try:
            st = os.stat(path)
            out.append((str(path), st.st_size, st.st_mtime_ns))
        except OSError:
            out.append((str(path), None))
    return tuple(out)


_ACTIVE: dict[str, object] = {}


def use(root: Path) -> list[Finding]:
    """Make the languages of the site at `root` the active ones (read again only when their files
    changed); returns what is wrong with them."""
    root = Path(root).resolve()
    stamp = _stamp(root)
    if _ACTIVE.get("stamp") != stamp:
        registry, findings = load(root)
        _ACTIVE.update(stamp=stamp, registry=registry, findings=findings)
        for function in _CACHED:
            function.cache_clear()
    return list(_ACTIVE["findings"])  # type: ignore[call-overload]


def active() -> Registry:
    if "registry" not in _ACTIVE:
        use(Path(os.environ.get("HELSESIDER_ROOT", PACKAGE_ROOT)))
    return _ACTIVE["registry"]  # type: ignore[return-value]


def get(code: str) -> Language:
    """The language `code`; the default language for a code the site does not have."""
    registry = active()
    return registry.languages.get(code) or registry.languages[registry.default]


def default_language() -> str:
    return active().default


def has_data(code: str) -> bool:
    """Whether `code` is a language with data (data/languages/<code>/), in the site or not: a
    registry may keep the texts of a language the site has switched off."""
    root = active().root
    return code in active().languages or any((base / FOLDER / code).is_dir() for base in (root, PACKAGE_ROOT))


def known(code: str) -> str:
    """`code` when it is a language of the site, else the default language."""
    return code if code in active().languages else active().default


class _Codes(Sequence[str]):
    """The codes of the active languages, in menu order (a view: ``for lang in LANGUAGES``)."""

    def __getitem__(self, index):
        return active().codes[index]

    def __len__(self) -> int:
        return len(active().codes)

    def __iter__(self) -> Iterator[str]:
        return iter(active().codes)

    def __contains__(self, code: object) -> bool:
        return code in active().languages

    def __repr__(self) -> str:
        return repr(active().codes)


class PerLanguage(Mapping[str, object]):
    """A table by language code read from the active languages: ``PerLanguage(lambda l: ...)``."""

    def __init__(self, read: Callable[[Language], object]) -> None:
        self._read = read

    def __getitem__(self, code: str):
        languages = active().languages
        if code not in languages:
            raise KeyError(code)
        return self._read(languages[code])

    def __iter__(self) -> Iterator[str]:
        return iter(active().codes)

    def __len__(self) -> int:
        return len(active().codes)


LANGUAGES: Sequence[str] = _Codes()


_CACHED: list = []


def cached(function):
    """``functools.lru_cache`` for a function of a language's data: emptied when ``use`` makes
    other languages (or changed files) the active ones."""
    wrapped = functools.lru_cache(maxsize=200_000)(function)
    _CACHED.append(wrapped)
    return wrapped
