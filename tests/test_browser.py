"""Browser tests in real headless Chromium: pages in each language load cleanly and stay local."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser

PAGES = [
    ("nb", "", "Helse og helsetjenester"),
    ("nb", "lege/fastlege/", "Fastlege"),
    ("nn", "nn/lege/fastlege/", "Fastlege"),
    ("en", "en/lege/fastlege/", "General practitioner (fastlege)"),
    ("nn", "nn/samarbeidspartnere/eksempel-kommune/", "Døme kommune, helse og omsorg (dømeleverandør)"),
    ("se", "se/lege/fastlege/", "Fástadoavttir"),
]


@pytest.mark.parametrize("lang, path, heading", PAGES)
def test_page_loads_without_errors_or_foreign_requests(browser, sample_server, lang, path, heading):
    page = browser.new_page()
    problems, foreign = [], []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("requestfailed", lambda request: problems.append(f"failed: {request.url}"))
    local = urlsplit(sample_server).netloc
    page.on(
        "request",
        lambda request: (
            foreign.append(request.url)
            if urlsplit(request.url).scheme in ("http", "https", "ws", "wss") and urlsplit(request.url).netloc != local
            else None
        ),
    )
    response = page.goto(sample_server + path, wait_until="networkidle")
    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == lang
    assert page.locator("h1:visible").first.inner_text().replace("\u00ad", "") == heading  # soft hyphens in long words
    page.wait_for_timeout(300)
    assert problems == []
    assert foreign == []
    page.close()


def test_attribution_is_visible_and_provider_link_works(browser, sample_server):
    page = browser.new_page()
    page.goto(sample_server + "en/betaling/pasientreiser/")
    block = page.locator(".hs-attribution")
    assert block.is_visible()
    assert "Content supplied by Example Hospital Trust (sample provider)" in block.inner_text()
    block.get_by_role("link", name="Example Hospital Trust (sample provider)").click()
    page.wait_for_url("**/en/samarbeidspartnere/eksempel-sykehus/")
    assert page.get_by_role("link", name="Patient travel").is_visible()
    page.close()


def test_language_menu_switches_to_the_translation(browser, sample_server):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(sample_server + "lege/fastlege/")
    button = page.locator("button[data-hs-toggle=hs-languages]")
    assert button.get_attribute("aria-expanded") == "false"
    button.click()
    assert button.get_attribute("aria-expanded") == "true"
    page.locator("a.hs-language[hreflang=nn]").click()
    page.wait_for_url("**/nn/lege/fastlege/")
    assert page.locator("html").get_attribute("lang") == "nn"
    assert "Innhaldet er levert av" in page.locator(".hs-attribution").inner_text()
    page.close()


@pytest.mark.parametrize(
    "lang, front, tile, button",
    [
        ("nb", "", "Timeavtaler", "Logg inn for å bruke Timeavtaler"),
        ("nn", "nn/", "Timeavtalar", "Logg inn for å bruke Timeavtalar"),
        ("en", "en/", "Appointments", "Log in to use Appointments"),
        ("se", "se/", "Áigešiehtadusat", "Čálit sisa: Áigešiehtadusat"),
    ],
)
def test_clicking_a_service_tile_leads_to_the_service_page(browser, sample_server, lang, front, tile, button):
    page = browser.new_page(viewport={"width": 375, "height": 800})
    page.goto(sample_server + front)
    emergency = page.locator(".hs-emergency")
    assert emergency.is_visible() and emergency.get_by_role("link", name="113").get_attribute("href") == "tel:113"
    page.locator("section.hs-services").get_by_role("link", name=tile).click()
    page.wait_for_url("**/timeavtaler/")
    assert page.locator(".hs-page__body h1").inner_text().replace("\u00ad", "") == tile  # the service's page
    handoff = page.get_by_role("link", name=button)
    assert handoff.is_visible()
    assert handoff.get_attribute("href") == "https://tjenester.helsesider.example.org/timeavtaler"
    page.close()
