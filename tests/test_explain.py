"""`policygen explain`: a clause or a decision point in the terminal; unknown ids exit 2.

Texts are filled in with the suggested answers and shown as plain text (no Markdown or Jinja
source), conditions as sentences over the questions' labels, values without Python notation.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from generator.options.describe import condition_sentence
from generator.pipeline import default_library

LIBRARY = default_library()
# What a reader must never see: template source, Markdown syntax, Python's notation for values.
SOURCE = re.compile(r"\{\{|\{%|\*\*|\]\(|\{'|\('|policy\.status ==|== '")


def test_a_clause_with_its_source_status_variants_and_commentary(run: Callable[..., object]) -> None:
    result = run("explain", "friendships.current-pupils", "--lang", "da")
    assert result.exit_code == 0  # type: ignore[attr-defined]
    out = result.stdout  # type: ignore[attr-defined]
    assert out.startswith("friendships.current-pupils  (bestemmelse)\nNuværende elever\n\n")
    assert "Status: Bygger på vejledningen fra Kolding Lærerkreds\n" in out
    assert "Kilde: Kolding Lærerkreds: Venskaber på de sociale medier\n  Læreres brug af sociale medier\n" in out
    assert "Citat: »Desuden kan der opstå mistolkninger mht. venskabets natur og omfang" in out
    assert "Afhænger af: choices.friendships.current_pupils\n" in out
    assert "Varianter efter svaret på »Venskaber med nuværende elever på sociale medier«\n" in out
    assert "  - Ikke tilladt (not-allowed) [anbefalet]:\n" in out
    assert "      Medarbejderne må ikke være venner med skolens nuværende elever på sociale medier,\n" in out
    assert "Kommentar til skolebestyrelsen:\n    Vejledningen beskriver risikoen" in out
    assert not SOURCE.search(out), SOURCE.search(out)


def test_a_statutory_clause_with_its_legal_basis_in_english(run: Callable[..., object]) -> None:
    out = run("explain", "confidentiality.duty", "--lang", "en").stdout  # type: ignore[attr-defined]
    assert "Status: Required by law\n" in out
    assert "\nLegal basis: The Public Administration Act (forvaltningsloven) section 27 (checked in " in out
    assert "\nText, filled in with the suggested answers ([…] stands for the school's own facts):\n    " in out
    assert "\nCommentary for the school board:\n" in out


def test_a_decision_point_with_alternatives_and_the_clauses_it_changes(run: Callable[..., object]) -> None:
    result = run("explain", "choices.friendships.current_pupils", "--lang", "en")
    assert result.exit_code == 0  # type: ignore[attr-defined]
    out = result.stdout  # type: ignore[attr-defined]
    assert out.startswith(
        "choices.friendships.current_pupils  (decision point; answer: one of the answers below)\n"
        "Friendships with current pupils on social media\n\n"
    )
    assert "  - not-allowed: Not allowed [recommended, default]\n" in out
    assert "      The policy states that staff may not be friends with current pupils, even when the\n" in out
    assert "\nThis library recommends: Not allowed.\n" in out  # the guidance describes the risk, sets no rule
    assert "Changes the text of:\n  friendships.current-pupils (Current pupils; Based on the guidance from" in out
    assert "Commentary for the school board (friendships.current-pupils):\n" in out


def test_a_decision_the_guidance_recommends_quotes_it(run: Callable[..., object]) -> None:
    out = run("explain", "choices.friendships.work_relations", "--lang", "en").stdout  # type: ignore[attr-defined]
    assert "\nThe guidance from Kolding Lærerkreds recommends: Advised against. The guidance says: 'Det\n" in out



def test_a_text_option_and_a_supplement_option(run: Callable[..., object]) -> None:
    platform = run("explain", "choices.platform", "--lang", "en").stdout  # type: ignore[attr-defined]
    assert "choices.platform  (decision point; answer: free text)\n" in platform
    assert "Default" not in platform  # a fact about the school: asked, never preset
    assert "  communication.platform (The school's platform; Based on the guidance from Kolding" in platform
    photos = run("explain", "choices.photos.enabled", "--lang", "da").stdout  # type: ignore[attr-defined]
    assert "\nSkabelonen anbefaler: Ja.\n" in photos


def test_a_default_is_a_value_not_python_notation(run: Callable[..., object]) -> None:
    """The union is a fact with no default (asked, never preset); a text's default is shown as typed."""
    union = run("explain", "contacts.union", "--lang", "da").stdout  # type: ignore[attr-defined]
    assert "Standardsvar" not in union
    version = run("explain", "policy.version", "--lang", "da").stdout  # type: ignore[attr-defined]
    assert "Standardsvar: 1.0\n" in version
    listing = run("options", "--lang", "da").stdout  # type: ignore[attr-defined]
    assert "{'name'" not in listing and "'name':" not in listing


@pytest.mark.parametrize("language", ["da", "en"])
def test_no_source_notation_in_any_clause_or_option(run: Callable[..., object], language: str) -> None:
    ids = [clause.id for clause in LIBRARY.clauses] + list(LIBRARY.options)
    for item in ids:
        out = run("explain", item, "--lang", language).stdout  # type: ignore[attr-defined]
        assert not SOURCE.search(out), (item, SOURCE.search(out))
    listing = run("options", "--lang", language).stdout  # type: ignore[attr-defined]
    assert not SOURCE.search(listing), SOURCE.search(listing)


def test_a_condition_is_a_sentence_over_labels_and_answers(run: Callable[..., object]) -> None:
    status = LIBRARY.options["policy.status"]
    adopted = status.choices["adopted"].label  # type: ignore[index]
    out = run("options", "--lang", "da").stdout  # type: ignore[attr-defined]
    assert f"  Kun når svaret på »{status.label['da']}« er »{adopted['da']}«.\n" in out
    english = run("options", "--lang", "en").stdout  # type: ignore[attr-defined]
    assert f"  Only when the answer to ‘{status.label['en']}’ is ‘{adopted['en']}’.\n" in english


def test_and_or_not_and_in_are_said_in_words() -> None:
    photos, kind = LIBRARY.options["choices.photos.enabled"], LIBRARY.options["school.type"]
    yes, no = photos.choices[True].label, photos.choices[False].label  # type: ignore[index]
    public, free = kind.choices["public"].label, kind.choices["free-private"].label  # type: ignore[index]
    said = condition_sentence("choices.photos.enabled and school.type != 'public'", LIBRARY, "da")
    assert said == (
        f"Kun når svaret på »{photos.label['da']}« er »{yes['da']}« "
        f"og svaret på »{kind.label['da']}« ikke er »{public['da']}«."
    )
    said = condition_sentence("not choices.photos.enabled or school.type in ['public', 'free-private']", LIBRARY, "en")
    assert said == (
        f"Only when the answer to ‘{photos.label['en']}’ is ‘{no['en']}’ "
        f"or the answer to ‘{kind.label['en']}’ is ‘{public['en']}’ or ‘{free['en']}’."
    )
    name = LIBRARY.options["school.name"].label
    assert condition_sentence("school.name", LIBRARY, "da") == f"Kun når »{name['da']}« er udfyldt."
    assert condition_sentence("school.name|length > 3", LIBRARY, "da") == (
        "Kun når betingelsen »school.name|length > 3« er opfyldt."
    )


def test_an_unknown_id_says_what_was_meant_and_exits_2(run: Callable[..., object]) -> None:
    result = run("explain", "friendships.curent-pupils")
    assert result.exit_code == 2  # type: ignore[attr-defined]
    assert result.stdout == ""  # type: ignore[attr-defined]
    assert result.stderr.startswith(  # type: ignore[attr-defined]
        "Error: social-media: no clause or option 'friendships.curent-pupils'; did you mean "
        "'friendships.current-pupils'"
    )


def test_an_option_named_without_its_prefix_is_suggested(run: Callable[..., object]) -> None:
    result = run("explain", "current_pupils")
    assert result.exit_code == 2  # type: ignore[attr-defined]
    assert "did you mean 'choices.friendships.current_pupils'" in result.stderr  # type: ignore[attr-defined]


def test_nothing_close_gives_no_guess(run: Callable[..., object]) -> None:
    result = run("explain", "zzz")
    assert result.stderr == (  # type: ignore[attr-defined]
        "Error: social-media: no clause or option 'zzz' (`policygen options` lists the options)\n"
    )


def test_in_danish_the_unknown_id_is_said_in_danish(run: Callable[..., object]) -> None:
    result = run("explain", "current_pupils", "--lang", "da")
    assert result.exit_code == 2  # type: ignore[attr-defined]
    assert result.stderr == (  # type: ignore[attr-defined]
        "Fejl: social-media: der er ingen bestemmelse og intet valg, der hedder »current_pupils«; "
        "mente du »choices.friendships.current_pupils« eller »friendships.current-pupils«? "
        "(`policygen options` viser valgene)\n"
    )
