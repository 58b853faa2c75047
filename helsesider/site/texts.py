"""Interface text of the project's own templates and generated pages, per language.

The texts are data: ``data/languages/<code>/texts.yml`` (one file per language, so a translator
sees every string of a language in one place; ``make check`` names a key a language lacks), with
the theme's own texts under ``theme:``, and the accessibility statement in
``data/languages/<code>/accessibility.md``.
"""

from __future__ import annotations

from helsesider import locales
from helsesider.locales import PerLanguage

TEXTS = PerLanguage(lambda language: language.texts)


def theme_text(lang: str, key: str) -> str:
    """The project's wording of one of the theme's interface texts, or '' (then the theme's own
    file for the language, ``language.yml`` ``theme:``). The page's lang and dir come from the
    language's data."""
    language = locales.get(lang)
    if key == "language":
        return language.code
    if key == "direction":
        return language.dir
    return language.theme_texts.get(key, "")


def theme_file(lang: str) -> str:
    """The theme's language file to fall back on for `lang` (its partials/languages/<name>.html)."""
    return locales.get(lang).theme


def accessibility_statement(lang: str) -> str:
    return locales.get(lang).accessibility


# The numbers, in one place: (as written, as dialled).
PHONE_NUMBERS = {
    "emergency": ("113", "113"),
    "out_of_hours": ("116 117", "116117"),
    "guidance": ("23 32 70 00", "+4723327000"),
    # the helplines open day and night (seed 002, lines 132-134)
    "mental_health": ("116 123", "116123"),
    "kirkens_sos": ("22 40 00 40", "+4722400040"),
    "children": ("116 111", "116111"),
}


def _number(key: str) -> dict:
    shown, dialled = PHONE_NUMBERS[key]
    return {"shown": shown, "href": f"tel:{dialled}"}


@locales.cached
def alarm_texts(lang: str) -> dict:
    """The emergency guidance search shows above the results of an alarm sign
    (data/search/alarms.yml): "113" (113, and 116 117 for what is urgent but not
    life-threatening) and "helpline" (113 when life is in danger, and the helplines)."""
    return {
        "113": {
            "title": text(lang, "alarm_113_title", number=PHONE_NUMBERS["emergency"][0]),
            "text": text(lang, "alarm_113_text"),
            "emergency": _number("emergency"),
            "less": text(lang, "alarm_113_less"),
            "out_of_hours": _number("out_of_hours"),
        },
        "helpline": {
            "title": text(lang, "alarm_helpline_title"),
            "danger": text(lang, "alarm_helpline_danger"),
            "emergency": _number("emergency"),
            "talk": text(lang, "alarm_helpline_talk"),
            "lines": [
                {"name": text(lang, f"helpline_{key}"), **_number(key)}
                for key in ("mental_health", "kirkens_sos", "children")
            ],
        },
    }


@locales.cached
def help_texts(lang: str) -> dict:
    """The emergency banner and the footer's guidance line of every page (partials/help.html)."""

    def number(key: str) -> dict:
        shown, dialled = PHONE_NUMBERS[key]
        return {"shown": shown, "href": f"tel:{dialled}"}

    return {
        "label": text(lang, "emergency_label"),
        "skip": text(lang, "skip_to_content"),
        "a11y": text(lang, "a11y_title"),
        "language": text(lang, "language_label"),
        "emergency": {"text": text(lang, "emergency_text"), **number("emergency")},
        "out_of_hours": {"text": text(lang, "out_of_hours_text"), **number("out_of_hours")},
        "guidance": {"text": text(lang, "guidance_text"), **number("guidance")},
    }


def text(lang: str, key: str, **values: str) -> str:
    return locales.get(lang).texts[key].format(**values)
