"""The content feed: the articles of each language as a static JSON API and an Atom feed, for
partners and apps that reuse the content (like nhs.uk's content API), with the attribution and
review dates in every record.

Per language (nb at the site root, nn under /nn/, en under /en/):

- ``api/v2/articles.json``: every article's record without its body, each with ``href`` to
- ``api/v2/articles/<path>.json``: one article's record with its parts (``sections``) as offsets into
  its Markdown, and where that Markdown is; the HTML is the page at its ``url``, not repeated (v2);
- ``api/v2/markdown.tar.gz``: every article as Markdown with YAML front-matter, at its path;
- ``feed.xml``: an Atom feed of the articles reviewed in the last 90 days.

Each article's Markdown and parts are made as its page is (``api_parts``, from the HTML the page
shows), so a language's article HTML is not held to the end of its build.

The format is declared in ``data/schema/`` (JSON Schema) and documented in the README; a test
validates every file against it and compares it with the pages.
"""

from __future__ import annotations

import datetime as dt
import functools
import gzip
import hashlib
import html
import io
import json
import re
import tarfile
import tempfile
import xml.etree.ElementTree as etree
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping, MutableMapping
from pathlib import Path

from helsesider.content.model import Article
from helsesider.memo import Memo
from helsesider.site.pages import page_in_languages
from helsesider.site.texts import text
from helsesider.site.urls import language_folder, page_url

API_DIR = "api/v2"
INDEX = f"{API_DIR}/articles.json"
MARKDOWN = f"{API_DIR}/markdown.tar.gz"
ATOM = "feed.xml"
RECENT_DAYS = 90
FORMAT = "helsesider-articles/2"


def article_json_rel(article: Article) -> str:
    """Where one article's record is, inside the language's folder: api/v2/articles/lege/fastlege.json."""
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
        "translations": {
            other: site_url + page_url(other, rel, directory_urls)
            for other, rel in page_in_languages(corpus, lang, article.rel).items()
            if other != lang
        },
        "attribution": f"{text(lang, 'supplied_by')} {provider.name_in(lang)}",
        # the licence, and the credit a reuser must show with what it takes
        "licence": {"id": corpus.settings.licence, "url": corpus.settings.licence_url},
        "credit": {
            "required": True,
            "text": f"{text(lang, 'supplied_by')} {provider.name_in(lang)}. {text(lang, 'reviewed_by')}: {article.reviewer}.",
            "provider": provider.name_in(lang),
            "reviewer": article.reviewer,
        },
    }


# What the feed keeps of an article while the pages are made: its Markdown rendering (UTF-8,
# compressed) and its parts as JSON. About 4 KB an article: kept as Markdown (8 KB) and a list of
# dictionaries it was 11 KB, and a language's process at 3 x 2,000 held 22 MB more to its end.
ApiParts = tuple[bytes, bytes]


def api_parts(entry: dict, body: str, memo: Memo | None = None) -> ApiParts:
    """The article's Markdown rendering and its parts (``sections``), from `entry` (its record)
    and `body` (its HTML as the page shows it). `memo`: renderings kept between an incremental
    build's or the preview's runs, by what they were made of."""
    if memo is None:
        rendering, parts = markdown_rendering(entry, body)
    else:
        made_of = hashlib.sha256(json.dumps([entry, body], sort_keys=True).encode("utf-8")).hexdigest()
        rendering, parts = memo.get(made_of, lambda: markdown_rendering(entry, body))
    return zlib.compress(rendering.encode("utf-8"), 1), json.dumps(
        parts, ensure_ascii=False, separators=(",", ":")
    ).encode("utf-8")


class SpooledParts(MutableMapping[str, ApiParts]):
    """Articles' ``api_parts`` (path -> parts) kept in a temporary file until the feed is written,
    not in memory: at 3 x 2,000 articles a language's process held 8 MB of them to its end, when
    its memory peaks (``make bench``). Setting a path again writes its parts again."""

    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile()
        self._where: dict[str, tuple[int, int, int]] = {}  # path -> offset, the rendering's length, the parts'

    def __setitem__(self, rel: str, value: ApiParts) -> None:
        rendering, parts = value
        offset = self._file.seek(0, io.SEEK_END)
        self._file.write(rendering + parts)
        self._where[rel] = (offset, len(rendering), len(parts))

    def __getitem__(self, rel: str) -> ApiParts:
        offset, rendering, parts = self._where[rel]
        self._file.seek(offset)
        data = self._file.read(rendering + parts)
        return data[:rendering], data[rendering:]

    def __delitem__(self, rel: str) -> None:
        del self._where[rel]

    def __iter__(self) -> Iterator[str]:
        return iter(self._where)

    def __len__(self) -> int:
        return len(self._where)


def write_feeds(corpus, lang: str, out: Path, site_url: str, made: Mapping[str, ApiParts], directory_urls: bool = True,
                write: Callable[[Path, bytes], None] | None = None) -> int:  # fmt: skip
    """Write the language's API and Atom feed into `out` (its folder in the built site); returns
    the number of articles. `made` maps an article's path to its ``api_parts`` (an article
    without one, whose page was not made, has an empty body); `write` writes a file (an
    incremental build's links an unchanged one from its cache)."""
    write = write or _write
    articles = sorted(corpus.articles[lang].values(), key=lambda a: a.rel)
    index: list[str] = []  # each record as JSON: 2.6 MB for 2,000 records, 7.5 MB as dictionaries
    renderings = _articles_written(corpus, articles, out, site_url, made, directory_urls, write, index)
    write(out / MARKDOWN, markdown_archive(renderings))  # each article's JSON written as its Markdown is packed
    # the document as _json would write it, with the records already in JSON
    head = _json({"format": FORMAT, "language": lang, "generated": corpus.settings.today.isoformat()})
    records = ",".join(index).encode("utf-8")
    write(out / INDEX, head.removesuffix(b"}\n") + b',"articles":[' + records + b"]}\n")
    write(out / ATOM, atom(corpus, lang, articles, site_url, directory_urls))
    return len(articles)


def _articles_written(corpus, articles: list[Article], out: Path, site_url: str, made: Mapping[str, ApiParts],
                      directory_urls: bool, write: Callable[[Path, bytes], None],
                      index: list[str]) -> Iterator[tuple[str, dt.date, bytes]]:  # fmt: skip
    """Write each article's JSON and add its record to `index` (as JSON); yield its Markdown
    rendering, one at a time, for the archive to pack."""
    for article in articles:
        archive = _absolute(site_url, article.lang, MARKDOWN)
        entry = record(corpus, article, site_url, directory_urls)
        rendering, parts = made.get(article.rel) or api_parts(entry, "")
        # {"format", the record, "sections", "markdown"} as _json writes it, the parts already in JSON
        head = _json({"format": FORMAT, **entry}).removesuffix(b"}\n")
        where = _json({"archive": archive, "path": article.rel}).removesuffix(b"\n")
        write(out / article_json_rel(article), head + b',"sections":' + parts + b',"markdown":' + where + b"}\n")
        listed = {**entry, "href": _absolute(site_url, article.lang, article_json_rel(article))}
        index.append(json.dumps(listed, ensure_ascii=False, separators=(",", ":")))
        yield article.rel, article.reviewed, zlib.decompress(rendering)


def _json(document: dict) -> bytes:
    return (json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


_CARD = re.compile(r'<section class="hs-care hs-care--([a-z0-9-]+)"')
_HEADING = re.compile(r'<h2 id="([^"]+)"[^>]*>(.*?)</h2>', re.S)
_TAG = re.compile(r"<[^>]+>")


def sections(body: str) -> list[dict]:
    """The article's parts as modules a reuser can take alone: the text before the first heading
    (``intro``), each ``##`` part (``section``, by its heading's id), each care card
    (``care_card``, with its level) and the text after a card (``text``), as ``start``/``end``
    character offsets into `body` (``markdown_rendering`` turns them into offsets into the
    Markdown)."""
    marks: list[tuple[int, str, str, str, str | None]] = []  # start, id, kind, heading, level
    for match in _CARD.finditer(body):
        marks.append((match.start(), "", "care_card", "", match.group(1)))
    for match in _HEADING.finditer(body):
        marks.append(
            (match.start(), match.group(1), "section", html.unescape(_TAG.sub("", match.group(2))).strip(), None)
        )
    marks.sort()
    found: list[dict] = []
    if not marks or marks[0][0] > 0 and body[: marks[0][0]].strip():
        found.append({"id": "intro", "kind": "intro", "heading": None, "level": None, "start": 0,
                      "end": marks[0][0] if marks else len(body)})  # fmt: skip
    cards = 0
    for i, (start, ident, kind, heading, level) in enumerate(marks):
        end = marks[i + 1][0] if i + 1 < len(marks) else len(body)
        after = end
        if kind == "care_card":
            cards += 1
            end = min(end, body.index("</section>", start) + len("</section>"))
            ident, heading = (
                f"care-card-{cards}",
                html.unescape(_TAG.sub("", body[start:end].split("</h2>")[0])).strip(),
            )
        found.append({"id": ident, "kind": kind, "heading": heading, "level": level, "start": start, "end": end})
        if body[end:after].strip():  # text after a card, before the next part: a part of its own
            found.append(
                {"id": f"text-{len(found)}", "kind": "text", "heading": None, "level": None, "start": end, "end": after}
            )
    return found


@functools.cache
def _to_markdown() -> tuple[Callable, object]:
    """html-to-markdown's converter and our options (the body as Markdown: ATX headings, "-"
    bullets, the lock icons' inline SVG left out), imported when the first article is converted,
    after the pages: 3.6 MB a language's process does not hold while it makes its search index."""
    import html_to_markdown

    options = html_to_markdown.ConversionOptions(
        heading_style="atx", bullets="-", extract_metadata=False, exclude_selectors=["svg"]
    )
    return html_to_markdown.convert, options


_DEFINITION = re.compile(r"<dt[^>]*>(.*?)</dt>\s*<dd>(.*?)</dd>", re.S)
_DD = "\ue000"  # a private-use character, taken out of the body first so the mark is only ours
_PART = "\ue001"  # the same, between two parts
FRONT_MATTER = ("title", "description", "url", "language", "reviewed", "next_review", "licence", "credit")


def markdown_rendering(entry: dict, body: str) -> tuple[str, list[dict]]:
    """The article as Markdown for reusers who build their own sites: YAML front-matter (title,
    lead, address, dates, licence and the credit to show), its title and lead, its body (the
    page's HTML converted by html-to-markdown, links made absolute, the glossary's terms as
    definition lists) and the credit at its end; and its parts (``sections``) with ``start``
    and ``end`` as character offsets into that text."""
    body = body.replace(_PART, "").replace(_DD, "")
    parts = sections(body)
    pieces = _converted(entry, [body[p["start"] : p["end"]] for p in parts])
    # JSON is YAML (1.2): the front-matter written by json, a fiftieth of yaml.safe_dump's time
    head = "\n".join(f"{key}: {json.dumps(entry[key], ensure_ascii=False)}" for key in FRONT_MATTER)
    text_ = f"---\n{head}\n---\n\n# {entry['title']}\n\n{entry['description']}\n\n"
    for part, piece in zip(parts, pieces, strict=True):
        part["start"], part["end"] = len(text_), len(text_) + len(piece)
        text_ += piece + "\n\n" if piece else ""
    credit = f"{entry['credit']['text']} {entry['url']} ({entry['licence']['id']}: {entry['licence']['url']})"
    return f"{text_.rstrip(chr(10))}\n\n---\n\n{credit}\n", parts


def _converted(entry: dict, htmls: list[str]) -> list[str]:
    """Each of `htmls` (an article's parts) as Markdown, stripped: converted in one call with a
    mark between them (the same Markdown as each converted alone, for the sample's articles and
    the bench corpus, in half the time), or one by one if the marks did not come through."""
    from urllib.parse import urljoin

    def prepared(fragment: str) -> str:
        absolute = re.sub(
            r'(href|src)="([^"#][^"]*)"',
            lambda m: f'{m.group(1)}="{urljoin(entry["url"], html.unescape(m.group(2)))}"',
            fragment,
        )
        # html-to-markdown writes a <dl> as paragraphs: each definition is marked and then joined
        # to its term as Markdown's definition list ("Term\n:   Definition")
        return _DEFINITION.sub(lambda m: f"<p>{m.group(1)}</p>\n<p>{_DD}{m.group(2)}</p>", absolute)

    convert, options = _to_markdown()

    def markdown(fragment: str) -> str:
        return (convert(fragment, options).content or "").replace(f"\n\n{_DD}", "\n:   ")

    pieces = [piece.strip() for piece in markdown(prepared(f"<p>{_PART}</p>".join(htmls))).split(_PART)]
    if len(pieces) != len(htmls):
        pieces = [markdown(prepared(fragment)).strip() for fragment in htmls]
    return pieces


def markdown_archive(renderings: Iterable[tuple[str, dt.date, bytes]]) -> bytes:
    """One gzipped tar of the language's Markdown, each article at its path: what a reuser who
    builds a static site fetches (one request, a fifth of the bytes of a file per article). The
    same articles give the same bytes: each file is dated by its last review, the archive by
    nothing."""
    raw = io.BytesIO()
    # level 4: a 3 x 2,000 language's archive in 0.22 s against 0.53 s at level 6, 5 % larger (4.2 MB)
    with gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, compresslevel=4) as packed:
        with tarfile.open(fileobj=packed, mode="w", format=tarfile.PAX_FORMAT) as tar:
            for rel, reviewed, data in renderings:
                info = tarfile.TarInfo(rel)
                info.size, info.mode = len(data), 0o644
                info.mtime = int(dt.datetime.combine(reviewed, dt.time(), dt.UTC).timestamp())
                tar.addfile(info, io.BytesIO(data))
    return raw.getvalue()


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
