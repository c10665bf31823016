"""An empty value that a clause prints is an error of `validate` at that value's line, found from the
clause texts of any library (issue 15, kind 9: "foregår på .", "Registrér hændelsen i .", "Kontakt .")."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.errors import PolicyError
from generator.library.assemble import load_library
from generator.load import parse_yaml
from generator.options.validate import validate

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "printing-library"
LIBRARY = load_library(FIXTURE)
FILLED = """\
school:
  name: Prøveskolen
contacts:
  office:
    name: Kontoret
    phone: "70 10 20 30"
choices:
  system: SafetyNet
  motto: Tryghed
"""


def problems(text: str, language: str = "da") -> list[str]:
    """What validate says of an options file for the fixture library, as `file:line: key: message` lines."""
    loaded = parse_yaml(textwrap.dedent(text), "skole.yaml")
    try:
        validate(loaded, LIBRARY, base_dir=FIXTURE, language=language, strict=True)
    except PolicyError as exc:
        return [problem.located(language) for problem in exc.problems]
    return []


def test_values_that_are_given_are_fine() -> None:
    assert problems(FILLED) == []


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ("  system: SafetyNet\n", "skole.yaml:8: choices.system: er tom, men punktet »Registrering« skriver den ud; "
         "udfyld den"),
        ("    name: Kontoret\n", "skole.yaml:5: contacts.office.name: er tom, men punktet »Registrering« skriver "
         "den ud; udfyld den"),
        ("  motto: Tryghed\n", "skole.yaml:9: choices.motto: er tom, men punktet »Registrering« skriver den ud; "
         "udfyld den"),  # printed by the commentary, which the review edition shows
    ],
)
def test_an_empty_printed_value_is_an_error_at_its_line(change: str, expected: str) -> None:
    emptied = FILLED.replace(change, change.split(":")[0] + ': ""\n')
    assert problems(emptied) == [expected]


def test_a_printed_value_that_is_not_given_at_all_is_an_error_too() -> None:
    assert problems(FILLED.replace("  system: SafetyNet\n", "")) == [
        "skole.yaml:7: choices.system: er tom, men punktet »Registrering« skriver den ud; udfyld den"
    ]


def test_only_values_printed_under_the_schools_choices_count() -> None:
    """An empty value tested in `{% if %}` and not printed, a variant not chosen, a clause whose
    condition fails: none of them prints the value."""
    assert problems(FILLED + "  guarded: ''\n  room: ''\n  mode: plain\n  extra: false\n") == []
    assert problems(FILLED + "  mode: room\n") == [
        "skole.yaml:7: choices.room: er tom, men punktet »Mødested« skriver den ud; udfyld den"
    ]
    assert problems(FILLED + "  room: Aulaen\n  extra: true\n") == []
    no_phone = FILLED.replace('    phone: "70 10 20 30"\n', "")
    assert problems(no_phone) == []  # no clause prints the phone while `extra` is false
    assert problems(no_phone + "  room: Aulaen\n  extra: true\n", "en") == [
        "skole.yaml:4: contacts.office.phone: is empty, but the clause 'Extra' prints it; fill it in"
    ]


def test_the_real_library_refuses_an_empty_platform(
    options_file: Callable[..., Path], run: Callable[..., object]
) -> None:
    """The issue's values: `platform: ""`, `incident_system: ""`, an empty union name, each at its own line."""
    path = options_file(
        'school:\n  name: Søndervang Skole\nchoices:\n  platform: ""\n  incident_system: ""\n'
        'contacts:\n  union:\n    name: ""\n'
    )
    result = run("validate", "--strict", path)
    assert result.exit_code == 2  # type: ignore[attr-defined]
    located = [line.split(": ", 3)[:3] for line in result.stderr.splitlines()]  # type: ignore[attr-defined]
    assert located == [
        ["Error", f"{path}:4", "choices.platform"],
        ["Error", f"{path}:5", "choices.incident_system"],
        ["Error", f"{path}:7", "contacts.union"],  # required: named at the contact, as validate names it
    ]
    built = run("build", path, "-o", path.parent / "out", "-f", "md")
    assert built.exit_code == 2 and not (path.parent / "out").exists()  # type: ignore[attr-defined]
