"""The appendix of sources and legal basis: each source once, named as a reader would cite it."""

from __future__ import annotations

from typing import Any

from generator.document import Source
from generator.errors import PolicyError
from generator.library.model import ClauseDef, Library, SourceDef
from generator.library.templating import TemplateError, evaluate
from generator.messages import Said, template_detail

_KIND_ORDER = {"guidance": 0, "law": 1, "authority": 2, "practice": 3}


def sources_appendix(
    library: Library, chosen: list[ClauseDef], language: str, context: dict[str, Any]
) -> tuple[Source, ...]:
    """One entry a source, guidance first, then laws, then authorities, each in order of first use.

    A law is cited by its name and the paragraphs the chosen clauses rest on ("Straffeloven,
    §§ 152 og 266."); how each paragraph was checked stays in the library and the review edition.
    A legal basis with a `when` is cited only where its condition holds for this school."""
    cited: dict[str, tuple[int, int, str, list[str]]] = {}  # name -> (kind order, first use, lead, paragraphs)

    def add(kind: str, name: str, lead: str, paragraph: str = "") -> None:
        order, first, text, paragraphs = cited.get(name, (_KIND_ORDER[kind], len(cited), lead, []))
        if paragraph and paragraph not in paragraphs:
            paragraphs.append(paragraph)
        cited[name] = (order, first, text, paragraphs)

    for clause in chosen:
        if clause.source.ref in library.meta.sources:
            source = library.meta.sources[clause.source.ref]
            add(source.kind, source.title[language], _lead(source, language))
        for basis in clause.legal_basis:
            if basis.when is None or _holds(basis.when, context, clause):
                add("law", basis.act[language], basis.act[language], basis.paragraph_in(language))
    entries = sorted(cited.values(), key=lambda entry: entry[:2])
    return tuple(Source(_entry(lead, paragraphs, language)) for _, _, lead, paragraphs in entries)


def _lead(source: SourceDef, language: str) -> str:
    if source.kind == "law":
        return source.title[language]
    lead = f"{source.publisher}: {source.title[language]}"
    if not source.date:
        return lead
    date = source.date[language]
    return f"{lead}{'' if lead.endswith(('?', '!')) else '.'} {date[:1].upper()}{date[1:]}"


def _entry(lead: str, paragraphs: list[str], language: str) -> str:
    text = f"{lead}, {join_paragraphs(paragraphs)}" if paragraphs else lead
    return text if text.endswith((".", "?", "!")) else f"{text}."


_PLURAL = {"§": "§§", "section": "sections", "art.": "art.", "artikel": "artikel", "Article": "Articles"}
_AND = {"§": "og", "artikel": "og", "art.": "og", "section": "and", "Article": "and"}


def join_paragraphs(paragraphs: list[str]) -> str:
    """"§ 152", "§ 266" -> "§§ 152 og 266"; "section 1 b", "section 1 c" -> "sections 1 b and 1 c".
    Paragraphs of different kinds, or with subsections, are joined as written."""
    if len(paragraphs) == 1:
        return paragraphs[0]
    kinds = {p.split(" ", 1)[0] for p in paragraphs}
    kind = next(iter(kinds))
    if len(kinds) == 1 and kind in _PLURAL and all("," not in p and "(" not in p for p in paragraphs):
        numbers = [p.split(" ", 1)[1] for p in paragraphs]
        return f"{_PLURAL[kind]} {', '.join(numbers[:-1])} {_AND[kind]} {numbers[-1]}"
    word = _AND.get(kind, "og")
    return f"{', '.join(paragraphs[:-1])} {word} {paragraphs[-1]}"


def _holds(condition: str, context: dict[str, Any], clause: ClauseDef) -> bool:
    try:
        return bool(evaluate(condition, context))
    except TemplateError as exc:
        key = f"{clause.id}.legal_basis.when"
        raise PolicyError.at(clause.file, None, key, Said("when_not_evaluable", detail=template_detail(exc))) from None
