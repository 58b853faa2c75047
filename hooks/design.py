"""The files pages load (``helsesider/site/design.py``): written once, by the default language's
build, at the site root's ``assets/`` with fingerprinted names; every language's pages link there
(``hooks/chrome.py``). The theme's own static files (Material's stylesheets, its script bundle,
its search worker and lunr, source maps, the project's sources under ``overrides/assets/``) are
left out of every language: no page loads them.

Priority -150: after mkdocs-static-i18n's on_files (-100); generated files added earlier crash it.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

import _site
from helsesider import default_language
from helsesider.site.design import DesignError, assets


@event_priority(-150)
def on_files(files: Files, /, *, config: MkDocsConfig) -> Files | None:
    docs = Path(config.docs_dir).resolve()
    inside = (str(Path(config.docs_dir).absolute()) + os.sep, str(docs) + os.sep)  # seen without resolving
    for file in list(files):
        source = file.abs_src_path
        if file.generated_by is not None or not source or source.startswith(inside):
            continue
        if not Path(source).resolve().is_relative_to(docs):
            files.remove(file)  # a static file of the theme (Material's or overrides/)
    try:  # in every language's build: its pages link the assets (one clear error, not a traceback)
        found = assets()
    except DesignError as error:
        raise PluginError(str(error)) from None
    if _site.language(config) != default_language():
        return files
    for asset in found.values():
        if files.get_file_from_path(asset.path) is None:
            files.append(File.generated(config, asset.path, content=asset.content))
    return files
