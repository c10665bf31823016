"""A consultant's overlay: clauses added, replaced and removed, options added, mistakes reported."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Callable
from pathlib import Path

from tests.conftest import DEFAULTS_EXAMPLE
from tests.helpers import facts_yaml

CLAUSE = """\
id: {id}
section: {section}
order: 99
title: {{da: {title}, en: {title}}}
status: local
source:
  ref: kolding
  passage: {{da: Anbefalinger, en: Recommendations}}
text:
  da: "{text}"
  en: "{text}"
commentary:
  da: Kredsens egen tilføjelse.
  en: The branch's own addition.
"""


def overlay(tmp_path: Path, clauses: dict[str, dict[str, str]], files: dict[str, str] | None = None) -> Path:
    folder = tmp_path / "overlay"
    (folder / "clauses").mkdir(parents=True)
    for name, fields in clauses.items():
        (folder / "clauses" / f"{name}.yaml").write_text(CLAUSE.format(**fields), encoding="utf-8")
    for name, text in (files or {}).items():
        (folder / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


def build_md(run: Callable[..., object], tmp_path: Path, folder: Path, options: Path = DEFAULTS_EXAMPLE) -> object:
    return run("batch", options, "-o", tmp_path / "out", "-f", "md", "--clauses", folder)


def test_overlay_adds_and_replaces_clauses(tmp_path: Path, run: Callable[..., object]) -> None:
    folder = overlay(
        tmp_path,
        {
            "added": {
                "id": "kreds.hotline",
                "section": "harassment",
                "title": "Kredsens telefon",
                "text": "Ring til kredsen på 75 52 04 11.",
            },
            "replaced": {
                "id": "communication.groups",
                "section": "communication",
                "title": "Lukkede grupper",
                "text": "Kredsens egen tekst om lukkede grupper.",
            },
        },
    )
    result = build_md(run, tmp_path, folder)
    assert result.exit_code == 0, result.stdout
    text = (tmp_path / "out" / "soendervang-skole.md").read_text(encoding="utf-8")
    assert "Ring til kredsen på 75 52 04 11." in text
    assert "Kredsens egen tekst om lukkede grupper." in text
    assert "skal være lukkede grupper i Aula" not in text  # the library's own text of the clause
    record = json.loads((tmp_path / "out" / "soendervang-skole.record.json").read_text(encoding="utf-8"))
    origins = {clause["id"]: clause["origin"] for clause in record["clauses"]}
    assert origins["kreds.hotline"] == str(folder)
    assert origins["communication.groups"] == str(folder)
    assert origins["harassment.steps"].endswith("clauses/social-media")


def test_overlay_removes_and_adds_options(tmp_path: Path, run: Callable[..., object]) -> None:
    folder = overlay(
        tmp_path,
        {
            "added": {
                "id": "kreds.note",
                "section": "kreds",
                "title": "Kredsens bemærkning",
                "text": "Telefontid: {{ choices.kreds.phone_hours }}.",
            }
        },
        {
            "overlay.yaml": """\
                remove: [communication.groups]
                sections:
                  - id: kreds
                    part: body
                    after: harassment
                    title: {da: Kredsens bemærkninger, en: Notes from the union branch}
            """,
            "options.yaml": """\
                choices.kreds.phone_hours:
                  type: text
                  section: kreds
                  default: "kl. 8-15"
                  label: {da: Telefontid, en: Telephone hours}
                  help: {da: Kredsens telefontid., en: The branch's telephone hours.}
            """,
        },
    )
    school = tmp_path / "school.yaml"
    school.write_text(
        facts_yaml("school:\n  name: Engskolen\nchoices:\n  kreds:\n    phone_hours: kl. 9-14\n"), encoding="utf-8"
    )
    result = build_md(run, tmp_path, folder, school)
    assert result.exit_code == 0, result.stdout
    text = (tmp_path / "out" / "engskolen.md").read_text(encoding="utf-8")
    assert "Telefontid: kl. 9-14." in text
    assert "skal være lukkede grupper i Aula" not in text  # communication.groups removed
    assert "Kommunikation med elever og forældre" in text  # its section stays, with the other clauses
    harassment, closing = "Trusler, mobning og chikane mod medarbejdere", "Kontakter, vedtagelse og revision"
    assert text.index(harassment) < text.index("Kredsens bemærkninger") < text.index(closing)


def test_overlay_named_in_the_options_file(tmp_path: Path, run: Callable[..., object]) -> None:
    overlay(
        tmp_path,
        {"added": {"id": "kreds.hotline", "section": "harassment", "title": "Telefon", "text": "Ring til kredsen."}},
    )
    school = tmp_path / "school.yaml"
    school.write_text(facts_yaml("clauses: overlay\nschool:\n  name: Engskolen\n"), encoding="utf-8")
    result = run("build", school, "-o", tmp_path / "out", "-f", "md")
    assert result.exit_code == 0, result.stderr
    assert "Ring til kredsen." in (tmp_path / "out" / "engskolen.md").read_text(encoding="utf-8")


def test_overlay_mistakes_are_clear(tmp_path: Path, run: Callable[..., object]) -> None:
    folder = overlay(
        tmp_path,
        {"bad": {"id": "kreds.x", "section": "nowhere", "title": "X", "text": "X"}},
        {
            "overlay.yaml": "remove: [communication.group]\n",
            "options.yaml": """\
                choices.platform:
                  type: text
                  section: communication
                  label: {da: Platform, en: Platform}
                  help: {da: x, en: x}
                choices.kreds.level:
                  type: choice
                  section: communication
                  label: {da: Niveau, en: Level}
                  help: {da: x, en: x}
            """,
        },
    )
    school = tmp_path / "school.yaml"
    school.write_text(facts_yaml("clauses: overlay\nschool:\n  name: Engskolen\n"), encoding="utf-8")
    result = run("validate", school)
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert (
        f"Error: {folder}/overlay.yaml: remove: there is no clause 'communication.group' in the library; "
        "did you mean 'communication.groups'?" in lines
    )
    assert (
        f"Error: {folder}/options.yaml: choices.platform: the library already defines this option; an overlay "
        "can only add options" in lines
    )
    assert f"Error: {folder}/clauses/bad.yaml: kreds.x: unknown section 'nowhere'" in lines
    assert any("choices.kreds.level: a choice or bool option needs `choices`" in line for line in lines)


def test_a_folder_that_is_not_an_overlay_is_named_at_its_line(tmp_path: Path, run: Callable[..., object]) -> None:
    """The mistake is in the options file (the wrong folder named), so the message points there."""
    (tmp_path / "photos").mkdir()
    school = tmp_path / "school.yaml"
    school.write_text(facts_yaml("school:\n  name: Engskolen\nclauses: [photos]\n"), encoding="utf-8")
    result = run("validate", school)
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: {school}:3: clauses: 'photos' is not an overlay: it has no overlay.yaml, options.yaml or clauses/\n"
    )
    given = run("build", DEFAULTS_EXAMPLE, "--clauses", tmp_path / "photos", "-o", tmp_path / "out", "-f", "md",
                "--lang", "en")
    assert given.exit_code == 2  # named on the command line: the message names the folder
    folder = tmp_path / "photos"
    assert given.stderr == f"Error: {folder}: not an overlay: it has no overlay.yaml, options.yaml or clauses/\n"
    danish = run("build", DEFAULTS_EXAMPLE, "--clauses", folder, "-o", tmp_path / "out", "-f", "md")
    assert danish.stderr == (
        f"Fejl: {folder}: ikke et tillæg: mappen har hverken overlay.yaml, options.yaml eller clauses/\n"
    )
    assert not (tmp_path / "out").exists()


def test_yaml_files_the_overlay_does_not_read_are_named(tmp_path: Path, run: Callable[..., object]) -> None:
    """A clause file beside overlay.yaml (where the README's wording once suggested) used to be left out silently."""
    fields = {"id": "kreds.hotline", "section": "harassment", "title": "Telefon", "text": "Ring til kredsen."}
    folder = overlay(tmp_path, {"read": fields}, {"overlay.yaml": "remove: []\n"})
    (folder / "venner.yaml").write_text(CLAUSE.format(**{**fields, "id": "kreds.friends"}), encoding="utf-8")
    (folder / "options.yml").write_text("{}\n", encoding="utf-8")
    (folder / "clauses" / "also.yml").write_text(CLAUSE.format(**{**fields, "id": "kreds.also"}), encoding="utf-8")
    (folder / ".github" / "workflows").mkdir(parents=True)
    (folder / ".github" / "workflows" / "ci.yaml").write_text("on: push\n", encoding="utf-8")
    (folder / "README.md").write_text("Kredsens tillæg\n", encoding="utf-8")
    school = tmp_path / "school.yaml"
    school.write_text(facts_yaml("clauses: overlay\nschool:\n  name: Engskolen\n"), encoding="utf-8")
    expected = [
        f"{folder}/clauses/also.yml: not read: clause files end in .yaml",
        f"{folder}/options.yml: not read: name it options.yaml",
        f"{folder}/venner.yaml: not read: an overlay's clause files go in its clauses/ folder (beside it, only "
        "overlay.yaml and options.yaml are read)",
    ]
    result = run("validate", school)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == "".join(f"Warning: {line}\n" for line in expected)
    strict = run("validate", school, "--strict")
    assert (strict.exit_code, strict.stderr) == (2, "".join(f"Error: {line}\n" for line in expected))


def test_a_closing_section_placed_after_a_guidance_section_stays_in_the_closing_part(
    tmp_path: Path, run: Callable[..., object]
) -> None:
    from generator.pipeline import default_library

    sections = default_library().meta.sections
    guidance = next(section.id for section in sections if section.part == "body")
    fields = {"id": "kreds.note", "section": "kreds", "title": "Kredsens note", "text": "Kredsens tekst."}
    folder = overlay(
        tmp_path, {"note": fields},
        {"overlay.yaml": f"sections:\n  - id: kreds\n    part: closing\n    after: {guidance}\n"
                         "    title: {da: Kredsens bemærkninger, en: Notes from the union branch}\n"},
    )
    result = build_md(run, tmp_path, folder)
    assert result.exit_code == 0, result.stdout
    text = (tmp_path / "out" / "soendervang-skole.md").read_text(encoding="utf-8")
    headings = [line.split(" ", 2)[2] for line in text.splitlines() if line.startswith("## ") and line[3].isdigit()]
    library = default_library()
    parts = {section.title["da"]: section.part for section in library.meta.sections}
    parts["Kredsens bemærkninger"] = "closing"
    order = [parts[heading] for heading in headings]
    assert order == sorted(order, key=["body", "closing"].index)  # every part in one piece
    assert order.index("closing") == headings.index("Kredsens bemærkninger")  # first among the closing sections
    message = (f"{folder}/overlay.yaml: sections.kreds.after: '{guidance}' is a body section and a closing "
               "section stays among the closing sections, so 'kreds' is placed first among them")
    school = tmp_path / "school.yaml"
    school.write_text(facts_yaml("clauses: overlay\nschool:\n  name: Engskolen\n"), encoding="utf-8")
    assert run("validate", school).stderr == f"Warning: {message}\n"
    strict = run("validate", school, "--strict")
    assert (strict.exit_code, strict.stderr) == (2, f"Error: {message}\n")
