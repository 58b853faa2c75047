"""A way off MkDocs 1.x: the sample site built with ProperDocs (the maintained fork of MkDocs
1.6, pinned in requirements.txt) is the same, file for file and byte for byte, as the site
built with MkDocs 1.6.1 — except the generator named in each page's <meta name="generator">, and
so the service worker's version (a hash of every built file, helsesider/site/offline.py)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')
WORKER_VERSION = re.compile(rb'"version":"[0-9a-f]{16}"')

pytestmark = [pytest.mark.build, pytest.mark.slow]


def files(site: Path) -> dict[str, bytes]:
    return {
        p.relative_to(site).as_posix(): WORKER_VERSION.sub(
            b'"version":"?"', GENERATOR.sub(b"<meta name=generator>", p.read_bytes())
        )
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def test_properdocs_builds_the_same_site_as_mkdocs(sample_site, tmp_path):
    out = tmp_path / "site"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "helsesider.publish.build",
            "--root",
            str(ROOT),
            "--site-dir",
            str(out),
            "--mkdocs",
            str(Path(sys.executable).with_name("properdocs")),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", "HELSESIDER_MESSAGES": "en"},
    )
    assert result.returncode == 0, result.stderr
    assert b"ProperDocs" in (out / "index.html").read_bytes()  # it was ProperDocs that built it
    ours, theirs = files(sample_site), files(out)
    assert sorted(ours) == sorted(theirs)
    assert [name for name in ours if ours[name] != theirs[name]] == []
