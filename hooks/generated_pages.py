"""Add the build-only pages of the language being built (provider pages, topic pages, the
A–Å index) and keep articles and provider pages out of the navigation.

Priority -150: after mkdocs-static-i18n has sorted the files by language (its ``on_files`` is
at -100), so the generated pages belong to the current language only.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

import _site
from helsesider.publish.incremental import everything_digest
from helsesider.site.pages import PROVIDERS_DIR, generated_pages

log = get_plugin_logger("helsesider")


@event_priority(-150)
def on_files(files: Files, /, *, config: MkDocsConfig) -> Files | None:
    lang = _site.language(config)
    corpus = _site.corpus(config)
    folder = _site.output_folder(config, lang)
    for file in files.documentation_pages():
        rel = file.src_uri.partition("/")[2]
        if rel in corpus.articles.get(lang, {}):
            file.inclusion = InclusionLevel.NOT_IN_NAV
    for rel, markdown in _generated(corpus, lang, config.use_directory_urls).items():
        src_uri = f"{lang}/{rel}"
        if src_uri in files.src_uris:
            log.error(f"docs/{src_uri} is a generated page; remove the file")
            continue
        file = File.generated(config, src_uri, content=markdown)
        dest = File(rel, None, config.site_dir, config.use_directory_urls).dest_uri
        file.dest_uri = folder + dest
        _site.mark_as_language_file(file, lang, rel)
        if rel.startswith(PROVIDERS_DIR + "/"):
            file.inclusion = InclusionLevel.NOT_IN_NAV
        files.append(file)
    return files


def _generated(corpus, lang: str, directory_urls: bool) -> dict[str, str]:
    """The generated pages' Markdown; an incremental build (hooks/incremental.py) keeps it by what
    it is made of: the language's articles as other pages show them, their topics (everything
    else it reads, the registries and local additions, is in the cache's inputs key)."""
    memo = _site.STATE.memos.get("generated")
    make = lambda: generated_pages(corpus, lang, directory_urls)  # noqa: E731
    return memo.get(f"{everything_digest(corpus, lang)} {directory_urls}", make) if memo is not None else make()


def refresh_generated(files: Files, config: MkDocsConfig) -> bool:
    """Give the generated pages already in `files` what the current corpus makes of them (the
    preview after a save that only edited articles; hooks/_lazy_build.py). False, and nothing
    changed, when the corpus now makes another set of pages: the files must be made again."""
    lang = _site.language(config)
    pages = generated_pages(_site.corpus(config), lang, config.use_directory_urls)
    found = {rel: files.get_file_from_path(f"{lang}/{rel}") for rel in pages}
    ours = {f.src_uri for f in files.documentation_pages() if f.generated_by and f.src_uri.startswith(f"{lang}/")}
    if None in found.values() or ours - {f"{lang}/{rel}" for rel in pages}:
        return False
    for rel, markdown in pages.items():
        found[rel].content_string = markdown  # type: ignore[union-attr]
    return True
