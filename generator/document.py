"""The document IR: a small tree of frozen dataclasses that every writer formats.

This module imports nothing else of the package. The resolver builds a `Document`;
the writers (`write_docx`, `write_html`, `write_pdf`, `write_markdown`) only read it.
All text in the tree is final: parameters are filled in, dates are written in the
document's language, and user values are plain strings to print exactly as typed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

# ---- inline content ---------------------------------------------------------


@dataclass(frozen=True)
class Run:
    """A stretch of text with one formatting. `typed` marks a value the user typed (a name, an
    address) inside a clause's text: a writer that hyphenates words must not hyphenate it."""

    text: str
    strong: bool = False
    emphasis: bool = False
    href: str | None = None
    typed: bool = False


Inline = tuple[Run, ...]


def plain_text(runs: Inline) -> str:
    return "".join(run.text for run in runs)


# ---- blocks -----------------------------------------------------------------


@dataclass(frozen=True)
class Paragraph:
    runs: Inline


@dataclass(frozen=True)
class ListBlock:
    """A bullet list (`ordered=False`) or numbered steps (`ordered=True`).

    Each item is a tuple of blocks (usually one Paragraph; a nested ListBlock
    may follow it). Every numbered list starts at `start`, never continuing
    an earlier list.
    """

    items: tuple[tuple[Block, ...], ...]
    ordered: bool = False
    start: int = 1


@dataclass(frozen=True)
class ContactRow:
    role: str
    name: str
    phone: str
    email: str


@dataclass(frozen=True)
class ContactTable:
    headers: tuple[str, str, str, str]  # role, name, phone, e-mail
    rows: tuple[ContactRow, ...]


@dataclass(frozen=True)
class Alternative:
    """One alternative at a decision point, for the review edition."""

    label: str
    consequence: str
    chosen: bool
    recommended: bool


@dataclass(frozen=True)
class Decision:
    """One decision point, shown beside the clause whose text it changes.

    `alternatives` lists the choices (one marked chosen); an option the school answers
    in its own words (a platform's name) has none, and `value` holds what was typed.
    `recommendation` is the sentence naming the recommended answer (or saying there is
    none); `warning` is set when the school departs from it.
    """

    key: str  # the option, e.g. "choices.friendships.current_pupils"
    question: str
    alternatives: tuple[Alternative, ...] = ()
    value: str | None = None
    recommendation: str | None = None
    warning: str | None = None


@dataclass(frozen=True)
class ReviewNote:
    """What a school board needs beside a clause in the review edition: the clause's
    status, source and commentary, and every decision point that changes its text."""

    status_label: str  # e.g. "Anbefalet i vejledningen"
    source: str  # e.g. "Kolding Lærerkreds: Venskaber på de sociale medier"
    commentary: tuple[Paragraph, ...]
    decisions: tuple[Decision, ...] = ()

    # Views of the first decision, for writers that show one decision per clause.
    @property
    def decision(self) -> str | None:
        return self.decisions[0].question if self.decisions else None

    @property
    def alternatives(self) -> tuple[Alternative, ...]:
        return self.decisions[0].alternatives if self.decisions else ()

    @property
    def warning(self) -> str | None:
        return next((d.warning for d in self.decisions if d.warning), None)


Block = Paragraph | ListBlock | ContactTable


# ---- structure --------------------------------------------------------------


@dataclass(frozen=True)
class Clause:
    """One clause: a numbered sub-heading and its blocks."""

    id: str
    number: str  # "4.2"
    title: str
    blocks: tuple[Block, ...]
    status: Literal["statutory", "recommended", "optional", "local"] = "recommended"
    review: ReviewNote | None = None  # only in the review edition


@dataclass(frozen=True)
class Section:
    id: str
    number: str  # "4"
    title: str
    clauses: tuple[Clause, ...]
    part: Literal["guidance", "supplement", "closing"] = "guidance"

    @property
    def anchor(self) -> str:
        return f"sec-{self.id}"


@dataclass(frozen=True)
class Source:
    """An entry in the appendix of sources and legal basis."""

    text: str


FONTS = ("carlito", "caladea")  # the shipped fonts: Carlito (= Calibri's metrics), Caladea (= Cambria's)


@dataclass(frozen=True)
class Theme:
    """A letterhead: the union's or school's name and logo, an accent colour and a shipped font."""

    name: str = ""
    logo: str | None = None  # absolute path of the letterhead logo
    accent: str = "#1d4f73"  # #rrggbb
    font: Literal["carlito", "caladea"] = "carlito"
    source: str = ""  # the file the theme was read from (a theme file, or the options file), for messages


@dataclass(frozen=True)
class Meta:
    """Everything about the document that is not its body.

    `labels` holds the fixed phrases in the document's language, so writers
    never hard-code Danish or English: keys are listed in `LABEL_KEYS`.
    """

    language: Literal["da", "en"]
    lang_tag: str  # "da-DK" or "en-GB"
    title: str
    school: str
    municipality: str
    status: Literal["draft", "adopted"]
    status_label: str  # "Udkast" / "Vedtaget"
    version: str
    date_line: str  # e.g. "Vedtaget 1. december 2026" or "Udkast af 25. november 2026"
    author: str  # for core properties / PDF metadata
    subject: str
    keywords: str
    created: str  # ISO 8601 UTC timestamp, fixed from SOURCE_DATE_EPOCH or the policy date
    cover_facts: tuple[tuple[str, str], ...] = ()  # (label, value) pairs for the cover block
    labels: dict[str, str] = field(default_factory=dict)
    logo: str | None = None  # absolute path of the school's logo, if any
    edition: Literal["adopted", "review"] = "adopted"
    theme: Theme = field(default_factory=Theme)

    @property
    def is_draft(self) -> bool:
        return self.status == "draft"

    @property
    def footer_line(self) -> str:
        """The running footer's left part: "[Letterhead ·] Version 1.0 · Vedtaget 1. december 2026"."""
        version = f"{self.labels.get('version', 'Version')} {self.version}".strip()
        if self.version and self.version in self.date_line.split():
            version = ""  # "Udkast, version 0.9" says it already
        return " · ".join(part for part in (self.theme.name, version, self.date_line) if part)


LABEL_KEYS = (
    "contents",  # "Indhold"
    "draft_mark",  # "UDKAST"
    "page_x_of_y",  # "Side {page} af {pages}"
    "version",  # "Version"
    "sources_title",  # "Lovgrundlag og kilder"
    "review_edition",  # "Høringsudgave til skolebestyrelsen"
)


@dataclass(frozen=True)
class Document:
    meta: Meta
    sections: tuple[Section, ...]
    sources: tuple[Source, ...] = ()

    def iter_clauses(self) -> tuple[Clause, ...]:
        return tuple(clause for section in self.sections for clause in section.clauses)


def block_text(block: Block) -> str:
    """The plain text of a block, items and cells separated by newlines."""
    if isinstance(block, Paragraph):
        return plain_text(block.runs)
    if isinstance(block, ListBlock):
        return "\n".join(block_text(inner) for item in block.items for inner in item)
    return "\n".join(
        "\t".join((row.role, row.name, row.phone, row.email)) for row in block.rows
    )


_EMAIL_ADDRESS = re.compile(r"[^@\s<>\"'(),;:]+@[\w-]+(?:\.[\w-]+)+")  # local@domain.tld, Danish letters too


def is_email_address(text: str) -> bool:
    """Whether a contact's e-mail field holds one address, which the writers make a mailto: link."""
    return _EMAIL_ADDRESS.fullmatch(text) is not None
