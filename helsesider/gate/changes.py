"""What a pull request changes, as ``make check CHANGED=1`` sees it (git, NUL-separated, so a
name with any characters is itself: ``docs/nb/lege/blåbær.md``, not git's quoted form).

A change to a file under ``docs/`` checks that file and the files that may link to it; a change
under ``data/`` (the registries every article is checked against) or anywhere else (the checker,
the Makefile, templates, hooks) checks everything.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from helsesider.content.corpus import Focus


def git(root: Path, *args: str) -> subprocess.CompletedProcess | None:
    try:
        return subprocess.run(["git", "-C", str(root), *args], capture_output=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None


def base_revision(root: Path, requested: str | None) -> str | None:
    candidates = [requested] if requested else ["origin/main", "main"]
    for candidate in candidates:
        found = git(root, "rev-parse", "--verify", "--quiet", f"{candidate}^{{commit}}")
        if found is not None and found.returncode == 0:
            return candidate
    if requested:
        print(f"check: '{requested}' is not a git revision here; removed articles were not checked", file=sys.stderr)
    return None


def nul_separated(output: bytes) -> list[str]:
    return [name.decode("utf-8", "surrogateescape") for name in output.split(b"\0") if name]


def changed_files(root: Path, base: str) -> tuple[set[str], set[str]] | None:
    """(changed or added, removed) paths since `base`, untracked files included; None when git
    cannot tell."""
    diff = git(root, "diff", "-z", "--name-status", "--no-renames", base, "--")
    untracked = git(root, "ls-files", "-z", "--others", "--exclude-standard")
    if diff is None or diff.returncode != 0 or untracked is None or untracked.returncode != 0:
        return None
    changed: set[str] = set(nul_separated(untracked.stdout))
    removed: set[str] = set()
    fields = nul_separated(diff.stdout)
    for status, name in zip(fields[::2], fields[1::2]):
        (removed if status == "D" else changed).add(name)
    return changed, removed


def changed_since(root: Path, requested_base: str | None) -> Focus | None:
    """The files changed (added, edited, renamed, or new and untracked) and removed since the base
    revision; None when everything must be checked: no base, or a change outside docs/."""
    base = base_revision(root, requested_base)
    found = changed_files(root, base) if base else None
    if found is None:
        print("check: no base revision to compare with; checking everything", file=sys.stderr)
        return None
    changed, removed = found
    # local additions (local/) are content too: they are checked whole on every run
    outside = sorted(name for name in changed | removed if not name.startswith(("docs/", "local/")))
    if outside:
        shown = ", ".join(outside[:3]) + (" …" if len(outside) > 3 else "")
        print(f"check: {shown} changed (outside docs/); checking everything", file=sys.stderr)
        return None
    return Focus(frozenset(changed), frozenset(removed))
