"""What a pull request changes of the site's policy, named for the reviewer (``make check
CHANGED=1``): a notice per change, at its line, shown on the pull request's diff like the other
findings (``::notice``) and never failing the check. An article's reviewer reads articles; a
change to what every article may do (the link allowlist, a provider's website, a logged-in
service's address, the interface texts, the alarm signs of search, the code) must not pass as a
content change.

- ``data/site.yml``: each setting added, removed or changed, the link allowlist host by host
  ("adds fjellvik.kommune.no to the link allowlist").
- ``data/providers.yml`` and ``data/services.yml``: each entry added or removed, each website or
  address changed (a provider's website is allowed in its articles).
- every other changed file outside ``docs/``: one notice naming what it is (the inventory of
  inputs, ``gate/inputs.py``, says who may change it) — a language's texts, search data, code,
  templates, workflows.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from helsesider import yamlfile
from helsesider.gate.changes import base_revision, changed_files, git
from helsesider.gate.findings import Finding, notice
from helsesider.gate.html_policy import host_of
from helsesider.gate.inputs import entry_for

SITE, PROVIDERS, SERVICES = "data/site.yml", "data/providers.yml", "data/services.yml"


def _yaml_at(root: Path, base: str, rel: str) -> dict:
    """The file's YAML at the base revision ({} when it was not there or is not a mapping)."""
    shown = git(root, "show", f"{base}:{rel}")
    return _mapping(shown.stdout.decode("utf-8", "replace")) if shown is not None and shown.returncode == 0 else {}


def _mapping(text: str) -> dict:
    try:
        value = yaml.safe_load(text)
    except yaml.YAMLError:
        return {}
    return value if isinstance(value, dict) else {}


def _lines(text: str) -> dict[str, int]:
    """The line of each top-level key (1 when the file cannot be read)."""
    try:
        node = yamlfile.compose(text)
    except yaml.YAMLError:
        return {}
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {str(k.value): k.start_mark.line + 1 for k, _ in node.value}


def _hosts(values: object) -> set[str]:
    return {str(h).lower() for h in values} if isinstance(values, list) else set()


def site_changes(old: dict, new: dict, lines: dict[str, int]) -> list[Finding]:
    """The settings a change adds, removes or changes; the link allowlist host by host."""
    found = []
    for key in sorted(set(old) | set(new)):
        line = lines.get(key, 1)
        if key == "external_hosts":
            added, removed = _hosts(new.get(key)) - _hosts(old.get(key)), _hosts(old.get(key)) - _hosts(new.get(key))
            found += [
                notice(SITE, line, f"adds {host} to the link allowlist (external_hosts)") for host in sorted(added)
            ]
            found += [notice(SITE, line, f"removes {host} from the link allowlist") for host in sorted(removed)]
        elif key not in old:
            found.append(notice(SITE, line, f"adds the setting {key}: {new[key]!r}"))
        elif key not in new:
            found.append(notice(SITE, 1, f"removes the setting {key} (it was {old[key]!r}; the default applies)"))
        elif old[key] != new[key]:
            found.append(notice(SITE, line, f"changes {key} from {old[key]!r} to {new[key]!r}"))
    return found


def registry_changes(rel: str, what: str, address: str, old: dict, new: dict, lines: dict[str, int]) -> list[Finding]:
    """Entries added or removed, and each entry's `address` (url) changed."""
    found = []
    for eid in sorted(set(old) | set(new)):
        before, after = old.get(eid), new.get(eid)
        url = after.get(address) if isinstance(after, dict) else None
        if before is None:
            where = f" ({host_of(str(url))})" if url and host_of(str(url)) else ""
            found.append(notice(rel, lines.get(eid, 1), f"adds the {what} '{eid}'{where}"))
        elif after is None:
            found.append(notice(rel, 1, f"removes the {what} '{eid}'"))
        elif isinstance(before, dict) and before.get(address) != url:
            found.append(notice(rel, lines.get(eid, 1), f"changes the {what} '{eid}' {address} to {url}"))
    return found


# What a changed file is, for the notice (the first pattern that matches)
WHAT = (
    (
        r"data/languages/(\w+)/texts\.yml",
        "the interface texts in '{0}' (every page shows them, the emergency texts too)",
    ),
    (r"data/languages/(\w+)/accessibility\.md", "the accessibility statement in '{0}'"),
    (r"data/languages/(\w+)/", "the language data of '{0}'"),
    (r"data/search/alarms\.yml", "the alarm signs of search (which queries show 113 and the helplines)"),
    (r"data/search/lay\.yml", "what search takes lay words to mean"),
    (r"data/search/", "how search reads words"),
    (r"data/topics\.yml", "the topics' names and descriptions"),
    (r"data/synonyms\.yml", "the synonyms of search"),
    (r"data/redirects\.yml", "the redirects of moved articles"),
    (r"data/regions\.yml", "the regions that write local additions"),
    (r"data/glossary/(\w+)\.yml", "the glossary in '{0}' (the words explained in articles)"),
    (r"\.github/", "the pull-request checks, deploy or review rules"),
    (r"(helsesider|hooks|overrides|tools|tests)/", "the code, templates or tests"),
)


def _described(rel: str) -> str:
    for pattern, what in WHAT:
        found = re.match(pattern, rel)
        if found:
            thing = what.format(*found.groups())
            break
    else:
        thing = "the set-up (not content)"
    entry = entry_for(rel)
    who = "a partner may change it" if entry is not None and entry.who == "partner" else "a maintainer reviews it"
    return f"changes {thing}: {rel} ({who})"


def policy_changes(root: Path, requested_base: str | None) -> list[Finding]:
    """A notice for each change of policy since the base revision ([] without one)."""
    base = base_revision(root, requested_base)
    found = changed_files(root, base) if base else None
    if found is None or base is None:
        return []
    changed, removed = found
    notices: list[Finding] = []
    for rel in sorted(changed | removed):
        if rel.startswith(("docs/", "local/")):  # content, reviewed as content
            continue
        text = (root / rel).read_text(encoding="utf-8", errors="replace") if (root / rel).is_file() else ""
        if rel == SITE:
            notices += site_changes(_yaml_at(root, base, rel), _mapping(text), _lines(text))
        elif rel in (PROVIDERS, SERVICES):
            what = "provider" if rel == PROVIDERS else "service"
            notices += registry_changes(rel, what, "url", _yaml_at(root, base, rel), _mapping(text), _lines(text))
        elif rel in removed:
            notices.append(notice(rel, 1, f"removes {rel}"))
        else:
            notices.append(notice(rel, 1, _described(rel)))
    return notices
