"""What an article page says about its origin: the visible attribution and the JSON-LD."""

from __future__ import annotations

import json

from helsesider.content.codes import SYSTEM
from helsesider.content.dates import format_date
from helsesider.content.model import Addition, Article
from helsesider.content.registry import Provider
from helsesider.site.texts import TEXTS


def attribution(article: Article | Addition, provider: Provider, lang: str, provider_href: str) -> dict:
    """The data `partials/attribution.html` renders, with every text in the page's language (of
    an article, or of a local addition, which is reviewed the same way)."""
    texts = TEXTS[lang]
    return {
        "heading": texts["about_content"],
        "supplied_by": texts["supplied_by"],
        "provider_name": provider.name_in(lang),
        "provider_href": provider_href,
        "reviewed_by": texts["reviewed_by"],
        "reviewer": article.reviewer,
        "last_reviewed": texts["last_reviewed"],
        "reviewed_iso": article.reviewed.isoformat(),
        "reviewed_text": format_date(article.reviewed, lang),
        "next_review": texts["next_review"],
        "next_review_iso": article.next_review.isoformat(),
        "next_review_text": format_date(article.next_review, lang),
    }


def json_ld(article: Article, provider: Provider, lang: str, page_url: str | None) -> dict:
    """A schema.org MedicalWebPage with the facts of the attribution."""
    data = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": article.title,
        "headline": article.title,
        "description": article.description,
        "inLanguage": lang,
        "lastReviewed": article.reviewed.isoformat(),
        "reviewedBy": {"@type": "Person", "name": article.reviewer_name, "jobTitle": article.reviewer_role},
        "author": {"@type": "Organization", "name": provider.name_in(lang), "url": provider.url},
    }
    if article.codes:  # what the article is about, as the record systems code it (content/codes.py)
        data["about"] = {
            "@type": "MedicalEntity",
            "name": article.title,
            "code": [
                {"@type": "MedicalCode", "codeValue": code, "codingSystem": SYSTEM[system].uri}
                for system, code in article.codes
            ],
        }
    if page_url:
        data["url"] = page_url
    return data


def script_json(data: dict) -> str:
    """JSON that is safe inside a <script> element: no '<', '>' or '&' can end or open a tag."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))  # no spaces: read by machines
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
