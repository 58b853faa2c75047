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
_INLINE = re.compile(
    r"<script(?![^>]*\bsrc=)(?![^>]*\btype=\"application/(?:json|ld\+json)\")[^>]*>(.*?)</script>", re.S
)
SCRIPTS_FILE = "inline-scripts.txt"  # each language build's hashes (hooks/deploy.py), merged by make build


def script_hashes(page_html: str) -> set[str]:
    """The CSP hashes of the inline scripts of one page."""
    return {
        "'sha256-" + base64.b64encode(hashlib.sha256(m.group(1).encode("utf-8")).digest()).decode() + "'"
        for m in _INLINE.finditer(page_html)
    }


# One CSP source expression per line, exactly: a SHA-256 hash in base64
_HASH_LINE = re.compile(r"^'sha256-[A-Za-z0-9+/]{43}='$")


def inline_script_hashes(site: Path, languages: tuple[str, ...] = ()) -> list[str]:
    """The CSP hashes of every distinct inline script in the built site, from the lists each
    language's build wrote while it rendered its pages (hooks/deploy.py): site/_deploy/ and
    site/<lang>/_deploy/ of the other languages, nothing else (content cannot add a list: no
    name under docs/ may start with '_'), and only lines that are a hash."""
    found: set[str] = set()
    for folder in [site, *(site / lang for lang in languages)]:
        listed = folder / DEPLOY_DIR / SCRIPTS_FILE
        if listed.is_file() and not listed.is_symlink():
            found.update(line for line in listed.read_text(encoding="utf-8").splitlines() if _HASH_LINE.match(line))
            listed.unlink()
    return sorted(found)


def content_security_policy(hashes: list[str]) -> str:
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self' " + " ".join(hashes),
            "style-src 'self'",
            "img-src 'self' data:",  # the theme's icons are data: SVG masks in its stylesheet
            "font-src 'self'",
            "connect-src 'self'",
            "worker-src 'self'",  # the service worker (sw.js, helsesider/site/offline.py)
            "manifest-src 'self'",  # the web app's manifest of each language
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


def security_headers(site: Path, languages: tuple[str, ...] = ()) -> list[str]:
    """The add_header lines every response gets (pages, assets, redirects)."""
    policy = content_security_policy(inline_script_hashes(site, languages))
    return [
        f'add_header Content-Security-Policy "{policy}" always;',
        'add_header X-Content-Type-Options "nosniff" always;',
        'add_header Referrer-Policy "strict-origin-when-cross-origin" always;',
        'add_header Permissions-Policy "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()" always;',
        'add_header Strict-Transport-Security "max-age=31536000; includeSubDomains" always;',
        'add_header X-Frame-Options "DENY" always;',
    ]


def write_deploy_files(site: Path, redirects_conf, languages: tuple[str, ...] = ()) -> None:
    """site/_deploy/headers.conf and redirects.conf; `redirects_conf(header_lines)` writes the
    301s, each with the same security headers (nginx does not pass a server's add_header
    into a location that has its own)."""
    folder = site / DEPLOY_DIR
    folder.mkdir(exist_ok=True)
    headers = security_headers(site, languages)
    for empty in [site / lang / DEPLOY_DIR for lang in languages]:  # the other languages' own _deploy/ folders
        if empty.is_dir() and not any(empty.iterdir()):
            empty.rmdir()
    (folder / "headers.conf").write_text(
        "\n".join(["# Written by `make build`; included by deploy/nginx.conf in every location.", *headers, ""]),
        encoding="utf-8",
    )
    (folder / "redirects.conf").write_text(redirects_conf(headers), encoding="utf-8")
    (folder / "languages.conf").write_text(language_locations(headers, languages), encoding="utf-8")


def language_locations(headers: list[str], languages: tuple[str, ...]) -> str:
    """The nginx location of each language but the default: its pages, with the security
    headers (a location with its own add_header gets none from the server) and its 404 page."""
    lines = ["# Written by `make build`; included by deploy/nginx.conf: one location per language folder."]
    for lang in languages:
        lines += [
            f"location /{lang}/ {{",
            *(f"    {line}" for line in headers if line.strip() and not line.lstrip().startswith("#")),
            '    add_header Cache-Control "no-cache" always;',
            f"    error_page 404 /{lang}/404.html;",
            "    try_files $uri $uri/ =404;",
            "}",
        ]
    return "\n".join(lines) + "\n"
