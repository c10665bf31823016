"""The language the command line speaks: `--lang`, else the options file's `language:`, else the
locale's (LC_ALL, LC_MESSAGES, LANG), else English; the `file:line: key:` shape and the exit
codes the same in each. Exact messages in Danish and English."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from generator.options.language import cli_language, file_language, locale_language
from tests.helpers import facts_yaml

BROKEN = """\
school:
  name: Engskolen
  municpality: Kolding Kommune
policy:
  status: vedtaget
  version: 1.0
choices:
  photos:
    enabled: maybe
  platform: Aula
  incident_system: SafetyNet
contacts:
  union:
    name: Kolding Lærerkreds
"""
DANISH = [
    "Advarsel: {f}:3: school.municpality: ukendt nøgle »municpality«; mente du »municipality«?",
    "Fejl: {f}:5: policy.status: vælg et af svarene: Udkast (draft), Vedtaget (adopted); »vedtaget« er ikke et af dem",
    'Fejl: {f}:6: policy.version: her skal stå tekst, ikke tallet 1.0; sæt det i anførselstegn: "1.0"',
    "Fejl: {f}:9: choices.photos.enabled: vælg ja eller nej, ikke »maybe«",
]
ENGLISH = [
    "Warning: {f}:3: school.municpality: unknown key 'municpality'; did you mean 'municipality'?",
    "Error: {f}:5: policy.status: expected one of draft, adopted but received 'vedtaget'",
    'Error: {f}:6: policy.version: expected text but received the number 1.0; put it in quotes: "1.0"',
    "Error: {f}:9: choices.photos.enabled: expected true or false but received 'maybe'",
]


def lines(template: list[str], path: Path) -> str:
    return "".join(line.format(f=path) + "\n" for line in template)


def test_the_locale_decides_for_a_file_without_a_language(
    options_file: Callable[..., Path], run: Callable[..., object], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = options_file(BROKEN)
    monkeypatch.setenv("LANG", "da_DK.UTF-8")
    danish = run("validate", path)
    assert (danish.exit_code, danish.stderr, danish.stdout) == (2, lines(DANISH, path), "")  # type: ignore[attr-defined]
    english = run("validate", path, "--lang", "en")
    assert (english.exit_code, english.stderr) == (2, lines(ENGLISH, path))  # type: ignore[attr-defined]
    monkeypatch.setenv("LC_ALL", "C.UTF-8")  # LC_ALL comes before LANG
    assert run("validate", path).stderr == lines(ENGLISH, path)  # type: ignore[attr-defined]


def test_the_file_s_language_comes_before_the_locale(
    options_file: Callable[..., Path], run: Callable[..., object], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = options_file("language: da\n" + BROKEN)
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    result = run("validate", path)
    shifted = [line.replace(":3:", ":4:").replace(":5:", ":6:").replace(":6: policy.version", ":7: policy.version")
               .replace(":9:", ":10:") for line in DANISH]
    assert (result.exit_code, result.stderr) == (2, lines(shifted, path))  # type: ignore[attr-defined]


def test_without_a_file_language_or_locale_it_is_english(
    options_file: Callable[..., Path], run: Callable[..., object]
) -> None:
    path = options_file(BROKEN)
    assert run("validate", path).stderr == lines(ENGLISH, path)  # type: ignore[attr-defined]


def test_warnings_stand_among_the_errors_in_line_order(
    options_file: Callable[..., Path], run: Callable[..., object]
) -> None:
    """Issue 13: every warning is printed, beside the errors and in line order with them."""
    path = options_file(BROKEN + "extra: 1\n")
    result = run("validate", path)
    expected = [*ENGLISH, "Warning: {f}:15: extra: unknown key 'extra'"]
    assert (result.exit_code, result.stderr) == (2, lines(expected, path))  # type: ignore[attr-defined]


def test_a_broken_yaml_file_is_answered_in_its_language(
    options_file: Callable[..., Path], run: Callable[..., object], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = options_file("language: da\nschool:\n  name: x\n   bad: [\n")
    result = run("validate", path)
    assert result.exit_code == 2  # type: ignore[attr-defined]
    assert result.stderr == (  # type: ignore[attr-defined]
        f"Fejl: {path}:4: fejl i YAML-syntaksen i kolonne 7: et kolon med en værdi kan ikke stå her\n"
    )
    english = run("validate", path, "--lang", "en")
    assert english.stderr == (  # type: ignore[attr-defined]
        f"Error: {path}:4: YAML syntax error at column 7: mapping values are not allowed in this context\n"
    )
    tabbed = options_file("language: da\nschool:\n\tname: x\n", name="tab.yaml")
    assert run("validate", tabbed).stderr == (  # type: ignore[attr-defined]
        f"Fejl: {tabbed}:3: fejl i YAML-syntaksen i kolonne 1: et tabulatortegn kan ikke stå her; "
        "ryk ind med mellemrum\n"
    )


def test_files_that_cannot_be_read_in_danish(
    tmp_path: Path, run: Callable[..., object], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "da_DK.UTF-8")
    missing = run("validate", tmp_path / "mangler.yaml")
    assert (missing.exit_code, missing.stderr) == (2, f"Fejl: {tmp_path / 'mangler.yaml'}: filen findes ikke\n")
    folder = run("validate", tmp_path)
    assert (folder.exit_code, folder.stderr) == (2, f"Fejl: {tmp_path}: er en mappe, ikke en fil\n")
    utf16 = tmp_path / "unicode.yaml"
    utf16.write_bytes("school:\n  name: Å\n".encode("utf-16"))
    assert run("validate", utf16).stderr == (  # type: ignore[attr-defined]
        f"Fejl: {utf16}:1: filen er gemt som UTF-16-tekst (»Unicode« i Notesblok); gem den som UTF-8\n"
    )


def test_a_logo_that_is_a_folder_or_missing(
    options_file: Callable[..., Path], run: Callable[..., object], tmp_path: Path
) -> None:
    (tmp_path / "logo.png").mkdir()
    path = options_file(facts_yaml("language: da\nschool:\n  name: Engskolen\n  logo: logo.png\n"))
    result = run("validate", path)
    assert result.stderr == f"Fejl: {path}:4: school.logo: »logo.png« er en mappe, ikke en billedfil\n"
    english = run("validate", path, "--lang", "en")
    assert english.stderr == f"Error: {path}:4: school.logo: 'logo.png' is a folder, not an image file\n"
    gone = options_file(facts_yaml("language: da\nschool:\n  name: Engskolen\n  logo: mangler.png\n"), name="gone.yaml")
    assert run("validate", gone).stderr == (  # type: ignore[attr-defined]
        f"Fejl: {gone}:4: school.logo: filen findes ikke: »mangler.png«\n"
    )


def test_the_command_line_s_own_lines_in_danish(run: Callable[..., object], tmp_path: Path) -> None:
    path = tmp_path / "skole.yaml"
    init = run("init", path)
    assert init.stdout == (  # type: ignore[attr-defined]
        f"Skrev {tmp_path / 'policygen.schema.json'}: editorer med YAML-understøttelse (VS Codes YAML-udvidelse, "
        "JetBrains) kontrollerer skole.yaml efter den, mens du skriver\n"
        f"Skrev {path}: udfyld oplysningerne om skolen, og kør derefter `policygen build {path}`\n"
    )
    text = path.read_text(encoding="utf-8")
    for empty, filled in [('  name: ""', "  name: Engskolen"), ('  union:\n    name: ""', "  union:\n    name: Kreds"),
                          ('  platform: ""', "  platform: Aula"), ('  incident_system: ""', "  incident_system: X")]:
        text = text.replace(empty, filled, 1)
    path.write_text(text, encoding="utf-8")
    assert run("validate", path).stdout == f"{path}: i orden\n"  # type: ignore[attr-defined]
    built = run("build", path, "-o", tmp_path / "ud", "-f", "md")
    assert built.stdout == (  # type: ignore[attr-defined]
        f"Skrev {tmp_path / 'ud' / 'engskolen.md'}\nSkrev {tmp_path / 'ud' / 'engskolen.record.json'} "
        "(byggeoplysningerne: skabelon, bestemmelser og valg, til `policygen diff`)\n"
    )
    english = run("init", tmp_path / "school.yaml", "--lang", "en")
    assert english.stdout.endswith(  # type: ignore[attr-defined]
        f"Wrote {tmp_path / 'school.yaml'}: fill in the school's facts, then run "
        f"`policygen build {tmp_path / 'school.yaml'}`\n"
    )


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"LANG": "da_DK.UTF-8"}, "da"),
        ({"LANG": "da_DK.UTF-8", "LC_MESSAGES": "en_US.UTF-8"}, "en"),
        ({"LC_ALL": "da_DK", "LANG": "en_GB.UTF-8"}, "da"),
        ({"LANG": "C.UTF-8"}, None),
        ({"LANG": "de_DE.UTF-8"}, None),
        ({"LANG": "da_DK.UTF-8@euro"}, "da"),
        ({}, None),
    ],
)
def test_the_locale_s_language(environ: dict[str, str], expected: str | None) -> None:
    assert locale_language(environ) == expected


def test_the_file_s_language_is_read_even_from_broken_yaml(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text("school: [\nlanguage: 'en'  # the policy in English\n", encoding="utf-8")
    assert file_language(path) == "en"
    path.write_text("school:\n  language: en\n", encoding="utf-8")  # not the top level
    assert file_language(path) is None
    assert file_language(tmp_path / "missing.yaml") is None
    assert cli_language(None, path, {"LANG": "da_DK.UTF-8"}) == "da"
    assert cli_language("en", path, {"LANG": "da_DK.UTF-8"}) == "en"
    assert cli_language(None, None, {}) == "en"


def test_batch_reports_in_the_locale_s_language(
    tmp_path: Path, run: Callable[..., object], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "skoler"
    folder.mkdir()
    (folder / "a.yaml").write_text(facts_yaml("school:\n  name: Agerskov Skole\n"), encoding="utf-8")
    (folder / "b.yaml").write_text(
        facts_yaml("school:\n  name: Bøgeskov Skole\npolicy:\n  status: vedtaget\n"), encoding="utf-8"
    )
    monkeypatch.setenv("LANG", "da_DK.UTF-8")
    result = run("batch", folder, "-o", tmp_path / "ud", "-f", "md", "-j", "1")
    assert result.exit_code == 1  # type: ignore[attr-defined]
    out = result.stdout  # type: ignore[attr-defined]
    assert out.startswith("Skole")
    assert "\n1 bygget, 0 uændret, 1 fejlet\n" in out
    assert f"\n{folder / 'b.yaml'} (Bøgeskov Skole):\n  Fejl: {folder / 'b.yaml'}:4: policy.status: vælg et af " in out
    assert "bygget: Agerskov Skole\n" in result.stderr  # type: ignore[attr-defined]  # progress off a terminal
    assert "fejlet: Bøgeskov Skole\n" in result.stderr  # type: ignore[attr-defined]
    english = run("batch", folder, "-o", tmp_path / "out", "-f", "md", "-j", "1", "--lang", "en")
    assert "\n1 built, 0 unchanged, 1 failed\n" in english.stdout  # type: ignore[attr-defined]
