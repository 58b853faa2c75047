"""The site: what the build makes of the content, as data and Markdown for the templates.

``routes`` (where build-only pages live), ``pages`` (topic pages, A–Å, provider pages, the
accessibility statement), ``page_text`` (Markdown helpers), ``services`` (service pages, tiles,
hand-off links), ``languages`` (the language menu), ``attribution``, ``breadcrumbs``,
``care_card_view``, ``collation`` (sorting per language), ``sitemap``, ``redirects``, ``feed``
(JSON API and Atom), ``texts`` (interface text per language, phone numbers), ``urls``,
``hyphenate`` (soft hyphens) and ``design`` (Designsystemet's stylesheet).
"""
