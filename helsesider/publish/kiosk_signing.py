"""Proof of where a kiosk bundle came from: a manifest of every file's SHA-256 (the format of
``sha256sum``), signed with minisign (the format of Debian's ``minisign`` package, written and
checked here with the ``py-minisign`` library).

An operator can check a bundle with stock tools and nothing of this project::

    minisign -Vm MANIFEST.sha256 -p kiosk-signing.pub      # who made it
    sha256sum --check --strict --quiet MANIFEST.sha256     # that every file is as it was made

``verify`` (``make kiosk-verify``) does both and more: it names files that are missing, changed,
added, or replaced by a symbolic link, and refuses a manifest that names anything outside the
bundle.

Keys: the private key lives outside every checkout (``default_key_path()``: the user's
configuration folder), is made by ``make kiosk-key``, and a key inside the project's tree or
known to its git is refused: whoever can read a repository could sign bundles kiosks accept.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import subprocess
from pathlib import Path

import minisign

MANIFEST = "MANIFEST.sha256"
SIGNATURE = "MANIFEST.sha256.minisig"
KEY_NAME, PUBLIC_NAME = "kiosk-signing.key", "kiosk-signing.pub"
_MANIFEST_LINE = re.compile(r"^([0-9a-f]{64})  (.+)$")
_CLEAN_PATH = re.compile(r"^(?!/)(?!.*(?:^|/)\.\.?(?:/|$))[^\\\0]+$")


class KeyRefused(Exception):
    """A signing key that must not be used (its message says why and what to do)."""


def default_key_path() -> Path:
    """Where `make kiosk-key` keeps the private key: $XDG_CONFIG_HOME/helsesider/, by default
    ~/.config/helsesider/kiosk-signing.key (never inside a checkout)."""
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "helsesider" / KEY_NAME


def make_keys(folder: Path) -> tuple[Path, Path]:
    """A new key pair: folder/kiosk-signing.key (readable by its owner only) and
    folder/kiosk-signing.pub (minisign's public key file). Refuses to overwrite a key."""
    private, public = folder / KEY_NAME, folder / PUBLIC_NAME
    if private.exists() or public.exists():
        raise KeyRefused(f"{private} already exists; a kiosk key is never overwritten (move it away first)")
    pair = minisign.KeyPair.generate()
    folder.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(private, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(bytes(pair.secret_key) + b"\n")
    pair.public_key.untrusted_comment = "Helsesider kiosk bundles: public key"
    public.write_bytes(bytes(pair.public_key) + b"\n")
    return private, public


def key_problem(key_path: Path, root: Path) -> str | None:
    """Why the private key at `key_path` may not sign bundles (None when it may)."""
    key, top = key_path.resolve(), root.resolve()
    tracked = subprocess.run(
        ["git", "-C", str(top), "ls-files", "--error-unmatch", str(key)], capture_output=True, text=True
    )
    if tracked.returncode == 0:
        return (
            f"{key_path} is in the repository: anyone who can read it can sign bundles your kiosks accept. "
            "Make a new key outside the checkout (make kiosk-key), give kiosks its .pub, and remove this one "
            "from git and its history"
        )
    if key.is_relative_to(top):
        return (
            f"{key_path} is inside the checkout ({top}); keep the signing key outside it "
            f"(make kiosk-key makes one in {default_key_path().parent})"
        )
    return None


def file_hashes(folder: Path) -> tuple[dict[str, str], list[str]]:
    """(every file's SHA-256 by its path in the bundle, every symbolic link in the bundle); links
    are not followed."""
    found, links = {}, []
    for here, names, files in os.walk(folder):
        for name in sorted(names + files):
            path = Path(here) / name
            rel = path.relative_to(folder).as_posix()
            if path.is_symlink():
                links.append(rel)
            elif name in files and rel not in (MANIFEST, SIGNATURE):
                found[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
        names[:] = [n for n in names if not (Path(here) / n).is_symlink()]
    return dict(sorted(found.items())), sorted(links)


def write_manifest(folder: Path) -> Path:
    target = folder / MANIFEST
    hashes, _ = file_hashes(folder)
    target.write_text("".join(f"{digest}  {rel}\n" for rel, digest in hashes.items()), encoding="utf-8")
    return target


def sign(folder: Path, key_path: Path) -> Path:
    """Sign the bundle's manifest with the private key at key_path (minisign's format)."""
    secret = minisign.SecretKey.from_file(key_path)
    when = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    signature = secret.sign(
        (folder / MANIFEST).read_bytes(),
        prehash=False,
        untrusted_comment="Helsesider kiosk bundle",
        trusted_comment=f"helsesider kiosk bundle {when} {MANIFEST}",
    )
    target = folder / SIGNATURE
    target.write_bytes(bytes(signature) + b"\n")
    return target


def signature_problem(folder: Path, public_key: str) -> str | None:
    """Why the manifest's signature does not prove that the holder of the key made it."""
    signature = folder / SIGNATURE
    if not signature.is_file() or signature.is_symlink():
        return f"{signature}: missing; the bundle is not signed. Do not install it"
    try:
        key = minisign.PublicKey.from_bytes(public_key.strip().encode("ascii"))
    except (minisign.Error, ValueError, UnicodeError):
        return "the public key cannot be read: it is not a minisign public key (kiosk-signing.pub)"
    try:
        key.verify((folder / MANIFEST).read_bytes(), minisign.Signature.from_file(signature))
    except (minisign.Error, ValueError, OSError):
        return (
            f"{signature}: the signature does not match the manifest and the public key: the bundle was changed "
            "after it was made, or made by someone else. Do not install it"
        )
    return None


def find_bundle(folder: Path) -> Path:
    """The bundle at `folder`, or in its kiosk/ folder (the zip unpacks into kiosk/)."""
    if not (folder / MANIFEST).exists() and (folder / "kiosk" / MANIFEST).is_file():
        return folder / "kiosk"
    return folder


def verify(folder: Path, public_key: str | None = None) -> list[str]:
    """Problems of a copied bundle against its signed manifest (empty when it is complete,
    unchanged, and, with `public_key`, signed by the holder of that key)."""
    folder = find_bundle(folder)
    manifest = folder / MANIFEST
    if not manifest.is_file() or manifest.is_symlink():
        return [f"{manifest}: missing; this is not a kiosk bundle (point at the folder that holds {MANIFEST})"]
    if public_key is not None:
        problem = signature_problem(folder, public_key)
        if problem:
            return [problem]
    expected: dict[str, str] = {}
    problems = []
    for number, line in enumerate(manifest.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
        found = _MANIFEST_LINE.match(line)
        if not found or not _CLEAN_PATH.match(found.group(2)):
            problems.append(f"{manifest}:{number}: not a manifest line of a file inside the bundle: {line[:80]!r}")
            continue
        expected[found.group(2)] = found.group(1)
    actual, links = file_hashes(folder)
    problems += [f"symbolic link (a bundle holds files only): {rel}" for rel in links]
    problems += [f"missing: {rel}" for rel in expected if rel not in actual and rel not in links]
    problems += [f"changed: {rel}" for rel in expected if rel in actual and actual[rel] != expected[rel]]
    problems += [f"not in the manifest: {rel}" for rel in actual if rel not in expected]
    return problems
