"""The content: what partners write, read into a model the site and the gate both use.

``frontmatter`` (parser with lines), ``model`` (the article contract and its validation),
``registry`` (``data/``: providers, topics, services, synonyms, redirects), ``links`` (where a
link leads: schemes, anchors, relative paths across languages, redirects), ``dates``,
``care_cards`` (the Markdown extension: the one parser of care cards), ``related`` (related
articles), ``corpus`` (all of it, read once and cached by file state; it asks the gate,
``helsesider/gate/``, for the findings of every file) and the command ``report`` (``make report``).
"""
