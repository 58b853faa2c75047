"""Incremental builds (helsesider/publish/incremental.py, hooks/incremental.py): after random
edits of the sample site, what `make build` writes with its cache is byte for byte what a clean
build writes, and the cache was used (unchanged pages are the cached files, linked)."""

from __future__ import annotations

import filecmp
import os
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from helsesider import LANGUAGES
from helsesider.publish import incremental

ROOT = Path(__file__).resolve().parent.parent
ENV = {"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", "HELSESIDER_MESSAGES": "en"}

pytestmark = pytest.mark.slow


def build(project: Path, site: Path, cache: Path | None, *flags: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "helsesider.publish.build", "--root", str(project), "--site-dir", str(site)]
    if cache is not None:
        command += ["--cache", str(cache), *flags]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=ENV)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    return result


def differences(left: Path, right: Path) -> list[str]:
    """Every file that is not the same, byte for byte, in both trees."""
    found = []

    def walk(compared: filecmp.dircmp, prefix: str) -> None:
        found.extend(f"only in {left.name}: {prefix}{name}" for name in compared.left_only)
        found.extend(f"only in {right.name}: {prefix}{name}" for name in compared.right_only)
        _, mismatch, errors = filecmp.cmpfiles(compared.left, compared.right, compared.common_files, shallow=False)
        found.extend(f"differs: {prefix}{name}" for name in mismatch + errors)
        for name, sub in compared.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(left, right), "")
    return found


def linked_pages(site: Path) -> int:
    """Pages that are files of the cache (hard links): the pages an incremental build kept."""
    return sum(1 for page in site.rglob("*.html") if page.stat().st_nlink > 2)


@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of the sample site: its configuration, templates, hooks, data and articles."""
    out = tmp_path / "project"
    out.mkdir()
    for name in ("mkdocs.yml", "overrides", "hooks", "data", "docs", "local"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, out / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            shutil.copy(source, out / name)
    return out


def articles(project: Path, lang: str) -> list[Path]:
    return sorted(p for p in (project / "docs" / lang).rglob("*.md") if p.name != "index.md")


def referenced(project: Path, path: Path) -> bool:
    """Whether any file names the article (links, redirects, the front page's list, a local
    addition to it)."""
    name = path.stem
    return any(
        name in other.read_text(encoding="utf-8") or (folder == "local" and name == other.stem)
        for folder in ("docs", "data", "local")
        for other in (project / folder).rglob("*")
        if other.is_file() and other.suffix in (".md", ".yml") and other != path
    )


def set_field(path: Path, key: str, value: str) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(rf"(?m)^{key}: .*$", f"{key}: {value}", text, count=1), encoding="utf-8")


# The edits a partner makes, each a function of (project, random) that says what it did.
def edit_body(project: Path, rng: random.Random) -> str:
    path = rng.choice(articles(project, rng.choice(["nb", "nn", "en"])))
    path.write_text(path.read_text(encoding="utf-8") + "\nEn setning til, lagt til i en rettelse.\n", encoding="utf-8")
    return f"body of {path.relative_to(project)}"


def edit_title(project: Path, rng: random.Random) -> str:
    path = rng.choice(articles(project, rng.choice(["nb", "nn", "en"])))
    set_field(path, "title", f"Ny tittel {rng.randrange(1000)}")
    return f"title of {path.relative_to(project)}"


def edit_description(project: Path, rng: random.Random) -> str:
    path = rng.choice(articles(project, rng.choice(["nb", "en"])))
    set_field(path, "description", "En ny ingress, skrevet om i en rettelse.")
    return f"description of {path.relative_to(project)}"


def add_article(project: Path, rng: random.Random) -> str:
    source = rng.choice(articles(project, "nb"))
    target = source.with_name(f"ny-artikkel-{rng.randrange(1000)}.md")
    text = re.sub(r"(?m)^title: .*$", f"title: Ny artikkel {target.stem}", source.read_text(encoding="utf-8"), count=1)
    text = re.sub(r"(?m)^(aliases|codes|related):(\n  .*)*\n", "", text)  # its own: no codes or aliases of another
    target.write_text(text, encoding="utf-8")
    return f"new {target.relative_to(project)}"


def remove_article(project: Path, rng: random.Random) -> str:
    candidates = [p for p in articles(project, "nb") if not referenced(project, p)]
    path = rng.choice(candidates)
    path.unlink()
    return f"removed {path.relative_to(project)}"


def add_link(project: Path, rng: random.Random) -> str:
    found = articles(project, "nb")
    source, target = rng.sample(found, 2)
    link = Path(
        *([".."] * (len(source.relative_to(project / "docs" / "nb").parts) - 1)),
        target.relative_to(project / "docs" / "nb"),
    )
    source.write_text(
        source.read_text(encoding="utf-8") + f"\nLes også [denne artikkelen]({link.as_posix()}).\n", encoding="utf-8"
    )
    return f"link from {source.relative_to(project)} to {target.relative_to(project)}"


def edit_reviewed(project: Path, rng: random.Random) -> str:
    path = rng.choice(articles(project, rng.choice(["nn", "en"])))
    set_field(path, "reviewed", "2026-11-21")
    return f"reviewed date of {path.relative_to(project)}"


def add_translation(project: Path, rng: random.Random) -> str:
    """A Sámi translation in a topic Sámi has no article in yet: a new topic page there, and the
    other languages' page of the topic gets a link to it in its language menu."""
    docs = project / "docs"
    missing = [p for p in articles(project, "nb") if not (docs / "se" / p.relative_to(docs / "nb")).parent.is_dir()]
    source = rng.choice(missing)
    target = docs / "se" / source.relative_to(docs / "nb")
    target.parent.mkdir(parents=True)
    text = source.read_text(encoding="utf-8")
    text = re.sub(r"\[([^\]]*)\]\((?![a-z]+:)[^)]*\)", r"\1", text)  # no links to what Sámi does not have
    text = re.sub(r"(?m)^related:(\n  .*)*\n", "", text)
    target.write_text(text, encoding="utf-8")
    return f"new {target.relative_to(project)}"


EDITS = (edit_body, edit_title, edit_description, add_article, remove_article, add_link, edit_reviewed, add_translation)


def test_incremental_builds_are_clean_builds_after_random_edits(project, tmp_path):
    cache, site, clean = tmp_path / "cache", tmp_path / "site", tmp_path / "clean"
    build(project, site, cache)
    build(project, tmp_path / "again", cache)  # nothing changed: every language taken whole
    assert not differences(site, tmp_path / "again")
    rng = random.Random(33)
    kinds = rng.sample(EDITS, len(EDITS))  # every kind of edit, in a random order, in two builds
    for round_number, edits in enumerate((kinds[:4], kinds[4:])):
        done = [edit(project, rng) for edit in edits]
        build(project, site, cache)
        build(project, clean, None)
        assert not differences(site, clean), (round_number, done, differences(site, clean)[:20])
        # the pages nothing reached came from the cache
        assert linked_pages(site) >= 20, (round_number, done)
        shutil.rmtree(clean)
    # what each build replaced was deleted by the next: only the last build's is left (its work
    # folder with the previous site/, and each language's previous cache)
    trash = incremental.trash_folder(cache)
    assert 1 <= len(list(trash.iterdir())) <= 1 + len(LANGUAGES), sorted(trash.glob("*/*"))
    clean_ignores_the_cache_and_a_broken_cache_is_a_full_build(project, tmp_path, cache, site)


def clean_ignores_the_cache_and_a_broken_cache_is_a_full_build(project: Path, tmp_path: Path, cache: Path,
                                                                site: Path) -> None:  # fmt: skip
    page = Path("lege", "fastlege", "index.html")
    good = (site / page).read_bytes()
    # the cache's copy of a page no edit reaches, made different (a new file: site/ keeps its own)
    cached = cache / "nb" / "site" / page
    cached.unlink()
    cached.write_bytes(b"tampered")
    other = project / "docs" / "nb" / "betaling" / "pasientreiser.md"
    other.write_text(other.read_text(encoding="utf-8") + "\nEn setning til.\n", encoding="utf-8")
    build(project, tmp_path / "incremental", cache)
    assert (tmp_path / "incremental" / page).read_bytes() == b"tampered"  # the cache is what was used
    build(project, site, cache, "--clean")
    assert (site / page).read_bytes() == good
    # a cache that cannot be read: no traceback, a full build
    for state in cache.glob("*/state.json"):
        state.write_text("{not json", encoding="utf-8")
    for records in cache.glob("*/records.pickle"):
        records.write_bytes(b"\x80\x05garbage")
    result = build(project, tmp_path / "after", cache)
    assert "Traceback" not in result.stderr
    assert (tmp_path / "after" / page).read_bytes() == good


def test_a_change_rebuilds_the_languages_that_show_it(project):
    """The default language writes every language's codes and dates; Bokmål and Nynorsk pair
    their titles' spellings; Sámi's search holds the Bokmål and English names; every language's
    menu shows which pages the others have."""
    from helsesider import locales

    locales.use(project)

    def keys_after(edit) -> set[str]:
        before = incremental.language_keys(project, "inputs")
        edit()
        after = incremental.language_keys(project, "inputs")
        return {lang for lang in LANGUAGES if before[lang] != after[lang]}

    nn_article = articles(project, "nn")[0]
    en_article = articles(project, "en")[0]
    assert keys_after(lambda: set_field(nn_article, "title", "Ny tittel")) == {"nn", "nb"}
    assert keys_after(lambda: set_field(en_article, "title", "A new title")) == {"en", "nb", "se"}
    body = lambda: nn_article.write_text(nn_article.read_text(encoding="utf-8") + "\nMeir.\n", encoding="utf-8")  # noqa: E731
    assert keys_after(body) == {"nn", "nb"}
    new = project / "docs" / "en" / "lege" / "new-page.md"
    assert keys_after(lambda: new.write_text(en_article.read_text(encoding="utf-8"), encoding="utf-8")) == set(
        LANGUAGES
    )


def test_related_articles_are_chosen_again_when_a_link_changes_them(project):
    """The related articles an incremental build keeps (``related_choices``) are kept by the
    articles' front-matter and by the links between them: a new link that changes another
    article's related articles is not answered from the memo."""
    from helsesider import locales
    from helsesider.content import corpus as corpus_module
    from helsesider.content.corpus import load_corpus
    from helsesider.content.related import related
    from helsesider.memo import Memo
    from helsesider.settings import load as load_settings

    locales.use(project)
    docs = project / "docs" / "nb"

    def corpus():
        return load_corpus(project, load_settings(project), languages=("nb",), readability=False, rendered=False)

    first = corpus()
    memo = Memo()
    before = incremental.related_choices(first, "nb", memo)
    source = next(rel for rel in sorted(before) if "/" in rel)  # an article in a topic
    others = [rel for rel in sorted(before) if rel.split("/")[0] != source.split("/")[0] and rel not in before[source]]
    path = docs / source
    link = "".join(f"\nSjå [denne]({'../' + target}).\n" for target in others[:4])  # four links: +4 each
    path.write_text(path.read_text(encoding="utf-8") + link, encoding="utf-8")
    second = corpus()
    kept = Memo(memo.used)
    after = incremental.related_choices(second, "nb", kept)
    assert after[source] != before[source]  # the links changed its related articles
    assert after == {rel: tuple(a.rel for a in related(second, "nb", rel)) for rel in second.articles["nb"]}
    # nothing they are chosen from changed (a new reading of the same files): the kept ones
    corpus_module._cache.clear()
    again = Memo(kept.used)
    assert incremental.related_choices(corpus(), "nb", again) is next(iter(again.kept.values()))


def test_what_a_build_replaces_is_deleted_while_the_next_one_builds(tmp_path):
    cache, old = tmp_path / "cache", tmp_path / "site-old"
    (old / "a").mkdir(parents=True)
    (old / "a" / "index.html").write_text("x", encoding="utf-8")
    incremental.discard(old, cache)
    trash = incremental.trash_folder(cache)
    assert not old.exists() and [p.name for p in trash.glob("*/*")] == ["site-old"]
    emptying = incremental.empty_trash(cache)
    later = tmp_path / "cache-nb-old"
    later.mkdir()
    incremental.discard(later, cache)  # while the trash is emptied: left for the next build
    emptying.join()
    assert [p.name for p in trash.glob("*/*")] == ["cache-nb-old"]
    incremental.empty_trash(cache).join()
    assert list(trash.iterdir()) == []
    gone = tmp_path / "gone"
    gone.mkdir()
    incremental.discard(gone, None)  # no cache: removed at once
    assert not gone.exists() and incremental.empty_trash(tmp_path / "no-cache").join() is None


def test_the_deploy_workflow_keeps_the_cache_between_runs():
    steps = yaml.safe_load((ROOT / ".github" / "workflows" / "deploy.yml").read_text(encoding="utf-8"))["jobs"][
        "build"
    ]["steps"]
    names = [str(step.get("uses") or step.get("run")).split("@")[0] for step in steps]
    build_at = names.index("make build")
    assert names[build_at - 1] == "actions/cache/restore" and names[build_at + 1] == "actions/cache/save"
    for step in (steps[build_at - 1], steps[build_at + 1]):
        assert step["with"]["path"] == ".cache/build"
    assert "--cache .cache/build" in (ROOT / "Makefile").read_text(encoding="utf-8")


def test_a_language_cache_is_brought_up_to_date_by_changing_only_what_differs(tmp_path):
    built, kept = tmp_path / "built", tmp_path / "kept"
    for rel, text in {"a/index.html": "a", "b/index.html": "b", "c/x.json": "c", "d": "file then folder"}.items():
        (kept / rel).parent.mkdir(parents=True, exist_ok=True)
        (kept / rel).write_text(text, encoding="utf-8")
    (built / "a").mkdir(parents=True)
    os.link(kept / "a" / "index.html", built / "a" / "index.html")  # unchanged: the same file
    (built / "b").mkdir()
    (built / "b" / "index.html").write_text("b, changed", encoding="utf-8")  # built again
    (built / "d").mkdir()
    (built / "d" / "new.html").write_text("new", encoding="utf-8")
    (built / "e.xml").write_text("e", encoding="utf-8")
    same_a = (kept / "a" / "index.html").stat().st_ino
    incremental.sync_links(built, kept)
    assert differences(built, kept) == []
    files = sorted(p.relative_to(kept).as_posix() for p in kept.rglob("*") if p.is_file())
    assert files == ["a/index.html", "b/index.html", "d/new.html", "e.xml"]  # c/ and the file d gone
    assert not (kept / "c").exists()
    for path in files:  # every file a link to the built one
        assert (kept / path).stat().st_ino == (built / path).stat().st_ino
    assert (kept / "a" / "index.html").stat().st_ino == same_a
