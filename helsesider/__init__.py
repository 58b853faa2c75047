"""Helsesider: the content model, validation and page data of a multilingual health site.

Nothing in this package imports MkDocs; the hooks in ``hooks/`` are thin adapters around it.
"""

LANGUAGES = ("nb", "nn", "en")
DEFAULT_LANGUAGE = "nb"
