"""Dates written the way each language writes them: "3. mars 2026" (nb, nn), "3 March 2026" (en),
"3.3.2026" (se); the format and the month names are data (``dates`` in
data/languages/<code>/language.yml)."""

from __future__ import annotations

import datetime as dt

from helsesider import locales


def format_date(day: dt.date, lang: str) -> str:
    language = locales.get(lang)
    month = language.months[day.month - 1] if len(language.months) == 12 else str(day.month)
    return language.date_format.format(day=day.day, month=month, month_number=day.month, year=day.year)


def parse_iso_date(text: str) -> dt.date:
    """Parse exactly YYYY-MM-DD; raise ValueError with a reason a partner understands."""
    if (
        len(text) != 10
        or text[4] != "-"
        or text[7] != "-"
        or not (text[:4] + text[5:7] + text[8:]).isdigit()
        or not text.isascii()
    ):
        raise ValueError(f"'{text}' is not a date written as YYYY-MM-DD")
    try:
        return dt.date(int(text[:4]), int(text[5:7]), int(text[8:]))
    except ValueError:
        raise ValueError(f"'{text}' is not a real date") from None


def add_years(day: dt.date, years: int) -> dt.date:
    """The same day `years` later; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)
