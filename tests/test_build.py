"""Build tests: real MkDocs builds of the sample site and of fixture sites, read with BeautifulSoup."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, article

pytestmark = pytest.mark.build

ATTRIBUTION = {
    "nb": (
        "Innholdet er levert av",
        "Eksempeletaten for helse (eksempelleverandør)",
        "Sist faglig oppdatert",
        "3. mars 2026",
        "3. mars 2029",
    ),
    "nn": (
        "Innhaldet er levert av",
        "Eksempeletaten for helse (dømeleverandør)",
        "Sist fagleg oppdatert",
        "3. mars 2026",
        "3. mars 2029",
    ),
    "en": (
        "Content supplied by",
        "Example Health Agency (sample provider)",
        "Last professionally reviewed",
        "3 March 2026",
        "3 March 2029",
    ),
}
PREFIX = {"nb": "", "nn": "nn/", "en": "en/", "se": "se/"}


def soup(site, rel):
    return BeautifulSoup((site / rel).read_text(encoding="utf-8"), "html.parser")


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_article_attribution_in_the_page_language(sample_site, lang):
    page = soup(sample_site, f"{PREFIX[lang]}lege/fastlege/index.html")
    assert page.html["lang"] == lang
    block = page.select_one(".hs-page__body .hs-attribution")
    text = block.get_text(" ", strip=True)
    supplied, provider, last, reviewed, next_review = ATTRIBUTION[lang]
    assert f"{supplied} {provider}" in text
    assert "Kari Eksempel" in text
    facts = {fact.dt.get_text(strip=True): fact.dd for fact in block.select(".hs-attribution__fact")}
    assert facts[last].get_text(strip=True) == reviewed
    assert facts[last].time["datetime"] == "2026-03-03"
    assert next_review in text
    link = block.select_one(".hs-attribution__provider a")
    assert link.get_text(strip=True) == provider
    assert link["href"] == "../../samarbeidspartnere/eksempel-helseetat/"


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_json_ld_medical_web_page(sample_site, lang):
    page = soup(sample_site, f"{PREFIX[lang]}lege/fastlege/index.html")
    data = json.loads(page.select_one('script[type="application/ld+json"]').string)
    assert data["@type"] == "MedicalWebPage"
    assert data["inLanguage"] == lang
    assert data["lastReviewed"] == "2026-03-03"
    assert data["reviewedBy"]["name"] == "Kari Eksempel"
    assert data["author"]["@type"] == "Organization"
    assert data["author"]["name"] == ATTRIBUTION[lang][1]
    assert data["url"] == f"https://helsesider.example.org/{PREFIX[lang]}lege/fastlege/"


def test_every_article_page_has_attribution(sample_site):
    articles = [
        p
        for p in sample_site.rglob("index.html")
        if p.parent != sample_site
        and p.parent.parent.name in {"akutt-hjelp", "lege", "rettigheter", "betaling", "familie", "psykisk-helse"}
        and 'http-equiv="refresh"' not in p.read_text(encoding="utf-8")
    ]  # old addresses (data/redirects.yml)
    assert (
        len(articles) == len(list(ROOT.glob("docs/*/*/*.md"))) == 25 + 19 + 22 + 6
    )  # every article of docs/, one page each
    for path in articles:
        page = soup(sample_site, path.relative_to(sample_site))
        assert page.select_one(".hs-attribution"), path
        assert page.select_one('script[type="application/ld+json"]'), path


def test_front_pages_have_no_attribution_and_the_right_language(sample_site):
    for lang in PREFIX:
        page = soup(sample_site, f"{PREFIX[lang]}index.html")
        assert page.html["lang"] == lang
        assert page.select_one(".hs-attribution") is None


@pytest.mark.parametrize(
    "lang, heading, count", [("nb", "Artikler fra", 6), ("nn", "Artiklar frå", 3), ("en", "Articles from", 5)]
)
def test_provider_page_lists_its_articles_in_that_language(sample_site, lang, heading, count):
    page = soup(sample_site, f"{PREFIX[lang]}samarbeidspartnere/eksempel-helseetat/index.html")
    assert page.html["lang"] == lang
    assert heading in page.select_one(".hs-page__body h2").get_text()
    links = page.select(".hs-page__body li:not(.hs-breadcrumbs li) a")
    assert len(links) == count
    for link in links:
        assert link["href"].startswith("../../")


def test_no_page_loads_anything_from_another_host(sample_site):
    for path in sample_site.rglob("*.html"):
        page = soup(sample_site, path.relative_to(sample_site))
        for tag, attr in (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src")):
            for element in page.find_all(tag):
                value = element.get(attr) or ""
                if tag == "link" and element.get("rel") in (["canonical"], ["alternate"]):
                    continue
                assert not value.startswith(("http:", "https:", "//")), f"{path}: {element}"
        assert "fonts.googleapis.com" not in path.read_text(encoding="utf-8")


def test_interface_text_is_in_the_page_language(sample_site):
    seen = {}
    for lang in PREFIX:
        page = soup(sample_site, f"{PREFIX[lang]}index.html")
        seen[lang] = (
            page.select_one("a.hs-skip").get_text(strip=True),
            page.select_one("label.hs-search__label").get_text(strip=True),
            page.select_one("input.hs-search__input")["placeholder"],
        )
    assert seen == {
        "nb": ("Hopp til innholdet", "Hva leter du etter?", "For eksempel fastlege"),
        "nn": ("Hopp til innhaldet", "Kva leitar du etter?", "Til dømes fastlege"),
        "en": ("Skip to content", "What are you looking for?", "For example GP"),
        "se": ("Njuike sisdollui", "Maid don ohcat?", "Omd. fástadoavttir"),
    }


def test_the_search_view_travels_once_in_the_language_s_head_not_in_every_page(sample_site):
    """The results view's words, alarm panels and "nothing found" help are the same on every page
    of a language: they come with its search head; a page holds the form, the view's frame and the
    one text for a head that cannot be loaded."""
    import re

    from helsesider.site.texts import TEXTS

    for lang, prefix in PREFIX.items():
        head = (sample_site / prefix / "search" / "hs-index.js").read_text(encoding="utf-8")
        literal = re.search(r'\["view"\]=JSON\.parse\((".*")\);\n$', head)
        assert literal, lang
        view = json.loads(json.loads(literal.group(1)))
        assert view["texts"]["heading"] == TEXTS[lang]["search_heading"], lang
        assert 'data-hs-alarm="113"' in view["alarms"] and 'href="tel:113"' in view["alarms"], lang
        assert 'href="tel:116117"' in view["none"] and 'href="{base}' in view["none"], lang
        others = {folder.rstrip("/") for folder in PREFIX.values() if folder and folder != prefix}
        pages = [
            p
            for p in (sample_site / prefix).glob("*/*/index.html")
            if p.relative_to(sample_site).parts[0] not in others
        ]
        assert len(pages) > 10, lang
        for path in pages:
            html = path.read_text(encoding="utf-8")
            assert "data-hs-alarm" not in html and "hs-search__none" not in html, path
            box = BeautifulSoup(html, "html.parser").select_one("[data-hs-search]")
            if box is not None:
                assert json.loads(box["data-texts"]) == {"failed": TEXTS[lang]["search_failed"]}, path


def test_pages_leave_out_material_s_unused_frame_and_keep_one_skip_link(sample_site):
    """Material's drawer switches, second skip link, empty banner and dialog are taken out of the
    finished pages (helsesider/site/theme_frame.py); the site's own skip link stays first."""
    pages = [*sample_site.glob("**/index.html"), sample_site / "404.html"]
    assert len(pages) > 100
    for path in pages:
        html = path.read_text(encoding="utf-8")
        if "hs-skip" not in html:
            continue  # a redirect page
        for left in ("md-toggle", "md-overlay", "md-skip", 'data-md-component="skip"', "md-dialog", "announce"):
            assert left not in html, (path, left)
        page = BeautifulSoup(html, "html.parser")
        assert [a.get("class") for a in page.select("a[href^='#']")][:1] == [["ds-skip-link", "hs-skip"]], path


def test_language_menu_points_to_translation_or_front_page(sample_site):
    page = soup(sample_site, "lege/e-resept/index.html")  # nb only
    links = {a["hreflang"]: a for a in page.select("a.hs-language")}
    assert links["nb"]["href"] == "./" and links["nb"].get("aria-current") == "true"
    assert links["nn"]["href"] == "../../nn/"
    assert "finst ikkje på nynorsk" in links["nn"].get_text()
    assert links["en"]["href"] == "../../en/"
    assert links["se"]["href"] == "../../se/" and "ii gávdno davvisámegillii" in links["se"].get_text()
    page = soup(sample_site, "nn/lege/fastlege/index.html")
    links = {a["hreflang"]: a["href"] for a in page.select("a.hs-language")}
    assert links == {
        "nb": "../../../lege/fastlege/",
        "nn": "./",
        "en": "../../../en/lege/fastlege/",
        "se": "../../../se/lege/fastlege/",
    }


def test_untranslated_article_is_not_built_in_other_languages(sample_site):
    assert (sample_site / "lege/e-resept/index.html").exists()
    assert not (sample_site / "nn/lege/e-resept").exists()
    assert not (sample_site / "en/lege/e-resept").exists()


# --- fixture sites: bad input ------------------------------------------------------------


def test_invalid_front_matter_reports_every_problem_and_builds_nothing(fixture_site):
    fixture_site.write("docs/nb/a.md", article(reviewer=None, extra="reviwer: Kari Eksempel, lege"))
    fixture_site.write("docs/nn/b.md", article(reviewed="2026-02-30"))
    fixture_site.write("docs/en/c.md", article(provider="ukjent-leverandor"))
    fixture_site.write("docs/en/ok.md", article())
    previous = fixture_site.path / "site" / "keep.txt"
    previous.parent.mkdir()
    previous.write_text("previous build")
    result = fixture_site.build()
    assert result.returncode == 1
    log = result.stdout + result.stderr
    assert "Traceback" not in log
    # the misspelt required key is one error at its line (issue 29), not also a missing field
    assert "docs/nb/a.md:6:1: error: unknown key 'reviwer': did you mean 'reviewer'?" in log
    assert "required field is missing" not in log
    assert "docs/nn/b.md:6:1: error: reviewed: '2026-02-30' is not a real date" in log
    assert "docs/en/c.md:4:1: error: provider: unknown provider 'ukjent-leverandor'" in log
    assert "3 content error(s); nothing was built" in log
    assert previous.read_text() == "previous build"


def test_broken_yaml_and_bytes_give_findings_not_tracebacks(fixture_site):
    fixture_site.write("docs/nb/a.md", b"---\ntitle: [oops\n---\n")
    fixture_site.write("docs/nb/b.md", b"---\ntitle: a\n---\n\n\xff\xfe")
    result = fixture_site.build()
    log = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in log
    assert "docs/nb/a.md:3:1: error: front-matter is not valid YAML" in log
    assert "docs/nb/b.md:5:1: error: byte 0xff is not UTF-8" in log


def test_overdue_review_builds_with_a_warning(fixture_site):
    fixture_site.write("docs/nb/gammel.md", article(reviewed="2020-05-01"))
    result = fixture_site.build()
    assert result.returncode == 0, result.stderr
    assert "docs/nb/gammel.md:6:1: warning: next_review: the review was due 2023-05-01" in result.stderr
    assert (fixture_site.path / "site/gammel/index.html").exists()


def test_configured_review_interval(fixture_site):
    config = fixture_site.path / "data" / "site.yml"
    config.write_text(config.read_text().replace("review_years: 3", "review_years: 1"))
    fixture_site.write("docs/en/a.md", article(reviewed="2026-03-03"))
    assert fixture_site.build().returncode == 0
    assert "3 March 2027" in fixture_site.html("en/a/index.html").select_one(".hs-attribution").get_text()


def test_check_command_prints_findings_and_exits_1(fixture_site):
    import subprocess
    import sys

    fixture_site.write("docs/nb/a.md", article(title=None))
    fixture_site.write("docs/nb/b.md", article(reviewed="2021-01-01"))
    result = subprocess.run(
        [sys.executable, "-m", "helsesider.gate.check", "--root", str(fixture_site.path)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "docs/nb/a.md:1:1: error: title: required field is missing",
        "docs/nb/b.md:6:1: warning: next_review: the review was due 2024-01-01; the article needs a new professional review",
    ]
    strict = subprocess.run(
        [
            sys.executable,
            "-m",
            "helsesider.gate.check",
            "--root",
            str(fixture_site.path),
            "--strict",
            str(fixture_site.path / "docs/nb/b.md"),
        ],
        capture_output=True,
        text=True,
    )
    assert strict.returncode == 1
    assert (
        subprocess.run(
            [
                sys.executable,
                "-m",
                "helsesider.gate.check",
                "--root",
                str(fixture_site.path),
                str(fixture_site.path / "docs/nb/b.md"),
            ],
            capture_output=True,
        ).returncode
        == 0
    )


def test_safe_build_keeps_previous_site_on_failure(fixture_site):
    import subprocess
    import sys

    build = [sys.executable, "-m", "helsesider.publish.build", "--root", str(fixture_site.path)]
    fixture_site.write("docs/nb/a.md", article())
    assert subprocess.run(build, capture_output=True).returncode == 0
    built = fixture_site.path / "site/a/index.html"
    before = built.read_text()
    fixture_site.write("docs/nb/a.md", article(reviewed="not a date"))
    result = subprocess.run(build, capture_output=True, text=True)
    assert result.returncode == 1
    assert "docs/nb/a.md:6:1: error: reviewed: 'not a date' is not a date written as YYYY-MM-DD" in result.stdout
    assert built.read_text() == before
    assert not [p for p in fixture_site.path.iterdir() if p.name.startswith(".site-")]


# --- topics, A–Å and navigation ----------------------------------------------------------


def test_navigation_shows_topics_and_az_not_articles(sample_site):
    """The footer's list (the menu's target without script; hs-site.js copies it into the menu:
    tests/test_portal_layout.py)."""
    page = soup(sample_site, "nn/lege/fastlege/index.html")
    labels = [a.get_text(" ", strip=True) for a in page.select("nav#hs-footer-nav ul.hs-footer__list a")]
    assert labels == [
        "Akutt hjelp",
        "Betaling og refusjon",
        "Fastlege og reseptar",
        "Gravid, barn og unge",
        "Psykisk helse",
        "Rettar",
        "Tenester",
        "Innhald A–Å",
    ]


@pytest.mark.parametrize(
    "path, title, letters",
    [
        ("a-a/index.html", "Innhold A–Å", 29),
        ("nn/a-a/index.html", "Innhald A–Å", 29),
        ("en/a-z/index.html", "Contents A–Z", 26),
    ],
)
def test_az_pages(sample_site, path, title, letters):
    page = soup(sample_site, path)
    assert page.select_one(".hs-page__body h1").get_text(strip=True).replace("\u00ad", "") == title
    bar = page.select_one("nav.hs-az-bar")
    assert len(bar.select("li")) == letters
    for link in bar.select("a"):
        assert page.find(id=link["href"][1:]) is not None
    for link in page.select(".hs-page__body ul:not(.hs-az-bar__list) a"):
        target = (sample_site / path).parent / link["href"] / "index.html"
        assert target.resolve().exists(), link["href"]


def test_az_lists_only_the_language_s_articles(sample_site):
    nn = [
        a.get_text() for a in soup(sample_site, "nn/a-a/index.html").select(".hs-page__body ul:not(.hs-az-bar__list) a")
    ]
    assert "Legevakt" in nn and "Allmennlege – sjå Fastlege" in nn
    assert "E-resept" not in nn and not any(t.startswith("Tannbehandling") for t in nn)
    en = [
        a.get_text() for a in soup(sample_site, "en/a-z/index.html").select(".hs-page__body ul:not(.hs-az-bar__list) a")
    ]
    assert "GP – see General practitioner (fastlege)" in en


def test_topic_page_and_language_menu_of_az(sample_site):
    page = soup(sample_site, "en/lege/index.html")
    assert page.select_one(".hs-page__body h1").get_text(strip=True).replace("\u00ad", "") == "GP and prescriptions"
    assert [a.get_text() for a in page.select(".hs-page__body ul.hs-list .hs-list__title")] == [
        "Changing your GP",
        "General practitioner (fastlege)",
    ]
    menu = {a["hreflang"]: a["href"] for a in soup(sample_site, "en/a-z/index.html").select("a.hs-language")}
    assert menu == {"nb": "../../a-a/", "nn": "../../nn/a-a/", "en": "./", "se": "../../se/a-a/"}


def test_new_article_at_any_depth_appears_in_topic_and_az(fixture_site):
    fixture_site.write("docs/nb/lege/dypt/nede/ny-artikkel.md", article(title="Ørebetennelse"))
    result = fixture_site.build()
    assert result.returncode == 0, result.stderr
    row = fixture_site.html("lege/index.html").find("span", class_="hs-list__title", string="Ørebetennelse")
    assert row.parent["href"] == "dypt/nede/ny-artikkel/"
    az = fixture_site.html("a-a/index.html")
    assert az.find("a", string="Ørebetennelse")["href"] == "../lege/dypt/nede/ny-artikkel/"
    assert az.select_one("nav.hs-az-bar a[href='#bokstav-oe']") is not None


def test_a_title_line_in_the_body_is_not_shown_twice(fixture_site):
    fixture_site.write("docs/nb/lege/ore.md", article(title="Ørebetennelse", body="# Ørebetennelse\n\nTekst."))
    result = fixture_site.build()
    assert result.returncode == 0, result.stderr
    page = fixture_site.html("lege/ore/index.html")
    assert [h.get_text(strip=True).replace("\u00ad", "") for h in page.select(".hs-page__body h1")] == ["Ørebetennelse"]
    assert (
        page.select_one(".hs-page__body h1 + .hs-lead, .hs-page__body h1 ~ .hs-lead") is not None
    )  # the lead under it


def test_reserved_paths_are_errors(fixture_site):
    fixture_site.write("docs/nb/lege/index.md", article())
    fixture_site.write("docs/nb/a-a.md", article())
    result = fixture_site.build()
    assert result.returncode == 1
    assert (
        "docs/nb/lege/index.md:1:1: error: 'index.md' inside a folder is reserved for the generated topic page"
        in result.stderr
    )
    assert "docs/nb/a-a.md:1:1: error: 'a-a.md' is written by the build; choose another file name" in result.stderr


def test_single_process_build_matches_the_per_language_build(sample_site, tmp_path):
    """`mkdocs serve` builds all languages in one process; `make build` one per process."""
    import shutil
    import subprocess

    from conftest import MKDOCS, ROOT

    shutil.copytree(
        ROOT, tmp_path / "p", ignore=shutil.ignore_patterns(".venv", "site", ".git", "bench", "tests", "report", "dist")
    )
    out = tmp_path / "combined"
    result = subprocess.run(
        [MKDOCS, "build", "--site-dir", str(out)],
        cwd=tmp_path / "p",
        capture_output=True,
        text=True,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", "HELSESIDER_MESSAGES": "en"},
    )
    assert result.returncode == 0, result.stderr

    def pages(site):
        return {p.relative_to(site).as_posix() for p in site.rglob("index.html") if "/assets/" not in p.as_posix()}

    assert pages(out) == pages(sample_site)
    for rel in ("nn/lege/fastlege/index.html", "lege/e-resept/index.html", "en/a-z/index.html"):
        ours, theirs = soup(out, rel), soup(sample_site, rel)
        assert ours.select_one("link[rel=canonical]")["href"] == theirs.select_one("link[rel=canonical]")["href"]
        assert [a["href"] for a in ours.select("a.hs-language")] == [a["href"] for a in theirs.select("a.hs-language")]
        assert ours.select_one(".hs-page__body").get_text() == theirs.select_one(".hs-page__body").get_text()


_PAGES_HELD = """
import gc, json, os, sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.structure.pages import Page
import mkdocs.commands.build as steps
config = load_config(config_file=sys.argv[1], site_dir=sys.argv[2])
config.plugins.on_startup(command=sys.argv[3], dirty=False)
rendered = {}  # when every page is rendered and the first is about to be written
write_page = steps._build_page
def first_written(page, config, doc_files, *args, **kwargs):
    if not rendered:
        every = [f.page for f in doc_files if f.page is not None]
        rendered.update(pages=len(every), with_markdown=sum(1 for p in every if p.markdown),
                        untitled=sorted(p.file.src_uri for p in every if not p.title))
    return write_page(page, config, doc_files, *args, **kwargs)
steps._build_page = first_written
if sys.argv[3] == "serve":
    build(config, serve_url="http://127.0.0.1:8000/")
else:
    build(config)
pages = [o for o in gc.get_objects() if isinstance(o, Page)]
print(json.dumps({
    "pages": len(pages),
    "with_body": sum(1 for p in pages if p.content or p.markdown),
    "with_hs_meta": sum(1 for p in pages if any(k.startswith("hs_") for k in (p.meta or {}))),
    "loaded": sorted(name for name in ("minisign", "cryptography", "stdnum") if name in sys.modules),
    "rendered": rendered,
}))
"""


@pytest.mark.parametrize("command", ["build", "serve"])
def test_a_build_lets_go_of_each_page_once_it_is_written_and_the_preview_keeps_them(command, tmp_path):
    # issue 33: MkDocs keeps every page to the end of the build; a language's process held its
    # Markdown, HTML and template inputs while it wrote its feed and index (about 70 MB at
    # 3 x 2,000). The preview renders a page again when it is asked for: it keeps them.
    script = tmp_path / "held.py"
    script.write_text(_PAGES_HELD, encoding="utf-8")
    env = {**os.environ, "HELSESIDER_LANGUAGE": "se", "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(
        [sys.executable, str(script), str(ROOT / "mkdocs.yml"), str(tmp_path / "site"), command],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    held = json.loads(done.stdout.strip().splitlines()[-1])
    assert held["pages"] > 10
    # nor does it load what only the kiosk's signing (minisign, 8 MB) or a SNOMED CT code's
    # check digit (python-stdnum) needs: the sample's Sámi articles have neither
    assert held["loaded"] == [], held
    # MkDocs renders every page before it writes the first; a build lets go of each page's
    # Markdown once it is rendered (8 to 14 MB a language at 3 x 2,000), and every page keeps
    # its title (a page whose Markdown is None has none)
    rendered = held["rendered"]
    assert rendered["pages"] > 10 and rendered["untitled"] == [], rendered
    if command == "build":
        assert held["with_body"] == 0 and held["with_hs_meta"] == 0, held
        assert rendered["with_markdown"] == 0, rendered
    else:
        assert held["with_body"] == held["pages"] and held["with_hs_meta"] > 10, held
        assert rendered["with_markdown"] == rendered["pages"], rendered


def test_a_build_without_designsystemet_says_to_run_make_setup_once_without_a_traceback(tmp_path):
    """Every language's build checks that Designsystemet is installed before its pages (the
    default language used to be the only one, and the others failed in a template with a
    Python traceback, of which the build printed two lines)."""
    import shutil

    src = tmp_path / "p"  # the project's code too: its assets are looked for beside it
    src.mkdir()
    for name in ("mkdocs.yml", "overrides", "hooks", "data", "docs", "helsesider"):
        (shutil.copytree if (ROOT / name).is_dir() else shutil.copy)(ROOT / name, src / name)
    result = subprocess.run(
        [sys.executable, "-m", "helsesider.publish.build", "--root", str(src), "--site-dir", str(tmp_path / "site")],
        cwd=src,
        capture_output=True,
        text=True,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", "PYTHONPATH": str(src)},
    )
    out = result.stdout + result.stderr
    assert result.returncode == 1
    assert out.count("run `make setup` (npm ci) to install Designsystemet") == 1, out
    for language in ("nb", "nn", "en", "se"):
        assert f"build: {language} FAILED" in out
    assert "Traceback" not in out and "raise " not in out and "DesignError" not in out, out
    assert not (tmp_path / "site").exists()
