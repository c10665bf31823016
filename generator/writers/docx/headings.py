"""The DOCX's headings planned before any is written: level, number, title and bookmark.

The table of contents is written before the headings it links to, so each heading's
bookmark is known first. The numbers are not typed into the headings: Word's multilevel
list numbers Heading 1 and Heading 2 (`docx_oxml.HEADING_NUM`), so that a section a school
inserts in Word renumbers those after it. The plan checks that the Document's numbers are
the ones Word will count, and gives each contents entry its number as text.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from generator.document import Document


@dataclass(frozen=True)
class Heading:
    level: int
    number: str  # "4.2", printed by Word's numbering (docx_oxml.HEADING_NUM); "" unnumbered
    title: str
    bookmark: str
    bookmark_id: int

    @property
    def entry(self) -> str:
        """The contents entry as Word writes it when it updates the field: number, tab, title."""
        return f"{self.number}\t{self.title}" if self.number else self.title


def plan_headings(document: Document) -> dict[tuple[str, str], Heading]:
    """Every heading with its bookmark, keyed by ("section"|"clause"|"sources", id)."""
    planned: list[tuple[tuple[str, str], int, str, str]] = []
    for section in document.sections:
        planned.append((("section", section.id), 1, section.number, section.title))
        for clause in section.clauses:
            planned.append((("clause", clause.id), 2, clause.number, clause.title))
    if document.sources:
        planned.append((("sources", ""), 1, "", document.meta.labels["sources_title"]))
    _check_numbers([(level, number) for _, level, number, _ in planned])
    return {
        key: Heading(level, number, title, bookmark_name(key), index)
        for index, (key, level, number, title) in enumerate(planned, start=1)
    }


def bookmark_name(key: tuple[str, str]) -> str:
    """A heading's bookmark, named after what it is (`("clause", "photos.basis")`), not where it stands:
    the same clause has the same bookmark in every version of a policy, so a redline's links to it hold
    in the old version and the new one alike. Word's rules: letters, digits and _, at most 40 characters."""
    return "_Toc" + hashlib.sha1(":".join(key).encode("utf-8")).hexdigest()[:16]


MARKER_ID_OFFSET = 5_000  # a marker's bookmark id: its heading's id plus this (below docx_track's revision ids)
_NOT_A_NAME_CHARACTER = re.compile(r"[^A-Za-z0-9]+")


def marker_name(key: tuple[str, str]) -> str:
    """The bookmark that says which section or clause a heading begins (`policygen absorb` finds each
    clause of an edited DOCX by it): `clause_photos_basis`, `section_photos`, `sources`. Unlike the
    contents' `_Toc` bookmarks, which Word may make anew when it updates the contents, a name that
    does not start with `_` is one Word and LibreOffice keep as the user's own. Word's rules: a letter
    first, then letters, digits and _, at most 40 characters (a longer id is cut and given a hash)."""
    kind, ident = key
    name = f"{kind}_{_NOT_A_NAME_CHARACTER.sub('_', ident)}".rstrip("_")
    if len(name) > 40:
        name = f"{name[:31]}_{hashlib.sha1(ident.encode('utf-8')).hexdigest()[:8]}"
    return name


def _check_numbers(headings: list[tuple[int, str]]) -> None:
    """Word counts the numbered headings itself: the Document's numbers must be what it counts.

    Raises ValueError (an internal error: `resolve` numbers sections 1, 2, ... and their
    clauses 1.1, 1.2, ...) where a number differs, so the DOCX never disagrees with the PDF."""
    counters = [0, 0]
    for level, number in headings:
        if not number:
            continue
        counters[level - 1] += 1
        counters[level:] = [0] * (len(counters) - level)
        counted = ".".join(str(counter) for counter in counters[:level])
        if number != counted:
            raise ValueError(f"heading number {number!r} where Word's numbering counts {counted!r}")
