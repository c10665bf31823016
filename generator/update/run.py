"""`policygen update` of one school: its policy brought to today's library (`update_one`).

For each school (a build record, or an options file): its choices are migrated (`migrate`);
decisions the library added are given their recommended answer and listed "to decide"; the
new draft is built by the same `build()` as any policy (status draft, version bumped, so it
carries UDKAST); a redline DOCX against the adopted policy (the record's own document) gives
each change's reason in a comment; the school's own Word edits (an overlay folder from
`absorb`: `--overlay`, or `<stem>.overlay/` beside the record) are weighed three ways
(`three_way`); and the board gets a changelog (`board`). Many schools: `many`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.document import Document
from generator.load import Loaded
from generator.messages import say
from generator.phrases import long_date
from generator.record import RECORD_SUFFIX, record_overlays, recorded_document
from generator.update.three_way import Adapted, Conflict, clause_text

_POLICY_KEYS = ("policy.status", "policy.version", "policy.date", "policy.adopted")


@dataclass(frozen=True)
class UpdateSettings:
    """What to update into where: the fields `batch`'s workers read (`formats`, `overlays`) and the update's own."""

    out_dir: Path
    formats: tuple[str, ...] = ("docx",)
    language: str | None = None
    pdf_variant: str = "pdf/ua-1"
    overlays: tuple[Path, ...] = ()  # the union's overlays, laid over the library for every school
    theme_file: Path | None = None
    report_language: str = "en"  # the language of the notices and each school's errors
    overlay: Path | None = None  # the school's own edits, for a single school


@dataclass(frozen=True)
class ToDecide:
    key: str
    question: str
    value: str  # the answer applied, as its label
    reason: str


@dataclass(frozen=True)
class ClauseLine:
    kind: str  # changed | added | removed | kept
    clause_id: str
    number: str
    title: str
    reason: str
    by_school: bool = False  # the school's own edit (kept, written or deleted), not the library's
    listed: bool = True  # the changelog gives the reason (else: the draft's status or the school's choices)


@dataclass
class SchoolUpdate:
    school: str
    language: str
    from_version: str | None
    to_version: str
    version: str  # the draft's own version
    releases: list[str] = field(default_factory=list)
    clauses: list[ClauseLine] = field(default_factory=list)
    to_decide: list[ToDecide] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    migrated: list[str] = field(default_factory=list)
    rebuilt: bool = False  # the adopted policy was not on record
    notes: list[str] = field(default_factory=list)  # the migrations applied, `file:line: key: message`
    outputs: list[Path] = field(default_factory=list)


def bump(version: str) -> str:
    """The draft's version: the last number one up ("1.0" -> "1.1", "2" -> "3"); ".1" added to anything else."""
    head, _, last = version.rpartition(".")
    if last.isdigit():
        return f"{head}.{int(last) + 1}" if head else str(int(last) + 1)
    return f"{version}.1" if version else "1.1"


def local_overlay(path: Path, given: Path | None) -> Path | None:
    """The school's own edits: `given`, else `<stem>.overlay/` beside its record or options file."""
    if given is not None:
        return given
    from generator.library.overlay import is_overlay

    beside = path.with_name(stem_of(path) + ".overlay")
    return beside if beside.is_dir() and is_overlay(beside) else None


def stem_of(path: Path) -> str:
    name = path.name
    return name[: -len(RECORD_SUFFIX)] if name.endswith(RECORD_SUFFIX) else path.stem


def update_one(path: Path, settings: UpdateSettings, stem: str | None = None) -> SchoolUpdate:
    """Update one school into `settings.out_dir`; PolicyError for what is wrong with its files."""
    from generator.compose.resolve import resolve
    from generator.pipeline import build, load_choices
    from generator.update.changelog import check_against, read_changelog
    from generator.update.migrate import check_version, migrate, read_school
    from generator.update.three_way import adapt

    stem = stem or stem_of(path)
    school = read_school(path)
    local = local_overlay(path, settings.overlay)
    union = [*settings.overlays]
    if school.record is not None:
        union += [o for o in record_overlays(school.record, path) if local is None or o.resolve() != local.resolve()]
    base_dir = path.resolve().parent
    library, _ = _load(school.loaded, union, base_dir, settings, check=False)
    check_version(school, library)
    changelog = read_changelog(library.root)
    if changelog is not None:
        check_against(changelog, library.meta.version, f"{library.root}/library.yaml")
    notes = migrate(school, changelog)
    adopted = recorded_document(school.record, str(path)) if school.record is not None else None
    rebuilt = adopted is None
    if adopted is None:
        adopted = resolve(*load_choices(Loaded(school.loaded.file, _copy(school.loaded.data), school.loaded.lines),
                                        overlays=union, base_dir=base_dir, language=settings.language))
    known = _flat_keys(school.loaded.data)
    version = bump(str(_get(school.loaded.data, "policy.version") or adopted.meta.version or "1.0"))
    _as_draft(school.loaded.data, version)
    library, choices = _load(school.loaded, union, base_dir, settings)
    new = resolve(library, choices)
    out = Path(settings.out_dir)
    adapted = adapt(local, out / f"{stem}.overlay", adopted, new, library, changelog, school.version)
    overlays = [*settings.overlays, *([adapted.folder] if adapted.folder else [])]
    to_decide = _to_decide(library, choices, known, changelog, school.version, school.record is not None,
                           choices.language)
    built = build(school.loaded, out, settings.formats, language=settings.language, pdf_variant=settings.pdf_variant,
                  overlays=overlays, base_dir=base_dir, stem=stem, theme_file=settings.theme_file,
                  notes=_decision_notes(to_decide, library, new, choices.language))
    draft = built.document
    language = draft.meta.language
    update = SchoolUpdate(draft.meta.school, language, school.version, library.meta.version, version,
                          rebuilt=rebuilt, conflicts=adapted.conflicts, outputs=[*built.outputs])
    if built.record is not None:
        update.outputs.append(built.record)
    since = school.version
    if changelog is not None:
        update.releases = [say(language, "board_release", version=name, date=long_date(release.date, language),
                               reason=release.reason.text(language)) for name, release in changelog.since(since)]
    update.migrated = [f"{problem.key}: {problem.in_language(language)}" for problem in notes]
    update.notes = [problem.located(settings.report_language) for problem in notes]
    update.to_decide = to_decide
    update.clauses = _clause_lines(adopted, draft, changelog, since, adapted, language)
    in_draft = {clause.id: clause for clause in draft.iter_clauses()}
    update.conflicts = [dataclasses.replace(c, school=clause_text(in_draft[c.clause_id]))
                        if c.school and c.clause_id in in_draft else c for c in adapted.conflicts]
    _write_reports(update, adopted, draft, library, out, stem, adapted.kept)
    return update


def _load(loaded: Loaded, union: list[Path], base_dir: Path, settings: UpdateSettings, check: bool = True) -> Any:
    from generator.pipeline import library_for, load_choices

    if not check:
        return library_for(loaded, union), None
    return load_choices(loaded, overlays=union, base_dir=base_dir, language=settings.language)


def _copy(data: Any) -> Any:
    import copy

    return copy.deepcopy(data)


def _get(data: Any, key: str) -> Any:
    for part in key.split("."):
        if not isinstance(data, dict):
            return None
        data = data.get(part)
    return data


def _flat_keys(data: Any, prefix: str = "") -> set[str]:
    keys: set[str] = set()
    if isinstance(data, dict):
        for name, value in data.items():
            key = f"{prefix}{name}"
            keys.add(key)
            keys |= _flat_keys(value, key + ".")
    return keys


def _as_draft(data: Any, version: str) -> None:
    """The new draft's policy facts: status draft, its own version, today's date, no adoption date."""
    policy = data.setdefault("policy", {}) if isinstance(data, dict) else {}
    if not isinstance(policy, dict):
        return
    policy["status"] = "draft"
    policy["version"] = version
    policy.pop("adopted", None)
    policy["date"] = _today()


def _today() -> dt.date:
    """The draft's date: today, or the day SOURCE_DATE_EPOCH names (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date() if epoch and epoch.isdigit() else dt.date.today()


def _to_decide(library: Any, choices: Any, known: set[str], changelog: Any, since: str | None, from_record: bool,
               language: str) -> list[ToDecide]:
    """Options that apply now and that the school never answered: new in the library (a record lists every
    answer it had; for an options file, those the changelog says were added)."""
    added = {e.key for _, r in changelog.since(since) for e in r.options if e.change == "added"} if changelog else set()
    found: list[ToDecide] = []
    for key, value in choices.values.items():
        if key in known or key in _POLICY_KEYS or (not from_record and key not in added):
            continue
        option = library.options[key]
        if not key.startswith("choices.") or option.type == "contact" or option.choices is None:
            continue  # a fact (a contact, a name), not a decision: asked for where it is printed
        if value not in option.choices:
            continue
        label = say(language, "decide_recommended" if option.recommended is not None else "decide_default",
                    label=option.choices[value].label.get(language, str(value)))
        entry = changelog.option_entry(key, since) if changelog else None
        why = entry.reason.text(language) if entry else ""
        found.append(ToDecide(key, option.label.get(language, key), label, why))
    return found


def _clause_lines(adopted: Document, draft: Document, changelog: Any, since: str | None, adapted: Adapted,
                  language: str) -> list[ClauseLine]:
    """Each clause that differs between the adopted policy and the draft, with its reason: the library's
    (the changelog's), or the school's own edit; a clause in conflict is listed with the conflicts only."""
    old = {clause.id: clause for clause in adopted.iter_clauses()}
    new = {clause.id: clause for clause in draft.iter_clauses()}
    conflicts = {conflict.clause_id for conflict in adapted.conflicts}
    lines: list[ClauseLine] = []

    def entry(ident: str) -> Any:
        return changelog.clause_entry(ident, since) if changelog else None

    def reason(ident: str) -> str:
        found = entry(ident)
        return found.reason.text(language) if found else say(language, "board_reason_unlisted")

    for ident, clause in new.items():
        if ident in conflicts:
            continue
        replaced = [old_id for old_id in (entry(ident).replaces if entry(ident) else []) if old_id in old]
        if ident in adapted.kept or ident in adapted.own:
            lines.append(ClauseLine("kept", ident, clause.number, clause.title, say(language, "board_reason_school"),
                                    by_school=True))
        elif ident not in old and not replaced:
            lines.append(ClauseLine("added", ident, clause.number, clause.title, reason(ident),
                                    listed=entry(ident) is not None))
        elif clause_text(old.get(ident) or old[replaced[0]]) != clause_text(clause):
            lines.append(ClauseLine("changed", ident, clause.number, clause.title, reason(ident),
                                    listed=entry(ident) is not None))
    for ident, clause in old.items():
        gone = ident not in new and not (changelog and set(changelog.replacements(ident, since)) & set(new))
        if gone and ident not in conflicts:
            deleted = ident in adapted.removed
            why = say(language, "board_deleted_by_school") if deleted else reason(ident)
            lines.append(ClauseLine("removed", ident, clause.number, clause.title, why, by_school=deleted))
    return lines


def _notes(update: SchoolUpdate, library: Any, draft: Document, kept: list[str]) -> dict[str, str]:
    """The redline's comment on each clause: the change's reason, a conflict with both texts, a new decision."""
    language = update.language
    notes: dict[str, list[str]] = {}
    for line in update.clauses:
        if line.by_school:
            text = say(language, "note_kept") if line.kind == "kept" and line.clause_id in kept else line.reason
        else:
            text = say(language, "note_changed", version=update.to_version, reason=line.reason) if line.listed \
                else line.reason
        notes.setdefault(line.clause_id, []).append(text)
    for conflict in update.conflicts:
        school = conflict.school or say(language, "board_conflict_deleted")
        text = conflict.library or say(language, "board_conflict_removed")
        notes.setdefault(conflict.clause_id, []).insert(0, "\n".join([
            say(language, "note_conflict"), f"{say(language, 'board_conflict_school')}:", school,
            f"{say(language, 'board_conflict_library')}:", text]))
    for ident, text in _decision_notes(update.to_decide, library, draft, language).items():
        notes.setdefault(ident, []).append(text)
    return {ident: "\n".join(texts) for ident, texts in notes.items()}


def _decision_notes(to_decide: list[ToDecide], library: Any, document: Document, language: str) -> dict[str, str]:
    """A comment on each clause a new decision changes: the question, and that the recommendation
    stands until the school decides (in the draft and in the redline)."""
    from generator.compose.review import option_refs

    in_document = {clause.id for clause in document.iter_clauses()}
    notes: dict[str, list[str]] = {}
    for decision in to_decide:
        for definition in library.clauses:
            if definition.id in in_document and decision.key in option_refs(definition, library):
                notes.setdefault(definition.id, []).append(say(language, "note_decide", question=decision.question,
                                                               value=decision.value))
    return {ident: "\n".join(texts) for ident, texts in notes.items()}


def _write_reports(update: SchoolUpdate, adopted: Document, draft: Document, library: Any, out: Path,
                   stem: str, kept: list[str]) -> None:
    from generator.atomic import atomic_group, write_bytes_atomic
    from generator.update.board import board_html, board_markdown
    from generator.writers.docx.writer import write_docx

    redline, markdown, html = out / f"{stem}.redline.docx", out / f"{stem}.changes.md", out / f"{stem}.changes.html"
    with atomic_group():
        write_docx(draft, redline, previous=adopted, notes=_notes(update, library, draft, kept))
        write_bytes_atomic(markdown, board_markdown(update).encode("utf-8"))
        write_bytes_atomic(html, board_html(update).encode("utf-8"))
    update.outputs += [redline, markdown, html]
