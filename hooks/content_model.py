"""Validate every article of every language before anything is built.

Runs in ``on_pre_build``, before MkDocs cleans ``site_dir``: a build with invalid content stops
with every finding listed and leaves the previous site as it was. The corpus is cached by file
state, so the nn and en builds reuse the validation of the first build. While serving (``make
serve``), errors do not stop the build: hooks/preview.py shows them on the pages and keeps the
last good version of a page whose file has errors.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger

import _site
from helsesider.gate.messages import language as messages_language
from helsesider.gate.messages import say, translate

log = get_plugin_logger("helsesider")


def on_startup(*, command: str, dirty: bool) -> None:
    _site.STATE.serving = command == "serve"


@event_priority(100)
def on_pre_build(*, config: MkDocsConfig) -> None:
    corpus = _site.refresh(config)
    first = _site.STATE.reported is not corpus  # a corpus is reported once, however often it is built
    if first:
        _site.STATE.reported = corpus
        for finding in corpus.warnings:
            log.warning(say(finding, messages_language()))
    _site.STATE.errors = list(corpus.errors)
    if corpus.errors:
        count = len(corpus.errors)
        if first:
            for finding in corpus.errors:
                log.error(say(finding, messages_language()))
        if _site.STATE.serving:
            if first:
                log.error(
                    translate(
                        f"{count} content error(s): shown on the pages; the last good version is kept",
                        messages_language(),
                    )
                )
            return
        raise PluginError(translate(f"{count} content error(s); nothing was built", messages_language()))
