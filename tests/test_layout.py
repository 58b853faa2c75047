"""What a citizen sees, measured in real Chromium on every page type in every language at 320, 375
and 1280 px (the page types are in tools/pages.py, shared with `make screenshots`):

- screen-reader-only text has no visible box;
- no readable text lies outside the viewport, also with the language menu open;
- the first 20 Tab stops are on screen and have a visible focus indicator;
- no horizontal scrolling; no English theme label on a page in another language;
- the A–Å bar takes at most 2 rows at 1280 px, empty letters are visible and not links;
- the front page's tiles and topic cards sit side by side at 1280 px, one column on a phone,
  without list bullets;
- long Norwegian words in titles never break without a hyphen;
- Esc closes the search results; the 404 page has a real title and the full footer;
- an article that fits one printed page prints on one, and the attribution is never alone on a page.
"""

from __future__ import annotations

import io
import re
import urllib.request

import pytest

from tools.pages import PAGE_TYPES, WIDTHS

pytestmark = pytest.mark.browser

CASES = [(lang, kind) for lang, types in PAGE_TYPES.items() for kind in types]

# Every element meant for screen readers only, and whether it shows a box
SR_ONLY = """() => [...document.querySelectorAll('[class*="visually-hidden"], [class*="sr-only"]')]
  .filter(el => { const r = el.getBoundingClientRect(); return r.width > 1 || r.height > 1; })
  .map(el => el.className + ': ' + el.textContent.trim().slice(0, 40))"""

# Text a reader can see: each text node's box, cut by every ancestor that clips it; what is
# left must lie inside the viewport
OUTSIDE = """() => {
  const vw = document.documentElement.clientWidth, found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent.trim();
    if (!text) continue;
    const el = node.parentElement;
    if (!el || el.closest('[hidden], script, style, svg, [class*="visually-hidden"], [class*="sr-only"]')) continue;
    const style = getComputedStyle(el);
    if (style.visibility !== 'visible' || parseFloat(style.opacity) === 0) continue;
    const range = document.createRange(); range.selectNodeContents(node);
    for (const rect of range.getClientRects()) {
      let left = rect.left, right = rect.right, top = rect.top, bottom = rect.bottom;
      for (let a = el; a && a !== document.documentElement; a = a.parentElement) {
        const s = getComputedStyle(a);
        if (s.opacity === '0' || s.visibility !== 'visible') { left = right; break; }
        if (s.overflowX !== 'visible' || s.overflowY !== 'visible' || s.clipPath !== 'none' || s.clip !== 'auto') {
          const c = a.getBoundingClientRect();
          left = Math.max(left, c.left); right = Math.min(right, c.right);
          top = Math.max(top, c.top); bottom = Math.min(bottom, c.bottom);
        }
      }
      if (right - left < 2 || bottom - top < 2) continue;
      if (left < -1 || right > vw + 1) found.push(text.slice(0, 40) + ' @ x=' + Math.round(left) + '..' + Math.round(right));
    }
  }
  return found;
}"""

FOCUS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const r = el.getBoundingClientRect(), s = getComputedStyle(el);
  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
  const shadow = s.boxShadow && s.boxShadow !== 'none';
  return {what: el.tagName + '.' + el.className + ' ' + (el.textContent || '').trim().slice(0, 30),
          onScreen: r.width > 0 && r.height > 0 && r.left >= -1 && r.right <= innerWidth + 1 && r.top >= -1 && r.bottom <= innerHeight + 1,
          visible: outline || shadow};
}"""

ENGLISH_THEME_LABELS = {
    "Header",
    "Footer",
    "Navigation",
    "Back to top",
    "Search",
    "Table of contents",
    "Select language",
    "Share",
    "Clear",
    "Skip to content",
}


@pytest.fixture(scope="module")
def phone_and_desktop(browser):
    pages = {width: browser.new_page(viewport={"width": width, "height": 800}) for width in WIDTHS}
    yield pages
    for page in pages.values():
        page.close()


def open_page(page, base: str, path: str):
    page.goto(base + path)
    if "?q=" in path:
        page.wait_for_selector(".hs-search__result", timeout=10000)


def layout_problems(page, lang: str) -> dict[str, list]:
    """What is wrong with the loaded page's layout (also used for the fixture language in
    tests/test_languages.py): screen-reader text with a box, text outside the viewport (also with
    the language menu open), horizontal scrolling, the theme's English labels on a page in another
    language."""
    problems = {}
    problems["screen-reader text with a visible box"] = page.evaluate(SR_ONLY)
    problems["text outside the viewport"] = page.evaluate(OUTSIDE)
    if not page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth"):
        problems["horizontal scroll"] = [page.evaluate("document.documentElement.scrollWidth")]
    if lang != "en":
        labels = page.evaluate(
            "() => [...document.querySelectorAll('[aria-label], [title]')]"
            ".map(el => el.getAttribute('aria-label') || el.getAttribute('title'))"
        )
        problems["English theme labels"] = sorted(set(labels) & ENGLISH_THEME_LABELS)
    # the language list open (the header's button, on screens wide enough to show it)
    switcher = page.locator("button[data-hs-toggle=hs-languages]")
    if switcher.count() and switcher.first.is_visible():
        switcher.first.click()
        problems["text outside the viewport, language menu open"] = page.evaluate(OUTSIDE)
        switcher.first.click()
    return problems


def tab_stop_problems(page) -> dict[str, list]:
    """The first 20 Tab stops that are off screen or have no visible focus indicator."""
    page.evaluate("window.scrollTo(0, 0); document.activeElement && document.activeElement.blur()")
    bad = []
    for stop in range(20):
        page.keyboard.press("Tab")
        found = page.evaluate(FOCUS)
        if found is None:
            break
        if not found["onScreen"] or not found["visible"]:
            bad.append((stop + 1, found))
    return {"tab stops off screen or without visible focus": bad}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(("lang", "kind"), CASES)
def test_layout_holds(phone_and_desktop, sample_server, lang, kind, width):
    page = phone_and_desktop[width]
    open_page(page, sample_server, PAGE_TYPES[lang][kind])
    problems = layout_problems(page, lang)
    assert {k: v for k, v in problems.items() if v} == {}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(("lang", "kind"), CASES)
def test_first_twenty_tab_stops_are_on_screen_with_visible_focus(phone_and_desktop, sample_server, lang, kind, width):
    page = phone_and_desktop[width]
    open_page(page, sample_server, PAGE_TYPES[lang][kind])
    assert tab_stop_problems(page) == {"tab stops off screen or without visible focus": []}


@pytest.mark.parametrize("lang", list(PAGE_TYPES))
def test_az_bar_is_a_bar_and_empty_letters_are_not_links(browser, sample_server, lang):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    open_page(page, sample_server, PAGE_TYPES[lang]["az"])
    rows = page.evaluate(
        "new Set([...document.querySelectorAll('.hs-az-bar li')].map(li => Math.round(li.getBoundingClientRect().top))).size"
    )
    assert 1 <= rows <= 2
    assert page.locator(".hs-az-bar ul, .hs-az-bar ol").count() == 1  # still a list for screen readers
    letters = page.evaluate(
        "[...document.querySelectorAll('.hs-az-bar li')].map(li => [li.innerText.trim(), !!li.querySelector('a')])"
    )
    empty = [letter for letter, linked in letters if not linked]
    assert empty, "the sample content leaves some letters empty"
    for li in page.locator(".hs-az-bar li").all():
        if li.locator("a").count() == 0:
            assert li.is_visible() and li.bounding_box()["width"] > 10
    page.close()


@pytest.mark.parametrize("lang", list(PAGE_TYPES))
def test_front_page_tiles_and_cards_form_a_grid(browser, sample_server, lang):
    for width, side_by_side in ((1280, True), (375, False)):
        page = browser.new_page(viewport={"width": width, "height": 800})
        open_page(page, sample_server, PAGE_TYPES[lang]["front"])
        for items in (".hs-tiles > li", ".hs-cards > li"):
            boxes = [li.bounding_box() for li in page.locator(items).all()]
            assert len(boxes) >= 3, items
            same_row = abs(boxes[0]["y"] - boxes[1]["y"]) < 2 and boxes[1]["x"] > boxes[0]["x"] + boxes[0]["width"] - 1
            assert same_row is side_by_side, (items, width)
            styles = page.evaluate(
                f"[...document.querySelectorAll('{items}')].map(li => getComputedStyle(li).listStyleType + '/' + getComputedStyle(li).display)"
            )
            assert all(not s.endswith("list-item") or s.startswith("none") for s in styles), styles
        lefts = {
            round(min(li.bounding_box()["x"] for li in page.locator(items).all()))
            for items in (".hs-tiles > li", ".hs-cards > li")
        }
        assert len(lefts) == 1, f"tiles and cards start at different x: {lefts}"
        page.close()


@pytest.mark.parametrize("width", [320, 375])
@pytest.mark.parametrize(
    "path",
    [
        "tilgjengelighet/",
        "nn/tilgjenge/",
        "rettigheter/henvisning-og-behandlingssted/",
        "betaling/europeisk-helsetrygdkort/",
        "nn/rettigheter/parorende-og-fullmakt/",
    ],
)
def test_long_words_in_titles_break_only_at_a_hyphen(browser, sample_server, width, path):
    page = browser.new_page(viewport={"width": width, "height": 800})
    page.goto(sample_server + path)
    broken = page.evaluate("""() => {
      const h1 = document.querySelector('.hs-page__body h1'), node = h1.firstChild, text = h1.textContent, out = [];
      const walker = document.createTreeWalker(h1, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const re = /\\S+/g; let m;
        while ((m = re.exec(n.textContent))) {
          const r = document.createRange(); r.setStart(n, m.index); r.setEnd(n, m.index + m[0].length);
          const lines = new Set([...r.getClientRects()].filter(x => x.width > 0).map(x => Math.round(x.top)));
          if (lines.size > 1 && !m[0].includes('\\u00ad') && !m[0].includes('-')) out.push(m[0]);
        }
      }
      return out;
    }""")
    assert broken == []
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    page.close()


@pytest.mark.parametrize("lang", list(PAGE_TYPES))
def test_escape_closes_the_search_results(browser, sample_server, lang):
    page = browser.new_page(viewport={"width": 375, "height": 800})
    page.goto(sample_server + PAGE_TYPES[lang]["front"])
    page.locator("#hs-search-input").fill("fastlege")
    page.locator("#hs-search-input").press("Enter")
    page.wait_for_selector(".hs-search__result")
    page.locator("#hs-search-input").focus()
    page.keyboard.press("Escape")  # from the field
    assert not page.locator(".hs-search__results").is_visible()
    assert page.evaluate("document.activeElement.id") == "hs-search-input"
    assert page.locator("#hs-search-input").input_value() == "fastlege"  # the query stays
    page.keyboard.type(" time")
    page.keyboard.press("Enter")
    page.wait_for_selector(".hs-search__result")
    page.wait_for_function("document.activeElement.id === 'hs-results-heading'")
    page.keyboard.press("Tab")  # into the results, then Esc
    assert page.evaluate("document.activeElement.classList.contains('hs-search__link')")
    page.keyboard.press("Escape")
    assert not page.locator(".hs-search__results").is_visible()
    assert page.evaluate("document.activeElement.id") == "hs-search-input"
    page.keyboard.press("Escape")  # a second Esc clears the field
    assert page.locator("#hs-search-input").input_value() == ""
    page.close()


@pytest.mark.parametrize(
    ("lang", "title", "statement"),
    [
        ("nb", "Fant ikke siden", "Tilgjengelighetserklæring"),
        ("nn", "Fann ikkje sida", "Tilgjengeerklæring"),
        ("en", "Page not found", "Accessibility statement"),
    ],
)
def test_404_page_has_a_title_and_the_full_footer(browser, sample_server, lang, title, statement):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(sample_server + PAGE_TYPES[lang]["404"])
    assert page.title().startswith(title) and page.title() != "Helsesider"
    link = page.locator(".hs-footer a", has_text=statement)
    assert link.count() == 1
    href = link.get_attribute("href")
    assert href.startswith("/"), href  # served at any address
    assert page.locator("#hs-languages a").count() == len(PAGE_TYPES)
    page.close()


def _pdf_pages(page, size: str = "A4") -> list[str]:
    from pypdf import PdfReader

    page.emulate_media(media="print")
    reader = PdfReader(io.BytesIO(page.pdf(format=size, print_background=True)))
    return [re.sub(r"\s+", " ", p.extract_text() or "") for p in reader.pages]


# A4 less the print margins of helsesider.css (15 mm each side), in CSS pixels
PRINT_WIDTH, PRINT_HEIGHT = round(180 / 25.4 * 96), round(267 / 25.4 * 96)


@pytest.mark.parametrize("lang", list(PAGE_TYPES))
def test_an_article_that_fits_one_page_prints_on_one(browser, sample_server, lang):
    """Every article whose printed layout is shorter than a page (measured at the page's width
    with the print stylesheet) prints on one page; the sample has such articles in every language."""
    import json as json_module

    listing = json_module.loads(
        urllib.request.urlopen(sample_server + ("" if lang == "nb" else f"{lang}/") + "api/v2/articles.json").read()
    )
    page = browser.new_page(viewport={"width": PRINT_WIDTH, "height": PRINT_HEIGHT})
    short = 0
    for entry in listing["articles"]:
        page.goto(sample_server + entry["url"].split("://", 1)[1].split("/", 1)[1])
        page.emulate_media(media="print")
        height = page.evaluate("document.querySelector('.hs-page__body').getBoundingClientRect().bottom + scrollY")
        if height < 0.9 * PRINT_HEIGHT:
            short += 1
            pages = _pdf_pages(page)
            assert len(pages) == 1, (entry["url"], height, [p[:60] for p in pages])
        page.emulate_media(media="screen")
    # at least one per language (there were two before the printed glossary list lengthened them)
    assert short >= 1, "no sample article short enough to test"
    page.close()


# A6 as well: the sample articles fit one A4 page, on A6 they run over several, so a page
# break falls near the attribution
@pytest.mark.parametrize("size", ["A4", "A6"])
@pytest.mark.parametrize(
    "path",
    [
        "lege/fastlege/",
        "akutt-hjelp/legevakt/",
        "rettigheter/klage-og-erstatning/",
        "nn/lege/fastlege/",
        "en/betaling/pasientreiser/",
        "psykisk-helse/hjelp-og-hjelpetelefoner/",
    ],
)
def test_the_attribution_never_stands_alone_on_a_printed_page(browser, sample_server, path, size):
    page = browser.new_page()
    page.goto(sample_server + path)
    heading = page.locator(".hs-attribution__heading").inner_text().strip()
    # the last words of the article: the end of what stands right before the attribution in print
    # (the glossary's list, "Ord og uttrykk", where the article has one)
    page.emulate_media(media="print")
    last_paragraph = page.evaluate("""() => {
      let el = document.querySelector('.hs-attribution').previousElementSibling;
      while (el && (el.matches('.hs-related, .hs-print-url') || !el.innerText.trim())) el = el.previousElementSibling;
      return el.innerText.trim();
    }""")
    pages = _pdf_pages(page, size)
    where = [i for i, text in enumerate(pages) if heading in text]
    assert where, "the attribution is printed"
    words = re.sub(r"\s+", " ", last_paragraph).split()
    assert " ".join(words[-3:]) in pages[where[0]], "the article's last words are on the attribution's page"
    page.close()
