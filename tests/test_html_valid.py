"""Valid HTML on every page: the W3C Nu HTML Checker (vnu.jar, npm package vnu-jar, pinned in
package-lock.json and installed by `make setup`; Java from Debian, installed by `make test` when
missing) over every page of the built sample site and of the kiosk bundle, in every language.

Any error that our templates, hooks or content produce fails the test with its page and line.
The only errors allowed are the theme's own markup that cannot be changed from overrides/
without copying its templates; they are listed in THEME_ERRORS, each with why. Warnings are
printed (as pytest warnings), not hidden.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import warnings
from pathlib import Path

import pytest

from conftest import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# (message pattern, extract pattern, why it is allowed)
THEME_ERRORS = [
    (
        r"^Attribute “autocomplete” is only allowed when the input type is",
        r'<input class="md-toggle" data-md-toggle="(drawer|search)" type="checkbox" id="__(drawer|search)" autocomplete="off">',
        "Material's base.html writes the drawer and search toggles (checkboxes with autocomplete=off, "
        "which stops Firefox restoring an open drawer) outside any template block; overrides/ cannot "
        "change them without copying base.html whole.",
    )
]


def _run_vnu(folder: Path) -> list[dict]:
    java = shutil.which("java")
    assert java, "Java is needed for the HTML checker: `make test` installs default-jre-headless"
    assert VNU.is_file(), f"{VNU} is missing: `make setup` (npm ci) installs it"
    result = subprocess.run(
        [java, "-jar", str(VNU), "--skip-non-html", "--format", "json", str(folder)], capture_output=True, text=True
    )
    return json.loads(result.stderr or '{"messages": []}')["messages"]


def _allowed(message: dict) -> bool:
    text, extract = message.get("message", ""), message.get("extract", "")
    return any(re.search(pattern, text) and re.search(markup, extract) for pattern, markup, _ in THEME_ERRORS)


def _check(folder: Path) -> None:
    messages = _run_vnu(folder)
    pages = {m["url"] for m in messages}
    assert messages, "the checker reported nothing at all (not even the theme's known errors): did it run?"
    ours = [
        f"{m['url'].removeprefix('file:' + str(folder))}:{m.get('lastLine', '?')}: {m['message']}"
        for m in messages
        if m.get("type") == "error" and not _allowed(m)
    ]
    for text in sorted({m["message"] for m in messages if m.get("type") == "info" and m.get("subType") == "warning"}):
        warnings.warn(f"HTML checker warning ({len(pages)} pages): {text}", stacklevel=1)
    assert ours == [], "\n".join(ours[:40])


def test_every_page_of_the_sample_site_is_valid_html(sample_site):
    assert len(list(sample_site.rglob("*.html"))) > 100
    _check(sample_site)


def test_every_page_of_the_kiosk_bundle_is_valid_html(kiosk):
    _check(kiosk / "kiosk")


@pytest.mark.parametrize("broken", ["<p>unclosed <b>bold</p>", "<div><span></div>"])
def test_the_checker_finds_errors_of_ours(tmp_path, broken):
    """The check can fail: a page with broken markup is reported with its line."""
    (tmp_path / "page.html").write_text(f"<!doctype html><html lang=nb><title>x</title>\n{broken}\n", encoding="utf-8")
    messages = [m for m in _run_vnu(tmp_path) if m.get("type") == "error" and not _allowed(m)]
    assert messages and messages[0].get("lastLine") == 2
