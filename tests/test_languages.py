"""A language added as data only, the way the README's "Adding a language" says: a fixture Arabic
(``ar``, right to left, tests/fixtures/language-ar/) goes into a copy of the sample site with an
entry in data/site.yml and mkdocs.yml, its data/languages/ar/ files, Arabic names in the
registries and docs/ar/. The copy's Python and templates are the repository's, unchanged; the
site is built the way `make build` builds it, and its A–Å, search, attribution, language menu,
hreflang, sitemap and layout are checked.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from test_layout import layout_problems, tab_stop_problems

from conftest import ROOT, static_server

FIXTURE = ROOT / "tests" / "fixtures" / "language-ar"
ALPHABET = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
MKDOCS_ENTRY = """        - locale: ar
          name: العربية
          build: true
          theme:
            language: ar
"""


def _with_arabic_names(path: Path) -> None:
    """Every per-language text of a registry gets an 'ar' text (the English one: fixture data)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for entry in data.values():
        for value in entry.values():
            if isinstance(value, dict) and "en" in value:
                value["ar"] = value["en"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def add_arabic(src: Path) -> None:
    """The steps of the README's "Adding a language", as data only."""
    site_yml = src / "data" / "site.yml"
    text, count = re.subn(
        r"^languages: \[(.*)\]$", r"languages: [\1, ar]", site_yml.read_text(encoding="utf-8"), flags=re.M
    )
    assert count == 1
    site_yml.write_text(text, encoding="utf-8")
    mkdocs_yml = src / "mkdocs.yml"
    config = mkdocs_yml.read_text(encoding="utf-8")
    assert config.count("\nhooks:") == 1  # the i18n plugin's languages are the last lines before it
    mkdocs_yml.write_text(config.replace("\nhooks:", MKDOCS_ENTRY + "\nhooks:"), encoding="utf-8")
    folder = src / "data" / "languages" / "ar"
    folder.mkdir()
    for name in ("language.yml", "accessibility.md"):
        shutil.copy(FIXTURE / name, folder / name)
    texts = yaml.safe_load((ROOT / "data/languages/en/texts.yml").read_text(encoding="utf-8"))
    texts.update(yaml.safe_load((FIXTURE / "texts.yml").read_text(encoding="utf-8")))
    (folder / "texts.yml").write_text(yaml.safe_dump(texts, allow_unicode=True, sort_keys=False), encoding="utf-8")
    for registry in ("topics.yml", "providers.yml", "services.yml"):
        _with_arabic_names(src / "data" / registry)
    shutil.copytree(FIXTURE / "docs", src / "docs" / "ar")


@pytest.fixture(scope="module")
def arabic_site(tmp_path_factory) -> Path:
    src = tmp_path_factory.mktemp("arabic") / "src"
    src.mkdir()
    for name in ("mkdocs.yml", "overrides", "hooks", "data", "docs"):
        (shutil.copytree if (ROOT / name).is_dir() else shutil.copy)(ROOT / name, src / name)
    (src / "node_modules").symlink_to(ROOT / "node_modules")
    add_arabic(src)
    out = src / "site"
    result = subprocess.run(
        [sys.executable, "-m", "helsesider.publish.build", "--root", str(src), "--site-dir", str(out)],
        cwd=src,
        capture_output=True,
        text=True,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", "HELSESIDER_MESSAGES": "en"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def html(site: Path, rel: str) -> BeautifulSoup:
    return BeautifulSoup((site / rel).read_text(encoding="utf-8"), "html.parser")


def _source(path: Path) -> bool:
    """A file of the project, not Python's compiled cache of it."""
    return path.is_file() and "__pycache__" not in path.parts


def test_the_copy_changes_no_code_or_template(arabic_site):
    src = arabic_site.parent
    for folder in ("hooks", "overrides"):
        ours = {p.relative_to(ROOT / folder): p.read_bytes() for p in (ROOT / folder).rglob("*") if _source(p)}
        theirs = {p.relative_to(src / folder): p.read_bytes() for p in (src / folder).rglob("*") if _source(p)}
        assert ours == theirs


@pytest.mark.parametrize("rel", ["ar/index.html", "ar/lege/fastlege/index.html", "ar/a-ya/index.html"])
def test_arabic_pages_say_their_language_and_direction(arabic_site, rel):
    page = html(arabic_site, rel)
    assert page.html["lang"] == "ar"
    assert page.body["dir"] == "rtl"
    assert "مرض أو إصابة حادة" in page.text  # the emergency banner in the language
    assert page.select_one('a[href="tel:113"]') is not None


def test_arabic_az_follows_the_arabic_alphabet(arabic_site):
    page = html(arabic_site, "ar/a-ya/index.html")
    letters = [item.get_text(" ", strip=True)[:1] for item in page.select(".hs-az-bar__item")]
    assert "".join(letter for letter in letters if letter in ALPHABET) == ALPHABET
    entries = [a.get_text(" ", strip=True) for a in page.select(".hs-az__entries a")]
    titles = [e for e in entries if e in ("الحق في مترجم", "الطبيب العام", "رقم الطوارئ 113")]
    assert titles == ["الحق في مترجم", "الطبيب العام", "رقم الطوارئ 113"]
    assert any(e.startswith("طبيب الأسرة") for e in entries)  # an alias, under ط


def test_arabic_article_has_its_attribution(arabic_site):
    page = html(arabic_site, "ar/lege/fastlege/index.html")
    attribution = page.select_one(".hs-attribution")
    assert attribution is not None
    assert "المحتوى مقدم من" in attribution.text and "سارة مثال" in attribution.text
    assert "نوفمبر" in attribution.text  # the review date in the language's month names


def test_language_menu_hreflang_and_sitemap_include_arabic(arabic_site):
    nb = html(arabic_site, "lege/fastlege/index.html")
    arabic = nb.select_one('#hs-languages a[lang="ar"]')
    assert arabic is not None and arabic["href"].endswith("ar/lege/fastlege/")
    assert "hs-language--missing" not in arabic.get("class", [])
    assert nb.select_one('link[rel=alternate][hreflang="ar"]')["href"].endswith("/ar/lege/fastlege/")
    missing = html(arabic_site, "betaling/egenandel-og-frikort/index.html").select_one('#hs-languages a[lang="ar"]')
    assert "hs-language--missing" in missing["class"] and missing["href"].endswith("ar/")
    sitemap = (arabic_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "/ar/lege/fastlege/" in sitemap and 'hreflang="ar"' in sitemap


@pytest.fixture(scope="module")
def arabic_server(arabic_site):
    yield from static_server(arabic_site)


@pytest.mark.browser
@pytest.mark.parametrize(
    ("query", "expected"), [("مترجم", "الحق في مترجم"), ("الاسرة", "الطبيب العام"), ("الطوارئ", "رقم الطوارئ 113")]
)
def test_arabic_search_finds_arabic_articles(browser, arabic_server, query, expected):
    page = browser.new_page(viewport={"width": 375, "height": 800})
    page.goto(f"{arabic_server}ar/?q={query}")
    page.wait_for_selector(".hs-search__result", timeout=10000)
    first = page.locator(".hs-search__result a").first
    assert first.inner_text().strip().startswith(expected)
    assert "/ar/" in first.get_attribute("href") or not first.get_attribute("href").startswith("/")
    page.close()


@pytest.mark.browser
@pytest.mark.parametrize("width", [320, 375, 1280])
@pytest.mark.parametrize("path", ["ar/", "ar/lege/fastlege/", "ar/a-ya/", "ar/?q=مترجم"])
def test_arabic_layout_passes_the_layout_checks(browser, arabic_server, path, width):
    page = browser.new_page(viewport={"width": width, "height": 800})
    page.goto(arabic_server + path)
    if "?q=" in path:
        page.wait_for_selector(".hs-search__result", timeout=10000)
    problems = layout_problems(page, "ar") | tab_stop_problems(page)
    page.close()
    assert {k: v for k, v in problems.items() if v} == {}
