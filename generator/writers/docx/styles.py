"""The Word styles of the policy: fonts, colours, headings, lists, table, header and footer.

The letterhead theme (`Meta.theme`) chooses the accent colour and the font; the page
geometry is A4 with 2.5 cm margins.
"""

from __future__ import annotations

from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.shared import Pt, RGBColor, Twips

from generator.document import Meta
from generator.writers.docx import oxml as docx_oxml

# The shipped PDF fonts and the Word fonts whose metrics they share (templates/fonts/README.md)
WORD_FONTS = {"carlito": "Calibri", "caladea": "Cambria"}
MUTED = RGBColor(0x59, 0x59, 0x59)
LINK_BLUE = RGBColor(0x05, 0x63, 0xC1)
DRAFT_RED = RGBColor(0xC0, 0x00, 0x00)  # the draft mark, and warnings in review comments
PAGE_WIDTH, PAGE_HEIGHT, MARGIN = 11906, 16838, 1418  # twips: A4, 2.5 cm margins
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN
TABLE_STYLE = "Policy Table"


def list_style(base: str, level: int) -> str:
    return base if level == 0 else f"{base} {min(level, 2) + 1}"


def accent_colour(meta: Meta, *, light: bool = False) -> RGBColor:
    """The theme's accent colour; `light` mixes a quarter of white into it (for clause headings)."""
    red, green, blue = (int(meta.theme.accent[i : i + 2], 16) for i in (1, 3, 5))
    if light:
        red, green, blue = (round(c + (255 - c) * 0.25) for c in (red, green, blue))
    return RGBColor(red, green, blue)


def list_style_id(base: str, level: int) -> str:
    return list_style(base, level).replace(" ", "")


def set_up_styles(document: DocxDocument, meta: Meta) -> None:
    styles = document.styles
    docx_oxml.prune_table_styles(styles.element)
    font, accent, light = WORD_FONTS[meta.theme.font], accent_colour(meta), accent_colour(meta, light=True)
    docx_oxml.set_document_defaults(styles.element, document.settings.element, font, meta.lang_tag)
    normal = styles["Normal"]
    normal.font.name, normal.font.size = font, Pt(11)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    normal.paragraph_format.widow_control = True
    for name, size, before, after, color in (
        ("Title", 28, 0, 12, accent),
        ("Heading 1", 16, 24, 6, accent),
        ("Heading 2", 12.5, 12, 3, light),
        ("TOC Heading", 16, 0, 12, accent),
    ):
        style = styles[name]
        docx_oxml.set_style_fonts(style, font)
        style.font.size, style.font.color.rgb = Pt(size), color
        style.font.bold = name != "Title"
        style.paragraph_format.space_before, style.paragraph_format.space_after = Pt(before), Pt(after)
        style.paragraph_format.keep_with_next = True
    docx_oxml.set_paragraph_border(styles["Title"], "bottom", str(accent), 8, 6)
    _set_up_heading_numbering(document)
    _set_up_list_styles(document)
    _set_up_header_footer_styles(document)
    _add_styles(document, meta)


def _set_up_heading_numbering(document: DocxDocument) -> None:
    """Heading 1 and 2 numbered by Word's own multilevel list; "TOC Heading", which the
    template bases on Heading 1, is not numbered."""
    styles = document.styles
    for level, name in enumerate(("Heading 1", "Heading 2")):
        docx_oxml.set_style_numbering(styles[name], docx_oxml.HEADING_NUM, level)
    docx_oxml.set_style_numbering(styles["TOC Heading"], docx_oxml.NO_NUM, None)


def _set_up_list_styles(document: DocxDocument) -> None:
    styles = document.styles
    for level in range(3):
        docx_oxml.set_style_numbering(styles[list_style("List Bullet", level)], docx_oxml.BULLET_NUM, level)
        docx_oxml.set_style_numbering(styles[list_style("List Number", level)], docx_oxml.DECIMAL_NUM, level)
        cont = styles[list_style("List Continue", level)].paragraph_format
        cont.left_indent = Twips(docx_oxml.list_level_indent(level))
        cont.space_after = Pt(3)
        for name in ("List Bullet", "List Number"):
            styles[list_style(name, level)].paragraph_format.space_after = Pt(3)


def _set_up_header_footer_styles(document: DocxDocument) -> None:
    for name in ("Header", "Footer"):
        style = document.styles[name]
        style.font.size, style.font.color.rgb = Pt(9), MUTED
        tabs = style.paragraph_format.tab_stops
        tabs.clear_all()
        tabs.add_tab_stop(Twips(TEXT_WIDTH), WD_TAB_ALIGNMENT.RIGHT)


def _add_styles(document: DocxDocument, meta: Meta) -> None:
    """The styles the default template lacks: TOC levels, hyperlinks, table, comments."""
    styles = document.styles
    for level in (1, 2):
        toc = styles.add_style(f"toc {level}", WD_STYLE_TYPE.PARAGRAPH, builtin=True)
        toc.style_id, toc.base_style, toc.next_paragraph_style = f"TOC{level}", styles["Normal"], styles["Normal"]
        toc.paragraph_format.space_before = Pt(6 if level == 1 else 0)
        toc.paragraph_format.space_after = Pt(2)
        number_column = docx_oxml.HEADING_NUMBER_WIDTH  # as the PDF: the number hangs in an 11 mm column
        toc.paragraph_format.left_indent = Twips(number_column * level)
        toc.paragraph_format.first_line_indent = Twips(-number_column)
        toc.paragraph_format.tab_stops.add_tab_stop(Twips(number_column * level), WD_TAB_ALIGNMENT.LEFT)
        toc.font.bold = level == 1
    link = styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER, builtin=True)
    link.base_style = styles["Default Paragraph Font"]
    link.font.color.rgb, link.font.underline = LINK_BLUE, True
    docx_oxml.add_table_style(styles.element, "PolicyTable", TABLE_STYLE, border="8EA9C8", header_fill="DCE6F1")
    if meta.edition == "review":
        text = styles.add_style("annotation text", WD_STYLE_TYPE.PARAGRAPH, builtin=True)
        text.style_id, text.base_style = "CommentText", styles["Normal"]
        text.font.size, text.paragraph_format.space_after = Pt(10), Pt(3)
        reference = styles.add_style("annotation reference", WD_STYLE_TYPE.CHARACTER, builtin=True)
        reference.style_id, reference.base_style = "CommentReference", styles["Default Paragraph Font"]
        reference.font.size = Pt(8)
