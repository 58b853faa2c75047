"""Debian's Chromium as the tests, the benchmarks and the screenshots drive it (Playwright cannot
download its own browsers here)."""

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# A page loads its search engine (hs-search.js) only when a search starts: the field is focused,
# a query sent, or the address has ?q=. This starts it as focusing the field would, also where
# the field is folded into the header, and waits until the engine is there.
START_SEARCH = (
    "() => { const f = document.getElementById('hs-search-input');"
    " if (f) { f.dispatchEvent(new FocusEvent('focus')); } }"
)


def start_search(page, timeout: float = 30000) -> None:
    """Load the page's search engine (window.HsSearch) as a reader starting a search would."""
    page.evaluate(START_SEARCH)
    page.wait_for_function("window.HsSearch !== undefined", timeout=timeout)
