"""``make serve``: the preview server for partners, fast at any size.

Each language is prepared by its own process (``hooks/_lazy_build.py``, MkDocs' build steps with
the same configuration and hooks as ``make build``) and a page is rendered when it is asked for,
so the server starts in seconds and a saved article shows again in about a second, whatever the
number of articles. The default language starts first; the others start when it is ready
(``--lang nn`` serves one language). A watcher notices saves under ``docs/``, ``data/``,
``overrides/``, ``hooks/`` and ``mkdocs.yml``, prepares the language again (the corpus is re-read
only where files changed) and the open page reloads itself. Content errors are shown on the page
(``hooks/preview.py``) and in the terminal. ``make build`` stays the reference: a test checks that
a page served here is the page it writes.

This module knows no MkDocs: it routes requests, watches files and talks to the language
processes, which load the adapter from ``hooks/`` by its path.
"""

from __future__ import annotations

import argparse
import http.server
import importlib.util
import multiprocessing
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from helsesider import LANGUAGES, default_language, locales

VERSION_PATH = "/__hs_preview/version"
POLL_SECONDS = 0.2
WAIT_SECONDS = 25  # how long the server holds a page's question "changed since version v?"
# Reloads the page as soon as a save has been prepared: the server answers the page's question
# when the version changes (or after WAIT_SECONDS, and the page asks again)
RELOAD_SCRIPT = (
    "<script>(function(){var v=null;function ask(){fetch('" + VERSION_PATH + "'+(v===null?'':'?since='+v),"
    "{cache:'no-store'}).then(function(r){return r.text()}).then(function(t){if(v!==null&&t!==v){location.reload()}"
    "else{v=t;ask()}}).catch(function(){setTimeout(ask,1000)})}ask()})();</script>"
)
WATCHED = ("data", "overrides", "hooks", "mkdocs.yml")


def _worker(root: str, lang: str, site_dir: str, conn) -> None:
    """A language process: prepares the language, then answers the server's requests."""
    spec = importlib.util.spec_from_file_location("_lazy_build", Path(root) / "hooks" / "_lazy_build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    site = module.LazyLanguageSite(Path(root), lang, Path(site_dir))
    conn.send("ready")
    while True:
        kind, argument = conn.recv()
        try:
            if kind == "page":
                found = site.page(argument)
                conn.send(str(found) if found else None)
            elif kind in ("refresh", "edit"):
                quick = site.refresh() if kind == "edit" else site.prepare() or False
                conn.send({"quick": quick, "errors": site.errors()})
            elif kind == "search":  # whether the index holds the last save (asked again until it does)
                conn.send(site.search_done.is_set())
        except Exception as exc:  # a broken template or hook: say so on the page, keep serving
            conn.send(("error", f"{type(exc).__name__}: {exc}"))


class Language:
    """The server's handle on one language process."""

    def __init__(self, root: Path, lang: str, site_dir: Path) -> None:
        self.lang, self.site_dir = lang, site_dir
        context = multiprocessing.get_context("spawn")
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_worker, args=(str(root), lang, str(site_dir), child), daemon=True)
        self.lock = threading.Lock()
        self.ready = threading.Event()
        self.failed = ""  # why the process stopped, when it did

    def start(self) -> None:
        self.process.start()
        threading.Thread(target=self._wait_ready, daemon=True).start()

    def _wait_ready(self) -> None:
        try:
            self.conn.recv()
        except (EOFError, OSError):
            self.failed = f"the {self.lang} process stopped while preparing (see the terminal)"
            print(f"preview: {self.failed}", file=sys.stderr)
        self.ready.set()

    def search_ready(self, seconds: float) -> None:
        """Wait (at most `seconds`) until the search index holds the last save; pages of the
        language are served meanwhile."""
        deadline = time.monotonic() + seconds
        while self.ask("search") is False and time.monotonic() < deadline:
            time.sleep(0.05)

    def ask(self, kind: str, argument: object = None):
        """The process's answer; ("error", why) when it cannot answer."""
        self.ready.wait()
        with self.lock:
            if self.failed:
                return ("error", self.failed)
            try:
                self.conn.send((kind, argument))
                return self.conn.recv()
            except (EOFError, OSError):
                self.failed = f"the {self.lang} process stopped (see the terminal)"
                return ("error", self.failed)


def _snapshot(paths: list[Path]) -> dict[str, tuple[int, int]]:
    """path -> (modification time, size) of every file under `paths` (one listing per folder)."""
    out: dict[str, tuple[int, int]] = {}
    stack = [str(base) for base in paths]
    while stack:
        here = stack.pop()
        try:
            if not os.path.isdir(here):
                st = os.stat(here)
                out[here] = (st.st_mtime_ns, st.st_size)
                continue
            with os.scandir(here) as listing:
                for entry in listing:
                    if entry.is_dir(follow_symlinks=False):
                        stack.append(entry.path)
                    else:
                        st = entry.stat(follow_symlinks=False)
                        out[entry.path] = (st.st_mtime_ns, st.st_size)
        except OSError:
            continue
    return out


class Preview:
    def __init__(self, root: Path, languages: list[str]) -> None:
        self.root = root
        self.work = Path(tempfile.mkdtemp(prefix="helsesider-preview-"))
        self.languages = {lang: Language(root, lang, self.work / lang) for lang in languages}
        self.version = 0
        self.changed = threading.Condition()  # notified when the version changes

    def start(self) -> None:
        """The default language (or the only one) first; the others once it is ready."""
        first = default_language() if default_language() in self.languages else next(iter(self.languages))
        self.languages[first].start()
        others = [lang for lang in self.languages if lang != first]

        def rest() -> None:
            self.languages[first].ready.wait()
            for lang in others:
                self.languages[lang].start()

        threading.Thread(target=rest, daemon=True).start()
        threading.Thread(target=self._watch, daemon=True).start()

    def route(self, path: str) -> tuple[str, str]:
        """(language, path inside its folder) of a request path."""
        parts = path.lstrip("/").split("/", 1)
        if parts[0] in self.languages and parts[0] != default_language():
            return parts[0], parts[1] if len(parts) > 1 else ""
        first = default_language() if default_language() in self.languages else next(iter(self.languages))
        return first, path.lstrip("/")

    def _watch(self) -> None:
        shared = [self.root / name for name in WATCHED]
        states = {lang: _snapshot([self.root / "docs" / lang]) for lang in self.languages}
        common = _snapshot(shared)
        while True:
            time.sleep(POLL_SECONDS)
            changed: dict[str, bool] = {}  # language -> only Markdown files edited (none added or removed)
            now_common = _snapshot(shared)
            if now_common != common:
                common, changed = now_common, dict.fromkeys(self.languages, False)
            for lang in self.languages:
                now = _snapshot([self.root / "docs" / lang])
                if now != states[lang]:
                    edits = now.keys() == states[lang].keys() and all(
                        path.endswith(".md") for path, state in now.items() if state != states[lang][path]
                    )
                    changed[lang] = changed.get(lang, True) and edits
                    states[lang] = now
            for lang in sorted(changed):
                self._refresh(lang, "edit" if changed[lang] else "refresh")
            if changed:
                with self.changed:
                    self.version += 1
                    self.changed.notify_all()

    def version_after(self, since: str) -> str:
        """The version, once it is not `since` (or after WAIT_SECONDS)."""
        with self.changed:
            self.changed.wait_for(lambda: str(self.version) != since, timeout=WAIT_SECONDS)
            return str(self.version)

    def _refresh(self, lang: str, kind: str) -> None:
        language = self.languages[lang]
        if not language.ready.is_set():
            return
        started = time.monotonic()
        answer = language.ask(kind)
        seconds = time.monotonic() - started
        if isinstance(answer, tuple):
            print(f"preview: {lang}: {answer[1]}", file=sys.stderr)
            return
        how = "the saved files read again" if answer["quick"] else "prepared again"
        print(f"preview: {lang}: {how} in {seconds:.1f} s", file=sys.stderr)
        for finding in answer["errors"]:
            print(finding, file=sys.stderr)

    def close(self) -> None:
        for language in self.languages.values():
            if language.process.is_alive():
                language.process.terminate()
        shutil.rmtree(self.work, ignore_errors=True)


class _Handler(http.server.BaseHTTPRequestHandler):
    """The server's answers: pages from the language processes, their other files, the version."""

    preview: Preview

    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:
        address = urlsplit(self.path)
        path = unquote(address.path)
        if path == VERSION_PATH:
            since = parse_qs(address.query).get("since", [""])[0]
            return self._send(200, "text/plain", self.preview.version_after(since).encode())
        if path.strip("/") in self.preview.languages and not path.endswith("/"):
            self.send_response(301)
            self.send_header("Location", path + "/")
            self.end_headers()
            return None
        lang, inner = self.preview.route(path)
        language = self.preview.languages[lang]
        if inner.startswith("search/"):
            language.search_ready(120)
        found = language.ask("page", inner) if not Path(inner).suffix or inner.endswith(".html") else None
        if isinstance(found, tuple):
            return self._send(500, "text/plain; charset=utf-8", found[1].encode())
        target = Path(found) if found else _static(language.site_dir, inner)
        if target is None:
            missing = language.site_dir / "404.html"
            body = missing.read_bytes() if missing.exists() else b"Not found"
            return self._send(404, "text/html; charset=utf-8", _with_reload(body))
        kind = _content_type(target)
        if kind.startswith("text/html"):
            return self._send(200, kind, _with_reload(target.read_bytes()))
        return self._send_file(target, kind)

    def _send_file(self, target: Path, kind: str) -> None:
        """A stylesheet, script, image or index file: the browser keeps it and asks whether it
        changed (its tag is its time and size), so a reload after a save loads only pages."""
        st = target.stat()
        tag = f'"{st.st_mtime_ns:x}-{st.st_size:x}"'
        if self.headers.get("If-None-Match") == tag:
            self.send_response(304)
            self.send_header("ETag", tag)
            self.send_header("Cache-Control", "no-cache")
            self.end_headers()
            return None
        return self._send(200, kind, target.read_bytes(), {"ETag": tag, "Cache-Control": "no-cache"})

    def _send(self, status: int, kind: str, body: bytes, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {"Cache-Control": "no-store"}).items():
            self.send_header(name, value)
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):  # the browser left (a reload): nothing to say
            pass


def _handler(preview: Preview) -> type[_Handler]:
    return type("Handler", (_Handler,), {"preview": preview})


def _static(site_dir: Path, inner: str) -> Path | None:
    """A file the language's process wrote that is not a page (stylesheets, scripts, the search
    index, images); pages come only from the process, so a removed article is gone at once."""
    target = (site_dir / inner).resolve()
    if not target.is_relative_to(site_dir.resolve()) or target.is_dir() or target.suffix == ".html":
        return None
    return target if target.is_file() else None


TYPES = {".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript", ".svg": "image/svg+xml",
         ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif", ".webp": "image/webp",
         ".json": "application/json", ".xml": "application/xml", ".woff2": "font/woff2", ".ico": "image/x-icon"}  # fmt: skip


def _content_type(path: Path) -> str:
    return TYPES.get(path.suffix.lower(), "application/octet-stream")


def _with_reload(body: bytes) -> bytes:
    at = body.rfind(b"</body>")
    return body if at < 0 else body[:at] + RELOAD_SCRIPT.encode() + body[at:]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make serve", description=__doc__.splitlines()[0])
    parser.add_argument("--root", default=".", help="project folder (default: the current folder)")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--lang", default="", help="serve only this language (LANG=nn)")
    args = parser.parse_args(argv)
    root = Path(args.root).resolve()
    locales.use(root)
    languages = [args.lang] if args.lang else list(LANGUAGES)
    unknown = [lang for lang in languages if lang not in LANGUAGES]
    if unknown:
        print(f"make serve: '{unknown[0]}' is not a language of the site ({', '.join(LANGUAGES)})", file=sys.stderr)
        return 2
    preview = Preview(root, languages)
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    preview.start()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", args.port), _handler(preview))
    print(f"preview: serving http://127.0.0.1:{args.port}/ ({', '.join(languages)}); Ctrl+C stops it", file=sys.stderr)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        preview.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
