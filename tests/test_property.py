"""Property tests: whatever a partner's file holds, validation returns findings, never raises."""

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from helsesider.content.model import Article, Page, read_article
from helsesider.content.registry import Provider
from helsesider.gate.findings import Finding
from helsesider.settings import Settings

PROVIDERS = {"p": Provider("p", {"nb": "P", "nn": "P", "en": "P"}, "https://p.example.org/")}
SETTINGS = Settings(today=dt.date(2026, 11, 22))
KEYS = ["title", "description", "provider", "reviewer", "reviewed", "next_review", "aliases", "reviwer", "x"]


def assert_clean(item, findings):
    assert item is None or isinstance(item, (Article, Page))
    assert all(isinstance(f, Finding) and f.line >= 1 and f.col >= 1 and f.message for f in findings)
    if item is None:
        assert any(f.is_error for f in findings)


@settings(max_examples=400, deadline=None)
@given(st.binary(max_size=2000))
def test_arbitrary_bytes(data):
    assert_clean(*read_article("docs/nb/x.md", data, "nb", "x.md", PROVIDERS, SETTINGS))


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=2000))
def test_arbitrary_text_after_a_fence(text):
    assert_clean(
        *read_article(
            "docs/nb/x.md", ("---\n" + text).encode("utf-8", "surrogatepass"), "nb", "x.md", PROVIDERS, SETTINGS
        )
    )


yaml_scalar = st.one_of(
    st.text(max_size=40),
    st.integers(),
    st.booleans(),
    st.none(),
    st.dates().map(str),
    st.sampled_from(["2026-02-30", "[a", "{", "&a x", "*a", "!!python/name:os.system", "- a", "'", '"', "|", ">"]),
)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(KEYS), yaml_scalar), max_size=10), st.text(max_size=200))
def test_front_matter_like_input(pairs, body):
    lines = ["---"] + [f"{key}: {value}" for key, value in pairs] + ["---", body]
    assert_clean(
        *read_article(
            "docs/nb/x.md", "\n".join(lines).encode("utf-8", "surrogatepass"), "nb", "x.md", PROVIDERS, SETTINGS
        )
    )
