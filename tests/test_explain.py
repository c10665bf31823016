"""`policygen explain`: a clause or a decision point in the terminal; unknown ids exit 2."""

from __future__ import annotations

from collections.abc import Callable


def test_a_clause_with_its_source_status_variants_and_commentary(run: Callable[..., object]) -> None:
    result = run("explain", "friendships.current-pupils")
    assert result.exit_code == 0  # type: ignore[attr-defined]
    out = result.stdout  # type: ignore[attr-defined]
    assert out.startswith("friendships.current-pupils  (bestemmelse)\nNuværende elever\n\n")
    assert "Status: Anbefalet i Kolding Lærerkreds' vejledning (recommended)\n" in out
    assert "Kilde: Kolding Lærerkreds: Venskaber på de sociale medier\n  Læreres brug af sociale medier: " in out
    assert "Citat: »Desuden kan der opstå mistolkninger mht. venskabets natur og omfang" in out
    assert "Afhænger af: choices.friendships.current_pupils, school.name, choices.platform\n" in out
    assert "Varianter efter choices.friendships.current_pupils:\n" in out
    assert "  advised-against (Frarådes) [anbefalet]:\n" in out
    assert "      Medarbejdere på {{ school.name }} er ikke venner med skolens nuværende elever på\n" in out
    assert "Kommentar til skolebestyrelsen:\n    Vejledningen beskriver risikoen" in out


def test_a_statutory_clause_with_its_legal_basis_in_english(run: Callable[..., object]) -> None:
    out = run("explain", "conduct.confidentiality", "--lang", "en").stdout  # type: ignore[attr-defined]
    assert "Status: Required by law (statutory)\n" in out
    assert "\nText:\n    " in out
    assert "\nCommentary for the school board:\n" in out


def test_a_decision_point_with_alternatives_and_the_clauses_it_changes(run: Callable[..., object]) -> None:
    result = run("explain", "choices.friendships.current_pupils", "--lang", "en")
    assert result.exit_code == 0  # type: ignore[attr-defined]
    out = result.stdout  # type: ignore[attr-defined]
    assert out.startswith(
        "choices.friendships.current_pupils  (decision point, choice)\n"
        "Friendships with current pupils on social media\n\n"
    )
    assert "  - advised-against: Advised against [recommended, default]\n" in out
    assert "      The policy states that staff are not friends with current pupils on social media, even\n" in out
    assert "Kolding Lærerkreds' guidance recommends: Advised against.\n" in out
    assert "Changes the text of:\n  friendships.current-pupils (Current pupils; recommended)\n" in out
    assert "Commentary for the school board (friendships.current-pupils):\n" in out


def test_a_text_option_and_a_supplement_option(run: Callable[..., object]) -> None:
    platform = run("explain", "choices.platform", "--lang", "en").stdout  # type: ignore[attr-defined]
    assert "Free text; default: AULA\n" in platform
    assert "  communication.platform (The school's platform first; recommended)\n" in platform
    photos = run("explain", "choices.photos.enabled").stdout  # type: ignore[attr-defined]
    assert "Skabelonen anbefaler: Ja. Vejledningen tager ikke stilling.\n" in photos


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
