"""`policygen update` of many schools: one job a school, run by `batch`'s worker processes (the command
line hands in their `execute`), with its progress and failure isolation: one school's error is in its
result, never the others'; then the summary table (changed clauses, decisions waiting, conflicts).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.errors import PolicyError
from generator.load import Loaded, existing
from generator.messages import Said, say
from generator.record import RECORD_SUFFIX
from generator.update.run import UpdateSettings, stem_of, update_one


@dataclass
class Job:
    """One school to update: its record or options file (`loaded`/`parsed`: none, read by the worker)."""

    key: str
    label: str
    path: Path
    stem: str
    loaded: Loaded | None = None
    parsed: Loaded | None = None


@dataclass
class UpdateResult:
    key: str
    label: str
    school: str
    status: str  # built | failed | not built
    outputs: list[str] = field(default_factory=list)
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)
    stem: str = ""
    fault: bool = False  # never set: `batch`'s workers read it
    changed: int = 0  # clauses the library (or the draft's status, or the school's choices) changed
    own: int = 0  # the school's own edits kept, written or deleted
    to_decide: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # each migration applied, as `file:line: key: message`
    bad_input: bool = False  # it failed for what its files say (exit 2), not an internal error


def plan_update(inputs: Sequence[Path]) -> list[Job]:
    """A job a school: records and options files named, or those in a folder (records first)."""
    jobs: list[Job] = []
    for item in inputs:
        path = existing(Path(item))
        if path.is_dir():
            found = sorted(path.glob(f"*{RECORD_SUFFIX}")) or sorted(path.glob("*.yaml"))
        else:
            found = [path]
        jobs += [Job(key=str(p.resolve()), label=str(p), path=p, stem=stem_of(p)) for p in found]
    return jobs


def update_job(job: Job, settings: UpdateSettings) -> UpdateResult:
    """Update one school; never raises: its errors go into the result."""
    start = time.perf_counter()
    result = UpdateResult(job.key, job.label, "", "failed", stem=job.stem)
    language = settings.report_language
    try:
        update = update_one(job.path, settings, job.stem)
    except PolicyError as exc:
        result.errors = [problem.located(language) for problem in exc.problems]
        result.bad_input = True
    except Exception as exc:  # an internal failure of one school does not stop the others
        result.errors = [say(language, "batch_internal", label=job.label, kind=type(exc).__name__, detail=str(exc))]
    else:
        result.status = "built"
        result.school = update.school
        result.outputs = [path.name for path in update.outputs]
        result.changed = sum(line.kind != "kept" and not line.by_school for line in update.clauses)
        result.own = sum(line.by_school for line in update.clauses)
        result.to_decide = [decision.key for decision in update.to_decide]
        result.conflicts = [conflict.clause_id for conflict in update.conflicts]
        result.notes = update.notes
    result.seconds = time.perf_counter() - start
    return result


Execute = Callable[[Sequence[Job], UpdateSettings, int | None, Callable[[Job, UpdateSettings], UpdateResult]], Any]


def run_update(inputs: Sequence[Path], settings: UpdateSettings, *, workers: int | None = None,
               progress: Callable[[UpdateResult], None] | None = None, jobs: list[Job] | None = None,
               execute: Execute | None = None) -> list[UpdateResult]:
    """Update every school of `inputs`: one result per school, in input order. `execute` runs the jobs:
    the command line hands in `batch`'s pool of worker processes (`frontends.batch_workers.execute`,
    which this stage, below the front ends, does not import); without it they run one by one here."""
    jobs = plan_update(inputs) if jobs is None else jobs
    if settings.overlay is not None and len(jobs) > 1:
        raise PolicyError.at(str(settings.overlay), None, None, Said("update_overlay_one"))
    out = Path(settings.out_dir).resolve()
    if any(job.path.resolve().parent == out for job in jobs):  # the drafts would replace the adopted files
        raise PolicyError.at(str(settings.out_dir), None, None, Said("update_out_is_input"))
    Path(settings.out_dir).mkdir(parents=True, exist_ok=True)
    results: dict[str, UpdateResult] = {}
    done = execute(jobs, settings, workers, update_job) if execute else (update_job(job, settings) for job in jobs)
    for result in done:
        results[result.key] = result
        if progress is not None:
            progress(result)
    return [results.get(job.key) or UpdateResult(job.key, job.label, "", "not built", stem=job.stem) for job in jobs]


def plain(text: str) -> str:
    """One line of plain text: white space a space, a control or format character a question mark."""
    import unicodedata

    return "".join(" " if char.isspace() else "?" if unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp")
                   else char for char in text)


# a school's status (batch's words, as its workers report it) -> what update calls it
STATUS_WORDS = {"built": "update_updated", "failed": "update_failed", "not built": "update_not_built"}


def exit_status(results: Sequence[UpdateResult]) -> int:
    """0 when every school was updated; 2 when every failure is the files' own (a future library, a bad
    changelog), as for one build; else 1."""
    failed = [result for result in results if result.status != "built"]
    if not failed:
        return 0
    return 2 if all(result.bad_input for result in failed) else 1


def update_summary(results: Sequence[UpdateResult], language: str) -> str:
    """Per school: status, clauses changed, decisions waiting, conflicts; then each failure's errors."""

    head = [say(language, key) for key in ("update_head", "update_status", "update_changed", "update_own",
                                           "update_decide", "update_conflicts")]
    rows = [head]
    for r in results:
        status = say(language, STATUS_WORDS.get(r.status, "update_not_built"))
        built = r.status == "built"
        rows.append([plain(r.school or r.label), status, str(r.changed) if built else "-", str(r.own) if built else "-",
                     plain(", ".join(r.to_decide)) or "-", plain(", ".join(r.conflicts)) or "-"])
    widths = [max(len(row[i]) for row in rows) for i in range(len(head))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    updated = sum(r.status == "built" for r in results)
    lines += ["", say(language, "update_count", updated=updated, failed=sum(r.status == "failed" for r in results))]
    for r in results:
        lines += [f"{say(language, 'cli_note', problem=plain(note))}" for note in r.notes]
    for r in results:
        if r.status == "failed":
            lines += ["", f"{plain(r.label)}:"]
            lines += [f"  {say(language, 'cli_error', problem=plain(e))}" for e in r.errors]
    return "\n".join(lines)


