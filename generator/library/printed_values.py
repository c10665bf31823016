"""Which option values the clause texts print under a school's choices; none of them may be empty.

A clause prints a value with `{{ choices.platform }}` or `{{ contacts.union.name }}`; empty, it
leaves a gap a reader sees ("foregår på .", "Registrér hændelsen i ."). Which values those are is
read from the clause texts themselves, for any library and overlay, not from a hand list: each
clause that applies is rendered (text, the chosen variant, the review edition's commentary) with
the school's values, every empty text standing in as a `Traced` empty string that knows its key.
Jinja2 passes every `{{ }}` it prints through `finalize`, which notes the traced ones; a value
tested in a condition (`{% if choices.platform %}`) and not printed is not noted, and neither is
one a filter has turned into another string.
"""

from __future__ import annotations

from contextvars import ContextVar
from functools import lru_cache
from typing import Any

from jinja2 import StrictUndefined

from generator.library.model import ClauseDef, Library
from generator.library.sandbox import BoundedSandbox, bounded
from generator.library.selection import select_clauses, values_context

_PRINTED: ContextVar[list[str] | None] = ContextVar("printed", default=None)


class Traced(str):
    """An empty value that remembers the option (or contact field) it stands for."""

    key: str

    def __new__(cls, key: str) -> Traced:
        traced = super().__new__(cls, "")
        traced.key = key
        return traced


def _note(value: Any) -> Any:
    noted = _PRINTED.get()
    if isinstance(value, Traced) and noted is not None:
        noted.append(value.key)
    return "" if value is None else value


@lru_cache(maxsize=1)
def _environment() -> BoundedSandbox:
    """The clause texts' sandbox (`templating`), with the same bounds, noting what it prints."""
    return BoundedSandbox(undefined=StrictUndefined, finalize=_note, autoescape=False, keep_trailing_newline=True)


@lru_cache(maxsize=2048)
def _template(source: str) -> Any:
    return _environment().template(source)


def empty_printed(library: Library, values: dict[str, Any], language: str) -> dict[str, ClauseDef]:
    """Each empty option value (dotted key; a contact's field as `contacts.union.name`) that a clause
    applying under `values` prints, with the first such clause in the document's order."""
    context = _traced(values_context(library, values, language), "")
    found: dict[str, ClauseDef] = {}
    for clause in select_clauses(library, context):
        for source in clause_sources(clause, values, language):
            for key in printed_keys(source, context):
                found.setdefault(key, clause)
    return found


def clause_sources(clause: ClauseDef, values: dict[str, Any], language: str) -> list[str]:
    """The templates a clause renders: its text, the variant chosen by `values`, its commentary."""
    sources = [clause.text[language]] if clause.text and clause.text.get(language) else []
    if clause.variants:
        case = clause.variants.cases.get(values.get(clause.variants.option))
        if case is not None and case.get(language):
            sources.append(case[language])
    if clause.commentary.get(language):
        sources.append(clause.commentary[language])
    return sources


def printed_keys(source: str, context: dict[str, Any]) -> list[str]:
    """The keys of the traced (empty) values that rendering `source` prints; none if it cannot be
    rendered (resolving the clause reports that)."""
    noted: list[str] = []
    token = _PRINTED.set(noted)
    try:
        with bounded():
            _template(source).render(context)
    except Exception:  # a clause that cannot be rendered: resolving it reports that, at the clause
        return []
    finally:
        _PRINTED.reset(token)
    return noted


def _traced(node: Any, key: str) -> Any:
    """The context with every empty string replaced by a `Traced` one for its dotted key."""
    if isinstance(node, dict):
        return {name: _traced(value, f"{key}.{name}" if key else name) for name, value in node.items()}
    if isinstance(node, str) and node == "":
        return Traced(key)
    return node
