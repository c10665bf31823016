"""DOCX headings numbered by Word's own multilevel list, so that a school editing the policy
in Word keeps its numbers right: read back with python-docx, laid out by LibreOffice (the
same numbers as the PDF), read by pandoc, edited as a school would (a heading inserted),
and through a redline's tracked changes accepted or rejected."""

from __future__ import annotations

import dataclasses
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import docx
import pytest
import yaml
from docx.oxml.ns import qn

from generator.document import Document
from generator.pipeline import BuildResult, build
from generator.redline.compare import diff
from generator.writers.docx.writer import write_docx
from tests.conftest import DEFAULTS_EXAMPLE
from tests.libreoffice import needs_soffice, needs_uno, numbered_headings, resolve_changes, to_pdf
from tests.sample_document import sample_document
from tests.test_redline import CHANGED_CHOICES

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
HEADING_STYLES = {"Heading 1": ("Heading1", 0, "%1"), "Heading 2": ("Heading2", 1, "%1.%2")}
needs_pandoc = pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed")


def numbered(document: Document) -> list[tuple[str, str]]:
    """(number, title) of every section and clause heading, in order: what the PDF prints."""
    found: list[tuple[str, str]] = []
    for section in document.sections:
        found.append((section.number, section.title))
        found += [(clause.number, clause.title) for clause in section.clauses]
    return found


def heading_paragraphs(opened: Any) -> list[Any]:
    return [p for p in opened.paragraphs if p.style.name in HEADING_STYLES]


def own_num_pr(element: Any) -> tuple[int, int | None] | None:
    """(numId, ilvl or None) written in a paragraph's or a style's own w:pPr."""
    found = element.find(f"{W}pPr/{W}numPr")
    if found is None:
        return None
    level = found.find(f"{W}ilvl")
    return int(found.find(f"{W}numId").get(qn("w:val"))), None if level is None else int(level.get(qn("w:val")))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The all-defaults policy as DOCX and as PDF (WeasyPrint)."""
    return build(DEFAULTS_EXAMPLE, tmp_path_factory.mktemp("built"), ("docx", "pdf"))


@pytest.fixture(scope="module")
def profile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("libreoffice-profile")


# ---- the numbering definition, read back with python-docx ------------------------------


def test_heading_styles_point_at_one_multilevel_definition_linked_back_to_them(tmp_path: Path) -> None:
    write_docx(sample_document(), tmp_path / "policy.docx")
    opened = docx.Document(str(tmp_path / "policy.docx"))
    numbering = opened.part.numbering_part.element
    abstract_ids = set()
    for name, (style_id, level, text) in HEADING_STYLES.items():
        num_id, style_level = own_num_pr(opened.styles[name].element)
        assert style_level == level
        num = numbering.find(f'{W}num[@{W}numId="{num_id}"]')
        assert num.find(f"{W}lvlOverride") is None  # one list through the whole document
        abstract_id = num.find(f"{W}abstractNumId").get(qn("w:val"))
        abstract_ids.add(abstract_id)
        abstract = numbering.find(f'{W}abstractNum[@{W}abstractNumId="{abstract_id}"]')
        assert abstract.find(f"{W}multiLevelType").get(qn("w:val")) == "multilevel"
        lvl = abstract.find(f'{W}lvl[@{W}ilvl="{level}"]')
        assert lvl.find(f"{W}pStyle").get(qn("w:val")) == style_id
        assert lvl.find(f"{W}numFmt").get(qn("w:val")) == "decimal"
        assert lvl.find(f"{W}lvlText").get(qn("w:val")) == text
        assert lvl.find(f"{W}start").get(qn("w:val")) == "1"
        indent = lvl.find(f"{W}pPr/{W}ind")
        assert indent.get(qn("w:left")) == indent.get(qn("w:hanging")) == "624"  # 11 mm, as the PDF
    assert len(abstract_ids) == 1
    assert own_num_pr(opened.styles["TOC Heading"].element) == (0, None)  # it is based on Heading 1


@pytest.mark.parametrize("source", ["sample", "defaults"])
def test_heading_text_is_the_title_alone_and_only_the_sources_heading_is_unnumbered(
    source: str, built: BuildResult, tmp_path: Path
) -> None:
    if source == "sample":
        document, path = sample_document(), tmp_path / "policy.docx"
        write_docx(document, path)
    else:
        document, path = built.document, built.outputs[0]
    opened = docx.Document(str(path))
    headings = heading_paragraphs(opened)
    expected = numbered(document)
    assert [(p.style.name, p.text) for p in headings[: len(expected)]] == [
        ("Heading 2" if "." in number else "Heading 1", title) for number, title in expected
    ]
    assert not [p.text for p in headings if re.match(r"\d+(\.\d+)*\s", p.text)]
    assert [own_num_pr(p._p) for p in headings[: len(expected)]] == [None] * len(expected)  # the style numbers
    (sources,) = headings[len(expected):]
    assert sources.text == document.meta.labels["sources_title"]
    assert own_num_pr(sources._p) == (0, None)
    (contents,) = [p for p in opened.paragraphs if p.style.name == "TOC Heading"]
    assert own_num_pr(contents._p) is None


def test_lists_and_headings_never_share_a_numbering_instance(built: BuildResult) -> None:
    opened = docx.Document(str(built.outputs[0]))
    numbering = opened.part.numbering_part.element
    num_ids = [num.get(qn("w:numId")) for num in numbering.findall(f"{W}num")]
    assert len(num_ids) == len(set(num_ids))
    heading_num = own_num_pr(opened.styles["Heading 1"].element)[0]
    in_paragraphs = [own_num_pr(p._p) for p in opened.paragraphs if own_num_pr(p._p)]
    assert heading_num not in {num_id for num_id, _ in in_paragraphs}
    assert {str(num_id) for num_id, _ in in_paragraphs} - {"0"} <= set(num_ids)
    ordered = [p for p in opened.paragraphs if p.style.name.startswith("List Number")]
    assert ordered  # the harassment steps
    heading_abstract = numbering.find(f'{W}num[@{W}numId="{heading_num}"]/{W}abstractNumId').get(qn("w:val"))
    for paragraph in ordered:
        num_id = own_num_pr(paragraph._p)[0]
        abstract = numbering.find(f'{W}num[@{W}numId="{num_id}"]/{W}abstractNumId').get(qn("w:val"))
        assert abstract != heading_abstract


def test_contents_entries_carry_the_numbers_as_text(built: BuildResult) -> None:
    opened = docx.Document(str(built.outputs[0]))
    entries = [p.text for p in opened.paragraphs if p.style.name in ("toc 1", "toc 2") and p.text]
    expected = [f"{number}\t{title}" for number, title in numbered(built.document)]
    assert entries == expected + [built.document.meta.labels["sources_title"]]


def test_a_number_word_would_not_count_is_refused(tmp_path: Path) -> None:
    """Word numbers the headings itself: a Document numbered otherwise would print other numbers."""
    document = sample_document()
    second = dataclasses.replace(document.sections[1], number="7")
    document = dataclasses.replace(document, sections=(document.sections[0], second, *document.sections[2:]))
    with pytest.raises(ValueError, match="heading number '7' where Word's numbering counts '2'"):
        write_docx(document, tmp_path / "policy.docx")
    assert not (tmp_path / "policy.docx").exists()


# ---- LibreOffice: the numbers it lays out are the PDF's ----------------------------------


@pytest.fixture(scope="module")
def laid_out(built: BuildResult, profile: Path) -> Path:
    return to_pdf(built.outputs[0], profile)


@needs_soffice
def test_libreoffice_shows_the_numbers_the_pdf_prints(built: BuildResult, laid_out: Path) -> None:
    expected = numbered(built.document)
    titles = [title for _, title in expected]
    from_word = numbered_headings(laid_out, titles)
    from_weasyprint = numbered_headings(built.outputs[1], titles)
    assert from_word == expected + expected  # the contents (written out), then the headings (Word's numbering)
    assert from_word[len(expected):] == from_weasyprint[-len(expected):]
    text = subprocess.run(["pdftotext", "-layout", str(laid_out), "-"], capture_output=True, text=True).stdout
    lines = [line.strip() for line in text.splitlines()]
    assert lines.count(built.document.meta.labels["sources_title"]) == 2  # in the contents and as a heading
    assert built.document.meta.labels["contents"] in lines  # "Indhold", without a number


@needs_soffice
def test_a_heading_inserted_in_word_renumbers_the_headings_after_it(
    built: BuildResult, profile: Path, tmp_path: Path
) -> None:
    """A school inserts a section before section 3 (and a subsection at the end of section 2):
    every later number moves up by one, as Word and LibreOffice count them."""
    opened = docx.Document(str(built.outputs[0]))
    third = built.document.sections[2]
    before = next(p for p in heading_paragraphs(opened) if p.text == third.title and p.style.name == "Heading 1")
    before.insert_paragraph_before("Skolens nye afsnit om 2.", style="Heading 2")
    before.insert_paragraph_before("Et nyt afsnit", style="Heading 1")
    before.insert_paragraph_before("Et nyt underafsnit", style="Heading 2")
    opened.save(str(tmp_path / "edited.docx"))

    old = numbered(built.document)
    at = old.index((third.number, third.title))
    last_of_second = built.document.sections[1].clauses[-1].number.split(".")
    inserted = [
        (f"2.{int(last_of_second[1]) + 1}", "Skolens nye afsnit om 2."),
        ("3", "Et nyt afsnit"),
        ("3.1", "Et nyt underafsnit"),
    ]
    moved = [(str(int(n.split(".")[0]) + 1) + n[len(n.split(".")[0]):], title) for n, title in old[at:]]
    expected = old[:at] + inserted + moved
    assert moved[0] == ("4", third.title)
    found = numbered_headings(to_pdf(tmp_path / "edited.docx", profile), [title for _, title in expected])
    assert found[-len(expected):] == expected


# ---- pandoc's reader ----------------------------------------------------------------------


def _plain(inlines: list[dict[str, Any]]) -> str:
    parts: list[str] = []
    for inline in inlines:
        kind, content = inline["t"], inline.get("c")
        if kind == "Str":
            parts.append(content)
        elif kind in ("Space", "SoftBreak", "LineBreak"):
            parts.append(" ")
        elif kind in ("Link", "Span"):
            parts.append(_plain(content[1]))
        elif kind in ("Emph", "Strong"):
            parts.append(_plain(content))
    return "".join(parts)


def _blocks(blocks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every block, those inside divs and lists included, in reading order."""
    found: list[dict[str, Any]] = []
    for block in blocks:
        found.append(block)
        if block["t"] == "Div":
            found += _blocks(block["c"][1])
        elif block["t"] in ("BulletList", "OrderedList"):
            items = block["c"] if block["t"] == "BulletList" else block["c"][1]
            for item in items:
                found += _blocks(item)
    return found


@needs_pandoc
def test_pandoc_reads_titled_headings_and_contents_entries_numbered_to_match(built: BuildResult) -> None:
    done = subprocess.run(["pandoc", str(built.outputs[0]), "-t", "json"], capture_output=True, text=True, check=True)
    blocks = _blocks(json.loads(done.stdout)["blocks"])
    headers = {b["c"][1][0]: (b["c"][0], _plain(b["c"][2])) for b in blocks if b["t"] == "Header"}
    expected = numbered(built.document)
    in_body = [header for header in headers.values() if header[0] in (1, 2)]
    assert [(level, title) for level, title in in_body if title in dict(map(reversed, expected))] == [
        (2 if "." in number else 1, title) for number, title in expected
    ]
    assert not [title for _, title in in_body if re.match(r"\d+(\.\d+)*\s", title)]
    for block in blocks:
        if block["t"] == "OrderedList":
            assert not {_plain(item[0]["c"]) for item in block["c"][1] if item} & {t for _, t in expected}
    links = [inline for b in blocks if b["t"] == "Para" for inline in b["c"] if inline["t"] == "Link"]
    entries = [(_plain(link["c"][1]), link["c"][2][0]) for link in links if link["c"][2][0].startswith("#")]
    numbered_entries = [(text.split(" ", 1), target) for text, target in entries if text[:1].isdigit()]
    assert [tuple(pair) for pair, _ in numbered_entries] == expected
    for (_, title), target in numbered_entries:  # each entry leads to the heading of that title
        assert headers[target[1:]][1] == title


# ---- the redline: tracked changes around headings -------------------------------------------


@pytest.fixture(scope="module")
def redline(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Document, Document]:
    """Søndervang's policy against itself with sections switched off: every later number moves."""
    folder = tmp_path_factory.mktemp("redline")
    changed = folder / "soendervang-ny.yaml"
    data = yaml.safe_load(DEFAULTS_EXAMPLE.read_text(encoding="utf-8"))
    data["choices"] = {**data["choices"], **CHANGED_CHOICES}
    changed.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    old = build(DEFAULTS_EXAMPLE, folder / "old", ("docx",)).document
    new = build(changed, folder / "new", ("docx",)).document
    diff(DEFAULTS_EXAMPLE, changed, folder / "redline.docx")
    return folder / "redline.docx", old, new


def test_a_heading_whose_number_alone_changes_carries_no_tracked_change(
    redline: tuple[Path, Document, Document],
) -> None:
    path, old, new = redline
    old_numbers, new_numbers = dict(map(reversed, numbered(old))), dict(map(reversed, numbered(new)))
    moved = {title for title, number in new_numbers.items() if old_numbers.get(title) not in (None, number)}
    assert len(moved) >= 5
    opened = docx.Document(str(path))
    checked = 0
    for paragraph in heading_paragraphs(opened):
        shown = "".join(t.text for t in paragraph._p.iter(f"{W}t"))  # inserted text too, not deleted
        if re.sub(r"^\d+(\.\d+)?\s+", "", shown) in moved:  # (a number typed before it, once)
            assert not [e for e in paragraph._p.iter() if e.tag in (f"{W}ins", f"{W}del")], shown
            checked += 1
    assert checked == len(moved)


@needs_uno
@pytest.mark.parametrize("action", ["accept", "reject"])
def test_libreoffice_numbers_the_headings_after_accept_all_and_reject_all(
    action: str, redline: tuple[Path, Document, Document], profile: Path, tmp_path: Path
) -> None:
    path, old, new = redline
    expected = numbered(new if action == "accept" else old)
    resolved = resolve_changes(action, path, tmp_path / f"{action}.docx", profile)
    found = numbered_headings(to_pdf(resolved, profile), [title for _, title in numbered(old) + numbered(new)])
    assert found[-len(expected):] == expected
    assert found[: -len(expected)] == expected  # and the contents entries, as written out


def test_a_redline_that_changes_the_unnumbered_heading_keeps_it_unnumbered(tmp_path: Path) -> None:
    """The sources heading is kept out of the numbering by numId 0, which no w:num defines:
    changed in a redline (one paragraph, the old words deleted and the new inserted, so that its
    bookmark holds in both versions), it must stay out of every list rather than be looked up as one."""
    old = sample_document()
    labels = old.meta.labels | {"sources_title": "Kilder"}
    new = dataclasses.replace(old, meta=dataclasses.replace(old.meta, labels=labels))
    write_docx(new, tmp_path / "redline.docx", previous=old)
    opened = docx.Document(str(tmp_path / "redline.docx"))
    unnumbered = [p for p in heading_paragraphs(opened) if own_num_pr(p._p) is not None]
    deleted = ["".join(t.text for t in p._p.iter(f"{W}delText")) for p in unnumbered]
    inserted = ["".join(t.text for t in p._p.iter(f"{W}t")) for p in unnumbered]
    assert (deleted, inserted) == ([old.meta.labels["sources_title"]], ["Kilder"])
    assert [own_num_pr(p._p) for p in unnumbered] == [(0, None)]
