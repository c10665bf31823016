"""Every PDF policygen writes, read back against the rules of PDF/A-2b and PDF/A-3b (issue 15, kind 4):
each example and the all-defaults policy in every variant, a letterhead's logo, the review edition,
a fallback font. The rules are `tests/pdfa_rules.py` (veraPDF's profiles, by clause); the checks
themselves are shown to find what they look for on a PDF made to break them."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.pipeline import build
from tests.conftest import DEFAULTS_EXAMPLE, EXAMPLES, ROOT
from tests.helpers import facts_yaml
from tests.pdfa_rules import check

VARIANTS = {"pdf/a-2b": 2, "pdf/a-3b": 3, "pdf/ua-1": None, "none": None}
THEME = ROOT / "examples" / "theme" / "kolding-laererkreds.yaml"


@pytest.fixture(scope="module")
def all_defaults(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The policy of a school that gives only what is required: every other answer the library's default."""
    path = tmp_path_factory.mktemp("defaults") / "skole.yaml"
    path.write_text(facts_yaml("school:\n  name: Engskolen\n"), encoding="utf-8")
    return path


@pytest.mark.parametrize("variant", list(VARIANTS))
@pytest.mark.parametrize("source", [*(example.stem for example in EXAMPLES), "all-defaults"])
def test_every_example_in_every_variant_keeps_the_rules(
    source: str, variant: str, all_defaults: Path, tmp_path: Path
) -> None:
    options = all_defaults if source == "all-defaults" else ROOT / "examples" / f"{source}.yaml"
    [pdf] = build(options, tmp_path, ("pdf",), pdf_variant=variant).outputs
    assert [str(finding) for finding in check(pdf, VARIANTS[variant])] == []


@pytest.mark.parametrize("variant", ["pdf/a-2b", "pdf/a-3b"])
def test_a_letterhead_logo_the_review_edition_and_a_fallback_font_keep_the_rules(
    variant: str, tmp_path: Path
) -> None:
    """The issue's case (`fjordbakke-skole.yaml --pdf-variant pdf/a-3b`, a letterhead's logo): no
    image may ask to be interpolated (ISO 19005-2, 6.2.8.3), and everything else still holds."""
    options = tmp_path / "skole.yaml"
    options.write_text(
        (ROOT / "examples" / "fjordbakke-skole.yaml").read_text(encoding="utf-8")
        .replace("name: Fjordbakke Skole", "name: Fjordbakke Skole 🌳 ✓")
        .replace("logo: fjordbakke-logo.png", f"logo: {ROOT / 'examples' / 'fjordbakke-logo.png'}"),
        encoding="utf-8",
    )
    [pdf] = build(options, tmp_path / "out", ("pdf",), pdf_variant=variant, edition="review", theme_file=THEME).outputs
    assert [str(finding) for finding in check(pdf, VARIANTS[variant])] == []


def test_the_checks_find_what_they_look_for(tmp_path: Path) -> None:
    """A PDF made to break the rules: an unembedded font, an interpolated DeviceCMYK image, a hidden
    link, a JavaScript action, an LZW stream, no output intent, no metadata, no ID."""
    import pypdf
    from pypdf.generic import (
        ArrayObject,
        DecodedStreamObject,
        DictionaryObject,
        NameObject,
        NumberObject,
        TextStringObject,
    )

    writer = pypdf.PdfWriter()
    page = writer.add_blank_page(200, 200)
    font = writer._add_object(DictionaryObject({
        NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/TrueType"),
        NameObject("/BaseFont"): NameObject("/Arial"), NameObject("/FirstChar"): NumberObject(32),
        NameObject("/LastChar"): NumberObject(32),
    }))
    image = DecodedStreamObject()
    image.set_data(b"\x00\x00\x00\x00")
    image.update({
        NameObject("/Type"): NameObject("/XObject"), NameObject("/Subtype"): NameObject("/Image"),
        NameObject("/Width"): NumberObject(1), NameObject("/Height"): NumberObject(1),
        NameObject("/ColorSpace"): NameObject("/DeviceCMYK"), NameObject("/BitsPerComponent"): NumberObject(8),
        NameObject("/Interpolate"): pypdf.generic.BooleanObject(True),
    })
    lzw = DecodedStreamObject()
    lzw.set_data(b"x")
    lzw[NameObject("/Filter")] = NameObject("/LZWDecode")
    writer._add_object(lzw)
    page[NameObject("/Resources")] = DictionaryObject({
        NameObject("/Font"): DictionaryObject({NameObject("/F1"): font}),
        NameObject("/XObject"): DictionaryObject({NameObject("/Im1"): writer._add_object(image)}),
    })
    action = DictionaryObject({NameObject("/Type"): NameObject("/Action"), NameObject("/S"): NameObject("/JavaScript"),
                               NameObject("/JS"): TextStringObject("app.alert(1)")})
    link = DictionaryObject({
        NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/Link"),
        NameObject("/Rect"): ArrayObject([NumberObject(0), NumberObject(0), NumberObject(10), NumberObject(10)]),
        NameObject("/F"): NumberObject(2), NameObject("/A"): writer._add_object(action),
    })
    page[NameObject("/Annots")] = ArrayObject([writer._add_object(link)])
    broken = tmp_path / "broken.pdf"
    writer.write(broken)
    rules = {finding.rule for finding in check(broken, 2)}
    assert {"6.2.11.4.1-1", "6.2.8-3", "6.2.4.3-3", "6.3.2-2", "6.5.1-1", "6.1.7.2-1", "6.2.3", "6.6.2.1-1",
            "6.1.3-1"} <= rules, rules


def test_the_default_example_in_pdf_a_is_identified_as_its_part(tmp_path: Path) -> None:
    """The XMP identification names the part asked for: a PDF/A-2b file is not taken for a PDF/A-3b one."""
    [pdf] = build(DEFAULTS_EXAMPLE, tmp_path, ("pdf",), pdf_variant="pdf/a-2b").outputs
    assert [finding.rule for finding in check(pdf, 3)] == ["6.6.4-2"]
