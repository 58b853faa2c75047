"""A pull request that changes what every article may do is named for the reviewer (issue 29):
`make check CHANGED=1` prints a notice per change of policy, at its line, as a GitHub annotation
in Actions, without failing. Written before helsesider/gate/policy.py."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import article

ROOT = Path(__file__).resolve().parent.parent


def git(path: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-C", str(path), "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        check=True,
        capture_output=True,
    )


def changed_check(site):
    return subprocess.run(
        [sys.executable, "-m", "helsesider.gate.check", "--root", str(site.path), "--changed", "--base", "main"],
        capture_output=True,
        text=True,
        env={**os.environ, "GITHUB_ACTIONS": "true"},
    )


def committed(fixture_site):
    fixture_site.write("docs/nb/lege/a.md", article())
    git(fixture_site.path, "init", "-q", "-b", "main")
    git(fixture_site.path, "add", "-A")
    git(fixture_site.path, "commit", "-q", "-m", "base")
    git(fixture_site.path, "checkout", "-q", "-b", "pr")
    return fixture_site


def test_widening_the_link_allowlist_is_named_at_its_line(fixture_site):
    site = committed(fixture_site)
    settings = site.path / "data" / "site.yml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(
        text.replace("external_hosts:\n", "external_hosts:\n  - fjellvik.kommune.no\n").replace(
            "review_years: 3", "review_years: 5"
        ),
        encoding="utf-8",
    )
    line = text.splitlines().index("external_hosts:") + 1
    result = changed_check(site)
    assert result.returncode == 0, result.stdout + result.stderr  # a notice never fails the check
    assert (
        f"data/site.yml:{line}:1: notice: adds fjellvik.kommune.no to the link allowlist (external_hosts)"
        in result.stdout
    )
    assert (
        f"::notice file=data/site.yml,line={line},col=1::adds fjellvik.kommune.no to the link allowlist"
        in result.stdout
    )
    if "review_years: 3" in text:
        assert "notice: changes review_years from 3 to 5" in result.stdout
    assert "change(s) of policy for the reviewer" in result.stderr


def test_a_provider_website_a_service_address_texts_and_code_are_named(fixture_site):
    site = committed(fixture_site)
    providers = site.path / "data" / "providers.yml"
    providers.write_text(
        providers.read_text(encoding="utf-8").replace(
            "https://helseetat.example.org/", "https://elsewhere.example.net/"
        )
        + "\nfjellvik-kommune:\n  name:\n    nb: Fjellvik kommune (eksempel)\n  url: https://fjellvik.example.net/\n",
        encoding="utf-8",
    )
    texts = site.path / "data" / "languages" / "nb" / "texts.yml"
    texts.write_text(texts.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    (site.path / "hooks" / "extra.py").write_text("x = 1\n", encoding="utf-8")
    result = changed_check(site)
    out = result.stdout
    assert "notice: changes the provider 'eksempel-helseetat' url to https://elsewhere.example.net/" in out
    assert "notice: adds the provider 'fjellvik-kommune' (fjellvik.example.net)" in out
    assert "data/languages/nb/texts.yml:1:1: notice: changes the interface texts in 'nb'" in out
    assert "hooks/extra.py:1:1: notice: changes the code, templates or tests" in out


def test_an_article_only_change_has_no_notice(fixture_site):
    site = committed(fixture_site)
    site.write("docs/nb/lege/a.md", article(body="Ny tekst."))
    result = changed_check(site)
    assert result.returncode == 0 and "notice" not in result.stdout + result.stderr


def test_the_review_rules_are_in_the_repository():
    """A pull-request template item and CODEOWNERS for data/ and the code."""
    template = (ROOT / ".github" / "PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    assert "data/" in template and "notice" in template
    owners = (ROOT / ".github" / "CODEOWNERS").read_text(encoding="utf-8")
    rules = [line.split()[0] for line in owners.splitlines() if line.strip() and not line.startswith("#")]
    for needed in ("/data/", "/helsesider/", "/hooks/", "/overrides/", "/.github/", "/Makefile"):
        assert needed in rules, needed
