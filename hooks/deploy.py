"""Collect the hashes of the inline scripts while pages are rendered (the HTML is in memory
here; reading 6,000 pages back afterwards took seconds), and write them to
``_deploy/inline-scripts.txt`` of the language; ``make build`` merges them into the
Content-Security-Policy of ``site/_deploy/headers.conf`` (``helsesider/publish/deploy.py``)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

import _site
from helsesider.publish.deploy import DEPLOY_DIR, SCRIPTS_FILE, script_hashes


def on_pre_build(*, config: MkDocsConfig) -> None:
    _site.STATE.script_hashes.clear()
    _site.STATE.page_scripts.clear()


def on_post_page(output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
    # by page: a page an incremental build takes from its cache brings its own (hooks/incremental.py)
    _site.STATE.page_scripts[page.file.src_uri] = frozenset(script_hashes(output))
    return output


def on_post_template(output_content: str, /, *, template_name: str, config: MkDocsConfig) -> str | None:
    _site.STATE.script_hashes.update(script_hashes(output_content))  # 404.html
    return output_content


def on_post_build(*, config: MkDocsConfig) -> None:
    if _site.corpus(config).settings.kiosk:
        return  # a kiosk bundle has no web server
    folder = Path(config.site_dir) / _site.output_folder(config, _site.language(config)) / DEPLOY_DIR
    folder.mkdir(parents=True, exist_ok=True)
    hashes = _site.STATE.script_hashes.union(*_site.STATE.page_scripts.values())
    (folder / SCRIPTS_FILE).write_text("".join(f"{h}\n" for h in sorted(hashes)), encoding="utf-8")
