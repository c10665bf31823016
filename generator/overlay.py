"""Overlays: a union's or school's own clause folder laid over a library.

An overlay folder may hold
  overlay.yaml   title, extra sources, extra sections (placed `after` a section), `remove` (clause ids)
  options.yaml   new decision points (an overlay adds options; it cannot redefine the library's)
  clauses/       clause files: a clause with a library clause's id, or with `replaces: ID`, takes
                 that clause's place; any other id is added
Every clause keeps its `origin`, so the build record and the review edition can say where it came from.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from .errors import PolicyError, Problem, did_you_mean
from .library import (
    ClauseDef,
    LibraryMeta,
    OptionDef,
    SectionDef,
    SourceDef,
    Text,
    _model,
    load_clauses,
    load_options,
)
from .load import load_yaml, unreadable_path
from .messages import Said, quoted


class OverlaySection(SectionDef):
    after: str | None = None  # the section it follows; at the end of its part when omitted


class OverlayMeta(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    title: Text | None = None
    sources: dict[str, SourceDef] = {}
    sections: list[OverlaySection] = []
    remove: list[str] = []


def is_overlay(folder: Path) -> bool:
    """Whether `folder` holds an overlay's parts (any of overlay.yaml, options.yaml, clauses/)."""
    return any((folder / name).exists() for name in ("overlay.yaml", "options.yaml", "clauses"))


def apply_overlay(
    folder: Path,
    meta: LibraryMeta,
    options: dict[str, OptionDef],
    clauses: list[ClauseDef],
    problems: list[Problem],
) -> tuple[LibraryMeta, dict[str, OptionDef], list[ClauseDef]]:
    """The library's parts with the overlay in `folder` applied; problems are appended, not raised."""
    if (why := unreadable_path(folder, folder=True)) is not None:
        said = Said("overlay_missing") if why == "missing" else Said("overlay_unreadable", reason=why)
        raise PolicyError.at(str(folder), None, None, said)
    if not is_overlay(folder):
        raise PolicyError.at(str(folder), None, None, Said("not_an_overlay"))
    overlay = OverlayMeta()
    overlay_file = folder / "overlay.yaml"
    if overlay_file.is_file():
        loaded = load_yaml(overlay_file)
        overlay = _model(OverlayMeta, loaded, problems) or overlay  # type: ignore[arg-type]
    meta = _merge_meta(meta, overlay, str(overlay_file), problems)
    new_options = load_options(folder / "options.yaml", problems) if (folder / "options.yaml").is_file() else {}
    for key in new_options:
        if key in options:
            problems.append(Problem(str(folder / "options.yaml"), None, key, Said("overlay_option_exists")))
    by_id = {clause.id: clause for clause in clauses}
    for clause_id in overlay.remove:
        if clause_id not in by_id:
            problems.append(Problem(str(overlay_file), None, "remove", _unknown_clause(clause_id, by_id)))
        by_id.pop(clause_id, None)
    for clause in load_clauses(folder, problems):
        if clause.replaces is not None:
            if clause.replaces not in by_id:
                problems.append(
                    Problem(clause.file, None, f"{clause.id}.replaces", _unknown_clause(clause.replaces, by_id))
                )
                continue
            by_id.pop(clause.replaces)
        by_id[clause.id] = clause
    return meta, {**options, **new_options}, list(by_id.values())


def _merge_meta(meta: LibraryMeta, overlay: OverlayMeta, file: str, problems: list[Problem]) -> LibraryMeta:
    sections = list(meta.sections)
    for extra in overlay.sections:
        if any(section.id == extra.id for section in sections):
            problems.append(Problem(file, None, f"sections.{extra.id}", Said("overlay_section_exists")))
            continue
        plain = SectionDef(id=extra.id, part=extra.part, title=extra.title)
        if extra.after is None:
            last = max((i for i, s in enumerate(sections) if s.part == extra.part), default=len(sections) - 1)
            sections.insert(last + 1, plain)
        elif any(section.id == extra.after for section in sections):
            sections.insert(next(i for i, s in enumerate(sections) if s.id == extra.after) + 1, plain)
        else:
            names = [section.id for section in sections]
            problems.append(Problem(file, None, f"sections.{extra.id}.after", _unknown(extra.after, names, "section")))
    data: dict[str, Any] = meta.model_dump()
    data["sections"] = sections
    data["sources"] = {**meta.sources, **overlay.sources}
    return LibraryMeta.model_validate(data)


def _unknown_clause(clause_id: str, by_id: dict[str, ClauseDef]) -> Said:
    return _unknown(clause_id, list(by_id), "clause")


def _unknown(name: str, known: list[str], kind: str) -> Said:
    return Said(f"no_such_{kind}", name=quoted(name), hint=did_you_mean(name, known))
