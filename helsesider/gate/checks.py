"""Checks of what articles say, beyond their front-matter: links (between articles, to anchors,
across languages, to services, to other sites), images, raw HTML, care cards, headings,
readability and whether translations are as fresh as the Bokmål source.

``check_bodies(corpus, settings)`` returns the findings; the build and ``make check`` both run it
through ``load_corpus``. What the rendered page may hold is ``html_policy.CONTENT`` (the build
applies the same policy to MkDocs' own rendering in ``hooks/content_safety.py``).
"""

from __future__ import annotations

from helsesider import LANGUAGES, default_language, locales
from helsesider.content.links import final_target, resolve_relative
from helsesider.content.model import Article
from helsesider.gate.cards import CardLocator
from helsesider.gate.findings import Finding, error, warning
from helsesider.gate.html_policy import CONTENT, STATEMENT, Policy, Problem
from helsesider.gate.links import Targets, link_problem
from helsesider.gate.readability import HARD_TO_READ, LONG_SENTENCE, TOO_LONG, lix, long_sentences
from helsesider.gate.rendered import Locator, Rendered, cache_folder, rendered_page
from helsesider.gate.scan import Link, Scan, body_scan, cached_scan


def check_bodies(
    corpus,
    settings,
    generated_rels,
    readability: bool = True,
    rendered: bool = True,
    only: frozenset[str] | None = None,
) -> list[Finding]:
    """Findings about the bodies of every article in the corpus (and the front pages' links).

    With `rendered` (``make check``), each body is also rendered as the build renders it and
    every link, image and attribute of the result is checked (``helsesider/gate/rendered.py``); a
    build does the same with MkDocs' own rendering in ``hooks/content_safety.py``. With `only`,
    just the bodies of those files (shown paths) are checked."""
    targets = Targets(corpus, generated_rels)
    findings: list[Finding] = []
    for lang in LANGUAGES:
        for article in corpus.articles[lang].values():
            if only is None or article.path in only:
                # checked with its provider's own site allowed (Corpus.settings_for)
                own = corpus.settings_for(article)
                findings += _check_article(corpus, own, targets, article, readability, rendered)
        findings += _check_pages(corpus, settings, targets, lang, rendered, only)
    findings += check_statements(corpus, settings, targets, rendered)
    findings += _check_translations(corpus)
    findings += _check_redirects(corpus, targets)
    findings += _check_aliases(corpus)
    findings += _check_codes(corpus)
    return findings


def _check_pages(corpus, settings, targets: Targets, lang: str, rendered: bool, only) -> list[Finding]:
    """The front pages' and drafts' bodies in `lang`."""
    findings: list[Finding] = []
    for page in [*corpus.pages[lang].values(), *corpus.drafts[lang].values()]:
        if only is not None and page.path not in only:
            continue
        found = cached_scan(page.body, page.body_line)
        source = (page.body, page.body_line) if rendered else None
        own = corpus.settings_for(page)  # a draft's provider, read from its line, may link to its site
        findings += _check_scan(
            corpus, own, targets, page.path, lang, page.rel, found, set(found.anchors), source
        )  # fmt: skip
    return findings


def check_additions(corpus, additions, generated_rels) -> list[Finding]:
    """Local additions' bodies, checked as an article's are: from the national article's place
    (its links resolve from there), with the region's provider's site allowed."""
    targets = Targets(corpus, generated_rels)
    findings: list[Finding] = []
    for addition in additions:
        found = cached_scan(addition.body, addition.body_line)  # not body_scan: it is the article's
        source = (addition.body, addition.body_line)
        findings += _check_scan(
            corpus, corpus.settings_for(addition), targets, addition.path, addition.lang, addition.rel, found,
            found.anchors, source,
        )  # fmt: skip
    return findings


def check_statements(corpus, settings, targets: Targets, rendered: bool = True) -> list[Finding]:
    """Each language's accessibility statement (data/languages/<code>/accessibility.md): scanned
    and rendered like an article, judged by the statement's policy, named with its own path."""
    findings: list[Finding] = []
    for lang in LANGUAGES:
        body = locales.get(lang).accessibility
        path = f"{locales.FOLDER}/{lang}/accessibility.md"
        found = cached_scan(body, 1)
        rel = locales.get(lang).paths["accessibility"]
        source = (body, 1) if rendered else None
        findings += _check_scan(corpus, settings, targets, path, lang, rel, found, found.anchors, source, STATEMENT)
    return findings


def _check_codes(corpus) -> list[Finding]:
    """A code claimed by two articles of one language: a record system asking for it gets a
    list instead of the article (warned at each later claim, naming the first)."""
    findings = []
    for lang in LANGUAGES:
        first: dict[tuple[str, str], str] = {}
        for article in sorted(corpus.articles[lang].values(), key=lambda a: a.path):
            for system, code in article.codes:
                owner = first.setdefault((system, code), article.path)
                if owner != article.path:
                    findings.append(
                        warning(article.path, article.codes_line, f"codes: {system} {code} is also given by {owner}; "
                                "a record system that asks for it gets a list of both, not the article")
                    )  # fmt: skip
    return findings


def _check_aliases(corpus) -> list[Finding]:
    """An alias that is another article's title or alias in the same language: A–Å would list
    one name for two articles, and search could not tell which is meant."""
    findings = []
    for lang in LANGUAGES:
        owners: dict[str, list] = {}
        for article in sorted(corpus.articles[lang].values(), key=lambda a: a.path):
            for name in {article.title.casefold(), *(alias.casefold() for alias in article.aliases)}:
                owners.setdefault(name, []).append(article)
        for article in sorted(corpus.articles[lang].values(), key=lambda a: a.path):
            for alias in article.aliases:
                others = [a.path for a in owners.get(alias.casefold(), []) if a is not article]
                if others:
                    line = _line_of(corpus.root / article.path, alias)
                    findings.append(
                        warning(
                            article.path,
                            line,
                            f"aliases: '{alias}' is also a title or alias of "
                            f"{', '.join(others)}; A–Å and search need one article per name",
                        )
                    )
    return findings


def _line_of(path, text: str) -> int:
    """The first line of the file that holds `text` (1 when none does)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return 1
    return next((number for number, line in enumerate(lines, start=1) if text in line), 1)


def _check_redirects(corpus, targets: Targets) -> list[Finding]:
    """Every redirect leads to a page that exists and does not hide one."""
    findings = []
    shown = "data/redirects.yml"
    for redirect in corpus.redirects:
        if targets.page_exists(redirect.lang, redirect.old):
            findings.append(
                error(
                    shown,
                    redirect.line,
                    f"{redirect.lang}: docs/{redirect.lang}/{redirect.old} exists; "
                    "a redirect may only replace an article that is gone",
                )
            )
        final = final_target(corpus, redirect.lang, redirect.old)
        if final is None:
            findings.append(
                error(
                    shown, redirect.line, f"{redirect.lang}: the redirects from '{redirect.old}' go round in a circle"
                )
            )
        elif not targets.page_exists(redirect.lang, final):
            findings.append(
                error(
                    shown,
                    redirect.line,
                    f"{redirect.lang}: '{redirect.old}' redirects to "
                    f"docs/{redirect.lang}/{final}, which does not exist",
                )
            )
    return findings


SECOND_H1 = (
    "a second level-1 heading ('{text}'); an article has one title (the `title` field, or a single '# ' "
    "heading): use '## ' for sections"
)


def _check_article(
    corpus, settings, targets: Targets, article: Article, readability: bool, rendered: bool
) -> list[Finding]:
    found = body_scan(corpus, article)
    findings = _check_scan(
        corpus,
        settings,
        targets,
        article.path,
        article.lang,
        article.rel,
        found,
        found.anchors,
        (article.body, article.body_line) if rendered else None,
    )
    findings += _related_problems(corpus, targets, article)
    if not rendered and ":::" in article.body and not found.over_limits:  # cards as the renderer reads them
        page = rendered_page(article.body, cache_folder())
        problems = [p for p in CONTENT.check(Rendered(cards=page.cards), lambda host: True) if p.card is not None]
        findings += located(article.path, article.body, article.body_line, problems, page)
    findings += _title_heading_problems(article, [h for h in found.headings if h.level == 1])
    findings += _heading_level_problems(article, found.headings)
    if readability:
        findings += [
            warning(article.path, line, TOO_LONG.format(words=count, start=start, limit=LONG_SENTENCE))
            for line, count, start in long_sentences(article.body, article.body_line)
        ]
    score, words = lix(article.body) if readability else (0.0, 0)
    if words >= 30 and score > settings.lix_warning:
        findings.append(
            warning(article.path, article.body_line, HARD_TO_READ.format(score=score, limit=settings.lix_warning))
        )
    return findings


TITLE_NOT_FIRST = (
    "'# {text}' is a title heading: an article's title is its `title` field (shown with the lead and "
    "'also called'); write '## ' for a section"
)
TITLE_DIFFERS = "'# {text}': the page shows the title field ('{title}'); write the same, or leave this line out"


HEADING_SKIPS = (
    "'{marks} {text}' jumps from {after} to a level-{level} heading: write '{fix} {text}' "
    "(headings go one level at a time, so that screen readers and the page's contents can follow them)"
)


def _heading_level_problems(article: Article, headings: list) -> list[Finding]:
    """Headings go down one level at a time: the page's title is level 1, its sections '## ',
    their parts '### ' (WCAG 1.3.1); '### ' straight under the title is an error with its line."""
    findings, previous = [], 1
    for heading in headings:
        if heading.level > previous + 1:
            after = "the title" if previous == 1 else f"a level-{previous} heading"
            findings.append(
                error(
                    article.path,
                    heading.line,
                    HEADING_SKIPS.format(
                        marks="#" * heading.level,
                        text=heading.text,
                        after=after,
                        level=heading.level,
                        fix="#" * (previous + 1),
                    ),  # fmt: skip
                )
            )
        previous = max(heading.level, 1) if heading.level <= previous + 1 else previous + 1
    return findings


def _title_heading_problems(article: Article, level_one: list) -> list[Finding]:
    """A body may start with '# Title' (a common habit): the page shows the title field with the
    lead and "also called" as for any article (the heading itself is left out). A level-1 heading
    anywhere else, or a second one, is an error; one that says something else, a warning."""
    findings = [error(article.path, extra.line, SECOND_H1.format(text=extra.text)) for extra in level_one[1:]]
    if not level_one:
        return findings
    first = level_one[0]
    body_start = article.body_line + next((i for i, line in enumerate(article.body.split("\n")) if line.strip()), 0)
    if first.line != body_start:
        findings.append(error(article.path, first.line, TITLE_NOT_FIRST.format(text=first.text)))
    elif first.text.strip() != article.title.strip():
        findings.append(warning(article.path, first.line, TITLE_DIFFERS.format(text=first.text, title=article.title)))
    return findings


def _related_problems(corpus, targets: Targets, article: Article) -> list[Finding]:
    """`related:` may name only other articles of the same language."""
    findings = []
    for target in (*article.related_pin, *article.related_exclude):
        resolved = resolve_relative(article.lang, article.rel, target.split("#", 1)[0])
        if (
            resolved is None
            or resolved[0] != article.lang
            or resolved[1] not in corpus.articles[article.lang]
            and not (article.lang in corpus.listed or targets.file_exists(*resolved))
        ):
            findings.append(
                error(
                    article.path, article.related_line, f"related: '{target}' is not an article in docs/{article.lang}/"
                )
            )
        elif resolved[1] == article.rel:
            findings.append(error(article.path, article.related_line, f"related: '{target}' is this article itself"))
    return findings


def _check_scan(
    corpus,
    settings,
    targets,
    path: str,
    lang: str,
    rel: str,
    found: Scan,
    own_anchors,
    source: tuple[str, int] | None = None,
    policy: Policy = CONTENT,
) -> list[Finding]:
    """The scan's problems, what the rendered page may not hold (with `source`: the body and its
    first line) and every link's problem, each once with its own line and column."""
    findings = [error(path, p.line, p.message, p.col) for p in found.problems]
    if found.over_limits:
        return findings  # not rendered: the limits protect the renderer
    links = found.links
    if source is not None:  # what the renderer makes of the body: every link it will produce
        links = _rendered(settings, path, source, findings, policy)
    for link in links:
        message = link_problem(corpus, settings, targets, lang, rel, link, own_anchors)
        if message:
            findings.append(error(path, link.line, message, link.col))
    return list(dict.fromkeys(findings))


def _rendered(
    settings, path: str, source: tuple[str, int], findings: list[Finding], policy: Policy = CONTENT
) -> list[Link]:
    """Render the body: add what the rendered HTML must not hold to `findings` (a problem on a
    line where the source scan already named one is that problem, seen again), and return every
    link the HTML has."""
    body, first_line = source
    page = rendered_page(body, cache_folder())
    scanned = {f.line for f in findings}
    problems = [p for p in policy.check(page, settings.host_allowed) if not _is_a_link_problem(p, page)]
    for problem, finding in zip(problems, located(path, body, first_line, problems, page)):
        if finding.line not in scanned or problem.card is not None:
            findings.append(finding)
    locator = Locator(body, first_line)
    return [
        Link(
            value,
            element.text if element.tag == "a" else element.get("alt") or "",
            *locator.find(value),
            image=element.tag == "img",
        )
        for element, _, value in page.links
    ]


def _is_a_link_problem(problem: Problem, page: Rendered) -> bool:
    """An address problem of a link or image: named by the link check, with the link's place."""
    return problem.card is None and any(value == problem.needle for _, _, value in page.links)


def located(path: str, body: str, first_line: int, problems: list[Problem], page: Rendered) -> list[Finding]:
    """Findings for problems of a rendered body, at their lines in the Markdown (a care card's at
    its opening or closing line)."""
    locator = Locator(body, first_line)
    cards = CardLocator(body, first_line).lines(page.cards) if any(p.card is not None for p in problems) else []
    findings = []
    for problem in problems:
        if problem.card is not None and problem.card < len(cards):
            line, col = cards[problem.card][1 if problem.at_close else 0], 1
        else:
            line, col = locator.find(problem.needle)
        findings.append(error(path, line, problem.message, col))
    return findings


def _check_translations(corpus) -> list[Finding]:
    findings = []
    for lang in LANGUAGES:
        if lang == default_language():
            continue
        for rel, article in corpus.articles[lang].items():
            source = corpus.articles[default_language()].get(rel)
            if source is not None and article.reviewed < source.reviewed:
                findings.append(
                    warning(
                        article.path,
                        article.reviewed_line,
                        f"reviewed: {article.reviewed.isoformat()} is older than the Bokmål article's "
                        f"({source.reviewed.isoformat()}); check the translation against {source.path}",
                    )
                )
    return findings
