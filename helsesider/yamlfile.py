"""YAML as the project reads it: with libyaml's safe loader (in C, several times faster than
PyYAML's own, which is used when PyYAML was built without libyaml). Both give the same values,
nodes and line numbers; the data files, registries and settings are read with these. A file
libyaml cannot read is read again by PyYAML's own loader, whose messages say more ("found
character '\\t' that cannot start any token", not "found character that cannot start any token").
"""

from __future__ import annotations

import yaml

LOADER: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_DEPTH = 50  # levels of nesting in a data file; tens of thousands crash libyaml and PyYAML


def load(text: str) -> object:
    """The values of a YAML document (safe: plain data only)."""
    return _read(yaml.load, text)


def compose(text: str) -> yaml.Node | None:
    """The node tree of a YAML document, with the line and column of every node."""
    return _read(yaml.compose, text)


def _read(read, text: str):
    line = too_deep(text, MAX_DEPTH)
    if line is not None:  # never given to a parser: 50,000 nested '[' crash libyaml's C code
        mark = yaml.Mark("<data>", 0, line, 0, None, 0)
        raise yaml.MarkedYAMLError(problem=f"nested too deeply (more than {MAX_DEPTH} levels)", problem_mark=mark)
    try:
        return read(text, Loader=LOADER)
    except yaml.YAMLError:
        return read(text, Loader=yaml.SafeLoader)


def too_deep(text: str, limit: int) -> int | None:
    """The number (from 0) of the first line where `text` nests more than `limit` levels, by
    indentation (two spaces a level) or by brackets outside quotes and comments; None when it
    does not. Cheap: brackets are followed only when there are more than `limit` of them."""
    depth, quote = 0, ""
    brackets = text.count("[") + text.count("{") > limit  # else they cannot nest too deeply
    for number, line in enumerate(text.split("\n")):
        if len(line) - len(line.lstrip(" ")) > 2 * limit:
            return number
        for ch in line if brackets else ():
            if quote:
                quote = "" if ch == quote else quote
            elif ch in "\"'":
                quote = ch
            elif ch == "#":
                break
            elif ch in "[{":
                depth += 1
                if depth > limit:
                    return number
            elif ch in "]}":
                depth = max(0, depth - 1)
        quote = "" if quote == "'" else quote
    return None
