"""The MkDocs adapter's one owner of state, and what the hooks need to know about the build in
progress. Imported by the hooks only (MkDocs puts this folder on the path while it loads them);
the logic lives in helsesider/, which imports no MkDocs.

The events, in the order MkDocs runs them for each language (mkdocs-static-i18n builds the
default language, then calls MkDocs' build() again for the others from its on_post_build; in
`make build` each language is its own process), with the hooks that use them and their
priorities (higher first):

  on_config         language_build (-110: after the i18n plugin's -100, which sets the
                    language's config) adds the language's folder to site_url
  on_pre_build      content_model (100) validates everything and stops the build on errors,
                    before site_dir is cleaned; deploy and feed (0) clear this language's state
  on_files          generated_pages and design (-150: after the i18n plugin sorted the files by
                    language at -100; generated files added earlier crash it) add the build-only
                    pages and Designsystemet's stylesheet; incremental (-900, after those; only in an incremental
                    make build) has the pages whose inputs did not change skipped
  on_nav            navigation (-150: after the i18n plugin found the homepage) replaces it
  on_env            chrome, services, search_index (0): Jinja globals and filters
  on_page_markdown  cross_language_links (0): links to another language's pages
  on_page_content   content_safety (100) checks the rendered HTML; care_cards (50) renders the
                    cards; services (0) turns service: links into hand-offs; feed (-100, after
                    those) makes each article's Markdown and parts for the API
  on_page_context   attribution, languages, navigation, chrome, services, search_index,
                    kiosk (0): what the templates show, in page.meta
  on_post_page      deploy (0) collects inline-script hashes; kiosk (0) turns off-site links
                    into QR codes; incremental (-900) keeps what the hooks kept of the page;
                    page_memory (-1100, last; not while serving) lets go of its Markdown, HTML
                    and hs_ meta
  on_post_template  deploy (0): the 404 page's scripts
  on_post_build     search_index, feed, redirects, deploy (0) write the language's index, feed,
                    redirect pages and CSP hashes; incremental (-50) leaves its cache's state
                    — before the i18n plugin's on_post_build (-100) starts the next language

State lives in ``STATE`` (a ``BuildState``) and nowhere else in the hooks: a ``mkdocs serve``
process runs many builds, and module state survives between the languages' builds.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page

from helsesider import default_language
from helsesider.content.corpus import Corpus, load_corpus
from helsesider.memo import Memo
from helsesider.publish.incremental import write_or_link
from helsesider.settings import load as load_settings


@dataclass
class BuildState:
    """Everything the hooks keep between events."""

    corpora: dict[str, Corpus] = field(default_factory=dict)  # by docs_dir: the corpus of the build
    reported: object = None  # the corpus whose findings were logged (kept: its id cannot be reused)
    script_hashes: set[str] = field(default_factory=set)  # inline scripts of the 404 page and other templates
    memos: dict[str, Memo] = field(default_factory=dict)  # "feed" -> its Markdown renderings (incremental builds)
    page_scripts: dict[str, frozenset[str]] = field(default_factory=dict)  # src_uri -> its inline scripts' hashes
    # lang -> rel -> the feed's api_parts (a SpooledParts: helsesider/site/feed.py)
    feed_parts: dict[str, MutableMapping[str, tuple]] = field(default_factory=dict)
    serving: bool = False  # `mkdocs serve`: content errors are shown on the pages, not a stop
    incremental: bool = False  # make build with its cache (hooks/incremental.py): the search builder is kept
    kept_output: Path | None = None  # and the previous output of the language (write_output links from it)
    errors: list = field(default_factory=list)  # the content errors of the build in progress (serve)
    last_good: dict[str, str] = field(default_factory=dict)  # src_uri -> the page as last built without errors
    search_files: dict[str, str] = field(default_factory=dict)  # path -> the index script last written there
    # lang -> (article path, region) -> a local addition's page content (hooks/local.py)
    local_html: dict[str, dict[tuple[str, str], str]] = field(default_factory=dict)


STATE = BuildState()


def refresh(config: MkDocsConfig) -> Corpus:
    """Load the corpus at the start of a build (re-read only when a file changed); called from
    ``on_pre_build``, which runs before every language's build."""
    root = Path(config.docs_dir).parent
    i18n = config.plugins.get("i18n")
    only = i18n.config.build_only_locale if i18n else None
    # readability (LIX) is a warning for partners: `make check` and the report show it
    STATE.corpora[config.docs_dir] = load_corpus(
        root, load_settings(root), languages=(only,) if only else None, readability=False, rendered=False
    )
    return STATE.corpora[config.docs_dir]


def corpus(config: MkDocsConfig) -> Corpus:
    """The corpus of the build in progress (page events run thousands of times: no file access)."""
    found = STATE.corpora.get(config.docs_dir)
    return found if found is not None else refresh(config)


def language(config: MkDocsConfig) -> str:
    """The language being built (mkdocs-static-i18n sets theme.language per language)."""
    return config.theme["language"]


def lang_and_rel(page: Page) -> tuple[str, str]:
    """A page's language and its path inside the language folder: ('nn', 'lege/fastlege.md')."""
    lang, _, rel = page.file.src_uri.partition("/")
    return lang, rel


def output_folder(config: MkDocsConfig, lang: str) -> str:
    """Where `lang` goes inside this build's site_dir: '' when this process builds it at the root
    (the default language, or the only one with HELSESIDER_LANGUAGE), else 'nn/'."""
    i18n = config.plugins.get("i18n")
    return "" if i18n is None or lang == i18n.default_language else f"{lang}/"


def root_site_url(config: MkDocsConfig, lang: str) -> str:
    """The site URL of the whole site, also while a language other than the default is built
    (its builds have '<lang>/' added, by hooks/language_build.py or by the i18n plugin)."""
    url = config.site_url or ""
    url = url if url.endswith("/") else url + "/"
    return url[: -len(lang) - 1] if lang != default_language() and url.endswith(f"/{lang}/") else url


def mark_as_language_file(file: File, lang: str, rel: str) -> File:
    """Give a file the build generates what mkdocs-static-i18n records on the files it creates
    (private attributes of the plugin, set here and nowhere else), so the plugin treats it as a
    page of `lang` with no other-language versions."""
    file.locale = file.localization = file.locale_alternate_of = lang  # type: ignore[attr-defined]
    file.norm_src_uri = rel  # type: ignore[attr-defined]
    file.alternates = {lang: file}  # type: ignore[attr-defined]
    return file


def has_errors(page: Page) -> bool:
    """Whether the page's own file has content errors in the build being served."""
    shown = f"docs/{page.file.src_uri}"
    return STATE.serving and any(finding.path == shown for finding in STATE.errors)


def write_output(config: MkDocsConfig, path: Path, data: bytes) -> None:
    """Write a file the hooks make after the pages (the feed, the content API, the search index);
    in an incremental build, the previous build's file is linked when it has the same bytes
    (``helsesider/publish/incremental.py``)."""
    write_or_link(path, data, Path(config.site_dir), STATE.kept_output)
