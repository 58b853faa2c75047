"""What Material's base template writes into every page outside its blocks and the site never
uses: the drawer and search switches and their overlay (Material's JavaScript, which the site does
not load, works them), a second skip link (the site has its own, first in the page), the empty
announcement bar and the empty dialog. About 480 bytes a page (3 MB of a 3 x 2,000 site), and
the switches are the page's only invalid HTML (checkboxes with autocomplete). ``overrides/``
cannot leave them out without copying ``base.html`` whole, so they are taken out of the finished
page: one regular expression over the page, the exact markup the pinned Material writes, so a
change in Material's markup leaves the page as it was (and tests/test_html_valid.py tells).
"""

from __future__ import annotations

import re

_FRAME = re.compile(
    r'<input class="md-toggle" data-md-toggle="(?:drawer|search)" type="checkbox" id="__(?:drawer|search)" autocomplete="off">\n'
    r'|<label class="md-overlay" for="__drawer"></label>\n'
    r'|<div data-md-component="skip">\n(?:<a href="[^"<>]*" class="md-skip">\n[^<>]*\n</a>\n)?</div>\n'
    r'|<div data-md-component="announce">\n</div>\n'
    r'|<div class="md-dialog" data-md-component="dialog">\n<div class="md-dialog__inner md-typeset"></div>\n</div>\n'
)  # fmt: skip


def without_theme_frame(html: str) -> str:
    """`html` without Material's unused frame (see the module's text)."""
    return _FRAME.sub("", html)
