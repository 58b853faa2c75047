"""Markdown for the pages the build writes: front-matter, escaped text, links between source
files and lead paragraphs. Used by the generated pages and the service pages."""

from __future__ import annotations

import json
import posixpath


def escape_markdown(value: str) -> str:
    """Escape text so Markdown shows it literally (titles come from partners)."""
    out = []
    for ch in value:
        if ch in "<>&":
            out.append(f"&#{ord(ch)};")
        elif ch in "\\`*_{}[]()#+-.!":
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out)


def link_from(page_rel: str, target_rel: str) -> str:
    """A relative Markdown link from one source file to another, as MkDocs resolves them."""
    return posixpath.relpath(target_rel, posixpath.dirname(page_rel) or ".")


LEAD = "{: .hs-lead }"


def lead(text_: str) -> str:
    """A paragraph shown as the page's lead (larger, under the title)."""
    return f"{escape_markdown(text_)}\n{LEAD}"


def front_matter(title: str, description: str, hide: tuple[str, ...] = (), searchable: bool = True) -> str:
    # JSON strings are valid YAML scalars, so any title is safe here
    lines = [
        "---",
        f"title: {json.dumps(title, ensure_ascii=False)}",
        f"description: {json.dumps(description, ensure_ascii=False)}",
    ]
    if hide:
        lines.append("hide: [" + ", ".join(hide) + "]")
    if not searchable:  # lists of other pages' titles would only add noise to search results
        lines.append("search: {exclude: true}")
    return "\n".join(lines + ["---", "", ""])
