"""The DOCX writer: read the file back with python-docx and, where it has no API, its XML."""

from __future__ import annotations

import dataclasses
import datetime as dt
import struct
import zipfile
import zlib
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn

from generator.document import (
    Clause,
    Decision,
    Document,
    ListBlock,
    Paragraph,
    ReviewNote,
    Run,
    Section,
)
from generator.errors import PolicyError
from generator.writers.docx import package as docx_package
from generator.writers.docx.writer import write_docx
from tests.sample_document import para, sample_document

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


# ---- helpers ----------------------------------------------------------------------


def build(tmp_path: Path, document: Document, name: str = "policy.docx") -> Any:
    target = tmp_path / name
    write_docx(document, target)
    return docx.Document(str(target))


def body_paragraphs(opened: Any, style: str) -> list[Any]:
    return [p for p in opened.paragraphs if p.style.name == style]


def num_pr(paragraph: Any) -> tuple[int, int] | None:
    """(numId, ilvl) written on the paragraph itself."""
    found = paragraph._p.find(f"{W}pPr/{W}numPr")
    if found is None:
        return None
    return int(found.find(f"{W}numId").get(qn("w:val"))), int(found.find(f"{W}ilvl").get(qn("w:val")))


def numbering(opened: Any) -> Any:
    return opened.part.numbering_part.element


def num_element(opened: Any, num_id: int) -> Any:
    return numbering(opened).find(f'{W}num[@{W}numId="{num_id}"]')


def abstract_format(opened: Any, num_id: int, level: int) -> str:
    abstract_id = num_element(opened, num_id).find(f"{W}abstractNumId").get(qn("w:val"))
    abstract = numbering(opened).find(f'{W}abstractNum[@{W}abstractNumId="{abstract_id}"]')
    return abstract.find(f'{W}lvl[@{W}ilvl="{level}"]/{W}numFmt').get(qn("w:val"))


def start_override(opened: Any, num_id: int, level: int) -> int | None:
    found = num_element(opened, num_id).find(f'{W}lvlOverride[@{W}ilvl="{level}"]/{W}startOverride')
    return None if found is None else int(found.get(qn("w:val")))


def instructions(element: Any) -> list[str]:
    return [node.text.strip() for node in element.iter(f"{W}instrText")]


def tiny_png() -> bytes:
    """A valid 2 x 1 pixel PNG, without depending on an imaging library."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 2, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\x1f\x3a\x5f\xff\xff\xff")
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def rich_document(**meta_changes: Any) -> Document:
    """The sample plus links, nested lists, a list starting at 3 and meta changes."""
    base = sample_document(draft=False)
    extra = Section(
        id="links",
        number="5",
        title="Links og lister",
        clauses=(
            Clause(
                id="links.web",
                number="5.1",
                title="Henvisninger",
                blocks=(
                    Paragraph(
                        (
                            Run("Læs "),
                            Run("vejledningen", href="https://www.example.dk/vejledning"),
                            Run(" og afsnit "),
                            Run("Formål", href="#sec-purpose"),
                            Run(" og "),
                            Run("Nuværende elever", href="#cl-friendships.current-pupils"),
                            Run(" og "),
                            Run("et ukendt mål", href="#findes-ikke"),
                            Run("."),
                        )
                    ),
                    ListBlock(
                        items=(
                            (para("Første punkt"), ListBlock(((para("Trin a"),), (para("Trin b"),)), ordered=True)),
                            (para("Andet punkt"), para("Et ekstra afsnit i punktet.")),
                        )
                    ),
                    ListBlock(items=((para("Tredje"),), (para("Fjerde"),)), ordered=True, start=3),
                ),
            ),
        ),
    )
    meta = dataclasses.replace(base.meta, **meta_changes)
    return dataclasses.replace(base, meta=meta, sections=base.sections + (extra,))


# ---- styles and text ----------------------------------------------------------------


def test_headings_use_word_styles_and_word_numbers_them(tmp_path: Path) -> None:
    """The titles alone: Word's numbering (tests/test_docx_headings.py) puts the numbers before them."""
    opened = build(tmp_path, sample_document())
    assert [p.text for p in body_paragraphs(opened, "Title")] == ["Politik for medarbejderes brug af sociale medier"]
    assert [p.text for p in body_paragraphs(opened, "Heading 1")] == [
        "Formål og baggrund",
        "Venskaber og forbindelser på sociale medier",
        "Trusler, mobning og chikane",
        "Kontakter",
        "Lovgrundlag og kilder",
    ]
    assert [p.text for p in body_paragraphs(opened, "Heading 2")] == [
        "Formål",
        "Nuværende elever",
        "Sådan gør du",
        "Kontaktpersoner",
    ]
    heading = next(i for i, p in enumerate(opened.paragraphs) if p.style.name == "Heading 1" and p.text[0] == "L")
    assert opened.paragraphs[heading + 1].text == "Kolding Lærerkreds: Læreres brug af sociale medier."


def test_paragraph_runs_keep_bold_and_italic(tmp_path: Path) -> None:
    opened = build(tmp_path, sample_document())
    paragraph = next(p for p in opened.paragraphs if p.text.startswith("Politikken gælder"))
    assert paragraph.style.name == "Normal"
    assert paragraph.text.endswith("æ ø å é.")
    assert [(r.text, r.bold, r.italic) for r in paragraph.runs if r.bold or r.italic] == [
        ("Søndervang Skole", True, None),
        ("god praksis", None, True),
    ]


def test_styles_use_calibri_and_keep_headings_with_the_next_paragraph(tmp_path: Path) -> None:
    opened = build(tmp_path, sample_document())
    for name in ("Heading 1", "Heading 2", "Title"):
        fonts = opened.styles[name].element.find(f"{W}rPr/{W}rFonts")
        assert fonts.get(qn("w:ascii")) == "Calibri"
        assert fonts.get(qn("w:asciiTheme")) is None  # a theme font would win over Calibri
    assert opened.styles["Heading 1"].paragraph_format.keep_with_next is True
    assert opened.styles["Heading 2"].paragraph_format.keep_with_next is True
    defaults = opened.styles.element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
    assert defaults.find(f"{W}rFonts").get(qn("w:hAnsi")) == "Calibri"
    section = opened.sections[0]
    assert (section.page_width.mm, section.page_height.mm) == pytest.approx((210, 297), abs=0.5)
    assert section.left_margin.cm == pytest.approx(2.5, abs=0.01)


def test_external_and_internal_links_are_real_hyperlinks(tmp_path: Path) -> None:
    opened = build(tmp_path, rich_document())
    paragraph = next(p for p in opened.paragraphs if p.text.startswith("Læs "))
    assert paragraph.text == "Læs vejledningen og afsnit Formål og Nuværende elever og et ukendt mål."
    external, internal, clause = paragraph._p.findall(f"{W}hyperlink")  # no link to an unknown anchor
    rel = opened.part.rels[external.get(qn("r:id"))]
    assert rel.is_external and rel.target_ref == "https://www.example.dk/vejledning"
    assert external.find(f"{W}r/{W}rPr/{W}rStyle").get(qn("w:val")) == "Hyperlink"
    heading = next(p for p in body_paragraphs(opened, "Heading 1") if p.text == "Formål og baggrund")
    bookmark = heading._p.find(f"{W}bookmarkStart").get(qn("w:name"))
    assert internal.get(qn("w:anchor")) == bookmark
    heading = next(p for p in body_paragraphs(opened, "Heading 2") if p.text == "Nuværende elever")
    assert clause.get(qn("w:anchor")) == heading._p.find(f"{W}bookmarkStart").get(qn("w:name"))


# ---- lists --------------------------------------------------------------------------


def test_each_numbered_list_restarts_at_its_start(tmp_path: Path) -> None:
    opened = build(tmp_path, rich_document())
    steps = ["Tag et skærmbillede", "Registrér hændelsen", "Anmeld afsenderen"]
    contacts = ["Kontakt leder", "Kontakt Kolding"]
    first = [num_pr(p) for p in opened.paragraphs if any(p.text.startswith(s) for s in steps)]
    second = [num_pr(p) for p in opened.paragraphs if any(p.text.startswith(s) for s in contacts)]
    assert len(set(first)) == 1 and len(set(second)) == 1 and len(first) == 3 and len(second) == 2
    (first_id, first_level), (second_id, second_level) = first[0], second[0]
    assert first_id != second_id and first_level == second_level == 0
    assert start_override(opened, first_id, 0) == 1 and start_override(opened, second_id, 0) == 1
    assert abstract_format(opened, first_id, 0) == abstract_format(opened, second_id, 0) == "decimal"
    from_three = next(p for p in opened.paragraphs if p.text == "Tredje")
    assert start_override(opened, num_pr(from_three)[0], 0) == 3
    assert from_three.style.name == "List Number"


def test_bullets_use_a_bullet_definition(tmp_path: Path) -> None:
    opened = build(tmp_path, sample_document())
    items = [p for p in opened.paragraphs if p.text in ("Facebook", "Instagram", "Snapchat")]
    assert [p.style.name for p in items] == ["List Bullet"] * 3
    num_id, level = num_pr(items[0])
    assert {num_pr(p) for p in items} == {(num_id, 0)}
    assert abstract_format(opened, num_id, level) == "bullet"


def test_nested_list_goes_one_level_deeper(tmp_path: Path) -> None:
    opened = build(tmp_path, rich_document())
    by_text = {p.text: p for p in opened.paragraphs}
    assert num_pr(by_text["Første punkt"])[1] == 0
    nested = [num_pr(by_text["Trin a"]), num_pr(by_text["Trin b"])]
    assert nested[0] == nested[1] and nested[0][1] == 1
    assert by_text["Trin a"].style.name == "List Number 2"
    assert start_override(opened, nested[0][0], 1) == 1
    assert abstract_format(opened, nested[0][0], 1) == "lowerLetter"
    assert num_pr(by_text["Andet punkt"]) == num_pr(by_text["Første punkt"])
    continued = by_text["Et ekstra afsnit i punktet."]
    assert num_pr(continued) is None and continued.style.name == "List Continue"


# ---- contacts table -----------------------------------------------------------------


def test_contact_table_has_a_repeating_header_row_and_the_contacts(tmp_path: Path) -> None:
    opened = build(tmp_path, sample_document())
    (table,) = opened.tables
    assert [[cell.text for cell in row.cells] for row in table.rows] == [
        ["Funktion", "Navn", "Telefon", "E-mail"],
        ["Skoleleder", "Mette Hansen", "75 50 00 00", "mette@example.dk"],
        ["Tillidsrepræsentant (TR)", "Søren Ølgaard", "", ""],
        ["Registrering af hændelser", "SafetyNet", "", ""],
    ]
    assert table.style.name == "Policy Table"
    header = table.rows[0]._tr.trPr
    assert header.find(f"{W}tblHeader") is not None
    assert all(run.bold for cell in table.rows[0].cells for run in cell.paragraphs[0].runs)
    widths = [column.width.twips for column in table.columns]
    section = opened.sections[0]
    text_width = section.page_width.twips - section.left_margin.twips - section.right_margin.twips
    assert sum(widths) == pytest.approx(text_width, abs=2)
    assert min(widths) > 900


def test_a_contacts_e_mail_address_is_a_mailto_link(tmp_path: Path) -> None:
    opened = build(tmp_path, sample_document())
    (table,) = opened.tables
    cell = table.rows[1].cells[3]._tc
    (link,) = cell.iter(f"{W}hyperlink")
    relationship = opened.part.rels[link.get(qn("r:id"))]
    assert relationship.is_external and relationship.target_ref == "mailto:mette@example.dk"
    assert "".join(t.text for t in link.iter(f"{W}t")) == "mette@example.dk"
    assert not list(table.rows[0].cells[3]._tc.iter(f"{W}hyperlink"))  # not the header "E-mail"


# ---- table of contents ----------------------------------------------------------------


def test_contents_lists_every_heading_as_a_link_to_its_bookmark(tmp_path: Path) -> None:
    opened = build(tmp_path, sample_document())
    body = opened.element.body
    bookmarks = {b.get(qn("w:name")): b.getparent() for b in body.iter(f"{W}bookmarkStart")}
    entries = [p for p in opened.paragraphs if p.style.name in ("toc 1", "toc 2") and p.text]
    headings = [p.text for p in opened.paragraphs if p.style.name in ("Heading 1", "Heading 2")]
    numbers = ["1", "1.1", "2", "2.1", "3", "3.1", "4", "4.1"]  # written out: a reader may never update the field
    assert [p.text for p in entries] == [f"{n}\t{h}" for n, h in zip(numbers, headings, strict=False)] + headings[8:]
    for entry in entries:
        (link,) = entry._p.findall(f"{W}hyperlink")
        target = bookmarks[link.get(qn("w:anchor"))]
        assert "".join(t.text for t in target.iter(f"{W}t")) == entry.text.split("\t")[-1]
    begin = entries[0]._p.find(f"{W}r/{W}fldChar")
    assert begin.get(qn("w:fldCharType")) == "begin" and begin.get(qn("w:dirty")) == "true"
    assert instructions(entries[0]._p) == ['TOC \\o "1-2" \\h \\z \\u']
    chars = [c.get(qn("w:fldCharType")) for c in body.iter(f"{W}fldChar")]
    assert chars == ["begin", "separate", "end"]
    heading = next(p for p in opened.paragraphs if p.style.name == "TOC Heading")
    assert heading.text == "Indhold"


# ---- header, footer, draft mark ---------------------------------------------------------


def test_header_and_footer_carry_school_title_version_and_page_fields(tmp_path: Path) -> None:
    opened = build(tmp_path, sample_document(draft=True))
    section = opened.sections[0]
    header = section.header.paragraphs[0].text
    assert "Søndervang Skole" in header and "Politik for medarbejderes brug af sociale medier" in header
    assert header.endswith("UDKAST")
    assert "UDKAST" in section.first_page_header.paragraphs[0].text
    footer = section.footer.paragraphs[0]
    assert footer.text.startswith("Version 1.0 · Udkast af 1. december 2026\tSide ")
    assert " af " in footer.text and "{" not in footer.text
    assert instructions(footer._p) == ["PAGE", "NUMPAGES"]
    assert any(run.bold and run.text == "UDKAST" for p in opened.paragraphs for run in p.runs)


def test_a_footer_names_the_version_once(tmp_path: Path) -> None:
    """A draft's date line ("Udkast, version 0.9") names the version: the footer does not repeat it,
    in the DOCX as in the PDF (one `Meta.footer_line` for both)."""
    document = sample_document(draft=True)
    meta = dataclasses.replace(document.meta, version="0.9", date_line="Udkast, version 0.9")
    footer = build(tmp_path, dataclasses.replace(document, meta=meta)).sections[0].footer.paragraphs[0]
    assert footer.text.split("\t")[0] == "Udkast, version 0.9" == meta.footer_line


def test_adopted_policy_has_no_draft_mark(tmp_path: Path) -> None:
    opened = build(tmp_path, sample_document(draft=False))
    section = opened.sections[0]
    texts = [p.text for p in opened.paragraphs]
    texts += [p.text for part in (section.header, section.first_page_header) for p in part.paragraphs]
    assert not any("UDKAST" in text for text in texts)
    assert instructions(section.footer.paragraphs[0]._p) == ["PAGE", "NUMPAGES"]


def test_logo_goes_on_the_cover(tmp_path: Path) -> None:
    logo = tmp_path / "logo.png"
    logo.write_bytes(tiny_png())
    opened = build(tmp_path, rich_document(logo=str(logo)))
    (picture,) = opened.inline_shapes
    assert picture.height.cm == pytest.approx(2.5, abs=0.01)
    assert picture._inline.docPr.get("descr") == "Søndervang Skole"  # its alternative text, as in the PDF
    assert opened.paragraphs[0]._p.find(f".//{W}drawing") is not None


def test_unreadable_logo_is_a_policy_error_and_no_file(tmp_path: Path) -> None:
    logo = tmp_path / "logo.svg"
    logo.write_text("<svg/>", encoding="utf-8")
    with pytest.raises(PolicyError, match="logo"):
        write_docx(rich_document(logo=str(logo)), tmp_path / "policy.docx")
    assert not (tmp_path / "policy.docx").exists()


# ---- properties and language --------------------------------------------------------------


def test_core_properties_come_from_the_document(tmp_path: Path) -> None:
    opened = build(tmp_path, sample_document())
    properties = opened.core_properties
    assert properties.title == "Politik for medarbejderes brug af sociale medier"
    assert properties.subject == "Lokal politik for medarbejderes brug af sociale medier"
    assert properties.author == properties.last_modified_by == "Søndervang Skole"
    assert properties.keywords == "sociale medier, politik, skole"
    assert properties.language == "da-DK"
    assert properties.created == properties.modified == dt.datetime(2026, 12, 1, tzinfo=dt.UTC)
    assert properties.revision == 1
    assert properties.comments == ""


@pytest.mark.parametrize(("language", "tag"), [("da", "da-DK"), ("en", "en-GB")])
def test_document_language_is_set_for_spell_checking(tmp_path: Path, language: str, tag: str) -> None:
    opened = build(tmp_path, rich_document(language=language, lang_tag=tag))
    lang = opened.styles.element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert lang.get(qn("w:val")) == tag
    assert opened.core_properties.language == tag
    assert opened.settings.element.find(f"{W}proofState") is None


def test_characters_xml_cannot_hold_are_dropped(tmp_path: Path) -> None:
    opened = build(tmp_path, sample_document(school="Skole\x0bmed\x00styretegn"))
    assert opened.sections[0].header.paragraphs[0].runs[0].text == "Skolemedstyretegn"


# ---- same bytes, atomic write ------------------------------------------------------------


@pytest.mark.parametrize("review", [False, True])
def test_same_document_gives_the_same_bytes(tmp_path: Path, review: bool) -> None:
    document = sample_document(review=review)
    write_docx(document, tmp_path / "a.docx")
    write_docx(document, tmp_path / "b.docx")
    assert (tmp_path / "a.docx").read_bytes() == (tmp_path / "b.docx").read_bytes()
    with zipfile.ZipFile(tmp_path / "a.docx") as package:
        infos = package.infolist()
    assert infos[0].filename == "[Content_Types].xml"
    assert {info.date_time for info in infos} == {(2026, 12, 1, 0, 0, 0)}
    assert not any("thumbnail" in info.filename or "stylesWithEffects" in info.filename for info in infos)


def test_failed_write_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "policy.docx"
    written: list[str] = []
    original = zipfile.ZipFile.writestr

    def failing_writestr(self: zipfile.ZipFile, info: Any, data: Any, *args: Any, **kwargs: Any) -> None:
        if len(written) == 4:
            raise OSError("disk full")
        written.append(getattr(info, "filename", info))
        original(self, info, data, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "writestr", failing_writestr)
    with pytest.raises(OSError, match="disk full"):
        write_docx(sample_document(), target)
    assert len(written) == 4  # the failure came in the middle of the package
    assert list(tmp_path.iterdir()) == []


def test_failed_write_keeps_the_previous_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "policy.docx"
    target.write_bytes(b"previous")

    def broken(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(docx_package, "rezip", broken)
    with pytest.raises(RuntimeError):
        write_docx(sample_document(), target)
    assert target.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir()] == ["policy.docx"]


# ---- review edition ----------------------------------------------------------------------


def review_document() -> Document:
    """The review sample, with a second reviewed clause carrying a warning and no decision."""
    document = sample_document(review=True)
    purpose = document.sections[0].clauses[0]
    note = ReviewNote(
        status_label="Lovbestemt",
        source="Forvaltningsloven § 27",
        commentary=(
            para("Tavshedspligten gælder også på sociale medier."),
            Paragraph((Run("Se "), Run("loven", href="https://www.retsinformation.dk/"))),
        ),
        decisions=(Decision(key="choices.x", question="Tavshedspligt", warning="Skolen fraviger vejledningen her."),),
    )
    section = dataclasses.replace(document.sections[0], clauses=(dataclasses.replace(purpose, review=note),))
    return dataclasses.replace(document, sections=(section,) + document.sections[1:])


def comment_ranges(opened: Any) -> dict[int, tuple[str, str]]:
    """comment id -> (text of the paragraph where its range starts, where it ends)."""
    starts: dict[int, str] = {}
    ends: dict[int, str] = {}
    for paragraph in opened.paragraphs:
        for mark in paragraph._p.iter(f"{W}commentRangeStart"):
            starts[int(mark.get(qn("w:id")))] = paragraph.text
        for mark in paragraph._p.iter(f"{W}commentRangeEnd"):
            ends[int(mark.get(qn("w:id")))] = paragraph.text
    return {key: (starts[key], ends.get(key, "")) for key in starts}


def test_review_edition_has_one_comment_per_reviewed_clause(tmp_path: Path) -> None:
    opened = build(tmp_path, review_document())
    comments = list(opened.comments)
    assert len(comments) == 2
    assert {c.author for c in comments} == {"policygen"}
    assert {c.timestamp for c in comments} == {dt.datetime(2026, 12, 1, tzinfo=dt.UTC)}
    ranges = comment_ranges(opened)
    by_start = {ranges[c.comment_id][0]: (c, ranges[c.comment_id][1]) for c in comments}
    purpose, purpose_end = by_start["Formål"]
    assert purpose_end.startswith("Politikken gælder for alle medarbejdere")
    assert "Lovbestemt" in purpose.text and "Forvaltningsloven § 27" in purpose.text
    assert "Tavshedspligten gælder også på sociale medier." in purpose.text
    assert "Bemærk: Skolen fraviger vejledningen her." in purpose.text
    (link,) = purpose._comment_elm.iter(f"{W}hyperlink")
    assert purpose.part.rels[link.get(qn("r:id"))].target_ref == "https://www.retsinformation.dk/"
    friends, friends_end = by_start["Nuværende elever"]
    assert friends_end == "Snapchat"
    lines = friends.text.split("\n")
    assert lines[0] == "Venskaber med nuværende elever"
    assert "• Ikke tilladt (valgt, anbefalet): Politikken forbyder venskaber." in lines
    assert "• Frarådes: Politikken fraråder venskaber." in lines
    assert "Anbefalet i vejledningen" in lines
    assert "Kilde: Kolding Lærerkreds: Venskaber på de sociale medier" in lines
    assert "Venskaber med elever kan skabe uklarhed om lærerens rolle." in lines


def test_review_labels_come_from_meta_when_given(tmp_path: Path) -> None:
    document = review_document()
    labels = document.meta.labels | {"chosen": "VALGT", "recommended": "ANBEFALET"}
    document = dataclasses.replace(document, meta=dataclasses.replace(document.meta, labels=labels))
    opened = build(tmp_path, document)
    assert any("(VALGT, ANBEFALET)" in c.text for c in opened.comments)


def test_adopted_edition_has_no_comments(tmp_path: Path) -> None:
    document = review_document()
    adopted = dataclasses.replace(document, meta=dataclasses.replace(document.meta, edition="adopted"))
    target = tmp_path / "policy.docx"
    write_docx(adopted, target)
    with zipfile.ZipFile(target) as package:
        assert "word/comments.xml" not in package.namelist()
        assert b"commentRangeStart" not in package.read("word/document.xml")
