"""A redline between two versions of a school's policy: what changed in the text, and why.

Each side is an options file or a build record (`*.record.json`, whose options are
rebuilt with the current library). Both are resolved to Documents (adopted edition);
the comparison is over those Documents: clauses matched by id are added, removed or
changed, and each change is traced to the options that differ and that the clause
depends on (its variants, its condition, the values its text names). The DOCX redline
is the DOCX writer's own output for the new Document with the old one as `previous`
(tracked changes); the summary is terminal text or an HTML page (`redline_report`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any, Literal

from generator.compose.resolve import resolve
from generator.compose.review import condition_refs, option_refs
from generator.errors import PolicyError
from generator.load import Loaded
from generator.messages import Said
from generator.pipeline import load_choices
from generator.record import RECORD_SUFFIX, read_record, record_overlays
from generator.redline.changes import ClauseChange, OptionChange, Redline, Side

REDLINE_FORMATS = ("docx", "html")
REDLINE_SUFFIXES = {".docx": "docx", ".html": "html", ".htm": "html"}
LANGUAGE_KEY = "language"  # a pseudo-option: the document's language, which changes every clause
NUMBERING_KEY = "numbering"  # a pseudo-cause: a section or clause the text refers to by number moved


def diff(
    old_path: str | Path, new_path: str | Path, out: Path | None = None, fmt: str | None = None
) -> Redline:
    """Compare two versions; with `out` or `fmt`, also write the redline (DOCX, tracked changes)
    or the summary page (HTML). The format defaults to `out`'s suffix; the file to `redline.<fmt>`."""
    if out is None and fmt is None:
        return compare(load_side(Path(old_path)), load_side(Path(new_path)))
    fmt = redline_format(out, fmt)  # refused before anything is compared or written
    redline = compare(load_side(Path(old_path)), load_side(Path(new_path)))
    target = out if out is not None else Path(f"redline.{fmt}")
    write_redline(redline, target, fmt)
    return dataclasses.replace(redline, written=target)


def redline_format(out: Path | None, fmt: str | None) -> str:
    """The format to write: `fmt`, else the one `out`'s suffix names (.docx, .html, .htm).

    Raises PolicyError (naming `out`) for a suffix no redline is written as, or one that
    is not `fmt`'s: a Word file named `.pdf` would open nowhere.
    """
    if out is None:
        return fmt or "docx"
    named = REDLINE_SUFFIXES.get(out.suffix.lower())
    if named is None:
        shown = Said("redline_as_suffix", suffix=out.suffix) if out.suffix else Said("redline_as_no_suffix")
        raise PolicyError.at(str(out), None, None, Said("redline_cannot_write", shown=shown))
    if fmt is not None and fmt != named:
        raise PolicyError.at(str(out), None, None, Said("redline_format_suffix", fmt=fmt, suffix=out.suffix))
    return named


def load_side(path: Path) -> Side:
    """An options file, or a build record rebuilt with the current library."""
    if not path.name.endswith(RECORD_SUFFIX):
        library, choices = load_choices(path)
        return Side(str(path), library, choices, resolve(library, choices))
    record = read_record(path)
    data = {"library": record["library"]["id"], "language": record.get("language", "da"), **record["options"]}
    overlays = record_overlays(record, path)
    library, choices = load_choices(Loaded(str(path), data), overlays=overlays, base_dir=path.parent)
    notes: list[Said] = []
    built = record["library"]
    if built.get("sha256") != library.digest:
        notes.append(Said(
            "redline_rebuilt", file=str(path), library=str(built["id"]), version=str(built.get("version", "?")),
            digest=str(built.get("sha256"))[:12], current=library.meta.version, current_digest=library.digest[:12],
        ))
    return Side(str(path), library, choices, resolve(library, choices), tuple(notes))


# ---- comparing ----------------------------------------------------------------------


def compare(old: Side, new: Side) -> Redline:
    options = option_changes(old, new)
    changed = {change.key for change in options}
    library_differs = old.library.digest != new.library.digest
    old_clauses = {clause.id: clause for clause in old.document.iter_clauses()}
    new_clauses = {clause.id: clause for clause in new.document.iter_clauses()}
    changes: list[ClauseChange] = []
    for clause_id in _union_in_order(list(old_clauses), list(new_clauses)):
        before, after = old_clauses.get(clause_id), new_clauses.get(clause_id)
        if before is not None and after is not None and (before.title, before.blocks) == (after.title, after.blocks):
            continue
        kind: Literal["added", "removed", "changed"] = (
            "added" if before is None else "removed" if after is None else "changed"
        )
        refs = _refs(clause_id, old, new, conditions_only=kind != "changed")
        causes = [key for key in refs if key in changed]
        if not causes and kind == "changed" and _refers_by_number(clause_id, new) and old.document is not new.document:
            causes = [NUMBERING_KEY]  # its text names another clause's number, which another choice moved
        if not causes and library_differs:
            causes = ["library"]
        shown = after or before
        assert shown is not None
        changes.append(ClauseChange(kind, clause_id, shown.number, shown.title, tuple(causes), before, after))
    used = {cause for change in changes for cause in change.causes}
    used |= {key for c in changes if c.kind != "changed" for key in _refs(c.clause_id, old, new, conditions_only=False)}
    elsewhere = tuple(change for change in options if change.key not in used)
    return Redline(old, new, options, tuple(changes), elsewhere, old.notes + new.notes)


def option_changes(old: Side, new: Side) -> tuple[OptionChange, ...]:
    keys = list(dict.fromkeys([*new.library.options, *old.library.options]))
    found: list[OptionChange] = []
    if old.choices.language != new.choices.language:
        found.append(OptionChange(LANGUAGE_KEY, "Language", old.choices.language, new.choices.language))
    language = new.choices.language
    for key in keys:
        before, after = old.choices.values.get(key, _ABSENT), new.choices.values.get(key, _ABSENT)
        if before == after:
            continue
        option = new.library.options.get(key) or old.library.options[key]
        question = option.label.get(language) or next(iter(option.label.values()))
        found.append(OptionChange(key, question, shown_value(before), shown_value(after)))
    return tuple(found)


_ABSENT: Any = object()


def shown_value(value: Any) -> str:
    """A value as an options file writes it."""
    if value is _ABSENT:
        return "(does not apply)"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return ", ".join(str(part) for part in value.values() if part) or "(empty)"
    if value is None or value == "":
        return "(empty)"
    return str(value)


def _refs(clause_id: str, old: Side, new: Side, *, conditions_only: bool) -> list[str]:
    """The options a clause depends on, in either version of the library; for a clause that
    comes or goes, only those its condition names (its text did not make it come or go)."""
    keys: list[str] = [LANGUAGE_KEY] if not conditions_only else []
    for side in (new, old):
        definition = next((c for c in side.library.clauses if c.id == clause_id), None)
        if definition is not None:
            refs = condition_refs if conditions_only else option_refs
            keys += refs(definition, side.library)
    return list(dict.fromkeys(keys))


def _refers_by_number(clause_id: str, side: Side) -> bool:
    """Whether a clause's text cites other clauses by number (`ref(...)`), so that leaving a section out
    elsewhere changes it."""
    definition = next((c for c in side.library.clauses if c.id == clause_id), None)
    if definition is None:
        return False
    texts = list((definition.text or {}).values())
    if definition.variants:
        texts += [text for case in definition.variants.cases.values() for text in case.values()]
    return any("ref(" in text for text in texts)


def _union_in_order(old: list[str], new: list[str]) -> list[str]:
    """Clause ids in reading order: the new policy's, each removed one after its old predecessor."""
    order = list(new)
    for index, clause_id in enumerate(old):
        if clause_id in order:
            continue
        before = next((old[k] for k in range(index - 1, -1, -1) if old[k] in order), None)
        order.insert(order.index(before) + 1 if before is not None else 0, clause_id)
    return order


# ---- writing --------------------------------------------------------------------------


def write_redline(redline: Redline, target: Path, fmt: str = "docx") -> None:
    if fmt == "docx":
        from generator.writers.docx.writer import write_docx

        write_docx(redline.new.document, target, previous=redline.old.document)
    elif fmt == "html":
        from generator.atomic import write_bytes_atomic
        from generator.redline.report import summary_html

        write_bytes_atomic(target, summary_html(redline).encode("utf-8"))
    else:
        raise ValueError(f"unknown redline format {fmt!r}; choose from {', '.join(REDLINE_FORMATS)}")
