"""The hand-off to the logged-in services: the front page's "Hva vil du gjøre?" tiles, the page
listing every service, one page per service, and ``[text](service:<id>)`` links in articles.

Every hand-off link, badge and tile is rendered by one template, ``overrides/partials/handoff.html``,
from the dict ``handoff()`` returns: the build renders it here with Jinja (for generated pages
and article links) and the theme includes it (front page tiles), so they cannot drift apart.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import TYPE_CHECKING

from helsesider.content.links import scheme_of
from helsesider.content.registry import SERVICE_GROUPS, Service
from helsesider.gate.scan import body_scan
from helsesider.settings import Settings
from helsesider.site import routes
from helsesider.site.collation import sort_key
from helsesider.site.markup import Markup, render
from helsesider.site.page_text import front_matter
from helsesider.site.routes import all_services_rel, service_page_rel
from helsesider.site.texts import text
from helsesider.site.urls import page_url, relative_href

if TYPE_CHECKING:
    from helsesider.content.corpus import Corpus

PARTIAL = "partials/handoff.html"
# What Python-Markdown makes of [text](service:id)
_SERVICE_LINK = re.compile(r'<a href="service:([^"]*)"((?: title="[^"]*")?)>(.*?)</a>', re.S)


def service_rels(corpus: Corpus, lang: str) -> set[str]:
    return routes.service_rels(lang, corpus.services)


def handoff(
    service: Service,
    lang: str,
    settings: Settings,
    kind: str,
    label_html: str | None = None,
    page_href: str | None = None,
) -> dict:
    """What the hand-off partial needs. kind: 'link' (in running text), 'button' (a service's
    page) or 'tile' (front page, list of services: leads to the service's page when it needs
    login, straight to the service when it does not)."""
    name = service.name[lang]
    if label_html is None:
        label_html = html.escape(
            text(lang, "handoff_login" if service.login else "handoff_open", name=name) if kind == "button" else name
        )
    url = service.url(settings.services_base_url)
    return {
        "kind": kind,
        "id": service.id,
        "href": page_href if kind == "tile" and service.login and page_href else url,
        "url": url,
        "label_html": label_html,
        "name": name,
        "description": service.description[lang] if kind == "tile" else "",
        "login": service.login,
        "login_text": text(lang, "login_required"),
        "login_badge": text(lang, "login_badge"),
        "leaves_site": not (kind == "tile" and service.login and page_href),
    }


def render_handoff(root: Path, data: dict) -> Markup:
    """The hand-off partial rendered with `data` (one line of HTML)."""
    return Markup(" ".join(render(PARTIAL, root, handoff=data).split()))


def rewrite_links(rendered: str, corpus: Corpus, lang: str) -> str:
    """An article's HTML with every service: link turned into a hand-off link (unknown ids are
    validation errors before the build gets here; they are left as they are)."""
    if "service:" not in rendered:
        return rendered

    def replace(match: re.Match) -> str:
        service = corpus.services.get(html.unescape(match.group(1)).strip())
        if service is None:
            return match.group(0)
        return render_handoff(
            corpus.root, handoff(service, lang, corpus.settings, "link", label_html=Markup(match.group(3)))
        )

    return _SERVICE_LINK.sub(replace, rendered)


def front_tiles(corpus: Corpus, lang: str, here: str, directory_urls: bool) -> dict:
    """The front page's "Hva vil du gjøre?" block (``page.meta.hs_services``)."""
    tiles = []
    for sid in corpus.settings.front_services:
        service = corpus.services.get(sid)
        if service is not None:
            href = relative_href(here, page_url(lang, service_page_rel(lang, sid), directory_urls))
            tiles.append(handoff(service, lang, corpus.settings, "tile", page_href=href))
    return {
        "heading": text(lang, "services_heading"),
        "tiles": tiles,
        "all_label": text(lang, "services_all"),
        "all_href": relative_href(here, page_url(lang, all_services_rel(lang), directory_urls)),
    }


def all_services_page(corpus: Corpus, lang: str, directory_urls: bool = True) -> str:
    """Every service, by group, as compact rows; that they need log-in is said once."""
    rel = all_services_rel(lang)
    here = page_url(lang, rel, directory_urls)
    lines = [
        front_matter(text(lang, "services_title"), text(lang, "services_intro")),
        html.escape(text(lang, "services_login_note")) + "\n{: .hs-lead }",
        "",
    ]
    for group in SERVICE_GROUPS:
        members = sorted(
            (s for s in corpus.services.values() if s.group == group), key=lambda s: sort_key(s.name[lang], lang)
        )
        if not members:
            continue
        rows = [
            {
                "href": relative_href(here, page_url(lang, service_page_rel(lang, s.id), directory_urls)),
                "id": s.id,
                "name": s.name[lang],
                "login": s.login,
            }
            for s in members
        ]
        lines += [
            f"## {html.escape(text(lang, 'service_group_' + group))}",
            "",
            render("partials/service-rows.html", corpus.root, services=rows, free=text(lang, "login_free")),
            "",
        ]
    return "\n".join(lines) + "\n"


def linking_articles(corpus: Corpus, lang: str, service_id: str) -> list:
    """The articles of `lang` that hand off to the service, from the links the content check
    found in them (one pass over the language's articles, for all services)."""
    return corpus.memo(("service links", lang), lambda: _service_links(corpus, lang)).get(service_id, [])


def _service_links(corpus: Corpus, lang: str) -> dict[str, list]:
    found: dict[str, list] = {}
    for article in corpus.articles[lang].values():
        for link in body_scan(corpus, article).links:
            if scheme_of(link.target) == "service":
                articles = found.setdefault(link.target.split(":", 1)[1].strip(), [])
                if article not in articles:
                    articles.append(article)
    return found


def service_page(corpus: Corpus, lang: str, service_id: str, directory_urls: bool = True) -> str:
    """One service: what it does, who can use it, the hand-off button, and articles about it."""
    service = corpus.services[service_id]
    rel = service_page_rel(lang, service_id)
    here = page_url(lang, rel, directory_urls)
    name, description = service.name[lang], service.description[lang]
    who = [text(lang, "who_login") if service.login else text(lang, "who_open")]
    if service.login and service.youth:
        who.append(text(lang, "who_youth"))
    if service.on_behalf:
        who.append(text(lang, "who_behalf"))
    button = render_handoff(corpus.root, handoff(service, lang, corpus.settings, "button"))
    lines = [
        front_matter(name, description),
        html.escape(description) + "\n{: .hs-lead }",
        "",
        f"## {html.escape(text(lang, 'service_who'))}",
        "",
    ]
    lines += [html.escape(paragraph) + "\n" for paragraph in who]
    lines += [render("partials/service-links.html", corpus.root, part="button", button=button), ""]
    articles = sorted(linking_articles(corpus, lang, service_id), key=lambda a: sort_key(a.title, lang))
    if articles:
        items = [
            {"href": relative_href(here, page_url(lang, a.rel, directory_urls)), "label": a.title} for a in articles
        ]
        lines += [
            f"## {html.escape(text(lang, 'service_articles'))}",
            "",
            render("partials/link-list.html", corpus.root, cls="hs-list", items=items),
            "",
        ]
    all_href = relative_href(here, page_url(lang, all_services_rel(lang), directory_urls))
    lines.append(
        render("partials/service-links.html", corpus.root, part="all", href=all_href, label=text(lang, "services_all"))
    )
    return "\n".join(lines) + "\n"


def service_pages(corpus: Corpus, lang: str, directory_urls: bool = True) -> dict[str, str]:
    pages = {all_services_rel(lang): all_services_page(corpus, lang, directory_urls)}
    for sid in corpus.services:
        pages[service_page_rel(lang, sid)] = service_page(corpus, lang, sid, directory_urls)
    return pages
