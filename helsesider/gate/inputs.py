"""The inventory of inputs: every file the site is built from, who may change it, how it is read
and what it is checked for. ``make check`` walks it: each file under ``docs/`` and ``data/``
must be claimed by an entry (a file no entry claims is an error: the build would not read it,
or would read it unchecked), and each entry's checks run. The README's security section shows
the same list (``tests/test_gate_inputs.py`` compares them).

Patterns: ``<lang>`` is a language code of the site, ``*`` one name, ``**`` any folders.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Input:
    pattern: str
    who: str  # "partner" (a content pull request may change it) or "maintainer" (code: a reviewer's matter)
    parser: str
    checks: str

    def matches(self, rel: str) -> bool:
        return _regex(self.pattern).match(rel) is not None


def _regex(pattern: str) -> re.Pattern:
    """`pattern` as a regular expression: '<lang>' a code, '*' one name, '**' any folders (or, at
    the end, anything)."""
    pieces = []
    for index, part in enumerate(pattern.split("/")):
        last = index == len(pattern.split("/")) - 1
        if part == "**":
            pieces.append(".+" if last else "(?:[^/]+/)*")
            continue
        text = re.escape(part).replace(re.escape("<lang>"), "[a-z]{2,3}").replace(re.escape("<region>"), "[^/]+")
        text = text.replace(r"\*", "[^/]*")
        pieces.append(text + ("" if last else "/"))
    return re.compile("^" + "".join(pieces) + "$")


INPUTS = (
    Input(
        "local/<region>/<lang>/**/*.md",
        "partner",
        "front-matter: YAML into the addition model (content/model.py read_addition); body: Markdown as an article's",
        "a region of data/regions.yml, a language, a national article at the same path; provider, reviewer, "
        "reviewed, next_review as an article's; the body as an article's, from the article's place; only .md files",
    ),
    Input(
        "docs/<lang>/**/*.md",
        "partner",
        "front-matter: YAML (libyaml, bounded) into the article model (content/model.py); body: Markdown as MkDocs renders it",
        "front-matter keys, types, dates, plain visible NFC text; links, anchors, images, services, tel: numbers; "
        "raw HTML and attribute lists (gate/scan.py); the rendered page by html_policy.CONTENT; care cards where they "
        "render (gate/cards.py); size and nesting limits; headings; LIX (warning)",
    ),
    Input(
        "docs/<lang>/**/*.png",
        "partner",
        "copied as it is (also .jpg, .jpeg, .gif, .webp)",
        "clean name; the first bytes are those of the named type (gate/files.py)",
    ),
    Input(
        "docs/**",
        "partner",
        "any other file under docs/",
        "refused: only articles and images, no symbolic links, no SVG, HTML or other Markdown extensions (gate/files.py)",
    ),
    Input(
        "data/site.yml",
        "maintainer",
        "YAML (settings.py)",
        "known settings, types and limits; languages have data folders; the link allowlist (a change is named for "
        "the reviewer)",
    ),
    Input(
        "data/providers.yml",
        "partner",
        "YAML registry (content/registry.py)",
        "ids; a plain name in the default language (others optional, plain); url https://, without characters that "
        "end a link (a new or changed url is named for the reviewer)",
    ),
    Input(
        "data/topics.yml",
        "partner",
        "YAML registry (content/registry.py)",
        "ids; plain title and description per language",
    ),
    Input(
        "data/services.yml",
        "maintainer",
        "YAML registry (content/registry.py)",
        "ids; plain texts per language; group; url a clean path under services_base_url; yes/no flags",
    ),
    Input(
        "data/synonyms.yml",
        "partner",
        "YAML (content/registry.py)",
        "languages of the site; groups of two terms or more, each with its source",
    ),
    Input(
        "data/redirects.yml",
        "partner",
        "YAML (content/registry.py)",
        "clean .md paths (written into nginx's configuration); targets exist; no circles; no hidden article",
    ),
    Input(
        "data/languages/<lang>/language.yml",
        "maintainer",
        "YAML (locales.py)",
        "known keys; dir; page paths are clean names the site does not use otherwise; alphabet; dates.format "
        "placeholders; a hyphenation dictionary pyphen has; a theme language file Material has; stemming rule set",
    ),
    Input(
        "data/languages/<lang>/texts.yml",
        "maintainer",
        "YAML (locales.py)",
        "every key of the default language and no other; only the placeholders the code fills in; the care cards' "
        "{number} present; no phone number typed into a text",
    ),
    Input(
        "data/languages/<lang>/accessibility.md",
        "maintainer",
        "Markdown, rendered as the statement page",
        "as an article's body, with its own path and line: raw HTML, links and hosts, the rendered page by "
        "html_policy.STATEMENT (no care cards)",
    ),
    Input(
        "data/languages/<lang>/check.po",
        "maintainer",
        "gettext catalogue, read with Babel (gate/messages.py)",
        "readable; each translation has exactly the placeholders of its message; the tests require every finding "
        "of the bad-input corpora translated and every message still one the code writes",
    ),
    Input(
        "data/regions.yml",
        "partner",
        "YAML registry (content/local.py)",
        "ids; a plain name in the default language (others optional); kind municipality or health-trust; a trust "
        "covers municipalities of the file",
    ),
    Input(
        "data/glossary/<lang>.yml",
        "partner",
        "YAML (content/glossary.py)",
        "a language of the site; each term with forms (words as written in a sentence), a plain explanation of at "
        "most two sentences and 300 characters without links or HTML, and a source; a form in two terms is an error; "
        "an explanation harder (LIX) than the articles that use it is a warning",
    ),
    Input(
        "data/search/stemming/*.yml", "maintainer", "YAML (locales.py)", "steps: a list of lists of rules with a suffix"
    ),
    Input(
        "data/search/stopwords.yml",
        "maintainer",
        "YAML (search/analysis.py)",
        "languages of the site; lists of words (gate/search_data.py)",
    ),
    Input(
        "data/search/variants.yml",
        "maintainer",
        "YAML (search/analysis.py)",
        "two languages; groups of two words or more (gate/search_data.py)",
    ),
    Input(
        "data/search/forms.yml",
        "maintainer",
        "YAML (search/analysis.py)",
        "languages of the site; groups of two word forms or more (gate/search_data.py)",
    ),
    Input(
        "data/search/alarms.yml",
        "maintainer",
        "YAML (search/analysis.py); its phrases go into the search index's head as terms",
        "signs: call is 113, 116117 or helpline; a source; per language a list of phrases "
        "(gate/search_data.py); the numbers come from the site, not from the file",
    ),
    Input(
        "data/search/lay.yml",
        "maintainer",
        "YAML (search/analysis.py); its phrases go into the search index's head as terms",
        "languages of the site; says and means are lists of words; a source; nearest is true or false "
        "(gate/search_data.py)",
    ),
    Input(
        "data/search/folding.yml",
        "maintainer",
        "YAML (locales.py)",
        "letters: one letter each, folded to a text (gate/search_data.py)",
    ),
    Input(
        "data/schema/*.schema.json",
        "maintainer",
        "JSON Schema of the content API, read by the tests, not by the build",
        "the tests validate every API file against it",
    ),
    Input(
        "mkdocs.yml",
        "maintainer",
        "MkDocs' configuration",
        "a change makes the pull-request check check everything; reviewed as code (CODEOWNERS)",
    ),
    Input(
        "overrides/**",
        "maintainer",
        "the theme's templates and the site's stylesheets and scripts",
        "a change makes the pull-request check check everything; reviewed as code (CODEOWNERS)",
    ),
)


def entry_for(rel: str) -> Input | None:
    """The first entry whose pattern matches `rel` (a path from the project's root)."""
    return next((entry for entry in INPUTS if entry.matches(rel)), None)


def unclaimed(rels: list[str]) -> list[str]:
    """The files under data/ that no entry claims (files under docs/ are all claimed: the tree
    check refuses what may not be there)."""
    return [rel for rel in rels if rel.startswith("data/") and entry_for(rel) is None]
