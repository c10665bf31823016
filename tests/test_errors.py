"""The exact message a user sees for each kind of bad input, and exit code 2."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers import facts_yaml, with_facts
from tests.hostile_files import ODD_PATHS, PATH_PLACES, name_path


def complete(text: str) -> str:
    """A case's file with the facts every options file must give (platform, incident system,
    union) appended, so that the error under test is the only one."""
    return facts_yaml(textwrap.dedent(text))


CASES = {
    "unknown key (strict)": (
        complete(
            """\
            school:
              name: Søndervang Skole
              municiplity: Kolding Kommune
            """
        ),
        ["--strict"],
        "Error: {f}:3: school.municiplity: unknown key 'municiplity'; did you mean 'municipality'?\n",
    ),
    "wrong type: number for text": (
        complete(
            """\
            school:
              name: Søndervang Skole
            policy:
              version: 1.10
            """
        ),
        [],
        'Error: {f}:4: policy.version: expected text but received the number 1.10; put it in quotes: "1.10"\n',
    ),
    "wrong type: text for bool": (
        complete(
            """\
            school:
              name: Søndervang Skole
            choices:
              messaging:
                beyond_neutral: "nej"
            """
        ),
        [],
        "Error: {f}:5: choices.messaging.beyond_neutral: expected true or false but received 'nej'\n",
    ),
    "unknown choice": (
        complete(
            """\
            school:
              name: Søndervang Skole
            choices:
              friendships:
                current_pupils: not-alowed
            """
        ),
        [],
        "Error: {f}:5: choices.friendships.current_pupils: expected one of not-allowed, advised-against, "
        "own-judgement but received 'not-alowed'; did you mean 'not-allowed'?\n",
    ),
    "missing required fields": (
        """\
        school:
          municipality: Kolding Kommune
        policy:
          status: adopted
        """,
        [],
        # every required fact the file leaves out, at its key (the file's first line when the key's
        # own section is missing too), in the order of the file
        "Error: {f}:1: choices.incident_system: is required: System til registrering af hændelser\n"
        "Error: {f}:1: choices.platform: is required: Skolens kommunikationsplatform\n"
        "Error: {f}:1: contacts.union: is required: Lærernes fagforening\n"
        "Error: {f}:1: school.name: is required: Skolens navn\n"
        "Error: {f}:3: policy.adopted: is required: Vedtaget den\n",
    ),
    "bad dates": (
        complete(
            """\
            school:
              name: Søndervang Skole
            policy:
              status: adopted
              adopted: 1/12/2026
              next_review: 2027-02-30
            """
        ),
        [],
        "Error: {f}:5: policy.adopted: expected a date as YYYY-MM-DD (e.g. 2026-12-01) but received '1/12/2026'\n"
        "Error: {f}:6: policy.next_review: 2027-02-30 is not a date in the calendar (day is out of range for month)\n",
    ),
    "YAML syntax error": (
        "school:\n  name: [Søndervang\n",
        [],
        "Error: {f}:3: YAML syntax error at column 1: did not find expected ',' or ']'\n",
    ),
    "empty file": ("", [], "Error: {f}:1: the file is empty; run `policygen init` to get a starting point\n"),
    "not a mapping": (
        "- Søndervang\n- Skole\n",
        [],
        "Error: {f}:1: expected a mapping of keys to values but received a list\n",
    ),
    "template syntax in a value (strict)": (
        complete('school:\n  name: "{{ 7*7 }} Skole"\n'),
        ["--strict"],
        "Error: {f}:2: school.name: looks like template syntax ({{ or {%); it is printed exactly as typed, "
        "not evaluated\n",
    ),
    "control character in a value": (
        complete('school:\n  name: "S\\u0007ndervang"\n'),
        [],
        "Error: {f}:2: school.name: contains the control character U+0007 at position 2; "
        "remove it (it cannot be printed)\n",
    ),
    "control character in the file": (
        complete("school:\n  name: S\x01ndervang\n"),
        [],
        "Error: {f}:2: the character U+0001 is not allowed in a YAML file\n",
    ),
    "not UTF-8": (
        "school:\n  name: S\xf8ndervang\n".encode("latin-1"),
        [],
        "Error: {f}:2: the file is not UTF-8 text (byte 0xf8 at column 10); save it as UTF-8\n",
    ),
    "duplicate key": (
        complete("school:\n  name: A\n  name: B\n"),
        [],
        "Error: {f}:3: school.name: the key is given twice (first on line 2)\n",
    ),
    "unsafe tag": (
        complete("school:\n  name: !!python/object/apply:os.system [ls]\n"),
        [],
        "Error: {f}:2: school.name: the tag tag:yaml.org,2002:python/object/apply:os.system is not allowed\n",
    ),
    "unknown language": (
        complete("language: de\nschool:\n  name: Søndervang Skole\n"),
        [],
        "Error: {f}:1: language: expected one of da, en but received 'de'\n",
    ),
    "unknown library": (
        complete("library: ../../etc\nschool:\n  name: Søndervang Skole\n"),
        [],
        "Error: {f}:1: library: unknown clause library '../../etc'; known: social-media\n",
    ),
    "overlay folder name too long for the system": (
        complete("school:\n  name: Søndervang Skole\nclauses: " + "k" * 300 + "\n"),
        [],
        "Error: {f}:3: clauses: '" + "k" * 57 + "...' cannot be read (File name too long)\n",
    ),
    "NUL in the overlay folder's name": (
        complete('school:\n  name: Søndervang Skole\nclauses: "kreds\\0"\n'),
        [],
        "Error: {f}:3: clauses: contains the control character U+0000 at position 6; "
        "remove it (it cannot be printed)\n",
    ),
    "NUL in the theme file's name": (
        complete('school:\n  name: Søndervang Skole\ntheme: "kreds\\0.yaml"\n'),
        [],
        "Error: {f}:3: theme: contains the control character U+0000 at position 6; "
        "remove it (it cannot be printed)\n",
    ),
    "theme file name too long for the system": (
        complete("school:\n  name: Søndervang Skole\ntheme: " + "t" * 300 + ".yaml\n"),
        [],
        "Error: {f}:3: theme: '" + "t" * 57 + "...' cannot be read (File name too long)\n",
    ),
}


@pytest.mark.parametrize("name", list(CASES))
@pytest.mark.parametrize("command", ["validate", "build"])
def test_bad_input_message(
    name: str, command: str, options_file: Callable[..., Path], run: Callable[..., object], tmp_path: Path
) -> None:
    text, flags, expected = CASES[name]
    path = options_file(text)
    out = tmp_path / "out"
    args = [command, path, *flags] + (["-o", out, "-f", "docx"] if command == "build" else [])
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert result.stderr == expected.replace("{f}", str(path))
    assert "Traceback" not in result.output
    assert not out.exists() or not any(out.iterdir())


def test_unknown_key_is_a_warning_without_strict(options_file: Callable[..., Path], run: Callable[..., object]) -> None:
    path = options_file(complete("school:\n  name: Søndervang Skole\nchoices:\n  platfrom: Aula\n"))
    result = run("validate", path)
    assert result.exit_code == 0
    assert result.stderr == f"Warning: {path}:4: choices.platfrom: unknown key 'platfrom'; did you mean 'platform'?\n"
    assert result.stdout == f"{path}: OK\n"


def test_all_errors_reported_in_one_run(options_file: Callable[..., Path], run: Callable[..., object]) -> None:
    path = options_file(
        complete(
            """\
            school:
              name: 42
            policy:
              status: vedtaget
            choices:
              friendships:
                former_pupils: maybe
              groups:
                second_adult: 3
            """
        )
    )
    result = run("validate", path)
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert [line.split(": ")[2] for line in lines] == [
        "school.name",
        "policy.status",
        "choices.friendships.former_pupils",
        "choices.groups.second_adult",
    ]


def test_missing_file(run: Callable[..., object], tmp_path: Path) -> None:
    result = run("validate", tmp_path / "nope.yaml")
    assert result.exit_code == 2
    assert result.stderr == f"Error: {tmp_path / 'nope.yaml'}: no such file\n"


def test_oversized_file(options_file: Callable[..., Path], run: Callable[..., object]) -> None:
    path = options_file("school:\n  name: x\n# " + "x" * 300_000 + "\n")
    result = run("validate", path)
    assert result.exit_code == 2
    assert "the limit is 262,144 bytes" in result.stderr


def test_billion_laughs(options_file: Callable[..., Path], run: Callable[..., object]) -> None:
    rows = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for prev, name in zip("abcdefg", "bcdefgh", strict=True):
        rows.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 10) + "]")
    path = options_file("\n".join(rows) + "\n")
    result = run("validate", path)
    assert result.exit_code == 2
    assert "expands to more than 20,000 values (too many aliases?)" in result.stderr


@pytest.mark.parametrize("place", PATH_PLACES)
def test_paths_the_system_cannot_or_must_not_open(
    place: str, options_file: Callable[..., Path], run: Callable[..., object], tmp_path: Path
) -> None:
    """Every folder or file an options file names, however odd, is refused with an error naming
    the file, line and key (or the file it named), and exit code 2: never a traceback."""
    import yaml

    for value in ODD_PATHS:
        data = name_path(with_facts({"school": {"name": "Søndervang Skole"}}), place, value)
        path = options_file(yaml.safe_dump(data, allow_unicode=True))
        out = tmp_path / "out"
        for args in (["validate", path], ["build", path, "-o", out, "-f", "md"]):
            result = run(*args)
            why = f"{place} = {value[:40]!r}: {args[0]} exit {result.exit_code}\n{result.stderr[:500]}"
            assert result.exit_code == 2, why
            errors = [line for line in result.stderr.splitlines() if line.startswith("Error: ")]
            assert errors and all(line.startswith(("Error: ", "Warning: ")) for line in result.stderr.splitlines()), why
            assert errors[0].startswith((f"Error: {path}:", "Error: /")), why
            assert not out.exists() or not any(out.iterdir()), why


def test_a_contact_with_a_phone_but_no_name_is_missing(run: Callable[..., object], tmp_path: Path) -> None:
    """A phone number alone does not say whom to call: the union is required by its name."""
    path = tmp_path / "skole.yaml"
    path.write_text(
        "school:\n  name: Engskolen\ncontacts:\n  union:\n    phone: 12 34 56 78\n"
        "choices:\n  platform: Aula\n  incident_system: SafetyNet\n", encoding="utf-8"
    )
    result = run("validate", path)
    assert (result.exit_code, result.stderr) == (
        2, f"Error: {path}:4: contacts.union: is required: Lærernes fagforening\n"
    )


def test_a_required_contact_with_a_wrong_name_gets_one_error(run: Callable[..., object], tmp_path: Path) -> None:
    """What is wrong with the name is said; the contact is not also called missing."""
    path = tmp_path / "skole.yaml"
    path.write_text(
        'school:\n  name: Engskolen\ncontacts:\n  union:\n    name: "Kreds\\0"\n'
        "choices:\n  platform: Aula\n  incident_system: SafetyNet\n", encoding="utf-8"
    )
    result = run("validate", path)
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: {path}:5: contacts.union.name: contains the control character U+0000 at position 6; "
        "remove it (it cannot be printed)\n"
    )
