"""Decomposed text (NFD, as some macOS editors save it) through every path policygen reads: composed
(NFC) once read, and a problem named at the file and line that hold the text (issue 15, kind 7)."""

from __future__ import annotations

import dataclasses
import json
import unicodedata
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import DEFAULTS_EXAMPLE
from tests.helpers import facts_yaml
from tests.pdf_reading import needs_poppler, text_lines

RING = "\u030a"  # COMBINING RING ABOVE: "å" decomposed is "a" + RING


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


OVERLAY_YAML = """\
sections:
  - id: kreds
    part: body
    title: {da: "Kredsens tilføjelser på Åen", en: "The branch's additions at Åen"}
"""
OPTIONS_YAML = """\
choices.kreds.hotline:
  type: text
  section: kreds
  default: "Kredsens vagttelefon på Åen"
  label: {da: "Kredsens vagttelefon (Åen)", en: "The branch's hotline (Åen)"}
  help: {da: "Hvem svarer på Åen.", en: "Who answers at Åen."}
"""
CLAUSE_YAML = """\
id: kreds.hotline
section: kreds
title: {da: "Vagttelefon på Åen", en: "Hotline at Åen"}
status: local
source:
  ref: practice
  passage: {da: "Kredsens praksis på Åen", en: "The branch's practice at Åen"}
text:
  da: |
    Ring til {{ choices.kreds.hotline }}.

    Kredsen på Åen svarer {{ school.name }}.
  en: |
    Call {{ choices.kreds.hotline }}.

    The branch at Åen answers {{ school.name }}.
commentary:
  da: "Kredsens egen tilføjelse på Åen."
  en: "The branch's own addition at Åen."
"""


def write_nfd(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(nfd(text), encoding="utf-8")
    assert RING in path.read_text(encoding="utf-8")
    return path


@pytest.fixture
def nfd_overlay(tmp_path: Path) -> Path:
    folder = tmp_path / "kreds"
    write_nfd(folder / "overlay.yaml", OVERLAY_YAML)
    write_nfd(folder / "options.yaml", OPTIONS_YAML)
    write_nfd(folder / "clauses" / "hotline.yaml", CLAUSE_YAML)
    return folder


def strings(node: Any) -> Iterator[str]:
    """Every string in a Document (dataclasses, tuples, dicts)."""
    if isinstance(node, str):
        yield node
    elif dataclasses.is_dataclass(node):
        for item in dataclasses.fields(node):
            yield from strings(getattr(node, item.name))
    elif isinstance(node, (tuple, list)):
        for item in node:
            yield from strings(item)
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from strings(key)
            yield from strings(value)


def assert_composed(document: Any) -> None:
    found = [text for text in strings(document) if unicodedata.normalize("NFC", text) != text]
    assert found == []


def docx_text(path: Path) -> str:
    with zipfile.ZipFile(path) as package:
        return "".join(package.read(name).decode("utf-8") for name in package.namelist() if name.endswith(".xml"))


@needs_poppler
@pytest.mark.parametrize("edition", ["adopted", "review"])
def test_an_nfd_options_file_overlay_and_theme_build_composed(
    edition: str, nfd_overlay: Path, tmp_path: Path, run: Callable[..., object]
) -> None:
    theme = write_nfd(tmp_path / "theme.yaml", 'name: "Kredsen på Åen"\nfont: caladea\n')
    options = write_nfd(
        tmp_path / "skole.yaml",
        facts_yaml('school:\n  name: "Skolen på Åen"\ncontacts:\n  leader:\n    name: "Åse Ågård"\n'
                   f"theme: {theme.name}\nclauses: {nfd_overlay.name}\n"),
    )
    checked = run("validate", options, "--edition", edition)
    assert checked.exit_code == 0, checked.stderr  # type: ignore[attr-defined]
    result = run("build", options, "-o", tmp_path / "out", "--edition", edition, "-f", "docx", "-f", "pdf")
    assert result.exit_code == 0, result.stderr  # type: ignore[attr-defined]
    [pdf] = (tmp_path / "out").glob("*.pdf")
    [word] = (tmp_path / "out").glob("*.docx")
    printed = "\n".join(text_lines(pdf))
    for composed in ("Skolen på Åen", "Vagttelefon på Åen", "Kredsen på Åen", "Kredsens vagttelefon på Åen"):
        assert composed in printed
        assert composed in docx_text(word)
    assert RING not in printed and RING not in docx_text(word)

    from generator.compose.resolve import resolve
    from generator.pipeline import load_choices

    library, choices = load_choices(options)
    assert_composed(resolve(library, choices, edition=edition))


def test_an_nfd_csv_row_is_read_composed(tmp_path: Path, run: Callable[..., object]) -> None:
    rows = write_nfd(
        tmp_path / "skoler.csv",
        "school.name;contacts.leader.name;choices.platform;choices.incident_system;contacts.union.name\n"
        "Åskolen;Åse Ågård;Aula;SafetyNet;Kolding Lærerkreds\n",
    )
    result = run("batch", rows, "-o", tmp_path / "out", "-f", "md")
    assert result.exit_code == 0, result.stderr  # type: ignore[attr-defined]
    [markdown] = (tmp_path / "out").glob("*.md")
    text = markdown.read_text(encoding="utf-8")
    assert "Åskolen" in text and "Åse Ågård" in text and RING not in text


def test_nfd_answers_from_the_web_page_and_the_interview_are_composed(tmp_path: Path) -> None:
    from generator.frontends.answers import answer, load_setup
    from generator.frontends.interview import check_values

    setup = load_setup(None, "da")
    values = {**setup.start, "school.name": nfd("Skolen på Åen"), "contacts.leader": {"name": nfd("Åse Ågård")},
              "choices.platform": "Aula", "choices.incident_system": "SafetyNet",
              "contacts.union": {"name": nfd("Kreds på Åen")}}
    result = answer(setup, "da", values)
    assert result.document is not None and result.checked.errors == []
    assert result.document.meta.school == "Skolen på Åen"
    assert_composed(result.document)
    checked = check_values(setup.library, "da", values, base_dir=tmp_path, pdf=True)
    assert checked.choices is not None and checked.choices.values["school.name"] == "Skolen på Åen"


def test_an_nfd_build_record_is_read_composed(tmp_path: Path, run: Callable[..., object]) -> None:
    built = run("build", DEFAULTS_EXAMPLE, "-o", tmp_path / "out", "-f", "md")
    assert built.exit_code == 0
    record = tmp_path / "out" / "soendervang-skole.record.json"
    data = json.loads(record.read_text(encoding="utf-8"))
    data["options"]["school"]["name"] = "Skolen på Åen"
    write_nfd(record, json.dumps(data, ensure_ascii=False))

    from generator.redline.compare import diff

    redline = diff(record, DEFAULTS_EXAMPLE)
    assert redline.old.choices.values["school.name"] == "Skolen på Åen"
    assert_composed(redline.old.document)


def test_what_no_font_draws_is_named_where_it_is_written(
    nfd_overlay: Path, tmp_path: Path, run: Callable[..., object]
) -> None:
    """Not at the options file's first line, which does not hold it: the overlay's clause, the theme."""
    clause = nfd_overlay / "clauses" / "hotline.yaml"
    clause.write_text(clause.read_text(encoding="utf-8").replace(nfd("Kredsen på Åen svarer"), "Kredsen 学 svarer"),
                      encoding="utf-8")
    theme = tmp_path / "theme.yaml"
    theme.write_text('font: carlito\nname: "Kreds 校"\n', encoding="utf-8")
    options = tmp_path / "skole.yaml"
    options.write_text(facts_yaml(f"school:\n  name: Engskolen\ntheme: {theme.name}\nclauses: {nfd_overlay.name}\n"),
                       encoding="utf-8")
    result = run("validate", options)
    assert result.exit_code == 2  # type: ignore[attr-defined]
    lines = result.stderr.splitlines()  # type: ignore[attr-defined]
    assert [line.split(": no font")[0] for line in lines] == [
        f"Error: {clause}:12: text.da",  # 学 (U+5B66) is on line 12 of the clause file
        f"Error: {theme}:2: name",
    ]
