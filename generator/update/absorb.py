"""`policygen absorb EDITED.docx RECORD -o OVERLAY`: a school's own Word edits as an overlay folder.

Each clause of the adopted policy (the record's document) is found in the edited file by its
bookmark (`docx_read`). A clause whose text the school changed becomes a local clause of the
overlay with the library clause's id, so it takes that clause's place (`status: local`, the
school's wording as Markdown, its source the school's edit of that date); a clause the school
added becomes a local clause, a section it added a section of the overlay; a clause it deleted
is listed under `remove:`. `policygen build` reads the folder as any overlay (`--clauses`, or
`clauses:` in the options file); `policygen update` weighs it against the library's changes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.atomic import atomic_group, write_bytes_atomic
from generator.document import Document
from generator.errors import PolicyError
from generator.messages import Said
from generator.phrases import long_date
from generator.record import read_record, recorded_document
from generator.slug import local_id
from generator.writers.docx.read_back import Found, Piece, expected_texts, heading_level, markdown, read_edited

SOURCE_ID = "school-edit"
# A clause that prints these is written from the school's facts, not from words a school can own: its
# adoption date and status change with every build, so an edit of it is not taken (say what to change).
POLICY_FACTS = frozenset({"policy.status", "policy.adopted", "policy.date", "policy.next_review", "policy.approval"})


@dataclass
class Absorbed:
    folder: Path
    changed: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    notes: list[Said] = field(default_factory=list)


def absorb(edited: Path, record_path: Path, out: Path, *, force: bool = False) -> Absorbed:
    """Write the school's edits of `edited` (a DOCX built from `record_path`) as an overlay folder `out`.

    Raises PolicyError for a file that is not a Word file or still has tracked changes, a record that
    cannot be read, or an `out` that holds an overlay already (unless `force`)."""
    record = read_record(record_path)
    adopted = recorded_document(record, str(record_path))
    result = Absorbed(out)
    if adopted is None:  # a record of format 1: today's library stands in for the adopted text
        from generator.redline.compare import load_side

        adopted = load_side(record_path).document
        result.notes.append(Said("absorb_rebuilt", file=str(record_path)))
    if (out / "overlay.yaml").exists() and not force:
        raise PolicyError.at(str(out), None, None, Said("absorb_folder_taken"))
    found = read_edited(edited, adopted)
    library = _library_of(record)
    facts = _written_from_facts(library)
    legal = {clause.id: clause.legal_basis for clause in library.clauses} if library is not None else {}
    numbers = {section.number: section.id for section in adopted.sections if section.number}
    numbers |= {clause.number: clause.id for clause in adopted.iter_clauses() if clause.number}
    when = _edited_on(found, edited)
    language = adopted.meta.language
    orders = {c["id"]: (c.get("section"), c.get("order", 0)) for c in record.get("clauses", []) if isinstance(c, dict)}
    files: dict[str, dict[str, Any]] = {}
    seen = {piece.clause_id for piece in found.pieces if piece.clause_id}
    by_id = {clause.id: clause for clause in adopted.iter_clauses()}
    previous: tuple[str, int] = ("", 0)
    for piece in found.pieces:
        if piece.clause_id is not None:
            clause = by_id[piece.clause_id]
            section, order = orders.get(clause.id, (piece.section, 0))
            previous = (section or piece.section, int(order or 0))
            if [normal_title(piece), *piece.texts()] == expected_texts(clause.title, clause.blocks):
                continue
            if clause.id in facts:
                result.notes.append(Said("absorb_fact_clause", number=clause.number, title=clause.title))
                continue
            files[clause.id] = _clause(clause.id, previous[0], previous[1], piece, language, when, edited, numbers)
            if legal.get(clause.id):  # the law the library's wording rested on still stands under the school's
                files[clause.id]["legal_basis"] = [basis.model_dump(exclude_defaults=True)
                                                   for basis in legal[clause.id]]
            result.changed.append(clause.id)
        else:
            section = piece.section if piece.section != previous[0] and piece.section.startswith("local-") else (
                previous[0] or piece.section)
            ident = local_id("local.", piece.title or piece.section, set(files) | set(by_id))
            previous = (section, previous[1] + 1 if section == previous[0] else 0)
            files[ident] = _clause(ident, section, previous[1], piece, language, when, edited, numbers)
            result.added.append(ident)
    result.removed = [clause.id for clause in adopted.iter_clauses() if clause.id not in seen]
    _write(out, files, found, result, adopted, when, force)
    return result


def _library_of(record: dict[str, Any]) -> Any:
    """The installed library the record was built from (its clauses as they stand today), or None."""
    from generator.pipeline import LIBRARIES_DIR, _cached_library

    name = str((record.get("library") or {}).get("id", ""))
    if not name or not (LIBRARIES_DIR / name / "library.yaml").is_file():
        return None
    return _cached_library(str(LIBRARIES_DIR / name))


def _written_from_facts(library: Any) -> set[str]:
    """The ids of the library's clauses whose text prints the policy's own facts (`POLICY_FACTS`)."""
    from generator.compose.review import option_refs

    if library is None:
        return set()
    return {clause.id for clause in library.clauses if POLICY_FACTS & set(option_refs(clause, library))}


def normal_title(piece: Piece) -> str:
    from generator.writers.docx.read_back import normal

    return normal(piece.title)


def _edited_on(found: Found, edited: Path) -> dt.date:
    """The day the school last saved the file: its core properties' date where an editor changed it (policygen
    writes the policy's own date there), else the file's own."""
    saved, created = found.modified, found.created
    if isinstance(saved, dt.datetime) and saved.year > 1980 and saved != created:  # saved by an editor
        return saved.date()
    return dt.date.fromtimestamp(edited.stat().st_mtime)


def _clause(ident: str, section: str, order: int, piece: Piece, language: str, when: dt.date,
            edited: Path, numbers: dict[str, str]) -> dict[str, Any]:
    on = long_date(when, language)
    passage = {"da": f"Skolens redigering af {edited.name}, {on}", "en": f"The school's edit of {edited.name}, {on}"}
    commentary = {"da": f"Skolens egen formulering, hentet fra {edited.name} ({on}) med policygen absorb.",
                  "en": f"The school's own wording, taken from {edited.name} ({on}) by policygen absorb."}
    return {
        "id": ident, "section": section, "order": order, "title": {language: piece.title.strip()},
        "status": "local", "source": {"ref": SOURCE_ID, "passage": {language: passage[language]}},
        "text": {language: markdown(piece.paragraphs, numbers)}, "commentary": {language: commentary[language]},
    }


def _write(out: Path, files: dict[str, dict[str, Any]], found: Found, result: Absorbed, adopted: Document,
           when: dt.date, force: bool) -> None:
    language = adopted.meta.language
    on = long_date(when, language)
    school = adopted.meta.school
    overlay: dict[str, Any] = {"sources": {SOURCE_ID: {
        "title": {"da": f"{school}s egne ændringer", "en": f"{school}'s own changes"},
        "publisher": school, "kind": "practice", "date": {language: on},
    }}}
    added = [s for s in found.sections if any(p.section == s.id for p in found.pieces if p.clause_id is None)]
    if added:
        overlay["sections"] = [{"id": s.id, "part": "body", "title": {language: s.title.strip()},
                                **({"after": s.after} if s.after else {})} for s in added]
    if result.removed:
        overlay["remove"] = result.removed
    head = f"# {school}: the school's own edits of its policy, taken from Word by `policygen absorb` ({when}).\n"
    old = sorted((out / "clauses").glob("*.yaml")) if force and (out / "clauses").is_dir() else []
    with atomic_group():
        write_bytes_atomic(out / "overlay.yaml", (head + dump_yaml(overlay)).encode("utf-8"))
        for ident, clause in files.items():
            write_bytes_atomic(out / "clauses" / f"{ident}.yaml", dump_yaml(clause).encode("utf-8"))
    for stale in old:
        if stale.stem not in files:
            stale.unlink()


def dump_yaml(data: dict[str, Any]) -> str:
    """`data` as YAML a person can read: texts of several lines as literal blocks, Danish letters as they are."""
    class _Literal(yaml.SafeDumper):
        pass

    def text(dumper: yaml.SafeDumper, value: str) -> Any:
        style = "|" if "\n" in value else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    _Literal.add_representer(str, text)
    return yaml.dump(data, Dumper=_Literal, allow_unicode=True, sort_keys=False, width=100)


__all__ = ["Absorbed", "absorb", "dump_yaml", "heading_level", "markdown"]
