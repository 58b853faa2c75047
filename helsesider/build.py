"""``python -m helsesider.build``: check the content, build into a temporary folder, then swap.

``site/`` is replaced only when the whole build succeeded; a failed check or build leaves the
previous site exactly as it was.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .check import main as check_main


def build(root: Path, site_dir: Path, mkdocs: str, extra_args: list[str]) -> int:
    if check_main(["--root", str(root)]) != 0:
        print("build: content has errors; site/ was left as it was", file=sys.stderr)
        return 1
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-build-", dir=site_dir.parent))
    try:
        result = subprocess.run(
            [mkdocs, "build", "--clean", "--site-dir", str(staging), *extra_args], cwd=root
        )
        if result.returncode != 0:
            print(f"build: mkdocs failed (exit {result.returncode}); {site_dir.name}/ was left as it was", file=sys.stderr)
            return result.returncode
        old = None
        if site_dir.exists():
            old = site_dir.with_name(f".{site_dir.name}-old-{staging.name}")
            site_dir.rename(old)
        staging.rename(site_dir)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
        print(f"build: wrote {site_dir}", file=sys.stderr)
        return 0
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make build", description=__doc__.splitlines()[0])
    parser.add_argument("--root", default=".", help="project folder (default: the current folder)")
    parser.add_argument("--site-dir", default=None, help="output folder (default: ROOT/site)")
    parser.add_argument("--mkdocs", default=str(Path(sys.executable).with_name("mkdocs")))
    args, extra = parser.parse_known_args(argv)
    root = Path(args.root).resolve()
    site_dir = Path(args.site_dir) if args.site_dir else root / "site"
    return build(root, site_dir, args.mkdocs, extra)


if __name__ == "__main__":
    sys.exit(main())
