"""make build's progress per language (helsesider/publish/progress.py, hooks/progress.py)."""

from __future__ import annotations

import io

from helsesider.publish import progress
from helsesider.publish.progress import Display, Reporter, read


class Clock:
    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now


def test_a_language_build_reports_pages_time_and_its_slowest_step(tmp_path, monkeypatch):
    clock = Clock()
    monkeypatch.setattr(progress.time, "monotonic", clock)
    reporter = Reporter(tmp_path, "nn")
    reporter.pages(10)
    clock.now += 2
    reporter.step("pages")
    for _ in range(4):
        clock.now += 1
        reporter.page_done()  # at most twice a second: each of these is written
    state = read(tmp_path, "nn")
    assert state == {"lang": "nn", "done": 4, "total": 10, "elapsed": 6.0, "step": "pages", "slowest": ["pages", 4.0]}
    reporter.page_done()  # within half a second of the last report: not written yet
    assert read(tmp_path, "nn")["done"] == 4


class Pipe(io.StringIO):
    def __init__(self, terminal: bool):
        super().__init__()
        self.terminal = terminal

    def isatty(self):
        return self.terminal


def test_ci_gets_a_line_per_language_at_most_every_five_seconds(tmp_path, monkeypatch):
    clock = Clock()
    monkeypatch.setattr(progress.time, "monotonic", clock)
    monkeypatch.setenv("CI", "true")
    reporter, out = Reporter(tmp_path, "nb"), Pipe(terminal=False)
    display = Display(tmp_path, ("nb", "en"), stream=out)
    reporter.pages(2000)
    reporter.step("pages")
    clock.now += 1
    reporter.page_done()
    display.update()
    clock.now += 1
    reporter.page_done()
    display.update()  # one second later: nothing
    clock.now += 5
    reporter.page_done()
    display.update()
    assert out.getvalue().splitlines() == [
        "build: nb 1/2000 pages, 1 s (slowest: pages 1 s)",
        "build: nb 3/2000 pages, 7 s (slowest: pages 7 s)",
    ]


def test_a_terminal_gets_one_updating_line_per_language(tmp_path, monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    out = Pipe(terminal=True)
    for lang, done in (("nb", 3), ("en", 7)):
        reporter = Reporter(tmp_path, lang)
        reporter.pages(10)
        reporter.step("pages")
        for _ in range(done):
            reporter.page_done()
        reporter.write(force=True)
    display = Display(tmp_path, ("nb", "en"), stream=out)
    display.update()
    display.close()
    shown = out.getvalue()
    assert (
        "build: nb" in shown
        and "3/10" in shown
        and "build: en" in shown
        and "7/10" in shown
        and "slowest: pages" in shown
    )
