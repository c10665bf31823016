"""`policygen explain ID`: one clause or decision point, as terminal text.

A clause shows its title, section, status, source passage and quote, legal basis,
condition (as a sentence), the options it depends on, its text (with each variant) and
commentary. The texts are filled in with the suggested answers, a "[label]" standing for
each of the school's own facts, and shown as plain text, not Markdown or Jinja source. A
decision point shows its question, help, alternatives with their consequences, the
recommendation, and the clauses whose text it changes. An unknown id is an error (exit
code 2) with the closest ids as a "did you mean".
"""

from __future__ import annotations

import difflib
import textwrap
from pathlib import Path
from typing import Any

from generator.compose.markup import parse
from generator.compose.review import anchor_clause, option_refs, recommendation, source_line, status_label
from generator.document import Block
from generator.errors import PolicyError, Problem
from generator.frontends.terminal_text import block_lines
from generator.library.model import ClauseDef, Library, OptionDef
from generator.library.templating import TemplateError, render
from generator.messages import Said, quoted, say, words
from generator.options.describe import choice_line, condition_sentence, shown_default, value_name
from generator.options.validate import Choices
from generator.phrases import phrase

WIDTH = 92


def explain(item: str, language: str = "da", library: Library | None = None) -> str:
    """The clause or option `item` of `library` (the default library) as text."""
    if library is None:
        from generator.pipeline import default_library

        library = default_library()
    clause = library.clause(item)
    if clause is not None:
        return explain_clause(clause, library, language)
    if item in library.options:
        return explain_option(library.options[item], library, language)
    raise PolicyError(Problem(library.meta.id, None, None, unknown_message(item, library)))


def unknown_message(item: str, library: Library) -> Said:
    ids = [clause.id for clause in library.clauses] + list(library.options)
    close = [known for known in ids if known.endswith("." + item)]
    close += [known for known in difflib.get_close_matches(item, ids, n=3, cutoff=0.6) if known not in close]
    names = {language: [quoted(name)[language] for name in close[:3]] for language in ("en", "da")}
    joined = {language: f" {words('or')[language]} ".join(shown) for language, shown in names.items()}
    hint = Said("did_you_mean", name=joined) if close else ""
    return Said("no_such_item", item=quoted(item), hint=hint)


def explain_clause(clause: ClauseDef, library: Library, language: str) -> str:
    section = next(s for s in library.meta.sections if s.id == clause.section)
    lines = [f"{clause.id}  ({say(language, 'explain_clause')})", clause.title[language], ""]
    lines.append(say(language, "explain_section", title=section.title[language]))
    lines.append(say(language, "explain_status", status=status_label(clause, library, language)))
    lines += _wrapped(say(language, "explain_source", source=source_line(library, clause, language)), "", "  ")
    if clause.source.ref in library.meta.sources:
        lines += _wrapped(library.meta.sources[clause.source.ref].title[language], "  ")
    if clause.source.quote:
        lines += _wrapped(say(language, "explain_quote", quote=clause.source.quote), "", "  ")
    for basis in clause.legal_basis:
        cited = f"{basis.act[language]} {basis.paragraph_in(language)}".strip()
        checked = f"{cited} ({phrase(language, 'checked_in')} {basis.checked_in})"
        lines += _wrapped(say(language, "explain_legal", basis=checked), "", "  ")
    if clause.when:
        lines += _wrapped(condition_sentence(clause.when, library, language), "", "  ")
    refs = option_refs(clause, library)
    depends = say(language, "explain_depends", options=", ".join(refs) or say(language, "explain_depends_none"))
    lines += _wrapped(depends, "", "  ")
    example = _example(library, language)
    if clause.text or clause.table:
        lines += ["", say(language, "explain_text")]
        lines += _text_lines(clause.text[language] if clause.text else "", clause, example, language)
    if clause.variants:
        option = library.options[clause.variants.option]
        lines += ["", *_wrapped(say(language, "explain_variants", label=option.label[language], key=option.key))]
        for name, text in clause.variants.cases.items():
            lines += [f"  - {_variant_line(option, name, language)}:"]
            lines += _text_lines(text[language], None, example, language, "      ")
    lines += ["", say(language, "explain_commentary")]
    lines += _text_lines(clause.commentary[language], None, example, language)
    return "\n".join(lines) + "\n"


def explain_option(option: OptionDef, library: Library, language: str) -> str:
    kind = say(language, "answer_kind", kind=say(language, f"type_{option.type}"))
    lines = [f"{option.key}  ({say(language, 'explain_option')}; {kind})", option.label[language], ""]
    lines += _wrapped(option.help[language])
    if option.when:
        lines += _wrapped(condition_sentence(option.when, library, language))
    if option.choices:
        lines += ["", say(language, "explain_choices")]
        for name in option.choices:
            lines.append(f"  - {choice_line(option, name, language)}")
            lines += _wrapped(option.choices[name].consequence[language], indent="      ")
    elif option.default not in (None, "", {}):
        lines.append(say(language, "default_value", value=shown_default(option.default)))
    advice = recommendation(option, library, language)
    if advice:
        lines += ["", *_wrapped(advice)]
    order = library.section_index
    clauses = sorted(
        (clause for clause in library.clauses if option.key in option_refs(clause, library)),
        key=lambda clause: (order[clause.section], clause.order, clause.id),
    )
    lines += ["", say(language, "explain_changes")]
    for clause in clauses:
        lines += _wrapped(f"{clause.id} ({clause.title[language]}; {status_label(clause, library, language)})",
                          "  ", "      ")
    if not clauses:
        lines.append(f"  {say(language, 'explain_changes_none')}")
    if clauses:  # the commentary of the clause the review edition shows the decision on
        refs = {clause.id: option_refs(clause, library) for clause in library.clauses}
        main = anchor_clause(option, library, clauses, refs)
        example = _example(library, language)
        lines += ["", say(language, "explain_commentary_of", clause=main.id)]
        lines += _text_lines(main.commentary[language], None, example, language)
    return "\n".join(lines) + "\n"


def _variant_line(option: OptionDef, name: Any, language: str) -> str:
    """`Frarådes (advised-against) [anbefalet]`: a variant named by its answer's label, value and marks."""
    if not option.choices or name not in option.choices:
        return value_name(name)
    mark = f" [{say(language, 'mark_recommended')}]" if name == option.recommended else ""
    return f"{option.choices[name].label[language]} ({value_name(name)}){mark}"


# ---- clause text, filled in with example answers --------------------------------------------


def _text_lines(
    source: str, clause: ClauseDef | None, example: dict[str, Any] | None, language: str, indent: str = "    "
) -> list[str]:
    """A clause's Markdown and Jinja text as plain lines, filled in with the example answers."""
    blocks: list[Block] = []
    if source.strip():
        try:
            markdown = render(source, example) if example is not None else source
        except TemplateError:
            markdown = source
        blocks += parse(markdown)
    lines = block_lines(tuple(blocks), indent, WIDTH)
    if clause is not None and clause.table == "contacts":
        lines += (["" ] if lines else []) + [indent + say(language, "explain_contacts_table")]
    return lines


def _example(library: Library, language: str) -> dict[str, Any] | None:
    """What clause texts see when every question has its suggested answer and each of the school's
    own facts is a "[label]" placeholder (None if those answers do not validate)."""
    key = (library.root, tuple(library.overlays), library.digest, language)
    if key not in _EXAMPLES:
        _EXAMPLES[key] = _example_context(library, language)
    return _EXAMPLES[key]


_EXAMPLES: dict[tuple[Any, ...], dict[str, Any] | None] = {}


def _example_context(library: Library, language: str) -> dict[str, Any] | None:
    from generator.compose.resolve import number_clauses, render_terms, template_context
    from generator.frontends.interview import check_values, starting_values
    from generator.library.selection import select_clauses

    values = starting_values(library)
    for key, option in library.options.items():
        placeholder = say(language, "explain_placeholder", label=option.label[language])
        if option.type == "text" and not values[key]:
            values[key] = placeholder[: option.max_length]
        elif option.type == "contact" and not (values[key] or {}).get("name"):
            values[key] = {**(values[key] or {}), "name": placeholder}
    checked = check_values(library, language, values, base_dir=Path.cwd())
    choices: Choices | None = checked.choices
    if choices is None:
        return None
    context = template_context(library, choices)
    for key, option in library.options.items():  # a question that does not apply with these answers, too
        placeholder = say(language, "explain_placeholder", label=option.label[language])
        *parents, leaf = key.split(".")
        node = context
        for part in parents:
            node = node.setdefault(part, {})
        if option.type in ("text", "date") and not node.get(leaf):
            node[leaf] = placeholder
        elif option.type == "contact" and isinstance(node.get(leaf), dict) and not node[leaf].get("name"):
            node[leaf] = {**node[leaf], "name": placeholder}
    numbers = number_clauses(library, select_clauses(library, context))  # as the example policy numbers them

    def ref(*targets: str) -> str:
        return next((numbers[target] for target in targets if target in numbers), "…")

    context["ref"] = ref
    context["terms"] = render_terms(library, choices, context)
    return context


def _wrapped(text: str, indent: str = "", subsequent: str | None = None) -> list[str]:
    return textwrap.wrap(
        text, WIDTH, initial_indent=indent, subsequent_indent=indent if subsequent is None else subsequent
    ) or [indent.rstrip()]


def _name(value: Any) -> str:
    return value_name(value)
