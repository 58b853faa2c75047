"""What a web server needs from the built site, written by ``make build`` into ``site/_deploy/``
and included by ``deploy/nginx.conf``:

- ``headers.conf``: the security headers, with a Content-Security-Policy that allows nothing
  outside the site; the theme's few inline scripts are allowed by their SHA-256 hashes, taken
  from the built pages themselves, so the policy always matches the build;
- ``redirects.conf``: a 301 for every old address in ``data/redirects.yml``.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

DEPLOY_DIR = "_deploy"
# an inline script that runs (no src, and no data type such as application/json or ld+json)
_INLINE = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*\btype=\"application/(?:json|ld\+json)\")[^>]*>(.*?)</script>", re.S)
SCRIPTS_FILE = "inline-scripts.txt"  # each language build's hashes (hooks/deploy.py), merged by make build


def script_hashes(page_html: str) -> set[str]:
    """The CSP hashes of the inline scripts of one page."""
    return {"'sha256-" + base64.b64encode(hashlib.sha256(m.group(1).encode("utf-8")).digest()).decode() + "'"
            for m in _INLINE.finditer(page_html)}


def inline_script_hashes(site: Path) -> list[str]:
    """The CSP hashes of every distinct inline script in the built site, from the lists each
    language's build wrote while it rendered its pages (hooks/deploy.py)."""
    found: set[str] = set()
    for listed in site.rglob(f"{DEPLOY_DIR}/{SCRIPTS_FILE}"):
        found.update(line for line in listed.read_text(encoding="utf-8").splitlines() if line)
        listed.unlink()
    return sorted(found)


def content_security_policy(hashes: list[str]) -> str:
    return "; ".join([
        "default-src 'self'",
        "script-src 'self' " + " ".join(hashes),
        "style-src 'self'",
        "img-src 'self' data:",  # the theme's icons are data: SVG masks in its stylesheet
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ])


def headers_conf(site: Path) -> str:
    policy = content_security_policy(inline_script_hashes(site))
    return "\n".join([
        "# Written by `make build`; included by deploy/nginx.conf in every location.",
        f'add_header Content-Security-Policy "{policy}" always;',
        'add_header X-Content-Type-Options "nosniff" always;',
        'add_header Referrer-Policy "strict-origin-when-cross-origin" always;',
        'add_header Permissions-Policy "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()" always;',
        'add_header Strict-Transport-Security "max-age=31536000; includeSubDomains" always;',
        'add_header X-Frame-Options "DENY" always;',
        "",
    ])


def write_deploy_files(site: Path, redirects_conf: str) -> None:
    folder = site / DEPLOY_DIR
    folder.mkdir(exist_ok=True)
    headers = headers_conf(site)
    for empty in sorted(site.rglob(DEPLOY_DIR), reverse=True):  # the languages' own _deploy/ folders
        if empty != folder and not any(empty.iterdir()):
            empty.rmdir()
    (folder / "headers.conf").write_text(headers, encoding="utf-8")
    (folder / "redirects.conf").write_text(redirects_conf, encoding="utf-8")
