"""Raw WordprocessingML for what python-docx has no API for.

`write_docx` works with python-docx's proxy objects; everything below them lives here:
numbering definitions, fields (TOC, PAGE, NUMPAGES, PAGEREF), bookmarks, hyperlinks,
document language and fonts in the style defaults, borders and shading, table-style
XML, comment dates and the parts of the default template that a policy does not need;
and `clean`, for text with characters XML cannot hold.
Every id written here is given by the caller or counted, never random.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.text.paragraph import Paragraph
from docx.text.run import Run

BULLET_ABSTRACT = 0
DECIMAL_ABSTRACT = 1
HEADING_ABSTRACT = 2
NO_NUM = 0  # numId 0: "not numbered", where a style would number the paragraph
BULLET_NUM = 1  # the w:num that the "List Bullet" styles point at
DECIMAL_NUM = 2  # the w:num that the "List Number" styles point at
HEADING_NUM = 3  # the w:num that the "Heading 1" and "Heading 2" styles point at
FIRST_LIST_NUM = 4  # every numbered list gets its own w:num from here on
HEADING_STYLES = ("Heading1", "Heading2")  # style ids, by heading level - 1
HEADING_NUMBER_WIDTH = 624  # twips (11 mm): the PDF's column for a heading's number

_LEVELS = 4
_INDENT = 426  # twips per list level (0.75 cm)
_HANGING = 284  # twips between the bullet or number and the text (0.5 cm)
_BULLETS = ("\u2022", "\u2013", "\u2022", "\u2013")
_NUMBER_FORMATS = (("decimal", "%1."), ("lowerLetter", "%2)"), ("lowerRoman", "%3)"), ("decimal", "%4."))
_HEADING_TEXTS = ("%1", "%1.%2")  # "4", "4.2": the numbers the PDF prints
_THEME_FONT_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
_TEMPLATE_EXTRAS = (
    "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml",
    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail",
)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean(text: str) -> str:
    """Text without the characters XML cannot hold."""
    return _NOT_XML.sub("", text)


def _el(tag: str, **attrs: str) -> Any:
    """A new element `tag` with `w:`-prefixed attributes given as keyword arguments."""
    element = OxmlElement(tag)
    for name, value in attrs.items():
        element.set(qn(f"w:{name}"), value)
    return element


_PPR_ORDER = (
    "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr shd tabs"
    " suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi"
    " adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc textDirection"
    " textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange"
).split()
_TBLPR_ORDER = (
    "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc tblCellSpacing"
    " tblInd tblBorders shd tblLayout tblCellMar tblLook tblCaption tblDescription tblPrChange"
).split()
_TCPR_ORDER = (
    "cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection tcFitText vAlign hideMark"
).split()


def _put_child(parent: Any, child: Any, order: list[str]) -> None:
    """Put `child` into `parent` where the schema's sequence `order` wants it, replacing its twin."""
    for old in parent.findall(child.tag):
        parent.remove(old)
    position = order.index(child.tag.rsplit("}", 1)[1])
    for sibling in parent:
        name = sibling.tag.rsplit("}", 1)[-1] if isinstance(sibling.tag, str) else ""
        if name in order and order.index(name) > position:
            sibling.addprevious(child)
            return
    parent.append(child)


# ---- package and styles -----------------------------------------------------


def drop_template_extras(docx_document: Any) -> None:
    """Drop the default template's thumbnail, stylesWithEffects and customXml parts."""
    for rels in (docx_document.part.package.rels, docx_document.part.rels):
        for r_id in [r_id for r_id, rel in rels.items() if rel.reltype in _TEMPLATE_EXTRAS]:
            del rels[r_id]


def prune_table_styles(styles_element: Any, keep: tuple[str, ...] = ("TableNormal", "TableGrid")) -> None:
    """Drop the template's hundred unused table styles (every style lookup walks them all)."""
    for style in styles_element.findall(qn("w:style")):
        if style.get(qn("w:type")) == "table" and style.get(qn("w:styleId")) not in keep:
            styles_element.remove(style)


def set_rpr_fonts(rpr: Any, font: str) -> None:
    """Name `font` for every script in a w:rPr and drop theme fonts, which would win over it."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = _el("w:rFonts")
        rpr.insert(0, fonts)
    for attr in _THEME_FONT_ATTRS:
        fonts.attrib.pop(qn(attr), None)
    for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{attr}"), font)


def set_document_defaults(styles_element: Any, settings_element: Any, font: str, lang_tag: str) -> None:
    """Default font and language (for spell-checking) of every run in the document."""
    rpr = styles_element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_rpr_fonts(rpr, font)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = _el("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), lang_tag)
    theme_lang = settings_element.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:val"), lang_tag)
    proof_state = settings_element.find(qn("w:proofState"))
    if proof_state is not None:  # the template claims "already checked": let Word check
        settings_element.remove(proof_state)


def set_style_fonts(style: Any, font: str) -> None:
    set_rpr_fonts(style.element.get_or_add_rPr(), font)


def set_paragraph_border(target: Paragraph | Any, side: str, color: str, size: int = 4, space: int = 4) -> None:
    """A single line on one `side` (top, bottom) of a paragraph or a paragraph style."""
    ppr = target._p.get_or_add_pPr() if isinstance(target, Paragraph) else target.element.get_or_add_pPr()
    borders = _el("w:pBdr")
    borders.append(_el(f"w:{side}", val="single", sz=str(size), space=str(space), color=color))
    _put_child(ppr, borders, _PPR_ORDER)


def set_style_numbering(style: Any, num_id: int, level: int | None) -> None:
    """Point a paragraph style at a numbering instance and level (`NO_NUM`, no level: not numbered)."""
    ppr = style.element.get_or_add_pPr()
    _put_child(ppr, _num_pr(num_id, level), _PPR_ORDER)


def add_table_style(styles_element: Any, style_id: str, name: str, border: str, header_fill: str) -> None:
    """A table style: thin borders, padded cells, a shaded bold header row."""
    cell_border = f'w:val="single" w:sz="4" w:space="0" w:color="{border}"'
    xml = (
        f'<w:style {nsdecls("w")} w:type="table" w:customStyle="1" w:styleId="{style_id}">'
        f'<w:name w:val="{name}"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/><w:qFormat/>'
        '<w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
        '<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblBorders>'
        + "".join(f"<w:{side} {cell_border}/>" for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
        + '</w:tblBorders><w:tblCellMar><w:top w:w="85" w:type="dxa"/><w:left w:w="113" w:type="dxa"/>'
        '<w:bottom w:w="85" w:type="dxa"/><w:right w:w="113" w:type="dxa"/></w:tblCellMar></w:tblPr>'
        '<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:bCs/></w:rPr>'
        f'<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{header_fill}"/></w:tcPr></w:tblStylePr>'
        "</w:style>"
    )
    styles_element.append(parse_xml(xml))


# ---- numbering ----------------------------------------------------------------


def _abstract_num(abstract_id: int) -> Any:
    abstract = _el("w:abstractNum", abstractNumId=str(abstract_id))
    abstract.append(_el("w:nsid", val=f"{0x50C1A100 + abstract_id:08X}"))
    abstract.append(_el("w:multiLevelType", val="multilevel"))
    return abstract


def _lvl(level: int, fmt: str, text: str, indent: int, hanging: int, style_id: str | None = None) -> Any:
    """One level of a numbering definition; `style_id` links it to the paragraph style it numbers."""
    lvl = _el("w:lvl", ilvl=str(level))
    lvl.append(_el("w:start", val="1"))
    lvl.append(_el("w:numFmt", val=fmt))
    if style_id is not None:
        lvl.append(_el("w:pStyle", val=style_id))
    lvl.append(_el("w:lvlText", val=text))
    lvl.append(_el("w:lvlJc", val="left"))
    ppr = _el("w:pPr")
    ppr.append(_el("w:ind", left=str(indent), hanging=str(hanging)))
    lvl.append(ppr)
    if fmt == "bullet":
        rpr = _el("w:rPr")
        rpr.append(_el("w:rFonts", ascii="Calibri", hAnsi="Calibri", hint="default"))
        lvl.append(rpr)
    return lvl


def _list_abstract(abstract_id: int, levels: list[tuple[str, str]]) -> Any:
    abstract = _abstract_num(abstract_id)
    for level, (fmt, text) in enumerate(levels):
        abstract.append(_lvl(level, fmt, text, _INDENT * (level + 1), _HANGING))
    return abstract


def _heading_abstract() -> Any:
    """Headings numbered by Word, so that a section inserted in Word renumbers those after it:
    "4" and "4.2" hanging before the text at 11 mm, each level linked to its Heading style
    (w:lvl/w:pStyle, ISO/IEC 29500-1 §17.9.24; the styles point back with w:numPr)."""
    abstract = _abstract_num(HEADING_ABSTRACT)
    for level, (text, style_id) in enumerate(zip(_HEADING_TEXTS, HEADING_STYLES, strict=True)):
        abstract.append(_lvl(level, "decimal", text, HEADING_NUMBER_WIDTH, HEADING_NUMBER_WIDTH, style_id))
    return abstract


def reset_numbering(numbering_element: Any) -> None:
    """Replace the template's lists with one bullet, one decimal and one heading definition."""
    for child in list(numbering_element):
        numbering_element.remove(child)
    bullets = [("bullet", _BULLETS[level]) for level in range(_LEVELS)]
    numbering_element.append(_list_abstract(BULLET_ABSTRACT, bullets))
    numbering_element.append(_list_abstract(DECIMAL_ABSTRACT, list(_NUMBER_FORMATS[:_LEVELS])))
    numbering_element.append(_heading_abstract())
    add_num(numbering_element, BULLET_NUM, BULLET_ABSTRACT)
    add_num(numbering_element, DECIMAL_NUM, DECIMAL_ABSTRACT)
    add_num(numbering_element, HEADING_NUM, HEADING_ABSTRACT)


def add_num(numbering_element: Any, num_id: int, abstract_id: int, restart: tuple[int, int] | None = None) -> None:
    """A list instance; `restart=(level, start)` makes it start afresh at `start` on `level`."""
    num = _el("w:num", numId=str(num_id))
    num.append(_el("w:abstractNumId", val=str(abstract_id)))
    if restart is not None:
        level, start = restart
        override = _el("w:lvlOverride", ilvl=str(level))
        override.append(_el("w:startOverride", val=str(start)))
        num.append(override)
    numbering_element.append(num)


def list_level_indent(level: int) -> int:
    """Left indent in twips of the text of a list item at `level`."""
    return _INDENT * (min(level, _LEVELS - 1) + 1)


def max_list_level() -> int:
    return _LEVELS - 1


def _num_pr(num_id: int, level: int | None) -> Any:
    num_pr = _el("w:numPr")
    if level is not None:
        num_pr.append(_el("w:ilvl", val=str(level)))
    num_pr.append(_el("w:numId", val=str(num_id)))
    return num_pr


def set_paragraph_numbering(paragraph: Paragraph, num_id: int, level: int | None) -> None:
    _put_child(paragraph._p.get_or_add_pPr(), _num_pr(num_id, level), _PPR_ORDER)


# ---- runs, hyperlinks, bookmarks, fields ---------------------------------------


def set_style_id(item: Paragraph | Run, style_id: str) -> None:
    """Apply a paragraph or character style by its id, skipping python-docx's name lookup."""
    if isinstance(item, Paragraph):
        item._p.style = style_id
    else:
        item._r.style = style_id


def add_hyperlink(paragraph: Paragraph, *, r_id: str | None = None, anchor: str | None = None) -> Any:
    """Append an empty w:hyperlink (external through `r_id`, or to a bookmark) and return it."""
    link = _el("w:hyperlink")
    if r_id is not None:
        link.set(qn("r:id"), r_id)
    if anchor is not None:
        link.set(qn("w:anchor"), anchor)
    link.set(qn("w:history"), "1")
    paragraph._p.append(link)
    return link


def add_run_to(container: Any, paragraph: Paragraph, text: str = "") -> Run:
    """A run appended to `container` (a w:hyperlink or the paragraph's w:p), as a proxy."""
    run = Run(container.add_r(), paragraph)
    if text:
        run.text = text
    return run


def add_bookmark(paragraph: Paragraph, bookmark_id: int, name: str) -> None:
    """Put a bookmark around the whole paragraph content."""
    p = paragraph._p
    start = _el("w:bookmarkStart", id=str(bookmark_id), name=name)
    ppr = p.find(qn("w:pPr"))
    if ppr is None:
        p.insert(0, start)
    else:
        ppr.addnext(start)
    p.append(_el("w:bookmarkEnd", id=str(bookmark_id)))


def _field_char(paragraph: Paragraph, kind: str, dirty: bool = False) -> None:
    char = _el("w:fldChar", fldCharType=kind)
    if dirty:
        char.set(qn("w:dirty"), "true")
    paragraph.add_run()._r.append(char)


def begin_field(paragraph: Paragraph, instruction: str, *, dirty: bool = False) -> None:
    """fldChar begin, the instruction and fldChar separate: the field's shown result follows."""
    _field_char(paragraph, "begin", dirty)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    paragraph.add_run()._r.append(instr)
    _field_char(paragraph, "separate")


def end_field(paragraph: Paragraph) -> None:
    _field_char(paragraph, "end")


def add_field(paragraph: Paragraph, instruction: str, shown: str) -> None:
    """A complete field (PAGE, NUMPAGES, ...) showing `shown` until a reader updates it."""
    begin_field(paragraph, instruction)
    paragraph.add_run(shown)
    end_field(paragraph)


# ---- paragraphs and tables ------------------------------------------------------


def mark_header_row(row: Any) -> None:
    """Repeat the row at the top of every page and keep it in one piece."""
    tr_pr = row._tr.get_or_add_trPr()
    for tag in ("w:cantSplit", "w:tblHeader"):
        if tr_pr.find(qn(tag)) is None:
            tr_pr.append(_el(tag))


def keep_row_together(row: Any) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    if tr_pr.find(qn("w:cantSplit")) is None:
        tr_pr.insert(0, _el("w:cantSplit"))


def shade_cell(cell: Any, fill: str) -> None:
    """Direct cell shading (LibreOffice and Word both show it, whatever the table style)."""
    tc_pr = cell._tc.get_or_add_tcPr()
    _put_child(tc_pr, _el("w:shd", val="clear", color="auto", fill=fill), _TCPR_ORDER)


def set_table_layout(table: Any, width: int) -> None:
    """Fixed layout at `width` twips, with the style's header row and no banding."""
    tbl_pr = table._tbl.tblPr
    _put_child(tbl_pr, _el("w:tblW", w=str(width), type="dxa"), _TBLPR_ORDER)
    _put_child(tbl_pr, _el("w:tblLayout", type="fixed"), _TBLPR_ORDER)
    look = _el(
        "w:tblLook", val="04A0", firstRow="1", lastRow="0", firstColumn="0", lastColumn="0", noHBand="1", noVBand="1"
    )
    _put_child(tbl_pr, look, _TBLPR_ORDER)


# ---- comments -----------------------------------------------------------------


def set_comment_date(comment: Any, when: dt.datetime) -> None:
    """python-docx stamps comments with the clock; give them the document's fixed date."""
    comment._comment_elm.date = when
