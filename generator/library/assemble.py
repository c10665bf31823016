"""The library as a build sees it: a library folder read into models, the overlay folders laid over
it in order, and the whole cross-checked (sections, sources, options, variants, terms, quotes).

Kept apart from `model` (the definitions) so that `overlay`, which extends the definitions, and this
module, which applies overlays, import `model` and never each other.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from generator.errors import PolicyError, Problem
from generator.library.model import (
    ClauseDef,
    Library,
    LibraryMeta,
    _model,
    digest,
    load_clauses,
    load_options,
)
from generator.library.overlay import apply_overlay
from generator.load import load_yaml, read_text
from generator.messages import Said, quoted


def load_library(root: Path, overlays: Sequence[Path] = ()) -> Library:
    """Load and cross-check a library folder and its overlays; raise PolicyError listing every problem.

    What is doubtful rather than wrong in an overlay is kept in `Library.warnings`: `validate`
    reports it with the school's warnings (an error under --strict)."""
    root = Path(root)
    if not (root / "library.yaml").is_file():
        raise PolicyError.at(str(root), None, None, Said("not_a_library"))
    problems: list[Problem] = []
    meta = _model(LibraryMeta, load_yaml(root / "library.yaml"), problems)
    options = load_options(root / "options.yaml", problems)
    clauses = load_clauses(root, problems)
    if problems:
        raise PolicyError(problems)
    assert meta is not None
    warnings: list[Problem] = []
    for overlay in overlays:
        meta, options, clauses = apply_overlay(Path(overlay), meta, options, clauses, problems, warnings)
    library = Library(
        meta=meta,
        options=options,
        clauses=clauses,
        root=str(root),
        overlays=[str(Path(overlay)) for overlay in overlays],
        digest=digest(root, *overlays),
        warnings=tuple(warnings),
    )
    cross_check(library, problems)
    check_terms(library, problems)
    check_quotes(library, problems)
    if problems:
        raise PolicyError(problems)
    return library


def cross_check(library: Library, problems: list[Problem]) -> None:
    """References between files: sections, sources, options, variants, languages."""
    sections = set(library.section_index)
    fact_sections = {"school", "policy", "contacts"}
    seen: dict[str, str] = {}
    for key, option in library.options.items():
        file = f"{library.root}/options.yaml"
        if option.section not in sections | fact_sections:
            problems.append(Problem(file, None, key, Said("unknown_section", name=quoted(option.section))))
        if option.type in ("choice", "bool") and not option.choices:
            problems.append(Problem(file, None, key, Said("choice_needs_choices")))
        if option.type == "bool" and option.choices and set(option.choices) != {True, False}:
            problems.append(Problem(file, None, key, Said("bool_choices")))
        if option.choices and option.default is not None and option.default not in option.choices:
            problems.append(Problem(file, None, key, Said("default_not_a_choice", default=quoted(option.default))))
    for clause in library.clauses:
        def problem(said: Said, clause: ClauseDef = clause) -> None:
            problems.append(Problem(clause.file, None, clause.id, said))

        if clause.id in seen:
            problem(Said("clause_id_twice", file=seen[clause.id]))
        seen[clause.id] = clause.file
        if clause.section not in sections:
            problem(Said("unknown_section", name=quoted(clause.section)))
        if clause.source.ref not in library.meta.sources and clause.source.ref != "practice":
            problem(Said("unknown_source", name=quoted(clause.source.ref)))
        if clause.text is None and clause.variants is None and clause.table is None:
            problem(Said("clause_needs_text"))
        if clause.variants:
            option = library.options.get(clause.variants.option)
            if option is None:
                problem(Said("variants_unknown_option", name=quoted(clause.variants.option)))
            elif option.choices and set(clause.variants.cases) != set(option.choices):
                names = sorted(map(str, option.choices))
                problem(Said("variants_cover", names={"en": str(names), "da": ", ".join(names)}))


def check_terms(library: Library, problems: list[Problem]) -> None:
    """Each term names an option with alternatives and gives a word for every one of them."""
    for name, term in library.meta.terms.items():
        file, key = f"{library.root}/library.yaml", f"terms.{name}"
        option = library.options.get(term.option)
        if option is None or not option.choices:
            problems.append(Problem(file, None, key, Said("term_option", name=quoted(term.option))))
        elif set(term.cases) != set(option.choices):
            names = sorted(map(str, option.choices))
            said = Said("variants_cover", names={"en": str(names), "da": ", ".join(names)})
            problems.append(Problem(file, None, key, said))


def check_quotes(library: Library, problems: list[Problem]) -> None:
    """Every quote from a source whose text the library stores must be found in that text, word for word
    (spacing aside): what the library attributes to a source is only what the source says."""
    texts = {
        ref: _words(read_text(Path(library.root) / source.text))
        for ref, source in library.meta.sources.items()
        if source.text and (Path(library.root) / source.text).is_file()
    }
    quotes = [(clause.file, f"{clause.id}.source.quote", clause.source.ref, clause.source.quote)
              for clause in library.clauses]
    quotes += [(f"{library.root}/options.yaml", f"{key}.recommended_by.quote", option.recommended_by.ref,
                option.recommended_by.quote) for key, option in library.options.items() if option.recommended_by]
    for file, key, ref, quote in quotes:
        if quote and ref in texts and _words(quote) not in texts[ref]:
            problems.append(Problem(file, None, key, Said("quote_not_in_source", name=quoted(ref))))
    for key, option in library.options.items():
        if option.recommended_by and option.recommended_by.ref not in library.meta.sources:
            where = f"{key}.recommended_by.ref"
            name = quoted(option.recommended_by.ref)
            problems.append(Problem(f"{library.root}/options.yaml", None, where, Said("unknown_source", name=name)))


def _words(text: str) -> str:
    return " ".join(text.split())
