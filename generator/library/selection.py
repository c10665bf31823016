"""Which clauses apply under a school's option values, and the context their texts and conditions
see (`{{ choices.platform }}`, `{% if contacts.union.email %}`): option values nested by their
dotted keys, dates spelt as the document prints them, every contact with all its fields.

Kept in the library stage because both the options file's check (`printed_values`, from
`validate`) and composing the document (`resolve`) ask it; neither imports the other.
"""

from __future__ import annotations

from typing import Any

from generator.errors import PolicyError
from generator.library.model import ClauseDef, Library
from generator.library.templating import TemplateError, evaluate
from generator.messages import Said, template_detail
from generator.phrases import long_date


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
    chosen = [clause for clause in library.clauses
              if condition_holds(clause.when, context, clause.file, f"{clause.id}.when")]
    return sorted(chosen, key=lambda clause: (order[clause.section], clause.order, clause.id))


def condition_holds(when: str | None, context: dict[str, Any], file: str, key: str) -> bool:
    """Whether a clause's or an option's `when` holds under the school's values (no condition: it
    does); a condition that cannot be evaluated is the library's error, at `file` and `key`."""
    if when is None:
        return True
    try:
        return bool(evaluate(when, context))
    except TemplateError as exc:
        said = Said("when_not_evaluable", detail=template_detail(exc))
        raise PolicyError.at(file, None, key, said) from None


def nest(values: dict[str, Any]) -> dict[str, Any]:
    tree: dict[str, Any] = {}
    for key, value in values.items():
        node = tree
        *parents, leaf = key.split(".")
        for part in parents:
            node = node.setdefault(part, {})
        node[leaf] = value
    return tree
