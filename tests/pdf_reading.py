"""Reading a PDF back as a reader and a checker would: its fonts' own programs, its words and their boxes."""

from __future__ import annotations

import html
import io
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pypdf
import pytest

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")


@dataclass(frozen=True)
class EmbeddedFont:
    base_font: str  # the PDF's name for it, "/ABCDEF+Carlito-Policy"
    family: str  # the font program's own family name (its name table), "" if it is not embedded
    embedded: bool


def font_dictionaries(reader: pypdf.PdfReader) -> list[Any]:
    """Every font dictionary the pages use (in their resources and their form XObjects')."""
    found: dict[int, Any] = {}

    def visit(resources: Any) -> None:
        resources = resources.get_object() if resources is not None else {}
        for font in (resources.get("/Font") or {}).values():
            found.setdefault(font.idnum if hasattr(font, "idnum") else id(font), font.get_object())
        for xobject in (resources.get("/XObject") or {}).values():
            xobject = xobject.get_object()
            if xobject.get("/Subtype") == "/Form":
                visit(xobject.get("/Resources"))

    for page in reader.pages:
        visit(page.get("/Resources"))
    return list(found.values())


def embedded_fonts(path: Path) -> list[EmbeddedFont]:
    """Each font of the PDF, with the family its embedded program names itself."""
    from fontTools.ttLib import TTFont

    fonts = []
    for font in font_dictionaries(pypdf.PdfReader(path)):
        descriptor = font
        if "/DescendantFonts" in font:
            descriptor = font["/DescendantFonts"][0].get_object()
        descriptor = descriptor.get("/FontDescriptor")
        descriptor = descriptor.get_object() if descriptor is not None else {}
        programs = [descriptor[key] for key in ("/FontFile2", "/FontFile3", "/FontFile") if key in descriptor]
        program = programs[0] if programs else None
        family = ""
        if program is not None:
            with TTFont(io.BytesIO(program.get_object().get_data())) as parsed:
                family = parsed["name"].getDebugName(1) or ""
        fonts.append(EmbeddedFont(str(font["/BaseFont"]), family, program is not None))
    return fonts


@dataclass(frozen=True)
class Word:
    page: int  # 1-based
    x_min: float
    y_min: float
    x_max: float
    y_max: float
    text: str


@dataclass(frozen=True)
class Page:
    width: float
    height: float


def words(path: Path) -> tuple[list[Page], list[Word]]:
    """Every word of the PDF with its box in points from the page's top left (`pdftotext -bbox`)."""
    out = subprocess.run(["pdftotext", "-bbox", str(path), "-"], check=True, capture_output=True, text=True).stdout
    pages: list[Page] = []
    found: list[Word] = []
    for chunk in out.split("<page ")[1:]:
        size = re.match(r'width="([\d.]+)" height="([\d.]+)"', chunk)
        assert size is not None
        pages.append(Page(float(size.group(1)), float(size.group(2))))
        for match in re.finditer(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', chunk
        ):
            box = [float(match.group(i)) for i in range(1, 5)]
            found.append(Word(len(pages), *box, html.unescape(match.group(5))))
    return pages, found


def text_lines(path: Path) -> list[str]:
    """The PDF's text as pdftotext reads it, one printed line a line (reading order, no layout)."""
    out = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout
    return [line for line in out.splitlines() if line.strip()]


@dataclass(frozen=True)
class Placement:
    """An image XObject drawn on a page: its size there (points) and the XObject itself."""

    page: int
    width: float
    height: float
    xobject: Any


def image_placements(path: Path) -> list[Placement]:
    """Every image drawn, with the size the page's transformation gives it (q/Q/cm followed to each Do)."""
    from pypdf.generic import ContentStream

    reader = pypdf.PdfReader(path)
    found: list[Placement] = []

    def multiply(m: list[float], n: list[float]) -> list[float]:
        a, b, c, d, e, f = m
        a2, b2, c2, d2, e2, f2 = n
        return [a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2,
                e * a2 + f * c2 + e2, e * b2 + f * d2 + f2]

    def walk(stream: Any, resources: Any, ctm: list[float], page: int) -> None:
        stack: list[list[float]] = []
        xobjects = (resources or {}).get("/XObject") or {}
        for operands, operator in ContentStream(stream, reader).operations:
            if operator == b"q":
                stack.append(ctm)
            elif operator == b"Q":
                ctm = stack.pop()
            elif operator == b"cm":
                ctm = multiply([float(x) for x in operands], ctm)
            elif operator == b"Do":
                xobject = xobjects[operands[0]].get_object()
                if xobject.get("/Subtype") == "/Image":
                    width, height = (ctm[0] ** 2 + ctm[1] ** 2) ** 0.5, (ctm[2] ** 2 + ctm[3] ** 2) ** 0.5
                    found.append(Placement(page, width, height, xobject))
                elif xobject.get("/Subtype") == "/Form":
                    matrix = [float(x) for x in xobject.get("/Matrix", [1, 0, 0, 1, 0, 0])]
                    walk(xobject, xobject.get("/Resources"), multiply(matrix, ctm), page)

    for number, page in enumerate(reader.pages, start=1):
        walk(page.get_contents(), page.get("/Resources"), [1, 0, 0, 1, 0, 0], number)
    return found
