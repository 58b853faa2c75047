"""The search index (Python) and the engine that reads it (JavaScript, run with node) agree,
and the engine finds what it should on a small index. Node is installed on every machine the
project supports (the guide); `make test` fails rather than skips when it is missing."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

import helsesider.search.format as index_format
from helsesider.search import SearchDocument, build_parts, fold, stem, terms
from helsesider.search.analysis import LanguageData
from helsesider.search.format import file_name, plan_shards, script, shard_of

ROOT = Path(__file__).resolve().parent.parent
ENGINE = ROOT / "overrides/assets/javascripts/hs-search.js"
WORDS = [
    "Fástadoavttir",
    "ČÁLIT",
    "đ ŋ ŧ š ž",
    "dulkkat",
    "buohcceviesuin",
    "Fastlegen",
    "fastlegar",
    "fastlegane",
    "Sjukehuset",
    "egenandelen",
    "eigendelane",
    "resepter",
    "Pasientreiser",
    "pårørende",
    "PAAROERENDE",
    "førstehjelp",
    "forstehjelp",
    "Ørebetennelse",
    "Émile",
    "helsestasjonene",
    "legevakta",
    "e-resept",
    "hetene",
    "prescriptions",
    "referred",
    "referral",
    "studies",
    "classes",
    "running",
    "exemption",
    "business",
]


def test_node_is_installed():
    assert shutil.which("node"), "Node 20 is needed for the engine tests (install nodejs)"


def node(script_text: str, payload) -> object:
    code = f"const api = require({json.dumps(str(ENGINE))});\nconst input = {json.dumps(payload)};\n{script_text}"
    result = subprocess.run(["node", "-e", code], capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def parts_json(parts: dict) -> dict:
    return {name: json.loads(json.dumps(part.__dict__)) for name, part in parts.items()}


# An engine over parts given as JSON; each query's result URLs (async, as in the browser)
RUN = """
const parts = input.parts;
const e = new api.Engine(parts.head, name => Promise.resolve(parts[name]));
(async () => { const out = []; for (const q of input.queries) { out.push((await e.search(q, 5)).map(r => r.url)); }
               console.log(JSON.stringify(out)); })();
"""


def doc(url, title, body="", aliases=(), description="Beskrivelse.", flags=0):
    return SearchDocument(
        url=url,
        title=title,
        snippet=description,
        keys=[" ".join(terms(t, "nb")) for t in (title, *aliases)],
        fields={"title": title, "alias": " ".join(aliases), "description": description, "heading": "", "body": body},
        flags=flags,
    )


@pytest.mark.parametrize("lang", ["nb", "nn", "en", "se"])
def test_fold_and_stem_are_the_same_in_python_and_javascript(lang):
    parts = parts_json(build_parts([doc("a/", "A")], lang, []))
    expected = [[fold(w, lang), stem(fold(w, lang), lang)] for w in WORDS]
    got = node(
        "const e = new api.Engine(input.head, () => null); console.log(JSON.stringify(input.words.map(w => [e.fold(w), e.stem(e.fold(w))])));",
        {"head": parts["head"], "words": WORDS},
    )
    assert got == expected


def test_word_forms_are_conflated():
    assert (
        stem(fold("fastlegen", "nb"), "nb") == stem(fold("fastlege", "nb"), "nb") == stem(fold("fastlegar", "nn"), "nn")
    )
    assert stem(fold("sjukehuset", "nn"), "nn") == stem(fold("sjukehus", "nn"), "nn")
    assert stem(fold("egenandelen", "nb"), "nb") == stem(fold("egenandel", "nb"), "nb")
    assert stem(fold("resepter", "nb"), "nb") == stem(fold("resept", "nb"), "nb")
    assert stem("prescriptions", "en") == stem("prescription", "en")
    assert stem("referred", "en") == stem("referral", "en")
    assert fold("paaroerende", "nb") == fold("pårørende", "nb") and fold("forstehjelp", "nb") == fold(
        "førstehjelp", "nb"
    )


def search(docs, queries, lang="nb", synonyms=(), data=None):
    parts = parts_json(build_parts(docs, lang, list(synonyms), data))
    return node(RUN, {"parts": parts, "queries": queries})


def test_engine_finds_forms_compounds_typos_synonyms_and_ranks_exact_titles_first():
    docs = [
        doc("fastlege/", "Fastlege", "Fastlegen hjelper deg. Du kan bytte lege.", aliases=("Allmennlege",)),
        doc("vaksine/", "Influensavaksine", "Om vaksinen mot influensa."),
        doc("reiser/", "Pasientreiser", "Dekning av reiser til behandling."),
        doc("lege/", "Lege", "En lege er helsepersonell."),
        doc("parorende/", "Pårørende", "Støtte til familie."),
        doc("annet/", "Annet", "Noe helt annet om vaksine og reiser."),
        doc("klage/", "Klage", "Som bruker kan du klage på feil behandling til Pasient- og brukerombudet."),
    ]
    results = search(
        docs,
        [
            "fastlegen",
            "vaksine",
            "reiser",
            "lege",
            "pasientreser",
            "paaroerende",
            "allmennlege",
            "Fastlege",
            "familielege",
            "ukjentord",
            "feilbehandling",
            "pasientombudet",
            "lgevkat fastlge",
            "hva er en fastlege",
            "parkering ved helsepersonell",
        ],
        synonyms=[["fastlege", "allmennlege", "familielege"]],
        data=LanguageData(stop_words=["hva", "er", "en", "ved"]),
    )
    (
        fastlegen,
        vaksine,
        reiser,
        lege,
        typo,
        paa,
        alias,
        exact,
        synonym,
        unknown,
        compound,
        ombud,
        two_typos,
        question,
        no_answer,
    ) = results
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
    assert compound == ["klage/"]  # "feil behandling" in the text
    assert ombud == ["klage/"]  # "brukerombudet" split in the index
    assert question[0] == "fastlege/"  # stop words dropped
    assert no_answer == []  # every word of a two-word query must match


def test_typo_rules_depend_on_length_and_exact_words_win():
    docs = [
        doc("spill/", "Spill", "Det står på spill."),
        doc("kroner/", "Kroner", "Det koster kroner."),
        doc("legevakt/", "Legevakt", "Ring legevakten."),
        doc("reiser/", "Pasientreiser", "Reiser."),
    ]
    short, corona, two, one_exact = search(docs, ["spel", "korona", "lgevak", "reiser"])
    assert short == []  # no edits under five letters
    assert corona == []  # "koron" is one edit from "kron", a word of four letters: not matched
    assert two[0] == "legevakt/"  # two typos, and the query is the start of the word
    assert one_exact[0] == "reiser/"  # an exact word beats near words


def test_services_are_results_with_their_login_flag_and_variants_fold_bokmal_and_nynorsk():
    docs = [
        doc("eigendel/", "Eigendel og frikort", "Kva du betaler."),
        doc("tenester/innboks/", "Innboks", "", description="Les meldingar.", flags=3),
    ]
    parts = parts_json(build_parts(docs, "nn", [], LanguageData(variants=[["egenandel", "eigendel"]])))
    got = node(
        RUN.replace("(await e.search(q, 5)).map(r => r.url)", "(await e.search(q, 5)).map(r => [r.url, r.login])"),
        {"parts": parts, "queries": ["egenandel", "innboks"]},
    )
    assert got == [[["eigendel/", False]], [["tenester/innboks/", True]]]


def test_index_is_split_into_shards_and_chunks_a_query_loads_only_its_own(monkeypatch):
    monkeypatch.setattr(index_format, "SHARD_TARGET", 200)
    monkeypatch.setattr(index_format, "DOC_CHUNK", 2)
    docs = [
        doc(f"d{i}/", f"Tittel {word}", f"{word} {word}s tekst om {word}.")
        for i, word in enumerate(["fastlege", "legevakt", "resept", "vaksine", "tolk", "klage", "frikort", "sykehus"])
    ]
    parts = parts_json(build_parts(docs, "nb", []))
    shards = [name for name in parts if name.startswith("t")]
    assert len(shards) > 3 and len([n for n in parts if n.startswith("d")]) == 4
    loaded = node(
        """
const parts = input.parts, names = [];
const e = new api.Engine(parts.head, name => { names.push(name); return Promise.resolve(parts[name]); });
e.search("vaksine", 5).then(r => console.log(JSON.stringify([r.map(x => x.url), names])));
""",
        {"parts": parts},
    )
    assert loaded[0] == ["d3/"]
    assert len([n for n in loaded[1] if n.startswith("t")]) <= 3 and [n for n in loaded[1] if n.startswith("d")] == [
        "d1"
    ]


def test_shard_plan_covers_every_term():
    sizes = {t: 5000 for t in ["a", "ab", "abc", "abcd", "abd", "b", "ba", "c"]}
    prefixes = plan_shards(sizes)
    assert all(shard_of(t, set(prefixes)) is not None for t in sizes)


def test_index_parts_are_safe_in_a_script_tag():
    parts = build_parts([doc("a/", "</script><script>alert(1)</script>")], "nb", [])
    for name, part in parts.items():
        text = script(name, part)
        assert "</script" not in text and text.startswith("(self.HS_SEARCH_PARTS=self.HS_SEARCH_PARTS||{})")
    assert file_name("head") == "hs-index.js" and file_name("t0") == "hs-t0.js"
