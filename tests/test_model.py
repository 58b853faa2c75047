"""The article model, validated without MkDocs."""

import datetime as dt

from conftest import article
from helsesider.content.model import Article, Page, read_article
from helsesider.content.registry import Provider
from helsesider.settings import Settings

P = "docs/nb/fastlege.md"
PROVIDERS = {
    "eksempel-helseetat": Provider("eksempel-helseetat", {"nb": "A", "nn": "B", "en": "C"}, "https://a.example.org/")
}
TODAY = dt.date(2026, 11, 22)
SETTINGS = Settings(review_years=3, today=TODAY)


def check(text: str, rel="fastlege.md"):
    item, findings = read_article(P, text.encode(), "nb", rel, PROVIDERS, SETTINGS)
    return item, [str(f) for f in findings]


def test_valid_article_gets_default_next_review():
    item, findings = check(article(extra="aliases:\n  - Allmennlege\n  - Lege"))
    assert findings == []
    assert isinstance(item, Article)
    assert item.next_review == dt.date(2029, 3, 3)
    assert item.aliases == ("Allmennlege", "Lege")
    assert (item.reviewer_name, item.reviewer_role) == ("Kari Eksempel", "lege")


def test_review_interval_is_configurable():
    item, _ = read_article(P, article().encode(), "nb", "fastlege.md", PROVIDERS, Settings(review_years=2, today=TODAY))
    assert item.next_review == dt.date(2028, 3, 3)


def test_leap_day_default_next_review():
    item, _ = check(article(reviewed="2024-02-29"))
    assert item.next_review == dt.date(2027, 2, 28)


def test_unknown_key_suggests_the_right_one():
    _, findings = check(article(extra="provder: eksempel-kommune"))
    assert f"{P}:7:1: error: unknown key 'provder' (did you mean 'provider'?)" in findings


def test_a_misspelt_required_key_is_one_finding_at_its_line():
    """Issue 29: 'descripton' gave two errors, the unknown key and a missing description at
    line 1; it is one mistake, at the line the partner wrote."""
    _, findings = check(article(reviewer=None, extra="reviwer: Kari Eksempel, lege"))
    assert findings == [f"{P}:6:1: error: unknown key 'reviwer': did you mean 'reviewer'? ('reviewer' is required)"]


def test_every_problem_of_a_file_is_reported_at_once():
    item, findings = check(
        article(title="yes", description="", provider="ukjent", reviewer="Kari", reviewed="2026-02-30")
    )
    assert item is None
    assert findings == [
        f"{P}:2:1: error: title: must be text, got a yes/no value (put the text in quotes)",
        f"{P}:3:1: error: description: must be text, got nothing (put the text in quotes)",
        f"{P}:4:1: error: provider: unknown provider 'ukjent'; add it to data/providers.yml (CONTRIBUTING.md, 'Ny samarbeidspartner')",
        f"{P}:5:1: error: reviewer: write the name and the role, separated by a comma, e.g. 'Ola Eksempel, lege'",
        f"{P}:6:1: error: reviewed: '2026-02-30' is not a real date",
    ]


def test_future_review_date_is_an_error():
    assert check(article(reviewed="2026-12-01"))[1] == [f"{P}:6:1: error: reviewed: 2026-12-01 is in the future"]


def test_next_review_must_follow_reviewed():
    assert check(article(extra="next_review: 2026-01-01"))[1] == [
        f"{P}:7:1: error: next_review: 2026-01-01 must be after reviewed (2026-03-03)"
    ]


def test_overdue_review_is_a_warning_and_the_article_is_kept():
    item, findings = check(article(reviewed="2022-01-10"))
    assert isinstance(item, Article)
    assert findings == [
        f"{P}:6:1: warning: next_review: the review was due 2025-01-10; the article needs a new professional review"
    ]


def test_dates_must_be_iso():
    assert check(article(reviewed="03.03.2026"))[1] == [
        f"{P}:6:1: error: reviewed: '03.03.2026' is not a date written as YYYY-MM-DD"
    ]
    assert check(article(reviewed="20260303"))[1] == [
        f"{P}:6:1: error: reviewed: must be a date written as YYYY-MM-DD, got the number 20260303"
    ]


def test_description_limits():
    long = "a" * 201
    assert check(article(description=long))[1] == [f"{P}:3:1: error: description: 201 characters; at most 200"]
    assert check(article(description="Se <b>dette</b>."))[1] == [
        f"{P}:3:1: error: description: must be plain text, without HTML or Markdown"
    ]


def test_aliases_must_be_a_list_of_names_with_item_lines():
    assert check(article(extra="aliases: Allmennlege"))[1] == [
        f"{P}:7:1: error: aliases: must be a list, one name per line starting with '- '"
    ]
    assert check(article(extra="aliases:\n  - Lege\n  - 12\n  - lege"))[1] == [
        f"{P}:9:5: error: aliases: item 2 must be a non-empty name, got the number 12",
        f"{P}:10:5: error: aliases: 'lege' is listed twice",
    ]


def test_front_page_is_a_page_not_an_article():
    item, findings = check("---\ntitle: Forside\ndescription: Velkommen.\n---\n\nHei\n", rel="index.md")
    assert findings == [] and isinstance(item, Page)
    _, findings = check("---\ntitle: Forside\ndescription: Velkommen.\nprovider: x\n---\n", rel="index.md")
    assert findings == [f"{P}:4:1: error: unknown key 'provider'; allowed keys: title, description"]
