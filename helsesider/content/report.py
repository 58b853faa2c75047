"""``make report``: the editors' report, ``report/index.html`` and ``report/index.md``.

Per provider: articles overdue for professional review, articles due within 90 days, and
articles missing in a language; then the LIX readability index of every article, worst first.
Nothing here needs MkDocs: it reads the same corpus as the check and the build.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

import markdown

from helsesider import LANGUAGES, default_language
from helsesider.content.corpus import load_corpus
from helsesider.content.glossary import load_glossary
from helsesider.gate.readability import lix, long_words
from helsesider.locales import PerLanguage
from helsesider.settings import load as load_settings
from helsesider.site.markup import Markup, render

DUE_DAYS = 90
LANGUAGE_NAMES = PerLanguage(lambda language: language.report_name)  # data/languages/<code>/language.yml


def _cell(value) -> str:
    return str(value).replace("|", "\\|")


def _table(headers: list[str], rows: list[list]) -> list[str]:
    if not rows:
        return ["Ingen.", ""]
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return lines + [""]


def _missing_translations(corpus, rels: list[str], provider_id: str) -> list[list[str]]:
    """[title, path, the languages it is missing in] for the provider's articles."""
    missing = []
    for rel in rels:
        present = corpus.translations(rel)
        if any(a.provider == provider_id for a in present.values()):
            absent = [LANGUAGE_NAMES[lang] for lang in LANGUAGES if lang not in present]
            if absent:
                first = next(iter(present.values()))
                missing.append([first.title, f"`{rel}`", ", ".join(absent)])
    return missing


def _readability(corpus, articles: list) -> list[str]:
    """Every article's LIX, the hardest first."""
    lines: list[str] = []
    scored = sorted(((lix(a.body)[0], a) for a in articles), key=lambda pair: (-pair[0], pair[1].path))
    lines += [
        "## Lesbarhet (LIX), vanskeligst først",
        "",
        f"Under 40 er lettlest; over {corpus.settings.lix_warning} gir en advarsel i `make check`.",
        "",
    ]
    known = _glossary_forms(corpus)
    rows = [
        [f"{score:.0f}", a.title, f"`{a.path}`", ", ".join(f"{w} ({n})" for w, n in _hard_words(a, known))]
        for score, a in scored
    ]
    lines += [
        "Ord som trekker opp: de lange ordene (over seks bokstaver) som trekker LIX mest opp, og som ikke står i "
        "ordlisten (`data/glossary/`): skriv dem enklere, eller foreslå en forklaring.",
        "",
    ]
    lines += _table(["LIX", "Artikkel", "Fil", "Ord som trekker opp"], rows)
    return lines


def _glossary_forms(corpus) -> dict[str, set[str]]:
    """Per language, every form of every glossary term, in lower case."""
    return {
        lang: {form.lower() for term in load_glossary(corpus.root, lang)[0] for form in term.forms}
        for lang in LANGUAGES
    }


def _hard_words(article, known: dict[str, set[str]]) -> list[tuple[str, int]]:
    own = {word.lower() for name in (article.title, *article.aliases) for word in name.split()}
    return long_words(article.body, known.get(article.lang, set()) | own)


def _count(articles: list) -> str:
    """'3 artikler i 5 språkversjoner': an article is its path, in however many languages."""
    count, versions = len({a.rel for a in articles}), len(articles)
    noun = "artikkel" if count == 1 else "artikler"
    return f"{count} {noun}" + (f" i {versions} språkversjoner" if versions != count else "")


def _provider_names(corpus) -> list[str]:
    """Providers and topics whose entry has no text in a language: the pages show the default
    language's."""
    rows = [
        [entry.name[default_language()], f"`{eid}`", ", ".join(LANGUAGE_NAMES[lang] for lang in missing)]
        for eid, entry in sorted(corpus.providers.items())
        if (missing := entry.missing_names())
    ]
    rows += [
        [entry.title[default_language()], f"`{eid}` (tema)", ", ".join(LANGUAGE_NAMES[lang] for lang in missing)]
        for eid, entry in sorted(corpus.topics.items())
        if (missing := entry.missing_names())
    ]
    rows += [
        [entry.name[default_language()], f"`{eid}` (region)", ", ".join(LANGUAGE_NAMES[lang] for lang in missing)]
        for eid, entry in sorted(corpus.local.regions.items())
        if (missing := entry.missing_names())
    ]
    if not rows:
        return []
    lines = [
        "## Samarbeidspartnere, temaer og regioner uten navn på alle språk",
        "",
        f"Sidene viser teksten på {LANGUAGE_NAMES[default_language()]} der oversettelsen mangler "
        "(`data/providers.yml`, `data/topics.yml`, `data/regions.yml`).",
        "",
    ]
    return lines + _table(["Navn", "Id", "Mangler navn på"], rows)


def build_report(corpus, today: dt.date) -> str:
    """The report as Markdown."""
    soon = today + dt.timedelta(days=DUE_DAYS)
    articles = [a for lang in LANGUAGES for a in corpus.articles[lang].values()]
    lines = [
        "# Redaksjonell rapport",
        "",
        f"Laget {today.isoformat()} for {_count(articles)} "
        f"({', '.join(f'{len(corpus.articles[lang])} på {LANGUAGE_NAMES[lang]}' for lang in LANGUAGES)}).",
        "",
    ]
    lines += _provider_names(corpus)
    if corpus.errors:
        lines += [
            f"**{len(corpus.errors)} artikler eller felt har feil og er ikke med i rapporten.** Kjør `make check`.",
            "",
        ]
    rels = sorted({a.rel for a in articles})
    for provider_id, provider in sorted(corpus.providers.items()):
        own = [a for a in articles if a.provider == provider_id]
        lines += [f"## {provider.name[default_language()]}", "", f"{_count(own)}.", ""]
        overdue = sorted((a for a in own if a.next_review < today), key=lambda a: a.next_review)
        due = sorted((a for a in own if today <= a.next_review <= soon), key=lambda a: a.next_review)
        lines += ["### Forfalt til faglig gjennomgang", ""]
        lines += _table(
            ["Artikkel", "Fil", "Sist gjennomgått", "Forfalt"],
            [[a.title, f"`{a.path}`", a.reviewed.isoformat(), a.next_review.isoformat()] for a in overdue],
        )
        lines += [f"### Forfaller innen {DUE_DAYS} dager", ""]
        lines += _table(
            ["Artikkel", "Fil", "Sist gjennomgått", "Forfaller"],
            [[a.title, f"`{a.path}`", a.reviewed.isoformat(), a.next_review.isoformat()] for a in due],
        )
        lines += ["### Mangler på et språk", ""]
        lines += _table(["Artikkel", "Sti", "Mangler på"], _missing_translations(corpus, rels, provider_id))
    lines += _readability(corpus, articles)
    return "\n".join(lines)


def write_report(root: Path, out: Path, today: dt.date | None = None) -> tuple[Path, Path]:
    settings = load_settings(root, today=today)
    corpus = load_corpus(root, settings)
    text = build_report(corpus, settings.today)
    out.mkdir(parents=True, exist_ok=True)
    md_path, html_path = out / "index.md", out / "index.html"
    md_path.write_text(text + "\n", encoding="utf-8")
    body = markdown.markdown(text, extensions=["tables"], output_format="html")
    page = render("partials/report.html", root, title="Redaksjonell rapport", body=Markup(body))
    html_path.write_text(page + "\n", encoding="utf-8")
    return html_path, md_path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make report", description=__doc__.splitlines()[0])
    parser.add_argument("--root", default=".", help="project folder")
    parser.add_argument("--out", default="report", help="where to write index.html and index.md")
    args = parser.parse_args(argv)
    root = Path(args.root).resolve()
    html_path, md_path = write_report(root, root / args.out if not Path(args.out).is_absolute() else Path(args.out))
    print(f"wrote {html_path} and {md_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
