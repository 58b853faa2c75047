"""Shared fixtures: fixture sites built in tmp_path, and the sample site built once."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import tools.browser as browser_tools

ROOT = Path(__file__).resolve().parent.parent
# The tests read the findings in English, the language the code writes them in; the partner's
# Bokmål (the default) is tested in test_messages.py
os.environ["HELSESIDER_MESSAGES"] = "en"
MKDOCS = str(Path(sys.executable).with_name("mkdocs"))


def article(
    title="Fastlege",
    description="Om fastlegeordningen.",
    provider="eksempel-helseetat",
    reviewer="Kari Eksempel, lege",
    reviewed="2026-03-03",
    extra="",
    body="Tekst.",
) -> str:
    """A valid article, with any field replaceable (None leaves it out)."""
    lines = ["---"]
    for key, value in (
        ("title", title),
        ("description", description),
        ("provider", provider),
        ("reviewer", reviewer),
        ("reviewed", reviewed),
    ):
        if value is not None:
            lines.append(f"{key}: {value}")
    if extra:
        lines.append(textwrap.dedent(extra).strip("\n"))
    lines += ["---", "", body, ""]
    return "\n".join(lines)


def without_sample_articles(data: Path) -> None:
    """A copy of data/ that names none of the sample's articles: no redirects (the sample's old
    addresses lead to sample articles) and no "Mye lest" on the front page."""
    (data / "redirects.yml").unlink()
    settings = data / "site.yml"
    text = re.sub(r"(?m)^front_articles:\n(?:  - .*\n)+", "front_articles: []\n", settings.read_text(encoding="utf-8"))
    settings.write_text(text, encoding="utf-8")


class FixtureSite:
    """A copy of the project's configuration, templates and hooks with its own docs/."""

    def __init__(self, path: Path):
        self.path = path
        path.mkdir(parents=True)
        for name in ("mkdocs.yml", "overrides", "hooks", "data"):
            source = ROOT / name
            if source.is_dir():
                shutil.copytree(source, path / name)
            else:
                shutil.copy(source, path / name)
        without_sample_articles(path / "data")
        for lang, title in (("nb", "Forside"), ("nn", "Framside"), ("en", "Home"), ("se", "Ovdasiidu")):
            self.write(f"docs/{lang}/index.md", f"---\ntitle: {title}\ndescription: {title}.\n---\n\n{title}.\n")

    def write(self, rel: str, content: str | bytes) -> Path:
        target = self.path / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
        return target

    def build(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [MKDOCS, "build", *args],
            cwd=self.path,
            capture_output=True,
            text=True,
            env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", "HELSESIDER_MESSAGES": "en"},
        )

    def html(self, rel: str):
        from bs4 import BeautifulSoup

        return BeautifulSoup((self.path / "site" / rel).read_text(encoding="utf-8"), "html.parser")


@pytest.fixture
def fixture_site(tmp_path) -> FixtureSite:
    return FixtureSite(tmp_path / "site-src")


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Path:
    """The repository's own sample site, built once into a temporary folder the way
    `make build` builds it (each language in its own process)."""
    out = tmp_path_factory.mktemp("sample") / "site"
    result = subprocess.run(
        [sys.executable, "-m", "helsesider.publish.build", "--root", str(ROOT), "--site-dir", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", "HELSESIDER_MESSAGES": "en"},
    )
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="session")
def kiosk(tmp_path_factory) -> Path:
    """The kiosk bundle (`make kiosk`) built once into a temporary dist/ folder."""
    from helsesider.publish.kiosk import make_keys

    dist = tmp_path_factory.mktemp("dist")
    private, _ = make_keys(dist.parent / "kiosk-keys")  # the test's own key pair, never the repository's
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "helsesider.publish.kiosk",
            "build",
            "--root",
            str(ROOT),
            "--dist",
            str(dist),
            "--key",
            str(private),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", "HELSESIDER_MESSAGES": "en"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return dist


# `make test-fast` leaves out what builds a site or drives a browser: tests that use these
# fixtures, and tests marked slow by hand (they build in a subprocess)
SLOW_FIXTURES = {"sample_site", "sample_server", "kiosk", "fixture_site", "browser", "phone_and_desktop", "nginx"}


def pytest_collection_modifyitems(items):
    for item in items:
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())) or item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.slow)


CHROMIUM, CHROMIUM_FLAGS = browser_tools.CHROMIUM, browser_tools.CHROMIUM_FLAGS


def block_outside(context, inside: str) -> list[str]:
    """Let a browser context load only addresses that start with `inside`; every other request
    is refused and recorded in the returned list."""
    outside: list[str] = []

    def guard(route):
        if route.request.url.startswith(inside):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    return outside


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield instance
        instance.close()


def static_server(directory: Path):
    """A built site on a local static server: yields its base URL (a generator for fixtures)."""
    import functools
    import http.server
    import threading

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()


@pytest.fixture(scope="session")
def sample_server(sample_site):
    """The built sample site on a local static server; yields its base URL."""
    yield from static_server(sample_site)
