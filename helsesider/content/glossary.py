"""The glossary ("Ord og uttrykk"): hard words explained where they stand (the Language Act's
plain-language duty, § 9, and Helsenorge's own pattern of a marked word that opens a short
explanation in place).

One file per language, ``data/glossary/<lang>.yml``: each term with the word forms an article may
use, a plain explanation of at most two sentences and its ``source``::

    egenandel:
      forms: [egenandelen, egenandeler, egenandelene]
      explanation: Den delen av prisen du betaler selv. Resten betaler det offentlige.
      source: seed 002 (user fees)

``load_glossary`` reads and checks a language's file (every problem a finding with its line);
``helsesider/site/glossary_view.py`` marks the terms in an article's HTML.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from helsesider import yamlfile
from helsesider.content.links import slugify
from helsesider.gate.findings import Finding, error, warning
from helsesider.gate.readability import lix
from helsesider.gate.text_rules import plain_text_problem

FOLDER = "data/glossary"
KEYS = ("forms", "explanation", "source")
MAX_SENTENCES = 2
MAX_EXPLANATION = 300  # characters: two short sentences
_FORM = re.compile(r"^[^\W\d_](?:[\w' -]*[^\W_])?$")  # a word or a few, as written in a sentence
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")


@dataclass(frozen=True)
class Term:
    term: str  # as the glossary names it, e.g. "egenandel"
    forms: tuple[str, ...]  # the term and its other forms, longest first
    explanation: str
    source: str
    line: int = 1

    @property
    def anchor(self) -> str:
        return "hs-ord-" + slugify(self.term)


def glossary_path(root: Path, lang: str) -> Path:
    return Path(root) / FOLDER / f"{lang}.yml"


def cached_glossary(root: Path, lang: str) -> list[Term]:
    """The language's terms for the build (read again when the file changes; its problems are
    `make check`'s)."""
    path = glossary_path(root, lang)
    stamp = path.stat().st_mtime_ns if path.is_file() else 0
    return _cached(str(root), lang, stamp)


@functools.lru_cache(maxsize=16)
def _cached(root: str, lang: str, stamp: int) -> list[Term]:
    return load_glossary(Path(root), lang)[0]


def load_glossary(root: Path, lang: str) -> tuple[list[Term], list[Finding]]:
    """The language's terms (none when it has no glossary) and what is wrong with its file."""
    path = glossary_path(root, lang)
    shown = f"{FOLDER}/{lang}.yml"
    if not path.is_file():
        return [], []
    try:
        node = yamlfile.compose(path.read_text(encoding="utf-8"))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        return [], [error(shown, (mark.line + 1) if mark else 1, f"not valid YAML: {exc.problem}")]
    except (yaml.YAMLError, UnicodeDecodeError, OSError) as exc:
        return [], [error(shown, 1, f"cannot be read: {exc}")]
    if node is None:
        return [], []
    if not isinstance(node, yaml.MappingNode):
        return [], [error(shown, 1, "must be a list of terms, each with forms, explanation and source under it")]
    terms: list[Term] = []
    findings: list[Finding] = []
    owner: dict[str, str] = {}  # a form (lower case) -> the term that has it
    for key_node, value_node in node.value:
        line = key_node.start_mark.line + 1
        term, problems = _term(str(key_node.value), yaml.safe_load(yaml.serialize(value_node)), line)
        findings += [f.__class__(shown, f.line, f.col, f.severity, f.message) for f in problems]
        if term is None:
            continue
        taken = [form for form in term.forms if form.lower() in owner]
        if taken:
            findings.append(error(shown, line, f"'{taken[0]}' is already a form of '{owner[taken[0].lower()]}'"))
            continue
        owner.update({form.lower(): term.term for form in term.forms})
        terms.append(term)
    return terms, findings


def _term(name: str, value: object, line: int) -> tuple[Term | None, list[Finding]]:
    """One entry: the term and its problems (findings without a path yet)."""
    if not isinstance(value, dict):
        return None, [error("", line, f"'{name}': write forms, explanation and source under it")]
    problems = [f"'{name}': unknown key '{key}'; the keys are {', '.join(KEYS)}" for key in value if key not in KEYS]
    forms = value.get("forms", [])
    if not isinstance(forms, list) or not all(isinstance(f, str) for f in forms):
        problems.append(f"'{name}': forms must be a list of words, like [egenandelen, egenandeler]")
        forms = []
    for form in [name, *forms]:
        if not _FORM.match(form.strip()):
            problems.append(f"'{name}': '{form}' is not a word as it is written in a sentence")
    explanation, source = value.get("explanation"), value.get("source")
    if not isinstance(explanation, str) or not explanation.strip():
        problems.append(f"'{name}': explanation is missing")
    else:
        problems += _explanation_problems(name, explanation.strip())
    if not isinstance(source, str) or not source.strip():
        problems.append(f"'{name}': source is missing (where the explanation comes from)")
    found = [error("", line, problem) for problem in problems]
    if problems or not isinstance(explanation, str):
        return None, found
    ordered = tuple(sorted(dict.fromkeys(f.strip() for f in [name, *forms]), key=lambda f: (-len(f), f)))
    return Term(name.strip(), ordered, explanation.strip(), str(source).strip(), line), found


def _explanation_problems(name: str, text: str) -> list[str]:
    problems = []
    problem = plain_text_problem(text)
    if problem:
        problems.append(f"'{name}': the explanation {problem}")
    elif re.search(r"\]\(|https?://|<", text):
        problems.append(f"'{name}': the explanation may not hold links or HTML")
    if len(text) > MAX_EXPLANATION:
        problems.append(f"'{name}': the explanation has {len(text)} characters; at most {MAX_EXPLANATION}")
    if len(_SENTENCE_END.findall(text)) > MAX_SENTENCES:
        problems.append(f"'{name}': the explanation has more than {MAX_SENTENCES} sentences")
    return problems


# A sentence or two is too short for a steady LIX: one long word moves ten words' LIX by ten
SHORT_TEXT_SLACK = 10


def harder_than_the_texts(terms: list[Term], bodies: list[str], lang: str, limit: int) -> list[Finding]:
    """A warning for each explanation whose LIX is more than SHORT_TEXT_SLACK above that of the
    articles that use the term (their mean; `limit`, the site's LIX warning, for a term no article
    uses yet): an explanation must be easier than the text it explains. Each body's words and
    LIX are read once (thousands of articles, dozens of terms)."""
    words = [frozenset(_TOKEN.findall(body.lower())) for body in bodies]
    scores_of: dict[int, float] = {}
    found = []
    for term in terms:
        users = [i for i in range(len(bodies)) if _uses(term, bodies[i], words[i])]
        scores = [scores_of.setdefault(i, lix(bodies[i])[0]) for i in users]
        bar = sum(scores) / len(scores) if scores else float(limit)
        score = lix(term.explanation)[0]
        if score > bar + SHORT_TEXT_SLACK:
            compared = f"the articles that use it ({bar:.0f})" if scores else f"the site's limit ({limit})"
            found.append(
                warning(f"{FOLDER}/{lang}.yml", term.line, f"'{term.term}': the explanation's LIX is {score:.0f}, "
                        f"above {compared}; an explanation must be easier than the text it explains")
            )  # fmt: skip
    return found


_TOKEN = re.compile(r"[\w-]+")  # a word as the glossary's boundaries see it: no letter, digit or '-' beside it


def _uses(term: Term, body: str, words: frozenset[str]) -> bool:
    """Whether `body` (its words: `words`) holds one of the term's forms as a whole word."""
    for form in term.forms:
        parts = _TOKEN.findall(form.lower())
        if len(parts) == 1 and parts[0] == form.lower():
            if parts[0] in words:
                return True
        elif parts and all(part in words for part in parts):
            pattern = r"(?<![\w-])" + re.escape(form) + r"(?![\w-])"
            if re.search(pattern, body, re.I):
                return True
    return False
