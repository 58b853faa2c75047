"""Build one language on its own (``HELSESIDER_LANGUAGE=nn mkdocs build``).

mkdocs-static-i18n's ``build_only_locale`` then builds that language at the root of the site
folder; ``helsesider.publish.build`` puts it under ``nn/``. Canonical URLs must still say ``/nn/``,
so the site URL gets the language's folder. Priority -110: after the i18n plugin's
``on_config`` (-100), which resets the configuration for the language.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from helsesider import DEFAULT_LANGUAGE


@event_priority(-110)
def on_config(config: MkDocsConfig) -> MkDocsConfig | None:
    i18n = config.plugins.get("i18n")
    only = i18n.config.build_only_locale if i18n else None
    if only and only != DEFAULT_LANGUAGE and config.site_url:
        base = config.site_url if config.site_url.endswith("/") else config.site_url + "/"
        if not base.endswith(f"/{only}/"):
            config.site_url = f"{base}{only}/"
    return config
