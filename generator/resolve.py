"""Choose the clauses whose conditions hold, fill them in, and build the Document IR."""

from __future__ import annotations

import datetime as dt
import os
import re
from typing import Any

from .document import (
    Alternative,
    Block,
    Clause,
    ContactRow,
    ContactTable,
    Document,
    ListBlock,
    Meta,
    Paragraph,
    ReviewNote,
    Run,
    Section,
    Source,
)
from .errors import PolicyError
from .library import ClauseDef, Library, OptionDef, missing_translations
from .markup import parse
from .phrases import LANG_TAGS, PHRASES, long_date, phrase
from .templating import TemplateError, evaluate, render
from .validate import Choices, nest

FALLBACK_CREATED = dt.datetime(1980, 1, 1, tzinfo=dt.UTC)
_OPTION_REF = re.compile(r"\b((?:school|policy|contacts|choices)(?:\.[a-z_][a-z0-9_]*)+)")


def resolve(library: Library, choices: Choices, *, edition: str = "adopted") -> Document:
    """The school's policy as a Document: one function, read as its steps."""
    language = choices.language
    context = template_context(library, choices)
    chosen = select_clauses(library, context)
    missing = missing_translations(library, [language], chosen)
    if missing:
        raise PolicyError(missing)
    decisions = assign_decisions(library, chosen)
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
                review=review_note(clause, library, choices, decisions.get(clause.id))
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
    language = choices.language
    values: dict[str, Any] = {}
    for key, option in library.options.items():
        value = choices.values.get(key)
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
        raise PolicyError.at(clause.file, None, f"{clause.id}.when", f"cannot be evaluated: {exc}") from None


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
            raise PolicyError.at(clause.file, None, f"{clause.id}.{key}", f"template error: {exc}") from None
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


# ---- review edition -------------------------------------------------------------


def assign_decisions(library: Library, chosen: list[ClauseDef]) -> dict[str, OptionDef]:
    """Give each decision point to the first clause it changes, so it is shown once."""
    assigned: dict[str, OptionDef] = {}
    taken: set[str] = set()
    for clause in chosen:
        for key in _decision_keys(clause):
            option = library.options.get(key)
            if option is None or key in taken or option.section in ("school", "policy", "contacts"):
                continue
            assigned[clause.id] = option
            taken.add(key)
            break
    return assigned


def _decision_keys(clause: ClauseDef) -> list[str]:
    keys = [clause.variants.option] if clause.variants else []
    keys += _OPTION_REF.findall(clause.when or "")
    for text in (clause.text or {}).values():
        keys += _OPTION_REF.findall(text)
    return keys


def review_note(
    clause: ClauseDef, library: Library, choices: Choices, option: OptionDef | None
) -> ReviewNote:
    language = choices.language
    commentary = _paragraphs(parse(clause.commentary[language]))
    note = ReviewNote(
        status_label=phrase(language, f"status_{clause.status}"),
        source=source_line(library, clause, language),
        commentary=commentary,
    )
    if option is None or not option.choices:
        return note
    value = choices.values.get(option.key)
    alternatives = tuple(
        Alternative(
            label=choice.label[language],
            consequence=choice.consequence[language],
            chosen=name == value,
            recommended=option.recommended is not None and name == option.recommended,
        )
        for name, choice in option.choices.items()
    )
    warning = departure_warning(option, value, language)
    return ReviewNote(
        status_label=note.status_label,
        source=note.source,
        commentary=note.commentary,
        decision=option.label[language],
        alternatives=alternatives,
        warning=warning,
    )


def _paragraphs(blocks: tuple[Block, ...]) -> tuple[Paragraph, ...]:
    """Commentary as paragraphs only (a margin comment has no lists): items become "– " lines."""
    out: list[Paragraph] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            out.append(block)
        elif isinstance(block, ListBlock):
            for item in block.items:
                for inner in _paragraphs(item):
                    out.append(Paragraph((Run("– "), *inner.runs)))
    return tuple(out)


def departure_warning(option: OptionDef, value: Any, language: str) -> str | None:
    """A sentence for the board when the school departs from the recommendation."""
    if option.recommended is None or value == option.recommended or not option.choices:
        return None
    recommended = option.choices[option.recommended].label[language]
    if language == "da":
        return f"Skolen fraviger anbefalingen her. Anbefalet: {recommended}."
    return f"The school departs from the recommendation here. Recommended: {recommended}."


def source_line(library: Library, clause: ClauseDef, language: str) -> str:
    passage = clause.source.passage[language]
    if clause.source.ref == "practice":
        return f"{phrase(language, 'source_practice')}: {passage}"
    source = library.meta.sources[clause.source.ref]
    return f"{source.publisher}: {passage}"


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

