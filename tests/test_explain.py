"""`policygen explain`: a clause or a decision point in the terminal; unknown ids exit 2."""

from __future__ import annotations

from collections.abc import Callable


def test_a_clause_with_its_source_status_variants_and_commentary(run: Callable[..., object]) -> None:
    result = run("explain", "friendships.current-pupils")
    assert result.exit_code == 0  # type: ignore[attr-defined]
    out = result.stdout  # type: ignore[attr-defined]
    assert out.startswith("friendships.current-pupils  (bestemmelse)\nNuværende elever\n\n")
    assert "Status: Bygger på vejledningen fra Kolding Lærerkreds (recommended)\n" in out
    assert "Kilde: Kolding Lærerkreds: Venskaber på de sociale medier\n  Læreres brug af sociale medier\n" in out
    assert "Citat: »Desuden kan der opstå mistolkninger mht. venskabets natur og omfang" in out
    assert "Afhænger af: choices.friendships.current_pupils\n" in out
    assert "Varianter efter choices.friendships.current_pupils:\n" in out
    assert "  not-allowed (Ikke tilladt) [anbefalet]:\n" in out
    assert "      Medarbejderne må ikke være venner med skolens nuværende elever på sociale medier,\n" in out
    assert "  advised-against (Frarådes):\n" in out
    assert "Kommentar til skolebestyrelsen:\n    Vejledningen beskriver risikoen" in out


def test_a_statutory_clause_with_its_legal_basis_in_english(run: Callable[..., object]) -> None:
    out = run("explain", "confidentiality.duty", "--lang", "en").stdout  # type: ignore[attr-defined]
    assert "Status: Required by law (statutory)\n" in out
    assert "\nLegal basis: The Public Administration Act (forvaltningsloven) section 27 (checked in " in out
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
    assert "  - not-allowed: Not allowed [recommended, default]\n" in out
    assert "      The policy states that staff may not be friends with current pupils, even when the\n" in out
    assert "  - advised-against: Advised against\n" in out
    assert "\nThis library recommends: Not allowed.\n" in out  # the guidance takes no position here
    assert "Changes the text of:\n  friendships.current-pupils (Current pupils; recommended)\n" in out
    assert "Commentary for the school board (friendships.current-pupils):\n" in out


def test_a_decision_the_guidance_recommends_quotes_it(run: Callable[..., object]) -> None:
    out = run("explain", "choices.friendships.work_relations", "--lang", "en").stdout  # type: ignore[attr-defined]
    assert "\nThe guidance from Kolding Lærerkreds recommends: Advised against. The guidance says: 'Det\n" in out


def test_a_text_option_and_a_supplement_option(run: Callable[..., object]) -> None:
    platform = run("explain", "choices.platform", "--lang", "en").stdout  # type: ignore[attr-defined]
    assert "Free text; default" not in platform  # a fact about the school: asked, never preset
    assert "  communication.platform (The school's platform; recommended)\n" in platform
    version = run("explain", "policy.version", "--lang", "en").stdout  # type: ignore[attr-defined]
    assert "Free text; default: 1.0\n" in version
    photos = run("explain", "choices.photos.enabled").stdout  # type: ignore[attr-defined]
    assert "\nSkabelonen anbefaler: Ja.\n" in photos


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
