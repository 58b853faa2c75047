"""Kiosk signing keys and the verifier (written before the third round's fixes): a key that came
with the checkout is refused, keys are made outside the tree, and the verifier refuses symbolic
links and anything outside the bundle. Needs no build: the bundle here is a small folder."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from test_partner_loop import git

from helsesider.publish.kiosk import MANIFEST, make_keys, sign, verify, write_manifest


def bundle(tmp_path: Path) -> Path:
    folder = tmp_path / "kiosk"
    (folder / "lege").mkdir(parents=True)
    (folder / "index.html").write_text("<p>Ring 113</p>", encoding="utf-8")
    (folder / "lege" / "fastlege.html").write_text("<p>Fastlege</p>", encoding="utf-8")
    write_manifest(folder)
    return folder


def test_a_file_replaced_by_a_symlink_with_the_same_content_is_refused(tmp_path):
    folder = bundle(tmp_path)
    private, public = make_keys(tmp_path / "keys")
    sign(folder, private)
    outside = tmp_path / "outside.html"
    shutil.copy(folder / "index.html", outside)
    (folder / "index.html").unlink()
    (folder / "index.html").symlink_to(outside)
    problems = verify(folder, public.read_text())
    assert any("index.html" in p and "symbolic link" in p for p in problems), problems


def test_a_folder_replaced_by_a_symlink_is_refused(tmp_path):
    folder = bundle(tmp_path)
    private, public = make_keys(tmp_path / "keys")
    sign(folder, private)
    elsewhere = tmp_path / "elsewhere"
    shutil.move(folder / "lege", elsewhere)
    (folder / "lege").symlink_to(elsewhere)
    problems = verify(folder, public.read_text())
    assert any("lege" in p and "symbolic link" in p for p in problems), problems


def test_a_manifest_line_pointing_outside_the_bundle_is_refused(tmp_path):
    folder = bundle(tmp_path)
    (tmp_path / "secret").write_text("x", encoding="utf-8")
    manifest = folder / MANIFEST
    digest = __import__("hashlib").sha256(b"x").hexdigest()
    manifest.write_text(manifest.read_text() + f"{digest}  ../secret\n", encoding="utf-8")
    problems = verify(folder)
    assert any("../secret" in p for p in problems), problems


def test_the_signature_is_minisign_and_debians_minisign_accepts_it(tmp_path):
    """The operator can check a bundle with a stock tool: `minisign -V` (Debian's package)."""
    folder = bundle(tmp_path)
    private, public = make_keys(tmp_path / "keys")
    signature = sign(folder, private)
    assert signature.name == "MANIFEST.sha256.minisig"
    assert shutil.which("minisign"), "Debian's minisign is missing (make test installs it)"
    result = subprocess.run(
        ["minisign", "-Vm", str(folder / MANIFEST), "-p", str(public)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    (folder / MANIFEST).write_text((folder / MANIFEST).read_text() + "\n", encoding="utf-8")
    result = subprocess.run(
        ["minisign", "-Vm", str(folder / MANIFEST), "-p", str(public)], capture_output=True, text=True
    )
    assert result.returncode != 0


def _project(tmp_path: Path) -> Path:
    root = tmp_path / "checkout"
    root.mkdir()
    (root / "README.md").write_text("x\n", encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    return root


def kiosk_build(root: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "helsesider.publish.kiosk", "build", "--root", str(root), *args]
    return subprocess.run(
        command, capture_output=True, text=True, timeout=60, env={**os.environ, **(env or {})}, cwd=root
    )


def test_a_key_that_came_with_the_checkout_is_refused_before_anything_is_built(tmp_path):
    root = _project(tmp_path)
    private, _ = make_keys(root / "keys")
    git(root, "add", "-f", "keys")
    git(root, "-c", "user.email=t@example.org", "-c", "user.name=t", "commit", "-qm", "a key")
    result = kiosk_build(root, "--key", str(private), "--dist", str(tmp_path / "dist"))
    assert result.returncode == 2, result.stdout + result.stderr
    assert "kiosk-signing.key" in result.stderr and "repository" in result.stderr
    assert not (tmp_path / "dist").exists()


def test_a_key_inside_the_checkout_is_refused_too(tmp_path):
    root = _project(tmp_path)
    private, _ = make_keys(root / "keys")
    result = kiosk_build(root, "--key", str(private), "--dist", str(tmp_path / "dist"))
    assert result.returncode == 2 and "outside" in result.stderr, result.stderr


def test_kiosk_key_makes_the_pair_outside_the_tree(tmp_path):
    config = tmp_path / "config"
    result = subprocess.run(
        [sys.executable, "-m", "helsesider.publish.kiosk", "keys"],
        capture_output=True,
        text=True,
        env={**os.environ, "XDG_CONFIG_HOME": str(config)},
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    made = config / "helsesider" / "kiosk-signing.key"
    assert made.is_file() and (made.stat().st_mode & 0o077) == 0
    assert (config / "helsesider" / "kiosk-signing.pub").read_text().startswith("untrusted comment:")
    again = subprocess.run(
        [sys.executable, "-m", "helsesider.publish.kiosk", "keys"],
        capture_output=True,
        text=True,
        env={**os.environ, "XDG_CONFIG_HOME": str(config)},
        cwd=tmp_path,
    )
    assert again.returncode == 2 and "already" in again.stderr  # never overwrites a key
