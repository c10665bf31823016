"""The contact table in the DOCX: column widths from the entries (`table_widths`, shared with
the PDF), then the Word table, laid out fixed at the text width with those column widths.
"""

from __future__ import annotations

from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.shared import Pt, Twips

from generator.document import ContactTable, is_email_address
from generator.writers.docx import oxml as docx_oxml
from generator.writers.docx.oxml import clean
from generator.writers.docx.styles import TABLE_STYLE, TEXT_WIDTH
from generator.writers.table_widths import column_widths

EMAIL_COLUMN = 3


def add_contact_table(docx: DocxDocument, block: ContactTable) -> None:
    """The table, header row shaded and repeated on each page, then a spacer paragraph."""
    values = [block.headers] + [(row.role, row.name, row.phone, row.email) for row in block.rows]
    widths = column_widths(values, TEXT_WIDTH)
    table = docx.add_table(rows=len(values), cols=len(widths))
    table.style = TABLE_STYLE
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    table.autofit = False
    docx_oxml.set_table_layout(table, TEXT_WIDTH)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Twips(width)
    for row_index, (row, texts) in enumerate(zip(table.rows, values, strict=True)):
        docx_oxml.keep_row_together(row)
        for column, (cell, width, text) in enumerate(zip(row.cells, widths, texts, strict=True)):
            cell.width = Twips(width)
            paragraph = cell.paragraphs[0]
            paragraph.paragraph_format.space_after = Pt(0)
            paragraph.paragraph_format.line_spacing = 1.0
            if text and column == EMAIL_COLUMN and row_index and is_email_address(text):
                r_id = paragraph.part.relate_to(f"mailto:{text}", RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
                docx_oxml.add_run_to(docx_oxml.add_hyperlink(paragraph, r_id=r_id), paragraph, clean(text))
            elif text:
                paragraph.add_run(clean(text))
    header = table.rows[0]
    docx_oxml.mark_header_row(header)
    for cell in header.cells:
        docx_oxml.shade_cell(cell, "DCE6F1")
        for run in cell.paragraphs[0].runs:
            run.bold = True
    spacer = docx.add_paragraph().paragraph_format  # keeps tables apart; ends the body
    spacer.space_after, spacer.line_spacing = Pt(0), Pt(8)
