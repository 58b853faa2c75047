"""The offline kiosk bundle: built once, opened from file:// with every other request blocked."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from conftest import block_outside
from helsesider.publish.kiosk import MANIFEST, SIGNATURE, make_keys, offsite_links, verify, write_manifest


def verify_command(folder, kiosk):
    """`make kiosk-verify` as a partner runs it, on `folder` with the bundle's public key."""
    key = kiosk.parent / "kiosk-keys" / "kiosk-signing.pub"
    command = [sys.executable, "-m", "helsesider.publish.kiosk", "verify", str(folder), "--public-key", str(key)]
    return subprocess.run(command, capture_output=True, text=True)


def test_bundle_layout_manifest_and_zip(kiosk):
    bundle = kiosk / "kiosk"
    assert (bundle / "index.html").is_file() and (bundle / "nn" / "index.html").is_file()
    assert (bundle / "en" / "lege" / "fastlege.html").is_file()
    assert (kiosk / "kiosk.zip").is_file()
    lines = (bundle / MANIFEST).read_text().splitlines()
    assert len(lines) == sum(1 for p in bundle.rglob("*") if p.is_file()) - 2  # less the manifest and its signature
    assert verify(bundle) == []
    assert verify(bundle, public_key(kiosk)) == []


def public_key(kiosk) -> str:
    return (kiosk.parent / "kiosk-keys" / "kiosk-signing.pub").read_text()


def test_the_manifest_is_signed_and_tampering_is_found(kiosk, tmp_path):
    """A copy changed on purpose, manifest rewritten to match, fails the signature; so does the
    right bundle checked with another key; the untouched copy passes with the right key."""
    copy = tmp_path / "tampered"
    shutil.copytree(kiosk / "kiosk", copy)
    (copy / "index.html").write_text("<p>Ring 999</p>", encoding="utf-8")
    write_manifest(copy)  # what an attacker would do: the hashes match again
    assert verify(copy) == []  # the manifest alone cannot tell
    problems = verify(copy, public_key(kiosk))
    assert len(problems) == 1 and "signature does not match" in problems[0]
    _, other = make_keys(tmp_path / "other-keys")
    assert "signature does not match" in verify(kiosk / "kiosk", other.read_text())[0]
    unsigned = tmp_path / "unsigned"
    shutil.copytree(kiosk / "kiosk", unsigned)
    (unsigned / SIGNATURE).unlink()
    assert "not signed" in verify(unsigned, public_key(kiosk))[0]
    result = verify_command(copy, kiosk)
    assert result.returncode == 1 and "signature does not match" in result.stdout


def test_verify_names_missing_changed_and_extra_files(kiosk, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(kiosk / "kiosk", copy)
    (copy / "lege" / "fastlege.html").unlink()
    (copy / "search" / "hs-index.js").write_text("half copied", encoding="utf-8")
    (copy / "stray.txt").write_text("x", encoding="utf-8")
    assert sorted(verify(copy)) == [
        "changed: search/hs-index.js",
        "missing: lege/fastlege.html",
        "not in the manifest: stray.txt",
    ]
    result = verify_command(copy, kiosk)
    assert result.returncode == 1 and "missing: lege/fastlege.html" in result.stdout
    (copy / MANIFEST).unlink()
    assert "missing; this is not a kiosk bundle" in verify(copy)[0]


def test_no_link_leaves_the_bundle_and_handoffs_become_qr_codes(kiosk):
    bundle = kiosk / "kiosk"
    for page in bundle.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert '<a href="http' not in text and ' href="https://' not in text.replace(
            'rel="canonical" href="https://', ""
        ), page
    button = (bundle / "nn" / "tenester" / "innboks.html").read_text(encoding="utf-8")
    assert 'data-hs-offsite="https://tjenester.helsesider.example.org/innboks"' in button
    assert "Skann koden med mobilen for å logge inn" in button and "<svg" in button
    assert "Scan the code with your phone to log in" in (bundle / "en" / "lege" / "bytte-fastlege.html").read_text(
        encoding="utf-8"
    )


def test_offsite_links_keeps_local_links_and_shows_phone_numbers_as_text():
    page = '<p><a href="../x.html">x</a> <a href="tel:113">113</a> <a class="hs-handoff hs-handoff--login" href="https://a.example.org/i">Inn</a></p>'
    out = offsite_links(page, "nb")
    assert '<a href="../x.html">x</a>' in out and '<span class="hs-tel">113</span>' in out and "tel:" not in out
    numbered = offsite_links('<p>Ring <A class="hs-emergency__number" HREF="TEL:116117">116 117</A></p>', "nb")
    assert numbered == '<p>Ring <span class="hs-tel hs-emergency__number">116 117</span></p>'
    assert "https://a.example.org/i" in out and "<a class" not in out and "logge inn" in out
    shouting = offsite_links('<p><A HREF="HTTPS://EVIL.EXAMPLE/">x</A></p>', "nb")
    assert "<A HREF" not in shouting and "hs-offsite" in shouting  # HTTPS:// leaves the site too


@pytest.mark.browser
def test_offline_from_file_in_every_language_with_search(browser, kiosk):
    bundle = (kiosk / "kiosk").resolve()
    inside = bundle.as_uri() + "/"
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    outside = block_outside(context, inside)
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    for lang, front, query, expected in (
        ("nb", "index.html", "fastlegen", "Fastlege"),
        ("nn", "nn/index.html", "fastlegar", "Fastlege"),
        ("en", "en/index.html", "referrals", "Referrals"),
        ("se", "se/index.html", "fastadoavttir", "Fástadoavttir"),
    ):
        page.goto(inside + front)
        assert page.locator("html").get_attribute("lang") == lang
        page.locator("section.hs-topics a").first.click()  # a topic page
        page.locator(".hs-page__body ul.hs-list a").first.click()  # an article in it
        page.locator(".hs-attribution").wait_for(state="visible")
        page.goto(inside + front)
        page.locator(".hs-topics__az a").click()  # the A–Å index
        page.locator(".hs-az-bar").wait_for(state="visible")
        page.locator("#hs-search-input").fill(query)
        page.locator("#hs-search-input").press("Enter")
        page.wait_for_selector(".hs-search__results li")
        assert expected in page.locator(".hs-search__results").inner_text()
        stored = page.evaluate("JSON.stringify(localStorage) + JSON.stringify(sessionStorage) + location.href")
        assert query not in stored
    # the language menu from an article to its translation
    page.goto(inside + "lege/fastlege.html")
    page.locator("button[data-hs-toggle=hs-languages]").click()
    page.locator("a.hs-language[hreflang=en]").click()
    page.wait_for_url("**/en/lege/fastlege.html")
    # a service page: the hand-off is a QR code with the address, not a link
    page.goto(inside + "tjenester/innboks.html")
    offsite = page.locator(".hs-offsite").first
    offsite.wait_for(state="visible")
    assert offsite.is_visible() and offsite.locator("svg.segno").is_visible()
    assert "Skann koden med mobilen for å logge inn" in offsite.inner_text()
    assert page.locator("a[href^='http']").count() == 0
    context.close()
    assert outside == []
    assert problems == []


@pytest.mark.browser
def test_a_search_result_opens_at_its_section_in_the_kiosk(browser, kiosk):
    """From a folder: the result links to the section (page.html?hs-mark=…#anchor), the page
    marks the words, and no request leaves the folder."""
    inside = (kiosk / "kiosk").resolve().as_uri() + "/"
    context = browser.new_context()
    outside = block_outside(context, "file://")
    page = context.new_page()
    page.goto(inside + "index.html")
    page.locator("#hs-search-input").fill("legevakt pris")
    page.locator("#hs-search-input").press("Enter")
    link = page.locator(".hs-search__results li a").first
    link.wait_for()
    page.wait_for_function("document.querySelector('.hs-search__results a').getAttribute('href').includes('#')")
    assert link.get_attribute("href").endswith("akutt-hjelp/legevakt.html?hs-mark=legevakt%20pris#hva-koster-det")
    link.click()
    page.wait_for_function("location.hash === '#hva-koster-det'")
    assert page.locator(".hs-page__body mark.hs-mark").count() >= 3
    context.close()
    assert outside == []


@pytest.mark.browser
def test_idle_returns_to_the_front_page_and_forgets_the_search(browser, kiosk):
    inside = (kiosk / "kiosk").resolve().as_uri() + "/"
    page = browser.new_page()
    page.goto(inside + "nn/lege/fastlege.html")
    page.locator("#hs-search-input").fill("sjukehus")
    page.locator("#hs-search-input").press("Enter")
    page.wait_for_selector(".hs-search__results li")
    assert page.locator("meta[name=hs-kiosk-idle]").get_attribute("content") == "180"
    page.evaluate("window.HsKiosk.setIdle(1)")
    page.wait_for_url(inside + "index.html", timeout=5000)  # the default language's front page
    assert page.locator("#hs-search-input").input_value() == ""
    page.evaluate("window.HsKiosk.setIdle(1)")
    page.locator("#hs-search-input").fill("lege")
    page.wait_for_timeout(1600)
    assert page.locator("#hs-search-input").input_value() == ""  # on the front page: the search is cleared
    page.close()


def kiosk_axe(browser, kiosk, paths, width: int, height: int) -> dict[str, list[str]]:
    """axe's WCAG violations of the bundle's pages at `paths`, opened from file:// at a screen size."""
    from axe_playwright_python.sync_playwright import Axe
    from test_accessibility import violations

    inside = (kiosk / "kiosk").resolve().as_uri() + "/"
    axe = Axe()
    page = browser.new_page(viewport={"width": width, "height": height})
    found = {}
    for path in paths:
        page.goto(inside + path)
        found[path] = violations(axe, page)
    page.close()
    return {path: v for path, v in found.items() if v}


@pytest.mark.browser
def test_kiosk_pages_with_qr_codes_pass_axe(browser, kiosk):
    paths = ("tjenester/index.html", "nn/tenester/innboks.html", "en/lege/bytte-fastlege.html", "index.html")
    assert kiosk_axe(browser, kiosk, paths, 375, 800) == {}


def test_the_operators_guide_is_in_the_bundle_and_its_commands_verify_it(kiosk, tmp_path):
    """KIOSK.md is in the bundle, signed with the rest, and the check it tells the operator to run
    (minisign and sha256sum, nothing else) accepts the bundle and refuses a changed copy."""
    import re
    import shutil as sh

    bundle = kiosk / "kiosk"
    guide = (bundle / "KIOSK.md").read_text(encoding="utf-8")
    assert "KIOSK.md" in (bundle / MANIFEST).read_text() and "do not install" in guide
    commands = [line.strip() for line in guide.splitlines() if re.match(r"\s+(minisign -V|sha256sum --check)", line)]
    assert len(commands) == 2
    pinned = tmp_path / "kiosk-signing.pub"
    sh.copyfile(kiosk.parent / "kiosk-keys" / "kiosk-signing.pub", pinned)

    def run(folder):
        return [
            subprocess.run(c.replace("/etc/helsesider/kiosk-signing.pub", str(pinned)).split(), cwd=folder).returncode
            for c in commands
        ]

    assert run(bundle) == [0, 0]
    copy = tmp_path / "copy"
    sh.copytree(bundle, copy)
    (copy / "index.html").write_text("<p>Ring 999</p>", encoding="utf-8")
    assert run(copy)[1] != 0
    write_manifest(copy)  # the list rewritten to match: the signature no longer does
    assert run(copy)[0] != 0


def test_kiosk_verify_works_from_the_folder_the_zip_was_unpacked_into(kiosk, tmp_path):
    import zipfile

    with zipfile.ZipFile(kiosk / "kiosk.zip") as archive:
        archive.extractall(tmp_path / "unpacked")
    for folder in (tmp_path / "unpacked", tmp_path / "unpacked" / "kiosk"):
        result = verify_command(folder, kiosk)
        assert result.returncode == 0, result.stdout + result.stderr
