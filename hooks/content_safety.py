"""The last line of defence: the rendered HTML of every article and front page may only hold
the markup Markdown makes and partners may write (``helsesider.body.unsafe_html``). The content
check refuses unsafe input with file and line long before this; if anything slips past it, the
build stops here rather than publish script that content supplied.

Priority 100: before hooks/services.py adds the project's own markup to the same HTML.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

import _site
from helsesider.body import unsafe_html


@event_priority(100)
def on_page_content(html, *, page, config, files):
    lang, rel = _site.lang_and_rel(page)
    item = _site.corpus(config).partner_content(lang, rel)
    if item is None:
        return html  # a page the build wrote itself
    problems = unsafe_html(html)
    if problems:
        raise PluginError(f"{item.path}: the rendered page contains markup that content may not add: "
                          f"{', '.join(sorted(set(problems))[:5])}; nothing was published")
    return html
