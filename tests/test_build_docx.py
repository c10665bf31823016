"""The all-defaults example as a DOCX, read back with python-docx."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import docx
import pytest

from generator.pipeline import build
from tests.conftest import DEFAULTS_EXAMPLE, EXAMPLES, ROOT

# Every recommendation of Kolding Lærerkreds' guidance, as the all-defaults policy words it.
RECOMMENDATIONS = {
    "purpose: the school's rules for staff, protecting pupils, parents and staff": [
        "skolens regler for medarbejdernes brug af sociale medier", "beskytte elever, forældre og medarbejdere"],
    "scope: staff, social media, text messages and the platform": [
        "Politikken gælder for alle medarbejdere på Søndervang Skole", "sociale medier, sms", "e-mail og Aula"],
    "the school's rules apply and staff may rely on them": [
        "Medarbejderne skal følge politikken og kan henvise til den"],
    "friendships: one definition for every network (the risks are the commentary's)": [
        "I politikken er et venskab en forbindelse på et socialt medie",
        "også når mediet kalder det at følge."],
    "current pupils": ["Medarbejderne må ikke være venner med skolens nuværende elever"],
    "former pupils treated differently": ["må være venner med tidligere elever"],
    "work relations: parents, board members, social workers": [
        "forældre til elever", "medlemmer af skolebestyrelsen, socialrådgivere"],
    "confidentiality": ["Tavshedspligten gælder også på sociale medier"],
    "respect and loyalty as face to face": ["samme respekt og loyalitet", "som ansigt til ansigt"],
    "personal duty to notify": ["personlig pligt til at underrette"],
    "use the school's platform": ["Skriftlig kontakt med elever og forældre om skolesager skal foregå i Aula"],
    "closed groups": ["Grupper med elever eller forældre om skolesager skal være lukkede grupper i Aula"],
    "no individual praise or criticism in public": [
        "Ros og kritik af den enkelte elev skal gives i en samtale eller en besked"],
    "text messages only for neutral messages": ["Sms må kun bruges til helt neutrale beskeder"],
    "never the only adult in a group": [
        "Bruges en gruppe med elever til andet end undervisning og opgaver, "
        "må en medarbejder ikke være den eneste voksne"],
}

STEPS = [
    "Tag skærmbilleder af truslen eller chikanen og af den profil",
    "Giv nærmeste leder besked samme dag eller første arbejdsdag, og aftal, hvordan sagen skal behandles.",
    "Registrér hændelsen i SafetyNet, gerne sammen med lederen, TR eller AMR.",
    "Anmeld indholdet eller profilen til det sociale medie.",
    "Du kan også kontakte din faglige organisation; for lærerne er det Kolding Lærerkreds.",
]


@pytest.fixture(scope="module")
def defaults_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("out")
    result = build(DEFAULTS_EXAMPLE, out, ("docx",))
    return result.outputs[0]


def body_text(path: Path) -> str:
    document = docx.Document(str(path))
    return "\n".join(paragraph.text for paragraph in document.paragraphs)


@pytest.mark.parametrize("name", list(RECOMMENDATIONS))
def test_every_recommendation_is_in_the_docx(defaults_docx: Path, name: str) -> None:
    text = body_text(defaults_docx)
    for phrase in RECOMMENDATIONS[name]:
        assert phrase in text, phrase


def test_harassment_steps_are_a_numbered_list_in_order(defaults_docx: Path) -> None:
    document = docx.Document(str(defaults_docx))
    numbered = [p for p in document.paragraphs if p.style.name == "List Number"]
    texts = [p.text for p in numbered]
    positions = [next(i for i, text in enumerate(texts) if step in text) for step in STEPS]
    assert positions == sorted(positions)
    assert positions[-1] - positions[0] == 4
    num_ids = {numbered[i]._p.pPr.numPr.numId.val for i in positions}
    assert len(num_ids) == 1


def test_contacts_table(defaults_docx: Path) -> None:
    document = docx.Document(str(defaults_docx))
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Funktion")
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows[0] == ["Funktion", "Navn", "Telefon", "E-mail"]
    # the title the school typed, "skoleleder", is not repeated beside the role
    assert rows[1] == ["Skoleleder", "Mette Østergaard", "79 79 12 00", "meoe@soendervang.example.dk"]
    assert [row[0] for row in rows[1:]] == [
        "Skoleleder", "Tillidsrepræsentant (TR)", "Arbejdsmiljørepræsentant (AMR)", "Lærernes fagforening",
        "Registrering af hændelser"]
    assert rows[-1][1] == "SafetyNet"


def test_no_word_in_the_contacts_table_is_wider_than_its_column(defaults_docx: Path) -> None:
    """Measured with the shipped font's own metrics (Carlito shares Calibri's): a word wider
    than its cell is broken between two letters by Word and LibreOffice alike."""
    from fontTools.ttLib import TTFont

    font = TTFont(ROOT / "templates" / "fonts" / "Carlito-Regular.ttf")
    cmap, advances, units = font.getBestCmap(), font["hmtx"].metrics, font["head"].unitsPerEm

    def twips(word: str) -> float:  # at 11 pt
        return sum(advances[cmap[ord(ch)]][0] for ch in word) / units * 11 * 20

    table = next(t for t in docx.Document(str(defaults_docx)).tables if t.rows[0].cells[0].text == "Funktion")
    for row in table.rows[1:]:
        for cell in row.cells:
            room = cell.width.twips - 2 * 108  # Word's default cell margins
            for word in cell.text.split():
                assert twips(word) <= room, f"{word!r} needs {twips(word):.0f} twips; its cell has {room}"


def test_draft_is_marked_and_dated_in_danish(defaults_docx: Path, tmp_path: Path) -> None:
    document = docx.Document(str(defaults_docx))
    draft = body_text(defaults_docx)
    assert "UDKAST" in draft
    assert "UDKAST" in "".join(p.text for p in document.sections[0].header.paragraphs)
    assert "30. november 2026" in draft  # the draft's own date (policy.date), on its cover
    assert "Godkendes af" in draft and "Godkendt af" not in draft
    assert "Udkast" not in draft  # the draft state is said once, by the UDKAST mark
    adopted = build(ROOT / "examples" / "fjordbakke-skole.yaml", tmp_path, ("docx",)).outputs[0]
    text = body_text(adopted)
    assert "Vedtaget 1. december 2026" in text
    assert "UDKAST" not in text


def test_core_properties(defaults_docx: Path) -> None:
    props = docx.Document(str(defaults_docx)).core_properties
    assert props.title == "Politik for medarbejdernes brug af sociale medier"
    assert props.author == "Søndervang Skole"
    assert props.language == "da-DK"


def test_same_input_gives_identical_bytes(tmp_path: Path) -> None:
    first = build(DEFAULTS_EXAMPLE, tmp_path / "a", ("docx",)).outputs[0].read_bytes()
    second = build(DEFAULTS_EXAMPLE, tmp_path / "b", ("docx",)).outputs[0].read_bytes()
    assert hashlib.sha256(first).hexdigest() == hashlib.sha256(second).hexdigest()


def test_build_record(tmp_path: Path) -> None:
    result = build(DEFAULTS_EXAMPLE, tmp_path, ("docx",))
    assert result.record is not None
    record = json.loads(result.record.read_text(encoding="utf-8"))
    assert record["library"]["id"] == "social-media"
    assert len(record["library"]["sha256"]) == 64
    ids = [clause["id"] for clause in record["clauses"]]
    assert "friendships.current-pupils" in ids and "harassment.steps" in ids
    current = next(c for c in record["clauses"] if c["id"] == "friendships.current-pupils")
    assert current["source"] == {"ref": "kolding", "passage": "Venskaber på de sociale medier"}
    assert record["options"]["choices"]["friendships"]["current_pupils"] == "not-allowed"
    assert record["outputs"][0]["file"] == "soendervang-skole.docx"
    assert record["outputs"][0]["sha256"] == hashlib.sha256(result.outputs[0].read_bytes()).hexdigest()


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_every_example_builds(example: Path, tmp_path: Path, run: object) -> None:
    result = run("build", example, "-o", tmp_path, "-f", "docx", "-f", "md")  # type: ignore[operator]
    assert result.exit_code == 0, result.stderr
    departures = ("recommendation (recommended:", "fraviger vejledningens anbefaling",
                  "fraviger skabelonens anbefaling")
    warnings = [line for line in result.stderr.splitlines() if not any(text in line for text in departures)]
    assert warnings == []  # only departures from the recommendations, which are the school's choice
    docx_files = list(tmp_path.glob("*.docx"))
    assert len(docx_files) == 1
    school = docx.Document(str(docx_files[0])).core_properties.author
    assert school and school in body_text(docx_files[0])


def body_words(path: Path) -> int:
    """The words of the policy's body as a reader counts them: every heading, paragraph, list item
    and table cell from the first section to the sources appendix (not the cover or contents)."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(str(path))
    words, started = 0, False
    for element in document.element.body.iterchildren():
        if element.tag.endswith("}p"):
            paragraph = Paragraph(element, document)
            if paragraph.style is not None and paragraph.style.name == "Heading 1":
                if paragraph.text.strip().endswith("Lovgrundlag og kilder"):
                    break
                started = True
            if started:
                words += len(paragraph.text.split())
        elif element.tag.endswith("}tbl") and started:
            words += sum(len(cell.text.split()) for row in Table(element, document).rows for cell in row.cells)
    return words


def test_the_all_defaults_policy_is_at_most_2500_words(defaults_docx: Path) -> None:
    """Real Danish school policies on the subject run 1-4 pages: the whole body, every section the
    defaults turn on, stays within 2,500 words."""
    assert 1500 < body_words(defaults_docx) <= 2500


def test_a_build_prints_only_its_own_lines(tmp_path: Path) -> None:
    """A fresh process, as a user runs it: no library's log line (fontTools once logged Carlito's
    'created' date while the contacts table was measured) reaches the user's terminal."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "generator", "build", str(DEFAULTS_EXAMPLE), "-o", str(tmp_path),
                           "-f", "docx"], capture_output=True, text=True,
                          env={"LANG": "da_DK.UTF-8", "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    lines = (done.stdout + done.stderr).splitlines()
    assert lines and all(line.startswith("Skrev ") for line in lines), lines
