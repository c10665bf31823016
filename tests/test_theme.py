"""A letterhead theme in both writers, and its mistakes reported like any other input."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import docx
import pypdf
import pytest

from tests.conftest import DEFAULTS_EXAMPLE, ROOT
from tests.helpers import facts_yaml

THEME = ROOT / "examples" / "theme" / "kolding-laererkreds.yaml"


@pytest.fixture(scope="module")
def themed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from click.testing import CliRunner

    from generator.frontends.cli import cli

    out = tmp_path_factory.mktemp("themed")
    result = CliRunner().invoke(cli, ["build", str(DEFAULTS_EXAMPLE), "-o", str(out), "--theme", str(THEME)])
    assert result.exit_code == 0, result.stderr
    return out


def test_docx_uses_the_theme(themed: Path) -> None:
    document = docx.Document(str(themed / "soendervang-skole.docx"))
    heading = document.styles["Heading 1"]
    assert str(heading.font.color.rgb) == "7A1F2B"
    assert document.styles["Normal"].font.name == "Cambria"
    footer = "".join(p.text for p in document.sections[0].footer.paragraphs)
    assert footer.startswith("Kolding Lærerkreds · ")
    assert document.paragraphs[0].text.strip() == "Kolding Lærerkreds"
    (logo,) = document.inline_shapes  # the letterhead's logo (the school has none)
    assert logo._inline.docPr.get("descr") == "Kolding Lærerkreds"


def test_pdf_uses_the_theme(themed: Path) -> None:
    reader = pypdf.PdfReader(themed / "soendervang-skole.pdf")
    fonts = set()
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    assert fonts and all("Caladea" in name for name in fonts), fonts
    assert "Kolding Lærerkreds" in reader.pages[0].extract_text()
    assert "Kolding Lærerkreds · " in reader.pages[2].extract_text()


def test_the_pdf_embeds_the_themes_own_font_program(themed: Path, tmp_path: Path, run: Callable[..., object]) -> None:
    """The name inside each embedded font program, not the PDF's name for it ("Caladea-Policy" once held Carlito)."""
    from tests.pdf_reading import embedded_fonts

    families = {font.family for font in embedded_fonts(themed / "soendervang-skole.pdf")}
    assert families == {"Caladea"}, families
    plain = run("build", DEFAULTS_EXAMPLE, "-o", tmp_path / "plain", "-f", "pdf", "--edition", "review")
    assert plain.exit_code == 0, plain.stderr  # type: ignore[attr-defined]
    marks = {font.family for font in embedded_fonts(tmp_path / "plain" / "soendervang-skole-review.pdf")}
    assert marks == {"Carlito"}  # the default font; the review marks are Carlito's too


def test_the_web_page_is_set_in_the_themes_font(tmp_path: Path, run: Callable[..., object]) -> None:
    result = run("build", DEFAULTS_EXAMPLE, "-o", tmp_path, "-f", "html", "--theme", THEME)
    assert result.exit_code == 0, result.stderr  # type: ignore[attr-defined]
    page = (tmp_path / "soendervang-skole.html").read_text(encoding="utf-8")
    assert "font-family: Caladea, Cambria, Georgia" in page and "Carlito" not in page


def test_theme_in_the_options_file(tmp_path: Path, run: Callable[..., object]) -> None:
    path = tmp_path / "skole.yaml"
    path.write_text(
        facts_yaml("school:\n  name: Engskolen\ntheme:\n  name: Trekantens Kreds\n  colour: '#00694e'\n"),
        encoding="utf-8",
    )
    result = run("build", path, "-o", tmp_path / "out", "-f", "docx")
    assert result.exit_code == 0, result.stderr
    document = docx.Document(str(tmp_path / "out" / "engskolen.docx"))
    assert str(document.styles["Heading 1"].font.color.rgb) == "00694E"
    assert document.styles["Normal"].font.name == "Calibri"


def test_theme_mistakes(tmp_path: Path, run: Callable[..., object]) -> None:
    path = tmp_path / "skole.yaml"
    path.write_text(
        facts_yaml(
            "school:\n  name: Engskolen\ntheme:\n  name: Kreds\n  colour: red\n  font: Comic Sans\n  logo: nope.png\n"
            "  colur: '#000000'\n"
        ),
        encoding="utf-8",
    )
    result = run("validate", path)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"Error: {path}:5: theme.colour: expected a colour as #RRGGBB (e.g. \"#1d4f73\") but received 'red'",
        f"Error: {path}:6: theme.font: expected one of carlito, caladea but received 'Comic Sans'",
        f"Error: {path}:7: theme.logo: no such file: 'nope.png'",
        f"Error: {path}:8: theme.colur: unknown key 'colur'; a theme has name, logo, colour, font",
    ]


def test_batch_rebuilds_when_the_theme_changes(tmp_path: Path, run: Callable[..., object]) -> None:
    theme = tmp_path / "theme.yaml"
    theme.write_text("name: Kreds\ncolour: '#112233'\n", encoding="utf-8")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.yaml").write_text(facts_yaml("school:\n  name: Engskolen\n"), encoding="utf-8")
    args = ("batch", tmp_path / "in", "-o", tmp_path / "out", "-f", "docx", "--theme", theme)
    assert "1 built" in run(*args).stdout
    assert "1 unchanged" in run(*args).stdout
    theme.write_text("name: Kreds\ncolour: '#445566'\n", encoding="utf-8")
    assert "1 built" in run(*args).stdout
