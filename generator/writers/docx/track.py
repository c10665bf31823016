"""Tracked changes (w:ins, w:del) between two renderings of the same writer: the redline.

`write_docx(new, path, previous=old)` renders both Documents with the one DOCX writer;
`track_changes` then lays the previous body over the new one and marks every difference
as a revision that Word and LibreOffice list as a change: accepting all gives the new
policy, rejecting all the old. The writer marks where each unit starts (cover, each
contents entry, section heading, clause, sources). Units are matched by key, so a clause
that comes or goes is one whole-clause change; matched units are compared paragraph by
paragraph, table row by table row, and inside a changed paragraph word by word.

Raw WordprocessingML, like `docx_oxml`: only `write_docx` calls it.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
from dataclasses import dataclass, field
from typing import Any

from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

from generator.writers.docx.oxml import NO_NUM
from generator.writers.docx.track_words import TARGET, copy_link, local_name, merge_words, tokens
from generator.writers.word_diff import matched, similarity

Unit = tuple[tuple[str, ...], int]  # (key, index of its first block in the body)
PAIRING_SIMILARITY = 0.5  # below this, a changed paragraph is shown as deleted and inserted
_ONE_A_UNIT = ("Heading", "TOC", "Title")  # styles of paragraphs a unit (cover, heading, contents entry) has one of
FIRST_REVISION_ID = 10_000  # above every bookmark and comment id the writer gives
_R_EMBED = qn("r:embed")


@dataclass
class _Context:
    old_doc: Any
    new_doc: Any
    author: str
    date: str
    next_id: int = FIRST_REVISION_ID
    parts: tuple[Any, Any] | None = None  # (old, new) story parts being merged; None: the documents'
    num_map: dict[str, str] = field(default_factory=dict)
    deleted_numbered: list[tuple[Any, str]] = field(default_factory=list)
    bookmarks: set[str] = field(default_factory=set)  # the names of the new document's bookmarks
    bookmark_ids: dict[str, str] = field(default_factory=dict)  # a deleted bookmark's old id -> its new one

    def relate(self, address: str) -> str:
        """The new story part's relationship id for an external link to `address` (added if new)."""
        part = (self.parts or (self.old_doc.part, self.new_doc.part))[1]
        return str(part.relate_to(address, RELATIONSHIP_TYPE.HYPERLINK, is_external=True))

    def revision(self, kind: str) -> Any:
        mark = OxmlElement(f"w:{kind}")
        mark.set(qn("w:id"), str(self.next_id))
        mark.set(qn("w:author"), self.author)
        mark.set(qn("w:date"), self.date)
        self.next_id += 1
        return mark


def track_changes(old_doc: Any, new_doc: Any, old_units: list[Unit], new_units: list[Unit], *,
                  author: str, when: dt.datetime) -> None:
    """Turn `new_doc` (python-docx) into a redline against `old_doc`, in place."""
    ctx = _Context(old_doc, new_doc, author, when.strftime("%Y-%m-%dT%H:%M:%SZ"))
    for doc in (old_doc, new_doc):
        _mark_link_targets(doc)
    ctx.bookmarks = {mark.get(qn("w:name")) for mark in _stories(new_doc, qn("w:bookmarkStart"))}
    body = new_doc.element.body
    old_segments = _segments(list(old_doc.element.body)[:-1], old_units)
    new_segments = _segments(list(body)[:-1], new_units)
    merged: list[Any] = []
    old_keys, new_keys = [k for k, _ in old_segments], [k for k, _ in new_segments]
    for tag, i1, i2, j1, j2 in matched(old_keys, new_keys):
        if tag == "equal":
            for (_, old), (_, new) in zip(old_segments[i1:i2], new_segments[j1:j2], strict=True):
                merged += _merge_blocks(old, new, ctx)
        else:
            merged += [_deleted(block, ctx) for _, old in old_segments[i1:i2] for block in old]
            merged += [_inserted(block, ctx) for _, new in new_segments[j1:j2] for block in new]
    sect_pr = body[-1]
    for child in list(body)[:-1]:
        body.remove(child)
    for block in merged:
        sect_pr.addprevious(block)
    _merge_headers_and_footers(ctx)
    _renumber_deleted(ctx)
    for link in _stories(new_doc, qn("w:hyperlink")):
        link.attrib.pop(TARGET, None)
        etree.cleanup_namespaces(link, top_nsmap=None, keep_ns_prefixes=None)


def _stories(doc: Any, tag: str) -> list[Any]:
    """Every `tag` element of the document's body, headers and footers."""
    section = doc.sections[0]
    roots = [doc.element.body] + [
        getattr(section, name)._element
        for name in ("header", "first_page_header", "footer", "first_page_footer")
        if not getattr(section, name).is_linked_to_previous
    ]
    return [element for root in roots for element in root.iter(tag)]


def _mark_link_targets(doc: Any) -> None:
    """Put on each w:hyperlink what it leads to (`TARGET`): "#bookmark", or the address its
    relationship names. Relationship ids differ between two documents; targets can be compared."""
    section = doc.sections[0]
    stories = [(doc.element.body, doc.part)] + [
        (getattr(section, name)._element, getattr(section, name).part)
        for name in ("header", "first_page_header", "footer", "first_page_footer")
        if not getattr(section, name).is_linked_to_previous
    ]
    for root, part in stories:
        for link in root.iter(qn("w:hyperlink")):
            r_id = link.get(qn("r:id"))
            if r_id is not None and r_id in part.rels:
                link.set(TARGET, part.rels[r_id].target_ref)
            elif link.get(qn("w:anchor")) is not None:
                link.set(TARGET, "#" + link.get(qn("w:anchor")))


def _segments(blocks: list[Any], units: list[Unit]) -> list[tuple[tuple[str, ...], list[Any]]]:
    starts = [(("start",), 0), *units]
    bounds = [start for _, start in starts[1:]] + [len(blocks)]
    return [(key, blocks[start:end]) for (key, start), end in zip(starts, bounds, strict=True) if end > start]


def _merge_headers_and_footers(ctx: _Context) -> None:
    old_section, new_section = ctx.old_doc.sections[0], ctx.new_doc.sections[0]
    for name in ("header", "first_page_header", "footer", "first_page_footer"):
        old, new = getattr(old_section, name), getattr(new_section, name)
        if old.is_linked_to_previous or new.is_linked_to_previous:
            continue
        container = new._element
        ctx.parts = (old.part, new.part)  # pictures in a header relate to the header's part
        merged = _merge_blocks(list(old._element), list(container), ctx)
        ctx.parts = None
        for child in list(container):
            container.remove(child)
        container.extend(merged)


# ---- blocks: paragraphs and tables ------------------------------------------------------


def _signature(block: Any) -> tuple[Any, ...]:
    if local_name(block) == "tbl":
        return ("tbl", tuple(_row_signature(row) for row in block.iter(qn("w:tr"))))
    ppr = block.find(qn("w:pPr"))
    style = level = None
    if ppr is not None:
        style_el, ilvl = ppr.find(qn("w:pStyle")), ppr.find(f"{qn('w:numPr')}/{qn('w:ilvl')}")
        style = None if style_el is None else style_el.get(qn("w:val"))
        level = None if ilvl is None else ilvl.get(qn("w:val"))
    return ("p", style, level, tuple(token.key for token in tokens(block) if token.kind == "text"))


def _row_signature(row: Any) -> tuple[Any, ...]:
    return tuple(tuple(_signature(block) for block in _cell_blocks(cell)) for cell in row.iter(qn("w:tc")))


def _cell_blocks(cell: Any) -> list[Any]:
    return [child for child in cell if local_name(child) in ("p", "tbl")]


def _merge_blocks(old: list[Any], new: list[Any], ctx: _Context, *, in_cell: bool = False) -> list[Any]:
    old_sigs, new_sigs = [_signature(b) for b in old], [_signature(b) for b in new]
    out: list[Any] = []
    for tag, i1, i2, j1, j2 in matched(old_sigs, new_sigs):
        if tag == "equal":
            for old_block, new_block in zip(old[i1:i2], new[j1:j2], strict=True):
                _note_numbering(old_block, new_block, ctx)
            out += new[j1:j2]
        else:
            out += _pair_up(old[i1:i2], new[j1:j2], ctx, in_cell=in_cell)
    return out


def _pair_up(old: list[Any], new: list[Any], ctx: _Context, *, in_cell: bool = False) -> list[Any]:
    """Changed blocks: each old one merged with the next new one like it, the rest deleted or inserted.

    In a table cell any two paragraphs pair: a cell's last paragraph mark cannot be deleted,
    so a deleted-and-inserted pair would leave an empty paragraph behind."""
    out: list[Any] = []
    cursor = 0
    for old_block in old:
        match = next((k for k in range(cursor, len(new)) if _pairable(old_block, new[k], in_cell)), None)
        if match is None:
            out.append(_deleted(old_block, ctx))
            continue
        out += [_inserted(block, ctx) for block in new[cursor:match]]
        if local_name(old_block) == "tbl":
            out.append(_merge_table(old_block, new[match], ctx))
        else:
            _note_numbering(old_block, new[match], ctx)
            out.append(merge_words(old_block, new[match], ctx.revision, ctx.relate))
        cursor = match + 1
    out += [_inserted(block, ctx) for block in new[cursor:]]
    return out


def _pairable(old: Any, new: Any, in_cell: bool = False) -> bool:
    if local_name(old) != local_name(new):
        return False
    if local_name(old) == "tbl":
        return True
    old_sig, new_sig = _signature(old), _signature(new)
    if old_sig[1:3] != new_sig[1:3]:
        return False
    if old_sig[2] is not None or in_cell:  # a list item changed keeps its place and number
        return True
    if str(old_sig[1] or "").startswith(_ONE_A_UNIT):  # the unit's own heading (or contents entry), reworded:
        return True  # one paragraph, so its bookmark (and the links to it) holds in the old text and the new
    return similarity([k[0] for k in old_sig[3]], [k[0] for k in new_sig[3]]) >= PAIRING_SIMILARITY


def _merge_table(old: Any, new: Any, ctx: _Context) -> Any:
    old_rows, new_rows = old.findall(qn("w:tr")), new.findall(qn("w:tr"))
    widths = [col.get(qn("w:w")) for col in new.iter(qn("w:gridCol"))]
    rows: list[Any] = []
    ops = matched([_row_signature(r) for r in old_rows], [_row_signature(r) for r in new_rows])
    for tag, i1, i2, j1, j2 in ops:
        if tag == "equal":
            rows += new_rows[j1:j2]
            continue
        olds, news = old_rows[i1:i2], new_rows[j1:j2]
        paired = min(len(olds), len(news)) if tag == "replace" else 0
        for old_row, new_row in zip(olds[:paired], news[:paired], strict=True):
            for old_cell, new_cell in zip(old_row.iter(qn("w:tc")), new_row.iter(qn("w:tc")), strict=False):
                blocks = _merge_blocks(_cell_blocks(old_cell), _cell_blocks(new_cell), ctx, in_cell=True)
                for child in _cell_blocks(new_cell):
                    new_cell.remove(child)
                new_cell.extend(blocks)
            rows.append(new_row)
        rows += [_deleted_row(row, widths, ctx) for row in olds[paired:]]
        rows += [_inserted_row(row, ctx) for row in news[paired:]]
    for row in new_rows:
        new.remove(row)
    new.extend(rows)
    return new


# ---- whole blocks inserted or deleted --------------------------------------------------


def _inserted(block: Any, ctx: _Context) -> Any:
    if local_name(block) == "tbl":
        for row in block.findall(qn("w:tr")):
            _inserted_row(row, ctx)
        return block
    for run in _runs(block):
        _wrap(run, ctx.revision("ins"))
    _mark_paragraph(block, ctx.revision("ins"))
    return block


def _deleted(block: Any, ctx: _Context) -> Any:
    block = copy.deepcopy(block)
    if local_name(block) == "tbl":
        widths = [col.get(qn("w:w")) for col in block.iter(qn("w:gridCol"))]
        for row in block.findall(qn("w:tr")):
            _deleted_row(row, widths, ctx, copied=True)
        return block
    _delete_content(block, ctx)
    _mark_paragraph(block, ctx.revision("del"))
    num_id = block.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
    if num_id is not None and num_id.get(qn("w:val")) != str(NO_NUM):  # numId 0: kept out of a list
        ctx.deleted_numbered.append((num_id, num_id.get(qn("w:val"))))
    return block


def _delete_content(paragraph: Any, ctx: _Context) -> None:
    """Old text as deleted runs, each in the link it had (its address related anew in the new
    document), and with the bookmarks of headings the new document does not have (their ids made
    new): rejecting every change gives the old document back, links and their targets included."""
    for mark in [e for e in paragraph.iter() if local_name(e) in ("bookmarkStart", "bookmarkEnd")]:
        if local_name(mark) == "bookmarkStart" and mark.get(qn("w:name")) not in ctx.bookmarks:
            ctx.bookmark_ids[mark.get(qn("w:id"))] = str(ctx.next_id)
            ctx.next_id += 1
        new_id = ctx.bookmark_ids.get(mark.get(qn("w:id")))
        if new_id is None:
            mark.getparent().remove(mark)
        else:
            mark.set(qn("w:id"), new_id)
    for link in paragraph.iter(qn("w:hyperlink")):
        if link.get(qn("r:id")) is not None:
            link.set(qn("r:id"), copy_link(link, ctx.relate).get(qn("r:id")))
    old_part, new_part = ctx.parts or (ctx.old_doc.part, ctx.new_doc.part)
    for blip in [e for e in paragraph.iter() if e.get(_R_EMBED)]:
        image = old_part.related_parts[blip.get(_R_EMBED)]
        r_id, _ = new_part.get_or_add_image(io.BytesIO(image.blob))
        blip.set(_R_EMBED, r_id)
    for run in _runs(paragraph):
        _to_deleted_text(run)
        _wrap(run, ctx.revision("del"))


def _inserted_row(row: Any, ctx: _Context) -> Any:
    _mark_row(row, ctx.revision("ins"))
    for paragraph in row.iter(qn("w:p")):
        for run in _runs(paragraph):
            _wrap(run, ctx.revision("ins"))
    return row


def _deleted_row(row: Any, widths: list[str | None], ctx: _Context, copied: bool = False) -> Any:
    row = row if copied else copy.deepcopy(row)
    _mark_row(row, ctx.revision("del"))
    for cell, width in zip(row.iter(qn("w:tc")), widths, strict=False):
        cell_width = cell.find(f"{qn('w:tcPr')}/{qn('w:tcW')}")
        if cell_width is not None and width is not None:
            cell_width.set(qn("w:w"), width)
            cell_width.set(qn("w:type"), "dxa")
        for paragraph in cell.iter(qn("w:p")):
            _delete_content(paragraph, ctx)
    return row


def _runs(paragraph: Any) -> list[Any]:
    return [run for run in paragraph.iter(qn("w:r")) if local_name(run.getparent()) in ("p", "hyperlink")]


def _wrap(run: Any, mark: Any) -> None:
    run.addprevious(mark)
    mark.append(run)


def _to_deleted_text(run: Any) -> None:
    for child in run:
        if local_name(child) == "t":
            child.tag = qn("w:delText")
        elif local_name(child) == "instrText":
            child.tag = qn("w:delInstrText")


def _mark_paragraph(paragraph: Any, mark: Any) -> None:
    """Mark the paragraph mark itself, so that accepting or rejecting removes the paragraph."""
    ppr = paragraph.find(qn("w:pPr"))
    if ppr is None:
        ppr = OxmlElement("w:pPr")
        paragraph.insert(0, ppr)
    rpr = ppr.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        following = [c for c in ppr if local_name(c) in ("sectPr", "pPrChange")]
        if following:
            following[0].addprevious(rpr)
        else:
            ppr.append(rpr)
    rpr.insert(0, mark)


def _mark_row(row: Any, mark: Any) -> None:
    tr_pr = row.find(qn("w:trPr"))
    if tr_pr is None:
        tr_pr = OxmlElement("w:trPr")
        row.insert(1 if row.find(qn("w:tblPrEx")) is not None else 0, tr_pr)
    tr_pr.append(mark)


# ---- numbering of deleted list items -------------------------------------------------------


def _note_numbering(old: Any, new: Any, ctx: _Context) -> None:
    path = f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}"
    old_id, new_id = old.find(path), new.find(path)
    if old_id is not None and new_id is not None:
        ctx.num_map.setdefault(old_id.get(qn("w:val")), new_id.get(qn("w:val")))


def _renumber_deleted(ctx: _Context) -> None:
    """A deleted list item keeps its place in its list: it joins the list its old neighbours
    are in now, or a copy of its old list when the whole list was deleted."""
    numbering = ctx.new_doc.part.numbering_part.element
    old_numbering = ctx.old_doc.part.numbering_part.element
    used = [int(num.get(qn("w:numId"))) for num in numbering.findall(qn("w:num"))]
    next_id = max(used, default=0) + 1
    for element, old_id in ctx.deleted_numbered:
        if old_id not in ctx.num_map:
            source = next(n for n in old_numbering.findall(qn("w:num")) if n.get(qn("w:numId")) == old_id)
            copied = copy.deepcopy(source)
            copied.set(qn("w:numId"), str(next_id))
            numbering.append(copied)
            ctx.num_map[old_id] = str(next_id)
            next_id += 1
        element.set(qn("w:val"), ctx.num_map[old_id])
