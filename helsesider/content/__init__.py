"""The content: what partners write and what it must be.

``frontmatter`` (parser with lines), ``model`` (the article contract and its validation),
``registry`` (``data/``: providers, topics, services, synonyms, redirects), ``findings``
(problems with file, line and column), ``files`` (what may be under ``docs/``), ``body`` (what a
body contains: links, HTML, headings, size limits), ``rendered`` (what the renderer makes of a
body), ``checks`` (links, anchors, HTML, LIX, translations across articles), ``text_rules``
(plain, visible, NFC text), ``dates``, ``care_cards`` (the Markdown extension and its check),
``related`` (related articles), ``corpus`` (all of it, validated once and cached by file
state). The commands: ``check`` (``make check``) and ``report`` (``make report``).
"""
