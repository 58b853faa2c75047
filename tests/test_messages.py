"""The check speaks the partner's language (issue 29): every finding the bad-input and hostile
corpora produce is said in Bokmål by default (data/languages/nb/check.po), `--lang en` gives
English, and every template of the catalogue is one the code still writes."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from test_bad_input import BAD, SCRIPT, body, findings_for, project  # noqa: F401 (a fixture)
from test_hostile_input import BODIES, FILES, FRONT_MATTER, REGISTRIES, findings, make_project

from conftest import article
from helsesider.gate.findings import error, warning
from helsesider.gate.messages import catalogue_path, language, say, translate

ROOT = Path(__file__).resolve().parent.parent
FINDING = re.compile(r"^(.*?):(\d+):(\d+): (error|warning): (.*)$", re.S)


def untranslated(lines: list[str]) -> list[str]:
    """The findings (as printed in English) whose Bokmål is still English, or only partly
    translated (an English value left inside)."""
    left = []
    for line in lines:
        found = FINDING.match(line)
        assert found, line
        message = found.group(5)
        said = translate(message, "nb")
        if said == message or re.search(r"\b(the|is|must|not|allowed|missing|use|write|has)\b", said):
            left.append(f"{message}  →  {said}")
    return left


def test_every_bad_article_finding_is_said_in_bokmaal(project):  # noqa: F811
    corpus = [content for _, content, _, _ in BAD] + [body(vector) for vector in SCRIPT]
    lines = sorted({line for content in corpus for line in findings_for(project, content)})
    assert len(lines) >= 60
    assert untranslated(lines) == []


def test_every_hostile_input_finding_is_said_in_bokmaal(tmp_path):
    lines: set[str] = set()
    cases = [files for _, files, _, _, _ in FILES]
    cases += [{"docs/nb/lege/test.md": content} for _, content, _, _ in FRONT_MATTER]
    cases += [{"docs/nb/lege/test.md": article(body=text)} for _, text, _, _ in BODIES]
    cases += [{rel: content} for _, rel, content, _, _ in REGISTRIES]
    for number, files in enumerate(cases):
        lines |= set(findings(make_project(tmp_path / str(number), files)))
    partner = [line for line in lines if line.startswith(("docs/", "data/providers.yml", "data/topics.yml"))]
    assert len(partner) >= 60
    assert untranslated(partner) == []


def test_values_inside_a_message_are_translated_too():
    said = translate("provider: unknown provider 'eksempel-helsetat' (did you mean 'eksempel-helseetat'?); "
                     "add it to data/providers.yml (CONTRIBUTING.md, 'Ny samarbeidspartner')", "nb")  # fmt: skip
    assert said == (
        "provider: ukjent samarbeidspartner «eksempel-helsetat» (mente du «eksempel-helseetat»?); "
        "legg den inn i data/providers.yml (CONTRIBUTING.md, «Ny samarbeidspartner»)"
    )
    # a value just before an optional tail is whole, and a value that is words is translated
    assert translate("'../finnes-ikke.md': no article docs/nb/finnes-ikke.md", "nb") == (
        "«../finnes-ikke.md»: artikkelen docs/nb/finnes-ikke.md finnes ikke"
    )
    assert translate("'x.md': no article docs/en/x.md in en (did you mean '../en/y.md'?)", "nb") == (
        "«x.md»: artikkelen docs/en/x.md finnes ikke på en (mente du «../en/y.md»?)"
    )
    assert translate("'### Hopp' jumps from the title to a level-3 heading: write '## Hopp' (headings go one level "
                     "at a time, so that screen readers and the page's contents can follow them)", "nb").startswith(
        "«### Hopp» hopper fra tittelen til en overskrift på nivå 3: skriv «## Hopp»"
    )  # fmt: skip
    nested = translate("aliases: item 2 must be plain text, without HTML or Markdown", "nb")
    assert nested == "aliases: punkt 2 må være ren tekst, uten HTML eller Markdown"
    assert say(warning("docs/nb/a.md", 9, "readability: LIX 61 is above 50; use shorter sentences and shorter words "
               "where you can"), "nb").startswith("docs/nb/a.md:9:1: advarsel: lesbarhet: LIX 61 er over 50")  # fmt: skip
    assert say(error("docs/nb/a.md", 1, "something new"), "nb") == "docs/nb/a.md:1:1: feil: something new"


def test_the_default_is_the_sites_default_language_and_en_is_english(monkeypatch):
    monkeypatch.delenv("HELSESIDER_MESSAGES", raising=False)
    assert language() == "nb"
    assert language("en") == "en" and language("xx") == "en"  # no catalogue: the code's English
    monkeypatch.setenv("HELSESIDER_MESSAGES", "en")
    assert language() == "en"


@pytest.mark.parametrize("flags,expected", [
    ((), "docs/nb/lege/a.md:6:1: feil: reviewed: «2026-02-30» er ikke en dato som finnes"),
    (("--lang", "en"), "docs/nb/lege/a.md:6:1: error: reviewed: '2026-02-30' is not a real date"),
])  # fmt: skip
def test_make_check_speaks_bokmaal_unless_told(fixture_site, flags, expected):
    fixture_site.write("docs/nb/lege/a.md", article(reviewed="2026-02-30"))
    env = {key: value for key, value in os.environ.items() if key != "HELSESIDER_MESSAGES"}
    result = subprocess.run(
        [sys.executable, "-m", "helsesider.gate.check", "--root", str(fixture_site.path), *flags],
        capture_output=True,
        text=True,
        env=env,
    )
    assert expected in result.stdout, result.stdout
    assert ("Artikler uten feil: 0. Filer med feil: 1." in result.stderr) == (not flags)


def strings(path: Path) -> str:
    """Every string the module writes, each as one text (implicit concatenation and f-strings
    joined as the parser joins them; a value's place as {…})."""
    import ast

    def text(node) -> str:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return node.value
        if isinstance(node, ast.JoinedStr):
            return "".join(v.value if isinstance(v, ast.Constant) else "{…}" for v in node.values)
        return ""

    return "\n".join(text(node) for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))))


def test_every_template_is_one_the_code_still_writes():
    """A msgid whose fixed text no longer appears in the code is a stale entry (the message
    changed and the translation did not follow)."""
    source = "\n".join(strings(p) for folder in ("helsesider", "hooks") for p in (ROOT / folder).rglob("*.py"))
    with catalogue_path("nb").open("rb") as po:
        catalog = read_po(po)
    stale = []
    for message in catalog:
        if not message.id or any(c.startswith("not in the code:") for c in message.auto_comments):
            continue  # the header; libyaml's messages, and names the code composes
        pieces = [p for p in re.split(r"\{[^{}]+\}", str(message.id)) if len(p.strip()) >= 4]
        if any(piece not in source for piece in pieces):
            stale.append(str(message.id))
        placeholders = sorted(re.findall(r"\{[^{}]+\}", str(message.id)))
        assert sorted(re.findall(r"\{[^{}]+\}", str(message.string))) == placeholders, message.id
    assert stale == []
