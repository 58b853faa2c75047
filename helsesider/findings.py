"""Findings: one problem in one file, printed as ``path:line:col: severity: message``."""

from __future__ import annotations

from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Finding:
    path: str
    line: int
    col: int
    severity: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.severity}: {self.message}"

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def github_annotation(self) -> str:
        """The same finding as a GitHub Actions workflow command."""
        message = self.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        path = self.path.replace("%", "%25").replace(",", "%2C").replace(":", "%3A")
        return f"::{self.severity} file={path},line={self.line},col={self.col}::{message}"


def error(path: str, line: int, message: str, col: int = 1) -> Finding:
    return Finding(path, line, col, ERROR, message)


def warning(path: str, line: int, message: str, col: int = 1) -> Finding:
    return Finding(path, line, col, WARNING, message)


def has_errors(findings) -> bool:
    return any(f.is_error for f in findings)
