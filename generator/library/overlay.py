"""Overlays: a union's or school's own clause folder laid over a library.

An overlay folder may hold
  overlay.yaml   title, extra sources, extra sections (placed `after` a section), `remove` (clause ids)
  options.yaml   new decision points (an overlay adds options; it cannot redefine the library's)
  clauses/       clause files (`*.yaml`, in subfolders too): a clause with a library clause's id, or
                 with `replaces: ID`, takes that clause's place; any other id is added
Any other YAML file in it is not read, and said so (a warning; an error under --strict): a clause
file put beside overlay.yaml would otherwise be silently left out. A section is kept in its own
part (body, closing): one placed `after:` a section of another part goes first
(or last) among its part's sections, the place nearest the one asked, with a warning saying so.
Every clause keeps its `origin`, so the build record and the review edition can say where it came from.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from generator.errors import PolicyError, Problem, did_you_mean
from generator.library.model import (
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
from generator.load import load_yaml, unreadable_path
from generator.messages import Said, quoted, words


class OverlaySection(SectionDef):
    after: str | None = None  # the section it follows; at the end of its part when omitted


class OverlayMeta(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    title: Text | None = None
    sources: dict[str, SourceDef] = {}
    sections: list[OverlaySection] = []
    remove: list[str] = []


READ_AT_TOP = ("overlay.yaml", "options.yaml")
PARTS = ("body", "closing")  # the order of the document's parts


def is_overlay(folder: Path) -> bool:
    """Whether `folder` holds an overlay's parts (any of overlay.yaml, options.yaml, clauses/)."""
    return any((folder / name).exists() for name in ("overlay.yaml", "options.yaml", "clauses"))


def apply_overlay(
    folder: Path,
    meta: LibraryMeta,
    options: dict[str, OptionDef],
    clauses: list[ClauseDef],
    problems: list[Problem],
    warnings: list[Problem],
) -> tuple[LibraryMeta, dict[str, OptionDef], list[ClauseDef]]:
    """The library's parts with the overlay in `folder` applied; problems and warnings are appended."""
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
    warnings += unread_files(folder)
    meta = _merge_meta(meta, overlay, str(overlay_file), problems, warnings)
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


def unread_files(folder: Path) -> list[Problem]:
    """A warning for each YAML file in the overlay that loading it does not read (hidden folders aside)."""
    found: list[Problem] = []
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if path.suffix.lower() not in (".yaml", ".yml") or any(p.startswith(".") for p in relative.parts):
            continue
        if (relative.parts[0] == "clauses" and path.suffix == ".yaml") or relative.as_posix() in READ_AT_TOP:
            continue
        if not path.is_file():
            continue
        if relative.parts[0] == "clauses":
            said = Said("overlay_not_read_suffix")
        elif len(relative.parts) == 1 and f"{path.stem}.yaml" in READ_AT_TOP:
            said = Said("overlay_not_read_name", name=f"{path.stem}.yaml")
        else:
            said = Said("overlay_not_read_place")
        found.append(Problem(str(path), None, None, said))
    return found


def _merge_meta(
    meta: LibraryMeta, overlay: OverlayMeta, file: str, problems: list[Problem], warnings: list[Problem]
) -> LibraryMeta:
    sections = list(meta.sections)
    for extra in overlay.sections:
        if any(section.id == extra.id for section in sections):
            problems.append(Problem(file, None, f"sections.{extra.id}", Said("overlay_section_exists")))
            continue
        if extra.after is not None and not any(section.id == extra.after for section in sections):
            names = [section.id for section in sections]
            problems.append(Problem(file, None, f"sections.{extra.id}.after", _unknown(extra.after, names, "section")))
            continue
        index, moved = _place(sections, extra)
        if moved:
            warnings.append(Problem(file, None, f"sections.{extra.id}.after", moved))
        sections.insert(index, SectionDef(id=extra.id, part=extra.part, title=extra.title))
    data: dict[str, Any] = meta.model_dump()
    data["sections"] = sections
    data["sources"] = {**meta.sources, **overlay.sources}
    return LibraryMeta.model_validate(data)


def _place(sections: list[SectionDef], extra: OverlaySection) -> tuple[int, Said | None]:
    """Where an overlay's section goes among `sections` (ordered by part), and, if it could not go
    right after `extra.after` without leaving its part, the warning that says where it went instead."""
    rank = PARTS.index(extra.part)
    before_part = sum(1 for section in sections if PARTS.index(section.part) < rank)
    end_of_part = sum(1 for section in sections if PARTS.index(section.part) <= rank)
    if extra.after is None:
        return end_of_part, None
    after = next(i for i, section in enumerate(sections) if section.id == extra.after)
    if sections[after].part == extra.part:
        return after + 1, None
    first = PARTS.index(sections[after].part) < rank
    said = Said(f"overlay_section_placed_{'first' if first else 'last'}", after=quoted(extra.after),
                section=quoted(extra.id), after_part=words(f"part_{sections[after].part}"),
                part=words(f"part_{extra.part}"))
    return (before_part if first else end_of_part), said


def _unknown_clause(clause_id: str, by_id: dict[str, ClauseDef]) -> Said:
    return _unknown(clause_id, list(by_id), "clause")


def _unknown(name: str, known: list[str], kind: str) -> Said:
    return Said(f"no_such_{kind}", name=quoted(name), hint=did_you_mean(name, known))
