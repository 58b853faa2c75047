"""The gate: what every input of the site may contain, checked the same way by ``make check``,
every build and the preview.

``inputs`` (the inventory: every file the site is built from, who may change it, how it is read
and checked), ``html_policy`` (one allowlist of elements, attributes, classes and addresses for
every source of HTML: ``CONTENT``, ``STATEMENT``, ``GENERATED``), ``scan`` (what a Markdown body
holds, with lines and columns: raw HTML, attribute lists, links, headings, size limits),
``rendered`` (the body rendered as MkDocs renders it, read back with its care cards), ``cards``
(the rules for care cards, on what the renderer made), ``links`` (pages, anchors, services,
phone numbers, hosts), ``checks`` (the checks of every body and across articles), ``readability``
(LIX), ``files`` (what may be under ``docs/``), ``text_rules`` (plain, visible, NFC text),
``search_data`` (``data/search/``), ``findings`` (problems with file, line and column), and the
command ``check`` (``make check``) with ``changes`` (what a pull request changed).

The language data's own checks live with its reader (``helsesider/locales.py``), the registries'
with theirs (``helsesider/content/registry.py``); ``helsesider/content/`` is the model the site
and the gate both read.
"""
