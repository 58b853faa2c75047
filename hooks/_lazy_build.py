"""The MkDocs side of the preview server (``make serve``; helsesider/publish/preview.py): one
language's site, built page by page when a page is asked for.

It runs MkDocs' own build steps (``mkdocs.commands.build.build``) in the same order and with the
same configuration, hooks and plugins as ``make build`` (``HELSESIDER_LANGUAGE=<lang>``), except
that no page is rendered until it is asked for: preparing the site (configuration, the corpus,
the files, the navigation, the theme's static files) takes seconds, rendering one page
milliseconds, and after a save only what is asked for again is rendered again. The search index
is written in a background thread. ``tests/test_partner_loop.py`` checks that a page built this
way is the same as the one ``make build`` writes.

MkDocs has no public API for building one page; ``_populate_page`` and ``_build_page`` are the
functions its ``build()`` calls for each page (the same in MkDocs 1.6.1 and ProperDocs 1.6.7).
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from pathlib import Path

from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.structure.files import set_exclusions
from mkdocs.structure.nav import get_navigation
from mkdocs.structure.pages import Page

sys.path.insert(0, str(Path(__file__).resolve().parent))  # _site, as MkDocs' hook loader makes it importable

import _site
from helsesider.gate.files import publishable


class LazyLanguageSite:
    """One language of the site at `root`, written into `site_dir` page by page."""

    def __init__(self, root: Path, lang: str, site_dir: Path) -> None:
        self.root, self.lang, self.site_dir = Path(root), lang, Path(site_dir)
        os.environ["HELSESIDER_LANGUAGE"] = lang
        os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
        logging.getLogger("mkdocs").setLevel(logging.ERROR)
        self.lock = threading.Lock()
        self.search_done = threading.Event()  # the search index holds the last save
        self._search_wanted = threading.Event()
        self._search_lock = threading.Lock()
        threading.Thread(target=self._search_worker, daemon=True).start()
        self.built: set[str] = set()
        self.generated_stale = False  # the generated pages' contents are from an older corpus
        self.prepare(first=True)

    def prepare(self, first: bool = False) -> None:
        """MkDocs' build() up to the pages: configuration, pre_build (the corpus), files,
        navigation, env, static files; the pages of the navigation are read for their titles."""
        with self.lock:
            self._prepare(first)
        self._index_again()

    def _prepare(self, first: bool) -> None:
        config = load_config(str(self.root / "mkdocs.yml"), site_dir=str(self.site_dir))
        docs = Path(config.docs_dir)
        if first:
            config.plugins.on_startup(command="serve", dirty=False)
        config = config.plugins.on_config(config)
        config.plugins.on_pre_build(config=config)
        files = mkdocs_build.get_files(config)
        env = config.theme.get_env()
        files.add_files_from_theme(env, config)
        files = config.plugins.on_files(files, config=config)
        for file in list(files):  # only what make build would publish: a branch may hold links and SVG
            if file.abs_src_path and file.abs_src_path.startswith(str(docs) + os.sep):
                if not publishable(docs, Path(file.abs_src_path)):
                    files.remove(file)
        set_exclusions(files, config)
        nav = get_navigation(files, config)
        nav = config.plugins.on_nav(nav, config=config, files=files)
        for page in nav.pages:  # their titles, for the navigation (rendered when asked for)
            page.read_source(config)
        env = config.plugins.on_env(env, config=config, files=files)
        files.copy_static_files(dirty=not first)
        for template in config.theme.static_templates:
            if template != "sitemap.xml":
                mkdocs_build._build_theme_template(template, env, files, config, nav)
        self.config, self.files, self.nav, self.env = config, files, nav, env
        self.by_url = {self._url_key(f.url): f for f in files.documentation_pages()}
        self.built, self.generated_stale = set(), False

    def refresh(self) -> bool:
        """After a save that only edited files of the language (none added or removed, nothing
        in data/, overrides/, hooks/ or mkdocs.yml changed): the corpus is read again (the
        changed files only) with MkDocs' on_pre_build, as a build does; the files, the
        navigation and the theme are kept, since they depend only on which pages exist, and the
        generated pages (A–Å, topics) get their new contents when one of them is asked for. When
        the corpus now has other pages (an article whose front-matter broke, a new topic) the
        language is prepared again from the start (False)."""
        with self.lock:
            before = self._shape()
            self.config.plugins.on_pre_build(config=self.config)
            kept = self._shape() == before
            if kept:
                for page in self.nav.pages:  # their titles (the generated ones' stay: registries did not change)
                    if not page.file.generated_by:
                        page.read_source(self.config)
                self.built, self.generated_stale = set(), True
            else:
                self._prepare(first=False)
        self._index_again()
        return kept

    def _generated_again(self) -> None:
        """The generated pages' contents from the current corpus (with the lock held)."""
        if self._hook("generated_pages").refresh_generated(self.files, self.config):
            self.generated_stale = False
        else:  # another set of generated pages: cannot happen while the registries are the same
            self._prepare(first=False)
            self._index_again()

    def _shape(self) -> tuple:
        """Which pages the corpus has in this language, and its topics."""
        corpus, lang = _site.corpus(self.config), self.lang
        items = (corpus.articles[lang], corpus.pages[lang], corpus.drafts[lang])
        return (*(frozenset(group) for group in items), tuple(corpus.topic_ids(lang)))

    def _hook(self, name: str):
        return next(plugin for key, plugin in self.config.plugins.items() if key.endswith(f"{name}.py"))

    @staticmethod
    def _url_key(url: str) -> str:
        key = url.strip("/").removesuffix("index.html").removesuffix(".html").strip("/")
        return "" if key == "." else key

    def page(self, path: str) -> Path | None:
        """The written file for `path` (inside this language's folder), built when it is a page
        not built since the last save; None when no page has that address."""
        with self.lock:
            file = self.by_url.get(self._url_key(path))
            if file is None:
                return None
            if file.generated_by and self.generated_stale:
                self._generated_again()
                file = self.by_url.get(self._url_key(path))
                if file is None:
                    return None
            if file.src_uri not in self.built:
                if file.page is None:
                    Page(None, file, self.config)
                assert file.page is not None
                mkdocs_build._populate_page(file.page, self.config, self.files)
                doc_files = self.files.documentation_pages()
                mkdocs_build._build_page(file.page, self.config, doc_files, self.nav, self.env)
                self.built.add(file.src_uri)
            return Path(file.abs_dest_path)

    def errors(self) -> list[str]:
        return [str(finding) for finding in _site.STATE.errors]

    def _index_again(self) -> None:
        with self._search_lock:
            self.search_done.clear()
            self._search_wanted.set()

    def _search_worker(self) -> None:
        """Writes the search index after each preparation, one build at a time; saves made while
        it builds are taken together in the next build (the builder keeps its last build, so a
        build after a save costs what the save changed)."""
        while True:
            self._search_wanted.wait()
            self._search_wanted.clear()
            with self.lock:
                config = self.config
            try:
                self._hook("search_index").on_post_build(config=config)
            except Exception as exc:  # a broken hook or data: the pages say so; search keeps its last index
                print(
                    f"preview: {self.lang}: the search index was not written: {type(exc).__name__}: {exc}",
                    file=sys.stderr,
                )
            with self._search_lock:
                if not self._search_wanted.is_set():
                    self.search_done.set()
