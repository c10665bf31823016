"""The review edition in Markdown and HTML carries what the DOCX and PDF review editions do:
each reviewed clause's status, decisions with their alternatives (the chosen one marked),
recommendation, warning, commentary and source, all from the Document's `ReviewNote`s.

The Markdown is read back as a CommonMark reader would (markdown-it-py to HTML), the HTML with
lxml; what is expected comes from the resolved Document, not from the clause texts.
"""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
import pytest
from markdown_it import MarkdownIt

from generator.compose.resolve import resolve
from generator.document import Clause, Document, block_text
from generator.pipeline import load_choices
from generator.writers.html import document_labels
from tests.conftest import ROOT

FJORDBAKKE = ROOT / "examples" / "fjordbakke-skole.yaml"  # departs from recommendations: warnings too


def _review_document() -> Document:
    library, choices = load_choices(FJORDBAKKE)
    return resolve(library, choices, edition="review")


def _expected(clause: Clause) -> list[str]:
    note = clause.review
    assert note is not None
    texts = [note.status_label, note.source, *(block_text(p) for p in note.commentary)]
    for decision in note.decisions:
        texts += [decision.question, decision.recommendation or "", decision.warning or "", decision.value or ""]
        texts += [text for alt in decision.alternatives for text in (alt.label, alt.consequence)]
    return [" ".join(text.split()) for text in texts if text]


def _text(element: lxml.html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


def _notes_in_markdown(path: Path) -> dict[str, lxml.html.HtmlElement]:
    """Each clause heading's text -> the block quote that follows its text."""
    html = lxml.html.fromstring(f"<div>{MarkdownIt('commonmark').render(path.read_text(encoding='utf-8'))}</div>")
    notes: dict[str, lxml.html.HtmlElement] = {}
    heading = None
    for element in html:
        if element.tag in ("h2", "h3"):
            heading = _text(element) if element.tag == "h3" else None
        elif element.tag == "blockquote" and heading is not None:
            notes[heading] = element
    return notes


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from click.testing import CliRunner

    from generator.frontends.cli import cli

    out = tmp_path_factory.mktemp("review")
    for edition in ("review", "adopted"):
        result = CliRunner().invoke(cli, ["build", str(FJORDBAKKE), "-o", str(out), "--edition", edition,
                                          "-f", "md", "-f", "html"])
        assert result.exit_code == 0, result.output
    return out


def test_the_review_markdown_carries_every_review_note(built: Path) -> None:
    document = _review_document()
    labels = document_labels(document.meta)
    notes = _notes_in_markdown(built / "fjordbakke-skole-review.md")
    reviewed = [clause for clause in document.iter_clauses() if clause.review is not None]
    assert reviewed and sorted(notes) == sorted(f"{c.number} {c.title}" for c in reviewed)
    for clause in reviewed:
        quote = notes[f"{clause.number} {clause.title}"]
        for text in _expected(clause):
            assert text in _text(quote), (clause.id, text)
        assert clause.review is not None
        for decision in clause.review.decisions:
            for alt in decision.alternatives:
                item = next(li for li in quote.iter("li") if _text(li).startswith(alt.label))
                assert (item.find("strong") is not None and _text(item.find("strong")) == alt.label) == alt.chosen
                assert (labels["review_chosen"] in _text(item)) == alt.chosen
                assert (labels["review_recommended"] in _text(item)) == alt.recommended
    assert any(clause.review.warning for clause in reviewed if clause.review)  # the example departs somewhere
    assert not _notes_in_markdown(built / "fjordbakke-skole.md")  # the adopted edition has none


def test_the_review_html_carries_every_review_note(built: Path) -> None:
    document = _review_document()
    page = lxml.html.parse(str(built / "fjordbakke-skole-review.html")).getroot()
    asides = page.xpath("//aside[@class='review']")
    reviewed = [clause for clause in document.iter_clauses() if clause.review is not None]
    assert len(asides) == len(reviewed)
    for clause, aside in zip(reviewed, asides, strict=True):
        assert aside.get("aria-label", "").endswith(f"{clause.number} {clause.title}")
        for text in _expected(clause):
            assert text in _text(aside), (clause.id, text)
    adopted = lxml.html.parse(str(built / "fjordbakke-skole.html")).getroot()
    assert adopted.xpath("//aside[@class='review']") == []


def test_review_markdown_differs_from_the_adopted_one_only_by_the_notes(built: Path) -> None:
    labels = document_labels(_review_document().meta)

    def without_notes(name: str) -> str:
        text = (built / name).read_text(encoding="utf-8")
        lines = [line for line in text.splitlines() if not line.startswith(">")]
        lines = [line for line in lines if line != f"*{labels['review_edition']}*"]
        lines = [line for line in lines if not line.startswith("Sådan læses udgaven: ")]  # the reading guide
        return re.sub(r"\n{3,}", "\n\n", "\n".join(lines))

    assert without_notes("fjordbakke-skole-review.md") == without_notes("fjordbakke-skole.md")


def test_the_review_edition_says_how_to_read_it_in_every_format(built: Path, tmp_path: Path) -> None:
    """A school board meets the boxes, the decision points and the ● ○ marks explained on the cover,
    with the guidance named by its publisher; the adopted edition has no such guide."""
    import docx
    from pypdf import PdfReader

    from generator.pipeline import build

    def squash(text: str) -> str:  # str.split() would also split at the guide's no-break spaces
        return re.sub(r"[ \t\n]+", " ", text).strip()

    guide = squash(_review_document().meta.labels["review_guide"])
    assert guide.startswith("Sådan læses udgaven: ") and "vejledningen fra Kolding Lærerkreds" in guide
    assert "●\u00a0er valget i dette udkast" in guide
    result = build(FJORDBAKKE, tmp_path, formats=("docx", "pdf"), edition="review")
    by_suffix = {path.suffix: path for path in result.outputs}
    cover = " ".join(PdfReader(by_suffix[".pdf"]).pages[0].extract_text().split())
    assert " ".join(guide.split()) in cover  # a PDF's text has no no-break spaces to compare
    paragraphs = [paragraph.text for paragraph in docx.Document(str(by_suffix[".docx"])).paragraphs]
    assert guide in [squash(text) for text in paragraphs]
    assert guide in squash((built / "fjordbakke-skole-review.md").read_text(encoding="utf-8"))
    html = lxml.html.fromstring((built / "fjordbakke-skole-review.html").read_bytes())
    assert [squash(p.text_content()) for p in html.find_class("review-guide")] == [guide]
    for adopted in ("fjordbakke-skole.md", "fjordbakke-skole.html"):
        assert "Sådan læses udgaven" not in (built / adopted).read_text(encoding="utf-8")
