"""Local information inside national articles (issue 30): municipalities and health trusts are
partners like any other, and add to a national article what is true in their region (the
legevakt's address and hours, the local health station), never a fork of the national text.

- ``data/regions.yml``: each region with its name in the default language (other languages
  optional: the default language's name is shown where one is missing, and ``make report`` lists
  it), its ``kind`` (``municipality`` or ``health-trust``) and, for a trust, the municipalities it
  ``covers``.
- ``local/<region>/<lang>/<article path>.md``: a local addition to ``docs/<lang>/<article path>``,
  with the front-matter of an article but its title (``provider``, ``reviewer``, ``reviewed``,
  ``next_review``); its body is checked as an article's is (links resolve from the national
  article's place; care cards and phone numbers follow the same rules).

This module reads and checks both (``load_local``); the pages are built from them elsewhere.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from helsesider import LANGUAGES, locales
from helsesider.content.model import Addition, file_bytes, read_addition
from helsesider.content.registry import ID_PATTERN, _load, _per_language
from helsesider.gate.findings import Finding, error

REGIONS_FILE = "data/regions.yml"
FOLDER = "local"
KINDS = ("municipality", "health-trust")


@dataclass(frozen=True)
class Region:
    id: str
    name: dict[str, str]
    kind: str
    covers: tuple[str, ...] = ()
    line: int = 1

    def name_in(self, lang: str) -> str:
        return self.name.get(lang) or self.name[locales.default_language()]

    def missing_names(self) -> list[str]:
        return [lang for lang in LANGUAGES if lang not in self.name]


@dataclass
class Local:
    regions: dict[str, Region] = field(default_factory=dict)
    additions: list[Addition] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    # (language, article path, region) of every addition file, also of the languages not read
    # (a build of one language links to the same addition in the others)
    files: set[tuple[str, str, str]] = field(default_factory=set)
    _by_article: dict[tuple[str, str], list[Addition]] | None = field(default=None, repr=False)
    _placed: dict[str, frozenset[tuple[str, str]]] = field(default_factory=dict, repr=False)

    def for_article(self, lang: str, rel: str) -> list[Addition]:
        """The additions to one article in one language, by region name (indexed once: a build
        asks for every article)."""
        if self._by_article is None:
            index: dict[tuple[str, str], list[Addition]] = {}
            for addition in self.additions:
                index.setdefault((addition.lang, addition.rel), []).append(addition)
            for (lang_of, _), found in index.items():
                found.sort(key=lambda a: (self.regions[a.region].name_in(lang_of).casefold(), a.region))
            self._by_article = index
        return self._by_article.get((lang, rel), [])

    def placed(self, lang: str) -> frozenset[tuple[str, str]]:
        """(article path, region) of the additions of `lang`: read, or only listed (computed once
        per language: every page asks)."""
        if lang not in self._placed:
            read = {(a.rel, a.region) for a in self.additions if a.lang == lang}
            self._placed[lang] = frozenset(read | {(rel, region) for other, rel, region in self.files if other == lang})
        return self._placed[lang]

    def regions_of(self, municipality: str) -> list[str]:
        """The regions whose additions a citizen of `municipality` sees: it, and the health
        trusts that cover it."""
        trusts = [r.id for r in self.regions.values() if municipality in r.covers]
        return [municipality, *sorted(trusts)]


def _region_problems(value: dict, label: str) -> list[str]:
    problems = _per_language(value.get("name"), f"{label}: name", (locales.default_language(),))
    if value.get("kind") not in KINDS:
        problems.append(f"{label}: kind must be {' or '.join(KINDS)}")
    covers = value.get("covers", [])
    if not isinstance(covers, list) or not all(isinstance(c, str) and ID_PATTERN.match(c) for c in covers):
        problems.append(f"{label}: covers must be a list of region ids, like [eksempel-kommune]")
    elif covers and value.get("kind") != "health-trust":
        problems.append(f"{label}: only a health trust covers municipalities")
    return problems


def load_regions(root: Path) -> tuple[dict[str, Region], list[Finding]]:
    """The regions of data/regions.yml (none without the file) and what is wrong with it."""
    path = Path(root) / REGIONS_FILE
    if not path.is_file():
        return {}, []
    regions, findings = _load(
        path,
        REGIONS_FILE,
        "region",
        ("name", "kind", "covers"),
        _region_problems,
        lambda rid, value, line: Region(rid, dict(value["name"]), value["kind"], tuple(value.get("covers", [])), line),
    )
    for region in regions.values():
        unknown = [c for c in region.covers if regions.get(c) is None or regions[c].kind != "municipality"]
        if unknown:
            findings.append(
                error(
                    REGIONS_FILE,
                    region.line,
                    f"region '{region.id}': covers '{unknown[0]}', which is not a municipality here",
                )
            )
    return regions, findings


def local_files(root: Path, languages: tuple[str, ...] | None = None) -> list[Path]:
    """Every file under local/ (of `languages` only, when given), in a stable order; symbolic
    links to folders are not followed (a link to a file is listed, and refused when read)."""
    base = Path(root) / FOLDER
    found: list[Path] = []
    for folder, names, files in os.walk(base):
        names[:] = sorted(n for n in names if not (Path(folder) / n).is_symlink())
        depth = len(Path(folder).relative_to(base).parts)
        if depth == 1 and languages is not None:  # local/<region>: keep the languages read
            names[:] = [n for n in names if n in languages or n not in LANGUAGES]
        found += [Path(folder) / name for name in sorted(files)]
    return found


def load_local(
    root: Path, articles: dict, providers: dict, settings, languages: tuple[str, ...] | None = None
) -> Local:
    """The regions and every local addition (of `languages`, when given), with every problem
    of either as a finding. `articles`: language -> the article paths there."""
    regions, findings = load_regions(root)
    local = Local(regions, [], findings)
    for path in local_files(root, languages):
        _read_one(path, Path(root), local, articles, providers, settings)
    read = languages or ()
    for path in local_files(root) if languages is not None else []:
        parts = path.relative_to(root).parts
        if len(parts) >= 4 and parts[2] not in read and parts[1] in regions and name_is_markdown(parts[-1]):
            local.files.add((parts[2], "/".join(parts[3:]), parts[1]))
    return local


def _read_one(path: Path, root: Path, local: Local, articles: dict, providers: dict, settings) -> None:
    shown = path.relative_to(root).as_posix()
    parts = shown.split("/")
    if path.is_symlink() or not name_is_markdown(parts[-1]):
        local.findings.append(error(shown, 1, "only local additions (.md files) may be under local/"))
        return
    if len(parts) < 4 or parts[1] not in local.regions or parts[2] not in LANGUAGES:
        local.findings.append(
            error(
                shown,
                1,
                "a local addition is local/<region>/<language>/<the national article's path>.md, "
                "with a region of data/regions.yml",
            )  # fmt: skip
        )
        return
    region, lang, rel = parts[1], parts[2], "/".join(parts[3:])
    if rel not in articles.get(lang, {}):
        local.findings.append(error(shown, 1, f"there is no national article docs/{lang}/{rel} to add to"))
        return
    data, unreadable = file_bytes(path, shown)
    if data is None:
        local.findings += unreadable
        return
    addition, findings = read_addition(shown, data, region, lang, rel, providers, settings)
    local.findings += findings
    if addition is not None:
        local.additions.append(addition)


def name_is_markdown(name: str) -> bool:
    return name.endswith(".md") and not name.startswith(".")
