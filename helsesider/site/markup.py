"""Markup from templates: every piece of HTML the project writes from Python is a Jinja partial
in ``overrides/partials/`` (its inputs documented at its top), rendered here with autoescaping
on and undefined inputs refused. ``tests/test_partials.py`` renders each with fixture inputs.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

import jinja2
from markupsafe import Markup

PROJECT = Path(__file__).resolve().parents[2]  # helsesider/site/markup.py -> the project

__all__ = ["Markup", "render", "template_cache"]


def template_cache(environment: jinja2.Environment) -> jinja2.BytecodeCache | None:
    """Compiled templates kept between processes: every language's build (and every build of the
    tests) compiled the same hundred templates again, about a third of a small site's build.
    Jinja's own cache, in its default folder (in the temporary folder, one per user, made
    private and refused when another user owns it). Jinja keys it by a template's name and
    source only, but what a template compiles to also depends on its environment (a partial is
    autoescaped when the Python code renders it, not in the theme's): each kind of environment
    has its own files."""
    settings = (
        environment.autoescape if isinstance(environment.autoescape, bool) else getattr(environment.autoescape, "__qualname__", "?"),
        sorted(environment.extensions),
        environment.undefined.__qualname__,
        environment.finalize is not None,
        environment.block_start_string, environment.block_end_string,
        environment.variable_start_string, environment.variable_end_string,
        environment.comment_start_string, environment.comment_end_string,
        environment.line_statement_prefix, environment.line_comment_prefix,
        environment.trim_blocks, environment.lstrip_blocks, environment.newline_sequence,
        environment.keep_trailing_newline, environment.optimized, environment.is_async,
        sorted(environment.filters), sorted(environment.tests),
    )  # fmt: skip
    kind = hashlib.sha256(repr(settings).encode("utf-8")).hexdigest()[:16]
    try:
        return jinja2.FileSystemBytecodeCache(pattern=f"__helsesider_{kind}_%s.cache")
    except RuntimeError:  # a folder it will not use: no cache
        return None


@functools.lru_cache(maxsize=8)
def _environment(overrides: str) -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(overrides), autoescape=True, undefined=jinja2.StrictUndefined
    )
    environment.bytecode_cache = template_cache(environment)
    return environment


def render(template: str, root: Path | None = None, **inputs: object) -> str:
    """``overrides/<template>`` of the project at `root` (default: this one) with `inputs`."""
    return _environment(str(Path(root or PROJECT) / "overrides")).get_template(template).render(**inputs)
