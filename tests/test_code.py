"""The code itself: no import cycles in helsesider/, ruff and mypy clean (what `make lint` runs)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_helsesider_has_no_import_cycles():
    graph = grimp.build_graph("helsesider")
    cycles = []
    for module in sorted(graph.modules):
        for imported in graph.find_modules_directly_imported_by(module):
            if graph.chain_exists(importer=imported, imported=module):
                cycles.append((module, imported, graph.find_shortest_chain(importer=imported, imported=module)))
    assert cycles == []


def test_helsesider_does_not_import_mkdocs():
    graph = grimp.build_graph("helsesider", "mkdocs", include_external_packages=True)
    assert [m for m in graph.find_upstream_modules("mkdocs") if m.startswith("helsesider")] == []


def test_functions_in_helsesider_are_short():
    """No function over 40 lines unless a comment on its first line says why ("# long: …");
    complexity over 15 is ruff's C901 (pyproject.toml)."""
    import ast

    long = []
    for path in sorted((ROOT / "helsesider").rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        lines = source.splitlines()
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                size = node.end_lineno - node.lineno + 1
                if size > 40 and "# long:" not in lines[node.lineno - 1]:
                    long.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name} ({size} lines)")
    assert long == []


@pytest.mark.slow
@pytest.mark.parametrize("command", [["ruff", "check", "."], ["ruff", "format", "--check", "."], ["mypy"]])
def test_lint_is_clean(command):
    result = subprocess.run([sys.executable, "-m", *command], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
