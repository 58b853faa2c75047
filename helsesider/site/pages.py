"""Pages that exist only in the build, written as Markdown so any generator can render them:
the provider pages, the topic pages and the A–Å index of each language."""

from __future__ import annotations

from helsesider import LANGUAGES
from helsesider.content.corpus import Corpus
from helsesider.content.model import Article
from helsesider.site import routes
from helsesider.site.collation import ALPHABETS, OTHER_GROUP, initial, sort_key
from helsesider.site.local_view import local_pages
from helsesider.site.markup import render
from helsesider.site.page_text import LEAD, escape_markdown, front_matter, lead, link_from
from helsesider.site.routes import (
    A11Y_REL,
    AZ_REL,
    LOOKUP_REL,
    OFFLINE_REL,
    PROVIDERS_DIR,
    PROVIDERS_INDEX,
    SERVICES_DIR,
    provider_page_rel,
    topic_page_rel,
)
from helsesider.site.services import service_pages
from helsesider.site.texts import accessibility_statement, text
from helsesider.site.urls import page_url, relative_href

__all__ = [
    "A11Y_REL",
    "AZ_REL",
    "LEAD",
    "PROVIDERS_DIR",
    "PROVIDERS_INDEX",
    "escape_markdown",
    "front_matter",
    "lead",
    "link_from",
]


def href(lang: str, page_rel: str, target_rel: str, directory_urls: bool) -> str:
    """The link from one page of `lang` to another, as the built site has them."""
    return relative_href(page_url(lang, page_rel, directory_urls), page_url(lang, target_rel, directory_urls))


def _article_list(page_rel: str, articles: list[Article], lang: str, directory_urls: bool) -> str:
    """Articles as an HTML list (links resolved here: thousands of them on one page)."""
    ordered = sorted(articles, key=lambda a: sort_key(a.title, lang))
    items = [
        {"href": href(lang, page_rel, a.rel, directory_urls), "title": a.title, "description": a.description}
        for a in ordered
    ]
    return render("partials/rows.html", items=items) if items else ""


def provider_page(corpus: Corpus, lang: str, provider_id: str, directory_urls: bool = True) -> str:
    """The page of one provider in one language: who they are and the articles they supplied."""
    provider = corpus.providers[provider_id]
    name = provider.name_in(lang)
    intro = text(lang, "provider_page_intro", name=name)
    lines = [
        front_matter(name, intro, searchable=False),
        lead(intro),
        "",
        f"[{escape_markdown(text(lang, 'provider_website', name=name))}]({provider.url})",
        "",
        f"## {escape_markdown(text(lang, 'provider_articles', name=name))}",
        "",
    ]
    articles = corpus.by_provider(lang, provider_id)
    lines.append(
        _article_list(provider_page_rel(provider_id), articles, lang, directory_urls)
        or escape_markdown(text(lang, "provider_no_articles", name=name))
    )
    return "\n".join(lines) + "\n"


def providers_index_page(corpus: Corpus, lang: str) -> str:
    """The list of all providers in one language."""
    intro = text(lang, "providers_intro")
    lines = [front_matter(text(lang, "providers_title"), intro), lead(intro), ""]
    for provider in sorted(corpus.providers.values(), key=lambda p: sort_key(p.name_in(lang), lang)):
        lines.append(
            f"- [{escape_markdown(provider.name_in(lang))}]({link_from(PROVIDERS_INDEX, provider_page_rel(provider.id))})"
        )
    return "\n".join(lines) + "\n"


def topic_page(corpus: Corpus, lang: str, topic: str, directory_urls: bool = True) -> str:
    """A topic's landing page: its description and every article in it (at any depth)."""
    title = corpus.topic_title(topic, lang)
    description = corpus.topic_description(topic, lang)
    lines = [front_matter(title, description or title)]
    if description:
        lines += [lead(description), ""]
    lines.append(_article_list(topic_page_rel(topic), corpus.by_topic(lang, topic), lang, directory_urls))
    return "\n".join(lines) + "\n"


def anchor(group: str) -> str:
    """The id of a letter group on the A–Å page (ASCII, stable)."""
    names = {"æ": "ae", "ø": "oe", "å": "aa", OTHER_GROUP: "0-9"}
    return "bokstav-" + names.get(group.lower(), group.lower())


def az_entries(corpus: Corpus, lang: str) -> list[tuple[str, str, Article]]:
    """(group, label, article) for every article and alias in `lang`, in dictionary order."""
    see = text(lang, "az_see")
    entries = []
    for article in corpus.articles[lang].values():
        entries.append((article.title, article))
        entries += [(f"{alias} – {see} {article.title}", article) for alias in article.aliases]
    entries.sort(key=lambda entry: sort_key(entry[0], lang))
    return [(initial(label, lang), label, article) for label, article in entries]


def az_page(corpus: Corpus, lang: str, directory_urls: bool = True) -> str:
    """The A–Å index: a letter bar with every letter, then one group per letter with entries."""
    page_rel = AZ_REL[lang]
    entries = az_entries(corpus, lang)
    groups: dict[str, list[tuple[str, Article]]] = {}
    for group, label, article in entries:
        groups.setdefault(group, []).append((label, article))
    letters = ([OTHER_GROUP] if OTHER_GROUP in groups else []) + [ch.upper() for ch in ALPHABETS[lang]]

    def shown(letter: str) -> str:
        return text(lang, "az_other") if letter == OTHER_GROUP else letter

    bar = render(
        "partials/az-bar.html",
        label=text(lang, "az_letters"),
        empty=text(lang, "az_empty"),
        letters=[{"shown": shown(letter), "anchor": anchor(letter) if letter in groups else ""} for letter in letters],
    )
    lines = [
        front_matter(text(lang, "az_title"), text(lang, "az_description"), hide=("toc",), searchable=False),
        lead(text(lang, "az_description")),
        "",
        bar,
        "",
    ]
    for letter in letters:
        if letter not in groups:
            continue
        items = [
            {"href": href(lang, page_rel, article.rel, directory_urls), "label": label}
            for label, article in groups[letter]
        ]
        lines += [
            f"## {shown(letter)} {{#{anchor(letter)} .hs-az__letter}}",
            "",
            render("partials/link-list.html", cls="hs-az__entries", items=items),
            "",
        ]
    return "\n".join(lines)


def lookup_page(lang: str) -> str:
    """The code lookup page (its form and answers: partials/lookup.html, hs-lookup.js)."""
    return (
        front_matter(text(lang, "lookup_title"), text(lang, "lookup_description"), searchable=False)
        + lead(text(lang, "lookup_description"))
        + "\n"
    )


def offline_page(lang: str) -> str:
    """What a citizen's phone shows, with no network, for a page it has not stored (hs-sw.js):
    the emergency numbers and the stored pages (partials/offline.html, hs-site.js)."""
    return (
        front_matter(text(lang, "offline_title"), text(lang, "offline_description"), searchable=False)
        + lead(text(lang, "offline_description"))
        + "\n"
    )


def accessibility_page(lang: str) -> str:
    """The accessibility statement (data/languages/<code>/accessibility.md)."""
    return front_matter(text(lang, "a11y_title"), text(lang, "a11y_description")) + accessibility_statement(lang)


def generated_rels(corpus: Corpus, lang: str) -> set[str]:
    """The paths (inside the language folder) of the build-only pages of `lang`."""
    return routes.generated_rels(
        lang, corpus.providers, corpus.topic_ids(lang), corpus.services, corpus.local.placed(lang)
    )


def generated_pages(corpus: Corpus, lang: str, directory_urls: bool = True) -> dict[str, str]:
    """Every build-only page of one language: path inside the language folder -> Markdown."""
    pages = {
        PROVIDERS_INDEX: providers_index_page(corpus, lang),
        AZ_REL[lang]: az_page(corpus, lang, directory_urls),
        A11Y_REL[lang]: accessibility_page(lang),
        LOOKUP_REL[lang]: lookup_page(lang),
        OFFLINE_REL[lang]: offline_page(lang),
    }
    for provider_id in corpus.providers:
        pages[provider_page_rel(provider_id)] = provider_page(corpus, lang, provider_id, directory_urls)
    for topic in corpus.topic_ids(lang):
        pages[topic_page_rel(topic)] = topic_page(corpus, lang, topic, directory_urls)
    pages.update(service_pages(corpus, lang, directory_urls))
    pages.update(local_pages(corpus, lang, directory_urls))
    return pages


def equivalent_rel(rel: str, from_lang: str, to_lang: str) -> str:
    """The path of the same page in another language (they differ for the A–Å page and the
    services' folder)."""
    for names in (AZ_REL, A11Y_REL, LOOKUP_REL, OFFLINE_REL):
        if rel == names[from_lang]:
            return names[to_lang]
    folder, _, rest = rel.partition("/")
    if rest and folder == SERVICES_DIR[from_lang]:
        return f"{SERVICES_DIR[to_lang]}/{rest}"
    return rel


def page_in_languages(corpus: Corpus, lang: str, rel: str) -> dict[str, str]:
    """The page at `rel` of `lang` in every language it exists in: language -> its path there."""
    found = {}
    for other in LANGUAGES:
        target = equivalent_rel(rel, lang, other)
        if target in existing_rels(corpus, other):
            found[other] = target
    return found


def existing_rels(corpus: Corpus, lang: str) -> frozenset[str]:
    """Every page of `lang`: articles, the front page and the build-only pages (computed once)."""
    if lang in corpus.listed:
        return corpus.memo(("rels", lang), lambda: frozenset(corpus.listed[lang] | generated_rels(corpus, lang)))
    return corpus.memo(
        ("rels", lang),
        lambda: frozenset(set(corpus.articles[lang]) | set(corpus.pages[lang]) | generated_rels(corpus, lang)),
    )


def topic_cards(corpus: Corpus, lang: str) -> list[dict]:
    """The topics of `lang` in title order: title, description and path (for the front page)."""
    return [
        {
            "title": corpus.topic_title(t, lang),
            "description": corpus.topic_description(t, lang),
            "rel": topic_page_rel(t),
            "count": len(corpus.by_topic(lang, t)),
        }
        for t in sorted(corpus.topic_ids(lang), key=lambda t: sort_key(corpus.topic_title(t, lang), lang))
    ]
