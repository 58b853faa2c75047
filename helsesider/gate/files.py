"""What may be under docs/: an allowlist, checked by ``make check`` and by every build before
anything is written.

- Under ``docs/<language>/`` only Markdown articles with the extension ``.md`` and images
  (PNG, JPEG, GIF, WebP) whose content matches their name. No SVG (it can hold scripts), no
  HTML, JavaScript, CSS or other Markdown extensions (MkDocs renders ``.markdown``, ``.mdown``,
  ``.mkd`` and ``.mkdn`` too), nothing at the top of ``docs/``.
- Names are clean slugs: lower-case a–z, digits and single hyphens (``bytte-fastlege.md``), so
  no two names differ only in case (one file on the disks of Windows and macOS kiosks), no hidden
  or underscore folders (``_deploy/``), and nothing that needs escaping in HTML, URLs or server
  configuration.
- No symbolic links (a link could publish ``/etc/passwd`` or a file outside the repository).
- No name takes an address the build writes (``assets/``, ``search/``, ``a-a/``, the services'
  and providers' folders, a language's folder) or another file's address (``lege.md`` beside the
  topic folder ``lege/``).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from helsesider import LANGUAGES
from helsesider.gate.findings import Finding, error

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
IMAGE_TYPES = {  # extension: (name, how the file starts)
    ".png": ("PNG", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": ("JPEG", (b"\xff\xd8\xff",)),
    ".jpeg": ("JPEG", (b"\xff\xd8\xff",)),
    ".gif": ("GIF", (b"GIF87a", b"GIF89a")),
    ".webp": ("WebP", (b"RIFF",)),
}
MARKDOWN_LIKE = (".markdown", ".mdown", ".mkd", ".mkdn", ".mkdown", ".mdwn", ".mdtxt", ".mdtext")
# Addresses the build writes in every language folder (first-level names)
BUILD_FOLDERS = {
    "assets",
    "search",
    "samarbeidspartnere",
    "tjenester",
    "tenester",
    "services",
    "a-a",
    "a-z",
    "tilgjengelighet",
    "tilgjenge",
    "accessibility",
    "404",
    "sitemap",
    "api",
    "stylesheets",
    "javascripts",
}
ALLOWED = "only articles (.md) and images (" + ", ".join(IMAGE_TYPES) + ")"


def check_tree(root: Path, only: list[Path] | None = None) -> list[Finding]:
    """Findings about the files and folders under root/docs (or only the paths in `only`)."""
    docs = root / "docs"
    if not docs.is_dir():
        return []
    if only is None:
        entries = _walk(docs)
        key = (str(root), tuple(LANGUAGES), tuple((str(p), p.is_symlink(), p.is_dir(), _state(p)) for p in entries))
        if key not in _trees:
            _trees.clear()
            _trees[key] = _check_entries(root, docs, entries, complete=True)
        return list(_trees[key])
    return _check_entries(root, docs, [Path(p) for p in only], complete=False)


# The last tree checked: its findings depend only on the names, kinds and images' first bytes of
# its entries, so a server that checks again after a save does the work only when one changed.
_trees: dict[tuple, list[Finding]] = {}


def _state(path: Path) -> tuple[int, int] | None:
    """An image's modification time and size (its first bytes are checked); None for others."""
    if path.suffix not in IMAGE_TYPES:
        return None
    try:
        st = path.stat()
    except OSError:
        return (-1, -1)
    return (st.st_mtime_ns, st.st_size)


def _check_entries(root: Path, docs: Path, entries: list[Path], complete: bool) -> list[Finding]:
    findings: list[Finding] = []
    addresses: dict[tuple[str, str], str] = {}
    for path in entries:
        shown = shown_path(root, path)
        problem = entry_problem(docs, path)
        if problem:
            findings.append(error(shown, 1, problem))
            continue
        rel = tuple(shown_path(docs, path).split("/"))
        if path.suffix == ".md" and len(rel) >= 2 and not path.is_symlink() and not path.is_dir():
            address = _address(rel[1:])
            key = (rel[0], address)
            if key in addresses:
                findings.append(
                    error(
                        shown,
                        1,
                        f"{shown} and {addresses[key]} would be published at the same address "
                        f"({address or '/'}); rename one of them",
                    )
                )
            else:
                addresses[key] = shown
    if complete:
        findings += _folder_collisions(root, docs, addresses, entries)
    return findings


_PathType: type = type(Path())


class _Entry(_PathType):  # a concrete Path that knows from the directory listing what it is
    _link = False
    _dir = False

    def is_symlink(self) -> bool:
        return self._link

    def is_dir(self) -> bool:
        return self._dir


def _walk(docs: Path) -> list[Path]:
    """Every file, link and empty folder under docs (links are not followed), from one listing
    per folder (no stat call per file: thousands of articles)."""
    found: list[Path] = []
    stack = [docs]
    while stack:
        folder = stack.pop()
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda e: e.name)
        if not entries and folder != docs:
            empty = _Entry(folder)
            empty._dir = True
            found.append(empty)
        for entry in entries:
            path = _Entry(entry.path)
            path._link = entry.is_symlink()
            path._dir = not path._link and entry.is_dir(follow_symlinks=False)
            if path._dir:
                stack.append(Path(entry.path))
            else:
                found.append(path)
    return sorted(found)


def publishable(docs: Path, path: Path) -> bool:
    """Whether the file at `path` (under docs/) is one the build would publish: allowed by the
    rules above, and no link on the way to it (its real place is where its name says)."""
    try:
        inside = path.resolve(strict=True) == docs.resolve() / path.relative_to(docs)
    except (OSError, ValueError):
        return False
    return inside and entry_problem(docs, path) is None


def _language_folders() -> str:
    return ", ".join(f"docs/{code}" for code in LANGUAGES)


def _rename_hint(folder: str, name: str, stem: str, suffix: str) -> str:
    better = (re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-") or "bilde") + suffix.lower()
    return (
        f"'{name}': the name must be in small letters, ending in {suffix.lower()}, as addresses are; "
        f"rename it with: git mv {folder}/{name} {folder}/{better} (and use the new name in the article)"
    )


def entry_problem(docs: Path, path: Path) -> str | None:
    if path.is_symlink():
        return "symbolic links are not allowed under docs/; put the file itself here"
    text, base = str(path), str(docs).rstrip(os.sep) + os.sep
    if not text.startswith(base) or text == base:  # by text, as Path.relative_to: thousands of files
        return f"content files must be in a language folder: {_language_folders()}"
    parts = text[len(base) :].rstrip(os.sep).split(os.sep)
    if len(parts) == 1:
        return (
            None
            if path.is_dir() and parts[0] in LANGUAGES
            else f"files of this kind may not be under docs/: {ALLOWED}, in a language folder ({_language_folders()})"
        )
    if parts[0] not in LANGUAGES:
        return f"content files must be in a language folder: {_language_folders()}"
    names = parts[1:]
    for index, name in enumerate(names):
        last = index == len(names) - 1 and not path.is_dir()
        suffix = _suffix(name) if last else ""
        stem = name[: -len(suffix)] if suffix else name
        if last and suffix.lower() in MARKDOWN_LIKE + (".svg", ".svgz") or last and suffix not in (".md", *IMAGE_TYPES):
            if suffix.lower() in (".svg", ".svgz"):
                return "SVG images are not allowed under docs/ (they can hold scripts); use PNG, JPEG, GIF or WebP"
            if suffix.lower() in (".md", *IMAGE_TYPES):  # a camera's "IMG_1.JPG": the ending in capitals
                return _rename_hint("docs/" + "/".join(parts[:-1]), name, stem, suffix)
            hint = "; rename it to .md" if suffix.lower() in MARKDOWN_LIKE else ""
            return f"files of this kind may not be under docs/: {ALLOWED}{hint}"
        if not SLUG.match(stem):
            return (
                f"'{name}': file and folder names may only use lower-case letters a–z, digits and '-' "
                "(like 'bytte-fastlege.md')"
            )
        if index == 0 and len(names) > 1 and stem in LANGUAGES:
            return f"the folder '{stem}' has the name of a language; topics need another name"
        if index == 0 and stem in BUILD_FOLDERS:
            return f"'{stem}' is written by the build ({stem}/); choose another name"
    return _image_problem(path) if _suffix(names[-1]) in IMAGE_TYPES else None


def _suffix(name: str) -> str:
    """Path(name).suffix, without making a path: '.md' of 'a.md'; '' of 'a', '.a' and 'a.'."""
    dot = name.rfind(".")
    return name[dot:] if 0 < dot < len(name) - 1 else ""


def _image_problem(path: Path) -> str | None:
    """An image whose first bytes are not those of its type."""
    kind, magics = IMAGE_TYPES[path.suffix]
    try:
        with open(path, "rb") as handle:
            head = handle.read(16)
    except OSError as exc:
        return f"cannot read the file: {exc.strerror}"
    if not head.startswith(magics) or (path.suffix == ".webp" and head[8:12] != b"WEBP"):
        return f"is not a {kind} image: its content does not match its name"
    return None


def _address(parts: tuple[str, ...]) -> str:
    """The address a page gets with directory URLs: lege/fastlege.md -> lege/fastlege/."""
    *folders, name = parts
    stem = name[:-3]
    return "/".join([*folders, *([] if stem == "index" else [stem])])


def _folder_collisions(
    root: Path, docs: Path, addresses: dict[tuple[str, str], str], entries: list[Path]
) -> list[Finding]:
    """An article x.md beside a folder x/: the folder's topic page (or its pages) take x/ too.
    The folders are read off the entries (every entry's parents, and empty folders), not asked
    of the disk one by one."""
    findings = []
    folders = _folders(docs, entries)
    for (lang, address), shown in sorted(addresses.items()):
        if address and (lang, address) in folders:
            folder = shown_path(root, docs / lang / address)
            findings.append(
                error(
                    shown,
                    1,
                    f"{shown} and the folder {folder}/ would be published at the same address ({address}/); "
                    "rename one of them",
                )
            )
    return findings


def _folders(docs: Path, entries: list[Path]) -> set[tuple[str, str]]:
    """(language, folder inside it) of every real folder under docs/<language>/ (a linked
    folder is an entry of its own, never a parent: the walk does not follow links)."""
    base = str(docs).rstrip(os.sep) + os.sep
    found: set[tuple[str, str]] = set()
    for path in entries:
        text = str(path)
        if not text.startswith(base):
            continue
        parts = text[len(base) :].split(os.sep)
        last = len(parts) if path.is_dir() and not path.is_symlink() else len(parts) - 1
        for end in range(2, last + 1):
            found.add((parts[0], "/".join(parts[1:end])))
    return found


def shown_path(root: Path, path: Path) -> str:
    """A path as findings show it: relative to the project when it is inside it (by text, as
    Path.relative_to does, without building paths: thousands of files)."""
    text, base = str(path), str(root).rstrip(os.sep)
    if text.startswith(base + os.sep):
        return text[len(base) + 1 :].replace(os.sep, "/")
    return text
