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
    for rel, markdown in generated_pages(corpus, lang, config.use_directory_urls).items():
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
