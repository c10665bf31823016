"""Three texts per clause: the one adopted (base), the school's own (local), the library's new one (new).

The school's edits arrive as an overlay folder written by `absorb`, made for the library the
policy was adopted with. `adapt` makes it fit today's library, and says what it found:

  the school did not touch a clause         the library's new text (the overlay has nothing on it)
  the school changed it, the library not    the school's text is kept
  both changed it                           a conflict: the school's text is kept, and listed
  the school deleted it, the library not    it stays deleted
  the school deleted it, the library
    changed it                              a conflict: it stays deleted, and listed

A clause the library replaced under new ids (the changelog's `replaces`) is matched through
them; one the library removed while the school had changed it is kept as the school's, a
conflict; a section of the overlay the library no longer has is added by the overlay itself.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from generator.atomic import atomic_group, write_bytes_atomic
from generator.document import Clause, Document, block_text
from generator.library.model import Library
from generator.load import load_yaml
from generator.update.changelog import Changelog


@dataclass(frozen=True)
class Conflict:
    clause_id: str  # the clause in the new draft (or, if it is gone, the adopted one)
    title: str
    kind: Literal["both-changed", "deleted-changed", "removed-changed"]
    school: str  # the school's text ("" if it deleted the clause)
    library: str  # the library's new text ("" if the library removed the clause)


@dataclass
class Adapted:
    folder: Path | None  # the overlay made for today's library; None when the school has no edits
    kept: list[str] = field(default_factory=list)  # clauses where the school's text is kept without conflict
    own: list[str] = field(default_factory=list)  # clauses the school wrote itself
    removed: list[str] = field(default_factory=list)  # clauses the school deleted (today's ids)
    conflicts: list[Conflict] = field(default_factory=list)


def clause_text(clause: Clause | None) -> str:
    """A clause's title and text as plain lines, for comparing and for a comment."""
    if clause is None:
        return ""
    return "\n".join([clause.title, *(block_text(block) for block in clause.blocks)])


def adapt(local: Path | None, out: Path, adopted: Document, new: Document, library: Library,
          changelog: Changelog | None, since: str | None) -> Adapted:
    """Write the school's overlay `local`, fitted to `library`, to `out`; weigh each of its clauses
    against `adopted` (base) and `new` (today's library without the school's edits)."""
    if local is None:
        return Adapted(None)
    base = {clause.id: clause for clause in adopted.iter_clauses()}
    fresh = {clause.id: clause for clause in new.iter_clauses()}
    known = {clause.id for clause in library.clauses}
    sections = {section.id for section in library.meta.sections}
    by_section = {section.id: section for section in adopted.sections}
    meta = load_yaml(local / "overlay.yaml").data if (local / "overlay.yaml").is_file() else {}
    meta = copy.deepcopy(meta) if isinstance(meta, dict) else {}
    own_sections = {s["id"] for s in meta.get("sections", []) if isinstance(s, dict) and "id" in s}
    result = Adapted(out)
    files: dict[str, dict[str, Any]] = {}

    def replacements(ident: str) -> list[str]:
        return [r for r in (changelog.replacements(ident, since) if changelog else [ident]) if r in known]

    for path in sorted((local / "clauses").glob("*.yaml")) if (local / "clauses").is_dir() else []:
        data = load_yaml(path).data
        if not isinstance(data, dict) or "id" not in data:
            continue
        data = copy.deepcopy(data)
        ident = str(data["id"])
        files[path.name] = data
        if ident not in base:  # a clause of the school's own
            result.own.append(ident)
            continue
        school = _local_text(data, adopted.meta.language)
        if ident in known:
            target = ident
        elif targets := replacements(ident):
            target = targets[0]
            data["replaces"] = target
            if data.get("section") not in sections:  # in the section of the clause it now stands for
                replaced = library.clause(target)
                if replaced is not None:
                    data["section"], data["order"] = replaced.section, replaced.order
        else:
            target = None
        now = fresh.get(target) if target else None
        if target is not None and now is not None and clause_text(now) == clause_text(base[ident]):
            result.kept.append(ident)
        else:
            kind = "both-changed" if now is not None else "removed-changed"
            result.conflicts.append(Conflict(target or ident, (now or base[ident]).title, kind, school,
                                             clause_text(now)))
        if data.get("section") not in sections | own_sections:
            meta.setdefault("sections", []).append(_section_of(by_section, data["section"], adopted))
            own_sections.add(data["section"])
    removed: list[str] = []
    for ident in meta.get("remove", []) or []:
        targets = [ident] if ident in known else replacements(ident)
        for target in targets:
            removed.append(target)
            now = fresh.get(target)
            if now is not None and clause_text(now) != clause_text(base.get(ident)):
                result.conflicts.append(Conflict(target, now.title, "deleted-changed", "", clause_text(now)))
    result.removed = list(dict.fromkeys(removed))
    if removed:
        meta["remove"] = result.removed
    else:
        meta.pop("remove", None)
    for section in meta.get("sections", []):
        if isinstance(section, dict) and section.get("after") not in sections | own_sections:
            section.pop("after", None)
    _write(out, meta, files)
    return result


def _local_text(data: dict[str, Any], language: str) -> str:
    title = (data.get("title") or {}).get(language, "")
    text = (data.get("text") or {}).get(language, "")
    return "\n".join(part for part in (title, text.strip()) if part)


def _section_of(by_section: dict[str, Any], ident: str, adopted: Document) -> dict[str, Any]:
    section = by_section.get(ident)
    title = section.title if section is not None else ident
    return {"id": ident, "part": "body", "title": {adopted.meta.language: title}}


def _write(out: Path, meta: dict[str, Any], files: dict[str, dict[str, Any]]) -> None:
    from generator.update.absorb import dump_yaml

    head = "# The school's own edits, fitted to this version of the library by `policygen update`.\n"
    with atomic_group():
        write_bytes_atomic(out / "overlay.yaml", (head + dump_yaml(meta)).encode("utf-8"))
        for name, data in files.items():
            write_bytes_atomic(out / "clauses" / name, dump_yaml(data).encode("utf-8"))
