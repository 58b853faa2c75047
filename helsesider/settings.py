"""Project settings read from ``mkdocs.yml`` (``extra.helsesider``) without importing MkDocs."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import yaml


@dataclass(frozen=True)
class Settings:
    review_years: int = 3
    today: dt.date = field(default_factory=dt.date.today)

    @classmethod
    def from_extra(cls, extra: dict | None, today: dt.date | None = None) -> "Settings":
        options = (extra or {}).get("helsesider") or {}
        return cls(review_years=int(options.get("review_years", 3)), today=today or dt.date.today())


class _LenientLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, whose ``!!python/name:`` and ``!ENV`` tags only MkDocs can resolve."""


_LenientLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def read_mkdocs_yml(root: Path) -> dict:
    with open(root / "mkdocs.yml", encoding="utf-8") as handle:
        return yaml.load(handle, Loader=_LenientLoader) or {}


def load(root: Path, today: dt.date | None = None) -> Settings:
    return Settings.from_extra(read_mkdocs_yml(root).get("extra"), today=today)
