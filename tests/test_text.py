"""The adopted text as a school signs it: no meta-text, references that resolve under every
combination of the choices that touch the same subject, and facts asked for, never preset."""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.compose.resolve import resolve
from generator.document import Document, block_text
from generator.pipeline import build, default_library, load_choices
from tests.conftest import EXAMPLES, ROOT
from tests.helpers import BASE, set_dotted

# Sentences about where a rule came from, or about the document itself, belong to the review
# edition and the build record; the adopted text is the school's rules.
META_TEXT = {
    "da": ["vejledning", "Kolding Lærerkreds anbefaler", "Bestemmelser ud over", "sådan som", "kontrolleret i",
           "skabelon", "bygger på vejledningen", "anbefaler", "Datatilsynets vurdering",
           "kan få følger for din ansættelse"],
    "en": ["guidance", "recommends", "beyond the guidance", "checked in", "this library", "based on"],
}


def body(document: Document) -> str:
    """The policy's text as printed: headings and blocks (not the cover or the sources appendix)."""
    parts = []
    for section in document.sections:
        parts.append(f"{section.number} {section.title}")
        for clause in section.clauses:
            parts.append(f"{clause.number} {clause.title}")
            parts += [block_text(block) for block in clause.blocks]
    return "\n".join(parts)


def document_with(values: dict[str, Any], tmp_path: Path, language: str = "da") -> Document:
    data = yaml.safe_load(yaml.safe_dump(BASE))
    data["language"] = language
    for key, value in values.items():
        set_dotted(data, key, value)
    path = tmp_path / "skole.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    library, choices = load_choices(path)
    return resolve(library, choices)


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
@pytest.mark.parametrize("language", ["da", "en"])
def test_no_adopted_edition_says_where_its_rules_came_from(example: Path, language: str, tmp_path: Path) -> None:
    document = build(example, tmp_path, ("md",), language=language).document
    text = body(document)
    assert [phrase for phrase in META_TEXT[language] if phrase.lower() in text.lower()] == []
    sources = [source.text for source in document.sources]
    assert sum("Kolding Lærerkreds:" in source for source in sources) == 1  # the guidance, once, as a source
    assert not [source for source in sources if "kontrolleret" in source or "checked in" in source]
    assert not [source for source in sources if re.search(r"\([^)]*\(", source)]  # no nested brackets


# The options that decide channels, profiles and official accounts: each subject is decided once,
# and the other clauses refer to it by number. Every combination is built.
CHANNELS = {
    "school.type": ["public", "free-private"],
    "choices.messaging.beyond_neutral": [False, True],
    "choices.parent_groups.enabled": [False, True],
    "choices.groups.second_adult": ["required", "where-possible"],
    "choices.profiles.professional": ["own-profile", "page"],
    "choices.official_accounts.enabled": [False, True],
    "choices.official_accounts.who_posts": ["leadership", "appointed-staff", "all-staff"],
    "choices.photos.publish": ["platform-only", "with-consent", "legitimate-purposes"],
    "choices.consequences.enabled": [False, True],
    "choices.teaching.enabled": [False, True],
}
REFERENCE = re.compile(r"\b(?:afsnit|section|sections)\s+(\d+(?:\.\d+)?)(?:\s+(?:og|and)\s+(\d+(?:\.\d+)?))?")
# A sentence that mentions a second personal profile must forbid it, never require it.
SECOND_PROFILE = re.compile(r"ekstra personlig profil|second personal profile|arbejdsprofil")
FORBIDS = re.compile(r"må ikke|[Ii]ngen må|[Nn]o one may|must not")


def combinations() -> list[dict[str, Any]]:
    keys = list(CHANNELS)
    return [dict(zip(keys, values, strict=True)) for values in itertools.product(*CHANNELS.values())]


def test_every_combination_of_the_channel_choices_reads_consistently(tmp_path: Path) -> None:
    """1,536 policies (who posts on the official channels is asked only when they are on): every
    cross-reference names a clause of that policy, no text requires a second personal profile, and
    rules that exclude each other never stand side by side."""
    library = default_library()
    path = tmp_path / "skole.yaml"
    path.write_text(yaml.safe_dump(BASE, allow_unicode=True), encoding="utf-8")
    _, base = load_choices(path)
    seen = 0
    for combination in combinations():
        if not combination["choices.official_accounts.enabled"] and combination[
            "choices.official_accounts.who_posts"] != "appointed-staff":
            continue  # the question is not asked: one policy, not three
        choices = dataclasses.replace(base, values={**base.values, **combination})
        if not combination["choices.official_accounts.enabled"]:
            choices.values.pop("choices.official_accounts.who_posts")
        document = resolve(library, choices)
        numbers = {c.number for c in document.iter_clauses()} | {s.number for s in document.sections}
        text = body(document)
        for match in REFERENCE.finditer(text):
            assert {n for n in match.groups() if n} <= numbers, (combination, match.group(0))
        for sentence in re.split(r"(?<=[.:?])\s+", text):
            if SECOND_PROFILE.search(sentence):
                assert FORBIDS.search(sentence), (combination, sentence)
        assert "må ikke oprette grupper med elever eller forældre om skolesager på sociale medier" in text
        assert text.count("Skriver en elev eller en forælder") == 1  # the referral rule, said once
        neutral_only = "Sms må kun bruges til helt neutrale beskeder" in text
        assert neutral_only != combination["choices.messaging.beyond_neutral"]
        consent_free = "må de bruges til saglige formål" in text
        assert consent_free == (combination["choices.photos.publish"] == "legitimate-purposes"
                                and combination["school.type"] == "public")
        seen += 1
    assert seen == 1536


def test_a_policy_built_from_init_names_no_other_towns_union_or_system(
    run: Callable[..., object], tmp_path: Path
) -> None:
    """`init` presets no facts: a school in Vejle that fills in its own never reads Kolding's."""
    path = tmp_path / "skole.yaml"
    assert run("init", path).exit_code == 0  # type: ignore[attr-defined]
    text = path.read_text(encoding="utf-8")
    assert 'platform: ""' in text and 'incident_system: ""' in text
    data = yaml.safe_load(text)
    assert data["contacts"]["union"]["name"] == ""
    data["school"]["name"] = "Bakkeskolen"
    data["choices"].update({"platform": "Aula", "incident_system": "Arbejdsmiljøsystemet"})
    data["contacts"]["union"]["name"] = "Vejle Lærerkreds"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = build(path, tmp_path / "out", ("docx", "md"))
    text = body(result.document)
    assert "Kolding" not in text and "SafetyNet" not in text
    assert "Vejle Lærerkreds" in text and "Arbejdsmiljøsystemet" in text
    assert [s.text for s in result.document.sources if "Kolding" in s.text] == [
        "Kolding Lærerkreds: Læreres brug af sociale medier."
    ]
    markdown = (tmp_path / "out" / "bakkeskolen.md").read_text(encoding="utf-8")
    assert markdown.count("Kolding") == 1 and "SafetyNet" not in markdown


REQUIRED_FACTS = ["school.name", "choices.platform", "choices.incident_system", "contacts.union"]


@pytest.mark.parametrize("key", REQUIRED_FACTS)
def test_an_empty_required_fact_is_an_error_at_its_key(key: str, run: Callable[..., object], tmp_path: Path) -> None:
    data = yaml.safe_load((ROOT / "examples" / "soendervang-skole.yaml").read_text(encoding="utf-8"))
    set_dotted(data, key, {"name": ""} if key.startswith("contacts.") else "")
    path = tmp_path / "skole.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = run("validate", path)
    assert result.exit_code == 2  # type: ignore[attr-defined]
    label = default_library().options[key].label["da"]
    line = next(n for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if text.strip().startswith(key.rsplit(".", 1)[-1] + ":"))
    assert f"Fejl: {path}:{line}: {key}: skal udfyldes: {label}\n" in result.stderr  # type: ignore[attr-defined]


def test_contacts_left_blank_are_not_empty_rows(tmp_path: Path) -> None:
    document = document_with({"contacts.tr": {"name": "", "phone": "", "email": ""}}, tmp_path)
    table = next(block for c in document.iter_clauses() for block in c.blocks if hasattr(block, "rows"))
    roles = [row.role for row in table.rows]
    assert "Tillidsrepræsentant (TR)" not in roles
    assert all(row.name or row.phone or row.email for row in table.rows)
