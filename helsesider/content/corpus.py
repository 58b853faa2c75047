"""The corpus: every article and page of every language, validated together.

``load_corpus`` is what a build, the check and the tests call. It reads each file once and keeps
the result while no file has changed, so three language builds (and ``mkdocs serve`` rebuilds)
validate the content once.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import re
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from helsesider import LANGUAGES, locales
from helsesider.content.frontmatter import MAX_BYTES, body_of
from helsesider.content.local import Local, load_local, local_files
from helsesider.content.model import Addition, Article, Page, file_bytes, read_article
from helsesider.content.registry import (
    Provider,
    Redirect,
    Service,
    Topic,
    load_providers,
    load_redirects,
    load_services,
    load_synonyms,
    load_topics,
)
from helsesider.gate.checks import check_additions, check_bodies
from helsesider.gate.files import check_tree, shown_path
from helsesider.gate.findings import Finding, error, warning
from helsesider.gate.html_policy import host_of
from helsesider.settings import SITE_FILE, Settings, load_with_problems, setting_line
from helsesider.site.routes import generated_rels


@dataclass(frozen=True)
class Draft:
    """The body of a file whose front-matter has errors."""

    path: str
    lang: str
    rel: str
    body: str
    body_line: int
    provider: str | None = None  # as written, when its line can be read: its site is allowed in the body


# 'provider: id' on a line of its own, read without YAML (the front-matter may not parse)
_PROVIDER_LINE = re.compile(rb"^provider:[ \t]*['\"]?([a-z0-9]+(?:-[a-z0-9]+)*)['\"]?[ \t]*\r?$", re.M)


@dataclass
class Corpus:
    root: Path
    providers: dict[str, Provider]
    topics: dict[str, Topic] = field(default_factory=dict)
    synonyms: dict[str, list[list[str]]] = field(default_factory=dict)
    services: dict[str, Service] = field(default_factory=dict)
    redirects: list[Redirect] = field(default_factory=list)
    settings: Settings = field(default_factory=Settings)
    articles: dict[str, dict[str, Article]] = field(default_factory=lambda: {lang: {} for lang in LANGUAGES})
    pages: dict[str, dict[str, Page]] = field(default_factory=lambda: {lang: {} for lang in LANGUAGES})
    # files whose front-matter has errors: their bodies are still checked
    drafts: dict[str, dict[str, Draft]] = field(default_factory=lambda: {lang: {} for lang in LANGUAGES})
    findings: list[Finding] = field(default_factory=list)
    # languages whose files were only listed, not read: lang -> paths inside the language folder
    listed: dict[str, frozenset[str]] = field(default_factory=dict)
    # the regions of data/regions.yml and the local additions under local/ (content/local.py)
    local: Local = field(default_factory=Local)
    _memo: dict = field(default_factory=dict, repr=False)

    def memo(self, key, compute):
        """A value derived from the corpus, computed once (the corpus does not change)."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.is_error]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if not f.is_error]

    def article(self, lang: str, rel: str) -> Article | None:
        return self.articles[lang].get(rel)

    def partner_content(self, lang: str, rel: str) -> Article | Page | None:
        """The article or front page a partner wrote at `rel` (None for pages the build makes)."""
        return self.articles.get(lang, {}).get(rel) or self.pages.get(lang, {}).get(rel)

    def additions(self, lang: str, rel: str) -> list[Addition]:
        """The local additions to the article at `rel` in `lang`, by region name."""
        return self.local.for_article(lang, rel)

    def translations(self, rel: str) -> dict[str, Article]:
        """The article at `rel` in every language it exists in."""
        return {lang: self.articles[lang][rel] for lang in LANGUAGES if rel in self.articles[lang]}

    def settings_for(self, item: Article | Page | Addition | None) -> Settings:
        """The settings an item's links are checked with: its provider's own site is allowed in
        the provider's articles (no edit of external_hosts in data/site.yml)."""
        provider = self.providers.get(getattr(item, "provider", "") or "")
        return self.settings.with_hosts(host_of(provider.url) or "") if provider else self.settings

    def settings_for_generated(self) -> Settings:
        """The settings of pages the build makes, which link to every provider's site (made once:
        every generated page asks)."""
        return self.memo(
            "generated settings",
            lambda: self.settings.with_hosts(*(host_of(p.url) or "" for p in self.providers.values())),
        )

    def by_provider(self, lang: str, provider: str) -> list[Article]:
        return [a for a in self.articles[lang].values() if a.provider == provider]

    def topic_ids(self, lang: str) -> list[str]:
        """The topics that have at least one article in `lang`."""
        if lang in self.listed:
            return sorted({rel.split("/", 1)[0] for rel in self.listed[lang] if "/" in rel})
        return self.memo(("topics", lang), lambda: sorted({a.topic for a in self.articles[lang].values() if a.topic}))

    def by_topic(self, lang: str, topic: str) -> list[Article]:
        return [a for a in self.articles[lang].values() if a.topic == topic]

    def topic_title(self, topic: str, lang: str) -> str:
        entry = self.topics.get(topic)
        return entry.title_in(lang) if entry else topic.replace("-", " ").capitalize()

    def topic_description(self, topic: str, lang: str) -> str:
        entry = self.topics.get(topic)
        return entry.description_in(lang) if entry else ""


def markdown_files(docs_dir: Path) -> list[Path]:
    """Every Markdown file under docs_dir, in a stable order (folders by name, then their files;
    symbolic links left out: content_files refuses them)."""
    return [docs_dir / rel for rel in markdown_rels(docs_dir)]


def markdown_rels(folder: Path | str, prefix: str = "") -> list[str]:
    """The paths inside `folder` of ``markdown_files(folder)`` ('lege/fastlege.md'): from one
    listing per folder and no call per file, since a server lists thousands after every save."""
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda e: e.name)
    except OSError:
        return []
    found = [prefix + e.name for e in entries if e.name.endswith(".md") and not e.is_symlink() and e.is_file()]
    for entry in entries:
        if not entry.name.startswith(".") and not entry.is_symlink() and entry.is_dir():
            found += markdown_rels(entry.path, prefix + entry.name + "/")
    return found


def _snapshot(paths: list[Path], extra: list[Path]) -> tuple:
    stats = []
    for path in [*paths, *extra]:
        try:
            st = path.stat()
            stats.append((str(path), st.st_mtime_ns, st.st_size))
        except OSError:
            stats.append((str(path), -1, -1))
    return tuple(stats)


_cache: dict[tuple, Corpus] = {}


REGISTRIES = ("providers.yml", "topics.yml", "synonyms.yml", "services.yml", "redirects.yml")  # in root/data


@dataclass(frozen=True)
class Focus:
    """The files a pull request changes (and removes), as shown paths: docs/nb/lege/fastlege.md."""

    changed: frozenset[str]
    removed: frozenset[str] = frozenset()

    def paths(self, corpus: Corpus) -> frozenset[str]:
        """The changed files, and every file whose text names a changed or removed file (it may
        link to it): a link into an article that was renamed or removed is found."""
        names = {path.rsplit("/", 1)[-1] for path in self.changed | self.removed}
        found = set(self.changed)
        for lang in LANGUAGES:
            items: list[Article | Page | Draft] = [*corpus.articles[lang].values(), *corpus.pages[lang].values()]
            for item in [*items, *corpus.drafts[lang].values()]:
                if item.path not in found and any(name in item.body for name in names):
                    found.add(item.path)
        return frozenset(found)


def load_corpus(  # long: seven documented options; the body itself is short
    root: Path,
    settings: Settings,
    only: list[Path] | None = None,
    languages: tuple[str, ...] | None = None,
    readability: bool = True,
    rendered: bool = True,
    focus: Focus | None = None,
    jobs: int = 1,
) -> Corpus:
    """Validate the content under root/docs against the registries in root/data.

    `readability=False` leaves out the LIX warnings (the builds do; ``make check`` and the report
    compute them). `rendered=False` leaves out rendering each body to check what the renderer
    makes of it: a build checks MkDocs' own rendering instead (hooks/content_safety.py). With
    `only`, just those files are validated (the rest of the corpus is not read). With
    `languages`, only those languages are read; the files of the others are only listed (a
    build of one language needs to know which pages exist in the others, not what they say).
    With `focus` (a pull request's changed and removed files), every file is read, but only
    the changed ones and those that may link to a changed or removed one have their bodies
    checked; cross-article checks (translations, aliases, redirects) stay complete. `jobs` > 1
    reads the files in that many processes (``make check``; the result is the same).
    """
    root = Path(root).resolve()
    docs_dir = root / "docs"
    paths, listed = _to_read(docs_dir, only, languages)
    extra = [root / "data" / name for name in (*REGISTRIES, "regions.yml")]
    state = _snapshot(paths, extra + (local_files(root, languages) if only is None else []))
    key = (str(root), settings, readability, rendered, focus, tuple(sorted(listed.items())), state)
    if key in _cache:
        return _cache[key]
    corpus = _with_registries(root, settings, listed)
    tree = lambda: check_tree(root, only=paths if only is not None else None)  # noqa: E731
    corpus.findings += _read_all(corpus, docs_dir, paths, settings, jobs, meanwhile=tree)
    _check_topics(corpus)
    if only is None:
        _read_local(corpus, languages)
    bodies = focus.paths(corpus) if focus is not None else None
    corpus.findings += check_bodies(
        corpus, settings, generated_paths(corpus), readability=readability, rendered=rendered, only=bodies
    )
    corpus.findings.sort()
    _cache.clear()
    _cache[key] = corpus
    return corpus


def _read_local(corpus: Corpus, languages: tuple[str, ...] | None) -> None:
    """The regions and the local additions of the languages read, checked like articles."""
    known = {lang: corpus.listed.get(lang) or corpus.articles[lang] for lang in LANGUAGES}
    corpus.local = load_local(corpus.root, known, corpus.providers, corpus.settings, languages)
    corpus.findings += corpus.local.findings
    chosen = corpus.settings.kiosk_region
    if chosen is not None and corpus.local.regions.get(chosen, None) is None:
        corpus.findings.append(
            error(
                SITE_FILE,
                setting_line(corpus.root, "kiosk_region"),
                f"kiosk_region: '{chosen}' is not a region of data/regions.yml",
            )
        )
    elif chosen is not None and corpus.local.regions[chosen].kind != "municipality":
        corpus.findings.append(
            error(
                SITE_FILE,
                setting_line(corpus.root, "kiosk_region"),
                f"kiosk_region: '{chosen}' is a health trust; choose a municipality it covers",
            )
        )
    corpus.findings += check_additions(corpus, corpus.local.additions, generated_paths(corpus))


def generated_paths(corpus: Corpus) -> Callable[[str], set[str]]:
    """The paths the build writes in a language (memoised per corpus)."""

    def generated(lang: str) -> set[str]:
        return corpus.memo(
            ("generated", lang),
            lambda: generated_rels(
                lang, corpus.providers, corpus.topic_ids(lang), corpus.services, corpus.local.placed(lang)
            ),
        )

    return generated


def _to_read(
    docs_dir: Path, only: list[Path] | None, languages: tuple[str, ...] | None
) -> tuple[list[Path], dict[str, frozenset[str]]]:
    """The files to read, and for the languages not read, the paths of their files."""
    if only is not None:
        return [Path(p).resolve() for p in only], {}
    if languages is None:
        return markdown_files(docs_dir), {}
    listed = {lang: frozenset(markdown_rels(docs_dir / lang)) for lang in LANGUAGES if lang not in languages}
    return [p for lang in languages for p in markdown_files(docs_dir / lang)], listed


_registries: dict[tuple, Corpus] = {}  # the last registries read, by their files' state and the settings


def _with_registries(root: Path, settings: Settings, listed: dict[str, frozenset[str]]) -> Corpus:
    """An empty corpus with the registries of root/data and what is wrong with them (read again
    only when a file of data/ or the settings changed: serving and tests read them often)."""
    key = (str(root), settings, _snapshot([], [root / "data" / name for name in (*REGISTRIES, "site.yml")]))
    if key not in _registries:
        _registries.clear()
        _registries[key] = _read_registries(root, settings)
    cached = _registries[key]
    return Corpus(
        root=root,
        providers=cached.providers,
        topics=cached.topics,
        synonyms=cached.synonyms,
        services=cached.services,
        redirects=list(cached.redirects),
        settings=settings,
        findings=list(cached.findings),
        listed=listed,
    )


def _read_registries(root: Path, settings: Settings) -> Corpus:
    data = root / "data"
    providers, findings = load_providers(data / "providers.yml", _display(root, data / "providers.yml"))
    topics, topic_findings = load_topics(data / "topics.yml", _display(root, data / "topics.yml"))
    synonyms, synonym_findings = load_synonyms(data / "synonyms.yml", _display(root, data / "synonyms.yml"))
    services, service_findings = load_services(data / "services.yml", _display(root, data / "services.yml"))
    corpus = Corpus(
        root=root,
        providers=providers,
        topics=topics,
        synonyms=synonyms,
        services=services,
        settings=settings,
        findings=list(findings) + topic_findings + synonym_findings + service_findings,
    )
    corpus.redirects, redirect_findings = load_redirects(data / "redirects.yml", _display(root, data / "redirects.yml"))
    corpus.findings += redirect_findings + _check_settings(root, settings, services, bool(service_findings))
    return corpus


def _check_settings(
    root: Path, settings: Settings, services: dict[str, Service], services_broken: bool
) -> list[Finding]:
    """data/site.yml: its own problems (types, unknown keys), and front services that are not services."""
    findings = list(load_with_problems(root, settings.today)[1])
    if not services_broken:
        line = setting_line(root, "front_services")
        findings += [
            error(SITE_FILE, line, f"front_services: unknown service '{sid}' (see data/services.yml)")
            for sid in settings.front_services
            if sid not in services
        ]
    line = setting_line(root, "front_articles")
    findings += [
        error(SITE_FILE, line, f"front_articles: docs/{locales.default_language()}/{rel} is not an article")
        for rel in settings.front_articles
        if not (root / "docs" / locales.default_language() / rel).is_file()
    ]
    return findings


def _display(root: Path, path: Path) -> str:
    return shown_path(root, path)


PARALLEL_FROM = 1000  # files: fewer are read in this process (starting workers costs more)


def _read_all(
    corpus: Corpus, docs_dir: Path, paths: list[Path], settings: Settings, jobs: int, meanwhile: Callable[[], list]
) -> list:
    """Read every file into the corpus, in `jobs` processes when there are many (the articles
    keep the order of `paths` either way); returns what `meanwhile()` returns, which runs in this
    process while the others read."""
    if jobs < 2 or len(paths) < PARALLEL_FROM:
        for path in paths:
            _read_one(corpus, docs_dir, path, settings)
        return meanwhile()
    size = -(-len(paths) // jobs)
    chunks = [paths[start : start + size] for start in range(0, len(paths), size)]
    empty = Corpus(root=corpus.root, providers=corpus.providers, settings=settings)
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        reading = pool.map(_read_chunk, [(empty, docs_dir, chunk, settings) for chunk in chunks])
        found = meanwhile()
        parts = list(reading)
    for part in parts:
        corpus.findings += part.findings
        for lang in LANGUAGES:
            corpus.articles[lang].update(part.articles[lang])
            corpus.pages[lang].update(part.pages[lang])
            corpus.drafts[lang].update(part.drafts[lang])
    return found


def _read_chunk(args: tuple[Corpus, Path, list[Path], Settings]) -> Corpus:
    corpus, docs_dir, chunk, settings = args
    for path in chunk:
        _read_one(corpus, docs_dir, path, settings)
    return corpus


# The last reading of each file: (its state and the settings it was read with, the providers it
# was checked against, what it added to the corpus). A server that reads the corpus again after a save re-reads only the
# files that changed.
_read_cache: dict[str, tuple[tuple, object, Corpus]] = {}


# Readings kept by the files' content between processes (an incremental build: hooks/incremental.py
# hands over the previous build's, helsesider/publish/incremental.py keeps them): path -> (a
# digest of the file's bytes, what reading it added). None: files are read as they are (the
# check, the preview, a build without a cache).
_by_content: dict[str, tuple[bytes, tuple]] | None = None
_read_now: dict[str, tuple[bytes, tuple]] = {}


def keep_readings(previous: dict[str, tuple[bytes, tuple]] | None) -> None:
    """From here on, a file whose bytes are those of its reading in `previous` is not read again
    (the caller vouches that the code, the data and the settings are the ones it was read with);
    None: stop. ``readings()`` gives what this process read or reused."""
    global _by_content
    _by_content = dict(previous) if previous is not None else None
    _read_now.clear()
    _read_cache.clear()
    _front_cache.clear()


def readings() -> dict[str, tuple[bytes, tuple]]:
    return dict(_read_now)


def content_digest(path: str) -> bytes:
    """A digest of a file's bytes: the one its reading was kept by, when this process read it
    so (no second read), else made now (b"" when it cannot be read)."""
    found = _read_now.get(path)
    if found is not None:
        return found[0]
    try:
        return _digest(Path(path).read_bytes())
    except OSError:
        return b""


def _digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


def _kept(cache: dict, corpus: Corpus, docs_dir: Path, path: Path, settings: Settings, make: Callable[[], Any]) -> Any:
    """What `make` makes of one file, kept in `cache` while the file (its time and size), the
    settings and the registries are the same."""
    try:
        st = path.stat()
        state: tuple = (st.st_mtime_ns, st.st_size, settings, str(docs_dir))
    except OSError:
        state = ()
    cached = cache.get(str(path))
    if not state or cached is None or cached[0] != state or cached[1] is not corpus.providers:
        cached = (state, corpus.providers, make())
        if state:
            cache[str(path)] = cached
    return cached[2]


def _read_one(corpus: Corpus, docs_dir: Path, path: Path, settings: Settings) -> None:
    def read() -> Corpus:
        alone = Corpus(root=corpus.root, providers=corpus.providers, settings=settings)
        _read_by_content(alone, docs_dir, path, settings)
        return alone

    _merge(corpus, _kept(_read_cache, corpus, docs_dir, path, settings, read))


def _read_by_content(alone: Corpus, docs_dir: Path, path: Path, settings: Settings) -> None:
    """Read one file into `alone`, or take its kept reading when its bytes are the same."""
    if _by_content is None:
        _read_uncached(alone, docs_dir, path, settings)
        return
    try:
        data = path.read_bytes()
    except OSError:
        _read_uncached(alone, docs_dir, path, settings)  # says why it cannot be read
        return
    digest = _digest(data)
    kept = _by_content.get(str(path))
    if kept is not None and kept[0] == digest:
        alone.findings, alone.articles, alone.pages, alone.drafts = kept[1]
    else:
        _read_uncached(alone, docs_dir, path, settings, data)  # the bytes just read, not read again
    _read_now[str(path)] = (digest, (alone.findings, alone.articles, alone.pages, alone.drafts))


def _merge(corpus: Corpus, part: Corpus) -> None:
    corpus.findings += part.findings
    for lang in part.articles:
        corpus.articles.setdefault(lang, {}).update(part.articles[lang])
        corpus.pages.setdefault(lang, {}).update(part.pages[lang])
        corpus.drafts.setdefault(lang, {}).update(part.drafts[lang])


def articles_of(corpus: Corpus, lang: str) -> dict[str, Article]:
    """The articles of `lang`, also when the corpus only listed that language (a build of one
    language that needs another's titles, as search does for Bokmål/Nynorsk spellings): read
    then, without checks across files, and without their bodies, which none of those readers
    needs (a build of Bokmål at 3 x 2,000 would otherwise hold two other languages' 4,000
    bodies to its end). Each file's reading is kept while the file is the same (``_front``)."""
    if lang not in corpus.listed:
        return corpus.articles.get(lang, {})

    def read() -> dict[str, Article]:
        docs = corpus.root / "docs"
        found = {}
        for rel in sorted(corpus.listed[lang]):
            article = _front(corpus, docs, docs / lang / rel)
            if article is not None:
                found[article.rel] = article
        return found

    return corpus.memo(("articles of", lang), read)


# path -> (the file's state, the registries it was read with, its article without its body)
_front_cache: dict[str, tuple[tuple, object, Article | None]] = {}


def _front(corpus: Corpus, docs_dir: Path, path: Path) -> Article | None:
    """The article of a file of a language the corpus only listed, without its body; kept as
    ``_read_one`` keeps a reading."""

    def read() -> Article | None:
        alone = Corpus(root=corpus.root, providers=corpus.providers, settings=corpus.settings)
        _read_by_content(alone, docs_dir, path, corpus.settings)
        articles = [article for found in alone.articles.values() for article in found.values()]
        return dataclasses.replace(articles[0], body="") if articles else None

    return _kept(_front_cache, corpus, docs_dir, path, corpus.settings, read)


def _read_uncached(corpus: Corpus, docs_dir: Path, path: Path, settings: Settings, data: bytes | None = None) -> None:
    shown = _display(corpus.root, path)
    inside = shown_path(docs_dir, path)
    parts = inside.split("/") if inside != str(path) else []
    if len(parts) < 2 or parts[0] not in LANGUAGES:
        folders = ", ".join(f"docs/{code}" for code in LANGUAGES)
        corpus.findings.append(error(shown, 1, f"content files must be in a language folder: {folders}"))
        return
    lang, rel = parts[0], "/".join(parts[1:])
    reserved = reserved_reason(rel)
    if reserved:
        corpus.findings.append(error(shown, 1, reserved))
        return
    data, unreadable = (data, []) if data is not None else file_bytes(path, shown)
    if data is None:
        corpus.findings += unreadable
        return
    item, findings = read_article(shown, data, lang, rel, corpus.providers, settings)
    corpus.findings += findings
    if item is None and len(data) <= MAX_BYTES:
        found = body_of(data)
        if found is not None:  # the body is checked all the same: one run tells everything
            head = data[: len(data) - len(found[0].encode("utf-8", "surrogateescape"))]
            provider = _PROVIDER_LINE.search(head)
            corpus.drafts[lang][rel] = Draft(
                shown, lang, rel, found[0], found[1], provider.group(1).decode() if provider else None
            )
    if isinstance(item, Article):
        corpus.articles[lang][rel] = item
    elif isinstance(item, Page):
        corpus.pages[lang][rel] = item


# Paths the build writes itself; an article may not take them (with every language's page paths,
# data/languages/<code>/language.yml: a folder reserved in one language is reserved in all).
RESERVED_FOLDERS = {"samarbeidspartnere", "assets", "search"}
RESERVED_PAGES = {"404.md", "sitemap.md"}


def _reserved() -> tuple[set[str], set[str]]:
    folders, pages = set(RESERVED_FOLDERS), set(RESERVED_PAGES)
    for code in LANGUAGES:
        paths = locales.get(code).paths
        folders.add(paths["services"])
        pages.update((paths["az"], paths["accessibility"], paths["lookup"]))
    return folders, pages


def reserved_reason(rel: str) -> str | None:
    """Why a content file may not live at `rel`, or None."""
    parts = rel.split("/")
    reserved_folders, reserved_pages = _reserved()
    if len(parts) > 1 and parts[-1] in ("index.md", "README.md"):
        return f"'{parts[-1]}' inside a folder is reserved for the generated topic page; give the article its own file name"
    if len(parts) == 1 and parts[0] == "README.md":
        return "'README.md' is not a page; the front page is 'index.md'"
    if parts[0] in reserved_folders and len(parts) > 1:
        return f"the folder '{parts[0]}' is written by the build; choose another folder"
    if len(parts) == 1 and parts[0] in reserved_pages:
        return f"'{parts[0]}' is written by the build; choose another file name"
    return None


def _check_topics(corpus: Corpus) -> None:
    """A topic folder without an entry in data/topics.yml works, with a made-up title: warn once."""
    first_article: dict[str, str] = {}
    for articles in corpus.articles.values():
        for article in articles.values():
            if article.topic and article.topic not in corpus.topics:
                first_article[article.topic] = min(first_article.get(article.topic, article.path), article.path)
    for topic, path in sorted(first_article.items()):
        title = topic.replace("-", " ").capitalize()
        corpus.findings.append(
            warning(path, 1, f"topic folder '{topic}' has no entry in data/topics.yml; its title will be '{title}'")
        )
