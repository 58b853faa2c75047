"""The providers registry (``data/providers.yml``): who supplies the content."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import LANGUAGES
from .findings import Finding, error

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
PROVIDER_KEYS = {"name", "url"}


@dataclass(frozen=True)
class Provider:
    id: str
    name: dict[str, str]
    url: str

    def name_in(self, lang: str) -> str:
        return self.name[lang]


def load_providers(path: Path, display_path: str) -> tuple[dict[str, Provider], list[Finding]]:
    """Read and validate the providers registry; every problem is a finding with its line."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}, [error(display_path, 1, "the providers registry is missing")]
    except (UnicodeDecodeError, OSError) as exc:
        return {}, [error(display_path, 1, f"cannot read the providers registry: {exc}")]
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        return {}, [error(display_path, (mark.line + 1) if mark else 1, f"not valid YAML: {exc.problem}")]
    except yaml.YAMLError as exc:
        return {}, [error(display_path, 1, f"not valid YAML: {exc}")]
    if not isinstance(root, yaml.MappingNode):
        return {}, [error(display_path, 1, "must be a mapping of provider id to {name: {nb, nn, en}, url}")]
    providers: dict[str, Provider] = {}
    findings: list[Finding] = []
    for key_node, value_node in root.value:
        line = key_node.start_mark.line + 1
        pid = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
        if not pid or not ID_PATTERN.match(pid):
            findings.append(error(display_path, line, f"provider id {pid!r} must be lower-case letters, digits and hyphens"))
            continue
        if pid in providers:
            findings.append(error(display_path, line, f"duplicate provider id '{pid}'"))
            continue
        try:
            value = _construct(value_node)
        except (yaml.YAMLError, ValueError, TypeError) as exc:
            findings.append(error(display_path, line, f"provider '{pid}' cannot be read: {exc}"))
            continue
        problems = _check_entry(pid, value)
        findings += [error(display_path, line, problem) for problem in problems]
        if not problems:
            providers[pid] = Provider(id=pid, name=dict(value["name"]), url=value["url"])
    return providers, findings


def _construct(node: yaml.Node):
    loader = yaml.SafeLoader("")
    try:
        return loader.construct_object(node, deep=True)
    finally:
        loader.dispose()


def _check_entry(pid: str, value) -> list[str]:
    if not isinstance(value, dict):
        return [f"provider '{pid}' must have 'name' and 'url'"]
    problems = [f"provider '{pid}': unknown key '{key}'" for key in value if key not in PROVIDER_KEYS]
    name = value.get("name")
    if not isinstance(name, dict):
        problems.append(f"provider '{pid}': 'name' must have nb, nn and en")
    else:
        for lang in LANGUAGES:
            if not isinstance(name.get(lang), str) or not name[lang].strip():
                problems.append(f"provider '{pid}': name.{lang} is missing")
    url = value.get("url")
    if not isinstance(url, str) or not url.startswith("https://"):
        problems.append(f"provider '{pid}': 'url' must be an https:// address")
    return problems
