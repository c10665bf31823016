"""A small hand-built Document for writer tests that need no clause library."""

from __future__ import annotations

from dataclasses import replace

from generator.document import (
    Alternative,
    Block,
    Clause,
    ContactRow,
    ContactTable,
    Decision,
    Document,
    ListBlock,
    Meta,
    Paragraph,
    ReviewNote,
    Run,
    Section,
    Source,
)
from generator.phrases import PHRASES

LABELS_DA = dict(PHRASES["da"])


def para(text: str) -> Paragraph:
    return Paragraph((Run(text),))


def sample_document(*, draft: bool = True, review: bool = False, school: str = "Søndervang Skole") -> Document:
    meta = Meta(
        language="da",
        lang_tag="da-DK",
        title="Politik for medarbejderes brug af sociale medier",
        school=school,
        municipality="Kolding Kommune",
        status="draft" if draft else "adopted",
        status_label="Udkast" if draft else "Vedtaget",
        version="1.0",
        date_line="Udkast af 1. december 2026" if draft else "Vedtaget 1. december 2026",
        author=school,
        subject="Lokal politik for medarbejderes brug af sociale medier",
        keywords="sociale medier, politik, skole",
        created="2026-12-01T00:00:00Z",
        cover_facts=(("Kommune", "Kolding Kommune"), ("Version", "1.0"), ("Status", "Udkast")),
        labels=LABELS_DA,
        edition="review" if review else "adopted",
    )
    note = None
    if review:
        note = ReviewNote(
            status_label="Anbefalet i vejledningen",
            source="Kolding Lærerkreds: Venskaber på de sociale medier",
            commentary=(para("Venskaber med elever kan skabe uklarhed om lærerens rolle."),),
            decisions=(
                Decision(
                    key="choices.friendships.current_pupils",
                    question="Venskaber med nuværende elever",
                    alternatives=(
                        Alternative("Ikke tilladt", "Politikken forbyder venskaber.", True, True),
                        Alternative("Frarådes", "Politikken fraråder venskaber.", False, False),
                    ),
                ),
            ),
        )
    sections = (
        Section(
            id="purpose",
            number="1",
            title="Formål og baggrund",
            clauses=(
                Clause(
                    id="purpose",
                    number="1.1",
                    title="Formål",
                    blocks=(
                        Paragraph(
                            (
                                Run("Politikken gælder for alle medarbejdere på "),
                                Run(school, strong=True),
                                Run(" og beskriver "),
                                Run("god praksis", emphasis=True),
                                Run(" på sociale medier: æ ø å é."),
                            )
                        ),
                    ),
                ),
            ),
        ),
        Section(
            id="friendships",
            number="2",
            title="Venskaber og forbindelser på sociale medier",
            clauses=(
                Clause(
                    id="friendships.current-pupils",
                    number="2.1",
                    title="Nuværende elever",
                    blocks=(
                        para("Medarbejdere er ikke venner med nuværende elever på sociale medier."),
                        ListBlock(items=((para("Facebook"),), (para("Instagram"),), (para("Snapchat"),))),
                    ),
                    review=note,
                ),
            ),
        ),
        Section(
            id="harassment",
            number="3",
            title="Trusler, mobning og chikane",
            clauses=(
                Clause(
                    id="harassment.steps",
                    number="3.1",
                    title="Sådan gør du",
                    blocks=(
                        ListBlock(
                            items=(
                                (para("Tag et skærmbillede af truslen og afsenderens profil."),),
                                (para("Registrér hændelsen i SafetyNet."),),
                                (para("Anmeld afsenderen."),),
                            ),
                            ordered=True,
                        ),
                        para("Derefter en ny liste, som starter forfra:"),
                        ListBlock(
                            items=((para("Kontakt leder, TR eller AMR."),), (para("Kontakt Kolding Lærerkreds."),)),
                            ordered=True,
                        ),
                    ),
                ),
            ),
        ),
        Section(
            id="contacts",
            number="4",
            title="Kontakter",
            part="closing",
            clauses=(
                Clause(
                    id="contacts.table",
                    number="4.1",
                    title="Kontaktpersoner",
                    blocks=(
                        ContactTable(
                            headers=("Funktion", "Navn", "Telefon", "E-mail"),
                            rows=(
                                ContactRow("Skoleleder", "Mette Hansen", "75 50 00 00", "mette@example.dk"),
                                ContactRow("Tillidsrepræsentant (TR)", "Søren Ølgaard", "", ""),
                                ContactRow("Registrering af hændelser", "SafetyNet", "", ""),
                            ),
                        ),
                    ),
                ),
            ),
        ),
    )
    sources = (Source("Kolding Lærerkreds: Læreres brug af sociale medier."),)
    return Document(meta=meta, sections=sections, sources=sources)


def with_clause_blocks(document: Document, *blocks: Block) -> Document:
    """The document with one more section holding a clause made of `blocks`."""
    extra = Section(
        id="extra",
        number="5",
        title="Ekstra",
        clauses=(Clause(id="extra.one", number="5.1", title="Ekstra", blocks=tuple(blocks)),),
    )
    return replace(document, sections=(*document.sections, extra))


def review_document() -> Document:
    """The sample's review edition, with two decision points beside clause 2.1."""
    document = sample_document(review=False)
    note = ReviewNote(
        status_label="Anbefalet i vejledningen",
        source="Kolding Lærerkreds: Venskaber på de sociale medier",
        commentary=(para("Venskaber med elever kan skabe uklarhed om lærerens rolle."),),
        decisions=(
            Decision(
                key="choices.friendships.current_pupils",
                question="Venskaber med nuværende elever",
                alternatives=(
                    Alternative("Ikke tilladt", "Politikken forbyder venskaber.", chosen=False, recommended=True),
                    Alternative("Frarådes", "Politikken fraråder venskaber.", chosen=True, recommended=False),
                ),
                recommendation="Vejledningen anbefaler: Ikke tilladt.",
                warning="Skolen fraviger vejledningens anbefaling.",
            ),
            Decision(key="school.platform", question="Skolens platform", value="Aula"),
        ),
    )
    friendships = document.sections[1]
    clause = replace(friendships.clauses[0], review=note)
    sections = (document.sections[0], replace(friendships, clauses=(clause,)), *document.sections[2:])
    return replace(document, sections=sections, meta=replace(document.meta, edition="review"))
