"""The messages about a school's answers, in both languages (generator/messages/answers.py).

Every message in the catalogue is reached here by a real answer, checked as the web
page and the interview check it; each must read differently in Danish and English,
with every value filled in. The command line's English wording is unchanged.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from generator.errors import Problem
from generator.frontends.answers import answer, load_setup
from generator.messages import WORDS
from generator.messages.answers import ANSWERS

SETUP = load_setup(None, "da")

# One answer that gets each message (keys of the options file, as the web form gives them).
CASES: dict[str, dict[str, Any]] = {
    "required": {"school.name": ""},
    "too_long": {"policy.version": "x" * 1_025},
    "unprintable": {"school.name": "Skole\x07"},
    "template_like": {"policy.version": "{{ version }}"},
    "not_in_calendar": {"policy.status": "adopted", "policy.adopted": "2026-02-30"},
    "date_format": {"policy.status": "adopted", "policy.adopted": "1/12/2026"},
    "not_bool": {"choices.photos.enabled": "maybe"},
    "not_one_of": {"choices.scope": "everyone"},
    "departs_guidance": {"choices.friendships.work_relations": "not-allowed"},
    "departs_library": {"choices.photos.enabled": False},
    "missing_glyph": {"school.name": "学校"},
}
# Reached with a fixture library in test_printed_values: every value the real library prints is a
# required fact or printed only when given, so no answer to it can get this message.
REACHED_ELSEWHERE = {"printed_empty"}


# A school's own facts, which the suggestions leave empty (and the draft's date).
FACTS = {
    "school.name": "Sønderskov Skole",
    "choices.platform": "Aula",
    "choices.incident_system": "SafetyNet",
    "contacts.union": {"name": "Kolding Lærerkreds"},
    "policy.date": dt.date(2026, 11, 30),
}


def problems_for(changes: dict[str, Any], language: str = "da") -> list[Problem]:
    values = {**SETUP.start, **FACTS, **changes}
    checked = answer(SETUP, language, values).checked
    return [*checked.errors, *checked.warnings]


def test_every_message_has_both_languages() -> None:
    for name, wordings in {**ANSWERS, **WORDS}.items():
        assert set(wordings) == {"da", "en"}, name


@pytest.mark.parametrize("message_id", sorted(set(ANSWERS) - REACHED_ELSEWHERE))
def test_each_message_is_reached_and_worded_in_both_languages(message_id: str) -> None:
    found = [p for p in problems_for(CASES[message_id]) if p.said is not None and p.said.id == message_id]
    assert found, f"no answer in CASES gets {message_id!r}"
    for problem in found:
        danish, english = problem.in_language("da"), problem.in_language("en")
        assert english == problem.message  # the command line's wording
        assert danish != english
        assert not re.search(r"[{}]\w", danish.replace("{{", "").replace("{%", "")), danish  # every value filled in


def test_the_danish_wording_of_a_clause_and_a_count() -> None:
    glyph, _ = [p for p in problems_for(CASES["missing_glyph"]) if p.key == "school.name"]  # 学 and 校
    assert glyph.in_language("da") == (
        "PDF-filens skrifttyper kan ikke vise tegnet »学« (U+5B66 CJK UNIFIED IDEOGRAPH-5B66) (i skolens navn), "
        "så PDF-filen kan ikke laves (DOCX, HTML og Markdown kan); erstat eller fjern tegnet"
    )
    [long] = [p for p in problems_for({"policy.version": "x" * 1_025}) if p.key == "policy.version"]
    assert long.in_language("da") == "teksten er på 1.025 tegn; der må højst være 20"  # Danish thousands
    assert long.in_language("en") == "is 1,025 characters long; the limit is 20"


def test_danish_quotes_what_was_typed() -> None:
    [wrong] = [p for p in problems_for(CASES["date_format"]) if p.key == "policy.adopted"]
    assert wrong.in_language("da") == "skriv datoen som ÅÅÅÅ-MM-DD (fx 2026-12-01), ikke »1/12/2026«"
    assert wrong.in_language("en") == "expected a date as YYYY-MM-DD (e.g. 2026-12-01) but received '1/12/2026'"


def test_the_file_and_line_stay_with_the_message_in_either_language() -> None:
    [required] = [p for p in problems_for(CASES["required"]) if p.key == "school.name"]
    assert required.located("da") == f"{required.file}:{required.line}: school.name: skal udfyldes: Skolens navn"
    assert str(required) == f"{required.file}:{required.line}: school.name: is required: Skolens navn"
