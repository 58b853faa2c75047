"""Markup from templates: every piece of HTML the project writes from Python is a Jinja partial
in ``overrides/partials/`` (its inputs documented at its top), rendered here with autoescaping
on and undefined inputs refused. ``tests/test_partials.py`` renders each with fixture inputs.
"""

from __future__ import annotations

import functools
import hashlib
import re
from pathlib import Path

import jinja2
from jinja2.ext import Extension
from markupsafe import Markup

PROJECT = Path(__file__).resolve().parents[2]  # helsesider/site/markup.py -> the project

__all__ = ["Dedent", "Markup", "render", "template_cache"]


class Dedent(Extension):
    """Templates are written indented for the people who read them; the pages are served without
    that indentation (about 1.4 KB of a 30 KB article page; 8 MB of a 3 x 2,000 site). Each line's
    leading spaces and tabs are taken out of the template's source before it is compiled, so it
    costs nothing per page: the newline before them stays, so words and attributes never run
    together, and HTML shows the same page. Not inside <pre> and <textarea>, where whitespace is
    shown. (Minifiers such as minify-html do more, per page, and rewrite the markup: quotes,
    optional tags.)"""

    cache_version = 1  # in template_cache's key: a change here compiles the templates again
    _KEEP = re.compile(r"<(pre|textarea)\b.*?</\1\s*>", re.S | re.I)
    _INDENT = re.compile(r"(?<=\n)[ \t]+")

    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        kept, last = [], 0
        for match in self._KEEP.finditer(source):
            kept += [self._INDENT.sub("", source[last : match.start()]), match.group(0)]
            last = match.end()
        return "".join([*kept, self._INDENT.sub("", source[last:])])


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
        sorted((name, getattr(ext, "cache_version", None)) for name, ext in environment.extensions.items()),
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
        loader=jinja2.FileSystemLoader(overrides),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        extensions=[Dedent],
    )
    environment.bytecode_cache = template_cache(environment)
    return environment


def render(template: str, root: Path | None = None, **inputs: object) -> str:
    """``overrides/<template>`` of the project at `root` (default: this one) with `inputs`."""
    return _environment(str(Path(root or PROJECT) / "overrides")).get_template(template).render(**inputs)
