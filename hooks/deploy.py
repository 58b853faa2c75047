"""Collect the hashes of the inline scripts while pages are rendered (the HTML is in memory
here; reading 6,000 pages back afterwards took seconds), and write them to
``_deploy/inline-scripts.txt`` of the language; ``make build`` merges them into the
Content-Security-Policy of ``site/_deploy/headers.conf`` (``helsesider/deploy.py``)."""

from __future__ import annotations

from pathlib import Path

import _site
from helsesider.publish.deploy import DEPLOY_DIR, SCRIPTS_FILE, script_hashes

_found: set[str] = set()


def on_pre_build(config):
    _found.clear()


def on_post_page(output, *, page, config):
    _found.update(script_hashes(output))
    return output


def on_post_template(output_content, *, template_name, config):
    _found.update(script_hashes(output_content))  # 404.html
    return output_content


def on_post_build(config):
    if _site.corpus(config).settings.kiosk:
        return  # a kiosk bundle has no web server
    folder = Path(config.site_dir) / _site.output_folder(config, _site.language(config)) / DEPLOY_DIR
    folder.mkdir(parents=True, exist_ok=True)
    (folder / SCRIPTS_FILE).write_text("".join(f"{h}\n" for h in sorted(_found)), encoding="utf-8")
