"""Dates, collation, texts and the JSON-LD: plain functions, no MkDocs."""

import datetime as dt
import json

import pytest

from conftest import article
from helsesider import LANGUAGES
from helsesider.content.dates import format_date
from helsesider.content.model import read_article
from helsesider.content.registry import Provider
from helsesider.settings import Settings
from helsesider.site.attribution import json_ld, script_json
from helsesider.site.collation import initial, sort_key
from helsesider.site.texts import TEXTS


@pytest.mark.parametrize("lang, expected", [("nb", "3. mars 2026"), ("nn", "3. mars 2026"), ("en", "3 March 2026")])
def test_dates_per_language(lang, expected):
    assert format_date(dt.date(2026, 3, 3), lang) == expected


def test_every_language_has_every_text():
    keys = set(TEXTS["nb"])
    for lang in LANGUAGES:
        assert set(TEXTS[lang]) == keys


def test_norwegian_order():
    words = [
        "Ål",
        "Øyne",
        "Zinksalve",
        "ærlig",
        "Åpen",
        "Ørsta",
        "Émile",
        "Eple",
        "Über",
        "Yngre",
        "Ärlig",
        "Öl",
        "abc",
        "3D-briller",
    ]
    assert sorted(words, key=lambda w: sort_key(w, "nb")) == [
        "3D-briller",
        "abc",
        "Émile",
        "Eple",
        "Über",
        "Yngre",
        "Zinksalve",
        "Ärlig",
        "ærlig",
        "Öl",
        "Ørsta",
        "Øyne",
        "Ål",
        "Åpen",
    ]


def test_english_order_folds_diacritics():
    assert sorted(["Zebra", "Øresund", "Åse", "Apple", "Émile"], key=lambda w: sort_key(w, "en")) == [
        "Apple",
        "Åse",
        "Émile",
        "Øresund",
        "Zebra",
    ]


def test_initials():
    assert [initial(w, "nb") for w in ["Øyne", "ål", "Émile", "Über", "Ärlig", "3D", "«Sitat»"]] == [
        "Ø",
        "Å",
        "E",
        "Y",
        "Æ",
        "#",
        "#",
    ]
    assert [initial(w, "en") for w in ["Øresund", "Åse", "Émile"]] == ["O", "A", "E"]


def test_json_ld_is_script_safe():
    provider = Provider(
        "p", {"nb": "P</script><script>alert(1)</script>", "nn": "P", "en": "P"}, "https://p.example.org/"
    )
    item, _ = read_article(
        "x.md", article(provider="p").encode(), "nb", "x.md", {"p": provider}, Settings(today=dt.date(2026, 11, 22))
    )
    text = script_json(json_ld(item, provider, "nb", "https://example.org/x/"))
    assert "</script" not in text and "<" not in text
    data = json.loads(text)
    assert data["@type"] == "MedicalWebPage" and data["inLanguage"] == "nb"
    assert data["lastReviewed"] == "2026-03-03"
    assert data["reviewedBy"] == {"@type": "Person", "name": "Kari Eksempel", "jobTitle": "lege"}
    assert data["author"]["name"].startswith("P</script>")


def test_synonyms_registry_reports_bad_groups(tmp_path):
    from helsesider.content.registry import load_synonyms

    path = tmp_path / "synonyms.yml"
    path.write_text(
        "nb:\n  - {terms: [fastlege, allmennlege], source: seed 002}\nnn:\n  - {terms: [eitt], source: x}\n"
        "xx:\n  - {terms: [a, b], source: x}\nen:\n  - {terms: [gp, 113], source: x}\n  - {terms: [gp, doctor]}\n"
    )
    groups, findings = load_synonyms(path, "data/synonyms.yml")
    assert groups == {"nb": [["fastlege", "allmennlege"]], "nn": [], "en": []}
    assert [str(f) for f in findings] == [
        "data/synonyms.yml:4:1: error: nn: 'terms' must be a list of two or more terms (quote numbers: \"113\")",
        "data/synonyms.yml:1:1: error: 'xx' is not a language of the site",
        "data/synonyms.yml:8:1: error: en: 'terms' must be a list of two or more terms (quote numbers: \"113\")",
        "data/synonyms.yml:9:1: error: en: 'source' must say where the terms come from (a seed, or lay usage)",
    ]


def test_the_project_synonyms_have_thirty_groups_per_language():
    from pathlib import Path

    from helsesider.content.registry import load_synonyms

    groups, findings = load_synonyms(Path(__file__).resolve().parent.parent / "data/synonyms.yml", "data/synonyms.yml")
    assert findings == []
    counts = {lang: len(g) for lang, g in groups.items()}
    assert all(counts[lang] >= 30 for lang in ("nb", "nn", "en")) and counts["se"] >= 5, counts


def test_search_language_data_is_words():
    """YAML reads a bare on, off, no or yes as true/false: every stop word and variant is text."""
    from pathlib import Path

    import yaml

    root = Path(__file__).resolve().parent.parent / "data" / "search"
    stop = yaml.safe_load((root / "stopwords.yml").read_text(encoding="utf-8"))
    assert set(stop) == set(LANGUAGES)
    assert [w for words in stop.values() for w in words if not isinstance(w, str) or " " in w] == []
    groups = yaml.safe_load((root / "variants.yml").read_text(encoding="utf-8"))["groups"]
    assert [g for g in groups if len(g["words"]) != 2 or not all(isinstance(w, str) for w in g["words"])] == []


def test_site_settings_are_validated_with_their_lines(tmp_path):
    """data/site.yml: a wrong value is an error naming the file, the line and the setting, and
    keeps its default; an unknown key gets a suggestion."""
    import datetime as dt

    from helsesider.settings import Settings, load_with_problems

    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "site.yml").write_text(
        "review_years: tre\nservices_base_url: http://x.example/\nfront_services: [innboks]\nlix_warnign: 40\n"
        "external_hosts: [Helsenorge.no]\nkiosk_idle_seconds: 5\n",
        encoding="utf-8",
    )
    settings, problems = load_with_problems(tmp_path, dt.date(2026, 11, 23))
    assert [str(p) for p in problems] == [
        "data/site.yml:1:1: error: review_years must be a whole number of years from 1 to 10",
        "data/site.yml:2:1: error: services_base_url must be an https:// address",
        "data/site.yml:4:1: error: unknown setting 'lix_warnign' (did you mean 'lix_warning'?)",
        "data/site.yml:6:1: error: kiosk_idle_seconds must be a whole number of seconds from 30 to 3600",
    ]
    assert settings.review_years == Settings().review_years and settings.front_services == ("innboks",)
    assert settings.external_hosts == ("helsenorge.no",) and settings.kiosk_idle_seconds == 180


def test_the_project_settings_are_valid_and_the_same_for_check_and_build():
    from pathlib import Path

    from helsesider.settings import load_with_problems

    root = Path(__file__).resolve().parent.parent
    settings, problems = load_with_problems(root)
    assert problems == []
    assert (
        settings.front_services == ("innboks", "timeavtaler", "resepter") and "*.example.org" in settings.external_hosts
    )
    assert "helsesider:" not in (root / "mkdocs.yml").read_text(encoding="utf-8")  # the settings live in one place
