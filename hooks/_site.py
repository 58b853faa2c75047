"""What the hooks need to know about the build in progress. Imported by the hooks only
(MkDocs puts this folder on the path while it loads them); the logic lives in helsesider/."""

from __future__ import annotations

from pathlib import Path

from helsesider.corpus import Corpus, load_corpus
from helsesider.settings import Settings


def corpus(config) -> Corpus:
    """The validated content of the project that `config` builds (cached by file state)."""
    return load_corpus(Path(config.docs_dir).parent, Settings.from_extra(config.extra))


def language(config) -> str:
    """The language being built (mkdocs-static-i18n sets theme.language per language)."""
    return config.theme["language"]


def lang_and_rel(page) -> tuple[str, str]:
    """A page's language and its path inside the language folder: ('nn', 'lege/fastlege.md')."""
    lang, _, rel = page.file.src_uri.partition("/")
    return lang, rel
