"""The look: Designsystemet, the design system of Norwegian public services.

Its npm packages (``@digdir/designsystemet-theme`` for the tokens, ``@digdir/designsystemet-css``
with one stylesheet per component) are installed by ``make setup`` from ``package-lock.json``
(exact versions and checksums) into ``node_modules/``. The build puts the theme and only the
components the site renders into one stylesheet, ``assets/stylesheets/hs-designsystemet.css``
(``hooks/design.py``); nothing is fetched after set-up, so the kiosk works offline.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

# node_modules/ of the project that holds this package (the generator's installation, not the
# content: fixture sites built from a temporary folder use the same stylesheets)
PROJECT = Path(__file__).resolve().parents[2]  # helsesider/site/design.py -> the project
STYLESHEET = "assets/stylesheets/hs-designsystemet.css"
THEME = "@digdir/designsystemet-theme/src/themes/designsystemet.css"
CSS_PACKAGE = "@digdir/designsystemet-css"
# The components the site renders (dist/src/<name>.css): base has the tokens' defaults, focus
# and .ds-sr-only; the rest are the service tiles and topic cards (card), hand-off buttons
# (button), links, the emergency banner (alert), breadcrumbs, the login badge (tag) and the
# skip link.
COMPONENTS = ("base", "link", "button", "card", "alert", "breadcrumbs", "tag", "skip-link")


class DesignError(Exception):
    """Designsystemet is not installed (``make setup`` installs it)."""


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as error:
        raise DesignError(f"{path}: {error.strerror or error}; run `make setup` (npm ci) to install Designsystemet") from None


def versions(root: Path = PROJECT) -> dict[str, str]:
    """The installed versions of the two packages."""
    found = {}
    for package in (CSS_PACKAGE, THEME.split("/src/")[0]):
        meta = json.loads(_read(Path(root) / "node_modules" / package / "package.json"))
        found[package] = str(meta.get("version", "?"))
    return found


@functools.lru_cache(maxsize=4)
def stylesheet(root: Path = PROJECT) -> str:
    """The theme and the components, one stylesheet, with the versions in its first line."""
    modules = Path(root) / "node_modules"
    names = ", ".join(f"{package} {version}" for package, version in versions(root).items())
    parts = [f"/* Designsystemet ({names}, MIT): the theme and the components {', '.join(COMPONENTS)} */"]
    parts.append(_read(modules / THEME).replace('@charset "UTF-8";', ""))
    parts += [_read(modules / CSS_PACKAGE / "dist" / "src" / f"{name}.css") for name in COMPONENTS]
    return '@charset "UTF-8";\n' + "\n".join(parts) + "\n"
