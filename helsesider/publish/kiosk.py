"""``make kiosk``: the whole site as a folder that works with no network, for waiting rooms.

- ``build_kiosk`` builds every language with file URLs (``lege/fastlege.html``) and kiosk mode
  on (``HELSESIDER_KIOSK``), into ``dist/kiosk/`` with ``index.html`` at its root, writes
  ``MANIFEST.sha256`` (every file's SHA-256) and ``dist/kiosk.zip``.
- ``verify`` (``make kiosk-verify DIR=…``) checks a copied bundle against its manifest and
  names every missing, changed or unexpected file: a half-copied update is found, not shown.
- ``offsite_links`` turns every link that leaves the site into text, a QR code made at build
  time and "Skann koden med mobilen …": nothing on a shared screen opens a login page.
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import html
import re
import sys
import zipfile
from pathlib import Path

import segno

from helsesider.site.markup import Markup, render
from helsesider.site.texts import text

MANIFEST = "MANIFEST.sha256"
SIGNATURE = "MANIFEST.sha256.sig"  # Ed25519 signature of the manifest (hex)
KEY_FILE = "keys/kiosk-signing.key"  # the private key (hex seed): never commit it, never copy it to a kiosk
PUBLIC_KEY_FILE = "keys/kiosk-signing.pub"  # the public key (hex): what kiosk-verify checks with
# An anchor whose address leaves the site (Markdown, the hand-off partial and the theme all
# write href in double quotes; anchors do not nest)
_OFFSITE = re.compile(r'<a\b([^>]*?)\shref="(https?://[^"]+)"([^>]*)>(.*?)</a>', re.S | re.I)


@functools.lru_cache(maxsize=4096)
def qr_svg(url: str) -> str:
    """A QR code of `url` as inline SVG (made at build time: nothing to fetch)."""
    return segno.make(url, error="m").svg_inline(scale=3, dark="#000", light="#fff", omitsize=False)


def offsite_links(page_html: str, lang: str) -> str:
    """`page_html` with every link to another site replaced by its text, its address and a QR code."""
    if "://" not in page_html:  # any case: HTTPS:// leaves the site too
        return page_html

    def replace(match: re.Match) -> str:
        attributes, url, rest, inner = match.group(1), html.unescape(match.group(2)), match.group(3), match.group(4)
        login = "hs-handoff--login" in attributes + rest or "hs-handoff__lock" in inner
        scan = text(lang, "kiosk_scan" if login else "kiosk_scan_open")
        return render(
            "partials/offsite-link.html",
            url=url,
            inner=Markup(inner),
            qr=Markup(qr_svg(url)),
            qr_label=text(lang, "kiosk_qr_label", url=url),
            scan=scan,
        )

    return _OFFSITE.sub(replace, page_html)


def file_hashes(folder: Path) -> dict[str, str]:
    found = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if path.is_file() and rel not in (MANIFEST, SIGNATURE):
            found[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def write_manifest(folder: Path) -> Path:
    target = folder / MANIFEST
    target.write_text("".join(f"{digest}  {rel}\n" for rel, digest in file_hashes(folder).items()), encoding="utf-8")
    return target


def make_keys(folder: Path) -> tuple[Path, Path]:
    """A new Ed25519 key pair: folder/kiosk-signing.key (private, readable by its owner only) and
    folder/kiosk-signing.pub."""
    from nacl.signing import SigningKey

    key = SigningKey.generate()
    folder.mkdir(parents=True, exist_ok=True)
    private, public = folder / Path(KEY_FILE).name, folder / Path(PUBLIC_KEY_FILE).name
    private.write_text(key.encode().hex() + "\n", encoding="ascii")
    private.chmod(0o600)
    public.write_text(key.verify_key.encode().hex() + "\n", encoding="ascii")
    return private, public


def sign(folder: Path, key_path: Path) -> Path:
    """Sign the bundle's manifest with the private key at key_path."""
    from nacl.signing import SigningKey

    key = SigningKey(bytes.fromhex(key_path.read_text(encoding="ascii").strip()))
    signature = key.sign((folder / MANIFEST).read_bytes()).signature
    target = folder / SIGNATURE
    target.write_text(signature.hex() + "\n", encoding="ascii")
    return target


def signature_problem(folder: Path, public_key: str) -> str | None:
    """Why the manifest's signature does not prove that the holder of the key made it."""
    from nacl.exceptions import BadSignatureError
    from nacl.signing import VerifyKey

    signature = folder / SIGNATURE
    if not signature.is_file():
        return f"{signature}: missing; the bundle is not signed"
    try:
        VerifyKey(bytes.fromhex(public_key.strip())).verify(
            (folder / MANIFEST).read_bytes(), bytes.fromhex(signature.read_text(encoding="ascii").strip())
        )
    except (BadSignatureError, ValueError):
        return (
            f"{signature}: the signature does not match the manifest and the public key: the bundle was changed "
            "after it was made, or made by someone else"
        )
    return None


def verify(folder: Path, public_key: str | None = None) -> list[str]:
    """Problems of a copied bundle against its signed manifest (empty when it is complete,
    unchanged, and, with `public_key`, signed by the holder of that key)."""
    manifest = folder / MANIFEST
    if not manifest.is_file():
        return [f"{manifest}: missing; this is not a complete kiosk bundle"]
    if public_key is not None:
        problem = signature_problem(folder, public_key)
        if problem:
            return [problem]
    expected: dict[str, str] = {}
    problems = []
    for number, line in enumerate(manifest.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
        digest, sep, rel = line.partition("  ")
        if not sep or not re.fullmatch(r"[0-9a-f]{64}", digest) or not rel:
            problems.append(f"{manifest}:{number}: not a manifest line")
            continue
        expected[rel] = digest
    actual = file_hashes(folder)
    problems += [f"missing: {rel}" for rel in expected if rel not in actual]
    problems += [f"changed: {rel}" for rel in expected if rel in actual and actual[rel] != expected[rel]]
    problems += [f"not in the manifest: {rel}" for rel in actual if rel not in expected]
    return problems


def _zip(target: Path, archive: Path) -> Path:
    """The bundle as one zip file, its files under kiosk/."""
    archive.unlink(missing_ok=True)
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as bundle:
        for path in sorted(target.rglob("*")):
            if path.is_file():
                bundle.write(path, Path("kiosk") / path.relative_to(target))
    return archive


def build_kiosk(root: Path, dist: Path, jobs: int, key_path: Path | None = None) -> int:
    from helsesider.publish.build import build

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
    write_manifest(target)
    key_path = key_path or root / KEY_FILE
    if not key_path.is_file():
        private, public = make_keys(key_path.parent)
        print(
            f"kiosk: no signing key at {key_path}: made a new key pair. Keep {private} secret (not in git, not on a "
            f"kiosk); give kiosks {public} to check bundles with `make kiosk-verify`",
            file=sys.stderr,
        )
    sign(target, key_path)
    archive = _zip(target, dist / "kiosk.zip")
    size = sum(p.stat().st_size for p in target.rglob("*") if p.is_file())
    print(
        f"kiosk: {target} ({size / 1e6:.1f} MB, {sum(1 for p in target.rglob('*') if p.is_file())} files), "
        f"{archive} ({archive.stat().st_size / 1e6:.1f} MB); open {target / 'index.html'}",
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
    make.add_argument(
        "--key", default=None, help=f"the private signing key (default: ROOT/{KEY_FILE}, made when missing)"
    )
    check = sub.add_parser("verify", help="check a copied bundle against its signed manifest")
    check.add_argument("dir")
    check.add_argument(
        "--public-key", default=PUBLIC_KEY_FILE, help=f"the public key file (default: {PUBLIC_KEY_FILE})"
    )
    keys = sub.add_parser("keys", help="make a new signing key pair")
    keys.add_argument("--out", default="keys")
    args = parser.parse_args(argv)
    if args.command == "build":
        root = Path(args.root).resolve()
        return build_kiosk(
            root,
            Path(args.dist) if args.dist else root / "dist",
            max(1, args.jobs),
            Path(args.key).resolve() if args.key else None,
        )
    if args.command == "keys":
        private, public = make_keys(Path(args.out))
        print(f"kiosk: wrote {private} (secret) and {public}", file=sys.stderr)
        return 0
    return _verify_command(Path(args.dir), args.public_key)


def _verify_command(folder: Path, key_file: str) -> int:
    """`make kiosk-verify`: every problem of the copy, and 0 only when it matches."""
    try:
        public_key = Path(key_file).read_text(encoding="ascii")
    except OSError as exc:
        print(f"kiosk-verify: cannot read the public key {key_file}: {exc.strerror}", file=sys.stderr)
        return 1
    problems = verify(folder, public_key)
    for problem in problems:
        print(problem)
    if problems:
        print(
            f"kiosk-verify: {folder} does not match its manifest ({len(problems)} problem(s)); copy the bundle again",
            file=sys.stderr,
        )
        return 1
    print(
        f"kiosk-verify: {folder} matches its manifest, signed by the holder of {key_file} "
        f"({len(file_hashes(folder))} files)",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
