"""Diagnosis codes on articles and the code lookup API (issue 31, first part): ICPC-2 by its
structure, ICD-10 against WHO's classification, SNOMED CT by its check digit, each problem with
its file and line; the static lookup files with the ICD-10 fallback to the category; JSON-LD."""

from __future__ import annotations

import json
import tarfile
import zlib

import pytest
import yaml
from test_gate import run_check

from conftest import ROOT, article
from helsesider.content.codes import problem

CODES = "docs/nb/lege/a.md"


@pytest.mark.parametrize(
    "system, code, wrong",
    [
        ("icpc2", "R96", None),
        ("icpc2", "r96", None),
        ("icpc2", "A01", None),
        ("icpc2", "R45", "process code"),  # 30–69: what was done, not what the citizen has
        ("icpc2", "C96", "not an ICPC-2 code"),  # no chapter C
        ("icpc2", "R9", "not an ICPC-2 code"),
        ("icpc2", "R00", "runs from 01"),
        ("icd10", "J45", None),
        ("icd10", "J45.9", None),
        ("icd10", "J459", None),
        ("icd10", "J45.99", "not an ICD-10 code"),
        ("icd10", "J40-J47", "not an ICD-10 code"),
        ("icd10", "U99.9", "not an ICD-10 code"),
        ("snomed", "195967001", None),  # asthma
        ("snomed", "195967002", "check digit"),
        ("snomed", "195967011", "not of a concept"),  # a description id's partition
        ("snomed", "12345", "not a SNOMED CT concept id"),
    ],
)
def test_each_system_is_checked_by_its_classification(system, code, wrong):
    found = problem(system, code)
    assert (found is None) if wrong is None else (found is not None and wrong in found), found


def test_wrong_codes_are_named_with_their_line_in_the_partners_language(fixture_site):
    head = "codes:\n  icpc2: [R96, R45]\n  icd10: [J45.99]\n  snomed: [195967002]\n  loinc: [1]\n"
    text = article().replace("---\n\n", head + "---\n\n", 1)
    fixture_site.write(CODES, text)
    lines = text.splitlines()
    line_of = {
        key: lines.index(next(x for x in lines if x.startswith(f"  {key}:"))) + 1
        for key in ("icpc2", "icd10", "snomed", "loinc")
    }
    out = run_check(fixture_site, "--lang", "nb").stdout
    assert f"{CODES}:{line_of['icpc2']}:3: feil: codes: icpc2: «R45» er en prosesskode i ICPC-2" in out, out
    assert f"{CODES}:{line_of['icd10']}:3: feil: codes: icd10: «J45.99» er ikke en ICD-10-kode" in out
    assert f"{CODES}:{line_of['snomed']}:3: feil: codes: snomed: «195967002» er ikke en SNOMED CT-id" in out
    assert f"{CODES}:{line_of['loinc']}:3: feil: codes: «loinc» er ikke et kodeverk her" in out
    assert "R96" not in out and "Traceback" not in out


def test_a_code_given_by_two_articles_of_a_language_is_a_warning(fixture_site):
    head = "codes:\n  icpc2: [R96]\n"
    fixture_site.write(CODES, article().replace("---\n\n", head + "---\n\n", 1))
    fixture_site.write("docs/nb/lege/b.md", article(title="Astma").replace("---\n\n", head + "---\n\n", 1))
    result = run_check(fixture_site)
    assert result.returncode == 0
    assert "docs/nb/lege/b.md:" in result.stdout and "icpc2 R96 is also given by docs/nb/lege/a.md" in result.stdout


def _validator(name):
    from jsonschema import Draft202012Validator

    schema = json.loads((ROOT / "data/schema" / name).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def test_the_lookup_files_match_their_schema_and_fall_back_to_the_category(sample_site):
    folder = sample_site / "api/v2/codes"
    index = json.loads((folder / "index.json").read_text(encoding="utf-8"))
    assert list(_validator("api-v2-codes.schema.json").iter_errors(index)) == []
    one = _validator("api-v2-code.schema.json")
    for system, codes in index["codes"].items():
        for code in codes:
            document = json.loads((folder / system / f"{code}.json").read_text(encoding="utf-8"))
            assert list(one.iter_errors(document)) == [], (system, code)
    assert len(index["codes"]["icpc2"]) >= 3 and {"Z34", "Z34.9", "Z00.1"} <= set(index["codes"]["icd10"])
    pregnancy = json.loads((folder / "icpc2/W78.json").read_text(encoding="utf-8"))
    assert {lang: [a["title"] for a in found] for lang, found in pregnancy["articles"].items()} == {
        "nb": ["Gravid"], "nn": ["Gravid"], "en": ["Pregnancy"],
    }  # fmt: skip
    assert pregnancy["articles"]["nb"][0]["url"].endswith("/familie/graviditet/")
    exact = json.loads((folder / "icd10/Z34.9.json").read_text(encoding="utf-8"))
    assert exact["matched"] == "Z34" and exact["code_name"] == "Supervision of normal pregnancy, unspecified"
    assert exact["articles"]["nn"][0]["url"].endswith("/nn/familie/graviditet/")
    assert not (folder / "icd10/Z35.json").exists()  # no article, no file


def test_the_article_says_what_it_is_about_in_json_ld(sample_site):
    from bs4 import BeautifulSoup

    page = BeautifulSoup((sample_site / "familie/graviditet/index.html").read_text(encoding="utf-8"), "html.parser")
    data = json.loads(page.find("script", type="application/ld+json").string)
    assert data["about"]["@type"] == "MedicalEntity"
    assert {(c["codingSystem"], c["codeValue"]) for c in data["about"]["code"]} == {
        ("ICPC-2", "W78"),
        ("ICD-10", "Z34"),
    }
    assert all(c["@type"] == "MedicalCode" for c in data["about"]["code"])


@pytest.mark.browser
@pytest.mark.parametrize(
    "ask, lands",
    [
        ("oppslag/?icpc2=W78", "familie/graviditet/"),
        ("oppslag/?icd10=Z34.9&lang=nn", "nn/familie/graviditet/"),  # the category's article, in Nynorsk
        ("oppslag/?icd10=z349", "familie/graviditet/"),  # as a record may write it
        (
            "oppslag/?mainSearchCriteria.v.c=Z00.1&mainSearchCriteria.v.cs=2.16.578.1.12.4.1.1.7110"
            "&informationRecipient.languageCode.c=en",
            "en/familie/helsestasjon/",
        ),  # HL7 Infobutton, the system by its OID
        (
            "en/lookup/?mainSearchCriteria.v.c=P77&mainSearchCriteria.v.cs=2.16.578.1.12.4.1.1.7170",
            "en/psykisk-helse/hjelp-og-hjelpetelefoner/",
        ),
    ],
)
def test_a_record_systems_link_opens_the_article_in_its_language(browser, sample_server, ask, lands):
    page = browser.new_page()
    page.goto(sample_server + ask)
    page.wait_for_url(sample_server + lands)
    page.close()


@pytest.mark.browser
def test_a_code_without_an_article_says_so_with_search_and_113(browser, sample_server):
    from axe_playwright_python.sync_playwright import Axe
    from test_accessibility import violations

    page = browser.new_page(viewport={"width": 375, "height": 800})
    page.goto(sample_server + "nn/oppslag/?icpc2=R96")
    answer = page.locator(".hs-lookup__answer")
    answer.wait_for()
    assert answer.inner_text() == "Vi har ingen artikkel om koden R96 enno."
    assert page.locator(".hs-lookup__search").get_attribute("href") == "../?q=R96"
    assert page.locator(".hs-lookup__alarm a").get_attribute("href") == "tel:113"
    assert page.locator("#hs-lookup-code").input_value() == "R96"
    assert violations(Axe(), page) == []
    # the form asks again
    page.select_option("#hs-lookup-system", "icd10")
    page.fill("#hs-lookup-code", "R45.8")
    page.click(".hs-lookup__button")
    page.wait_for_url(sample_server + "nn/psykisk-helse/hjelp-og-hjelpetelefoner/")
    page.close()


@pytest.mark.browser
def test_the_lookup_works_from_file_in_the_kiosk(browser, kiosk):
    page = browser.new_page()
    page.goto((kiosk / "kiosk" / "oppslag.html").as_uri() + "?icpc2=A98")
    page.wait_for_url("**/familie/helsestasjon.html")
    page.close()


# ---- the content API v2: manifest, sections, licence and credit, Markdown -------------------


def test_the_manifest_lists_every_article_with_its_dates_and_what_was_withdrawn(sample_site):
    document = json.loads((sample_site / "api/v2/manifest.json").read_text(encoding="utf-8"))
    assert list(_validator("api-v2-manifest.schema.json").iter_errors(document)) == []
    sources = sorted(
        p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").rglob("*.md") if p.name != "index.md"
    )
    assert sorted(f"{a['language']}/{a['path']}" for a in document["articles"]) == sources
    assert document["dates_from"] == "git"  # the repository is a git checkout
    for item in document["articles"]:
        assert item["first_published"] <= item["last_modified"] and item["last_reviewed"] <= item["last_modified"]
        local = item["href"].removeprefix("https://helsesider.example.org/")
        assert (sample_site / local).is_file(), local
    pregnancy = next(a for a in document["articles"] if (a["language"], a["path"]) == ("nn", "familie/graviditet.md"))
    assert pregnancy["codes"] == [{"system": "icpc2", "code": "W78"}, {"system": "icd10", "code": "Z34"}]
    withdrawn = {(w["language"], w["path"]) for w in document["withdrawn"]}
    assert ("nb", "lege/allmennlege.md") in withdrawn


def test_an_article_comes_in_modules_with_its_licence_credit_and_markdown(sample_site):
    """v2: the record has no copy of the page's HTML; its parts are offsets into its Markdown."""
    record = json.loads((sample_site / "api/v2/articles/akutt-hjelp/legevakt.json").read_text(encoding="utf-8"))
    assert record["format"] == "helsesider-articles/2" and "body_html" not in record
    assert record["markdown"] == {
        "archive": "https://helsesider.example.org/api/v2/markdown.tar.gz",
        "path": "akutt-hjelp/legevakt.md",
    }
    with tarfile.open(sample_site / "api/v2/markdown.tar.gz") as tar:
        names = tar.getnames()
        markdown = tar.extractfile(record["markdown"]["path"]).read().decode("utf-8")  # type: ignore[union-attr]
    assert sorted(names) == sorted(
        p.relative_to(ROOT / "docs/nb").as_posix() for p in (ROOT / "docs/nb").rglob("*.md") if p.name != "index.md"
    )
    parts = record["sections"]
    assert all(a["end"] < b["start"] for a, b in zip(parts, parts[1:]))
    # the parts are the whole body: between the lead and the credit, nothing but them
    lead = f"# Legevakt\n\n{record['description']}\n\n"
    assert markdown.index(lead) + len(lead) == parts[0]["start"]
    assert (
        "\n\n".join(markdown[p["start"] : p["end"]] for p in parts)
        == markdown[parts[0]["start"] : markdown.rindex("\n\n---\n\n")]
    )
    cards = [p for p in parts if p["kind"] == "care_card"]
    assert [c["level"] for c in cards] == ["ring-113", "legevakt"]
    assert [c["heading"] for c in cards] == ["Akutt: Ring 113 hvis", "Haster: Kontakt legevakten på 116 117 hvis"]
    assert markdown[cards[0]["start"] : cards[0]["end"]].startswith("## Akutt: Ring [113](tel:113) hvis\n\n- det har")
    assert "Legevakten er åpen" not in markdown[cards[0]["start"] : cards[0]["end"]]
    text = parts[parts.index(cards[0]) + 1]  # the text after a card is a part of its own
    assert text["kind"] == "text" and markdown[text["start"] :].startswith("Legevakten er åpen hele døgnet")
    when = next(p for p in parts if p["id"] == "nar-skal-du-bruke-legevakten")
    assert when["heading"] == "Når skal du bruke legevakten?"
    assert markdown[when["start"] : when["end"]].startswith("## Når skal du bruke legevakten?\n\n- Du har blitt syk")
    assert markdown[when["start"] : when["end"]].endswith("ringer du [113](tel:113).")
    assert record["licence"] == {"id": "NLOD-2.0", "url": "https://data.norge.no/nlod/en/2.0"}
    assert record["credit"]["required"] is True and "Eksempel kommune" in record["credit"]["text"]
    head, body = markdown.split("\n---\n", 1)
    assert yaml.safe_load(head.removeprefix("---\n"))["credit"] == record["credit"]
    assert body.lstrip().startswith("# Legevakt\n") and "## Når skal du bruke legevakten?" in body
    assert "](../" not in markdown and record["credit"]["text"] in body and "NLOD-2.0" in body
    index = json.loads((sample_site / "nn/api/v2/articles.json").read_text(encoding="utf-8"))
    assert all(a["licence"]["id"] == "NLOD-2.0" and a["credit"]["required"] for a in index["articles"])
    assert not (sample_site / "api/v1").exists()  # v1 is withdrawn (README: the content API's changelog)


@pytest.mark.browser
def test_a_record_system_goes_from_r96_or_j45_9_to_the_article_in_each_language(browser, fixture_site, tmp_path):
    """The issue's own example, on a fixture site with an asthma article in three languages (the
    sample has none: the seeds say nothing about asthma): the lookup page and the JSON."""
    from conftest import static_server

    codes = "codes:\n  icpc2: [R96]\n  icd10: [J45]\n"
    for lang, title in (("nb", "Astma"), ("nn", "Astma"), ("en", "Asthma")):
        fixture_site.write(f"docs/{lang}/lege/astma.md", article(title=title).replace("---\n\n", codes + "---\n\n", 1))
    out = tmp_path / "built"
    result = fixture_site.build("--site-dir", str(out))
    assert result.returncode == 0, result.stderr
    exact = json.loads((out / "api/v2/codes/icd10/J45.9.json").read_text(encoding="utf-8"))
    assert exact["matched"] == "J45" and list(_validator("api-v2-code.schema.json").iter_errors(exact)) == []
    assert {lang: [a["title"] for a in found] for lang, found in exact["articles"].items()} == {
        "nb": ["Astma"], "nn": ["Astma"], "en": ["Asthma"],
    }  # fmt: skip
    r96 = json.loads((out / "api/v2/codes/icpc2/R96.json").read_text(encoding="utf-8"))
    assert r96["articles"]["en"][0]["url"].endswith("/en/lege/astma/")
    server = static_server(out)
    base = next(server)
    page = browser.new_page()
    for ask, lands in (
        ("oppslag/?icpc2=R96", "lege/astma/"),
        ("oppslag/?icd10=J45.9&lang=nn", "nn/lege/astma/"),
        (
            "oppslag/?mainSearchCriteria.v.c=J45.9&mainSearchCriteria.v.cs=2.16.840.1.113883.6.3"
            "&informationRecipient.languageCode.c=en",
            "en/lege/astma/",
        ),  # fmt: skip
    ):
        page.goto(base + ask)
        page.wait_for_url(base + lands)
    page.close()
    next(server, None)


def test_the_feed_keeps_its_parts_on_disk_and_gives_back_what_was_put():
    """A language's articles' Markdown and parts wait for the feed in a temporary file
    (SpooledParts): what is read back is what was put, set again it is the newest, and it
    lists and forgets like a dictionary."""
    from helsesider.site.feed import SpooledParts

    spool = SpooledParts()
    first = (zlib.compress(b"# Legevakt\n\nRing 116 117."), b'[{"kind":"text","start":0,"end":9}]')
    second = (b"", b"[]")
    spool["akutt-hjelp/legevakt.md"] = first
    spool["lege/fastlege.md"] = second
    assert spool["akutt-hjelp/legevakt.md"] == first and spool["lege/fastlege.md"] == second
    spool["akutt-hjelp/legevakt.md"] = (b"x" * 70_000, "æ".encode() * 3)
    assert spool["akutt-hjelp/legevakt.md"] == (b"x" * 70_000, "æ".encode() * 3)
    assert spool["lege/fastlege.md"] == second
    assert spool["lege/fastlege.md"] == second  # one read in the middle of the file, then one added
    spool["ny.md"] = first
    assert spool["akutt-hjelp/legevakt.md"] == (b"x" * 70_000, "æ".encode() * 3) and spool["ny.md"] == first
    del spool["ny.md"]
    assert sorted(spool) == ["akutt-hjelp/legevakt.md", "lege/fastlege.md"] and len(spool) == 2
    assert spool.get("ukjent.md") is None
    del spool["lege/fastlege.md"]
    assert list(spool) == ["akutt-hjelp/legevakt.md"] and "lege/fastlege.md" not in spool
