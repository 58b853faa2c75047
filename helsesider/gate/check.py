"""``python -m helsesider.gate.check``: validate content without building the site.

Prints one line per finding, ``path:line:col: error|warning: message``, and with
GITHUB_ACTIONS=true also a workflow annotation for each. Exits 1 when there are errors
(or warnings, with --strict), 0 otherwise.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from helsesider import LANGUAGES
from helsesider.content.corpus import Corpus, load_corpus
from helsesider.content.glossary import FOLDER as GLOSSARY_FOLDER
from helsesider.content.glossary import harder_than_the_texts, load_glossary
from helsesider.gate.changes import base_revision, changed_since, git, nul_separated
from helsesider.gate.findings import Finding, error
from helsesider.gate.inputs import unclaimed
from helsesider.gate.messages import annotation, check_catalogues, say, translate
from helsesider.gate.messages import language as messages_language
from helsesider.gate.policy import policy_changes
from helsesider.gate.search_data import check_search_data
from helsesider.settings import load as load_settings


def data_files(root: Path) -> tuple[list[str], list[str]]:
    """(every file under data/, every symbolic link there) as paths from the root."""
    files, links = [], []
    for folder, names, filenames in os.walk(root / "data"):
        for name in [*names, *filenames]:
            path = Path(folder) / name
            rel = path.relative_to(root).as_posix()
            if path.is_symlink():
                links.append(rel)
            elif name in filenames:
                files.append(rel)
        names[:] = [n for n in names if not (Path(folder) / n).is_symlink()]
    return sorted(files), sorted(links)


def inventory_findings(root: Path) -> list[Finding]:
    """Files under data/ that the inventory (gate/inputs.py) does not name, and links there."""
    files, links = data_files(root)
    findings = [error(rel, 1, "symbolic links are not allowed under data/; put the file itself here") for rel in links]
    findings += [
        error(
            rel,
            1,
            "no part of the site reads this file (helsesider/gate/inputs.py lists what it reads): "
            "remove it, or add the code that reads and checks it",
        )
        for rel in unclaimed(files)
    ]
    return findings + check_search_data(root) + check_catalogues(root)


def glossary_findings(root: Path, corpus: Corpus, compare: bool = True) -> list[Finding]:
    """Each language's glossary (read once): its problems, explanations harder to read than the
    articles that use their terms (with `compare`: reading every article costs seconds at
    thousands), and glossary files of languages the site does not have."""
    findings: list[Finding] = []
    for lang in LANGUAGES:
        terms, problems = load_glossary(root, lang)
        findings += problems
        if compare:
            bodies = [article.body for article in corpus.articles[lang].values()]
            findings += harder_than_the_texts(terms, bodies, lang, corpus.settings.lix_warning)
    folder = root / GLOSSARY_FOLDER
    for path in sorted(folder.glob("*.yml")) if folder.is_dir() else []:
        if path.stem not in LANGUAGES:
            findings.append(error(f"{GLOSSARY_FOLDER}/{path.name}", 1, f"'{path.stem}' is not a language of the site"))
    return findings


def removed_without_redirect(root: Path, corpus, requested_base: str | None) -> list[Finding]:
    """An article that exists at the base revision (the main branch) and is gone now, with no
    entry in data/redirects.yml: its address would break (bookmarks, leaflets, other sites)."""
    base = base_revision(root, requested_base)
    if base is None:
        return []
    listed = git(root, "ls-tree", "-r", "-z", "--name-only", base, "--", "docs")
    if listed is None or listed.returncode != 0:
        return []
    redirected = {(r.lang, r.old) for r in corpus.redirects}
    findings = []
    for name in nul_separated(listed.stdout):
        parts = name.split("/")
        if len(parts) < 3 or parts[0] != "docs" or parts[1] not in LANGUAGES or not name.endswith(".md"):
            continue
        lang, rel = parts[1], "/".join(parts[2:])
        if rel == "index.md" or (root / name).exists() or (lang, rel) in redirected:
            continue
        findings.append(
            error(
                name,
                1,
                f"this article exists on {base} and is gone without a redirect: add "
                f"'{rel}: <new path>.md' under '{lang}:' in data/redirects.yml",
            )
        )
    return findings


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="make check", description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", help="Markdown files to check (default: everything under docs/)")
    parser.add_argument("--strict", action="store_true", help="fail on warnings too")
    parser.add_argument(
        "--lang",
        default=None,
        help="the language of the messages (default: HELSESIDER_MESSAGES, else the site's default language; en: English)",
    )
    parser.add_argument("--root", default=".", help="project folder (default: the current folder)")
    parser.add_argument(
        "--base",
        default=os.environ.get("HELSESIDER_BASE"),
        help="git revision whose articles must still exist or have a redirect "
        "(default: origin/main, else main; nothing when neither exists)",
    )
    parser.add_argument(
        "--changed",
        action="store_true",
        help="check the bodies of the files changed since the base revision (and of the files that may link to "
        "them) only; every file is still read for the checks across articles",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    root = Path(args.root).resolve()
    settings = load_settings(root)  # its problems are findings of the corpus
    files = [Path(f) for f in args.files if f.strip()] or None
    if files:
        missing = [f for f in files if not f.is_file()]
        for f in missing:
            print(say(error(str(f), 1, "no such file"), messages_language(args.lang)))
        files = [f.resolve() for f in files if f.is_file()]
        if missing and not files:
            return 1
    focus = changed_since(root, args.base) if args.changed else None
    corpus = load_corpus(root, settings, only=files, focus=focus, jobs=os.cpu_count() or 1)
    findings = list(corpus.findings) + removed_without_redirect(root, corpus, args.base) + inventory_findings(root)
    # a pull request that changes only content (a focus) leaves the glossary as it was: its
    # explanations are compared with the articles when anything outside docs/ and local/ changes
    findings += glossary_findings(root, corpus, compare=focus is None)
    if focus is not None:  # what the change touches: its files, the files that name them, and data/
        shown = focus.paths(corpus) | focus.removed
        findings = [f for f in findings if f.path in shown or not f.path.startswith("docs/")]
    findings = sorted(set(findings))
    notices = policy_changes(root, args.base) if args.changed else []
    _report(findings, corpus, notices, messages_language(args.lang))
    errors, warnings = sum(f.is_error for f in findings), sum(not f.is_error for f in findings)
    return 1 if errors or (args.strict and warnings) else 0


def _report(findings: list[Finding], corpus: Corpus, notices: list[Finding], lang: str) -> None:
    """Every finding (and a GitHub annotation for it in Actions), the changes of policy for the
    reviewer, then the summary, in the partner's language `lang`."""
    annotate = os.environ.get("GITHUB_ACTIONS") == "true"
    for finding in [*findings, *notices]:
        print(say(finding, lang))
        if annotate:
            print(annotation(finding, lang))
    errors, warnings = sum(f.is_error for f in findings), sum(not f.is_error for f in findings)
    with_errors = {f.path for f in findings if f.is_error}
    read = {a.path for articles in corpus.articles.values() for a in articles.values()}
    valid = len(read - with_errors)
    invalid = len({p for p in with_errors if p.startswith("docs/")})
    summary = f"{valid} articles valid, {invalid} file(s) with errors; {errors} error(s), {warnings} warning(s)"
    policy = f"; {len(notices)} change(s) of policy for the reviewer (notice)" if notices else ""
    print(translate(summary, lang) + translate(policy, lang), file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
