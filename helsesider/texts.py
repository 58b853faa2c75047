"""Interface text of the project's own templates and generated pages, per language.

One table, so a translator sees every string of a language in one place and a test can check
that no language lacks a key.
"""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "nb": {
        "language_name": "Bokmål",
        "topics_heading": "Temaer",
        "az_title": "Innhold A–Å",
        "az_description": "Alle artiklene på bokmål, sortert etter forbokstav.",
        "az_letters": "Bokstaver",
        "az_empty": "ingen artikler",
        "az_see": "se",
        "az_other": "0–9",
        "topic_articles": "Artikler om {topic}",
        "translation_missing": "Denne siden finnes ikke på bokmål. Du kommer til forsiden.",
        "supplied_by": "Innholdet er levert av",
        "reviewed_by": "Kvalitetssikret av",
        "last_reviewed": "Sist faglig oppdatert",
        "next_review": "Neste faglige gjennomgang",
        "about_content": "Om innholdet",
        "provider_page_intro": "Innholdet på disse sidene er levert av {name}.",
        "provider_website": "Nettstedet til {name}",
        "provider_articles": "Artikler fra {name}",
        "provider_no_articles": "Det finnes ingen artikler fra {name} på bokmål ennå.",
        "providers_title": "Samarbeidspartnere",
        "providers_intro": "Disse leverer og kvalitetssikrer innholdet på nettstedet.",
    },
    "nn": {
        "language_name": "Nynorsk",
        "topics_heading": "Tema",
        "az_title": "Innhald A–Å",
        "az_description": "Alle artiklane på nynorsk, sorterte etter forbokstav.",
        "az_letters": "Bokstavar",
        "az_empty": "ingen artiklar",
        "az_see": "sjå",
        "az_other": "0–9",
        "topic_articles": "Artiklar om {topic}",
        "translation_missing": "Denne sida finst ikkje på nynorsk. Du kjem til framsida.",
        "supplied_by": "Innhaldet er levert av",
        "reviewed_by": "Kvalitetssikra av",
        "last_reviewed": "Sist fagleg oppdatert",
        "next_review": "Neste faglege gjennomgang",
        "about_content": "Om innhaldet",
        "provider_page_intro": "Innhaldet på desse sidene er levert av {name}.",
        "provider_website": "Nettstaden til {name}",
        "provider_articles": "Artiklar frå {name}",
        "provider_no_articles": "Det finst ingen artiklar frå {name} på nynorsk enno.",
        "providers_title": "Samarbeidspartnarar",
        "providers_intro": "Desse leverer og kvalitetssikrar innhaldet på nettstaden.",
    },
    "en": {
        "language_name": "English",
        "topics_heading": "Topics",
        "az_title": "Contents A–Z",
        "az_description": "All articles in English, sorted by their first letter.",
        "az_letters": "Letters",
        "az_empty": "no articles",
        "az_see": "see",
        "az_other": "0–9",
        "topic_articles": "Articles about {topic}",
        "translation_missing": "This page is not available in English. You will go to the front page.",
        "supplied_by": "Content supplied by",
        "reviewed_by": "Quality assured by",
        "last_reviewed": "Last professionally reviewed",
        "next_review": "Next review",
        "about_content": "About this content",
        "provider_page_intro": "The content on these pages is supplied by {name}.",
        "provider_website": "Website of {name}",
        "provider_articles": "Articles from {name}",
        "provider_no_articles": "There are no articles from {name} in English yet.",
        "providers_title": "Content partners",
        "providers_intro": "These organisations supply and quality-assure the content of this site.",
    },
}


def text(lang: str, key: str, **values: str) -> str:
    return TEXTS[lang][key].format(**values)
