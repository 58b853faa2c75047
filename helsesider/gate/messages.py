"""Findings in the partner's language: ``make check``, the build's log and the preview say each
finding in Bokmål (the default language) unless told otherwise (``--lang en``, or
``HELSESIDER_MESSAGES=en``).

The messages are written in English in the code (a finding's ``message`` stays English: tests,
logs and the code read it) and translated when they are shown, from a gettext catalogue per
language, ``data/languages/<lang>/check.po`` (the standard format for translated messages, read
with Babel, which the site already uses; Poedit or Weblate edit it). Each ``msgid`` is the
message as the code writes it, with the code's own ``{…}`` where a value goes in; the
``msgstr`` uses the same ``{…}``. A shown message is matched against the templates, most
specific first, and the values that went into it (a hint, a problem of a text) are translated
the same way. A message with no template is shown in English: ``tests/test_messages.py`` runs
the bad-input corpora and requires every finding they give to be translated, and every template
to be one the code still writes.
"""

from __future__ import annotations

import dataclasses
import functools
import os
import re
from dataclasses import dataclass
from pathlib import Path

from babel.messages.pofile import PoFileError, read_po

from helsesider import locales
from helsesider.gate.findings import Finding, error

CATALOGUE = "check.po"
SOURCE_LANGUAGE = "en"  # the language the code writes its messages in
_PLACEHOLDER = re.compile(r"\{[^{}]+\}")
MAX_DEPTH = 3  # values inside values: a hint inside a problem inside a message
# The placeholders whose values are words of a message themselves (translated in turn); every
# other value (a field's name, a path, what the partner wrote) is shown as it is
NESTED = ("{hint}", "{problem}", "{wrong}", "{where}", "{compared}", "{kind}", "{what}", "{label}", "{thing}", "{who}", "{exc}", "{after}",
          "{_describe(", "{text_problem(", "{did_you_mean(", "{_first_line(")  # fmt: skip


@dataclass(frozen=True)
class Template:
    pattern: re.Pattern
    names: tuple[str, ...]  # the placeholders, in order
    translation: str
    literal: int  # how much of it is fixed text: the most specific template is tried first


def catalogue_path(lang: str) -> Path | None:
    """The language's catalogue: the site's own, else the generator's (None when neither has one)."""
    rel = f"{locales.FOLDER}/{lang}/{CATALOGUE}"
    for base in dict.fromkeys((locales.active().root, locales.PACKAGE_ROOT)):
        if (Path(base) / rel).is_file():
            return Path(base) / rel
    return None


# What the optional tails of a message can be, so that a value just before one is not cut short
# ("no article docs/nb/{resolved}{where}{hint}"); any other value is anything
_SHAPES = {
    "{hint}": r"((?: \(did you mean '[^']*'\?\)|; allowed keys: .*|; the settings are .*|; rename it to \.md)?)",
    "{where}": r"((?: in [a-z]{2,3})?)",
}


def _shape(name: str) -> str:
    if name.startswith("{did_you_mean("):
        return _SHAPES["{hint}"]
    return _SHAPES.get(name, "(.*?)")


def compile_template(msgid: str, msgstr: str) -> Template:
    names = tuple(_PLACEHOLDER.findall(msgid))
    pieces = _PLACEHOLDER.split(msgid)
    pattern = re.escape(pieces[0]) + "".join(_shape(name) + re.escape(piece) for name, piece in zip(names, pieces[1:]))
    return Template(re.compile(pattern, re.S), names, msgstr, sum(len(piece.strip()) for piece in pieces))


@functools.lru_cache(maxsize=8)
def templates(path: Path, stamp: float) -> tuple[Template, ...]:
    """The catalogue at `path` (read again when it changes: `stamp` is its modification time)."""
    with path.open("rb") as source:
        catalog = read_po(source)
    found = [
        compile_template(str(message.id), str(message.string))
        for message in catalog
        if message.id and isinstance(message.id, str) and message.string and not message.fuzzy
    ]
    return tuple(sorted(found, key=lambda t: -t.literal))


def check_catalogues(root: Path) -> list[Finding]:
    """What is wrong with the languages' catalogues, with the line of each entry: a catalogue
    Babel cannot read, or a translation whose placeholders are not its message's (a value would
    be lost, or a {name} shown as it is)."""
    findings: list[Finding] = []
    for path in sorted((Path(root) / locales.FOLDER).glob(f"*/{CATALOGUE}")):
        shown = path.relative_to(root).as_posix()
        try:
            with path.open("rb") as source:
                catalog = read_po(source, abort_invalid=True)
        except (PoFileError, UnicodeDecodeError, ValueError, OSError) as exc:
            findings.append(
                error(shown, getattr(exc, "lineno", 1) or 1, f"cannot be read as a gettext catalogue: {exc}")
            )
            continue
        for message in catalog:
            if (
                message.id
                and message.string
                and sorted(_PLACEHOLDER.findall(str(message.string))) != sorted(_PLACEHOLDER.findall(str(message.id)))
            ):
                findings.append(
                    error(shown, message.lineno or 1, "the translation must have the same {…} as its msgid, each once")
                )
    return findings


def language(requested: str | None = None) -> str:
    """The language findings are shown in: `requested`, else HELSESIDER_MESSAGES, else the
    site's default language; English (the code's own) where there is no catalogue."""
    wanted = (requested or os.environ.get("HELSESIDER_MESSAGES") or locales.default_language()).strip()
    return wanted if wanted != SOURCE_LANGUAGE and catalogue_path(wanted) else SOURCE_LANGUAGE


def translate(message: str, lang: str, depth: int = 0) -> str:
    """`message` (as the code writes it) in `lang`; itself when no template matches."""
    path = catalogue_path(lang) if lang != SOURCE_LANGUAGE else None
    if path is None:
        return message
    for template in templates(path, path.stat().st_mtime):
        found = template.pattern.fullmatch(message)
        if found is None:
            continue
        values = dict(zip(template.names, found.groups()))
        if depth < MAX_DEPTH:
            values = {
                name: translate(value, lang, depth + 1) if name.startswith(NESTED) else value
                for name, value in values.items()
            }
        return _fill(template.translation, values)
    return message


def _fill(translation: str, values: dict[str, str]) -> str:
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(0), m.group(0)), translation)


def say(finding: Finding, lang: str) -> str:
    """The finding as `make check` prints it, in `lang`: path:line:col: severity: message."""
    return str(
        dataclasses.replace(
            finding, severity=translate(finding.severity, lang), message=translate(finding.message, lang)
        )
    )


def annotation(finding: Finding, lang: str) -> str:
    """The finding as a GitHub Actions workflow command, its message in `lang`."""
    return finding.github_annotation(translate(finding.message, lang))
