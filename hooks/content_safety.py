"""The rendered HTML of every page, judged by the policy ``make check`` uses
(``helsesider/gate/html_policy.py``): an article's or front page's HTML by ``CONTENT`` (with its
care cards where they stand), the accessibility statement's by ``STATEMENT`` (named by its own
file, ``data/languages/<code>/accessibility.md``), and a page the build generated from data/ and
file names by ``GENERATED``. ``make check`` renders the same Markdown the same way and refuses
the same things with file and line, so this stop is never the first to see a problem; if it is,
each problem is logged as a finding with its file and line, and the build stops here rather than
publish it.

Priority 100: before hooks/services.py adds the project's own markup to the same HTML.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

import _site
from helsesider import locales
from helsesider.gate.checks import located
from helsesider.gate.html_policy import CONTENT, GENERATED, STATEMENT
from helsesider.gate.messages import language as messages_language
from helsesider.gate.messages import say
from helsesider.gate.rendered import read
from helsesider.site.local_view import addition_of_page

log = get_plugin_logger("helsesider")


@event_priority(100)
def on_page_content(html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    lang, rel = _site.lang_and_rel(page)
    corpus = _site.corpus(config)
    if _site.has_errors(page):  # serving a file with errors: nothing of it is rendered (hooks/preview.py)
        return ""
    item = corpus.partner_content(lang, rel) or addition_of_page(corpus, lang, rel)  # a local addition's page too
    # a provider's own site is allowed in its articles; the pages the build makes list every provider
    allowed = (corpus.settings_for(item) if item is not None else corpus.settings_for_generated()).host_allowed
    if item is not None:
        path, body, first_line, policy = item.path, item.body, item.body_line, CONTENT
    elif rel == locales.get(lang).paths["accessibility"]:
        path, body, first_line, policy = (
            f"{locales.FOLDER}/{lang}/accessibility.md",
            locales.get(lang).accessibility,
            1,
            STATEMENT,
        )
    else:
        problems = GENERATED.problems(html, allowed)
        if problems:
            messages = "; ".join(sorted({p.message for p in problems})[:5])
            raise PluginError(f"{page.file.src_uri}: a generated page would contain {messages}; nothing was published")
        return html
    problems = policy.problems(html, allowed)
    if problems:
        findings = located(path, body, first_line, problems[:20], read(html))
        for finding in findings:
            log.error(say(finding, messages_language()))
        raise PluginError(f"{path}: the rendered page holds what content may not add (above); nothing was published")
    return html
