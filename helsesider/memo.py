"""A memo of results by what they were made of, which an incremental build keeps between builds
(``helsesider/publish/incremental.py``): only the results asked for in a build are kept for the
next, so it never grows past one build's worth."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class Memo:
    def __init__(self, kept: dict[str, Any] | None = None) -> None:
        self.kept = kept or {}  # from the previous build
        self.used: dict[str, Any] = {}  # asked for in this one: what the next build gets

    def get(self, key: str, make: Callable[[], Any]) -> Any:
        if key in self.used:
            return self.used[key]
        value = self.kept[key] if key in self.kept else make()
        self.used[key] = value
        return value
