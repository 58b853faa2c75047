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
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from helsesider import yamlfile
from helsesider.content.findings import Finding, error

PACKAGE_ROOT = Path(__file__).resolve().parent.parent
FOLDER = "data/languages"
CODE_CHARS = set("abcdefghijklmnopqrstuvwxyz")


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
_PATHS = ("az", "accessibility", "services")


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
    paths = _section(data, "paths")
    for key in _PATHS:
        if not isinstance(paths.get(key), str) or not paths[key].strip() or "/" in paths[key].strip("/"):
            findings.append(error(shown, _line(path, "paths"), f"paths.{key} must be a file or folder name"))


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
    texts = {str(k): str(v) for k, v in data.items() if isinstance(v, (str, int))}
    for key, value in data.items():
        if not isinstance(value, (str, int)):
            findings.append(error(f"{shown}/texts.yml", _line(folder / "texts.yml", key), f"{key} must be a text"))
    return texts, {str(k): str(v) for k, v in theme.items()} if isinstance(theme, dict) else {}


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
    return Language(
        code=code, name=str(data.get("name", code)), dir=str(data.get("dir", "ltr")), theme=str(data.get("theme", "en")),
        report_name=str(data.get("report_name", code)), hyphenation=data.get("hyphenation"),
        paths={k: str(v).strip("/") for k, v in _section(data, "paths").items()},
        alphabet=str(collation.get("alphabet", "")).casefold(), sort_letters=dict(collation.get("letters") or {}),
        date_format=str(dates.get("format", "{day} {month} {year}")), months=months,
        fold={**base_fold, **(search.get("fold") or {})},
        digraphs=tuple(tuple(pair) for pair in search.get("digraphs") or ()),
        stemming=_stemming(root, search.get("stemming"), f"{shown}/language.yml", findings),
        compounds=bool(search.get("compounds", False)), texts=texts, theme_texts=theme_texts,
        accessibility=_read_statement(folder, shown, findings),
    )  # fmt: skip


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
    return [str(code) for code in codes]


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
