"""The project's settings: ``data/site.yml``, validated, read the same way by ``make check``,
the build (hooks), the kiosk and the report. Whether a build is the kiosk bundle is not a
setting but a mode: the environment variable ``HELSESIDER_KIOSK`` (``make kiosk`` sets it).
MkDocs' own configuration (theme, plugins, site_url) stays in ``mkdocs.yml``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import functools
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from helsesider import locales, yamlfile
from helsesider.gate.findings import Finding, error

SITE_FILE = "data/site.yml"
DEFAULT_SERVICES_BASE = "https://tjenester.helsesider.example.org/"
DEFAULT_FRONT_SERVICES = ("innboks", "timeavtaler", "resepter")


@dataclass(frozen=True)
class Settings:
    """data/site.yml (see the comments there), the date checks count from, and the kiosk mode."""

    review_years: int = 3
    today: dt.date = field(default_factory=dt.date.today)
    services_base_url: str = DEFAULT_SERVICES_BASE
    front_services: tuple[str, ...] = DEFAULT_FRONT_SERVICES
    # hosts that articles may link to (the services' host is always allowed); "*.example.org"
    # allows every subdomain
    external_hosts: tuple[str, ...] = ()
    # the front page's "Mye lest": articles (paths inside a language folder), shown where they exist
    front_articles: tuple[str, ...] = ()
    # the topic of acute help: its pages (and the front page) show the emergency numbers in full
    acute_topic: str = "akutt-hjelp"
    lix_warning: int = 50
    # the offline kiosk bundle (make kiosk): links that leave the site become QR codes, and the
    # page returns to the front page after this many seconds without input
    kiosk: bool = False
    kiosk_idle_seconds: int = 180
    # the language whose front page an idle kiosk returns to (None: the default language)
    kiosk_language: str | None = None
    # the municipality a kiosk stands in: its local additions are shown in place (None: none)
    kiosk_region: str | None = None
    # the content API's licence (every record names it): an SPDX-style id and where it is written
    licence: str = "NLOD-2.0"
    licence_url: str = "https://data.norge.no/nlod/en/2.0"
    # citizens' phones keep the site for when the network is gone (a service worker and a web app
    # manifest per language, helsesider/site/offline.py); false makes the worker remove itself
    offline: bool = True

    @functools.cached_property
    def services_host(self) -> str:
        return urlsplit(self.services_base_url).hostname or ""

    def with_hosts(self, *hosts: str) -> Settings:
        """These settings with `hosts` allowed too (a provider's own site, for its articles)."""
        extra = tuple(h.lower().rstrip(".") for h in hosts if h and h.lower().rstrip(".") not in self.external_hosts)
        return dataclasses.replace(self, external_hosts=self.external_hosts + extra) if extra else self

    def host_allowed(self, host: str) -> bool:
        host = host.lower().rstrip(".")
        for allowed in (self.services_host, *self.external_hosts):
            if allowed.startswith("*.") and (host == allowed[2:] or host.endswith(allowed[1:])):
                return True
            if host == allowed:
                return True
        return False


# key -> (type, what it must be)
_KEYS: dict[str, tuple[type, str]] = {
    "review_years": (int, "a whole number of years from 1 to 10"),
    "services_base_url": (str, "an https:// address"),
    "front_services": (list, "a list of service ids from data/services.yml"),
    "external_hosts": (list, 'a list of host names, such as helsenorge.no or "*.example.org"'),
    "front_articles": (list, "a list of article paths inside a language folder, such as lege/fastlege.md"),
    "acute_topic": (str, "a topic folder's name, such as akutt-hjelp"),
    "lix_warning": (int, "a whole number, such as 50"),
    "kiosk_idle_seconds": (int, "a whole number of seconds from 30 to 3600"),
    "kiosk_language": (str, "one of the site's languages, such as nb"),
    "kiosk_region": (str, "a municipality of data/regions.yml, such as eksempel-kommune"),
    "licence": (str, "the content's licence, such as NLOD-2.0 or CC-BY-4.0"),
    "licence_url": (str, "the address of the licence's text, with https://"),
    "offline": (bool, "true or false"),
    # read by helsesider.locales, which checks each language's data
    "languages": (list, "a list of language codes (the first is the default), each with data/languages/<code>/"),
}


_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_ARTICLE = re.compile(r"^(?:[a-z0-9]+(?:-[a-z0-9]+)*/)*[a-z0-9]+(?:-[a-z0-9]+)*\.md$")


def kiosk_mode() -> bool:
    return os.environ.get("HELSESIDER_KIOSK", "").lower() in ("1", "true", "yes")


def load_with_problems(root: Path, today: dt.date | None = None) -> tuple[Settings, list[Finding]]:
    """The settings of the project at `root`, and what is wrong with data/site.yml (each wrong
    value is left at its default and named with its line)."""
    path = Path(root) / SITE_FILE
    base = Settings(today=today or dt.date.today(), kiosk=kiosk_mode())
    language_problems = locales.use(root)
    settings, problems = _read(path, base)
    return settings, problems + language_problems


def _read(path: Path, base: Settings) -> tuple[Settings, list[Finding]]:
    if not path.exists():
        return base, []
    try:
        node = yamlfile.compose(path.read_text(encoding="utf-8"))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        return base, [error(SITE_FILE, (mark.line + 1) if mark else 1, f"not valid YAML: {exc.problem}")]
    except (yaml.YAMLError, UnicodeDecodeError, OSError) as exc:
        return base, [error(SITE_FILE, 1, f"cannot read the settings: {exc}")]
    if node is None:
        return base, []
    if not isinstance(node, yaml.MappingNode):
        return base, [error(SITE_FILE, 1, "must be a mapping of settings (key: value)")]
    values, problems = _values(node)
    return _settings(base, values), problems


def _values(node: yaml.MappingNode) -> tuple[dict, list[Finding]]:
    values: dict = {}
    problems: list[Finding] = []
    for key_node, value_node in node.value:
        key, line = str(key_node.value), key_node.start_mark.line + 1
        if key not in _KEYS:
            close = difflib.get_close_matches(key, _KEYS, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else f"; the settings are {', '.join(_KEYS)}"
            problems.append(error(SITE_FILE, line, f"unknown setting '{key}'{hint}"))
            continue
        value = yaml.safe_load(yaml.serialize(value_node))
        kind, wanted = _KEYS[key]
        if not _valid(key, value, kind):
            problems.append(error(SITE_FILE, line, f"{key} must be {wanted}", key_node.start_mark.column + 1))
            continue
        values[key] = value
    return values, problems


def _valid(key: str, value: object, kind: type) -> bool:
    if kind is bool:
        return isinstance(value, bool)
    if kind is int:
        limits = {"review_years": (1, 10), "kiosk_idle_seconds": (30, 3600), "lix_warning": (1, 1000)}[key]
        return isinstance(value, int) and not isinstance(value, bool) and limits[0] <= value <= limits[1]
    if key == "kiosk_language":
        return isinstance(value, str) and value in locales.active().languages
    if key in ("acute_topic", "kiosk_region"):
        return isinstance(value, str) and bool(_SLUG.match(value))
    if key == "front_articles":
        return isinstance(value, list) and all(isinstance(item, str) and _ARTICLE.match(item) for item in value)
    if key == "licence":
        return isinstance(value, str) and bool(re.match(r"^[A-Za-z0-9][A-Za-z0-9.+-]*$", value))
    if kind is str:
        return isinstance(value, str) and value.startswith("https://") and bool(urlsplit(value).hostname)
    return isinstance(value, list) and all(isinstance(item, str) and item.strip() for item in value)


def _settings(base: Settings, values: dict) -> Settings:
    url = str(values.get("services_base_url", base.services_base_url))
    return Settings(
        review_years=values.get("review_years", base.review_years),
        today=base.today,
        services_base_url=url if url.endswith("/") else url + "/",
        front_services=tuple(values.get("front_services", base.front_services)),
        external_hosts=tuple(h.lower() for h in values.get("external_hosts", base.external_hosts)),
        front_articles=tuple(values.get("front_articles", base.front_articles)),
        acute_topic=values.get("acute_topic", base.acute_topic),
        lix_warning=values.get("lix_warning", base.lix_warning),
        kiosk=base.kiosk,
        kiosk_idle_seconds=values.get("kiosk_idle_seconds", base.kiosk_idle_seconds),
        kiosk_language=values.get("kiosk_language", base.kiosk_language),
        kiosk_region=values.get("kiosk_region", base.kiosk_region),
        licence=values.get("licence", base.licence),
        licence_url=values.get("licence_url", base.licence_url),
        offline=values.get("offline", base.offline),
    )


def setting_line(root: Path, key: str) -> int:
    """The line of `key` in data/site.yml (1 when it is not there)."""
    path = Path(root) / SITE_FILE
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    return next((number for number, text in enumerate(lines, start=1) if text.startswith(f"{key}:")), 1)


def load(root: Path, today: dt.date | None = None) -> Settings:
    return load_with_problems(root, today)[0]


class _LenientLoader(yaml.SafeLoader):
    """Reads mkdocs.yml (for MkDocs' own site_url and use_directory_urls), whose
    ``!!python/name:`` tags only MkDocs can resolve."""


_LenientLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def read_mkdocs_yml(root: Path) -> dict:
    with open(root / "mkdocs.yml", encoding="utf-8") as handle:
        return yaml.load(handle, Loader=_LenientLoader) or {}
