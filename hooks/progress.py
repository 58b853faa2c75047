"""The build's progress (``helsesider/publish/progress.py``): when ``make build`` asks for it
(``HELSESIDER_PROGRESS`` names a folder), the pages done of the total and the steps' times,
for its display. Nothing without it (``mkdocs build``, ``make serve``, the tests' fixture sites)."""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

import _site
from helsesider.publish.progress import ENV, Reporter

_reporter: Reporter | None = None


@event_priority(100)  # before every other hook: the reading starts here
def on_pre_build(*, config: MkDocsConfig) -> None:
    global _reporter
    folder = os.environ.get(ENV)
    _reporter = Reporter(Path(folder), _site.language(config)) if folder else None


@event_priority(-1000)  # after the pages added by the other hooks
def on_files(files: Files, /, *, config: MkDocsConfig) -> Files | None:
    if _reporter is not None:
        # the pages an incremental build takes from its cache (hooks/incremental.py, -900) are not built
        _reporter.pages(sum(1 for file in files.documentation_pages() if not getattr(file, "hs_cached", False)))
    return files


@event_priority(100)  # before hooks/search_index.py makes the index
def on_nav(nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation | None:
    if _reporter is not None:
        _reporter.step("search index")
    return nav


@event_priority(100)
def on_pre_page(page: Page, /, *, config: MkDocsConfig, files: Files) -> Page | None:
    if _reporter is not None and _reporter.phase != "pages":
        _reporter.step("pages")
    return page


@event_priority(-1000)
def on_post_page(output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
    if _reporter is not None:
        _reporter.page_done()
    return output


@event_priority(100)
def on_post_build(*, config: MkDocsConfig) -> None:
    if _reporter is not None:
        _reporter.step("after the pages")


@event_priority(-1000)
def on_shutdown() -> None:
    if _reporter is not None:
        _reporter.step("done")
