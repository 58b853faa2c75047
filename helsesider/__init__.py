"""Helsesider: the content model, validation and page data of a multilingual health site.

Nothing in this package imports MkDocs; the hooks in ``hooks/`` are thin adapters around it.
The site's languages are data (``helsesider.locales``): ``LANGUAGES`` lists their codes and
``default_language()`` names the one at the site's root.
"""

from helsesider.locales import LANGUAGES, default_language

__all__ = ["LANGUAGES", "default_language"]
