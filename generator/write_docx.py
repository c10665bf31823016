"""Write a `Document` as a Word file (DOCX) with real styles, lists, fields and comments.

The writer only formats: everything it prints comes from the IR. python-docx's proxy
objects do the work where they can; raw XML lives in `docx_oxml`. The same Document
gives the same bytes: ids are counted, dates come from `meta.created`, and the zip is
rewritten with fixed timestamps and member order before the atomic rename.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import docx
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.shared import Cm, Pt, RGBColor, Twips
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.run import Run as DocxRun

from generator import docx_oxml
from generator.atomic import atomic_path
from generator.document import (
    Block,
    Clause,
    ContactTable,
    Decision,
    Document,
    Inline,
    ListBlock,
    Meta,
    Paragraph,
    ReviewNote,
    Section,
)
from generator.docx_styles import (
    MARGIN,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    TABLE_STYLE,
    TEXT_WIDTH,
    accent_colour,
    list_style_id,
    set_up_styles,
)
from generator.errors import PolicyError

DRAFT_RED = RGBColor(0xC0, 0x00, 0x00)
CHAR_WIDTH, CELL_PADDING, MIN_TEXT_COLUMN = 110, 260, 1600  # twips, for Calibri 11 pt
TOC_INSTRUCTION = 'TOC \\o "1-2" \\h \\z \\u'
COMMENT_AUTHOR, COMMENT_INITIALS = "policygen", "PG"
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_PAGE_PLACEHOLDER = re.compile(r"\{(pages|page)\}")


def write_docx(document: Document, path: Path, *, previous: Document | None = None) -> None:
    """Write `document` to `path` as DOCX; on any failure no file (or the old one) is left.

    With `previous`, the file is a redline: `previous` is rendered by this same writer and
    every difference from it becomes a tracked change (`docx_track`)."""
    writer = _DocxWriter(document)
    package = writer.build()
    if previous is not None:
        from generator.docx_track import track_changes

        old = _DocxWriter(previous)
        track_changes(old.build(), package, old.units, writer.units, author=COMMENT_AUTHOR, when=writer.created)
    buffer = io.BytesIO()
    package.save(buffer)
    with atomic_path(Path(path)) as tmp:
        _rezip(buffer.getvalue(), tmp, _zip_time(_created(document.meta)))


# ---- plan: headings, bookmarks and table-of-contents entries ------------------


@dataclass(frozen=True)
class _Heading:
    level: int
    text: str
    bookmark: str
    bookmark_id: int


def _headings(document: Document) -> dict[tuple[str, str], _Heading]:
    """Every numbered heading with its bookmark, keyed by ("section"|"clause"|"sources", id)."""
    keys_and_texts: list[tuple[tuple[str, str], int, str]] = []
    for section in document.sections:
        keys_and_texts.append((("section", section.id), 1, _numbered(section.number, section.title)))
        for clause in section.clauses:
            keys_and_texts.append((("clause", clause.id), 2, _numbered(clause.number, clause.title)))
    if document.sources:
        keys_and_texts.append((("sources", ""), 1, document.meta.labels["sources_title"]))
    return {
        key: _Heading(level, text, f"_Toc{index:09d}", index)
        for index, (key, level, text) in enumerate(keys_and_texts, start=1)
    }


def _numbered(number: str, title: str) -> str:
    return f"{number} {title}" if number else title


def _created(meta: Meta) -> dt.datetime:
    """`meta.created` as an aware UTC datetime (1980-01-01 if it cannot be read)."""
    try:
        when = dt.datetime.fromisoformat(meta.created)
    except ValueError:
        return dt.datetime(1980, 1, 1, tzinfo=dt.UTC)
    return when.replace(tzinfo=dt.UTC) if when.tzinfo is None else when.astimezone(dt.UTC)


def _clean(text: str) -> str:
    """Text without the characters XML cannot hold."""
    return _NOT_XML.sub("", text)


# ---- the writer -----------------------------------------------------------------


class _DocxWriter:
    def __init__(self, document: Document) -> None:
        self.document = document
        self.meta = document.meta
        self.created = _created(document.meta)
        self.docx: DocxDocument = docx.Document()
        self.headings = _headings(document)
        self.anchors = {f"#{s.anchor}": self.headings[("section", s.id)].bookmark for s in document.sections}
        for clause in document.iter_clauses():
            bookmark = self.headings[("clause", clause.id)].bookmark
            self.anchors[f"#cl-{clause.id}"] = self.anchors[f"#{clause.id}"] = bookmark
        self.numbering = self.docx.part.numbering_part.element
        self.next_num_id = docx_oxml.FIRST_LIST_NUM
        self.last_run: DocxRun | None = None
        self.units: list[tuple[tuple[str, ...], int]] = []  # where each part starts, for a redline

    def _unit(self, *key: str) -> None:
        """Mark that the body blocks from here on belong to `key` (cover, a clause, ...)."""
        self.units.append((key, len(self.docx.element.body) - 1))  # the body ends with its w:sectPr

    def build(self) -> DocxDocument:
        set_up_styles(self.docx, self.meta)
        docx_oxml.reset_numbering(self.numbering)
        docx_oxml.drop_template_extras(self.docx)
        self._set_up_page()
        self._unit("cover")
        self._write_cover()
        self._write_contents()
        for index, section in enumerate(self.document.sections):
            self._write_section(section, new_page=index == 0)
        self._write_sources()
        self._set_core_properties()
        return self.docx

    # -- page, header and footer --

    def _set_up_page(self) -> None:
        section = self.docx.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Twips(PAGE_WIDTH), Twips(PAGE_HEIGHT)
        section.left_margin = section.right_margin = Twips(MARGIN)
        section.top_margin, section.bottom_margin = Twips(MARGIN), Twips(MARGIN)
        section.header_distance = section.footer_distance = Cm(1.25)
        section.different_first_page_header_footer = True
        header = section.header.paragraphs[0]
        header.add_run(_clean(self.meta.school)).bold = True
        header.add_run(_clean(f" \u2013 {self.meta.title}"))
        cover_header = section.first_page_header.paragraphs[0]
        if self.meta.is_draft:
            for paragraph in (header, cover_header):
                paragraph.add_run("\t")
                self._draft_run(paragraph, Pt(10))
        self._write_footer(section.footer.paragraphs[0])
        docx_oxml.set_paragraph_border(header, "bottom", "A6A6A6")
        docx_oxml.set_paragraph_border(section.footer.paragraphs[0], "top", "A6A6A6")

    def _draft_run(self, paragraph: DocxParagraph, size: Pt) -> DocxRun:
        run = paragraph.add_run(_clean(self.meta.labels["draft_mark"]))
        run.bold = True
        run.font.size = size
        run.font.color.rgb = DRAFT_RED
        return run

    def _write_footer(self, footer: DocxParagraph) -> None:
        version = f"{self.meta.labels['version']} {self.meta.version}"
        pieces = (self.meta.theme.name, version, self.meta.date_line)
        footer.add_run(_clean(" \u00b7 ".join(piece for piece in pieces if piece)))
        footer.add_run("\t")
        parts = _PAGE_PLACEHOLDER.split(self.meta.labels["page_x_of_y"])
        for index, part in enumerate(parts):
            if index % 2 == 0:
                if part:
                    footer.add_run(_clean(part))
            else:
                docx_oxml.add_field(footer, "PAGE" if part == "page" else "NUMPAGES", "1")

    # -- cover and contents --

    def _write_cover(self) -> None:
        meta = self.meta
        if meta.theme.name or meta.theme.logo:
            self._write_letterhead()
        if meta.logo:
            self._add_logo(meta.logo)
        school = self.docx.add_paragraph()
        school.paragraph_format.space_before = Pt(24 if meta.logo else 120)
        school.paragraph_format.space_after = Pt(6)
        run = school.add_run(_clean(meta.school))
        run.font.size, run.font.color.rgb, run.bold = Pt(16), accent_colour(meta, light=True), True
        self._paragraph(_clean(meta.title), "Title")
        if meta.edition == "review":
            edition = self.docx.add_paragraph().add_run(_clean(meta.labels["review_edition"]))
            edition.font.size, edition.italic, edition.font.color.rgb = Pt(14), True, accent_colour(meta, light=True)
        for index, (label, value) in enumerate(meta.cover_facts):
            fact = self.docx.add_paragraph()
            fact.paragraph_format.tab_stops.add_tab_stop(Cm(4), WD_TAB_ALIGNMENT.LEFT)
            fact.paragraph_format.space_before = Pt(18 if index == 0 else 0)
            fact.paragraph_format.space_after = Pt(2)
            fact.add_run(_clean(label)).bold = True
            fact.add_run("\t" + _clean(value))
        date_line = self.docx.add_paragraph(_clean(meta.date_line))
        date_line.paragraph_format.space_before = Pt(18)
        if meta.is_draft:
            mark = self.docx.add_paragraph()
            mark.paragraph_format.space_before = Pt(36)
            self._draft_run(mark, Pt(32)).font.spacing = Pt(4)

    def _write_letterhead(self) -> None:
        """The union's or school's letterhead above the cover: its logo and name, in the accent colour."""
        paragraph = self.docx.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(18)
        if self.meta.theme.logo:
            self._picture(paragraph, self.meta.theme.logo, Cm(1.4))
            paragraph.add_run("  ")
        if self.meta.theme.name:
            run = paragraph.add_run(_clean(self.meta.theme.name))
            run.bold, run.font.size, run.font.color.rgb = True, Pt(11), accent_colour(self.meta)

    def _picture(self, paragraph: DocxParagraph, image: str, height: Cm) -> Any:
        run = paragraph.add_run()
        try:
            return run.add_picture(image, height=height)
        except Exception:  # python-docx's own header reader knows fewer variants than Pillow (CMYK JPEG...)
            return run.add_picture(_as_png(image), height=height)

    def _add_logo(self, logo: str) -> None:
        paragraph = self.docx.add_paragraph()
        picture = self._picture(paragraph, logo, Cm(2.5))
        if picture.width > Cm(8):
            picture.height = int(picture.height * Cm(8) / picture.width)
            picture.width = Cm(8)

    def _write_contents(self) -> None:
        """Entries written out (visible without updating) inside a TOC field Word may refresh.

        Page numbers cannot be known before layout: the entries carry none (LibreOffice shows
        the cached entries as they are); Word rebuilds them with page numbers when it
        updates the field, which is marked dirty.
        """
        if not self.headings:
            return
        self._unit("contents")
        title = self._paragraph(_clean(self.meta.labels["contents"]), "TOCHeading")
        title.paragraph_format.page_break_before = True
        for index, (key, heading) in enumerate(self.headings.items()):
            self._unit("contents", *key)
            entry = self._paragraph(style_id=f"TOC{heading.level}")
            if index == 0:
                docx_oxml.begin_field(entry, TOC_INSTRUCTION, dirty=True)
            link = docx_oxml.add_hyperlink(entry, anchor=heading.bookmark)
            docx_oxml.add_run_to(link, entry, _clean(heading.text))
        self._unit("contents", "end")
        end = self._paragraph(style_id="TOC1")
        docx_oxml.end_field(end)

    # -- body --

    def _paragraph(self, text: str = "", style_id: str | None = None) -> DocxParagraph:
        """A new body paragraph; the style is set by id (python-docx's lookup by name walks
        every style in the document for each paragraph)."""
        paragraph = self.docx.add_paragraph(text)
        if style_id is not None:
            docx_oxml.set_style_id(paragraph, style_id)
        return paragraph

    def _add_heading(self, key: tuple[str, str], new_page: bool = False) -> DocxParagraph:
        heading = self.headings[key]
        self._unit(*key)
        paragraph = self._paragraph(_clean(heading.text), f"Heading{heading.level}")
        if new_page:
            paragraph.paragraph_format.page_break_before = True
        docx_oxml.add_bookmark(paragraph, heading.bookmark_id, heading.bookmark)
        return paragraph

    def _write_section(self, section: Section, new_page: bool) -> None:
        self._add_heading(("section", section.id), new_page)
        for clause in section.clauses:
            self._write_clause(clause)

    def _write_clause(self, clause: Clause) -> None:
        heading = self._add_heading(("clause", clause.id))
        self.last_run = heading.runs[0]
        for block in clause.blocks:
            self._write_block(block, level=0)
        if clause.review is not None and self.meta.edition == "review":
            self._add_comments(clause.review, heading.runs[0], self.last_run)

    def _write_block(self, block: Block, level: int) -> None:
        if isinstance(block, Paragraph):
            style = None if level == 0 else list_style_id("ListContinue", level - 1)
            self._add_runs(self._paragraph(style_id=style), block.runs)
        elif isinstance(block, ListBlock):
            self._write_list(block, level)
        elif isinstance(block, ContactTable):
            self._write_table(block)

    def _write_list(self, block: ListBlock, level: int) -> None:
        level = min(level, docx_oxml.max_list_level())
        if block.ordered:
            num_id, self.next_num_id = self.next_num_id, self.next_num_id + 1
            docx_oxml.add_num(self.numbering, num_id, docx_oxml.DECIMAL_ABSTRACT, restart=(level, block.start))
            style = list_style_id("ListNumber", level)
        else:
            num_id, style = docx_oxml.BULLET_NUM, list_style_id("ListBullet", level)
        for item in block.items:
            for position, inner in enumerate(item):
                if position == 0 and isinstance(inner, Paragraph):
                    paragraph = self._paragraph(style_id=style)
                    docx_oxml.set_paragraph_numbering(paragraph, num_id, level)
                    self._add_runs(paragraph, inner.runs)
                else:
                    self._write_block(inner, level + 1)

    def _add_runs(self, paragraph: DocxParagraph, runs: Inline) -> None:
        for run in runs:
            anchor = self.anchors.get(run.href) if run.href and run.href.startswith("#") else None
            if run.href and (anchor or not run.href.startswith("#")):
                if anchor is None:
                    part = paragraph.part  # the document, or the comments when in a comment
                    r_id = part.relate_to(run.href, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
                    link = docx_oxml.add_hyperlink(paragraph, r_id=r_id)
                else:
                    link = docx_oxml.add_hyperlink(paragraph, anchor=anchor)
                added = docx_oxml.add_run_to(link, paragraph, _clean(run.text))
                docx_oxml.set_style_id(added, "Hyperlink")
            else:
                added = paragraph.add_run(_clean(run.text))
            if run.strong:
                added.bold = True
            if run.emphasis:
                added.italic = True
            self.last_run = added

    def _write_table(self, block: ContactTable) -> None:
        values = [block.headers] + [(row.role, row.name, row.phone, row.email) for row in block.rows]
        widths = _column_widths(values)
        table = self.docx.add_table(rows=len(values), cols=len(widths))
        table.style = TABLE_STYLE
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        table.autofit = False
        docx_oxml.set_table_layout(table, TEXT_WIDTH)
        for column, width in zip(table.columns, widths, strict=True):
            column.width = Twips(width)
        for row, texts in zip(table.rows, values, strict=True):
            docx_oxml.keep_row_together(row)
            for cell, width, text in zip(row.cells, widths, texts, strict=True):
                cell.width = Twips(width)
                paragraph = cell.paragraphs[0]
                paragraph.paragraph_format.space_after = Pt(0)
                paragraph.paragraph_format.line_spacing = 1.0
                if text:
                    paragraph.add_run(_clean(text))
        header = table.rows[0]
        docx_oxml.mark_header_row(header)
        for cell in header.cells:
            docx_oxml.shade_cell(cell, "DCE6F1")
            for run in cell.paragraphs[0].runs:
                run.bold = True
        spacer = self.docx.add_paragraph().paragraph_format  # keeps tables apart; ends the body
        spacer.space_after, spacer.line_spacing = Pt(0), Pt(8)

    def _write_sources(self) -> None:
        if not self.document.sources:
            return
        self._add_heading(("sources", ""))
        for source in self.document.sources:
            self.docx.add_paragraph(_clean(source.text))

    # -- review comments --

    def _add_comments(self, note: ReviewNote, first: DocxRun, last: DocxRun) -> None:
        """One comment per decision point on the clause (one for the clause if it has none);
        the clause's commentary goes in the first."""
        for index, decision in enumerate(note.decisions or (None,)):
            comment = self.docx.add_comment([first, last], text="", author=COMMENT_AUTHOR, initials=COMMENT_INITIALS)
            docx_oxml.set_comment_date(comment, self.created)
            comment.paragraphs[0].add_run(_clean(decision.question if decision else note.status_label)).bold = True
            if decision is not None:
                self._write_decision(comment, decision)
                comment.add_paragraph().add_run(_clean(note.status_label)).italic = True
            comment.add_paragraph(_clean(f"{self.meta.labels['guidance_source']}: {note.source}"))
            if index == 0:
                for commentary in note.commentary:
                    self._add_runs(comment.add_paragraph(), commentary.runs)

    def _write_decision(self, comment: Any, decision: Decision) -> None:
        label = self.meta.labels
        for alternative in decision.alternatives:
            flags = (("chosen", alternative.chosen), ("recommended", alternative.recommended))
            marks = [label[key] for key, on in flags if on]
            line = comment.add_paragraph()
            line.add_run("\u2022 ")
            line.add_run(_clean(alternative.label)).bold = alternative.chosen or None
            if marks:
                line.add_run(_clean(f" ({', '.join(marks)})")).italic = True
            line.add_run(_clean(f": {alternative.consequence}"))
        if decision.value is not None:
            line = comment.add_paragraph()
            line.add_run(_clean(f"{label['chosen_value']}: "))
            line.add_run(_clean(decision.value)).bold = True
            line.add_run(_clean(f" ({label['no_alternatives']})")).italic = True
        if decision.recommendation:
            comment.add_paragraph(_clean(decision.recommendation))
        if decision.warning:
            warning = comment.add_paragraph()
            warning.add_run(_clean(f"{label['warning']}: ")).bold = True
            warning.add_run(_clean(decision.warning)).font.color.rgb = DRAFT_RED

    # -- properties --

    def _set_core_properties(self) -> None:
        meta, properties = self.meta, self.docx.core_properties
        properties.title = _clean(meta.title)[:255]
        properties.subject = _clean(meta.subject)[:255]
        properties.author = properties.last_modified_by = _clean(meta.author)[:255]
        properties.keywords = _clean(meta.keywords)[:255]
        properties.language = meta.lang_tag
        properties.content_status = _clean(meta.status_label)[:255]
        properties.comments = ""
        properties.created = properties.modified = self.created.replace(tzinfo=None)
        properties.revision = 1


def _as_png(logo: str) -> io.BytesIO:
    """The logo re-encoded as a plain PNG, for images python-docx cannot read itself."""
    from PIL import Image

    try:
        with Image.open(logo) as image:
            png = io.BytesIO()
            plain = image if image.mode in ("1", "L", "LA", "P", "RGB", "RGBA") else image.convert("RGBA")
            plain.save(png, format="PNG")
    except Exception as error:  # any failure to read or write the image is the logo's
        message = f"cannot put this logo in a Word file (use PNG or JPEG): {error}"
        raise PolicyError.at(logo, None, "school.logo", message) from error
    png.seek(0)
    return png


def _column_widths(rows: list[tuple[str, str, str, str]]) -> list[int]:
    """Widths (twips) filling the text width: phone and e-mail kept on one line where they
    fit, role and name sharing the rest by the length of their longest entry."""
    needs = [min(max(len(row[i]) for row in rows), 40) * CHAR_WIDTH + CELL_PADDING for i in range(4)]
    role, name, phone, email = needs
    spare = TEXT_WIDTH - phone - email
    if spare < 2 * MIN_TEXT_COLUMN:  # very long e-mail addresses wrap rather than squeeze the names
        phone, email = (round(w * (TEXT_WIDTH - 2 * MIN_TEXT_COLUMN) / (phone + email)) for w in (phone, email))
        spare = TEXT_WIDTH - phone - email
    role = max(MIN_TEXT_COLUMN, min(spare - MIN_TEXT_COLUMN, round(spare * role / (role + name))))
    return [role, spare - role, phone, email]


# ---- deterministic package ---------------------------------------------------------


def _zip_time(created: dt.datetime) -> tuple[int, int, int, int, int, int]:
    year = min(max(created.year, 1980), 2107)
    return (year, created.month, created.day, created.hour, created.minute, created.second // 2 * 2)


def _rezip(data: bytes, target: Path, when: tuple[int, int, int, int, int, int]) -> None:
    """Copy the package with fixed timestamps and member order, so same input gives same bytes."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        names = sorted(source.namelist(), key=lambda n: (n != "[Content_Types].xml", n != "_rels/.rels", n))
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
            for name in names:
                info = zipfile.ZipInfo(name, date_time=when)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.create_system = 0
                info.external_attr = 0
                out.writestr(info, source.read(name))
