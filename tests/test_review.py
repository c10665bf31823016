"""The review edition: one Word comment per decision point, anchored on the clause whose text
it changes, read back from the file's comments part; and the warnings for boards."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from lxml import etree

from generator.compose.review import option_refs
from generator.pipeline import build, load_choices
from tests.conftest import DEFAULTS_EXAMPLE, ROOT
from tests.helpers import facts_yaml

FJORDBAKKE = ROOT / "examples" / "fjordbakke-skole.yaml"
NORDLYS = ROOT / "examples" / "nordlys-international-school.yaml"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SECTIONS_OFF = {"photos": {"enabled": False}, "availability": {"no_answer_outside_hours": False},
                "official_accounts": {"enabled": False}}


@dataclass(frozen=True)
class Comment:
    text: str  # paragraphs joined by newlines
    anchor: str  # the text of the paragraph where the comment's range starts


def read_comments(path: Path) -> list[Comment]:
    """Comments from word/comments.xml, each with the paragraph its commentRangeStart sits in."""
    with zipfile.ZipFile(path) as package:
        comments = etree.fromstring(package.read("word/comments.xml"))
        body = etree.fromstring(package.read("word/document.xml"))
    texts = {
        c.get(f"{W}id"): "\n".join("".join(t.text or "" for t in p.iter(f"{W}t")) for p in c.iter(f"{W}p"))
        for c in comments.iter(f"{W}comment")
    }
    anchors = {}
    for paragraph in body.iter(f"{W}p"):
        for start in paragraph.iter(f"{W}commentRangeStart"):
            anchors[start.get(f"{W}id")] = "".join(t.text or "" for t in paragraph.iter(f"{W}t"))
    assert set(anchors) == set(texts)
    return [Comment(texts[key], anchors[key]) for key in texts]


@pytest.fixture(scope="module")
def sections_off(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("off") / "soendervang-uden.yaml"
    options = yaml.safe_load(DEFAULTS_EXAMPLE.read_text(encoding="utf-8"))
    options["choices"].update(SECTIONS_OFF)
    path.write_text(yaml.safe_dump(options, allow_unicode=True), encoding="utf-8")
    return path


def review(source: Path, out: Path) -> tuple[list[Comment], dict[str, str]]:
    """The review DOCX's comments, and each clause's heading text (its title; Word numbers it) -> clause id."""
    result = build(source, out, ("docx",), edition="review")
    headings = {c.title: c.id for c in result.document.iter_clauses()}
    assert len(headings) == len(list(result.document.iter_clauses()))  # a title names one clause
    return read_comments(result.outputs[0]), headings


@pytest.mark.parametrize("example", [DEFAULTS_EXAMPLE, FJORDBAKKE, NORDLYS, "sections_off"],
                         ids=["soendervang", "fjordbakke", "nordlys", "sections-off"])
def test_one_comment_per_decision_point_on_a_clause_it_changes(
    example: Path | str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    source = request.getfixturevalue("sections_off") if example == "sections_off" else example
    assert isinstance(source, Path)
    comments, headings = review(source, tmp_path)
    library, choices = load_choices(source)
    language = choices.language
    by_question: dict[str, list[Comment]] = {}
    for comment in comments:
        by_question.setdefault(comment.text.split("\n")[0], []).append(comment)
    decisions = [key for key in choices.values if key.startswith("choices.")]
    decisions += [k for k in ("school.type", "policy.approval") if k in choices.values]
    assert len({library.options[key].label[language] for key in decisions}) == len(decisions)
    present = set(headings.values())
    for key in decisions:
        found = by_question.get(library.options[key].label[language], [])
        assert len(found) == 1, key
        clause = library.clause(headings[found[0].anchor])  # the range starts on a clause heading
        assert clause is not None
        if any(c.id in present and key in option_refs(c, library) for c in library.clauses):
            assert key in option_refs(clause, library), (key, clause.id)
    questions = {option.label[language] for option in library.options.values()}
    asked = sorted(c.text.split("\n")[0] for c in comments if c.text.split("\n")[0] in questions)
    assert asked == sorted(library.options[key].label[language] for key in decisions)  # one each, no more
    for comment in comments:  # the other comments are the clauses' own: status, source, commentary
        if comment.text.split("\n")[0] not in questions:
            assert "Kilde: " in comment.text or "Source: " in comment.text
    assert {headings[c.anchor] for c in comments} == present  # every clause has its comment(s)


EXPECTED_ANCHORS = {
    "choices.scope": "purpose.scope",
    "choices.earlier_rules.exists": "purpose.rules",
    "choices.earlier_rules.title": "purpose.rules",
    "choices.earlier_rules.relation": "purpose.rules",
    "choices.friendships.current_pupils": "friendships.current-pupils",
    "choices.platform": "communication.platform",
    "choices.messaging.beyond_neutral": "communication.messaging",
    "choices.groups.second_adult": "communication.groups",
    "choices.incident_system": "harassment.steps",
    "choices.harassment.order": "harassment.steps",
    "choices.photos.publish": "confidentiality.photo-sharing",
    "choices.availability.no_answer_outside_hours": "communication.availability",
    "school.type": "expression.rights",
    "policy.approval": "closing.adoption",
}


def test_each_decision_sits_on_the_clause_whose_text_it_changes(tmp_path: Path) -> None:
    comments, headings = review(FJORDBAKKE, tmp_path)
    library, _ = load_choices(FJORDBAKKE)
    for key, clause_id in EXPECTED_ANCHORS.items():
        (comment,) = [c for c in comments if c.text.startswith(library.options[key].label["da"] + "\n")]
        assert headings[comment.anchor] == clause_id, key


def test_a_section_left_out_is_shown_where_it_would_have_stood(sections_off: Path, tmp_path: Path) -> None:
    comments, headings = review(sections_off, tmp_path)
    library, _ = load_choices(sections_off)
    anchors = {c.text.split("\n")[0]: headings[c.anchor] for c in comments}
    assert anchors[library.options["choices.photos.enabled"].label["da"]] == "confidentiality.personal-data"
    assert anchors[library.options["choices.availability.no_answer_outside_hours"].label["da"]] == (
        "communication.availability"
    )


def test_a_comment_shows_alternatives_consequences_recommendation_source_and_status(tmp_path: Path) -> None:
    comments, _ = review(FJORDBAKKE, tmp_path)
    (friends,) = [c for c in comments if c.text.startswith("Venskaber med forældre, bestyrelsesmedlemmer og andre")]
    lines = friends.text.split("\n")
    assert lines[1].startswith("• Ikke tilladt (valgt): Politikken siger, at medarbejderne ikke må være venner med dem")
    assert lines[2].startswith("• Frarådes (anbefalet): Politikken siger, at skolen fraråder venskaber med dem")
    assert lines[3].startswith("• Medarbejderens eget skøn: Politikken siger, at medarbejderne selv afgør det.")
    assert lines[4] == (
        "Vejledningen fra Kolding Lærerkreds anbefaler: Frarådes. Vejledningen siger: »Det kan være uhensigtsmæssigt"
        " eller besværliggøre lærerens professionelle arbejde, hvis man er ven med en, man har en arbejdsmæssig"
        " relation til, f.eks.: forældre, skolebestyrelsesmedlemmer, socialrådgiver m.fl.«"
    )
    assert "Bemærk: Skolen fraviger her anbefalingen i vejledningen fra Kolding Lærerkreds (Frarådes)." in lines
    assert "Bygger på vejledningen fra Kolding Lærerkreds" in lines
    assert "Kilde: Kolding Lærerkreds: Venskaber på de sociale medier" in lines
    assert any(line.startswith("Vejledningen siger, at et venskab med en, man har en arbejdsmæssig") for line in lines)


def test_a_text_option_shows_its_value_and_no_alternatives(tmp_path: Path) -> None:
    comments, _ = review(FJORDBAKKE, tmp_path)
    (platform,) = [c for c in comments if c.text.startswith("Skolens kommunikationsplatform\n")]
    assert "Valgt: Aula (ingen faste alternativer: skolen skriver selv teksten)" in platform.text
    assert "•" not in platform.text
    (system,) = [c for c in comments if c.text.startswith("System til registrering af hændelser\n")]
    assert "Valgt: Arbejdsmiljøsystemet" in system.text
    assert "Bemærk" not in system.text  # a system's name is a fact about the school, not a departure


def test_the_librarys_recommendations_are_not_attributed_to_the_guidance(tmp_path: Path) -> None:
    comments, _ = review(DEFAULTS_EXAMPLE, tmp_path)
    (photos,) = [c for c in comments if c.text.startswith("Hvor må billeder af elever deles?\n")]
    assert "Skabelonen anbefaler: Kun i platformen." in photos.text
    assert "Vejledningen" not in photos.text.split("\n", 4)[-1].split("Kilde")[0]
    (adults,) = [c for c in comments if c.text.startswith("Skal der være to voksne i grupper med elever")]
    assert "Skabelonen anbefaler: Ja, altid." in adults.text  # the guidance speaks of social media, not Aula
    (school_type,) = [c for c in comments if c.text.startswith("Skoletype\n")]
    assert "Ingen anbefaling: svaret afhænger af skolens egne forhold." in school_type.text


@pytest.mark.parametrize(
    "example", [DEFAULTS_EXAMPLE, FJORDBAKKE, NORDLYS], ids=["soendervang", "fjordbakke", "nordlys"]
)
def test_no_decision_is_both_without_and_with_a_guidance_recommendation(example: Path, tmp_path: Path) -> None:
    """Each decision says once whose recommendation it is: "Ingen anbefaling", the library's, or the
    guidance's with the guidance's own words quoted."""
    result = build(example, tmp_path, ("docx",), edition="review")
    for clause in result.document.iter_clauses():
        assert clause.review is not None
        for decision in clause.review.decisions:
            said = [decision.recommendation or ""]
            none = [s for s in said if s.startswith(("Ingen anbefaling", "No recommendation"))]
            guidance = [s for s in said if s.startswith(("Vejledningen fra", "The guidance from"))]
            assert not (none and guidance), decision.key
            for sentence in guidance:
                assert "»" in sentence or "'" in sentence, decision.key  # with the guidance's own words


def test_every_guidance_recommendation_quotes_words_the_guidance_says() -> None:
    """What the review edition attributes to the guidance is what the stored guidance text says,
    word for word; the library's load refuses a quote that is not there (tested below)."""
    from generator.pipeline import default_library

    library = default_library()
    guidance = " ".join((ROOT / "clauses" / "social-media" / "sources" / "kolding-laererkreds.txt")
                        .read_text(encoding="utf-8").split())
    attributed = [option for option in library.options.values() if option.recommended_by]
    assert attributed, "the guidance recommends some answers itself"
    for option in attributed:
        assert option.recommended is not None
        assert " ".join(option.recommended_by.quote.split()) in guidance, option.key
    for clause in library.clauses:
        if clause.status == "recommended":
            assert clause.source.ref == "kolding" and clause.source.quote, clause.id
            assert " ".join(clause.source.quote.split()) in guidance, clause.id


def test_a_quote_the_guidance_does_not_say_stops_the_library(tmp_path: Path) -> None:
    import shutil

    from generator.errors import PolicyError
    from generator.library.assemble import load_library

    library = tmp_path / "social-media"
    shutil.copytree(ROOT / "clauses" / "social-media", library)
    options = library / "options.yaml"
    options.write_text(options.read_text(encoding="utf-8").replace(
        'quote: "Begræns brugen af meddelelsestjenester (sms, mms) til helt neutrale meddelelser."',
        'quote: "Forbyd al brug af sms."'), encoding="utf-8")
    with pytest.raises(PolicyError) as caught:
        load_library(library)
    assert str(caught.value) == (
        f"{options}: choices.messaging.beyond_neutral.recommended_by.quote: "
        "is not found word for word in the text of the source 'kolding'"
    )


def test_commentary_is_rendered_not_shown_as_a_template(tmp_path: Path) -> None:
    comments, _ = review(DEFAULTS_EXAMPLE, tmp_path)
    assert not [c for c in comments if "{{" in c.text or "{%" in c.text]


def test_the_adopted_edition_has_no_comments(tmp_path: Path) -> None:
    result = build(FJORDBAKKE, tmp_path, ("docx",))
    with zipfile.ZipFile(result.outputs[0]) as package:
        assert "word/comments.xml" not in package.namelist()


# ---- warnings for boards ----------------------------------------------------------------------


def test_validate_warns_where_a_school_departs_from_the_recommendation(run: Callable[..., object]) -> None:
    result = run("validate", FJORDBAKKE, "--lang", "en")
    assert result.exit_code == 0  # type: ignore[attr-defined]
    assert result.stdout == f"{FJORDBAKKE}: OK\n"  # type: ignore[attr-defined]
    assert result.stderr.splitlines() == [  # type: ignore[attr-defined]
        f"Warning: {FJORDBAKKE}:16: policy.approval: differs from the library's recommendation"
        " (recommended: leader; chosen: leader-and-board)",
        f"Warning: {FJORDBAKKE}:50: choices.friendships.former_pupils: differs from the library's recommendation"
        " (recommended: finished-school; chosen: adult)",
        f"Warning: {FJORDBAKKE}:51: choices.friendships.work_relations: differs from the guidance's recommendation"
        " (recommended: advised-against; chosen: not-allowed)",
        f"Warning: {FJORDBAKKE}:68: choices.official_accounts.named_staff: differs from the library's recommendation"
        " (recommended: refer; chosen: remove)",
    ]  # facts (its platform, incident system and union) are never departures


def test_departures_are_not_errors_even_when_strict(run: Callable[..., object]) -> None:
    result = run("validate", "--strict", FJORDBAKKE)
    assert result.exit_code == 0  # type: ignore[attr-defined]
    assert len(result.stderr.splitlines()) == 4  # type: ignore[attr-defined]


def test_build_warns_too_and_the_defaults_do_not(run: Callable[..., object], tmp_path: Path) -> None:
    result = run("build", NORDLYS, "-o", tmp_path, "-f", "docx")
    assert result.exit_code == 0  # type: ignore[attr-defined]
    assert re.findall(r"choices\.[\w.]+(?=: differs)", result.stderr) == [  # type: ignore[attr-defined]
        "choices.friendships.current_pupils",
        "choices.friendships.former_pupils",
        "choices.friendships.work_relations",
        "choices.profiles.professional",
        "choices.photos.publish",
        "choices.availability.response_time",
        "choices.parent_groups.staff_participation",
    ]
    quiet = run("validate", DEFAULTS_EXAMPLE)
    assert quiet.stderr == ""  # type: ignore[attr-defined]


def test_a_departure_from_the_librarys_own_recommendation_is_flagged(
    run: Callable[..., object], options_file: Callable[..., Path]
) -> None:
    path = options_file(facts_yaml(
        """\
        library: social-media
        school:
          name: Testskole
        choices:
          photos:
            enabled: false
        """
    ))
    result = run("validate", path)
    assert result.stderr == (  # type: ignore[attr-defined]
        f"Warning: {path}:6: choices.photos.enabled: differs from the library's recommendation"
        " (recommended: true; chosen: false)\n"
    )
