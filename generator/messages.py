"""The wording of what a school's answers can be told, in each language of the documents.

A check that finds something wrong with an answer says it as a `Said`: the id of a
message below and its values. The command line prints the English text, as
`Problem.message`; the web page and the terminal interview show the same problem in
their own language (`Problem.in_language`). Values that are words themselves (a
choice's label, a kind of character, where in the document) are given per language.

Only the messages an answer given on the web page or in the interview can get are
here; the rest (a broken options file, an unknown key, a missing logo) are about
files, which only the command line reads, and stay English.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .formats import LANGUAGES

MESSAGES: dict[str, dict[str, str]] = {
    "required": {
        "en": "is required: {label}",
        "da": "skal udfyldes: {label}",
    },
    "too_long": {
        "en": "is {length} characters long; the limit is {limit}",
        "da": "teksten er på {length} tegn; der må højst være {limit}",
    },
    "unprintable": {
        "en": "contains the {kind} U+{code} at position {position}; remove it (it cannot be printed)",
        "da": "tegn nr. {position} (U+{code}) er {kind}, som ikke kan skrives ud; fjern det",
    },
    "template_like": {
        "en": "looks like template syntax ({{{{ or {{%); it is printed exactly as typed, not evaluated",
        "da": "ligner skabelonkode ({{{{ eller {{%); teksten kommer med præcis, som den er skrevet",
    },
    "not_in_calendar": {
        "en": "{date} is not a date in the calendar ({reason})",
        "da": "datoen {date} findes ikke i kalenderen",
    },
    "date_format": {
        "en": "expected a date as YYYY-MM-DD (e.g. 2026-12-01) but received {shown}",
        "da": "skriv datoen som ÅÅÅÅ-MM-DD (fx 2026-12-01), ikke {shown}",
    },
    "not_bool": {
        "en": "expected true or false but received {shown}",
        "da": "vælg ja eller nej, ikke {shown}",
    },
    "not_one_of": {
        "en": "expected one of {names} but received {shown}{hint}",
        "da": "vælg et af svarene: {labels}; {shown} er ikke et af dem",
    },
    "departs_guidance": {
        "en": "differs from the guidance's recommendation (recommended: {recommended}; chosen: {chosen})",
        "da": "fraviger vejledningens anbefaling: {recommended_label}",
    },
    "departs_library": {
        "en": "differs from the library's recommendation (recommended: {recommended}; chosen: {chosen})",
        "da": "fraviger skabelonens anbefaling: {recommended_label}",
    },
    "printed_empty": {
        "en": "is empty, but the clause '{title}' prints it; fill it in",
        "da": "er tom, men punktet »{title}« skriver den ud; udfyld den",
    },
    "missing_glyph": {
        "en": (
            "no font of the PDF can draw {character} (in {where}), so the PDF cannot be made "
            "(the DOCX, HTML and Markdown can); replace or remove it"
        ),
        "da": (
            "PDF-filens skrifttyper kan ikke vise {character} ({where}), så PDF-filen kan ikke laves "
            "(DOCX, HTML og Markdown kan); erstat eller fjern tegnet"
        ),
    },
}

# Words given as values (`Said(..., kind=words("control"))`).
WORDS: dict[str, dict[str, str]] = {
    "control": {"en": "control character", "da": "et styretegn"},
    "surrogate": {"en": "lone surrogate (half of a UTF-16 pair)", "da": "et halvt UTF-16-tegnpar"},
    "private": {"en": "private-use character", "da": "et tegn til privat brug"},
    "noncharacter": {"en": "non-character", "da": "et reserveret ikke-tegn"},
    "the character": {"en": "the character", "da": "tegnet"},
    "school name": {"en": "the school name", "da": "i skolens navn"},
    "title": {"en": "the title", "da": "i titlen"},
    "municipality": {"en": "the municipality", "da": "i kommunens navn"},
    "version": {"en": "the version", "da": "i versionen"},
    "date line": {"en": "the date line", "da": "i datolinjen"},
    "footer": {"en": "the footer", "da": "i sidefoden"},
    "letterhead": {"en": "the letterhead", "da": "i brevhovedet"},
    "template": {"en": "the template", "da": "i skabelonen"},
    "cover fact": {"en": "the cover fact {label!r}", "da": "i forsidens felt »{label}«"},
    "label": {"en": "the label {label!r}", "da": "i teksten »{label}«"},
    "section": {"en": "section {number}", "da": "i afsnit {number}"},
    "clause": {"en": "clause {number}", "da": "i punkt {number}"},
    "source": {"en": "source {number}", "da": "i kilde {number}"},
}


def each_language(text: Mapping[str, str]) -> dict[str, str]:
    """A label given per language, in each language of the documents (Danish where one is missing)."""
    return {language: text.get(language) or text.get("da", "") for language in LANGUAGES}


def sentence(message: str) -> str:
    """A message shown on its own (beside a field, under a question): with a capital letter."""
    return message[:1].upper() + message[1:]


def words(name: str, **values: Any) -> dict[str, str]:
    """The per-language words `name` (with its `values` filled in), to give as a message's value."""
    return {language: text.format(**values) for language, text in WORDS[name].items()}


@dataclass(frozen=True)
class Said:
    """A message by id, with its values; `text(language)` words it."""

    id: str
    values: dict[str, Any]

    def __init__(self, id: str, **values: Any) -> None:
        object.__setattr__(self, "id", id)
        object.__setattr__(self, "values", values)

    def text(self, language: str = "en") -> str:
        template = MESSAGES[self.id].get(language) or MESSAGES[self.id]["en"]
        return template.format(**{name: _value(value, language) for name, value in self.values.items()})


def _value(value: Any, language: str) -> Any:
    if isinstance(value, dict):
        return value.get(language) or value["en"]
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}".replace(",", "." if language == "da" else ",")
    return value
