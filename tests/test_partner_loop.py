"""The partner's loop: one run of `make check` tells every problem of a file, counts it as
invalid, and suggests what was meant for broken links and anchors as it does for keys."""

from __future__ import annotations

import subprocess
import sys

from test_hostile_input import ARTICLE, findings, make_project

from conftest import article


def test_a_front_matter_error_does_not_hide_the_body(tmp_path):
    body = "Se [fastlegen](fastlge.md) og [delen](fastlege.md#hva-er-en-fastleg).\n\n<script>alert(1)</script>"
    root = make_project(tmp_path, {ARTICLE: article(extra="reviwer: Ola", body=body)})
    found = findings(root)
    text = "\n".join(found)
    assert f"{ARTICLE}:7:" in text and "unknown key 'reviwer' (did you mean 'reviewer'?)" in text
    assert any(
        f.startswith(f"{ARTICLE}:10:") and "no article docs/nb/lege/fastlge.md (did you mean 'fastlege.md'?)" in f
        for f in found
    ), text
    assert any(
        f.startswith(f"{ARTICLE}:10:") and "(did you mean 'fastlege.md#hva-er-en-fastlege'?)" in f for f in found
    ), text
    assert any(f.startswith(f"{ARTICLE}:12:") and "<script> is not allowed" in f for f in found), text


def test_a_broken_own_anchor_gets_a_suggestion(tmp_path):
    root = make_project(tmp_path, {ARTICLE: article(body="## Hvem kan få hjelp?\n\n[Les](#hvem-kan-fa-hjelpp)")})
    assert any("(did you mean '#hvem-kan-fa-hjelp'?)" in f for f in findings(root))


def test_the_summary_counts_a_file_with_any_error_as_invalid(tmp_path):
    root = make_project(tmp_path, {ARTICLE: article(body="[Les](finnes-ikke.md)")})
    result = subprocess.run(
        [sys.executable, "-m", "helsesider.content.check", "--root", str(root)],
        capture_output=True,
        text=True,
        cwd=root,
        timeout=60,
    )
    assert result.returncode == 1
    assert "1 articles valid, 1 file(s) with errors; 1 error(s)" in result.stderr, result.stderr
