"""Markup from templates: every piece of HTML the project writes from Python is a Jinja partial
in ``overrides/partials/`` (its inputs documented at its top), rendered here with autoescaping
on and undefined inputs refused. ``tests/test_partials.py`` renders each with fixture inputs.
"""

from __future__ import annotations

import functools
from pathlib import Path

import jinja2
from markupsafe import Markup

PROJECT = Path(__file__).resolve().parents[2]  # helsesider/site/markup.py -> the project

__all__ = ["Markup", "render"]


@functools.lru_cache(maxsize=8)
def _environment(overrides: str) -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(overrides), autoescape=True, undefined=jinja2.StrictUndefined)


def render(template: str, root: Path | None = None, **inputs: object) -> str:
    """``overrides/<template>`` of the project at `root` (default: this one) with `inputs`."""
    return _environment(str(Path(root or PROJECT) / "overrides")).get_template(template).render(**inputs)
