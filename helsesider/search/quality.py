"""Search quality against tests/search_queries.yml, per language:

- over the queries that have an answer: recall@1, recall@5, MRR, how many found nothing (goal 0)
  and the mean number of results;
- junk: no-answer queries (``expect: []``) that showed anything;
- alarm signs (``alarm:``): the emergency guidance shown above the results names the number;
  a no-answer query that shows guidance counts as a false alarm (a query with an answer and no
  ``alarm:`` may show it: "selvmordstanker" rightly shows the helplines);
- pairs (``all:``): every listed page among the results (an article and its service);
- sections (an ``expect`` with ``#anchor``): the first result for the page opens at that section.

The queries are run by the real engine; the tests and the benchmark ask it in Chromium for each
query's answer: its result addresses (with the section's ``#anchor`` where it opens at one), the
alarm guidance it shows (None, "113", "116117" or "helpline") and whether the results are the
relaxed pass ("no hits on all the words; nearest hits")."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from helsesider.site.urls import page_url

# What the browser is asked for each query (the engine of the page's search form).
ANSWERS_JS = (
    "async (qs) => { const e = await HsSearch.pageEngine(); const out = [];"
    " for (const q of qs) { const a = await e.answer(q);"
    " out.push({urls: a.results.map(r => r.url + (r.section ? '#' + r.section : '')),"
    " alarm: a.alarm ? a.alarm.call : null, relaxed: a.relaxed}); } return out; }"
)


@dataclass
class Query:
    lang: str
    text: str
    kind: str
    expect: list[str]  # article paths inside the language folder (a section as path#anchor)
    alarm: str | None = None  # the guidance an alarm sign must show: "113", "116117" or "helpline"
    all: list[str] = field(default_factory=list)  # pages that must all be among the results


@dataclass
class Outcome:
    query: Query
    urls: list[str]  # the results' addresses, a section's with its #anchor
    rank: int | None  # 1-based rank of the first expected page, None when not in the results
    alarm: str | None = None
    relaxed: bool = False

    @property
    def pages(self) -> list[str]:
        return [url.split("#", 1)[0] for url in self.urls]


def load_queries(path: Path) -> list[Query]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    out = []
    for lang, items in data.items():
        for item in items:
            every = list(item.get("all", []))
            expect = list(item.get("expect", [])) or every
            alarm = item.get("alarm")
            out.append(Query(lang, str(item["q"]), item["kind"], expect, str(alarm) if alarm else None, every))
    return out


def _address(lang: str, rel: str) -> str:
    path, _, anchor = rel.partition("#")
    return page_url(lang, path) + (f"#{anchor}" if anchor else "")


def judge(query: Query, answer) -> Outcome:
    """`answer`: the result addresses, or the browser's {urls, alarm, relaxed}."""
    if isinstance(answer, dict):
        urls, alarm, relaxed = list(answer["urls"]), answer.get("alarm"), bool(answer.get("relaxed"))
    else:
        urls, alarm, relaxed = list(answer), None, False
    wanted = {_address(query.lang, rel).split("#", 1)[0] for rel in query.expect}
    rank = next((i + 1 for i, url in enumerate(urls) if url.split("#", 1)[0] in wanted), None)
    return Outcome(query, urls, rank, alarm, relaxed)


def section_hit(outcome: Outcome) -> bool:
    """The first result for the expected page opens at the expected section, or the first result
    is a whole article listed beside the section (one written later on just that subject)."""
    wanted = {_address(outcome.query.lang, rel) for rel in outcome.query.expect if "#" in rel}
    whole = {_address(outcome.query.lang, rel) for rel in outcome.query.expect if "#" not in rel}
    if outcome.urls and outcome.urls[0] in whole:
        return True
    pages = {w.split("#", 1)[0] for w in wanted}
    first = next((url for url in outcome.urls if url.split("#", 1)[0] in pages), None)
    return first in wanted


def pair_complete(outcome: Outcome) -> bool:
    return all(_address(outcome.query.lang, rel) in outcome.pages for rel in outcome.query.all)


def alarm_right(outcome: Outcome) -> bool:
    return outcome.alarm == outcome.query.alarm


def summary(outcomes: list[Outcome]) -> dict[str, dict[str, float]]:
    """Per language: queries, recall@1, recall@5, MRR, answerable queries with no result, the mean
    number of results (over the queries with an answer), whether every exact title came first,
    no-answer queries with junk, alarm signs answered with the right number, false alarms, pairs
    complete and sections hit."""
    out = {}
    for lang in sorted({o.query.lang for o in outcomes}):
        every = [o for o in outcomes if o.query.lang == lang]
        mine = [o for o in every if o.query.expect]
        empty = [o for o in every if not o.query.expect]
        alarms = [o for o in every if o.query.alarm]
        pairs = [o for o in every if o.query.all]
        sections = [o for o in every if any("#" in rel for rel in o.query.expect)]
        n = max(len(mine), 1)
        out[lang] = {
            "queries": len(every),
            "no_answer": len(empty),
            "junk": sum(1 for o in empty if o.urls),
            "recall@1": sum(1 for o in mine if o.rank == 1) / n,
            "recall@5": sum(1 for o in mine if o.rank and o.rank <= 5) / n,
            "mrr": sum(1 / o.rank for o in mine if o.rank) / n,
            "zero": sum(1 for o in mine if not o.urls),
            "mean_results": sum(len(o.urls) for o in mine) / n,
            "exact_first": all(o.rank == 1 for o in mine if o.query.kind == "exact"),
            "alarms": len(alarms),
            "alarms_right": sum(1 for o in alarms if alarm_right(o)),
            "false_alarms": sum(1 for o in empty if o.alarm),
            "pairs": len(pairs),
            "pairs_complete": sum(1 for o in pairs if pair_complete(o)),
            "sections": len(sections),
            "sections_hit": sum(1 for o in sections if section_hit(o)),
        }
    return out
