"""The portal's layout as a citizen meets it, in Debian's Chromium (issue 27): the answer on a
phone's first screen, a search link that is a results page without layout shift, services
everywhere, a reading column, and a page that loads only what it uses, from one assets/.
"""

from __future__ import annotations

import pytest

from tools.pages import PAGE_TYPES

pytestmark = pytest.mark.browser

PHONES = [(375, 667), (320, 568)]
TITLED = ("article", "topic", "service", "services", "az", "statement")


@pytest.fixture(scope="module")
def served(sample_site, tmp_path_factory):
    """The sample site behind nginx with deploy/nginx.conf (gzip, as citizens get it)."""
    from tools.nginx import serve

    with serve(sample_site, tmp_path_factory.mktemp("nginx")) as base:
        yield base


@pytest.fixture(scope="module")
def chromium(browser):
    """Debian's Chromium (the session's, from conftest.py)."""
    return browser


TITLE_TOP = "(() => { const h = [...document.querySelectorAll('h1')].find(e => e.getClientRects().length); return h ? h.getBoundingClientRect().top + scrollY : null })()"


@pytest.mark.parametrize("width, height", PHONES, ids=[f"{w}x{h}" for w, h in PHONES])
@pytest.mark.parametrize("lang", list(PAGE_TYPES))
def test_the_title_is_in_the_top_200_px_on_a_phone(chromium, served, lang, width, height):
    page = chromium.new_page(viewport={"width": width, "height": height})
    found = {}
    for kind in TITLED:
        page.goto(served + PAGE_TYPES[lang][kind])
        found[kind] = page.evaluate(TITLE_TOP)
    page.close()
    late = {kind: top for kind, top in found.items() if top is None or top > 200}
    assert late == {}, f"{lang} at {width}px: titles start at {found}"


@pytest.mark.parametrize("lang", list(PAGE_TYPES))
def test_the_front_page_has_search_and_the_first_task_on_the_first_screen(chromium, served, lang):
    page = chromium.new_page(viewport={"width": 375, "height": 667})
    page.goto(served + PAGE_TYPES[lang]["front"])
    field = page.locator("#hs-search-input").bounding_box()
    tile = page.locator(".hs-tiles a").first.bounding_box()
    page.close()
    assert field["y"] + field["height"] <= 667
    assert tile["y"] < 667, tile  # the first task starts on the first screen


SHIFTS = """() => new Promise(resolve => {
  let total = 0;
  new PerformanceObserver(list => { for (const e of list.getEntries()) { if (!e.hadRecentInput) total += e.value; } })
    .observe({type: 'layout-shift', buffered: true});
  setTimeout(() => resolve(total), 1500);
})"""


@pytest.mark.parametrize("lang", list(PAGE_TYPES))
def test_a_search_link_is_a_results_page_without_layout_shift(chromium, served, lang):
    page = chromium.new_page(viewport={"width": 375, "height": 667})
    page.goto(served + PAGE_TYPES[lang]["search"])
    page.wait_for_selector(".hs-search__results li")
    shift = page.evaluate(SHIFTS)
    query = page.evaluate("new URLSearchParams(location.search).get('q')")
    assert shift == 0, f"layout shift {shift}"
    assert page.title().startswith(f"{query} – ") and page.title().endswith("Helsesider"), page.title()
    heading = page.locator("h1:visible")
    assert heading.count() == 1 and query in heading.inner_text()
    assert not page.locator(".hs-page__body").is_visible()  # the page's own content gives way
    page.close()


def test_back_restores_the_page_after_a_search(chromium, served):
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    page.goto(served + "lege/fastlege/")
    title = page.title()
    page.fill("#hs-search-input", "frikort")
    page.press("#hs-search-input", "Enter")
    page.wait_for_selector(".hs-search__results li")
    assert "q=frikort" in page.url and page.title().startswith("frikort – ")
    page.go_back()
    page.wait_for_function("!document.documentElement.classList.contains('hs-searching')")
    assert page.title() == title and page.locator(".hs-page__body h1").is_visible()
    page.close()


@pytest.mark.parametrize("lang", list(PAGE_TYPES))
def test_services_are_in_the_header_or_the_menu_of_every_page(chromium, served, lang):
    for width in (375, 1280):
        page = chromium.new_page(viewport={"width": width, "height": 800})
        for kind, path in PAGE_TYPES[lang].items():
            page.goto(served + path)
            link = page.locator(".hs-header__nav a[data-hs-nav=services]")
            if not link.is_visible():
                page.locator("[data-hs-toggle=hs-menu]").click()
                link = page.locator("#hs-menu a[data-hs-nav=services]")
            assert link.is_visible(), (lang, kind, width)
            page.click(f"{'#hs-menu' if width == 375 else '.hs-header__nav'} a[data-hs-nav=services]")
            assert page.locator("h1:visible").first.inner_text() in {
                "Alle tjenester",
                "Alle tenester",
                "All services",
                "Buot bálvalusat",
            }
        page.close()


def test_the_phone_menu_has_the_services_the_languages_and_the_emergency_numbers(chromium, served):
    page = chromium.new_page(viewport={"width": 375, "height": 667})
    page.goto(served + "lege/fastlege/")
    button = page.locator("[data-hs-toggle=hs-menu]")
    assert button.get_attribute("aria-expanded") == "false"
    button.click()
    assert button.get_attribute("aria-expanded") == "true"
    menu = page.locator("#hs-menu")
    assert menu.locator("a[hreflang=se]").is_visible() and menu.locator("a[href^='tel:113']").is_visible()
    items = menu.locator(".hs-menu__list a")
    lefts = {round(items.nth(i).bounding_box()["x"]) for i in range(items.count())}
    assert len(lefts) == 1, lefts  # aligned
    page.keyboard.press("Escape")
    assert button.get_attribute("aria-expanded") == "false" and not menu.is_visible()
    page.close()


def test_the_menu_lists_home_services_the_topics_a_to_z_and_the_languages(chromium, served):
    """The menu's links are copied from the header and the footer by hs-site.js: in the menu's
    order, the page's topic marked, each language once."""
    page = chromium.new_page(viewport={"width": 375, "height": 667})
    for path, current in [
        ("nn/lege/fastlege/", "Fastlege og reseptar"),
        ("nn/", "Framside"),
        ("nn/a-a/", "Innhald A–Å"),
    ]:
        page.goto(served + path)
        page.locator("[data-hs-toggle=hs-menu]").click()
        links = page.locator("#hs-menu .hs-menu__list a")
        labels = links.evaluate_all("as => as.map(a => [a.textContent.trim(), a.getAttribute('aria-current')])")
        assert [label for label, _ in labels] == [
            "Framside", "Tenester", "Akutt hjelp", "Betaling og refusjon", "Fastlege og reseptar",
            "Gravid, barn og unge", "Psykisk helse", "Rettar", "Innhald A–Å",
        ], path  # fmt: skip
        assert [label for label, mark in labels if mark] == [current], path
        assert all(links.nth(i).is_visible() for i in range(links.count())), path
        languages = page.locator("#hs-menu .hs-menu__languages a")
        assert languages.evaluate_all("as => as.map(a => [a.hreflang, a.getAttribute('aria-current')])") == [
            ["nb", None], ["nn", "true"], ["en", None], ["se", None],
        ], path  # fmt: skip
    page.goto(served + "nn/lege/fastlege/")
    hrefs = page.locator("#hs-menu .hs-menu__list a").evaluate_all("as => as.map(a => a.href)")
    assert hrefs[0] == served + "nn/" and hrefs[1] == served + "nn/tenester/" and hrefs[-1] == served + "nn/a-a/"
    page.close()


def test_the_language_button_is_readable_in_any_language_and_says_when_it_is_open(chromium, served):
    page = chromium.new_page(viewport={"width": 1280, "height": 800})
    page.goto(served + "se/")
    button = page.locator("[data-hs-toggle=hs-languages]")
    assert "Language" in button.inner_text() and button.get_attribute("aria-expanded") == "false"
    button.click()
    assert button.get_attribute("aria-expanded") == "true"
    names = page.locator("#hs-languages a").all_inner_texts()
    assert names == ["Bokmål", "Nynorsk", "English", "Davvisámegiella"]
    page.close()


LINE_LENGTHS = """() => {
  const out = [];
  for (const block of document.querySelectorAll('.hs-page__body p, .hs-page__body li')) {
    if (!block.getClientRects().length) continue;
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    const lines = new Map();
    let node;
    while ((node = walker.nextNode())) {
      const range = document.createRange();
      for (let i = 0; i < node.length; i++) {
        range.setStart(node, i); range.setEnd(node, i + 1);
        const rect = range.getClientRects()[0];
        if (!rect) continue;
        const top = Math.round(rect.top);
        lines.set(top, (lines.get(top) || 0) + 1);
      }
    }
    out.push(Math.max(0, ...lines.values()));
  }
  return Math.max(0, ...out);
}"""


@pytest.mark.parametrize("lang", list(PAGE_TYPES))
def test_text_runs_in_a_reading_column(chromium, served, lang):
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    found = {}
    for kind in ("article", "topic", "services", "service", "statement"):
        page.goto(served + PAGE_TYPES[lang][kind])
        found[kind] = page.evaluate(LINE_LENGTHS)
    page.close()
    assert max(found.values()) <= 80, found


def test_an_article_loads_at_most_45_kb_and_only_what_it_uses(chromium, served):
    """First load of an article on an empty cache, as transferred (gzip): HTML, CSS and JS."""
    context = chromium.new_context(viewport={"width": 375, "height": 667})
    page = context.new_page()
    loaded = []
    page.on("requestfinished", lambda request: loaded.append(request))
    page.goto(served + "lege/fastlege/", wait_until="networkidle")
    sizes = {r.url: r.sizes()["responseBodySize"] for r in loaded}
    total = sum(size for url, size in sizes.items() if url.split("?")[0].endswith((".css", ".js", "/")))
    scripts = [url for url in sizes if url.endswith(".js")]
    context.close()
    assert total <= 45 * 1024, sizes
    assert [url.rsplit("/", 1)[1].split(".")[0] for url in scripts] == ["hs-site"], (
        scripts
    )  # no search engine until a search
    assert all("/assets/" in url and "/nn/" not in url for url in sizes if url.endswith((".css", ".js")))


def test_the_search_engine_loads_when_a_search_starts(chromium, served):
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    scripts = []
    page.on("request", lambda request: scripts.append(request.url) if request.url.endswith(".js") else None)
    page.goto(served + "nn/lege/fastlege/", wait_until="networkidle")
    assert not any("hs-search" in url for url in scripts)
    page.fill("#hs-search-input", "sjukehus")
    page.press("#hs-search-input", "Enter")
    page.wait_for_selector(".hs-search__results li")
    assert any("hs-search" in url for url in scripts)
    page.close()


@pytest.mark.parametrize("path", ["", "lege/fastlege/", "a-a/", "tjenester/", "se/", "nn/lege/fastlege/"])
def test_at_most_a_fifth_of_the_css_a_page_loads_is_unused(chromium, served, path):
    """Chromium's rule usage: the bytes of the rules no element of the page matched, against the
    bytes of the stylesheets it loaded."""
    page = chromium.new_page(viewport={"width": 375, "height": 667})
    client = page.context.new_cdp_session(page)
    sheets: dict[str, int] = {}
    client.on(
        "CSS.styleSheetAdded",
        lambda event: sheets.__setitem__(event["header"]["styleSheetId"], event["header"]["length"]),
    )
    client.send("DOM.enable")
    client.send("CSS.enable")
    client.send("CSS.startRuleUsageTracking")
    page.goto(served + path, wait_until="networkidle")
    usage = client.send("CSS.stopRuleUsageTracking")["ruleUsage"]
    page.close()
    unused = sum(rule["endOffset"] - rule["startOffset"] for rule in usage if not rule["used"])
    total = sum(sheets.values())
    assert total and unused / total <= 0.20, f"{unused} of {total} bytes unused ({unused / total:.0%})"


def test_one_assets_folder_for_every_language_and_no_theme_leftovers(sample_site):
    assert (sample_site / "assets").is_dir()
    for lang in ("nn", "en", "se"):
        assert not (sample_site / lang / "assets").exists(), lang
    leftovers = [p for p in sample_site.rglob("*") if p.suffix == ".map" or "lunr" in p.parts or "workers" in p.parts]
    assert leftovers == []
    names = {p.name.split(".")[0] for p in (sample_site / "assets").rglob("*.*")}
    assert "bundle" not in names and "main" not in names
