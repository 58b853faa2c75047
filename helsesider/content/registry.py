"""The registries in ``data/``: who supplies the content (providers), the topics, the
logged-in services, the synonym groups of search and the redirects of moved articles.

Providers, topics and services are YAML mappings ``id -> entry``; synonyms map a language to
groups, redirects a language to ``old: new`` paths. Every problem is a finding with its line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from helsesider import LANGUAGES, locales, yamlfile
from helsesider.gate.findings import Finding, error
from helsesider.gate.html_policy import host_of
from helsesider.gate.text_rules import plain_text_problem

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# A web address as it may be written into a page: https://, and none of the characters that end
# or break out of a Markdown link or an HTML attribute (spaces, brackets, quotes, backslashes)
CLEAN_URL = re.compile(r"^https://[^\s<>()\[\]{}\"'`\\^|]+$")


@dataclass(frozen=True)
class Provider:
    id: str
    name: dict[str, str]
    url: str
    line: int = 1  # in data/providers.yml

    def name_in(self, lang: str) -> str:
        """The name in `lang`, or in the default language where the entry has no translation."""
        return self.name.get(lang) or self.name[locales.default_language()]

    def missing_names(self) -> list[str]:
        """The site's languages this provider's entry has no name in (make report lists them)."""
        return [lang for lang in LANGUAGES if lang not in self.name]


class Providers(dict):
    """Provider id -> Provider, and the ids whose entries are in the file but not valid
    (``broken``: id -> (line, what is wrong)): an article crediting one is told to fix the entry,
    not that the provider is unknown."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.broken: dict[str, tuple[int, str]] = {}


@dataclass(frozen=True)
class Topic:
    id: str
    title: dict[str, str]
    description: dict[str, str]

    def title_in(self, lang: str) -> str:
        """The title in `lang`, or in the default language where the entry has no translation."""
        return self.title.get(lang) or self.title[locales.default_language()]

    def description_in(self, lang: str) -> str:
        return self.description.get(lang) or self.description[locales.default_language()]

    def missing_names(self) -> list[str]:
        """The site's languages this topic has no title or description in (make report lists them)."""
        return [lang for lang in LANGUAGES if lang not in self.title or lang not in self.description]


def _compose(path: Path, shown: str, what: str) -> tuple[yaml.MappingNode | None, Finding | None]:
    """A registry file's YAML as a mapping node (None for an empty file), or what is wrong."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None, error(shown, 1, f"the {what} registry is missing")
    except (UnicodeDecodeError, OSError) as exc:
        return None, error(shown, 1, f"cannot read the {what} registry: {exc}")
    try:
        root = yamlfile.compose(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        return None, error(shown, (mark.line + 1) if mark else 1, f"not valid YAML: {exc.problem}")
    except yaml.YAMLError as exc:
        return None, error(shown, 1, f"not valid YAML: {exc}")
    if root is not None and not isinstance(root, yaml.MappingNode):
        return None, error(shown, 1, f"the {what} registry must be a mapping of id to entry")
    return root, None


def _read_mapping(
    path: Path, shown: str, what: str, id_pattern: re.Pattern = ID_PATTERN
) -> tuple[list[tuple[str, int, object, yaml.Node]], list[Finding]]:
    """The entries of a registry file as (id, line, value, YAML node of the value: for the lines
    inside an entry), with findings for what is unreadable."""
    root, problem = _compose(path, shown, what)
    if problem or root is None:
        return [], [problem] if problem else []
    entries, findings, seen = [], [], set()
    for key_node, value_node in root.value:
        line = key_node.start_mark.line + 1
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
        if not key or not id_pattern.match(key):
            findings.append(error(shown, line, f"{what} id {key!r} must be lower-case letters, digits and hyphens"))
            continue
        if key in seen:
            findings.append(error(shown, line, f"duplicate {what} id '{key}'"))
            continue
        seen.add(key)
        loader = yaml.SafeLoader("")
        try:
            entries.append((key, line, loader.construct_object(value_node, deep=True), value_node))
        except (yaml.YAMLError, ValueError, TypeError) as exc:
            findings.append(error(shown, line, f"{what} '{key}' cannot be read: {exc}"))
        finally:
            loader.dispose()
    return entries, findings


def _per_language(value, label: str, required: tuple[str, ...] | None = None) -> list[str]:
    """A text in every language (or in those `required`; the others may be left out, not
    empty): present, plain text (it is written into pages), visible."""
    if not isinstance(value, dict):
        return [f"{label} must have a text in each language: {', '.join(LANGUAGES)}"]
    needed = LANGUAGES if required is None else required
    problems = [
        f"{label}.{lang} is missing"
        for lang in LANGUAGES
        if (lang in needed or lang in value) and (not isinstance(value.get(lang), str) or not value[lang].strip())
    ]
    problems += [f"{label}.{key} is not a language of the site" for key in value if not locales.has_data(str(key))]
    for lang in LANGUAGES:
        text = value.get(lang)
        problem = plain_text_problem(text) if isinstance(text, str) and text.strip() else None
        if problem:
            problems.append(f"{label}.{lang} {problem}")
    return problems


def _unknown(value: dict, allowed: set[str], label: str) -> list[str]:
    return [f"{label}: unknown key '{key}'" for key in value if key not in allowed]


def _load(path: Path, shown: str, what: str, keys: tuple[str, ...], check, make, result=None):
    """Entries of a registry whose values are mappings with exactly `keys`: `check(value, label)`
    lists the problems of one entry, `make(id, value)` builds it when there are none. An entry with
    problems goes into `result.broken` when `result` has it."""
    entries, findings = _read_mapping(path, shown, what)
    result = {} if result is None else result
    broken = getattr(result, "broken", {})
    for eid, line, value, _ in entries:
        label = f"{what} '{eid}'"
        if not isinstance(value, dict):
            problems = [f"{label} must have " + " and ".join(f"'{k}'" for k in keys)]
        else:
            problems = _unknown(value, set(keys), label) + check(value, label)
        findings += [error(shown, line, problem) for problem in problems]
        if problems:
            broken[eid] = (line, problems[0])
        else:
            result[eid] = make(eid, value, line)
    return result, findings


def _provider_problems(value: dict, label: str) -> list[str]:
    # the default language's name is needed; another language without one shows it (make report
    # lists what is missing)
    problems = _per_language(value.get("name"), f"{label}: name", (locales.default_language(),))
    url = value.get("url")
    if not isinstance(url, str) or not url.startswith("https://") or not host_of(url):
        problems.append(f"{label}: 'url' must be an https:// address")
    elif not CLEAN_URL.match(url):
        problems.append(
            f"{label}: 'url' may not hold spaces, brackets, quotes or backslashes; write the address as the browser shows it"
        )
    return problems


def load_providers(path: Path, shown: str) -> tuple[Providers, list[Finding]]:
    return _load(
        path,
        shown,
        "provider",
        ("name", "url"),
        _provider_problems,
        lambda pid, value, line: Provider(id=pid, name=dict(value["name"]), url=value["url"], line=line),
        Providers(),
    )


def load_topics(path: Path, shown: str) -> tuple[dict[str, Topic], list[Finding]]:
    return _load(
        path,
        shown,
        "topic",
        ("title", "description"),
        # the default language's texts are needed; another language without them shows those
        lambda value, label: (
            _per_language(value.get("title"), f"{label}: title", (locales.default_language(),))
            + _per_language(value.get("description"), f"{label}: description", (locales.default_language(),))
        ),
        lambda tid, value, line: Topic(id=tid, title=dict(value["title"]), description=dict(value["description"])),
    )


SERVICE_GROUPS = ("oppfolging", "oversikter", "soknad-og-refusjon", "kvalitet-og-styring")
SERVICE_KEYS = ("name", "description", "group", "url", "login", "youth", "on_behalf")
SERVICE_PATH = re.compile(r"^[a-z0-9][a-z0-9._~/-]*$")


@dataclass(frozen=True)
class Service:
    id: str
    name: dict[str, str]
    description: dict[str, str]
    group: str
    path: str  # relative to the services' base URL (Settings.services_base_url)
    login: bool
    youth: bool  # 13-16-year-olds can use it with their parents' consent
    on_behalf: bool  # usable for one's children and by power of attorney

    def url(self, base: str) -> str:
        return base + self.path


def _service_problems(value: dict, label: str) -> list[str]:
    problems = _per_language(value.get("name"), f"{label}: name") + _per_language(
        value.get("description"), f"{label}: description"
    )
    problems += [f"{label}: '{key}' is missing" for key in SERVICE_KEYS if key not in value]
    if "group" in value and value["group"] not in SERVICE_GROUPS:
        problems.append(f"{label}: group must be one of {', '.join(SERVICE_GROUPS)}")
    url = value.get("url")
    if "url" in value and (not isinstance(url, str) or not SERVICE_PATH.match(url) or ".." in url):
        problems.append(f"{label}: 'url' must be a path under services_base_url (data/site.yml), such as 'innboks'")
    problems += [
        f"{label}: '{key}' must be true or false"
        for key in ("login", "youth", "on_behalf")
        if key in value and not isinstance(value[key], bool)
    ]
    return problems


def load_services(path: Path, shown: str) -> tuple[dict[str, Service], list[Finding]]:
    return _load(
        path,
        shown,
        "service",
        SERVICE_KEYS,
        _service_problems,
        lambda sid, v, line: Service(
            id=sid,
            name=dict(v["name"]),
            description=dict(v["description"]),
            group=v["group"],
            path=v["url"],
            login=v["login"],
            youth=v["youth"],
            on_behalf=v["on_behalf"],
        ),
    )


# Paths written into nginx's configuration and redirect pages: nothing that needs quoting
REDIRECT_PATH = re.compile(r"^(?:[a-z0-9]+(?:-[a-z0-9]+)*/)*[a-z0-9]+(?:-[a-z0-9]+)*\.md$")


@dataclass(frozen=True)
class Redirect:
    lang: str
    old: str  # path inside the language folder, e.g. lege/allmennlege.md
    new: str
    line: int


def load_redirects(path: Path, shown: str) -> tuple[list[Redirect], list[Finding]]:
    """data/redirects.yml: {lang: {old path: new path}} (optional file)."""
    if not path.exists():
        return [], []
    entries, findings = _read_mapping(path, shown, "language", id_pattern=re.compile(r"^[a-z]{2}$"))
    redirects: list[Redirect] = []
    for lang, line, value, node in entries:
        if lang not in LANGUAGES:
            if not locales.has_data(str(lang)):  # a language the site has switched off keeps its entries
                findings.append(error(shown, line, f"'{lang}' is not a language of the site"))
            continue
        if not isinstance(value, dict):
            findings.append(error(shown, line, f"{lang}: write one 'old/path.md: new/path.md' per line"))
            continue
        lines = {key.value: key.start_mark.line + 1 for key, _ in node.value if isinstance(key, yaml.ScalarNode)}
        for old, new in value.items():
            at = lines.get(old, line)
            if not all(isinstance(p, str) and REDIRECT_PATH.match(p) for p in (old, new)):
                findings.append(
                    error(
                        shown,
                        at,
                        f"{lang}: '{old}: {new}': both must be .md paths inside docs/{lang}/, "
                        "with names of a–z, 0–9 and '-' (like lege/fastlege.md)",
                    )
                )
                continue
            redirects.append(Redirect(lang, old, new, at))
    return redirects, findings


def load_synonyms(path: Path, shown: str) -> tuple[dict[str, list[list[str]]], list[Finding]]:
    """data/synonyms.yml: {lang: [{terms: [term, term, ...], source: where they come from}, ...]};
    each group lists equivalent terms. The file is optional."""
    if not path.exists():
        return {}, []
    try:
        text = path.read_text(encoding="utf-8")
        node = yamlfile.compose(text)
        data = yamlfile.load(text) or {}
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        return {}, [error(shown, (mark.line + 1) if mark else 1, f"not valid YAML: {exc.problem}")]
    except (yaml.YAMLError, UnicodeDecodeError, OSError) as exc:
        return {}, [error(shown, 1, f"cannot read the synonyms: {exc}")]
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        return {}, [error(shown, 1, "must map each language to a list of synonym groups")]
    lines = {key.value: value for key, value in node.value if isinstance(key, yaml.ScalarNode)}
    groups: dict[str, list[list[str]]] = {}
    findings: list[Finding] = []
    for lang, entries in data.items():
        if lang not in LANGUAGES:
            if not locales.has_data(str(lang)):  # a language the site has switched off keeps its entries
                findings.append(error(shown, 1, f"'{lang}' is not a language of the site"))
            continue
        items = lines[lang].value if isinstance(lines.get(lang), yaml.SequenceNode) else []
        if not isinstance(entries, list):
            findings.append(error(shown, 1, f"{lang}: must be a list of groups ({{terms: [...], source: ...}})"))
            continue
        groups[lang] = []
        for number, group in enumerate(entries):
            at = items[number].start_mark.line + 1 if number < len(items) else 1
            problem = _synonym_group_problem(group)
            if problem:
                findings.append(error(shown, at, f"{lang}: {problem}"))
            else:
                groups[lang].append(group["terms"])
    return groups, findings


def _synonym_group_problem(group: object) -> str | None:
    terms = group.get("terms") if isinstance(group, dict) else None
    if not (isinstance(terms, list) and len(terms) > 1 and all(isinstance(t, str) and t.strip() for t in terms)):
        return "'terms' must be a list of two or more terms (quote numbers: \"113\")"
    assert isinstance(group, dict)
    if not (isinstance(group.get("source"), str) and group["source"].strip()):
        return "'source' must say where the terms come from (a seed, or lay usage)"
    return None
