"""Incremental builds (issue 33): ``make build`` keeps what it built in ``.cache/build/`` and builds
again only what the inputs it read have changed. ``make build CLEAN=1`` ignores the cache.

What is compared is content, never file times (a fresh clone, a CI runner with the cache
restored, a branch switched back and forth all give the same answer):

- **the inputs of every page** (``inputs_key``): the generator (this package, the project's
  hooks and templates, ``mkdocs.yml``, the pinned requirements and the npm lock), the data
  (``data/``, ``local/``), the settings in the environment (``HELSESIDER_*``), the MkDocs
  executable and the date (an article's review becomes due on a date). Any change there builds
  everything again;
- **a language** (``language_keys``): its ``docs/<lang>/`` files, which pages the other
  languages have (the language menu), the front-matter of the languages whose names its search
  index holds (``search.names_read``: Bokmål and Nynorsk pair their spellings, Sámi holds the
  Bokmål and English names), and for the default language, which writes the code lookup and the
  manifest of every language, every file and the git commit (the manifest's dates). A language
  whose key is unchanged is taken from the cache whole;
- **a page** (``page_digest``): its file (a generated page: the Markdown the corpus makes of it),
  and what the page shows of other articles: the menu's topics, its related articles, its
  breadcrumb trail, which languages have it, the articles it links to, its local additions (a
  page that is not an article: every article of the language as other pages show it). A page
  of a language built again whose digest is unchanged keeps its cached output; MkDocs' own
  ``--dirty`` mode skips it (``hooks/incremental.py`` tells MkDocs which pages changed instead
  of its file times). Everything written after the pages (search index, feed, API, sitemap) is
  made again on every build, from the cache's records of the pages not rendered.

``tests/test_incremental.py`` checks that the incremental output is byte-identical to a clean
build after random edits.

The cache of a language (``.cache/build/<lang>/``): ``state.json`` (the keys and each page's
digest), ``records.pickle`` (what the hooks keep of each rendered page: the article's HTML for
the feed, a local addition's HTML, the hashes of its inline scripts), ``readings.pickle`` (each
of its files as read, by a digest of its bytes: a language build reads every language's files,
and parses again only those whose bytes changed) and ``site/`` (the
language's output, hard links to the published files: nothing writes into a built file, every
build writes new files). ``helsesider/publish/build.py`` replaces a language's cache only when
the whole build succeeded.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
import pickle
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from helsesider import LANGUAGES, default_language
from helsesider.memo import Memo

FORMAT = 1
CACHE_ENV = "HELSESIDER_BUILD_CACHE"  # the previous build of this language (read)
CACHE_OUT_ENV = "HELSESIDER_BUILD_CACHE_OUT"  # where this build leaves its state (kept on success)
STATE_FILE = "state.json"
HASHES_FILE = "file-hashes.pickle"  # the built files' hashes, for the offline worker's version
RECORDS_FILE = "records.pickle"  # and what the build's memos kept (helsesider/memo.py)
READINGS_FILE = "readings.pickle"  # the language's files as read, by their content (content/corpus.py)
SITE = "site"
PACKAGE = Path(__file__).resolve().parent.parent
PROJECT = PACKAGE.parent
# settings in the environment that are not inputs of the pages
KEYS_ENV = "HELSESIDER_BUILD_KEYS"  # the inputs' key and the language's, from build.py
NOT_INPUTS = frozenset({CACHE_ENV, CACHE_OUT_ENV, KEYS_ENV, "HELSESIDER_PROGRESS"})


def _files(folder: Path) -> list[tuple[str, str]]:
    """(path from `folder` with "/", full path) of every file under `folder`, sorted: with
    ``os.walk`` and strings (thousands of articles: pathlib's objects cost twice the reading)."""
    found = []
    for directory, folders, names in os.walk(folder):
        folders[:] = [name for name in folders if name != "__pycache__"]
        rel = os.path.relpath(directory, folder).replace(os.sep, "/")
        prefix = "" if rel == "." else rel + "/"
        found += [(prefix + name, full) for name in names if os.path.isfile(full := os.path.join(directory, name))]
    return sorted(found)


def _add_files(digest, folder: Path, base: Path) -> None:
    prefix = folder.relative_to(base).as_posix() + "/"
    for rel, full in _files(folder):
        digest.update((prefix + rel).encode("utf-8") + b"\0")
        with open(full, "rb") as stream:
            digest.update(stream.read() + b"\0")


def inputs_key(root: Path, env: dict[str, str], mkdocs: str, today: dt.date | None = None) -> str:
    """What every page depends on (see the module's text)."""
    digest = hashlib.sha256(f"helsesider-build {FORMAT} {sys.version}\0".encode())
    _add_files(digest, PACKAGE, PROJECT)
    for name in ("hooks", "overrides", "data", "local"):
        _add_files(digest, root / name, root)
    for path in (root / "mkdocs.yml", PROJECT / "requirements.txt", PROJECT / "package-lock.json"):
        digest.update(path.read_bytes() if path.is_file() else b"-")
    settings = sorted((k, v) for k, v in env.items() if k.startswith("HELSESIDER_") and k not in NOT_INPUTS)
    digest.update(json.dumps([settings, str(Path(mkdocs).resolve()), (today or dt.date.today()).isoformat()]).encode())
    return digest.hexdigest()


def front_matter(data: bytes) -> bytes:
    """A Markdown file's front-matter block (all of it when it has none: safe either way)."""
    if data.startswith(b"---"):
        end = data.find(b"\n---", 3)
        if end != -1:
            return data[: end + 4]
    return data


def _git_commit(root: Path) -> str:
    try:
        done = subprocess.run(["git", "-C", str(root), "rev-parse", "HEAD"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout.strip() if done.returncode == 0 else ""


def language_keys(root: Path, inputs: str) -> dict[str, str]:
    """What each language's whole output depends on (see the module's text), reading every file
    of docs/ once."""
    from helsesider.search import names_read

    digests = {lang: hashlib.sha256(f"{inputs}\0{lang}\0".encode()) for lang in LANGUAGES}
    reads = {lang: names_read(root, lang) for lang in LANGUAGES}
    for rel, full in _files(root / "docs"):
        with open(full, "rb") as stream:
            data = stream.read()
        owner = rel.split("/", 1)[0]
        front = front_matter(data)
        for lang, digest in digests.items():
            # the default language writes the code lookup and the manifest of every language
            own = owner == lang or owner not in LANGUAGES or lang == default_language()
            seen = data if own else front if owner in reads[lang] else b""  # else only that it exists
            digest.update(rel.encode("utf-8") + b"\0" + seen + b"\0")
    digests[default_language()].update(_git_commit(root).encode())  # the manifest's dates
    return {lang: digest.hexdigest() for lang, digest in digests.items()}


def _fields(item) -> str:
    """An article's or addition's front-matter as the pages show it (everything but its text)."""
    return repr(dataclasses.replace(item, body=""))


def page_digest(corpus, lang: str, rel: str, source: bytes, others: str, kept: Memo | None = None) -> str:
    """What one page depends on besides the inputs of every page (see the module's text).
    `source`: the page's file (its bytes, or a digest of them); `others`: ``everything_digest``
    of the language, for a page that is not an article; `kept`: the related articles chosen by
    the previous build (``related_choices``)."""
    from helsesider.content.related import _indexes
    from helsesider.site.breadcrumbs import trail
    from helsesider.site.pages import page_in_languages

    digest = hashlib.sha256(source + b"\0")
    article = corpus.article(lang, rel)
    if article is None:  # the front page, the generated pages: whatever the language has
        digest.update(others.encode())
        digest.update(repr(sorted(page_in_languages(corpus, lang, rel).items())).encode("utf-8"))
        return digest.hexdigest()
    links = corpus.memo(("related", lang), lambda: _indexes(corpus, lang))["links"].get(rel, ())
    seen = [
        repr(corpus.topic_ids(lang)),  # the menu's topics
        *(_linked(corpus, lang, other) for other in related_choices(corpus, lang, kept).get(rel, ())),
        repr(trail(corpus, lang, rel, article.title)),
        repr(sorted(page_in_languages(corpus, lang, rel).items())),
        *(_linked(corpus, lang, target) for target in sorted(links)),
        *(_fields(addition) + addition.body for addition in corpus.additions(lang, rel)),
    ]
    digest.update("\0".join(seen).encode("utf-8"))
    return digest.hexdigest()


def related_choices(corpus, lang: str, kept: Memo | None = None) -> dict[str, tuple[str, ...]]:
    """Every article's related articles (their paths), once per corpus; `kept` has them by what
    they are chosen from (the language's articles as other pages show them, and the links
    between them), so a build in which neither changed does not choose them again."""
    from helsesider.content.related import _indexes, related

    def choose() -> dict[str, tuple[str, ...]]:
        return {rel: tuple(other.rel for other in related(corpus, lang, rel)) for rel in corpus.articles[lang]}

    def choices() -> dict[str, tuple[str, ...]]:
        links = corpus.memo(("related", lang), lambda: _indexes(corpus, lang))["links"]
        graph = repr(sorted((source, sorted(targets)) for source, targets in links.items()))
        key = f"{everything_digest(corpus, lang)} {hashlib.sha256(graph.encode('utf-8')).hexdigest()}"
        return kept.get(key, choose) if kept is not None else choose()

    return corpus.memo(("related choices", lang), choices)


def _linked(corpus, lang: str, target: str) -> str:
    found = corpus.article(lang, target)
    return _fields(found) if found is not None else f"missing {target}"


def everything_digest(corpus, lang: str) -> str:
    """Every article of the language as other pages may show it, and its topics (once per corpus)."""

    def make() -> str:
        digest = hashlib.sha256()
        for rel in sorted(corpus.articles.get(lang, {})):
            digest.update(_fields(corpus.articles[lang][rel]).encode("utf-8") + b"\0")
        digest.update(repr(corpus.topic_ids(lang)).encode("utf-8"))
        return digest.hexdigest()

    return corpus.memo(("everything digest", lang), make)


@dataclasses.dataclass
class PageCache:
    """One language's previous build, as the hooks see it: which page had which digest, the
    records of its rendered pages, and its output."""

    folder: Path | None
    digests: dict[str, str] = dataclasses.field(default_factory=dict)  # src_uri -> digest
    outputs: dict[str, str] = dataclasses.field(default_factory=dict)  # src_uri -> its output file
    records: dict[str, dict] = dataclasses.field(default_factory=dict)  # src_uri -> what the hooks kept
    memos: dict[str, dict] = dataclasses.field(default_factory=dict)  # name -> a memo's results
    made: set[Path] = dataclasses.field(default_factory=set)  # the folders made for linked pages

    @classmethod
    def load(cls, folder: Path | None, key: str) -> PageCache:
        """The cache in `folder` when it was made with the same inputs `key`; else an empty one."""
        if folder is None:
            return cls(None)
        try:
            state = json.loads((folder / STATE_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls(None)
        if state.get("format") != FORMAT or state.get("inputs") != key:
            return cls(None)
        kept = _unpickled(folder / RECORDS_FILE)
        if not (isinstance(kept, tuple) and len(kept) == 2):
            return cls(None)  # unreadable, or made by other code: a full build
        return cls(folder, state["digests"], state["outputs"], *kept)

    def unchanged(self, src_uri: str, digest: str, site_dir: Path) -> bool:
        """Whether the page can be taken from the cache: the same digest, its record and its
        output kept; the output is linked into `site_dir` (the build in progress)."""
        if self.folder is None or self.digests.get(src_uri) != digest or src_uri not in self.records:
            return False
        output = self.outputs.get(src_uri)
        if not output or output.startswith("/") or ".." in Path(output).parts:
            return False  # never outside the site folders
        cached = self.folder / SITE / output
        if not cached.is_file():
            return False
        target = site_dir / output
        if target.parent not in self.made:
            target.parent.mkdir(parents=True, exist_ok=True)
            self.made.add(target.parent)
        if target.exists():
            target.unlink()
        _link(str(cached), str(target))
        return True


def save_state(folder: Path, key: str, lang_key: str, digests: dict[str, str], outputs: dict[str, str],
               records: dict[str, dict], memos: dict[str, dict], readings: dict | None = None) -> None:  # fmt: skip
    """What a language's build leaves for build.py, which keeps it when the whole build succeeds;
    `readings`: its own files' readings (content/corpus.py's ``readings``)."""
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / RECORDS_FILE).open("wb") as stream:
        pickle.dump((records, memos), stream, protocol=pickle.HIGHEST_PROTOCOL)
    with (folder / READINGS_FILE).open("wb") as stream:
        pickle.dump((FORMAT, key, readings or {}), stream, protocol=pickle.HIGHEST_PROTOCOL)
    state = {"format": FORMAT, "inputs": key, "language": lang_key, "digests": digests, "outputs": outputs}
    (folder / STATE_FILE).write_text(json.dumps(state, sort_keys=True), encoding="utf-8")


def kept_readings(folder: Path | None, key: str) -> dict:
    """The readings of every language's files kept in the cache (`folder`: one language's
    folder; the others are beside it) that were made with the same inputs `key`: a language
    build reads the other languages' front-matter too."""
    found: dict = {}
    if folder is None:
        return found
    for lang in LANGUAGES:
        kept = _unpickled(folder.parent / lang / READINGS_FILE)  # None: those files are read
        if isinstance(kept, tuple) and len(kept) == 3 and kept[:2] == (FORMAT, key) and isinstance(kept[2], dict):
            found.update(kept[2])
    return found


def language_unchanged(folder: Path, lang_key: str) -> bool:
    """Whether the cached build of a language was made from the same inputs (build.py then
    takes it whole)."""
    try:
        state = json.loads((folder / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return state.get("format") == FORMAT and state.get("language") == lang_key and (folder / SITE).is_dir()


def link_tree(source: Path, target: Path) -> None:
    """A copy of `source` at `target` made of hard links (the files are never written in place)."""
    shutil.copytree(source, target, copy_function=_link)


def sync_links(source: Path, target: Path) -> None:
    """Make `target` a tree of hard links to exactly the files of `source`, changing only what
    differs: a name already linked to the same file is left as it is, another is replaced by a
    link, and what `source` no longer has is removed. A language's cache is brought up to date
    this way after a build (its output: about 10,000 files for 2,000 articles, of which a
    one-article change gives a few new ones) instead of being linked again whole."""
    for folder, folders, names in os.walk(source):
        rel = os.path.relpath(folder, source)
        there = str(target) if rel == "." else os.path.join(target, rel)
        if not os.path.isdir(there) or os.path.islink(there):
            _remove(there)
            os.mkdir(there)
        for name in set(os.listdir(there)) - set(names) - set(folders):
            _remove(os.path.join(there, name))
        for name in names:
            built, kept = os.path.join(folder, name), os.path.join(there, name)
            if os.path.lexists(kept):
                if os.path.samefile(built, kept):
                    continue
                _remove(kept)
            _link(built, kept)


def _remove(path: str) -> None:
    if os.path.isdir(path) and not os.path.islink(path):
        shutil.rmtree(path)
    elif os.path.lexists(path):
        os.unlink(path)


def write_or_link(target: Path, data: bytes, site_dir: Path, kept: Path | None) -> None:
    """Write a file that a language's build makes after its pages (the feed, the content API,
    the search index) at `target` in `site_dir`; with `kept` (an incremental build's previous
    output of the language), the file there at the same place is linked instead when its bytes
    are the same: no new file, and nothing for the cache to link again. A name already there is
    replaced, never written through (it may be a link into the cache)."""
    if target.is_file():
        target.unlink()
    else:
        target.parent.mkdir(parents=True, exist_ok=True)
    if kept is not None:
        previous = kept / target.relative_to(site_dir)
        try:
            if previous.stat().st_size == len(data) and previous.read_bytes() == data:
                _link(str(previous), str(target))
                return
        except (OSError, ValueError):
            pass
    target.write_bytes(data)


def _link(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:  # another file system
        shutil.copy2(source, target)


def trash_folder(cache: Path) -> Path:
    """Where a build with a cache leaves what it replaced (the previous ``site/``, a language's
    previous cache) for the next build to delete while its languages build: deleting the
    20,000 files of a 3 x 2,000 site takes about 1.5 s that would otherwise come after
    everything else (``.cache/build-trash/``, beside the cache and not saved with it)."""
    return cache.with_name(cache.name + "-trash")


def discard(path: Path, cache: Path | None) -> None:
    """Remove `path`: with a cache, moved to its trash (``empty_trash``); without one, or when
    it cannot be moved (another file system), removed now."""
    if not path.exists():
        return
    if cache is not None:
        try:
            trash = trash_folder(cache)
            trash.mkdir(parents=True, exist_ok=True)
            path.rename(Path(tempfile.mkdtemp(dir=trash)) / path.name)
            return
        except OSError:
            pass
    shutil.rmtree(path, ignore_errors=True)


def lowest_priority() -> None:
    """Give the calling thread the lowest CPU priority (Linux: a thread's nice value is its own),
    so that what can wait does not slow the language builds; nothing where that cannot be done."""
    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)
    except (AttributeError, OSError):
        pass


def empty_trash(cache: Path) -> threading.Thread:
    """Delete what earlier builds left in the trash, in a thread (join it before the build
    ends); what is put in the trash after it started is left for the next build."""
    trash = trash_folder(cache)
    entries = sorted(trash.iterdir()) if trash.is_dir() else []

    def delete() -> None:
        lowest_priority()
        for entry in entries:
            shutil.rmtree(entry, ignore_errors=True)

    thread = threading.Thread(target=delete, name="empty-trash")
    thread.start()
    return thread


def known_hashes(cache: Path, clean: bool) -> dict:
    """The built files' hashes of the last build (helsesider/site/offline.py's ``version``)."""
    found = None if clean else _unpickled(cache / HASHES_FILE)
    return found if isinstance(found, dict) else {}


def _unpickled(path: Path) -> object:
    """What a pickle of the cache holds; None when it is missing, unreadable or made by other
    code (a class or module that is no longer there)."""
    try:
        with path.open("rb") as stream:
            return pickle.load(stream)
    except (OSError, ValueError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        return None


def keep_hashes(cache: Path, known: dict) -> None:
    cache.mkdir(parents=True, exist_ok=True)
    temporary = cache / (HASHES_FILE + ".tmp")
    with temporary.open("wb") as stream:
        pickle.dump(known, stream, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(temporary, cache / HASHES_FILE)
