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

__all__ = ["Markup", "render", "template_cache"]


@functools.lru_cache(maxsize=1)
def template_cache() -> jinja2.BytecodeCache | None:
    """Compiled templates kept between processes: every language's build (and every build of the
    tests) compiled the same hundred templates again, about a third of a small site's build.
    Jinja's own cache, keyed by each template's name and source, in its default folder: in the
    temporary folder, one per user, made private and refused when another user owns it."""
    try:
        return jinja2.FileSystemBytecodeCache()
    except RuntimeError:  # a folder it will not use: no cache
        return None


@functools.lru_cache(maxsize=8)
def _environment(overrides: str) -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(overrides), autoescape=True, undefined=jinja2.StrictUndefined,
                              bytecode_cache=template_cache())  # fmt: skip


def render(template: str, root: Path | None = None, **inputs: object) -> str:
    """``overrides/<template>`` of the project at `root` (default: this one) with `inputs`."""
    return _environment(str(Path(root or PROJECT) / "overrides")).get_template(template).render(**inputs)
