"""Local additions (issue 30, first part): regions and their additions to national articles are
read and checked like everything a partner writes, each problem with its file and line."""

from __future__ import annotations

import pytest
from test_gate import run_check

from conftest import ROOT, article

REGION = "data/regions.yml"
ADDITION = "local/eksempel-kommune/nb/lege/a.md"
GOOD = "---\nprovider: eksempel-kommune\nreviewer: Ola Eksempel, lege\nreviewed: 2026-11-20\n---\n\n"


@pytest.fixture
def site(fixture_site):
    fixture_site.write("docs/nb/lege/a.md", article(body="## Del\n\nTekst."))
    return fixture_site


def test_the_sample_regions_and_additions_pass_the_check():
    from helsesider.content.corpus import load_corpus
    from helsesider.content.local import load_local
    from helsesider.settings import load

    settings = load(ROOT)
    corpus = load_corpus(ROOT, settings)
    local = load_local(ROOT, corpus.articles, corpus.providers, settings)
    assert local.findings == []
    assert len(local.regions) == 3 and {r.kind for r in local.regions.values()} == {"municipality", "health-trust"}
    nb = {a.rel for a in local.additions if a.lang == "nb"}
    assert len(nb) >= 4 and {a.lang for a in local.additions} >= {"nb", "nn", "en"}


@pytest.mark.parametrize(
    "rel, content, line, message",
    [
        (ADDITION, GOOD + "Ring [116 117](tel:116117).", None, None),
        (ADDITION, GOOD.replace("reviewer: Ola Eksempel, lege\n", ""), 1, "reviewer: required field is missing"),
        (ADDITION, GOOD.replace("2026-11-20", "2026-02-30"), 4, "is not a real date"),
        (ADDITION, GOOD + "Tekst.\n\nSe [her](http://kommune.example.org/a).", 9, "use https://"),
        (ADDITION, GOOD + "Tekst.\n\n<script>alert(1)</script>", 9, "<script> is not allowed"),
        (ADDITION, GOOD + "Ring [113](tel:116117).", 7, "shows the number 113 but dials 116117"),
        (ADDITION, GOOD + "Se [fastlege](finnes-ikke.md).", 7, "no article docs/nb/lege/finnes-ikke.md"),
        (ADDITION, GOOD + "::: ukjent\n- x\n:::\n", 7, "unknown care card level"),
        ("local/ukjent-kommune/nb/lege/a.md", GOOD + "Tekst.", 1, "with a region of data/regions.yml"),
        ("local/eksempel-kommune/nb/lege/b.md", GOOD + "Tekst.", 1, "no national article docs/nb/lege/b.md"),
        ("local/eksempel-kommune/nb/lege/bilde.png", b"\\x89PNG", 1, "only local additions (.md files)"),
    ],
)
def test_an_addition_is_checked_like_an_article(site, rel, content, line, message):
    site.write(rel, content)
    result = run_check(site)
    if message is None:
        assert result.returncode == 0, result.stdout
        return
    assert any(found.startswith(f"{rel}:{line}:") and message in found for found in result.stdout.splitlines()), (
        result.stdout
    )


@pytest.mark.parametrize(
    "entry, message",
    [
        ("x-kommune:\n  name:\n    nn: X\n  kind: municipality\n", "name.nb is missing"),
        ("x-kommune:\n  name:\n    nb: X\n  kind: fylke\n", "kind must be municipality or health-trust"),
        ("x-hf:\n  name:\n    nb: X\n  kind: health-trust\n  covers: [eksempel-hf]\n", "which is not a municipality"),
        ("x-kommune:\n  name:\n    nb: X\n  kind: municipality\n  covers: [fjordby-kommune]\n", "only a health trust"),
    ],
)
def test_region_problems_have_their_line(site, entry, message):
    path = site.path / REGION
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "\n" + entry, encoding="utf-8")
    line = len((text + "\n").splitlines()) + 1
    result = run_check(site)
    assert any(found.startswith(f"{REGION}:{line}:") and message in found for found in result.stdout.splitlines()), (
        result.stdout
    )


# ---- on the site: pages, the notice, the chooser, search and the kiosk (issue 30, second part)

LEGEVAKT = "akutt-hjelp/legevakt/"
OWN_PAGE = "akutt-hjelp/legevakt/lokalt/eksempel-kommune/"


def test_an_addition_page_reaims_its_links_from_the_articles_place():
    import datetime as dt

    from helsesider.content.model import Addition
    from helsesider.site.local_view import reaimed, rebased_body

    addition = Addition(
        "local/x/nb/lege/a.md", "x", "nb", "lege/a.md", "x", "R", dt.date(2026, 1, 1), dt.date(2029, 1, 1),
        "Se [fastlege](fastlege.md#bytte), [A–Å](../a-a.md), [her](#del), [nett](https://x.example.org/a.md) "
        "og [engelsk](../../en/lege/gp.md).", 6,
    )  # fmt: skip
    body = rebased_body(addition, "nb")
    assert "(../../fastlege.md#bytte)" in body and "(../../../a-a.md)" in body
    assert "(#del)" in body and "(https://x.example.org/a.md)" in body and "(../../../../en/lege/gp.md)" in body
    # the addition page's HTML shown in the article: its links lead where they led
    html = '<a href="../../../fastlege/#bytte">a</a> <a href="#del">b</a> <a href="tel:113">c</a> <img src="../../../bilde.png">'
    shown = reaimed(html, "lege/a/lokalt/x/", "lege/a/")
    assert '"../fastlege/#bytte"' in shown and '"lokalt/x/#del"' in shown and '"tel:113"' in shown
    assert 'src="../bilde.png"' in shown
    assert (
        reaimed('<a href="../../fastlege.html">a</a>', "lege/a/lokalt/x.html", "lege/a.html")
        == '<a href="fastlege.html">a</a>'
    )


def test_each_addition_has_its_page_with_its_attribution_and_the_article_links_to_it(sample_site):
    from bs4 import BeautifulSoup

    def soup(rel):
        return BeautifulSoup((sample_site / rel / "index.html").read_text(encoding="utf-8"), "html.parser")

    page = soup(OWN_PAGE)
    assert page.select_one("h1.hs-title").get_text() == "Legevakt: Eksempel kommune (eksempel)"
    assert "Eksempelveien 1" in page.select_one(".hs-prose").get_text()
    credit = page.select_one(".hs-attribution__provider").get_text(" ", strip=True)
    assert credit.startswith("Lokal informasjon for Eksempel kommune (eksempel), levert av Eksempel kommune")
    assert page.select_one(".hs-local-national a")["href"] == "../../"
    article = soup(LEGEVAKT)
    notice = article.select_one(".hs-local-notice")
    assert [a["href"] for a in notice.select("a")] == ["lokalt/eksempel-kommune/"]
    assert notice["data-hs-local"] == "../../search/" and notice["data-hs-local-key"] == "akutt-hjelp/legevakt.md"
    assert "Eksempelveien" not in article.get_text()  # in place only for a chosen municipality
    listing = soup("akutt-hjelp/legevakt/lokalt/")
    assert [a["href"] for a in listing.select(".hs-prose li a")] == ["eksempel-kommune/"]
    # nn and en have theirs; A–Å and the topic pages stay national
    assert (sample_site / "nn" / OWN_PAGE / "index.html").is_file()
    assert (sample_site / "en/akutt-hjelp/legevakt/local/eksempel-kommune/index.html").is_file()
    assert "Eksempel kommune" not in soup("a-a").select_one(".hs-page__body").get_text()
    assert "Eksempel kommune" not in soup("akutt-hjelp").select_one(".hs-page__body").get_text()
    assert "lokalt/eksempel-kommune/" in (sample_site / "sitemap.xml").read_text(encoding="utf-8")


def test_the_region_scripts_hold_the_additions_and_a_trust_is_seen_from_its_municipalities(sample_site):
    import json

    def data(name):
        text = (sample_site / "search" / name).read_text(encoding="utf-8")
        return json.loads(text.split("]=", 1)[1].rstrip(";\n"))

    regions = data("hs-local-regions.js")
    choices = {c["id"]: c for c in regions["choices"]}
    assert regions["texts"]["filter"] == "Søk etter kommune"
    assert set(choices) == {"eksempel-kommune", "fjordby-kommune"}  # municipalities; a trust is not chosen
    assert choices["fjordby-kommune"]["load"] == ["fjordby-kommune", "eksempel-hf"]
    own = data("hs-local-eksempel-kommune.js")
    assert set(own) == {"akutt-hjelp/legevakt.md", "familie/helsestasjon.md"}
    assert 'href="lokalt/eksempel-kommune/"' in own["akutt-hjelp/legevakt.md"]
    assert "<h2" in own["akutt-hjelp/legevakt.md"] and "levert av" in own["akutt-hjelp/legevakt.md"]


def test_an_addition_with_a_link_to_a_missing_article_names_its_file_in_the_build(fixture_site):
    fixture_site.write("docs/nb/lege/a.md", article(body="## Del\n\nTekst."))
    fixture_site.write(ADDITION, GOOD + "Se [b](b.md).")
    result = fixture_site.build()
    assert result.returncode != 0 and f"{ADDITION}:7:" in result.stderr + result.stdout


@pytest.mark.browser
@pytest.mark.parametrize("width", [320, 1280])
def test_a_citizen_chooses_a_municipality_once_and_sees_its_additions_in_place(browser, sample_server, width):
    from axe_playwright_python.sync_playwright import Axe
    from test_accessibility import violations

    from conftest import block_outside

    context = browser.new_context(viewport={"width": width, "height": 900})
    outside = block_outside(context, sample_server)
    page = context.new_page()
    page.goto(sample_server)
    footer = page.locator("[data-hs-local-choice]")
    assert footer.is_visible() and "ingen valgt" in footer.inner_text()
    footer.locator("button").click()
    dialog = page.locator("dialog.hs-local-dialog")
    dialog.wait_for()  # opens with the list of municipalities, loaded on the first click
    assert page.evaluate("document.activeElement.id") == "hs-local-filter"
    page.keyboard.type("fjord")
    assert dialog.locator(".hs-local-dialog__choice:visible").all_inner_texts() == ["Fjordby kommune (eksempel)"]
    page.keyboard.type("xx")
    assert dialog.locator(".hs-local-dialog__none").inner_text() == "Ingen kommune passer til søket."
    assert violations(Axe(), page) == []
    page.keyboard.press("Escape")
    assert not dialog.is_visible()
    assert page.evaluate("document.activeElement.hasAttribute('data-hs-local-choose')")  # back on its button
    # chosen on an article, remembered on the next
    page.goto(sample_server + "rettigheter/henvisning-og-behandlingssted/")
    page.locator(".hs-local-notice__choose").click()
    page.locator(".hs-local-dialog__choice", has_text="Fjordby").click()  # waits for the dialog
    local = page.locator(".hs-local")
    local.wait_for()
    assert (
        "Eksempel helseforetak" in local.inner_text() and "levert av" in local.inner_text()
    )  # the trust covers Fjordby
    assert page.locator(".hs-local-notice__choose").inner_text() == "Bytt kommune"
    page.goto(sample_server + "familie/helsestasjon/")
    page.locator(".hs-local").wait_for()
    assert page.locator(".hs-local h2").all_inner_texts() == ["Lokal informasjon for Fjordby kommune (eksempel)"]
    assert violations(Axe(), page) == []
    page.goto(sample_server + LEGEVAKT)  # Fjordby has nothing to add here
    page.wait_for_load_state("networkidle")
    assert page.locator(".hs-local").count() == 0
    stored = page.evaluate("localStorage.getItem('hs-municipality')")
    assert '"fjordby-kommune"' in stored and context.cookies() == [] and outside == []
    context.close()


@pytest.mark.browser
def test_search_leaves_out_other_municipalities_additions_once_one_is_chosen(browser, sample_server):
    context = browser.new_context()
    page = context.new_page()

    def results(query):
        page.goto(sample_server + "?q=" + query)
        page.wait_for_selector(".hs-search__results li")
        return [t.split(" – ")[0] for t in page.locator(".hs-search__results .hs-search__link").all_inner_texts()]

    everyone = results("helsestasjon")
    assert "Helsestasjon og skolehelsetjeneste: Fjordby kommune (eksempel)" in everyone
    assert "Helsestasjon og skolehelsetjeneste: Eksempel kommune (eksempel)" in everyone
    assert everyone[0] == "Helsestasjon og skolehelsetjeneste"  # the national article first
    page.evaluate(
        "localStorage.setItem('hs-municipality', JSON.stringify("
        "{id: 'eksempel-kommune', name: 'Eksempel kommune', load: ['eksempel-kommune', 'eksempel-hf']}))"
    )
    chosen = results("helsestasjon")
    assert "Helsestasjon og skolehelsetjeneste: Eksempel kommune (eksempel)" in chosen
    assert not any("Fjordby" in title for title in chosen)
    context.close()


@pytest.mark.browser
def test_without_script_the_article_links_to_its_additions(browser, sample_server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(sample_server + LEGEVAKT)
    assert not page.locator(".hs-local-notice__choose").is_visible()
    assert not page.locator("[data-hs-local-choice]").is_visible()
    page.locator(".hs-local-notice a").click()
    assert page.url == sample_server + OWN_PAGE and "Eksempelveien 1" in page.locator(".hs-prose").inner_text()
    context.close()


@pytest.mark.browser
def test_the_kiosk_shows_its_municipalitys_additions_in_place_from_file(browser, kiosk):
    page = browser.new_page(viewport={"width": 1080, "height": 1920})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto((kiosk / "kiosk" / "rettigheter" / "henvisning-og-behandlingssted.html").as_uri())
    page.locator(".hs-local").wait_for()
    assert "Lokal informasjon for Eksempel helseforetak (eksempel)" in page.locator(".hs-local h2").inner_text()
    page.goto((kiosk / "kiosk" / "akutt-hjelp" / "legevakt.html").as_uri())
    page.locator(".hs-local").wait_for()
    assert page.locator(".hs-local .hs-tel").count() >= 2 and page.locator(".hs-local a[href^='tel:']").count() == 0
    assert page.locator(".hs-local-notice__choose").count() == 0 and page.locator("[data-hs-local-choice]").count() == 0
    assert errors == []
    page.close()
