"""The page types of the site, per language: the pages `make screenshots` photographs and the
layout tests in tests/test_layout.py load. One list, so the gallery and the tests see the same
pages.

Each entry: (page type, path from the site root). Search results are a front page with ``?q=``;
the 404 page is loaded by its file (a static server answers a missing address with it).
"""

from __future__ import annotations

PAGE_TYPES: dict[str, dict[str, str]] = {
    "nb": {
        "front": "",
        "topic": "lege/",
        "article": "lege/fastlege/",
        "az": "a-a/",
        "services": "tjenester/",
        "service": "tjenester/innboks/",
        "search": "?q=fastlege",
        "404": "404.html",
        "statement": "tilgjengelighet/",
    },
    "nn": {
        "front": "nn/",
        "topic": "nn/lege/",
        "article": "nn/lege/fastlege/",
        "az": "nn/a-a/",
        "services": "nn/tenester/",
        "service": "nn/tenester/innboks/",
        "search": "nn/?q=fastlege",
        "404": "nn/404.html",
        "statement": "nn/tilgjenge/",
    },
    "en": {
        "front": "en/",
        "topic": "en/lege/",
        "article": "en/lege/fastlege/",
        "az": "en/a-z/",
        "services": "en/services/",
        "service": "en/services/innboks/",
        "search": "en/?q=GP",
        "404": "en/404.html",
        "statement": "en/accessibility/",
    },
    "se": {
        "front": "se/",
        "topic": "se/lege/",
        "article": "se/lege/fastlege/",
        "az": "se/a-a/",
        "services": "se/balvalusat/",
        "service": "se/balvalusat/innboks/",
        "search": "se/?q=fastadoavttir",
        "404": "se/404.html",
        "statement": "se/olahahttivuohta/",
    },
}

# The kiosk bundle's front pages (file URLs, from dist/kiosk/)
KIOSK_FRONT = {"nb": "index.html", "nn": "nn/index.html", "en": "en/index.html", "se": "se/index.html"}

WIDTHS = (320, 375, 1280)
