"""The hand-off to the logged-in services, the emergency numbers and the external-link rules."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, article
from helsesider.content.registry import SERVICE_GROUPS, load_services

BASE = "https://tjenester.helsesider.example.org/"
SEED_SERVICES = [
    "Innboks",
    "Timeavtaler",
    "Resepter",
    "Pasientjournal",
    "Forskning og screening",
    "Donorkort",
    "Frikort og egenandeler",
    "Helseregistre",
    "Helseopplysninger som deles",
    "Helsekontakter",
    "Vaksiner",
    "Dokumenter",
    "Pasientreiser",
    "Meld bivirkninger",
    "Små barns liv",
    "Bytte fastlege",
    "Prøvesvar",
    "Verktøy",
    "Europeisk helsetrygdkort",
    "Varsle om alvorlig hendelse",
    "Henvisninger",
    "Velg behandlingssted",
    "Sykdom og kritisk info",
    "Søk om refusjon",
]
SERVICES_DIR = {"nb": "tjenester", "nn": "nn/tenester", "en": "en/services", "se": "se/balvalusat"}
FRONT = {"nb": "index.html", "nn": "nn/index.html", "en": "en/index.html"}


def soup(site: Path, rel: str) -> BeautifulSoup:
    return BeautifulSoup((site / rel).read_text(encoding="utf-8"), "html.parser")


def catalogue():
    services, findings = load_services(ROOT / "data" / "services.yml", "data/services.yml")
    assert findings == []
    return services


def test_catalogue_has_every_service_of_the_seeds_in_three_languages():
    services = catalogue()
    names = {s.name["nb"] for s in services.values()}
    assert set(SEED_SERVICES) <= names
    for service in services.values():
        assert service.group in SERVICE_GROUPS
        for lang in SERVICES_DIR:
            assert service.name[lang].strip() and service.description[lang].strip()
    assert {s.group for s in services.values()} == set(SERVICE_GROUPS)
    assert any(not s.login for s in services.values()) and any(s.youth for s in services.values())


def test_catalogue_errors_name_the_line(tmp_path):
    path = tmp_path / "services.yml"
    path.write_text(
        "innboks:\n  name: {nb: Innboks, nn: Innboks, en: Inbox, se: Sisaboksa}\n  description: {nb: a, nn: b, en: c, se: d}\n"
        "  group: oppfolging\n  url: innboks\n  login: true\n  youth: true\n  on_behalf: true\n"
        "feil:\n  name: {nb: X}\n  group: ukjent\n  url: https://andre.example.com/x\n  login: ja\n",
        encoding="utf-8",
    )
    services, findings = load_services(path, "data/services.yml")
    assert list(services) == ["innboks"]
    messages = [str(f) for f in findings]
    assert all(m.startswith("data/services.yml:9:") for m in messages)
    text = "\n".join(messages)
    assert "name.nn is missing" in text and "group must be one of" in text
    assert "'url' must be a path under services_base_url" in text and "'login' must be true or false" in text


@pytest.mark.parametrize(
    "lang, heading, all_label",
    [
        ("nb", "Hva vil du gjøre?", "Se alle tjenester"),
        ("nn", "Kva vil du gjere?", "Sjå alle tenestene"),
        ("en", "What do you want to do?", "See all services"),
    ],
)
def test_front_page_tiles(sample_site, lang, heading, all_label):
    page = soup(sample_site, FRONT[lang])
    section = page.select_one("section.hs-services")
    assert section.h2.get_text(strip=True) == heading
    tiles = section.select("a.hs-tile")
    assert [t["data-hs-service"] for t in tiles] == ["innboks", "timeavtaler", "resepter"]
    for tile in tiles:  # login services: the tile leads to the service's page on this site
        target = (sample_site / FRONT[lang]).parent / tile["href"] / "index.html"
        assert target.is_file(), tile["href"]
        assert tile.select_one("svg.hs-handoff__lock")["aria-hidden"] == "true"
    more = section.select_one(".hs-services__all a")
    assert more.get_text(strip=True) == all_label
    assert ((sample_site / FRONT[lang]).parent / more["href"] / "index.html").is_file()


def test_front_services_are_configurable(fixture_site):
    config = fixture_site.path / "data" / "site.yml"
    config.write_text(
        config.read_text().replace(
            "front_services: [innboks, timeavtaler, resepter]", "front_services: [vaksiner, verktoy]"
        )
    )
    assert fixture_site.build().returncode == 0
    tiles = fixture_site.html("index.html").select("section.hs-services a.hs-tile")
    assert [t["data-hs-service"] for t in tiles] == ["vaksiner", "verktoy"]
    assert tiles[1]["href"] == BASE + "verktoy"  # no login: straight to the service


@pytest.mark.parametrize("lang", list(SERVICES_DIR))
def test_all_services_page_lists_every_service_by_group(sample_site, lang):
    page = soup(sample_site, f"{SERVICES_DIR[lang]}/index.html")
    groups = page.select(".hs-page__body h2")
    assert len(groups) == 4
    rows = page.select(".hs-page__body ul.hs-list a[data-hs-service]")
    assert sorted(t["data-hs-service"] for t in rows) == sorted(catalogue())
    assert page.html["lang"] == lang


@pytest.mark.parametrize(
    "lang, login_label, hidden",
    [
        ("nb", "Logg inn for å bruke Innboks", "krever innlogging"),
        ("nn", "Logg inn for å bruke Innboks", "krev innlogging"),
        ("en", "Log in to use Inbox", "requires login"),
    ],
)
def test_service_page_with_login(sample_site, lang, login_label, hidden):
    page = soup(sample_site, f"{SERVICES_DIR[lang]}/innboks/index.html")
    button = page.select_one("a.hs-handoff--button")
    assert button["href"] == BASE + "innboks"
    assert button.select_one(".hs-handoff__label").get_text() == login_label
    assert button.select_one(".hs-visually-hidden").get_text(strip=True) == f"({hidden})"
    text = page.select_one(".hs-page__body").get_text(" ", strip=True)
    assert "16" in text and "13" in text  # age limit and the consent rule for 13-16-year-olds


def test_service_page_without_login(sample_site):
    page = soup(sample_site, "tjenester/velg-behandlingssted/index.html")
    button = page.select_one("a.hs-handoff--button")
    assert button.select_one(".hs-handoff__label").get_text() == "Gå til Velg behandlingssted"
    assert button.select_one("svg") is None and button.select_one(".hs-visually-hidden") is None
    assert "krever ikke innlogging" in page.select_one(".hs-page__body").get_text()


def test_service_page_lists_the_articles_that_hand_off_to_it(sample_site):
    page = soup(sample_site, "tjenester/bytte-fastlege/index.html")
    assert "Bytte fastlege" in [a.get_text() for a in page.select(".hs-page__body ul.hs-list a")]


@pytest.mark.parametrize(
    "rel, hidden",
    [
        ("lege/bytte-fastlege/index.html", "krever innlogging"),
        ("nn/lege/bytte-fastlege/index.html", "krev innlogging"),
        ("en/lege/bytte-fastlege/index.html", "requires login"),
    ],
)
def test_service_link_in_an_article(sample_site, rel, hidden):
    link = soup(sample_site, rel).select_one(".hs-page__body a.hs-handoff--link")
    assert link["href"] == BASE + "bytte-fastlege"
    assert link.select_one("svg.hs-handoff__lock") is not None
    assert link.select_one(".hs-visually-hidden").get_text(strip=True) == f"({hidden})"
    assert "service:" not in (sample_site / rel).read_text(encoding="utf-8")


def test_every_page_shows_the_emergency_numbers_and_the_guidance_line(sample_site):
    pages = sorted(sample_site.rglob("*.html"))
    assert len(pages) > 100
    for path in pages:
        if 'http-equiv="refresh"' in path.read_text(encoding="utf-8"):
            continue  # an old address that sends the reader on (data/redirects.yml)
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        banner = page.select_one(".hs-emergency")
        assert banner is not None, path
        assert [a["href"] for a in banner.select("a")] == ["tel:113", "tel:116117"], path
        assert page.select_one(".hs-footer__guidance a")["href"] == "tel:+4723327000", path


@pytest.mark.parametrize(
    "rel, words",
    [
        ("index.html", ["Ved akutt sykdom eller skade: ring", "Legevakt:", "veiledningstelefonen"]),
        ("nn/index.html", ["Ved akutt sjukdom eller skade: ring", "Legevakt:", "rettleiingstelefonen"]),
        ("en/index.html", ["Acute illness or injury: call", "Out-of-hours", "guidance line"]),
    ],
)
def test_help_texts_are_in_the_page_language(sample_site, rel, words):
    text = " ".join(soup(sample_site, rel).get_text(" ").split())
    for word in words:
        assert word in text


def test_unknown_service_and_bad_external_links_are_errors_with_line(fixture_site):
    body = (
        "Bytt [fastlege](service:bytte-fastleg).\n\n[Usikker](http://helsesider.example.org/x)\n\n"
        "[Ukjent](https://evil.example.com/)\n\n[Tillatt](https://helsesider.example.org/om)\n\n"
        "[Tjeneste](https://tjenester.helsesider.example.org/innboks)\n"
    )
    fixture_site.write("docs/nb/lege/fastlege.md", article(body=body))
    result = fixture_site.build()
    assert result.returncode != 0
    assert (
        "docs/nb/lege/fastlege.md:9:" in result.stderr
        and "unknown service 'bytte-fastleg' (did you mean 'bytte-fastlege'?)" in result.stderr
    )
    assert "docs/nb/lege/fastlege.md:11:" in result.stderr and "use https://" in result.stderr
    assert "docs/nb/lege/fastlege.md:13:" in result.stderr and "'evil.example.com' is not on the list" in result.stderr
    assert not re.search(r"fastlege.md:1[57]:", result.stderr)  # allowed host, and the services' own host
