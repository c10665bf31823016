"""Both languages: every text translated, and no fixed text of the other language left."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree

from generator.library.model import missing_translations
from generator.phrases import PHRASES
from generator.pipeline import build, default_library
from tests.conftest import DEFAULTS_EXAMPLE, ROOT
from tests.helpers import facts_yaml


def docx_text(path: Path) -> str:
    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    for section in document.sections:
        parts += [p.text for p in section.header.paragraphs] + [p.text for p in section.footer.paragraphs]
    return "\n".join(parts)


@pytest.fixture(scope="module")
def both(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    out = tmp_path_factory.mktemp("out")
    da = build(DEFAULTS_EXAMPLE, out, ("docx",)).outputs[0]
    en = build(DEFAULTS_EXAMPLE, out, ("docx",), language="en").outputs[0]
    # the school's own values (e.g. "Kolding Kommune") are not fixed text: leave them out
    user_values = ["Kolding Kommune"]
    texts = {}
    for language, path in (("da", da), ("en", en)):
        text = docx_text(path)
        for value in user_values:
            text = text.replace(value, "")
        texts[language] = text
    return {**texts, "en_path": str(en)}


def test_every_text_has_both_languages() -> None:
    assert missing_translations(default_library(), ["da", "en"]) == []


def _distinct_phrases(language: str) -> list[str]:
    other = "en" if language == "da" else "da"
    return [
        text.split("{")[0].strip()
        for key, text in PHRASES[language].items()
        if text != PHRASES[other][key] and len(text.split("{")[0].strip()) > 3
    ]


@pytest.mark.parametrize(("language", "other"), [("en", "da"), ("da", "en")])
def test_no_fixed_text_of_the_other_language(both: dict[str, str], language: str, other: str) -> None:
    text = both[language]
    assert [phrase for phrase in _distinct_phrases(other) if phrase in text] == []


@pytest.mark.parametrize(("language", "other"), [("en", "da"), ("da", "en")])
def test_no_clause_or_section_title_of_the_other_language(both: dict[str, str], language: str, other: str) -> None:
    library = default_library()
    titles = [c.title[other] for c in library.clauses if c.title[other] != c.title[language]]
    titles += [s.title[other] for s in library.meta.sections if s.title[other] != s.title[language]]
    assert [title for title in titles if title in both[language]] == []


def test_english_document(both: dict[str, str]) -> None:
    text = both["en"]
    assert "Policy on staff use of social media" in text
    assert "DRAFT" in text
    assert "Register the incident in SafetyNet" in text or "SafetyNet" in text
    props = docx.Document(both["en_path"]).core_properties
    assert props.language == "en-GB"


def test_english_dates(tmp_path: Path) -> None:
    path = tmp_path / "school.yaml"
    path.write_text(
        facts_yaml(
            "language: en\nschool:\n  name: Nordlys School\npolicy:\n  status: adopted\n  adopted: 2026-12-01\n"
            "  next_review: 2027-08-01\n"
        ),
        encoding="utf-8",
    )
    text = docx_text(build(path, tmp_path, ("docx",)).outputs[0])
    assert "Adopted 1 December 2026" in text
    assert "1 August 2027" in text
    assert "december" not in text


def comments_text(path: Path) -> str:
    """The text of the Word comments (the review edition's decisions and commentary)."""
    with zipfile.ZipFile(path) as package:
        if "word/comments.xml" not in package.namelist():
            return ""
        root = etree.fromstring(package.read("word/comments.xml"))
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    return "\n".join("".join(t.text or "" for t in p.iter(f"{w}t")) for p in root.iter(f"{w}p"))


# Danish words that have no place in an English sentence; names of acts, bodies and places
# (forvaltningsloven, MED-udvalget, Kolding Kommune) stand in brackets or are the school's values.
DANISH = re.compile(r"\b(og|ikke|skal|må|eller|stk|artikel|nyhed|kontrolleret|Kilde|Bemærk|Udkast|Vedtaget|"
                    r"Godkendt|Godkendes|skolens|medarbejderne|vejledningen)\b")
UNIDIOMATIC = re.compile(r"public school|for proper purposes|in person|the leadership(?! team)")


@pytest.mark.parametrize("edition", ["adopted", "review"])
@pytest.mark.parametrize("example", ["nordlys-international-school", "soendervang-skole"])
def test_the_english_edition_has_no_danish_and_no_false_friends(tmp_path: Path, example: str, edition: str) -> None:
    result = build(ROOT / "examples" / f"{example}.yaml", tmp_path, ("docx",), language="en", edition=edition)
    text = docx_text(result.outputs[0]) + "\n" + comments_text(result.outputs[0])
    for contact in ("Mette Østergaard, skoleleder",):  # a value the school typed, not fixed text
        text = text.replace(contact, "")
    quoted = re.sub(r"The guidance says: '.*", "", text)  # the Danish source's own words, quoted
    outside_brackets = re.sub(r"\([^()]*\)", "", quoted)
    assert DANISH.findall(outside_brackets) == []
    assert UNIDIOMATIC.findall(text) == []
    assert edition == "adopted" or "Municipal school (folkeskole)" in text  # the school type, named as it is
