"""Read the clauses back out of a DOCX that policygen wrote and a school then edited.

The writer puts a bookmark named after each section and clause on its heading
(`docx_headings.marker_name`); Word and LibreOffice keep them through editing and saving.
A clause's text is everything from its heading to the next heading. A heading without
policygen's bookmark is one the school added: a Heading 1 starts a section of its own, a
Heading 2 a clause of its own; text the school wrote before any heading of its own in a
section it added belongs to a clause named after that section. Tables (the contact table)
are left as they are: only the text of paragraphs is read.

It also writes a clause's paragraphs back as CommonMark (`markdown`): Word's list styles as lists,
bold, italic and links kept. python-docx is imported inside the functions that read: `policygen
absorb` (generator.update.absorb) is the only user, and only the DOCX writer's folder imports python-docx.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.document import Block, Document, ListBlock, Paragraph, plain_text
from generator.errors import PolicyError
from generator.load import read_bounded
from generator.messages import Said
from generator.slug import local_id
from generator.writers.docx.headings import marker_name

MAX_DOCX_BYTES = 50 * 1024 * 1024
MAX_UNPACKED_BYTES = 200 * 1024 * 1024  # what the parts of an edited DOCX may unpack to, together
MAX_PARTS = 5_000
_LIST_STYLES = (("list bullet", "- "), ("list number", "1. "))
_ESCAPED = re.compile(r"([\\`*_\[\]<>])")
_LINE_START = re.compile(r"^(\s*)([#>+=-]|\d+[.)])")
_REVISIONS = ("ins", "del", "moveFrom", "moveTo")


@dataclass
class Piece:
    """A clause as found in the edited file: one of the library's (`clause_id`), or the school's own."""

    section: str  # a section id of the adopted policy, or of a section the school added
    title: str
    clause_id: str | None = None  # None: a clause the school added
    paragraphs: list[Any] = field(default_factory=list)  # python-docx Paragraphs

    def texts(self) -> list[str]:
        return [text for text in (normal(p.text) for p in self.paragraphs) if text]


@dataclass
class AddedSection:
    id: str
    title: str
    after: str | None  # the section it follows in the edited file


@dataclass
class Found:
    pieces: list[Piece]
    sections: list[AddedSection]
    modified: Any  # the file's last-saved time (core properties), or None
    created: Any = None  # the time the file says it was made


def normal(text: str) -> str:
    """Text as compared: composed (NFC), every run of white space one space, no space at the ends."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def expected_texts(title: str, blocks: tuple[Block, ...]) -> list[str]:
    """The paragraphs the DOCX writer makes of a clause (heading first), as `Piece.texts` reads them back."""
    texts = [normal(title)]

    def walk(block: Block) -> None:
        if isinstance(block, Paragraph):
            texts.append(normal(plain_text(block.runs)))
        elif isinstance(block, ListBlock):
            for item in block.items:
                for inner in item:
                    walk(inner)

    for block in blocks:
        walk(block)
    return [text for text in texts if text]


def read_edited(path: Path, adopted: Document) -> Found:
    """Each clause of `adopted` found in the edited file at `path`, and what the school added.
    PolicyError if the file is not a Word file, or still holds tracked changes."""
    import docx
    from docx.oxml.ns import qn

    raw = read_bounded(path, MAX_DOCX_BYTES)
    _check_unpacked(raw, path)
    try:
        package = docx.Document(io.BytesIO(raw))
    except Exception as exc:  # not a zip, not a Word document
        raise PolicyError.at(str(path), None, None, Said("absorb_not_docx", detail=str(exc))) from None
    body = package.element.body
    if any(True for name in _REVISIONS for _ in body.iter(qn(f"w:{name}"))):
        raise PolicyError.at(str(path), None, None, Said("absorb_tracked_changes"))
    sections = {marker_name(("section", s.id)): s.id for s in adopted.sections}
    clauses = {marker_name(("clause", c.id)): c.id for c in adopted.iter_clauses()}
    found = Found([], [], package.core_properties.modified, package.core_properties.created)
    state: dict[str, Any] = {"section": None, "piece": None, "started": False, "last_section": None}
    from docx.text.paragraph import Paragraph as DocxParagraph

    for element in body.iterchildren(qn("w:p")):
        names = [mark.get(qn("w:name")) for mark in element.iter(qn("w:bookmarkStart"))]
        if marker_name(("sources", "")) in names:
            break
        paragraph = DocxParagraph(element, package)
        _take(paragraph, names, sections, clauses, found, state)
    if not state["started"]:  # not one of the bookmarks policygen puts on every heading
        raise PolicyError.at(str(path), None, None, Said("absorb_no_bookmarks"))
    made_for = normal(package.core_properties.author or "")
    if made_for and made_for != normal(adopted.meta.author):  # the writer names the school as the author
        raise PolicyError.at(str(path), None, None, Said("absorb_other_school", found=made_for,
                                                         school=adopted.meta.author))
    return found


def _take(paragraph: Any, names: list[str], sections: dict[str, str], clauses: dict[str, str], found: Found,
          state: dict[str, Any]) -> None:
    """One paragraph of the body, in order: a heading of policygen's, one of the school's, or text."""
    section = next((sections[name] for name in names if name in sections), None)
    clause = next((clauses[name] for name in names if name in clauses), None)
    if section is not None:
        state.update(section=section, piece=None, started=True, last_section=section)
        return
    if clause is not None:
        state.update(piece=Piece(state["section"], paragraph.text, clause), started=True)
        found.pieces.append(state["piece"])
        return
    if not state["started"]:  # the cover and the contents
        return
    level = heading_level(paragraph)
    if level == 1:
        ident = local_id("local-", paragraph.text, {s.id for s in found.sections})
        found.sections.append(AddedSection(ident, paragraph.text, state["last_section"]))
        state.update(section=ident, piece=None, last_section=ident)
    elif level == 2:
        state["piece"] = Piece(state["section"], paragraph.text)
        found.pieces.append(state["piece"])
    elif normal(paragraph.text):
        if state["piece"] is None:  # text under a section heading the school added, before any clause
            title = next((s.title for s in found.sections if s.id == state["section"]), "")
            state["piece"] = Piece(state["section"], title)
            found.pieces.append(state["piece"])
        state["piece"].paragraphs.append(paragraph)


def _check_unpacked(raw: bytes, path: Path) -> None:
    """Refuse a DOCX whose parts would unpack to more than `MAX_UNPACKED_BYTES` (a zip bomb: a few
    megabytes that inflate to gigabytes) or that has more than `MAX_PARTS` parts, before any is read.
    The sizes are the archive's own; `zipfile` never inflates a part past the size its entry states.
    PolicyError (the file, exit code 2) for either, and for a file that is not a zip archive."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError) as exc:
        raise PolicyError.at(str(path), None, None, Said("absorb_not_docx", detail=str(exc))) from None
    if len(entries) > MAX_PARTS or sum(entry.file_size for entry in entries) > MAX_UNPACKED_BYTES:
        raise PolicyError.at(str(path), None, None, Said("absorb_unpacks_too_big", limit=MAX_UNPACKED_BYTES // 2**20,
                                                         parts=MAX_PARTS))


def heading_level(paragraph: Any) -> int | None:
    """1 or 2 for a paragraph in Word's Heading 1 or Heading 2 style (as Word and LibreOffice name them)."""
    name = (paragraph.style.name if paragraph.style is not None else "") or ""
    for level in (1, 2):
        if name.lower() in (f"heading {level}", f"heading{level}"):
            return level
    return None


def markdown(paragraphs: list[Any], numbers: Mapping[str, str] | None = None) -> str:
    """The paragraphs as CommonMark: lists from Word's list styles, bold and italic kept, links kept.
    `numbers` (a clause's or section's number in the policy -> its id) turns "afsnit 8.1" into the
    cross-reference the library writes, so the number follows a later build's numbering."""
    out: list[str] = []
    was_item = False
    for paragraph in paragraphs:
        text = _inline(paragraph)
        if not text.strip():
            continue
        style = (paragraph.style.name if paragraph.style is not None else "").lower()
        marker = next((mark for name, mark in _LIST_STYLES if style.startswith(name)), None)
        level = _list_level(paragraph, style)
        if marker is not None:
            line = "  " * level + marker + text
            out.append(line if was_item else "\n" + line)
        else:
            out.append("\n" + text)
        was_item = marker is not None
    body = "\n".join(out).strip() + "\n"
    if any(mark in body for mark in ("{{", "{%", "{#")):  # the school's words, never a template
        return "{% raw %}" + body.replace("{% endraw %}", "{ % endraw % }") + "{% endraw %}"
    return _CROSS_REFERENCE.sub(lambda found: _reference(found, numbers or {}), body)


# "afsnit 8.1", "section 8.1": a number the school's policy gave a clause or section when it was built
_CROSS_REFERENCE = re.compile(r"\b(afsnit|sections?)(\s+)(\d+(?:\.\d+)?)\b")


def _reference(found: re.Match[str], numbers: Mapping[str, str]) -> str:
    """A cross-reference by number as the library writes one (`ref()`), so that it follows the numbering
    of every later build; a number the policy did not have stays as the school typed it."""
    ident = numbers.get(found.group(3))
    return f"{found.group(1)}{found.group(2)}{{{{ ref('{ident}') }}}}" if ident else found.group(0)


def _list_level(paragraph: Any, style: str) -> int:
    ilvl = paragraph._p.pPr.numPr.ilvl if paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None else None
    if ilvl is not None and ilvl.val is not None:
        return int(ilvl.val)
    digits = style.rsplit(" ", 1)[-1]
    return int(digits) - 1 if digits.isdigit() else 0


def _inline(paragraph: Any) -> str:
    """A paragraph's runs as Markdown: neighbours with the same look joined first, so that a word Word
    split over several runs is one `**bold**` stretch, not several."""
    from docx.text.hyperlink import Hyperlink

    pieces: list[list[Any]] = []  # [text, bold, italic, address]
    for item in paragraph.iter_inner_content():
        runs = item.runs if isinstance(item, Hyperlink) else [item]
        address = item.address if isinstance(item, Hyperlink) and item.address else None
        for run in runs:
            look = [bool(run.bold), bool(run.italic), address]
            if pieces and pieces[-1][1:] == look:
                pieces[-1][0] += run.text
            elif run.text:
                pieces.append([run.text, *look])
    return "".join(_formatted(*piece) for piece in pieces)


def _formatted(text: str, bold: bool, italic: bool, address: str | None) -> str:
    escaped = _LINE_START.sub(r"\1\\\2", _ESCAPED.sub(r"\\\1", text))
    core = escaped.strip()
    if not core:
        return escaped
    lead, tail = escaped[: len(escaped) - len(escaped.lstrip())], escaped[len(escaped.rstrip()):]
    mark = "***" if bold and italic else "**" if bold else "*" if italic else ""
    core = f"{mark}{core}{mark}"
    if address:
        core = f"[{core}](<{address}>)"
    return lead + core + tail

