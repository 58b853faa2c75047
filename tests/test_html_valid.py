"""Valid HTML on every page: the W3C Nu HTML Checker (vnu.jar, npm package vnu-jar, pinned in
package-lock.json and installed by `make setup`; Java from Debian, installed by `make test` when
missing) over every page of the built sample site and of the kiosk bundle, in every language.

Any error that our templates, hooks or content produce fails the test with its page and line.
No error is allowed (Material's drawer switches, the theme's only invalid markup, are taken out
of the pages). Warnings are printed (as pytest warnings), not hidden.
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

# A page with one known error, checked with the site's pages: the checker must report it, or it
# did not run. (Material's drawer switches, its only invalid markup in our pages, are taken out of
# every page: helsesider/site/theme_frame.py.)
CANARY = '<!doctype html><html lang="en"><head><title>canary</title></head><body><input type="checkbox" autocomplete="off"></body></html>'
CANARY_ERROR = r"^Attribute “autocomplete” is only allowed when the input type is"


def _run_vnu(folder: Path, *more: Path) -> list[dict]:
    java = shutil.which("java")
    assert java, "Java is needed for the HTML checker: `make test` installs default-jre-headless"
    assert VNU.is_file(), f"{VNU} is missing: `make setup` (npm ci) installs it"
    result = subprocess.run(
        [java, "-jar", str(VNU), "--skip-non-html", "--format", "json", str(folder), *map(str, more)],
        capture_output=True,
        text=True,
    )
    return json.loads(result.stderr or '{"messages": []}')["messages"]


def _check(folder: Path, tmp_path: Path) -> None:
    canary = tmp_path / "canary.html"
    canary.write_text(CANARY, encoding="utf-8")
    messages = _run_vnu(folder, canary)
    found = [m for m in messages if m.get("url", "").endswith("/canary.html")]
    assert any(re.search(CANARY_ERROR, m.get("message", "")) for m in found), f"the checker did not run: {found}"
    messages = [m for m in messages if m not in found]
    pages = {m["url"] for m in messages}
    ours = [
        f"{m['url'].removeprefix('file:' + str(folder))}:{m.get('lastLine', '?')}: {m['message']}"
        for m in messages
        if m.get("type") == "error"
    ]
    for text in sorted({m["message"] for m in messages if m.get("type") == "info" and m.get("subType") == "warning"}):
        warnings.warn(f"HTML checker warning ({len(pages)} pages): {text}", stacklevel=1)
    assert ours == [], "\n".join(ours[:40])


def test_every_page_of_the_sample_site_is_valid_html(sample_site, tmp_path):
    assert len(list(sample_site.rglob("*.html"))) > 100
    _check(sample_site, tmp_path)


def test_every_page_of_the_kiosk_bundle_is_valid_html(kiosk, tmp_path):
    _check(kiosk / "kiosk", tmp_path)


@pytest.mark.parametrize("broken", ["<p>unclosed <b>bold</p>", "<div><span></div>"])
def test_the_checker_finds_errors_of_ours(tmp_path, broken):
    """The check can fail: a page with broken markup is reported with its line."""
    (tmp_path / "page.html").write_text(f"<!doctype html><html lang=nb><title>x</title>\n{broken}\n", encoding="utf-8")
    messages = [m for m in _run_vnu(tmp_path) if m.get("type") == "error"]
    assert messages and messages[0].get("lastLine") == 2
