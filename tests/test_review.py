"""The review edition: one Word comment per decision point, anchored on the clause whose text
it changes, read back from the file's comments part; and the warnings for boards."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import etree

from generator.build import build, load_choices
from generator.review import option_refs
from tests.conftest import DEFAULTS_EXAMPLE, ROOT

FJORDBAKKE = ROOT / "examples" / "fjordbakke-skole.yaml"
NORDLYS = ROOT / "examples" / "nordlys-international-school.yaml"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SECTIONS_OFF = """
choices:
  photos:
    enabled: false
  availability:
    no_answer_outside_hours: false
  official_accounts:
    enabled: false
"""


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
    path.write_text(DEFAULTS_EXAMPLE.read_text(encoding="utf-8") + SECTIONS_OFF, encoding="utf-8")
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
    "choices.scope": "scope.staff",
    "choices.earlier_rules.exists": "rules.earlier-rules",
    "choices.earlier_rules.title": "rules.earlier-rules",
    "choices.earlier_rules.relation": "rules.earlier-rules",
    "choices.friendships.current_pupils": "friendships.current-pupils",
    "choices.platform": "communication.platform",
    "choices.messaging.beyond_neutral": "communication.messaging",
    "choices.incident_system": "harassment.steps",
    "choices.photos.publish": "photos.sharing",
    "choices.availability.no_answer_outside_hours": "availability.outside-hours",
    "policy.approval": "adoption.approval-review",
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
    assert anchors[library.options["choices.photos.enabled"].label["da"]] == "supplement.introduction"
    assert anchors[library.options["choices.availability.no_answer_outside_hours"].label["da"]] == (
        "availability.response-time"
    )


def test_a_comment_shows_alternatives_consequences_recommendation_source_and_status(tmp_path: Path) -> None:
    comments, _ = review(FJORDBAKKE, tmp_path)
    (friends,) = [c for c in comments if c.text.startswith("Venskaber med nuværende elever på sociale medier\n")]
    lines = friends.text.split("\n")
    assert lines[1].startswith("• Ikke tilladt (valgt): Politikken siger, at medarbejdere ikke er venner")
    assert lines[2].startswith("• Frarådes (anbefalet): Politikken siger, at skolen fraråder venskaber")
    assert lines[3].startswith("• Medarbejderens eget skøn: Politikken siger, at medarbejdere selv vurderer")
    assert "Kolding Lærerkreds' vejledning anbefaler: Frarådes." in lines
    assert "Bemærk: Skolen fraviger her vejledningens anbefaling (Frarådes)." in lines
    assert "Anbefalet i Kolding Lærerkreds' vejledning" in lines
    assert "Kilde: Kolding Lærerkreds: Venskaber på de sociale medier" in lines
    assert any(line.startswith("Vejledningen beskriver risikoen ved venskaber med elever") for line in lines)


def test_a_text_option_shows_its_value_and_no_alternatives(tmp_path: Path) -> None:
    comments, _ = review(FJORDBAKKE, tmp_path)
    (platform,) = [c for c in comments if c.text.startswith("Skolens kommunikationsplatform\n")]
    assert "Valgt: AULA (ingen faste alternativer: skolen skriver selv teksten)" in platform.text
    assert "•" not in platform.text
    (system,) = [c for c in comments if c.text.startswith("System til registrering af hændelser\n")]
    assert "Valgt: Arbejdsmiljøsystemet" in system.text
    assert "Bemærk" not in system.text  # a system's name is a fact about the school, not a departure


def test_the_supplements_recommendations_are_the_librarys(tmp_path: Path) -> None:
    comments, _ = review(DEFAULTS_EXAMPLE, tmp_path)
    (photos,) = [c for c in comments if c.text.startswith("Hvor må billeder af elever deles?\n")]
    assert "Skabelonen anbefaler: Kun i skolens platform. Vejledningen tager ikke stilling." in photos.text
    (school_type,) = [c for c in comments if c.text.startswith("Skoletype\n")]
    assert "Ingen anbefaling: svaret afhænger af skolens egne forhold." in school_type.text


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
    warnings = result.stderr.splitlines()  # type: ignore[attr-defined]
    assert f"Warning: {FJORDBAKKE}:43: choices.friendships.current_pupils: differs from the guidance's recommendation"\
        " (recommended: advised-against; chosen: not-allowed)" in warnings
    assert f"Warning: {FJORDBAKKE}:47: choices.messaging.beyond_neutral: differs from the guidance's recommendation"\
        " (recommended: false; chosen: true)" in warnings
    assert f"Warning: {FJORDBAKKE}:14: policy.approval: differs from the library's recommendation"\
        " (recommended: leader-med; chosen: leader-med-board; the guidance takes no position)" in warnings
    assert not [w for w in warnings if "incident_system" in w or "contacts.union" in w]
    assert len(warnings) == 6


def test_departures_are_not_errors_even_when_strict(run: Callable[..., object]) -> None:
    result = run("validate", "--strict", FJORDBAKKE)
    assert result.exit_code == 0  # type: ignore[attr-defined]
    assert len(result.stderr.splitlines()) == 6  # type: ignore[attr-defined]


def test_build_warns_too_and_the_defaults_do_not(run: Callable[..., object], tmp_path: Path) -> None:
    result = run("build", NORDLYS, "-o", tmp_path, "-f", "docx")
    assert result.exit_code == 0  # type: ignore[attr-defined]
    assert re.findall(r"choices\.[\w.]+(?=: differs)", result.stderr) == [  # type: ignore[attr-defined]
        "choices.friendships.current_pupils",
        "choices.friendships.work_relations",
    ]
    quiet = run("validate", DEFAULTS_EXAMPLE)
    assert quiet.stderr == ""  # type: ignore[attr-defined]


def test_a_departure_from_a_supplement_default_is_flagged(
    run: Callable[..., object], options_file: Callable[..., Path]
) -> None:
    path = options_file(
        """\
        library: social-media
        school:
          name: Testskole
        choices:
          photos:
            enabled: false
        """
    )
    result = run("validate", path)
    assert result.stderr == (  # type: ignore[attr-defined]
        f"Warning: {path}:6: choices.photos.enabled: differs from the library's recommendation"
        " (recommended: true; chosen: false; the guidance takes no position)\n"
    )
