"""The content API's manifest (issue 31; under api/v2 since issue 33): ``api/v2/manifest.json`` at the site root, so a
reuser fetches only what changed and drops what was withdrawn.

Every article in every language with its address, its JSON record, when it was first published
and last modified, when it was last reviewed and is next due, and its codes; and every withdrawn
article (data/redirects.yml) with where it went and when. The dates of publishing and changes
come from git where the site is a git checkout (``dates_from: "git"``: the first and the last
commit that touched the file); elsewhere (a copied folder, the bench corpus) the last review
stands for both (``dates_from: "reviewed"``), and a withdrawal has no date.
"""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from helsesider import LANGUAGES
from helsesider.content.corpus import Corpus, articles_of
from helsesider.site.urls import language_folder, page_url

MANIFEST = "api/v2/manifest.json"
FORMAT = "helsesider-manifest/2"


@dataclass
class History:
    """What git says about the files under docs/: path -> (first commit date, last commit date),
    and path -> the date it was removed."""

    known: bool = False
    dates: dict[str, tuple[str, str]] = field(default_factory=dict)
    removed: dict[str, str] = field(default_factory=dict)


def history(root: Path) -> History:
    """The dates of every file under docs/ from one `git log` (none outside a git checkout)."""
    try:
        result = subprocess.run(
            ["git", "-C", str(root), "log", "--format=@%cs", "--name-status", "--no-renames", "--", "docs"],
            capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip
    except (OSError, subprocess.TimeoutExpired):
        return History()
    if result.returncode != 0:
        return History()
    found = History(known=True)
    date = ""
    for line in result.stdout.splitlines():  # newest first
        if line.startswith("@"):
            date = line[1:]
            continue
        status, _, path = line.partition("\t")
        if not path:
            continue
        first, last = found.dates.get(path, (date, date))
        found.dates[path] = (date, last)
        if status == "D" and path not in found.removed:
            found.removed[path] = date
    return found


def manifest(corpus: Corpus, site_url: str, directory_urls: bool = True, past: History | None = None) -> dict:
    """The manifest document of the whole site."""
    past = past if past is not None else history(corpus.root)
    items = []
    for lang in LANGUAGES:
        for rel, article in sorted(articles_of(corpus, lang).items()):
            first, last = past.dates.get(f"docs/{lang}/{rel}", (None, None))
            reviewed = article.reviewed.isoformat()
            items.append({
                "language": lang,
                "path": rel,
                "url": site_url + page_url(lang, rel, directory_urls),
                "href": f"{site_url}{language_folder(lang)}api/v2/articles/{rel[:-3]}.json",
                "first_published": first or reviewed,
                "last_modified": max(last, reviewed) if last else reviewed,
                "last_reviewed": reviewed,
                "next_review": article.next_review.isoformat(),
                "codes": [{"system": system, "code": code} for system, code in article.codes],
            })  # fmt: skip
    withdrawn = [
        {
            "language": r.lang,
            "path": r.old,
            "redirected_to": site_url + page_url(r.lang, r.new, directory_urls),
            "withdrawn": past.removed.get(f"docs/{r.lang}/{r.old}"),
        }
        for r in sorted(corpus.redirects, key=lambda r: (r.lang, r.old))
    ]
    return {
        "format": FORMAT,
        "generated": corpus.settings.today.isoformat(),
        "dates_from": "git" if past.known else "reviewed",
        "articles": items,
        "withdrawn": withdrawn,
    }


def write_manifest(corpus: Corpus, out: Path, site_url: str, directory_urls: bool = True) -> None:
    """Write api/v2/manifest.json into the site root `out`."""
    target = out / MANIFEST
    target.parent.mkdir(parents=True, exist_ok=True)
    document = manifest(corpus, site_url, directory_urls)
    target.write_text(json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
