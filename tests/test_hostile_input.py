"""The hostile-contributor corpus: what an attacker with write access to a pull request would try,
by cause, each with the exact finding `make check` must give (path, line and message).

- files: only .md articles and real images under docs/, clean names, no symlinks, no names that
  take a generated page's address or differ only in case;
- front-matter: invisible and direction-changing characters, ASCII dates, nesting and size limits;
- bodies: every link the Markdown renderer will produce (attribute lists, nested brackets,
  reference definitions anywhere), hosts read the way browsers read them, bounded work;
- registries: the same rules for data/ as for articles;
- the build: values escaped where they are written, the CSP and nginx files not writable by
  content, check and build agree, nothing runs longer than 10 s or crashes.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, article, without_sample_articles
from helsesider.content import corpus as corpus_module
from helsesider.content.corpus import load_corpus
from helsesider.settings import Settings

TODAY = dt.date(2026, 11, 22)
SETTINGS = Settings(external_hosts=("helsesider.example.org", "*.example.org"), today=TODAY)
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\0" * 32
ARTICLE = "docs/nb/lege/test.md"


def make_project(tmp_path: Path, files: dict[str, object]) -> Path:
    """A project with the sample registries, one valid article, and `files` (bytes, text, or
    ('symlink', target))."""
    root = tmp_path / "project"
    (root / "docs" / "nb" / "lege").mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "data", root / "data")
    without_sample_articles(root / "data")
    (root / "docs" / "nb" / "lege" / "fastlege.md").write_text(
        article(body="## Hva er en fastlege?\n\nTekst."), encoding="utf-8"
    )
    for rel, content in files.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, tuple) and content[0] == "symlink":
            os.symlink(content[1], target)
        elif isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    return root


def findings(root: Path) -> list[str]:
    corpus_module._cache.clear()
    return [str(f) for f in load_corpus(root, SETTINGS).findings]


def expect(found: list[str], path: str, line: int, message: str) -> None:
    assert any(f.startswith(f"{path}:{line}:") and ": error: " in f and message in f for f in found), "\n".join(found)


# --- files under docs/: (name, files, path reported, line, message) --------------------------
OUTSIDE = "/etc/hostname"
FILES = [
    (
        "markdown-ext",
        {"docs/nb/lege/x.markdown": "<script>alert(1)</script>"},
        "docs/nb/lege/x.markdown",
        1,
        "may not be under docs/",
    ),
    ("mdown-ext", {"docs/nb/lege/x.mdown": "x"}, "docs/nb/lege/x.mdown", 1, "may not be under docs/"),
    ("mkd-ext", {"docs/nb/lege/x.mkd": "x"}, "docs/nb/lege/x.mkd", 1, "may not be under docs/"),
    ("mkdn-ext", {"docs/nb/lege/x.mkdn": "x"}, "docs/nb/lege/x.mkdn", 1, "may not be under docs/"),
    (
        "upper-md-ext",
        {"docs/nb/lege/x.MD": article()},
        "docs/nb/lege/x.MD",
        1,
        "git mv docs/nb/lege/x.MD docs/nb/lege/x.md",
    ),
    (
        "html-file",
        {"docs/nb/lege/side.html": "<script>alert(1)</script>"},
        "docs/nb/lege/side.html",
        1,
        "may not be under docs/",
    ),
    ("js-file", {"docs/nb/lege/app.js": "alert(1)"}, "docs/nb/lege/app.js", 1, "may not be under docs/"),
    (
        "svg-image",
        {"docs/nb/lege/bilde.svg": "<svg onload=alert(1)/>"},
        "docs/nb/lege/bilde.svg",
        1,
        "SVG images are not allowed",
    ),
    (
        "theme-script",
        {"docs/nb/assets/javascripts/hs-search.js": "alert(1)"},
        "docs/nb/assets/javascripts/hs-search.js",
        1,
        "is written by the build",
    ),
    ("theme-folder", {"docs/nb/assets/bilde.png": PNG}, "docs/nb/assets/bilde.png", 1, "is written by the build"),
    (
        "png-not-png",
        {"docs/nb/lege/bilde.png": b"<script>alert(1)</script>"},
        "docs/nb/lege/bilde.png",
        1,
        "is not a PNG image",
    ),
    ("jpeg-is-png", {"docs/nb/lege/bilde.jpg": PNG}, "docs/nb/lege/bilde.jpg", 1, "is not a JPEG image"),
    (
        "symlink-file",
        {"docs/nb/lege/passord.md": ("symlink", OUTSIDE)},
        "docs/nb/lege/passord.md",
        1,
        "symbolic links are not allowed",
    ),
    ("symlink-folder", {"docs/nb/ute": ("symlink", "/etc")}, "docs/nb/ute", 1, "symbolic links are not allowed"),
    (
        "symlink-article",
        {"docs/nb/lege/kopi.md": ("symlink", "fastlege.md")},
        "docs/nb/lege/kopi.md",
        1,
        "symbolic links are not allowed",
    ),
    ("upper-case-name", {"docs/nb/lege/Fastlege.md": article()}, "docs/nb/lege/Fastlege.md", 1, "lower-case letters"),
    ("space-in-name", {"docs/nb/lege/fast lege.md": article()}, "docs/nb/lege/fast lege.md", 1, "lower-case letters"),
    (
        "markup-in-name",
        {'docs/nb/lege/"><img src=x onerror=alert(1)>.md': article()},
        'docs/nb/lege/"><img src=x onerror=alert(1)>.md',
        1,
        "lower-case letters",
    ),
    ("underscore-folder", {"docs/nb/_deploy/x.md": article()}, "docs/nb/_deploy/x.md", 1, "lower-case letters"),
    ("hidden-file", {"docs/nb/lege/.skjult.md": article()}, "docs/nb/lege/.skjult.md", 1, "lower-case letters"),
    ("file-at-docs-root", {"docs/les-meg.txt": "x"}, "docs/les-meg.txt", 1, "may not be under docs/"),
    ("language-named-topic", {"docs/nb/nn/x.md": article()}, "docs/nb/nn/x.md", 1, "has the name of a language"),
    ("az-folder", {"docs/nb/a-a/x.md": article()}, "docs/nb/a-a/x.md", 1, "is written by the build"),
    ("topic-page-file", {"docs/nb/lege.md": article()}, "docs/nb/lege.md", 1, "same address"),
    ("services-page-file", {"docs/nb/tjenester.md": article()}, "docs/nb/tjenester.md", 1, "is written by the build"),
    ("search-folder", {"docs/nb/search/x.md": article()}, "docs/nb/search/x.md", 1, "is written by the build"),
    (
        "page-and-folder",
        {"docs/nb/betaling/frikort.md": article(), "docs/nb/betaling/frikort/barn.md": article()},
        "docs/nb/betaling/frikort.md",
        1,
        "same address",
    ),
    (
        "unknown-language",
        {"docs/de/lege/x.md": article()},
        "docs/de/lege/x.md",
        1,
        "must be in a language folder: docs/nb, docs/nn, docs/en, docs/se",
    ),
]


@pytest.mark.parametrize("name, files, path, line, message", FILES, ids=[case[0] for case in FILES])
def test_files_under_docs_are_an_allowlist(tmp_path, name, files, path, line, message):
    expect(findings(make_project(tmp_path, files)), path, line, message)


def test_a_real_image_and_a_clean_article_pass(tmp_path):
    root = make_project(
        tmp_path,
        {
            "docs/nb/lege/kart.png": PNG,
            "docs/nb/lege/foto.jpg": JPEG,
            ARTICLE: article(body="![Kart over legekontoret](kart.png)\n\n![Foto](foto.jpg)"),
        },
    )
    assert [f for f in findings(root) if ": error: " in f] == []


def test_case_collisions_are_refused_on_any_disk(tmp_path):
    root = make_project(tmp_path, {"docs/nb/lege/Fastlege.md": article()})
    found = findings(root)
    expect(found, "docs/nb/lege/Fastlege.md", 1, "lower-case letters")


# --- front-matter: (name, file content, line, message) --------------------------------------
def fm(**fields) -> str:
    return article(**fields)


FRONT_MATTER = [
    ("bidi-override-title", fm(title="Fastlege\u202egnirts"), 2, "invisible direction controls"),
    ("bidi-isolate-description", fm(description="Om \u2067fastlege\u2069."), 3, "invisible direction controls"),
    ("zero-width-title", fm(title="\u200b\u200c\u200d"), 2, "has no visible text"),
    ("word-joiner-title", fm(title="\u2060\ufeff"), 2, "has no visible text"),
    ("control-character", fm(title="Fast\x07lege"), 2, "control character"),
    ("escaped-control-character", fm(title='"Fast\\u0007lege"'), 2, "control character"),
    ("zero-width-reviewer", fm(reviewer="\u200b, \u200b"), 5, "has no visible text"),
    ("bidi-alias", fm(extra="aliases:\n  - Lege\u202e"), 8, "invisible direction controls"),
    (
        "fullwidth-date",
        fm(reviewed="\uff12\uff10\uff12\uff16-\uff10\uff13-\uff10\uff13"),
        6,
        "is not a date written as YYYY-MM-DD",
    ),
    (
        "arabic-digits-date",
        fm(reviewed="\u0662\u0660\u0662\u0666-\u0660\u0663-\u0660\u0663"),
        6,
        "is not a date written as YYYY-MM-DD",
    ),
    ("deep-nesting", "---\ntitle: " + "[" * 15000 + "\n---\n", 2, "nested too deeply"),
    ("huge-nesting", "---\ntitle: " + "[" * 50000 + "\n---\n", 1, "front-matter is too long"),
    (
        "deep-indentation",
        "---\ntitle: x\naliases:\n" + "".join("  " * i + "- \n" for i in range(1, 40)) + "---\n",
        14,
        "nested too deeply",
    ),
    ("deep-mapping", "---\ntitle: " + "{a: " * 200 + "\n---\n", 2, "nested too deeply"),
    ("huge-front-matter", "---\ntitle: x\naliases:\n" + "  - alias\n" * 5000 + "---\n", 1, "front-matter is too long"),
]


@pytest.mark.parametrize("name, content, line, message", FRONT_MATTER, ids=[case[0] for case in FRONT_MATTER])
def test_front_matter_text_is_what_it_seems(tmp_path, name, content, line, message):
    expect(findings(make_project(tmp_path, {ARTICLE: content})), ARTICLE, line, message)


# --- bodies (body lines start at line 9): (name, body, line, message) ------------------------
BODIES = [
    ("attr-list-href", "[Les](https://helsesider.example.org/){: href=https://evil.example/x }", 9, "not allowed"),
    (
        "attr-list-href-quoted",
        '[Les](https://helsesider.example.org/){: href="https://evil.example/x" }',
        9,
        "not allowed",
    ),
    ("attr-list-src", "![Kart](kart.png){: src=https://evil.example/x.png }", 9, "not allowed"),
    ("attr-list-style", '## Tittel {: style="position:fixed;top:0" }', 9, "'style' is not allowed"),
    ("bare-word-event", "## Tittel {: onclick }", 9, "'onclick' is not allowed"),
    ("bare-word-hidden", "## Tittel {: hidden }", 9, "'hidden' is not allowed"),
    ("bare-word-image", "![Kart](kart.png){: onerror }", 9, "'onerror' is not allowed"),
    ("backslash-host", "[Les](https://evil.example\\@helsesider.example.org/)", 9, "'evil.example' is not on the list"),
    ("upper-case-host", "[Les](HTTPS://EVIL.EXAMPLE/)", 9, "'evil.example' is not on the list"),
    ("tab-in-scheme", "[Les](ht\ttps://evil.example/)", 9, "has no host name"),
    ("userinfo-host", "[Les](https://helsesider.example.org@evil.example/)", 9, "'evil.example' is not on the list"),
    ("nested-brackets", "[[[x]]](javascript:alert(1))", 9, "'javascript:' addresses are not allowed"),
    ("nested-parentheses", "[x](javascript:alert((1)))", 9, "'javascript:' addresses are not allowed"),
    ("parenthesised-js", "[x](<javascript:alert(1)>)", 9, "'javascript:' addresses are not allowed"),
    (
        "reference-in-list",
        "- punkt\n\n    [r]: javascript:alert(1)\n\n[x][r]",
        11,
        "'javascript:' addresses are not allowed",
    ),
    ("reference-in-quote", "> [r]: javascript:alert(1)\n\n[x][r]", 9, "'javascript:' addresses are not allowed"),
    ("reference-next-line", "[r]:\n  javascript:alert(1)\n\n[x][r]", 10, "'javascript:' addresses are not allowed"),
    ("reference-host", "[r]: https://evil.example/\n\n[x][r]", 9, "'evil.example' is not on the list"),
    ("upper-service", "[Innboks](SERVICE:innboks)", 9, "write 'service:' in lower case"),
    ("long-line", "a" * 300_000, 9, "characters long; at most 10000"),
    ("long-heading", "# " + "x " * 150_000, 9, "characters long; at most 10000"),
    ("many-brackets", ("[" * 100 + "\n") * 500, 9, "too many '['"),
    ("brackets-in-a-paragraph", "Tekst " + "[a" * 400, 9, "too many '[' in one paragraph"),
    ("deep-quotes", "> " * 40 + "x", 9, "nested 40 levels deep"),
    ("deep-lists", "".join("    " * i + "- x\n" for i in range(40)), 29, "nested 21 levels deep"),
]


@pytest.mark.parametrize("name, text, line, message", BODIES, ids=[case[0] for case in BODIES])
def test_every_link_the_renderer_makes_is_checked(tmp_path, name, text, line, message):
    expect(findings(make_project(tmp_path, {ARTICLE: article(body=text)})), ARTICLE, line, message)


# --- registries: (name, file, content, line, message) ----------------------------------------
PROVIDER = "eksempel:\n  name:\n    nb: {nb}\n    nn: Eksempel\n    en: Example\n    se: Ovdamearka\n  url: {url}\n"
# fmt: off
REGISTRIES = [
    ("provider-name-html", "data/providers.yml", PROVIDER.format(nb="'<img src=x onerror=alert(1)>'", url="https://x.example.org/"),
     1, "must be plain text"),
    ("provider-url-js", "data/providers.yml", PROVIDER.format(nb="Eksempel", url="javascript:alert(1)"), 1, "must be an https:// address"),
    # a provider's own https:// site is allowed for its articles (issue 29); a new or changed
    # provider website is a change of policy, named for the reviewer (tests/test_policy_changes.py)
    ("provider-url-backslash", "data/providers.yml", PROVIDER.format(nb="Eksempel", url="'https://evil.example\\@x.example.org/'"),
     1, "may not hold spaces, brackets, quotes or backslashes"),
    ("provider-name-bidi", "data/providers.yml", PROVIDER.format(nb="Eksempel\u202e", url="https://x.example.org/"), 1,
     "invisible direction controls"),
    ("topic-title-html", "data/topics.yml",
     "lege:\n  title:\n    nb: '<script>x</script>'\n    nn: Lege\n    en: GP\n    se: Doavttir\n  description:\n    nb: a\n    nn: b\n    en: c\n    se: d\n",
     1, "must be plain text"),
    ("redirect-nginx-injection", "data/redirects.yml", 'nb:\n  \'lege/a";return 302 https://evil.example/;#.md\': lege/fastlege.md\n',
     2, "a–z, 0–9"),
    ("redirect-space", "data/redirects.yml", "nb:\n  'lege/a b.md': lege/fastlege.md\n", 2, "a–z, 0–9"),
]
# fmt: on


@pytest.mark.parametrize("name, rel, content, line, message", REGISTRIES, ids=[case[0] for case in REGISTRIES])
def test_registries_get_the_same_checks(tmp_path, name, rel, content, line, message):
    root = make_project(tmp_path, {})
    (root / rel).write_text(content, encoding="utf-8")
    expect(findings(root), rel, line, message)


def test_service_names_and_urls_are_checked(tmp_path):
    root = make_project(tmp_path, {})
    services = (root / "data" / "services.yml").read_text(encoding="utf-8")
    (root / "data" / "services.yml").write_text(
        services.replace("nb: Innboks", "nb: '<b>Innboks</b>'", 1), encoding="utf-8"
    )
    found = findings(root)
    assert any(f.startswith("data/services.yml:") and "must be plain text" in f for f in found), found


def test_the_corpus_is_big_enough():
    assert len(FILES) + len(FRONT_MATTER) + len(BODIES) + len(REGISTRIES) >= 60


# --- the build: it refuses what the check refuses, names the same line, escapes what it writes --
def _fixture(tmp_path: Path, files: dict[str, object]):
    from conftest import FixtureSite

    site = FixtureSite(tmp_path / "site-src")
    site.write("docs/nb/lege/fastlege.md", article(body="## Hva er en fastlege?\n\nTekst."))
    for rel, content in files.items():
        target = site.path / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, tuple):
            os.symlink(content[1], target)
        else:
            site.write(rel, content)
    return site


AGREE = [(name, {ARTICLE: article(body=text)}, ARTICLE, line) for name, text, line, _ in BODIES] + [
    (name, files, path, line)
    for name, files, path, line, _ in FILES
    if name
    in (
        "markdown-ext",
        "html-file",
        "svg-image",
        "theme-script",
        "symlink-file",
        "symlink-folder",
        "markup-in-name",
        "language-named-topic",
        "az-folder",
        "topic-page-file",
        "underscore-folder",
    )
]


@pytest.mark.parametrize("name, files, path, line", AGREE, ids=[case[0] for case in AGREE])
@pytest.mark.slow
def test_check_and_build_agree(tmp_path, name, files, path, line):
    """What `make check` refuses, the build refuses too, naming the same file and line, and
    nothing is published."""
    site = _fixture(tmp_path, files)
    result = site.build()
    output = result.stdout + result.stderr
    assert result.returncode != 0, output[-2000:]
    assert f"{path}:{line}:" in output.replace("\\x0a", "\n") or f"{path}:{line}:" in output, output[-3000:]
    assert not (site.path / "site" / "index.html").exists()
    assert "Traceback" not in output


@pytest.mark.slow
def test_values_are_escaped_where_the_theme_writes_them(tmp_path):
    site = _fixture(
        tmp_path,
        {
            ARTICLE: article(
                title="Fastlege & legevakt",
                description='\'"Om fastlege" http-equiv="refresh" content="0;url=https://evil.example/"\'',
            )
        },
    )
    result = site.build()
    assert result.returncode == 0, result.stderr[-2000:]
    page = site.html("lege/test/index.html")
    assert page.select("meta[http-equiv]") == []
    described = page.select('meta[name="description"]')
    assert len(described) == 1 and described[0]["content"].startswith('"Om fastlege" http-equiv=')
    assert page.title.get_text().startswith("Fastlege & legevakt")


def test_the_csp_is_written_only_from_the_builds_own_hashes(tmp_path):
    from helsesider.publish.deploy import DEPLOY_DIR, SCRIPTS_FILE, inline_script_hashes

    site = tmp_path / "site"
    good = "'sha256-" + "A" * 43 + "='"
    (site / DEPLOY_DIR).mkdir(parents=True)
    (site / DEPLOY_DIR / SCRIPTS_FILE).write_text(
        f"{good}\n* 'unsafe-eval' https://evil.example\n\"; add_header X 1;\n"
    )
    (site / "nn" / DEPLOY_DIR).mkdir(parents=True)
    (site / "nn" / DEPLOY_DIR / SCRIPTS_FILE).write_text(good + "\n")
    (site / "lege" / DEPLOY_DIR).mkdir(parents=True)  # content's copy somewhere else in the site
    (site / "lege" / DEPLOY_DIR / SCRIPTS_FILE).write_text("'unsafe-inline'\n")
    assert inline_script_hashes(site, ("nn", "en")) == [good]


DOS = [
    ("open-brace-spaces", "{" + " " * 20_000),
    ("long-heading", "# " + "x" * 300_000),
    ("less-than-lines", ("1 < 2 " * 13 + "\n") * 11_500),
    ("brackets-lines", ("[" * 99 + "\n") * 20),
    ("brackets", "[" * 50_000),
    ("nested-quotes", "> " * 5_000),
    ("backticks", "`" * 100_000),
    ("entities", "&#" * 100_000),
]


def run_check(root):
    """`make check` on the project at `root`, given ten seconds at most."""
    command = [sys.executable, "-m", "helsesider.gate.check", "--root", str(root)]
    return subprocess.run(command, capture_output=True, text=True, timeout=10, cwd=root)


@pytest.mark.parametrize("name, text", DOS, ids=[case[0] for case in DOS])
def test_no_input_makes_the_check_run_long_or_crash(tmp_path, name, text):
    root = make_project(tmp_path, {ARTICLE: article(body=text)})
    result = run_check(root)
    assert result.returncode in (0, 1) and "Traceback" not in result.stderr, result.stderr[-2000:]


def test_nested_front_matter_does_not_crash_the_process(tmp_path):
    root = make_project(tmp_path, {ARTICLE: "---\ntitle: " + "[" * 15_000 + "\n---\n"})
    result = run_check(root)
    assert result.returncode == 1 and "nested too deeply" in result.stdout, result.stdout + result.stderr


@pytest.mark.parametrize(
    "rel, text",
    [
        ("data/topics.yml", "lege: " + "[" * 50_000),
        ("data/synonyms.yml", "nb: " + "{a: " * 50_000),
        ("data/site.yml", "review_interval_days:\n" + "".join(" " * (2 * i) + f"a{i}:\n" for i in range(1, 120))),
        ("data/languages/nb/texts.yml", "site_name: " + "[" * 50_000),
    ],
)
def test_nested_data_files_do_not_crash_the_process(tmp_path, rel, text):
    """Data files are read with libyaml, whose C code crashes on 50,000 nested '[' (a partner's
    pull request can change data/): the nesting is bounded before the parser sees the file."""
    root = make_project(tmp_path, {rel: text})
    result = run_check(root)
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"{rel}:" in result.stdout + result.stderr and "nested too deeply" in result.stdout + result.stderr, (
        result.stdout + result.stderr
    )
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("name, text", [DOS[2], DOS[6]], ids=[DOS[2][0], DOS[6][0]])
@pytest.mark.slow
def test_no_input_makes_the_build_run_long(tmp_path, name, text):
    site = _fixture(tmp_path, {ARTICLE: article(body=text)})
    result = subprocess.run(
        [str(Path(sys.executable).with_name("mkdocs")), "build"],
        cwd=site.path,
        capture_output=True,
        text=True,
        timeout=60,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", "HELSESIDER_MESSAGES": "en"},
    )
    assert "Traceback" not in result.stderr, result.stderr[-2000:]


def test_annotations_cannot_be_forged_by_a_file_name():
    from helsesider.gate.findings import error

    finding = error("docs/nb/a\n::error file=mkdocs.yml::forged.md", 1, "title: x\n::warning::y")
    for text in (str(finding), finding.github_annotation()):
        assert "\n" not in text and "\r" not in text  # one line: nothing after the newline can start a command
    assert str(finding).startswith("docs/nb/a\\x0a::error")


def test_nfd_titles_sort_and_file_like_nfc(tmp_path):
    from helsesider.site.pages import az_entries

    root = make_project(tmp_path, {"docs/nb/lege/andenod.md": article(title="A\u030andenød")})
    corpus_module._cache.clear()
    corpus = load_corpus(root, SETTINGS)
    entries = {label: group for group, label, _ in az_entries(corpus, "nb")}
    assert entries["\u00c5ndenød"] == "Å"


FUZZ = r"""
import sys, time
from helsesider.gate.scan import scan
from helsesider.gate.rendered import markdown_html, read
from helsesider.gate.readability import lix
worst = 0.0
for ch in "`*_[](){}<>#!\\&:|-+=~\"'@%;/ \t":
    for text in (ch * 9_000, (ch * 90 + "\n") * 100, (ch + "a") * 4_500, ("a " + ch) * 3_000):
        start = time.monotonic()
        found = scan(text, 9)
        lix(text)
        if not found.over_limits:
            read(markdown_html(text))
        worst = max(worst, time.monotonic() - start)
        if time.monotonic() - start > 10:
            sys.exit(f"{ch!r}: {time.monotonic() - start:.1f} s")
print(f"{worst:.2f}")
"""


@pytest.mark.slow
def test_long_runs_of_every_special_character_are_bounded():
    """Each Markdown and HTML special character, in long runs on one line, over many lines and
    between words: scanned, measured and (when within the limits) rendered in bounded time."""
    result = subprocess.run([sys.executable, "-c", FUZZ], capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr[-2000:]


def test_every_language_reserves_its_build_pages(tmp_path):
    """The Sámi services folder and statement (data/languages/se/language.yml) are the build's in
    every language folder, like the Norwegian and English ones."""
    files = {"docs/nb/balvalusat/x.md": article(), "docs/se/olahahttivuohta.md": article()}
    found = findings(make_project(tmp_path, files))
    expect(found, "docs/nb/balvalusat/x.md", 1, "the folder 'balvalusat' is written by the build")
    expect(found, "docs/se/olahahttivuohta.md", 1, "'olahahttivuohta.md' is written by the build")
