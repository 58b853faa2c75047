"""``make serve``: the preview server for partners, fast at any size.

Each language is prepared by its own process (``hooks/_lazy_build.py``, MkDocs' build steps with
the same configuration and hooks as ``make build``) and a page is rendered when it is asked for,
so the server starts in seconds and a saved article shows again in about a second, whatever the
number of articles. The default language starts first; the others start when it is ready
(``--lang nn`` serves one language). A watcher notices saves under ``docs/``, ``data/``, ``local/``,
``overrides/``, ``hooks/`` and ``mkdocs.yml``, prepares the language again (the corpus is re-read
only where files changed) and the open page reloads itself. Content errors are shown on the page
(``hooks/preview.py``) and in the terminal. ``make build`` stays the reference: a test checks that
a page served here is the page it writes.

This module knows no MkDocs: it routes requests, watches files and talks to the language
processes, which load the adapter from ``hooks/`` by its path.
"""

from __future__ import annotations

import argparse
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
from urllib.parse import parse_qs

import waitress

from helsesider import LANGUAGES, default_language, locales

VERSION_PATH = "/__hs_preview/version"
POLL_SECONDS = 0.2
WAIT_SECONDS = 20  # how long the server holds a page's question "changed since version v?"
# Reloads the page as soon as a save has been prepared: the server answers the page's question
# when the version changes (or after WAIT_SECONDS, and the page asks again)
RELOAD_SCRIPT = (
    "<script>(function(){var v=null;function ask(){fetch('" + VERSION_PATH + "'+(v===null?'':'?since='+v),"
    "{cache:'no-store'}).then(function(r){return r.text()}).then(function(t){if(v!==null&&t!==v){location.reload()}"
    "else{v=t;ask()}}).catch(function(){setTimeout(ask,1000)})}ask()})();</script>"
)
WATCHED = ("data", "local", "overrides", "hooks", "mkdocs.yml")


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
        errors = len(answer["errors"])
        # the findings themselves were printed once, above, by the language's build (hooks/content_model.py)
        print(
            f"preview: {lang}: {how} in {seconds:.1f} s" + (f"; {errors} error(s) above" if errors else ""),
            file=sys.stderr,
        )

    def close(self) -> None:
        for language in self.languages.values():
            if language.process.is_alive():
                language.process.terminate()
        shutil.rmtree(self.work, ignore_errors=True)


# The server: waitress (a bounded pool of threads; connections wait in its event loop, and one
# that sends half a request, or nothing, is closed after CHANNEL_TIMEOUT seconds). A reviewer may
# run the preview on a stranger's branch, so it answers only requests made to this machine by
# its own name (a web page cannot reach it through a DNS name of its own: DNS rebinding), and
# every path gets an answer.
THREADS = 16
CHANNEL_TIMEOUT = 5
LOCAL_NAMES = ("127.0.0.1", "localhost", "[::1]")


class App:
    """The preview as a WSGI application: pages from the language processes, their other files,
    the version."""

    def __init__(self, preview: Preview, port: int) -> None:
        self.preview, self.port = preview, port

    def __call__(self, environ, start_response):
        status, headers, body = self.answer(environ)
        headers = [("Content-Length", str(len(body))), ("X-Content-Type-Options", "nosniff"), *headers]
        start_response(status, headers)
        return [body] if environ.get("REQUEST_METHOD") != "HEAD" else [b""]

    def answer(self, environ) -> tuple[str, list[tuple[str, str]], bytes]:
        if not self._local(environ.get("HTTP_HOST", "")):
            return _plain("421 Misdirected Request", "This preview answers requests to 127.0.0.1 and localhost only.")
        if environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
            return _plain("405 Method Not Allowed", "The preview only shows pages.")
        try:  # waitress gives the path decoded from %-escapes, as ISO-8859-1 (PEP 3333)
            path = environ.get("PATH_INFO", "").encode("latin-1").decode("utf-8")
        except UnicodeError:
            return _plain("400 Bad Request", "The address is not UTF-8.")
        if any(ord(ch) < 32 or ord(ch) == 127 for ch in path) or "\\" in path:
            return _plain("400 Bad Request", "The address holds a control character or a backslash.")
        if path == VERSION_PATH:
            since = parse_qs(environ.get("QUERY_STRING", "")).get("since", [""])[0]
            return (
                "200 OK",
                [("Content-Type", "text/plain"), ("Cache-Control", "no-store")],
                self.preview.version_after(since).encode(),
            )
        if path.strip("/") in self.preview.languages and not path.endswith("/"):
            return "301 Moved Permanently", [("Location", path + "/")], b""
        return self._file(environ, path)

    def _local(self, host: str) -> bool:
        name, _, port = host.rpartition(":") if not host.endswith("]") else (host, "", "")
        if not name:
            name, port = host, ""
        return name.lower() in LOCAL_NAMES and port in ("", str(self.port))

    def _file(self, environ, path: str) -> tuple[str, list[tuple[str, str]], bytes]:
        lang, inner = self.preview.route(path)
        language = self.preview.languages[lang]
        if inner.startswith("search/"):
            language.search_ready(120)
        found = language.ask("page", inner) if not Path(inner).suffix or inner.endswith(".html") else None
        if isinstance(found, tuple):
            return _plain("500 Internal Server Error", found[1])
        target = Path(found) if found else _static(language.site_dir, inner)
        if target is None:
            missing = language.site_dir / "404.html"
            body = missing.read_bytes() if missing.is_file() and not missing.is_symlink() else b"Not found"
            return (
                "404 Not Found",
                [("Content-Type", "text/html; charset=utf-8"), ("Cache-Control", "no-store")],
                _with_reload(body),
            )
        kind = _content_type(target)
        if kind.startswith("text/html"):
            return "200 OK", [("Content-Type", kind), ("Cache-Control", "no-store")], _with_reload(target.read_bytes())
        return _tagged(environ, target, kind)


def _plain(status: str, text: str) -> tuple[str, list[tuple[str, str]], bytes]:
    return status, [("Content-Type", "text/plain; charset=utf-8"), ("Cache-Control", "no-store")], text.encode()


def _tagged(environ, target: Path, kind: str) -> tuple[str, list[tuple[str, str]], bytes]:
    """A stylesheet, script, image or index file: the browser keeps it and asks whether it
    changed (its tag is its time and size), so a reload after a save loads only pages."""
    st = target.stat()
    tag = f'"{st.st_mtime_ns:x}-{st.st_size:x}"'
    headers = [("ETag", tag), ("Cache-Control", "no-cache")]
    if environ.get("HTTP_IF_NONE_MATCH") == tag:
        return "304 Not Modified", headers, b""
    return "200 OK", [("Content-Type", kind), *headers], target.read_bytes()


def _static(site_dir: Path, inner: str) -> Path | None:
    """A file the language's process wrote that is not a page (stylesheets, scripts, the search
    index, images); pages come only from the process, so a removed article is gone at once. Only
    the kinds the site publishes (TYPES, no SVG or HTML), never a link, never outside the folder."""
    candidate = site_dir / inner
    target = candidate.resolve()
    if not target.is_relative_to(site_dir.resolve()) or candidate.is_symlink() or target.suffix.lower() not in TYPES:
        return None
    if target.suffix.lower() in (".html", ".svg") or target.is_dir():
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
    server = waitress.create_server(
        App(preview, args.port),
        host="127.0.0.1",
        port=args.port,
        threads=THREADS,
        channel_timeout=CHANNEL_TIMEOUT,
        cleanup_interval=1,
        connection_limit=1000,
        max_request_header_size=65536,
        max_request_body_size=0,
        ident="helsesider-preview",
        clear_untrusted_proxy_headers=True,
    )
    print(f"preview: serving http://127.0.0.1:{args.port}/ ({', '.join(languages)}); Ctrl+C stops it", file=sys.stderr)
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
        preview.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
