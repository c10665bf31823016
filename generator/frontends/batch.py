"""Many schools at once: option files, folders of them, or a CSV file with one school a row.

Each school is built by the same `build()` as a single one, in worker processes
(`batch_workers`). A school whose inputs (its options, the library and overlays, the
templates, the tool's version, the formats asked for) hash the same as at its last
successful build into the same folder, and whose outputs are still there, is not rebuilt.
The hashes are kept in the folder's state (`batch_state`: SQLite, a row per school, written
as each school finishes), so an interrupted batch resumes where it stopped; one batch at a
time writes into a folder (the others wait). A CSV file's rows are read by `csv_rows`.

Every school of a batch gets files of its own: schools whose names give the same file
names (the same name twice, or `Søndervang` and `Soendervang`) all fail, each naming the
others, rather than one silently replacing another. A fault of the output folder (full,
read-only) stops the batch with what was done; so does SIGINT, SIGTERM or SIGHUP.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from generator import __version__
from generator.atomic import remove_if_abandoned
from generator.errors import PolicyError, Problem
from generator.frontends.batch_jobs import Job, JobResult, Settings
from generator.frontends.batch_state import STATE_FILE, BatchState, Remembered, folder_lock
from generator.frontends.batch_workers import Stopped, execute, stopping_on_signals
from generator.frontends.csv_rows import read_rows
from generator.library.model import digest
from generator.load import MAX_FILE_BYTES, Loaded, decode, existing, parse_yaml, read_bounded
from generator.messages import Said
from generator.options.check_values import shown_words
from generator.options.logo import MAX_LOGO_BYTES
from generator.output_faults import output_fault
from generator.pipeline import available_libraries, output_stem, overlays_named_in
from generator.resources import LIBRARIES_DIR, TEMPLATES_DIR
from generator.slug import slugify

MAX_REFERENCED_BYTES = max(MAX_LOGO_BYTES, MAX_FILE_BYTES)  # the most a logo or theme file may be


@dataclass
class BatchRun:
    """A batch's results, one per school in input order, and why it stopped early, if it did."""

    results: list[JobResult]
    fault: str | None = None  # the output folder's fault, as `out: no space left on device`
    stopped: Stopped | None = None  # the signal that stopped it


def run_batch(
    inputs: Sequence[Path],
    settings: Settings,
    *,
    workers: int | None = None,
    force: bool = False,
    progress: Callable[[JobResult], None] | None = None,
    jobs: list[Job] | None = None,
    notice: Callable[[str], None] | None = None,
) -> BatchRun:
    """Build every school in `inputs` (or the `jobs` already planned from them): one result per
    school, in order. `notice` hears, once each, that the batch waits for another into the same
    folder, and that the folder's state could not be read (every school is then rebuilt)."""
    jobs = plan(inputs, settings) if jobs is None else jobs
    out, results = settings.out_dir, {}
    run = BatchRun([])
    try:
        with stopping_on_signals():
            out.mkdir(parents=True, exist_ok=True)
            with folder_lock(out, notice, settings.report_language), BatchState.open(out) as state:
                if state.problem is not None and notice is not None:
                    said = Said("batch_state_unreadable", reason=state.problem)
                    notice(Problem(str(out / STATE_FILE), None, None, said).located(settings.report_language))
                for part in out.glob(".*.part"):  # temporary files a killed run left behind (`atomic`)
                    remove_if_abandoned(part)
                _run(jobs, settings, state, workers, force, results, progress)
    except OSError as exc:
        run.fault = output_fault(exc, out).problems[0].located(settings.report_language)
    except _FolderFault as exc:
        run.fault = str(exc)
    except Stopped as exc:
        run.stopped = exc
    run.results = [results.get(job.key) or _not_built(job) for job in jobs]
    return run


def _run(
    jobs: list[Job], settings: Settings, state: BatchState, workers: int | None, force: bool,
    results: dict[str, JobResult], progress: Callable[[JobResult], None] | None,
) -> None:  # fmt: skip
    todo: list[Job] = []
    for job in jobs:
        previous = state.get(job.key)
        if not force and _unchanged(job, previous, settings.out_dir):
            assert previous is not None
            result = JobResult(job.key, job.label, previous.school, "unchanged", list(previous.outputs), stem=job.stem)
            results[job.key] = result
            if progress:
                progress(result)
        else:
            todo.append(job)
    for result in execute(todo, settings, workers):
        if result.fault:
            raise _FolderFault(result.errors[0])
        results[result.key] = result
        if result.status == "built":
            state.remember(result.key, Remembered(result.stem, result.digest, result.school, tuple(result.outputs)))
        else:
            state.forget(result.key)
        if progress:
            progress(result)


class _FolderFault(Exception):
    """A worker hit a fault of the output folder: every later school would too."""


def _unchanged(job: Job, previous: Remembered | None, out: Path) -> bool:
    return (
        previous is not None and previous.digest == job.digest and previous.stem == job.stem
        and bool(previous.outputs) and all((out / name).is_file() for name in previous.outputs)
    )  # fmt: skip


def _not_built(job: Job) -> JobResult:
    return JobResult(job.key, job.label, job.name, "not built", stem=job.stem)


# ---- planning ---------------------------------------------------------------------


def plan(inputs: Sequence[Path], settings: Settings) -> list[Job]:
    """Expand files, folders and CSV files into jobs, each with output names of its own."""
    jobs: list[Job] = []
    for item in inputs:
        path = existing(Path(item))
        if path.is_dir():
            jobs += [_file_job(p) for p in sorted(path.glob("*.yaml")) + sorted(path.glob("*.yml"))]
        elif path.suffix.lower() == ".csv":
            jobs += csv_jobs(path)
        else:
            jobs.append(_file_job(path))
    for job in jobs:
        job.stem = _edition_stem(job.stem or "politik", settings)
    _refuse_shared_names(jobs)
    for job in jobs:
        job.digest = "refused" if job.errors else _job_digest(job, settings)
    return jobs


def _edition_stem(stem: str, settings: Settings) -> str:
    """As `build` names its files: `-review` for the review edition, `-en` with a language asked for."""
    return stem + ("-review" if settings.edition == "review" else "") + (f"-{settings.language}" if settings.language
                                                                        else "")  # fmt: skip


def _refuse_shared_names(jobs: list[Job]) -> None:
    """Schools whose files would have the same names all fail, each naming the others: which one
    is kept must not depend on which worker finished last."""
    by_stem: dict[str, list[Job]] = {}
    for job in jobs:
        if job.path is None or job.parsed is not None:  # an unreadable file writes nothing
            by_stem.setdefault(job.stem, []).append(job)
    for stem, same in by_stem.items():
        if len(same) < 2:
            continue
        for job in same:
            others = ", ".join(other.label for other in same if other is not job)
            said = Said("batch_same_names", name=shown_words(job.name), stem=stem, others=others)
            loaded = job.loaded or job.parsed
            job.errors.append(loaded.problem("school.name", said) if loaded else Problem(job.label, None, None, said))


def _file_job(path: Path) -> Job:
    job = Job(key=str(path.resolve()), label=str(path), path=path, base_dir=path.resolve().parent)
    try:
        raw = read_bounded(path, MAX_FILE_BYTES)
        job.parsed = parse_yaml(decode(raw, str(path)), str(path))
    except PolicyError as exc:
        job.errors = list(exc.problems)
        job.stem = slugify(path.stem)
        return job
    job.source_digest = hashlib.sha256(raw).hexdigest()
    job.name = _school_name(job.parsed.data)
    job.stem = output_stem(job.name or path.stem)
    return job


def csv_jobs(path: Path) -> list[Job]:
    """One job a row of a CSV file (see `csv_rows`); a row that cannot be read as it stands fails unbuilt."""
    jobs, keys = [], set()
    for row in read_rows(path):
        name = _school_name(row.loaded.data)
        key = f"{path.resolve()}#{slugify(name) if name else row.line}"
        key = key if key not in keys else f"{key}#{row.line}"  # the same school twice: refused below
        keys.add(key)
        job = Job(key=key, label=f"{path}:{row.line}", loaded=row.loaded, base_dir=path.resolve().parent, name=name)
        job.stem = output_stem(name or f"{path.stem}-{row.line}")
        job.errors = list(row.problems)
        jobs.append(job)
    return jobs


def _school_name(data: Any) -> str:
    school = data.get("school") if isinstance(data, dict) else None
    name = school.get("name") if isinstance(school, dict) else None
    return name.strip() if isinstance(name, str) else ""


# ---- hashing ----------------------------------------------------------------------


def _job_digest(job: Job, settings: Settings) -> str:
    """Everything the school's outputs depend on, as one hash."""
    sha = hashlib.sha256()
    request = {k: str(v) for k, v in asdict(settings).items() if k != "out_dir"}
    sha.update(json.dumps([__version__, request, job.stem], sort_keys=True).encode())
    loaded: Loaded | None = job.loaded or job.parsed
    if job.path is not None:
        sha.update(job.source_digest.encode())
    else:
        sha.update(json.dumps(job.loaded.data if job.loaded else None, sort_keys=True, default=str).encode())
    overlays = list(settings.overlays)
    if loaded is not None and isinstance(loaded.data, dict):
        try:
            overlays += overlays_named_in(loaded, job.base_dir or Path.cwd())
        except PolicyError:
            return "bad-overlay"
        for referenced in _referenced_files(loaded.data, settings):
            sha.update(_file_digest((job.base_dir or Path.cwd()) / referenced))  # an absolute path stays itself
    sha.update(_static_digest(tuple(str(Path(o).resolve()) for o in overlays)).encode())
    return sha.hexdigest()


def _file_digest(path: Path) -> bytes:
    """A referenced file's content hash; a marker for one that is missing, not a regular file,
    larger than any logo or theme may be, or unreadable (the build then says what is wrong)."""
    try:
        return hashlib.sha256(read_bounded(path, MAX_REFERENCED_BYTES)).digest()
    except PolicyError as exc:  # missing, not a regular file, too large, a name too long or with a NUL...
        return f"unreadable:{exc}".encode()


def _referenced_files(data: dict[str, Any], settings: Settings) -> list[Path]:
    """The files an options file's output depends on besides itself: logos and a theme file."""
    files: list[Path] = []
    school, theme = data.get("school"), data.get("theme")
    if isinstance(school, dict) and isinstance(school.get("logo"), str):
        files.append(Path(school["logo"]))
    if isinstance(theme, str):
        files.append(Path(theme))
    if isinstance(theme, dict) and isinstance(theme.get("logo"), str):
        files.append(Path(theme["logo"]))
    if settings.theme_file is not None:
        files.append(settings.theme_file.resolve())
    return files


_STATIC: dict[tuple[str, ...], str] = {}


def _static_digest(overlays: tuple[str, ...]) -> str:
    """The libraries, overlays and templates: hashed once per run."""
    if overlays not in _STATIC:
        roots = [LIBRARIES_DIR / name for name in available_libraries()] + [Path(o) for o in overlays]
        _STATIC[overlays] = digest(*roots, TEMPLATES_DIR)
    return _STATIC[overlays]
