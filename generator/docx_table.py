"""The contact table in the DOCX: column widths from the entries, then the Word table.

Widths are estimated from the longest entry in each column (Calibri 11 pt), and the
table is laid out fixed at the text width with those column widths.
"""

from __future__ import annotations

from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.shared import Pt, Twips

from . import docx_oxml
from .document import ContactTable, is_email_address
from .docx_oxml import clean
from .docx_styles import TABLE_STYLE, TEXT_WIDTH

CHAR_WIDTH, CELL_PADDING, MIN_TEXT_COLUMN = 110, 260, 1600  # twips, for Calibri 11 pt
EMAIL_COLUMN = 3


def add_contact_table(docx: DocxDocument, block: ContactTable) -> None:
    """The table, header row shaded and repeated on each page, then a spacer paragraph."""
    values = [block.headers] + [(row.role, row.name, row.phone, row.email) for row in block.rows]
    widths = _column_widths(values)
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


def _column_widths(rows: list[tuple[str, str, str, str]]) -> list[int]:
    """Widths (twips) filling the text width: phone and e-mail kept on one line where they
    fit, role and name sharing the rest by the length of their longest entry, each at
    least as wide as its longest word (a role such as "Arbejdsmiljørepræsentant" is not
    broken inside the word) where the two fit side by side."""
    needs = [_width(max(len(row[i]) for row in rows)) for i in range(4)]
    role, name, phone, email = needs
    spare = TEXT_WIDTH - phone - email
    if spare < 2 * MIN_TEXT_COLUMN:  # very long e-mail addresses wrap rather than squeeze the names
        phone, email = (round(w * (TEXT_WIDTH - 2 * MIN_TEXT_COLUMN) / (phone + email)) for w in (phone, email))
        spare = TEXT_WIDTH - phone - email
    role_word, name_word = (max(MIN_TEXT_COLUMN, _width(_longest_word(rows, i))) for i in range(2))
    if role_word + name_word > spare:  # two very long words: each gets its share
        role = round(spare * role_word / (role_word + name_word))
    else:
        role = min(max(round(spare * role / (role + name)), role_word), spare - name_word)
    return [role, spare - role, phone, email]


def _width(characters: int) -> int:
    return min(characters, 40) * CHAR_WIDTH + CELL_PADDING


def _longest_word(rows: list[tuple[str, str, str, str]], column: int) -> int:
    return max((len(word) for row in rows for word in row[column].split()), default=0)
