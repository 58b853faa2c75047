"""Split a Markdown file into front-matter and body, and parse the front-matter with line numbers.

The parser is strict where PyYAML is lenient: duplicate keys, tabs, anchors and aliases are
findings, dates stay text (the model parses them), and every problem names its line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from helsesider import yamlfile
from helsesider.gate.findings import Finding, error, warning

MAX_BYTES = 1_000_000
FENCE = "---"
BOM = "\ufeff"


@dataclass(frozen=True)
class Value:
    """A front-matter value with the position of its key (1-based line and column)."""

    value: Any
    line: int
    col: int
    node: yaml.Node | None = field(repr=False, compare=False, default=None)
    offset: int = 0  # a node's 0-based mark line + 1 + offset is its line in the file

    def item_position(self, index: int) -> tuple[int, int]:
        """Line and column of item `index` of a list value."""
        if self.node is None:  # a value made without its YAML node
            return self.line, self.col
        mark = self.node.value[index].start_mark
        return mark.line + 1 + self.offset, mark.column + 1

    def key_position(self, key: str) -> tuple[int, int]:
        """Line and column of `key` in a mapping value (the value's own where it is not there)."""
        if isinstance(self.node, yaml.MappingNode):
            for key_node, _ in self.node.value:
                if key_node.value == key:
                    return key_node.start_mark.line + 1 + self.offset, key_node.start_mark.column + 1
        return self.line, self.col


@dataclass
class Document:
    """A decoded Markdown file: its front-matter values, its body and where the body starts."""

    fields: dict[str, Value]
    body: str
    body_line: int
    text: str


_BaseLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C loader when libyaml is there


class _Loader(_BaseLoader):
    """SafeLoader that keeps dates as text so the model can report impossible ones itself."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _Loader.yaml_implicit_resolvers.items()
}


def decode(path: str, data: bytes) -> tuple[str | None, list[Finding]]:
    """Decode file bytes as UTF-8, normalising line ends; report what a partner must fix."""
    findings: list[Finding] = []
    if len(data) > MAX_BYTES:
        size = len(data) / 1_000_000
        return None, [error(path, 1, f"file is {size:.1f} MB; an article may be at most 1 MB")]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [error(path, line, f"byte 0x{data[exc.start]:02x} is not UTF-8; save the file as UTF-8", col)]
    if text.startswith(BOM):
        findings.append(warning(path, 1, "file starts with a byte-order mark (BOM); save it as UTF-8 without BOM"))
        text = text[1:]
    if "\0" in text:
        line = text.count("\n", 0, text.index("\0")) + 1
        return None, findings + [error(path, line, "file contains a NUL character")]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, findings


def body_of(data: bytes) -> tuple[str, int] | None:
    """The body of a file and its first line, when the front-matter is closed, whatever is
    wrong inside it (so a front-matter error does not hide the body's problems)."""
    try:
        text = data.decode("utf-8").removeprefix(BOM).replace("\r\n", "\n").replace("\r", "\n")
    except UnicodeDecodeError:
        return None
    lines = text.split("\n")
    end = _closing_fence(lines) if lines[0].rstrip() == FENCE else None
    return ("\n".join(lines[end + 1 :]), end + 2) if end is not None else None


def _closing_fence(lines: list[str]) -> int | None:
    """The index of the line that closes the front-matter opened on line 1."""
    return next((i for i in range(1, len(lines)) if lines[i].rstrip() in (FENCE, "...")), None)


def parse(path: str, data: bytes) -> tuple[Document | None, list[Finding]]:
    """Parse a Markdown file with front-matter. Returns the document (or None) and findings."""
    text, findings = decode(path, data)
    if text is None:
        return None, findings
    if not text.strip():
        return None, findings + [
            error(path, 1, "file is empty; an article starts with front-matter between two '---' lines")
        ]
    lines = text.split("\n")
    if lines[0].rstrip() != FENCE:
        return None, findings + [
            error(path, 1, "no front-matter: the first line must be '---', followed by the fields and a closing '---'")
        ]
    end = _closing_fence(lines)
    if end is None:
        return None, findings + [error(path, 1, "front-matter starts on line 1 but is never closed with a '---' line")]
    yaml_text = "\n".join(lines[1:end]) + "\n"
    too_big = _size_problem(path, yaml_text, first_line=2)
    if too_big:
        return None, findings + [too_big]
    fields, yaml_findings = _parse_mapping(path, yaml_text, first_line=2)
    findings += yaml_findings
    body = "\n".join(lines[end + 1 :])
    if fields is None:
        return None, findings
    return Document(fields=fields, body=body, body_line=end + 2, text=text), findings


MAX_FRONT_MATTER = 20_000
MAX_NESTING = 10


def _size_problem(path: str, yaml_text: str, first_line: int) -> Finding | None:
    """Front-matter too large or nested too deeply to give to the YAML parser (50,000 nested
    '[' crash libyaml's C code; no article needs more than a few levels)."""
    if len(yaml_text) > MAX_FRONT_MATTER:
        return error(path, 1, f"front-matter is too long ({len(yaml_text)} characters; at most {MAX_FRONT_MATTER})")
    line = yamlfile.too_deep(yaml_text, MAX_NESTING)
    if line is not None:
        return error(path, first_line + line, f"front-matter is nested too deeply (more than {MAX_NESTING} levels)")
    return None


def _tab_problem(path: str, yaml_text: str, first_line: int) -> Finding | None:
    if "\t" not in yaml_text:
        return None
    for number, text_line in enumerate(yaml_text.split("\n"), start=first_line):
        if "\t" in text_line:
            return error(path, number, "tab character in front-matter; indent with spaces", text_line.index("\t") + 1)
    return None


def _control_character(path: str, yaml_text: str, first_line: int, exc: yaml.reader.ReaderError) -> Finding:
    line = yaml_text.count("\n", 0, exc.position) + first_line
    return error(path, line, f"front-matter contains the control character #x{exc.character:04x}; remove it")


def _key_without_colon(path: str, yaml_text: str, offset: int, at) -> Finding:
    """A key without its ':' ("aliases" above a list): YAML notices lines later; the mistake is
    on the key's line."""
    lines = yaml_text.split("\n")
    key = lines[at.line].strip() if at.line < len(lines) else ""
    return error(
        path,
        at.line + 1 + offset,
        f"front-matter: '{key}' needs a colon after it, like '{key}:' (or, if it is text, it belongs on the line above)",
        at.column + 1,
    )


def _parse_mapping(path: str, yaml_text: str, first_line: int) -> tuple[dict[str, Value] | None, list[Finding]]:
    offset = first_line - 1
    tab = _tab_problem(path, yaml_text, first_line)
    if tab:
        return None, [tab]
    if not yaml_text.strip():
        return {}, []
    try:
        loader = _Loader(yaml_text)
    except yaml.reader.ReaderError as exc:
        return None, [_control_character(path, yaml_text, first_line, exc)]
    try:
        try:
            root = loader.get_single_node()
        except yaml.MarkedYAMLError as exc:
            if exc.context == "while scanning a simple key" and exc.context_mark is not None:
                return None, [_key_without_colon(path, yaml_text, offset, exc.context_mark)]
            mark = exc.problem_mark or exc.context_mark
            line = (mark.line + 1 + offset) if mark else first_line
            col = (mark.column + 1) if mark else 1
            problem = exc.problem or exc.context or "syntax error"
            return None, [error(path, line, f"front-matter is not valid YAML: {problem}", col)]
        except yaml.reader.ReaderError as exc:
            return None, [_control_character(path, yaml_text, first_line, exc)]
        except yaml.YAMLError as exc:
            return None, [error(path, first_line, f"front-matter is not valid YAML: {_first_line(exc)}")]
        if root is None:
            return {}, []
        if not isinstance(root, yaml.MappingNode):
            return None, [
                error(path, root.start_mark.line + 1 + offset, "front-matter must be a list of 'key: value' lines")
            ]
        return _read_mapping(path, loader, root, offset)
    except RecursionError:
        return None, [error(path, first_line, "front-matter is nested too deeply")]
    finally:
        loader.dispose()


def _read_mapping(path, loader, root, offset):
    findings: list[Finding] = []
    fields: dict[str, Value] = {}
    seen: set[int] = set()
    for key_node, value_node in root.value:
        line = key_node.start_mark.line + 1 + offset
        col = key_node.start_mark.column + 1
        if not isinstance(key_node, yaml.ScalarNode):
            findings.append(error(path, line, "front-matter keys must be plain words", col))
            continue
        key = key_node.value
        if key in fields:
            findings.append(error(path, line, f"duplicate key '{key}' (first on line {fields[key].line})", col))
            continue
        if _reuses_node(value_node, seen):
            findings.append(error(path, line, f"{key}: YAML anchors and aliases (& and *) are not allowed", col))
            continue
        try:
            value = loader.construct_object(value_node, deep=True)
        except (yaml.YAMLError, ValueError, TypeError, OverflowError) as exc:
            findings.append(error(path, line, f"{key}: value cannot be read: {_first_line(exc)}", col))
            continue
        fields[key] = Value(value, line, col, value_node, offset)
    return fields, findings


def _reuses_node(node, seen: set[int]) -> bool:
    """True when the value uses a node twice: PyYAML composes an alias as the anchored node."""
    stack = [node]
    while stack:
        current = stack.pop()
        if id(current) in seen:
            return True
        seen.add(id(current))
        if isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
        elif isinstance(current, yaml.MappingNode):
            for k, v in current.value:
                stack.extend((k, v))
    return False


def _first_line(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
