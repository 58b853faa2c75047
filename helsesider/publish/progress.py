"""A build's progress, per language (issue 33): each language's build (a process of its own)
says how far it has come, and ``make build`` shows it.

- ``Reporter`` (in the language's build, ``hooks/progress.py``): the pages done of the total,
  the time so far and the slowest step so far (reading the content, rendering the pages, the
  work after the pages: search index, feed, lookup files), written as one small JSON file per
  language into the folder ``HELSESIDER_PROGRESS`` names, at most twice a second.
- ``Display`` (in ``make build``): on a terminal one updating line per language (``tqdm``,
  pinned); elsewhere (CI) a line per language when it has moved on, at most every five seconds.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

ENV = "HELSESIDER_PROGRESS"
EVERY = 0.5  # seconds between a language's reports
QUIET = 5.0  # seconds between a language's lines in CI


class Reporter:
    """One language build's progress, written to `folder`/<lang>.json."""

    def __init__(self, folder: Path, lang: str):
        self.path = Path(folder) / f"{lang}.json"
        self.lang = lang
        self.start = self.phase_start = time.monotonic()
        self.phase = "reading"
        self.steps: dict[str, float] = {}
        self.done = self.total = 0
        self.written = 0.0

    def step(self, name: str) -> None:
        """A new step begins (the one before it ends)."""
        now = time.monotonic()
        self.steps[self.phase] = self.steps.get(self.phase, 0.0) + now - self.phase_start
        self.phase, self.phase_start = name, now
        self.write(force=True)

    def pages(self, total: int) -> None:
        self.total = total
        self.write(force=True)

    def page_done(self) -> None:
        self.done += 1
        self.write()

    def state(self) -> dict:
        now = time.monotonic()
        steps = dict(self.steps)
        steps[self.phase] = steps.get(self.phase, 0.0) + now - self.phase_start
        slowest = max(steps.items(), key=lambda item: item[1])
        return {"lang": self.lang, "done": self.done, "total": self.total, "elapsed": round(now - self.start, 1),
                "step": self.phase, "slowest": [slowest[0], round(slowest[1], 1)]}  # fmt: skip

    def write(self, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self.written < EVERY:
            return
        self.written = now
        temporary = self.path.with_suffix(".tmp")
        try:
            temporary.write_text(json.dumps(self.state()), encoding="utf-8")
            os.replace(temporary, self.path)
        except OSError:
            pass  # progress is a courtesy: a build never fails for it


def read(folder: Path, lang: str) -> dict | None:
    try:
        return json.loads((Path(folder) / f"{lang}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def line(state: dict) -> str:
    """One language's progress in words: "nb 1200/2000 pages, 24 s (slowest: pages 20 s)"."""
    step, seconds = state["slowest"]
    return f"{state['lang']} {state['done']}/{state['total'] or '?'} pages, {state['elapsed']:.0f} s (slowest: {step} {seconds:.0f} s)"


class Display:
    """The languages' progress in `make build`: bars on a terminal, a few lines elsewhere."""

    def __init__(self, folder: Path, languages: tuple[str, ...], stream=None):
        self.folder, self.languages = Path(folder), languages
        self.stream = stream or sys.stderr
        self.terminal = bool(getattr(self.stream, "isatty", lambda: False)()) and os.environ.get("CI") is None
        self.bars: dict = {}
        self.said: dict[str, tuple[float, int]] = {}

    def update(self) -> None:
        for position, lang in enumerate(self.languages):
            state = read(self.folder, lang)
            if state is None:
                continue
            if self.terminal:
                self._bar(position, lang, state)
            else:
                self._line(lang, state)

    def _bar(self, position: int, lang: str, state: dict) -> None:
        from tqdm import tqdm

        bar = self.bars.get(lang)
        if bar is None:
            bar = self.bars[lang] = tqdm(total=state["total"] or None, desc=f"build: {lang}", unit=" pages",
                                         position=position, leave=True, file=self.stream, dynamic_ncols=True)  # fmt: skip
        if state["total"] and bar.total != state["total"]:
            bar.total = state["total"]
        bar.n = state["done"]
        step, seconds = state["slowest"]
        bar.set_postfix_str(f"{state['step']}; slowest: {step} {seconds:.0f} s", refresh=False)
        bar.refresh()

    def _line(self, lang: str, state: dict) -> None:
        now = time.monotonic()
        last, done = self.said.get(lang, (0.0, -1))
        if now - last < QUIET or state["done"] == done:
            return
        self.said[lang] = (now, state["done"])
        print(f"build: {line(state)}", file=self.stream, flush=True)

    def close(self) -> None:
        for bar in self.bars.values():
            bar.close()
