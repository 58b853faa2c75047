"""Local additions on the site (issue 30): each addition's own page, the list of an article's
additions, the notice an article with additions shows, and the per-region scripts that put an
addition in place in its article for a citizen who chose a municipality.

How an addition reaches a citizen:

- Every addition has its own page, ``<article>/<local>/<region>`` (``lege/fastlege/lokalt/
  fjordby-kommune/``), in search for everyone and in the sitemap, and working from ``file://``.
  Its body is the partner's Markdown with its links re-aimed from the national article's place.
- An article with additions says so under its lead and links to them (to the list page,
  ``<article>/<local>``, when there are more than ``INLINE_REGIONS``): that is what a reader
  without script, or without a chosen municipality, gets.
- A citizen who chose a municipality (hs-site.js, remembered in the browser's localStorage only)
  gets the additions of the municipality and of the health trusts covering it in place, from
  ``search/hs-local-<region>.js`` of the language: one script per region, loaded only on an
  article that has additions, so no page grows with the number of regions. The HTML there is the
  addition page's own, as MkDocs rendered and the content policy passed it, with its links
  re-aimed at the article's address (``in_place``).

Knows no MkDocs (``hooks/local.py`` calls it).
"""

from __future__ import annotations

import json
import posixpath
import re

from helsesider.content.corpus import Corpus
from helsesider.content.dates import format_date
from helsesider.content.links import rewrite_link_targets, scheme_of
from helsesider.content.model import Addition
from helsesider.site.attribution import attribution
from helsesider.site.markup import Markup, render
from helsesider.site.page_text import escape_markdown, front_matter, lead, link_from
from helsesider.site.routes import addition_page_rel, local_list_rel
from helsesider.site.texts import text
from helsesider.site.urls import page_url, relative_href

INLINE_REGIONS = 6  # an article names this many regions with additions; more are on its list page
DATA_FOLDER = "search"  # beside the search index: the language's scripts of data
REGIONS_SCRIPT = "hs-local-regions.js"
DIALOG_TEXTS = ("local_choose", "local_dialog_intro", "local_filter", "local_no_match", "local_forget", "local_close")


def region_script(region: str) -> str:
    return f"hs-local-{region}.js"


def rebased_body(addition: Addition, lang: str) -> str:
    """The addition's Markdown with its relative links aimed from its own page (they were written
    from the national article's place, as the check reads them)."""
    page_rel = addition_page_rel(lang, addition.rel, addition.region)

    def replace(target: str) -> str | None:
        path, hash_, anchor = target.partition("#")
        if not path or scheme_of(target) is not None or path.startswith("/"):
            return None
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(addition.rel), path))
        return link_from(page_rel, resolved) + hash_ + anchor

    return rewrite_link_targets(addition.body, replace)


def addition_title(corpus: Corpus, lang: str, addition: Addition) -> str:
    article = corpus.articles[lang][addition.rel]
    region = corpus.local.regions[addition.region].name_in(lang)
    return text(lang, "local_page_title", title=article.title, region=region)


def addition_intro(corpus: Corpus, lang: str, addition: Addition) -> str:
    article = corpus.articles[lang][addition.rel]
    region = corpus.local.regions[addition.region].name_in(lang)
    return text(lang, "local_page_intro", title=article.title, region=region)


def addition_page(corpus: Corpus, lang: str, addition: Addition) -> str:
    """The Markdown of an addition's own page (its lead and attribution come from page.meta)."""
    title, intro = addition_title(corpus, lang, addition), addition_intro(corpus, lang, addition)
    return front_matter(title, intro) + rebased_body(addition, lang).strip() + "\n"


def list_page(corpus: Corpus, lang: str, rel: str, directory_urls: bool = True) -> str:
    """The list of the regions that added to the article at `rel`."""
    article = corpus.articles[lang][rel]
    intro = text(lang, "local_list_intro", title=article.title)
    page_rel = local_list_rel(lang, rel)
    lines = [
        front_matter(text(lang, "local_list_title", title=article.title), intro, searchable=False),
        lead(intro),
        "",
    ]
    for addition in corpus.additions(lang, rel):
        name = corpus.local.regions[addition.region].name_in(lang)
        lines.append(
            f"- [{escape_markdown(name)}]({link_from(page_rel, addition_page_rel(lang, rel, addition.region))})"
        )
    lines += ["", f"[{escape_markdown(text(lang, 'local_national', title=article.title))}]({link_from(page_rel, rel)})"]
    return "\n".join(lines) + "\n"


def local_pages(corpus: Corpus, lang: str, directory_urls: bool = True) -> dict[str, str]:
    """Every addition page and list page of `lang`: path inside the language folder -> Markdown."""
    pages: dict[str, str] = {}
    for addition in corpus.local.additions:
        if addition.lang == lang and addition.rel in corpus.articles[lang]:
            pages[addition_page_rel(lang, addition.rel, addition.region)] = addition_page(corpus, lang, addition)
            pages.setdefault(local_list_rel(lang, addition.rel), "")
    for rel in [r for r, markdown in pages.items() if not markdown]:
        article_rel = rel.removesuffix(".md").rpartition("/")[0] + ".md"
        pages[rel] = list_page(corpus, lang, article_rel, directory_urls)
    return pages


def addition_of_page(corpus: Corpus, lang: str, rel: str) -> Addition | None:
    """The addition whose own page is at `rel`, or None."""
    found = corpus.memo(
        ("addition pages", lang),
        lambda: {addition_page_rel(lang, a.rel, a.region): a for a in corpus.local.additions if a.lang == lang},
    )
    return found.get(rel)


def notice(corpus: Corpus, lang: str, rel: str, data_href: str, directory_urls: bool = True) -> dict | None:
    """What an article with additions says of them (None without): the regions, linked to their
    pages (or the count and the list page), and what its script needs (``data_href``: the
    language's data folder, relative to the page)."""
    additions = corpus.additions(lang, rel)
    if not additions:
        return None
    here = page_url(lang, rel, directory_urls)
    link = lambda target: relative_href(here, page_url(lang, target, directory_urls))  # noqa: E731
    regions = [
        {"name": corpus.local.regions[a.region].name_in(lang), "href": link(addition_page_rel(lang, rel, a.region))}
        for a in additions
    ]
    many = len(regions) > INLINE_REGIONS
    return {
        "label": text(lang, "local_notice"),
        "regions": [] if many else regions,
        "many": text(lang, "local_notice_many", n=str(len(regions))) if many else "",
        "all_label": text(lang, "local_notice_all"),
        "all_href": link(local_list_rel(lang, rel)),
        "data": data_href,
        "key": rel,
        "choose": text(lang, "local_choose"),
        "kiosk_region": corpus.settings.kiosk_region if corpus.settings.kiosk else "",
    }


def addition_attribution(corpus: Corpus, lang: str, addition: Addition, provider_href: str) -> dict:
    """The attribution of an addition (partials/attribution.html): an article's, by whose region."""
    region = corpus.local.regions[addition.region].name_in(lang)
    found = attribution(addition, corpus.providers[addition.provider], lang, provider_href)
    return {**found, "supplied_by": text(lang, "local_supplied", region=region)}


_URL_ATTRIBUTE = re.compile(r'\b(href|src)="([^"]*)"')
_HEADING = re.compile(r"<(/?)h([1-5])\b")


def reaimed(html: str, from_url: str, to_url: str) -> str:
    """HTML written for the page at `from_url` with its relative links aimed from `to_url`
    (site-relative URLs); a link to a heading of the first page keeps leading there."""

    def one(match: re.Match) -> str:
        value = match.group(2)
        if scheme_of(value) is not None or value.startswith(("/", "?")):
            return match.group(0)
        path, hash_, anchor = value.partition("#")
        folder = from_url if from_url.endswith("/") else posixpath.dirname(from_url)
        target = (
            posixpath.normpath(posixpath.join(folder, path)) + ("/" if path.endswith("/") else "") if path else from_url
        )
        target = "" if target in (".", "./") else target
        return f'{match.group(1)}="{relative_href(to_url, target)}{hash_}{anchor}"'

    return _URL_ATTRIBUTE.sub(one, html)


def in_place(corpus: Corpus, lang: str, addition: Addition, html: str, directory_urls: bool = True) -> str:
    """The HTML an article shows of its addition for a chosen municipality
    (partials/local-in-place.html): the addition page's content, re-aimed at the article, one
    heading level down, under a heading with the region, with its attribution and a link to its
    own page."""
    own = page_url(lang, addition_page_rel(lang, addition.rel, addition.region), directory_urls)
    here = page_url(lang, addition.rel, directory_urls)
    region = corpus.local.regions[addition.region].name_in(lang)
    body = _HEADING.sub(lambda m: f"<{m.group(1)}h{int(m.group(2)) + 1}", reaimed(html, own, here))
    return render(
        "partials/local-in-place.html",
        region=addition.region,
        heading=text(lang, "local_heading", region=region),
        body=Markup(body),
        supplied=text(lang, "local_supplied", region=region),
        provider=corpus.providers[addition.provider].name_in(lang),
        reviewed_label=text(lang, "last_reviewed"),
        reviewed_iso=addition.reviewed.isoformat(),
        reviewed=format_date(addition.reviewed, lang),
        href=relative_href(here, own),
        title=addition_title(corpus, lang, addition),
    ).strip()


def regions_script(corpus: Corpus, lang: str) -> str:
    """The municipalities a citizen can choose, and the regions whose additions each sees (itself
    and the trusts that cover it), of those that have additions in `lang`."""
    having = {a.region for a in corpus.local.additions if a.lang == lang}
    choices = [
        {"id": r.id, "name": r.name_in(lang), "load": [x for x in corpus.local.regions_of(r.id) if x in having]}
        for r in corpus.local.regions.values()
        if r.kind == "municipality"
    ]
    choices.sort(key=lambda c: str(c["name"]).casefold())
    texts = {key.removeprefix("local_"): text(lang, key) for key in DIALOG_TEXTS}
    return _script("regions", {"choices": choices, "texts": texts})


def region_scripts(
    corpus: Corpus, lang: str, rendered: dict[tuple[str, str], str], directory_urls: bool
) -> dict[str, str]:
    """file name -> script of each region with additions in `lang`: article path -> its HTML in
    place. `rendered`: (article path, region) -> the addition page's content."""
    by_region: dict[str, dict[str, str]] = {}
    for addition in corpus.local.additions:
        html = rendered.get((addition.rel, addition.region))
        if addition.lang == lang and html is not None:
            by_region.setdefault(addition.region, {})[addition.rel] = in_place(
                corpus, lang, addition, html, directory_urls
            )
    files = {region_script(region): _script("r:" + region, found) for region, found in sorted(by_region.items())}
    files[REGIONS_SCRIPT] = regions_script(corpus, lang)
    return files


def _script(key: str, value: object) -> str:
    """A script that files `value` under `key` in self.HS_LOCAL (a script, not JSON: it loads from
    file:// and under the CSP's script-src 'self', as the search index does)."""
    data = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    data = data.replace("</", "<\\/").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"(self.HS_LOCAL=self.HS_LOCAL||{{}})[{json.dumps(key)}]={data};\n"
