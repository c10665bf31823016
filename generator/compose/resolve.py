"""Choose the clauses whose conditions hold, fill them in, and build the Document IR."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from generator.compose.citations import sources_appendix
from generator.compose.cover import document_meta
from generator.compose.markup import parse
from generator.compose.review import assign_decisions, review_note
from generator.document import Block, Clause, ContactRow, ContactTable, Document, Section
from generator.errors import PolicyError
from generator.library.model import ClauseDef, Library, missing_translations
from generator.library.selection import select_clauses, values_context
from generator.library.templating import TYPED_END, TYPED_START, LibraryText, TemplateError, render
from generator.messages import Said, template_detail
from generator.options.validate import Choices
from generator.phrases import phrase


def resolve(library: Library, choices: Choices, *, edition: str = "adopted") -> Document:
    """The school's policy as a Document: one function, read as its steps."""
    language = choices.language
    context = template_context(library, choices)
    chosen = select_clauses(library, context)
    missing = missing_translations(library, [language], chosen)
    if missing:
        raise PolicyError(missing)
    numbers = number_clauses(library, chosen)
    context["ref"] = cross_reference(numbers)
    context["terms"] = render_terms(library, choices, context)
    decisions = assign_decisions(library, chosen, choices) if edition == "review" else {}
    sections: list[Section] = []
    for section_def in library.meta.sections:
        if section_def.id not in numbers:
            continue
        clauses = tuple(
            Clause(
                id=clause.id,
                number=numbers[clause.id],
                title=clause.title[language],
                blocks=clause_blocks(clause, library, choices, context),
                status=clause.status,
                review=review_note(clause, library, choices, context, decisions.get(clause.id, []))
                if edition == "review"
                else None,
            )
            for clause in chosen
            if clause.section == section_def.id
        )
        sections.append(
            Section(
                id=section_def.id,
                number=numbers[section_def.id],
                title=section_def.title[language],
                clauses=clauses,
                part=section_def.part,
            )
        )
    return Document(
        meta=document_meta(library, choices, edition, context["terms"]),
        sections=tuple(sections),
        sources=sources_appendix(library, chosen, language, context),
    )


def number_clauses(library: Library, chosen: list[ClauseDef]) -> dict[str, str]:
    """Section id -> "4" and clause id -> "4.2", for the sections that have a chosen clause."""
    numbers: dict[str, str] = {}
    for section_def in library.meta.sections:
        clauses = [clause for clause in chosen if clause.section == section_def.id]
        if not clauses:
            continue
        number = str(sum(1 for key in numbers if "." not in numbers[key]) + 1)
        numbers[section_def.id] = number
        for index, clause in enumerate(clauses, start=1):
            numbers[clause.id] = f"{number}.{index}"
    return numbers


def cross_reference(numbers: dict[str, str]) -> Callable[..., str]:
    """`ref('communication.platform')` in a clause text: that clause's (or section's) number in
    this school's policy, which differs with the sections a school leaves out. Given several ids
    (clauses that stand in for each other under different choices), the first in the policy."""

    def ref(*targets: str) -> str:
        for target in targets:
            if target in numbers:
                return LibraryText(numbers[target])
        names = ", ".join(repr(target) for target in targets)
        raise LookupError(f"ref({names}): no such clause or section in this policy (left out by a choice?)")

    return ref


_MARKDOWN_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")  # what templating.escape_markdown adds to values


def render_terms(library: Library, choices: Choices, context: dict[str, Any]) -> dict[str, str]:
    """The library's terms for this school, e.g. the board's name by school type; in the order
    declared, each rendered as a clause text is, so a term may use the terms before it. A term is
    plain text (the escapes rendering gives the values in it are taken out): where a clause prints
    it, it is escaped once, as every value is."""
    terms: dict[str, str] = {}
    context = {**context, "terms": terms}
    for name, term in library.meta.terms.items():
        case = term.cases.get(choices.values.get(term.option))
        if case is None:
            continue
        try:
            rendered = render(case[choices.language], context).replace(TYPED_START, "").replace(TYPED_END, "")
            terms[name] = LibraryText(_MARKDOWN_ESCAPE.sub(r"\1", rendered).strip())
        except TemplateError as exc:
            where = f"{library.root}/library.yaml"
            said = Said("template_error", detail=template_detail(exc))
            raise PolicyError.at(where, None, f"terms.{name}", said) from None
    return terms


# ---- context and selection ----------------------------------------------------


def template_context(library: Library, choices: Choices) -> dict[str, Any]:
    """What clause texts and conditions see: every option (None where it does not apply)."""
    return values_context(library, choices.values, choices.language)


# ---- clause text ----------------------------------------------------------------


def clause_blocks(clause: ClauseDef, library: Library, choices: Choices, context: dict[str, Any]) -> tuple[Block, ...]:
    language = choices.language
    parts: list[tuple[str, str]] = []
    if clause.text:
        parts.append(("text", clause.text[language]))
    if clause.variants:
        value = choices.values.get(clause.variants.option)
        case = clause.variants.cases.get(value)
        if case is not None:
            parts.append((f"variants.{_key_name(value)}", case[language]))
    blocks: list[Block] = []
    for key, source in parts:
        try:
            markdown = render(source, context)
        except TemplateError as exc:
            said = Said("template_error", detail=template_detail(exc))
            raise PolicyError.at(clause.file, None, f"{clause.id}.{key}", said) from None
        blocks.extend(parse(markdown))
    if clause.table == "contacts":
        blocks.append(contact_table(library, choices))
    return tuple(blocks)


def contact_table(library: Library, choices: Choices) -> ContactTable:
    language = choices.language
    rows: list[ContactRow] = []
    for key, option in library.options.items():
        if option.type != "contact" or key not in choices.values:
            continue
        contact = choices.values[key] or {}
        if not any(str(contact.get(field) or "").strip() for field in ("name", "phone", "email")):
            continue  # a contact the school left blank is not an empty row
        role = option.label[language]
        title = contact.get("title", "")
        if title.casefold() == role.casefold():
            title = ""  # "Skoleleder" beside "Mette Østergaard, skoleleder" says it twice
        name = ", ".join(part for part in (contact.get("name", ""), title) if part)
        rows.append(ContactRow(role, name, contact.get("phone", ""), contact.get("email", "")))
    system = choices.values.get("choices.incident_system")
    if system:
        rows.append(ContactRow(phrase(language, "incident_system"), str(system), "", ""))
    headers = tuple(phrase(language, key) for key in ("col_role", "col_name", "col_phone", "col_email"))
    return ContactTable(headers=headers, rows=tuple(rows))  # type: ignore[arg-type]


def _key_name(value: Any) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)

