"""The partner's loop: one run of `make check` tells every problem of a file, counts it as
invalid, and suggests what was meant for broken links and anchors as it does for keys."""

from __future__ import annotations

import subprocess
import sys

from test_hostile_input import ARTICLE, findings, make_project

from conftest import article


def start_preview(cwd, *args: str, log: bool = False) -> tuple[subprocess.Popen, str]:
    """`make serve` (the preview server) in `cwd` on a free port, and its address; with `log`
    its terminal output is kept (``server.communicate()[0]``)."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "helsesider.publish.preview", "--port", str(port), *args],
        cwd=cwd,
        stdout=subprocess.PIPE if log else subprocess.DEVNULL,
        stderr=subprocess.STDOUT if log else subprocess.DEVNULL,
        text=True,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", "HELSESIDER_MESSAGES": "en"},
    )
    return server, f"http://127.0.0.1:{port}/"


def served(url: str, until=lambda text: True, seconds: float = 120) -> str:
    """The page at `url` once it answers and `until(its text)` holds."""
    import time
    import urllib.request

    deadline = time.monotonic() + seconds
    while True:
        try:
            text = urllib.request.urlopen(url, timeout=60).read().decode("utf-8")
            if until(text):
                return text
        except OSError:
            pass
        assert time.monotonic() < deadline, f"{url} never showed what was expected"
        time.sleep(0.2)


def test_a_front_matter_error_does_not_hide_the_body(tmp_path):
    body = "Se [fastlegen](fastlge.md) og [delen](fastlege.md#hva-er-en-fastleg).\n\n<script>alert(1)</script>"
    root = make_project(tmp_path, {ARTICLE: article(extra="reviwer: Ola", body=body)})
    found = findings(root)
    text = "\n".join(found)
    assert f"{ARTICLE}:7:" in text and "unknown key 'reviwer' (did you mean 'reviewer'?)" in text
    assert any(
        f.startswith(f"{ARTICLE}:10:") and "no article docs/nb/lege/fastlge.md (did you mean 'fastlege.md'?)" in f
        for f in found
    ), text
    assert any(
        f.startswith(f"{ARTICLE}:10:") and "(did you mean 'fastlege.md#hva-er-en-fastlege'?)" in f for f in found
    ), text
    assert any(f.startswith(f"{ARTICLE}:12:") and "<script> is not allowed" in f for f in found), text


def test_a_broken_own_anchor_gets_a_suggestion(tmp_path):
    root = make_project(tmp_path, {ARTICLE: article(body="## Hvem kan få hjelp?\n\n[Les](#hvem-kan-fa-hjelpp)")})
    assert any("(did you mean '#hvem-kan-fa-hjelp'?)" in f for f in findings(root))


def test_the_summary_counts_a_file_with_any_error_as_invalid(tmp_path):
    root = make_project(tmp_path, {ARTICLE: article(body="[Les](finnes-ikke.md)")})
    result = subprocess.run(
        [sys.executable, "-m", "helsesider.gate.check", "--root", str(root)],
        capture_output=True,
        text=True,
        cwd=root,
        timeout=60,
    )
    assert result.returncode == 1
    assert "1 articles valid, 1 file(s) with errors; 1 error(s)" in result.stderr, result.stderr


def git(root, *args):
    subprocess.run(
        ["git", "-C", str(root), "-c", "user.email=t@example.org", "-c", "user.name=t", *args],
        check=True,
        capture_output=True,
    )


def test_check_of_a_pull_request_covers_what_it_touches_and_what_links_to_it(tmp_path):
    """make check CHANGED=1: the changed files, the files that link to a changed or removed
    file, and removed files without a redirect; untouched files' own warnings are not shown."""
    root = make_project(
        tmp_path,
        {
            "docs/nb/lege/resept.md": article(
                title="Resept", body="Se [fastlege](fastlege.md) og [vakt](legevakt.md)."
            ),
            "docs/nb/lege/legevakt.md": article(title="Legevakt", body="Ring."),
            "docs/nb/lege/gammel.md": article(title="Gammel", reviewed="2020-01-01", body="Tekst."),
        },
    )
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "base")
    git(root, "checkout", "-q", "-b", "change")
    (root / "docs/nb/lege/fastlege.md").write_text(article(body="[Les](finnes-ikke.md)"), encoding="utf-8")
    (root / "docs/nb/lege/legevakt.md").unlink()
    result = subprocess.run(
        [sys.executable, "-m", "helsesider.gate.check", "--root", str(root), "--changed", "--base", "main"],
        capture_output=True,
        text=True,
        cwd=root,
        timeout=60,
    )
    out = result.stdout
    assert result.returncode == 1
    assert "docs/nb/lege/fastlege.md:9:7: error: 'finnes-ikke.md': no article" in out  # the changed file
    assert "docs/nb/lege/resept.md:9:" in out and "legevakt.md" in out  # links to the removed one
    assert "docs/nb/lege/legevakt.md:1:1: error: this article exists on main and is gone without a redirect" in out
    assert "gammel.md" not in out  # untouched: not reported
    assert "next_review" not in out


def test_an_alias_that_is_another_articles_name_is_named_with_its_line(tmp_path):
    root = make_project(
        tmp_path,
        {"docs/nb/lege/bytte.md": article(title="Bytte fastlege", extra="aliases:\n  - Fastlege\n", body="Tekst.")},
    )
    result = subprocess.run(
        [sys.executable, "-m", "helsesider.gate.check", "--root", str(root)],
        capture_output=True,
        text=True,
        cwd=root,
        timeout=60,
    )
    assert (
        "docs/nb/lege/bytte.md:8:1: warning: aliases: 'Fastlege' is also a title or alias of docs/nb/lege/fastlege.md"
        in result.stdout
    ), result.stdout


def test_serving_shows_errors_on_the_page_and_keeps_the_last_good_version(fixture_site):
    """make serve: a broken edit shows its findings (path:line:col) on the page in its language,
    over the last good version of the page; fixing it takes the list away."""
    fixture_site.write("docs/nn/lege/a.md", article(title="Fastlege", body="Første versjon av teksten."))
    server, base = start_preview(fixture_site.path, log=True)

    def page(until):
        return served(base + "nn/lege/a/", until, seconds=60)

    try:
        page(lambda html: "Første versjon" in html)
        fixture_site.write(
            "docs/nn/lege/a.md", article(title="Fastlege", reviewer=None, body="Andre [versjon](borte.md).")
        )
        broken = page(lambda html: "hs-preview-errors" in html)
        assert (
            "Innhaldet har feil som må rettast" in broken and "Sida under er den siste versjonen utan feil." in broken
        )
        assert "docs/nn/lege/a.md:1:1: error: reviewer: required field is missing" in broken
        assert (
            "Første versjon" in broken
            and "Andre" not in broken.split("hs-preview-errors", 1)[1].split("</section>", 1)[1]
        )
        fixture_site.write("docs/nn/lege/a.md", article(title="Fastlege", body="Tredje versjon."))
        fixed = page(lambda html: "Tredje versjon" in html)
        assert "hs-preview-errors" not in fixed
        # a broken link only (the front-matter stays valid): taken the quick way, shown the same
        fixture_site.write("docs/nn/lege/a.md", article(title="Fastlege", body="Fjerde [versjon](borte.md)."))
        linked = page(lambda html: "hs-preview-errors" in html)
        assert "docs/nn/lege/a.md:9:18: error: &#39;borte.md&#39;: no article docs/nn/lege/borte.md" in linked, linked
        assert "Tredje versjon" in linked
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0]
    assert "docs/nn/lege/a.md:1:1: error: reviewer: required field is missing" in output  # the terminal says the same
    assert "preview: nn: the saved files read again" in output
    # once per save, not once per build of the page (it was three times)
    assert output.count("docs/nn/lege/a.md:1:1: error: reviewer: required field is missing") == 1, output
    assert output.count("docs/nn/lege/a.md:9:18: error: 'borte.md': no article docs/nn/lege/borte.md") == 1, output


def test_a_previewed_page_is_the_page_make_build_writes(sample_site):
    """make serve renders each page when it is asked for (hooks/_lazy_build.py); the page is the
    one make build writes, byte for byte, but for the preview's reload script."""
    from conftest import ROOT
    from helsesider.publish.preview import RELOAD_SCRIPT

    server, base = start_preview(ROOT)

    pages = ["", "lege/fastlege/", "a-a/", "tjenester/innboks/", "nn/lege/", "en/a-z/", "se/rettigheter/tolk/"]
    try:
        for path in pages:
            html = served(base + path)
            assert RELOAD_SCRIPT in html
            built = (sample_site / path / "index.html").read_text(encoding="utf-8")
            assert html.replace(RELOAD_SCRIPT, "") == built, path
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_preview_follows_new_and_removed_articles(fixture_site):
    """A new article is served at once; a removed one is gone (its old file is never served)."""
    import time
    import urllib.error
    import urllib.request

    fixture_site.write("docs/nb/lege/a.md", article(title="Fastlege", body="Finnes."))
    server, base = start_preview(fixture_site.path, "--lang", "nb")

    def status(path: str) -> int:
        try:
            return urllib.request.urlopen(base + path, timeout=60).status
        except urllib.error.HTTPError as error:
            return error.code
        except OSError:
            return 0

    def until(path: str, code: int) -> None:
        deadline = time.monotonic() + 60
        while status(path) != code:
            assert time.monotonic() < deadline, f"{path} never answered {code}"
            time.sleep(0.3)

    try:
        until("lege/a/", 200)
        fixture_site.write("docs/nb/lege/b.md", article(title="Legevakt", body="Ny."))
        until("lege/b/", 200)
        (fixture_site.path / "docs/nb/lege/a.md").unlink()
        until("lege/a/", 404)
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_a_page_previewed_after_a_save_is_the_page_make_build_writes(fixture_site, tmp_path):
    """A save that only edits an article is taken the quick way (the saved file read again, the
    files and navigation kept); the saved article, its topic page, A–Å and a page that lists it
    as related are then the pages make build writes from the same files, and search has the new
    words within the same wait."""
    import shutil

    from conftest import ROOT
    from helsesider.publish.preview import RELOAD_SCRIPT
    from helsesider.search import term

    shutil.rmtree(fixture_site.path / "docs", ignore_errors=True)
    shutil.copytree(ROOT / "docs", fixture_site.path / "docs")
    server, base = start_preview(fixture_site.path, "--lang", "nb", log=True)

    saved = fixture_site.path / "docs/nb/lege/fastlege.md"
    word = "Lagringsprøveord"
    pages = ["lege/fastlege/", "lege/", "a-a/", "lege/bytte-fastlege/"]
    try:
        for path in pages:
            served(base + path)
        served(base + "search/hs-index.js")
        text = saved.read_text(encoding="utf-8")
        text = text.replace("title: Fastlege\n", "title: Fastlegen din\n", 1)
        saved.write_text(text.replace("\n---\n\n", f"\n---\n\n{word} i første avsnitt.\n\n", 1), encoding="utf-8")
        served(base + "lege/fastlege/", lambda html: word in html)
        shard = served(base + "search/hs-t0.js", lambda js: term(word, "nb") in js)
        preview = {path: served(base + path).replace(RELOAD_SCRIPT, "") for path in pages}
    finally:
        server.terminate()
        log = server.communicate(timeout=30)[0]
    assert "preview: nb: the saved files read again" in log, log
    assert "Fastlegen din" in preview["a-a/"] and "Fastlegen din" in preview["lege/"]
    built = tmp_path / "built"
    result = subprocess.run(
        [sys.executable, "-m", "helsesider.publish.build", "--root", str(fixture_site.path), "--site-dir", str(built)],
        capture_output=True,
        text=True,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", "HELSESIDER_MESSAGES": "en"},
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    for path, html in preview.items():
        assert html == (built / path / "index.html").read_text(encoding="utf-8"), path
    assert shard == (built / "search" / "hs-t0.js").read_text(encoding="utf-8")
