"""The search index (Python) and the engine that reads it (JavaScript, run with node) agree,
and the engine finds what it should on a small index."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from helsesider.search import build_index, fold, index_script, stem, Document, terms

ROOT = Path(__file__).resolve().parent.parent
ENGINE = ROOT / "overrides/assets/javascripts/hs-search.js"
WORDS = ["Fastlegen", "fastlegar", "fastlegane", "Sjukehuset", "egenandelen", "eigendelane", "resepter",
         "Pasientreiser", "pårørende", "PAAROERENDE", "førstehjelp", "forstehjelp", "Ørebetennelse", "Émile",
         "helsestasjonene", "legevakta", "e-resept", "hetene", "prescriptions", "referred", "referral",
         "studies", "classes", "running", "exemption", "business"]

pytestmark = pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")


def node(script: str, payload) -> object:
    code = f"const api = require({json.dumps(str(ENGINE))});\nconst input = {json.dumps(payload)};\n{script}"
    result = subprocess.run(["node", "-e", code], capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def doc(url, title, body="", aliases=(), description="Beskrivelse."):
    return Document(url=url, title=title, snippet=description, keys=[" ".join(terms(t, "nb")) for t in (title, *aliases)],
                    fields={"title": title, "alias": " ".join(aliases), "description": description, "heading": "", "body": body})


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_fold_and_stem_are_the_same_in_python_and_javascript(lang):
    index = build_index([doc("a/", "A")], lang, [])
    expected = [[fold(w, lang), stem(fold(w, lang), lang)] for w in WORDS]
    got = node("const e = new api.Engine(input); console.log(JSON.stringify(input.words.map(w => [e.fold(w), e.stem(e.fold(w))])));",
               dict(index, words=WORDS))
    assert got == expected


def test_word_forms_are_conflated():
    assert stem(fold("fastlegen", "nb"), "nb") == stem(fold("fastlege", "nb"), "nb") == stem(fold("fastlegar", "nn"), "nn")
    assert stem(fold("sjukehuset", "nn"), "nn") == stem(fold("sjukehus", "nn"), "nn")
    assert stem(fold("egenandelen", "nb"), "nb") == stem(fold("egenandel", "nb"), "nb")
    assert stem(fold("resepter", "nb"), "nb") == stem(fold("resept", "nb"), "nb")
    assert stem("prescriptions", "en") == stem("prescription", "en")
    assert stem("referred", "en") == stem("referral", "en")
    assert fold("paaroerende", "nb") == fold("pårørende", "nb") and fold("forstehjelp", "nb") == fold("førstehjelp", "nb")


def search(docs, queries, lang="nb", synonyms=()):
    index = build_index(docs, lang, list(synonyms))
    return node("const e = new api.Engine(input.index); console.log(JSON.stringify(input.queries.map(q => e.search(q, 5).map(r => r.url))));",
                {"index": index, "queries": queries})


def test_engine_finds_forms_compounds_typos_synonyms_and_ranks_exact_titles_first():
    docs = [
        doc("fastlege/", "Fastlege", "Fastlegen hjelper deg. Du kan bytte lege.", aliases=("Allmennlege",)),
        doc("vaksine/", "Influensavaksine", "Om vaksinen mot influensa."),
        doc("reiser/", "Pasientreiser", "Dekning av reiser til behandling."),
        doc("lege/", "Lege", "En lege er helsepersonell."),
        doc("parorende/", "Pårørende", "Støtte til familie."),
        doc("annet/", "Annet", "Noe helt annet om vaksine og reiser."),
    ]
    results = search(docs, ["fastlegen", "vaksine", "reiser", "lege", "pasientreser", "paaroerende", "allmennlege",
                            "Fastlege", "familielege", "ukjentord"],
                     synonyms=[["fastlege", "allmennlege", "familielege"]])
    fastlegen, vaksine, reiser, lege, typo, paa, alias, exact, synonym, unknown = results
    assert fastlegen[0] == "fastlege/"
    assert "vaksine/" in vaksine
    assert "reiser/" in reiser
    assert lege[0] == "lege/" and "fastlege/" in lege
    assert typo[0] == "reiser/"
    assert paa[0] == "parorende/"
    assert alias[0] == "fastlege/"
    assert exact[0] == "fastlege/"
    assert synonym[0] == "fastlege/"
    assert unknown == []


def test_index_script_is_safe_in_a_script_tag():
    text = index_script(build_index([doc("a/", "</script><script>alert(1)</script>")], "nb", []))
    assert "</script" not in text and text.startswith("window.HS_SEARCH_INDEX=")
