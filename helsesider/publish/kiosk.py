"""``make kiosk``: the whole site as a folder that works with no network, for waiting rooms.

- ``build_kiosk`` builds every language with file URLs (``lege/fastlege.html``) and kiosk mode
  on (``HELSESIDER_KIOSK``), into ``dist/kiosk/`` with ``index.html`` at its root, writes
  ``KIOSK.md`` (the operator's guide) and ``MANIFEST.sha256`` (every file's SHA-256), signs it
  (``kiosk_signing.py``: minisign) and writes ``dist/kiosk.zip``.
- ``verify`` (``make kiosk-verify DIR=…``) checks a copied bundle against its signed manifest and
  names every missing, changed, unexpected or linked file: a half-copied update is found, not shown.
- ``offsite_links`` turns every link that leaves the site into text, a QR code made at build
  time and "Skann koden med mobilen …": nothing on a shared screen opens a login page.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import zipfile
from pathlib import Path

from helsesider.publish.kiosk_signing import (
    MANIFEST,
    PUBLIC_NAME,
    SIGNATURE,
    KeyRefused,
    default_key_path,
    file_hashes,
    find_bundle,
    key_problem,
    make_keys,
    sign,
    signature_problem,
    verify,
    write_manifest,
)
from helsesider.site.offsite import offsite_links, qr_svg

__all__ = ["MANIFEST", "SIGNATURE", "make_keys", "offsite_links", "qr_svg", "sign", "verify", "write_manifest"]

# The operator's guide, in the bundle's root: checking, installing, starting, updating
GUIDE = "KIOSK.md"
GUIDE_SOURCE = Path(__file__).resolve().parents[2] / GUIDE  # the generator's, whatever the content


def _zip(target: Path, archive: Path) -> Path:
    """The bundle as one zip file, its files under kiosk/."""
    archive.unlink(missing_ok=True)
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as bundle:
        for path in sorted(target.rglob("*")):
            if path.is_file():
                bundle.write(path, Path("kiosk") / path.relative_to(target))
    return archive


def build_kiosk(root: Path, dist: Path, jobs: int, key_path: Path) -> int:
    """Build, sign and zip the bundle; 2 (before anything is built) when the key may not sign."""
    from helsesider.publish.build import build

    problem = key_problem(key_path, root) if key_path.is_file() else None
    if not key_path.is_file() or problem:
        why = problem or f"no signing key at {key_path}; make one with `make kiosk-key` (KIOSK_KEY=path for another)"
        print(f"kiosk: refused: {why}", file=sys.stderr)
        return 2
    target = dist / "kiosk"
    env = {"HELSESIDER_KIOSK": "true", "HELSESIDER_DIRECTORY_URLS": "false"}
    # no site-wide sitemap or web-server files: a kiosk has no search engine and no server
    code = build(
        root,
        target,
        str(Path(sys.executable).with_name("mkdocs")),
        [],
        jobs,
        env=env,
        directory_urls=False,
        site_files=False,
    )
    if code != 0:
        return code
    for leftover in target.rglob("sitemap.xml*"):  # the ones MkDocs writes per language
        leftover.unlink()
    shutil.copyfile(GUIDE_SOURCE, target / GUIDE)  # the operator's guide, signed with the rest
    write_manifest(target)
    sign(target, key_path)
    archive = _zip(target, dist / "kiosk.zip")
    files = len(file_hashes(target)[0]) + 2
    size = sum(p.stat().st_size for p in target.rglob("*") if p.is_file())
    print(
        f"kiosk: {target} ({size / 1e6:.1f} MB, {files} files), {archive} ({archive.stat().st_size / 1e6:.1f} MB), "
        f"signed with {key_path}; open {target / 'index.html'}",
        file=sys.stderr,
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make kiosk", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    make = sub.add_parser("build", help="build dist/kiosk and dist/kiosk.zip")
    make.add_argument("--root", default=".")
    make.add_argument("--dist", default=None, help="default: ROOT/dist")
    make.add_argument("--jobs", type=int, default=3)
    make.add_argument("--key", default=None, help=f"the private signing key (default: {default_key_path()})")
    check = sub.add_parser("verify", help="check a copied bundle against its signed manifest")
    check.add_argument("dir")
    check.add_argument("--public-key", default=str(default_key_path().with_name(PUBLIC_NAME)), help="kiosk-signing.pub")
    keys = sub.add_parser("keys", help="make a new signing key pair (make kiosk-key)")
    keys.add_argument("--out", default=None, help=f"folder (default: {default_key_path().parent})")
    keys.add_argument("--if-missing", action="store_true", help="do nothing when the key exists")
    args = parser.parse_args(argv)
    if args.command == "build":
        root = Path(args.root).resolve()
        key = Path(args.key) if args.key else default_key_path()
        return build_kiosk(root, Path(args.dist) if args.dist else root / "dist", max(1, args.jobs), key)
    if args.command == "keys":
        folder = Path(args.out) if args.out else default_key_path().parent
        if args.if_missing and (folder / default_key_path().name).is_file():
            return 0
        try:
            private, public = make_keys(folder)
        except KeyRefused as refused:
            print(f"kiosk-key: {refused}", file=sys.stderr)
            return 2
        print(
            f"kiosk-key: wrote {private} (secret: keep it here, never in git, never on a kiosk) and {public} (give it to kiosks)",
            file=sys.stderr,
        )
        return 0
    return _verify_command(Path(args.dir), args.public_key)


def _verify_command(folder: Path, key_file: str) -> int:
    """`make kiosk-verify`: every problem of the copy, and 0 only when it matches."""
    try:
        public_key = Path(key_file).read_text(encoding="ascii")
    except (OSError, UnicodeError) as exc:
        print(f"kiosk-verify: cannot read the public key {key_file}: {exc}", file=sys.stderr)
        return 1
    bundle = find_bundle(folder)
    refused = signature_problem(bundle, public_key) if (bundle / MANIFEST).is_file() else None
    if refused:
        print(refused)
        print(
            f"kiosk-verify: DO NOT INSTALL {bundle}: it is not the bundle the holder of {key_file} made",
            file=sys.stderr,
        )
        return 1
    problems = verify(bundle)
    for problem in problems:
        print(problem)
    if problems:
        print(
            f"kiosk-verify: {bundle} does not match its signed manifest ({len(problems)} problem(s)): "
            "the copy is incomplete or was changed; copy the bundle again from the zip, then verify again",
            file=sys.stderr,
        )
        return 1
    count = len(file_hashes(bundle)[0])
    print(
        f"kiosk-verify: {bundle} is complete and unchanged, signed by the holder of {key_file} ({count} files)",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
