"""Where the build-only pages live: the paths (inside a language folder) of the provider pages,
topic pages, A–Å index, accessibility statement and service pages. Knows no content, so the
corpus can ask which paths the build writes without importing the pages that fill them.
"""

from __future__ import annotations

from collections.abc import Iterable

from helsesider.locales import PerLanguage

PROVIDERS_DIR = "samarbeidspartnere"
PROVIDERS_INDEX = f"{PROVIDERS_DIR}/index.md"
# per language: ``paths`` in data/languages/<code>/language.yml
AZ_REL = PerLanguage(lambda language: language.paths["az"])
A11Y_REL = PerLanguage(lambda language: language.paths["accessibility"])
SERVICES_DIR = PerLanguage(lambda language: language.paths["services"])
LOCAL_DIR = PerLanguage(lambda language: language.paths["local"])
LOOKUP_REL = PerLanguage(lambda language: language.paths["lookup"])
OFFLINE_REL = PerLanguage(lambda language: language.paths["offline"])


def provider_page_rel(provider_id: str) -> str:
    return f"{PROVIDERS_DIR}/{provider_id}.md"


def topic_page_rel(topic: str) -> str:
    return f"{topic}/index.md"


def all_services_rel(lang: str) -> str:
    return f"{SERVICES_DIR[lang]}/index.md"


def service_page_rel(lang: str, service_id: str) -> str:
    return f"{SERVICES_DIR[lang]}/{service_id}.md"


def service_rels(lang: str, service_ids: Iterable[str]) -> set[str]:
    return {all_services_rel(lang)} | {service_page_rel(lang, sid) for sid in service_ids}


def local_list_rel(lang: str, article_rel: str) -> str:
    """The page that lists the local additions to an article: lege/fastlege.md -> lege/fastlege/lokalt.md."""
    return f"{article_rel.removesuffix('.md')}/{LOCAL_DIR[lang]}.md"


def addition_page_rel(lang: str, article_rel: str, region: str) -> str:
    """A local addition's own page: lege/fastlege.md, eksempel-kommune -> lege/fastlege/lokalt/eksempel-kommune.md."""
    return f"{article_rel.removesuffix('.md')}/{LOCAL_DIR[lang]}/{region}.md"


def local_rels(lang: str, placed: Iterable[tuple[str, str]]) -> set[str]:
    """The pages of the local additions (article path, region) of `lang`, and their lists."""
    found = set()
    for rel, region in placed:
        found |= {addition_page_rel(lang, rel, region), local_list_rel(lang, rel)}
    return found


def generated_rels(
    lang: str,
    provider_ids: Iterable[str],
    topics: Iterable[str],
    service_ids: Iterable[str],
    placed: Iterable[tuple[str, str]] = (),
) -> set[str]:
    """The paths (inside the language folder) of the build-only pages of `lang`; `placed`: the
    local additions there, as (article path, region)."""
    return (
        {PROVIDERS_INDEX, AZ_REL[lang], A11Y_REL[lang], LOOKUP_REL[lang], OFFLINE_REL[lang]}
        | {provider_page_rel(pid) for pid in provider_ids}
        | {topic_page_rel(topic) for topic in topics}
        | service_rels(lang, service_ids)
        | local_rels(lang, placed)
    )
