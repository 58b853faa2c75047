"""Pages that exist only in the build, written as Markdown so any generator can render them."""

from __future__ import annotations

import posixpath

from .corpus import Corpus
from .texts import text

PROVIDERS_DIR = "samarbeidspartnere"


def provider_page_rel(provider_id: str) -> str:
    return f"{PROVIDERS_DIR}/{provider_id}.md"


def escape_markdown(value: str) -> str:
    """Escape text so Markdown shows it literally (titles come from partners)."""
    out = []
    for ch in value:
        if ch in "\\`*_{}[]()#+-.!<>&":
            out.append("&#" + str(ord(ch)) + ";" if ch in "<>&" else "\\" + ch)
        else:
            out.append(ch)
    return "".join(out)


def link_from(page_rel: str, target_rel: str) -> str:
    """A relative Markdown link from one source file to another, as MkDocs resolves them."""
    return posixpath.relpath(target_rel, posixpath.dirname(page_rel) or ".")


def front_matter(title: str, description: str) -> str:
    import json

    # JSON strings are valid YAML scalars, so any title is safe here
    return f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\ndescription: {json.dumps(description, ensure_ascii=False)}\n---\n\n"


def provider_page(corpus: Corpus, lang: str, provider_id: str, sort_key) -> str:
    """The page of one provider in one language: who they are and the articles they supplied."""
    provider = corpus.providers[provider_id]
    name = provider.name_in(lang)
    page_rel = provider_page_rel(provider_id)
    lines = [
        front_matter(name, text(lang, "provider_page_intro", name=name)),
        escape_markdown(text(lang, "provider_page_intro", name=name)),
        "",
        f"[{escape_markdown(text(lang, 'provider_website', name=name))}]({provider.url})",
        "",
        f"## {escape_markdown(text(lang, 'provider_articles', name=name))}",
        "",
    ]
    articles = sorted(corpus.by_provider(lang, provider_id), key=lambda a: sort_key(a.title))
    if not articles:
        lines.append(escape_markdown(text(lang, "provider_no_articles", name=name)))
    for article in articles:
        link = link_from(page_rel, article.rel)
        lines.append(f"- [{escape_markdown(article.title)}]({link}): {escape_markdown(article.description)}")
    return "\n".join(lines) + "\n"


def providers_index_page(corpus: Corpus, lang: str, sort_key) -> str:
    """The list of all providers in one language."""
    page_rel = f"{PROVIDERS_DIR}/index.md"
    lines = [front_matter(text(lang, "providers_title"), text(lang, "providers_intro")), escape_markdown(text(lang, "providers_intro")), ""]
    for provider in sorted(corpus.providers.values(), key=lambda p: sort_key(p.name_in(lang))):
        link = link_from(page_rel, provider_page_rel(provider.id))
        lines.append(f"- [{escape_markdown(provider.name_in(lang))}]({link})")
    return "\n".join(lines) + "\n"


def generated_pages(corpus: Corpus, lang: str, sort_key) -> dict[str, str]:
    """Every build-only page of one language: relative path inside the language -> Markdown."""
    pages = {}
    for rel in sorted(generated_rels(corpus)):
        if rel == f"{PROVIDERS_DIR}/index.md":
            pages[rel] = providers_index_page(corpus, lang, sort_key)
        else:
            pages[rel] = provider_page(corpus, lang, rel[len(PROVIDERS_DIR) + 1 : -3], sort_key)
    return pages


def generated_rels(corpus: Corpus) -> set[str]:
    """The paths of the build-only pages; they exist in every language."""
    return {f"{PROVIDERS_DIR}/index.md", *(provider_page_rel(pid) for pid in corpus.providers)}
