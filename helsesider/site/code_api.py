"""From a diagnosis code to the articles about it (issue 31): a static lookup API for record
systems and logged-in services, written at the site root with every language in each file.

- ``api/v2/codes/<system>/<code>.json`` (``icpc2/W78.json``, ``icd10/Z34.json``): the articles
  that give the code, per language (title, description, also-called names, URL, provider,
  reviewer, last reviewed). For an ICD-10 category an article gives (Z34), each of its
  subcategories (Z34.0, Z34.8, Z34.9) has a file too, with the category's articles and
  ``"matched": "Z34"``: a record that carries the more exact code still finds the article.
- ``api/v2/codes/index.json``: every code with a file, by system.

ICPC-2 and ICD-10 are kept apart: the directorate's conversion between them is in no maintained
package, so a code of one system never leads to an article that gives only the other.
The format is declared in ``data/schema/api-v2-code*.schema.json``.
"""

from __future__ import annotations

import json
from pathlib import Path

from helsesider import LANGUAGES
from helsesider.content.codes import SYSTEM, SYSTEMS, description, icd10
from helsesider.content.corpus import Corpus, articles_of
from helsesider.content.model import Article
from helsesider.site.urls import language_folder, page_url

CODES_DIR = "api/v2/codes"
FORMAT = "helsesider-codes/2"


def claims(corpus: Corpus) -> dict[tuple[str, str], dict[str, list[Article]]]:
    """(system, code) -> language -> the articles that give it, in every language (read when a
    build of one language only listed the others)."""
    found: dict[tuple[str, str], dict[str, list[Article]]] = {}
    for lang in LANGUAGES:
        for _, article in sorted(articles_of(corpus, lang).items()):
            for key in article.codes:
                found.setdefault(key, {}).setdefault(lang, []).append(article)
    return found


def _entry(corpus: Corpus, article: Article, site_url: str, directory_urls: bool) -> dict:
    provider = corpus.providers[article.provider]
    return {
        "title": article.title,
        "description": article.description,
        "also_called": list(article.aliases),
        "url": site_url + page_url(article.lang, article.rel, directory_urls),
        "provider": {"id": provider.id, "name": provider.name_in(article.lang)},
        "reviewer": {"name": article.reviewer_name, "role": article.reviewer_role},
        "reviewed": article.reviewed.isoformat(),
    }


def documents(corpus: Corpus, site_url: str, directory_urls: bool = True) -> dict[str, dict]:
    """Path inside the site -> the JSON document: one per code given, one per subcategory of an
    ICD-10 category given (unless an article gives the subcategory itself), and the index."""
    given = claims(corpus)
    files: dict[str, dict] = {}

    def write(system: str, code: str, matched: str) -> None:
        languages = given[(system, matched)]
        files[f"{CODES_DIR}/{system}/{code}.json"] = {
            "format": FORMAT,
            "system": system,
            "system_name": SYSTEM[system].name,
            "oid": SYSTEM[system].oids[0],
            "code": code,
            "code_name": description(system, code),
            "matched": matched,
            "articles": {
                lang: [_entry(corpus, a, site_url, directory_urls) for a in languages[lang]]
                for lang in LANGUAGES
                if lang in languages
            },
        }

    for system, code in sorted(given):
        write(system, code, code)
    for system, code in sorted(given):
        if system == "icd10" and icd10().is_category(code):
            for child in icd10().get_descendants(code):
                if (system, child) not in given:
                    write(system, child, code)
    index: dict[str, list[str]] = {system: [] for system in SYSTEMS}
    for path in files:
        system, name = path.removeprefix(CODES_DIR + "/").split("/")
        index[system].append(name.removesuffix(".json"))
    for codes in index.values():
        codes.sort()
    files[f"{CODES_DIR}/index.json"] = {"format": FORMAT, "codes": index}
    return files


def write_code_api(corpus: Corpus, out: Path, site_url: str, directory_urls: bool = True) -> int:
    """Write the code lookup files into the site root `out`; returns how many codes have a file."""
    files = documents(corpus, site_url, directory_urls)
    for rel, document in files.items():
        target = out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    return len(files) - 1


# ---- the lookup page's data: one script per system and first character, per language ----------

LOOKUP_PREFIX = "hs-code-"  # search/hs-code-icd10-J.js beside the search index


def shard_name(system: str, code: str) -> str:
    """The script that holds `code` of `system`: one per system and first character."""
    return f"{LOOKUP_PREFIX}{system}-{code[0].upper()}.js"


def lookup_scripts(corpus: Corpus, lang: str, directory_urls: bool = True) -> dict[str, str]:
    """file name -> script of the language's codes: "system code" -> [[title, URL from the
    language's root], ...]. Scripts, not JSON: the lookup works from file:// (the kiosk) and
    under the CSP, as search does. A code without its own entry is looked up by its ICD-10
    category in the browser (hs-lookup.js)."""
    shards: dict[str, dict[str, list[list[str]]]] = {}
    for rel in sorted(corpus.articles.get(lang, {})):
        article = corpus.articles[lang][rel]
        for system, code in article.codes:
            url = page_url(lang, rel, directory_urls).removeprefix(language_folder(lang))
            shards.setdefault(shard_name(system, code), {}).setdefault(f"{system} {code}", []).append(
                [article.title, url]
            )
    out = {}
    for name, entries in sorted(shards.items()):
        data = json.dumps(entries, ensure_ascii=False, separators=(",", ":"), sort_keys=True).replace("</", "<\\/")
        out[name] = f"(self.HS_CODES=self.HS_CODES||{{}})[{json.dumps(name)}]={data};\n"
    return out
