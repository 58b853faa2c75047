"""Every partial the project renders from Python (helsesider/site/markup.py), with fixture
inputs: what it writes, and that text from partners and data/ is escaped (autoescaping on)."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from helsesider.site.markup import Markup, render

HOSTILE = '"><img src=x onerror=alert(1)>&'


def soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def no_injection(html: str) -> None:
    assert "<img" not in html and "onerror=alert" not in html.replace("onerror=alert(1)&gt;", "")
    assert soup(html).find("img") is None


def test_rows():
    html = render(
        "partials/rows.html",
        items=[
            {"href": "../a/", "title": "Fastlege", "description": "Om fastlegen."},
            {"href": "b/?x=1&y=2", "title": HOSTILE, "description": HOSTILE},
            {"href": "c/", "title": "Uten beskrivelse", "description": ""},
        ],
    )
    rows = soup(html).select("ul.hs-list > li.hs-list__item > a.hs-list__link")
    assert [a["href"] for a in rows] == ["../a/", "b/?x=1&y=2", "c/"]
    assert [a.select_one(".hs-list__title").get_text() for a in rows] == ["Fastlege", HOSTILE, "Uten beskrivelse"]
    assert rows[0].select_one(".hs-list__description").get_text() == "Om fastlegen."
    assert rows[2].select_one(".hs-list__description") is None  # no empty line under a title
    assert 'href="b/?x=1&amp;y=2"' in html
    no_injection(html)


def test_link_list():
    html = render("partials/link-list.html", cls="hs-az__entries", items=[{"href": "x/", "label": HOSTILE}])
    assert soup(html).ul["class"] == ["hs-az__entries"] and soup(html).a.get_text() == HOSTILE
    no_injection(html)


def test_az_bar_marks_letters_without_articles_for_screen_readers():
    html = render(
        "partials/az-bar.html",
        label="Bokstaver",
        empty="ingen artikler",
        letters=[{"shown": "A", "anchor": "bokstav-a"}, {"shown": "B", "anchor": ""}],
    )
    bar = soup(html)
    assert bar.nav["aria-label"] == "Bokstaver"
    assert bar.find("a", class_="hs-az-bar__link")["href"] == "#bokstav-a"
    empty = bar.find("span", class_="hs-az-bar__empty")
    assert empty.get_text() == "B – ingen artikler" and empty.find(class_="hs-visually-hidden")


def test_service_rows_and_links():
    rows = render(
        "partials/service-rows.html",
        free="Uten innlogging",
        services=[
            {"href": "innboks/", "id": "innboks", "name": "Innboks", "login": True},
            {"href": "x/?a=1&b=2", "id": "verktoy", "name": HOSTILE, "login": False},
        ],
    )
    links = soup(rows).select("ul.hs-list > li > a[data-hs-service]")
    assert [a["data-hs-service"] for a in links] == ["innboks", "verktoy"]
    assert [a.select_one(".hs-tag") is not None for a in links] == [False, True]  # only "no log-in" is tagged
    no_injection(rows)
    button = render("partials/service-links.html", part="button", button=Markup('<a class="ds-button">Logg inn</a>'))
    assert button == '<div class="hs-handoff-block"><a class="ds-button">Logg inn</a></div>'
    all_link = render("partials/service-links.html", part="all", href="../?a=1&b=2", label=HOSTILE)
    assert soup(all_link).a["href"] == "../?a=1&b=2" and soup(all_link).a.get_text() == HOSTILE
    no_injection(all_link)


def test_offsite_link_shows_address_and_code():
    html = render(
        "partials/offsite-link.html",
        url='https://example.org/?q="x"',
        inner=Markup("<b>Les mer</b>"),
        qr=Markup('<svg role="presentation"></svg>'),
        qr_label="QR-kode",
        scan=HOSTILE,
    )
    node = soup(html).find(class_="hs-offsite")
    assert node["data-hs-offsite"] == 'https://example.org/?q="x"'
    assert node.find(class_="hs-offsite__label").b.get_text() == "Les mer"
    assert node.find(class_="hs-offsite__qr").svg is not None
    assert node.find(class_="hs-offsite__url").get_text() == 'https://example.org/?q="x"'
    no_injection(html)


def test_redirect_page():
    html = render(
        "partials/redirect.html",
        lang="nn",
        title="Sida har flytta",
        text="Gå vidare til",
        href='../ny/?a="1"',
        canonical="https://example.org/nn/ny/",
    )
    page = soup(html)
    assert page.html["lang"] == "nn" and page.title.get_text() == "Sida har flytta"
    assert page.find("meta", attrs={"http-equiv": "refresh"})["content"] == '0; url=../ny/?a="1"'
    assert page.find("link", rel="canonical")["href"] == "https://example.org/nn/ny/"
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"


def test_handoff_partial_escapes_and_trusts_only_its_label_markup():
    data = {
        "kind": "button",
        "id": "innboks",
        "href": "https://x.example/innboks",
        "url": "https://x.example/innboks",
        "label_html": Markup("Logg inn for å bruke <em>Innboks</em>"),
        "name": HOSTILE,
        "description": "",
        "login": True,
        "login_text": HOSTILE,
        "login_badge": "Krever innlogging",
        "leaves_site": True,
    }
    html = render("partials/handoff.html", handoff=data)
    assert soup(html).a["data-variant"] == "primary" and soup(html).em.get_text() == "Innboks"
    no_injection(html)


@pytest.mark.parametrize("level", ["ring-113", "legevakt", "fastlege"])
def test_care_card(level):
    from helsesider.site.care_card_view import card

    html = render("partials/care-card.html", card=card("nb", level, None, "<ul><li>Noe</li></ul>"))
    section = soup(html).section
    assert section["class"] == ["hs-care", f"hs-care--{level}"]
    assert section["data-color"] == {"ring-113": "danger", "legevakt": "warning", "fastlege": "info"}[level]
    assert section.find(class_="hs-visually-hidden").get_text().strip()
    assert section.find(class_="hs-care__content").li.get_text() == "Noe"
    number = section.find("a", class_="hs-care__number")
    assert (number["href"] if number else None) == {"ring-113": "tel:113", "legevakt": "tel:116117", "fastlege": None}[
        level
    ]


def test_report_page():
    html = render("partials/report.html", title="Redaksjonell rapport", body=Markup("<h1>Rapport</h1><p>x &amp; y</p>"))
    page = soup(html)
    assert page.html["lang"] == "nb" and page.title.get_text() == "Redaksjonell rapport"
    assert page.main.h1.get_text() == "Rapport" and page.style is not None
    no_injection(render("partials/report.html", title=HOSTILE, body=Markup("")))


def test_sitemap():
    import xml.etree.ElementTree as ET

    xml = render(
        "partials/sitemap-xml.html",
        pages=[
            {
                "loc": "https://x.example/a/?b=1&c=2",
                "alternates": [
                    {"hreflang": "nb", "href": "https://x.example/a/"},
                    {"hreflang": "x-default", "href": 'https://x.example/"q"/'},
                ],
            },
            {"loc": "https://x.example/nn/", "alternates": []},
        ],
    )
    assert xml.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<urlset')
    root = ET.fromstring(xml)
    urls = root.findall("{http://www.sitemaps.org/schemas/sitemap/0.9}url")
    assert [u.find("{http://www.sitemaps.org/schemas/sitemap/0.9}loc").text for u in urls] == [
        "https://x.example/a/?b=1&c=2",
        "https://x.example/nn/",
    ]
    links = urls[0].findall("{http://www.w3.org/1999/xhtml}link")
    assert [(link.get("hreflang"), link.get("href")) for link in links] == [
        ("nb", "https://x.example/a/"),
        ("x-default", 'https://x.example/"q"/'),
    ]


def test_glossary_list():
    html = render(
        "partials/glossary.html",
        heading="Ord og uttrykk",
        show=HOSTILE,
        items=[{"anchor": "hs-ord-egenandel", "term": HOSTILE, "explanation": HOSTILE}],
    )
    page = soup(html)
    assert page.select_one("dt#hs-ord-egenandel").get_text() == HOSTILE and page.dd.get_text() == HOSTILE
    assert page.section["data-hs-show"] == HOSTILE
    no_injection(html)


def test_compiled_templates_are_kept_apart_by_environment():
    """Jinja's bytecode cache keys a template by its name and source; a partial compiled in the
    Python code's environment (autoescaped) must never be loaded into the theme's."""
    import jinja2

    from helsesider.site.markup import template_cache

    escaped = jinja2.Environment(autoescape=True)
    plain = jinja2.Environment(autoescape=False)
    patterns = {cache.pattern for cache in (template_cache(escaped), template_cache(plain)) if cache is not None}
    assert len(patterns) == 2
    assert template_cache(jinja2.Environment(autoescape=True)).pattern == template_cache(escaped).pattern


def test_templates_lose_their_indentation_but_not_inside_pre():
    """Dedent takes each line's indentation out of a template's source; the newline before it
    stays (words never run together) and <pre>/<textarea> keep theirs."""
    import jinja2

    from helsesider.site.markup import Dedent, template_cache

    source = '<ul>\n    <li>Ring\n      <a href="tel:113">113</a></li>\n</ul>\n<pre>\n    kode\n</pre>\n  <textarea>\n  x</textarea>'
    html = jinja2.Environment(extensions=[Dedent]).from_string(source).render()
    assert (
        html
        == '<ul>\n<li>Ring\n<a href="tel:113">113</a></li>\n</ul>\n<pre>\n    kode\n</pre>\n<textarea>\n  x</textarea>'
    )
    assert soup(html).li.get_text(" ", strip=True) == "Ring 113"
    plain = template_cache(jinja2.Environment())
    dedented = template_cache(jinja2.Environment(extensions=[Dedent]))
    assert plain is not None and dedented is not None and plain.pattern != dedented.pattern


def test_the_search_help_leads_to_the_front_page_s_topics_in_a_site_of_folders_and_of_files():
    """The "nothing found" help's links: in the kiosk (pages are files, opened from a folder on
    disk) a folder's address would show the folder's listing, so the link names index.html."""
    from helsesider.site.search_view import BASE, nothing_found

    assert nothing_found("nb", BASE, True)["topics"] == "{base}#hs-topics-heading"
    assert nothing_found("nn", BASE, True)["topics"] == "{base}nn/#hs-topics-heading"
    assert nothing_found("nb", BASE, False)["topics"] == "{base}index.html#hs-topics-heading"
    assert nothing_found("nn", BASE, False)["topics"] == "{base}nn/index.html#hs-topics-heading"
    assert nothing_found("nn", BASE, False)["az"] == "{base}nn/a-a.html"
    assert nothing_found("nb", "", True)["topics"] == "./#hs-topics-heading"
