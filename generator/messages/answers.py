"""What a school's answers can be told: the messages beside a field on the web page, under a
question in the interview, and in `policygen validate`'s lines; and the words given as their values."""

from __future__ import annotations

ANSWERS: dict[str, dict[str, str]] = {
    "required": {"en": "is required: {label}", "da": "skal udfyldes: {label}"},
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
    "not_bool": {"en": "expected true or false but received {shown}", "da": "vælg ja eller nej, ikke {shown}"},
    "not_one_of": {
        "en": "expected one of {names} but received {shown}{hint}",
        "da": "vælg et af svarene: {labels}; {shown} er ikke et af dem",
    },
    "departs_guidance": {
        "en": "differs from the guidance's recommendation (recommended: {recommended}; chosen: {chosen})",
        "da": "fraviger vejledningens anbefaling (anbefalet: {recommended_label})",
    },
    "departs_library": {
        "en": "differs from the library's recommendation (recommended: {recommended}; chosen: {chosen})",
        "da": "fraviger skabelonens anbefaling (anbefalet: {recommended_label})",
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
VALUE_WORDS: dict[str, dict[str, str]] = {
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
    # what sort of value was received (`check_values.kind_of`)
    "kind_bool": {"en": "a boolean", "da": "en ja/nej-værdi"},
    "kind_number": {"en": "a number", "da": "et tal"},
    "kind_mapping": {"en": "a mapping", "da": "en gruppe af nøgler"},
    "kind_list": {"en": "a list", "da": "en liste"},
    "kind_date": {"en": "a date", "da": "en dato"},
    "kind_nothing": {"en": "nothing", "da": "ingenting"},
    "kind_text": {"en": "text", "da": "tekst"},
    # a value that is not text, shown with its kind: "a number 5" / "tallet 5"
    "shown_bool": {"en": "a boolean {value}", "da": "ja/nej-værdien {value}"},
    "shown_number": {"en": "a number {value}", "da": "tallet {value}"},
    "shown_date": {"en": "a date {value}", "da": "datoen {value}"},
    "shown_nothing": {"en": "nothing {value}", "da": "ingenting"},
    "a tab": {"en": "a tab", "da": "et tabulatortegn"},
    # the parts of a policy (library.yaml's `part`)
    "part_body": {"en": "body", "da": "politikkens hoveddel"},
    "part_closing": {"en": "closing", "da": "den afsluttende del"},
    "or": {"en": "or", "da": "eller"},
    "and": {"en": "and", "da": "og"},
    # a language's texts: "has no 'en' text" / "har ingen engelsk tekst"
    "text_da": {"en": "'da'", "da": "dansk"},
    "text_en": {"en": "'en'", "da": "engelsk"},
    "texts_da": {"en": "'da'", "da": "danske"},
    "texts_en": {"en": "'en'", "da": "engelske"},
}
