"""`validate` says what `build` will: typographic variants and emoji are drawn, what cannot be drawn
stops the PDF alone (issue 15, kind 6)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import docx
import pytest

from generator.compose.resolve import resolve
from generator.frontends.interview import check_values
from generator.options.validate import validate
from generator.pipeline import default_library
from tests.helpers import facts_yaml
from tests.pdf_reading import embedded_fonts, needs_poppler, text_lines

LIBRARY = default_library()

SHIPPED_FAMILIES = {"Carlito", "Caladea", "Noto Emoji", "DejaVu Sans"}
NAMES = {  # as typed (pasted from Word) -> as the PDF draws it
    "Sønder\u2011Omme Skole": "Sønder-Omme Skole",  # U+2011 NON-BREAKING HYPHEN
    "Sønder\u2010Omme Skole": "Sønder-Omme Skole",  # U+2010 HYPHEN
    "Bøgely Skole 🌳": "Bøgely Skole 🌳",  # an emoji: Noto Emoji, monochrome
    "Skolen ved Åen ✓ ★": "Skolen ved Åen ✓ ★",  # symbols: DejaVu Sans
}


@needs_poppler
@pytest.mark.parametrize(
    ("typed", "font"),
    [*((typed, "carlito") for typed in NAMES), ("Sønder\u2011Omme Skole", "caladea"), ("Bøgely Skole 🌳", "caladea")],
)
def test_what_validate_accepts_builds_in_every_format(
    typed: str, font: str, options_file: Callable[..., Path], run: Callable[..., object], tmp_path: Path
) -> None:
    path = options_file(facts_yaml(f'school:\n  name: "{typed}"\ntheme:\n  font: {font}\n'))
    assert run("validate", path).exit_code == 0  # type: ignore[attr-defined]
    out = tmp_path / "out"
    result = run("build", path, "-o", out, "-f", "docx", "-f", "pdf", "-f", "html", "-f", "md")
    assert result.exit_code == 0, result.stderr  # type: ignore[attr-defined]
    [pdf] = out.glob("*.pdf")
    assert NAMES[typed] in text_lines(pdf)[:8]  # the cover, drawn with the glyphs the fonts have
    fonts = embedded_fonts(pdf)
    assert all(font.embedded for font in fonts)  # PDF/UA: every font embedded
    assert {font.family for font in fonts} <= SHIPPED_FAMILIES  # never a font of this machine's
    if "🌳" in typed:
        assert "Noto Emoji" in {font.family for font in fonts}
    [word] = out.glob("*.docx")
    assert typed in [paragraph.text for paragraph in docx.Document(str(word)).paragraphs]  # as typed


@needs_poppler
def test_a_non_breaking_hyphen_never_ends_a_line(tmp_path: Path) -> None:
    from generator.writers.pdf.writer import write_pdf
    from tests.sample_document import para, sample_document, with_clause_blocks

    text = " ".join(f"{'ord' * (n % 7 + 1)} Sønder\u2011Omme" for n in range(120))
    write_pdf(with_clause_blocks(sample_document(), para(text)), tmp_path / "x.pdf")
    lines = text_lines(tmp_path / "x.pdf")
    assert sum(line.count("Sønder-Omme") for line in lines) == 120  # each one whole on a line
    assert not [line for line in lines if line.endswith("Sønder-")]


def test_what_no_font_draws_stops_the_pdf_alone(
    options_file: Callable[..., Path], run: Callable[..., object], tmp_path: Path
) -> None:
    path = options_file(facts_yaml('school:\n  name: "Søndervang Skole"\ncontacts:\n  union:\n    name: "Kreds 学"\n'))
    start = (
        f"Error: {path}:5: contacts.union.name: no font of the PDF can draw the character '学' (U+5B66 CJK UNIFIED "
        "IDEOGRAPH-5B66) (in clause "
    )
    end = "), so the PDF cannot be made (the DOCX, HTML and Markdown can); replace or remove it\n"
    checked = run("validate", path)
    message = checked.stderr  # type: ignore[attr-defined]
    assert checked.exit_code == 2 and message.startswith(start) and message.endswith(end), message  # type: ignore
    assert run("validate", path, "--edition", "review").exit_code == 2  # type: ignore[attr-defined]
    result = run("build", path, "-o", tmp_path / "out", "-f", "pdf", "-f", "docx", "-f", "md")
    assert (result.exit_code, result.stderr) == (2, message)  # type: ignore[attr-defined]
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert written == ["soendervang-skole.docx", "soendervang-skole.md", "soendervang-skole.record.json"]
    assert result.stdout.splitlines()[:2] == [  # type: ignore[attr-defined]
        f"Wrote {tmp_path / 'out' / 'soendervang-skole.docx'}", f"Wrote {tmp_path / 'out' / 'soendervang-skole.md'}"
    ]
    assert ".pdf" not in result.stdout  # type: ignore[attr-defined]


def test_the_interview_refuses_an_answer_the_pdf_cannot_draw(tmp_path: Path) -> None:
    from generator.frontends.interview import starting_values

    facts = {"choices.platform": "Aula", "choices.incident_system": "SafetyNet",
             "contacts.union": {"name": "Kolding Lærerkreds"}}
    values = {**starting_values(LIBRARY), **facts, "school.name": "Skole 学"}
    checked = check_values(LIBRARY, "en", values, base_dir=tmp_path, pdf=True)
    assert checked.message_for("school.name", "en").startswith("no font of the PDF can draw the character '学'")
    drawn = check_values(LIBRARY, "en", {**values, "school.name": "Sønder\u2011Omme 🌳"}, base_dir=tmp_path, pdf=True)
    assert drawn.errors == [] and drawn.choices is not None


def test_the_glyph_check_needs_no_weasyprint(tmp_path: Path) -> None:
    """validate (and so the check of what the fonts draw) stays out of WeasyPrint's 0.5 s import."""
    from tests.conftest import DEFAULTS_EXAMPLE

    code = (
        "import sys\nfrom generator.pipeline import check\ncheck(sys.argv[1])\n"
        "print('weasyprint' in sys.modules, 'docx' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code, str(DEFAULTS_EXAMPLE)], capture_output=True, text=True)
    assert done.stdout == "False False\n", done.stderr


def test_resolved_document_keeps_what_was_typed(options_file: Callable[..., Path]) -> None:
    from generator.load import load_yaml
    from generator.pipeline import library_for

    path = options_file(facts_yaml('school:\n  name: "Sønder\u2011Omme Skole"\n'))
    loaded = load_yaml(path)
    library = library_for(loaded)
    document = resolve(library, validate(loaded, library, base_dir=path.parent))
    assert document.meta.school == "Sønder\u2011Omme Skole"  # only the PDF draws it with "-"


def test_a_variant_is_drawn_with_the_plain_glyph_only_where_the_font_lacks_it() -> None:
    from generator.writers.glyphs import WORD_JOINER, for_print

    assert for_print("Sønder\u2011Omme \u2010 \u2012", "carlito") == f"Sønder{WORD_JOINER}-{WORD_JOINER}Omme - \u2012"
    assert for_print("\u2012 \u02bc \u201f", "caladea") == "\u2013 \u2019 \u201c"  # Carlito has these three
