"""The content feed: the articles of each language as a static JSON API and an Atom feed, for
partners and apps that reuse the content (like nhs.uk's content API), with the attribution and
review dates in every record.

Per language (nb at the site root, nn under /nn/, en under /en/):

- ``api/v1/articles.json``: every article's record without its body, each with ``href`` to
- ``api/v1/articles/<path>.json``: one article with ``body_html``, the article as the page shows it;
- ``feed.xml``: an Atom feed of the articles reviewed in the last 90 days.

The format is declared in ``data/schema/`` (JSON Schema) and documented in the README; a test
validates every file against it and compares it with the pages.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as etree
from pathlib import Path

from helsesider.content.model import Article
from helsesider.site.pages import page_in_languages
from helsesider.site.texts import text
from helsesider.site.urls import language_folder, page_url

API_DIR = "api/v1"
INDEX = f"{API_DIR}/articles.json"
ATOM = "feed.xml"
RECENT_DAYS = 90
FORMAT = "helsesider-articles/1"


def article_json_rel(article: Article) -> str:
    """Where one article's record is, inside the language's folder: api/v1/articles/lege/fastlege.json."""
    return f"{API_DIR}/articles/{article.rel[:-3]}.json"


def record(corpus, article: Article, site_url: str, directory_urls: bool = True) -> dict:
    """One article's record (without its body)."""
    provider = corpus.providers[article.provider]
    lang = article.lang
    topic = article.topic
    return {
        "title": article.title,
        "description": article.description,
        "url": site_url + page_url(lang, article.rel, directory_urls),
        "language": lang,
        "topic": {"id": topic, "title": corpus.topic_title(topic, lang)} if topic else None,
        "aliases": list(article.aliases),
        "provider": {"id": provider.id, "name": provider.name_in(lang), "url": provider.url},
        "reviewer": {"name": article.reviewer_name, "role": article.reviewer_role},
        "reviewed": article.reviewed.isoformat(),
        "next_review": article.next_review.isoformat(),
        "translations": {other: site_url + page_url(other, rel, directory_urls)
                         for other, rel in page_in_languages(corpus, lang, article.rel).items() if other != lang},
        "attribution": f"{text(lang, 'supplied_by')} {provider.name_in(lang)}",
    }


def write_feeds(corpus, lang: str, out: Path, site_url: str, bodies: dict[str, str], directory_urls: bool = True) -> int:
    """Write the language's API and Atom feed into `out` (its folder in the built site); returns
    the number of articles. `bodies` maps an article's path to its HTML as the page shows it."""
    articles = sorted(corpus.articles[lang].values(), key=lambda a: a.rel)
    index = []
    for article in articles:
        entry = record(corpus, article, site_url, directory_urls)
        target = out / article_json_rel(article)
        target.parent.mkdir(parents=True, exist_ok=True)
        full = {"format": FORMAT, **entry, "body_html": bodies.get(article.rel, "")}
        target.write_text(json.dumps(full, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
        index.append({**entry, "href": _absolute(site_url, lang, article_json_rel(article))})
    document = {"format": FORMAT, "language": lang, "generated": corpus.settings.today.isoformat(), "articles": index}
    (out / INDEX).parent.mkdir(parents=True, exist_ok=True)
    (out / INDEX).write_text(json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    (out / ATOM).write_bytes(atom(corpus, lang, articles, site_url, directory_urls))
    return len(articles)


def _absolute(site_url: str, lang: str, rel: str) -> str:
    return site_url + language_folder(lang) + rel


# What XML 1.0 may not hold (control characters, surrogates, U+FFFE and U+FFFF): the check refuses
# them in every text field; the feed leaves out any that reach it, so it is always XML.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml(text: str) -> str:
    return _NOT_XML.sub("", text)


def atom(corpus, lang: str, articles: list[Article], site_url: str, directory_urls: bool = True) -> bytes:
    """An Atom feed of the articles of `lang` reviewed in the last RECENT_DAYS days, newest first."""
    ns = "http://www.w3.org/2005/Atom"
    etree.register_namespace("", ns)
    since = corpus.settings.today - dt.timedelta(days=RECENT_DAYS)
    recent = sorted((a for a in articles if a.reviewed >= since), key=lambda a: (a.reviewed, a.rel), reverse=True)
    feed = etree.Element(f"{{{ns}}}feed", {"xml:lang": lang})
    home = _absolute(site_url, lang, "")
    etree.SubElement(feed, f"{{{ns}}}id").text = _absolute(site_url, lang, ATOM)
    etree.SubElement(feed, f"{{{ns}}}title").text = _xml(text(lang, "feed_title"))
    updated = max((a.reviewed for a in recent), default=corpus.settings.today)
    etree.SubElement(feed, f"{{{ns}}}updated").text = f"{updated.isoformat()}T00:00:00Z"
    etree.SubElement(feed, f"{{{ns}}}link", {"href": home})
    etree.SubElement(feed, f"{{{ns}}}link", {"rel": "self", "href": _absolute(site_url, lang, ATOM)})
    for article in recent:
        url = site_url + page_url(lang, article.rel, directory_urls)
        entry = etree.SubElement(feed, f"{{{ns}}}entry")
        etree.SubElement(entry, f"{{{ns}}}id").text = url
        etree.SubElement(entry, f"{{{ns}}}title").text = _xml(article.title)
        etree.SubElement(entry, f"{{{ns}}}updated").text = f"{article.reviewed.isoformat()}T00:00:00Z"
        etree.SubElement(entry, f"{{{ns}}}link", {"href": url})
        etree.SubElement(entry, f"{{{ns}}}summary").text = _xml(article.description)
        author = etree.SubElement(entry, f"{{{ns}}}author")
        etree.SubElement(author, f"{{{ns}}}name").text = _xml(corpus.providers[article.provider].name_in(lang))
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + etree.tostring(feed, encoding="utf-8") + b"\n"
