"""Choose the clauses whose conditions hold, fill them in, and build the Document IR."""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

from .document import (
    Block,
    Clause,
    ContactRow,
    ContactTable,
    Document,
    Meta,
    Section,
    Source,
)
from .errors import PolicyError
from .library import ClauseDef, Library, missing_translations
from .markup import parse
from .messages import Said, template_detail
from .phrases import LANG_TAGS, PHRASES, long_date, phrase
from .review import assign_decisions, review_note
from .templating import TemplateError, evaluate, render
from .validate import Choices, nest

FALLBACK_CREATED = dt.datetime(1980, 1, 1, tzinfo=dt.UTC)


def resolve(library: Library, choices: Choices, *, edition: str = "adopted") -> Document:
    """The school's policy as a Document: one function, read as its steps."""
    language = choices.language
    context = template_context(library, choices)
    chosen = select_clauses(library, context)
    missing = missing_translations(library, [language], chosen)
    if missing:
        raise PolicyError(missing)
    decisions = assign_decisions(library, chosen, choices) if edition == "review" else {}
    sections: list[Section] = []
    for section_def in library.meta.sections:
        clause_defs = [clause for clause in chosen if clause.section == section_def.id]
        if not clause_defs:
            continue
        number = str(len(sections) + 1)
        clauses = tuple(
            Clause(
                id=clause.id,
                number=f"{number}.{index}",
                title=clause.title[language],
                blocks=clause_blocks(clause, library, choices, context),
                status=clause.status,
                review=review_note(clause, library, choices, context, decisions.get(clause.id, []))
                if edition == "review"
                else None,
            )
            for index, clause in enumerate(clause_defs, start=1)
        )
        sections.append(
            Section(
                id=section_def.id,
                number=number,
                title=section_def.title[language],
                clauses=clauses,
                part=section_def.part,
            )
        )
    return Document(
        meta=document_meta(library, choices, edition),
        sections=tuple(sections),
        sources=sources_appendix(library, chosen, language),
    )


# ---- context and selection ----------------------------------------------------


def template_context(library: Library, choices: Choices) -> dict[str, Any]:
    """What clause texts and conditions see: every option (None where it does not apply)."""
    return values_context(library, choices.values, choices.language)


def values_context(library: Library, option_values: dict[str, Any], language: str) -> dict[str, Any]:
    """`template_context` of option values (dotted keys) before they are `Choices`."""
    values: dict[str, Any] = {}
    for key, option in library.options.items():
        value = option_values.get(key)
        if option.type == "date":
            value = long_date(value, language)
        elif option.type == "contact":
            value = {field: (value or {}).get(field, "") for field in ("name", "title", "phone", "email")}
        values[key] = value
    context = nest(values)
    context["lang"] = language
    return context


def select_clauses(library: Library, context: dict[str, Any]) -> list[ClauseDef]:
    order = library.section_index
    chosen = [clause for clause in library.clauses if _applies(clause, context)]
    return sorted(chosen, key=lambda clause: (order[clause.section], clause.order, clause.id))


def _applies(clause: ClauseDef, context: dict[str, Any]) -> bool:
    if clause.when is None:
        return True
    try:
        return bool(evaluate(clause.when, context))
    except TemplateError as exc:
        said = Said("when_not_evaluable", detail=template_detail(exc))
        raise PolicyError.at(clause.file, None, f"{clause.id}.when", said) from None


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
        name = ", ".join(part for part in (contact.get("name", ""), contact.get("title", "")) if part)
        rows.append(ContactRow(option.label[language], name, contact.get("phone", ""), contact.get("email", "")))
    system = choices.values.get("choices.incident_system")
    if system:
        rows.append(ContactRow(phrase(language, "incident_system"), str(system), "", ""))
    headers = tuple(phrase(language, key) for key in ("col_role", "col_name", "col_phone", "col_email"))
    return ContactTable(headers=headers, rows=tuple(rows))  # type: ignore[arg-type]


# ---- document metadata and sources --------------------------------------------------


def document_meta(library: Library, choices: Choices, edition: str) -> Meta:
    language = choices.language
    values = choices.values
    status = values.get("policy.status", "draft")
    version = str(values.get("policy.version", ""))
    adopted = values.get("policy.adopted")
    status_option = library.options.get("policy.status")
    status_label = status_option.choices[status].label[language] if status_option and status_option.choices else status
    facts: list[tuple[str, str]] = []
    if values.get("school.municipality"):
        facts.append((phrase(language, "municipality"), values["school.municipality"]))
    facts.append((phrase(language, "version"), version))
    facts.append((phrase(language, "status"), status_label))
    approval = library.options.get("policy.approval")
    if approval and approval.choices and values.get("policy.approval") in approval.choices:
        facts.append((phrase(language, "approved_by"), approval.choices[values["policy.approval"]].label[language]))
    if status == "adopted" and adopted:
        facts.append((phrase(language, "adopted"), long_date(adopted, language)))
    if values.get("policy.next_review"):
        facts.append((phrase(language, "next_review"), long_date(values["policy.next_review"], language)))
    if status == "adopted" and adopted:
        date_line = phrase(language, "date_adopted", date=long_date(adopted, language))
    else:
        date_line = phrase(language, "date_draft", version=version)
    school = values.get("school.name", "")
    return Meta(
        language=language,  # type: ignore[arg-type]
        lang_tag=LANG_TAGS[language],
        title=library.meta.title[language],
        school=school,
        municipality=values.get("school.municipality", ""),
        status=status,
        status_label=status_label,
        version=version,
        date_line=date_line,
        author=school,
        subject=phrase(language, "subject"),
        keywords=phrase(language, "keywords"),
        created=created_timestamp(adopted if status == "adopted" else None),
        cover_facts=tuple(facts),
        labels={key: PHRASES[language][key] for key in PHRASES[language]},
        logo=values.get("school.logo"),
        theme=choices.theme,
        edition=edition,  # type: ignore[arg-type]
    )


def created_timestamp(adopted: dt.date | None) -> str:
    """SOURCE_DATE_EPOCH if set, else the adoption date, else a fixed date: never the clock."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        moment = dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
    elif adopted is not None:
        moment = dt.datetime(adopted.year, adopted.month, adopted.day, tzinfo=dt.UTC)
    else:
        moment = FALLBACK_CREATED
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def sources_appendix(library: Library, chosen: list[ClauseDef], language: str) -> tuple[Source, ...]:
    entries: list[str] = []
    for ref in dict.fromkeys(clause.source.ref for clause in chosen):
        if ref == "practice":
            continue
        source = library.meta.sources[ref]
        detail = ", ".join(part for part in (source.date, source.address) if part)
        entries.append(f"{source.publisher}: {source.title[language]}" + (f" ({detail})" if detail else "") + ".")
    seen: set[tuple[str, str]] = set()
    for clause in chosen:
        for basis in clause.legal_basis:
            key = (basis.act[language], basis.paragraph)
            if key in seen:
                continue
            seen.add(key)
            cited = f"{basis.act[language]} {basis.paragraph}".strip()
            entries.append(f"{cited} ({phrase(language, 'checked_in')} {basis.checked_in}).")
    return tuple(Source(text) for text in entries)


def _key_name(value: Any) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)

