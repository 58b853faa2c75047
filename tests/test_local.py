"""Local additions (issue 30, first part): regions and their additions to national articles are
read and checked like everything a partner writes, each problem with its file and line."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import ROOT, article

REGION = "data/regions.yml"
ADDITION = "local/eksempel-kommune/nb/lege/a.md"
GOOD = "---\nprovider: eksempel-kommune\nreviewer: Ola Eksempel, lege\nreviewed: 2026-11-20\n---\n\n"


def run_check(site):
    return subprocess.run(
        [sys.executable, "-m", "helsesider.gate.check", "--root", str(site.path)],
        capture_output=True,
        text=True,
        env=dict(os.environ),
    )


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
