"""While serving (``make serve``): content errors are shown on the pages, in the page's language,
with ``path:line:col`` as ``make check`` writes them (the messages in the partner's language:
helsesider/gate/messages.py), and a page whose own file has errors keeps
its last good version under the list (hooks/content_model.py lets the build go on; the terminal
lists the same findings). Priority -200: after every other page event. Not used by builds.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

import _site
from helsesider.gate.messages import language as messages_language
from helsesider.gate.messages import say
from helsesider.site.markup import render
from helsesider.site.texts import text


@event_priority(-200)
def on_post_page(output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
    state = _site.STATE
    if not state.serving:
        return output
    key = page.file.src_uri
    if not state.errors:
        state.last_good[key] = output
        return output
    lang, _ = _site.lang_and_rel(page)
    own = _site.has_errors(page)
    shown = state.last_good.get(key, output) if own else output
    if not own:
        state.last_good[key] = output
    panel = render(
        "partials/preview-errors.html",
        _site.corpus(config).root,
        title=text(lang, "preview_errors_title"),
        kept=text(lang, "preview_errors_kept") if own and key in state.last_good else "",
        findings=[say(finding, messages_language()) for finding in state.errors],  # the partner's language
    )
    start = shown.find(">", shown.find("<body")) + 1
    return shown[:start] + panel + shown[start:]
