"""`make serve` is safe to run on a stranger's branch (written before the third round's fixes;
against a real server on 127.0.0.1):

- it serves only what `make build` would publish: no file of a symbolic link under docs/ (its
  target may be anywhere on the reviewer's disk), no SVG or HTML the build refuses;
- it answers only requests for 127.0.0.1 or localhost (a web page the reviewer visits cannot
  read the preview through a DNS name of its own: DNS rebinding);
- any path gets an answer (400 for NUL and bytes that are not UTF-8), never a crash;
- threads are bounded and a half-sent request is dropped after a few seconds.
"""

from __future__ import annotations

import socket
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from test_partner_loop import served, start_preview

from conftest import article

SVG = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.domain)</script></svg>'


@pytest.fixture
def preview(fixture_site, tmp_path):
    """The preview of a fixture site (nb only) with a hostile branch's files; yields (site, base URL)."""
    secret = tmp_path / "secret.txt"
    secret.write_text("reviewer's private file\n", encoding="utf-8")
    fixture_site.write("docs/nb/lege/a.md", article(title="Fastlege", body="Tekst."))
    fixture_site.write("docs/nb/lege/ikon.svg", SVG)
    fixture_site.write("docs/nb/lege/side.html", "<script>alert(1)</script>")
    (fixture_site.path / "docs/nb/lege/hemmelig.txt").symlink_to(secret)
    (fixture_site.path / "docs/nb/lege/bilde.png").symlink_to(secret)
    server, base = start_preview(fixture_site.path, "--lang", "nb")
    try:
        served(base + "lege/a/", seconds=120)
        yield fixture_site, base
    finally:
        server.terminate()
        server.wait(timeout=30)


def status(url: str, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return answer.status, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def raw(base: str, request: bytes, wait: float = 10) -> bytes:
    """Send `request` as it is and return what the server answers (b'' when it closes)."""
    host, port = base.split("//")[1].strip("/").split(":")
    with socket.create_connection((host, int(port)), timeout=wait) as connection:
        connection.sendall(request)
        chunks = []
        try:
            while True:
                chunk = connection.recv(65536)
                if not chunk:
                    break
                chunks.append(chunk)
        except TimeoutError:
            pass
        return b"".join(chunks)


def test_files_the_build_refuses_are_not_served(preview):
    site, base = preview
    for path in ("lege/ikon.svg", "lege/side.html", "lege/hemmelig.txt", "lege/bilde.png"):
        code, body = status(base + path)
        assert code == 404, (path, code)
        assert b"alert(1)" not in body and b"alert(document.domain)" not in body and b"private file" not in body, path
    assert status(base + "lege/a/")[0] == 200


def test_only_local_host_names_are_answered(preview):
    _, base = preview
    port = base.rstrip("/").rsplit(":", 1)[1]
    assert status(base + "lege/a/", {"Host": "evil.example"})[0] in (400, 421)
    assert status(base + "lege/a/", {"Host": f"evil.example:{port}"})[0] in (400, 421)
    assert status(base + "lege/a/", {"Host": f"localhost:{port}"})[0] == 200
    assert status(base + "lege/a/", {"Host": f"127.0.0.1:{port}"})[0] == 200


@pytest.mark.parametrize("path", ["/lege/a%00/", "/%00", "/lege/%ff%fe/", "/lege/a/%2e%2e/%2e%2e/%2e%2e/etc/passwd"])
def test_any_path_gets_an_answer(preview, path):
    _, base = preview
    code, body = status(base.rstrip("/") + path)
    assert code in (400, 404), (path, code)
    assert b"root:" not in body
    assert status(base + "lege/a/")[0] == 200  # and the server still answers


def test_a_half_sent_request_is_dropped_within_seconds(preview):
    _, base = preview
    started = time.monotonic()
    answer = raw(base, b"GET /lege/a/ HTTP/1.1\r\nHost: 127.0.0.1\r\n", wait=40)
    assert time.monotonic() - started < 20, "the half-sent request was held"
    assert b"200 OK" not in answer


def test_many_held_connections_use_a_bounded_number_of_threads(preview):
    """400 connections that each send half a request: the server keeps answering, and its thread
    count stays bounded (waitress: a fixed pool; the connections wait in its event loop)."""
    _, base = preview
    host, port = base.split("//")[1].strip("/").split(":")
    held = []
    for _ in range(400):
        connection = socket.create_connection((host, int(port)), timeout=10)
        connection.sendall(b"GET / HTTP/1.1\r\n")
        held.append(connection)
    try:
        time.sleep(1)
        threads = _threads_of_server(int(port))
        assert threads is not None and threads < 64, threads
        code, _ = status(base + "lege/a/")
        assert code == 200
    finally:
        for connection in held:
            connection.close()


def _threads_of_server(port: int) -> int | None:
    """The number of threads of the process listening on `port` (from /proc)."""
    inode = None
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        if fields[1].endswith(f":{port:04X}") and fields[3] == "0A":  # LISTEN
            inode = fields[9]
    if inode is None:
        return None
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            for fd in (proc / "fd").iterdir():
                if fd.readlink().as_posix() == f"socket:[{inode}]":
                    return len(list((proc / "task").iterdir()))
        except OSError:
            continue
    return None


def test_the_preview_keeps_working_while_connections_are_held(preview):
    """Long-held requests (the page's "tell me of a save" question) do not starve the pool."""
    _, base = preview

    def hold() -> None:
        try:
            status(base + "__hs_preview/version?since=0")
        except OSError:  # the server stops at the end of the module while the question is held
            pass

    holders = [threading.Thread(target=hold, daemon=True) for _ in range(8)]
    for holder in holders:
        holder.start()
    time.sleep(0.5)
    assert status(base + "lege/a/")[0] == 200
