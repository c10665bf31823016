"""The PDF's words stay on the page and in the text block with the longest values the schema allows,
and only Danish words are hyphenated, never an address or a name the user typed (issue 15, kinds 1, 2)."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.options.check_values import CONTACT_FIELDS
from generator.pipeline import default_library
from tests.pdf_reading import Word, needs_poppler, text_lines, words

MM = 72 / 25.4
LEFT, RIGHT = 25 * MM, (210 - 22) * MM  # policy.css: @page margin 30mm 22mm 24mm 25mm
THEME_NAME_LIMIT, CONTACT_FIELD_LIMIT = 120, 200  # theme.py, check_values._check_contact
ISSUE_EMAIL = "skoleleder.fornavn.efternavn@eksempelskole.dk"  # 48 characters: once 11 mm into the margin


def longest(limit: int, kind: str) -> str:
    """A value of exactly `limit` characters of the hardest kind to set: one unbreakable word."""
    if kind == "email":
        return "a" * (limit - len("@eksempelskole.dk")) + "@eksempelskole.dk"
    if kind == "phone":
        return "7" * limit
    return "Ø" * limit


def longest_options() -> dict[str, Any]:
    """Every text and contact of the library at the length its schema allows."""
    data: dict[str, Any] = {"policy": {"status": "adopted", "adopted": "2026-12-01"}}
    for key, option in default_library().options.items():
        if option.type == "text" and key != "policy.version":
            value: Any = longest(option.max_length, "text")
        elif option.type == "contact":
            value = {name: longest(CONTACT_FIELD_LIMIT, name) for name in CONTACT_FIELDS}
        else:
            continue
        node = data
        *parents, leaf = key.split(".")
        for part in parents:
            node = node.setdefault(part, {})
        node[leaf] = value
    data["policy"]["version"] = "9" * 20
    data.setdefault("choices", {}).setdefault("earlier_rules", {})["exists"] = True
    data["theme"] = {"name": longest(THEME_NAME_LIMIT, "text"), "font": "caladea"}
    return data


def issue_options() -> dict[str, Any]:
    from tests.conftest import DEFAULTS_EXAMPLE

    example = yaml.safe_load(DEFAULTS_EXAMPLE.read_text(encoding="utf-8"))
    example["contacts"]["leader"]["email"] = ISSUE_EMAIL
    return example


def outside(found: list[Word], page_height: float) -> list[Word]:
    """Words whose box leaves the text block's width, or the page."""
    return [w for w in found if w.x_min < LEFT - 0.5 or w.x_max > RIGHT + 0.5 or w.y_min < 0 or w.y_max > page_height]


def overlapping(found: list[Word]) -> list[tuple[str, str]]:
    """Pairs of words on one page whose boxes overlap (a running head run into its neighbour)."""
    pairs = []
    by_page: dict[int, list[Word]] = {}
    for word in found:
        by_page.setdefault(word.page, []).append(word)
    for page_words in by_page.values():
        for index, one in enumerate(page_words):
            for other in page_words[index + 1 :]:
                if (one.x_min + 0.5 < other.x_max and other.x_min + 0.5 < one.x_max
                        and one.y_min + 1.5 < other.y_max and other.y_min + 1.5 < one.y_max):
                    pairs.append((one.text, other.text))
    return pairs


@needs_poppler
@pytest.mark.parametrize(("case", "edition"), [("issue", "adopted"), ("longest", "adopted"), ("longest", "review")])
def test_every_word_lies_inside_the_text_block(
    case: str, edition: str, tmp_path: Path, run: Callable[..., object]
) -> None:
    options = tmp_path / "skole.yaml"
    data = issue_options() if case == "issue" else longest_options()
    options.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = run("build", options, "-o", tmp_path / "out", "-f", "pdf", "--edition", edition)
    assert result.exit_code == 0, result.stderr  # type: ignore[attr-defined]
    [pdf] = (tmp_path / "out").glob("*.pdf")
    pages, found = words(pdf)
    assert outside(found, pages[0].height) == []
    assert overlapping(found) == []
    if case == "issue":  # the address is printed whole, on one line or broken across two
        printed = "".join(w.text for w in found if "@" in w.text or w.text.startswith(("eksempel", "mpel", "kole")))
        assert ISSUE_EMAIL in printed or ISSUE_EMAIL in "".join(text_lines(pdf))


# ---- hyphenation ---------------------------------------------------------------------------------

LINK = "https://www.kolding.dk/materialer/Retningslinjer_for_digital_kommunikation_2024.pdf"
INCIDENT_SYSTEM = "https://safetynet.kolding.dk/registrering/arbejdsmiljøhændelser"
FILLER = '{{ ["et", "ord", "mere", "og", "så", "til", "medarbejderne"][(n + i) % 7] }}'
OVERLAY_CLAUSE = """\
id: kreds.links
section: kreds
title: {da: "Links og navne", en: "Links and names"}
status: local
source: {ref: practice, passage: {da: Praksis, en: Practice}}
text:
  da: |
    {% for n in range(40) %}Linje {{ n }}: {% for i in range(n % 11) %}FILLER {% endfor %}på {{ school.name }} \
registrerer i {{ choices.incident_system }} og læser [Retningslinjerne](LINK) på LINK eller skriver til \
{{ contacts.leader.email }} og {{ contacts.leader.name }}.

    - {% for i in range(n % 13) %}FILLER {% endfor %}[LINK](LINK) og {{ school.name }}

    {% endfor %}
  en: "Links."
commentary: {da: "Ingen.", en: "None."}
""".replace("LINK", LINK).replace("FILLER", FILLER)


@needs_poppler
def test_no_line_ends_in_a_hyphen_inside_an_address_or_a_typed_name(tmp_path: Path, run: Callable[..., object]) -> None:
    overlay = tmp_path / "kreds"
    (overlay / "clauses").mkdir(parents=True)
    (overlay / "overlay.yaml").write_text(
        'sections:\n  - {id: kreds, part: body, title: {da: "Kredsen", en: "The branch"}}\n', encoding="utf-8"
    )
    (overlay / "clauses" / "links.yaml").write_text(OVERLAY_CLAUSE, encoding="utf-8")
    leader = {"name": "Mette Østergaard-Søndergaard", "email": "skoleleder.soendervang@eksempelskole.dk"}
    options = tmp_path / "skole.yaml"
    options.write_text(yaml.safe_dump({
        "school": {"name": "Søndervang Skole"}, "clauses": "kreds",
        "contacts": {"leader": leader, "union": {"name": "Kolding Lærerkreds"}},
        "choices": {"incident_system": INCIDENT_SYSTEM, "platform": "Aula"},
    }, allow_unicode=True), encoding="utf-8")
    result = run("build", options, "-o", tmp_path / "out", "-f", "pdf")
    assert result.exit_code == 0, result.stderr  # type: ignore[attr-defined]
    pdf = tmp_path / "out" / "soendervang-skole.pdf"
    lines = [line.strip() for line in subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout.splitlines() if line.strip()]  # as printed: pdftotext's reading order joins hyphenated lines
    protected = [LINK, INCIDENT_SYSTEM, "Søndervang Skole", *leader.values()]
    cut = [  # each word cut at a line's end, with the start of the next line
        (line.split()[-1], following.split()[0]) for line, following in zip(lines, lines[1:], strict=False)
        if line.endswith("-") and len(line.split()[-1]) > 3
    ]
    ends = [end for end, _ in cut]
    broken = [  # "…/materialer/Retnings-" + "linjer…", "Søn-" + "dervang": a value cut where it has no hyphen
        end for end, rest in cut
        if any(end[:-1].lstrip("(»") + rest.rstrip(".,;)«") in value and end not in value for value in protected)
    ]
    assert broken == []
    assert len(ends) > len(broken)  # Danish words are still hyphenated ("medarbej-derne")
    pages, found = words(pdf)
    assert outside(found, pages[0].height) == []  # and the long addresses stay on the page


def test_what_the_user_typed_is_never_hyphenated_in_the_pdf_or_on_the_web_page() -> None:
    """"Søn-dervang": the school's name in a clause's text is marked as typed, and neither stylesheet
    hyphenates what is typed, a link or an address."""
    import re

    from generator.compose.resolve import resolve
    from generator.pipeline import load_choices
    from generator.writers.fetch import TEMPLATES_DIR
    from generator.writers.html import render_html
    from tests.conftest import DEFAULTS_EXAMPLE

    library, choices = load_choices(DEFAULTS_EXAMPLE)
    document = resolve(library, choices)
    for for_print in (True, False):
        body = render_html(document, for_print=for_print).split('<div class="policy-body">', 1)[1]
        text = re.sub(r"<span class=\"typed\">[^<]*</span>", "", body)
        assert body.count("Søndervang Skole") >= 1 and "Søndervang Skole" not in text
        assert body.count("Aula") > 3 and "Aula" not in text  # the platform, typed by the school
    for sheet in ("policy.css", "screen.css"):
        css = (TEMPLATES_DIR / sheet).read_text(encoding="utf-8")
        rule = next(line for line in css.splitlines() if ".typed" in line and "hyphens" in line)
        assert ".address" in rule and "hyphens: manual" in rule
