"""Where one language's build time goes: each hook's events timed in real time (no profiler,
whose overhead falls mostly on the many small calls of MkDocs and Python-Markdown), beside the
stock build of the same language (``make bench``; issue 33).

    python bench/hook_costs.py PROJECT LANG [--reference mkdocs-reference.yml] [--repeats 3]

Run as ``python bench/hook_costs.py --timed mkdocs-args...`` (in the project's folder) it is the
build itself: every event method of the hooks and plugins is wrapped and timed, and the times
are printed as JSON on stderr's last line.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

MARK = "hook-costs: "


def _timed_build(mkdocs_args: list[str]) -> None:
    """`mkdocs` with `mkdocs_args`, each hook's or plugin's event method timed (wrapped the first
    time MkDocs runs its event)."""
    import atexit

    import mkdocs.plugins
    from mkdocs.__main__ import cli

    spent: dict[str, float] = defaultdict(float)
    run_event = mkdocs.plugins.PluginCollection.run_event

    def timed(method, key: str):
        def call(*args, **kwargs):
            start = time.perf_counter()
            try:
                return method(*args, **kwargs)
            finally:
                spent[key] += time.perf_counter() - start

        call.hs_timed = True  # type: ignore[attr-defined]
        return call

    def run_timed(self, name, item=None, **kwargs):
        methods = self.events[name]
        for i, method in enumerate(methods):
            if not getattr(method, "hs_timed", False):
                module = getattr(method, "__module__", "?").rsplit("/", 1)[-1]  # a hook's is its path
                methods[i] = timed(method, f"{module} on_{name}")
        return run_event(self, name, item, **kwargs)

    mkdocs.plugins.PluginCollection.run_event = run_timed  # type: ignore[method-assign]
    started = time.perf_counter()
    atexit.register(
        lambda: print(MARK + json.dumps({"total": time.perf_counter() - started, **spent}), file=sys.stderr)
    )
    sys.argv = ["mkdocs", *mkdocs_args]
    cli()


def one_build(project: Path, lang: str, config: str | None) -> dict[str, float]:
    """One timed build of `lang` (the project's own mkdocs.yml, or `config`)."""
    with tempfile.TemporaryDirectory() as site:
        args = ["build", "--clean", "--quiet", "--site-dir", site, *(["-f", config] if config else [])]
        env = dict(os.environ, HELSESIDER_LANGUAGE=lang, NO_MKDOCS_2_WARNING="1")
        done = subprocess.run(
            [sys.executable, str(Path(__file__).resolve()), "--timed", *args],
            cwd=project, env=env, capture_output=True, text=True,
        )  # fmt: skip
    lines = [line for line in done.stderr.splitlines() if line.startswith(MARK)]
    if done.returncode != 0 or not lines:
        raise SystemExit(f"timed build of {lang} failed:\n{done.stderr[-3000:]}")
    return json.loads(lines[-1].removeprefix(MARK))


def costs(project: Path, lang: str, reference: str, repeats: int) -> tuple[dict[str, float], float]:
    """Medians of `repeats` builds, ours and the stock build alternating: each hook's seconds
    (with "total"), and the stock build's total."""
    ours: list[dict[str, float]] = []
    stock: list[float] = []
    for _ in range(repeats):
        ours.append(one_build(project, lang, None))
        stock.append(one_build(project, lang, reference)["total"])
    keys = {key for run in ours for key in run}
    return {key: statistics.median(run.get(key, 0.0) for run in ours) for key in keys}, statistics.median(stock)


def print_costs(project: Path, lang: str, reference: str, repeats: int = 3, shown: int = 12) -> None:
    found, stock = costs(project, lang, reference, repeats)
    total = found.pop("total")
    hooks = sum(found.values())
    print()
    print(f"where one language's build time goes ({lang}, one process alone, medians of {repeats}; seconds):")
    for key, seconds in sorted(found.items(), key=lambda item: -item[1])[:shown]:
        print(f"  {key:48}{seconds:>7.2f}{seconds / total:>7.0%}")
    print(f"  {'all hooks and plugins':48}{hooks:>7.2f}{hooks / total:>7.0%}")
    print(f"  {'MkDocs, Python-Markdown, the templates':48}{total - hooks:>7.2f}{(total - hooks) / total:>7.0%}")
    print(f"  {'the whole build':48}{total:>7.2f}")
    print(f"  {'the stock build of the same language':48}{stock:>7.2f}   ratio {total / stock:.2f}")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--timed"]:
        _timed_build(argv[1:])
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("lang")
    parser.add_argument("--reference", default="mkdocs-reference.yml")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)
    print_costs(args.project, args.lang, args.reference, args.repeats)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
