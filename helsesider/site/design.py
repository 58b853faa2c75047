"""The look and the site's own files: Designsystemet, the design system of Norwegian public
services, and the project's stylesheets and scripts, as the pages load them.

Designsystemet's npm packages (``@digdir/designsystemet-theme`` for the tokens,
``@digdir/designsystemet-css`` with one stylesheet per component) are installed by ``make setup``
from ``package-lock.json`` into ``node_modules/``. The theme is trimmed to what the site uses (the
light colour scheme, the colours it names; no dark scheme, no secondary typography: a page should
not download rules it never applies), read and written with ``tinycss2``.

Every page loads what it uses and no more (``ASSETS``): ``hs-site.css`` (the theme, the
components every page has, and ``overrides/assets/stylesheets/helsesider.css``), and where the
page has them, the cards (``hs-cards.css``), the care cards (``hs-care.css``) and the A–Å bar
(``hs-az.css``); ``hs-site.js`` (menus, the search field, and the search engine loaded when a
search starts), and in the kiosk ``hs-kiosk.js``. Each file's name carries the first eight hex
digits of its SHA-256 (``hs-site.1a2b3c4d.css``), so a server may keep it for a year, and it is
written once for the whole site (``assets/`` at the root, the same address from every language:
a language switch loads no stylesheet or script again).
"""

from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import tinycss2

# node_modules/ and overrides/ of the project that holds this package (the generator's
# installation, not the content: fixture sites built from a temporary folder use the same files)
PROJECT = Path(__file__).resolve().parents[2]  # helsesider/site/design.py -> the project
THEME = "@digdir/designsystemet-theme/src/themes/designsystemet.css"
CSS_PACKAGE = "@digdir/designsystemet-css"
SOURCES = PROJECT / "overrides" / "assets"
# The colours the site names (data-color): the accent of the theme, the emergency and care
# cards (danger, warning, info), tags (neutral, info, success)
# Designsystemet's accent (--ds-color-accent-base-default): the logo's colour, the web app's theme
ACCENT = "#0062BA"
COLOURS = ("accent", "neutral", "danger", "warning", "info", "success")
# logical name -> (Designsystemet components, the project's own files under overrides/assets/)
ASSETS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "hs-site.css": (
        ("base", "link", "button", "alert", "breadcrumbs", "tag", "skip-link"),
        ("stylesheets/helsesider.css",),
    ),
    "hs-cards.css": ((), ("stylesheets/cards.css",)),
    "hs-care.css": ((), ("stylesheets/care.css",)),
    "hs-az.css": ((), ("stylesheets/az.css",)),
    "hs-site.js": ((), ("javascripts/hs-site.js",)),
    "hs-search.js": ((), ("javascripts/hs-search.js",)),
    "hs-kiosk.css": ((), ("stylesheets/kiosk.css",)),
    "hs-kiosk.js": ((), ("javascripts/hs-kiosk.js",)),
    "hs-lookup.js": ((), ("javascripts/hs-lookup.js",)),
    "hs-logo.svg": ((), ()),
    # the web app's icons (helsesider/site/offline.py): the logo rendered to PNG by resvg
    "hs-icon-192.png": ((), ()),
    "hs-icon-512.png": ((), ()),
    "hs-icon-maskable.png": ((), ()),
}


class DesignError(Exception):
    """Designsystemet is not installed (``make setup`` installs it)."""


@dataclass(frozen=True)
class Asset:
    name: str  # hs-site.css
    path: str  # assets/stylesheets/hs-site.1a2b3c4d.css, from the site's root
    content: bytes


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as error:
        raise DesignError(
            f"{path}: {error.strerror or error}; run `make setup` (npm ci) to install Designsystemet"
        ) from None


def versions(root: Path = PROJECT) -> dict[str, str]:
    """The installed versions of the two packages."""
    found = {}
    for package in (CSS_PACKAGE, THEME.split("/src/")[0]):
        meta = json.loads(_read(Path(root) / "node_modules" / package / "package.json"))
        found[package] = str(meta.get("version", "?"))
    return found


def _unused(prelude: str) -> bool:
    """A rule of the theme the site never applies: the dark and automatic colour schemes, the
    secondary typography, colours the site does not name."""
    text = prelude.replace(" ", "")
    if "color-scheme.dark" in text or "typography.secondary" in text or "prefers-color-scheme" in text:
        return True
    named = [part.split('"')[0] for part in text.split('data-color="')[1:]]
    return bool(named) and not any(colour in COLOURS for colour in named)


def _prune(rules: list) -> list:
    kept = []
    for rule in rules:
        if rule.type in ("whitespace", "comment"):
            continue
        prelude = tinycss2.serialize(rule.prelude) if getattr(rule, "prelude", None) is not None else ""
        label = f"@{rule.lower_at_keyword}{prelude}" if rule.type == "at-rule" else prelude
        if _unused(label):
            continue
        if (
            rule.type == "at-rule"
            and rule.content is not None
            and rule.lower_at_keyword in ("layer", "media", "supports")
        ):
            inner = _prune(tinycss2.parse_blocks_contents(rule.content, skip_whitespace=True))
            if not inner:
                continue
            body = "\n".join(inner)
            kept.append(f"@{rule.at_keyword}{prelude}{{\n{body}\n}}")
            continue
        kept.append(tinycss2.serialize([rule]))
    return kept


@functools.lru_cache(maxsize=4)
def theme(root: Path = PROJECT) -> str:
    """Designsystemet's theme, trimmed to what the site applies."""
    rules = tinycss2.parse_stylesheet(_read(Path(root) / "node_modules" / THEME), skip_whitespace=True)
    return "\n".join(_prune([rule for rule in rules if rule.type != "at-rule" or rule.lower_at_keyword != "charset"]))


def _logo(root: Path) -> str:
    """The logo in the accent colour (the favicon)."""
    return _read(Path(root) / "overrides" / ".icons" / "hs" / "logo.svg").replace(
        'fill="currentColor"', f'fill="{ACCENT}"'
    )


def _icon(name: str, root: Path) -> bytes:
    """A web app icon: the logo at 192 or 512 pixels, or (maskable) its cross on a square of the
    accent colour that a phone may cut to any shape (the cross stays inside the middle 80 %)."""
    import resvg_py

    logo = _logo(root)
    if name == "hs-icon-maskable.png":
        logo = logo.replace(
            '<rect x="1" y="1" width="22" height="22" rx="5"', '<rect x="0" y="0" width="24" height="24"'
        )
    size = 192 if name == "hs-icon-192.png" else 512
    return bytes(resvg_py.svg_to_bytes(svg_string=logo, width=size, height=size))


def _content(name: str, root: Path) -> bytes:
    components, own = ASSETS[name]
    if name == "hs-logo.svg":  # the favicon: the logo in the accent colour
        return _logo(root).encode("utf-8")
    if name.endswith(".png"):
        return _icon(name, root)
    parts = [_read(Path(root) / "overrides" / "assets" / rel) for rel in own]
    if not name.endswith(".css"):
        return "\n".join(parts).encode("utf-8")
    modules = Path(root) / "node_modules"
    head = []
    if name == "hs-site.css":
        names = ", ".join(f"{package} {version}" for package, version in versions(root).items())
        head = [f"/* Designsystemet ({names}, MIT): the theme (light) and {', '.join(components)} */", theme(root)]
    elif components:
        head = [f"/* Designsystemet: {', '.join(components)} */"]
    head += [
        _read(modules / CSS_PACKAGE / "dist" / "src" / f"{c}.css").replace('@charset "UTF-8";', "") for c in components
    ]
    return ('@charset "UTF-8";\n' + "\n".join(head + parts) + "\n").encode("utf-8")


def _folder(name: str) -> str:
    return {"css": "stylesheets", "js": "javascripts", "svg": "images", "png": "images"}[name.rsplit(".", 1)[1]]


@functools.lru_cache(maxsize=4)
def assets(root: Path = PROJECT) -> dict[str, Asset]:
    """Every file the pages load, by its logical name, with its fingerprinted path."""
    found = {}
    for name in ASSETS:
        content = _content(name, root)
        stem, suffix = name.rsplit(".", 1)
        digest = hashlib.sha256(content).hexdigest()[:8]
        found[name] = Asset(name, f"assets/{_folder(name)}/{stem}.{digest}.{suffix}", content)
    return found


def stylesheet(root: Path = PROJECT) -> str:
    """The stylesheet every page loads (for the bench and tests)."""
    return assets(root)["hs-site.css"].content.decode("utf-8")
