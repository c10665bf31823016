"""Each choice changes the policy text as its consequence text promises."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import clause_text, document_for

# option, value, clause, text that must be there, text of the other choices that must not
CASES = [
    ("choices.scope", "teachers", "scope.staff", "Politikken gælder for lærerne på Søndervang Skole",
     "pædagogiske assistenter"),
    ("choices.scope", "all-staff", "scope.staff", "gælder for alle medarbejdere på Søndervang Skole: lærere, pædagoger",
     "Når politikken taler om medarbejdere, menes lærerne"),
    ("choices.friendships.current_pupils", "not-allowed", "friendships.current-pupils",
     "er ikke venner med skolens nuværende elever", "fraråder"),
    ("choices.friendships.current_pupils", "advised-against", "friendships.current-pupils",
     "fraråder medarbejdere at være venner med skolens nuværende elever", "vurderer selv"),
    ("choices.friendships.current_pupils", "own-judgement", "friendships.current-pupils",
     "vurderer selv, om de vil være venner med skolens nuværende elever", "fraråder"),
    ("choices.friendships.former_pupils", "allowed", "friendships.former-pupils",
     "Venskaber med tidligere elever er medarbejderens eget valg", "fraråder"),
    ("choices.friendships.former_pupils", "advised-against", "friendships.former-pupils",
     "fraråder også medarbejdere at være venner med tidligere elever", "eget valg"),
    ("choices.friendships.work_relations", "not-allowed", "friendships.work-relations",
     "er ikke venner med disse personer", "fraråder"),
    ("choices.friendships.work_relations", "advised-against", "friendships.work-relations",
     "fraråder medarbejdere at være venner med disse personer", "vurderer selv"),
    ("choices.friendships.work_relations", "own-judgement", "friendships.work-relations",
     "vurderer selv, om de vil være venner med disse personer", "fraråder"),
    ("choices.messaging.beyond_neutral", False, "communication.messaging",
     "kun sms, mms og beskedtjenester til helt neutrale meddelelser", "personlige beskeder"),
    ("choices.messaging.beyond_neutral", True, "communication.messaging",
     "korte, personlige beskeder til en elev eller en forælder", "helt neutrale"),
    ("choices.groups.second_adult", "required", "communication.second-adult",
     "er aldrig den eneste voksne i en gruppe med elever", "bør ikke"),
    ("choices.groups.second_adult", "recommended", "communication.second-adult",
     "bør ikke være den eneste voksne", "aldrig"),
    ("choices.earlier_rules.exists", False, "rules.earlier-rules",
     "har ikke tidligere haft skrevne regler", "afløser"),
]


@pytest.mark.parametrize(("option", "value", "clause", "present", "absent"), CASES)
def test_choice_changes_text(
    tmp_path: Path, option: str, value: object, clause: str, present: str, absent: str
) -> None:
    text = clause_text(document_for(tmp_path, **{option.replace(".", "__"): value}), clause)
    assert present in text
    assert absent not in text


@pytest.mark.parametrize(
    ("relation", "present"),
    [("replaces", "Politikken afløser de tidligere regler"), ("supplements", "gælder fortsat ved siden af")],
)
def test_earlier_rules_named_with_relation(tmp_path: Path, relation: str, present: str) -> None:
    document = document_for(
        tmp_path,
        choices__earlier_rules__exists=True,
        choices__earlier_rules__title="Retningslinjer for IT 2019",
        choices__earlier_rules__relation=relation,
    )
    text = clause_text(document, "rules.earlier-rules")
    assert "»Retningslinjer for IT 2019«" in text
    assert present in text


def test_platform_and_incident_system_are_named(tmp_path: Path) -> None:
    document = document_for(
        tmp_path, choices__platform="ForældreIntra", choices__incident_system="Arbejdsmiljøportalen"
    )
    assert "ForældreIntra" in clause_text(document, "communication.platform")
    assert "Registrér hændelsen i Arbejdsmiljøportalen." in clause_text(document, "harassment.steps")
    assert "AULA" not in clause_text(document, "communication.platform")


def test_union_named_in_last_step(tmp_path: Path) -> None:
    document = document_for(tmp_path, contacts__union={"name": "Trekantens Lærerkreds"}, choices__scope="teachers")
    assert "Kontakt Trekantens Lærerkreds" in clause_text(document, "harassment.steps")
