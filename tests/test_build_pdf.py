"""Every example as a PDF, read back with pypdf; the all-defaults policy's recommendations in reading order."""

from __future__ import annotations

import re
from pathlib import Path

import pypdf
import pytest

from generator.pipeline import build
from tests.conftest import DEFAULTS_EXAMPLE, EXAMPLES
from tests.helpers import full_text
from tests.test_build_docx import RECOMMENDATIONS, STEPS


def pdf_text(reader: pypdf.PdfReader) -> str:
    """The text as read, with words hyphenated at line ends joined again and spaces collapsed."""
    text = "\n".join(page.extract_text() for page in reader.pages)
    text = re.sub(r"(\w)-\n(\w)", r"\1\2", text)
    return re.sub(r"\s+", " ", text)


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_every_example_renders_to_pdf(example: Path, tmp_path: Path) -> None:
    result = build(example, tmp_path, ("pdf",))
    meta = result.document.meta
    reader = pypdf.PdfReader(result.outputs[0])
    assert 8 <= len(reader.pages) <= 40
    assert reader.trailer["/Root"]["/Lang"] == meta.lang_tag
    assert "/StructTreeRoot" in reader.trailer["/Root"]
    assert reader.metadata.title == f"{meta.title} – {meta.school}"
    assert reader.metadata.author == meta.school
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            descriptor = font.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            assert "/FontFile2" in descriptor or "/FontFile" in descriptor or "/FontFile3" in descriptor
    text = pdf_text(reader)
    assert meta.school in text
    for clause in result.document.iter_clauses():
        assert clause.title in text, clause.title


def test_recommendations_in_reading_order(tmp_path: Path) -> None:
    """Each recommendation is in the PDF's text, and the PDF reads them in the policy's own order."""
    result = build(DEFAULTS_EXAMPLE, tmp_path, ("pdf",))
    reader = pypdf.PdfReader(result.outputs[0])
    text = pdf_text(reader)
    body = text[text.index("1 Formål og omfang", text.index("Lovgrundlag og kilder")):]  # after the contents
    in_policy = re.sub(r"\s+", " ", full_text(result.document))
    positions = []
    for name, phrases in sorted(RECOMMENDATIONS.items(), key=lambda item: in_policy.index(item[1][0])):
        for phrase in phrases:
            assert phrase in body, (name, phrase)
        positions.append(body.index(phrases[0]))
    assert positions == sorted(positions)
    at = body.index("Trusler, mobning og chikane")
    for step in STEPS:  # the five steps, each after the one before
        at = body.index(step, at + 1)
