"""Search quality against tests/search_queries.yml: recall@1, recall@5 and MRR per language over
the queries that have an answer, and junk: no-answer queries (``expect: []``) that showed
anything.

The queries are run by the real engine; ``run`` takes a function that gives the result URLs of
a query (in Chromium for the tests and the benchmark)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from helsesider.site.urls import page_url


@dataclass
class Query:
    lang: str
    text: str
    kind: str
    expect: list[str]  # article paths inside the language folder


@dataclass
class Outcome:
    query: Query
    urls: list[str]
    rank: int | None  # 1-based rank of the first expected article, None when not in the results


def load_queries(path: Path) -> list[Query]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [
        Query(lang, str(item["q"]), item["kind"], list(item["expect"]))
        for lang, items in data.items()
        for item in items
    ]


def judge(query: Query, urls: list[str]) -> Outcome:
    wanted = {page_url(query.lang, rel) for rel in query.expect}
    rank = next((i + 1 for i, url in enumerate(urls) if url in wanted), None)
    return Outcome(query, urls, rank)


def summary(outcomes: list[Outcome]) -> dict[str, dict[str, float]]:
    """Per language: queries, recall@1, recall@5, MRR (over the queries with an answer), whether
    every exact title came first, and no-answer queries with and without junk."""
    out = {}
    for lang in sorted({o.query.lang for o in outcomes}):
        every = [o for o in outcomes if o.query.lang == lang]
        mine = [o for o in every if o.query.expect]
        empty = [o for o in every if not o.query.expect]
        n = max(len(mine), 1)
        out[lang] = {
            "queries": len(every),
            "no_answer": len(empty),
            "junk": sum(1 for o in empty if o.urls),
            "recall@1": sum(1 for o in mine if o.rank == 1) / n,
            "recall@5": sum(1 for o in mine if o.rank and o.rank <= 5) / n,
            "mrr": sum(1 / o.rank for o in mine if o.rank) / n,
            "exact_first": all(o.rank == 1 for o in mine if o.query.kind == "exact"),
        }
    return out
