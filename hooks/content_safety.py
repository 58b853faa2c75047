"""The rendered HTML of every page, checked with the rules ``make check`` uses
(``helsesider/content/rendered.py``): an article's or front page's HTML may only hold the markup Markdown
makes and partners may write, with addresses to allowed hosts; a page the build generated from
data/ and file names may hold no script. ``make check`` renders the same Markdown the same way
and refuses the same things with file and line, so this stop is never the first to see a
problem; if it is, the build stops here (naming the line) rather than publish it.

Priority 100: before hooks/services.py adds the project's own markup to the same HTML.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

import _site
from helsesider.content.rendered import Locator, generated_problems, page_problems, read


@event_priority(100)
def on_page_content(html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    lang, rel = _site.lang_and_rel(page)
    corpus = _site.corpus(config)
    if _site.has_errors(page):  # serving a file with errors: nothing of it is rendered (hooks/preview.py)
        return ""
    item = corpus.partner_content(lang, rel)
    allowed = corpus.settings.host_allowed
    if item is None:
        problems = generated_problems(read(html), allowed)
        if problems:
            raise PluginError(
                f"{page.file.src_uri}: a generated page would contain "
                f"{'; '.join(sorted({p.message for p in problems})[:5])}; nothing was published"
            )
        return html
    problems = page_problems(html, allowed)
    if problems:
        locator = Locator(item.body, item.body_line)
        lines = []
        for problem in problems[:10]:
            line, col = locator.find(problem.needle)
            lines.append(f"{item.path}:{line}:{col}: error: {problem.message}")
        raise PluginError(
            "the rendered page contains what content may not add; nothing was published:\n" + "\n".join(lines)
        )
    return html
