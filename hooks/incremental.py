"""An incremental build's MkDocs side (``helsesider/publish/incremental.py``): only when
``make build`` asks for it (``HELSESIDER_BUILD_CACHE_OUT`` names where this build leaves its
state; ``HELSESIDER_BUILD_CACHE`` the previous build of the language, when there is one and
``CLEAN=1`` was not given). Nothing without it (``mkdocs build``, ``make serve``, the kiosk).

- ``on_pre_build`` (200: before the corpus is read): the previous build of the language, and the
  readings of the files kept in the cache, so that a file whose bytes are unchanged is not
  parsed again (``content/corpus.py``); the memos of the feed's renderings, of the generated
  pages' Markdown (``hooks/generated_pages.py``) and of the related articles (the page digests).
- ``on_files`` (-900: after the generated pages, before the progress counts the pages): each
  page's digest; a page whose digest is the cached one gets its output linked from the cache and
  its records (its Markdown and parts for the feed, its inline scripts' hashes) put back in the
  state, with what the previous build's memos made (the feed's Markdown renderings, the search's
  documents and its index builder: made again only for what changed), and MkDocs' dirty mode
  (``mkdocs build --dirty``) skips it:
  ``File.is_modified`` answers from the digests instead of file times.
- ``on_post_page`` (-900): the records of each page rendered.
- ``on_post_build`` (-50: after the hooks that write files (0), before the i18n plugin's -100): the digests and records of every
  page and the readings of the language's files, for build.py to keep when the whole build succeeds.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

import _site
from helsesider.content.corpus import content_digest, keep_readings, readings
from helsesider.memo import Memo
from helsesider.publish.incremental import (
    CACHE_ENV,
    CACHE_OUT_ENV,
    KEYS_ENV,
    SITE,
    PageCache,
    everything_digest,
    kept_readings,
    page_digest,
    save_state,
)
from helsesider.search import kept_builder, reuse_builder
from helsesider.search.index import kept_documents, reuse_documents
from helsesider.site.local_view import addition_of_page


class _Session:
    def __init__(self, out: Path, inputs: str, language: str, previous: PageCache) -> None:
        self.out, self.inputs, self.language, self.previous = out, inputs, language, previous
        self.digests: dict[str, str] = {}
        self.outputs: dict[str, str] = {}
        self.records: dict[str, dict] = {}


_session: _Session | None = None


class _QuietDirty(logging.Filter):
    """MkDocs warns that a dirty build may have stale navigation: here every page whose inputs
    changed is built, which is what the warning is about."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build")


logging.getLogger("mkdocs.commands.build").addFilter(_QuietDirty())


def _answer(changed: bool):
    return lambda: changed


_previous: PageCache | None = None
# kept by what they are made of: the feed's renderings, the generated pages' Markdown, the
# related articles chosen for every article
MEMOS = ("feed", "generated", "related")


@event_priority(200)  # before hooks/content_model.py (100) reads the corpus
def on_pre_build(*, config: MkDocsConfig) -> None:
    global _previous
    if not os.environ.get(CACHE_OUT_ENV):
        _previous = None
        for name in MEMOS:
            _site.STATE.memos.pop(name, None)
        return
    inputs = os.environ.get(KEYS_ENV, "").partition(":")[0]
    folder = Path(os.environ[CACHE_ENV]) if os.environ.get(CACHE_ENV) else None
    keep_readings(kept_readings(folder, inputs))
    _previous = PageCache.load(folder, inputs)
    for name in MEMOS:
        _site.STATE.memos[name] = Memo(_previous.memos.get(name))


@event_priority(-900)
def on_files(files: Files, /, *, config: MkDocsConfig) -> Files | None:
    global _session
    out = os.environ.get(CACHE_OUT_ENV)
    if not out or _previous is None:
        _session = None
        _site.STATE.incremental, _site.STATE.kept_output = False, None
        return files
    inputs, _, language = os.environ.get(KEYS_ENV, "").partition(":")
    previous = _previous
    _session = session = _Session(Path(out), inputs, language, previous)
    corpus = _site.corpus(config)
    lang = _site.language(config)
    reuse_documents(previous.memos.get("search", {}))
    reuse_builder(corpus, previous.memos.get("search-index"))
    _site.STATE.incremental = True
    _site.STATE.kept_output = previous.folder / SITE if previous.folder is not None else None
    _keep_unchanged(files, corpus, lang, session, Path(config.site_dir))
    return files


def _keep_unchanged(files: Files, corpus, lang: str, session: _Session, site_dir: Path) -> None:
    """Every page whose digest is the cached one: its output linked from the cache, its records
    put back, and MkDocs told to skip it. The generated pages (topics, A–Å, providers, services,
    local additions) too, by the Markdown the corpus makes of them this time."""
    others = everything_digest(corpus, lang)
    for file in files.documentation_pages():
        if file.generated_by:
            source = file.content_bytes
        elif file.abs_src_path is not None:
            source = content_digest(file.abs_src_path)  # the file as read for the corpus
        else:
            continue
        page_lang, _, rel = file.src_uri.partition("/")
        digest = page_digest(corpus, page_lang, rel, source, others, _site.STATE.memos.get("related"))
        session.digests[file.src_uri] = digest
        session.outputs[file.src_uri] = file.dest_uri
        kept = session.previous.unchanged(file.src_uri, digest, site_dir)
        file.is_modified = _answer(not kept)  # type: ignore[method-assign]
        if kept:
            file.hs_cached = True  # type: ignore[attr-defined]
            _restore(session.previous.records[file.src_uri], file, lang)


def _restore(record: dict, file: File, lang: str) -> None:
    """Put back what the hooks kept of a page taken from the cache."""
    rel = file.src_uri.partition("/")[2]
    if record.get("feed") is not None:
        _site.STATE.feed_parts.setdefault(lang, {})[rel] = record["feed"]
    if record.get("local") is not None:
        addition_rel, region, html = record["local"]
        _site.STATE.local_html.setdefault(lang, {})[(addition_rel, region)] = html
    _site.STATE.page_scripts[file.src_uri] = frozenset(record.get("scripts", ()))


@event_priority(-900)
def on_post_page(output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
    if _session is None or page.file.src_uri not in _session.digests:
        return output
    lang, rel = _site.lang_and_rel(page)
    addition = addition_of_page(_site.corpus(config), lang, rel) if page.file.generated_by else None
    local = _site.STATE.local_html.get(lang, {}).get((addition.rel, addition.region)) if addition else None
    _session.records[page.file.src_uri] = {
        "feed": _site.STATE.feed_parts.get(lang, {}).get(rel),
        "local": (addition.rel, addition.region, local) if addition and local is not None else None,
        "scripts": sorted(_site.STATE.page_scripts.get(page.file.src_uri, ())),
    }
    return output


@event_priority(-50)
def on_post_build(*, config: MkDocsConfig) -> None:
    if _session is None:
        return
    records = {
        src: _session.records.get(src) or _session.previous.records[src]
        for src in _session.digests
        if src in _session.records or src in _session.previous.records
    }
    lang = _site.language(config)
    memos = {
        **{name: _site.STATE.memos.pop(name).used for name in MEMOS},
        "search": kept_documents(lang),
        "search-index": kept_builder(_site.corpus(config), lang, config.use_directory_urls) or {},
    }
    own = str(_site.corpus(config).root / "docs" / lang) + os.sep
    mine = {path: reading for path, reading in readings().items() if path.startswith(own)}
    save_state(
        _session.out, _session.inputs, _session.language, _session.digests, _session.outputs, records, memos, mine
    )
