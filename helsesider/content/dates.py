"""Dates written the way each language writes them: "3. mars 2026" (nb, nn), "3 March 2026" (en)."""

from __future__ import annotations

import datetime as dt

# fmt: off
_NORWEGIAN = ("januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober",
              "november", "desember")
MONTHS = {
    "nb": _NORWEGIAN,
    "nn": _NORWEGIAN,
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
}
# fmt: on


def format_date(day: dt.date, lang: str) -> str:
    month = MONTHS[lang][day.month - 1]
    if lang == "en":
        return f"{day.day} {month} {day.year}"
    return f"{day.day}. {month} {day.year}"


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
