"""Findings: one problem in one file, printed as ``path:line:col: severity: message``."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"
NOTICE = "notice"  # for the reviewer (a change of policy): never fails the check


def printable(text: str) -> str:
    """`text` with control characters and line separators written as escapes: a file name or a
    title with a newline cannot start a line of its own (a forged finding, or a GitHub workflow
    command such as '::error …')."""

    def escape(ch: str) -> str:
        if unicodedata.category(ch) not in ("Cc", "Zl", "Zp"):
            return ch
        return f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}"

    return "".join(escape(ch) for ch in text)


@dataclass(frozen=True, order=True)
class Finding:
    path: str
    line: int
    col: int
    severity: str
    message: str

    def __str__(self) -> str:
        return f"{printable(self.path)}:{self.line}:{self.col}: {self.severity}: {printable(self.message)}"

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def github_annotation(self, shown: str | None = None) -> str:
        """The same finding as a GitHub Actions workflow command (with `shown`: its message as
        shown to the partner, translated)."""
        message = printable(self.message if shown is None else shown).replace("%", "%25")
        path = printable(self.path).replace("%", "%25").replace(",", "%2C").replace(":", "%3A")
        return f"::{self.severity} file={path},line={self.line},col={self.col}::{message}"


def error(path: str, line: int, message: str, col: int = 1) -> Finding:
    return Finding(path, line, col, ERROR, message)


def warning(path: str, line: int, message: str, col: int = 1) -> Finding:
    return Finding(path, line, col, WARNING, message)


def notice(path: str, line: int, message: str, col: int = 1) -> Finding:
    return Finding(path, line, col, NOTICE, message)


def has_errors(findings) -> bool:
    return any(f.is_error for f in findings)


class Positions:
    """Offsets in the body to line and column in the file."""

    def __init__(self, body: str, first_line: int):
        self.starts = [0] + [m.end() for m in re.finditer("\n", body)]
        self.first_line = first_line

    def at(self, offset: int) -> tuple[int, int]:
        lo, hi = 0, len(self.starts)
        while lo + 1 < hi:
            mid = (lo + hi) // 2
            if self.starts[mid] <= offset:
                lo = mid
            else:
                hi = mid
        return self.first_line + lo, offset - self.starts[lo] + 1
