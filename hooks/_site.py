"""What the hooks need to know about the build in progress. Imported by the hooks only
(MkDocs puts this folder on the path while it loads them); the logic lives in helsesider/."""

from __future__ import annotations

from pathlib import Path

from helsesider import DEFAULT_LANGUAGE
from helsesider.content.corpus import Corpus, load_corpus
from helsesider.settings import load as load_settings

_current: dict[str, Corpus] = {}


def refresh(config) -> Corpus:
    """Load the corpus at the start of a build (re-read only when a file changed); called from
    ``on_pre_build``, which runs before every language's build."""
    root = Path(config.docs_dir).parent
    i18n = config.plugins.get("i18n")
    only = i18n.config.build_only_locale if i18n else None
    # readability (LIX) is a warning for partners: `make check` and the report show it
    _current[config.docs_dir] = load_corpus(root, load_settings(root), languages=(only,) if only else None,
                                            readability=False, rendered=False)
    return _current[config.docs_dir]


def corpus(config) -> Corpus:
    """The corpus of the build in progress (page events run thousands of times: no file access)."""
    found = _current.get(config.docs_dir)
    return found if found is not None else refresh(config)


def language(config) -> str:
    """The language being built (mkdocs-static-i18n sets theme.language per language)."""
    return config.theme["language"]


def lang_and_rel(page) -> tuple[str, str]:
    """A page's language and its path inside the language folder: ('nn', 'lege/fastlege.md')."""
    lang, _, rel = page.file.src_uri.partition("/")
    return lang, rel


def output_folder(config, lang: str) -> str:
    """Where `lang` goes inside this build's site_dir: '' when this process builds it at the root
    (the default language, or the only one with HELSESIDER_LANGUAGE), else 'nn/'."""
    i18n = config.plugins.get("i18n")
    return "" if i18n is None or lang == i18n.default_language else f"{lang}/"


def root_site_url(config, lang: str) -> str:
    """The site URL of the whole site, also while a language other than the default is built
    (its builds have '<lang>/' added, by hooks/language_build.py or by the i18n plugin)."""
    url = config.site_url or ""
    url = url if url.endswith("/") else url + "/"
    return url[: -len(lang) - 1] if lang != DEFAULT_LANGUAGE and url.endswith(f"/{lang}/") else url
