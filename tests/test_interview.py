"""`policygen interview`: the questions in order, driven end to end through a pseudo-terminal."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import docx
import pexpect
import pytest

from generator.frontends.interview import (
    FACT_SECTIONS,
    applies,
    check_values,
    load_answers,
    questions,
    starting_values,
    suggested,
)
from generator.library.model import OptionDef
from generator.load import parse_yaml
from generator.pipeline import default_library, load_choices
from tests.conftest import EXAMPLES, ROOT

LIBRARY = default_library()
DOWN, UP = "\x1b[B", "\x1b[A"
KILL_LINE = "\x15"  # Ctrl+U: empty the answer before typing a new one
CONTACT_WORDS = {"name": "navn", "title": "titel", "phone": "telefon", "email": "e-mail"}
ANSWERS: dict[str, Any] = {
    "school.name": "Testskole <b>&</b>",
    "school.municipality": "Vejle Kommune",
    "contacts.union": {"name": "Vejle Lærerkreds"},  # the facts the library asks for, never proposes
    "choices.platform": "Aula",
    "choices.incident_system": "SafetyNet",
    "choices.scope": "teachers",
    "choices.earlier_rules.exists": True,
    "choices.earlier_rules.title": "Retningslinjer for sociale medier, 2021",
    "choices.friendships.current_pupils": "own-judgement",
    "choices.availability.response_time": "one-working-day",
    "choices.photos.enabled": False,
}


# ---- the questions, without a terminal ----------------------------------------------------


def test_questions_start_with_the_school_facts_then_follow_the_sections() -> None:
    order = questions(LIBRARY)
    assert {option.key for option in order} == set(LIBRARY.options)
    facts = [option.section for option in order if option.section in FACT_SECTIONS]
    assert facts == sorted(facts, key=FACT_SECTIONS.index)
    assert all(option.section in FACT_SECTIONS for option in order[: len(facts)])
    ranks = [LIBRARY.section_index[option.section] for option in order[len(facts) :]]
    assert ranks == sorted(ranks)
    assert order[0].key == "school.name"


def test_a_question_is_asked_only_when_it_applies() -> None:
    values = starting_values(LIBRARY)
    title = LIBRARY.options["choices.earlier_rules.title"]
    assert not applies(title, values)
    assert applies(title, {**values, "choices.earlier_rules.exists": True})


def test_a_new_interview_proposes_the_recommendations() -> None:
    """... and, as `init` does, the day it is held as the draft's date (a default of "today")."""
    values = starting_values(LIBRARY)
    for key, option in LIBRARY.options.items():
        expected = option.recommended if option.recommended is not None else option.default
        if option.type == "date" and expected == "today":
            expected = dt.date.today()
        assert values[key] == expected, key


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda path: path.stem)
def test_an_existing_file_is_the_starting_point(example: Path) -> None:
    """Starting from a file and changing nothing gives a file that means the same."""
    values = load_answers(LIBRARY, example)
    checked = check_values(LIBRARY, "da", values, base_dir=example.parent)
    assert checked.errors == []
    _, original = load_choices(example)
    assert checked.choices is not None
    assert meaning(checked.choices.values) == meaning(original.values)


def meaning(values: dict[str, Any]) -> dict[str, Any]:
    """Values with a contact's empty fields dropped (`phone: ""` says no more than no phone)."""
    return {key: {k: v for k, v in value.items() if v} if isinstance(value, dict) else value
            for key, value in values.items()}


def test_an_answer_is_refused_with_the_message_validate_prints() -> None:
    values = {**starting_values(LIBRARY), "school.name": "Skole", "policy.version": "x" * 25}
    checked = check_values(LIBRARY, "da", values, base_dir=ROOT)
    assert checked.message_for("policy.version") == "is 25 characters long; the limit is 20"
    assert checked.message_for("policy.version", "da") == "teksten er på 25 tegn; der må højst være 20"
    assert checked.message_for("school.name") is None


# ---- the terminal ---------------------------------------------------------------------------


def test_without_a_terminal_it_points_to_init(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "generator", "interview", "skole.yaml", "--lang", "en"],
        stdin=subprocess.DEVNULL, capture_output=True, text=True, cwd=tmp_path,
    )
    assert result.returncode == 2
    assert result.stderr == (
        "Error: policygen interview: standard input is not a terminal, so no questions can be asked; "
        "run `policygen init skole.yaml` and edit the file instead\n"
    )
    danish = subprocess.run(  # the interview's own language, Danish unless told otherwise
        [sys.executable, "-m", "generator", "interview", "skole.yaml"],
        stdin=subprocess.DEVNULL, capture_output=True, text=True, cwd=tmp_path,
    )
    assert (danish.returncode, danish.stderr) == (2, (
        "Fejl: policygen interview: standardinput er ikke en terminal, så der kan ikke stilles spørgsmål; "
        "kør i stedet `policygen init skole.yaml`, og ret filen\n"
    ))
    assert not (tmp_path / "skole.yaml").exists()


def spawn(tmp_path: Path) -> pexpect.spawn:
    env = {**os.environ, "PROMPT_TOOLKIT_NO_CPR": "1", "TERM": "xterm", "COLUMNS": "160", "LINES": "50"}
    env.pop("SOURCE_DATE_EPOCH", None)
    return pexpect.spawn(
        sys.executable, ["-m", "generator", "interview", "skole.yaml"], cwd=str(tmp_path), env=env,
        encoding="utf-8", dimensions=(50, 160), timeout=30,
    )


def prompt(label: str) -> str:
    """A question's prompt line: its progress mark, then its label (styles may sit between)."""
    return r"\(\d+/\d+\)(?:\x1b\[[0-9;?]*[A-Za-z]|\s)*" + re.escape(label)


def on_screen(text: str) -> str:
    """`text` as the terminal draws it: terminal codes may stand where it has spaces."""
    return r"(?:\x1b\[[0-9;?]*[A-Za-z]|\s)+".join(re.escape(word) for word in text.split())


def answer_all(
    child: pexpect.spawn, start: dict[str, Any], answers: dict[str, Any], until: str | None = None
) -> dict[str, Any]:
    """Answer every question that applies, in order, as a person at the keyboard would (up to the
    question `until`, which is left on the screen unanswered)."""
    values = dict(start)
    for option in questions(LIBRARY):
        if not applies(option, values):
            continue
        label = option.label["da"]
        if option.key == until:
            child.expect(prompt(label))
            return values
        if option.type == "contact":
            given = answers.get(option.key, {})
            for field, word in CONTACT_WORDS.items():
                child.expect(prompt(f"{label}: {word}"))
                child.send(KILL_LINE + given[field] + "\r" if field in given else "\r")
            values[option.key] = {**(values[option.key] or {}), **given}
            continue
        child.expect(prompt(label))
        values[option.key] = answer_one(child, option, values[option.key], answers)
    return values


def answer_one(child: pexpect.spawn, option: OptionDef, current: Any, answers: dict[str, Any]) -> Any:
    if option.key not in answers:
        child.send("\r")
        return current
    wanted = answers[option.key]
    if option.choices:
        names = list(option.choices)
        steps = names.index(wanted) - names.index(current)
        child.send((DOWN * steps if steps > 0 else UP * -steps) + "\r")
    else:
        child.send(KILL_LINE + wanted + "\r")
    return wanted


@pytest.fixture(scope="module")
def interviewed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One interview: a few answers typed, the rest accepted, then built."""
    folder = tmp_path_factory.mktemp("interview")
    child = spawn(folder)
    answer_all(child, starting_values(LIBRARY), ANSWERS)
    child.expect("Skrev skole.yaml")
    child.expect(r"Byg politikken nu")
    child.send("\r")  # Ja
    child.expect(r"Skrev out/testskole-b-b\.docx", timeout=120)
    child.expect(pexpect.EOF, timeout=120)
    child.close()
    assert child.exitstatus == 0, child.before
    return folder


def test_the_file_it_writes_holds_the_answers_and_validates(interviewed: Path) -> None:
    path = interviewed / "skole.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Valg for skolens politik")
    assert "policygen build skole.yaml" in text
    _, choices = load_choices(path)
    assert choices.warnings == [] or all("recommendation" in p.message for p in choices.warnings)
    for key, value in ANSWERS.items():
        assert meaning({key: choices.values[key]}) == {key: value}, key
    assert choices.values["choices.friendships.former_pupils"] == "finished-school"  # accepted as proposed
    assert choices.values["policy.date"] == dt.date.today()  # the day of the interview, as proposed
    assert "choices.photos.publish" not in choices.values  # not asked: photos are left out


def test_the_policy_it_builds_follows_the_answers(interviewed: Path) -> None:
    document = docx.Document(str(interviewed / "out" / "testskole-b-b.docx"))
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert "Testskole <b>&</b>" in text
    assert "Medarbejderne afgør selv, om de vil være venner med skolens nuværende elever" in text
    assert "senest én af medarbejderens arbejdsdage" in text
    assert "Retningslinjer for sociale medier, 2021" in text
    assert "Billeder af elever" not in text  # the section's photo clauses are left out
    assert "Vejle Lærerkreds" in text
    assert (interviewed / "out" / "testskole-b-b.pdf").read_bytes().startswith(b"%PDF")


def test_running_it_again_starts_from_the_file(interviewed: Path) -> None:
    path = interviewed / "skole.yaml"
    before = path.read_bytes()
    start = load_answers(LIBRARY, path)
    assert start["choices.friendships.current_pupils"] == "own-judgement"
    child = spawn(interviewed)
    child.expect(prompt("Skolens navn") + r"[^\n]*?" + re.escape("Testskole <b>&</b>"))  # the file's answer
    child.send("\r")
    rest = {key: option for key, option in LIBRARY.options.items() if key != "school.name"}
    values = {**start}
    for option in questions(LIBRARY):
        if option.key not in rest or not applies(option, values):
            continue
        if option.type == "contact":
            for word in CONTACT_WORDS.values():
                child.expect(prompt(f"{option.label['da']}: {word}"))
                child.send("\r")
            continue
        child.expect(prompt(option.label["da"]))
        child.send("\r")
    child.expect(r"Byg politikken nu")
    child.send(DOWN + "\r")  # Nej
    child.expect("Byg den senere med: policygen build skole.yaml")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert path.read_bytes() == before


def test_suggested_copies_mappings() -> None:
    """A contact with a default (an overlay's, say: the library presets none) is proposed as a copy."""
    union = LIBRARY.options["contacts.union"].model_copy(update={"default": {"name": "Kolding Lærerkreds"}})
    first = suggested(union)
    first["name"] = "changed"
    assert suggested(union) == {"name": "Kolding Lærerkreds"}


def test_the_options_file_is_the_one_init_writes(interviewed: Path) -> None:
    from generator.frontends.options_file import render_options_file

    path = interviewed / "skole.yaml"
    values = load_answers(LIBRARY, path)
    assert path.read_text(encoding="utf-8") == render_options_file(LIBRARY, "da", values, file_name="skole.yaml")
    assert parse_yaml(path.read_text(encoding="utf-8"), "skole.yaml").data["language"] == "da"


def test_a_wrong_answer_is_explained_in_the_interviews_language(tmp_path: Path) -> None:
    child = spawn(tmp_path)
    child.expect(prompt("Skolens navn"))
    child.send(KILL_LINE + "x" * 130 + "\r")
    child.expect(on_screen("Teksten er på 130 tegn; der må højst være 120"))
    child.send(KILL_LINE + "Testskole\r")
    child.expect(prompt(LIBRARY.options["school.municipality"].label["da"]))
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child.close()
    assert not (tmp_path / "skole.yaml").exists()


def test_a_new_file_proposes_today_for_the_drafts_date_never_the_word() -> None:
    """`default: today` is the day the file is made, in `init`, the interview and the web page alike."""
    option = default_library().options["policy.date"]
    assert suggested(option) == dt.date.today()
    assert starting_values(default_library())["policy.date"] == dt.date.today()


def test_an_empty_union_name_is_refused_at_the_name_question(tmp_path: Path) -> None:
    """validate puts a required contact's error at the contact (contacts.union); the name question sees it."""
    library = default_library()
    values = starting_values(library)
    values.update({"school.name": "Engskolen", "choices.platform": "Aula", "choices.incident_system": "SafetyNet",
                   "contacts.union": {"name": "", "phone": "12 34 56 78"}})
    checked = check_values(library, "da", values, base_dir=tmp_path)
    assert checked.message_for("contacts.union.name", "da", also="contacts.union") == (
        "skal udfyldes: Lærernes fagforening"
    )
    assert checked.message_for("contacts.union.phone", "da") is None


FACTS = {key: ANSWERS[key] for key in ("contacts.union", "choices.platform", "choices.incident_system")}


def test_an_answer_that_departs_from_the_recommendation_is_said_so(tmp_path: Path) -> None:
    """As `validate` and the web page say it: the same check, in the interview's language."""
    child = spawn(tmp_path)
    key = "choices.friendships.work_relations"  # the guidance's own recommendation: advised against
    answer_all(child, starting_values(LIBRARY), {"school.name": "Testskole", **FACTS}, until=key)
    option = LIBRARY.options[key]
    names = list(option.choices or {})
    steps = names.index(option.recommended) - names.index("not-allowed")
    child.send(UP * steps + "\r")  # the first alternative, not the recommended one
    recommended = option.choices[option.recommended].label["da"]  # type: ignore[index]
    child.expect(on_screen(f"Bemærk: Svaret fraviger vejledningens anbefaling (anbefalet: {recommended})"))
    child.expect(r"\(\d+/\d+\)")  # the next question is drawn: Ctrl+C now reaches its prompt, not the gap
    child.sendcontrol("c")
    child.expect("Afbrudt.")
    child.expect(pexpect.EOF)
    child.close()


def test_a_logo_folder_and_ctrl_c_in_danish(tmp_path: Path) -> None:
    """The file messages and the Ctrl+C line are in the interview's language, not click's English."""
    (tmp_path / "logo.png").mkdir()
    child = spawn(tmp_path)
    child.logfile_read = io.StringIO()  # everything the terminal shows
    answer_all(child, starting_values(LIBRARY), {"school.name": "Testskole", **FACTS}, until="school.logo")
    child.send("logo.png\r")
    child.expect(on_screen("»logo.png« er en mappe, ikke en billedfil"))
    child.send(KILL_LINE + "mangler.png\r")
    child.expect(on_screen("Filen findes ikke: »mangler.png«"))
    child.sendcontrol("c")
    child.expect("Afbrudt.")
    child.expect(pexpect.EOF)
    child.close()
    assert "Aborted" not in child.logfile_read.getvalue()
    assert child.exitstatus == 1
    assert not (tmp_path / "skole.yaml").exists()
