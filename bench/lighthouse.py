"""Lighthouse on the built sample site, as a citizen's phone meets it: npm ``lighthouse`` 12.2.3
(pinned in bench/package.json and its lock, installed by the benchmark into bench/out/node/) on
Debian's Chromium, its mobile profile (simulated slow 4G and a slower CPU), the site served by
nginx with deploy/nginx.conf (gzip and caching as in production).

Pages: the front page, an article, A–Å and a search link (?q=) in Bokmål and Northern Sámi.
Prints the four category scores, LCP, TBT, CLS and the bytes transferred, beside the figures of
the code before the portal layout (bench/lighthouse-before.json, measured the same way).

    python bench/lighthouse.py [--site site/] [--save-as bench/lighthouse-before.json]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tools.browser import CHROMIUM, CHROMIUM_FLAGS  # noqa: E402
from tools.nginx import serve  # noqa: E402

NODE = ROOT / "bench" / "out" / "node"
BEFORE = ROOT / "bench" / "lighthouse-before.json"
PAGES = {
    "nb front": "",
    "nb article": "lege/fastlege/",
    "nb A–Å": "a-a/",
    "nb search link": "?q=fastlege",
    "se front": "se/",
    "se article": "se/lege/fastlege/",
    "se A–Å": "se/a-a/",
    "se search link": "se/?q=fastadoavttir",
}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def node_modules() -> Path:
    """bench/package.json's packages (Pagefind, Lighthouse), installed once into bench/out/node/."""
    marker = NODE / "node_modules" / ".bench-installed"
    wanted = (ROOT / "bench" / "package-lock.json").read_bytes()
    if not marker.exists() or marker.read_bytes() != wanted:
        NODE.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / "bench" / "package.json", NODE / "package.json")
        shutil.copy(ROOT / "bench" / "package-lock.json", NODE / "package-lock.json")
        # `npm install` with the lock, not `npm ci`: the registry this project uses has Pagefind's
        # Linux binaries only, so the lock lists no others and `npm ci` refuses it as incomplete
        subprocess.run(["npm", "install", "--no-audit", "--no-fund"], cwd=NODE, check=True, capture_output=True)
        marker.write_bytes(wanted)
    return NODE / "node_modules"


def lighthouse(url: str, out: Path) -> dict:
    """One Lighthouse run of `url`: {category: score 0–100, lcp_ms, tbt_ms, cls, kb}."""
    binary = node_modules() / ".bin" / "lighthouse"
    flags = " ".join([*CHROMIUM_FLAGS, f"--user-data-dir={out / 'profile'}"])
    report = out / "report.json"
    subprocess.run(
        [str(binary), url, "--quiet", "--output=json", f"--output-path={report}", f"--chrome-flags={flags}",
         f"--only-categories={','.join(CATEGORIES)}"],
        check=True, capture_output=True, env={"CHROME_PATH": CHROMIUM, "PATH": "/usr/bin:/bin", "HOME": str(out)},
        timeout=300,
    )  # fmt: skip
    data = json.loads(report.read_text(encoding="utf-8"))
    audits = data["audits"]
    return {
        **{name: round(100 * (data["categories"][name]["score"] or 0)) for name in CATEGORIES},
        "lcp_ms": round(audits["largest-contentful-paint"]["numericValue"]),
        "tbt_ms": round(audits["total-blocking-time"]["numericValue"]),
        "cls": round(audits["cumulative-layout-shift"]["numericValue"], 3),
        "kb": round(audits["total-byte-weight"]["numericValue"] / 1024, 1),
    }


def measure(site: Path) -> dict[str, dict]:
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as work, serve(site, Path(work) / "nginx") as base:
        results = {}
        for number, (name, path) in enumerate(PAGES.items()):
            run = Path(work) / "lh" / str(number)  # ASCII: Chromium's profile folder
            run.mkdir(parents=True)
            results[name] = lighthouse(base + path, run)
        return results


def _cell(now: dict, before: dict, key: str, width: int) -> str:
    was = before.get(key)
    return f"{now[key]} ({was if was is not None else '–'})".rjust(width)


def table(now: dict[str, dict], before: dict[str, dict]) -> str:
    head = (
        f"{'page':16} {'perf':>9} {'a11y':>9} {'bp':>9} {'seo':>9} {'LCP ms':>13} {'TBT ms':>11} {'CLS':>13} {'KB':>13}"
    )
    rows = [head, "(each cell: now, and before the portal layout in brackets)"]
    widths = {
        "performance": 9,
        "accessibility": 9,
        "best-practices": 9,
        "seo": 9,
        "lcp_ms": 13,
        "tbt_ms": 11,
        "cls": 13,
        "kb": 13,
    }
    for name, figures in now.items():
        cells = " ".join(_cell(figures, before.get(name, {}), key, width) for key, width in widths.items())
        rows.append(f"{name:16} {cells}")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", default=str(ROOT / "site"))
    parser.add_argument("--save-as", default=None, help="write the figures to this JSON file (the 'before' figures)")
    args = parser.parse_args(argv)
    now = measure(Path(args.site))
    if args.save_as:
        Path(args.save_as).write_text(json.dumps(now, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    before = json.loads(BEFORE.read_text(encoding="utf-8")) if BEFORE.exists() else {}
    print("Lighthouse 12.2.3, mobile profile, Debian's Chromium, nginx with deploy/nginx.conf:")
    print(table(now, before))
    return 0


if __name__ == "__main__":
    sys.exit(main())
