"""``python -m helsesider.check``: validate content without building the site.

Prints one line per finding, ``path:line:col: error|warning: message``, and with
GITHUB_ACTIONS=true also a workflow annotation for each. Exits 1 when there are errors
(or warnings, with --strict), 0 otherwise.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .corpus import load_corpus
from .settings import load as load_settings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make check", description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", help="Markdown files to check (default: everything under docs/)")
    parser.add_argument("--strict", action="store_true", help="fail on warnings too")
    parser.add_argument("--root", default=".", help="project folder (default: the current folder)")
    args = parser.parse_args(argv)
    root = Path(args.root).resolve()
    try:
        settings = load_settings(root)
    except (OSError, ValueError) as exc:
        print(f"mkdocs.yml:1:1: error: cannot read the settings: {exc}", file=sys.stdout)
        return 1
    files = [Path(f) for f in args.files if f.strip()] or None
    if files:
        missing = [f for f in files if not f.is_file()]
        for f in missing:
            print(f"{f}:1:1: error: no such file")
        files = [f.resolve() for f in files if f.is_file()]
        if missing and not files:
            return 1
    corpus = load_corpus(root, settings, only=files)
    annotate = os.environ.get("GITHUB_ACTIONS") == "true"
    for finding in corpus.findings:
        print(finding)
        if annotate:
            print(finding.github_annotation())
    errors, warnings = len(corpus.errors), len(corpus.warnings)
    checked = sum(len(a) for a in corpus.articles.values())
    print(f"{checked} articles valid; {errors} error(s), {warnings} warning(s)", file=sys.stderr)
    if errors or (args.strict and warnings):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
