"""The kiosk looks and behaves like a kiosk (issue 29), measured in Chromium on the bundle opened
from file:// at the screens kiosks have: 1080 × 1920 portrait, 1920 × 1080 and 1280 × 800
landscape. Written before the kiosk's stylesheet."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from conftest import block_outside

SCREENS = [(1080, 1920), (1920, 1080), (1280, 800)]
PAGES = [
    "index.html",
    "akutt-hjelp/index.html",
    "akutt-hjelp/legevakt.html",
    "a-a.html",
    "tjenester/index.html",
    "tjenester/innboks.html",
    "nn/lege/fastlege.html",
    "en/index.html",
    "se/index.html",
    "tilgjengelighet.html",
]

# Every target a finger can touch, visible, with its box; a link or a glossary word inside a
# sentence is the only exception WCAG 2.5.5 makes (its paragraph or list item has text of its own
# around it)
TARGETS = """() => {
  const found = [];
  for (const el of document.querySelectorAll('a[href], button, input, select, textarea, summary, [role=option], [tabindex="0"]')) {
    const box = el.getBoundingClientRect(), style = getComputedStyle(el);
    if (box.width === 0 || box.height === 0 || style.visibility === 'hidden') continue;
    if (el.closest('.hs-visually-hidden') || el.classList.contains('hs-skip')) continue;
    let block = el.parentElement;
    while (block && getComputedStyle(block).display.startsWith('inline')) block = block.parentElement;
    const words = (node) => node.textContent.replace(/\\s+/g, ' ').trim().length;
    const sentence = block && ['P', 'LI', 'DD', 'DT', 'TD', 'TH', 'BLOCKQUOTE', 'FIGCAPTION'].includes(block.tagName);
    const inline = ['inline', 'inline-block'].includes(style.display) && sentence && words(block) > words(el) + 2;
    found.push({tag: el.tagName, text: (el.textContent || el.value || '').trim().slice(0, 40), cls: el.className,
                w: Math.round(box.width), h: Math.round(box.height), right: box.right, inline: !!inline});
  }
  return found;
}"""


def small_targets(page) -> list[str]:
    return [
        f"{t['tag']} {t['text']!r} .{t['cls']} {t['w']}×{t['h']}"
        for t in page.evaluate(TARGETS)
        if not t["inline"] and (t["w"] < 48 or t["h"] < 48)
    ]


@pytest.mark.browser
@pytest.mark.parametrize("width,height", SCREENS)
def test_every_target_is_48_px_and_nothing_is_off_screen(browser, kiosk, width, height):
    inside = (kiosk / "kiosk").resolve().as_uri() + "/"
    context = browser.new_context(viewport={"width": width, "height": height})
    outside = block_outside(context, inside)
    page = context.new_page()
    small, wide = {}, {}
    for path in PAGES:
        page.goto(inside + path)
        small[path] = small_targets(page)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        if overflow > 0:
            wide[path] = overflow
    page.goto(inside + "index.html")
    page.locator("button[data-hs-toggle=hs-languages]").click()
    small["language menu"] = small_targets(page)
    page.goto(inside + "index.html?q=vondt+i+brystet")
    page.wait_for_selector(".hs-search__results li, .hs-alarm")
    small["search"] = small_targets(page)
    context.close()
    assert {k: v for k, v in small.items() if v} == {}
    assert wide == {}
    assert outside == []


@pytest.mark.browser
@pytest.mark.parametrize("width,height", SCREENS)
def test_no_menu_button_a_home_and_language_button_and_numbers_as_text(browser, kiosk, width, height):
    inside = (kiosk / "kiosk").resolve().as_uri() + "/"
    page = browser.new_page(viewport={"width": width, "height": height})
    for path in ("index.html", "akutt-hjelp/legevakt.html", "en/lege/fastlege.html", "a-a.html"):
        page.goto(inside + path)
        assert page.locator(".hs-header__menu").filter(visible=True).count() == 0, path  # no hamburger
        home = page.locator("a.hs-kiosk-home")
        assert home.is_visible() and home.bounding_box()["height"] >= 48, path
        assert page.locator("button[data-hs-toggle=hs-languages]").is_visible(), path
        assert page.locator("a[href^='tel:'], a[href^='TEL:']").count() == 0, path  # a kiosk cannot call
        number = page.locator(".hs-emergency__number").first
        assert number.inner_text().strip() == "113"
        assert float(number.evaluate("n => parseFloat(getComputedStyle(n).fontSize)")) >= 28, path
        body_text = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
        assert body_text >= 22, (path, body_text)  # large type: at least 22 px
    page.close()


@pytest.mark.browser
def test_the_front_page_fills_the_portrait_screen_with_tiles(browser, kiosk):
    """At 1080 × 1920 the first screen holds the search, the services and the topics as tiles
    (not an empty bottom quarter); every topic is a tile of its own."""
    inside = (kiosk / "kiosk").resolve().as_uri() + "/"
    page = browser.new_page(viewport={"width": 1080, "height": 1920})
    page.goto(inside + "index.html")
    tiles = page.locator("section.hs-topics .hs-card")
    assert tiles.count() >= 6
    boxes = [tiles.nth(i).bounding_box() for i in range(tiles.count())]
    assert all(b["height"] >= 96 for b in boxes)
    assert max(b["y"] + b["height"] for b in boxes) <= 1920  # every topic on the first screen
    services = page.locator(".hs-services li a")
    assert services.count() >= 3 and services.first.bounding_box()["y"] < 1920
    page.close()


@pytest.mark.browser
@pytest.mark.parametrize("width,height", SCREENS)
def test_kiosk_pages_pass_axe_at_kiosk_sizes(browser, kiosk, width, height):
    from test_kiosk import kiosk_axe

    paths = ("index.html", "akutt-hjelp/legevakt.html", "a-a.html", "en/services/index.html")
    assert kiosk_axe(browser, kiosk, paths, width, height) == {}


@pytest.mark.browser
def test_idle_reset_returns_to_the_default_language_with_menus_closed_and_no_way_back(browser, kiosk):
    """The next patient finds the kiosk as it starts: Bokmål's front page, every menu closed,
    and Back does not show the last patient's page."""
    inside = (kiosk / "kiosk").resolve().as_uri() + "/"
    page = browser.new_page(viewport={"width": 1080, "height": 1920})
    page.goto(inside + "index.html")
    page.locator("section.hs-topics a").first.click()
    page.wait_for_url("**/akutt-hjelp/index.html")
    page.goto(inside + "en/lege/fastlege.html")
    page.locator("button[data-hs-toggle=hs-languages]").click()
    assert page.locator("#hs-languages").is_visible()
    page.evaluate("window.HsKiosk.setIdle(1)")
    page.wait_for_url(inside + "index.html", timeout=5000)
    assert page.locator("html").get_attribute("lang") == "nb"
    assert page.locator("[aria-expanded=true]").count() == 0
    page.go_back()
    page.wait_for_timeout(500)
    assert page.url == inside + "index.html"  # the last session's pages send Back home
    assert page.locator("html").get_attribute("lang") == "nb"
    page.close()


def test_a_refused_kiosk_setting_stops_the_build_with_one_message_and_its_line(fixture_site, tmp_path):
    """kiosk_idle_seconds below its limit: one line naming data/site.yml and its line, printed
    once (not once per language's log), and nothing built."""
    import subprocess
    import sys

    fixture_site.write("data/site.yml", "review_years: 3\n# idle\nkiosk_idle_seconds: 10\nkiosk_language: xx\n")
    dist = tmp_path / "dist"
    result = subprocess.run(
        [sys.executable, "-m", "helsesider.publish.build", "--root", str(fixture_site.path), "--site-dir", str(dist)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert (
        result.stdout.count(
            "data/site.yml:3:1: error: kiosk_idle_seconds must be a whole number of seconds from 30 to 3600"
        )
        == 1
    )
    assert result.stdout.count("data/site.yml:4:1: error: kiosk_language must be one of the site's languages") == 1
    assert "stopped before building" in result.stderr and not dist.exists()


def test_kiosk_language_chooses_the_front_page_an_idle_kiosk_returns_to():
    from types import SimpleNamespace

    from helsesider import locales
    from helsesider.settings import Settings
    from helsesider.site.chrome import kiosk_language

    locales.use(locales.PACKAGE_ROOT)
    assert kiosk_language(SimpleNamespace(settings=Settings())) == "nb"  # the default language
    assert kiosk_language(SimpleNamespace(settings=Settings(kiosk_language="nn"))) == "nn"


@pytest.mark.browser
def test_the_search_help_s_links_open_pages_from_the_folder(browser, kiosk):
    """No results: "Innhold A–Å" and "Alle temaer" lead to files of the bundle, not to a folder
    (which a browser shows as a listing from disk)."""
    inside = (kiosk / "kiosk").resolve().as_uri() + "/"
    page = browser.new_page(viewport={"width": 1080, "height": 1920})
    for path in ("index.html", "lege/fastlege.html", "nn/index.html"):
        page.goto(inside + path + "?q=pannekaker")
        page.locator(".hs-search__none").wait_for(state="visible")
        links = page.locator(".hs-search__none a")
        hrefs = links.evaluate_all("as => as.filter(a => a.protocol === 'file:').map(a => a.href)")
        assert len(hrefs) == 2, (path, hrefs)
        for href in hrefs:
            target = Path(unquote(urlsplit(href).path))
            assert target.is_file(), (path, href)
    page.close()
