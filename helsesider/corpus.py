"""The corpus: every article and page of every language, validated together.

``load_corpus`` is what a build, the check and the tests call. It reads each file once and keeps
the result while no file has changed, so three language builds (and ``mkdocs serve`` rebuilds)
validate the content once.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from . import LANGUAGES
from .findings import Finding, error
from .model import Article, Page, read_article
from .registry import Provider, load_providers
from .settings import Settings


@dataclass
class Corpus:
    root: Path
    providers: dict[str, Provider]
    articles: dict[str, dict[str, Article]] = field(default_factory=lambda: {lang: {} for lang in LANGUAGES})
    pages: dict[str, dict[str, Page]] = field(default_factory=lambda: {lang: {} for lang in LANGUAGES})
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.is_error]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if not f.is_error]

    def article(self, lang: str, rel: str) -> Article | None:
        return self.articles[lang].get(rel)

    def translations(self, rel: str) -> dict[str, Article]:
        """The article at `rel` in every language it exists in."""
        return {lang: self.articles[lang][rel] for lang in LANGUAGES if rel in self.articles[lang]}

    def by_provider(self, lang: str, provider: str) -> list[Article]:
        return [a for a in self.articles[lang].values() if a.provider == provider]


def markdown_files(docs_dir: Path) -> list[Path]:
    """Every Markdown file under docs_dir, in a stable order."""
    found = []
    for folder, dirs, files in os.walk(docs_dir):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found += [Path(folder) / name for name in sorted(files) if name.endswith(".md")]
    return found


def _snapshot(paths: list[Path], extra: list[Path]) -> tuple:
    stats = []
    for path in [*paths, *extra]:
        try:
            st = path.stat()
            stats.append((str(path), st.st_mtime_ns, st.st_size))
        except OSError:
            stats.append((str(path), None, None))
    return tuple(stats)


_cache: dict[tuple, Corpus] = {}


def load_corpus(root: Path, settings: Settings, only: list[Path] | None = None) -> Corpus:
    """Validate the content under root/docs against root/data/providers.yml.

    With `only`, just those files are validated (the rest of the corpus is not read).
    """
    root = Path(root).resolve()
    docs_dir = root / "docs"
    providers_path = root / "data" / "providers.yml"
    paths = [Path(p).resolve() for p in only] if only is not None else markdown_files(docs_dir)
    key = (str(root), settings, _snapshot(paths, [providers_path]))
    if key in _cache:
        return _cache[key]
    providers, findings = load_providers(providers_path, _display(root, providers_path))
    corpus = Corpus(root=root, providers=providers, findings=list(findings))
    for path in paths:
        _read_one(corpus, docs_dir, path, settings)
    corpus.findings.sort()
    _cache.clear()
    _cache[key] = corpus
    return corpus


def _display(root: Path, path: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def _read_one(corpus: Corpus, docs_dir: Path, path: Path, settings: Settings) -> None:
    shown = _display(corpus.root, path)
    try:
        parts = path.relative_to(docs_dir).parts
    except ValueError:
        corpus.findings.append(error(shown, 1, "content files must be under docs/nb, docs/nn or docs/en"))
        return
    if len(parts) < 2 or parts[0] not in LANGUAGES:
        corpus.findings.append(error(shown, 1, "content files must be under docs/nb, docs/nn or docs/en"))
        return
    lang, rel = parts[0], "/".join(parts[1:])
    try:
        data = path.read_bytes()
    except OSError as exc:
        corpus.findings.append(error(shown, 1, f"cannot read the file: {exc.strerror}"))
        return
    item, findings = read_article(shown, data, lang, rel, corpus.providers, settings)
    corpus.findings += findings
    if isinstance(item, Article):
        corpus.articles[lang][rel] = item
    elif isinstance(item, Page):
        corpus.pages[lang][rel] = item
