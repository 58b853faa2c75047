"""Every file the site is built from goes through the gate (written before the third round's
fixes, one case per cause the second red team found; the cases themselves were not shown to us).

- the language data (accessibility statement, texts, dates, page paths, hyphenation) and the
  providers' addresses are read by `make check`, and problems name the data file and its line;
- one HTML policy for every source of HTML: no SVG scripting (xlink:href), no ping, srcset and
  every URL-bearing attribute checked against the host allowlist;
- care cards are checked where the renderer finds them (in quotes, in lists, after a stray fence);
- text that passes gives valid feeds; fenced code is text, not HTML.
"""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as etree
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_hostile_input import ARTICLE, expect, findings, make_project

from conftest import article

CHECK = "helsesider.gate.check"


def run_check(root: Path, *args: str) -> subprocess.CompletedProcess:
    """`make check` on the project at `root` (60 s at most)."""
    command = [sys.executable, "-m", CHECK, "--root", str(root), *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=60, cwd=root)


def replace_in(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


STATEMENT = "data/languages/nb/accessibility.md"
# (name, markup added to the statement's first line, message)
STATEMENT_CASES = [
    ("svg-xlink", '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>', "not allowed"),
    ("ping", '<a href="https://helsesider.example.org/" ping="https://evil.example/track">x</a>', "not allowed"),
    ("srcset", '<img src="x.png" srcset="https://evil.example/x.png 2x" alt="x">', "not allowed"),
    ("script", "<script>alert(1)</script>", "<script> is not allowed"),
    ("off-list-link", "[x](https://evil.example/)", "'evil.example' is not on the list"),
    ("off-list-html-link", '<a href="https://evil.example/">x</a>', "not allowed"),
]


@pytest.mark.parametrize("name, markup, message", STATEMENT_CASES, ids=[c[0] for c in STATEMENT_CASES])
def test_the_accessibility_statement_is_checked_with_its_own_path(tmp_path, name, markup, message):
    root = make_project(tmp_path, {})
    statement = root / STATEMENT
    statement.write_text(markup + "\n\n" + statement.read_text(encoding="utf-8"), encoding="utf-8")
    result = run_check(root)
    assert result.returncode == 1, result.stdout + result.stderr
    assert any(
        line.startswith(f"{STATEMENT}:1:") and ": error: " in line and message in line
        for line in result.stdout.splitlines()
    ), result.stdout + result.stderr
    assert "Traceback" not in result.stderr


# (name, file, old text, new text, line, message)
LANGUAGE_DATA = [
    (
        "texts-placeholder",
        "data/languages/nb/texts.yml",
        'care_legevakt: "Kontakt legevakten på {number} hvis"',
        'care_legevakt: "Kontakt legevakten på {nummer} hvis"',
        "{nummer}",
    ),
    (
        "dates-placeholder",
        "data/languages/nn/language.yml",
        'format: "{day}. {month} {year}"',
        'format: "{dag}. {month} {year}"',
        "{dag}",
    ),
    ("services-path-up", "data/languages/nb/language.yml", "services: tjenester", 'services: ".."', "paths.services"),
    ("az-is-the-front-page", "data/languages/en/language.yml", "az: a-z.md", "az: index.md", "paths.az"),
    ("unknown-hyphenation", "data/languages/nb/language.yml", "hyphenation: nb_NO", "hyphenation: xx_XX", "xx_XX"),
]


@pytest.mark.parametrize("name, rel, old, new, message", LANGUAGE_DATA, ids=[c[0] for c in LANGUAGE_DATA])
def test_language_data_is_checked_by_make_check_with_its_line(tmp_path, name, rel, old, new, message):
    root = make_project(tmp_path, {})
    line = next(n for n, text in enumerate((root / rel).read_text(encoding="utf-8").splitlines(), 1) if old in text)
    replace_in(root, rel, old, new)
    result = run_check(root)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert any(
        text.startswith(f"{rel}:{line}:") and ": error: " in text and message in text
        for text in result.stdout.splitlines()
    ), result.stdout + result.stderr


def test_a_language_without_data_is_a_finding_not_a_traceback(tmp_path):
    root = make_project(tmp_path, {})
    replace_in(root, "data/site.yml", "languages: [nb, nn, en, se]", "languages: [nb, nn, en, se, fi]")
    result = run_check(root)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    assert any(
        text.startswith("data/") and "fi" in text and ": error: " in text for text in result.stdout.splitlines()
    ), result.stdout


PROVIDER_BREAKOUT = '"https://kommune.example.org/x) ![](https://evil.example/p.png"'


def test_a_provider_address_that_breaks_out_of_its_link_is_refused_by_make_check(tmp_path):
    root = make_project(tmp_path, {})
    replace_in(root, "data/providers.yml", "url: https://kommune.example.org/", f"url: {PROVIDER_BREAKOUT}")
    found = findings(root)
    assert any(f.startswith("data/providers.yml:") and ": error: " in f and "url" in f for f in found), found


# --- one HTML policy --------------------------------------------------------------------------
POLICY_CASES = [
    ("ping", '<a href="https://helsesider.example.org/" ping="https://evil.example/">x</a>'),
    ("srcset", '<img src="x.png" srcset="https://evil.example/x.png 2x" alt="x">'),
    ("xlink", '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>'),
    ("formaction", '<button formaction="https://evil.example/">x</button>'),
    ("poster", '<video poster="https://evil.example/x.png"></video>'),
    ("background", '<table background="https://evil.example/x.png"><tr><td>x</td></tr></table>'),
    ("style-url", '<span style="background:url(https://evil.example/x.png)">x</span>'),
    ("meta-refresh", '<meta http-equiv="refresh" content="0;url=https://evil.example/">'),
]


@pytest.mark.parametrize("name, markup", POLICY_CASES, ids=[c[0] for c in POLICY_CASES])
def test_the_html_policy_refuses_every_url_bearing_attribute_in_every_source(name, markup):
    from helsesider.gate.html_policy import CONTENT, GENERATED, STATEMENT

    allowed = lambda host: host == "helsesider.example.org"  # noqa: E731
    for policy in (CONTENT, STATEMENT, GENERATED):
        assert policy.problems(markup, allowed), f"{policy.name} accepted {markup}"


def test_the_html_policy_accepts_what_the_site_writes():
    from helsesider.gate.html_policy import CONTENT, GENERATED

    allowed = lambda host: host == "helsesider.example.org"  # noqa: E731
    text = '<p><a href="https://helsesider.example.org/x">x</a> <img src="bilde.png" alt="Kart"></p>'
    assert CONTENT.problems(text, allowed) == []
    icon = '<a href="../x/"><svg viewBox="0 0 24 24" aria-hidden="true"><path d="M1 1h2"/></svg> Logg inn</a>'
    assert GENERATED.problems(icon, allowed) == []


# --- care cards where the renderer finds them (body starts at line 9) -------------------------
CARDS = [
    ("in-a-quote", '> ::: ring-113 "Ring 22 33 44 55"\n> - du har vondt\n> :::', 9, "care card"),
    ("in-a-list", '- punkt\n\n    ::: ring-113 "Ring 22 33 44 55"\n    - du har vondt\n    :::', 11, "care card"),
    ("unknown-level-in-a-quote", "> ::: akutt\n> - du har vondt\n> :::", 9, "care card"),
    (
        "after-a-stray-fence",
        'Tekst\n```\nmer tekst\n\n::: ring-113 "Ring 22 33 44 55"\n- du har vondt\n:::',
        13,
        "must say 113",
    ),
    ("wrong-number", '::: ring-113 "Ring 22 33 44 55"\n- du har vondt\n:::', 9, "must say 113"),
]


@pytest.mark.parametrize("name, body, line, message", CARDS, ids=[c[0] for c in CARDS])
def test_care_cards_are_checked_where_the_renderer_finds_them(tmp_path, name, body, line, message):
    expect(findings(make_project(tmp_path, {ARTICLE: article(body=body)})), ARTICLE, line, message)


def test_a_card_in_a_quote_never_reaches_a_page_as_an_emergency_card(tmp_path):
    """The build's own check (hooks/content_safety.py) refuses it too, with the line."""
    from helsesider.gate.html_policy import CONTENT
    from helsesider.gate.rendered import markdown_html

    html = markdown_html('> ::: ring-113 "Ring 22 33 44 55"\n> - du har vondt\n> :::\n')
    assert any("care card" in p.message for p in CONTENT.problems(html, lambda host: True))


# --- text that passes gives valid output --------------------------------------------------------
@pytest.mark.parametrize(
    "written", ["\ufdd0", "\U0001ffff", '"Om \\uffff."', '"Om \\ufffe."', '"Om \\ud800."', '"Om \\U0010FFFF."']
)
def test_non_characters_and_surrogates_are_refused_in_text_fields(tmp_path, written):
    """As written in the file, or as YAML escapes in a double-quoted value (PyYAML refuses the
    first kind itself, but decodes the second)."""
    description = written if written.startswith('"') else f"Om fastlege{written}."
    expect(findings(make_project(tmp_path, {ARTICLE: article(description=description)})), ARTICLE, 3, "")


printable_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), min_codepoint=1), min_size=1, max_size=40
).filter(lambda s: s.strip())


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=printable_text, description=printable_text, provider_name=printable_text)
def test_any_text_that_passes_the_check_gives_a_well_formed_feed(title, description, provider_name):
    """Titles and descriptions that the check lets through are written into feed.xml, and the feed
    parses as XML (a non-character or control character is refused or escaped, never written)."""
    import datetime as dt

    from helsesider.content.model import Article
    from helsesider.content.registry import Provider
    from helsesider.gate.text_rules import text_problem
    from helsesider.settings import Settings
    from helsesider.site.feed import atom

    if any(text_problem(t) for t in (title, description, provider_name)):
        return
    today = dt.date(2026, 11, 22)

    class Corpus:
        settings = Settings(today=today)
        providers = {"p": Provider("p", {"nb": provider_name}, "https://x.example.org/")}

    item = Article(
        path="docs/nb/a/b.md", lang="nb", rel="a/b.md", title=title, description=description, provider="p",
        reviewer="Kari Eksempel, lege", reviewed=today, next_review=today, aliases=(), body="", body_line=1,
    )  # fmt: skip
    etree.fromstring(atom(Corpus(), "nb", [item], "https://helsesider.example.org/"))


# --- legitimate input accepted ------------------------------------------------------------------
def test_html_shown_as_code_in_a_fenced_block_is_accepted(tmp_path):
    body = 'Slik ser koden ut:\n\n```html\n<div class="x">\n<script>alert(1)</script>\n</div>\n```\n\nTekst.'
    root = make_project(tmp_path, {ARTICLE: article(body=body)})
    assert [f for f in findings(root) if ": error: " in f] == []


def test_html_outside_the_fence_is_still_refused(tmp_path):
    body = "```html\n<div>x</div>\n```\n\n<div>ut</div>"
    expect(findings(make_project(tmp_path, {ARTICLE: article(body=body)})), ARTICLE, 13, "<div>")


# --- one inventory of inputs ------------------------------------------------------------------
def test_every_file_under_data_is_in_the_inventory():
    """A new input file cannot be forgotten: each file under data/ matches an entry of the
    inventory, which says how it is parsed and checked."""
    from conftest import ROOT
    from helsesider.gate.inputs import INPUTS, entry_for

    for path in sorted((ROOT / "data").rglob("*")):
        if path.is_file():
            rel = path.relative_to(ROOT).as_posix()
            assert entry_for(rel) is not None, f"{rel} is not in helsesider/gate/inputs.py"
    assert {entry.pattern for entry in INPUTS} >= {"docs/<lang>/**/*.md", "data/languages/<lang>/accessibility.md"}


def test_the_readme_lists_every_input():
    from conftest import ROOT
    from helsesider.gate.inputs import INPUTS

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [entry.pattern for entry in INPUTS if f"`{entry.pattern}`" not in readme]
    assert missing == []


# --- found while fixing the above (written with the fix, not before it) -------------------------
MORE = [
    ("tel-text-other-number", "Ring [113](tel:22334455) straks.", 9, "shows the number 113 but dials 22334455"),
    ("urgent-card-other-number", '::: legevakt "Ring 22 33 44 55 hvis"\n- du er syk\n:::', 9, "must say 116 117"),
    ("class-in-attribute-list", "Viktig tekst {: .hs-visually-hidden }", 9, "the class 'hs-visually-hidden'"),
    ("many-unclosed-fences", "```x\n" * 150, 109, "too many lines starting with ```"),
]


@pytest.mark.parametrize("name, body, line, message", MORE, ids=[c[0] for c in MORE])
def test_more_causes_found_while_fixing(tmp_path, name, body, line, message):
    expect(findings(make_project(tmp_path, {ARTICLE: article(body=body)})), ARTICLE, line, message)


def test_an_aligned_table_and_a_heading_id_are_accepted(tmp_path):
    body = "| Hva | Pris |\n|:--|--:|\n| Legevakt | 200 |\n\n## Pris {#pris}\n\nTekst."
    root = make_project(tmp_path, {ARTICLE: article(body=body)})
    assert [f for f in findings(root) if ": error: " in f] == []


def test_a_phone_number_typed_into_an_interface_text_is_refused(tmp_path):
    root = make_project(tmp_path, {})
    rel = "data/languages/nb/texts.yml"
    replace_in(root, rel, 'care_ring-113: "Ring {number} hvis"', 'care_ring-113: "Ring 22 33 44 55 hvis"')
    result = run_check(root)
    assert result.returncode == 1 and f"{rel}:1:" in result.stdout, result.stdout


@pytest.mark.slow
def test_make_build_names_the_line_of_what_only_the_rendering_shows(fixture_site, tmp_path):
    """A reference definition inside a quote is seen only once Markdown has rendered it: `make
    build` (each language in its own process) lists it with its file and line, as `make check`
    does, not an empty list after a colon."""
    fixture_site.write("docs/nb/lege/test.md", article(body="> [r]: javascript:alert(1)\n\n[x][r]"))
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "helsesider.publish.build",
            "--root",
            str(fixture_site.path),
            "--site-dir",
            str(tmp_path / "out"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", "HELSESIDER_MESSAGES": "en"},
    )
    assert result.returncode == 1
    assert "docs/nb/lege/test.md:9:" in result.stdout and "'javascript:' addresses are not allowed" in result.stdout, (
        result.stdout + result.stderr
    )
    assert not (tmp_path / "out").exists()


# --- a '# Title' line in the body (a habit from other tools) ----------------------------------
def _line_of(root: Path, text: str) -> int:
    return (root / ARTICLE).read_text(encoding="utf-8").split("\n").index(text) + 1


def test_a_body_may_start_with_its_title(tmp_path):
    root = make_project(tmp_path, {ARTICLE: article(title="Fastlege", body="# Fastlege\n\nTekst.\n\n## Mer\n\nTekst.")})
    assert [f for f in findings(root) if ARTICLE in f] == []


def test_a_title_heading_elsewhere_is_an_error_and_another_title_a_warning(tmp_path):
    root = make_project(tmp_path, {ARTICLE: article(body="Tekst først.\n\n# Midt i\n\nTekst.")})
    expect(findings(root), ARTICLE, _line_of(root, "# Midt i"), "is a title heading")
    root = make_project(tmp_path / "b", {ARTICLE: article(title="Fastlege", body="# Allmennlege\n\nTekst.")})
    found = [f for f in findings(root) if ARTICLE in f]
    assert len(found) == 1 and ": warning: " in found[0] and "'Fastlege'" in found[0], found
    assert found[0].startswith(f"{ARTICLE}:{_line_of(root, '# Allmennlege')}:")


# --- the search's alarm signs, lay phrases and word forms (issue 28) ---------------------------
ALARMS_BAD = """signs:
  - id: chest
    call: "112"
    source: "seed 002"
    nb: [vondt i brystet]
  - id: breath
    call: "113"
    nb: [puster ikke]
  - id: x
    call: helpline
    source: lay usage
    xx: [noe]
"""
LAY_BAD = """nb:
  - says: [brent meg]
    means: [skade]
  - says: brent
    means: [skade]
    source: lay usage
  - says: [vondt]
    means: [syk]
    source: lay usage
    nearest: kanskje
"""
FORMS_BAD = """se:
  - {words: [doavttir]}
"""


def test_alarm_signs_lay_phrases_and_word_forms_are_checked_with_their_line(tmp_path):
    root = make_project(
        tmp_path,
        {"data/search/alarms.yml": ALARMS_BAD, "data/search/lay.yml": LAY_BAD, "data/search/forms.yml": FORMS_BAD},
    )
    from helsesider.gate.search_data import check_search_data

    found = [str(f) for f in check_search_data(root)]
    expect(found, "data/search/alarms.yml", 3, "call: one of 113, 116117, helpline")
    expect(found, "data/search/alarms.yml", 6, "an alarm sign needs a source")
    expect(found, "data/search/alarms.yml", 12, "'xx' is not a language of the site")
    expect(found, "data/search/lay.yml", 2, "a lay phrase needs a source")
    expect(found, "data/search/lay.yml", 4, "says: a list of words or phrases")
    expect(found, "data/search/lay.yml", 10, "nearest: true or false")
    expect(found, "data/search/forms.yml", 2, "two forms or more")


def test_every_problem_on_a_line_is_reported_once_and_a_repeat_on_another_line_too(tmp_path):
    """Partners write a paragraph on one line (issue 29): a missing image and an http:// link on
    the same line are two findings; the same missing image again on a later line is a third,
    with that line, not a copy of the first."""
    body = "Se ![bilde](nei.png) og [B](http://helsenorge.no/b).\n\nTekst.\n\n![bilde](nei.png)"
    root = make_project(tmp_path, {ARTICLE: article(body=body)})
    found = [f for f in findings(root) if f.startswith(ARTICLE)]
    images = [f for f in found if "'nei.png'" in f]
    assert len(images) == 2 and images[0].split(":")[1] != images[1].split(":")[1], found
    assert any("use https://" in f for f in found), found
    assert len(found) == len(set(found))


def test_a_camera_name_gets_the_command_that_renames_it(tmp_path):
    """`IMG_1.PNG` as a camera writes it (issue 29): the message names the rule and gives the one
    line that fixes it, not a list that seems to allow it."""
    root = make_project(tmp_path, {"docs/nb/lege/IMG_1.PNG": b"\x89PNG\r\n\x1a\n0000"})
    expect(findings(root), "docs/nb/lege/IMG_1.PNG", 1, "git mv docs/nb/lege/IMG_1.PNG docs/nb/lege/img-1.png")


def test_headings_that_skip_a_level_are_errors_with_their_line(tmp_path):
    """Issue 29: title -> '###' -> '####' was not reported; a screen reader's list of headings
    then has holes."""
    body = "### Hvem kan få det?\n\nTekst.\n\n## Slik gjør du\n\nTekst.\n\n#### Detaljer\n\nTekst."
    root = make_project(tmp_path, {ARTICLE: article(body=body)})
    found = findings(root)
    first = 1 + article(body=body).split("\n").index("### Hvem kan få det?")
    expect(found, ARTICLE, first, "jumps from the title to a level-3 heading: write '## Hvem kan få det?'")
    expect(found, ARTICLE, first + 8, "jumps from a level-2 heading to a level-4 heading: write '### Detaljer'")


def test_a_long_sentence_is_a_warning_at_its_line(tmp_path):
    """Issue 29: a 70-word sentence hid in the article's LIX average and was never named."""
    long = "Når du " + " ".join(["skal"] * 68) + "."
    body = f"Kort innledning.\n\n{long} Neste setning er kort."
    root = make_project(tmp_path, {ARTICLE: article(body=body)})
    line = 1 + article(body=body).split("\n").index(f"{long} Neste setning er kort.")
    found = findings(root)
    assert any(
        f.startswith(f"{ARTICLE}:{line}:") and ": warning: " in f and "a sentence of 70 words" in f for f in found
    ), found
