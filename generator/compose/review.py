"""The review edition: each decision point beside the clause whose text it changes.

A decision point is an option the school answers under `choices.`, or any other option
with alternatives that a clause's text depends on (`school.type`, `policy.approval`).
Each one that applies is shown exactly once, on the clause it changes: the clause whose
variants it picks, else the first clause of its own section that names it, else the
first clause whose condition names it (the clause it brings in), else the first clause
that names it. An option whose clauses are all switched off (a section
left out) is shown where that text would have stood: on the last clause before it.

`option_refs` is also what the redline uses to say which choice changed which clause.
"""

from __future__ import annotations

import re
from typing import Any

from generator.compose.markup import parse
from generator.document import Alternative, Block, Decision, ListBlock, Paragraph, ReviewNote, Run
from generator.errors import PolicyError
from generator.library.model import ClauseDef, Library, OptionDef
from generator.library.templating import TemplateError, render
from generator.messages import Said, template_detail
from generator.options.validate import Choices, departs, recommended_by
from generator.phrases import phrase

FACT_SECTIONS = ("school", "policy", "contacts")
_OPTION_REF = re.compile(r"\b((?:school|policy|contacts|choices)(?:\.[a-z_][a-z0-9_]*)+)")


# ---- which options a clause depends on ----------------------------------------------


def option_refs(clause: ClauseDef, library: Library) -> list[str]:
    """The option keys a clause depends on: its variants, its condition, its texts, its table."""
    found: list[str] = [clause.variants.option] if clause.variants else []
    found += _OPTION_REF.findall(clause.when or "")
    texts = list((clause.text or {}).values())
    if clause.variants:
        texts += [text for case in clause.variants.cases.values() for text in case.values()]
    for text in texts:
        found += _OPTION_REF.findall(text)
    if clause.table == "contacts":
        found += [key for key, option in library.options.items() if option.type == "contact"]
        found.append("choices.incident_system")
    keys = (_option_key(ref, library) for ref in found)
    return list(dict.fromkeys(key for key in keys if key is not None))


def condition_refs(clause: ClauseDef, library: Library) -> list[str]:
    """The option keys a clause's condition (`when`) names: what makes it come or go."""
    keys = (_option_key(ref, library) for ref in _OPTION_REF.findall(clause.when or ""))
    return list(dict.fromkeys(key for key in keys if key is not None))


def _option_key(ref: str, library: Library) -> str | None:
    """`contacts.union.name` -> `contacts.union`: the longest prefix that is an option."""
    while ref:
        if ref in library.options:
            return ref
        ref = ref.rpartition(".")[0]
    return None


def is_decision_point(option: OptionDef, library: Library) -> bool:
    if option.key.startswith("choices."):
        return True
    return bool(option.choices) and any(option.key in option_refs(clause, library) for clause in library.clauses)


def decision_points(library: Library, choices: Choices) -> list[OptionDef]:
    """The decision points that apply to this school, in the order of the option schema."""
    return [
        option
        for key, option in library.options.items()
        if key in choices.values and is_decision_point(option, library)
    ]


# ---- where each decision point is shown ------------------------------------------------


def assign_decisions(library: Library, chosen: list[ClauseDef], choices: Choices) -> dict[str, list[OptionDef]]:
    """Clause id -> the decision points shown on it; every decision point exactly once."""
    assigned: dict[str, list[OptionDef]] = {}
    if not chosen:
        return assigned
    refs = {clause.id: option_refs(clause, library) for clause in library.clauses}
    for option in decision_points(library, choices):
        clause = anchor_clause(option, library, chosen, refs)
        assigned.setdefault(clause.id, []).append(option)
    return assigned


def anchor_clause(
    option: OptionDef, library: Library, chosen: list[ClauseDef], refs: dict[str, list[str]]
) -> ClauseDef:
    """The clause whose text `option` changes (see the module's docstring for the order)."""
    naming = [clause for clause in chosen if option.key in refs[clause.id]]
    picked = (
        next((c for c in naming if c.variants and c.variants.option == option.key), None)
        or next((c for c in naming if c.section == option.section), None)
        or next((c for c in naming if option.key in condition_refs(c, library)), None)
        or next(iter(naming), None)
    )
    if picked is not None:
        return picked
    places = [_sort_key(library, clause) for clause in library.clauses if option.key in refs[clause.id]]
    position = min(places, default=_sort_key(library, None, option))
    before = [clause for clause in chosen if _sort_key(library, clause) < position]
    return before[-1] if before else chosen[0]


def _sort_key(library: Library, clause: ClauseDef | None, option: OptionDef | None = None) -> tuple[int, int, str]:
    """A clause's place in the document; for no clause, the start of the option's section."""
    index = library.section_index
    if clause is not None:
        return (index[clause.section], clause.order, clause.id)
    section = option.section if option is not None else ""
    return (index.get(section, len(index)), -(10**9), "")


# ---- the note --------------------------------------------------------------------------


def review_note(
    clause: ClauseDef,
    library: Library,
    choices: Choices,
    context: dict[str, Any],
    options: list[OptionDef],
) -> ReviewNote:
    language = choices.language
    try:
        commentary = render(clause.commentary[language], context)
    except TemplateError as exc:
        said = Said("template_error", detail=template_detail(exc))
        raise PolicyError.at(clause.file, None, f"{clause.id}.commentary", said) from None
    return ReviewNote(
        status_label=status_label(clause, library, language),
        source=source_line(library, clause, language),
        commentary=_paragraphs(parse(commentary)),
        decisions=tuple(decision(option, library, choices) for option in options),
    )


def decision(option: OptionDef, library: Library, choices: Choices) -> Decision:
    language = choices.language
    value = choices.values.get(option.key)
    alternatives = tuple(
        Alternative(
            label=choice.label[language],
            consequence=choice.consequence[language],
            chosen=name == value,
            recommended=option.recommended is not None and name == option.recommended,
        )
        for name, choice in (option.choices or {}).items()
    )
    return Decision(
        key=option.key,
        question=option.label[language],
        alternatives=alternatives,
        value=None if option.choices else _shown(value),
        recommendation=recommendation(option, library, language),
        warning=departure_warning(option, value, language, library),
    )


def recommendation(option: OptionDef, library: Library, language: str) -> str | None:
    """The sentence naming the recommended answer and whose recommendation it is: the guidance's
    only where its own words say it (quoted), else this library's."""
    if option.recommended is None:
        return phrase(language, "recommendation_none") if option.choices else None
    choice = _answer(option, option.recommended, language)
    if recommended_by(option, library) == "guidance" and option.recommended_by:
        publisher = library.meta.sources[option.recommended_by.ref].publisher
        return phrase(language, "recommendation_guidance", choice=choice, publisher=publisher,
                      quote=option.recommended_by.quote)
    return phrase(language, "recommendation_library", choice=choice)


def departure_warning(option: OptionDef, value: Any, language: str, library: Library) -> str | None:
    """A sentence for the board when the school departs from the recommended alternative."""
    if not departs(option, value):
        return None
    choice = _answer(option, option.recommended, language)
    if recommended_by(option, library) == "guidance" and option.recommended_by:
        publisher = library.meta.sources[option.recommended_by.ref].publisher
        return phrase(language, "departure_guidance", choice=choice, publisher=publisher)
    return phrase(language, "departure_library", choice=choice)


def _answer(option: OptionDef, name: Any, language: str) -> str:
    if option.choices and name in option.choices:
        return option.choices[name].label[language]
    return _shown(name)


def _shown(value: Any) -> str:
    if isinstance(value, dict):
        return ", ".join(str(part) for part in value.values() if part)
    return "" if value is None else str(value)


def status_label(clause: ClauseDef, library: Library, language: str) -> str:
    """"Anbefalet i vejledningen fra Kolding Lærerkreds" (naming the clause's own source), "Lovbestemt", ..."""
    source = library.meta.sources.get(clause.source.ref)
    publisher = source.publisher if source is not None else ""
    return phrase(language, f"status_{clause.status}", publisher=publisher)


def source_line(library: Library, clause: ClauseDef, language: str) -> str:
    """Where a clause comes from, as a reader would look it up: a law by its name, else the publisher."""
    passage = clause.source.passage[language]
    if clause.source.ref == "practice":
        return f"{phrase(language, 'source_practice')}: {passage}"
    source = library.meta.sources[clause.source.ref]
    name = source.title[language] if source.kind == "law" else source.publisher
    return f"{name}: {passage}"


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
