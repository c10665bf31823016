"""Each choice changes the policy text as its consequence text promises, and only so."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from generator.pipeline import default_library
from tests.helpers import clause_text, document_for

# (option, value, the clause it changes, text that must be there, text of the other choices that
# must not be, other values the case needs). `None` as the text: the clause is not in the policy.
CASES: list[tuple[str, Any, str, str | None, str | None, dict[str, Any]]] = [
    ("school.type", "public", "confidentiality.personal-data", "Kolding Kommune er dataansvarlig",
     "Skolen er selv dataansvarlig", {}),
    ("school.type", "free-private", "confidentiality.personal-data", "Skolen er selv dataansvarlig",
     "Kommune er dataansvarlig", {}),
    ("policy.status", "draft", "closing.adoption", "Skolelederen vedtager politikken", "har vedtaget", {}),
    ("policy.status", "adopted", "closing.adoption", "Skolelederen har vedtaget politikken 1. december 2026",
     "vedtager politikken", {"policy.adopted": "2026-12-01"}),
    ("policy.approval", "leader", "closing.adoption",
     "vedtager politikken efter drøftelse i MED-udvalget, og den gælder fra vedtagelsen.", "skolebestyrelsen", {}),
    ("policy.approval", "leader-and-board", "closing.adoption",
     "vedtager politikken efter drøftelse i MED-udvalget og i skolebestyrelsen, og den gælder fra vedtagelsen.",
     None, {}),
    ("choices.scope", "teachers", "purpose.scope", "Politikken gælder for lærerne på Søndervang Skole",
     "alle medarbejdere", {}),
    ("choices.scope", "all-staff", "purpose.scope", "Politikken gælder for alle medarbejdere på Søndervang Skole",
     "lærerne på", {}),
    ("choices.earlier_rules.exists", True, "purpose.rules", "»Regler for it 2019«", None,
     {"choices.earlier_rules.title": "Regler for it 2019"}),
    ("choices.earlier_rules.exists", False, "purpose.rules", "spørge sin nærmeste leder", "afløser", {}),
    ("choices.earlier_rules.relation", "replaces", "purpose.rules", "Politikken afløser skolens »Regler for it 2019«.",
     "gælder fortsat", {"choices.earlier_rules.exists": True, "choices.earlier_rules.title": "Regler for it 2019"}),
    ("choices.earlier_rules.relation", "supplements", "purpose.rules",
     "Skolens »Regler for it 2019« gælder fortsat; er der modstrid, har politikken forrang.",
     "afløser", {"choices.earlier_rules.exists": True, "choices.earlier_rules.title": "Regler for it 2019"}),
    ("choices.consequences.enabled", True, "purpose.consequences",
     "En overtrædelse kan efter en konkret vurdering få ansættelsesretlige følger", None, {}),
    ("choices.consequences.enabled", False, "purpose.consequences", None, None, {}),
    ("choices.messaging.beyond_neutral", False, "communication.messaging",
     "Sms må kun bruges til helt neutrale beskeder", "aftale om en samtale", {}),
    ("choices.messaging.beyond_neutral", True, "communication.messaging",
     "og til at aftale tidspunktet for en samtale. Sms til den enkelte elev må kun sendes fra en telefon, "
     "som skolen ejer",
     "Sms må kun bruges", {}),
    ("choices.groups.second_adult", "required", "communication.groups",
     "til andet end undervisning og opgaver, må en medarbejder ikke være den eneste voksne i gruppen",
     "så vidt muligt", {}),
    ("choices.groups.second_adult", "where-possible", "communication.groups",
     "bør en medarbejder ikke være den eneste voksne i gruppen; så vidt muligt skal der være en kollega mere",
     "må en medarbejder ikke", {}),
    ("choices.availability.enabled", True, "communication.availability", "senest to af medarbejderens arbejdsdage",
     None, {}),
    ("choices.availability.enabled", False, "communication.availability", None, None, {}),
    ("choices.availability.response_time", "one-working-day", "communication.availability",
     "senest én af medarbejderens arbejdsdage", "to af", {}),
    ("choices.availability.response_time", "two-working-days", "communication.availability",
     "senest to af medarbejderens arbejdsdage", "én af", {}),
    ("choices.availability.response_time", "three-working-days", "communication.availability",
     "senest tre af medarbejderens arbejdsdage", "to af", {}),
    ("choices.availability.no_answer_outside_hours", True, "communication.availability",
     "Medarbejderne har ikke pligt til at læse eller besvare beskeder uden for deres arbejdstid", None, {}),
    ("choices.availability.no_answer_outside_hours", False, "communication.availability",
     "senest to af medarbejderens arbejdsdage", "arbejdstid", {}),
    ("choices.parent_groups.enabled", True, "communication.parent-groups", "ikke skolens kanal", None, {}),
    ("choices.parent_groups.enabled", False, "communication.parent-groups", None, None, {}),
    ("choices.parent_groups.staff_participation", "own-child-only", "communication.parent-groups",
     "må kun være med i forældregrupper for de klasser og hold, de arbejder med, "
     "hvis de selv har barn eller anden familie i klassen eller på holdet",
     "som privatpersoner", {"choices.parent_groups.enabled": True}),
    ("choices.parent_groups.staff_participation", "private-person", "communication.parent-groups",
     "Medarbejderne må være med i forældregrupper som privatpersoner", "hvis de selv er forælder",
     {"choices.parent_groups.enabled": True}),
    ("choices.friendships.current_pupils", "not-allowed", "friendships.current-pupils",
     "Medarbejderne må ikke være venner med skolens nuværende elever", "fraråder", {}),
    ("choices.friendships.current_pupils", "advised-against", "friendships.current-pupils",
     "Skolen fraråder medarbejderne at være venner med skolens nuværende elever", "afgør selv", {}),
    ("choices.friendships.current_pupils", "own-judgement", "friendships.current-pupils",
     "Medarbejderne afgør selv, om de vil være venner med skolens nuværende elever", "fraråder", {}),
    ("choices.friendships.former_pupils", "finished-school", "friendships.former-pupils",
     "venner med tidligere elever, når de har afsluttet grundskolen", "18 år", {}),
    ("choices.friendships.former_pupils", "adult", "friendships.former-pupils",
     "venner med tidligere elever, når de er fyldt 18 år", "grundskolen", {}),
    ("choices.friendships.former_pupils", "advised-against", "friendships.former-pupils",
     "Skolen fraråder også medarbejderne at være venner med tidligere elever", "må være venner", {}),
    ("choices.friendships.work_relations", "not-allowed", "friendships.work-relations",
     "Medarbejderne må ikke være venner med dem på sociale medier", "fraråder", {}),
    ("choices.friendships.work_relations", "advised-against", "friendships.work-relations",
     "Skolen fraråder medarbejderne at være venner med dem", "afgør selv", {}),
    ("choices.friendships.work_relations", "own-judgement", "friendships.work-relations",
     "Medarbejderne afgør selv, om de vil være venner med dem", "fraråder", {}),
    ("choices.friendships.leaders_and_staff", True, "friendships.leaders",
     "Ledere må ikke tage initiativ til venskaber med medarbejdere", None, {}),
    ("choices.friendships.leaders_and_staff", False, "friendships.leaders", None, None, {}),
    ("choices.profiles.professional", "own-profile", "friendships.professional",
     "De må ikke oprette sider, profiler eller grupper i skolens navn", "faglig side", {}),
    ("choices.profiles.professional", "page", "friendships.professional",
     "må have en faglig side om deres fag", "må ikke oprette sider", {}),
    ("choices.photos.enabled", True, "confidentiality.photos",
     "Billeder af elever må kun tages med udstyr, som skolen stiller til rådighed",
     None, {}),
    ("choices.photos.enabled", False, "confidentiality.photos", None, None, {}),
    ("choices.photos.publish", "platform-only", "confidentiality.photo-sharing",
     "De må ikke bruges på skolens officielle kanaler.", "forældrene har givet samtykke", {}),
    ("choices.photos.publish", "with-consent", "confidentiality.photo-sharing",
     "må de kun bruges, når forældrene har givet samtykke til det", "saglige formål", {}),
    ("choices.photos.publish", "legitimate-purposes", "confidentiality.photo-sharing",
     "På skolens officielle kanaler må de bruges til saglige formål", "forældrene har givet samtykke", {}),
    ("choices.photos.deletion", "four-weeks", "confidentiality.photo-sharing",
     "Billeder, der er delt med forældrene, skal slettes senest fire uger efter, at de er delt.", "måneder", {}),
    ("choices.photos.deletion", "six-months", "confidentiality.photo-sharing",
     "Billeder, der er delt med forældrene, skal slettes senest seks måneder efter, at de er delt.", "uger", {}),
    ("choices.photos.deletion", "on-request", "confidentiality.photo-sharing",
     "Beder en forælder om, at delte billeder af sit barn slettes, "
     "skal den medarbejder, der har delt dem, slette dem straks.", "uger", {}),
    ("choices.teaching.enabled", True, "teaching.use", "kun inden for mediernes egne aldersgrænser", None, {}),
    ("choices.teaching.enabled", False, "teaching.use", None, None, {}),
    ("choices.pupil_bullying.enabled", True, "pupils.bullying", "Giv nærmeste leder besked samme dag", None, {}),
    ("choices.pupil_bullying.enabled", False, "pupils.bullying", None, None, {}),
    ("choices.official_accounts.enabled", True, "official-accounts.moderation", "debatregler", None, {}),
    ("choices.official_accounts.enabled", False, "official-accounts.moderation", None, None, {}),
    ("choices.official_accounts.who_posts", "leadership", "official-accounts.who-posts",
     "Kun ledelsen må skrive på skolens officielle kanaler", "udpeget", {}),
    ("choices.official_accounts.who_posts", "appointed-staff", "official-accounts.who-posts",
     "Ledelsen og de medarbejdere, ledelsen har udpeget, må skrive", "Alle medarbejdere må", {}),
    ("choices.official_accounts.who_posts", "all-staff", "official-accounts.who-posts",
     "Alle medarbejdere må skrive om deres undervisning", "Kun ledelsen må skrive", {}),
    ("choices.official_accounts.named_staff", "refer", "official-accounts.moderation",
     "Kritik af en navngiven medarbejder besvares med en henvisning til skolelederen",
     "kritik af en medarbejder, der nævnes ved navn", {}),
    ("choices.official_accounts.named_staff", "remove", "official-accounts.moderation",
     "kritik af en medarbejder, der nævnes ved navn eller kan genkendes",
     "Kritik af en navngiven medarbejder besvares", {}),
    ("choices.harassment.order", "guidance", "harassment.steps",
     "(afsnit 5.3).\nRegistrér hændelsen i SafetyNet.", "samme dag", {}),
    ("choices.harassment.order", "leader-first", "harassment.steps",
     "(afsnit 5.3).\nGiv nærmeste leder besked samme dag eller første arbejdsdag", None, {}),
]


def _values(option: str, value: Any, extra: dict[str, Any]) -> dict[str, Any]:
    return {key.replace(".", "__"): item for key, item in {option: value, **extra}.items()}


@pytest.mark.parametrize(("option", "value", "clause", "present", "absent", "extra"), CASES)
def test_choice_changes_text(
    tmp_path: Path, option: str, value: object, clause: str, present: str | None, absent: str | None,
    extra: dict[str, Any],
) -> None:
    document = document_for(tmp_path, **_values(option, value, extra))
    if present is None:
        assert clause not in {c.id for c in document.iter_clauses()}
        return
    text = clause_text(document, clause)
    assert present in text
    if absent is not None:
        assert absent not in text


def test_every_choice_of_every_decision_has_a_case() -> None:
    """A choice added to the library without a case here fails: each must show what it does."""
    library = default_library()
    wanted = {
        (key, value)
        for key, option in library.options.items()
        if option.choices and (key.startswith("choices.") or key in ("school.type", "policy.status", "policy.approval"))
        for value in option.choices
    }
    assert wanted - {(option, value) for option, value, *_ in CASES} == set()


def test_a_free_school_uses_photos_outside_the_platform_only_with_consent(tmp_path: Path) -> None:
    """Its use of photos rests on consent: 'for legitimate purposes' is not offered as consent-free."""
    document = document_for(tmp_path, school__type="free-private", choices__photos__publish="legitimate-purposes")
    text = clause_text(document, "confidentiality.photo-sharing")
    assert "må de kun bruges, når forældrene har givet samtykke til det" in text
    assert "saglige formål" not in text
    assert "bygger på forældrenes samtykke" in clause_text(document, "confidentiality.photos")


@pytest.mark.parametrize(
    ("school_type", "present", "absent"),
    [
        ("public", "efter drøftelse i MED-udvalget og i skolebestyrelsen, og den gælder fra vedtagelsen.",
         "Bestyrelsen har det overordnede ansvar"),
        ("free-private", "efter drøftelse med medarbejderne og i bestyrelsen, og den gælder fra vedtagelsen. "
         "Bestyrelsen har det overordnede ansvar for politikken.", "MED-udvalget"),
    ],
)
def test_approval_bodies_follow_the_school_type(tmp_path: Path, school_type: str, present: str, absent: str) -> None:
    document = document_for(tmp_path, school__type=school_type, policy__approval="leader-and-board")
    text = clause_text(document, "closing.adoption")
    assert present in text
    assert absent not in text
    facts = dict(document.meta.cover_facts)
    assert facts["Godkendes af"].startswith("Skolelederen efter drøftelse")
    assert absent not in facts["Godkendes af"]


def test_freedom_of_expression_follows_the_school_type(tmp_path: Path) -> None:
    public = document_for(tmp_path, school__type="public")
    free = document_for(tmp_path, school__type="free-private")
    assert "Medarbejderne har ret til at ytre sig på egne vegne" in clause_text(public, "expression.rights")
    assert "Skolen giver medarbejderne samme frihed" in clause_text(free, "expression.rights-free")
    assert not any("ytringsfrihed (lov nr. 557" in source.text for source in free.sources)
    assert any("ytringsfrihed (lov nr. 557" in source.text for source in public.sources)


def test_platform_incident_system_and_union_are_named(tmp_path: Path) -> None:
    document = document_for(
        tmp_path, choices__platform="ForældreIntra", choices__incident_system="Arbejdsmiljøportalen",
        contacts__union={"name": "Trekantens Lærerkreds"}, choices__scope="teachers",
    )
    assert "Skriftlig kontakt med elever og forældre om skolesager skal foregå i ForældreIntra." in clause_text(
        document, "communication.platform"
    )
    steps = clause_text(document, "harassment.steps")
    assert "Registrér hændelsen i Arbejdsmiljøportalen, gerne sammen med" in steps
    assert "Du kan også kontakte Trekantens Lærerkreds." in steps
