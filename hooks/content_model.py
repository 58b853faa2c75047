"""Validate every article of every language before anything is built.

Runs in ``on_pre_build``, before MkDocs cleans ``site_dir``: a build with invalid content stops
with every finding listed and leaves the previous site as it was. The corpus is cached by file
state, so the nn and en builds reuse the validation of the first build.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger

import _site

log = get_plugin_logger("helsesider")


@event_priority(100)
def on_pre_build(*, config: MkDocsConfig) -> None:
    corpus = _site.refresh(config)
    reported = _site.STATE.reported
    if id(corpus) not in reported:
        reported.clear()
        reported.add(id(corpus))
        for finding in corpus.warnings:
            log.warning(str(finding))
    if corpus.errors:
        for finding in corpus.errors:
            log.error(str(finding))
        count = len(corpus.errors)
        raise PluginError(f"{count} content error{'s' if count > 1 else ''}; nothing was built")
