"""The fixed phrases of a document, in each language the tool writes."""

from __future__ import annotations

import datetime as dt

PHRASES: dict[str, dict[str, str]] = {
    "da": {
        # labels the writers use (document.LABEL_KEYS)
        "contents": "Indhold",
        "draft_mark": "UDKAST",
        "page_x_of_y": "Side {page} af {pages}",
        "version": "Version",
        "sources_title": "Lovgrundlag og kilder",
        "review_edition": "Udgave til drøftelse, med valgene og kommentarer",
        "guidance_named": "vejledningen fra {publisher}",
        "review_guide": (
            "Sådan læses udgaven: Under hver bestemmelse står i en ramme, hvad den bygger på: {guidance}, "
            "skabelonens eget forslag (skabelonen er den samling af bestemmelser, udkastet er lavet med) eller "
            "loven. Et beslutningspunkt er et valg, skolen træffer: ●\u00a0er valget i dette udkast, ○\u00a0de andre "
            "muligheder, hver med det, politikken så siger. Anbefalingen er vejledningens, hvor vejledningen selv "
            "siger det, ellers skabelonens. Hvem der vedtager politikken, står nedenfor."
        ),
        # cover
        "municipality": "Kommune",
        "status": "Status",
        "approved_by": "Godkendt af",
        "to_be_approved_by": "Godkendes af",
        "adopted": "Vedtaget",
        "next_review": "Næste revision",
        "date_adopted": "Vedtaget {date}",
        # contacts table
        "col_role": "Funktion",
        "col_name": "Navn",
        "col_phone": "Telefon",
        "col_email": "E-mail",
        "incident_system": "Registrering af hændelser",
        # clause status in the review edition
        "status_statutory": "Lovbestemt",
        "status_recommended": "Bygger på vejledningen fra {publisher}",
        "status_optional": "Skabelonens forslag ud over vejledningen",
        "status_local": "Lokal bestemmelse",
        "subject": "Lokal politik for medarbejderes brug af sociale medier",
        "keywords": "sociale medier, politik, skole, tavshedspligt, {platform}",
        "source_practice": "Almindelig praksis i skolers politikker",
        "legal_basis": "Lovgrundlag",
        "checked_in": "kontrolleret i",
        "guidance_source": "Kilde",
        "chosen": "valgt",
        "recommended": "anbefalet",
        "warning": "Bemærk",
        # decision points in the review edition
        "chosen_value": "Valgt",
        "no_alternatives": "ingen faste alternativer: skolen skriver selv teksten",
        "recommendation_guidance": "Vejledningen fra {publisher} anbefaler: {choice}. Vejledningen siger: »{quote}«",
        "recommendation_library": "Skabelonen anbefaler: {choice}.",
        "recommendation_none": "Ingen anbefaling: svaret afhænger af skolens egne forhold.",
        "departure_guidance": "Skolen fraviger her anbefalingen i vejledningen fra {publisher} ({choice}).",
        "departure_library": "Skolen fraviger her skabelonens anbefaling ({choice}).",
    },
    "en": {
        "contents": "Contents",
        "draft_mark": "DRAFT",
        "page_x_of_y": "Page {page} of {pages}",
        "version": "Version",
        "sources_title": "Legal basis and sources",
        "review_edition": "Edition for discussion, with the choices and commentary",
        "guidance_named": "the guidance from {publisher}",
        "review_guide": (
            "How to read this edition: below each provision, a box says what it rests on: {guidance}, this "
            "library's own proposal (the library is the collection of provisions the draft was made from) or the "
            "law. A decision point is a choice the school makes: ●\u00a0is the choice in this draft, ○\u00a0the other "
            "options, each with what the policy would then say. The recommendation is the guidance's where the "
            "guidance itself says so, otherwise the library's. Who adopts the policy is stated below."
        ),
        "municipality": "Municipality",
        "status": "Status",
        "approved_by": "Approved by",
        "to_be_approved_by": "To be approved by",
        "adopted": "Adopted",
        "next_review": "Next review",
        "date_adopted": "Adopted {date}",
        "col_role": "Role",
        "col_name": "Name",
        "col_phone": "Telephone",
        "col_email": "E-mail",
        "incident_system": "Incident registration",
        "status_statutory": "Required by law",
        "status_recommended": "Based on the guidance from {publisher}",
        "status_optional": "This library's proposal beyond the guidance",
        "status_local": "Local provision",
        "subject": "Local policy on staff use of social media",
        "keywords": "social media, policy, school, confidentiality, {platform}",
        "source_practice": "Common practice in school policies",
        "legal_basis": "Legal basis",
        "checked_in": "checked in",
        "guidance_source": "Source",
        "chosen": "chosen",
        "recommended": "recommended",
        "warning": "Note",
        "chosen_value": "Chosen",
        "no_alternatives": "no fixed alternatives: the school writes its own text",
        "recommendation_guidance": "The guidance from {publisher} recommends: {choice}. The guidance says: '{quote}'",
        "recommendation_library": "This library recommends: {choice}.",
        "recommendation_none": "No recommendation: the answer depends on the school's own circumstances.",
        "departure_guidance": (
            "The school departs here from the recommendation in the guidance from {publisher} ({choice})."
        ),
        "departure_library": "The school departs here from this library's recommendation ({choice}).",
    },
}

LANG_TAGS = {"da": "da-DK", "en": "en-GB"}
BABEL_LOCALES = {"da": "da_DK", "en": "en_GB"}


def phrase(language: str, key: str, **values: str) -> str:
    text = PHRASES[language][key]
    return text.format(**values) if values else text


def long_date(value: dt.date | None, language: str) -> str:
    """ "1. december 2026" in Danish, "1 December 2026" in English; "" for no date."""
    if value is None:
        return ""
    from babel.dates import format_date

    return format_date(value, "long", locale=BABEL_LOCALES[language])
