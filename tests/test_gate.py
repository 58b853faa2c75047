"""The partners' gate beyond the front-matter: GitHub annotations, the editors' report, the
readability and translation warnings, and a build that refuses content scripts."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys

from conftest import article
from helsesider.content.report import write_report
from helsesider.gate.readability import lix


def run_check(site, *args, env=None):
    return subprocess.run(
        [sys.executable, "-m", "helsesider.gate.check", "--root", str(site.path), *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
    )


def test_github_annotations(fixture_site):
    fixture_site.write("docs/nb/lege/a.md", article(body="[Bytt](service:ukjent)"))
    result = run_check(fixture_site, env={"GITHUB_ACTIONS": "true"})
    assert result.returncode == 1
    assert "docs/nb/lege/a.md:9:8: error: unknown service 'ukjent'" in result.stdout
    assert "::error file=docs/nb/lege/a.md,line=9,col=8::unknown service 'ukjent'" in result.stdout


def test_lix():
    easy = "Ring 113. Du får hjelp. Det er gratis.\n"
    hard = "Helseøkonomiforvaltningen behandler refusjonskrav fortløpende etter innsendelse av dokumentasjon.\n"
    assert lix(easy)[0] < 20 < 60 < lix(hard)[0]
    assert lix("# Overskrift uten punktum\n\n- punkt en\n- punkt to\n")[1] == 7
    assert lix("") == (0.0, 0)


def test_readability_and_stale_translation_warnings(fixture_site):
    hard = " ".join(["Helseøkonomiforvaltningen behandler refusjonskravene fortløpende etter innsendelse"] * 8) + "."
    fixture_site.write("docs/nb/lege/a.md", article(reviewed="2026-06-01", body=hard))
    fixture_site.write("docs/nn/lege/a.md", article(reviewed="2026-01-01"))
    result = run_check(fixture_site)
    assert result.returncode == 0
    assert "docs/nb/lege/a.md:8:1: warning: readability: LIX" in result.stdout
    assert (
        "docs/nn/lege/a.md:6:1: warning: reviewed: 2026-01-01 is older than the Bokmål article's (2026-06-01)"
        in result.stdout
    )
    assert run_check(fixture_site, "--strict").returncode == 1
    config = fixture_site.path / "data" / "site.yml"
    config.write_text(config.read_text().replace("lix_warning: 50", "lix_warning: 200"))
    assert "readability" not in run_check(fixture_site).stdout


def test_report(fixture_site):
    today = dt.date(2026, 11, 22)
    fixture_site.write("docs/nb/lege/gammel.md", article(title="Gammel", reviewed="2023-01-01"))
    fixture_site.write("docs/nb/lege/snart.md", article(title="Snart", reviewed="2023-12-31"))
    fixture_site.write("docs/nb/lege/fersk.md", article(title="Fersk", reviewed="2026-10-01"))
    fixture_site.write("docs/en/lege/fersk.md", article(title="Fresh", reviewed="2026-10-01"))
    html_path, md_path = write_report(fixture_site.path, fixture_site.path / "report", today=today)
    text = md_path.read_text(encoding="utf-8")
    assert "for 3 artikler i 4 språkversjoner" in text  # an article in two languages is one article
    overdue = text.split("### Forfalt til faglig gjennomgang")[1].split("###")[0]
    due = text.split("### Forfaller innen 90 dager")[1].split("###")[0]
    missing = text.split("### Mangler på et språk")[1].split("##")[0]
    assert "Gammel" in overdue and "2026-01-01" in overdue and "Snart" not in overdue
    assert "Snart" in due and "2026-12-31" in due
    assert (
        "| Fersk | `lege/fersk.md` | nynorsk, nordsamisk |" in missing
        and "| Gammel | `lege/gammel.md` | nynorsk, engelsk, nordsamisk |" in missing
    )
    assert text.index("## Lesbarhet") < text.index("Gammel", text.index("## Lesbarhet"))
    page = html_path.read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>") and "<table>" in page and 'lang="nb"' in page


def test_build_refuses_content_script_and_keeps_the_site(fixture_site):
    build = [sys.executable, "-m", "helsesider.publish.build", "--root", str(fixture_site.path)]
    fixture_site.write("docs/nb/lege/a.md", article())
    assert subprocess.run(build, capture_output=True).returncode == 0
    fixture_site.write("docs/nb/lege/a.md", article(body='Hei <img src=x onerror="alert(1)">'))
    result = subprocess.run(build, capture_output=True, text=True)
    assert result.returncode == 1
    assert "docs/nb/lege/a.md:9:5: error: raw HTML <img> is not allowed" in result.stdout
    assert "onerror" not in (fixture_site.path / "site/lege/a/index.html").read_text(encoding="utf-8")


def test_hreflang_alternates_and_sitemap(sample_site):
    from bs4 import BeautifulSoup

    def links(rel):
        page = BeautifulSoup((sample_site / rel).read_text(encoding="utf-8"), "html.parser")
        return {link["hreflang"]: link["href"] for link in page.select("head link[rel=alternate][hreflang]")}

    base = "https://helsesider.example.org/"
    assert links("en/lege/fastlege/index.html") == {
        "nb": base + "lege/fastlege/",
        "nn": base + "nn/lege/fastlege/",
        "en": base + "en/lege/fastlege/",
        "se": base + "se/lege/fastlege/",
        "x-default": base + "lege/fastlege/",
    }
    only_nb = links("lege/e-resept/index.html")  # no translation: no alternates but itself
    assert set(only_nb) == {"nb", "x-default"}
    assert links("nn/a-a/index.html")["en"] == base + "en/a-z/"
    sitemap = (sample_site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{base}nn/lege/fastlege/</loc>" in sitemap
    assert f'hreflang="en" href="{base}en/lege/fastlege/"' in sitemap
    assert f'hreflang="se" href="{base}se/lege/fastlege/"' in sitemap
    assert links("se/a-a/index.html") == {
        code: base + path
        for code, path in (
            ("nb", "a-a/"),
            ("nn", "nn/a-a/"),
            ("en", "en/a-z/"),
            ("se", "se/a-a/"),
            ("x-default", "a-a/"),
        )
    }
    assert not (sample_site / "nn" / "sitemap.xml").exists()


def test_links_across_languages_resolve_in_the_built_site(fixture_site):
    fixture_site.write("docs/en/lege/gp.md", article(title="GP", body="## Who can have a GP\n\nText."))
    fixture_site.write("docs/nb/lege/a.md", article(body="Read [in English](../../en/lege/gp.md#who-can-have-a-gp)."))
    result = subprocess.run(
        [sys.executable, "-m", "helsesider.publish.build", "--root", str(fixture_site.path)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    link = fixture_site.html("lege/a/index.html").select_one(".hs-page__body a[href*=gp]")
    assert link["href"] == "../../en/lege/gp/#who-can-have-a-gp"
    assert (fixture_site.path / "site/lege/a" / "../../en/lege/gp/index.html").resolve().is_file()
    fixture_site.write("docs/nb/lege/a.md", article(body="Read [in English](../../en/lege/gp.md#missing)."))
    assert "has no heading with the anchor '#missing'" in run_check(fixture_site).stdout


def test_renaming_a_sample_article_keeps_its_old_address(fixture_site):
    import shutil

    from conftest import ROOT

    shutil.rmtree(fixture_site.path / "docs")
    shutil.copytree(ROOT / "docs", fixture_site.path / "docs")
    shutil.copy(ROOT / "data" / "redirects.yml", fixture_site.path / "data" / "redirects.yml")
    git = ["git", "-C", str(fixture_site.path), "-c", "user.email=test@example.org", "-c", "user.name=Test"]
    for command in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "sample"]):
        assert subprocess.run(git + command, capture_output=True).returncode == 0
    subprocess.run(git + ["checkout", "-q", "-b", "rename"], check=True)
    subprocess.run(git + ["mv", "docs/nb/lege/e-resept.md", "docs/nb/lege/resepter-pa-nett.md"], check=True)
    result = run_check(fixture_site)
    assert result.returncode == 1
    assert (
        "docs/nb/lege/e-resept.md:1:1: error: this article exists on main and is gone without a redirect: "
        "add 'lege/e-resept.md: <new path>.md' under 'nb:' in data/redirects.yml"
    ) in result.stdout
    redirects = fixture_site.path / "data" / "redirects.yml"
    redirects.write_text(redirects.read_text().replace("nb:\n", "nb:\n  lege/e-resept.md: lege/resepter-pa-nett.md\n"))
    assert run_check(fixture_site).returncode == 0
    build = subprocess.run(
        [sys.executable, "-m", "helsesider.publish.build", "--root", str(fixture_site.path)],
        capture_output=True,
        text=True,
    )
    assert build.returncode == 0, build.stdout + build.stderr
    site = fixture_site.path / "site"
    old = (site / "lege/e-resept/index.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="0; url=../resepter-pa-nett/">' in old
    assert (site / "lege/resepter-pa-nett/index.html").is_file()
    conf = (site / "_deploy/redirects.conf").read_text()
    assert re.search(
        r"location = /lege/e-resept/ \{ add_header Content-Security-Policy .* return 301 /lege/resepter-pa-nett/; \}",
        conf,
    )
    redirects.write_text(redirects.read_text().replace("lege/resepter-pa-nett.md\n", "lege/finnes-ikke.md\n", 1))
    assert "redirects to docs/nb/lege/finnes-ikke.md, which does not exist" in run_check(fixture_site).stdout
