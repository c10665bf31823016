"""`policygen explain ID`: one clause or decision point, as terminal text.

A clause shows its title, section, status, source passage and quote, legal basis,
condition, the options it depends on, its text (with each variant) and commentary.
A decision point shows its question, help, alternatives with their consequences, the
recommendation, and the clauses whose text it changes. An unknown id is an error
(exit code 2) with the closest ids as a "did you mean".
"""

from __future__ import annotations

import difflib
import re
import textwrap
from typing import Any

from .errors import PolicyError, Problem
from .library import ClauseDef, Library, OptionDef
from .phrases import phrase
from .review import anchor_clause, option_refs, recommendation, source_line, status_label

WIDTH = 92
_WORDS = {
    "da": {
        "clause": "bestemmelse", "option": "beslutningspunkt", "section": "Afsnit", "status": "Status",
        "source": "Kilde", "quote": "Citat", "legal": "Lovgrundlag", "when": "Kun når", "depends": "Afhænger af",
        "text": "Tekst", "variants": "Varianter efter", "commentary": "Kommentar til skolebestyrelsen",
        "choices": "Valgmuligheder", "recommended": "anbefalet", "default": "standard",
        "changes": "Ændrer teksten i", "none": "(ingen bestemmelse nævner den)", "value": "Fri tekst; standard",
    },
    "en": {
        "clause": "clause", "option": "decision point", "section": "Section", "status": "Status",
        "source": "Source", "quote": "Quote", "legal": "Legal basis", "when": "Only when", "depends": "Depends on",
        "text": "Text", "variants": "Variants by", "commentary": "Commentary for the school board",
        "choices": "Alternatives", "recommended": "recommended", "default": "default",
        "changes": "Changes the text of", "none": "(no clause names it)", "value": "Free text; default",
    },
}


def explain(item: str, language: str = "da", library: Library | None = None) -> str:
    """The clause or option `item` of `library` (the default library) as text."""
    if library is None:
        from .build import default_library

        library = default_library()
    clause = library.clause(item)
    if clause is not None:
        return explain_clause(clause, library, language)
    if item in library.options:
        return explain_option(library.options[item], library, language)
    raise PolicyError(Problem(library.meta.id, None, None, unknown_message(item, library)))


def unknown_message(item: str, library: Library) -> str:
    ids = [clause.id for clause in library.clauses] + list(library.options)
    close = [known for known in ids if known.endswith("." + item)]
    close += [known for known in difflib.get_close_matches(item, ids, n=3, cutoff=0.6) if known not in close]
    hint = f"; did you mean {' or '.join(repr(c) for c in close[:3])}?" if close else ""
    return f"no clause or option {item!r}{hint} (`policygen options` lists the options)"


def explain_clause(clause: ClauseDef, library: Library, language: str) -> str:
    words = _WORDS[language]
    section = next(s for s in library.meta.sections if s.id == clause.section)
    lines = [f"{clause.id}  ({words['clause']})", clause.title[language], ""]
    lines.append(f"{words['section']}: {section.title[language]}")
    lines.append(f"{words['status']}: {status_label(clause, library, language)} ({clause.status})")
    lines += _wrapped(f"{words['source']}: {source_line(library, clause, language)}", "", "  ")
    if clause.source.ref in library.meta.sources:
        lines += _wrapped(library.meta.sources[clause.source.ref].title[language], "  ")
    if clause.source.quote:
        lines += _wrapped(f"{words['quote']}: »{clause.source.quote}«", "", "  ")
    for basis in clause.legal_basis:
        cited = f"{basis.act[language]} {basis.paragraph_in(language)}".strip()
        lines += _wrapped(f"{words['legal']}: {cited} ({phrase(language, 'checked_in')} {basis.checked_in})", "", "  ")
    if clause.when:
        lines.append(f"{words['when']}: {clause.when}")
    lines.append(f"{words['depends']}: {', '.join(option_refs(clause, library)) or '-'}")
    if clause.text:
        lines += ["", f"{words['text']}:", *_block(clause.text[language])]
    if clause.variants:
        option = library.options[clause.variants.option]
        lines += ["", f"{words['variants']} {option.key}:"]
        for name, text in clause.variants.cases.items():
            marks = f" [{words['recommended']}]" if name == option.recommended else ""
            label = option.choices[name].label[language] if option.choices and name in option.choices else ""
            lines += [f"  {_name(name)} ({label}){marks}:", *_block(text[language], "      ")]
    lines += ["", f"{words['commentary']}:", *_block(clause.commentary[language])]
    return "\n".join(lines) + "\n"


def explain_option(option: OptionDef, library: Library, language: str) -> str:
    words = _WORDS[language]
    lines = [f"{option.key}  ({words['option']}, {option.type})", option.label[language], ""]
    lines += _wrapped(option.help[language])
    if option.when:
        lines.append(f"{words['when']}: {option.when}")
    if option.choices:
        lines += ["", f"{words['choices']}:"]
        for name, choice in option.choices.items():
            marks = [words["recommended"]] if name == option.recommended else []
            marks += [words["default"]] if name == option.default else []
            shown = f" [{', '.join(marks)}]" if marks else ""
            lines.append(f"  - {_name(name)}: {choice.label[language]}{shown}")
            lines += _wrapped(choice.consequence[language], indent="      ")
    elif option.default not in (None, "", {}):
        lines.append(f"{words['value']}: {_name(option.default)}")
    advice = recommendation(option, library, language)
    if advice:
        lines += ["", *_wrapped(advice)]
    order = library.section_index
    clauses = sorted(
        (clause for clause in library.clauses if option.key in option_refs(clause, library)),
        key=lambda clause: (order[clause.section], clause.order, clause.id),
    )
    lines += ["", f"{words['changes']}:"]
    lines += [
        f"  {clause.id} ({clause.title[language]}; {clause.status})" for clause in clauses
    ] or [f"  {words['none']}"]
    if clauses:  # the commentary of the clause the review edition shows the decision on
        refs = {clause.id: option_refs(clause, library) for clause in library.clauses}
        main = anchor_clause(option, library, clauses, refs)
        lines += ["", f"{words['commentary']} ({main.id}):", *_block(main.commentary[language])]
    return "\n".join(lines) + "\n"


def _block(text: str, indent: str = "    ") -> list[str]:
    """Markdown text reflowed and indented: paragraphs and list items each wrapped on their own."""
    lines: list[str] = []
    for logical in _logical_lines(text):
        if not logical.strip():
            lines.append("")
            continue
        stripped = logical.lstrip()
        marker = re.match(r"([-*]|\d+\.)\s+", stripped)
        hang = " " * (len(logical) - len(stripped) + (marker.end() if marker else 0))
        lines += _wrapped(logical, indent, indent + hang)
    return lines


def _logical_lines(text: str) -> list[str]:
    """Source lines joined into paragraphs and list items (YAML texts break lines anywhere)."""
    out: list[str] = []
    for line in text.strip().splitlines():
        starts_item = re.match(r"\s*([-*]|\d+\.)\s", line) is not None
        if not line.strip() or not out or not out[-1].strip() or starts_item:
            out.append(line.rstrip())
        else:
            out[-1] += " " + line.strip()
    return out


def _wrapped(text: str, indent: str = "", subsequent: str | None = None) -> list[str]:
    return textwrap.wrap(
        text, WIDTH, initial_indent=indent, subsequent_indent=indent if subsequent is None else subsequent
    ) or [indent.rstrip()]


def _name(value: Any) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)
