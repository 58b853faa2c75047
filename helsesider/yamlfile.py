"""YAML as the project reads it: with libyaml's safe loader (in C, several times faster than
PyYAML's own, which is used when PyYAML was built without libyaml). Both give the same values,
nodes and line numbers; the data files, registries and settings are read with these. A file
libyaml cannot read is read again by PyYAML's own loader, whose messages say more ("found
character '\\t' that cannot start any token", not "found character that cannot start any token").
"""

from __future__ import annotations

import yaml

LOADER: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load(text: str) -> object:
    """The values of a YAML document (safe: plain data only)."""
    try:
        return yaml.load(text, Loader=LOADER)
    except yaml.YAMLError:
        return yaml.load(text, Loader=yaml.SafeLoader)


def compose(text: str) -> yaml.Node | None:
    """The node tree of a YAML document, with the line and column of every node."""
    try:
        return yaml.compose(text, Loader=LOADER)
    except yaml.YAMLError:
        return yaml.compose(text, Loader=yaml.SafeLoader)
