"""Project settings read from ``mkdocs.yml`` (``extra.helsesider``) without importing MkDocs."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import yaml

DEFAULT_SERVICES_BASE = "https://tjenester.helsesider.example.org/"
DEFAULT_FRONT_SERVICES = ("innboks", "timeavtaler", "resepter")


@dataclass(frozen=True)
class Settings:
    """``extra.helsesider`` in mkdocs.yml (see the comments there)."""

    review_years: int = 3
    today: dt.date = field(default_factory=dt.date.today)
    services_base_url: str = DEFAULT_SERVICES_BASE
    front_services: tuple[str, ...] = DEFAULT_FRONT_SERVICES
    # hosts that articles may link to (the services' host is always allowed); "*.example.org"
    # allows every subdomain
    external_hosts: tuple[str, ...] = ()
    lix_warning: int = 50
    # the offline kiosk bundle (make kiosk): links that leave the site become QR codes, and the
    # page returns to the front page after this many seconds without input
    kiosk: bool = False
    kiosk_idle_seconds: int = 180

    @classmethod
    def from_extra(cls, extra: dict | None, today: dt.date | None = None) -> Settings:
        options = (extra or {}).get("helsesider") or {}
        base = str(options.get("services_base_url") or DEFAULT_SERVICES_BASE)
        return cls(review_years=int(options.get("review_years", 3)), today=today or dt.date.today(),
                   services_base_url=base if base.endswith("/") else base + "/",
                   front_services=tuple(str(s) for s in options.get("front_services") or DEFAULT_FRONT_SERVICES),
                   external_hosts=tuple(str(h).lower() for h in options.get("external_hosts") or ()),
                   lix_warning=int(options.get("lix_warning", 50)),
                   kiosk=options.get("kiosk") in (True, "true", "1", 1),
                   kiosk_idle_seconds=int(options.get("kiosk_idle_seconds") or 180))

    @functools.cached_property
    def services_host(self) -> str:
        return urlsplit(self.services_base_url).hostname or ""

    def host_allowed(self, host: str) -> bool:
        host = host.lower().rstrip(".")
        for allowed in (self.services_host, *self.external_hosts):
            if allowed.startswith("*.") and (host == allowed[2:] or host.endswith(allowed[1:])):
                return True
            if host == allowed:
                return True
        return False


class _LenientLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, whose ``!!python/name:`` and ``!ENV`` tags only MkDocs can resolve."""


_LenientLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def read_mkdocs_yml(root: Path) -> dict:
    with open(root / "mkdocs.yml", encoding="utf-8") as handle:
        return yaml.load(handle, Loader=_LenientLoader) or {}


def load(root: Path, today: dt.date | None = None) -> Settings:
    return Settings.from_extra(read_mkdocs_yml(root).get("extra"), today=today)
