"""The search's data files (``data/search/``), checked with file and line like every input:
stop words per language, Bokmål/Nynorsk spelling variants, the letters every language folds.
(The stemming rule sets are read and checked by ``helsesider/locales.py`` with the language
that names them; synonyms by ``content/registry.py``.)"""

from __future__ import annotations

from pathlib import Path

import yaml

from helsesider import LANGUAGES, locales, yamlfile
from helsesider.gate.findings import Finding, error


def _mapping(root: Path, rel: str) -> tuple[yaml.MappingNode | None, list[Finding]]:
    path = root / rel
    if not path.exists():
        return None, []
    try:
        node = yamlfile.compose(path.read_text(encoding="utf-8"))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        return None, [error(rel, (mark.line + 1) if mark else 1, f"not valid YAML: {exc.problem}")]
    except (yaml.YAMLError, UnicodeDecodeError, OSError) as exc:
        return None, [error(rel, 1, f"cannot be read: {exc}")]
    if node is not None and not isinstance(node, yaml.MappingNode):
        return None, [error(rel, 1, "must be a mapping (key: value)")]
    return node, []


def _words(node: yaml.Node) -> bool:
    """A list of plain words (strings on one line)."""
    return isinstance(node, yaml.SequenceNode) and all(
        isinstance(item, yaml.ScalarNode) and item.value.strip() and "\n" not in item.value for item in node.value
    )


def check_stopwords(root: Path) -> list[Finding]:
    rel = "data/search/stopwords.yml"
    node, findings = _mapping(root, rel)
    for key, value in node.value if node else ():
        line = key.start_mark.line + 1
        if key.value not in LANGUAGES and not locales.has_data(str(key.value)):
            findings.append(error(rel, line, f"'{key.value}' is not a language of the site"))
        elif not _words(value):
            findings.append(error(rel, line, f"{key.value}: must be a list of words, like [og, i, på]"))
    return findings


def check_variants(root: Path) -> list[Finding]:
    rel = "data/search/variants.yml"
    node, findings = _mapping(root, rel)
    for key, value in node.value if node else ():
        line = key.start_mark.line + 1
        if key.value == "languages":
            if not _words(value) or len(value.value) != 2:
                findings.append(error(rel, line, "languages: the two written standards, like [nb, nn]"))
        elif key.value == "groups":
            findings += _group_problems(rel, value)
        else:
            findings.append(error(rel, line, f"unknown key '{key.value}'; the keys are languages and groups"))
    return findings


def _group_problems(rel: str, node: yaml.Node) -> list[Finding]:
    if not isinstance(node, yaml.SequenceNode):
        return [error(rel, node.start_mark.line + 1, "groups: a list of {words: [bokmål, nynorsk]}")]
    findings = []
    for group in node.value:
        words = (
            next((v for k, v in group.value if k.value == "words"), None)
            if isinstance(group, yaml.MappingNode)
            else None
        )
        if words is None or not _words(words) or len(words.value) < 2:
            findings.append(
                error(rel, group.start_mark.line + 1, "each group is {words: [bokmål, nynorsk]}: two words or more")
            )
    return findings


def check_folding(root: Path) -> list[Finding]:
    rel = "data/search/folding.yml"
    node, findings = _mapping(root, rel)
    for key, value in node.value if node else ():
        if key.value != "letters" or not isinstance(value, yaml.MappingNode):
            findings.append(
                error(rel, key.start_mark.line + 1, "folding.yml holds letters: {letter: what it is folded to}")
            )
            continue
        for letter, folded in value.value:
            if not (
                isinstance(letter, yaml.ScalarNode) and len(letter.value) == 1 and isinstance(folded, yaml.ScalarNode)
            ):
                findings.append(
                    error(rel, letter.start_mark.line + 1, "each entry folds one letter to a text, like 'æ: ae'")
                )
    return findings


def check_search_data(root: Path) -> list[Finding]:
    return check_stopwords(root) + check_variants(root) + check_folding(root)
