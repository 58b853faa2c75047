"""Add the build-only pages (provider pages) of the language being built.

Priority -150: after mkdocs-static-i18n has sorted the files by language (its ``on_files`` is
at -100), so the generated pages belong to the current language only.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File

from helsesider import DEFAULT_LANGUAGE
from helsesider.collation import sorter
from helsesider.corpus import load_corpus
from helsesider.pages import generated_pages
from helsesider.settings import Settings

log = get_plugin_logger("helsesider")


@event_priority(-150)
def on_files(files, *, config):
    lang = config.theme["language"]
    i18n = config.plugins.get("i18n")
    default = i18n.default_language if i18n else DEFAULT_LANGUAGE
    corpus = load_corpus(Path(config.docs_dir).parent, Settings.from_extra(config.extra))
    for rel, markdown in generated_pages(corpus, lang, sorter(lang)).items():
        src_uri = f"{lang}/{rel}"
        if files.get_file_from_path(src_uri) is not None:
            log.error(f"docs/{src_uri} is a generated page; remove the file")
            continue
        file = File.generated(config, src_uri, content=markdown)
        dest = File(rel, None, config.site_dir, config.use_directory_urls).dest_uri
        file.dest_uri = dest if lang == default else f"{lang}/{dest}"
        # what mkdocs-static-i18n records on the files it creates
        file.locale = file.localization = file.locale_alternate_of = lang
        file.norm_src_uri = rel
        file.alternates = {lang: file}
        files.append(file)
    return files
