"""Check that mkdocs.yml's languages are the site's, and build one language on its own.

The check: the i18n plugin needs each language in mkdocs.yml; the site's own code reads them
from data/site.yml (``helsesider.locales``). A language in one list and not in the other stops
the build and says what to add.

One language on its own (``HELSESIDER_LANGUAGE=nn mkdocs build``): mkdocs-static-i18n's
``build_only_locale`` then builds that language at the root of the site folder;
``helsesider.publish.build`` puts it under ``nn/``. Canonical URLs must still say ``/nn/``, so
the site URL gets the language's folder. Priority -110: after the i18n plugin's ``on_config``
(-100), which resets the configuration for the language. The other languages' files are left
out before the plugin's ``on_files``.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

from helsesider import LANGUAGES, default_language, locales


def check_languages(config: MkDocsConfig) -> None:
    """Stop when mkdocs.yml's languages differ from data/site.yml's."""
    locales.use(Path(config.docs_dir).parent)
    i18n = config.plugins.get("i18n")
    configured = [lang.locale for lang in i18n.config.languages] if i18n else []
    if configured != list(LANGUAGES):
        raise PluginError(
            f"mkdocs.yml: the i18n plugin's languages ({', '.join(configured)}) must be the languages of "
            f"data/site.yml, in the same order ({', '.join(LANGUAGES)}); the first is the default. "
            "See the README, 'Adding a language'."
        )


@event_priority(-110)
def on_config(config: MkDocsConfig) -> MkDocsConfig | None:
    check_languages(config)
    i18n = config.plugins.get("i18n")
    only = i18n.config.build_only_locale if i18n else None
    if only and only != default_language() and config.site_url:
        base = config.site_url if config.site_url.endswith("/") else config.site_url + "/"
        if not base.endswith(f"/{only}/"):
            config.site_url = f"{base}{only}/"
    return config


@event_priority(-50)  # before the i18n plugin's on_files (-100)
def on_files(files: Files, /, *, config: MkDocsConfig) -> Files | None:
    """In a build of one language, the other languages' files are left out before the i18n
    plugin sorts every file by language: it would only set them aside (no fallbacks; the
    language menu and the hreflang alternates are the site's own, hooks/languages.py), and at
    3 x 2,000 articles sorting the 4,000 files of the others took a tenth of a one-article
    incremental build."""
    i18n = config.plugins.get("i18n")
    only = i18n.config.build_only_locale if i18n else None
    if not only:
        return files
    others = tuple(f"{lang}/" for lang in LANGUAGES if lang != only)
    return Files([file for file in files if not file.src_uri.startswith(others)])
