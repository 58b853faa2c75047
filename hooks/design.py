"""Add Designsystemet's stylesheet (``helsesider/site/design.py``) to every language's build as
``assets/stylesheets/hs-designsystemet.css`` (listed first in ``extra_css``)."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

from helsesider.site.design import STYLESHEET, DesignError, stylesheet


@event_priority(-150)  # after mkdocs-static-i18n's on_files (-100): generated files added earlier crash it
def on_files(files: Files, /, *, config: MkDocsConfig) -> Files | None:
    try:
        css = stylesheet()
    except DesignError as error:
        raise PluginError(str(error)) from None
    if files.get_file_from_path(STYLESHEET) is None:
        files.append(File.generated(config, STYLESHEET, content=css))
    return files
