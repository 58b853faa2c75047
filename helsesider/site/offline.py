"""Offline on a citizen's phone (issue 32): an installable web app per language and a service
worker that keeps, after one visit, what a citizen may need with no network.

Written by ``make build`` for the whole site (``helsesider/publish/build.py``), never for the
kiosk bundle (a ``file://`` page cannot register a worker):

- ``<language folder>/manifest.webmanifest``: the web app of that language (its name, ``lang``,
  ``dir``, start at the language's front page; the icons are the site's logo rendered to PNG by
  ``helsesider/site/design.py``);
- ``sw.js`` at the site's root: ``overrides/assets/javascripts/hs-sw.js`` with this build's
  configuration: the version (a hash of the built files: a new deploy gives a new worker, whose
  caches replace the old ones), and per language what is stored on the first visit (the front
  page, the acute-help topic and its articles, A–Å, the services, the accessibility statement,
  the offline page, the search index's head, and the stylesheets, scripts and icons they load).
  With ``offline: false`` in ``data/site.yml`` the worker written removes itself and what it
  stored, and no page registers it.

Plain JavaScript of our own rather than Workbox: the worker is about 150 lines, its rules (the
network first with a short wait, per-language stores, the offline page of the reader's
language) are the project's own, and Workbox's build tool would need its own Node build step.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from helsesider import LANGUAGES, locales
from helsesider.site.design import ACCENT, PROJECT, assets
from helsesider.site.routes import A11Y_REL, AZ_REL, OFFLINE_REL, all_services_rel, topic_page_rel
from helsesider.site.texts import text
from helsesider.site.urls import language_folder, page_url, relative_href

MANIFEST = "manifest.webmanifest"
WORKER = "sw.js"
THEME_COLOUR = ACCENT
BACKGROUND = "#FFFFFF"
WAIT_MS = 3000  # how long a page waits for the network before the stored copy is shown
# what every stored page loads (the kiosk's and the code lookup's own scripts are not stored)
STORED_ASSETS = ("hs-site.css", "hs-cards.css", "hs-care.css", "hs-az.css", "hs-site.js", "hs-search.js",
                 "hs-logo.svg", "hs-icon-192.png", "hs-icon-512.png", "hs-icon-maskable.png")  # fmt: skip


def web_manifest(lang: str) -> dict:
    """The web app of `lang`, as its manifest (at the language's folder: every URL relative to it)."""
    language = locales.get(lang)
    found = assets()
    here = language_folder(lang) or "./"
    icons = [
        {"src": relative_href(here, found[name].path), "sizes": size, "type": "image/png", "purpose": purpose}
        for name, size, purpose in (("hs-icon-192.png", "192x192", "any"), ("hs-icon-512.png", "512x512", "any"),
                                    ("hs-icon-maskable.png", "512x512", "maskable"))
    ]  # fmt: skip
    return {
        "id": "./",
        "name": f"{text(lang, 'app_short')} ({language.name})",
        "short_name": text(lang, "app_short"),
        "lang": lang,
        "dir": language.dir,
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "theme_color": THEME_COLOUR,
        "background_color": BACKGROUND,
        "icons": icons,
    }


def stored_first(rels: frozenset[str], lang: str, acute_topic: str, directory_urls: bool = True) -> list[str]:
    """What the worker stores on a first visit in `lang`, as addresses from the site's root:
    the pages every citizen may need with no network, the search index's head, and the files
    those pages load. `rels`: the language's pages (``pages.existing_rels``)."""
    # the acute topic's own articles (not those of its subfolders)
    acute = sorted(rel for rel in rels if rel.startswith(acute_topic + "/") and rel.count("/") == 1)
    pages = [
        "index.md",
        topic_page_rel(acute_topic),
        *acute,
        AZ_REL[lang],
        all_services_rel(lang),
        A11Y_REL[lang],
        OFFLINE_REL[lang],
    ]
    found = assets()
    return [
        *(page_url(lang, rel, directory_urls) for rel in dict.fromkeys(pages) if rel in rels),
        language_folder(lang) + "search/hs-index.js",
        language_folder(lang) + MANIFEST,
        *(found[name].path for name in STORED_ASSETS),
    ]


def version(site: Path, known: dict | None = None) -> str:
    """A hash of the built site's files (not the server's _deploy/, not the worker itself): any
    change in a deploy gives a new worker, and so new stores. `known`: the files' hashes by
    their identity (device, inode, size, modification time), from an incremental build, whose
    unchanged files are the same files (hard links); it gets this build's."""
    digest = hashlib.sha256()
    seen: dict = {}
    for rel, path in _site_files(site):
        if rel == WORKER or rel.startswith("_deploy/"):
            continue
        status = os.stat(path)
        identity = (status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns)
        found = (known or {}).get(identity) or hashlib.sha256(Path(path).read_bytes()).digest()
        seen[identity] = found
        digest.update(rel.encode("utf-8") + b"\0" + found)
    if known is not None:
        known.clear()
        known.update(seen)
    return digest.hexdigest()[:16]


def _site_files(site: Path) -> list[tuple[str, str]]:
    """Every file under `site` as (its path inside, its path), in the order of their paths' parts
    (as sorted ``Path``s): ``os.walk`` lists each folder once, a third of ``rglob``'s time with
    its call per file for the 15,000 files of 3 x 2,000 articles."""
    found = []
    for folder, _, names in os.walk(site):
        inside = Path(folder).relative_to(site).as_posix()
        prefix = "" if inside == "." else inside + "/"
        found += [(prefix + name, os.path.join(folder, name)) for name in names]
    found.sort(key=lambda item: item[0].split("/"))
    return found


def service_worker(enabled: bool, stores: dict[str, dict], build: str) -> str:
    """sw.js: the worker's code with this build's configuration (`stores`: per language its
    folder, its offline page and what a first visit stores)."""
    config = {"version": build, "enabled": enabled, "wait": WAIT_MS, "languages": stores}
    code = (PROJECT / "overrides" / "assets" / "javascripts" / "hs-sw.js").read_text(encoding="utf-8")
    return code.replace("/*HS_CONFIG*/null", json.dumps(config, ensure_ascii=False, separators=(",", ":")), 1)


def write_offline_files(site: Path, rels: dict[str, frozenset[str]], enabled: bool, acute_topic: str,
                        directory_urls: bool = True, known: dict | None = None) -> dict[str, list[str]]:  # fmt: skip
    """Write every language's manifest and the worker into the built site; returns what a first
    visit stores per language (for the bench). `known`: as for ``version``."""
    stores, lists = {}, {}
    for lang in LANGUAGES:
        folder = site / language_folder(lang)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / MANIFEST).write_text(
            json.dumps(web_manifest(lang), ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        lists[lang] = stored_first(rels[lang], lang, acute_topic, directory_urls)
        stores[lang] = {"folder": language_folder(lang), "offline": page_url(lang, OFFLINE_REL[lang], directory_urls),
                        "store": lists[lang]}  # fmt: skip
    (site / WORKER).write_text(service_worker(enabled, stores, version(site, known)), encoding="utf-8")
    return lists


def stored_bytes(site: Path, stored: list[str]) -> int:
    """The bytes a first visit stores: the files of `stored` in the built site (a page's
    index.html for a folder address)."""
    total = 0
    for address in stored:
        path = site / address
        if address.endswith("/") or address in ("", "./"):
            path = path / "index.html"
        total += path.stat().st_size if path.is_file() else 0
    return total
