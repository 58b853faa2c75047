"""The pull-request check (`make check CHANGED=1`) is the build's check, and the workflows run
it safely (written before the third round's fixes).

- every finding about a changed or added file of any kind is shown, names with any characters
  included (git quotes non-ASCII names unless asked for NUL-separated output);
- a change outside docs/ and data/ (the checker, the Makefile, templates) checks everything;
- the workflows put no `${{ }}` expression inside a `run:` command, keep the token out of
  `.git/config` where the pull request's code runs, declare least-privilege permissions, and run
  the checker from the base branch against the pull request's content.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from test_hostile_input import make_project
from test_partner_loop import git

from conftest import ROOT, article

CHECK = "helsesider.gate.check"


def pull_request(tmp_path: Path, files: dict[str, object], base_files: dict[str, object] | None = None) -> Path:
    """A project whose main branch has the sample registries, one article and `base_files`, and
    a branch 'change' that adds `files` (text, bytes or ('symlink', target)); untracked files
    are part of the change too (a partner's working copy)."""
    root = make_project(
        tmp_path,
        {"docs/nb/lege/gammel.md": article(title="Gammel", body="[Les](finnes-ikke.md)"), **(base_files or {})},
    )
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "base")
    git(root, "checkout", "-q", "-b", "change")
    for rel, content in files.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, tuple):
            os.symlink(content[1], target)
        elif isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "change")
    return root


def check_changed(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", CHECK, "--root", str(root), "--changed", "--base", "main"],
        capture_output=True,
        text=True,
        cwd=root,
        timeout=120,
    )


SVG = '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'
ADDED = [
    ("html-file", "docs/nb/lege/side.html", "<script>alert(1)</script>"),
    ("svg-named-png", "docs/nb/lege/bilde.png", SVG),
    ("markdown-extension", "docs/nb/lege/x.markdown", article()),
    ("symlink-out", "docs/nb/lege/passord.md", ("symlink", "/etc/passwd")),
    ("non-ascii-name", "docs/nb/lege/blåbær.md", article(title="Blåbær")),
    ("svg-file", "docs/nn/lege/ikon.svg", SVG),
]


@pytest.mark.parametrize("name, rel, content", ADDED, ids=[c[0] for c in ADDED])
def test_the_pull_request_check_fails_on_every_file_the_build_refuses(tmp_path, name, rel, content):
    root = pull_request(tmp_path, {rel: content})
    result = check_changed(root)
    assert result.returncode == 1, result.stdout + result.stderr
    assert any(line.startswith(f"{rel}:") and ": error: " in line for line in result.stdout.splitlines()), (
        result.stdout + result.stderr
    )
    assert "gammel.md" not in result.stdout  # untouched content is not reported


def test_a_change_outside_docs_and_data_checks_everything(tmp_path):
    root = pull_request(tmp_path, {"helsesider/gate/checks.py": "# the pull request's own checker\n"})
    result = check_changed(root)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "docs/nb/lege/gammel.md:" in result.stdout, result.stdout + result.stderr
    assert "checking everything" in result.stderr


def test_a_change_to_the_makefile_checks_everything(tmp_path):
    root = pull_request(tmp_path, {"Makefile": "check:\n\t@true\n"})
    result = check_changed(root)
    assert result.returncode == 1 and "docs/nb/lege/gammel.md:" in result.stdout, result.stdout + result.stderr


# --- the workflows ------------------------------------------------------------------------------
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def _jobs():
    for path in WORKFLOWS:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for name, job in (data.get("jobs") or {}).items():
            yield path.name, name, job, data


def test_no_expression_inside_a_run_command():
    """`${{ … }}` in `run:` is pasted into the shell script before it runs: a branch or file name
    of the pull request's choosing becomes a command. Values go through `env:`."""
    found = []
    for workflow, name, job, _ in _jobs():
        for step in job.get("steps") or []:
            if "${{" in str(step.get("run", "")):
                found.append(f"{workflow}: {name}: {step.get('name') or step['run'][:40]}")
    assert found == []


def test_no_checkout_leaves_the_token_in_git_config():
    found = []
    for workflow, name, job, _ in _jobs():
        for step in job.get("steps") or []:
            if str(step.get("uses", "")).startswith("actions/checkout@"):
                if (step.get("with") or {}).get("persist-credentials") is not False:
                    found.append(f"{workflow}: {name}")
    assert found == []


def test_every_workflow_declares_least_privilege_permissions():
    for path in WORKFLOWS:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert "permissions" in data, path.name
        top = data["permissions"]
        assert top == {"contents": "read"} or top == {}, f"{path.name}: {top}"
    for workflow, name, job, _ in _jobs():
        for scope, level in (job.get("permissions") or {}).items():
            if level == "write":
                assert workflow == "deploy.yml" and scope in ("pages", "id-token"), f"{workflow}: {name}: {scope}"


def test_pull_requests_are_checked_by_the_base_branchs_checker():
    """The job that runs `make check` on a pull request runs it in a checkout of the base branch,
    pointed at the pull request's content with --root: a pull request that edits the checker,
    the Makefile or the data it reads cannot change its own gate."""
    data = yaml.safe_load((ROOT / ".github/workflows/check.yml").read_text(encoding="utf-8"))
    steps = data["jobs"]["check"]["steps"]
    checkouts = [s for s in steps if str(s.get("uses", "")).startswith("actions/checkout@")]
    base = [s for s in checkouts if "base" in str((s.get("with") or {}).get("ref", ""))]
    assert base, "no checkout of the base branch"
    base_path = base[0]["with"]["path"]
    runs = [s for s in steps if "check" in str(s.get("run", "")) and "make" in str(s.get("run", ""))]
    assert runs and all(s.get("working-directory") == base_path for s in runs), runs
    assert all("--root" in str(s.get("run")) or "ROOT" in str(s.get("run")) for s in runs), runs
