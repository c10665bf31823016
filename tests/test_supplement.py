"""The optional clauses beyond the guidance: switched on and off, and their choices."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.build import default_library
from tests.helpers import clause_text, document_for

SECTIONS = {
    "photos": "choices__photos__enabled",
    "profiles": "choices__profiles__enabled",
    "expression": "choices__expression__enabled",
    "availability": "choices__availability__enabled",
    "parent-groups": "choices__parent_groups__enabled",
    "staff-online": "choices__staff_online__enabled",
    "pupil-bullying": "choices__pupil_bullying__enabled",
    "official-accounts": "choices__official_accounts__enabled",
}


@pytest.mark.parametrize("section", list(SECTIONS))
def test_section_on_and_off(tmp_path: Path, section: str) -> None:
    on = document_for(tmp_path, **{SECTIONS[section]: True})
    off = document_for(tmp_path, **{SECTIONS[section]: False})
    assert section in [s.id for s in on.sections]
    assert section not in [s.id for s in off.sections]


def test_all_off_drops_the_introduction(tmp_path: Path) -> None:
    document = document_for(tmp_path, **{key: False for key in SECTIONS.values()})
    assert not [s for s in document.sections if s.part == "supplement"]


def test_supplement_kept_apart_from_the_guidance(tmp_path: Path) -> None:
    document = document_for(tmp_path)
    parts = [section.part for section in document.sections]
    assert parts == sorted(parts, key=["guidance", "supplement", "closing"].index)
    first = next(s for s in document.sections if s.part == "supplement")
    assert first.clauses[0].id == "supplement.introduction"
    assert "går videre end vejledningen" in clause_text(document, "supplement.introduction")
    library = default_library()
    for clause in library.clauses:
        section = next(s for s in library.meta.sections if s.id == clause.section)
        assert (clause.status == "optional") == (section.part == "supplement"), clause.id


CASES = [
    ("school__type", "public", "photos.basis", "er en offentlig skole", "fri skole"),
    ("school__type", "free-private", "photos.basis", "er en fri skole og ikke en offentlig myndighed",
     "er en offentlig skole"),
    ("choices__photos__publish", "platform-only", "photos.sharing", "De bruges ikke på skolens hjemmeside",
     "Derudover må skolens hjemmeside"),
    ("choices__photos__publish", "platform-and-official", "photos.sharing", "Derudover må skolens hjemmeside",
     "De bruges ikke på skolens hjemmeside"),
    ("choices__profiles__private_for_school", "not-allowed", "profiles.private",
     "Medarbejdere bruger ikke private profiler til skolesager", "Ledelsen kan i en konkret sag"),
    ("choices__profiles__private_for_school", "leader-approval", "profiles.private",
     "Ledelsen kan i en konkret sag give lov", "Medarbejdere bruger ikke private profiler"),
    ("choices__availability__response_time", "one-working-day", "availability.response-time",
     "Fristen er én arbejdsdag.", "to arbejdsdage"),
    ("choices__availability__response_time", "two-working-days", "availability.response-time",
     "Fristen er to arbejdsdage.", "én arbejdsdag"),
    ("choices__availability__response_time", "three-working-days", "availability.response-time",
     "Fristen er tre arbejdsdage.", "to arbejdsdage"),
    ("choices__parent_groups__staff_participation", "do-not-join", "parent-groups.staff",
     "melder sig ikke ind i forældrenes grupper", "som privatpersoner"),
    ("choices__parent_groups__staff_participation", "private-person", "parent-groups.staff",
     "må være med i forældrenes grupper og chats som privatpersoner", "melder sig ikke ind"),
    ("choices__official_accounts__who_posts", "leadership", "official-accounts.who-posts",
     "Kun skolens ledelse skriver", "udpeget"),
    ("choices__official_accounts__who_posts", "appointed-staff", "official-accounts.who-posts",
     "Ledelsen fører en liste over, hvem der er udpeget", "Alle medarbejdere må"),
    ("choices__official_accounts__who_posts", "all-staff", "official-accounts.who-posts",
     "Alle medarbejdere må lægge indhold op", "Kun skolens ledelse"),
]


@pytest.mark.parametrize(("option", "value", "clause", "present", "absent"), CASES)
def test_choice_changes_text(tmp_path: Path, option: str, value: str, clause: str, present: str, absent: str) -> None:
    text = clause_text(document_for(tmp_path, **{option: value}), clause)
    assert present in text
    assert absent not in text


def test_outside_hours_clause_follows_its_choice(tmp_path: Path) -> None:
    on = document_for(tmp_path, choices__availability__no_answer_outside_hours=True)
    off = document_for(tmp_path, choices__availability__no_answer_outside_hours=False)
    assert "forventes ikke at læse eller besvare beskeder uden for deres arbejdstid" in clause_text(
        on, "availability.outside-hours"
    )
    assert "availability.outside-hours" not in [c.id for c in off.iter_clauses()]


def test_expression_text_follows_school_type(tmp_path: Path) -> None:
    public = [c.id for c in document_for(tmp_path, school__type="public").iter_clauses()]
    free = [c.id for c in document_for(tmp_path, school__type="free-private").iter_clauses()]
    assert "expression.public-employees" in public and "expression.free-schools" not in public
    assert "expression.free-schools" in free and "expression.public-employees" not in free
