"""Many schools at once: option files, folders of them, or a CSV file with one school a row.

Each school is built by the same `build()` as a single one, in worker processes.
A school whose inputs (its options, the library and overlays, the templates, the
tool's version, the formats asked for) hash the same as at its last successful
build into the same folder, and whose outputs are still there, is not rebuilt.
The hashes are kept in `OUTDIR/.policygen-batch.json`, written after every
school, so an interrupted batch resumes where it stopped. A CSV file's rows are read
by `csv_rows`.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import stat
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from . import __version__
from .atomic import write_bytes_atomic
from .build import (
    available_libraries,
    build,
    library_for,
    output_stem,
    overlays_named_in,
)
from .csv_rows import read_rows
from .errors import MissingSystemLibrary, PolicyError, Problem
from .formats import DEFAULT_FORMATS
from .library import LIBRARIES_DIR, digest
from .load import MAX_FILE_BYTES, Loaded, load_yaml
from .logo import MAX_LOGO_BYTES
from .messages import say
from .slug import slugify

STATE_FILE = ".policygen-batch.json"
TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"
MAX_REFERENCED_BYTES = max(MAX_LOGO_BYTES, MAX_FILE_BYTES)  # the most a logo or theme file may be


@dataclass
class Job:
    """One school to build: an options file, or a CSV row already loaded."""

    key: str  # stable identity in the state file: the file's path, or CSV path#row name
    label: str  # what the summary calls it: the file, or the CSV file and line
    loaded: Loaded | None = None
    path: Path | None = None
    base_dir: Path | None = None
    stem: str = ""
    digest: str = ""
    parsed: Loaded | None = None  # an options file as read while planning (None if it could not be read)
    errors: list[Problem] = field(default_factory=list)  # a CSV row that cannot be read as it stands: fails unbuilt


@dataclass
class JobResult:
    key: str
    label: str
    school: str
    status: str  # built | unchanged | failed
    outputs: list[str] = field(default_factory=list)
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)
    digest: str = ""


@dataclass(frozen=True)
class Settings:
    out_dir: Path
    formats: tuple[str, ...] = DEFAULT_FORMATS
    edition: str = "adopted"
    language: str | None = None
    pdf_variant: str = "pdf/ua-1"
    overlays: tuple[Path, ...] = ()
    theme_file: Path | None = None
    report_language: str = "en"  # the language of each school's errors in the summary


def run_batch(
    inputs: Sequence[Path],
    settings: Settings,
    *,
    workers: int | None = None,
    force: bool = False,
    progress: Callable[[JobResult], None] | None = None,
    jobs: list[Job] | None = None,
) -> list[JobResult]:
    """Build every school in `inputs` (or the `jobs` already planned from them); one result per school."""
    out = settings.out_dir
    out.mkdir(parents=True, exist_ok=True)
    _remove_stale_parts(out)
    jobs = plan(inputs, settings) if jobs is None else jobs
    state = _read_state(out)
    results: dict[str, JobResult] = {}
    todo: list[Job] = []
    for job in jobs:
        previous = state.get(job.key)
        if not force and previous and previous.get("digest") == job.digest and _outputs_exist(out, previous):
            result = JobResult(job.key, job.label, previous.get("school", ""), "unchanged", previous["outputs"])
            results[job.key] = result
            if progress:
                progress(result)
        else:
            todo.append(job)
    for result in _execute(todo, settings, workers):
        results[result.key] = result
        if result.status == "built":
            state[result.key] = {"digest": result.digest, "school": result.school, "outputs": result.outputs}
        else:
            state.pop(result.key, None)
        _write_state(out, state)
        if progress:
            progress(result)
    return [results[job.key] for job in jobs]


# ---- planning ---------------------------------------------------------------------


def plan(inputs: Sequence[Path], settings: Settings) -> list[Job]:
    """Expand files, folders and CSV files into jobs with stable, unique output names."""
    jobs: list[Job] = []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            jobs += [_file_job(p) for p in sorted(path.glob("*.yaml")) + sorted(path.glob("*.yml"))]
        elif path.suffix.lower() == ".csv":
            jobs += csv_jobs(path)
        else:
            jobs.append(_file_job(path))
    used: dict[str, str] = {}
    for job in jobs:
        stem = job.stem or "politik"
        candidate, number = stem, 2
        while candidate in used and used[candidate] != job.key:
            candidate, number = f"{stem}-{number}", number + 1
        used[candidate] = job.key
        job.stem = candidate
        job.digest = "refused" if job.errors else _job_digest(job, settings)
    return jobs


def _file_job(path: Path) -> Job:
    job = Job(key=str(path.resolve()), label=str(path), path=path, base_dir=path.resolve().parent)
    try:
        job.parsed = load_yaml(path)
        job.stem = output_stem(_school_name(job.parsed.data) or path.stem)
    except PolicyError:
        job.stem = slugify(path.stem)
    return job


def csv_jobs(path: Path) -> list[Job]:
    """One job a row of a CSV file (see `csv_rows`); a row that cannot be read as it stands fails unbuilt."""
    jobs = []
    for row in read_rows(path):
        name = _school_name(row.loaded.data)
        key = f"{path.resolve()}#{slugify(name) if name else row.line}"
        job = Job(key=key, label=f"{path}:{row.line}", loaded=row.loaded, base_dir=path.resolve().parent)
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
        if job.parsed is None:
            return "unreadable"
        try:
            sha.update(job.path.read_bytes())
        except OSError:
            return "unreadable"
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
        if not stat.S_ISREG((status := path.stat()).st_mode):
            return b"not-a-file"
        if status.st_size > MAX_REFERENCED_BYTES:
            return b"too-large"
        return hashlib.sha256(path.read_bytes()).digest()
    except (OSError, ValueError) as exc:  # missing, a name too long or with a NUL, no permission, ...
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


# ---- running ----------------------------------------------------------------------


def _execute(jobs: list[Job], settings: Settings, workers: int | None) -> Any:
    if not jobs:
        return
    workers = max(1, min(workers or os.cpu_count() or 1, len(jobs)))
    _preload(settings, jobs)
    if workers == 1:
        for job in jobs:
            yield build_job(job, settings)
        return
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        futures = [pool.submit(build_job, job, settings) for job in jobs]
        for future in as_completed(futures):
            yield future.result()


def _preload(settings: Settings, jobs: list[Job]) -> None:
    """Import the writers and load the library once, before the workers are forked."""
    if "docx" in settings.formats:
        from . import write_docx  # noqa: F401
    if "pdf" in settings.formats or "html" in settings.formats:
        from . import write_html, write_pdf  # noqa: F401

        if "pdf" in settings.formats:
            try:  # WeasyPrint, its fonts and the parsed stylesheet, shared by every forked worker
                write_pdf.stylesheet()
            except MissingSystemLibrary:
                pass  # reported per school
    for job in jobs[:1]:
        loaded = job.loaded or job.parsed
        if loaded is not None:
            try:
                library_for(loaded, settings.overlays)
            except PolicyError:
                pass


def build_job(job: Job, settings: Settings) -> JobResult:
    """Build one school; never raises: its errors go into the result."""
    start = time.perf_counter()
    result = JobResult(job.key, job.label, "", "failed", digest=job.digest)
    source: Any = job.loaded if job.loaded is not None else job.path
    language = settings.report_language
    if job.errors:
        result.errors = [problem.located(language) for problem in job.errors]
        return result
    try:
        built = build(
            source,
            settings.out_dir,
            settings.formats,
            edition=settings.edition,
            language=settings.language,
            pdf_variant=settings.pdf_variant,
            overlays=settings.overlays,
            base_dir=job.base_dir,
            stem=job.stem,
            theme_file=settings.theme_file,
        )
    except PolicyError as exc:
        result.errors = [problem.located(language) for problem in exc.problems]
    except Exception as exc:
        result.errors = [say(language, "batch_internal", label=job.label, kind=type(exc).__name__, detail=str(exc))]
    else:
        result.status = "built"
        result.school = built.document.meta.school
        result.outputs = [path.name for path in built.outputs] + ([built.record.name] if built.record else [])
    result.seconds = time.perf_counter() - start
    return result


# ---- state --------------------------------------------------------------------------


def _read_state(out: Path) -> dict[str, Any]:
    try:
        state = json.loads((out / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return state.get("schools", {}) if isinstance(state, dict) else {}


def _write_state(out: Path, schools: dict[str, Any]) -> None:
    text = json.dumps({"tool": __version__, "schools": schools}, ensure_ascii=False, indent=1, sort_keys=True)
    write_bytes_atomic(out / STATE_FILE, text.encode("utf-8"))


def _outputs_exist(out: Path, previous: dict[str, Any]) -> bool:
    outputs = previous.get("outputs") or []
    return bool(outputs) and all((out / name).is_file() for name in outputs)


def _remove_stale_parts(out: Path) -> None:
    """Temporary files a killed run left behind (named `.<file>.<random>.part` by `atomic_path`)."""
    for part in out.glob(".*.part"):
        part.unlink(missing_ok=True)
