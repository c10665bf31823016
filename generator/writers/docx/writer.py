"""Write a `Document` as a Word file (DOCX) with real styles, lists, fields and comments.

The writer only formats: everything it prints comes from the IR. python-docx's proxy
objects do the work where they can; raw XML lives in `docx_oxml`, the headings' plan
(numbered by Word's own list, bookmarked for the contents) in `docx_headings`, the contact
table in `docx_table` and the review edition's comments in `docx_review`. The same Document
gives the same bytes: ids are counted, dates come from `meta.created`, and the zip is
rewritten with fixed timestamps and member order (`docx_package`) before the atomic rename.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import docx
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.shared import Cm, Pt, Twips
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.run import Run as DocxRun

from generator.atomic import atomic_path
from generator.document import Block, Clause, ContactTable, Document, Inline, ListBlock, Meta, Paragraph, Section
from generator.errors import PolicyError
from generator.messages import Said
from generator.writers.docx import oxml as docx_oxml
from generator.writers.docx import package as docx_package
from generator.writers.docx.headings import MARKER_ID_OFFSET, marker_name, plan_headings
from generator.writers.docx.oxml import clean
from generator.writers.docx.review import COMMENT_AUTHOR, add_comments
from generator.writers.docx.styles import (
    DRAFT_RED,
    MARGIN,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    accent_colour,
    list_style_id,
    set_up_styles,
)
from generator.writers.docx.table import add_contact_table

TOC_INSTRUCTION = 'TOC \\o "1-2" \\h \\z \\u'
_PAGE_PLACEHOLDER = re.compile(r"\{(pages|page)\}")


def write_docx(
    document: Document, path: Path, *, previous: Document | None = None, notes: Mapping[str, str] | None = None
) -> None:
    """Write `document` to `path` as DOCX; on any failure no file (or the old one) is left.

    With `previous`, the file is a redline: `previous` is rendered by this same writer and
    every difference from it becomes a tracked change (`docx_track`). `notes` (clause id ->
    text) become Word comments on those clauses' headings, in either version (`policygen update`
    gives each change's reason)."""
    writer = _DocxWriter(document)
    package = writer.build()
    if previous is not None:
        from generator.writers.docx.track import track_changes

        old = _DocxWriter(previous)
        track_changes(old.build(), package, old.units, writer.units, author=COMMENT_AUTHOR, when=writer.created)
    if notes:
        from generator.writers.docx.review import add_clause_notes

        add_clause_notes(package, {marker_name(("clause", ident)): text for ident, text in notes.items()},
                         writer.created)
    buffer = io.BytesIO()
    package.save(buffer)
    with atomic_path(Path(path)) as tmp:
        docx_package.rezip(buffer.getvalue(), tmp, docx_package.zip_time(_created(document.meta)))


def _created(meta: Meta) -> dt.datetime:
    """`meta.created` as an aware UTC datetime (1980-01-01 if it cannot be read)."""
    try:
        when = dt.datetime.fromisoformat(meta.created)
    except ValueError:
        return dt.datetime(1980, 1, 1, tzinfo=dt.UTC)
    return when.replace(tzinfo=dt.UTC) if when.tzinfo is None else when.astimezone(dt.UTC)


# ---- the writer -----------------------------------------------------------------


class _DocxWriter:
    def __init__(self, document: Document) -> None:
        self.document = document
        self.meta = document.meta
        self.created = _created(document.meta)
        self.docx: DocxDocument = docx.Document()
        self.headings = plan_headings(document)
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
        header.add_run(clean(self.meta.school)).bold = True
        header.add_run(clean(f" \u2013 {self.meta.title}"))
        cover_header = section.first_page_header.paragraphs[0]
        if self.meta.is_draft:
            for paragraph in (header, cover_header):
                paragraph.add_run("\t")
                self._draft_run(paragraph, Pt(10))
        self._write_footer(section.footer.paragraphs[0])
        docx_oxml.set_paragraph_border(header, "bottom", "A6A6A6")
        docx_oxml.set_paragraph_border(section.footer.paragraphs[0], "top", "A6A6A6")

    def _draft_run(self, paragraph: DocxParagraph, size: Pt) -> DocxRun:
        run = paragraph.add_run(clean(self.meta.labels["draft_mark"]))
        run.bold = True
        run.font.size = size
        run.font.color.rgb = DRAFT_RED
        return run

    def _write_footer(self, footer: DocxParagraph) -> None:
        footer.add_run(clean(self.meta.footer_line))
        footer.add_run("\t")
        parts = _PAGE_PLACEHOLDER.split(self.meta.labels["page_x_of_y"])
        for index, part in enumerate(parts):
            if index % 2 == 0:
                if part:
                    footer.add_run(clean(part))
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
        run = school.add_run(clean(meta.school))
        run.font.size, run.font.color.rgb, run.bold = Pt(16), accent_colour(meta, light=True), True
        self._paragraph(clean(meta.title), "Title")
        if meta.edition == "review":
            edition = self.docx.add_paragraph().add_run(clean(meta.labels["review_edition"]))
            edition.font.size, edition.italic, edition.font.color.rgb = Pt(14), True, accent_colour(meta, light=True)
            guide = self.docx.add_paragraph().add_run(clean(meta.labels["review_guide"]))
            guide.font.size = Pt(9.5)
        for index, (label, value) in enumerate(meta.cover_facts):
            fact = self.docx.add_paragraph()
            fact.paragraph_format.tab_stops.add_tab_stop(Cm(4), WD_TAB_ALIGNMENT.LEFT)
            fact.paragraph_format.space_before = Pt(18 if index == 0 else 0)
            fact.paragraph_format.space_after = Pt(2)
            fact.add_run(clean(label)).bold = True
            fact.add_run("\t" + clean(value))
        date_line = self.docx.add_paragraph(clean(meta.date_line))
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
            self._picture(paragraph, self.meta.theme.logo, Cm(1.4), self.meta.theme.name)
            paragraph.add_run("  ")
        if self.meta.theme.name:
            run = paragraph.add_run(clean(self.meta.theme.name))
            run.bold, run.font.size, run.font.color.rgb = True, Pt(11), accent_colour(self.meta)

    def _picture(self, paragraph: DocxParagraph, image: str, height: Cm, alt: str) -> Any:
        """The image in a run of its own, with `alt` as its description (what a screen reader says):
        the logo as `logo.prepared` made it (upright, sRGB), the same bytes as the PDF's."""
        run = paragraph.add_run()
        picture = run.add_picture(io.BytesIO(_prepared(image).data), height=height)
        picture._inline.docPr.set("descr", clean(alt))
        return picture

    def _add_logo(self, logo: str) -> None:
        paragraph = self.docx.add_paragraph()
        picture = self._picture(paragraph, logo, Cm(2.5), self.meta.school)
        if picture.width > Cm(8):
            picture.height = int(picture.height * Cm(8) / picture.width)
            picture.width = Cm(8)

    def _write_contents(self) -> None:
        """Entries written out (visible without updating) inside a TOC field Word may refresh.

        Page numbers cannot be known before layout: the entries carry none (LibreOffice shows
        the cached entries as they are); Word rebuilds them with page numbers when it
        updates the field, which is marked dirty. A field's result is text, so each entry
        carries its heading's number as text, as Word's own updated entries do.
        """
        if not self.headings:
            return
        self._unit("contents")
        title = self._paragraph(clean(self.meta.labels["contents"]), "TOCHeading")
        title.paragraph_format.page_break_before = True
        for index, (key, heading) in enumerate(self.headings.items()):
            self._unit("contents", *key)
            entry = self._paragraph(style_id=f"TOC{heading.level}")
            if index == 0:
                docx_oxml.begin_field(entry, TOC_INSTRUCTION, dirty=True)
            link = docx_oxml.add_hyperlink(entry, anchor=heading.bookmark)
            docx_oxml.add_run_to(link, entry, clean(heading.entry))
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
        paragraph = self._paragraph(style_id=docx_oxml.HEADING_STYLES[heading.level - 1])
        paragraph.add_run(clean(heading.title))  # a run even for an empty title: comments start on it
        if not heading.number:  # the style numbers every other heading
            docx_oxml.set_paragraph_numbering(paragraph, docx_oxml.NO_NUM, None)
        if new_page:
            paragraph.paragraph_format.page_break_before = True
        # the marker first, so that the contents' bookmark is the heading's first (and the outer one)
        docx_oxml.add_bookmark(paragraph, MARKER_ID_OFFSET + heading.bookmark_id, marker_name(key))
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
            add_comments(
                self.docx,
                clause.review,
                heading.runs[0],
                self.last_run,
                labels=self.meta.labels,
                created=self.created,
                add_runs=self._add_runs,
            )

    def _write_block(self, block: Block, level: int) -> None:
        if isinstance(block, Paragraph):
            style = None if level == 0 else list_style_id("ListContinue", level - 1)
            self._add_runs(self._paragraph(style_id=style), block.runs)
        elif isinstance(block, ListBlock):
            self._write_list(block, level)
        elif isinstance(block, ContactTable):
            add_contact_table(self.docx, block)

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
                added = docx_oxml.add_run_to(link, paragraph, clean(run.text))
                docx_oxml.set_style_id(added, "Hyperlink")
            else:
                added = paragraph.add_run(clean(run.text))
            if run.strong:
                added.bold = True
            if run.emphasis:
                added.italic = True
            self.last_run = added

    def _write_sources(self) -> None:
        if not self.document.sources:
            return
        self._add_heading(("sources", ""))
        for source in self.document.sources:
            self.docx.add_paragraph(clean(source.text))

    # -- properties --

    def _set_core_properties(self) -> None:
        meta, properties = self.meta, self.docx.core_properties
        properties.title = clean(meta.title)[:255]
        properties.subject = clean(meta.subject)[:255]
        properties.author = properties.last_modified_by = clean(meta.author)[:255]
        properties.keywords = clean(meta.keywords)[:255]
        properties.language = meta.lang_tag
        properties.content_status = clean(meta.status_label)[:255]
        properties.comments = ""
        properties.created = properties.modified = self.created.replace(tzinfo=None)
        properties.revision = 1


def _prepared(logo: str) -> Any:
    """The logo decoded and normalised once for every writer (`logo.prepared`); PolicyError if it is no image."""
    from generator.options.logo import prepared

    try:
        return prepared(logo)
    except Exception as error:  # any failure to read the image is the logo's
        raise PolicyError.at(logo, None, "school.logo", Said("docx_logo", detail=str(error))) from error
