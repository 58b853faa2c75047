"""The search's data files (``data/search/``), checked with file and line like every input:
stop words per language, Bokmål/Nynorsk spelling variants, word forms, the letters every
language folds, the alarm signs (each with its guidance and source) and the lay phrases (each
with what it means and its source).
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


def _get(node: yaml.MappingNode, key: str) -> yaml.Node | None:
    return next((v for k, v in node.value if k.value == key), None)


def _language_key(rel: str, key: yaml.Node) -> Finding | None:
    if key.value not in LANGUAGES and not locales.has_data(str(key.value)):
        return error(rel, key.start_mark.line + 1, f"'{key.value}' is not a language of the site")
    return None


def _source(rel: str, entry: yaml.MappingNode, what: str) -> list[Finding]:
    source = _get(entry, "source")
    if not isinstance(source, yaml.ScalarNode) or not source.value.strip():
        return [
            error(
                rel,
                entry.start_mark.line + 1,
                f"{what} needs a source: where its words come from, like "
                'source: "seed 002 line 3" or "lay usage: ..." (reviewers check it)',
            )
        ]
    return []


def check_alarms(root: Path) -> list[Finding]:
    """data/search/alarms.yml: signs, each {id, call: 113 | 116117 | helpline, source, and
    per language a list of phrases}."""
    from helsesider.search.analysis import CALLS

    rel = "data/search/alarms.yml"
    node, findings = _mapping(root, rel)
    for key, value in node.value if node else ():
        line = key.start_mark.line + 1
        if key.value != "signs":
            findings.append(error(rel, line, f"unknown key '{key.value}'; the file holds signs: a list of alarm signs"))
            continue
        if not isinstance(value, yaml.SequenceNode):
            findings.append(error(rel, line, "signs: a list of {id, call, source, nb: [phrases], ...}"))
            continue
        for sign in value.value:
            if not isinstance(sign, yaml.MappingNode):
                findings.append(
                    error(rel, sign.start_mark.line + 1, "each sign is {id, call, source, nb: [phrases], ...}")
                )
                continue
            call = _get(sign, "call")
            if not isinstance(call, yaml.ScalarNode) or call.value not in CALLS:
                where = (call or sign).start_mark.line + 1
                findings.append(error(rel, where, f"call: one of {', '.join(CALLS)} (the guidance the sign shows)"))
            findings += _source(rel, sign, "an alarm sign")
            for k, v in sign.value:
                if k.value in ("id", "call", "source"):
                    continue
                problem = _language_key(rel, k)
                if problem:
                    findings.append(problem)
                elif not _words(v):
                    findings.append(
                        error(rel, k.start_mark.line + 1, f"{k.value}: a list of phrases, like [vondt i brystet]")
                    )
    return findings


def _language_lists(rel: str, node: yaml.MappingNode | None, shape: str) -> tuple[list, list[Finding]]:
    """The lists of a file keyed by language ({nb: [...], ...}), and what is wrong with its keys
    and values (`shape` says what a list holds)."""
    lists, findings = [], []
    for key, value in node.value if node else ():
        problem = _language_key(rel, key)
        if problem:
            findings.append(problem)
        elif not isinstance(value, yaml.SequenceNode):
            findings.append(error(rel, key.start_mark.line + 1, f"{key.value}: a list of {shape}"))
        else:
            lists.append(value)
    return lists, findings


def check_lay(root: Path) -> list[Finding]:
    """data/search/lay.yml: per language a list of {says: [phrases], means: [words], source,
    nearest: true | false}."""
    rel = "data/search/lay.yml"
    node, findings = _mapping(root, rel)
    lists, problems = _language_lists(rel, node, "{says, means, source}")
    findings += problems
    for value in lists:
        for entry in value.value:
            line = entry.start_mark.line + 1
            if not isinstance(entry, yaml.MappingNode):
                findings.append(error(rel, line, "each entry is {says: [phrases], means: [words], source: ...}"))
                continue
            for name in ("says", "means"):
                found = _get(entry, name)
                if found is None or not _words(found) or not found.value:
                    findings.append(
                        error(rel, line, f"{name}: a list of words or phrases, like [brent meg, brent seg]")
                    )
            nearest = _get(entry, "nearest")
            if nearest is not None and (
                not isinstance(nearest, yaml.ScalarNode) or nearest.value not in ("true", "false")
            ):
                findings.append(error(rel, nearest.start_mark.line + 1, "nearest: true or false"))
            unknown = [k.value for k, _ in entry.value if k.value not in ("says", "means", "source", "nearest")]
            if unknown:
                findings.append(
                    error(rel, line, f"unknown key '{unknown[0]}'; the keys are says, means, source, nearest")
                )
            findings += _source(rel, entry, "a lay phrase")
    return findings


def check_forms(root: Path) -> list[Finding]:
    """data/search/forms.yml: per language a list of {words: [forms of one word]}."""
    rel = "data/search/forms.yml"
    node, findings = _mapping(root, rel)
    lists, problems = _language_lists(rel, node, "{words: [forms]}")
    findings += problems
    for value in lists:
        for group in value.value:
            words = _get(group, "words") if isinstance(group, yaml.MappingNode) else None
            if not isinstance(words, yaml.SequenceNode) or not _words(words) or len(words.value) < 2:
                findings.append(
                    error(
                        rel, group.start_mark.line + 1, "each group is {words: [forms of one word]}: two forms or more"
                    )
                )
    return findings


def check_search_data(root: Path) -> list[Finding]:
    return (
        check_stopwords(root)
        + check_variants(root)
        + check_folding(root)
        + check_alarms(root)
        + check_lay(root)
        + check_forms(root)
    )
