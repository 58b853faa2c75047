"""Joining as a partner (issue 29), as a municipality's health editor does it from CONTRIBUTING.md:
one entry in data/providers.yml, nothing else. Written before the changes."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from test_gate import run_check

from conftest import article
from helsesider.content.report import write_report

ROOT = Path(__file__).resolve().parent.parent


def contributing_example() -> str:
    """The complete provider entry CONTRIBUTING.md shows under "Ny samarbeidspartner"."""
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    section = text.split("## Ny samarbeidspartner", 1)[1]
    block = re.search(r"```yaml\n(.*?)```", section, re.S)
    assert block, "CONTRIBUTING.md: the new-provider section has a yaml example"
    return block.group(1)


def add_provider(site, entry: str) -> None:
    path = site.path / "data" / "providers.yml"
    path.write_text(path.read_text(encoding="utf-8") + "\n" + entry, encoding="utf-8")


def test_the_contributing_example_is_enough_to_publish(fixture_site):
    """The example's entry, an article crediting it and linking to the provider's own site:
    the check passes with no edit to data/site.yml, and the build shows the provider."""
    entry = contributing_example()
    pid = entry.split(":", 1)[0].strip()
    url = re.search(r"url: (\S+)", entry).group(1)
    add_provider(fixture_site, entry)
    body = f"Les mer om tilbudet [hos oss]({url}legevakt)."
    fixture_site.write("docs/nb/lege/a.md", article(provider=pid, body=body))
    result = run_check(fixture_site)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "external_hosts" not in result.stdout
    built = fixture_site.build()
    assert built.returncode == 0, built.stderr
    page = fixture_site.html("lege/a/index.html")
    assert page.select_one(".hs-attribution") is not None


def test_a_name_missing_in_a_language_falls_back_and_the_report_says_so(fixture_site):
    """nb, nn and en only (the README's old example): no error; the Sámi page shows the Bokmål
    name, and `make report` lists the missing translation."""
    add_provider(
        fixture_site,
        "fjellvik-kommune:\n  name:\n    nb: Fjellvik kommune (eksempel)\n    nn: Fjellvik kommune (døme)\n"
        "    en: Fjellvik Municipality (example)\n  url: https://fjellvik.example.org/\n",
    )
    fixture_site.write("docs/se/lege/a.md", article(provider="fjellvik-kommune"))
    result = run_check(fixture_site)
    assert result.returncode == 0, result.stdout
    _, md_path = write_report(fixture_site.path, fixture_site.path / "report", today=dt.date(2026, 12, 3))
    report = md_path.read_text(encoding="utf-8")
    assert "fjellvik-kommune" in report and "nordsamisk" in report.split("fjellvik-kommune", 1)[1].split("\n", 1)[0]
    assert fixture_site.build().returncode == 0
    attribution = fixture_site.html("se/lege/a/index.html").select_one(".hs-attribution").get_text()
    assert "Fjellvik kommune (eksempel)" in attribution


def test_an_invalid_entry_is_named_not_called_unknown(fixture_site):
    """An entry that exists but is wrong: the finding is at the entry, says what is wrong, and the
    article is not told 'unknown provider (did you mean <another organisation>?)'."""
    add_provider(
        fixture_site,
        "fjellvik-kommune:\n  name:\n    nn: Fjellvik kommune (døme)\n  url: http://fjellvik.example.org\n",
    )
    fixture_site.write("docs/nb/lege/a.md", article(provider="fjellvik-kommune"))
    result = run_check(fixture_site)
    assert result.returncode == 1
    assert "unknown provider" not in result.stdout and "did you mean" not in result.stdout
    lines = [line for line in result.stdout.splitlines() if "providers.yml" in line]
    assert any("name.nb" in line for line in lines) and any("https://" in line for line in lines), result.stdout
    article_lines = [line for line in result.stdout.splitlines() if line.startswith("docs/nb/lege/a.md")]
    assert len(article_lines) == 1 and "data/providers.yml" in article_lines[0], result.stdout


def test_unknown_provider_suggests_only_a_near_miss_of_its_own_id(fixture_site):
    fixture_site.write("docs/nb/lege/a.md", article(provider="fjellvik-kommune"))
    result = run_check(fixture_site)
    assert "unknown provider 'fjellvik-kommune'" in result.stdout or "ukjent" in result.stdout
    assert "eksempel-kommune" not in result.stdout  # another municipality is never suggested


def test_another_providers_host_stays_refused(fixture_site):
    """The provider's own host is allowed for its own articles only."""
    add_provider(fixture_site, contributing_example())
    url = re.search(r"url: (\S+)", contributing_example()).group(1)
    fixture_site.write("docs/nb/lege/b.md", article(provider="eksempel-helseetat", body=f"[Lenke]({url})"))
    result = run_check(fixture_site)
    assert result.returncode == 1 and "docs/nb/lege/b.md" in result.stdout


def test_the_providers_site_is_allowed_while_the_front_matter_still_has_errors(fixture_site):
    """One run tells everything that is wrong, and nothing that is not: with a broken
    front-matter line the body is still checked, with its provider's site allowed."""
    entry = contributing_example()
    add_provider(fixture_site, entry)
    url = re.search(r"url: (\S+)", entry).group(1)
    pid = entry.split(":", 1)[0].strip()
    text = article(provider=pid, body=f"[Hos oss]({url}a) og [her](http://{url[8:]}b).").replace(
        "title: Fastlege", "title: Fastlege\naliases\n  - Lege"
    )
    fixture_site.write("docs/nb/lege/a.md", text)
    result = run_check(fixture_site)
    assert "needs a colon" in result.stdout and "use https://" in result.stdout, result.stdout
    assert "external_hosts" not in result.stdout, result.stdout


def test_a_topic_without_a_translation_falls_back_too(fixture_site):
    """issue 30, 'also': a topic without a Sámi title shows the Bokmål one; not an error."""
    path = fixture_site.path / "data" / "topics.yml"
    path.write_text(
        path.read_text(encoding="utf-8")
        + "\ntannhelse:\n  title:\n    nb: Tannhelse\n  description:\n    nb: Tannlege og tannbehandling.\n",
        encoding="utf-8",
    )
    fixture_site.write("docs/se/tannhelse/a.md", article())
    assert run_check(fixture_site).returncode == 0
    _, md_path = write_report(fixture_site.path, fixture_site.path / "report", today=dt.date(2026, 12, 3))
    assert "`tannhelse` (tema)" in md_path.read_text(encoding="utf-8")
    assert fixture_site.build().returncode == 0
    assert (
        "Tannhelse"
        in fixture_site.html("se/tannhelse/index.html").select_one("h1.hs-title, .hs-page__body h1").get_text()
    )
